"""Reading codebook and position files: exact behaviour that mutation testing found unchecked
(docs/reliability.md).

Each refusal of a malformed file is one line naming the place inside the file and what is
wrong (docs/file-format.md, docs/codebooks.md). The tests here pin that text and that place
for small hand-made files and plain data: codebooks (their issues, kinds, implications and
includes), positions (conditions of declared kinds, endorsements, amendments), and the guards
that every file passes through first (size, depth, numbers, text, the kind of file).
"""

from __future__ import annotations

from typing import Any

import pytest

import peacepos.io
from peacepos.corpus import BUILTIN
from peacepos.errors import UnknownCodebookError, UnknownPositionError
from peacepos.io.guards import Invalid
from peacepos.io.structure import codebook_from_dict, position_from_dict
from peacepos.position import Position
from peacepos.vocabulary import Codebook, Issue, NumericIssue


class Books:
    """A resolver that knows some codebooks of its own besides the built-in ones."""

    def __init__(self, *books: Codebook) -> None:
        self.books = {b.name: b for b in books}

    def codebook(self, name: str) -> Codebook:
        if name in self.books:
            return self.books[name]
        return BUILTIN.codebook(name)

    def position(self, id: str) -> Position:
        return BUILTIN.position(id)


def refusal(call: Any, *args: Any, **kwargs: Any) -> tuple[str, str]:
    """The place and the problem of the refusal ``call`` raises."""
    with pytest.raises(Invalid) as info:
        call(*args, **kwargs)
    return info.value.where, info.value.problem


def book(data: dict[str, Any], resolve: Any = BUILTIN, loading: tuple[str, ...] = ()) -> Codebook:
    return codebook_from_dict(data, resolve=resolve, loading=loading)


def book_refusal(
    data: dict[str, Any], resolve: Any = BUILTIN, loading: tuple[str, ...] = ()
) -> tuple[str, str]:
    return refusal(codebook_from_dict, data, resolve=resolve, loading=loading)


HEAD = {"name": "test-book", "title": "A test codebook"}
ISSUES = [
    {"key": "a", "title": "Issue A", "outcomes": ["x", "y"]},
    {"key": "b", "title": "Issue B", "outcomes": ["p", "q"]},
    {"key": "n", "title": "Number", "unit": "km"},
]
WITH_RU = {**HEAD, "include": ["russia-ukraine"]}
GOOD_KIND = {"name": "k0", "narrows": {"a": ["x"]}}


# -- codebook_from_dict ---------------------------------------------------------------------


class TestCodebookTopLevel:
    def test_name_and_title_are_required_name_first(self) -> None:
        """A codebook without name or title is refused at the first missing one."""
        assert book_refusal({}) == ("name", "missing required field")
        assert book_refusal({"name": "x"}) == ("title", "missing required field")
        assert book_refusal({"title": "x"}) == ("name", "missing required field")

    def test_an_unknown_key_names_it_the_nearest_key_and_every_key(self) -> None:
        """An unknown top-level key is refused with a suggestion and the full list."""
        assert book_refusal({**HEAD, "nmae": "x", "zzz": 1}) == (
            "nmae",
            "unknown field 'nmae'; did you mean 'name'? expected actors, area_issues, areas, "
            "description, implications, include, issues, kinds, name, order, title",
        )
        assert book_refusal({**HEAD, "zzz": 1})[1].startswith("unknown field 'zzz'; expected ")

    def test_schema_key_is_ignored(self) -> None:
        """``$schema`` is for editors and is not part of the codebook."""
        assert book({**HEAD, "$schema": "x.json"}).name == "test-book"

    def test_name_title_and_description_must_be_text(self) -> None:
        """Wrong types at the top are refused at their key."""
        assert book_refusal({**HEAD, "name": 3}) == ("name", "expected a name (got 3)")
        assert book_refusal({**HEAD, "title": 3}) == ("title", "expected text (got 3)")
        assert book_refusal({**HEAD, "description": 3}) == (
            "description",
            "expected text (got 3)",
        )

    def test_invalid_name_title_are_refused_at_their_key(self) -> None:
        """The codebook's own checks of name and title point to that key."""
        assert book_refusal({**HEAD, "name": "Bad Name"}) == (
            "name",
            "name must be lower-case words joined by '-' (got 'Bad Name')",
        )
        assert book_refusal({**HEAD, "title": ""}) == ("title", "title must not be empty")
        assert book_refusal({**HEAD, "title": "  "}) == ("title", "title must not be empty")

    def test_description_defaults_to_empty_and_is_kept(self) -> None:
        """The description is optional; when given it is the codebook's."""
        assert book(HEAD).description == ""
        assert book({**HEAD, "description": "About"}).description == "About"
        assert book(HEAD).title == "A test codebook"

    def test_sections_must_be_lists_of_tables(self) -> None:
        """Each section (issues, actors, areas, ...) is a list; anything else is named."""
        for key in ("issues", "actors", "areas", "area_issues", "kinds", "implications"):
            assert book_refusal({**HEAD, key: 5}) == (key, "expected a list of tables (got 5)")
            table = "a table of Actor fields" if key == "actors" else "a table"
            assert book_refusal({**HEAD, key: [5]}) == (f"{key}[0]", f"expected {table} (got 5)")

    def test_order_must_be_names(self) -> None:
        """``order`` is a list of names."""
        assert book_refusal({**HEAD, "issues": ISSUES, "order": 5}) == (
            "order",
            "expected a list of names (got 5)",
        )
        assert book_refusal({**HEAD, "issues": ISSUES, "order": ["a", 5]}) == (
            "order[1]",
            "expected a name (got 5)",
        )

    def test_order_is_kept(self) -> None:
        """The issues named in ``order`` come first, in that order."""
        cb = book({**HEAD, "issues": ISSUES, "order": ["b", "n"]})
        assert [i.key for i in cb.all_issues()] == ["b", "n", "a"]

    def test_sections_are_read_in_order(self) -> None:
        """Every declared part reaches the codebook, in file order."""
        cb = book(
            {
                **HEAD,
                "issues": ISSUES,
                "actors": [{"key": "aster", "name": "Aster"}, {"key": "boreal", "name": "B"}],
                "areas": [
                    {"key": "r1", "title": "R1", "held_by": "aster"},
                    {"key": "r2", "title": "R2", "parts": [{"key": "r2a", "title": "R2a"}]},
                ],
                "area_issues": [
                    {"key": "hold/{area}", "title": "Who holds {title}", "outcomes": ["u", "v"]}
                ],
                "kinds": [GOOD_KIND, {"name": "k1", "narrows": {"b": ["q"]}}],
            }
        )
        assert [i.key for i in cb.issues] == ["a", "b", "n"]
        assert [a.key for a in cb.actors] == ["aster", "boreal"]
        assert [a.key for a in cb.areas] == ["r1", "r2"]
        assert [p.key for p in cb.areas[1].parts] == ["r2a"]
        assert cb.areas[0].held_by == "aster"
        assert [k.name for k in cb.kinds] == ["k0", "k1"]
        assert "hold/r1" in cb
        assert "hold/r2a" in cb


