"""One actor's (or one lineage's) change over time, issue by issue.

>>> import peacepos
>>> before = peacepos.corpus.load("russia-2023-02-24")
>>> after = peacepos.corpus.load("russia-2024-06-14")
>>> ch = changes(before, after)
>>> ch.of(ChangeKind.ADDED)[0].issue
'alignment/nuclear-status'
"""

from __future__ import annotations

import enum
from collections.abc import Iterator

from attrs import frozen

from peacepos._record import Record
from peacepos._render import Renderable
from peacepos.analysis.relation import Relation, relate, shared_codebook
from peacepos.constraints import Constraint
from peacepos.position import READINGS, Position, Reading
from peacepos.vocabulary import AnyIssue

__all__ = ["Change", "ChangeKind", "Changes", "changes", "related"]


class ChangeKind(enum.Enum):
    """How a later position differs from an earlier one on one issue."""

    UNCHANGED = "unchanged"  # same constraint
    HARDENED = "hardened"  # accepts less than before (narrower)
    SOFTENED = "softened"  # accepts more than before (broader)
    SHIFTED = "shifted"  # overlapping, neither contains the other
    REVERSED = "reversed"  # nothing accepted before is accepted now
    ADDED = "added"  # newly addressed
    DROPPED = "dropped"  # no longer addressed


_CHANGE = {
    Relation.SAME: ChangeKind.UNCHANGED,
    Relation.BROADER: ChangeKind.HARDENED,  # earlier ⊃ later
    Relation.NARROWER: ChangeKind.SOFTENED,  # earlier ⊂ later
    Relation.OVERLAP: ChangeKind.SHIFTED,
    Relation.CONFLICT: ChangeKind.REVERSED,
    Relation.ONLY_LEFT: ChangeKind.DROPPED,
    Relation.ONLY_RIGHT: ChangeKind.ADDED,
}


@frozen(kw_only=True, repr=False, eq=False)
class Change(Record):
    """How one issue changed; ``reading_dependent`` when the other reading says otherwise."""

    issue: str
    kind: ChangeKind
    before: Constraint | None
    after: Constraint | None
    reading_dependent: bool = False

    @property
    def about(self) -> AnyIssue:
        found = self.after if self.after is not None else self.before
        assert found is not None
        return found.issue

    @property
    def title(self) -> str:
        return self.about.title


@frozen(kw_only=True, repr=False)
class Changes(Renderable):
    """How a position changed between two dates, issue by issue."""

    earlier: Position
    later: Position
    reading: Reading
    changes: tuple[Change, ...]

    def __iter__(self) -> Iterator[Change]:
        return iter(self.changes)

    def __repr__(self) -> str:
        return (
            f"<Changes {self.earlier.id} → {self.later.id}, reading={self.reading}: "
            f"{len(self.changes)} issues>"
        )

    def of(self, kind: ChangeKind) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.kind is kind)


def related(a: Position, b: Position) -> bool:
    """Whether two positions are one actor's (the same actors) or one lineage's (one amends
    the other, directly or through others, or both amend one text)."""
    if set(a.actors) == set(b.actors):
        return True
    ids_a = {p.id for p in a.lineage()}
    ids_b = {p.id for p in b.lineage()}
    return bool(ids_a & ids_b)


def changes(
    earlier: Position, later: Position, *, reading: Reading = "broad", related_only: bool = True
) -> Changes:
    """Read two positions as change over time: one actor's at two dates, or two texts of one
    lineage (an amended text and what it amends). ``related_only=False`` reads any two."""
    if related_only and not related(earlier, later):
        raise ValueError(
            f"{earlier.id} and {later.id} are neither one actor's nor one lineage's "
            f"({earlier.label} / {later.label}); pass related_only=False to compare them anyway"
        )
    if earlier.date > later.date:
        raise ValueError(
            f"earlier ({earlier.id}, {earlier.date}) is dated after "
            f"later ({later.id}, {later.date})"
        )
    if reading not in READINGS:
        raise ValueError(f"reading must be 'strict' or 'broad' (got {reading!r})")
    other: Reading = "strict" if reading == "broad" else "broad"
    ec, lc = earlier.constraints(reading), later.constraints(reading)
    eo, lo = earlier.constraints(other), later.constraints(other)
    out = []
    for k in shared_codebook((earlier, later)).sort_keys(ec.keys() | lc.keys()):
        kind = _CHANGE[relate(ec.get(k), lc.get(k))]
        there = (_CHANGE[relate(eo.get(k), lo.get(k))]
                 if k in eo or k in lo else None)  # fmt: skip
        out.append(
            Change(
                issue=k,
                kind=kind,
                before=ec.get(k),
                after=lc.get(k),
                reading_dependent=there is not kind,
            )
        )
    return Changes(earlier=earlier, later=later, reading=reading, changes=tuple(out))
