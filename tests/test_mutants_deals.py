"""Deals: exact behaviour that mutation testing found unchecked (docs/reliability.md).

Small worlds whose settlements and blocking sets can be worked out by hand: the text of each
demand and of each explanation, the outcomes as words, why each position accepts each
outcome, which demands a variant holds, the refusals of ``deals()`` and the values the search
tries on a numeric issue.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import pytest

import peacepos
from peacepos import Codebook, Evidence, Issue, NumericIssue, Position
from peacepos.analysis.deals import Acceptance, Deal, blocking_chain
from peacepos.conditions import Basis, Condition
from peacepos.kinds import Outcomes, Range, condition
from peacepos.position import Variant
from peacepos.vocabulary import Implication, KindSpec, Rule


def implies(when: str, outcome: str, then: str, outcomes: str) -> Implication:
    """The rule: ``when`` at ``outcome`` implies ``then`` at ``outcomes``."""
    return Implication(
        when=Rule(issue=when, outcomes=[outcome]), then=Rule(issue=then, outcomes=[outcomes])
    )


WATER = Issue(
    key="water", title="Water", outcomes=("open", "shared", "closed"), labels=[("closed", "shut")]
)
PORTS = Issue(key="ports", title="Ports", outcomes=("free", "taxed"))
TALKS = Issue(key="talks", title="Talks", outcomes=("direct", "mediated"))
AID = Issue(key="aid", title="Aid", outcomes=("given", "withheld"))
TROOPS = NumericIssue(key="troops", title="Troops", unit="men", maximum=2000, unlimited="no cap")
DAYS = NumericIssue(key="days", title="Days", unit="", maximum=60)
# closing the water taxes the ports; direct talks bring aid (a rule on other issues)
BOOK = Codebook(
    name="w",
    title="World",
    issues=[WATER, PORTS, TALKS, AID, TROOPS, DAYS],
    implications=[
        implies("water", "closed", "ports", "taxed"),
        implies("talks", "direct", "aid", "given"),
    ],
)


def ev(locator: str, document: str = "doc") -> Evidence:
    return Evidence(document=document, locator=locator)


def implied(locator: str, reader: str = "r1") -> Evidence:
    return Evidence(
        document="doc", locator=locator, basis=Basis.IMPLIED, readers=[reader], rationale="r"
    )


def out(issue: str, *outcomes: str, at: str = "p1", only_if: Sequence[Condition] = ()) -> Outcomes:
    return Outcomes(issue=issue, outcomes=outcomes, evidence=ev(at), only_if=only_if)


def pos(
    id: str,
    *conditions: Condition,
    variants: Sequence[Variant] = (),
    date: str = "2030-01-01",
    actors: Sequence[str] = (),
    codebook: Codebook = BOOK,
) -> Position:
    return Position(
        id=id,
        title=id.upper(),
        actors=list(actors) or [id.upper()],
        date=date,
        codebook=codebook,
        conditions=list(conditions),
        variants=list(variants),
    )


def text(c: Condition) -> str:
    return c.describe()


def shape(deal: Deal) -> list[list[tuple[str, str | None, str, str]]]:
    """Each blocking set as (position, variant, issue, locator) per demand."""
    return [
        [(d.position, d.variant, d.issue, d.condition.evidence.locator) for d in s]
        for s in deal.blocking_sets
    ]


class TestDemandDescribe:
    def test_an_explicit_demand_names_outcomes_issue_condition_and_evidence(self) -> None:
        """One sentence per demand: who, what outcomes, on which issue, the condition, the
        document and locator, and the basis."""
        a = pos("a", out("water", "closed", at="point 1"))
        b = pos("b", out("water", "open", "shared", at="point 2"), date="2030-01-02")
        (first, second) = peacepos.deals(a, b).blocking
        assert first.describe("A") == (
            "A demands shut on “Water”: accepts (issue: water; outcomes: closed) "
            "(doc, point 1; EXPLICIT)"
        )
        assert second.describe("B") == (
            "B demands open or shared on “Water”: accepts (issue: water; outcomes: open, "
            "shared) (doc, point 2; EXPLICIT)"
        )

    def test_joint_actors_take_the_plural_verb_and_a_variant_is_named(self) -> None:
        """A demand tied to a variant says so; several actors 'demand'; an inference says
        IMPLIED."""
        a = pos(
            "a",
            variants=[
                Variant(
                    name="v1",
                    conditions=[
                        Outcomes(issue="water", outcomes=["closed"], evidence=implied("v1 text"))
                    ],
                ),
                Variant(name="v2", conditions=[out("water", "shared", at="v2 text")]),
            ],
        )
        b = pos("b", out("water", "open", at="q"), date="2030-01-02")
        (d1, d2, d3) = peacepos.deals(a, b).blocking
        assert (d1.variant, d2.variant, d3.variant) == ("v1", "v2", None)
        assert d1.describe("France & Germany") == (
            "France & Germany (variant v1) demand shut on “Water”: accepts (issue: water; "
            "outcomes: closed) (doc, v1 text; IMPLIED)"
        )
        assert d2.describe("A") == (
            "A (variant v2) demands shared on “Water”: accepts (issue: water; outcomes: "
            "shared) (doc, v2 text; EXPLICIT)"
        )


class TestOutcomeWords:
    def test_finite_outcomes_read_as_their_labels_or_words(self) -> None:
        """An outcome's label where the codebook gives one, else its name with spaces."""
        deal = peacepos.deals(pos("a", out("water", "closed"), out("ports", "taxed")))
        assert deal.settlement == {"water": "closed", "ports": "taxed"}
        assert deal.outcome("water") == "shut"
        assert deal.outcome("ports") == "taxed"

    def test_numbers_read_with_separators_and_unit_and_no_limit_by_its_name(self) -> None:
        """A number with thousands separators and the unit; no trailing space without a unit;
        the no-limit outcome as the issue names it."""
        many = peacepos.deals(pos("a", Range(issue="troops", at_least=1500, evidence=ev("p1"))))
        assert many.settlement == {"troops": 1500}
        assert many.outcome("troops") == "1,500 men"
        unlimited = peacepos.deals(
            pos("a", Range(issue="troops", at_least=2001, evidence=ev("p1")))
        )
        assert unlimited.outcome("troops") == "no cap"
        days = peacepos.deals(pos("a", Range(issue="days", at_least=7, evidence=ev("p1"))))
        assert days.outcome("days") == "7"

    def test_no_settlement_has_no_outcome(self) -> None:
        """Asking a failed deal for an outcome is an error that says why."""
        a = pos("a", out("water", "closed"))
        b = pos("b", out("water", "open"))
        deal = peacepos.deals(a, b)
        with pytest.raises(ValueError, match=r"^there is no settlement$"):
            deal.outcome("water")


