"""N-way analysis: exact behaviour that mutation testing found unchecked (docs/reliability.md).

The relation matrix is checked pair by pair and issue by issue against :func:`relate` on the
positions' constraints (its definition), on shapes that take each of its paths: fewer and more
than 256 issues (``count`` adds whole issues as big integers below that), and more than 256
distinct constraints on one issue (the classes no longer fit in a byte).
"""

from __future__ import annotations

import itertools
import random

import pytest
from ru import ArmyCap, EndOfHostilities, position

import peacepos
from peacepos import Ceasefire, Evidence, Relation, compare, compare_many, relate
from peacepos.analysis.many import (
    CODES,
    MultiComparison,
    RelationMatrix,
    coalitions_at,
    maximal_coalitions,
    relation_matrix,
)
from peacepos.kinds import CeasefireScope, condition
from peacepos.vocabulary import Codebook, KindSpec, NumericIssue

EV = Evidence(document="doc", locator="point 1")


def wide_codebook(issues: int, maximum: int = 9) -> Codebook:
    """A codebook of ``issues`` numeric issues n000, n001, ..., each with a kind k000, ..."""
    return Codebook(
        name="wide",
        title="Wide",
        issues=[
            NumericIssue(key=f"n{i:03d}", title=f"N{i}", unit="u", maximum=maximum)
            for i in range(issues)
        ],
        kinds=[KindSpec(name=f"k{i:03d}", bounds=f"n{i:03d}") for i in range(issues)],
    )


def wide_position(
    book: Codebook, pid: str, spans: dict[int, tuple[int, int]]
) -> peacepos.Position:
    conditions = [
        condition(book, f"k{i:03d}", at_least=lo, at_most=hi, evidence=EV)
        for i, (lo, hi) in spans.items()
    ]
    return peacepos.Position(
        id=pid,
        title=pid,
        actors=[pid.upper()],
        date="2024-01-01",
        codebook=book,
        conditions=conditions,
    )


def random_positions(book: Codebook, n: int, seed: int) -> list[peacepos.Position]:
    rng = random.Random(seed)
    issues = len(book.issues)
    out = []
    for j in range(n):
        spans = {}
        for i in range(issues):
            if rng.random() < 0.75:
                lo = rng.randint(0, 9)
                spans[i] = (lo, rng.randint(lo, 9))
        out.append(wide_position(book, f"p{j}", spans))
    return out


def check_against_relate(m: RelationMatrix, positions: list[peacepos.Position]) -> None:
    """Every view of the matrix agrees with relate() on the constraints, pair by pair."""
    maps = [p.constraints(m.reading) for p in positions]
    ids = tuple(p.id for p in positions)
    assert m.ids == ids
    keys = sorted({k for mp in maps for k in mp})
    assert sorted(m.issues) == keys
    pairs = list(itertools.combinations(range(len(ids)), 2))
    assert len(m) == len(pairs)
    assert list(m.pairs()) == [(ids[i], ids[j]) for i, j in pairs]
    expected = {
        (i, j): {
            k: relate(maps[i].get(k), maps[j].get(k)) for k in keys if k in maps[i] or k in maps[j]
        }
        for i, j in pairs
    }
    for k in keys:
        want = bytes(CODES.index(expected[p].get(k)) for p in pairs)
        assert m.codes(k) == want, k
    for relation in Relation:
        want_counts = tuple(sum(r is relation for r in expected[p].values()) for p in pairs)
        assert m.count(relation) == want_counts, relation
    for n, (i, j) in enumerate(pairs):
        assert m.pair_index(ids[i], ids[j]) == n
        assert m.pair_index(i, j) == n
        assert m.pair(ids[i], ids[j]) == expected[(i, j)]
        assert list(m.pair(i, j)) == [k for k in m.issues if k in expected[(i, j)]]
        assert m.pair(j, i) == {k: r.mirror for k, r in expected[(i, j)].items()}
        for k in keys:
            assert m.relation(ids[i], ids[j], k) is expected[(i, j)].get(k)
            back = expected[(i, j)].get(k)
            assert m.relation(j, i, k) is (None if back is None else back.mirror)
    assert m.to_dict() == {(ids[i], ids[j]): expected[(i, j)] for i, j in pairs}


