"""N positions at once: joint common ground, blocking issues, coalitions, and the all-pairs
relation matrix at corpus scale.

:func:`compare_many` gives, per issue, the intersection over every position that addresses it,
the conflicting pairs and the maximal agreeing coalitions. :func:`relation_matrix` relates every
pair of N positions on every issue. It rests on one observation: on one issue the relation of
two positions depends only on their two constraints, and N positions hold only a few distinct
constraints per issue (a finite issue with five outcomes has at most 31). So each issue's
distinct constraints are related once with :func:`~peacepos.relate` into a small table, and
the matrix keeps, per issue, each position's class and that table: memory grows with
positions × issues, not with pairs. A pair's relation is looked up on demand; the all-pairs
views (:meth:`RelationMatrix.codes`, :meth:`RelationMatrix.count`) expand a row at a time
with :meth:`bytes.translate`, at C speed, in the order of :func:`itertools.combinations` (the
condensed order of ``scipy``'s ``pdist``).

:func:`coalitions_at` finds the maximal agreeing coalitions on one issue with bit sets: a
coalition that agrees shares some outcome, so the candidates are the sets of positions
accepting each outcome, and no subset of the positions is ever enumerated.

>>> import peacepos
>>> ids = ("china-2023-02-24", "russia-2023-02-24", "ukraine-2022-11-15")
>>> m = relation_matrix([peacepos.corpus.load(i) for i in ids], "broad")
>>> m.relation("ukraine-2022-11-15", "russia-2023-02-24", "territory/crimea/recognition")
<Relation.CONFLICT: 'conflict'>
>>> m.relation("russia-2023-02-24", "china-2023-02-24", "talks")
<Relation.BROADER: 'broader'>
>>> list(m.pairs())[2], m.count(peacepos.Relation.CONFLICT)
(('russia-2023-02-24', 'ukraine-2022-11-15'), (0, 2, 12))
"""

from __future__ import annotations

import itertools
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from attrs import frozen

from peacepos._record import Record
from peacepos._render import Renderable, presentation
from peacepos.analysis.compare import Comparison, compare
from peacepos.analysis.relation import Relation, distinct_ids, relate, shared_codebook
from peacepos.constraints import Constraint, IntervalSet, OutcomeSet
from peacepos.position import Position, Reading, ReadingKey, reading_key, reading_name
from peacepos.vocabulary import AnyIssue, Codebook

__all__ = [
    "CODES",
    "IssueAgreement",
    "MultiComparison",
    "RelationMatrix",
    "coalitions_at",
    "compare_many",
    "maximal_coalitions",
    "relation_matrix",
]


@frozen(kw_only=True, repr=False, eq=False)
class IssueAgreement(Record):
    """Where N positions stand on one issue.

    ``common_ground`` is the intersection over every position that addresses the issue
    (silent ones are listed in ``silent`` and do not narrow it). ``coalitions`` are the
    maximal agreeing coalitions: the largest sets of positions (by inclusion) whose
    constraints still intersect, biggest first.
    """

    issue: str
    common_ground: Constraint
    addressed_by: tuple[str, ...]
    silent: tuple[str, ...]
    conflicting_pairs: tuple[tuple[str, str], ...]
    coalitions: tuple[tuple[str, ...], ...]
    contested: tuple[str, ...] = ()
    """Positions whose readers disagree on the issue: only what their text says counts here
    (they are in ``addressed_by`` if the text says something, else in ``silent``)."""

    @property
    def blocking(self) -> bool:
        """No outcome is acceptable to all who address the issue."""
        return self.common_ground.is_empty()

    @property
    def about(self) -> AnyIssue:
        return self.common_ground.issue

    @property
    def title(self) -> str:
        return self.about.title