class TestRepr:
    def test_a_settlement_and_a_failure_in_one_line(self) -> None:
        """The positions (in date order), the reading and what was found."""
        a = pos("a", out("water", "closed"), date="2030-01-02")
        b = pos("b", out("water", "closed", "open"))
        assert repr(peacepos.deals(a, b)) == ("<Deal of b, a, reading=broad: a settlement>")
        assert repr(peacepos.deals(a, b, reading={"r2", "r1"})) == (
            "<Deal of b, a, reading=readers: r1, r2: a settlement>"
        )
        c = pos("c", out("water", "shared"), out("talks", "direct"), date="2030-01-03")
        d = pos("d", out("talks", "mediated"), date="2030-01-03")
        # c clashes with a and b on water, and with d on talks
        assert repr(peacepos.deals(a, b, d, c, reading="broad")) == (
            "<Deal of b, a, c, d, reading=broad: no settlement; 2 blocking set(s)>"
        )


def _termed() -> tuple[Position, Position, Condition]:
    """A wants open water, or shared water if the ports are taxed and talks mediated; it
    caps troops at 50 and wants at least 10. B (two actors) wants shared water and at least 20
    troops. The deal: shared water under A's term, taxed ports, mediated talks, 20 troops."""
    term = out(
        "water",
        "shared",
        at="p2",
        only_if=[out("ports", "taxed", at="p3"), out("talks", "mediated", at="p3b")],
    )
    a = pos(
        "a",
        out("water", "open", at="p1"),
        term,
        Range(issue="troops", at_most=50, evidence=ev("p4")),
        Range(issue="troops", at_least=10, evidence=ev("p5")),
    )
    b = pos(
        "b",
        out("water", "shared", at="q1"),
        Range(issue="troops", at_least=20, evidence=ev("q2")),
        date="2030-01-02",
        actors=["X", "Y"],
    )
    return a, b, term


class TestSettlementExplained:
    def test_the_settlement_the_term_and_the_variants(self) -> None:
        """The settlement names the issues spoken to and the term's requirements, with the
        smallest number that meets every bound; the term relied on is named."""
        a, b, term = _termed()
        deal = peacepos.deals(a, b)
        assert deal.exists
        assert deal.settlement == {
            "water": "shared",
            "ports": "taxed",
            "talks": "mediated",
            "troops": 20,
        }
        assert list(deal.settlement) == ["water", "ports", "talks", "troops"]
        assert deal.variants == {"a": None, "b": None}
        assert deal.terms == (("a", term),)
        assert deal.blocking == ()
        assert deal.blocking_sets == ()
        assert deal.core == ()
        assert deal.covering

    def test_each_position_accepts_each_issue_by_demand_term_or_silence(self) -> None:
        """Acceptance: a term where the outcome is outside the demands, the demands (every
        one, in order) where it is inside, silence where a position says nothing."""
        a, b, term = _termed()
        deal = peacepos.deals(a, b)
        got = [
            (x.position, x.issue, x.how, [text(c) for c in x.conditions]) for x in deal.acceptance
        ]
        cap = "accepts (issue: troops; at most: 50)"
        floor = "accepts (issue: troops; at least: 10)"
        assert got == [
            ("a", "water", "term", [text(term)]),
            ("a", "ports", "silent", []),
            ("a", "talks", "silent", []),
            ("a", "troops", "demand", [cap, floor]),
            ("b", "water", "demand", ["accepts (issue: water; outcomes: shared)"]),
            ("b", "ports", "silent", []),
            ("b", "talks", "silent", []),
            ("b", "troops", "demand", ["accepts (issue: troops; at least: 20)"]),
        ]
        assert deal.acceptance[0] == Acceptance(
            position="a", issue="water", how="term", conditions=(term,)
        )

    def test_sentences_for_terms_and_demands_and_none_for_silence(self) -> None:
        """A term's sentence names its requirements, joined by 'and'; a demand's sentence every
        condition with its evidence, joined by ';'; silence gets no sentence."""
        a, b, _ = _termed()
        assert peacepos.deals(a, b).explain() == [
            "A accepts shared on “Water” under its conditional term accepts (issue: water; "
            "outcomes: shared) — only if accepts (issue: ports; outcomes: taxed) and accepts "
            "(issue: talks; outcomes: mediated) (doc, p2): the settlement meets accepts (issue: "
            "ports; outcomes: taxed) and accepts (issue: talks; outcomes: mediated).",
            "A accepts 20 men on “Troops”: accepts (issue: troops; at most: 50) (doc, p4); "
            "accepts (issue: troops; at least: 10) (doc, p5).",
            "X & Y accept shared on “Water”: accepts (issue: water; outcomes: shared) (doc, q1).",
            "X & Y accept 20 men on “Troops”: accepts (issue: troops; at least: 20) (doc, q2).",
        ]

    def test_a_term_not_needed_is_not_relied_on(self) -> None:
        """Where the settlement meets a position's demand, the demand is why it accepts, even
        though a term of its would allow more."""
        a, _, _ = _termed()
        b = pos("b", out("water", "open", "shared", at="q1"), date="2030-01-02")
        deal = peacepos.deals(a, b)
        assert deal.settlement == {"water": "open", "troops": 10}
        assert deal.terms == ()
        assert [(x.position, x.issue, x.how) for x in deal.acceptance] == [
            ("a", "water", "demand"),
            ("a", "troops", "demand"),
            ("b", "water", "demand"),
            ("b", "troops", "silent"),
        ]
        assert peacepos.deals(a, b).explain()[0] == (
            "A accepts open on “Water”: accepts (issue: water; outcomes: open) (doc, p1)."
        )


