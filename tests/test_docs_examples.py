"""The documentation's examples and reference tables against the code.

The ``>>>`` examples in docs/*.md run as doctests. This module covers what doctest cannot:
the ``console`` examples (run through :func:`peacepos.cli.main`), the example position file,
the files of the codebook tutorial (docs/codebooks.md), the reference tables in
docs/file-format.md, docs/codebooks.md and docs/reports.md, which must list exactly the fields,
kinds and JSON keys the code has, and the map of modules in docs/architecture.md.
"""

from __future__ import annotations

import argparse
import enum
import io
import re
import shlex
import shutil
import typing
from pathlib import Path

import attrs
import pytest

import peacepos
from peacepos import cli
from peacepos.io.schema import codebook_schema
from peacepos.kinds import BUILTIN
from peacepos.position import Amendment, Coverage, Endorsement, Variant
from peacepos.report import JSON_SCHEMA_VERSION
from peacepos.report.records import to_json_data
from peacepos.vocabulary import Codebook, KindSpec

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EXAMPLE = ROOT / "examples" / "my_position.toml"
VALLEY = Path("tests") / "data" / "river-valley"  # the codebook tutorial's files
DOC_FILES = (
    "quickstart.md",
    "concepts.md",
    "file-format.md",
    "codebooks.md",
    "cli.md",
    "reports.md",
    "deals.md",
    "corpus.md",
)
# Where a page's console examples start (relative to the repository's root).
START = {"codebooks.md": VALLEY}

# A file with one mistake, for the error examples in docs/cli.md.
BROKEN = """id = "broken"
title = "A broken position"
actors = ["A"]
date = 2023-02-24

[[conditions]]
kind = "territorial-integrity"
regions = "crimea"
[conditions.evidence]
locator = "point 1"
"""

# A file with two mistakes: `peacepos validate` reports every problem (docs/cli.md).
TWO_MISTAKES = """id = "two-mistakes"
title = "A position with two mistakes"
actors = ["A"]
date = 2023-02-24
author = "me"

[[conditions]]
kind = "ceasefire"
scope = "total"
[conditions.evidence]
locator = "point 1"
"""

# A codebook file with one mistake, for the error examples in docs/cli.md.
BROKEN_CODEBOOK = """name = "broken"
title = "A broken codebook"
include = ["core"]

[[kinds]]
name = "truce"
narrows = { "hostilites" = ["full-ceasefire"] }
"""


def _read(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def _blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.M | re.S)


def _section(text: str, heading: str) -> str:
    """The text from ``heading`` (a whole heading line) to the next heading of its level."""
    match = re.search(rf"^{re.escape(heading)}\n", text, flags=re.M)
    assert match, f"heading {heading!r} not found"
    level = heading.split(" ")[0]
    rest = text[match.end() :]
    end = re.search(rf"^#{{1,{len(level)}}} ", rest, flags=re.M)
    return rest[: end.start()] if end else rest


def _table_keys(text: str) -> list[str]:
    """The backticked names in the first column of the first Markdown table in ``text``."""
    keys: list[str] = []
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        first = re.split(r"(?<!\\)\|", line)[1]
        if first.strip().startswith("*"):  # "*the kind's fields*": not a key
            continue
        keys += re.findall(r"`([^`]+)`", first)
    return keys


# -- the example position file -------------------------------------------------------------


def test_example_position_file_validates() -> None:
    position = peacepos.read_position(EXAMPLE)
    assert position.id == "example-ukraine-peace-formula"
    assert position.id not in peacepos.corpus.ids()  # a user's copy never shadows a built-in
    assert position.conditions, "the example shows conditions"
    assert all(c.evidence.locator.strip() for c in position.conditions)
    assert position.coverage, "the example shows coverage"


def test_example_position_file_round_trips() -> None:
    position = peacepos.read_position(EXAMPLE)
    for fmt in ("toml", "json"):
        text = peacepos.dumps_position(position, fmt)
        assert peacepos.loads_position(text, fmt) == position


def test_example_position_file_compares_with_the_corpus() -> None:
    mine = peacepos.read_position(EXAMPLE)
    russia = peacepos.corpus.load("russia-2023-02-24")
    result = peacepos.compare(mine, russia)
    crimea = result.finding("territory/crimea/recognition")
    assert crimea.relation is peacepos.Relation.CONFLICT
    assert result.finding("territory/crimea/control").relation is peacepos.Relation.ONLY_LEFT
    assert result.finding("humanitarian/prisoners").relation is peacepos.Relation.ONLY_LEFT


