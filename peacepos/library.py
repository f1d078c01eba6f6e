"""Where names resolve: the built-in codebooks and positions, plus your own.

Files name other things: a position its codebook, a codebook what it includes, an endorsement
the position it endorses. A :class:`Library` answers those names — by default with the
built-in data (:mod:`peacepos.corpus`); add your own codebooks and positions to a library of
your own. Libraries are immutable values: nothing is registered process-wide.

>>> import peacepos
>>> lib = Library()
>>> lib.codebook("russia-ukraine").name
'russia-ukraine'
>>> text = '''
... id = "mine"
... title = "My position"
... actors = ["A"]
... date = 2024-01-01
... codebook = "core"
... [[conditions]]
... kind = "end-of-hostilities"
... [conditions.evidence]
... locator = "para. 1"
... '''
>>> p = loads_position(text)
>>> p.codebook.name, str(p.constraint("hostilities"))
('core', 'end of war')
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Literal

import attrs
from attrs import field, frozen

from peacepos import corpus
from peacepos._record import Record
from peacepos.errors import (
    PositionFileError,
    PositionFormatError,
    UnknownCodebookError,
    UnknownPositionError,
)
from peacepos.position import Position
from peacepos.vocabulary import Codebook

__all__ = [
    "DEFAULT",
    "Library",
    "dumps_codebook",
    "dumps_position",
    "loads_codebook",
    "loads_position",
    "read_codebook",
    "read_position",
    "write_codebook",
    "write_position",
    "write_site",
]


def _codebooks(value: Iterable[Codebook]) -> tuple[Codebook, ...]:
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, Codebook):
            raise TypeError(f"codebooks[{i}] must be a Codebook (got {type(item).__name__})")
    return items


def _positions(value: Iterable[Position]) -> tuple[Position, ...]:
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, Position):
            raise TypeError(f"positions[{i}] must be a Position (got {type(item).__name__})")
    return items


def _kind_pairs(value: Iterable[tuple[str, type]]) -> tuple[tuple[str, type], ...]:
    return tuple((str(name), cls) for name, cls in value)


@frozen(kw_only=True, repr=False, eq=False)
class Library(Record):
    """The built-in codebooks and positions plus ``codebooks`` and ``positions`` of your own.

    Your codebooks may not take a built-in codebook's name, and your positions may not take a
    built-in position's id: a name means one thing.
    """

    codebooks: tuple[Codebook, ...] = field(default=(), converter=_codebooks)
    positions: tuple[Position, ...] = field(default=(), converter=_positions)
    kinds: tuple[tuple[str, type], ...] = field(default=(), converter=_kind_pairs)
    """Python condition kinds (plugins) added to codebooks, as (codebook name, class) pairs."""
    _cache: dict[str, Codebook] = field(init=False, factory=dict, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        names = [c.name for c in self.codebooks]
        for name in names:
            if name in corpus.codebooks():
                raise ValueError(f"codebook {name!r} is built in; give yours another name")
            if names.count(name) > 1:
                raise ValueError(f"two codebooks are named {name!r}")
        ids = [p.id for p in self.positions]
        for id in ids:
            if corpus.has(id):
                raise ValueError(f"position {id!r} is built in; give yours another id")
            if ids.count(id) > 1:
                raise ValueError(f"two positions have the id {id!r}")

    def with_codebooks(self, *codebooks: Codebook) -> Library:
        return attrs.evolve(self, codebooks=self.codebooks + codebooks)

    def with_positions(self, *positions: Position) -> Library:
        return attrs.evolve(self, positions=self.positions + positions)

    def with_kinds(self, codebook: str, *classes: type) -> Library:
        """A library whose codebook ``codebook`` also accepts these condition classes."""
        return attrs.evolve(self, kinds=self.kinds + tuple((codebook, c) for c in classes))

    # -- the resolver -----------------------------------------------------------------------
    def codebook(self, name: str) -> Codebook:
        """The codebook named ``name``: yours, else a built-in one (with the Python kinds
        added to it in this library)."""
        found = self._cache.get(name)
        if found is None:
            found = self._find(name)
            extra = [cls for n, cls in self.kinds if n == name]
            if extra:
                found = found.with_kinds(*extra)
            self._cache[name] = found
        return found

    def _find(self, name: str) -> Codebook:
        for c in self.codebooks:
            if c.name == name:
                return c
        try:
            return corpus.codebook(name)
        except UnknownCodebookError:
            if not self.codebooks:
                raise
            yours = ", ".join(c.name for c in self.codebooks)
            raise UnknownCodebookError(
                f"no codebook {name!r}: not built in (see `peacepos codebook list`) and not "
                f"among yours ({yours})"
            ) from None

    def codebook_names(self) -> tuple[str, ...]:
        return tuple(sorted({*corpus.codebooks(), *(c.name for c in self.codebooks)}))

    def position(self, id: str) -> Position:
        """The position with id ``id``: yours, else a built-in one."""
        for p in self.positions:
            if p.id == id:
                return p
        return corpus.load(id)

    # -- files ------------------------------------------------------------------------------
    def read_codebook(self, path: str | os.PathLike[str]) -> Codebook:
        """Read a codebook file; the codebooks it includes come from this library."""
        from peacepos import io  # the file formats load on first use

        return io.read_codebook(path, resolve=self)

    def read_position(self, path: str | os.PathLike[str]) -> Position:
        """Read a position file; its codebook and endorsements come from this library."""
        from peacepos import io  # the file formats load on first use

        return io.read_position(path, resolve=self)

    def position_problems(self, path: str | os.PathLike[str]) -> list[PositionFileError]:
        """Every problem of a position file, each naming the file and the place (empty when
        it reads); :meth:`read_position` stops at the first."""
        from peacepos import io  # the file formats load on first use

        return io.position_problems_in(path, resolve=self)

    def resolve(self, ref: str | os.PathLike[str]) -> Position:
        """A position by id (yours or built-in) or by file path (anything ending .toml or
        .json, or holding a path separator, is a path)."""
        text = os.fspath(ref)
        if (
            text.endswith((".toml", ".json"))
            or os.sep in text
            or os.path.exists(text or os.curdir)
        ):
            return self.read_position(text)
        for p in self.positions:
            if p.id == text:
                return p
        return corpus.load(text)

    def check_endorsed(self, endorsed: Position) -> None:
        """A file names an endorsed position by id; refuse to write one whose id does not
        read back as that position."""
        try:
            same = self.position(endorsed.id) == endorsed
        except UnknownPositionError:
            same = False
        if not same:
            raise PositionFormatError(
                f"cannot write an endorsement of {endorsed.id!r}: a file names the endorsed "
                "position by id, and that id does not read back as this position (see "
                "`peacepos list`); add the endorsed conditions to the file as IMPLIED ones, "
                "or add the endorsed position to the library"
            )


DEFAULT = Library()
"""The built-in codebooks and positions."""


def read_position(path: str | os.PathLike[str], *, library: Library = DEFAULT) -> Position:
    """Read one position from a ``.toml`` or ``.json`` file."""
    return library.read_position(path)


def loads_position(
    text: str, format: str = "toml", *, library: Library = DEFAULT, source: str = "<string>"
) -> Position:
    """Parse TOML or JSON text into a position; errors name ``source`` and the place."""
    from peacepos import io  # the file formats load on first use

    return io.loads_position(text, format, resolve=library, source=source)


def dumps_position(position: Position, format: str = "toml", *, library: Library = DEFAULT) -> str:
    """The position as TOML or JSON text that reads back as an equal position."""
    from peacepos import io  # the file formats load on first use

    return io.dumps_position(position, format, check_endorsed=library.check_endorsed)


def write_position(
    position: Position,
    path: str | os.PathLike[str],
    format: str | None = None,
    *,
    library: Library = DEFAULT,
) -> None:
    """Write a position to ``path`` (format from the suffix unless given), atomically."""
    from peacepos import io  # the file formats load on first use

    io.write_position(position, path, format, check_endorsed=library.check_endorsed)


def read_codebook(path: str | os.PathLike[str], *, library: Library = DEFAULT) -> Codebook:
    """Read one codebook from a ``.toml`` or ``.json`` file."""
    return library.read_codebook(path)


def loads_codebook(
    text: str, format: str = "toml", *, library: Library = DEFAULT, source: str = "<string>"
) -> Codebook:
    """Parse TOML or JSON text into a codebook; errors name ``source`` and the place."""
    from peacepos import io  # the file formats load on first use

    return io.loads_codebook(text, format, resolve=library, source=source)


def dumps_codebook(codebook: Codebook, format: str = "toml") -> str:
    """The codebook as TOML or JSON text (its own declarations; includes by name)."""
    from peacepos import io

    return io.dumps_codebook(codebook, format)


def write_codebook(
    codebook: Codebook, path: str | os.PathLike[str], format: str | None = None
) -> None:
    """Write a codebook to ``path`` (format from the suffix unless given), atomically."""
    from peacepos import io

    io.write_codebook(codebook, path, format)


def write_site(
    outdir: str | os.PathLike[str],
    positions: Iterable[Position] | None = None,
    *,
    reading: Literal["strict", "broad"] = "broad",
) -> list[str]:
    """Write a static site of ``positions`` (default: every built-in position) to ``outdir``:
    an index, a page per position, per codebook, per issue and per pair, the deals and the
    charts (:mod:`peacepos.report.site`). Returns the paths written, inside ``outdir``.

    The site is written whole into a new directory beside ``outdir``, which then takes its
    place: a reader never sees half a site. ``outdir`` may be new, empty or a site written
    before; anything else is refused (:class:`~peacepos.errors.OutputFileError`).
    """
    from peacepos.report import site  # here: writing a site needs the presentation layer

    chosen = corpus.load_all() if positions is None else list(positions)
    files = site.site_files(chosen, reading=reading)
    from peacepos import io  # the file formats load on first use

    io.write.write_tree_atomic(outdir, files, marker=site.MARKER)
    return list(files)
