"""Hypothesis strategies for peacepos, for any codebook: codebooks themselves, constraints,
evidence, conditions of every kind a codebook offers, positions — and *related* inputs on
purpose: pairs of positions in a chosen relation on a chosen issue (and an even spread of
relations on the others), groups of positions that meet, an actor's hardened or softened
successor.

Needs hypothesis (``pip install hypothesis``); ``import peacepos`` never imports this
module. Every strategy takes a ``codebook``: a :class:`~peacepos.Codebook`, a strategy of
codebooks, or None for :func:`default_codebooks` (the built-in ``russia-ukraine`` or a
generated one). Conditions of a codebook are drawn from what it offers: the typed kinds whose
issues it has (fields inferred from their type annotations), its declared kinds (from their
:class:`~peacepos.vocabulary.KindSpec`), its plugins, and the generic kinds ``outcomes`` and
``range``, which state any set of outcomes of any issue and so reach every relation.

Importing this module registers type strategies, so ``st.from_type(Ceasefire)`` works; a typed
kind is drawn in the codebook :data:`DEFAULT_CODEBOOK` (``russia-ukraine``), a plugin kind in
the codebook you give :func:`register_condition_strategy`.

>>> from hypothesis import given, settings
>>> from peacepos import Relation, compare
>>> from peacepos.testing import strategies as pst
>>> @settings(max_examples=10, derandomize=True, database=None, deadline=None)
... @given(pst.position_pairs(Relation.CONFLICT, issue="territory/crimea/recognition"))
... def test_conflict(pair):
...     left, right = pair
...     finding = compare(left, right, reading="broad").finding("territory/crimea/recognition")
...     assert finding.relation is Relation.CONFLICT
>>> test_conflict()
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401
except ImportError as exc:  # pragma: no cover - exercised in a subprocess by the tests
    raise ImportError(
        "peacepos.testing.strategies needs hypothesis: pip install hypothesis"
    ) from exc

import collections
import datetime
import enum
import functools
import itertools
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, TypeVar

import attrs
from hypothesis import HealthCheck, Phase, given, reject, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from peacepos._text import is_blank, unsafe_character
from peacepos.analysis.changes import ChangeKind
from peacepos.analysis.compare import compare
from peacepos.analysis.relation import Relation
from peacepos.conditions import (
    MAX_QUOTE_CHARS,
    MAX_QUOTE_WORDS,
    Basis,
    Condition,
    Declared,
    Evidence,
    Stage,
)
from peacepos.constraints import Constraint, IntervalSet, OutcomeSet
from peacepos.errors import ContradictionError, PeaceposError
from peacepos.kinds import BUILTIN, Outcomes, Range, kind_of, names
from peacepos.position import (
    CONFIDENCE_LEVELS,
    READINGS,
    Action,
    Amendment,
    Clash,
    Coverage,
    Endorsement,
    Position,
    Variant,
    merge,
)
from peacepos.testing import reference
from peacepos.vocabulary import (
    FINITE_MAX,
    RESERVED_KINDS,
    UNLIMITED,
    Actor,
    AnyIssue,
    Area,
    Codebook,
    Implication,
    Issue,
    IssueTemplate,
    KindSpec,
    NumericIssue,
    Rule,
    expand_key,
)

__all__ = [
    "DEFAULT_CODEBOOK",
    "NUMERIC_SPAN",
    "RELATIONS",
    "agreeing_pairs",
    "amended",
    "codebooks",
    "conditions",
    "constraint_pairs",
    "constraints",
    "default_codebooks",
    "evidence",
    "histories",
    "independent_pairs",
    "issues",
    "outcomes",
    "position_groups",
    "position_pairs",
    "positions",
    "readers",
    "register_condition_strategy",
    "relation_counts",
    "stages",
    "successors",
    "texts",
]

NUMERIC_SPAN = 30
"""Numbers are drawn from ``[minimum, minimum + NUMERIC_SPAN]`` of a numeric issue: small, so
that shrunk examples read well and ranges meet often."""

DEFAULT_CODEBOOK = "russia-ukraine"
"""The built-in codebook of ``st.from_type(SomeKind)``, and of strategies given an ``issue``
or ``issues`` but no codebook."""

_MAX_DATE = datetime.date(2200, 12, 31)
_PLACEHOLDER = Evidence(document="generated", locator="generated")
_REJECTIONS = (ValueError, TypeError, LookupError, ArithmeticError, PeaceposError)
Change = Literal["hardened", "softened"]
CodebookArg = Codebook | st.SearchStrategy[Codebook] | None
C = TypeVar("C", bound=Condition)
Pair = tuple[Position, Position]

# -- text, evidence, stages ----------------------------------------------------------------

_CHARS = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"))


def _visible(text: str) -> str:
    """``text`` without the characters peacepos refuses, with something visible in it."""
    kept = "".join(ch for ch in text if unsafe_character(ch) is None)
    return kept if not is_blank(kept) else f"x{kept}"


@functools.cache
def texts(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """Free text peacepos accepts where text is required: something visible, nothing unsafe
    (mapped, not filtered: no draw is ever thrown away)."""
    return st.text(_CHARS, min_size=1, max_size=max(1, max_size - 1)).map(_visible)


@st.composite
def _mostly(draw: st.DrawFn, common: tuple[str, ...], free: st.SearchStrategy[str]) -> str:
    """One of ``common`` three times in four, else ``free`` text (drawing text is slow)."""
    if draw(st.integers(0, 3)) < 3:
        return draw(st.sampled_from(common))
    return draw(free)


_OPTIONAL_TEXT = _mostly(("", "", "a note"), texts())
_IDS = _mostly(
    ("party-a", "party-b", "p.1", "x_2", "2024-01-01"),
    st.from_regex(r"\A[a-z0-9]{1,10}(?:[-_.][a-z0-9]{1,10}){0,3}\Z", fullmatch=True),
)
_DATES = st.dates(min_value=datetime.date(1800, 1, 1), max_value=_MAX_DATE)
_ACTORS = _mostly(("Party A", "Party B", "Party C"), texts(max_size=20))
_TITLES = _mostly(("A position", "Terms"), texts())
_DOCUMENTS = _mostly(("doc", "example-2024-01-01"), texts())
_LOCATORS = _mostly(("point 1", "para. 2", "point 10", "point 6"), texts())
_READER_NAMES = _mostly(
    ("the analyst", "US officials", "Russian Foreign Ministry", "Ukraine's president"),
    texts(max_size=30),
)


def readers() -> st.SearchStrategy[tuple[str, ...]]:
    """Who reads a text some way: one to three distinct names (IMPLIED evidence names them)."""
    return st.lists(_READER_NAMES, min_size=1, max_size=3, unique=True).map(tuple)


def evidence(
    *, basis: Basis | None = None, text: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Evidence]:
    """Valid evidence: a document id, a locator, a quote of at most 12 words, a basis (the one
    given, or either) and, for IMPLIED, its :func:`readers` and a rationale. ``text`` replaces
    the free-text strategy (e.g. to feed hostile text into reports; characters peacepos
    refuses anywhere are taken out)."""
    if text is None:
        return _EVIDENCE[basis]
    return _evidence(basis, text.map(_visible), True)


def _rich(draw: st.DrawFn) -> bool:
    """One time in four, a value gets free text everywhere it may hold some (drawing text is
    slow; the plain values shrink first)."""
    return draw(st.integers(0, 3)) == 3


_PLAIN_READERS = (
    ("the analyst",),
    ("US officials", "Ukraine's president"),
    ("Russian Foreign Ministry",),
)
_PLAIN_EVIDENCE = {
    Basis.EXPLICIT: tuple(
        Evidence(document=d, locator=loc, quote=q)
        for d in ("doc", "example-2024-01-01")
        for loc in ("point 1", "point 6", "point 10", "para. 2")
        for q in ("", "a short quote")
    ),
    Basis.IMPLIED: tuple(
        Evidence(document=d, locator=loc, basis=Basis.IMPLIED, readers=r, rationale="read so")
        for d in ("doc", "example-2024-01-01")
        for loc in ("point 1", "point 10")
        for r in _PLAIN_READERS
    ),
}


@st.composite
def _evidence(
    draw: st.DrawFn, basis: Basis | None, free: st.SearchStrategy[str], custom: bool
) -> Evidence:
    chosen = draw(st.sampled_from(list(Basis))) if basis is None else basis
    if not custom and not _rich(draw):
        return draw(st.sampled_from(_PLAIN_EVIDENCE[chosen]))
    optional = st.just("") | free if custom else _OPTIONAL_TEXT
    rationale = draw(free) if chosen is Basis.IMPLIED else ""
    quote = " ".join(draw(optional).split()[:MAX_QUOTE_WORDS])[:MAX_QUOTE_CHARS]
    try:
        return Evidence(
            document=draw(free if custom else _DOCUMENTS),
            locator=draw(free if custom else _LOCATORS),
            quote=quote,
            basis=chosen,
            readers=draw(readers()) if chosen is Basis.IMPLIED else (),
            rationale=rationale,
            source=draw(optional),
            note=draw(optional),
        )
    except ValueError:  # caller-supplied text longer than evidence allows
        reject()


_EVIDENCE = {b: _evidence(b, texts(), False) for b in (None, *Basis)}


def stages(
    codebook: Codebook | None = None, *, preconditions: bool = True
) -> st.SearchStrategy[Stage]:
    """Stages: a settlement term, or (``preconditions=True``) a precondition for talks or for a
    ceasefire — those only where ``codebook`` has the sequence issues they constrain."""
    if not preconditions:
        return st.just(Stage.SETTLEMENT)
    if codebook is None:
        return st.sampled_from(list(Stage))
    return st.sampled_from(_offer(codebook).stages)


# -- codebooks -----------------------------------------------------------------------------

_ISSUE_WORDS = (
    "water", "ports", "mines", "border", "rivers", "power", "schools", "roads", "courts",
    "fishing", "airspace", "archives", "forests", "railways", "radio", "customs", "dams",
    "bridges", "wells", "pastures",
)  # fmt: skip
_GROUP_WORDS = ("coast", "trade", "police", "land", "civic", "relief")
_OUTCOME_WORDS = (
    "open", "shared", "closed", "joint", "partial", "restored", "frozen", "returned", "split",
    "monitored", "delayed", "leased", "mixed", "local", "federal",
)  # fmt: skip
_AREA_WORDS = (
    "hill", "delta", "valley", "island", "plain", "bay", "ridge", "lake", "cape", "gorge",
    "dune", "marsh",
)  # fmt: skip
_ACTOR_WORDS = ("north-side", "south-side", "east-side")
_KIND_WORDS = (
    "joint-patrols", "handover", "census", "demining", "escort", "audit", "reopening",
    "map-exchange", "curfew", "registry",
)  # fmt: skip
_PARAM_WORDS = ("scope", "mode", "phase", "level", "pace")
_AREA_PARAMS = ("regions", "zones", "places")
_VALUE_WORDS = ("low", "high", "fast", "slow", "whole", "half")
_UNITS = ("km", "troops", "days", "monitors")
_CODEBOOK_NAMES = st.from_regex(r"\Agen(?:-[a-z]{1,6}){1,2}\Z", fullmatch=True)


@functools.cache
def _core() -> Codebook:
    from peacepos.corpus import codebook

    return codebook("core")


@functools.cache
def _default() -> Codebook:
    from peacepos.corpus import codebook

    return codebook(DEFAULT_CODEBOOK)


def codebooks(
    *,
    includes: st.SearchStrategy[tuple[Codebook, ...]] | None = None,
    max_issues: int = 5,
    numeric: bool = True,
    areas: bool = True,
    kinds: bool = True,
    implications: bool = True,
) -> st.SearchStrategy[Codebook]:
    """Small random codebooks: up to ``max_issues`` finite issues of one to five outcomes;
    numeric issues (with and without an upper end); actors; areas, some with parts and held by
    an actor, with per-area issues; declared kinds with narrows, choices (flags among them),
    defaults, areas (and ``{held_by}``) and bounds; implications between issues; a report
    order. ``includes`` draws the codebooks included (default: none, or the built-in ``core``,
    which brings the typed kinds' issues and the sequence issues of stages).

    Numeric issues sometimes have a no-limit outcome. Implications link any two issues —
    the same pair twice, both ways, in cycles; a ``when`` sometimes names every outcome (the
    rule then applies where a position addresses its issue); a ``then`` never does (a
    codebook refuses that).
    """
    if max_issues < 1:
        raise InvalidArgument("max_issues must be at least 1")
    chosen = (
        st.deferred(lambda: st.sampled_from([(), (_core(),)])) if includes is None else includes
    )
    return _codebooks(chosen, max_issues, numeric, areas, kinds, implications)


def default_codebooks() -> st.SearchStrategy[Codebook]:
    """The codebooks strategies use when given none: the built-in :data:`DEFAULT_CODEBOOK`
    half of the time, a generated one (:func:`codebooks`) otherwise."""
    return st.one_of(st.deferred(lambda: st.just(_default())), codebooks())


def _subset(draw: st.DrawFn, items: Sequence[str], *, proper: bool = False) -> tuple[str, ...]:
    """A non-empty subset of ``items`` in their order (a proper one if asked and possible)."""
    top = len(items) - 1 if proper and len(items) > 1 else len(items)
    size = draw(st.integers(1, max(top, 1)))
    picked = set(draw(st.permutations(items))[:size])
    return tuple(i for i in items if i in picked)


def _fresh(draw: st.DrawFn, words: Sequence[str], used: set[str]) -> str:
    """A word of ``words`` not in ``used`` (which it joins)."""
    word = draw(st.sampled_from([w for w in words if w not in used]))
    used.add(word)
    return word


def _labels(draw: st.DrawFn, outcomes: Sequence[str]) -> dict[str, str]:
    chosen = draw(st.lists(st.sampled_from(list(outcomes)), unique=True, max_size=2))
    return {o: draw(texts(max_size=20)) for o in chosen}


@st.composite
def _codebooks(
    draw: st.DrawFn,
    includes: st.SearchStrategy[tuple[Codebook, ...]],
    max_issues: int,
    numeric: bool,
    areas: bool,
    kinds: bool,
    implications: bool,
) -> Codebook:
    included = draw(includes)
    rich = _rich(draw)
    taken = {i.key for inc in included for i in inc.all_issues()}
    used: set[str] = set(taken)
    groups = st.sampled_from(("", *_GROUP_WORDS))

    def key() -> str:
        group = draw(groups)
        word = _fresh(draw, _ISSUE_WORDS, used)
        return f"{group}/{word}" if group else word

    def title(key: str) -> str:
        return draw(texts()) if rich else key.replace("/", ": ").replace("-", " ").capitalize()

    issues: list[AnyIssue] = []
    for _ in range(draw(st.integers(1, max_issues))):
        outs = tuple(
            draw(st.lists(st.sampled_from(_OUTCOME_WORDS), min_size=1, max_size=5, unique=True))
        )
        k = key()
        issues.append(
            Issue(
                key=k,
                title=title(k),
                outcomes=outs,
                description=draw(_OPTIONAL_TEXT) if rich else "",
                sequence=draw(st.integers(0, 3)) == 3,
                labels=_labels(draw, outs) if rich else {},
                notes=_labels(draw, outs) if rich else {},
            )
        )
    for _ in range(draw(st.integers(0, 2)) if numeric else 0):
        low = draw(st.integers(0, 5))
        top = draw(st.none() | st.integers(low + 3, low + 40))
        k = key()
        issues.append(
            NumericIssue(
                key=k,
                title=title(k),
                unit=draw(st.sampled_from(_UNITS)),
                minimum=low,
                maximum=top,
                unlimited=draw(st.sampled_from(("", "", "no limit"))),
            )
        )
    actors = [
        Actor(key=k, name=k.replace("-", " ").title())
        for k in draw(st.lists(st.sampled_from(_ACTOR_WORDS), max_size=2, unique=True))
    ]
    holders = st.sampled_from(["", *(a.key for a in actors)])
    area_used: set[str] = set()
    made: list[Area] = []
    templates: list[IssueTemplate] = []
    if areas:
        for _ in range(draw(st.integers(0, 3))):
            parts = tuple(
                Area(
                    key=(a := _fresh(draw, _AREA_WORDS, area_used)),
                    title=title(a),
                    held_by=draw(holders),
                )
                for _ in range(draw(st.sampled_from((0, 0, 2))))
            )
            made.append(
                Area(
                    key=(a := _fresh(draw, _AREA_WORDS, area_used)),
                    title=title(a),
                    held_by=draw(holders),
                    parts=parts,
                )
            )
    if made:
        for _ in range(draw(st.integers(1, 2))):
            own = draw(
                st.lists(st.sampled_from(_OUTCOME_WORDS), min_size=1, max_size=3, unique=True)
            )
            outs = tuple(dict.fromkeys([*(a.key for a in actors), *own]))
            templates.append(
                IssueTemplate(
                    key=f"{_fresh(draw, _ISSUE_WORDS, used)}/{{area}}",
                    title=draw(st.sampled_from(("Status: {title}", "{title}"))),
                    outcomes=outs,
                )
            )
    order: list[str] = []
    if draw(st.booleans()):
        entries = [i.key for i in issues] + [t.key for t in templates]
        order = list(draw(st.permutations(entries)))[: draw(st.integers(0, len(entries)))]
    base = Codebook(
        name=draw(_CODEBOOK_NAMES),
        title=title("a generated codebook"),
        description=draw(_OPTIONAL_TEXT) if rich else "",
        includes=included,
        actors=actors,
        issues=issues,
        areas=made,
        area_issues=templates,
        order=typing.cast(Any, order),  # (a converter mypy cannot follow)
    )
    own_issues = [i for i in base.all_issues() if i.key not in taken]
    specs = _kinds(draw, base, own_issues, templates, rich) if kinds else []
    rules = _implications(draw, own_issues, rich) if implications else []
    return attrs.evolve(base, kinds=specs, implications=rules)


def _kinds(
    draw: st.DrawFn,
    base: Codebook,
    own: Sequence[AnyIssue],
    templates: Sequence[IssueTemplate],
    rich: bool,
) -> list[KindSpec]:
    finite = [i for i in own if isinstance(i, Issue)]
    numbers = [i for i in own if isinstance(i, NumericIssue)]
    taken = set(base.kind_names()) | RESERVED_KINDS
    specs = []
    for _ in range(min(draw(st.integers(0, 3)), len(set(_KIND_WORDS) - taken))):
        name = _fresh(draw, _KIND_WORDS, taken)
        area_param = ""
        if bool(templates) and draw(st.booleans()):
            area_param = draw(st.sampled_from(_AREA_PARAMS))

        def entry(area_param: str = area_param) -> tuple[str, tuple[str, ...]]:
            if area_param and draw(st.integers(0, 3)) > 0:
                t = draw(st.sampled_from(list(templates)))
                outs = list(_subset(draw, t.outcomes))
                if bool(base.all_actors()) and draw(st.booleans()):
                    # who holds each area; the template's outcomes name every actor, and the
                    # kind keeps another outcome for areas nobody holds
                    held = {a.key for a in base.all_actors()}
                    outs = ["{held_by}", *(o for o in outs if o not in held)]
                    if len(outs) == 1:
                        outs.append(
                            draw(st.sampled_from([o for o in t.outcomes if o not in held]))
                        )
                return t.key, tuple(dict.fromkeys(outs))
            issue = draw(st.sampled_from(finite))
            return issue.key, _subset(draw, issue.outcomes)

        narrows = dict(entry() for _ in range(draw(st.integers(0, 2))))
        if area_param and not any("{area}" in k for k in narrows):
            t = draw(st.sampled_from(list(templates)))
            narrows[t.key] = _subset(draw, t.outcomes)
        choices: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {}
        defaults: dict[str, str | bool] = {}
        for param in draw(st.lists(st.sampled_from(_PARAM_WORDS), max_size=2, unique=True)):
            flag = draw(st.booleans())
            values = (
                ["true", "false"]
                if flag
                else draw(
                    st.lists(st.sampled_from(_VALUE_WORDS), min_size=2, max_size=3, unique=True)
                )
            )
            choices[param] = {
                v: dict(entry() for _ in range(draw(st.integers(0, 1)))) for v in values
            }
            if draw(st.booleans()):
                value = draw(st.sampled_from(values))
                defaults[param] = (value == "true") if flag else value
        bounds = ""
        if bool(numbers) and draw(st.booleans()):
            bounds = draw(st.sampled_from(numbers)).key
        if not (narrows or bounds or any(n for v in choices.values() for n in v.values())):
            narrows.update([entry("")])
        specs.append(
            KindSpec(
                name=name,
                title=draw(texts(max_size=20)) if rich else "",
                description=draw(_OPTIONAL_TEXT) if rich else "",
                narrows=narrows,
                choices=choices,
                defaults=defaults,
                areas=area_param,
                bounds=bounds,
            )
        )
    return specs


def _proper_rule(draw: st.DrawFn, issue: AnyIssue) -> Rule | None:
    """A ``then``: outcomes (or numbers) of ``issue``, never all of them."""
    if isinstance(issue, Issue):
        if len(issue.outcomes) < 2:
            return None
        return Rule(issue=issue.key, outcomes=_subset(draw, issue.outcomes, proper=True))
    if issue.unlimited and draw(st.integers(0, 3)) == 0:
        return Rule(issue=issue.key, unlimited=True)
    top = _top(issue)
    low = draw(st.integers(issue.minimum, top))
    high = draw(st.none() | st.integers(low, top))
    full = low <= issue.minimum and (
        high is None
        or (not issue.unlimited and issue.maximum is not None and high >= issue.maximum)
    )
    if full:
        high = None if low > issue.minimum else low
    return Rule(issue=issue.key, at_least=low, at_most=high)


def _when_rule(draw: st.DrawFn, issue: AnyIssue) -> Rule | None:
    """A ``when``: some outcomes (or numbers) of ``issue`` — sometimes all of them, a rule
    that applies where a position addresses the issue."""
    if isinstance(issue, Issue):
        return Rule(issue=issue.key, outcomes=_subset(draw, issue.outcomes))
    if draw(st.integers(0, 3)) == 0:
        return Rule(issue=issue.key, at_least=issue.minimum)  # every number
    return _proper_rule(draw, issue)


def _implications(draw: st.DrawFn, own: Sequence[AnyIssue], rich: bool) -> list[Implication]:
    """Up to three implications between the codebook's own issues: any two issues, so the
    same pair may be linked twice, both ways, or in a cycle."""
    if len(own) < 2:
        return []
    out: list[Implication] = []
    for _ in range(draw(st.integers(0, 3))):
        when, then = draw(st.permutations(list(own)))[:2]
        again: bool = draw(st.booleans())
        if out and again:  # the issues of an earlier rule, either way round
            last = draw(st.sampled_from(out))
            ends = [i for i in own if i.key in (last.when.issue, last.then.issue)]
            when, then = draw(st.permutations(ends))
        a, b = _when_rule(draw, when), _proper_rule(draw, then)
        if a is None or b is None:
            continue
        out.append(Implication(when=a, then=b, note=draw(_OPTIONAL_TEXT) if rich else ""))
    return out


# -- issues, outcomes, constraints ---------------------------------------------------------


def _top(issue: NumericIssue) -> int:
    top = issue.minimum + NUMERIC_SPAN
    return top if issue.maximum is None else min(top, issue.maximum)


def _codebooks_of(codebook: CodebookArg, *, named: bool = False) -> st.SearchStrategy[Codebook]:
    if isinstance(codebook, Codebook):
        return st.just(codebook)
    if codebook is None:
        return st.deferred(lambda: st.just(_default())) if named else default_codebooks()
    if not isinstance(codebook, st.SearchStrategy):
        raise InvalidArgument(f"codebook must be a Codebook or a strategy (got {codebook!r})")
    return codebook


def issues(
    codebook: CodebookArg = None, *, numeric: bool | None = None
) -> st.SearchStrategy[AnyIssue]:
    """Issues of ``codebook`` (numeric only, finite only, or either)."""

    def of(cb: Codebook) -> st.SearchStrategy[AnyIssue]:
        found = [i for i in cb.all_issues() if numeric is None or i.numeric == numeric]
        return st.sampled_from(found) if found else st.nothing()

    return _codebooks_of(codebook).flatmap(of)


def outcomes(issue: AnyIssue) -> st.SearchStrategy[Any]:
    """One outcome of ``issue``: an outcome name, or a small whole number of a numeric issue."""
    if isinstance(issue, NumericIssue):
        return st.integers(issue.minimum, _top(issue))
    if isinstance(issue, Issue):
        return st.sampled_from(issue.outcomes)
    raise InvalidArgument(
        f"expected an Issue or NumericIssue (got {issue!r}): issues belong to a codebook"
    )


def constraints(
    issue: AnyIssue | None = None,
    *,
    codebook: CodebookArg = None,
    allow_empty: bool = True,
    max_intervals: int = 3,
) -> st.SearchStrategy[Constraint]:
    """Constraints of ``issue`` (or of an issue of ``codebook``): any set of its outcomes, or
    for a numeric issue a union of up to ``max_intervals`` small ranges (an open upper end
    included)."""
    if issue is not None:
        if not isinstance(issue, Issue | NumericIssue):
            raise InvalidArgument(
                f"pass the issue itself, e.g. codebook[{issue!r}], not its key"
                if isinstance(issue, str)
                else f"expected an Issue or NumericIssue (got {issue!r})"
            )
        return _constraints_of(issue, allow_empty, max_intervals)
    return issues(codebook).flatmap(lambda i: _constraints_of(i, allow_empty, max_intervals))


@functools.lru_cache(maxsize=512)
def _constraints_of(
    issue: AnyIssue, allow_empty: bool, max_intervals: int
) -> st.SearchStrategy[Constraint]:
    if isinstance(issue, Issue):
        return _outcome_sets(issue, allow_empty)
    top = _top(issue)
    bound = st.tuples(
        st.integers(issue.minimum, top), st.integers(0, NUMERIC_SPAN), st.booleans()
    ).map(lambda t: (t[0], None if t[2] and issue.maximum is None else t[0] + t[1]))
    lists = st.lists(bound, min_size=0 if allow_empty else 1, max_size=max(max_intervals, 1))
    made = lists.map(lambda bounds: IntervalSet.from_bounds(issue, bounds))
    return made if allow_empty else made.filter(lambda c: not c.is_empty())


@st.composite
def _outcome_sets(draw: st.DrawFn, issue: Issue, allow_empty: bool) -> Constraint:
    """A set of the issue's outcomes, its size drawn first (so that two sets drawn apart
    partly overlap about as often as they contain each other or meet not at all)."""
    size = draw(st.integers(0 if allow_empty else 1, len(issue.outcomes)))
    chosen = set(draw(st.permutations(issue.outcomes))[:size])
    return Constraint.of(issue, *(o for o in issue.outcomes if o in chosen))


_NEEDS = {
    Relation.SAME: 1,
    Relation.ONLY_LEFT: 1,
    Relation.ONLY_RIGHT: 1,
    Relation.NARROWER: 2,
    Relation.BROADER: 2,
    Relation.CONFLICT: 2,
    Relation.OVERLAP: 3,
    Relation.CONTESTED: 2,
}
_OVERLAP_GROUP = (Relation.SAME, Relation.NARROWER, Relation.BROADER, Relation.OVERLAP)
# The order relations are drawn in: hypothesis draws the first one of a list more often than
# the others (and shrinks towards it), so the one that needs the most outcomes comes first.
_DRAW_ORDER = (
    Relation.OVERLAP,
    Relation.CONFLICT,
    Relation.NARROWER,
    Relation.BROADER,
    Relation.SAME,
    Relation.ONLY_LEFT,
    Relation.ONLY_RIGHT,
)
RELATIONS: tuple[Relation, ...] = (
    Relation.SAME,
    Relation.NARROWER,
    Relation.BROADER,
    Relation.OVERLAP,
    Relation.CONFLICT,
    Relation.ONLY_LEFT,
    Relation.ONLY_RIGHT,
)
"""The seven relations of two constraints (design.md); :func:`position_pairs` draws them
unless asked for CONTESTED too (a side whose readers disagree)."""


def _capacity(issue: AnyIssue) -> int | None:
    if isinstance(issue, Issue):
        return len(issue.outcomes)
    return None if issue.maximum is None else issue.maximum - issue.minimum + 1


def _feasible(issue: AnyIssue, relation: Relation) -> bool:
    cap = _capacity(issue)
    return cap is None or cap >= _NEEDS[relation]


def _relations(
    relation: Relation | Iterable[Relation] | None, *, contested: bool = True
) -> tuple[Relation, ...]:
    if relation is None:
        return _DRAW_ORDER
    found = (relation,) if isinstance(relation, Relation) else tuple(relation)
    for r in found:
        if not isinstance(r, Relation):
            raise InvalidArgument(f"relation must be a peacepos.Relation (got {r!r})")
    if not found:
        raise InvalidArgument("relation: give at least one Relation")
    if Relation.CONTESTED in found and not contested:
        raise InvalidArgument(
            "CONTESTED is a relation of positions whose readers disagree, not of two "
            "constraints: see position_pairs"
        )
    return tuple(r for r in (*_DRAW_ORDER, Relation.CONTESTED) if r in found)


Span = tuple[int, int]  # an interval of indices on the line 0..m-1, both ends included


def _index_spans(draw: st.DrawFn, m: int, relation: Relation) -> tuple[Span | None, Span | None]:
    """Two index intervals on 0..m-1 whose sets stand in ``relation``."""
    ints = st.integers
    if relation in (Relation.SAME, Relation.ONLY_LEFT, Relation.ONLY_RIGHT):
        i = draw(ints(0, m - 1))
        span = (i, draw(ints(i, m - 1)))
        if relation is Relation.ONLY_LEFT:
            return span, None
        if relation is Relation.ONLY_RIGHT:
            return None, span
        return span, span
    if relation in (Relation.NARROWER, Relation.BROADER):
        i = draw(ints(0, m - 2))
        j = draw(ints(i + 1, m - 1))
        k = draw(ints(i, j))
        end = draw(ints(k, j))
        if (k, end) == (i, j):
            end = j - 1
        inner, outer = (k, end), (i, j)
        return (inner, outer) if relation is Relation.NARROWER else (outer, inner)
    if relation is Relation.OVERLAP:
        a1 = draw(ints(0, m - 3))
        d1 = draw(ints(1, m - 2 - a1))
        d2 = draw(ints(0, m - 2 - a1 - d1))
        d3 = draw(ints(1, m - 1 - a1 - d1 - d2))
        low, high = (a1, a1 + d1 + d2), (a1 + d1, a1 + d1 + d2 + d3)
        return (high, low) if draw(st.booleans()) else (low, high)
    assert relation is Relation.CONFLICT
    a1 = draw(ints(0, m - 2))
    a2 = draw(ints(a1, m - 2))
    b1 = draw(ints(a2 + 1, m - 1))
    b2 = draw(ints(b1, m - 1))
    pair = ((a1, a2), (b1, b2))
    return (pair[1], pair[0]) if draw(st.booleans()) else pair


def constraint_pairs(
    issue: AnyIssue, relation: Relation | Iterable[Relation] | None = None
) -> st.SearchStrategy[tuple[Constraint | None, Constraint | None]]:
    """Pairs of non-empty constraints of ``issue`` that stand in exactly ``relation`` (any
    relation the issue allows if None); silence (ONLY_LEFT / ONLY_RIGHT) is None.

    Numeric constraints are single ranges. A relation the issue cannot have (OVERLAP needs
    three outcomes) is an :class:`~hypothesis.errors.InvalidArgument`.
    """
    wanted = _relations(relation, contested=False)
    feasible = [r for r in wanted if _feasible(issue, r)]
    if not feasible:
        raise InvalidArgument(
            f"{issue.key!r} cannot have the relation(s) "
            + ", ".join(r.name for r in wanted)
            + " (too few outcomes)"
        )
    return _constraint_pairs(issue, tuple(feasible))


@st.composite
def _constraint_pairs(
    draw: st.DrawFn, issue: AnyIssue, feasible: Sequence[Relation]
) -> tuple[Constraint | None, Constraint | None]:
    return _constraint_pair(draw, issue, draw(st.sampled_from(feasible)))


def _constraint_pair(
    draw: st.DrawFn, issue: AnyIssue, relation: Relation
) -> tuple[Constraint | None, Constraint | None]:
    if isinstance(issue, Issue):
        # Any pair of sets is two intervals of some ordering of the outcomes: left-only,
        # both, right-only, neither.
        order = draw(st.permutations(issue.outcomes))
        a, b = _index_spans(draw, len(order), relation)

        def finite(span: Span | None) -> Constraint | None:
            if span is None:
                return None
            chosen = set(order[span[0] : span[1] + 1])
            return Constraint.of(issue, *(o for o in issue.outcomes if o in chosen))

        return finite(a), finite(b)
    cap = _capacity(issue)
    m = NUMERIC_SPAN + 1 if cap is None else min(cap, NUMERIC_SPAN + 1)
    a, b = _index_spans(draw, m, relation)
    # An open upper end stands for every number above the line: it must be the same for
    # both sides, or it would change the relation.
    open_top = issue.maximum is None and draw(st.booleans())

    def numeric(span: Span | None) -> Constraint | None:
        if span is None:
            return None
        hi: int | None = issue.minimum + span[1]
        if open_top and span[1] == m - 1:
            hi = None
        return Constraint.between(issue, issue.minimum + span[0], hi)

    return numeric(a), numeric(b)


def _proper_subset(draw: st.DrawFn, c: Constraint) -> Constraint:
    """A non-empty proper subset of ``c`` (a single range for numbers)."""
    if isinstance(c, OutcomeSet):
        kept = set(
            draw(
                st.lists(st.sampled_from(c.outcomes), min_size=1, max_size=len(c) - 1, unique=True)
            )
        )
        return Constraint.of(c.issue, *(o for o in c.outcomes if o in kept))
    assert isinstance(c, IntervalSet)
    lo, hi = draw(st.sampled_from(c.bounds))
    hi = _upper(c.issue, hi)
    if len(c.bounds) > 1:
        if lo == UNLIMITED:  # the no-limit outcome alone: no generic condition states it
            lo, hi = c.bounds[0]
            hi = _upper(c.issue, hi)
        return Constraint.between(c.issue, lo, hi)
    if hi is None:
        if draw(st.booleans()):
            return Constraint.between(c.issue, lo + draw(st.integers(1, NUMERIC_SPAN)), None)
        return Constraint.between(c.issue, lo, lo + draw(st.integers(0, NUMERIC_SPAN)))
    a = draw(st.integers(lo, hi))
    b = draw(st.integers(a, hi))
    if (a, b) == (lo, hi):
        b = hi - 1
    return Constraint.between(c.issue, a, b)


def _proper_superset(draw: st.DrawFn, c: Constraint) -> Constraint:
    """A proper superset of ``c`` (of a single range: a single range)."""
    if isinstance(c, OutcomeSet):
        rest = [o for o in c.issue.outcomes if o not in c]
        added = draw(st.lists(st.sampled_from(rest), min_size=1, unique=True))
        return c | Constraint.of(c.issue, *added)
    assert isinstance(c, IntervalSet)
    issue = c.issue
    lo, hi = c.bounds[0][0], _upper(c.issue, c.bounds[-1][1])
    options = []
    if lo > issue.minimum:
        options.append("down")
    if hi is not None and (issue.maximum is None or hi < issue.maximum):
        options.append("up")
    if len(c.bounds) > 1:
        options.append("hull")
    way = draw(st.sampled_from(options))
    if way == "down":
        return Constraint.between(issue, max(issue.minimum, lo - draw(st.integers(1, 10))), hi)
    if way == "up":
        assert hi is not None
        wide = (
            None
            if issue.maximum is None and draw(st.booleans())
            else hi + draw(st.integers(1, 10))
        )
        return Constraint.between(issue, lo, wide)
    return Constraint.between(issue, lo, hi)


def _narrowable(c: Constraint) -> bool:
    if isinstance(c, OutcomeSet):
        return len(c) >= 2
    assert isinstance(c, IntervalSet)
    lo, hi = c.bounds[0]
    return len(c.bounds) > 1 or _upper(c.issue, hi) is None or (hi is not None and lo < hi)


def _widenable(c: Constraint) -> bool:
    return not c.is_full()


# -- what a codebook offers ----------------------------------------------------------------


class _Kind:
    """A kind a codebook offers: how to draw its conditions (settlement terms with placeholder
    evidence), and the issue sets its probed examples touch (empty: not known)."""

    __slots__ = ("draw", "name", "touches")

    def __init__(
        self, name: str, draw: st.SearchStrategy[Condition], touches: tuple[frozenset[str], ...]
    ) -> None:
        self.name = name
        self.draw = draw
        self.touches = touches

    def fits(self, allowed: frozenset[str] | None) -> bool:
        return allowed is None or not self.touches or any(t <= allowed for t in self.touches)

    def __repr__(self) -> str:
        return f"<kind {self.name}>"


class _Offer:
    """What one codebook offers to the strategies (a plain class: hypothesis prints attrs
    classes field by field, and the cached pools refer back to it)."""

    __slots__ = (
        "alone",
        "codebook",
        "finite",
        "kinds",
        "numeric",
        "pools",
        "stage_issues",
        "stages",
    )

    def __init__(
        self,
        codebook: Codebook,
        finite: tuple[Issue, ...],
        numeric: tuple[NumericIssue, ...],
        stages: tuple[Stage, ...],
        stage_issues: frozenset[str],
        kinds: tuple[_Kind, ...],
    ) -> None:
        self.codebook = codebook
        self.finite = finite
        self.numeric = numeric
        self.stages = stages
        self.stage_issues = stage_issues
        self.kinds = kinds
        self.pools: dict[tuple[Any, ...], st.SearchStrategy[Condition]] = {}
        # The kinds some of whose conditions constrain one issue and nothing else, by issue.
        alone: dict[str, list[_Kind]] = {}
        for k in kinds:
            for touched in k.touches:
                if len(touched) == 1:
                    alone.setdefault(next(iter(touched)), []).append(k)
        self.alone = {key: tuple(dict.fromkeys(found)) for key, found in alone.items()}

    @property
    def keys(self) -> tuple[str, ...]:
        return self.codebook.keys()

    def __repr__(self) -> str:
        return f"<what {self.codebook!r} offers>"


def _touched(condition: Condition, codebook: Codebook) -> frozenset[str]:
    return frozenset(c.issue.key for c in condition.constraints(codebook))


def _valid(condition: Condition, codebook: Codebook) -> bool:
    """Whether ``condition`` compiles in ``codebook`` and can be stated on its own."""
    try:
        if not all(c for c in condition.constraints(codebook)):
            return False
        merge([condition], codebook)
    except (Clash, *_REJECTIONS):
        return False
    return True


def _consistent(items: Sequence[Condition], codebook: Codebook) -> bool:
    """Whether a position could state ``items``: no issue left empty by its text, by any
    reader's reading of it (readers may disagree with each other: the issue is then
    contested) or by a conditional term alone."""
    plain = [c for c in items if not c.only_if and not c.actors]
    explicit = [c for c in plain if c.basis is Basis.EXPLICIT]
    readers = sorted({r for c in plain for r in c.evidence.readers})
    try:
        merge(explicit, codebook)
        for r in readers:
            merge(explicit + [c for c in plain if r in c.evidence.readers], codebook)
        for c in items:
            if c.only_if:
                merge([c], codebook)
    except (Clash, *_REJECTIONS):
        return False
    return True


def _probe_stages(
    codebook: Codebook, finite: Sequence[Issue]
) -> tuple[tuple[Stage, ...], frozenset[str]]:
    if not finite:
        return (Stage.SETTLEMENT,), frozenset()
    first = finite[0]
    allowed, keys = [], set()
    for stage in Stage:
        probe = Outcomes(
            issue=first.key, outcomes={first.outcomes[0]}, evidence=_PLACEHOLDER, stage=stage
        )
        try:
            got = probe.constraints(codebook)
        except _REJECTIONS:
            continue
        allowed.append(stage)
        keys |= {c.issue.key for c in got[1:]}
    return tuple(allowed), frozenset(keys)


@functools.lru_cache(maxsize=64)
def _offer(codebook: Codebook) -> _Offer:
    finite = tuple(i for i in codebook.all_issues() if isinstance(i, Issue))
    numeric = tuple(i for i in codebook.all_issues() if isinstance(i, NumericIssue))
    allowed, stage_issues = _probe_stages(codebook, finite)
    found: list[_Kind] = []
    for name in names(codebook):
        spec = kind_of(codebook, name)
        if spec is Outcomes or spec is Range:
            continue
        made = (
            _declared_kind(spec, codebook)
            if isinstance(spec, KindSpec)
            else _typed_kind(spec, codebook)
        )
        if made is not None:
            found.append(made)
    return _Offer(
        codebook=codebook,
        finite=finite,
        numeric=numeric,
        stages=allowed,
        stage_issues=stage_issues,
        kinds=tuple(found),
    )


# -- typed kinds: fields from their type annotations ----------------------------------------

_FIELDS: dict[type[Condition], dict[str, st.SearchStrategy[Any]]] = {}
_CUSTOM: dict[type[Condition], st.SearchStrategy[Condition]] = {}


def _optional(tp: Any) -> tuple[Any, bool]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1 and len(args) == 2:
            return rest[0], True
    return tp, False


def _names_shape(tp: Any) -> type | None:
    """``str`` for a field holding one name, the collection type for a field holding names."""
    inner, _ = _optional(tp)
    if inner is str:
        return str
    origin = typing.get_origin(inner)
    if origin in (frozenset, tuple, list, set) and typing.get_args(inner)[:1] == (str,):
        return typing.cast(type, origin)
    return None


_BASE_FIELDS = frozenset(a.name for a in attrs.fields(Condition))
"""Fields every condition has (evidence, stage, requirements, attribution): drawn apart."""


def _fields(cls: type[Condition]) -> list[tuple[str, Any]]:
    """A kind's own fields and their types (not those every condition has)."""
    hints = typing.get_type_hints(cls)
    return [
        (a.alias, hints[a.name])
        for a in attrs.fields(cls)
        if a.init and a.name not in _BASE_FIELDS
    ]


