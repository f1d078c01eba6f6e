"""Seeded synthetic positions, for measuring speed only: they encode no real document.

Each synthetic position of the ``russia-ukraine`` codebook takes 6 to 12 conditions from the
built-in positions of one camp (Russia's texts; Ukraine's, Europe's and the United States';
everyone else's), with their evidence, and about half state an army cap of their own, so that
pairs across camps conflict, mediators overlap or are silent, and the readings differ as in the
real corpus. ``terms_corpus`` builds positions with conditional terms over a codebook of many
issues, for the deals benchmark.

>>> from synthetic import corpus
>>> ps = corpus(5, seed=1)
>>> [p.id for p in ps]
['synthetic-00000', 'synthetic-00001', 'synthetic-00002', 'synthetic-00003', 'synthetic-00004']
>>> ps == corpus(5, seed=1)
True
"""

from __future__ import annotations

import functools
import random

import peacepos
from peacepos import Codebook, ContradictionError, Evidence, Issue, Position
from peacepos.conditions import Condition
from peacepos.kinds import Outcomes, condition

__all__ = ["CAMPS", "corpus", "terms_corpus"]

CAMPS = ("russia", "west", "mediators")


def _camp(p: Position) -> str:
    actors = {a.lower() for a in p.actors}
    if any("russia" in a for a in actors):
        return "russia"
    if actors & {"ukraine", "united states", "france", "germany", "united kingdom", "poland"}:
        return "west"
    if any("europe" in a or "coalition" in a for a in actors):
        return "west"
    return "mediators"


@functools.cache
def _pools() -> dict[str, tuple[Condition, ...]]:
    pools: dict[str, list[Condition]] = {c: [] for c in CAMPS}
    for p in peacepos.corpus.load_all():
        if p.codebook.name != "russia-ukraine":
            continue
        pools[_camp(p)] += [c for c in p.own_conditions if not c.actors]
    return {k: tuple(v) for k, v in pools.items()}


def corpus(n: int, seed: int = 0) -> list[Position]:
    """``n`` synthetic positions of the ``russia-ukraine`` codebook, the same for a seed."""
    rng = random.Random(seed)
    codebook = peacepos.codebook("russia-ukraine")
    pools = _pools()
    out = []
    for i in range(n):
        camp = rng.choices(CAMPS, weights=(3, 4, 3))[0]
        chosen = rng.sample(pools[camp], min(len(pools[camp]), rng.randint(6, 12)))
        if rng.random() < 0.5:
            cap = rng.choice((50_000, 85_000, 100_000, 150_000, 250_000, 600_000))
            chosen.append(
                condition(
                    codebook,
                    "range",
                    issue="military/army-cap/peacetime",
                    at_most=cap + rng.randint(0, 9) * 1_000,
                    evidence=Evidence(document=f"synthetic-{i:05d}", locator="cap"),
                )
            )
        while True:
            try:
                position = Position(
                    id=f"synthetic-{i:05d}",
                    title=f"Synthetic position {i}",
                    actors=[f"Actor {i % 97}"],
                    date="2030-01-01",
                    codebook=codebook,
                    conditions=chosen,
                )
                break
            except ContradictionError:
                chosen = chosen[:-1]  # drop the last pick until the position holds together
        out.append(position)
    return out


def terms_corpus(
    n: int, issues: int, seed: int = 0, outcomes: int = 4
) -> tuple[Codebook, list[Position]]:
    """A codebook of ``issues`` finite issues and ``n`` positions over it: each demands some
    outcomes on a few issues and offers more on one of them in a conditional term whose
    requirement is on another issue — the shape of real offers ("NATO, if guarantees")."""
    rng = random.Random(seed)
    names = [f"o{j}" for j in range(outcomes)]
    book = Codebook(
        name="synthetic",
        title="Synthetic issues",
        issues=[Issue(key=f"i{k:02d}", title=f"Issue {k}", outcomes=names) for k in range(issues)],
    )
    positions = []
    for i in range(n):
        ev = Evidence(document=f"p{i:02d}", locator="1")
        keys = rng.sample(range(issues), 5)
        conditions: list[Condition] = []
        for k in keys[:4]:
            accepted = rng.sample(names, rng.randint(2, outcomes - 1))
            conditions.append(Outcomes(issue=f"i{k:02d}", outcomes=accepted, evidence=ev))
        wider = Outcomes(issue=f"i{keys[0]:02d}", outcomes=names, evidence=ev)
        requirement = Outcomes(issue=f"i{keys[4]:02d}", outcomes=rng.sample(names, 2), evidence=ev)
        conditions.append(Outcomes(
            issue=wider.issue, outcomes=names, evidence=ev, only_if=[requirement]
        ))  # fmt: skip
        positions.append(
            Position(
                id=f"p{i:02d}",
                title=f"P{i}",
                actors=[f"A{i}"],
                date="2030-01-01",
                codebook=book,
                conditions=conditions,
            )
        )
    return book, positions
