"""The benchmarks at tiny sizes: they run, and what they time agrees with its baseline.

No timing is asserted here; ``python benchmarks/run.py`` is where numbers come from.
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

import peacepos
from peacepos import Relation
from peacepos.analysis.many import relation_matrix

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


def test_synthetic_corpora_are_seeded_and_realistic(bench: ModuleType) -> None:
    synthetic = bench.synthetic
    assert synthetic.corpus(15, seed=3) == synthetic.corpus(15, seed=3)
    assert synthetic.corpus(15, seed=3) != synthetic.corpus(15, seed=4)
    ps = synthetic.corpus(60, seed=5)
    assert len({p.id for p in ps}) == 60
    for p in ps:
        assert 1 <= len(p.conditions) <= 13
    m = relation_matrix(ps, "broad")
    conflicts = sum(m.count(Relation.CONFLICT))
    assert 0 < conflicts < len(m) * len(m.issues)  # camps disagree, not on everything
    assert relation_matrix(ps, "strict").to_dict() != m.to_dict()  # the readings differ


def test_compare_against_its_floor(bench: ModuleType) -> None:
    found = bench.compare_vs_floor(repeat=1)
    assert found["compare_vs_floor"] > 0
    assert found["compare_with_findings_us"] >= 0


def test_deals_agree_with_brute_force(bench: ModuleType) -> None:
    found = bench.deals(repeat=1, quick=True)
    assert found["deals_brute_force_agreements"] == 3
    assert found["deals_russia-ukraine_positions"] == len(
        [p for p in peacepos.corpus.load_all() if p.codebook.name == "russia-ukraine"]
    )


def test_the_brute_force_of_the_benchmarks_finds_what_deals_finds(bench: ModuleType) -> None:
    for seed in range(8):
        book, small = bench.synthetic.terms_corpus(4, 5, seed=seed, outcomes=3)
        assert bench._brute_force(book, small) == peacepos.deals(*small, reading="strict").exists


def test_numpy_baseline_is_identical(bench: ModuleType) -> None:
    if os.environ.get("CI") is None:
        pytest.importorskip("numpy", reason="the bench extra: pip install '.[bench]'")
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import baseline
    finally:
        sys.path.remove(str(BENCHMARKS))
    ps = bench.synthetic.corpus(40, seed=9)
    m = relation_matrix(ps, "broad")
    codes = baseline.matrix(ps, "broad")
    assert set(codes) == set(m.issues)
    for key in m.issues:
        assert codes[key].tobytes() == m.codes(key)
        pairs = itertools.combinations(range(len(ps)), 2)
        assert [m.relation(i, j, key) for i, j in pairs] == [
            bench.peacepos.analysis.many.CODES[c] for c in codes[key]
        ]
    for relation in Relation:
        expected = m.count(relation)
        assert tuple(int(x) for x in baseline.counts(ps, "broad", relation)) == expected
    found = bench.matrix((30,), repeat=1)
    assert found["matrix_30_bytes"] > 0
