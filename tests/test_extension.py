"""The extension API end to end: an issue and a condition type defined outside peacepos are
used in positions, files, comparisons, every report format, the strategies, the laws and the
command line (through ``--plugin`` and ``PEACEPOS_PLUGINS``)."""

from __future__ import annotations

import json
import pathlib
from collections.abc import Iterable

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import peacepos
from peacepos import cli
from peacepos.report import FORMATS
from peacepos.testing import laws
from peacepos.testing import strategies as pst

# -- a type defined here, in a test module -----------------------------------------------------

ISSUE = "test-extension/monitors"
peacepos.register_issue(
    peacepos.NumericIssue(
        key=ISSUE,
        title="Ceasefire monitors on the line of contact",
        unit="monitors",
        description="How many international monitors a settlement deploys.",
    )
)


@peacepos.condition_type("test-extension-monitors")
@attrs.frozen(kw_only=True)
class Monitors(peacepos.Condition):
    """International monitors: the range of mission sizes a party accepts."""

    at_least: int | None = None
    at_most: int | None = None

    def __attrs_post_init__(self) -> None:
        if self.at_least is None and self.at_most is None:
            raise ValueError("monitors needs at_least, at_most or both")
        low, high = self.at_least, self.at_most
        if low is not None and high is not None and low > high:
            raise ValueError("at_least must not exceed at_most")

    def compile(self) -> Iterable[peacepos.Constraint]:
        yield peacepos.Constraint.between(ISSUE, self.at_least, self.at_most)


def _ev(document: str, basis: peacepos.Basis = peacepos.Basis.EXPLICIT) -> peacepos.Evidence:
    rationale = "an analyst's reading, for the test" if basis is peacepos.Basis.IMPLIED else ""
    return peacepos.Evidence(
        document=document, locator="para. 4", basis=basis, rationale=rationale
    )


def _position(pid: str, actor: str, *conditions: peacepos.Condition) -> peacepos.Position:
    return peacepos.Position(
        id=pid, title=f"{actor}'s terms", actors=(actor,), date="2024-05-01", conditions=conditions
    )


LEFT = _position(
    "party-a",
    "Party A",
    Monitors(at_least=500, evidence=_ev("a")),
    peacepos.Ceasefire(evidence=_ev("a")),
)
RIGHT = _position(
    "party-b",
    "Party B",
    Monitors(at_most=200, evidence=_ev("b")),
    Monitors(at_least=100, evidence=_ev("b", peacepos.Basis.IMPLIED)),
)


def test_the_type_compiles_and_compares() -> None:
    result = peacepos.compare(LEFT, RIGHT)
    # The IMPLIED lower bound narrows Party B under the broad reading only.
    strict, broad = result.finding(ISSUE, "strict"), result.finding(ISSUE, "broad")
    assert strict.reading_dependent
    assert str(strict.right) == "≤ 200 monitors"
    assert str(broad.right) == "100–200 monitors"
    finding = broad
    assert finding.relation is peacepos.Relation.CONFLICT
    assert finding.common_ground is not None
    assert finding.common_ground.is_empty()
    assert "a gap of 300 monitors" in finding.explanation
    assert result.finding("hostilities").relation is peacepos.Relation.ONLY_LEFT


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_the_type_survives_a_file(tmp_path: pathlib.Path, suffix: str) -> None:
    path = tmp_path / f"party-b{suffix}"
    peacepos.write_position(RIGHT, path)
    text = path.read_text(encoding="utf-8")
    assert "test-extension-monitors" in text
    back = peacepos.read_position(path)
    assert back == RIGHT
    assert [c.evidence for c in back.conditions] == [c.evidence for c in RIGHT.conditions]
    laws.round_trip(RIGHT)


