"""Charts: results as SVG pictures, written by hand — no plotting library, no randomness.

Three pictures, each a function that returns the SVG as text (and ``render(obj, "svg")`` for
the results that have one):

- :func:`heatmap`: every pair of positions, coloured by the number of issues on which they
  conflict (or overlap), from a :class:`~peacepos.MultiComparison` or a
  :class:`~peacepos.analysis.many.RelationMatrix`;
- :func:`issue_matrix`: positions by issues, each cell coloured by the camp the position is in
  on the issue (the maximal agreeing coalitions, largest first), from a ``MultiComparison``;
- :func:`timeline`: one actor's positions on a date axis, each issue marked by how it changed
  since the actor's previous position.

Every cell carries a tooltip (``<title>``) with the words behind it, and colour is never the
only signal: camps are numbered, counts are written in the cells, changes have shapes. Text is
escaped, and the output depends only on the input: the same result gives the same bytes.

>>> import peacepos
>>> china = peacepos.corpus.load("china-2023-02-24")
>>> russia = peacepos.corpus.load("russia-2023-02-24")
>>> svg = heatmap(peacepos.compare_many(china, russia))
>>> svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
True
"""

from __future__ import annotations

import datetime
import html
import itertools
from collections.abc import Mapping, Sequence
from typing import Literal

from peacepos._text import clean_line
from peacepos.analysis.changes import ChangeKind, Changes, changes
from peacepos.analysis.compare import short_names
from peacepos.analysis.many import MultiComparison, RelationMatrix, relation_matrix
from peacepos.analysis.relation import Relation, shared_codebook
from peacepos.position import Position, Reading

__all__ = [
    "CAMP_COLOURS",
    "CHANGE_MARKS",
    "chart",
    "heatmap",
    "issue_matrix",
    "timeline",
]

CAMP_COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00")
"""The colours of the camps on an issue, largest camp first (Okabe and Ito's palette, told
apart with any colour vision); a seventh camp and later share the last colour, and every camp's
number is written in its cells."""

SILENT = "#f2f2f2"
CONTESTED = "#fbe9bd"
INK = "#1b1b1b"
MUTED = "#4d4d4d"
FONT = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif"

CHANGE_MARKS: dict[str, tuple[str, str, str]] = {
    "stated": ("circle", "#5a5a5a", "first position: what it states"),
    "unchanged": ("dot", "#5a5a5a", "unchanged"),
    "hardened": ("down", "#b2182b", "hardened: accepts fewer outcomes than before"),
    "softened": ("up", "#1a7a3f", "softened: accepts more outcomes than before"),
    "shifted": ("diamond", "#7b3294", "shifted: some outcomes kept, some dropped, some added"),
    "reversed": ("cross", "#b2182b", "reversed: nothing accepted before is accepted now"),
    "added": ("plus", "#2166ac", "added: addressed for the first time since the last one"),
    "dropped": ("ring", "#5a5a5a", "dropped: no longer addressed"),
}
"""How :func:`timeline` marks each change: a shape, its colour, and the legend's words."""


# -- text and layout -----------------------------------------------------------------------------


def _esc(text: str) -> str:
    return html.escape(clean_line(text), quote=True)


_NARROW = frozenset("iljtfr.,:;'!|()[] ")
_WIDE = frozenset("mwMW@%&")


def _width(text: str, size: float = 11) -> float:
    """An estimate of the width of ``text`` in pixels, on the generous side (the fonts of
    ``font-family`` differ: DejaVu Sans, common on Linux, is among the widest)."""
    em = sum(
        0.36
        if ch in _NARROW
        else 0.95
        if ch in _WIDE
        else 0.74
        if ch.isupper()
        else 0.65
        if ch.isdigit()
        else 0.62
        for ch in text
    )
    return em * size


def _clip(text: str, limit: int = 60) -> str:
    text = clean_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _hex(rgb: Sequence[float]) -> str:
    return "#" + "".join(f"{round(c):02x}" for c in rgb)


