"""Hypothesis strategies for peacepos: outcomes, constraints, evidence, conditions, positions,
and *related* inputs on purpose — pairs of positions with a chosen relation on a chosen
issue, and an actor's position with a hardened or softened successor.

Needs hypothesis (``pip install 'peacepos[testing]'``); ``import peacepos`` never imports
this module. Importing it registers a type strategy for every built-in condition type (so
``st.from_type(Ceasefire)`` works) and the generic condition type :class:`AcceptedOutcomes`
(kind ``outcome-set``), which expresses any constraint on any issue.

>>> from hypothesis import given, settings
>>> from peacepos import Relation, compare
>>> from peacepos.testing import strategies as pst
>>> @settings(max_examples=10, derandomize=True, database=None, deadline=None)
... @given(pst.position_pairs(Relation.CONFLICT, issue="territory/crimea"))
... def test_conflict(pair):
...     left, right = pair
...     finding = compare(left, right, reading="broad").finding("territory/crimea")
...     assert finding.relation is Relation.CONFLICT
>>> test_conflict()
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401
except ImportError as exc:  # pragma: no cover - exercised in a subprocess by the tests
    raise ImportError(
        "peacepos.testing.strategies needs hypothesis: pip install 'peacepos[testing]'"
    ) from exc

import datetime
import enum
import functools
import itertools
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal, TypeVar

import attrs
from attrs import field, frozen
from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from peacepos.compare import Relation
from peacepos.conditions import (
    MAX_QUOTE_WORDS,
    Basis,
    Condition,
    Evidence,
    Stage,
    TerritorialStatus,
    condition_type,
    condition_types,
    get_condition_type,
)
from peacepos.constraints import Constraint, IntervalSet, OutcomeSet
from peacepos.errors import ContradictionError, PeaceposError
from peacepos.issues import AnyIssue, Issue, NumericIssue, get_issue, issue_keys, region_keys
from peacepos.position import Coverage, Position

__all__ = [
    "NUMERIC_SPAN",
    "AcceptedOutcomes",
    "accepted_outcomes",
    "agreeing_pairs",
    "conditions",
    "constraint_pairs",
    "constraints",
    "evidence",
    "histories",
    "outcomes",
    "position_pairs",
    "positions",
    "regions",
    "register_condition_strategy",
    "stages",
    "successors",
    "texts",
]

NUMERIC_SPAN = 30
"""Numbers are drawn from ``[minimum, minimum + NUMERIC_SPAN]`` of a numeric issue: small,
so that shrunk examples read well and relations between ranges come up often."""

_MAX_DATE = datetime.date(2200, 12, 31)
Change = Literal["hardened", "softened"]
C = TypeVar("C", bound=Condition)
Factory = Callable[["_Scope"], st.SearchStrategy[Condition]]

# -- the generic condition type --------------------------------------------------------------


def _outcome_names(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, str):
        raise TypeError(f"outcomes must be a list of outcome names, not a string (got {value!r})")
    return frozenset(value)


@condition_type("outcome-set")
@frozen(kw_only=True)
class AcceptedOutcomes(Condition):
    """Accepts exactly the given outcomes of one issue: any constraint, as a condition.

    For a finite issue name the ``outcomes``; for a numeric issue give ``at_least``,
    ``at_most`` or both (one range). Useful to state a position outside the typed
    conditions, and in tests to reach every relation on every issue.

    >>> ev = Evidence(document="doc", locator="p. 1")
    >>> c = AcceptedOutcomes(issue="talks", outcomes={"direct", "mediated"}, evidence=ev)
    >>> [str(x) for x in c.compile()]
    ['mediated or direct']
    >>> cap = AcceptedOutcomes(issue="military/army-cap", at_most=85_000, evidence=ev)
    >>> [str(x) for x in cap.compile()]
    ['≤ 85,000 troops']
    """

    issue: str
    outcomes: frozenset[str] = field(default=frozenset(), converter=_outcome_names)
    at_least: int | None = None
    at_most: int | None = None

    def __attrs_post_init__(self) -> None:
        found = get_issue(self.issue)
        if isinstance(found, NumericIssue):
            if self.outcomes:
                raise ValueError(f"{self.issue!r} is numeric: give at_least/at_most, not outcomes")
            for name in ("at_least", "at_most"):
                value = getattr(self, name)
                if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                    raise TypeError(f"{name} must be a whole number (got {value!r})")
            if self.at_least is None and self.at_most is None:
                raise ValueError(f"{self.issue!r} is numeric: give at_least, at_most or both")
            lo = found.minimum if self.at_least is None else max(self.at_least, found.minimum)
            if self.at_most is not None and lo > self.at_most:
                raise ValueError(
                    f"no number of {self.issue!r} is at least {lo} and at most {self.at_most}"
                )
            return
        if self.at_least is not None or self.at_most is not None:
            raise ValueError(f"{self.issue!r} is not numeric: name outcomes instead")
        if not self.outcomes:
            raise ValueError(f"outcomes must name at least one outcome of {self.issue!r}")
        for outcome in sorted(self.outcomes):
            found.index(outcome)

    def compile(self) -> Iterable[Constraint]:
        found = get_issue(self.issue)
        if isinstance(found, NumericIssue):
            yield Constraint.between(found, self.at_least, self.at_most)
        else:
            yield Constraint.of(found, *self.outcomes)

    @classmethod
    def of(cls, constraint: Constraint, *, evidence: Evidence, **kwargs: Any) -> AcceptedOutcomes:
        """The condition that accepts exactly ``constraint`` (numeric: a single range)."""
        if constraint.is_empty():
            raise ValueError("an empty constraint is not a condition anyone states")
        if isinstance(constraint, IntervalSet):
            if len(constraint.bounds) != 1:
                raise ValueError(f"{constraint} is not a single range")
            ((lo, hi),) = constraint.bounds
            low = None if lo == constraint.issue.minimum and hi is not None else lo
            return cls(
                issue=constraint.issue.key, at_least=low, at_most=hi, evidence=evidence, **kwargs
            )
        assert isinstance(constraint, OutcomeSet)
        return cls(
            issue=constraint.issue.key,
            outcomes=frozenset(constraint.outcomes),
            evidence=evidence,
            **kwargs,
        )


# -- scalar values ---------------------------------------------------------------------------

_CHARS = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"))


@functools.cache
def texts(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """Free text that peacepos accepts where text is required: not blank, no control chars."""
    return st.text(_CHARS, min_size=1, max_size=max_size).filter(lambda s: bool(s.strip()))


_OPTIONAL_TEXT = st.just("") | texts()


_IDS = st.from_regex(r"\A[a-z0-9]{1,10}(?:[-_.][a-z0-9]{1,10}){0,3}\Z", fullmatch=True)
_DATES = st.dates(min_value=datetime.date(1800, 1, 1), max_value=_MAX_DATE)
_ACTORS = st.sampled_from(("Party A", "Party B", "Party C")) | texts(max_size=20)


def outcomes(issue: str | AnyIssue) -> st.SearchStrategy[Any]:
    """One outcome of ``issue``: an outcome name, or a small whole number of a numeric issue."""
    found = get_issue(issue)
    if isinstance(found, NumericIssue):
        return st.integers(found.minimum, _top(found))
    return st.sampled_from(found.outcomes)


def _top(issue: NumericIssue) -> int:
    top = issue.minimum + NUMERIC_SPAN
    return top if issue.maximum is None else min(top, issue.maximum)


def _issue_strategy(issue: str | AnyIssue | None) -> st.SearchStrategy[AnyIssue]:
    if issue is None:
        return st.deferred(lambda: st.sampled_from(issue_keys())).map(get_issue)
    return st.just(get_issue(issue))


def constraints(
    issue: str | AnyIssue | None = None, *, allow_empty: bool = True, max_intervals: int = 3
) -> st.SearchStrategy[Constraint]:
    """Constraints of ``issue`` (any registered issue if None): any set of its outcomes, or
    for a numeric issue a union of up to ``max_intervals`` small ranges (an open upper end
    included)."""
    return _issue_strategy(issue).flatmap(
        lambda found: _constraints_of(found, allow_empty, max_intervals)
    )


_CONSTRAINTS: dict[tuple[AnyIssue, bool, int], st.SearchStrategy[Constraint]] = {}


def _constraints_of(
    issue: AnyIssue, allow_empty: bool, max_intervals: int
) -> st.SearchStrategy[Constraint]:
    key = (issue, allow_empty, max_intervals)
    if key not in _CONSTRAINTS:
        _CONSTRAINTS[key] = _new_constraints(issue, allow_empty, max_intervals)
    return _CONSTRAINTS[key]


def _new_constraints(
    issue: AnyIssue, allow_empty: bool, max_intervals: int
) -> st.SearchStrategy[Constraint]:
    if isinstance(issue, Issue):
        sets = st.sets(st.sampled_from(issue.outcomes), min_size=0 if allow_empty else 1)
        return sets.map(lambda chosen: Constraint.of(issue, *sorted(chosen)))
    top = _top(issue)
    bound = st.tuples(
        st.integers(issue.minimum, top), st.integers(0, NUMERIC_SPAN), st.booleans()
    ).map(lambda t: (t[0], None if t[2] else t[0] + t[1]))
    lists = st.lists(bound, min_size=0 if allow_empty else 1, max_size=max(max_intervals, 1))
    return lists.map(lambda bounds: IntervalSet.from_bounds(issue, bounds)).filter(
        lambda c: allow_empty or not c.is_empty()
    )


# -- constraints with a chosen relation -------------------------------------------------------

_NEEDS = {
    Relation.SAME: 1,
    Relation.ONLY_LEFT: 1,
    Relation.ONLY_RIGHT: 1,
    Relation.NARROWER: 2,
    Relation.BROADER: 2,
    Relation.CONFLICT: 2,
    Relation.OVERLAP: 3,
}
_OVERLAP_GROUP = (Relation.SAME, Relation.NARROWER, Relation.BROADER, Relation.OVERLAP)


def _capacity(issue: AnyIssue) -> int | None:
    if isinstance(issue, Issue):
        return len(issue.outcomes)
    return None if issue.maximum is None else issue.maximum - issue.minimum + 1


def _feasible(issue: AnyIssue, relation: Relation) -> bool:
    cap = _capacity(issue)
    return cap is None or cap >= _NEEDS[relation]


def _relations(relation: Relation | Iterable[Relation] | None) -> tuple[Relation, ...]:
    if relation is None:
        return tuple(Relation)
    if isinstance(relation, Relation):
        return (relation,)
    found = tuple(relation)
    for r in found:
        if not isinstance(r, Relation):
            raise InvalidArgument(f"relation must be a peacepos.Relation (got {r!r})")
    if not found:
        raise InvalidArgument("relation: give at least one Relation")
    return found


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
    issue: str | AnyIssue, relation: Relation | Iterable[Relation] | None = None
) -> st.SearchStrategy[tuple[Constraint | None, Constraint | None]]:
    """Pairs of non-empty constraints of ``issue`` that stand in exactly ``relation`` (any
    relation the issue allows if None); silence (ONLY_LEFT / ONLY_RIGHT) is None.

    Numeric constraints are single ranges. A relation the issue cannot have (OVERLAP needs
    three outcomes) is an :class:`~hypothesis.errors.InvalidArgument`.
    """
    found = get_issue(issue)
    wanted = _relations(relation)
    feasible = [r for r in wanted if _feasible(found, r)]
    if not feasible:
        raise InvalidArgument(
            f"{found.key!r} cannot have the relation(s) "
            + ", ".join(r.name for r in wanted)
            + " (too few outcomes)"
        )
    return _constraint_pairs(found, tuple(feasible))


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
            return Constraint.of(issue, *order[span[0] : span[1] + 1])

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


# -- evidence and stages -----------------------------------------------------------------------


def evidence(
    *, basis: Basis | None = None, text: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Evidence]:
    """Valid evidence: a document id, a locator, a quote of at most 12 words, a basis (the
    one given, or either) and, for IMPLIED, a rationale. ``text`` replaces the free-text
    strategy (e.g. to feed hostile text into reports)."""
    if text is None:
        return _EVIDENCE[basis]
    return _evidence(basis, text.filter(lambda s: bool(s.strip())), True)


@st.composite
def _evidence(
    draw: st.DrawFn, basis: Basis | None, free: st.SearchStrategy[str], custom: bool
) -> Evidence:
    chosen = draw(st.sampled_from(list(Basis))) if basis is None else basis
    optional = st.just("") | free if custom else _OPTIONAL_TEXT
    rationale = draw(free) if chosen is Basis.IMPLIED else draw(optional)
    quote = draw(optional)
    if len(quote.split()) > MAX_QUOTE_WORDS:
        quote = " ".join(quote.split()[:MAX_QUOTE_WORDS])
    try:
        return Evidence(
            document=draw(_DOCUMENTS if not custom else free),
            locator=draw(_LOCATORS if not custom else free),
            quote=quote,
            basis=chosen,
            rationale=rationale,
            source=draw(optional),
        )
    except ValueError:  # caller-supplied text longer than evidence allows
        reject()


_DOCUMENTS = st.sampled_from(("doc", "example-2024-01-01")) | texts()
_LOCATORS = st.sampled_from(("point 1", "para. 2")) | texts()
_EVIDENCE = {b: _evidence(b, texts(), False) for b in (None, *Basis)}


def stages(*, preconditions: bool = True) -> st.SearchStrategy[Stage]:
    """Stages: a settlement term, or (``preconditions=True``) a precondition as well."""
    if not preconditions:
        return st.just(Stage.SETTLEMENT)
    return st.sampled_from(list(Stage))


# -- conditions --------------------------------------------------------------------------------


@frozen(kw_only=True)
class _Scope:
    """Which issues generated conditions may address: ``issues`` (None: all) plus sequence
    issues, minus ``exclude``."""

    issues: frozenset[str] | None = None
    exclude: frozenset[str] = frozenset()

    def allows(self, key: str) -> bool:
        if key in self.exclude:
            return False
        if self.issues is None or key in self.issues:
            return True
        try:
            return get_issue(key).sequence
        except PeaceposError:
            return False

    def keys(self) -> tuple[str, ...]:
        return tuple(k for k in issue_keys() if self.allows(k))

    def regions(self) -> tuple[str, ...]:
        return tuple(r for r in region_keys() if self.allows(f"territory/{r}"))


def _scope(issues: Iterable[str] | None, exclude: Iterable[str] = ()) -> _Scope:
    if isinstance(issues, str):
        raise InvalidArgument(f"issues must be a list of issue keys (got {issues!r})")
    chosen = None if issues is None else frozenset(issues)
    for key in sorted(chosen or ()):
        get_issue(key)
    return _Scope(issues=chosen, exclude=frozenset(exclude))


_PLACEHOLDER = Evidence(document="generated", locator="generated")
_FACTORIES: dict[type[Condition], Factory] = {}


def _domain_fields(cls: type[Condition]) -> list[tuple[attrs.Attribute[Any], Any]]:
    hints = typing.get_type_hints(cls)
    return [
        (a, hints[a.name])
        for a in attrs.fields(cls)
        if a.init and a.name not in ("evidence", "stage")
    ]


def _alias(a: attrs.Attribute[Any]) -> str:
    """The keyword a field is passed by (``_x`` is passed as ``x``)."""
    return a.alias or a.name


def _optional(tp: Any) -> tuple[Any, bool]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1 and len(args) == 2:
            return rest[0], True
    return tp, False


def _is_regions(a: attrs.Attribute[Any], tp: Any) -> bool:
    return (
        "region" in a.name
        and typing.get_origin(tp) in (frozenset, tuple, list)
        and typing.get_args(tp)[:1] == (str,)
    )


def regions(issues: Iterable[str] | None = None) -> st.SearchStrategy[frozenset[str]]:
    """Non-empty sets of registered regions (those whose ``territory/<region>`` issue is in
    ``issues``, if given)."""
    return _regions(_scope(issues))


def _regions(scope: _Scope) -> st.SearchStrategy[frozenset[str]]:
    # Regions whose territory issue the scope allows; if none, any region (a field named
    # ``regions`` need not decide territory: a buffer zone, say).
    keys = scope.regions() or region_keys()
    if not keys:
        return st.nothing()
    return st.frozensets(st.sampled_from(keys), min_size=1, max_size=min(3, len(keys)))


def _field_strategy(a: attrs.Attribute[Any], tp: Any, scope: _Scope) -> st.SearchStrategy[Any]:
    inner, optional = _optional(tp)
    strategy: st.SearchStrategy[Any]
    if _is_regions(a, inner):
        strategy = _regions(scope)
        if typing.get_origin(inner) is not frozenset:
            strategy = strategy.map(lambda s: tuple(sorted(s)))
    elif isinstance(inner, type) and issubclass(inner, enum.Enum):
        strategy = st.sampled_from(list(inner))
    elif inner is bool:
        strategy = st.booleans()
    elif inner is int:
        strategy = st.integers(0, NUMERIC_SPAN)
    elif inner is str:
        strategy = texts()
    elif typing.get_origin(inner) is Literal:
        strategy = st.sampled_from(typing.get_args(inner))
    elif typing.get_origin(inner) in (frozenset, tuple) and typing.get_args(inner):
        item = _field_strategy(a, typing.get_args(inner)[0], scope)
        if typing.get_origin(inner) is frozenset:
            strategy = st.frozensets(item, max_size=3)
        else:
            strategy = st.lists(item, max_size=3).map(tuple)
    else:
        strategy = st.from_type(inner)
    return st.none() | strategy if optional else strategy


def _ranges(fields: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Pairs of optional int fields ``<x>at_least`` / ``<x>at_most``: one range of numbers."""
    out = []
    for name in fields:
        if name.endswith("at_least"):
            top = name[: -len("at_least")] + "at_most"
            if top in fields and all(_optional(fields[n]) == (int, True) for n in (name, top)):
                out.append((name, top))
    return out


