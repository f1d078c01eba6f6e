"""Position files: one position per file, TOML or JSON, read and written with precise errors.

The schema is documented in ``docs/file-format.md``. Reading is driven by the attrs classes'
own type annotations, forbids unknown keys and makes no silent coercions (``"5"`` is not a
number, ``true`` is not 1, a string is not a list of regions); every error names the file,
the place inside it (``conditions[3].regions``) and what was expected.

Position files come from other people, so reading is defensive: a file larger than
:data:`MAX_FILE_BYTES` is refused before it is read, as is anything that is not a regular file
(a directory, device or FIFO); nesting deeper than :data:`MAX_DEPTH`, lists longer than
:data:`MAX_ITEMS`, whole numbers outside 64 bits, NaN and infinities, duplicate keys, control
characters and unpaired surrogates in text are refused with the place where they occur.
Every such problem is a :class:`~peacepos.errors.PositionFileError` (the path problems also an
:class:`OSError`); nothing else comes out of the reader.

>>> import peacepos, tempfile, pathlib
>>> p = peacepos.corpus.load("china-2023-02-24")
>>> out = pathlib.Path(tempfile.mkdtemp()) / "china.json"
>>> write_position(p, out)
>>> read_position(out) == p
True
>>> loads_position('id = "x"\\ntitle = "t"\\nactors = ["A"]\\ndate = 2023-01-01\\nconditions = 5')
Traceback (most recent call last):
...
peacepos.errors.PositionFileError: <string> @ conditions: expected a list (got 5)
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import enum
import errno as errno_codes
import functools
import json
import math
import os
import re
import stat
import tomllib
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from peacepos.conditions import Basis, Condition, Evidence, condition_types, get_condition_type
from peacepos.errors import (
    ContradictionError,
    FileAccessError,
    OutputFileError,
    PeaceposError,
    PositionFileError,
    PositionFormatError,
)
from peacepos.position import Endorsement, Position

__all__ = [
    "FORMATS",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_ITEMS",
    "dumps_position",
    "loads_position",
    "position_from_dict",
    "position_to_dict",
    "read_position",
    "write_position",
    "write_text_atomic",
]

MAX_FILE_BYTES = 1_000_000
"""Position files larger than this are refused before they are read."""

MAX_DEPTH = 32
"""Deeper nesting than this is refused (no position file needs more than four levels)."""

MAX_ITEMS = 1_000
"""Longer lists than this (conditions, regions, urls, ...) are refused."""

_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1  # TOML's whole numbers are 64-bit; so are ours

FORMATS = ("toml", "json")


class _Invalid(Exception):
    """A problem at a path inside the document (internal; becomes PositionFileError)."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(problem)
        self.where = where
        self.problem = problem


class _Rejected:
    """A JSON value the parser could not represent (NaN, or a number with too many digits)."""

    def __init__(self, description: str) -> None:
        self.description = description

    def __repr__(self) -> str:
        return self.description


class _Table(dict[str, Any]):
    """A parsed JSON object that remembers its first duplicate key (JSON allows them)."""

    duplicate: str | None = None


def _json_object(pairs: list[tuple[str, Any]]) -> _Table:
    table = _Table()
    for key, value in pairs:
        if key in table and table.duplicate is None:
            table.duplicate = key
        table[key] = value
    return table


def _json_int(text: str) -> int | _Rejected:
    digits = len(text.lstrip("-"))
    if digits > 19:  # beyond 64 bits; never convert a huge digit string
        return _Rejected(f"a whole number with {digits:,} digits")
    return int(text)


def _json_constant(name: str) -> _Rejected:
    return _Rejected(name)


def _describe(value: Any) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else "infinity" if value > 0 else "-infinity"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _join(where: str, key: str) -> str:
    if re.fullmatch(r"[A-Za-z0-9_-]+", key):
        return f"{where}.{key}" if where else key
    return f"{where}[{json.dumps(key)}]"


def _expect(where: str, what: str, value: Any) -> _Invalid:
    return _Invalid(where, f"expected {what} (got {_describe(value)})")


# -- raw values: limits that hold whatever the schema says -----------------------------------

