"""peacepos measured against baselines run in the same process, as ratios.

    python benchmarks/run.py            # every measure (a few minutes)
    python benchmarks/run.py --quick    # tiny sizes: checks the machinery only

Each measure is a ratio against a baseline timed in the same run, in CPU time (the process's
own, or its children's for whole commands) with wall time beside it: absolute times move with
the machine's load, ratios much less. Results are checked identical to the baseline's (and to
the brute-force reference where one exists) before anything is timed. The last line printed is
one JSON object with every figure.

The baselines:

* the floor of ``compare()``: the bare relation of each issue's two constraints, both
  readings, on the positions' precompiled stances;
* ``import attrs`` and ``import peacepos`` as whole processes; the command line
  (``peacepos compare``) against ``import peacepos``;
* the numpy all-pairs matrix an analyst would write (``baseline.py``; needs numpy, the
  ``bench`` extra);
* for deals, the brute-force enumeration of every settlement on instances small enough.
"""

from __future__ import annotations

import argparse
import compileall
import gc
import itertools
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synthetic  # noqa: E402

import peacepos  # noqa: E402
from peacepos.analysis.many import relation_matrix  # noqa: E402
from peacepos.analysis.relation import relate  # noqa: E402

HEADLINE = ("china-2023-02-24", "russia-2023-02-24")


# -- timing -------------------------------------------------------------------------------


def clock(fn: Callable[[], object], repeat: int, number: int = 1) -> tuple[float, float]:
    """Median CPU and wall seconds per call over ``repeat`` rounds of ``number`` calls, with
    the garbage collector paused (as :mod:`timeit` does)."""
    cpu, wall = [], []
    was = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeat):
            c, w = time.process_time(), time.perf_counter()
            for _ in range(number):
                fn()
            cpu.append((time.process_time() - c) / number)
            wall.append((time.perf_counter() - w) / number)
    finally:
        if was:
            gc.enable()
    return statistics.median(cpu), statistics.median(wall)


def interleaved(
    a: Callable[[], object], b: Callable[[], object], repeat: int, number: int
) -> tuple[float, float, float]:
    """``a`` and ``b`` timed in alternation (so load on the machine hits both alike): their
    median CPU seconds per call and the median of the per-round ratios a / b."""
    ta, tb, ratios = [], [], []
    for _ in range(repeat):
        x, _ = clock(a, 1, number)
        y, _ = clock(b, 1, number)
        ta.append(x)
        tb.append(y)
        ratios.append(x / y if y else float("inf"))
    return statistics.median(ta), statistics.median(tb), statistics.median(ratios)


