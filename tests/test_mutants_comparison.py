"""Comparing two positions: exact behaviour that mutation testing found unchecked
(docs/reliability.md).

Small positions whose findings can be worked out by hand: the relation table, the exact
explanations (gaps, readers who disagree, conditional terms and the state of their
requirements), mirrors, variants, labels, the reading flags, and codebooks that extend others.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import pytest
from ru import ArmyCap, EndOfHostilities, position

import peacepos
from peacepos import (
    ArmsDeliveryHalt,
    Basis,
    Ceasefire,
    Constraint,
    Evidence,
    NeutralStatus,
    Relation,
    compare,
    relate,
)
from peacepos.analysis.compare import labels, requirement_state, short_names
from peacepos.analysis.relation import shared_codebook
from peacepos.errors import CodebookMismatchError
from peacepos.kinds import CeasefireScope, Outcomes, Range, condition
from peacepos.position import Position, Variant
from peacepos.vocabulary import Codebook, Issue, KindSpec, NumericIssue

RU = peacepos.codebook("russia-ukraine")
HOST = RU["hostilities"]
CAP = "military/army-cap/peacetime"
EV = Evidence(document="doc", locator="point 1")


def implied(reader: str, locator: str = "p2") -> Evidence:
    return Evidence(
        document="doc", locator=locator, basis=Basis.IMPLIED, readers=[reader], rationale="r"
    )


def of(*outcomes: str) -> Constraint:
    return Constraint.of(HOST, *outcomes)


class TestRelate:
    def test_every_relation_of_finite_sets(self) -> None:
        a = of("full-ceasefire", "end-of-war")
        assert relate(a, of("end-of-war", "full-ceasefire")) is Relation.SAME
        assert relate(of("end-of-war"), a) is Relation.NARROWER
        assert relate(a, of("end-of-war")) is Relation.BROADER
        assert relate(a, of("end-of-war", "continue")) is Relation.OVERLAP
        assert relate(a, of("continue")) is Relation.CONFLICT
        assert relate(a, None) is Relation.ONLY_LEFT
        assert relate(None, a) is Relation.ONLY_RIGHT

    def test_every_relation_of_numeric_sets(self) -> None:
        cap = RU[CAP]
        a = Constraint.between(cap, 10, 20)
        assert relate(a, Constraint.between(cap, 10, 20)) is Relation.SAME
        assert relate(Constraint.between(cap, 12, 15), a) is Relation.NARROWER
        assert relate(a, Constraint.between(cap, 12, 15)) is Relation.BROADER
        assert relate(a, Constraint.between(cap, 15, 30)) is Relation.OVERLAP
        assert relate(a, Constraint.between(cap, 25, 30)) is Relation.CONFLICT

    def test_an_issue_built_twice_relates_as_one(self) -> None:
        twin = Issue(key="hostilities", title="Other title", outcomes=HOST.outcomes)
        a, b = of("full-ceasefire", "end-of-war"), Constraint.of(twin, "end-of-war", "continue")
        assert relate(a, b) is Relation.OVERLAP
        assert relate(a, Constraint.of(twin, "end-of-war")) is Relation.BROADER
        assert relate(a, Constraint.of(twin, "end-of-war", "full-ceasefire")) is Relation.SAME

    def test_constraints_of_two_issues_are_not_related(self) -> None:
        talks = Constraint.of(RU["talks"], "direct")
        with pytest.raises(TypeError):
            relate(of("continue"), talks)
        with pytest.raises(TypeError):
            relate(of("continue"), Constraint.full(RU[CAP]))

    def test_two_silent_sides(self) -> None:
        with pytest.raises(ValueError, match="silent") as info:
            relate(None, None)
        assert str(info.value) == "both sides are silent: there is nothing to relate"


class TestExplanations:
    def test_one_line_for_each_relation(self) -> None:
        def why(left: peacepos.Condition, right: peacepos.Condition) -> str:
            return (
                compare(position("a", left), position("b", right))
                .finding("hostilities")
                .explanation
            )

        full, end = Ceasefire(evidence=EV), EndOfHostilities(evidence=EV)
        partial = Ceasefire(scope=CeasefireScope.PARTIAL, evidence=EV)
        assert why(full, full) == "Both accept full ceasefire or end of war."
        assert why(end, full) == (
            "A accepts end of war; B accepts that and more (full ceasefire or end of war)."
        )
        assert why(full, end) == (
            "B accepts end of war; A accepts that and more (full ceasefire or end of war)."
        )
        assert why(partial, full) == (
            "B accepts full ceasefire or end of war; A accepts that and more (partial ceasefire "
            "or full ceasefire or end of war)."
        )

    def test_one_sided(self) -> None:
        a = position("a", Ceasefire(evidence=EV))
        b = position("b", ArmsDeliveryHalt(evidence=EV))
        result = compare(a, b)
        assert result.finding("hostilities").explanation == (
            "Only A addresses this (full ceasefire or end of war); nothing from B."
        )
        assert result.finding("arms-deliveries").explanation == (
            "Only B addresses this (halt); nothing from A."
        )

    def test_a_conflict_with_a_gap_and_without(self) -> None:
        a = position("a", ArmyCap(at_most=10, evidence=EV))
        b = position("b", ArmyCap(at_least=25, evidence=EV))
        assert compare(a, b).finding(CAP).explanation == (
            "No outcome acceptable to both: A accepts ≤ 10 troops, B accepts ≥ 25 troops or no "
            "cap; a gap of 15 troops."
        )
        assert compare(b, a).finding(CAP).explanation == (
            "No outcome acceptable to both: B accepts ≥ 25 troops or no cap, A accepts ≤ 10 "
            "troops; a gap of 15 troops."
        )

    def test_overlap_names_the_common_ground(self) -> None:
        a = position("a", ArmyCap(at_least=0, at_most=20, evidence=EV))
        b = position("b", ArmyCap(at_least=10, at_most=30, evidence=EV))
        assert compare(a, b).finding(CAP).explanation == (
            "A accepts ≤ 20 troops, B accepts 10–30 troops; both accept 10–20 troops."
        )

    def test_joint_actors_take_the_plural_verb(self) -> None:
        a = peacepos.Position(
            id="fd",
            title="FD",
            actors=["France", "Germany"],
            date="2023-01-01",
            codebook=RU,
            conditions=[EndOfHostilities(evidence=EV)],
        )
        b = position("b", Ceasefire(evidence=EV))
        assert compare(a, b).finding("hostilities").explanation == (
            "France & Germany accept end of war; B accepts that and more (full ceasefire or end "
            "of war)."
        )
        assert compare(b, a).finding("hostilities").explanation == (
            "France & Germany accept end of war; B accepts that and more (full ceasefire or end "
            "of war)."
        )

    def test_readers_who_disagree(self) -> None:
        x = position(
            "x",
            ArmyCap(at_most=10, evidence=implied("r1")),
            ArmyCap(at_least=20, evidence=implied("r2")),
        )
        y = position("y", ArmyCap(at_most=15, evidence=EV))
        broad = compare(x, y).finding(CAP, "broad")
        assert broad.relation is Relation.CONTESTED
        assert broad.explanation == (
            "Readers disagree: read by r1: overlap (X accepts fewer); read by r2: conflict."
        )
        assert [(v.left_reader, v.right_reader, v.relation) for v in broad.contested] == [
            ("r1", None, Relation.NARROWER),
            ("r2", None, Relation.CONFLICT),
        ]
        assert [v.readers for v in broad.contested] == ["r1", "r2"]
        mirrored = compare(y, x).finding(CAP, "broad")
        assert mirrored.explanation == (
            "Readers disagree: read by r1: overlap (X accepts fewer); read by r2: conflict."
        )
        assert [(v.left_reader, v.right_reader, v.relation) for v in mirrored.contested] == [
            (None, "r1", Relation.BROADER),
            (None, "r2", Relation.CONFLICT),
        ]
        assert broad.mirror() == mirrored
        strict = compare(x, y).finding(CAP, "strict")
        assert strict.relation is Relation.ONLY_RIGHT
        assert strict.reading_dependent
        assert broad.reading_dependent

    def test_readers_of_both_sides(self) -> None:
        x = position(
            "x",
            ArmyCap(at_most=10, evidence=implied("r1")),
            ArmyCap(at_least=20, evidence=implied("r2")),
        )
        y = position(
            "y",
            ArmyCap(at_most=5, evidence=implied("s1")),
            ArmyCap(at_least=30, evidence=implied("s2")),
        )
        f = compare(x, y).finding(CAP, "broad")
        assert [(v.readers, v.relation) for v in f.contested] == [
            ("r1 / s1", Relation.BROADER),
            ("r1 / s2", Relation.CONFLICT),
            ("r2 / s1", Relation.CONFLICT),
            ("r2 / s2", Relation.BROADER),
        ]
        assert f.explanation == (
            "Readers disagree: read by r1 / s1: overlap (Y accepts fewer); read by r1 / s2: "
            "conflict; read by r2 / s1: conflict; read by r2 / s2: overlap (Y accepts fewer)."
        )

    def test_the_text_read_by_nobody(self) -> None:
        v = peacepos.analysis.compare.ReaderVerdict(
            left_reader=None, right_reader=None, relation=Relation.SAME, left=None, right=None
        )
        assert v.readers == "the text"
        w = peacepos.analysis.compare.ReaderVerdict(
            left_reader="r", right_reader=None, relation=Relation.NARROWER, left=None, right=None
        )
        assert w.mirror().left_reader is None
        assert w.mirror().right_reader == "r"
        assert w.mirror().relation is Relation.BROADER


class TestConditionalTerms:
    def term(self) -> peacepos.Position:
        return position("a", Ceasefire(evidence=EV, only_if=[ArmsDeliveryHalt(evidence=EV)]))

    def test_a_requirement_the_other_side_is_silent_on(self) -> None:
        b = position("b", EndOfHostilities(evidence=EV))
        f = compare(self.term(), b).finding("hostilities")
        assert f.relation is Relation.ONLY_RIGHT
        assert f.under_terms is Relation.BROADER
        assert [r.state for r in f.requirements] == ["open"]
        assert f.explanation == (
            "Only B addresses this (end of war); nothing from A. Under A's conditional terms: "
            "overlap (B accepts fewer) — B is silent on halt to arms deliveries."
        )

    def test_a_requirement_the_other_side_meets(self) -> None:
        b = position("b", EndOfHostilities(evidence=EV), ArmsDeliveryHalt(evidence=EV))
        f = compare(self.term(), b).finding("hostilities")
        assert [r.state for r in f.requirements] == ["met"]
        assert f.terms_explanation() == (
            "Under A's conditional terms: overlap (B accepts fewer) — B accepts halt to arms "
            "deliveries."
        )

    def test_the_mirror_keeps_who_is_asked(self) -> None:
        b = position("b", EndOfHostilities(evidence=EV))
        f = compare(self.term(), b).finding("hostilities")
        m = compare(b, self.term()).finding("hostilities")
        assert m.relation is Relation.ONLY_LEFT
        assert m.under_terms is Relation.NARROWER
        assert [(r.side, r.state) for r in m.requirements] == [("right", "open")]
        assert m.left_terms == ()
        assert len(m.right_terms) == 1
        assert m.left_under_terms == of("end-of-war")
        assert m.right_under_terms == of("full-ceasefire", "end-of-war")
        assert m.explanation == (
            "Only B addresses this (end of war); nothing from A. Under A's conditional terms: "
            "overlap (B accepts fewer) — B is silent on halt to arms deliveries."
        )
        assert f.mirror() == m
        assert m.mirror() == f

    def test_terms_on_both_sides(self) -> None:
        a = self.term()
        b = position(
            "b",
            Ceasefire(
                scope=CeasefireScope.PARTIAL, evidence=EV, only_if=[NeutralStatus(evidence=EV)]
            ),
        )
        f = compare(a, b).finding("hostilities")
        assert f.left is None
        assert f.right is None
        assert f.relation is Relation.NARROWER  # only the terms speak: their relation
        assert [(r.side, r.state) for r in f.requirements] == [("left", "open"), ("right", "open")]
        assert f.explanation == (
            "Neither A nor B states anything here except under conditional terms. Under A and "
            "B's conditional terms: overlap (A accepts fewer) — B is silent on halt to arms "
            "deliveries; A is silent on neutral status."
        )
        m = f.mirror()
        assert [(r.side, r.state) for r in m.requirements] == [("left", "open"), ("right", "open")]
        assert m == compare(b, a).finding("hostilities")

    def test_requirement_state(self) -> None:
        halt = ArmsDeliveryHalt(evidence=EV)
        silent = position("s", Ceasefire(evidence=EV))
        assert requirement_state(halt, silent, "broad") == "open"
        assert requirement_state(halt, position("m", halt), "broad") == "met"
        cap = ArmyCap(at_most=10, evidence=EV)
        assert (
            requirement_state(cap, position("r", ArmyCap(at_least=20, evidence=EV)), "broad")
            == "refused"
        )
        # a requirement on two issues: refused on one beats open on the other
        two = position("t", ArmyCap(at_least=20, evidence=EV))
        assert requirement_state(cap, two, "broad") == "refused"
        # met on the cap, open where the other side says nothing (the cap's implication: no)
        assert (
            requirement_state(cap, position("u", ArmyCap(at_most=5, evidence=EV)), "broad")
            == "met"
        )
        implied_halt = position("i", ArmsDeliveryHalt(evidence=implied("r")))
        assert requirement_state(halt, implied_halt, "broad") == "met"
        assert requirement_state(halt, implied_halt, "strict") == "open"

    def test_silence_accepted_under_terms(self) -> None:
        b = position("b", ArmsDeliveryHalt(evidence=EV))
        f = compare(self.term(), b, silence="accept").finding("hostilities")
        assert f.right_under_terms == Constraint.full(HOST)
        assert f.under_terms is Relation.NARROWER
        g = compare(b, self.term(), silence="accept").finding("hostilities")
        assert g.left_under_terms == Constraint.full(HOST)
        assert g.under_terms is Relation.BROADER


class TestMirror:
    def test_a_comparison_seen_from_the_other_side(self) -> None:
        a = position("a", Ceasefire(evidence=EV), ArmyCap(at_most=10, evidence=implied("r")))
        b = position("b", EndOfHostilities(evidence=EV), ArmsDeliveryHalt(evidence=EV))
        c = compare(a, b)
        m = c.mirror()
        assert (m.left, m.right) == (b, a)
        assert (m.reading, m.silence) == (c.reading, c.silence)
        assert m == compare(b, a)
        assert m.mirror() == c
        for f, g in zip(c.findings, m.findings, strict=True):
            assert g.relation is f.relation.mirror
            assert (g.left, g.right) == (f.right, f.left)
            assert (g.left_label, g.right_label) == (f.right_label, f.left_label)
            assert (g.left_conditions, g.right_conditions) == (
                f.right_conditions,
                f.left_conditions,
            )
            assert (g.left_rules, g.right_rules) == (f.right_rules, f.left_rules)

    def test_variants_are_mirrored(self) -> None:
        v = variants()
        w = position("w", ArmyCap(at_least=30, evidence=EV))
        c = compare(v, w)
        m = c.mirror()
        assert [(x.left_variant, x.right_variant) for x in m.variants] == [
            (None, "low"),
            (None, "high"),
        ]
        assert m.variants[0].comparison == c.variants[0].comparison.mirror()
        assert m == compare(w, v)


def variants() -> peacepos.Position:
    return peacepos.Position(
        id="v",
        title="V",
        actors=["V"],
        date="2023-01-01",
        codebook=RU,
        conditions=[ArmsDeliveryHalt(evidence=EV)],
        variants=[
            Variant(name="low", title="Low", conditions=[ArmyCap(at_most=10, evidence=EV)]),
            Variant(name="high", conditions=[ArmyCap(at_most=50, evidence=EV)]),
        ],
    )


class TestVariants:
    def test_every_pair_and_the_closest(self) -> None:
        w = position("w", ArmyCap(at_least=30, evidence=EV))
        c = compare(variants(), w)
        assert [
            (x.left_variant, x.right_variant, x.conflicts, x.overlaps) for x in c.variants
        ] == [
            ("low", None, 1, 0),  # the cap conflicts; only V limits the military
            ("high", None, 0, 1),
        ]
        assert c.closest is c.variants[1]
        assert c.findings == c.variants[1].comparison.findings
        assert c.finding(CAP).relation is Relation.OVERLAP
        assert (c.left.id, c.right.id, c.reading, c.silence) == ("v", "w", "both", "report")
        assert c.variants[0].comparison.left.id == "v.low"
        assert c.variants[1].comparison.right is w

    def test_variants_on_the_right_and_ties(self) -> None:
        w = position("w", ArmsDeliveryHalt(evidence=EV))
        c = compare(w, variants(), reading="strict", silence="accept")
        assert [(x.left_variant, x.right_variant) for x in c.variants] == [
            (None, "low"),
            (None, "high"),
        ]
        assert (c.reading, c.silence) == ("strict", "accept")
        # equally close: the first pair is the closest
        assert [(x.conflicts, x.overlaps) for x in c.variants] == [(0, 3), (0, 3)]
        assert c.closest is c.variants[0]

    def test_more_overlap_breaks_a_tie_in_conflicts(self) -> None:
        v = peacepos.Position(
            id="v",
            title="V",
            actors=["V"],
            date="2023-01-01",
            codebook=RU,
            variants=[
                Variant(name="one", conditions=[EndOfHostilities(evidence=EV)]),
                Variant(
                    name="two",
                    conditions=[EndOfHostilities(evidence=EV), ArmsDeliveryHalt(evidence=EV)],
                ),
            ],
        )
        w = position("w", Ceasefire(evidence=EV), ArmsDeliveryHalt(evidence=EV))
        c = compare(v, w)
        assert [(x.conflicts, x.overlaps) for x in c.variants] == [(0, 1), (0, 2)]
        assert c.closest is c.variants[1]
        assert c.finding("arms-deliveries").relation is Relation.SAME


class TestLabels:
    def test_different_actors_are_named_as_they_are(self) -> None:
        a = position("a1", Ceasefire(evidence=EV), actor="A")
        b = position("b1", Ceasefire(evidence=EV), actor="B")
        assert labels(a, b) == ("A", "B")
        assert short_names([a, b]) == {"a1": "A", "b1": "B"}
        f = compare(a, b).finding("hostilities")
        assert (f.left_label, f.right_label) == ("A", "B")
        strict = compare(a, b, reading="strict").finding("hostilities")
        assert (strict.left_label, strict.right_label) == ("A", "B")

    def test_a_position_compared_with_itself(self) -> None:
        a = position("a1", Ceasefire(evidence=EV), actor="A")
        assert labels(a, a) == ("A", "A")
        assert compare(a, a).finding("hostilities").explanation == (
            "Both accept full ceasefire or end of war."
        )

    def test_one_actor_at_two_dates_and_twice_on_one_date(self) -> None:
        ps = [
            position("a1", Ceasefire(evidence=EV), actor="A", date="2022-01-01"),
            position("a2", Ceasefire(evidence=EV), actor="A", date="2023-01-01"),
            position("a3", Ceasefire(evidence=EV), actor="A", date="2023-01-01"),
            position("b", Ceasefire(evidence=EV), actor="B", date="2023-01-01"),
        ]
        assert short_names(ps) == {
            "a1": "A (2022-01-01)",
            "a2": "A [a2]",
            "a3": "A [a3]",
            "b": "B",
        }
        assert labels(ps[0], ps[1]) == ("A (2022-01-01)", "A (2023-01-01)")
        assert labels(ps[1], ps[2]) == ("A [a2]", "A [a3]")


class TestReadings:
    def test_flags_and_rows(self) -> None:
        a = position(
            "a",
            Ceasefire(evidence=EV),
            Ceasefire(evidence=implied("r", "p3")),  # the same stance, one more reason
            ArmsDeliveryHalt(evidence=implied("r")),  # broad only
            ArmyCap(at_most=10, evidence=EV),
            ArmyCap(at_most=5, evidence=implied("r", "p4")),  # strict and broad differ
        )
        b = position("b", EndOfHostilities(evidence=EV), ArmyCap(at_most=8, evidence=EV))
        c = compare(a, b)
        rows = [(f.issue, f.reading, f.reading_dependent) for f in c.findings]
        assert rows == [
            ("hostilities", "both", False),
            ("arms-deliveries", "broad", True),
            ("military/limits", "both", False),
            (CAP, "strict", True),
            (CAP, "broad", True),
        ]
        assert c.finding(CAP, "strict").relation is Relation.BROADER
        assert c.finding(CAP, "broad").relation is Relation.NARROWER
        assert [f.issue for f in c.reading_dependent] == ["arms-deliveries", CAP, CAP]
        assert c.finding("hostilities", "strict") is c.finding("hostilities", "broad")
        assert c.finding("hostilities", "both").reading == "both"
        for reading in ("strict", "broad"):
            one = compare(a, b, reading=reading)
            assert {f.reading for f in one.findings} == {reading}
            assert not any(f.reading_dependent for f in one.findings)
            assert (one.left, one.right, one.silence) == (a, b, "report")

    def test_silence_is_kept(self) -> None:
        a, b = position("a", Ceasefire(evidence=EV)), position("b", ArmsDeliveryHalt(evidence=EV))
        for reading in ("both", "strict", "broad"):
            c = compare(a, b, reading=reading, silence="accept")
            assert c.silence == "accept"
            assert c.finding("hostilities").relation is Relation.NARROWER
            assert c.finding("arms-deliveries").relation is Relation.BROADER

    def test_misuse_is_explained(self) -> None:
        a, b = position("a", Ceasefire(evidence=EV)), position("b", Ceasefire(evidence=EV))
        with pytest.raises(TypeError) as info:
            compare(a, b, a)  # type: ignore[misc]
        assert str(info.value) == (
            "compare() takes two positions; for three or more use compare_many()"
        )
        with pytest.raises(TypeError) as info:
            compare(a, "b")  # type: ignore[arg-type]
        assert str(info.value) == (
            "compare() takes two Position objects; see peacepos.corpus.load()"
        )
        with pytest.raises(
            ValueError, match=r"^silence must be 'report' or 'accept' \(got 'x'\)$"
        ):
            compare(a, b, silence="x")  # type: ignore[arg-type]
        c = compare(a, b)
        assert c.finding("hostilities", "both").issue == "hostilities"
        with pytest.raises(KeyError) as missing:
            c.finding("talks")
        assert missing.value.args[0] == "no finding on 'talks'; issues: hostilities"
        with pytest.raises(ValueError, match="reading only") as bad:
            compare(a, b, reading="strict").finding("hostilities", "broad")
        assert str(bad.value) == "this comparison has the strict reading only"


class TestCodebooks:
    def extension(self, name: str = "ext", outcomes: tuple[str, ...] = ("a", "b")) -> Codebook:
        return Codebook(
            name=name,
            title="Extension",
            includes=[RU],
            issues=[Issue(key="local", title="Local", outcomes=outcomes)],
            kinds=[KindSpec(name="local-a", narrows={"local": ["a"]})],
        )

    def test_a_codebook_that_includes_the_other_is_shared(self) -> None:
        ext = self.extension()
        mine = peacepos.Position(
            id="m",
            title="M",
            actors=["M"],
            date="2023-01-01",
            codebook=ext,
            conditions=[
                condition(ext, "local-a", evidence=EV),
                condition(ext, "ceasefire", evidence=EV),
            ],
        )
        theirs = position("t", EndOfHostilities(evidence=EV))
        assert shared_codebook([theirs, mine]) is ext
        assert shared_codebook([mine, theirs]) is ext
        c = compare(theirs, mine)
        assert c.codebook is ext
        assert c.finding("local").relation is Relation.ONLY_RIGHT
        assert c.finding("hostilities").relation is Relation.NARROWER
        assert shared_codebook([theirs, theirs]) is RU

    def test_codebooks_of_two_processes(self) -> None:
        core = peacepos.codebook("core")
        other = Codebook(name="zeta", title="Z", includes=[core], issues=[], kinds=[])
        a = peacepos.Position(
            id="a",
            title="A",
            actors=["A"],
            date="2023-01-01",
            codebook=other,
            conditions=[condition(other, "ceasefire", evidence=EV)],
        )
        b = position("b", Ceasefire(evidence=EV))
        with pytest.raises(CodebookMismatchError) as info:
            compare(a, b)
        assert str(info.value) == (
            "positions of codebooks 'russia-ukraine' and 'zeta' cannot be compared: neither "
            "codebook includes the other, so they describe different processes (compare "
            "positions of one process)"
        )

    def test_one_name_two_meanings(self) -> None:
        one, two = self.extension(), self.extension(outcomes=("a", "c"))
        a = peacepos.Position(
            id="a",
            title="A",
            actors=["A"],
            date="2023-01-01",
            codebook=one,
            conditions=[condition(one, "local-a", evidence=EV)],
        )
        b = peacepos.Position(
            id="b",
            title="B",
            actors=["B"],
            date="2023-01-01",
            codebook=two,
            conditions=[condition(two, "local-a", evidence=EV)],
        )
        with pytest.raises(CodebookMismatchError) as info:
            shared_codebook([a, b])
        assert str(info.value) == (
            "positions of codebooks 'ext' and 'ext' both address 'local' but mean different "
            "things by it; compare positions of one codebook"
        )
        # where they address only issues that mean the same, they compare
        c = peacepos.Position(
            id="c",
            title="C",
            actors=["C"],
            date="2023-01-01",
            codebook=two,
            conditions=[condition(two, "ceasefire", evidence=EV)],
        )
        assert shared_codebook([a, c]) is one
        assert shared_codebook([c, a]) is two

    def test_one_name_numeric_ranges_that_differ(self) -> None:
        def book(maximum: int, minimum: int = 0) -> Codebook:
            return Codebook(
                name="num",
                title="N",
                includes=[RU],
                issues=[
                    NumericIssue(
                        key="width", title="W", unit="km", minimum=minimum, maximum=maximum
                    )
                ],
                kinds=[KindSpec(name="width", bounds="width")],
            )

        def pos(pid: str, cb: Codebook) -> peacepos.Position:
            return peacepos.Position(
                id=pid,
                title=pid,
                actors=[pid],
                date="2023-01-01",
                codebook=cb,
                conditions=[condition(cb, "width", at_most=5, evidence=EV)],
            )

        with pytest.raises(CodebookMismatchError, match="both address 'width'"):
            shared_codebook([pos("a", book(10)), pos("b", book(20))])
        with pytest.raises(CodebookMismatchError, match="both address 'width'"):
            shared_codebook([pos("a", book(10)), pos("b", book(10, minimum=1))])
        same = shared_codebook([pos("a", book(10)), pos("b", book(10))])
        assert same.name == "num"

    def test_one_name_finite_and_numeric(self) -> None:
        finite = self.extension(outcomes=("a", "b"))
        numeric = Codebook(
            name="ext",
            title="E",
            includes=[RU],
            issues=[NumericIssue(key="local", title="L", unit="u", maximum=3)],
            kinds=[KindSpec(name="local-a", bounds="local")],
        )
        a = peacepos.Position(
            id="a",
            title="A",
            actors=["A"],
            date="2023-01-01",
            codebook=finite,
            conditions=[condition(finite, "local-a", evidence=EV)],
        )
        b = peacepos.Position(
            id="b",
            title="B",
            actors=["B"],
            date="2023-01-01",
            codebook=numeric,
            conditions=[condition(numeric, "local-a", at_most=1, evidence=EV)],
        )
        with pytest.raises(CodebookMismatchError, match="both address 'local'"):
            shared_codebook([a, b])


# -- which codebook results are read in ------------------------------------------------------


def _book(name: str, *issues: Any, includes: Sequence[Codebook] = ()) -> Codebook:
    return Codebook(name=name, title=name.upper(), issues=list(issues), includes=list(includes))


def _on(pid: str, book: Codebook, key: str, *outcomes: str) -> Position:
    return Position(
        id=pid,
        title=pid,
        actors=(pid,),
        date="2024-01-01",
        codebook=book,
        conditions=[
            Outcomes(issue=key, outcomes=outcomes, evidence=Evidence(document="d", locator="1"))
        ],
    )


_WATER = Issue(key="water", title="Water", outcomes=("open", "shared", "closed"))


def test_positions_of_one_codebook_or_equal_ones_are_read_in_the_first() -> None:
    a, b = _book("x", _WATER), _book("x", _WATER)
    assert a == b
    assert a is not b
    left, right = _on("l", a, "water", "open"), _on("r", b, "water", "open")
    assert shared_codebook([left, right]) is a
    assert shared_codebook([right, left]) is b


def test_a_codebook_that_includes_the_other_is_the_one_results_are_read_in() -> None:
    base = _book("base", _WATER)
    child = _book("child", Issue(key="roads", title="Roads", outcomes=("a", "b")), includes=[base])
    old, new = _on("old", base, "water", "open"), _on("new", child, "roads", "a")
    assert shared_codebook([old, new]) is child
    assert shared_codebook([new, old]) is child
    assert shared_codebook([old, _on("also", child, "water", "open"), new]) is child


def test_codebooks_of_different_processes_are_refused_naming_both() -> None:
    one, two = _book("one", _WATER), _book("two", _WATER)
    with pytest.raises(CodebookMismatchError) as info:
        shared_codebook([_on("a", two, "water", "open"), _on("b", one, "water", "open")])
    assert str(info.value) == (
        "positions of codebooks 'one' and 'two' cannot be compared: neither codebook includes "
        "the other, so they describe different processes (compare positions of one process)"
    )


@pytest.mark.parametrize(
    "other",
    [
        Issue(key="water", title="Water", outcomes=("open", "closed")),
        NumericIssue(key="water", title="Water", unit="km", minimum=0, maximum=5),
    ],
    ids=["other outcomes", "numeric"],
)
def test_two_codebooks_of_one_name_that_mean_different_things_are_refused(other: Any) -> None:
    a, b = _book("x", _WATER), _book("x", other)
    right = Position(
        id="r", title="r", actors=("r",), date="2024-01-01", codebook=b, conditions=[]
    )
    first = _on("l", a, "water", "open")
    second = (
        _on("r", b, "water", "open")
        if isinstance(other, Issue)
        else attrs.evolve(
            right,
            conditions=[
                Range(issue="water", at_most=2, evidence=Evidence(document="d", locator="1"))
            ],
        )
    )
    with pytest.raises(CodebookMismatchError) as info:
        shared_codebook([first, second])
    assert str(info.value) == (
        "positions of codebooks 'x' and 'x' both address 'water' but mean different things by "
        "it; compare positions of one codebook"
    )


def test_numeric_issues_of_one_key_with_other_bounds_are_refused() -> None:
    a = _book("x", NumericIssue(key="n", title="N", unit="km", minimum=0, maximum=5))
    b = _book("x", NumericIssue(key="n", title="N", unit="km", minimum=0, maximum=9))
    c = _book("x", NumericIssue(key="n", title="N", unit="km", minimum=1, maximum=5))

    def on(book: Codebook) -> Position:
        ev = Evidence(document="d", locator="1")
        return Position(
            id=f"p{id(book)}",
            title="p",
            actors=("p",),
            date="2024-01-01",
            codebook=book,
            conditions=[Range(issue="n", at_least=1, at_most=3, evidence=ev)],
        )

    for other in (b, c):
        with pytest.raises(CodebookMismatchError, match="mean different things"):
            shared_codebook([on(a), on(other)])
    same = _book("x", NumericIssue(key="n", title="N", unit="km", minimum=0, maximum=5))
    assert shared_codebook([on(a), on(same)]) is a


def test_codebooks_of_one_name_that_differ_elsewhere_compare_where_they_agree() -> None:
    numeric = NumericIssue(key="n", title="N", unit="km", minimum=0, maximum=5)
    extra = Issue(key="roads", title="Roads", outcomes=("a", "b"))
    a, b = _book("x", _WATER, numeric), _book("x", _WATER, numeric, extra)
    assert a != b
    ev = Evidence(document="d", locator="1")

    def on(pid: str, book: Codebook) -> Position:
        return Position(
            id=pid,
            title=pid,
            actors=(pid,),
            date="2024-01-01",
            codebook=book,
            conditions=[
                Outcomes(issue="water", outcomes=("open",), evidence=ev),
                Range(issue="n", at_least=1, at_most=3, evidence=ev),
            ],
        )

    assert shared_codebook([on("l", a), on("r", b)]) is a
    assert shared_codebook([on("r", b), on("l", a)]) is b


def test_every_issue_both_address_is_checked_not_only_the_first() -> None:
    other_water = Issue(key="water", title="Water", outcomes=("open", "closed"))
    roads = Issue(key="roads", title="Roads", outcomes=("a", "b"))
    a, b = _book("x", roads, _WATER), _book("x", roads, other_water)
    ev = Evidence(document="d", locator="1")

    def on(pid: str, book: Codebook) -> Position:
        conditions = [
            Outcomes(issue="roads", outcomes=("a",), evidence=ev),
            Outcomes(issue="water", outcomes=("open",), evidence=ev),
        ]
        return Position(
            id=pid,
            title=pid,
            actors=(pid,),
            date="2024-01-01",
            codebook=book,
            conditions=conditions,
        )

    with pytest.raises(CodebookMismatchError, match="both address 'water'"):
        shared_codebook([on("l", a), on("r", b)])


def test_three_processes_are_refused_naming_the_first_two() -> None:
    books = [_book(name, _WATER) for name in ("three", "one", "two")]
    positions = [_on(f"p{i}", book, "water", "open") for i, book in enumerate(books)]
    with pytest.raises(CodebookMismatchError, match=r"^positions of codebooks 'one' and 'three' "):
        shared_codebook(positions)


# -- what mutation testing of the comparison found unchecked (second round) ----------------

_L = peacepos.corpus.load


def test_relating_two_issues_is_refused() -> None:
    a = Constraint.at_most(NumericIssue(key="a", title="A", unit="km", maximum=9), 3)
    b = Constraint.at_most(NumericIssue(key="b", title="B", unit="km", maximum=9), 3)
    with pytest.raises(TypeError, match="unsupported operand"):
        relate(a, b)


def test_a_comparison_of_one_reading_says_which() -> None:
    china, russia = _L("china-2023-02-24"), _L("russia-2023-02-24")
    for reading in ("strict", "broad"):
        c = compare(china, russia, reading=reading)
        assert c.reading == reading
        assert {f.reading for f in c.findings} == {reading}
    with pytest.raises(ValueError, match=r"^this comparison has the strict reading only$"):
        compare(china, russia, reading="strict").finding("hostilities", reading="broad")
    with pytest.raises(ValueError, match=r"^this comparison has the broad reading only$"):
        compare(china, russia, reading="broad").finding("hostilities", reading="strict")
    with pytest.raises(KeyError, match=r"no finding on 'nope'; issues: hostilities, talks, "):
        compare(china, russia).finding("nope")


def test_reader_verdicts_against_a_silent_side_are_one_sided() -> None:
    book = Codebook(name="r", title="R", issues=[Issue(key="x", title="X", outcomes=("a", "b"))])

    def read(reader: str, *outcomes: str) -> Outcomes:
        ev = Evidence(
            document="d", locator="1", basis=Basis.IMPLIED, readers=(reader,), rationale="so"
        )
        return Outcomes(issue="x", outcomes=outcomes, evidence=ev)

    def text(pid: str, *conditions: Outcomes) -> Position:
        return Position(
            id=pid,
            title=pid,
            actors=(pid,),
            date="2024-01-01",
            codebook=book,
            conditions=conditions,
        )

    left = text("l", read("r1", "a"), read("r2", "b"))
    silent = text("s")
    f = compare(left, silent, reading="broad").finding("x")
    assert f.relation is Relation.CONTESTED
    assert [(v.left_reader, v.right_reader, v.relation) for v in f.contested] == [
        ("r1", None, Relation.ONLY_LEFT),
        ("r2", None, Relation.ONLY_LEFT),
    ]
    mirrored = f.mirror()
    assert [(v.left_reader, v.right_reader, v.relation) for v in mirrored.contested] == [
        (None, "r1", Relation.ONLY_RIGHT),
        (None, "r2", Relation.ONLY_RIGHT),
    ]
    back = compare(silent, left, reading="broad").finding("x")
    assert back == mirrored
    assert back.contested == mirrored.contested
    assert f.contested != mirrored.contested


def test_explanations_of_reader_verdicts_name_the_relation_in_words() -> None:
    f = compare(_L("unsc-2024-06-10"), _L("gaza-agreement-2025-01-16"), reading="broad").finding(
        "hostilities/resumption"
    )
    text = f.explanation
    assert "read by Hamas / Hamas: the same outcomes;" in text
    assert "read by Hamas / AP: conflict;" in text
    g = compare(_L("hamas-2024-07-06"), _L("gaza-agreement-2025-01-16"), reading="broad").finding(
        "hostilities/resumption"
    )
    assert "read by AP: overlap;" in g.explanation
    assert "overlap (Israel & Hamas accept fewer)" in g.explanation  # two actors: the plural


def test_repr_and_latex_of_results() -> None:
    c = compare(_L("china-2023-02-24"), _L("russia-2023-02-24"))
    assert repr(c.finding("hostilities")) == (
        "<Finding hostilities (both): BROADER, common ground: end of war>"
    )
    broad = compare(_L("unsc-2024-06-10"), _L("gaza-agreement-2025-01-16"), reading="broad")
    assert repr(broad.finding("hostilities/resumption")) == (
        "<Finding hostilities/resumption (broad): CONTESTED, common ground: —>"
    )
    assert c.to_latex() == c.render("latex")


def test_variant_names_survive_a_mirror() -> None:
    ukraine, russia = _L("ukraine-2025-05-28"), _L("russia-2025-06-02")
    c = compare(ukraine, russia)
    names = [(v.left_variant, v.right_variant) for v in c.variants]
    assert names == [(None, "withdrawal"), (None, "package")]
    back = c.mirror()
    assert [(v.left_variant, v.right_variant) for v in back.variants] == [(b, a) for a, b in names]


def test_variant_names_with_dots_in_ids_and_names() -> None:
    book = Codebook(name="v", title="V", issues=[Issue(key="x", title="X", outcomes=("a", "b"))])
    ev = Evidence(document="d", locator="1")

    def on(*outcomes: str) -> list[Outcomes]:
        return [Outcomes(issue="x", outcomes=outcomes, evidence=ev)]

    left = Position(
        id="plan.v2",
        title="Plan",
        actors=("P",),
        date="2024-01-01",
        codebook=book,
        variants=[
            Variant(name="option.1", conditions=on("a")),
            Variant(name="b", conditions=on("b")),
        ],
    )
    right = Position(
        id="reply.2024",
        title="Reply",
        actors=("R",),
        date="2024-01-01",
        codebook=book,
        variants=[Variant(name="first.try", conditions=on("b"))],
    )
    c = compare(left, right)
    assert [(v.left_variant, v.right_variant) for v in c.variants] == [
        ("option.1", "first.try"),
        ("b", "first.try"),
    ]
    assert c.closest is not None
    assert (c.closest.left_variant, c.closest.right_variant) == ("b", "first.try")


def test_a_finding_knows_what_each_text_itself_says() -> None:
    """Finding.texts: each side's strict stance on the issue (None where its text is silent),
    for every reading, swapped by mirror()."""
    china, russia = _L("china-2023-02-24"), _L("russia-2023-02-24")
    for reading in ("strict", "broad", "both"):
        c = compare(china, russia, reading=reading)  # type: ignore[arg-type]
        for f in c.findings:
            assert f.texts == (
                china.constraints("strict").get(f.issue),
                russia.constraints("strict").get(f.issue),
            ), (reading, f.issue)
            assert f.mirror().texts == (f.texts[1], f.texts[0])
    crimea = compare(china, russia, reading="broad").finding("territory/crimea/control")
    assert crimea.texts == (None, None)
    assert crimea.left is not None  # readers' inference, not the text
    talks = compare(china, russia, reading="broad").finding("talks")
    assert talks.texts is not None
    assert str(talks.texts[0]) == "direct"
    assert str(talks.texts[1]) == "mediated or direct"


def test_a_finding_with_terms_keeps_the_rules_behind_each_side() -> None:
    """Where a side has conditional terms (the finding is built on the general path), the
    codebook rules that narrowed the other side's stance are still named."""
    f = compare(_L("ukraine-2022-03-29"), _L("ukraine-2025-12-14"), reading="broad").finding(
        "alignment/nato"
    )
    assert f.right_terms
    assert [r.when.issue for r in f.left_rules] == ["alignment/blocs"]
    g = compare(_L("ukraine-2025-12-14"), _L("ukraine-2022-03-29"), reading="broad").finding(
        "alignment/nato"
    )
    assert g.left_terms
    assert [r.when.issue for r in g.right_rules] == ["alignment/blocs"]


def test_a_finding_made_without_texts_mirrors_without_them() -> None:
    f = compare(_L("china-2023-02-24"), _L("russia-2023-02-24")).finding("hostilities")
    bare = attrs.evolve(f, texts=None)
    assert bare.mirror().texts is None
    assert bare.mirror().left == f.right
