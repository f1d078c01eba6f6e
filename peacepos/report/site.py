"""A static site of a corpus of positions: plain HTML pages that link to each other.

:func:`site_files` gives every page as text, by its path in the site; writing them is
:func:`peacepos.library.write_site` (and ``peacepos site OUTDIR`` on the command line), which
puts the whole site in place at once. No server and no framework: the pages open from disk, and
a few lines of plain JavaScript on the index filter its table.

What the site holds:

- ``index.html``: every position with its date, actors, codebook and confidence, and each
  codebook with its verdicts;
- ``positions/ID.html``: a position's stance on each issue, its conditions with their evidence
  (source addresses as links), and its comparisons;
- ``codebooks/NAME/index.html``: the positions of one codebook (only positions of one codebook
  can be compared), their pairwise heatmap (each cell links to the pair), the issue matrix
  with camps, and links to everything below;
- ``codebooks/NAME/issues/KEY.html``: one issue: its camps, and each position's stance with the
  evidence behind it;
- ``codebooks/NAME/pairs/A--B.html``: two positions compared, finding by finding;
- ``codebooks/NAME/deal.html``, ``common-ground.html``, ``vocabulary.html``: the deal, the
  N-way comparison and the codebook of the positions;
- ``codebooks/NAME/actors/SLUG.html``: one actor's positions over time, where it has several.

Every page is reachable from the index, and every finding's evidence is within three clicks of
it (index, codebook, pair or issue page, footnote). The same positions give the same bytes.

>>> import peacepos
>>> files = site_files([peacepos.corpus.load("china-2023-02-24"),
...                     peacepos.corpus.load("russia-2023-02-24")])
>>> [name for name in files if "/issues/" not in name]  # doctest: +NORMALIZE_WHITESPACE
['.peacepos-site',
 'codebooks/russia-ukraine/common-ground.html',
 'codebooks/russia-ukraine/deal.html',
 'codebooks/russia-ukraine/index.html',
 'codebooks/russia-ukraine/pairs/china-2023-02-24--russia-2023-02-24.html',
 'codebooks/russia-ukraine/vocabulary.html',
 'index.html',
 'peacepos.css',
 'positions/china-2023-02-24.html',
 'positions/russia-2023-02-24.html']
"""

from __future__ import annotations

import html
import itertools
import posixpath
import re
from collections.abc import Iterable, Sequence

import attrs

from peacepos._text import clean_line
from peacepos.analysis.changes import changes
from peacepos.analysis.compare import compare
from peacepos.analysis.deals import Deal, deals
from peacepos.analysis.many import IssueAgreement, MultiComparison, compare_many
from peacepos.conditions import Basis, Condition
from peacepos.constraints import Constraint
from peacepos.position import Position, Reading, Stance
from peacepos.report import charts
from peacepos.report.tables import codebook_table, evidence_text, table_of
from peacepos.report.writers import CSS, html_page, html_table, html_text

__all__ = ["MARKER", "STYLESHEET", "site_files"]

MARKER = ".peacepos-site"
"""The file that marks a directory as a peacepos site: writing a site replaces only an empty
directory or one that holds it."""

STYLESHEET = "peacepos.css"

_SITE_CSS = """
.peacepos.peacepos nav.crumbs { font-size: 13px; margin: 0.3em 0 0.8em; }
.peacepos.peacepos footer { font-size: 12px; margin: 2em 0 1em; }
.peacepos.peacepos .chart { overflow-x: auto; max-width: 100%; margin: 0.5em 0 1.5em; }
.peacepos.peacepos .chart svg { display: block; }
.peacepos.peacepos ul.columns { columns: 22em; column-gap: 2em; padding-left: 1.2em; }
.peacepos.peacepos ul.columns li { break-inside: avoid; }
.peacepos.peacepos input[type="search"] { font: inherit; width: 100%; max-width: 32em;
  padding: 4px 8px; margin: 0.5em 0; color: var(--pp-text); background: var(--pp-page);
  border: 1px solid var(--pp-rule); box-sizing: border-box; }
.peacepos.peacepos .muted { font-size: 12px; }
.peacepos.peacepos td.nw { white-space: nowrap; }
@media (max-width: 40em) {
  .peacepos.peacepos #positions thead { display: none; }
  .peacepos.peacepos #positions tr { display: block; padding: 6px 0;
    border-bottom: 1px solid var(--pp-rule); }
  .peacepos.peacepos #positions tr[hidden] { display: none; }
  .peacepos.peacepos #positions td { display: inline; border: none; padding: 0 6px 0 0; }
  .peacepos.peacepos #positions td:nth-child(2) { display: block; padding: 2px 0; }
}
.peacepos.peacepos tr:target td { outline: 2px solid var(--pp-mark); }
"""

