"""The laws every comparison obeys (``docs/laws.md``), as functions for your own tests.

Each function checks one law on the objects it is given and raises :class:`AssertionError`
with a message naming the law, the issue, the reading and what differed. None of them needs
hypothesis: call them on explicit positions, or inside your own ``@given`` test with the
strategies of :mod:`peacepos.testing.strategies`. Oracles are computed by the brute-force
:mod:`peacepos.testing.reference` (plain Python sets and enumeration).

>>> import peacepos
>>> from peacepos.testing import laws
>>> china = peacepos.corpus.load("china-2023-02-24")
>>> russia = peacepos.corpus.load("russia-2023-02-24")
>>> laws.mirror(china, russia)
>>> laws.oracle(china, russia)
>>> laws.round_trip(china, formats=("toml",))

:func:`check_condition_type` runs every law that applies to one condition class, with
generated values (that one needs hypothesis).
"""

from __future__ import annotations

import collections
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import typing
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal, NoReturn

import attrs

from peacepos import corpus
from peacepos.analysis.changes import ChangeKind, changes
from peacepos.analysis.compare import Finding, compare
from peacepos.analysis.deals import Deal
from peacepos.analysis.deals import deals as find_deals
from peacepos.analysis.many import MultiComparison, compare_many
from peacepos.analysis.relation import Relation, relate
from peacepos.conditions import Basis, Condition, Declared, Evidence, Stage
from peacepos.constraints import Constraint, IntervalSet, OutcomeSet
from peacepos.errors import ContradictionError
from peacepos.kinds import BUILTIN, kind_of
from peacepos.library import (
    Library,
    dumps_codebook,
    dumps_position,
    loads_codebook,
    loads_position,
)
from peacepos.position import READINGS, Position, Reading
from peacepos.report import FORMATS, render
from peacepos.testing import reference
from peacepos.testing.rename import rename, rename_constraint, rename_key, renaming
from peacepos.vocabulary import Codebook

__all__ = [
    "check_condition_type",
    "codebook_independence",
    "codebook_round_trip",
    "conflict_iff_empty",
    "deals",
    "determinism",
    "hash_seeds",
    "library_for",
    "lineage",
    "mirror",
    "monotone",
    "n_way",
    "oracle",
    "readers",
    "readings",
    "reflexive",
    "round_trip",
    "set_algebra",
    "stances",
    "terms",
    "variants",
]

ReadingChoice = Literal["strict", "broad", "both"]
_ALL_READINGS: tuple[ReadingChoice, ...] = ("strict", "broad", "both")


def _fail(law: str, message: str) -> NoReturn:
    raise AssertionError(f"law {law!r} does not hold: {message}")


def _readings(reading: Reading | Iterable[str] | None) -> tuple[Any, ...]:
    if reading is None:
        return READINGS
    return (reading if isinstance(reading, str) else frozenset(reading),)


def _name(reading: Any) -> str:
    if isinstance(reading, str):
        return reading
    return "readers: " + ", ".join(sorted(reading)) if reading else "strict"


def _side(c: Constraint | None) -> str:
    return "silent" if c is None else str(c)


def _describe(f: Finding) -> str:
    return (
        f"{f.issue} [{f.reading}]: {f.relation.name} "
        f"(left {_side(f.left)}; right {_side(f.right)})"
    )


# -- mirror, reflexive ---------------------------------------------------------------------


def mirror(left: Position, right: Position) -> None:
    """``compare(b, a)`` is ``compare(a, b)`` seen from the other side: NARROWER↔BROADER,
    ONLY_LEFT↔ONLY_RIGHT, the rest unchanged — under every reading."""
    for reading in _ALL_READINGS:
        ab = compare(left, right, reading=reading)
        ba = compare(right, left, reading=reading)
        expected = [f.mirror() for f in ab.findings]
        got = list(ba.findings)
        if got == expected:
            continue
        for e, g in zip(expected, got, strict=False):
            if e != g:
                _fail(
                    "mirror",
                    f"compare({right.id}, {left.id}) gives {_describe(g)}, expected the mirror "
                    f"of compare({left.id}, {right.id}): {_describe(e)}",
                )
        _fail(
            "mirror",
            f"reading {reading}: {len(got)} findings one way, {len(expected)} the other way",
        )


def reflexive(position: Position) -> None:
    """``compare(p, p)`` has a finding on every issue ``p`` addresses and no other: SAME, with
    ``p``'s own constraint as the common ground (and SAME under its conditional terms), or,
    where ``p``'s readers disagree, CONTESTED with each reader SAME against themself. A
    position that offers variants: so is each variant against itself."""
    for reading in READINGS:
        c = compare(position, position, reading=reading)
        texts: list[tuple[Position, tuple[Finding, ...]]] = []
        if not position.variants:
            texts.append((position, c.findings))
        for vc in c.variants:
            if vc.left_variant == vc.right_variant:
                flat = reference._flat(position, vc.left_variant)
                texts.append((flat, vc.comparison.findings))
        if len(texts) != max(1, len(position.variants)):
            _fail("reflexive", f"{position.id} against itself: variants {c.variants}")
        for text, findings in texts:
            _reflexive(text, findings, reading)
    if not position.variants:
        for f in compare(position, position, reading="both").findings:
            if f.relation not in (Relation.SAME, Relation.CONTESTED) and f.under_terms is None:
                _fail("reflexive", f"{position.id} against itself: {_describe(f)}")


def _reflexive(position: Position, findings: Sequence[Finding], reading: Reading) -> None:
    own = position.stances(reading)
    got = [f.issue for f in findings]
    if got != list(own):
        _fail(
            "reflexive",
            f"{position.id} ({reading}) addresses {list(own)}, the comparison with itself has "
            f"findings on {got}",
        )
    for f in findings:
        mine = own[f.issue]
        if mine.contested:
            ok = f.relation is Relation.CONTESTED and all(
                v.relation is Relation.SAME for v in f.contested if v.left_reader == v.right_reader
            )
        elif mine.constraint is None:  # conditional terms only
            ok = f.under_terms is Relation.SAME
        else:
            ok = f.relation is Relation.SAME and f.common_ground == mine.constraint
        if mine.terms and f.under_terms is not Relation.SAME:
            ok = False
        if not ok:
            _fail("reflexive", f"{position.id} against itself: {_describe(f)}")


# -- set algebra and the brute-force oracle ------------------------------------------------


