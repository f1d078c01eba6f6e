"""The one rendering path: comparisons, N-way results, changes and positions as tables.

Every format is built from the same :class:`Table` (caption, columns, rows, legend, sources)
and written by one writer per format: ``plain``, ``markdown``, ``html`` (a standalone page),
``html-fragment`` (for notebooks), ``latex`` (booktabs), ``csv`` and ``json``. User text is
escaped for the format it lands in.

>>> import peacepos
>>> c = peacepos.compare(peacepos.corpus.load("china-2023-02-24"),
...                      peacepos.corpus.load("russia-2023-02-24"))
>>> print(render(c, "markdown").splitlines()[0])
### China vs Russia
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

from attrs import field, frozen
from tabulate import tabulate

from peacepos.compare import (
    ChangeKind,
    Changes,
    Comparison,
    Finding,
    IssueAgreement,
    MultiComparison,
    Relation,
    _labels,
    short_names,
)
from peacepos.conditions import Basis, Condition, Evidence
from peacepos.constraints import Constraint, IntervalSet
from peacepos.issues import get_issue
from peacepos.position import Position, Reading

__all__ = [
    "FORMATS",
    "JSON_SCHEMA_VERSION",
    "Table",
    "finding_record",
    "render",
]

FORMATS = ("plain", "markdown", "html", "html-fragment", "latex", "csv", "json")
JSON_SCHEMA_VERSION = 1

VERDICT_WORDS = {
    Relation.SAME: "same",
    Relation.NARROWER: "narrower",
    Relation.BROADER: "broader",
    Relation.OVERLAP: "overlap",
    Relation.CONFLICT: "CONFLICT",
}


@frozen(kw_only=True)
class Table:
    """A format-independent table: what every writer renders."""

    title: str
    columns: tuple[str, ...]
    subtitle: str = ""
    rows: tuple[tuple[str, ...], ...]
    kinds: tuple[str, ...] = ()  # one CSS class per row (verdict), for colour
    summary: str = ""
    legend: tuple[tuple[str, str], ...] = ()
    sources: tuple[str, ...] = ()  # footnote texts, numbered from 1
    details: tuple[str, ...] = ()  # per row, plain text shown on demand (HTML)
    label: str = "peacepos"
    sections: tuple[Table, ...] = field(default=())


# -- text helpers -------------------------------------------------------------------------


def _constraint(c: Constraint | None) -> str:
    return "—" if c is None else str(c)


def _verdict(f: Finding) -> str:
    if f.relation is Relation.ONLY_LEFT:
        return f"only {f.left_label}"
    if f.relation is Relation.ONLY_RIGHT:
        return f"only {f.right_label}"
    return VERDICT_WORDS[f.relation]


def evidence_text(label: str, condition: Condition) -> str:
    """One footnote: who, where, what the text says, and on what basis."""
    ev: Evidence = condition.evidence
    text = f"{label}, {ev.document}, {ev.locator}: {condition.describe()}"
    if ev.quote:
        text += f" — “{ev.quote}”"
    if ev.basis is Basis.IMPLIED:
        text += f" (IMPLIED: {ev.rationale})"
    else:
        text += " (EXPLICIT)"
    if ev.source:
        text += f" ({ev.source})"
    return text


class _Sources:
    """Numbers footnotes in order of first use; the same evidence keeps its number."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self._index: dict[str, int] = {}

    def ref(self, label: str, conditions: Sequence[Condition]) -> list[int]:
        out = []
        for c in conditions:
            text = evidence_text(label, c)
            if text not in self._index:
                self.texts.append(text)
                self._index[text] = len(self.texts)
            out.append(self._index[text])
        return out


def _refs(numbers: Sequence[int]) -> str:
    return ", ".join(str(n) for n in dict.fromkeys(numbers))


# -- building tables ----------------------------------------------------------------------


SEQUENCE_TITLE = "Sequence: talks and ceasefire before or after preconditions"


def _legend(left: str, right: str) -> tuple[tuple[str, str], ...]:
    return (
        ("same", "both accept exactly the same outcomes"),
        (
            "narrower",
            f"{left} accepts fewer outcomes than {right}, all of them acceptable to both",
        ),
        ("broader", f"{left} accepts more outcomes than {right}, among them all of {right}'s"),
        (
            "overlap",
            "some outcomes are acceptable to both; neither side's set contains the other's",
        ),
        ("CONFLICT", "no outcome is acceptable to both (common ground: none)"),
        (
            f"only {left} / only {right}",
            "only one side addresses the issue; the other is silent (silence is not acceptance)",
        ),
        (
            "reading",
            "both: the verdict is the same whether IMPLIED conditions count or not; "
            "strict / broad: the verdict depends on it, and the issue has a row for each "
            "(strict: EXPLICIT conditions only; broad: EXPLICIT and IMPLIED)",
        ),
    )


