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

from peacepos.corpus import BUILTIN
from peacepos.errors import UnknownCodebookError
from peacepos.io.guards import Invalid
from peacepos.io.structure import codebook_from_dict
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