def test_file_format_shows_the_example_file_verbatim() -> None:
    shown = [block.rstrip("\n") for block in _blocks(_read("file-format.md"), "toml")]
    assert EXAMPLE.read_text(encoding="utf-8").rstrip("\n") in shown


# -- docs/file-format.md reference tables --------------------------------------------------


def _init_fields(cls: type) -> list[str]:
    return [a.alias for a in attrs.fields(cls) if a.init]


@pytest.mark.parametrize(
    ("heading", "cls"),
    [
        ("### Top level", peacepos.Position),
        ("### Evidence", peacepos.Evidence),
        ("### Coverage", Coverage),
        ("### Endorsements", Endorsement),
        ("### Variants", Variant),
        ("### Amendments", Amendment),
    ],
)
def test_file_format_field_tables_list_every_field(heading: str, cls: type) -> None:
    documented = _table_keys(_section(_read("file-format.md"), heading))
    assert documented == _init_fields(cls)


def test_file_format_condition_table_lists_the_common_keys() -> None:
    documented = _table_keys(_section(_read("file-format.md"), "### Conditions"))
    own = _init_fields(peacepos.Condition)
    assert sorted(documented) == sorted(["kind", *own])


def _rows(heading: str, columns: int) -> dict[str, list[str]]:
    """kind → its other cells, from the table of kinds under ``heading`` in file-format.md."""
    rows: dict[str, list[str]] = {}
    for line in _section(_read("file-format.md"), heading).splitlines():
        match = re.match(r"^\| `([a-z0-9-]+)` \|", line)
        if not match:
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[2:-1]]
        assert len(cells) == columns - 1, f"{heading}: {line!r}"
        assert match.group(1) not in rows, f"{match.group(1)} listed twice under {heading}"
        rows[match.group(1)] = cells
    return rows


def _params(cell: str) -> dict[str, str]:
    """``name: description`` pairs of a parameters cell (``—`` for none)."""
    documented: dict[str, str] = {}
    for part in [] if cell == "—" else cell.split("<br>"):
        field = re.match(r"`(\w+)`: (.*)", part.strip())
        assert field, f"cannot read {part!r}"
        documented[field.group(1)] = field.group(2)
    return documented


def test_file_format_documents_every_typed_kind_with_its_fields_and_defaults() -> None:
    rows = _rows("### Typed kinds", 5)
    assert sorted(rows) == sorted(BUILTIN)
    for kind, cls in BUILTIN.items():
        name, cell = rows[kind][0], rows[kind][1]
        assert name == f"`{cls.__name__}`", kind
        hints = typing.get_type_hints(cls)
        # evidence, stage, only_if and actors are every condition's keys (the table above)
        common = {a.name for a in attrs.fields(peacepos.Condition)}
        expected = {a.alias: a for a in attrs.fields(cls) if a.init and a.name not in common}
        documented = _params(cell)
        assert list(documented) == list(expected), kind
        for alias, a in expected.items():
            text = documented[alias]
            if a.default is attrs.NOTHING:
                assert text.endswith("required"), (kind, alias, text)
                continue
            assert not text.endswith("required"), (kind, alias, text)
            default = a.default
            if isinstance(default, enum.Enum):
                assert f'default `"{default.value}"`' in text, (kind, alias, text)
            elif isinstance(default, bool):
                assert f"default `{str(default).lower()}`" in text, (kind, alias, text)
            tp = hints[a.name]
            members = [t for t in typing.get_args(tp) or (tp,) if isinstance(t, type)]
            for member in members:
                if issubclass(member, enum.Enum):
                    for value in member:
                        assert f'`"{value.value}"`' in text, (kind, alias, value)


def _declaring(book: Codebook, name: str) -> str:
    """The codebook whose table documents kind ``name`` of ``book``: ``book`` if it declares
    the kind itself, else the included codebook it comes from unchanged."""
    if any(k.name == name for k in book.kinds):
        return book.name
    for included in book.includes:
        if included.has_kind(name) and included.kind(name) == book.kind(name):
            return _declaring(included, name)
    raise AssertionError(f"kind {name!r} of {book.name!r} comes from nowhere")  # pragma: no cover


