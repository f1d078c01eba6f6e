"""Benchmarks of peacepos against the brute-force reference, measured in the same run.

    python benchmarks/run.py                      # everything, a few minutes at most
    python benchmarks/run.py --svg docs/performance-scaling.svg   # also redraw the curve
    python benchmarks/run.py --quick              # tiny sizes: checks the machinery only

Prints Markdown tables, then, as its last line, one JSON object with the headline numbers.
Every timing is a median with the garbage collector paused (as :mod:`timeit` does). The
engine's numbers come from its pure-Python paths: peacepos has no compiled or numpy code.
The reference is :mod:`peacepos.testing.reference` (per-issue frozensets, plain loops); where
running it in full would take minutes, it runs on a seeded sample of pairs and its time is
scaled by the number of pairs (its cost per pair does not depend on N).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import itertools
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import baseline  # noqa: E402
import synthetic  # noqa: E402
from peacepos.compare import maximal_coalitions  # noqa: E402
from peacepos.fast import relation_matrix  # noqa: E402

import peacepos  # noqa: E402
from peacepos.position import Position  # noqa: E402
from peacepos.testing import reference  # noqa: E402

READING = "broad"
HEADLINE = ("china-2023-02-24", "russia-2023-02-24")
SIZES = (250, 500, 1000, 2000, 4000)
MATRIX_N = 2000
COALITION_N = 30


# -- timing -------------------------------------------------------------------------------


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    was = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class Timing(NamedTuple):
    """Seconds of wall-clock time, and of CPU time of this process (or of the child)."""

    wall: float
    cpu: float


class Clock:
    """``with Clock() as c: ...`` then ``c.wall``, ``c.cpu`` (seconds)."""

    wall = cpu = 0.0

    def __enter__(self) -> Clock:
        self._start = (time.perf_counter(), time.process_time())
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self._start[0]
        self.cpu = time.process_time() - self._start[1]


def per_call(fn: Callable[[], object], *, number: int, repeat: int) -> Timing:
    """Median seconds per call over ``repeat`` batches of ``number`` calls, both clocks."""
    walls, cpus = [], []
    with paused_gc():
        for _ in range(repeat):
            with Clock() as c:
                for _ in range(number):
                    fn()
            walls.append(c.wall / number)
            cpus.append(c.cpu / number)
    return Timing(statistics.median(walls), statistics.median(cpus))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def process(cmd: Sequence[str], *, repeat: int) -> Timing:
    """Median wall and CPU time of a whole process (after one warm-up run)."""
    walls, cpus = [], []
    for k in range(repeat + 1):
        cpu = _children_cpu()
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed: {done.stderr.strip()}")
        if k:
            walls.append(elapsed)
            cpus.append(_children_cpu() - cpu)
    return Timing(statistics.median(walls), statistics.median(cpus))


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "peacepos": peacepos.__version__,
        "path": "pure Python",
        "load_average": round(os.getloadavg()[0], 2),
    }


# -- import, CLI, compare -------------------------------------------------------------------

_IMPORT = (
    "import time; w, c = time.perf_counter(), time.process_time(); import peacepos; "
    "print(time.perf_counter() - w, time.process_time() - c)"
)


def bench_import(repeat: int = 15) -> dict[str, Any]:
    """``import peacepos`` in a fresh interpreter, timed inside it; and bare start-up."""
    walls, cpus = [], []
    for _ in range(repeat + 1):
        done = subprocess.run(
            [sys.executable, "-c", _IMPORT], capture_output=True, text=True, check=True
        )
        w, c = (float(x) for x in done.stdout.split())
        walls.append(w)
        cpus.append(c)
    startup = process([sys.executable, "-c", "pass"], repeat=repeat)
    return {
        "import_ms": statistics.median(walls[1:]) * 1e3,
        "import_cpu_ms": statistics.median(cpus[1:]) * 1e3,
        "python_startup_ms": startup.wall * 1e3,
    }


def cli_command() -> list[str]:
    script = Path(sys.executable).with_name("peacepos")
    base = [str(script)] if script.exists() else [sys.executable, "-m", "peacepos"]
    return [*base, "compare", *HEADLINE]


def bench_cli(repeat: int = 11) -> dict[str, Any]:
    """``peacepos compare china-2023-02-24 russia-2023-02-24`` as a whole process."""
    t = process(cli_command(), repeat=repeat)
    return {"cli_ms": t.wall * 1e3, "cli_cpu_ms": t.cpu * 1e3}


def _relations(result: peacepos.Comparison) -> dict[str, Any]:
    return {f.issue: f.relation for f in result}


def bench_compare(number: int = 500, repeat: int = 15) -> dict[str, Any]:
    """``peacepos.compare`` of the headline pair, per reading, and the reference."""
    left, right = (peacepos.corpus.load(i) for i in HEADLINE)
    out: dict[str, Any] = {}
    for reading, key in (("both", "compare"), ("strict", "compare_strict"),
                         ("broad", "compare_broad")):  # fmt: skip
        t = per_call(
            lambda r=reading: peacepos.compare(left, right, reading=r),
            number=number,
            repeat=repeat,
        )
        out[f"{key}_us"], out[f"{key}_cpu_us"] = t.wall * 1e6, t.cpu * 1e6

    def both_readings() -> object:
        return reference.compare(left, right, "strict"), reference.compare(left, right, "broad")

    t = per_call(both_readings, number=max(1, number // 10), repeat=repeat)
    out["compare_reference_us"], out["compare_reference_cpu_us"] = t.wall * 1e6, t.cpu * 1e6
    out["compare_matches_reference"] = all(
        _relations(peacepos.compare(left, right, reading=r))
        == {k: rel for k, (rel, _) in reference.compare(left, right, r).items()}
        for r in ("strict", "broad")
    )
    return out


# -- all pairs ------------------------------------------------------------------------------


def _sample_pairs(n: int, k: int, seed: int) -> list[tuple[int, int]]:
    rng = random.Random(seed)
    total = n * (n - 1) // 2
    if k >= total:
        return list(itertools.combinations(range(n), 2))
    chosen: set[tuple[int, int]] = set()
    while len(chosen) < k:
        i, j = sorted(rng.sample(range(n), 2))
        chosen.add((i, j))
    return sorted(chosen)


def peak_memory(fn: Callable[[], object]) -> tuple[float, float]:
    """(peak, retained) megabytes (10**6 bytes) that ``fn`` allocates, by tracemalloc."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        result = fn()
        now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return (peak - before) / 1e6, (now - before) / 1e6