def _counts(findings: Sequence[Finding]) -> str:
    substance = [f for f in findings if not f.sequence]
    overlap = sum(f.relation.group == "overlap" for f in substance)
    conflict = sum(f.relation is Relation.CONFLICT for f in substance)
    one_sided = sum(f.relation.group == "one-sided" for f in substance)
    return f"{overlap} with overlap, {conflict} in conflict, {one_sided} one-sided"


def _summary(c: Comparison) -> str:
    silence = " Silence is treated as acceptance." if c.silence == "accept" else ""
    clashes = len({f.issue for f in c.sequence if f.relation is Relation.CONFLICT})
    sequence = f" Sequence clashes: {clashes}."
    if c.reading != "both":
        name = (
            "Strict reading (EXPLICIT only)"
            if c.reading == "strict"
            else ("Broad reading (EXPLICIT and IMPLIED)")
        )
        return f"{name}: {_counts(c.findings)} issues.{sequence}{silence}"
    strict = [f for f in c.findings if f.reading in ("strict", "both")]
    broad = [f for f in c.findings if f.reading in ("broad", "both")]
    dependent = len({f.issue for f in c.findings if f.reading_dependent and not f.sequence})
    return (
        f"Strict reading (EXPLICIT only): {_counts(strict)} issues. "
        f"Broad reading (with IMPLIED): {_counts(broad)} issues. "
        f"{dependent} issues depend on the reading.{sequence}{silence}"
    )


def _common(f: Finding) -> str:
    if f.relation is Relation.CONFLICT:
        return "none"
    return _constraint(f.common_ground) if f.relation.group == "overlap" else "—"


def _finding_rows(
    findings: Sequence[Finding], sources: _Sources
) -> tuple[list[tuple[str, ...]], list[str], list[str]]:
    rows: list[tuple[str, ...]] = []
    kinds: list[str] = []
    details: list[str] = []
    for f in findings:
        left = sources.ref(f.left_label, f.left_conditions)
        right = sources.ref(f.right_label, f.right_conditions)
        reading = f"{f.reading}*" if f.reading_dependent else f.reading
        rows.append(
            (
                f.title,
                reading,
                _verdict(f),
                _constraint(f.left),
                _constraint(f.right),
                _common(f),
                _refs(left + right),
            )
        )
        kinds.append(f.relation.value + (" dependent" if f.reading_dependent else ""))
        evidence = [sources.texts[n - 1] for n in dict.fromkeys(left + right)]
        details.append("\n".join([f.explanation, *evidence]))
    return rows, kinds, details


def comparison_table(c: Comparison) -> Table:
    sources = _Sources()
    left, right = _position_labels(c.left, c.right)
    columns = ("Issue", "Reading", "Verdict", left, right, "Common ground", "Sources")
    main = [f for f in c.findings if not f.sequence]
    seq = [f for f in c.findings if f.sequence]
    rows, kinds, details = _finding_rows(main, sources)
    sections = []
    if seq:
        srows, skinds, sdetails = _finding_rows(seq, sources)
        sections.append(
            Table(
                title=SEQUENCE_TITLE,
                columns=columns,
                rows=tuple(srows),
                kinds=tuple(skinds),
                details=tuple(sdetails),
                summary="A CONFLICT here is a sequence clash: one side wants talks or a ceasefire "
                "without preconditions, the other only after its terms are met.",
            )
        )
    return Table(
        title=f"{left} vs {right}",
        subtitle=f"{left}: {c.left.title} ({c.left.id}, {c.left.date}). "
        f"{right}: {c.right.title} ({c.right.id}, {c.right.date}).",
        columns=columns,
        rows=tuple(rows),
        kinds=tuple(kinds),
        details=tuple(details),
        summary=_summary(c)
        + (
            " Rows marked * depend on the reading."
            if c.reading == "both" and c.reading_dependent
            else ""
        ),
        legend=_legend(left, right),
        sources=tuple(sources.texts),
        label=f"tab:{c.left.id}-vs-{c.right.id}",
        sections=tuple(sections),
    )


