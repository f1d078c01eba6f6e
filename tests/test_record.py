"""The package's values share one ``repr`` (:mod:`peacepos._record`) instead of one compiled
per class: it must read exactly as the ``repr`` attrs would generate for each class."""

from __future__ import annotations

import importlib
import itertools
import pkgutil
import sys
from collections.abc import Iterator

import attrs

import peacepos
from peacepos import corpus
from peacepos._record import Record
from peacepos.conditions import Condition
from peacepos.library import Library
from peacepos.report import table_of


def _package_records() -> set[type]:
    for info in pkgutil.walk_packages(peacepos.__path__, "peacepos."):
        if not info.name.startswith("peacepos.testing") and "__main__" not in info.name:
            importlib.import_module(info.name)
    found: set[type] = set()
    todo = [Record]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            # attrs builds a slotted class anew: the class it started from may linger
            module = sys.modules[sub.__module__]
            if (
                module.__name__.startswith("peacepos.")
                and getattr(module, sub.__qualname__, None) is sub
            ):
                found.add(sub)
    return found


def _values(root: object) -> Iterator[object]:
    """Every attrs instance reachable from ``root`` through fields and containers."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        obj = todo.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if attrs.has(type(obj)):
            yield obj
            todo.extend(getattr(obj, a.name) for a in attrs.fields(type(obj)))
        elif isinstance(obj, (tuple, list, frozenset, set)):
            todo.extend(obj)
        elif isinstance(obj, dict):
            todo.extend(obj.values())


def _roots() -> Iterator[object]:
    positions = corpus.load_all()
    yield from positions
    yield from (corpus.codebook(name) for name in corpus.codebooks())
    yield Library()
    by_book: dict[str, list[peacepos.Position]] = {}
    for p in positions:
        by_book.setdefault(p.codebook.name, []).append(p)
    for group in by_book.values():
        for left, right in itertools.combinations(group[:6], 2):
            comparison = peacepos.compare(left, right)
            yield from comparison.findings
            yield from comparison.variants
            yield peacepos.changes(left, right, related_only=False)
        yield peacepos.compare_many(*group)
        yield peacepos.deals(*group[:4])
        yield peacepos.deals(group[0])  # one position: a deal, and who accepts it
        for p in group:
            if p.variants:
                yield from peacepos.compare(p, group[0]).variants
        yield table_of(peacepos.compare(*group[:2]))


def _attrs_repr(obj: object, twins: dict[type, type]) -> str:
    """The repr attrs generates for ``obj``'s class: a subclass of the same name that lets
    attrs write one, holding the same field values."""
    cls = type(obj)
    if cls not in twins:
        body = {"__qualname__": cls.__qualname__, "__module__": __name__}
        twins[cls] = attrs.frozen(type(cls.__name__, (cls,), body), repr=True)
    twin = object.__new__(twins[cls])
    for a in attrs.fields(cls):
        object.__setattr__(twin, a.name, getattr(obj, a.name))
    return repr(twin)


def test_every_record_reads_as_attrs_would_write_it() -> None:
    records = _package_records()
    twins: dict[type, type] = {}
    covered: set[type] = set()
    for root in _roots():
        for value in _values(root):
            if isinstance(value, Record):
                assert repr(value) == _attrs_repr(value, twins)
                covered.add(type(value))
    assert covered == records - {Condition}  # a base, never a value itself