# Control characters other than tab and newlines, unpaired surrogates, and the invisible
# bidirectional overrides that can make a report display text other than what it contains.
_BAD_TEXT = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _check_text(where: str, text: str) -> None:
    bad = _BAD_TEXT.search(text)
    if bad is None:
        return
    char = ord(bad.group())
    what = (
        "an unpaired surrogate"
        if 0xD800 <= char <= 0xDFFF
        else "an invisible bidirectional control character"
        if char > 0x9F
        else "a control character"
    )
    raise _Invalid(where, f"text contains {what} (U+{char:04X}) at character {bad.start()}")


def _check_values(value: Any, where: str = "", depth: int = 0) -> None:
    """Limits on the parsed document: depth, list length, numbers, text, duplicate keys."""
    if depth > MAX_DEPTH:
        raise _Invalid(where, f"nested deeper than {MAX_DEPTH} levels")
    if isinstance(value, dict):
        if isinstance(value, _Table) and value.duplicate is not None:
            raise _Invalid(_join(where, value.duplicate), "duplicate key")
        for k, v in value.items():
            if not isinstance(k, str):
                raise _expect(where, "text keys", k)
            _check_text(_join(where, k), k)
            _check_values(v, _join(where, k), depth + 1)
    elif isinstance(value, list):
        if len(value) > MAX_ITEMS:
            raise _Invalid(where, f"a list of {len(value):,} items; the limit is {MAX_ITEMS:,}")
        for i, v in enumerate(value):
            _check_values(v, f"{where}[{i}]", depth + 1)
    elif isinstance(value, str):
        _check_text(where, value)
    elif isinstance(value, bool):
        pass
    elif isinstance(value, int):
        if not _INT_MIN <= value <= _INT_MAX:
            raise _Invalid(
                where,
                f"a whole number with {len(str(abs(value))):,} digits is out of range (64 bits)",
            )
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise _Invalid(where, f"expected a finite number (got {_describe(value)})")
    elif isinstance(value, _Rejected):
        if value.description.startswith("a whole number"):
            raise _Invalid(where, f"{value.description} is out of range (64 bits)")
        raise _Invalid(where, f"expected a finite number (got {value.description})")


_NESTING = {
    "json": re.compile(r'["\[\]{}]'),
    "toml": re.compile(r"\"\"\"|'''|[\"'#\[\]{}]"),
}
_STRING_END = {
    '"': re.compile(r'(?:[^"\\\n]|\\.)*+"'),
    "'": re.compile(r"[^'\n]*+'"),
    '"""': re.compile(r'(?:[^"\\]|\\.|"(?!""))*+"""', re.DOTALL),
    "'''": re.compile(r"'''", re.DOTALL),
}
_JSON_STRING_END = re.compile(r'(?:[^"\\]|\\.)*+"', re.DOTALL)


