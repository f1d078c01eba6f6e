"""The 2025-2026 documents of the built-in corpus: what the sources say, and what follows.

Each test pins a reading of ``shared/sources/positions-2025.md`` (section in the comment):
conditional terms and their requirements, the two variants of Russia's Istanbul memorandum,
attribution in joint read-outs, readers who disagree, and the cross-document findings the
notes name. Relations are taken from the positions' stances with :func:`peacepos.relate`
where :func:`peacepos.compare` cannot be used yet (see CORPUS-NOTES.md); requirement states
(met / open / refused, as design.md defines them) are computed from the data by
:func:`term_state` until the engine reports them.
"""

from __future__ import annotations

from typing import Literal

import pytest

import peacepos
from peacepos import Relation, compare, corpus, relate
from peacepos.conditions import Basis, Condition, Declared, Stage
from peacepos.constraints import Constraint
from peacepos.position import Position, Reading

RU = peacepos.codebook("russia-ukraine")
State = Literal["met", "open", "refused"]


def load(id: str) -> Position:
    return corpus.load(id)


def of(issue: str, *outcomes: str) -> Constraint:
    return Constraint.of(RU[issue], *outcomes)


def between(issue: str, low: int | None, high: int | None) -> Constraint:
    return Constraint.between(RU[issue], low, high)


def leaves(*areas: str) -> tuple[str, ...]:
    return tuple(leaf.key for a in areas for leaf in RU.area(a).leaves())


def relation(a: Position, b: Position, issue: str, reading: Reading = "strict") -> Relation:
    """The unconditional relation of two positions on one issue (one side may be silent)."""
    return relate(a.constraint(issue, reading), b.constraint(issue, reading))


def counts(c: Condition, reading: Reading) -> bool:
    """Whether a requirement counts under a reading (EXPLICIT always; IMPLIED by readers)."""
    if c.basis is Basis.EXPLICIT or reading == "broad":
        return True
    if reading == "strict":
        return False
    return bool(set(reading) & set(c.evidence.readers))


def requirement_state(requirement: Condition, other: Position, reading: Reading) -> State:
    """design.md, "Conditional terms": met (the other side accepts it), open (silent),
    refused (the other side's stance conflicts with it)."""
    states: set[State] = set()
    for wanted in requirement.constraints(RU):
        theirs = other.constraint(wanted.issue.key, reading)
        if theirs is None:
            states.add("open")
        elif (theirs & wanted).is_empty():
            states.add("refused")
        else:
            states.add("met")
    return "refused" if "refused" in states else "met" if states == {"met"} else "open"


def term_state(term: Condition, other: Position, reading: Reading) -> State:
    """The state of a conditional term's requirements against the other side."""
    states = {requirement_state(r, other, reading) for r in term.only_if if counts(r, reading)}
    assert states, "no requirement counts under this reading"
    return "refused" if "refused" in states else "met" if states == {"met"} else "open"


# -- Jeddah and Putin's reply (§1b, §1c) --------------------------------------------------


def test_jeddah_full_interim_ceasefire_urgent_not_unconditional() -> None:
    # §1b point 1: immediate, interim, 30 days, extendable; the text does not say unconditional
    jeddah = load("us-ukraine-2025-03-11")
    s = jeddah.constraints("strict")
    assert s["hostilities"] == of("hostilities", "full-ceasefire", "end-of-war")
    assert s["hostilities/ceasefire-days"] == between("hostilities/ceasefire-days", 30, None)
    assert "sequence/ceasefire" not in s
    assert s["arms-deliveries"] == of("arms-deliveries", "continue")  # point 3
    assert "hostilities/monitoring" not in s  # the text is silent on monitoring
    # point 5: only Ukraine asks that Europeans be involved
    assert "talks/europe" not in s
    assert load("us-ukraine-2025-03-11").for_actor("Ukraine").constraint("talks/europe") == of(
        "talks/europe", "at-the-table", "consulted"
    )
    assert jeddah.for_actor("United States").constraint("talks/europe") is None


