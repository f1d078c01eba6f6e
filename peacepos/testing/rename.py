"""Renaming every key of a codebook, and of the positions written in it, consistently.

The law of codebook independence (:func:`peacepos.testing.laws.codebook_independence`) says
that what things are called changes no verdict. :func:`rename` gives the renamed codebook and
positions to check it with: every *word* of every name — issue keys, outcome names, area and
actor keys, kind names, the values of a kind's choices, codebook names, in the codebook, in
those it includes and in the positions — is replaced by a new word, the same new word
everywhere, and the new words sort in the **reverse** order of the old ones, so that anything
that depends on the alphabetical order of names shows up. Parameter names, placeholders
(``{area}``), the flag values ``true`` and ``false``, titles and evidence stay as they are.

Python kinds hold names in code, which cannot be renamed: a condition of a typed kind (built
in or a plugin) is restated as the generic ``outcomes`` / ``range`` conditions that accept
exactly what it compiles to, with its evidence; a condition of a declared kind stays one, of
the renamed kind. A stage's sequencing constraint is restated the same way, so renamed
positions need no fixed sequence keys.

>>> import peacepos
>>> china = peacepos.corpus.load("china-2023-02-24")
>>> russia = peacepos.corpus.load("russia-2023-02-24")
>>> words = renaming(china.codebook)
>>> book, (c, r) = rename(china.codebook, china, russia, words=words)
>>> book.name, rename_key("territory/crimea/recognition", words)
('w0060-w0021', 'w0031/w0209/w0077')
>>> key = "territory/crimea/recognition"
>>> before = peacepos.compare(china, russia, reading="broad").finding(key)
>>> after = peacepos.compare(c, r, reading="broad").finding("w0031/w0209/w0077")
>>> before.relation is after.relation is peacepos.Relation.CONTESTED  # readers disagree
True
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from peacepos.conditions import Condition, Declared, Stage
from peacepos.constraints import Constraint, IntervalSet, OutcomeSet
from peacepos.kinds import Outcomes, Range
from peacepos.position import Position
from peacepos.vocabulary import (
    FINITE_MAX,
    UNLIMITED,
    Area,
    Codebook,
    Implication,
    Issue,
    IssueTemplate,
    KindSpec,
    NumericIssue,
    Rule,
)

__all__ = [
    "KEEP",
    "Words",
    "rename",
    "rename_codebook",
    "rename_constraint",
    "rename_key",
    "rename_position",
    "renaming",
]

Words = Mapping[str, str]
"""Old word → new word."""

KEEP = frozenset({"true", "false"})
"""Words that keep their name: the values of a flag."""

_WORD = re.compile(r"[a-z0-9]+")
_PLACEHOLDERS = re.compile(r"(\{[^}]*\})")


def rename_key(text: str, words: Words) -> str:
    """``text`` with each word renamed; placeholders such as ``{area}`` stay."""
    parts = _PLACEHOLDERS.split(text)
    return "".join(
        part
        if part.startswith("{")
        else _WORD.sub(lambda m: words.get(m.group(), m.group()), part)
        for part in parts
    )


def _names(codebook: Codebook) -> Iterator[str]:
    """Every name a codebook holds (and those it includes)."""
    yield codebook.name
    for inc in codebook.includes:
        yield from _names(inc)
    for actor in codebook.actors:
        yield actor.key
    for issue in codebook.issues:
        yield issue.key
        yield from getattr(issue, "outcomes", ())
    for area in codebook.areas:
        for a in area.walk():
            yield a.key
            yield a.held_by
    for t in codebook.area_issues:
        yield t.key
        yield from t.outcomes
    for spec in codebook.kinds:
        yield spec.name
        yield spec.bounds
        tables = [spec.narrows]
        for _, values in spec.choices:
            for value, narrows in values:
                yield value
                tables.append(narrows)
        for table in tables:
            for key, outcomes in table:
                yield key
                yield from outcomes
    for imp in codebook.implications:
        for rule in (imp.when, imp.then):
            yield rule.issue
            yield from rule.outcomes
    yield from codebook.order


def renaming(codebook: Codebook) -> dict[str, str]:
    """A new word for every word of ``codebook``'s names, sorting in the reverse order."""
    found: set[str] = set()
    for name in _names(codebook):
        for part in _PLACEHOLDERS.split(name):
            if not part.startswith("{"):
                found.update(_WORD.findall(part))
    ordered = sorted(found - KEEP, reverse=True)
    words = {w: f"w{i:04d}" for i, w in enumerate(ordered)}
    return {**words, **{w: w for w in KEEP}}


