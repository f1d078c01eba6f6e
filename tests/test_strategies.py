"""The strategies of peacepos.testing.strategies generate what they promise, for any codebook."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import peacepos
from peacepos import Basis, ChangeKind, Relation, Stage
from peacepos.conditions import MAX_QUOTE_WORDS
from peacepos.constraints import Constraint, IntervalSet, OutcomeSet
from peacepos.kinds import BUILTIN, Outcomes, Range, kind
from peacepos.testing import laws, reference
from peacepos.testing import strategies as pst
from peacepos.vocabulary import (
    FINITE_MAX,
    UNLIMITED,
    Area,
    Codebook,
    Issue,
    IssueTemplate,
    KindSpec,
    NumericIssue,
)

RU = peacepos.codebook("russia-ukraine")
SMALL = (
    "hostilities",
    "talks",
    "alignment/nato",
    "territory/crimea/recognition",
    "military/army-cap/peacetime",
)
SHAPES = (
    "hostilities",
    "territory/crimea/recognition",
    "military/army-cap/peacetime",
    "arms-deliveries",
)

# -- import hygiene ------------------------------------------------------------------------


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )


def test_import_peacepos_does_not_import_hypothesis() -> None:
    done = _run("import sys, peacepos; print('hypothesis' in sys.modules)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_laws_work_without_hypothesis() -> None:
    done = _run(
        "import sys; sys.modules['hypothesis'] = None\n"
        "from peacepos.testing import laws\n"
        "import peacepos\n"
        "c = peacepos.corpus.load('china-2023-02-24')\n"
        "laws.reflexive(c); laws.codebook_independence(c); print('ok')"
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
    assert "pip install hypothesis" in done.stdout


def _reach(codebook: Codebook, keys: Iterable[str]) -> set[str]:
    """The issues ``keys`` reach through the codebook's implications (either way)."""
    out = set(keys)
    changed = True
    while changed:
        changed = False
        for imp in codebook.all_implications():
            pair = {imp.when.issue, imp.then.issue}
            if pair & out and not pair <= out:
                out |= pair
                changed = True
    return out


# -- text and evidence ---------------------------------------------------------------------


@given(pst.texts())
def test_texts_are_text_peacepos_accepts(text: str) -> None:
    peacepos.Evidence(document=text, locator=text)  # refused text would raise


@given(pst.evidence())
def test_evidence_is_valid(ev: peacepos.Evidence) -> None:
    assert len(ev.quote.split()) <= MAX_QUOTE_WORDS
    if ev.basis is Basis.IMPLIED:
        assert ev.rationale.strip()
        assert ev.readers, "IMPLIED evidence names who reads the text so"
    else:
        assert not ev.readers


@pytest.mark.parametrize("basis", list(Basis))
@given(data=st.data())
def test_evidence_takes_the_basis_asked_for(basis: Basis, data: st.DataObject) -> None:
    assert data.draw(pst.evidence(basis=basis)).basis is basis


@given(pst.evidence(text=st.text(min_size=1, max_size=30)))
def test_evidence_takes_caller_text(ev: peacepos.Evidence) -> None:
    assert ev.document.strip()
    assert len(ev.quote.split()) <= MAX_QUOTE_WORDS


# -- codebooks -----------------------------------------------------------------------------


def _linked(codebook: Codebook) -> list[tuple[str, str]]:
    return [(i.when.issue, i.then.issue) for i in codebook.implications]


def _every(codebook: Codebook, rule: peacepos.vocabulary.Rule) -> bool:
    """Whether an implication's side names every outcome (or number) of its issue."""
    issue = codebook[rule.issue]
    if isinstance(issue, Issue):
        return set(rule.outcomes) == set(issue.outcomes)
    return rule.at_least == issue.minimum and rule.at_most is None and not rule.unlimited