def test_putin_agrees_in_principle_only_if_no_rearmament_as_the_press_read_him() -> None:
    # §1c: "We agree, but there are nuances"; his questions read by the press as conditions
    putin, jeddah = load("russia-2025-03-13"), load("us-ukraine-2025-03-11")
    stance = putin.stances("broad")["hostilities"]
    assert stance.constraint == of("hostilities", "end-of-war")  # a ceasefire must lead to peace
    (term,) = stance.terms
    assert term.constraint == of("hostilities", "full-ceasefire", "end-of-war")
    assert {r.kind for r in term.condition.only_if} == {"mobilisation-halt", "arms-delivery-halt"}
    assert all(r.evidence.readers == ("journalists",) for r in term.condition.only_if)
    # unconditionally Jeddah's ceasefire is more than Putin accepts; under his terms the same
    assert relation(jeddah, putin, "hostilities") is Relation.BROADER
    assert relate(jeddah.constraint("hostilities"), stance.under_terms) is Relation.SAME
    # ... and the requirement (no rearmament) is refused: the US resumed deliveries
    assert term_state(term.condition, jeddah, "broad") == "refused"


# -- the 18 March call: two read-outs, attributed (§1d) ------------------------------------


def test_call_readouts_attribute_each_sides_ceasefire_line() -> None:
    call = load("us-russia-2025-03-18")
    joint = call.constraints("strict")
    assert joint["hostilities"] == of(
        "hostilities", "partial-ceasefire", "full-ceasefire", "end-of-war"
    )
    assert joint["hostilities/ceasefire-days"] == between("hostilities/ceasefire-days", 30, 30)
    assert "humanitarian/prisoners" not in joint  # only in the Kremlin read-out
    us, russia = call.for_actor("United States"), call.for_actor("Russia")
    assert us.constraint("hostilities") == of("hostilities", "full-ceasefire", "end-of-war")
    russian = russia.stances("strict")["hostilities"]
    (term,) = russian.terms
    assert {r.kind for r in term.condition.only_if} == {"mobilisation-halt", "arms-delivery-halt"}
    assert all(r.basis is Basis.EXPLICIT for r in term.condition.only_if)
    # stated by the Kremlin itself, the arms condition is refused by Jeddah's resumed aid
    assert term_state(term.condition, load("us-ukraine-2025-03-11"), "strict") == "refused"


# -- the Black Sea and energy outcome (§1e) ------------------------------------------------


def test_black_sea_navigation_is_conditional_for_russia_only() -> None:
    outcome = load("black-sea-2025-03-25")
    assert outcome.constraint("economy/black-sea", "broad") is None  # no common stance
    assert outcome.constraint("economy/critical-infrastructure") == of(
        "economy/critical-infrastructure", "protected"
    )
    ukraine = outcome.for_actor("Ukraine")
    assert ukraine.constraint("economy/black-sea") == of("economy/black-sea", "safe-navigation")
    russia = outcome.for_actor("Russia").stances("strict")["economy/black-sea"]
    assert russia.constraint is None
    (term,) = russia.terms
    (relief,) = term.condition.only_if
    assert relief.kind == "sanctions-relief"
    # the US undertaking to ease Russia's farm trade meets the requirement; Ukraine is silent
    assert term_state(term.condition, outcome.for_actor("United States"), "strict") == "met"
    assert term_state(term.condition, ukraine, "strict") == "open"
    # "good offices" are not monitoring
    assert outcome.constraint("hostilities/monitoring", "broad") is None


# -- the April texts: the US "final offer" and the Ukrainian-European counter-text (§2) -----


def test_us_framework_recognises_for_the_us_only() -> None:
    us = load("us-2025-04-17")
    s = us.constraints("strict")
    assert s["territory/crimea/recognition"] == of(
        "territory/crimea/recognition", "de-jure-partial"
    )
    for area in ("luhansk", "donetsk/russian-held", "zaporizhzhia/russian-held"):
        assert s[f"territory/{area}/recognition"] == of(
            f"territory/{area}/recognition", "de-facto-partial"
        )
    assert s["territory/kharkiv/control"] == of("territory/kharkiv/control", "ukraine")
    assert s["nuclear/zaporizhzhia-plant"] == of("nuclear/zaporizhzhia-plant", "us")
    assert s["nuclear/zaporizhzhia-operator"] == of("nuclear/zaporizhzhia-operator", "us")
    assert s["alignment/guarantors/europe"] == of("alignment/guarantors/europe", "guarantor")
    assert "alignment/guarantors/us" not in s  # the text states no US role
    # compensation without a payer is not Russia's compensation
    assert "accountability/compensation" not in s


