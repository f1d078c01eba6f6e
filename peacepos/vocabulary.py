"""The vocabulary layer: codebooks, the vocabulary of a peace process, as data.

A codebook declares a peace process's **issues** (the questions a settlement answers, each with
an ordered set of outcomes or a range of whole numbers), its **areas** (territorial units, which
may have parts; per-area issues come from templates), its **condition kinds** (declarations:
this kind narrows these issues to these outcomes), its **actors** and the **implications**
between issues. A codebook may include others (``core`` holds the issues that recur across
peace processes), so that one concept has one key everywhere.

Codebooks are immutable values; nothing is registered anywhere. Positions carry theirs.

>>> hostilities = Issue(key="hostilities", title="Hostilities",
...                     outcomes=("continue", "ceasefire", "end-of-war"))
>>> cb = Codebook(name="example", title="An example", issues=(hostilities,))
>>> cb["hostilities"].outcomes
('continue', 'ceasefire', 'end-of-war')
>>> cb.sort_keys(["zzz", "hostilities"])
['hostilities', 'zzz']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs
from attrs import field, frozen

from peacepos._record import Record
from peacepos._render import Renderable
from peacepos._text import MAX_TEXT_CHARS, is_blank, unsafe_character
from peacepos.errors import CodebookError, UnknownIssueError

__all__ = [
    "Actor",
    "AnyIssue",
    "Area",
    "Codebook",
    "Implication",
    "Issue",
    "IssueTemplate",
    "KindSpec",
    "NumericIssue",
    "Rule",
    "check_key",
]

_WORDS = r"[a-z0-9]+(?:[-_][a-z0-9]+)*"
# Patterns, compiled on first use (re caches them): compiling costs ``import peacepos`` time.
_KEY = rf"^{_WORDS}(?:/{_WORDS})*$"
_NAME = rf"^{_WORDS}$"
_TEMPLATE_PART = r"\{([a-z_][a-z0-9_]*)\}"
MAX_OUTCOMES = 62


def check_key(value: object, what: str = "key") -> str:
    """A key: lower-case words joined by ``-`` (or ``_``), grouped by ``/``."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be text (got {value!r})")
    if not re.match(_KEY, value) or len(value) > 200:
        raise ValueError(
            f"{what} must be lower-case words joined by '-' and grouped by '/' (got {value!r})"
        )
    return value


