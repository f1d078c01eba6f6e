"""Position files: one position per file, TOML or JSON, read and written with precise errors.

The schema is documented in ``docs/file-format.md``. Reading is driven by the attrs classes'
own type annotations, forbids unknown keys and makes no silent coercions (``"5"`` is not a
number, ``true`` is not 1, a string is not a list of regions); every error names the file,
the place inside it (``conditions[3].regions``) and what was expected.

>>> import peacepos, tempfile, pathlib
>>> p = peacepos.corpus.load("china-2023-02-24")
>>> out = pathlib.Path(tempfile.mkdtemp()) / "china.json"
>>> write_position(p, out)
>>> read_position(out) == p
True
"""

from __future__ import annotations

import contextlib
import datetime
import enum
import json
import math
import os
import stat
import tempfile
import tomllib
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from peacepos.conditions import Condition, Evidence, condition_types, get_condition_type
from peacepos.errors import PeaceposError, PositionFileError
from peacepos.position import Endorsement, Position

__all__ = [
    "FORMATS",
    "MAX_FILE_BYTES",
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
"""Deeper nesting than this is refused (no position file needs it)."""

FORMATS = ("toml", "json")


class _Invalid(Exception):
    """A problem at a path inside the document (internal; becomes PositionFileError)."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(problem)
        self.where = where
        self.problem = problem


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# -- structuring: a strict, path-aware reader for attrs classes -----------------------------


def _expect(where: str, what: str, value: Any) -> _Invalid:
    return _Invalid(where, f"expected {what} (got {_describe(value)})")


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
    if origin in (tuple, frozenset, list):
        if not isinstance(value, list):
            raise _expect(where, "a list", value)
        (item,) = typing.get_args(tp)[:1]
        items = [_structure(v, item, f"{where}[{i}]") for i, v in enumerate(value)]
        return frozenset(items) if origin is frozenset else tuple(items)
    if tp is type(None):
        return None
    if tp is bool:
        if not isinstance(value, bool):
            raise _expect(where, "true or false", value)
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _expect(where, "a whole number", value)
        return value
    if tp is str:
        if not isinstance(value, str):
            raise _expect(where, "text", value)
        return value
    if tp is datetime.date:
        if isinstance(value, datetime.datetime):
            raise _expect(where, "a date without a time (YYYY-MM-DD)", value)
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        raise _expect(where, "a date YYYY-MM-DD", value)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        allowed = [m.value for m in tp]
        if isinstance(value, str) and value in allowed:
            return tp(value)
        raise _expect(where, "one of " + ", ".join(map(str, allowed)), value)
    if isinstance(tp, type) and issubclass(tp, Condition):
        return _structure_condition(value, where)
    if tp is Endorsement:
        return _structure_endorsement(value, where)
    if isinstance(tp, type) and attrs.has(tp):
        return _structure_attrs(value, tp, where)
    raise _Invalid(where, f"unsupported field type {tp!r}")  # pragma: no cover


def _field_types(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {a.name: hints[a.name] for a in attrs.fields(cls) if a.init}


def _structure_attrs(value: Any, cls: type, where: str, skip: tuple[str, ...] = ()) -> Any:
    if not isinstance(value, dict):
        raise _expect(where, f"a table of {cls.__name__} fields", value)
    fields = {a.alias: a for a in attrs.fields(cls) if a.init}
    types_ = _field_types(cls)
    extra = sorted(k for k in value if k not in fields and k not in skip)
    if extra:
        raise _Invalid(where, f"unknown field {extra[0]!r}; expected " + ", ".join(sorted(fields)))
    kwargs: dict[str, Any] = {}
    for alias, a in fields.items():
        at = f"{where}.{alias}" if where else alias
        if alias not in value:
            if a.default is attrs.NOTHING:
                raise _Invalid(at, "missing required field")
            continue
        kwargs[alias] = _structure(value[alias], types_[a.name], at)
    try:
        return cls(**kwargs)
    except (ValueError, TypeError, PeaceposError) as exc:
        raise _Invalid(_blame(cls, kwargs, where), str(exc)) from None


def _blame(cls: type, kwargs: dict[str, Any], where: str) -> str:
    """Which field's validator rejects its value (the place to report), else the object."""
    partial = types.SimpleNamespace(**kwargs)
    for a in attrs.fields(cls):
        if a.validator is None or a.alias not in kwargs:
            continue
        value = kwargs[a.alias]
        if a.converter is not None:
            try:
                value = a.converter(value)
            except (ValueError, TypeError):
                return f"{where}.{a.alias}" if where else a.alias
        try:
            a.validator(partial, a, value)
        except (ValueError, TypeError, PeaceposError):
            return f"{where}.{a.alias}" if where else a.alias
        except AttributeError:
            continue
    return where


def _structure_condition(value: Any, where: str) -> Condition:
    if not isinstance(value, dict):
        raise _expect(where, "a table with a 'kind' and its fields", value)
    kind = value.get("kind")
    if not isinstance(kind, str):
        raise _Invalid(
            f"{where}.kind", "missing 'kind'; expected one of " + ", ".join(condition_types())
        )
    try:
        cls = get_condition_type(kind)
    except PeaceposError as exc:
        raise _Invalid(f"{where}.kind", str(exc)) from None
    result: Condition = _structure_attrs(value, cls, where, skip=("kind",))
    return result


def _structure_endorsement(value: Any, where: str) -> Endorsement:
    if not isinstance(value, dict):
        raise _expect(where, "a table with 'position' and 'evidence'", value)
    ref = value.get("position")
    if not isinstance(ref, str) or not ref:
        raise _expect(f"{where}.position", "the id of the endorsed position", ref)
    from peacepos import corpus

    try:
        endorsed = corpus.load(ref)
    except PeaceposError as exc:
        raise _Invalid(f"{where}.position", str(exc)) from None
    result: Endorsement = _structure_attrs({**value, "position": None}, _EndorsementFile, where)
    return Endorsement(position=endorsed, evidence=result.evidence)


@attrs.frozen(kw_only=True)
class _EndorsementFile:
    position: None
    evidence: Evidence


def _check_depth(value: Any, where: str = "", depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise _Invalid(where, f"nested deeper than {MAX_DEPTH} levels")
    if isinstance(value, dict):
        for k, v in value.items():
            _check_depth(v, f"{where}.{k}" if where else str(k), depth + 1)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_depth(v, f"{where}[{i}]", depth + 1)
    elif isinstance(value, float):
        what = "not a number" if math.isnan(value) else "infinite" if math.isinf(value) else None
        raise _Invalid(where, f"expected no fractional numbers here (got {what or value!r})")


def _fill_documents(data: dict[str, Any]) -> dict[str, Any]:
    """Evidence may omit ``document``: it is then the position's ``document`` (or its id)."""
    default = data.get("document") or data.get("id")
    if not isinstance(default, str):
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
        _check_depth(data)
        result: Position = _structure_attrs(_fill_documents(dict(data)), Position, "")
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


def position_to_dict(position: Position) -> dict[str, Any]:
    """Plain data for a position: the file schema, defaults left out, stable key order."""
    data = _attrs_to_dict(position)
    data["conditions"] = [_condition_to_dict(c) for c in position.conditions]
    order = [
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
    ]
    return {k: data[k] for k in order if k in data}


# -- text formats -------------------------------------------------------------------------


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"
        )
    raise TypeError(f"cannot write {type(value).__name__} to TOML")  # pragma: no cover


def _toml_key(key: str) -> str:
    return (
        key
        if key.replace("_", "").replace("-", "").isalnum() and key.isascii()
        else json.dumps(key)
    )


def _to_toml(data: dict[str, Any]) -> str:
    lines: list[str] = []
    tables: list[tuple[str, list[dict[str, Any]]]] = []
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            tables.append((key, value))
        elif key == "date" and isinstance(value, str):
            lines.append(f"date = {value}")  # a TOML local date, as people write it
        else:
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    for name, rows in tables:
        for row in rows:
            lines.append("")
            lines.append(f"[[{name}]]")
            sub = {k: v for k, v in row.items() if isinstance(v, dict)}
            for k, v in row.items():
                if k not in sub:
                    lines.append(f"{_toml_key(k)} = {_toml_value(v)}")
            for k, v in sub.items():
                lines.append(f"[{name}.{_toml_key(k)}]")
                for kk, vv in v.items():
                    lines.append(f"{_toml_key(kk)} = {_toml_value(vv)}")
    return "\n".join(lines) + "\n"


def dumps_position(position: Position, format: str = "toml") -> str:
    """The position as TOML or JSON text (UTF-8, stable key order, trailing newline)."""
    data = position_to_dict(position)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if format == "toml":
        return _to_toml(data)
    raise ValueError(f"format must be 'toml' or 'json' (got {format!r})")


def _json_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def loads_position(text: str, format: str = "toml", *, source: str = "<string>") -> Position:
    """Parse TOML or JSON text into a position; errors name ``source`` and the place."""
    if format == "toml":
        try:
            data: Any = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise PositionFileError(source, "", f"not valid TOML: {exc}") from None
    elif format == "json":
        try:
            data = json.loads(text, parse_constant=_json_constant)
        except json.JSONDecodeError as exc:
            raise PositionFileError(
                source, f"line {exc.lineno}, column {exc.colno}", f"not valid JSON: {exc.msg}"
            ) from None
        except ValueError as exc:  # NaN/Infinity, or an integer too long to parse
            raise PositionFileError(source, "", f"not valid JSON: {exc}") from None
        except RecursionError:
            raise PositionFileError(source, "", "structure nested too deeply") from None
    else:
        raise ValueError(f"format must be 'toml' or 'json' (got {format!r})")
    return position_from_dict(data, source=source)


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".toml":
        return "toml"
    if suffix == ".json":
        return "json"
    raise PositionFileError(str(path), "", "unknown file type: expected a .toml or .json file")


def read_bytes_checked(path: Path) -> bytes:
    """Read a regular file of at most :data:`MAX_FILE_BYTES`, refusing anything else."""
    name = str(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise PositionFileError(name, "", "no such file") from None
    except IsADirectoryError:
        raise PositionFileError(name, "", "is a directory, not a file") from None
    except PermissionError:
        raise PositionFileError(name, "", "permission denied") from None
    except OSError as exc:
        raise PositionFileError(name, "", exc.strerror or "cannot open") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise PositionFileError(name, "", "is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise PositionFileError(name, "", "not a regular file (a device, FIFO or socket)")
        if info.st_size > MAX_FILE_BYTES:
            raise PositionFileError(
                name, "", f"file is {info.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}"
            )
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise PositionFileError(name, "", f"file is larger than {MAX_FILE_BYTES:,} bytes")
    return data


def _decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        raise PositionFileError(
            name, "", "starts with a byte-order mark; save it as UTF-8 without BOM"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PositionFileError(name, f"byte {exc.start}", "not UTF-8 text") from None
    if "\x00" in text:
        raise PositionFileError(
            name, f"character {text.index(chr(0))}", "contains a NUL character: not a text file"
        )
    if not text.strip():
        raise PositionFileError(name, "", "the file is empty")
    return text


def read_position(path: str | os.PathLike[str]) -> Position:
    """Read one position from a ``.toml`` or ``.json`` file."""
    p = Path(path)
    fmt = _format_of(p)
    text = _decode(read_bytes_checked(p), str(p))
    return loads_position(text, fmt, source=str(p))


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file and a rename: never half-written."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_position(
    position: Position, path: str | os.PathLike[str], format: str | None = None
) -> None:
    """Write a position to ``path`` (format from the suffix unless given), atomically."""
    p = Path(path)
    fmt = format or _format_of(p)
    write_text_atomic(p, dumps_position(position, fmt))