def _check_declared(kind: str, spec: KindSpec, cell: str) -> None:
    documented = _params(cell)
    assert list(documented) == list(spec.params), kind
    choices = dict(spec.choices)
    for param, text in documented.items():
        if param in choices:
            default = spec.default(param)
            if spec.flag(param):
                assert text.startswith("true/false"), (kind, param, text)
                wanted = f"default `{default}`" if default else "required"
            else:
                for value in spec.values(param):
                    assert f'`"{value}"`' in text, (kind, param, value)
                wanted = f'default `"{default}"`' if default else "required"
            assert text.endswith(wanted), (kind, param, text, wanted)
        elif param == spec.areas:
            assert text == "list of area keys, required", (kind, param, text)
        else:
            assert text == "whole number, optional", (kind, param, text)


@pytest.mark.parametrize("name", peacepos.corpus.codebooks())
def test_file_format_documents_every_kind_of_every_built_in_codebook(name: str) -> None:
    book = peacepos.codebook(name)
    for kind in peacepos.kinds.names(book):
        found = peacepos.kinds.kind_of(book, kind)
        if not isinstance(found, KindSpec):
            assert kind in _rows("### Typed kinds", 5), f"{name}: {kind} is not documented"
            continue
        home = _declaring(book, kind)
        rows = _rows(f"### Declared in `{home}`", 4)
        assert kind in rows, f"{name}: {kind} is not documented under {home}"
        _check_declared(kind, peacepos.codebook(home).kind(kind), rows[kind][0])  # type: ignore[arg-type]
    own = _rows(f"### Declared in `{name}`", 4) if book.kinds else {}
    assert sorted(own) == sorted(k.name for k in book.kinds), f"{name}: extra or missing rows"


# -- docs/codebooks.md: the tutorial's files and the codebook file's keys --------------------


def _valley_files() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / VALLEY).glob("*.toml"))}


def test_codebooks_tutorial_shows_its_files() -> None:
    """Every TOML block of the tutorial is a piece of one of its files, the blocks together
    show every line of the codebook, and each position file is shown whole."""
    files = _valley_files()
    blocks = _blocks(_read("codebooks.md"), "toml")
    shown: set[int] = set()
    codebook = files["river-valley.toml"]
    for block in blocks:
        assert any(block in text for text in files.values()), f"not in the files:\n{block}"
        at = codebook.find(block)
        if at >= 0:
            first = codebook.count("\n", 0, at)
            shown.update(range(first, first + block.count("\n")))
    missing = [
        line
        for i, line in enumerate(codebook.splitlines())
        if i not in shown and line.strip() and not line.startswith("# ")
    ]
    assert not missing, f"lines of river-valley.toml the tutorial does not show: {missing}"
    for name, text in files.items():
        if name != "river-valley.toml":
            assert text in blocks, f"{name} is not shown whole"


def _schema_keys(schema: typing.Any) -> set[str]:
    """Every property name anywhere in a JSON Schema."""
    found: set[str] = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "properties" and isinstance(value, dict):
                found |= set(value)
            found |= _schema_keys(value)
    elif isinstance(schema, list):
        for item in schema:
            found |= _schema_keys(item)
    return found


def test_codebooks_tutorial_describes_every_key_of_a_codebook_file() -> None:
    text = _read("codebooks.md")
    for key in sorted(_schema_keys(codebook_schema()) - {"$schema"}):
        assert f"`{key}`" in text or f"\n{key} = " in text, f"{key} is not described"
    schema = codebook_schema()
    issue_keys = set(schema["properties"]["issues"]["items"]["properties"])
    assert set(_table_keys(_section(text, "## 2. Issues"))) == issue_keys
    kind_keys = set(schema["properties"]["kinds"]["items"]["properties"])
    assert set(_table_keys(_section(text, "## 5. Condition kinds"))) == kind_keys


# -- docs/reports.md: records and the JSON schema ------------------------------------------


@pytest.fixture(scope="module")
def headline() -> peacepos.Comparison:
    return peacepos.compare(
        peacepos.corpus.load("china-2023-02-24"), peacepos.corpus.load("russia-2023-02-24")
    )


@pytest.fixture(scope="module")
def over_time() -> peacepos.Changes:
    """One actor at two dates (changes() reads related positions only)."""
    return peacepos.changes(
        peacepos.corpus.load("russia-2023-02-24"), peacepos.corpus.load("russia-2024-06-14")
    )


@pytest.fixture(scope="module")
def offer() -> peacepos.Comparison:
    """A comparison with variants and conditional terms (Ukraine's December 2025 offers)."""
    return peacepos.compare(
        peacepos.corpus.load("ukraine-2025-12-14"), peacepos.corpus.load("russia-2025-08-20")
    )