def _name_pools(codebook: Codebook) -> dict[str, tuple[str, ...]]:
    """The names of a codebook a text field may hold, by what they name."""
    pools = {
        "area": codebook.area_keys(),
        "issue": tuple(i.key for i in codebook.all_issues() if isinstance(i, Issue)),
        "numeric-issue": tuple(
            i.key for i in codebook.all_issues() if isinstance(i, NumericIssue)
        ),
        "outcome": tuple(
            sorted({o for i in codebook.all_issues() if isinstance(i, Issue) for o in i.outcomes})
        ),
        "actor": tuple(a.key for a in codebook.all_actors()),
    }
    return {k: v for k, v in pools.items() if v}


def _probe_values(tp: Any) -> list[Any] | None:
    inner, optional = _optional(tp)
    values: list[Any]
    if isinstance(inner, type) and issubclass(inner, enum.Enum):
        values = list(inner)
    elif inner is bool:
        values = [False, True]
    elif typing.get_origin(inner) is Literal:
        values = list(typing.get_args(inner))
    elif inner is int:
        values = [0, 1, NUMERIC_SPAN]
    else:
        return None
    return [None, *values] if optional else values


def _collection(shape: type, items: Iterable[str]) -> Any:
    if shape is frozenset:
        return frozenset(items)
    if shape is set:
        return set(items)
    if shape is list:
        return list(items)
    return tuple(items)


