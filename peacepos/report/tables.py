"""Tables: what every report is built from, one builder per result type.

A :class:`Table` has a caption, columns, rows, a legend and numbered sources; the writers
(:mod:`.writers`) turn one into each format. Building a table never re-runs an analysis: the
result objects carry everything a table shows.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import field, frozen

from peacepos.analysis.changes import ChangeKind, Changes
from peacepos.analysis.compare import Comparison, Finding, labels, short_names
from peacepos.analysis.many import IssueAgreement, MultiComparison
from peacepos.analysis.relation import Relation
from peacepos.conditions import Basis, Condition, Evidence, natural_key
from peacepos.constraints import Constraint
from peacepos.position import Position
from peacepos.vocabulary import RESERVED_KINDS, Codebook, Issue, KindSpec

__all__ = [
    "SEQUENCE_TITLE",
    "VERDICT_WORDS",
    "Table",
    "changes_table",
    "codebook_table",
    "comparison_table",
    "evidence_text",
    "finding_table",
    "multi_table",
    "position_table",
    "table_of",
]

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


def constraint_text(c: Constraint | None) -> str:
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
    return constraint_text(f.common_ground) if f.relation.group == "overlap" else "—"


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
                constraint_text(f.left),
                constraint_text(f.right),
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
    left, right = labels(c.left, c.right)
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
    names = short_names(m.positions)
    other_reading = "strict" if m.reading == "broad" else "broad"
    dependent = set(m.reading_dependent)

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
            if a.issue in dependent:
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
    main = [a for a in m.agreements if not a.about.sequence]
    seq = [a for a in m.agreements if a.about.sequence]
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
    changed = sorted(dependent)
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
    before, after = labels(ch.earlier, ch.later)
    rows = tuple(
        (c.title, f"{c.kind.value}*" if c.reading_dependent else c.kind.value,
         constraint_text(c.before), constraint_text(c.after))
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


def _accepts(c: Condition, codebook: Codebook) -> str:
    """What a condition accepts, with repeated constraints folded: 'Ukrainian (5 issues)'."""
    groups: dict[str, list[str]] = {}
    for x in c.constraints(codebook):
        groups.setdefault(str(x), []).append(x.issue.key)
    return "; ".join(
        text if len(keys) == 1 else f"{text} ({len(keys)} issues)" for text, keys in groups.items()
    )


def _issues(c: Condition, codebook: Codebook) -> str:
    """The issues a condition constrains, folded by family: 'territory/… (5)'."""
    keys = list(dict.fromkeys(x.issue.key for x in c.constraints(codebook)))
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
            natural_key(c.evidence.locator),
        ),
    )
    for c in ordered:
        issues = ", ".join(dict.fromkeys(x.issue.key for x in c.constraints(p.codebook)))
        rows.append(
            (
                c.evidence.locator,
                c.describe(),
                issues,
                _accepts(c, p.codebook),
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
                    for x in sorted(p.coverage, key=lambda x: natural_key(x.locator))
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
    if isinstance(obj, Codebook):
        return codebook_table(obj)
    if isinstance(obj, Table):
        return obj
    raise TypeError(f"cannot render {type(obj).__name__}")


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


def _kind_params(spec: KindSpec) -> str:
    out = []
    for name in spec.params:
        if name in dict(spec.choices):
            values = " | ".join(spec.values(name))
            default = spec.default(name)
            out.append(f"{name} = {values}" + (f" (default {default})" if default else ""))
        elif name == spec.areas:
            out.append(f"{name} = [areas]")
        else:
            out.append(f"{name} = number")
    return "; ".join(out) or "—"


def _kind_narrows(spec: KindSpec) -> str:
    parts = [f"{key}: {' | '.join(outcomes)}" for key, outcomes in spec.narrows]
    for param, values in spec.choices:
        for value, narrows in values:
            for key, outcomes in narrows:
                parts.append(f"{key}: {' | '.join(outcomes)} (if {param} = {value})")
    if spec.bounds:
        parts.append(f"{spec.bounds}: a range")
    return "; ".join(parts)


def codebook_table(cb: Codebook) -> Table:
    """A codebook's vocabulary: its issues, then its kinds, areas, implications and actors."""
    rows = []
    for issue in cb.all_issues():
        if isinstance(issue, Issue):
            domain = ", ".join(issue.label(o) for o in issue.outcomes)
        else:
            top = "…" if issue.maximum is None else issue.format(issue.maximum)
            domain = f"{issue.format(issue.minimum)}–{top} {issue.unit}"
        rows.append((issue.key, issue.title, domain))
    sections = []
    typed = [
        (name, "typed (Python)", "see peacepos.kinds", "—") for name in sorted(RESERVED_KINDS)
    ]
    declared = []
    for name in cb.kind_names():
        spec = cb.kind(name)
        if isinstance(spec, KindSpec):
            declared.append(
                (
                    name,
                    spec.description or spec.title or "—",
                    _kind_params(spec),
                    _kind_narrows(spec),
                )
            )
        else:
            declared.append(
                (name, (spec.__doc__ or "").strip().split("\n")[0] or "plugin", "plugin", "—")
            )
    sections.append(
        Table(
            title="Condition kinds",
            columns=("Kind", "Meaning", "Parameters", "Narrows"),
            rows=tuple(declared + typed),
        )
    )
    if cb.area_keys():
        sections.append(
            Table(
                title="Areas",
                columns=("Area", "Title", "Parts", "Held by"),
                rows=tuple(
                    (
                        a.key,
                        a.title,
                        ", ".join(p.key for p in a.parts) or "—",
                        a.held_by or "—",
                    )
                    for a in (cb.area(k) for k in cb.area_keys())
                ),
            )
        )
    if cb.all_implications():
        sections.append(
            Table(
                title="Implications (they also hold backwards)",
                columns=("Rule", "Why"),
                rows=tuple((i.describe(cb), i.note or "—") for i in cb.all_implications()),
            )
        )
    if cb.all_actors():
        sections.append(
            Table(
                title="Actors",
                columns=("Key", "Name"),
                rows=tuple((a.key, a.name) for a in cb.all_actors()),
            )
        )
    included = ", ".join(cb.lineage()[1:])
    return Table(
        title=f"{cb.title} (codebook {cb.name})",
        subtitle=cb.description,
        columns=("Issue", "Title", "Outcomes"),
        rows=tuple(rows),
        summary=f"{len(rows)} issues, {len(declared) + len(typed)} condition kinds"
        + (f"; includes {included}" if included else "")
        + ".",
        label=f"tab:codebook-{cb.name}",
        sections=tuple(sections),
    )