def _line_column(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    return f"line {line}, column {offset - text.rfind(chr(10), 0, offset)}"


def _check_nesting(text: str, format: str, source: str) -> None:
    """Refuse deep bracket nesting before a parser recurses into it (linear time).

    Strings and comments are skipped; at an unterminated string the scan stops and the
    parser reports the syntax error.
    """
    token = _NESTING[format]
    limit = MAX_DEPTH + 1  # a JSON document's own braces are one level more than its data
    depth = 0
    pos = 0
    while (m := token.search(text, pos)) is not None:
        t = m.group()
        pos = m.end()
        if t in "[{":
            depth += 1
            if depth > limit:
                raise PositionFileError(
                    source, _line_column(text, m.start()), f"nested deeper than {MAX_DEPTH} levels"
                )
        elif t in "]}":
            depth = max(depth - 1, 0)
        elif t == "#":
            newline = text.find("\n", pos)
            pos = len(text) if newline < 0 else newline
        else:
            if format == "json":
                end = _JSON_STRING_END.match(text, pos)
            elif t == "'''":
                found = text.find("'''", pos)
                end = None if found < 0 else _STRING_END["'''"].match(text, found)
            else:
                end = _STRING_END[t].match(text, pos)
            if end is None:
                return
            pos = end.end()


# -- structuring: a strict, path-aware reader for attrs classes -----------------------------


def _structure(value: Any, tp: Any, where: str) -> Any:
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
            return _structure(value, rest[0], where)
        raise _Invalid(where, f"unsupported field type {tp!r}")  # pragma: no cover
    if origin is typing.Literal:
        allowed = typing.get_args(tp)
        if any(value == a and type(value) is type(a) for a in allowed):
            return value
        raise _expect(where, "one of " + ", ".join(map(str, allowed)), value)
    if origin in (tuple, frozenset, list):
        if not isinstance(value, list):
            raise _expect(where, "a list", value)
        (item,) = typing.get_args(tp)[:1]
        items = [_structure(v, item, f"{where}[{i}]") for i, v in enumerate(value)]
        return frozenset(items) if origin is frozenset else tuple(items)
    if tp is type(None):
        if value is not None:
            raise _expect(where, "nothing (null)", value)
        return None
    if tp is bool:
        if not isinstance(value, bool):
            raise _expect(where, "true or false", value)
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _expect(where, "a whole number", value)
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _expect(where, "a number", value)
        return float(value)
    if tp is str:
        if not isinstance(value, str):
            raise _expect(where, "text", value)
        return value
    if tp is datetime.date:
        if isinstance(value, datetime.datetime):
            raise _expect(where, "a date without a time (YYYY-MM-DD)", value)
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        raise _expect(where, "a date YYYY-MM-DD", value)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        values = [m.value for m in tp]
        if isinstance(value, str) and value in values:
            return tp(value)
        raise _expect(where, "one of " + ", ".join(map(str, values)), value)
    if isinstance(tp, type) and issubclass(tp, Condition):
        return _structure_condition(value, where)
    if tp is Endorsement:
        return _structure_endorsement(value, where)
    if isinstance(tp, type) and attrs.has(tp):
        return _structure_attrs(value, tp, where)
    raise _Invalid(where, f"unsupported field type {tp!r}")  # pragma: no cover


@functools.cache
def _field_types(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {a.name: hints[a.name] for a in attrs.fields(cls) if a.init}


# What a constructor or validator may raise on bad values (a user's condition type included).
_REJECTIONS = (ValueError, TypeError, LookupError, ArithmeticError, PeaceposError)


def _structure_attrs(value: Any, cls: type, where: str, skip: tuple[str, ...] = ()) -> Any:
    if not isinstance(value, dict):
        raise _expect(where, f"a table of {cls.__name__} fields", value)
    fields = {a.alias: a for a in attrs.fields(cls) if a.init}
    types_ = _field_types(cls)
    extra = sorted(k for k in value if k not in fields and k not in skip)
    if extra:
        raise _Invalid(
            _join(where, extra[0]),
            f"unknown field {extra[0]!r}; expected " + ", ".join(sorted(fields)),
        )
    kwargs: dict[str, Any] = {}
    for alias, a in fields.items():
        at = _join(where, alias)
        if alias not in value:
            if a.default is attrs.NOTHING:
                raise _Invalid(at, "missing required field")
            continue
        kwargs[alias] = _structure(value[alias], types_[a.name], at)
    try:
        return cls(**kwargs)
    except ContradictionError as exc:
        place, other = _contradiction_place(kwargs, where)
        raise _Invalid(place, f"{exc}" + (f" (see {other})" if other else "")) from None
    except _REJECTIONS as exc:
        place = _blame(cls, kwargs, value, types_, where)
        raise _Invalid(place, str(exc) or type(exc).__name__) from None


def _rejects(cls_field: Any, partial: Any, value: Any) -> bool:
    """Whether the field's converter or validator rejects ``value``."""
    try:
        if cls_field.converter is not None:
            value = cls_field.converter(value)
        cls_field.validator(partial, cls_field, value)
    except AttributeError:  # the validator needs a field that failed earlier
        return False
    except Exception:
        return True
    return False


def _blame(
    cls: type, kwargs: dict[str, Any], raw: dict[str, Any], types_: dict[str, Any], where: str
) -> str:
    """Which field's validator rejects its value (the place to report), else the object.

    For a list, the first item that is rejected on its own (``actors[2]``, ``regions[1]``).
    """
    partial = types.SimpleNamespace(**kwargs)
    for a in attrs.fields(cls):
        if a.validator is None or a.alias not in kwargs:
            continue
        if not _rejects(a, partial, kwargs[a.alias]):
            continue
        at = _join(where, a.alias)
        items = raw.get(a.alias)
        tp = types_.get(a.name)
        if isinstance(items, list) and typing.get_origin(tp) in (tuple, frozenset, list):
            for i, item in enumerate(items):
                try:
                    single = (_structure(item, typing.get_args(tp)[0], at),)
                except _Invalid:  # pragma: no cover - structured already
                    continue
                one = frozenset(single) if typing.get_origin(tp) is frozenset else single
                if _rejects(a, partial, one):
                    return f"{at}[{i}]"
        return at
    return where


def _contradiction_place(kwargs: dict[str, Any], where: str) -> tuple[str, str]:
    """The file places of a self-contradiction: the condition that empties an issue, and
    the earlier ones it clashes with (numbered as in the file, not in canonical order)."""
    items: list[tuple[str, Condition, bool]] = [
        (f"{_join(where, 'conditions')}[{i}]", c, c.basis is Basis.IMPLIED)
        for i, c in enumerate(kwargs.get("conditions", ()))
    ]
    for k, e in enumerate(kwargs.get("endorsements", ())):
        place = f"{_join(where, 'endorsements')}[{k}]"
        items += [(place, c, True) for c in e.position.all_conditions]
    for strict in (True, False):
        acc: dict[str, tuple[Any, list[tuple[str, Any]]]] = {}
        for place, condition, implied in items:
            if strict and implied:
                continue
            for constraint in condition.constraints():
                key = constraint.issue.key
                known = acc.get(key)
                if known is None:
                    acc[key] = (constraint, [(place, constraint)])
                    continue
                merged = known[0] & constraint
                if merged.is_empty():
                    clash = [p for p, x in known[1] if x.is_disjoint(constraint)]
                    others = clash or [p for p, _ in known[1]]
                    return place, " and ".join(dict.fromkeys(others))
                acc[key] = (merged, [*known[1], (place, constraint)])
    return where, ""


def _structure_condition(value: Any, where: str) -> Condition:
    if not isinstance(value, dict):
        raise _expect(where, "a table with a 'kind' and its fields", value)
    kinds = ", ".join(condition_types())
    if "kind" not in value:
        raise _Invalid(_join(where, "kind"), f"missing 'kind'; expected one of {kinds}")
    kind = value["kind"]
    if not isinstance(kind, str):
        raise _expect(_join(where, "kind"), f"one of {kinds}", kind)
    try:
        cls = get_condition_type(kind)
    except PeaceposError as exc:
        raise _Invalid(_join(where, "kind"), str(exc)) from None
    result: Condition = _structure_attrs(value, cls, where, skip=("kind",))
    return result


_LOADING: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar(
    "peacepos_loading", default=()
)


def _structure_endorsement(value: Any, where: str) -> Endorsement:
    if not isinstance(value, dict):
        raise _expect(where, "a table with 'position' and 'evidence'", value)
    ref = value.get("position")
    if not isinstance(ref, str) or not ref:
        raise _expect(_join(where, "position"), "the id of the endorsed position", ref)
    if ref in _LOADING.get():
        chain = " → ".join((*_LOADING.get(), ref))
        raise _Invalid(_join(where, "position"), f"endorsements form a cycle: {chain}")
    from peacepos import corpus

    if not corpus.has(ref):
        raise _Invalid(
            _join(where, "position"),
            f"no built-in position {ref!r}: a position file can endorse built-in positions "
            "only (see `peacepos list`)",
        )
    endorsed = corpus.load(ref)
    result: _EndorsementFile = _structure_attrs(
        {**value, "position": None}, _EndorsementFile, where
    )
    return Endorsement(position=endorsed, evidence=result.evidence)


def _check_endorsed_is_builtin(endorsed: Position) -> None:
    """A file names an endorsed position by its built-in id; anything else would not read
    back as the same position, so it is refused when writing."""
    from peacepos import corpus

    try:
        same = corpus.load(endorsed.id) == endorsed
    except PeaceposError:
        same = False
    if not same:
        raise PositionFormatError(
            f"cannot write an endorsement of {endorsed.id!r}: a position file can endorse "
            "built-in positions only (see `peacepos list`); add the endorsed conditions to "
            "the file as IMPLIED ones instead"
        )


@attrs.frozen(kw_only=True)
class _EndorsementFile:
    position: None
    evidence: Evidence


def _fill_documents(data: dict[str, Any]) -> dict[str, Any]:
    """Evidence may omit ``document``: it is then the position's ``document`` (or its id)."""
    default = data.get("document") or data.get("id")
    if not isinstance(default, str) or not default.strip():
        return data
    out = dict(data)
    for key in ("conditions", "endorsements"):
        items = data.get(key)
        if not isinstance(items, list):
            continue
        out[key] = [
            {**c, "evidence": {"document": default, **c["evidence"]}}
            if isinstance(c, dict)
            and isinstance(c.get("evidence"), dict)
            and "document" not in c["evidence"]
            else c
            for c in items
        ]
    return out


def position_from_dict(data: Mapping[str, Any], *, source: str = "<data>") -> Position:
    """Build a position from plain data (as parsed from TOML or JSON)."""
    try:
        if not isinstance(data, dict):
            raise _expect("", "a table of position fields", data)
        _check_values(data)
        if "document" in data and not isinstance(data["document"], str):
            raise _expect("document", "text", data["document"])
        ident = data.get("id")
        token = _LOADING.set((*_LOADING.get(), ident if isinstance(ident, str) else "?"))
        try:
            result: Position = _structure_attrs(_fill_documents(dict(data)), Position, "")
        finally:
            _LOADING.reset(token)
        return result
    except _Invalid as exc:
        raise PositionFileError(source, exc.where, exc.problem) from None
    except RecursionError:
        raise PositionFileError(source, "", "structure nested too deeply") from None


# -- unstructuring ------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, frozenset):
        return sorted(_plain(v) for v in value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Condition):
        return _condition_to_dict(value)
    if isinstance(value, Endorsement):
        _check_endorsed_is_builtin(value.position)
        return {"position": value.position.id, "evidence": _attrs_to_dict(value.evidence)}
    if attrs.has(type(value)):
        return _attrs_to_dict(value)
    return value


def _attrs_to_dict(obj: Any, skip_defaults: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for a in attrs.fields(type(obj)):
        if not a.init:
            continue
        value = getattr(obj, a.name)
        if skip_defaults and a.default is not attrs.NOTHING and value == a.default:
            continue
        out[a.alias] = _plain(value)
    return out


def _condition_to_dict(condition: Condition) -> dict[str, Any]:
    body = _attrs_to_dict(condition)
    evidence = body.pop("evidence")
    return {"kind": condition.kind, **body, "evidence": evidence}


_ORDER = (
    "id",
    "title",
    "actors",
    "date",
    "document",
    "urls",
    "confidence",
    "notes",
    "endorsements",
    "conditions",
    "coverage",
)


def position_to_dict(position: Position) -> dict[str, Any]:
    """Plain data for a position: the file schema, defaults left out, stable key order.

    Fields this function does not know by name come last, so none is ever dropped.
    """
    data = _attrs_to_dict(position)
    data["conditions"] = [_condition_to_dict(c) for c in position.conditions]
    known = {k: data[k] for k in _ORDER if k in data}
    return {**known, **{k: v for k, v in data.items() if k not in known}}


# -- text formats -------------------------------------------------------------------------

# JSON's escaping leaves DEL, the C1 controls and the line separators raw; TOML forbids DEL.
_TOML_RAW = re.compile(r"[\x7f-\x9f\u2028\u2029]")


def _toml_value(value: Any, where: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return repr(value) if math.isfinite(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
        return _TOML_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v, f"{where}[{i}]") for i, v in enumerate(value)) + "]"
    if isinstance(value, dict):
        items = (f"{_toml_key(k)} = {_toml_value(v, _join(where, k))}" for k, v in value.items())
        return "{ " + ", ".join(items) + " }"
    if value is None:
        raise PositionFormatError(f"{where}: TOML has no null value; write this position as JSON")
    raise PositionFormatError(f"{where}: cannot write {type(value).__name__} to TOML")


def _toml_key(key: str) -> str:
    if re.fullmatch(r"[A-Za-z0-9_-]+", key):
        return key
    return _toml_value(key, key)


def _to_toml(data: dict[str, Any]) -> str:
    lines: list[str] = []
    tables: list[tuple[str, list[dict[str, Any]]]] = []
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            tables.append((key, value))
        elif key == "date" and isinstance(value, str):
            lines.append(f"date = {value}")  # a TOML local date, as people write it
        else:
            lines.append(f"{_toml_key(key)} = {_toml_value(value, key)}")
    for name, rows in tables:
        for i, row in enumerate(rows):
            at = f"{name}[{i}]"
            lines.append("")
            lines.append(f"[[{_toml_key(name)}]]")
            sub = {k: v for k, v in row.items() if isinstance(v, dict)}
            for k, v in row.items():
                if k not in sub:
                    lines.append(f"{_toml_key(k)} = {_toml_value(v, _join(at, k))}")
            for k, v in sub.items():
                lines.append(f"[{_toml_key(name)}.{_toml_key(k)}]")
                for kk, vv in v.items():
                    lines.append(f"{_toml_key(kk)} = {_toml_value(vv, _join(_join(at, k), kk))}")
    return "\n".join(lines) + "\n"


def _check_writable(value: Any, where: str = "") -> None:
    """Refuse, before anything is written, text that a position file may not hold (the same
    rule as for reading: no control characters but tab and newlines, no unpaired surrogates,
    no bidirectional overrides), so that whatever is written can be read back."""
    if isinstance(value, str):
        bad = _BAD_TEXT.search(value)
        if bad is not None:
            raise PositionFormatError(
                f"{where or 'position'}: cannot write text containing U+{ord(bad.group()):04X}"
            )
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_writable(k, where)
            _check_writable(v, _join(where, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_writable(v, f"{where}[{i}]")


def dumps_position(position: Position, format: str = "toml") -> str:
    """The position as TOML or JSON text (UTF-8, stable key order, trailing newline)."""
    if format not in FORMATS:
        raise ValueError(f"format must be 'toml' or 'json' (got {format!r})")
    data = position_to_dict(position)
    _check_writable(data)
    if format == "json":
        try:
            return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
        except ValueError as exc:
            raise PositionFormatError(f"cannot write JSON: {exc}") from None
    return _to_toml(data)


_TOML_PLACE = re.compile(r"^(?P<msg>.*?) \((?P<at>at line \d+, column \d+|at end of document)\)$")
_LONG_NUMBER = re.compile(r"(?:^|[=,\[{])[ \t]*(?P<n>[+-]?[0-9A-Fa-fxob_]{4000,})", re.MULTILINE)


def loads_position(text: str, format: str = "toml", *, source: str = "<string>") -> Position:
    """Parse TOML or JSON text into a position; errors name ``source`` and the place."""
    if format not in FORMATS:
        raise ValueError(f"format must be 'toml' or 'json' (got {format!r})")
    if len(text) > MAX_FILE_BYTES:
        raise PositionFileError(
            source, "", f"text is {len(text):,} characters long; the limit is {MAX_FILE_BYTES:,}"
        )
    _check_nesting(text, format, source)
    data: Any
    try:
        if format == "toml":
            data = tomllib.loads(text)
        else:
            data = json.loads(
                text,
                object_pairs_hook=_json_object,
                parse_int=_json_int,
                parse_constant=_json_constant,
            )
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_PLACE.match(str(exc))
        where, message = (m["at"].removeprefix("at "), m["msg"]) if m else ("", str(exc))
        raise PositionFileError(source, where, f"not valid TOML: {message}") from None
    except json.JSONDecodeError as exc:
        raise PositionFileError(
            source, f"line {exc.lineno}, column {exc.colno}", f"not valid JSON: {exc.msg}"
        ) from None
    except RecursionError:
        raise PositionFileError(source, "", f"nested deeper than {MAX_DEPTH} levels") from None
    except ValueError:  # an integer too long for Python to convert (TOML)
        m = _LONG_NUMBER.search(text)
        where = _line_column(text, m.start("n")) if m else ""
        raise PositionFileError(
            source, where, "a whole number with too many digits (at most 64 bits)"
        ) from None
    return position_from_dict(data, source=source)


# -- files --------------------------------------------------------------------------------


def _format_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    return {".toml": "toml", ".json": "json"}.get(suffix)


_KINDS = (
    (stat.S_ISDIR, "is a directory, not a file"),
    (stat.S_ISFIFO, "is a FIFO (named pipe), not a regular file"),
    (stat.S_ISCHR, "is a character device, not a regular file"),
    (stat.S_ISBLK, "is a block device, not a regular file"),
    (stat.S_ISSOCK, "is a socket, not a regular file"),
)


def read_bytes_checked(path: str | os.PathLike[str]) -> bytes:
    """Read a regular file of at most :data:`MAX_FILE_BYTES`, refusing anything else."""
    name = os.fspath(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer.
        fd = os.open(
            name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        )
    except FileNotFoundError:
        raise FileAccessError(name, "no such file", errno_codes.ENOENT) from None
    except IsADirectoryError:
        raise FileAccessError(name, "is a directory, not a file", errno_codes.EISDIR) from None
    except PermissionError:
        raise FileAccessError(name, "permission denied", errno_codes.EACCES) from None
    except OSError as exc:
        raise FileAccessError(name, exc.strerror or "cannot open", exc.errno) from None
    except ValueError:  # e.g. a NUL character in the path
        raise FileAccessError(name, "not a valid path (it contains a NUL character)") from None
    try:
        info = os.fstat(fd)
        for test, problem in _KINDS:
            if test(info.st_mode):
                raise FileAccessError(name, problem)
        if not stat.S_ISREG(info.st_mode):  # pragma: no cover - no other kinds on POSIX
            raise FileAccessError(name, "not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise FileAccessError(
                name,
                f"file is {info.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
                errno_codes.EFBIG,
            )
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, MAX_FILE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        if isinstance(exc, FileAccessError):
            raise
        raise FileAccessError(name, exc.strerror or "cannot read", exc.errno) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > MAX_FILE_BYTES:  # it grew, or the size was not known (e.g. /proc)
        raise FileAccessError(
            name, f"file is larger than {MAX_FILE_BYTES:,} bytes", errno_codes.EFBIG
        )
    return data


def _decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        raise PositionFileError(
            name, "", "starts with a byte-order mark; save it as UTF-8 without BOM"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PositionFileError(name, "", "is UTF-16 or UTF-32 text; save it as UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = data[: exc.start].decode("utf-8", "replace")
        raise PositionFileError(
            name,
            _line_column(head, len(head)),
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
        ) from None
    if "\x00" in text:
        raise PositionFileError(
            name, _line_column(text, text.index("\x00")), "contains a NUL byte: not a text file"
        )
    if not text.strip():
        raise PositionFileError(name, "", "the file is empty")
    return text


def read_position(path: str | os.PathLike[str]) -> Position:
    """Read one position from a ``.toml`` or ``.json`` file."""
    name = os.fspath(path)
    data = read_bytes_checked(name)
    fmt = _format_of(Path(name))
    if fmt is None:
        raise PositionFileError(name, "", "unknown file type: expected a .toml or .json file")
    return loads_position(_decode(data, name), fmt, source=name)


def _temporary(directory: str, name: str, mode: int) -> tuple[int, str]:
    """A new temporary file next to the target (created with the umask, like any new file)."""
    import secrets  # here, not at the top: only writers need it, and it costs import time

    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        tmp = os.path.join(directory, f".{name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, flags, mode), tmp
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue
    raise FileExistsError(
        errno_codes.EEXIST, "no free temporary name", directory
    )  # pragma: no cover


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file and a rename: never half-written.

    The temporary file is made in the target's directory and renamed over the target only
    once all of it is on disk; on any failure it is removed and the previous file, if any,
    is left as it was. A symbolic link is followed (the link stays a link). An existing target
    that is not a regular file (a directory, device or FIFO) is refused, never replaced.
    Errors are :class:`~peacepos.errors.OutputFileError` (also an :class:`OSError`).
    """
    name = os.fspath(path)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise OutputFileError(name, f"the text is not valid Unicode ({exc.reason})") from None
    target = os.path.realpath(name)
    directory, base = os.path.split(target)
    mode = 0o666
    existing = False
    try:
        info = os.stat(target)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise OutputFileError(name, exc.strerror or str(exc), exc.errno) from None
    else:
        for test, problem in _KINDS:
            if test(info.st_mode):
                raise OutputFileError(name, problem)
        mode = stat.S_IMODE(info.st_mode)
        existing = True
    tmp = None
    try:
        fd, tmp = _temporary(directory or ".", base, mode)
        try:
            if existing:
                os.fchmod(fd, mode)  # keep the permissions of the file it replaces
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise OutputFileError(name, exc.strerror or str(exc), exc.errno) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    with contextlib.suppress(OSError):  # make the rename itself durable, where supported
        dir_fd = os.open(directory or ".", os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def write_position(
    position: Position, path: str | os.PathLike[str], format: str | None = None
) -> None:
    """Write a position to ``path`` (format from the suffix unless given), atomically."""
    name = os.fspath(path)
    fmt = format or _format_of(Path(name))
    if fmt is None:
        raise PositionFormatError(f"{name}: unknown file type: expected a .toml or .json file")
    write_text_atomic(name, dumps_position(position, fmt))
