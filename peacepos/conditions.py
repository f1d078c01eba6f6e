"""Conditions: what a party states, as typed values with evidence.

A condition is syntax; its :meth:`~Condition.compile` step turns it into constraints on one
or more issues, and that step *is* the matching rule of the type. Relations between positions
are then set algebra on constraints, never pairwise rules between condition types.

>>> c = Ceasefire(scope=CeasefireScope.FULL, evidence=Evidence(document="doc", locator="point 3"))
>>> [str(x) for x in c.constraints()]
['full ceasefire or end of war']
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable
from typing import Any, ClassVar, TypeVar

import attrs
from attrs import field, frozen

from peacepos.constraints import Constraint
from peacepos.errors import UnknownIssueError
from peacepos.issues import get_issue, get_region

__all__ = [
    "MAX_QUOTE_WORDS",
    "Accountability",
    "ArmsDeliveryHalt",
    "ArmyCap",
    "Basis",
    "BufferZone",
    "Ceasefire",
    "CeasefireScope",
    "CivilianProtection",
    "Compensation",
    "Condition",
    "Deescalation",
    "Demilitarisation",
    "Denazification",
    "DirectDialogue",
    "Elections",
    "EndOfHostilities",
    "EnvironmentalProtection",
    "Equipment",
    "EquipmentCap",
    "EuAccession",
    "Evidence",
    "ForcesPullBack",
    "ForeignForcesExcluded",
    "GrainExports",
    "HumanitarianAccess",
    "IdeologyBan",
    "InclusiveTalks",
    "IndivisibleSecurity",
    "InfrastructureProtection",
    "LanguageRights",
    "MissileRangeCap",
    "NatoMembership",
    "NatoNonMembership",
    "NatoTroopsExcluded",
    "Negotiations",
    "NeutralStatus",
    "NoNuclearUse",
    "NonAggression",
    "NonNuclearStatus",
    "NuclearPlantControl",
    "NuclearSafety",
    "OfficialLanguage",
    "PlantController",
    "PrisonerExchange",
    "PullBackBy",
    "Reconstruction",
    "ReturnOfDeportees",
    "SanctionsPressure",
    "SanctionsRelief",
    "SecurityGuarantees",
    "Side",
    "Stage",
    "SupplyChains",
    "TalksFormat",
    "TerritorialIntegrity",
    "TerritorialRecognition",
    "TerritorialStatus",
    "Timing",
    "TroopWithdrawal",
    "UnCharter",
    "UnilateralSanctionsRejected",
    "condition_type",
    "condition_types",
    "get_condition_type",
]

MAX_QUOTE_WORDS = 12
"""Quotes are evidence, not reproduction: at most this many words."""


class Basis(enum.Enum):
    """Whether the text says it (EXPLICIT) or an analyst infers it (IMPLIED)."""

    EXPLICIT = "explicit"
    IMPLIED = "implied"


class Stage(enum.Enum):
    """When a party wants a condition met."""

    SETTLEMENT = "settlement"
    PRECONDITION_FOR_TALKS = "precondition-for-talks"
    PRECONDITION_FOR_CEASEFIRE = "precondition-for-ceasefire"


def _nonblank(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")
    if len(value) > 2000:
        raise ValueError(f"{attribute.name} is longer than 2000 characters (got {len(value)})")


def _short(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if len(value) > 2000:
        raise ValueError(f"{attribute.name} is longer than 2000 characters (got {len(value)})")


def _check_quote(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    words = len(value.split())
    if words > MAX_QUOTE_WORDS:
        raise ValueError(
            f"quote must be at most {MAX_QUOTE_WORDS} words (got {words}): {value[:60]!r}"
        )


@frozen(kw_only=True)
class Evidence:
    """Where a condition comes from.

    ``document`` is the document's id, ``locator`` the place in it ("point 3"), ``quote`` a
    short quote (at most :data:`MAX_QUOTE_WORDS` words), ``basis`` EXPLICIT or IMPLIED;
    IMPLIED needs a one-line ``rationale``. ``source`` names where the text was seen.
    """

    document: str = field(validator=_nonblank)
    locator: str = field(validator=_nonblank)
    quote: str = field(default="", validator=_check_quote)
    basis: Basis = Basis.EXPLICIT
    rationale: str = field(default="", validator=_short)
    source: str = field(default="", validator=_short)

    def __attrs_post_init__(self) -> None:
        if self.basis is Basis.IMPLIED and not self.rationale.strip():
            raise ValueError("IMPLIED evidence needs a rationale: why an analyst reads it so")


_TYPES: dict[str, type[Condition]] = {}
C = TypeVar("C", bound="type[Condition]")


def condition_type(kind: str) -> Callable[[C], C]:
    """Register a condition class under a stable ``kind`` tag (used in files and reports).

    The class must be a frozen attrs subclass of :class:`Condition` with a ``compile`` method.
    """
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", kind):
        raise ValueError(f"kind must be lower-case words joined by '-' (got {kind!r})")

    def register(cls: C) -> C:
        ok = isinstance(cls, type) and issubclass(cls, Condition) and attrs.has(cls)
        if not ok:
            raise TypeError(f"{cls!r} must be an attrs subclass of Condition")
        target: Any = cls
        known = _TYPES.get(kind)
        if known is not None and known.__qualname__ != target.__qualname__:
            raise ValueError(f"kind {kind!r} is already taken by {known.__qualname__}")
        target.kind = kind
        _TYPES[kind] = target
        return cls

    return register


def get_condition_type(kind: str) -> type[Condition]:
    """The class registered for ``kind``."""
    try:
        return _TYPES[kind]
    except KeyError:
        import difflib  # only on this error path

        near = difflib.get_close_matches(kind, list(_TYPES), n=3)
        hint = (
            f"did you mean {' or '.join(map(repr, near))}?"
            if near
            else ("see peacepos.condition_types() or docs/file-format.md")
        )
        raise UnknownIssueError(f"unknown condition kind {kind!r}; {hint}") from None


def condition_types() -> dict[str, type[Condition]]:
    """Every registered condition kind and its class, sorted by kind."""
    return dict(sorted(_TYPES.items()))


def _basis_of(evidence: Evidence) -> Basis:
    return evidence.basis


_SEQUENCE_BY_STAGE = {
    Stage.PRECONDITION_FOR_TALKS: "sequence/talks",
    Stage.PRECONDITION_FOR_CEASEFIRE: "sequence/ceasefire",
}


@frozen(kw_only=True)
class Condition:
    """Base of every condition type: evidence (only its basis counts for ==) and a stage.

    Subclasses add domain fields and implement :meth:`compile`.
    """

    kind: ClassVar[str] = ""
    title: ClassVar[str] = ""
    """How tables name the type; the kind's words if empty (``"arms delivery halt"``)."""
    # Of the evidence, only the basis takes part in equality: it decides the readings a
    # condition counts in. Where a text says it (document, locator, quote) does not.
    evidence: Evidence = field(eq=_basis_of)
    stage: Stage = Stage.SETTLEMENT

    def compile(self) -> Iterable[Constraint]:
        """The constraints this condition puts on issues: the type's matching rule."""
        raise NotImplementedError(f"{type(self).__name__} must implement compile()")

    def constraints(self) -> tuple[Constraint, ...]:
        """:meth:`compile` plus what the stage says about sequencing."""
        out = list(self.compile())
        sequence = _SEQUENCE_BY_STAGE.get(self.stage)
        if sequence is not None:
            out.append(Constraint.of(sequence, "after-preconditions"))
        return tuple(out)

    @property
    def basis(self) -> Basis:
        return self.evidence.basis

    def describe(self) -> str:
        """One line for tables: the type's title and its fields that differ from defaults.

        >>> ev = Evidence(document="d", locator="point 4")
        >>> c = TerritorialRecognition(regions=["kherson", "crimea"], de_facto=True, evidence=ev)
        >>> c.describe()
        'territorial recognition (regions: crimea, kherson; de facto)'
        """
        parts = []
        for a in attrs.fields(type(self)):
            if a.name in ("evidence", "stage"):
                continue
            value = getattr(self, a.name)
            if a.default is not attrs.NOTHING and value == a.default:
                continue
            name = a.name.rstrip("_").replace("_", " ")
            if isinstance(value, bool):
                parts.append(name if value else f"not {name}")
            else:
                parts.append(f"{name}: {_plain(value)}")
        text = self.title or self.kind.replace("-", " ")
        if parts:
            text += f" ({'; '.join(parts)})"
        if self.stage is not Stage.SETTLEMENT:
            text += f" [{self.stage.value.replace('-', ' ')}]"
        return text