def multi_table(m: MultiComparison) -> Table:
    from peacepos.compare import compare_many

    names = short_names(m.positions)
    other_reading: Reading = "strict" if m.reading == "broad" else "broad"
    other = compare_many(*m.positions, reading=other_reading)
    other_blocking = {a.issue for a in other.blocking}

    def rows_for(agreements: Sequence[IssueAgreement]) -> tuple[list[tuple[str, ...]], list[str]]:
        rows: list[tuple[str, ...]] = []
        kinds: list[str] = []
        for a in agreements:
            if a.blocking:
                verdict, kind = "BLOCKING", "conflict"
            elif len(a.addressed_by) == 1:
                verdict, kind = "one position only", "only-left"
            else:
                verdict, kind = "joint common ground", "same"
            if a.blocking != (a.issue in other_blocking):
                verdict += f" ({m.reading} reading only)"
                kind += " dependent"
            pairs = "; ".join(f"{names[x]} × {names[y]}" for x, y in a.conflicting_pairs)
            camps = " vs ".join("{" + ", ".join(names[i] for i in g) + "}" for g in a.coalitions)
            rows.append(
                (
                    a.title,
                    verdict,
                    str(a.common_ground) if verdict.startswith("joint") else "—",
                    ", ".join(names[i] for i in a.addressed_by),
                    ", ".join(names[i] for i in a.silent) or "—",
                    pairs or "—",
                    camps if a.blocking else "—",
                )
            )
            kinds.append(kind)
        return rows, kinds

    columns = (
        "Issue",
        "Verdict",
        "Joint common ground",
        "Addressed by",
        "Silent",
        "Conflicting pairs",
        "Largest agreeing coalitions",
    )
    main = [a for a in m.agreements if not get_issue(a.issue).sequence]
    seq = [a for a in m.agreements if get_issue(a.issue).sequence]
    rows, kinds = rows_for(main)
    srows, skinds = rows_for(seq)
    matrix = m.matrix()
    ids = [p.id for p in m.positions]
    mrows = []
    for x in ids:
        row = [names[x]]
        for y in ids:
            if x == y:
                row.append("·")
                continue
            rel = (
                matrix[(x, y)]
                if (x, y) in matrix
                else {k: r.mirror for k, r in matrix[(y, x)].items()}
            )
            over = sum(r.group == "overlap" for r in rel.values())
            conf = sum(r is Relation.CONFLICT for r in rel.values())
            row.append(f"{over} / {conf}")
        mrows.append(tuple(row))
    sections = []
    if srows:
        sections.append(
            Table(
                title=SEQUENCE_TITLE,
                columns=columns,
                rows=tuple(srows),
                kinds=tuple(skinds),
            )
        )
    sections.append(
        Table(
            title="Pairwise: issues with overlap / issues in conflict",
            columns=("", *(names[i] for i in ids)),
            rows=tuple(mrows),
        )
    )
    reading = (
        "strict reading (EXPLICIT only)"
        if m.reading == "strict"
        else "broad reading (EXPLICIT and IMPLIED)"
    )
    changed = sorted(
        {a.issue for a in m.agreements} & ({a.issue for a in m.blocking} ^ other_blocking)
    )
    summary = (
        f"{len(m.positions)} positions, {reading}: {len(m.common_ground)} issues with joint "
        f"common ground among those who address them, {len(m.blocking)} blocking issues"
        + (f"; {len(changed)} of them block only under this reading" if changed else "")
        + "."
    )
    return Table(
        title="Common ground of " + ", ".join(names[i] for i in ids),
        subtitle=" ".join(f"{names[p.id]}: {p.title} ({p.id}, {p.date})." for p in m.positions),
        columns=columns,
        rows=tuple(rows),
        kinds=tuple(kinds),
        summary=summary,
        legend=(
            (
                "joint common ground",
                "outcomes acceptable to every position that addresses "
                "the issue (silent positions do not narrow it)",
            ),
            ("BLOCKING", "no outcome is acceptable to all who address the issue"),
            (
                f"({m.reading} reading only)",
                f"the verdict differs under the {other_reading} reading",
            ),
            ("coalitions", "the largest sets of positions that still share an outcome"),
            ("pairwise", "row vs column: issues where they overlap / conflict"),
        ),
        label="tab:common-ground",
        sections=tuple(sections),
    )


_CHANGE_KIND = {
    ChangeKind.UNCHANGED: "same",
    ChangeKind.HARDENED: "narrower",
    ChangeKind.SOFTENED: "broader",
    ChangeKind.SHIFTED: "overlap",
    ChangeKind.REVERSED: "conflict",
    ChangeKind.ADDED: "only-right",
    ChangeKind.DROPPED: "only-left",
}


def changes_table(ch: Changes) -> Table:
    before, after = _position_labels(ch.earlier, ch.later)
    rows = tuple(
        (c.title, f"{c.kind.value}*" if c.reading_dependent else c.kind.value,
         _constraint(c.before), _constraint(c.after))
        for c in ch.changes
    )  # fmt: skip
    reading = (
        "strict reading (EXPLICIT only)"
        if ch.reading == "strict"
        else "broad reading (EXPLICIT and IMPLIED)"
    )
    return Table(
        title=f"{before} → {after}",
        subtitle=f"{before}: {ch.earlier.title} ({ch.earlier.id}). "
        f"{after}: {ch.later.title} ({ch.later.id}).",
        columns=("Issue", "Change", before, after),
        rows=rows,
        kinds=tuple(_CHANGE_KIND[c.kind] for c in ch.changes),
        summary=f"{reading[0].upper()}{reading[1:]}: "
        + ", ".join(f"{len(ch.of(k))} {k.value}" for k in ChangeKind if ch.of(k))
        + ".",
        legend=(
            ("hardened", "accepts fewer outcomes than before"),
            ("softened", "accepts more outcomes than before"),
            ("shifted", "some outcomes kept, some dropped, some added"),
            ("reversed", "no outcome accepted before is accepted now"),
            ("added / dropped", "addressed only in the later / earlier position"),
            ("*", "the other reading sees a different change on this issue"),
        ),
        label=f"tab:{ch.earlier.id}-to-{ch.later.id}",
    )


