"""Reading codebook and position files: exact behaviour that mutation testing found unchecked
(docs/reliability.md).

Each refusal of a malformed file is one line naming the place inside the file and what is
wrong (docs/file-format.md, docs/codebooks.md). The tests here pin that text and that place
for small hand-made files and plain data: codebooks (their issues, kinds, implications and
includes), positions (conditions of declared kinds, endorsements, amendments), and the guards
that every file passes through first (size, depth, numbers, text, the kind of file).
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path
from typing import Any, Literal

import attrs
import pytest

import peacepos
import peacepos.io
from peacepos import Constraint
from peacepos.corpus import BUILTIN
from peacepos.errors import (
    ContradictionError,
    FileAccessError,
    PositionFileError,
    UnknownCodebookError,
    UnknownPositionError,
)
from peacepos.io import guards
from peacepos.io.guards import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_ITEMS,
    Invalid,
    check_values,
    decode,
    describe,
    format_of,
    join,
    line_column,
    parse,
    read_bytes_checked,
)
from peacepos.io.structure import codebook_from_dict, position_from_dict, position_problems
from peacepos.kinds import kind
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


# -- guards: parsing ------------------------------------------------------------------------


def parse_refusal(text: str, format: str = "json") -> tuple[str, str]:
    """The place and problem of the refusal of ``text``; the file named is always ``src``."""
    with pytest.raises(PositionFileError) as info:
        parse(text, format, "src", PositionFileError)
    assert info.value.path == "src"
    return info.value.where, info.value.problem


class TestParse:
    def test_duplicate_keys_in_json(self) -> None:
        """JSON allows repeated keys; a position file does not, at any depth."""
        assert parse_refusal('{"a": 1, "a": 2}') == ("a", "duplicate key")
        assert parse_refusal('{"a": {"b": 1, "c": 2, "b": 3}}') == ("a.b", "duplicate key")
        assert parse_refusal('{"a": [{"x": 1}, {"my key": 1, "my key": 2}]}') == (
            'a[1]["my key"]',
            "duplicate key",
        )

    def test_numbers_that_are_not_finite(self) -> None:
        """NaN and infinities are refused in JSON and TOML alike."""
        assert parse_refusal('{"a": NaN}') == ("a", "expected a finite number (got NaN)")
        assert parse_refusal('{"a": [Infinity]}') == (
            "a[0]",
            "expected a finite number (got Infinity)",
        )
        assert parse_refusal('{"a": -Infinity}') == (
            "a",
            "expected a finite number (got -Infinity)",
        )
        assert parse_refusal('{"a": 1e400}') == ("a", "expected a finite number (got infinity)")
        assert parse_refusal('{"a": -1e400}') == ("a", "expected a finite number (got -infinity)")
        assert parse_refusal("a = nan", "toml") == ("a", "expected a finite number (got NaN)")
        assert parse_refusal("a = -inf", "toml") == (
            "a",
            "expected a finite number (got -infinity)",
        )
        assert parse('{"a": 1.5}', "json", "src", PositionFileError) == {"a": 1.5}

    def test_whole_numbers_are_64_bit(self) -> None:
        """Whole numbers beyond 64 bits are refused, with their number of digits."""
        top, bottom = 2**63 - 1, -(2**63)
        assert parse(f"a = {top}\nb = {bottom}", "toml", "s", PositionFileError) == {
            "a": top,
            "b": bottom,
        }
        assert parse(f'{{"a": [{top}, {bottom}]}}', "json", "s", PositionFileError) == {
            "a": [top, bottom]
        }
        assert parse_refusal(f"a = {top + 1}", "toml") == (
            "a",
            "a whole number with 19 digits is out of range (64 bits)",
        )
        assert parse_refusal(f'{{"a": [1, {bottom - 1}]}}') == (
            "a[1]",
            "a whole number with 19 digits is out of range (64 bits)",
        )
        assert parse_refusal('{"a": [1, -12345678901234567890]}') == (
            "a[1]",
            "a whole number with 20 digits is out of range (64 bits)",
        )
        assert parse_refusal('{"a": ' + "9" * 5000 + "}") == (
            "a",
            "a whole number with 5,000 digits is out of range (64 bits)",
        )

    def test_overlong_toml_numbers_name_their_line(self) -> None:
        """A TOML number too long to convert is refused at its line and column."""
        assert parse_refusal("a = " + "1" * 5000, "toml") == (
            "line 1, column 5",
            "a whole number with too many digits (at most 64 bits)",
        )
        assert parse_refusal("b = 2\na = [" + "1" * 5000 + "]", "toml") == (
            "line 2, column 6",
            "a whole number with too many digits (at most 64 bits)",
        )

    def test_long_lists(self) -> None:
        """Lists of more than MAX_ITEMS items are refused; MAX_ITEMS is fine."""
        assert parse("a = [" + ",".join(["1"] * MAX_ITEMS) + "]", "toml", "s", PositionFileError)
        assert parse_refusal('{"a": {"b": [' + ",".join(["1"] * (MAX_ITEMS + 1)) + "]}}") == (
            "a.b",
            "a list of 1,001 items; the limit is 1,000",
        )

    def test_unsafe_text_is_refused_where_it_is(self) -> None:
        """Control and bidirectional characters in values or keys are refused in place."""
        where, problem = parse_refusal('{"a": {"b": ["x", "y\\u0007"]}}')
        assert where == "a.b[1]"
        assert re.fullmatch(
            r"text contains a control character \(U\+0007\) at character \d+", problem
        )
        where, problem = parse_refusal('[t]\n"my key" = "x\u202ey"', "toml")
        assert where == 't["my key"]'
        assert problem.startswith(
            "text contains an invisible bidirectional control character (U+202E) at character "
        )
        where, problem = parse_refusal('{"t": {"k\\u202e": 1}}')
        assert where == 't["k\\u202e"]'
        assert "(U+202E)" in problem
        assert parse_refusal('{"a": "ok", "b": {"c": "\\u0000"}}')[0] == "b.c"
        assert parse_refusal('{"a": ["ok", "\\u202e"]}')[0] == "a[1]"

    def test_syntax_errors_name_line_and_column(self) -> None:
        """Syntax errors say where they are and which format was expected."""
        assert parse_refusal('{"a": 1,\n "b": }') == (
            "line 2, column 7",
            "not valid JSON: Expecting value",
        )
        where, problem = parse_refusal("a = 1\nb = = 2", "toml")
        assert where == "line 2, column 5"
        assert problem.startswith("not valid TOML: ")
        assert " (at line" not in problem
        where, problem = parse_refusal("a = 1\nb = ", "toml")
        assert where == "end of document"
        assert problem.startswith("not valid TOML: ")

    def test_overlong_text_and_unknown_formats(self) -> None:
        """Text beyond the size limit is refused before parsing; formats are toml or json."""
        assert parse_refusal(" " * (MAX_FILE_BYTES + 1)) == (
            "",
            "text is 1,000,001 characters long; the limit is 1,000,000",
        )
        with pytest.raises(ValueError, match=r"^format must be 'toml' or 'json' \(got 'yaml'\)$"):
            parse("{}", "yaml", "src", PositionFileError)


class TestNesting:
    def test_the_limit_of_brackets(self) -> None:
        """JSON may nest MAX_DEPTH + 1 brackets (its own braces); one more is refused where
        it opens."""
        ok = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
        assert parse(ok, "json", "s", PositionFileError) is not None
        deep = "[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2)
        assert parse_refusal(deep) == ("line 1, column 34", "nested deeper than 32 levels")
        assert parse_refusal('{"a":\n ' + deep + "}") == (
            "line 2, column 34",
            "nested deeper than 32 levels",
        )
        assert parse_refusal("a = " + deep, "toml") == (
            "line 1, column 38",
            "nested deeper than 32 levels",
        )

    def test_data_deeper_than_the_limit_is_refused_at_its_place(self) -> None:
        """Data one level too deep (within the bracket limit) is refused at the deepest place."""
        toml = "a = " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
        assert parse_refusal(toml, "toml") == (
            "a" + "[0]" * MAX_DEPTH,
            "nested deeper than 32 levels",
        )
        data: Any = "x"
        for _ in range(MAX_DEPTH):
            data = {"k": data}
        check_values(data)
        with pytest.raises(Invalid) as info:
            check_values({"k": data})
        assert info.value.where == ".".join(["k"] * (MAX_DEPTH + 1))
        assert info.value.problem == "nested deeper than 32 levels"
        with pytest.raises(Invalid):
            check_values({"k": [data]})

    def test_closing_brackets_never_count_below_zero(self) -> None:
        """Stray closing brackets do not buy extra depth."""
        deep = "]" * 5 + "[" * (MAX_DEPTH + 2)
        assert parse_refusal(deep) == ("line 1, column 39", "nested deeper than 32 levels")

    def test_brackets_in_strings_and_comments_do_not_count(self) -> None:
        """Brackets inside any kind of string or comment are text, not nesting."""
        many = "[" * (MAX_DEPTH + 5)
        for toml in (
            f'a = "{many}"',
            f'a = "x\\"{many}"',
            f"a = '{many}'",
            f'a = """x"{many}\n"""',
            f'a = """x\\"""{many}"""',
            f"a = '''\n{many}'''",
            f"# {many}\na = 1",
            f"a = 1 # {many}",
        ):
            assert parse(toml, "toml", "s", PositionFileError)["a"] is not None, toml
        for json_text in (
            f'{{"a": "{many}"}}',
            f'{{"a": "x\\"{many}"}}',
            f'{{"a": "\\\\", "b": "{many}"}}',
        ):
            assert parse(json_text, "json", "s", PositionFileError)["a"], json_text

    def test_a_comment_ends_at_its_line(self) -> None:
        """After a comment, brackets on the next line count again."""
        deep = "[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2)
        assert parse_refusal(f"# [\na = {deep}", "toml") == (
            "line 2, column 38",
            "nested deeper than 32 levels",
        )
        where, problem = parse_refusal(f"a = '''x''' # \nb = {deep}", "toml")
        assert (where, problem) == ("line 2, column 38", "nested deeper than 32 levels")

    def test_an_unterminated_string_is_a_syntax_error(self) -> None:
        """At an unterminated string the scan stops and the parser reports it."""
        _, problem = parse_refusal('a = "' + "[" * 50, "toml")
        assert problem.startswith("not valid TOML: ")
        _, problem = parse_refusal('{"a": "' + "[" * 50)
        assert problem.startswith("not valid JSON: ")
        _, problem = parse_refusal("a = '''" + "[" * 50, "toml")
        assert problem.startswith("not valid TOML: ")