class TestCodebookIncludes:
    def test_an_include_of_itself_or_of_one_being_read_is_a_cycle(self) -> None:
        """Include cycles are refused at the include, showing the whole chain."""
        assert book_refusal({**HEAD, "include": ["core", "test-book"]}) == (
            "include[1]",
            "codebooks include each other: test-book → test-book",
        )
        assert book_refusal({**HEAD, "include": ["core", "a"]}, loading=("a", "b")) == (
            "include[1]",
            "codebooks include each other: a → b → test-book → a",
        )
        assert book_refusal({**HEAD, "include": ["b"]}, loading=("a", "b")) == (
            "include[0]",
            "codebooks include each other: a → b → test-book → b",
        )

    def test_an_unknown_include_is_refused_at_its_place(self) -> None:
        """An include the resolver does not know is refused with the resolver's words."""
        where, problem = book_refusal({**HEAD, "include": ["core", "nowhere"]})
        assert where == "include[1]"
        with pytest.raises(UnknownCodebookError) as info:
            BUILTIN.codebook("nowhere")
        assert problem == str(info.value)

    def test_include_must_be_a_list_of_names(self) -> None:
        """``include`` is a list of names."""
        assert book_refusal({**HEAD, "include": "core"}) == (
            "include",
            "expected a list of names (got 'core')",
        )
        assert book_refusal({**HEAD, "include": ["core", 1]}) == (
            "include[1]",
            "expected a name (got 1)",
        )

    def test_includes_are_kept_in_order(self) -> None:
        """The included codebooks are the ones named."""
        cb = book({**HEAD, "include": ["core"]})
        assert [c.name for c in cb.includes] == ["core"]
        assert "hostilities" in cb

    def test_the_first_include_that_declares_an_issue_gives_its_domain(self) -> None:
        """An issue included twice is given its outcomes by the first include that has it."""
        one = Codebook(
            name="one",
            title="One",
            issues=(NumericIssue(key="cap", title="Cap", unit="km", maximum=50),),
        )
        two = Codebook(
            name="two",
            title="Two",
            issues=(NumericIssue(key="cap", title="Cap", unit="km", maximum=50),),
        )
        cb = book(
            {**HEAD, "include": ["one", "two"], "issues": [{"key": "cap", "title": "C"}]},
            resolve=Books(one, two),
        )
        issue = cb["cap"]
        assert isinstance(issue, NumericIssue)
        assert (issue.title, issue.unit, issue.minimum, issue.maximum) == ("C", "km", 0, 50)


class TestIncludedIssues:
    def test_a_retitled_numeric_issue_keeps_its_range(self) -> None:
        """An included numeric issue given a new title keeps unit, minimum and maximum."""
        cb = book({**WITH_RU, "issues": [{"key": "alignment/eu-accession-year", "title": "Y"}]})
        issue = cb["alignment/eu-accession-year"]
        assert isinstance(issue, NumericIssue)
        assert (issue.title, issue.unit, issue.minimum, issue.maximum) == (
            "Y",
            "(year)",
            2022,
            2100,
        )

    def test_a_retitled_numeric_issue_keeps_its_no_limit_outcome(self) -> None:
        """An included cap with a no-limit outcome can be given a new title (docs/codebooks.md)."""
        cb = book({**WITH_RU, "issues": [{"key": "military/tanks-cap", "title": "Tanks"}]})
        issue = cb["military/tanks-cap"]
        assert isinstance(issue, NumericIssue)
        assert (issue.title, issue.unlimited, issue.maximum) == ("Tanks", "no cap", None)

    def test_a_retitled_sequence_issue_stays_about_when(self) -> None:
        """An included numeric issue about *when* stays one when given a new title."""
        when = NumericIssue(key="days", title="Days", unit="days", minimum=1, sequence=True)
        inner = Codebook(name="inner", title="Inner", issues=(when,))
        cb = book(
            {**HEAD, "include": ["inner"], "issues": [{"key": "days", "title": "D"}]},
            resolve=Books(inner),
        )
        assert cb["days"] == NumericIssue(
            key="days", title="D", unit="days", minimum=1, sequence=True
        )

    def test_another_range_for_an_included_numeric_issue_is_refused(self) -> None:
        """A new maximum or unit for an included numeric issue is other outcomes."""
        for change in ({"maximum": 2050}, {"unit": "years"}, {"minimum": 2023}):
            where, problem = book_refusal(
                {
                    **WITH_RU,
                    "issues": [{"key": "alignment/eu-accession-year", "title": "Y", **change}],
                }
            )
            assert where == "issues[0]"
            assert problem.startswith(
                "issue 'alignment/eu-accession-year' is included from another codebook with "
                "other outcomes"
            )

    def test_a_retitled_finite_issue_keeps_outcomes_and_sequence(self) -> None:
        """An included finite issue given a new title keeps its outcomes and sequence flag."""
        cb = book({**WITH_RU, "issues": [{"key": "sequence/talks", "title": "When"}]})
        issue = cb["sequence/talks"]
        assert isinstance(issue, Issue)
        assert issue.title == "When"
        assert issue.outcomes == ("without-preconditions", "after-preconditions")
        assert issue.sequence is True

    def test_labels_and_notes_of_an_included_issue(self) -> None:
        """New labels and notes for an included issue are read as tables of text."""
        cb = book(
            {
                **WITH_RU,
                "issues": [
                    {
                        "key": "talks",
                        "title": "Talks",
                        "labels": {"direct": "face to face"},
                        "notes": {"direct": "In one room."},
                    }
                ],
            }
        )
        issue = cb["talks"]
        assert isinstance(issue, Issue)
        assert issue.labels == (("direct", "face to face"),)
        assert issue.notes == (("direct", "In one room."),)

    def test_bad_labels_notes_and_groups(self) -> None:
        """Labels, notes and groups of an issue are tables; each value is checked in place."""
        i = {"key": "a", "title": "A", "outcomes": ["x", "y"]}
        assert book_refusal({**HEAD, "issues": [ISSUES[1], {**i, "labels": 3}]}) == (
            "issues[1].labels",
            "expected a table (got 3)",
        )
        assert book_refusal({**HEAD, "issues": [ISSUES[1], {**i, "notes": {"x": 3}}]}) == (
            "issues[1].notes.x",
            "expected text (got 3)",
        )
        assert book_refusal({**HEAD, "issues": [ISSUES[1], {**i, "groups": 3}]}) == (
            "issues[1].groups",
            "expected a table (got 3)",
        )
        assert book_refusal({**HEAD, "issues": [ISSUES[1], {**i, "groups": {"g": 3}}]}) == (
            "issues[1].groups.g",
            "expected a list of names (got 3)",
        )
        assert book_refusal({**HEAD, "issues": [ISSUES[1], {**i, "groups": {"g": ["x", 3]}}]}) == (
            "issues[1].groups.g[1]",
            "expected a name (got 3)",
        )