def _position_labels(a: Position, b: Position) -> tuple[str, str]:
    """Short names for two positions, as their findings name them."""
    return _labels(a, b)


_NUMBER = re.compile(r"(\d+)")


def _locator_key(locator: str) -> tuple[object, ...]:
    """'point 10' after 'point 9': numbers compare as numbers."""
    # split() with a group puts the digit runs at the odd places; only those are numbers
    # ("²" is a digit to str.isdigit() but not to int()).
    return tuple(int(x) if i % 2 else x for i, x in enumerate(_NUMBER.split(locator)))


def _accepts(c: Condition) -> str:
    """What a condition accepts, with repeated constraints folded: 'Ukrainian (5 regions)'."""
    groups: dict[str, list[str]] = {}
    for x in c.constraints():
        groups.setdefault(str(x), []).append(x.issue.key)
    return "; ".join(
        text if len(keys) == 1 else f"{text} ({len(keys)} issues)" for text, keys in groups.items()
    )


def _issues(c: Condition) -> str:
    """The issues a condition constrains, folded by family: 'territory/… (5)'."""
    keys = list(dict.fromkeys(x.issue.key for x in c.constraints()))
    families: dict[str, list[str]] = {}
    for key in keys:
        families.setdefault(key.split("/")[0], []).append(key)
    return ", ".join(
        group[0] if len(group) == 1 else f"{family}/… ({len(group)})"
        for family, group in families.items()
    )


def position_table(p: Position) -> Table:
    sources = _Sources()
    rows = []
    kinds = []
    ordered = sorted(
        p.all_conditions,
        key=lambda c: (
            c.evidence.document != p.document and c.evidence.document != p.id,
            _locator_key(c.evidence.locator),
        ),
    )
    for c in ordered:
        issues = ", ".join(dict.fromkeys(x.issue.key for x in c.constraints()))
        rows.append(
            (
                c.evidence.locator,
                c.describe(),
                issues,
                _accepts(c),
                c.stage.value,
                c.evidence.basis.value,
                _refs(sources.ref(p.label, [c])),
            )
        )
        kinds.append(c.evidence.basis.value)
    meta = [f"{', '.join(p.actors)}, {p.date}", f"id: {p.id}"]
    if p.confidence:
        meta.append(f"confidence: {p.confidence}")
    sections = []
    if p.coverage:
        sections.append(
            Table(
                title="Coverage: which points of the document are encoded",
                columns=("Locator", "Encoded", "Note"),
                rows=tuple(
                    (x.locator, "yes" if x.encoded else "no", x.note or "—")
                    for x in sorted(p.coverage, key=lambda x: _locator_key(x.locator))
                ),
                kinds=tuple("explicit" if x.encoded else "only-left" for x in p.coverage),
            )
        )
    if p.urls:
        sections.append(
            Table(
                title="Where the document was read",
                columns=("URL",),
                rows=tuple((u,) for u in p.urls),
            )
        )
    return Table(
        title=p.title,
        subtitle=p.notes,
        columns=("Locator", "Condition", "Issues", "Accepts", "Stage", "Basis", "Sources"),
        rows=tuple(rows),
        kinds=tuple(kinds),
        summary="; ".join(meta),
        sources=tuple(sources.texts),
        label=f"tab:{p.id}",
        sections=tuple(sections),
        legend=(
            ("explicit", "the text says it"),
            ("implied", "an analyst's reading; the rationale is in the sources"),
        ),
    )


def table_of(obj: object) -> Table:
    if isinstance(obj, Comparison):
        return comparison_table(obj)
    if isinstance(obj, MultiComparison):
        return multi_table(obj)
    if isinstance(obj, Changes):
        return changes_table(obj)
    if isinstance(obj, Position):
        return position_table(obj)
    if isinstance(obj, Finding):
        return finding_table(obj)
    if isinstance(obj, Table):
        return obj
    raise TypeError(f"cannot render {type(obj).__name__}")


# -- writers ------------------------------------------------------------------------------


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Invisible bidirectional overrides would make a report display other text than it holds.
_INVISIBLE = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _one_line(text: str) -> str:
    """User text as one clean line: whitespace and control characters collapse to one space,
    bidirectional overrides go, unpaired surrogates become U+FFFD."""
    text = _SURROGATE.sub("\ufffd", _INVISIBLE.sub("", _CONTROL.sub(" ", text)))
    return " ".join(text.split())


PLAIN_WIDTH = 99
"""Plain text wraps prose at this width, and table cells at a share of it."""
PLAIN_TABLE_WIDTH = 180
"""A plain table wider than this wraps its long cells."""