class TestBlockingChain:
    def test_a_direct_clash_names_each_position_once(self) -> None:
        """Demands of several positions that leave an issue no outcome: one sentence naming
        each position once (a position's two variants are one name), and no rule."""
        a = pos(
            "a",
            variants=[
                Variant(name="v1", conditions=[out("water", "open", at="v1")]),
                Variant(name="v2", conditions=[out("water", "shared", at="v2")]),
            ],
        )
        b = pos("b", out("water", "closed", at="q"), date="2030-01-02")
        deal = peacepos.deals(a, b)
        assert shape(deal) == [
            [("a", "v1", "water", "v1"), ("a", "v2", "water", "v2"), ("b", None, "water", "q")]
        ]
        lines = deal.explain()
        assert len(lines) == 4
        assert lines[3] == "On “Water”, no outcome meets what A and B demand."

    def test_issues_linked_by_a_rule_say_what_each_leaves_and_the_rule(self) -> None:
        """No issue is empty on its own: each issue's sentence says what the demands leave,
        then the codebook's rules on those issues (and no other rule)."""
        a = pos("a", out("water", "closed", at="p1"))
        b = pos("b", out("ports", "free", at="p2"), date="2030-01-02")
        deal = peacepos.deals(a, b)
        assert shape(deal) == [[("a", None, "water", "p1"), ("b", None, "ports", "p2")]]
        assert deal.core == ("water", "ports")
        assert deal.explain() == [
            "A demands shut on “Water”: accepts (issue: water; outcomes: closed) (doc, p1; "
            "EXPLICIT).",
            "B demands free on “Ports”: accepts (issue: ports; outcomes: free) (doc, p2; "
            "EXPLICIT).",
            "On “Water”, the demands leave shut.",
            "On “Ports”, the demands leave free.",
            "The codebook's rule applies: Water: shut implies Ports: taxed.",
        ]
        names = {"a": "A", "b": "B"}
        assert blocking_chain(deal.blocking, names, BOOK, deal.positions, demands=False) == [
            "On “Water”, the demands leave shut.",
            "On “Ports”, the demands leave free.",
            "The codebook's rule applies: Water: shut implies Ports: taxed.",
        ]

    def test_a_term_that_cannot_help_is_named_with_its_position(self) -> None:
        """A conditional term of a blocking position on a blocked issue is named; terms on
        other issues, and terms of positions outside the set, are not."""
        a = pos(
            "a",
            out("water", "open", at="p1"),
            out("water", "shared", at="p2", only_if=[out("ports", "taxed", at="p3")]),
            out("talks", "direct", at="p6", only_if=[out("ports", "taxed", at="p7")]),
        )
        b = pos(
            "b", out("water", "shared", at="q1"), out("ports", "free", at="q2"), date="2030-01-02"
        )
        # c, first in date order, is not in the set: its term is not named, and a's still is
        c = pos(
            "c",
            out("water", "open", "shared", at="r1", only_if=[out("aid", "given", at="r2")]),
            date="2029-12-31",
        )
        deal = peacepos.deals(a, b, c)
        assert shape(deal) == [
            [("a", None, "water", "p1"), ("b", None, "water", "q1"), ("b", None, "ports", "q2")]
        ]
        assert deal.explain()[3:] == [
            "On “Water”, no outcome meets what A and B demand.",
            "On “Ports”, the demands leave free.",
            "A's conditional term accepts (issue: water; outcomes: shared) — only if accepts "
            "(issue: ports; outcomes: taxed) cannot help: in no settlement that meets the other "
            "demands do all its requirements hold.",
        ]


class TestRefusals:
    def _two(self) -> tuple[Position, Position]:
        a = pos("a", out("water", "closed", at="p1"), out("ports", "taxed", at="p2"))
        b = pos("b", out("water", "open", at="q1"), date="2030-01-02")
        return a, b

    def test_what_deals_refuses_and_why(self) -> None:
        """Each refusal: the error type and the sentence naming what is wrong."""
        a, b = self._two()
        cases: list[tuple[tuple[object, ...], dict[str, object], type[Exception], str]] = [
            ((), {}, ValueError, "deals() needs at least one position"),
            ((a, "b"), {}, TypeError, "deals() takes Position objects (got str)"),
            (
                (a, b),
                {"limit": 0},
                ValueError,
                "limit must be a whole number of at least 1 (got 0)",
            ),
            (
                (a, b),
                {"limit": -3},
                ValueError,
                "limit must be a whole number of at least 1 (got -3)",
            ),
            (
                (a, b),
                {"limit": True},
                ValueError,
                "limit must be a whole number of at least 1 (got True)",
            ),
            (
                (a, b),
                {"limit": 2.0},
                ValueError,
                "limit must be a whole number of at least 1 (got 2.0)",
            ),
            (
                (a, b),
                {"without": [3]},
                TypeError,
                "without takes ids, 'ID@locator' or conditions (got 3)",
            ),
            (
                (a, b),
                {"without": ["z"]},
                ValueError,
                "without names 'z', which is not among the positions",
            ),
            (
                (a, b),
                {"without": ["z@p1"]},
                ValueError,
                "without names 'z', which is not among the positions",
            ),
            (
                (a, b),
                {"without": ["a@p9"]},
                ValueError,
                "a has no condition at 'p9' (locators: p1; p2)",
            ),
            (
                (a, b),
                {"without": ["b", "a"]},
                ValueError,
                "without drops every position: nothing is left to agree",
            ),
            (
                (a, b),
                {"without": [out("talks", "direct")]},
                ValueError,
                "no position has the condition 'accepts (issue: talks; outcomes: direct)'",
            ),
        ]
        for args, kwargs, error, message in cases:
            with pytest.raises(error) as info:
                peacepos.deals(*args, **kwargs)  # type: ignore[arg-type]
            assert str(info.value) == message, (args, kwargs)

    def test_a_limit_of_one_is_allowed(self) -> None:
        """The smallest limit lists one set and says there are more."""
        a = pos("a", out("water", "closed", at="p1"), out("talks", "direct", at="p2"))
        b = pos("b", out("water", "open", at="q1"), out("talks", "mediated", at="q2"))
        one = peacepos.deals(a, b, limit=1)
        assert shape(one) == [[("a", None, "water", "p1"), ("b", None, "water", "q1")]]
        assert not one.covering
        # a failed deal has no settlement, variants chosen, terms or acceptance
        assert one.settlement is None
        assert not one.exists
        assert one.variants == {"a": None, "b": None}
        assert one.terms == ()
        assert one.acceptance == ()
        both = peacepos.deals(a, b, limit=2)
        assert shape(both) == [
            [("a", None, "water", "p1"), ("b", None, "water", "q1")],
            [("a", None, "talks", "p2"), ("b", None, "talks", "q2")],
        ]
        assert both.covering
        assert both.core == ()
        assert both.blocking == both.blocking_sets[0]


