"""Tables: what every report is built from, one builder per result type.

A :class:`Table` has a caption, columns, rows, a legend and numbered sources; the writers
(:mod:`.writers`) turn one into each format. Building a table never re-runs an analysis: the
result objects carry everything a table shows.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, TypeGuard

import attrs
from attrs import field, frozen

from peacepos._record import Record
from peacepos._text import plural, verb
from peacepos.analysis.compare import Comparison, Finding, labels, short_names
from peacepos.analysis.relation import Relation
from peacepos.conditions import Basis, Condition, Evidence, natural_key
from peacepos.constraints import Constraint
from peacepos.position import Position, Stance, Term, reading_name
from peacepos.vocabulary import Codebook, Implication, Issue, KindSpec

if TYPE_CHECKING:
    from peacepos.analysis.changes import Changes
    from peacepos.analysis.deals import Deal
    from peacepos.analysis.many import IssueAgreement, MultiComparison


def _loaded_instance(obj: object, module: str, name: str) -> bool:
    """``isinstance(obj, module.name)`` without importing ``module``: if it is not loaded,
    nothing can be an instance of its classes (so rendering loads only what it renders)."""
    found = sys.modules.get(module)
    return found is not None and isinstance(obj, getattr(found, name))


def is_deal(obj: object) -> TypeGuard[Deal]:
    return _loaded_instance(obj, "peacepos.analysis.deals", "Deal")


def is_multi(obj: object) -> TypeGuard[MultiComparison]:
    return _loaded_instance(obj, "peacepos.analysis.many", "MultiComparison")


def is_changes(obj: object) -> TypeGuard[Changes]:
    return _loaded_instance(obj, "peacepos.analysis.changes", "Changes")


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
    Relation.CONTESTED: "CONTESTED",
}


@frozen(kw_only=True, repr=False, eq=False)
class Table(Record):
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
    return _word(f.relation, f.left_label, f.right_label)


def _word(relation: Relation, left: str, right: str) -> str:
    if relation is Relation.ONLY_LEFT:
        return f"only {left}"
    if relation is Relation.ONLY_RIGHT:
        return f"only {right}"
    return VERDICT_WORDS[relation]


def evidence_text(label: str, condition: Condition, via: str = "") -> str:
    """One footnote: who, where, what the text says, and on what basis; ``via``: the
    codebook's rule that carries the condition to the issue it is cited for."""
    ev: Evidence = condition.evidence
    text = f"{label}, {ev.document}, {ev.locator}: {condition.describe()}"
    if ev.quote:
        text += f" — “{ev.quote}”"
    if ev.basis is Basis.IMPLIED:
        readers = ", ".join(ev.readers)
        text += f" (IMPLIED, read so by {readers}: {ev.rationale})"
    else:
        text += " (EXPLICIT)"
    if ev.source:
        text += f" ({ev.source})"
    if ev.note:
        text += f" Note: {ev.note}"
    if via:
        text += f" Applies here by the codebook's rule: {via}."
    return text


