"""Deals: is there one settlement every party accepts — and if not, what exactly blocks it?

A **settlement** gives every issue some position addresses one outcome (a number, for a
numeric issue). A position **accepts** it, with one of its variants chosen, when on every
issue it addresses the settlement's outcome is one it accepts unconditionally, or one a
conditional term of its allows and every requirement of that term holds in the same
settlement. Silence accepts anything; the codebook's implications hold in every settlement
(one whose ``when`` names every outcome of its issue where some position demands something
of that issue: it says what settling the issue at all implies).

:func:`deals` searches exactly. If a settlement exists it returns one, with the variants and
conditional terms it relies on; if not, a **blocking set**: conditions (each with its position
and evidence) that together rule out every settlement, minimal in that dropping any one of
them leaves the rest satisfiable. Several blocking sets may exist; :func:`deals` lists up to
``limit`` and says which issues every one it found touches.

>>> import peacepos
>>> drafts = [peacepos.corpus.load(i) for i in ("russia-2022-04-15", "ukraine-2022-04-15")]
>>> result = peacepos.deals(*drafts)
>>> result.settlement is None
True
>>> for demand in result.blocking:
...     print(f"{demand.position}: {demand.allowed}")
russia-2022-04-15: only by consensus of all guarantors (a veto)
ukraine-2022-04-15: each guarantor acts (no veto)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from attrs import frozen

from peacepos._record import Record
from peacepos._render import Renderable
from peacepos._text import verb
from peacepos.analysis.relation import distinct_ids, shared_codebook
from peacepos.conditions import Basis, Condition
from peacepos.constraints import Constraint, IntervalSet
from peacepos.position import Position, Reading, reading_key, reading_name, rule_constraint
from peacepos.vocabulary import UNLIMITED, Codebook, Implication, Issue, NumericIssue

__all__ = [
    "Acceptance",
    "Deal",
    "Demand",
    "deals",
]

Value = str | int


@frozen(kw_only=True, repr=False, eq=False)
class Demand(Record):
    """One condition of one position, as a deal sees it: the outcomes it leaves on one issue
    (a condition that narrows several issues is one demand per issue)."""

    position: str
    variant: str | None
    condition: Condition
    issue: str
    allowed: Constraint

    def describe(self, label: str) -> str:
        ev = self.condition.evidence
        where = f"{ev.document}, {ev.locator}"
        basis = "IMPLIED" if ev.basis is Basis.IMPLIED else "EXPLICIT"
        variant = f" (variant {self.variant})" if self.variant else ""
        return (
            f"{label}{variant} {verb(label, 'demands')} {self.allowed} on "
            f"“{self.allowed.issue.title}”: {self.condition.describe()} ({where}; {basis})"
        )


@frozen(kw_only=True, repr=False, eq=False)
class Acceptance(Record):
    """Why one position accepts a settlement's outcome on one issue."""

    position: str
    issue: str
    how: str  # "demand", "term", "silent"
    conditions: tuple[Condition, ...] = ()


