"""The russia-ukraine codebook's declared kinds under the names tests read best: one factory
per kind (``ArmyCap(at_most=85_000, evidence=ev)``), each building a checked condition."""

from __future__ import annotations

from typing import Any

import peacepos
from peacepos.kinds import condition

RU = peacepos.codebook("russia-ukraine")

_NAMES = {
    "Accountability": "accountability",
    "ArmyCap": "army-cap",
    "BufferZone": "buffer-zone",
    "CivilianProtection": "civilian-protection",
    "Compensation": "compensation",
    "Deescalation": "de-escalation",
    "Demilitarisation": "demilitarisation",
    "Denazification": "denazification",
    "Elections": "elections",
    "EndOfHostilities": "end-of-hostilities",
    "EquipmentCap": "equipment-cap",
    "EuAccession": "eu-accession",
    "ForcesPullBack": "forces-pull-back",
    "ForeignForcesExcluded": "foreign-forces-excluded",
    "GrainExports": "grain-exports",
    "HumanitarianAccess": "humanitarian-access",
    "IdeologyBan": "ideology-ban",
    "InclusiveTalks": "inclusive-talks",
    "IndivisibleSecurity": "indivisible-security",
    "InfrastructureProtection": "infrastructure-protection",
    "LanguageRights": "language-rights",
    "MissileRangeCap": "missile-range-cap",
    "NatoMembership": "nato-membership",
    "NatoNonMembership": "nato-non-membership",
    "NatoTroopsExcluded": "nato-troops-excluded",
    "Negotiations": "negotiations",
    "NonAggression": "non-aggression",
    "NonNuclearStatus": "non-nuclear-status",
    "NoNuclearUse": "no-nuclear-use",
    "NuclearPlantControl": "nuclear-plant-control",
    "NuclearSafety": "nuclear-safety",
    "OfficialLanguage": "official-language",
    "PrisonerExchange": "prisoner-exchange",
    "Reconstruction": "reconstruction",
    "ReturnOfDeportees": "return-of-deportees",
    "SanctionsPressure": "sanctions-pressure",
    "SanctionsRelief": "sanctions-relief",
    "SecurityGuarantees": "security-guarantees",
    "SupplyChains": "supply-chains",
    "TerritorialIntegrity": "territorial-integrity",
    "TerritorialStatus": "territorial-status",
    "TroopWithdrawal": "troop-withdrawal",
    "UnCharter": "un-charter",
    "UnilateralSanctionsRejected": "unilateral-sanctions-rejected",
}


def _factory(kind: str) -> Any:
    def make(**fields: Any) -> peacepos.Condition:
        return condition(RU, kind, **fields)

    make.__name__ = kind
    return make


def __getattr__(name: str) -> Any:
    if name in _NAMES:
        return _factory(_NAMES[name])
    raise AttributeError(name)


def position(
    id: str,
    *conditions: peacepos.Condition,
    date: str = "2023-01-01",
    actor: str | None = None,
    codebook: peacepos.Codebook = RU,
) -> peacepos.Position:
    """A position of one actor with the given conditions (for tests)."""
    return peacepos.Position(
        id=id,
        title=f"Position {id}",
        actors=(actor or id.title(),),
        date=date,
        codebook=codebook,
        conditions=conditions,
    )
