"""examples/custom_condition.py runs end to end, and works as a command-line plugin: a codebook
of one's own with a new issue, and a condition kind written in Python."""

from __future__ import annotations

import json
import os
import pathlib
import re
import subprocess
import sys

EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "examples"
SCRIPT = EXAMPLES / "custom_condition.py"

POSITION = """\
id = "{pid}"
title = "{pid}"
actors = ["{actor}"]
date = 2024-01-01
codebook = "dmz-example"

[[conditions]]
kind = "demilitarised-zone"
{fields}
[conditions.evidence]
locator = "para. 1"
"""


def _run(args: list[str], cwd: pathlib.Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(EXAMPLES), *sys.path])}
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=300
    )


def test_the_example_runs_and_prints_its_table(tmp_path: pathlib.Path) -> None:
    # it must not depend on, or write into, the working directory
    done = _run([sys.executable, str(SCRIPT)], tmp_path)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    # (plain text wraps the title: its first line starts the row)
    rows = [line for line in out.splitlines() if line.startswith("Width of a")]
    assert len(rows) == 1
    # ≥ 10 km (of at most 200) against ≤ 20 km: an overlap whose common ground is 10 to 20 km.
    cells = [c.strip() for c in re.split(r"\s{2,}", rows[0].strip())]
    assert cells[1:6] == ["both", "overlap", "10–200 km", "≤ 20 km", "10–20 km"]
    assert "dmz width: overlap; common ground: 10–20 km" in out
    assert "check_condition_type(DemilitarisedZone): every law holds" in out
    # Only hypothesis' own cache may appear; the example's file goes to a temporary directory.
    assert [p.name for p in tmp_path.iterdir() if p.name != ".hypothesis"] == []


def test_the_example_is_a_command_line_plugin(tmp_path: pathlib.Path) -> None:
    files = []
    for pid, fields in (("party-a", "at_least_km = 10"), ("party-b", "at_most_km = 20")):
        path = tmp_path / f"{pid}.toml"
        path.write_text(POSITION.format(pid=pid, actor=pid, fields=fields), encoding="utf-8")
        files.append(str(path))
    command = [sys.executable, "-m", "peacepos", "compare", *files, "--format", "json"]
    done = _run([*command, "--plugin", "custom_condition"], tmp_path)
    assert done.returncode == 0, done.stderr
    findings = {f["issue"]: f for f in json.loads(done.stdout)["findings"]}
    assert findings["military/dmz-width"]["relation"] == "overlap"
    without = _run(command, tmp_path)
    assert without.returncode == 2
    assert "dmz-example" in without.stderr