def bench_matrix(
    n: int,
    *,
    repeat: int = 3,
    sample: int = 2000,
    full_reference_max: int = 500,
    seed: int = 2024,
    positions: list[Position] | None = None,
) -> dict[str, Any]:
    """The all-pairs relation matrix of ``n`` synthetic positions, engine and reference."""
    start = time.perf_counter()
    ps = synthetic.corpus(n, seed=seed) if positions is None else positions
    generate_s = time.perf_counter() - start
    pairs = n * (n - 1) // 2
    relation_matrix(ps, READING)  # warm-up: first-call effects are not what is measured
    fast = per_call(lambda: relation_matrix(ps, READING), number=1, repeat=repeat)
    peak_mb, kept_mb = peak_memory(lambda: relation_matrix(ps, READING))
    m = relation_matrix(ps, READING)
    out: dict[str, Any] = {
        "n": n,
        "pairs": pairs,
        "issues": len(m.issues),
        "generate_s": generate_s,
        "fast_s": fast.wall,
        "fast_cpu_s": fast.cpu,
        "peak_mb": peak_mb,
        "result_mb": kept_mb,
    }
    if n <= full_reference_max:
        with paused_gc():
            with Clock() as c:
                ref = reference.matrix(ps, READING)
            out["reference_s"], out["reference_cpu_s"] = c.wall, c.cpu
            with Clock() as c:
                loop = baseline.engine_loop_matrix(ps, READING)
            out["engine_loop_s"], out["engine_loop_cpu_s"] = c.wall, c.cpu
        out["reference"] = "measured, all pairs"
        out["identical"] = m.to_dict() == ref == loop
        del ref, loop
    else:
        chosen = _sample_pairs(n, sample, seed)
        with paused_gc():
            with Clock() as ref_clock:
                ref_pairs = [reference.compare(ps[i], ps[j], READING) for i, j in chosen]
            with Clock() as loop_clock:
                loop_pairs = baseline.engine_loop_matrix(ps[: min(n, 60)], READING)
        scale, loop_scale = pairs / len(chosen), pairs / max(1, len(loop_pairs))
        out["reference_s"], out["reference_cpu_s"] = ref_clock.wall * scale, ref_clock.cpu * scale
        out["engine_loop_s"] = loop_clock.wall * loop_scale
        out["engine_loop_cpu_s"] = loop_clock.cpu * loop_scale
        out["reference"] = f"projected from {len(chosen):,} sampled pairs"
        out["identical"] = all(
            m.pair(i, j) == {k: rel for k, (rel, _) in r.items()}
            for (i, j), r in zip(chosen, ref_pairs, strict=True)
        )
    out["speedup"] = out["reference_s"] / fast.wall
    out["speedup_cpu"] = out["reference_cpu_s"] / fast.cpu
    out["speedup_engine_loop"] = out["engine_loop_s"] / fast.wall
    return out