def set_algebra(a: Constraint, b: Constraint) -> None:
    """Two constraints of one issue behave as plain sets of outcomes: ``&``, ``|``, ``~``,
    ``in``, the subset tests, ``==`` and :func:`peacepos.relate`, checked against
    :mod:`~peacepos.testing.reference` (frozensets over witness points)."""
    if a.issue.key != b.issue.key:
        raise ValueError(f"constraints of different issues: {a.issue.key!r}, {b.issue.key!r}")
    points = reference.universe(a.issue, [a, b])
    everything = frozenset(points)

    def s(c: Constraint) -> frozenset[Any]:
        return reference.to_set(c, points)

    sa, sb = s(a), s(b)
    x: Any = a  # the base class declares only &: | and ~ live on its subclasses
    y: Any = b
    where = f"a = {a!r}, b = {b!r}"
    for name, got, want in (
        ("a & b", s(x & y), sa & sb),
        ("a | b", s(x | y), sa | sb),
        ("~a", s(~x), everything - sa),
        ("~b", s(~y), everything - sb),
        ("~~a", s(~~x), sa),
    ):
        if got != want:
            _fail(
                "set algebra",
                f"{name} is {sorted(got, key=str)}, expected {sorted(want, key=str)} ({where})",
            )
    for name, value, truth in (
        ("a.is_subset(b)", a.is_subset(b), sa <= sb),
        ("a.is_superset(b)", a.is_superset(b), sa >= sb),
        ("a.is_disjoint(b)", a.is_disjoint(b), sa.isdisjoint(sb)),
        ("a.is_empty()", a.is_empty(), not sa),
        ("b.is_empty()", b.is_empty(), not sb),
        ("bool(a)", bool(a), bool(sa)),
        ("a <= b", a <= b, sa <= sb),
        ("a < b", a < b, sa < sb),
        ("a >= b", a >= b, sa >= sb),
        ("a > b", a > b, sa > sb),
        ("a == b", a == b, sa == sb),
        ("a.is_full()", a.is_full(), sa == everything),
    ):
        if value != truth:
            _fail("set algebra", f"{name} is {value}, plain sets say {truth} ({where})")
    if a == b and hash(a) != hash(b):
        _fail("set algebra", f"equal constraints with different hashes ({where})")
    want_rel = reference.relation(sa, sb)
    got_rel = relate(a, b)
    if got_rel is not want_rel:
        _fail("set algebra", f"relate(a, b) is {got_rel.name}, expected {want_rel.name} ({where})")
    if isinstance(a, OutcomeSet) and (frozenset(a) != sa or len(a) != len(sa)):
        _fail(
            "set algebra",
            f"iterating a gives {sorted(a)}, expected {sorted(sa, key=str)} ({where})",
        )
    if isinstance(a, IntervalSet) and a.bounds and a.bounds[-1][1] is not None:
        size = sum(hi - lo + 1 for lo, hi in a.bounds if hi is not None)
    else:
        size = None  # no upper end: nothing to iterate
    if isinstance(a, IntervalSet) and size is not None and size <= 10_000:  # (not 10**15)
        listed = frozenset(p for p in a if p in everything)
        if listed != sa:
            _fail("set algebra", f"iterating a gives {sorted(listed)} ({where})")


def stances(position: Position, *, reading: Reading | Iterable[str] | None = None) -> None:
    """A position's stances are what brute force says: per reading (strict, broad, or the
    one given), the issues it accepts something on unconditionally (in report order) and on
    each the outcomes it accepts — its conditions' constraints intersected (an amended text's
    as amended, an endorsed text's as IMPLIED), a declared kind's read from its declaration,
    and the codebook's implications applied by enumerating every combination of outcomes
    they link."""
    pts = reference.points([position])
    for r in _readings(reading):
        try:
            want = reference.stances(position, r, pts)
        except reference.Contradiction as exc:
            _fail(
                "stances", f"{position.id} was built, yet brute force finds a contradiction: {exc}"
            )
        got = position.constraints(r)
        order = reference.report_order(position.codebook, want)
        if list(got) != order:
            _fail(
                "stances",
                f"{position.id} ({_name(r)}) addresses {list(got)}, brute force says {order}",
            )
        for key, constraint in got.items():
            mine = reference.to_set(constraint, pts[key])
            if mine != want[key]:
                _fail(
                    "stances",
                    f"{position.id} ({_name(r)}) accepts {constraint} on {key}; brute force "
                    f"says {sorted(want[key], key=str)}",
                )


def _plain(c: Constraint | None, pts: Sequence[Any]) -> frozenset[Any] | None:
    return None if c is None else reference.to_set(c, pts)


def _check_finding(law: str, f: Finding, v: reference.Verdict) -> None:
    """One finding against the reference's verdict: relation, sides, common ground, each
    reader's verdict where readers disagree, and under conditional terms the sides, the
    relation and the requirements' states."""
    pts = v.points
    if f.relation is not v.relation:
        _fail(law, f"{_describe(f)}; brute force says {v.relation.name}")
    for side, constraint, truth in (("left", f.left, v.left), ("right", f.right, v.right)):
        if _plain(constraint, pts) != truth:
            _fail(law, f"{_describe(f)}: {side} side differs from {truth}")
    if _plain(f.common_ground, pts) != v.common_ground:
        _fail(law, f"{_describe(f)}: common ground {f.common_ground}, expected {v.common_ground}")
    verdicts = {(x.left_reader, x.right_reader, x.relation) for x in f.contested}
    if verdicts != v.contested or len(verdicts) != len(f.contested):
        _fail(
            law,
            f"{_describe(f)}: readers' verdicts {sorted(map(str, verdicts))}, expected "
            f"{sorted(map(str, v.contested))}",
        )
    if f.conditional != v.conditional:
        _fail(law, f"{_describe(f)}: conditional terms {f.conditional}, expected {v.conditional}")
    if v.conditional:
        for side, constraint, truth in (
            ("left", f.left_under_terms, v.left_under_terms),
            ("right", f.right_under_terms, v.right_under_terms),
        ):
            if _plain(constraint, pts) != truth:
                _fail(
                    law, f"{_describe(f)}: {side} side under terms {constraint}, expected {truth}"
                )
        if f.under_terms is not v.under_terms:
            _fail(law, f"{_describe(f)}: under terms {f.under_terms}, expected {v.under_terms}")
    states = sorted((r.side, r.state) for r in f.requirements)
    if states != list(v.requirements):
        _fail(law, f"{_describe(f)}: requirements {states}, expected {list(v.requirements)}")


def oracle(
    left: Position, right: Position, *, reading: Reading | Iterable[str] | None = None
) -> None:
    """The findings of ``compare(left, right)`` are what brute-force set algebra says: each
    position's stances (:func:`stances`), the same issues in report order, each with the
    reference's relation, sides and common ground, readers' verdicts where readers disagree,
    and under conditional terms the sides, relation and requirement states; and, without
    ``reading``, the rows of the comparison of both readings (which issues appear once, which
    twice, which are flagged). Positions that offer variants: see :func:`variants`."""
    if left.variants or right.variants:
        raise ValueError("oracle compares positions without variants: see laws.variants")
    for p in (left, right):
        stances(p)
    for r in _readings(reading):
        want = reference.compare(left, right, r)
        found = compare(left, right, reading=r).findings
        keys = [f.issue for f in found]
        if keys != list(want):
            _fail("oracle", f"{_name(r)}: findings on {keys}, expected {list(want)}")
        for f in found:
            _check_finding("oracle", f, want[f.issue])
    if reading is None:
        rows = [
            (f.issue, f.reading, f.relation, f.reading_dependent)
            for f in compare(left, right).findings
        ]
        expected = reference.compare_both(left, right)
        if rows != expected:
            for got_row, want_row in zip(rows, expected, strict=False):
                if got_row != want_row:
                    _fail("oracle", f"reading both: a row {got_row}, expected {want_row}")
            _fail("oracle", f"reading both: {len(rows)} rows, expected {len(expected)}")