class TestWhatIf:
    def test_positions_are_ordered_by_date_then_id_and_a_dropped_one_is_left_out(self) -> None:
        """The deal's positions in date order (id breaking ties), without those dropped."""
        c = pos("c", out("water", "open"), date="2030-01-01")
        b = pos("b", out("water", "open"), date="2030-01-02")
        a = pos("a", out("water", "closed"), date="2030-01-02")
        deal = peacepos.deals(b, a, c)
        assert [p.id for p in deal.positions] == ["c", "a", "b"]
        assert deal.variants == {"c": None, "a": None, "b": None}
        assert list(deal.variants) == ["c", "a", "b"]
        assert deal.dropped == ()
        without = peacepos.deals(b, a, c, without=["a"])
        assert [p.id for p in without.positions] == ["c", "b"]
        assert without.settlement == {"water": "open"}
        assert without.dropped == ("a",)

    def test_a_locator_drops_every_condition_there_and_only_of_that_position(self) -> None:
        """'ID@locator' drops that position's conditions at the locator (both of them), not
        another position's at the same locator."""
        a = pos("a", out("water", "closed", at="p1"), out("talks", "direct", at="p1"))
        b = pos(
            "b",
            out("water", "open", at="p1"),
            out("talks", "mediated", at="p2"),
            date="2030-01-02",
        )
        deal = peacepos.deals(a, b, without=["a@p1"])
        assert deal.settlement == {"water": "open", "talks": "mediated"}
        assert deal.dropped == ("a@p1",)
        kept = peacepos.deals(a, b, without=["b@p2"])
        assert shape(kept) == [[("a", None, "water", "p1"), ("b", None, "water", "p1")]]

    def test_a_condition_object_drops_every_equal_condition_of_every_position(self) -> None:
        """A condition given as an object drops it (or an equal one) wherever it is; the
        deal records its description."""
        shared = out("water", "closed", at="p1")
        a = pos("a", shared, out("talks", "direct", at="p2"))
        b = pos("b", out("water", "closed", at="p1"), out("talks", "direct", at="p3"))
        c = pos("c", out("water", "open", at="p1"), date="2030-01-02")
        assert not peacepos.deals(a, b, c).exists
        deal = peacepos.deals(a, b, c, without=[out("water", "closed", at="p1"), "b@p3"])
        assert deal.settlement == {"water": "open", "talks": "direct"}
        assert deal.dropped == ("accepts (issue: water; outcomes: closed)", "b@p3")
        assert [(x.position, x.issue, x.how) for x in deal.acceptance if x.how != "silent"] == [
            ("a", "talks", "demand"),
            ("c", "water", "demand"),
        ]

    def test_a_settlement_names_only_issues_someone_speaks_to(self) -> None:
        """An issue a rule brings into play that no position speaks to is left out of the
        settlement and of the acceptance."""
        deal = peacepos.deals(pos("a", out("talks", "direct")))
        assert deal.settlement == {"talks": "direct"}
        assert [(x.position, x.issue, x.how) for x in deal.acceptance] == [
            ("a", "talks", "demand")
        ]


CAPPED = NumericIssue(key="troops", title="Troops", unit="men", maximum=2000, unlimited="no cap")


class TestNumericSearch:
    def test_the_no_limit_outcome_is_tried_where_no_bound_names_it(self) -> None:
        """Rules rule out every number (a small army taxes the ports, a large one forces direct
        talks), so only 'no cap' keeps both: the search must try it, and a deal exists."""
        book = Codebook(
            name="n",
            title="N",
            issues=[CAPPED, PORTS, TALKS],
            implications=[
                Implication(
                    when=Rule(issue="troops", at_most=50),
                    then=Rule(issue="ports", outcomes=["taxed"]),
                ),
                Implication(
                    when=Rule(issue="troops", at_least=51, at_most=2000),
                    then=Rule(issue="talks", outcomes=["direct"]),
                ),
            ],
        )
        a = pos("a", out("ports", "free"), out("talks", "mediated"), codebook=book)
        deal = peacepos.deals(a)
        assert deal.exists
        assert deal.settlement == {"ports": "free", "talks": "mediated"}
        b = pos("b", Range(issue="troops", at_most=2000, evidence=ev("q")), codebook=book)
        assert not peacepos.deals(a, b).exists

    def test_the_smallest_number_just_past_a_bound(self) -> None:
        """A rule rules out 50 troops or fewer; A caps troops at 60: the deal takes 51, the
        first number past the rule's bound (not one further, not the cap)."""
        book = Codebook(
            name="n",
            title="N",
            issues=[CAPPED, PORTS],
            implications=[
                Implication(
                    when=Rule(issue="troops", at_most=50),
                    then=Rule(issue="ports", outcomes=["taxed"]),
                )
            ],
        )
        a = pos("a", Range(issue="troops", at_most=60, evidence=ev("p1")), codebook=book)
        b = pos("b", out("ports", "free"), codebook=book, date="2030-01-02")
        deal = peacepos.deals(a, b)
        assert deal.settlement == {"troops": 51, "ports": "free"}
        assert deal.outcome("troops") == "51 men"

    def test_every_demand_of_a_position_on_an_issue_binds(self) -> None:
        """Two demands of one position on one issue hold together: at least 10 and at most
        50 gives 10, and against at least 60 elsewhere there is no deal."""
        floor = Range(issue="troops", at_least=10, evidence=ev("p1"))
        cap = Range(issue="troops", at_most=50, evidence=ev("p2"))
        assert peacepos.deals(pos("a", floor, cap)).settlement == {"troops": 10}
        assert peacepos.deals(pos("a", cap, floor)).settlement == {"troops": 10}
        b = pos("b", Range(issue="troops", at_least=60, evidence=ev("q")), date="2030-01-02")
        blocked = peacepos.deals(pos("a", floor, cap), b)
        assert shape(blocked) == [[("a", None, "troops", "p2"), ("b", None, "troops", "q")]]
        assert blocked.explain()[2:] == ["On “Troops”, no outcome meets what A and B demand."]


def inferred(issue: str, *outcomes: str, at: str, reader: str) -> Outcomes:
    return Outcomes(issue=issue, outcomes=outcomes, evidence=implied(at, reader))


