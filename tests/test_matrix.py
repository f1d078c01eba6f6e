"""The all-pairs relation matrix (peacepos.analysis.many.relation_matrix, RelationMatrix) and
maximal coalitions (coalitions_at, maximal_coalitions) against the brute-force reference
(peacepos.testing.reference), which relates plain sets and tries every subset."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

import peacepos
from peacepos import Basis, ContradictionError, Evidence, Position, Relation
from peacepos.analysis.many import (
    CODES,
    RelationMatrix,
    coalitions_at,
    compare_many,
    maximal_coalitions,
    relation_matrix,
)
from peacepos.constraints import Constraint
from peacepos.kinds import NeutralStatus, Outcomes, Range
from peacepos.testing import reference
from peacepos.vocabulary import Codebook, Issue, NumericIssue

RU = peacepos.codebook("russia-ukraine")
FINITE = ("hostilities", "talks", "alignment/nato", "territory/crimea/recognition", "elections")
CAP = "military/army-cap/peacetime"  # numeric, with a no-limit outcome ("no cap")
CAPS = (0, 50_000, 85_000, 100_000, 250_000)
READINGS = st.sampled_from(["strict", "broad", frozenset({"r1"})])


def _evidence(readers: tuple[str, ...]) -> Evidence:
    if readers:
        return Evidence(
            document="t", locator="p", basis=Basis.IMPLIED, readers=readers, rationale="read so"
        )
    return Evidence(document="t", locator="p")


# A condition from plain values (cheap to draw, shrinks well): an issue (or the cap, or
# neutral status), outcomes or a range, and who reads it so (nobody: EXPLICIT). Readers who
# disagree make an issue contested; where they do, the matrix takes what the text says.
condition_values = st.tuples(
    st.integers(0, len(FINITE) + 1),
    st.frozensets(st.integers(0, 5), min_size=1),
    st.none() | st.sampled_from(CAPS),
    st.none() | st.sampled_from(CAPS),
    st.sampled_from([(), (), ("r1",), ("r2",)]),
)


def _condition(
    values: tuple[int, frozenset[int], int | None, int | None, tuple[str, ...]],
) -> peacepos.Condition:
    which, picks, low, high, readers = values
    ev = _evidence(readers)
    if which == len(FINITE):
        if low is None and high is None:
            low = 0
        if low is not None and high is not None and low > high:
            low, high = high, low
        return Range(issue=CAP, at_least=low, at_most=high, evidence=ev)
    if which == len(FINITE) + 1:
        return NeutralStatus(evidence=ev)  # non-bloc, and so not in NATO
    issue = RU[FINITE[which]]
    assert isinstance(issue, Issue)
    outcomes = {issue.outcomes[i % len(issue.outcomes)] for i in picks}
    return Outcomes(issue=issue.key, outcomes=outcomes, evidence=ev)


def _build(index: int, candidates: list[peacepos.Condition], codebook: Codebook = RU) -> Position:
    """A position of the candidates, each one that would make it contradict itself left out."""
    kept: list[peacepos.Condition] = []
    for c in candidates:
        try:
            _make(index, [*kept, c], codebook)
        except ContradictionError:
            continue
        kept.append(c)
    return _make(index, kept, codebook)


def _make(index: int, conditions: list[peacepos.Condition], codebook: Codebook = RU) -> Position:
    return Position(
        id=f"p{index:02d}",
        title=f"P{index}",
        actors=(f"A{index}",),
        date="2023-01-01",
        codebook=codebook,
        conditions=conditions,
    )


@st.composite
def corpora(draw: st.DrawFn, max_size: int = 7) -> list[Position]:
    n = draw(st.integers(0, max_size))
    return [
        _build(i, [_condition(v) for v in draw(st.lists(condition_values, max_size=6))])
        for i in range(n)
    ]


def _brute_counts(
    positions: list[Position], reading: object, relation: Relation
) -> tuple[int, ...]:
    ref = reference.matrix(positions, reading)  # type: ignore[arg-type]
    pairs = itertools.combinations([p.id for p in positions], 2)
    return tuple(Counter(ref[pair].values())[relation] for pair in pairs)


class TestRelationMatrix:
    @given(corpora(), READINGS)
    def test_same_relations_as_brute_force(
        self, positions: list[Position], reading: object
    ) -> None:
        m = relation_matrix(positions, reading)  # type: ignore[arg-type]
        assert m.to_dict() == reference.matrix(positions, reading)  # type: ignore[arg-type]
        n = len(positions)
        assert len(m) == n * (n - 1) // 2
        assert m.ids == tuple(p.id for p in positions)
        assert list(m.issues) == RU.sort_keys(m.issues)
        for issue in m.issues:
            codes = m.codes(issue)
            assert len(codes) == len(m)
            for k, (a, b) in enumerate(m.pairs()):
                assert CODES[codes[k]] is m.relation(a, b, issue)
        assert (m.nbytes > 0) == bool(m.issues)

    @given(corpora(), READINGS)
    def test_either_direction_is_the_mirror(
        self, positions: list[Position], reading: object
    ) -> None:
        m = relation_matrix(positions, reading)  # type: ignore[arg-type]
        ref = reference.matrix(positions, reading)  # type: ignore[arg-type]
        for (i, a), (j, b) in itertools.combinations(enumerate(positions), 2):
            want = ref[(a.id, b.id)]
            assert m.pair(a.id, b.id) == want
            assert m.pair(j, i) == {k: r.mirror for k, r in want.items()}
            for issue in {*m.issues, "hostilities", "sanctions/unilateral"}:
                got = m.relation(b.id, a.id, issue)
                assert got is (want[issue].mirror if issue in want else None)

    @given(corpora(), READINGS)
    def test_the_n_way_matrix_is_the_same(
        self, positions: list[Position], reading: object
    ) -> None:
        if len(positions) < 2:
            return
        many = compare_many(*positions, reading=reading)  # type: ignore[arg-type]
        got = many.matrix()
        assert got == reference.matrix(many.positions, reading)  # type: ignore[arg-type]
        assert list(got) == list(itertools.combinations([p.id for p in many.positions], 2))
        for relations in got.values():
            assert list(relations) == RU.sort_keys(relations)

    @given(corpora(), READINGS, st.sampled_from(list(Relation)))
    def test_count_per_pair(
        self, positions: list[Position], reading: object, relation: Relation
    ) -> None:
        m = relation_matrix(positions, reading)  # type: ignore[arg-type]
        assert m.count(relation) == _brute_counts(positions, reading, relation)

    def test_pair_index_follows_pairs(self) -> None:
        positions = [_make(i, []) for i in range(6)]
        m = relation_matrix(positions)
        for k, (a, b) in enumerate(m.pairs()):
            assert m.pair_index(a, b) == k
            assert m.pair_index(m.ids.index(a), m.ids.index(b)) == k
        with pytest.raises(ValueError, match="left before right"):
            m.pair_index("p03", "p01")

    def test_the_headline_pair(self) -> None:
        china = peacepos.corpus.load("china-2023-02-24")
        russia = peacepos.corpus.load("russia-2023-02-24")
        for reading in ("strict", "broad"):
            m = relation_matrix([china, russia], reading)
            want = reference.matrix([china, russia], reading)[(china.id, russia.id)]
            assert m.pair(china.id, russia.id) == want
            assert m.pair(1, 0) == {k: r.mirror for k, r in want.items()}
            # where its readers disagree, a position's text counts (China says nothing there)
            for issue in china.contested(reading):
                assert m.relation(china.id, russia.id, issue) in (None, Relation.ONLY_RIGHT)

    def test_the_corpus(self) -> None:
        for name in peacepos.corpus.codebooks():
            book = peacepos.codebook(name)
            ps = [p for p in peacepos.corpus.load_all() if p.codebook == book]
            if len(ps) < 2:
                continue
            for reading in ("strict", "broad"):
                m = relation_matrix(ps, reading)
                assert m.to_dict() == reference.matrix(ps, reading)
                for relation in Relation:
                    assert m.count(relation) == _brute_counts(ps, reading, relation)


class TestAtScale:
    def test_more_than_255_distinct_constraints_on_one_issue(self) -> None:
        """Classes that do not fit in a byte take the list path (four bytes per position)."""
        book = Codebook(
            name="test-matrix-wide",
            title="Wide",
            issues=[NumericIssue(key="n", title="N", unit="u", unlimited="none")],
        )
        ev = Evidence(document="t", locator="p")
        positions = [
            _make(i, [Range(issue="n", at_least=i % 7, at_most=i, evidence=ev)], book)
            for i in range(300)
        ]
        positions.append(_make(300, [Range(issue="n", at_least=5, evidence=ev)], book))
        positions.append(_make(301, [], book))
        m = relation_matrix(positions)
        assert m.nbytes >= 4 * len(positions)  # four bytes a class
        ref = reference.matrix(positions, "broad")
        assert m.to_dict() == ref
        for relation in Relation:
            want = tuple(Counter(ref[p].values())[relation] for p in m.pairs())
            assert m.count(relation) == want
        codes = m.codes("n")
        for k, pair in enumerate(m.pairs()):
            assert CODES[codes[k]] is ref[pair].get("n")

    def test_count_over_256_issues_and_more(self) -> None:
        """From 256 issues on, per-pair counts are added up another way (one byte per issue
        could carry into the next pair's)."""
        issues = [
            Issue(key=f"i{k:03d}", title=f"I{k}", outcomes=("x", "y", "z")) for k in range(300)
        ]
        book = Codebook(name="test-matrix-many", title="Many", issues=issues)
        ev = Evidence(document="t", locator="p")
        sets = (("x",), ("x", "y"), ("y", "z"), ("z",))
        positions = [
            _make(
                i,
                [
                    Outcomes(issue=issue.key, outcomes=sets[(i + k) % 4], evidence=ev)
                    for k, issue in enumerate(issues)
                    if (i * k) % 11 != 1
                ],
                book,
            )
            for i in range(5)
        ]
        m = relation_matrix(positions)
        assert len(m.issues) == 300
        ref = reference.matrix(positions, "broad")
        assert m.to_dict() == ref
        for relation in Relation:
            assert m.count(relation) == tuple(
                Counter(ref[p].values())[relation] for p in m.pairs()
            )
        assert max(m.count(Relation.SAME)) > 255  # more than a byte holds

    def test_memory_grows_with_positions_not_pairs(self) -> None:
        ev = Evidence(document="t", locator="p")
        outcomes = RU["hostilities"].outcomes  # type: ignore[union-attr]
        positions = [
            _make(i, [Outcomes(issue="hostilities", outcomes={outcomes[i % 4]}, evidence=ev)])
            for i in range(400)
        ]
        m = relation_matrix(positions)
        assert len(m) == 400 * 399 // 2
        assert m.nbytes < 1_000  # one byte a position, a 5 x 5 table


class TestEdges:
    def test_empty(self) -> None:
        m = relation_matrix([])
        assert (m.ids, m.issues, len(m), m.nbytes) == ((), (), 0, 0)
        assert m.to_dict() == {}
        assert list(m.pairs()) == []
        assert m.count(Relation.SAME) == ()

    def test_one_position(self) -> None:
        ev = Evidence(document="t", locator="p")
        m = relation_matrix(
            [_make(0, [Outcomes(issue="talks", outcomes={"direct"}, evidence=ev)])]
        )
        assert (len(m), m.to_dict(), m.count(Relation.SAME)) == (0, {}, ())
        assert m.codes("talks") == b""

    def test_all_silent(self) -> None:
        silent = [_make(i, []) for i in range(3)]
        m = relation_matrix(silent)
        assert m.issues == ()
        assert m.to_dict() == {("p00", "p01"): {}, ("p00", "p02"): {}, ("p01", "p02"): {}}
        assert m.relation("p00", "p01", "hostilities") is None
        assert m.pair("p02", "p00") == {}
        assert m.count(Relation.CONFLICT) == (0, 0, 0)

    def test_errors(self) -> None:
        ev = Evidence(document="t", locator="p")
        p = _make(0, [Outcomes(issue="hostilities", outcomes={"end-of-war"}, evidence=ev)])
        q = _make(1, [peacepos.Ceasefire(evidence=ev)])
        with pytest.raises(ValueError, match="reading"):
            relation_matrix([p, q], "loose")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="repeated: p00"):
            relation_matrix([p, p])
        m = relation_matrix([p, q])
        assert isinstance(m, RelationMatrix)
        assert "2 positions" in repr(m)
        with pytest.raises(ValueError, match="itself"):
            m.relation("p00", "p00", "hostilities")
        with pytest.raises(ValueError, match="itself"):
            m.pair(0, 0)
        with pytest.raises(KeyError, match="no position 'nobody'"):
            m.relation("nobody", "p00", "hostilities")
        with pytest.raises(IndexError):
            m.relation(0, 5, "hostilities")
        with pytest.raises(KeyError, match="no position addresses"):
            m.codes("elections")
        with pytest.raises(TypeError, match="Relation"):
            m.count("conflict")  # type: ignore[arg-type]

    def test_codes_are_documented(self) -> None:
        assert CODES[0] is None
        assert CODES[1:8] == (
            Relation.SAME,
            Relation.NARROWER,
            Relation.BROADER,
            Relation.OVERLAP,
            Relation.CONFLICT,
            Relation.ONLY_LEFT,
            Relation.ONLY_RIGHT,
        )


