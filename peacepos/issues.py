"""Issues: the questions a settlement must answer, and the built-in catalogue.

An issue has a finite, ordered set of possible answers (its *outcomes*) or, for a numeric
issue, a range of whole numbers. The catalogue is data: users add issues and regions with
:func:`register_issue` and :func:`register_region` without editing peacepos.

>>> get_issue("hostilities").outcomes
('continue', 'partial-ceasefire', 'full-ceasefire', 'end-of-war')
>>> get_issue("military/army-cap").unit
'troops'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

import attrs
from attrs import field, frozen

from peacepos.errors import UnknownIssueError

__all__ = [
    "Issue",
    "NumericIssue",
    "get_issue",
    "get_region",
    "issue_keys",
    "issues",
    "region_keys",
    "register_issue",
    "register_region",
]

_KEY = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*(?:/[a-z0-9]+(?:[-_][a-z0-9]+)*)*$")


def _check_key(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _KEY.match(value):
        raise ValueError(
            f"{attribute.name} must be lower-case words joined by '-' or '/' (got {value!r})"
        )


def _check_outcomes(
    _: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    if not value:
        raise ValueError("an issue needs at least one outcome")
    if len(set(value)) != len(value):
        raise ValueError(f"outcomes must be distinct (got {value!r})")
    if len(value) > 62:
        raise ValueError(f"an issue may have at most 62 outcomes (got {len(value)})")
    for outcome in value:
        if not _KEY.match(outcome) or "/" in outcome:
            raise ValueError(f"outcome must be lower-case words joined by '-' (got {outcome!r})")


def _as_tuple(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError(f"outcomes must be a list of names, not a string (got {value!r})")
    return tuple(value)


def _label(text: str) -> str:
    return text.replace("-", " ")


def _pairs(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(k), str(v)) for k, v in items))


@frozen(kw_only=True)
class Issue:
    """An issue with a finite, ordered set of outcomes.

    ``sequence`` marks the issues that record *when* a party wants something (talks or a
    ceasefire with or without preconditions) rather than *what* it wants.
    """

    key: str = field(validator=_check_key)
    title: str
    outcomes: tuple[str, ...] = field(converter=_as_tuple, validator=_check_outcomes)
    description: str = ""
    sequence: bool = False
    labels: tuple[tuple[str, str], ...] = field(default=(), converter=_pairs)
    _index: dict[str, int] = field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_index", {o: i for i, o in enumerate(self.outcomes)})
        for outcome, _ in self.labels:
            self.index(outcome)  # a label for an unknown outcome is a typo

    @property
    def numeric(self) -> bool:
        return False

    def index(self, outcome: str) -> int:
        """Position of ``outcome`` in the ordered outcomes; a clear error for unknown ones."""
        try:
            return self._index[outcome]
        except KeyError:
            raise UnknownIssueError(
                f"{outcome!r} is not an outcome of {self.key!r}; expected one of "
                + ", ".join(self.outcomes)
            ) from None

    def label(self, outcome: str) -> str:
        """The outcome as words for tables: its label if given, else ``'full ceasefire'``."""
        self.index(outcome)
        return dict(self.labels).get(outcome) or _label(outcome)


def _check_bounds(instance: NumericIssue, _: object, value: int | None) -> None:
    if value is not None and value < instance.minimum:
        raise ValueError(f"maximum must be ≥ minimum (got {value} < {instance.minimum})")


@frozen(kw_only=True)
class NumericIssue:
    """An issue whose outcomes are whole numbers from ``minimum`` to ``maximum`` (None: no end)."""

    key: str = field(validator=_check_key)
    title: str
    unit: str
    minimum: int = 0
    maximum: int | None = field(default=None, validator=_check_bounds)
    description: str = ""
    sequence: bool = False

    @property
    def numeric(self) -> bool:
        return True

    def format(self, value: int) -> str:
        """``85000`` → ``'85,000'``."""
        return f"{value:,}"


AnyIssue = Issue | NumericIssue

_ISSUES: dict[str, AnyIssue] = {}
_REGIONS: dict[str, str] = {}


def register_issue(issue: AnyIssue, *, replace: bool = False) -> AnyIssue:
    """Add ``issue`` to the catalogue; re-registering an equal issue is a no-op.

    A different issue under a key already taken is an error unless ``replace=True``.
    """
    known = _ISSUES.get(issue.key)
    if known is not None and known != issue and not replace:
        raise ValueError(f"issue {issue.key!r} is already registered with other outcomes")
    _ISSUES[issue.key] = issue
    return issue


def get_issue(key: str | AnyIssue) -> AnyIssue:
    """The catalogue's issue for ``key``; an :class:`UnknownIssueError` names the near misses."""
    if isinstance(key, Issue | NumericIssue):
        return key
    try:
        return _ISSUES[key]
    except KeyError:
        raise UnknownIssueError(f"unknown issue {key!r}; see peacepos.issue_keys()") from None