def conflict_iff_empty(left: Position, right: Position) -> None:
    """CONFLICT exactly when the common ground is empty; every overlap has a non-empty common
    ground; a one-sided finding has none — under every reading. (Where only conditional terms
    speak on both sides, the sides under the terms; a CONTESTED finding has each reader's
    verdict instead.)"""
    for reading in _ALL_READINGS:
        c = compare(left, right, reading=reading)
        for f in c.findings:
            if f.relation is Relation.CONTESTED:
                continue
            cg = f.common_ground
            both_terms = f.left_under_terms is not None and f.right_under_terms is not None
            if f.left is None and f.right is None and both_terms:  # only terms on both sides
                assert f.left_under_terms is not None
                assert f.right_under_terms is not None
                cg = f.left_under_terms & f.right_under_terms
            if f.relation.group == "one-sided":
                ok = cg is None
            elif f.relation is Relation.CONFLICT:
                ok = cg is not None and cg.is_empty()
            else:
                ok = cg is not None and not cg.is_empty()
            if not ok:
                _fail("conflict iff empty", f"{_describe(f)} with common ground {cg}")
        groups = len(c.overlaps) + len(c.conflicts) + len(c.one_sided) + len(c.contested)
        if groups != len(c.findings):
            _fail("conflict iff empty", f"{reading}: the groups do not partition the findings")


# -- monotone, readings --------------------------------------------------------------------


def monotone(position: Position, other: Position, extra: Condition | Iterable[Condition]) -> None:
    """Adding unconditional conditions to ``position`` never turns a CONFLICT with ``other``
    into an overlap, and never widens a constraint or a common ground; adding conditional
    terms leaves every unconditional finding as it was (so never turns an overlap into a
    conflict). (If the additions make ``position`` contradict itself there is nothing to
    check; where they make its readers disagree, only what its text says counts there, which
    may be wider: such readings are left out.)"""
    added = (extra,) if isinstance(extra, Condition) else tuple(extra)
    try:
        larger = attrs.evolve(position, conditions=(*position.conditions, *added))
    except ContradictionError:
        return
    pts = reference.points([position, larger, other])

    def plain(c: Constraint | None, key: str) -> frozenset[Any] | None:
        return None if c is None else reference.to_set(c, pts[key])

    terms_only = all(c.only_if for c in added)
    for reading in READINGS:
        if larger.contested(reading) and not position.contested(reading):
            continue
        for key, mine in position.constraints(reading).items():
            now = larger.constraint(key, reading)
            was, became = plain(mine, key), plain(now, key)
            if was is None or became is None or not became <= was:
                _fail("monotone", f"{key} [{reading}]: {mine} became {_side(now)}")
            if terms_only and became != was:
                _fail("monotone", f"{key} [{reading}]: a conditional term changed {mine}")
        before = {f.issue: f for f in compare(position, other, reading=reading).findings}
        after = {f.issue: f for f in compare(larger, other, reading=reading).findings}
        for key, f in before.items():
            g = after[key]
            if f.relation is Relation.CONFLICT and g.relation.group == "overlap":
                _fail("monotone", f"a CONFLICT became {_describe(g)} after adding {added}")
            if terms_only and f.relation.group == "overlap" and g.relation is Relation.CONFLICT:
                _fail("monotone", f"an overlap became {_describe(g)} after adding a term")
            was, became = plain(f.common_ground, key), plain(g.common_ground, key)
            if was is not None and became is not None and not became <= was:
                _fail(
                    "monotone",
                    f"{key} [{reading}]: common ground widened from {f.common_ground} to "
                    f"{g.common_ground}",
                )


def _implied_issues(position: Position, other: Position) -> set[str]:
    """The issues IMPLIED conditions of ``position`` speak to, directly or through the
    codebook's implications (a group of linked issues is read together), those where a
    conditional term of ``other`` requires something of them, and those of ``position``'s
    terms with a requirement a reader infers (it counts only in that reader's readings)."""
    codebook = position.codebook
    out = {
        key
        for condition in position.all_conditions
        if condition.basis is Basis.IMPLIED
        for part in (condition, *condition.only_if)
        for key, _ in reference.pieces(part, codebook)
    }
    groups = reference.implication_groups(codebook)
    size = -1
    while size != len(out):
        size = len(out)
        for group in groups:
            if group & out:
                out |= group
        for imp in codebook.all_implications():
            if imp.when.issue in out:
                out.add(imp.then.issue)
    for c in other.all_conditions:
        needs = {k for r in c.only_if for k, _ in reference.pieces(r, codebook)}
        if needs & out:
            out |= {k for k, _ in reference.pieces(c, codebook)}
    for c in position.all_conditions:  # a term one of whose requirements a reader infers
        if any(r.basis is Basis.IMPLIED for r in c.only_if):
            out |= {k for k, _ in reference.pieces(c, codebook)}
    return out


def readings(left: Position, right: Position) -> None:
    """Issues with no IMPLIED condition on either side (directly or through an implication)
    get the same finding under both readings, shown once (``reading="both"``, not flagged);
    and no strict constraint is narrower than the broad one (reading more only narrows)."""
    pts = reference.points([left, right])
    for p in (left, right):
        broad, strict = p.constraints("broad"), p.constraints("strict")
        for key, s in strict.items():
            b = broad.get(key)
            if b is None or not reference.to_set(b, pts[key]) <= reference.to_set(s, pts[key]):
                _fail(
                    "readings",
                    f"{p.id} accepts {s} on {key} under the strict reading and "
                    f"{_side(b)} under the broad one: the strict reading must not be narrower",
                )
    implied = _implied_issues(left, right) | _implied_issues(right, left)
    strict_f = {f.issue: f for f in compare(left, right, reading="strict").findings}
    broad_f = {f.issue: f for f in compare(left, right, reading="broad").findings}
    both = compare(left, right, reading="both").findings
    for key in sorted((set(strict_f) | set(broad_f)) - implied):
        sf, bf = strict_f.get(key), broad_f.get(key)
        if (
            sf is None
            or bf is None
            or (sf.relation, sf.left, sf.right) != (bf.relation, bf.left, bf.right)
        ):
            _fail(
                "readings",
                f"{key} has no IMPLIED condition, yet strict gives "
                f"{'nothing' if sf is None else _describe(sf)} and broad gives "
                f"{'nothing' if bf is None else _describe(bf)}",
            )
        rows = [f for f in both if f.issue == key]
        if len(rows) != 1 or rows[0].reading != "both" or rows[0].reading_dependent:
            _fail("readings", f"{key} is shown as reading-dependent: {rows}")


# -- N-way ---------------------------------------------------------------------------------


