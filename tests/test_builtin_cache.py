"""The cache of the built-in data: what it holds is what the files say, it is used only for
files that are unchanged, and a cache of another version is ignored."""

from __future__ import annotations

import pickle
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import peacepos
from peacepos import corpus

HERE = Path(corpus.__file__).parent


def _forget() -> None:
    for cached in (corpus._files, corpus._cache, corpus.codebook, corpus.load, corpus.ids):
        cached.cache_clear()


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The built-in data copied to a folder of its own, with a cache written for it."""
    for kind in ("codebooks", "positions"):
        shutil.copytree(HERE / kind, tmp_path / kind)
    corpus.write_cache(str(tmp_path / corpus.CACHE))
    monkeypatch.setattr(corpus, "_here", lambda: tmp_path)
    _forget()
    yield tmp_path
    _forget()


def _read_fresh(kind: str, name: str) -> object:
    text = corpus._text(kind, name)
    read = corpus._read_codebook if kind == "codebook" else corpus._read_position
    return read(name, text)


def test_every_cached_item_equals_the_file_read(copy: Path) -> None:
    items = corpus._cache()
    names = {
        *(("codebook", n) for n in corpus.codebooks()),
        *(("position", i) for i in corpus._files("positions")),
    }
    assert set(items) == names
    for kind, name in sorted(names):
        cached = corpus._cached(kind, name, corpus._text(kind, name))
        assert cached is not None
        fresh = _read_fresh(kind, name)
        assert cached == fresh, (kind, name)
        if kind == "position":  # the stances cached with it too (equality leaves them out)
            assert isinstance(cached, peacepos.Position)
            assert isinstance(fresh, peacepos.Position)
            for reading in ("strict", "broad"):
                assert dict(cached.stances(reading)) == dict(fresh.stances(reading)), name
    # and the analyses agree, stances included
    china, russia = corpus.load("china-2023-02-24"), corpus.load("russia-2023-02-24")
    assert peacepos.compare(china, russia).render("json") == peacepos.compare(
        _read_fresh("position", "china-2023-02-24"),  # type: ignore[arg-type]
        _read_fresh("position", "russia-2023-02-24"),  # type: ignore[arg-type]
    ).render("json")


def test_a_changed_file_is_read_not_taken_from_the_cache(copy: Path) -> None:
    path = copy / "positions" / "china-2023-02-24.toml"
    text = path.read_text(encoding="utf-8")
    old = "China's Position on the Political Settlement of the Ukraine Crisis"
    assert old in text
    path.write_text(text.replace(old, "An edited title", 1), encoding="utf-8")
    assert (
        corpus._cached(
            "position", "china-2023-02-24", corpus._text("position", "china-2023-02-24")
        )
        is None
    )
    assert corpus.load("china-2023-02-24").title == "An edited title"


def _rewrite_index(path: Path, change: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    """Rewrite the cache's header, keeping the items where they are."""
    data = path.read_bytes()
    size = int.from_bytes(data[:8], "big")
    header, index = pickle.loads(data[8 : 8 + size])
    head = pickle.dumps((change(header), index))
    path.write_bytes(len(head).to_bytes(8, "big") + head + data[8 + size :])


def test_a_cache_of_another_version_is_ignored(copy: Path) -> None:
    _rewrite_index(copy / corpus.CACHE, lambda header: header)
    _forget()
    assert corpus._cache() != {}  # the rewriting itself keeps a cache usable
    _rewrite_index(copy / corpus.CACHE, lambda header: {**header, "peacepos": "0.0.0"})
    _forget()
    assert corpus._cache() == {}
    assert corpus.load("china-2023-02-24").id == "china-2023-02-24"  # read from its file


@pytest.mark.parametrize(
    "broken",
    [b"not a pickle", b"", (10**9).to_bytes(8, "big") + b"short", (5).to_bytes(8, "big")],
)
def test_a_broken_cache_is_ignored(copy: Path, broken: bytes) -> None:
    (copy / corpus.CACHE).write_bytes(broken)
    _forget()
    assert corpus._cache() == {}
    assert corpus.codebook("russia-ukraine").name == "russia-ukraine"


def test_an_item_is_read_from_the_cache_file_indexed_only(copy: Path) -> None:
    """The index is read once; an item when first loaded. If the file was replaced meanwhile
    (a rebuild), the offsets may not fit it: the item is read from its own file instead."""
    assert corpus._cache() != {}
    china = corpus._text("position", "china-2023-02-24")
    assert corpus._cached("position", "china-2023-02-24", china) is not None
    data = (copy / corpus.CACHE).read_bytes()
    (copy / corpus.CACHE).unlink()
    (copy / corpus.CACHE).write_bytes(data[:-10])  # another file, cut short
    assert corpus._cached("position", "china-2023-02-24", china) is None
    assert corpus.load("china-2023-02-24").id == "china-2023-02-24"
    (copy / corpus.CACHE).unlink()  # no file at all
    assert corpus._cached("position", "china-2023-02-24", china) is None


def test_a_cache_written_by_other_code_is_ignored(
    copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A checkout edited since its cache was written (the stances a position caches come from
    the code): the header's checksum of the code differs, and the files are read."""
    assert corpus._cache() != {}
    code = corpus._code()
    assert code is not None
    monkeypatch.setattr(corpus, "_code", lambda: code ^ 1)
    _forget()
    assert corpus._cache() == {}
    monkeypatch.setattr(corpus, "_code", lambda: None)  # the source cannot be read: no cache
    _forget()
    assert corpus._cache() == {}


def test_the_code_checksum_covers_the_modules_that_shape_a_cached_item() -> None:
    package = Path(peacepos.__file__).parent
    for name in corpus._CODE:
        assert (package / name).is_file(), name
    for module in ("position", "vocabulary", "conditions", "kinds", "constraints"):
        assert f"{module}.py" in corpus._CODE
