"""A codebook's implications: what a codebook may declare, and a position's stances under all
of them together — each group of linked issues closed exactly, as brute-force enumeration of
every combination of their outcomes says (peacepos.testing.reference, which shares no code
with the engine)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import peacepos
from peacepos import ContradictionError
from peacepos.errors import CodebookError
from peacepos.kinds import Outcomes, Range
from peacepos.testing import laws
from peacepos.vocabulary import (
    Area,
    Codebook,
    Implication,
    Issue,
    IssueTemplate,
    KindSpec,
    NumericIssue,
    Rule,
)

EV = peacepos.Evidence(document="doc", locator="point 1")
A = Issue(key="a", title="A", outcomes=("a1", "a2", "a3"))
B = Issue(key="b", title="B", outcomes=("b1", "b2"))
C = Issue(key="c", title="C", outcomes=("c1", "c2", "c3"))
CAP = NumericIssue(key="cap", title="Cap", unit="troops", unlimited="no cap")


def _book(*rules: tuple[Rule, Rule]) -> Codebook:
    return Codebook(
        name="test-implications",
        title="Rules",
        issues=(A, B, C, CAP),
        implications=[Implication(when=w, then=t) for w, t in rules],
    )


def _position(book: Codebook, *conditions: peacepos.Condition) -> peacepos.Position:
    return peacepos.Position(
        id="p", title="p", actors=("P",), date="2024-01-01", codebook=book, conditions=conditions
    )


def _on(issue: str, *outcomes: str) -> Outcomes:
    return Outcomes(issue=issue, outcomes=outcomes, evidence=EV)


def _stances(p: peacepos.Position) -> dict[str, str]:
    return {k: str(v) for k, v in p.constraints().items()}


# -- several implications together (CORE-REQUESTS.md 3) -------------------------------------


def test_two_implications_between_the_same_issues_hold_together() -> None:
    # a1 implies b1; a2 implies b1; a position that accepts a1 or a2 accepts only b1.
    book = _book(
        (Rule(issue="a", outcomes=("a1",)), Rule(issue="b", outcomes=("b1",))),
        (Rule(issue="a", outcomes=("a2",)), Rule(issue="b", outcomes=("b1",))),
    )
    p = _position(book, _on("a", "a1", "a2"))
    assert _stances(p) == {"a": "a1 or a2", "b": "b1"}
    assert set(p.stances()["b"].derived) == set(book.implications)  # both rules behind it
    laws.stances(p)


def test_a_cycle_of_implications_is_closed() -> None:
    # a1 → b1, b1 → c1, c1 → a2: accepting a1 forces a2, so a1 cannot hold — a1 or a3 is a3;
    # and then c1 cannot hold (it forces a2), nor b1 (it forces c1).
    book = _book(
        (Rule(issue="a", outcomes=("a1",)), Rule(issue="b", outcomes=("b1",))),
        (Rule(issue="b", outcomes=("b1",)), Rule(issue="c", outcomes=("c1",))),
        (Rule(issue="c", outcomes=("c1",)), Rule(issue="a", outcomes=("a2",))),
    )
    p = _position(book, _on("a", "a1", "a3"))
    assert _stances(p) == {"a": "a3", "b": "b2", "c": "c2 or c3"}
    laws.stances(p)
    with pytest.raises(ContradictionError, match="no outcome"):
        _position(book, _on("a", "a1"))


def test_numbers_and_the_no_limit_outcome_are_closed_exactly() -> None:
    # c1 or c2 when the cap is at most 10; c2 or c3 when there is no cap; a cap of at most 5
    # with b1. A position for c1 and a cap of 11 or more rules out "no cap" (and so b1).
    book = _book(
        (Rule(issue="cap", at_most=10), Rule(issue="c", outcomes=("c1", "c2"))),
        (Rule(issue="cap", unlimited=True), Rule(issue="c", outcomes=("c2", "c3"))),
        (Rule(issue="b", outcomes=("b1",)), Rule(issue="cap", at_most=5)),
    )
    p = _position(book, Range(issue="cap", at_least=11, evidence=EV), _on("c", "c1"))
    assert _stances(p) == {"c": "c1", "cap": "≥ 11 troops", "b": "b2"}
    assert "no cap" in str(
        _position(book, Range(issue="cap", at_least=11, evidence=EV)).constraint("cap")
    )
    q = _position(book, _on("c", "c1", "c3"), _on("b", "b1"))
    assert _stances(q) == {"b": "b1", "c": "c1", "cap": "≤ 5 troops"}
    for position in (p, q):
        laws.stances(position)


def test_the_built_in_codebooks_stances_are_unchanged_where_one_rule_suffices() -> None:
    # No limits on Ukraine's forces and no cap on its army imply each other.
    ru = peacepos.codebook("russia-ukraine")
    p = _position(ru, Range(issue="military/army-cap/peacetime", at_least=1, evidence=EV))
    assert "military/limits" not in p.constraints()
    q = _position(ru, peacepos.kinds.condition(ru, "no-limits", evidence=EV))
    assert str(q.constraint("military/army-cap/peacetime")) == "no cap"
    laws.stances(p)
    laws.stances(q)


# -- what an implication may say (CORE-REQUESTS.md 4) -------------------------------------


def test_a_rule_that_rules_nothing_out_is_refused() -> None:
    with pytest.raises(CodebookError, match=r"implications\[0\]\.then names every outcome"):
        _book((Rule(issue="a", outcomes=("a1",)), Rule(issue="b", outcomes=("b1", "b2"))))
    with pytest.raises(CodebookError, match="names every number"):
        _book((Rule(issue="a", outcomes=("a1",)), Rule(issue="cap", at_least=0)))
    with pytest.raises(CodebookError, match="no number"):
        Codebook(
            name="x",
            title="X",
            issues=(A, NumericIssue(key="n", title="N", unit="u", maximum=5)),
            implications=[
                Implication(
                    when=Rule(issue="n", at_least=6), then=Rule(issue="a", outcomes=("a1",))
                )
            ],
        )
    with pytest.raises(CodebookError, match="give outcomes"):
        _book((Rule(issue="a", outcomes=()), Rule(issue="b", outcomes=("b1",))))


def test_a_cap_up_to_the_maximum_still_rules_out_no_cap() -> None:
    capped = NumericIssue(key="cap", title="Cap", unit="t", maximum=10, unlimited="no cap")
    book = Codebook(
        name="x",
        title="X",
        issues=(A, capped),
        implications=[
            Implication(when=Rule(issue="a", outcomes=("a1",)), then=Rule(issue="cap", at_most=10))
        ],
    )
    assert str(_position(book, _on("a", "a1")).constraint("cap")) == "≤ 10 t"


def test_a_rule_on_settling_an_issue_at_all_applies_where_it_is_addressed() -> None:
    # Any timing of elections means elections are held; a party may still want none.
    ru = peacepos.codebook("russia-ukraine")
    none = _position(ru, _on("elections", "not-held"))
    assert _stances(none) == {"elections": "not held"}
    timed = _position(ru, _on("elections/timing", "after-signing"))
    assert _stances(timed) == {"elections": "held", "elections/timing": "after signing"}
    with pytest.raises(ContradictionError, match="by the codebook's rule"):
        _position(ru, _on("elections", "not-held"), _on("elections/timing", "after-signing"))
    no_guarantees = _position(ru, _on("alignment/guarantees", "none"))
    assert "alignment/guarantees/strength" not in no_guarantees.constraints()
    for p in (none, timed, no_guarantees):
        laws.stances(p)


def test_deals_apply_a_rule_on_settling_an_issue_where_a_position_speaks_to_it() -> None:
    ru = peacepos.codebook("russia-ukraine")
    none = _position(ru, _on("elections", "not-held"))
    assert peacepos.deals(none).exists
    other = peacepos.Position(
        id="q",
        title="q",
        actors=("Q",),
        date="2024-01-02",
        codebook=ru,
        conditions=[_on("elections/timing", "before-signing")],
    )
    deal = peacepos.deals(none, other)
    assert not deal.exists  # the other side settles the timing, so elections are held
    assert "elections" in {d.issue for d in deal.blocking}
    assert any("codebook's rule" in line for line in deal.explain())


# -- {held_by} (CORE-REQUESTS.md 7) --------------------------------------------------------


def test_held_by_outside_an_area_issue_is_refused() -> None:
    with pytest.raises(CodebookError, match=r"'\{held_by\}'.*has no '\{area\}'"):
        Codebook(
            name="x",
            title="X",
            actors=[peacepos.vocabulary.Actor(key="north", name="North")],
            issues=[Issue(key="a", title="A", outcomes=("north", "south"))],
            kinds=[KindSpec(name="hold", narrows={"a": ["{held_by}"]})],
        )
    # in an area issue it names who holds each area
    book = Codebook(
        name="x",
        title="X",
        actors=[peacepos.vocabulary.Actor(key="north", name="North")],
        areas=[Area(key="hill", title="Hill", held_by="north")],
        area_issues=[IssueTemplate(key="status/{area}", title="{title}", outcomes=("north", "x"))],
        kinds=[KindSpec(name="hold", areas="regions", narrows={"status/{area}": ["{held_by}"]})],
    )
    c = peacepos.kinds.condition(book, "hold", regions=["hill"], evidence=EV)
    assert [str(x) for x in c.constraints(book)] == ["north"]


# -- any implications, against brute force -------------------------------------------------


@st.composite
def _rules(draw: st.DrawFn) -> list[Implication]:
    """Up to four implications among a, b, c and the cap: the same pair twice, cycles, both
    directions, the no-limit outcome, and `when` naming every outcome."""
    issues = {"a": A, "b": B, "c": C, "cap": CAP}
    out = []
    for _ in range(draw(st.integers(1, 4))):
        w, t = draw(st.permutations(list(issues)))[:2]

        def rule(key: str, then: bool) -> Rule:
            issue = issues[key]
            if isinstance(issue, Issue):
                size = len(issue.outcomes) - (1 if then else 0)
                picked = draw(
                    st.lists(
                        st.sampled_from(issue.outcomes), min_size=1, max_size=size, unique=True
                    )
                )
                if then and len(set(picked)) == len(issue.outcomes):
                    picked = picked[:-1]
                return Rule(issue=key, outcomes=tuple(picked))
            shape = draw(st.sampled_from(["at_most", "at_least", "between", "unlimited"]))
            if shape == "unlimited":
                return Rule(issue=key, unlimited=True)
            low, high = sorted(draw(st.lists(st.integers(0, 12), min_size=2, max_size=2)))
            if shape == "at_most":
                return Rule(issue=key, at_most=high)
            if shape == "at_least":
                return Rule(issue=key, at_least=max(low, 1) if then else low)
            return Rule(issue=key, at_least=low, at_most=high)

        out.append(Implication(when=rule(w, False), then=rule(t, True)))
    return out


@st.composite
def _conditions(draw: st.DrawFn) -> list[peacepos.Condition]:
    out: list[peacepos.Condition] = []
    for key in draw(st.lists(st.sampled_from(["a", "b", "c", "cap"]), min_size=1, max_size=3)):
        if key == "cap":
            low = draw(st.none() | st.integers(0, 12))
            high = (
                draw(st.integers(0, 12)) if low is None else draw(st.none() | st.integers(low, 12))
            )
            out.append(Range(issue="cap", at_least=low, at_most=high, evidence=EV))
        else:
            issue = {"a": A, "b": B, "c": C}[key]
            picked = draw(st.lists(st.sampled_from(issue.outcomes), min_size=1, unique=True))
            out.append(_on(key, *picked))
    return out


@given(_rules(), _conditions())
def test_stances_under_any_implications_are_what_enumeration_says(
    rules: list[Implication], conditions: list[peacepos.Condition]
) -> None:
    try:
        book = Codebook(
            name="test-implications", title="Rules", issues=(A, B, C, CAP), implications=rules
        )
    except CodebookError:
        return  # (a generated `then` that allows every number)
    try:
        p = _position(book, *conditions)
    except ContradictionError:
        from peacepos.testing import reference

        with pytest.raises(reference.Contradiction):
            reference.stances_of(conditions, book)
        return
    laws.stances(p)
