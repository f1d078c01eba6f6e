"""Constraints: exact behaviour that mutation testing found unchecked (docs/reliability.md).

Each test states what the documented semantics require, on cases small enough to work out by
hand: the distance between sets with several intervals, clipping and merging, the text of
multi-interval sets, error messages, and the operator protocol.
"""

from __future__ import annotations

import pytest

import peacepos
from peacepos import Constraint, NumericIssue
from peacepos.constraints import IntervalSet
from peacepos.vocabulary import FINITE_MAX, UNLIMITED, Issue

RU = peacepos.codebook("russia-ukraine")
HOSTILITIES = RU["hostilities"]
SMALL = NumericIssue(key="test/small", title="Small", unit="km", minimum=0, maximum=30)
OPEN = NumericIssue(key="test/open", title="Open", unit="km")  # 0 and up, no upper end
CAPPED = NumericIssue(key="test/cap", title="Cap", unit="troops", maximum=100, unlimited="no cap")


def spans(issue: NumericIssue, *bounds: tuple[int, int | None]) -> IntervalSet:
    return IntervalSet.from_bounds(issue, bounds)


class TestGap:
    def test_several_intervals_give_the_smallest_distance_not_the_last_pairs(self) -> None:
        a = spans(SMALL, (0, 2), (20, 22))
        b = spans(SMALL, (5, 5))
        # 2 -> 5 is 3; 5 -> 20 is 15: the nearest ends are 3 apart
        assert a.gap(b) == 3
        assert b.gap(a) == 3
        c = spans(SMALL, (10, 10), (25, 26))
        # pairs: 2->10: 8, 2->25: 23, 10->20: 10, 22->25: 3
        assert a.gap(c) == 3
        assert c.gap(a) == 3

    def test_the_nearest_pair_may_come_first(self) -> None:
        a = spans(SMALL, (0, 2), (28, 30))
        b = spans(SMALL, (4, 4))
        assert a.gap(b) == 2  # 2 -> 4; 4 -> 28 is 24

    def test_overlapping_sets_have_no_gap_even_with_distant_intervals(self) -> None:
        a = spans(SMALL, (0, 2), (10, 10))
        b = spans(SMALL, (10, 10), (20, 20))
        assert a.gap(b) is None
        assert b.gap(a) is None
        assert spans(SMALL, (0, 30)).gap(spans(SMALL, (3, 4), (8, 9))) is None

    def test_an_empty_set_has_no_gap(self) -> None:
        empty = Constraint.empty(SMALL)
        assert isinstance(empty, IntervalSet)
        assert empty.gap(spans(SMALL, (3, 4))) is None
        assert spans(SMALL, (3, 4)).gap(empty) is None

    def test_an_open_upper_end(self) -> None:
        assert spans(OPEN, (0, 5)).gap(spans(OPEN, (9, None))) == 4
        assert spans(OPEN, (9, None)).gap(spans(OPEN, (0, 5), (7, 7))) == 2

    def test_no_limit_is_no_distance_but_numbers_beside_it_are(self) -> None:
        high = Constraint.at_least(CAPPED, 50)  # 50-100 or no cap
        assert high.bounds == ((50, 100), (UNLIMITED, UNLIMITED))
        assert high.gap(Constraint.at_most(CAPPED, 20)) == 30
        assert Constraint.at_most(CAPPED, 20).gap(high) == 30
        assert Constraint.unlimited(CAPPED).gap(Constraint.at_most(CAPPED, 20)) is None


