"""The exceptions peacepos raises. One root, each also a builtin so ``except ValueError`` works."""

from __future__ import annotations

from peacepos._text import MAX_MESSAGE_CHARS, one_line

__all__ = [
    "MAX_MESSAGE_CHARS",
    "CodebookError",
    "CodebookFileError",
    "CodebookMismatchError",
    "ContradictionError",
    "FileAccessError",
    "InputFileError",
    "OutputFileError",
    "PeaceposError",
    "PositionFileError",
    "PositionFormatError",
    "UnknownCodebookError",
    "UnknownIssueError",
    "UnknownPositionError",
    "one_line",
]


class PeaceposError(Exception):
    """Root of every error peacepos raises on purpose."""


class UnknownIssueError(PeaceposError, KeyError):
    """An issue key, area, outcome or condition kind that the codebook does not know."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


class UnknownPositionError(PeaceposError, LookupError):
    """An id that names no built-in position (or no position the resolver knows)."""


class UnknownCodebookError(PeaceposError, LookupError):
    """A name that names no built-in codebook (or no codebook the resolver knows)."""


class ContradictionError(PeaceposError, ValueError):
    """A position whose own conditions leave some issue with no acceptable outcome."""


class CodebookError(PeaceposError, ValueError):
    """A codebook that is not coherent: an unknown issue or outcome in a kind or implication,
    a key declared twice, an included issue redefined with other outcomes."""


class CodebookMismatchError(PeaceposError, ValueError):
    """Positions of different codebooks that disagree on an issue both address."""


class InputFileError(PeaceposError, ValueError):
    """A file that cannot be read: names the file, the place inside it, and what is wrong.

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


class PositionFileError(InputFileError):
    """A position file that cannot be read."""


class CodebookFileError(InputFileError):
    """A codebook file that cannot be read."""


class FileAccessError(PositionFileError, CodebookFileError, OSError):
    """A path that cannot be read as an input file: missing, a directory, a device or FIFO,
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


class InputTypeError(PeaceposError, TypeError):
    """Input of the wrong type for a reader (bytes or None where text is read)."""


class PositionFormatError(PeaceposError, ValueError):
    """A position or codebook that cannot be written in a file format (text that could not be
    read back, a value too long for the reader's limits, an endorsement of an unknown text)."""
