"""Positions: who says what, when, in which codebook's terms, with which conditions.

A position's stance on an issue is the intersection of its conditions' constraints there,
closed under its codebook's implications. It has two readings: ``"strict"`` (EXPLICIT
conditions only) and ``"broad"`` (EXPLICIT and IMPLIED). A position whose own conditions leave
an issue empty cannot be constructed; the error names the conditions that clash.

>>> import peacepos
>>> from peacepos.kinds import Ceasefire, condition
>>> cb = peacepos.codebook("russia-ukraine")
>>> ev = Evidence(document="doc", locator="point 1")
>>> p = Position(id="example", title="An example", actors=("A",), date="2023-02-24",
...              codebook=cb, conditions=[Ceasefire(evidence=ev),
...                                       condition(cb, "end-of-hostilities", evidence=ev)])
>>> str(p.constraints()["hostilities"])
'end of war'
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

import attrs
from attrs import field, frozen

from peacepos._record import Record
from peacepos._render import Renderable
from peacepos._text import is_blank, unsafe_character
from peacepos.conditions import (
    Basis,
    Condition,
    Evidence,
    condition_sort_key,
    enum_converter,
    text_field,
)
from peacepos.constraints import Constraint, IntervalSet
from peacepos.errors import CodebookMismatchError, ContradictionError
from peacepos.vocabulary import Codebook, Implication, Issue, NumericIssue, Rule

if TYPE_CHECKING:
    import datetime
else:

    class _Datetime:
        """The datetime module, imported when a date is first read or checked: importing it
        is a tenth of what ``import peacepos`` adds to ``import attrs``. It stands where the
        module is named and passes every attribute on, so ``typing.get_type_hints(Position)``
        still finds ``datetime.date``, and a test may patch ``peacepos.position.datetime.date``
        (the patch lands on this stand-in, which the code here reads)."""

        def __getattr__(self, name: str) -> Any:
            import datetime as module

            return getattr(module, name)

        def __dir__(self) -> list[str]:
            import datetime as module

            return dir(module)

    datetime = _Datetime()

__all__ = [
    "CONFIDENCE_LEVELS",
    "READINGS",
    "Action",
    "Amendment",
    "Coverage",
    "Endorsement",
    "Position",
    "ReaderStance",
    "Reading",
    "Stance",
    "Term",
    "Variant",
    "merge",
    "reading_key",
    "reading_name",
]

Reading = Literal["strict", "broad"] | frozenset[str]
READINGS: tuple[Literal["strict", "broad"], ...] = ("strict", "broad")
CONFIDENCE_LEVELS = ("", "high", "medium", "low")

_ID = r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$"  # compiled on first use


def _check_id(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not re.match(_ID, value) or len(value) > 100:
        raise ValueError(
            f"{attribute.name} must be lower-case letters, digits and '-', at most 100 "
            f"characters (got {value!r})"
        )


def _to_date(value: datetime.date | str) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"date must be YYYY-MM-DD (got {value!r})") from None
    raise TypeError(f"date must be a date or 'YYYY-MM-DD' (got {value!r})")


def _check_date(
    _: object, attribute: attrs.Attribute[datetime.date], value: datetime.date
) -> None:
    if not 1800 <= value.year <= 2200:
        raise ValueError(f"date must be between 1800 and 2200 (got {value.isoformat()})")


def _actors(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _check_actors(
    _: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    if not value:
        raise ValueError("actors must name at least one actor")
    for i, actor in enumerate(value):
        if not isinstance(actor, str):
            raise TypeError(f"actors[{i}] must be text (got {actor!r})")
        if is_blank(actor) or len(actor) > 200 or unsafe_character(actor):
            raise ValueError(
                f"actors[{i}] must be a visible name of at most 200 characters (got {actor!r})"
            )
    if len(set(value)) != len(value):
        raise ValueError(f"actors must be distinct (got {list(value)!r})")


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError(f"expected a list of web addresses, not one string (got {value!r})")
    return tuple(value)


def _items(value: Iterable[Any], cls: type[Any], name: str) -> tuple[Any, ...]:
    """A tuple of ``cls``; a wrong item is named with its field and place."""
    if isinstance(value, str | bytes):
        raise TypeError(f"{name} must be a list of {cls.__name__} (got {value!r})")
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, cls):
            raise TypeError(f"{name}[{i}] must be {cls.__name__} (got {type(item).__name__})")
    return items


def _check_urls(
    _: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    for i, url in enumerate(value):
        if (
            not isinstance(url, str)
            or not url.strip()
            or len(url) > 2000
            or any(ch.isspace() for ch in url)
            or not re.match(r"^https?://[^/?#\s]+", url)
        ):
            raise ValueError(
                f"urls[{i}] must be an http(s) web address without spaces, at most 2,000 "
                f"characters (got {url!r})"
            )


def _check_level(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in CONFIDENCE_LEVELS:
        raise ValueError(
            f"{attribute.name} must be one of 'high', 'medium', 'low' or '' (got {value!r})"
        )


def _conditions(value: Iterable[Condition]) -> tuple[Condition, ...]:
    items = _items(value, Condition, "conditions")
    return tuple(sorted(items, key=condition_sort_key))


def _coverage(value: Iterable[Coverage]) -> tuple[Coverage, ...]:
    return _items(value, Coverage, "coverage")


def _endorsements(value: Iterable[Endorsement]) -> tuple[Endorsement, ...]:
    return _items(value, Endorsement, "endorsements")


def _check_codebook(_: object, attribute: attrs.Attribute[Codebook], value: Codebook) -> None:
    if not isinstance(value, Codebook):
        raise TypeError(
            f"codebook must be a Codebook, e.g. peacepos.codebook('russia-ukraine') (got "
            f"{type(value).__name__})"
        )


@frozen(kw_only=True, repr=False, eq=False)
class Coverage(Record):
    """Which part of the source document was encoded, and if not, why."""

    locator: str = text_field(blank=False, default=None)
    encoded: bool = field(validator=attrs.validators.instance_of(bool))
    note: str = text_field()


def _reader_names(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError(f"readers must be a list of names, not one string (got {value!r})")
    return tuple(sorted(value))


@frozen(kw_only=True, repr=False, eq=False)
class Endorsement(Record):
    """A position endorses another by reference: the endorsed text's EXPLICIT conditions
    count for the endorser as IMPLIED (``inferences=True``: its IMPLIED ones too).

    ``evidence`` says where the endorsement is recorded (e.g. a readout of a meeting);
    ``readers`` are who reads the endorsement as taking over the endorsed terms (default: the
    analyst who encoded it); an inference taken over (``inferences=True``) stays its own
    readers', so readers who disagree on the endorsed text disagree on the endorser's too.
    """

    position: Position
    evidence: Evidence = field(eq=False)
    inferences: bool = False
    readers: tuple[str, ...] = field(default=("the analyst",), converter=_reader_names)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.position, Position):
            raise TypeError(f"position must be a Position (got {type(self.position).__name__})")
        if not isinstance(self.evidence, Evidence):
            raise TypeError(f"evidence must be an Evidence (got {type(self.evidence).__name__})")
        if not self.readers:
            raise ValueError("an endorsement needs at least one reader")


def _variant_conditions(value: Iterable[Condition]) -> tuple[Condition, ...]:
    return tuple(sorted(_items(value, Condition, "conditions"), key=condition_sort_key))


@frozen(kw_only=True, repr=False, eq=False)
class Variant(Record):
    """One of the alternative packages a document offers: its conditions hold together with
    the document's common ones (``name`` is a short key, ``title`` says what it is)."""

    name: str = field(validator=_check_id)
    title: str = text_field()
    conditions: tuple[Condition, ...] = field(converter=_variant_conditions)