def _value_strategy(tp: Any, pool: tuple[str, ...] | None) -> st.SearchStrategy[Any]:
    inner, optional = _optional(tp)
    strategy: st.SearchStrategy[Any]
    shape = _names_shape(tp)
    if shape is not None:
        assert pool is not None
        names_ = st.sampled_from(pool)
        if shape is str:
            strategy = names_
        else:
            strategy = st.lists(names_, min_size=1, max_size=min(3, len(pool)), unique=True).map(
                functools.partial(_collection, shape)
            )
    elif isinstance(inner, type) and issubclass(inner, enum.Enum):
        strategy = st.sampled_from(list(inner))
    elif inner is bool:
        strategy = st.booleans()
    elif inner is int:
        strategy = st.integers(0, NUMERIC_SPAN)
    elif typing.get_origin(inner) is Literal:
        strategy = st.sampled_from(typing.get_args(inner))
    else:
        strategy = st.from_type(inner)
    return st.none() | strategy if optional else strategy


def _typed_kind(cls: type[Condition], codebook: Codebook) -> _Kind | None:
    """A typed kind, its fields inferred from their annotations: enums, bools, literals and
    small numbers as such; text fields (and lists of text) hold names of the codebook — which
    names (areas, issues, outcomes, actors), a probe finds out: the ones its values compile
    with. Values the kind accepts are kept even where they accept no outcome: that is the
    kind's bug, for :func:`~peacepos.testing.laws.check_condition_type` to report."""
    if cls in _CUSTOM:
        return _Kind(name=cls.kind, draw=_CUSTOM[cls], touches=())
    overrides = _FIELDS.get(cls, {})
    fields = _fields(cls)
    pools = _name_pools(codebook)
    named = [
        alias for alias, tp in fields if _names_shape(tp) is not None and alias not in overrides
    ]

    def probes(alias: str, tp: Any) -> list[Any] | None:
        shape = _names_shape(tp)
        if alias in overrides and shape is not None:  # a few names of every kind
            names_ = [n for pool in pools.values() for n in pool[:3]]
            return [n if shape is str else _collection(shape, [n]) for n in names_]
        return _probe_values(tp)

    others = {alias: probes(alias, tp) for alias, tp in fields if alias not in named}
    known = all(v is not None for v in others.values())
    plans: list[dict[str, str]] = []
    touches: set[frozenset[str]] = set()
    for choice in itertools.product(list(pools), repeat=len(named)):
        plan = dict(zip(named, choice, strict=True))
        if not known:
            plans.append(plan)  # values we cannot enumerate: every plan, checked when drawn
            continue
        keys = [*others, *named]

        def combos(first: int | None, plan: dict[str, str] = plan) -> Iterable[tuple[Any, ...]]:
            lists: list[list[Any]] = [typing.cast(list[Any], others[k]) for k in others]
            for alias in named:
                shape = _names_shape(dict(fields)[alias])
                assert shape is not None
                pool = pools[plan[alias]][:first]
                lists.append(
                    list(pool) if shape is str else [_collection(shape, [n]) for n in pool]
                )
            return itertools.islice(itertools.product(*lists), 300)

        hits = 0
        # A few names of each pool tell whether the pool fits; then every name, to learn
        # which issues the kind can touch.
        for first in (3, None):
            if first is None and not hits:
                break
            for combo in combos(first):
                try:  # a probe: any error means "not these values"
                    made = cls(evidence=_PLACEHOLDER, **dict(zip(keys, combo, strict=True)))
                    touched = _touched(made, codebook)
                except Exception:
                    continue
                hits += 1
                touches.add(touched)
                if hits >= 24:
                    break
        if hits:
            plans.append(plan)
    if not plans:
        return None
    strategies = [
        _built(
            cls,
            codebook,
            {
                alias: overrides[alias]
                if alias in overrides
                else _value_strategy(tp, pools[plan[alias]] if alias in plan else None)
                for alias, tp in fields
            },
        )
        for plan in plans
    ]
    return _Kind(
        name=cls.kind, draw=st.one_of(strategies), touches=tuple(sorted(touches, key=sorted))
    )