class TestVariantDemands:
    def test_a_demand_common_to_every_variant_is_one_demand_of_no_variant(self) -> None:
        """A condition outside the variants holds whichever is chosen: the blocking set holds
        it once, tied to no variant, and needs no demand of either variant."""
        left = pos(
            "left",
            out("water", "open", at="all"),
            variants=[
                Variant(name="v1", conditions=[out("aid", "withheld", at="v1")]),
                Variant(name="v2", conditions=[out("talks", "direct", at="v2t")]),
            ],
        )
        right = pos("right", out("water", "closed", at="r1"), date="2030-01-02")
        deal = peacepos.deals(left, right)
        assert shape(deal) == [[("left", None, "water", "all"), ("right", None, "water", "r1")]]
        assert deal.explain()[0] == (
            "LEFT demands open on “Water”: accepts (issue: water; outcomes: open) (doc, all; "
            "EXPLICIT)."
        )

    def test_a_common_inference_contested_in_one_variant_is_tied_to_the_others(self) -> None:
        """Reader x infers open water from the whole text; reader y reads variant v2 as
        shared water. In v2 the readers disagree and the text is silent, so the inference is
        a demand of v1 only: blocking needs it and v2's own clash on talks. Read strictly,
        v1 demands nothing on water and makes a deal."""
        left = pos(
            "left",
            inferred("water", "open", at="all", reader="x"),
            variants=[
                Variant(name="v1", conditions=[out("aid", "withheld", at="v1")]),
                Variant(
                    name="v2",
                    conditions=[
                        inferred("water", "shared", at="v2", reader="y"),
                        out("talks", "direct", at="v2t"),
                    ],
                ),
            ],
        )
        right = pos(
            "right",
            out("water", "closed", at="r1"),
            out("talks", "mediated", at="r2"),
            date="2030-01-02",
        )
        broad = peacepos.deals(left, right)
        assert shape(broad) == [
            [
                ("left", "v1", "water", "all"),
                ("right", None, "water", "r1"),
                ("left", "v2", "talks", "v2t"),
                ("right", None, "talks", "r2"),
            ]
        ]
        assert broad.explain()[0] == (
            "LEFT (variant v1) demands open on “Water”: accepts (issue: water; outcomes: open) "
            "(doc, all; IMPLIED)."
        )
        assert broad.explain()[4:] == [
            "On “Water”, no outcome meets what LEFT and RIGHT demand.",
            "On “Talks”, no outcome meets what LEFT and RIGHT demand.",
        ]
        strict = peacepos.deals(left, right, reading="strict")
        assert strict.settlement == {"water": "closed", "talks": "mediated", "aid": "withheld"}
        assert strict.variants == {"left": "v1", "right": None}
        assert [(x.position, x.issue, x.how) for x in strict.acceptance] == [
            ("left", "water", "silent"),
            ("left", "talks", "silent"),
            ("left", "aid", "demand"),
            ("right", "water", "demand"),
            ("right", "talks", "demand"),
            ("right", "aid", "silent"),
        ]
        # the reader who sees open water alone: v1 and v2 both demand it (v2 not contested)
        by_x = peacepos.deals(left, right, reading={"x"})
        assert shape(by_x) == [[("left", None, "water", "all"), ("right", None, "water", "r1")]]


class TestReadersWhoDisagree:
    def test_a_contested_issue_with_a_silent_text_demands_nothing(self) -> None:
        """Two readers infer opposite bounds and the text says nothing: no demand, so any
        number of troops will do."""
        a = pos(
            "a",
            Range(issue="troops", at_most=10, evidence=implied("p1", "r1")),
            Range(issue="troops", at_least=20, evidence=implied("p2", "r2")),
            out("water", "open", at="p3"),
        )
        b = pos("b", Range(issue="troops", at_least=30, evidence=ev("q")), date="2030-01-02")
        deal = peacepos.deals(a, b)
        assert deal.settlement == {"water": "open", "troops": 30}
        assert [(x.position, x.issue, x.how) for x in deal.acceptance] == [
            ("a", "water", "demand"),
            ("a", "troops", "silent"),
            ("b", "water", "silent"),
            ("b", "troops", "demand"),
        ]

    def test_where_readers_disagree_only_the_text_counts(self) -> None:
        """The text caps troops at 50; readers add 10 or fewer, or 20 or more: the demand is
        the text's cap alone (35 troops are fine, 60 are not)."""
        a = pos(
            "a",
            Range(issue="troops", at_most=50, evidence=ev("p0")),
            Range(issue="troops", at_most=10, evidence=implied("p1", "r1")),
            Range(issue="troops", at_least=20, evidence=implied("p2", "r2")),
        )
        b = pos("b", Range(issue="troops", at_least=35, evidence=ev("q")), date="2030-01-02")
        deal = peacepos.deals(a, b)
        assert deal.settlement == {"troops": 35}
        (accepts, _) = deal.acceptance
        assert [c.evidence.locator for c in accepts.conditions] == ["p0"]
        c = pos("c", Range(issue="troops", at_least=60, evidence=ev("q")), date="2030-01-02")
        assert shape(peacepos.deals(a, c)) == [
            [("a", None, "troops", "p0"), ("c", None, "troops", "q")]
        ]
        # one reader alone is no disagreement: r1's cap of 10 counts
        assert shape(peacepos.deals(a, b, reading={"r1"})) == [
            [("a", None, "troops", "p1"), ("b", None, "troops", "q")]
        ]


CHAIN = Codebook(
    name="chain",
    title="Chain",
    issues=[WATER, PORTS, TALKS],
    implications=[
        implies("water", "closed", "ports", "taxed"),
        implies("ports", "taxed", "talks", "direct"),
    ],
)


class TestRulesInPlay:
    def test_an_issue_no_one_speaks_to_links_two_that_are_spoken_to(self) -> None:
        """Closed water taxes the ports, taxed ports force direct talks: though no one speaks
        of ports, closed water and mediated talks cannot meet, and both rules are named."""
        a = pos("a", out("water", "closed", at="p1"), codebook=CHAIN)
        b = pos("b", out("talks", "mediated", at="q1"), codebook=CHAIN, date="2030-01-02")
        deal = peacepos.deals(a, b)
        assert shape(deal) == [[("a", None, "water", "p1"), ("b", None, "talks", "q1")]]
        assert deal.explain()[2:] == [
            "On “Water”, the demands leave shut.",
            "On “Talks”, the demands leave mediated.",
            "The codebook's rule applies: Water: shut implies Ports: taxed.",
            "The codebook's rule applies: Ports: taxed implies Talks: direct.",
        ]
        c = pos("c", out("water", "open", at="r1"), codebook=CHAIN)
        assert peacepos.deals(c, b).settlement == {"water": "open", "talks": "mediated"}

    def test_rules_that_rule_an_outcome_out_block_a_single_issue(self) -> None:
        """Two rules leave closed water no outcome on talks: demands that meet only at closed
        water block, with no sentence on what they leave, and both rules named."""
        book = Codebook(
            name="c",
            title="C",
            issues=[WATER, TALKS],
            implications=[
                implies("water", "closed", "talks", "direct"),
                implies("water", "closed", "talks", "mediated"),
            ],
        )
        a = pos("a", out("water", "closed", "open", at="p1"), codebook=book)
        b = pos("b", out("water", "closed", "shared", at="q1"), codebook=book, date="2030-01-02")
        deal = peacepos.deals(a, b)
        assert shape(deal) == [[("a", None, "water", "p1"), ("b", None, "water", "q1")]]
        assert deal.explain()[2:] == [
            "The codebook's rule applies: Water: shut implies Talks: direct.",
            "The codebook's rule applies: Water: shut implies Talks: mediated.",
        ]