_FILTER_SCRIPT = """<script>
(function () {
  var box = document.getElementById("filter");
  var rows = document.querySelectorAll("#positions tbody tr");
  var count = document.getElementById("shown");
  box.hidden = false;
  box.addEventListener("input", function () {
    var words = box.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var hit = words.every(function (w) { return text.indexOf(w) >= 0; });
      row.hidden = !hit;
      if (hit) { shown += 1; }
    });
    count.textContent = shown + " of " + rows.length + " positions";
  });
})();
</script>"""


def _e(text: str) -> str:
    return html.escape(clean_line(text), quote=True)


def _slug(key: str) -> str:
    """A file name for an issue key or id: ``territory/crimea`` → ``territory--crimea`` (keys
    and ids never hold ``--``, so no two keys share a file)."""
    return key.replace("/", "--")


def _words_slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "actor"


def _href(here: str, there: str) -> str:
    """The relative link from the page ``here`` to ``there`` (site paths, ``#anchors`` kept)."""
    target, _, anchor = there.partition("#")
    rel = posixpath.relpath(target, posixpath.dirname(here) or ".")
    return _e(rel + (f"#{anchor}" if anchor else ""))


def _a(here: str, there: str, text: str) -> str:
    return f'<a href="{_href(here, there)}">{_e(text)}</a>'


def _table(
    columns: Sequence[str],
    rows: Iterable[Sequence[str] | _Row],
    ident: str = "",
    nowrap: Sequence[int] = (),
) -> list[str]:
    """A table of cells that are already HTML (escape text before); the columns ``nowrap``
    keep their text on one line (dates, names of codebooks)."""
    table = f'<table id="{ident}">' if ident else "<table>"
    out = [f'<div class="scroll">{table}']
    out.append("<thead><tr>" + "".join(f"<th>{_e(c)}</th>" for c in columns) + "</tr></thead>")
    out.append("<tbody>")
    for row in rows:
        cells, attributes = (
            (row.cells, f' id="{row.ident}"') if isinstance(row, _Row) else (row, "")
        )
        out.append(
            f"<tr{attributes}>"
            + "".join(
                f'<td class="nw">{c}</td>' if j in nowrap else f"<td>{c}</td>"
                for j, c in enumerate(cells)
            )
            + "</tr>"
        )
    out.append("</tbody></table></div>")
    return out


@attrs.frozen
class _Row:
    """A row of HTML cells with an ``id``, so that other pages can link to it."""

    cells: tuple[str, ...]
    ident: str


@attrs.frozen(kw_only=True)
class _Book:
    """One codebook's part of the site: its positions and what is computed from them."""

    name: str
    title: str
    positions: tuple[Position, ...]
    many: MultiComparison | None
    deal: Deal | None
    actors: tuple[tuple[str, tuple[Position, ...]], ...]  # (slug, positions over time)

    @property
    def home(self) -> str:
        return f"codebooks/{self.name}/index.html"

    def issue(self, key: str) -> str:
        return f"codebooks/{self.name}/issues/{_slug(key)}.html"

    def pair(self, a: Position, b: Position) -> str:
        first, second = sorted((a, b), key=lambda p: (p.date, p.id))
        return f"codebooks/{self.name}/pairs/{first.id}--{second.id}.html"

    def actor(self, slug: str) -> str:
        return f"codebooks/{self.name}/actors/{slug}.html"

    def page(self, name: str) -> str:
        return f"codebooks/{self.name}/{name}.html"