def test_april_counter_text_conflicts_with_the_us_offer_where_the_notes_say() -> None:
    # §2 mapping table
    us, counter = load("us-2025-04-17"), load("ukraine-europe-2025-04-23")
    for issue in (
        "alignment/nato",  # no NATO vs NATO left to Allied consensus
        "nuclear/zaporizhzhia-plant",  # US control vs Ukraine (with US involvement)
        "sanctions/on-russia",  # all post-2014 sanctions lifted vs gradual easing
    ):
        assert relation(us, counter, issue) is Relation.CONFLICT, issue
    assert relation(us, counter, "alignment/guarantors/europe") is Relation.SAME
    assert relation(us, counter, "territory/mykolaiv/control") is Relation.SAME  # Kinburn Spit
    assert relation(us, counter, "economy/dnipro") is Relation.SAME
    # the counter-text mentions no recognition at all; the US text recognises for itself
    assert relation(us, counter, "territory/crimea/recognition") is Relation.ONLY_LEFT
    assert counter.constraint("sequence/ceasefire") == of(
        "sequence/ceasefire", "without-preconditions"
    )
    assert counter.constraint("alignment/guarantees/strength") == of(
        "alignment/guarantees/strength", "article-5-like"
    )
    # a counter-proposal, not an amended copy: no lineage
    assert counter.based_on is None
    assert not counter.amendments


# -- the Istanbul memoranda (§3c, §3d) -----------------------------------------------------


def test_russian_memorandum_offers_two_ceasefire_variants() -> None:
    russia = load("russia-2025-06-02")
    assert [v.name for v in russia.variants] == ["withdrawal", "package"]
    assert [p.id for p in russia.alternatives()] == [
        "russia-2025-06-02.withdrawal",
        "russia-2025-06-02.package",
    ]
    # outside its variants the memorandum accepts no ceasefire
    assert russia.constraint("hostilities", "broad") is None
    for name in ("withdrawal", "package"):
        variant = russia.variant(name)
        assert variant.constraint("hostilities") == of(
            "hostilities", "full-ceasefire", "end-of-war"
        )
        assert variant.constraint("sequence/ceasefire") == of(
            "sequence/ceasefire", "after-preconditions"
        )
    withdrawal, package = russia.variant("withdrawal"), russia.variant("package")
    assert "military/mobilisation" not in withdrawal.constraints()
    assert package.constraint("military/mobilisation") == of("military/mobilisation", "halted")
    assert package.constraint("elections/days-after-martial-law") == between(
        "elections/days-after-martial-law", None, 100
    )
    stages = {(c.kind, c.stage) for c in russia.variants[0].conditions}
    assert ("troop-withdrawal", Stage.PRECONDITION_FOR_CEASEFIRE) in stages


def test_istanbul_memoranda_compared_variant_by_variant() -> None:
    ukraine, russia = load("ukraine-2025-05-28"), load("russia-2025-06-02")
    results = {v.name: compare(ukraine, russia.variant(v.name)) for v in russia.variants}
    for name, result in results.items():
        # Ukraine: an unconditional ceasefire first; Russia: only after its preconditions
        assert result.finding("sequence/ceasefire").relation is Relation.CONFLICT, name
        assert result.finding("territory/crimea/recognition").relation is Relation.CONFLICT
        assert result.finding("alignment/foreign-forces/bilateral").relation is Relation.CONFLICT
        assert result.finding("military/limits").relation is Relation.CONFLICT
        # both accept a ceasefire of 30 days
        days = result.finding("hostilities/ceasefire-days")
        assert days.common_ground == between("hostilities/ceasefire-days", 30, 30)
    # who monitors: US-led third parties vs a bilateral centre, in the package only
    monitoring = {n: r.finding("hostilities/monitoring").relation for n, r in results.items()}
    assert monitoring == {"withdrawal": Relation.ONLY_LEFT, "package": Relation.CONFLICT}
    assert results["package"].finding("arms-deliveries").relation is Relation.ONLY_RIGHT
    with pytest.raises(KeyError):
        results["withdrawal"].finding("arms-deliveries")
    # without a variant, the memorandum states no ceasefire of its own
    base = compare(ukraine, russia)
    assert base.finding("hostilities/ceasefire-days").relation is Relation.BROADER
    assert base.finding("hostilities/monitoring").relation is Relation.ONLY_LEFT


