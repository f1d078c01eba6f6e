"""Conditions: evidence, stages, compile steps and the registry."""

from __future__ import annotations

import attrs
import pytest

import peacepos
from peacepos import (
    ArmyCap,
    Basis,
    Ceasefire,
    CeasefireScope,
    Condition,
    Constraint,
    DirectDialogue,
    Evidence,
    NeutralStatus,
    Stage,
    TerritorialRecognition,
    TerritorialStatus,
    Timing,
    TroopWithdrawal,
)

EV = Evidence(document="doc", locator="point 1")


def compiled(c: Condition) -> dict[str, set[object]]:
    return {
        x.issue.key: set(x) if not isinstance(x, peacepos.IntervalSet) else set(x.bounds)
        for x in c.constraints()
    }


class TestEvidence:
    def test_quote_limit(self) -> None:
        Evidence(document="d", locator="l", quote=" ".join(["word"] * 12))
        with pytest.raises(ValueError, match="at most 12 words"):
            Evidence(document="d", locator="l", quote=" ".join(["word"] * 13))

    def test_implied_needs_rationale(self) -> None:
        with pytest.raises(ValueError, match="rationale"):
            Evidence(document="d", locator="l", basis=Basis.IMPLIED)
        e = Evidence(document="d", locator="l", basis=Basis.IMPLIED, rationale="because")
        assert e.basis is Basis.IMPLIED

    @pytest.mark.parametrize("field", ["document", "locator"])
    def test_blank_text_is_refused(self, field: str) -> None:
        kwargs = {"document": "d", "locator": "l", field: "  "}
        with pytest.raises(ValueError, match=f"{field} must not be empty"):
            Evidence(**kwargs)

    def test_evidence_is_not_part_of_equality(self) -> None:
        other = Evidence(document="x", locator="y", quote="different")
        assert Ceasefire(evidence=EV) == Ceasefire(evidence=other)
        assert Ceasefire(evidence=EV) != Ceasefire(evidence=EV, stage=Stage.PRECONDITION_FOR_TALKS)


class TestCompile:
    def test_ceasefire_scopes(self) -> None:
        full = compiled(Ceasefire(evidence=EV))
        partial = compiled(Ceasefire(scope=CeasefireScope.PARTIAL, evidence=EV))
        assert full == {"hostilities": {"full-ceasefire", "end-of-war"}}
        assert partial["hostilities"] > full["hostilities"]

    def test_timing_compiles_to_the_sequence_issue(self) -> None:
        c = compiled(DirectDialogue(timing=Timing.AS_SOON_AS_POSSIBLE, evidence=EV))
        assert c == {"talks": {"direct"}, "sequence/talks": {"without-preconditions"}}
        assert compiled(DirectDialogue(evidence=EV)) == {"talks": {"direct"}}

    @pytest.mark.parametrize(
        ("stage", "key"),
        [
            (Stage.PRECONDITION_FOR_TALKS, "sequence/talks"),
            (Stage.PRECONDITION_FOR_CEASEFIRE, "sequence/ceasefire"),
        ],
    )
    def test_a_precondition_stage_adds_a_sequence_constraint(self, stage: Stage, key: str) -> None:
        c = compiled(NeutralStatus(evidence=EV, stage=stage))
        assert c[key] == {"after-preconditions"}
        assert c["alignment/nato"] == {"not-member"}
        assert "sequence/talks" not in compiled(NeutralStatus(evidence=EV))

    def test_territory(self) -> None:
        rec = compiled(TerritorialRecognition(regions=["crimea", "kherson"], evidence=EV))
        assert rec == {
            "territory/crimea": {"russia-de-jure"},
            "territory/kherson": {"russia-de-jure"},
        }
        facto = compiled(TerritorialRecognition(regions=["crimea"], de_facto=True, evidence=EV))
        assert facto == {"territory/crimea": {"russia-de-facto"}}
        out = compiled(
            TroopWithdrawal(side=peacepos.Side.UKRAINE, regions=["donetsk"], evidence=EV)
        )
        assert out == {"territory/donetsk": {"russia-de-jure", "russia-de-facto"}}
        deferred = compiled(TerritorialStatus(regions=["crimea"], status="deferred", evidence=EV))
        assert deferred == {"territory/crimea": {"deferred"}}

    def test_unknown_region_and_status_are_refused(self) -> None:
        with pytest.raises(KeyError, match="unknown region 'atlantis'"):
            TerritorialRecognition(regions=["atlantis"], evidence=EV)
        with pytest.raises(ValueError, match="at least one region"):
            TerritorialRecognition(regions=[], evidence=EV)
        with pytest.raises(TypeError, match="not a string"):
            TerritorialRecognition(regions="crimea", evidence=EV)  # type: ignore[arg-type]
        with pytest.raises(KeyError, match="'annexed' is not an outcome"):
            TerritorialStatus(regions=["crimea"], status="annexed", evidence=EV)

    def test_army_cap(self) -> None:
        (c,) = ArmyCap(at_most=85_000, evidence=EV).constraints()
        assert c == Constraint.at_most("military/army-cap", 85_000)
        with pytest.raises(ValueError, match="at_least, at_most or both"):
            ArmyCap(evidence=EV)
        with pytest.raises(ValueError, match="must not exceed"):
            ArmyCap(at_least=10, at_most=5, evidence=EV)
        with pytest.raises(ValueError, match="from 0 to"):
            ArmyCap(at_most=-1, evidence=EV)
        with pytest.raises(TypeError, match="whole number"):
            ArmyCap(at_most=True, evidence=EV)

    def test_every_builtin_type_compiles_to_known_issues(self) -> None:
        for kind, cls in peacepos.condition_types().items():
            assert cls.kind == kind
            assert attrs.has(cls)
            assert cls.__doc__, f"{cls.__name__} needs a docstring"

    def test_describe(self) -> None:
        c = TerritorialRecognition(
            regions=["kherson", "crimea"], evidence=EV, stage=Stage.PRECONDITION_FOR_TALKS
        )
        assert c.describe() == (
            "territorial recognition (regions: crimea, kherson) [precondition for talks]"
        )
        assert Ceasefire(evidence=EV).describe() == "ceasefire"
        assert peacepos.Accountability(waived=True, evidence=EV).describe() == (
            "legal actions against Russia (waived)"
        )
        assert ArmyCap(at_most=85_000, evidence=EV).describe() == "army cap (at most: 85,000)"
        assert peacepos.NatoNonMembership(evidence=EV).describe() == "NATO non-membership"


class TestRegistry:
    def test_kind_is_validated(self) -> None:
        with pytest.raises(ValueError, match="lower-case"):
            peacepos.condition_type("Not Valid")

    def test_a_kind_cannot_be_taken_twice(self) -> None:
        with pytest.raises(ValueError, match="already taken"):

            @peacepos.condition_type("ceasefire")
            @attrs.frozen(kw_only=True)
            class Impostor(Condition):
                def compile(self):  # type: ignore[no-untyped-def]
                    return ()

    def test_only_attrs_conditions_register(self) -> None:
        with pytest.raises(TypeError, match="attrs subclass of Condition"):
            peacepos.condition_type("plain-class")(object)  # type: ignore[type-var]

    def test_lookup(self) -> None:
        assert peacepos.get_condition_type("ceasefire") is Ceasefire
        with pytest.raises(KeyError, match="unknown condition kind 'truce'"):
            peacepos.get_condition_type("truce")
