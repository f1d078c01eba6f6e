"""The built-in corpus: real positions on the Russia-Ukraine war, 2022-2026.

Every position loads, survives a round trip through both file formats and renders in every
report format; every condition carries evidence without project notes, and its quotes are the
document's own words as the source notes give them. The twelve positions of 2022-2025 say what
their sources say: the EXPLICIT stances under the strict reading, the IMPLIED ones only under
the broad one and only with their readers, and silence where the sources are silent. Each
correction of the second-edition review is pinned here with the section of
``shared/sources/positions.md`` it rests on. The 2025-2026 documents have their own file,
``tests/test_corpus_2025.py``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

import peacepos
from peacepos import (
    ChangeKind,
    Relation,
    changes,
    compare,
    compare_many,
    corpus,
    dumps_position,
    loads_position,
)
from peacepos.conditions import MAX_QUOTE_WORDS, Basis, Condition, Declared, Stage
from peacepos.constraints import Constraint, IntervalSet
from peacepos.position import Position
from peacepos.report import FORMATS, render

RU = peacepos.codebook("russia-ukraine")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SOURCES = ("positions.md", "positions-2025.md")

IDS_2022_2025 = (
    "ukraine-2022-03-29",
    "russia-2022-04-15",
    "ukraine-2022-04-15",
    "ukraine-2022-11-15",
    "china-2023-02-24",
    "russia-2023-02-24",
    "belarus-2023-03-01",
    "africa-2023-06-17",
    "china-brazil-2024-05-23",
    "russia-2024-06-14",
    "peace-summit-2024-06-16",
    "us-2025-11-20",
)
IDS_2025_2026 = (
    "us-ukraine-2025-03-11",
    "russia-2025-03-13",
    "us-russia-2025-03-18",
    "black-sea-2025-03-25",
    "coalition-2025-03-27",
    "us-2025-04-17",
    "ukraine-europe-2025-04-23",
    "coalition-2025-05-10",
    "ukraine-2025-05-28",
    "russia-2025-06-02",
    "europe-2025-08-09",
    "russia-2025-08-15",
    "europe-2025-08-16",
    "russia-2025-08-20",
    "coalition-2025-09-04",
    "ukraine-europe-2025-10-21",
    "ukraine-2025-12-14",
    "coalition-2025-12-15",
    "russia-2025-12-19",
    "russia-2026-01-23",
)
IDS = tuple(sorted(IDS_2022_2025 + IDS_2025_2026, key=lambda i: (i[-10:], i)))
FIVE = ("crimea", "luhansk", "donetsk", "zaporizhzhia", "kherson")


def load(id: str) -> Position:
    return corpus.load(id)


def of(issue: str, *outcomes: str) -> Constraint:
    return Constraint.of(RU[issue], *outcomes)


def between(issue: str, low: int | None, high: int | None) -> Constraint:
    return Constraint.between(RU[issue], low, high)


def leaves(*areas: str) -> tuple[str, ...]:
    """The codebook's leaf areas of the named areas (an area with parts: its parts)."""
    return tuple(leaf.key for a in areas for leaf in RU.area(a).leaves())


def every_condition(p: Position) -> list[Condition]:
    """A position's own conditions, those of its variants, and every requirement of them."""
    found = list(p.conditions) + [c for v in p.variants for c in v.conditions]
    found += [c for a in p.amendments for c in a.conditions]
    return found + [r for c in found for r in c.only_if]


# -- loading, validation, rendering -------------------------------------------------------


def test_every_documented_id_is_built_in_in_date_order() -> None:
    ids = corpus.ids()
    assert len(ids) >= 22
    assert set(IDS) <= set(ids)
    ours = [i for i in ids if i in IDS]
    assert ours == list(IDS)  # sorted by date, then id


@pytest.mark.parametrize("id", IDS)
@pytest.mark.parametrize("format", ["toml", "json"])
def test_round_trip_through_both_file_formats(id: str, format: str) -> None:
    p = load(id)
    text = dumps_position(p, format)
    back = loads_position(text, format, source=f"{id}.{format}")
    assert back == p
    assert back.all_conditions == p.all_conditions
    assert back.variants == p.variants
    assert dumps_position(back, format) == text
    # evidence takes no part in equality: compare it separately
    assert [c.evidence for c in every_condition(back)] == [c.evidence for c in every_condition(p)]
    assert [e.evidence for e in back.endorsements] == [e.evidence for e in p.endorsements]


@pytest.mark.parametrize("id", IDS)
@pytest.mark.parametrize("format", FORMATS)
def test_renders_in_every_report_format(id: str, format: str) -> None:
    p = load(id)
    text = render(p, format)
    if format == "json":
        assert json.loads(text)["position"]["id"] == id
    elif format == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert len(rows) == 1 + len(p.all_conditions)
    else:
        assert id in text


@pytest.mark.parametrize("id", IDS)
def test_every_condition_has_evidence(id: str) -> None:
    p = load(id)
    evidence = [c.evidence for c in every_condition(p)] + [e.evidence for e in p.endorsements]
    for ev in evidence:
        assert ev.document.strip()
        assert ev.locator.strip()
        assert len(ev.quote.split()) <= MAX_QUOTE_WORDS
        if ev.basis is Basis.IMPLIED:
            assert ev.rationale.strip(), ev
            assert ev.readers, ev
    for c in every_condition(p):
        assert c.evidence.document == p.document == id


@pytest.mark.parametrize("id", IDS)
def test_sources_confidence_and_coverage_are_recorded(id: str) -> None:
    p = load(id)
    assert p.urls
    assert all(u.startswith(("http://", "https://")) for u in p.urls)
    assert p.confidence.strip()
    assert p.confidence_level in ("high", "medium", "low")
    assert p.coverage
    locators = [c.locator for c in p.coverage]
    assert len(set(locators)) == len(locators)
    for entry in p.coverage:
        if not entry.encoded:
            assert entry.note.strip(), f"{id} {entry.locator}: say why it was not encoded"