def _plain(value: Any) -> str:
    if isinstance(value, enum.Enum):
        return str(value.value).replace("-", " ")
    if isinstance(value, frozenset | tuple):
        return ", ".join(sorted(_plain(v) for v in value))
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def _regions(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, str):
        raise TypeError(f"regions must be a list of region keys, not a string (got {value!r})")
    return frozenset(value)


def _check_regions(
    _: object, attribute: attrs.Attribute[frozenset[str]], value: frozenset[str]
) -> None:
    if not value:
        raise ValueError(f"{attribute.name} must name at least one region")
    for region in value:
        get_region(region)


def _only(issue: str, *outcomes: str) -> Constraint:
    return Constraint.of(issue, *outcomes)


# -- hostilities and talks ----------------------------------------------------------------


class CeasefireScope(enum.Enum):
    PARTIAL = "partial"
    FULL = "full"


class Timing(enum.Enum):
    """Whether a party wants talks or a ceasefire before its other terms are met."""

    UNSPECIFIED = "unspecified"
    AS_SOON_AS_POSSIBLE = "as-soon-as-possible"
    WITHOUT_PRECONDITIONS = "without-preconditions"


def _timing(key: str, timing: Timing) -> list[Constraint]:
    if timing is Timing.UNSPECIFIED:
        return []
    return [_only(key, "without-preconditions")]


