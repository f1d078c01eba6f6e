"""The extension API end to end: a new issue in a codebook of one's own, and a condition kind
with a rule of its own (the width of a demilitarised zone, as in examples/custom_condition.py)
— added to the codebook with ``Codebook.with_kinds`` — used in positions, files, comparisons,
every report format, the strategies, the laws and the command line (``--plugin MODULE`` whose
module holds ``CODEBOOKS`` and ``KINDS``, or ``PEACEPOS_PLUGINS``); and the same kind declared
in a codebook file, without Python."""

from __future__ import annotations

import json
import pathlib
from collections.abc import Iterable

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import peacepos
from peacepos import cli
from peacepos.kinds import kind
from peacepos.library import Library, loads_codebook, loads_position
from peacepos.report import FORMATS
from peacepos.testing import laws
from peacepos.testing import strategies as pst

ISSUE = "military/dmz-width"
BOOK = peacepos.Codebook(
    name="test-extension-dmz",
    title="A demilitarised zone",
    includes=(peacepos.codebook("core"),),
    issues=(
        peacepos.NumericIssue(
            key=ISSUE, title="Width of a demilitarised zone", unit="km", maximum=200
        ),
    ),
)


@kind("test-extension-dmz-width")
@attrs.frozen(kw_only=True)
class DmzWidth(peacepos.Condition):
    """A demilitarised zone, as the range of widths (km) a party accepts."""

    at_least_km: int | None = None
    at_most_km: int | None = None

    def __attrs_post_init__(self) -> None:
        if self.at_least_km is None and self.at_most_km is None:
            raise ValueError("give at_least_km, at_most_km or both")
        low, high = self.at_least_km, self.at_most_km
        if low is not None and high is not None and low > high:
            raise ValueError("at_least_km must not exceed at_most_km")

    def compile(self, codebook: peacepos.Codebook) -> Iterable[peacepos.Constraint]:
        width = codebook[ISSUE]
        if not isinstance(width, peacepos.NumericIssue):
            raise TypeError(f"{ISSUE!r} must be numeric")
        yield peacepos.Constraint.between(width, self.at_least_km, self.at_most_km)


DMZ = BOOK.with_kinds(DmzWidth)
LIBRARY = Library(codebooks=[BOOK]).with_kinds(BOOK.name, DmzWidth)


def _ev(document: str, basis: peacepos.Basis = peacepos.Basis.EXPLICIT) -> peacepos.Evidence:
    if basis is peacepos.Basis.IMPLIED:
        return peacepos.Evidence(
            document=document,
            locator="para. 4",
            basis=basis,
            readers=("the analyst",),
            rationale="an analyst's reading, for the test",
        )
    return peacepos.Evidence(document=document, locator="para. 4")


def _position(pid: str, actor: str, *conditions: peacepos.Condition) -> peacepos.Position:
    return peacepos.Position(
        id=pid,
        title=f"{actor}'s terms",
        actors=(actor,),
        date="2024-05-01",
        codebook=DMZ,
        conditions=conditions,
    )


LEFT = _position(
    "party-a",
    "Party A",
    DmzWidth(at_least_km=50, evidence=_ev("a")),
    peacepos.Ceasefire(evidence=_ev("a")),
)
RIGHT = _position(
    "party-b",
    "Party B",
    DmzWidth(at_most_km=20, evidence=_ev("b")),
    DmzWidth(at_least_km=10, evidence=_ev("b", peacepos.Basis.IMPLIED)),
)


# -- in Python -------------------------------------------------------------------------------


def test_the_kind_compiles_and_compares() -> None:
    result = peacepos.compare(LEFT, RIGHT)
    # The IMPLIED lower bound narrows Party B under the broad reading only.
    strict, broad = result.finding(ISSUE, "strict"), result.finding(ISSUE, "broad")
    assert strict.reading_dependent
    assert str(strict.right) == "≤ 20 km"
    assert str(broad.right) == "10–20 km"
    assert broad.relation is peacepos.Relation.CONFLICT
    assert broad.common_ground is not None
    assert broad.common_ground.is_empty()
    assert "a gap of 30 km" in broad.explanation
    assert result.finding("hostilities").relation is peacepos.Relation.ONLY_LEFT


def test_the_kind_belongs_to_its_codebook_only() -> None:
    with pytest.raises(peacepos.UnknownIssueError, match="plugin"):
        peacepos.kinds.kind_of(BOOK, DmzWidth.kind)
    assert peacepos.kinds.kind_of(DMZ, DmzWidth.kind) is DmzWidth
    with pytest.raises(peacepos.UnknownIssueError):  # russia-ukraine has no such issue
        tuple(
            DmzWidth(at_most_km=5, evidence=_ev("x")).compile(peacepos.codebook("russia-ukraine"))
        )