@st.composite
def _range(draw: st.DrawFn) -> tuple[int | None, int | None]:
    low, high = sorted((draw(st.integers(0, NUMERIC_SPAN)), draw(st.integers(0, NUMERIC_SPAN))))
    which = draw(st.sampled_from(("at_most", "at_least", "both")))
    return (None if which == "at_most" else low, None if which == "at_least" else high)


def _inferred(
    cls: type[Condition], scope: _Scope, overrides: Mapping[str, st.SearchStrategy[Any]]
) -> st.SearchStrategy[Condition]:
    """Build ``cls`` from its field types; values its validators refuse are drawn again.

    A pair of optional int fields ``at_least`` / ``at_most`` (or ``<x>_at_least`` /
    ``<x>_at_most``) is drawn as one range: low <= high, at least one given.
    """
    types_ = {_alias(a): tp for a, tp in _domain_fields(cls)}
    ranges = [r for r in _ranges(types_) if not set(r) & set(overrides)]
    paired = {n for r in ranges for n in r}
    fields = {
        _alias(a): overrides[_alias(a)]
        if _alias(a) in overrides
        else _field_strategy(a, tp, scope)
        for a, tp in _domain_fields(cls)
        if _alias(a) not in paired
    }

    return _built(cls, fields, tuple(ranges))