def n_way(*positions: Position, reading: Reading | None = None) -> None:
    """For N positions: the joint common ground is the brute-force intersection and lies
    within every pairwise common ground; blocking issues, conflicting pairs, coalitions and
    the pairwise matrix match brute force; and the result ignores the input order. Brute
    force tries every subset of the positions for coalitions: a dozen or so at most."""
    if len(positions) < 2:
        raise ValueError("n_way needs two or more positions")
    for r in _readings(reading):
        m = compare_many(*positions, reading=r)
        _n_way_oracle(m, r)
        for other in _orders(positions):
            again = compare_many(*other, reading=r)
            if again != m:
                _fail(
                    "n-way order",
                    f"{r}: the result for {[p.id for p in other]} differs from "
                    f"{[p.id for p in positions]}",
                )
            if again.render("plain") != m.render("plain"):
                _fail("n-way order", f"{r}: the table depends on the input order")


def _orders(positions: Sequence[Position]) -> list[list[Position]]:
    items = list(positions)
    return [items[::-1], items[1:] + items[:1]]


def _n_way_oracle(m: MultiComparison, reading: Reading) -> None:
    ordered = m.positions
    want = reference.compare_many(ordered, reading)
    got_issues = [a.issue for a in m.agreements]
    if got_issues != list(want):
        _fail("n-way", f"issues {got_issues}, expected {list(want)}")
    by_id = {p.id: p for p in ordered}
    pairwise: dict[tuple[str, str], dict[str, Finding]] = {}  # compared once per pair
    for a in m.agreements:
        w = want[a.issue]
        mine = reference.to_set(a.common_ground, w.points)
        if mine != w.common_ground:
            _fail(
                "n-way",
                f"{a.issue}: joint common ground {a.common_ground}, expected "
                f"{sorted(w.common_ground, key=str)}",
            )
        if a.blocking != (not w.common_ground):
            _fail("n-way", f"{a.issue}: blocking is {a.blocking} with joint {a.common_ground}")
        if a.addressed_by != w.addressed_by or a.silent != w.silent:
            _fail("n-way", f"{a.issue}: addressed by {a.addressed_by}, silent {a.silent}")
        for i, p in enumerate(a.addressed_by):
            for q in a.addressed_by[i + 1 :]:
                if by_id[p].variants or by_id[q].variants:
                    continue  # compare() takes the closest pair of variants; N-way, the text
                if (p, q) not in pairwise:
                    pairwise[p, q] = {f.issue: f for f in m.pair(p, q).findings}
                pc = pairwise[p, q][a.issue].common_ground
                if pc is None or not mine <= reference.to_set(pc, w.points):
                    _fail(
                        "n-way ⊆ pairwise",
                        f"{a.issue}: joint {a.common_ground} is not within the common ground "
                        f"of {p} and {q} ({_side(pc)})",
                    )
        if a.conflicting_pairs != w.conflicting_pairs:
            _fail(
                "n-way",
                f"{a.issue}: conflicting pairs {a.conflicting_pairs}, expected "
                f"{w.conflicting_pairs}",
            )
        got = {frozenset(g) for g in a.coalitions}
        if got != w.coalitions or len(got) != len(a.coalitions):
            _fail(
                "n-way",
                f"{a.issue}: coalitions {a.coalitions}, expected "
                f"{sorted(sorted(g) for g in w.coalitions)}",
            )
    want_matrix = reference.matrix(ordered, reading)
    got_matrix = m.matrix()
    if got_matrix != want_matrix:
        for pair in want_matrix:
            if got_matrix.get(pair) != want_matrix[pair]:
                _fail(
                    "n-way", f"matrix {pair}: {got_matrix.get(pair)}, expected {want_matrix[pair]}"
                )
        _fail("n-way", f"matrix has pairs {sorted(got_matrix)}, expected {sorted(want_matrix)}")


# -- readers, conditional terms, variants, lineage, deals -----------------------------------


def _reader_readings(position: Position) -> list[Any]:
    names = position.readers()
    out: list[Any] = ["strict", "broad"]
    out += [frozenset({n}) for n in names]
    if len(names) <= 4:
        out += [frozenset(pair) for pair in itertools.combinations(names, 2)]
    if len(names) > 2:
        out.append(frozenset(names))
    return out


def readers(
    position: Position, *, readings: Iterable[Reading | Iterable[str]] | None = None
) -> None:
    """A reading of a set of readers is the EXPLICIT conditions merged with exactly those
    readers' IMPLIED ones (the codebook's implications applied); where those contradict each
    other, the issues where the chosen readers have nothing in common are contested — each
    reader's stance is what brute force gives the EXPLICIT conditions and that reader's, and
    only what the text says counts — and every other issue gets what all of them accept.
    Checked for strict, broad, each reader alone, each pair of them and all of them (or the
    ``readings`` given); conditional terms too."""
    pts = reference.points([position])
    chosen = _reader_readings(position) if readings is None else list(readings)
    for r in chosen:
        name = _name(r if isinstance(r, str) else frozenset(r))
        try:
            want = reference.read(position, r, pts)
        except reference.Contradiction as exc:
            try:
                position.stances(r)
            except ContradictionError:
                continue
            _fail("readers", f"{position.id} ({name}) reads fine, brute force says: {exc}")
        try:
            got = position.stances(r)
        except ContradictionError as exc:
            _fail("readers", f"{position.id} ({name}): {exc}; brute force reads it")
        if list(got) != list(want):
            _fail(
                "readers", f"{position.id} ({name}) addresses {list(got)}, expected {list(want)}"
            )
        for key, st in got.items():
            w = want[key]
            here = pts[key]
            mine = (
                _plain(st.constraint, here),
                tuple((x.reader, _plain(x.constraint, here)) for x in st.contested),
                tuple(_plain(t.constraint, here) for t in st.terms),
            )
            if mine != (w.accepted, w.contested, w.terms):
                _fail(
                    "readers",
                    f"{position.id} ({name}) on {key}: accepts {_side(st.constraint)}, readers "
                    f"{[(x.reader, str(x.constraint)) for x in st.contested]}, terms "
                    f"{[str(t.constraint) for t in st.terms]}; brute force says {w}",
                )
        contested = tuple(k for k, w in want.items() if w.contested)
        if position.contested(r) != contested:
            _fail(
                "readers",
                f"{position.id} ({name}): contested {position.contested(r)}, expected {contested}",
            )


def _without_terms(position: Position) -> Position:
    return Position(
        id=position.id,
        title=position.title,
        actors=position.actors,
        date=position.date,
        codebook=position.codebook,
        conditions=[c for c in reference.own_conditions(position) if not c.only_if],
        endorsements=position.endorsements,
    )


