"""Comparing two positions issue by issue: relations, common ground, silence, readings,
readers who disagree, conditional terms, variants and sequence.

>>> import peacepos
>>> china = peacepos.corpus.load("china-2023-02-24")
>>> russia = peacepos.corpus.load("russia-2023-02-24")
>>> result = compare(china, russia)
>>> f = result.finding("talks")
>>> f.relation, str(f.common_ground)
(<Relation.NARROWER: 'narrower'>, 'direct')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal

import attrs
from attrs import field, frozen

from peacepos._record import Record
from peacepos._render import Renderable
from peacepos._text import plural, verb
from peacepos.analysis.relation import Relation, relate, shared_codebook
from peacepos.conditions import Condition
from peacepos.constraints import Constraint, IntervalSet
from peacepos.position import Position, Stance, Term, reading_key, reading_name
from peacepos.vocabulary import AnyIssue, Codebook, Implication

__all__ = [
    "Comparison",
    "Finding",
    "ReaderVerdict",
    "ReadingChoice",
    "Requirement",
    "Silence",
    "VariantComparison",
    "compare",
    "labels",
    "requirement_state",
    "short_names",
]

ReadingChoice = Literal["strict", "broad", "both"] | frozenset[str]
Silence = Literal["report", "accept"]
State = Literal["met", "open", "refused"]


@frozen(kw_only=True, repr=False, eq=False)
class ReaderVerdict(Record):
    """On a contested issue: the verdict under one reader's reading of each side (``None``
    for a side whose readers agree, so the text or its agreed reading counts)."""

    left_reader: str | None
    right_reader: str | None
    relation: Relation
    left: Constraint | None
    right: Constraint | None
    left_conditions: tuple[Condition, ...] = ()
    right_conditions: tuple[Condition, ...] = ()

    def mirror(self) -> ReaderVerdict:
        return ReaderVerdict(
            left_reader=self.right_reader,
            right_reader=self.left_reader,
            relation=self.relation.mirror,
            left=self.right,
            right=self.left,
            left_conditions=self.right_conditions,
            right_conditions=self.left_conditions,
        )

    @property
    def readers(self) -> str:
        """Whose reading this is, in words."""
        names = [r for r in (self.left_reader, self.right_reader) if r]
        return " / ".join(names) or "the text"


@frozen(kw_only=True, repr=False, eq=False)
class Requirement(Record):
    """A requirement of a conditional term, and its state against the other side: met (the
    other side accepts an outcome that meets it), open (the other side is silent there) or
    refused (the other side's stance rules it out)."""

    condition: Condition
    side: Literal["left", "right"]
    """Whose conditional term it belongs to."""
    state: State

    def mirror(self) -> Requirement:
        return attrs.evolve(self, side="right" if self.side == "left" else "left")


@frozen(kw_only=True, repr=False, eq=False)
class Finding(Record, Renderable):
    """What two positions say on one issue under one reading, and why.

    ``reading`` is ``"strict"``, ``"broad"``, ``"both"`` (the readings agree) or a set of
    readers' names. ``relation`` is the unconditional relation; ``common_ground`` is A ∩ B
    (empty for a conflict; None when one side is silent). A CONTESTED finding has each
    reader's verdict in ``contested``. Where conditional terms exist, ``under_terms`` is the
    relation in a deal that meets them, and ``requirements`` their state against the other
    side.
    """

    issue: str
    relation: Relation
    reading: ReadingChoice
    left: Constraint | None
    right: Constraint | None
    left_conditions: tuple[Condition, ...] = ()
    right_conditions: tuple[Condition, ...] = ()
    left_label: str = "left"
    right_label: str = "right"
    reading_dependent: bool = False
    contested: tuple[ReaderVerdict, ...] = ()
    left_terms: tuple[Term, ...] = ()
    right_terms: tuple[Term, ...] = ()
    under_terms: Relation | None = None
    left_under_terms: Constraint | None = None
    right_under_terms: Constraint | None = None
    requirements: tuple[Requirement, ...] = ()
    left_rules: tuple[Implication, ...] = ()
    """The codebook's rules that carry a condition on another issue to this one (left)."""
    right_rules: tuple[Implication, ...] = ()
    texts: tuple[Constraint | None, Constraint | None] | None = None
    """What each side's text itself says here (its stance under the strict reading; None:
    silent), to tell a stance readers infer from one the text states; None when not known."""

    def __repr__(self) -> str:
        common = self.common_ground
        return (
            f"<Finding {self.issue} ({reading_name(self.reading)}): {self.relation.name}, "
            f"common ground: {'—' if common is None else common}>"
        )

    @property
    def common_ground(self) -> Constraint | None:
        if self.left is None or self.right is None:
            return None
        common: Constraint = self.left & self.right
        return common

    @property
    def about(self) -> AnyIssue:
        """The issue itself (as the codebook declares it)."""
        for c in (
            self.left,
            self.right,
            self.left_under_terms,
            self.right_under_terms,
            *(x for v in self.contested for x in (v.left, v.right)),
        ):
            if c is not None:
                return c.issue
        raise AssertionError("a finding always has a constraint somewhere")  # pragma: no cover

    @property
    def title(self) -> str:
        return self.about.title

    @property
    def sequence(self) -> bool:
        """True for findings about *when* (talks or ceasefire before or after preconditions)."""
        return self.about.sequence

    @property
    def conditional(self) -> bool:
        """Whether conditional terms speak on this issue."""
        return bool(self.left_terms or self.right_terms)

    @property
    def explanation(self) -> str:
        """One line that says why the relation holds (and what changes under the terms)."""
        text = self._unconditional()
        if self.conditional and self.under_terms is not None:
            text += " " + self.terms_explanation()
        return text

    def _unconditional(self) -> str:
        a, b = self.left_label, self.right_label
        left, right = self.left, self.right
        if self.relation is Relation.CONTESTED:
            parts = [f"read by {v.readers}: {_word(v.relation, a, b)}" for v in self.contested]
            return "Readers disagree: " + "; ".join(parts) + "."
        if self.relation is Relation.ONLY_LEFT:
            if left is None:
                return (
                    f"Only {a} addresses this, and only under conditional terms; nothing from {b}."
                )
            return f"Only {a} addresses this ({left}); nothing from {b}."
        if self.relation is Relation.ONLY_RIGHT:
            if right is None:
                return (
                    f"Only {b} addresses this, and only under conditional terms; nothing from {a}."
                )
            return f"Only {b} addresses this ({right}); nothing from {a}."
        if left is None and right is None:
            return f"Neither {a} nor {b} states anything here except under conditional terms."
        assert left is not None
        assert right is not None
        common = left & right
        if self.relation is Relation.SAME:
            return f"Both accept {left}."
        va, vb = verb(a, "accepts"), verb(b, "accepts")
        if self.relation is Relation.NARROWER:
            return f"{a} {va} {left}; {b} {vb} that and more ({right})."
        if self.relation is Relation.BROADER:
            return f"{b} {vb} {right}; {a} {va} that and more ({left})."
        if self.relation is Relation.OVERLAP:
            return f"{a} {va} {left}, {b} {vb} {right}; both accept {common}."
        text = f"No outcome acceptable to both: {a} {va} {left}, {b} {vb} {right}"
        if isinstance(left, IntervalSet) and isinstance(right, IntervalSet):
            gap = left.gap(right)
            if gap is not None:
                text += f"; a gap of {left.issue.format(gap)} {left.issue.unit}".rstrip()
        return text + "."

    def terms_explanation(self) -> str:
        a, b = self.left_label, self.right_label
        who = " and ".join(
            name for name, terms in ((a, self.left_terms), (b, self.right_terms)) if terms
        )
        assert self.under_terms is not None
        text = f"Under {who}'s conditional terms: {_word(self.under_terms, a, b)}"
        states = []
        for r in self.requirements:
            other = b if r.side == "left" else a
            says = {"met": "accepts", "open": "is silent on", "refused": "refuses"}[r.state]
            states.append(f"{other} {verb(other, says)} {r.condition.describe()}")
        if states:
            text += " — " + "; ".join(states)
        return text + "."

    def mirror(self) -> Finding:
        """The same finding seen from the other side."""
        return attrs.evolve(
            self,
            relation=self.relation.mirror,
            left=self.right,
            right=self.left,
            left_conditions=self.right_conditions,
            right_conditions=self.left_conditions,
            left_label=self.right_label,
            right_label=self.left_label,
            contested=tuple(v.mirror() for v in self.contested),
            left_terms=self.right_terms,
            right_terms=self.left_terms,
            left_rules=self.right_rules,
            right_rules=self.left_rules,
            texts=None if self.texts is None else (self.texts[1], self.texts[0]),
            under_terms=None if self.under_terms is None else self.under_terms.mirror,
            left_under_terms=self.right_under_terms,
            right_under_terms=self.left_under_terms,
            requirements=tuple(
                sorted((r.mirror() for r in self.requirements), key=lambda r: r.side != "left")
            ),
        )


def _word(relation: Relation, a: str, b: str) -> str:
    return {
        Relation.SAME: "the same outcomes",
        Relation.NARROWER: f"overlap ({a} {verb(a, 'accepts')} fewer)",
        Relation.BROADER: f"overlap ({b} {verb(b, 'accepts')} fewer)",
        Relation.OVERLAP: "overlap",
        Relation.CONFLICT: "conflict",
        Relation.ONLY_LEFT: f"only {a} speaks",
        Relation.ONLY_RIGHT: f"only {b} speaks",
        Relation.CONTESTED: "contested",
    }[relation]


def short_names(positions: Sequence[Position]) -> dict[str, str]:
    """Short, unique names for tables: the actors, with the date (or id) where needed."""
    out = {}
    for p in positions:
        name = p.label
        if sum(q.label == p.label for q in positions) > 1:
            name = f"{p.label} ({p.date})"
        if sum(q.label == p.label and q.date == p.date for q in positions) > 1:
            name = f"{p.label} [{p.id}]"
        out[p.id] = name
    return out


def labels(left: Position, right: Position) -> tuple[str, str]:
    """Short names for two positions, as their findings name them."""
    a, b = left.label, right.label
    if left.id == right.id or a != b:
        return a, b
    names = short_names((left, right))
    return names[left.id], names[right.id]


class _Pending:
    """Findings not built yet: each one's keyword arguments, built on first use (most of the
    cost of a comparison is making the finding objects, and many uses never need them all)."""

    __slots__ = ("rows",)

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows

    def build(self) -> tuple[Finding, ...]:
        out = []
        for row in self.rows:
            verdicts = row.get("contested")
            if isinstance(verdicts, _Verdicts):
                row = {**row, "contested": verdicts.build()}
            out.append(Finding(**row))
        return tuple(out)


class _Verdicts:
    """Each reader's verdict on a contested issue, made when the finding is."""

    __slots__ = ("args",)

    def __init__(self, *args: Any) -> None:
        self.args = args

    def __bool__(self) -> bool:
        return True

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Verdicts) and self.args == other.args

    __hash__ = None  # type: ignore[assignment]

    def build(self) -> tuple[ReaderVerdict, ...]:
        return _verdicts(*self.args)


