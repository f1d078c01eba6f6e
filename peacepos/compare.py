"""Comparing positions issue by issue: relations, common ground, silence, readings, sequence.

>>> import peacepos
>>> china = peacepos.corpus.load("china-2023-02-24")
>>> russia = peacepos.corpus.load("russia-2023-02-24")
>>> result = compare(china, russia)
>>> f = result.finding("talks")
>>> f.relation, str(f.common_ground)
(<Relation.NARROWER: 'narrower'>, 'direct')
>>> sorted({f.relation.value for f in result.findings if f.issue == "territory/crimea"})
['conflict', 'only-right']
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal

import attrs
from attrs import field, frozen

from peacepos._render import Renderable
from peacepos.conditions import Condition
from peacepos.constraints import Constraint, IntervalSet, OutcomeSet
from peacepos.issues import get_issue, issue_keys
from peacepos.position import READINGS, Position, Reading

__all__ = [
    "Change",
    "ChangeKind",
    "Changes",
    "Comparison",
    "Finding",
    "IssueAgreement",
    "MultiComparison",
    "Relation",
    "Silence",
    "changes",
    "compare",
    "compare_many",
    "relate",
]

ReadingChoice = Literal["strict", "broad", "both"]
Silence = Literal["report", "accept"]


class Relation(enum.Enum):
    """How two constraints on one issue relate (left A, right B)."""

    SAME = "same"  # A = B
    NARROWER = "narrower"  # A ⊂ B
    BROADER = "broader"  # A ⊃ B
    OVERLAP = "overlap"  # A ∩ B ≠ ∅, neither contains the other
    CONFLICT = "conflict"  # A ∩ B = ∅
    ONLY_LEFT = "only-left"  # right side silent
    ONLY_RIGHT = "only-right"  # left side silent

    @property
    def group(self) -> Literal["overlap", "conflict", "one-sided"]:
        if self is Relation.CONFLICT:
            return "conflict"
        if self in (Relation.ONLY_LEFT, Relation.ONLY_RIGHT):
            return "one-sided"
        return "overlap"

    @property
    def mirror(self) -> Relation:
        """The relation seen from the other side."""
        return _MIRROR.get(self, self)


_MIRROR = {
    Relation.NARROWER: Relation.BROADER,
    Relation.BROADER: Relation.NARROWER,
    Relation.ONLY_LEFT: Relation.ONLY_RIGHT,
    Relation.ONLY_RIGHT: Relation.ONLY_LEFT,
}


def relate(left: Constraint | None, right: Constraint | None) -> Relation:
    """The relation of two constraints on one issue; None is silence. Both None is an error."""
    if left is None and right is None:
        raise ValueError("both sides are silent: there is nothing to relate")
    if right is None:
        return Relation.ONLY_LEFT
    if left is None:
        return Relation.ONLY_RIGHT
    if type(left) is OutcomeSet and type(right) is OutcomeSet and left.issue is right.issue:
        x, y = left.mask, right.mask  # the common case, without building left & right
        both = x & y
        if not both:
            return Relation.CONFLICT
        if both == x:
            return Relation.SAME if x == y else Relation.NARROWER
        return Relation.BROADER if both == y else Relation.OVERLAP
    common = left & right
    if common.is_empty():
        return Relation.CONFLICT
    if common == left:
        return Relation.SAME if common == right else Relation.NARROWER
    if common == right:
        return Relation.BROADER
    return Relation.OVERLAP


@frozen(kw_only=True, repr=False)
class Finding(Renderable):
    """What two positions say on one issue under one reading, and why.

    ``reading`` is ``"strict"``, ``"broad"`` or ``"both"`` (the readings agree).
    ``common_ground`` is A ∩ B (empty for a conflict; None when one side is silent).
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

    def __repr__(self) -> str:
        common = self.common_ground
        return (
            f"<Finding {self.issue} ({self.reading}): {self.relation.name}, "
            f"common ground: {'—' if common is None else common}>"
        )

    @property
    def common_ground(self) -> Constraint | None:
        if self.left is None or self.right is None:
            return None
        common: Constraint = self.left & self.right
        return common

    @property
    def title(self) -> str:
        return get_issue(self.issue).title

    @property
    def sequence(self) -> bool:
        """True for findings about *when* (talks or ceasefire before or after preconditions)."""
        return get_issue(self.issue).sequence

    @property
    def explanation(self) -> str:
        """One line that says why the relation holds."""
        a, b = self.left_label, self.right_label
        left, right = self.left, self.right
        if self.relation is Relation.ONLY_LEFT:
            return f"Only {a} addresses this ({left}); {b} is silent."
        if self.relation is Relation.ONLY_RIGHT:
            return f"Only {b} addresses this ({right}); {a} is silent."
        assert left is not None
        assert right is not None
        common = left & right
        if self.relation is Relation.SAME:
            return f"Both accept {left}."
        if self.relation is Relation.NARROWER:
            return f"{a} accepts {left}; {b} accepts that and more ({right})."
        if self.relation is Relation.BROADER:
            return f"{b} accepts {right}; {a} accepts that and more ({left})."
        if self.relation is Relation.OVERLAP:
            return f"{a} accepts {left}, {b} accepts {right}; both accept {common}."
        text = f"No outcome acceptable to both: {a} accepts {left}, {b} accepts {right}"
        if isinstance(left, IntervalSet) and isinstance(right, IntervalSet):
            gap = left.gap(right)
            if gap is not None:
                text += f"; a gap of {left.issue.format(gap)} {left.issue.unit}"
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
        )


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