def kinds(*more: dict[str, Any]) -> dict[str, Any]:
    """A codebook with the test issues, a good first kind and ``more`` kinds after it."""
    return {**HEAD, "issues": ISSUES, "kinds": [GOOD_KIND, *more]}


class TestKinds:
    def test_a_kind_is_read_with_every_key(self) -> None:
        """Title, description, narrows, choices, defaults and order reach the kind."""
        spec = book(
            kinds(
                {
                    "name": "k1",
                    "title": "T1",
                    "description": "D1",
                    "narrows": {"a": ["x"], "b": ["p", "q"]},
                    "order": ["p"],
                    "choices": {"p": {"v": {"a": ["x"]}, "w": {"b": ["p"]}}},
                    "defaults": {"p": "w"},
                }
            )
        ).kinds[1]
        assert (spec.name, spec.title, spec.description) == ("k1", "T1", "D1")
        assert spec.narrows == (("a", ("x",)), ("b", ("p", "q")))
        assert spec.choices == (("p", (("v", (("a", ("x",)),)), ("w", (("b", ("p",)),)))),)
        assert spec.defaults == (("p", "w"),)
        assert spec.order == ("p",)
        assert (spec.areas, spec.bounds) == ("", "")

    def test_bounds_and_flags(self) -> None:
        """``bounds`` names a numeric issue; a flag's default is true or false."""
        spec = book(kinds({"name": "k1", "bounds": "n"})).kinds[1]
        assert spec.bounds == "n"
        flag = book(
            kinds(
                {
                    "name": "k1",
                    "choices": {"f": {"true": {"a": ["x"]}, "false": {}}},
                    "defaults": {"f": False},
                }
            )
        ).kinds[1]
        assert flag.defaults == (("f", "false"),)
        assert flag.flag("f")

    def test_unknown_keys_name_the_first_with_every_key(self) -> None:
        """An unknown key of a kind is refused at that key, with the keys a kind takes."""
        keys = "areas, bounds, choices, defaults, description, name, narrows, order, title"
        assert book_refusal(kinds({"name": "k1", "zz": 1, "aa": 2})) == (
            "kinds[1].aa",
            f"unknown field 'aa'; expected {keys}",
        )
        assert book_refusal(kinds({"name": "k1", "nme": 1})) == (
            "kinds[1].nme",
            f"unknown field 'nme'; did you mean 'name'? expected {keys}",
        )

    def test_name_is_required_and_text(self) -> None:
        """Every kind has a name, as text."""
        assert book_refusal(kinds({"title": "t"})) == ("kinds[1].name", "missing required field")
        assert book_refusal(kinds({"name": 3})) == ("kinds[1].name", "expected text (got 3)")

    @pytest.mark.parametrize("key", ["title", "description", "areas", "bounds"])
    def test_text_keys(self, key: str) -> None:
        """Title, description, areas and bounds are text."""
        assert book_refusal(kinds({"name": "k1", key: 3})) == (
            f"kinds[1].{key}",
            "expected text (got 3)",
        )

    def test_order_and_narrows(self) -> None:
        """``order`` is a list of names; ``narrows`` a table of lists of outcomes."""
        assert book_refusal(kinds({"name": "k1", "order": 3})) == (
            "kinds[1].order",
            "expected a list of names (got 3)",
        )
        assert book_refusal(kinds({"name": "k1", "order": ["a", 3]})) == (
            "kinds[1].order[1]",
            "expected a name (got 3)",
        )
        assert book_refusal(kinds({"name": "k1", "narrows": 3})) == (
            "kinds[1].narrows",
            "expected a table (got 3)",
        )
        assert book_refusal(kinds({"name": "k1", "narrows": {"a": 3}})) == (
            "kinds[1].narrows.a",
            "expected a list of names (got 3)",
        )
        assert book_refusal(kinds({"name": "k1", "narrows": {"a": ["x", 3]}})) == (
            "kinds[1].narrows.a[1]",
            "expected a name (got 3)",
        )

    def test_choices(self) -> None:
        """``choices`` is parameter → value → narrows, each level checked at its place."""
        assert book_refusal(kinds({"name": "k1", "choices": 3})) == (
            "kinds[1].choices",
            "expected a table (got 3)",
        )
        assert book_refusal(kinds({"name": "k1", "choices": {"p": 3}})) == (
            "kinds[1].choices.p",
            "expected a table (got 3)",
        )
        assert book_refusal(kinds({"name": "k1", "choices": {"p": {"v": 3}}})) == (
            "kinds[1].choices.p.v",
            "expected a table (got 3)",
        )
        assert book_refusal(kinds({"name": "k1", "choices": {"p": {"v": {"a": 3}}}})) == (
            "kinds[1].choices.p.v.a",
            "expected a list of names (got 3)",
        )
        assert book_refusal(kinds({"name": "k1", "choices": {"p": {"v": {"a": ["x", 3]}}}})) == (
            "kinds[1].choices.p.v.a[1]",
            "expected a name (got 3)",
        )

    def test_defaults(self) -> None:
        """``defaults`` is a table of value names (or true/false)."""
        choices = {"p": {"v": {"a": ["x"]}}}
        assert book_refusal(kinds({"name": "k1", "choices": choices, "defaults": 3})) == (
            "kinds[1].defaults",
            "expected a table (got 3)",
        )
        assert book_refusal(kinds({"name": "k1", "choices": choices, "defaults": {"p": 3}})) == (
            "kinds[1].defaults.p",
            "expected a value's name (or true/false) (got 3)",
        )
        assert book_refusal(
            kinds({"name": "k1", "choices": choices, "defaults": {"my p": [1]}})
        ) == (
            'kinds[1].defaults["my p"]',
            "expected a value's name (or true/false) (got [1])",
        )

    def test_a_kind_the_codebook_refuses_is_refused_at_the_kind(self) -> None:
        """A kind's own checks point to the kind, with their words."""
        choices = {"p": {"v": {"a": ["x"]}}}
        assert book_refusal(kinds({"name": "k1", "choices": choices, "defaults": {"p": "w"}})) == (
            "kinds[1]",
            "default 'w' of 'p' is not one of v",
        )
        assert book_refusal(kinds({"name": "Bad Name", "narrows": {"a": ["x"]}})) == (
            "kinds[1]",
            "name must be lower-case words joined by '-' (got 'Bad Name')",
        )

    def test_incoherent_kinds_are_refused_at_the_kind(self) -> None:
        """A kind that names an unknown issue or outcome is refused at that kind."""
        assert book_refusal(kinds({"name": "k1", "narrows": {"zz": ["x"]}})) == (
            "kinds[1]",
            "kind 'k1' narrows unknown issue 'zz'",
        )
        assert book_refusal(kinds({"name": "k1", "narrows": {"a": ["w"]}})) == (
            "kinds[1]",
            "kind 'k1': 'w' is not an outcome of 'a'; expected one of x, y",
        )
        assert book_refusal(kinds({"name": "k1", "bounds": "a"})) == (
            "kinds[1]",
            "kind 'k1': bounds names 'a', which is not a numeric issue",
        )
        assert book_refusal(kinds({"name": "ceasefire", "narrows": {"a": ["x"]}})) == (
            "kinds[1]",
            "kind 'ceasefire' is a built-in typed kind; choose another name",
        )