class TestWhichBlockingSet:
    def test_demands_that_clash_on_one_issue_are_listed_before_a_set_spanning_issues(
        self,
    ) -> None:
        """B's free ports clash with C's taxed ports on one issue: that set comes first (the
        search stays on the issue), then A's closed water with B's free ports (by the rule);
        B's water demand, met by closed water, is in neither."""
        a = pos("a", out("water", "closed", at="p1"))
        b = pos("b", out("water", "closed", "open", at="q1"), out("ports", "free", at="q2"))
        c = pos("c", out("ports", "taxed", at="r1"), date="2030-01-02")
        deal = peacepos.deals(a, b, c)
        assert shape(deal) == [
            [("b", None, "ports", "q2"), ("c", None, "ports", "r1")],
            [("a", None, "water", "p1"), ("b", None, "ports", "q2")],
        ]
        assert deal.covering
        assert deal.core == ("ports",)

    def test_the_same_with_the_clash_in_a_positions_only_variant(self) -> None:
        """The same when C's taxed ports are the demand of its one variant."""
        a = pos("a", out("water", "closed", at="p1"))
        b = pos("b", out("water", "closed", "open", at="q1"), out("ports", "free", at="q2"))
        c = pos(
            "c",
            variants=[Variant(name="only", conditions=[out("ports", "taxed", at="r1")])],
            date="2030-01-02",
        )
        deal = peacepos.deals(a, b, c)
        assert shape(deal) == [
            [("b", None, "ports", "q2"), ("c", "only", "ports", "r1")],
            [("a", None, "water", "p1"), ("b", None, "ports", "q2")],
        ]
        assert deal.blocking[1].describe("C") == (
            "C (variant only) demands taxed on “Ports”: accepts (issue: ports; outcomes: "
            "taxed) (doc, r1; EXPLICIT)"
        )


# a blockade closes the water and taxes the ports: one condition, two issues
KINDS = Codebook(
    name="k",
    title="K",
    issues=[WATER, PORTS, TALKS, AID],
    kinds=[KindSpec(name="blockade", narrows={"water": ["closed"], "ports": ["taxed"]})],
)


def blockade(evidence: Evidence, only_if: Sequence[Condition] = ()) -> Condition:
    return attrs.evolve(condition(KINDS, "blockade", evidence=evidence), only_if=tuple(only_if))


class TestTermsInAcceptance:
    def test_each_position_is_credited_with_its_own_term(self) -> None:
        """Both positions accept shared water only under their own terms: each acceptance
        names its own term, not the other's."""
        ta = out("water", "shared", at="p2", only_if=[out("ports", "taxed", at="p3")])
        tb = out("water", "shared", at="q2", only_if=[out("talks", "mediated", at="q3")])
        a = pos("a", out("water", "open", at="p1"), ta)
        b = pos("b", out("water", "closed", at="q1"), tb, date="2030-01-02")
        deal = peacepos.deals(a, b)
        assert deal.settlement == {"water": "shared", "ports": "taxed", "talks": "mediated"}
        assert deal.terms == (("a", ta), ("b", tb))
        assert [(x.position, x.issue, x.how, x.conditions) for x in deal.acceptance] == [
            ("a", "water", "term", (ta,)),
            ("a", "ports", "silent", ()),
            ("a", "talks", "silent", ()),
            ("b", "water", "term", (tb,)),
            ("b", "ports", "silent", ()),
            ("b", "talks", "silent", ()),
        ]

    def test_a_term_on_two_issues_is_credited_only_where_the_demands_fall_short(self) -> None:
        """A's blockade term (closed water and taxed ports, if talks are mediated) is why it
        accepts closed water; on ports its own demand for taxed ports already holds."""
        term = blockade(ev("p3"), only_if=[out("talks", "mediated", at="p4")])
        a = pos(
            "a",
            out("water", "open", at="p1"),
            out("ports", "taxed", at="p2"),
            term,
            codebook=KINDS,
        )
        b = pos("b", out("water", "closed", at="q1"), codebook=KINDS, date="2030-01-02")
        deal = peacepos.deals(a, b)
        assert deal.settlement == {"water": "closed", "ports": "taxed", "talks": "mediated"}
        assert [(x.position, x.issue, x.how) for x in deal.acceptance] == [
            ("a", "water", "term"),
            ("a", "ports", "demand"),
            ("a", "talks", "silent"),
            ("b", "water", "demand"),
            ("b", "ports", "silent"),
            ("b", "talks", "silent"),
        ]
        assert deal.explain() == [
            "A accepts shut on “Water” under its conditional term blockade — only if accepts "
            "(issue: talks; outcomes: mediated) (doc, p3): the settlement meets accepts (issue: "
            "talks; outcomes: mediated).",
            "A accepts taxed on “Ports”: accepts (issue: ports; outcomes: taxed) (doc, p2).",
            "B accepts shut on “Water”: accepts (issue: water; outcomes: closed) (doc, q1).",
        ]

    def test_a_variants_term_holds_only_in_that_variant(self) -> None:
        """V1's term would allow shared water but v1 withholds aid; v2 wants aid given but has
        no such term: no variant is accepted."""
        a = pos(
            "a",
            out("water", "open", at="p1"),
            variants=[
                Variant(
                    name="v1",
                    conditions=[
                        out(
                            "water",
                            "shared",
                            at="v1t",
                            only_if=[out("talks", "mediated", at="v1r")],
                        ),
                        out("aid", "withheld", at="v1a"),
                    ],
                ),
                Variant(name="v2", conditions=[out("aid", "given", at="v2a")]),
            ],
        )
        b = pos(
            "b", out("water", "shared", at="q1"), out("aid", "given", at="q2"), date="2030-01-02"
        )
        deal = peacepos.deals(a, b)
        assert shape(deal) == [
            [
                ("a", None, "water", "p1"),
                ("b", None, "water", "q1"),
                ("a", "v1", "aid", "v1a"),
                ("b", None, "aid", "q2"),
            ]
        ]