class TestRelationMatrix:
    def test_few_issues(self) -> None:
        book = wide_codebook(6)
        positions = random_positions(book, 7, seed=1)
        check_against_relate(relation_matrix(positions), positions)

    def test_more_than_255_issues_take_the_other_path_of_count(self) -> None:
        book = wide_codebook(300)
        positions = random_positions(book, 5, seed=2)
        m = relation_matrix(positions)
        assert len(m.issues) > 256
        check_against_relate(m, positions)
        # a relation that holds on more than 255 issues of one pair does not overflow a byte
        same = [wide_position(book, f"s{j}", {i: (0, 9) for i in range(300)}) for j in range(2)]
        assert relation_matrix(same).count(Relation.SAME) == (300,)

    def test_exactly_256_issues(self) -> None:
        book = wide_codebook(256)
        same = [wide_position(book, f"s{j}", {i: (0, 9) for i in range(256)}) for j in range(3)]
        m = relation_matrix(same)
        assert m.count(Relation.SAME) == (256, 256, 256)
        assert m.count(Relation.CONFLICT) == (0, 0, 0)

    def test_255_issues_all_the_same_for_every_pair(self) -> None:
        book = wide_codebook(255)
        same = [wide_position(book, f"s{j}", {i: (0, 9) for i in range(255)}) for j in range(3)]
        assert relation_matrix(same).count(Relation.SAME) == (255, 255, 255)

    def test_more_than_255_distinct_constraints_on_one_issue(self) -> None:
        book = wide_codebook(2, maximum=1000)
        positions = [wide_position(book, f"p{j:03d}", {0: (0, j)}) for j in range(300)]
        positions.append(wide_position(book, "z", {1: (5, 5)}))
        m = relation_matrix(positions)
        check_against_relate(m, positions)
        assert m.relation("p000", "p299", "n000") is Relation.NARROWER
        assert m.relation("p299", "z", "n000") is Relation.ONLY_LEFT
        assert m.relation("p299", "z", "n001") is Relation.ONLY_RIGHT
        assert m.relation("p001", "p002", "n001") is None

    def test_sizes_and_text(self) -> None:
        book = wide_codebook(2)
        a = wide_position(book, "a", {0: (0, 3)})
        b = wide_position(book, "b", {0: (0, 3)})
        c = wide_position(book, "c", {0: (0, 5), 1: (1, 1)})
        m = relation_matrix([a, b, c])
        assert len(m) == 3
        # n000: three positions, one byte each; classes silent, 0-3, 0-5: a 3 x 3 table;
        # n001: three bytes; classes silent, 1: a 2 x 2 table
        assert m.nbytes == (3 + 9) + (3 + 4)
        assert repr(m) == "<RelationMatrix of 3 positions, 3 pairs, 2 issues, broad reading>"
        assert repr(relation_matrix([a, b], "strict")).endswith("strict reading>")
        same, narrower = CODES.index(Relation.SAME), CODES.index(Relation.NARROWER)
        assert m.codes("n000") == bytes([same, narrower, narrower])
        right = CODES.index(Relation.ONLY_RIGHT)
        assert m.codes("n001") == bytes([0, right, right])
        assert m._repr_svg_().lstrip().startswith("<svg")

    def test_no_positions_and_one(self) -> None:
        empty = relation_matrix([])
        assert (len(empty), empty.ids, empty.issues) == (0, (), ())
        assert empty.count(Relation.SAME) == ()
        assert empty.nbytes == 0
        one = relation_matrix([position("a", Ceasefire(evidence=EV))])
        assert len(one) == 0
        assert one.count(Relation.SAME) == ()
        assert one.codes("hostilities") == b""

    def test_positions_that_address_nothing_in_common(self) -> None:
        book = wide_codebook(2)
        a = wide_position(book, "a", {0: (0, 3)})
        b = wide_position(book, "b", {1: (0, 3)})
        m = relation_matrix([a, b])
        assert m.pair("a", "b") == {"n000": Relation.ONLY_LEFT, "n001": Relation.ONLY_RIGHT}
        assert m.count(Relation.ONLY_LEFT) == (1,)
        assert m.count(Relation.ONLY_RIGHT) == (1,)
        assert m.count(Relation.SAME) == (0,)

    def test_misuse_is_explained(self) -> None:
        a, b, c = (position(x, Ceasefire(evidence=EV)) for x in "abc")
        m = relation_matrix([a, b, c])
        with pytest.raises(
            ValueError, match=r"^pair_index needs left before right \(got 'b', 'a'\)$"
        ):
            m.pair_index("b", "a")
        with pytest.raises(ValueError, match="pair_index needs left before right"):
            m.pair_index(1, 1)
        with pytest.raises(ValueError, match=r"^a position is not paired with itself \('a'\)$"):
            m.relation("a", "a", "hostilities")
        with pytest.raises(ValueError, match=r"^a position is not paired with itself \(0\)$"):
            m.pair(0, "a")
        with pytest.raises(KeyError, match="no position 'x' in this matrix"):
            m.pair("a", "x")
        with pytest.raises(IndexError, match=r"^no position 3 among 3$"):
            m.relation(0, 3, "hostilities")
        with pytest.raises(IndexError, match=r"^no position -1 among 3$"):
            m.pair(-1, 0)
        with pytest.raises(KeyError, match="no position True in this matrix"):
            m.pair(True, 0)  # a bool is not an index
        with pytest.raises(KeyError, match="no position addresses 'talks'"):
            m.codes("talks")
        with pytest.raises(TypeError, match=r"^count\(\) takes a Relation \(got str\)$"):
            m.count("same")  # type: ignore[arg-type]
        assert m.relation("a", "b", "talks") is None
        with pytest.raises(ValueError, match=r"^each position may appear once \(repeated: a\)$"):
            relation_matrix([a, b, a])
        assert m.pair_index(0, 2) == 1
        assert m.pair_index("b", "c") == 2