class TestNormalise:
    def test_an_interval_outside_the_issue_is_dropped_and_the_rest_kept(self) -> None:
        assert spans(SMALL, (40, 50), (1, 2), (5, 6)).bounds == ((1, 2), (5, 6))
        assert spans(SMALL, (1, 2), (40, 50), (5, 6)).bounds == ((1, 2), (5, 6))
        assert spans(SMALL, (40, 50)).bounds == ()

    def test_intervals_are_clipped_to_the_issue(self) -> None:
        assert Constraint.between(SMALL, 5, 100).bounds == ((5, 30),)
        assert Constraint.between(SMALL, -5, 3).bounds == ((0, 3),)
        assert spans(SMALL, (25, None)).bounds == ((25, 30),)

    def test_the_same_start_with_and_without_an_upper_end(self) -> None:
        assert spans(OPEN, (5, None), (5, 10)).bounds == ((5, None),)
        assert spans(OPEN, (5, 10), (5, None)).bounds == ((5, None),)

    def test_an_open_interval_swallows_what_follows(self) -> None:
        assert spans(OPEN, (0, None), (5, 10)).bounds == ((0, None),)
        assert spans(OPEN, (0, 5), (3, None)).bounds == ((0, None),)
        assert spans(OPEN, (0, 5), (6, None)).bounds == ((0, None),)  # touching
        assert spans(OPEN, (0, 5), (7, None)).bounds == ((0, 5), (7, None))

    def test_unsorted_intervals_are_sorted_and_merged(self) -> None:
        assert spans(SMALL, (20, 25), (0, 3), (4, 6)).bounds == ((0, 6), (20, 25))
        assert spans(SMALL, (20, 25), (21, 22)).bounds == ((20, 25),)

    def test_an_open_upper_end_includes_no_limit(self) -> None:
        assert Constraint.at_least(CAPPED, 50).bounds == ((50, 100), (UNLIMITED, UNLIMITED))
        assert spans(CAPPED, (UNLIMITED, UNLIMITED)) == Constraint.unlimited(CAPPED)


class TestText:
    def test_multi_interval_sets(self) -> None:
        assert str(spans(SMALL, (0, 5), (10, 20))) == "≤ 5 or 10–20 km"
        assert str(spans(SMALL, (3, 3), (10, 20), (25, 30))) == "3 or 10–20 or 25–30 km"
        assert str(spans(OPEN, (1, 2), (9, None))) == "1–2 or ≥ 9 km"

    def test_ranges_and_thousands(self) -> None:
        assert str(Constraint.between(OPEN, 5, 10)) == "5–10 km"
        big = NumericIssue(key="test/big", title="Big", unit="troops")
        assert str(Constraint.between(big, 85_000, 250_000)) == "85,000–250,000 troops"

    def test_a_unit_is_not_added_to_any(self) -> None:
        assert str(Constraint.full(SMALL)) == "≤ 30 km"
        assert str(Constraint.full(OPEN)) == "any"
        assert str(Constraint.full(CAPPED)) == "any"
        assert str(~Constraint.unlimited(CAPPED)) == "≤ 100 troops"
        assert str(~Constraint.unlimited(RU["military/army-cap/peacetime"])) == "any finite number"

    def test_numbers_and_no_limit(self) -> None:
        assert str(Constraint.at_least(CAPPED, 50)) == "50–100 troops or no cap"
        assert str(spans(CAPPED, (0, 5), (UNLIMITED, UNLIMITED))) == "≤ 5 troops or no cap"
        assert str(Constraint.unlimited(CAPPED)) == "no cap"

    def test_numbers_reaching_the_end_of_the_numbers_and_no_limit(self) -> None:
        top = NumericIssue(
            key="test/top", title="T", unit="t", maximum=FINITE_MAX, unlimited="none"
        )
        assert str(Constraint.at_least(top, 20)) == "≥ 20 t or none"
        assert str(spans(top, (0, 5), (20, None))) == "≤ 5 or ≥ 20 t or none"