@condition_type("ceasefire")
@frozen(kw_only=True)
class Ceasefire(Condition):
    """A ceasefire, partial or full; a full one is met by a full ceasefire or an end of war."""

    scope: CeasefireScope = CeasefireScope.FULL
    timing: Timing = Timing.UNSPECIFIED

    def compile(self) -> Iterable[Constraint]:
        if self.scope is CeasefireScope.FULL:
            yield _only("hostilities", "full-ceasefire", "end-of-war")
        else:
            yield _only("hostilities", "partial-ceasefire", "full-ceasefire", "end-of-war")
        yield from _timing("sequence/ceasefire", self.timing)


@condition_type("end-of-hostilities")
@frozen(kw_only=True)
class EndOfHostilities(Condition):
    """A definitive end of hostilities, not a freeze."""

    def compile(self) -> Iterable[Constraint]:
        yield _only("hostilities", "end-of-war")


@condition_type("de-escalation")
@frozen(kw_only=True)
class Deescalation(Condition):
    """Fighting reduced at least to a partial ceasefire."""

    title = "de-escalation"

    def compile(self) -> Iterable[Constraint]:
        yield _only("hostilities", "partial-ceasefire", "full-ceasefire", "end-of-war")


class TalksFormat(enum.Enum):
    ANY = "any"
    DIRECT = "direct"
    MEDIATED = "mediated"


@condition_type("negotiations")
@frozen(kw_only=True)
class Negotiations(Condition):
    """A negotiated (political-diplomatic) settlement, direct or mediated."""

    format: TalksFormat = TalksFormat.ANY
    timing: Timing = Timing.UNSPECIFIED

    def compile(self) -> Iterable[Constraint]:
        if self.format is TalksFormat.ANY:
            yield _only("talks", "mediated", "direct")
        else:
            yield _only("talks", self.format.value)
        yield from _timing("sequence/talks", self.timing)


@condition_type("direct-dialogue")
@frozen(kw_only=True)
class DirectDialogue(Condition):
    """Direct talks between the warring parties."""

    timing: Timing = Timing.UNSPECIFIED

    def compile(self) -> Iterable[Constraint]:
        yield _only("talks", "direct")
        yield from _timing("sequence/talks", self.timing)


# -- arms and alignment -------------------------------------------------------------------


@condition_type("arms-delivery-halt")
@frozen(kw_only=True)
class ArmsDeliveryHalt(Condition):
    """Foreign arms deliveries to Ukraine stop."""

    title = "halt to arms deliveries"

    def compile(self) -> Iterable[Constraint]:
        yield _only("arms-deliveries", "halt")


