"""A brute-force reference: plain Python sets, loops and enumeration.

The laws (:mod:`peacepos.testing.laws`) check the engine against this module. It is slow on
purpose and shares no code with the engine's algebra: it reads each typed condition's
``compile()`` output (a typed kind's matching rule *is* its compile step) and a codebook's
declarations, and computes everything else itself —

- a declared kind's constraints straight from its :class:`~peacepos.vocabulary.KindSpec`
  (narrows, choices and defaults, areas and their parts, ``{held_by}``, bounds), without
  :meth:`peacepos.Declared.compile`;
- a stage's sequencing constraint from the table in design.md;
- every constraint as a plain ``frozenset`` of outcomes (for a numeric issue: of *witness
  points*, see :func:`universe`), intersected per issue with Python's ``&``;
- the codebook's implications by **enumerating every combination** of outcomes of the issues
  they link, keeping the combinations every implication allows and projecting back on each
  issue (the meaning of "an outcome on one issue rules out outcomes on another");
- relations from ``<``, ``==`` and ``&`` of sets, N-way results from intersections and
  coalitions by trying every subset.

>>> import peacepos
>>> from peacepos.testing import reference
>>> c, r = peacepos.corpus.load("china-2023-02-24"), peacepos.corpus.load("russia-2023-02-24")
>>> reference.compare(c, r, "broad")["territory/crimea/recognition"].relation
<Relation.CONFLICT: 'conflict'>
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal

from attrs import frozen

from peacepos.analysis.changes import ChangeKind
from peacepos.analysis.relation import Relation
from peacepos.conditions import Basis, Condition, Declared, Stage
from peacepos.constraints import Constraint, IntervalSet, OutcomeSet
from peacepos.position import Position, Reading
from peacepos.vocabulary import AnyIssue, Area, Codebook, Issue, NumericIssue, Rule

__all__ = [
    "SEQUENCE",
    "Contradiction",
    "Outcome",
    "Piece",
    "Row",
    "Verdict",
    "changes",
    "coalitions",
    "compare",
    "compare_both",
    "compare_many",
    "declared_pieces",
    "implication_groups",
    "matrix",
    "pieces",
    "plain_sets",
    "points",
    "relation",
    "report_order",
    "stances",
    "stances_of",
    "to_set",
    "universe",
]

Outcome = str | int
Interval = tuple[int, int | None]
Piece = frozenset[str] | tuple[Interval, ...]
"""One constraint in plain data: the outcome names of a finite issue, or the closed
intervals of whole numbers of a numeric one (None: no upper end)."""

SEQUENCE: dict[Stage, tuple[str, str]] = {
    Stage.PRECONDITION_FOR_TALKS: ("sequence/talks", "after-preconditions"),
    Stage.PRECONDITION_FOR_CEASEFIRE: ("sequence/ceasefire", "after-preconditions"),
}
"""design.md, *Stage*: a precondition for talks (a ceasefire) is a party's wish that talks
(a ceasefire) start only after its terms are met."""

MAX_COMBINATIONS = 1_000_000
"""Enumeration refuses more combinations than this (the reference is for small inputs)."""


class Contradiction(ValueError):
    """A position's conditions (with its codebook's implications) leave an issue empty."""


# -- constraints as plain data -------------------------------------------------------------


def _leaves(area: Area) -> list[Area]:
    if not area.parts:
        return [area]
    return [leaf for part in area.parts for leaf in _leaves(part)]


_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def _fill(template: str, values: Mapping[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def declared_pieces(condition: Declared, codebook: Codebook) -> list[tuple[str, Piece]]:
    """The constraints of a declared kind's condition, read from its declaration alone."""
    spec = condition.spec
    args = dict(condition.args)
    chosen: dict[str, str] = {}
    tables = [spec.narrows]
    for param, values in spec.choices:
        value = args.get(param)
        if value is None:
            name = dict(spec.defaults)[param]
        elif isinstance(value, bool):
            name = "true" if value else "false"
        else:
            assert isinstance(value, str)
            name = value
        chosen[param] = name
        tables.append(dict(values)[name])
    leaves: list[Area] = []
    if spec.areas:
        named = args[spec.areas]
        assert isinstance(named, frozenset)
        for key in sorted(named):
            for leaf in _leaves(codebook.area(key)):
                if all(leaf.key != seen.key for seen in leaves):
                    leaves.append(leaf)
    out: list[tuple[str, Piece]] = []
    for table in tables:
        for template, outcomes in table:
            if "{area}" in template:
                for leaf in leaves:
                    key = _fill(template, {**chosen, "area": leaf.key})
                    names = {leaf.held_by if o == "{held_by}" else o for o in outcomes}
                    out.append((key, frozenset(names - {""})))
            else:
                out.append((_fill(template, chosen), frozenset(outcomes)))
    if spec.bounds:
        key = _fill(spec.bounds, chosen)
        numeric = codebook[key]
        assert isinstance(numeric, NumericIssue)
        low, high = args.get("at_least"), args.get("at_most")
        assert low is None or isinstance(low, int)
        assert high is None or isinstance(high, int)
        out.append((key, ((numeric.minimum if low is None else low, high),)))
    return out