class TestCompareMany:
    def test_pair_is_the_two_way_comparison_under_the_same_reading(self) -> None:
        a = position("a", Ceasefire(evidence=EV), date="2023-01-02")
        b = position("b", EndOfHostilities(evidence=EV), date="2023-01-01")
        c = position("c", Ceasefire(scope=CeasefireScope.PARTIAL, evidence=EV))
        for reading in ("broad", "strict"):
            many = compare_many(a, b, c, reading=reading)
            assert many.pair("a", "b") == compare(a, b, reading=reading)
            assert many.pair(b, "c") == compare(b, c, reading=reading)
            assert many.pair("c", a) == compare(c, a, reading=reading)
            assert many.pair("a", "b").reading == reading
        with pytest.raises(KeyError):
            compare_many(a, b).pair("a", "z")

    def test_agreements_exactly(self) -> None:
        a = position("a", ArmyCap(at_least=0, at_most=20, evidence=EV), Ceasefire(evidence=EV))
        b = position("b", ArmyCap(at_least=10, at_most=30, evidence=EV), date="2023-01-02")
        c = position("c", ArmyCap(at_least=25, at_most=30, evidence=EV), date="2023-01-03")
        many = compare_many(c, b, a)
        assert [p.id for p in many.positions] == ["a", "b", "c"]
        assert [g.issue for g in many.agreements] == [
            "hostilities",
            "military/limits",
            "military/army-cap/peacetime",
        ]
        cap = many.agreement("military/army-cap/peacetime")
        assert cap.addressed_by == ("a", "b", "c")
        assert cap.silent == ()
        assert cap.conflicting_pairs == (("a", "c"),)
        assert cap.coalitions == (("a", "b"), ("b", "c"))
        assert cap.blocking
        assert cap.common_ground.is_empty()
        assert cap.title == "Cap on Ukraine's armed forces in peacetime"
        host = many.agreement("hostilities")
        assert host.addressed_by == ("a",)
        assert host.silent == ("b", "c")
        assert host.coalitions == (("a",),)
        assert not host.blocking
        assert many.blocking == (cap,)
        # hostilities: only one position addresses it; the army cap blocks
        assert list(many.common_ground) == ["military/limits"]
        assert repr(many) == "<MultiComparison of a, b, c, reading=broad: 3 issues, 1 blocking>"
        with pytest.raises(KeyError, match="no position addresses 'talks'"):
            many.agreement("talks")
        assert many.matrix() == relation_matrix(many.positions).to_dict()

    def test_common_ground_of_two_that_agree(self) -> None:
        book = wide_codebook(2)
        a = wide_position(book, "a", {0: (0, 5), 1: (1, 1)})
        b = wide_position(book, "b", {0: (3, 9)})
        many = compare_many(a, b)
        ((issue, ground),) = many.common_ground.items()
        assert issue == "n000"
        assert ground.bounds == ((3, 5),)
        assert many.agreement(issue).coalitions == (("a", "b"),)

    def test_misuse_is_explained(self) -> None:
        a = position("a", Ceasefire(evidence=EV))
        with pytest.raises(ValueError, match=r"^compare_many\(\) needs at least two positions$"):
            compare_many(a)
        with pytest.raises(ValueError, match=r"^each position may appear once \(repeated: a\)$"):
            compare_many(a, position("b", Ceasefire(evidence=EV)), a)

    def test_reading_dependent_blocking(self) -> None:
        implied = Evidence(
            document="doc",
            locator="p2",
            basis=peacepos.Basis.IMPLIED,
            readers=["x"],
            rationale="r",
        )
        a = position("a", ArmyCap(at_most=10, evidence=implied))
        b = position("b", ArmyCap(at_least=20, evidence=EV))
        c = position("c", ArmyCap(at_least=5, evidence=EV))
        broad = compare_many(a, b, c)
        strict = compare_many(a, b, c, reading="strict")
        key = "military/army-cap/peacetime"
        assert broad.reading_dependent == (key,)
        assert strict.reading_dependent == (key,)
        assert broad.agreement(key).blocking
        assert not strict.agreement(key).blocking
        assert strict.agreement(key).silent == ("a",)
        quiet = compare_many(b, c)
        assert quiet.reading_dependent == ()
        assert isinstance(quiet, MultiComparison)


