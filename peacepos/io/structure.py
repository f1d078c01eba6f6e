"""From parsed file data to codebooks and positions: a strict, path-aware reader.

Reading is driven by the attrs classes' own type annotations and the codebook's kind
declarations; it forbids unknown keys and makes no silent coercions (``"5"`` is not a number,
``true`` is not 1, a string is not a list of regions). Every problem is an
:class:`~peacepos.io.guards.Invalid` naming the place (``conditions[3].regions[1]``).

A position names its codebook; a codebook names the codebooks it includes; an endorsement
names another position. All three are looked up through a :class:`Resolver` the caller passes,
so this module never imports the built-in corpus.
"""

from __future__ import annotations

import datetime
import enum
import functools
import re
import types
import typing
from collections.abc import Mapping
from typing import Any, Protocol

import attrs

from peacepos.conditions import Condition, Declared, Evidence
from peacepos.errors import CodebookError, ContradictionError, PeaceposError
from peacepos.io.guards import Invalid, check_values, expect, join
from peacepos.kinds import kind_of
from peacepos.position import Endorsement, Position
from peacepos.vocabulary import (
    Actor,
    Area,
    Codebook,
    Implication,
    Issue,
    IssueTemplate,
    KindSpec,
    NumericIssue,
    Rule,
)

__all__ = [
    "DEFAULT_CODEBOOK",
    "Resolver",
    "codebook_from_dict",
    "position_from_dict",
    "position_problems",
]

DEFAULT_CODEBOOK = "russia-ukraine"
"""The codebook of a position file that names none (the vocabulary of the first edition)."""


class Resolver(Protocol):
    """What file reading needs from outside: codebooks and positions by name."""

    def codebook(self, name: str) -> Codebook: ...

    def position(self, id: str) -> Position: ...


@attrs.frozen
class _Context:
    resolve: Resolver
    codebook: Codebook | None = None
    loading: tuple[str, ...] = ()
    format: str = "json"  # JSON writes dates as text; TOML has dates of its own
    problems: list[Invalid] | None = attrs.field(default=None, eq=False)
    """When a list: every problem is collected here and reading goes on (validation)."""


class _Skip(Exception):
    """A part failed while problems are being collected: skip building what holds it."""


_FAILED = object()


def _attempt(ctx: _Context, build: Any, *args: Any) -> Any:
    """``build(*args)``; while collecting problems, a failure is recorded (or was recorded
    below) and gives :data:`_FAILED` instead of stopping the reading."""
    if ctx.problems is None:
        return build(*args)
    try:
        return build(*args)
    except Invalid as exc:
        ctx.problems.append(exc)
    except _Skip:
        pass
    return _FAILED


# What a constructor or validator may raise on bad values (a user's condition type included).
_REJECTIONS = (ValueError, TypeError, LookupError, ArithmeticError, PeaceposError)


