"""The package's values share one ``repr``, ``==`` and ``hash`` (:mod:`peacepos._record`) instead
of methods compiled per class: they must behave exactly as those attrs generates for each class."""

from __future__ import annotations

import copy
import importlib
import itertools
import operator
import pkgutil
import sys
from collections.abc import Iterator

import attrs

import peacepos
from peacepos import corpus
from peacepos._record import Record
from peacepos.conditions import Basis, Condition
from peacepos.kinds import Outcomes
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


def _twin(obj: object, twins: dict[type, type]) -> object:
    """``obj`` as attrs would have written its class: a subclass of the same name for which
    attrs generates ``repr``, ``==`` and ``hash``, holding the same field values."""
    cls = type(obj)
    if cls not in twins:
        body = {"__qualname__": cls.__qualname__, "__module__": __name__}
        twins[cls] = attrs.frozen(type(cls.__name__, (cls,), body), repr=True, eq=True)
    twin = object.__new__(twins[cls])
    for a in attrs.fields(cls):
        object.__setattr__(twin, a.name, getattr(obj, a.name))
    return twin


def _records() -> dict[type, list[Record]]:
    """The values of each Record class reached from the corpus and every kind of result."""
    found: dict[type, list[Record]] = {}
    for root in _roots():
        for value in _values(root):
            if isinstance(value, Record):
                found.setdefault(type(value), []).append(value)
    return found


def test_every_record_class_is_reached() -> None:
    assert set(_records()) == _package_records() - {Condition}  # a base, never a value itself


def test_every_record_reads_as_attrs_would_write_it() -> None:
    twins: dict[type, type] = {}
    for cls, values in _records().items():
        if "__repr__" in cls.__dict__:
            continue  # a repr of its own (a position's, a finding's): Record gives it == only
        for value in values:
            assert repr(value) == repr(_twin(value, twins))


def _hash(obj: object) -> int | type[TypeError]:
    try:
        return hash(obj)
    except TypeError:
        return TypeError


def test_records_compare_and_hash_as_attrs_would() -> None:
    twins: dict[type, type] = {}
    equal_pairs = unequal_pairs = 0
    for values in _records().values():
        for value, other in zip(values, [*values[1:], values[0]], strict=True):
            twin, other_twin = _twin(value, twins), _twin(other, twins)
            assert (value == other) is (twin == other_twin)
            assert (value != other) is (twin != other_twin)
            if value == other:
                equal_pairs += 1
                assert _hash(value) == _hash(other)
            else:
                unequal_pairs += 1
            same = copy.copy(value)
            assert operator.eq(same, value)
            assert not operator.ne(same, value)  # != follows the record's ==
            assert _hash(same) == _hash(value)
            assert (_hash(value) is TypeError) is (_hash(twin) is TypeError)
            assert operator.ne(value, object())
            assert not operator.eq(value, object())
    assert equal_pairs
    assert unequal_pairs


def test_a_field_compared_by_key_is_compared_and_hashed_by_it() -> None:
    evidence = peacepos.Evidence(document="doc", locator="point 1", quote="a")
    reworded = attrs.evolve(evidence, quote="b")
    one = Outcomes(issue="hostilities", outcomes=["ceasefire"], evidence=evidence)
    two = attrs.evolve(one, evidence=reworded)
    twins: dict[type, type] = {}
    assert _twin(one, twins) == _twin(two, twins)  # attrs: the quote takes no part
    assert one == two
    assert hash(one) == hash(two)
    read = attrs.evolve(evidence, basis=Basis.IMPLIED, readers=["an analyst"], rationale="why")
    assert one != attrs.evolve(one, evidence=read)