def _position_page(p: Position) -> str:
    return f"positions/{p.id}.html"


def _crumbs(here: str, trail: Sequence[tuple[str, str]]) -> str:
    if here == "index.html":
        return '<nav class="crumbs">All positions</nav>'
    links = [_a(here, "index.html", "All positions")]
    links += [_a(here, path, text) for path, text in trail]
    return '<nav class="crumbs">' + " › ".join(links) + "</nav>"


def _page(here: str, title: str, trail: Sequence[tuple[str, str]], body: Sequence[str]) -> str:
    css = _href(here, STYLESHEET)
    return html_page(
        f"{title} — peacepos",
        [
            _crumbs(here, trail),
            *body,
            '<footer class="muted">Made with peacepos from the positions\' conditions and '
            "their evidence; every verdict is computed, not written by hand.</footer>",
        ],
        head=[f'<link rel="stylesheet" href="{css}">'],
    )


def _named(p: Position) -> str:
    return f"{p.label} ({p.date})"


# -- the index ------------------------------------------------------------------------------------


def _index(books: Sequence[_Book], reading: Reading) -> str:
    here = "index.html"
    positions = sorted((p for b in books for p in b.positions), key=lambda p: (p.date, p.id))
    rows = []
    for p in positions:
        book = next(b for b in books if p.codebook.name == b.name)
        rows.append(
            (
                _e(str(p.date)),
                _a(here, _position_page(p), p.title),
                _e(", ".join(p.actors)),
                _a(here, book.home, book.name),
                _e(p.confidence_level or "—"),
                _e(str(len(p.all_conditions))),
            )
        )
    body = [
        "<h1>Positions</h1>",
        f"<p>{len(positions)} positions in {len(books)} codebook"
        f"{'' if len(books) == 1 else 's'}. Positions of one codebook are compared with each "
        f"other ({reading} reading); each position's page lists its conditions with their "
        "evidence.</p>",
        '<input type="search" id="filter" placeholder="Filter: words in any column" '
        'aria-label="Filter the positions" hidden>',
        f'<p class="muted" id="shown" aria-live="polite">{len(positions)} positions</p>',
        *_table(
            ("Date", "Position", "Actors", "Codebook", "Confidence", "Conditions"),
            rows,
            "positions",
            nowrap=(0, 3),
        ),
        "<h2>Codebooks</h2>",
        "<ul>",
    ]
    for b in books:
        verdict = (
            ""
            if b.deal is None
            else " — "
            + _a(
                here,
                b.page("deal"),
                "a settlement exists" if b.deal.exists else "no settlement",
            )
        )
        body.append(
            f"<li>{_a(here, b.home, b.title)} ({_e(b.name)}): {len(b.positions)} position"
            f"{'' if len(b.positions) == 1 else 's'}{verdict}</li>"
        )
    body += ["</ul>", _FILTER_SCRIPT]
    return _page(here, "Positions", (), body)


# -- a position -----------------------------------------------------------------------------------


def _position(p: Position, book: _Book, reading: Reading) -> str:
    here = _position_page(p)
    stances = p.stances(reading)
    keys = p.codebook.sort_keys(stances)
    rows = []
    for key in keys:
        st = stances[key]
        accepts = _accepts(st)
        basis = (
            "implied"
            if any(c.evidence.basis is Basis.IMPLIED for c in st.conditions)
            else "explicit"
        )
        rows.append(
            _Row(
                (
                    _a(here, book.issue(key), p.codebook[key].title),
                    _e(accepts),
                    _e(basis if st.conditions else "—"),
                ),
                ident=f"issue-{_slug(key)}",
            )
        )
    meta = [
        f"<p><b>{_e(', '.join(p.actors))}</b>, {_e(str(p.date))}; codebook "
        f"{_a(here, book.home, book.name)}; id <code>{_e(p.id)}</code>.</p>"
    ]
    if p.confidence or p.confidence_level:
        level = f"{p.confidence_level}: " if p.confidence_level else ""
        meta.append(f"<p>Confidence: {_e(level + p.confidence)}</p>")
    others = [q for q in book.positions if q.id != p.id]
    compared = (
        '<ul class="columns">'
        + "".join(f"<li>{_a(here, book.pair(p, q), f'vs {_named(q)}')}</li>" for q in others)
        + "</ul>"
        if others
        else "<p>No other position of this codebook to compare with.</p>"
    )
    over_time = [
        f"<p>{_a(here, book.actor(slug), f'{_e(p.label)} over time')} "
        f"({len(group)} positions).</p>"
        for slug, group in book.actors
        if p in group
    ]
    table = attrs.evolve(table_of(p), title="Conditions and their evidence")
    body = [
        f"<h1>{_e(p.title)}</h1>",
        *meta,
        f"<h2>Stances by issue ({reading} reading)</h2>",
        *_table(("Issue", "Accepts", "Basis"), rows),
        *html_table(table, 2),
        "<h2>Compared with</h2>",
        compared,
        *over_time,
    ]
    return _page(here, p.title, ((book.home, book.name),), body)