def _piece(constraint: Constraint) -> Piece:
    if isinstance(constraint, OutcomeSet):
        return frozenset(o for o in constraint.issue.outcomes if o in constraint)
    assert isinstance(constraint, IntervalSet)
    return constraint.bounds


def pieces(condition: Condition, codebook: Codebook) -> list[tuple[str, Piece]]:
    """Every constraint ``condition`` states in ``codebook``, as ``(issue key, piece)``: a
    declared kind's from its declaration, a typed kind's from its ``compile()``, plus the
    sequencing constraint of its stage."""
    if isinstance(condition, Declared):
        out = declared_pieces(condition, codebook)
    else:
        out = [(c.issue.key, _piece(c)) for c in condition.compile(codebook)]
    if condition.stage in SEQUENCE:
        key, outcome = SEQUENCE[condition.stage]
        out.append((key, frozenset({outcome})))
    return out


def _raw(position: Position, reading: Reading) -> list[tuple[bool, list[tuple[str, Piece]]]]:
    """The pieces of each condition that counts in ``reading``, own conditions first, each
    marked whether it was taken over by endorsement (and so yields to the party's own)."""
    own = [(False, c) for c in position.conditions]
    endorsed = [(True, c) for c in position.endorsed_conditions]
    return [
        (taken, pieces(c, position.codebook))
        for taken, c in (*own, *endorsed)
        if reading == "broad" or c.evidence.basis is Basis.EXPLICIT
    ]


def _within(point: int, interval: Interval) -> bool:
    lo, hi = interval
    return lo <= point and (hi is None or point <= hi)


def _set_of(piece: Piece, issue: AnyIssue, pts: Sequence[Outcome]) -> frozenset[Outcome]:
    if isinstance(issue, Issue):
        assert isinstance(piece, frozenset)
        return frozenset(p for p in pts if p in piece)
    assert isinstance(piece, tuple)
    return frozenset(p for p in pts if isinstance(p, int) and any(_within(p, i) for i in piece))


def _rule_piece(rule: Rule, issue: AnyIssue) -> Piece:
    if isinstance(issue, Issue):
        return frozenset(rule.outcomes)
    assert isinstance(issue, NumericIssue)
    return ((issue.minimum if rule.at_least is None else rule.at_least, rule.at_most),)


# -- witness points --------------------------------------------------------------------------


def universe(
    issue: AnyIssue, constraints: Iterable[Constraint | Piece] = ()
) -> tuple[Outcome, ...]:
    """The outcomes to test membership at.

    A finite issue: all its outcomes. A numeric issue: its minimum, and every interval's lower
    end and the number after its upper end (those of the given constraints or pieces), within
    the issue's range. Membership is constant from one point to the next, so set relations
    over these points are exact for these constraints.
    """
    if isinstance(issue, Issue):
        return issue.outcomes
    pts = {issue.minimum}
    for c in constraints:
        bounds = c.bounds if isinstance(c, IntervalSet) else c
        assert isinstance(bounds, tuple)
        for lo, hi in bounds:
            pts.add(lo)
            if hi is not None:
                pts.add(hi + 1)
    top = issue.maximum
    return tuple(sorted(p for p in pts if p >= issue.minimum and (top is None or p <= top)))


