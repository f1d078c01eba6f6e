"""Conditions: evidence, stages, typed kinds, declared kinds, typed values."""

from __future__ import annotations

import attrs
import pytest

import peacepos
from peacepos import Basis, Ceasefire, Condition, Constraint, DirectDialogue, Evidence, Stage
from peacepos.conditions import Declared, condition_sort_key
from peacepos.constraints import IntervalSet
from peacepos.kinds import (
    BUILTIN,
    CeasefireScope,
    NeutralStatus,
    TerritorialRecognition,
    Timing,
    condition,
    kind,
    kind_of,
)
from peacepos.vocabulary import KindSpec

RU = peacepos.codebook("russia-ukraine")
CORE = peacepos.codebook("core")
EV = Evidence(document="doc", locator="point 1")


def compiled(c: Condition, codebook: peacepos.Codebook = RU) -> dict[str, set[object]]:
    return {
        x.issue.key: set(x.bounds) if isinstance(x, IntervalSet) else set(x)
        for x in c.constraints(codebook)
    }


def declared(name: str, **args: object) -> Declared:
    made = condition(RU, name, evidence=EV, **args)
    assert isinstance(made, Declared)
    return made


class TestEvidence:
    def test_quote_limit(self) -> None:
        Evidence(document="d", locator="l", quote=" ".join(["word"] * 12))
        with pytest.raises(ValueError, match="at most 12 words"):
            Evidence(document="d", locator="l", quote=" ".join(["word"] * 13))
        with pytest.raises(ValueError, match="at most 200 characters"):
            Evidence(document="d", locator="l", quote="x" * 201)

    def test_implied_needs_rationale_and_explicit_has_no_readers(self) -> None:
        with pytest.raises(ValueError, match="rationale"):
            Evidence(document="d", locator="l", basis=Basis.IMPLIED)
        with pytest.raises(ValueError, match="IMPLIED evidence names its readers"):
            Evidence(document="d", locator="l", basis="implied", rationale="because")
        e = Evidence(
            document="d",
            locator="l",
            basis="implied",
            readers=["the analyst"],
            rationale="because",
        )
        assert e.basis is Basis.IMPLIED
        with pytest.raises(ValueError, match="EXPLICIT evidence has no readers"):
            Evidence(document="d", locator="l", readers=["an analyst"])

    @pytest.mark.parametrize("field", ["document", "locator"])
    def test_blank_text_is_refused(self, field: str) -> None:
        kwargs = {"document": "d", "locator": "l", field: " \u200b "}
        with pytest.raises(ValueError, match=f"{field} must not be empty"):
            Evidence(**kwargs)

    def test_long_and_unsafe_text_is_refused(self) -> None:
        with pytest.raises(ValueError, match="longer than 2,000"):
            Evidence(document="d", locator="l", note="x" * 2001)
        with pytest.raises(ValueError, match="bidirectional"):
            Evidence(document="d", locator="l", source="a\u202eb")

    def test_where_a_text_says_it_is_not_part_of_equality(self) -> None:
        other = Evidence(document="x", locator="y", quote="different")
        assert Ceasefire(evidence=EV) == Ceasefire(evidence=other)
        assert Ceasefire(evidence=EV) != Ceasefire(evidence=EV, stage=Stage.PRECONDITION_FOR_TALKS)
        implied = Evidence(
            document="d", locator="l", basis="implied", readers=["the analyst"], rationale="r"
        )
        assert Ceasefire(evidence=EV) != Ceasefire(evidence=implied)


