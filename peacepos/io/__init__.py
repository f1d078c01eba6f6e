"""Codebook and position files: TOML or JSON, read and written with precise errors.

The formats are documented in ``docs/file-format.md`` and ``docs/codebooks.md``. Files come
from other people, so reading is defensive (:mod:`.guards`): a file larger than
:data:`MAX_FILE_BYTES` is refused before it is read, as is anything that is not a regular file;
nesting, list lengths, numbers and text are limited, and every problem is an
:class:`~peacepos.errors.InputFileError` naming the file and the place inside it. Reading is
strict (:mod:`.structure`); writing (:mod:`.write`) refuses what could not be read back.

Reading needs a :class:`Resolver` for the codebooks and positions a file names;
:mod:`peacepos.library` passes the built-in ones (and yours).

>>> import peacepos, tempfile, pathlib
>>> p = peacepos.corpus.load("china-2023-02-24")
>>> out = pathlib.Path(tempfile.mkdtemp()) / "china.json"
>>> write_position(p, out)
>>> read_position(out, resolve=peacepos.corpus.BUILTIN) == p
True
>>> loads_position('id = "x"\\ntitle = "t"\\nactors = ["A"]\\ndate = 2023-01-01\\nconditions = 5',
...                resolve=peacepos.corpus.BUILTIN)
Traceback (most recent call last):
...
peacepos.errors.PositionFileError: <string> @ conditions: expected a list (got 5)
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from peacepos.errors import (
    CodebookFileError,
    InputFileError,
    InputTypeError,
    PositionFileError,
    PositionFormatError,
)
from peacepos.io.guards import (
    FORMATS,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_ITEMS,
    Invalid,
    decode,
    format_of,
    parse,
    read_bytes_checked,
)
from peacepos.io.structure import (
    DEFAULT_CODEBOOK,
    Resolver,
    codebook_from_dict,
    position_from_dict,
    position_problems,
)
from peacepos.io.write import dumps, write_bytes_atomic, write_text_atomic
from peacepos.plain import codebook_to_dict, position_to_dict
from peacepos.position import Position
from peacepos.vocabulary import Codebook

__all__ = [
    "DEFAULT_CODEBOOK",
    "FORMATS",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_ITEMS",
    "Resolver",
    "codebook_to_dict",
    "dumps_codebook",
    "dumps_position",
    "loads_codebook",
    "loads_position",
    "position_problems_in",
    "position_to_dict",
    "read_codebook",
    "read_position",
    "text_position_problems",
    "write_bytes_atomic",
    "write_codebook",
    "write_position",
    "write_text_atomic",
]


def loads_position(
    text: str,
    format: str = "toml",
    *,
    resolve: Resolver,
    source: str = "<string>",
    loading: tuple[str, ...] = (),
) -> Position:
    """Parse TOML or JSON text into a position; errors name ``source`` and the place."""
    _check_text(text, "loads_position")
    _check_format(format)
    data = parse(text, format, source, PositionFileError)
    try:
        return position_from_dict(data, resolve=resolve, loading=loading, format=format)
    except Invalid as exc:
        raise PositionFileError(source, exc.where, exc.problem) from None


def read_position(
    path: str | os.PathLike[str], *, resolve: Resolver, loading: tuple[str, ...] = ()
) -> Position:
    """Read one position from a ``.toml`` or ``.json`` file."""
    name = os.fspath(path)
    data = read_bytes_checked(name)
    fmt = format_of(Path(name))
    if fmt is None:
        raise PositionFileError(name, "", "unknown file type: expected a .toml or .json file")
    return loads_position(
        decode(data, name, PositionFileError), fmt, resolve=resolve, source=name, loading=loading
    )


def position_problems_in(
    path: str | os.PathLike[str], *, resolve: Resolver
) -> list[PositionFileError]:
    """Every problem of a position file (see :func:`.structure.position_problems`), each naming
    the file and the place; empty when the file reads. A file that cannot be read or parsed
    has that one problem."""
    name = os.fspath(path)
    try:
        raw = read_bytes_checked(name)
        fmt = format_of(Path(name))
        if fmt is None:
            raise PositionFileError(name, "", "unknown file type: expected a .toml or .json file")
        data = parse(decode(raw, name, PositionFileError), fmt, name, PositionFileError)
    except PositionFileError as exc:
        return [exc]
    return [
        PositionFileError(name, p.where, p.problem)
        for p in position_problems(data, resolve=resolve, format=fmt)
    ]


def text_position_problems(
    text: str, format: str = "toml", *, resolve: Resolver, source: str = "<string>"
) -> list[PositionFileError]:
    """Every problem of a position's TOML or JSON text, as :func:`position_problems_in`."""
    _check_text(text, "text_position_problems")
    _check_format(format)
    try:
        data = parse(text, format, source, PositionFileError)
    except PositionFileError as exc:
        return [exc]
    return [
        PositionFileError(source, p.where, p.problem)
        for p in position_problems(data, resolve=resolve, format=format)
    ]