def rule(issue: str, *outcomes: str) -> dict[str, Any]:
    return {"issue": issue, "outcomes": list(outcomes)}


class TestImplications:
    def implications(self, *more: dict[str, Any]) -> dict[str, Any]:
        good = {"when": rule("a", "x"), "then": rule("b", "p")}
        return {**HEAD, "issues": ISSUES, "implications": [good, *more]}

    def test_read_with_and_without_a_note(self) -> None:
        """``note`` is optional (empty) and kept when given."""
        first, second = book(
            self.implications({"when": rule("a", "y"), "then": rule("b", "q"), "note": "N"})
        ).implications
        assert first.note == ""
        assert (first.when.issue, first.when.outcomes) == ("a", ("x",))
        assert (first.then.issue, first.then.outcomes) == ("b", ("p",))
        assert second.note == "N"
        assert (second.when.outcomes, second.then.outcomes) == (("y",), ("q",))

    def test_unknown_and_missing_keys(self) -> None:
        """Unknown keys and a missing side are refused at their place."""
        when, then = rule("a", "x"), rule("b", "p")
        assert book_refusal(self.implications({"when": when, "then": then, "zz": 1, "a": 1})) == (
            "implications[1].a",
            "unknown field 'a'; expected note, then, when",
        )
        assert book_refusal(self.implications({"then": then})) == (
            "implications[1].when",
            "missing required field",
        )
        assert book_refusal(self.implications({"when": when})) == (
            "implications[1].then",
            "missing required field",
        )
        assert book_refusal(self.implications({"when": when, "then": then, "note": 3})) == (
            "implications[1].note",
            "expected text (got 3)",
        )
        assert book_refusal(self.implications({"when": when, "then": 3})) == (
            "implications[1].then",
            "expected a table of Rule fields (got 3)",
        )
        assert book_refusal(self.implications({"when": {**when, "zz": 1}, "then": then})) == (
            "implications[1].when.zz",
            "unknown field 'zz'; expected at_least, at_most, issue, outcomes, unlimited",
        )

    def test_incoherent_rules_are_refused_at_the_implication(self) -> None:
        """A rule naming an unknown issue or outcome is refused at its implication."""
        assert book_refusal(
            self.implications({"when": rule("zz", "x"), "then": rule("b", "p")})
        ) == (
            "implications[1]",
            "implications[1].when names unknown issue 'zz'",
        )
        assert book_refusal(
            self.implications({"when": rule("a", "w"), "then": rule("b", "p")})
        ) == (
            "implications[1]",
            "implications[1].when: 'w' is not an outcome of 'a'",
        )


