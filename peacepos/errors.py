"""The exceptions peacepos raises. One root, each also a builtin so ``except ValueError`` works."""

from __future__ import annotations

import re

__all__ = [
    "ContradictionError",
    "FileAccessError",
    "OutputFileError",
    "PeaceposError",
    "PositionFileError",
    "PositionFormatError",
    "UnknownIssueError",
    "UnknownPositionError",
]

MAX_MESSAGE_CHARS = 500
"""Error messages longer than this are cut (a hostile file can hold very long values)."""

_UNPRINTABLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def one_line(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """``text`` on one printable line: control characters escaped, cut at ``limit``.

    >>> one_line("a\\nb\\x1b[31m")
    'a\\\\nb\\\\x1b[31m'
    """
    text = _UNPRINTABLE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class PeaceposError(Exception):
    """Root of every error peacepos raises on purpose."""


class UnknownIssueError(PeaceposError, KeyError):
    """An issue key, region or outcome that the catalogue does not know."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


class ContradictionError(PeaceposError, ValueError):
    """A position whose own conditions leave some issue with no acceptable outcome."""


class UnknownPositionError(PeaceposError, LookupError):
    """A corpus id that names no built-in position."""


class PositionFileError(PeaceposError, ValueError):
    """A position file that cannot be read: names the file, the place inside it, and what is wrong.

    ``path`` is the file, ``where`` the place inside it (``conditions[3].regions``, or a line
    and column for syntax errors) and ``problem`` what is wrong. The message is always one
    printable line: ``path @ where: problem``.

    >>> str(PositionFileError("a.toml", "conditions[3].regions", "expected a list (got 'crimea')"))
    "a.toml @ conditions[3].regions: expected a list (got 'crimea')"
    """

    def __init__(self, path: str, where: str, problem: str) -> None:
        self.path = path
        self.where = where
        self.problem = problem
        place = f" @ {where}" if where else ""
        super().__init__(one_line(f"{path}{place}: {problem}"))

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class FileAccessError(PositionFileError, OSError):
    """A path that cannot be read as a position file: missing, a directory, a device or FIFO,
    unreadable, or larger than the size limit. Also an :class:`OSError` (``errno`` is set
    where the system gave one)."""

    def __init__(self, path: str, problem: str, errno: int | None = None) -> None:
        super().__init__(path, "", problem)
        self.errno = errno
        self.strerror = problem
        self.filename = path


class OutputFileError(PeaceposError, OSError):
    """An output file that cannot be written; the previous file, if any, is left intact."""

    def __init__(self, path: str, problem: str, errno: int | None = None) -> None:
        super().__init__(one_line(f"{path}: cannot write: {problem}"))
        self.errno = errno
        self.strerror = problem
        self.filename = path

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class PositionFormatError(PeaceposError, ValueError):
    """A position that cannot be written in a file format (e.g. text that is not valid Unicode)."""