@pytest.fixture(scope="module")
def blocked() -> peacepos.Deal:
    """A deal with no settlement: the two variants of the April 2022 draft treaty."""
    deal = peacepos.deals(
        peacepos.corpus.load("russia-2022-04-15"), peacepos.corpus.load("ukraine-2022-04-15")
    )
    assert not deal.exists
    return deal


@pytest.fixture(scope="module")
def settled() -> peacepos.Deal:
    """A deal with a settlement that takes a variant: the December 2025 offer and Berlin."""
    deal = peacepos.deals(
        peacepos.corpus.load("ukraine-2025-12-14"), peacepos.corpus.load("coalition-2025-12-15")
    )
    assert deal.exists
    return deal


def _schema_table(heading: str, after: str | None = None) -> list[str]:
    """The keys of the table that follows ``after`` (a line start) inside ``heading``."""
    section = _section(_read("reports.md"), heading)
    if after is not None:
        section = section[section.index(after) :]
    return _table_keys(section)


def _inline_keys(pattern: str) -> list[str]:
    """The keys of an inline object in reports.md: ``A **pair entry** is `{...}``."""
    found = re.search(rf"{pattern} `\{{(.*?)\}}`", _read("reports.md"))
    assert found, pattern
    return re.findall(r'"(\w+)"', found.group(1))


def test_reports_record_table_lists_every_record_key(headline: peacepos.Comparison) -> None:
    documented = _schema_table("## Records and data frames")
    assert documented == list(headline.to_records()[0])


def test_reports_record_tables_list_every_key_of_every_result(
    headline: peacepos.Comparison,
    over_time: peacepos.Changes,
    blocked: peacepos.Deal,
    settled: peacepos.Deal,
) -> None:
    section = _section(_read("reports.md"), "## Records and data frames")
    results = {
        "### A comparison (and a finding)": headline.findings[0],
        "### A position": headline.left,
        "### N positions": peacepos.compare_many(headline.left, headline.right),
        "### Change over time": over_time,
    }
    for heading, result in results.items():
        documented = _table_keys(_section(section, heading))
        assert documented == list(result.to_records()[0]), heading
    deal = _section(section, "### A deal")
    assert _table_keys(deal) == list(settled.to_records()[0])
    without = deal[deal.index("Without a settlement") :]
    assert _table_keys(without) == list(blocked.to_records()[0])


def test_reports_csv_is_the_records(
    headline: peacepos.Comparison, over_time: peacepos.Changes, blocked: peacepos.Deal
) -> None:
    """The CSV of every result has the records' columns (docs/reports.md, Formats)."""
    many = peacepos.compare_many(headline.left, headline.right)
    for result in (headline, headline.findings[0], headline.left, many, over_time, blocked):
        header = result.render("csv").splitlines()[0]
        assert header.split(",") == list(result.to_records()[0]), type(result).__name__


def test_reports_json_comparison_keys(headline: peacepos.Comparison) -> None:
    data = to_json_data(headline)
    heading = "### A comparison: `peacepos/comparison`"
    assert _schema_table(heading) == list(data)
    assert _schema_table(heading, "A **finding**") == list(data["findings"][0])
    evidence = data["findings"][0]["left_evidence"][0]
    assert _schema_table(heading, "An **evidence** entry") == list(evidence)
    position_keys = re.search(
        r"A \*\*position\*\* \(in every schema\) is `\{(.*?)\}`", _read("reports.md")
    )
    assert position_keys
    assert re.findall(r'"(\w+)"', position_keys.group(1)) == list(data["left"])
    contested = next(f for f in data["findings"] if f["contested"])["contested"][0]
    assert _schema_table(heading, "A **reader's verdict**") == list(contested)
    ruled = next(f for f in data["findings"] if f["right_rules"])["right_rules"][0]
    assert _inline_keys(r"A \*\*rule\*\* is") == list(ruled)


def test_reports_json_terms_and_variants_keys(offer: peacepos.Comparison) -> None:
    data = to_json_data(offer)
    heading = "### A comparison: `peacepos/comparison`"
    terms = next(f for f in data["findings"] if f["terms"])["terms"]
    assert _schema_table(heading, "The **terms**") == list(terms)
    assert _inline_keys(r"A \*\*requirement\*\* is") == list(terms["requirements"][0])
    assert _schema_table(heading, "A **variant pair**") == list(data["variants"][0])
    documented = set(re.findall(r'`"(\w+)"`', _section(_read("reports.md"), heading)))
    assert {"met", "open", "refused"} <= documented