def issue_keys() -> tuple[str, ...]:
    """Every registered issue key, in catalogue order (the order reports use)."""
    return tuple(_ISSUES)


def issues() -> Iterator[AnyIssue]:
    """Every registered issue, in catalogue order."""
    return iter(tuple(_ISSUES.values()))


TERRITORY_OUTCOMES = ("ukraine", "russia-de-jure", "russia-de-facto", "divided", "deferred")
TERRITORY_LABELS = {
    "ukraine": "Ukrainian",
    "russia-de-jure": "Russian de jure",
    "russia-de-facto": "Russian de facto",
    "divided": "divided along the line of contact",
    "deferred": "status deferred",
}

# How the built-in outcomes read in tables, where the plain words would be unclear.
_BUILTIN_LABELS: dict[str, dict[str, str]] = {
    "alignment/nato": {"member": "NATO member", "not-member": "not in NATO"},
    "alignment/blocs": {"aligned": "in a military bloc", "non-bloc": "non-bloc"},
    "alignment/eu": {"member": "EU member", "candidate": "EU candidate", "excluded": "no EU path"},
    "alignment/nato-troops": {"allowed": "NATO troops allowed", "excluded": "no NATO troops"},
    "alignment/foreign-forces": {
        "allowed": "foreign forces allowed",
        "excluded": "no foreign forces",
    },
    "alignment/nuclear-status": {"nuclear": "nuclear-armed", "non-nuclear": "non-nuclear"},
    "alignment/guarantees": {"none": "no guarantees"},
    "humanitarian/prisoners": {"all-for-all": "all-for-all exchange"},
    "nuclear/zaporizhzhia-plant": {
        "ukraine": "Ukrainian control",
        "russia": "Russian control",
        "shared": "shared control",
    },
    "sequence/talks": {"after-preconditions": "only after preconditions"},
    "sequence/ceasefire": {"after-preconditions": "only after preconditions"},
}


def register_region(
    key: str, title: str, *, outcomes: tuple[str, ...] = TERRITORY_OUTCOMES
) -> AnyIssue:
    """Register a region and its issue ``territory/<key>`` (who holds it under a settlement)."""
    issue = register_issue(
        Issue(
            key=f"territory/{key}",
            title=f"Territory: {title}",
            outcomes=outcomes,
            labels={k: v for k, v in TERRITORY_LABELS.items() if k in outcomes},
            description=f"Status of {title} under a settlement.",
        )
    )
    _REGIONS[key] = title
    return issue


def get_region(key: str) -> str:
    """The title of a registered region."""
    try:
        return _REGIONS[key]
    except KeyError:
        raise UnknownIssueError(
            f"unknown region {key!r}; expected one of " + ", ".join(_REGIONS)
        ) from None


def region_keys() -> tuple[str, ...]:
    """Every registered region, in catalogue order."""
    return tuple(_REGIONS)