class TestNumericFactories:
    def test_empty(self) -> None:
        empty = Constraint.empty(SMALL)
        assert isinstance(empty, IntervalSet)
        assert empty.issue is SMALL
        assert empty.bounds == ()
        assert empty == Constraint.at_most(SMALL, 2) & Constraint.at_least(SMALL, 5)
        assert empty.is_empty()
        assert str(empty) == "nothing"

    def test_open_intervals_intersect(self) -> None:
        both = Constraint.at_least(OPEN, 5) & Constraint.at_least(OPEN, 10)
        assert both.bounds == ((10, None),)
        assert (Constraint.at_least(OPEN, 5) & Constraint.at_most(OPEN, 7)).bounds == ((5, 7),)

    def test_superset_of_interval_sets(self) -> None:
        wide, narrow = Constraint.between(SMALL, 0, 20), Constraint.between(SMALL, 5, 10)
        assert wide.is_superset(narrow)
        assert not narrow.is_superset(wide)
        assert wide >= narrow
        assert wide > narrow
        assert not narrow >= wide
        assert not wide > wide
        assert wide >= wide
        far = Constraint.between(SMALL, 25, 30)
        assert not wide.is_superset(far)
        assert not far.is_superset(wide)

    def test_membership_is_for_whole_numbers_only(self) -> None:
        every = Constraint.full(SMALL)
        assert 1 in every
        assert True not in every
        assert False not in every
        assert "5" not in every
        assert 5.0 not in every
        assert None not in every


class TestSameIssue:
    def test_an_issue_built_twice_is_the_same_issue(self) -> None:
        a = Issue(key="talks", title="Talks", outcomes=("none", "direct"))
        b = Issue(key="talks", title="Other title", outcomes=("none", "direct"))
        assert Constraint.of(a, "direct") == Constraint.of(b, "direct")
        assert Constraint.of(a, "direct") <= Constraint.of(b, "none", "direct")
        n1 = NumericIssue(key="n", title="N", unit="u", maximum=9)
        n2 = NumericIssue(key="n", title="Other", unit="u", maximum=9)
        assert Constraint.at_most(n1, 3) == Constraint.at_most(n2, 3)

    def test_same_key_other_outcomes_is_another_issue(self) -> None:
        a = Issue(key="talks", title="Talks", outcomes=("none", "direct"))
        b = Issue(key="talks", title="Talks", outcomes=("none", "mediated"))
        assert Constraint.of(a, "none") != Constraint.of(b, "none")
        with pytest.raises(TypeError, match="cannot relate a constraint on 'talks' to 'talks'"):
            Constraint.of(a, "none").is_subset(Constraint.of(b, "none"))
        with pytest.raises(TypeError):
            _ = Constraint.of(a, "none") & Constraint.of(b, "none")

    def test_same_key_other_range_is_another_issue(self) -> None:
        n1 = NumericIssue(key="n", title="N", unit="u", maximum=9)
        n2 = NumericIssue(key="n", title="N", unit="u", maximum=10)
        n3 = NumericIssue(key="n", title="N", unit="u", minimum=1, maximum=9)
        assert Constraint.at_most(n1, 3) != Constraint.at_most(n2, 3)
        assert Constraint.between(n1, 1, 3) != Constraint.between(n3, 1, 3)
        with pytest.raises(TypeError):
            _ = Constraint.at_most(n1, 3) & Constraint.at_most(n2, 3)

    def test_other_key_same_outcomes_is_another_issue(self) -> None:
        a = Issue(key="talks", title="Talks", outcomes=("none", "direct"))
        b = Issue(key="other", title="Talks", outcomes=("none", "direct"))
        assert Constraint.of(a, "none") != Constraint.of(b, "none")
        with pytest.raises(TypeError):
            _ = Constraint.of(a, "none") | Constraint.of(b, "none")

    def test_a_finite_and_a_numeric_constraint_never_mix(self) -> None:
        finite, numeric = Constraint.of(HOSTILITIES, "continue"), Constraint.full(SMALL)
        assert finite != numeric
        assert numeric != finite
        with pytest.raises(TypeError):
            _ = finite & numeric
        with pytest.raises(TypeError):
            _ = numeric | finite


