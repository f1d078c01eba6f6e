"""Positions: exact behaviour that mutation testing found unchecked (docs/reliability.md).

Web addresses (no spaces, at most 2,000 characters, http or https with a host), the exact text
of a contradiction (the conditions actually in conflict, locators in natural order), readings,
conditional terms, variants, co-authors and amendments.
"""

from __future__ import annotations

import attrs
import pytest
from ru import ArmyCap, EndOfHostilities, position

import peacepos
from peacepos import ArmsDeliveryHalt, Basis, Ceasefire, Evidence, NeutralStatus
from peacepos.errors import ContradictionError
from peacepos.kinds import Outcomes, Range
from peacepos.position import reading_key, reading_name
from peacepos.vocabulary import Codebook, Implication, Issue, NumericIssue, Rule

RU = peacepos.codebook("russia-ukraine")
CAP = "military/army-cap/peacetime"
EV = Evidence(document="doc", locator="point 1")
BAD_URL = "must be an http(s) web address without spaces, at most 2,000 characters"


def ev(locator: str) -> Evidence:
    return Evidence(document="doc", locator=locator)


def implied(reader: str, locator: str = "p2") -> Evidence:
    return Evidence(
        document="doc", locator=locator, basis=Basis.IMPLIED, readers=[reader], rationale="r"
    )


def with_urls(urls: object) -> peacepos.Position:
    return peacepos.Position(
        id="u", title="U", actors=["U"], date="2023-01-01", codebook=RU, urls=urls
    )


class TestUrls:
    BASE = "https://example.org/"

    def test_good_addresses(self) -> None:
        assert with_urls([self.BASE, "http://x"]).urls == (self.BASE, "http://x")
        at_limit = self.BASE + "a" * (2000 - len(self.BASE))
        assert with_urls([at_limit]).urls == (at_limit,)

    @pytest.mark.parametrize(
        "url",
        [
            "https://example.org/a b",
            " https://example.org/",
            "https://example.org/\t",
            "https://example.org/\n",
            "https://example.org/\u00a0",  # a no-break space is a space
            "https://example.org/" + "a" * 1981,  # 2,001 characters
            "ftp://example.org/",
            "https://",
            "https:///path",
            "example.org",
            "",
            "   ",
        ],
    )
    def test_bad_addresses(self, url: str) -> None:
        with pytest.raises(ValueError, match="urls") as info:
            with_urls(["https://fine.org", url])
        assert str(info.value) == f"urls[1] {BAD_URL} (got {url!r})"

    def test_not_text(self) -> None:
        with pytest.raises(ValueError, match="urls") as info:
            with_urls([3])
        assert str(info.value) == f"urls[0] {BAD_URL} (got 3)"

    def test_one_string_instead_of_a_list(self) -> None:
        with pytest.raises(TypeError) as info:
            with_urls(self.BASE)
        assert str(info.value) == (
            f"expected a list of web addresses, not one string (got {self.BASE!r})"
        )


class TestContradictions:
    def error(self, *conditions: peacepos.Condition) -> str:
        with pytest.raises(ContradictionError) as info:
            position("x", *conditions)
        return str(info.value)

    def test_names_the_conditions_in_conflict_in_natural_order(self) -> None:
        text = self.error(
            ArmyCap(at_least=50, evidence=ev("10")),
            ArmyCap(at_least=50, evidence=ev("6")),
            ArmyCap(at_most=10, evidence=ev("2")),
        )
        assert text == (
            f"position 'x' contradicts itself on '{CAP}': army cap (at most: 10) (doc, 2) leaves "
            "no outcome together with army cap (at least: 50) (doc, 6) and army cap (at least: "
            "50) (doc, 10)"
        )

    def test_only_the_conditions_that_conflict_are_named(self) -> None:
        text = self.error(
            ArmyCap(at_most=10, evidence=ev("10")),
            ArmyCap(at_least=5, evidence=ev("6")),
            ArmyCap(at_least=50, evidence=ev("2")),
        )
        assert text == (
            f"position 'x' contradicts itself on '{CAP}': army cap (at most: 10) (doc, 10) "
            "leaves no outcome together with army cap (at least: 50) (doc, 2)"
        )

    def test_in_one_readers_reading(self) -> None:
        text = self.error(
            ArmyCap(at_most=10, evidence=implied("r1", "3")),
            ArmyCap(at_least=50, evidence=ev("2")),
        )
        assert text == (
            f"position 'x' contradicts itself in the reading of r1 on '{CAP}': army cap (at "
            "most: 10) (doc, 3) leaves no outcome together with army cap (at least: 50) (doc, 2)"
        )

    def test_a_conditional_term_that_contradicts_itself(self) -> None:
        a = peacepos.kinds.condition(RU, "army-cap", at_most=10, evidence=ev("1"))
        assert a.constraints(RU)
        ok = position(
            "y", Ceasefire(evidence=ev("1"), only_if=[ArmyCap(at_most=1, evidence=ev("2"))])
        )
        assert dict(ok.constraints()) == {}
        assert [t.condition.kind for t in ok.stances()["hostilities"].terms] == ["ceasefire"]

    def test_the_error_keeps_the_clash(self) -> None:
        with pytest.raises(ContradictionError) as info:
            position(
                "x", ArmyCap(at_least=50, evidence=ev("1")), ArmyCap(at_most=10, evidence=ev("2"))
            )
        clash = info.value.clash  # type: ignore[attr-defined]
        assert clash.issue == CAP
        assert [c.evidence.locator for c in clash.earlier] == ["1"]
        assert [c.evidence.locator for c in clash.later] == ["2"]
        assert clash.reader is None
        assert clash.via is None


