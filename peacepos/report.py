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
from collections.abc import Sequence
from typing import Any

from attrs import field, frozen
from tabulate import tabulate

from peacepos.compare import (
    ChangeKind,
    Changes,
    Comparison,
    Finding,
    MultiComparison,
    Relation,
)
from peacepos.conditions import Basis, Condition, Evidence
from peacepos.constraints import Constraint, IntervalSet
from peacepos.position import Position

__all__ = [
    "FORMATS",
    "JSON_SCHEMA_VERSION",
    "Table",
    "comparison_html",
    "finding_record",
    "position_html",
    "render",
    "render_position",
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

LEGEND = (
    ("same", "both accept exactly the same outcomes"),
    (
        "narrower / broader",
        "the left side accepts fewer / more outcomes than the right, "
        "and every outcome of the narrower side is acceptable to both",
    ),
    ("overlap", "some outcomes are acceptable to both; neither side's set contains the other's"),
    ("CONFLICT", "no outcome is acceptable to both"),
    ("only X", "only X addresses the issue; the other side is silent (silence is not acceptance)"),
    (
        "reading",
        "both: the verdict is the same whether IMPLIED conditions count or not; "
        "strict / broad: the verdict depends on it (strict: EXPLICIT conditions only; "
        "broad: EXPLICIT and IMPLIED)",
    ),
)


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
        text += f" [source: {ev.source}]"
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


def _summary(c: Comparison) -> str:
    def count(fs: Sequence[Finding]) -> int:
        return len({f.issue for f in fs if not f.sequence})

    substance = [f for f in c.findings if not f.sequence]
    dependent = sorted({f.issue for f in substance if f.reading_dependent})
    clashes = [f for f in c.sequence if f.relation is Relation.CONFLICT]
    parts = [
        f"{count([f for f in substance if f.relation.group == 'overlap'])} issues with overlap",
        f"{count([f for f in substance if f.relation is Relation.CONFLICT])} in conflict",
        f"{count([f for f in substance if f.relation.group == 'one-sided'])} one-sided",
        f"{len(dependent)} depend on the reading",
        f"{len({f.issue for f in clashes})} sequence clashes",
    ]
    reading = {
        "both": "strict and broad readings",
        "strict": "strict reading (EXPLICIT only)",
        "broad": "broad reading (EXPLICIT and IMPLIED)",
    }[c.reading]
    silence = "" if c.silence == "report" else "; silence treated as acceptance"
    return f"{c.left.label} vs {c.right.label}, {reading}{silence}: " + ", ".join(parts) + "."


def _finding_rows(
    findings: Sequence[Finding], sources: _Sources
) -> tuple[list[tuple[str, ...]], list[str], list[str]]:
    rows: list[tuple[str, ...]] = []
    kinds: list[str] = []
    details: list[str] = []
    for f in findings:
        refs = sources.ref(f.left_label, f.left_conditions) + sources.ref(
            f.right_label, f.right_conditions
        )
        rows.append(
            (
                f.title,
                f.reading,
                _verdict(f),
                _constraint(f.left),
                _constraint(f.right),
                _constraint(f.common_ground) if f.relation.group == "overlap" else "—",
                _refs(refs),
            )
        )
        kinds.append(f.relation.value)
        details.append(f.explanation)
    return rows, kinds, details


def comparison_table(c: Comparison) -> Table:
    sources = _Sources()
    columns = (
        "Issue",
        "Reading",
        "Verdict",
        c.findings[0].left_label if c.findings else "Left",
        c.findings[0].right_label if c.findings else "Right",
        "Common ground",
        "Sources",
    )
    if not c.findings:
        columns = (
            "Issue",
            "Reading",
            "Verdict",
            c.left.label,
            c.right.label,
            "Common ground",
            "Sources",
        )
    main = [f for f in c.findings if not f.sequence]
    seq = [f for f in c.findings if f.sequence]
    rows, kinds, details = _finding_rows(main, sources)
    sections = []
    if seq:
        srows, skinds, sdetails = _finding_rows(seq, sources)
        sections.append(
            Table(
                title="Sequence: talks and ceasefire before or after preconditions",
                columns=columns,
                rows=tuple(srows),
                kinds=tuple(skinds),
                details=tuple(sdetails),
            )
        )
    title = f"{columns[3]} vs {columns[4]}"
    subtitle = (
        f"{columns[3]}: {c.left.title} ({c.left.id}, {c.left.date}). "
        f"{columns[4]}: {c.right.title} ({c.right.id}, {c.right.date})."
    )
    return Table(
        title=title,
        subtitle=subtitle,
        columns=columns,
        rows=tuple(rows),
        kinds=tuple(kinds),
        details=tuple(details),
        summary=_summary(c),
        legend=LEGEND,
        sources=tuple(sources.texts),
        label=f"tab:{c.left.id}-vs-{c.right.id}",
        sections=tuple(sections),
    )


def multi_table(m: MultiComparison) -> Table:
    names = {
        p.id: p.label
        if sum(q.label == p.label for q in m.positions) == 1
        else f"{p.label} ({p.date})"
        for p in m.positions
    }
    rows, kinds = [], []
    for a in m.agreements:
        if a.blocking:
            verdict = "BLOCKING"
            kind = "conflict"
        elif len(a.addressed_by) == 1:
            verdict = "one position only"
            kind = "only-left"
        else:
            verdict = "joint common ground"
            kind = "same"
        pairs = "; ".join(f"{names[x]} × {names[y]}" for x, y in a.conflicting_pairs)
        coalitions = " | ".join(", ".join(names[i] for i in g) for g in a.coalitions[:3])
        rows.append(
            (
                a.title,
                verdict,
                "—" if a.blocking else str(a.common_ground),
                ", ".join(names[i] for i in a.addressed_by),
                ", ".join(names[i] for i in a.silent) or "—",
                pairs or "—",
                coalitions if a.blocking else "—",
            )
        )
        kinds.append(kind)
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
    pair_table = Table(
        title="Pairwise: issues with overlap / issues in conflict",
        columns=("", *(names[i] for i in ids)),
        rows=tuple(mrows),
    )
    blocking = len(m.blocking)
    reading = (
        "strict reading (EXPLICIT only)"
        if m.reading == "strict"
        else "broad reading (EXPLICIT and IMPLIED)"
    )
    summary = (
        f"{len(m.positions)} positions, {reading}: {len(m.common_ground)} issues with "
        f"joint common ground among those who address them, {blocking} blocking issues."
    )
    return Table(
        title="Common ground of " + ", ".join(names[i] for i in ids),
        columns=(
            "Issue",
            "Verdict",
            "Joint common ground",
            "Addressed by",
            "Silent",
            "Conflicting pairs",
            "Largest agreeing coalitions",
        ),
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
            ("coalitions", "the largest sets of positions that still share an outcome"),
        ),
        label="tab:common-ground",
        sections=(pair_table,),
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
    rows = tuple(
        (c.title, c.kind.value, _constraint(c.before), _constraint(c.after)) for c in ch.changes
    )
    return Table(
        title=f"{ch.earlier.label}: {ch.earlier.date} → {ch.later.date}",
        columns=("Issue", "Change", str(ch.earlier.date), str(ch.later.date)),
        rows=rows,
        kinds=tuple(_CHANGE_KIND[c.kind] for c in ch.changes),
        summary=", ".join(f"{len(ch.of(k))} {k.value}" for k in ChangeKind if ch.of(k)) + ".",
        legend=(
            ("hardened", "accepts fewer outcomes than before"),
            ("softened", "accepts more outcomes than before"),
            ("shifted", "some outcomes kept, some dropped, some added"),
            ("reversed", "no outcome accepted before is accepted now"),
            ("added / dropped", "addressed only in the later / earlier position"),
        ),
        label=f"tab:{ch.earlier.id}-to-{ch.later.id}",
    )


def position_table(p: Position) -> Table:
    sources = _Sources()
    rows = []
    kinds = []
    for c in p.all_conditions:
        issues = ", ".join(dict.fromkeys(x.issue.key for x in c.constraints()))
        accepts = "; ".join(str(x) for x in c.constraints())
        rows.append(
            (
                c.describe(),
                issues,
                accepts,
                c.stage.value,
                c.evidence.basis.value,
                _refs(sources.ref(p.label, [c])),
            )
        )
        kinds.append("same" if c.evidence.basis is Basis.EXPLICIT else "overlap")
    meta = [f"{', '.join(p.actors)}, {p.date}", f"id: {p.id}"]
    if p.confidence:
        meta.append(f"confidence: {p.confidence}")
    return Table(
        title=p.title,
        columns=("Condition", "Issues", "Accepts", "Stage", "Basis", "Sources"),
        rows=tuple(rows),
        kinds=tuple(kinds),
        summary="; ".join(meta),
        sources=tuple(sources.texts),
        label=f"tab:{p.id}",
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
    if isinstance(obj, Table):
        return obj
    raise TypeError(f"cannot render {type(obj).__name__}")


# -- writers ------------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _plain(t: Table, level: int = 0) -> str:
    out = [t.title, "=" * min(len(t.title), 99) if level == 0 else "-" * min(len(t.title), 99)]
    if t.subtitle:
        out.append(t.subtitle)
    if t.summary:
        out.append(t.summary)
    out.append("")
    rows = [[_one_line(c) for c in row] for row in t.rows]
    out.append(
        tabulate(rows, headers=list(t.columns), tablefmt="simple", disable_numparse=True)
        if rows
        else "(nothing to show)"
    )
    for s in t.sections:
        out += ["", _plain(s, level + 1)]
    if t.legend:
        out += ["", "Legend:"] + [f"  {k}: {v}" for k, v in t.legend]
    if t.sources:
        out += ["", "Sources:"] + [f"  [{i}] {_one_line(s)}" for i, s in enumerate(t.sources, 1)]
    return "\n".join(out)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def md_escape(text: str) -> str:
    """Escape text for a Markdown table cell: one line, no markup, no HTML."""
    text = _one_line(text).replace("&", "&amp;")
    return _MD_SPECIAL.sub(
        lambda m: {"<": "&lt;", ">": "&gt;"}.get(m.group(1), "\\" + m.group(1)), text
    )


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
    """Escape text for LaTeX body text and table cells (pdflatex-safe for our symbols)."""
    return _LATEX_RE.sub(lambda m: _LATEX[m.group(0)], _one_line(text))


def _latex(t: Table) -> str:
    cols = "l" * len(t.columns)
    out = [
        "% requires \\usepackage{booktabs} (and \\usepackage[utf8]{inputenc} on old TeX)",
        "\\begin{table}[htbp]",
        "\\centering",
        "\\small",
        f"\\caption{{{latex_escape(t.title)}"
        + (f". {latex_escape(t.subtitle)}" if t.subtitle else "")
        + "}",
        f"\\label{{{re.sub(r'[^A-Za-z0-9:._-]', '-', t.label)}}}",
        f"\\begin{{tabular}}{{{cols}}}",
        "\\toprule",
        " & ".join(latex_escape(c) for c in t.columns) + " \\\\",
        "\\midrule",
    ]
    out += [" & ".join(latex_escape(c) for c in row) + " \\\\" for row in t.rows]
    out += ["\\bottomrule", "\\end{tabular}"]
    notes = []
    if t.summary:
        notes.append(latex_escape(t.summary))
    if t.legend:
        notes.append(
            "\\textit{Legend.} "
            + " ".join(f"\\textit{{{latex_escape(k)}}}: {latex_escape(v)}." for k, v in t.legend)
        )
    if t.sources:
        notes.append(
            "\\textit{Sources.} "
            + " ".join(f"[{i}] {latex_escape(s)}" for i, s in enumerate(t.sources, 1))
        )
    if notes:
        out += ["", "\\par\\medskip", "\\begin{minipage}{\\linewidth}\\footnotesize"]
        out += [n + "\\par" for n in notes]
        out += ["\\end{minipage}"]
    out.append("\\end{table}")
    body = "\n".join(out)
    for s in t.sections:
        body += "\n\n" + _latex(s)
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
.peacepos details { font-size: 12px; color: #444; }
.peacepos .summary { font-weight: 600; }
.peacepos .legend, .peacepos .sources { font-size: 12px; color: #333; }
"""


def _html_table(t: Table, level: int = 2) -> list[str]:
    e = html.escape
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
        cells = []
        for j, cell in enumerate(row):
            cls = ' class="v"' if j == verdict_col else ""
            text = e(cell)
            if t.columns[j] == "Sources" and cell:
                text = ", ".join(
                    f'<a href="#src-{e(t.label)}-{n}">{n}</a>' for n in re.findall(r"\d+", cell)
                )
            if j == 0 and i < len(t.details):
                text = f"{text}<details><summary>why</summary>{e(t.details[i])}</details>"
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
        f"<title>{html.escape(t.title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        '<body class="peacepos">\n'
        + "\n".join(_html_table(t, 1))
        + '\n<p class="legend">Made with peacepos.</p>\n</body>\n</html>\n'
    )


def _csv(t: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(t.columns)
    writer.writerows(t.rows)
    return buffer.getvalue()


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


def finding_record(f: Finding) -> dict[str, object]:
    """A flat record of one finding (``to_records()``, CSV, DataFrames)."""
    return {
        "issue": f.issue,
        "title": f.title,
        "reading": f.reading,
        "reading_dependent": f.reading_dependent,
        "relation": f.relation.value,
        "group": f.relation.group,
        "sequence": f.sequence,
        "left": _constraint(f.left),
        "right": _constraint(f.right),
        "common_ground": "" if f.common_ground is None else str(f.common_ground),
        "explanation": f.explanation,
        "left_sources": "; ".join(
            f"{c.evidence.document} {c.evidence.locator}" for c in f.left_conditions
        ),
        "right_sources": "; ".join(
            f"{c.evidence.document} {c.evidence.locator}" for c in f.right_conditions
        ),
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
                    "issue": f.issue,
                    "title": f.title,
                    "reading": f.reading,
                    "reading_dependent": f.reading_dependent,
                    "relation": f.relation.value,
                    "group": f.relation.group,
                    "sequence": f.sequence,
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
        records.writerows(finding_record(f) for f in obj.findings)
        return buffer.getvalue()
    if format == "csv" and isinstance(obj, Position):
        buffer = io.StringIO()
        conditions = csv.DictWriter(buffer, fieldnames=CONDITION_FIELDS, lineterminator="\n")
        conditions.writeheader()
        conditions.writerows(condition_record(obj, c) for c in obj.all_conditions)
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


def render_position(p: Position, format: str = "plain") -> str:
    return render(p, format)


def comparison_html(c: Comparison) -> str:
    return render(c, "html-fragment")


def position_html(p: Position) -> str:
    return render(p, "html-fragment")
