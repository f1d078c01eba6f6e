"""The built-in corpus: real positions, stored in the same file format users write.

>>> from peacepos import corpus
>>> "china-2023-02-24" in corpus.ids()
True
>>> corpus.load("russia-2023-02-24").actors
('Russia',)
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING

from peacepos.errors import PeaceposError, UnknownPositionError
from peacepos.io import loads_position, read_position
from peacepos.position import Position

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["has", "ids", "load", "load_all", "resolve"]


@functools.cache
def _files() -> dict[str, Traversable]:
    from importlib import resources  # on first use: it costs a tenth of `import peacepos`

    data = resources.files(__name__) / "data"
    return {f.name.removesuffix(".toml"): f for f in data.iterdir() if f.name.endswith(".toml")}


def has(id: str) -> bool:
    """Whether ``id`` names a built-in position (without loading any)."""
    return id in _files()


@functools.cache
def ids() -> tuple[str, ...]:
    """The ids of the built-in positions, sorted by date, then id."""
    positions = [load(i) for i in _files()]
    return tuple(p.id for p in sorted(positions, key=lambda p: (p.date, p.id)))


@functools.cache
def load(id: str) -> Position:
    """Load a built-in position by id. Positions are immutable, so one copy is shared."""
    files = _files()
    if id not in files:
        import difflib  # only on this error path

        near = difflib.get_close_matches(id, list(files), n=1)
        hint = f"did you mean {near[0]!r}? " if near else ""
        raise UnknownPositionError(
            f"no built-in position {id!r}; {hint}see `peacepos list` or peacepos.corpus.ids(), "
            "or give the path of a .toml or .json file"
        )
    source = f"peacepos/corpus/data/{id}.toml"
    position = loads_position(files[id].read_text(encoding="utf-8"), "toml", source=source)
    if position.id != id:
        raise PeaceposError(f"{source}: id is {position.id!r}, expected {id!r}")
    return position


def load_all() -> tuple[Position, ...]:
    """Every built-in position, sorted by date, then id."""
    return tuple(load(i) for i in ids())


def resolve(ref: str | os.PathLike[str]) -> Position:
    """A position by corpus id or by file path (anything ending .toml or .json is a path)."""
    text = os.fspath(ref)
    if text.endswith((".toml", ".json")) or os.sep in text or Path(text).exists():
        return read_position(text)
    return load(text)