# Correction 12 (and SPEC "Principles"): evidence is read by users of reports; no field of a
# data file names the project's own files or notes.
PROJECT_NOTES = re.compile(
    r"positions(-2025)?\.md|gaza\.md|NOTES\.md|VOCABULARY|seed article|source notes|"
    r"the notes|\bseed\b|§",
    re.IGNORECASE,
)


@pytest.mark.parametrize("id", IDS)
def test_no_field_carries_project_notes(id: str) -> None:
    p = load(id)
    texts = [p.title, p.notes, p.confidence, *p.actors]
    texts += [c.note for c in p.coverage] + [v.title for v in p.variants]
    for ev in [c.evidence for c in every_condition(p)] + [e.evidence for e in p.endorsements]:
        texts += [ev.locator, ev.quote, ev.rationale, ev.source, ev.note, *ev.readers]
    for text in texts:
        assert not PROJECT_NOTES.search(text), f"{id}: {text!r}"


def _quoted_spans() -> list[str]:
    texts = [(SHARED / "sources" / name).read_text(encoding="utf-8") for name in SOURCES]
    texts += [f.read_text(encoding="utf-8") for f in sorted((SHARED / "seeds").glob("*"))]
    spans: list[str] = []
    for text in texts:
        text = re.sub(r"\s*\n\s*", " ", text)  # quotes that run over a line break
        spans += re.findall(r'"([^"]+)"', text)
        spans += re.findall(r"“([^”]+)”", text)
    return spans


@pytest.mark.skipif(
    not all((SHARED / "sources" / n).exists() for n in SOURCES),
    reason="source notes not available",
)
def test_quotes_are_copied_from_quoted_source_text() -> None:
    spans = _quoted_spans()
    for id in IDS:
        p = load(id)
        evidence = [c.evidence for c in every_condition(p)] + [e.evidence for e in p.endorsements]
        for ev in evidence:
            if ev.quote:
                assert any(ev.quote in s for s in spans), f"{id} {ev.locator}: {ev.quote!r}"


def test_every_kind_the_corpus_uses_is_declared_or_typed() -> None:
    for p in corpus.load_all():
        used = {c.kind for c in every_condition(p)}
        assert used <= set(peacepos.kinds.names(p.codebook)), p.id
    # the field-less kinds of the first edition are declarations now, not Python classes
    assert {"un-charter", "nato-non-membership", "grain-exports"} <= set(RU.kind_names())


# -- what each document says: EXPLICIT stances under the strict reading --------------------

