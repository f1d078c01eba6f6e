"""The comparison engine: the headline case, readings, silence, N-way, change over time."""

from __future__ import annotations

import pytest
from ru import ArmyCap, EndOfHostilities, position

import peacepos
from peacepos import (
    ArmsDeliveryHalt,
    Basis,
    Ceasefire,
    ChangeKind,
    DirectDialogue,
    Evidence,
    NeutralStatus,
    Relation,
    Stage,
    compare,
    compare_many,
)
from peacepos.kinds import CeasefireScope, Timing

RU = peacepos.codebook("russia-ukraine")

AREAS = [
    "crimea",
    "luhansk",
    "donetsk/russian-held",
    "donetsk/ukrainian-held",
    "zaporizhzhia/russian-held",
    "zaporizhzhia/ukrainian-held",
    "kherson/russian-held",
    "kherson/ukrainian-held",
]
EV = Evidence(document="doc", locator="point 1")


@pytest.fixture(scope="module")
def headline() -> peacepos.Comparison:
    china = peacepos.corpus.load("china-2023-02-24")
    russia = peacepos.corpus.load("russia-2023-02-24")
    return compare(china, russia)


class TestHeadline:
    """What design.md says a careful analyst expects of China 2023 vs Russia 2023."""

    @pytest.mark.parametrize(
        ("issue", "common"),
        [
            ("hostilities", "end of war"),
            ("talks", "direct"),
            ("sanctions/unilateral", "rejected"),
        ],
    )
    def test_overlaps_with_common_ground(
        self, headline: peacepos.Comparison, issue: str, common: str
    ) -> None:
        f = headline.finding(issue)
        assert f.reading == "both"
        assert f.relation.group == "overlap"
        assert str(f.common_ground) == common
        assert f.left_conditions
        assert f.right_conditions

    @pytest.mark.parametrize("area", AREAS)
    def test_recognition_is_contested_under_the_broad_reading(
        self, headline: peacepos.Comparison, area: str
    ) -> None:
        # China's text is silent on territory; its readers disagree on what point 1 implies.
        key = f"territory/{area}/recognition"
        strict = headline.finding(key, "strict")
        broad = headline.finding(key, "broad")
        assert strict.relation is Relation.ONLY_RIGHT
        assert str(strict.right) == "Russian de jure"
        assert broad.relation is Relation.CONTESTED
        assert strict.reading_dependent
        assert broad.reading_dependent
        assert broad.left is None  # no reader's inference is shown as the text's
        relations = {v.relation for v in broad.contested}
        assert relations == {Relation.SAME, Relation.CONFLICT}
        for v in broad.contested:
            assert v.left_reader is not None
            for c in v.left_conditions:
                assert c.evidence.basis is Basis.IMPLIED
                assert v.left_reader in c.evidence.readers
                assert c.evidence.locator == "point 1"
        with pytest.raises(KeyError, match="depends on the reading"):
            headline.finding(key)

    @pytest.mark.parametrize("area", AREAS)
    def test_control_is_china_only_and_implied(
        self, headline: peacepos.Comparison, area: str
    ) -> None:
        key = f"territory/{area}/control"
        f = headline.finding(key, "broad")
        assert f.relation is Relation.ONLY_LEFT
        assert str(f.left) == "held by Ukraine"
        assert {c.evidence.basis for c in f.left_conditions} == {Basis.IMPLIED}
        with pytest.raises(KeyError, match="under the broad reading only"):
            headline.finding(key, "strict")

    @pytest.mark.parametrize(
        "issue",
        [
            "humanitarian/civilians",
            "humanitarian/corridors",
            "humanitarian/prisoners",
            "nuclear/plant-safety",
            "economy/grain-exports",
            "economy/supply-chains",
            "reconstruction",
        ],
    )
    def test_china_only(self, headline: peacepos.Comparison, issue: str) -> None:
        f = headline.finding(issue)
        assert f.relation is Relation.ONLY_LEFT
        assert f.reading == "both"
        assert f.common_ground is None

    @pytest.mark.parametrize("issue", ["military/limits", "minorities/language"])
    def test_russia_only(self, headline: peacepos.Comparison, issue: str) -> None:
        assert headline.finding(issue).relation is Relation.ONLY_RIGHT

    @pytest.mark.parametrize("issue", ["arms-deliveries", "alignment/nato"])
    def test_russia_only_strictly_overlap_broadly(
        self, headline: peacepos.Comparison, issue: str
    ) -> None:
        assert headline.finding(issue, "strict").relation is Relation.ONLY_RIGHT
        assert headline.finding(issue, "broad").relation.group == "overlap"

    def test_no_sequence_clash_in_2023(self, headline: peacepos.Comparison) -> None:
        assert not [f for f in headline.sequence if f.relation is Relation.CONFLICT]

    def test_every_finding_has_evidence(self, headline: peacepos.Comparison) -> None:
        for f in headline:
            # each side that speaks has the conditions behind what it accepts
            assert bool(f.left_conditions) == (f.left is not None)
            assert bool(f.right_conditions) == (f.right is not None)
            for side, conditions in ((f.left, f.left_conditions), (f.right, f.right_conditions)):
                if side is not None:
                    # the conditions touch the issue, or one the codebook says implies it
                    touched = {x.issue.key for c in conditions for x in c.constraints(RU)}
                    rules = {
                        i.then.issue for i in RU.all_implications() if i.when.issue in touched
                    }
                    rules |= {
                        i.when.issue for i in RU.all_implications() if i.then.issue in touched
                    }
                    assert f.issue in touched | rules

    def test_groups_partition_the_findings(self, headline: peacepos.Comparison) -> None:
        groups = (
            *headline.overlaps,
            *headline.conflicts,
            *headline.one_sided,
            *headline.contested,
        )
        assert sorted(map(id, groups)) == sorted(map(id, headline.findings))