def to_set(constraint: Constraint, pts: Sequence[Outcome]) -> frozenset[Outcome]:
    """The constraint as a plain set of the given points."""
    return frozenset(p for p in pts if p in constraint)


def points(positions: Sequence[Position]) -> dict[str, tuple[Outcome, ...]]:
    """The witness points of every issue the positions or their codebook's implications
    touch (the same for both readings)."""
    codebook = positions[0].codebook
    found: dict[str, list[Piece]] = {}
    for p in positions:
        for _, items in _raw(p, "broad"):
            for key, piece in items:
                found.setdefault(key, []).append(piece)
    for imp in codebook.all_implications():
        for rule in (imp.when, imp.then):
            found.setdefault(rule.issue, []).append(_rule_piece(rule, codebook[rule.issue]))
    return {
        key: universe(codebook[key], [x for x in items if isinstance(x, tuple)])
        for key, items in found.items()
    }


# -- stances, with implications by enumeration ---------------------------------------------


def implication_groups(codebook: Codebook) -> list[set[str]]:
    """The issues the codebook's implications link, in connected groups."""
    groups: list[set[str]] = []
    for imp in codebook.all_implications():
        pair = {imp.when.issue, imp.then.issue}
        touching = [g for g in groups if g & pair]
        merged = set(pair).union(*touching)
        groups = [g for g in groups if not g & pair] + [merged]
    return groups


def stances(
    position: Position, reading: Reading, pts: Mapping[str, Sequence[Outcome]] | None = None
) -> dict[str, frozenset[Outcome]]:
    """Per issue the position addresses under ``reading`` (directly, or because an
    implication narrows it): the plain set of outcomes it accepts. Raises
    :class:`Contradiction` where none is left."""
    pts = points([position]) if pts is None else pts
    return _stances(_raw(position, reading), position.codebook, pts, f"{position.id} ({reading})")


def stances_of(
    conditions: Sequence[Condition], codebook: Codebook
) -> dict[str, frozenset[Outcome]]:
    """What ``conditions`` together accept in ``codebook``, every one of them counted."""
    raw = [(False, pieces(c, codebook)) for c in conditions]
    found: dict[str, list[Piece]] = {}
    for _, items in raw:
        for key, piece in items:
            found.setdefault(key, []).append(piece)
    for imp in codebook.all_implications():
        for rule in (imp.when, imp.then):
            found.setdefault(rule.issue, []).append(_rule_piece(rule, codebook[rule.issue]))
    pts = {
        key: universe(codebook[key], [x for x in items if isinstance(x, tuple)])
        for key, items in found.items()
    }
    return _stances(raw, codebook, pts, "the conditions")