@st.composite
def _built(
    draw: st.DrawFn,
    cls: type[Condition],
    codebook: Codebook,
    fields: Mapping[str, st.SearchStrategy[Any]],
) -> Condition:
    for _ in range(5):
        kwargs = {name: draw(s) for name, s in fields.items()}
        try:
            made = cls(evidence=_PLACEHOLDER, **kwargs)
            made.constraints(codebook)
        except _REJECTIONS:
            continue  # values the kind refuses, or that name what this codebook lacks
        # A value the kind accepts but that accepts nothing is kept: that is the kind's bug,
        # for laws.check_condition_type to report (positions skip such conditions).
        return made
    reject()


# -- declared kinds: from their declaration ------------------------------------------------


def _bounds_issue(spec: KindSpec, codebook: Codebook, chosen: Mapping[str, str]) -> NumericIssue:
    found = codebook[expand_key(spec.bounds, chosen)]
    assert isinstance(found, NumericIssue)
    return found


def _declared_kind(spec: KindSpec, codebook: Codebook) -> _Kind | None:
    """A declared kind: every value of its choices (a default sometimes left out), areas from
    the codebook's, a range of the numeric issue it bounds."""
    touches: set[frozenset[str]] = set()
    choices = [(p, spec.values(p)) for p, _ in spec.choices]
    singles = [frozenset({a}) for a in codebook.area_keys()] if spec.areas else [None]
    for combo in itertools.islice(itertools.product(*(v for _, v in choices)), 64):
        chosen = dict(zip([p for p, _ in choices], combo, strict=True))
        for areas in singles:
            args: dict[str, Any] = {
                p: (v == "true") if spec.flag(p) else v for p, v in chosen.items()
            }
            if areas is not None:
                args[spec.areas] = areas
            if spec.bounds:
                args["at_least"] = _bounds_issue(spec, codebook, chosen).minimum
            try:
                made = Declared.of(codebook, spec.name, evidence=_PLACEHOLDER, **args)
            except _REJECTIONS:
                continue
            if _valid(made, codebook):
                touches.add(_touched(made, codebook))
    if not touches:
        return None
    return _Kind(
        name=spec.name, draw=_declared(spec, codebook), touches=tuple(sorted(touches, key=sorted))
    )


@st.composite
def _range(draw: st.DrawFn, issue: NumericIssue) -> tuple[int | None, int | None]:
    top = _top(issue)
    low, high = sorted(
        (draw(st.integers(issue.minimum, top)), draw(st.integers(issue.minimum, top)))
    )
    which = draw(st.sampled_from(("at_most", "at_least", "both")))
    return (None if which == "at_most" else low, None if which == "at_least" else high)


@st.composite
def _declared(draw: st.DrawFn, spec: KindSpec, codebook: Codebook) -> Condition:
    for _ in range(5):
        args: dict[str, Any] = {}
        chosen: dict[str, str] = {}
        for param, _ in spec.choices:
            value = draw(st.sampled_from(spec.values(param)))
            if spec.default(param) is not None and draw(st.booleans()):
                value = typing.cast(str, spec.default(param))  # left out: the default
            else:
                args[param] = (value == "true") if spec.flag(param) else value
            chosen[param] = value
        if spec.areas:
            keys = codebook.area_keys()
            args[spec.areas] = frozenset(
                draw(
                    st.lists(
                        st.sampled_from(keys), min_size=1, max_size=min(3, len(keys)), unique=True
                    )
                )
            )
        if spec.bounds:
            args["at_least"], args["at_most"] = draw(_range(_bounds_issue(spec, codebook, chosen)))
        try:
            made = Declared.of(codebook, spec.name, evidence=_PLACEHOLDER, **args)
        except _REJECTIONS:
            continue
        if _valid(made, codebook):
            return made
    reject()