class TestRelations:
    def test_each_relation(self) -> None:
        full = position("a", Ceasefire(evidence=EV))
        end = position("b", EndOfHostilities(evidence=EV))
        partial = position("c", Ceasefire(scope=CeasefireScope.PARTIAL, evidence=EV))
        halt = position("d", ArmsDeliveryHalt(evidence=EV))
        rel = lambda a, b: compare(a, b).finding("hostilities").relation  # noqa: E731
        assert rel(full, full) is Relation.SAME
        assert rel(end, full) is Relation.NARROWER
        assert rel(partial, full) is Relation.BROADER
        assert rel(full, halt) is Relation.ONLY_LEFT
        assert rel(halt, full) is Relation.ONLY_RIGHT
        low = position("e", ArmyCap(at_least=10, at_most=20, evidence=EV))
        mid = position("f", ArmyCap(at_least=15, at_most=30, evidence=EV))
        far = position("g", ArmyCap(at_least=50, evidence=EV))
        assert (
            compare(low, mid).finding("military/army-cap/peacetime").relation is Relation.OVERLAP
        )
        conflict = compare(low, far).finding("military/army-cap/peacetime")
        assert conflict.relation is Relation.CONFLICT
        assert "a gap of 30 troops" in conflict.explanation

    def test_mirror(self, headline: peacepos.Comparison) -> None:
        back = compare(headline.right, headline.left)
        assert back.findings == headline.mirror().findings

    def test_silence_policy_accept(self) -> None:
        a = position("a", Ceasefire(evidence=EV))
        b = position("b", ArmsDeliveryHalt(evidence=EV))
        result = compare(a, b, silence="accept", reading="strict")
        assert result.finding("hostilities").relation is Relation.NARROWER
        assert str(result.finding("hostilities").common_ground) == "full ceasefire or end of war"
        assert compare(a, b).finding("hostilities").relation is Relation.ONLY_LEFT

    def test_bad_arguments(self) -> None:
        a = position("a", Ceasefire(evidence=EV))
        with pytest.raises(ValueError, match="reading"):
            compare(a, a, reading="wide")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="silence"):
            compare(a, a, silence="ignore")  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="Position"):
            compare(a, "russia-2023-02-24")  # type: ignore[arg-type]

    def test_sequence_clash(self) -> None:
        now = position("a", DirectDialogue(timing=Timing.WITHOUT_PRECONDITIONS, evidence=EV))
        terms = position(
            "b",
            NeutralStatus(evidence=EV, stage=Stage.PRECONDITION_FOR_TALKS),
            DirectDialogue(evidence=EV),
        )
        result = compare(now, terms)
        (clash,) = [f for f in result.sequence if f.relation is Relation.CONFLICT]
        assert clash.issue == "sequence/talks"
        assert result.finding("talks").relation is Relation.SAME  # substance agrees
        # "as soon as possible" is urgency, not a sequence: no clash
        asap = position("c", DirectDialogue(timing=Timing.AS_SOON_AS_POSSIBLE, evidence=EV))
        assert compare(asap, terms).finding("sequence/talks").relation is Relation.ONLY_RIGHT

    def test_labels_for_one_actor_at_two_dates(self) -> None:
        a = position("a1", Ceasefire(evidence=EV), actor="A", date="2022-01-01")
        b = position("a2", Ceasefire(evidence=EV), actor="A", date="2023-01-01")
        f = compare(a, b).finding("hostilities")
        assert f.left_label == "A (2022-01-01)"
        assert f.right_label == "A (2023-01-01)"