EXPLICIT: dict[str, dict[str, Constraint]] = {
    "ukraine-2022-03-29": {
        "hostilities": of("hostilities", "full-ceasefire", "end-of-war"),
        "talks": of("talks", "direct"),
        "alignment/blocs": of("alignment/blocs", "non-bloc"),
        "alignment/eu": of("alignment/eu", "member", "candidate"),
        "alignment/foreign-forces/nato": of("alignment/foreign-forces/nato", "excluded"),
        "alignment/foreign-forces/bilateral": of("alignment/foreign-forces/bilateral", "excluded"),
        "alignment/nuclear-status": of("alignment/nuclear-status", "non-nuclear"),
        "alignment/guarantees/strength": of("alignment/guarantees/strength", "article-5-like"),
        "alignment/guarantees/trigger": of("alignment/guarantees/trigger", "automatic"),
        "alignment/guarantors/us": of("alignment/guarantors/us", "guarantor"),
        "alignment/guarantors/russia": of("alignment/guarantors/russia", "guarantor"),
        "security/non-aggression": of("security/non-aggression", "agreed"),
        "settlement/referendum": of("settlement/referendum", "required"),
        "territory/crimea/recognition": of("territory/crimea/recognition", "deferred"),
        "territory/luhansk/recognition": of("territory/luhansk/recognition", "deferred"),
        "territory/donetsk/russian-held/recognition": of(
            "territory/donetsk/russian-held/recognition", "deferred"
        ),
        "military/pull-back": of("military/pull-back", "russian-forces"),
    },
    "russia-2022-04-15": {
        "talks": of("talks", "direct"),
        "alignment/nato": of("alignment/nato", "constitutional-ban"),
        "alignment/blocs": of("alignment/blocs", "non-bloc"),
        "alignment/foreign-forces/un": of("alignment/foreign-forces/un", "excluded"),
        "alignment/nuclear-status": of("alignment/nuclear-status", "non-nuclear"),
        "alignment/guarantees/strength": of("alignment/guarantees/strength", "article-5-like"),
        "alignment/guarantees/trigger": of("alignment/guarantees/trigger", "consensus"),
        "alignment/guarantors/china": of("alignment/guarantors/china", "guarantor"),
        "alignment/eu": of("alignment/eu", "member", "candidate"),
        "territory/crimea/recognition": of("territory/crimea/recognition", "deferred"),
        "sanctions/on-russia": of("sanctions/on-russia", "lifted"),
        "sanctions/between-parties": of("sanctions/between-parties", "lifted"),
        "accountability/legal-claims": of("accountability/legal-claims", "dropped"),
        "military/army-cap/peacetime": between("military/army-cap/peacetime", None, 85_000),
        "military/tanks-cap": between("military/tanks-cap", None, 342),
        "military/artillery-cap": between("military/artillery-cap", None, 519),
        "military/missile-range": between("military/missile-range", None, 40),
        "minorities/russian-official-language": of(
            "minorities/russian-official-language", "official"
        ),
        "politics/ideology-ban": of("politics/ideology-ban", "required"),
    },
    "ukraine-2022-04-15": {
        "talks": of("talks", "direct"),
        "alignment/nato": of("alignment/nato", "constitutional-ban"),
        "alignment/foreign-forces/european": of("alignment/foreign-forces/european", "excluded"),
        "alignment/guarantees/trigger": of("alignment/guarantees/trigger", "automatic"),
        "alignment/guarantors/russia": of("alignment/guarantors/russia", "guarantor"),
        "territory/crimea/recognition": of("territory/crimea/recognition", "deferred"),
        "sanctions/on-russia": of("sanctions/on-russia", "maintained"),
        "sanctions/between-parties": of("sanctions/between-parties", "maintained"),
        "accountability/legal-claims": of("accountability/legal-claims", "pursued"),
        "military/army-cap/peacetime": between("military/army-cap/peacetime", 250_000, None),
        "military/tanks-cap": between("military/tanks-cap", 800, None),
        "military/artillery-cap": between("military/artillery-cap", 1_900, None),
        "minorities/russian-official-language": of(
            "minorities/russian-official-language", "not-official"
        ),
    },
    "ukraine-2022-11-15": {
        "hostilities": of("hostilities", "end-of-war"),
        "talks": of("talks", "mediated", "direct"),
        "alignment/guarantees": of("alignment/guarantees", "guaranteed"),
        **{
            f"territory/{a}/control": of(f"territory/{a}/control", "ukraine")
            for a in leaves(*FIVE)
        },
        **{
            f"territory/{a}/recognition": of(f"territory/{a}/recognition", "unchanged")
            for a in leaves(*FIVE, "other-occupied")
        },
        "sanctions/on-russia": of("sanctions/on-russia", "tightened", "maintained"),
        "humanitarian/prisoners": of("humanitarian/prisoners", "all-for-all"),
        "humanitarian/deportees": of("humanitarian/deportees", "returned"),
        "nuclear/plant-safety": of("nuclear/plant-safety", "protected"),
        "nuclear/zaporizhzhia-plant": of(
            "nuclear/zaporizhzhia-plant", "ukraine", "us", "us-ukraine"
        ),
        "nuclear/iaea-supervision": of("nuclear/iaea-supervision", "supervised"),
        "nuclear/weapons-use": of("nuclear/weapons-use", "renounced"),
        "economy/grain-exports": of("economy/grain-exports", "unobstructed"),
        "economy/critical-infrastructure": of("economy/critical-infrastructure", "protected"),
        "environment": of("environment", "protected"),
        "reconstruction": of("reconstruction", "supported"),
        "accountability/legal-claims": of("accountability/legal-claims", "pursued"),
        "accountability/compensation": of("accountability/compensation", "paid"),
        "military/pull-back": of("military/pull-back", "russian-forces"),
    },
    "china-2023-02-24": {
        "hostilities": of("hostilities", "full-ceasefire", "end-of-war"),
        "talks": of("talks", "direct"),
        "security/indivisible": of("security/indivisible", "upheld"),
        "principles/un-charter": of("principles/un-charter", "observed"),
        "sanctions/unilateral": of("sanctions/unilateral", "rejected"),
        "humanitarian/prisoners": of("humanitarian/prisoners", "all-for-all", "partial-exchange"),
        "nuclear/plant-safety": of("nuclear/plant-safety", "protected"),
        "economy/supply-chains": of("economy/supply-chains", "protected"),
    },
    "russia-2023-02-24": {
        "hostilities": of("hostilities", "end-of-war"),
        "arms-deliveries": of("arms-deliveries", "halt"),
        "alignment/blocs": of("alignment/blocs", "non-bloc"),
        **{
            f"territory/{a}/recognition": of(f"territory/{a}/recognition", "de-jure")
            for a in leaves(*FIVE)
        },
        "sanctions/on-russia": of("sanctions/on-russia", "lifted"),
        "military/limits": of("military/limits", "demilitarised"),
        "minorities/language": of("minorities/language", "protected"),
        "politics/denazification": of("politics/denazification", "required"),
    },
    "belarus-2023-03-01": {
        "hostilities": of("hostilities", "partial-ceasefire", "full-ceasefire", "end-of-war"),
        "sanctions/unilateral": of("sanctions/unilateral", "rejected"),
    },
    "africa-2023-06-17": {
        "hostilities": of("hostilities", "end-of-war"),
        "talks": of("talks", "mediated", "direct"),
        "principles/un-charter": of("principles/un-charter", "observed"),
        "security/indivisible": of("security/indivisible", "upheld"),
        "economy/grain-exports": of("economy/grain-exports", "unobstructed"),
        "economy/black-sea": of("economy/black-sea", "safe-navigation"),
        "humanitarian/corridors": of("humanitarian/corridors", "open"),
        "humanitarian/prisoners": of("humanitarian/prisoners", "all-for-all", "partial-exchange"),
        "humanitarian/deportees": of("humanitarian/deportees", "returned"),
        "reconstruction": of("reconstruction", "supported"),
    },
    "china-brazil-2024-05-23": {
        "hostilities": of("hostilities", "full-ceasefire", "end-of-war"),
        "talks": of("talks", "direct"),
        "talks/participation": of("talks/participation", "all-parties"),
        "humanitarian/civilians": of("humanitarian/civilians", "protected"),
        "nuclear/weapons-use": of("nuclear/weapons-use", "renounced"),
        "economy/critical-infrastructure": of("economy/critical-infrastructure", "protected"),
    },
    "russia-2024-06-14": {
        "hostilities": of("hostilities", "end-of-war"),
        "sequence/talks": of("sequence/talks", "after-preconditions"),
        "sequence/ceasefire": of("sequence/ceasefire", "after-preconditions"),
        "alignment/blocs": of("alignment/blocs", "non-bloc"),
        "alignment/nuclear-status": of("alignment/nuclear-status", "non-nuclear"),
        **{
            f"territory/{a}/recognition": of(f"territory/{a}/recognition", "de-jure")
            for a in leaves(*FIVE)
        },
        **{
            f"territory/{a}/control": of(f"territory/{a}/control", "russia", "demilitarised")
            for a in leaves("luhansk", "donetsk", "zaporizhzhia", "kherson")
        },
        "sanctions/on-russia": of("sanctions/on-russia", "lifted"),
        "military/limits": of("military/limits", "demilitarised"),
        "military/pull-back": of("military/pull-back", "ukrainian-forces"),
        "minorities/language": of("minorities/language", "protected"),
        "politics/denazification": of("politics/denazification", "required"),
    },
    "peace-summit-2024-06-16": {
        "talks": of("talks", "mediated", "direct"),
        "principles/un-charter": of("principles/un-charter", "observed"),
        **{
            f"territory/{a}/control": of(f"territory/{a}/control", "ukraine")
            for a in leaves(*FIVE, "other-occupied")
        },
        "nuclear/zaporizhzhia-plant": of("nuclear/zaporizhzhia-plant", "ukraine"),
        "nuclear/iaea-supervision": of("nuclear/iaea-supervision", "supervised"),
        "economy/black-sea": of("economy/black-sea", "safe-navigation"),
        "humanitarian/prisoners": of("humanitarian/prisoners", "all-for-all"),
        "humanitarian/detainees": of("humanitarian/detainees", "released"),
        "humanitarian/deportees": of("humanitarian/deportees", "returned"),
    },
    "us-2025-11-20": {
        "hostilities": of("hostilities", "full-ceasefire", "end-of-war"),
        "sequence/ceasefire": of("sequence/ceasefire", "after-preconditions"),
        "alignment/nato": of("alignment/nato", "constitutional-ban"),
        "alignment/nato-enlargement": of("alignment/nato-enlargement", "halted"),
        "alignment/foreign-forces/nato": of("alignment/foreign-forces/nato", "excluded"),
        "alignment/guarantors/us": of("alignment/guarantors/us", "guarantor"),
        "security/non-aggression": of("security/non-aggression", "agreed"),
        "sanctions/on-russia": of("sanctions/on-russia", "lifted-in-stages"),
        "sanctions/snapback": of("sanctions/snapback", "agreed"),
        "economy/frozen-assets": of(
            "economy/frozen-assets", "reconstruction", "investment-vehicle"
        ),
        "economy/dnipro": of("economy/dnipro", "free-navigation"),
        "humanitarian/detainees": of("humanitarian/detainees", "released"),
        "accountability/legal-claims": of("accountability/legal-claims", "dropped"),
        "accountability/amnesty": of("accountability/amnesty", "granted"),
        "military/army-cap/peacetime": between("military/army-cap/peacetime", 600_000, 600_000),
        "military/pull-back": of("military/pull-back", "both-sides"),
        "elections": of("elections", "held"),
    },
}