def test_a_file_error_names_the_place_in_the_new_type(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(peacepos.dumps_position(LEFT).replace("at_least = 500", 'at_least = "500"'))
    with pytest.raises(peacepos.PositionFileError, match=r"conditions\[\d\]\.at_least"):
        peacepos.read_position(path)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_type_renders_in_every_format(fmt: str) -> None:
    text = peacepos.compare(LEFT, RIGHT).render(fmt)
    if fmt == "json":
        data = json.loads(text)
        issues = [f["issue"] for f in data["findings"]]
        assert ISSUE in issues
    elif fmt == "csv":
        assert ISSUE in text or "Ceasefire monitors on the line of contact" in text
    else:
        assert "Ceasefire monitors on the line of contact" in text
    assert "500" in text  # Party A's lower bound, in numbers


def test_the_laws_hold_for_the_type() -> None:
    laws.mirror(LEFT, RIGHT)
    laws.oracle(LEFT, RIGHT)
    laws.conflict_iff_empty(LEFT, RIGHT)
    laws.readings(LEFT, RIGHT)
    laws.determinism(LEFT, RIGHT)
    laws.n_way(LEFT, RIGHT, peacepos.corpus.load("china-2023-02-24"))


def test_strategies_know_the_type() -> None:
    pst.register_condition_strategy(Monitors)

    @given(st.from_type(Monitors), pst.positions(issues=[ISSUE]))
    def check(condition: Monitors, position: peacepos.Position) -> None:
        assert condition.at_least is not None or condition.at_most is not None
        assert set(position.constraints()) <= {ISSUE} | {
            k for k in peacepos.issue_keys() if peacepos.get_issue(k).sequence
        }

    check()


def test_check_condition_type_on_the_type() -> None:
    laws.check_condition_type(Monitors, max_examples=15)


# -- a plugin module, loaded by the command line -------------------------------------------------

PLUGIN = '''
"""A peacepos plugin: one finite issue and one condition type."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

import peacepos

peacepos.register_issue(
    peacepos.Issue(
        key="test-extension/mission",
        title="An international mission",
        outcomes=("none", "observers", "peacekeepers"),
    )
)


@peacepos.condition_type("{kind}")
@attrs.frozen(kw_only=True)
class Mission(peacepos.Condition):
    """Observers or, with armed=True, armed peacekeepers (who may also observe)."""

    armed: bool = False

    def compile(self) -> Iterable[peacepos.Constraint]:
        if self.armed:
            yield peacepos.Constraint.of("test-extension/mission", "peacekeepers")
        else:
            yield peacepos.Constraint.of("test-extension/mission", "observers", "peacekeepers")
'''

POSITION = """\
id = "{pid}"
title = "{actor}'s terms"
actors = ["{actor}"]
date = 2024-05-01

[[conditions]]
kind = "{kind}"
armed = {armed}
[conditions.evidence]
document = "{pid}"
locator = "para. 2"
"""


@pytest.fixture
def plugin(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> dict[str, str]:
    """A plugin module on sys.path and two position files that use its kind (each test gets
    its own module name and kind, so none sees another's registration)."""
    tag = request.node.name.replace("test_", "").replace("_", "-")[:40].strip("-")
    kind = f"mission-{tag}"
    module = f"peacepos_plugin_{tag.replace('-', '_')}"
    (tmp_path / f"{module}.py").write_text(PLUGIN.replace("{kind}", kind), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    files = {}
    for pid, actor, armed in (("party-a", "Party A", "true"), ("party-b", "Party B", "false")):
        path = tmp_path / f"{pid}.toml"
        path.write_text(
            POSITION.format(pid=pid, actor=actor, kind=kind, armed=armed), encoding="utf-8"
        )
        files[pid] = str(path)
    return {"module": module, "kind": kind, **files}


def test_cli_without_the_plugin_names_the_unknown_kind(
    plugin: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["compare", plugin["party-a"], plugin["party-b"]])
    err = capsys.readouterr().err
    assert code == 2
    assert "party-a.toml" in err
    assert plugin["kind"] in err
    assert len(err.strip().splitlines()) == 1


def test_cli_loads_the_plugin_from_the_flag(
    plugin: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(
        ["compare", plugin["party-a"], plugin["party-b"], "--plugin", plugin["module"],
         "--format", "json"]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    findings = {f["issue"]: f for f in json.loads(out)["findings"]}
    mission = findings["test-extension/mission"]
    assert mission["relation"] == "narrower"  # peacekeepers ⊂ observers or peacekeepers


def test_cli_loads_the_plugin_from_the_environment(
    plugin: dict[str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PEACEPOS_PLUGINS", f" {plugin['module']} , ")
    assert cli.main(["validate", plugin["party-a"], plugin["party-b"]]) == 0
    out = capsys.readouterr().out
    assert "party-a.toml: ok" in out
    assert "party-b.toml: ok" in out
    assert cli.main(["show", plugin["party-a"], "--format", "markdown"]) == 0
    assert "para. 2" in capsys.readouterr().out


def test_cli_reports_a_plugin_that_cannot_be_imported(
    plugin: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["validate", plugin["party-a"], "--plugin", "no_such_peacepos_plugin"])
    err = capsys.readouterr().err
    assert code == 2
    assert "no_such_peacepos_plugin" in err


def test_plugin_kind_round_trips_through_convert(
    plugin: dict[str, str], capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path
) -> None:
    out = tmp_path / "party-a.json"
    args = ["convert", plugin["party-a"], "--output", str(out), "--plugin", plugin["module"]]
    assert cli.main(args) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["conditions"][0]["kind"] == plugin["kind"]
    assert data["conditions"][0]["armed"] is True
    again = peacepos.read_position(out)
    assert again == peacepos.read_position(plugin["party-a"])