class Action(enum.Enum):
    """What an amendment does to the conditions of the text it amends."""

    DELETE = "delete"
    REPLACE = "replace"
    ADD = "add"


def _action(value: Any) -> Action:
    return enum_converter(Action, "action")(value)


@frozen(kw_only=True, repr=False, eq=False)
class Amendment(Record):
    """A change to the text a position is ``based_on``: delete or replace the conditions at
    ``locator`` (the base's locator), or add conditions."""

    action: Action = field(converter=_action)
    locator: str = text_field()
    conditions: tuple[Condition, ...] = field(default=(), converter=_variant_conditions)
    note: str = text_field()

    def __attrs_post_init__(self) -> None:
        if self.action is not Action.ADD and is_blank(self.locator):
            raise ValueError(f"a {self.action.value} amendment needs the locator it changes")
        if self.action is Action.DELETE and self.conditions:
            raise ValueError("a delete amendment has no conditions")
        if self.action is not Action.DELETE and not self.conditions:
            article = "an" if self.action is Action.ADD else "a"
            raise ValueError(f"{article} {self.action.value} amendment needs conditions")


# -- the stance on each issue: one definition of how conditions merge ---------------------


@frozen(kw_only=True, repr=False, eq=False)
class ReaderStance(Record):
    """What one reader takes a position to accept on an issue where readers disagree."""

    reader: str
    constraint: Constraint
    conditions: tuple[Condition, ...]


@frozen(kw_only=True, repr=False, eq=False)
class Term(Record):
    """A conditional term on an issue: what the party accepts there if ``condition``'s
    requirements are met."""

    condition: Condition
    constraint: Constraint
    requires: tuple[Condition, ...] = ()
    """The requirements that count under the reading (an IMPLIED one only where its readers'
    inferences count): the others of ``condition.only_if`` are not the text's, here."""