# -- generic kinds: any constraint of any issue --------------------------------------------


def _generic(c: Constraint, evidence: Evidence) -> Condition:
    """The ``outcomes`` or ``range`` condition that accepts exactly ``c`` (numeric: one range;
    a range without an upper end takes in the no-limit outcome of an issue that has one)."""
    if isinstance(c, OutcomeSet):
        return Outcomes(issue=c.issue.key, outcomes=frozenset(c.outcomes), evidence=evidence)
    assert isinstance(c, IntervalSet)
    ((lo, hi),) = c.bounds
    hi = _upper(c.issue, hi)
    low = None if lo == c.issue.minimum and hi is not None else lo
    return Range(issue=c.issue.key, at_least=low, at_most=hi, evidence=evidence)


def _upper(issue: NumericIssue, hi: int | None) -> int | None:
    """An interval's upper end, None for "no end": an issue's no-limit outcome, or the largest
    number of an issue without a maximum (what ``at_least`` alone accepts)."""
    if hi is None or hi == UNLIMITED:
        return None
    if hi == FINITE_MAX and issue.maximum is None:
        return None
    return hi


def _expressible(c: Constraint) -> bool:
    """Whether a generic condition can state exactly ``c``: any set of outcomes; for numbers,
    one range, open or closed at the top — not the no-limit outcome alone, nor the numbers
    without it where the issue has one."""
    if isinstance(c, OutcomeSet):
        return not c.is_empty()
    assert isinstance(c, IntervalSet)
    if len(c.bounds) != 1:
        return False
    lo, hi = c.bounds[0]
    if lo == UNLIMITED:
        return False
    return not (c.issue.unlimited and c.issue.maximum is None and hi == FINITE_MAX)


@st.composite
def _generic_conditions(
    draw: st.DrawFn, offer: _Offer, generic: frozenset[str], allowed: frozenset[str] | None
) -> Condition:
    # first finite or numeric (as often as each other), then an issue of that shape
    shapes = [
        found
        for kind_name, issues in ((Outcomes.kind, offer.finite), (Range.kind, offer.numeric))
        if kind_name in generic
        and (found := [i for i in issues if allowed is None or i.key in allowed])
    ]
    if not shapes:
        reject()
    issue = draw(st.sampled_from(draw(st.sampled_from(shapes))))
    return _generic(draw(_constraints_of(issue, False, 1)), _PLACEHOLDER)


# -- conditions ----------------------------------------------------------------------------


@st.composite
def _dressed(
    draw: st.DrawFn,
    domain: st.SearchStrategy[Condition],
    offer: _Offer,
    implied: bool,
    preconditions: bool,
) -> Condition:
    condition = draw(domain)
    basis = None if implied else Basis.EXPLICIT
    stage = draw(st.sampled_from(offer.stages)) if preconditions else Stage.SETTLEMENT
    return attrs.evolve(condition, evidence=draw(evidence(basis=basis)), stage=stage)


@st.composite
def _fitting(
    draw: st.DrawFn,
    pool: st.SearchStrategy[Condition],
    codebook: Codebook,
    allowed: frozenset[str],
) -> Condition:
    for _ in range(8):
        condition = draw(pool)
        if _touched(condition, codebook) <= allowed:
            return condition
    reject()


KindArg = str | type[Condition] | KindSpec


def _chosen_kinds(
    offer: _Offer, kind: KindArg | Iterable[KindArg] | None
) -> tuple[list[_Kind], frozenset[str]]:
    """The offered kinds ``kind`` names, and the generic kinds among them."""
    if kind is None:
        return list(offer.kinds), _GENERIC
    items = [kind] if isinstance(kind, str | type | KindSpec) else list(kind)
    by_name = {k.name: k for k in offer.kinds}
    out: list[_Kind] = []
    generic: set[str] = set()
    for item in items:
        name = (
            item.name
            if isinstance(item, KindSpec)
            else item
            if isinstance(item, str)
            else getattr(item, "kind", "")
        )
        if not isinstance(name, str) or not name:
            raise InvalidArgument(f"not a condition kind: {item!r}")
        if isinstance(item, type) and (
            (name not in BUILTIN and not offer.codebook.has_kind(name))
            or kind_of(offer.codebook, name) is not item
        ):
            raise InvalidArgument(
                f"{item.__name__} is not kind {name!r} of codebook {offer.codebook.name!r}: add "
                "it with Codebook.with_kinds()"
            )
        found = kind_of(offer.codebook, name)  # an unknown name: UnknownIssueError, near names
        if found is Outcomes or found is Range:
            generic.add(name)
        elif name in by_name:
            out.append(by_name[name])
        else:
            raise InvalidArgument(
                f"no condition of kind {name!r} compiles in codebook {offer.codebook.name!r}"
            )
    return out, frozenset(generic)


_GENERIC = frozenset({Outcomes.kind, Range.kind})


def _pool(
    offer: _Offer,
    chosen: Sequence[_Kind],
    generic: frozenset[str],
    allowed: frozenset[str] | None,
    implied: bool,
    preconditions: bool,
) -> st.SearchStrategy[Condition]:
    """Conditions of ``chosen`` kinds (and the generic ones) that may address only
    ``allowed`` issues (cached per offer)."""
    key = (tuple(k.name for k in chosen), generic, allowed, implied, preconditions)
    found = offer.pools.get(key)
    if found is None:
        stages_ok = preconditions and len(offer.stages) > 1
        within = (
            None
            if allowed is None
            else allowed | (offer.stage_issues if stages_ok else frozenset())
        )
        typed = [k.draw for k in chosen if k.fits(within)]
        parts: list[st.SearchStrategy[Condition]] = []
        if generic:
            parts.append(_generic_conditions(offer, generic, allowed))
        if typed:
            parts.append(st.one_of(typed))
        if not parts:
            found = st.nothing()
        else:
            # The generic kinds as likely as all other kinds together: they reach every
            # relation. (one_of would flatten the kinds into branches of their own.)
            either = _either(*parts) if len(parts) == 2 else parts[0]
            found = _dressed(either, offer, implied, preconditions)
            if within is not None:
                found = _fitting(found, offer.codebook, within)
        offer.pools[key] = found
    return found


@st.composite
def _either(draw: st.DrawFn, first: st.SearchStrategy[C], second: st.SearchStrategy[C]) -> C:
    """One of two strategies, each half of the time."""
    return draw(first if draw(st.booleans()) else second)


def _scope(offer: _Offer, issues: Iterable[str] | None) -> frozenset[str] | None:
    if issues is None:
        return None
    if isinstance(issues, str):
        raise InvalidArgument(f"issues must be a list of issue keys (got {issues!r})")
    chosen = frozenset(issues)
    for key in sorted(chosen):
        offer.codebook[key]  # an unknown key: UnknownIssueError, with near names
    return chosen


def conditions(
    codebook: CodebookArg = None,
    kind: KindArg | Iterable[KindArg] | None = None,
    *,
    issues: Iterable[str] | None = None,
    implied: bool = True,
    preconditions: bool = True,
) -> st.SearchStrategy[Condition]:
    """Conditions of ``codebook``: of one kind (a name, a class or a declaration), several, or
    every kind it offers (``None``: typed, declared, plugins, and the generic ``outcomes`` and
    ``range`` as often as all the others together).

    ``issues`` keeps to conditions that address only those issues (and the sequence issues a
    stage adds); ``implied=False`` makes every condition EXPLICIT; ``preconditions=False`` keeps
    every condition a settlement term.
    """

    def of(cb: Codebook) -> st.SearchStrategy[Condition]:
        offer = _offer(cb)
        chosen, generic = _chosen_kinds(offer, kind)
        return _pool(offer, chosen, generic, _scope(offer, issues), implied, preconditions)

    if isinstance(codebook, Codebook):
        return of(codebook)
    return _codebooks_of(codebook, named=issues is not None).flatmap(of)


def register_condition_strategy(
    cls: type[C],
    strategy: st.SearchStrategy[C] | None = None,
    *,
    codebook: Codebook | None = None,
    **fields: st.SearchStrategy[Any],
) -> None:
    """Teach the strategies how to draw your condition class.

    Without ``strategy``, values are built from the field types (see :func:`conditions`); pass
    a strategy per field where the types are not enough (``width=st.integers(1, 50)``), or a
    whole ``strategy`` of conditions (valid in the codebooks you use them in). Afterwards
    ``st.from_type(cls)`` draws conditions of ``cls`` in ``codebook`` (default: the built-in
    :data:`DEFAULT_CODEBOOK` with ``cls`` added), and :func:`conditions` and :func:`positions`
    use the fields given in every codebook.
    """
    if not (
        isinstance(cls, type)
        and issubclass(cls, Condition)
        and cls.kind
        and attrs.has(typing.cast(type, cls))
    ):
        raise InvalidArgument(
            f"{cls!r} is not a condition class with a kind (@peacepos.kinds.kind)"
        )
    if strategy is not None and fields:
        raise InvalidArgument("give either a strategy or field strategies, not both")
    known = {alias for alias, _ in _fields(cls)}
    for name in fields:
        if name not in known:
            raise InvalidArgument(f"{cls.__name__} has no field {name!r}")
    if strategy is not None:
        _CUSTOM[cls] = strategy
    else:
        _CUSTOM.pop(cls, None)
        _FIELDS[cls] = dict(fields)
    _offer.cache_clear()
    st.register_type_strategy(cls, st.deferred(lambda: conditions(_with(codebook, cls), kind=cls)))


def _with(codebook: Codebook | None, cls: type[Condition]) -> Codebook:
    book = _default() if codebook is None else codebook
    if cls.kind in BUILTIN or book.has_kind(cls.kind):
        return book
    return book.with_kinds(cls)


# -- positions -----------------------------------------------------------------------------

_URLS = st.lists(
    st.from_regex(r"\Ahttps://example\.org/[a-z0-9-]{0,12}\Z", fullmatch=True), max_size=2
).map(tuple)
_COVERAGE = st.lists(
    st.builds(Coverage, locator=texts(), encoded=st.booleans(), note=_OPTIONAL_TEXT), max_size=2
).map(tuple)


def _value(draw: st.DrawFn, given: Any, default: st.SearchStrategy[Any]) -> Any:
    if given is None:
        return draw(default)
    if isinstance(given, st.SearchStrategy):
        return draw(given)
    return given


def _position(
    draw: st.DrawFn,
    codebook: Codebook,
    chosen: Sequence[Condition],
    *,
    actor: Any = None,
    id: Any = None,
    date: Any = None,
) -> Position:
    made = Position(
        id=_value(draw, id, _IDS),
        title="A position",
        actors=(_value(draw, actor, _ACTORS),),
        date=_value(draw, date, _DATES),
        codebook=codebook,
        conditions=chosen,
    )
    if not _rich(draw):
        return made
    return attrs.evolve(
        made,
        title=draw(_TITLES),
        document=draw(_OPTIONAL_TEXT),
        urls=draw(_URLS),
        confidence=draw(_OPTIONAL_TEXT),
        confidence_level=draw(st.sampled_from(CONFIDENCE_LEVELS)),
        notes=draw(_OPTIONAL_TEXT),
        coverage=draw(_COVERAGE),
    )


def _restated(
    draw: st.DrawFn, offer: _Offer, chosen: Sequence[Condition], allowed: frozenset[str] | None
) -> Condition:
    """A condition that changes nothing: it accepts (a range around) what ``chosen`` accept
    on an allowed issue, or, where they are silent, a set that contradicts nothing."""
    every: list[AnyIssue] = [*offer.finite, *offer.numeric]
    issues = [i for i in every if allowed is None or i.key in allowed]
    stances = merge(chosen, offer.codebook)
    for _ in range(10):
        issue = draw(st.sampled_from(issues or every))
        known = stances.get(issue.key)
        if known is None or known.constraint is None:
            target = draw(_constraints_of(issue, False, 1))
        else:
            target = known.constraint
            if isinstance(target, IntervalSet) and len(target.bounds) > 1:
                target = Constraint.between(
                    target.issue, target.bounds[0][0], _upper(target.issue, target.bounds[-1][1])
                )
        made = _generic(target, draw(evidence(basis=Basis.EXPLICIT)))
        if _consistent([*chosen, made], offer.codebook):
            return made
    reject()