@frozen(kw_only=True, repr=False)
class Deal(Renderable):
    """The answer of :func:`deals`: a ``settlement`` (issue → outcome) with the ``variants``
    and conditional ``terms`` it relies on and why each position accepts each outcome; or,
    when none exists, ``blocking``: a minimal blocking set (more in ``blocking_sets``)."""

    positions: tuple[Position, ...]
    reading: Any
    settlement: Mapping[str, Value] | None
    variants: Mapping[str, str | None]
    terms: tuple[tuple[str, Condition], ...]
    acceptance: tuple[Acceptance, ...]
    blocking_sets: tuple[tuple[Demand, ...], ...]
    covering: bool
    """Whether the blocking sets listed cover every way the demands block: dropping one demand
    of each listed set leaves a settlement (False: there are more than ``limit``)."""
    dropped: tuple[str, ...] = ()
    """What was left out (what-if): position ids and conditions, as given."""

    def __repr__(self) -> str:
        ids = ", ".join(p.id for p in self.positions)
        if self.settlement is not None:
            return f"<Deal of {ids}, reading={reading_name(self.reading)}: a settlement>"
        return (
            f"<Deal of {ids}, reading={reading_name(self.reading)}: no settlement; "
            f"{len(self.blocking_sets)} blocking set(s)>"
        )

    @property
    def exists(self) -> bool:
        return self.settlement is not None

    @property
    def blocking(self) -> tuple[Demand, ...]:
        """The first minimal blocking set (empty when a settlement exists)."""
        return self.blocking_sets[0] if self.blocking_sets else ()

    @property
    def core(self) -> tuple[str, ...]:
        """The issues every blocking set found touches (in report order)."""
        if not self.blocking_sets:
            return ()
        sets = [{d.issue for d in s} for s in self.blocking_sets]
        common = set.intersection(*sets)
        return tuple(self.codebook.sort_keys(common))

    @property
    def codebook(self) -> Codebook:
        return shared_codebook(self.positions)

    def outcome(self, issue: str) -> str:
        """A settlement's outcome on ``issue`` as words."""
        if self.settlement is None:
            raise ValueError("there is no settlement")
        return _value_text(self.codebook[issue], self.settlement[issue])

    def explain(self) -> list[str]:
        """Sentences a reader can check: why each position accepts the settlement, or why the
        blocking set admits none."""
        names = {p.id: p.label for p in self.positions}
        if self.settlement is not None:
            out = []
            for a in self.acceptance:
                outcome = self.outcome(a.issue)
                title = self.codebook[a.issue].title
                if a.how == "silent":
                    continue
                c = a.conditions[0]
                ev = c.evidence
                if a.how == "term":
                    reqs = " and ".join(r.describe() for r in c.only_if)
                    name = names[a.position]
                    out.append(
                        f"{name} {verb(name, 'accepts')} {outcome} on “{title}” under its "
                        f"conditional term {c.describe()} ({ev.document}, {ev.locator}): the "
                        f"settlement meets {reqs}."
                    )
                else:
                    name = names[a.position]
                    out.append(
                        f"{name} {verb(name, 'accepts')} {outcome} on “{title}”: "
                        + "; ".join(
                            f"{x.describe()} ({x.evidence.document}, {x.evidence.locator})"
                            for x in a.conditions
                        )
                        + "."
                    )
            return out
        return blocking_chain(self.blocking, names, self.codebook, self.positions)


def _value_text(issue: Any, value: Value) -> str:
    if isinstance(issue, Issue):
        return issue.label(str(value))
    assert isinstance(value, int)
    if value == UNLIMITED:
        return issue.unlimited or "no limit"
    return f"{issue.format(value)} {issue.unit}".rstrip()


# -- the problem -------------------------------------------------------------------------


@frozen(kw_only=True)
class _Term:
    position: str
    variant: str | None
    condition: Condition
    allowed: dict[str, Constraint]  # issue -> widened outcomes
    requires: tuple[Constraint, ...]


@frozen(kw_only=True)
class _Problem:
    codebook: Codebook
    domains: dict[str, tuple[Value, ...]]
    demands: tuple[Demand, ...]
    terms: tuple[_Term, ...]
    rules: tuple[tuple[Implication, Constraint, Constraint], ...]
    variants: dict[str, tuple[str | None, ...]]  # position -> its variant names (None: none)


def _candidates(issue: Any, constraints: Iterable[Constraint]) -> tuple[Value, ...]:
    """The values a search needs to try on an issue: every outcome of a finite one; for a
    numeric one, one value per cell of the partition all constraints' bounds make."""
    if isinstance(issue, Issue):
        return issue.outcomes
    assert isinstance(issue, NumericIssue)
    points: set[int] = {issue.minimum}
    for lo, hi in issue.domain():
        points.add(lo)
        if hi is not None:
            points.add(hi)
    for c in constraints:
        assert isinstance(c, IntervalSet)
        for lo, hi in c.bounds:
            points.update((lo, lo - 1))
            if hi is not None:
                points.update((hi, hi + 1))
    full = Constraint.full(issue)
    return tuple(sorted(p for p in points if p in full))