def test_reports_json_deal_keys(blocked: peacepos.Deal, settled: peacepos.Deal) -> None:
    heading = "### A deal: `peacepos/deal`"
    data = to_json_data(blocked)
    assert _schema_table(heading) == list(data)
    evidence = _schema_table("### A comparison: `peacepos/comparison`", "An **evidence** entry")
    demand = _schema_table(heading, "A **demand**")  # then the evidence entry's keys
    assert demand + evidence == list(data["blocking_sets"][0][0])
    found = to_json_data(settled)
    assert list(found) == list(data)
    assert _inline_keys(r"A \*\*settlement entry\*\* is") == list(found["settlement"][0])
    assert found["variants"] == {"ukraine-2025-12-14": "line", "coalition-2025-12-15": None}


def test_reports_json_multi_comparison_keys(headline: peacepos.Comparison) -> None:
    data = to_json_data(peacepos.compare_many(headline.left, headline.right))
    heading = "### N positions: `peacepos/multi-comparison`"
    assert _schema_table(heading) == list(data)
    assert _schema_table(heading, "An **issue entry**") == list(data["issues"][0])
    pair = re.search(r"A \*\*pair entry\*\* is `\{(.*?)\}`", _read("reports.md"))
    assert pair
    assert re.findall(r'"(\w+)":', pair.group(1)) == list(data["pairs"][0])


def test_reports_json_changes_keys(over_time: peacepos.Changes) -> None:
    data = to_json_data(over_time)
    heading = "### Change over time: `peacepos/changes`"
    assert _schema_table(heading) == list(data)
    change = re.search(r"A \*\*change\*\* is `\{(.*?)\}`", _read("reports.md"))
    assert change
    assert re.findall(r'"(\w+)"', change.group(1)) == list(data["changes"][0])
    documented = set(re.findall(r'`"(\w+)"`', _section(_read("reports.md"), heading)))
    assert {k.value for k in peacepos.ChangeKind} <= documented


def test_reports_json_documents_every_relation(headline: peacepos.Comparison) -> None:
    finding_table = _section(_read("reports.md"), "### A comparison: `peacepos/comparison`")
    for relation in peacepos.Relation:
        assert f'`"{relation.value}"`' in finding_table, relation


def test_reports_json_names_every_schema(
    headline: peacepos.Comparison, over_time: peacepos.Changes, blocked: peacepos.Deal
) -> None:
    text = _read("reports.md")
    results = (
        headline,
        headline.findings[0],
        headline.left,
        peacepos.compare_many(headline.left, headline.right),
        over_time,
        blocked,
        headline.left.codebook,
    )
    for result in results:
        data = to_json_data(result)
        assert data["version"] == JSON_SCHEMA_VERSION
        assert f"`{data['schema']}`" in text, data["schema"]
    assert f"currently {JSON_SCHEMA_VERSION})" in text


# -- console examples ----------------------------------------------------------------------

_SKIP = ("pip ", "python3 -m venv", "cp ", ". ")


def _console_examples() -> list[tuple[str, int, str]]:
    out = []
    for name in DOC_FILES:
        for i, block in enumerate(_blocks(_read(name), "console")):
            out.append((name, i, block))
    return out


def _commands(block: str) -> list[tuple[str, list[str]]]:
    """(command, expected output lines) pairs of a console block."""
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:].split("  #")[0].strip(), []))
        elif steps:
            steps[-1][1].append(line)
    return steps


def _normal(line: str) -> str:
    return " ".join(line.split())


def _expect_lines(command: str, expected: list[str], actual: str) -> None:
    lines = [_normal(x) for x in actual.splitlines()]
    at = 0
    for i, want in enumerate(expected):
        if want.strip() in ("...", ""):
            continue
        want = _normal(want)
        if i == 0:  # no leading "...": the output starts with this line
            assert lines, f"{command!r}: no output, expected {want!r}"
            assert lines[0] == want, f"{command!r}: first line {lines[0]!r} != {want!r}"
            at = 1
            continue
        try:
            at = lines.index(want, at) + 1
        except ValueError:
            raise AssertionError(f"{command!r}: {want!r} not in the output:\n{actual}") from None


