"""Every law of docs/laws.md as a property test, on the public strategies (we eat our own
cooking), checked against the brute-force reference in peacepos.testing.reference.

Profiles (tests/conftest.py): ``ci`` by default; ``HYPOTHESIS_PROFILE=thorough`` runs ten
times the examples.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import peacepos
from peacepos import Relation
from peacepos.position import Coverage
from peacepos.testing import laws
from peacepos.testing import strategies as pst

# A few issues of every shape (four outcomes, three, two, five, a number), so that
# independently generated positions meet on them often.
SMALL = (
    "hostilities",
    "talks",
    "alignment/nato",
    "territory/crimea",
    "territory/donetsk",
    "sanctions/on-russia",
    "military/army-cap",
)
CHINA = peacepos.corpus.load("china-2023-02-24")
RUSSIA = peacepos.corpus.load("russia-2023-02-24")

Pair = tuple[peacepos.Position, peacepos.Position]
related_pairs = pst.position_pairs(issues=SMALL)
independent_pairs = st.tuples(pst.positions(issues=SMALL), pst.positions(issues=SMALL))
any_pairs = st.one_of(related_pairs, independent_pairs)


def _share(n: int) -> settings:
    """Settings for a costly test: one n-th of the active profile's examples."""
    return settings(max_examples=max(10, settings.default.max_examples // n))


# -- set algebra ---------------------------------------------------------------------------------


@given(st.sampled_from(SMALL).flatmap(lambda k: st.tuples(pst.constraints(k), pst.constraints(k))))
def test_set_algebra_against_plain_sets(
    ab: tuple[peacepos.Constraint, peacepos.Constraint],
) -> None:
    laws.set_algebra(*ab)


@pytest.mark.parametrize(
    "relation",
    [Relation.SAME, Relation.NARROWER, Relation.BROADER, Relation.OVERLAP, Relation.CONFLICT],
)
@given(data=st.data())
def test_set_algebra_for_each_relation(relation: Relation, data: st.DataObject) -> None:
    issue = data.draw(st.sampled_from(["hostilities", "territory/crimea", "military/army-cap"]))
    a, b = data.draw(pst.constraint_pairs(issue, relation))
    assert a is not None
    assert b is not None
    assert peacepos.relate(a, b) is relation
    laws.set_algebra(a, b)


# -- two positions -------------------------------------------------------------------------------


@given(any_pairs)
@example((CHINA, RUSSIA))
def test_mirror(pair: Pair) -> None:
    laws.mirror(*pair)


@given(pst.positions(issues=SMALL))
@example(CHINA)
@example(RUSSIA)
def test_reflexive(position: peacepos.Position) -> None:
    laws.reflexive(position)


@given(any_pairs)
@example((CHINA, RUSSIA))
def test_oracle(pair: Pair) -> None:
    laws.oracle(*pair)


@given(any_pairs)
@example((CHINA, RUSSIA))
def test_conflict_iff_empty_common_ground(pair: Pair) -> None:
    laws.conflict_iff_empty(*pair)


@given(any_pairs, st.lists(pst.conditions(issues=SMALL), min_size=1, max_size=3))
def test_monotone(pair: Pair, extra: list[peacepos.Condition]) -> None:
    laws.monotone(pair[0], pair[1], extra)
    laws.monotone(pair[1], pair[0], extra)


@given(pst.position_pairs(Relation.CONFLICT, issues=SMALL), st.data())
def test_monotone_keeps_conflicts(pair: Pair, data: st.DataObject) -> None:
    left, right = pair
    extra = data.draw(st.lists(pst.conditions(issues=SMALL), min_size=1, max_size=3))
    laws.monotone(left, right, extra)


@given(any_pairs)
@example((CHINA, RUSSIA))
def test_readings(pair: Pair) -> None:
    laws.readings(*pair)


@pytest.mark.parametrize("relation", list(Relation))
@given(data=st.data())
def test_each_relation_on_purpose(relation: Relation, data: st.DataObject) -> None:
    issue = data.draw(st.sampled_from(["hostilities", "territory/crimea", "military/army-cap"]))
    left, right = data.draw(pst.position_pairs(relation, issue, issues=SMALL))
    found = peacepos.compare(left, right).finding(issue)
    assert found.relation is relation
    laws.mirror(left, right)
    laws.oracle(left, right)
    laws.conflict_iff_empty(left, right)
    laws.readings(left, right)


# -- N positions, determinism, files -------------------------------------------------------------


@_share(2)
@given(st.lists(pst.positions(issues=SMALL), min_size=2, max_size=4, unique_by=lambda p: p.id))
def test_n_way(positions: list[peacepos.Position]) -> None:
    laws.n_way(*positions)


@_share(2)
@given(related_pairs, pst.positions(issues=SMALL))
def test_n_way_with_a_chosen_relation(pair: Pair, third: peacepos.Position) -> None:
    if third.id in {pair[0].id, pair[1].id}:
        third = attrs.evolve(third, id="third")
    laws.n_way(*pair, third)


def test_n_way_on_the_corpus() -> None:
    laws.n_way(*peacepos.corpus.load_all())


@_share(4)
@given(st.lists(pst.positions(issues=SMALL), min_size=1, max_size=3, unique_by=lambda p: p.id))
def test_determinism(positions: list[peacepos.Position]) -> None:
    laws.determinism(*positions)


def test_determinism_with_a_superscript_in_a_locator() -> None:
    """Found by test_determinism under the thorough profile: '²' is a digit to
    str.isdigit() but not to int(), and sorting locators crashed on it."""
    ev = peacepos.Evidence(document="doc", locator="point 1")
    position = peacepos.Position(
        id="0",
        title="A position",
        actors=("Party A",),
        date="2000-01-01",
        conditions=[peacepos.ArmyCap(at_most=0, evidence=ev)],
        coverage=[Coverage(locator="²", encoded=False)],
    )
    laws.determinism(position)


def test_determinism_of_the_headline_comparison() -> None:
    laws.determinism(CHINA, RUSSIA, seeds=range(5))


@given(pst.positions())
def test_round_trip(position: peacepos.Position) -> None:
    laws.round_trip(position)


@pytest.mark.parametrize("position_id", peacepos.corpus.ids())
def test_round_trip_of_the_corpus(position_id: str) -> None:
    laws.round_trip(peacepos.corpus.load(position_id))


# -- one condition type at a time ----------------------------------------------------------------


@pytest.mark.parametrize(
    "cls",
    [
        peacepos.Ceasefire,  # timing and stage both speak about sequence
        peacepos.TerritorialRecognition,  # regions
        peacepos.TerritorialStatus,  # a text field checked against outcomes
        peacepos.ArmyCap,  # a numeric issue
        peacepos.NeutralStatus,  # two issues at once
        pst.AcceptedOutcomes,  # any issue
    ],
)
def test_check_condition_type(cls: type[peacepos.Condition]) -> None:
    laws.check_condition_type(cls, max_examples=max(5, settings.default.max_examples // 10))


@peacepos.condition_type("test-laws-unsatisfiable")
@attrs.frozen(kw_only=True)
class Unsatisfiable(peacepos.Condition):
    """A broken matching rule: it accepts no outcome at all when ``strict`` is set."""

    strict: bool = False

    def compile(self) -> tuple[peacepos.Constraint, ...]:
        if self.strict:
            return (peacepos.Constraint.empty("elections"),)
        return (peacepos.Constraint.of("elections", "held"),)


def test_check_condition_type_catches_a_broken_matching_rule() -> None:
    with pytest.raises(AssertionError, match="no outcome"):
        laws.check_condition_type(Unsatisfiable, max_examples=20)


# -- the laws can fail: each one catches a deliberately broken engine -----------------------------


def _with_findings(
    result: peacepos.Comparison, change: Callable[[peacepos.Finding], peacepos.Finding]
) -> peacepos.Comparison:
    """The comparison with each finding passed through ``change``: a deliberately broken engine."""
    return attrs.evolve(result, findings=[change(f) for f in result.findings])


def _relabel(result: peacepos.Comparison, old: Relation, new: Relation) -> peacepos.Comparison:
    """The comparison with every ``old`` relation reported as ``new``."""
    return _with_findings(
        result, lambda f: attrs.evolve(f, relation=new) if f.relation is old else f
    )


def test_mirror_catches_a_one_sided_relation(monkeypatch: pytest.MonkeyPatch) -> None:
    real = peacepos.compare

    def lopsided(left: peacepos.Position, right: peacepos.Position, **kw: object) -> object:
        result = real(left, right, **kw)  # type: ignore[arg-type]
        if left.id < right.id:
            return result
        return _relabel(result, Relation.NARROWER, Relation.OVERLAP)

    monkeypatch.setattr(laws, "compare", lopsided)
    with pytest.raises(AssertionError, match="mirror"):
        laws.mirror(CHINA, RUSSIA)


def test_oracle_catches_a_wrong_common_ground(monkeypatch: pytest.MonkeyPatch) -> None:
    real = peacepos.compare

    def wrong(left: peacepos.Position, right: peacepos.Position, **kw: object) -> object:
        result = real(left, right, **kw)  # type: ignore[arg-type]
        return _relabel(result, Relation.CONFLICT, Relation.SAME)

    monkeypatch.setattr(laws, "compare", wrong)
    with pytest.raises(AssertionError, match="oracle"):
        laws.oracle(CHINA, RUSSIA)
    with pytest.raises(AssertionError, match="conflict iff empty"):
        laws.conflict_iff_empty(CHINA, RUSSIA)


def test_set_algebra_catches_a_wrong_relate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(laws, "relate", lambda a, b: Relation.OVERLAP)
    a = peacepos.Constraint.of("hostilities", "end-of-war")
    with pytest.raises(AssertionError, match="set algebra"):
        laws.set_algebra(a, a)


def test_round_trip_catches_lost_evidence(monkeypatch: pytest.MonkeyPatch) -> None:
    real = laws.dumps_position

    def lossy(position: peacepos.Position, format: str = "toml") -> str:
        return real(position, format).replace("point 1", "point 2", 1)

    monkeypatch.setattr(laws, "dumps_position", lossy)
    with pytest.raises(AssertionError, match="round trip"):
        laws.round_trip(CHINA)


def test_determinism_catches_order_dependent_output(monkeypatch: pytest.MonkeyPatch) -> None:
    real = laws.render
    calls = iter(range(1000))

    def drifting(obj: object, format: str = "plain") -> str:
        return real(obj, format) + ("" if next(calls) < 7 * 2 else " ")

    monkeypatch.setattr(laws, "render", drifting)
    with pytest.raises(AssertionError, match="determinism"):
        laws.determinism(CHINA, RUSSIA)


def test_readings_catches_a_flag_on_an_explicit_issue(monkeypatch: pytest.MonkeyPatch) -> None:
    real = peacepos.compare

    def flagged(left: peacepos.Position, right: peacepos.Position, **kw: object) -> object:
        result = real(left, right, **kw)  # type: ignore[arg-type]
        return _with_findings(result, lambda f: attrs.evolve(f, reading_dependent=True))

    monkeypatch.setattr(laws, "compare", flagged)
    with pytest.raises(AssertionError, match="readings"):
        laws.readings(CHINA, RUSSIA)


def test_monotone_catches_a_conflict_that_turns_into_overlap(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ev = peacepos.Evidence(document="d", locator="l")
    direct = pst.AcceptedOutcomes(issue="talks", outcomes={"direct"}, evidence=ev)
    p = peacepos.Position(id="p", title="p", actors=("A",), date="2024-01-01", conditions=[direct])
    none = pst.AcceptedOutcomes(issue="talks", outcomes={"none"}, evidence=ev)
    other = peacepos.Position(
        id="o", title="o", actors=("B",), date="2024-01-01", conditions=[none]
    )
    extra = pst.AcceptedOutcomes(issue="hostilities", outcomes={"end-of-war"}, evidence=ev)
    laws.monotone(p, other, extra)  # the real engine keeps the conflict
    real = peacepos.compare

    def forgetful(left: peacepos.Position, right: peacepos.Position, **kw: object) -> object:
        result = real(left, right, **kw)  # type: ignore[arg-type]
        if len(left.conditions) < 2:
            return result
        return _relabel(result, Relation.CONFLICT, Relation.OVERLAP)

    monkeypatch.setattr(laws, "compare", forgetful)
    with pytest.raises(AssertionError, match="monotone"):
        laws.monotone(p, other, extra)
