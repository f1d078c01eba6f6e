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
import io
import os
import pickle
import sys
import zlib
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

from peacepos.errors import PeaceposError, UnknownCodebookError, UnknownPositionError
from peacepos.position import Position
from peacepos.vocabulary import Codebook

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = [
    "BUILTIN",
    "codebook",
    "codebooks",
    "has",
    "ids",
    "load",
    "load_all",
    "write_cache",
    "write_schemas",
]

CACHE = "builtin.pickle"
"""The built-in data, already read, beside the files it was read from (see :func:`write_cache`).
A wheel of peacepos carries it; without it, or where a file has changed since it was written,
the files are read."""

_LOADING: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar(
    "peacepos_builtin_loading", default=()
)


class _Folder:
    """A folder on disk, read as the built-in data is read (the part of importlib.resources'
    ``Traversable`` used here): the command line starts without importing pathlib, which
    costs about as much as reading the two positions of a comparison."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.name = os.path.basename(path)

    def __truediv__(self, name: str) -> _Folder:
        return _Folder(os.path.join(self.path, name))

    def is_dir(self) -> bool:
        return os.path.isdir(self.path)

    def iterdir(self) -> Iterator[_Folder]:
        return (_Folder(os.path.join(self.path, n)) for n in sorted(os.listdir(self.path)))

    def open(self, mode: str = "rb") -> IO[Any]:
        return open(self.path, mode)

    def read_bytes(self) -> bytes:
        with open(self.path, "rb") as f:
            return f.read()

    def read_text(self, encoding: str = "utf-8") -> str:
        with open(self.path, encoding=encoding) as f:
            return f.read()


def _here() -> Traversable | _Folder:
    """This package's folder: on disk as installed, else through importlib.resources (which
    costs more to import than the rest of the command line's start)."""
    folder = _Folder(os.path.dirname(os.path.abspath(__file__)))
    if (folder / "codebooks").is_dir():
        return folder
    from importlib import resources

    return resources.files(__name__)


@functools.cache
def _files(kind: str) -> dict[str, Traversable | _Folder]:
    folder = _here() / kind
    return {f.name.removesuffix(".toml"): f for f in folder.iterdir() if f.name.endswith(".toml")}


def _unknown(what: str, name: str, known: list[str], hint: str) -> str:
    import difflib  # only on this error path

    near = difflib.get_close_matches(name, known, n=1)
    did = f"did you mean {near[0]!r}? " if near else ""
    return f"no built-in {what} {name!r}; {did}{hint}"


def codebooks() -> tuple[str, ...]:
    """The names of the built-in codebooks, sorted."""
    return tuple(sorted(_files("codebooks")))


def _header() -> dict[str, Any]:
    """What a cache must have been written by: this version, this Python, and classes with
    these fields (a pickle holds each object's fields in order)."""
    import attrs

    import peacepos.conditions as conditions
    import peacepos.position as position
    import peacepos.vocabulary as vocabulary
    from peacepos._version import __version__

    classes = (
        position.Position,
        position.Stance,
        position.Term,
        position.Endorsement,
        conditions.Evidence,
        conditions.Declared,
        vocabulary.Codebook,
        vocabulary.Issue,
        vocabulary.NumericIssue,
        vocabulary.KindSpec,
        vocabulary.Area,
    )
    return {
        "cache": 1,
        "peacepos": __version__,
        "python": list(sys.version_info[:2]),
        "fields": [[a.name for a in attrs.fields(c)] for c in classes],
        "code": _code(),
    }


# The modules whose code decides what a cached item holds: how the files are read, and the
# stances a position computes from its conditions (they are cached with it).
_CODE = (
    "_text.py",
    "conditions.py",
    "constraints.py",
    "errors.py",
    "kinds.py",
    "plain.py",
    "position.py",
    "vocabulary.py",
    "io/__init__.py",
    "io/guards.py",
    "io/structure.py",
)


def _code() -> int | None:
    """A checksum of those modules' source: a cache written by other code (a checkout edited
    since, say) is not used. None where the source cannot be read (then no cache is used)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    crc = 0
    try:
        for name in _CODE:
            with open(os.path.join(package, *name.split("/")), "rb") as f:
                crc = zlib.crc32(f.read(), crc)
    except OSError:
        return None
    return crc


class _Stored(dict[tuple[str, str], tuple[int, int, int]]):
    """The cache's index: per item, the checksum of the file it was read from and where its
    pickle lies in the cache file; empty when there is no cache this code can use."""

    def __init__(
        self,
        index: dict[tuple[str, str], tuple[int, int, int]],
        *,
        start: int = 0,
        identity: tuple[int, ...] | None = None,
    ) -> None:
        super().__init__(index)
        self.start = start
        self.identity = identity

    def read(self, offset: int, length: int) -> bytes | None:
        """An item's pickle; None if the cache file is no longer the one indexed."""
        try:
            with (_here() / CACHE).open("rb") as f:
                if _identity(f) != self.identity:
                    return None
                f.seek(self.start + offset)
                data = f.read(length)
        except OSError:
            return None
        return data if len(data) == length else None