def _findings_tuple(findings: Iterable[Finding] | _Pending) -> tuple[Finding, ...] | _Pending:
    if isinstance(findings, _Pending):
        return findings
    return tuple(findings)


@frozen(kw_only=True, repr=False, eq=False)
class VariantComparison(Record):
    """One pair of variants compared (None: the position offers no variants)."""

    left_variant: str | None
    right_variant: str | None
    comparison: Comparison

    @property
    def conflicts(self) -> int:
        """How many issues of substance are in conflict under this pair."""
        return len(
            {
                f.issue
                for f in self.comparison.findings
                if f.relation is Relation.CONFLICT and not f.sequence
            }
        )

    @property
    def overlaps(self) -> int:
        return len(
            {
                f.issue
                for f in self.comparison.findings
                if f.relation.group == "overlap" and not f.sequence
            }
        )


@frozen(kw_only=True, repr=False, eq=False)
class Comparison(Renderable):
    """The findings of comparing two positions, in report order of issues.

    With ``reading="both"`` an issue whose strict and broad findings agree appears once with
    ``reading="both"``; an issue where they differ appears twice (strict, then broad), both
    flagged :attr:`Finding.reading_dependent`. Where a position offers variants,
    ``variants`` compares every pair and ``findings`` are those of the closest pair
    (:attr:`closest`: fewest conflicts, then most overlap).
    """

    left: Position
    right: Position
    reading: ReadingChoice
    silence: Silence
    _findings: tuple[Finding, ...] | _Pending = field(alias="findings", converter=_findings_tuple)
    variants: tuple[VariantComparison, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding, in report order of issues (see the class documentation)."""
        found = self._findings
        if isinstance(found, _Pending):
            found = found.build()
            object.__setattr__(self, "_findings", found)
        return found

    def _key(self) -> tuple[object, ...]:
        return (self.left, self.right, self.reading, self.silence, self.findings, self.variants)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Comparison):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def __repr__(self) -> str:
        def issues(findings: tuple[Finding, ...]) -> int:
            return len({f.issue for f in findings})

        return (
            f"<Comparison {self.left.id} vs {self.right.id}, "
            f"reading={reading_name(self.reading)}: "
            f"{plural(len(self.issues), 'issue')}; with overlap {issues(self.overlaps)}, "
            f"in conflict {issues(self.conflicts)}, one-sided {issues(self.one_sided)}, contested "
            f"{issues(self.contested)}>"
        )

    @property
    def codebook(self) -> Codebook:
        return shared_codebook((self.left, self.right))

    @property
    def overlaps(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.relation.group == "overlap")

    @property
    def conflicts(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.relation is Relation.CONFLICT)

    @property
    def one_sided(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.relation.group == "one-sided")

    @property
    def contested(self) -> tuple[Finding, ...]:
        """Findings where readers disagree: each has every reader's verdict."""
        return tuple(f for f in self.findings if f.relation is Relation.CONTESTED)

    @property
    def conditional(self) -> tuple[Finding, ...]:
        """Findings where conditional terms speak."""
        return tuple(f for f in self.findings if f.conditional)

    @property
    def sequence(self) -> tuple[Finding, ...]:
        """Findings on sequencing: a CONFLICT here is a sequence clash."""
        return tuple(f for f in self.findings if f.sequence)

    @property
    def reading_dependent(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.reading_dependent)

    @property
    def issues(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.issue for f in self.findings))

    @property
    def closest(self) -> VariantComparison | None:
        """The pair of variants that comes closest (None if neither offers variants)."""
        if not self.variants:
            return None
        return min(
            enumerate(self.variants), key=lambda iv: (iv[1].conflicts, -iv[1].overlaps, iv[0])
        )[1]

    def finding(self, issue: str, reading: ReadingChoice | None = None) -> Finding:
        """The finding on ``issue``; for a reading-dependent one, pass ``reading``."""
        if reading is not None and not isinstance(reading, frozenset):
            if reading not in ("strict", "broad", "both"):
                raise ValueError(f"reading must be 'strict', 'broad' or 'both' (got {reading!r})")
            if self.reading != "both" and reading != self.reading:
                raise ValueError(
                    f"this comparison has the {reading_name(self.reading)} reading only"
                )
        found = [
            f
            for f in self.findings
            if f.issue == issue and (reading is None or f.reading in (reading, "both"))
        ]
        if not found:
            other = [f.reading for f in self.findings if f.issue == issue]
            if other:
                raise KeyError(
                    f"{issue!r} is addressed under the {reading_name(other[0])} reading only: "
                    f"there is no {reading} finding on it"
                )
            raise KeyError(f"no finding on {issue!r}; issues: {', '.join(self.issues)}")
        if len(found) > 1:
            raise KeyError(f"{issue!r} depends on the reading: pass reading='strict' or 'broad'")
        return found[0]

    def mirror(self) -> Comparison:
        return attrs.evolve(
            self,
            left=self.right,
            right=self.left,
            findings=tuple(f.mirror() for f in self.findings),
            variants=tuple(
                VariantComparison(
                    left_variant=v.right_variant,
                    right_variant=v.left_variant,
                    comparison=v.comparison.mirror(),
                )
                for v in self.variants
            ),
        )

    def to_latex(self) -> str:
        return self.render("latex")


