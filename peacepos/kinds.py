"""Condition kinds written in Python: typed fields, and matching logic of their own.

Most kinds are declared in codebooks (data). The kinds here are available in every codebook
that has the issues they narrow: the five the mission names — :class:`Ceasefire`,
:class:`DirectDialogue`, :class:`ArmsDeliveryHalt`, :class:`NeutralStatus`,
:class:`TerritorialRecognition` — and two generic ones that state outcomes of any issue
directly, :class:`Outcomes` and :class:`Range`.

:func:`condition` builds a condition of any kind of a codebook by name; :func:`kind_of` says
what a name means in a codebook (a typed class or a declaration).

>>> import peacepos
>>> cb = peacepos.codebook("russia-ukraine")
>>> ev = peacepos.Evidence(document="doc", locator="point 3")
>>> c = Ceasefire(scope="full", evidence=ev)
>>> [str(x) for x in c.constraints(cb)]
['full ceasefire or end of war']
>>> condition(cb, "prisoner-exchange", all_for_all=True, evidence=ev).describe()
'prisoner exchange (all for all)'
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any, TypeVar

import attrs
from attrs import field, frozen

from peacepos.conditions import Condition, Declared, enum_converter
from peacepos.constraints import Constraint
from peacepos.errors import UnknownIssueError
from peacepos.vocabulary import RESERVED_KINDS, Codebook, Issue, KindSpec, NumericIssue, check_key

__all__ = [
    "BUILTIN",
    "ArmsDeliveryHalt",
    "Ceasefire",
    "CeasefireScope",
    "DirectDialogue",
    "NeutralStatus",
    "Outcomes",
    "Range",
    "TerritorialRecognition",
    "Timing",
    "condition",
    "kind",
    "kind_of",
    "names",
]

C = TypeVar("C", bound=type[Condition])


def kind(name: str) -> Any:
    """Give a condition class its ``kind`` name (the tag position files use).

    The class must be a frozen attrs subclass of :class:`~peacepos.Condition` with a
    ``compile(codebook)`` method. Nothing is registered: add the class to a codebook with
    :meth:`Codebook.with_kinds <peacepos.Codebook.with_kinds>` to use it in files.
    """
    check_key(name, "kind")
    if "/" in name:
        raise ValueError(f"kind must be lower-case words joined by '-' (got {name!r})")

    def mark(cls: C) -> C:
        ok = isinstance(cls, type) and issubclass(cls, Condition) and attrs.has(cls)
        if not ok:
            raise TypeError(f"{cls!r} must be an attrs subclass of Condition")
        target: Any = cls
        target.kind = name
        return cls

    return mark


def _areas(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, str):
        raise TypeError(f"regions must be a list of area keys, not one string (got {value!r})")
    items = frozenset(value)
    for item in items:
        check_key(item, "regions")
    return items


def _some(_: object, attribute: attrs.Attribute[frozenset[str]], value: frozenset[str]) -> None:
    if not value:
        raise ValueError(f"{attribute.name} must name at least one area")


def _has(codebook: Codebook, key: str, *outcomes: str) -> bool:
    """Whether ``codebook`` has the finite issue ``key`` with these outcomes."""
    if key not in codebook:
        return False
    found = codebook[key]
    return isinstance(found, Issue) and set(outcomes) <= set(found.outcomes)


def _finite(codebook: Codebook, key: str) -> Issue:
    found = codebook[key]
    if not isinstance(found, Issue):
        raise TypeError(f"{key!r} is numeric: use kind 'range'")
    return found


class CeasefireScope(enum.Enum):
    PARTIAL = "partial"
    FULL = "full"


class Timing(enum.Enum):
    """Whether a party wants talks or a ceasefire before its other terms are met."""

    UNSPECIFIED = "unspecified"
    AS_SOON_AS_POSSIBLE = "as-soon-as-possible"
    WITHOUT_PRECONDITIONS = "without-preconditions"


def _scope(value: Any) -> CeasefireScope:
    return enum_converter(CeasefireScope, "scope")(value)


def _to_timing(value: Any) -> Timing:
    return enum_converter(Timing, "timing")(value)


def _timing(codebook: Codebook, key: str, timing: Timing) -> list[Constraint]:
    # "As soon as possible" is urgency, not a sequence: only "without preconditions" says
    # that talks or a ceasefire need no prior terms.
    if timing is not Timing.WITHOUT_PRECONDITIONS:
        return []
    return [Constraint.of(_finite(codebook, key), "without-preconditions")]


@kind("ceasefire")
@frozen(kw_only=True, repr=False, eq=False)
class Ceasefire(Condition):
    """A ceasefire, partial or full; a full one is met by a full ceasefire or an end of war."""

    scope: CeasefireScope = field(default=CeasefireScope.FULL, converter=_scope)
    timing: Timing = field(default=Timing.UNSPECIFIED, converter=_to_timing)

    @classmethod
    def usable(cls, codebook: Codebook) -> bool:
        return _has(codebook, "hostilities", "partial-ceasefire", "full-ceasefire", "end-of-war")

    def compile(self, codebook: Codebook) -> Iterable[Constraint]:
        hostilities = _finite(codebook, "hostilities")
        if self.scope is CeasefireScope.FULL:
            yield Constraint.of(hostilities, "full-ceasefire", "end-of-war")
        else:
            yield Constraint.of(hostilities, "partial-ceasefire", "full-ceasefire", "end-of-war")
        yield from _timing(codebook, "sequence/ceasefire", self.timing)


@kind("direct-dialogue")
@frozen(kw_only=True, repr=False, eq=False)
class DirectDialogue(Condition):
    """Direct talks between the warring parties."""

    timing: Timing = field(default=Timing.UNSPECIFIED, converter=_to_timing)

    @classmethod
    def usable(cls, codebook: Codebook) -> bool:
        return _has(codebook, "talks", "direct")

    def compile(self, codebook: Codebook) -> Iterable[Constraint]:
        yield Constraint.of(_finite(codebook, "talks"), "direct")
        yield from _timing(codebook, "sequence/talks", self.timing)


@kind("arms-delivery-halt")
@frozen(kw_only=True, repr=False, eq=False)
class ArmsDeliveryHalt(Condition):
    """Foreign arms deliveries to a warring party stop."""

    title = "halt to arms deliveries"

    @classmethod
    def usable(cls, codebook: Codebook) -> bool:
        return _has(codebook, "arms-deliveries", "halt")

    def compile(self, codebook: Codebook) -> Iterable[Constraint]:
        yield Constraint.of(_finite(codebook, "arms-deliveries"), "halt")


@kind("neutral-status")
@frozen(kw_only=True, repr=False, eq=False)
class NeutralStatus(Condition):
    """Neutral and non-bloc: in no military alliance. (A codebook's implications say what
    that rules out, e.g. NATO membership.)"""

    permanent: bool = False

    @classmethod
    def usable(cls, codebook: Codebook) -> bool:
        return _has(codebook, "alignment/blocs", "non-bloc")

    def compile(self, codebook: Codebook) -> Iterable[Constraint]:
        yield Constraint.of(_finite(codebook, "alignment/blocs"), "non-bloc")


@kind("territorial-recognition")
@frozen(kw_only=True, repr=False, eq=False)
class TerritorialRecognition(Condition):
    """The named areas recognised as belonging to the side that claims them: de jure, or
    (``de_facto=True``) de facto; internationally, or (``partial=True``) by some states only.

    It narrows each area's issue ``territory/<area>/recognition``, whose outcomes must include
    ``de-jure``, ``de-facto``, ``de-jure-partial`` and ``de-facto-partial`` (an area with parts:
    each part's).
    """

    regions: frozenset[str] = field(converter=_areas, validator=_some)
    de_facto: bool = False
    partial: bool = False

    @classmethod
    def usable(cls, codebook: Codebook) -> bool:
        outcomes = ("de-jure", "de-facto", "de-jure-partial", "de-facto-partial")
        return any(
            key.startswith("territory/")
            and key.endswith("/recognition")
            and _has(codebook, key, *outcomes)
            for key in codebook
        )

    def compile(self, codebook: Codebook) -> Iterable[Constraint]:
        outcome = ("de-facto" if self.de_facto else "de-jure") + (
            "-partial" if self.partial else ""
        )
        seen = set()
        for key in sorted(self.regions):
            for area in codebook.area(key).leaves():
                if area.key not in seen:
                    seen.add(area.key)
                    issue = _finite(codebook, f"territory/{area.key}/recognition")
                    yield Constraint.of(issue, outcome)


def _outcomes(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, str):
        raise TypeError(f"outcomes must be a list of outcome names, not one string ({value!r})")
    return frozenset(value)


def _issue_key(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    check_key(value, attribute.name)


@kind("outcomes")
@frozen(kw_only=True, repr=False, eq=False)
class Outcomes(Condition):
    """The outcomes of one finite issue the party accepts, stated directly."""

    title = "accepts"

    issue: str = field(validator=_issue_key)
    outcomes: frozenset[str] = field(converter=_outcomes, validator=_some)

    @classmethod
    def usable(cls, codebook: Codebook) -> bool:
        return any(isinstance(i, Issue) for i in codebook.all_issues())

    def compile(self, codebook: Codebook) -> Iterable[Constraint]:
        found = _finite(codebook, self.issue)
        yield Constraint.of(found, *sorted(self.outcomes, key=found.index))


def _whole(_: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{attribute.name} must be a whole number (got {value!r})")
    if not 0 <= value <= 10**12:
        raise ValueError(f"{attribute.name} must be from 0 to 10^12 (got {value:,})")


@kind("range")
@frozen(kw_only=True, repr=False, eq=False)
class Range(Condition):
    """The numbers of one numeric issue the party accepts: ``at_least``, ``at_most`` or both."""

    title = "accepts"

    issue: str = field(validator=_issue_key)
    at_least: int | None = field(default=None, validator=_whole)
    at_most: int | None = field(default=None, validator=_whole)

    @classmethod
    def usable(cls, codebook: Codebook) -> bool:
        return any(isinstance(i, NumericIssue) for i in codebook.all_issues())

    def __attrs_post_init__(self) -> None:
        if self.at_least is None and self.at_most is None:
            raise ValueError("range needs at_least, at_most or both")
        if self.at_least is not None and self.at_most is not None and self.at_least > self.at_most:
            raise ValueError(
                f"at_least must not exceed at_most (got {self.at_least:,} > {self.at_most:,})"
            )

    def compile(self, codebook: Codebook) -> Iterable[Constraint]:
        found = codebook[self.issue]
        if not isinstance(found, NumericIssue):
            raise TypeError(f"{self.issue!r} is not numeric: use kind 'outcomes'")
        yield Constraint.between(found, self.at_least, self.at_most)


BUILTIN: dict[str, type[Condition]] = {
    cls.kind: cls
    for cls in (
        Ceasefire,
        DirectDialogue,
        ArmsDeliveryHalt,
        NeutralStatus,
        TerritorialRecognition,
        Outcomes,
        Range,
    )
}
"""The typed kinds every codebook has, by name (codebooks may not declare these names)."""
assert set(BUILTIN) == RESERVED_KINDS


def names(codebook: Codebook) -> tuple[str, ...]:
    """Every kind usable in ``codebook``'s positions, sorted: the typed kinds whose issues it
    has, its declared kinds and plugins."""
    typed = [name for name, cls in BUILTIN.items() if cls.usable(codebook)]
    return tuple(sorted({*typed, *codebook.kind_names()}))


def kind_of(codebook: Codebook, name: str) -> type[Condition] | KindSpec:
    """What ``name`` means in ``codebook``: a typed class (built in or a plugin) or a
    declared kind. An :class:`~peacepos.errors.UnknownIssueError` suggests near names."""
    if codebook.has_kind(name):
        found = codebook.kind(name)
        if isinstance(found, KindSpec):
            return found
        return found  # a plugin's condition class
    if name in BUILTIN:
        typed = BUILTIN[name]
        if not typed.usable(codebook):
            raise UnknownIssueError(
                f"condition kind {name!r} narrows issues codebook {codebook.name!r} does not "
                f"have; its kinds: `peacepos codebook show {codebook.name}`"
            )
        return typed
    import difflib  # only on this error path

    known = names(codebook)
    near = difflib.get_close_matches(name, known, n=3)
    hint = f"did you mean {' or '.join(map(repr, near))}? " if near else ""
    raise UnknownIssueError(
        f"unknown condition kind {name!r} in codebook {codebook.name!r}; {hint}"
        f"its kinds: `peacepos codebook show {codebook.name}`; a kind written in Python "
        "joins through Library.with_kinds (on the command line, --plugin)"
    )


def condition(codebook: Codebook, name: str, /, **fields: Any) -> Condition:
    """A condition of the kind ``name`` of ``codebook``, checked against it.

    ``fields`` are the kind's parameters plus ``evidence`` (and optionally ``stage``).
    """
    found = kind_of(codebook, name)
    if isinstance(found, KindSpec):
        evidence = fields.pop("evidence")
        return Declared.of(codebook, name, evidence=evidence, **fields)
    made = found(**fields)
    tuple(made.constraints(codebook))  # the issues and areas it names exist here
    return made