def _labels(left: Position, right: Position) -> tuple[str, str]:
    if left.id == right.id:
        return left.label, right.label
    names = short_names((left, right))
    return names[left.id], names[right.id]


_ORDER: dict[str, int] = {}


def _order() -> dict[str, int]:
    """Catalogue position of each issue key (cached: issues are only ever added)."""
    keys = issue_keys()
    if len(_ORDER) != len(keys):
        _ORDER.clear()
        _ORDER.update((k, i) for i, k in enumerate(keys))
    return _ORDER


def _sorted_keys(keys: Iterable[str]) -> list[str]:
    order = _order()
    return sorted(keys, key=lambda k: (order.get(k, len(order)), k))


_SILENT: tuple[None, tuple[Condition, ...]] = (None, ())


def _findings_tuple(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(findings)


@frozen(kw_only=True, repr=False)
class Comparison(Renderable):
    """The findings of comparing two positions, in catalogue order of issues.

    With ``reading="both"`` an issue whose strict and broad findings agree appears once with
    ``reading="both"``; an issue where they differ appears twice (strict, then broad), both
    flagged :attr:`Finding.reading_dependent`.
    """

    left: Position
    right: Position
    reading: ReadingChoice
    silence: Silence
    findings: tuple[Finding, ...] = field(converter=_findings_tuple)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def __repr__(self) -> str:
        def issues(findings: tuple[Finding, ...]) -> int:
            return len({f.issue for f in findings})

        return (
            f"<Comparison {self.left.id} vs {self.right.id}, reading={self.reading}: "
            f"{len(self.issues)} issues; with overlap {issues(self.overlaps)}, in conflict "
            f"{issues(self.conflicts)}, one-sided {issues(self.one_sided)}>"
        )

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
    def sequence(self) -> tuple[Finding, ...]:
        """Findings on sequencing: a CONFLICT here is a sequence clash."""
        return tuple(f for f in self.findings if f.sequence)

    @property
    def reading_dependent(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.reading_dependent)

    @property
    def issues(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.issue for f in self.findings))

    def finding(self, issue: str, reading: ReadingChoice | None = None) -> Finding:
        """The finding on ``issue``; for a reading-dependent one, pass ``reading``."""
        if reading is not None and reading not in ("strict", "broad", "both"):
            raise ValueError(f"reading must be 'strict', 'broad' or 'both' (got {reading!r})")
        if reading is not None and self.reading != "both" and reading != self.reading:
            raise ValueError(f"this comparison has the {self.reading} reading only")
        found = [
            f
            for f in self.findings
            if f.issue == issue and (reading is None or f.reading in (reading, "both"))
        ]
        if not found:
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
        )

    def to_records(self) -> list[dict[str, object]]:
        """One plain dict per finding (the JSON report's ``findings``)."""
        from peacepos.report import finding_record

        return [finding_record(f) for f in self.findings]

    def to_frame(self) -> object:
        """The findings as a pandas DataFrame (needs ``pip install 'peacepos[pandas]'``)."""
        try:
            import pandas  # type: ignore[import-untyped, unused-ignore]
        except ImportError:
            raise ImportError(
                "Comparison.to_frame() needs pandas: pip install 'peacepos[pandas]'"
            ) from None
        return pandas.DataFrame.from_records(self.to_records())

    def to_latex(self) -> str:
        return self.render("latex")