def _wrap(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(
        _one_line(text),
        PLAIN_WIDTH,
        initial_indent=indent,
        subsequent_indent=indent + "  " if indent else "",
        break_on_hyphens=False,
    ) or [""]


def _plain_table(rows: list[list[str]], columns: Sequence[str]) -> str:
    text: str = tabulate(rows, headers=list(columns), tablefmt="simple", disable_numparse=True)
    if max(map(len, text.splitlines())) <= PLAIN_TABLE_WIDTH:
        return text
    # Too wide for a terminal: long cells wrap inside their column.
    width = max(12, (PLAIN_WIDTH * 2) // max(1, len(columns)) - 3)
    wrapped: str = tabulate(
        rows, headers=list(columns), tablefmt="simple", disable_numparse=True, maxcolwidths=width
    )
    return wrapped


def _plain(t: Table, level: int = 0) -> str:
    rule = "=" if level == 0 else "-"
    title = _one_line(t.title)
    out = [title, rule * min(len(title), PLAIN_WIDTH)]
    for text in (t.subtitle, t.summary):
        if text:
            out += _wrap(text)
    out.append("")
    rows = [[_one_line(c) for c in row] for row in t.rows]
    out.append(_plain_table(rows, t.columns) if rows else "(nothing to show)")
    for s in t.sections:
        out += ["", _plain(s, level + 1)]
    if t.legend:
        out += ["", "Legend:"]
        for k, v in t.legend:
            out += _wrap(f"{k}: {v}", "  ")
    if t.sources:
        out += ["", "Sources:"]
        for i, text in enumerate(t.sources, 1):
            out += _wrap(f"[{i}] {text}", "  ")
    return "\n".join(out)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~$])")
# A leading "- ", "+ " or "1. " would start a list where the text follows a list marker.
_MD_LEADING = re.compile(r"^([-+=]|\d+[.)](?=\s|$))")


def md_escape(text: str) -> str:
    r"""Escape text for a Markdown table cell: one line, no markup, no HTML.

    >>> print(md_escape("<script>a|b</script> & $x_1$ # 1"))
    &lt;script&gt;a\|b&lt;/script&gt; &amp; \$x\_1\$ \# 1
    """
    text = _one_line(text).replace("&", "&amp;")
    text = _MD_SPECIAL.sub(
        lambda m: {"<": "&lt;", ">": "&gt;"}.get(m.group(1), "\\" + m.group(1)), text
    )
    return _MD_LEADING.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], text)


def _markdown(t: Table, level: int = 3) -> str:
    out = [f"{'#' * level} {md_escape(t.title)}", ""]
    if t.subtitle:
        out += [md_escape(t.subtitle), ""]
    if t.summary:
        out += [md_escape(t.summary), ""]
    rows = [[md_escape(c) for c in row] for row in t.rows]
    headers = [md_escape(c) for c in t.columns]
    out.append(
        tabulate(rows, headers=headers, tablefmt="pipe", disable_numparse=True)
        if rows
        else "_Nothing to show._"
    )
    for s in t.sections:
        out += ["", _markdown(s, level + 1)]
    if t.legend:
        out += [
            "",
            "**Legend.** " + " ".join(f"*{md_escape(k)}*: {md_escape(v)}." for k, v in t.legend),
        ]
    if t.sources:
        out += ["", "**Sources.**", ""] + [
            f"{i}. {md_escape(s)}" for i, s in enumerate(t.sources, 1)
        ]
    return "\n".join(out) + "\n"


_LATEX = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    "—": "---",
    "–": "--",
    "“": "``",
    "”": "''",
    "≤": r"$\leq$",
    "≥": r"$\geq$",
    "×": r"$\times$",
    "→": r"$\rightarrow$",
    "·": r"$\cdot$",
}
_LATEX_RE = re.compile("|".join(re.escape(k) for k in _LATEX))


def latex_escape(text: str) -> str:
    r"""Escape text for LaTeX body text and table cells (pdflatex-safe for our symbols).

    A leading ``[`` or ``*`` is shielded with ``{}``: after ``\\`` or ``\midrule`` it
    would be read as an optional argument.

    >>> print(latex_escape("[50% of $x_1$ & {y}] #2 \\ ~"))
    {}[50\% of \$x\_1\$ \& \{y\}] \#2 \textbackslash{} \textasciitilde{}
    """
    text = _LATEX_RE.sub(lambda m: _LATEX[m.group(0)], _one_line(text))
    return "{}" + text if text.startswith(("[", "*")) else text


LATEX_PACKAGES = ("booktabs", "longtable", "array")
"""What the LaTeX output needs in the preamble, as ``usepackage`` names."""


def _visual_len(word: str) -> float:
    return len(word) + 0.5 * sum(ch.isupper() for ch in word)  # capitals are wider


def _latex_columns(t: Table) -> str:
    """Column specs: short columns get the width of their longest word (in em), and the
    columns of prose share the rest of the line by their mean length."""
    fixed: dict[int, float] = {}
    prose: dict[int, float] = {}
    for i, header in enumerate(t.columns):
        cells = [header, *(row[i] for row in t.rows if i < len(row))]
        longest_word = max((_visual_len(w) for c in cells for w in c.split()), default=1)
        mean = sum(len(c) for c in cells) / len(cells)
        if mean <= 10 and longest_word <= 9:
            fixed[i] = round(0.62 * longest_word + 0.3, 1)  # em, bold headers included
        else:
            prose[i] = min(24.0, mean)
    total = sum(prose.values()) or 1.0
    used = round(sum(fixed.values()), 1)
    specs = []
    for i in range(len(t.columns)):
        width = (
            f"{fixed[i]}em"
            if i in fixed
            else rf"\dimexpr(\linewidth-{2 * len(t.columns)}\tabcolsep-{used}em)"
            rf"*{round(1000 * prose[i] / total)}/1000\relax"
        )
        specs.append(rf">{{\raggedright\arraybackslash}}p{{{width}}}")
    return "".join(specs)


