"""Positions: exact behaviour that mutation testing found unchecked (docs/reliability.md).

Web addresses (no spaces, at most 2,000 characters, http or https with a host), the exact text
of a contradiction (the conditions actually in conflict, locators in natural order), readings,
conditional terms, variants, co-authors and amendments.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest
from ru import ArmyCap, EndOfHostilities, TerritorialIntegrity, position

import peacepos
from peacepos import (
    ArmsDeliveryHalt,
    Basis,
    Ceasefire,
    Evidence,
    NeutralStatus,
    TerritorialRecognition,
)
from peacepos.conditions import condition_sort_key
from peacepos.errors import ContradictionError
from peacepos.kinds import Outcomes, Range, condition
from peacepos.position import Amendment, Endorsement, Variant, reading_key, reading_name
from peacepos.vocabulary import Codebook, Implication, Issue, KindSpec, NumericIssue, Rule

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

    def test_the_issue_named_is_the_first_the_position_addresses(self) -> None:
        """Issues of the group before it in report order that the position leaves open are
        not the ones named."""
        book = _book(
            (_rule("c", "c1"), _rule("a", "a1")),
            (_rule("a", "a1"), _rule("b", "b1")),
            (_rule("c", "c1"), _rule("b", "b2")),
            (_rule("c", "c2"), _rule("a", "a2")),
            (_rule("a", "a2"), _rule("b", "b2")),
            (_rule("c", "c2"), _rule("b", "b1")),
        )
        with pytest.raises(ContradictionError) as info:
            _made(book, _on("c", "c1", "c2"))
        assert str(info.value) == (
            "position 'p' contradicts itself on 'c': accepts (issue: c; outcomes: c1, c2) "
            "(doc, 1) leaves no outcome (by the codebook's rule: C: c1 implies A: a1)"
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

    def test_several_conditions_that_leave_no_choice_are_all_named(self) -> None:
        """Every condition behind the first addressed issue is named, joined by 'and'."""
        with pytest.raises(ContradictionError) as info:
            _made(NO_CHOICE, _on("a", "a1", "a2", at="1"), _on("a", "a1", "a2", "a3", at="3"))
        assert str(info.value) == (
            "position 'p' contradicts itself on 'a': accepts (issue: a; outcomes: a1, a2) "
            "(doc, 1) and accepts (issue: a; outcomes: a1, a2, a3) (doc, 3) leaves no outcome "
            f"({FIRST_RULE})"
        )

    def test_separate_groups_are_each_closed(self) -> None:
        """Rules on other issues that come later do not stop a group from being closed."""
        book = _book(
            (_rule("a", "a1"), _rule("b", "b1")),
            (_rule("a", "a2"), _rule("b", "b1")),
            (Rule(issue="cap", at_most=5), _rule("c", "c1")),
            (Rule(issue="cap", at_least=6, at_most=10), _rule("c", "c1")),
        )
        p = _made(
            book,
            _on("a", "a1", "a2"),
            Range(issue="cap", at_least=2, at_most=8, evidence=ev("2")),
        )
        assert {k: str(v) for k, v in p.constraints().items()} == {
            "a": "a1 or a2",
            "b": "b1",
            "c": "c1",
            "cap": "2–8 troops",
        }


class TestOneRuleAtATime:
    def test_a_rule_narrowing_an_addressed_issue_keeps_its_own_conditions(self) -> None:
        """The issue's own conditions come first, then those of the issue that narrowed it."""
        book = _book((_rule("b", "b1"), _rule("a", "a1")))
        p = _made(book, _on("a", "a1", "a2", at="1"), _on("b", "b1", at="2"))
        assert _summary(p)["a"] == ("a1", ["1", "2"], ["B: b1 implies A: a1"])

    def test_one_condition_that_contradicts_itself_through_a_rule(self) -> None:
        """A conditional term whose own narrowings break a rule is refused when made."""
        both = KindSpec(name="both", narrows={"a": ["a1"], "b": ["b2"]})
        book = Codebook(
            name="test-closure",
            title="Rules",
            issues=(A, B, C),
            kinds=[both],
            implications=[Implication(when=_rule("a", "a1"), then=_rule("b", "b1"))],
        )
        term = attrs.evolve(
            condition(book, "both", evidence=ev("5")), only_if=(_on("c", "c1", at="6"),)
        )
        with pytest.raises(ContradictionError) as info:
            _made(book, term)
        assert str(info.value) == (  # the one condition is named once
            "position 'p' contradicts itself on 'b': both — only if accepts (issue: c; "
            "outcomes: c1) (doc, 5) leaves no outcome (by the codebook's rule: A: a1 implies "
            "B: b1)"
        )