class TestMessages:
    def test_a_key_instead_of_an_issue(self) -> None:
        with pytest.raises(TypeError) as info:
            Constraint.of("hostilities", "continue")  # type: ignore[arg-type]
        assert str(info.value) == (
            "pass the issue itself, e.g. codebook['hostilities'], not its key: issues belong "
            "to a codebook"
        )

    def test_neither_issue_nor_key(self) -> None:
        with pytest.raises(TypeError) as info:
            Constraint.full(3)  # type: ignore[arg-type]
        assert str(info.value) == "expected an Issue or NumericIssue (got int)"

    @pytest.mark.parametrize("method", ["is_subset", "is_superset", "is_disjoint"])
    def test_relating_constraints_of_other_issues(self, method: str) -> None:
        a = Constraint.of(HOSTILITIES, "continue")
        talks = Constraint.of(RU["talks"], "direct")
        with pytest.raises(TypeError) as info:
            getattr(a, method)(talks)
        assert str(info.value) == "cannot relate a constraint on 'hostilities' to 'talks'"
        with pytest.raises(TypeError) as info:
            getattr(a, method)(3)
        assert str(info.value) == "cannot relate a constraint on 'hostilities' to 'int'"


class _Answers:
    """Answers every comparison itself: a constraint must leave it the chance (NotImplemented)."""

    def __ge__(self, other: object) -> str:
        return "answered"

    __le__ = __gt__ = __lt__ = __ge__


class TestOperatorProtocol:
    def test_comparisons_of_the_same_issue_answer_themselves(self) -> None:
        a = Constraint.of(HOSTILITIES, "end-of-war")
        b = Constraint.of(HOSTILITIES, "full-ceasefire", "end-of-war")
        assert a.__le__(b) is True
        assert a.__lt__(b) is True
        assert b.__ge__(a) is True
        assert b.__gt__(a) is True
        assert b.__le__(a) is False
        assert a.__ge__(b) is False

    def test_other_objects_get_to_answer(self) -> None:
        a = Constraint.of(HOSTILITIES, "end-of-war")
        assert (a <= _Answers()) == "answered"
        assert (a < _Answers()) == "answered"
        assert (a >= _Answers()) == "answered"
        assert (a > _Answers()) == "answered"

    def test_disjoint_sets_are_not_greater(self) -> None:
        a, c = Constraint.of(HOSTILITIES, "end-of-war"), Constraint.of(HOSTILITIES, "continue")
        assert not a > c
        assert not c > a
        assert not a >= c

    def test_membership_of_anything_is_a_bool(self) -> None:
        a = Constraint.of(HOSTILITIES, "end-of-war")
        assert ["end-of-war"] not in a
        assert {"end-of-war": 1} not in a
        assert "end-of-war" in a


# -- gaps where an issue has a no-limit outcome ----------------------------------------------

_OPEN = NumericIssue(key="n", title="N", unit="km", minimum=0, maximum=None, unlimited="no limit")


def test_gap_counts_from_a_range_that_runs_to_no_limit() -> None:
    high, low = Constraint.at_least(_OPEN, 5), Constraint.at_most(_OPEN, 2)
    assert high.bounds == ((5, UNLIMITED),)
    assert high.gap(low) == 3
    assert low.gap(high) == 3
    finite = IntervalSet.from_bounds(_OPEN, [(5, FINITE_MAX)])
    assert finite.gap(low) == 3
    assert low.gap(finite) == 3


def test_the_no_limit_outcome_alone_is_no_distance_from_anything() -> None:
    alone = IntervalSet.from_bounds(_OPEN, [(UNLIMITED, UNLIMITED)])
    low = Constraint.at_most(_OPEN, 2)
    assert alone.gap(low) is None
    assert low.gap(alone) is None


def test_gap_is_the_nearest_pair_not_the_last_with_no_limit_among_the_intervals() -> None:
    a = IntervalSet.from_bounds(_OPEN, [(0, 1), (10, 12), (UNLIMITED, UNLIMITED)])
    b = IntervalSet.from_bounds(_OPEN, [(4, 6), (20, 30)])
    assert a.gap(b) == 3
    assert b.gap(a) == 3
    c = IntervalSet.from_bounds(_OPEN, [(8, 9), (40, 50)])
    assert a.gap(c) == 1  # 9 to 10, found in the middle of the pairs
    assert c.gap(a) == 1
