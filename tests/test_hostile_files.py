"""Hostile position files: every malformed input is one documented error naming file and place.

The library raises a :class:`PositionFileError` (path problems also an ``OSError``, content
problems also a ``ValueError``); the CLI prints it as ONE line on stderr and exits 2, with a
traceback only under ``--debug``. The positions here are synthetic (actor "Testland").
"""

from __future__ import annotations

import errno
import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from peacepos import dumps_position, loads_position, read_position
from peacepos.cli import main
from peacepos.corpus import BUILTIN
from peacepos.errors import FileAccessError, PeaceposError, PositionFileError
from peacepos.io import MAX_DEPTH, MAX_FILE_BYTES, MAX_ITEMS
from peacepos.io.guards import Invalid
from peacepos.io.structure import position_from_dict as _from_dict


def position_from_dict(data: Any, *, source: str = "<data>") -> Any:
    """Plain data to a position, with file-like errors (as the old one-call helper)."""
    try:
        return _from_dict(data, resolve=BUILTIN)
    except Invalid as exc:
        raise PositionFileError(source, exc.where, exc.problem) from None


def base() -> dict[str, Any]:
    """A valid synthetic position with four conditions (index 3 is territorial)."""
    return {
        "id": "testland-2023-01-01",
        "title": "Synthetic test position",
        "actors": ["Testland"],
        "date": "2023-01-01",
        "document": "test-document",
        "conditions": [
            {"kind": "ceasefire", "scope": "full", "evidence": {"locator": "point 1"}},
            {"kind": "direct-dialogue", "evidence": {"locator": "point 2", "quote": "test"}},
            {"kind": "army-cap", "at_most": 85000, "evidence": {"locator": "point 3"}},
            {
                "kind": "territorial-integrity",
                "regions": ["crimea", "donetsk"],
                "evidence": {
                    "locator": "point 4",
                    "basis": "implied",
                    "readers": ["a synthetic reader"],
                    "rationale": "synthetic rationale",
                },
            },
        ],
    }


def as_json(data: Any) -> bytes:
    return json.dumps(data).encode()


def with_(path: str, value: Any) -> bytes:
    """``base()`` with the value at a dotted/indexed path replaced (a JSON file)."""
    data = base()
    *head, last = _steps(path)
    target: Any = data
    for step in head:
        target = target[step]
    target[last] = value
    return as_json(data)


def without(path: str) -> bytes:
    data = base()
    *head, last = _steps(path)
    target: Any = data
    for step in head:
        target = target[step]
    del target[last]
    return as_json(data)


def _steps(path: str) -> list[str | int]:
    steps: list[str | int] = []
    for part in path.replace("]", "").replace("[", ".").split("."):
        steps.append(int(part) if part.isdigit() else part)
    return steps


def base_toml() -> str:
    return dumps_position(position_from_dict(base()), "toml")


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line(code: int, err: str, *needles: str) -> str:
    assert code == 2, err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


# -- content: (file name, bytes, expected place, words of the problem) ------------------------