class TestCodebookCoherence:
    def test_places_of_issues_areas_and_order(self) -> None:
        """Coherence errors point to the issue, area or order they are about."""
        assert book_refusal(
            {
                **HEAD,
                "include": ["core"],
                "issues": [ISSUES[0], {"key": "hostilities", "title": "H", "outcomes": ["a"]}],
            }
        ) == (
            "issues[1]",
            "issue 'hostilities' is included from another codebook with other outcomes; "
            "a codebook may give it a new title, description, labels or notes only",
        )
        areas = [{"key": "r0", "title": "R"}, {"key": "r1", "title": "R", "held_by": "nobody"}]
        assert book_refusal({**HEAD, "areas": areas}) == (
            "areas[1]",
            "area 'r1' is held by 'nobody', which is not one of the codebook's actors "
            "(none declared)",
        )
        assert book_refusal({**HEAD, "issues": ISSUES, "order": ["a", "zz"]}) == (
            "order",
            "order names unknown issue 'zz'",
        )

    def test_areas(self) -> None:
        """An area's parts are a list of areas, each checked at its place."""
        assert book_refusal({**HEAD, "areas": [{"key": "r0", "title": "R", "parts": 3}]}) == (
            "areas[0].parts",
            "expected a list of areas (got 3)",
        )
        parts = [{"key": "r1", "title": "x"}, {"key": "r2"}]
        assert book_refusal({**HEAD, "areas": [{"key": "r0", "title": "R", "parts": parts}]}) == (
            "areas[0].parts[1].title",
            "missing required field",
        )


# -- positions: conditions of declared kinds ------------------------------------------------

RIVER = peacepos.io.read_codebook("tests/data/river-valley/river-valley.toml", resolve=BUILTIN)
RIVER_BOOKS = Books(RIVER)
EV = {"document": "doc", "locator": "point 1"}
COMMISSION = {"kind": "water-commission", "evidence": EV}


def river(*conditions: Any, **fields: Any) -> dict[str, Any]:
    return {
        "id": "aster-test",
        "title": "A test position",
        "actors": ["Aster"],
        "date": "2031-01-01",
        "codebook": "river-valley",
        "conditions": list(conditions),
        **fields,
    }


def read(data: dict[str, Any], resolve: Any = RIVER_BOOKS, **kwargs: Any) -> Position:
    return position_from_dict(data, resolve=resolve, **kwargs)


def read_refusal(data: Any, resolve: Any = RIVER_BOOKS, **kwargs: Any) -> tuple[str, str]:
    return refusal(position_from_dict, data, resolve=resolve, **kwargs)


def second(condition: dict[str, Any]) -> tuple[str, str]:
    """The refusal of a river-valley position whose second condition is ``condition``."""
    return read_refusal(river(COMMISSION, condition))


class TestDeclaredConditions:
    def test_every_parameter_is_read(self) -> None:
        """Choices, areas, stage and actors of a declared kind reach the condition."""
        hold = {
            "kind": "hold",
            "by": "joint",
            "districts": ["upper-vell", "delta"],
            "evidence": EV,
            "stage": "precondition-for-talks",
            "actors": ["Aster"],
        }
        c = read(river(COMMISSION, hold)).conditions[0]
        assert c.kind == "hold"
        assert dict(c.args) == {"by": "joint", "districts": frozenset({"upper-vell", "delta"})}
        assert c.stage.value == "precondition-for-talks"
        assert c.actors == ("Aster",)
        assert (c.evidence.document, c.evidence.locator) == ("doc", "point 1")

    def test_defaults_and_flags(self) -> None:
        """A flag is true or false; a choice with a default may be left out."""
        fish = read(river({"kind": "fishing", "side": "boreal", "free": True, "evidence": EV}))
        assert dict(fish.conditions[0].args) == {"side": "boreal", "free": True}
        families = read(river({"kind": "return-of-families", "evidence": EV}))
        c = families.conditions[0]
        assert dict(c.args) == {}
        assert (c.stage.value, c.only_if, c.actors) == ("settlement", (), ())
        share = read(river({"kind": "water-share", "at_least": 10, "at_most": 20, "evidence": EV}))
        assert dict(share.conditions[0].args) == {"at_least": 10, "at_most": 20}

    def test_missing_choices_and_areas(self) -> None:
        """A choice without a default and an areas parameter are required."""
        assert second({"kind": "hold", "districts": ["upper-vell"], "evidence": EV}) == (
            "conditions[1].by",
            "missing required field; one of aster, boreal, joint, neither",
        )
        assert second({"kind": "hold", "by": "aster", "evidence": EV}) == (
            "conditions[1].districts",
            "missing required field: a list of areas",
        )
        assert second({"kind": "fishing", "free": True, "evidence": EV}) == (
            "conditions[1].side",
            "missing required field; one of aster, boreal",
        )
        assert second({"kind": "hold", "by": "aster", "districts": ["upper-vell"]}) == (
            "conditions[1].evidence",
            "missing required field",
        )

    def test_wrong_choices(self) -> None:
        """A choice's value is one of its names; a flag's is true or false."""
        hold = {"kind": "hold", "districts": ["upper-vell"], "evidence": EV}
        assert second({**hold, "by": "zz"}) == (
            "conditions[1].by",
            "expected one of aster, boreal, joint, neither (got 'zz')",
        )
        assert second({**hold, "by": 3}) == (
            "conditions[1].by",
            "expected one of aster, boreal, joint, neither (got 3)",
        )
        fish = {"kind": "fishing", "side": "aster", "evidence": EV}
        assert second({**fish, "free": "yes"}) == (
            "conditions[1].free",
            "expected true or false (got 'yes')",
        )
        assert second({**fish, "free": 1}) == (
            "conditions[1].free",
            "expected true or false (got 1)",
        )

    def test_wrong_areas(self) -> None:
        """An areas parameter is a non-empty list of distinct area keys of the codebook."""
        hold = {"kind": "hold", "by": "aster", "evidence": EV}
        assert second({**hold, "districts": "upper-vell"}) == (
            "conditions[1].districts",
            "expected a list of at least one area (got 'upper-vell')",
        )
        assert second({**hold, "districts": []}) == (
            "conditions[1].districts",
            "expected a list of at least one area (got [])",
        )
        assert second({**hold, "districts": ["upper-vell", 3]}) == (
            "conditions[1].districts[1]",
            "expected an area's key (got 3)",
        )
        assert second({**hold, "districts": ["upper-vell", "zz"]}) == (
            "conditions[1].districts[1]",
            "unknown area 'zz' in codebook 'river-valley'",
        )
        assert second({**hold, "districts": ["lower-vell", "upper-vell", "lower-vell"]}) == (
            "conditions[1].districts",
            "'lower-vell' is named twice",
        )

    def test_wrong_numbers(self) -> None:
        """``at_least`` and ``at_most`` are whole numbers, checked at their place."""
        share = {"kind": "water-share", "evidence": EV}
        assert second({**share, "at_least": "5"}) == (
            "conditions[1].at_least",
            "expected a whole number (got '5')",
        )
        assert second({**share, "at_most": True}) == (
            "conditions[1].at_most",
            "expected a whole number (got True)",
        )
        assert second({**share, "at_least": -1}) == (
            "conditions[1].at_least",
            "at_least must be from 0 to 10^12 (got -1)",
        )
        assert second({**share, "at_least": 50, "at_most": 40}) == (
            "conditions[1]",
            "at_least must not exceed at_most (got 50 > 40)",
        )
        assert second(share) == ("conditions[1]", "water-share needs at_least, at_most or both")

    def test_unknown_fields_name_the_kind_s_fields(self) -> None:
        """An unknown field of a declared kind lists its parameters and the common fields."""
        assert second(
            {
                "kind": "hold",
                "by": "aster",
                "districts": ["delta"],
                "evidence": EV,
                "zz": 1,
                "qq": 2,
            }
        ) == (
            "conditions[1].qq",
            "unknown field 'qq'; expected actors, by, districts, evidence, only_if, stage",
        )
        assert second({**COMMISSION, "stag": "settlement"}) == (
            "conditions[1].stag",
            "unknown field 'stag'; did you mean 'stage'? "
            "expected actors, evidence, only_if, stage",
        )

    def test_common_fields_are_checked(self) -> None:
        """Stage, actors, requirements and evidence of a declared kind are checked in place."""
        assert second({**COMMISSION, "stage": "zz"}) == (
            "conditions[1].stage",
            "expected one of settlement, precondition-for-talks, precondition-for-ceasefire "
            "(got 'zz')",
        )
        assert second({**COMMISSION, "actors": "Aster"}) == (
            "conditions[1].actors",
            "expected a list (got 'Aster')",
        )
        assert second({**COMMISSION, "only_if": 3}) == (
            "conditions[1].only_if",
            "expected a list (got 3)",
        )
        assert second({"kind": "water-commission", "evidence": 3}) == (
            "conditions[1].evidence",
            "expected a table of Evidence fields (got 3)",
        )