# -- a codebook -----------------------------------------------------------------------------------


def _home(book: _Book, reading: Reading) -> str:
    here = book.home
    body = [f"<h1>{_e(book.title)}</h1>"]
    m = book.many
    positions = [
        f"<li>{_a(here, _position_page(p), _named(p))}: {_e(p.title)}</li>" for p in book.positions
    ]
    body += [
        f"<p>Codebook <code>{_e(book.name)}</code>: "
        f"{_a(here, book.page('vocabulary'), 'its issues and kinds')}. "
        f"{len(book.positions)} positions, compared under the {reading} reading.</p>",
        "<h2>Positions</h2>",
        '<ul class="columns">',
        *positions,
        "</ul>",
    ]
    if m is not None and book.deal is not None:
        links = {
            (a.id, b.id): _href(here, book.pair(a, b))
            for a, b in itertools.permutations(m.positions, 2)
        }
        body += [
            "<h2>Who conflicts with whom</h2>",
            "<p>The number of issues on which two positions accept no common outcome; a cell "
            "opens the two compared, finding by finding, with the evidence.</p>",
            f'<div class="chart">{charts.heatmap(m, links=links)}</div>',
            "<h2>Every position on every issue</h2>",
            "<p>Each cell is a position's camp on an issue: 1 the largest set of positions "
            "that still share an acceptable outcome there. An issue's title opens its page.</p>",
            '<div class="chart">'
            + charts.issue_matrix(
                m,
                issue_links={a.issue: _href(here, book.issue(a.issue)) for a in m.agreements},
                position_links={p.id: _href(here, _position_page(p)) for p in m.positions},
            )
            + "</div>",
            "<h2>Together</h2>",
            "<ul>",
            f"<li>{_a(here, book.page('common-ground'), 'Common ground of all')}: "
            f"{len(m.common_ground)} issues with joint common ground, {len(m.blocking)} "
            "blocking.</li>",
            f"<li>{_a(here, book.page('deal'), 'A deal')}: "
            + (
                "a settlement every position accepts exists."
                if book.deal.exists
                else "no settlement every position accepts; the page lists what blocks it."
            )
            + "</li>",
            "</ul>",
        ]
    body += ["<h2>Issues</h2>", '<ul class="columns">']
    agreements = {a.issue: a for a in _agreements(book)}
    for key, title in _issues(book, reading):
        a = agreements.get(key)
        verdict = (
            "only under conditional terms, or readers disagree"
            if a is None
            else "blocking"
            if a.blocking
            else "one position only"
            if len(a.addressed_by) == 1
            else "common ground"
        )
        body.append(f"<li>{_a(here, book.issue(key), title)} — {_e(verdict)}</li>")
    body.append("</ul>")
    if book.actors:
        body += ["<h2>Over time</h2>", "<ul>"]
        for slug, group in book.actors:
            body.append(
                f"<li>{_a(here, book.actor(slug), group[0].label)}: {len(group)} positions, "
                f"{_e(str(group[0].date))} to {_e(str(group[-1].date))}</li>"
            )
        body.append("</ul>")
    return _page(here, book.title, (), body)


def _agreements(book: _Book) -> tuple[IssueAgreement, ...]:
    """Where the positions stand together on each issue one of them accepts something on."""
    return book.many.agreements if book.many is not None else ()