def _identity(f: Any) -> tuple[int, ...] | None:
    """Which file ``f`` is (None inside an archive, which cannot change)."""
    try:
        st = os.fstat(f.fileno())
    except (AttributeError, OSError):  # no fileno(), or not a real file
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


@functools.cache
def _cache() -> _Stored:
    """The cache shipped beside the data, as its index: an item is read when first loaded.
    Empty when there is none or it was written by another version or other code."""
    try:
        with (_here() / CACHE).open("rb") as f:
            size = int.from_bytes(f.read(8), "big")
            header, index = pickle.loads(f.read(size))
            identity = _identity(f)
    except Exception:  # no cache, or one this version cannot read: read the files
        return _Stored({})
    if header != _header() or header.get("code") is None:
        return _Stored({})
    return _Stored(index, start=8 + size, identity=identity)


class _Unpickler(pickle.Unpickler):
    """Codebooks and positions an item names are the built-in ones, by name."""

    def persistent_load(self, pid: Any) -> Any:
        kind, name = pid
        return codebook(name) if kind == "codebook" else load(name)


def _cached(kind: str, name: str, text: str) -> Any:
    stored = _cache()
    found = stored.get((kind, name))
    if found is None or found[0] != _checksum(text):
        return None
    data = stored.read(found[1], found[2])
    return None if data is None else _Unpickler(io.BytesIO(data)).load()


def _checksum(text: str) -> int:
    data = text.encode("utf-8")
    return zlib.crc32(data) ^ (len(data) << 32)


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, root: object) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.root = root

    def persistent_id(self, obj: Any) -> Any:
        if obj is self.root:
            return None
        if isinstance(obj, Codebook):
            return ("codebook", obj.name)
        if isinstance(obj, Position):
            return ("position", obj.id)
        return None


def write_cache(path: str | None = None) -> str:
    """Write the cache of the built-in data (:data:`CACHE`): every built-in codebook and
    position read from its file, pickled, with the file's checksum. Returns the path.

    The package reads it only from its own folder, and uses an item only if its file is
    unchanged and the cache was written by this version of peacepos, attrs and Python.

    The file is an index (its length in 8 bytes, then the pickled header and index) followed
    by each item's pickle: a command reads the index and the items it loads, not the rest.
    """
    index: dict[tuple[str, str], tuple[int, int, int]] = {}
    blobs = io.BytesIO()
    for kind, names, read in (
        ("codebook", codebooks(), _read_codebook),
        ("position", tuple(_files("positions")), _read_position),
    ):
        for name in names:
            text = _text(kind, name)
            buffer = io.BytesIO()
            _Pickler(buffer, root=(obj := read(name, text))).dump(obj)
            index[(kind, name)] = (_checksum(text), blobs.tell(), buffer.tell())
            blobs.write(buffer.getvalue())
    target = path or os.path.join(os.path.dirname(__file__), CACHE)
    from peacepos.io import write_bytes_atomic

    head = pickle.dumps((_header(), index), protocol=pickle.HIGHEST_PROTOCOL)
    write_bytes_atomic(target, len(head).to_bytes(8, "big") + head + blobs.getvalue())
    return target


def _text(kind: str, name: str) -> str:
    return _files(kind + "s")[name].read_text(encoding="utf-8")


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
    text = _text("codebook", name)
    found = _cached("codebook", name, text)
    if isinstance(found, Codebook):
        return found
    return _read_codebook(name, text)


def _read_codebook(name: str, text: str) -> Codebook:
    from peacepos.io import loads_codebook

    source = f"peacepos/corpus/codebooks/{name}.toml"
    loading = _LOADING.get()
    token = _LOADING.set((*loading, f"codebook:{name}"))
    try:
        found = loads_codebook(
            text,
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
    text = _text("position", id)
    found = _cached("position", id, text)
    if isinstance(found, Position):
        return found
    return _read_position(id, text)


def _read_position(id: str, text: str) -> Position:
    from peacepos.io import loads_position

    source = f"peacepos/corpus/positions/{id}.toml"
    loading = _LOADING.get()
    if f"position:{id}" in loading:  # pragma: no cover - the built-in data has no cycle
        raise PeaceposError(f"{source}: endorsements form a cycle")
    token = _LOADING.set((*loading, f"position:{id}"))
    try:
        position = loads_position(
            text,
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