# -- positions: fields, endorsements, amendments -------------------------------------------

PLAIN = {"id": "p", "title": "T", "actors": ["A"], "date": "2023-01-01", "conditions": []}
CHINA = "china-2023-02-24"
CEASEFIRE = {"kind": "ceasefire", "scope": "full", "evidence": {"locator": "point 1"}}


def plain_refusal(data: Any, **kwargs: Any) -> tuple[str, str]:
    return read_refusal(data, resolve=BUILTIN, **kwargs)


class TestPositionFields:
    def test_a_position_must_be_a_table(self) -> None:
        """Plain data that is not a table is refused at the top."""
        assert plain_refusal(5) == ("", "expected a table of position fields (got 5)")
        assert plain_refusal(["x"]) == ("", "expected a table of position fields (got ['x'])")

    def test_document_and_codebook_types(self) -> None:
        """``document`` is text; ``codebook`` names a codebook the resolver knows."""
        assert plain_refusal({**PLAIN, "document": 5}) == ("document", "expected text (got 5)")
        assert plain_refusal({**PLAIN, "codebook": 5}) == (
            "codebook",
            "expected the name of a codebook (got 5)",
        )
        where, problem = plain_refusal({**PLAIN, "codebook": "zz"})
        with pytest.raises(UnknownCodebookError) as info:
            BUILTIN.codebook("zz")
        assert (where, problem) == ("codebook", str(info.value))

    def test_the_default_codebook_and_a_named_one(self) -> None:
        """A position naming no codebook is in russia-ukraine; a named one is used."""
        assert read(PLAIN, resolve=BUILTIN).codebook.name == "russia-ukraine"
        assert read(river()).codebook is RIVER
        assert read({**PLAIN, "$schema": "position.json"}, resolve=BUILTIN).id == "p"

    def test_dates(self) -> None:
        """JSON dates are text YYYY-MM-DD; TOML dates are TOML dates; no times."""
        import datetime

        assert read(PLAIN, resolve=BUILTIN).date == datetime.date(2023, 1, 1)
        for bad in ("2023-02-30", "23-02-03", "2023-1-1", 20230101):
            assert plain_refusal({**PLAIN, "date": bad}) == (
                "date",
                f"expected a date YYYY-MM-DD (got {bad!r})",
            )
        assert plain_refusal({**PLAIN, "date": datetime.datetime(2023, 1, 1, 5)}) == (
            "date",
            "expected a date without a time (YYYY-MM-DD) "
            "(got datetime.datetime(2023, 1, 1, 5, 0))",
        )
        assert plain_refusal({**PLAIN, "date": "2023-01-01"}, format="toml") == (
            "date",
            "expected a TOML date without quotes (date = 2023-02-24) (got '2023-01-01')",
        )
        toml = read({**PLAIN, "date": datetime.date(2023, 5, 6)}, resolve=BUILTIN, format="toml")
        assert toml.date == datetime.date(2023, 5, 6)

    def test_the_place_is_said_once(self) -> None:
        """A field's own check is reported at the field without repeating its name."""
        assert plain_refusal({**PLAIN, "title": ""}) == ("title", "must not be empty")
        assert plain_refusal({**PLAIN, "actors": []}) == ("actors", "must name at least one actor")
        assert plain_refusal({**PLAIN, "actors": ["A", "A"]}) == (
            "actors",
            "must be distinct (got ['A', 'A'])",
        )

    def test_the_first_rejected_item_of_a_list_is_named(self) -> None:
        """A list a field's check refuses is reported at its first bad item."""
        assert plain_refusal({**PLAIN, "urls": ["https://a.org/x", "nope", "also"]}) == (
            "urls[1]",
            "must be an http(s) web address without spaces, at most 2,000 characters (got 'nope')",
        )
        assert plain_refusal({**PLAIN, "actors": ["A", ""]}) == (
            "actors[1]",
            "must be a visible name of at most 200 characters (got '')",
        )
        assert plain_refusal({**PLAIN, "urls": "x"}) == ("urls", "expected a list (got 'x')")
        assert plain_refusal({**PLAIN, "urls": ["x", 1]}) == ("urls[1]", "expected text (got 1)")

    def test_unknown_field_lists_every_field(self) -> None:
        """An unknown field of a position suggests the nearest and lists all."""
        assert plain_refusal({**PLAIN, "idd": "x"}) == (
            "idd",
            "unknown field 'idd'; did you mean 'id'? expected actors, amendments, based_on, "
            "codebook, conditions, confidence, confidence_level, coverage, date, document, "
            "endorsements, id, notes, title, urls, variants",
        )