@pytest.mark.parametrize("suffix", [".toml"])
def test_the_kind_survives_a_file(tmp_path: pathlib.Path, suffix: str) -> None:
    path = tmp_path / f"party-b{suffix}"
    peacepos.write_position(RIGHT, path, library=LIBRARY)
    text = path.read_text(encoding="utf-8")
    assert DmzWidth.kind in text
    assert 'codebook = "test-extension-dmz"' in text
    back = peacepos.read_position(path, library=LIBRARY)
    assert back == RIGHT
    assert [c.evidence for c in back.conditions] == [c.evidence for c in RIGHT.conditions]
    laws.round_trip(RIGHT, formats=("toml",), library=LIBRARY)
    laws.round_trip(RIGHT, formats=("toml",))  # the library the law makes itself: the same
    with pytest.raises(peacepos.PositionFileError, match="test-extension-dmz"):
        peacepos.read_position(path)  # the built-in library knows neither codebook nor kind


def test_a_file_error_names_the_place_in_the_new_kind() -> None:
    text = peacepos.dumps_position(LEFT, library=LIBRARY).replace(
        "at_least_km = 50", 'at_least_km = "50"'
    )
    with pytest.raises(peacepos.PositionFileError, match=r"conditions\[\d\]\.at_least_km"):
        loads_position(text, library=LIBRARY)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_kind_renders_in_every_format(fmt: str) -> None:
    # (plain text wraps cells to 100 characters unless given more room)
    width = 200 if fmt == "plain" else None
    text = peacepos.compare(LEFT, RIGHT).render(fmt, width=width)
    if fmt == "json":
        assert ISSUE in [f["issue"] for f in json.loads(text)["findings"]]
    elif fmt == "csv":
        assert ISSUE in text or "Width of a demilitarised zone" in text
    else:
        assert "Width of a demilitarised zone" in text
    assert "50" in text  # Party A's lower bound, in numbers


def test_the_laws_hold_for_the_kind() -> None:
    laws.mirror(LEFT, RIGHT)
    laws.oracle(LEFT, RIGHT)
    laws.conflict_iff_empty(LEFT, RIGHT)
    laws.readings(LEFT, RIGHT)
    laws.determinism(LEFT, RIGHT)
    laws.codebook_independence(LEFT, RIGHT)  # the kind restated as 'range', renamed
    third = _position(
        "party-c", "Party C", DmzWidth(at_least_km=15, at_most_km=60, evidence=_ev("c"))
    )
    laws.n_way(LEFT, RIGHT, third)
    laws.hash_seeds(LEFT, RIGHT, seeds=(0, 1))  # the plugin is imported by its module name


@given(pst.conditions(DMZ, DmzWidth))
def test_strategies_draw_the_kind_from_its_field_types(condition: DmzWidth) -> None:
    assert condition.at_least_km is not None or condition.at_most_km is not None
    (c,) = condition.compile(DMZ)
    assert c
    assert c.issue.key == ISSUE


@given(pst.positions(DMZ, issues=[ISSUE, "hostilities"]))
def test_positions_of_the_codebook_use_the_kind_too(position: peacepos.Position) -> None:
    assert set(position.constraints()) <= {
        ISSUE,
        "hostilities",
        "sequence/talks",
        "sequence/ceasefire",
    }


def test_register_condition_strategy_and_from_type() -> None:
    pst.register_condition_strategy(DmzWidth, codebook=DMZ, at_most_km=st.integers(150, 200))
    try:

        @settings(max_examples=20, derandomize=True, database=None)
        @given(st.from_type(DmzWidth))
        def check(condition: DmzWidth) -> None:
            assert condition.at_most_km is None or condition.at_most_km >= 150

        check()
    finally:
        pst._FIELDS.pop(DmzWidth, None)
        pst._offer.cache_clear()


def test_check_condition_type_on_the_kind() -> None:
    laws.check_condition_type(DmzWidth, BOOK, max_examples=15)


def test_relations_of_the_kind_on_purpose() -> None:
    counts = pst.relation_counts(
        pst.position_pairs(codebook=DMZ, issues=[ISSUE, "hostilities"]), examples=60
    )
    assert set(counts) == set(pst.RELATIONS)  # CONTESTED only where asked for


# -- declared in a codebook file, without Python -------------------------------------------