def _structure(value: Any, tp: Any, where: str, ctx: _Context) -> Any:
    """Structure ``value`` as ``tp`` with no silent coercion."""
    origin = typing.get_origin(tp)
    if tp is Any:
        return value
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        if value is None and type(None) in args:
            return None
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1:
            return _structure(value, rest[0], where, ctx)
        raise Invalid(where, f"unsupported field type {tp!r}")  # pragma: no cover
    if origin is typing.Literal:
        allowed = typing.get_args(tp)
        if any(value == a and type(value) is type(a) for a in allowed):
            return value
        raise expect(where, "one of " + ", ".join(map(str, allowed)), value)
    if origin is tuple and len(typing.get_args(tp)) > 1 and typing.get_args(tp)[1] is not ...:
        parts = typing.get_args(tp)  # a fixed-length tuple: one type per place
        if not isinstance(value, list) or len(value) != len(parts):
            raise expect(where, f"a list of {len(parts)} items", value)
        fixed = tuple(
            _attempt(ctx, _structure, v, t, f"{where}[{i}]", ctx)
            for i, (v, t) in enumerate(zip(value, parts, strict=True))
        )
        if _FAILED in fixed:
            raise _Skip
        return fixed
    if origin in (tuple, frozenset, list):
        if not isinstance(value, list):
            raise expect(where, "a list", value)
        (item,) = typing.get_args(tp)[:1]
        items = [
            _attempt(ctx, _structure, v, item, f"{where}[{i}]", ctx) for i, v in enumerate(value)
        ]
        if any(x is _FAILED for x in items):
            raise _Skip
        return frozenset(items) if origin is frozenset else tuple(items)
    if tp is type(None):
        if value is not None:
            raise expect(where, "nothing (null)", value)
        return None
    if tp is bool:
        if not isinstance(value, bool):
            raise expect(where, "true or false", value)
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise expect(where, "a whole number", value)
        return value
    if tp is str:
        if not isinstance(value, str):
            raise expect(where, "text", value)
        return value
    if tp is datetime.date:
        if isinstance(value, datetime.datetime):
            raise expect(where, "a date without a time (YYYY-MM-DD)", value)
        if isinstance(value, datetime.date):
            return value
        if (
            ctx.format == "json"
            and isinstance(value, str)
            and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
        ):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        if ctx.format == "toml":
            raise expect(where, "a TOML date without quotes (date = 2023-02-24)", value)
        raise expect(where, "a date YYYY-MM-DD", value)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        values = [m.value for m in tp]
        if isinstance(value, str) and value in values:
            return tp(value)
        raise expect(where, "one of " + ", ".join(map(str, values)), value)
    if isinstance(tp, type) and issubclass(tp, Condition):
        return _structure_condition(value, where, ctx)
    if tp is Endorsement:
        return _structure_endorsement(value, where, ctx)
    if isinstance(tp, type) and attrs.has(tp):
        return _structure_attrs(value, tp, where, ctx)
    raise Invalid(where, f"unsupported field type {tp!r}")  # pragma: no cover


def _raise(problem: Invalid) -> None:
    raise problem


