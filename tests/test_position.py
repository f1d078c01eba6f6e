"""Positions: per-issue constraints, readings, contradictions, canonical order, endorsement."""

from __future__ import annotations

import datetime

import attrs
import pytest

import peacepos
from peacepos import (
    ArmsDeliveryHalt,
    Basis,
    Ceasefire,
    ContradictionError,
    Evidence,
    NeutralStatus,
    Position,
    TerritorialRecognition,
)
from peacepos.kinds import condition
from peacepos.position import Endorsement

RU = peacepos.codebook("russia-ukraine")
EV = Evidence(document="doc", locator="point 1")
IMPLIED = Evidence(
    document="doc",
    locator="point 2",
    basis=Basis.IMPLIED,
    readers=["a reader"],
    rationale="a reading",
)


def EndOfHostilities(evidence: Evidence) -> peacepos.Condition:
    return condition(RU, "end-of-hostilities", evidence=evidence)


def TerritorialIntegrity(regions: list[str], evidence: Evidence) -> peacepos.Condition:
    return condition(RU, "territorial-integrity", regions=regions, evidence=evidence)


def position(*conditions: peacepos.Condition, id: str = "p") -> Position:
    return Position(
        id=id,
        title="A position",
        actors=("A",),
        date="2023-02-24",
        codebook=RU,
        conditions=conditions,
    )


def make(**fields: object) -> Position:
    base: dict[str, object] = dict(
        id="p", title="t", actors=("A",), date="2023-01-01", codebook=RU, conditions=()
    )
    return Position(**{**base, **fields})  # type: ignore[arg-type]


def test_constraint_is_the_intersection_of_conditions() -> None:
    p = position(Ceasefire(evidence=EV), EndOfHostilities(evidence=EV))
    assert str(p.constraint("hostilities")) == "end of war"
    assert len(p.conditions_on("hostilities")) == 2
    assert p.constraint("talks") is None
    assert p.conditions_on("talks") == ()


def test_readings() -> None:
    p = position(Ceasefire(evidence=EV), ArmsDeliveryHalt(evidence=IMPLIED))
    assert set(p.constraints("strict")) == {"hostilities"}
    assert set(p.constraints("broad")) == {"hostilities", "arms-deliveries"}
    assert p.constraints() == p.constraints("broad")
    with pytest.raises(ValueError, match="reading must be"):
        p.constraints("loose")  # type: ignore[arg-type]


def test_constraints_follow_catalogue_order_and_are_read_only() -> None:
    p = position(ArmsDeliveryHalt(evidence=EV), Ceasefire(evidence=EV))
    assert list(p.constraints()) == ["hostilities", "arms-deliveries"]
    with pytest.raises(TypeError):
        p.constraints()["talks"] = None  # type: ignore[index]


def test_a_self_contradictory_position_names_both_conditions() -> None:
    first = TerritorialIntegrity(
        regions=["crimea"], evidence=Evidence(document="d", locator="point 1")
    )
    second = TerritorialRecognition(
        regions=["crimea"], evidence=Evidence(document="d", locator="point 4")
    )
    with pytest.raises(ContradictionError) as info:
        position(first, second)
    message = str(info.value)
    assert "territory/crimea" in message
    assert "territorial integrity" in message
    assert "point 1" in message
    assert "territorial recognition" in message
    assert "point 4" in message
    assert isinstance(info.value, ValueError)


def test_an_implied_contradiction_is_still_a_contradiction() -> None:
    with pytest.raises(ContradictionError):
        position(
            TerritorialIntegrity(regions=["crimea"], evidence=EV),
            TerritorialRecognition(regions=["crimea"], evidence=IMPLIED),
        )


def test_condition_order_does_not_matter() -> None:
    a = [
        Ceasefire(evidence=EV),
        ArmsDeliveryHalt(evidence=EV),
        TerritorialIntegrity(regions=["crimea", "donetsk"], evidence=EV),
    ]
    assert position(*a) == position(*reversed(a))
    assert position(*a).conditions == position(*reversed(a)).conditions


def test_fields_are_validated() -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        make(date="24.02.2023")
    with pytest.raises(ValueError, match="between 1800 and 2200"):
        make(date="0999-01-01")
    with pytest.raises(ValueError, match="at least one actor"):
        make(actors=())
    with pytest.raises(ValueError, match="actors must be distinct"):
        make(actors=("A", "A"))
    with pytest.raises(ValueError, match="lower-case"):
        make(id="Not An Id")
    with pytest.raises(ValueError, match="title must not be empty"):
        make(title=" ")
    with pytest.raises(ValueError, match="notes is longer than 2,000"):
        make(notes="\t" * 2001)
    with pytest.raises(ValueError, match="confidence_level must be one of"):
        make(confidence_level="certain")
    with pytest.raises(TypeError, match=r"conditions\[0\] must be Condition"):
        make(conditions=["ceasefire"])
    with pytest.raises(TypeError, match="codebook must be a Codebook"):
        make(codebook="russia-ukraine")
    p = make(actors="Solo", date=datetime.date(2023, 1, 1))
    assert p.actors == ("Solo",)