def requirement_state(
    condition: Condition, other: Position, reading: object, codebook: Codebook | None = None
) -> State:
    """The state of a requirement against another position's unconditional stances; the
    requirement is read in ``codebook``, its own position's (default: the other's)."""
    stances = other._stances(reading)  # type: ignore[arg-type]
    states = []
    for x in condition.constraints(codebook or other.codebook):
        st = stances.get(x.issue.key)
        if st is None or st.constraint is None:
            states.append("open")
        elif st.constraint.is_disjoint(x):
            states.append("refused")
        else:
            states.append("met")
    if "refused" in states:
        return "refused"
    if "open" in states or not states:
        return "open"
    return "met"


Side = tuple[Constraint | None, tuple[Condition, ...]]


def _verdicts(
    ls: Stance | None, rs: Stance | None, lside: Side, rside: Side
) -> tuple[ReaderVerdict, ...]:
    def options(
        st: Stance | None, side: Side
    ) -> list[tuple[str | None, Constraint | None, tuple[Condition, ...]]]:
        if st is not None and st.contested:
            return [(r.reader, r.constraint, r.conditions) for r in st.contested]
        return [(None, side[0], side[1])]

    out = []
    for lr, lc, lconds in options(ls, lside):
        for rr, rc, rconds in options(rs, rside):
            if lc is None and rc is None:
                continue
            out.append(
                ReaderVerdict(
                    left_reader=lr,
                    right_reader=rr,
                    relation=relate(lc, rc),
                    left=lc,
                    right=rc,
                    left_conditions=lconds,
                    right_conditions=rconds,
                )
            )
    return tuple(out)


