"""The second peace process, written only as data: the israel-hamas codebook and the Gaza
positions of 2024-2025.

Every Gaza position loads, validates and survives a round trip through both file formats; no
Python module of the library names this conflict; and the cross-document verdicts the sources
support come out of the engine: each pinned verdict is checked with ``peacepos.compare`` and in
the all-pairs relation matrix, under the strict reading where it must hold on explicit terms.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Literal

import pytest

import peacepos
from peacepos import Relation, compare, compare_many, corpus
from peacepos.analysis.many import relation_matrix
from peacepos.cli import main
from peacepos.conditions import MAX_QUOTE_WORDS, Basis, Condition, Stage
from peacepos.constraints import Constraint
from peacepos.io import dumps_codebook, loads_codebook
from peacepos.position import Position, Reading

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "peacepos"
CODEBOOK_FILE = PACKAGE / "corpus" / "codebooks" / "israel-hamas.toml"
POSITIONS = PACKAGE / "corpus" / "positions"
GAZA = peacepos.codebook("israel-hamas")

IDS = (
    "biden-2024-05-31",
    "unsc-2024-06-10",
    "hamas-2024-06-11",
    "hamas-2024-07-06",
    "israel-2024-09-04",
    "gaza-agreement-2025-01-16",
    "cairo-2025-03-04",
    "trump-2025-09-29",
    "israel-2025-09-29",
)
HAMAS_2024 = "hamas-2024-06-11"
HAMAS_JULY = "hamas-2024-07-06"
ISRAEL_2024 = "israel-2024-09-04"
ISRAEL_2025 = "israel-2025-09-29"
AGREEMENT = "gaza-agreement-2025-01-16"
CAIRO = "cairo-2025-03-04"
TRUMP = "trump-2025-09-29"
UNSC = "unsc-2024-06-10"
BIDEN = "biden-2024-05-31"

# Words that would leak the project's own files or notes into text readers of reports see.
PROJECT_WORDS = re.compile(
    r"gaza\.md|positions\.md|NOTES\.md|GAZA-NOTES|source notes|seed article|§|staging/|shared/"
)


def load(id: str) -> Position:
    return corpus.load(id)


def of(issue: str, *outcomes: str) -> Constraint:
    return Constraint.of(GAZA[issue], *outcomes)


def every_condition(p: Position) -> list[Condition]:
    out = []
    for c in (*p.all_conditions, *(c for v in p.variants for c in v.conditions)):
        out.append(c)
        out.extend(c.only_if)
    for a in p.amendments:
        out.extend(a.conditions)
    return out


# -- the codebook ---------------------------------------------------------------------------


def test_the_codebook_is_built_in_and_validates(capsys: pytest.CaptureFixture[str]) -> None:
    assert "israel-hamas" in corpus.codebooks()
    assert GAZA.lineage() == ("israel-hamas", "core")
    assert main(["codebook", "validate", str(CODEBOOK_FILE)]) == 0
    out = capsys.readouterr().out
    assert "ok (israel-hamas" in out
    assert main(["codebook", "list"]) == 0
    assert "israel-hamas" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_the_codebook_round_trips(fmt: str) -> None:
    text = dumps_codebook(GAZA, fmt)
    assert loads_codebook(text, fmt, resolve=corpus.BUILTIN) == GAZA


def test_the_codebook_keeps_core_keys_and_outcomes() -> None:
    core = peacepos.codebook("core")
    assert set(core.keys()) <= set(GAZA.keys())
    for issue in core.all_issues():
        assert getattr(GAZA[issue.key], "outcomes", None) == getattr(issue, "outcomes", None)
    # a title of its own for the core prisoners issue, never other outcomes
    assert GAZA["humanitarian/prisoners"].title != core["humanitarian/prisoners"].title
    assert GAZA.keys()[:3] == ("hostilities", "hostilities/permanence", "hostilities/resumption")


def test_withdrawal_zones_are_areas_and_a_complete_withdrawal_leaves_every_zone() -> None:
    zones = ("populated-areas", "netzarim", "philadelphi", "perimeter")
    assert GAZA.area_keys() == zones
    for zone in zones:
        assert GAZA[f"withdrawal/{zone}"].outcomes == ("withdrawn", "retained")  # type: ignore[union-attr]
    full = [
        i.then.issue
        for i in GAZA.all_implications()
        if i.when.issue == "withdrawal/extent" and i.when.outcomes == ("full",)
    ]
    assert sorted(full) == sorted(f"withdrawal/{z}" for z in zones)


def test_sequence_issues_are_marked_as_such() -> None:
    for key in ("sequence/hostages", "sequence/withdrawal", "sequence/ceasefire"):
        assert GAZA[key].sequence
    assert not GAZA["hostilities/permanence"].sequence


# -- loading, validation, round trips --------------------------------------------------------


def test_every_gaza_position_is_built_in_in_its_codebook() -> None:
    ids = corpus.ids()
    assert set(IDS) <= set(ids)
    assert [i for i in ids if i in IDS] == sorted(IDS, key=lambda i: (load(i).date, i))
    for id in IDS:
        assert load(id).codebook.name == "israel-hamas"
        assert load(id).codebook == GAZA


@pytest.mark.parametrize("id", IDS)
def test_validate_accepts_the_file(id: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(POSITIONS / f"{id}.toml")]) == 0
    assert f"ok ({id}," in capsys.readouterr().out


@pytest.mark.parametrize("id", IDS)
@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_round_trip_through_both_file_formats(id: str, fmt: str) -> None:
    p = load(id)
    back = peacepos.loads_position(peacepos.dumps_position(p, fmt), fmt, source=f"{id}.{fmt}")
    assert back == p
    for reading in ("strict", "broad"):
        assert back.stances(reading) == p.stances(reading)


def test_a_copy_of_a_file_validates_from_another_folder(tmp_path: Path) -> None:
    # the codebook and the texts a position amends or endorses are found by name
    for id in (HAMAS_JULY, ISRAEL_2025):
        target = tmp_path / f"copy-of-{id}.toml"
        shutil.copy(POSITIONS / f"{id}.toml", target)
        assert peacepos.read_position(target) == load(id)


# -- the rules on facts, quotes, readers and evidence ----------------------------------------


@pytest.mark.parametrize("id", IDS)
def test_evidence_follows_the_rules(id: str) -> None:
    p = load(id)
    assert p.confidence
    assert p.confidence_level in ("high", "medium", "low")
    assert p.urls
    assert p.coverage
    for cov in p.coverage:
        assert cov.encoded or cov.note, f"{id}: {cov.locator} left out without a reason"
    for c in every_condition(p):
        ev = c.evidence
        assert ev.locator
        assert len(ev.quote.split()) <= MAX_QUOTE_WORDS
        if ev.basis is Basis.IMPLIED:
            assert ev.readers
            assert ev.rationale
        else:
            assert not ev.readers


@pytest.mark.parametrize("id", IDS)
def test_no_project_file_names_in_any_data_field(id: str) -> None:
    p = load(id)
    texts = [p.title, p.notes, p.confidence, *p.actors]
    texts += [f"{cov.locator} {cov.note}" for cov in p.coverage]
    texts += [a.note for a in p.amendments]
    texts += [e.evidence.note + e.evidence.source + e.evidence.locator for e in p.endorsements]
    for c in every_condition(p):
        ev = c.evidence
        texts += [ev.locator, ev.quote, ev.rationale, ev.source, ev.note, *ev.readers]
    for text in texts:
        assert not PROJECT_WORDS.search(text), f"{id}: {text[:80]!r}"


def test_documents_that_bind_both_sides_name_both() -> None:
    assert load(AGREEMENT).actors == ("Israel", "Hamas")
    assert load(CAIRO).actors == ("Arab League", "Egypt")
    assert load(UNSC).actors == ("UN Security Council",)


def test_unverified_items_are_not_encoded() -> None:
    # the day-50 Philadelphi clause of the January agreement was not confirmed: the corridor
    # follows only from the complete withdrawal of phase 2, by the codebook's rule
    jan = load(AGREEMENT)
    assert not any(
        "withdrawal/philadelphi" in {x.issue.key for x in c.constraints(GAZA)}
        for c in jan.all_conditions
    )
    stance = jan.stances("strict")["withdrawal/philadelphi"]
    assert stance.constraint == of("withdrawal/philadelphi", "withdrawn")
    assert stance.derived
    # Hamas's April 2024 phase design and ratios rest on unnamed sources only
    hamas = load(HAMAS_2024)
    assert "prisoners/per-civilian-hostage" not in hamas.constraints("broad")
    assert "hostilities/first-phase-days" not in hamas.constraints("broad")
    # no provision on Hamas's arms in the Cairo plan
    assert load(CAIRO).constraint("gaza/disarmament") is None


# -- no Python for this conflict ---------------------------------------------------------------


def test_no_python_module_mentions_the_conflict() -> None:
    modules = sorted({*PACKAGE.glob("*.py"), *PACKAGE.glob("*/*.py")})
    assert len(modules) > 20  # the scan sees the library
    pattern = re.compile(r"gaza|israel|hamas", re.IGNORECASE)
    offenders = [
        f"{m.relative_to(ROOT)}:{n}"
        for m in modules
        for n, line in enumerate(m.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


# -- the pinned verdicts -----------------------------------------------------------------------

# (left, right, issue, relation, the reading in which it must hold at least)
PINNED = {
    "hamas-israel-2024-permanence":
        (HAMAS_2024, ISRAEL_2024, "hostilities/permanence", Relation.CONFLICT, "strict"),
    "hamas-israel-2024-philadelphi":
        (HAMAS_2024, ISRAEL_2024, "withdrawal/philadelphi", Relation.CONFLICT, "strict"),
    "hamas-israel-2024-withdrawal":
        (HAMAS_2024, ISRAEL_2024, "withdrawal/extent", Relation.CONFLICT, "strict"),
    "cairo-israel-2024-pa-route":
        (CAIRO, ISRAEL_2024, "gaza/governance/pa", Relation.CONFLICT, "strict"),
    "cairo-israel-2024-statehood":
        (CAIRO, ISRAEL_2024, "palestine/statehood", Relation.CONFLICT, "strict"),
    "trump-cairo-displacement":
        (TRUMP, CAIRO, "displacement", Relation.SAME, "strict"),
    "israel-2024-trump-disarmament":
        (ISRAEL_2024, TRUMP, "gaza/disarmament", Relation.SAME, "strict"),
    "israel-2025-trump-disarmament":
        (ISRAEL_2025, TRUMP, "gaza/disarmament", Relation.SAME, "strict"),
}  # fmt: skip
SIGNATURE = ("left", "right", "issue", "relation", "reading")


@pytest.mark.parametrize(
    SIGNATURE,
    [pytest.param(*v, id=k) for k, v in PINNED.items()],
)
def test_pinned_verdict_by_compare(
    left: str, right: str, issue: str, relation: Relation, reading: Reading
) -> None:
    a, b = load(left), load(right)
    found = compare(a, b, reading=reading).finding(issue)  # type: ignore[arg-type]
    assert found.relation is relation
    # it holds in the broad reading too, and seen from the other side
    assert compare(a, b, reading="broad").finding(issue).relation is relation
    assert compare(b, a, reading="broad").finding(issue).relation is relation.mirror
    assert found.common_ground is not None
    assert found.common_ground.is_empty() is (relation is Relation.CONFLICT)


@pytest.mark.parametrize(SIGNATURE, [pytest.param(*v, id=k) for k, v in PINNED.items()])
@pytest.mark.parametrize("matrix_reading", ["strict", "broad"])
def test_pinned_verdict_in_the_relation_matrix(
    left: str, right: str, issue: str, relation: Relation, reading: str, matrix_reading: Reading
) -> None:
    m = relation_matrix([load(left), load(right)], matrix_reading)
    assert m.relation(left, right, issue) is relation
    assert m.relation(right, left, issue) is relation.mirror


def test_the_conflicts_are_the_texts_own_words() -> None:
    hamas, israel = load(HAMAS_2024), load(ISRAEL_2024)
    assert hamas.constraint("hostilities/permanence", "strict") == of(
        "hostilities/permanence", "permanent"
    )
    assert israel.constraint("hostilities/permanence", "strict") == of(
        "hostilities/permanence", "temporary", "phased"
    )
    assert israel.constraint("withdrawal/philadelphi", "strict") == of(
        "withdrawal/philadelphi", "retained"
    )
    cairo = load(CAIRO)
    assert cairo.constraint("gaza/governance/pa", "strict") == of("gaza/governance/pa", "returns")
    assert cairo.constraint("palestine/statehood", "strict") == of(
        "palestine/statehood", "committed"
    )
    assert load(TRUMP).constraint("displacement", "strict") == of(
        "displacement", "no-displacement"
    )


def test_the_pa_route_is_the_governance_conflict_not_the_committee() -> None:
    r = compare(load(CAIRO), load(ISRAEL_2024), reading="strict")
    # both want Palestinian technocrats to run Gaza day to day; they part on the PA's return
    assert r.finding("gaza/governance/transition").relation is Relation.SAME
    assert r.finding("gaza/governance/pa").relation is Relation.CONFLICT


@pytest.mark.parametrize("reading", ["strict", "broad"])
def test_disarmament_the_agreement_and_the_cairo_plan_are_silent(
    reading: Literal["strict", "broad"],
) -> None:
    jan, cairo = load(AGREEMENT), load(CAIRO)
    for p in (jan, cairo):
        assert p.constraint("gaza/disarmament", reading) is None
        assert "gaza/disarmament" not in p.stances(reading)  # not even a conditional term
    with pytest.raises(KeyError, match="no finding on 'gaza/disarmament'"):
        compare(jan, cairo, reading=reading).finding("gaza/disarmament")
    # silence is one-sided, never a conflict
    m = relation_matrix([jan, cairo, load(TRUMP), load(ISRAEL_2024)], reading)
    assert m.relation(AGREEMENT, CAIRO, "gaza/disarmament") is None
    for silent in (AGREEMENT, CAIRO):
        for speaking in (TRUMP, ISRAEL_2024):
            assert m.relation(silent, speaking, "gaza/disarmament") is Relation.ONLY_RIGHT
    many = compare_many(jan, cairo, load(TRUMP), load(ISRAEL_2024), reading=reading)
    agreement = many.agreement("gaza/disarmament")
    assert set(agreement.silent) == {AGREEMENT, CAIRO}
    assert not agreement.blocking


def test_hamas_offers_disarmament_only_as_a_conditional_term() -> None:
    hamas = load(HAMAS_2024)
    stance = hamas.stances("strict")["gaza/disarmament"]
    assert stance.constraint is None  # nothing unconditional
    assert stance.under_terms == of("gaza/disarmament", "disarmed")
    (term,) = stance.terms
    required = {x.issue.key: x for r in term.condition.only_if for x in r.constraints(GAZA)}
    assert required["palestine/statehood"] == of("palestine/statehood", "committed")
    assert required["palestine/state-borders"] == of("palestine/state-borders", "1967-lines")
    # so against Israel's unconditional demand it is one-sided, not an overlap or a conflict
    m = relation_matrix([hamas, load(ISRAEL_2024)], "broad")
    assert m.relation(HAMAS_2024, ISRAEL_2024, "gaza/disarmament") is Relation.ONLY_RIGHT


def test_israel_2024_ends_the_war_only_on_its_terms() -> None:
    israel = load(ISRAEL_2024)
    stance = israel.stances("strict")["hostilities"]
    assert stance.constraint is None
    assert stance.under_terms == of("hostilities", "end-of-war")
    (term,) = stance.terms
    kinds = sorted(r.kind for r in term.condition.only_if)
    assert kinds == ["disarmament", "hamas-role", "hostage-release"]


# -- readers, lineage, endorsement, sequence ---------------------------------------------------


@pytest.mark.parametrize("id", [UNSC, AGREEMENT])
def test_the_right_to_resume_is_contested_between_the_parties_readings(id: str) -> None:
    p = load(id)
    assert "hostilities/resumption" in p.contested("broad")
    assert p.contested("strict") == ()
    stance = p.stances("broad")["hostilities/resumption"]
    by_reader = {r.reader: r.constraint for r in stance.contested}
    israel = by_reader["Israeli Prime Minister's Office"]
    hamas = by_reader["Hamas"]
    assert "if-talks-fail" in israel
    assert hamas == of("hostilities/resumption", "on-breach", "barred")
    assert israel.is_disjoint(hamas)


def test_biden_read_by_the_prime_ministers_office_alone_is_not_contested() -> None:
    biden = load(BIDEN)
    assert biden.contested("broad") == ()
    assert biden.constraint("hostilities/resumption", "strict") == of(
        "hostilities/resumption", "if-talks-fail", "on-breach"
    )
    assert biden.constraint("hostilities/resumption", "broad") == of(
        "hostilities/resumption", "if-talks-fail"
    )


def test_hamas_july_amends_june_on_permanence_and_sequence() -> None:
    june, july = load(HAMAS_2024), load(HAMAS_JULY)
    assert july.based_on == june
    ch = {c.issue: c.kind for c in peacepos.changes(june, july, reading="strict")}
    assert ch["hostilities/permanence"] is peacepos.ChangeKind.SOFTENED
    assert ch["sequence/hostages"] is peacepos.ChangeKind.SOFTENED
    assert ch["sequence/ceasefire"] is peacepos.ChangeKind.DROPPED  # no upfront precondition
    assert ch["gaza/hamas-role"] is peacepos.ChangeKind.UNCHANGED  # carried over
    # after the shift, permanence overlaps with Israel's 2024 stance; resumption conflicts
    m = relation_matrix([july, load(ISRAEL_2024)], "strict")
    assert m.relation(HAMAS_JULY, ISRAEL_2024, "hostilities/permanence") is Relation.OVERLAP
    assert m.relation(HAMAS_JULY, ISRAEL_2024, "hostilities/resumption") is Relation.CONFLICT


def test_israel_2025_takes_the_plan_over_by_endorsement() -> None:
    israel, plan = load(ISRAEL_2025), load(TRUMP)
    assert [e.position.id for e in israel.endorsements] == [TRUMP]
    assert all(c.basis is Basis.IMPLIED for c in israel.endorsed_conditions)
    # what Netanyahu said himself holds strictly; the plan's terms only in the broad reading
    assert israel.constraint("gaza/governance/oversight", "strict") is None
    assert israel.constraint("gaza/governance/oversight", "broad") == plan.constraint(
        "gaza/governance/oversight"
    )
    assert israel.constraint("palestine/statehood", "strict") == of(
        "palestine/statehood", "conditional-pathway", "no-state"
    )
    assert israel.constraint("palestine/statehood", "broad") == of(
        "palestine/statehood", "conditional-pathway"
    )


def test_sequence_clashes() -> None:
    m = relation_matrix([load(HAMAS_2024), load(ISRAEL_2024), load(UNSC)], "strict")
    # hostages first (Israel 2024) against the end of the war first (Hamas, June 2024)
    assert m.relation(HAMAS_2024, ISRAEL_2024, "sequence/hostages") is Relation.CONFLICT
    # an upfront permanent ceasefire against implementation "without condition"
    assert m.relation(HAMAS_2024, UNSC, "sequence/ceasefire") is Relation.CONFLICT
    stage = [
        c for c in load(HAMAS_2024).all_conditions if c.stage is Stage.PRECONDITION_FOR_CEASEFIRE
    ]
    assert [c.kind for c in stage] == ["permanent-ceasefire"]


def test_all_positions_compare_at_once() -> None:
    positions = [load(i) for i in IDS]
    many = compare_many(*positions, reading="broad")
    assert [p.id for p in many.positions] == sorted(IDS, key=lambda i: (load(i).date, i))
    blocking = {a.issue for a in many.blocking}
    assert {"hostilities/permanence", "withdrawal/philadelphi", "gaza/governance/pa"} <= blocking
    assert "displacement" not in blocking
    assert many.common_ground["displacement"] == of("displacement", "no-displacement")