# -- coalitions ---------------------------------------------------------------------------

HOSTILITIES = RU["hostilities"]
CAP_ISSUE = RU[CAP]


def _named(cs: list[Constraint]) -> list[tuple[str, Constraint]]:
    return [(f"c{i}", c) for i, c in enumerate(cs)]


outcome_sets = st.lists(st.sampled_from(HOSTILITIES.outcomes), unique=True).map(  # type: ignore[union-attr]
    lambda os: Constraint.of(HOSTILITIES, *os)
)
intervals = st.tuples(st.sampled_from(CAPS), st.none() | st.sampled_from(CAPS)).map(
    lambda b: Constraint.between(CAP_ISSUE, b[0], b[1])
)
unions = st.lists(
    st.one_of(intervals, st.just(Constraint.unlimited(CAP_ISSUE))), min_size=1, max_size=3
).map(
    lambda cs: cs[0] if len(cs) == 1 else cs[0] | cs[1] if len(cs) == 2 else cs[0] | cs[1] | cs[2]
)


class TestCoalitions:
    @given(st.lists(outcome_sets, max_size=9))
    def test_finite_issue_matches_brute_force(self, cs: list[Constraint]) -> None:
        got = maximal_coalitions(_named(cs))
        assert {frozenset(g) for g in got} == reference.coalitions(_named(cs))
        assert len(set(got)) == len(got)
        assert list(got) == sorted(got, key=lambda g: (-len(g), g))

    @given(st.lists(unions, max_size=8))
    def test_numeric_issue_with_no_limit_matches_brute_force(self, cs: list[Constraint]) -> None:
        got = maximal_coalitions(_named(cs))
        assert {frozenset(g) for g in got} == reference.coalitions(_named(cs))

    @given(st.lists(outcome_sets, max_size=9), st.lists(st.sampled_from(HOSTILITIES.outcomes)))  # type: ignore[union-attr]
    def test_coalitions_at_given_points(self, cs: list[Constraint], points: list[str]) -> None:
        """At chosen points only: the maximal groups among those accepting each point."""
        got = coalitions_at(_named(cs), points)
        groups = {frozenset(n for n, c in _named(cs) if x in c) for x in points} - {frozenset()}
        want = {g for g in groups if not any(g < h for h in groups)}
        assert {frozenset(g) for g in got} == want

    def test_empty_and_silent(self) -> None:
        assert maximal_coalitions([]) == ()
        nothing = Constraint.empty(HOSTILITIES)
        assert maximal_coalitions([("a", nothing), ("b", nothing)]) == ()

    def test_order_is_biggest_first_then_given_order(self) -> None:
        h = HOSTILITIES
        cs = [
            ("z", Constraint.of(h, "continue")),
            ("y", Constraint.of(h, "end-of-war", "full-ceasefire")),
            ("x", Constraint.of(h, "end-of-war")),
            ("w", Constraint.of(h, "continue", "partial-ceasefire")),
        ]
        assert maximal_coalitions(cs) == (("z", "w"), ("y", "x"))

    def test_thirty_positions_would_need_a_billion_subsets(self) -> None:
        # The reference enumerates 2**30 subsets here; the engine tries one set per outcome.
        h = HOSTILITIES
        outcomes = h.outcomes  # type: ignore[union-attr]
        cs = [
            (f"p{i:02d}", Constraint.of(h, outcomes[i % 4], outcomes[(i + 1) % 4]))
            for i in range(30)
        ]
        got = maximal_coalitions(cs)
        # Outcome k is accepted by the positions with i % 4 in {k, k - 1}.
        assert [len(g) for g in got] == [16, 15, 15, 14]
        for group in got:
            common = Constraint.full(h)
            for name in group:
                common = common & dict(cs)[name]
            assert not common.is_empty()