def terms(
    left: Position, right: Position, *, reading: Reading | Iterable[str] | None = None
) -> None:
    """Conditional terms: where they speak, a finding's sides and relation under the terms and
    the state of each requirement against the other side (met: it accepts something the
    requirement asks; open: it is silent there; refused: it rules it out) are what brute force
    says; the unconditional relation is the one without the terms; and a term widens what its
    party accepts only where its requirements are met — a settlement that relies on one meets
    every requirement of it."""
    if left.variants or right.variants:
        raise ValueError("terms compares positions without variants: see laws.variants")
    for r in _readings(reading):
        want = reference.compare(left, right, r)
        found = compare(left, right, reading=r).findings
        for f in found:
            if f.conditional or want[f.issue].conditional:
                _check_finding("terms", f, want[f.issue])
        bare = {
            f.issue: f
            for f in compare(_without_terms(left), _without_terms(right), reading=r).findings
        }
        for f in found:
            g = bare.get(f.issue)
            if g is None:
                if f.left is not None or f.right is not None or f.contested:
                    _fail("terms", f"{_describe(f)} appears only with the terms")
                continue
            if (f.relation, f.left, f.right) != (g.relation, g.left, g.right):
                _fail("terms", f"{_describe(f)}; without the terms {_describe(g)}")
        deal = find_deals(left, right, reading=r)
        if deal.settlement is not None:
            _used_terms_are_met(deal)


def _used_terms_are_met(deal: Deal) -> None:
    assert deal.settlement is not None
    codebook = deal.codebook
    for pid, c in deal.terms:
        for requirement in c.only_if:
            if not reference.counts(requirement, deal.reading):
                continue  # a reader's inference, outside this reading
            for x in requirement.constraints(codebook):
                value = deal.settlement.get(x.issue.key)
                if value not in x:
                    _fail(
                        "terms",
                        f"the settlement relies on {pid}'s term {c.describe()}, yet "
                        f"{x.issue.key} is {value!r}, not {x}",
                    )


def variants(
    left: Position, right: Position, *, reading: Literal["strict", "broad", "both"] = "both"
) -> None:
    """Variants: a comparison of positions that offer variants compares every pair (left's
    variants in order, then right's), and each pair's comparison equals comparing the two
    flattened texts (the common conditions with the variant's); its findings are those of the
    closest pair — fewest issues of substance in conflict, then most with common ground, then
    the first — as brute force picks it; a position that offers none compares as itself."""
    c = compare(left, right, reading=reading)
    lnames: list[str | None] = [v.name for v in left.variants] or [None]
    rnames: list[str | None] = [v.name for v in right.variants] or [None]
    if not left.variants and not right.variants:
        if c.variants or c.closest is not None:
            _fail("variants", f"{left.id} and {right.id} offer no variants, yet {c.variants}")
        return
    pairs = list(itertools.product(lnames, rnames))
    got = [(v.left_variant, v.right_variant) for v in c.variants]
    if got != pairs:
        _fail("variants", f"pairs {got}, expected {pairs}")
    for vc, (lv, rv) in zip(c.variants, pairs, strict=True):
        a, b = reference._flat(left, lv), reference._flat(right, rv)
        flat = compare(a, b, reading=reading)
        if list(vc.comparison.findings) != list(flat.findings):
            _fail("variants", f"variants {lv} / {rv} compare otherwise than the flat texts")
        for r in READINGS if reading == "both" else (reading,):
            want = reference.compare(a, b, r)
            for f in compare(a, b, reading=r).findings:
                _check_finding("variants", f, want[f.issue])
    best = reference.closest(left, right, reading)
    closest = c.closest
    assert closest is not None
    if (closest.left_variant, closest.right_variant) != best:
        _fail(
            "variants",
            f"closest pair {(closest.left_variant, closest.right_variant)} "
            f"({closest.conflicts} conflicts, {closest.overlaps} overlaps), "
            f"brute force says {best}",
        )
    if c.findings != closest.comparison.findings:
        _fail("variants", "the findings are not those of the closest pair")


def lineage(position: Position) -> None:
    """Lineage: an amended text states what its base states with the amendments applied in
    order, locator by locator (the conditions at a deleted or replaced locator gone, new ones
    added), then its own conditions; its stances are what brute force computes from them;
    ``changes(base, text)`` is what brute force says; and an empty amendment changes nothing
    (a text based on this one that states nothing of its own reads like it), nor does
    ``changes(p, p)``."""
    want = collections.Counter((c, c.evidence) for c in reference.own_conditions(position))
    got = collections.Counter((c, c.evidence) for c in position.own_conditions)
    if want != got:
        _fail(
            "lineage",
            f"{position.id} states {[c.describe() for c in position.own_conditions]}, expected "
            f"{[c.describe() for c, _ in want.elements()]}",
        )
    stances(position)
    for r in READINGS:
        unchanged = changes(position, position, reading=r, related_only=False)
        moved = [ch.issue for ch in unchanged if ch.kind is not ChangeKind.UNCHANGED]
        if moved:
            _fail("lineage", f"changes({position.id}, {position.id}) ({r}) changes {moved}")
        base = position.based_on
        if base is not None and base.date <= position.date:
            found = {ch.issue: ch.kind for ch in changes(base, position, reading=r)}
            expected = reference.changes(base, position, r)
            if found != expected:
                _fail(
                    "lineage",
                    f"changes({base.id}, {position.id}) ({r}): {found}, expected {expected}",
                )
    same = Position(
        id=f"{position.id}-unchanged",
        title=position.title,
        actors=position.actors,
        date=position.date,
        codebook=position.codebook,
        conditions=(),
        based_on=position,
        amendments=(),
    )
    alone = attrs.evolve(position, endorsements=()) if position.endorsements else position
    for r in READINGS:
        if dict(same.constraints(r)) != dict(alone.constraints(r)):
            _fail("lineage", f"a text based on {position.id} with no amendment reads otherwise")


def _demand_key(d: Any) -> reference.DemandKey:
    return reference.demand_key(d.position, d.variant, d.condition, d.issue)