def _problem(
    positions: Sequence[Position],
    reading: Any,
    dropped: set[tuple[str, Any]],
) -> _Problem:
    codebook = shared_codebook(positions)
    demands: list[Demand] = []
    terms: list[_Term] = []
    variants: dict[str, tuple[str | None, ...]] = {}
    seen_issues: dict[str, Any] = {}
    for p in positions:
        names: tuple[str | None, ...] = tuple(v.name for v in p.variants) or (None,)
        variants[p.id] = names
        # a condition common to every variant: the variants where it is a demand
        common_kept: dict[tuple[int, str], list[tuple[str | None, Condition, Constraint]]] = {}
        for name in names:
            flat = p.variant(name) if name is not None else p
            common = {id(c) for c in p.own_conditions} if name is not None else set()
            stances = flat._stances(reading)
            counted = _counted(flat, reading)
            for c in counted:
                if (p.id, id(c)) in dropped or (p.id, _where(c)) in dropped:
                    continue
                variant = None if id(c) in common or name is None else name
                if c.only_if:
                    allowed = {}
                    for x in c.constraints(codebook):
                        allowed[x.issue.key] = x
                        seen_issues[x.issue.key] = x.issue
                    counting = {
                        id(r)
                        for st in stances.values()
                        for t in st.terms
                        if t.condition is c
                        for r in t.requires
                    }
                    reqs = tuple(
                        x for r in c.only_if if id(r) in counting for x in r.constraints(codebook)
                    )
                    for x in reqs:
                        seen_issues[x.issue.key] = x.issue
                    terms.append(
                        _Term(
                            position=p.id,
                            variant=name,
                            condition=c,
                            allowed=allowed,
                            requires=reqs,
                        )
                    )
                    continue
                for x in c.constraints(codebook):
                    key = x.issue.key
                    st = stances.get(key)
                    if st is not None and st.contested and st.constraint is None:
                        continue  # readers disagree and the text says nothing: no demand
                    if c.basis is Basis.IMPLIED and st is not None and st.contested:
                        continue  # only what the text says counts where readers disagree
                    seen_issues[key] = x.issue
                    if variant is None and name is not None:
                        common_kept.setdefault((id(c), key), []).append((name, c, x))
                        continue
                    demands.append(
                        Demand(position=p.id, variant=variant, condition=c, issue=key, allowed=x)
                    )
        for kept in common_kept.values():
            # common to every variant, it holds whichever is chosen; where readers disagree
            # in some variant it is no demand there, so it is tied to the others one by one
            whole = len(kept) == len(names)
            for name, c, x in kept[:1] if whole else kept:
                demands.append(
                    Demand(
                        position=p.id,
                        variant=None if whole else name,
                        condition=c,
                        issue=x.issue.key,
                        allowed=x,
                    )
                )
    # Variant demands are tied to their variant; common ones hold whichever is chosen.
    unique: dict[tuple[str, str | None, int, str], Demand] = {}
    for d in demands:
        unique.setdefault((d.position, d.variant, id(d.condition), d.issue), d)
    demands = list(unique.values())
    rules = []
    spoken = set(seen_issues)
    for imp in codebook.all_implications():
        when, then = rule_constraint(codebook, imp.when), rule_constraint(codebook, imp.then)
        if when.is_full() and when.issue.key not in spoken:
            continue  # a rule on settling an issue at all: only where some position does
        rules.append((imp, when, then))
    # Issues in scope: addressed ones, and those implications link to them.
    changed = True
    while changed:
        changed = False
        for _, when, then in rules:
            a, b = when.issue.key, then.issue.key
            if (a in seen_issues) != (b in seen_issues):
                for x in (when, then):
                    if x.issue.key not in seen_issues:
                        seen_issues[x.issue.key] = x.issue
                        changed = True
    constraints_on: dict[str, list[Constraint]] = {k: [] for k in seen_issues}
    for d in demands:
        constraints_on[d.issue].append(d.allowed)
    for t in terms:
        for k, x in t.allowed.items():
            constraints_on[k].append(x)
        for x in t.requires:
            constraints_on[x.issue.key].append(x)
    for _, when, then in rules:
        for x in (when, then):
            if x.issue.key in constraints_on:
                constraints_on[x.issue.key].append(x)
    domains = {
        k: _candidates(seen_issues[k], constraints_on[k]) for k in codebook.sort_keys(seen_issues)
    }
    scoped = tuple(r for r in rules if r[1].issue.key in domains and r[2].issue.key in domains)
    return _Problem(
        codebook=codebook,
        domains=domains,
        demands=tuple(demands),
        terms=tuple(terms),
        rules=scoped,
        variants=variants,
    )


