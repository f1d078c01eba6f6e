"""A brute-force reference: per-issue Python frozensets and plain loops.

The property tests and the benchmarks check the engine against this module. It is slow on
purpose and shares no code with the engine beyond reading conditions' ``compile()`` output:
every constraint becomes a plain ``frozenset`` of outcomes (for a numeric issue: of witness
points, see :func:`universe`) and relations are computed with ``<=``, ``&`` and ``==`` of sets.

>>> import peacepos
>>> from peacepos.testing import reference
>>> c, r = peacepos.corpus.load("china-2023-02-24"), peacepos.corpus.load("russia-2023-02-24")
>>> reference.compare(c, r, "broad")["territory/crimea"][0]
<Relation.CONFLICT: 'conflict'>
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

from peacepos.compare import Relation
from peacepos.conditions import Basis
from peacepos.constraints import Constraint, IntervalSet
from peacepos.issues import AnyIssue, NumericIssue, get_issue
from peacepos.position import Position, Reading

__all__ = ["coalitions", "compare", "matrix", "plain_sets", "relation", "to_set", "universe"]

Outcome = str | int


def universe(issue: str | AnyIssue, constraints: Iterable[Constraint] = ()) -> tuple[Outcome, ...]:
    """The outcomes to test membership at.

    A finite issue: all its outcomes. A numeric issue: the domain minimum and every interval
    end of the given constraints, with its neighbours; membership is constant between these
    points, so set relations over them are exact for these constraints.
    """
    found = get_issue(issue)
    if not isinstance(found, NumericIssue):
        return found.outcomes
    points = {found.minimum}
    for c in constraints:
        assert isinstance(c, IntervalSet)
        for lo, hi in c.bounds:
            points.update((lo - 1, lo, lo + 1))
            if hi is not None:
                points.update((hi - 1, hi, hi + 1))
    if found.maximum is not None:
        points.add(found.maximum)
    top = found.maximum
    return tuple(sorted(p for p in points if p >= found.minimum and (top is None or p <= top)))


def to_set(constraint: Constraint, points: Sequence[Outcome]) -> frozenset[Outcome]:
    """The constraint as a plain set of the given points."""
    return frozenset(p for p in points if p in constraint)


def relation(a: frozenset[Outcome] | None, b: frozenset[Outcome] | None) -> Relation:
    """The relation of two plain sets (None: silent), by the table in design.md."""
    if a is None and b is None:
        raise ValueError("both silent")
    if b is None:
        return Relation.ONLY_LEFT
    if a is None:
        return Relation.ONLY_RIGHT
    if not a & b:
        return Relation.CONFLICT
    if a == b:
        return Relation.SAME
    if a < b:
        return Relation.NARROWER
    if a > b:
        return Relation.BROADER
    return Relation.OVERLAP


def _raw(position: Position, reading: Reading) -> dict[str, list[Constraint]]:
    """Every constraint each included condition compiles to, grouped by issue (no merging)."""
    out: dict[str, list[Constraint]] = {}
    for condition in position.all_conditions:
        if reading == "strict" and condition.evidence.basis is Basis.IMPLIED:
            continue
        for constraint in condition.constraints():
            out.setdefault(constraint.issue.key, []).append(constraint)
    return out


def _sets(
    raw: dict[str, list[Constraint]], points: dict[str, tuple[Outcome, ...]]
) -> dict[str, frozenset[Outcome]]:
    out = {}
    for key, constraints in raw.items():
        acc = frozenset(points[key])
        for c in constraints:
            acc &= to_set(c, points[key])
        out[key] = acc
    return out


def compare(
    left: Position, right: Position, reading: Reading
) -> dict[str, tuple[Relation, frozenset[Outcome] | None]]:
    """Per issue: the relation and the common ground (None when one side is silent)."""
    lr, rr = _raw(left, reading), _raw(right, reading)
    points = {k: universe(k, [*lr.get(k, ()), *rr.get(k, ())]) for k in set(lr) | set(rr)}
    ls, rs = _sets(lr, points), _sets(rr, points)
    out: dict[str, tuple[Relation, frozenset[Outcome] | None]] = {}
    for key in points:
        a, b = ls.get(key), rs.get(key)
        out[key] = (relation(a, b), None if a is None or b is None else a & b)
    return out


def matrix(
    positions: Sequence[Position], reading: Reading
) -> dict[tuple[str, str], dict[str, Relation]]:
    """Every pair (i < j in the given order), every issue either addresses: the relation."""
    return {
        (a.id, b.id): {k: rel for k, (rel, _) in compare(a, b, reading).items()}
        for a, b in itertools.combinations(positions, 2)
    }


def coalitions(named: Sequence[tuple[str, Constraint]]) -> set[frozenset[str]]:
    """Maximal agreeing coalitions by trying every subset (exponential: small inputs only)."""
    if not named:
        return set()
    points = universe(named[0][1].issue, [c for _, c in named])
    sets = [(name, to_set(c, points)) for name, c in named]
    agreeing = []
    for size in range(1, len(sets) + 1):
        for group in itertools.combinations(sets, size):
            common = frozenset(points)
            for _, s in group:
                common &= s
            if common:
                agreeing.append(frozenset(name for name, _ in group))
    return {g for g in agreeing if not any(g < h for h in agreeing)}


def plain_sets(
    positions: Sequence[Position], reading: Reading
) -> dict[str, tuple[tuple[Outcome, ...], tuple[frozenset[Outcome] | None, ...]]]:
    """Per issue any of ``positions`` addresses: the points tested, and each position's plain
    set in the given order (None where it is silent). Lets a test turn the engine's own
    constraints into sets over the same points, e.g. ``to_set(finding.common_ground, pts)``.
    """
    raws = [_raw(p, reading) for p in positions]
    keys = {k for raw in raws for k in raw}
    points = {k: universe(k, [c for raw in raws for c in raw.get(k, ())]) for k in keys}
    sets = [_sets(raw, points) for raw in raws]
    return {k: (points[k], tuple(s.get(k) for s in sets)) for k in sorted(keys)}
