"""The exceptions peacepos raises. One root, each also a builtin so ``except ValueError`` works."""

from __future__ import annotations

__all__ = [
    "ContradictionError",
    "PeaceposError",
    "PositionFileError",
    "UnknownIssueError",
]


class PeaceposError(Exception):
    """Root of every error peacepos raises on purpose."""


class UnknownIssueError(PeaceposError, KeyError):
    """An issue key, region or outcome that the catalogue does not know."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


class ContradictionError(PeaceposError, ValueError):
    """A position whose own conditions leave some issue with no acceptable outcome."""


class PositionFileError(PeaceposError, ValueError):
    """A position file that cannot be read: names the file, the place inside it, and what is wrong.

    ``path`` is the file, ``where`` the place inside it (``conditions[3].regions``, or a line
    and column for syntax errors) and ``problem`` what is wrong.
    """

    def __init__(self, path: str, where: str, problem: str) -> None:
        self.path = path
        self.where = where
        self.problem = problem
        place = f" @ {where}" if where else ""
        super().__init__(f"{path}{place}: {problem}")