def test_compare_reports_each_variant_pair() -> None:
    ukraine, russia = load("ukraine-2025-05-28"), load("russia-2025-06-02")
    result = compare(ukraine, russia)
    assert [(v.left_variant, v.right_variant) for v in result.variants] == [
        (None, "withdrawal"),
        (None, "package"),
    ]
    for v in result.variants:
        alone = compare(ukraine, russia.variant(v.right_variant))
        assert v.conflicts == len(
            {f.issue for f in alone if f.relation is Relation.CONFLICT and not f.sequence}
        )
    assert result.closest is min(result.variants, key=lambda v: (v.conflicts, -v.overlaps))


def test_russian_memorandum_sanctions_clause_bilateral_as_worded() -> None:
    # §3 "Where readers disagreed": the text says "between the Russian Federation and
    # Ukraine"; several outlets read it as lifting all sanctions (journalists' reading)
    russia, ukraine = load("russia-2025-06-02"), load("ukraine-2025-05-28")
    assert russia.constraint("sanctions/between-parties", "strict") == of(
        "sanctions/between-parties", "lifted"
    )
    assert russia.constraint("sanctions/on-russia", "strict") is None
    assert russia.constraint("sanctions/on-russia", {"journalists"}) == of(
        "sanctions/on-russia", "lifted"
    )
    assert relation(ukraine, russia, "sanctions/on-russia", "strict") is Relation.ONLY_LEFT
    assert relation(ukraine, russia, "sanctions/on-russia", "broad") is Relation.CONFLICT


def test_ukrainian_memorandum_rejects_imposed_neutrality_and_limits() -> None:
    # §3c section I points 1, 5, 6
    ukraine = load("ukraine-2025-05-28")
    s = ukraine.constraints("strict")
    assert s["sequence/talks"] == of("sequence/talks", "after-preconditions")  # ceasefire first
    assert s["sequence/ceasefire"] == of("sequence/ceasefire", "without-preconditions")
    assert s["alignment/blocs"] == of("alignment/blocs", "aligned")
    assert s["alignment/nato"] == of("alignment/nato", "member", "door-open")
    assert s["military/army-cap/peacetime"] == RU_UNLIMITED_CAP
    for area in leaves("crimea", "donetsk", "other-occupied"):
        assert s[f"territory/{area}/recognition"] == of(
            f"territory/{area}/recognition", "unchanged"
        )
    # the ceasefire is the term; the end of hostilities is on the final stage's agenda only
    assert s["hostilities"] == of("hostilities", "full-ceasefire", "end-of-war")


RU_UNLIMITED_CAP = Constraint.unlimited(RU["military/army-cap/peacetime"])


# -- Anchorage (§4c) and Russia on guarantees (§4e) ----------------------------------------


def test_anchorage_terms_are_reported_with_medium_confidence() -> None:
    anchorage = load("russia-2025-08-15")
    assert anchorage.confidence_level == "medium"
    assert "anonymous" in anchorage.confidence
    # Witkoff's claim that Russia accepted Article-5-like guarantees is unverified
    assert anchorage.constraint("alignment/guarantees/strength", "broad") is None
    # the freeze in the south is offered only in return for all of Donetsk
    south = anchorage.stances("strict")["territory/zaporizhzhia/ukrainian-held/control"]
    assert south.constraint is None
    (term,) = south.terms
    assert term.constraint == of("territory/zaporizhzhia/ukrainian-held/control", "ukraine")
    (price,) = term.condition.only_if
    assert isinstance(price, Declared)
    assert price.get("regions") == frozenset({"donetsk"})
    # under Ukraine's "stand where we stand" option the south overlaps; the price is refused
    line = load("ukraine-2025-12-14").variant("line")
    key = "territory/zaporizhzhia/ukrainian-held/control"
    assert relate(south.under_terms, line.constraint(key)) is Relation.SAME
    assert term_state(term.condition, line, "strict") == "refused"