def positions(
    codebook: CodebookArg = None,
    *,
    actor: str | st.SearchStrategy[str] | None = None,
    issues: Iterable[str] | None = None,
    implied: bool = True,
    preconditions: bool = True,
    conditions: st.SearchStrategy[Condition] | None = None,
    min_conditions: int = 1,
    max_conditions: int = 5,
    id: str | st.SearchStrategy[str] | None = None,
    date: datetime.date | st.SearchStrategy[datetime.date] | None = None,
    terms: bool = False,
    variants: bool = False,
    endorsements: bool = False,
) -> st.SearchStrategy[Position]:
    """Positions of ``codebook`` that are never self-contradictory.

    Conditions are drawn one by one (from ``conditions``, default: every kind the codebook
    offers) and one that would leave some issue with no outcome (its text, or any reader's
    reading of it, with the codebook's implications) is skipped; readers may disagree with
    each other (the issue is then contested). ``issues`` keeps to those issues — a few issues
    make two positions meet often; ``implied=False`` gives EXPLICIT conditions only;
    ``preconditions=False`` settlement terms only. ``terms=True`` adds up to two conditional
    terms (a condition that holds only if another one, its requirement, does);
    ``variants=True`` up to two alternative packages of one or two conditions each.
    ``endorsements=True`` may add an endorsement of another such position (its inferences
    passed on or not, read by one to three readers), kept where the endorser still reads
    without contradiction under every reading.
    """
    if not 0 <= min_conditions <= max_conditions:
        raise InvalidArgument("need 0 <= min_conditions <= max_conditions")
    fixed = conditions
    return _codebooks_of(codebook, named=issues is not None).flatmap(
        lambda cb: _positions(
            cb,
            fixed,
            issues,
            implied,
            preconditions,
            min_conditions,
            max_conditions,
            actor,
            id,
            date,
            terms,
            variants,
            endorsements,
        )
    )


@st.composite
def _positions(
    draw: st.DrawFn,
    codebook: Codebook,
    pool: st.SearchStrategy[Condition] | None,
    issues: Iterable[str] | None,
    implied: bool,
    preconditions: bool,
    min_conditions: int,
    max_conditions: int,
    actor: Any,
    id: Any,
    date: Any,
    terms: bool = False,
    variants: bool = False,
    endorsements: bool = False,
) -> Position:
    offer = _offer(codebook)
    allowed = _scope(offer, issues)
    if pool is None:
        pool = _pool(offer, offer.kinds, _GENERIC, allowed, implied, preconditions)
    within = None if allowed is None else allowed | offer.stage_issues
    chosen: list[Condition] = []
    wanted = draw(st.integers(min_conditions, max_conditions))
    tries = 0
    while len(chosen) < wanted and tries < 3 * wanted + 3:
        tries += 1
        candidate = draw(pool)
        if within is not None and not _touched(candidate, codebook) <= within:
            continue
        if _consistent([*chosen, candidate], codebook):
            chosen.append(candidate)
    while len(chosen) < min_conditions:
        chosen.append(_restated(draw, offer, chosen, allowed))
    if terms:
        chosen += _terms(draw, offer, pool, chosen, within)
    packages = _variants(draw, offer, pool, chosen, within) if variants else []
    made = _position(draw, codebook, chosen, actor=actor, id=id, date=date)
    made = attrs.evolve(made, variants=packages) if packages else made
    if endorsements and draw(st.booleans()):
        made = _endorsing(draw, made, pool, issues, implied, preconditions)
    return made


def _endorsing(
    draw: st.DrawFn,
    made: Position,
    pool: st.SearchStrategy[Condition] | None,
    issues: Iterable[str] | None,
    implied: bool,
    preconditions: bool,
) -> Position:
    """``made`` endorsing another position of its codebook, if it still reads without
    contradiction (an endorsed condition yields to the endorser's own on its issue, but
    implications can still join them); else ``made`` as it was."""
    other = draw(
        _positions(
            made.codebook, pool, issues, implied, preconditions, 1, 4, None, None, None, True
        )
    )
    endorsement = Endorsement(
        position=attrs.evolve(other, id=f"{made.id}-endorsed"),
        evidence=draw(evidence(basis=Basis.EXPLICIT)),
        inferences=draw(st.booleans()),
        readers=draw(readers()),
    )
    endorser = attrs.evolve(made, endorsements=(endorsement,))
    try:
        for reading in (*READINGS, *([r] for r in endorser.readers())):
            endorser.stances(reading)
    except ContradictionError:
        return made
    return endorser


def _terms(
    draw: st.DrawFn,
    offer: _Offer,
    pool: st.SearchStrategy[Condition],
    chosen: Sequence[Condition],
    within: frozenset[str] | None,
) -> list[Condition]:
    """Up to two conditional terms: a condition of ``pool`` that holds only if another one
    (its requirement, a settlement term) does."""
    out: list[Condition] = []
    for _ in range(draw(st.integers(0, 2))):
        term, requirement = draw(pool), draw(pool)
        if within is not None and not _touched(term, offer.codebook) <= within:
            continue
        requirement = attrs.evolve(requirement, stage=Stage.SETTLEMENT)
        made = attrs.evolve(term, only_if=(requirement,))
        if _consistent([*chosen, *out, made], offer.codebook):
            out.append(made)
    return out


def _variants(
    draw: st.DrawFn,
    offer: _Offer,
    pool: st.SearchStrategy[Condition],
    chosen: Sequence[Condition],
    within: frozenset[str] | None,
) -> list[Variant]:
    """Up to two variants of one or two conditions each, each consistent with ``chosen``."""
    out: list[Variant] = []
    for i in range(draw(st.integers(0, 2))):
        package: list[Condition] = []
        for _ in range(draw(st.integers(1, 2))):
            candidate = draw(pool)
            if within is not None and not _touched(candidate, offer.codebook) <= within:
                continue
            if _consistent([*chosen, *package, candidate], offer.codebook):
                package.append(candidate)
        if package:
            out.append(Variant(name=f"v{i + 1}", title=f"Variant {i + 1}", conditions=package))
    return out


def amended(
    base: Position,
    *,
    conditions: st.SearchStrategy[Condition] | None = None,
    id: str | st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Position]:
    """A text ``based_on`` ``base`` that amends it: deletes or replaces the conditions at some
    of its locators, adds conditions (from ``conditions``, default: every kind the codebook
    offers), and may state some of its own; never self-contradictory. Dated on or after the
    base."""
    return _amended(base, conditions, id)


@st.composite
def _amended(
    draw: st.DrawFn,
    base: Position,
    pool: st.SearchStrategy[Condition] | None,
    id: Any,
) -> Position:
    codebook = base.codebook
    offer = _offer(codebook)
    if pool is None:
        pool = _pool(offer, offer.kinds, _GENERIC, None, True, True)
    current = list(base.own_conditions)
    locators = sorted({c.evidence.locator for c in current})
    changes: list[Amendment] = []
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(list(Action)))
        if action is not Action.ADD and not locators:
            continue
        locator = draw(st.sampled_from(locators)) if action is not Action.ADD else ""
        added: list[Condition] = []
        if action is not Action.DELETE:
            for _ in range(draw(st.integers(1, 2))):
                c = draw(pool)
                if action is Action.REPLACE:  # the new text takes the place of the old
                    c = attrs.evolve(c, evidence=attrs.evolve(c.evidence, locator=locator))
                added.append(c)
        kept = (
            current
            if action is Action.ADD
            else [c for c in current if c.evidence.locator != locator]
        )
        if not _consistent([*kept, *added], codebook):
            continue
        changes.append(Amendment(action=action, locator=locator, conditions=added))
        current = [*kept, *added]
        locators = sorted({c.evidence.locator for c in current})
    own: list[Condition] = []
    for _ in range(draw(st.integers(0, 2))):
        c = draw(pool)
        if _consistent([*current, *own, c], codebook):
            own.append(c)
    made_id = _value(draw, id, _IDS)
    if made_id == base.id:
        made_id = f"{made_id}-amended"
    later = min(base.date + datetime.timedelta(days=draw(st.integers(0, 3650))), _MAX_DATE)
    return Position(
        id=made_id,
        title="An amended text",
        actors=base.actors,
        date=later,
        codebook=codebook,
        conditions=own,
        based_on=base,
        amendments=changes,
    )


# -- related positions: a plan per issue ---------------------------------------------------

Targets = tuple[Constraint | None, Constraint | None]
"""What one side accepts on one issue under the strict and the broad reading (None: silent);
the broad one is a subset of the strict one."""


Way = Literal["same", "wider", "silent"]


def _readings_of(draw: st.DrawFn, broad: Constraint | None, way: Way) -> Targets:
    """Strict and broad targets for a side whose broad target is ``broad``: the same, or the
    strict reading wider or silent — only IMPLIED conditions narrow it."""
    if broad is None:
        return None, None
    if way == "wider" and _widenable(broad):
        return _proper_superset(draw, broad), broad
    if way == "silent":
        return None, broad
    return broad, broad


def _way(draw: st.DrawFn, vary: bool) -> Way:
    if not vary:
        return "same"
    return typing.cast(Way, draw(st.sampled_from(("same", "wider", "same", "silent", "same"))))


# How the two sides of an issue depend on the reading, left and right alike (hypothesis draws
# the first entries more often: each one is followed by its mirror image).
_WAYS: tuple[tuple[Way, Way], ...] = (
    ("same", "same"),
    ("wider", "same"),
    ("same", "wider"),
    ("same", "same"),
    ("silent", "same"),
    ("same", "silent"),
    ("same", "same"),
    ("wider", "wider"),
    ("silent", "wider"),
    ("wider", "silent"),
)


def _supersets(draw: st.DrawFn, target: Constraint, n: int) -> list[Constraint]:
    """``n`` supersets of ``target`` (single ranges for numbers) whose intersection is it."""
    if isinstance(target, OutcomeSet):
        rest = [o for o in target.issue.outcomes if o not in target]
        labels = draw(st.lists(st.integers(0, n), min_size=len(rest), max_size=len(rest)))
        return [
            target
            | Constraint.of(
                target.issue, *[o for o, k in zip(rest, labels, strict=True) if k == i]
            )
            for i in range(n)
        ]
    assert isinstance(target, IntervalSet)
    ((lo, hi),) = target.bounds
    issue = target.issue
    hi = _upper(issue, hi)
    out: list[Constraint] = []
    for i in range(n):
        grow = draw(st.integers(0, NUMERIC_SPAN))
        if i == 0:
            out.append(Constraint.between(issue, max(issue.minimum, lo - grow), hi))
        else:
            wide = (
                None
                if hi is None or (issue.maximum is None and draw(st.booleans()))
                else hi + grow
            )
            out.append(Constraint.between(issue, lo, wide))
    return out


def _express(
    draw: st.DrawFn, targets: Targets, implied: bool, anchor: Condition | None = None
) -> list[Condition]:
    """Conditions whose intersection is the strict target over the EXPLICIT ones and the broad
    target over all: ``anchor`` (an EXPLICIT condition of one of the codebook's kinds that
    accepts exactly the strict target) or generic ones, and generic IMPLIED ones."""
    strict, broad = targets
    explicit = evidence(basis=Basis.EXPLICIT)
    out: list[Condition] = []
    if anchor is not None:
        out.append(anchor)
    elif strict is not None:
        if draw(st.booleans()) or strict.is_full():
            out.append(_generic(strict, draw(explicit)))
        else:
            out += [_generic(c, draw(explicit)) for c in _supersets(draw, strict, 2)]
    if broad is not None and broad != strict:
        out.append(_generic(broad, draw(evidence(basis=Basis.IMPLIED))))
    elif broad is not None and implied and draw(st.booleans()) and _widenable(broad):
        # An IMPLIED condition that accepts more changes neither reading.
        out.append(_generic(_proper_superset(draw, broad), draw(evidence(basis=Basis.IMPLIED))))
    return out


def _fits(condition: Condition, plan: Mapping[str, Targets], codebook: Codebook) -> bool:
    """Whether ``condition`` leaves ``plan`` as it is: every issue it constrains is planned,
    and it accepts all the side accepts there in each reading it counts in."""
    for c in condition.constraints(codebook):
        if c.issue.key not in plan:
            return False
        strict, broad = plan[c.issue.key]
        target = strict if condition.basis is Basis.EXPLICIT else broad
        if target is None or not c.is_superset(target):
            return False
    return True