@frozen(kw_only=True, repr=False, eq=False)
class Stance(Record):
    """A position's stance on one issue under a reading.

    ``constraint`` is what it accepts unconditionally (None: it states nothing unconditional
    here), ``conditions`` the conditions behind it, ``derived`` the codebook implications that
    narrowed it. ``contested`` holds each reader's stance where the chosen readers' inferences
    contradict each other (then ``constraint`` is what the text itself says, if anything).
    ``terms`` are the conditional terms on the issue.
    """

    constraint: Constraint | None
    conditions: tuple[Condition, ...] = ()
    derived: tuple[Implication, ...] = ()
    contested: tuple[ReaderStance, ...] = ()
    terms: tuple[Term, ...] = ()

    @property
    def under_terms(self) -> Constraint | None:
        """What the party accepts here in a deal that meets the requirements of all its
        conditional terms: the unconditional stance widened by them (None if it has none)."""
        if not self.terms:
            return self.constraint
        widened: Constraint | None = None
        for t in self.terms:
            widened = t.constraint if widened is None else widened | t.constraint
        if self.constraint is None:
            return widened
        assert widened is not None
        both: Constraint = self.constraint | widened
        return both


class Clash(Exception):
    """Two groups of conditions leave an issue empty (internal; callers turn it into a
    :class:`~peacepos.errors.ContradictionError` with places they know)."""

    def __init__(
        self,
        issue: str,
        earlier: tuple[Condition, ...],
        later: tuple[Condition, ...],
        via: Implication | None = None,
        reader: str | None = None,
    ) -> None:
        super().__init__(issue)
        self.issue = issue
        self.earlier = earlier
        self.later = later
        self.via = via
        self.reader = reader


def rule_constraint(codebook: Codebook, rule: Rule) -> Constraint:
    """An implication's side as a constraint."""
    issue = codebook[rule.issue]
    if isinstance(issue, Issue):
        return Constraint.of(issue, *rule.outcomes)
    if rule.unlimited:
        return Constraint.unlimited(issue)
    return Constraint.between(issue, rule.at_least, rule.at_most)


def _add(a: tuple[Condition, ...], b: Iterable[Condition]) -> tuple[Condition, ...]:
    out = list(a)
    for c in b:
        if not any(c is x for x in out):
            out.append(c)
    return tuple(out)


def merge(
    conditions: Sequence[Condition],
    codebook: Codebook,
    *,
    yielding: Iterable[Condition] = (),
) -> dict[str, Stance]:
    """Per issue, in report order: the intersection of the conditions' constraints, closed
    under the codebook's implications. The one definition of how conditions combine.

    Conditions in ``yielding`` (taken over by reference) give way where they would leave an
    issue that the others address empty. A clash raises :class:`Clash`.
    """
    give_way = {id(c) for c in yielding}
    constraints = [(c, c.constraints(codebook)) for c in conditions]
    own_issues = {x.issue.key for c, xs in constraints if id(c) not in give_way for x in xs}
    merged: dict[str, Constraint] = {}
    behind: dict[str, list[Condition]] = {}
    for condition, compiled in constraints:
        for constraint in compiled:
            key = constraint.issue.key
            known = merged.get(key)
            if known is None:
                merged[key], behind[key] = constraint, [condition]
                continue
            common = known & constraint
            if common.is_empty():
                if key in own_issues and id(condition) in give_way:
                    continue  # what a party takes over by reference yields to its own words
                earlier = tuple(
                    c
                    for c in behind[key]
                    if any(
                        x.issue.key == key and x.is_disjoint(constraint)
                        for x in c.constraints(codebook)
                    )
                ) or tuple(behind[key])
                raise Clash(key, earlier, (condition,))
            merged[key] = common
            if behind[key][-1] is not condition:
                behind[key].append(condition)
    stances = {k: Stance(constraint=merged[k], conditions=tuple(behind[k])) for k in merged}
    _close(stances, codebook)
    return {k: stances[k] for k in codebook.sort_keys(stances)}


def _close(stances: dict[str, Stance], codebook: Codebook) -> None:
    """Narrow the stances by the codebook's implications, all of them together.

    Rule by rule first, so that each narrowing names the rule behind it; then each group of
    issues that two or more implications link is closed exactly: an outcome stays only if
    some combination of outcomes of the group's issues that every rule allows holds it (one
    rule alone is exact already). Repeated while an issue gets a stance of its own, since that
    may bring a rule whose ``when`` names every outcome into play.
    """
    implications = codebook.all_implications()
    if not implications:
        return
    rules = [
        _Rule(imp, rule_constraint(codebook, imp.when), rule_constraint(codebook, imp.then))
        for imp in implications
    ]
    groups = _linked(rules)
    while True:
        _propagate(stances, rules)
        if not any(_close_exactly(stances, group, codebook) for group in groups):
            return