def compare(
    left: Position,
    right: Position,
    *more: Position,
    reading: ReadingChoice = "both",
    silence: Silence = "report",
) -> Comparison:
    """Compare two positions issue by issue.

    ``reading``: ``"strict"`` (EXPLICIT only), ``"broad"`` (with IMPLIED) or ``"both"``.
    ``silence``: ``"report"`` (a silent side is a one-sided finding) or ``"accept"`` (silence
    is taken as accepting any outcome — say so in your report if you use it).
    """
    if more:
        raise TypeError("compare() takes two positions; for three or more use compare_many()")
    if not isinstance(left, Position) or not isinstance(right, Position):
        raise TypeError("compare() takes two Position objects; see peacepos.corpus.load()")
    if reading not in ("strict", "broad", "both"):
        raise ValueError(f"reading must be 'strict', 'broad' or 'both' (got {reading!r})")
    if silence not in ("report", "accept"):
        raise ValueError(f"silence must be 'report' or 'accept' (got {silence!r})")
    la, lb = _labels(left, right)
    accept = silence == "accept"
    Side = tuple[Constraint | None, tuple[Condition, ...]]

    def sides(lt: Mapping[str, Side], rt: Mapping[str, Side], key: str) -> tuple[Side, Side]:
        (a, ac), (b, bc) = lt.get(key, _SILENT), rt.get(key, _SILENT)
        if accept:  # silence taken as accepting any outcome
            a = Constraint.full(key) if a is None else a
            b = Constraint.full(key) if b is None else b
        return (a, ac), (b, bc)

    def finding(
        key: str,
        r: ReadingChoice,
        left_side: Side,
        right_side: Side,
        relation: Relation,
        dependent: bool,
    ) -> Finding:
        return Finding(
            issue=key,
            relation=relation,
            reading=r,
            left=left_side[0],
            right=right_side[0],
            left_conditions=left_side[1],
            right_conditions=right_side[1],
            left_label=la,
            right_label=lb,
            reading_dependent=dependent,
        )

    out: list[Finding] = []
    if reading != "both":
        lt, rt = left._by_issue(reading), right._by_issue(reading)
        for key in _sorted_keys(lt.keys() | rt.keys()):
            x, y = sides(lt, rt, key)
            out.append(finding(key, reading, x, y, relate(x[0], y[0]), False))
        return Comparison(left=left, right=right, reading=reading, silence=silence, findings=out)
    # One pass for both readings; each finding is built once. Strict conditions are a subset
    # of the broad ones, so every issue addressed strictly is addressed broadly too.
    ls, rs = left._by_issue("strict"), right._by_issue("strict")
    lw, rw = left._by_issue("broad"), right._by_issue("broad")
    for key in _sorted_keys(lw.keys() | rw.keys()):
        x, y = sides(lw, rw, key)
        relation = relate(x[0], y[0])
        if key not in ls and key not in rs:  # only IMPLIED conditions speak here
            out.append(finding(key, "broad", x, y, relation, True))
            continue
        sx, sy = sides(ls, rs, key)
        strict = relate(sx[0], sy[0])
        if strict is relation and sx[0] == x[0] and sy[0] == y[0]:
            out.append(finding(key, "both", x, y, relation, False))
        else:
            out.append(finding(key, "strict", sx, sy, strict, True))
            out.append(finding(key, "broad", x, y, relation, True))
    return Comparison(left=left, right=right, reading="both", silence=silence, findings=out)


# -- N positions --------------------------------------------------------------------------


