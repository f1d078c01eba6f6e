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

import datetime
import re
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Literal

import attrs
from attrs import field, frozen

from peacepos._render import Renderable
from peacepos._text import is_blank, unsafe_character
from peacepos.conditions import (
    Basis,
    Condition,
    Evidence,
    condition_sort_key,
    text_field,
)
from peacepos.constraints import Constraint
from peacepos.errors import ContradictionError
from peacepos.vocabulary import Codebook, Implication, Issue, Rule

__all__ = [
    "CONFIDENCE_LEVELS",
    "READINGS",
    "Coverage",
    "Endorsement",
    "Position",
    "Reading",
    "Stance",
    "merge",
]

Reading = Literal["strict", "broad"]
READINGS: tuple[Reading, ...] = ("strict", "broad")
CONFIDENCE_LEVELS = ("", "high", "medium", "low")

_ID = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")


def _check_id(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _ID.match(value) or len(value) > 100:
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


@frozen(kw_only=True)
class Coverage:
    """Which part of the source document was encoded, and if not, why."""

    locator: str = text_field(blank=False, default=None)
    encoded: bool = field(validator=attrs.validators.instance_of(bool))
    note: str = text_field()


@frozen(kw_only=True)
class Endorsement:
    """A position endorses another by reference: its conditions count as IMPLIED.

    ``evidence`` says where the endorsement is recorded (e.g. a readout of a meeting).
    """

    position: Position
    evidence: Evidence = field(eq=False)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.position, Position):
            raise TypeError(f"position must be a Position (got {type(self.position).__name__})")
        if not isinstance(self.evidence, Evidence):
            raise TypeError(f"evidence must be an Evidence (got {type(self.evidence).__name__})")


# -- the stance on each issue: one definition of how conditions merge ---------------------


@frozen(kw_only=True)
class Stance:
    """A position's stance on one issue: the constraint, the conditions behind it, and the
    codebook implications it was narrowed by (if any)."""

    constraint: Constraint
    conditions: tuple[Condition, ...]
    derived: tuple[Implication, ...] = ()


class Clash(Exception):
    """Two groups of conditions leave an issue empty (internal; callers turn it into a
    :class:`~peacepos.errors.ContradictionError` with places they know)."""

    def __init__(
        self,
        issue: str,
        earlier: tuple[Condition, ...],
        later: tuple[Condition, ...],
        via: Implication | None = None,
    ) -> None:
        super().__init__(issue)
        self.issue = issue
        self.earlier = earlier
        self.later = later
        self.via = via


def rule_constraint(codebook: Codebook, rule: Rule) -> Constraint:
    """An implication's side as a constraint."""
    issue = codebook[rule.issue]
    if isinstance(issue, Issue):
        return Constraint.of(issue, *rule.outcomes)
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
    under the codebook's implications. The one definition of how a position's conditions
    combine.

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
    """Narrow the stances by the codebook's implications until nothing changes."""
    rules = [
        (imp, rule_constraint(codebook, imp.when), rule_constraint(codebook, imp.then))
        for imp in codebook.all_implications()
    ]
    changed = bool(rules)
    while changed:
        changed = False
        for imp, when, then in rules:
            for cause_key, cause_test, target, narrow in (
                (when.issue.key, "subset", then, then),  # when holds: then holds
                (then.issue.key, "disjoint", when, ~when),  # then ruled out: so is when
            ):
                cause = stances.get(cause_key)
                if cause is None:
                    continue
                test = then if cause_test == "disjoint" else when
                holds = (
                    cause.constraint.is_subset(test)
                    if cause_test == "subset"
                    else cause.constraint.is_disjoint(test)
                )
                if not holds:
                    continue
                key = target.issue.key
                known = stances.get(key)
                new = narrow if known is None else known.constraint & narrow
                if known is not None and new == known.constraint:
                    continue
                if new.is_empty():
                    assert known is not None
                    raise Clash(key, known.conditions, cause.conditions, imp)
                stances[key] = Stance(
                    constraint=new,
                    conditions=_add(known.conditions if known else (), cause.conditions),
                    derived=(known.derived if known else ()) + (imp,),
                )
                changed = True


# -- positions ----------------------------------------------------------------------------