class TestTypedKinds:
    def test_ceasefire_scopes(self) -> None:
        full = compiled(Ceasefire(evidence=EV))
        partial = compiled(Ceasefire(scope=CeasefireScope.PARTIAL, evidence=EV))
        assert full == {"hostilities": {"full-ceasefire", "end-of-war"}}
        assert partial["hostilities"] > full["hostilities"]

    def test_timing_compiles_to_the_sequence_issue(self) -> None:
        c = compiled(DirectDialogue(timing=Timing.WITHOUT_PRECONDITIONS, evidence=EV))
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
        assert c["alignment/blocs"] == {"non-bloc"}
        assert "sequence/talks" not in compiled(NeutralStatus(evidence=EV))

    def test_territorial_recognition(self) -> None:
        rec = compiled(TerritorialRecognition(regions=["crimea", "kherson"], evidence=EV))
        # an area with parts: each part's issue
        assert rec == {
            "territory/crimea/recognition": {"de-jure"},
            "territory/kherson/russian-held/recognition": {"de-jure"},
            "territory/kherson/ukrainian-held/recognition": {"de-jure"},
        }
        facto = compiled(TerritorialRecognition(regions=["crimea"], de_facto=True, evidence=EV))
        assert facto == {"territory/crimea/recognition": {"de-facto"}}
        us_only = TerritorialRecognition(regions=["crimea"], partial=True, evidence=EV)
        assert compiled(us_only) == {"territory/crimea/recognition": {"de-jure-partial"}}

    def test_unknown_or_missing_areas_are_refused(self) -> None:
        with pytest.raises(KeyError, match="unknown area 'atlantis'"):
            TerritorialRecognition(regions=["atlantis"], evidence=EV).constraints(RU)
        with pytest.raises(ValueError, match="at least one area"):
            TerritorialRecognition(regions=[], evidence=EV)
        with pytest.raises(TypeError, match="not one string"):
            TerritorialRecognition(regions="crimea", evidence=EV)  # type: ignore[arg-type]

    def test_a_kind_needs_its_issues_in_the_codebook(self) -> None:
        with pytest.raises(KeyError, match="unknown area 'crimea' in codebook 'core'"):
            TerritorialRecognition(regions=["crimea"], evidence=EV).constraints(CORE)
        assert compiled(Ceasefire(evidence=EV), CORE) == compiled(Ceasefire(evidence=EV))

    def test_generic_kinds(self) -> None:
        out = peacepos.kinds.Outcomes(issue="alignment/eu", outcomes=["candidate"], evidence=EV)
        assert compiled(out) == {"alignment/eu": {"candidate"}}
        cap = "military/army-cap/peacetime"
        rng = peacepos.kinds.Range(issue=cap, at_most=85_000, evidence=EV)
        assert rng.constraints(RU) == (Constraint.at_most(RU[cap], 85_000),)
        with pytest.raises(TypeError, match="not numeric"):
            peacepos.kinds.Range(issue="hostilities", at_most=1, evidence=EV).constraints(RU)
        with pytest.raises(ValueError, match="at_least, at_most or both"):
            peacepos.kinds.Range(issue=cap, evidence=EV)

    def test_every_typed_kind_is_an_attrs_class_with_a_docstring(self) -> None:
        for name, cls in BUILTIN.items():
            assert cls.kind == name
            assert attrs.has(cls)
            assert cls.__doc__, f"{cls.__name__} needs a docstring"