def _builtin() -> None:
    # The built-in catalogue. Order matters: it is the row order of every report.
    def add(key: str, title: str, outcomes: tuple[str, ...], description: str = "") -> None:
        register_issue(
            Issue(
                key=key,
                title=title,
                outcomes=outcomes,
                description=description,
                labels=_BUILTIN_LABELS.get(key, {}),
            )
        )

    add(
        "hostilities",
        "Hostilities",
        ("continue", "partial-ceasefire", "full-ceasefire", "end-of-war"),
        "What happens to the fighting under a settlement.",
    )
    add(
        "talks",
        "Talks",
        ("none", "mediated", "direct"),
        "Whether and how the warring parties negotiate.",
    )
    add(
        "talks/participation",
        "Who takes part in peace talks",
        ("all-parties", "some-parties"),
        "Whether both warring parties take part (a conference recognised by both, say).",
    )
    add("arms-deliveries", "Arms deliveries to Ukraine", ("continue", "halt"))
    add("alignment/nato", "Ukraine and NATO", ("member", "not-member"))
    add(
        "alignment/blocs",
        "Ukraine's bloc status",
        ("aligned", "non-bloc"),
        "Membership of any military alliance, or a neutral, non-bloc status.",
    )
    add("alignment/eu", "Ukraine and the EU", ("member", "candidate", "excluded"))
    add("alignment/foreign-forces", "Foreign troops and bases in Ukraine", ("allowed", "excluded"))
    add("alignment/nato-troops", "NATO troops in Ukraine", ("allowed", "excluded"))
    add("alignment/nuclear-status", "Ukraine's nuclear status", ("nuclear", "non-nuclear"))
    add("alignment/guarantees", "Security guarantees for Ukraine", ("guaranteed", "none"))
    add(
        "security/indivisible",
        "Indivisible security (none at another's expense)",
        ("upheld", "not-upheld"),
    )
    add(
        "security/non-aggression",
        "A non-aggression commitment",
        ("agreed", "not-agreed"),
        "The parties commit not to change the settlement by force.",
    )
    add("principles/un-charter", "UN Charter and international law", ("observed", "not-observed"))
    for region, title in (
        ("crimea", "Crimea with Sevastopol"),
        ("donetsk", "Donetsk region"),
        ("luhansk", "Luhansk region"),
        ("zaporizhzhia", "Zaporizhzhia region"),
        ("kherson", "Kherson region"),
    ):
        register_region(region, title)
    # Areas a settlement may treat apart from the five regions (as the US plan of November
    # 2025 does with the other occupied areas).
    register_region("other-occupied", "Other occupied areas outside the five regions")
    add(
        "sanctions/unilateral",
        "Unilateral sanctions (not authorised by the UN Security Council)",
        ("rejected", "accepted"),
    )
    add(
        "sanctions/on-russia",
        "Sanctions on Russia",
        ("tightened", "maintained", "eased", "lifted"),
    )
    add("humanitarian/civilians", "Protection of civilians", ("protected", "unprotected"))
    add("humanitarian/corridors", "Humanitarian corridors and aid", ("open", "closed"))
    add("humanitarian/prisoners", "Prisoners of war", ("all-for-all", "partial-exchange", "none"))
    add("humanitarian/deportees", "Deported civilians and children", ("returned", "not-returned"))
    add("nuclear/plant-safety", "Safety of nuclear power plants", ("protected", "unprotected"))
    add(
        "nuclear/zaporizhzhia-plant",
        "Control of the Zaporizhzhia nuclear plant",
        ("ukraine", "russia", "shared"),
    )
    add("nuclear/weapons-use", "Use or threat of nuclear weapons", ("renounced", "not-renounced"))
    add("economy/grain-exports", "Grain exports", ("unobstructed", "obstructed"))
    add("economy/supply-chains", "Industrial and supply chains", ("protected", "unprotected"))
    add(
        "economy/critical-infrastructure",
        "Energy and critical infrastructure",
        ("protected", "unprotected"),
        "Power grids, pipelines, undersea cables: not attacked, kept working.",
    )
    add("environment", "Environmental protection", ("protected", "unprotected"))
    add("reconstruction", "Post-war reconstruction", ("supported", "not-supported"))
    add(
        "accountability/legal-claims",
        "International legal actions against Russia",
        ("pursued", "dropped"),
    )
    register_issue(
        Issue(
            key="accountability/compensation",
            title="Compensation for war damage",
            outcomes=("paid-by-russia", "not-paid"),
            labels={"paid-by-russia": "paid by Russia"},
        )
    )
    add(
        "military/demilitarisation",
        "Demilitarisation of Ukraine",
        ("demilitarised", "not-demilitarised"),
    )
    register_issue(
        NumericIssue(
            key="military/army-cap",
            title="Cap on Ukraine's armed forces",
            unit="troops",
            description="The largest peacetime army a settlement allows Ukraine.",
        )
    )
    for equipment, noun in (("tanks", "tanks"), ("artillery", "artillery systems")):
        register_issue(
            NumericIssue(
                key=f"military/{equipment}-cap",
                title=f"Cap on Ukraine's {noun}",
                unit=noun,
                description=f"The most {noun} a settlement allows Ukraine.",
            )
        )
    register_issue(
        NumericIssue(
            key="military/missile-range",
            title="Range limit on Ukraine's missiles",
            unit="km",
            description="The longest missile range a settlement allows Ukraine.",
        )
    )
    register_issue(
        Issue(
            key="military/pull-back",
            title="Which forces pull back",
            outcomes=("russian-forces", "ukrainian-forces", "both-sides"),
            description="Whose forces withdraw from the line of contact or named areas.",
            labels={"russian-forces": "Russian forces", "ukrainian-forces": "Ukrainian forces"},
        )
    )
    add(
        "military/buffer-zone",
        "A demilitarised buffer zone",
        ("agreed", "none"),
    )
    add("minorities/language", "Language and minority rights", ("protected", "not-protected"))
    add(
        "minorities/russian-official-language",
        "Russian as an official language of Ukraine",
        ("official", "not-official"),
    )
    add(
        "politics/denazification",
        "'Denazification' of Ukraine (Russia's term)",
        ("required", "not-required"),
    )
    add(
        "politics/ideology-ban",
        "Legal bans on Nazi ideology written into a settlement",
        ("required", "not-required"),
    )
    add("elections", "Elections in Ukraine", ("held", "not-held"))
    for what in ("talks", "ceasefire"):
        register_issue(
            Issue(
                key=f"sequence/{what}",
                title=f"Sequence: {what}",
                outcomes=("without-preconditions", "after-preconditions"),
                description=f"Whether {what} may start before a party's terms are met.",
                sequence=True,
                labels=_BUILTIN_LABELS[f"sequence/{what}"],
            )
        )


_builtin()