def maximal_coalitions(
    constraints: Sequence[tuple[str, Constraint]],
) -> tuple[tuple[str, ...], ...]:
    """The maximal sets of named constraints (one issue) that still share an outcome.

    Any agreeing set shares some outcome ``x``, so it lies inside the set of all constraints
    containing ``x``; the maximal coalitions are the maximal such sets. For a numeric issue
    it suffices to try each interval's lower end.
    """
    if not constraints:
        return ()
    first = constraints[0][1]
    points: list[Any]
    if isinstance(first, IntervalSet):
        points = sorted(
            {lo for _, c in constraints if isinstance(c, IntervalSet) for lo, _ in c.bounds}
        )
    else:
        assert isinstance(first, OutcomeSet)
        points = list(first.issue.outcomes)
    return coalitions_at(constraints, points)


def _position_key(p: Position) -> tuple[str, str]:
    return (p.date.isoformat(), p.id)


@frozen(kw_only=True, repr=False)
class MultiComparison(Renderable):
    """N positions compared: joint common ground, blocking issues, coalitions, pairwise matrix.

    Positions are kept in a canonical order (date, then id), so the result does not depend on
    the order they were given in.
    """

    positions: tuple[Position, ...]
    reading: Reading
    agreements: tuple[IssueAgreement, ...]
    reading_dependent: tuple[str, ...] = ()
    """Issues that block under this reading and not under the other, or the other way round."""

    @property
    def codebook(self) -> Codebook:
        return shared_codebook(self.positions)

    def __repr__(self) -> str:
        ids = ", ".join(p.id for p in self.positions)
        return (
            f"<MultiComparison of {ids}, reading={self.reading}: "
            f"{len(self.agreements)} issues, {len(self.blocking)} blocking>"
        )

    @property
    def blocking(self) -> tuple[IssueAgreement, ...]:
        """Issues where no outcome is acceptable to all who address them."""
        return tuple(a for a in self.agreements if a.blocking)

    @property
    def common_ground(self) -> dict[str, Constraint]:
        """The joint common ground per issue addressed by two or more positions, non-empty."""
        return {
            a.issue: a.common_ground
            for a in self.agreements
            if len(a.addressed_by) > 1 and not a.blocking
        }

    def agreement(self, issue: str) -> IssueAgreement:
        for a in self.agreements:
            if a.issue == issue:
                return a
        raise KeyError(f"no position addresses {issue!r}")

    def pair(self, left: str | Position, right: str | Position) -> Comparison:
        """The two-way comparison of two of the positions, under this reading."""
        by_id = {p.id: p for p in self.positions}
        a = by_id[left] if isinstance(left, str) else left
        b = by_id[right] if isinstance(right, str) else right
        return compare(a, b, reading=self.reading)

    def matrix(self) -> dict[tuple[str, str], dict[str, Relation]]:
        """The pairwise relation of every ordered pair (i < j), issue by issue.

        For many positions, :func:`relation_matrix` gives the same relations in a compact form
        (one byte per pair and issue).
        """
        return relation_matrix(self.positions, self.reading).to_dict()


def compare_many(
    *positions: Position, reading: Reading | Iterable[str] = "broad"
) -> MultiComparison:
    """Compare N positions at once: see :class:`MultiComparison`.

    ``reading``: ``"strict"``, ``"broad"`` or a set of readers' names. Where a position's
    readers disagree on an issue, only what its text says counts there (the issue lists it as
    contested). Conditional terms are not counted here: see :func:`peacepos.deals`.
    """
    if len(positions) < 2:
        raise ValueError("compare_many() needs at least two positions")
    reading = reading_key(reading)
    distinct_ids(positions)
    ordered = tuple(sorted(positions, key=_position_key))
    codebook = shared_codebook(ordered)
    maps = [(p.id, p.constraints(reading)) for p in ordered]
    contested = {p.id: set(p.contested(reading)) for p in ordered}
    agreements = []
    for key in codebook.sort_keys({k for _, m in maps for k in m}):
        present = [(pid, m[key]) for pid, m in maps if key in m]
        joint = present[0][1]
        for _, c in present[1:]:
            joint = joint & c
        pairs = tuple(
            (a, b) for (a, ca), (b, cb) in itertools.combinations(present, 2) if ca.is_disjoint(cb)
        )
        agreements.append(
            IssueAgreement(
                issue=key,
                common_ground=joint,
                addressed_by=tuple(pid for pid, _ in present),
                silent=tuple(pid for pid, m in maps if key not in m),
                conflicting_pairs=pairs,
                coalitions=maximal_coalitions(present),
                contested=tuple(p.id for p in ordered if key in contested[p.id]),
            )
        )
    other: Reading = "broad" if reading == "strict" else "strict"
    others = [p.constraints(other) for p in ordered]
    dependent = []
    for a in agreements:
        joint_other: Constraint | None = None
        for m in others:
            if a.issue in m:
                joint_other = m[a.issue] if joint_other is None else joint_other & m[a.issue]
        blocks_there = joint_other is not None and joint_other.is_empty()
        if a.blocking != blocks_there:
            dependent.append(a.issue)
    return MultiComparison(
        positions=ordered,
        reading=reading,
        agreements=tuple(agreements),
        reading_dependent=tuple(dependent),
    )