CONTENT_CASES: dict[str, tuple[str, bytes, str, str]] = {
    # syntax
    "toml syntax": (
        "p.toml",
        b'id = "x"\ntitle = "unterminated\n',
        "line 2, column",
        "not valid TOML",
    ),
    "toml duplicate key": ("p.toml", b'id = "a"\nid = "b"\n', "line 2, column", "not valid TOML"),
    "json syntax": ("p.json", b'{"id": }', "line 1, column 8", "not valid JSON"),
    "json trailing comma": ("p.json", b'{"id": "x",}', "line 1, column 12", "not valid JSON"),
    "json duplicate key": ("p.json", b'{"id": "a", "id": "b"}', "id", "duplicate key"),
    "json top-level list": ("p.json", b"[1, 2]", "", "expected a table of position fields"),
    # encoding
    "latin-1": ("p.toml", 'title = "Côte"\n'.encode("latin-1"), "line 1, column 11", "not UTF-8"),
    "utf-8 bom": ("p.toml", b"\xef\xbb\xbfid = 'x'\n", "", "byte-order mark"),
    "utf-16": ("p.json", '{"id": "x"}'.encode("utf-16"), "", "UTF-16"),
    "binary junk": ("p.toml", bytes(range(256)) * 4, "line 2, column 118", "byte 0x80"),
    "NUL bytes": ("p.toml", b"\x00\x01\x02" * 100, "line 1, column 1", "NUL byte"),
    "binary junk, no NUL": ("p.json", bytes(range(128, 256)), "line 1, column 1", "not UTF-8"),
    "empty": ("p.toml", b"", "", "the file is empty"),
    "blank": ("p.json", b" \n\t\n", "", "the file is empty"),
    # structure and numbers
    "json nested 100000 deep": (
        "p.json",
        b"[" * 100_000 + b"]" * 100_000,
        "line 1",
        "nested deeper",
    ),
    "json objects nested deep": (
        "p.json",
        b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
        "line 1",
        "nested deeper",
    ),
    "toml nested 100000 deep": ("p.toml", b"a = " + b"[" * 100_000, "line 1", "nested deeper"),
    "toml inline tables deep": (
        "p.toml",
        b"a = " + b"{b = " * 5_000 + b"1" + b"}" * 5_000,
        "line 1",
        "nested deeper",
    ),
    "enormous array": (
        "p.json",
        with_("actors", ["Testland"] * (MAX_ITEMS + 1)),
        "actors",
        f"a list of {MAX_ITEMS + 1:,} items",
    ),
    "json integer of 5000 digits": (
        "p.json",
        with_("conditions[2].at_most", 0).replace(b'"at_most": 0', b'"at_most": ' + b"9" * 5000),
        "conditions[2].at_most",
        "5,000 digits is out of range",
    ),
    "toml integer of 5000 digits": (
        "p.toml",
        b'id = "x"\nn = ' + b"9" * 5000 + b"\n",
        "line 2, column 5",
        "too many digits",
    ),
    "json integer beyond 64 bits": (
        "p.json",
        with_("conditions[2].at_most", 2**64),
        "conditions[2].at_most",
        "out of range",
    ),
    "json 1e999999": (
        "p.json",
        with_("conditions[2].at_most", 0).replace(b'"at_most": 0', b'"at_most": 1e999999'),
        "conditions[2].at_most",
        "expected a finite number (got infinity)",
    ),
    "json NaN": (
        "p.json",
        with_("conditions[2].at_most", 0).replace(b'"at_most": 0', b'"at_most": NaN'),
        "conditions[2].at_most",
        "expected a finite number (got NaN)",
    ),
    "json -Infinity": (
        "p.json",
        with_("date", 0).replace(b'"date": 0', b'"date": -Infinity'),
        "date",
        "expected a finite number (got -Infinity)",
    ),
    "toml nan": ("p.toml", b"id = nan\n", "id", "expected a finite number (got NaN)"),
    "toml inf": ("p.toml", b"id = -inf\n", "id", "expected a finite number (got -infinity)"),
    "fractional army cap": (
        "p.json",
        with_("conditions[2].at_most", 1.5),
        "conditions[2].at_most",
        "expected a whole number (got 1.5)",
    ),
    "negative army cap": (
        "p.json",
        with_("conditions[2].at_most", -1),
        "conditions[2].at_most",
        "must be from 0 to 10^12",
    ),
    "absurd army cap": (
        "p.json",
        with_("conditions[2].at_most", 10**13),
        "conditions[2].at_most",
        "must be from 0 to 10^12",
    ),
    "army cap bounds reversed": (
        "p.json",
        with_(
            "conditions[2]",
            {"kind": "army-cap", "at_least": 9, "at_most": 1, "evidence": {"locator": "x"}},
        ),
        "conditions[2]",
        "at_least must not exceed at_most",
    ),
    "date year 1": ("p.json", with_("date", "0001-01-01"), "date", "between 1800 and 2200"),
    "date year 9999": ("p.json", with_("date", "9999-12-31"), "date", "between 1800 and 2200"),
    "date 30 February": ("p.json", with_("date", "2023-02-30"), "date", "a date YYYY-MM-DD"),
    "date compact form": ("p.json", with_("date", "20230224"), "date", "a date YYYY-MM-DD"),
    "date as number": ("p.json", with_("date", 20230224), "date", "a date YYYY-MM-DD"),
    "toml date 30 February": (
        "p.toml",
        b"date = 2023-02-30\n",
        "line 1, column 8",
        "not valid TOML",
    ),
    "toml date with time": (
        "p.toml",
        base_toml().replace("date = 2023-01-01", "date = 2023-01-01T10:00:00").encode(),
        "date",
        "a date without a time",
    ),
    # schema
    "unknown kind": (
        "p.json",
        with_("conditions[1].kind", "surrender"),
        "conditions[1].kind",
        "unknown condition kind 'surrender'",
    ),
    "kind not text": (
        "p.json",
        with_("conditions[1].kind", ["ceasefire"]),
        "conditions[1].kind",
        "expected the name of a condition kind",
    ),
    "kind missing": (
        "p.json",
        without("conditions[1].kind"),
        "conditions[1].kind",
        "missing 'kind'",
    ),
    "unknown region": (
        "p.json",
        with_("conditions[3].regions", ["crimea", "atlantis"]),
        "conditions[3].regions[1]",
        "unknown area 'atlantis' in codebook 'russia-ukraine'",
    ),
    "regions as text": (
        "p.json",
        with_("conditions[3].regions", "crimea"),
        "conditions[3].regions",
        "expected a list of at least one area (got 'crimea')",
    ),
    "no regions": (
        "p.json",
        with_("conditions[3].regions", []),
        "conditions[3].regions",
        "a list of at least one area (got [])",
    ),
    "unknown outcome": (
        "p.json",
        with_(
            "conditions[3]",
            {
                "kind": "territorial-status",
                "regions": ["crimea"],
                "status": "independent",
                "evidence": {"locator": "x"},
            },
        ),
        "conditions[3].status",
        "expected one of unchanged, deferred, de-facto-partial, de-facto, "
        "de-jure-partial, de-jure",
    ),
    "unknown enum value": (
        "p.json",
        with_("conditions[0].scope", "total"),
        "conditions[0].scope",
        "expected one of partial, full",
    ),
    "unknown stage": (
        "p.json",
        with_("conditions[0].stage", "someday"),
        "conditions[0].stage",
        "expected one of settlement",
    ),
    "unknown basis": (
        "p.json",
        with_("conditions[0].evidence.basis", "rumour"),
        "conditions[0].evidence.basis",
        "expected one of explicit, implied",
    ),
    "extra top-level field": (
        "p.json",
        with_("colour", "red"),
        "colour",
        "unknown field 'colour'",
    ),
    "extra condition field": (
        "p.json",
        with_("conditions[0].duration", 30),
        "conditions[0].duration",
        "unknown field 'duration'",
    ),
    "extra evidence field": (
        "p.json",
        with_("conditions[1].evidence.page", 3),
        "conditions[1].evidence.page",
        "unknown field 'page'",
    ),
    "missing title": ("p.json", without("title"), "title", "missing required field"),
    "missing evidence": (
        "p.json",
        without("conditions[2].evidence"),
        "conditions[2].evidence",
        "missing required field",
    ),
    "missing locator": (
        "p.json",
        without("conditions[2].evidence.locator"),
        "conditions[2].evidence.locator",
        "missing required field",
    ),
    "title not text": ("p.json", with_("title", 5), "title", "expected text (got 5)"),
    "actors as text": ("p.json", with_("actors", "Testland"), "actors", "expected a list"),
    "actor not text": ("p.json", with_("actors", ["Testland", 7]), "actors[1]", "expected text"),
    "bool as number": (
        "p.json",
        with_("conditions[2].at_most", True),
        "conditions[2].at_most",
        "expected a whole number (got True)",
    ),
    "number as bool": (
        "p.json",
        with_("conditions[3].evidence", {"locator": "x", "basis": 1}),
        "conditions[3].evidence.basis",
        "expected one of",
    ),
    "evidence as text": (
        "p.json",
        with_("conditions[0].evidence", "point 1"),
        "conditions[0].evidence",
        "expected a table of Evidence fields",
    ),
    "document not text": ("p.json", with_("document", 5), "document", "expected text (got 5)"),
    "null title": ("p.json", with_("title", None), "title", "expected text (got None)"),
    "empty title": ("p.json", with_("title", ""), "title", "must not be empty"),
    "blank title": ("p.json", with_("title", "   "), "title", "must not be empty"),
    "empty actor": (
        "p.json",
        with_("actors", ["Testland", ""]),
        "actors[1]",
        "must be a visible name",
    ),
    "no actors": ("p.json", with_("actors", []), "actors", "at least one actor"),
    "empty locator": (
        "p.json",
        with_("conditions[0].evidence.locator", ""),
        "conditions[0].evidence.locator",
        "must not be empty",
    ),
    "bad id": ("p.json", with_("id", "Not An Id"), "id", "lower-case letters"),
    "over-long quote": (
        "p.json",
        with_(
            "conditions[1].evidence.quote",
            "one two three four five six seven eight nine ten eleven twelve thirteen",
        ),
        "conditions[1].evidence.quote",
        "at most 12 words (got 13)",
    ),
    "over-long title": (
        "p.json",
        with_("title", "x" * 2001),
        "title",
        "longer than 2,000 characters",
    ),
    "implied without rationale": (
        "p.json",
        with_("conditions[3].evidence", {"locator": "x", "basis": "implied"}),
        "conditions[3].evidence",
        "IMPLIED evidence needs a rationale",
    ),
    "control character": (
        "p.json",
        with_("title", "red \x1b[31m text"),
        "title",
        "control character (U+001B)",
    ),
    "bidi override": (
        "p.json",
        with_("actors", ["Test\u202eland"]),
        "actors[0]",
        "bidirectional control character (U+202E)",
    ),
    "unpaired surrogate": (
        "p.json",
        b'{"title": "\\ud800"}',
        "title",
        "unpaired surrogate (U+D800)",
    ),
    "NUL in a key": ("p.json", b'{"id\\u0000": 1}', '["id\\u0000"]', "control character"),
    "unknown endorsed position": (
        "p.json",
        with_("endorsements", [{"position": "nowhere-2023", "evidence": {"locator": "x"}}]),
        "endorsements[0].position",
        "no built-in position 'nowhere-2023'",
    ),
    "endorsement by path": (
        "p.json",
        with_("endorsements", [{"position": "/etc/passwd", "evidence": {"locator": "x"}}]),
        "endorsements[0].position",
        "no built-in position",
    ),
    "coverage wrong type": (
        "p.json",
        with_("coverage", [{"locator": "p1", "encoded": "yes"}]),
        "coverage[0].encoded",
        "expected true or false",
    ),
    "url not text": (
        "p.json",
        with_("urls", ["https://example.org", 3]),
        "urls[1]",
        "expected text",
    ),
}


