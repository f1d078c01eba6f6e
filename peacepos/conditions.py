"""Conditions: what a party states, as typed values with evidence.

A condition is syntax; its :meth:`~Condition.compile` step turns it, against a codebook, into
constraints on one or more issues, and that step *is* its matching rule. Relations between
positions are then set algebra on constraints, never pairwise rules between kinds.

Most kinds are declared in a codebook (:class:`~peacepos.vocabulary.KindSpec`); a condition of a
declared kind is a :class:`Declared`. Kinds with typed fields or matching logic of their own
are Python classes (:mod:`peacepos.kinds`).

>>> from peacepos.vocabulary import Codebook, Issue, KindSpec
>>> cb = Codebook(name="example", title="Example",
...               issues=[Issue(key="prisoners", title="Prisoners",
...                             outcomes=["all-for-all", "partial", "none"])],
...               kinds=[KindSpec(name="prisoner-exchange",
...                               narrows={"prisoners": ["all-for-all", "partial"]})])
>>> c = Declared.of(cb, "prisoner-exchange",
...                 evidence=Evidence(document="doc", locator="point 6"))
>>> c.describe(), [str(x) for x in c.constraints(cb)]
('prisoner exchange', ['all for all or partial'])
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar, TypeVar

import attrs
from attrs import field, frozen

from peacepos._record import Record
from peacepos._text import MAX_TEXT_CHARS, is_blank, unsafe_character
from peacepos.constraints import Constraint
from peacepos.errors import UnknownIssueError
from peacepos.vocabulary import (
    Codebook,
    Issue,
    KindSpec,
    Narrows,
    NumericIssue,
    expand_key,
    same_meaning,
)

__all__ = [
    "MAX_QUOTE_CHARS",
    "MAX_QUOTE_WORDS",
    "Basis",
    "Condition",
    "Declared",
    "Evidence",
    "Stage",
    "condition_sort_key",
    "enum_converter",
    "natural_key",
    "text_field",
]

MAX_QUOTE_WORDS = 12
"""Quotes are evidence, not reproduction: at most this many words."""
MAX_QUOTE_CHARS = 200
"""... and at most this many characters."""
MAX_NUMBER = 10**12
"""The largest number a condition may state (caps, ranges)."""

E = TypeVar("E", bound=enum.Enum)


def enum_converter(cls: type[E], name: str) -> Callable[[Any], E]:
    """A converter that takes a member of ``cls`` or its documented string, and refuses
    anything else with an error naming the field and the allowed values."""
    by_value = {m.value: m for m in cls}

    def convert(value: Any) -> E:
        if isinstance(value, cls):
            return value
        if isinstance(value, str) and value in by_value:
            return by_value[value]
        allowed = ", ".join(repr(v) for v in by_value)
        if isinstance(value, str):
            raise ValueError(f"{name} must be one of {allowed} (got {value!r})")
        raise TypeError(f"{name} must be a {cls.__name__} or one of {allowed} (got {value!r})")

    convert.__name__ = f"to_{cls.__name__}"
    return convert


def _check_text(name: str, value: object, *, blank: bool) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be text (got {type(value).__name__})")
    if len(value) > MAX_TEXT_CHARS:
        raise ValueError(
            f"{name} is longer than {MAX_TEXT_CHARS:,} characters (got {len(value):,})"
        )
    bad = unsafe_character(value)
    if bad is not None:
        raise ValueError(f"{name} contains {bad[1]} at character {bad[0]}")
    if not blank and is_blank(value):
        raise ValueError(f"{name} must not be empty")


def text_field(*, blank: bool = True, default: str | None = "") -> Any:
    """An attrs field for text: a string, at most :data:`MAX_TEXT_CHARS` characters, no unsafe
    characters; ``blank=False`` also refuses text with nothing visible in it."""

    def check(_: object, attribute: attrs.Attribute[str], value: str) -> None:
        _check_text(attribute.name, value, blank=blank)

    if default is None:
        return field(validator=check)
    return field(default=default, validator=check)


class Basis(enum.Enum):
    """Whether the text says it (EXPLICIT) or a reader infers it (IMPLIED)."""

    EXPLICIT = "explicit"
    IMPLIED = "implied"


class Stage(enum.Enum):
    """When a party wants a condition met."""

    SETTLEMENT = "settlement"
    PRECONDITION_FOR_TALKS = "precondition-for-talks"
    PRECONDITION_FOR_CEASEFIRE = "precondition-for-ceasefire"


def _basis(value: Any) -> Basis:
    return enum_converter(Basis, "basis")(value)


def _stage(value: Any) -> Stage:
    return enum_converter(Stage, "stage")(value)


_SEQUENCE_BY_STAGE = {
    Stage.PRECONDITION_FOR_TALKS: "sequence/talks",
    Stage.PRECONDITION_FOR_CEASEFIRE: "sequence/ceasefire",
}


def _check_quote(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    _check_text(attribute.name, value, blank=True)
    words = len(value.split())
    if words > MAX_QUOTE_WORDS:
        raise ValueError(
            f"quote must be at most {MAX_QUOTE_WORDS} words (got {words}): {value[:60]!r}"
        )
    if len(value) > MAX_QUOTE_CHARS:
        raise ValueError(f"quote must be at most {MAX_QUOTE_CHARS} characters (got {len(value)})")


def _readers(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError(f"readers must be a list of names, not one string (got {value!r})")
    items = tuple(value)
    for i, name in enumerate(items):
        _check_text(f"readers[{i}]", name, blank=False)
        if len(name) > 100:
            raise ValueError(f"readers[{i}] is longer than 100 characters")
    if len(set(items)) != len(items):
        raise ValueError(f"readers must be distinct (got {list(items)!r})")
    return tuple(sorted(items))


@frozen(kw_only=True, repr=False, eq=False)
class Evidence(Record):
    """Where a condition comes from.

    ``document`` is the document's id, ``locator`` the place in it ("point 3"), ``quote`` a
    short quote in the document's own words (at most :data:`MAX_QUOTE_WORDS` words), ``basis``
    EXPLICIT or IMPLIED. IMPLIED evidence names its ``readers`` (who reads the text so) and a
    one-line ``rationale``. ``source`` says where the text was seen; ``note`` explains an
    encoding choice to a reader of reports.
    """

    document: str = text_field(blank=False, default=None)
    locator: str = text_field(blank=False, default=None)
    quote: str = field(default="", validator=_check_quote)
    basis: Basis = field(default=Basis.EXPLICIT, converter=_basis)
    readers: tuple[str, ...] = field(default=(), converter=_readers)
    rationale: str = text_field()
    source: str = text_field()
    note: str = text_field()

    def __attrs_post_init__(self) -> None:
        if self.basis is Basis.IMPLIED and is_blank(self.rationale):
            raise ValueError("IMPLIED evidence needs a rationale: why a reader reads it so")
        if self.basis is Basis.IMPLIED and not self.readers:
            raise ValueError(
                "IMPLIED evidence names its readers: who reads the text so (e.g. 'US "
                "officials'; 'the analyst' where no reader is cited)"
            )
        if self.basis is Basis.EXPLICIT and self.readers:
            raise ValueError("EXPLICIT evidence has no readers: the text itself says it")


def _evidence_key(evidence: Evidence) -> tuple[Basis, tuple[str, ...]]:
    # Of the evidence, the basis and the readers take part in equality: they decide the
    # readings a condition counts in. Where a text says it (document, locator, quote) does not.
    return (evidence.basis, evidence.readers)


def _check_evidence(_: object, attribute: attrs.Attribute[Evidence], value: Evidence) -> None:
    if not isinstance(value, Evidence):
        raise TypeError(f"evidence must be an Evidence (got {type(value).__name__})")


def _requirements(value: Iterable[Condition]) -> tuple[Condition, ...]:
    if isinstance(value, Condition):
        raise TypeError("only_if must be a list of conditions, not one condition")
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, Condition):
            raise TypeError(f"only_if[{i}] must be a Condition (got {type(item).__name__})")
        if item.only_if:
            raise ValueError(f"only_if[{i}] has requirements of its own: a requirement is plain")
    return tuple(sorted(items, key=condition_sort_key))


def _attributed(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError(f"actors must be a list of names, not one string (got {value!r})")
    items = tuple(value)
    for i, name in enumerate(items):
        _check_text(f"actors[{i}]", name, blank=False)
    if len(set(items)) != len(items):
        raise ValueError(f"actors must be distinct (got {list(items)!r})")
    return tuple(sorted(items))


@frozen(kw_only=True, repr=False, eq=False)
class Condition(Record):
    """Base of every condition: evidence (only its basis and readers count for ==), a stage,
    the requirements of a conditional term (``only_if``), and, in a joint document whose
    co-authors disagree, the co-authors it belongs to (``actors``).

    Subclasses add domain fields and implement :meth:`compile`.
    """

    kind: ClassVar[str] = ""
    title: ClassVar[str] = ""
    """How tables name the kind; the kind's words if empty (``"arms delivery halt"``)."""
    evidence: Evidence = field(eq=_evidence_key, validator=_check_evidence)
    stage: Stage = field(default=Stage.SETTLEMENT, converter=_stage)
    only_if: tuple[Condition, ...] = field(default=(), converter=_requirements)
    """A conditional term: the party accepts this only in a deal that meets these."""
    actors: tuple[str, ...] = field(default=(), converter=_attributed)
    """In a joint document: the co-authors this condition belongs to (empty: all of them)."""

    def compile(self, codebook: Codebook) -> Iterable[Constraint]:
        """The constraints this condition puts on issues of ``codebook``: its matching rule."""
        raise NotImplementedError(f"{type(self).__name__} must implement compile()")

    @classmethod
    def usable(cls, codebook: Codebook) -> bool:
        """Whether ``codebook`` has the issues and outcomes this kind narrows (a kind that
        narrows issues of its own choosing may only tell when compiled: True)."""
        return True

    def constraints(self, codebook: Codebook) -> tuple[Constraint, ...]:
        """:meth:`compile` plus what the stage says about sequencing."""
        out = list(self.compile(codebook))
        sequence = _SEQUENCE_BY_STAGE.get(self.stage)
        if sequence is not None:
            out.append(Constraint.of(issue(codebook, sequence), "after-preconditions"))
        return tuple(out)

    @property
    def basis(self) -> Basis:
        return self.evidence.basis

    @property
    def name(self) -> str:
        """The kind's name for tables."""
        return self.title or self.kind.replace("-", " ")

    def params(self) -> tuple[tuple[str, Any], ...]:
        """The domain parameters and their values, in the order tables show them."""
        return tuple(
            (a.name, getattr(self, a.name))
            for a in attrs.fields(type(self))
            if a.name not in _BASE_FIELDS and a.init
        )

    def defaults(self) -> dict[str, Any]:
        """Parameters whose value is the default (tables leave them out)."""
        return {
            a.name: a.default
            for a in attrs.fields(type(self))
            if a.name not in _BASE_FIELDS and a.default is not attrs.NOTHING
        }

    def describe(self) -> str:
        """One line for tables: the kind's title and its parameters that differ from defaults.

        >>> from peacepos.kinds import TerritorialRecognition
        >>> ev = Evidence(document="d", locator="point 4")
        >>> c = TerritorialRecognition(regions=["kherson", "crimea"], de_facto=True, evidence=ev)
        >>> c.describe()
        'territorial recognition (regions: crimea, kherson; de facto)'
        """
        parts = []
        defaults = self.defaults()
        for name, value in self.params():
            if name in defaults and value == defaults[name]:
                continue
            words = name.rstrip("_").replace("_", " ")
            if isinstance(value, bool):
                parts.append(words if value else f"not {words}")
            else:
                parts.append(f"{words}: {_plain(value)}")
        text = self.name
        if parts:
            text += f" ({'; '.join(parts)})"
        if self.stage is not Stage.SETTLEMENT:
            text += f" [{self.stage.value.replace('-', ' ')}]"
        if self.only_if:
            text += " — only if " + " and ".join(r.describe() for r in self.only_if)
        if self.actors:
            text += f" (by {' & '.join(self.actors)})"
        return text

    @property
    def conditional(self) -> bool:
        """Whether this is a conditional term (it holds only if its requirements are met)."""
        return bool(self.only_if)


