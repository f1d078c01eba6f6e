"""Deals: the laws of design.md, each against a brute-force oracle that enumerates every
settlement (and shares no code with the search), plus the cases the corpus must show."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import peacepos
from peacepos import Codebook, ContradictionError, Evidence, Issue, NumericIssue, Position
from peacepos.conditions import Basis, Condition
from peacepos.kinds import Outcomes, Range
from peacepos.position import Variant
from peacepos.testing import laws, reference
from peacepos.vocabulary import UNLIMITED, Implication, Rule

EV = Evidence(document="d", locator="l")


# -- a small world, generated ------------------------------------------------------------


@st.composite
def worlds(draw: st.DrawFn) -> tuple[Codebook, list[Position]]:
    """A small random codebook (finite and numeric issues, implications) and 2-3 positions
    with plain demands, conditional terms and variants."""
    n_finite = draw(st.integers(2, 3))
    issues: list[Any] = [
        Issue(
            key=f"i{k}",
            title=f"Issue {k}",
            outcomes=[f"o{j}" for j in range(draw(st.integers(2, 3)))],
        )
        for k in range(n_finite)
    ]
    numeric = NumericIssue(
        key="n",
        title="Numbers",
        unit="u",
        maximum=12,
        unlimited=draw(st.sampled_from(["", "none"])),
    )
    issues.append(numeric)
    implications = []
    for _ in range(draw(st.integers(0, 2))):
        a, b = draw(
            st.lists(st.sampled_from(issues[:n_finite]), min_size=2, max_size=2, unique=True)
        )
        # `when` may name every outcome (then it holds where a demand speaks to its issue);
        # `then` never does (a codebook refuses a rule that rules nothing out)
        when = Rule(issue=a.key, outcomes=draw(st.sets(st.sampled_from(a.outcomes), min_size=1)))
        proper = st.sets(st.sampled_from(b.outcomes), min_size=1, max_size=len(b.outcomes) - 1)
        then = Rule(issue=b.key, outcomes=draw(proper))
        implications.append(Implication(when=when, then=then))
    codebook = Codebook(name="w", title="World", issues=issues, implications=implications)

    def condition(only_if: Sequence[Condition] = ()) -> Condition:
        issue = draw(st.sampled_from(issues))
        if isinstance(issue, NumericIssue):
            low = draw(st.none() | st.integers(0, 12))
            high = (
                draw(st.none() | st.integers(0, 12))
                if low is not None
                else draw(st.integers(0, 12))
            )
            if low is not None and high is not None and low > high:
                low, high = high, low
            return Range(issue="n", at_least=low, at_most=high, evidence=EV, only_if=only_if)
        outs = draw(st.sets(st.sampled_from(issue.outcomes), min_size=1))
        return Outcomes(issue=issue.key, outcomes=outs, evidence=EV, only_if=only_if)

    positions = []
    for i in range(draw(st.integers(2, 3))):
        plain = [condition() for _ in range(draw(st.integers(1, 3)))]
        terms = [condition(only_if=[condition()]) for _ in range(draw(st.integers(0, 2)))]
        variants = [
            Variant(name=f"v{j}", conditions=[condition()]) for j in range(draw(st.integers(0, 2)))
        ]
        try:
            p = Position(
                id=f"p{i}",
                title=f"P{i}",
                actors=[f"A{i}"],
                date=f"2030-01-0{i + 1}",
                codebook=codebook,
                conditions=plain + terms,
                variants=variants,
            )
        except ContradictionError:
            continue
        positions.append(p)
    if len(positions) < 2:
        from hypothesis import reject

        reject()
    return codebook, positions


# -- the oracle: every settlement, checked from the conditions themselves ------------------


def _values(issue: Any, conditions: Iterable[Condition], codebook: Codebook) -> list[Any]:
    if isinstance(issue, Issue):
        return list(issue.outcomes)
    points = {issue.minimum, issue.maximum}
    for c in conditions:
        for x in (
            *c.constraints(codebook),
            *(y for r in c.only_if for y in r.constraints(codebook)),
        ):
            if x.issue.key == issue.key:
                for lo, hi in x.bounds:  # type: ignore[attr-defined]
                    points.update({lo, lo - 1, hi, (hi or 0) + 1})
    values = sorted(p for p in points if p is not None and 0 <= p <= issue.maximum)
    return values + ([UNLIMITED] if issue.unlimited else [])


def _demanded(position: Position) -> list[Condition]:
    return [c for c in position.own_conditions if c.basis is Basis.EXPLICIT]


def _accepts(position: Position, settlement: dict[str, Any], codebook: Codebook) -> bool:
    conditions = _demanded(position)
    plain = [c for c in conditions if not c.only_if]
    terms = [c for c in conditions if c.only_if]
    for c in plain:
        for x in c.constraints(codebook):
            value = settlement[x.issue.key]
            if value in x:
                continue
            widened = any(
                any(y.issue.key == x.issue.key and value in y for y in t.constraints(codebook))
                and all(
                    settlement[z.issue.key] in z
                    for r in t.only_if
                    for z in r.constraints(codebook)
                )
                for t in terms
            )
            if not widened:
                return False
    return True


def _speaking(views: Sequence[Position], codebook: Codebook) -> set[str]:
    """The issues the plain demands of these views speak to."""
    return {
        x.issue.key
        for v in views
        for c in _demanded(v)
        if not c.only_if
        for x in c.constraints(codebook)
    }


def _rules_hold(codebook: Codebook, settlement: dict[str, Any], speaking: set[str]) -> bool:
    for imp in codebook.all_implications():
        issue = codebook[imp.when.issue]
        assert isinstance(issue, Issue)
        if set(imp.when.outcomes) == set(issue.outcomes) and imp.when.issue not in speaking:
            continue  # settling the issue at all: only where a demand speaks to it
        if settlement[imp.when.issue] in imp.when.outcomes and (
            settlement[imp.then.issue] not in imp.then.outcomes
        ):
            return False
    return True


def brute_force(codebook: Codebook, positions: Sequence[Position]) -> list[dict[str, Any]]:
    """Every settlement (over the values that matter) that every position accepts with some
    choice of variants."""
    every = [c for p in positions for v in p.alternatives() for c in v.own_conditions]
    keys = [i.key for i in codebook.all_issues()]
    domains = [_values(codebook[k], every, codebook) for k in keys]
    choices = list(itertools.product(*(p.alternatives() for p in positions)))
    out = []
    for combo in itertools.product(*domains):
        s = dict(zip(keys, combo, strict=True))
        if any(
            _rules_hold(codebook, s, _speaking(views, codebook))
            and all(_accepts(v, s, codebook) for v in views)
            for views in choices
        ):
            out.append(s)
    return out


def _with_only(positions: Sequence[Position], keep: Sequence[Any]) -> list[Position]:
    """The positions with only the plain demands in ``keep`` (terms and variants kept)."""
    kept = {id(d.condition) for d in keep}
    out = []
    for p in positions:
        conds = [c for c in p.own_conditions if c.only_if or id(c) in kept]
        variants = [
            Variant(name=v.name, conditions=[c for c in v.conditions if id(c) in kept])
            for v in p.variants
        ]
        out.append(
            Position(
                id=p.id,
                title=p.title,
                actors=p.actors,
                date=p.date,
                codebook=p.codebook,
                conditions=conds,
                variants=variants,
            )
        )
    return out


SETTINGS = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)


@SETTINGS
@given(worlds())
def test_a_settlement_is_accepted_by_every_position_and_no_deal_agrees_with_brute_force(
    world: tuple[Codebook, list[Position]],
) -> None:
    """The law (peacepos.testing.laws.deals), and this file's own brute force — every
    settlement of every issue of the codebook, checked from the conditions — agrees with the
    kit's reference on whether one exists and on the deal's settlement."""
    codebook, positions = world
    laws.deals(*positions, reading="strict", limit=3)
    deal = peacepos.deals(*positions, reading="strict")
    every = brute_force(codebook, positions)
    assert deal.exists == bool(every)
    assert bool(reference.settlements(positions, "strict", limit=1)) == bool(every)
    if deal.settlement is not None:
        # checked independently: some completion of the settlement (over the issues it
        # leaves open) keeps every rule, and each position accepts it with the variant the
        # deal names
        views = [
            p.variant(deal.variants[p.id]) if deal.variants[p.id] is not None else p
            for p in positions
        ]
        every_condition = [
            c for p in positions for v in p.alternatives() for c in v.own_conditions
        ]
        open_keys = [k for k in codebook if k not in deal.settlement]
        domains = [_values(codebook[k], every_condition, codebook) for k in open_keys]
        completions = (
            {**deal.settlement, **dict(zip(open_keys, combo, strict=True))}
            for combo in itertools.product(*domains)
        )
        assert any(
            _rules_hold(codebook, s, _speaking(views, codebook))
            and all(_accepts(v, s, codebook) for v in views)
            for s in completions
        )


@SETTINGS
@given(worlds())
def test_a_blocking_set_is_unsatisfiable_and_every_proper_subset_is_not(
    world: tuple[Codebook, list[Position]],
) -> None:
    """The law checks each blocking set with the kit's reference; this file's own brute force
    agrees on each set and on each set less one demand."""
    codebook, positions = world
    laws.deals(*positions, reading="strict", limit=3)
    deal = peacepos.deals(*positions, reading="strict", limit=3)
    if deal.exists:
        return
    for blocking in deal.blocking_sets:
        assert not brute_force(codebook, _with_only(positions, blocking))
        for i in range(len(blocking)):
            rest = [d for j, d in enumerate(blocking) if j != i]
            assert brute_force(codebook, _with_only(positions, rest)), "not minimal"


# -- the corpus and the API ----------------------------------------------------------------


def test_the_april_2022_drafts_have_no_settlement_and_the_army_caps_block() -> None:
    drafts = [peacepos.corpus.load(i) for i in ("russia-2022-04-15", "ukraine-2022-04-15")]
    deal = peacepos.deals(*drafts)
    assert not deal.exists
    caps = [
        s for s in deal.blocking_sets if {d.issue for d in s} == {"military/army-cap/peacetime"}
    ]
    assert caps, [sorted({d.issue for d in s}) for s in deal.blocking_sets]
    (found,) = caps
    assert {d.position for d in found} == {"russia-2022-04-15", "ukraine-2022-04-15"}
    for d in found:
        assert d.condition.evidence.locator  # each with its evidence
    # the guarantee trigger: each guarantor acts (Ukraine), a consensus of all, a veto (Russia)
    assert {"alignment/guarantees/trigger"} in [{d.issue for d in s} for s in deal.blocking_sets]
    assert deal.covering


def _one_issue_conflict() -> tuple[Position, Position]:
    core = peacepos.codebook("core")
    ev = Evidence(document="d", locator="point 1")
    a = Position(
        id="a",
        title="A",
        actors=["A"],
        date="2030-01-01",
        codebook=core,
        conditions=[
            peacepos.kinds.condition(core, "end-of-hostilities", evidence=ev),
            peacepos.kinds.condition(
                core, "elections", evidence=Evidence(document="d", locator="point 2")
            ),
        ],
    )
    b = Position(
        id="b",
        title="B",
        actors=["B"],
        date="2030-01-02",
        codebook=core,
        conditions=[
            peacepos.kinds.Outcomes(
                issue="hostilities", outcomes=["partial-ceasefire"], evidence=ev
            )
        ],
    )
    return a, b


def test_dropping_one_sides_condition_on_the_only_conflict_yields_a_settlement() -> None:
    a, b = _one_issue_conflict()
    blocked = peacepos.deals(a, b)
    assert not blocked.exists
    assert blocked.core == ("hostilities",)
    what_if = peacepos.deals(a, b, without=["b@point 1"])
    assert what_if.exists
    assert what_if.dropped == ("b@point 1",)
    assert what_if.outcome("hostilities") == "end of war"
    assert peacepos.deals(a, b, without=["b"]).exists


def test_misuse_is_explained() -> None:
    a, b = _one_issue_conflict()
    with pytest.raises(ValueError, match="not among the positions"):
        peacepos.deals(a, b, without=["c"])
    with pytest.raises(ValueError, match="no condition at 'point 9'"):
        peacepos.deals(a, b, without=["a@point 9"])
    with pytest.raises(ValueError, match="each position may appear once"):
        peacepos.deals(a, a)
    with pytest.raises(ValueError, match="limit"):
        peacepos.deals(a, b, limit=0)


def test_a_conditional_term_met_in_the_same_settlement_makes_a_deal() -> None:
    core = peacepos.codebook("core")
    ev = Evidence(document="d", locator="point 1")
    # A wants full ceasefire unconditionally, but accepts a partial one if elections are held.
    a = Position(
        id="a",
        title="A",
        actors=["A"],
        date="2030-01-01",
        codebook=core,
        conditions=[
            peacepos.kinds.Outcomes(issue="hostilities", outcomes=["full-ceasefire"], evidence=ev),
            peacepos.kinds.Outcomes(
                issue="hostilities",
                outcomes=["partial-ceasefire"],
                evidence=ev,
                only_if=[
                    peacepos.kinds.Outcomes(issue="elections", outcomes=["held"], evidence=ev)
                ],
            ),
        ],
    )
    b = Position(
        id="b",
        title="B",
        actors=["B"],
        date="2030-01-02",
        codebook=core,
        conditions=[
            peacepos.kinds.Outcomes(
                issue="hostilities", outcomes=["partial-ceasefire"], evidence=ev
            )
        ],
    )
    deal = peacepos.deals(a, b)
    assert deal.exists
    assert deal.outcome("hostilities") == "partial ceasefire"
    assert deal.outcome("elections") == "held"
    assert [p for p, _ in deal.terms] == ["a"]
    assert any("conditional term" in line for line in deal.explain())
    # the requirement refused by b: no deal
    c = Position(
        id="c",
        title="C",
        actors=["C"],
        date="2030-01-03",
        codebook=core,
        conditions=[
            peacepos.kinds.Outcomes(
                issue="hostilities", outcomes=["partial-ceasefire"], evidence=ev
            ),
            peacepos.kinds.Outcomes(issue="elections", outcomes=["not-held"], evidence=ev),
        ],
    )
    refused = peacepos.deals(a, c)
    assert not refused.exists
    assert {d.issue for d in refused.blocking} >= {"hostilities"}


def test_what_if_drops_a_variants_condition_by_locator_or_object() -> None:
    ukraine = peacepos.corpus.load("ukraine-europe-2025-04-23")
    russia = peacepos.corpus.load("russia-2025-06-02")
    where = "section II, variant 2"
    assert any(c.evidence.locator == where for v in russia.variants for c in v.conditions)
    before = peacepos.deals(ukraine, russia)
    after = peacepos.deals(ukraine, russia, without=[f"{russia.id}@{where}"])
    assert any(d.condition.evidence.locator == where for s in before.blocking_sets for d in s)
    assert not any(d.condition.evidence.locator == where for s in after.blocking_sets for d in s)
    condition = russia.variants[1].conditions[0]
    dropped = peacepos.deals(ukraine, russia, without=[condition])
    assert not any(d.condition == condition for s in dropped.blocking_sets for d in s)
    with pytest.raises(ValueError, match=r"locators: .*; "):
        peacepos.deals(ukraine, russia, without=[f"{russia.id}@no such place"])


def test_a_common_inference_contested_in_one_variant_is_no_demand_in_that_variant() -> None:
    # One reader infers 'open' from the whole text; another reads its second variant as
    # 'shared'. In that variant the readers disagree and the text says nothing on water, so
    # the common inference demands nothing there: the other side's 'joint' is a settlement.
    book = Codebook(
        name="w",
        title="W",
        issues=[Issue(key="water", title="Water", outcomes=("open", "shared", "joint"))],
    )

    def ev(basis: Basis = Basis.EXPLICIT, reader: str = "") -> Evidence:
        if basis is Basis.EXPLICIT:
            return Evidence(document="d", locator="1")
        return Evidence(document="d", locator="1", basis=basis, readers=(reader,), rationale="r")

    left = Position(
        id="left",
        title="Left",
        actors=("L",),
        date="2024-01-01",
        codebook=book,
        conditions=[Outcomes(issue="water", outcomes=("open",), evidence=ev(Basis.IMPLIED, "x"))],
        variants=[
            Variant(
                name="v1", conditions=[Outcomes(issue="water", outcomes=("open",), evidence=ev())]
            ),
            Variant(
                name="v2",
                conditions=[
                    Outcomes(issue="water", outcomes=("shared",), evidence=ev(Basis.IMPLIED, "y"))
                ],
            ),
        ],
    )
    right = Position(
        id="right",
        title="Right",
        actors=("R",),
        date="2024-01-01",
        codebook=book,
        conditions=[Outcomes(issue="water", outcomes=("joint",), evidence=ev())],
    )
    assert left.variant("v2").contested("broad") == ("water",)
    deal = peacepos.deals(left, right, reading="broad")
    assert deal.exists
    assert deal.settlement == {"water": "joint"}
    assert deal.variants == {"left": "v2", "right": None}
    laws.deals(left, right, reading="broad")
    # Under the strict reading no reader counts: v2 says nothing, v1 demands 'open'.
    assert peacepos.deals(left, right, reading="strict").exists