class TestMerge:
    def test_no_single_earlier_condition_to_blame(self) -> None:
        """Where no one earlier condition rules the later one out, all of them are named."""
        with pytest.raises(ContradictionError) as info:
            _made(
                _book(),
                _on("a", "a1", "a2", at="1"),
                _on("a", "a2", "a3", at="2"),
                _on("a", "a1", "a3", at="3"),
            )
        assert str(info.value) == (
            "position 'p' contradicts itself on 'a': accepts (issue: a; outcomes: a2, a3) "
            "(doc, 2) leaves no outcome together with accepts (issue: a; outcomes: a1, a2) "
            "(doc, 1) and accepts (issue: a; outcomes: a1, a3) (doc, 3)"
        )

    def test_two_endorsed_texts_that_contradict_each_other(self) -> None:
        """Endorsed terms yield only to the endorser's own words, not to each other."""
        low = position("low", ArmyCap(at_most=10, evidence=ev("1")))
        high = position("high", ArmyCap(at_least=50, evidence=ev("2")))
        with pytest.raises(ContradictionError) as info:
            peacepos.Position(
                id="b",
                title="B",
                actors=["B"],
                date="2023-03-01",
                codebook=RU,
                endorsements=[
                    Endorsement(position=low, evidence=ev("r1")),
                    Endorsement(position=high, evidence=ev("r2")),
                ],
            )
        assert str(info.value) == (
            f"position 'b' contradicts itself in the reading of the analyst on '{CAP}': army cap "
            "(at most: 10) (doc, 1) leaves no outcome together with army cap (at least: 50) "
            "(doc, 2)"
        )


class TestContested:
    def contested(self, *endorsed: peacepos.Position) -> peacepos.Position:
        """Readers r1 and r2 disagree on the army cap, within what the text itself says."""
        return peacepos.Position(
            id="b",
            title="B",
            actors=["B"],
            date="2023-03-01",
            codebook=RU,
            conditions=[
                TerritorialRecognition(regions=["crimea"], evidence=ev("own")),
                NeutralStatus(evidence=ev("n")),
                ArmyCap(at_most=100, evidence=ev("t")),
                ArmyCap(at_most=10, evidence=implied("r1", "3")),
                ArmyCap(at_least=20, evidence=implied("r2", "4")),
            ],
            endorsements=[Endorsement(position=e, evidence=ev("r")) for e in endorsed],
        )

    def test_what_the_text_says_stays_where_readers_disagree(self) -> None:
        """The contested issue keeps the text's own constraint and conditions."""
        p = self.contested()
        assert p.contested() == (CAP,)
        stance = p.stances()[CAP]
        assert str(stance.constraint) == "≤ 100 troops"
        assert [c.evidence.locator for c in stance.conditions] == ["t"]
        assert [
            (r.reader, str(r.constraint), [c.evidence.locator for c in r.conditions])
            for r in stance.contested
        ] == [("r1", "≤ 10 troops", ["3", "t"]), ("r2", "20–100 troops", ["4", "t"])]

    def test_where_the_readers_agree_the_rules_behind_the_stance_stay(self) -> None:
        """An issue both readers' readings narrow by the same rule names that rule once."""
        nato = self.contested().stances()["alignment/nato"]
        assert str(nato.constraint) == "outside NATO (in any form)"
        assert [d.note for d in nato.derived] == ["A non-bloc Ukraine is not in NATO."]

    def test_agreeing_issues_keep_their_conditions_and_contested_ones_the_text_s_rules(
        self,
    ) -> None:
        """Where the readers agree, the stance keeps the conditions behind it; where they
        disagree, the text's stance keeps the codebook rules that narrowed it."""
        nato = self.contested().stances()["alignment/nato"]
        assert [c.evidence.locator for c in nato.conditions] == ["n"]
        limited = peacepos.Position(
            id="b",
            title="B",
            actors=["B"],
            date="2023-03-01",
            codebook=RU,
            conditions=[
                Outcomes(issue="military/limits", outcomes=["capped"], evidence=ev("t")),
                ArmyCap(at_most=10, evidence=implied("r1", "3")),
                ArmyCap(at_least=20, evidence=implied("r2", "4")),
            ],
        )
        stance = limited.stances()[CAP]
        assert [r.reader for r in stance.contested] == ["r1", "r2"]
        assert [d.describe(RU) for d in stance.derived] == [
            "Cap on Ukraine's armed forces in peacetime: no cap implies Limits on Ukraine's "
            "armed forces: no limits"
        ]
        assert stance.derived == limited.stances("strict")[CAP].derived

    def test_in_each_readers_reading_own_words_win_over_an_endorsed_text(self) -> None:
        """An endorsed term that contradicts the position's own words yields to them in every
        reader's reading (the endorsement's reader, the analyst, among them; the analyst reads
        nothing into the army cap, so is not among the readers who disagree there)."""
        endorsed = position("endorsed", TerritorialIntegrity(regions=["crimea"], evidence=ev("e")))
        p = self.contested(endorsed)
        assert "the analyst" in p.readers()
        assert [r.reader for r in p.stances()[CAP].contested] == ["r1", "r2"]
        assert str(p.constraints(["the analyst"])[CAP]) == "≤ 100 troops"
        assert str(p.constraint("territory/crimea/recognition")) == "Russian de jure"
        assert str(p.constraint("territory/crimea/control")) == "held by Ukraine"


