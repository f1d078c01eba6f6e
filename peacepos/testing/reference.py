"""A brute-force reference: plain Python sets, loops and enumeration.

The laws (:mod:`peacepos.testing.laws`) check the engine against this module. It is slow on
purpose and shares no code with the engine's algebra: it reads each typed condition's
``compile()`` output (a typed kind's matching rule *is* its compile step) and a codebook's
declarations, and computes everything else itself —

- a declared kind's constraints straight from its :class:`~peacepos.vocabulary.KindSpec`
  (narrows, choices and defaults, areas and their parts, ``{held_by}``, bounds), without
  :meth:`peacepos.Declared.compile`;
- a stage's sequencing constraint from the table in design.md;
- what a text states: an amended text's conditions from its base and the amendments, locator
  by locator; conditions taken over by endorsement, re-based as IMPLIED; a variant's
  conditions with the common ones;
- every constraint as a plain ``frozenset`` of outcomes (for a numeric issue: of *witness
  points*, see :func:`universe`), intersected per issue with Python's ``&``;
- readings: the EXPLICIT conditions and the IMPLIED ones of the chosen readers; where those
  contradict each other, each reader's reading apart, and an issue is contested exactly where
  the readers' sets have nothing in common;
- the codebook's implications by **enumerating every combination** of outcomes of the issues
  they link, keeping the combinations every implication allows and projecting back on each
  issue (the meaning of "an outcome on one issue rules out outcomes on another"); an
  implication whose ``when`` names every outcome applies where its issue is addressed;
- conditional terms (what each accepts alone) and the state of their requirements;
- relations from ``<``, ``==`` and ``&`` of sets, N-way results from intersections and
  coalitions by trying every subset, variants by comparing every pair, and deals by
  enumerating every settlement.

>>> import peacepos
>>> from peacepos.testing import reference
>>> c, r = peacepos.corpus.load("china-2023-02-24"), peacepos.corpus.load("russia-2023-02-24")
>>> reference.compare(c, r, "strict")["territory/crimea/recognition"].relation
<Relation.ONLY_RIGHT: 'only-right'>
>>> reference.compare(c, r, "broad")["territory/crimea/recognition"].relation
<Relation.CONTESTED: 'contested'>
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal

import attrs
from attrs import frozen

from peacepos.analysis.changes import ChangeKind
from peacepos.analysis.relation import Relation
from peacepos.conditions import Basis, Condition, Declared, Stage
from peacepos.constraints import Constraint, IntervalSet, OutcomeSet
from peacepos.position import Action, Amendment, Position
from peacepos.vocabulary import (
    FINITE_MAX,
    UNLIMITED,
    AnyIssue,
    Area,
    Codebook,
    Issue,
    NumericIssue,
    Rule,
)

__all__ = [
    "MAX_COMBINATIONS",
    "SEQUENCE",
    "Agreement",
    "Contradiction",
    "Outcome",
    "Piece",
    "ReadingStance",
    "Row",
    "Said",
    "Settlement",
    "Verdict",
    "accepts",
    "admits",
    "all_demands",
    "amend",
    "changes",
    "closest",
    "coalitions",
    "compare",
    "compare_both",
    "compare_many",
    "counts",
    "declared_pieces",
    "demand_key",
    "implication_groups",
    "matrix",
    "own_conditions",
    "pieces",
    "plain_sets",
    "points",
    "read",
    "relation",
    "report_order",
    "requirement_state",
    "settlements",
    "stances",
    "stances_of",
    "to_set",
    "universe",
    "variant_conditions",
]

Outcome = str | int
Interval = tuple[int, int | None]
Piece = frozenset[str] | tuple[Interval, ...]
"""One constraint in plain data: the outcome names of a finite issue, or the closed
intervals of whole numbers of a numeric one (None: no upper end)."""

Reading = Literal["strict", "broad"] | frozenset[str]
"""A reading: ``"strict"``, ``"broad"`` or the set of readers whose inferences count."""

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


def _reading(reading: Reading | Iterable[str]) -> Reading:
    if reading == "strict" or reading == "broad":
        return reading
    if isinstance(reading, str):
        raise ValueError(f"reading must be 'strict', 'broad' or a set of readers ({reading!r})")
    return frozenset(reading)


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
    if rule.unlimited:
        return ((UNLIMITED, UNLIMITED),)
    return ((issue.minimum if rule.at_least is None else rule.at_least, rule.at_most),)


# -- witness points --------------------------------------------------------------------------


def _in_domain(issue: NumericIssue, point: int) -> bool:
    if point < issue.minimum:
        return False
    if issue.unlimited and point == UNLIMITED:
        return True
    top = issue.maximum
    if top is None:
        return not issue.unlimited or point <= FINITE_MAX
    return point <= top


def universe(
    issue: AnyIssue, constraints: Iterable[Constraint | Piece] = ()
) -> tuple[Outcome, ...]:
    """The outcomes to test membership at.

    A finite issue: all its outcomes. A numeric issue: its minimum, its no-limit outcome if it
    has one (:data:`peacepos.vocabulary.UNLIMITED`), and every interval's lower end and the
    number after its upper end (those of the given constraints or pieces), within the issue's
    outcomes. Membership is constant from one point to the next, so set relations over these
    points are exact for these constraints.
    """
    if isinstance(issue, Issue):
        return issue.outcomes
    pts = {issue.minimum}
    if issue.unlimited:
        pts.add(UNLIMITED)
    for c in constraints:
        bounds = c.bounds if isinstance(c, IntervalSet) else c
        assert isinstance(bounds, tuple)
        for lo, hi in bounds:
            pts.add(lo)
            if hi is not None:
                pts.add(hi + 1)
    return tuple(sorted(p for p in pts if _in_domain(issue, p)))


def to_set(constraint: Constraint, pts: Sequence[Outcome]) -> frozenset[Outcome]:
    """The constraint as a plain set of the given points."""
    return frozenset(p for p in pts if p in constraint)


# -- what a text states ----------------------------------------------------------------------


@frozen
class Said:
    """A condition as a reading sees it: its basis and readers (for a condition taken over
    from an endorsed text: the endorsement's readers, or the inference's own), and whether it
    was taken over (it then yields to the party's own words)."""

    condition: Condition
    basis: Basis
    readers: frozenset[str]
    taken: bool = False


def amend(base: Sequence[Condition], amendments: Sequence[Amendment]) -> list[Condition]:
    """A base text's conditions with the amendments applied in order, locator by locator:
    delete or replace the conditions at a locator (there must be some), add conditions."""
    out = list(base)
    for a in amendments:
        if a.action is not Action.ADD:
            if not any(c.evidence.locator == a.locator for c in out):
                raise ValueError(f"an amendment names locator {a.locator!r}, which nothing has")
            out = [c for c in out if c.evidence.locator != a.locator]
        out += list(a.conditions)
    return out


def own_conditions(position: Position) -> list[Condition]:
    """What a text states itself: its base's own conditions with its amendments applied, and
    its own conditions."""
    inherited = [] if position.based_on is None else own_conditions(position.based_on)
    return amend(inherited, position.amendments) + list(position.conditions)


def variant_conditions(position: Position, variant: str | None) -> list[Condition]:
    """The conditions of a text with the variant ``variant`` taken (None: the text itself)."""
    if variant is None:
        return own_conditions(position)
    for v in position.variants:
        if v.name == variant:
            return own_conditions(position) + list(v.conditions)
    raise KeyError(variant)


def _said(position: Position, variant: str | None = None) -> list[Said]:
    """Every condition the text states (a variant's too), then those it takes over from the
    texts it endorses: EXPLICIT ones, and IMPLIED ones when the endorsement passes them on,
    IMPLIED for the endorser: an EXPLICIT one read by the endorsement's readers, an IMPLIED
    one by its own."""
    out = [
        Said(c, c.evidence.basis, frozenset(c.evidence.readers))
        for c in variant_conditions(position, variant)
    ]
    for e in position.endorsements:
        for s in _said(e.position):
            if s.condition.actors:
                continue
            if s.basis is Basis.IMPLIED and not e.inferences:
                continue
            # the endorsed text's words, as the endorsement's readers take them over; an
            # inference of the endorsed text, as its own readers draw it
            readers = set(s.readers) if s.basis is Basis.IMPLIED else set(e.readers)
            ev = s.condition.evidence
            rebased = attrs.evolve(
                s.condition,
                evidence=attrs.evolve(
                    ev,
                    basis=Basis.IMPLIED,
                    readers=tuple(sorted(readers)),
                    rationale=ev.rationale or "taken over by endorsement",
                ),
            )
            out.append(Said(rebased, Basis.IMPLIED, frozenset(readers), taken=True))
    return out


def _counts(s: Said, reading: Reading) -> bool:
    if s.basis is Basis.EXPLICIT:
        return True
    if reading == "broad":
        return True
    if reading == "strict":
        return False
    assert isinstance(reading, frozenset)
    return bool(s.readers & reading)


# -- stances, with implications by enumeration ---------------------------------------------


def _addressing(codebook: Codebook, rule: Rule) -> bool:
    """Whether a rule names every outcome of its issue."""
    issue = codebook[rule.issue]
    piece = _rule_piece(rule, issue)
    pts = universe(issue, [piece] if isinstance(piece, tuple) else [])
    return _set_of(piece, issue, pts) == frozenset(pts)


def implication_groups(codebook: Codebook) -> list[set[str]]:
    """The issues the codebook's implications link, in connected groups (an implication
    whose ``when`` names every outcome links nothing: it narrows its ``then`` issue where
    its ``when`` issue is addressed)."""
    groups: list[set[str]] = []
    for imp in codebook.all_implications():
        if _addressing(codebook, imp.when):
            continue
        pair = {imp.when.issue, imp.then.issue}
        touching = [g for g in groups if g & pair]
        merged = set(pair).union(*touching)
        groups = [g for g in groups if not g & pair] + [merged]
    return groups


def points(
    texts: Sequence[Position | Sequence[Condition]], codebook: Codebook | None = None
) -> dict[str, tuple[Outcome, ...]]:
    """The witness points of every issue the positions (or lists of conditions) or their
    codebook's implications touch — their conditions, variants, requirements and the texts
    they amend or endorse (the same for every reading). ``codebook`` defaults to the first
    position's."""
    book = codebook
    if book is None:
        book = next(t.codebook for t in texts if isinstance(t, Position))
    found: dict[str, list[Piece]] = {}
    for t in texts:
        every: list[Condition] = []
        if isinstance(t, Position):
            for variant in (None, *(v.name for v in t.variants)):
                every += [s.condition for s in _said(t, variant)]
        else:
            every = list(t)
        for c in every:
            for part in (c, *c.only_if):
                for key, piece in pieces(part, book):
                    found.setdefault(key, []).append(piece)
    for imp in book.all_implications():
        for rule in (imp.when, imp.then):
            found.setdefault(rule.issue, []).append(_rule_piece(rule, book[rule.issue]))
    return {
        key: universe(book[key], [x for x in items if isinstance(x, tuple)])
        for key, items in found.items()
    }


def _merge(
    said: Sequence[Said],
    codebook: Codebook,
    pts: Mapping[str, Sequence[Outcome]],
    what: str,
) -> dict[str, frozenset[Outcome]]:
    """What the conditions accept together: intersected per issue (a condition taken over
    yields where it would leave an issue the party addresses itself empty), then closed under
    the codebook's implications by enumeration."""
    own = {k for s in said if not s.taken for k, _ in pieces(s.condition, codebook)}
    sets: dict[str, frozenset[Outcome]] = {}
    for s in said:
        for key, piece in pieces(s.condition, codebook):
            x = _set_of(piece, codebook[key], pts[key])
            if key in sets and s.taken and key in own and not sets[key] & x:
                continue  # taken over by endorsement: yields to the party's own words
            sets[key] = sets[key] & x if key in sets else x
            if not sets[key]:
                raise Contradiction(f"{what}: nothing left of {key}")
    return _closed(sets, codebook, pts, what)


def _closed(
    sets: dict[str, frozenset[Outcome]],
    codebook: Codebook,
    pts: Mapping[str, Sequence[Outcome]],
    what: str,
) -> dict[str, frozenset[Outcome]]:
    rules: list[tuple[str, frozenset[Outcome], str, frozenset[Outcome], bool]] = []
    for imp in codebook.all_implications():
        w, t = codebook[imp.when.issue], codebook[imp.then.issue]
        rules.append(
            (
                w.key,
                _set_of(_rule_piece(imp.when, w), w, pts[w.key]),
                t.key,
                _set_of(_rule_piece(imp.then, t), t, pts[t.key]),
                _addressing(codebook, imp.when),
            )
        )
    groups = implication_groups(codebook)
    out = dict(sets)
    while True:
        before = dict(out)
        # A rule whose `when` names every outcome: where its issue is addressed, its `then`.
        for wkey, _, tkey, ts, addressing in rules:
            if addressing and wkey in out:
                out[tkey] = out[tkey] & ts if tkey in out else ts
                if not out[tkey]:
                    raise Contradiction(f"{what}: settling {wkey} leaves nothing of {tkey}")
        for group in groups:
            if not group & set(out):
                continue
            keys = sorted(group)
            domains = [sorted(out.get(k, frozenset(pts[k])), key=str) for k in keys]
            size = 1
            for d in domains:
                size *= len(d)
            if size > MAX_COMBINATIONS:
                raise ValueError(f"{size:,} combinations of {keys}: too many for brute force")
            inside = [r for r in rules if not r[4] and r[0] in group]
            kept: dict[str, set[Outcome]] = {k: set() for k in keys}
            for combo in itertools.product(*domains):
                value = dict(zip(keys, combo, strict=True))
                if all(value[w] not in ws or value[t] in ts for w, ws, t, ts, _ in inside):
                    for k in keys:
                        kept[k].add(value[k])
            for k in keys:
                projected = frozenset(kept[k])
                if not projected:
                    raise Contradiction(f"{what}: the implications leave nothing of {k}")
                if k in out or projected != frozenset(pts[k]):
                    out[k] = projected
        if out == before:
            return out


@frozen
class ReadingStance:
    """A text's stance on one issue under one reading: what it accepts unconditionally
    (None: nothing, e.g. where only readers speak and they disagree), each reader's set where
    the readers disagree (``contested``), and what each conditional term accepts there."""

    accepted: frozenset[Outcome] | None
    contested: tuple[tuple[str, frozenset[Outcome]], ...] = ()
    terms: tuple[frozenset[Outcome], ...] = ()

    @property
    def under_terms(self) -> frozenset[Outcome] | None:
        """What it accepts in a deal that meets its terms' requirements."""
        if not self.terms:
            return self.accepted
        out = frozenset().union(*self.terms)
        return out if self.accepted is None else out | self.accepted


def read(
    position: Position,
    reading: Reading | Iterable[str],
    pts: Mapping[str, Sequence[Outcome]] | None = None,
    *,
    variant: str | None = None,
) -> dict[str, ReadingStance]:
    """Per issue the text addresses under ``reading`` (unconditionally, through an
    implication, by readers who disagree, or under a conditional term), in report order.

    The EXPLICIT conditions and the IMPLIED ones of the chosen readers, intersected; if they
    contradict each other, each reader's reading apart (the EXPLICIT conditions and that
    reader's): an issue is contested exactly where the readers who address it have nothing in
    common, and then only what the text itself says is accepted there. Raises
    :class:`Contradiction` where the text, or one reader's reading, leaves an issue empty.
    """
    chosen = _reading(reading)
    codebook = position.codebook
    pts = points([position]) if pts is None else pts
    name = f"{position.id} ({'readers' if isinstance(chosen, frozenset) else chosen})"
    counted = [
        s for s in _said(position, variant) if not s.condition.actors and _counts(s, chosen)
    ]
    plain = [s for s in counted if not s.condition.only_if]
    out: dict[str, ReadingStance] = {}
    try:
        for k, x in _merge(plain, codebook, pts, name).items():
            out[k] = ReadingStance(x)
    except Contradiction:
        explicit = [s for s in plain if s.basis is Basis.EXPLICIT]
        text = _merge(explicit, codebook, pts, f"{name}, the text")
        readers = sorted({r for s in plain if s.basis is Basis.IMPLIED for r in s.readers})
        each = {
            r: _merge(
                [s for s in plain if s.basis is Basis.EXPLICIT or r in s.readers],
                codebook,
                pts,
                f"{name}, read by {r}",
            )
            for r in readers
        }
        for k in set(text).union(*each.values()):
            seen = [(r, m[k]) for r, m in each.items() if k in m]
            joint = frozenset.intersection(*(x for _, x in seen)) if seen else text[k]
            if joint:
                out[k] = ReadingStance(joint)
            else:
                said = text.get(k)
                disagree = tuple((r, x) for r, x in seen if x != said)
                out[k] = ReadingStance(said, contested=disagree)
    for s in counted:
        if not s.condition.only_if:
            continue
        alone = _merge([Said(s.condition, Basis.EXPLICIT, frozenset())], codebook, pts, name)
        for k, x in alone.items():
            known = out.get(k, ReadingStance(None))
            out[k] = ReadingStance(known.accepted, known.contested, (*known.terms, x))
    return {k: out[k] for k in report_order(codebook, out)}


def stances(
    position: Position,
    reading: Reading | Iterable[str],
    pts: Mapping[str, Sequence[Outcome]] | None = None,
) -> dict[str, frozenset[Outcome]]:
    """Per issue the position accepts something on unconditionally under ``reading``
    (directly, or because an implication narrows it; where readers disagree, what the text
    says): the plain set of outcomes. Raises :class:`Contradiction` where none is left."""
    return {
        k: s.accepted for k, s in read(position, reading, pts).items() if s.accepted is not None
    }


def stances_of(
    conditions: Sequence[Condition], codebook: Codebook
) -> dict[str, frozenset[Outcome]]:
    """What ``conditions`` together accept in ``codebook``, every one of them counted."""
    said = [Said(c, Basis.EXPLICIT, frozenset()) for c in conditions]
    return _merge(said, codebook, points([list(conditions)], codebook), "the conditions")


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


State = Literal["met", "open", "refused"]


def requirement_state(
    requirement: Condition,
    other: Position,
    reading: Reading | Iterable[str],
    pts: Mapping[str, Sequence[Outcome]] | None = None,
) -> State:
    """A requirement against the other side's unconditional stances: refused if it rules out
    all the requirement asks on some issue, open if it is silent on one (or the requirement
    asks nothing), met otherwise."""
    codebook = other.codebook
    pts = points([other, [requirement]]) if pts is None else pts
    found = read(other, reading, pts)
    states = []
    for key, piece in pieces(requirement, codebook):
        need = _set_of(piece, codebook[key], pts[key])
        has = found.get(key)
        if has is None or has.accepted is None:
            states.append("open")
        elif not {p for p in has.accepted if p in need}:
            states.append("refused")
        else:
            states.append("met")
    if "refused" in states:
        return "refused"
    if "open" in states or not states:
        return "open"
    return "met"


@frozen
class Verdict:
    """One issue of two positions under one reading: the sides as plain sets over
    ``points`` (None: silent), their relation and common ground (None if a side is silent);
    where readers disagree, each pair of readers' relation (``contested``: left reader, right
    reader, relation; None for a side whose readers agree); where conditional terms speak,
    the sides and relation under them and each requirement's state (side, state)."""

    relation: Relation
    left: frozenset[Outcome] | None
    right: frozenset[Outcome] | None
    points: tuple[Outcome, ...]
    contested: frozenset[tuple[str | None, str | None, Relation]] = frozenset()
    under_terms: Relation | None = None
    left_under_terms: frozenset[Outcome] | None = None
    right_under_terms: frozenset[Outcome] | None = None
    requirements: tuple[tuple[str, State], ...] = ()
    conditional: bool = False

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


def _verdict(
    a: ReadingStance | None,
    b: ReadingStance | None,
    pts: tuple[Outcome, ...],
    requirements: tuple[tuple[str, State], ...],
) -> Verdict:
    left = None if a is None else a.accepted
    right = None if b is None else b.accepted
    contested: set[tuple[str | None, str | None, Relation]] = set()
    if (a is not None and a.contested) or (b is not None and b.contested):
        lopts = list(a.contested) if a is not None and a.contested else [(None, left)]
        ropts = list(b.contested) if b is not None and b.contested else [(None, right)]
        for (lr, lx), (rr, rx) in itertools.product(lopts, ropts):
            if lx is not None or rx is not None:
                contested.add((lr, rr, relation(lx, rx)))
    conditional = bool((a is not None and a.terms) or (b is not None and b.terms))
    under = lu = ru = None
    if conditional:
        lu = None if a is None else a.under_terms
        ru = None if b is None else b.under_terms
        under = relation(lu, ru)
    if contested:
        rel = Relation.CONTESTED
    elif left is None and right is None:
        assert under is not None
        lt, rt = a is not None and bool(a.terms), b is not None and bool(b.terms)
        rel = Relation.ONLY_LEFT if not rt else Relation.ONLY_RIGHT if not lt else under
    else:
        rel = relation(left, right)
    return Verdict(
        rel, left, right, pts, frozenset(contested), under, lu, ru, requirements, conditional
    )


def _requirements(
    stance: ReadingStance | None,
    position: Position,
    other: Position,
    key: str,
    reading: Reading,
    pts: Mapping[str, Sequence[Outcome]],
    side: str,
) -> list[tuple[str, State]]:
    if stance is None or not stance.terms:
        return []
    out = []
    for s in _said(position):
        c = s.condition
        if not c.only_if or c.actors or not _counts(s, reading):
            continue
        alone = _merge([Said(c, Basis.EXPLICIT, frozenset())], position.codebook, pts, "a term")
        if key in alone:
            # a requirement a reader infers is part of the term only in readings with that
            # reader: under the strict reading, only what the text itself requires
            out += [
                (side, requirement_state(r, other, reading, pts))
                for r in c.only_if
                if counts(r, reading)
            ]
    return out


def counts(condition: Condition, reading: Reading) -> bool:
    """Whether a condition of a text counts under a reading (``"strict"``, ``"broad"`` or a
    frozenset of readers): EXPLICIT always, IMPLIED where one of its readers is read."""
    ev = condition.evidence
    return _counts(Said(condition, ev.basis, frozenset(ev.readers)), reading)


def compare(
    left: Position, right: Position, reading: Reading | Iterable[str]
) -> dict[str, Verdict]:
    """Per issue either addresses (unconditionally, through readers or under conditional
    terms), in the codebook's report order: the verdict."""
    chosen = _reading(reading)
    pts = points([left, right])
    a, b = read(left, chosen, pts), read(right, chosen, pts)
    out = {}
    for k in report_order(left.codebook, a.keys() | b.keys()):
        reqs = _requirements(a.get(k), left, right, k, chosen, pts, "left") + _requirements(
            b.get(k), right, left, k, chosen, pts, "right"
        )
        out[k] = _verdict(a.get(k), b.get(k), tuple(pts[k]), tuple(sorted(reqs)))
    return out


Row = tuple[str, Literal["strict", "broad", "both"], Relation, bool]
"""One finding of a comparison of both readings: issue, reading, relation, reading-dependent."""


def _same(s: Verdict, b: Verdict) -> bool:
    return (
        s.relation,
        s.left,
        s.right,
        s.contested,
        s.under_terms,
        s.left_under_terms,
        s.right_under_terms,
        s.requirements,
    ) == (
        b.relation,
        b.left,
        b.right,
        b.contested,
        b.under_terms,
        b.left_under_terms,
        b.right_under_terms,
        b.requirements,
    )


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
        elif _same(s, b):
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
    """How each issue changed: the earlier position's unconditional stance against the later
    one's, read as a change (broader before: hardened; narrower before: softened; ...)."""
    pts = points([earlier, later])
    a, b = stances(earlier, reading, pts), stances(later, reading, pts)
    return {
        k: _CHANGE[relation(a.get(k), b.get(k))]
        for k in report_order(earlier.codebook, a.keys() | b.keys())
    }


def _substance(codebook: Codebook, verdicts: Mapping[str, Verdict], group: str) -> int:
    """How many issues of substance (not sequence) have a relation of ``group``."""
    return sum(
        1
        for k, v in verdicts.items()
        if not codebook[k].sequence
        and (v.relation is Relation.CONFLICT if group == "conflict" else v.relation.group == group)
    )


def closest(
    left: Position, right: Position, reading: Reading | Literal["both"]
) -> tuple[str | None, str | None]:
    """The pair of variants (None: a side without variants) that comes closest: fewest
    issues of substance in conflict, then most with common ground, then the first in the
    order of the variants (left's first)."""
    codebook = left.codebook
    best: tuple[tuple[int, int, int], tuple[str | None, str | None]] | None = None
    lnames: list[str | None] = [v.name for v in left.variants] or [None]
    rnames: list[str | None] = [v.name for v in right.variants] or [None]
    for n, (lv, rv) in enumerate(itertools.product(lnames, rnames)):
        a, b = _flat(left, lv), _flat(right, rv)
        if reading == "both":
            rows = [v for r in ("strict", "broad") for v in compare(a, b, r).items()]
            conflicts = {
                k for k, v in rows if v.relation is Relation.CONFLICT and not codebook[k].sequence
            }
            overlaps = {
                k for k, v in rows if v.relation.group == "overlap" and not codebook[k].sequence
            }
            score = (len(conflicts), -len(overlaps), n)
        else:
            verdicts = compare(a, b, reading)
            score = (
                _substance(codebook, verdicts, "conflict"),
                -_substance(codebook, verdicts, "overlap"),
                n,
            )
        if best is None or score < best[0]:
            best = (score, (lv, rv))
    assert best is not None
    return best[1]


def _flat(position: Position, variant: str | None) -> Position:
    """The position with variant ``variant`` taken, as a position of its own (built here, from
    :func:`variant_conditions`)."""
    if variant is None:
        return position
    return Position(
        id=f"{position.id}.{variant}",
        title=position.title,
        actors=position.actors,
        date=position.date,
        codebook=position.codebook,
        conditions=variant_conditions(position, variant),
        endorsements=position.endorsements,
    )


# -- N positions ---------------------------------------------------------------------------


def plain_sets(
    positions: Sequence[Position], reading: Reading | Iterable[str]
) -> dict[str, tuple[tuple[Outcome, ...], tuple[frozenset[Outcome] | None, ...]]]:
    """Per issue any of ``positions`` accepts something on unconditionally: the points
    tested, and each position's plain set in the given order (None where it is silent, or
    where its readers disagree and its text says nothing)."""
    if not positions:
        return {}
    pts = points(positions)
    sets = [stances(p, reading, pts) for p in positions]
    keys = report_order(positions[0].codebook, {k for s in sets for k in s})
    return {k: (tuple(pts[k]), tuple(s.get(k) for s in sets)) for k in keys}


def matrix(
    positions: Sequence[Position], reading: Reading | Iterable[str]
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


def compare_many(
    positions: Sequence[Position], reading: Reading | Iterable[str]
) -> dict[str, Agreement]:
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


# -- deals: every settlement -----------------------------------------------------------------

DemandKey = tuple[str, str | None, Condition, str, str, str]
"""A demand: position id, variant (None: common to all), condition, its evidence's document
and locator, issue."""


@frozen
class _Demand:
    key: DemandKey
    issue: str
    accepted: frozenset[Outcome]


@frozen
class _Term:
    allowed: dict[str, frozenset[Outcome]]
    requires: tuple[tuple[str, frozenset[Outcome]], ...]
    condition: Condition


@frozen
class _Party:
    id: str
    options: tuple[tuple[str | None, tuple[_Demand, ...], tuple[_Term, ...]], ...]
    """Per variant (None: none): its demands and conditional terms."""


@frozen
class Settlement:
    """A settlement every position accepts: an outcome per issue in scope, and the variant
    each position accepts it with."""

    outcomes: dict[str, Outcome]
    variants: dict[str, str | None]


def _parties(
    positions: Sequence[Position], reading: Reading
) -> tuple[list[_Party], dict[str, tuple[Outcome, ...]], set[str]]:
    codebook = positions[0].codebook
    pts = dict(points(positions))
    parties = []
    spoken: set[str] = set()
    for p in positions:
        names: list[str | None] = [v.name for v in p.variants] or [None]
        common = own_conditions(p) if p.variants else []
        options = []
        for name in names:
            found = read(p, reading, pts, variant=name)
            demands = []
            terms = []
            for s in _said(p, name):
                c = s.condition
                if c.actors or not _counts(s, reading):
                    continue
                if c.only_if:
                    allowed: dict[str, frozenset[Outcome]] = {}
                    for k, piece in pieces(c, codebook):
                        x = _set_of(piece, codebook[k], pts[k])
                        allowed[k] = allowed[k] & x if k in allowed else x
                    requires = tuple(
                        (k, _set_of(piece, codebook[k], pts[k]))
                        for r in c.only_if
                        if counts(r, reading)
                        for k, piece in pieces(r, codebook)
                    )
                    terms.append(_Term(allowed, requires, c))
                    spoken |= set(allowed) | {k for k, _ in requires}
                    continue
                variant = None if name is None or any(c is x for x in common) else name
                for k, piece in pieces(c, codebook):
                    st = found.get(k)
                    if (
                        st is not None
                        and st.contested
                        and (st.accepted is None or s.basis is Basis.IMPLIED)
                    ):
                        continue  # where readers disagree only what the text says counts
                    ev = c.evidence
                    key: DemandKey = (p.id, variant, c, ev.document, ev.locator, k)
                    demands.append(_Demand(key, k, _set_of(piece, codebook[k], pts[k])))
                    spoken.add(k)
            options.append((name, tuple(demands), tuple(terms)))
        parties.append(_Party(p.id, tuple(options)))
    return parties, pts, spoken


def _scope(codebook: Codebook, spoken: set[str]) -> tuple[list[str], list[Any]]:
    rules = []
    for imp in codebook.all_implications():
        if _addressing(codebook, imp.when) and imp.when.issue not in spoken:
            continue  # settling an issue at all: only where some position speaks to it
        rules.append(imp)
    scope = set(spoken)
    changed = True
    while changed:
        changed = False
        for imp in rules:
            pair = {imp.when.issue, imp.then.issue}
            if pair & scope and not pair <= scope:
                scope |= pair
                changed = True
    # rules between issues no one speaks to (and no rule links to them) play no part
    linked = [imp for imp in rules if {imp.when.issue, imp.then.issue} <= scope]
    return report_order(codebook, scope), linked


def accepts(
    outcomes: Mapping[str, Outcome],
    demands: Sequence[_Demand],
    terms: Sequence[_Term],
) -> bool:
    """Whether a party with these demands and conditional terms accepts the settlement: on
    each demand's issue the outcome meets the demand, or a term allows it and every
    requirement of that term holds in the same settlement."""
    for d in demands:
        value = outcomes[d.issue]
        if value in d.accepted:
            continue
        if not any(
            d.issue in t.allowed
            and value in t.allowed[d.issue]
            and all(outcomes[k] in need for k, need in t.requires)
            for t in terms
        ):
            return False
    return True


def settlements(
    positions: Sequence[Position],
    reading: Reading | Iterable[str] = "broad",
    *,
    only: Iterable[DemandKey] | None = None,
    limit: int | None = None,
) -> list[Settlement]:
    """Every settlement (over the witness points of each issue in scope) that every position
    accepts with some choice of its variants, by enumeration: the issues its conditions,
    terms and requirements speak to and those the codebook's implications link to them, each
    implication holding (one whose ``when`` names every outcome where a demand of the chosen
    variants speaks to its issue). ``only`` keeps those plain demands only (conditional
    terms and variants stay), to test a blocking set; ``limit`` stops after that many."""
    chosen = _reading(reading)
    codebook = positions[0].codebook
    parties, pts, spoken = _parties(positions, chosen)
    keep = None if only is None else set(only)
    keys, rules = _scope(codebook, spoken)
    for k in keys:
        if k not in pts:
            pts[k] = universe(codebook[k])
    sizes = 1
    for k in keys:
        sizes *= len(pts[k])
    if sizes > MAX_COMBINATIONS:
        raise ValueError(f"{sizes:,} settlements of {keys}: too many for brute force")
    out = []
    for options in itertools.product(*(party.options for party in parties)):
        active = [
            [d for d in demands if keep is None or d.key in keep] for _, demands, _ in options
        ]
        checks = _checks(codebook, rules, pts, {d.issue for ds in active for d in ds})
        for combo in itertools.product(*(pts[k] for k in keys)):
            s = dict(zip(keys, combo, strict=True))
            if not all(s[w] not in ws or s[t] in ts for w, ws, t, ts in checks):
                continue
            if all(
                accepts(s, ds, terms) for ds, (_, _, terms) in zip(active, options, strict=True)
            ):
                variants = {p.id: o[0] for p, o in zip(parties, options, strict=True)}
                found = Settlement(s, variants)
                if found not in out:
                    out.append(found)
                if limit is not None and len(out) >= limit:
                    return out
    return out


def _checks(
    codebook: Codebook,
    rules: Sequence[Any],
    pts: Mapping[str, Sequence[Outcome]],
    speaking: set[str],
) -> list[tuple[str, frozenset[Outcome], str, frozenset[Outcome]]]:
    """The implications that hold, as plain sets: those whose ``when`` names every outcome
    only where a demand speaks to its issue."""
    out = []
    for imp in rules:
        if _addressing(codebook, imp.when) and imp.when.issue not in speaking:
            continue
        w, t = codebook[imp.when.issue], codebook[imp.then.issue]
        out.append(
            (
                w.key,
                _set_of(_rule_piece(imp.when, w), w, pts[w.key]),
                t.key,
                _set_of(_rule_piece(imp.then, t), t, pts[t.key]),
            )
        )
    return out


def demand_key(position: str, variant: str | None, condition: Condition, issue: str) -> DemandKey:
    """The key :func:`settlements` knows a demand by."""
    ev = condition.evidence
    return (position, variant, condition, ev.document, ev.locator, issue)


def admits(
    positions: Sequence[Position],
    reading: Reading | Iterable[str],
    outcomes: Mapping[str, Outcome],
    variants: Mapping[str, str | None],
) -> bool:
    """Whether some completion of ``outcomes`` over the issues in scope that they leave open
    keeps every implication and is accepted by every position with the variant named."""
    chosen = _reading(reading)
    codebook = positions[0].codebook
    parties, pts, spoken = _parties(positions, chosen)
    keys, rules = _scope(codebook, spoken)
    for k in keys:
        if k not in pts:
            pts[k] = universe(codebook[k])
    # A number stands for the cell of witness points it lies in (membership is the same).
    given = {k: _snap(v, pts[k]) if k in pts else v for k, v in outcomes.items()}
    open_keys = [k for k in keys if k not in given]
    options = []
    for party in parties:
        found = [o for o in party.options if o[0] == variants.get(party.id)]
        if not found:
            return False
        options.append(found[0])
    checks = _checks(codebook, rules, pts, {d.issue for _, ds, _ in options for d in ds})
    for combo in itertools.product(*(pts[k] for k in open_keys)):
        s = {**given, **dict(zip(open_keys, combo, strict=True))}
        if any(w in s and t in s and s[w] in ws and s[t] not in ts for w, ws, t, ts in checks):
            continue
        if all(accepts(s, ds, terms) for _, ds, terms in options):
            return True
    return False


def _snap(value: Outcome, pts: Sequence[Outcome]) -> Outcome:
    if isinstance(value, str):
        return value
    below = [p for p in pts if isinstance(p, int) and p <= value]
    return max(below) if below else value


def all_demands(
    positions: Sequence[Position], reading: Reading | Iterable[str] = "broad"
) -> set[DemandKey]:
    """Every plain demand of the positions under ``reading`` (every variant's)."""
    parties, _, _ = _parties(positions, _reading(reading))
    return {d.key for party in parties for _, demands, _ in party.options for d in demands}