@st.composite
def _built(
    draw: st.DrawFn,
    cls: type[Condition],
    fields: Mapping[str, st.SearchStrategy[Any]],
    ranges: Sequence[tuple[str, str]],
) -> Condition:
    for _ in range(3):
        kwargs = {name: draw(s) for name, s in fields.items()}
        for low_name, high_name in ranges:
            kwargs[low_name], kwargs[high_name] = draw(_range())
        try:
            return cls(evidence=_PLACEHOLDER, **kwargs)
        except (ValueError, TypeError, PeaceposError):
            continue
    reject()


@st.composite
def _territorial_statuses(draw: st.DrawFn, scope: _Scope) -> Condition:
    chosen = draw(_regions(scope))
    common: set[str] | None = None
    for region in sorted(chosen):
        found = get_issue(f"territory/{region}")
        assert isinstance(found, Issue)
        common = set(found.outcomes) if common is None else common & set(found.outcomes)
    if not common:  # regions registered with different outcomes: one region then
        chosen = frozenset([min(chosen)])
        found = get_issue(f"territory/{min(chosen)}")
        assert isinstance(found, Issue)
        common = set(found.outcomes)
    return TerritorialStatus(
        regions=chosen, status=draw(st.sampled_from(sorted(common))), evidence=_PLACEHOLDER
    )