def deals(
    *positions: Position, reading: Reading | Iterable[str] = "broad", limit: int = 3
) -> None:
    """Deals: a settlement exactly when brute-force enumeration of every settlement finds one;
    a returned settlement is accepted by every position (with the variants it names; checked
    by brute force, which completes it over the issues it leaves open) and meets every
    requirement of each conditional term it relies on; each returned blocking set admits no
    settlement with only its demands (conditional terms and variants kept), and dropping any
    one of them admits one; and where the sets are said to cover every way the demands
    block, dropping one demand of each (the last) admits one. Brute force enumerates: small
    inputs only."""
    if not positions:
        raise ValueError("deals needs at least one position")
    chosen = reading if isinstance(reading, str) else frozenset(reading)
    deal = find_deals(*positions, reading=chosen, limit=limit)
    ordered = list(deal.positions)
    if sorted(p.id for p in ordered) != sorted(p.id for p in positions):
        _fail(
            "deals",
            f"the result is about {[p.id for p in ordered]}, not {[p.id for p in positions]}",
        )
    found = reference.settlements(ordered, chosen, limit=1)
    if deal.exists != bool(found):
        _fail(
            "deals",
            f"{'a settlement' if deal.exists else 'no settlement'} for "
            f"{[p.id for p in ordered]} ({_name(chosen)}), brute force finds "
            f"{found[0].outcomes if found else 'none'}",
        )
    if deal.settlement is not None:
        if not reference.admits(ordered, chosen, deal.settlement, deal.variants):
            _fail(
                "deals",
                f"the settlement {dict(deal.settlement)} is not accepted by every "
                "position (brute force)",
            )
        _used_terms_are_met(deal)
        return
    for blocking in deal.blocking_sets:
        keys = [_demand_key(d) for d in blocking]
        if reference.settlements(ordered, chosen, only=keys, limit=1):
            _fail(
                "deals",
                "a blocking set admits a settlement: "
                f"{[d.describe(d.position) for d in blocking]}",
            )
        for i, d in enumerate(blocking):
            rest = keys[:i] + keys[i + 1 :]
            if not reference.settlements(ordered, chosen, only=rest, limit=1):
                _fail(
                    "deals",
                    f"a blocking set is not minimal: without {d.describe(d.position)}, "
                    "the rest still admits no settlement",
                )
    if deal.covering:
        dropped = {_demand_key(s[-1]) for s in deal.blocking_sets}
        demands = reference.all_demands(ordered, chosen) - dropped
        if not reference.settlements(ordered, chosen, only=demands, limit=1):
            _fail(
                "deals",
                "the blocking sets are said to cover every way the demands block, "
                "yet dropping the last demand of each admits no settlement",
            )


# -- codebook independence -----------------------------------------------------------------


def codebook_independence(*positions: Position) -> None:
    """Renaming every key of the positions' codebook and of the positions consistently
    (:func:`peacepos.testing.rename.rename`: new names that sort in the reverse order)
    changes no verdict: the same findings in the same order — issue, reading, relation,
    reading-dependence, sides and common ground — for every pair and reading; for one
    position, the same stances; for three or more, the same N-way results."""
    if not positions:
        raise ValueError("codebook_independence needs at least one position")
    codebook = positions[0].codebook
    words = renaming(codebook)
    book, renamed = rename(codebook, *positions, words=words)

    def same(c: Constraint | None, d: Constraint | None) -> bool:
        if c is None or d is None:
            return c is d
        return rename_constraint(c, book, words) == d

    def check(what: str, old: Any, new: Any) -> None:
        if old != new:
            _fail("codebook independence", f"{what}: {old} before renaming, {new} after")

    for p, q in zip(positions, renamed, strict=True):
        for reading in READINGS:
            before = {rename_key(k, words): v for k, v in p.constraints(reading).items()}
            after = q.constraints(reading)
            check(f"{p.id} ({reading}) addresses", list(before), list(after))
            for key, c in p.constraints(reading).items():
                if not same(c, after[rename_key(key, words)]):
                    check(f"{p.id} ({reading}) on {key}", c, after[rename_key(key, words)])
    for i in range(len(positions)):
        for j in range(i + 1, len(positions)):
            for choice in _ALL_READINGS:
                old = compare(positions[i], positions[j], reading=choice).findings
                new = compare(renamed[i], renamed[j], reading=choice).findings
                rows = [
                    (rename_key(f.issue, words), f.reading, f.relation, f.reading_dependent)
                    for f in old
                ]
                check(
                    f"compare({positions[i].id}, {positions[j].id}, reading={choice})",
                    rows,
                    [(f.issue, f.reading, f.relation, f.reading_dependent) for f in new],
                )
                for f, g in zip(old, new, strict=True):
                    if not (same(f.left, g.left) and same(f.right, g.right)):
                        _fail("codebook independence", f"{_describe(f)} became {_describe(g)}")
    if len(positions) > 2:
        for reading in READINGS:
            m, n = (
                compare_many(*positions, reading=reading),
                compare_many(*renamed, reading=reading),
            )
            check(
                f"N-way ({reading}) reading-dependent issues",
                [rename_key(k, words) for k in m.reading_dependent],
                list(n.reading_dependent),
            )
            for a, b in zip(m.agreements, n.agreements, strict=True):
                check(
                    f"N-way ({reading}) on {a.issue}",
                    (
                        rename_key(a.issue, words),
                        a.addressed_by,
                        a.silent,
                        a.blocking,
                        a.conflicting_pairs,
                        a.coalitions,
                    ),
                    (
                        b.issue,
                        b.addressed_by,
                        b.silent,
                        b.blocking,
                        b.conflicting_pairs,
                        b.coalitions,
                    ),
                )
                if not same(a.common_ground, b.common_ground):
                    check(
                        f"N-way ({reading}) common ground on {a.issue}",
                        a.common_ground,
                        b.common_ground,
                    )


# -- determinism ---------------------------------------------------------------------------


def _reshuffled(position: Position, rng: random.Random) -> Position:
    """The same position built from its conditions in another order, each set-valued field
    (and a declared kind's set-valued arguments) rebuilt in another insertion order."""

    def shuffled(value: frozenset[Any]) -> frozenset[Any]:
        members = sorted(value, key=repr)
        rng.shuffle(members)
        return frozenset(members)

    items = list(position.conditions)
    rng.shuffle(items)
    rebuilt = []
    for condition in items:
        changes: dict[str, Any] = {}
        for a in attrs.fields(type(condition)):
            value = getattr(condition, a.name)
            if a.init and isinstance(value, frozenset):
                changes[a.alias] = shuffled(value)
        if isinstance(condition, Declared):
            args = [(n, shuffled(v) if isinstance(v, frozenset) else v) for n, v in condition.args]
            rng.shuffle(args)
            changes["args"] = args
        rebuilt.append(attrs.evolve(condition, **changes) if changes else condition)
    return attrs.evolve(position, conditions=rebuilt)


def _result(positions: Sequence[Position]) -> object:
    if len(positions) == 1:
        return positions[0]
    if len(positions) == 2:
        return compare(positions[0], positions[1])
    return compare_many(*positions)


def _render_all(positions: Sequence[Position], formats: Sequence[str]) -> dict[str, str]:
    obj = _result(positions)
    return {fmt: render(obj, fmt) for fmt in formats}


def determinism(
    *positions: Position, formats: Sequence[str] = FORMATS, seeds: Sequence[int] = (0, 1, 2)
) -> None:
    """The same input gives byte-identical tables in every format, whatever the order of the
    conditions (and, for three or more, of the positions) or of the members of set-valued
    fields. One position renders itself, two their comparison, more the N-way result.
    (The hash seed needs other processes: :func:`hash_seeds`.)"""
    if not positions:
        raise ValueError("determinism needs at least one position")
    first = _render_all(positions, formats)
    again = _render_all(positions, formats)
    for fmt in formats:
        if again[fmt] != first[fmt]:
            _fail("determinism", f"rendering {fmt} twice gives two different texts")
    for seed in seeds:
        rng = random.Random(seed)
        shuffled = [_reshuffled(p, rng) for p in positions]
        if len(shuffled) > 2:
            rng.shuffle(shuffled)
        out = _render_all(shuffled, formats)
        for fmt in formats:
            if out[fmt] != first[fmt]:
                _fail("determinism", f"{fmt}: {_first_difference(first[fmt], out[fmt])}")


