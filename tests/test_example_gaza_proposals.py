"""The Gaza report example, regenerated and compared byte for byte with the committed copy."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import peacepos

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "examples" / "gaza_proposals.py"
COMMITTED = ROOT / "examples" / "output"
FILES = ("gaza_proposals.md", "gaza_proposals_matrix.svg")


def _run(out: Path, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, str(SCRIPT), str(out)], check=True, env=env, cwd=ROOT)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gaza-report")
    _run(out, "0")
    return out


@pytest.fixture(scope="module")
def text(generated: Path) -> str:
    return (generated / FILES[0]).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", FILES)
def test_committed_output_is_up_to_date(generated: Path, name: str) -> None:
    fresh = (generated / name).read_bytes()
    committed = (COMMITTED / name).read_bytes()
    assert fresh == committed, (
        f"examples/output/{name} is out of date: run python examples/gaza_proposals.py"
    )


def test_output_does_not_depend_on_the_hash_seed(generated: Path, tmp_path: Path) -> None:
    _run(tmp_path, "4242")
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (generated / name).read_bytes(), name


def test_the_picture_is_well_formed_svg_embedded_in_the_report(generated: Path, text: str) -> None:
    root = ET.parse(generated / FILES[1]).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    cells = root.findall("{http://www.w3.org/2000/svg}rect")
    assert len(cells) > 9 * 40  # nine documents, every issue any of them addresses
    assert f"]({FILES[1]})" in text


def test_report_carries_the_analysis(text: str) -> None:
    for heading in (
        "## How to read this report",
        "## The documents",
        "## Where they meet: joint common ground",
        "## What blocks agreement: the camps on each issue",
        "## Every document on every issue",
        "## Who conflicts with whom",
        "## Readers who disagree",
        "## Conditional terms",
        "### Where a conditional term would meet the other side",
        "## Change over time",
        "## Is there a settlement the documents accept?",
        "## Caveats",
    ):
        assert heading in text
    assert "broad reading" in text
    # the documents, by the names the report gives them
    for name in ("Biden proposal (May 2024)", "Cairo plan (Mar 2025)", "20-point plan (Sep 2025)"):
        assert name in text
    # camps: the Philadelphi corridor splits Israel's 2024 terms from everyone else who speaks
    row = next(line for line in text.splitlines() if line.startswith("| Israeli forces in the P"))
    assert "**2:** Israel, 2024 terms (Sep 2024) → Israeli forces stay" in row
    # common ground on displacement among all who speak
    assert "| Displacement of Gazans | no displacement |" in text
    # readers who disagree on the right to resume, each named
    contested = text.split("## Readers who disagree", 1)[1].split("## Conditional terms", 1)[0]
    assert "January agreement (Jan 2025)" in contested
    assert "Israeli Prime Minister's Office:" in contested
    assert "Hamas: only if the other side breaks the deal" in contested
    # a conditional term meeting the other side, and the requirement the other side refuses
    assert "a state on the 1967 lines: refused" in text
    assert "*Sequence: hostages and the end of the war* is a sequence clash" in text
    assert "### Hamas: Jun 2024 → Jul 2024" in text


def test_the_deals_section_answers_from_the_engine(text: str) -> None:
    section = text.split("## Is there a settlement the documents accept?", 1)[1]
    section = section.split("\n## ", 1)[0]
    # Hamas and Israel (2024) have no settlement: the permanence of the ceasefire blocks it
    hamas = peacepos.corpus.load("hamas-2024-06-11")
    israel = peacepos.corpus.load("israel-2024-09-04")
    deal = peacepos.deals(hamas, israel)
    assert not deal.exists
    assert "hostilities/permanence" in {d.issue for s in deal.blocking_sets for d in s}
    assert "No settlement that Hamas" in section
    assert "Blocking set" in section
    assert "How permanent the ceasefire is" in section


def test_no_project_notes_in_the_report(generated: Path) -> None:
    pattern = re.compile(
        r"gaza\.md|positions\.md|NOTES\.md|source notes|staging|shared/"
        r"|TODO|FIXME|placeholder|maintainer|§",
        re.IGNORECASE,
    )
    for name in FILES:
        found = pattern.findall((generated / name).read_text(encoding="utf-8"))
        assert found == [], name


def test_matrix_cells_say_what_they_hold(generated: Path) -> None:
    svg = (generated / FILES[1]).read_text(encoding="utf-8")
    # a contested cell, a conditional-only cell and a stance resting on IMPLIED conditions
    assert (
        "January agreement (Jan 2025) — When fighting may resume: no unconditional stance; "
        "readers disagree" in svg
    )
    assert (
        "Hamas, June terms (Jun 2024) — Hamas's weapons: no unconditional stance; under its "
        "conditional terms: Hamas disarmed, Gaza demilitarised" in svg
    )
    assert (
        "Cairo plan (Mar 2025) — Hamas's role in governing Gaza: no role for Hamas "
        "(rests on IMPLIED conditions)" in svg
    )