def _counted(position: Position, reading: Any) -> list[Condition]:
    """The conditions that count under a reading (co-authors' own points left out)."""
    stances = position._stances(reading)
    used = {id(c) for st in stances.values() for c in st.conditions}
    used |= {id(t.condition) for st in stances.values() for t in st.terms}
    return [c for c in position.all_conditions if id(c) in used]


def _where(c: Condition) -> str:
    return c.evidence.locator


# -- the search --------------------------------------------------------------------------


def _solve(
    problem: _Problem, active: Sequence[Demand]
) -> tuple[dict[str, Value], dict[str, str | None], list[_Term]] | None:
    """A settlement satisfying the active demands (and the terms and rules), or None."""
    positions = list(problem.variants)
    for choice in itertools.product(*(problem.variants[p] for p in positions)):
        chosen = dict(zip(positions, choice, strict=True))
        found = _solve_for(problem, active, chosen)
        if found is not None:
            return found[0], chosen, found[1]
    return None


def _solve_for(
    problem: _Problem, active: Sequence[Demand], chosen: Mapping[str, str | None]
) -> tuple[dict[str, Value], list[_Term]] | None:
    # Demands of a position on one issue combine by intersection, then widen by its terms.
    per: dict[tuple[str, str], Constraint] = {}
    for d in active:
        if d.variant is not None and chosen.get(d.position) != d.variant:
            continue
        key = (d.position, d.issue)
        per[key] = per[key] & d.allowed if key in per else d.allowed
    terms = [t for t in problem.terms if t.variant in (None, chosen.get(t.position))]
    # A rule whose `when` names every outcome holds where a demand here speaks to its issue
    # (so a blocking set names the demands that bring it into play).
    speaking = {issue for _, issue in per}
    rules = [r for r in problem.rules if not r[1].is_full() or r[1].issue.key in speaking]
    widening: dict[tuple[str, str], list[_Term]] = {}
    for t in terms:
        for issue in t.allowed:
            if (t.position, issue) in per:
                widening.setdefault((t.position, issue), []).append(t)
    # Unary pruning: a demand no term can widen is a plain filter on its issue.
    domains = dict(problem.domains)
    checks: list[tuple[str, str, Constraint, list[_Term]]] = []
    for (pos, issue), allowed in per.items():
        widen = widening.get((pos, issue), [])
        if widen:
            union = allowed
            for t in widen:
                union = union | t.allowed[issue]
            domains[issue] = tuple(v for v in domains[issue] if v in union)
            checks.append((pos, issue, allowed, widen))
        else:
            domains[issue] = tuple(v for v in domains[issue] if v in allowed)
        if not domains[issue]:
            return None
    # What is left: demands widened by terms (whose requirements may be on other issues) and
    # the codebook's rules. A small backtracking search over the issues they involve.
    involved: list[str] = []
    for _, issue, _, widen in checks:
        involved.append(issue)
        for t in widen:
            involved += [x.issue.key for x in t.requires]
    for _, when, then in rules:
        involved += [when.issue.key, then.issue.key]
    order = [k for k in problem.codebook.sort_keys(set(involved)) if k in domains]
    assignment: dict[str, Value] = {}

    def holds(partial: Mapping[str, Value]) -> bool:
        for _, when, then in rules:
            a, b = when.issue.key, then.issue.key
            if a in partial and b in partial and partial[a] in when and partial[b] not in then:
                return False
        for _, issue, allowed, widen in checks:
            if issue not in partial:
                continue
            value = partial[issue]
            if value in allowed:
                continue
            ok = False
            undecided = False
            for t in widen:
                if value not in t.allowed[issue]:
                    continue
                states = [
                    (x.issue.key in partial, partial.get(x.issue.key) in x) for x in t.requires
                ]
                if all(known and inside for known, inside in states):
                    ok = True
                    break
                if all(inside or not known for known, inside in states):
                    undecided = True
            if not ok and not undecided:
                return False
        return True

    def search(free: list[str]) -> bool:
        """Backtracking with forward checking: the next issue is the one with the fewest
        values still possible beside what is assigned; an issue with none fails at once."""
        if not free:
            return holds(assignment)
        best: tuple[str, list[Value]] | None = None
        for issue in free:
            possible = []
            for value in domains[issue]:
                assignment[issue] = value
                if holds(assignment):
                    possible.append(value)
                del assignment[issue]
            if not possible:
                return False
            if best is None or len(possible) < len(best[1]):
                best = (issue, possible)
                if len(possible) == 1:
                    break
        assert best is not None
        issue, possible = best
        rest = [k for k in free if k != issue]
        for value in possible:
            assignment[issue] = value
            if search(rest):
                return True
            del assignment[issue]
        return False

    # Issues that no term or rule links are independent: each group is searched on its own,
    # so a dead end in one never makes the search go back over another.
    group = {k: k for k in order}

    def root(k: str) -> str:
        while group[k] != k:
            group[k] = group[group[k]]
            k = group[k]
        return k

    def link(a: str, b: str) -> None:
        if a in group and b in group:
            group[root(a)] = root(b)

    for _, issue, _, widen in checks:
        for t in widen:
            for x in t.requires:
                link(issue, x.issue.key)
    for _, when, then in problem.rules:
        link(when.issue.key, then.issue.key)
    groups: dict[str, list[str]] = {}
    for k in order:
        groups.setdefault(root(k), []).append(k)
    for members in groups.values():
        if not search(members):
            return None
    settlement = {k: assignment.get(k, domains[k][0]) for k in problem.domains}
    used = []
    for _, issue, allowed, widen in checks:
        if settlement[issue] not in allowed:
            for t in widen:
                if settlement[issue] in t.allowed[issue] and all(
                    settlement[x.issue.key] in x for x in t.requires
                ):
                    used.append(t)
                    break
    return settlement, used


