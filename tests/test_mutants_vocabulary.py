"""Codebooks: exact behaviour that mutation testing found unchecked (docs/reliability.md).

Each test states what docs/codebooks.md and the docstrings promise, on codebooks small enough to
work out by hand: which error a malformed codebook gets and the text that says what is wrong and
where (the refusal names the codebook, the kind or implication, the key and the outcome), the
boundaries of keys, names, texts and numbers, report order, and the merging of included
codebooks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from peacepos.errors import CodebookError, UnknownIssueError
from peacepos.vocabulary import (
    FINITE_MAX,
    UNLIMITED,
    Actor,
    Area,
    Codebook,
    Implication,
    Issue,
    IssueTemplate,
    KindSpec,
    NumericIssue,
    Rule,
    check_key,
    expand_key,
    placeholders,
    same_meaning,
)


def refusal(error: type[Exception], build: Callable[..., Any]) -> str:
    """The message of the error ``build`` raises, which must be exactly of type ``error``."""
    with pytest.raises(error) as info:
        build()
    assert type(info.value) is error, f"{type(info.value).__name__}: {info.value}"
    return str(info.value)


def book(**fields: Any) -> Codebook:
    return Codebook(name="c", title="C", **fields)


def refused(build: Callable[..., Any]) -> str:
    """The problem a :class:`CodebookError` states, after the codebook it names (``c``)."""
    text = refusal(CodebookError, build)
    prefix = "codebook 'c': "
    assert text.startswith(prefix), text
    return text[len(prefix) :]


ABC = Issue(key="a", title="A", outcomes=["x", "y", "z"])
KM = NumericIssue(key="n", title="Distance", unit="km", minimum=10, maximum=100)
CAP = NumericIssue(key="u", title="Cap", unit="troops", maximum=100, unlimited="no cap")
OPEN = NumericIssue(key="o", title="Open", unit="days")  # 0 and up, no upper end


class TestKeysNamesAndTexts:
    def test_a_key_is_text(self) -> None:
        """check_key refuses what is not text with a TypeError naming what it checked."""
        assert refusal(TypeError, lambda: check_key(5)) == "key must be text (got 5)"
        assert refusal(TypeError, lambda: check_key(None, "issue")) == (
            "issue must be text (got None)"
        )

    def test_a_key_is_lower_case_words_grouped_by_slashes(self) -> None:
        """Words joined by - or _, grouped by /; anything else is refused with the key."""
        for good in ("a", "a-b", "a_b", "a/b-c/d", "x1/2y"):
            assert check_key(good) == good
        for bad in ("A", "a b", "a//b", "/a", "a/", "a--b", "-a", "", "a.b"):
            message = refusal(ValueError, lambda bad=bad: check_key(bad, "thing"))
            assert message == (
                f"thing must be lower-case words joined by '-' and grouped by '/' (got {bad!r})"
            )

    def test_a_key_has_at_most_200_characters(self) -> None:
        """200 characters is the longest key; 201 is refused."""
        assert check_key("a" * 200) == "a" * 200
        assert refusal(ValueError, lambda: check_key("a" * 201)).startswith(
            "key must be lower-case words joined by '-' and grouped by '/' (got 'aaa"
        )

    def test_issue_keys_are_checked_under_their_field_name(self) -> None:
        """An issue's key and a rule's issue are checked as keys, named by their field."""
        assert refusal(ValueError, lambda: Issue(key="A", title="T", outcomes=["x"])) == (
            "key must be lower-case words joined by '-' and grouped by '/' (got 'A')"
        )
        assert refusal(ValueError, lambda: Rule(issue="B b")) == (
            "issue must be lower-case words joined by '-' and grouped by '/' (got 'B b')"
        )

    def test_a_name_is_one_group_of_words_of_at_most_100_characters(self) -> None:
        """Codebook names, actor keys and kind names: no '/', at most 100 characters."""
        assert Actor(key="a" * 100, name="A").key == "a" * 100
        for bad in ("a" * 101, "a/b", "A", 5):
            message = refusal(ValueError, lambda bad=bad: Actor(key=bad, name="A"))
            assert message == f"key must be lower-case words joined by '-' (got {bad!r})"
        assert refusal(ValueError, lambda: KindSpec(name="k/x")) == (
            "name must be lower-case words joined by '-' (got 'k/x')"
        )

    def test_texts_are_text_within_the_length_limit(self) -> None:
        """Descriptions and the like: text, at most 2,000 characters, no control characters."""
        issue = Issue(key="a", title="T", outcomes=["x"], description="d" * 2000)
        assert len(issue.description) == 2000
        assert refusal(
            ValueError, lambda: Issue(key="a", title="T", outcomes=["x"], description="d" * 2001)
        ) == ("description is longer than 2,000 characters (got 2,001)")
        assert refusal(
            TypeError,
            lambda: Issue(key="a", title="T", outcomes=["x"], description=5),  # type: ignore[arg-type]
        ) == ("description must be text (got 5)")
        assert refusal(
            ValueError, lambda: Issue(key="a", title="T", outcomes=["x"], description="ab\x01")
        ) == ("description contains a control character (U+0001) at character 2")

    def test_titles_must_show_something(self) -> None:
        """A blank title is refused; a title is otherwise checked as text."""
        assert refusal(ValueError, lambda: Issue(key="a", title=" \t", outcomes=["x"])) == (
            "title must not be empty"
        )
        assert refusal(TypeError, lambda: Actor(key="a", name=None)) == (  # type: ignore[arg-type]
            "name must be text (got None)"
        )
        assert refusal(ValueError, lambda: Actor(key="a", name="A\u202e")) == (
            "name contains an invisible bidirectional control character (U+202E) at character 1"
        )


class TestOutcomes:
    def test_an_issue_needs_an_outcome(self) -> None:
        assert refusal(ValueError, lambda: Issue(key="a", title="A", outcomes=[])) == (
            "an issue needs at least one outcome"
        )

    def test_outcomes_are_distinct(self) -> None:
        """A repeated outcome is refused before any other check, with the whole list."""
        assert refusal(
            ValueError, lambda: Issue(key="a", title="A", outcomes=["x", "y", "x"])
        ) == ("outcomes must be distinct (got ('x', 'y', 'x'))")
        assert refusal(ValueError, lambda: Issue(key="a", title="A", outcomes=["Bad", "Bad"])) == (
            "outcomes must be distinct (got ('Bad', 'Bad'))"
        )

    def test_an_issue_has_at_most_62_outcomes(self) -> None:
        """62 outcomes are allowed; 63 are refused with the count."""
        many = [f"o{i}" for i in range(63)]
        assert len(Issue(key="a", title="A", outcomes=many[:62]).outcomes) == 62
        assert refusal(ValueError, lambda: Issue(key="a", title="A", outcomes=many)) == (
            "an issue may have at most 62 outcomes (got 63)"
        )

    def test_every_outcome_is_a_name(self) -> None:
        """The first outcome that is not a name is refused, whatever comes after it."""
        for bad in ("Y", "y/z", 5, "y z"):
            message = refusal(
                ValueError, lambda bad=bad: Issue(key="a", title="A", outcomes=["x", bad, "z"])
            )
            assert message == f"outcome must be lower-case words joined by '-' (got {bad!r})"

    def test_outcomes_are_a_list_not_one_string(self) -> None:
        assert refusal(TypeError, lambda: Issue(key="a", title="A", outcomes="xy")) == (
            "outcomes must be a list of names, not one string (got 'xy')"
        )
        assert refusal(
            TypeError, lambda: IssueTemplate(key="t/{area}", title="T", outcomes="xy")
        ) == ("outcomes must be a list of names, not one string (got 'xy')")
        assert refusal(TypeError, lambda: Rule(issue="a", outcomes="x")) == (
            "outcomes must be a list of names, not one string (got 'x')"
        )
        assert Rule(issue="a", outcomes=iter(["x", "y"])).outcomes == ("x", "y")


class TestLabelsNotesAndGroups:
    def test_labels_and_notes_are_sorted_pairs_from_a_mapping_or_a_list(self) -> None:
        a = Issue(key="a", title="A", outcomes=["x", "y"], labels={"y": "Why", "x": "Ex"})
        b = Issue(key="a", title="A", outcomes=["x", "y"], labels=[("y", "Why"), ("x", "Ex")])
        assert a.labels == b.labels == (("x", "Ex"), ("y", "Why"))
        assert a == b
        notes = Issue(key="a", title="A", outcomes=["x", "y"], notes=[("y", "n2"), ("x", "n1")])
        assert notes.notes == (("x", "n1"), ("y", "n2"))

    def test_a_label_pairs_a_name_with_text(self) -> None:
        assert refusal(
            TypeError,
            lambda: Issue(key="a", title="A", outcomes=["x"], labels={"x": 5}),  # type: ignore[arg-type]
        ) == ("expected names and text (got 'x': 5)")
        assert refusal(
            TypeError,
            lambda: Issue(key="a", title="A", outcomes=["x"], notes={5: "five"}),  # type: ignore[arg-type]
        ) == ("expected names and text (got 5: 'five')")

    def test_label_and_note_texts_are_checked_as_texts(self) -> None:
        assert refusal(
            ValueError, lambda: Issue(key="a", title="A", outcomes=["x"], labels={"x": "\x07"})
        ) == ("labels contains a control character (U+0007) at character 0")
        assert refusal(
            ValueError,
            lambda: Issue(key="a", title="A", outcomes=["x"], notes={"x": "n" * 2001}),
        ) == ("notes is longer than 2,000 characters (got 2,001)")

    def test_a_label_or_note_for_an_unknown_outcome_is_a_typo(self) -> None:
        for field in ("labels", "notes"):
            message = refusal(
                UnknownIssueError,
                lambda field=field: Issue(
                    key="a",
                    title="A",
                    outcomes=["x", "y"],
                    **{field: {"x": "X", "w": "W"}},  # type: ignore[arg-type]
                ),
            )
            assert message == "'w' is not an outcome of 'a'; expected one of x, y"

    def test_groups_are_sorted_and_name_two_known_outcomes_or_more(self) -> None:
        issue = Issue(
            key="a",
            title="A",
            outcomes=["x", "y", "z"],
            groups=[("not x", ["y", "z"]), ("either", ("x", "y"))],
        )
        assert issue.groups == (("either", ("x", "y")), ("not x", ("y", "z")))
        assert issue.group(["z", "y"]) == "not x"
        assert issue.group({"x", "y"}) == "either"
        assert issue.group(["x", "z"]) is None
        assert issue.group(["y"]) is None
        assert refusal(
            ValueError, lambda: Issue(key="a", title="A", outcomes=["x", "y"], groups={"g": ["x"]})
        ) == ("group 'g' of 'a' needs two outcomes or more")
        assert refusal(
            UnknownIssueError,
            lambda: Issue(key="a", title="A", outcomes=["x", "y"], groups={"g": ["x", "w"]}),
        ) == ("'w' is not an outcome of 'a'; expected one of x, y")
        assert refusal(
            TypeError, lambda: Issue(key="a", title="A", outcomes=["x", "y"], groups={"g": "xy"})
        ) == ("group 'g' must be a list of names, not one string (got 'xy')")

    def test_a_group_name_is_visible_and_at_most_200_characters(self) -> None:
        def with_group(name: str) -> Issue:
            return Issue(key="a", title="A", outcomes=["x", "y"], groups={name: ["x", "y"]})

        assert with_group("g" * 200).group(["x", "y"]) == "g" * 200
        for bad in ("", " ", "\u200b", "g" * 201, "g\x00"):
            assert refusal(ValueError, lambda bad=bad: with_group(bad)) == (
                f"a group of 'a' needs a visible name (got {bad!r})"
            )

    def test_an_outcome_reads_as_its_label_or_its_words(self) -> None:
        issue = Issue(
            key="a",
            title="A",
            outcomes=["full-ceasefire", "none"],
            labels={"none": "No ceasefire"},
            notes={"none": "Fighting goes on."},
        )
        assert issue.label("full-ceasefire") == "full ceasefire"
        assert issue.label("none") == "No ceasefire"
        assert issue.note("none") == "Fighting goes on."
        assert issue.note("full-ceasefire") == ""
        assert issue.index("none") == 1
        assert issue.index("full-ceasefire") == 0
        assert not issue.numeric
        for call in (issue.label, issue.note, issue.index):
            assert refusal(UnknownIssueError, lambda call=call: call("partial")) == (
                "'partial' is not an outcome of 'a'; expected one of full-ceasefire, none"
            )
        assert refusal(UnknownIssueError, lambda: issue.index(["none"])) == (  # type: ignore[arg-type]
            "['none'] is not an outcome of 'a'; expected one of full-ceasefire, none"
        )


class TestNumericIssues:
    def test_bounds_are_whole_numbers_within_ten_to_the_fifteenth(self) -> None:
        edge = NumericIssue(key="n", title="N", unit="", minimum=-(10**15), maximum=10**15)
        assert (edge.minimum, edge.maximum) == (-(10**15), FINITE_MAX)
        assert refusal(
            ValueError, lambda: NumericIssue(key="n", title="N", unit="", minimum=-(10**15) - 1)
        ) == ("minimum must be within ±10^15 (got -1000000000000001)")
        assert refusal(
            ValueError, lambda: NumericIssue(key="n", title="N", unit="", maximum=10**15 + 1)
        ) == ("maximum must be within ±10^15 (got 1000000000000001)")
        for bad in (True, 1.0, "1"):
            assert refusal(
                TypeError, lambda bad=bad: NumericIssue(key="n", title="N", unit="", minimum=bad)
            ) == (f"minimum must be a whole number (got {bad!r})")
        assert refusal(TypeError, lambda: Rule(issue="n", at_most=False)) == (
            "at_most must be a whole number (got False)"
        )

    def test_the_maximum_is_at_least_the_minimum(self) -> None:
        one = NumericIssue(key="n", title="N", unit="", minimum=5, maximum=5)
        assert one.domain() == ((5, 5),)
        assert refusal(
            ValueError, lambda: NumericIssue(key="n", title="N", unit="", minimum=5, maximum=4)
        ) == ("maximum must be ≥ minimum (got 4 < 5)")

    def test_the_domain_is_the_range_and_the_no_limit_outcome(self) -> None:
        """Without ``unlimited`` the range as declared; with it, the numbers up to the maximum
        (or the largest number) and the no-limit outcome beyond them."""
        assert KM.domain() == ((10, 100),)
        assert OPEN.domain() == ((0, None),)
        assert CAP.domain() == ((0, 100), (UNLIMITED, UNLIMITED))
        endless = NumericIssue(key="e", title="E", unit="", minimum=3, unlimited="any")
        assert endless.domain() == ((3, FINITE_MAX), (UNLIMITED, UNLIMITED))
        assert UNLIMITED == FINITE_MAX + 1
        assert KM.numeric

    def test_numbers_read_with_thousands_separators_and_no_limit_as_its_label(self) -> None:
        assert KM.format(85000) == "85,000"
        assert CAP.format(UNLIMITED) == "no cap"
        assert CAP.format(100) == "100"
        assert OPEN.format(UNLIMITED) == "1,000,000,000,000,001"


class TestTemplatesAndAreas:
    def test_an_area_issue_key_contains_area_and_is_otherwise_a_key(self) -> None:
        assert refusal(
            ValueError, lambda: IssueTemplate(key="land", title="L", outcomes=["a"])
        ) == ("an area issue's key must contain '{area}' (got 'land')")
        assert refusal(
            ValueError, lambda: IssueTemplate(key="Land/{area}", title="L", outcomes=["a"])
        ) == ("key must be lower-case words joined by '-' and grouped by '/' (got 'Land/x')")

    def test_a_template_expands_key_title_and_description_for_an_area(self) -> None:
        template = IssueTemplate(
            key="land/{area}",
            title="Land: {title}",
            description="Who holds {title}, and {title} only",
            outcomes=["kept", "ceded"],
            labels={"kept": "Kept"},
            notes={"ceded": "Handed over"},
            groups={"any": ["kept", "ceded"]},
        )
        issue = template.expand(Area(key="north", title="The north"))
        assert issue == Issue(
            key="land/north",
            title="Land: The north",
            description="Who holds The north, and The north only",
            outcomes=("kept", "ceded"),
            labels={"kept": "Kept"},
            notes={"ceded": "Handed over"},
            groups={"any": ["kept", "ceded"]},
        )

    def test_parts_are_areas(self) -> None:
        assert refusal(
            TypeError,
            lambda: Area(key="n", title="N", parts=[Area(key="a", title="A"), "b"]),  # type: ignore[list-item]
        ) == ("parts[1] must be an Area (got str)")

    def test_walk_is_depth_first_and_leaves_are_the_parts_without_parts(self) -> None:
        area = Area(
            key="r",
            title="R",
            parts=[
                Area(
                    key="r1",
                    title="R1",
                    parts=[Area(key="r1a", title="A"), Area(key="r1b", title="B")],
                ),
                Area(key="r2", title="R2"),
            ],
        )
        assert [a.key for a in area.walk()] == ["r", "r1", "r1a", "r1b", "r2"]
        assert [a.key for a in area.leaves()] == ["r1a", "r1b", "r2"]
        assert [a.key for a in Area(key="s", title="S").leaves()] == ["s"]


class TestActors:
    def test_an_actor_has_a_name_key_and_a_visible_name(self) -> None:
        assert Actor(key="russia", name="Russia").name == "Russia"
        assert refusal(ValueError, lambda: Actor(key="russia", name=" ")) == (
            "name must not be empty"
        )


class TestKindSpec:
    def test_narrows_keep_their_order_and_need_keys_and_lists(self) -> None:
        spec = KindSpec(name="k", narrows=[("b", ["x"]), ("a", ("y", "z"))])
        assert spec.narrows == (("b", ("x",)), ("a", ("y", "z")))
        assert KindSpec(name="k", narrows={"b": ["x"], "a": ["y"]}).narrows == (
            ("b", ("x",)),
            ("a", ("y",)),
        )
        assert refusal(TypeError, lambda: KindSpec(name="k", narrows={5: ["x"]})) == (  # type: ignore[arg-type]
            "issue keys must be text (got 5)"
        )
        assert refusal(TypeError, lambda: KindSpec(name="k", narrows={"a": "x"})) == (
            "outcomes of 'a' must be a list of names, not one string (got 'x')"
        )

    def test_choices_from_mappings_or_pairs(self) -> None:
        from_maps = KindSpec(
            name="k", choices={"by": {"east": {"a": ["x"]}, "west": {"a": ["y"]}}}
        )
        from_pairs = KindSpec(
            name="k", choices=[("by", [("east", [("a", ["x"])]), ("west", {"a": ["y"]})])]
        )
        assert (
            from_maps.choices
            == from_pairs.choices
            == (("by", (("east", (("a", ("x",)),)), ("west", (("a", ("y",)),)))),)
        )
        assert from_maps.values("by") == ("east", "west")
        assert from_maps.narrows_for("by", "west") == (("a", ("y",)),)
        assert not from_maps.flag("by")

    def test_flags_and_defaults(self) -> None:
        """A choice of true and false is a flag; a boolean default reads as its name."""
        choices: dict[str, Any] = {
            "all": {"true": {"a": ["x"]}, "false": {}},
            "by": {"east": {}, "west": {}},
        }
        spec = KindSpec(name="k", choices=choices, defaults={"by": "west", "all": True})
        assert spec.defaults == (("all", "true"), ("by", "west"))
        assert spec.default("all") == "true"
        assert spec.default("by") == "west"
        assert spec.default("other") is None
        assert spec.flag("all")
        assert KindSpec(name="k", choices=choices, defaults={"all": False}).default("all") == (
            "false"
        )
        assert KindSpec(name="k", choices=choices, defaults=[("by", "east")]).defaults == (
            ("by", "east"),
        )
        assert refusal(
            TypeError,
            lambda: KindSpec(name="k", choices=choices, defaults={"by": 2}),
        ) == ("a choice's value must be a name (got 2)")
        # a flag that is not true/false alone is no flag
        three = KindSpec(name="k", choices={"f": {"true": {}, "false": {}, "maybe": {}}})
        assert not three.flag("f")

    def test_a_default_names_a_choice_and_one_of_its_values(self) -> None:
        choices: dict[str, Any] = {"by": {"east": {}, "west": {}}}
        assert refusal(
            ValueError, lambda: KindSpec(name="k", choices=choices, defaults={"to": "east"})
        ) == ("kind 'k' has a default for unknown 'to'")
        assert refusal(
            ValueError, lambda: KindSpec(name="k", choices=choices, defaults={"by": "north"})
        ) == ("default 'north' of 'by' is not one of east, west")
        assert refusal(
            ValueError, lambda: KindSpec(name="k", choices=choices, defaults={"by": True})
        ) == ("default 'true' of 'by' is not one of east, west")

    def test_parameter_names(self) -> None:
        """A parameter is named like an identifier, never as a reserved field, and once."""
        KindSpec(name="k", choices={"p_2": {"v": {}}}, areas="regions")
        for bad in ("P", "2p", "p-q", "", "kind", "evidence", "stage", "only_if", "actors"):
            assert refusal(
                ValueError, lambda bad=bad: KindSpec(name="k", choices={bad: {"v": {}}})
            ) == (f"{bad!r} cannot name a parameter of kind 'k'")
        for bad in ("at_least", "at_most", "args", "Regions"):
            assert refusal(ValueError, lambda bad=bad: KindSpec(name="k", areas=bad)) == (
                f"{bad!r} cannot name a parameter of kind 'k'"
            )
        assert refusal(
            ValueError, lambda: KindSpec(name="k", choices={"p": {"v": {}}}, areas="p")
        ) == ("kind 'k' names a parameter twice")
        assert refusal(
            ValueError,
            lambda: KindSpec(name="k", choices=[("p", {"v": {}}), ("p", {"w": {}})]),  # type: ignore[dict-item]
        ) == ("kind 'k' names a parameter twice")

    def test_a_choice_has_values(self) -> None:
        assert refusal(ValueError, lambda: KindSpec(name="k", choices={"p": {}})) == (
            "choice 'p' of kind 'k' has no values"
        )
        assert refusal(
            ValueError,
            lambda: KindSpec(name="k", choices={"p": {"v": {}}, "q": []}),  # type: ignore[arg-type]
        ) == ("choice 'q' of kind 'k' has no values")

    def test_params_are_choices_then_areas_then_bounds_unless_ordered(self) -> None:
        choices: dict[str, Any] = {"p": {"v": {}}, "q": {"true": {}, "false": {}}}
        spec = KindSpec(name="k", choices=choices, areas="regions", bounds="n")
        assert spec.params == ("p", "q", "regions", "at_least", "at_most")
        assert KindSpec(name="k", bounds="n").params == ("at_least", "at_most")
        assert KindSpec(name="k", areas="regions").params == ("regions",)
        ordered = KindSpec(
            name="k", choices=choices, areas="regions", bounds="n", order=["at_most", "regions"]
        )
        assert ordered.params == ("at_most", "regions", "p", "q", "at_least")
        low_first = KindSpec(name="k", bounds="n", order=["at_least", "at_most"])
        assert low_first.params == ("at_least", "at_most")
        assert KindSpec(name="k", bounds="n", order=["at_most", "at_least"]).params == (
            "at_most",
            "at_least",
        )

    def test_order_lists_parameters_only_and_each_once(self) -> None:
        """An order naming something that is not a parameter would add a column to tables."""
        choices: dict[str, Any] = {"p": {"v": {}}}
        for bad in (["p", "p"], ["q"], ["p", "regions"], ["at_least"]):
            assert refusal(
                ValueError, lambda bad=bad: KindSpec(name="k", choices=choices, order=bad)
            ) == ("order of kind 'k' must list its parameters once")
        assert refusal(TypeError, lambda: KindSpec(name="k", choices=choices, order="p")) == (
            "expected a list of names, not one string (got 'p')"
        )
        assert refusal(TypeError, lambda: KindSpec(name="k", choices=choices, order=["p", 1])) == (  # type: ignore[list-item]
            "expected names (got 1)"
        )

    def test_same_meaning_ignores_titles_but_not_narrows(self) -> None:
        a = KindSpec(name="k", title="A", narrows={"a": ["x"]})
        assert same_meaning(
            a, KindSpec(name="k", title="B", description="d", narrows={"a": ["x"]})
        )
        assert not same_meaning(a, KindSpec(name="k", narrows={"a": ["y"]}))
        assert not same_meaning(a, KindSpec(name="k", narrows={"a": ["x"]}, bounds="n"))
        assert not same_meaning(a, KindSpec(name="k", narrows={"a": ["x"]}, areas="regions"))
        assert not same_meaning(
            a, KindSpec(name="k", narrows={"a": ["x"]}, choices={"p": {"v": {}}})
        )
        flagged = KindSpec(name="k", choices={"f": {"true": {}, "false": {}}})
        assert not same_meaning(
            flagged,
            KindSpec(name="k", choices={"f": {"true": {}, "false": {}}}, defaults={"f": True}),
        )
        assert not same_meaning(type("Plugin", (), {"kind": "k"}), a)


def implied(rule: Rule, *, side: str = "then") -> Codebook:
    """A codebook whose one implication has ``rule`` on ``side`` (the other: a is x)."""
    other = Rule(issue="a", outcomes=["x"])
    implication = (
        Implication(when=other, then=rule)
        if side == "then"
        else Implication(when=rule, then=other)
    )
    return book(issues=[ABC, KM, CAP, OPEN], implications=[implication])


def rule_refusal(rule: Rule, side: str = "then") -> str:
    """What is wrong with ``rule`` on ``side``, after the place the refusal names."""
    text = refused(lambda: implied(rule, side=side))
    place = f"implications[0].{side}"
    assert text.startswith(place), text
    return text[len(place) :]


class TestRules:
    def test_a_rule_describes_itself_in_the_codebooks_words(self) -> None:
        cb = book(
            issues=[
                Issue(key="a", title="A", outcomes=["x", "y-y", "z"], labels={"x": "Ex"}),
                KM,
                CAP,
            ]
        )
        assert Rule(issue="a", outcomes=["x", "y-y"]).describe(cb) == "A: Ex or y y"
        assert Rule(issue="n", at_least=1000, at_most=2000).describe(cb) == (
            "Distance: ≥ 1,000 and ≤ 2,000 km"
        )
        assert Rule(issue="n", at_least=20).describe(cb) == "Distance: ≥ 20 km"
        assert Rule(issue="n", at_most=20).describe(cb) == "Distance: ≤ 20 km"
        assert Rule(issue="u", unlimited=True).describe(cb) == "Cap: no cap"
        assert Rule(issue="n", unlimited=True).describe(cb) == "Distance: no limit"
        unitless = book(issues=[NumericIssue(key="n", title="N", unit="")])
        assert Rule(issue="n", at_least=5).describe(unitless) == "N: ≥ 5"
        implication = Implication(
            when=Rule(issue="a", outcomes=["z"]), then=Rule(issue="u", unlimited=True)
        )
        assert implication.describe(cb) == "A: z implies Cap: no cap"

    def test_a_rule_names_a_known_issue(self) -> None:
        for side in ("when", "then"):
            assert rule_refusal(Rule(issue="b", outcomes=["x"]), side) == (
                " names unknown issue 'b'"
            )

    def test_a_finite_issue_takes_outcomes_only(self) -> None:
        for rule in (
            Rule(issue="a"),
            Rule(issue="a", outcomes=["x"], at_least=1),
            Rule(issue="a", outcomes=["x"], at_most=1),
        ):
            for side in ("when", "then"):
                assert rule_refusal(rule, side) == ": 'a' is finite: give outcomes"

    def test_a_finite_rule_names_known_outcomes(self) -> None:
        for side in ("when", "then"):
            assert rule_refusal(Rule(issue="a", outcomes=["x", "w"]), side) == (
                ": 'w' is not an outcome of 'a'"
            )

    def test_then_may_not_name_every_outcome_but_when_may(self) -> None:
        every = Rule(issue="a", outcomes=["z", "y", "x"])
        assert rule_refusal(every) == (
            " names every outcome of 'a', so it rules nothing out: leave the implication out, "
            "or name the outcomes it allows"
        )
        assert implied(every, side="when").all_implications()[0].when == every
        implied(Rule(issue="a", outcomes=["y", "z"]))

    def test_unlimited_needs_a_no_limit_outcome_and_stands_alone(self) -> None:
        for side in ("when", "then"):
            assert rule_refusal(Rule(issue="n", unlimited=True), side) == (
                ": 'n' has no unlimited outcome"
            )
            for rule in (
                Rule(issue="u", unlimited=True, at_least=1),
                Rule(issue="u", unlimited=True, at_most=1),
                Rule(issue="u", unlimited=True, outcomes=["x"]),
            ):
                assert rule_refusal(rule, side) == ": unlimited stands alone"
        implied(Rule(issue="u", unlimited=True))

    def test_a_numeric_issue_takes_a_range(self) -> None:
        for rule in (Rule(issue="n"), Rule(issue="n", outcomes=["x"], at_least=20)):
            for side in ("when", "then"):
                assert rule_refusal(rule, side) == (
                    ": 'n' is numeric: give at_least, at_most or both"
                )
        assert rule_refusal(Rule(issue="n", at_least=50, at_most=40)) == (
            ": at_least exceeds at_most"
        )
        implied(Rule(issue="n", at_least=50, at_most=50))

    def test_the_range_must_meet_the_issues_numbers(self) -> None:
        """Distance runs from 10 to 100: a range wholly below or above it names nothing."""
        for rule in (
            Rule(issue="n", at_least=101),
            Rule(issue="n", at_most=9),
            Rule(issue="n", at_least=5, at_most=9),
            Rule(issue="n", at_least=101, at_most=200),
        ):
            for side in ("when", "then"):
                assert rule_refusal(rule, side) == ": no number of 'n' is in the range it names"
        for rule in (
            Rule(issue="n", at_least=100),
            Rule(issue="n", at_most=10),
            Rule(issue="n", at_least=5, at_most=10),
            Rule(issue="n", at_least=100, at_most=100),
        ):
            implied(rule)
            implied(rule, side="when")

    def test_then_may_not_name_every_number(self) -> None:
        every = (
            " names every number of {}, so it rules nothing out: leave the implication out, "
            "or name the numbers it allows"
        )
        for rule in (
            Rule(issue="n", at_least=10),
            Rule(issue="n", at_least=5),
            Rule(issue="n", at_most=100),
            Rule(issue="n", at_least=0, at_most=200),
            Rule(issue="n", at_least=10, at_most=100),
        ):
            assert rule_refusal(rule) == every.format("'n'")
            implied(rule, side="when")
        # with no upper end (and with a no-limit outcome), only at_least alone reaches the top
        assert rule_refusal(Rule(issue="o", at_least=0)) == every.format("'o'")
        assert rule_refusal(Rule(issue="u", at_least=0)) == every.format("'u'")
        # one number short at either end rules something out; so does leaving out "no cap"
        for rule in (
            Rule(issue="n", at_least=11),
            Rule(issue="n", at_most=99),
            Rule(issue="n", at_least=11, at_most=100),
            Rule(issue="o", at_least=1),
            Rule(issue="o", at_least=0, at_most=50),
            Rule(issue="u", at_most=100),
            Rule(issue="u", at_least=0, at_most=100),
            Rule(issue="u", at_most=1000),
        ):
            implied(rule)


class TestCodebookFields:
    def test_lists_of_the_right_things(self) -> None:
        """Each list field refuses one string, a mapping or bytes, and names a wrong item."""
        assert refusal(TypeError, lambda: book(actors={"p": "P"})) == (
            "actors must be a list of Actor"
        )
        assert refusal(TypeError, lambda: book(areas="r")) == "areas must be a list of Area"
        assert refusal(TypeError, lambda: book(area_issues=b"t")) == (
            "area_issues must be a list of IssueTemplate"
        )
        assert refusal(TypeError, lambda: book(kinds="k")) == "kinds must be a list of KindSpec"
        assert refusal(TypeError, lambda: book(implications={})) == (
            "implications must be a list of Implication"
        )
        assert refusal(TypeError, lambda: book(includes="core")) == (
            "includes must be a list of Codebook"
        )
        assert refusal(TypeError, lambda: book(includes=["core"])) == (
            "includes[0] must be a Codebook (got str)"
        )
        assert refusal(TypeError, lambda: book(actors=[Actor(key="p", name="P"), "q"])) == (
            "actors[1] must be Actor (got str)"
        )
        assert refusal(TypeError, lambda: book(areas=[ABC])) == "areas[0] must be Area (got Issue)"
        assert refusal(TypeError, lambda: book(area_issues=[ABC])) == (
            "area_issues[0] must be IssueTemplate (got Issue)"
        )
        assert refusal(TypeError, lambda: book(kinds=[None])) == (
            "kinds[0] must be KindSpec (got NoneType)"
        )
        assert refusal(TypeError, lambda: book(implications=[ABC])) == (
            "implications[0] must be Implication (got Issue)"
        )
        assert refusal(TypeError, lambda: book(includes=[book(), "core"])) == (
            "includes[1] must be a Codebook (got str)"
        )
        assert refusal(TypeError, lambda: book(issues=[ABC, Area(key="r", title="R")])) == (
            "issues[1] must be an Issue or NumericIssue"
        )
        assert refusal(TypeError, lambda: book(order="a")) == (
            "expected a list of names, not one string (got 'a')"
        )

    def test_python_kinds_are_classes_with_a_kind(self) -> None:
        class Plugin:
            kind = "plug"

        class Nameless:
            kind = ""

        assert book().with_kinds(Plugin).python_kinds == (Plugin,)
        assert refusal(TypeError, lambda: book(python_kinds=[Plugin, Plugin()])).endswith(
            "is not a condition class with a kind"
        )
        assert refusal(TypeError, lambda: book(python_kinds=[Nameless])) == (
            f"{Nameless!r} is not a condition class with a kind"
        )
        assert refusal(TypeError, lambda: book(python_kinds=[int])) == (
            "<class 'int'> is not a condition class with a kind"
        )


class TestCodebookLookups:
    CB = Codebook(
        name="c",
        title="C",
        issues=[ABC, KM],
        actors=[Actor(key="russia", name="Russia"), Actor(key="ukraine", name="Ukraine")],
        areas=[Area(key="north", title="North", parts=[Area(key="north-east", title="NE")])],
        kinds=[KindSpec(name="keep", narrows={"a": ["x"]})],
    )

    def test_issues(self) -> None:
        cb = self.CB
        assert cb["a"] is ABC
        assert cb.issue("n") is KM
        assert ("a" in cb, "n" in cb, "b" in cb, 5 in cb) == (True, True, False, False)
        assert (len(cb), list(cb), cb.keys(), cb.all_issues()) == (
            2,
            ["a", "n"],
            ("a", "n"),
            (ABC, KM),
        )
        assert repr(cb) == "<Codebook c: 2 issues, 1 declared kinds>"

    def test_unknown_keys_name_the_codebook_and_near_misses(self) -> None:
        cb = self.CB
        assert refusal(UnknownIssueError, lambda: cb["b"]) == "unknown issue 'b' in codebook 'c'"
        assert refusal(UnknownIssueError, lambda: cb["aa"]) == (
            "unknown issue 'aa' in codebook 'c'; did you mean 'a'?"
        )
        assert refusal(UnknownIssueError, lambda: cb[["a"]]) == (  # type: ignore[index]
            "unknown issue ['a'] in codebook 'c'"
        )
        assert refusal(UnknownIssueError, lambda: cb.area("north-eats")) == (
            "unknown area 'north-eats' in codebook 'c'; did you mean 'north-east' or 'north'?"
        )
        assert refusal(UnknownIssueError, lambda: cb.area(["north"])) == (  # type: ignore[arg-type]
            "unknown area ['north'] in codebook 'c'; did you mean 'north'?"
        )
        assert refusal(UnknownIssueError, lambda: cb.actor("rusia")) == (
            "unknown actor 'rusia' in codebook 'c'; did you mean 'russia'?"
        )
        assert refusal(UnknownIssueError, lambda: cb.actor("nobody")) == (
            "unknown actor 'nobody' in codebook 'c'"
        )
        assert refusal(UnknownIssueError, lambda: cb.actor({})) == (  # type: ignore[arg-type]
            "unknown actor {} in codebook 'c'"
        )
        assert refusal(UnknownIssueError, lambda: cb.kind("kep")) == (
            "unknown condition kind 'kep' in codebook 'c'; did you mean 'keep'?"
        )
        assert refusal(UnknownIssueError, lambda: cb.kind([])) == (  # type: ignore[arg-type]
            "unknown condition kind [] in codebook 'c'"
        )

    def test_near_misses_are_the_three_closest_best_first(self) -> None:
        keys = ("abc", "abcd", "abcdef", "abcde")
        cb = book(issues=[Issue(key=k, title="T", outcomes=["x"]) for k in keys])
        assert refusal(UnknownIssueError, lambda: cb["abcdefg"]) == (
            "unknown issue 'abcdefg' in codebook 'c'; did you mean 'abcdef' or 'abcde' or 'abcd'?"
        )
        numbered = book(issues=[Issue(key="5", title="Five", outcomes=["x"])])
        assert refusal(UnknownIssueError, lambda: numbered[5]) == (  # type: ignore[index]
            "unknown issue 5 in codebook 'c'; did you mean '5'?"
        )

    def test_areas_actors_and_kinds(self) -> None:
        cb = self.CB
        assert cb.area("north-east").title == "NE"
        assert cb.area_keys() == ("north", "north-east")
        assert cb.actor("ukraine") == Actor(key="ukraine", name="Ukraine")
        assert [a.key for a in cb.all_actors()] == ["russia", "ukraine"]
        assert cb.kind("keep") == KindSpec(name="keep", narrows={"a": ["x"]})
        assert cb.has_kind("keep")
        assert not cb.has_kind("ceasefire")

        class Plugin:
            kind = "plug"

        plugged = cb.with_kinds(Plugin)
        assert plugged.kind("plug") is Plugin
        assert plugged.kind_names() == ("keep", "plug")
        assert cb.kind_names() == ("keep",)
        assert plugged.has_kind("plug")

    def test_sort_keys_puts_unknown_keys_last_by_name(self) -> None:
        cb = book(issues=[KM, ABC])
        assert cb.sort_keys(["zz", "a", "b", "n"]) == ["n", "a", "b", "zz"]
        assert cb.sort_keys([]) == []

    def test_lineage_is_outermost_first_without_repeats(self) -> None:
        core = Codebook(name="core", title="Core", issues=[ABC])
        mid = Codebook(name="mid", title="Mid", includes=[core])
        top = Codebook(name="top", title="Top", includes=[mid, core])
        assert top.lineage() == ("top", "mid", "core")
        assert core.lineage() == ("core",)


LAND = IssueTemplate(key="land/{area}", title="Land: {title}", outcomes=["kept", "ceded"])
NORTH = Area(key="north", title="North")
PQ = Issue(key="b", title="B", outcomes=["p", "q"])
A_X_THEN_B_P = Implication(
    when=Rule(issue="a", outcomes=["x"]), then=Rule(issue="b", outcomes=["p"])
)
A_Y_THEN_B_Q = Implication(
    when=Rule(issue="a", outcomes=["y"]), then=Rule(issue="b", outcomes=["q"])
)
KEEP_X = KindSpec(name="keep", title="Keep", description="Keeps x", narrows={"a": ["x"]})
CORE = Codebook(
    name="core",
    title="Core",
    issues=[ABC, PQ, KM],
    actors=[Actor(key="russia", name="Russia")],
    areas=[NORTH],
    area_issues=[LAND],
    kinds=[KEEP_X],
    implications=[A_X_THEN_B_P],
)


def other(**fields: Any) -> Codebook:
    return Codebook(name="other", title="Other", **fields)


class TestIncludes:
    def test_the_same_vocabulary_from_two_includes_merges(self) -> None:
        twice = book(includes=[CORE, other(includes=[CORE])])
        assert twice.keys() == CORE.keys() == ("a", "b", "n", "land/north")
        assert twice.area_keys() == ("north",)
        assert twice.kind_names() == ("keep",)
        assert twice.all_actors() == CORE.all_actors()
        assert twice.all_implications() == (A_X_THEN_B_P,)
        assert twice.lineage() == ("c", "core", "other")

    def test_includes_that_disagree_are_refused(self) -> None:
        cases = [
            (other(issues=[Issue(key="a", title="A", outcomes=["x", "y"])]), "issue 'a'"),
            (other(areas=[Area(key="north", title="The North")]), "area 'north'"),
            (other(actors=[Actor(key="russia", name="RF")]), "actor 'russia'"),
            (
                other(issues=[ABC], kinds=[KindSpec(name="keep", narrows={"a": ["y"]})]),
                "kind 'keep'",
            ),
        ]
        for second, what in cases:
            for includes in ([CORE, second], [second, CORE]):
                assert refused(lambda includes=includes: book(includes=includes)) == (
                    f"{what} differs between the codebooks it includes"
                )

    def test_included_templates_give_issues_for_own_areas(self) -> None:
        cb = book(includes=[CORE], areas=[Area(key="south", title="South")])
        assert cb.keys() == ("a", "b", "n", "land/north", "land/south")
        assert cb["land/south"].title == "Land: South"
        deeper = book(includes=[other(includes=[CORE])], areas=[Area(key="south", title="South")])
        assert deeper["land/south"].title == "Land: South"

    def test_templates_come_from_every_include_however_deep(self) -> None:
        seas = Codebook(name="seas", title="Seas", area_issues=[SEA])
        both = other(includes=[CORE, seas])
        cb = book(includes=[both], areas=[Area(key="south", title="South")])
        assert cb["land/south"].title == "Land: South"
        assert cb["sea/south"].title == "Sea: South"
        assert cb.keys() == (
            "a",
            "b",
            "n",
            "land/north",
            "sea/north",
            "land/south",
            "sea/south",
        )

    def test_implications_from_includes_first_then_own_without_repeats(self) -> None:
        mid = other(includes=[CORE], implications=[A_Y_THEN_B_Q])
        assert mid.all_implications() == (A_X_THEN_B_P, A_Y_THEN_B_Q)
        top = book(includes=[CORE, mid], implications=[A_Y_THEN_B_Q, A_X_THEN_B_P])
        assert top.all_implications() == (A_X_THEN_B_P, A_Y_THEN_B_Q)
        own = book(issues=[ABC, PQ], implications=[A_Y_THEN_B_Q, A_X_THEN_B_P])
        assert own.all_implications() == (A_Y_THEN_B_Q, A_X_THEN_B_P)


class TestOwnIssues:
    def test_an_included_issue_may_get_new_words_in_its_place(self) -> None:
        retitled = Issue(
            key="a",
            title="A, again",
            description="Said anew",
            outcomes=["x", "y", "z"],
            labels={"x": "Ex"},
            notes={"y": "Why"},
        )
        cb = book(
            includes=[CORE], issues=[Issue(key="own", title="Own", outcomes=["o"]), retitled]
        )
        assert cb["a"] is retitled
        assert cb.keys() == ("a", "b", "n", "land/north", "own")
        assert CORE["a"] is ABC

    def test_an_included_issue_keeps_its_outcomes_and_kind(self) -> None:
        changed = (
            "is included from another codebook with other outcomes; a codebook may give it a "
            "new title, description, labels or notes only"
        )
        cases = [
            ("a", Issue(key="a", title="A", outcomes=["x", "y"])),
            ("a", Issue(key="a", title="A", outcomes=["z", "y", "x"])),
            ("a", Issue(key="a", title="A", outcomes=["x", "y", "z"], sequence=True)),
            ("a", NumericIssue(key="a", title="A", unit="km")),
            ("n", Issue(key="n", title="N", outcomes=["x"])),
            ("n", NumericIssue(key="n", title="N", unit="miles", minimum=10, maximum=100)),
            ("n", NumericIssue(key="n", title="N", unit="km", minimum=0, maximum=100)),
            ("n", NumericIssue(key="n", title="N", unit="km", minimum=10, maximum=99)),
            ("n", NumericIssue(key="n", title="N", unit="km", minimum=10)),
            (
                "n",
                NumericIssue(
                    key="n", title="N", unit="km", minimum=10, maximum=100, sequence=True
                ),
            ),
            (
                "n",
                NumericIssue(
                    key="n", title="N", unit="km", minimum=10, maximum=100, unlimited="any"
                ),
            ),
        ]
        for key, issue in cases:
            assert refused(lambda issue=issue: book(includes=[CORE], issues=[issue])) == (
                f"issue {key!r} {changed}"
            )
        capped = book(
            includes=[book(issues=[CAP])],
            issues=[
                NumericIssue(
                    key="u", title="Cap, again", unit="troops", maximum=100, unlimited="none"
                )
            ],
        )
        assert capped["u"].title == "Cap, again"
        more = NumericIssue(
            key="n", title="N2", description="d", unit="km", minimum=10, maximum=100
        )
        assert book(includes=[CORE], issues=[more])["n"] is more
        sequence = Issue(key="s", title="S", outcomes=["x"], sequence=True)
        again = Issue(key="s", title="S2", outcomes=["x"], sequence=True)
        assert book(includes=[book(issues=[sequence])], issues=[again])["s"] is again


class TestOwnAreasAndTemplates:
    def test_an_area_is_declared_once_parts_included(self) -> None:
        twice = [
            [NORTH, Area(key="north", title="North")],
            [NORTH, Area(key="south", title="South", parts=[Area(key="north", title="N")])],
            [
                Area(
                    key="south",
                    title="S",
                    parts=[Area(key="s1", title="S1"), Area(key="s1", title="S")],
                )
            ],
        ]
        for areas in twice:
            problem = refused(lambda areas=areas: book(areas=areas))
            assert problem in ("area 'north' is declared twice", "area 's1' is declared twice")
        assert refused(lambda: book(includes=[CORE], areas=[NORTH])) == (
            "area 'north' is declared twice"
        )

    def test_only_parts_without_parts_get_area_issues(self) -> None:
        south = Area(
            key="south",
            title="South",
            parts=[
                Area(key="s1", title="S1", parts=[Area(key="s1a", title="S1a")]),
                Area(key="s2", title="S2"),
            ],
        )
        cb = book(areas=[NORTH, south], area_issues=[LAND])
        assert cb.keys() == ("land/north", "land/s1a", "land/s2")
        assert cb.area_keys() == ("north", "south", "s1", "s1a", "s2")

    def test_an_area_template_is_declared_once(self) -> None:
        again = IssueTemplate(key="land/{area}", title="Land again: {title}", outcomes=["kept"])
        assert refused(lambda: book(areas=[NORTH], area_issues=[LAND, again])) == (
            "area issue 'land/{area}' is declared twice"
        )
        assert refused(lambda: book(includes=[CORE], area_issues=[again])) == (
            "area issue 'land/{area}' is declared twice"
        )

    def test_an_area_issue_may_not_clash_with_an_issue(self) -> None:
        clash = Issue(key="land/north", title="Land: North", outcomes=["kept"])
        assert refused(lambda: book(issues=[clash], areas=[NORTH], area_issues=[LAND])) == (
            "issue 'land/north' is declared twice"
        )
        same = LAND.expand(NORTH)
        assert book(issues=[same], areas=[NORTH], area_issues=[LAND])["land/north"] == same

    def test_who_holds_an_area_is_one_of_the_actors(self) -> None:
        held = Area(key="south", title="South", held_by="ukraine")
        assert refused(lambda: book(areas=[held])) == (
            "area 'south' is held by 'ukraine', which is not one of the codebook's actors "
            "(none declared)"
        )
        actors = [Actor(key="russia", name="Russia"), Actor(key="belarus", name="Belarus")]
        assert refused(lambda: book(actors=actors, areas=[held])) == (
            "area 'south' is held by 'ukraine', which is not one of the codebook's actors "
            "(russia, belarus)"
        )
        assert refused(lambda: book(includes=[CORE], areas=[held])) == (
            "area 'south' is held by 'ukraine', which is not one of the codebook's actors (russia)"
        )
        by_russia = Area(key="south", title="South", held_by="russia")
        assert book(includes=[CORE], areas=[by_russia]).area("south").held_by == "russia"
        assert book(actors=actors, areas=[by_russia]).area("south").held_by == "russia"
        part = Area(key="east", title="East", parts=[held])
        assert refused(lambda: book(areas=[part])).startswith("area 'south' is held by 'ukraine'")


class TestOwnActors:
    def test_an_actor_is_declared_once(self) -> None:
        russia = Actor(key="russia", name="Russia")
        assert refused(lambda: book(actors=[russia, Actor(key="russia", name="RF")])) == (
            "actor 'russia' is declared twice"
        )
        assert refused(lambda: book(includes=[CORE], actors=[Actor(key="russia", name="RF")])) == (
            "actor 'russia' is declared twice"
        )
        assert book(includes=[CORE], actors=[russia]).all_actors() == (russia,)
        assert book(actors=[russia, russia]).all_actors() == (russia,)


RESERVED = (
    "ceasefire",
    "direct-dialogue",
    "arms-delivery-halt",
    "neutral-status",
    "territorial-recognition",
    "outcomes",
    "range",
)


def plugin(name: str) -> type:
    return type("Plugin", (), {"kind": name})


class TestOwnKinds:
    def test_built_in_typed_kinds_cannot_be_declared(self) -> None:
        for name in RESERVED:
            spec = KindSpec(name=name, narrows={"a": ["x"]})
            for build in (
                lambda spec=spec: book(issues=[ABC], kinds=[spec]),
                lambda name=name: book(issues=[ABC], python_kinds=[plugin(name)]),
            ):
                assert refused(build) == (
                    f"kind {name!r} is a built-in typed kind; choose another name"
                )

    def test_a_kind_narrows_something(self) -> None:
        problem = (
            "kind 'bare' narrows no issue: give it narrows, choices or bounds (only an included "
            "kind may be given a new title or description alone)"
        )
        assert refused(
            lambda: book(issues=[ABC], kinds=[KindSpec(name="bare", title="Bare")])
        ) == (problem)
        for spec in (
            KindSpec(name="keep", areas="regions"),
            KindSpec(name="keep", order=["regions"], areas="regions"),
        ):
            assert refused(lambda spec=spec: book(includes=[CORE], kinds=[spec])) == (
                problem.replace("'bare'", "'keep'")
            )

    def test_an_included_kind_may_get_a_new_title_or_description_alone(self) -> None:
        titled = book(includes=[CORE], kinds=[KindSpec(name="keep", title="Keep it")])
        assert titled.kind("keep") == KindSpec(
            name="keep", title="Keep it", description="Keeps x", narrows={"a": ["x"]}
        )
        described = book(includes=[CORE], kinds=[KindSpec(name="keep", description="Anew")])
        assert described.kind("keep") == KindSpec(
            name="keep", title="Keep", description="Anew", narrows={"a": ["x"]}
        )
        assert CORE.kind("keep") is KEEP_X

    def test_a_bare_kind_twice_in_one_codebook_is_refused(self) -> None:
        bare = KindSpec(name="keep", title="Keep it")
        assert refused(lambda: book(includes=[CORE], kinds=[bare, bare])).startswith(
            "kind 'keep' narrows no issue"
        )

    def test_an_included_kind_may_be_repeated_whole_with_new_words(self) -> None:
        again = KindSpec(name="keep", title="Keep again", narrows={"a": ["x"]})
        assert book(includes=[CORE], kinds=[again]).kind("keep") is again
        assert book(includes=[CORE], kinds=[KEEP_X]).kind("keep") is KEEP_X

    def test_a_kind_declared_twice_is_refused(self) -> None:
        problem = (
            "kind 'keep' is declared twice (a codebook may give an included kind a new title or "
            "description: name, title and description alone, or the whole declaration repeated "
            "with the same narrows, choices, defaults, areas and bounds)"
        )
        narrower = KindSpec(name="keep", narrows={"a": ["x", "y"]})
        assert refused(lambda: book(includes=[CORE], kinds=[narrower])) == problem
        same = KindSpec(name="keep", title="One", narrows={"a": ["x"]})
        renamed = KindSpec(name="keep", title="Two", narrows={"a": ["x"]})
        assert refused(lambda: book(issues=[ABC], kinds=[same, renamed])) == problem
        assert refused(lambda: book(includes=[CORE], kinds=[same, renamed])) == problem
        assert refused(lambda: book(includes=[CORE], python_kinds=[plugin("keep")])) == problem
        assert refused(
            lambda: book(issues=[ABC], kinds=[same], python_kinds=[plugin("keep")])
        ) == (problem)
        assert refused(
            lambda: book(
                includes=[CORE.with_kinds(plugin("plug"))],
                kinds=[KindSpec(name="plug", narrows={"a": ["x"]})],
            )
        ) == problem.replace("'keep'", "'plug'")

    def test_plugins_join_the_kinds(self) -> None:
        plug = plugin("plug")
        cb = book(issues=[ABC], kinds=[KEEP_X], python_kinds=[plug])
        assert cb.kind_names() == ("keep", "plug")
        assert cb.kind("plug") is plug
        assert book(includes=[CORE.with_kinds(plug)], python_kinds=[plug]).kind("plug") is plug


HELD = IssueTemplate(
    key="held/{area}", title="Held: {title}", outcomes=["russia", "ukraine", "none"]
)
SEA = IssueTemplate(key="sea/{area}", title="Sea: {title}", outcomes=["open", "closed"])
PARTIES = [
    Actor(key="russia", name="Russia"),
    Actor(key="ukraine", name="Ukraine"),
    Actor(key="belarus", name="Belarus"),
]
REGIONS = [
    Area(key="r", title="R", held_by="russia"),
    Area(
        key="s",
        title="S",
        parts=[Area(key="s1", title="S1", held_by="ukraine"), Area(key="s2", title="S2")],
    ),
]


def with_kind(spec: KindSpec, *, areas: list[Area] = REGIONS) -> Codebook:
    return book(
        issues=[ABC, PQ, KM, CAP],
        actors=PARTIES,
        areas=areas,
        area_issues=[HELD, SEA],
        kinds=[spec],
    )


def kind_refusal(spec: KindSpec, **fields: Any) -> str:
    """What is wrong with kind ``k``, after the codebook (``c``) and the kind the refusal names."""
    text = refused(lambda: with_kind(spec, **fields))
    assert text.startswith("kind 'k'"), text
    return text[len("kind 'k'") :]


class TestKindChecks:
    def test_narrows_name_known_finite_issues_and_their_outcomes(self) -> None:
        assert kind_refusal(KindSpec(name="k", narrows={"a": ["x"], "w": ["x"]})) == (
            " narrows unknown issue 'w'"
        )
        assert kind_refusal(KindSpec(name="k", narrows={"n": ["x"]})) == (
            " narrows numeric issue 'n': use bounds"
        )
        assert kind_refusal(KindSpec(name="k", narrows={"a": ["x", "w"]})) == (
            ": 'w' is not an outcome of 'a'; expected one of x, y, z"
        )
        spec = KindSpec(name="k", narrows={"a": ["x", "y"], "b": ["p"]})
        assert with_kind(spec).kind("k") is spec

    def test_choices_narrow_known_issues_too(self) -> None:
        choices = {"by": {"east": {"a": ["x"]}, "west": {"b": ["w"]}}}
        assert kind_refusal(KindSpec(name="k", choices=choices)) == (
            ": 'w' is not an outcome of 'b'; expected one of p, q"
        )

    def test_placeholders_stand_for_every_value_of_a_choice(self) -> None:
        """``{by}`` in a key is filled with each value of ``by``; each must name an issue."""
        fine = KindSpec(name="k", narrows={"{by}": ["x"]}, choices={"by": {"a": {}, "a2": {}}})
        assert kind_refusal(fine) == " narrows unknown issue 'a2'"
        numeric = KindSpec(name="k", narrows={"{by}": ["x"]}, choices={"by": {"a": {}, "n": {}}})
        assert kind_refusal(numeric) == " narrows numeric issue 'n': use bounds"
        # in a choice's own narrows the placeholder takes that value only
        own = KindSpec(name="k", choices={"by": {"a": {"{by}": ["x"]}, "n": {}}})
        assert with_kind(own).kind("k") is own
        wrong = KindSpec(name="k", choices={"by": {"a": {}, "n": {"{by}": ["x"]}}})
        assert kind_refusal(wrong) == " narrows numeric issue 'n': use bounds"
        two = KindSpec(
            name="k",
            narrows={"{one}{two}": ["x"]},
            choices={"one": {"a": {}, "b": {}}, "two": {"": {}}},
        )
        assert kind_refusal(two) == ": 'x' is not an outcome of 'b'; expected one of p, q"
        assert kind_refusal(KindSpec(name="k", narrows={"a/{by}": ["x"]})) == (
            ": 'a/{by}' names unknown parameter 'by'"
        )
        assert kind_refusal(KindSpec(name="k", narrows={"{zz}/{by}": ["x"]}, areas="regions")) == (
            ": '{zz}/{by}' names unknown parameter 'by'"
        )

    def test_area_placeholders_need_areas(self) -> None:
        assert kind_refusal(KindSpec(name="k", narrows={"sea/{area}": ["open"]})) == (
            " uses {area} in 'sea/{area}' but takes no areas"
        )
        regional = KindSpec(name="k", narrows={"sea/{area}": ["open"]}, areas="regions")
        assert kind_refusal(regional, areas=[]) == " takes areas but the codebook has none"
        assert with_kind(regional).kind("k") is regional
        bad = KindSpec(name="k", narrows={"sea/{area}": ["opened"]}, areas="regions")
        assert kind_refusal(bad) == (
            ": 'opened' is not an outcome of 'sea/r'; expected one of open, closed"
        )

    def test_area_keys_expand_for_parts_without_parts(self) -> None:
        """A kind's {area} issues are those of the leaves: a parent area has none."""
        only_parts = [Area(key="s", title="S", parts=[Area(key="s1", title="S1")])]
        spec = KindSpec(name="k", narrows={"sea/{area}": ["open"]}, areas="regions")
        assert with_kind(spec, areas=only_parts).kind("k") is spec

    def test_who_holds_an_area_is_an_outcome_of_its_issue(self) -> None:
        spec = KindSpec(name="k", narrows={"held/{area}": ["{held_by}"]}, areas="regions")
        assert with_kind(spec).kind("k") is spec  # s2 is held by nobody: nothing to check
        belarus = [*REGIONS, Area(key="t", title="T", held_by="belarus")]
        assert kind_refusal(spec, areas=belarus) == (
            ": area 't' is held by 'belarus', which is not an outcome of 'held/t'"
        )
        sea = KindSpec(name="k", narrows={"sea/{area}": ["{held_by}"]}, areas="regions")
        assert kind_refusal(sea) == (
            ": area 'r' is held by 'russia', which is not an outcome of 'sea/r'"
        )
        mixed = KindSpec(
            name="k", narrows={"held/{area}": ["none", "{held_by}", "nobody"]}, areas="regions"
        )
        assert kind_refusal(mixed) == (
            ": 'nobody' is not an outcome of 'held/r'; expected one of russia, ukraine, none"
        )
        assert kind_refusal(KindSpec(name="k", narrows={"a": ["{held_by}"]})) == (
            ": '{held_by}' in the outcomes of 'a', whose key has no '{area}': who holds an "
            "area needs the area"
        )

    def test_bounds_name_a_numeric_issue(self) -> None:
        assert with_kind(KindSpec(name="k", bounds="n")).kind("k").bounds == "n"  # type: ignore[union-attr]
        for key in ("a", "m"):
            assert kind_refusal(KindSpec(name="k", bounds=key)) == (
                f": bounds names {key!r}, which is not a numeric issue"
            )
        assert kind_refusal(KindSpec(name="k", bounds="{by}")) == (
            ": bounds '{by}' names an unknown parameter"
        )
        by = KindSpec(name="k", bounds="{by}", choices={"by": {"n": {}, "u": {}}})
        assert with_kind(by).kind("k") is by
        cases: list[tuple[dict[str, Any], str]] = [
            ({"n": {}, "a": {}}, "a"),
            ({"m": {}, "n": {}}, "m"),
        ]
        for values, wrong in cases:
            spec = KindSpec(name="k", bounds="{by}", choices={"by": values})
            assert kind_refusal(spec) == f": bounds names {wrong!r}, which is not a numeric issue"
        two = KindSpec(
            name="k", bounds="{x}{y}", choices={"x": {"n": {}, "u": {}}, "y": {"": {}, "2": {}}}
        )
        assert kind_refusal(two) == ": bounds names 'n2', which is not a numeric issue"

    def test_an_included_kind_is_taken_over_as_is(self) -> None:
        cb = book(includes=[CORE], issues=[Issue(key="extra", title="E", outcomes=["e"])])
        assert cb.kind("keep") is KEEP_X