class TestDescribeAndPlaces:
    def test_describe(self) -> None:
        """Values in messages: repr, cut at 60 characters, words for non-finite numbers."""
        assert describe("x" * 58) == repr("x" * 58)
        assert len(describe("x" * 58)) == 60
        assert describe("x" * 59) == repr("x" * 59)[:57] + "..."
        assert describe(float("nan")) == "NaN"
        assert describe(float("inf")) == "infinity"
        assert describe(float("-inf")) == "-infinity"
        assert describe(1.5) == "1.5"

    def test_join(self) -> None:
        """Plain keys join with dots; other keys are quoted in brackets."""
        assert join("", "a") == "a"
        assert join("a", "b-c_1") == "a.b-c_1"
        assert join("a", "b c") == 'a["b c"]'
        assert join("", "b.c") == '["b.c"]'
        assert join("a[0]", "Z") == "a[0].Z"

    def test_line_column(self) -> None:
        """Lines and columns count from 1."""
        assert line_column("ab\ncd", 0) == "line 1, column 1"
        assert line_column("ab\ncd", 1) == "line 1, column 2"
        assert line_column("ab\ncd", 3) == "line 2, column 1"
        assert line_column("ab\ncd\nef", 7) == "line 3, column 2"

    def test_format_of(self) -> None:
        """The format comes from the suffix, in any case."""
        assert format_of(Path("a.TOML")) == "toml"
        assert format_of(Path("a.Json")) == "json"
        assert format_of(Path("a.yaml")) is None
        assert format_of(Path("toml")) is None


# -- guards: files --------------------------------------------------------------------------


def access_refusal(path: Any) -> FileAccessError:
    with pytest.raises(FileAccessError) as info:
        read_bytes_checked(path)
    return info.value