@given(pst.codebooks())
def test_generated_codebooks_are_coherent(codebook: Codebook) -> None:
    # Building one validated it (a `then` naming every outcome is refused); what the strategy
    # promises beyond that:
    assert codebook.name not in peacepos.corpus.codebooks()
    assert 1 <= len([i for i in codebook.issues if isinstance(i, Issue)]) <= 5
    own = set(codebook.keys()) - {k for inc in codebook.includes for k in inc}
    for imp in codebook.implications:  # between the codebook's own issues (per area too)
        assert imp.when.issue in own
        assert imp.then.issue in own
        assert imp.when.issue != imp.then.issue


def test_generated_codebooks_use_every_feature() -> None:
    """Over a fixed sample, the generated codebooks hold every part of the vocabulary."""
    seen: set[str] = set()

    @settings(max_examples=200, derandomize=True, database=None, deadline=None)
    @given(pst.codebooks())
    def collect(codebook: Codebook) -> None:
        seen.update(
            name
            for name, present in (
                ("includes", bool(codebook.includes)),
                ("numeric", any(isinstance(i, NumericIssue) for i in codebook.issues)),
                (
                    "open-ended",
                    any(
                        isinstance(i, NumericIssue) and i.maximum is None for i in codebook.issues
                    ),
                ),
                (
                    "one outcome",
                    any(isinstance(i, Issue) and len(i.outcomes) == 1 for i in codebook.issues),
                ),
                ("parts", any(a.parts for a in codebook.areas)),
                ("held", any(a.held_by for area in codebook.areas for a in area.walk())),
                ("area issues", bool(codebook.area_issues)),
                ("narrows", any(k.narrows for k in codebook.kinds)),
                ("choices", any(k.choices for k in codebook.kinds)),
                ("flags", any(k.flag(p) for k in codebook.kinds for p, _ in k.choices)),
                ("defaults", any(k.defaults for k in codebook.kinds)),
                ("areas", any(k.areas for k in codebook.kinds)),
                (
                    "held_by",
                    any(
                        "{held_by}" in o
                        for k in codebook.kinds
                        for _, outs in k.narrows
                        for o in outs
                    ),
                ),
                ("bounds", any(k.bounds for k in codebook.kinds)),
                ("implications", bool(codebook.implications)),
                ("no limit", any(getattr(i, "unlimited", "") for i in codebook.issues)),
                (
                    "a pair twice",
                    len(_linked(codebook)) > len({frozenset(p) for p in _linked(codebook)}),
                ),
                ("every outcome", any(_every(codebook, i.when) for i in codebook.implications)),
                ("order", bool(codebook.order)),
            )
            if present
        )

    collect()
    assert seen == {
        "includes", "numeric", "open-ended", "one outcome", "parts", "held", "area issues",
        "narrows", "choices", "flags", "defaults", "areas", "held_by", "bounds", "implications",
        "no limit", "a pair twice", "every outcome", "order",
    }  # fmt: skip


@given(
    pst.codebooks(
        includes=st.just(()), numeric=False, areas=False, kinds=False, implications=False
    )
)
def test_codebooks_take_their_options(codebook: Codebook) -> None:
    assert not codebook.includes
    assert not codebook.areas
    assert not codebook.kinds
    assert not codebook.implications
    assert all(isinstance(i, Issue) for i in codebook.all_issues())


@given(st.from_type(Codebook))
def test_from_type_gives_codebooks(codebook: Codebook) -> None:
    assert codebook.keys()


# -- outcomes and constraints --------------------------------------------------------------


@given(pst.issues().flatmap(lambda i: st.tuples(st.just(i), pst.outcomes(i))))
def test_outcomes_belong_to_their_issue(
    drawn: tuple[peacepos.Issue | NumericIssue, object],
) -> None:
    issue, outcome = drawn
    assert outcome in Constraint.full(issue)