class TestMultiIssueInferences:
    def test_an_inference_counts_on_the_issue_readers_agree_on(self) -> None:
        """Reader r1 infers a blockade (closed water, taxed ports); r2 infers open water. On
        water they disagree and the text is silent; on ports r1 alone speaks, so taxed ports
        are a demand and clash with B's free ports."""
        a = pos(
            "a",
            blockade(implied("p5", "r1")),
            Outcomes(issue="water", outcomes=["open"], evidence=implied("p6", "r2")),
            codebook=KINDS,
        )
        b = pos("b", out("ports", "free", at="q2"), codebook=KINDS, date="2030-01-02")
        deal = peacepos.deals(a, b)
        assert shape(deal) == [[("a", None, "ports", "p5"), ("b", None, "ports", "q2")]]

    def test_the_same_where_the_text_speaks_on_the_disputed_issue(self) -> None:
        """The same with the text allowing open or closed water: on water only the text
        counts, and the blockade still demands taxed ports."""
        a = pos(
            "a",
            blockade(implied("p5", "r1")),
            Outcomes(issue="water", outcomes=["open"], evidence=implied("p6", "r2")),
            out("water", "open", "closed", at="p7"),
            codebook=KINDS,
        )
        b = pos("b", out("ports", "free", at="q2"), codebook=KINDS, date="2030-01-02")
        assert shape(peacepos.deals(a, b)) == [
            [("a", None, "ports", "p5"), ("b", None, "ports", "q2")]
        ]
        c = pos("c", out("water", "shared", at="r1"), codebook=KINDS, date="2030-01-02")
        assert shape(peacepos.deals(a, c)) == [
            [("a", None, "water", "p7"), ("c", None, "water", "r1")]
        ]


class TestCommonDemandsOfManyVariants:
    def test_a_common_inference_contested_in_one_of_three_variants(self) -> None:
        """Contested in v3 only, the common inference of open water is a demand of v1 and of
        v2, each: the blocking set holds it for both, and v3's clash on talks."""
        left = pos(
            "left",
            inferred("water", "open", at="all", reader="x"),
            variants=[
                Variant(name="v1", conditions=[out("aid", "withheld", at="v1")]),
                Variant(name="v2", conditions=[out("aid", "given", at="v2")]),
                Variant(
                    name="v3",
                    conditions=[
                        inferred("water", "shared", at="v3", reader="y"),
                        out("talks", "direct", at="v3t"),
                    ],
                ),
            ],
        )
        right = pos(
            "right",
            out("water", "closed", at="r1"),
            out("talks", "mediated", at="r2"),
            date="2030-01-02",
        )
        assert shape(peacepos.deals(left, right)) == [
            [
                ("left", "v1", "water", "all"),
                ("left", "v2", "water", "all"),
                ("right", None, "water", "r1"),
                ("left", "v3", "talks", "v3t"),
                ("right", None, "talks", "r2"),
            ]
        ]

    def test_one_condition_in_two_variants_is_a_demand_of_each(self) -> None:
        """The same condition object written into two variants (not the common text) is tied
        to each variant, not promoted to a common demand."""
        same = out("water", "open", at="both")
        left = pos(
            "left",
            variants=[
                Variant(name="v1", conditions=[same]),
                Variant(name="v2", conditions=[same]),
            ],
        )
        right = pos("right", out("water", "closed", at="r1"), date="2030-01-02")
        assert shape(peacepos.deals(left, right)) == [
            [
                ("left", "v1", "water", "both"),
                ("left", "v2", "water", "both"),
                ("right", None, "water", "r1"),
            ]
        ]


class TestSearch:
    def test_a_chain_of_rules_through_several_silent_issues(self) -> None:
        """Closed water taxes the ports, taxed ports force direct talks, direct talks bring
        aid, aid opens trade: the rules are listed ports-first, so the chain is found only by
        going over them again; closed water and closed trade cannot meet."""
        trade = Issue(key="trade", title="Trade", outcomes=("open", "closed"))
        book = Codebook(
            name="c",
            title="C",
            issues=[WATER, PORTS, TALKS, AID, trade],
            implications=[
                implies("ports", "taxed", "talks", "direct"),
                implies("talks", "direct", "aid", "given"),
                implies("water", "closed", "ports", "taxed"),
                implies("aid", "given", "trade", "open"),
            ],
        )
        a = pos("a", out("water", "closed", at="p1"), codebook=book)
        b = pos("b", out("trade", "closed", at="q1"), codebook=book, date="2030-01-02")
        deal = peacepos.deals(a, b)
        assert shape(deal) == [[("a", None, "water", "p1"), ("b", None, "trade", "q1")]]

    def test_a_second_term_on_the_same_issue_is_tried(self) -> None:
        """A accepts closed water if the ports are taxed, or shared water if talks are
        mediated; B wants shared water and taxed ports: the second term makes the deal, and it
        is the one named (the first's requirement holds too, but it does not allow shared)."""
        first = out("water", "closed", at="p2", only_if=[out("ports", "taxed", at="p3")])
        second = out("water", "shared", at="p4", only_if=[out("talks", "mediated", at="p5")])
        a = pos("a", out("water", "open", at="p1"), first, second)
        b = pos("b", out("water", "shared", at="q1"), out("ports", "taxed", at="q2"))
        deal = peacepos.deals(a, b)
        assert deal.settlement == {"water": "shared", "ports": "taxed", "talks": "mediated"}
        assert deal.terms == (("a", second),)
        assert deal.acceptance[0] == Acceptance(
            position="a", issue="water", how="term", conditions=(second,)
        )

    def test_terms_on_two_unlinked_issues_are_each_checked(self) -> None:
        """A's terms on talks (if aid is given) and on water (if ports are taxed) are two
        separate groups of issues; both are needed, and both hold in the deal."""
        a = pos(
            "a",
            out("talks", "direct", at="p1"),
            out("talks", "mediated", at="p2", only_if=[out("aid", "given", at="p3")]),
            out("water", "open", at="p4"),
            out("water", "shared", at="p5", only_if=[out("ports", "taxed", at="p6")]),
        )
        b = pos("b", out("talks", "mediated", at="q1"), out("water", "shared", at="q2"))
        deal = peacepos.deals(a, b)
        assert deal.settlement == {
            "water": "shared",
            "ports": "taxed",
            "talks": "mediated",
            "aid": "given",
        }
        assert [c.evidence.locator for _, c in deal.terms] == ["p2", "p5"]

    def test_the_issue_with_fewest_outcomes_left_is_settled_first(self) -> None:
        """Open water taxes the ports, closed water frees them; A allows any water, B any
        ports. Ports (two outcomes) are settled before water (three): free ports, then the
        first water that keeps the rules, shared."""
        book = Codebook(
            name="o",
            title="O",
            issues=[WATER, PORTS],
            implications=[
                implies("water", "open", "ports", "taxed"),
                implies("water", "closed", "ports", "free"),
            ],
        )
        a = pos("a", out("water", "open", "shared", "closed", at="p1"), codebook=book)
        b = pos("b", out("ports", "free", "taxed", at="q1"), codebook=book, date="2030-01-02")
        assert peacepos.deals(a, b).settlement == {"water": "shared", "ports": "free"}