@functools.cache
def _field_types(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {a.name: hints[a.name] for a in attrs.fields(cls) if a.init}


def _unknown_field(where: str, key: str, known: list[str]) -> Invalid:
    import difflib  # only on this error path

    near = difflib.get_close_matches(key, known, n=1)
    hint = f"did you mean {near[0]!r}? " if near else ""
    return Invalid(
        join(where, key),
        f"unknown field {key!r}; {hint}expected " + (", ".join(sorted(known)) or "none"),
    )


def _structure_attrs(
    value: Any,
    cls: type,
    where: str,
    ctx: _Context,
    skip: tuple[str, ...] = (),
    given: Mapping[str, Any] | None = None,
) -> Any:
    if not isinstance(value, dict):
        raise expect(where, f"a table of {cls.__name__} fields", value)
    fields = {a.alias: a for a in attrs.fields(cls) if a.init and a.alias not in (given or {})}
    types_ = _field_types(cls)
    extra = sorted(k for k in value if k not in fields and k not in skip)
    failed = False
    known = list(dict.fromkeys([*fields, *(k for k in skip if k != "kind")]))
    for key in extra:
        failed = _attempt(ctx, _raise, _unknown_field(where, key, known)) is _FAILED
    kwargs: dict[str, Any] = dict(given or {})
    for alias, a in fields.items():
        at = join(where, alias)
        if alias not in value:
            if a.default is attrs.NOTHING:
                failed = _attempt(ctx, _raise, Invalid(at, "missing required field")) is _FAILED
            continue
        kwargs[alias] = _attempt(ctx, _structure, value[alias], types_[a.name], at, ctx)
        failed = failed or kwargs[alias] is _FAILED
    if failed:
        raise _Skip
    try:
        return cls(**kwargs)
    except ContradictionError as exc:
        raise _contradiction(exc, kwargs, where) from None
    except _REJECTIONS as exc:
        place = _blame(cls, kwargs, value, types_, where, ctx)
        problem = str(exc) or type(exc).__name__
        last = place.rsplit(".", 1)[-1]
        if last and problem.startswith(last + " "):  # the place is said once, before the @
            problem = problem[len(last) + 1 :]
        raise Invalid(place, problem) from None


def _rejects(cls_field: Any, partial: Any, value: Any) -> bool:
    """Whether the field's converter or validator rejects ``value``."""
    try:
        if cls_field.converter is not None:
            value = cls_field.converter(value)
        if cls_field.validator is not None:
            cls_field.validator(partial, cls_field, value)
    except AttributeError:  # the validator needs a field that failed earlier
        return False
    except Exception:
        return True
    return False


def _blame(
    cls: type,
    kwargs: dict[str, Any],
    raw: dict[str, Any],
    types_: dict[str, Any],
    where: str,
    ctx: _Context,
) -> str:
    """Which field's converter or validator rejects its value (the place to report), else the
    object. For a list, the first item that is rejected on its own (``actors[2]``)."""
    partial = types.SimpleNamespace(**kwargs)
    for a in attrs.fields(cls):
        if (a.validator is None and a.converter is None) or a.alias not in kwargs:
            continue
        if not _rejects(a, partial, kwargs[a.alias]):
            continue
        at = join(where, a.alias)
        items = raw.get(a.alias)
        tp = types_.get(a.name)
        if isinstance(items, list) and typing.get_origin(tp) in (tuple, frozenset, list):
            for i, item in enumerate(items):
                try:
                    single = (_structure(item, typing.get_args(tp)[0], at, ctx),)
                except Invalid:  # pragma: no cover - structured already
                    continue
                one = frozenset(single) if typing.get_origin(tp) is frozenset else single
                if _rejects(a, partial, one):
                    return f"{at}[{i}]"
        return at
    return where


def _contradiction(exc: ContradictionError, kwargs: dict[str, Any], where: str) -> Invalid:
    """The file places of a self-contradiction: the condition that empties an issue, and the
    earlier ones it clashes with (numbered as in the file, not in canonical order)."""
    clash = getattr(exc, "clash", None)
    conditions = list(kwargs.get("conditions", ()))
    # A variant or amendment holds its conditions in canonical order: it is named as a whole.
    parts = [
        (f"{join(where, key)}[{n}]", part.conditions)
        for key in ("variants", "amendments")
        for n, part in enumerate(kwargs.get(key, ()))
    ]
    base = kwargs.get("based_on")
    inherited = base.own_conditions if base is not None else ()

    def place(c: Condition) -> str:
        for i, x in enumerate(conditions):
            if x is c:
                return f"{join(where, 'conditions')}[{i}]"
        for at, held in parts:
            if any(x is c for x in held):
                return at
        if any(x is c for x in inherited):
            return join(where, "based_on")
        return join(where, "endorsements")

    if clash is None:  # pragma: no cover - every contradiction carries its clash
        return Invalid(where, str(exc))
    later = place(clash.later[0]) if clash.later else where
    others = list(dict.fromkeys(place(c) for c in clash.earlier if place(c) != later))
    see = f" (see {' and '.join(others)})" if others else ""
    return Invalid(later, f"{exc}{see}")


# -- conditions ---------------------------------------------------------------------------

_BASE_KEYS = ("kind", "evidence", "stage", "only_if", "actors")


def _structure_condition(value: Any, where: str, ctx: _Context) -> Condition:
    codebook = ctx.codebook
    assert codebook is not None, "conditions are read with their position's codebook"
    if not isinstance(value, dict):
        raise expect(where, "a table with a 'kind' and its fields", value)
    if "kind" not in value:
        raise Invalid(
            join(where, "kind"),
            f"missing 'kind'; see `peacepos codebook show {codebook.name}` for the kinds",
        )
    name = value["kind"]
    if not isinstance(name, str):
        raise expect(join(where, "kind"), "the name of a condition kind", name)
    try:
        found = kind_of(codebook, name)
    except PeaceposError as exc:
        raise Invalid(join(where, "kind"), str(exc)) from None
    value = _with_requirement_evidence(value)
    if isinstance(found, KindSpec):
        condition: Condition = _structure_declared(value, found, where, ctx)
    else:
        condition = _structure_attrs(value, found, where, ctx, skip=("kind",))
    try:
        condition.constraints(codebook)
    except _REJECTIONS as exc:
        raise Invalid(_rejected_at(str(exc), value, where), str(exc)) from None
    return condition


def _rejected_at(message: str, value: Mapping[str, Any], where: str) -> str:
    """Where a condition the codebook rejects goes wrong: the outcome it names that the issue
    lacks, else its regions or its issue, else the condition."""
    bad = re.match(r"'(.*)' is not an outcome of ", message)
    outcomes = value.get("outcomes")
    if bad and isinstance(outcomes, list) and bad.group(1) in outcomes:
        return f"{join(where, 'outcomes')}[{outcomes.index(bad.group(1))}]"
    field_ = next((p for p in ("regions", "issue") if p in value), "")
    return join(where, field_) if field_ else where


def _with_requirement_evidence(value: dict[str, Any]) -> dict[str, Any]:
    """A requirement (``only_if``) may omit its evidence: it is then its condition's; and
    its evidence may omit the document: it is then its condition's document."""
    reqs = value.get("only_if")
    parent = value.get("evidence")
    if not isinstance(reqs, list) or not isinstance(parent, dict):
        return value
    filled = []
    for r in reqs:
        if isinstance(r, dict) and "evidence" not in r:
            r = {**r, "evidence": parent}
        elif (
            isinstance(r, dict)
            and isinstance(r.get("evidence"), dict)
            and "document" not in r["evidence"]
            and "document" in parent
        ):
            r = {**r, "evidence": {"document": parent["document"], **r["evidence"]}}
        filled.append(r)
    return {**value, "only_if": filled}


def _structure_declared(
    value: dict[str, Any], spec: KindSpec, where: str, ctx: _Context
) -> Declared:
    codebook = ctx.codebook
    assert codebook is not None
    params = spec.params
    extra = sorted(k for k in value if k not in params and k not in _BASE_KEYS)
    if extra:
        raise _unknown_field(where, extra[0], [*params, *_BASE_KEYS[1:]])
    args: dict[str, Any] = {}
    choices = dict(spec.choices)
    for param in params:
        at = join(where, param)
        if param not in value:
            if param in choices and spec.default(param) is None:
                raise Invalid(
                    at, "missing required field; one of " + ", ".join(spec.values(param))
                )
            if param == spec.areas:
                raise Invalid(at, "missing required field: a list of areas")
            continue
        raw = value[param]
        if param in choices:
            if spec.flag(param):
                if not isinstance(raw, bool):
                    raise expect(at, "true or false", raw)
            elif not isinstance(raw, str) or raw not in spec.values(param):
                raise expect(at, "one of " + ", ".join(spec.values(param)), raw)
            args[param] = raw
        elif param == spec.areas:
            if not isinstance(raw, list) or not raw:
                raise expect(at, "a list of at least one area", raw)
            for i, item in enumerate(raw):
                if not isinstance(item, str):
                    raise expect(f"{at}[{i}]", "an area's key", item)
                try:
                    codebook.area(item)
                except PeaceposError as exc:
                    raise Invalid(f"{at}[{i}]", str(exc)) from None
            if len(set(raw)) != len(raw):
                dupe = next(x for i, x in enumerate(raw) if x in raw[:i])
                raise Invalid(at, f"{dupe!r} is named twice")
            args[param] = frozenset(raw)
        else:  # at_least / at_most
            if isinstance(raw, bool) or not isinstance(raw, int):
                raise expect(at, "a whole number", raw)
            args[param] = raw
    if "evidence" not in value:
        raise Invalid(join(where, "evidence"), "missing required field")
    evidence = _structure(value["evidence"], Evidence, join(where, "evidence"), ctx)
    types_ = _field_types(Condition)
    stage = _structure(
        value.get("stage", "settlement"), types_["stage"], join(where, "stage"), ctx
    )
    only_if = _structure(value.get("only_if", []), types_["only_if"], join(where, "only_if"), ctx)
    actors = _structure(value.get("actors", []), types_["actors"], join(where, "actors"), ctx)
    try:
        return Declared(
            spec=spec, args=args, evidence=evidence, stage=stage, only_if=only_if, actors=actors
        )
    except _REJECTIONS as exc:
        blamed = getattr(exc, "param", None)
        raise Invalid(join(where, blamed) if blamed else where, str(exc)) from None


_LOADING_HINT = (
    "a position file can endorse positions the reader knows by id (see `peacepos list`)"
)


@attrs.frozen(kw_only=True)
class _EndorsementFile:
    position: str
    evidence: Evidence
    inferences: bool = False
    readers: tuple[str, ...] = ("the analyst",)


def _structure_endorsement(value: Any, where: str, ctx: _Context) -> Endorsement:
    if not isinstance(value, dict):
        raise expect(where, "a table with 'position' and 'evidence'", value)
    ref = value.get("position")
    if not isinstance(ref, str) or not ref:
        raise expect(join(where, "position"), "the id of the endorsed position", ref)
    if ref in ctx.loading:
        chain = " → ".join((*ctx.loading, ref))
        raise Invalid(join(where, "position"), f"endorsements form a cycle: {chain}")
    parsed: _EndorsementFile = _structure_attrs(value, _EndorsementFile, where, ctx)
    try:
        endorsed = ctx.resolve.position(ref)
    except PeaceposError as exc:
        raise Invalid(join(where, "position"), f"{exc}; {_LOADING_HINT}") from None
    try:
        return Endorsement(
            position=endorsed,
            evidence=parsed.evidence,
            inferences=parsed.inferences,
            readers=parsed.readers,
        )
    except _REJECTIONS as exc:
        raise Invalid(join(where, "readers"), str(exc)) from None


# -- positions ----------------------------------------------------------------------------


def _base(ref: Any, ctx: _Context, codebook: Codebook) -> Position:
    """The text a position amends, by id (through the resolver)."""
    if not isinstance(ref, str) or not ref:
        raise expect("based_on", "the id of the text this one amends", ref)
    if ref in ctx.loading:
        chain = " → ".join((*ctx.loading, ref))
        raise Invalid("based_on", f"texts amend each other in a circle: {chain}")
    try:
        base = ctx.resolve.position(ref)
    except PeaceposError as exc:
        raise Invalid("based_on", str(exc)) from None
    if base.codebook.name != codebook.name:
        raise Invalid(
            "based_on",
            f"{ref!r} is written in codebook {base.codebook.name!r}, this text in "
            f"{codebook.name!r}: an amendment uses the codebook of the text it amends",
        )
    return base


def _fill_documents(data: dict[str, Any]) -> dict[str, Any]:
    """Evidence may omit ``document``: it is then the position's ``document`` (or its id)."""
    default = data.get("document") or data.get("id")
    if not isinstance(default, str) or not default.strip():
        return data
    out = dict(data)

    def fill(items: Any) -> Any:
        if not isinstance(items, list):
            return items
        return [
            {**c, "evidence": {"document": default, **c["evidence"]}}
            if isinstance(c, dict)
            and isinstance(c.get("evidence"), dict)
            and "document" not in c["evidence"]
            else c
            for c in items
        ]

    for key in ("conditions", "endorsements"):
        if key in data:
            out[key] = fill(data[key])
    for key in ("variants", "amendments"):
        tables = data.get(key)
        if isinstance(tables, list):
            out[key] = [
                {**t, "conditions": fill(t["conditions"])}
                if isinstance(t, dict) and "conditions" in t
                else t
                for t in tables
            ]
    return out


def position_from_dict(
    data: Any, *, resolve: Resolver, loading: tuple[str, ...] = (), format: str = "json"
) -> Position:
    """Build a position from plain data (as parsed from TOML or JSON); raises :class:`Invalid`
    at the first problem.

    ``loading`` holds the ids of positions being read around this one (to catch endorsement
    cycles among the positions the resolver reads).
    """
    return _position(data, _Context(resolve=resolve, loading=loading, format=format))


def position_problems(data: Any, *, resolve: Resolver, format: str = "json") -> list[Invalid]:
    """Every problem of a position's plain data, field by field (empty: it reads).

    Reading goes on past a problem wherever the rest can still be checked on its own: every
    unknown or missing field, every condition, endorsement and variant is checked. Whether
    the conditions contradict each other is checked only once every part reads.
    """
    problems: list[Invalid] = []
    try:
        _position(data, _Context(resolve=resolve, format=format, problems=problems))
    except Invalid as exc:
        problems.append(exc)
    except _Skip:
        pass
    return problems


def _position(data: Any, ctx: _Context) -> Position:
    if not isinstance(data, dict):
        raise expect("", "a table of position fields", data)
    check_values(data)
    data = {k: v for k, v in data.items() if k != "$schema"}  # for editors; not part of it
    if "document" in data and not isinstance(data["document"], str):
        raise expect("document", "text", data["document"])
    name = data.get("codebook", DEFAULT_CODEBOOK)
    if not isinstance(name, str):
        raise expect("codebook", "the name of a codebook", name)
    try:
        codebook = ctx.resolve.codebook(name)
    except PeaceposError as exc:
        raise Invalid("codebook", str(exc)) from None
    ctx = attrs.evolve(ctx, codebook=codebook)
    given: dict[str, Any] = {"codebook": codebook}
    if "based_on" in data:
        given["based_on"] = _attempt(ctx, _base, data["based_on"], ctx, codebook)
        if given["based_on"] is _FAILED:  # the amendments cannot be checked without it
            raise _Skip
    try:
        result: Position = _structure_attrs(
            _fill_documents(data),
            Position,
            "",
            ctx,
            skip=("codebook", "based_on"),
            given=given,
        )
    except RecursionError:
        raise Invalid("", "structure nested too deeply") from None
    return result


# -- codebooks ----------------------------------------------------------------------------

_CODEBOOK_KEYS = (
    "name",
    "title",
    "description",
    "include",
    "order",
    "actors",
    "issues",
    "areas",
    "area_issues",
    "kinds",
    "implications",
)


def _names(value: Any, where: str) -> list[str]:
    if not isinstance(value, list):
        raise expect(where, "a list of names", value)
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise expect(f"{where}[{i}]", "a name", item)
    return value


def _table(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise expect(where, "a table", value)
    return value


def _issue(value: Any, where: str, ctx: _Context, included: Mapping[str, Any]) -> Any:
    table = _table(value, where)
    key = table.get("key")
    base = included.get(key) if isinstance(key, str) else None
    if "unit" in table or (
        base is not None and isinstance(base, NumericIssue) and "outcomes" not in table
    ):
        if base is not None and "unit" not in table:
            table = {
                "unit": base.unit,
                "minimum": base.minimum,
                "sequence": base.sequence,
                "unlimited": base.unlimited,
                "description": base.description,
                **table,
            }
            if base.maximum is not None:
                table.setdefault("maximum", base.maximum)
        return _structure_attrs(table, NumericIssue, where, ctx)
    if "outcomes" not in table and isinstance(base, Issue):
        # A new title, description, labels or notes for an included issue: what is not
        # given comes from the included one.
        table = {
            "outcomes": list(base.outcomes),
            "sequence": base.sequence,
            "description": base.description,
            "labels": dict(base.labels),
            "notes": dict(base.notes),
            "groups": {name: list(members) for name, members in base.groups},
            **table,
        }
    table = dict(table)
    for part in ("labels", "notes"):
        if part in table:
            table[part] = _pairs(table[part], join(where, part))
    if "groups" in table:
        table["groups"] = _groups(table["groups"], join(where, "groups"))
    return _structure_attrs(table, Issue, where, ctx)


def _groups(value: Any, where: str) -> list[list[Any]]:
    table = _table(value, where)
    return [[name, _names(members, join(where, name))] for name, members in table.items()]


def _pairs(value: Any, where: str) -> list[list[str]]:
    table = _table(value, where)
    out = []
    for k, v in table.items():
        if not isinstance(v, str):
            raise expect(join(where, k), "text", v)
        out.append([k, v])
    return out


def _template(value: Any, where: str, ctx: _Context) -> IssueTemplate:
    table = dict(_table(value, where))
    for part in ("labels", "notes"):
        if part in table:
            table[part] = _pairs(table[part], join(where, part))
    if "groups" in table:
        table["groups"] = _groups(table["groups"], join(where, "groups"))
    result: IssueTemplate = _structure_attrs(table, IssueTemplate, where, ctx)
    return result


def _area(value: Any, where: str, ctx: _Context) -> Area:
    table = dict(_table(value, where))
    parts = table.pop("parts", [])
    if not isinstance(parts, list):
        raise expect(join(where, "parts"), "a list of areas", parts)
    made = [_area(p, f"{join(where, 'parts')}[{i}]", ctx) for i, p in enumerate(parts)]
    result: Area = _structure_attrs(
        table, Area, where, ctx, skip=("parts",), given={"parts": tuple(made)}
    )
    return result


def _narrows(value: Any, where: str) -> list[tuple[str, list[str]]]:
    table = _table(value, where)
    out = []
    for key, outcomes in table.items():
        out.append((key, _names(outcomes, join(where, key))))
    return out


_KIND_KEYS = (
    "name",
    "title",
    "description",
    "narrows",
    "choices",
    "defaults",
    "areas",
    "bounds",
    "order",
)


def _kind(value: Any, where: str) -> KindSpec:
    table = _table(value, where)
    extra = sorted(k for k in table if k not in _KIND_KEYS)
    if extra:
        raise _unknown_field(where, extra[0], list(_KIND_KEYS))
    if "name" not in table:
        raise Invalid(join(where, "name"), "missing required field")
    kwargs: dict[str, Any] = {}
    for key in ("name", "title", "description", "areas", "bounds"):
        if key in table:
            if not isinstance(table[key], str):
                raise expect(join(where, key), "text", table[key])
            kwargs[key] = table[key]
    if "order" in table:
        kwargs["order"] = tuple(_names(table["order"], join(where, "order")))
    if "narrows" in table:
        kwargs["narrows"] = _narrows(table["narrows"], join(where, "narrows"))
    if "choices" in table:
        at = join(where, "choices")
        choices = []
        for param, values in _table(table["choices"], at).items():
            pat = join(at, param)
            choices.append(
                (param, [(v, _narrows(n, join(pat, v))) for v, n in _table(values, pat).items()])
            )
        kwargs["choices"] = choices
    if "defaults" in table:
        at = join(where, "defaults")
        defaults = {}
        for param, v in _table(table["defaults"], at).items():
            if not isinstance(v, str | bool):
                raise expect(join(at, param), "a value's name (or true/false)", v)
            defaults[param] = v
        kwargs["defaults"] = defaults
    try:
        return KindSpec(**kwargs)
    except _REJECTIONS as exc:
        raise Invalid(where, str(exc)) from None


def _rule(value: Any, where: str, ctx: _Context) -> Rule:
    result: Rule = _structure_attrs(value, Rule, where, ctx)
    return result


def codebook_from_dict(data: Any, *, resolve: Resolver, loading: tuple[str, ...] = ()) -> Codebook:
    """Build a codebook from plain data (as parsed from TOML or JSON); raises :class:`Invalid`.

    Included codebooks come from ``resolve``; ``loading`` holds the names of codebooks being
    read around this one (to catch include cycles).
    """
    table = _table(data, "")
    check_values(table)
    table = {k: v for k, v in table.items() if k != "$schema"}  # for editors; not part of it
    ctx = _Context(resolve=resolve)
    extra = sorted(k for k in table if k not in _CODEBOOK_KEYS)
    if extra:
        raise _unknown_field("", extra[0], list(_CODEBOOK_KEYS))
    for key in ("name", "title"):
        if key not in table:
            raise Invalid(key, "missing required field")
    name = table["name"]
    if not isinstance(name, str):
        raise expect("name", "a name", name)
    includes: list[Codebook] = []
    for i, inc in enumerate(_names(table.get("include", []), "include")):
        if inc in (*loading, name):
            chain = " → ".join((*loading, name, inc))
            raise Invalid(f"include[{i}]", f"codebooks include each other: {chain}")
        try:
            includes.append(resolve.codebook(inc))
        except PeaceposError as exc:
            raise Invalid(f"include[{i}]", str(exc)) from None
    included: dict[str, Any] = {}
    for book in includes:
        for issue in book.all_issues():
            included.setdefault(issue.key, issue)

    def items(key: str) -> list[Any]:
        value = table.get(key, [])
        if not isinstance(value, list):
            raise expect(key, "a list of tables", value)
        return value

    issues = [_issue(v, f"issues[{i}]", ctx, included) for i, v in enumerate(items("issues"))]
    actors = [
        _structure_attrs(v, Actor, f"actors[{i}]", ctx) for i, v in enumerate(items("actors"))
    ]
    areas = [_area(v, f"areas[{i}]", ctx) for i, v in enumerate(items("areas"))]
    templates = [
        _template(v, f"area_issues[{i}]", ctx) for i, v in enumerate(items("area_issues"))
    ]
    kinds = [_kind(v, f"kinds[{i}]") for i, v in enumerate(items("kinds"))]
    implications = []
    for i, v in enumerate(items("implications")):
        at = f"implications[{i}]"
        t = _table(v, at)
        extra = sorted(k for k in t if k not in ("when", "then", "note"))
        if extra:
            raise _unknown_field(at, extra[0], ["when", "then", "note"])
        for side in ("when", "then"):
            if side not in t:
                raise Invalid(join(at, side), "missing required field")
        note = t.get("note", "")
        if not isinstance(note, str):
            raise expect(join(at, "note"), "text", note)
        implications.append(
            Implication(
                when=_rule(t["when"], join(at, "when"), ctx),
                then=_rule(t["then"], join(at, "then"), ctx),
                note=note,
            )
        )
    for key in ("title", "description"):
        if key in table and not isinstance(table[key], str):
            raise expect(key, "text", table[key])
    try:
        return Codebook(
            name=name,
            title=table["title"],
            description=table.get("description", ""),
            includes=tuple(includes),
            actors=tuple(actors),
            issues=tuple(issues),
            areas=tuple(areas),
            area_issues=tuple(templates),
            kinds=tuple(kinds),
            implications=tuple(implications),
            order=tuple(_names(table.get("order", []), "order")),
        )
    except CodebookError as exc:
        place = _codebook_place(str(exc), table)
        problem = str(exc).split(": ", 1)[-1]
        if place and problem.startswith(place + ": "):
            problem = problem[len(place) + 2 :]
        raise Invalid(place, problem) from None
    except _REJECTIONS as exc:
        # The codebook's own name, title or description; else something built from it (an
        # area issue's title made from an area's), which has no place of its own in the file.
        first = str(exc).split(" ", 1)[0]
        own = first in ("name", "title", "description") and _rejects(
            attrs.fields_dict(Codebook)[first], None, table.get(first, "")
        )
        raise Invalid(first if own else "", str(exc)) from None


def _codebook_place(message: str, table: Mapping[str, Any]) -> str:
    """The place a codebook's coherence error points to: the kind, issue or rule it names."""
    m = re.search(r"(implications\[\d+\])", message)
    if m:
        return m.group(1)
    for section, field_, pattern in (
        ("kinds", "name", r"kind '([^']+)'"),
        ("issues", "key", r"issue '([^']+)'"),
        ("areas", "key", r"area '([^']+)'"),
    ):
        m = re.search(pattern, message)
        if not m:
            continue
        places = [
            i
            for i, item in enumerate(table.get(section) or [])
            if isinstance(item, dict) and item.get(field_) == m.group(1)
        ]
        if places:  # something declared twice: the second declaration is the mistake
            return f"{section}[{places[-1] if 'declared twice' in message else places[0]}]"
    if "order" in message:
        return "order"
    return ""
