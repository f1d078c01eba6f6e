"""The command line's conventions: terminal width, standard input and output, formats from
suffixes, every problem of a file, one JSON wrapper, lower-case CSV booleans, one id per
position."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import peacepos
from peacepos.cli import main

HEADLINE = ["china-2023-02-24", "russia-2023-02-24"]


@pytest.fixture(autouse=True)
def _no_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def cli(
    *argv: str, stdin: str = "", columns: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    if columns is not None:
        env["COLUMNS"] = columns
    return subprocess.run(
        [sys.executable, "-m", "peacepos", *argv],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


# -- width --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["compare", *HEADLINE],
        ["compare", *HEADLINE, "ukraine-2022-11-15", "africa-2023-06-17"],
        ["show", "us-2025-11-20"],
        ["deal", *HEADLINE],
        ["list"],
        ["codebook", "show", "israel-hamas"],
    ],
)
@pytest.mark.parametrize("columns", ["80", "60"])
def test_plain_output_fits_columns(argv: list[str], columns: str) -> None:
    done = cli(*argv, columns=columns)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert max(map(len, lines)) <= int(columns)


def test_width_default_and_option(capsys: pytest.CaptureFixture[str]) -> None:
    _, default, _ = run(capsys, "compare", *HEADLINE)
    assert max(map(len, default.splitlines())) <= 100
    _, wide, _ = run(capsys, "compare", *HEADLINE, "--width", "140")
    assert max(map(len, wide.splitlines())) > 100  # the tables use the room
    assert max(map(len, wide.splitlines())) <= 140
    # a file never depends on the terminal
    assert wide != default


def test_width_is_refused_where_it_means_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "compare", *HEADLINE, "-f", "markdown", "--width", "80")
    assert code == 2
    assert "--width applies to the plain format" in err
    code, _, err = run(capsys, "compare", *HEADLINE, "--width", "10")
    assert code == 2
    assert "at least 40" in err


def test_narrow_tables_wrap_cells_not_lines() -> None:
    c = peacepos.compare(*map(peacepos.corpus.load, HEADLINE))
    wide = c.render("plain", width=200)
    narrow = c.render("plain", width=80)

    # every character of the wide table is still there when narrow (rules aside)
    def letters(text: str) -> list[str]:
        return sorted(ch for ch in text if not ch.isspace() and ch not in "-=")

    assert letters(wide) == letters(narrow)


def test_very_narrow_tables_become_blocks() -> None:
    c = peacepos.compare(*map(peacepos.corpus.load, HEADLINE))
    text = c.render("plain", width=40)
    assert max(map(len, text.splitlines())) <= 40
    assert "  Verdict: broader" in text  # one block per row: "column: value"


def test_render_width_checks_its_type() -> None:
    c = peacepos.compare(*map(peacepos.corpus.load, HEADLINE))
    with pytest.raises(TypeError, match="width must be an int"):
        c.render("plain", width="80")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="plain format only"):
        c.render("markdown", width=80)


# -- standard input and output ------------------------------------------------------------


def test_dash_reads_a_position_from_standard_input() -> None:
    toml = cli("convert", "china-2023-02-24", "--to", "toml").stdout
    json_text = cli("convert", "china-2023-02-24", "--to", "json").stdout
    by_id = cli("compare", *HEADLINE).stdout
    for text in (toml, json_text):
        done = cli("compare", "-", "russia-2023-02-24", stdin=text)
        assert done.returncode == 0, done.stderr
        assert done.stdout == by_id


def test_dash_once_only(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "compare", "-", "-")
    assert code == 2
    assert "standard input (-) can be read once" in err


def test_dash_output_is_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    _, plain, _ = run(capsys, "compare", *HEADLINE)
    code, out, _ = run(capsys, "compare", *HEADLINE, "-o", "-")
    assert code == 0
    assert out == plain


def test_empty_output_name_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "compare", *HEADLINE, "-o", "")
    assert (code, out) == (2, "")
    assert "--output needs a file name" in err


# -- formats from suffixes ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "start"),
    [
        (".md", "### China vs Russia"),
        (".html", "<!DOCTYPE html>"),
        (".tex", "%"),
        (".csv", "issue,title"),
        (".json", "{"),
        (".txt", "China vs Russia"),
        (".out", "China vs Russia"),
    ],
)
def test_output_suffix_picks_the_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str, start: str
) -> None:
    target = tmp_path / f"report{suffix}"
    code, out, _ = run(capsys, "compare", *HEADLINE, "-o", str(target))
    assert (code, out) == (0, "")
    assert target.read_text(encoding="utf-8").startswith(start)


def test_output_suffix_and_format_must_agree(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "report.json"
    code, _, err = run(capsys, "compare", *HEADLINE, "-f", "markdown", "-o", str(target))
    assert code == 2
    assert "does not agree" in err
    assert not target.exists()
    # an HTML fragment may go to a .html file
    code, _, _ = run(
        capsys, "compare", *HEADLINE, "-f", "html-fragment", "-o", str(tmp_path / "f.html")
    )
    assert code == 0
    assert (tmp_path / "f.html").read_text(encoding="utf-8").startswith('<div class="peacepos">')


def test_convert_suffix_and_target_must_agree(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "y.json"
    code, _, err = run(capsys, "convert", "china-2023-02-24", "--to", "toml", "-o", str(target))
    assert code == 2
    assert "make them agree" in err
    assert not target.exists()
    code, _, _ = run(capsys, "convert", "china-2023-02-24", "-o", str(tmp_path / "c.toml"))
    assert code == 0
    assert (tmp_path / "c.toml").read_text(encoding="utf-8").startswith("id = ")
    code, _, err = run(capsys, "convert", "china-2023-02-24", "-o", str(tmp_path / "c.md"))
    assert code == 2
    assert "expected a .toml or .json file" in err


def test_html_fragment_is_a_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", *HEADLINE, "-f", "html-fragment")
    assert code == 0
    assert out.startswith('<div class="peacepos">')
    assert "<html" not in out


# -- every problem of a file --------------------------------------------------------------

BROKEN = """\
id = "mine"
titel = "My position"
actors = ["A"]
date = 2024-01-01
codebook = "russia-ukraine"

