"""Mutation testing of one core module (or all of them) with mutmut, and its table row.

    python tools/mutation.py constraints            # one module, with its own fast tests
    python tools/mutation.py comparison many        # several, one after another
    python tools/mutation.py all                    # every core module (tens of minutes)
    python tools/mutation.py deals --sample 300 --seed 17   # a seeded random sample
    python tools/mutation.py --list                 # the modules, their files and tests

Needs the ``mutation`` extra (``pip install -e '.[mutation]'``). Run it from anywhere: it works
in the repository's root, where mutmut keeps its copy of the project in ``mutants/``
(git-ignored). Each run starts from a fresh ``mutants/`` unless ``--keep`` is given, so a
table row always measures the tests as they are now.

mutmut 3 reads its configuration only from ``pyproject.toml`` (``[tool.mutmut]``: every core
module against all their tests). This script loads that configuration and narrows it to one
module: only that module's files are mutated, and only that module's test files run (each
mutant runs only the tests that reach the mutated function, stopping at the first failure).

A mutant counts as killed when a test fails (or it timed out: the mutant looped); as survived
when every test passed or no test reached it. Mutants that no test can kill because they do
not change behaviour are listed, with the reason, in ``tools/mutation_equivalents.toml``; the
score is killed / (mutants - equivalent). mutmut names mutants after their function and a
counter, so the names there hold for the commit they were checked at: when a module changes,
the script says which listed names are gone or now killed, and they must be checked again.

The last line printed for each module is its row of the table in docs/reliability.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS = ROOT / "tools" / "mutation_equivalents.toml"

# module name -> (files mutated, test files run). Test files that do not exist are left out.
MODULES: dict[str, tuple[list[str], list[str]]] = {
    "constraints": (
        ["peacepos/constraints.py"],
        ["tests/test_constraints.py", "tests/test_mutants_constraints.py"],
    ),
    "comparison": (
        ["peacepos/analysis/relation.py", "peacepos/analysis/compare.py"],
        [
            "tests/test_compare.py",
            "tests/test_mutants_comparison.py",
            "tests/test_negotiation_texts.py",
            "tests/test_codebooks.py",
            "tests/test_gaza.py",
            "tests/test_corpus.py",
        ],
    ),
    "many": (
        ["peacepos/analysis/many.py"],
        ["tests/test_compare.py", "tests/test_mutants_many.py"],
    ),
    "deals": (
        ["peacepos/analysis/deals.py"],
        [
            "tests/test_deals.py",
            "tests/test_mutants_deals.py",
            "tests/test_implications.py",
            "tests/test_cli_conventions.py",
            "docs/deals.md",
        ],
    ),
    "vocabulary": (
        ["peacepos/vocabulary.py"],
        [
            "tests/test_codebooks.py",
            "tests/test_mutants_vocabulary.py",
            "tests/test_constraints.py",
            "tests/test_conditions.py",
            "tests/test_implications.py",
            "tests/test_extension.py",
        ],
    ),
    "io": (
        ["peacepos/io/structure.py", "peacepos/io/guards.py"],
        [
            "tests/test_hostile_files.py",
            "tests/test_position.py",
            "tests/test_mutants_io.py",
            "tests/test_codebooks.py",
            "tests/test_negotiation_texts.py",
        ],
    ),
    "position": (
        ["peacepos/position.py"],
        [
            "tests/test_position.py",
            "tests/test_conditions.py",
            "tests/test_mutants_position.py",
            "tests/test_compare.py",
            "tests/test_implications.py",
            "tests/test_negotiation_texts.py",
        ],
    ),
}

# mutmut exit codes (mutmut.stats.status_by_exit_code), grouped for the table.
KILLED = {"killed", "timeout", "caught by type check", "segfault"}
SURVIVED = {"survived", "no tests", "suspicious"}


def _equivalents() -> dict[str, str]:
    if not EQUIVALENTS.exists():
        return {}
    data = tomllib.loads(EQUIVALENTS.read_text("utf-8"))
    return {name: reason for section in data.values() for name, reason in section.items()}


def _mutmut_config(files: list[str], tests: list[str]) -> None:
    """Load ``[tool.mutmut]`` and narrow it to ``files`` and ``tests``."""
    import mutmut.configuration as configuration

    base = configuration.config()
    configuration._config = replace(
        base, only_mutate=list(files), pytest_add_cli_args_test_selection=list(tests)
    )


def _generate(jobs: int) -> None:
    from mutmut.__main__ import (
        copy_also_copy_files,
        copy_src_dir,
        create_mutants,
        setup_source_paths,
    )

    os.makedirs("mutants", exist_ok=True)
    copy_src_dir()
    copy_also_copy_files()
    setup_source_paths()
    create_mutants(jobs)


def _meta(path: str) -> dict[str, int | None]:
    meta = Path("mutants") / (path + ".meta")
    codes: dict[str, int | None] = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
    return codes


def _sample(files: list[str], size: int, seed: int) -> int:
    """Mark every mutant outside a seeded random sample of ``size`` as skipped."""
    names = sorted(name for path in files for name in _meta(path))
    chosen = set(random.Random(seed).sample(names, min(size, len(names))))
    for path in files:
        meta = Path("mutants") / (path + ".meta")
        data = json.loads(meta.read_text("utf-8"))
        codes = data["exit_code_by_key"]
        data["exit_code_by_key"] = {n: (c if n in chosen else 34) for n, c in codes.items()}
        meta.write_text(json.dumps(data, indent=4), "utf-8")
    return len(names)


def _hypothesis_profile() -> None:
    """The ci profile (tests/conftest.py), registered here as ``mutation`` without the health
    check that objects to a test method run by several instances of its class: mutmut runs the
    same tests in one process several times (to map tests to functions, then clean)."""
    from hypothesis import HealthCheck, settings

    settings.register_profile(
        "mutation",
        max_examples=100,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
    )
    os.environ["HYPOTHESIS_PROFILE"] = "mutation"


def _diff(mutant: str, path: str, status: str) -> str:
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    return f"# {mutant}: {status}\n{get_diff_for_mutant(mutant, path=path)}\n"


def run(
    name: str,
    *,
    jobs: int,
    keep: bool,
    sample: int | None,
    seed: int,
    diffs_dir: Path | None = None,
) -> str:
    from mutmut.stats import status_by_exit_code

    files, tests = MODULES[name]
    tests = [t for t in tests if not t.endswith(".py") or (ROOT / t).exists()]
    if not keep:
        shutil.rmtree("mutants", ignore_errors=True)
    _mutmut_config(files, tests)
    _hypothesis_profile()
    print(f"== {name}: mutating {', '.join(files)}; tests {' '.join(tests)}", flush=True)
    total_generated = None
    if sample is not None:
        _generate(jobs)
        total_generated = _sample(files, sample, seed)

    from mutmut.__main__ import _run

    _run([], jobs)

    equivalents = _equivalents()
    statuses: Counter[str] = Counter()
    survivors: list[str] = []
    diffs: list[str] = []
    prefixes = tuple(f.removesuffix(".py").replace("/", ".") + "." for f in files)
    existing: set[str] = set()  # every mutant of the files, those a sample skips included
    for path in files:
        for mutant, code in sorted(_meta(path).items()):
            existing.add(mutant)
            status = status_by_exit_code[code]
            if status == "skipped":
                continue
            if mutant in equivalents:
                if status in SURVIVED:
                    statuses["equivalent"] += 1
                    continue
                print(f"!! {mutant} is listed as equivalent but was {status}: check it again")
            statuses[status] += 1
            if status in SURVIVED:
                survivors.append(f"{mutant} ({status})")
                diffs.append(_diff(mutant, path, status))
    stale = [m for m in equivalents if m.startswith(prefixes) and m not in existing]
    for mutant in stale:
        print(f"!! {mutant} is listed as equivalent but no longer exists: check the list again")
    killed = sum(statuses[s] for s in KILLED)
    survived = sum(statuses[s] for s in SURVIVED)
    equivalent = statuses["equivalent"]
    mutants = killed + survived + equivalent
    judged = mutants - equivalent
    score = f"{100 * killed / judged:.1f} %" if judged else "-"
    if diffs_dir is not None:
        diffs_dir.mkdir(parents=True, exist_ok=True)
        (diffs_dir / f"{name}.diff").write_text("".join(diffs), "utf-8")
    print(f"\n{name}: {dict(sorted(statuses.items()))}")
    for survivor in survivors:
        print(f"   survived: {survivor}")
    scope = str(mutants)
    if sample is not None:
        scope += f" (seeded sample of {total_generated}: --sample {sample} --seed {seed})"
    row = f"| {name} | {scope} | {killed} | {survived} | {equivalent} | {score} |"
    print(row, flush=True)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="core modules to mutate, or 'all'")
    parser.add_argument("--list", action="store_true", help="list the modules and exit")
    parser.add_argument("--jobs", type=int, default=2, help="mutants tested at once (2)")
    parser.add_argument("--keep", action="store_true", help="reuse mutants/ and its results")
    parser.add_argument("--sample", type=int, help="test only a random sample of this size")
    parser.add_argument("--seed", type=int, default=17, help="the sample's seed (17)")
    parser.add_argument("--diffs", type=Path, help="write the survivors' diffs to DIR/MODULE.diff")
    args = parser.parse_args(argv)
    if args.list or not args.modules:
        for name, (files, tests) in MODULES.items():
            print(f"{name}: {' '.join(files)}  <-  {' '.join(tests)}")
        return 0
    names = list(MODULES) if args.modules == ["all"] else args.modules
    unknown = [n for n in names if n not in MODULES]
    if unknown:
        parser.error(f"unknown module {', '.join(unknown)} (one of: {', '.join(MODULES)}, all)")
    os.chdir(ROOT)
    if len(names) == 1:
        run(
            names[0],
            jobs=args.jobs,
            keep=args.keep,
            sample=args.sample,
            seed=args.seed,
            diffs_dir=args.diffs,
        )
        return 0
    # mutmut keeps global state and imports the mutated package: one process per module.
    rows = []
    options = [f"--jobs={args.jobs}", f"--seed={args.seed}"] + ["--keep"] * args.keep
    options += [f"--sample={args.sample}"] if args.sample is not None else []
    options += [f"--diffs={args.diffs.resolve()}"] if args.diffs is not None else []
    for name in names:
        done = subprocess.run(
            [sys.executable, __file__, name, *options], stdout=subprocess.PIPE, text=True
        )
        print(done.stdout, end="", flush=True)
        last = done.stdout.strip().splitlines()[-1:] or [""]
        rows.append(last[0] if done.returncode == 0 else f"| {name} | failed | | | | |")
    print("\n| module | mutants | killed | survived | equivalent | score |")
    print("|---|---|---|---|---|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