class _Rule:
    """An implication with its sides as constraints; ``addressing`` when its ``when`` names
    every outcome (it applies where a position addresses that issue)."""

    __slots__ = ("addressing", "implication", "then", "when")

    def __init__(self, implication: Implication, when: Constraint, then: Constraint) -> None:
        self.implication = implication
        self.when = when
        self.then = then
        self.addressing = when.is_full()


def _linked(rules: Sequence[_Rule]) -> list[list[_Rule]]:
    """The rules (``addressing`` ones left out) in groups that link issues together, those of
    two or more rules only."""
    groups: list[tuple[set[str], list[_Rule]]] = []
    for r in rules:
        if r.addressing:
            continue
        pair = {r.when.issue.key, r.then.issue.key}
        touching = [g for g in groups if g[0] & pair]
        keys = set(pair).union(*(g[0] for g in touching))
        members = [x for g in touching for x in g[1]] + [r]
        groups = [g for g in groups if not g[0] & pair] + [(keys, members)]
    return [members for _, members in groups if len(members) > 1]


def _propagate(stances: dict[str, Stance], rules: Sequence[_Rule]) -> None:
    """Each rule on its own, forwards and backwards, until nothing changes."""
    changed = True
    while changed:
        changed = False
        for rule in rules:
            imp, when, then = rule.implication, rule.when, rule.then
            for cause_key, forward, target, narrow in (
                (when.issue.key, True, then, then),  # when holds: then holds
                (then.issue.key, False, when, ~when),  # then ruled out: so is when
            ):
                cause = stances.get(cause_key)
                if cause is None or cause.constraint is None:
                    continue
                holds = (
                    cause.constraint.is_subset(when)
                    if forward
                    else cause.constraint.is_disjoint(then)
                )
                if not holds:
                    continue
                key = target.issue.key
                known = stances.get(key)
                before = None if known is None else known.constraint
                if rule.addressing and not forward and before is None:
                    continue  # the rule speaks only where the position addresses its issue
                new = narrow if before is None else before & narrow
                if before is not None and new == before:
                    continue
                if new.is_empty():  # the codebook's rule leaves the issue no outcome
                    raise Clash(key, known.conditions if known else (), cause.conditions, imp)
                stances[key] = Stance(
                    constraint=new,
                    conditions=_add(known.conditions if known else (), cause.conditions),
                    derived=(known.derived if known else ()) + (imp,),
                )
                changed = True


def _cells(issue: NumericIssue, constraints: Iterable[Constraint]) -> list[Constraint]:
    """The issue's numbers cut where any of ``constraints`` starts or ends: each cell lies
    wholly inside or wholly outside each of them."""
    starts: set[int] = set()
    for c in (Constraint.full(issue), *constraints):
        assert isinstance(c, IntervalSet)
        for lo, hi in c.bounds:
            starts.add(lo)
            if hi is not None:
                starts.add(hi + 1)
    points = sorted(starts)
    cells: list[Constraint] = []
    for lo, nxt in zip(points, [*points[1:], None], strict=True):
        cell = IntervalSet.from_bounds(issue, [(lo, None if nxt is None else nxt - 1)])
        if not cell.is_empty():
            cells.append(cell)
    return cells


def _close_exactly(stances: dict[str, Stance], group: Sequence[_Rule], codebook: Codebook) -> bool:
    """Close one group of linked issues exactly; whether a stance changed."""
    keys = codebook.sort_keys({k for r in group for k in (r.when.issue.key, r.then.issue.key)})
    known = [stances.get(k) for k in keys]
    if all(st is None or st.constraint is None for st in known):
        return False
    # Each issue's values: its outcomes (or cells of numbers) the position accepts there.
    values: list[list[Constraint]] = []
    for k, st in zip(keys, known, strict=True):
        accepted = st.constraint if st is not None and st.constraint is not None else None
        issue = codebook[k]
        if isinstance(issue, NumericIssue):
            sides = [x for r in group for x in (r.when, r.then) if x.issue.key == k]
            found = _cells(issue, [*sides, *([accepted] if accepted is not None else [])])
        else:
            found = [Constraint.of(issue, o) for o in issue.outcomes]
        values.append([v for v in found if accepted is None or v.is_subset(accepted)])
    at = {k: i for i, k in enumerate(keys)}
    checks = []  # (i, j, which values of i meet when, which of j meet then)
    for r in group:
        i, j = at[r.when.issue.key], at[r.then.issue.key]
        checks.append(
            (
                i,
                j,
                [v.is_subset(r.when) for v in values[i]],
                [v.is_subset(r.then) for v in values[j]],
            )
        )
    by_last: list[list[tuple[int, int, list[bool], list[bool]]]] = [[] for _ in keys]
    for check in checks:
        by_last[max(check[0], check[1])].append(check)
    supported: list[set[int]] = [set() for _ in keys]
    chosen: list[int] = [0] * len(keys)

    def search(n: int, fixed: tuple[int, int]) -> bool:
        if n == len(keys):
            return True
        options = [fixed[1]] if n == fixed[0] else range(len(values[n]))
        for v in options:
            chosen[n] = v
            allowed = all(not (ws[chosen[i]] and not ts[chosen[j]]) for i, j, ws, ts in by_last[n])
            if allowed and search(n + 1, fixed):
                return True
        return False

    for n in range(len(keys)):
        for v in range(len(values[n])):
            if v not in supported[n] and search(0, (n, v)):
                for m, w in enumerate(chosen):
                    supported[m].add(w)
    if not supported[0]:  # no combination at all: name an issue the position addresses
        n = next(i for i, st in enumerate(known) if st is not None and st.constraint is not None)
        mine = known[n]
        assert mine is not None
        others: tuple[Condition, ...] = ()
        for other in known:
            if other is not None and other is not mine:
                others = _add(others, other.conditions)
        raise Clash(keys[n], others, mine.conditions, group[0].implication)
    changed = False
    for n, (k, st) in enumerate(zip(keys, known, strict=True)):
        kept = [values[n][v] for v in sorted(supported[n])]
        issue = codebook[k]
        new: Constraint = Constraint.empty(issue)
        for cell in kept:
            new = new | cell
        before = st.constraint if st is not None else None
        if before is None and new == Constraint.full(issue):
            continue  # the rules leave an issue the position does not address as it is
        if before is not None and new == before:
            continue
        causes: tuple[Condition, ...] = ()
        for other in known:
            if other is not None and other is not st:
                causes = _add(causes, other.conditions)
        derived = st.derived if st is not None else ()
        stances[k] = Stance(
            constraint=new,
            conditions=_add(st.conditions if st is not None else (), causes),
            derived=derived + tuple(r.implication for r in group if r.implication not in derived),
        )
        changed = True
    return changed