def _minimal(problem: _Problem, units: list[Demand]) -> list[Demand]:
    """A minimal blocking subset of ``units`` (which admit no settlement).

    Where the demands on one issue already exclude each other, the search stays on that issue
    (the earliest in report order); otherwise every demand is tried. Demands are dropped from
    the last one back, so what is left leans to the issues reports show first.
    """
    rank = {k: i for i, k in enumerate(problem.domains)}
    widened = {(t.position, k) for t in problem.terms for k in t.allowed}
    on_issue: dict[str, list[Demand]] = {}
    for u in units:
        if (u.position, u.issue) not in widened:
            on_issue.setdefault(u.issue, []).append(u)
    candidates = units
    for issue in sorted(on_issue, key=lambda k: rank.get(k, len(rank))):
        ds = on_issue[issue]
        joint: Constraint | None = None
        per_variant_ok = len({d.variant for d in ds if d.variant is not None}) <= 1
        for d in ds:
            joint = d.allowed if joint is None else joint & d.allowed
        if (
            per_variant_ok
            and joint is not None
            and joint.is_empty()
            and _solve(problem, ds) is None
        ):
            candidates = ds
            break
    kept = list(candidates)
    for u in reversed(list(kept)):
        trial = [x for x in kept if x is not u]
        if _solve(problem, trial) is None:
            kept = trial
    return kept