def _outcomes(names: Iterable[str], words: Words) -> tuple[str, ...]:
    return tuple(rename_key(o, words) for o in names)


def _pairs(pairs: Iterable[tuple[str, str]], words: Words) -> tuple[tuple[str, str], ...]:
    return tuple((rename_key(o, words), text) for o, text in pairs)


def _groups(
    groups: Iterable[tuple[str, Iterable[str]]], words: Words
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((name, _outcomes(members, words)) for name, members in groups)


def _area(area: Area, words: Words) -> Area:
    return attrs.evolve(
        area,
        key=rename_key(area.key, words),
        held_by=rename_key(area.held_by, words),
        parts=tuple(_area(p, words) for p in area.parts),
    )


def _narrows(
    table: Iterable[tuple[str, Iterable[str]]], words: Words
) -> list[tuple[str, tuple[str, ...]]]:
    return [(rename_key(k, words), _outcomes(outs, words)) for k, outs in table]


def _kind(spec: KindSpec, words: Words) -> KindSpec:
    return attrs.evolve(
        spec,
        name=rename_key(spec.name, words),
        narrows=_narrows(spec.narrows, words),
        choices=[
            (param, [(rename_key(v, words), _narrows(n, words)) for v, n in values])
            for param, values in spec.choices
        ],
        defaults=[(p, rename_key(v, words)) for p, v in spec.defaults],
        bounds=rename_key(spec.bounds, words),
    )


def _rule(rule: Rule, words: Words) -> Rule:
    return attrs.evolve(
        rule, issue=rename_key(rule.issue, words), outcomes=_outcomes(rule.outcomes, words)
    )


def rename_codebook(codebook: Codebook, words: Words) -> Codebook:
    """The codebook (and what it includes) with every name renamed; Python kinds left out."""
    issues: list[Issue | NumericIssue] = []
    for issue in codebook.issues:
        if isinstance(issue, Issue):
            issues.append(
                attrs.evolve(
                    issue,
                    key=rename_key(issue.key, words),
                    outcomes=_outcomes(issue.outcomes, words),
                    labels=_pairs(issue.labels, words),
                    notes=_pairs(issue.notes, words),
                    groups=_groups(issue.groups, words),
                )
            )
        else:
            issues.append(attrs.evolve(issue, key=rename_key(issue.key, words)))
    templates = [
        IssueTemplate(
            key=rename_key(t.key, words),
            title=t.title,
            outcomes=_outcomes(t.outcomes, words),
            description=t.description,
            labels=_pairs(t.labels, words),
            notes=_pairs(t.notes, words),
            groups=_groups(t.groups, words),
        )
        for t in codebook.area_issues
    ]
    return Codebook(
        name=rename_key(codebook.name, words),
        title=codebook.title,
        description=codebook.description,
        includes=tuple(rename_codebook(inc, words) for inc in codebook.includes),
        actors=tuple(attrs.evolve(a, key=rename_key(a.key, words)) for a in codebook.actors),
        issues=issues,
        areas=tuple(_area(a, words) for a in codebook.areas),
        area_issues=templates,
        kinds=tuple(_kind(k, words) for k in codebook.kinds),
        implications=tuple(
            Implication(when=_rule(i.when, words), then=_rule(i.then, words), note=i.note)
            for i in codebook.implications
        ),
        order=typing.cast(Any, [rename_key(e, words) for e in codebook.order]),
    )


def rename_constraint(constraint: Constraint, codebook: Codebook, words: Words) -> Constraint:
    """The same constraint on the renamed issue of the renamed ``codebook``."""
    issue = codebook[rename_key(constraint.issue.key, words)]
    if isinstance(constraint, OutcomeSet):
        assert isinstance(issue, Issue)
        return Constraint.of(issue, *_outcomes(constraint.outcomes, words))
    assert isinstance(constraint, IntervalSet)
    assert isinstance(issue, NumericIssue)
    return IntervalSet.from_bounds(issue, constraint.bounds)


def _restated(
    constraint: Constraint,
    condition: Condition,
    words: Words,
    only_if: tuple[Condition, ...] = (),
) -> Condition:
    key = rename_key(constraint.issue.key, words)
    kept: dict[str, Any] = {
        "evidence": condition.evidence,
        "only_if": only_if,
        "actors": condition.actors,
    }
    if isinstance(constraint, OutcomeSet):
        return Outcomes(
            issue=key, outcomes=frozenset(_outcomes(constraint.outcomes, words)), **kept
        )
    assert isinstance(constraint, IntervalSet)
    issue = constraint.issue
    if len(constraint.bounds) != 1 or constraint.bounds[0][0] == UNLIMITED:
        raise ValueError(
            f"{condition.describe()} accepts {constraint}: not one range, so it cannot be "
            "restated with the generic kinds"
        )
    ((low, high),) = constraint.bounds
    if high == UNLIMITED or (high == FINITE_MAX and issue.maximum is None):
        high = None  # up to the end: an open range (with the no-limit outcome, if any)
    return Range(issue=key, at_least=low, at_most=high, **kept)


def _condition(
    condition: Condition, old: Codebook, new: Codebook, words: Words
) -> list[Condition]:
    only_if = tuple(x for r in condition.only_if for x in _condition(r, old, new, words))
    every = condition.constraints(old)
    own = tuple(condition.compile(old))
    stage = [_restated(c, condition, words, only_if) for c in every[len(own) :]]
    if isinstance(condition, Declared):
        spec = new.kind(rename_key(condition.spec.name, words))
        assert isinstance(spec, KindSpec)
        args = {
            name: (
                frozenset(rename_key(a, words) for a in value)
                if isinstance(value, frozenset)
                else rename_key(value, words)
                if isinstance(value, str)
                else value
            )
            for name, value in condition.args
        }
        made = Declared(
            spec=spec,
            args=args,
            evidence=condition.evidence,
            stage=Stage.SETTLEMENT,
            only_if=only_if,
            actors=condition.actors,
        )
        return [made, *stage]
    return [_restated(c, condition, words, only_if) for c in own] + stage


def _all(
    conditions: Iterable[Condition], old: Codebook, new: Codebook, words: Words
) -> list[Condition]:
    return [x for c in conditions for x in _condition(c, old, new, words)]


def rename_position(position: Position, codebook: Codebook, words: Words) -> Position:
    """``position`` written in the renamed ``codebook`` (see the module's documentation): its
    conditions, variants, the text it amends and the amendments, and the texts it endorses."""
    old = position.codebook
    endorsements = []
    for e in position.endorsements:
        if e.position.codebook != old:
            raise ValueError(
                f"{position.id} endorses {e.position.id}, of another codebook: rename both"
            )
        endorsements.append(attrs.evolve(e, position=rename_position(e.position, codebook, words)))
    base = position.based_on
    return attrs.evolve(
        position,
        codebook=codebook,
        conditions=_all(position.conditions, old, codebook, words),
        endorsements=endorsements,
        variants=[
            attrs.evolve(v, conditions=_all(v.conditions, old, codebook, words))
            for v in position.variants
        ],
        based_on=None if base is None else rename_position(base, codebook, words),
        amendments=[
            attrs.evolve(a, conditions=_all(a.conditions, old, codebook, words))
            for a in position.amendments
        ],
    )


def rename(
    codebook: Codebook, *positions: Position, words: Words | None = None
) -> tuple[Codebook, tuple[Position, ...]]:
    """The codebook and the positions (written in it) with every name renamed: ``words``
    (default: :func:`renaming` of the codebook)."""
    chosen = renaming(codebook) if words is None else words
    book = rename_codebook(codebook, chosen)
    for p in positions:
        if p.codebook != codebook:
            raise ValueError(
                f"{p.id} is written in codebook {p.codebook.name!r}, not {codebook.name!r}"
            )
    return book, tuple(rename_position(p, book, chosen) for p in positions)