def test_russia_wants_the_2022_guarantee_model_with_itself_as_guarantor() -> None:
    # §4e, Lavrov 20-24 Aug: P5 guarantors incl. Russia and China; the veto is Kyiv's reading
    russia = load("russia-2025-08-20")
    s = russia.constraints("strict")
    for who in ("russia", "china", "us", "europe"):
        assert s[f"alignment/guarantors/{who}"] == of(f"alignment/guarantors/{who}", "guarantor")
    assert "alignment/guarantees/trigger" not in s
    assert russia.constraint("alignment/guarantees/trigger", {"Ukraine's government"}) == of(
        "alignment/guarantees/trigger", "consensus"
    )
    assert "alignment/guarantees/strength" not in russia.constraints("broad")
    assert s["alignment/foreign-forces/european"] == of(
        "alignment/foreign-forces/european", "excluded"
    )


# -- Ukraine's December offer (§6) against Russia ------------------------------------------


def test_nato_for_guarantees_is_a_conditional_term() -> None:
    ukraine = load("ukraine-2025-12-14")
    nato = ukraine.stances("strict")["alignment/nato"]
    assert nato.constraint is None  # nothing unconditional on NATO
    (term,) = nato.terms
    assert nato.under_terms == of(
        "alignment/nato", "not-member", "treaty-ban", "constitutional-ban"
    )
    kinds = sorted((r.kind, r.basis.value) for r in term.condition.only_if)
    assert kinds == [
        ("article-5-like-guarantees", "explicit"),
        ("guarantee-trigger", "implied"),
        ("guarantor", "explicit"),
        ("guarantor", "explicit"),
    ]


@pytest.mark.parametrize("russia_id", ["russia-2025-08-20", "russia-2025-12-19"])
def test_december_offer_on_nato_one_sided_then_overlap_under_its_terms(russia_id: str) -> None:
    ukraine, russia = load("ukraine-2025-12-14"), load(russia_id)
    for reading in ("strict", "broad"):
        # unconditionally: Ukraine states nothing on NATO, Russia excludes it
        assert relation(ukraine, russia, "alignment/nato", reading) is Relation.ONLY_RIGHT
        under = ukraine.stances(reading)["alignment/nato"].under_terms
        assert relate(under, russia.constraint("alignment/nato", reading)).group == "overlap"


def test_russia_refuses_the_guarantees_ukraine_asks_in_the_veto_reading() -> None:
    # Ukraine's requirement: Article-5-like guarantees from the US and Europe (explicit),
    # bilateral, so no veto (the analyst). Russia: the US and Europe among the guarantors with
    # Russia and China (explicit); the 2022 model's consensus rule (Kyiv's reading).
    ukraine = load("ukraine-2025-12-14")
    (term,) = ukraine.stances("broad")["alignment/nato"].terms
    russia = load("russia-2025-08-20")
    assert term_state(term.condition, russia, "strict") == "open"  # strength: Russia silent
    assert term_state(term.condition, russia, "broad") == "refused"
    by_kind = {
        (r.kind, r.get("who") if isinstance(r, Declared) else None): requirement_state(
            r, russia, "broad"
        )
        for r in term.condition.only_if
    }
    assert by_kind == {
        ("article-5-like-guarantees", None): "open",
        ("guarantor", "us"): "met",
        ("guarantor", "europe"): "met",
        ("guarantee-trigger", None): "refused",
    }
    # Russia's replies of November-December say nothing on guarantees: open
    assert term_state(term.condition, load("russia-2025-12-19"), "broad") == "open"
    # the European leaders in Berlin meet every requirement they address
    berlin = load("coalition-2025-12-15")
    assert term_state(term.condition, berlin, "strict") == "met"
    assert term_state(term.condition, berlin, "broad") == "open"  # the trigger: Berlin silent