class TestReadBytes:
    def test_a_regular_file_is_read_whole(self, tmp_path: Path) -> None:
        """A regular file up to the limit is read completely, however it is named."""
        f = tmp_path / "a.toml"
        f.write_bytes(b"x" * MAX_FILE_BYTES)
        assert read_bytes_checked(f) == b"x" * MAX_FILE_BYTES
        assert read_bytes_checked(str(f)) == b"x" * MAX_FILE_BYTES
        f.write_bytes(b"")
        assert read_bytes_checked(f) == b""

    def test_missing_files_and_directories(self, tmp_path: Path) -> None:
        """A missing path and a directory are refused with their words and errno."""
        e = access_refusal(tmp_path / "none.toml")
        assert str(e) == f"{tmp_path / 'none.toml'}: no such file"
        assert (e.errno, e.path, e.where) == (errno.ENOENT, str(tmp_path / "none.toml"), "")
        e = access_refusal(tmp_path)
        assert str(e) == f"{tmp_path}: is a directory, not a file"
        assert isinstance(e, OSError)

    def test_devices_and_fifos(self, tmp_path: Path) -> None:
        """Anything but a regular file is refused, saying what it is."""
        assert str(access_refusal("/dev/null")) == (
            "/dev/null: is a character device, not a regular file"
        )
        fifo = tmp_path / "pipe.toml"
        os.mkfifo(fifo)
        assert str(access_refusal(fifo)) == f"{fifo}: is a FIFO (named pipe), not a regular file"

    def test_a_nul_in_the_path(self) -> None:
        """A path with a NUL character is not a path."""
        e = access_refusal("a\x00b.toml")
        assert e.problem == "not a valid path (it contains a NUL character)"
        assert e.errno is None

    def test_a_path_through_a_file(self, tmp_path: Path) -> None:
        """Other errors of the system are passed on with their words and errno."""
        f = tmp_path / "file"
        f.write_text("x")
        e = access_refusal(f / "below.toml")
        assert e.errno == errno.ENOTDIR
        assert e.problem == os.strerror(errno.ENOTDIR)

    def test_a_file_over_the_limit_is_refused_by_its_size(self, tmp_path: Path) -> None:
        """A file one byte over the limit is refused, saying its size."""
        f = tmp_path / "big.json"
        f.write_bytes(b" " * (MAX_FILE_BYTES + 1))
        e = access_refusal(f)
        assert e.problem == "file is 1,000,001 bytes; the limit is 1,000,000"
        assert e.errno == errno.EFBIG

    def test_a_file_that_grows_while_read_is_refused(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A file whose size said it was small but that reads larger is refused."""
        f = tmp_path / "growing.json"
        f.write_bytes(b" " * (MAX_FILE_BYTES + 5))
        real = os.fstat

        def small(fd: int) -> os.stat_result:
            info = list(real(fd))
            info[6] = 10  # st_size
            return os.stat_result(info)

        monkeypatch.setattr(guards.os, "fstat", small)
        e = access_refusal(f)
        assert e.problem == "file is larger than 1,000,000 bytes"
        assert e.errno == errno.EFBIG


class TestReadInPieces:
    def test_a_file_read_in_pieces_is_read_whole_or_refused(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Where the system returns a file in pieces (as /proc does), the limit still holds:
        a file of the limit reads whole, one a few bytes longer is refused."""
        real = os.read
        monkeypatch.setattr(guards.os, "read", lambda fd, n: real(fd, min(n, 1000)))
        f = tmp_path / "pieces.json"
        f.write_bytes(b"y" * MAX_FILE_BYTES)
        assert read_bytes_checked(f) == b"y" * MAX_FILE_BYTES
        f.write_bytes(b"y" * (MAX_FILE_BYTES + 3))
        real_fstat = os.fstat

        def small(fd: int) -> os.stat_result:
            info = list(real_fstat(fd))
            info[6] = 0  # a size the system does not know, as in /proc
            return os.stat_result(info)

        monkeypatch.setattr(guards.os, "fstat", small)
        e = access_refusal(f)
        assert e.problem == "file is larger than 1,000,000 bytes"


def decode_refusal(data: bytes) -> tuple[str, str]:
    with pytest.raises(PositionFileError) as info:
        decode(data, "f.toml", PositionFileError)
    assert info.value.path == "f.toml"
    return info.value.where, info.value.problem


class TestDecode:
    def test_text_is_utf8(self) -> None:
        """UTF-8 text is decoded as it is."""
        assert decode("a = 'é'\n".encode(), "f", PositionFileError) == "a = 'é'\n"

    def test_byte_order_marks(self) -> None:
        """A byte-order mark or UTF-16/32 text is refused with what to do."""
        assert decode_refusal(b"\xef\xbb\xbfa = 1") == (
            "",
            "starts with a byte-order mark; save it as UTF-8 without BOM",
        )
        for bom in (b"\xff\xfe", b"\xfe\xff"):
            assert decode_refusal(bom + b"a\x00") == (
                "",
                "is UTF-16 or UTF-32 text; save it as UTF-8",
            )

    def test_bytes_that_are_not_utf8(self) -> None:
        """A byte that is not UTF-8 is named with its offset, line and column."""
        assert decode_refusal(b'a = 1\nb = "\xff"') == (
            "line 2, column 6",
            "not UTF-8 text (byte 0xff at offset 11)",
        )
        assert decode_refusal(b"\x80") == (
            "line 1, column 1",
            "not UTF-8 text (byte 0x80 at offset 0)",
        )

    def test_nul_and_empty(self) -> None:
        """A NUL byte means it is not a text file; blank text is an empty file."""
        assert decode_refusal(b"a = 1\nb = 2\x00") == (
            "line 2, column 6",
            "contains a NUL byte: not a text file",
        )
        for blank in (b"", b"  \n\t"):
            assert decode_refusal(blank) == ("", "the file is empty")


# -- every problem at once (validation) -----------------------------------------------------


def problems(data: Any, resolve: Any = BUILTIN) -> list[tuple[str, str]]:
    return [(p.where, p.problem) for p in position_problems(data, resolve=resolve)]


UNKNOWN_KIND = (
    "unknown condition kind 'zz' in codebook 'russia-ukraine'; its kinds: `peacepos codebook "
    "show russia-ukraine`; a kind written in Python joins through Library.with_kinds (on the "
    "command line, --plugin)"
)
FIELDS = (
    "actors, amendments, based_on, codebook, conditions, confidence, confidence_level, "
    "coverage, date, document, endorsements, id, notes, title, urls, variants"
)


class TestPositionProblems:
    def test_a_position_that_reads_has_none(self) -> None:
        """A good position has no problems."""
        assert problems({**PLAIN, "conditions": [CEASEFIRE]}) == []
        assert problems(river(COMMISSION), resolve=RIVER_BOOKS) == []

    def test_every_field_problem_in_file_order(self) -> None:
        """Unknown fields (sorted), then each field in the order of the format."""
        got = problems(
            {
                **PLAIN,
                "zz": 1,
                "yy": 2,
                "title": 5,
                "conditions": [5, {"kind": "zz"}, CEASEFIRE, {**CEASEFIRE, "scope": "bad"}],
            }
        )
        assert got == [
            ("yy", f"unknown field 'yy'; expected {FIELDS}"),
            ("zz", f"unknown field 'zz'; expected {FIELDS}"),
            ("title", "expected text (got 5)"),
            ("conditions[0]", "expected a table with a 'kind' and its fields (got 5)"),
            ("conditions[1].kind", UNKNOWN_KIND),
            ("conditions[3].scope", "expected one of partial, full (got 'bad')"),
        ]

    def test_missing_fields_are_each_named(self) -> None:
        """Every required field that is missing is a problem of its own."""
        assert problems({"zz": 1}) == [
            ("zz", f"unknown field 'zz'; expected {FIELDS}"),
            ("id", "missing required field"),
            ("title", "missing required field"),
            ("actors", "missing required field"),
            ("date", "missing required field"),
        ]

    def test_items_of_lists_each_have_their_problem(self) -> None:
        """Requirements, endorsements, variants and list items are all checked."""
        assert problems(
            {**PLAIN, "conditions": [{**CEASEFIRE, "only_if": [5, {"kind": "zz"}]}]}
        ) == [
            ("conditions[0].only_if[0]", "expected a table with a 'kind' and its fields (got 5)"),
            ("conditions[0].only_if[1].kind", UNKNOWN_KIND),
        ]
        assert problems({**PLAIN, "actors": [1, "A", 2], "date": "bad"}) == [
            ("actors[0]", "expected text (got 1)"),
            ("actors[2]", "expected text (got 2)"),
            ("date", "expected a date YYYY-MM-DD (got 'bad')"),
        ]
        variants = [
            {"name": "a", "conditions": [5]},
            {"name": "b", "conditions": [{"kind": "zz"}]},
        ]
        assert problems({**PLAIN, "variants": variants}) == [
            ("variants[0].conditions[0]", "expected a table with a 'kind' and its fields (got 5)"),
            ("variants[1].conditions[0].kind", UNKNOWN_KIND),
        ]
        got = problems({**PLAIN, "endorsements": [5, {"position": CHINA, "evidence": 3}]})
        assert got == [
            ("endorsements[0]", "expected a table with 'position' and 'evidence' (got 5)"),
            ("endorsements[1].evidence", "expected a table of Evidence fields (got 3)"),
        ]

    def test_a_value_rule_is_checked_once_the_types_are_right(self) -> None:
        """A field's own rule is checked only when every part reads."""
        assert problems({**PLAIN, "title": "", "zz": 1}) == [
            ("zz", f"unknown field 'zz'; expected {FIELDS}")
        ]
        assert problems({**PLAIN, "title": ""}) == [("title", "must not be empty")]

    def test_what_stops_the_reading(self) -> None:
        """Without a table, a codebook or the amended text there is only that problem."""
        assert problems(5) == [("", "expected a table of position fields (got 5)")]
        where, _ = problems({**PLAIN, "codebook": "zz", "conditions": [5]})[0]
        assert len(problems({**PLAIN, "codebook": "zz", "conditions": [5]})) == 1
        assert where == "codebook"
        assert problems({**PLAIN, "based_on": 5, "zz": 1}) == [
            ("based_on", "expected the id of the text this one amends (got 5)")
        ]


# -- where a self-contradiction is reported --------------------------------------------------


def cond(kind: str, locator: str, **params: Any) -> dict[str, Any]:
    return {"kind": kind, "evidence": {"locator": locator}, **params}


def outcomes(locator: str, issue: str, *kept: str) -> dict[str, Any]:
    return cond("outcomes", locator, issue=issue, outcomes=list(kept))


class TestContradictionPlaces:
    def test_the_clashing_conditions_are_numbered_as_in_the_file(self) -> None:
        """The place is the condition that empties the issue; the others are named after it."""
        where, problem = plain_refusal(
            {
                **PLAIN,
                "conditions": [
                    cond("ceasefire", "p0", scope="full"),
                    cond("army-cap", "p1", at_most=1000),
                    cond("army-cap", "p2", at_least=5000),
                ],
            }
        )
        assert where == "conditions[1]"
        assert problem == (
            "position 'p' contradicts itself on 'military/army-cap/peacetime': army cap "
            "(at most: 1,000) (p, p1) leaves no outcome together with army cap (at least: 5,000) "
            "(p, p2) (see conditions[2])"
        )

    def test_several_earlier_conditions_are_all_named(self) -> None:
        """Every other clashing condition is named, in the order the message names them."""
        where, problem = plain_refusal(
            {
                **PLAIN,
                "conditions": [
                    outcomes("p1", "hostilities", "continue", "partial-ceasefire"),
                    cond("direct-dialogue", "p0"),
                    outcomes("p2", "hostilities", "partial-ceasefire", "full-ceasefire"),
                    outcomes("p3", "hostilities", "continue", "full-ceasefire"),
                ],
            }
        )
        assert where == "conditions[2]"
        assert problem == (
            "position 'p' contradicts itself on 'hostilities': accepts (issue: hostilities; "
            "outcomes: full-ceasefire, partial-ceasefire) (p, p2) leaves no outcome together "
            "with accepts (issue: hostilities; outcomes: continue, full-ceasefire) (p, p3) and "
            "accepts (issue: hostilities; outcomes: continue, partial-ceasefire) (p, p1) "
            "(see conditions[3] and conditions[0])"
        )

    def test_a_clash_with_a_variant_names_the_variant(self) -> None:
        """A variant's condition that clashes with the common ones is named by its variant."""
        common = [outcomes("p1", "hostilities", "continue"), outcomes("p3", "talks", "direct")]
        variants = [
            {"name": "w", "conditions": []},
            {
                "name": "v",
                "conditions": [
                    outcomes("p3", "talks", "direct"),
                    outcomes("p2", "hostilities", "end-of-war"),
                ],
            },
        ]
        where, problem = plain_refusal({**PLAIN, "conditions": common, "variants": variants})
        assert where == "variants[1]"
        assert problem.startswith("position 'p.v' contradicts itself on 'hostilities': ")
        assert problem.endswith(" (see conditions[0])")
        where, problem = plain_refusal(
            {
                **PLAIN,
                "conditions": [outcomes("p1", "hostilities", "continue")],
                "variants": [{"name": "v", "conditions": [cond("ceasefire", "p2", scope="full")]}],
            }
        )
        assert where == "conditions[0]"
        assert problem.endswith(" (see variants[0])")

    def test_a_clash_with_the_amended_text_names_based_on(self) -> None:
        """A condition that clashes with one the text inherits names ``based_on``."""
        where, problem = plain_refusal(
            {**PLAIN, "based_on": CHINA, "conditions": [outcomes("p1", "hostilities", "continue")]}
        )
        assert where == "conditions[0]"
        assert f"ceasefire ({CHINA}, point 3)" in problem
        assert problem.endswith(" (see based_on)")
        add = {"action": "add", "conditions": [outcomes("p1", "hostilities", "continue")]}
        where, problem = plain_refusal({**PLAIN, "based_on": CHINA, "amendments": [add]})
        assert where == "amendments[0]"
        assert problem.endswith(" (see based_on)")

    def test_a_clash_between_endorsed_texts_names_the_endorsements(self) -> None:
        """Endorsed conditions are not in the file: the endorsements are named instead."""
        texts = {
            "q1": read(
                {**PLAIN, "id": "q1", "conditions": [cond("ceasefire", "p9", scope="full")]},
                resolve=BUILTIN,
            ),
            "q2": read(
                {**PLAIN, "id": "q2", "conditions": [outcomes("p8", "hostilities", "continue")]},
                resolve=BUILTIN,
            ),
        }

        class Endorsed(Books):
            def position(self, id: str) -> Position:
                return texts[id]

        data = {
            **PLAIN,
            "conditions": [cond("direct-dialogue", "p1")],
            "endorsements": [{"position": q, "evidence": EV} for q in texts],
        }
        assert read_refusal(data, resolve=Endorsed()) == (
            "endorsements",
            "position 'p' contradicts itself in the reading of the analyst on 'hostilities': "
            "accepts (issue: hostilities; outcomes: continue) (q2, p8) leaves no outcome "
            "together with ceasefire (q1, p9)",
        )


# -- conditions of kinds written in Python ---------------------------------------------------


@kind("test-pace")
@attrs.frozen(kw_only=True)
class Pace(peacepos.Condition):
    """A test kind with a finite domain in its type, a pair of numbers and optional text."""

    speed: Literal["slow", "fast", 1]
    window: tuple[int, str] = (0, "days")
    label: str | None = None
    refuse: bool = False
    silent: bool = False
    clash: bool = False
    tags: tuple[str, ...] = attrs.field(
        default=(),
        validator=attrs.validators.deep_iterable(
            attrs.validators.instance_of(str), attrs.validators.instance_of(tuple)
        ),
    )

    @tags.validator
    def _distinct(self, attribute: Any, value: tuple[str, ...]) -> None:
        if len(set(value)) != len(value):
            raise ValueError("the tags must be distinct")

    def __attrs_post_init__(self) -> None:
        if self.silent:
            raise ValueError()  # a rule with no words
        if self.clash:
            raise ContradictionError("a pace that is slow and fast at once")

    def compile(self, codebook: Codebook) -> Any:
        if self.refuse:
            raise ValueError("the pace cannot be kept")
        yield Constraint.of(codebook["hostilities"], "full-ceasefire", "end-of-war")


PACE_BOOKS = Books(BUILTIN.codebook("russia-ukraine").with_kinds(Pace))


def pace(**fields: Any) -> dict[str, Any]:
    return {**PLAIN, "conditions": [CEASEFIRE, {"kind": "test-pace", "evidence": EV, **fields}]}


class TestPythonKinds:
    def test_fields_are_read_by_their_types(self) -> None:
        """A Literal, a fixed pair, optional text and flags are read as typed."""

        def the_pace(data: dict[str, Any]) -> Pace:
            found = [c for c in read(data, resolve=PACE_BOOKS).conditions if isinstance(c, Pace)]
            assert len(found) == 1
            return found[0]

        p = the_pace(pace(speed="fast", window=[3, "weeks"], label="L"))
        assert (p.speed, p.window, p.label) == ("fast", (3, "weeks"), "L")
        p = the_pace(pace(speed=1, label=None))
        assert (p.speed, p.window, p.label) == (1, (0, "days"), None)

    def test_a_literal_takes_its_values_and_no_lookalikes(self) -> None:
        """A Literal field is one of its values, of the same type: true is not 1."""
        for bad in ("medium", True, "1", 1.0):
            assert read_refusal(pace(speed=bad), resolve=PACE_BOOKS) == (
                "conditions[1].speed",
                f"expected one of slow, fast, 1 (got {bad!r})",
            )

    def test_a_fixed_pair(self) -> None:
        """A fixed-length tuple is a list of that many items, each of its type."""
        for bad in ([1], [1, "a", 2], "x"):
            assert read_refusal(pace(speed="slow", window=bad), resolve=PACE_BOOKS) == (
                "conditions[1].window",
                f"expected a list of 2 items (got {bad!r})",
            )
        assert read_refusal(pace(speed="slow", window=["1", "a"]), resolve=PACE_BOOKS) == (
            "conditions[1].window[0]",
            "expected a whole number (got '1')",
        )
        assert read_refusal(pace(speed="slow", window=[1, 2]), resolve=PACE_BOOKS) == (
            "conditions[1].window[1]",
            "expected text (got 2)",
        )

    def test_optional_text_and_flags(self) -> None:
        """Optional text is text or null; a flag is true or false."""
        assert read_refusal(pace(speed="slow", label=5), resolve=PACE_BOOKS) == (
            "conditions[1].label",
            "expected text (got 5)",
        )
        assert read_refusal(pace(speed="slow", refuse="no"), resolve=PACE_BOOKS) == (
            "conditions[1].refuse",
            "expected true or false (got 'no')",
        )

    def test_a_rule_without_words_is_named_by_its_error(self) -> None:
        """A kind's rule that raises with no message is reported by the exception's name."""
        assert read_refusal(pace(speed="slow", silent=True), resolve=PACE_BOOKS) == (
            "conditions[1]",
            "ValueError",
        )

    def test_a_list_refused_as_a_whole_is_named_as_a_whole(self) -> None:
        """A list whose items are each fine but that a kind's rule refuses together is
        reported at the list, not at an item."""
        assert read_refusal(pace(speed="slow", tags=["a", "b", "a"]), resolve=PACE_BOOKS) == (
            "conditions[1].tags",
            "the tags must be distinct",
        )

    def test_a_kind_that_finds_itself_contradictory_is_refused_at_the_condition(self) -> None:
        """A kind's own contradiction error is reported at its condition, with its words."""
        assert read_refusal(pace(speed="slow", clash=True), resolve=PACE_BOOKS) == (
            "conditions[1]",
            "a pace that is slow and fast at once",
        )

    def test_a_kind_that_refuses_to_compile_is_refused_at_the_condition(self) -> None:
        """A condition whose kind refuses it for this codebook is refused where it is."""
        assert read_refusal(pace(speed="slow", refuse=True), resolve=PACE_BOOKS) == (
            "conditions[1]",
            "the pace cannot be kept",
        )

    def test_missing_and_unknown_fields(self) -> None:
        """A Python kind's fields are listed without 'kind'; required ones are named."""
        assert read_refusal(pace(), resolve=PACE_BOOKS) == (
            "conditions[1].speed",
            "missing required field",
        )
        where, problem = read_refusal(pace(speed="slow", sped=1), resolve=PACE_BOOKS)
        assert where == "conditions[1].sped"
        assert problem.startswith("unknown field 'sped'; did you mean 'speed'? expected ")
        assert "'kind'" not in problem
        assert ", kind," not in problem


class TestMoreRefusals:
    def test_keys_must_be_text(self) -> None:
        """Plain data with keys that are not text is refused where the key is."""
        assert plain_refusal({1: "x"}) == ("", "expected text keys (got 1)")
        assert plain_refusal({**PLAIN, "notes": {"b": [{2: "x"}]}}) == (
            "notes.b[0]",
            "expected text keys (got 2)",
        )
        assert book_refusal({**HEAD, 3: "x"}) == ("", "expected text keys (got 3)")

    def test_overlong_codebook_text_is_refused_at_its_key(self) -> None:
        """The codebook's limits on its title and description point to that key."""
        assert book_refusal({**HEAD, "description": "x" * 2001}) == (
            "description",
            "description is longer than 2,000 characters (got 2,001)",
        )
        assert book_refusal({**HEAD, "title": "x" * 2001}) == (
            "title",
            "title is longer than 2,000 characters (got 2,001)",
        )

    def test_includes_that_disagree_are_refused_for_the_whole_codebook(self) -> None:
        """An issue that two includes declare differently is the codebook's problem."""
        one = Codebook(
            name="one",
            title="One",
            issues=(NumericIssue(key="cap", title="C", unit="km", maximum=50),),
        )
        two = Codebook(
            name="two",
            title="Two",
            issues=(NumericIssue(key="cap", title="C", unit="km", maximum=60),),
        )
        assert book_refusal({**HEAD, "include": ["one", "two"]}, resolve=Books(one, two)) == (
            "",
            "issue 'cap' differs between the codebooks it includes",
        )

    def test_a_full_declaration_of_an_included_issue_must_match_it(self) -> None:
        """Given with its outcomes, an included issue is declared anew: its sequence flag too."""
        outcomes_ = ["without-preconditions", "after-preconditions"]
        issue = {"key": "sequence/talks", "title": "W", "outcomes": outcomes_}
        where, problem = book_refusal({**WITH_RU, "issues": [issue]})
        assert where == "issues[0]"
        assert problem.startswith("issue 'sequence/talks' is included from another codebook")
        cb = book({**WITH_RU, "issues": [{**issue, "sequence": True}]})
        assert cb["sequence/talks"].title == "W"
        reordered = {**issue, "outcomes": outcomes_[::-1], "sequence": True}
        assert book_refusal({**WITH_RU, "issues": [reordered]})[0] == "issues[0]"

    def test_clashes_inside_one_part_name_it_once(self) -> None:
        """Clashing conditions in the same amendment are not named twice."""
        replace = {
            "action": "replace",
            "locator": "point 2",
            "conditions": [
                cond("ceasefire", "p0", scope="full"),
                outcomes("p1", "hostilities", "continue"),
            ],
        }
        where, problem = plain_refusal({**PLAIN, "based_on": CHINA, "amendments": [replace]})
        assert where == "amendments[0]"
        assert problem.endswith(
            f"leaves no outcome together with ceasefire ({CHINA}, point 3) and ceasefire "
            "(p, p0) (see based_on)"
        )
        variant = {
            "name": "v",
            "conditions": [
                outcomes("p1", "hostilities", "continue"),
                cond("ceasefire", "p2", scope="full"),
            ],
        }
        where, problem = plain_refusal({**PLAIN, "variants": [variant]})
        assert where == "variants[0]"
        assert problem.startswith("position 'p.v' contradicts itself on 'hostilities': ")
        assert "(see" not in problem


class TestOperatingSystemRefusals:
    def test_a_file_that_fails_while_read(self) -> None:
        """An error while reading is passed on with the system's words and errno."""
        if not Path("/proc/self/mem").exists():
            pytest.skip("needs Linux's /proc/self/mem (regular, but unreadable at offset 0)")
        e = access_refusal("/proc/self/mem")
        assert e.errno == errno.EIO
        assert str(e) == f"/proc/self/mem: {os.strerror(errno.EIO)}"

    @pytest.mark.parametrize(
        ("error", "code", "problem"),
        [
            (PermissionError, errno.EACCES, "permission denied"),
            (IsADirectoryError, errno.EISDIR, "is a directory, not a file"),
            (FileNotFoundError, errno.ENOENT, "no such file"),
        ],
    )
    def test_refusals_to_open(
        self, monkeypatch: pytest.MonkeyPatch, error: type[OSError], code: int, problem: str
    ) -> None:
        """What the system says when it will not open a path becomes one plain message."""

        def refuse(*args: Any) -> int:
            raise error(code, "the system's own words")

        monkeypatch.setattr(guards.os, "open", refuse)
        e = access_refusal("some/file.toml")
        assert str(e) == f"some/file.toml: {problem}"
        assert (e.errno, e.path, e.problem) == (code, "some/file.toml", problem)


class TestDocumentsOfEvidence:
    def test_variants_and_amendments_take_the_position_s_document(self) -> None:
        """Evidence in variants and amendments without a document is in the position's."""
        p = read(
            {**PLAIN, "document": "doc", "variants": [{"name": "v", "conditions": [CEASEFIRE]}]},
            resolve=BUILTIN,
        )
        assert p.variants[0].conditions[0].evidence.document == "doc"
        add = {"action": "add", "conditions": [CEASEFIRE]}
        p = read(
            {**PLAIN, "document": "doc", "based_on": CHINA, "amendments": [add]},
            resolve=BUILTIN,
        )
        assert p.amendments[0].conditions[0].evidence.document == "doc"

    def test_an_empty_document_falls_back_to_the_id(self) -> None:
        """An empty ``document`` leaves the id as the evidence's document; a blank one none."""
        p = read({**PLAIN, "document": "", "conditions": [CEASEFIRE]}, resolve=BUILTIN)
        assert p.conditions[0].evidence.document == "p"
        assert plain_refusal({**PLAIN, "document": "  ", "conditions": [CEASEFIRE]}) == (
            "conditions[0].evidence.document",
            "missing required field",
        )

    def test_malformed_parts_are_left_to_their_own_refusal(self) -> None:
        """Filling documents never hides a malformed part: each is refused as it is."""
        cases = {
            "variants": ([5], ("variants[0]", "expected a table of Variant fields (got 5)")),
            "conditions": (5, ("conditions", "expected a list (got 5)")),
            "endorsements": (
                [{"position": CHINA, "evidence": 5}],
                (
                    "endorsements[0].evidence",
                    "expected a table of Evidence fields (got 5)",
                ),
            ),
        }
        for key, (value, expected) in cases.items():
            assert plain_refusal({**PLAIN, key: value}) == expected
        assert plain_refusal({**PLAIN, "variants": [{"name": "v"}]}) == (
            "variants[0].conditions",
            "missing required field",
        )
        assert plain_refusal({**PLAIN, "conditions": [{**CEASEFIRE, "evidence": 5}]}) == (
            "conditions[0].evidence",
            "expected a table of Evidence fields (got 5)",
        )

    def test_malformed_requirements_are_refused_as_they_are(self) -> None:
        """Requirements that are not a list of tables are refused, not filled."""
        for only_if, expected in (
            (5, ("conditions[0].only_if", "expected a list (got 5)")),
            (
                [5],
                (
                    "conditions[0].only_if[0]",
                    "expected a table with a 'kind' and its fields (got 5)",
                ),
            ),
            (
                [{"kind": "direct-dialogue", "evidence": 5}],
                (
                    "conditions[0].only_if[0].evidence",
                    "expected a table of Evidence fields (got 5)",
                ),
            ),
        ):
            assert (
                plain_refusal({**PLAIN, "conditions": [{**CEASEFIRE, "only_if": only_if}]})
                == expected
            )
        explicit = {**CEASEFIRE, "evidence": {"locator": "x", "document": "dd"}}
        p = read(
            {**PLAIN, "conditions": [{**explicit, "only_if": [{"kind": "direct-dialogue"}]}]},
            resolve=BUILTIN,
        )
        (req,) = p.conditions[0].only_if
        assert (req.evidence.document, req.evidence.locator) == ("dd", "x")


AREA_R1 = {"key": "r1", "title": "R1"}
TEMPLATE = {"key": "hold/{area}", "title": "Who holds {title}", "outcomes": ["u", "v"]}


class TestTemplatesAndAreas:
    def templates(self, *more: dict[str, Any]) -> dict[str, Any]:
        return {**HEAD, "areas": [AREA_R1], "area_issues": [TEMPLATE, *more]}

    def test_a_template_is_read_with_labels_notes_and_groups(self) -> None:
        """Labels, notes and groups of an area issue are read as tables."""
        (t,) = book(
            {
                **HEAD,
                "areas": [AREA_R1],
                "area_issues": [
                    {
                        **TEMPLATE,
                        "labels": {"u": "You"},
                        "notes": {"v": "Vee"},
                        "groups": {"g": ["u", "v"]},
                    }
                ],
            }
        ).area_issues
        assert (t.labels, t.notes, t.groups) == (
            (("u", "You"),),
            (("v", "Vee"),),
            (("g", ("u", "v")),),
        )

    def test_malformed_templates(self) -> None:
        """Each malformed part of an area issue is refused at its place."""
        other = {**TEMPLATE, "key": "x/{area}"}
        assert book_refusal(self.templates({**other, "labels": 3})) == (
            "area_issues[1].labels",
            "expected a table (got 3)",
        )
        assert book_refusal(self.templates({**other, "notes": {"u": 3}})) == (
            "area_issues[1].notes.u",
            "expected text (got 3)",
        )
        assert book_refusal(self.templates({**other, "groups": 3})) == (
            "area_issues[1].groups",
            "expected a table (got 3)",
        )
        assert book_refusal(self.templates({**other, "groups": {"g": 3}})) == (
            "area_issues[1].groups.g",
            "expected a list of names (got 3)",
        )
        assert book_refusal(self.templates({**TEMPLATE, "key": "x"})) == (
            "area_issues[1].key",
            "an area issue's key must contain '{area}' (got 'x')",
        )
        assert book_refusal(self.templates({**other, "zz": 1})) == (
            "area_issues[1].zz",
            "unknown field 'zz'; expected description, groups, key, labels, notes, outcomes, "
            "title",
        )

    def test_parts_of_parts(self) -> None:
        """Parts nest, and a problem deep inside is named by its whole path."""
        nested = {
            "key": "r1",
            "title": "R1",
            "parts": [{"key": "r2", "title": "R2", "parts": [{"key": "r3"}]}],
        }
        assert book_refusal({**HEAD, "areas": [nested]}) == (
            "areas[0].parts[0].parts[0].title",
            "missing required field",
        )

    def test_an_unknown_key_of_an_area_lists_parts_too(self) -> None:
        """``parts`` is one of the keys an area takes, and a near miss suggests it."""
        assert book_refusal({**HEAD, "areas": [{"key": "r1", "title": "R1", "prts": []}]}) == (
            "areas[0].prts",
            "unknown field 'prts'; did you mean 'parts'? expected description, held_by, key, "
            "parts, title",
        )


class TestWholeCodebookRefusals:
    def test_a_codebook_must_be_a_table(self) -> None:
        """Plain data that is not a table is refused at the top."""
        assert book_refusal(5) == ("", "expected a table (got 5)")  # type: ignore[arg-type]
        assert book_refusal(["x"]) == ("", "expected a table (got ['x'])")  # type: ignore[arg-type]

    def test_what_an_area_issue_makes_has_no_place_of_its_own(self) -> None:
        """A problem of an issue made from an area issue is the codebook's, not its title's."""
        long_area = {"key": "r1", "title": "x" * 1990}
        twice = {**TEMPLATE, "title": "Who holds {title} and {title}"}
        assert book_refusal({**HEAD, "areas": [long_area], "area_issues": [twice]}) == (
            "",
            "title is longer than 2,000 characters (got 3,995)",
        )
        long_key = {"key": "r" * 100, "title": "R"}
        keyed = {**TEMPLATE, "key": "hold/{area}/{area}"}
        where, problem = book_refusal({**HEAD, "areas": [long_key], "area_issues": [keyed]})
        assert where == ""
        assert problem.startswith(
            "key must be lower-case words joined by '-' and grouped by '/' (got 'hold/rrr"
        )

    def test_numeric_issue_fields_are_checked_in_place(self) -> None:
        """A numeric issue's fields are checked at their place."""
        bad = {"key": "m", "title": "M", "unit": "km", "minimum": "5"}
        assert book_refusal({**HEAD, "issues": [ISSUES[0], bad]}) == (
            "issues[1].minimum",
            "expected a whole number (got '5')",
        )
        assert book_refusal({**HEAD, "issues": [ISSUES[0], {**bad, "minimum": 1.5}]}) == (
            "issues[1].minimum",
            "expected a whole number (got 1.5)",
        )

    def test_outcomes_for_an_included_numeric_issue_are_other_outcomes(self) -> None:
        """Outcomes for an included numeric issue declare another issue, which is refused."""
        issue = {"key": "alignment/eu-accession-year", "title": "Y", "outcomes": ["soon"]}
        assert book_refusal({**WITH_RU, "issues": [issue]}) == (
            "issues[0]",
            "issue 'alignment/eu-accession-year' is included from another codebook with other "
            "outcomes; a codebook may give it a new title, description, labels or notes only",
        )


@kind("test-odd")
@attrs.frozen(kw_only=True)
class Odd(peacepos.Condition):
    """A test kind with field types a file cannot hold: nothing, or one of two types."""

    nothing: None = None
    either: int | str = 0
    ratio: float = 0.5

    def compile(self, codebook: Codebook) -> Any:
        yield Constraint.of(codebook["hostilities"], "full-ceasefire", "end-of-war")


ODD_BOOKS = Books(BUILTIN.codebook("russia-ukraine").with_kinds(Odd))


class TestUnusualFieldTypes:
    def odd(self, **fields: Any) -> dict[str, Any]:
        return {**PLAIN, "conditions": [{"kind": "test-odd", "evidence": EV, **fields}]}

    def test_a_field_typed_none_takes_only_null(self) -> None:
        """A field whose type is None is read from null and refuses anything else."""
        (c,) = read(self.odd(nothing=None), resolve=ODD_BOOKS).conditions
        assert isinstance(c, Odd)
        assert c.nothing is None
        assert read_refusal(self.odd(nothing=5), resolve=ODD_BOOKS) == (
            "conditions[0].nothing",
            "expected nothing (null) (got 5)",
        )

    def test_a_field_of_two_types_cannot_be_read(self) -> None:
        """A union of two types is refused as a type files cannot hold, naming the field."""
        where, problem = read_refusal(self.odd(either=1), resolve=ODD_BOOKS)
        assert where == "conditions[0].either"
        assert problem.startswith("unsupported field type ")
        assert "int" in problem
        assert "str" in problem

    def test_a_fractional_field_cannot_be_read(self) -> None:
        """Files hold no fractional numbers: a float field is refused as a type they cannot
        hold, not read as a table."""
        assert read_refusal(self.odd(ratio=0.7), resolve=ODD_BOOKS) == (
            "conditions[0].ratio",
            "unsupported field type <class 'float'>",
        )


class TestPlacesOfTheWholePosition:
    def test_a_rule_of_the_whole_position_has_no_place(self) -> None:
        """A problem found once the whole position is built is reported without a place
        (docs/file-format.md)."""
        attributed = {**CEASEFIRE, "actors": ["B"], "evidence": {"locator": "point 3"}}
        assert plain_refusal({**PLAIN, "conditions": [attributed]}) == (
            "",
            "a condition at 'point 3' is attributed to 'B', who is not among the actors (A)",
        )

    def test_a_clash_inside_a_variant_of_a_position_without_conditions(self) -> None:
        """A position may leave out its common conditions; a clash in a variant still names
        the variant."""
        data = {key: value for key, value in PLAIN.items() if key != "conditions"}
        variant = {
            "name": "v",
            "conditions": [
                cond("ceasefire", "p2", scope="full"),
                outcomes("p1", "hostilities", "continue"),
            ],
        }
        assert plain_refusal({**data, "variants": [variant]}) == (
            "variants[0]",
            "position 'p.v' contradicts itself on 'hostilities': accepts (issue: hostilities; "
            "outcomes: continue) (p, p1) leaves no outcome together with ceasefire (p, p2)",
        )

    def test_a_full_declaration_of_an_included_numeric_issue_gives_its_range(self) -> None:
        """Given with its unit, an included numeric issue is declared anew: without its range
        it is another issue, and refused."""
        issue = {"key": "alignment/eu-accession-year", "title": "Y", "unit": "(year)"}
        where, problem = book_refusal({**WITH_RU, "issues": [issue]})
        assert where == "issues[0]"
        assert problem.startswith(
            "issue 'alignment/eu-accession-year' is included from another codebook with other "
            "outcomes"
        )
        full = {**issue, "minimum": 2022, "maximum": 2100}
        assert book({**WITH_RU, "issues": [full]})["alignment/eu-accession-year"].title == "Y"


def test_an_issue_declared_twice_is_refused_at_its_second_declaration() -> None:
    again = {"key": "a", "title": "Issue A again", "outcomes": ["x", "z"]}
    where, problem = book_refusal({**HEAD, "issues": [*ISSUES, again]})
    assert where == f"issues[{len(ISSUES)}]"
    assert problem.endswith("issue 'a' is declared twice")


def test_an_included_issue_given_a_new_title_keeps_the_rest() -> None:
    """Description, labels, notes and groups come from the included issue unless given."""
    core = BUILTIN.codebook("russia-ukraine")
    finite = next(i for i in core.issues if isinstance(i, Issue) and i.labels and i.description)
    numeric = next(i for i in core.issues if isinstance(i, NumericIssue) and i.description)
    made = book(
        {
            **HEAD,
            "include": ["russia-ukraine"],
            "issues": [
                {"key": finite.key, "title": "Retitled"},
                {"key": numeric.key, "title": "Retitled number"},
            ],
        }
    )
    again = made[finite.key]
    assert isinstance(again, Issue)
    assert again.title == "Retitled"
    assert (again.description, again.labels, again.notes, again.groups, again.outcomes) == (
        finite.description,
        finite.labels,
        finite.notes,
        finite.groups,
        finite.outcomes,
    )
    number = made[numeric.key]
    assert isinstance(number, NumericIssue)
    assert number.title == "Retitled number"
    assert number.description == numeric.description
    given = book(
        {
            **HEAD,
            "include": ["russia-ukraine"],
            "issues": [{"key": finite.key, "title": "T", "description": "Ours."}],
        }
    )
    assert given[finite.key].description == "Ours."


def test_an_outcome_the_issue_lacks_is_refused_where_it_is_named() -> None:
    ev = {"locator": "x"}
    bad = {"kind": "outcomes", "issue": "talks", "outcomes": ["direct", "zz"], "evidence": ev}
    where, problem = plain_refusal({**PLAIN, "conditions": [bad]})
    assert where == "conditions[0].outcomes[1]"
    assert problem.startswith("'zz' is not an outcome of 'talks'; expected one of ")
    unknown = {**bad, "issue": "zz", "outcomes": ["a"]}
    assert plain_refusal({**PLAIN, "conditions": [unknown]})[0] == "conditions[0].issue"