def refusal(make: Callable[[], object]) -> str:
    """The text of the ValueError that ``make()`` raises."""
    with pytest.raises(ValueError, match=r".") as info:
        make()
    return str(info.value)


def made(**fields: object) -> peacepos.Position:
    """A position of B on 1 March 2023 with the given fields changed."""
    base: dict[str, object] = {
        "id": "b",
        "title": "B",
        "actors": ["B"],
        "date": "2023-03-01",
        "codebook": RU,
    }
    return peacepos.Position(**{**base, **fields})  # type: ignore[arg-type]


class TestRefusals:
    def test_actors(self) -> None:
        """Actors are visible names of at most 200 characters; each wrong one is named."""
        assert made(actors=["A" * 200]).actors == ("A" * 200,)
        assert refusal(lambda: made(actors=["B", "A" * 201])) == (
            f"actors[1] must be a visible name of at most 200 characters (got {'A' * 201!r})"
        )
        assert refusal(lambda: made(actors=["  "])) == (
            "actors[0] must be a visible name of at most 200 characters (got '  ')"
        )
        with pytest.raises(TypeError) as info:
            made(actors=["A", 3])
        assert str(info.value) == "actors[1] must be text (got 3)"

    @pytest.mark.parametrize("date", ["1800-01-01", "2200-12-31"])
    def test_dates_at_the_ends_of_the_range(self, date: str) -> None:
        """The first day of 1800 and the last of 2200 are accepted."""
        assert made(date=date).date.isoformat() == date

    @pytest.mark.parametrize("date", ["1799-12-31", "2201-01-01"])
    def test_dates_outside_the_range(self, date: str) -> None:
        """A day outside 1800-2200 is refused, named as written."""
        assert (
            refusal(lambda: made(date=date)) == f"date must be between 1800 and 2200 (got {date})"
        )

    def test_items_of_the_wrong_type(self) -> None:
        """A wrong variant, amendment or base is named with its field and type."""
        with pytest.raises(TypeError) as info:
            made(variants=["x"])
        assert str(info.value) == "variants[0] must be Variant (got str)"
        with pytest.raises(TypeError) as info:
            made(based_on="base")
        assert str(info.value) == "based_on must be a Position (got str)"

    def test_an_endorsement_of_the_wrong_things(self) -> None:
        """An endorsement names the position and evidence it was given wrongly."""
        with pytest.raises(TypeError) as info:
            Endorsement(position="x", evidence=EV)  # type: ignore[arg-type]
        assert str(info.value) == "position must be a Position (got str)"
        with pytest.raises(TypeError) as info:
            Endorsement(position=made(), evidence="x")  # type: ignore[arg-type]
        assert str(info.value) == "evidence must be an Evidence (got str)"

    def test_endorsing_twice_names_the_position(self) -> None:
        """The ids of a position endorsed twice are listed."""
        e = position("e", Ceasefire(evidence=EV))
        twice = [Endorsement(position=e, evidence=EV), Endorsement(position=e, evidence=ev("2"))]
        assert (
            refusal(lambda: made(endorsements=twice))
            == "endorsements name a position twice (e, e)"
        )

    def test_another_codebook(self) -> None:
        """Endorsing or amending a text in another codebook says which and how."""
        e = position("e", Ceasefire(evidence=EV))
        with pytest.raises(peacepos.errors.CodebookMismatchError) as info:
            made(codebook=_book(), endorsements=[Endorsement(position=e, evidence=EV)])
        assert str(info.value) == (
            "position 'b' (codebook 'test-closure') endorses 'e', written in codebook "
            "'russia-ukraine': both must use one codebook"
        )
        with pytest.raises(peacepos.errors.CodebookMismatchError) as info:
            made(codebook=_book(), based_on=e)
        assert str(info.value) == (
            "position 'b' (codebook 'test-closure') is based on 'e', written in codebook "
            "'russia-ukraine': both must use one codebook"
        )

    def test_reading_of_the_wrong_type(self) -> None:
        """A reading that is neither a name nor a set of names is refused."""
        with pytest.raises(TypeError) as info:
            reading_key(3)  # type: ignore[arg-type]
        assert str(info.value) == (
            "reading must be 'strict', 'broad' or a set of readers' names (got 3)"
        )

    def test_reading_names_of_readers(self) -> None:
        """A set of readers is named in order; no readers at all is the strict reading."""
        assert reading_name(frozenset({"b", "a"})) == "readers: a, b"
        assert reading_name(frozenset()) == "strict"