@frozen(kw_only=True, repr=False)
class Position(Renderable):
    """What one actor (or several, in a joint document) states on a date.

    ``codebook`` is the vocabulary the conditions are written in. ``conditions`` are kept in a
    canonical order, so positions built from the same conditions in any order are equal and
    render identically.
    """

    id: str = field(validator=_check_id)
    title: str = text_field(blank=False, default=None)
    actors: tuple[str, ...] = field(converter=_actors, validator=_check_actors)
    date: datetime.date = field(converter=_to_date, validator=_check_date)
    codebook: Codebook = field(validator=_check_codebook)
    conditions: tuple[Condition, ...] = field(converter=_conditions)
    document: str = text_field()
    urls: tuple[str, ...] = field(default=(), converter=_strings, validator=_check_urls)
    confidence: str = text_field()
    confidence_level: str = field(default="", validator=_check_level)
    coverage: tuple[Coverage, ...] = field(default=(), converter=_coverage)
    notes: str = text_field()
    endorsements: tuple[Endorsement, ...] = field(default=(), converter=_endorsements)
    _endorsed: tuple[Condition, ...] = field(init=False, eq=False, repr=False, hash=False)
    _compiled: dict[Reading, dict[str, Stance]] = field(
        init=False, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        ids = [e.position.id for e in self.endorsements]
        if len(set(ids)) != len(ids):
            raise ValueError(f"endorsements name a position twice ({', '.join(sorted(ids))})")
        if self.id in ids:
            raise ValueError(f"position {self.id!r} cannot endorse itself")
        object.__setattr__(self, "_endorsed", self._adopt())
        object.__setattr__(self, "_compiled", {r: self._compile(r) for r in READINGS})

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
                why = (
                    f"{self.label} endorsed {e.position.id} ({e.evidence.document}, "
                    f"{e.evidence.locator})"
                )
                if ev.basis is Basis.IMPLIED:
                    why += f"; there IMPLIED: {ev.rationale}"
                out.append(
                    attrs.evolve(
                        c,
                        evidence=attrs.evolve(
                            ev,
                            basis=Basis.IMPLIED,
                            rationale=why[:2000],
                            source=e.evidence.source or ev.source,
                        ),
                    )
                )
        return tuple(sorted(out, key=condition_sort_key))

    @property
    def all_conditions(self) -> tuple[Condition, ...]:
        """Own conditions, then those taken over by endorsement."""
        return self.conditions + self.endorsed_conditions

    def _compile(self, reading: Reading) -> dict[str, Stance]:
        chosen = [
            c for c in self.all_conditions if reading == "broad" or c.basis is Basis.EXPLICIT
        ]
        try:
            return merge(chosen, self.codebook, yielding=self._endorsed)
        except Clash as clash:
            raise self._contradiction(clash) from None

    def _contradiction(self, clash: Clash) -> ContradictionError:
        later = " and ".join(_name(c) for c in clash.later)
        earlier = " and ".join(_name(c) for c in clash.earlier)
        via = ""
        if clash.via is not None:
            via = f" (by the codebook's rule: {clash.via.describe(self.codebook)})"
        error = ContradictionError(
            f"position {self.id!r} contradicts itself on {clash.issue!r}: {later} leaves no "
            f"outcome together with {earlier}{via}"
        )
        error.clash = clash  # type: ignore[attr-defined]
        return error

    def _stances(self, reading: Reading) -> dict[str, Stance]:
        """The stances under ``reading`` (read-only, for the analysis layer)."""
        return self._compiled[reading]

    def stances(self, reading: Reading = "broad") -> Mapping[str, Stance]:
        """Per issue, in report order: the stance under ``reading``."""
        return MappingProxyType(self._compiled[_reading(reading)])

    def constraints(self, reading: Reading = "broad") -> Mapping[str, Constraint]:
        """The per-issue constraints under ``reading``, in report order."""
        compiled = self._compiled[_reading(reading)]
        return MappingProxyType({k: v.constraint for k, v in compiled.items()})

    def conditions_on(self, issue: str, reading: Reading = "broad") -> tuple[Condition, ...]:
        """The conditions behind this position's constraint on ``issue`` (empty if silent)."""
        found = self._compiled[_reading(reading)].get(issue)
        return found.conditions if found else ()

    def constraint(self, issue: str, reading: Reading = "broad") -> Constraint | None:
        """The constraint on ``issue`` under ``reading``, or None where the position is silent."""
        found = self._compiled[_reading(reading)].get(issue)
        return found.constraint if found else None

    def __repr__(self) -> str:
        return (
            f"<Position {self.id}: {self.label}, {self.date}, "
            f"{len(self.all_conditions)} conditions, codebook {self.codebook.name}>"
        )

    @property
    def label(self) -> str:
        """A short name for tables: the actors."""
        return " & ".join(self.actors)


def _reading(reading: Reading) -> Reading:
    if reading not in READINGS:
        raise ValueError(f"reading must be 'strict' or 'broad' (got {reading!r})")
    return reading


def _name(condition: Condition) -> str:
    ev = condition.evidence
    return f"{condition.describe()} ({ev.document}, {ev.locator})"