class TestReadings:
    def test_reading_keys_and_names(self) -> None:
        assert reading_key("strict") == "strict"
        assert reading_key("broad") == "broad"
        assert reading_key(["b", "a"]) == frozenset({"a", "b"})
        assert reading_name("strict") == "strict"
        assert reading_name("broad") == "broad"
        assert reading_name("both") == "both"
        with pytest.raises(ValueError, match="reading") as info:
            reading_key("Strict")
        assert str(info.value) == (
            "reading must be 'strict', 'broad' or a set of readers' names (got 'Strict')"
        )

    def test_what_each_reading_counts(self) -> None:
        p = position(
            "p",
            Ceasefire(evidence=EV),
            ArmsDeliveryHalt(evidence=implied("r1")),
            NeutralStatus(evidence=implied("r2")),
        )
        assert p.readers() == ("r1", "r2")
        assert list(p.constraints("strict")) == ["hostilities"]
        broad = list(p.constraints("broad"))
        assert broad[:2] == ["hostilities", "arms-deliveries"]
        assert "alignment/nato" in broad
        assert "arms-deliveries" in p.constraints(["r1"])
        assert "arms-deliveries" not in p.constraints(["r2"])
        assert p.constraint("arms-deliveries", "strict") is None
        assert p.conditions_on("arms-deliveries", "strict") == ()
        assert [c.kind for c in p.conditions_on("arms-deliveries")] == ["arms-delivery-halt"]
        assert p.contested() == ()

    def test_contested_issues(self) -> None:
        p = position(
            "p",
            ArmyCap(at_most=10, evidence=implied("r1")),
            ArmyCap(at_least=20, evidence=implied("r2", "p3")),
        )
        assert p.contested() == (CAP,)
        assert p.contested("strict") == ()
        assert p.contested(["r1"]) == ()
        stance = p.stances()[CAP]
        assert stance.constraint is None
        assert [(r.reader, str(r.constraint)) for r in stance.contested] == [
            ("r1", "≤ 10 troops"),
            ("r2", "≥ 20 troops or no cap"),
        ]
        assert CAP not in p.constraints()


class TestTerms:
    def test_under_terms_widens_the_unconditional_stance(self) -> None:
        p = position(
            "p",
            EndOfHostilities(evidence=EV),
            Ceasefire(evidence=ev("2"), only_if=[ArmsDeliveryHalt(evidence=ev("3"))]),
        )
        stance = p.stances()["hostilities"]
        assert str(stance.constraint) == "end of war"
        assert str(stance.under_terms) == "full ceasefire or end of war"
        (term,) = stance.terms
        assert [r.kind for r in term.requires] == ["arms-delivery-halt"]
        plain = position("q", EndOfHostilities(evidence=EV)).stances()["hostilities"]
        assert plain.under_terms is plain.constraint

    def test_requirements_count_under_their_reading(self) -> None:
        p = position(
            "p", Ceasefire(evidence=EV, only_if=[ArmsDeliveryHalt(evidence=implied("r"))])
        )
        (strict,) = p.stances("strict")["hostilities"].terms
        (broad,) = p.stances("broad")["hostilities"].terms
        assert strict.requires == ()
        assert [r.kind for r in broad.requires] == ["arms-delivery-halt"]
        assert p.readers() == ("r",)