def _accepted(scope: _Scope) -> st.SearchStrategy[Condition]:
    return _accepted_on(scope.keys())


@st.composite
def _accepted_on(draw: st.DrawFn, keys: Sequence[str]) -> Condition:
    if not keys:
        reject()
    key = draw(st.sampled_from(keys))
    chosen = draw(_constraints_of(get_issue(key), allow_empty=False, max_intervals=1))
    return AcceptedOutcomes.of(chosen, evidence=_PLACEHOLDER)


def accepted_outcomes(
    issue: str | Iterable[str] | None = None, *, implied: bool = True
) -> st.SearchStrategy[Condition]:
    """Generic :class:`AcceptedOutcomes` conditions on ``issue`` (a key, several keys, or
    any registered issue), settlement terms with random evidence."""
    if issue is None:
        keys = issue_keys()
    else:
        keys = (issue,) if isinstance(issue, str) else tuple(sorted(issue))
        for key in keys:
            get_issue(key)
    return _dressed(_accepted_on(keys), implied=implied, preconditions=False)


def register_condition_strategy(
    cls: type[C],
    strategy: st.SearchStrategy[C] | None = None,
    **fields: st.SearchStrategy[Any],
) -> None:
    """Teach the strategies a condition type of yours.

    Without ``strategy``, values are built from the field types (enums, bools, small ints,
    ``frozenset[str]`` fields named ``regions``...); pass a strategy per field to override
    one (``width_km=st.integers(1, 50)``), or a whole ``strategy`` of conditions. Afterwards
    ``st.from_type(cls)``, :func:`conditions` and :func:`positions` use it.
    """
    if not (isinstance(cls, type) and issubclass(cls, Condition) and cls.kind):
        raise InvalidArgument(f"{cls!r} is not a registered condition type (@condition_type)")
    if strategy is not None and fields:
        raise InvalidArgument("give either a strategy or field strategies, not both")
    if strategy is not None:
        fixed: st.SearchStrategy[Condition] = strategy

        def factory(scope: _Scope) -> st.SearchStrategy[Condition]:
            return fixed
    else:

        def factory(scope: _Scope) -> st.SearchStrategy[Condition]:
            return _inferred(cls, scope, fields)

    _FACTORIES[cls] = factory
    st.register_type_strategy(cls, st.deferred(lambda: conditions(cls)))