def _blocking_sets(problem: _Problem, limit: int) -> tuple[list[list[Demand]], bool]:
    """Up to ``limit`` minimal blocking sets, and whether they cover every way the demands
    block: True when dropping one demand of each set found leaves a settlement.

    Each set is minimal. After one is found, its last demand is set aside and the search goes
    on, so each further set is a different one.
    """
    rank = {k: i for i, k in enumerate(problem.domains)}
    order = {p: i for i, p in enumerate(problem.variants)}
    units = sorted(
        problem.demands, key=lambda d: (rank.get(d.issue, len(rank)), order[d.position])
    )
    found: list[list[Demand]] = []
    rest = list(units)
    while True:
        if _solve(problem, rest) is not None:
            return found, True
        if len(found) == limit:
            return found, False
        mus = _minimal(problem, rest)
        found.append(mus)
        last = mus[-1]
        rest = [u for u in rest if u is not last]


def deals(
    *positions: Position,
    reading: Reading | Iterable[str] = "broad",
    without: Iterable[str | Condition] = (),
    limit: int = 10,
) -> Deal:
    """Is there a settlement every position accepts? See the module documentation.

    ``reading``: ``"strict"``, ``"broad"`` or a set of readers' names. ``without`` drops
    what you name — a position by id, the conditions at a locator (``"ID@point 3"``), or
    condition objects — to ask "what if". ``limit`` bounds how many blocking sets are listed.
    """
    if len(positions) < 1:
        raise ValueError("deals() needs at least one position")
    for p in positions:
        if not isinstance(p, Position):
            raise TypeError(f"deals() takes Position objects (got {type(p).__name__})")
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise ValueError(f"limit must be a whole number of at least 1 (got {limit!r})")
    key = reading_key(reading)
    ids = distinct_ids(positions)
    dropped: set[tuple[str, Any]] = set()
    dropped_names: list[str] = []
    kept_positions = list(positions)

    def every(p: Position) -> list[Condition]:
        return [*p.all_conditions, *(c for v in p.variants for c in v.conditions)]

    for item in without:
        if isinstance(item, Condition):
            owners = [p for p in positions if any(c is item or c == item for c in every(p))]
            if not owners:
                raise ValueError(f"no position has the condition {item.describe()!r}")
            for p in owners:
                for c in every(p):
                    if c is item or c == item:
                        dropped.add((p.id, id(c)))
            dropped_names.append(item.describe())
            continue
        if not isinstance(item, str):
            raise TypeError(f"without takes ids, 'ID@locator' or conditions (got {item!r})")
        pid, _, locator = item.partition("@")
        if pid not in ids:
            raise ValueError(f"without names {pid!r}, which is not among the positions")
        if locator:
            owner = positions[ids.index(pid)]
            if not any(c.evidence.locator == locator for c in every(owner)):
                known = "; ".join(sorted({c.evidence.locator for c in every(owner)}))
                raise ValueError(f"{pid} has no condition at {locator!r} (locators: {known})")
            dropped.add((pid, locator))
        else:
            kept_positions = [p for p in kept_positions if p.id != pid]
        dropped_names.append(item)
    ordered = tuple(sorted(kept_positions, key=lambda p: (p.date, p.id)))
    if not ordered:
        raise ValueError("without drops every position: nothing is left to agree")
    problem = _problem(ordered, key, dropped)
    solved = _solve(problem, problem.demands)
    if solved is not None:
        settlement, chosen, used = solved
        acceptance = _acceptance(problem, settlement, chosen, used, ordered)
        # Only the issues someone speaks to (with the variants chosen), and the requirements
        # of the terms relied on: elsewhere any outcome will do, so none is named.
        spoken = {a.issue for a in acceptance if a.how != "silent"}
        spoken |= {x.issue.key for t in used for x in t.requires}
        return Deal(
            positions=ordered,
            reading=key,
            settlement={k: v for k, v in settlement.items() if k in spoken},
            variants=chosen,
            terms=tuple((t.position, t.condition) for t in used),
            acceptance=tuple(a for a in acceptance if a.issue in spoken),
            blocking_sets=(),
            covering=True,
            dropped=tuple(dropped_names),
        )
    sets, covering = _blocking_sets(problem, limit)
    return Deal(
        positions=ordered,
        reading=key,
        settlement=None,
        variants={p.id: None for p in ordered},
        terms=(),
        acceptance=(),
        blocking_sets=tuple(tuple(s) for s in sets),
        covering=covering,
        dropped=tuple(dropped_names),
    )