@frozen(kw_only=True)
class IssueAgreement:
    """Where N positions stand on one issue.

    ``common_ground`` is the intersection over every position that addresses the issue
    (silent ones are listed in ``silent`` and do not narrow it). ``coalitions`` are the
    maximal agreeing coalitions: the largest sets of positions (by inclusion) whose
    constraints still intersect, biggest first.
    """

    issue: str
    common_ground: Constraint
    addressed_by: tuple[str, ...]
    silent: tuple[str, ...]
    conflicting_pairs: tuple[tuple[str, str], ...]
    coalitions: tuple[tuple[str, ...], ...]

    @property
    def blocking(self) -> bool:
        """No outcome is acceptable to all who address the issue."""
        return self.common_ground.is_empty()

    @property
    def title(self) -> str:
        return get_issue(self.issue).title


def maximal_coalitions(
    constraints: Sequence[tuple[str, Constraint]],
) -> tuple[tuple[str, ...], ...]:
    """The maximal sets of named constraints (one issue) that still share an outcome.

    Any agreeing set shares some outcome ``x``, so it lies inside the set of all constraints
    containing ``x``; the maximal coalitions are the maximal such sets. For a numeric issue
    it suffices to try each interval's lower end.
    """
    if not constraints:
        return ()
    first = constraints[0][1]
    points: list[Any]
    if isinstance(first, IntervalSet):
        points = sorted(
            {lo for _, c in constraints if isinstance(c, IntervalSet) for lo, _ in c.bounds}
        )
    else:
        assert isinstance(first, OutcomeSet)
        points = list(first.issue.outcomes)
    from peacepos.fast import coalitions_at

    return coalitions_at(constraints, points)


def _position_key(p: Position) -> tuple[str, str]:
    return (p.date.isoformat(), p.id)


@frozen(kw_only=True, repr=False)
class MultiComparison(Renderable):
    """N positions compared: joint common ground, blocking issues, coalitions, pairwise matrix.

    Positions are kept in a canonical order (date, then id), so the result does not depend on
    the order they were given in.
    """

    positions: tuple[Position, ...]
    reading: Reading
    agreements: tuple[IssueAgreement, ...]

    def __repr__(self) -> str:
        ids = ", ".join(p.id for p in self.positions)
        return (
            f"<MultiComparison of {ids}, reading={self.reading}: "
            f"{len(self.agreements)} issues, {len(self.blocking)} blocking>"
        )

    @property
    def blocking(self) -> tuple[IssueAgreement, ...]:
        """Issues where no outcome is acceptable to all who address them."""
        return tuple(a for a in self.agreements if a.blocking)

    @property
    def common_ground(self) -> dict[str, Constraint]:
        """The joint common ground per issue addressed by two or more positions, non-empty."""
        return {
            a.issue: a.common_ground
            for a in self.agreements
            if len(a.addressed_by) > 1 and not a.blocking
        }

    def agreement(self, issue: str) -> IssueAgreement:
        for a in self.agreements:
            if a.issue == issue:
                return a
        raise KeyError(f"no position addresses {issue!r}")

    def pair(self, left: str | Position, right: str | Position) -> Comparison:
        """The two-way comparison of two of the positions, under this reading."""
        by_id = {p.id: p for p in self.positions}
        a = by_id[left] if isinstance(left, str) else left
        b = by_id[right] if isinstance(right, str) else right
        return compare(a, b, reading=self.reading)

    def matrix(self) -> dict[tuple[str, str], dict[str, Relation]]:
        """The pairwise relation of every ordered pair (i < j), issue by issue.

        For many positions, :func:`peacepos.fast.relation_matrix` gives the same relations in
        a compact form (one byte per pair and issue).
        """
        from peacepos.fast import relation_matrix

        return relation_matrix(self.positions, self.reading).to_dict()


def _union_keys(*maps: Iterable[str]) -> list[str]:
    keys: set[str] = set()
    for m in maps:
        keys.update(m)
    return _sorted_keys(keys)