def test_ten_blocking_sets_are_listed_by_default() -> None:
    """Eleven issues, each a clash: by default ten sets are listed, and the deal says there
    are more; a limit of eleven lists them all."""
    issues = [Issue(key=f"i{k:02}", title=f"I{k}", outcomes=("x", "y")) for k in range(11)]
    book = Codebook(name="many", title="Many", issues=issues)
    a = pos("a", *(out(i.key, "x", at=i.key) for i in issues), codebook=book)
    b = pos("b", *(out(i.key, "y", at=i.key) for i in issues), codebook=book)
    deal = peacepos.deals(a, b)
    assert [s[0].issue for s in deal.blocking_sets] == [f"i{k:02}" for k in range(10)]
    assert not deal.covering
    every = peacepos.deals(a, b, limit=11)
    assert len(every.blocking_sets) == 11
    assert every.covering


class TestVariantsInAnExplanation:
    def test_one_positions_variants_are_alternatives_not_a_clash(self) -> None:
        """A's variants want open or shared water; either taxes the ports by the rule, which
        B refuses. A's demands do not clash with each other (one variant is chosen): the
        explanation says what they leave and names the rule."""
        book = Codebook(
            name="e",
            title="E",
            issues=[WATER, PORTS],
            implications=[
                Implication(
                    when=Rule(issue="water", outcomes=["open", "shared"]),
                    then=Rule(issue="ports", outcomes=["taxed"]),
                )
            ],
        )
        a = pos(
            "a",
            variants=[
                Variant(name="v1", conditions=[out("water", "open", at="v1")]),
                Variant(name="v2", conditions=[out("water", "shared", at="v2")]),
            ],
            codebook=book,
        )
        b = pos("b", out("ports", "free", at="q"), codebook=book, date="2030-01-02")
        deal = peacepos.deals(a, b)
        assert shape(deal) == [
            [("a", "v1", "water", "v1"), ("a", "v2", "water", "v2"), ("b", None, "ports", "q")]
        ]
        assert deal.explain()[3:] == [
            "On “Water”, the demands leave open or shared.",
            "On “Ports”, the demands leave free.",
            "The codebook's rule applies: Water: open or shared implies Ports: taxed.",
        ]

    def test_what_three_variants_leave_is_what_any_one_leaves(self) -> None:
        """Settling water at all taxes the ports; A's three variants want open, shared, or
        shared or closed water: together they leave any water, not what they share."""
        book = Codebook(
            name="y",
            title="Y",
            issues=[WATER, PORTS],
            implications=[
                Implication(
                    when=Rule(issue="water", outcomes=["open", "shared", "closed"]),
                    then=Rule(issue="ports", outcomes=["taxed"]),
                )
            ],
        )
        a = pos(
            "a",
            variants=[
                Variant(name="v1", conditions=[out("water", "open", at="v1")]),
                Variant(name="v2", conditions=[out("water", "shared", at="v2")]),
                Variant(name="v3", conditions=[out("water", "shared", "closed", at="v3")]),
            ],
            codebook=book,
        )
        b = pos("b", out("ports", "free", at="q"), codebook=book, date="2030-01-02")
        deal = peacepos.deals(a, b)
        assert shape(deal) == [
            [
                ("a", "v1", "water", "v1"),
                ("a", "v2", "water", "v2"),
                ("a", "v3", "water", "v3"),
                ("b", None, "ports", "q"),
            ]
        ]
        assert deal.explain()[4:] == [
            "On “Water”, the demands leave open or shared or shut.",
            "On “Ports”, the demands leave free.",
            "The codebook's rule applies: Water: open or shared or shut implies Ports: taxed.",
        ]

    def test_a_common_demand_narrows_each_variant(self) -> None:
        """B wants open or closed water. A wants open or shared, and in v1 shared or closed,
        in v2 shared: with either variant A leaves only shared, so no outcome meets both."""
        a = pos(
            "a",
            out("water", "open", "shared", at="p0"),
            variants=[
                Variant(name="v1", conditions=[out("water", "shared", "closed", at="v1")]),
                Variant(name="v2", conditions=[out("water", "shared", at="v2")]),
            ],
            date="2030-01-02",
        )
        b = pos("b", out("water", "open", "closed", at="q"))
        deal = peacepos.deals(a, b)
        assert shape(deal) == [
            [
                ("b", None, "water", "q"),
                ("a", "v1", "water", "v1"),
                ("a", "v2", "water", "v2"),
                ("a", None, "water", "p0"),
            ]
        ]
        assert deal.explain()[4:] == ["On “Water”, no outcome meets what B and A demand."]
        # without the common demand, v1 leaves closed water, which B accepts
        assert peacepos.deals(a, b, without=["a@p0"]).settlement == {"water": "closed"}

    def test_a_variants_lone_demand_on_an_issue(self) -> None:
        """A's closed water taxes the ports by the rule; C's one variant wants free ports: the
        explanation says what each issue is left with and names the rule."""
        a = pos("a", out("water", "closed", at="p1"))
        c = pos(
            "c",
            variants=[Variant(name="only", conditions=[out("ports", "free", at="r1")])],
            date="2030-01-02",
        )
        deal = peacepos.deals(a, c)
        assert shape(deal) == [[("a", None, "water", "p1"), ("c", "only", "ports", "r1")]]
        assert deal.explain()[2:] == [
            "On “Water”, the demands leave shut.",
            "On “Ports”, the demands leave free.",
            "The codebook's rule applies: Water: shut implies Ports: taxed.",
        ]