def _factory(cls: type[Condition]) -> Factory:
    found = _FACTORIES.get(cls)
    if found is not None:
        return found
    return lambda scope: _inferred(cls, scope, {})


def _catalogue() -> tuple[tuple[str, ...], tuple[str, ...], int]:
    """What generated values depend on: the issues, the regions and the known types."""
    return issue_keys(), region_keys(), len(_FACTORIES)


_USABLE: dict[tuple[Any, ...], bool | None] = {}


def _usable(cls: type[Condition], scope: _Scope) -> bool | None:
    """Whether some value of ``cls`` addresses only issues ``scope`` allows (None: cannot
    tell).

    Tries the combinations of its finite field values (enums, bools, a few numbers, the
    allowed regions; for text fields, every outcome name of the catalogue).
    """
    key = (cls, scope, _catalogue())
    if key not in _USABLE:
        _USABLE[key] = _probe(cls, scope)
    return _USABLE[key]


def _probe(cls: type[Condition], scope: _Scope) -> bool | None:
    if cls is AcceptedOutcomes:
        return bool(scope.keys())
    names = sorted({o for k in issue_keys() for o in getattr(get_issue(k), "outcomes", ())})
    choices: list[tuple[str, list[Any]]] = []
    for a, tp in _domain_fields(cls):
        inner, optional = _optional(tp)
        values: list[Any]
        if _is_regions(a, inner):
            values = [frozenset(scope.regions() or region_keys())]
        elif isinstance(inner, type) and issubclass(inner, enum.Enum):
            values = list(inner)
        elif inner is bool:
            values = [False, True]
        elif inner is int:
            values = [0, 1, NUMERIC_SPAN]
        elif inner is str:
            values = names
        elif typing.get_origin(inner) is Literal:
            values = list(typing.get_args(inner))
        else:
            return None
        choices.append((_alias(a), [None, *values] if optional else values))
    built = False
    names_ = [n for n, _ in choices]
    combos = itertools.product(*(values for _, values in choices))
    for combo in itertools.islice(combos, 4096):
        try:
            condition = cls(evidence=_PLACEHOLDER, **dict(zip(names_, combo, strict=True)))
            touched = [c.issue.key for c in condition.compile()]
        except Exception:  # a probe only: values the type refuses tell us nothing
            continue
        built = True
        if all(scope.allows(k) for k in touched):
            return True
    return False if built else None


def _touched(condition: Condition) -> tuple[str, ...]:
    return tuple(c.issue.key for c in condition.constraints())


@st.composite
def _dressed(
    draw: st.DrawFn, domain: st.SearchStrategy[Condition], *, implied: bool, preconditions: bool
) -> Condition:
    condition = draw(domain)
    return attrs.evolve(
        condition,
        evidence=draw(evidence(basis=None if implied else Basis.EXPLICIT)),
        stage=draw(stages(preconditions=preconditions)),
    )


def _classes(
    kind: str | type[Condition] | Iterable[str | type[Condition]] | None,
) -> list[type[Condition]]:
    if kind is None:
        known = condition_types()
        return [cls for _, cls in sorted(known.items()) if cls in _FACTORIES]
    items = [kind] if isinstance(kind, str | type) else list(kind)
    out: list[type[Condition]] = []
    for item in items:
        if isinstance(item, str):
            out.append(get_condition_type(item))
        elif isinstance(item, type) and issubclass(item, Condition) and item.kind:
            out.append(item)
        else:
            raise InvalidArgument(f"not a condition kind or registered condition type: {item!r}")
    return out


_POOLS: dict[tuple[Any, ...], st.SearchStrategy[Condition]] = {}


def _pool(
    classes: Sequence[type[Condition]], scope: _Scope, implied: bool, preconditions: bool
) -> st.SearchStrategy[Condition]:
    """Conditions of ``classes`` that may address what ``scope`` allows (cached)."""
    key = (tuple(classes), scope, implied, preconditions, _catalogue())
    found = _POOLS.get(key)
    if found is None:
        typed = [
            _dressed(_factory(cls)(scope), implied=implied, preconditions=preconditions)
            for cls in classes
            if cls is not AcceptedOutcomes and _usable(cls, scope) is not False
        ]
        parts = [st.one_of(typed)] if typed else []
        if AcceptedOutcomes in classes and _usable(AcceptedOutcomes, scope):
            # As likely as all typed conditions together: it reaches every relation.
            generic = _factory(AcceptedOutcomes)(scope)
            parts.insert(0, _dressed(generic, implied=implied, preconditions=preconditions))
        found = st.one_of(parts) if parts else st.nothing()
        _POOLS[key] = found
    return found


def conditions(
    kind: str | type[Condition] | Iterable[str | type[Condition]] | None = None,
    *,
    issues: Iterable[str] | None = None,
    implied: bool = True,
    preconditions: bool = True,
) -> st.SearchStrategy[Condition]:
    """Conditions of one type (a kind tag or a class), several, or any type the strategies
    know (``None``: the built-in ones, :class:`AcceptedOutcomes` and those registered with
    :func:`register_condition_strategy`).

    ``issues`` restricts them to conditions that address only those issues (sequence issues
    are always allowed); ``implied=False`` makes every condition EXPLICIT;
    ``preconditions=False`` keeps every condition a settlement term.
    """
    classes = _classes(kind)
    scope = _scope(issues)
    pool = _pool(classes, scope, implied, preconditions)
    if pool.is_empty:
        raise InvalidArgument(
            "no condition of "
            + ", ".join(c.kind for c in classes)
            + " can address only "
            + ", ".join(sorted(scope.issues or ()))
        )
    if scope.issues is None:
        return pool

    return _fitting(pool, scope)