def test_positions_are_immutable() -> None:
    p = peacepos.corpus.load("china-2023-02-24")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        p.title = "changed"  # type: ignore[misc]
    assert isinstance(p.conditions, tuple)
    assert peacepos.corpus.load("china-2023-02-24") is p


def _endorsed() -> Position:
    """A text to endorse: EXPLICIT terms on hostilities and territory, an IMPLIED one on arms."""
    return make(
        id="endorsed",
        actors=("E",),
        conditions=(
            Ceasefire(evidence=EV),
            TerritorialIntegrity(regions=["crimea", "donetsk"], evidence=EV),
            ArmsDeliveryHalt(evidence=IMPLIED),
        ),
    )


def test_endorsed_explicit_conditions_count_as_implied_and_inferences_stay_behind() -> None:
    endorsed = _endorsed()
    endorsement = Endorsement(
        position=endorsed, evidence=Evidence(document="readout", locator="para 3")
    )
    b = make(id="b", actors=("Belarus",), endorsements=(endorsement,))
    assert b.constraints("strict") == {}
    assert b.constraint("hostilities") == endorsed.constraint("hostilities")
    assert (
        b.constraint("arms-deliveries") is None
    )  # the endorsed text's inference is not passed on
    taken = b.conditions_on("hostilities")
    assert taken
    assert all(c.evidence.basis is Basis.IMPLIED for c in taken)
    assert taken[0].evidence.readers == ("the analyst",)
    assert "Belarus endorsed endorsed (readout, para 3)" in taken[0].evidence.rationale
    also = Endorsement(position=endorsed, evidence=EV, inferences=True, readers=["a readout"])
    b2 = make(id="b2", actors=("B",), endorsements=(also,))
    assert str(b2.constraint("arms-deliveries")) == "halt"
    assert b2.conditions_on("arms-deliveries")[0].evidence.readers == ("a reader",)


def test_endorsing_a_contested_text_with_its_inferences_keeps_it_contested() -> None:
    """Readers who disagree on the endorsed text disagree on the endorser's stance too; the
    endorsement's own readers do not join them (that made the endorser contradict itself)."""
    import peacepos

    china = peacepos.corpus.load("china-2023-02-24")
    key = "territory/crimea/recognition"
    contested = china.stances("broad")[key].contested
    assert len({str(r.constraint) for r in contested}) > 1
    endorser = make(
        id="endorser",
        actors=("E",),
        endorsements=(Endorsement(position=china, evidence=EV, inferences=True),),
    )
    stance = endorser.stances("broad")[key]
    assert {(r.reader, r.constraint) for r in stance.contested} == {
        (r.reader, r.constraint) for r in contested
    }
    assert "the analyst" not in {r.reader for r in stance.contested}
    assert stance.constraint is None  # the endorsed text itself says nothing here


def test_own_words_win_over_an_endorsed_contradiction() -> None:
    """An endorser that departs from the endorsed text on one issue keeps the rest of it."""
    own = TerritorialRecognition(
        regions=["crimea"], evidence=Evidence(document="d", locator="para 2")
    )
    p = make(
        id="b",
        actors=("B",),
        conditions=(own,),
        endorsements=(Endorsement(position=_endorsed(), evidence=EV),),
    )
    assert str(p.constraint("territory/crimea/recognition")) == "Russian de jure"
    assert p.conditions_on("territory/crimea/recognition") == (own,)
    # the endorsed text still applies to what B says nothing about itself
    assert str(p.constraint("territory/donetsk/russian-held/recognition")) == (
        "Ukrainian (no recognition of a change)"
    )
    assert str(p.constraint("territory/crimea/control")) == "held by Ukraine"


def test_compatible_endorsed_conditions_still_narrow() -> None:
    china = _endorsed()
    own = condition(RU, "de-escalation", evidence=EV)
    p = make(
        id="b",
        actors=("B",),
        conditions=(own,),
        endorsements=(Endorsement(position=china, evidence=EV),),
    )
    assert p.constraint("hostilities") == china.constraint("hostilities")
    assert p.constraint("hostilities", "strict") == own.constraints(RU)[0]