def _stances(
    raw: list[tuple[bool, list[tuple[str, Piece]]]],
    codebook: Codebook,
    pts: Mapping[str, Sequence[Outcome]],
    what: str,
) -> dict[str, frozenset[Outcome]]:
    own = {key for taken, items in raw if not taken for key, _ in items}
    sets: dict[str, frozenset[Outcome]] = {}
    for taken, items in raw:
        for key, piece in items:
            s = _set_of(piece, codebook[key], pts[key])
            if key in sets and taken and key in own and not sets[key] & s:
                continue  # taken over by endorsement: yields to the party's own words
            sets[key] = sets[key] & s if key in sets else s
    for key, s in sets.items():
        if not s:
            raise Contradiction(f"{what}: nothing left of {key}")
    for group in implication_groups(codebook):
        if not group & set(sets):
            continue
        rules = []
        for imp in codebook.all_implications():
            if imp.when.issue in group:
                when, then = codebook[imp.when.issue], codebook[imp.then.issue]
                rules.append(
                    (
                        when.key,
                        _set_of(_rule_piece(imp.when, when), when, pts[when.key]),
                        then.key,
                        _set_of(_rule_piece(imp.then, then), then, pts[then.key]),
                    )
                )
        keys = sorted(group)
        domains = [sorted(sets.get(k, frozenset(pts[k])), key=str) for k in keys]
        size = 1
        for d in domains:
            size *= len(d)
        if size > MAX_COMBINATIONS:
            raise ValueError(f"{size:,} combinations of {keys}: too many for brute force")
        kept: dict[str, set[Outcome]] = {k: set() for k in keys}
        for combo in itertools.product(*domains):
            value = dict(zip(keys, combo, strict=True))
            if all(value[w] not in ws or value[t] in ts for w, ws, t, ts in rules):
                for k in keys:
                    kept[k].add(value[k])
        for k in keys:
            projected = frozenset(kept[k])
            if not projected:
                raise Contradiction(f"{what}: the implications leave nothing of {k}")
            if k in sets or projected != frozenset(pts[k]):
                sets[k] = projected
    return sets


# -- two positions -------------------------------------------------------------------------


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


@frozen
class Verdict:
    """One issue of two positions under one reading: the sides as plain sets over
    ``points`` (None: silent), their relation and common ground (None if a side is silent)."""

    relation: Relation
    left: frozenset[Outcome] | None
    right: frozenset[Outcome] | None
    points: tuple[Outcome, ...]

    @property
    def common_ground(self) -> frozenset[Outcome] | None:
        if self.left is None or self.right is None:
            return None
        return self.left & self.right

    def __iter__(self) -> Iterator[Any]:
        """``relation, common_ground = verdict``, as the first edition's pairs."""
        return iter((self.relation, self.common_ground))


def report_order(codebook: Codebook, keys: Iterable[str]) -> list[str]:
    """``keys`` in the codebook's report order (unknown keys last, by name)."""
    rank = {k: i for i, k in enumerate(codebook.keys())}
    return sorted(keys, key=lambda k: (rank.get(k, len(rank)), k))


def compare(left: Position, right: Position, reading: Reading) -> dict[str, Verdict]:
    """Per issue either addresses, in the codebook's report order: the verdict."""
    pts = points([left, right])
    a, b = stances(left, reading, pts), stances(right, reading, pts)
    return {
        k: Verdict(relation(a.get(k), b.get(k)), a.get(k), b.get(k), tuple(pts[k]))
        for k in report_order(left.codebook, a.keys() | b.keys())
    }


Row = tuple[str, Literal["strict", "broad", "both"], Relation, bool]
"""One finding of a comparison of both readings: issue, reading, relation, reading-dependent."""


def compare_both(left: Position, right: Position) -> list[Row]:
    """The findings of comparing both readings at once (docs/concepts.md): an issue whose
    strict and broad verdicts agree appears once as ``both``; one where they differ twice,
    strict then broad, both flagged; one only IMPLIED conditions speak to once, ``broad``,
    flagged."""
    strict, broad = compare(left, right, "strict"), compare(left, right, "broad")
    out: list[Row] = []
    for key, b in broad.items():
        s = strict.get(key)
        if s is None:
            out.append((key, "broad", b.relation, True))
        elif (s.relation, s.left, s.right) == (b.relation, b.left, b.right):
            out.append((key, "both", b.relation, False))
        else:
            out += [(key, "strict", s.relation, True), (key, "broad", b.relation, True)]
    return out


_CHANGE = {
    Relation.SAME: ChangeKind.UNCHANGED,
    Relation.BROADER: ChangeKind.HARDENED,
    Relation.NARROWER: ChangeKind.SOFTENED,
    Relation.OVERLAP: ChangeKind.SHIFTED,
    Relation.CONFLICT: ChangeKind.REVERSED,
    Relation.ONLY_LEFT: ChangeKind.DROPPED,
    Relation.ONLY_RIGHT: ChangeKind.ADDED,
}


