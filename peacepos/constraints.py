"""Constraints: the set of outcomes of one issue that a party accepts.

A constraint is semantics; a condition is syntax. Constraints of the same issue support the
set API: ``&``, ``|``, ``~``, ``in``, :meth:`~Constraint.is_subset`,
:meth:`~Constraint.is_superset`, :meth:`~Constraint.is_disjoint`, :meth:`~Constraint.is_empty`.
``<`` and ``<=`` mean proper subset and subset, exactly as for :class:`frozenset`.

>>> from peacepos.vocabulary import Issue, NumericIssue
>>> hostilities = Issue(key="hostilities", title="Hostilities",
...                     outcomes=("continue", "full-ceasefire", "end-of-war"))
>>> a = Constraint.of(hostilities, "full-ceasefire", "end-of-war")
>>> b = Constraint.of(hostilities, "end-of-war")
>>> b < a, str(a & b), "continue" in ~a
(True, 'end of war', True)
>>> cap = NumericIssue(key="army-cap", title="Army cap", unit="troops")
>>> str(Constraint.at_most(cap, 85_000) & Constraint.at_least(cap, 250_000))
'nothing'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from attrs import field, frozen

from peacepos.vocabulary import FINITE_MAX, UNLIMITED, AnyIssue, Issue, NumericIssue

__all__ = ["Constraint", "IntervalSet", "OutcomeSet"]

Bound = tuple[int, int | None]  # closed interval of whole numbers; None: no upper end


class Constraint:
    """Base of :class:`OutcomeSet` (finite issues) and :class:`IntervalSet` (numeric issues)."""

    __slots__ = ()
    issue: AnyIssue

    # -- factories ------------------------------------------------------------------------
    @staticmethod
    def of(issue: AnyIssue, *outcomes: str) -> OutcomeSet:
        """The outcomes named, of a finite issue."""
        found = _issue(issue)
        if not isinstance(found, Issue):
            raise TypeError(f"{found.key!r} is numeric: use Constraint.between()")
        mask = 0
        for outcome in outcomes:
            mask |= 1 << found.index(outcome)
        return OutcomeSet(issue=found, mask=mask)

    @staticmethod
    def full(issue: AnyIssue) -> Constraint:
        """Every outcome of the issue."""
        found = _issue(issue)
        if isinstance(found, NumericIssue):
            return IntervalSet.from_bounds(found, found.domain())
        return OutcomeSet(issue=found, mask=(1 << len(found.outcomes)) - 1)

    @staticmethod
    def empty(issue: AnyIssue) -> Constraint:
        """No outcome of the issue."""
        found = _issue(issue)
        if isinstance(found, NumericIssue):
            return IntervalSet(issue=found, bounds=())
        return OutcomeSet(issue=found, mask=0)

    @staticmethod
    def between(issue: AnyIssue, low: int | None, high: int | None) -> IntervalSet:
        """Whole numbers from ``low`` to ``high``, both included; None: that end is open."""
        found = _numeric(issue)
        lo = found.minimum if low is None else max(low, found.minimum)
        return IntervalSet.from_bounds(found, [(lo, high)])

    @staticmethod
    def unlimited(issue: AnyIssue) -> IntervalSet:
        """Only the no-limit outcome of a numeric issue that has one ("no cap")."""
        found = _numeric(issue)
        if not found.unlimited:
            raise ValueError(f"{found.key!r} has no unlimited outcome")
        return IntervalSet(issue=found, bounds=((UNLIMITED, UNLIMITED),))

    @staticmethod
    def at_least(issue: AnyIssue, low: int) -> IntervalSet:
        return Constraint.between(issue, low, None)

    @staticmethod
    def at_most(issue: AnyIssue, high: int) -> IntervalSet:
        return Constraint.between(issue, None, high)

    # -- the set API, shared --------------------------------------------------------------
    def __contains__(self, outcome: object) -> bool:
        raise NotImplementedError

    def is_empty(self) -> bool:
        raise NotImplementedError

    def is_full(self) -> bool:
        return self == Constraint.full(self.issue)

    def is_subset(self, other: Constraint) -> bool:
        common: Constraint = self & other
        return common == self

    def is_superset(self, other: Constraint) -> bool:
        common: Constraint = self & other
        return common == other

    def is_disjoint(self, other: Constraint) -> bool:
        common: Constraint = self & other
        return common.is_empty()

    def __and__(self, other: Any) -> Any:
        raise NotImplementedError

    def __or__(self, other: Any) -> Any:
        raise NotImplementedError

    def __invert__(self) -> Any:
        raise NotImplementedError

    def __le__(self, other: Any) -> bool:
        if not _same_issue(self, other):
            return NotImplemented
        return self.is_subset(other)

    def __lt__(self, other: Any) -> bool:
        if not _same_issue(self, other):
            return NotImplemented
        return self.is_subset(other) and self != other

    def __ge__(self, other: Any) -> bool:
        if not _same_issue(self, other):
            return NotImplemented
        return self.is_superset(other)

    def __gt__(self, other: Any) -> bool:
        if not _same_issue(self, other):
            return NotImplemented
        return self.is_superset(other) and self != other

    def __bool__(self) -> bool:
        return not self.is_empty()


def _issue(issue: object) -> AnyIssue:
    if isinstance(issue, Issue | NumericIssue):
        return issue
    if isinstance(issue, str):
        raise TypeError(
            f"pass the issue itself, e.g. codebook[{issue!r}], not its key: issues belong to "
            "a codebook"
        )
    raise TypeError(f"expected an Issue or NumericIssue (got {type(issue).__name__})")


def _numeric(issue: AnyIssue) -> NumericIssue:
    found = _issue(issue)
    if not isinstance(found, NumericIssue):
        raise TypeError(f"{found.key!r} is not numeric: use Constraint.of()")
    return found


def _same_issue(a: Constraint, b: object) -> bool:
    """Whether ``b`` is a constraint on the same issue as ``a``: the same key and the same
    outcomes (or range), whatever title a codebook gives the issue."""
    if not isinstance(b, type(a)):
        return False
    x, y = a.issue, b.issue
    if x is y:
        return True
    if x.key != y.key:
        return False
    if isinstance(x, Issue):
        return isinstance(y, Issue) and x.outcomes == y.outcomes
    return isinstance(y, NumericIssue) and (x.minimum, x.maximum) == (y.minimum, y.maximum)


@frozen(kw_only=True, eq=False, repr=False)
class OutcomeSet(Constraint):
    """A set of outcomes of a finite issue, stored as a bit mask in the issue's outcome order."""

    issue: Issue
    mask: int = field()

    @mask.validator
    def _check(self, _: object, value: int) -> None:
        if value < 0 or value >> len(self.issue.outcomes):
            raise ValueError(f"mask {value} out of range for {self.issue.key!r}")

    @property
    def outcomes(self) -> tuple[str, ...]:
        """The accepted outcomes, in the issue's order."""
        return tuple(o for i, o in enumerate(self.issue.outcomes) if self.mask >> i & 1)

    def __iter__(self) -> Iterator[str]:
        return iter(self.outcomes)

    def __len__(self) -> int:
        return self.mask.bit_count()

    def __contains__(self, outcome: object) -> bool:
        index = self.issue._index.get(outcome) if isinstance(outcome, str) else None
        return index is not None and bool(self.mask >> index & 1)

    def is_empty(self) -> bool:
        return self.mask == 0

    def is_subset(self, other: Constraint) -> bool:
        if not _same_issue(self, other):
            raise _mismatch(self, other)
        assert isinstance(other, OutcomeSet)
        return self.mask & ~other.mask == 0

    def is_superset(self, other: Constraint) -> bool:
        if not _same_issue(self, other):
            raise _mismatch(self, other)
        assert isinstance(other, OutcomeSet)
        return other.mask & ~self.mask == 0

    def is_disjoint(self, other: Constraint) -> bool:
        if not _same_issue(self, other):
            raise _mismatch(self, other)
        assert isinstance(other, OutcomeSet)
        return self.mask & other.mask == 0

    def __and__(self, other: Any) -> OutcomeSet:
        if not _same_issue(self, other):
            return NotImplemented
        return OutcomeSet(issue=self.issue, mask=self.mask & other.mask)

    def __or__(self, other: Any) -> OutcomeSet:
        if not _same_issue(self, other):
            return NotImplemented
        return OutcomeSet(issue=self.issue, mask=self.mask | other.mask)

    def __invert__(self) -> OutcomeSet:
        return OutcomeSet(
            issue=self.issue, mask=~self.mask & ((1 << len(self.issue.outcomes)) - 1)
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Constraint):
            return NotImplemented
        return _same_issue(self, other) and self.mask == other.mask  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((self.issue.key, self.mask))

    def __str__(self) -> str:
        if self.mask == 0:
            return "nothing"
        outcomes = self.outcomes
        return self.issue.group(outcomes) or " or ".join(self.issue.label(o) for o in outcomes)

    def __repr__(self) -> str:
        inner = ", ".join(repr(o) for o in self.outcomes) or "nothing"
        return f"<{self.issue.key}: {inner}>"