def _rgb(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        x = c / 255
        return x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours ``#rrggbb`` (1 to 21).

    >>> round(contrast("#000000", "#ffffff"), 1)
    21.0
    """
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def ink(fill: str) -> str:
    """The text colour for a fill: black or white, whichever contrasts more — at least 4.58:1
    on any colour (WCAG AA asks 4.5)."""
    return "#000000" if contrast("#000000", fill) >= contrast("#ffffff", fill) else "#ffffff"


def _pale(colour: str, share: float = 0.45) -> str:
    """``colour`` at ``share`` opacity over white, as an opaque colour."""
    return _hex([255 + (c - 255) * share for c in _rgb(colour)])


def _blend(low: str, high: str, t: float) -> str:
    return _hex([a + (b - a) * t for a, b in zip(_rgb(low), _rgb(high), strict=True)])


def _open(width: float, height: float, title: str, description: str) -> list[str]:
    w, h = round(width), round(height)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}" role="img" font-family="{FONT}" font-size="11" fill="{INK}">',
        f"<title>{_esc(title)}</title>",
        f"<desc>{_esc(description)}</desc>",
        f'<rect width="{w}" height="{h}" fill="#ffffff"/>',
    ]


def _link(href: str | None, inner: str) -> str:
    return f'<a href="{html.escape(href, quote=True)}">{inner}</a>' if href else inner


def _rotated(x: float, y: float, text: str, href: str | None = None) -> str:
    label = (
        f'<text x="{x:g}" y="{y:g}" transform="rotate(-60 {x:g} {y:g})">{_esc(_clip(text))}</text>'
    )
    return _link(href, label)


def _labels(positions: Sequence[Position], given: Mapping[str, str] | None) -> dict[str, str]:
    """Row and column names: the caller's, else the short name with the date."""
    names = short_names(positions)
    out = {}
    for p in positions:
        name = names[p.id]
        out[p.id] = name if str(p.date) in name else f"{name} ({p.date})"
    if given:
        out.update({k: v for k, v in given.items() if k in out})
    return out


def _legend_column(items: Sequence[tuple[str, str]]) -> float:
    return max((_width(words) for _, words in items), default=0) + 40


def _legend(x: float, y: float, items: Sequence[tuple[str, str]], column: float) -> list[str]:
    """Two columns of legend entries: (an SVG snippet drawn at the origin, words)."""
    out = []
    for k, (mark, words) in enumerate(items):
        lx, ly = x + (k % 2) * column, y + (k // 2) * 20
        out.append(f'<g transform="translate({lx:g} {ly - 11:g})">{mark}</g>')
        out.append(f'<text x="{lx + 20:g}" y="{ly:g}">{_esc(words)}</text>')
    return out


# -- the pairwise heatmap ------------------------------------------------------------------------


def heatmap(
    result: MultiComparison | RelationMatrix,
    *,
    count: Literal["conflict", "overlap"] = "conflict",
    labels: Mapping[str, str] | None = None,
    links: Mapping[tuple[str, str], str] | None = None,
) -> str:
    """Every pair of positions, coloured and numbered by the issues on which they conflict
    (``count="conflict"``) or overlap (``"overlap"``: same, narrower, broader or overlap).

    ``labels`` names the positions by id (default: the short name and the date; a
    ``RelationMatrix`` knows only ids); ``links`` gives a link for a pair ``(row id, column
    id)``, e.g. to the page comparing the two.

    >>> import peacepos
    >>> m = peacepos.compare_many(peacepos.corpus.load("china-2023-02-24"),
    ...                           peacepos.corpus.load("russia-2023-02-24"))
    >>> svg = heatmap(m)
    >>> ">0</text>" in svg  # no issue in conflict: readers disagree on China's territory
    True
    """
    if count not in ("conflict", "overlap"):
        raise ValueError(f"count must be 'conflict' or 'overlap' (got {count!r})")
    if isinstance(result, MultiComparison):
        matrix = relation_matrix(result.positions, result.reading)
        names = _labels(result.positions, labels)
    else:
        matrix = result
        names = {i: i for i in matrix.ids}
        names.update({k: v for k, v in (labels or {}).items() if k in names})
    ids = matrix.ids
    conflicts = dict(zip(matrix.pairs(), matrix.count(Relation.CONFLICT), strict=True))
    overlaps: dict[tuple[str, str], int] = dict.fromkeys(matrix.pairs(), 0)
    for relation in (Relation.SAME, Relation.NARROWER, Relation.BROADER, Relation.OVERLAP):
        for pair, n in zip(matrix.pairs(), matrix.count(relation), strict=True):
            overlaps[pair] += n
    for (a, b), n in list(conflicts.items()):
        conflicts[(b, a)] = n
    for (a, b), n in list(overlaps.items()):
        overlaps[(b, a)] = n
    shown = conflicts if count == "conflict" else overlaps
    most = max(shown.values(), default=0) or 1
    high = "#a50f15" if count == "conflict" else "#00592b"

    n = len(ids)
    cell = 34
    longest = max((_width(_clip(names[i])) for i in ids), default=0)
    left = round(longest) + 16
    top = round(0.87 * longest) + 24
    width = left + cell * n + round(0.5 * longest) + 16
    words = "conflict" if count == "conflict" else "overlap"
    caption = [
        f"Issues on which two positions {words} ({matrix.reading} reading)"
        + ("; silence is not conflict." if count == "conflict" else "."),
        "Hover over a cell for both counts" + ("; a cell links to the pair." if links else "."),
    ]
    height = top + cell * n + 24 + 16 * len(caption)
    title = f"Pairwise heatmap: issues in {words}, {matrix.reading} reading"
    description = (
        f"{n} positions; each cell counts the issues on which the row and the column {words}."
    )
    out = _open(width, height, title, description)
    for j, pid in enumerate(ids):
        x = left + j * cell + cell / 2 + 4
        out.append(_rotated(x, top - 6, names[pid]))
    for i, a in enumerate(ids):
        y = top + i * cell
        out.append(
            f'<text x="{left - 8}" y="{y + cell / 2 + 4:g}" text-anchor="end">'
            f"{_esc(_clip(names[a]))}</text>"
        )
        for j, b in enumerate(ids):
            x = left + j * cell
            box = f'x="{x + 1}" y="{y + 1}" width="{cell - 2}" height="{cell - 2}"'
            if a == b:
                out.append(f'<rect {box} fill="{SILENT}"/>')
                continue
            k = shown[(a, b)]
            fill = _blend("#ffffff", high, k / most)
            tip = (
                f"{names[a]} × {names[b]}: {conflicts[(a, b)]} issues in conflict, "
                f"{overlaps[(a, b)]} with overlap"
            )
            inner = (
                f'<rect {box} fill="{fill}"><title>{_esc(tip)}</title></rect>'
                f'<text x="{x + cell / 2:g}" y="{y + cell / 2 + 4:g}" text-anchor="middle" '
                f'fill="{ink(fill)}">{k}</text>'
            )
            out.append(_link((links or {}).get((a, b)), inner))
    for k, line in enumerate(caption):
        out.append(
            f'<text x="10" y="{top + cell * n + 24 + 16 * k}" fill="{MUTED}">{_esc(line)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


# -- the issue-by-position matrix ----------------------------------------------------------------


def issue_matrix(
    m: MultiComparison,
    *,
    labels: Mapping[str, str] | None = None,
    issue_links: Mapping[str, str] | None = None,
    position_links: Mapping[str, str] | None = None,
) -> str:
    """Positions (rows) by issues (columns, by title): each cell coloured and numbered by the
    position's camp on the issue — 1 the largest set of positions that still share an
    acceptable outcome there, 2 the next, … (one camp: no conflict among those who speak).

    A paler cell's stance rests on IMPLIED conditions; ``?`` marks a position whose readers
    disagree where the text itself is silent, ``t`` one that speaks only in conditional terms.
    ``issue_links`` and ``position_links`` make the titles and names links (by key and id).

    >>> import peacepos
    >>> m = peacepos.compare_many(peacepos.corpus.load("china-2023-02-24"),
    ...                           peacepos.corpus.load("russia-2023-02-24"))
    >>> "Recognition: Crimea with Sevastopol</text>" in issue_matrix(m)
    True
    """
    issues = [a.issue for a in m.agreements]
    camp: dict[tuple[str, str], int] = {}
    for a in m.agreements:
        for pid in a.addressed_by:
            camp[(a.issue, pid)] = next(
                (k for k, group in enumerate(a.coalitions) if pid in group), 0
            )
    names = _labels(m.positions, labels)
    titles = {a.issue: a.title for a in m.agreements}
    cell = 18
    longest_title = max((_width(_clip(t)) for t in titles.values()), default=0)
    longest_name = max((_width(_clip(n)) for n in names.values()), default=0)
    left = round(longest_name) + 16
    top = round(0.87 * longest_title) + 24
    used = max(camp.values(), default=0) + 1
    legend_items = _matrix_legend(min(used, len(CAMP_COLOURS)))
    legend_x = left if left < 300 else 10
    legend_column = _legend_column(legend_items)
    width = max(
        left + cell * len(issues) + round(0.5 * longest_title) + 16,
        legend_x + 2 * legend_column,
    )
    rows = (len(legend_items) + 1) // 2
    height = top + cell * len(m.positions) + 40 + 20 * rows + 20
    title = f"Issue matrix: each position's camp on each issue, {m.reading} reading"
    description = (
        f"{len(m.positions)} positions by {len(issues)} issues; the number in a cell is the "
        "position's camp on the issue, 1 the largest."
    )
    out = _open(width, height, title, description)
    for j, key in enumerate(issues):
        x = left + j * cell + cell / 2 + 4
        out.append(_rotated(x, top - 6, titles[key], (issue_links or {}).get(key)))
        if j and issues[j - 1].split("/")[0] != key.split("/")[0]:
            x0 = left + j * cell
            y1 = top + cell * len(m.positions) + 4
            out.append(
                f'<line x1="{x0}" y1="{top - 4}" x2="{x0}" y2="{y1}" stroke="#8c8c8c" '
                'stroke-width="1"/>'
            )
    for i, p in enumerate(m.positions):
        y = top + i * cell
        name = (
            f'<text x="{left - 8}" y="{y + cell - 5}" text-anchor="end">'
            f"{_esc(_clip(names[p.id]))}</text>"
        )
        out.append(_link((position_links or {}).get(p.id), name))
        stances = p.stances(m.reading)
        for j, key in enumerate(issues):
            x = left + j * cell
            st = stances.get(key)
            c = st.constraint if st is not None else None
            tip = f"{names[p.id]} — {titles[key]}: "
            mark = ""
            stroke = ""
            if c is not None:
                k = camp.get((key, p.id), 0)
                fill = CAMP_COLOURS[min(k, len(CAMP_COLOURS) - 1)]
                tip += f"{c} (camp {k + 1})"
                if p.constraint(key, "strict") != p.constraint(key, "broad"):
                    fill = _pale(fill)
                    tip += "; rests on IMPLIED conditions"
                mark = str(k + 1)
            elif st is not None and st.contested:
                fill, mark = CONTESTED, "?"
                tip += "readers disagree, and the text itself is silent"
            elif st is not None and st.terms:
                fill, mark = "#ffffff", "t"
                stroke = ' stroke="#4d4d4d" stroke-dasharray="2,2"'
                tip += f"only under conditional terms ({st.under_terms})"
            else:
                fill = SILENT
                tip += "silent"
            out.append(
                f'<rect x="{x + 1}" y="{y + 1}" width="{cell - 2}" height="{cell - 2}" '
                f'fill="{fill}"{stroke}><title>{_esc(tip)}</title></rect>'
            )
            if mark:
                out.append(
                    f'<text x="{x + cell / 2:g}" y="{y + cell - 5}" text-anchor="middle" '
                    f'font-size="10" fill="{ink(fill)}" pointer-events="none">{mark}</text>'
                )
    y = top + cell * len(m.positions) + 32
    out += _legend(legend_x, y, legend_items, legend_column)
    out.append(
        f'<text x="10" y="{y + 20 * rows + 8}" fill="{MUTED}">A camp: positions whose stances '
        "on the issue still share an acceptable outcome (maximal agreeing coalitions, "
        f"{m.reading} reading).</text>"
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _swatch(fill: str, text: str = "", stroke: str = "#8c8c8c", dash: str = "") -> str:
    out = f'<rect width="14" height="14" fill="{fill}" stroke="{stroke}"{dash}/>'
    if text:
        out += (
            f'<text x="7" y="11" text-anchor="middle" font-size="10" fill="{ink(fill)}">'
            f"{text}</text>"
        )
    return out


def _matrix_legend(camps: int) -> list[tuple[str, str]]:
    ordinals = ("second", "third", "fourth", "fifth", "sixth or later")
    return [
        (_swatch(CAMP_COLOURS[0], "1"), "camp 1: the largest on the issue"),
        *(
            (_swatch(CAMP_COLOURS[k], str(k + 1)), f"camp {k + 1}: the {ordinals[k - 1]}")
            for k in range(1, camps)
        ),
        (_swatch(_pale(CAMP_COLOURS[0]), "1"), "paler: the stance rests on IMPLIED conditions"),
        (_swatch(CONTESTED, "?"), "readers disagree, and the text itself is silent"),
        (_swatch("#ffffff", "t", "#4d4d4d", ' stroke-dasharray="2,2"'), "only conditional terms"),
        (_swatch(SILENT), "silent"),
    ]


# -- one actor over time -------------------------------------------------------------------------


def _mark(shape: str, colour: str, x: float, y: float) -> str:
    r = 5.0
    if shape == "circle":
        return f'<circle cx="{x:g}" cy="{y:g}" r="{r:g}" fill="{colour}"/>'
    if shape == "dot":
        return f'<circle cx="{x:g}" cy="{y:g}" r="3" fill="{colour}"/>'
    if shape == "ring":
        return (
            f'<circle cx="{x:g}" cy="{y:g}" r="{r - 1:g}" fill="#ffffff" stroke="{colour}" '
            'stroke-width="1.5"/>'
        )
    if shape in ("up", "down"):
        s = -1 if shape == "up" else 1
        points = f"{x - r:g},{y - s * r:g} {x + r:g},{y - s * r:g} {x:g},{y + s * r:g}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    if shape == "diamond":
        points = f"{x:g},{y - r:g} {x + r:g},{y:g} {x:g},{y + r:g} {x - r:g},{y:g}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    if shape == "cross":
        return (
            f'<path d="M{x - r:g} {y - r:g}L{x + r:g} {y + r:g}M{x - r:g} {y + r:g}'
            f'L{x + r:g} {y - r:g}" stroke="{colour}" stroke-width="2.5"/>'
        )
    # plus
    return (
        f'<path d="M{x - r:g} {y:g}H{x + r:g}M{x:g} {y - r:g}V{y + r:g}" stroke="{colour}" '
        'stroke-width="2.5"/>'
    )


def timeline(
    positions: Sequence[Position],
    *,
    reading: Reading = "broad",
    labels: Mapping[str, str] | None = None,
    issue_links: Mapping[str, str] | None = None,
    position_links: Mapping[str, str] | None = None,
) -> str:
    """One actor's positions over time: a column per position on a date axis, a row per issue
    (by title), each mark saying how the issue changed since the previous position
    (:func:`peacepos.changes`; the shapes are in :data:`CHANGE_MARKS`).

    Positions are put in date order (then by id); two of one day stand side by side, each with
    a tick at its date on the axis. ``labels`` names positions by id (default: the date and
    the title).

    >>> import peacepos
    >>> svg = timeline([peacepos.corpus.load(i) for i in
    ...                 ("russia-2022-04-15", "russia-2023-02-24", "russia-2024-06-14")])
    >>> svg.count('class="column"')
    3
    """
    if not positions:
        raise ValueError("timeline() needs at least one position")
    ordered = sorted(positions, key=lambda p: (p.date, p.id))
    ids = [p.id for p in ordered]
    if len(set(ids)) != len(ids):
        raise ValueError(f"each position may appear once (got {', '.join(ids)})")
    codebook = shared_codebook(ordered)
    names = {p.id: f"{p.date}: {p.title}" for p in ordered}
    names.update({k: v for k, v in (labels or {}).items() if k in names})
    # What each position says on each issue, and how it changed since the one before.
    events: dict[tuple[str, str], tuple[str, str]] = {}
    titles: dict[str, str] = {}
    first = ordered[0].constraints(reading)
    for key, c in first.items():
        events[(ordered[0].id, key)] = ("stated", f"stated: {c}")
        titles[key] = c.issue.title
    for before, after in itertools.pairwise(ordered):
        step: Changes = changes(before, after, reading=reading, related_only=False)
        for ch in step.changes:
            words = (
                f"{ch.kind.value}: {ch.before} → {ch.after}"
                if ch.kind not in (ChangeKind.ADDED, ChangeKind.DROPPED)
                else f"{ch.kind.value}: {ch.after if ch.after is not None else ch.before}"
            )
            events[(after.id, ch.issue)] = (ch.kind.value, words)
            titles[ch.issue] = ch.title
    keys = codebook.sort_keys(titles)

    row = 18
    longest_title = max((_width(_clip(t)) for t in titles.values()), default=0)
    longest_name = max((_width(_clip(n)) for n in names.values()), default=0)
    left = round(longest_title) + 16
    top = round(0.87 * longest_name) + 24
    gap = 30.0
    end = ordered[-1].date
    span = (end - ordered[0].date).days
    plot = max(gap * (len(ordered) - 1), min(760.0, max(320.0, 200.0 * span / 365)))
    start = ordered[0].date

    def at(date: datetime.date) -> float:
        return left + 20 + (plot * (date - start).days / span if span else plot / 2)

    true_x = [at(p.date) for p in ordered]
    column_x: list[float] = []
    for x in true_x:
        column_x.append(max(x, column_x[-1] + gap) if column_x else x)
    if column_x and column_x[-1] > left + 20 + plot:  # pushed past the end: shift back
        shift = column_x[-1] - (left + 20 + plot)
        column_x = [x - shift for x in column_x]
        for i in range(len(column_x) - 2, -1, -1):
            column_x[i] = min(column_x[i], column_x[i + 1] - gap)
    right = max([*column_x, left + 20 + plot]) + 20
    legend = [(_mark(s, c, 7, 7), w) for s, c, w in CHANGE_MARKS.values()]
    legend_column = _legend_column(legend)
    width = max(right + round(0.5 * longest_name) + 16, 10 + 2 * legend_column)
    grid_bottom = top + row * len(keys)
    axis = grid_bottom + 34
    height = axis + 40 + 20 * ((len(legend) + 1) // 2) + 10
    title = f"Timeline: {len(ordered)} positions over time, {reading} reading"
    description = (
        "Each column is a position at its date, each row an issue; a mark says how the issue "
        "changed since the previous position."
    )
    out = _open(width, height, title, description)
    for i, key in enumerate(keys):
        y = top + i * row + row / 2
        label = (
            f'<text x="{left - 8}" y="{y + 4:g}" text-anchor="end">{_esc(_clip(titles[key]))}'
            "</text>"
        )
        out.append(_link((issue_links or {}).get(key), label))
        xs = [column_x[j] for j, p in enumerate(ordered) if (p.id, key) in events]
        if len(xs) > 1:
            out.append(
                f'<line x1="{xs[0]:g}" y1="{y:g}" x2="{xs[-1]:g}" y2="{y:g}" stroke="#d0d0d0" '
                'stroke-width="1"/>'
            )
    for j, p in enumerate(ordered):
        x = column_x[j]
        out.append(f'<g class="column"><title>{_esc(names[p.id])}</title>')
        out.append(
            f'<line x1="{x:g}" y1="{top - 2}" x2="{x:g}" y2="{grid_bottom}" stroke="#ececec"/>'
        )
        out.append(
            f'<line x1="{x:g}" y1="{grid_bottom}" x2="{true_x[j]:g}" y2="{axis}" '
            'stroke="#8c8c8c"/>'
        )
        out.append("</g>")
        out.append(_rotated(x + 4, top - 6, names[p.id], (position_links or {}).get(p.id)))
        for i, key in enumerate(keys):
            found = events.get((p.id, key))
            if found is None:
                continue
            kind, words = found
            shape, colour, _ = CHANGE_MARKS[kind]
            y = top + i * row + row / 2
            out.append(
                f"<g>{_mark(shape, colour, x, y)}<title>"
                f"{_esc(f'{names[p.id]} — {titles[key]}: {words}')}</title></g>"
            )
    out.append(
        f'<line x1="{left + 10}" y1="{axis}" x2="{left + 30 + plot:g}" y2="{axis}" '
        f'stroke="{MUTED}"/>'
    )
    for x in true_x:
        out.append(
            f'<line x1="{x:g}" y1="{axis - 4}" x2="{x:g}" y2="{axis + 4}" stroke="{MUTED}"/>'
        )
    # A label per year, at 1 January, and the first year's at the first date if there is room.
    ticks = [(at(datetime.date(y, 1, 1)), str(y)) for y in range(start.year + 1, end.year + 1)]
    if not ticks:  # within one year: the first and the last date
        ticks = [(at(start), str(start))]
        if at(end) - at(start) > 80:
            ticks.append((at(end), str(end)))
    elif ticks[0][0] - at(start) > 40:
        ticks.insert(0, (at(start), str(start.year)))
    for x, text in ticks:
        out.append(
            f'<text x="{x:g}" y="{axis + 18}" text-anchor="middle" fill="{MUTED}">{text}</text>'
        )
    out += _legend(10, axis + 46, legend, legend_column)
    out.append("</svg>")
    return "\n".join(out) + "\n"


# -- the chart of a result -----------------------------------------------------------------------


def chart(obj: object) -> str | None:
    """The picture of a result, or None if it has none: a ``MultiComparison``'s issue matrix,
    a ``RelationMatrix``'s heatmap, a ``Changes``'s timeline of its two positions."""
    if isinstance(obj, MultiComparison):
        return issue_matrix(obj)
    if isinstance(obj, RelationMatrix):
        return heatmap(obj)
    if isinstance(obj, Changes):
        return timeline((obj.earlier, obj.later), reading=obj.reading)
    return None
