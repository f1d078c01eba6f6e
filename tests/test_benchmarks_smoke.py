"""The benchmarks at tiny sizes: they run, and what they time agrees with the reference.

No timing is asserted here; ``python benchmarks/run.py`` is where numbers come from.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from peacepos.fast import relation_matrix

from peacepos import Basis
from peacepos.testing import reference

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    # run.py imports its siblings (synthetic, baseline) as a script does.
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location("peacepos_bench_run", BENCHMARKS / "run.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCHMARKS))
    return module


class TestSynthetic:
    def test_seeded(self, bench: ModuleType) -> None:
        synthetic = bench.synthetic
        assert synthetic.corpus(15, seed=3) == synthetic.corpus(15, seed=3)
        assert synthetic.corpus(15, seed=3) != synthetic.corpus(15, seed=4)

    def test_realistic_positions(self, bench: ModuleType) -> None:
        ps = bench.synthetic.corpus(40, seed=5)
        assert len({p.id for p in ps}) == 40
        for p in ps:
            assert 8 <= len(p.constraints("broad")) <= 15
            assert all(c.evidence.document == p.id for c in p.conditions)
        bases = {c.evidence.basis for p in ps for c in p.conditions}
        assert bases == {Basis.EXPLICIT, Basis.IMPLIED}
        # Camps disagree: some pairs conflict, and the strict and broad readings differ.
        m = relation_matrix(ps, "broad")
        conflicts = sum(m.count(reference.Relation.CONFLICT))
        assert 0 < conflicts < len(m) * len(m.issues)
        assert relation_matrix(ps, "strict").to_dict() != m.to_dict()


class TestBenchmarksAgreeWithReference:
    def test_compare(self, bench: ModuleType) -> None:
        out = bench.bench_compare(number=1, repeat=1)
        assert out["compare_matches_reference"] is True
        assert out["compare_us"] > 0

    @pytest.mark.parametrize("full", [20, 0])
    def test_matrix_full_and_sampled(self, bench: ModuleType, full: int) -> None:
        out = bench.bench_matrix(20, repeat=1, sample=40, full_reference_max=full)
        assert out["identical"] is True
        assert out["pairs"] == 190
        assert out["reference"].startswith("measured" if full else "projected")

    def test_coalitions(self, bench: ModuleType) -> None:
        out = bench.bench_coalitions(
            12, repeat=1, reference_sizes=(4, 6, 8), engine_sizes=(12,), check_max=12
        )
        assert out["identical"] is True
        assert out["reference_checked_issues"] > 0
        assert [r["n"] for r in out["curve"]] == [4, 6, 8, 12]
        assert all(r["identical"] for r in out["curve"] if "reference_s" in r)


def test_quick_run_ends_with_the_json_line(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    picture = tmp_path / "curve.svg"
    assert bench.main(["--quick", "--svg", str(picture)]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    numbers = json.loads(last)
    for key in (
        "compare_us",
        "import_ms",
        "matrix_2000_s",
        "matrix_speedup",
        "coalitions_30_s",
        "matrix_2000_peak_mb",
        "cli_ms",
        "compare_reference_us",
    ):
        assert isinstance(numbers[key], int | float), key
    assert numbers["identical"] is True
    svg = ET.parse(picture).getroot()
    assert len(svg.findall("{http://www.w3.org/2000/svg}polyline")) == 3