def _compare_one(
    left: Position,
    right: Position,
    reading: object,
    codebook: Codebook,
    silence: Silence,
    la: str,
    lb: str,
    only: Iterable[str] | None = None,
) -> dict[str, dict[str, Any]]:
    """Every finding under one reading (``reading``: strict, broad or a set of readers), as
    the keyword arguments of its :class:`Finding` (the caller adds the reading)."""
    lt, rt = left._stances(reading), right._stances(reading)  # type: ignore[arg-type]
    l0, r0 = left._stances("strict"), right._stances("strict")
    accept = silence == "accept"
    out: dict[str, dict[str, Any]] = {}
    keys = codebook.sort_keys(lt.keys() | rt.keys()) if only is None else only
    for key in keys:
        ls, rs = lt.get(key), rt.get(key)
        if ls is None and rs is None:  # (asked for an issue only the other reading has)
            continue
        if (
            not accept
            and (ls is None or not (ls.contested or ls.terms))
            and (rs is None or not (rs.contested or rs.terms))
        ):  # the common case: what each side accepts unconditionally, nothing else
            lc = ls.constraint if ls is not None else None
            rc = rs.constraint if rs is not None else None
            out[key] = {
                "issue": key,
                "relation": relate(lc, rc),
                "left": lc,
                "right": rc,
                "left_conditions": ls.conditions if ls is not None else (),
                "right_conditions": rs.conditions if rs is not None else (),
                "left_label": la,
                "right_label": lb,
                "left_rules": ls.derived if ls is not None else (),
                "right_rules": rs.derived if rs is not None else (),
                "texts": _texts(l0.get(key), r0.get(key)),
            }
            continue
        lside: Side = (ls.constraint, ls.conditions) if ls else (None, ())
        rside: Side = (rs.constraint, rs.conditions) if rs else (None, ())
        if accept:  # silence taken as accepting any outcome of the issue
            issue = (ls or rs).constraint.issue if (ls or rs) and (ls or rs).constraint else None  # type: ignore[union-attr]
            if issue is not None:
                lside = lside if lside[0] is not None else (Constraint.full(issue), ())
                rside = rside if rside[0] is not None else (Constraint.full(issue), ())
        contested: _Verdicts | tuple[()] = (
            _Verdicts(ls, rs, lside, rside)
            if ((ls is not None and ls.contested) or (rs is not None and rs.contested))
            else ()
        )
        lterms = ls.terms if ls else ()
        rterms = rs.terms if rs else ()
        if contested:
            relation = Relation.CONTESTED
        elif lside[0] is None and rside[0] is None:
            if not (lterms or rterms):  # pragma: no cover - every stance says something
                continue
            relation = (
                Relation.ONLY_LEFT
                if lterms and not rterms
                else (Relation.ONLY_RIGHT if rterms and not lterms else Relation.OVERLAP)
            )
        else:
            relation = relate(lside[0], rside[0])
        under = left_under = right_under = None
        requirements: list[Requirement] = []
        if lterms or rterms:
            left_under = ls.under_terms if ls else None
            right_under = rs.under_terms if rs else None
            if accept and left_under is None and right_under is not None:
                left_under = Constraint.full(right_under.issue)
            if accept and right_under is None and left_under is not None:
                right_under = Constraint.full(left_under.issue)
            if left_under is not None or right_under is not None:
                under = relate(left_under, right_under)
            for side, terms, own, other in (
                ("left", lterms, left, right),
                ("right", rterms, right, left),
            ):
                for t in terms:
                    for r in t.requires:
                        requirements.append(
                            Requirement(
                                condition=r,
                                side=side,  # type: ignore[arg-type]
                                state=requirement_state(r, other, reading, own.codebook),
                            )
                        )
            if relation is Relation.OVERLAP and lside[0] is None and rside[0] is None:
                relation = under if under is not None else relation
        out[key] = dict(
            issue=key,
            relation=relation,
            left=lside[0],
            right=rside[0],
            left_conditions=lside[1],
            right_conditions=rside[1],
            left_label=la,
            right_label=lb,
            contested=contested,
            left_terms=lterms,
            right_terms=rterms,
            under_terms=under,
            left_under_terms=left_under,
            right_under_terms=right_under,
            requirements=tuple(requirements),
            left_rules=ls.derived if ls else (),
            right_rules=rs.derived if rs else (),
            texts=_texts(l0.get(key), r0.get(key)),
        )
    return out