def _key(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    check_key(value, attribute.name)


def _name(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not re.match(_NAME, value) or len(value) > 100:
        raise ValueError(
            f"{attribute.name} must be lower-case words joined by '-' (got {value!r})"
        )


def _text(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be text (got {value!r})")
    if len(value) > MAX_TEXT_CHARS:
        raise ValueError(
            f"{attribute.name} is longer than {MAX_TEXT_CHARS:,} characters (got {len(value):,})"
        )
    bad = unsafe_character(value)
    if bad is not None:
        raise ValueError(f"{attribute.name} contains {bad[1]} at character {bad[0]}")


def _title(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    _text(instance, attribute, value)
    if is_blank(value):
        raise ValueError(f"{attribute.name} must not be empty")


def _names(value: Iterable[str], what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError(f"{what} must be a list of names, not one string (got {value!r})")
    return tuple(value)


def _outcome_names(value: Iterable[str]) -> tuple[str, ...]:
    return _names(value, "outcomes")


def _check_outcomes(
    _: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    if not value:
        raise ValueError("an issue needs at least one outcome")
    if len(set(value)) != len(value):
        raise ValueError(f"outcomes must be distinct (got {value!r})")
    if len(value) > MAX_OUTCOMES:
        raise ValueError(f"an issue may have at most {MAX_OUTCOMES} outcomes (got {len(value)})")
    for outcome in value:
        if not isinstance(outcome, str) or not re.match(_NAME, outcome):
            raise ValueError(f"outcome must be lower-case words joined by '-' (got {outcome!r})")


def _pairs(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    out = []
    for k, v in items:
        if not isinstance(k, str) or not isinstance(v, str):
            raise TypeError(f"expected names and text (got {k!r}: {v!r})")
        out.append((k, v))
    return tuple(sorted(out))


def _groups(
    value: Mapping[str, Iterable[str]] | Iterable[tuple[str, Iterable[str]]],
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(k), _names(v, f"group {k!r}")) for k, v in items))


def _check_pairs(
    instance: object, attribute: attrs.Attribute[Any], value: tuple[tuple[str, str], ...]
) -> None:
    for _, text in value:
        _text(instance, attribute, text)


def _words(text: str) -> str:
    return text.replace("-", " ")


@frozen(kw_only=True, repr=False, eq=False)
class Issue(Record):
    """An issue with a finite, ordered set of outcomes.

    ``labels`` give an outcome's words in tables (default: its name with spaces); ``notes``
    describe outcomes for readers. ``sequence`` marks issues about *when* a party wants
    something (talks or a ceasefire with or without preconditions) rather than *what*.
    """

    key: str = field(validator=_key)
    title: str = field(validator=_title)
    outcomes: tuple[str, ...] = field(converter=_outcome_names, validator=_check_outcomes)
    description: str = field(default="", validator=_text)
    sequence: bool = False
    labels: tuple[tuple[str, str], ...] = field(
        default=(), converter=_pairs, validator=_check_pairs
    )
    notes: tuple[tuple[str, str], ...] = field(
        default=(), converter=_pairs, validator=_check_pairs
    )
    groups: tuple[tuple[str, tuple[str, ...]], ...] = field(default=(), converter=_groups)
    """Names for sets of outcomes tables show as one ("outside NATO, in any form")."""
    _index: dict[str, int] = field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_index", {o: i for i, o in enumerate(self.outcomes)})
        for outcome, _ in (*self.labels, *self.notes):
            self.index(outcome)  # a label for an unknown outcome is a typo
        for name, members in self.groups:
            if is_blank(name) or len(name) > 200 or unsafe_character(name):
                raise ValueError(f"a group of {self.key!r} needs a visible name (got {name!r})")
            if len(members) < 2:
                raise ValueError(f"group {name!r} of {self.key!r} needs two outcomes or more")
            for outcome in members:
                self.index(outcome)

    def group(self, outcomes: Iterable[str]) -> str | None:
        """The name the codebook gives exactly this set of outcomes, if any."""
        wanted = set(outcomes)
        for name, members in self.groups:
            if set(members) == wanted:
                return name
        return None

    @property
    def numeric(self) -> bool:
        return False

    def index(self, outcome: str) -> int:
        """Position of ``outcome`` in the ordered outcomes; a clear error for unknown ones."""
        try:
            return self._index[outcome]
        except (KeyError, TypeError):
            raise UnknownIssueError(
                f"{outcome!r} is not an outcome of {self.key!r}; expected one of "
                + ", ".join(self.outcomes)
            ) from None

    def label(self, outcome: str) -> str:
        """The outcome as words for tables: its label if given, else ``'full ceasefire'``."""
        self.index(outcome)
        return dict(self.labels).get(outcome) or _words(outcome)

    def note(self, outcome: str) -> str:
        """The outcome's description, if the codebook gives one."""
        self.index(outcome)
        return dict(self.notes).get(outcome, "")


def _check_bounds(instance: NumericIssue, _: object, value: int | None) -> None:
    if value is not None and value < instance.minimum:
        raise ValueError(f"maximum must be ≥ minimum (got {value} < {instance.minimum})")


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError(f"expected a list of names, not one string (got {value!r})")
    items = tuple(value)
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"expected names (got {item!r})")
    return items


def _whole(_: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{attribute.name} must be a whole number (got {value!r})")
    if not -(10**15) <= value <= 10**15:
        raise ValueError(f"{attribute.name} must be within ±10^15 (got {value})")


FINITE_MAX = 10**15
"""The largest number a numeric issue holds."""
UNLIMITED = FINITE_MAX + 1
"""How constraints store the "no limit" outcome of an issue that has one (``unlimited``)."""


@frozen(kw_only=True, repr=False, eq=False)
class NumericIssue(Record):
    """An issue whose outcomes are whole numbers from ``minimum`` to ``maximum`` (None: no end).

    ``unlimited`` names one more outcome beyond every number, such as ``"no cap"``: a party
    that rejects any cap accepts only it, and ``at_least`` without ``at_most`` includes it.
    """

    key: str = field(validator=_key)
    title: str = field(validator=_title)
    unit: str = field(validator=_text)
    minimum: int = field(default=0, validator=_whole)
    maximum: int | None = field(default=None, validator=[_whole, _check_bounds])
    description: str = field(default="", validator=_text)
    sequence: bool = False
    unlimited: str = field(default="", validator=_text)

    @property
    def numeric(self) -> bool:
        return True

    def format(self, value: int) -> str:
        """``85000`` → ``'85,000'``; the no-limit outcome as its label."""
        if value == UNLIMITED and self.unlimited:
            return self.unlimited
        return f"{value:,}"

    def domain(self) -> tuple[tuple[int, int | None], ...]:
        """The outcomes as closed intervals (None: no upper end)."""
        if not self.unlimited:
            return ((self.minimum, self.maximum),)
        top = FINITE_MAX if self.maximum is None else self.maximum
        return ((self.minimum, top), (UNLIMITED, UNLIMITED))


AnyIssue = Issue | NumericIssue


def _check_template(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if "{area}" not in value:
        raise ValueError(
            f"an area issue's {attribute.name} must contain '{{area}}' (got {value!r})"
        )
    check_key(value.replace("{area}", "x"), attribute.name)


@frozen(kw_only=True, repr=False, eq=False)
class IssueTemplate(Record):
    """An issue every area gets: ``{area}`` in the key stands for the area's key, ``{title}``
    in the title and description for its title.

    >>> t = IssueTemplate(key="territory/{area}", title="Territory: {title}",
    ...                   outcomes=("kept", "ceded"))
    >>> t.expand(Area(key="north", title="The north")).title
    'Territory: The north'
    """

    key: str = field(validator=_check_template)
    title: str = field(validator=_title)
    outcomes: tuple[str, ...] = field(converter=_outcome_names, validator=_check_outcomes)
    description: str = field(default="", validator=_text)
    labels: tuple[tuple[str, str], ...] = field(
        default=(), converter=_pairs, validator=_check_pairs
    )
    notes: tuple[tuple[str, str], ...] = field(
        default=(), converter=_pairs, validator=_check_pairs
    )
    groups: tuple[tuple[str, tuple[str, ...]], ...] = field(default=(), converter=_groups)

    def expand(self, area: Area) -> Issue:
        return Issue(
            key=self.key.replace("{area}", area.key),
            title=self.title.replace("{title}", area.title),
            outcomes=self.outcomes,
            description=self.description.replace("{title}", area.title),
            labels=self.labels,
            notes=self.notes,
            groups=self.groups,
        )


def _areas(value: Iterable[Area]) -> tuple[Area, ...]:
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, Area):
            raise TypeError(f"parts[{i}] must be an Area (got {type(item).__name__})")
    return items


@frozen(kw_only=True, repr=False, eq=False)
class Area(Record):
    """A territorial unit. An area with ``parts`` stands for all of them: a condition naming
    it applies to each part, and only parts without parts of their own get issues.
    ``held_by`` (an actor's key) says who holds the area now, where a kind needs to know."""

    key: str = field(validator=_key)
    title: str = field(validator=_title)
    description: str = field(default="", validator=_text)
    held_by: str = field(default="", validator=_text)
    parts: tuple[Area, ...] = field(default=(), converter=_areas)

    def walk(self) -> Iterator[Area]:
        """This area and every part, depth first."""
        yield self
        for part in self.parts:
            yield from part.walk()

    def leaves(self) -> Iterator[Area]:
        """The parts without parts of their own (the area itself if it has none)."""
        if not self.parts:
            yield self
        for part in self.parts:
            yield from part.leaves()


@frozen(kw_only=True, repr=False, eq=False)
class Actor(Record):
    """A party or other actor a codebook's kinds can name (``side = "russia"``)."""

    key: str = field(validator=_name)
    name: str = field(validator=_title)


Narrows = tuple[tuple[str, tuple[str, ...]], ...]


def _narrows(value: Mapping[str, Iterable[str]] | Iterable[tuple[str, Iterable[str]]]) -> Narrows:
    items = value.items() if isinstance(value, Mapping) else value
    out = []
    for key, outcomes in items:
        if not isinstance(key, str):
            raise TypeError(f"issue keys must be text (got {key!r})")
        out.append((key, _names(outcomes, f"outcomes of {key!r}")))
    return tuple(out)


def _choices(
    value: Mapping[str, Mapping[str, Any]] | Iterable[tuple[str, Iterable[tuple[str, Any]]]],
) -> tuple[tuple[str, tuple[tuple[str, Narrows], ...]], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    out = []
    for param, values in items:
        pairs = values.items() if isinstance(values, Mapping) else values
        out.append((param, tuple((str(v), _narrows(n)) for v, n in pairs)))
    return tuple(out)


def _defaults(value: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> tuple[tuple[str, str], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((k, _choice_name(v)) for k, v in items))


def _choice_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if not isinstance(value, str):
        raise TypeError(f"a choice's value must be a name (got {value!r})")
    return value


FLAG_VALUES = frozenset({"true", "false"})
RESERVED_KINDS = frozenset(
    {
        "ceasefire",
        "direct-dialogue",
        "arms-delivery-halt",
        "neutral-status",
        "territorial-recognition",
        "outcomes",
        "range",
    }
)
"""The names of the typed kinds every codebook has (:mod:`peacepos.kinds`)."""
RESERVED_PARAMS = frozenset(
    {"kind", "evidence", "stage", "only_if", "actors", "at_least", "at_most", "args"}
)


@frozen(kw_only=True, repr=False, eq=False)
class KindSpec(Record):
    """A declared condition kind: what a condition of this kind narrows, and its parameters.

    - ``narrows``: issue key → the outcomes it keeps, whatever the parameters;
    - ``choices``: a parameter with named values, each with its own narrows (values ``true``
      and ``false`` make a flag, written as a boolean in files);
    - ``areas``: the name of a list parameter of area keys (``"regions"``); ``{area}`` in a
      narrowed key stands for each area named (its parts, for an area with parts), and
      ``{held_by}`` in an outcome for who holds it;
    - ``bounds``: a numeric issue the kind takes a range of (``at_least``, ``at_most``).

    Keys may also contain ``{param}`` for a choice parameter's value.

    >>> spec = KindSpec(name="release", narrows={"prisoners": ["all-for-all", "partial"]},
    ...                 choices={"all_for_all": {"true": {"prisoners": ["all-for-all"]},
    ...                                          "false": {}}},
    ...                 defaults={"all_for_all": False})
    >>> spec.params, spec.flag("all_for_all")
    (('all_for_all',), True)
    """

    name: str = field(validator=_name)
    title: str = field(default="", validator=_text)
    description: str = field(default="", validator=_text)
    narrows: Narrows = field(default=(), converter=_narrows)
    choices: tuple[tuple[str, tuple[tuple[str, Narrows], ...]], ...] = field(
        default=(), converter=_choices
    )
    defaults: tuple[tuple[str, str], ...] = field(default=(), converter=_defaults)
    areas: str = ""
    bounds: str = ""
    order: tuple[str, ...] = field(default=(), converter=_strings)

    def __attrs_post_init__(self) -> None:
        names = [p for p, _ in self.choices]
        if self.areas:
            names.append(self.areas)
        for name in names:
            if not re.fullmatch(r"[a-z][a-z0-9_]*", name) or name in RESERVED_PARAMS:
                raise ValueError(f"{name!r} cannot name a parameter of kind {self.name!r}")
        if len(set(names)) != len(names):
            raise ValueError(f"kind {self.name!r} names a parameter twice")
        for param, value in self.defaults:
            if param not in dict(self.choices):
                raise ValueError(f"kind {self.name!r} has a default for unknown {param!r}")
            if value not in self.values(param):
                raise ValueError(
                    f"default {value!r} of {param!r} is not one of "
                    + ", ".join(self.values(param))
                )
        for param, values in self.choices:
            if not values:
                raise ValueError(f"choice {param!r} of kind {self.name!r} has no values")
        declared = {*names, *(("at_least", "at_most") if self.bounds else ())}
        if set(self.order) - declared or len(set(self.order)) != len(self.order):
            raise ValueError(f"order of kind {self.name!r} must list its parameters once")

    @property
    def params(self) -> tuple[str, ...]:
        """The parameter names, in the order tables show them."""
        names = [p for p, _ in self.choices]
        if self.areas:
            names.append(self.areas)
        if self.bounds:
            names += ["at_least", "at_most"]
        if self.order:
            names = [*self.order, *(n for n in names if n not in self.order)]
        return tuple(names)

    def values(self, param: str) -> tuple[str, ...]:
        """The allowed values of a choice parameter."""
        return tuple(v for v, _ in dict(self.choices)[param])

    def flag(self, param: str) -> bool:
        """Whether a choice parameter is a flag (``true`` / ``false``)."""
        return set(self.values(param)) == FLAG_VALUES

    def default(self, param: str) -> str | None:
        return dict(self.defaults).get(param)

    def narrows_for(self, param: str, value: str) -> Narrows:
        return dict(dict(self.choices)[param])[value]


def _rule_outcomes(value: Iterable[str]) -> tuple[str, ...]:
    return _names(value, "outcomes")


@frozen(kw_only=True, repr=False, eq=False)
class Rule(Record):
    """One side of an implication: outcomes of a finite issue, or a range of a numeric one
    (``unlimited=True``: its no-limit outcome)."""

    issue: str = field(validator=_key)
    outcomes: tuple[str, ...] = field(default=(), converter=_rule_outcomes)
    at_least: int | None = field(default=None, validator=_whole)
    at_most: int | None = field(default=None, validator=_whole)
    unlimited: bool = False

    def describe(self, codebook: Codebook) -> str:
        issue = codebook[self.issue]
        if isinstance(issue, Issue):
            return f"{issue.title}: " + " or ".join(issue.label(o) for o in self.outcomes)
        if self.unlimited:
            return f"{issue.title}: {issue.unlimited or 'no limit'}"
        parts = []
        if self.at_least is not None:
            parts.append(f"≥ {issue.format(self.at_least)}")
        if self.at_most is not None:
            parts.append(f"≤ {issue.format(self.at_most)}")
        return f"{issue.title}: {' and '.join(parts)} {issue.unit}".rstrip()


@frozen(kw_only=True, repr=False, eq=False)
class Implication(Record):
    """``when`` an issue's outcome is among ``when``'s, the other issue's is among ``then``'s.

    Like any implication it also holds backwards: where ``then`` is ruled out, so is ``when``.
    A position's stances obey all of a codebook's implications together (each group of linked
    issues is closed exactly, as if every combination of their outcomes were tried).

    ``then`` may not name every outcome (that rules nothing out). A ``when`` that names every
    outcome of its issue says "a settlement that settles this issue at all": it applies to a
    position that addresses the issue (and to a deal where some position does), and a position
    that rules ``then`` out may simply not address it.
    """

    when: Rule
    then: Rule
    note: str = field(default="", validator=_text)

    def describe(self, codebook: Codebook) -> str:
        return f"{self.when.describe(codebook)} implies {self.then.describe(codebook)}"


def _tuple_of(cls: type[Any], what: str) -> Any:
    def convert(value: Iterable[Any]) -> tuple[Any, ...]:
        if isinstance(value, str | bytes | Mapping):
            raise TypeError(f"{what} must be a list of {cls.__name__}")
        items = tuple(value)
        for i, item in enumerate(items):
            if not isinstance(item, cls):
                raise TypeError(f"{what}[{i}] must be {cls.__name__} (got {type(item).__name__})")
        return items

    return convert


def _includes(value: Iterable[Any]) -> tuple[Any, ...]:
    if isinstance(value, str | bytes | Mapping):  # (each item is checked once Codebook exists)
        raise TypeError("includes must be a list of Codebook")
    return tuple(value)


def _actors(value: Iterable[Actor]) -> tuple[Actor, ...]:
    return _tuple_of(Actor, "actors")(value)  # type: ignore[no-any-return]


def _area_list(value: Iterable[Area]) -> tuple[Area, ...]:
    return _tuple_of(Area, "areas")(value)  # type: ignore[no-any-return]


def _templates_list(value: Iterable[IssueTemplate]) -> tuple[IssueTemplate, ...]:
    return _tuple_of(IssueTemplate, "area_issues")(value)  # type: ignore[no-any-return]


def _kinds(value: Iterable[KindSpec]) -> tuple[KindSpec, ...]:
    return _tuple_of(KindSpec, "kinds")(value)  # type: ignore[no-any-return]


def _implications(value: Iterable[Implication]) -> tuple[Implication, ...]:
    return _tuple_of(Implication, "implications")(value)  # type: ignore[no-any-return]


def _issues(value: Iterable[AnyIssue]) -> tuple[AnyIssue, ...]:
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, Issue | NumericIssue):
            raise TypeError(f"issues[{i}] must be an Issue or NumericIssue")
    return items


def _kind_classes(value: Iterable[type]) -> tuple[type, ...]:
    items = tuple(value)
    for item in items:
        if not isinstance(item, type) or not getattr(item, "kind", ""):
            raise TypeError(f"{item!r} is not a condition class with a kind")
    return items


@frozen(kw_only=True, cache_hash=True)
class Codebook(Renderable):
    """The vocabulary of one peace process: see the module documentation.

    ``includes`` are other codebooks whose vocabulary this one takes over; an issue of an
    included codebook may be declared again here with a new title, description, labels or notes,
    but never with other outcomes. ``order`` lists issue keys (or area templates such as
    ``territory/{area}``) in the order reports show them; others follow in declaration order.
    ``python_kinds`` are condition classes (plugins) usable in this codebook's positions.
    """

    name: str = field(validator=_name)
    title: str = field(validator=_title)
    description: str = field(default="", validator=_text)
    includes: tuple[Codebook, ...] = field(default=(), converter=_includes)
    actors: tuple[Actor, ...] = field(default=(), converter=_actors)
    issues: tuple[AnyIssue, ...] = field(default=(), converter=_issues)
    areas: tuple[Area, ...] = field(default=(), converter=_area_list)
    area_issues: tuple[IssueTemplate, ...] = field(default=(), converter=_templates_list)
    kinds: tuple[KindSpec, ...] = field(default=(), converter=_kinds)
    implications: tuple[Implication, ...] = field(default=(), converter=_implications)
    order: tuple[str, ...] = field(default=(), converter=_strings)
    python_kinds: tuple[type, ...] = field(default=(), converter=_kind_classes)
    _all: _Flat = field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        for i, inc in enumerate(self.includes):
            if not isinstance(inc, Codebook):
                raise TypeError(f"includes[{i}] must be a Codebook (got {type(inc).__name__})")
        object.__setattr__(self, "_all", _flatten(self))

    def __repr__(self) -> str:
        issues, kinds = len(self._all.issues), len(self._all.kinds)
        return f"<Codebook {self.name}: {issues} issues, {kinds} declared kinds>"

    # -- issues ---------------------------------------------------------------------------
    def __getitem__(self, key: str) -> AnyIssue:
        """The issue for ``key``; an :class:`UnknownIssueError` names near misses."""
        try:
            return self._all.issues[key]
        except (KeyError, TypeError):
            raise UnknownIssueError(self._unknown("issue", key, self._all.issues)) from None

    def __contains__(self, key: object) -> bool:
        return key in self._all.issues

    def __iter__(self) -> Iterator[str]:
        """Issue keys in report order, as :meth:`keys`."""
        return iter(self._all.issues)

    def __len__(self) -> int:
        return len(self._all.issues)

    def issue(self, key: str) -> AnyIssue:
        return self[key]

    def keys(self) -> tuple[str, ...]:
        """Every issue key, in report order."""
        return tuple(self._all.issues)

    def all_issues(self) -> tuple[AnyIssue, ...]:
        """Every issue (own, included and per area), in report order."""
        return tuple(self._all.issues.values())

    def sort_keys(self, keys: Iterable[str]) -> list[str]:
        """Issue keys in report order; keys this codebook does not know go last, by name."""
        rank = self._all.rank
        last = len(rank)
        return sorted(keys, key=lambda k: (rank.get(k, last), k))

    # -- areas, actors, kinds, implications -------------------------------------------------
    def area(self, key: str) -> Area:
        try:
            return self._all.areas[key]
        except (KeyError, TypeError):
            raise UnknownIssueError(self._unknown("area", key, self._all.areas)) from None

    def area_keys(self) -> tuple[str, ...]:
        """Every area, parents before their parts."""
        return tuple(self._all.areas)

    def all_actors(self) -> tuple[Actor, ...]:
        return tuple(self._all.actors.values())

    def actor(self, key: str) -> Actor:
        try:
            return self._all.actors[key]
        except (KeyError, TypeError):
            raise UnknownIssueError(self._unknown("actor", key, self._all.actors)) from None

    def kind(self, name: str) -> KindSpec | type:
        """The declared kind (a :class:`KindSpec`) or the plugin class named ``name``."""
        try:
            return self._all.kinds[name]
        except (KeyError, TypeError):
            raise UnknownIssueError(
                self._unknown("condition kind", name, self._all.kinds)
            ) from None

    def has_kind(self, name: str) -> bool:
        return name in self._all.kinds

    def kind_names(self) -> tuple[str, ...]:
        """The kinds this codebook declares or adds as plugins (built-in typed kinds not
        included: see :func:`peacepos.kinds.names`)."""
        return tuple(self._all.kinds)

    def all_implications(self) -> tuple[Implication, ...]:
        return self._all.implications

    def lineage(self) -> tuple[str, ...]:
        """This codebook's name and those of everything it includes, outermost first."""
        out = [self.name]
        for inc in self.includes:
            out += [n for n in inc.lineage() if n not in out]
        return tuple(out)

    def with_kinds(self, *classes: type) -> Codebook:
        """A copy that also accepts the given condition classes (plugins) in its positions."""
        return attrs.evolve(self, python_kinds=self.python_kinds + classes)

    def _unknown(self, what: str, key: object, known: Mapping[str, Any]) -> str:
        import difflib  # only on this error path

        text = key if isinstance(key, str) else repr(key)
        near = difflib.get_close_matches(text, list(known), n=3)
        hint = f"; did you mean {' or '.join(map(repr, near))}?" if near else ""
        return f"unknown {what} {key!r} in codebook {self.name!r}{hint}"


class _Flat:
    """A codebook with its includes merged: every issue, area, kind and implication. Internal
    to a codebook (never compared, never shown), so a plain class: attrs would compile its
    methods at every import."""

    __slots__ = ("actors", "areas", "implications", "issues", "kinds", "rank")

    def __init__(
        self,
        *,
        issues: dict[str, AnyIssue],
        rank: dict[str, int],
        areas: dict[str, Area],
        actors: dict[str, Actor],
        kinds: dict[str, KindSpec | type],
        implications: tuple[Implication, ...],
    ) -> None:
        self.issues = issues
        self.rank = rank
        self.areas = areas
        self.actors = actors
        self.kinds = kinds
        self.implications = implications


def _flatten(cb: Codebook) -> _Flat:
    issues: dict[str, AnyIssue] = {}
    areas: dict[str, Area] = {}
    actors: dict[str, Actor] = {}
    kinds: dict[str, KindSpec | type] = {}
    templates: dict[str, IssueTemplate] = {}
    implications: list[Implication] = []

    def fail(message: str) -> CodebookError:
        return CodebookError(f"codebook {cb.name!r}: {message}")

    for inc in cb.includes:
        flat = inc._all
        for key, issue in flat.issues.items():
            known = issues.get(key)
            if known is not None and known != issue:
                raise fail(f"issue {key!r} differs between the codebooks it includes")
            issues.setdefault(key, issue)
        tables: tuple[tuple[dict[str, Any], str], ...] = (
            (areas, "area"),
            (actors, "actor"),
            (kinds, "kind"),
        )
        for table, name in tables:
            for key, value in getattr(flat, name + "s").items():
                if key in table and table[key] != value:
                    raise fail(f"{name} {key!r} differs between the codebooks it includes")
                table.setdefault(key, value)
        templates.update({t.key: t for t in _templates(inc)})
        implications += [i for i in flat.implications if i not in implications]

    own_issues: set[str] = set()
    for issue in cb.issues:
        if issue.key in own_issues:
            raise fail(f"issue {issue.key!r} is declared twice")
        own_issues.add(issue.key)
        known = issues.get(issue.key)
        if known is not None and not _same_domain(known, issue):
            raise fail(
                f"issue {issue.key!r} is included from another codebook with other outcomes; "
                "a codebook may give it a new title, description, labels or notes only"
            )
        issues[issue.key] = issue
    own_areas: list[Area] = []
    for area in cb.areas:
        for a in area.walk():
            if a.key in areas:
                raise fail(f"area {a.key!r} is declared twice")
            areas[a.key] = a
            own_areas.append(a)
    for t in cb.area_issues:
        if t.key in templates:
            raise fail(f"area issue {t.key!r} is declared twice")
        templates[t.key] = t
    leaves = [a for a in areas.values() if not a.parts]
    for t in templates.values():
        for a in leaves:
            issue = t.expand(a)
            if issue.key in issues and issues[issue.key] != issue:
                raise fail(f"issue {issue.key!r} is declared twice")
            issues[issue.key] = issue
    for actor in cb.actors:
        if actor.key in actors and actors[actor.key] != actor:
            raise fail(f"actor {actor.key!r} is declared twice")
        actors[actor.key] = actor
    for area in own_areas:
        if area.held_by and area.held_by not in actors:
            declared = ", ".join(actors) or "none declared"
            raise fail(
                f"area {area.key!r} is held by {area.held_by!r}, which is not one of the "
                f"codebook's actors ({declared})"
            )
    own_kinds: set[str] = set()
    specs: list[KindSpec | type] = [*cb.kinds, *cb.python_kinds]
    for spec in specs:
        name = spec.name if isinstance(spec, KindSpec) else spec.kind  # type: ignore[attr-defined]
        if name in RESERVED_KINDS:
            raise fail(f"kind {name!r} is a built-in typed kind; choose another name")
        known_kind = kinds.get(name)
        if isinstance(spec, KindSpec) and not (spec.narrows or spec.choices or spec.bounds):
            if (
                not isinstance(known_kind, KindSpec)
                or name in own_kinds
                or spec.defaults
                or spec.areas
                or spec.order
            ):
                raise fail(
                    f"kind {name!r} narrows no issue: give it narrows, choices or bounds (only "
                    "an included kind may be given a new title or description alone)"
                )
            spec = attrs.evolve(
                known_kind,
                title=spec.title or known_kind.title,
                description=spec.description or known_kind.description,
            )
        refines = (
            isinstance(spec, KindSpec)
            and known_kind is not None
            and spec.name in {k.name for k in cb.kinds}
            and same_meaning(known_kind, spec)
            and name not in own_kinds
        )
        if known_kind is not None and known_kind != spec and not refines:
            raise fail(
                f"kind {name!r} is declared twice (a codebook may give an included kind a "
                "new title or description: name, title and description alone, or the whole "
                "declaration repeated with the same narrows, choices, defaults, areas and "
                "bounds)"
            )
        kinds[name] = spec
        own_kinds.add(name)
    implications += [i for i in cb.implications if i not in implications]

    ordered = _ordered(cb, issues, templates, leaves, fail)
    flat = _Flat(
        issues=ordered,
        rank={k: i for i, k in enumerate(ordered)},
        areas=areas,
        actors=actors,
        kinds=kinds,
        implications=tuple(implications),
    )
    for spec in cb.kinds:
        _check_kind(flat.kinds[spec.name], flat, fail)  # type: ignore[arg-type]
    for i, imp in enumerate(cb.implications):
        for name, side in (("when", imp.when), ("then", imp.then)):
            _check_rule(side, flat, f"implications[{i}].{name}", fail, then=name == "then")
    return flat


def same_meaning(a: KindSpec | type, b: KindSpec) -> bool:
    """Whether two declarations of a kind narrow the same way (titles may differ)."""
    if not isinstance(a, KindSpec):
        return False
    fields = ("narrows", "choices", "defaults", "areas", "bounds")
    return all(getattr(a, f) == getattr(b, f) for f in fields)


def _templates(cb: Codebook) -> list[IssueTemplate]:
    out: list[IssueTemplate] = []
    for inc in cb.includes:
        out += _templates(inc)
    return out + list(cb.area_issues)


def _same_domain(a: AnyIssue, b: AnyIssue) -> bool:
    if isinstance(a, Issue) and isinstance(b, Issue):
        return a.outcomes == b.outcomes and a.sequence == b.sequence
    if isinstance(a, NumericIssue) and isinstance(b, NumericIssue):
        return (a.unit, a.minimum, a.maximum, a.sequence, bool(a.unlimited)) == (
            b.unit,
            b.minimum,
            b.maximum,
            b.sequence,
            bool(b.unlimited),
        )
    return False


def _ordered(
    cb: Codebook,
    issues: dict[str, AnyIssue],
    templates: Mapping[str, IssueTemplate],
    leaves: Sequence[Area],
    fail: Any,
) -> dict[str, AnyIssue]:
    out: dict[str, AnyIssue] = {}
    for entry in cb.order:
        if "{area}" in entry:
            matched = [t for t in templates if t.startswith(entry)]
            if not matched:
                raise fail(f"order names {entry!r}, which no area issue matches")
            for a in leaves:
                for t in matched:
                    key = t.replace("{area}", a.key)
                    out.setdefault(key, issues[key])
        elif entry in issues:
            out.setdefault(entry, issues[entry])
        else:
            raise fail(f"order names unknown issue {entry!r}")
    for key, issue in issues.items():
        out.setdefault(key, issue)
    return out


def expand_key(template: str, values: Mapping[str, str]) -> str:
    """A key template with ``{name}`` placeholders filled in."""

    def fill(m: re.Match[str]) -> str:
        return values[m.group(1)]

    return re.sub(_TEMPLATE_PART, fill, template)


def placeholders(template: str) -> set[str]:
    return set(re.findall(_TEMPLATE_PART, template))


def _check_kind(spec: KindSpec, flat: _Flat, fail: Any) -> None:
    where = f"kind {spec.name!r}"
    choice_params = {p: spec.values(p) for p, _ in spec.choices}
    leaves = [a for a in flat.areas.values() if not a.parts]

    def check(key: str, outcomes: Sequence[str], fixed: Mapping[str, str]) -> None:
        names = placeholders(key)
        if "area" in names and not spec.areas:
            raise fail(f"{where} uses {{area}} in {key!r} but takes no areas")
        unknown = names - {"area"} - set(choice_params)
        if unknown:
            raise fail(f"{where}: {key!r} names unknown parameter {sorted(unknown)[0]!r}")
        # Every combination of the placeholders must name a finite issue with the outcomes.
        combos: list[dict[str, str]] = [dict(fixed)]
        for name in sorted(names - {"area"} - set(fixed)):
            combos = [{**c, name: v} for c in combos for v in choice_params[name]]
        areas_ = leaves if "area" in names else [None]
        if "area" in names and not areas_:
            raise fail(f"{where} takes areas but the codebook has none")
        for combo in combos:
            for area in areas_:
                values = dict(combo)
                if area is not None:
                    values["area"] = area.key
                real = expand_key(key, values)
                issue = flat.issues.get(real)
                if issue is None:
                    raise fail(f"{where} narrows unknown issue {real!r}")
                if not isinstance(issue, Issue):
                    raise fail(f"{where} narrows numeric issue {real!r}: use bounds")
                for outcome in outcomes:
                    if outcome == "{held_by}":
                        if area is None:  # who holds what? only an area issue can say
                            raise fail(
                                f"{where}: '{{held_by}}' in the outcomes of {key!r}, whose key "
                                "has no '{area}': who holds an area needs the area"
                            )
                        if area.held_by and area.held_by not in issue._index:
                            raise fail(
                                f"{where}: area {area.key!r} is held by {area.held_by!r}, "
                                f"which is not an outcome of {real!r}"
                            )
                        continue
                    if outcome not in issue._index:
                        raise fail(
                            f"{where}: {outcome!r} is not an outcome of {real!r}; expected one "
                            "of " + ", ".join(issue.outcomes)
                        )

    for key, outcomes in spec.narrows:
        check(key, outcomes, {})
    for param, values in spec.choices:
        for value, narrows in values:
            for key, outcomes in narrows:
                check(key, outcomes, {param: value})
    if spec.bounds:
        names = placeholders(spec.bounds)
        if names - set(choice_params):
            raise fail(f"{where}: bounds {spec.bounds!r} names an unknown parameter")
        bound_combos: list[dict[str, str]] = [{}]
        for name in sorted(names):
            bound_combos = [{**c, name: v} for c in bound_combos for v in choice_params[name]]
        for combo in bound_combos:
            real = expand_key(spec.bounds, combo)
            if not isinstance(flat.issues.get(real), NumericIssue):
                raise fail(f"{where}: bounds names {real!r}, which is not a numeric issue")
    if not (spec.narrows or spec.choices or spec.bounds):
        raise fail(f"{where} narrows nothing: give narrows, choices or bounds")


def _check_rule(rule: Rule, flat: _Flat, where: str, fail: Any, *, then: bool = False) -> None:
    """A side of an implication names outcomes of its issue: at least one, and for ``then``
    not every one (a rule whose ``then`` allows everything rules nothing out, yet would make a
    position address an issue it never spoke to). A ``when`` that names every outcome is
    allowed: it applies to the positions that address its issue."""
    issue = flat.issues.get(rule.issue)
    if issue is None:
        raise fail(f"{where} names unknown issue {rule.issue!r}")
    if isinstance(issue, Issue):
        if not rule.outcomes or rule.at_least is not None or rule.at_most is not None:
            raise fail(f"{where}: {rule.issue!r} is finite: give outcomes")
        for outcome in rule.outcomes:
            if outcome not in issue._index:
                raise fail(f"{where}: {outcome!r} is not an outcome of {rule.issue!r}")
        if then and set(rule.outcomes) == set(issue.outcomes):
            raise fail(
                f"{where} names every outcome of {rule.issue!r}, so it rules nothing out: "
                "leave the implication out, or name the outcomes it allows"
            )
        return
    if rule.unlimited:
        if not issue.unlimited:
            raise fail(f"{where}: {rule.issue!r} has no unlimited outcome")
        if rule.outcomes or rule.at_least is not None or rule.at_most is not None:
            raise fail(f"{where}: unlimited stands alone")
        return
    if rule.outcomes or (rule.at_least is None and rule.at_most is None):
        raise fail(f"{where}: {rule.issue!r} is numeric: give at_least, at_most or both")
    if rule.at_least is not None and rule.at_most is not None and rule.at_least > rule.at_most:
        raise fail(f"{where}: at_least exceeds at_most")
    # The numbers the rule names, within the issue's (and its no-limit outcome, for a range
    # without an upper end, as for a condition's range).
    low = issue.minimum if rule.at_least is None else max(rule.at_least, issue.minimum)
    top = issue.maximum
    if (top is not None and low > top) or (rule.at_most is not None and rule.at_most < low):
        raise fail(f"{where}: no number of {rule.issue!r} is in the range it names")
    reaches_top = rule.at_most is None or (
        not issue.unlimited and top is not None and rule.at_most >= top
    )
    if then and low <= issue.minimum and reaches_top:
        raise fail(
            f"{where} names every number of {rule.issue!r}, so it rules nothing out: "
            "leave the implication out, or name the numbers it allows"
        )
