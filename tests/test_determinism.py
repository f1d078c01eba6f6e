"""Determinism: the same input gives byte-identical output, whatever the hash seed or order.

Tables and JSON are compared across ``PYTHONHASHSEED`` values in fresh processes (sets and
dicts of strings iterate in a seed-dependent order, so this is where nondeterminism shows),
and across permutations of a position's conditions, endorsements and of the positions given
to an N-way comparison.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import peacepos
from peacepos import dumps_position, loads_position
from peacepos.cli import FORMAT_CHOICES
from peacepos.plain import position_to_dict
from peacepos.position import Endorsement, Position
from peacepos.report import FORMATS, render

SEEDS = ("0", "1", "2", "random")
HEADLINE = ("china-2023-02-24", "russia-2023-02-24")


def run(seed: str, *argv: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [sys.executable, "-m", "peacepos", *argv],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert result.stdout
    return result.stdout


THIRD = [i for i in peacepos.corpus.ids() if i not in HEADLINE][:1]  # for an N-way comparison
COMMANDS = [
    *[("compare", *HEADLINE, "--format", fmt) for fmt in FORMAT_CHOICES],
    ("compare", *HEADLINE, "--reading", "strict", "--format", "json"),
    *[("compare", *HEADLINE, *THIRD, "--format", fmt) for fmt in ("plain", "json") if THIRD],
    ("show", "russia-2023-02-24", "--format", "markdown"),
    ("convert", "china-2023-02-24", "--to", "toml"),
    ("convert", "russia-2023-02-24", "--to", "json"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_output_is_identical_across_hash_seeds(command: tuple[str, ...]) -> None:
    outputs = {seed: run(seed, *command) for seed in SEEDS}
    assert len(set(outputs.values())) == 1, {k: v[:200] for k, v in outputs.items()}


def test_library_output_is_identical_across_hash_seeds() -> None:
    # Every report format, including html-fragment (the notebook repr), in one process per seed.
    script = (
        "import peacepos, sys\n"
        "from peacepos.report import FORMATS, render\n"
        f"a, b = (peacepos.corpus.load(i) for i in {HEADLINE!r})\n"
        "for reading in ('both', 'strict', 'broad'):\n"
        "    c = peacepos.compare(a, b, reading=reading)\n"
        "    for f in FORMATS:\n"
        "        sys.stdout.write(render(c, f))\n"
        "for f in FORMATS:\n"
        "    sys.stdout.write(render(a, f))\n"
    )
    outputs = set()
    for seed in SEEDS:
        result = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=120,
            check=True,
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1


# -- condition order ---------------------------------------------------------------------------

CHINA = peacepos.corpus.load("china-2023-02-24")
RUSSIA = peacepos.corpus.load("russia-2023-02-24")


def rebuilt(p: Position, conditions: list[object]) -> Position:
    fields = {a.alias: getattr(p, a.name) for a in attrs.fields(Position) if a.init}
    return Position(**{**fields, "conditions": conditions})


def everything(p: Position) -> dict[str, str]:
    out = {f"{fmt} alone": render(p, fmt) for fmt in FORMATS}
    for fmt in FORMATS:
        out[f"{fmt} left"] = render(peacepos.compare(p, RUSSIA), fmt)
        out[f"{fmt} right"] = render(peacepos.compare(RUSSIA, p, reading="broad"), fmt)
    out["toml"] = dumps_position(p, "toml")
    out["json"] = dumps_position(p, "json")
    return out


EXPECTED = everything(CHINA)


@settings(max_examples=25, deadline=None)
@given(order=st.permutations(range(len(CHINA.conditions))))
def test_output_ignores_condition_order(order: list[int]) -> None:
    shuffled = rebuilt(CHINA, [CHINA.conditions[i] for i in order])
    assert shuffled == CHINA
    assert everything(shuffled) == EXPECTED


@settings(max_examples=25, deadline=None)
@given(order=st.permutations(range(len(CHINA.conditions))))
def test_file_with_conditions_in_any_order_reads_the_same(order: list[int]) -> None:
    data = position_to_dict(CHINA)
    data["conditions"] = [data["conditions"][i] for i in order]
    again = loads_position(json.dumps(data), "json")
    assert dumps_position(again, "toml") == EXPECTED["toml"]
    assert render(peacepos.compare(again, RUSSIA), "markdown") == EXPECTED["markdown left"]


def _endorsing(ids: tuple[str, ...]) -> Position:
    return Position(
        id="order-test",
        title="Two endorsements",
        actors=("Testland",),
        date="2023-03-01",
        codebook=peacepos.codebook("russia-ukraine"),
        conditions=(),
        endorsements=[
            Endorsement(position=peacepos.corpus.load(i), evidence=CHINA.conditions[0].evidence)
            for i in ids
        ],
    )


def test_output_ignores_endorsement_order() -> None:
    ids = peacepos.corpus.ids()
    for a, b in ((x, y) for x in ids for y in ids if x < y):
        try:  # the first pair of built-in positions that can be endorsed together
            one, two = _endorsing((a, b)), _endorsing((b, a))
        except peacepos.ContradictionError:
            continue
        break
    else:
        pytest.skip("no two built-in positions can be endorsed together")
    for fmt in FORMATS:
        assert render(peacepos.compare(one, RUSSIA), fmt) == render(
            peacepos.compare(two, RUSSIA), fmt
        ), fmt
        if fmt != "json":  # a position's own JSON keeps the author's list order, as for urls
            assert render(one, fmt) == render(two, fmt), fmt


@settings(max_examples=10, deadline=None)
@given(order=st.permutations(range(3)))
def test_n_way_output_ignores_the_order_of_positions(order: list[int]) -> None:
    if not THIRD:
        pytest.skip("the corpus has only the headline pair")
    positions = [peacepos.corpus.load(i) for i in (*HEADLINE, *THIRD)]
    expected = peacepos.compare_many(*positions)
    shuffled = peacepos.compare_many(*[positions[i] for i in order])
    # The joint result per issue is order-free; the report may list positions as given.
    assert [(a.issue, a.blocking, str(a.common_ground)) for a in shuffled.agreements] == [
        (a.issue, a.blocking, str(a.common_ground)) for a in expected.agreements
    ]