def changes(earlier: Position, later: Position, reading: Reading) -> dict[str, ChangeKind]:
    """How each issue changed: the earlier position's relation to the later one, read as a
    change (broader before: hardened; narrower before: softened; and so on)."""
    return {k: _CHANGE[v.relation] for k, v in compare(earlier, later, reading).items()}


# -- N positions ---------------------------------------------------------------------------


def plain_sets(
    positions: Sequence[Position], reading: Reading
) -> dict[str, tuple[tuple[Outcome, ...], tuple[frozenset[Outcome] | None, ...]]]:
    """Per issue any of ``positions`` addresses: the points tested, and each position's plain
    set in the given order (None where it is silent)."""
    pts = points(positions)
    sets = [stances(p, reading, pts) for p in positions]
    keys = report_order(positions[0].codebook, {k for s in sets for k in s})
    return {k: (tuple(pts[k]), tuple(s.get(k) for s in sets)) for k in keys}


def matrix(
    positions: Sequence[Position], reading: Reading
) -> dict[tuple[str, str], dict[str, Relation]]:
    """Every pair (i < j in the given order), every issue either addresses: the relation."""
    sets = plain_sets(positions, reading)
    out: dict[tuple[str, str], dict[str, Relation]] = {}
    for (i, a), (j, b) in itertools.combinations(enumerate(positions), 2):
        out[(a.id, b.id)] = {
            k: relation(per[i], per[j])
            for k, (_, per) in sets.items()
            if per[i] is not None or per[j] is not None
        }
    return out


def _subsets(
    items: Sequence[tuple[str, frozenset[Outcome]]],
) -> Iterator[tuple[frozenset[str], frozenset[Outcome]]]:
    for size in range(1, len(items) + 1):
        for group in itertools.combinations(items, size):
            common = group[0][1]
            for _, s in group[1:]:
                common &= s
            yield frozenset(name for name, _ in group), common


def coalitions(
    named: Sequence[tuple[str, frozenset[Outcome]]] | Sequence[tuple[str, Constraint]],
) -> set[frozenset[str]]:
    """Maximal agreeing coalitions by trying every subset (exponential: small inputs only).
    The members are plain sets, or constraints of one issue (taken as sets of witness
    points)."""
    sets: list[tuple[str, frozenset[Outcome]]] = []
    if named and isinstance(named[0][1], Constraint):
        constraints = [c for _, c in named if isinstance(c, Constraint)]
        pts = universe(constraints[0].issue, constraints)
        sets = [(name, to_set(c, pts)) for name, c in named if isinstance(c, Constraint)]
    else:
        sets = [(name, s) for name, s in named if isinstance(s, frozenset)]
    agreeing = [names for names, common in _subsets(sets) if common]
    return {g for g in agreeing if not any(g < h for h in agreeing)}


@frozen
class Agreement:
    """One issue of N positions: who addresses it, the joint common ground, the conflicting
    pairs and the maximal agreeing coalitions."""

    addressed_by: tuple[str, ...]
    silent: tuple[str, ...]
    common_ground: frozenset[Outcome]
    conflicting_pairs: tuple[tuple[str, str], ...]
    coalitions: set[frozenset[str]]
    points: tuple[Outcome, ...]


def compare_many(positions: Sequence[Position], reading: Reading) -> dict[str, Agreement]:
    """Per issue any position addresses: the N-way agreement, positions in the given order."""
    out = {}
    for key, (pts, per) in plain_sets(positions, reading).items():
        present = [(p.id, s) for p, s in zip(positions, per, strict=True) if s is not None]
        joint = frozenset(pts)
        for _, s in present:
            joint &= s
        pairs = tuple(
            (a, b) for (a, sa), (b, sb) in itertools.combinations(present, 2) if not sa & sb
        )
        out[key] = Agreement(
            addressed_by=tuple(i for i, _ in present),
            silent=tuple(p.id for p, s in zip(positions, per, strict=True) if s is None),
            common_ground=joint,
            conflicting_pairs=pairs,
            coalitions=coalitions(present),
            points=pts,
        )
    return out