@pytest.mark.parametrize("case", sorted(CONTENT_CASES), ids=str)
def test_content_errors_name_file_and_place(tmp_path: Path, case: str) -> None:
    name, content, where, problem = CONTENT_CASES[case]
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(PositionFileError) as info:
        read_position(path)
    exc = info.value
    assert isinstance(exc, ValueError)
    assert exc.path == str(path)
    assert exc.where.startswith(where) if where.startswith("line") else exc.where == where
    assert problem in exc.problem
    message = str(exc)
    assert "\n" not in message
    assert message.startswith(f"{path} @ {exc.where}: " if exc.where else f"{path}: ")


@pytest.mark.parametrize("case", sorted(CONTENT_CASES), ids=str)
def test_cli_validate_prints_one_line_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    name, content, where, problem = CONTENT_CASES[case]
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = cli(capsys, "validate", str(path))
    assert out == ""
    assert_one_line(code, err, str(path), problem, *([f"@ {where}"] if where else []))


def test_base_is_valid(tmp_path: Path) -> None:
    # The cases above are mutations of this file; it must load, or they would prove nothing.
    path = tmp_path / "p.json"
    path.write_bytes(as_json(base()))
    p = read_position(path)
    assert len(p.conditions) == 4
    assert p.constraint("military/army-cap/peacetime") is not None