@pytest.mark.parametrize(
    ("id", "issue"), [(i, k) for i, stances in EXPLICIT.items() for k in stances]
)
def test_explicit_stances_hold_under_the_strict_reading(id: str, issue: str) -> None:
    strict = load(id).constraints("strict")
    assert issue in strict, f"{id} is silent on {issue} under the strict reading"
    assert strict[issue] == EXPLICIT[id][issue]


# Stances the sources record only as IMPLIED: absent under the strict reading, present under
# the broad one, with the outcome the readers' reading gives, and the readers named.
IMPLIED_ONLY = {
    ("ukraine-2022-11-15", "alignment/nato"): (of("alignment/nato", "member"), {"the analyst"}),
    ("china-2023-02-24", "arms-deliveries"): (of("arms-deliveries", "halt"), {"the analyst"}),
    ("china-2023-02-24", "alignment/nato"): (
        of("alignment/nato", "not-member", "treaty-ban", "constitutional-ban"),
        {"diplomats"},
    ),
    ("china-2023-02-24", "sanctions/on-russia"): (
        of("sanctions/on-russia", "lifted"),
        {"Russian Foreign Ministry"},
    ),
    # §1 mapping: "no preconditions stated" is the analyst's inference (correction 1)
    ("china-2023-02-24", "sequence/talks"): (
        of("sequence/talks", "without-preconditions"),
        {"the analyst"},
    ),
    ("peace-summit-2024-06-16", "talks/participation"): (
        of("talks/participation", "all-parties"),
        {"the analyst"},
    ),
    # §7a point 8: withdrawal to the lines of 23 February 2022 (correction 9)
    ("ukraine-2022-03-29", "territory/kherson/russian-held/control"): (
        of("territory/kherson/russian-held/control", "ukraine"),
        {"the analyst"},
    ),
    ("ukraine-2022-03-29", "territory/donetsk/ukrainian-held/control"): (
        of("territory/donetsk/ukrainian-held/control", "ukraine"),
        {"the analyst"},
    ),
    ("us-2025-11-20", "elections/days-after-signing"): (
        between("elections/days-after-signing", None, 100),
        {"the analyst"},
    ),
}


@pytest.mark.parametrize(("id", "issue"), sorted(IMPLIED_ONLY))
def test_implied_stances_appear_only_under_the_broad_reading(id: str, issue: str) -> None:
    p = load(id)
    expected, readers = IMPLIED_ONLY[(id, issue)]
    assert p.constraint(issue, "strict") is None
    assert p.constraint(issue, "broad") == expected
    behind = p.conditions_on(issue, "broad")
    assert behind
    assert all(c.basis is Basis.IMPLIED for c in behind)
    assert {r for c in behind for r in c.evidence.readers} == readers
    # a reading that names only those readers sees the stance too
    assert p.constraint(issue, readers) == expected


# Issues the sources mark SILENT for a document: no condition under either reading.
SILENT = {
    "peace-summit-2024-06-16": ("hostilities", "sanctions/on-russia", "alignment/nato"),
    "china-brazil-2024-05-23": (
        "territory/crimea/recognition",
        "territory/donetsk/russian-held/control",
        "sanctions/on-russia",
        "arms-deliveries",  # correction 6
    ),
    "russia-2024-06-14": ("arms-deliveries", "humanitarian/prisoners", "nuclear/plant-safety"),
    "africa-2023-06-17": (
        "arms-deliveries",
        "military/army-cap/peacetime",
        "elections",
        "alignment/guarantees",  # correction 4
        "sequence/talks",  # correction 4
        *(f"territory/{a}/{q}" for a in leaves(*FIVE) for q in ("control", "recognition")),
    ),
    "ukraine-2022-11-15": ("arms-deliveries", "military/army-cap/peacetime", "elections"),
    "russia-2023-02-24": ("humanitarian/prisoners", "nuclear/plant-safety", "elections"),
    "us-2025-11-20": (
        "nuclear/zaporizhzhia-plant",  # correction 8: the operator and control are not stated
        "nuclear/zaporizhzhia-operator",
        "nuclear/plant-safety",
        "military/missile-range",  # a long-range-missile ban: not in the texts seen
        "minorities/russian-official-language",  # TASS's claim: not in the texts seen
    ),
}