@given(pst.constraints())
def test_constraints_are_normalised_sets_of_their_issue(c: Constraint) -> None:
    if isinstance(c, IntervalSet):
        lows = [lo for lo, _ in c.bounds]
        assert lows == sorted(lows)
        assert all(hi is None or lo <= hi for lo, hi in c.bounds)
        assert c == IntervalSet.from_bounds(c.issue, c.bounds)
    else:
        assert isinstance(c, OutcomeSet)
        assert c == Constraint.of(c.issue, *c.outcomes)


@given(pst.constraints(RU["hostilities"], allow_empty=False))
def test_constraints_can_exclude_the_empty_set(c: Constraint) -> None:
    assert not c.is_empty()


def test_constraints_refuse_a_key() -> None:
    with pytest.raises(InvalidArgument, match="not its key"):
        pst.constraints("hostilities")  # type: ignore[arg-type]


def test_constraint_pairs_refuse_contested() -> None:
    with pytest.raises(InvalidArgument, match="readers disagree"):
        pst.constraint_pairs(RU["hostilities"], Relation.CONTESTED)


def test_relations_are_the_seven_of_two_constraints() -> None:
    assert set(pst.RELATIONS) == set(Relation) - {Relation.CONTESTED}
    assert len(pst.RELATIONS) == 7


@given(pst.constraints(RU["military/army-cap/peacetime"]))
def test_constraints_of_an_issue_with_no_limit(c: Constraint) -> None:
    # an open upper end takes in the no-limit outcome ("no cap"), as `at_least` does
    assert isinstance(c, IntervalSet)
    if c.bounds and c.bounds[-1][1] is not None and c.bounds[-1][1] >= FINITE_MAX:
        assert UNLIMITED in c


@given(data=st.data())
def test_constraint_pairs_stand_in_the_relation(data: st.DataObject) -> None:
    relation = data.draw(st.sampled_from(pst.RELATIONS))
    issue = data.draw(pst.issues(pst.codebooks()).filter(lambda i: pst._feasible(i, relation)))
    a, b = data.draw(pst.constraint_pairs(issue, relation))
    pts = reference.universe(issue, [c for c in (a, b) if c is not None])
    sets = [None if c is None else reference.to_set(c, pts) for c in (a, b)]
    assert reference.relation(*sets) is relation


# -- conditions ----------------------------------------------------------------------------


@pytest.mark.parametrize("cls", list(BUILTIN.values()), ids=list(BUILTIN))
@given(data=st.data())
def test_from_type_works_for_every_typed_kind(
    cls: type[peacepos.Condition], data: st.DataObject
) -> None:
    condition = data.draw(st.from_type(cls))
    assert type(condition) is cls
    assert all(condition.constraints(RU))  # valid in the default codebook, nothing empty


@given(st.from_type(peacepos.Condition))
def test_from_type_of_the_base_gives_any_kind_of_the_default_codebook(
    condition: peacepos.Condition,
) -> None:
    assert peacepos.kinds.kind_of(RU, condition.kind) in (
        type(condition),
        getattr(condition, "spec", None),
    )


@given(pst.codebooks().flatmap(lambda cb: st.tuples(st.just(cb), pst.conditions(cb))))
def test_conditions_of_a_generated_codebook_compile_there(
    drawn: tuple[Codebook, peacepos.Condition],
) -> None:
    codebook, condition = drawn
    for c in condition.constraints(codebook):
        assert c
        assert codebook[c.issue.key] == c.issue


def test_conditions_reach_every_kind_a_codebook_offers() -> None:
    """Typed, declared and generic kinds all occur (typed kinds with a text field included:
    ``territorial-recognition`` draws its regions from the codebook's areas)."""
    seen: set[str] = set()

    @settings(max_examples=300, derandomize=True, database=None, deadline=None)
    @given(pst.conditions(RU))
    def collect(condition: peacepos.Condition) -> None:
        seen.add(condition.kind)

    collect()
    assert {"outcomes", "range", "territorial-status", "army-cap", "troop-withdrawal"} <= seen
    assert len(seen) >= 30