class _Sources:
    """Numbers footnotes in order of first use; the same evidence keeps its number."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self._index: dict[str, int] = {}
        self._written: dict[tuple[str, int, str], str] = {}  # each footnote's text, once

    def ref(
        self,
        label: str,
        conditions: Sequence[Condition],
        issue: str = "",
        rules: Sequence[Implication] = (),
        codebook: Codebook | None = None,
    ) -> list[int]:
        """Footnote numbers for ``conditions``, cited on ``issue``: a condition on another
        issue names the ``rules`` (of ``codebook``) that bring it here."""
        out = []
        for c in conditions:
            via = ""
            if issue and codebook is not None and rules:
                own = {x.issue.key for x in c.constraints(codebook)}
                if issue not in own:
                    via = "; ".join(
                        r.note.rstrip(".") or r.describe(codebook)
                        for r in rules
                        if {r.when.issue, r.then.issue} & own
                        and issue in {r.when.issue, r.then.issue}
                    ) or "; ".join(r.note.rstrip(".") or r.describe(codebook) for r in rules)
            key = (label, id(c), via)  # the conditions live as long as the table is built
            text = self._written.get(key)
            if text is None:
                text = self._written[key] = evidence_text(label, c, via)
            if text not in self._index:
                self.texts.append(text)
                self._index[text] = len(self.texts)
            out.append(self._index[text])
        return out


def _refs(numbers: Sequence[int]) -> str:
    return ", ".join(str(n) for n in dict.fromkeys(numbers))


# -- building tables ----------------------------------------------------------------------


SEQUENCE_TITLE = "Sequence: talks and ceasefire before or after preconditions"


_READ_BY = (
    "(read by …)",
    "the stance rests on these readers' inferences: the text itself does not say it (the "
    "strict reading shows what it says)",
)


def _legend(
    left: str, right: str, contested: bool = False, terms: bool = False, inferred: bool = False
) -> tuple[tuple[str, str], ...]:
    extra: list[tuple[str, str]] = []
    if inferred:
        extra.append(_READ_BY)
    if contested:
        extra.append(
            (
                "CONTESTED",
                "readers disagree on what a text implies here; each reader's verdict has a "
                "row (↳ read by …), and no one reading is shown as what the text says",
            )
        )
    if terms:
        extra.append(
            (
                "↳ under terms",
                "what changes in a deal that meets one side's conditional terms; each "
                "requirement is met, open (the other side is silent) or refused by the other "
                "side",
            )
        )
    return (
        ("same", "both accept exactly the same outcomes"),
        (
            "narrower",
            f"{left} {verb(left, 'accepts')} fewer outcomes than {right}, all of them "
            "acceptable to both",
        ),
        (
            "broader",
            f"{left} {verb(left, 'accepts')} more outcomes than {right}, among them all of "
            f"{right}'s",
        ),
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
        *extra,
    )


def _counts(findings: Sequence[Finding]) -> str:
    substance = [f for f in findings if not f.sequence]
    overlap = sum(f.relation.group == "overlap" for f in substance)
    conflict = sum(f.relation is Relation.CONFLICT for f in substance)
    one_sided = sum(f.relation.group == "one-sided" for f in substance)
    contested = sum(f.relation is Relation.CONTESTED for f in substance)
    text = (
        f"{plural(overlap, 'issue')} with overlap, {conflict} in conflict, {one_sided} one-sided"
    )
    return text + (f", {contested} contested" if contested else "")


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
        return f"{name}: {_counts(c.findings)}.{sequence}{silence}"
    strict = [f for f in c.findings if f.reading in ("strict", "both")]
    broad = [f for f in c.findings if f.reading in ("broad", "both")]
    dependent = len({f.issue for f in c.findings if f.reading_dependent and not f.sequence})
    return (
        f"Strict reading (EXPLICIT only): {_counts(strict)}. "
        f"Broad reading (with IMPLIED): {_counts(broad)}. "
        f"{plural(dependent, 'issue')} {'depends' if dependent == 1 else 'depend'} on the "
        f"reading.{sequence}{silence}"
    )


def _common(f: Finding) -> str:
    if f.relation is Relation.CONFLICT:
        return "none"
    return constraint_text(f.common_ground) if f.relation.group == "overlap" else "—"


def _inferred_by(
    f: Finding,
    stance: Constraint | None,
    conditions: Sequence[Condition],
    said: Constraint | None,
    known: bool,
) -> tuple[str, ...]:
    """The readers whose inferences a side's stance rests on, where it is not what the text
    itself says (``said``: the side's stance under the strict reading, if ``known``); else
    none. A reader's inference is never shown as what a text says."""
    if stance is None or f.reading in ("strict", "both"):
        return ()
    inferred = [c for c in conditions if c.evidence.basis is Basis.IMPLIED]
    if not known:
        if len(inferred) < len(conditions):
            return ()  # the text speaks here; without it alone, no stance is blamed on readers
    elif stance == said:
        return ()
    chosen = f.reading if isinstance(f.reading, frozenset) else None
    return tuple(
        sorted({r for c in inferred for r in c.evidence.readers if chosen is None or r in chosen})
    )


def _texts(f: Finding) -> tuple[Constraint | None, Constraint | None, bool]:
    """What each side's text says in ``f``, and whether that is known."""
    if f.texts is None:
        return None, None, False
    return f.texts[0], f.texts[1], True


def read_by(f: Finding) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Per side, the readers whose inferences its stance in ``f`` rests on (none where the
    text itself says it): what tables show as ``(read by …)`` and records as ``*_read_by``."""
    lsaid, rsaid, known = _texts(f)
    return (
        _inferred_by(f, f.left, f.left_conditions, lsaid, known),
        _inferred_by(f, f.right, f.right_conditions, rsaid, known),
    )


def _read_by(names: Sequence[str]) -> str:
    return f" (read by {' / '.join(names)})" if names else ""


def _said_under_terms(said: Constraint | None, terms: Sequence[Term]) -> Constraint | None:
    """What a text says a side accepts in a deal that meets its terms: its own stance widened
    by the terms the text states (not those readers infer)."""
    for t in terms:
        if t.condition.evidence.basis is Basis.EXPLICIT:
            said = t.constraint if said is None else said | t.constraint
    return said


def _finding_rows(
    findings: Sequence[Finding],
    sources: _Sources,
    codebook: Codebook | None,
) -> tuple[list[tuple[str, ...]], list[str], list[str], bool]:
    """The rows of findings, their kinds and details, and whether a cell names readers (of
    a stance that rests on their inferences)."""
    rows: list[tuple[str, ...]] = []
    kinds: list[str] = []
    details: list[str] = []
    named = False
    for f in findings:
        left = sources.ref(f.left_label, f.left_conditions, f.issue, f.left_rules, codebook)
        right = sources.ref(f.right_label, f.right_conditions, f.issue, f.right_rules, codebook)
        reading = reading_name(f.reading)
        reading = f"{reading}*" if f.reading_dependent else reading
        contested = f.relation is Relation.CONTESTED
        lsaid, rsaid, known = _texts(f)
        lby, rby = (_read_by(names) for names in read_by(f))
        named = named or bool(lby or rby)
        rows.append(
            (
                f.title,
                reading,
                _verdict(f),
                constraint_text(f.left) + lby if f.left or not contested else "(readers disagree)",
                constraint_text(f.right) + rby
                if f.right or not contested
                else "(readers disagree)",
                _common(f),
                _refs(left + right),
            )
        )
        kinds.append(f.relation.value + (" dependent" if f.reading_dependent else ""))
        evidence = [sources.texts[n - 1] for n in dict.fromkeys(left + right)]
        details.append("\n".join([f.explanation, *evidence]))
        for v in f.contested:
            lrefs = sources.ref(f.left_label, v.left_conditions)
            rrefs = sources.ref(f.right_label, v.right_conditions)
            common = v.left & v.right if v.left is not None and v.right is not None else None
            rows.append(
                (
                    f"↳ read by {v.readers}",
                    reading,
                    _word(v.relation, f.left_label, f.right_label),
                    constraint_text(v.left),
                    constraint_text(v.right),
                    "none" if v.relation is Relation.CONFLICT else constraint_text(common),
                    _refs(lrefs + rrefs),
                )
            )
            kinds.append(v.relation.value + " reader")
            details.append("\n".join(sources.texts[n - 1] for n in dict.fromkeys(lrefs + rrefs)))
        if f.conditional and f.under_terms is not None:
            lrefs = sources.ref(f.left_label, [t.condition for t in f.left_terms])
            rrefs = sources.ref(f.right_label, [t.condition for t in f.right_terms])
            lu, ru = f.left_under_terms, f.right_under_terms
            common = lu & ru if lu is not None and ru is not None else None
            states = "; ".join(f"{r.condition.describe()}: {r.state}" for r in f.requirements)
            lterms = (*f.left_conditions, *(t.condition for t in f.left_terms))
            rterms = (*f.right_conditions, *(t.condition for t in f.right_terms))
            lby = _read_by(
                _inferred_by(f, lu, lterms, _said_under_terms(lsaid, f.left_terms), known)
            )
            rby = _read_by(
                _inferred_by(f, ru, rterms, _said_under_terms(rsaid, f.right_terms), known)
            )
            named = named or bool(lby or rby)
            rows.append(
                (
                    "↳ under terms" + (f" ({states})" if states else ""),
                    reading,
                    _word(f.under_terms, f.left_label, f.right_label),
                    constraint_text(lu) + lby,
                    constraint_text(ru) + rby,
                    "none" if f.under_terms is Relation.CONFLICT else constraint_text(common),
                    _refs(lrefs + rrefs),
                )
            )
            kinds.append(f.under_terms.value + " terms")
            details.append(f.terms_explanation())
    return rows, kinds, details, named


def comparison_table(c: Comparison) -> Table:
    sources = _Sources()
    left, right = labels(c.left, c.right)
    columns = ("Issue", "Reading", "Verdict", left, right, "Common ground", "Sources")
    main = [f for f in c.findings if not f.sequence]
    seq = [f for f in c.findings if f.sequence]
    rows, kinds, details, named = _finding_rows(main, sources, c.codebook)
    sections = []
    if seq:
        srows, skinds, sdetails, in_sequence = _finding_rows(seq, sources, c.codebook)
        named = named or in_sequence
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
        legend=_legend(
            left,
            right,
            bool(c.contested),
            bool(c.conditional),
            named,
        ),
        sources=tuple(sources.texts),
        label=f"tab:{c.left.id}-vs-{c.right.id}",
        sections=tuple(sections) + _variant_sections(c, left, right),
    )


def _variant_sections(c: Comparison, left: str, right: str) -> tuple[Table, ...]:
    if not c.variants:
        return ()
    closest = c.closest
    rows = []
    for v in c.variants:
        rows.append(
            (
                v.left_variant or "—",
                v.right_variant or "—",
                str(v.conflicts),
                str(v.overlaps),
                "closest" if v is closest else "",
            )
        )
    return (
        Table(
            title="Variants: each pair compared (the table above shows the closest)",
            columns=(f"{left} variant", f"{right} variant", "Conflicts", "Overlaps", ""),
            rows=tuple(rows),
            summary="A document's variants are alternative packages it offers; the closest "
            "pair has the fewest issues in conflict, then the most with overlap.",
        ),
    )


def multi_table(m: MultiComparison) -> Table:
    names = short_names(m.positions)
    other_reading = "strict" if m.reading == "broad" else "broad"
    dependent = set(m.reading_dependent)
    sources = _Sources()
    codebook = m.positions[0].codebook
    stances = {p.id: p.stances(m.reading) for p in m.positions}

    def refs(issue: str, ids: Sequence[str]) -> str:
        numbers: list[int] = []
        for pid in ids:
            st = stances[pid].get(issue)
            if st is not None:
                conditions = st.conditions + tuple(t.condition for t in st.terms)
                numbers += sources.ref(names[pid], conditions, issue, st.derived, codebook)
        return _refs(numbers)

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
                    refs(a.issue, a.addressed_by),
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
        "Sources",
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
    reading = _reading_words(m.reading)
    changed = sorted(dependent)
    summary = (
        f"{len(m.positions)} positions, {reading}: {plural(len(m.common_ground), 'issue')} "
        f"with joint common ground among those who address them, "
        f"{plural(len(m.blocking), 'blocking issue')}"
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
        sources=tuple(sources.texts),
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


def _reading_words(reading: object) -> str:
    if reading == "strict":
        return "strict reading (EXPLICIT only)"
    if reading == "broad":
        return "broad reading (EXPLICIT and IMPLIED)"
    return f"reading of {reading_name(reading)}"  # type: ignore[arg-type]


def changes_table(ch: Changes) -> Table:
    from peacepos.analysis.changes import ChangeKind

    _CHANGE_KIND = {
        ChangeKind.UNCHANGED: "same",
        ChangeKind.HARDENED: "narrower",
        ChangeKind.SOFTENED: "broader",
        ChangeKind.SHIFTED: "overlap",
        ChangeKind.REVERSED: "conflict",
        ChangeKind.ADDED: "only-right",
        ChangeKind.DROPPED: "only-left",
    }
    before, after = labels(ch.earlier, ch.later)
    sources = _Sources()
    codebook = ch.later.codebook
    earlier, later = ch.earlier.stances(ch.reading), ch.later.stances(ch.reading)

    def refs(label: str, stances: Mapping[str, Stance], issue: str) -> list[int]:
        st = stances.get(issue)
        if st is None:
            return []
        conditions = st.conditions + tuple(t.condition for t in st.terms)
        return sources.ref(label, conditions, issue, st.derived, codebook)

    rows = tuple(
        (c.title, f"{c.kind.value}*" if c.reading_dependent else c.kind.value,
         constraint_text(c.before), constraint_text(c.after),
         _refs(refs(before, earlier, c.issue) + refs(after, later, c.issue)))
        for c in ch.changes
    )  # fmt: skip
    reading = _reading_words(ch.reading)
    return Table(
        title=f"{before} → {after}",
        subtitle=f"{before}: {ch.earlier.title} ({ch.earlier.id}). "
        f"{after}: {ch.later.title} ({ch.later.id}).",
        columns=("Issue", "Change", before, after, "Sources"),
        rows=rows,
        sources=tuple(sources.texts),
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
        issues = _issues(c, p.codebook)
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
    if p.based_on is not None:
        meta.append(
            f"amends {p.based_on.id} ({len(p.amendments)} amendment"
            f"{'' if len(p.amendments) == 1 else 's'}; inherited conditions are listed with "
            "their original locators)"
        )
    if p.confidence_level:
        meta.append(f"confidence level: {p.confidence_level}")
    if p.confidence:
        meta.append(f"confidence: {p.confidence}")
    sections = []
    for v in p.variants:
        vrows = []
        for c in sorted(v.conditions, key=lambda c: natural_key(c.evidence.locator)):
            vrows.append(
                (
                    c.evidence.locator,
                    c.describe(),
                    ", ".join(dict.fromkeys(x.issue.key for x in c.constraints(p.codebook))),
                    _accepts(c, p.codebook),
                    c.stage.value,
                    c.evidence.basis.value,
                    _refs(sources.ref(p.label, [c])),
                )
            )
        sections.append(
            Table(
                title=f"Variant {v.name}" + (f": {v.title}" if v.title else ""),
                columns=("Locator", "Condition", "Issues", "Accepts", "Stage", "Basis", "Sources"),
                rows=tuple(vrows),
                kinds=tuple(c.evidence.basis.value for c in v.conditions),
                summary="An alternative the document offers: these conditions hold together "
                "with the ones above.",
            )
        )
    if p.amendments:
        sections.append(
            Table(
                title=f"Amendments to {p.based_on.id if p.based_on else ''}",
                columns=("Action", "Locator", "Note"),
                rows=tuple(
                    (a.action.value, a.locator or "—", a.note or "—") for a in p.amendments
                ),
            )
        )
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
    if is_multi(obj):
        return multi_table(obj)
    if is_changes(obj):
        return changes_table(obj)
    if isinstance(obj, Position):
        return position_table(obj)
    if isinstance(obj, Finding):
        return finding_table(obj)
    if isinstance(obj, Codebook):
        return codebook_table(obj)
    if is_deal(obj):
        return deal_table(obj)
    if isinstance(obj, Table):
        return obj
    raise TypeError(f"cannot render {type(obj).__name__}")


def finding_table(f: Finding) -> Table:
    """One finding as a small table: both sides, the common ground and the evidence."""
    sources = _Sources()
    rows, kinds, details, named = _finding_rows([f], sources, None)
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
        legend=(_READ_BY,) if named else (),
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


_BASE_FIELDS = frozenset({"evidence", "stage", "only_if", "actors"})


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def codebook_table(cb: Codebook) -> Table:
    """A codebook's vocabulary: its issues, then its kinds, areas, implications and actors."""
    from peacepos.kinds import BUILTIN  # the typed kinds: only a codebook's table needs them

    rows: list[tuple[str, ...]] = []
    for issue in cb.all_issues():
        notes = [issue.description] if issue.description else []
        if isinstance(issue, Issue):
            domain = ", ".join(issue.label(o) for o in issue.outcomes)
            notes += [f"{issue.label(o)}: {n}" for o, n in issue.notes]
        else:
            top = "…" if issue.maximum is None else issue.format(issue.maximum)
            domain = f"{issue.format(issue.minimum)}–{top} {issue.unit}"
        rows.append((issue.key, issue.title, domain, " ".join(_sentence(n) for n in notes)))
    with_notes = any(r[3] for r in rows)
    if not with_notes:
        rows = [r[:3] for r in rows]
    sections = []
    typed = [
        (
            name,
            (cls.__doc__ or "").strip().split("\n")[0] or "typed (Python)",
            ", ".join(a.name for a in attrs.fields(cls) if a.init and a.name not in _BASE_FIELDS)
            or "—",
            "see peacepos.kinds",
        )
        for name, cls in sorted(BUILTIN.items())
        if cls.usable(cb)
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
        columns=("Issue", "Title", "Outcomes", *(("Notes",) if with_notes else ())),
        rows=tuple(rows),
        summary=f"{plural(len(rows), 'issue')}, "
        f"{plural(len(declared) + len(typed), 'condition kind')}"
        + (f"; includes {included}" if included else "")
        + ".",
        label=f"tab:codebook-{cb.name}",
        sections=tuple(sections),
    )


def deal_table(d: Deal) -> Table:
    """A settlement (each issue's outcome and why each position accepts it), or the blocking
    sets with their evidence and the chain that makes them incompatible."""
    names = short_names(d.positions)
    sources = _Sources()
    reading = reading_name(d.reading)
    dropped = f" Left out (what if): {', '.join(d.dropped)}." if d.dropped else ""
    subtitle = " ".join(f"{names[p.id]}: {p.title} ({p.id}, {p.date})." for p in d.positions)
    if d.settlement is not None:
        rows = []
        by = {(a.position, a.issue): a for a in d.acceptance}
        codebook = d.codebook
        for issue in codebook.sort_keys(d.settlement):
            cells = []
            for p in d.positions:
                a = by.get((p.id, issue))
                if a is None or a.how == "silent":
                    cells.append("silent")
                    continue
                refs = _refs(sources.ref(names[p.id], a.conditions))
                cells.append(("by its terms " if a.how == "term" else "accepts ") + f"[{refs}]")
            rows.append((codebook[issue].title, d.outcome(issue), *cells))
        variants = "; ".join(
            f"{names[pid]}: variant {v}" for pid, v in d.variants.items() if v is not None
        )
        terms = "; ".join(f"{names[pid]}: {c.describe()}" for pid, c in d.terms)
        summary = (
            f"A settlement exists ({reading} reading): every position accepts the outcome on "
            "every issue below."
            + (f" Variants chosen: {variants}." if variants else "")
            + (f" Conditional terms it relies on: {terms}." if terms else "")
            + dropped
        )
        return Table(
            title="Deal: a settlement of " + ", ".join(names[p.id] for p in d.positions),
            subtitle=subtitle,
            columns=("Issue", "Outcome", *(names[p.id] for p in d.positions)),
            rows=tuple(rows),
            kinds=tuple("same" for _ in rows),
            summary=summary,
            sources=tuple(sources.texts),
            legend=(
                ("accepts [n]", "the position's conditions (sources n) allow this outcome"),
                (
                    "by its terms [n]",
                    "allowed by a conditional term whose requirements this settlement meets",
                ),
                ("silent", "the position says nothing on the issue (silence never blocks)"),
            ),
            label="tab:deal",
        )
    sections = []
    for number, blocking in enumerate(d.blocking_sets, start=1):
        rows = [
            (
                names[x.position] + (f" ({x.variant})" if x.variant else ""),
                x.allowed.issue.title,
                str(x.allowed),
                x.condition.describe(),
                _refs(sources.ref(names[x.position], [x.condition])),
            )
            for x in blocking
        ]
        chain = " ".join(_chain_of(d, blocking, names))
        sections.append(
            Table(
                title=f"Blocking set {number}",
                columns=("Position", "Issue", "Demands", "Condition", "Sources"),
                rows=tuple(rows),
                kinds=tuple("conflict" for _ in rows),
                summary=chain,
            )
        )
    core = ", ".join(d.codebook[k].title for k in d.core) or "none in common"
    covering = (
        "Dropping one demand of each set listed leaves a settlement."
        if d.covering
        else f"There are more blocking sets than the {len(d.blocking_sets)} listed."
    )
    summary = (
        f"No settlement exists ({reading} reading): {len(d.blocking_sets)} minimal blocking "
        f"set{'' if len(d.blocking_sets) == 1 else 's'} listed. {covering} Issues every listed "
        f"set touches: {core}.{dropped}"
    )
    first, *rest = sections
    return Table(
        title="Deal: no settlement of " + ", ".join(names[p.id] for p in d.positions),
        subtitle=subtitle,
        columns=first.columns,
        rows=first.rows,
        kinds=first.kinds,
        summary=summary + " " + first.summary,
        sources=tuple(sources.texts),
        legend=(
            (
                "blocking set",
                "demands that together rule out every settlement; dropping any "
                "one of them leaves the rest satisfiable",
            ),
        ),
        label="tab:deal",
        sections=tuple(rest),
    )


def _chain_of(d: Deal, blocking: Sequence[object], names: dict[str, str]) -> list[str]:
    from peacepos.analysis.deals import blocking_chain

    return blocking_chain(blocking, names, d.codebook, d.positions, demands=False)  # type: ignore[arg-type]
