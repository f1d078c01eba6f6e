"""The strategies of peacepos.testing.strategies generate what they promise."""

from __future__ import annotations

import subprocess
import sys

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import peacepos
from peacepos import Basis, ChangeKind, Relation, Stage
from peacepos.conditions import MAX_QUOTE_WORDS
from peacepos.constraints import IntervalSet, OutcomeSet
from peacepos.testing import reference
from peacepos.testing import strategies as pst

SMALL = ("hostilities", "talks", "alignment/nato", "territory/crimea", "military/army-cap")
BUILTIN = sorted(
    (kind, cls)
    for kind, cls in peacepos.condition_types().items()
    if cls.__module__ == "peacepos.conditions"
)


# -- import hygiene --------------------------------------------------------------------------


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )


def test_import_peacepos_does_not_import_hypothesis() -> None:
    done = _run("import sys, peacepos; print('hypothesis' in sys.modules)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_laws_import_without_hypothesis() -> None:
    done = _run(
        "import sys; sys.modules['hypothesis'] = None\n"
        "from peacepos.testing import laws\n"
        "import peacepos\n"
        "c = peacepos.corpus.load('china-2023-02-24')\n"
        "laws.reflexive(c); print('ok')"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_strategies_without_hypothesis_name_the_extra() -> None:
    done = _run(
        "import sys; sys.modules['hypothesis'] = None\n"
        "try:\n"
        "    import peacepos.testing.strategies\n"
        "except ImportError as exc:\n"
        "    print(exc)\n"
    )
    assert done.returncode == 0, done.stderr
    assert "pip install 'peacepos[testing]'" in done.stdout


def test_registering_the_generic_type_again_is_harmless() -> None:
    done = _run(
        "import importlib, peacepos\n"
        "import peacepos.testing.strategies as s\n"
        "importlib.reload(s)\n"
        "print(peacepos.get_condition_type('outcome-set') is s.AcceptedOutcomes)"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"


# -- scalar values ---------------------------------------------------------------------------


@given(
    st.sampled_from(peacepos.issue_keys()).flatmap(
        lambda k: st.tuples(st.just(k), pst.outcomes(k))
    )
)
def test_outcomes_belong_to_their_issue(drawn: tuple[str, object]) -> None:
    key, outcome = drawn
    assert outcome in peacepos.Constraint.full(key)


@given(pst.constraints())
def test_constraints_are_normalised_sets_of_their_issue(c: peacepos.Constraint) -> None:
    assert c.issue is peacepos.get_issue(c.issue.key)
    if isinstance(c, IntervalSet):
        lows = [lo for lo, _ in c.bounds]
        assert lows == sorted(lows)
        assert all(hi is None or lo <= hi for lo, hi in c.bounds)
    else:
        assert isinstance(c, OutcomeSet)
        assert c == peacepos.Constraint.of(c.issue, *c.outcomes)


@given(pst.constraints("hostilities", allow_empty=False))
def test_constraints_can_exclude_the_empty_set(c: peacepos.Constraint) -> None:
    assert not c.is_empty()


@given(pst.evidence())
def test_evidence_is_valid(ev: peacepos.Evidence) -> None:
    assert len(ev.quote.split()) <= MAX_QUOTE_WORDS
    assert ev.document.strip()
    assert ev.locator.strip()
    if ev.basis is Basis.IMPLIED:
        assert ev.rationale.strip()


@pytest.mark.parametrize("basis", list(Basis))
@given(data=st.data())
def test_evidence_takes_the_basis_asked_for(basis: Basis, data: st.DataObject) -> None:
    assert data.draw(pst.evidence(basis=basis)).basis is basis


@given(pst.evidence(text=st.text(min_size=1, max_size=30)))
def test_evidence_takes_caller_text(ev: peacepos.Evidence) -> None:
    assert ev.document.strip()
    assert len(ev.quote.split()) <= MAX_QUOTE_WORDS


# -- conditions ------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "cls"), BUILTIN, ids=[k for k, _ in BUILTIN])
@given(data=st.data())
def test_from_type_works_for_every_builtin_condition(
    kind: str, cls: type[peacepos.Condition], data: st.DataObject
) -> None:
    condition = data.draw(st.from_type(cls))
    assert type(condition) is cls
    assert condition.kind == kind
    assert tuple(condition.compile())  # a valid value: it constrains something


@given(st.from_type(peacepos.Condition))
def test_from_type_of_the_base_gives_any_registered_type(condition: peacepos.Condition) -> None:
    assert peacepos.get_condition_type(condition.kind) is type(condition)


@given(pst.conditions(issues=["territory/crimea"]))
def test_conditions_restricted_to_issues(condition: peacepos.Condition) -> None:
    for c in condition.constraints():
        assert c.issue.key == "territory/crimea" or c.issue.sequence


@given(pst.conditions(implied=False, preconditions=False))
def test_conditions_without_implied_or_preconditions(condition: peacepos.Condition) -> None:
    assert condition.basis is Basis.EXPLICIT
    assert condition.stage is Stage.SETTLEMENT


def test_conditions_reject_an_unknown_kind() -> None:
    with pytest.raises(peacepos.UnknownIssueError):
        pst.conditions("no-such-kind")


@given(pst.accepted_outcomes("military/army-cap"))
def test_accepted_outcomes_on_a_numeric_issue(condition: peacepos.Condition) -> None:
    (c,) = condition.compile()
    assert isinstance(c, IntervalSet)
    assert len(c.bounds) == 1


def test_accepted_outcomes_validates_its_fields() -> None:
    ev = peacepos.Evidence(document="d", locator="l")
    with pytest.raises(peacepos.UnknownIssueError):
        pst.AcceptedOutcomes(issue="talks", outcomes={"never"}, evidence=ev)
    with pytest.raises(ValueError, match="numeric"):
        pst.AcceptedOutcomes(issue="military/army-cap", outcomes={"x"}, evidence=ev)
    with pytest.raises(ValueError, match="at least one"):
        pst.AcceptedOutcomes(issue="talks", evidence=ev)
    with pytest.raises(ValueError, match="no number"):
        pst.AcceptedOutcomes(issue="military/army-cap", at_least=5, at_most=4, evidence=ev)
    with pytest.raises(TypeError):
        pst.AcceptedOutcomes(issue="talks", outcomes="direct", evidence=ev)


@given(pst.constraints("military/army-cap", allow_empty=False, max_intervals=1))
def test_accepted_outcomes_of_any_single_range(c: peacepos.Constraint) -> None:
    condition = pst.AcceptedOutcomes.of(c, evidence=peacepos.Evidence(document="d", locator="l"))
    assert condition.constraints() == (c,)


# -- positions -------------------------------------------------------------------------------


@given(pst.positions())
def test_positions_are_never_self_contradictory(p: peacepos.Position) -> None:
    # Constructing them succeeded; every issue keeps an outcome under both readings.
    for reading in ("strict", "broad"):
        assert all(not c.is_empty() for c in p.constraints(reading).values())
    assert p.conditions


@given(pst.positions(actor="Party Z", issues=SMALL, implied=False, preconditions=False))
def test_positions_respect_their_options(p: peacepos.Position) -> None:
    assert p.actors == ("Party Z",)
    for c in p.conditions:
        assert c.basis is Basis.EXPLICIT
        assert c.stage is Stage.SETTLEMENT
    for key in p.constraints():
        assert key in SMALL or peacepos.get_issue(key).sequence


@given(pst.positions(min_conditions=3, max_conditions=3, issues=["hostilities"]))
def test_positions_have_at_least_min_conditions(p: peacepos.Position) -> None:
    assert len(p.conditions) >= 3


ISSUES_OF_EVERY_SHAPE = ("hostilities", "territory/crimea", "military/army-cap", "arms-deliveries")


@pytest.mark.parametrize("relation", list(Relation))
@given(data=st.data())
def test_position_pairs_have_exactly_the_relation_asked_for(
    relation: Relation, data: st.DataObject
) -> None:
    # Four outcomes, five, a number, two (OVERLAP needs three outcomes: not on two).
    shapes = [
        i
        for i in ISSUES_OF_EVERY_SHAPE
        if relation is not Relation.OVERLAP or i != "arms-deliveries"
    ]
    issue = data.draw(st.sampled_from(shapes))
    left, right = data.draw(pst.position_pairs(relation, issue, issues=SMALL))
    assert left.id != right.id
    for reading in ("strict", "broad"):
        found, _ = reference.compare(left, right, reading)[issue]
        assert found is relation


def test_position_pairs_refuse_a_relation_the_issue_cannot_have() -> None:
    with pytest.raises(InvalidArgument, match="OVERLAP"):
        pst.position_pairs(Relation.OVERLAP, "arms-deliveries")


@given(pst.agreeing_pairs(issues=SMALL))
def test_agreeing_pairs_have_common_ground_somewhere(pair: tuple[peacepos.Position, ...]) -> None:
    left, right = pair
    found = reference.compare(left, right, "broad")
    assert any(common for _, common in found.values() if common is not None)


@given(pst.agreeing_pairs("territory/crimea", issues=SMALL))
def test_agreeing_pairs_on_an_issue(pair: tuple[peacepos.Position, ...]) -> None:
    left, right = pair
    relation, common = reference.compare(left, right, "broad")["territory/crimea"]
    assert relation.group == "overlap"
    assert common


@pytest.mark.parametrize("change", ["hardened", "softened"])
@given(data=st.data())
def test_histories_change_one_issue_and_keep_the_rest(change: str, data: st.DataObject) -> None:
    earlier, later = data.draw(pst.histories(change, issues=SMALL))  # type: ignore[arg-type]
    assert later.actors == earlier.actors
    assert later.date >= earlier.date
    assert later.id != earlier.id
    kinds = [c.kind for c in peacepos.changes(earlier, later)]
    assert kinds.count(ChangeKind(change)) == 1
    assert set(kinds) <= {ChangeKind(change), ChangeKind.UNCHANGED}
    # The brute-force sets agree: the one changed issue is strictly narrower / broader.
    sets = reference.plain_sets([earlier, later], "broad")
    changed = [k for k, (_, (a, b)) in sets.items() if a != b]
    assert len(changed) == 1
    _, (before, after) = sets[changed[0]]
    assert before is not None
    assert after is not None
    assert after < before if change == "hardened" else after > before


@given(data=st.data())
def test_successors_of_a_generated_position(data: st.DataObject) -> None:
    earlier = data.draw(pst.positions(issues=SMALL, conditions=pst.accepted_outcomes(SMALL)))
    later = data.draw(pst.successors(earlier, "softened"))
    found = peacepos.changes(earlier, later)
    assert [c.kind for c in found.of(ChangeKind.SOFTENED)]


# -- user condition types --------------------------------------------------------------------


@peacepos.condition_type("test-strategies-observers")
@attrs.frozen(kw_only=True)
class Observers(peacepos.Condition):
    """A test-only type: monitors on the line of contact (on the hostilities issue)."""

    regions: frozenset[str] = attrs.field(converter=frozenset)
    armed: bool = False

    def compile(self) -> tuple[peacepos.Constraint, ...]:
        return (peacepos.Constraint.of("hostilities", "full-ceasefire", "end-of-war"),)


def test_register_condition_strategy_for_a_user_type() -> None:
    pst.register_condition_strategy(Observers, armed=st.just(True))

    @given(st.from_type(Observers))
    def check(condition: Observers) -> None:
        assert condition.armed is True
        assert condition.regions <= set(peacepos.region_keys())
        assert condition.regions

    check()


def test_register_condition_strategy_needs_a_registered_type() -> None:
    with pytest.raises(InvalidArgument):
        pst.register_condition_strategy(peacepos.Condition)