def _latex(t: Table, level: int = 0) -> str:
    n = len(t.columns)
    spec = _latex_columns(t)
    header = " & ".join(rf"\textbf{{{latex_escape(c)}}}" for c in t.columns) + r" \\"
    caption = latex_escape(t.title) + (f". {latex_escape(t.subtitle)}" if t.subtitle else "")
    label = re.sub(r"[^A-Za-z0-9:._-]", "-", t.label)
    out = []
    if level == 0:
        out.append(
            "% needs \\usepackage{" + ",".join(LATEX_PACKAGES) + "}; with pdfLaTeX, "
            "Cyrillic quotes also need \\usepackage[T1,T2A]{fontenc}"
        )
    out += [
        r"\begingroup\footnotesize\setlength{\tabcolsep}{3pt}",
        rf"\begin{{longtable}}{{@{{}}{spec}@{{}}}}",
        rf"\caption{{{caption}}}\label{{{label}}}\\",
        r"\toprule",
        header,
        r"\midrule",
        r"\endfirsthead",
        rf"\multicolumn{{{n}}}{{@{{}}l}}{{\itshape (continued)}}\\",
        r"\toprule",
        header,
        r"\midrule",
        r"\endhead",
        r"\bottomrule",
        r"\endlastfoot",
    ]
    out += [" & ".join(latex_escape(c) for c in row) + r" \\" for row in t.rows]
    out += [r"\end{longtable}", r"\endgroup"]
    notes = []
    if t.summary:
        notes.append(latex_escape(t.summary))
    if t.legend:
        notes.append(
            r"\textit{Legend.} "
            + " ".join(rf"\textit{{{latex_escape(k)}}}: {latex_escape(v)}." for k, v in t.legend)
        )
    if notes:
        out += ["", r"{\footnotesize"] + [note + r"\par" for note in notes] + ["}"]
    body = "\n".join(out)
    for section in t.sections:
        body += "\n\n" + _latex(section, level + 1)
    if t.sources:
        body += "\n\n" + "\n".join(
            [r"{\footnotesize\noindent\textit{Sources.}", r"\begin{enumerate}"]
            + [rf"\item {latex_escape(s)}" for s in t.sources]
            + [r"\end{enumerate}}"]
        )
    return body + "\n"


_CSS = """
.peacepos { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 14px;
  color: #1b1b1b; max-width: 80em; }
.peacepos table { border-collapse: collapse; margin: 0.5em 0 1em; }
.peacepos th, .peacepos td { border-bottom: 1px solid #ddd; padding: 4px 8px;
  text-align: left; vertical-align: top; }
.peacepos th { background: #f4f4f4; }
.peacepos tr.same td.v, .peacepos tr.narrower td.v, .peacepos tr.broader td.v,
.peacepos tr.overlap td.v { background: #d9f2d9; }
.peacepos tr.conflict td.v { background: #f8d0d0; font-weight: bold; }
.peacepos tr.only-left td.v, .peacepos tr.only-right td.v { background: #eeeeee; }
.peacepos tr.explicit td.v { background: #d9f2d9; }
.peacepos tr.implied td.v { background: #fbecc4; }
.peacepos td.v { white-space: nowrap; }
.peacepos tr.dependent td:first-child { border-left: 3px solid #e0a800; }
.peacepos details { font-size: 12px; color: #444; }
.peacepos .summary { font-weight: 600; }
.peacepos .legend, .peacepos .sources { font-size: 12px; color: #333; }
"""


_COLOURS = {
    "same": "#d9f2d9",
    "narrower": "#d9f2d9",
    "broader": "#d9f2d9",
    "overlap": "#d9f2d9",
    "conflict": "#f8d0d0",
    "only-left": "#eeeeee",
    "only-right": "#eeeeee",
    "explicit": "#d9f2d9",
    "implied": "#fbecc4",
}