def _realise(
    draw: st.DrawFn,
    offer: _Offer,
    plan: Mapping[str, Targets],
    *,
    implied: bool,
    preconditions: bool,
    keep: str | None = None,
    plain: frozenset[str] = frozenset(),
    anchors: Mapping[str, Condition] | None = None,
    given: Mapping[str, Sequence[Condition]] | None = None,
) -> list[Condition]:
    """Conditions that state ``plan`` exactly: for each issue its ``anchors`` condition or
    generic ones (an issue whose conditions would contradict those before is dropped, except
    ``keep``), the conditions ``given`` for other issues, then conditions of the codebook's
    kinds that leave the plan as it is (none on the ``plain`` issues)."""
    codebook = offer.codebook
    out: list[Condition] = []
    kept: dict[str, Targets] = {}
    for key, stated in (given or {}).items():
        if _consistent([*out, *stated], codebook):
            out += stated
        elif key == keep:
            reject()
    for key, targets in plan.items():
        stated = _express(draw, targets, implied, (anchors or {}).get(key))
        if _consistent([*out, *stated], codebook):
            out += stated
            if key not in plain:
                kept[key] = targets
        elif key == keep:
            reject()
    allowed = frozenset(k for k, (_, broad) in kept.items() if broad is not None)
    kinds = [k for k in offer.kinds if k.fits(allowed)]
    if kinds:
        pool = _pool(offer, kinds, frozenset(), None, implied, preconditions)
        for _ in range(draw(st.integers(0, 3))):
            candidate = draw(pool)
            if _fits(candidate, kept, codebook) and _consistent([*out, candidate], codebook):
                out.append(candidate)
    return out


def _planned_issues(
    draw: st.DrawFn, offer: _Offer, allowed: frozenset[str] | None, first: str, max_issues: int
) -> list[AnyIssue]:
    keys = [k for k in offer.keys if (allowed is None or k in allowed) and k != first]
    others = (
        draw(st.lists(st.sampled_from(keys), max_size=max_issues - 1, unique=True)) if keys else []
    )
    return [offer.codebook[first], *(offer.codebook[k] for k in others)]


def position_pairs(
    relation: Relation | Iterable[Relation] | None = None,
    issue: str | None = None,
    *,
    codebook: CodebookArg = None,
    issues: Iterable[str] | None = None,
    implied: bool = True,
    preconditions: bool = True,
    max_issues: int = 7,
) -> st.SearchStrategy[Pair]:
    """Pairs ``(left, right)`` of one codebook that stand in exactly ``relation`` on ``issue``,
    under both readings.

    ``relation`` may be one Relation, several (one is drawn) or None (any the issue allows);
    ``issue`` None draws one that allows it (from ``issues``, if given). Up to ``max_issues - 1``
    other issues get a relation each — the relations taken in turn from a shuffled list, so
    that a pair of seven issues holds each relation once — some depending on the reading
    (IMPLIED conditions that narrow, or speak alone); so every relation is about equally
    frequent among the findings (:func:`relation_counts` measures it). Half of the time one
    side states
    an issue with a condition of one of the codebook's kinds, and the other side's constraint
    is drawn in the planned relation to it; the rest is stated with the generic kinds, plus
    conditions of the codebook's kinds that leave the plan as it is.
    The codebook's implications may add findings of their own. The positions have different ids.
    """
    wanted = _relations(relation)
    if max_issues < 1:
        raise InvalidArgument("max_issues must be at least 1")
    books = _codebooks_of(codebook, named=issue is not None or issues is not None)
    if issue is not None and (codebook is None or isinstance(codebook, Codebook)):
        found = (_default() if codebook is None else codebook)[issue]
        if not any(_feasible(found, r) for r in wanted):
            raise InvalidArgument(
                f"{issue!r} cannot have the relation(s) "
                + ", ".join(r.name for r in wanted)
                + " (too few outcomes)"
            )
    fixed = isinstance(codebook, Codebook) or issue is not None or issues is not None
    return _position_pairs(books, wanted, issue, issues, implied, preconditions, max_issues, fixed)


def _impossible(message: str, fixed: bool) -> typing.NoReturn:
    """A request a codebook cannot meet: the caller's error if they chose the codebook (or
    issues of it), else a drawn codebook that does not fit, drawn again."""
    if fixed:
        raise InvalidArgument(message)
    reject()


def _relation_plan(
    draw: st.DrawFn,
    offer: _Offer,
    allowed: frozenset[str] | None,
    wanted: Sequence[Relation],
    issue: str | None,
    max_issues: int,
    fixed: bool,
) -> list[tuple[AnyIssue, Relation]]:
    """The issues of a pair and the relation each gets.

    The relations come from a shuffled list, taken in turn (the first issue's from those
    ``wanted``, the others' from all), each then given an issue that allows it. With seven
    issues (the default) a pair holds every relation once, so every relation is as frequent
    as any other, whatever values hypothesis favours; with fewer, no relation repeats before
    all have come up.
    """
    codebook = offer.codebook
    keys = sorted(allowed) if allowed is not None else list(offer.keys)
    every = (*_DRAW_ORDER, Relation.CONTESTED) if Relation.CONTESTED in wanted else _DRAW_ORDER
    order = list(draw(st.permutations(every)))
    if issue is not None:
        feasible = [r for r in order if r in wanted and _feasible(codebook[issue], r)]
        if not feasible:
            _impossible(
                f"{issue!r} cannot have the relation(s) " + ", ".join(r.name for r in wanted),
                fixed,
            )
    else:
        feasible = [
            r for r in order if r in wanted and any(_feasible(codebook[k], r) for k in keys)
        ]
        if not feasible:
            _impossible(
                "no issue can have the relation(s) " + ", ".join(r.name for r in wanted), fixed
            )
        issue = draw(st.sampled_from([k for k in keys if _feasible(codebook[k], feasible[0])]))
    plan = [(codebook[issue], feasible[0])]
    at = order.index(feasible[0]) + 1
    others = order[at:] + order[:at]
    for _ in range(max_issues - 1 - draw(st.integers(0, max_issues - 1))):  # mostly all
        taken = {i.key for i, _ in plan}
        for n, relation in enumerate(others):
            free = [k for k in keys if k not in taken and _feasible(codebook[k], relation)]
            if free:
                plan.append((codebook[draw(st.sampled_from(free))], relation))
                others = others[n + 1 :] + others[: n + 1]
                break
    return plan


@st.composite
def _position_pairs(
    draw: st.DrawFn,
    books: st.SearchStrategy[Codebook],
    wanted: Sequence[Relation],
    issue: str | None,
    issues: Iterable[str] | None,
    implied: bool,
    preconditions: bool,
    max_issues: int,
    fixed: bool,
) -> Pair:
    codebook = draw(books)
    offer = _offer(codebook)
    allowed = _scope(offer, issues)
    planned = _relation_plan(draw, offer, allowed, wanted, issue, max_issues, fixed)
    focus, relation = planned[0][0].key, planned[0][1]
    plans: tuple[dict[str, Targets], dict[str, Targets]] = ({}, {})
    anchors: tuple[dict[str, Condition], dict[str, Condition]] = ({}, {})
    given: tuple[dict[str, list[Condition]], dict[str, list[Condition]]] = ({}, {})
    for n, (found, r) in enumerate(planned):
        if r is Relation.CONTESTED:
            side = draw(st.integers(0, 1))
            given[side][found.key] = _contest(draw, found)
            other = draw(st.none() | _constraints_of(found, False, 1))
            if other is not None:
                plans[1 - side][found.key] = (other, other)
            continue
        # Half of the time one side states the issue with a condition of one of the
        # codebook's kinds, and the other side's constraint is drawn in relation to it.
        anchor = _anchor(draw, offer, found.key) if draw(st.booleans()) else None
        pair = _anchored_pair(draw, anchor, offer.codebook, r) if anchor is not None else None
        if pair is None:
            anchor = None
            pair = _constraint_pair(draw, found, r)
        sides_ways = draw(st.sampled_from(_WAYS)) if implied and n > 0 else ("same", "same")
        held = 1 if pair[0] is None else 0  # the side the anchor states
        for side in (0, 1):
            target = pair[side]
            if target is None:
                continue
            way = "same" if anchor is not None and side == held else sides_ways[side]
            plans[side][found.key] = _readings_of(draw, target, way)
            if anchor is not None and side == held:
                anchors[side][found.key] = anchor
    sides = []
    for plan, anchored, stated in zip(plans, anchors, given, strict=True):
        chosen = _realise(
            draw,
            offer,
            plan,
            implied=implied,
            preconditions=preconditions,
            keep=focus,
            anchors=anchored,
            given=stated,
        )
        sides.append(_position(draw, codebook, chosen))
    left, right = sides
    if left.id == right.id:
        right = attrs.evolve(right, id=f"{right.id}-other")
    # CONTESTED holds where the readers' inferences count: in the broad reading.
    for reading in ("broad",) if relation is Relation.CONTESTED else READINGS:
        if reference.compare(left, right, reading)[focus].relation is not relation:
            reject()  # the codebook's implications changed the relation on the issue
    return left, right


_READER_PAIRS = (
    ("US officials", "Russian Foreign Ministry"),
    ("the analyst", "Ukraine's president"),
)


def _contest(draw: st.DrawFn, issue: AnyIssue) -> list[Condition]:
    """Conditions of a side whose readers disagree on ``issue``: two IMPLIED conditions of two
    readers that have no outcome in common, and, half of the time, an EXPLICIT one that
    accepts both (what the text itself says)."""
    x, y = _constraint_pair(draw, issue, Relation.CONFLICT)
    assert x is not None
    assert y is not None
    first, second = draw(st.sampled_from(_READER_PAIRS))
    out = []
    if draw(st.booleans()):
        if isinstance(x, IntervalSet):
            assert isinstance(y, IntervalSet)
            ends = [_upper(x.issue, hi) for _, hi in (*x.bounds, *y.bounds)]
            top = None if None in ends else max(e for e in ends if e is not None)
            hull = Constraint.between(x.issue, min(x.bounds[0][0], y.bounds[0][0]), top)
        else:
            hull = x | y
        out.append(_generic(hull, draw(evidence(basis=Basis.EXPLICIT))))
    for reader, c in ((first, x), (second, y)):
        ev = Evidence(
            document="doc",
            locator=draw(_LOCATORS),
            basis=Basis.IMPLIED,
            readers=(reader,),
            rationale="read so",
        )
        out.append(_generic(c, ev))
    return out


def _anchor(draw: st.DrawFn, offer: _Offer, key: str) -> Condition | None:
    """An EXPLICIT settlement term of one of the codebook's kinds that constrains ``key`` and
    nothing else (None if no kind can)."""
    found = offer.alone.get(key)
    if not found:
        return None
    chosen = draw(st.sampled_from(found))
    for _ in range(3):
        condition = draw(chosen.draw)
        try:
            compiled = condition.constraints(offer.codebook)
        except _REJECTIONS:  # pragma: no cover - drawn conditions compile
            continue
        if len(compiled) == 1 and compiled[0].issue.key == key and compiled[0]:
            return attrs.evolve(condition, evidence=draw(evidence(basis=Basis.EXPLICIT)))
    return None


def _anchored_pair(
    draw: st.DrawFn, anchor: Condition, codebook: Codebook, relation: Relation
) -> tuple[Constraint | None, Constraint | None] | None:
    """The anchor's constraint and one in ``relation`` to it (left to right; the anchor's on
    the left, or on the right for ONLY_RIGHT); None if no constraint stands in that relation
    to it (nothing is broader than every outcome)."""
    (a,) = anchor.constraints(codebook)
    if relation is Relation.ONLY_LEFT:
        return a, None
    if relation is Relation.ONLY_RIGHT:
        return None, a
    b = _related(draw, a, relation)
    return None if b is None else (a, b)


def _related(draw: st.DrawFn, a: Constraint, relation: Relation) -> Constraint | None:
    """A non-empty constraint ``b`` (one range, for numbers) with ``relate(a, b) is relation``,
    or None where there is none."""
    if relation is Relation.SAME:
        return a
    if relation is Relation.NARROWER:  # a ⊂ b
        return _proper_superset(draw, a) if _widenable(a) and _single(a) else None
    if relation is Relation.BROADER:  # a ⊃ b
        return _proper_subset(draw, a) if _narrowable(a) else None
    rest = ~a
    if isinstance(a, OutcomeSet):
        outside = list(rest.outcomes)
        if not outside:
            return None
        if relation is Relation.CONFLICT:
            return Constraint.of(a.issue, *_subset(draw, outside))
        if len(a) < 2:
            return None
        inside = _subset(draw, a.outcomes, proper=True)
        return Constraint.of(a.issue, *inside) | Constraint.of(a.issue, *_subset(draw, outside))
    assert isinstance(a, IntervalSet)
    if not _single(a) or rest.is_empty():
        return None
    ((lo, hi),) = a.bounds
    issue = a.issue
    hi = _upper(issue, hi)
    below = lo > issue.minimum
    above = hi is not None and (issue.maximum is None or hi < issue.maximum)
    if not below and not above:
        return None  # all the numbers: only the no-limit outcome is left, which no range states
    up = draw(st.booleans()) if below and above else above
    if relation is Relation.CONFLICT:
        if up:
            assert hi is not None
            start = hi + 1 + draw(st.integers(0, 3))
            return Constraint.between(
                issue, start, None if issue.maximum is None else max(start, issue.maximum)
            )
        end = lo - 1 - draw(st.integers(0, min(3, lo - 1 - issue.minimum)))
        return Constraint.between(issue, issue.minimum, end)
    if hi is not None and lo == hi:  # one number: nothing overlaps it without containing it
        return None
    if up:  # from inside a, past its upper end
        assert hi is not None
        start = draw(st.integers(lo + 1, hi))
        return Constraint.between(issue, start, hi + 1 + draw(st.integers(0, 3)))
    end = draw(st.integers(lo, (lo + NUMERIC_SPAN) if hi is None else hi - 1))
    return Constraint.between(issue, max(issue.minimum, lo - 1 - draw(st.integers(0, 3))), end)