@condition_type("neutral-status")
@frozen(kw_only=True)
class NeutralStatus(Condition):
    """Ukraine neutral and non-bloc: in no military alliance, NATO included."""

    permanent: bool = False

    def compile(self) -> Iterable[Constraint]:
        yield _only("alignment/nato", "not-member")
        yield _only("alignment/blocs", "non-bloc")


@condition_type("nato-non-membership")
@frozen(kw_only=True)
class NatoNonMembership(Condition):
    """Ukraine does not join NATO."""

    title = "NATO non-membership"

    def compile(self) -> Iterable[Constraint]:
        yield _only("alignment/nato", "not-member")


@condition_type("eu-accession")
@frozen(kw_only=True)
class EuAccession(Condition):
    """Ukraine's path to EU membership stays open."""

    title = "EU accession"

    def compile(self) -> Iterable[Constraint]:
        yield _only("alignment/eu", "member", "candidate")


@condition_type("foreign-forces-excluded")
@frozen(kw_only=True)
class ForeignForcesExcluded(Condition):
    """No foreign troops or bases in Ukraine."""

    title = "no foreign forces"

    def compile(self) -> Iterable[Constraint]:
        yield _only("alignment/foreign-forces", "excluded")
        yield _only("alignment/nato-troops", "excluded")  # NATO's are foreign forces too


@condition_type("nato-troops-excluded")
@frozen(kw_only=True)
class NatoTroopsExcluded(Condition):
    """No NATO troops stationed in Ukraine (other foreign forces not addressed)."""

    title = "no NATO troops"

    def compile(self) -> Iterable[Constraint]:
        yield _only("alignment/nato-troops", "excluded")


@condition_type("non-nuclear-status")
@frozen(kw_only=True)
class NonNuclearStatus(Condition):
    """Ukraine stays without nuclear weapons."""

    def compile(self) -> Iterable[Constraint]:
        yield _only("alignment/nuclear-status", "non-nuclear")


@condition_type("security-guarantees")
@frozen(kw_only=True)
class SecurityGuarantees(Condition):
    """Ukraine receives security guarantees."""

    def compile(self) -> Iterable[Constraint]:
        yield _only("alignment/guarantees", "guaranteed")


@condition_type("indivisible-security")
@frozen(kw_only=True)
class IndivisibleSecurity(Condition):
    """No state's security at the expense of another's."""

    def compile(self) -> Iterable[Constraint]:
        yield _only("security/indivisible", "upheld")


@condition_type("un-charter")
@frozen(kw_only=True)
class UnCharter(Condition):
    """A settlement observes the UN Charter and international law."""

    title = "UN Charter and international law"

    def compile(self) -> Iterable[Constraint]:
        yield _only("principles/un-charter", "observed")


# -- territory ----------------------------------------------------------------------------


class Side(enum.Enum):
    RUSSIA = "russia"
    UKRAINE = "ukraine"


@condition_type("territorial-integrity")
@frozen(kw_only=True)
class TerritorialIntegrity(Condition):
    """The named regions stay (or return to being) Ukraine's."""

    regions: frozenset[str] = field(converter=_regions, validator=_check_regions)

    def compile(self) -> Iterable[Constraint]:
        for region in sorted(self.regions):
            yield _only(f"territory/{region}", "ukraine")


@condition_type("territorial-recognition")
@frozen(kw_only=True)
class TerritorialRecognition(Condition):
    """The named regions recognised as Russia's, de jure or (``de_facto=True``) de facto."""

    regions: frozenset[str] = field(converter=_regions, validator=_check_regions)
    de_facto: bool = False

    def compile(self) -> Iterable[Constraint]:
        outcome = "russia-de-facto" if self.de_facto else "russia-de-jure"
        for region in sorted(self.regions):
            yield _only(f"territory/{region}", outcome)


def _check_status(instance: TerritorialStatus, _: object, value: str) -> None:
    for region in instance.regions:
        get_issue(f"territory/{region}").index(value)  # type: ignore[union-attr]


@condition_type("territorial-status")
@frozen(kw_only=True)
class TerritorialStatus(Condition):
    """The named regions get one status of the territory outcomes (e.g. ``deferred``)."""

    regions: frozenset[str] = field(converter=_regions, validator=_check_regions)
    status: str = field(validator=_check_status)

    def compile(self) -> Iterable[Constraint]:
        for region in sorted(self.regions):
            yield _only(f"territory/{region}", self.status)