class TestDeclaredKinds:
    def test_narrows(self) -> None:
        assert compiled(declared("un-charter")) == {"principles/un-charter": {"observed"}}

    def test_choices_and_defaults(self) -> None:
        assert compiled(declared("prisoner-exchange")) == {
            "humanitarian/prisoners": {"all-for-all", "partial-exchange"}
        }
        assert compiled(declared("prisoner-exchange", all_for_all=True)) == {
            "humanitarian/prisoners": {"all-for-all"}
        }
        # A value equal to the default is the same condition as leaving it out.
        assert declared("prisoner-exchange", all_for_all=False) == declared("prisoner-exchange")

    def test_areas_and_choices_together(self) -> None:
        out = compiled(declared("troop-withdrawal", side="ukraine", regions=["donetsk"]))
        assert out == {
            "territory/donetsk/russian-held/control": {"russia", "demilitarised"},
            "territory/donetsk/ukrainian-held/control": {"russia", "demilitarised"},
        }
        deferred = compiled(declared("territorial-status", regions=["crimea"], status="deferred"))
        assert deferred == {"territory/crimea/recognition": {"deferred"}}

    def test_held_by_fills_in_each_part(self) -> None:
        freeze = compiled(declared("freeze-at-line", regions=["zaporizhzhia", "crimea"]))
        assert freeze == {
            "territory/crimea/control": {"russia"},
            "territory/zaporizhzhia/russian-held/control": {"russia"},
            "territory/zaporizhzhia/ukrainian-held/control": {"ukraine"},
        }

    def test_bounds_with_a_choice_in_the_key(self) -> None:
        tanks = compiled(declared("equipment-cap", equipment="tanks", at_most=342))
        assert tanks == {"military/tanks-cap": {(0, 342)}}
        wartime = compiled(declared("army-cap", scope="wartime", at_least=800_000))
        assert wartime == {"military/army-cap/wartime": {(800_000, 10**15 + 1)}}  # or no cap

    def test_bad_parameters_name_the_parameter_and_the_choices(self) -> None:
        with pytest.raises(ValueError, match="has no parameter 'sides'; its parameters: side"):
            declared("troop-withdrawal", sides="russia", regions=["crimea"])
        with pytest.raises(ValueError, match="needs 'side': one of russia, ukraine"):
            declared("troop-withdrawal", regions=["crimea"])
        with pytest.raises(KeyError, match="unknown area 'atlantis'"):
            declared("territorial-status", regions=["atlantis"], status="deferred")
        with pytest.raises(ValueError, match="must not exceed"):
            declared("army-cap", at_least=10, at_most=5)
        with pytest.raises(ValueError, match="at_least, at_most or both"):
            declared("army-cap")
        with pytest.raises(TypeError, match="whole number"):
            declared("army-cap", at_most=True)

    def test_a_declared_condition_belongs_to_its_codebook(self) -> None:
        with pytest.raises(KeyError, match="unknown condition kind 'troop-withdrawal'"):
            condition(CORE, "troop-withdrawal", side="russia", regions=["crimea"], evidence=EV)
        withdrawal = declared("troop-withdrawal", side="russia", regions=["crimea"])
        with pytest.raises(KeyError, match="codebook 'core' has no kind 'troop-withdrawal'"):
            withdrawal.constraints(CORE)
        # The same kind under another title (core's accountability) compiles alike.
        assert compiled(declared("accountability"), CORE) == compiled(declared("accountability"))

    def test_describe(self) -> None:
        c = TerritorialRecognition(
            regions=["kherson", "crimea"], evidence=EV, stage=Stage.PRECONDITION_FOR_TALKS
        )
        assert c.describe() == (
            "territorial recognition (regions: crimea, kherson) [precondition for talks]"
        )
        assert Ceasefire(evidence=EV).describe() == "ceasefire"
        assert declared("accountability", waived=True).describe() == (
            "legal actions against Russia (waived)"
        )
        assert declared("army-cap", at_most=85_000).describe() == "army cap (at most: 85,000)"
        assert declared("nato-non-membership").describe() == "NATO non-membership"
        assert declared(
            "troop-withdrawal", side="russia", regions=["kherson", "crimea"]
        ).describe() == ("troop withdrawal (side: russia; regions: crimea, kherson)")


def _choice_fields() -> list[tuple[str, str]]:
    """Every choice parameter of every declared kind of the built-in codebooks."""
    out = []
    for book in (CORE, RU):
        for name in book.kind_names():
            spec = book.kind(name)
            if isinstance(spec, KindSpec):
                out += [(f"{book.name}:{name}", p) for p, _ in spec.choices]
    return sorted(set(out))


