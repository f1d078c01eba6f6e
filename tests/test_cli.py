"""The peacepos command: commands, formats, exit codes and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import peacepos
from peacepos.cli import main

HEADLINE = ["china-2023-02-24", "russia-2023-02-24"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "list")
    assert code == 0
    assert err == ""
    for pid in peacepos.corpus.ids():
        assert pid in out
    code, out, _ = run(capsys, "list", "--format", "json")
    data = json.loads(out)
    assert data["schema"] == "peacepos/positions"
    assert sorted(row["id"] for row in data["positions"]) == sorted(peacepos.corpus.ids())


def test_show_by_id_and_by_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "show", "china-2023-02-24")
    assert code == 0
    assert "ultimately reach a comprehensive ceasefire" in out
    path = tmp_path / "china.json"
    peacepos.write_position(peacepos.corpus.load("china-2023-02-24"), path)
    code, by_file, _ = run(capsys, "show", str(path))
    assert code == 0
    assert by_file == out


def test_compare_defaults_to_both_readings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "compare", *HEADLINE)
    assert code == 0
    assert err == ""
    out = " ".join(out.split())  # plain text wraps its prose
    assert "Strict reading (EXPLICIT only)" in out
    assert "Broad reading (with IMPLIED)" in out
    assert "CONFLICT" in out
    assert "Sources:" in out


def test_compare_reading_and_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", *HEADLINE, "--reading", "strict", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["reading"] == "strict"
    assert {f["relation"] for f in data["findings"]} >= {"only-right", "only-left", "same"}
    assert "conflict" not in {f["relation"] for f in data["findings"]}


def test_exit_code_flag(capsys: pytest.CaptureFixture[str]) -> None:
    # Ukraine's peace formula and Russia's terms conflict on territory (the texts themselves)
    apart = ["ukraine-2022-11-15", "russia-2023-02-24"]
    assert run(capsys, "compare", *apart, "--exit-code")[0] == 1
    assert run(capsys, "compare", *apart, "--exit-code", "--reading", "strict")[0] == 1
    assert run(capsys, "compare", *apart)[0] == 0
    # the headline pair: no conflict either text states (readers disagree on China's: that
    # is CONTESTED, not a conflict)
    assert run(capsys, "compare", *HEADLINE, "--exit-code")[0] == 0


def test_compare_many(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    third = tmp_path / "third.toml"
    third.write_text(
        'id = "third"\ntitle = "A third view"\nactors = ["Third"]\ndate = 2023-03-01\n'
        '[[conditions]]\nkind = "ceasefire"\nscope = "partial"\n'
        '[conditions.evidence]\ndocument = "third"\nlocator = "para 1"\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "compare", *HEADLINE, str(third))
    assert (code, err) == (0, "")
    assert "Common ground of" in out
    assert "Pairwise" in out
    assert "BLOCKING" in out


def test_over_time(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    later = tmp_path / "later.toml"
    later.write_text(
        'id = "china-later"\ntitle = "Later"\nactors = ["China"]\ndate = 2024-01-01\n'
        '[[conditions]]\nkind = "end-of-hostilities"\n'
        '[conditions.evidence]\ndocument = "x"\nlocator = "para 1"\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "compare", str(later), "china-2023-02-24", "--over-time")
    assert code == 0
    assert "hardened" in out
    assert "dropped" in out


def test_output_file_is_written(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "table.md"
    code, out, _ = run(capsys, "compare", *HEADLINE, "-f", "markdown", "-o", str(target))
    assert code == 0
    assert out == ""
    assert target.read_text(encoding="utf-8").startswith("### China vs Russia")
    assert list(tmp_path.iterdir()) == [target]


def test_convert_round_trip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    json_path, toml_path = tmp_path / "c.json", tmp_path / "c.toml"
    assert run(capsys, "convert", "china-2023-02-24", "-o", str(json_path))[0] == 0
    assert run(capsys, "convert", str(json_path), "--to", "toml", "-o", str(toml_path))[0] == 0
    original = peacepos.corpus.load("china-2023-02-24")
    assert peacepos.read_position(json_path) == original
    assert peacepos.read_position(toml_path) == original


def test_validate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    peacepos.write_position(peacepos.corpus.load("russia-2023-02-24"), good)
    code, out, err = run(capsys, "validate", str(good))
    assert (code, err) == (0, "")
    assert "ok" in out
    bad = tmp_path / "bad.toml"
    bad.write_text(good.read_text(encoding="utf-8").replace('"crimea"', '"krym"'), "utf-8")
    code, out, err = run(capsys, "validate", str(bad))
    assert code == 2
    assert err.count("\n") == 1
    assert str(bad) in err
    assert "conditions[" in err
    assert "regions" in err
    assert "krym" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["compare", "china-2023-02-24"],
        ["compare", *HEADLINE, "--reading", "sideways"],
        ["compare", "no-such-position", "china-2023-02-24"],
        ["frobnicate"],
        [],
    ],
)
def test_usage_errors_are_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_debug_shows_the_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(peacepos.PeaceposError):
        main(["show", "no-such-position", "--debug"])


def test_plugin_that_does_not_import(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "list", "--plugin", "no_such_module_xyz")
    assert code == 2
    assert "no_such_module_xyz" in err


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "peacepos", "compare", *HEADLINE, "-f", "csv"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("issue,title,reading")
    done = subprocess.run(
        [sys.executable, "-m", "peacepos", "show", "nowhere.toml"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == "peacepos: nowhere.toml: no such file"


def test_import_is_light() -> None:
    code = (
        "import sys, peacepos; bad = [m for m in ('hypothesis', 'IPython', 'pandas', "
        "'numpy', 'cattrs', 'tabulate', 'matplotlib') if m in sys.modules]; print(bad)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# -- the parser builds only the command it is given ------------------------------------------

PARSED = [
    ["compare", "a", "b"],
    ["compare", "a", "b", "--reading", "strict", "-f", "json", "-o", "x.json"],
    ["--debug", "compare", "a", "b", "c", "--exit-code"],
    ["--codebook", "compare", "compare", "a", "b"],  # a codebook file named "compare"
    ["--codebook=cb.toml", "deal", "a", "b", "--without", "a@1"],
    ["--plug", "mod", "show", "a", "--width", "60"],
    ["list", "--format", "markdown"],
    ["site", "out", "a", "b"],
    ["validate", "x.toml", "y.json"],
    ["codebook", "show", "core", "-f", "json"],
    ["codebook", "schema", "core", "-o", "s.json"],
    ["convert", "a", "--to", "toml"],
]


@pytest.mark.parametrize("argv", PARSED, ids=lambda a: " ".join(a))
def test_a_parser_for_one_command_parses_as_the_full_one(argv: list[str]) -> None:
    from peacepos import cli

    one, full = cli._parser(argv).parse_args(argv), cli._parser().parse_args(argv)
    assert vars(one) == vars(full)


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["compare", "a"], "compare"),
        (["--plugin", "deal", "compare"], "compare"),  # deal is --plugin's value
        (["--pl", "deal", "compare"], "compare"),  # an abbreviation of --plugin
        (["--plugin=deal", "compare"], "compare"),
        (["--debug", "deal"], "deal"),
        (["-h"], None),
        (["--help"], None),
        (["-h", "compare"], None),  # help first: the full listing
        (["--he", "compare"], None),
        (["--debug", "-dh", "compare"], None),
        (["--", "compare"], None),
        (["comp", "a", "b"], None),  # not a command: the full parser says what is wrong
        ([], None),
    ],
)
def test_the_command_named_is_found_as_argparse_finds_it(
    argv: list[str], named: str | None
) -> None:
    from peacepos import cli

    assert cli._command_named(argv) == named


def test_a_mistyped_command_is_reported_with_every_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "comapre", "a", "b")
    assert code == 2
    assert "invalid choice: 'comapre'" in err
    assert "'compare'" in err
    assert "'convert'" in err


@pytest.mark.parametrize("argv", [["--help"], ["-h", "compare"], ["--debug", "--help", "deal"]])
def test_help_lists_every_command(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    from peacepos import cli

    with pytest.raises(SystemExit):
        main(argv)
    out = capsys.readouterr().out
    assert all(name in out for name in cli._COMMANDS)


@pytest.mark.parametrize("columns", [None, "", "0", "-3", "wide", "57", "200"])
def test_help_is_as_wide_as_argparse_makes_it(
    monkeypatch: pytest.MonkeyPatch, columns: str | None
) -> None:
    import argparse

    from peacepos import cli

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert cli._Formatter("peacepos")._width == argparse.HelpFormatter("peacepos")._width
    assert cli._parser()._get_formatter()._width == argparse.HelpFormatter("peacepos")._width