@condition_type("troop-withdrawal")
@frozen(kw_only=True)
class TroopWithdrawal(Condition):
    """One side's troops leave the named regions, which then fall to the other side."""

    side: Side
    regions: frozenset[str] = field(converter=_regions, validator=_check_regions)

    def compile(self) -> Iterable[Constraint]:
        for region in sorted(self.regions):
            if self.side is Side.RUSSIA:
                yield _only(f"territory/{region}", "ukraine")
            else:
                yield _only(f"territory/{region}", "russia-de-jure", "russia-de-facto")


# -- sanctions ----------------------------------------------------------------------------


@condition_type("unilateral-sanctions-rejected")
@frozen(kw_only=True)
class UnilateralSanctionsRejected(Condition):
    """Sanctions not authorised by the UN Security Council are rejected."""

    title = "unilateral sanctions rejected"

    def compile(self) -> Iterable[Constraint]:
        yield _only("sanctions/unilateral", "rejected")


@condition_type("sanctions-relief")
@frozen(kw_only=True)
class SanctionsRelief(Condition):
    """Sanctions on Russia lifted, fully or (``partial=True``) at least eased."""

    partial: bool = False

    def compile(self) -> Iterable[Constraint]:
        if self.partial:
            yield _only("sanctions/on-russia", "eased", "lifted")
        else:
            yield _only("sanctions/on-russia", "lifted")


@condition_type("sanctions-pressure")
@frozen(kw_only=True)
class SanctionsPressure(Condition):
    """Sanctions on Russia kept or tightened."""

    def compile(self) -> Iterable[Constraint]:
        yield _only("sanctions/on-russia", "tightened", "maintained")


# -- humanitarian, nuclear, economy ---------------------------------------------------------


@condition_type("civilian-protection")
@frozen(kw_only=True)
class CivilianProtection(Condition):
    """Civilians and civilian facilities are not attacked; humanitarian law is observed."""

    def compile(self) -> Iterable[Constraint]:
        yield _only("humanitarian/civilians", "protected")


@condition_type("humanitarian-access")
@frozen(kw_only=True)
class HumanitarianAccess(Condition):
    """Humanitarian corridors and aid for civilians."""

    def compile(self) -> Iterable[Constraint]:
        yield _only("humanitarian/corridors", "open")


@condition_type("prisoner-exchange")
@frozen(kw_only=True)
class PrisonerExchange(Condition):
    """Prisoners of war exchanged; ``all_for_all=True`` asks for a complete exchange."""

    all_for_all: bool = False

    def compile(self) -> Iterable[Constraint]:
        if self.all_for_all:
            yield _only("humanitarian/prisoners", "all-for-all")
        else:
            yield _only("humanitarian/prisoners", "all-for-all", "partial-exchange")


@condition_type("return-of-deportees")
@frozen(kw_only=True)
class ReturnOfDeportees(Condition):
    """Deported civilians and children returned."""

    title = "return of deportees"

    def compile(self) -> Iterable[Constraint]:
        yield _only("humanitarian/deportees", "returned")


@condition_type("nuclear-safety")
@frozen(kw_only=True)
class NuclearSafety(Condition):
    """No attacks on nuclear power plants or other peaceful nuclear facilities."""

    def compile(self) -> Iterable[Constraint]:
        yield _only("nuclear/plant-safety", "protected")


class PlantController(enum.Enum):
    UKRAINE = "ukraine"
    RUSSIA = "russia"
    SHARED = "shared"


@condition_type("nuclear-plant-control")
@frozen(kw_only=True)
class NuclearPlantControl(Condition):
    """Who controls the Zaporizhzhia nuclear plant."""

    title = "control of the Zaporizhzhia nuclear plant"

    controller: PlantController

    def compile(self) -> Iterable[Constraint]:
        yield _only("nuclear/zaporizhzhia-plant", self.controller.value)


@condition_type("no-nuclear-use")
@frozen(kw_only=True)
class NoNuclearUse(Condition):
    """Nuclear weapons are neither used nor threatened."""

    title = "no use or threat of nuclear weapons"

    def compile(self) -> Iterable[Constraint]:
        yield _only("nuclear/weapons-use", "renounced")