def _texts(
    left: Stance | None, right: Stance | None
) -> tuple[Constraint | None, Constraint | None]:
    return (
        None if left is None else left.constraint,
        None if right is None else right.constraint,
    )


_SAME = (
    "contested",
    "under_terms",
    "left_under_terms",
    "right_under_terms",
    "requirements",
)


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two readings' findings say the same (so one row suffices)."""
    get = a.get
    return (
        a["relation"] is b["relation"]
        and a["left"] == b["left"]
        and a["right"] == b["right"]
        and all(get(k) == b.get(k) for k in _SAME)
    )


def _both(strict: dict[str, Any], broad: dict[str, Any]) -> dict[str, Any]:
    """One row for a verdict both readings reach: the evidence of each, what the text says
    first (the strict reading's conditions and rules), then what readers add. A verdict the
    text reaches alone is never shown as resting on a reader's inference."""
    row = {**broad, "reading": "both"}
    for side in ("left", "right"):
        for part in ("conditions", "rules"):
            key = f"{side}_{part}"
            first = tuple(strict[key])
            row[key] = first + tuple(x for x in broad[key] if not any(x is y for y in first))
    return row


def _compare_flat(
    left: Position,
    right: Position,
    reading: ReadingChoice,
    silence: Silence,
) -> Comparison:
    codebook = shared_codebook((left, right))
    la, lb = labels(left, right)
    out: list[dict[str, Any]] = []
    if reading != "both":
        rows = _compare_one(left, right, reading, codebook, silence, la, lb).values()
        pending = _Pending([{**f, "reading": reading} for f in rows])
        return Comparison(
            left=left, right=right, reading=reading, silence=silence, findings=pending
        )
    # Strict conditions are a subset of the broad ones, so every issue addressed strictly is
    # addressed broadly too; each issue gets one row where the readings agree.
    broad = _compare_one(left, right, "broad", codebook, silence, la, lb)
    # Where both sides' stances are the same objects under both readings (the strict
    # reading's, shared) and no conditional term asks about the other side, the strict
    # finding is the broad one: only the rest is compared again.
    redo = left._unsettled() | right._unsettled()
    again = [k for k in broad if k in redo]
    strict = _compare_one(left, right, "strict", codebook, silence, la, lb, only=again)
    for key, f in broad.items():
        if key not in redo:
            f["reading"] = "both"
            out.append(f)
            continue
        s = strict.get(key)
        if s is None:  # only IMPLIED conditions speak here
            out.append({**f, "reading": "broad", "reading_dependent": True})
        elif _same(s, f):
            out.append(_both(s, f))
        else:
            out.append({**s, "reading": "strict", "reading_dependent": True})
            out.append({**f, "reading": "broad", "reading_dependent": True})
    return Comparison(
        left=left, right=right, reading="both", silence=silence, findings=_Pending(out)
    )


