"""The engine's all-pairs and coalition loops as they were before ``peacepos.fast``.

Kept here, unchanged in substance, so the benchmarks can show what the fast paths gained over
the straightforward engine code as well as over the brute-force reference
(:mod:`peacepos.testing.reference`). The benchmarks check that all three agree.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from peacepos.issues import issue_keys

from peacepos import Constraint, IntervalSet, OutcomeSet, Position, Relation, relate
from peacepos.position import Reading

__all__ = ["engine_loop_coalitions", "engine_loop_matrix"]


def _union_keys(*maps: Any) -> list[str]:
    order = {k: i for i, k in enumerate(issue_keys())}
    keys: set[str] = set()
    for m in maps:
        keys.update(m)
    return sorted(keys, key=lambda k: (order.get(k, len(order)), k))


def engine_loop_matrix(
    positions: Sequence[Position], reading: Reading
) -> dict[tuple[str, str], dict[str, Relation]]:
    """Every pair, every issue, one :func:`peacepos.relate` call each."""
    out: dict[tuple[str, str], dict[str, Relation]] = {}
    for a, b in itertools.combinations(positions, 2):
        ac, bc = a.constraints(reading), b.constraints(reading)
        out[(a.id, b.id)] = {k: relate(ac.get(k), bc.get(k)) for k in _union_keys(ac, bc)}
    return out


def engine_loop_coalitions(
    constraints: Sequence[tuple[str, Constraint]],
) -> tuple[tuple[str, ...], ...]:
    """Candidate coalitions per outcome as frozensets, then a pairwise maximality filter."""
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
    candidates = {frozenset(i for i, (_, c) in enumerate(constraints) if x in c) for x in points}
    candidates.discard(frozenset())
    maximal = [s for s in candidates if not any(s < t for t in candidates)]
    ordered = sorted((tuple(sorted(s)) for s in maximal), key=lambda t: (-len(t), t))
    return tuple(tuple(constraints[i][0] for i in group) for group in ordered)