@pytest.mark.parametrize(
    ("doc", "index", "block"),
    _console_examples(),
    ids=[f"{d}-{i}" for d, i, _ in _console_examples()],
)
def test_console_example_runs(
    doc: str,
    index: int,
    block: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # A copy of the files the pages use, laid out as in the repository.
    (tmp_path / "examples").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "examples" / EXAMPLE.name)
    shutil.copytree(ROOT / VALLEY, tmp_path / VALLEY)
    (tmp_path / "broken.toml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "broken-codebook.toml").write_text(BROKEN_CODEBOOK, encoding="utf-8")
    (tmp_path / "two-mistakes.toml").write_text(TWO_MISTAKES, encoding="utf-8")
    monkeypatch.chdir(tmp_path / START.get(doc, "."))
    monkeypatch.delenv(cli.PLUGINS_ENV, raising=False)
    ran = 0
    last_code: int | None = None
    for command, expected in _commands(block):
        if command == "echo $?":
            assert last_code is not None, f"{doc}: 'echo $?' before any command"
            assert [x.strip() for x in expected if x.strip()] == [str(last_code)], (
                f"{doc}: exit status {last_code}, documented {expected}"
            )
            last_code = None
            continue
        if last_code is not None:
            assert last_code == 0, f"{doc}: previous command exited {last_code}"
        if command.startswith("cd "):
            (target,) = shlex.split(command)[1:]
            assert (tmp_path / target).is_dir(), f"{doc}: no folder {target}"
            monkeypatch.chdir(tmp_path / target)  # paths from the repository's root
            continue
        if command.startswith("cp "):
            _, source, target = shlex.split(command)
            shutil.copy(source, target)
            continue
        if command.startswith(_SKIP):
            continue
        argv = shlex.split(command)
        if argv[:3] == ["python", "-m", "peacepos"]:
            argv = ["peacepos", *argv[3:]]
        assert argv[0] == "peacepos", f"{doc}: unexpected command {command!r}"
        if "<" in argv:  # standard input from a file: `peacepos validate - < FILE`
            at = argv.index("<")
            (source,) = argv[at + 1 :]
            argv = argv[:at]
            text = (Path.cwd() / source).read_text(encoding="utf-8")
            monkeypatch.setattr("sys.stdin", io.StringIO(text))
        capsys.readouterr()
        last_code = cli.main(argv[1:])
        captured = capsys.readouterr()
        _expect_lines(command, expected, captured.out + captured.err)
        if "--output" in argv or "-o" in argv:
            flag = "--output" if "--output" in argv else "-o"
            target = argv[argv.index(flag) + 1]
            written = Path.cwd() / target
            if target == "-":  # `-o -` is standard output
                pass
            elif last_code in (0, 1):
                assert written.is_file(), command
                assert written.stat().st_size > 0, command
            else:  # refused: nothing written
                assert not written.exists(), command
        ran += 1
    if last_code is not None:
        assert last_code == 0, f"{doc}: the last command exited {last_code}"
    if doc == "cli.md":
        assert ran, "every console block in docs/cli.md runs a peacepos command"


def _subcommands(parser: typing.Any, prefix: str) -> list[tuple[str, typing.Any]]:
    """(``peacepos codebook show``, its parser), for every command and sub-command."""
    out = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in typing.cast(dict[str, typing.Any], action.choices).items():
                out.append((f"{prefix} {name}", sub))
                out += _subcommands(sub, f"{prefix} {name}")
    return out


def test_cli_doc_covers_every_command_and_option() -> None:
    text = _read("cli.md")
    parser = cli._parser()
    for option in (o for a in parser._actions for o in a.option_strings):
        if option not in ("-h", "--help"):
            assert re.search(rf"`{re.escape(option)}[` ]", text), f"{option} is not documented"
    for name, subparser in _subcommands(parser, "peacepos"):
        assert f"`{name}" in text, f"command {name} is not documented"
        assert re.search(rf"^\$ {name}\b", text, flags=re.M), f"no example of {name}"
        for action in subparser._actions:
            for option in action.option_strings:
                if option in ("-h", "--help"):
                    continue
                documented = re.search(rf"`{re.escape(option)}[` ]", text)
                assert documented, f"{name} {option} is not documented"


# -- docs/architecture.md ------------------------------------------------------------------


def _modules() -> list[str]:
    """Every module and package of peacepos, by dotted name (found without importing)."""
    package = ROOT / "peacepos"
    names = []
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


def test_architecture_names_every_module_and_package() -> None:
    text = _read("architecture.md")
    missing = [name for name in _modules() if f"`{name}`" not in text]
    assert not missing, f"docs/architecture.md does not name {missing}"
