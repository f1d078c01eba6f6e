"""peacepos.fast: the all-pairs relation matrix and maximal coalitions against brute force."""

from __future__ import annotations

import itertools
from collections import Counter

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from peacepos.compare import maximal_coalitions
from peacepos.fast import CODES, RelationMatrix, relation_matrix
from peacepos.issues import issue_keys

import peacepos
from peacepos import (
    Accountability,
    ArmsDeliveryHalt,
    ArmyCap,
    Basis,
    Ceasefire,
    CeasefireScope,
    Condition,
    Constraint,
    DirectDialogue,
    EndOfHostilities,
    Evidence,
    NeutralStatus,
    Position,
    PrisonerExchange,
    Relation,
    SanctionsPressure,
    SanctionsRelief,
    Stage,
    TerritorialIntegrity,
    TerritorialRecognition,
    TerritorialStatus,
    compare_many,
    fast,
)
from peacepos.testing import reference

REGIONS = ("crimea", "donetsk", "luhansk")
CAPS = (0, 50_000, 85_000, 100_000, 250_000, 600_000)


def evidence(implied: bool) -> Evidence:
    if implied:
        return Evidence(document="t", locator="p", basis=Basis.IMPLIED, rationale="a reading")
    return Evidence(document="t", locator="p")


def army_cap(low: int | None, high: int | None, ev: Evidence) -> Condition:
    if low is None and high is None:
        low = 0
    if low is not None and high is not None and low > high:
        low, high = high, low
    return ArmyCap(at_least=low, at_most=high, evidence=ev)


# Each maker builds a condition from (flag, regions, low, high, evidence): plain values drawn
# by one module-level strategy, so examples are cheap to draw and shrink well.
MAKERS = [
    lambda f, r, lo, hi, ev: Ceasefire(
        scope=CeasefireScope.FULL if f else CeasefireScope.PARTIAL, evidence=ev
    ),
    lambda f, r, lo, hi, ev: EndOfHostilities(evidence=ev),
    lambda f, r, lo, hi, ev: DirectDialogue(evidence=ev),
    lambda f, r, lo, hi, ev: ArmsDeliveryHalt(evidence=ev),
    lambda f, r, lo, hi, ev: NeutralStatus(evidence=ev),
    lambda f, r, lo, hi, ev: SanctionsPressure(evidence=ev),
    lambda f, r, lo, hi, ev: SanctionsRelief(partial=f, evidence=ev),
    lambda f, r, lo, hi, ev: Accountability(waived=f, evidence=ev),
    lambda f, r, lo, hi, ev: PrisonerExchange(all_for_all=f, evidence=ev),
    lambda f, r, lo, hi, ev: TerritorialIntegrity(regions=r, evidence=ev),
    lambda f, r, lo, hi, ev: TerritorialRecognition(regions=r, de_facto=f, evidence=ev),
    lambda f, r, lo, hi, ev: TerritorialStatus(
        regions=r, status="deferred" if f else "divided", evidence=ev
    ),
    lambda f, r, lo, hi, ev: army_cap(lo, hi, ev),
]

ConditionValues = tuple[int, bool, frozenset[str], int | None, int | None, bool, int]
condition_values = st.tuples(
    st.integers(0, len(MAKERS) - 1),
    st.booleans(),  # flag
    st.frozensets(st.sampled_from(REGIONS), min_size=1),
    st.none() | st.sampled_from(CAPS),
    st.none() | st.sampled_from(CAPS),
    st.booleans(),  # IMPLIED
    st.integers(0, 9),  # 0: a precondition for talks
)


def condition(values: ConditionValues) -> Condition:
    kind, flag, regions, low, high, implied, stage = values
    made: Condition = MAKERS[kind](flag, regions, low, high, evidence(implied))
    if stage == 0:
        made = attrs.evolve(made, stage=Stage.PRECONDITION_FOR_TALKS)
    return made