@condition_type("grain-exports")
@frozen(kw_only=True)
class GrainExports(Condition):
    """Grain (and fertiliser) exports unobstructed, e.g. through the Black Sea."""

    def compile(self) -> Iterable[Constraint]:
        yield _only("economy/grain-exports", "unobstructed")


@condition_type("supply-chains")
@frozen(kw_only=True)
class SupplyChains(Condition):
    """Industrial and supply chains kept stable, not used as weapons."""

    def compile(self) -> Iterable[Constraint]:
        yield _only("economy/supply-chains", "protected")


@condition_type("reconstruction")
@frozen(kw_only=True)
class Reconstruction(Condition):
    """Post-war reconstruction is supported."""

    def compile(self) -> Iterable[Constraint]:
        yield _only("reconstruction", "supported")


@condition_type("accountability")
@frozen(kw_only=True)
class Accountability(Condition):
    """International legal actions against Russia pursued, or (``waived=True``) dropped."""

    title = "legal actions against Russia"

    waived: bool = False

    def compile(self) -> Iterable[Constraint]:
        yield _only("accountability/legal-claims", "dropped" if self.waived else "pursued")


# -- military, politics -------------------------------------------------------------------


@condition_type("demilitarisation")
@frozen(kw_only=True)
class Demilitarisation(Condition):
    """Ukraine demilitarised (no numbers: see :class:`ArmyCap`)."""

    def compile(self) -> Iterable[Constraint]:
        yield _only("military/demilitarisation", "demilitarised")


@condition_type("denazification")
@frozen(kw_only=True)
class Denazification(Condition):
    """The Russian demand for the 'denazification' of Ukraine, in its own term."""

    title = "'denazification'"

    def compile(self) -> Iterable[Constraint]:
        yield _only("politics/denazification", "required")


