"""The ``repr`` of the package's frozen attrs values, written once.

attrs compiles a ``__repr__`` for every class it builds, when the class is built: about a
quarter of what a class costs to create, paid by every ``import peacepos``. The classes here
say ``repr=False`` and inherit :class:`Record`, whose one ``__repr__`` reads the same: the
class's name and each field attrs would show, in order, as ``name=value!r``.
"""

from __future__ import annotations

__all__ = ["Record"]


class Record:
    """Mixin: attrs's ``repr`` for a frozen attrs class declared with ``repr=False``."""

    __slots__ = ()

    def __repr__(self) -> str:
        shown = []
        for a in self.__attrs_attrs__:  # type: ignore[attr-defined]
            if a.repr is False:
                continue
            value = getattr(self, a.name)
            shown.append(f"{a.name}={value!r}" if a.repr is True else f"{a.name}={a.repr(value)}")
        return f"{type(self).__qualname__.rsplit('>.', 1)[-1]}({', '.join(shown)})"