def _issues(book: _Book, reading: Reading) -> list[tuple[str, str]]:
    """(key, title) of every issue a position speaks to: unconditionally, only under
    conditional terms, or where its readers disagree; in the codebook's order."""
    titles: dict[str, str] = {}
    for p in book.positions:
        for key in p.stances(reading):
            titles.setdefault(key, p.codebook[key].title)
    return [(key, titles[key]) for key in book.positions[0].codebook.sort_keys(titles)]


# -- an issue -------------------------------------------------------------------------------------


def _accepts(stance: Stance) -> str:
    if stance.constraint is not None:
        return str(stance.constraint)
    if stance.contested:
        return "readers disagree: " + "; ".join(
            f"{r.reader}: {r.constraint}" for r in stance.contested
        )
    return f"only under conditional terms: {stance.under_terms}"


def _behind(stance: Stance) -> list[Condition]:
    """Every condition behind a stance: its own, its terms', each reader's."""
    found = [
        *stance.conditions,
        *(t.condition for t in stance.terms),
        *(c for r in stance.contested for c in r.conditions),
    ]
    return list(dict.fromkeys(found))


def _issue(book: _Book, key: str, title: str, reading: Reading) -> str:
    here = book.issue(key)
    anchor = f"#issue-{_slug(key)}"
    by_id = {p.id: p for p in book.positions}
    a = next((x for x in _agreements(book) if x.issue == key), None)
    body = [f"<h1>{_e(title)}</h1>", f"<p>Issue <code>{_e(key)}</code>.</p>"]
    if a is None:
        body.append(
            "<p>No position accepts anything here unconditionally: they speak to it only "
            "under conditional terms, or their readers disagree.</p>"
        )
    elif a.blocking:
        body.append(
            "<p><b>Blocking:</b> no outcome is acceptable to every position that addresses "
            "this issue.</p>"
        )
    elif len(a.addressed_by) > 1:
        body.append(f"<p><b>Joint common ground:</b> {_e(str(a.common_ground))}.</p>")
    if a is not None and len(a.addressed_by) > 1:
        body += [
            "<h2>Camps</h2>",
            "<p>The largest sets of positions that still share an acceptable outcome here, "
            "largest first.</p>",
            "<ol>",
        ]
        for group in a.coalitions:
            shared = _joint([by_id[i].constraint(key, reading) for i in group])
            members = ", ".join(
                _a(here, _position_page(by_id[i]) + anchor, _named(by_id[i])) for i in group
            )
            body.append(f"<li>{members} — all accept {_e(str(shared))}</li>")
        body.append("</ol>")
    body.append("<h2>Each position, with its evidence</h2>")
    rows = []
    silent = []
    for p in book.positions:
        st = p.stances(reading).get(key)
        if st is None:
            silent.append(p)
            continue
        camp = next((k for k, g in enumerate(a.coalitions, 1) if p.id in g), 0) if a else 0
        evidence = "<br>".join(html_text(evidence_text(p.label, c)) for c in _behind(st))
        rows.append(
            (
                _a(here, _position_page(p) + anchor, _named(p)),
                _e(_accepts(st)),
                _e(str(camp) if camp else "—"),
                evidence or "—",
            )
        )
    body += _table(("Position", "Accepts", "Camp", "Evidence"), rows)
    if silent:
        body.append(
            "<p>Silent here (silence is not acceptance): "
            + ", ".join(_a(here, _position_page(p), _named(p)) for p in silent)
            + ".</p>"
        )
    return _page(here, title, ((book.home, book.name),), body)


def _joint(constraints: Sequence[Constraint | None]) -> Constraint | None:
    found = [c for c in constraints if c is not None]
    if not found:
        return None
    common = found[0]
    for c in found[1:]:
        common = common & c
    return common


# -- pairs, deals, the N-way table, the vocabulary, actors ----------------------------------------


def _report(book: _Book, here: str, title: str, obj: object) -> str:
    return _page(here, title, ((book.home, book.name),), html_table(table_of(obj), 1))


