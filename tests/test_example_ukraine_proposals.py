"""The corpus report example, regenerated and compared byte for byte with the committed copy."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "examples" / "ukraine_proposals.py"
COMMITTED = ROOT / "examples" / "output"
FILES = (
    "ukraine_proposals.md",
    "ukraine_proposals_matrix.svg",
    "ukraine_proposals_conflicts.svg",
)


def _run(out: Path, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, str(SCRIPT), str(out)], check=True, env=env, cwd=ROOT)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    _run(out, "0")
    return out


@pytest.mark.parametrize("name", FILES)
def test_committed_output_is_up_to_date(generated: Path, name: str) -> None:
    fresh = (generated / name).read_bytes()
    committed = (COMMITTED / name).read_bytes()
    assert fresh == committed, (
        f"examples/output/{name} is out of date: run python examples/ukraine_proposals.py"
    )


def test_output_does_not_depend_on_the_hash_seed(generated: Path, tmp_path: Path) -> None:
    _run(tmp_path, "4242")
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (generated / name).read_bytes(), name


@pytest.mark.parametrize("name", FILES[1:])
def test_pictures_are_well_formed_svg_embedded_in_the_report(generated: Path, name: str) -> None:
    root = ET.parse(generated / name).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert f"]({name})" in (generated / FILES[0]).read_text(encoding="utf-8")


def test_report_carries_the_analysis(generated: Path) -> None:
    text = (generated / FILES[0]).read_text(encoding="utf-8")
    for heading in (
        "## How to read this report",
        "## Where they meet: joint common ground",
        "## What blocks agreement",
        "## Every document on every issue",
        "## Change over time",
        "## Caveats",
    ):
        assert heading in text
    assert "broad reading" in text
    assert "a gap of 165,000 troops" in text  # the 2022 army caps
    assert "*Sequence: talks* is a sequence clash" in text
    assert "### Russia: Apr 2022 → Feb 2023 → Jun 2024" in text
    assert "### Ukraine: Mar 2022 → Nov 2022" in text


def test_matrix_cells_escape_their_text(generated: Path) -> None:
    svg = (generated / FILES[1]).read_text(encoding="utf-8")
    # "China & Brazil" appears escaped, never as a bare ampersand
    assert "China &amp; Brazil" in svg
    assert "China & Brazil" not in svg