@st.composite
def _fitting(draw: st.DrawFn, pool: st.SearchStrategy[Condition], scope: _Scope) -> Condition:
    for _ in range(8):
        condition = draw(pool)
        if all(scope.allows(k) for k in _touched(condition)):
            return condition
    reject()


# -- positions ---------------------------------------------------------------------------------


def _fold(acc: dict[str, Constraint], condition: Condition) -> dict[str, Constraint] | None:
    """``acc`` narrowed by ``condition`` (every reading), or None if that empties an issue."""
    out = dict(acc)
    for constraint in condition.constraints():
        key = constraint.issue.key
        merged = constraint if key not in out else out[key] & constraint
        if merged.is_empty():
            return None
        out[key] = merged
    return out


def _value(
    draw: st.DrawFn, given: str | st.SearchStrategy[str] | None, default: st.SearchStrategy[str]
) -> str:
    if given is None:
        return draw(default)
    if isinstance(given, str):
        return given
    return draw(given)


_URLS = st.lists(
    st.from_regex(r"\Ahttps://example\.org/[a-z0-9-]{0,12}\Z", fullmatch=True), max_size=2
).map(tuple)
_COVERAGE = st.lists(
    st.builds(Coverage, locator=texts(), encoded=st.booleans(), note=_OPTIONAL_TEXT), max_size=2
).map(tuple)
_TITLES = st.just("A position") | texts()


def _metadata(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "document": draw(_OPTIONAL_TEXT),
        "urls": draw(_URLS),
        "confidence": draw(_OPTIONAL_TEXT),
        "notes": draw(_OPTIONAL_TEXT),
        "coverage": draw(_COVERAGE),
    }


def _build_position(
    draw: st.DrawFn,
    *,
    pool: st.SearchStrategy[Condition],
    scope: _Scope,
    fixed: Sequence[Condition] = (),
    min_conditions: int,
    max_conditions: int,
    actor: str | st.SearchStrategy[str] | None,
    id: str | st.SearchStrategy[str] | None,
    date: datetime.date | st.SearchStrategy[datetime.date] | None,
    implied: bool,
) -> Position:
    chosen = list(fixed)
    acc: dict[str, Constraint] | None = {}
    for condition in chosen:
        assert acc is not None
        acc = _fold(acc, condition)
        if acc is None:
            raise ContradictionError("the fixed conditions contradict each other")
    assert acc is not None
    wanted = draw(st.integers(min_conditions, max_conditions))
    tries = 0
    while len(chosen) - len(fixed) < wanted and tries < 3 * wanted + 3 and not pool.is_empty:
        tries += 1
        candidate = draw(pool)
        if not all(scope.allows(k) for k in _touched(candidate)):
            continue
        narrowed = _fold(acc, candidate)
        if narrowed is None:
            continue  # it would contradict what the position already says: skip it
        chosen.append(candidate)
        acc = narrowed
    while len(chosen) - len(fixed) < min_conditions:
        # Always possible: restate what the position already accepts, or a fresh issue.
        key = draw(st.sampled_from(scope.keys()))
        constraint = acc.get(key) or draw(
            _constraints_of(get_issue(key), allow_empty=False, max_intervals=1)
        )
        if isinstance(constraint, IntervalSet) and len(constraint.bounds) != 1:
            constraint = Constraint.between(key, constraint.bounds[0][0], constraint.bounds[0][1])
        basis = None if implied else Basis.EXPLICIT
        extra = AcceptedOutcomes.of(constraint, evidence=draw(evidence(basis=basis)))
        narrowed = _fold(acc, extra)
        assert narrowed is not None
        chosen.append(extra)
        acc = narrowed
    on = date if isinstance(date, datetime.date) else draw(_DATES if date is None else date)
    actor_name = _value(draw, actor, _ACTORS)
    return Position(
        id=_value(draw, id, _IDS),
        title=draw(_TITLES),
        actors=(actor_name,),
        date=on,
        conditions=chosen,
        **_metadata(draw),
    )


def positions(
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
) -> st.SearchStrategy[Position]:
    """Positions that are never self-contradictory.

    Conditions are drawn one by one (from ``conditions``, default: any known type) and a
    condition that would leave some issue with no outcome is skipped, so every position can
    be constructed. ``issues`` restricts what the positions address (sequence issues are
    always allowed) — a few issues make two positions meet often; ``implied=False`` gives
    EXPLICIT conditions only; ``preconditions=False`` settlement terms only.
    """
    if not 0 <= min_conditions <= max_conditions:
        raise InvalidArgument("need 0 <= min_conditions <= max_conditions")
    scope = _scope(issues)
    if conditions is None:
        pool = _pool(_classes(None), scope, implied, preconditions)
    else:
        pool = conditions

    return _positions(
        pool=pool,
        scope=scope,
        min_conditions=min_conditions,
        max_conditions=max_conditions,
        actor=actor,
        id=id,
        date=date,
        implied=implied,
    )


@st.composite
def _positions(draw: st.DrawFn, /, **kwargs: Any) -> Position:
    return _build_position(draw, **kwargs)