def build(index: int, candidates: list[Condition]) -> Position:
    """A position from the candidates, dropping each one that would contradict the others.

    Checked under the broad reading; the strict one has fewer conditions, so it is consistent
    too.
    """
    merged: dict[str, Constraint] = {}
    kept: list[Condition] = []
    for c in candidates:
        trial = dict(merged)
        for x in c.constraints():
            known = trial.get(x.issue.key)
            trial[x.issue.key] = x if known is None else known & x
        if all(not t.is_empty() for t in trial.values()):
            merged = trial
            kept.append(c)
    return make(index, kept)


def make(index: int, conds: list[Condition]) -> Position:
    return Position(
        id=f"p{index:02d}",
        title=f"P{index}",
        actors=(f"A{index}",),
        date="2023-01-01",
        codebook=peacepos.codebook("russia-ukraine"),
        conditions=conds,
    )


@st.composite
def corpora(draw: st.DrawFn, max_size: int = 7) -> list[Position]:
    n = draw(st.integers(0, max_size))
    return [
        build(i, [condition(v) for v in draw(st.lists(condition_values, max_size=6))])
        for i in range(n)
    ]


readings = st.sampled_from(peacepos.position.READINGS)


class TestRelationMatrix:
    @given(corpora(), readings)
    def test_same_relations_as_the_brute_force_reference(
        self, positions: list[Position], reading: peacepos.position.Reading
    ) -> None:
        m = relation_matrix(positions, reading)
        assert m.to_dict() == reference.matrix(positions, reading)
        assert len(m) == len(positions) * (len(positions) - 1) // 2
        for issue in m.issues:
            assert len(m.codes(issue)) == len(m)

    @given(corpora(), readings)
    def test_either_direction_and_mirror(
        self, positions: list[Position], reading: peacepos.position.Reading
    ) -> None:
        m = relation_matrix(positions, reading)
        for a, b in itertools.permutations(positions, 2):
            expected = reference.compare(a, b, reading)
            for issue in {*m.issues, "hostilities", "elections"}:
                want = expected[issue][0] if issue in expected else None
                assert m.relation(a.id, b.id, issue) is want
            assert m.pair(a.id, b.id) == {k: rel for k, (rel, _) in expected.items()}

    @given(corpora(), readings)
    def test_multi_comparison_matrix_unchanged(
        self, positions: list[Position], reading: peacepos.position.Reading
    ) -> None:
        if len(positions) < 2:
            return
        many = compare_many(*positions, reading=reading)
        got = many.matrix()
        assert got == reference.matrix(many.positions, reading)
        assert list(got) == list(itertools.combinations([p.id for p in many.positions], 2))
        order = {k: i for i, k in enumerate(issue_keys())}
        for relations in got.values():
            assert list(relations) == sorted(relations, key=order.__getitem__)

    @given(corpora(), readings, st.sampled_from(Relation))
    def test_count_per_pair(
        self, positions: list[Position], reading: peacepos.position.Reading, relation: Relation
    ) -> None:
        m = relation_matrix(positions, reading)
        ref = reference.matrix(positions, reading)
        want = tuple(
            Counter(ref[p].values())[relation]
            for p in itertools.combinations([p.id for p in positions], 2)
        )
        assert m.count(relation) == want

    @given(corpora(max_size=5), readings)
    def test_list_path_for_many_distinct_constraints(
        self, positions: list[Position], reading: peacepos.position.Reading
    ) -> None:
        # An issue with more distinct constraints than a byte can name takes the list path;
        # lower the threshold so small corpora take it too.
        saved = fast._BYTE_CLASSES
        fast._BYTE_CLASSES = 1
        try:
            m = relation_matrix(positions, reading)
        finally:
            fast._BYTE_CLASSES = saved
        assert m.to_dict() == reference.matrix(positions, reading)

    def test_pair_index_follows_pairs(self) -> None:
        positions = [build(i, []) for i in range(6)]
        m = relation_matrix(positions)
        for k, (a, b) in enumerate(m.pairs()):
            assert m.pair_index(a, b) == k
        with pytest.raises(ValueError, match="left before right"):
            m.pair_index("p03", "p01")

    def test_headline_pair(self) -> None:
        china = peacepos.corpus.load("china-2023-02-24")
        russia = peacepos.corpus.load("russia-2023-02-24")
        for reading in peacepos.position.READINGS:
            m = relation_matrix([china, russia], reading)
            result = peacepos.compare(china, russia, reading=reading)
            assert m.pair(china.id, russia.id) == {f.issue: f.relation for f in result}
            assert m.pair(1, 0) == {f.issue: f.relation.mirror for f in result}

    def test_empty_and_silent(self) -> None:
        assert relation_matrix([]).to_dict() == {}
        silent = [build(i, []) for i in range(3)]
        m = relation_matrix(silent)
        assert m.issues == ()
        assert m.to_dict() == {("p00", "p01"): {}, ("p00", "p02"): {}, ("p01", "p02"): {}}
        assert m.relation("p00", "p01", "hostilities") is None
        assert m.count(Relation.CONFLICT) == (0, 0, 0)

    def test_errors(self) -> None:
        p = build(0, [EndOfHostilities(evidence=evidence(False))])
        q = build(1, [Ceasefire(evidence=evidence(False))])
        with pytest.raises(ValueError, match="reading"):
            relation_matrix([p, q], "loose")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="repeated: p00"):
            relation_matrix([p, p])
        m = relation_matrix([p, q])
        assert isinstance(m, RelationMatrix)
        assert "2 positions" in repr(m)
        with pytest.raises(ValueError, match="itself"):
            m.relation("p00", "p00", "hostilities")
        with pytest.raises(KeyError, match="no position 'nobody'"):
            m.relation("nobody", "p00", "hostilities")
        with pytest.raises(IndexError):
            m.relation(0, 5, "hostilities")
        with pytest.raises(KeyError, match="no position addresses"):
            m.codes("elections")

    def test_codes_are_documented(self) -> None:
        assert CODES[0] is None
        assert CODES[1:] == tuple(Relation)


