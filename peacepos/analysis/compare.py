"""Comparing two positions issue by issue: relations, common ground, silence, readings, sequence.

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

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Literal

import attrs
from attrs import field, frozen

from peacepos._render import Renderable
from peacepos.analysis.relation import Relation, relate, shared_codebook
from peacepos.conditions import Condition
from peacepos.constraints import Constraint, IntervalSet
from peacepos.position import Position, Stance
from peacepos.vocabulary import AnyIssue, Codebook

__all__ = [
    "Comparison",
    "Finding",
    "ReadingChoice",
    "Silence",
    "compare",
    "labels",
    "short_names",
]

ReadingChoice = Literal["strict", "broad", "both"]
Silence = Literal["report", "accept"]


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
    def about(self) -> AnyIssue:
        """The issue itself (as the codebook declares it)."""
        found = self.left if self.left is not None else self.right
        assert found is not None
        return found.issue

    @property
    def title(self) -> str:
        return self.about.title

    @property
    def sequence(self) -> bool:
        """True for findings about *when* (talks or ceasefire before or after preconditions)."""
        return self.about.sequence

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


def labels(left: Position, right: Position) -> tuple[str, str]:
    """Short names for two positions, as their findings name them."""
    if left.id == right.id:
        return left.label, right.label
    names = short_names((left, right))
    return names[left.id], names[right.id]


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

    @property
    def codebook(self) -> Codebook:
        return shared_codebook((self.left, self.right))

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
    codebook = shared_codebook((left, right))
    la, lb = labels(left, right)
    accept = silence == "accept"
    Side = tuple[Constraint | None, tuple[Condition, ...]]

    def side(stances: Mapping[str, Stance], key: str, other: Mapping[str, Stance]) -> Side:
        found = stances.get(key)
        if found is not None:
            return found.constraint, found.conditions
        if accept:  # silence taken as accepting any outcome of the issue
            return Constraint.full(other[key].constraint.issue), ()
        return None, ()

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
        lt, rt = left._stances(reading), right._stances(reading)
        for key in codebook.sort_keys(lt.keys() | rt.keys()):
            x, y = side(lt, key, rt), side(rt, key, lt)
            out.append(finding(key, reading, x, y, relate(x[0], y[0]), False))
        return Comparison(left=left, right=right, reading=reading, silence=silence, findings=out)
    # One pass for both readings; each finding is built once. Strict conditions are a subset
    # of the broad ones, so every issue addressed strictly is addressed broadly too.
    ls, rs = left._stances("strict"), right._stances("strict")
    lw, rw = left._stances("broad"), right._stances("broad")
    for key in codebook.sort_keys(lw.keys() | rw.keys()):
        x, y = side(lw, key, rw), side(rw, key, lw)
        relation = relate(x[0], y[0])
        if key not in ls and key not in rs:  # only IMPLIED conditions speak here
            out.append(finding(key, "broad", x, y, relation, True))
            continue
        sx, sy = side(ls, key, rs), side(rs, key, ls)
        strict = relate(sx[0], sy[0])
        if strict is relation and sx[0] == x[0] and sy[0] == y[0]:
            out.append(finding(key, "both", x, y, relation, False))
        else:
            out.append(finding(key, "strict", sx, sy, strict, True))
            out.append(finding(key, "broad", x, y, relation, True))
    return Comparison(left=left, right=right, reading="both", silence=silence, findings=out)
