"""A seeded synthetic corpus: N real Position objects over the built-in catalogue.

Synthetic positions are for measuring speed only; they encode no real document. Each one is
built from peacepos' own condition types, with evidence, and addresses about 8-15 issues.
Every position leans to one of three camps (Ukraine-leaning, Russia-leaning, mediating) and
picks its conditions mostly from that camp's menu, so pairs across camps conflict on
territory, sanctions, alignment and the army cap while mediators mostly overlap or are
silent — a realistic share of conflicts. About a fifth of the conditions are IMPLIED, so the
strict and broad readings differ, and some are preconditions for talks or a ceasefire.

>>> from synthetic import corpus
>>> ps = corpus(5, seed=1)
>>> [p.id for p in ps]
['synthetic-00000', 'synthetic-00001', 'synthetic-00002', 'synthetic-00003', 'synthetic-00004']
>>> ps == corpus(5, seed=1)
True
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable

import peacepos
from peacepos import (
    Accountability,
    ArmsDeliveryHalt,
    ArmyCap,
    Basis,
    Ceasefire,
    CeasefireScope,
    CivilianProtection,
    Condition,
    Constraint,
    Deescalation,
    Demilitarisation,
    Denazification,
    DirectDialogue,
    Elections,
    EndOfHostilities,
    EuAccession,
    Evidence,
    ForeignForcesExcluded,
    GrainExports,
    HumanitarianAccess,
    IndivisibleSecurity,
    LanguageRights,
    NatoNonMembership,
    Negotiations,
    NeutralStatus,
    NonNuclearStatus,
    NoNuclearUse,
    NuclearPlantControl,
    NuclearSafety,
    PlantController,
    Position,
    PrisonerExchange,
    Reconstruction,
    ReturnOfDeportees,
    SanctionsPressure,
    SanctionsRelief,
    SecurityGuarantees,
    Side,
    Stage,
    SupplyChains,
    TalksFormat,
    TerritorialIntegrity,
    TerritorialRecognition,
    TerritorialStatus,
    Timing,
    TroopWithdrawal,
    UnCharter,
    UnilateralSanctionsRejected,
)

__all__ = ["CAMPS", "corpus", "position"]

# The built-in regions of the catalogue (kept fixed so the corpus does not change when users
# register more regions).
REGIONS = ("crimea", "donetsk", "luhansk", "zaporizhzhia", "kherson")
CAMPS = ("ukraine-leaning", "russia-leaning", "mediating")

Make = Callable[[random.Random, Evidence], Condition]


def _regions(rng: random.Random) -> frozenset[str]:
    return frozenset(rng.sample(REGIONS, rng.randint(1, len(REGIONS))))


def _cap(rng: random.Random, ev: Evidence) -> Condition:
    shape = rng.randrange(3)
    if shape == 0:
        return ArmyCap(at_most=rng.choice((50_000, 85_000, 100_000, 150_000)), evidence=ev)
    if shape == 1:
        return ArmyCap(at_least=rng.choice((250_000, 600_000, 800_000)), evidence=ev)
    low = rng.choice((85_000, 150_000, 250_000))
    return ArmyCap(at_least=low, at_most=low + rng.choice((50_000, 100_000, 350_000)), evidence=ev)


# Menus: (weight, maker). A maker builds one condition with the given evidence.
_SHARED: list[tuple[int, Make]] = [
    (6, lambda r, ev: Ceasefire(scope=r.choice(list(CeasefireScope)), evidence=ev)),
    (3, lambda r, ev: EndOfHostilities(evidence=ev)),
    (2, lambda r, ev: Deescalation(evidence=ev)),
    (5, lambda r, ev: Negotiations(format=r.choice(list(TalksFormat)), evidence=ev)),
    (3, lambda r, ev: DirectDialogue(evidence=ev)),
    (3, lambda r, ev: CivilianProtection(evidence=ev)),
    (3, lambda r, ev: HumanitarianAccess(evidence=ev)),
    (3, lambda r, ev: PrisonerExchange(all_for_all=r.random() < 0.5, evidence=ev)),
    (3, lambda r, ev: NuclearSafety(evidence=ev)),
    (2, lambda r, ev: NoNuclearUse(evidence=ev)),
    (3, lambda r, ev: GrainExports(evidence=ev)),
    (2, lambda r, ev: SupplyChains(evidence=ev)),
    (2, lambda r, ev: Reconstruction(evidence=ev)),
    (2, lambda r, ev: UnCharter(evidence=ev)),
    (1, lambda r, ev: Elections(evidence=ev)),
]
_MENUS: dict[str, list[tuple[int, Make]]] = {
    "ukraine-leaning": [
        (8, lambda r, ev: TerritorialIntegrity(regions=_regions(r), evidence=ev)),
        (5, lambda r, ev: TroopWithdrawal(side=Side.RUSSIA, regions=_regions(r), evidence=ev)),
        (4, lambda r, ev: SanctionsPressure(evidence=ev)),
        (3, lambda r, ev: Accountability(evidence=ev)),
        (3, lambda r, ev: EuAccession(evidence=ev)),
        (3, lambda r, ev: SecurityGuarantees(evidence=ev)),
        (3, lambda r, ev: ReturnOfDeportees(evidence=ev)),
        (2, lambda r, ev: NuclearPlantControl(controller=PlantController.UKRAINE, evidence=ev)),
        (3, _cap),
        (
            2,
            lambda r, ev: Ceasefire(
                scope=CeasefireScope.FULL, timing=Timing.WITHOUT_PRECONDITIONS, evidence=ev
            ),
        ),
    ],
    "russia-leaning": [
        (8, lambda r, ev: TerritorialRecognition(regions=_regions(r), evidence=ev)),
        (
            3,
            lambda r, ev: TerritorialRecognition(regions=_regions(r), de_facto=True, evidence=ev),
        ),
        (4, lambda r, ev: TroopWithdrawal(side=Side.UKRAINE, regions=_regions(r), evidence=ev)),
        (4, lambda r, ev: NeutralStatus(evidence=ev)),
        (3, lambda r, ev: NatoNonMembership(evidence=ev)),
        (3, lambda r, ev: ForeignForcesExcluded(evidence=ev)),
        (3, lambda r, ev: NonNuclearStatus(evidence=ev)),
        (4, lambda r, ev: SanctionsRelief(partial=r.random() < 0.5, evidence=ev)),
        (3, lambda r, ev: Demilitarisation(evidence=ev)),
        (2, lambda r, ev: Denazification(evidence=ev)),
        (3, lambda r, ev: LanguageRights(evidence=ev)),
        (2, lambda r, ev: Accountability(waived=True, evidence=ev)),
        (2, lambda r, ev: ArmsDeliveryHalt(evidence=ev)),
        (2, lambda r, ev: NuclearPlantControl(controller=PlantController.RUSSIA, evidence=ev)),
        (3, _cap),
    ],
    "mediating": [
        (4, lambda r, ev: UnilateralSanctionsRejected(evidence=ev)),
        (3, lambda r, ev: IndivisibleSecurity(evidence=ev)),
        (
            3,
            lambda r, ev: TerritorialStatus(
                regions=_regions(r), status=r.choice(("deferred", "divided")), evidence=ev
            ),
        ),
        (2, lambda r, ev: NuclearPlantControl(controller=PlantController.SHARED, evidence=ev)),
        (
            3,
            lambda r, ev: DirectDialogue(
                timing=r.choice((Timing.AS_SOON_AS_POSSIBLE, Timing.WITHOUT_PRECONDITIONS)),
                evidence=ev,
            ),
        ),
        (2, lambda r, ev: ArmsDeliveryHalt(evidence=ev)),
        (1, _cap),
    ],
}


def _menu(camp: str, rng: random.Random) -> list[tuple[int, Make]]:
    # Mostly one's own camp, a little of the others: positions are rarely pure.
    menu = [(w * 4, m) for w, m in _MENUS[camp]] + [(w * 3, m) for w, m in _SHARED]
    for other in CAMPS:
        if other != camp:
            menu += [(w, m) for w, m in _MENUS[other] if rng.random() < 0.3]
    return menu


def position(index: int, rng: random.Random) -> Position:
    """One synthetic position; conditions that would contradict earlier ones are skipped."""
    camp = CAMPS[rng.randrange(len(CAMPS))]
    menu = _menu(camp, rng)
    weights = [w for w, _ in menu]
    document = f"synthetic-{index:05d}"
    want = rng.randint(8, 15)
    acc: dict[str, Constraint] = {}
    conditions: list[Condition] = []
    for attempt in range(200):
        if len(acc) >= want:
            break
        _, make = rng.choices(menu, weights)[0]
        implied = rng.random() < 0.2
        ev = Evidence(
            document=document,
            locator=f"point {attempt + 1}",
            basis=Basis.IMPLIED if implied else Basis.EXPLICIT,
            rationale="synthetic benchmark data: an assumed analyst reading" if implied else "",
        )
        condition = make(rng, ev)
        if rng.random() < 0.08:
            stage = rng.choice((Stage.PRECONDITION_FOR_TALKS, Stage.PRECONDITION_FOR_CEASEFIRE))
            condition = _with_stage(condition, stage)
        merged = dict(acc)
        ok = True
        for c in condition.constraints():
            key = c.issue.key
            known = merged.get(key)
            both = c if known is None else known & c
            if both.is_empty():
                ok = False
                break
            merged[key] = both
        if ok and len(merged) <= 15 and condition not in conditions:
            acc = merged
            conditions.append(condition)
    start = datetime.date(2022, 2, 24)
    return Position(
        id=document,
        title=f"Synthetic position {index} ({camp})",
        actors=(f"Synthetic actor {index % 97}",),
        date=start + datetime.timedelta(days=index % 1200),
        conditions=conditions,
        document=document,
        notes="Synthetic benchmark data; encodes no real document.",
    )


def _with_stage(condition: Condition, stage: Stage) -> Condition:
    import attrs

    return attrs.evolve(condition, stage=stage)


def corpus(n: int, seed: int = 2024) -> list[Position]:
    """``n`` synthetic positions, the same for the same ``seed`` on every machine."""
    rng = random.Random(seed)
    return [position(i, rng) for i in range(n)]


def describe(positions: list[Position], reading: peacepos.position.Reading = "broad") -> str:
    """Issues per position (min/mean/max) and the share of pairs x issues in conflict."""
    counts = [len(p.constraints(reading)) for p in positions]
    return f"issues per position: min {min(counts)}, mean {sum(counts) / len(counts):.1f}, " + (
        f"max {max(counts)}"
    )