@pytest.mark.parametrize(("id", "issue"), [(i, k) for i, ks in SILENT.items() for k in ks])
def test_silent_issues_stay_silent(id: str, issue: str) -> None:
    p = load(id)
    assert p.constraint(issue, "broad") is None
    assert not p.conditions_on(issue, "broad")


def test_unverified_claims_are_not_encoded() -> None:
    us = load("us-2025-11-20").constraints("broad")
    assert 400_000 not in us["military/army-cap/peacetime"]  # a single AFP-based report
    assert 600_000 in us["military/army-cap/peacetime"]
    africa = load("africa-2023-06-17").constraints("broad")
    # the Reuters draft framework: sanctions relief, ICC warrant, Russian pull-back
    for issue in ("sanctions/on-russia", "accountability/legal-claims", "military/pull-back"):
        assert issue not in africa
    # Ukraine's 2022 missile-range limit; any ceasefire clause in the April 2022 draft
    assert "military/missile-range" not in load("ukraine-2022-04-15").constraints("broad")
    for id in ("russia-2022-04-15", "ukraine-2022-04-15"):
        assert "hostilities" not in load(id).constraints("broad")


def test_putin_2024_preconditions_are_staged_for_talks_and_ceasefire() -> None:
    p = load("russia-2024-06-14")
    stages = {(c.kind, c.stage) for c in p.conditions}
    for kind in ("troop-withdrawal", "nato-non-membership"):
        assert (kind, Stage.PRECONDITION_FOR_TALKS) in stages
        assert (kind, Stage.PRECONDITION_FOR_CEASEFIRE) in stages
    settlement = {c.kind for c in p.conditions if c.stage is Stage.SETTLEMENT}
    assert {"neutral-status", "territorial-recognition", "sanctions-relief"} <= settlement


def test_multi_actor_documents_name_every_actor() -> None:
    assert load("china-brazil-2024-05-23").actors == ("China", "Brazil")
    assert len(load("peace-summit-2024-06-16").actors) > 1


# -- the review's corrections, each pinned to its source section ---------------------------


def test_china_talks_direct_is_explicit_without_preconditions_is_implied() -> None:
    # Correction 1; positions.md §1 points 3-4 and mapping ("EXPLICIT (direct talks) /
    # IMPLIED (no preconditions)"): "no conditions are attached in the text".
    china = load("china-2023-02-24")
    assert china.constraint("talks", "strict") == of("talks", "direct")
    assert china.constraint("sequence/talks", "strict") is None
    assert china.constraint("sequence/talks", {"the analyst"}) == of(
        "sequence/talks", "without-preconditions"
    )
    explicit = [c for c in china.conditions_on("talks", "strict")]
    assert [c.kind for c in explicit] == ["direct-dialogue"]
    assert explicit[0].params() == (("timing", peacepos.kinds.Timing.AS_SOON_AS_POSSIBLE),)
    # the quote is the paper's own wording, not the press paraphrase
    quotes = {c.evidence.quote for c in china.conditions if c.evidence.quote}
    assert "resume direct dialogue as soon as possible" not in quotes
    assert explicit[0].evidence.quote == "the only viable solution"


def test_china_point_1_is_read_three_ways_by_named_readers() -> None:
    # Correction 2; positions.md §1 "Where readers disagreed": Sullivan, Blinken, Zelensky
    # read point 1 as requiring withdrawal; Russia's MFA welcomed it while insisting on the
    # "new territorial realities"; Yun Sun reads Chinese silence as tacit acceptance.
    china = load("china-2023-02-24")
    strict = china.stances("strict")
    assert not [k for k in strict if k.startswith("territory/")]  # the text is silent
    broad = china.stances("broad")
    for area in leaves(*FIVE):
        stance = broad[f"territory/{area}/recognition"]
        assert stance.constraint is None  # the text says nothing; the readers disagree
        verdicts = {r.reader: r.constraint for r in stance.contested}
        assert verdicts["US officials"] == of(f"territory/{area}/recognition", "unchanged")
        assert verdicts["Ukraine's president"] == verdicts["US officials"]
        assert verdicts["Russian Foreign Ministry"] == of(
            f"territory/{area}/recognition", "de-jure"
        )
    crimea = {r.reader: r.constraint for r in broad["territory/crimea/recognition"].contested}
    assert crimea["Yun Sun (Stimson Center)"] == of("territory/crimea/recognition", "de-facto")
    # each reader alone is consistent: one reading, one verdict, no contest
    for reader in ("US officials", "Russian Foreign Ministry", "Yun Sun (Stimson Center)"):
        assert not china.contested({reader})
    # withdrawal is only the first reading's: who holds the land is no other reader's question
    assert china.constraint("territory/crimea/control", {"US officials"}) == of(
        "territory/crimea/control", "ukraine"
    )
    assert china.constraint("territory/crimea/control", {"Russian Foreign Ministry"}) is None


def test_headline_territory_silent_strict_and_never_a_plain_conflict() -> None:
    # design.md, "The headline comparison": China silent under the strict reading; contested
    # between named readers under the broad one; never shown as a plain conflict.
    china, russia = load("china-2023-02-24"), load("russia-2023-02-24")
    result = compare(china, russia)
    territory = [f for f in result if f.issue.startswith("territory/")]
    assert territory
    assert not [f for f in territory if f.relation is Relation.CONFLICT]
    for area in leaves(*FIVE):
        key = f"territory/{area}/recognition"
        assert all(f.left is None for f in territory if f.issue == key)  # China states nothing
        assert russia.constraint(key, "strict") == of(key, "de-jure")
    assert set(china.contested("broad")) == {f"territory/{a}/recognition" for a in leaves(*FIVE)}