@pytest.mark.parametrize("name", ["territorial-status", "equipment-cap", "prisoner-exchange"])
@given(data=st.data())
def test_declared_kinds_follow_their_declaration(name: str, data: st.DataObject) -> None:
    condition = data.draw(pst.conditions(RU, name))
    assert isinstance(condition, peacepos.Declared)
    assert condition.spec == RU.kind(name)
    # what it accepts is what brute force reads from the declaration
    laws.stances(
        peacepos.Position(
            id="p",
            title="p",
            actors=("P",),
            date="2024-01-01",
            codebook=RU,
            conditions=[condition],
        )
    )


@given(pst.conditions(RU, issues=["territory/crimea/recognition"]))
def test_conditions_restricted_to_issues(condition: peacepos.Condition) -> None:
    for c in condition.constraints(RU):
        assert c.issue.key in {
            "territory/crimea/recognition",
            "sequence/talks",
            "sequence/ceasefire",
        }


@given(pst.conditions(implied=False, preconditions=False))
def test_conditions_without_implied_or_preconditions(condition: peacepos.Condition) -> None:
    assert condition.basis is Basis.EXPLICIT
    assert condition.stage is Stage.SETTLEMENT


@given(pst.conditions(pst.codebooks(includes=st.just(()))))
def test_stages_only_where_the_codebook_has_sequence_issues(condition: peacepos.Condition) -> None:
    assert condition.stage is Stage.SETTLEMENT


def test_conditions_refuse_unknown_kinds() -> None:
    with pytest.raises(peacepos.UnknownIssueError, match="did you mean"):
        pst.conditions(RU, "ceasfire")
    with pytest.raises(InvalidArgument, match="with_kinds"):
        pst.conditions(RU, Fencing)


@given(pst.conditions(RU, [Outcomes, "range"]))
def test_generic_kinds_state_one_issue(condition: peacepos.Condition) -> None:
    assert isinstance(condition, Outcomes | Range)
    (c,) = condition.compile(RU)
    if isinstance(c, IntervalSet):
        assert len(c.bounds) == 1


# A plugin kind whose text fields hold names: which names, the strategies find out from the
# field types and the codebook, not from the fields' names.
@kind("test-strategies-fencing")
@attrs.frozen(kw_only=True)
class Fencing(peacepos.Condition):
    """Fences along named places (areas), on an issue the party names (a finite one)."""

    places: frozenset[str] = attrs.field(converter=frozenset)
    target: str
    strict: bool = False

    def compile(self, codebook: Codebook) -> Iterable[Constraint]:
        for key in sorted(self.places):
            codebook.area(key)
        issue = codebook[self.target]
        if not isinstance(issue, Issue):
            raise TypeError(f"{self.target!r} is numeric")
        yield Constraint.of(issue, *issue.outcomes[: 1 if self.strict else None])


FENCED = RU.with_kinds(Fencing)


@given(pst.conditions(FENCED, Fencing))
def test_typed_fields_are_inferred_from_their_types(condition: Fencing) -> None:
    assert condition.places <= set(RU.area_keys())
    assert isinstance(RU[condition.target], Issue)


def test_register_condition_strategy_for_a_plugin() -> None:
    pst.register_condition_strategy(Fencing, codebook=FENCED, target=st.just("talks"))
    try:

        @settings(max_examples=20, derandomize=True, database=None)
        @given(st.from_type(Fencing))
        def check(condition: Fencing) -> None:
            assert condition.target == "talks"
            assert condition.places

        check()
    finally:
        pst._FIELDS.pop(Fencing, None)
        pst._offer.cache_clear()


def test_register_condition_strategy_refuses_misuse() -> None:
    with pytest.raises(InvalidArgument, match="kind"):
        pst.register_condition_strategy(peacepos.Condition)
    with pytest.raises(InvalidArgument, match="no field"):
        pst.register_condition_strategy(Fencing, width=st.just(1))