def test_compare_reports_the_requirement_state() -> None:
    # Ukraine's NATO-for-guarantees offer: the automatic trigger is a reader's inference, so
    # it is a requirement under the broad reading only, where Russia refuses it; the
    # guarantors Russia names meet the others.
    result = compare(load("ukraine-2025-12-14"), load("russia-2025-08-20"))
    states = {}
    for reading in ("strict", "broad"):
        f = result.finding("alignment/nato", reading=reading)
        assert f.under_terms is Relation.SAME
        states[reading] = {r.condition.describe(): r.state for r in f.requirements}
    trigger = "guarantee trigger (trigger: automatic)"
    assert trigger not in states["strict"]  # the trigger is a reader's inference
    assert states["broad"][trigger] == "refused"
    assert states["broad"]["guarantor (who: us)"] == "met"


def test_december_territorial_options_against_russias_replies() -> None:
    ukraine, russia = load("ukraine-2025-12-14"), load("russia-2025-12-19")
    assert [v.name for v in ukraine.variants] == ["line", "free-economic-zone"]
    line, zone = ukraine.variant("line"), ukraine.variant("free-economic-zone")
    key = "territory/donetsk/ukrainian-held/control"
    assert relation(line, russia, key) is Relation.CONFLICT  # Ukraine stays vs neither army
    stance = zone.stances("strict")[key]
    assert stance.constraint is None
    assert relate(stance.under_terms, russia.constraint(key)) is Relation.SAME
    # the zone's requirements: a mutual pull-back and a referendum, on which Russia is silent
    (term,) = stance.terms
    assert term_state(term.condition, russia, "strict") == "open"
    # who runs the zone is the dispute: Ukrainian administration vs Russian police
    admin = "territory/donetsk/ukrainian-held/administration"
    assert relation(zone, russia, admin) is Relation.CONFLICT
    assert ukraine.constraint("settlement/referendum") == of("settlement/referendum", "required")
    assert ukraine.constraint("hostilities/ceasefire-days") == between(
        "hostilities/ceasefire-days", 60, None
    )


def test_russia_replies_demand_donbas_and_are_read_two_ways_beyond_it() -> None:
    # §7 "Where readers disagreed (Putin, 19 Dec)": at least all of Donbas; maximal claim all
    # four regions (AP, ISW, Newser) vs Donbas for a freeze (Epoch Times)
    russia = load("russia-2025-12-19")
    for area in leaves("luhansk", "donetsk"):
        held = russia.constraint(f"territory/{area}/control", "strict")
        assert held is not None
        assert "ukraine" not in held
    assert russia.constraint("territory/zaporizhzhia/ukrainian-held/control", "strict") is None
    contested = russia.stances("broad")["territory/kherson/ukrainian-held/control"]
    verdicts = {r.reader: r.constraint for r in contested.contested}
    key = "territory/kherson/ukrainian-held/control"
    assert verdicts["The Epoch Times"] == of(key, "ukraine")
    assert verdicts["AP"] == of(key, "russia", "demilitarised")
    assert set(russia.contested("broad")) == {
        "territory/zaporizhzhia/ukrainian-held/control",
        "territory/kherson/ukrainian-held/control",
    }
    # no ceasefire before the withdrawal (Ushakov, 12 Dec); peace, not a ceasefire (Peskov)
    s = russia.constraints("strict")
    assert s["sequence/ceasefire"] == of("sequence/ceasefire", "after-preconditions")
    assert s["hostilities"] == of("hostilities", "end-of-war")
    assert s["territory/donetsk/ukrainian-held/administration"] == of(
        "territory/donetsk/ukrainian-held/administration", "russia"
    )


# -- Europe and the coalition of the willing (§4a, §4e, §4f, §5) ---------------------------


def test_coalition_force_after_a_ceasefire_conflicts_with_russia() -> None:
    # §5 items 2, 4, 6 against §4e (Lavrov; Putin 5 Sep) and §3d (memorandum section I.2)
    key = "alignment/foreign-forces/european"
    for coalition in ("coalition-2025-03-27", "coalition-2025-09-04", "coalition-2025-12-15"):
        assert load(coalition).constraint(key) == of(key, "post-ceasefire"), coalition
        for russia in ("russia-2025-06-02", "russia-2025-08-15", "russia-2025-08-20"):
            assert relation(load(coalition), load(russia), key) is Relation.CONFLICT