class TestConditions:
    def test_kind_is_required_and_known(self) -> None:
        """A condition names a kind of its codebook."""
        assert plain_refusal({**PLAIN, "conditions": [CEASEFIRE, 5]}) == (
            "conditions[1]",
            "expected a table with a 'kind' and its fields (got 5)",
        )
        no_kind = {"scope": "full", "evidence": {"locator": "x"}}
        assert plain_refusal({**PLAIN, "conditions": [CEASEFIRE, no_kind]}) == (
            "conditions[1].kind",
            "missing 'kind'; see `peacepos codebook show russia-ukraine` for the kinds",
        )
        assert read_refusal(river(COMMISSION, {"evidence": EV})) == (
            "conditions[1].kind",
            "missing 'kind'; see `peacepos codebook show river-valley` for the kinds",
        )
        assert plain_refusal({**PLAIN, "conditions": [CEASEFIRE, {**no_kind, "kind": 5}]}) == (
            "conditions[1].kind",
            "expected the name of a condition kind (got 5)",
        )
        where, problem = plain_refusal({**PLAIN, "conditions": [{**no_kind, "kind": "zz"}]})
        assert where == "conditions[0].kind"
        assert problem.startswith("unknown condition kind 'zz' in codebook 'russia-ukraine'")

    def test_typed_kinds_are_checked_against_the_codebook(self) -> None:
        """A typed kind's regions or issue unknown to the codebook are refused there."""
        ev = {"locator": "x"}
        regions = {"kind": "territorial-integrity", "regions": ["crimea", "zz"], "evidence": ev}
        assert plain_refusal({**PLAIN, "conditions": [regions]}) == (
            "conditions[0].regions[1]",
            "unknown area 'zz' in codebook 'russia-ukraine'",
        )
        twice = {**regions, "regions": ["crimea", "crimea"]}
        assert plain_refusal({**PLAIN, "conditions": [twice]}) == (
            "conditions[0].regions",
            "'crimea' is named twice",
        )
        issue = {"kind": "outcomes", "issue": "zz", "outcomes": ["a"], "evidence": ev}
        assert plain_refusal({**PLAIN, "conditions": [issue]}) == (
            "conditions[0].issue",
            "unknown issue 'zz' in codebook 'russia-ukraine'",
        )

    def test_evidence_documents_default_to_the_position_s(self) -> None:
        """Evidence without a document is in the position's document, else its id."""
        p = read({**PLAIN, "conditions": [CEASEFIRE]}, resolve=BUILTIN)
        assert p.conditions[0].evidence.document == "p"
        p = read({**PLAIN, "document": "doc", "conditions": [CEASEFIRE]}, resolve=BUILTIN)
        assert p.conditions[0].evidence.document == "doc"
        own = {**CEASEFIRE, "evidence": {"locator": "point 1", "document": "other"}}
        p = read({**PLAIN, "document": "doc", "conditions": [own]}, resolve=BUILTIN)
        assert p.conditions[0].evidence.document == "other"

    def test_requirements_take_their_condition_s_evidence(self) -> None:
        """A requirement without evidence has its condition's; without a document, its
        condition's document."""
        share = {"kind": "water-share", "at_least": 60}
        c = read(river({**COMMISSION, "only_if": [share]})).conditions[0]
        (req,) = c.only_if
        assert (req.evidence.document, req.evidence.locator) == ("doc", "point 1")
        c = read(
            river({**COMMISSION, "only_if": [{**share, "evidence": {"locator": "z"}}]})
        ).conditions[0]
        (req,) = c.only_if
        assert (req.evidence.document, req.evidence.locator) == ("doc", "z")
        other = {**share, "evidence": {"locator": "z", "document": "elsewhere"}}
        (req,) = read(river({**COMMISSION, "only_if": [other]})).conditions[0].only_if
        assert req.evidence.document == "elsewhere"
        c = read(
            river(
                {
                    "kind": "water-commission",
                    "evidence": {"locator": "l"},
                    "only_if": [{**share, "evidence": {"locator": "z"}}],
                },
                document="the-text",
            )
        ).conditions[0]
        (req,) = c.only_if
        assert (c.evidence.document, req.evidence.document) == ("the-text", "the-text")

    def test_evidence_rules_are_reported_at_the_evidence(self) -> None:
        """An evidence table that breaks its own rules is refused at that table."""
        implied = {**CEASEFIRE, "evidence": {"locator": "l", "basis": "implied"}}
        assert plain_refusal({**PLAIN, "conditions": [implied]}) == (
            "conditions[0].evidence",
            "IMPLIED evidence needs a rationale: why a reader reads it so",
        )
        empty = {**CEASEFIRE, "evidence": {"locator": ""}}
        assert plain_refusal({**PLAIN, "conditions": [empty]}) == (
            "conditions[0].evidence.locator",
            "must not be empty",
        )