class TestAmendments:
    BASE = position("base", Ceasefire(evidence=ev("1")), ArmyCap(at_most=10, evidence=ev("2")))

    def amended(self, *amendments: Amendment, based_on: object = BASE) -> peacepos.Position:
        return made(id="am", based_on=based_on, amendments=list(amendments))

    def test_applied(self) -> None:
        """Delete, replace and add change the inherited conditions; lineage goes back."""
        p = self.amended(
            Amendment(action="delete", locator="1"),
            Amendment(
                action="replace", locator="2", conditions=[ArmyCap(at_most=5, evidence=ev("2b"))]
            ),
            Amendment(action="add", conditions=[EndOfHostilities(evidence=ev("3"))]),
        )
        assert [c.evidence.locator for c in p.own_conditions] == ["2b", "3"]
        assert str(p.constraint(CAP)) == "≤ 5 troops"
        assert [x.id for x in p.lineage()] == ["am", "base"]

    def test_refused(self) -> None:
        """Each malformed amendment, and each amended text without a base, says why."""
        assert refusal(lambda: self.amended(Amendment(action="delete", locator="9"))) == (
            "amendment (delete) names locator '9', which no condition of 'base' has"
        )
        assert (
            refusal(lambda: Amendment(action="replace", locator="1"))
            == "a replace amendment needs conditions"
        )
        assert refusal(lambda: Amendment(action="add")) == "an add amendment needs conditions"
        assert (
            refusal(lambda: Amendment(action="delete", locator=""))
            == "a delete amendment needs the locator it changes"
        )
        assert (
            refusal(
                lambda: Amendment(
                    action="delete", locator="1", conditions=[Ceasefire(evidence=EV)]
                )
            )
            == "a delete amendment has no conditions"
        )
        add = Amendment(action="add", conditions=[Ceasefire(evidence=EV)])
        assert (
            refusal(lambda: self.amended(add, based_on=None))
            == "amendments need based_on: the text they amend"
        )
        assert (
            refusal(lambda: made(id="base", based_on=self.BASE))
            == "position 'base' cannot be based on itself"
        )


