"""Guards for files from other people: size, depth, list length, numbers and text are
limited before and while a file is parsed, and only regular files are read.

Every problem is an :class:`Invalid` (a place inside the document and what is wrong) that the
reader turns into a :class:`~peacepos.errors.InputFileError` naming the file; problems with
the path itself are :class:`~peacepos.errors.FileAccessError` (also an :class:`OSError`).
"""

from __future__ import annotations

import errno as errno_codes
import json
import math
import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

from peacepos._text import unsafe_character
from peacepos.errors import FileAccessError, InputFileError

__all__ = [
    "FILE_KINDS",
    "FORMATS",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_ITEMS",
    "Invalid",
    "check_values",
    "decode",
    "describe",
    "expect",
    "format_of",
    "join",
    "line_column",
    "parse",
    "read_bytes_checked",
]

MAX_FILE_BYTES = 1_000_000
"""Input files larger than this are refused before they are read."""

MAX_DEPTH = 32
"""Deeper nesting than this is refused (no position file needs more than six levels)."""

MAX_ITEMS = 1_000
"""Longer lists than this (conditions, regions, urls, ...) are refused."""

_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1  # TOML's whole numbers are 64-bit; so are ours

FORMATS = ("toml", "json")


class Invalid(Exception):
    """A problem at a place inside the document (becomes an InputFileError with the path)."""

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


def describe(value: Any) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else "infinity" if value > 0 else "-infinity"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")


def join(where: str, key: str) -> str:
    if _PLAIN_KEY.fullmatch(key):
        return f"{where}.{key}" if where else key
    return f"{where}[{json.dumps(key)}]"


def _place(path: tuple[str | int, ...]) -> str:
    where = ""
    for step in path:
        where = f"{where}[{step}]" if isinstance(step, int) else join(where, step)
    return where


def expect(where: str, what: str, value: Any) -> Invalid:
    return Invalid(where, f"expected {what} (got {describe(value)})")


# -- raw values: limits that hold whatever the schema says ----------------------------------


def _check_text(where: str, text: str) -> None:
    bad = unsafe_character(text)
    if bad is not None:
        raise Invalid(where, f"text contains {bad[1]} at character {bad[0]}")


def check_values(value: Any, depth: int = 0) -> None:
    """Limits on the parsed document: depth, list length, numbers, text, duplicate keys."""
    # The place of each value is built only when there is a problem to report.
    _check(value, (), depth)


def _check(value: Any, path: tuple[str | int, ...], depth: int) -> None:
    if depth > MAX_DEPTH:
        raise Invalid(_place(path), f"nested deeper than {MAX_DEPTH} levels")
    if isinstance(value, str):
        if unsafe_character(value) is not None:
            _check_text(_place(path), value)
    elif isinstance(value, dict):
        if isinstance(value, _Table) and value.duplicate is not None:
            raise Invalid(_place((*path, value.duplicate)), "duplicate key")
        for k, v in value.items():
            if not isinstance(k, str):
                raise expect(_place(path), "text keys", k)
            if unsafe_character(k) is not None:
                _check_text(_place((*path, k)), k)
            if not isinstance(v, (str, bool)) or depth >= MAX_DEPTH:
                _check(v, (*path, k), depth + 1)
            elif isinstance(v, str) and unsafe_character(v) is not None:
                _check_text(_place((*path, k)), v)
    elif isinstance(value, list):
        if len(value) > MAX_ITEMS:
            raise Invalid(
                _place(path), f"a list of {len(value):,} items; the limit is {MAX_ITEMS:,}"
            )
        for i, v in enumerate(value):
            _check(v, (*path, i), depth + 1)
    elif isinstance(value, bool):
        pass
    elif isinstance(value, int):
        if not _INT_MIN <= value <= _INT_MAX:
            raise Invalid(
                _place(path),
                f"a whole number with {len(str(abs(value))):,} digits is out of range (64 bits)",
            )
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise Invalid(_place(path), f"expected a finite number (got {describe(value)})")
    elif isinstance(value, _Rejected):
        if value.description.startswith("a whole number"):
            raise Invalid(_place(path), f"{value.description} is out of range (64 bits)")
        raise Invalid(_place(path), f"expected a finite number (got {value.description})")


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


def line_column(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    return f"line {line}, column {offset - text.rfind(chr(10), 0, offset)}"


def _check_nesting(text: str, format: str, source: str, error: type[InputFileError]) -> None:
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
                raise error(
                    source, line_column(text, m.start()), f"nested deeper than {MAX_DEPTH} levels"
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


_TOML_PLACE = re.compile(r"^(?P<msg>.*?) \((?P<at>at line \d+, column \d+|at end of document)\)$")
_LONG_NUMBER = re.compile(r"(?:^|[=,\[{])[ \t]*(?P<n>[+-]?[0-9A-Fa-fxob_]{4000,})", re.MULTILINE)


def parse(text: str, format: str, source: str, error: type[InputFileError]) -> Any:
    """Parse TOML or JSON text with every guard: length, nesting, syntax errors with a line
    and column, numbers beyond 64 bits, and the limits of :func:`check_values`."""
    if format not in FORMATS:
        raise ValueError(f"format must be 'toml' or 'json' (got {format!r})")
    if len(text) > MAX_FILE_BYTES:
        raise error(
            source, "", f"text is {len(text):,} characters long; the limit is {MAX_FILE_BYTES:,}"
        )
    _check_nesting(text, format, source, error)
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
        raise error(source, where, f"not valid TOML: {message}") from None
    except json.JSONDecodeError as exc:
        raise error(
            source, f"line {exc.lineno}, column {exc.colno}", f"not valid JSON: {exc.msg}"
        ) from None
    except RecursionError:
        raise error(source, "", f"nested deeper than {MAX_DEPTH} levels") from None
    except ValueError:  # an integer too long for Python to convert (TOML)
        m = _LONG_NUMBER.search(text)
        where = line_column(text, m.start("n")) if m else ""
        raise error(
            source, where, "a whole number with too many digits (at most 64 bits)"
        ) from None
    try:
        check_values(data)
    except Invalid as exc:
        raise error(source, exc.where, exc.problem) from None
    return data


# -- files --------------------------------------------------------------------------------


def format_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    return {".toml": "toml", ".json": "json"}.get(suffix)


FILE_KINDS = (
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
        for test, problem in FILE_KINDS:
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


def decode(data: bytes, name: str, error: type[InputFileError]) -> str:
    """The text of a file: UTF-8 without a byte-order mark, no NUL, not empty."""
    if data.startswith(b"\xef\xbb\xbf"):
        raise error(name, "", "starts with a byte-order mark; save it as UTF-8 without BOM")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise error(name, "", "is UTF-16 or UTF-32 text; save it as UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = data[: exc.start].decode("utf-8", "replace")
        raise error(
            name,
            line_column(head, len(head)),
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
        ) from None
    if "\x00" in text:
        raise error(
            name, line_column(text, text.index("\x00")), "contains a NUL byte: not a text file"
        )
    if not text.strip():
        raise error(name, "", "the file is empty")
    return text