def _express(draw: st.DrawFn, target: Constraint, *, implied: bool) -> list[Condition]:
    """Conditions whose intersection (strict and broad) is exactly ``target``."""
    explicit = evidence(basis=Basis.EXPLICIT)
    if draw(st.booleans()) or target.is_full():
        out: list[Condition] = [AcceptedOutcomes.of(target, evidence=draw(explicit))]
    else:
        out = [
            AcceptedOutcomes.of(c, evidence=draw(explicit)) for c in _supersets(draw, target, 2)
        ]
    if implied and draw(st.booleans()):
        # An IMPLIED condition that accepts more changes neither reading.
        (wider,) = _supersets(draw, target, 1)
        out.append(AcceptedOutcomes.of(wider, evidence=draw(evidence(basis=Basis.IMPLIED))))
    return out


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
    out: list[Constraint] = []
    for i in range(n):
        grow = draw(st.integers(0, NUMERIC_SPAN))
        if i == 0:
            out.append(Constraint.between(issue, max(issue.minimum, lo - grow), hi))
        else:
            wide = None if hi is None or draw(st.booleans()) else hi + grow
            out.append(Constraint.between(issue, lo, wide))
    return out


def position_pairs(
    relation: Relation | Iterable[Relation] | None = None,
    issue: str | None = None,
    *,
    issues: Iterable[str] | None = None,
    implied: bool = True,
    preconditions: bool = True,
    max_conditions: int = 4,
) -> st.SearchStrategy[tuple[Position, Position]]:
    """Pairs ``(left, right)`` that stand in exactly ``relation`` on ``issue``, under both
    readings.

    ``relation`` may be one Relation, several (one is drawn) or None (any the issue allows);
    ``issue`` None draws one that allows it. Besides the conditions that make the relation
    (EXPLICIT :class:`AcceptedOutcomes`, plus an IMPLIED one that accepts more), each side
    gets up to ``max_conditions`` other conditions on other issues (from ``issues``, if
    given). The two positions have different ids.
    """
    wanted = _relations(relation)
    if issue is not None:
        found = get_issue(issue)
        if not any(_feasible(found, r) for r in wanted):
            raise InvalidArgument(
                f"{issue!r} cannot have the relation(s) "
                + ", ".join(r.name for r in wanted)
                + " (too few outcomes)"
            )
    others = _scope(issues)

    return _position_pairs(wanted, issue, others, implied, preconditions, max_conditions)


@st.composite
def _position_pairs(
    draw: st.DrawFn,
    wanted: Sequence[Relation],
    issue: str | None,
    others: _Scope,
    implied: bool,
    preconditions: bool,
    max_conditions: int,
) -> tuple[Position, Position]:
    if issue is None:
        candidates = [
            k
            for k in (sorted(others.issues) if others.issues else issue_keys())
            if any(_feasible(get_issue(k), r) for r in wanted)
        ]
        key = draw(st.sampled_from(candidates))
    else:
        key = issue
    found = get_issue(key)
    relation = draw(st.sampled_from([r for r in wanted if _feasible(found, r)]))
    a, b = _constraint_pair(draw, found, relation)
    scope = attrs.evolve(others, exclude=others.exclude | {key})
    pool = _pool(_classes(None), scope, implied, preconditions)
    sides = []
    for target in (a, b):
        fixed = [] if target is None else _express(draw, target, implied=implied)
        sides.append(
            _build_position(
                draw,
                pool=pool,
                scope=scope,
                fixed=fixed,
                min_conditions=1 if target is None else 0,
                max_conditions=max_conditions,
                actor=None,
                id=None,
                date=None,
                implied=implied,
            )
        )
    left, right = sides
    if left.id == right.id:
        right = attrs.evolve(right, id=f"{right.id}-other")
    return left, right


def agreeing_pairs(
    issue: str | None = None, **kwargs: Any
) -> st.SearchStrategy[tuple[Position, Position]]:
    """Pairs with a non-empty common ground on ``issue``: SAME, NARROWER, BROADER or OVERLAP.

    Takes the keyword arguments of :func:`position_pairs`.
    """
    return position_pairs(_OVERLAP_GROUP, issue, **kwargs)


# -- change over time --------------------------------------------------------------------------


def _proper_subset(draw: st.DrawFn, c: Constraint) -> Constraint:
    """A non-empty proper subset of ``c`` (a single range for numbers)."""
    if isinstance(c, OutcomeSet):
        kept = draw(
            st.lists(st.sampled_from(c.outcomes), min_size=1, max_size=len(c) - 1, unique=True)
        )
        return Constraint.of(c.issue, *kept)
    assert isinstance(c, IntervalSet)
    lo, hi = draw(st.sampled_from(c.bounds))
    if len(c.bounds) > 1:
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
    """A proper superset of ``c`` that is not more than one range for numbers."""
    if isinstance(c, OutcomeSet):
        rest = [o for o in c.issue.outcomes if o not in c]
        added = draw(st.lists(st.sampled_from(rest), min_size=1, unique=True))
        return c | Constraint.of(c.issue, *added)
    assert isinstance(c, IntervalSet)
    issue = c.issue
    lo, hi = c.bounds[0][0], c.bounds[-1][1]
    hull = Constraint.between(issue, lo, hi)
    options = []
    if lo > issue.minimum:
        options.append("down")
    if hi is not None and (issue.maximum is None or hi < issue.maximum):
        options.append("up")
    if hull != c:
        options.append("hull")
    way = draw(st.sampled_from(options))
    if way == "down":
        return Constraint.between(issue, max(issue.minimum, lo - draw(st.integers(1, 10))), hi)
    if way == "up":
        assert hi is not None
        wide = None if draw(st.booleans()) else hi + draw(st.integers(1, 10))
        return Constraint.between(issue, lo, wide)
    return hull