_BASE_FIELDS = frozenset(a.name for a in attrs.fields(Condition))


def _plain(value: Any) -> str:
    if isinstance(value, enum.Enum):
        return str(value.value).replace("-", " ")
    if isinstance(value, frozenset | tuple):
        return ", ".join(sorted(str(v) for v in value))  # keys (areas) as they are written
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value).replace("-", " ") if isinstance(value, str) else str(value)


def issue(codebook: Codebook, key: str) -> Any:
    """``codebook[key]``, with an error that says which codebook lacks it."""
    return codebook[key]


# -- conditions of declared kinds ---------------------------------------------------------

Arg = str | bool | int | frozenset[str]


def _args(value: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> tuple[tuple[str, Arg], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    out: dict[str, Arg] = {}
    for name, v in items:
        if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            raise ValueError(f"parameter names are lower-case words joined by '_' (got {name!r})")
        if v is None:
            continue
        if isinstance(v, frozenset | set | list | tuple):
            names = frozenset(v)
            if len(names) != len(v):  # a list that names something twice: a slip, refused
                listed = list(v)
                dupe = next(x for i, x in enumerate(listed) if x in listed[:i])
                raise ValueError(f"{name}: {dupe!r} is named twice")
            for item in names:
                if not isinstance(item, str):
                    raise TypeError(f"{name} must be a list of names (got {item!r})")
            out[name] = names
        elif isinstance(v, str | bool | int):
            out[name] = v
        else:
            raise TypeError(
                f"{name} must be a name, a flag, a number or a list of names (got {v!r})"
            )
    return tuple(sorted(out.items()))


def _check_spec(_: object, attribute: attrs.Attribute[KindSpec], value: KindSpec) -> None:
    if not isinstance(value, KindSpec):
        raise TypeError(f"spec must be a KindSpec (got {type(value).__name__})")


@frozen(kw_only=True, repr=False, eq=False)
class Declared(Condition):
    """A condition of a kind declared in a codebook.

    ``args`` holds the kind's parameters: a choice's value (a name, or True/False for a flag),
    the list of areas, ``at_least``/``at_most`` for a range. Build one with :meth:`of`, which
    checks them against the codebook.
    """

    spec: KindSpec = field(validator=_check_spec)
    args: tuple[tuple[str, Arg], ...] = field(default=(), converter=_args)

    def __attrs_post_init__(self) -> None:
        _check_args(self.spec, dict(self.args))
        # A value equal to the default is the same condition as leaving it out.
        defaults = self.defaults()
        kept = tuple((k, v) for k, v in self.args if k not in defaults or defaults[k] != v)
        if kept != self.args:
            object.__setattr__(self, "args", kept)

    @classmethod
    def of(cls, codebook: Codebook, kind: str, /, *, evidence: Evidence, **args: Any) -> Declared:
        """A condition of the kind ``kind`` of ``codebook``, with its parameters checked."""
        spec = codebook.kind(kind)
        if not isinstance(spec, KindSpec):
            raise TypeError(f"{kind!r} is a Python kind: build it from its class ({spec!r})")
        stage = args.pop("stage", Stage.SETTLEMENT)
        made = cls(spec=spec, args=args, evidence=evidence, stage=stage)
        tuple(made.compile(codebook))  # areas and issues exist in this codebook
        return made

    @property
    def kind(self) -> str:  # type: ignore[override]
        return self.spec.name

    @property
    def title(self) -> str:  # type: ignore[override]
        return self.spec.title

    def get(self, param: str, default: Any = None) -> Any:
        """A parameter's value (its default where not given)."""
        found = dict(self.args).get(param)
        if found is not None:
            return found
        value = self.spec.default(param) if param in dict(self.spec.choices) else None
        if value is not None and self.spec.flag(param):
            return value == "true"
        return default if value is None else value

    def params(self) -> tuple[tuple[str, Any], ...]:
        given = dict(self.args)
        out = []
        for name in self.spec.params:
            if name in given:
                out.append((name, given[name]))
            elif name in dict(self.spec.choices) and self.spec.default(name) is not None:
                out.append((name, self.get(name)))
        return tuple(out)

    def defaults(self) -> dict[str, Any]:
        return {p: (v == "true" if self.spec.flag(p) else v) for p, v in self.spec.defaults}

    def compile(self, codebook: Codebook) -> Iterable[Constraint]:
        spec = self.spec
        if not codebook.has_kind(spec.name):
            raise UnknownIssueError(f"codebook {codebook.name!r} has no kind {spec.name!r}")
        known = codebook.kind(spec.name)
        if known != spec and not (isinstance(known, KindSpec) and same_meaning(known, spec)):
            raise UnknownIssueError(
                f"kind {spec.name!r} means something else in codebook {codebook.name!r}"
            )
        args = dict(self.args)
        chosen: dict[str, str] = {}
        narrows: list[Narrows] = [spec.narrows]
        for param, _ in spec.choices:
            value = self.get(param)
            name = ("true" if value else "false") if isinstance(value, bool) else value
            chosen[param] = name
            narrows.append(spec.narrows_for(param, name))
        leaves = []
        if spec.areas:
            for key in sorted(args[spec.areas]):  # type: ignore[arg-type]
                leaves += list(codebook.area(key).leaves())
            leaves = list({a.key: a for a in leaves}.values())
        merged: dict[str, Any] = {}
        for table in narrows:
            for template, outcomes in table:
                targets = leaves if "{area}" in template else [None]
                for area in targets:
                    values = dict(chosen)
                    if area is not None:
                        values["area"] = area.key
                    found = codebook[expand_key(template, values)]
                    assert isinstance(found, Issue)
                    names = [
                        (area.held_by if o == "{held_by}" and area is not None else o)
                        for o in outcomes
                    ]
                    names = [n for n in names if n]
                    c = Constraint.of(found, *names)
                    merged[found.key] = merged[found.key] & c if found.key in merged else c
        if spec.bounds:
            key = expand_key(spec.bounds, chosen)
            numeric = codebook[key]
            assert isinstance(numeric, NumericIssue)
            low, high = args.get("at_least"), args.get("at_most")
            assert not isinstance(low, str | frozenset)
            assert not isinstance(high, str | frozenset)
            span = Constraint.between(numeric, low, high)
            merged[key] = merged[key] & span if key in merged else span
        return tuple(merged.values())


class ParamError(ValueError):
    """A parameter of a declared kind that is wrong: ``param`` names it (None: several)."""

    def __init__(self, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.param = param


class ParamTypeError(TypeError):
    """A parameter of a declared kind given a value of the wrong type: ``param`` names it."""

    def __init__(self, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.param = param


def _check_args(spec: KindSpec, args: Mapping[str, Arg]) -> None:
    allowed = set(spec.params)
    for name in args:
        if name not in allowed:
            expected = ", ".join(spec.params) or "none"
            raise ParamError(
                f"kind {spec.name!r} has no parameter {name!r}; its parameters: {expected}", name
            )
    for param, _ in spec.choices:
        values = spec.values(param)
        value = args.get(param)
        if value is None:
            if spec.default(param) is None:
                raise ParamError(
                    f"kind {spec.name!r} needs {param!r}: one of " + ", ".join(values), param
                )
            continue
        if spec.flag(param):
            if not isinstance(value, bool):
                raise ParamTypeError(f"{param} must be true or false (got {value!r})", param)
        elif not isinstance(value, str) or isinstance(value, bool) or value not in values:
            raise ParamError(
                f"{param} must be one of {', '.join(map(repr, values))} (got {value!r})", param
            )
    if spec.areas:
        areas = args.get(spec.areas)
        if not isinstance(areas, frozenset) or not areas:
            raise ParamError(
                f"kind {spec.name!r} needs {spec.areas!r}: a list of at least one area", spec.areas
            )
    if spec.bounds:
        low, high = args.get("at_least"), args.get("at_most")
        for name, v in (("at_least", low), ("at_most", high)):
            if v is not None and (isinstance(v, bool) or not isinstance(v, int)):
                raise ParamTypeError(f"{name} must be a whole number (got {v!r})", name)
            if isinstance(v, int) and not 0 <= v <= MAX_NUMBER:
                raise ParamError(f"{name} must be from 0 to 10^12 (got {v:,})", name)
        if low is None and high is None:
            raise ParamError(f"{spec.name} needs at_least, at_most or both")
        if isinstance(low, int) and isinstance(high, int) and low > high:
            raise ParamError(f"at_least must not exceed at_most (got {low:,} > {high:,})")


# -- ordering -----------------------------------------------------------------------------

_NUMBER = r"(\d+)"  # compiled on first use


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """``'point 10'`` after ``'point 6'``: numbers in text compare as numbers."""
    return tuple(
        (0, int(part)) if part.isdigit() and part.isascii() else (1, part)
        for part in re.split(_NUMBER, text)
        if part
    )


def _sort_value(value: Any) -> Any:
    if isinstance(value, frozenset | set):
        return tuple(sorted(_sort_value(v) for v in value))
    if isinstance(value, enum.Enum):
        return str(value.value)
    if value is None:
        return ""
    return value if isinstance(value, int | str) else repr(value)


def condition_sort_key(condition: Condition) -> tuple[Any, ...]:
    """A total, hash-seed-independent order of conditions: by kind, parameters, stage,
    requirements, attribution, evidence (locators in natural order: point 6 before 10)."""
    params = tuple((name, repr(_sort_value(value))) for name, value in condition.params())
    ev = condition.evidence
    return (
        condition.kind,
        params,
        condition.stage.value,
        tuple(condition_sort_key(r) for r in condition.only_if),
        condition.actors,
        ev.basis.value,
        ev.readers,
        ev.document,
        natural_key(ev.locator),
        ev.locator,
        ev.quote,
        ev.rationale,
        ev.source,
        ev.note,
    )
