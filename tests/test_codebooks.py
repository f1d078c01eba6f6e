"""Codebooks: the vocabulary as data. Built-in codebooks, codebook files with precise errors, a
fictional peace process written only as files and compared through the CLI and the API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import peacepos
from peacepos import Codebook, Issue, NumericIssue
from peacepos.cli import main
from peacepos.errors import CodebookError, CodebookFileError, CodebookMismatchError
from peacepos.io import dumps_codebook, loads_codebook
from peacepos.report import FORMATS
from peacepos.vocabulary import Area, Implication, IssueTemplate, KindSpec, Rule

DATA = Path(__file__).parent / "data" / "river-valley"
CODEBOOK = DATA / "river-valley.toml"
ASTER = DATA / "aster-2031-03-01.toml"
BOREAL = DATA / "boreal-2031-03-15.toml"
CORE = peacepos.codebook("core")
RU = peacepos.codebook("russia-ukraine")


@pytest.fixture(scope="module")
def valley() -> peacepos.Library:
    lib = peacepos.Library()
    return lib.with_codebooks(lib.read_codebook(CODEBOOK))


class TestBuiltIn:
    def test_list(self) -> None:
        assert {"core", "russia-ukraine"} <= set(peacepos.corpus.codebooks())

    def test_russia_ukraine_includes_core_and_keeps_the_catalogue_order(self) -> None:
        assert RU.lineage() == ("russia-ukraine", "core")
        # the codebook's order list puts each included issue before its own refinements
        assert RU.keys()[:5] == (
            "hostilities",
            "hostilities/ceasefire-days",
            "hostilities/monitoring",
            "talks",
            "talks/participation",
        )
        assert set(CORE.keys()) <= set(RU.keys())
        # a title of its own for an included issue, never other outcomes
        assert RU["arms-deliveries"].title == "Arms deliveries to Ukraine"
        assert CORE["arms-deliveries"].title == "Arms deliveries to the warring parties"
        assert RU["arms-deliveries"].outcomes == CORE["arms-deliveries"].outcomes  # type: ignore[union-attr]

    def test_every_built_in_codebook_round_trips(self) -> None:
        for name in peacepos.corpus.codebooks():
            book = peacepos.codebook(name)
            for fmt in ("toml", "json"):
                text = dumps_codebook(book, fmt)
                assert loads_codebook(text, fmt, resolve=peacepos.corpus.BUILTIN) == book

    def test_unknown_names_suggest_near_ones(self) -> None:
        with pytest.raises(LookupError, match="did you mean 'russia-ukraine'"):
            peacepos.codebook("russia-ukrain")
        with pytest.raises(KeyError, match="did you mean 'hostilities'"):
            RU["hostilites"]


class TestModel:
    def test_an_included_issue_cannot_change_its_outcomes(self) -> None:
        other = Issue(key="hostilities", title="H", outcomes=("war", "peace"))
        with pytest.raises(CodebookError, match="'hostilities' is included from another"):
            Codebook(name="x", title="X", includes=[CORE], issues=[other])

    def test_areas_with_parts_get_issues_for_their_parts(self) -> None:
        north = Area(
            key="north",
            title="North",
            parts=[
                Area(key="north-east", title="North-east"),
                Area(key="north-west", title="North-west"),
            ],
        )
        book = Codebook(
            name="x",
            title="X",
            areas=[north],
            area_issues=[
                IssueTemplate(key="land/{area}", title="Land: {title}", outcomes=["a", "b"])
            ],
        )
        assert book.keys() == ("land/north-east", "land/north-west")
        assert [a.key for a in book.area("north").leaves()] == ["north-east", "north-west"]

    def test_kinds_and_implications_are_checked_against_the_issues(self) -> None:
        issue = Issue(key="a", title="A", outcomes=["x", "y"])
        with pytest.raises(CodebookError, match="narrows unknown issue 'b'"):
            Codebook(
                name="x",
                title="X",
                issues=[issue],
                kinds=[KindSpec(name="k", narrows={"b": ["x"]})],
            )
        with pytest.raises(CodebookError, match="'z' is not an outcome of 'a'"):
            Codebook(
                name="x",
                title="X",
                issues=[issue],
                kinds=[KindSpec(name="k", narrows={"a": ["z"]})],
            )
        rule = Implication(when=Rule(issue="a", outcomes=["x"]), then=Rule(issue="n", at_most=5))
        with pytest.raises(
            CodebookError, match=r"implications\[0\]\.then names unknown issue 'n'"
        ):
            Codebook(name="x", title="X", issues=[issue], implications=[rule])
        numeric = NumericIssue(key="n", title="N", unit="km")
        Codebook(name="x", title="X", issues=[issue, numeric], implications=[rule])


class TestFiles:
    def test_the_fictional_codebook_reads(self, valley: peacepos.Library) -> None:
        book = valley.codebook("river-valley")
        assert book.lineage() == ("river-valley", "core")
        assert book.keys()[:4] == (
            "hostilities",
            "talks",
            "valley/upper-vell",
            "valley/lower-vell",
        )
        assert isinstance(book["water/share"], NumericIssue)
        assert book.area("upper-vell").held_by == "boreal"

    @pytest.mark.parametrize(
        ("change", "where", "problem"),
        [
            (('name = "river-valley"', 'name = "River Valley"'), "name", "lower-case words"),
            (('include = ["core"]', 'include = ["cor"]'), r"include\[0\]", "did you mean 'core'"),
            (
                (
                    'narrows = { "water/commission" = ["agreed"] }',
                    'narrows = { "water/commision" = ["agreed"] }',
                ),
                r"kinds\[3\]",
                "narrows unknown issue 'water/commision'",
            ),
            (
                (
                    'then = { issue = "water/share", at_most = 60 }',
                    'then = { issue = "water/share", outcomes = ["60"] }',
                ),
                r"implications\[0\]",
                "numeric: give at_least",
            ),
            (('held_by = "boreal"', "held_by = 7"), r"areas\[0\]\.held_by", "expected text"),
            (
                ('[[kinds]]\nname = "hold"', '[[kinds]]\nname = "hold"\ncolour = "red"'),
                r"kinds\[0\]\.colour",
                "unknown field 'colour'",
            ),
        ],
    )
    def test_errors_name_the_file_and_the_place(
        self, tmp_path: Path, change: tuple[str, str], where: str, problem: str
    ) -> None:
        text = CODEBOOK.read_text(encoding="utf-8")
        assert change[0] in text
        bad = tmp_path / "bad.toml"
        bad.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
        with pytest.raises(CodebookFileError, match=rf"bad\.toml @ {where}: .*{problem}"):
            peacepos.read_codebook(bad)

    def test_include_cycles_are_refused(self) -> None:
        lib = peacepos.Library()
        text = 'name = "loop"\ntitle = "L"\ninclude = ["loop"]\n'
        with pytest.raises(CodebookFileError, match="codebooks include each other: loop → loop"):
            loads_codebook(text, resolve=lib)

    def test_a_written_codebook_reads_back_equal(
        self, valley: peacepos.Library, tmp_path: Path
    ) -> None:
        book = valley.codebook("river-valley")
        for fmt in ("toml", "json"):
            out = tmp_path / f"copy.{fmt}"
            peacepos.library.write_codebook(book, out)
            assert peacepos.Library().read_codebook(out) == book

    def test_the_shipped_json_schemas_are_current(self) -> None:
        from peacepos.io.schema import codebook_schema, position_schema

        folder = Path(peacepos.__file__).parent / "schemas"
        expected = {"codebook.schema.json": codebook_schema()}
        for name in peacepos.corpus.codebooks():
            expected[f"{name}.position.schema.json"] = position_schema(peacepos.codebook(name))
        for name, schema in expected.items():
            shipped = json.loads((folder / name).read_text(encoding="utf-8"))
            assert shipped == schema, (
                f"regenerate peacepos/schemas/{name}: python -m peacepos.corpus"
            )

    def test_the_schemas_accept_the_files_they_describe(self, valley: peacepos.Library) -> None:
        jsonschema = pytest.importorskip("jsonschema")
        import tomllib

        from peacepos.io.schema import codebook_schema, position_schema

        jsonschema.validate(tomllib.loads(CODEBOOK.read_text(encoding="utf-8")), codebook_schema())
        schema = position_schema(valley.codebook("river-valley"))
        for path in (ASTER, BOREAL):
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            data["date"] = data["date"].isoformat()
            jsonschema.validate(data, schema)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**data, "conditions": [{"kind": "hold", "by": "nobody"}]}, schema)


class TestComparing:
    def test_the_api_compares_the_fictional_positions(self, valley: peacepos.Library) -> None:
        aster, boreal = valley.read_position(ASTER), valley.read_position(BOREAL)
        result = peacepos.compare(aster, boreal)
        assert result.finding("valley/upper-vell").relation is peacepos.Relation.CONFLICT
        assert str(result.finding("valley/lower-vell").common_ground) == "Aster"
        water = result.finding("water/share")
        assert water.relation is peacepos.Relation.CONFLICT
        assert water.explanation.endswith("a gap of 5 %.")
        assert result.finding("return", "broad").relation is peacepos.Relation.NARROWER

    def test_positions_of_different_processes_cannot_be_compared(
        self, valley: peacepos.Library
    ) -> None:
        aster = valley.read_position(ASTER)
        other = Codebook(
            name="other",
            title="O",
            includes=[CORE],
            issues=[Issue(key="water/share", title="W", outcomes=["x", "y"])],
            kinds=[KindSpec(name="w", narrows={"water/share": ["x"]})],
        )
        ev = peacepos.Evidence(document="d", locator="l")
        mine = peacepos.Position(
            id="o",
            title="O",
            actors=["O"],
            date="2031-01-01",
            codebook=other,
            conditions=[peacepos.kinds.condition(other, "w", evidence=ev)],
        )
        # two codebooks that both include core, neither the other: two different processes
        with pytest.raises(CodebookMismatchError, match="describe different processes"):
            peacepos.compare(aster, mine)
        china = peacepos.corpus.load("china-2023-02-24")
        with pytest.raises(CodebookMismatchError, match="describe different processes"):
            peacepos.compare(aster, china)

    @pytest.mark.parametrize("format", [f for f in FORMATS if f != "html-fragment"])
    def test_the_cli_compares_them_in_every_format(
        self, format: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code = main(
            ["compare", str(ASTER), str(BOREAL), "--codebook", str(CODEBOOK), "-f", format]
        )
        out, err = capsys.readouterr()
        assert (code, err) == (0, "")
        # plain text wraps cells in their column: the two words may sit on two lines
        assert "Upper Vell" in out or (format == "plain" and "Upper" in out and "Vell" in out)
        if format == "json":
            data = json.loads(out)
            assert {f["issue"] for f in data["findings"]} >= {"valley/upper-vell", "water/share"}

    def test_global_options_work_before_or_after_the_subcommand(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        before = main(["--codebook", str(CODEBOOK), "compare", str(ASTER), str(BOREAL)])
        first = capsys.readouterr().out
        after = main(["compare", str(ASTER), str(BOREAL), "--codebook", str(CODEBOOK)])
        assert (before, after) == (0, 0)
        assert capsys.readouterr().out == first

    def test_without_the_codebook_the_cli_says_which_is_missing(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["compare", str(ASTER), str(BOREAL)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert "aster-2031-03-01.toml @ codebook: no built-in codebook 'river-valley'" in err

    def test_codebook_commands(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["codebook", "list"]) == 0
        out = capsys.readouterr().out
        assert "russia-ukraine" in out
        assert "core" in out
        assert main(["codebook", "show", "core"]) == 0
        assert "end-of-hostilities" in capsys.readouterr().out
        assert main(["codebook", "validate", str(CODEBOOK)]) == 0
        assert capsys.readouterr().out.startswith(f"{CODEBOOK}: ok (river-valley,")
        assert main(["codebook", "show", str(CODEBOOK), "-f", "json"]) == 0
        assert json.loads(capsys.readouterr().out)["codebook"]["name"] == "river-valley"
        assert main(["codebook", "schema", "core"]) == 0
        assert json.loads(capsys.readouterr().out)["properties"]["codebook"]["const"] == "core"


def test_positions_of_different_processes_are_not_compared() -> None:
    china = peacepos.corpus.load("china-2023-02-24")
    hamas = peacepos.corpus.load("hamas-2024-06-11")
    for attempt in (
        lambda: peacepos.compare(china, hamas),
        lambda: peacepos.compare_many(china, hamas),
        lambda: peacepos.deals(china, hamas),
    ):
        with pytest.raises(CodebookMismatchError, match="describe different processes"):
            attempt()


def test_a_codebook_that_includes_another_compares_with_its_positions() -> None:
    core = peacepos.codebook("core")
    ev = peacepos.Evidence(document="d", locator="1")
    plain = peacepos.Position(
        id="plain", title="P", actors=["A"], date="2030-01-01", codebook=core,
        conditions=[peacepos.kinds.condition(core, "end-of-hostilities", evidence=ev)],
    )  # fmt: skip
    ru = peacepos.corpus.load("russia-2023-02-24")
    result = peacepos.compare(plain, ru)
    assert result.codebook.name == "russia-ukraine"  # the wider of the two
    assert result.finding("hostilities").relation is peacepos.Relation.SAME