def named(cs: list[Constraint]) -> list[tuple[str, Constraint]]:
    return [(f"c{i}", c) for i, c in enumerate(cs)]


def outcome_sets(issue: str) -> st.SearchStrategy[Constraint]:
    found = peacepos.get_issue(issue)
    assert isinstance(found, peacepos.Issue)
    return st.lists(st.sampled_from(found.outcomes), unique=True).map(
        lambda os: Constraint.of(issue, *os)
    )


intervals = st.tuples(st.sampled_from(CAPS), st.none() | st.sampled_from(CAPS)).map(
    lambda b: Constraint.between("military/army-cap", b[0], b[1])
)
unions = st.lists(intervals, min_size=1, max_size=3).map(
    lambda cs: cs[0] if len(cs) == 1 else cs[0] | cs[1] if len(cs) == 2 else cs[0] | cs[1] | cs[2]
)


class TestCoalitions:
    @given(st.lists(outcome_sets("hostilities"), max_size=9))
    def test_finite_issue_matches_brute_force(self, cs: list[Constraint]) -> None:
        got = maximal_coalitions(named(cs))
        assert {frozenset(g) for g in got} == reference.coalitions(named(cs))
        assert list(got) == sorted(got, key=lambda g: (-len(g), g))

    @given(st.lists(unions, max_size=8))
    def test_numeric_issue_matches_brute_force(self, cs: list[Constraint]) -> None:
        got = maximal_coalitions(named(cs))
        assert {frozenset(g) for g in got} == reference.coalitions(named(cs))

    def test_order_is_biggest_first_then_given_order(self) -> None:
        h = "hostilities"
        cs = [
            ("z", Constraint.of(h, "continue")),
            ("y", Constraint.of(h, "end-of-war", "full-ceasefire")),
            ("x", Constraint.of(h, "end-of-war")),
            ("w", Constraint.of(h, "continue", "partial-ceasefire")),
        ]
        assert maximal_coalitions(cs) == (("z", "w"), ("y", "x"))

    def test_thirty_positions_would_need_a_billion_subsets(self) -> None:
        # The reference enumerates 2**30 subsets here; the engine tries one set per outcome.
        h = "hostilities"
        outcomes = peacepos.get_issue(h).outcomes  # type: ignore[union-attr]
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