class TestMany:
    def test_pairwise_overlap_does_not_imply_joint_overlap(self) -> None:
        # a∩b, b∩c and a∩c are each non-empty, but a∩b∩c is empty.
        a = position("a", ArmyCap(at_least=0, at_most=20, evidence=EV))
        b = position("b", ArmyCap(at_least=10, at_most=30, evidence=EV))
        c = position("c", ArmyCap(at_least=25, at_most=30, evidence=EV), date="2023-01-03")
        many = compare_many(a, b, c)
        agreement = many.agreement("military/army-cap/peacetime")
        assert agreement.blocking
        assert agreement.conflicting_pairs == (("a", "c"),)
        assert set(agreement.coalitions) == {("a", "b"), ("b", "c")}
        assert "military/army-cap/peacetime" not in many.common_ground

    def test_joint_common_ground_and_silence(self) -> None:
        a = position("a", Ceasefire(evidence=EV), ArmsDeliveryHalt(evidence=EV))
        b = position("b", Ceasefire(scope=CeasefireScope.PARTIAL, evidence=EV))
        c = position("c", EndOfHostilities(evidence=EV))
        many = compare_many(c, a, b)
        assert [p.id for p in many.positions] == ["a", "b", "c"]
        assert str(many.common_ground["hostilities"]) == "end of war"
        arms = many.agreement("arms-deliveries")
        assert arms.addressed_by == ("a",)
        assert arms.silent == ("b", "c")
        assert not many.blocking
        assert compare_many(a, b, c) == many  # input order does not matter
        assert many.matrix()[("a", "b")]["hostilities"] is Relation.NARROWER

    def test_bad_input(self) -> None:
        a = position("a", Ceasefire(evidence=EV))
        with pytest.raises(ValueError, match="at least two"):
            compare_many(a)
        with pytest.raises(ValueError, match="repeated: a"):
            compare_many(a, a)