# -- positions -----------------------------------------------------------------------------


@given(pst.positions())
def test_positions_are_never_self_contradictory(p: peacepos.Position) -> None:
    for reading in ("strict", "broad"):
        assert all(not c.is_empty() for c in p.constraints(reading).values())
    assert p.conditions


@given(pst.positions(RU, actor="Party Z", issues=SMALL, implied=False, preconditions=False))
def test_positions_respect_their_options(p: peacepos.Position) -> None:
    assert p.actors == ("Party Z",)
    assert p.codebook is RU
    for c in p.conditions:
        assert c.basis is Basis.EXPLICIT
        assert c.stage is Stage.SETTLEMENT
    # implications may add an issue: non-bloc status rules out NATO membership, no cap on
    # the army means no limits on the armed forces
    assert set(p.constraints()) <= _reach(RU, SMALL)


@given(pst.positions(RU, min_conditions=3, max_conditions=3, issues=["hostilities"]))
def test_positions_have_at_least_min_conditions(p: peacepos.Position) -> None:
    assert len(p.conditions) >= 3


@given(data=st.data())
def test_position_pairs_have_exactly_the_relation_asked_for(data: st.DataObject) -> None:
    relation = data.draw(st.sampled_from(pst.RELATIONS))
    # Four outcomes, five, a number, two (OVERLAP needs three outcomes: not on two).
    shapes = [i for i in SHAPES if relation is not Relation.OVERLAP or i != "arms-deliveries"]
    issue = data.draw(st.sampled_from(shapes))
    left, right = data.draw(pst.position_pairs(relation, issue))
    assert left.id != right.id
    for reading in ("strict", "broad"):
        assert reference.compare(left, right, reading)[issue].relation is relation


@given(data=st.data())
def test_position_pairs_in_generated_codebooks(data: st.DataObject) -> None:
    relation = data.draw(st.sampled_from(pst.RELATIONS))
    left, right = data.draw(pst.position_pairs(relation, codebook=pst.codebooks()))
    assert left.codebook is right.codebook
    assert left.id != right.id
    found = [reference.compare(left, right, r) for r in ("strict", "broad")]
    # the first issue the strategy planned: in the relation under both readings
    assert any(all(f[k].relation is relation for f in found) for k in found[1] if k in found[0])


@given(pst.position_pairs(Relation.CONTESTED, codebook=pst.default_codebooks()))
def test_position_pairs_where_readers_disagree(pair: tuple[peacepos.Position, ...]) -> None:
    left, right = pair
    broad = reference.compare(left, right, "broad")
    contested = [k for k, v in broad.items() if v.relation is Relation.CONTESTED]
    assert contested
    for k in contested:  # one side's readers have nothing in common there
        f = peacepos.compare(left, right, reading="broad").finding(k)
        assert f.relation is Relation.CONTESTED
        assert {v.relation for v in f.contested}
        assert k in left.contested("broad") + right.contested("broad")


def test_position_pairs_refuse_a_relation_the_issue_cannot_have() -> None:
    with pytest.raises(InvalidArgument, match="OVERLAP"):
        pst.position_pairs(Relation.OVERLAP, "arms-deliveries")


@given(pst.agreeing_pairs("territory/crimea/recognition"))
def test_agreeing_pairs_on_an_issue(pair: tuple[peacepos.Position, ...]) -> None:
    left, right = pair
    v = reference.compare(left, right, "broad")["territory/crimea/recognition"]
    assert v.relation.group == "overlap"
    assert v.common_ground


def _shares(counts: dict[Relation, int]) -> dict[str, float]:
    """Each of the seven relations' share of the findings in those seven relations."""
    total = sum(counts.get(r, 0) for r in pst.RELATIONS)
    return {r.name: counts.get(r, 0) / total for r in pst.RELATIONS}


