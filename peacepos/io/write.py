"""From plain data to files: TOML and JSON text, atomic writes.

Whatever is written reads back as an equal value: text a file may not hold is refused before
anything is written (:class:`~peacepos.errors.PositionFormatError`), and so is a file larger
than the reader accepts. Files are written through a temporary file and a rename, so a target
is never half-written; a directory of files (a static site) is written whole into a new
directory beside its target and then renamed into place.
"""

from __future__ import annotations

import contextlib
import errno as errno_codes
import json
import math
import os
import posixpath
import re
import shutil
import stat
from collections.abc import Mapping
from typing import Any

from peacepos._text import unsafe_character
from peacepos.errors import OutputFileError, PositionFormatError
from peacepos.io.guards import FILE_KINDS, FORMATS, MAX_FILE_BYTES, MAX_ITEMS, join

__all__ = ["dumps", "to_toml", "write_bytes_atomic", "write_text_atomic", "write_tree_atomic"]

# -- text formats -------------------------------------------------------------------------

# JSON's escaping leaves DEL, the C1 controls and the line separators raw; TOML forbids DEL.
_TOML_RAW = re.compile(r"[\x7f-\x9f\u2028\u2029]")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_INLINE_WIDTH = 72


def _toml_key(key: str) -> str:
    if _BARE_KEY.fullmatch(key):
        return key
    return _toml_string(key)


def _toml_string(text: str) -> str:
    quoted = json.dumps(text, ensure_ascii=False)  # a JSON string is a TOML basic string
    return _TOML_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


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
        return _toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v, f"{where}[{i}]") for i, v in enumerate(value)) + "]"
    if isinstance(value, dict):
        items = (f"{_toml_key(k)} = {_toml_value(v, join(where, k))}" for k, v in value.items())
        return "{ " + ", ".join(items) + " }"
    if value is None:
        raise PositionFormatError(f"{where}: TOML has no null value; write this file as JSON")
    raise PositionFormatError(f"{where}: cannot write {type(value).__name__} to TOML")


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _wants_table(value: Any) -> bool:
    """Whether a value reads better as a sub-table (or array of tables) than inline."""
    if _is_table_list(value):
        return True
    if isinstance(value, dict) and value:
        inline = _toml_value(value, "")
        return len(inline) > _INLINE_WIDTH or any(isinstance(v, dict) for v in value.values())
    return False


def _toml_table(data: dict[str, Any], path: str, lines: list[str], top: bool = False) -> None:
    """Emit a table's keys: plain values first, then sub-tables, then arrays of tables.

    TOML puts a table's plain keys before its sub-tables; to keep the keys in their order, a
    value that would be a sub-table but comes before a plain one is written inline.
    """
    keys = list(data)
    last_plain = max((i for i, k in enumerate(keys) if not _wants_table(data[k])), default=-1)
    tables: list[tuple[str, dict[str, Any]]] = []
    arrays: list[tuple[str, list[dict[str, Any]]]] = []
    for i, (key, value) in enumerate(data.items()):
        name = f"{path}.{_toml_key(key)}" if path else _toml_key(key)
        if i > last_plain and _wants_table(value):
            if _is_table_list(value):
                if tables:  # arrays of tables come after the sub-tables: keep the order
                    lines.append(f"{_toml_key(key)} = {_toml_value(value, name)}")
                    continue
                arrays.append((name, value))
            elif arrays:  # a sub-table after an array of tables would land inside it
                lines.append(f"{_toml_key(key)} = {_toml_value(value, name)}")
            else:
                tables.append((name, value))
            continue
        if top and key == "date" and isinstance(value, str):
            lines.append(f"date = {value}")  # a TOML local date, as people write it
            continue
        lines.append(f"{_toml_key(key)} = {_toml_value(value, name)}")
    for name, table in tables:
        lines += ["", f"[{name}]"] if top else [f"[{name}]"]
        _toml_table(table, name, lines)
    for name, rows in arrays:
        for row in rows:
            lines += ["", f"[[{name}]]"]
            _toml_table(row, name, lines)


def to_toml(data: dict[str, Any]) -> str:
    lines: list[str] = []
    _toml_table(data, "", lines, top=True)
    return "\n".join(lines) + "\n"


def _check_writable(value: Any, where: str = "") -> None:
    """Refuse, before anything is written, text that a file may not hold (the same rule as
    for reading), so that whatever is written can be read back."""
    if isinstance(value, str):
        bad = unsafe_character(value)
        if bad is not None:
            raise PositionFormatError(f"{where or 'file'}: cannot write text containing {bad[1]}")
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_writable(k, where)
            _check_writable(v, join(where, k))
    elif isinstance(value, list):
        if len(value) > MAX_ITEMS:
            raise PositionFormatError(
                f"{where or 'file'}: a list of {len(value):,} items; the reader's limit is "
                f"{MAX_ITEMS:,}, so it could not be read back"
            )
        for i, v in enumerate(value):
            _check_writable(v, f"{where}[{i}]")


def dumps(data: dict[str, Any], format: str = "toml") -> str:
    """Plain data as TOML or JSON text (UTF-8, stable key order, trailing newline) that the
    reader accepts: refused if it holds unsafe text or is larger than the reader's limit."""
    if format not in FORMATS:
        raise PositionFormatError(f"format must be 'toml' or 'json' (got {format!r})")
    _check_writable(data)
    if format == "json":
        try:
            text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
        except ValueError as exc:
            raise PositionFormatError(f"cannot write JSON: {exc}") from None
    else:
        text = to_toml(data)
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise PositionFormatError(
            f"the file would be {size:,} bytes; the reader's limit is {MAX_FILE_BYTES:,}, so it "
            "could not be read back"
        )
    return text