class TestChanges:
    def test_labels(self) -> None:
        before = position(
            "x1",
            Ceasefire(scope=CeasefireScope.PARTIAL, evidence=EV),
            ArmsDeliveryHalt(evidence=EV),
            ArmyCap(at_most=100, evidence=EV),
            actor="X",
            date="2022-01-01",
        )
        after = position(
            "x2",
            Ceasefire(evidence=EV),
            NeutralStatus(evidence=EV),
            ArmyCap(at_most=200, evidence=EV),
            actor="X",
            date="2023-01-01",
        )
        kinds = {c.issue: c.kind for c in peacepos.changes(before, after)}
        assert kinds["hostilities"] is ChangeKind.HARDENED
        assert kinds["military/army-cap/peacetime"] is ChangeKind.SOFTENED
        assert kinds["arms-deliveries"] is ChangeKind.DROPPED
        assert kinds["alignment/nato"] is ChangeKind.ADDED
        with pytest.raises(ValueError, match="dated after"):
            peacepos.changes(after, before)


class TestApi:
    def test_shifted_and_reading_dependent_changes(self) -> None:
        implied = Evidence(
            document="doc", locator="p2", basis=Basis.IMPLIED, readers=["x"], rationale="r"
        )
        before = position(
            "x1",
            ArmyCap(at_least=10, at_most=20, evidence=EV),
            ArmsDeliveryHalt(evidence=implied),
            actor="X",
            date="2022-01-01",
        )
        after = position(
            "x2", ArmyCap(at_least=15, at_most=30, evidence=EV), actor="X", date="2023-01-01"
        )
        broad = {c.issue: c for c in peacepos.changes(before, after)}
        assert broad["military/army-cap/peacetime"].kind is ChangeKind.SHIFTED
        assert not broad["military/army-cap/peacetime"].reading_dependent
        assert broad["arms-deliveries"].kind is ChangeKind.DROPPED
        assert broad["arms-deliveries"].reading_dependent  # strictly, never addressed
        assert "dropped*" in peacepos.changes(before, after).render("plain")

    def test_silence_accept_with_both_readings(self) -> None:
        implied = Evidence(
            document="doc", locator="p2", basis=Basis.IMPLIED, readers=["x"], rationale="r"
        )
        a = position("a", Ceasefire(evidence=implied))
        b = position("b", EndOfHostilities(evidence=EV))
        result = compare(a, b, silence="accept")
        strict = result.finding("hostilities", "strict")
        broad = result.finding("hostilities", "broad")
        assert strict.relation is Relation.BROADER  # silence taken as accepting anything
        assert strict.left == peacepos.Constraint.full(RU["hostilities"])
        assert broad.relation is Relation.BROADER
        assert broad.left == peacepos.Constraint.of(
            RU["hostilities"], "full-ceasefire", "end-of-war"
        )

    def test_misuse_is_explained(self) -> None:
        a, b = position("a", Ceasefire(evidence=EV)), position("b", Ceasefire(evidence=EV))
        with pytest.raises(TypeError, match="compare_many"):
            compare(a, b, a)  # type: ignore[misc]
        with pytest.raises(ValueError, match="reading must be"):
            compare(a, b).finding("hostilities", "Strict")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="strict reading only"):
            compare(a, b, reading="strict").finding("hostilities", "broad")
        with pytest.raises(LookupError, match="no built-in position"):
            peacepos.corpus.load("china-2032-02-24")
        assert repr(compare(a, b)) == (
            "<Comparison a vs b, reading=both: 1 issue; with overlap 1, in conflict 0, "
            "one-sided 0, contested 0>"
        )


def test_an_issue_both_address_only_under_terms_is_explained() -> None:
    """Two texts that each offer disarmament only under a term: no unconditional stance on
    either side, and the explanation says so instead of failing."""
    earlier = peacepos.corpus.load("hamas-2024-06-11")
    later = peacepos.corpus.load("hamas-2024-07-06")
    found = compare(earlier, later).finding("gaza/disarmament")
    assert found.left is None
    assert found.right is None
    assert found.explanation.startswith("Neither Hamas (2024-06-11) nor Hamas (2024-07-06)")
    assert "<" not in compare(earlier, later).render("plain")  # the whole table renders