def test_headline_shows_territory_as_contested_under_the_broad_reading() -> None:
    # China's point 1 says nothing of territory; its readers disagree on what it implies, so
    # the broad reading shows each reader's verdict and no one reading as the text's.
    result = compare(load("china-2023-02-24"), load("russia-2023-02-24"))
    strict = result.finding("territory/crimea/recognition", reading="strict")
    assert strict.relation is Relation.ONLY_RIGHT  # the text itself: silence
    f = result.finding("territory/crimea/recognition", reading="broad")
    assert (f.reading, f.reading_dependent, f.relation) == ("broad", True, Relation.CONTESTED)
    assert f.left is None  # no reader's inference stands for the text
    verdicts = {v.left_reader: v.relation for v in f.contested}
    assert verdicts["Russian Foreign Ministry"] is Relation.SAME
    assert {verdicts[r] for r in verdicts if r != "Russian Foreign Ministry"} == {
        Relation.CONFLICT
    }
    assert len(verdicts) >= 3


def test_russia_2023_regions_are_a_gloss_and_the_strict_headline_stands() -> None:
    # Correction 3; positions.md §2 mapping: "EXPLICIT (phrase) / IMPLIED (which regions)":
    # Reuters names Crimea and the four regions; the German press gloss is quoted as such.
    russia = load("russia-2023-02-24")
    (recognition,) = [c for c in russia.conditions if c.kind == "territorial-recognition"]
    assert recognition.basis is Basis.EXPLICIT
    assert recognition.evidence.quote == "new territorial realities"
    assert "Reuters" in recognition.evidence.note + recognition.evidence.source
    assert "German press report" in recognition.evidence.note
    assert "gloss" in recognition.evidence.note
    for area in leaves(*FIVE):
        key = f"territory/{area}/recognition"
        assert russia.constraint(key, "strict") == of(key, "de-jure")


def test_african_mission_no_territory_no_preconditions_indivisible_security() -> None:
    # Correction 4; positions.md §8 points 2, 4, 5 and mapping: territory "EXPLICIT principle /
    # SILENT application"; negotiations "urgently"; guarantees "for all countries".
    africa = load("africa-2023-06-17")
    assert not [k for k in africa.stances("broad") if k.startswith("territory/")]
    assert not [c for c in africa.all_conditions if c.basis is Basis.IMPLIED]
    (talks,) = [c for c in africa.conditions if c.kind == "negotiations"]
    assert isinstance(talks, Declared)
    assert talks.get("timing") == "as-soon-as-possible"
    assert africa.constraint("sequence/talks", "broad") is None
    assert africa.constraint("security/indivisible", "strict") == of(
        "security/indivisible", "upheld"
    )
    assert africa.constraint("alignment/guarantees", "broad") is None


def test_belarus_takes_over_only_chinas_explicit_conditions() -> None:
    # Correction 5; positions.md §3: Belarus "shares and fully supports" China's positions
    # (Chinese readouts); no source reads Belarus as backing any reader's inference.
    belarus, china = load("belarus-2023-03-01"), load("china-2023-02-24")
    (endorsement,) = belarus.endorsements
    assert endorsement.position.id == "china-2023-02-24"
    assert endorsement.inferences is False
    explicit = [c for c in china.all_conditions if c.basis is Basis.EXPLICIT]
    assert len(belarus.endorsed_conditions) == len(explicit)
    assert len(explicit) < len(china.all_conditions)  # China has inferences to hold back
    for c in belarus.endorsed_conditions:
        assert c.basis is Basis.IMPLIED
        assert "endorsed china-2023-02-24" in c.evidence.rationale
        assert "there IMPLIED" not in c.evidence.rationale
        assert c.evidence.document == "china-2023-02-24"  # the quote's own document
    broad = belarus.constraints("broad")
    for issue in ("arms-deliveries", "alignment/nato", "sanctions/on-russia", "sequence/talks"):
        assert issue not in broad, issue  # China's readers' inferences stay China's
    assert not [k for k in belarus.stances("broad") if k.startswith("territory/")]
    # Belarus' own stances stay EXPLICIT; under the strict reading it says nothing on talks
    assert all(c.basis is Basis.EXPLICIT for c in belarus.conditions)
    assert belarus.constraint("talks", "strict") is None
    assert broad["talks"] == of("talks", "direct")


def test_belarus_and_china_agree_where_both_speak() -> None:
    belarus, china = load("belarus-2023-03-01"), load("china-2023-02-24")
    b, c = belarus.constraints("broad"), china.constraints("broad")
    shared = set(b) & set(c)
    assert {"hostilities", "talks", "sanctions/unilateral"} <= shared
    for issue in shared:
        assert not (b[issue] & c[issue]).is_empty(), issue
    assert b["hostilities"] == c["hostilities"]  # Belarus' de-escalation ∩ China's ceasefire


def test_china_brazil_has_no_arms_halt_inference() -> None:
    # Correction 6; positions.md §6 mapping: arms deliveries "Not mentioned | IMPLIED (weak)":
    # no reader is cited, so the inference is dropped (unlike China 2023, where the MFA's own
    # complaint about US arms shipments supports the analyst's reading).
    brazil = load("china-brazil-2024-05-23")
    assert not [c for c in brazil.all_conditions if c.kind == "arms-delivery-halt"]
    assert not [c for c in brazil.all_conditions if c.basis is Basis.IMPLIED]
    assert load("china-2023-02-24").constraint("arms-deliveries", "broad") == of(
        "arms-deliveries", "halt"
    )


def test_2022_drafts_conflict_on_the_guarantee_trigger_and_share_the_guarantors() -> None:
    # Correction 7; positions.md §7b points 3-4: Russia sought a consensus rule (a veto); the
    # guarantors are the UK, China, Russia, the US and France in both variants.
    russia, ukraine = load("russia-2022-04-15"), load("ukraine-2022-04-15")
    result = compare(russia, ukraine)
    trigger = result.finding("alignment/guarantees/trigger")
    assert trigger.relation is Relation.CONFLICT
    assert trigger.reading == "both"
    assert str(trigger.left) == "only by consensus of all guarantors (a veto)"
    for who in ("us", "europe", "russia", "china"):
        f = result.finding(f"alignment/guarantors/{who}")
        assert f.relation is Relation.SAME, who
    assert result.finding("alignment/guarantees/strength").relation is Relation.SAME