DECLARED = """
name = "test-extension-declared"
title = "A demilitarised zone, declared"
include = ["core"]

[[issues]]
key = "military/dmz-width"
title = "Width of a demilitarised zone"
unit = "km"
maximum = 200

[[issues]]
key = "military/dmz-monitors"
title = "Who monitors the zone"
outcomes = ["none", "observers", "peacekeepers"]

[[kinds]]
name = "dmz"
description = "A demilitarised zone: the widths accepted, and (armed = true) armed monitors."
bounds = "military/dmz-width"
narrows = { "military/dmz-monitors" = ["observers", "peacekeepers"] }
[kinds.choices.armed]
true = { "military/dmz-monitors" = ["peacekeepers"] }
false = {}
[kinds.defaults]
armed = false
"""

POSITION = """\
id = "{pid}"
title = "{actor}'s terms"
actors = ["{actor}"]
date = 2024-05-01
codebook = "{codebook}"

[[conditions]]
kind = "{kind}"
{fields}
[conditions.evidence]
document = "{pid}"
locator = "para. 2"
"""


def test_a_declared_kind_needs_no_python() -> None:
    book = loads_codebook(DECLARED)
    library = Library(codebooks=[book])
    a = loads_position(
        POSITION.format(
            pid="a",
            actor="A",
            codebook=book.name,
            kind="dmz",
            fields="at_least = 10\narmed = true",
        ),
        library=library,
    )
    b = loads_position(
        POSITION.format(pid="b", actor="B", codebook=book.name, kind="dmz", fields="at_most = 20"),
        library=library,
    )
    result = peacepos.compare(a, b)
    assert str(result.finding(ISSUE).common_ground) == "10–20 km"
    assert result.finding("military/dmz-monitors").relation is peacepos.Relation.NARROWER
    laws.oracle(a, b)  # brute force reads the declaration itself
    laws.codebook_round_trip(book)
    laws.round_trip(a, formats=("toml",), library=library)
    laws.codebook_independence(a, b)


@given(st.data())
def test_strategies_draw_declared_kinds_from_the_declaration(data: st.DataObject) -> None:
    book = loads_codebook(DECLARED)
    condition = data.draw(pst.conditions(book, "dmz"))
    assert isinstance(condition, peacepos.Declared)
    assert condition.spec == book.kind("dmz")
    # what it accepts is what brute force reads from the declaration
    laws.stances(
        peacepos.Position(
            id="p",
            title="p",
            actors=("P",),
            date="2024-01-01",
            codebook=book,
            conditions=[condition],
        )
    )


# -- plugins on the command line -----------------------------------------------------------

PLUGIN = '''
"""A peacepos plugin: a codebook and a condition kind of its own, and a kind for a built-in
codebook."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

import peacepos
from peacepos.kinds import kind

BOOK = peacepos.Codebook(
    name="{book}",
    title="Missions",
    includes=(peacepos.codebook("core"),),
    issues=(
        peacepos.Issue(
            key="mission", title="An international mission",
            outcomes=("none", "observers", "peacekeepers"),
        ),
    ),
)


@kind("{kind}")
@attrs.frozen(kw_only=True)
class Mission(peacepos.Condition):
    """Observers or, with armed=True, armed peacekeepers (who may also observe)."""

    armed: bool = False

    def compile(self, codebook: peacepos.Codebook) -> Iterable[peacepos.Constraint]:
        mission = codebook["mission"]
        if self.armed:
            yield peacepos.Constraint.of(mission, "peacekeepers")
        else:
            yield peacepos.Constraint.of(mission, "observers", "peacekeepers")


@kind("{kind}-zone")
@attrs.frozen(kw_only=True)
class BufferZone(peacepos.Condition):
    """A buffer zone where Ukraine holds Donetsk now, in the built-in codebook's terms."""

    def compile(self, codebook: peacepos.Codebook) -> Iterable[peacepos.Constraint]:
        zone = codebook["territory/donetsk/ukrainian-held/control"]
        yield peacepos.Constraint.of(zone, "demilitarised")


CODEBOOKS = [BOOK]
KINDS = {{"{book}": [Mission], "russia-ukraine": [BufferZone]}}
'''