class TestDerivedPositions:
    def source(self, **fields: object) -> peacepos.Position:
        endorsed = position("e", ArmsDeliveryHalt(evidence=EV))
        return made(
            id="j",
            actors=["United Kingdom", "Україна"],
            conditions=[Ceasefire(evidence=EV)],
            urls=["https://example.org/j"],
            confidence="checked against the original",
            confidence_level="high",
            notes="n",
            endorsements=[Endorsement(position=endorsed, evidence=ev("r"))],
            variants=[Variant(name="one", conditions=[EndOfHostilities(evidence=ev("2"))])],
            **fields,
        )

    def test_a_variant_keeps_the_documents_particulars(self) -> None:
        """A variant keeps the actors, sources, confidence, notes and endorsements."""
        one = self.source(document="the text").variant("one")
        assert (one.actors, one.urls, one.document) == (
            ("United Kingdom", "Україна"),
            ("https://example.org/j",),
            "the text",
        )
        assert (one.confidence, one.confidence_level, one.notes) == (
            "checked against the original",
            "high",
            "n",
        )
        assert [e.position.id for e in one.endorsements] == ["e"]
        assert str(one.constraint("arms-deliveries")) == "halt"

    def test_a_co_author_keeps_the_documents_particulars(self) -> None:
        """A co-author's position keeps the sources, variants and document (the source's
        id where it names none), under an id made of the actor's name."""
        uk = self.source().for_actor("United Kingdom")
        assert (uk.id, uk.document, uk.urls) == (
            "j.united-kingdom",
            "j",
            ("https://example.org/j",),
        )
        assert [v.name for v in uk.variants] == ["one"]
        assert (uk.confidence, uk.confidence_level, uk.notes) == (
            "checked against the original",
            "high",
            "n",
        )
        assert self.source(document="the text").for_actor("United Kingdom").document == "the text"
        assert self.source().for_actor("Україна").id == "j.x"  # no Latin letters to keep

    def test_a_variants_conditions_are_in_canonical_order(self) -> None:
        """Variants built from the same conditions in any order are equal."""
        first, second = Ceasefire(evidence=ev("1")), ArmsDeliveryHalt(evidence=ev("2"))
        one = Variant(name="v", conditions=[first, second])
        assert one == Variant(name="v", conditions=[second, first])
        assert one.conditions == tuple(sorted([first, second], key=condition_sort_key))


class TestUnsettled:
    def test_only_issues_the_readings_do_not_share_are_compared_again(self) -> None:
        """Analysis compares the strict reading again only where it differs from the broad
        one or carries conditional terms; an issue both readings share is settled."""
        p = position(
            "p",
            NeutralStatus(evidence=EV),
            ArmsDeliveryHalt(evidence=implied("r1")),
            Ceasefire(evidence=ev("3"), only_if=[ArmyCap(at_most=10, evidence=ev("4"))]),
        )
        assert p.stances("strict")["alignment/nato"] is p.stances("broad")["alignment/nato"]
        assert p._unsettled() == frozenset({"arms-deliveries", "hostilities"})


def test_an_inference_taken_over_keeps_a_rationale_within_the_text_limit() -> None:
    """The endorsement's words come first and the endorsed rationale is cut to fit: a taken
    over inference whose rationale is already near the limit still makes a valid condition."""
    long = "why " * 495  # 1,980 characters
    endorsed = position(
        "endorsed",
        ArmyCap(
            at_most=10,
            evidence=Evidence(
                document="doc", locator="1", basis=Basis.IMPLIED, readers=("r",), rationale=long
            ),
        ),
    )
    p = peacepos.Position(
        id="b",
        title="B",
        actors=["B"],
        date="2023-03-01",
        codebook=RU,
        endorsements=[Endorsement(position=endorsed, evidence=ev("r"), inferences=True)],
    )
    (taken,) = p.conditions_on(CAP)
    assert len(taken.evidence.rationale) == 2000
    assert taken.evidence.rationale.startswith("B endorsed endorsed (doc, r); there IMPLIED: why")
    assert taken.evidence.readers == ("r",)