def test_us_plan_territory_part_by_part() -> None:
    # Correction 8; positions.md §10a point 21.
    us = load("us-2025-11-20")
    s = us.constraints("strict")
    for area in ("crimea", "luhansk", "donetsk/russian-held"):
        assert s[f"territory/{area}/recognition"] == of(
            f"territory/{area}/recognition", "de-facto"
        )
        assert s[f"territory/{area}/control"] == of(f"territory/{area}/control", "russia")
    # the buffer zone: the part of Donetsk Ukraine holds, demilitarised, recognised de jure
    assert s["territory/donetsk/ukrainian-held/control"] == of(
        "territory/donetsk/ukrainian-held/control", "demilitarised"
    )
    assert s["territory/donetsk/ukrainian-held/recognition"] == of(
        "territory/donetsk/ukrainian-held/recognition", "de-jure"
    )
    # Kherson and Zaporizhzhia frozen along the line, recognised de facto along it
    for region in ("kherson", "zaporizhzhia"):
        assert s[f"territory/{region}/russian-held/control"] == of(
            f"territory/{region}/russian-held/control", "russia"
        )
        assert s[f"territory/{region}/ukrainian-held/control"] == of(
            f"territory/{region}/ukrainian-held/control", "ukraine"
        )
        assert s[f"territory/{region}/russian-held/recognition"] == of(
            f"territory/{region}/russian-held/recognition", "de-facto"
        )
        assert f"territory/{region}/ukrainian-held/recognition" not in s


def test_us_plan_plant_restart_under_iaea_with_a_split_and_no_operator() -> None:
    # Correction 8; positions.md §10a point 19: restart under IAEA supervision, output 50:50.
    s = load("us-2025-11-20").constraints("broad")
    assert s["nuclear/iaea-supervision"] == of("nuclear/iaea-supervision", "supervised")
    assert s["nuclear/zaporizhzhia-output"] == of("nuclear/zaporizhzhia-output", "split")
    assert "nuclear/zaporizhzhia-operator" not in s
    assert "nuclear/zaporizhzhia-plant" not in s


def test_istanbul_2022_defers_occupied_donbas_only() -> None:
    # Correction 9; positions.md §7a points 7-8.
    p = load("ukraine-2022-03-29")
    strict = p.constraints("strict")
    for area in ("luhansk", "donetsk/russian-held", "crimea"):
        assert strict[f"territory/{area}/recognition"] == of(
            f"territory/{area}/recognition", "deferred"
        )
    assert "territory/donetsk/ukrainian-held/recognition" not in p.constraints("broad")
    assert not [k for k in strict if k.endswith("/control")]
    (inferred,) = [c for c in p.conditions if c.kind == "control"]
    assert inferred.basis is Basis.IMPLIED
    assert inferred.evidence.readers == ("the analyst",)
    assert "23 February 2022" in inferred.evidence.rationale


def test_peace_formula_russian_forces_out_of_the_plant_is_explicit() -> None:
    # Correction 10; positions.md §4 point 1.
    formula = load("ukraine-2022-11-15")
    plant = formula.constraint("nuclear/zaporizhzhia-plant", "strict")
    assert plant is not None
    for russian in ("russia", "russia-ukraine", "three-way"):
        assert russian not in plant
    assert all(
        c.basis is Basis.EXPLICIT for c in formula.conditions_on("nuclear/zaporizhzhia-plant")
    )
    # against the Bürgenstock communiqué (Ukrainian control) the formula is broader, no conflict
    f = compare(formula, load("peace-summit-2024-06-16")).finding("nuclear/zaporizhzhia-plant")
    assert f.relation is Relation.BROADER


def test_refusing_to_lift_sanctions_is_keeping_them() -> None:
    # Correction 11; positions.md §7b point 7 and mapping ("Russia wanted mutual lifting;
    # Ukraine refused").
    ukraine = load("ukraine-2022-04-15")
    assert ukraine.constraint("sanctions/on-russia", "strict") == of(
        "sanctions/on-russia", "maintained"
    )
    (kind,) = [c for c in ukraine.conditions if c.kind == "sanctions-pressure"]
    assert isinstance(kind, Declared)
    assert kind.get("extent") == "kept"


# -- cross-document findings --------------------------------------------------------------


def test_putin_2024_preconditions_clash_with_china_only_on_the_analysts_reading() -> None:
    # positions.md §1 (no preconditions: IMPLIED) and §5 (talks only after conditions)
    result = compare(load("russia-2024-06-14"), load("china-2023-02-24"))
    findings = {f.reading: f for f in result if f.issue == "sequence/talks"}
    assert findings["strict"].relation is Relation.ONLY_LEFT
    assert findings["broad"].relation is Relation.CONFLICT
    assert findings["broad"].sequence
    assert findings["broad"].reading_dependent
    # in substance both want talks: the clash is one of sequence
    assert result.finding("talks").relation.group == "overlap"


def test_russia_2023_terms_were_not_preconditions() -> None:
    result = compare(load("russia-2023-02-24"), load("china-2023-02-24"))
    assert not [f for f in result.sequence if f.relation is Relation.CONFLICT]


def test_2022_army_caps_conflict_with_a_gap_of_165000_troops() -> None:
    result = compare(load("russia-2022-04-15"), load("ukraine-2022-04-15"))
    f = result.finding("military/army-cap/peacetime")
    assert f.relation is Relation.CONFLICT
    assert isinstance(f.left, IntervalSet)
    assert isinstance(f.right, IntervalSet)
    assert f.left.gap(f.right) == 165_000
    assert "165,000 troops" in f.explanation
    tanks = result.finding("military/tanks-cap")
    assert tanks.relation is Relation.CONFLICT
    assert "a gap of 458 tanks" in tanks.explanation  # 342 vs 800


def test_us_cap_of_600000_meets_ukraine_2022_but_not_russia_2022() -> None:
    us = load("us-2025-11-20")
    ukraine = compare(load("ukraine-2022-04-15"), us).finding("military/army-cap/peacetime")
    assert ukraine.relation is Relation.BROADER
    assert ukraine.common_ground == between("military/army-cap/peacetime", 600_000, 600_000)
    russia = compare(load("russia-2022-04-15"), us).finding("military/army-cap/peacetime")
    assert russia.relation is Relation.CONFLICT
    assert "515,000 troops" in russia.explanation