class TestEndorsements:
    def endorse(self, *tables: Any, loading: tuple[str, ...] = ()) -> Any:
        return read({**PLAIN, "endorsements": list(tables)}, resolve=BUILTIN, loading=loading)

    def refusal(self, *tables: Any, loading: tuple[str, ...] = ()) -> tuple[str, str]:
        return plain_refusal({**PLAIN, "endorsements": list(tables)}, loading=loading)

    def test_an_endorsement_is_read(self) -> None:
        """The endorsed position, evidence, inferences and readers reach the endorsement."""
        (e,) = self.endorse({"position": CHINA, "evidence": EV}).endorsements
        assert e.position.id == CHINA
        assert (e.evidence.document, e.evidence.locator) == ("doc", "point 1")
        assert (e.inferences, e.readers) == (False, ("the analyst",))
        (e,) = self.endorse(
            {"position": CHINA, "evidence": EV, "readers": ["me", "you"]}
        ).endorsements
        assert e.readers == ("me", "you")
        (e,) = self.endorse(
            {"position": "ukraine-2022-03-29", "evidence": EV, "inferences": True}
        ).endorsements
        assert e.inferences is True

    def test_evidence_document_defaults_to_the_position_s(self) -> None:
        """An endorsement's evidence without a document is in the endorsing position's."""
        (e,) = self.endorse({"position": CHINA, "evidence": {"locator": "x"}}).endorsements
        assert e.evidence.document == "p"

    def test_malformed_endorsements(self) -> None:
        """Each malformed endorsement is refused at its place."""
        assert self.refusal(3) == (
            "endorsements[0]",
            "expected a table with 'position' and 'evidence' (got 3)",
        )
        for ref in (None, "", 5):
            table = {"evidence": EV} if ref is None else {"position": ref, "evidence": EV}
            assert self.refusal({"position": CHINA, "evidence": EV}, table) == (
                "endorsements[1].position",
                f"expected the id of the endorsed position (got {ref!r})",
            )
        assert self.refusal({"position": CHINA, "evidence": EV, "extra": 1}) == (
            "endorsements[0].extra",
            "unknown field 'extra'; expected evidence, inferences, position, readers",
        )
        assert self.refusal({"position": CHINA}) == (
            "endorsements[0].evidence",
            "missing required field",
        )
        assert self.refusal({"position": CHINA, "evidence": EV, "inferences": 1}) == (
            "endorsements[0].inferences",
            "expected true or false (got 1)",
        )
        assert self.refusal({"position": CHINA, "evidence": EV, "readers": []}) == (
            "endorsements[0].readers",
            "an endorsement needs at least one reader",
        )

    def test_a_cycle_is_refused_with_its_chain(self) -> None:
        """Endorsing a position that is being read is a cycle, shown whole."""
        assert self.refusal({"position": CHINA, "evidence": EV}, loading=("x", CHINA)) == (
            "endorsements[0].position",
            f"endorsements form a cycle: x → {CHINA} → {CHINA}",
        )

    def test_an_unknown_position_says_what_can_be_endorsed(self) -> None:
        """An endorsed id the resolver does not know gets the resolver's words and a hint."""
        where, problem = self.refusal({"position": "nope", "evidence": EV})
        with pytest.raises(UnknownPositionError) as info:
            BUILTIN.position("nope")
        assert where == "endorsements[0].position"
        assert problem == (
            f"{info.value}; a position file can endorse positions the reader knows by id "
            "(see `peacepos list`)"
        )


class TestAmendments:
    def test_based_on_must_name_a_text_of_the_same_codebook(self) -> None:
        """``based_on`` is an id the resolver knows, of a text in the same codebook."""
        for ref in (5, ""):
            assert plain_refusal({**PLAIN, "based_on": ref}) == (
                "based_on",
                f"expected the id of the text this one amends (got {ref!r})",
            )
        where, problem = plain_refusal({**PLAIN, "based_on": "zz"})
        with pytest.raises(UnknownPositionError) as info:
            BUILTIN.position("zz")
        assert (where, problem) == ("based_on", str(info.value))
        assert plain_refusal({**PLAIN, "based_on": "hamas-2024-06-11"}) == (
            "based_on",
            "'hamas-2024-06-11' is written in codebook 'israel-hamas', this text in "
            "'russia-ukraine': an amendment uses the codebook of the text it amends",
        )

    def test_a_circle_of_amendments_is_refused(self) -> None:
        """A text that amends one being read is a circle, shown whole."""
        assert plain_refusal({**PLAIN, "based_on": CHINA}, loading=("a", CHINA)) == (
            "based_on",
            f"texts amend each other in a circle: a → {CHINA} → {CHINA}",
        )

    def test_an_amendment_is_applied(self) -> None:
        """A text based on another inherits its conditions, changed by its amendments."""
        base = read({**PLAIN, "based_on": CHINA}, resolve=BUILTIN)
        china = BUILTIN.position(CHINA)
        assert base.based_on is china
        assert base.own_conditions == china.own_conditions
        deleted = read(
            {
                **PLAIN,
                "based_on": CHINA,
                "amendments": [{"action": "delete", "locator": "point 1"}],
            },
            resolve=BUILTIN,
        )
        assert deleted.own_conditions == tuple(
            c for c in china.own_conditions if c.evidence.locator != "point 1"
        )
        assert len(deleted.own_conditions) < len(china.own_conditions)