def child_cpu(commands: list[list[str]], repeat: int) -> list[tuple[float, float]]:
    """Median CPU (user + system) and wall seconds of each command as a whole process. The
    commands take turns, round after round: a change in the machine's load meanwhile falls on
    all of them alike, not on whichever ran last."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cpu: list[list[float]] = [[] for _ in commands]
    wall: list[list[float]] = [[] for _ in commands]
    for _ in range(repeat):
        for i, command in enumerate(commands):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            w = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
            wall[i].append(time.perf_counter() - w)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[i].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return [(statistics.median(c), statistics.median(w)) for c, w in zip(cpu, wall, strict=True)]


# -- the measures ---------------------------------------------------------------------------


def compare_vs_floor(repeat: int) -> dict[str, float]:
    left, right = (peacepos.corpus.load(i) for i in HEADLINE)
    stances = [(p.constraints("strict"), p.constraints("broad")) for p in (left, right)]

    def floor() -> None:
        for r in (0, 1):
            a, b = stances[0][r], stances[1][r]
            for key in a.keys() | b.keys():
                relate(a.get(key), b.get(key))

    def lazy() -> None:
        peacepos.compare(left, right)

    def full() -> None:
        _ = peacepos.compare(left, right).findings

    # the same verdicts as the floor computes, where the texts speak
    result = peacepos.compare(left, right, reading="broad")
    plain = {
        f.issue: f.relation
        for f in result.findings
        if f.relation is not peacepos.Relation.CONTESTED and not f.conditional
    }
    a, b = stances[0][1], stances[1][1]
    assert all(relate(a.get(k), b.get(k)) is plain[k] for k in (a.keys() | b.keys()) if k in plain)
    number = 200
    t_lazy, t_floor, ratio = interleaved(lazy, floor, repeat, number)
    t_full, _, ratio_full = interleaved(full, floor, repeat, number)
    return {
        "compare_vs_floor": ratio,
        "compare_with_findings_vs_floor": ratio_full,
        "compare_us": t_lazy * 1e6,
        "compare_with_findings_us": t_full * 1e6,
        "floor_us": t_floor * 1e6,
    }


def processes(repeat: int) -> dict[str, Any]:
    package = Path(peacepos.__file__).parent
    compileall.compile_dir(str(package), quiet=1)  # as an installed package is: bytecode ready
    py = sys.executable
    (attrs_cpu, attrs_wall), (import_cpu, import_wall), (cli_cpu, cli_wall) = child_cpu(
        [
            [py, "-c", "import attrs"],
            [py, "-c", "import peacepos"],
            [py, "-m", "peacepos", "compare", *HEADLINE],
        ],
        repeat,
    )
    from peacepos import corpus

    return {
        "import_vs_attrs": import_cpu / attrs_cpu,
        "cli_vs_import": cli_cpu / import_cpu,
        "import_attrs_ms": attrs_cpu * 1e3,
        "import_peacepos_ms": import_cpu * 1e3,
        "cli_ms": cli_cpu * 1e3,
        "wall_import_attrs_ms": attrs_wall * 1e3,
        "wall_import_peacepos_ms": import_wall * 1e3,
        "wall_cli_ms": cli_wall * 1e3,
        "builtin_cache": bool(corpus._cache()),
    }


def matrix(sizes: tuple[int, ...], repeat: int) -> dict[str, Any]:
    import baseline  # numpy: the bench extra

    from peacepos import Relation

    out: dict[str, Any] = {}
    for n in sizes:
        positions = synthetic.corpus(n, seed=n)
        m = relation_matrix(positions, "broad")
        # identical to the numpy version before anything is timed
        numpy_codes = baseline.matrix(positions[: min(n, 600)], "broad")
        small = relation_matrix(positions[: min(n, 600)], "broad")
        assert set(numpy_codes) == set(small.issues)
        assert all(numpy_codes[k].tobytes() == small.codes(k) for k in small.issues)
        counts = baseline.counts(positions, "broad", Relation.CONFLICT)
        assert m.count(Relation.CONFLICT) == tuple(int(x) for x in counts)
        tracemalloc.start()
        built = relation_matrix(positions, "broad")
        held, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        out[f"matrix_{n}_bytes"] = built.nbytes
        out[f"matrix_{n}_traced_bytes"] = held
        rounds = max(1, repeat // 4)
        ps = positions
        t_build, _ = clock(lambda ps=ps: relation_matrix(ps, "broad"), rounds)  # type: ignore[misc]
        t_np_build, _ = clock(lambda ps=ps: baseline.matrix(ps, "broad"), rounds)  # type: ignore[misc]
        t_count, _ = clock(
            lambda ps=ps: relation_matrix(ps, "broad").count(Relation.CONFLICT),  # type: ignore[misc]
            rounds,
        )
        t_np_count, _ = clock(
            lambda ps=ps: baseline.counts(ps, "broad", Relation.CONFLICT),  # type: ignore[misc]
            rounds,
        )
        out[f"matrix_vs_numpy_{n}"] = t_np_build / t_build
        out[f"counts_vs_numpy_{n}"] = t_np_count / t_count
        out[f"matrix_{n}_s"] = t_build
        out[f"counts_{n}_s"] = t_count
        out[f"numpy_matrix_{n}_s"] = t_np_build
        out[f"numpy_counts_{n}_s"] = t_np_count
        out[f"matrix_{n}_issues"] = len(m.issues)
    return out


def scaling(sizes: tuple[int, ...]) -> dict[str, Any]:
    """How the compact matrix grows: build time and memory up to tens of thousands of
    positions (no baseline: the numpy version needs a byte per pair and issue)."""
    out: dict[str, Any] = {}
    for n in sizes:
        positions = synthetic.corpus(n, seed=n)
        gc.collect()
        tracemalloc.start()
        m = relation_matrix(positions, "broad")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        t, _ = clock(lambda ps=positions: relation_matrix(ps, "broad"), 3)  # type: ignore[misc]
        pairs = list(itertools.islice(itertools.combinations(range(n), 2), 0, None, max(1, n)))
        lookup, _ = clock(lambda m=m, pairs=pairs: [m.pair(i, j) for i, j in pairs], 3)  # type: ignore[misc]
        out[f"scaling_{n}_build_s"] = t
        out[f"scaling_{n}_bytes"] = m.nbytes
        out[f"scaling_{n}_traced_peak_bytes"] = peak
        out[f"scaling_{n}_pair_us"] = lookup / len(pairs) * 1e6
        out[f"scaling_{n}_pairs"] = len(m)
    return out


def _brute_force(codebook: peacepos.Codebook, positions: list[peacepos.Position]) -> bool:
    """Is there a settlement? Every combination of outcomes, checked from the conditions."""
    from peacepos.conditions import Basis

    keys = list(codebook)
    domains = [codebook[k].outcomes for k in keys]  # type: ignore[union-attr]
    demands = [[c for c in p.own_conditions if c.basis is Basis.EXPLICIT] for p in positions]
    for combo in itertools.product(*domains):
        s = dict(zip(keys, combo, strict=True))
        if all(_accepts(conditions, s, codebook) for conditions in demands):
            return True
    return False


def _accepts(conditions: list[Any], s: dict[str, str], codebook: peacepos.Codebook) -> bool:
    plain = [c for c in conditions if not c.only_if]
    terms = [c for c in conditions if c.only_if]
    for c in plain:
        for x in c.constraints(codebook):
            if s[x.issue.key] in x:
                continue
            if not any(
                any(
                    y.issue.key == x.issue.key and s[x.issue.key] in y
                    for y in t.constraints(codebook)
                )
                and all(s[z.issue.key] in z for r in t.only_if for z in r.constraints(codebook))
                for t in terms
            ):
                return False
    return True


def deals(repeat: int, quick: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    by_book: dict[str, list[peacepos.Position]] = {}
    for p in peacepos.corpus.load_all():
        by_book.setdefault(p.codebook.name, []).append(p)
    rounds = max(1, repeat // 4)
    total = 0.0
    for name, positions in sorted(by_book.items()):
        t, _ = clock(lambda ps=positions: peacepos.deals(*ps), rounds)  # type: ignore[misc]
        out[f"deals_{name}_s"] = t
        out[f"deals_{name}_positions"] = len(positions)
        total += t
    out["deals_corpus_s"] = total
    # brute force beside the search, where enumeration is feasible (4^6 settlements)
    agree = 0
    for seed in range(3 if quick else 20):
        book, small = synthetic.terms_corpus(6, 6, seed=seed)
        assert peacepos.deals(*small, reading="strict").exists == _brute_force(book, small)
        agree += 1
    out["deals_brute_force_agreements"] = agree
    n, issues = (10, 20) if quick else (30, 50)
    times = []
    for seed in range(3 if quick else 10):
        book, positions = synthetic.terms_corpus(n, issues, seed=seed)
        t, _ = clock(lambda ps=positions: peacepos.deals(*ps), 1)  # type: ignore[misc]
        times.append(t)
    out["deals_synthetic_s"] = max(times)
    out["deals_synthetic_median_s"] = statistics.median(times)
    out["deals_synthetic_shape"] = f"{n} positions x {issues} issues, one conditional term each"
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes: the machinery only")
    args = parser.parse_args()
    repeat = 5 if args.quick else 21
    results: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
        f"{platform.python_implementation()} {platform.python_version()}",
        "peacepos": peacepos.__version__,
    }
    steps: list[tuple[str, Callable[[], dict[str, Any]]]] = [
        ("compare() against its floor", lambda: compare_vs_floor(repeat)),
        ("processes", lambda: processes(5 if args.quick else 41)),
        ("deals", lambda: deals(repeat, args.quick)),
    ]
    try:
        import numpy  # noqa: F401
    except ImportError:
        print("numpy is not installed (pip install '.[bench]'): the matrix is not measured")
    else:
        sizes = (200, 400) if args.quick else (2000, 8000)
        steps.append(("all-pairs matrix", lambda: matrix(sizes, repeat)))
    scale = (500, 1000) if args.quick else (2000, 4000, 8000, 16000)
    steps.append(("scaling", lambda: scaling(scale)))
    for title, step in steps:
        found = step()
        results.update(found)
        print(f"\n## {title}\n")
        print("| measure | value |\n|---|---|")
        for key, value in found.items():
            shown = f"{value:.3g}" if isinstance(value, float) else str(value)
            print(f"| {key} | {shown} |")
    print()
    print(json.dumps(results, sort_keys=True))


if __name__ == "__main__":
    main()