# -- the precise place of a self-contradiction ---------------------------------------------


def test_contradiction_names_file_and_both_conditions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = base()
    data["conditions"][3]["evidence"] = {"locator": "point 4"}  # EXPLICIT now
    data["conditions"].append(
        {"kind": "territorial-recognition", "regions": ["donetsk"], "evidence": {"locator": "p5"}}
    )
    path = tmp_path / "contradiction.json"
    path.write_bytes(as_json(data))
    with pytest.raises(PositionFileError) as info:
        read_position(path)
    assert info.value.where == "conditions[4]"
    assert (
        "contradicts itself on 'territory/donetsk/russian-held/recognition'" in info.value.problem
    )
    assert "see conditions[3]" in info.value.problem
    code, _, err = cli(capsys, "show", str(path))
    assert_one_line(code, err, str(path), "@ conditions[4]", "contradicts itself")


def test_contradiction_only_in_the_broad_reading_is_still_found(tmp_path: Path) -> None:
    data = base()  # conditions[3] is an IMPLIED territorial-integrity claim on crimea
    data["conditions"].append(
        {"kind": "territorial-recognition", "regions": ["crimea"], "evidence": {"locator": "p5"}}
    )
    with pytest.raises(PositionFileError) as info:
        loads_position(json.dumps(data), "json", source="broad.json")
    assert info.value.where in ("conditions[3]", "conditions[4]")
    assert "territory/crimea" in str(info.value)