def _actor(book: _Book, slug: str, group: Sequence[Position], reading: Reading) -> str:
    here = book.actor(slug)
    label = group[0].label
    body = [
        f"<h1>{_e(label)} over time</h1>",
        f"<p>{len(group)} positions, each issue marked by how it changed since the one "
        f"before ({reading} reading).</p>",
        '<div class="chart">'
        + charts.timeline(
            group,
            reading=reading,
            position_links={p.id: _href(here, _position_page(p)) for p in group},
            issue_links={
                key: _href(here, book.issue(key)) for p in group for key in p.constraints(reading)
            },
        )
        + "</div>",
    ]
    for before, after in itertools.pairwise(group):
        body += html_table(table_of(changes(before, after, reading=reading)), 2)
    return _page(here, f"{label} over time", ((book.home, book.name),), body)


def _actor_groups(positions: Sequence[Position]) -> tuple[tuple[str, tuple[Position, ...]], ...]:
    groups: dict[tuple[str, ...], list[Position]] = {}
    for p in positions:
        groups.setdefault(tuple(sorted(p.actors)), []).append(p)
    out: list[tuple[str, tuple[Position, ...]]] = []
    used: set[str] = set()
    for _, group in sorted(groups.items()):
        slug = _words_slug(group[0].label)
        if slug in used:
            slug = f"{slug}-{group[0].id}"
        used.add(slug)
        out.append((slug, tuple(group)))
    return tuple(out)


# -- the whole site -------------------------------------------------------------------------------


def site_files(positions: Iterable[Position], *, reading: Reading = "broad") -> dict[str, str]:
    """Every file of the site, by its path in the site (``/``-separated), in path order.

    Positions are grouped by codebook; each group is compared pairwise, N-way and as a deal
    under ``reading`` (pairs show both readings). The same positions, in any order, give the
    same files.
    """
    unique: dict[str, Position] = {}
    for p in positions:
        if p.id in unique and unique[p.id] != p:
            raise ValueError(f"two different positions have the id {p.id!r}")
        unique[p.id] = p
    if not unique:
        raise ValueError("a site needs at least one position")
    by_book: dict[str, list[Position]] = {}
    for p in sorted(unique.values(), key=lambda p: (p.date, p.id)):
        by_book.setdefault(p.codebook.name, []).append(p)
    books = []
    for name in sorted(by_book):
        group = by_book[name]
        many = compare_many(*group, reading=reading) if len(group) > 1 else None
        books.append(
            _Book(
                name=name,
                title=group[0].codebook.title,
                positions=tuple(many.positions if many is not None else group),
                many=many,
                deal=deals(*group, reading=reading) if len(group) > 1 else None,
                actors=tuple((slug, g) for slug, g in _actor_groups(group) if len(g) > 1),
            )
        )
    files: dict[str, str] = {
        MARKER: "A static site written by peacepos (peacepos site); writing the site again "
        "replaces this directory.\n",
        STYLESHEET: CSS.lstrip("\n") + _SITE_CSS.lstrip("\n"),
        "index.html": _index(books, reading),
    }
    for book in books:
        files[book.home] = _home(book, reading)
        files[book.page("vocabulary")] = _page(
            book.page("vocabulary"),
            f"Codebook {book.name}",
            ((book.home, book.name),),
            html_table(codebook_table(book.positions[0].codebook), 1),
        )
        for p in book.positions:
            files[_position_page(p)] = _position(p, book, reading)
        for key, title in _issues(book, reading):
            files[book.issue(key)] = _issue(book, key, title, reading)
        if book.many is not None and book.deal is not None:
            files[book.page("common-ground")] = _report(
                book, book.page("common-ground"), "Common ground", book.many
            )
            files[book.page("deal")] = _report(book, book.page("deal"), "Deal", book.deal)
            for a, b in itertools.combinations(book.positions, 2):
                pair = compare(a, b)
                files[book.pair(a, b)] = _report(
                    book, book.pair(a, b), f"{_named(a)} vs {_named(b)}", pair
                )
        for slug, over_time in book.actors:
            files[book.actor(slug)] = _actor(book, slug, over_time, reading)
    return dict(sorted(files.items()))