# -- all pairs at corpus scale ------------------------------------------------------------

CODES: tuple[Relation | None, ...] = (None, *Relation)
"""What each byte of :meth:`RelationMatrix.codes` means: 0 is "both silent", then the
relations in the order of :class:`~peacepos.Relation` (1 SAME ... 7 ONLY_RIGHT)."""

_CODE = {r: i for i, r in enumerate(CODES) if r is not None}
_RELATION = {i: r for r, i in _CODE.items()}
_MIRROR_CODE = bytes(_CODE[r.mirror] if r is not None else 0 for r in CODES)


class _Column:
    """One issue of a :class:`RelationMatrix`: each position's class (0: silent, then one
    class per distinct constraint) and the relation code of every pair of classes."""

    __slots__ = ("classes", "size", "table")

    def __init__(self, column: Sequence[Constraint | None]) -> None:
        index: dict[Constraint, int] = {}
        members: list[Constraint] = []
        classes: list[int] = []
        for c in column:
            if c is None:
                classes.append(0)
                continue
            k = index.get(c)
            if k is None:
                k = index[c] = len(members) + 1
                members.append(c)
            classes.append(k)
        self.size = size = len(members) + 1
        # one byte per position while the classes fit in a byte, else two or four
        self.classes = array("B" if size <= 256 else "I", classes)
        self.table = bytes(_code(a, b) for a in (None, *members) for b in (None, *members))

    def code(self, i: int, j: int) -> int:
        return self.table[self.classes[i] * self.size + self.classes[j]]

    def condensed(self, translate: bytes | None = None) -> bytes:
        """The codes of every pair ``i < j`` in the order of ``itertools.combinations``
        (through ``translate`` when given). Each class's line over all positions is made once;
        a position's row is a view into its class's line, and one join copies them all."""
        n = len(self.classes)
        if self.size > 256:
            return b"".join(self.row_codes(i, translate) for i in range(n))
        line = self.classes.tobytes()
        lines = []
        for a in range(self.size):
            row = self.table[a * self.size : (a + 1) * self.size]
            if translate is not None:
                row = row.translate(translate)
            lines.append(memoryview(line.translate(row.ljust(256, b"\0"))))
        classes = self.classes
        return b"".join([lines[classes[i]][i + 1 :] for i in range(n)])

    def row_codes(self, i: int, translate: bytes | None = None) -> bytes:
        """The codes of the pairs ``(i, j)``, ``j > i`` (through ``translate`` when given), one
        lookup per pair: for issues with more classes than a byte holds (else see
        :meth:`condensed`)."""
        size = self.size
        start = self.classes[i] * size
        row = self.table[start : start + size]
        if translate is not None:
            row = row.translate(translate)
        return bytes(row[k] for k in self.classes[i + 1 :])

    def nbytes(self) -> int:
        return self.classes.itemsize * len(self.classes) + len(self.table)