# -- paths that are not regular files ----------------------------------------------------


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "missing.toml"
    with pytest.raises(FileAccessError) as info:
        read_position(path)
    assert isinstance(info.value, OSError)
    assert info.value.errno == errno.ENOENT
    code, _, err = cli(capsys, "validate", str(path))
    assert_one_line(code, err, str(path), "no such file")


def test_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "folder.toml"
    path.mkdir()
    fds = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    with pytest.raises(FileAccessError, match="is a directory"):
        read_position(path)
    if fds is not None:  # the descriptor opened to look at it is closed again
        assert len(os.listdir("/proc/self/fd")) == fds
    code, _, err = cli(capsys, "show", str(path))
    assert_one_line(code, err, str(path), "is a directory")


def test_fifo_does_not_hang(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)  # nobody writes: a blocking open would wait for ever
    with pytest.raises(FileAccessError, match="FIFO"):
        read_position(path)
    code, _, err = cli(capsys, "compare", str(path), "china-2023-02-24")
    assert_one_line(code, err, str(path), "FIFO")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_devices(device: str, capsys: pytest.CaptureFixture[str]) -> None:
    if not os.path.exists(device):
        pytest.skip(f"{device} does not exist here")
    with pytest.raises(FileAccessError, match="character device"):
        read_position(device)
    code, _, err = cli(capsys, "validate", device)
    assert_one_line(code, err, device, "character device")


def test_socket(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(FileAccessError) as info:
            read_position(path)
        assert info.value.path == str(path)
    finally:
        server.close()


def test_symlink_loop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.symlink_to(b)
    b.symlink_to(a)
    code, _, err = cli(capsys, "validate", str(a))
    assert_one_line(code, err, str(a), "symbolic links")


def test_nul_in_path() -> None:
    with pytest.raises(FileAccessError, match="NUL character"):
        read_position("bad\x00name.toml")


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="running as root: permissions do not stop root from reading a chmod 000 file",
)
def test_unreadable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "secret.toml"
    path.write_text('id = "x"\n')
    path.chmod(0)
    code, _, err = cli(capsys, "validate", str(path))
    assert_one_line(code, err, str(path), "permission denied")


def test_unknown_suffix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "position.yaml"
    path.write_text("id: x\n")
    code, _, err = cli(capsys, "validate", str(path))
    assert_one_line(code, err, str(path), "expected a .toml or .json file")


def test_huge_file_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.toml"
    with open(path, "wb") as handle:
        handle.truncate(10**10)  # 10 GB, sparse: reading it would exhaust memory
    reads: list[int] = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    with pytest.raises(FileAccessError) as info:
        read_position(path)
    assert info.value.errno == errno.EFBIG
    assert "10,000,000,000 bytes; the limit is 1,000,000" in str(info.value)
    assert reads == []