class TestVariantsAndActors:
    def test_variant_and_alternatives(self) -> None:
        from peacepos.position import Variant

        p = peacepos.Position(
            id="v",
            title="V",
            actors=["V"],
            date="2023-01-01",
            codebook=RU,
            conditions=[ArmsDeliveryHalt(evidence=EV)],
            variants=[
                Variant(name="one", title="One", conditions=[Ceasefire(evidence=EV)]),
                Variant(name="two", conditions=[EndOfHostilities(evidence=EV)]),
            ],
        )
        one = p.variant("one")
        assert (one.id, one.title, one.document) == ("v.one", "V — One", "v")
        assert p.variant("two").title == "V — two"
        assert list(one.constraints()) == ["hostilities", "arms-deliveries"]
        assert [a.id for a in p.alternatives()] == ["v.one", "v.two"]
        plain = position("w", Ceasefire(evidence=EV))
        assert plain.alternatives() == (plain,)
        with pytest.raises(KeyError) as info:
            p.variant("three")
        assert info.value.args[0] == "position 'v' has no variant 'three' (variants: one, two)"
        with pytest.raises(KeyError) as info:
            plain.variant("x")
        assert info.value.args[0] == "position 'w' has no variant 'x' (variants: none)"

    def test_for_actor(self) -> None:
        joint = peacepos.Position(
            id="j",
            title="J",
            actors=["France", "Germany"],
            date="2023-01-01",
            codebook=RU,
            conditions=[
                Ceasefire(evidence=EV),
                attrs.evolve(ArmyCap(at_most=10, evidence=ev("2")), actors=("France",)),
            ],
        )
        assert CAP not in joint.constraints()  # a co-author's own point is not the document's
        france = joint.for_actor("France")
        assert (france.id, france.title, france.actors) == ("j.france", "J — France", ("France",))
        assert CAP in france.constraints()
        assert CAP not in joint.for_actor("Germany").constraints()
        assert joint.label == "France & Germany"
        with pytest.raises(KeyError) as info:
            joint.for_actor("Italy")
        assert info.value.args[0] == "'Italy' is not among the actors (France, Germany)"

    def test_repr(self) -> None:
        p = position("p", Ceasefire(evidence=EV), actor="A", date="2023-02-03")
        assert repr(p) == "<Position p: A, 2023-02-03, 1 conditions, codebook russia-ukraine>"


# -- several linked implications, closed exactly -------------------------------------------

A = Issue(key="a", title="A", outcomes=("a1", "a2", "a3"))
B = Issue(key="b", title="B", outcomes=("b1", "b2"))
C = Issue(key="c", title="C", outcomes=("c1", "c2", "c3"))
TROOPS = NumericIssue(key="cap", title="Cap", unit="troops", unlimited="no cap")


def _rule(issue: str, *outcomes: str) -> Rule:
    return Rule(issue=issue, outcomes=outcomes)


def _book(*rules: tuple[Rule, Rule]) -> Codebook:
    return Codebook(
        name="test-closure",
        title="Rules",
        issues=(A, B, C, TROOPS),
        implications=[Implication(when=w, then=t) for w, t in rules],
    )


def _on(issue: str, *outcomes: str, at: str = "1") -> Outcomes:
    return Outcomes(issue=issue, outcomes=outcomes, evidence=ev(at))


def _made(book: Codebook, *conditions: peacepos.Condition) -> peacepos.Position:
    return peacepos.Position(
        id="p", title="P", actors=("P",), date="2024-01-01", codebook=book, conditions=conditions
    )


def _summary(p: peacepos.Position) -> dict[str, tuple[str, list[str], list[str]]]:
    """Per issue: the stance, the locators of the conditions behind it, the rules behind it."""
    return {
        k: (
            str(st.constraint),
            [c.evidence.locator for c in st.conditions],
            [d.describe(p.codebook) for d in st.derived],
        )
        for k, st in p.stances().items()
    }


# Each choice on A forces two outcomes of C that cannot both hold (a1: c1 through b1, and c2;
# a2: c2 through b2, and c1): no single rule says so, only all six together.
NO_CHOICE = _book(
    (_rule("a", "a1"), _rule("b", "b1")),
    (_rule("b", "b1"), _rule("c", "c1")),
    (_rule("a", "a1"), _rule("c", "c2")),
    (_rule("a", "a2"), _rule("b", "b2")),
    (_rule("b", "b2"), _rule("c", "c2")),
    (_rule("a", "a2"), _rule("c", "c1")),
)
FIRST_RULE = "by the codebook's rule: A: a1 implies B: b1"