def compare(
    left: Position,
    right: Position,
    *more: Position,
    reading: ReadingChoice | Iterable[str] = "both",
    silence: Silence = "report",
) -> Comparison:
    """Compare two positions issue by issue.

    ``reading``: ``"strict"`` (EXPLICIT only), ``"broad"`` (with every reader's inferences),
    ``"both"`` (strict and broad side by side), or a set of readers' names (EXPLICIT plus those
    readers' inferences). ``silence``: ``"report"`` (a silent side is a one-sided finding) or
    ``"accept"`` (silence is taken as accepting any outcome — say so in your report).
    Positions with variants are compared variant by variant (see :class:`Comparison`).
    """
    if more:
        raise TypeError("compare() takes two positions; for three or more use compare_many()")
    if not isinstance(left, Position) or not isinstance(right, Position):
        raise TypeError("compare() takes two Position objects; see peacepos.corpus.load()")
    chosen: ReadingChoice
    if reading == "both":
        chosen = "both"
    else:
        key = reading_key(reading)
        chosen = key
    if silence not in ("report", "accept"):
        raise ValueError(f"silence must be 'report' or 'accept' (got {silence!r})")
    if not left.variants and not right.variants:
        return _compare_flat(left, right, chosen, silence)
    pairs = []
    lnames: tuple[str | None, ...] = tuple(v.name for v in left.variants) or (None,)
    rnames: tuple[str | None, ...] = tuple(v.name for v in right.variants) or (None,)
    # (by name, not from the flattened text's id: ids and names may contain dots)
    for ln, lv in zip(lnames, left.alternatives(), strict=True):
        for rn, rv in zip(rnames, right.alternatives(), strict=True):
            pairs.append(
                VariantComparison(
                    left_variant=ln,
                    right_variant=rn,
                    comparison=_compare_flat(lv, rv, chosen, silence),
                )
            )
    best = min(enumerate(pairs), key=lambda iv: (iv[1].conflicts, -iv[1].overlaps, iv[0]))[1]
    return Comparison(
        left=left,
        right=right,
        reading=chosen,
        silence=silence,
        findings=best.comparison.findings,
        variants=tuple(pairs),
    )