def _html_table(t: Table, level: int = 2) -> list[str]:
    def e(text: str) -> str:
        return html.escape(_one_line(text))

    out = [f"<h{level}>{e(t.title)}</h{level}>"]
    if t.subtitle:
        out.append(f"<p>{e(t.subtitle)}</p>")
    if t.summary:
        out.append(f'<p class="summary">{e(t.summary)}</p>')
    out.append("<table>")
    out.append("<thead><tr>" + "".join(f"<th>{e(c)}</th>" for c in t.columns) + "</tr></thead>")
    out.append("<tbody>")
    verdict_col = (
        t.columns.index("Verdict")
        if "Verdict" in t.columns
        else t.columns.index("Change")
        if "Change" in t.columns
        else t.columns.index("Basis")
        if "Basis" in t.columns
        else -1
    )
    for i, row in enumerate(t.rows):
        kind = t.kinds[i] if i < len(t.kinds) else ""
        # Inline colour too: code hosts show notebooks and pages without their <style>.
        colour = next((_COLOURS[k] for k in kind.split() if k in _COLOURS), "")
        style = f' style="background:{colour}"' if colour else ""
        cells = []
        for j, cell in enumerate(row):
            cls = f' class="v"{style}' if j == verdict_col else ""
            text = e(cell)
            if t.columns[j] == "Sources" and cell:
                text = ", ".join(
                    f'<a href="#src-{e(t.label)}-{n}">{n}</a>' for n in re.findall(r"\d+", cell)
                )
            if j == 0 and i < len(t.details):
                lines = "<br>".join(e(line) for line in t.details[i].split("\n"))
                text = f"{text}<details><summary>why, and the sources</summary>{lines}</details>"
            cells.append(f"<td{cls}>{text}</td>")
        out.append(f'<tr class="{e(kind)}">' + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    for s in t.sections:
        out += _html_table(s, level + 1)
    if t.legend:
        out.append(
            '<div class="legend"><b>Legend.</b> '
            + " ".join(f"<i>{e(k)}</i>: {e(v)}." for k, v in t.legend)
            + "</div>"
        )
    if t.sources:
        out.append('<details class="sources" open><summary><b>Sources</b></summary><ol>')
        out += [f'<li id="src-{e(t.label)}-{i}">{e(s)}</li>' for i, s in enumerate(t.sources, 1)]
        out.append("</ol></details>")
    return out


def _html_fragment(t: Table) -> str:
    return (
        '<div class="peacepos"><style>'
        + _CSS
        + "</style>\n"
        + "\n".join(_html_table(t, 3))
        + "\n</div>\n"
    )


def _html_page(t: Table) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(_one_line(t.title))}</title>\n<style>{_CSS}</style>\n</head>\n"
        '<body class="peacepos">\n'
        + "\n".join(_html_table(t, 1))
        + '\n<p class="legend">Made with peacepos.</p>\n</body>\n</html>\n'
    )


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A cell a spreadsheet will not run as a formula: text starting with = + - @ gets a '."""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def _csv_rows(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def _csv(t: Table) -> str:
    return _csv_rows(t.columns, t.rows)


# -- records and JSON ---------------------------------------------------------------------


def constraint_json(c: Constraint | None) -> Any:
    """``None`` (silent), a list of outcomes, or for numeric issues ``{"ranges": [[lo, hi]]}``."""
    if c is None:
        return None
    if isinstance(c, IntervalSet):
        return {"ranges": [[lo, hi] for lo, hi in c.bounds]}
    return list(c)  # type: ignore[call-overload]


def _evidence_record(c: Condition) -> dict[str, Any]:
    return {
        "kind": c.kind,
        "condition": c.describe(),
        "stage": c.stage.value,
        "document": c.evidence.document,
        "locator": c.evidence.locator,
        "quote": c.evidence.quote,
        "basis": c.evidence.basis.value,
        "rationale": c.evidence.rationale,
        "source": c.evidence.source,
    }


def _evidence_json(conditions: Sequence[Condition]) -> list[dict[str, Any]]:
    return [_evidence_record(c) for c in conditions]


RECORD_FIELDS = (
    "issue",
    "title",
    "reading",
    "reading_dependent",
    "relation",
    "group",
    "sequence",
    "left",
    "right",
    "common_ground",
    "explanation",
    "left_sources",
    "right_sources",
)


def _record_sources(conditions: Sequence[Condition]) -> str:
    return "; ".join(
        f"{c.evidence.document} {c.evidence.locator} ({c.evidence.basis.value})"
        for c in conditions
    )


def _finding_head(f: Finding) -> dict[str, Any]:
    """The fields a finding's record and its JSON share, in their order."""
    return {
        "issue": f.issue,
        "title": f.title,
        "reading": f.reading,
        "reading_dependent": f.reading_dependent,
        "relation": f.relation.value,
        "group": f.relation.group,
        "sequence": f.sequence,
    }


def finding_record(f: Finding) -> dict[str, object]:
    """A flat record of one finding (``to_records()``, CSV, DataFrames)."""
    return {
        **_finding_head(f),
        "left": _constraint(f.left),
        "right": _constraint(f.right),
        "common_ground": "" if f.common_ground is None else str(f.common_ground),
        "explanation": f.explanation,
        "left_sources": _record_sources(f.left_conditions),
        "right_sources": _record_sources(f.right_conditions),
    }


CONDITION_FIELDS = (
    "position",
    "actors",
    "date",
    "kind",
    "condition",
    "issues",
    "accepts",
    "stage",
    "document",
    "locator",
    "quote",
    "basis",
    "rationale",
    "source",
)