def _first_difference(a: str, b: str) -> str:
    for i, (x, y) in enumerate(zip(a.splitlines(), b.splitlines(), strict=False)):
        if x != y:
            return f"line {i + 1} differs after reordering: {x!r} vs {y!r}"
    return "the texts differ in length after reordering"


_RENDER = """
import importlib, json, sys
from peacepos.library import Library, read_codebook, read_position
from peacepos.report import render
from peacepos import compare, compare_many
job = json.loads(sys.stdin.read())
lib = Library()
for path in job["codebooks"]:
    lib = lib.with_codebooks(read_codebook(path, library=lib))
for book, module, name in job["kinds"]:
    cls = importlib.import_module(module)
    for part in name.split("."):
        cls = getattr(cls, part)
    lib = lib.with_kinds(book, cls)
ps = [read_position(path, library=lib) for path in job["positions"]]
obj = ps[0] if len(ps) == 1 else compare(*ps) if len(ps) == 2 else compare_many(*ps)
print(json.dumps({fmt: render(obj, fmt) for fmt in job["formats"]}))
"""


def hash_seeds(
    *positions: Position,
    seeds: Sequence[int] = (0, 1, 2),
    formats: Sequence[str] = ("plain", "json"),
) -> None:
    """Tables are byte-identical whatever the hash seed: the positions (and their codebooks)
    are written to files and rendered by fresh processes under each ``PYTHONHASHSEED``, and
    every output must equal this process's. Plugin kinds must be importable by their module
    name. Slow (a process per seed): a few calls per test suite."""
    if not positions:
        raise ValueError("hash_seeds needs at least one position")
    library = library_for(*{id(p.codebook): p.codebook for p in positions}.values())
    want = _render_all(positions, formats)
    with tempfile.TemporaryDirectory() as tmp:
        books = []
        for i, book in enumerate(library.codebooks):
            path = Path(tmp) / f"codebook-{i}.toml"
            path.write_text(dumps_codebook(book), encoding="utf-8")
            books.append(str(path))
        files = []
        for i, p in enumerate(positions):
            path = Path(tmp) / f"position-{i}.toml"
            path.write_text(dumps_position(p, library=library), encoding="utf-8")
            files.append(str(path))
        job = {
            "codebooks": books,
            "positions": files,
            "kinds": [[b, c.__module__, c.__qualname__] for b, c in library.kinds],
            "formats": list(formats),
        }
        for seed in seeds:
            env = {
                **os.environ,
                "PYTHONHASHSEED": str(seed),
                "PYTHONPATH": os.pathsep.join(sys.path),
            }
            done = subprocess.run(
                [sys.executable, "-c", _RENDER],
                input=json.dumps(job),
                capture_output=True,
                text=True,
                env=env,
                timeout=300,
                check=False,
            )
            if done.returncode != 0:
                raise RuntimeError(f"rendering under PYTHONHASHSEED={seed} failed:\n{done.stderr}")
            got = json.loads(done.stdout)
            for fmt in formats:
                if got[fmt] != want[fmt]:
                    _fail(
                        "determinism",
                        f"{fmt} under PYTHONHASHSEED={seed}: "
                        + _first_difference(want[fmt], got[fmt]).replace(
                            "after reordering", "in another process"
                        ),
                    )


# -- round trip ----------------------------------------------------------------------------


def library_for(*codebooks: Codebook) -> Library:
    """A :class:`~peacepos.Library` that resolves ``codebooks`` by name, and what they
    include: built-in codebooks as such, the others as your own, Python kinds (plugins) added
    by name — so that files written in them read back."""
    builtin = set(corpus.codebooks())
    books: dict[str, Codebook] = {}
    kinds: list[tuple[str, type]] = []

    def visit(book: Codebook) -> None:
        for inc in book.includes:
            visit(inc)
        plain = attrs.evolve(book, python_kinds=())
        kinds.extend((book.name, k) for k in book.python_kinds if (book.name, k) not in kinds)
        if book.name in builtin:
            if plain != corpus.codebook(book.name):
                raise ValueError(f"codebook {book.name!r} takes a built-in codebook's name")
            return
        known = books.get(book.name)
        if known is not None and known != plain:
            raise ValueError(f"two different codebooks are named {book.name!r}")
        books[book.name] = plain

    for book in codebooks:
        visit(book)
    return Library(codebooks=tuple(books.values()), kinds=typing.cast(Any, kinds))


def _read_back(
    loads: typing.Callable[..., Any], text: str, fmt: str, lib: Library, what: str
) -> Any:
    """``loads(text)``, or the law's failure naming what could not be read back, and why."""
    try:
        return loads(text, fmt, library=lib, source=f"<{what}.{fmt}>")
    except Exception as exc:
        raise AssertionError(
            f"law 'round trip' does not hold: {what} written as {fmt} cannot be read back: "
            f"{exc}\n{text}"
        ) from exc


def round_trip(
    position: Position,
    formats: Sequence[str] = ("toml", "json"),
    *,
    library: Library | None = None,
) -> None:
    """A position written to its file format and read back (through ``library``, default
    :func:`library_for` its codebook) is equal to itself — and so is each condition's
    evidence, which ``==`` partly leaves out — and writing it again gives the same text."""
    lib = library_for(position.codebook) if library is None else library
    for fmt in formats:
        text = dumps_position(position, fmt, library=lib)
        back: Position = _read_back(loads_position, text, fmt, lib, position.id)
        if back != position:
            diff = [
                a.name
                for a in attrs.fields(Position)
                if a.eq and getattr(back, a.name) != getattr(position, a.name)
            ]
            _fail("round trip", f"{position.id} via {fmt}: fields {diff} differ")
        for mine, theirs in zip(position.all_conditions, back.all_conditions, strict=True):
            if type(mine) is not type(theirs) or mine.evidence != theirs.evidence:
                _fail(
                    "round trip",
                    f"{position.id} via {fmt}: evidence of {mine.describe()} became "
                    f"{theirs.evidence!r}",
                )
        for e1, e2 in zip(position.endorsements, back.endorsements, strict=True):
            if e1.evidence != e2.evidence:
                _fail("round trip", f"{position.id} via {fmt}: endorsement evidence differs")
        if dumps_position(back, fmt, library=lib) != text:
            _fail("round trip", f"{position.id} via {fmt}: writing it again gives other text")