def compare_many(*positions: Position, reading: Reading = "broad") -> MultiComparison:
    """Compare N positions at once: see :class:`MultiComparison`."""
    if len(positions) < 2:
        raise ValueError("compare_many() needs at least two positions")
    if reading not in READINGS:
        raise ValueError(f"reading must be 'strict' or 'broad' (got {reading!r})")
    ids = [p.id for p in positions]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ValueError(f"each position may appear once (repeated: {', '.join(dupes)})")
    ordered = tuple(sorted(positions, key=_position_key))
    maps = [(p.id, p.constraints(reading)) for p in ordered]
    agreements = []
    for key in _union_keys(*(m for _, m in maps)):
        present = [(pid, m[key]) for pid, m in maps if key in m]
        joint = present[0][1]
        for _, c in present[1:]:
            joint = joint & c
        pairs = tuple(
            (a, b) for (a, ca), (b, cb) in itertools.combinations(present, 2) if ca.is_disjoint(cb)
        )
        agreements.append(
            IssueAgreement(
                issue=key,
                common_ground=joint,
                addressed_by=tuple(pid for pid, _ in present),
                silent=tuple(pid for pid, m in maps if key not in m),
                conflicting_pairs=pairs,
                coalitions=maximal_coalitions(present),
            )
        )
    return MultiComparison(positions=ordered, reading=reading, agreements=tuple(agreements))


# -- one actor over time ------------------------------------------------------------------


class ChangeKind(enum.Enum):
    """How a later position differs from an earlier one on one issue."""

    UNCHANGED = "unchanged"  # same constraint
    HARDENED = "hardened"  # accepts less than before (narrower)
    SOFTENED = "softened"  # accepts more than before (broader)
    SHIFTED = "shifted"  # overlapping, neither contains the other
    REVERSED = "reversed"  # nothing accepted before is accepted now
    ADDED = "added"  # newly addressed
    DROPPED = "dropped"  # no longer addressed


_CHANGE = {
    Relation.SAME: ChangeKind.UNCHANGED,
    Relation.BROADER: ChangeKind.HARDENED,  # earlier ⊃ later
    Relation.NARROWER: ChangeKind.SOFTENED,  # earlier ⊂ later
    Relation.OVERLAP: ChangeKind.SHIFTED,
    Relation.CONFLICT: ChangeKind.REVERSED,
    Relation.ONLY_LEFT: ChangeKind.DROPPED,
    Relation.ONLY_RIGHT: ChangeKind.ADDED,
}


@frozen(kw_only=True)
class Change:
    """How one issue changed; ``reading_dependent`` when the other reading says otherwise."""

    issue: str
    kind: ChangeKind
    before: Constraint | None
    after: Constraint | None
    reading_dependent: bool = False

    @property
    def title(self) -> str:
        return get_issue(self.issue).title


@frozen(kw_only=True, repr=False)
class Changes(Renderable):
    """How a position changed between two dates, issue by issue."""

    earlier: Position
    later: Position
    reading: Reading
    changes: tuple[Change, ...]

    def __iter__(self) -> Iterator[Change]:
        return iter(self.changes)

    def __repr__(self) -> str:
        return (
            f"<Changes {self.earlier.id} → {self.later.id}, reading={self.reading}: "
            f"{len(self.changes)} issues>"
        )

    def of(self, kind: ChangeKind) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.kind is kind)


def changes(earlier: Position, later: Position, *, reading: Reading = "broad") -> Changes:
    """Read two positions (usually one actor at two dates) as change over time."""
    if earlier.date > later.date:
        raise ValueError(
            f"earlier ({earlier.id}, {earlier.date}) is dated after "
            f"later ({later.id}, {later.date})"
        )
    if reading not in READINGS:
        raise ValueError(f"reading must be 'strict' or 'broad' (got {reading!r})")
    other: Reading = "strict" if reading == "broad" else "broad"
    ec, lc = earlier.constraints(reading), later.constraints(reading)
    eo, lo = earlier.constraints(other), later.constraints(other)
    out = []
    for k in _union_keys(ec, lc):
        kind = _CHANGE[relate(ec.get(k), lc.get(k))]
        there = (_CHANGE[relate(eo.get(k), lo.get(k))]
                 if k in eo or k in lo else None)  # fmt: skip
        out.append(
            Change(
                issue=k,
                kind=kind,
                before=ec.get(k),
                after=lc.get(k),
                reading_dependent=there is not kind,
            )
        )
    return Changes(earlier=earlier, later=later, reading=reading, changes=tuple(out))