def test_an_endorsement_of_a_position_the_library_does_not_know_is_not_written() -> None:
    mine = position(Ceasefire(evidence=EV), id="my-plan")
    endorser = make(id="b", endorsements=(Endorsement(position=mine, evidence=EV),))
    with pytest.raises(peacepos.PeaceposError, match="does not read back as this position"):
        peacepos.dumps_position(endorser)
    # a library that knows the endorsed position writes it, and reads it back
    lib = peacepos.Library(positions=[mine])
    text = peacepos.dumps_position(endorser, library=lib)
    assert peacepos.loads_position(text, library=lib) == endorser
    # a position that only shares a built-in id is not the built-in one either
    impostor = position(Ceasefire(evidence=EV), id="china-2023-02-24")
    endorser = attrs.evolve(endorser, endorsements=(Endorsement(position=impostor, evidence=EV),))
    with pytest.raises(peacepos.PeaceposError, match="does not read back as this position"):
        peacepos.dumps_position(endorser)


def test_an_endorsement_is_refused_twice_or_of_itself() -> None:
    china = peacepos.corpus.load("china-2023-02-24")
    twice = (Endorsement(position=china, evidence=EV),) * 2
    with pytest.raises(ValueError, match="name a position twice"):
        make(endorsements=twice)
    with pytest.raises(ValueError, match="cannot endorse itself"):
        make(id="china-2023-02-24", endorsements=twice[:1])


def test_codebook_implications_narrow_other_issues() -> None:
    p = position(NeutralStatus(evidence=EV))
    assert str(p.constraint("alignment/blocs")) == "non-bloc"
    assert str(p.constraint("alignment/nato")) == "outside NATO (in any form)"  # non-bloc: no NATO
    stance = p.stances()["alignment/nato"]
    assert stance.derived
    assert stance.derived[0].note == "A non-bloc Ukraine is not in NATO."
    assert stance.conditions == p.conditions
    # and backwards: NATO membership rules out a non-bloc status
    member = position(condition(RU, "nato-membership", evidence=EV))
    assert str(member.constraint("alignment/blocs")) == "free to join a military bloc"


def test_a_contradiction_through_an_implication_names_the_rule() -> None:
    with pytest.raises(ContradictionError, match="by the codebook's rule: Ukraine's bloc status"):
        position(NeutralStatus(evidence=EV), condition(RU, "nato-membership", evidence=EV))


def test_the_contradiction_names_the_clashing_conditions_in_locator_order() -> None:
    at = [Evidence(document="d", locator=f"point {n}") for n in (10, 6)]
    conditions = [
        TerritorialIntegrity(regions=["crimea"], evidence=at[0]),
        TerritorialRecognition(regions=["crimea"], evidence=at[1]),
    ]
    with pytest.raises(ContradictionError) as info:
        position(*conditions)
    assert str(info.value) == (
        "position 'p' contradicts itself on 'territory/crimea/recognition': "
        "territorial recognition (regions: crimea) (d, point 6) leaves no outcome "
        "together with territorial integrity (regions: crimea) (d, point 10)"
    )


def test_basis_is_part_of_equality() -> None:
    a = position(Ceasefire(evidence=EV))
    b = position(Ceasefire(evidence=IMPLIED))
    assert a != b
    assert a.constraints("strict") != b.constraints("strict")
    moved = Evidence(document="elsewhere", locator="point 9")
    assert a == position(Ceasefire(evidence=moved))  # where it was said does not count


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("urls", "https://example.org", "not one string"),
        ("coverage", ["point 1"], r"coverage\[0\] must be Coverage"),
        ("endorsements", ["china-2023-02-24"], r"endorsements\[0\] must be Endorsement"),
    ],
)
def test_collections_are_type_checked(field: str, value: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        make(**{field: value})


def test_a_positions_date_type_resolves_before_any_date_is_read() -> None:
    """``import peacepos`` does not import datetime (it waits for the first date); the type
    of ``Position.date`` still resolves, as cattrs and hypothesis read it."""
    import subprocess
    import sys

    code = (
        "import sys, typing, peacepos\n"
        "before = 'datetime' in sys.modules\n"
        "hints = typing.get_type_hints(peacepos.Position)\n"
        "import datetime\n"
        "print(before, hints['date'] is datetime.date)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "True"]


def test_the_date_module_may_be_patched_where_positions_read_it() -> None:
    from unittest import mock

    import peacepos.position as module

    with mock.patch("peacepos.position.datetime.date") as fake:
        assert module.datetime.date is fake
    assert module.datetime.date is datetime.date
    assert "date" in dir(module.datetime)  # what autospec reads
