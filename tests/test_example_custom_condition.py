"""examples/custom_condition.py runs end to end: a user-defined issue and condition type."""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys

SCRIPT = pathlib.Path(__file__).resolve().parents[1] / "examples" / "custom_condition.py"


def test_the_example_runs_and_prints_its_table(tmp_path: pathlib.Path) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT)],
        cwd=tmp_path,  # it must not depend on, or write into, the working directory
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    rows = [line for line in out.splitlines() if line.startswith("Width of a demilitarised zone")]
    assert len(rows) == 1
    # ≥ 10 km against ≤ 20 km: an overlap whose common ground is 10 to 20 km.
    cells = [c.strip() for c in re.split(r"\s{2,}", rows[0].strip())]
    assert cells[1:6] == ["both", "overlap", "10–200 km", "≤ 20 km", "10–20 km"]
    assert "dmz width: overlap; common ground: 10–20 km" in out
    assert "check_condition_type(DemilitarisedZone): every law holds" in out
    # Only hypothesis' own cache may appear; the example's file goes to a temporary directory.
    assert [p.name for p in tmp_path.iterdir() if p.name != ".hypothesis"] == []
