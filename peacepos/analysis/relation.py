"""How two constraints on one issue relate: the seven relations.

>>> from peacepos.vocabulary import Issue
>>> from peacepos.constraints import Constraint
>>> talks = Issue(key="talks", title="Talks", outcomes=("none", "mediated", "direct"))
>>> relate(Constraint.of(talks, "direct"), Constraint.of(talks, "mediated", "direct"))
<Relation.NARROWER: 'narrower'>
>>> relate(None, Constraint.of(talks, "none"))
<Relation.ONLY_RIGHT: 'only-right'>
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Literal

from peacepos.constraints import Constraint, OutcomeSet
from peacepos.errors import CodebookMismatchError
from peacepos.vocabulary import Codebook

__all__ = ["Relation", "relate", "shared_codebook"]


class Relation(enum.Enum):
    """How two constraints on one issue relate (left A, right B)."""

    SAME = "same"  # A = B
    NARROWER = "narrower"  # A ⊂ B
    BROADER = "broader"  # A ⊃ B
    OVERLAP = "overlap"  # A ∩ B ≠ ∅, neither contains the other
    CONFLICT = "conflict"  # A ∩ B = ∅
    ONLY_LEFT = "only-left"  # right side silent
    ONLY_RIGHT = "only-right"  # left side silent
    CONTESTED = "contested"  # readers of one side (or both) disagree: see each reader's verdict

    @property
    def group(self) -> Literal["overlap", "conflict", "one-sided", "contested"]:
        if self is Relation.CONFLICT:
            return "conflict"
        if self in (Relation.ONLY_LEFT, Relation.ONLY_RIGHT):
            return "one-sided"
        if self is Relation.CONTESTED:
            return "contested"
        return "overlap"

    @property
    def mirror(self) -> Relation:
        """The relation seen from the other side."""
        return _MIRROR.get(self, self)


_MIRROR = {
    Relation.NARROWER: Relation.BROADER,
    Relation.BROADER: Relation.NARROWER,
    Relation.ONLY_LEFT: Relation.ONLY_RIGHT,
    Relation.ONLY_RIGHT: Relation.ONLY_LEFT,
}


def relate(left: Constraint | None, right: Constraint | None) -> Relation:
    """The relation of two constraints on one issue; None is silence. Both None is an error."""
    if left is None and right is None:
        raise ValueError("both sides are silent: there is nothing to relate")
    if right is None:
        return Relation.ONLY_LEFT
    if left is None:
        return Relation.ONLY_RIGHT
    if type(left) is OutcomeSet and type(right) is OutcomeSet and left.issue is right.issue:
        x, y = left.mask, right.mask  # the common case, without building left & right
        both = x & y
        if not both:
            return Relation.CONFLICT
        if both == x:
            return Relation.SAME if x == y else Relation.NARROWER
        return Relation.BROADER if both == y else Relation.OVERLAP
    common = left & right  # a TypeError for constraints of two issues
    if common.is_empty():
        return Relation.CONFLICT
    if common == left:
        return Relation.SAME if common == right else Relation.NARROWER
    if common == right:
        return Relation.BROADER
    return Relation.OVERLAP


def distinct_ids(positions: Iterable[object]) -> tuple[str, ...]:
    """The positions' ids; a ValueError naming every id given more than once."""
    ids: tuple[str, ...] = tuple(p.id for p in positions)  # type: ignore[attr-defined]
    if len(set(ids)) != len(ids):
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        raise ValueError(f"each position may appear once (repeated: {', '.join(dupes)})")
    return ids


def shared_codebook(positions: Iterable[object]) -> Codebook:
    """The codebook to read results of several positions in: theirs, if they share one.

    Positions of different codebooks are compared only where one codebook includes the others
    (a codebook of your own that extends a built-in one, say): that one is returned, after
    checking that every issue two of them address means the same in both. Codebooks of
    different processes (neither includes the other, even if both include ``core``) describe
    different conflicts, and a :class:`CodebookMismatchError` says so.
    """
    items = list(positions)
    books: list[Codebook] = [p.codebook for p in items]  # type: ignore[attr-defined]
    first = books[0]
    if all(b is first or b == first for b in books):
        return first
    names = {b.name for b in books}
    widest = [b for b in books if names <= set(b.lineage())]
    if not widest:
        a, b = sorted(names)[:2]
        raise CodebookMismatchError(
            f"positions of codebooks {a!r} and {b!r} cannot be compared: neither codebook "
            "includes the other, so they describe different processes (compare positions of "
            "one process)"
        )
    first = widest[0]
    seen: dict[str, tuple[str, object]] = {}
    for p, book in zip(items, books, strict=True):
        for key in p.constraints("broad"):  # type: ignore[attr-defined]
            issue = book[key]
            known = seen.get(key)
            if known is None:
                seen[key] = (book.name, issue)
                continue
            other_name, other = known
            same = getattr(issue, "outcomes", None) == getattr(other, "outcomes", None) and (
                getattr(issue, "minimum", None),
                getattr(issue, "maximum", None),
            ) == (getattr(other, "minimum", None), getattr(other, "maximum", None))
            if not same or type(issue) is not type(other):
                raise CodebookMismatchError(
                    f"positions of codebooks {other_name!r} and {book.name!r} both address "
                    f"{key!r} but mean different things by it; compare positions of one codebook"
                )
    return first