def _normalise(bounds: Iterable[Bound], issue: NumericIssue) -> tuple[Bound, ...]:
    """Clip to the issue's outcomes, sort, and merge overlapping or touching intervals."""
    clipped: list[Bound] = []
    domain = issue.domain()
    for lo, hi in bounds:
        if issue.unlimited and hi is None:
            hi = UNLIMITED  # an open upper end includes "no limit"
        for dlo, dhi in domain:
            a = max(lo, dlo)
            b = dhi if hi is None else hi if dhi is None else min(hi, dhi)
            if b is not None and b < a:
                continue
            clipped.append((a, b))
    clipped.sort(key=lambda b: b[0])
    merged: list[Bound] = []
    for lo, hi in clipped:
        if merged:
            plo, phi = merged[-1]
            if phi is None or lo <= phi + 1:
                merged[-1] = (plo, None if phi is None or hi is None else max(phi, hi))
                continue
        merged.append((lo, hi))
    return tuple(merged)


@frozen(kw_only=True, eq=False, repr=False)
class IntervalSet(Constraint):
    """A set of whole numbers of a numeric issue: a normalised union of closed intervals."""

    issue: NumericIssue
    bounds: tuple[Bound, ...]

    @classmethod
    def from_bounds(cls, issue: NumericIssue, bounds: Iterable[Bound]) -> IntervalSet:
        return cls(issue=issue, bounds=_normalise(bounds, issue))

    def __iter__(self) -> Iterator[int]:
        """Every accepted number, smallest first; a TypeError if the set has no upper end."""
        if self.bounds and self.bounds[-1][1] is None:
            raise TypeError(f"{self} has no upper end: iterate over .bounds instead")
        for lo, hi in self.bounds:
            assert hi is not None
            yield from range(lo, hi + 1)

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, int) or isinstance(value, bool):
            return False
        return any(lo <= value and (hi is None or value <= hi) for lo, hi in self.bounds)

    def is_empty(self) -> bool:
        return not self.bounds

    def __and__(self, other: Any) -> IntervalSet:
        if not _same_issue(self, other):
            return NotImplemented
        out: list[Bound] = []
        for alo, ahi in self.bounds:
            for blo, bhi in other.bounds:
                lo = max(alo, blo)
                hi = bhi if ahi is None else ahi if bhi is None else min(ahi, bhi)
                if hi is None or lo <= hi:
                    out.append((lo, hi))
        return IntervalSet.from_bounds(self.issue, out)

    def __or__(self, other: Any) -> IntervalSet:
        if not _same_issue(self, other):
            return NotImplemented
        return IntervalSet.from_bounds(self.issue, self.bounds + other.bounds)

    def __invert__(self) -> IntervalSet:
        out: list[Bound] = []
        start: int | None = self.issue.minimum
        for lo, hi in self.bounds:
            if start is not None and lo > start:
                out.append((start, lo - 1))
            start = None if hi is None else hi + 1
        if start is not None:
            out.append((start, None))
        return IntervalSet.from_bounds(self.issue, out)  # clipped to the issue's outcomes

    def gap(self, other: IntervalSet) -> int | None:
        """How far apart two disjoint sets are at their nearest ends; None if they meet (or
        one of them holds only the no-limit outcome, which is no distance from anything)."""
        if not self.is_disjoint(other) or self.is_empty() or other.is_empty():
            return None
        best: int | None = None
        finite = [(lo, hi) for lo, hi in self.bounds if lo != UNLIMITED]
        others = [(lo, hi) for lo, hi in other.bounds if lo != UNLIMITED]
        for alo, ahi in finite:
            alo, ahi = alo, (FINITE_MAX if ahi == UNLIMITED else ahi)
            for blo, bhi in others:
                bhi = FINITE_MAX if bhi == UNLIMITED else bhi
                if ahi is not None and ahi < blo:
                    distance = blo - ahi
                elif bhi is not None and bhi < alo:
                    distance = alo - bhi
                else:  # pragma: no cover - disjoint sets never overlap
                    continue
                best = distance if best is None else min(best, distance)
        return best

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Constraint):
            return NotImplemented
        return _same_issue(self, other) and self.bounds == other.bounds  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((self.issue.key, self.bounds))

    def __str__(self) -> str:
        if not self.bounds:
            return "nothing"
        if self.issue.unlimited and self.bounds == _normalise(self.issue.domain(), self.issue):
            return "any"
        fmt, unit = self.issue.format, self.issue.unit
        parts = []
        label = ""
        bounds = list(self.bounds)
        if self.issue.unlimited and bounds[-1][1] == UNLIMITED:
            label = self.issue.unlimited
            lo, _ = bounds.pop()
            if lo != UNLIMITED:  # a finite part reaching up to the end of the numbers
                top = FINITE_MAX if self.issue.maximum is None else self.issue.maximum
                bounds.append((lo, None if top == FINITE_MAX else top))
        for lo, hi in bounds:
            if hi == FINITE_MAX and self.issue.maximum is None:
                hi = None  # no finite upper end
            if hi is None and lo == self.issue.minimum and self.issue.unlimited:
                parts.append("any finite number")
                continue
            if hi is None:
                parts.append(f"≥ {fmt(lo)}" if lo > self.issue.minimum else "any")
            elif lo == hi:
                parts.append(fmt(lo))
            elif lo == self.issue.minimum:
                parts.append(f"≤ {fmt(hi)}")
            else:
                parts.append(f"{fmt(lo)}–{fmt(hi)}")
        plain = parts in (["any"], ["any finite number"])
        text = " or ".join(parts) + (f" {unit}" if unit and parts and not plain else "")
        if label:
            text = f"{text} or {label}" if parts else label
        return text

    def __repr__(self) -> str:
        return f"<{self.issue.key}: {self.bounds!r}>"


def _mismatch(a: Constraint, b: object) -> TypeError:
    other = b.issue.key if isinstance(b, Constraint) else type(b).__name__
    return TypeError(f"cannot relate a constraint on {a.issue.key!r} to {other!r}")