def _narrowable(c: Constraint) -> bool:
    if isinstance(c, OutcomeSet):
        return len(c) >= 2
    assert isinstance(c, IntervalSet)
    return len(c.bounds) > 1 or c.bounds[0][1] is None or c.bounds[0][0] < c.bounds[0][1]


def _widenable(c: Constraint) -> bool:
    return not c.is_full()


def successors(
    position: Position, change: Change = "hardened", *, issue: str | None = None
) -> st.SearchStrategy[Position]:
    """A later position of the same actor(s) that ``change``\\ s on one issue (``issue``, or
    one drawn) and is unchanged on every other issue, under both readings.

    hardened: an EXPLICIT condition accepting a proper subset is added. softened: the
    conditions on that issue (which must address only it) are replaced by one accepting a
    proper superset. Where no issue can change so, the example is rejected; use
    :func:`histories` to get pairs that always can.
    """
    if change not in ("hardened", "softened"):
        raise InvalidArgument(f"change must be 'hardened' or 'softened' (got {change!r})")
    return _successors(position, change, issue)


@st.composite
def _successors(
    draw: st.DrawFn, position: Position, change: Change, issue: str | None
) -> Position:
    return _successor(draw, position, change, issue)


def _successor(draw: st.DrawFn, position: Position, change: Change, issue: str | None) -> Position:
    broad = position.constraints("broad")
    strict = position.constraints("strict")
    own = set(position.conditions)
    if change == "hardened":
        candidates = [k for k, c in broad.items() if _narrowable(c)]
    else:
        candidates = [
            k
            for k, c in broad.items()
            if _widenable(strict.get(k, c))
            and all(
                cond in own and set(_touched(cond)) == {k}
                for cond in position.conditions_on(k, "broad")
            )
        ]
    if issue is not None:
        candidates = [k for k in candidates if k == issue]
    if not candidates:
        reject()
    key = draw(st.sampled_from(candidates))
    if change == "hardened":
        target = _proper_subset(draw, broad[key])
        kept = list(position.conditions)
    else:
        target = _proper_superset(draw, strict.get(key, broad[key]))
        dropped = set(position.conditions_on(key, "broad"))
        kept = [c for c in position.conditions if c not in dropped]
    kept.append(AcceptedOutcomes.of(target, evidence=draw(_EVIDENCE[Basis.EXPLICIT])))
    later_id = draw(_IDS)
    if later_id == position.id:
        later_id = f"{later_id}-later"
    days = draw(st.integers(1, 3650))
    later = min(position.date + datetime.timedelta(days=days), _MAX_DATE)
    return attrs.evolve(position, id=later_id, date=later, conditions=kept)


def histories(
    change: Change = "hardened",
    issue: str | None = None,
    *,
    actor: str | st.SearchStrategy[str] | None = None,
    issues: Iterable[str] | None = None,
    implied: bool = True,
    preconditions: bool = True,
    max_conditions: int = 4,
) -> st.SearchStrategy[tuple[Position, Position]]:
    """``(earlier, later)``: a position and a :func:`successors` of it that ``change``\\ s on
    ``issue`` (or on one drawn from ``issues``); the earlier position addresses that issue
    with room to change, and up to ``max_conditions`` other conditions."""
    if change not in ("hardened", "softened"):
        raise InvalidArgument(f"change must be 'hardened' or 'softened' (got {change!r})")
    scope = _scope(issues)
    keys = [issue] if issue is not None else sorted(scope.issues or scope.keys())
    room = tuple(k for k in keys if _feasible(get_issue(k), Relation.NARROWER))
    if not room:
        raise InvalidArgument("no issue with two or more outcomes to change on")
    return _histories(change, room, scope, actor, implied, preconditions, max_conditions)


@st.composite
def _histories(
    draw: st.DrawFn,
    change: Change,
    room: Sequence[str],
    scope: _Scope,
    actor: str | st.SearchStrategy[str] | None,
    implied: bool,
    preconditions: bool,
    max_conditions: int,
) -> tuple[Position, Position]:
    key = draw(st.sampled_from(room))
    fits = _narrowable if change == "hardened" else _widenable
    target = draw(_constraints_of(get_issue(key), False, 1).filter(fits))
    others = attrs.evolve(scope, exclude=scope.exclude | {key})
    earlier = _build_position(
        draw,
        pool=_pool(_classes(None), others, implied, preconditions),
        scope=others,
        fixed=_express(draw, target, implied=implied),
        min_conditions=0,
        max_conditions=max_conditions,
        actor=actor,
        id=None,
        date=None,
        implied=implied,
    )
    return earlier, _successor(draw, earlier, change, key)


# -- type strategies ---------------------------------------------------------------------------


def _register_builtins() -> None:
    for cls in condition_types().values():
        if cls.__module__ != "peacepos.conditions" or cls in _FACTORIES:
            continue
        _FACTORIES[cls] = _builtin_factory(cls)
        st.register_type_strategy(cls, _from_type(cls))
    _FACTORIES[AcceptedOutcomes] = _accepted
    st.register_type_strategy(AcceptedOutcomes, _from_type(AcceptedOutcomes))
    st.register_type_strategy(Condition, st.deferred(lambda: conditions()))
    st.register_type_strategy(Evidence, st.deferred(lambda: evidence()))


def _builtin_factory(cls: type[Condition]) -> Factory:
    if cls is TerritorialStatus:
        return _territorial_statuses
    return lambda scope: _inferred(cls, scope, {})


def _from_type(cls: type[Condition]) -> st.SearchStrategy[Condition]:
    return st.deferred(lambda: conditions(cls))


_register_builtins()
