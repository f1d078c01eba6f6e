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
    EndOfHostilities,
    Evidence,
    Position,
    TerritorialIntegrity,
    TerritorialRecognition,
)
from peacepos.position import Endorsement

EV = Evidence(document="doc", locator="point 1")
IMPLIED = Evidence(document="doc", locator="point 2", basis=Basis.IMPLIED, rationale="a reading")


def position(*conditions: peacepos.Condition, id: str = "p") -> Position:
    return Position(
        id=id, title="A position", actors=("A",), date="2023-02-24", conditions=conditions
    )


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
        Position(id="p", title="t", actors=("A",), date="24.02.2023", conditions=())
    with pytest.raises(ValueError, match="between 1800 and 2200"):
        Position(id="p", title="t", actors=("A",), date="0999-01-01", conditions=())
    with pytest.raises(ValueError, match="at least one actor"):
        Position(id="p", title="t", actors=(), date="2023-01-01", conditions=())
    with pytest.raises(ValueError, match="lower-case"):
        Position(id="Not An Id", title="t", actors=("A",), date="2023-01-01", conditions=())
    with pytest.raises(ValueError, match="title must not be empty"):
        Position(id="p", title=" ", actors=("A",), date="2023-01-01", conditions=())
    with pytest.raises(TypeError, match=r"conditions\[0\] must be a Condition"):
        Position(id="p", title="t", actors=("A",), date="2023-01-01", conditions=["ceasefire"])  # type: ignore[list-item]
    p = Position(id="p", title="t", actors="Solo", date=datetime.date(2023, 1, 1), conditions=())
    assert p.actors == ("Solo",)


def test_positions_are_immutable() -> None:
    p = peacepos.corpus.load("china-2023-02-24")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        p.title = "changed"  # type: ignore[misc]
    assert isinstance(p.conditions, tuple)
    assert peacepos.corpus.load("china-2023-02-24") is p


def test_endorsed_conditions_count_as_implied() -> None:
    china = peacepos.corpus.load("china-2023-02-24")
    endorsement = Endorsement(
        position=china, evidence=Evidence(document="readout", locator="para 3")
    )
    belarus = Position(
        id="b",
        title="Belarus",
        actors=("Belarus",),
        date="2023-03-01",
        conditions=(),
        endorsements=(endorsement,),
    )
    assert belarus.constraints("strict") == {}
    assert belarus.constraints("broad") == china.constraints("broad")
    endorsed = belarus.conditions_on("hostilities")
    assert endorsed
    assert all(c.evidence.basis is Basis.IMPLIED for c in endorsed)
    assert "Belarus endorsed china-2023-02-24 (readout, para 3)" in endorsed[0].evidence.rationale


def test_own_words_win_over_an_endorsed_contradiction() -> None:
    """An endorser that departs from the endorsed text on one issue keeps the rest of it."""
    china = peacepos.corpus.load("china-2023-02-24")
    own = TerritorialRecognition(
        regions=["crimea"], evidence=Evidence(document="d", locator="para 2")
    )
    p = Position(
        id="b",
        title="B",
        actors=("B",),
        date="2023-03-01",
        conditions=(own,),
        endorsements=(Endorsement(position=china, evidence=EV),),
    )
    assert str(p.constraint("territory/crimea")) == "Russian de jure"
    assert p.conditions_on("territory/crimea") == (own,)
    # China's point 1 still applies to the regions B says nothing about itself
    assert str(p.constraint("territory/donetsk")) == "Ukrainian"
    assert p.constraint("hostilities") == china.constraint("hostilities")


def test_compatible_endorsed_conditions_still_narrow() -> None:
    china = peacepos.corpus.load("china-2023-02-24")
    own = peacepos.Deescalation(evidence=EV)
    p = Position(
        id="b",
        title="B",
        actors=("B",),
        date="2023-03-01",
        conditions=(own,),
        endorsements=(Endorsement(position=china, evidence=EV),),
    )
    assert p.constraint("hostilities") == china.constraint("hostilities")
    assert p.constraint("hostilities", "strict") == own.constraints()[0]


def test_an_endorsement_of_a_position_that_is_not_built_in_is_not_written() -> None:
    mine = position(Ceasefire(evidence=EV), id="my-plan")
    endorser = Position(
        id="b",
        title="B",
        actors=("B",),
        date="2023-03-01",
        conditions=(),
        endorsements=(Endorsement(position=mine, evidence=EV),),
    )
    with pytest.raises(peacepos.PeaceposError, match="built-in positions only"):
        peacepos.dumps_position(endorser)
    # a position that only shares a built-in id is not the built-in one either
    impostor = position(Ceasefire(evidence=EV), id="china-2023-02-24")
    endorser = attrs.evolve(endorser, endorsements=(Endorsement(position=impostor, evidence=EV),))
    with pytest.raises(peacepos.PeaceposError, match="built-in positions only"):
        peacepos.dumps_position(endorser)


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
        Position(
            id="p", title="t", actors=("A",), date="2023-01-01", conditions=(), **{field: value}
        )  # type: ignore[arg-type]