def _single(c: Constraint) -> bool:
    return not isinstance(c, IntervalSet) or len(c.bounds) == 1


def agreeing_pairs(issue: str | None = None, **kwargs: Any) -> st.SearchStrategy[Pair]:
    """Pairs with a non-empty common ground on ``issue``: SAME, NARROWER, BROADER or OVERLAP.
    Takes the keyword arguments of :func:`position_pairs`."""
    return position_pairs(_OVERLAP_GROUP, issue, **kwargs)


def independent_pairs(
    codebook: CodebookArg = None,
    *,
    issues: Iterable[str] | None = None,
    max_issues: int = 4,
    **kwargs: Any,
) -> st.SearchStrategy[Pair]:
    """Two :func:`positions` of one codebook drawn independently, on a few issues of it
    (``issues``, or up to ``max_issues`` drawn), with different ids. Takes the other keyword
    arguments of :func:`positions`."""
    return _independent_pairs(
        _codebooks_of(codebook, named=issues is not None), issues, max_issues, kwargs
    )


@st.composite
def _independent_pairs(
    draw: st.DrawFn,
    books: st.SearchStrategy[Codebook],
    issues: Iterable[str] | None,
    max_issues: int,
    kwargs: Mapping[str, Any],
) -> Pair:
    codebook = draw(books)
    keys = (
        list(issues)
        if issues is not None
        else draw(
            st.lists(
                st.sampled_from(codebook.keys()), min_size=1, max_size=max_issues, unique=True
            )
        )
    )
    both = positions(codebook, issues=keys, **kwargs)
    left, right = draw(both), draw(both)
    if left.id == right.id:
        right = attrs.evolve(right, id=f"{right.id}-other")
    return left, right


def position_groups(
    min_size: int = 2,
    max_size: int = 4,
    *,
    codebook: CodebookArg = None,
    issues: Iterable[str] | None = None,
    implied: bool = True,
    preconditions: bool = True,
    max_issues: int = 3,
) -> st.SearchStrategy[tuple[Position, ...]]:
    """``min_size`` to ``max_size`` positions of one codebook that meet: on a few issues each
    states one of a small menu of outcome sets (or is silent), so the group has common ground,
    conflicts and coalitions of every shape. Ids are distinct."""
    if not 1 <= min_size <= max_size:
        raise InvalidArgument("need 1 <= min_size <= max_size")
    books = _codebooks_of(codebook, named=issues is not None)
    return _position_groups(books, min_size, max_size, issues, implied, preconditions, max_issues)


@st.composite
def _position_groups(
    draw: st.DrawFn,
    books: st.SearchStrategy[Codebook],
    min_size: int,
    max_size: int,
    issues: Iterable[str] | None,
    implied: bool,
    preconditions: bool,
    max_issues: int,
) -> tuple[Position, ...]:
    codebook = draw(books)
    offer = _offer(codebook)
    allowed = _scope(offer, issues)
    keys = sorted(allowed) if allowed else list(offer.keys)
    chosen = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=max_issues, unique=True))
    menus = {
        k: draw(st.lists(_constraints_of(codebook[k], False, 1), min_size=1, max_size=3))
        for k in chosen
    }
    size = draw(st.integers(min_size, max_size))
    # Who speaks to each issue: two or more of the group (all, if it has fewer), and each
    # position to one issue at least.
    speakers = {
        k: set(
            draw(
                st.lists(
                    st.integers(0, size - 1), min_size=min(2, size), max_size=size, unique=True
                )
            )
        )
        for k in chosen
    }
    for i in range(size):
        if not any(i in who for who in speakers.values()):
            speakers[chosen[0]].add(i)
    out: list[Position] = []
    ids: set[str] = set()
    for i in range(size):
        plan: dict[str, Targets] = {
            k: _readings_of(draw, draw(st.sampled_from(menus[k])), _way(draw, implied))
            for k in chosen
            if i in speakers[k]
        }
        stated = _realise(draw, offer, plan, implied=implied, preconditions=preconditions)
        if not stated:
            stated = _express(draw, (menus[chosen[0]][0],) * 2, implied)
        p = _position(draw, codebook, stated)
        if p.id in ids:
            p = attrs.evolve(p, id=f"{p.id}-{len(out)}")
        ids.add(p.id)
        out.append(p)
    return tuple(out)


# -- change over time ----------------------------------------------------------------------


def successors(
    position: Position, change: Change = "hardened", *, issue: str | None = None
) -> st.SearchStrategy[Position]:
    """A later position of the same actor(s) that ``change``\\ s on one issue (``issue``, or one
    drawn) and is unchanged on every other issue, under both readings.

    hardened: an EXPLICIT condition accepting a proper subset is added. softened: the
    conditions on that issue (which must address only it) are replaced by one accepting a
    proper superset. Where no issue can change so, the example is rejected; :func:`histories`
    gives pairs that always can.
    """
    if change not in ("hardened", "softened"):
        raise InvalidArgument(f"change must be 'hardened' or 'softened' (got {change!r})")
    return _successors(position, change, issue)


@st.composite
def _successors(
    draw: st.DrawFn, position: Position, change: Change, issue: str | None
) -> Position:
    return _successor(draw, position, change, issue)


def _alone(position: Position, key: str) -> bool:
    """Whether ``key``'s stance comes from the position's own conditions on that issue alone."""
    codebook = position.codebook
    for reading in READINGS:
        stance = position.stances(reading).get(key)
        if stance is None or stance.derived:
            return False
        for c in stance.conditions:
            if c not in position.conditions or _touched(c, codebook) != {key}:
                return False
    return True


def _successor(draw: st.DrawFn, position: Position, change: Change, issue: str | None) -> Position:
    broad, strict = position.constraints("broad"), position.constraints("strict")
    keys = [k for k in broad if k in strict and (issue is None or k == issue)]
    if change == "hardened":
        candidates = [k for k in keys if _narrowable(broad[k])]
    else:
        candidates = [k for k in keys if _widenable(strict[k]) and _alone(position, k)]
    if not candidates:
        reject()
    key = draw(st.sampled_from(candidates))
    if change == "hardened":
        target = _proper_subset(draw, broad[key])
        kept = list(position.conditions)
    else:
        target = _proper_superset(draw, strict[key])
        dropped = set(map(id, position.conditions_on(key, "broad")))
        kept = [c for c in position.conditions if id(c) not in dropped]
    if isinstance(target, IntervalSet) and len(target.bounds) > 1:
        reject()
    kept.append(_generic(target, draw(evidence(basis=Basis.EXPLICIT))))
    later_id = draw(_IDS)
    if later_id == position.id:
        later_id = f"{later_id}-later"
    later_date = min(
        position.date + datetime.timedelta(days=draw(st.integers(1, 3650))), _MAX_DATE
    )
    if not _consistent(kept, position.codebook):
        reject()
    later = attrs.evolve(position, id=later_id, date=later_date, conditions=kept)
    kind = ChangeKind.HARDENED if change == "hardened" else ChangeKind.SOFTENED
    for reading in READINGS:
        found = reference.changes(position, later, reading)
        if found[key] is not kind or any(
            v is not ChangeKind.UNCHANGED for k, v in found.items() if k != key
        ):
            reject()  # the codebook's implications carried the change to other issues
    return later


def histories(
    change: Change = "hardened",
    issue: str | None = None,
    *,
    codebook: CodebookArg = None,
    actor: str | st.SearchStrategy[str] | None = None,
    issues: Iterable[str] | None = None,
    implied: bool = True,
    preconditions: bool = True,
    max_issues: int = 4,
) -> st.SearchStrategy[Pair]:
    """``(earlier, later)``: a position and a :func:`successors` of it that ``change``\\ s on
    ``issue`` (or on one drawn from ``issues``); the earlier position addresses that issue with
    room to change, and up to ``max_issues - 1`` others."""
    if change not in ("hardened", "softened"):
        raise InvalidArgument(f"change must be 'hardened' or 'softened' (got {change!r})")
    books = _codebooks_of(codebook, named=issue is not None or issues is not None)
    fixed = isinstance(codebook, Codebook) or issue is not None or issues is not None
    return _histories(
        books, change, issue, issues, actor, implied, preconditions, max_issues, fixed
    )


@st.composite
def _histories(
    draw: st.DrawFn,
    books: st.SearchStrategy[Codebook],
    change: Change,
    issue: str | None,
    issues: Iterable[str] | None,
    actor: Any,
    implied: bool,
    preconditions: bool,
    max_issues: int,
    fixed: bool,
) -> Pair:
    codebook = draw(books)
    offer = _offer(codebook)
    allowed = _scope(offer, issues)
    room = (
        [issue]
        if issue is not None
        else [
            k
            for k in (sorted(allowed) if allowed else offer.keys)
            if _feasible(codebook[k], Relation.NARROWER)
        ]
    )
    room = [k for k in room if _feasible(codebook[k], Relation.NARROWER)]
    if not room:
        _impossible("no issue with two or more outcomes to change on", fixed)
    focus = draw(st.sampled_from(room))
    fits = _narrowable if change == "hardened" else _widenable
    target = draw(_constraints_of(codebook[focus], False, 1).filter(fits))
    plan: dict[str, Targets] = {focus: (target, target)}
    for found in _planned_issues(draw, offer, allowed, focus, max_issues)[1:]:
        plan[found.key] = _readings_of(
            draw, draw(_constraints_of(found, False, 1)), _way(draw, implied)
        )
    chosen = _realise(
        draw, offer, plan, implied=implied, preconditions=preconditions, keep=focus,
        plain=frozenset({focus}),
    )  # fmt: skip
    earlier = _position(draw, codebook, chosen, actor=actor)
    return earlier, _successor(draw, earlier, change, focus)


# -- measuring -----------------------------------------------------------------------------


def relation_counts(
    pairs: st.SearchStrategy[Pair],
    *,
    examples: int = 200,
    reading: Literal["strict", "broad", "both"] = "both",
) -> collections.Counter[Relation]:
    """How often each relation occurs among the findings of ``examples`` derandomized pairs
    drawn from ``pairs`` (compared under ``reading``): to see whether a strategy reaches every
    relation. Call it outside any ``@given`` test."""
    counts: collections.Counter[Relation] = collections.Counter()

    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(pairs)
    def collect(pair: Pair) -> None:
        counts.update(f.relation for f in compare(*pair, reading=reading).findings)

    collect()
    return counts


# -- type strategies -----------------------------------------------------------------------


def _of_kind(cls: type[Condition]) -> st.SearchStrategy[Condition]:
    return st.deferred(lambda: conditions(_default(), kind=cls))


def _pretty_codebook(codebook: Codebook, printer: Any, cycle: bool) -> None:
    """Codebooks in hypothesis' reports: the call that reads them back from file data (the
    codebooks they include by name), not every field of every included issue."""
    import json

    from peacepos import corpus
    from peacepos.plain import codebook_to_dict

    plain = attrs.evolve(codebook, python_kinds=())
    if plain.name in corpus.codebooks() and plain == corpus.codebook(plain.name):
        text = f"peacepos.codebook({plain.name!r})"
    else:
        data = json.dumps(codebook_to_dict(plain), ensure_ascii=False)
        text = f"peacepos.library.loads_codebook({data!r}, 'json')"
    if codebook.python_kinds:
        text += f".with_kinds({', '.join(k.__qualname__ for k in codebook.python_kinds)})"
    printer.text(text)


def _register_types() -> None:
    try:
        from hypothesis.vendor.pretty import for_type_by_name
    except ImportError:  # pragma: no cover - hypothesis moved it: reports print every field
        pass
    else:
        for_type_by_name("peacepos.vocabulary", "Codebook", _pretty_codebook)
    for cls in BUILTIN.values():
        st.register_type_strategy(cls, _of_kind(cls))
    st.register_type_strategy(Condition, st.deferred(lambda: conditions(_default())))
    st.register_type_strategy(Evidence, st.deferred(evidence))
    st.register_type_strategy(Codebook, st.deferred(codebooks))
    st.register_type_strategy(Position, st.deferred(positions))


_register_types()