def test_position_pairs_reach_every_relation_evenly() -> None:
    """Over 200 derandomized pairs (in the built-in codebook or generated ones), every
    relation is at least 5% of all findings (OVERLAP was under 1% in the first edition)."""
    counts = pst.relation_counts(pst.position_pairs(), examples=200)
    shares = _shares(counts)
    assert sum(counts.values()) >= 400
    assert min(shares.values()) >= 0.05, shares


@given(pst.position_groups(min_size=3, max_size=5))
def test_position_groups_meet(group: tuple[peacepos.Position, ...]) -> None:
    assert 3 <= len(group) <= 5
    assert len({p.id for p in group}) == len(group)
    assert len({id(p.codebook) for p in group}) == 1
    addressed = [set(p.constraints()) for p in group]
    assert set.intersection(*addressed) or any(
        a & b for a in addressed for b in addressed if a is not b
    )


@given(pst.independent_pairs(RU, issues=SMALL))
def test_independent_pairs(pair: tuple[peacepos.Position, peacepos.Position]) -> None:
    left, right = pair
    assert left.id != right.id
    # implications may add an issue; stages add their sequence issues
    allowed = _reach(RU, {*SMALL, "sequence/talks", "sequence/ceasefire"})
    assert set(left.constraints()) | set(right.constraints()) <= allowed


# -- change over time ----------------------------------------------------------------------


@pytest.mark.parametrize("change", ["hardened", "softened"])
@given(data=st.data())
def test_histories_change_one_issue_and_keep_the_rest(change: str, data: st.DataObject) -> None:
    earlier, later = data.draw(pst.histories(change))  # type: ignore[arg-type]
    assert later.actors == earlier.actors
    assert later.date > earlier.date
    assert later.id != earlier.id
    for reading in ("strict", "broad"):
        kinds = list(peacepos.changes(earlier, later, reading=reading).changes)
        assert [c.kind for c in kinds].count(ChangeKind(change)) == 1
        assert {c.kind for c in kinds} <= {ChangeKind(change), ChangeKind.UNCHANGED}
        # brute force agrees: the one changed issue is strictly narrower / broader
        sets = reference.plain_sets([earlier, later], reading)
        changed = [k for k, (_, (a, b)) in sets.items() if a != b]
        assert len(changed) == 1
        _, (before, after) = sets[changed[0]]
        assert before is not None
        assert after is not None
        assert after < before if change == "hardened" else after > before


@given(data=st.data())
def test_successors_of_a_generated_position(data: st.DataObject) -> None:
    earlier = data.draw(
        pst.positions(
            RU, issues=SMALL, conditions=pst.conditions(RU, [Outcomes, Range], issues=SMALL)
        )
    )
    later = data.draw(pst.successors(earlier, "hardened"))
    assert peacepos.changes(earlier, later).of(ChangeKind.HARDENED)


def test_successors_refuse_an_unknown_change() -> None:
    with pytest.raises(InvalidArgument, match="hardened"):
        pst.successors(peacepos.corpus.load("china-2023-02-24"), "froze")  # type: ignore[arg-type]


# -- a codebook by hand: areas with parts, a declared kind over them -----------------------

HAND = Codebook(
    name="test-strategies-hand",
    title="By hand",
    areas=[
        Area(
            key="north",
            title="North",
            parts=[Area(key="hills", title="Hills"), Area(key="coast", title="Coast")],
        )
    ],
    area_issues=[
        IssueTemplate(key="status/{area}", title="{title}", outcomes=("kept", "ceded", "shared"))
    ],
    kinds=[KindSpec(name="handover", areas="regions", narrows={"status/{area}": ["ceded"]})],
)


@given(pst.conditions(HAND, "handover"))
def test_a_kind_over_areas_with_parts(condition: peacepos.Condition) -> None:
    keys = {c.issue.key for c in condition.constraints(HAND)}
    assert keys <= {"status/hills", "status/coast"}
    assert keys