def test_berlin_800000_a_floor_explicitly_a_cap_in_one_reading() -> None:
    # §5 item 6 and §9: "should remain at a peacetime level of 800,000"
    berlin, us = load("coalition-2025-12-15"), load("us-2025-11-20")
    key = "military/army-cap/peacetime"
    strict = berlin.constraint(key, "strict")
    assert strict is not None
    assert 800_000 in strict
    assert 799_999 not in strict
    assert strict == between(key, 800_000, None)  # "or no cap" included
    assert berlin.constraint(key, "broad") == between(key, 800_000, 800_000)
    f = compare(berlin, us).finding(key, reading="strict")
    assert f.relation is Relation.CONFLICT
    assert "200,000 troops" in f.explanation


def test_european_statements_refuse_legal_recognition_not_de_facto_lines() -> None:
    # "borders not changed by force" with the line of contact as the starting point (§4a, §5)
    us_plan, memorandum = load("us-2025-11-20"), load("russia-2025-06-02")
    for id in (
        "europe-2025-08-09",
        "europe-2025-08-16",
        "ukraine-europe-2025-10-21",
        "coalition-2025-12-15",
        "ukraine-2025-12-14",
    ):
        europe = load(id)
        key = "territory/crimea/recognition"
        assert europe.constraint(key, "strict") == of(
            key, "unchanged", "deferred", "de-facto-partial", "de-facto"
        ), id
        assert relation(europe, us_plan, key).group == "overlap", id  # de facto, in the plan
        assert relation(europe, memorandum, key) is Relation.CONFLICT, id  # de jure
    assert load("ukraine-europe-2025-10-21").constraint("economy/frozen-assets") == of(
        "economy/frozen-assets", "ukraine-support"
    )


def test_europe_before_anchorage_wants_reduced_fighting_before_talks() -> None:
    europe = load("europe-2025-08-09")
    assert europe.constraint("sequence/talks") == of("sequence/talks", "after-preconditions")
    assert europe.constraint("territory/talks-basis") == of(
        "territory/talks-basis", "line-of-contact"
    )


# -- the Zaporizhzhia plant across the texts (§9) ------------------------------------------


def test_zaporizhzhia_plant_control_across_the_2025_texts() -> None:
    key = "nuclear/zaporizhzhia-plant"
    expected = {
        "us-2025-04-17": ("us",),
        "ukraine-europe-2025-04-23": ("ukraine", "us-ukraine"),
        "ukraine-2025-12-14": ("us-ukraine",),
        "russia-2026-01-23": ("russia",),
    }
    for id, outcomes in expected.items():
        assert load(id).constraint(key) == of(key, *outcomes), id
    russia = load("russia-2026-01-23")
    for id in ("us-2025-04-17", "ukraine-europe-2025-04-23", "ukraine-2025-12-14"):
        assert relation(russia, load(id), key) is Relation.CONFLICT, id
    assert relation(load("us-2025-04-17"), load("ukraine-europe-2025-04-23"), key) is (
        Relation.CONFLICT
    )
    assert russia.confidence_level == "medium"


# -- confidence, lineage -------------------------------------------------------------------


def test_reported_and_anonymous_accounts_are_not_high_confidence() -> None:
    for id in ("russia-2025-08-15", "russia-2026-01-23", "russia-2025-12-19"):
        assert load(id).confidence_level == "medium", id
    for id in ("us-ukraine-2025-03-11", "russia-2025-06-02", "coalition-2025-12-15"):
        assert load(id).confidence_level == "high", id


def test_no_text_of_the_corpus_amends_another() -> None:
    # The sources describe no text as another with points changed or deleted (the European
    # counter-plan to the 28 points and the 20-point framework would be, but their texts are
    # not in the notes), so no position is based_on another.
    for p in corpus.load_all():
        if p.codebook.name != "russia-ukraine":
            continue
        assert p.based_on is None, p.id
        assert not p.amendments, p.id