def _nonnegative(_: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{attribute.name} must be a whole number (got {value!r})")
    if not 0 <= value <= 100_000_000:
        raise ValueError(f"{attribute.name} must be from 0 to 100,000,000 (got {value:,})")


@condition_type("army-cap")
@frozen(kw_only=True)
class ArmyCap(Condition):
    """A cap on Ukraine's armed forces, as the range of caps a party accepts.

    ``at_most=85_000`` accepts any cap up to 85,000 troops; ``at_least=250_000`` accepts
    caps of 250,000 or more; both equal pins one number. (A settlement with no cap at all is
    not an outcome of this issue: a party that rejects any cap is silent on it.)
    """

    at_least: int | None = field(default=None, validator=_nonnegative)
    at_most: int | None = field(default=None, validator=_nonnegative)

    def __attrs_post_init__(self) -> None:
        _check_range(self, self.at_least, self.at_most)

    def compile(self) -> Iterable[Constraint]:
        yield Constraint.between("military/army-cap", self.at_least, self.at_most)


@condition_type("language-rights")
@frozen(kw_only=True)
class LanguageRights(Condition):
    """Rights of Russian speakers and national minorities, including their language."""

    def compile(self) -> Iterable[Constraint]:
        yield _only("minorities/language", "protected")


@condition_type("elections")
@frozen(kw_only=True)
class Elections(Condition):
    """Elections held in Ukraine as part of a settlement."""

    def compile(self) -> Iterable[Constraint]:
        yield _only("elections", "held")


# -- added for the 2022-2025 corpus ---------------------------------------------------------


@condition_type("nato-membership")
@frozen(kw_only=True)
class NatoMembership(Condition):
    """Ukraine joins NATO."""

    title = "NATO membership"

    def compile(self) -> Iterable[Constraint]:
        yield _only("alignment/nato", "member")


@condition_type("inclusive-talks")
@frozen(kw_only=True)
class InclusiveTalks(Condition):
    """Both warring parties take part in the talks (e.g. a conference both recognise)."""

    def compile(self) -> Iterable[Constraint]:
        yield _only("talks/participation", "all-parties")


@condition_type("non-aggression")
@frozen(kw_only=True)
class NonAggression(Condition):
    """The parties commit not to change the settlement by force."""

    def compile(self) -> Iterable[Constraint]:
        yield _only("security/non-aggression", "agreed")


@condition_type("infrastructure-protection")
@frozen(kw_only=True)
class InfrastructureProtection(Condition):
    """Energy and other critical infrastructure (grids, pipelines, cables) not attacked."""

    def compile(self) -> Iterable[Constraint]:
        yield _only("economy/critical-infrastructure", "protected")


@condition_type("environmental-protection")
@frozen(kw_only=True)
class EnvironmentalProtection(Condition):
    """War damage to the environment is stopped and remedied."""

    def compile(self) -> Iterable[Constraint]:
        yield _only("environment", "protected")


@condition_type("compensation")
@frozen(kw_only=True)
class Compensation(Condition):
    """Russia compensates Ukraine for war damage (e.g. through an international mechanism)."""

    def compile(self) -> Iterable[Constraint]:
        yield _only("accountability/compensation", "paid-by-russia")


def _check_range(condition: Condition, at_least: int | None, at_most: int | None) -> None:
    if at_least is None and at_most is None:
        raise ValueError(f"{condition.kind} needs at_least, at_most or both")
    if at_least is not None and at_most is not None and at_least > at_most:
        raise ValueError(f"at_least must not exceed at_most (got {at_least:,} > {at_most:,})")


class Equipment(enum.Enum):
    """Heavy weapons a settlement may cap, each a numeric issue ``military/<value>-cap``."""

    TANKS = "tanks"
    ARTILLERY = "artillery"


@condition_type("equipment-cap")
@frozen(kw_only=True)
class EquipmentCap(Condition):
    """A cap on Ukraine's tanks or artillery, as the range of caps a party accepts.

    Read like :class:`ArmyCap`: ``at_most=342`` accepts any cap up to 342.
    """

    equipment: Equipment
    at_least: int | None = field(default=None, validator=_nonnegative)
    at_most: int | None = field(default=None, validator=_nonnegative)

    def __attrs_post_init__(self) -> None:
        _check_range(self, self.at_least, self.at_most)

    def compile(self) -> Iterable[Constraint]:
        key = f"military/{self.equipment.value}-cap"
        yield Constraint.between(key, self.at_least, self.at_most)


@condition_type("missile-range-cap")
@frozen(kw_only=True)
class MissileRangeCap(Condition):
    """A limit on the range of Ukraine's missiles in km, as the range of limits accepted."""

    at_least: int | None = field(default=None, validator=_nonnegative)
    at_most: int | None = field(default=None, validator=_nonnegative)

    def __attrs_post_init__(self) -> None:
        _check_range(self, self.at_least, self.at_most)

    def compile(self) -> Iterable[Constraint]:
        yield Constraint.between("military/missile-range", self.at_least, self.at_most)


class PullBackBy(enum.Enum):
    """Whose forces pull back."""

    RUSSIA = "russia"
    UKRAINE = "ukraine"
    BOTH = "both"


_PULL_BACK = {
    PullBackBy.RUSSIA: "russian-forces",
    PullBackBy.UKRAINE: "ukrainian-forces",
    PullBackBy.BOTH: "both-sides",
}


@condition_type("forces-pull-back")
@frozen(kw_only=True)
class ForcesPullBack(Condition):
    """Forces pull back from the line of contact or named areas: Russia's, Ukraine's or both.

    Where the withdrawal decides who holds a region, encode that with
    :class:`TroopWithdrawal` as well; this records whose forces move.
    """

    by: PullBackBy

    def compile(self) -> Iterable[Constraint]:
        yield _only("military/pull-back", _PULL_BACK[self.by])


@condition_type("buffer-zone")
@frozen(kw_only=True)
class BufferZone(Condition):
    """A demilitarised buffer zone in the named regions."""

    regions: frozenset[str] = field(converter=_regions, validator=_check_regions)

    def compile(self) -> Iterable[Constraint]:
        yield _only("military/buffer-zone", "agreed")


@condition_type("official-language")
@frozen(kw_only=True)
class OfficialLanguage(Condition):
    """Russian made an official language of Ukraine, or (``official=False``) not."""

    official: bool = True

    def compile(self) -> Iterable[Constraint]:
        yield _only(
            "minorities/russian-official-language",
            "official" if self.official else "not-official",
        )


@condition_type("ideology-ban")
@frozen(kw_only=True)
class IdeologyBan(Condition):
    """A settlement requires legal bans on Nazi ideology (and similar wording)."""

    def compile(self) -> Iterable[Constraint]:
        yield _only("politics/ideology-ban", "required")