def test_zaporizhzhia_plant_summit_and_us_plan_share_iaea_supervision_only() -> None:
    # Bürgenstock: Ukrainian sovereign control under IAEA supervision; the 28 points: IAEA
    # supervision and a 50:50 split, control not stated.
    result = compare(load("peace-summit-2024-06-16"), load("us-2025-11-20"))
    assert result.finding("nuclear/iaea-supervision").relation is Relation.SAME
    assert result.finding("nuclear/zaporizhzhia-plant").relation is Relation.ONLY_LEFT
    assert result.finding("nuclear/zaporizhzhia-output").relation is Relation.ONLY_RIGHT
    # the plan puts the plant under IAEA supervision but makes no pledge against attacks
    assert result.finding("nuclear/plant-safety").relation is Relation.ONLY_LEFT


def test_sanctions_china_russia_and_us_overlap_ukraine_conflicts_with_lifting() -> None:
    china, russia, us = load("china-2023-02-24"), load("russia-2023-02-24"), load("us-2025-11-20")
    ukraine = load("ukraine-2022-11-15")
    # China (read by Russia's Foreign Ministry) and Russia want sanctions lifted; the plan
    # lifts them in stages: no outcome common to all three
    m = compare_many(china, russia, us, reading="broad")
    agreement = m.agreement("sanctions/on-russia")
    assert agreement.blocking
    assert ("china-2023-02-24", "russia-2023-02-24") in agreement.coalitions
    for other in (china, russia, us):
        f = compare(ukraine, other, reading="broad").finding("sanctions/on-russia")
        assert f.relation is Relation.CONFLICT, other.id


def test_russia_2023_alignment_overlaps_with_us_plan_and_istanbul() -> None:
    russia = load("russia-2023-02-24")
    nato = ("not-member", "treaty-ban", "constitutional-ban")
    us = compare(russia, load("us-2025-11-20")).finding("alignment/nato")
    assert us.relation is Relation.BROADER
    assert us.common_ground == of("alignment/nato", "constitutional-ban")
    istanbul = compare(russia, load("ukraine-2022-03-29"))
    assert istanbul.finding("alignment/nato").relation is Relation.SAME
    assert istanbul.finding("alignment/nato").common_ground == of("alignment/nato", *nato)
    assert istanbul.finding("alignment/blocs").relation is Relation.SAME
    # against the Peace Formula's IMPLIED Euro-Atlantic aim, the same issue conflicts
    f = compare(russia, load("ukraine-2022-11-15"), reading="broad").finding("alignment/nato")
    assert f.relation is Relation.CONFLICT


def test_us_plan_returns_other_occupied_areas_and_freezes_the_south() -> None:
    result = compare(load("peace-summit-2024-06-16"), load("us-2025-11-20"))
    assert result.finding("territory/kharkiv/control").relation is Relation.NARROWER
    assert result.finding("territory/kherson/russian-held/control").relation is Relation.CONFLICT
    assert result.finding("territory/kherson/ukrainian-held/control").relation is Relation.SAME


def test_all_2022_2025_positions_together() -> None:
    m = compare_many(*(load(i) for i in IDS_2022_2025), reading="broad")
    blocking = {a.issue for a in m.blocking}
    assert {f"territory/{a}/recognition" for a in leaves(*FIVE)} <= blocking
    assert {"military/army-cap/peacetime", "sequence/talks", "alignment/guarantees/trigger"} <= (
        blocking
    )
    # humanitarian, nuclear safety and grain: zones of overlap across the documents
    for issue in ("humanitarian/prisoners", "nuclear/plant-safety", "economy/grain-exports"):
        agreement = m.agreement(issue)
        assert not agreement.blocking
        assert len(agreement.addressed_by) >= 5
    crimea = m.agreement("territory/crimea/recognition")
    assert ("russia-2023-02-24", "russia-2024-06-14") in crimea.coalitions


# -- change over time ---------------------------------------------------------------------


def test_russia_over_time() -> None:
    first = changes(load("russia-2022-04-15"), load("russia-2023-02-24"))
    assert {c.issue: c.kind for c in first}["territory/crimea/recognition"] is (
        ChangeKind.REVERSED
    )
    second = {
        c.issue: c.kind for c in changes(load("russia-2023-02-24"), load("russia-2024-06-14"))
    }
    assert second["sequence/talks"] is ChangeKind.ADDED
    assert second["territory/crimea/recognition"] is ChangeKind.UNCHANGED


def test_ukraine_over_time() -> None:
    earlier, later = load("ukraine-2022-03-29"), load("ukraine-2022-11-15")
    broad = {c.issue: c.kind for c in changes(earlier, later, reading="broad")}
    strict = {c.issue: c.kind for c in changes(earlier, later, reading="strict")}
    assert broad["territory/crimea/recognition"] is ChangeKind.REVERSED  # deferred → Ukrainian
    assert broad["alignment/nato"] is ChangeKind.REVERSED  # rests on an IMPLIED reading
    assert strict["alignment/nato"] is ChangeKind.DROPPED


# -- what the engine cannot say yet (CORPUS-NOTES.md) -------------------------------------


def test_a_contested_position_compares_with_itself() -> None:
    # Every reader agrees with itself; readers disagree with each other where they read the
    # text differently.
    china = load("china-2023-02-24")
    result = compare(china, china)
    assert {f.relation for f in result} == {Relation.SAME, Relation.CONTESTED}
    for f in result:
        for v in f.contested:
            if v.left_reader == v.right_reader:
                assert v.relation is Relation.SAME


# -- docs ---------------------------------------------------------------------------------


def test_docs_table_lists_the_corpus() -> None:
    text = (ROOT / "docs" / "corpus.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `([a-z0-9-]+)` \|", text, flags=re.MULTILINE)
    assert listed == list(corpus.ids())
    for id in corpus.ids():
        p = load(id)
        row = next(line for line in text.splitlines() if line.startswith(f"| `{id}` |"))
        assert p.date.isoformat() in row
        encoded = sum(c.encoded for c in p.coverage)
        assert f"{encoded} of {len(p.coverage)}" in row
