"""The corpus report example, regenerated and compared byte for byte with the committed copy."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import peacepos

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "examples" / "ukraine_proposals.py"
COMMITTED = ROOT / "examples" / "output"
FILES = (
    "ukraine_proposals.md",
    "ukraine_proposals_matrix.svg",
    "ukraine_proposals_conflicts.svg",
    "ukraine_proposals_timeline.svg",
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
        "## The documents",
        "## Where they meet: joint common ground",
        "## What blocks agreement",
        "## Every document on every issue",
        "## Who conflicts with whom",
        "## Is there a deal? The texts of spring 2025",
        "## Change over time",
        "## Caveats",
    ):
        assert heading in text
    assert "broad reading" in text
    assert "a gap of 165,000 troops" in text  # the 2022 army caps
    assert "*Sequence: talks* is a sequence clash" in text
    assert "### Russia: Apr 2022 → Feb 2023 → Jun 2024 → Mar 2025 → Jun 2025" in text
    assert "### Ukraine: Mar 2022 → Apr 2022 → Nov 2022 → May 2025 → Dec 2025" in text


def test_report_reads_the_russia_ukraine_positions_only(generated: Path) -> None:
    text = (generated / FILES[0]).read_text(encoding="utf-8")
    ours = [p for p in peacepos.corpus.load_all() if p.codebook.name == "russia-ukraine"]
    others = [p for p in peacepos.corpus.load_all() if p.codebook.name != "russia-ukraine"]
    assert others, "the corpus holds another process, which the report leaves out"
    assert f"This report compares {len(ours)} documents" in text
    for p in ours:
        assert f"`{p.id}`" in text, p.id
    for p in others:
        assert p.id not in text, p.id


def test_report_explains_the_deal_it_computes(generated: Path) -> None:
    text = (generated / FILES[0]).read_text(encoding="utf-8")
    texts = [
        peacepos.corpus.load(i)
        for i in ("us-2025-04-17", "ukraine-europe-2025-04-23", "russia-2025-06-02")
    ]
    deal = peacepos.deals(*texts, limit=20)
    assert not deal.exists
    assert deal.covering
    assert f"peacepos lists {len(deal.blocking_sets)} minimal blocking sets" in text
    section = text[text.index("## Is there a deal?") : text.index("## Change over time")]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "<br>" in line]
    assert len(rows) == len(deal.blocking_sets)
    spanning = [s for s in deal.blocking_sets if len({d.issue for d in s}) > 1]
    assert spanning, "a set spans issues through the memorandum's two variants"
    assert {d.variant for s in spanning for d in s} == {None, "withdrawal", "package"}
    assert f"{len(spanning)} sets span more than one issue" in text


def test_timeline_draws_every_position_of_one_actor(generated: Path) -> None:
    svg = (generated / FILES[3]).read_text(encoding="utf-8")
    russia = [p for p in peacepos.corpus.load_all() if p.actors == ("Russia",)]
    assert svg.count('class="column"') == len(russia)


def test_matrix_cells_escape_their_text(generated: Path) -> None:
    svg = (generated / FILES[1]).read_text(encoding="utf-8")
    # "China & Brazil" appears escaped, never as a bare ampersand
    assert "China &amp; Brazil" in svg
    assert "China & Brazil" not in svg