class TestCoalitions:
    def test_numeric_points_are_the_lower_ends(self) -> None:
        cap = peacepos.codebook("russia-ukraine")["military/army-cap/peacetime"]
        a = peacepos.Constraint.between(cap, 0, 10)
        b = peacepos.Constraint.between(cap, 10, 20)
        c = peacepos.Constraint.between(cap, 15, 30)
        d = peacepos.Constraint.between(cap, 40, 50)
        assert maximal_coalitions([("a", a), ("b", b), ("c", c), ("d", d)]) == (
            ("a", "b"),
            ("b", "c"),
            ("d",),
        )
        assert maximal_coalitions([]) == ()

    def test_biggest_first_then_in_the_order_given(self) -> None:
        host = peacepos.codebook("core")["hostilities"]
        of = peacepos.Constraint.of
        named = [
            ("z", of(host, "continue")),
            ("y", of(host, "end-of-war", "continue")),
            ("x", of(host, "end-of-war")),
            ("w", of(host, "end-of-war")),
        ]
        assert coalitions_at(named, host.outcomes) == (("y", "x", "w"), ("z", "y"))
        # a set contained in a bigger one at another point is not maximal
        assert coalitions_at(named[1:], host.outcomes) == (("y", "x", "w"),)
        # no point accepted by anyone: no coalition
        assert coalitions_at(named, ["partial-ceasefire"]) == ()


class TestClassWidths:
    """An issue's classes take a byte per position up to 255 distinct constraints (256 classes
    with silence), then four: the views agree with relate() on both sides of the edge."""

    @pytest.mark.parametrize("distinct", [130, 200, 255, 256])
    def test_views_at_the_edge_of_a_byte(self, distinct: int) -> None:
        book = wide_codebook(1, maximum=1000)
        positions = [wide_position(book, f"p{j:03d}", {0: (0, j)}) for j in range(distinct)]
        positions.append(wide_position(book, "silent", {}))
        m = relation_matrix(positions)
        check_against_relate(m, positions)
        column = m._columns["n000"]
        assert column.size == distinct + 1
        assert column.classes.typecode == ("B" if distinct <= 255 else "I")


def test_positions_that_address_nothing_count_nothing() -> None:
    book = wide_codebook(1)
    quiet = [wide_position(book, f"q{j}", {}) for j in range(3)]
    m = relation_matrix(quiet)
    assert (len(m), m.issues) == (3, ())
    for relation in Relation:
        assert m.count(relation) == (0, 0, 0)


def test_pair_index_is_an_integer() -> None:
    book = wide_codebook(1)
    m = relation_matrix([wide_position(book, f"p{j}", {0: (0, j)}) for j in range(5)])
    for n, (i, j) in enumerate(itertools.combinations(range(5), 2)):
        index = m.pair_index(i, j)
        assert type(index) is int
        assert index == n


def test_repeated_ids_are_all_named() -> None:
    book = wide_codebook(1)
    a, b, c = (wide_position(book, x, {0: (0, 1)}) for x in "abc")
    message = r"^each position may appear once \(repeated: a, b\)$"
    with pytest.raises(ValueError, match=message):
        relation_matrix([a, b, c, b, a])
    with pytest.raises(ValueError, match=message):
        compare_many(a, b, c, b, a)


def test_an_empty_matrix_keeps_its_reading() -> None:
    assert relation_matrix([], "strict").reading == "strict"
    assert relation_matrix([], ["the analyst"]).reading == frozenset({"the analyst"})


def test_matrix_of_n_positions_is_read_under_their_reading() -> None:
    china = peacepos.corpus.load("china-2023-02-24")
    russia = peacepos.corpus.load("russia-2023-02-24")
    for reading in ("strict", "broad"):
        many = compare_many(china, russia, reading=reading)
        assert many.matrix() == relation_matrix([china, russia], reading).to_dict()
    assert compare_many(china, russia, reading="strict").matrix() != (
        compare_many(china, russia, reading="broad").matrix()
    )


def test_agreements_name_the_positions_whose_readers_disagree() -> None:
    china = peacepos.corpus.load("china-2023-02-24")
    russia = peacepos.corpus.load("russia-2023-02-24")
    many = compare_many(china, russia, reading="broad")
    assert many.agreement("territory/crimea/recognition").contested == ("china-2023-02-24",)
    assert many.agreement("hostilities").contested == ()
    strict = compare_many(china, russia, reading="strict")
    assert strict.agreement("territory/crimea/recognition").contested == ()