class RelationMatrix:
    """The relation of every pair of positions on every issue either addresses.

    Stored compactly: per issue, each position's class (positions stating the same constraint
    share one) and a small table of the relation between every two classes, so memory grows
    with positions × issues, not with pairs (``N = 2,000`` positions over 40 issues: under
    1 MB). Relations are looked up per pair on demand; :meth:`codes` and :meth:`count` go
    over all pairs.
    """

    __slots__ = ("_columns", "_index", "ids", "issues", "reading")

    ids: tuple[str, ...]
    issues: tuple[str, ...]
    reading: ReadingKey

    def __init__(
        self,
        ids: tuple[str, ...],
        issues: tuple[str, ...],
        reading: ReadingKey,
        columns: Sequence[_Column],
    ) -> None:
        self.ids = ids
        self.issues = issues
        self.reading = reading
        self._columns = dict(zip(issues, columns, strict=True))
        self._index = {pid: i for i, pid in enumerate(ids)}

    def __len__(self) -> int:
        """The number of pairs."""
        n = len(self.ids)
        return n * (n - 1) // 2

    def __repr__(self) -> str:
        return (
            f"<RelationMatrix of {len(self.ids)} positions, {len(self)} pairs, "
            f"{len(self.issues)} issues, {reading_name(self.reading)} reading>"
        )

    @property
    def nbytes(self) -> int:
        """The bytes the relations take (classes and tables; not the ids)."""
        return sum(c.nbytes() for c in self._columns.values())

    def _repr_svg_(self) -> str:
        """The pairwise heatmap (:func:`peacepos.report.charts.heatmap`), for notebooks."""
        picture: str = presentation().render(self, "svg")
        return picture

    def pairs(self) -> Iterator[tuple[str, str]]:
        """Every pair of ids, in the order of the codes."""
        return itertools.combinations(self.ids, 2)

    def pair_index(self, left: str | int, right: str | int) -> int:
        """Where the pair ``(left, right)`` (``left`` before ``right``) sits in the codes."""
        i, j = self._position(left), self._position(right)
        if not i < j:
            raise ValueError(f"pair_index needs left before right (got {left!r}, {right!r})")
        n = len(self.ids)
        return i * (2 * n - i - 1) // 2 + (j - i - 1)

    def codes(self, issue: str) -> bytes:
        """The issue's codes, one byte per pair in the order of :meth:`pairs` (see
        :data:`CODES`): ``numpy.frombuffer(m.codes(k), "u1")``. Built on each call."""
        return self._column(issue).condensed()

    def relation(self, left: str | int, right: str | int, issue: str) -> Relation | None:
        """How ``left`` relates to ``right`` on ``issue``; None when both are silent there."""
        i, j = self._position(left), self._position(right)
        if i == j:
            raise ValueError(f"a position is not paired with itself ({left!r})")
        column = self._columns.get(issue)
        if column is None:
            return None
        return CODES[column.code(i, j)]

    def pair(self, left: str | int, right: str | int) -> dict[str, Relation]:
        """Every issue either addresses and its relation, in catalogue order."""
        i, j = self._position(left), self._position(right)
        if i == j:
            raise ValueError(f"a position is not paired with itself ({left!r})")
        out: dict[str, Relation] = {}
        for issue, column in self._columns.items():
            code = column.code(i, j)
            if code:
                out[issue] = _RELATION[code]
        return out

    def count(self, relation: Relation) -> tuple[int, ...]:
        """Per pair (in the order of :meth:`pairs`), on how many issues ``relation`` holds."""
        if not isinstance(relation, Relation):
            raise TypeError(f"count() takes a Relation (got {type(relation).__name__})")
        hit = bytes(1 if r is relation else 0 for r in CODES).ljust(256, b"\0")
        size = len(self)
        if not self._columns or not size:
            return (0,) * size
        per_issue = (  # an issue where the relation never holds adds nothing
            c.condensed(hit) for c in self._columns.values() if c.table.translate(hit).strip(b"\0")
        )
        if len(self._columns) < 256:
            # Whole-issue byte strings added as big integers: no byte can carry into the next.
            total = sum(int.from_bytes(b, "big") for b in per_issue)
            return tuple(total.to_bytes(size, "big"))
        sums = [0] * size
        for b in per_issue:
            for p, x in enumerate(b):
                sums[p] += x
        return tuple(sums)

    def to_dict(self) -> dict[tuple[str, str], dict[str, Relation]]:
        """The form :meth:`peacepos.MultiComparison.matrix` returns (fine for small N)."""
        n = len(self.ids)
        out: dict[tuple[str, str], dict[str, Relation]] = {}
        for i in range(n):
            for j in range(i + 1, n):
                out[(self.ids[i], self.ids[j])] = self.pair(i, j)
        return out

    def _column(self, issue: str) -> _Column:
        try:
            return self._columns[issue]
        except KeyError:
            raise KeyError(f"no position addresses {issue!r}") from None

    def _position(self, ref: str | int) -> int:
        if isinstance(ref, int) and not isinstance(ref, bool):
            if not 0 <= ref < len(self.ids):
                raise IndexError(f"no position {ref} among {len(self.ids)}")
            return ref
        try:
            return self._index[ref]  # type: ignore[index]
        except KeyError:
            raise KeyError(f"no position {ref!r} in this matrix") from None