# -- files --------------------------------------------------------------------------------


def _temporary(directory: str, name: str, mode: int) -> tuple[int, str]:
    """A new temporary file next to the target (created with the umask, like any new file),
    named ``.NAME.PID-RANDOM.tmp``: the writer's process id tells a stale one (see
    :func:`remove_stale_temporaries`)."""
    import secrets  # here, not at the top: only writers need it, and it costs import time

    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        tmp = os.path.join(directory, f".{name}.{os.getpid()}-{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, flags, mode), tmp
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue
    raise FileExistsError(
        errno_codes.EEXIST, "no free temporary name", directory
    )  # pragma: no cover


def remove_stale_temporaries(directory: str, name: str) -> list[str]:
    """Remove the temporary files an earlier write to ``name`` left in ``directory`` when its
    process was killed before it could clean up (SIGKILL, a power cut): those whose writer's
    process no longer runs. Returns the paths removed."""
    pattern = re.compile(rf"\.{re.escape(name)}\.(\d+)-[0-9a-f]{{12}}\.tmp")
    removed: list[str] = []
    try:
        entries = os.listdir(directory)
    except OSError:
        return removed
    for entry in entries:
        match = pattern.fullmatch(entry)
        if match is None or _running(int(match.group(1))):
            continue
        path = os.path.join(directory, entry)
        with contextlib.suppress(OSError):
            if stat.S_ISREG(os.lstat(path).st_mode):
                os.unlink(path)
                removed.append(path)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or we cannot tell: leave its file alone
    return True


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
    write_bytes_atomic(name, data)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` as :func:`write_text_atomic` writes text."""
    name = os.fspath(path)
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
        for test, problem in FILE_KINDS:
            if test(info.st_mode):
                raise OutputFileError(name, problem)
        mode = stat.S_IMODE(info.st_mode)
        existing = True
    tmp = None
    remove_stale_temporaries(directory or ".", base)
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


def _fresh_directory(parent: str, base: str, suffix: str) -> str:
    """A new empty directory beside the target (created with the umask, like any new one)."""
    import secrets

    for _ in range(100):
        path = os.path.join(parent, f".{base}.{secrets.token_hex(6)}.{suffix}")
        try:
            os.mkdir(path)
            return path
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue
    raise FileExistsError(errno_codes.EEXIST, "no free temporary name", parent)  # pragma: no cover


def _relative(name: str) -> list[str]:
    """The parts of a ``/``-separated path inside the tree; refuses one that leaves it."""
    parts = name.split("/")
    if (
        not name
        or posixpath.isabs(name)
        or any(part in ("", ".", "..") or "\\" in part or "\0" in part for part in parts)
    ):
        raise ValueError(f"not a plain relative path inside the directory: {name!r}")
    return parts


def write_tree_atomic(
    path: str | os.PathLike[str], files: Mapping[str, str], *, marker: str
) -> None:
    """Write a directory of text files, all at once: never a mix of old and new files.

    ``files`` maps ``/``-separated paths inside the directory to their text; it must hold
    ``marker``, the file that says the directory was written by this function. The files are
    written (and synced) into a new directory beside ``path``, which then takes the place of
    ``path``. An existing ``path`` is replaced only if it is an empty directory or holds
    ``marker`` (an earlier run); anything else — a file, a symbolic link, a directory of other
    things — is refused and left as it was. On any failure the new directory is removed and
    ``path`` is as before. Errors are :class:`~peacepos.errors.OutputFileError`.
    """
    name = os.fspath(path)
    if marker not in files:
        raise ValueError(f"the files must include the marker {marker!r}")
    for relative in files:
        _relative(relative)
    target = os.path.abspath(name)
    parent, base = os.path.split(target.rstrip(os.sep))
    existing = False
    if os.path.islink(target):
        raise OutputFileError(name, "is a symbolic link; give the directory itself")
    if os.path.lexists(target):
        if not os.path.isdir(target):
            raise OutputFileError(name, "exists and is not a directory")
        try:
            entries = os.listdir(target)
        except OSError as exc:
            raise OutputFileError(name, exc.strerror or str(exc), exc.errno) from None
        if entries and not os.path.isfile(os.path.join(target, marker)):
            raise OutputFileError(
                name,
                f"is a directory that holds other things (no {marker} file from an earlier "
                "run); give a new or empty directory",
            )
        existing = True
    fresh = old = None
    try:
        os.makedirs(parent, exist_ok=True)  # like mkdir -p: the parents may be new too
        fresh = _fresh_directory(parent, base, "new")
        for relative, text in files.items():
            full = os.path.join(fresh, *_relative(relative))
            os.makedirs(os.path.dirname(full), exist_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
            fd = os.open(full, flags, 0o666)
            try:
                _write_all(fd, text.encode("utf-8"))
                os.fsync(fd)
            finally:
                os.close(fd)
        if existing:
            old = _fresh_directory(parent, base, "old")
            os.rename(target, os.path.join(old, "site"))
            try:
                os.rename(fresh, target)
            except OSError:
                os.rename(os.path.join(old, "site"), target)  # put the previous one back
                raise
        else:
            os.rename(fresh, target)
        fresh = None
    except UnicodeEncodeError as exc:
        raise OutputFileError(name, f"the text is not valid Unicode ({exc.reason})") from None
    except OSError as exc:
        raise OutputFileError(name, exc.strerror or str(exc), exc.errno) from None
    finally:
        for leftover in (fresh, old):
            if leftover is not None:
                shutil.rmtree(leftover, ignore_errors=True)
    with contextlib.suppress(OSError):  # make the renames durable, where supported
        dir_fd = os.open(parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
