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
from collections.abc import Iterable, Iterator

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
    _index: dict[str, int] = field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_index", {o: i for i, o in enumerate(self.outcomes)})

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
        """The outcome as words for tables: ``'full-ceasefire'`` → ``'full ceasefire'``."""
        self.index(outcome)
        return _label(outcome)


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


def register_region(
    key: str, title: str, *, outcomes: tuple[str, ...] = TERRITORY_OUTCOMES
) -> AnyIssue:
    """Register a region and its issue ``territory/<key>`` (who holds it under a settlement)."""
    issue = register_issue(
        Issue(
            key=f"territory/{key}",
            title=f"Territory: {title}",
            outcomes=outcomes,
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
        register_issue(Issue(key=key, title=title, outcomes=outcomes, description=description))

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
    add("alignment/nuclear-status", "Ukraine's nuclear status", ("nuclear", "non-nuclear"))
    add("alignment/guarantees", "Security guarantees for Ukraine", ("guaranteed", "none"))
    add(
        "security/indivisible",
        "Indivisible security (none at another's expense)",
        ("upheld", "not-upheld"),
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
    add("reconstruction", "Post-war reconstruction", ("supported", "not-supported"))
    add(
        "accountability/legal-claims",
        "International legal actions against Russia",
        ("pursued", "dropped"),
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
    add("minorities/language", "Language and minority rights", ("protected", "not-protected"))
    add(
        "politics/denazification",
        "'Denazification' of Ukraine (Russia's term)",
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
            )
        )


_builtin()