def condition_record(p: Position, c: Condition) -> dict[str, object]:
    """A flat record of one condition with its evidence (a position's CSV rows)."""
    record = _evidence_record(c)
    return {
        "position": p.id,
        "actors": "; ".join(p.actors),
        "date": p.date.isoformat(),
        "kind": c.kind,
        "condition": record.pop("condition"),
        "issues": "; ".join(dict.fromkeys(x.issue.key for x in c.constraints())),
        "accepts": "; ".join(str(x) for x in c.constraints()),
        **{k: v for k, v in record.items() if k != "kind"},
    }


def _position_json(p: Position) -> dict[str, Any]:
    return {"id": p.id, "title": p.title, "actors": list(p.actors), "date": p.date.isoformat()}


def to_json_data(obj: object) -> dict[str, Any]:
    """The JSON report's data (schema in docs/reports.md)."""
    if isinstance(obj, Comparison):
        return {
            "schema": "peacepos/comparison",
            "version": JSON_SCHEMA_VERSION,
            "left": _position_json(obj.left),
            "right": _position_json(obj.right),
            "reading": obj.reading,
            "silence": obj.silence,
            "findings": [
                {
                    **_finding_head(f),
                    "left": constraint_json(f.left),
                    "right": constraint_json(f.right),
                    "common_ground": constraint_json(f.common_ground),
                    "explanation": f.explanation,
                    "left_evidence": _evidence_json(f.left_conditions),
                    "right_evidence": _evidence_json(f.right_conditions),
                }
                for f in obj.findings
            ],
        }
    if isinstance(obj, MultiComparison):
        matrix = obj.matrix()
        return {
            "schema": "peacepos/multi-comparison",
            "version": JSON_SCHEMA_VERSION,
            "reading": obj.reading,
            "positions": [_position_json(p) for p in obj.positions],
            "issues": [
                {
                    "issue": a.issue,
                    "title": a.title,
                    "blocking": a.blocking,
                    "common_ground": constraint_json(a.common_ground),
                    "addressed_by": list(a.addressed_by),
                    "silent": list(a.silent),
                    "conflicting_pairs": [list(p) for p in a.conflicting_pairs],
                    "coalitions": [list(g) for g in a.coalitions],
                }
                for a in obj.agreements
            ],
            "pairs": [
                {"left": x, "right": y, "relations": {k: r.value for k, r in rel.items()}}
                for (x, y), rel in matrix.items()
            ],
        }
    if isinstance(obj, Changes):
        return {
            "schema": "peacepos/changes",
            "version": JSON_SCHEMA_VERSION,
            "earlier": _position_json(obj.earlier),
            "later": _position_json(obj.later),
            "reading": obj.reading,
            "changes": [
                {
                    "issue": c.issue,
                    "title": c.title,
                    "change": c.kind.value,
                    "before": constraint_json(c.before),
                    "after": constraint_json(c.after),
                }
                for c in obj.changes
            ],
        }
    if isinstance(obj, Position):
        from peacepos.io import position_to_dict

        return {
            "schema": "peacepos/position",
            "version": JSON_SCHEMA_VERSION,
            "position": position_to_dict(obj),
        }
    raise TypeError(f"cannot render {type(obj).__name__} as JSON")


def render(obj: object, format: str = "plain") -> str:
    """Render a Comparison, MultiComparison, Changes or Position in one of :data:`FORMATS`."""
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)} (got {format!r})")
    if format == "json":
        return json.dumps(to_json_data(obj), ensure_ascii=False, indent=2) + "\n"
    if format == "csv" and isinstance(obj, Comparison):
        buffer = io.StringIO()
        records = csv.DictWriter(buffer, fieldnames=RECORD_FIELDS, lineterminator="\n")
        records.writeheader()
        records.writerows(
            {k: csv_cell(v) for k, v in finding_record(f).items()} for f in obj.findings
        )
        return buffer.getvalue()
    if format == "csv" and isinstance(obj, Position):
        buffer = io.StringIO()
        conditions = csv.DictWriter(buffer, fieldnames=CONDITION_FIELDS, lineterminator="\n")
        conditions.writeheader()
        conditions.writerows(
            {k: csv_cell(v) for k, v in condition_record(obj, c).items()}
            for c in obj.all_conditions
        )
        return buffer.getvalue()
    table = table_of(obj)
    writer = {
        "plain": lambda t: _plain(t) + "\n",
        "markdown": _markdown,
        "html": _html_page,
        "html-fragment": _html_fragment,
        "latex": _latex,
        "csv": _csv,
    }[format]
    return str(writer(table))


def finding_table(f: Finding) -> Table:
    """One finding as a small table: both sides, the common ground and the evidence."""
    sources = _Sources()
    rows, kinds, details = _finding_rows([f], sources)
    return Table(
        title=f"{f.title}: {_verdict(f)}",
        subtitle=f.explanation,
        columns=(
            "Issue",
            "Reading",
            "Verdict",
            f.left_label,
            f.right_label,
            "Common ground",
            "Sources",
        ),
        rows=tuple(rows),
        kinds=tuple(kinds),
        details=tuple(details),
        sources=tuple(sources.texts),
        label=f"tab:{f.issue}",
    )