class TestTypedValues:
    """Every enum-valued field takes the enum or its documented string, or refuses — never a
    silent misreading (a string compared with ``is`` against an enum member)."""

    def test_ceasefire_scope(self) -> None:
        assert Ceasefire(scope="full", evidence=EV) == Ceasefire(evidence=EV)
        assert Ceasefire(scope="partial", evidence=EV).scope is CeasefireScope.PARTIAL
        with pytest.raises(ValueError, match="scope must be one of 'partial', 'full'"):
            Ceasefire(scope="total", evidence=EV)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="scope must be a CeasefireScope"):
            Ceasefire(scope=1, evidence=EV)  # type: ignore[arg-type]

    @pytest.mark.parametrize("cls", [Ceasefire, DirectDialogue])
    def test_timing(self, cls: type[Ceasefire | DirectDialogue]) -> None:
        made = cls(timing="without-preconditions", evidence=EV)  # type: ignore[arg-type]
        assert made.timing is Timing.WITHOUT_PRECONDITIONS
        with pytest.raises(ValueError, match="timing must be one of 'unspecified'"):
            cls(timing="asap", evidence=EV)  # type: ignore[arg-type]

    def test_stage(self) -> None:
        made = Ceasefire(stage="precondition-for-talks", evidence=EV)  # type: ignore[arg-type]
        assert made.stage is Stage.PRECONDITION_FOR_TALKS
        assert "sequence/talks" in compiled(made)
        with pytest.raises(ValueError, match="stage must be one of 'settlement'"):
            Ceasefire(stage="before-talks", evidence=EV)  # type: ignore[arg-type]

    def test_basis(self) -> None:
        with pytest.raises(ValueError, match="basis must be one of 'explicit', 'implied'"):
            Evidence(document="d", locator="l", basis="inferred")  # type: ignore[arg-type]

    @pytest.mark.parametrize(("kind", "param"), _choice_fields())
    def test_declared_choice(self, kind: str, param: str) -> None:
        book = CORE if kind.startswith("core:") else RU
        spec = book.kind(kind.split(":", 1)[1])
        assert isinstance(spec, KindSpec)
        extra: dict[str, object] = {}
        if spec.areas:
            extra[spec.areas] = ["crimea"]
        if spec.bounds:
            extra["at_most"] = 1
        for other, _ in spec.choices:  # fill the other required choices
            if other != param and spec.default(other) is None:
                extra[other] = spec.values(other)[0]
        for value in spec.values(param):
            given: object = (value == "true") if spec.flag(param) else value
            made = condition(book, spec.name, evidence=EV, **{param: given}, **extra)
            assert made.get(param) == given  # type: ignore[attr-defined]
        wrong: object = "yes" if spec.flag(param) else "no-such-value"
        with pytest.raises((ValueError, TypeError), match=param):
            condition(book, spec.name, evidence=EV, **{param: wrong}, **extra)


class TestKindDecorator:
    def test_kind_names_are_validated(self) -> None:
        with pytest.raises(ValueError, match="lower-case"):
            kind("Not Valid")

    def test_only_attrs_conditions(self) -> None:
        with pytest.raises(TypeError, match="attrs subclass of Condition"):
            kind("plain-class")(object)

    def test_a_codebook_may_not_declare_a_typed_kind(self) -> None:
        spec = KindSpec(name="ceasefire", narrows={"hostilities": ["end-of-war"]})
        with pytest.raises(peacepos.PeaceposError, match="built-in typed kind"):
            peacepos.Codebook(name="x", title="X", includes=[CORE], kinds=[spec])

    def test_lookup(self) -> None:
        assert kind_of(RU, "ceasefire") is Ceasefire
        assert isinstance(kind_of(RU, "troop-withdrawal"), KindSpec)
        with pytest.raises(KeyError, match="did you mean 'ceasefire'"):
            kind_of(RU, "ceasfire")


def test_canonical_order_sorts_locator_numbers_as_numbers() -> None:
    at = [Evidence(document="d", locator=f"point {n}") for n in (10, 6, 2)]
    ordered = sorted((Ceasefire(evidence=e) for e in at), key=condition_sort_key)
    assert [c.evidence.locator for c in ordered] == ["point 2", "point 6", "point 10"]


def test_a_list_of_areas_that_names_one_twice_is_refused_as_in_files() -> None:
    ru = peacepos.codebook("russia-ukraine")
    ev = peacepos.Evidence(document="d", locator="l")
    with pytest.raises(ValueError, match="regions: 'crimea' is named twice"):
        peacepos.kinds.condition(
            ru, "troop-withdrawal", side="russia", regions=["crimea", "crimea"], evidence=ev
        )
    once = peacepos.kinds.condition(
        ru, "troop-withdrawal", side="russia", regions=["crimea", "luhansk"], evidence=ev
    )
    assert dict(once.args)["regions"] == frozenset({"crimea", "luhansk"})