def relation_matrix(
    positions: Sequence[Position], reading: Reading | Iterable[str] = "broad"
) -> RelationMatrix:
    """Relate every pair of ``positions`` (``i < j`` in the given order) on every issue.

    The relations of the positions' unconditional constraints, as
    :meth:`peacepos.MultiComparison.matrix` gives them (where a position's readers disagree,
    what its text says counts), stored compactly: see :class:`RelationMatrix`.
    """
    key = reading_key(reading)
    ids = distinct_ids(positions)
    maps = [p.constraints(key) for p in positions]
    if not positions:
        return RelationMatrix((), (), key, ())
    keys = tuple(shared_codebook(positions).sort_keys({k for m in maps for k in m}))
    columns = [_Column([m.get(k) for m in maps]) for k in keys]
    return RelationMatrix(ids, keys, key, columns)


def _code(a: Constraint | None, b: Constraint | None) -> int:
    if a is None and b is None:
        return 0
    return _CODE[relate(a, b)]


def coalitions_at(
    constraints: Sequence[tuple[str, Constraint]], points: Iterable[object]
) -> tuple[tuple[str, ...], ...]:
    """The maximal coalitions among the groups of constraints that accept each point.

    :func:`maximal_coalitions` chooses the points (every outcome of a
    finite issue, every interval's lower end of a numeric one); this does the set work with
    bit sets, biggest coalition first, then in the order the names were given.

    >>> from peacepos import Constraint, codebook
    >>> hostilities = codebook("core")["hostilities"]
    >>> a = Constraint.of(hostilities, "full-ceasefire", "end-of-war")
    >>> b = Constraint.of(hostilities, "end-of-war")
    >>> c = Constraint.of(hostilities, "continue")
    >>> coalitions_at([("a", a), ("b", b), ("c", c)], a.issue.outcomes)
    (('a', 'b'), ('c',))
    """
    candidates = set()
    for x in points:
        bits = 0
        for i, (_, c) in enumerate(constraints):
            if x in c:
                bits |= 1 << i
        candidates.add(bits)
    candidates.discard(0)
    by_size = sorted(candidates, key=lambda s: -s.bit_count())
    maximal = [
        s
        for n, s in enumerate(by_size)
        if not any(t & s == s for t in by_size[:n] if t.bit_count() > s.bit_count())
    ]
    groups = sorted((_members(s) for s in maximal), key=lambda t: (-len(t), t))
    return tuple(tuple(constraints[i][0] for i in group) for group in groups)


def _members(bits: int) -> tuple[int, ...]:
    return tuple(i for i, bit in enumerate(reversed(bin(bits))) if bit == "1")
