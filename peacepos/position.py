"""Positions: who says what, when, with which conditions.

A position's constraint on an issue is the intersection of its conditions' constraints there.
It has two readings: ``"strict"`` (EXPLICIT conditions only) and ``"broad"`` (EXPLICIT and
IMPLIED). A position whose own conditions leave an issue empty cannot be constructed.

>>> from peacepos.conditions import Evidence, Ceasefire, EndOfHostilities, Basis
>>> ev = Evidence(document="doc", locator="point 1")
>>> p = Position(id="example", title="An example", actors=("A",), date="2023-02-24",
...              conditions=[Ceasefire(evidence=ev), EndOfHostilities(evidence=ev)])
>>> str(p.constraints()["hostilities"])
'end of war'
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Literal

import attrs
from attrs import field, frozen

from peacepos._render import Renderable
from peacepos.conditions import Basis, Condition, Evidence, _nonblank
from peacepos.constraints import Constraint
from peacepos.errors import ContradictionError
from peacepos.issues import issue_keys

__all__ = ["READINGS", "Coverage", "Endorsement", "Position", "Reading"]

Reading = Literal["strict", "broad"]
READINGS: tuple[Reading, ...] = ("strict", "broad")

_ID = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")


def _check_id(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _ID.match(value) or len(value) > 100:
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
    for actor in value:
        if not isinstance(actor, str) or not actor.strip():
            raise ValueError(f"actors must be non-empty strings (got {actor!r})")


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


def _coverage(value: Iterable[Coverage]) -> tuple[Coverage, ...]:
    return _items(value, Coverage, "coverage")


def _endorsements(value: Iterable[Endorsement]) -> tuple[Endorsement, ...]:
    return _items(value, Endorsement, "endorsements")


def _check_urls(
    _: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    for i, url in enumerate(value):
        if (
            not isinstance(url, str)
            or not url.strip()
            or len(url) > 2000
            or any(ch.isspace() for ch in url)
        ):
            raise ValueError(f"urls[{i}] must be a web address without spaces (got {url!r})")


def _sort_value(value: Any) -> Any:
    if isinstance(value, frozenset | set):
        return tuple(sorted(_sort_value(v) for v in value))
    if hasattr(value, "value") and not isinstance(value, int | str):
        return str(value.value)
    if value is None:
        return ""
    return value if isinstance(value, int | str) else repr(value)


def condition_sort_key(condition: Condition) -> tuple[Any, ...]:
    """A total, hash-seed-independent order of conditions: by kind, fields, stage, evidence."""
    fields = tuple(
        (a.name, repr(_sort_value(getattr(condition, a.name))))
        for a in attrs.fields(type(condition))
        if a.name not in ("evidence", "stage")
    )
    ev = condition.evidence
    return (
        condition.kind,
        fields,
        condition.stage.value,
        ev.basis.value,
        ev.document,
        ev.locator,
        ev.quote,
        ev.rationale,
        ev.source,
    )


def _conditions(value: Iterable[Condition]) -> tuple[Condition, ...]:
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, Condition):
            raise TypeError(f"conditions[{i}] must be a Condition (got {type(item).__name__})")
    return tuple(sorted(items, key=condition_sort_key))


@frozen(kw_only=True)
class Coverage:
    """Which part of the source document was encoded, and if not, why."""

    locator: str = field(validator=_nonblank)
    encoded: bool
    note: str = ""


@frozen(kw_only=True)
class Endorsement:
    """A position endorses another by reference: its conditions count as IMPLIED.

    ``evidence`` says where the endorsement is recorded (e.g. a readout of a meeting).
    """

    position: Position
    evidence: Evidence = field(eq=False)


@frozen(kw_only=True, repr=False)
class Position(Renderable):
    """What one actor (or several, in a joint document) states on a date.

    ``conditions`` are kept in a canonical order, so positions built from the same
    conditions in any order are equal and render identically.
    """

    id: str = field(validator=_check_id)
    title: str = field(validator=_nonblank)
    actors: tuple[str, ...] = field(converter=_actors, validator=_check_actors)
    date: datetime.date = field(converter=_to_date, validator=_check_date)
    conditions: tuple[Condition, ...] = field(converter=_conditions)
    document: str = ""
    urls: tuple[str, ...] = field(default=(), converter=_strings, validator=_check_urls)
    confidence: str = ""
    coverage: tuple[Coverage, ...] = field(default=(), converter=_coverage)
    notes: str = ""
    endorsements: tuple[Endorsement, ...] = field(default=(), converter=_endorsements)
    _endorsed: tuple[Condition, ...] = field(init=False, eq=False, repr=False, hash=False)
    _compiled: dict[Reading, dict[str, tuple[Constraint, tuple[Condition, ...]]]] = field(
        init=False, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
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
                            rationale=why,
                            source=e.evidence.source or ev.source,
                        ),
                    )
                )
        return tuple(sorted(out, key=condition_sort_key))

    @property
    def all_conditions(self) -> tuple[Condition, ...]:
        """Own conditions, then those taken over by endorsement."""
        return self.conditions + self.endorsed_conditions

    def _compile(self, reading: Reading) -> dict[str, tuple[Constraint, tuple[Condition, ...]]]:
        merged: dict[str, Constraint] = {}
        behind: dict[str, list[Condition]] = {}  # linear in the number of conditions
        own = {x.issue.key for c in self.conditions for x in c.constraints()}
        endorsed = set(map(id, self._endorsed))
        for condition in self.all_conditions:
            if reading == "strict" and condition.basis is Basis.IMPLIED:
                continue
            for constraint in condition.constraints():
                key = constraint.issue.key
                known = merged.get(key)
                if known is None:
                    merged[key], behind[key] = constraint, [condition]
                    continue
                common = known & constraint
                if common.is_empty():
                    if key in own and id(condition) in endorsed:
                        continue  # what it takes over by reference yields to its own words
                    raise self._contradiction(key, tuple(behind[key]), condition, constraint)
                merged[key] = common
                if behind[key][-1] is not condition:
                    behind[key].append(condition)
        order = {k: i for i, k in enumerate(issue_keys())}
        return {
            key: (merged[key], tuple(behind[key]))
            for key in sorted(merged, key=lambda k: (order.get(k, len(order)), k))
        }

    def _contradiction(
        self,
        issue: str,
        earlier: tuple[Condition, ...],
        condition: Condition,
        constraint: Constraint,
    ) -> ContradictionError:
        clash = [
            c
            for c in earlier
            if any(x.issue.key == issue and x.is_disjoint(constraint) for x in c.constraints())
        ]
        first = clash[0] if clash else None
        named = _name(first) if first is not None else " and ".join(_name(c) for c in earlier)
        return ContradictionError(
            f"position {self.id!r} contradicts itself on {issue!r}: {_name(condition)} "
            f"leaves no outcome together with {named}"
        )

    def _by_issue(self, reading: Reading) -> dict[str, tuple[Constraint, tuple[Condition, ...]]]:
        """Per issue: the constraint and the conditions behind it (read-only, for the engine)."""
        return self._compiled[reading]

    def constraints(self, reading: Reading = "broad") -> Mapping[str, Constraint]:
        """The per-issue constraints under ``reading``, in catalogue order."""
        compiled = self._compiled[_reading(reading)]
        return MappingProxyType({k: v[0] for k, v in compiled.items()})

    def conditions_on(self, issue: str, reading: Reading = "broad") -> tuple[Condition, ...]:
        """The conditions behind this position's constraint on ``issue`` (empty if silent)."""
        found = self._compiled[_reading(reading)].get(issue)
        return found[1] if found else ()

    def constraint(self, issue: str, reading: Reading = "broad") -> Constraint | None:
        """The constraint on ``issue`` under ``reading``, or None where the position is silent."""
        found = self._compiled[_reading(reading)].get(issue)
        return found[0] if found else None

    def __repr__(self) -> str:
        return (
            f"<Position {self.id}: {self.label}, {self.date}, "
            f"{len(self.all_conditions)} conditions>"
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