def codebook_round_trip(
    codebook: Codebook,
    formats: Sequence[str] = ("toml", "json"),
    *,
    library: Library | None = None,
) -> None:
    """A codebook written to its file format and read back (its includes resolved through
    ``library``, default :func:`library_for` it) is equal to itself, and writing it again
    gives the same text. Python kinds are not written (a file cannot hold them): they are
    added back with :meth:`~peacepos.Codebook.with_kinds`."""
    lib = library_for(codebook) if library is None else library
    plain = attrs.evolve(codebook, python_kinds=())
    for fmt in formats:
        text = dumps_codebook(plain, fmt)
        back: Codebook = _read_back(loads_codebook, text, fmt, lib, f"codebook {codebook.name}")
        if back.with_kinds(*codebook.python_kinds) != codebook:
            diff = [
                a.name
                for a in attrs.fields(Codebook)
                if a.eq
                and a.name != "python_kinds"
                and getattr(back, a.name) != getattr(plain, a.name)
            ]
            _fail("round trip", f"codebook {codebook.name} via {fmt}: fields {diff} differ")
        if dumps_codebook(back, fmt) != text:
            _fail(
                "round trip",
                f"codebook {codebook.name} via {fmt}: writing it again gives other text",
            )


# -- one condition class -------------------------------------------------------------------


def _compiles(condition: Condition, codebook: Codebook) -> None:
    """A condition compiles, the same way every time, to constraints of the codebook's issues
    that leave each issue some outcome (its implications applied too); of the evidence, only
    the basis and the readers take part in equality."""
    name = condition.describe()
    got = tuple(condition.compile(codebook))
    if not got:
        _fail("compile", f"{name} constrains no issue")
    if tuple(condition.compile(codebook)) != got:
        _fail("compile", f"{name} compiles differently on a second call")
    for c in got:
        if not isinstance(c, Constraint):
            _fail("compile", f"{name} yields {c!r}, not a Constraint")
        key = c.issue.key
        if key not in codebook or codebook[key] != c.issue:
            _fail(
                "compile", f"{name} constrains {key!r}, which is not an issue of {codebook.name!r}"
            )
    try:  # its rule alone: a stage may contradict it (no talks before talks)
        reference.stances_of([attrs.evolve(condition, stage=Stage.SETTLEMENT)], codebook)
    except reference.Contradiction as exc:
        _fail("compile", f"{name} accepts no outcome on its own: {exc}")
    basis = condition.evidence.basis
    elsewhere = attrs.evolve(condition.evidence, document="other", locator="elsewhere", quote="")
    other = attrs.evolve(condition, evidence=elsewhere)
    if other != condition or hash(other) != hash(condition):
        _fail("compile", f"{name}: where the evidence was found takes part in equality")
    flipped = (
        Evidence(
            document="d",
            locator="l",
            basis=Basis.IMPLIED,
            readers=("someone",),
            rationale="read so",
        )
        if basis is Basis.EXPLICIT
        else Evidence(document="d", locator="l")
    )
    if attrs.evolve(condition, evidence=flipped) == condition:
        _fail("compile", f"{name}: the basis (EXPLICIT or IMPLIED) takes no part in equality")
    if kind_of(codebook, type(condition).kind) is not type(condition):
        _fail(
            "compile",
            f"{type(condition).__name__} is not kind {condition.kind!r} of {codebook.name!r}",
        )


def check_condition_type(
    cls: type[Condition],
    codebook: Codebook,
    *,
    strategy: Any = None,
    max_examples: int | None = None,
    settings: Any = None,
) -> None:
    """Run every law that applies to the condition class ``cls`` in ``codebook`` (``cls`` is
    added to it if it is not one of its kinds), on generated values.

    Checks that its values compile deterministically to satisfiable constraints of the
    codebook's issues, with only the evidence's basis and readers in equality; that a position
    made of one is reflexive, agrees with brute force, survives the file round trip (through
    :func:`library_for` the codebook) and renders deterministically; that positions mixing them
    with other conditions on the same issues obey mirror, oracle, conflict ⇔ empty common
    ground, readings, monotone and N-way; and that their constraints obey the set algebra.

    ``strategy`` generates the values (default: ``strategies.conditions(codebook, cls)``, the
    fields inferred from their types). ``settings`` (a :class:`hypothesis.settings`) replaces
    the active profile and ``max_examples`` the number of examples; the deadline is always
    lifted (rendering every format takes time). Call it from a plain test function, not from
    inside another ``@given`` test. Needs hypothesis.
    """
    from hypothesis import assume, given
    from hypothesis import settings as hypothesis_settings
    from hypothesis import strategies as st

    from peacepos.testing import strategies as pst

    if not (
        isinstance(cls, type)
        and issubclass(cls, Condition)
        and cls.kind
        and attrs.has(typing.cast(type, cls))
    ):
        raise TypeError(f"{cls!r} is not a condition class with a kind (@peacepos.kinds.kind)")
    if not isinstance(codebook, Codebook):
        raise TypeError(f"codebook must be a Codebook (got {type(codebook).__name__})")
    book = codebook
    if cls.kind not in BUILTIN and not codebook.has_kind(cls.kind):
        book = codebook.with_kinds(cls)
    elif kind_of(codebook, cls.kind) is not cls:
        raise TypeError(
            f"kind {cls.kind!r} of codebook {codebook.name!r} is another class than {cls!r}"
        )
    values = pst.conditions(book, cls) if strategy is None else strategy
    base = hypothesis_settings() if settings is None else settings
    config = hypothesis_settings(
        base,
        deadline=None,
        max_examples=base.max_examples if max_examples is None else max_examples,
    )

    def position(pid: str, conditions: Sequence[Condition]) -> Position:
        return Position(
            id=pid,
            title=pid,
            actors=(pid,),
            date="2024-01-01",
            codebook=book,
            conditions=conditions,
        )

    @config
    @given(values)
    def values_compile(condition: Condition) -> None:
        _compiles(condition, book)

    @config
    @given(values)
    def one_position(condition: Condition) -> None:
        try:
            p = position("checked", [condition])
        except ContradictionError:
            assume(False)  # e.g. 'without preconditions' staged as a precondition
            return
        stances(p)
        reflexive(p)
        round_trip(p, formats=("toml",))
        determinism(p, seeds=(0,))

    @config
    @given(st.data())
    def positions_obey_laws(data: st.DataObject) -> None:
        first = data.draw(st.lists(values, min_size=1, max_size=3))
        issues = sorted({c.issue.key for x in first for c in x.constraints(book)})
        mixed = st.one_of(values, pst.conditions(book, ["outcomes", "range"], issues=issues))
        try:
            left = position("left", first)
        except ContradictionError:
            assume(False)
            return
        right = data.draw(pst.positions(book, conditions=mixed, max_conditions=3, id="right"))
        mirror(left, right)
        oracle(left, right)
        conflict_iff_empty(left, right)
        readings(left, right)
        monotone(left, right, data.draw(st.lists(mixed, min_size=1, max_size=2)))
        third = data.draw(pst.positions(book, conditions=mixed, max_conditions=3, id="third"))
        n_way(left, right, third)
        determinism(left, right, seeds=(0,))

    @config
    @given(st.data())
    def constraints_are_sets(data: st.DataObject) -> None:
        condition = data.draw(values)
        for c in condition.compile(book):
            other = data.draw(st.one_of(pst.constraints(c.issue), st.sampled_from([c, ~c])))
            set_algebra(c, other)
            set_algebra(other, c)

    for check in (values_compile, one_position, positions_obey_laws, constraints_are_sets):
        check()
