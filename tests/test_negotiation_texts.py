"""Positions as negotiators write them: named readers and contested issues, conditional terms
with requirement states, variants, lineage, attribution in joint texts — and the laws of
design.md for each, checked against brute force that shares no code with the engine."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import peacepos
from peacepos import Codebook, ContradictionError, Evidence, Issue, Position, Relation
from peacepos.kinds import Outcomes
from peacepos.position import Amendment, Variant
from peacepos.testing import laws

CB = Codebook(
    name="t",
    title="Test",
    issues=[
        Issue(key="a", title="A", outcomes=["x", "y", "z"]),
        Issue(key="b", title="B", outcomes=["p", "q"]),
        Issue(key="c", title="C", outcomes=["m", "n", "o"]),
    ],
)
EV = Evidence(document="doc", locator="point 1")


def ev(locator: str = "point 1", *readers: str) -> Evidence:
    if readers:
        return Evidence(
            document="doc", locator=locator, basis="implied", readers=readers, rationale="why"
        )
    return Evidence(document="doc", locator=locator)


def on(issue: str, *outcomes: str, evidence: Evidence = EV, **more: Any) -> Outcomes:
    return Outcomes(issue=issue, outcomes=outcomes, evidence=evidence, **more)


def pos(id: str, *conditions: Any, actors: tuple[str, ...] = ("A",), **more: Any) -> Position:
    return Position(
        id=id,
        title=id,
        actors=actors,
        date="2030-01-01",
        codebook=CB,
        conditions=conditions,
        **more,
    )


class TestReaders:
    def test_readers_who_disagree_make_the_issue_contested(self) -> None:
        p = pos(
            "p",
            on("a", "x", evidence=ev("point 1", "US officials", "Ukraine's president")),
            on("a", "y", "z", evidence=ev("point 1", "Russian Foreign Ministry")),
        )
        assert p.contested() == ("a",)
        assert p.constraint("a") is None  # the text itself says nothing
        stance = p.stances()["a"]
        assert [(r.reader, str(r.constraint)) for r in stance.contested] == [
            ("Russian Foreign Ministry", "y or z"),
            ("US officials", "x"),
            ("Ukraine's president", "x"),
        ]
        # a reading with the readers who agree is not contested
        assert str(p.constraint("a", reading={"US officials"})) == "x"
        assert p.constraint("a", reading="strict") is None

    def test_readers_who_agree_narrow_together(self) -> None:
        p = pos(
            "p",
            on("a", "x", "y", evidence=ev("1", "r1")),
            on("a", "y", "z", evidence=ev("2", "r2")),
        )
        assert p.contested() == ()
        assert str(p.constraint("a")) == "y"

    def test_a_reader_contradicting_the_text_is_an_error(self) -> None:
        with pytest.raises(ContradictionError, match="in the reading of r1"):
            pos(
                "p",
                on("a", "x"),
                on("a", "y", evidence=ev("2", "r1")),
                on("a", "z", evidence=ev("3", "r2")),
            )

    def test_a_contested_finding_shows_each_readers_verdict(self) -> None:
        left = pos(
            "l",
            on("a", "x", evidence=ev("1", "US officials")),
            on("a", "y", evidence=ev("1", "Russian Foreign Ministry")),
        )
        right = pos("r", on("a", "y"), actors=("R",))
        f = peacepos.compare(left, right, reading="broad").finding("a")
        assert f.relation is Relation.CONTESTED
        verdicts = {v.left_reader: v.relation for v in f.contested}
        assert verdicts == {
            "US officials": Relation.CONFLICT,
            "Russian Foreign Ministry": Relation.SAME,
        }
        assert "Readers disagree" in f.explanation
        both = peacepos.compare(left, right)
        assert both.finding("a", "strict").relation is Relation.ONLY_RIGHT
        assert both.finding("a", "broad").relation is Relation.CONTESTED
        table = both.render("plain")
        assert "CONTESTED" in table
        assert "↳ read by US officials" in table
        assert "read so by US officials" in table  # the evidence names its readers
        # a reading of one reader alone: a plain verdict
        assert (
            peacepos.compare(left, right, reading={"US officials"}).finding("a").relation
            is Relation.CONFLICT
        )


class TestConditionalTerms:
    def _offer(self) -> tuple[Position, Position]:
        # Left wants x unconditionally, and accepts y too if it gets p on issue b.
        left = pos("l", on("a", "x"), on("a", "y", only_if=[on("b", "p")], evidence=ev("2")))
        right = pos("r", on("a", "y"), on("b", "q"), actors=("R",))
        return left, right

    def test_terms_widen_what_a_party_accepts_in_a_deal_that_meets_them(self) -> None:
        left, _ = self._offer()
        stance = left.stances()["a"]
        assert str(stance.constraint) == "x"
        assert str(stance.under_terms) == "x or y"

    def test_the_finding_reports_the_relation_under_terms_and_the_requirement_state(self) -> None:
        left, right = self._offer()
        f = peacepos.compare(left, right, reading="broad").finding("a")
        assert f.relation is Relation.CONFLICT
        assert f.under_terms is Relation.BROADER
        ((req,),) = [f.requirements]
        assert (req.side, req.state) == ("left", "refused")  # right wants q, not p
        assert "R refuses" in f.explanation
        silent = pos("s", on("a", "y"), actors=("S",))
        assert peacepos.compare(left, silent).finding("a").requirements[0].state == "open"
        willing = pos("w", on("a", "y"), on("b", "p", "q"), actors=("W",))
        assert peacepos.compare(left, willing).finding("a").requirements[0].state == "met"

    def test_mirror_swaps_sides_and_keeps_requirement_states(self) -> None:
        left, right = self._offer()
        ab = peacepos.compare(left, right, reading="broad").finding("a")
        ba = peacepos.compare(right, left, reading="broad").finding("a")
        assert ba == ab.mirror()
        assert ba.requirements[0].side == "right"

    def test_a_requirement_has_no_requirements_of_its_own(self) -> None:
        with pytest.raises(ValueError, match="requirement is plain"):
            on("a", "y", only_if=[on("b", "p", only_if=[on("c", "m")])])


class TestVariants:
    def test_each_pair_is_compared_and_the_closest_named(self) -> None:
        two = pos(
            "two",
            on("a", "x", "y"),
            variants=[
                Variant(name="first", title="first", conditions=[on("b", "p", evidence=ev("v1"))]),
                Variant(name="second", conditions=[on("b", "q", evidence=ev("v2"))]),
            ],
        )
        other = pos("o", on("b", "q"), on("a", "y"), actors=("O",))
        c = peacepos.compare(two, other)
        assert [(v.left_variant, v.conflicts) for v in c.variants] == [("first", 1), ("second", 0)]
        assert c.closest is not None
        assert c.closest.left_variant == "second"
        assert c.finding("b").relation is Relation.SAME  # the closest pair's findings
        assert two.variant("first").constraint("b") is not None
        with pytest.raises(KeyError, match="no variant 'third'"):
            two.variant("third")

    def test_one_variant_compares_like_the_flat_position(self) -> None:
        v = pos("v", on("a", "x"), variants=[Variant(name="only", conditions=[on("b", "p")])])
        flat = pos("v", on("a", "x"), on("b", "p"))
        other = pos("o", on("a", "x", "y"), on("b", "q"), actors=("O",))
        assert [f.relation for f in peacepos.compare(v, other)] == [
            f.relation for f in peacepos.compare(flat, other)
        ]
        laws.variants(v, other)


class TestLineage:
    def test_amendments_apply_to_the_base(self) -> None:
        base = pos(
            "base", on("a", "x", evidence=ev("point 1")), on("b", "p", evidence=ev("point 2"))
        )
        amended = pos(
            "amended",
            on("c", "m", evidence=ev("point 9")),
            based_on=base,
            amendments=[
                Amendment(action="delete", locator="point 2"),
                Amendment(
                    action="replace",
                    locator="point 1",
                    conditions=[on("a", "y", evidence=ev("point 1"))],
                ),
            ],
        )
        assert {k: str(v) for k, v in amended.constraints().items()} == {"a": "y", "c": "m"}
        laws.lineage(amended)
        ch = peacepos.changes(base, amended)
        assert {c.issue: c.kind.value for c in ch} == {
            "a": "reversed",
            "b": "dropped",
            "c": "added",
        }
        with pytest.raises(ValueError, match="no condition of 'base' has"):
            pos("x", based_on=base, amendments=[Amendment(action="delete", locator="point 7")])

    def test_an_empty_amendment_gives_an_equal_reading_and_changes_of_itself_are_none(
        self,
    ) -> None:
        base = pos("base", on("a", "x"), on("b", "p"))
        same = pos("same", based_on=base)
        assert same.constraints() == base.constraints()
        assert not [c for c in peacepos.changes(base, base) if c.kind.value != "unchanged"]

    def test_changes_need_one_actor_or_one_lineage(self) -> None:
        a = pos("a1", on("a", "x"))
        b = pos("b1", on("a", "y"), actors=("B",))
        with pytest.raises(ValueError, match="neither one actor's nor one lineage's"):
            peacepos.changes(a, b)
        assert peacepos.changes(a, b, related_only=False)
        amended = pos(
            "b2",
            actors=("B",),
            based_on=a,
            amendments=[Amendment(action="replace", locator="point 1", conditions=[on("a", "z")])],
        )
        assert peacepos.changes(a, amended)


class TestAttribution:
    def test_a_joint_text_keeps_a_co_authors_own_point_apart(self) -> None:
        joint = pos(
            "j",
            on("a", "x"),
            on("b", "p", actors=["US"]),
            on("b", "q", actors=["Ukraine"]),
            actors=("US", "Ukraine"),
        )
        assert "b" not in joint.constraints()
        assert str(joint.for_actor("US").constraint("b")) == "p"
        assert str(joint.for_actor("Ukraine").constraint("b")) == "q"
        with pytest.raises(ValueError, match="not among the actors"):
            pos("j2", on("b", "p", actors=["Nobody"]), actors=("US",))


# -- laws, against brute force --------------------------------------------------------------


def outcome_sets(issue: str) -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(st.sampled_from(CB[issue].outcomes), min_size=1)  # type: ignore[union-attr]


@st.composite
def conditions(draw: st.DrawFn, conditional: bool = True) -> Outcomes:
    issue = draw(st.sampled_from(["a", "b", "c"]))
    readers = draw(st.sampled_from([(), (), ("r1",), ("r2",), ("r1", "r2")]))
    only_if = []
    if conditional and draw(st.integers(0, 3)) == 0:
        other = draw(st.sampled_from(["a", "b", "c"]))
        only_if = [Outcomes(issue=other, outcomes=draw(outcome_sets(other)), evidence=EV)]
    return Outcomes(
        issue=issue,
        outcomes=draw(outcome_sets(issue)),
        evidence=ev(f"point {draw(st.integers(1, 5))}", *readers),
        only_if=only_if,
    )


@st.composite
def positions(draw: st.DrawFn, id: str = "p") -> Position:
    cs = draw(st.lists(conditions(), max_size=5))
    try:
        return pos(id, *cs, actors=(id.upper(),))
    except ContradictionError:
        from hypothesis import reject

        reject()


def brute(position: Position, issue: str, readers: frozenset[str] | None) -> frozenset[str] | None:
    """The unconditional stance by set algebra over the conditions (None: silent)."""
    sets = [
        frozenset(c.outcomes)
        for c in position.own_conditions
        if c.issue == issue  # type: ignore[attr-defined]
        and not c.only_if
        and (not c.evidence.readers or readers is None or set(c.evidence.readers) & readers)
    ]
    if not sets:
        return None
    return frozenset.intersection(*sets)


LAWS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much]
)


@LAWS
@given(positions(), st.sampled_from([frozenset(), frozenset({"r1"}), frozenset({"r2"})]))
def test_a_reading_is_explicit_plus_its_readers_inferences(
    p: Position, readers: frozenset[str]
) -> None:
    for issue in ("a", "b", "c"):
        expected = brute(p, issue, readers)
        got = p.constraint(issue, reading=readers)
        assert (None if got is None else frozenset(got)) == expected  # type: ignore[arg-type]
    # the law, on every reading of these readers (contested issues included)
    laws.readers(p)


@LAWS
@given(positions())
def test_strict_is_never_narrower_than_a_reading_with_readers(p: Position) -> None:
    strict = p.constraints("strict")
    for readers in ({"r1"}, {"r2"}):
        wider = p.constraints(readers)
        for k, c in strict.items():
            if k in wider:
                assert wider[k] <= c


@LAWS
@given(positions("l"), positions("r"))
def test_mirror_with_terms_and_readers(left: Position, right: Position) -> None:
    laws.mirror(left, right)
    laws.oracle(left, right)


@LAWS
@given(positions("l"), positions("r"), conditions(conditional=True))
def test_a_conditional_term_never_turns_an_unconditional_overlap_into_a_conflict(
    left: Position, right: Position, extra: Outcomes
) -> None:
    assume(extra.only_if)
    laws.monotone(left, right, extra)


@LAWS
@given(positions("l"), positions("r"))
def test_requirement_states_follow_the_other_sides_stance(left: Position, right: Position) -> None:
    for f in peacepos.compare(left, right, reading="broad"):
        for r in f.requirements:
            other = right if r.side == "left" else left
            need = frozenset(r.condition.outcomes)  # type: ignore[attr-defined]
            has = other.constraint(r.condition.issue, reading="broad")  # type: ignore[attr-defined]
            expected = (
                "open" if has is None else ("refused" if not need & frozenset(has) else "met")
            )  # type: ignore[arg-type]
            assert r.state == expected
    laws.terms(left, right)


def test_every_reader_combination_of_a_small_case_matches_brute_force() -> None:
    p = pos(
        "p",
        on("a", "x", "y", evidence=ev("1", "r1")),
        on("a", "y", "z", evidence=ev("2", "r2")),
        on("b", "p"),
    )
    for n in range(3):
        for readers in itertools.combinations(["r1", "r2"], n):
            chosen = frozenset(readers)
            for issue in ("a", "b"):
                got = p.constraint(issue, reading=chosen)
                assert (None if got is None else frozenset(got)) == brute(p, issue, chosen)  # type: ignore[arg-type]


def test_endorsement_and_lineage_stay_within_one_codebook() -> None:
    gaza = peacepos.corpus.load("biden-2024-05-31")
    china = peacepos.corpus.load("china-2023-02-24")
    ev = peacepos.Evidence(document="d", locator="l")
    with pytest.raises(peacepos.errors.CodebookMismatchError, match="both must use one codebook"):
        peacepos.Position(
            id="x",
            title="X",
            actors=["X"],
            date="2024-01-01",
            codebook=china.codebook,
            endorsements=[peacepos.Endorsement(position=gaza, evidence=ev)],
        )
    with pytest.raises(peacepos.errors.CodebookMismatchError, match="is based on"):
        peacepos.Position(
            id="x",
            title="X",
            actors=["X"],
            date="2024-01-01",
            codebook=china.codebook,
            based_on=gaza,
        )


def test_a_verdict_both_readings_reach_shows_the_texts_own_evidence_first() -> None:
    # The strict reading reaches it through an explicit condition and a codebook rule, the
    # broad one through a reader's inference as well: the row must not rest on the inference.
    def position(pid: str, body: str) -> Position:
        head = f'id = "{pid}"\ntitle = "{pid}"\nactors = ["{pid}"]\ndate = 2024-01-01\n'
        return peacepos.loads_position(head + 'codebook = "israel-hamas"\n' + body)

    a = position(
        "a",
        '[[conditions]]\nkind = "withdrawal"\nextent = "full"\n'
        '[conditions.evidence]\nlocator = "point 1"\n'
        '[[conditions]]\nkind = "withdrawal-from"\nzones = ["philadelphi"]\n'
        '[conditions.evidence]\nlocator = "point 2"\nbasis = "implied"\n'
        'readers = ["the analyst"]\nrationale = "read so"\n',
    )
    b = position(
        "b",
        '[[conditions]]\nkind = "forces-stay"\nzones = ["philadelphi"]\n'
        '[conditions.evidence]\nlocator = "point 1"\n',
    )
    f = peacepos.compare(a, b).finding("withdrawal/philadelphi")
    assert f.reading == "both"
    assert [(c.evidence.basis.value, c.evidence.locator) for c in f.left_conditions] == [
        ("explicit", "point 1"),
        ("implied", "point 2"),
    ]
    strict = peacepos.compare(a, b, reading="strict").finding("withdrawal/philadelphi")
    assert f.left_rules == strict.left_rules != ()


def test_a_reader_who_reads_nothing_into_a_contested_issue_is_not_listed_as_disagreeing() -> None:
    """On the resumption of fighting, Hamas and Israel's Prime Minister's Office read the
    Security Council's text differently; the analyst's inferences are about other issues, so
    the analyst's reading there is the text's and is not one of the contesting readings."""
    import peacepos

    unsc = peacepos.corpus.load("unsc-2024-06-10")
    stance = unsc.stances("broad")["hostilities/resumption"]
    text = unsc.constraints("strict")["hostilities/resumption"]
    assert stance.constraint == text
    readers = {r.reader for r in stance.contested}
    assert readers == {"Hamas", "Israeli Prime Minister's Office"}
    assert all(r.constraint != text for r in stance.contested)
    assert "the analyst" in {reader for c in unsc.all_conditions for reader in c.evidence.readers}