def test_size_limit_boundary(tmp_path: Path) -> None:
    text = dumps_position(position_from_dict(base()), "toml")
    padding = MAX_FILE_BYTES - len(text.encode()) - 2
    exact = text + "#" + "x" * padding + "\n"
    assert len(exact.encode()) == MAX_FILE_BYTES
    ok = tmp_path / "exact.toml"
    ok.write_text(exact)
    assert read_position(ok).id == "testland-2023-01-01"
    over = tmp_path / "over.toml"
    over.write_text(exact + " ")
    with pytest.raises(FileAccessError, match="the limit is 1,000,000"):
        read_position(over)


def test_text_size_limit_for_strings() -> None:
    with pytest.raises(PositionFileError, match="the limit is 1,000,000"):
        loads_position("#" * (MAX_FILE_BYTES + 1), "toml")


def test_nesting_at_the_limit_is_judged_by_the_schema() -> None:
    # 32 levels are allowed: the error is then about the unknown field, not the depth.
    deep: Any = 1
    for _ in range(MAX_DEPTH - 1):
        deep = [deep]
    with pytest.raises(PositionFileError) as info:
        position_from_dict({**base(), "extra": deep})
    assert "unknown field 'extra'" in info.value.problem
    with pytest.raises(PositionFileError, match="nested deeper than 32"):
        position_from_dict({**base(), "extra": [deep, [deep]]})


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    data = base()
    data["title"] = "[" * 500 + "{" * 500
    data["notes"] = "]]]" * 100
    assert loads_position(json.dumps(data), "json").title.startswith("[[[")
    toml = dumps_position(position_from_dict(data), "toml")
    assert "# " not in toml  # no comment trick involved
    assert loads_position(toml, "toml").title == data["title"]
    commented = "# " + "[" * 500 + "\n" + toml
    assert loads_position(commented, "toml").notes == data["notes"]


def test_cyclic_data_is_refused() -> None:
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(PositionFileError, match="nested deeper"):
        position_from_dict({**base(), "urls": loop})


# -- several files at once -------------------------------------------------------------------


def test_validate_reports_duplicate_ids_and_every_bad_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, c = tmp_path / "a.json", tmp_path / "b.toml", tmp_path / "c.json"
    a.write_bytes(as_json(base()))
    b.write_text(dumps_position(position_from_dict(base()), "toml"))
    c.write_bytes(b"{")
    code, out, err = cli(capsys, "validate", str(a), str(b), str(c))
    assert code == 2
    assert out.splitlines() == [f"{a}: ok (testland-2023-01-01, 4 conditions)"]
    lines = err.splitlines()
    assert len(lines) == 2
    assert f"{b} @ id: duplicate id 'testland-2023-01-01' (also in {a})" in lines[0]
    assert str(c) in lines[1]
    assert "not valid JSON" in lines[1]


def test_validate_good_files_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = tmp_path / "a.json"
    a.write_bytes(as_json(base()))
    code, out, err = cli(capsys, "validate", str(a))
    assert (code, err) == (0, "")
    assert out == f"{a}: ok (testland-2023-01-01, 4 conditions)\n"


def test_file_name_with_a_newline_stays_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "two\nlines.toml"
    path.write_bytes(b"")
    code, _, err = cli(capsys, "validate", str(path))
    assert_one_line(code, err, "two\\nlines.toml", "the file is empty")


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_bytes(b"{")
    with pytest.raises(PeaceposError):
        main(["validate", "--debug", str(path)])


# -- through a real process ----------------------------------------------------------------

SUBPROCESS_CASES = [
    "json syntax",
    "utf-8 bom",
    "json nested 100000 deep",
    "unknown region",
    "toml integer of 5000 digits",
    "json NaN",
    "over-long quote",
]


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "peacepos", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("case", SUBPROCESS_CASES)
def test_subprocess_one_line_exit_2(tmp_path: Path, case: str) -> None:
    name, content, _, problem = CONTENT_CASES[case]
    path = tmp_path / name
    path.write_bytes(content)
    for command in (
        ["validate", str(path)],
        ["show", str(path)],
        ["compare", str(path), "russia-2023-02-24"],
    ):
        result = run(*command)
        assert result.stdout == ""
        assert_one_line(result.returncode, result.stderr, str(path), problem)


