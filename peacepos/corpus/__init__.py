"""The built-in data: codebooks and real positions, stored in the same file formats users write.

>>> from peacepos import corpus
>>> "china-2023-02-24" in corpus.ids()
True
>>> corpus.load("russia-2023-02-24").actors
('Russia',)
>>> "core" in corpus.codebooks(), "russia-ukraine" in corpus.codebooks()
(True, True)
"""

from __future__ import annotations

import contextvars
import functools
from typing import TYPE_CHECKING

from peacepos.errors import PeaceposError, UnknownCodebookError, UnknownPositionError
from peacepos.io import loads_codebook, loads_position
from peacepos.position import Position
from peacepos.vocabulary import Codebook

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["BUILTIN", "codebook", "codebooks", "has", "ids", "load", "load_all"]

_LOADING: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar(
    "peacepos_builtin_loading", default=()
)


@functools.cache
def _files(kind: str) -> dict[str, Traversable]:
    from importlib import resources  # on first use: it costs a tenth of `import peacepos`

    folder = resources.files(__name__) / kind
    return {f.name.removesuffix(".toml"): f for f in folder.iterdir() if f.name.endswith(".toml")}


def _unknown(what: str, name: str, known: list[str], hint: str) -> str:
    import difflib  # only on this error path

    near = difflib.get_close_matches(name, known, n=1)
    did = f"did you mean {near[0]!r}? " if near else ""
    return f"no built-in {what} {name!r}; {did}{hint}"


def codebooks() -> tuple[str, ...]:
    """The names of the built-in codebooks, sorted."""
    return tuple(sorted(_files("codebooks")))


@functools.cache
def codebook(name: str) -> Codebook:
    """A built-in codebook by name (``"core"``, ``"russia-ukraine"``, …)."""
    files = _files("codebooks")
    if name not in files:
        raise UnknownCodebookError(
            _unknown(
                "codebook",
                name,
                list(files),
                "the built-in ones: peacepos.corpus.codebooks() (`peacepos codebook list`); "
                "a codebook of your own joins through Library(codebooks=[...]) (on the "
                "command line, --codebook FILE)",
            )
        )
    source = f"peacepos/corpus/codebooks/{name}.toml"
    loading = _LOADING.get()
    token = _LOADING.set((*loading, f"codebook:{name}"))
    try:
        found = loads_codebook(
            files[name].read_text(encoding="utf-8"),
            "toml",
            resolve=BUILTIN,
            source=source,
            loading=tuple(x.split(":", 1)[1] for x in loading if x.startswith("codebook:")),
        )
    finally:
        _LOADING.reset(token)
    if found.name != name:
        raise PeaceposError(f"{source}: name is {found.name!r}, expected {name!r}")
    return found


def has(id: str) -> bool:
    """Whether ``id`` names a built-in position (without loading any)."""
    return id in _files("positions")


@functools.cache
def ids() -> tuple[str, ...]:
    """The ids of the built-in positions, sorted by date, then id."""
    positions = [load(i) for i in _files("positions")]
    return tuple(p.id for p in sorted(positions, key=lambda p: (p.date, p.id)))


@functools.cache
def load(id: str) -> Position:
    """Load a built-in position by id. Positions are immutable, so one copy is shared."""
    files = _files("positions")
    if id not in files:
        raise UnknownPositionError(
            _unknown(
                "position",
                id,
                list(files),
                "see `peacepos list` or peacepos.corpus.ids(), or give the path of a .toml "
                "or .json file",
            )
        )
    source = f"peacepos/corpus/positions/{id}.toml"
    loading = _LOADING.get()
    if f"position:{id}" in loading:  # pragma: no cover - the built-in data has no cycle
        raise PeaceposError(f"{source}: endorsements form a cycle")
    token = _LOADING.set((*loading, f"position:{id}"))
    try:
        position = loads_position(
            files[id].read_text(encoding="utf-8"),
            "toml",
            resolve=BUILTIN,
            source=source,
            loading=(id,),
        )
    finally:
        _LOADING.reset(token)
    if position.id != id:
        raise PeaceposError(f"{source}: id is {position.id!r}, expected {id!r}")
    return position


def load_all() -> tuple[Position, ...]:
    """Every built-in position, sorted by date, then id."""
    return tuple(load(i) for i in ids())


class _Builtin:
    """The resolver of the built-in data: built-in codebooks and positions by name."""

    def codebook(self, name: str) -> Codebook:
        return codebook(name)

    def position(self, id: str) -> Position:
        return load(id)

    def __repr__(self) -> str:
        return "peacepos.corpus.BUILTIN"


BUILTIN = _Builtin()
"""Resolves the names of built-in codebooks and positions (for :mod:`peacepos.io`)."""


def write_schemas(folder: str | None = None) -> list[str]:
    """Write the JSON Schemas shipped with peacepos (``peacepos/schemas``): one for codebook
    files, one for the position files of each built-in codebook. Returns the paths.

    Run ``python -m peacepos.corpus`` after changing a built-in codebook or a kind.
    """
    import json
    import os

    from peacepos.io import write_text_atomic
    from peacepos.io.schema import codebook_schema, position_schema

    target = folder or os.path.join(os.path.dirname(os.path.dirname(__file__)), "schemas")
    os.makedirs(target, exist_ok=True)
    schemas = {"codebook.schema.json": codebook_schema()}
    for name in codebooks():
        schemas[f"{name}.position.schema.json"] = position_schema(codebook(name))
    written = []
    for name, schema in schemas.items():
        path = os.path.join(target, name)
        write_text_atomic(path, json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
        written.append(path)
    return written