class TestExactClosure:
    def test_a_choice_that_every_combination_rules_out_is_a_contradiction(self) -> None:
        """No combination of outcomes obeys the linked rules: the error names the position's
        first issue in report order, what it says there, and a rule of the group."""
        with pytest.raises(ContradictionError) as info:
            _made(NO_CHOICE, _on("a", "a1", "a2"))
        assert str(info.value) == (
            "position 'p' contradicts itself on 'a': accepts (issue: a; outcomes: a1, a2) "
            f"(doc, 1) leaves no outcome ({FIRST_RULE})"
        )
        clash = info.value.clash  # type: ignore[attr-defined]
        assert (clash.issue, clash.earlier, clash.reader) == ("a", (), None)
        assert clash.via is NO_CHOICE.implications[0]

    def test_the_contradiction_names_what_the_position_says_on_the_other_issues(self) -> None:
        """The conditions on the group's other addressed issues are named after 'together
        with'; the ones on the first addressed issue are the ones that leave no outcome."""
        with pytest.raises(ContradictionError) as info:
            _made(NO_CHOICE, _on("c", "c1", "c2", at="2"), _on("a", "a1", "a2", at="1"))
        assert str(info.value) == (
            "position 'p' contradicts itself on 'a': accepts (issue: a; outcomes: a1, a2) "
            "(doc, 1) leaves no outcome together with accepts (issue: c; outcomes: c1, c2) "
            f"(doc, 2) ({FIRST_RULE})"
        )

    def test_the_choice_left_is_kept(self) -> None:
        """Where one choice survives, the stances are narrowed to it and name every rule."""
        p = _made(NO_CHOICE, _on("a", "a1", "a2", "a3"))
        rules = [imp.describe(NO_CHOICE) for imp in NO_CHOICE.implications]
        assert _summary(p) == {"a": ("a3", ["1"], rules), "c": ("c1 or c2", ["1"], rules)}

    def test_a_stance_narrowed_again_keeps_its_conditions_and_rules_first(self) -> None:
        """An issue a rule narrowed on its own, narrowed further by the group: its conditions
        and rules come first, then the other addressed issues' conditions and the group's
        rules."""
        settled = _rule("b", "b1", "b2")  # settling B at all means C is c1 or c2
        book = _book(
            (settled, _rule("c", "c1", "c2")),
            (_rule("a", "a1"), _rule("c", "c1")),
            (_rule("a", "a2"), _rule("c", "c1")),
        )
        p = _made(book, _on("a", "a1", "a2", at="1"), _on("b", "b1", at="2"))
        rules = [imp.describe(book) for imp in book.implications]
        assert _summary(p) == {
            "a": ("a1 or a2", ["1"], []),
            "b": ("b1", ["2"], []),
            "c": ("c1", ["2", "1"], rules),
        }

    def test_a_stance_found_by_the_group_brings_a_rule_on_settling_an_issue_into_play(
        self,
    ) -> None:
        """Closing is repeated after a group gives an issue a stance: a rule whose `when`
        names every outcome of that issue then applies too."""
        book = _book(
            (_rule("a", "a1"), _rule("b", "b1")),
            (_rule("a", "a2"), _rule("b", "b1")),
            (_rule("b", "b1", "b2"), _rule("c", "c1")),
        )
        rules = [imp.describe(book) for imp in book.implications]
        assert _summary(_made(book, _on("a", "a1", "a2"))) == {
            "a": ("a1 or a2", ["1"], []),
            "b": ("b1", ["1"], rules[:2]),
            "c": ("c1", ["1"], rules[2:]),
        }

    def test_numbers_are_cut_where_the_position_and_the_rules_start_and_end(self) -> None:
        """A range the rules do not cut at its ends stays as it is; each range of numbers
        the group allows is kept exactly, ends included."""
        low = Rule(issue="cap", at_least=0, at_most=5)
        high = Rule(issue="cap", at_least=6, at_most=10)
        book = _book((low, _rule("c", "c1")), (high, _rule("c", "c1")))
        rules = [imp.describe(book) for imp in book.implications]
        assert rules[0] == "Cap: ≥ 0 and ≤ 5 troops implies C: c1"
        p = _made(book, Range(issue="cap", at_least=2, at_most=8, evidence=ev("2")))
        assert _summary(p) == {"c": ("c1", ["2"], rules), "cap": ("2–8 troops", ["2"], [])}
        wider = _made(book, Range(issue="cap", at_least=2, at_most=12, evidence=ev("2")))
        assert _summary(wider) == {"cap": ("2–12 troops", ["2"], [])}
        either = _book(
            (_rule("a", "a1"), Rule(issue="cap", at_most=5)),
            (_rule("a", "a2"), Rule(issue="cap", at_most=4)),
        )
        q = _made(
            either,
            _on("a", "a1", "a2"),
            Range(issue="cap", at_least=2, at_most=8, evidence=ev("2")),
        )
        assert _summary(q)["cap"] == (
            "2–5 troops",
            ["2", "1"],
            [imp.describe(either) for imp in either.implications],
        )
        assert str(_made(either, _on("a", "a1", "a2")).constraint("cap")) == "≤ 5 troops"