def test_subprocess_fifo_and_device(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    for target, words in ((str(fifo), "FIFO"), ("/dev/zero", "character device")):
        result = run("show", target)
        assert_one_line(result.returncode, result.stderr, target, words)


def test_subprocess_debug_prints_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_bytes(b"{")
    result = run("validate", "--debug", str(path))
    assert result.returncode != 0
    assert "Traceback" in result.stderr
    assert "PositionFileError" in result.stderr


# -- no unsafe loaders -------------------------------------------------------------------------


def test_no_unsafe_loaders_in_the_package() -> None:
    import re

    package = Path(__file__).resolve().parent.parent / "peacepos"
    pattern = re.compile(
        r"^\s*(import|from)\s+(pickle|cPickle|shelve|marshal|yaml|dill)\b"
        r"|\b(eval|exec)\s*\(|\byaml\.(load|unsafe_load)\b|\b__import__\s*\("
    )
    offenders = [
        f"{py.relative_to(package)}:{n}: {line.strip()}"
        for py in sorted(package.rglob("*.py"))
        for n, line in enumerate(py.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line) and not line.lstrip().startswith("#")
    ]
    # One exception: the cache of the built-in data, a pickle the package reads from its own
    # folder only (whoever can change that file can change the code beside it).
    assert [(o.split(":")[0], o.split(": ", 1)[1]) for o in offenders] == [
        ("corpus/__init__.py", "import pickle")
    ]


def test_the_built_in_cache_is_read_from_the_package_folder_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peacepos import corpus

    source = Path(corpus.__file__).read_text(encoding="utf-8")
    assert source.count("pickle.loads(") == 1
    assert source.count("(_here() / CACHE).open(") == 2  # the index, and an item
    # a file elsewhere, or named by a user, is never read: no parameter, no environment
    monkeypatch.setenv("PEACEPOS_CACHE", str(tmp_path / "evil.pickle"))
    corpus._cache.cache_clear()
    try:
        assert corpus.load("china-2023-02-24").id == "china-2023-02-24"
    finally:
        corpus._cache.cache_clear()


# -- built-in corpus objects cannot be mutated -----------------------------------------------


def _walk(value: Any, seen: set[int]) -> list[Any]:
    """Every object reachable through attrs fields (the public data of a position)."""
    import attrs

    if id(value) in seen:
        return []
    seen.add(id(value))
    out = [value]
    if attrs.has(type(value)):
        for a in attrs.fields(type(value)):
            if a.name.startswith("_"):
                continue
            out += _walk(getattr(value, a.name), seen)
    elif isinstance(value, tuple | frozenset):
        for item in value:
            out += _walk(item, seen)
    return out


@pytest.mark.parametrize("ident", ["china-2023-02-24", "russia-2023-02-24"])
def test_built_in_positions_cannot_be_mutated(ident: str) -> None:
    import attrs

    from peacepos import corpus

    position = corpus.load(ident)
    before = dumps_position(position, "json")
    seen: set[int] = set()
    objects = _walk(position, seen) + _walk(tuple(position.constraints().values()), seen)
    assert len(objects) > 20
    for obj in objects:
        assert not isinstance(obj, list | dict | set | bytearray), type(obj)
        if attrs.has(type(obj)):
            field = next(a.name for a in attrs.fields(type(obj)) if not a.name.startswith("_"))
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                setattr(obj, field, None)
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                delattr(obj, field)
    constraints = position.constraints()
    with pytest.raises(TypeError):
        constraints["hostilities"] = None  # type: ignore[index]
    with pytest.raises(TypeError):
        del constraints["hostilities"]  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        position.conditions.append(None)  # type: ignore[attr-defined]
    # Loading again gives the same, unchanged object.
    assert corpus.load(ident) is position
    assert dumps_position(corpus.load(ident), "json") == before