# -- coalitions -----------------------------------------------------------------------------


def _issue_groups(ps: Sequence[Position]) -> list[list[tuple[str, peacepos.Constraint]]]:
    maps = [(p.id, p.constraints(READING)) for p in ps]
    keys = sorted({k for _, m in maps for k in m})
    return [[(pid, m[k]) for pid, m in maps if k in m] for k in keys]


def _one_issue(n: int, seed: int) -> list[tuple[str, peacepos.Constraint]]:
    """``n`` positions that all take a stance on hostilities (the worst case for subsets)."""
    rng = random.Random(seed)
    outcomes = peacepos.get_issue("hostilities").outcomes  # type: ignore[union-attr]
    made = []
    for i in range(n):
        chosen = rng.sample(outcomes, rng.randint(1, 3))
        made.append((f"p{i:04d}", peacepos.Constraint.of("hostilities", *chosen)))
    return made


def bench_coalitions(
    n: int = COALITION_N,
    *,
    repeat: int = 15,
    reference_sizes: Sequence[int] = (4, 6, 8, 10, 12, 14, 16),
    reference_budget_s: float = 1.0,
    engine_sizes: Sequence[int] = (30, 100, 1000, 2000),
    check_max: int = 14,
    seed: int = 2024,
) -> dict[str, Any]:
    """Maximal agreeing coalitions: every issue of ``n`` synthetic positions; a worst case."""
    ps = synthetic.corpus(n, seed=seed)
    groups = _issue_groups(ps)
    fast = per_call(lambda: [maximal_coalitions(g) for g in groups], number=10, repeat=repeat)
    many = per_call(lambda: peacepos.compare_many(*ps, reading=READING), number=1,
                      repeat=max(3, repeat // 3))  # fmt: skip
    checked = [g for g in groups if len(g) <= check_max]
    identical = all(
        {frozenset(c) for c in maximal_coalitions(g)} == reference.coalitions(g) for g in checked
    )
    curve = []
    stopped = False
    for size in sorted({*reference_sizes, *engine_sizes}):
        named = _one_issue(size, seed)
        row: dict[str, Any] = {"n": size, "subsets": 2**size - 1}
        row["fast_s"] = per_call(lambda g=named: maximal_coalitions(g), number=1, repeat=5).wall
        if size in reference_sizes and not stopped:
            with paused_gc(), Clock() as c:
                ref = reference.coalitions(named)
            row["reference_s"] = c.wall
            row["identical"] = {frozenset(c) for c in maximal_coalitions(named)} == ref
            identical = identical and row["identical"]
            stopped = row["reference_s"] > reference_budget_s
        curve.append(row)
    measured = [r for r in curve if "reference_s" in r]
    last = measured[-1]
    feasible = [r["n"] for r in measured if r["reference_s"] <= 1.0]
    # A lower bound for larger n: the reference visits every subset at least once.
    per_subset = last["reference_s"] / last["subsets"]
    return {
        "n": n,
        "issues": len(groups),
        "largest_issue": max((len(g) for g in groups), default=0),
        "fast_s": fast.wall,
        "fast_cpu_s": fast.cpu,
        "compare_many_s": many.wall,
        "compare_many_cpu_s": many.cpu,
        "reference_checked_issues": len(checked),
        "identical": identical,
        "reference_feasible_n": max(feasible, default=0),
        "reference_projected_s": per_subset * (2**n - 1),
        "curve": curve,
    }


# -- report ---------------------------------------------------------------------------------


def _fmt_s(seconds: float) -> str:
    if seconds >= 100:
        return f"{seconds:,.0f} s"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.0f} µs"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _both(wall: float, cpu: float, unit: str = "s") -> str:
    """Wall time, with CPU time in brackets when the machine was busy enough to differ."""
    scale = {"s": 1.0, "ms": 1e-3, "µs": 1e-6}[unit]
    w, c = _fmt_s(wall * scale), _fmt_s(cpu * scale)
    return w if w == c else f"{w} ({c} CPU)"


def report(results: dict[str, Any]) -> str:
    m, c = results["machine"], results["coalitions"]
    r = results

    def mark(row: dict[str, Any]) -> str:
        return "" if row["reference"].startswith("measured") else "~"

    parts = [
        f"Machine: {m['nproc']} cores, {m['cpu']}, Python {m['python']} ({m['platform']}); "
        f"engine path: {m['path']}; load average {m['load_average']} at start, "
        f"{r['load_average_end']} at end. Times are wall-clock medians, CPU time of the "
        "process in brackets where it differs.",
        "",
        _table(
            ("measure", "peacepos", "reference / baseline", "target"),
            [
                (
                    "`import peacepos`",
                    _both(r["import_ms"], r["import_cpu_ms"], "ms"),
                    f"bare `python -c pass`: {r['python_startup_ms']:.0f} ms",
                    "≤ 100 ms",
                ),
                (
                    "compare, headline pair, both readings",
                    _both(r["compare_us"], r["compare_cpu_us"], "µs"),
                    _both(r["compare_reference_us"], r["compare_reference_cpu_us"], "µs"),
                    "≤ 50 µs",
                ),
                (
                    "compare, strict reading only",
                    _both(r["compare_strict_us"], r["compare_strict_cpu_us"], "µs"),
                    "",
                    "",
                ),
                (
                    "compare, broad reading only",
                    _both(r["compare_broad_us"], r["compare_broad_cpu_us"], "µs"),
                    "",
                    "",
                ),
                (
                    "`peacepos compare …` headline pair, whole process",
                    _both(r["cli_ms"], r["cli_cpu_ms"], "ms"),
                    "",
                    "≤ 300 ms",
                ),
                (
                    f"maximal coalitions, every issue, {c['n']} positions",
                    _both(c["fast_s"], c["fast_cpu_s"]),
                    f"brute force, {c['n']} positions on one issue: "
                    f"≥ {_fmt_s(c['reference_projected_s'])} (projected)",
                    "≤ 1 s",
                ),
                (
                    f"`compare_many` of {c['n']} positions",
                    _both(c["compare_many_s"], c["compare_many_cpu_s"]),
                    "",
                    "",
                ),
            ],
        ),
        "",
        "All-pairs relation matrix, every pair and every issue (synthetic corpus, broad "
        "reading; ~ marks a reference time projected from sampled pairs):",
        "",
        _table(
            (
                "N",
                "pairs",
                "issues",
                "peacepos",
                "peak MB",
                "reference",
                "engine loop",
                "speedup",
                "identical",
            ),
            [
                (
                    f"{row['n']:,}",
                    f"{row['pairs']:,}",
                    str(row["issues"]),
                    _both(row["fast_s"], row["fast_cpu_s"]),
                    f"{row['peak_mb']:.1f}",
                    mark(row) + _fmt_s(row["reference_s"]),
                    mark(row) + _fmt_s(row["engine_loop_s"]),
                    f"{row['speedup']:,.0f}×",
                    "yes" if row["identical"] else "NO",
                )
                for row in r["matrix"]
            ],
        ),
        "",
        "Reference: "
        + "; ".join(f"N = {row['n']:,} {row['reference']}" for row in r["matrix"])
        + ". Engine loop: one `relate()` per pair and issue, as before `peacepos.fast`. "
        "Peak MB: tracemalloc's peak of what the call allocates (10^6 bytes).",
        "",
        "Maximal coalitions, n positions all addressing one issue (hostilities); "
        "the reference tries every subset:",
        "",
        _table(
            ("n", "subsets", "peacepos", "reference", "identical"),
            [
                (
                    f"{row['n']:,}",
                    f"{row['subsets']:,}" if row["n"] <= 40 else f"2^{row['n']} − 1",
                    _fmt_s(row["fast_s"]),
                    _fmt_s(row["reference_s"]) if "reference_s" in row else "not run",
                    ("yes" if row["identical"] else "NO") if "identical" in row else "",
                )
                for row in c["curve"]
            ],
        ),
    ]
    return "\n".join(parts)


def headline(results: dict[str, Any]) -> dict[str, Any]:
    at = {r["n"]: r for r in results["matrix"]}
    big = at.get(MATRIX_N) or results["matrix"][-1]
    c = results["coalitions"]
    out = {
        "compare_us": round(results["compare_us"], 1),
        "import_ms": round(results["import_ms"], 1),
        "matrix_2000_s": round(big["fast_s"], 3),
        "matrix_speedup": round(big["speedup"], 1),
        "coalitions_30_s": round(c["fast_s"], 6),
        "matrix_2000_peak_mb": round(big["peak_mb"], 1),
        "matrix_n": big["n"],
        "matrix_reference_s": round(big["reference_s"], 2),
        "compare_cpu_us": round(results["compare_cpu_us"], 1),
        "import_cpu_ms": round(results["import_cpu_ms"], 1),
        "matrix_2000_cpu_s": round(big["fast_cpu_s"], 3),
        "matrix_speedup_cpu": round(big["speedup_cpu"], 1),
        "compare_reference_us": round(results["compare_reference_us"], 1),
        "compare_strict_us": round(results["compare_strict_us"], 1),
        "compare_broad_us": round(results["compare_broad_us"], 1),
        "cli_ms": round(results["cli_ms"], 1),
        "cli_cpu_ms": round(results["cli_cpu_ms"], 1),
        "python_startup_ms": round(results["python_startup_ms"], 1),
        "coalitions_reference_feasible_n": c["reference_feasible_n"],
        "identical": bool(
            results["compare_matches_reference"]
            and c["identical"]
            and all(r["identical"] for r in results["matrix"])
        ),
        "path": results["machine"]["path"],
        "load_average": [results["machine"]["load_average"], results["load_average_end"]],
    }
    return out


# -- the scaling curve as SVG -----------------------------------------------------------------


def svg(rows: Sequence[dict[str, Any]]) -> str:
    """The all-pairs scaling curve, log-log, as a small self-contained SVG."""
    import math

    series = [
        ("reference (brute force)", "reference_s", "#b2182b", "6 4"),
        ("engine loop (before peacepos.fast)", "engine_loop_s", "#999999", "2 3"),
        ("peacepos.fast.relation_matrix", "fast_s", "#2166ac", ""),
    ]
    width, height = 640, 480
    left, right, top, bottom = 70, 20, 40, 140
    ns = [r["n"] for r in rows]
    values = [r[k] for r in rows for _, k, _, _ in series]
    x0, x1 = math.log10(min(ns) / 1.3), math.log10(max(ns) * 1.3)
    y0 = math.floor(math.log10(min(values)))
    y1 = math.ceil(math.log10(max(values)))

    def px(n: float) -> float:
        return left + (math.log10(n) - x0) / (x1 - x0) * (width - left - right)

    def py(s: float) -> float:
        return top + (y1 - math.log10(s)) / (y1 - y0) * (height - top - bottom)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{width / 2:.0f}" y="22" text-anchor="middle" font-size="14">'
        "All-pairs relation matrix: time against number of positions (log-log)</text>",
    ]
    for e in range(y0, y1 + 1):
        y = py(10.0**e)
        label = f"{10**e:,} s" if e >= 0 else f"{10 ** (e + 3):,} ms" if e >= -3 else ""
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#e0e0e0"/>'
        )
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{label}</text>')
    for n in ns:
        x = px(n)
        out.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - bottom}" stroke="#f0f0f0"/>'
        )
        out.append(
            f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle">{n:,}</text>'
        )
    out.append(
        f'<text x="{(left + width - right) / 2:.0f}" y="{height - bottom + 36}" '
        'text-anchor="middle">'
        "positions (N); pairs = N(N-1)/2</text>"
    )
    out.append(
        f'<text transform="translate(16 {(top + height - bottom) / 2:.0f}) rotate(-90)" '
        'text-anchor="middle">seconds (median)</text>'
    )
    out.append(
        f'<rect x="{left}" y="{top}" width="{width - left - right}" '
        f'height="{height - top - bottom}" fill="none" stroke="#333"/>'
    )
    for k, (name, key, colour, dash) in enumerate(series):
        points = " ".join(f"{px(r['n']):.1f},{py(r[key]):.1f}" for r in rows)
        style = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{style}/>'
        )
        for r in rows:
            projected = key != "fast_s" and not r["reference"].startswith("measured")
            fill = "white" if projected else colour
            out.append(
                f'<circle cx="{px(r["n"]):.1f}" cy="{py(r[key]):.1f}" r="3.5" fill="{fill}" '
                f'stroke="{colour}" stroke-width="1.5"/>'
            )
        ly = height - bottom + 64 + 18 * k
        out.append(
            f'<line x1="{left + 12}" y1="{ly - 4}" x2="{left + 40}" y2="{ly - 4}" '
            f'stroke="{colour}" stroke-width="2"{style}/>'
        )
        out.append(f'<text x="{left + 46}" y="{ly}">{name}</text>')
    ly = height - bottom + 64 + 18 * len(series)
    out.append(
        f'<text x="{left + 12}" y="{ly}" fill="#555">open circles: projected from sampled '
        "pairs; filled: measured in full</text>"
    )
    target = py(2.0)
    out.append(
        f'<line x1="{left}" y1="{target:.1f}" x2="{width - right}" y2="{target:.1f}" '
        'stroke="#1a9850" stroke-dasharray="1 3"/>'
    )
    out.append(
        f'<text x="{width - right - 4}" y="{target - 4:.1f}" text-anchor="end" '
        'fill="#1a9850">target: 2 s at N = 2,000</text>'
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"


# -- main ---------------------------------------------------------------------------------


def run(quick: bool = False, sizes: Sequence[int] = SIZES) -> dict[str, Any]:
    """Every benchmark; ``quick`` shrinks every size so the whole run takes seconds."""
    results: dict[str, Any] = {"machine": machine()}
    if quick:
        results.update(bench_import(repeat=2))
        results.update(bench_cli(repeat=1))
        results.update(bench_compare(number=5, repeat=3))
        results["matrix"] = [
            bench_matrix(n, repeat=1, sample=50, full_reference_max=20) for n in (12, 24)
        ]
        results["coalitions"] = bench_coalitions(
            12, repeat=1, reference_sizes=(4, 6), engine_sizes=(12,)
        )
        results["load_average_end"] = round(os.getloadavg()[0], 2)
        return results
    results.update(bench_import())
    results.update(bench_cli())
    results.update(bench_compare())
    results["matrix"] = [bench_matrix(n, repeat=5 if n <= 1000 else 3) for n in sizes]
    results["coalitions"] = bench_coalitions()
    results["load_average_end"] = round(os.getloadavg()[0], 2)
    return results


def profile(top: int = 12) -> str:
    """Where the time goes: ``-X importtime`` of ``import peacepos`` and cProfile of compare."""
    import cProfile
    import io
    import pstats

    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import peacepos"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for line in done.stderr.splitlines()[1:]:
        _, self_us, cumulative_us, name = (x.strip() for x in line.replace(":", "|", 1).split("|"))
        rows.append((int(self_us), int(cumulative_us), name))
    lines = ["import peacepos, largest self times (-X importtime, µs):"]
    lines += [f"  {s:>7} self {c:>7} cumulative  {n}" for s, c, n in sorted(rows)[::-1][:top]]
    left, right = (peacepos.corpus.load(i) for i in HEADLINE)
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(1000):
        peacepos.compare(left, right)
    prof.disable()
    text = io.StringIO()
    pstats.Stats(prof, stream=text).sort_stats("tottime").print_stats(top)
    lines += ["", "1,000 compares of the headline pair (cProfile, by own time):", text.getvalue()]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke test")
    parser.add_argument("--svg", type=Path, help="write the scaling curve to this SVG file")
    parser.add_argument("--raw", type=Path, help="write every number measured as JSON")
    parser.add_argument("--profile", action="store_true", help="only print where time goes")
    args = parser.parse_args(argv)
    if args.profile:
        print(profile())
        return 0
    results = run(quick=args.quick)
    print(report(results))
    if args.svg:
        args.svg.write_text(svg(results["matrix"]), encoding="utf-8")
        print(f"\nwrote {args.svg}")
    if args.raw:
        args.raw.write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    print(json.dumps(headline(results)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