def loads_codebook(
    text: str,
    format: str = "toml",
    *,
    resolve: Resolver,
    source: str = "<string>",
    loading: tuple[str, ...] = (),
) -> Codebook:
    """Parse TOML or JSON text into a codebook; errors name ``source`` and the place."""
    _check_text(text, "loads_codebook")
    _check_format(format, CodebookFileError)
    data = parse(text, format, source, CodebookFileError)
    try:
        return codebook_from_dict(data, resolve=resolve, loading=loading)
    except Invalid as exc:
        raise CodebookFileError(source, exc.where, exc.problem) from None


def read_codebook(
    path: str | os.PathLike[str], *, resolve: Resolver, loading: tuple[str, ...] = ()
) -> Codebook:
    """Read one codebook from a ``.toml`` or ``.json`` file."""
    name = os.fspath(path)
    data = read_bytes_checked(name)
    fmt = format_of(Path(name))
    if fmt is None:
        raise CodebookFileError(name, "", "unknown file type: expected a .toml or .json file")
    return loads_codebook(
        decode(data, name, CodebookFileError), fmt, resolve=resolve, source=name, loading=loading
    )


def dumps_position(
    position: Position,
    format: str = "toml",
    *,
    check_endorsed: Callable[[Position], None] | None = None,
) -> str:
    """The position as TOML or JSON text that reads back as an equal position."""
    _check_format(format, PositionFormatError)
    return dumps(position_to_dict(position, check_endorsed=check_endorsed), format)


def dumps_codebook(codebook: Codebook, format: str = "toml") -> str:
    """The codebook as TOML or JSON text (its own declarations; includes by name)."""
    _check_format(format, PositionFormatError)
    return dumps(codebook_to_dict(codebook), format)


def _target_format(name: str, format: str | None) -> str:
    suffix = format_of(Path(name))
    if format is None:
        if suffix is None:
            raise PositionFormatError(f"{name}: unknown file type: expected a .toml or .json file")
        return suffix
    _check_format(format, PositionFormatError)
    if suffix is not None and suffix != format:
        raise PositionFormatError(
            f"{name}: the suffix says {suffix.upper()} but the format asked for is "
            f"{format.upper()}; make them agree"
        )
    return format


def write_position(
    position: Position,
    path: str | os.PathLike[str],
    format: str | None = None,
    *,
    check_endorsed: Callable[[Position], None] | None = None,
) -> None:
    """Write a position to ``path`` (format from the suffix unless given), atomically."""
    name = os.fspath(path)
    text = dumps_position(position, _target_format(name, format), check_endorsed=check_endorsed)
    write_text_atomic(name, text)


def write_codebook(
    codebook: Codebook, path: str | os.PathLike[str], format: str | None = None
) -> None:
    """Write a codebook to ``path`` (format from the suffix unless given), atomically."""
    name = os.fspath(path)
    write_text_atomic(name, dumps_codebook(codebook, _target_format(name, format)))


def _check_text(text: object, function: str) -> None:
    if not isinstance(text, str):
        hint = " (decode bytes first: data.decode('utf-8'))" if isinstance(text, bytes) else ""
        raise InputTypeError(f"{function}() reads text (str), not {type(text).__name__}{hint}")


def _check_format(format: str, error: type[Exception] = PositionFileError) -> None:
    if not isinstance(format, str) or format not in FORMATS:
        message = f"format must be 'toml' or 'json' (got {format!r})"
        if issubclass(error, InputFileError):
            raise error("<format>", "", message)
        raise error(message)
