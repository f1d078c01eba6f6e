"""Constraint: set algebra over one issue's outcomes, and intervals for numeric issues."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import peacepos
from peacepos import Constraint, NumericIssue
from peacepos.constraints import IntervalSet, OutcomeSet

RU = peacepos.codebook("russia-ukraine")

HOSTILITIES = RU["hostilities"]
OUTCOMES = HOSTILITIES.outcomes  # type: ignore[union-attr]
SMALL = NumericIssue(
    key="test/small-range", title="A small numeric range", unit="km", minimum=0, maximum=30
)


def of(*names: str) -> OutcomeSet:
    return Constraint.of(RU["hostilities"], *names)


class TestFinite:
    def test_factories_normalise(self) -> None:
        assert of("end-of-war", "continue") == of("continue", "end-of-war", "continue")
        assert Constraint.full(RU["hostilities"]) == of(*OUTCOMES)
        assert Constraint.empty(RU["hostilities"]).is_empty()
        assert not Constraint.empty(RU["hostilities"])
        assert Constraint.full(RU["hostilities"]).is_full()

    def test_iteration_follows_issue_order(self) -> None:
        assert list(of("end-of-war", "continue")) == ["continue", "end-of-war"]
        assert len(of("end-of-war", "continue")) == 2

    def test_unknown_outcome_names_the_issue_and_choices(self) -> None:
        with pytest.raises(KeyError, match="'ceasefire' is not an outcome of 'hostilities'"):
            of("ceasefire")

    def test_operators(self) -> None:
        a, b = of("full-ceasefire", "end-of-war"), of("end-of-war", "continue")
        assert a & b == of("end-of-war")
        assert a | b == of("full-ceasefire", "end-of-war", "continue")
        assert ~a == of("continue", "partial-ceasefire")
        assert "end-of-war" in a
        assert "continue" not in a
        assert "no-such-outcome" not in a
        assert 3 not in a

    def test_order_operators_mean_subset_only(self) -> None:
        a, b = of("end-of-war"), of("full-ceasefire", "end-of-war")
        assert a < b
        assert a <= b
        assert b > a
        assert b >= a
        assert not b < a
        assert a <= a
        assert not a < a
        c = of("continue")
        assert not a < c
        assert not c < a  # disjoint sets are unordered, not "less"

    def test_other_issue_is_an_error_not_a_silent_false(self) -> None:
        talks = Constraint.of(RU["talks"], "direct")
        with pytest.raises(TypeError):
            _ = of("continue") & talks
        with pytest.raises(TypeError):
            of("continue").is_subset(talks)
        with pytest.raises(TypeError):
            _ = of("continue") < talks
        assert of("continue") != talks

    def test_str_and_repr(self) -> None:
        assert str(of("full-ceasefire", "end-of-war")) == "full ceasefire or end of war"
        assert str(Constraint.empty(RU["hostilities"])) == "nothing"
        assert repr(of("continue", "end-of-war")) == "<hostilities: 'continue', 'end-of-war'>"
        assert repr(Constraint.empty(RU["hostilities"])) == "<hostilities: nothing>"

    def test_hashable_and_frozen(self) -> None:
        assert len({of("continue"), of("continue"), of("end-of-war")}) == 2
        with pytest.raises(AttributeError):
            of("continue").mask = 3  # type: ignore[misc]

    @given(st.sets(st.sampled_from(OUTCOMES)), st.sets(st.sampled_from(OUTCOMES)))
    def test_algebra_matches_frozensets(self, a: set[str], b: set[str]) -> None:
        ca, cb = of(*a), of(*b)
        assert set(ca & cb) == a & b
        assert set(ca | cb) == a | b
        assert set(~ca) == set(OUTCOMES) - a
        assert ca.is_subset(cb) == (a <= b)
        assert ca.is_superset(cb) == (a >= b)
        assert ca.is_disjoint(cb) == (not a & b)
        assert (ca < cb) == (a < b)
        assert (ca == cb) == (a == b)
        assert ca.is_empty() == (not a)


class TestNumeric:
    cap = NumericIssue(key="army-cap", title="Army cap", unit="troops")

    def test_between_and_str(self) -> None:
        assert str(Constraint.at_most(self.cap, 85_000)) == "≤ 85,000 troops"
        assert str(Constraint.at_least(self.cap, 250_000)) == "≥ 250,000 troops"
        assert str(Constraint.between(self.cap, 600_000, 600_000)) == "600,000 troops"
        assert str(Constraint.full(self.cap)) == "any"
        assert str(Constraint.empty(self.cap)) == "nothing"

    def test_gap_between_disjoint_ranges(self) -> None:
        low, high = Constraint.at_most(self.cap, 85_000), Constraint.at_least(self.cap, 250_000)
        assert (low & high).is_empty()
        assert low.gap(high) == 165_000
        assert high.gap(low) == 165_000
        assert low.gap(Constraint.at_most(self.cap, 90_000)) is None

    def test_complement_and_merge(self) -> None:
        low = Constraint.at_most(self.cap, 85_000)
        assert ~low == Constraint.at_least(self.cap, 85_001)
        assert ~~low == low
        touching = Constraint.between(self.cap, 0, 10) | Constraint.between(self.cap, 11, 20)
        assert touching == Constraint.between(self.cap, 0, 20)
        assert isinstance(touching, IntervalSet)
        assert touching.bounds == ((0, 20),)

    def test_unbounded_iteration_is_refused(self) -> None:
        with pytest.raises(TypeError, match="no upper end"):
            list(Constraint.at_least(self.cap, 5))

    def test_factories_take_issues_not_keys(self) -> None:
        with pytest.raises(TypeError, match=r"codebook\['hostilities'\], not its key"):
            Constraint.of("hostilities", "continue")  # type: ignore[arg-type]

    def test_finite_factories_refuse_numeric_issues(self) -> None:
        with pytest.raises(TypeError, match="numeric"):
            Constraint.of(self.cap, "5")  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="not numeric"):
            Constraint.between(RU["hostilities"], 0, 1)

    bounds = st.tuples(st.integers(0, 30), st.integers(0, 30)).map(sorted)

    @given(st.lists(bounds, max_size=3), st.lists(bounds, max_size=3))
    def test_algebra_matches_sets_of_numbers(self, a: list[list[int]], b: list[list[int]]) -> None:
        ca = IntervalSet.from_bounds(SMALL, [(lo, hi) for lo, hi in a])
        cb = IntervalSet.from_bounds(SMALL, [(lo, hi) for lo, hi in b])
        sa = {x for lo, hi in a for x in range(lo, hi + 1)}
        sb = {x for lo, hi in b for x in range(lo, hi + 1)}
        assert set(ca) == sa
        assert set(ca & cb) == sa & sb
        assert set(ca | cb) == sa | sb
        assert set(~ca) == set(range(31)) - sa
        assert ca.is_subset(cb) == (sa <= sb)
        assert ca.is_disjoint(cb) == (not sa & sb)
        assert (ca == cb) == (sa == sb)
        if sa and sb and not sa & sb:
            nearest = min(abs(x - y) for x in sa for y in sb)
            assert ca.gap(cb) == nearest


class TestUnlimited:
    """A numeric issue with a "no limit" outcome: "no restrictions" can conflict with a cap."""

    cap = RU["military/army-cap/peacetime"]

    def test_an_open_upper_end_includes_no_cap(self) -> None:
        at_least = Constraint.at_least(self.cap, 250_000)
        assert str(at_least) == "≥ 250,000 troops or no cap"
        assert Constraint.unlimited(self.cap) <= at_least
        assert str(Constraint.between(self.cap, 250_000, 10**15)) == "≥ 250,000 troops"

    def test_no_cap_conflicts_with_any_cap(self) -> None:
        none = Constraint.unlimited(self.cap)
        assert str(none) == "no cap"
        assert (none & Constraint.at_most(self.cap, 600_000)).is_empty()
        assert str(~none) == "any finite number"
        assert str(Constraint.full(self.cap)) == "any"
        assert ~~none == none
        # a gap is measured between numbers only
        assert none.gap(Constraint.at_most(self.cap, 600_000)) is None

    def test_an_issue_without_it_refuses_it(self) -> None:
        with pytest.raises(ValueError, match="no unlimited outcome"):
            Constraint.unlimited(NumericIssue(key="n", title="N", unit="u"))

    @given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 13)), max_size=3))
    def test_algebra_matches_sets_with_the_extra_outcome(
        self, spans: list[tuple[int, int]]
    ) -> None:
        issue = NumericIssue(key="n", title="N", unit="u", maximum=10, unlimited="none")
        top = 10**15 + 1
        universe = set(range(11)) | {top}
        bounds = [(lo, None if hi == 13 else hi) for lo, hi in spans]
        c = IntervalSet.from_bounds(issue, bounds)
        expected = set()
        for lo, hi in bounds:
            expected |= {x for x in universe if x >= lo and (hi is None or x <= hi)}
        members = {x for x in universe if x in c}
        assert members == expected
        assert {x for x in universe if x in ~c} == universe - expected