class TestKeyTemplates:
    def test_placeholders_are_filled_and_listed(self) -> None:
        assert expand_key("land/{area}/{by}", {"area": "north", "by": "sea"}) == "land/north/sea"
        assert expand_key("plain", {}) == "plain"
        assert placeholders("land/{area}/{by}-{by}") == {"area", "by"}
        assert placeholders("{Area}/{9x}/{_x}") == {"_x"}
        assert placeholders("none") == set()


class TestOrder:
    def test_declared_order_includes_first(self) -> None:
        own = Issue(key="own", title="Own", outcomes=["o"])
        cb = book(includes=[CORE], issues=[own], areas=[Area(key="south", title="South")])
        assert cb.keys() == ("a", "b", "n", "land/north", "own", "land/south")

    def test_named_issues_first_then_the_rest_as_declared(self) -> None:
        cb = book(includes=[CORE], order=["n", "a", "n"])
        assert cb.keys() == ("n", "a", "b", "land/north")
        assert cb.all_issues() == (KM, ABC, PQ, LAND.expand(NORTH))
        assert cb["n"] is KM
        assert [cb.sort_keys(["land/north", "a", "b", "n"])] == [["n", "a", "b", "land/north"]]

    def test_an_area_template_stands_for_its_issues_area_by_area(self) -> None:
        areas = [NORTH, Area(key="south", title="South")]
        cb = book(issues=[ABC], areas=areas, area_issues=[LAND, SEA], order=["sea/{area}", "a"])
        assert cb.keys() == ("sea/north", "sea/south", "a", "land/north", "land/south")
        assert cb["sea/south"] == SEA.expand(areas[1])
        assert cb.all_issues()[:3] == (SEA.expand(NORTH), SEA.expand(areas[1]), ABC)
        # a template in order also stands for the longer templates it begins
        deep = IssueTemplate(key="land/{area}/status", title="Status: {title}", outcomes=["x"])
        cb = book(issues=[ABC], areas=areas, area_issues=[LAND, deep], order=["land/{area}"])
        assert cb.keys() == (
            "land/north",
            "land/north/status",
            "land/south",
            "land/south/status",
            "a",
        )

    def test_order_names_known_issues_and_templates(self) -> None:
        assert refused(lambda: book(includes=[CORE], order=["a", "zz"])) == (
            "order names unknown issue 'zz'"
        )
        assert refused(lambda: book(includes=[CORE], order=["sea/{area}"])) == (
            "order names 'sea/{area}', which no area issue matches"
        )
        assert refused(lambda: book(includes=[CORE], order=["land/{area}/x"])) == (
            "order names 'land/{area}/x', which no area issue matches"
        )
        assert refused(lambda: book(includes=[CORE], order=["land/north/x"])) == (
            "order names unknown issue 'land/north/x'"
        )


def test_an_issue_declared_twice_in_one_codebook_is_refused_whatever_its_outcomes() -> None:
    """As areas, area issues and actors are: the second declaration is not a silent
    replacement, nor an 'included' issue."""
    from peacepos import Codebook, Issue

    first = Issue(key="water", title="Water", outcomes=("shared", "kept"))
    for second in (first, Issue(key="water", title="Water", outcomes=("sold", "kept"))):
        with pytest.raises(ValueError, match=r"issue 'water' is declared twice$"):
            Codebook(name="twice", title="Twice", issues=(first, second))