# -- readings -----------------------------------------------------------------------------

ReadingKey = Reading | frozenset[str]


def reading_key(reading: Reading | Iterable[str]) -> ReadingKey:
    """``"strict"``, ``"broad"``, or a frozen set of reader names; anything else is refused."""
    if isinstance(reading, str):
        if reading == "strict":
            return "strict"
        if reading == "broad":
            return "broad"
        raise ValueError(
            f"reading must be 'strict', 'broad' or a set of readers' names (got {reading!r})"
        )
    if isinstance(reading, Iterable):
        names = frozenset(reading)
        for name in names:
            if not isinstance(name, str):
                raise TypeError(f"a reading's readers are names (got {name!r})")
        return names
    raise TypeError(
        f"reading must be 'strict', 'broad' or a set of readers' names (got {reading!r})"
    )


def reading_name(reading: ReadingKey | Literal["both"]) -> str:
    """How reports name a reading: 'strict', 'broad', or 'readers: A, B'."""
    if isinstance(reading, str):
        return reading
    return "readers: " + ", ".join(sorted(reading)) if reading else "strict"


# -- positions ----------------------------------------------------------------------------


def _variants(value: Iterable[Variant]) -> tuple[Variant, ...]:
    items = _items(value, Variant, "variants")
    names = [v.name for v in items]
    if len(set(names)) != len(names):
        raise ValueError(f"variants must have distinct names (got {names!r})")
    return items


def _amendments(value: Iterable[Amendment]) -> tuple[Amendment, ...]:
    return _items(value, Amendment, "amendments")


def _base(value: Position | None) -> Position | None:
    if value is not None and not isinstance(value, Position):
        raise TypeError(f"based_on must be a Position (got {type(value).__name__})")
    return value


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "x"