[[conditions]]
kind = "ceasfire"
[conditions.evidence]
locator = "para. 1"

[[conditions]]
kind = "ceasefire"
scpoe = "full"
[conditions.evidence]
locator = "para. 2"

[[conditions]]
kind = "ceasefire"
scope = "full"
[conditions.evidence]
locator = "para. 3"
"""


def test_validate_reports_every_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN, encoding="utf-8")
    code, out, err = run(capsys, "validate", str(path))
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert [line.split(" @ ")[1].split(":")[0] for line in lines] == [
        "titel",
        "title",
        "conditions[0].kind",
        "conditions[1].scpoe",
    ]
    assert "did you mean 'title'?" in lines[0]
    assert "did you mean 'ceasefire'" in lines[2]
    assert "did you mean 'scope'?" in lines[3]
    # reading stops at the first, with the same words
    with pytest.raises(peacepos.PositionFileError) as info:
        peacepos.read_position(path)
    assert f"peacepos: {info.value}" == lines[0]


def test_validate_reads_standard_input() -> None:
    done = cli("validate", "-", stdin=BROKEN)
    assert done.returncode == 2
    assert done.stderr.count("peacepos: <stdin> @ ") == 4
    good = cli("convert", "china-2023-02-24", "--to", "toml").stdout
    done = cli("validate", "-", stdin=good)
    assert done.returncode == 0
    assert done.stdout.startswith("<stdin>: ok (china-2023-02-24, ")


def test_validate_says_one_condition(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "one.toml"
    path.write_text(
        BROKEN.split("[[conditions]]")[0].replace("titel", "title")
        + "[[conditions]]"
        + BROKEN.split("[[conditions]]")[3],
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 0
    assert out.strip().endswith("(mine, 1 condition)")


def test_the_problems_api_is_empty_for_good_files(tmp_path: Path) -> None:
    path = tmp_path / "china.toml"
    peacepos.write_position(peacepos.corpus.load("china-2023-02-24"), path)
    assert peacepos.Library().position_problems(path) == []
    assert [str(e) for e in peacepos.Library().position_problems(tmp_path / "none.toml")] == [
        f"{tmp_path / 'none.toml'}: no such file"
    ]


# -- one id, one position -----------------------------------------------------------------


def _renamed(tmp_path: Path, name: str, title: str, id: str = "china-2023-02-24") -> Path:
    p = peacepos.corpus.load("china-2023-02-24")
    text = peacepos.dumps_position(p, "toml").replace(p.title, title, 1)
    text = text.replace('id = "china-2023-02-24"', f'id = "{id}"', 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_may_not_pass_for_a_built_in_position(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    edited = _renamed(tmp_path, "edited.toml", "An edited copy")
    code, _, err = run(capsys, "compare", str(edited), "russia-2023-02-24")
    assert code == 2
    assert "is a built-in position's id" in err
    assert str(edited) in err
    # an unedited copy is the same position: fine
    copy = tmp_path / "copy.toml"
    peacepos.write_position(peacepos.corpus.load("china-2023-02-24"), copy)
    code, _, _ = run(capsys, "compare", str(copy), "russia-2023-02-24")
    assert code == 0
    # validate warns, whatever the order of the files
    for order in ([str(edited), str(copy)], [str(copy), str(edited)]):
        code, _, err = run(capsys, "validate", *order)
        assert "warning" in err
        assert str(edited) in err


def test_two_files_with_one_id_are_refused_in_either_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    a = _renamed(tmp_path, "a.toml", "Text A", id="mine")
    b = _renamed(tmp_path, "b.toml", "Text B", id="mine")
    for first, second in ((a, b), (b, a)):
        code, _, err = run(capsys, "compare", str(first), str(second), "russia-2023-02-24")
        assert code == 2
        assert "two different positions with the id 'mine'" in err
        assert str(first) in err
        assert str(second) in err


# -- one JSON wrapper, lower-case CSV booleans ---------------------------------------------


@pytest.mark.parametrize(
    ("argv", "schema"),
    [
        (["list"], "peacepos/positions"),
        (["show", "china-2023-02-24"], "peacepos/position"),
        (["compare", *HEADLINE], "peacepos/comparison"),
        (["compare", *HEADLINE, "ukraine-2022-11-15"], "peacepos/multi-comparison"),
        (
            ["compare", "--over-time", "ukraine-2022-03-29", "ukraine-2022-11-15"],
            "peacepos/changes",
        ),
        (["deal", *HEADLINE], "peacepos/deal"),
        (["codebook", "list"], "peacepos/codebooks"),
        (["codebook", "show", "core"], "peacepos/codebook"),
    ],
)
def test_every_json_output_has_the_wrapper(
    capsys: pytest.CaptureFixture[str], argv: list[str], schema: str
) -> None:
    code, out, err = run(capsys, *argv, "-f", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["schema"] == schema
    assert data["version"] == peacepos.report.JSON_SCHEMA_VERSION


def test_csv_booleans_are_lower_case(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", *HEADLINE, "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    flags = {row["reading_dependent"] for row in rows}
    assert flags == {"true", "false"}


# -- global options, plugins ----------------------------------------------------------------


def test_global_options_before_or_after_the_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "my_plugin.py").write_text(
        "from peacepos import Codebook, Issue\n"
        "CODEBOOKS = [Codebook(name='mine', title='Mine', issues=[Issue(key='x', title='X', "
        "outcomes=['a', 'b'])])]\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)  # plugins import from the current directory
    code_before, before, err = run(capsys, "--plugin", "my_plugin", "codebook", "list")
    assert code_before == 0, err
    code_after, after, _ = run(capsys, "codebook", "list", "--plugin", "my_plugin")
    assert (code_after, after) == (0, before)
    assert "mine" in before


def test_an_unknown_kind_names_near_ones_and_the_way_to_add_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN.replace("titel", "title"), encoding="utf-8")
    _, _, err = run(capsys, "validate", str(path))
    assert "did you mean 'ceasefire'" in err
    assert "peacepos codebook show russia-ukraine" in err
    assert "--plugin" in err
