"""A proposed faster ``peacepos.compare``: the same Comparison, built in one pass.

This is a drop-in candidate for the body of :func:`peacepos.compare` (``peacepos/compare.py``),
kept here so the benchmarks can time it beside the current one and check, on every run, that
it returns an equal :class:`~peacepos.Comparison`. What it changes, and why each step saves
time (measured in docs/performance.md):

1. One pass over the issues for ``reading="both"``: each finding is built once with its final
   ``reading`` / ``reading_dependent`` instead of twice and then copied by ``attrs.evolve``
   (35 evolves per headline compare were the largest single cost).
2. Relations of two outcome sets from their bit masks, without building ``left & right``
   (an attrs object with a validator) first; silence is decided before any set algebra.
3. The per-reading ``issue -> (constraint, conditions)`` table of each position is read once,
   not through ``constraints()`` (a new mapping proxy per call) plus one ``conditions_on()``
   per issue and side.
4. The catalogue order is cached while the catalogue does not change, instead of a new dict
   per call.

It reads ``Position._compiled``; moved into peacepos, that would be a small public or
package-private accessor on Position.
"""

from __future__ import annotations

from typing import Any

from peacepos.compare import (
    Comparison,
    Finding,
    ReadingChoice,
    Relation,
    Silence,
    _labels,
    relate,
)
from peacepos.conditions import Condition
from peacepos.constraints import Constraint, OutcomeSet
from peacepos.issues import issue_keys
from peacepos.position import Position

__all__ = ["compare"]

_ORDER: list[Any] = [-1, {}]
_NONE: tuple[None, tuple[Condition, ...]] = (None, ())


def _order() -> dict[str, int]:
    # Issues are only added (a replaced one keeps its place), so the size identifies the order.
    keys = issue_keys()
    if _ORDER[0] != len(keys):
        _ORDER[:] = [len(keys), {k: i for i, k in enumerate(keys)}]
    order: dict[str, int] = _ORDER[1]
    return order


def _relate(a: Constraint | None, b: Constraint | None) -> Relation:
    if b is None:
        return Relation.ONLY_LEFT if a is not None else relate(a, b)
    if a is None:
        return Relation.ONLY_RIGHT
    if type(a) is OutcomeSet and type(b) is OutcomeSet and a.issue is b.issue:
        x, y = a.mask, b.mask
        common = x & y
        if not common:
            return Relation.CONFLICT
        if common == x:
            return Relation.SAME if x == y else Relation.NARROWER
        return Relation.BROADER if common == y else Relation.OVERLAP
    return relate(a, b)


def _same(x: Constraint | None, y: Constraint | None) -> bool:
    if x is y:
        return True
    if type(x) is OutcomeSet and type(y) is OutcomeSet:
        return x.mask == y.mask and x.issue is y.issue
    return x == y


def compare(
    left: Position,
    right: Position,
    *,
    reading: ReadingChoice = "both",
    silence: Silence = "report",
) -> Comparison:
    """Compare two positions issue by issue: the same result as :func:`peacepos.compare`."""
    if not isinstance(left, Position) or not isinstance(right, Position):
        raise TypeError("compare() takes two Position objects; see peacepos.corpus.load()")
    if reading not in ("strict", "broad", "both"):
        raise ValueError(f"reading must be 'strict', 'broad' or 'both' (got {reading!r})")
    if silence not in ("report", "accept"):
        raise ValueError(f"silence must be 'report' or 'accept' (got {silence!r})")
    la, lb = _labels(left, right)
    order = _order()
    n = len(order)
    accept = silence == "accept"
    out: list[Finding] = []
    if reading != "both":
        lc, rc = left._compiled[reading], right._compiled[reading]
        for key in sorted(lc.keys() | rc.keys(), key=lambda k: (order.get(k, n), k)):
            (a, ac), (b, bc) = lc.get(key, _NONE), rc.get(key, _NONE)
            if accept:
                a = Constraint.full(key) if a is None else a
                b = Constraint.full(key) if b is None else b
            out.append(
                Finding(
                    issue=key,
                    relation=_relate(a, b),
                    reading=reading,
                    left=a,
                    right=b,
                    left_conditions=ac,
                    right_conditions=bc,
                    left_label=la,
                    right_label=lb,
                )
            )
        return Comparison(left=left, right=right, reading=reading, silence=silence, findings=out)
    ls, rs = left._compiled["strict"], right._compiled["strict"]
    lw, rw = left._compiled["broad"], right._compiled["broad"]
    # Strict conditions are a subset of the broad ones, so every strict issue is a broad one.
    for key in sorted(lw.keys() | rw.keys(), key=lambda k: (order.get(k, n), k)):
        (a, ac), (b, bc) = lw.get(key, _NONE), rw.get(key, _NONE)
        (sa, sac), (sb, sbc) = ls.get(key, _NONE), rs.get(key, _NONE)
        strict_silent = sa is None and sb is None
        if accept:
            a = Constraint.full(key) if a is None else a
            b = Constraint.full(key) if b is None else b
            sa = Constraint.full(key) if sa is None else sa
            sb = Constraint.full(key) if sb is None else sb
        rel = _relate(a, b)
        if not strict_silent:
            srel = _relate(sa, sb)
            if srel is rel and _same(sa, a) and _same(sb, b):
                out.append(
                    Finding(
                        issue=key,
                        relation=rel,
                        reading="both",
                        left=a,
                        right=b,
                        left_conditions=ac,
                        right_conditions=bc,
                        left_label=la,
                        right_label=lb,
                    )
                )
                continue
            out.append(
                Finding(
                    issue=key,
                    relation=srel,
                    reading="strict",
                    left=sa,
                    right=sb,
                    left_conditions=sac,
                    right_conditions=sbc,
                    left_label=la,
                    right_label=lb,
                    reading_dependent=True,
                )
            )
        out.append(
            Finding(
                issue=key,
                relation=rel,
                reading="broad",
                left=a,
                right=b,
                left_conditions=ac,
                right_conditions=bc,
                left_label=la,
                right_label=lb,
                reading_dependent=True,
            )
        )
    return Comparison(left=left, right=right, reading="both", silence=silence, findings=out)