def _acceptance(
    problem: _Problem,
    settlement: Mapping[str, Value],
    chosen: Mapping[str, str | None],
    used: Sequence[_Term],
    positions: Sequence[Position],
) -> tuple[Acceptance, ...]:
    out = []
    for p in positions:
        for issue in problem.domains:
            ds = [
                d
                for d in problem.demands
                if d.position == p.id
                and d.issue == issue
                and (d.variant is None or d.variant == chosen.get(p.id))
            ]
            if not ds:
                out.append(Acceptance(position=p.id, issue=issue, how="silent"))
                continue
            term = next((t for t in used if t.position == p.id and issue in t.allowed), None)
            if term is not None and not all(settlement[issue] in d.allowed for d in ds):
                out.append(
                    Acceptance(
                        position=p.id, issue=issue, how="term", conditions=(term.condition,)
                    )
                )
            else:
                out.append(
                    Acceptance(
                        position=p.id,
                        issue=issue,
                        how="demand",
                        conditions=tuple(dict.fromkeys(d.condition for d in ds)),
                    )
                )
    return tuple(out)


def _leaves(ds: Sequence[Demand]) -> Constraint:
    """The outcomes demands on one issue leave: a position's demands hold together, but
    those of different variants of one position are alternatives (one variant is chosen)."""
    joint = Constraint.full(ds[0].allowed.issue)
    for pid in dict.fromkeys(d.position for d in ds):
        mine = [d for d in ds if d.position == pid]
        common = joint
        for d in mine:
            if d.variant is None:
                common = common & d.allowed
        variants = dict.fromkeys(d.variant for d in mine if d.variant is not None)
        if not variants:
            joint = common
            continue
        either = Constraint.empty(ds[0].allowed.issue)
        for v in variants:
            one = common
            for d in mine:
                if d.variant == v:
                    one = one & d.allowed
            either = either | one
        joint = either
    return joint


def blocking_chain(
    blocking: Sequence[Demand],
    names: Mapping[str, str],
    codebook: Codebook,
    positions: Sequence[Position],
    *,
    demands: bool = True,
) -> list[str]:
    """Sentences that show why a blocking set admits no settlement: each demand (unless
    ``demands=False``), then where they meet — an issue left with no outcome, or the codebook
    rules that link the issues, and conditional terms that cannot help."""
    out = [d.describe(names[d.position]) + "." for d in blocking] if demands else []
    direct = False
    by_issue: dict[str, list[Demand]] = {}
    for d in blocking:
        by_issue.setdefault(d.issue, []).append(d)
    for issue in codebook.sort_keys(by_issue):
        ds = by_issue[issue]
        joint = _leaves(ds)
        title = codebook[issue].title
        if joint.is_empty():
            # always several positions: one position's demands leave an outcome with each of
            # its variants (a variant that contradicts itself is refused when it is built)
            direct = True
            who = " and ".join(dict.fromkeys(names[d.position] for d in ds))
            out.append(f"On “{title}”, no outcome meets what {who} demand.")
        elif len(by_issue) > 1:
            out.append(f"On “{title}”, the demands leave {joint}.")
    linked = (
        []
        if direct
        else [
            imp
            for imp in codebook.all_implications()
            if imp.when.issue in by_issue or imp.then.issue in by_issue
        ]
    )
    for imp in linked:
        out.append(f"The codebook's rule applies: {imp.describe(codebook)}.")
    ids = {d.position for d in blocking}
    for p in positions:
        if p.id not in ids:
            continue
        for c in p.all_conditions:
            if c.only_if and any(x.issue.key in by_issue for x in c.constraints(codebook)):
                out.append(
                    f"{names[p.id]}'s conditional term {c.describe()} cannot help: in no "
                    "settlement that meets the other demands do all its requirements hold."
                )
    return out