@frozen(kw_only=True, repr=False, eq=False)
class Position(Record, Renderable):
    """What one actor (or several, in a joint document) states on a date.

    ``codebook`` is the vocabulary the conditions are written in. ``conditions`` are kept in a
    canonical order, so positions built from the same conditions in any order are equal and
    render identically. ``variants`` are alternative packages the document offers;
    ``based_on`` and ``amendments`` make it an amended version of another text.
    """

    id: str = field(validator=_check_id)
    title: str = text_field(blank=False, default=None)
    actors: tuple[str, ...] = field(converter=_actors, validator=_check_actors)
    date: datetime.date = field(converter=_to_date, validator=_check_date)
    codebook: Codebook = field(validator=_check_codebook)
    conditions: tuple[Condition, ...] = field(default=(), converter=_conditions)
    document: str = text_field()
    urls: tuple[str, ...] = field(default=(), converter=_strings, validator=_check_urls)
    confidence: str = text_field()
    confidence_level: str = field(default="", validator=_check_level)
    coverage: tuple[Coverage, ...] = field(default=(), converter=_coverage)
    notes: str = text_field()
    endorsements: tuple[Endorsement, ...] = field(default=(), converter=_endorsements)
    variants: tuple[Variant, ...] = field(default=(), converter=_variants)
    based_on: Position | None = field(default=None, converter=_base)
    amendments: tuple[Amendment, ...] = field(default=(), converter=_amendments)
    _endorsed: tuple[Condition, ...] = field(init=False, eq=False, repr=False, hash=False)
    _effective: tuple[Condition, ...] = field(init=False, eq=False, repr=False, hash=False)
    _compiled: dict[ReadingKey, dict[str, Stance]] = field(
        init=False, eq=False, repr=False, hash=False
    )
    _unsettled_keys: frozenset[str] | None = field(
        init=False, default=None, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        ids = [e.position.id for e in self.endorsements]
        if len(set(ids)) != len(ids):
            raise ValueError(f"endorsements name a position twice ({', '.join(sorted(ids))})")
        if self.id in ids:
            raise ValueError(f"position {self.id!r} cannot endorse itself")
        if self.amendments and self.based_on is None:
            raise ValueError("amendments need based_on: the text they amend")
        if self.based_on is not None and self.based_on.id == self.id:
            raise ValueError(f"position {self.id!r} cannot be based on itself")
        for other, how in (
            *((e.position, "endorses") for e in self.endorsements),
            *(((self.based_on, "is based on"),) if self.based_on is not None else ()),
        ):
            if other.codebook.name != self.codebook.name:
                raise CodebookMismatchError(
                    f"position {self.id!r} (codebook {self.codebook.name!r}) {how} "
                    f"{other.id!r}, written in codebook {other.codebook.name!r}: both must "
                    "use one codebook"
                )
        object.__setattr__(self, "_effective", self._amend())
        object.__setattr__(self, "_endorsed", self._adopt())
        for c in self.own_conditions:
            for actor in c.actors:
                if actor not in self.actors:
                    raise ValueError(
                        f"a condition at {c.evidence.locator!r} is attributed to {actor!r}, "
                        f"who is not among the actors ({', '.join(self.actors)})"
                    )
        object.__setattr__(self, "_compiled", {})
        for r in READINGS:  # any contradiction shows when the position is made
            self._stances(r)
        for v in self.variants:
            self.variant(v.name)

    # -- where the conditions come from ---------------------------------------------------
    def _amend(self) -> tuple[Condition, ...]:
        """The conditions of the text this one amends, with the amendments applied."""
        if self.based_on is None:
            return ()
        inherited = list(self.based_on.own_conditions)
        for a in self.amendments:
            if a.action is not Action.ADD:
                found = [c for c in inherited if c.evidence.locator == a.locator]
                if not found:
                    raise ValueError(
                        f"amendment ({a.action.value}) names locator {a.locator!r}, which no "
                        f"condition of {self.based_on.id!r} has"
                    )
                inherited = [c for c in inherited if c.evidence.locator != a.locator]
            inherited += list(a.conditions)
        return tuple(sorted(inherited, key=condition_sort_key))

    @property
    def own_conditions(self) -> tuple[Condition, ...]:
        """The conditions this text states: inherited through ``based_on`` (as amended) and
        its own, without endorsed ones."""
        return self._effective + self.conditions

    @property
    def endorsed_conditions(self) -> tuple[Condition, ...]:
        """The conditions of endorsed positions, re-based as IMPLIED with the endorsement.

        Where one of them contradicts the position's own conditions on an issue, it does not
        apply there: what a party takes over by reference yields to what it says itself.
        """
        return self._endorsed

    def _adopt(self) -> tuple[Condition, ...]:
        out = []
        for e in self.endorsements:
            for c in e.position.all_conditions:
                ev = c.evidence
                if ev.basis is Basis.IMPLIED and not e.inferences:
                    continue  # an endorsement passes on what the endorsed text says
                if c.actors:
                    continue  # a co-author's own point is not the document's
                why = (
                    f"{self.label} endorsed {e.position.id} ({e.evidence.document}, "
                    f"{e.evidence.locator})"
                )
                if ev.basis is Basis.IMPLIED:
                    why += f"; there IMPLIED: {ev.rationale}"
                # what the endorsed text says is taken over in the endorsement's readers'
                # reading; what its readers infer stays theirs (joined to the endorsement's
                # readers, readers who disagree there would contradict each other here)
                readers = e.readers if ev.basis is Basis.EXPLICIT else ev.readers
                out.append(
                    attrs.evolve(
                        c,
                        evidence=attrs.evolve(
                            ev,
                            basis=Basis.IMPLIED,
                            readers=readers,
                            rationale=why[:2000],
                            source=e.evidence.source or ev.source,
                        ),
                    )
                )
        return tuple(sorted(out, key=condition_sort_key))

    @property
    def all_conditions(self) -> tuple[Condition, ...]:
        """Own conditions (inherited ones included), then those taken over by endorsement."""
        return self.own_conditions + self.endorsed_conditions

    def readers(self) -> tuple[str, ...]:
        """Every reader named by an IMPLIED condition (or requirement), sorted."""
        names: set[str] = set()
        for c in self.all_conditions:
            names.update(c.evidence.readers)
            for r in c.only_if:
                names.update(r.evidence.readers)
        return tuple(sorted(names))

    # -- readings ---------------------------------------------------------------------------
    def _counts(self, c: Condition, chosen: frozenset[str] | None) -> bool:
        """Whether a condition counts under a reading (``chosen``: None for broad)."""
        if c.basis is Basis.EXPLICIT:
            return True
        return chosen is None or bool(chosen.intersection(c.evidence.readers))

    def _stances(self, reading: Reading | Iterable[str]) -> dict[str, Stance]:
        """The stances under ``reading`` (read-only, for the analysis layer)."""
        key = reading_key(reading)
        found = self._compiled.get(key)
        if found is None:
            found = self._read(key)
            if key != "strict":
                # A stance the strict reading has too is shared, so that analysis can tell
                # an issue the readings agree on by identity.
                strict = self._stances("strict")
                for k, st in found.items():
                    same = strict.get(k)
                    if same is not None and same == st:
                        found[k] = same
            self._compiled[key] = found
        return found

    def _unsettled(self) -> frozenset[str]:
        """The issues whose stance the readings do not share (a stance only the broad reading
        has, or another one), or that carry conditional terms (whose requirements are asked of
        the other side under each reading): where the strict reading must be compared again."""
        found = self._unsettled_keys
        if found is None:
            strict, broad = self._stances("strict"), self._stances("broad")
            found = frozenset(
                k for k, st in broad.items() if strict.get(k) is not st or st.terms
            ) | frozenset(k for k in strict if k not in broad)
            object.__setattr__(self, "_unsettled_keys", found)
        return found

    def _read(self, key: ReadingKey) -> dict[str, Stance]:
        chosen: frozenset[str] | None
        if key == "strict":
            chosen = frozenset()
        elif key == "broad":
            chosen = None
        else:
            assert isinstance(key, frozenset)
            chosen = key
        counted = [c for c in self.all_conditions if not c.actors and self._counts(c, chosen)]
        plain = [c for c in counted if not c.only_if]
        yielding = self._endorsed
        try:
            stances = merge(plain, self.codebook, yielding=yielding)
        except Clash:
            stances = self._contest(plain, yielding)
        terms: dict[str, list[Term]] = {}
        for c in counted:
            if not c.only_if:
                continue
            try:
                alone = merge([c], self.codebook)
            except Clash as clash:
                raise self._contradiction(clash) from None
            for k, st in alone.items():
                assert st.constraint is not None
                requires = tuple(r for r in c.only_if if self._counts(r, chosen))
                terms.setdefault(k, []).append(
                    Term(condition=c, constraint=st.constraint, requires=requires)
                )
        if terms:
            for k, found in terms.items():
                known = stances.get(k, Stance(constraint=None))
                stances[k] = attrs.evolve(known, terms=tuple(found))
        return {k: stances[k] for k in self.codebook.sort_keys(stances)}

    def _contest(
        self, plain: list[Condition], yielding: tuple[Condition, ...]
    ) -> dict[str, Stance]:
        """Readers' inferences contradict each other somewhere: each reader's reading apart,
        combined where they agree, and contested where they do not."""
        explicit = [c for c in plain if c.basis is Basis.EXPLICIT]
        try:
            text = merge(explicit, self.codebook, yielding=yielding)
        except Clash as clash:
            raise self._contradiction(clash) from None
        readers = sorted({r for c in plain for r in c.evidence.readers})
        each: dict[str, dict[str, Stance]] = {}
        for r in readers:
            mine = [c for c in plain if c.basis is Basis.EXPLICIT or r in c.evidence.readers]
            try:
                each[r] = merge(mine, self.codebook, yielding=yielding)
            except Clash as clash:
                clash.reader = r
                raise self._contradiction(clash) from None
        out: dict[str, Stance] = {}
        keys = {k for m in each.values() for k in m} | set(text)
        for k in keys:
            seen = [(r, m[k]) for r, m in each.items() if k in m]
            joint: Constraint | None = None
            for _, st in seen:
                assert st.constraint is not None
                joint = st.constraint if joint is None else joint & st.constraint
            if joint is not None and not joint.is_empty():
                conditions: tuple[Condition, ...] = ()
                derived: tuple[Implication, ...] = ()
                for _, st in seen:
                    conditions = _add(conditions, st.conditions)
                    derived += tuple(d for d in st.derived if d not in derived)
                out[k] = Stance(constraint=joint, conditions=conditions, derived=derived)
                continue
            base = text.get(k)
            out[k] = Stance(
                constraint=None if base is None else base.constraint,
                conditions=() if base is None else base.conditions,
                derived=() if base is None else base.derived,
                contested=tuple(
                    ReaderStance(reader=r, constraint=st.constraint, conditions=st.conditions)
                    for r, st in seen
                    # a reader who reads nothing into this issue is not one who disagrees
                    if st.constraint is not None
                    and (base is None or st.constraint != base.constraint)
                ),
            )
        return out

    def _contradiction(self, clash: Clash) -> ContradictionError:
        later = " and ".join(_name(c) for c in clash.later)
        earlier = " and ".join(_name(c) for c in clash.earlier)
        via = ""
        if clash.via is not None:
            via = f" (by the codebook's rule: {clash.via.describe(self.codebook)})"
        who = f" in the reading of {clash.reader}" if clash.reader else ""
        together = f" together with {earlier}" if earlier and earlier != later else ""
        error = ContradictionError(
            f"position {self.id!r} contradicts itself{who} on {clash.issue!r}: {later} leaves "
            f"no outcome{together}{via}"
        )
        error.clash = clash  # type: ignore[attr-defined]
        return error

    def stances(self, reading: Reading | Iterable[str] = "broad") -> Mapping[str, Stance]:
        """Per issue, in report order: the stance under ``reading`` (``"strict"``,
        ``"broad"``, or a set of readers' names)."""
        return MappingProxyType(self._stances(reading))

    def constraints(self, reading: Reading | Iterable[str] = "broad") -> Mapping[str, Constraint]:
        """The unconditional per-issue constraints under ``reading``, in report order (issues
        where readers disagree and the text says nothing are left out)."""
        compiled = self._stances(reading)
        return MappingProxyType(
            {k: v.constraint for k, v in compiled.items() if v.constraint is not None}
        )

    def conditions_on(
        self, issue: str, reading: Reading | Iterable[str] = "broad"
    ) -> tuple[Condition, ...]:
        """The conditions behind this position's constraint on ``issue`` (empty if silent)."""
        found = self._stances(reading).get(issue)
        return found.conditions if found else ()

    def constraint(
        self, issue: str, reading: Reading | Iterable[str] = "broad"
    ) -> Constraint | None:
        """The constraint on ``issue`` under ``reading``, or None where the position is silent."""
        found = self._stances(reading).get(issue)
        return found.constraint if found else None

    def contested(self, reading: Reading | Iterable[str] = "broad") -> tuple[str, ...]:
        """The issues where the chosen readers' inferences contradict each other."""
        return tuple(k for k, v in self._stances(reading).items() if v.contested)

    # -- variants and co-authors -------------------------------------------------------------
    def variant(self, name: str) -> Position:
        """The position with variant ``name`` taken: its conditions join the common ones."""
        for v in self.variants:
            if v.name == name:
                return Position(
                    id=f"{self.id}.{v.name}",
                    title=f"{self.title} — {v.title or v.name}",
                    actors=self.actors,
                    date=self.date,
                    codebook=self.codebook,
                    conditions=self.own_conditions + v.conditions,
                    document=self.document or self.id,
                    urls=self.urls,
                    confidence=self.confidence,
                    confidence_level=self.confidence_level,
                    notes=self.notes,
                    endorsements=self.endorsements,
                )
        names = ", ".join(v.name for v in self.variants) or "none"
        raise KeyError(f"position {self.id!r} has no variant {name!r} (variants: {names})")

    def alternatives(self) -> tuple[Position, ...]:
        """Each variant taken as a position; the position itself if it offers none."""
        if not self.variants:
            return (self,)
        return tuple(self.variant(v.name) for v in self.variants)

    def for_actor(self, actor: str) -> Position:
        """What one co-author of a joint document states: the common conditions and those
        attributed to ``actor``."""
        if actor not in self.actors:
            raise KeyError(f"{actor!r} is not among the actors ({', '.join(self.actors)})")
        conditions = [
            attrs.evolve(c, actors=()) if actor in c.actors else c
            for c in self.own_conditions
            if not c.actors or actor in c.actors
        ]
        return Position(
            id=f"{self.id}.{_slug(actor)}",
            title=f"{self.title} — {actor}",
            actors=(actor,),
            date=self.date,
            codebook=self.codebook,
            conditions=conditions,
            document=self.document or self.id,
            urls=self.urls,
            confidence=self.confidence,
            confidence_level=self.confidence_level,
            notes=self.notes,
            variants=self.variants,
        )

    def lineage(self) -> tuple[Position, ...]:
        """This position and the texts it amends, newest first."""
        chain: list[Position] = [self]
        while chain[-1].based_on is not None:
            chain.append(chain[-1].based_on)
        return tuple(chain)

    def __repr__(self) -> str:
        return (
            f"<Position {self.id}: {self.label}, {self.date}, "
            f"{len(self.all_conditions)} conditions, codebook {self.codebook.name}>"
        )

    @property
    def label(self) -> str:
        """A short name for tables: the actors."""
        return " & ".join(self.actors)


def _name(condition: Condition) -> str:
    ev = condition.evidence
    return f"{condition.describe()} ({ev.document}, {ev.locator})"
