"""The ``repr``, ``==`` and ``hash`` of the package's frozen attrs values, written once.

attrs compiles these methods for every class it builds, when the class is built: about half of
what a class costs to create, paid by every ``import peacepos`` and every command. The classes
here say ``repr=False, eq=False`` and inherit :class:`Record`, whose methods read and compare
as attrs's would: the class's name and each field attrs would show, in order; equal when of the
same class with equal compared fields (through a field's ``eq`` key, if it has one); and a hash
of the fields attrs would hash. A test checks each class against what attrs generates for it.

One difference, for subclasses: a class of your own that subclasses one of these and says
``eq=False`` (or ``repr=False``) gets Record's methods over *all* its fields, its own
included; attrs would leave it the base's generated ones, over the base's fields only.
"""

from __future__ import annotations

import weakref
from typing import Any

__all__ = ["Record"]

_COMPARED: weakref.WeakKeyDictionary[
    type, tuple[tuple[tuple[str, Any], ...], tuple[tuple[str, Any], ...]]
] = weakref.WeakKeyDictionary()  # a class made and dropped at run time is not kept alive


def _compared(cls: type) -> tuple[tuple[tuple[str, Any], ...], tuple[tuple[str, Any], ...]]:
    """``cls``'s fields that ``==`` compares and that ``hash`` hashes, each with its key."""
    found = _COMPARED.get(cls)
    if found is None:
        fields = cls.__attrs_attrs__  # type: ignore[attr-defined]
        eq = tuple((a.name, a.eq_key) for a in fields if a.eq)
        hashed = tuple(
            (a.name, a.eq_key) for a in fields if a.hash is True or (a.hash is None and a.eq)
        )
        found = _COMPARED[cls] = (eq, hashed)
    return found


def _values(obj: object, fields: tuple[tuple[str, Any], ...]) -> tuple[Any, ...]:
    return tuple(
        getattr(obj, name) if key is None else key(getattr(obj, name)) for name, key in fields
    )


class Record:
    """Mixin: attrs's ``repr``, ``==`` and ``hash`` for a frozen attrs class declared with
    ``repr=False, eq=False``."""

    __slots__ = ()

    def __repr__(self) -> str:
        shown = []
        for a in self.__attrs_attrs__:  # type: ignore[attr-defined]
            if a.repr is False:
                continue
            value = getattr(self, a.name)
            shown.append(f"{a.name}={value!r}" if a.repr is True else f"{a.name}={a.repr(value)}")
        return f"{type(self).__qualname__.rsplit('>.', 1)[-1]}({', '.join(shown)})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        fields = _compared(self.__class__)[0]
        return _values(self, fields) == _values(other, fields)

    def __hash__(self) -> int:
        return hash((self.__class__, *_values(self, _compared(self.__class__)[1])))