@pytest.fixture
def plugin(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> dict[str, str]:
    """A plugin module on sys.path and position files that use its kinds (each test gets its
    own module, codebook and kind names, so none sees another's)."""
    tag = request.node.name.replace("test_", "").replace("_", "-")[:30].strip("-")
    kind_name, book = f"mission-{tag}", f"missions-{tag}"
    module = f"peacepos_plugin_{tag.replace('-', '_')}"
    source = PLUGIN.format(book=book, kind=kind_name)
    (tmp_path / f"{module}.py").write_text(source, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    files = {"module": module, "kind": kind_name, "book": book}
    for pid, actor, armed in (("party-a", "Party A", "true"), ("party-b", "Party B", "false")):
        path = tmp_path / f"{pid}.toml"
        path.write_text(
            POSITION.format(
                pid=pid, actor=actor, codebook=book, kind=kind_name, fields=f"armed = {armed}"
            ),
            encoding="utf-8",
        )
        files[pid] = str(path)
    path = tmp_path / "zone.toml"
    path.write_text(
        POSITION.format(
            pid="zone",
            actor="Party Z",
            codebook="russia-ukraine",
            kind=f"{kind_name}-zone",
            fields="",
        ),
        encoding="utf-8",
    )
    files["zone"] = str(path)
    return files


def test_cli_without_the_plugin_names_what_is_missing(
    plugin: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["compare", plugin["party-a"], plugin["party-b"]])
    err = capsys.readouterr().err
    assert code == 2
    assert "party-a.toml" in err
    assert plugin["book"] in err
    assert len(err.strip().splitlines()) == 1
    code = cli.main(["validate", plugin["zone"]])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{plugin['kind']}-zone" in err
    assert "--plugin" in err


def test_cli_loads_codebooks_and_kinds_from_the_plugin(
    plugin: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["compare", plugin["party-a"], plugin["party-b"], "--plugin", plugin["module"]]
    assert cli.main([*args, "--format", "json"]) == 0
    findings = {f["issue"]: f for f in json.loads(capsys.readouterr().out)["findings"]}
    assert (
        findings["mission"]["relation"] == "narrower"
    )  # peacekeepers ⊂ observers or peacekeepers


def test_cli_adds_a_plugin_kind_to_a_built_in_codebook(
    plugin: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["compare", plugin["zone"], "us-2025-11-20", "--plugin", plugin["module"]]
    assert cli.main([*args, "--format", "json"]) == 0
    findings = {f["issue"]: f for f in json.loads(capsys.readouterr().out)["findings"]}
    zone = findings["territory/donetsk/ukrainian-held/control"]
    assert zone["relation"] == "same"  # the US plan's zone too


def test_cli_loads_the_plugin_from_the_environment(
    plugin: dict[str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PEACEPOS_PLUGINS", f" {plugin['module']} , ")
    assert cli.main(["validate", plugin["party-a"], plugin["party-b"], plugin["zone"]]) == 0
    out = capsys.readouterr().out
    assert "party-a.toml: ok" in out
    assert "zone.toml: ok" in out
    assert cli.main(["show", plugin["party-a"], "--format", "markdown"]) == 0
    assert "para. 2" in capsys.readouterr().out


def test_cli_reports_a_plugin_that_cannot_be_imported(
    plugin: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["validate", plugin["party-a"], "--plugin", "no_such_peacepos_plugin"])
    err = capsys.readouterr().err
    assert code == 2
    assert "no_such_peacepos_plugin" in err


def test_cli_converts_a_position_of_a_plugin_kind(
    plugin: dict[str, str], capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path
) -> None:
    out = tmp_path / "again.toml"
    args = [
        "convert",
        plugin["party-a"],
        "--to",
        "toml",
        "--output",
        str(out),
        "--plugin",
        plugin["module"],
    ]
    assert cli.main(args) == 0
    assert (
        cli.main(["convert", plugin["party-a"], "--to", "json", "--plugin", plugin["module"]]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["codebook"] == plugin["book"]
    assert data["conditions"][0] == {
        "kind": plugin["kind"],
        "armed": True,
        "evidence": {"locator": "para. 2"},
    }
    assert cli.main(["validate", str(out), "--plugin", plugin["module"]]) == 0


def test_cli_reads_a_codebook_file_with_a_declared_kind(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "declared.toml"
    book.write_text(DECLARED, encoding="utf-8")
    files = []
    for pid, fields in (("a", "at_least = 10"), ("b", "at_most = 20\narmed = true")):
        path = tmp_path / f"{pid}.toml"
        path.write_text(
            POSITION.format(
                pid=pid,
                actor=pid.upper(),
                codebook="test-extension-declared",
                kind="dmz",
                fields=fields,
            ),
            encoding="utf-8",
        )
        files.append(str(path))
    assert cli.main(["compare", *files, "--codebook", str(book), "--format", "json"]) == 0
    findings = {f["issue"]: f for f in json.loads(capsys.readouterr().out)["findings"]}
    assert findings[ISSUE]["relation"] == "overlap"
    assert findings["military/dmz-monitors"]["relation"] == "broader"
    assert cli.main(["compare", *files]) == 2
    assert "test-extension-declared" in capsys.readouterr().err
