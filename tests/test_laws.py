"""Every law of docs/laws.md as a property test, on the public strategies (we eat our own
cooking), checked against the brute-force reference in peacepos.testing.reference; and for
each law, a deliberately broken engine that the law catches.

Profiles (tests/conftest.py): ``ci`` by default; ``HYPOTHESIS_PROFILE=thorough`` runs ten
times the examples.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import peacepos
from peacepos import Relation
from peacepos.constraints import Constraint
from peacepos.errors import CodebookError
from peacepos.kinds import Outcomes, Range, kind
from peacepos.library import dumps_codebook, dumps_position, loads_codebook
from peacepos.position import Coverage
from peacepos.testing import laws
from peacepos.testing import strategies as pst
from peacepos.vocabulary import Codebook, Implication, Issue, KindSpec, NumericIssue, Rule

RU = peacepos.codebook("russia-ukraine")
CHINA = peacepos.corpus.load("china-2023-02-24")
RUSSIA = peacepos.corpus.load("russia-2023-02-24")
UKRAINE = peacepos.corpus.load("ukraine-2022-11-15")  # in conflict with RUSSIA, both readings
CORPUS = peacepos.corpus.load_all()
# the corpus per peace process: positions of different processes are never compared
PROCESSES: dict[str, list[peacepos.Position]] = {}
for _p in CORPUS:
    PROCESSES.setdefault(_p.codebook.name, []).append(_p)

Pair = tuple[peacepos.Position, peacepos.Position]
# The laws' inputs: pairs in chosen relations (every relation about equally often; in the
# built-in codebook or a generated one, and in a generated one), and pairs drawn
# independently of each other (a third of them), conditional terms included.
PAIRS = st.one_of(
    pst.position_pairs(),
    pst.position_pairs(codebook=pst.codebooks()),
    pst.independent_pairs(terms=True),
)
# Pairs where one side's readers disagree on an issue.
CONTESTED = pst.position_pairs(Relation.CONTESTED, codebook=pst.default_codebooks())
GROUPS = pst.position_groups(min_size=2, max_size=4)


def _share(n: int) -> settings:
    """Settings for a costly test: one n-th of the active profile's examples."""
    return settings(max_examples=max(10, settings.default.max_examples // n))


def _ev(document: str = "doc") -> peacepos.Evidence:
    return peacepos.Evidence(document=document, locator="point 1")


def _position(pid: str, codebook: Codebook, *conditions: peacepos.Condition) -> peacepos.Position:
    return peacepos.Position(
        id=pid,
        title=pid,
        actors=(pid,),
        date="2024-01-01",
        codebook=codebook,
        conditions=conditions,
    )


# -- the inputs reach every relation -------------------------------------------------------


def _shares(counts: dict[Relation, int]) -> dict[str, float]:
    total = sum(counts.get(r, 0) for r in pst.RELATIONS)
    return {r.name: counts.get(r, 0) / total for r in pst.RELATIONS}


def test_the_laws_inputs_reach_every_relation() -> None:
    """Over 200 derandomized pairs of the laws' inputs, each of the seven relations is at least
    5% of the findings in them (comparing both readings); CONTESTED findings come too."""
    counts = pst.relation_counts(PAIRS, examples=200)
    shares = _shares(counts)
    assert sum(counts.get(r, 0) for r in pst.RELATIONS) >= 300
    assert min(shares.values()) >= 0.05, shares
    assert pst.relation_counts(CONTESTED, examples=20)[Relation.CONTESTED] >= 20


# -- set algebra ---------------------------------------------------------------------------


@given(
    pst.issues(pst.codebooks()).flatmap(
        lambda i: st.tuples(pst.constraints(i), pst.constraints(i))
    )
)
def test_set_algebra_against_plain_sets(ab: tuple[Constraint, Constraint]) -> None:
    laws.set_algebra(*ab)


@pytest.mark.parametrize(
    "relation",
    [Relation.SAME, Relation.NARROWER, Relation.BROADER, Relation.OVERLAP, Relation.CONFLICT],
)
@given(data=st.data())
def test_set_algebra_for_each_relation(relation: Relation, data: st.DataObject) -> None:
    issue = data.draw(
        st.sampled_from(
            [
                RU["hostilities"],
                RU["territory/crimea/recognition"],
                RU["military/army-cap/peacetime"],
            ]
        )
    )
    a, b = data.draw(pst.constraint_pairs(issue, relation))
    assert a is not None
    assert b is not None
    assert peacepos.relate(a, b) is relation
    laws.set_algebra(a, b)


def test_set_algebra_refuses_two_issues() -> None:
    a = Constraint.of(RU["talks"], "direct")
    with pytest.raises(ValueError, match="different issues"):
        laws.set_algebra(a, Constraint.of(RU["hostilities"], "end-of-war"))


# -- two positions -------------------------------------------------------------------------


@given(PAIRS)
@example((CHINA, RUSSIA))
def test_mirror(pair: Pair) -> None:
    laws.mirror(*pair)


@given(pst.positions())
@example(CHINA)
@example(RUSSIA)
def test_reflexive(position: peacepos.Position) -> None:
    laws.reflexive(position)


@given(PAIRS)
@example((CHINA, RUSSIA))
def test_oracle(pair: Pair) -> None:
    laws.oracle(*pair)


def test_oracle_on_the_corpus() -> None:
    for p in CORPUS:
        laws.stances(p)
    laws.oracle(CHINA, RUSSIA)
    laws.oracle(CORPUS[0], CORPUS[-1])


@given(PAIRS)
@example((CHINA, RUSSIA))
def test_conflict_iff_empty_common_ground(pair: Pair) -> None:
    laws.conflict_iff_empty(*pair)


@given(PAIRS, st.data())
def test_monotone(pair: Pair, data: st.DataObject) -> None:
    extra = data.draw(st.lists(pst.conditions(pair[0].codebook), min_size=1, max_size=3))
    laws.monotone(pair[0], pair[1], extra)
    laws.monotone(pair[1], pair[0], extra)


@_share(2)
@given(pst.position_pairs(Relation.CONFLICT), st.data())
def test_monotone_keeps_conflicts(pair: Pair, data: st.DataObject) -> None:
    left, right = pair
    extra = data.draw(st.lists(pst.conditions(left.codebook), min_size=1, max_size=3))
    laws.monotone(left, right, extra)


@given(PAIRS)
@example((CHINA, RUSSIA))
def test_readings(pair: Pair) -> None:
    laws.readings(*pair)


@_share(2)
@given(data=st.data())
def test_each_relation_on_purpose(data: st.DataObject) -> None:
    relation = data.draw(st.sampled_from(list(Relation)))  # CONTESTED too
    left, right = data.draw(pst.position_pairs(relation, codebook=pst.default_codebooks()))
    laws.mirror(left, right)
    laws.oracle(left, right)
    laws.conflict_iff_empty(left, right)
    laws.readings(left, right)


# -- implications: what brute-force enumeration says ---------------------------------------

A = Issue(key="a", title="A", outcomes=("a1", "a2", "a3"))
B = Issue(key="b", title="B", outcomes=("b1", "b2"))
CAP = NumericIssue(key="cap", title="Cap", unit="troops")


def _book(*rules: tuple[Rule, Rule]) -> Codebook:
    return Codebook(
        name="test-laws-rules",
        title="Rules",
        issues=(A, B, CAP),
        implications=[Implication(when=w, then=t) for w, t in rules],
    )


def test_stances_follow_one_implication_both_ways() -> None:
    book = _book((Rule(issue="a", outcomes=("a1",)), Rule(issue="cap", at_most=10)))
    forward = _position("p", book, Outcomes(issue="a", outcomes={"a1"}, evidence=_ev()))
    backward = _position("q", book, Range(issue="cap", at_least=20, evidence=_ev()))
    assert str(forward.constraint("cap")) == "≤ 10 troops"
    assert str(backward.constraint("a")) == "a2 or a3"
    laws.stances(forward)
    laws.stances(backward)


def test_stances_follow_implications_together() -> None:
    """CORE-REQUESTS.md 3: two rules between the same issues hold together."""
    book = _book(
        (Rule(issue="a", outcomes=("a1",)), Rule(issue="b", outcomes=("b1",))),
        (Rule(issue="a", outcomes=("a2",)), Rule(issue="b", outcomes=("b1",))),
    )
    p = _position("p", book, Outcomes(issue="a", outcomes={"a1", "a2"}, evidence=_ev()))
    assert str(p.constraint("b")) == "b1"
    laws.stances(p)


def test_a_rule_that_rules_nothing_out_is_refused() -> None:
    """CORE-REQUESTS.md 4: a 'then' that names every outcome would make a position address an
    issue it never spoke to; such a codebook is refused."""
    with pytest.raises(CodebookError, match="rules nothing out"):
        _book((Rule(issue="a", outcomes=("a1",)), Rule(issue="b", outcomes=("b1", "b2"))))


@given(pst.codebooks(includes=st.just(())).flatmap(lambda b: pst.positions(b, max_conditions=3)))
def test_stances_under_generated_implications(position: peacepos.Position) -> None:
    """Generated codebooks link issues by any implications: the same pair twice, cycles, a
    'when' that names every outcome."""
    laws.stances(position)


# -- N positions ---------------------------------------------------------------------------


@_share(2)
@given(GROUPS)
def test_n_way(group: tuple[peacepos.Position, ...]) -> None:
    laws.n_way(*group)


@_share(2)
@given(PAIRS, st.data())
def test_n_way_with_a_chosen_relation(pair: Pair, data: st.DataObject) -> None:
    third = data.draw(pst.positions(pair[0].codebook, id="third"))
    laws.n_way(*pair, third)


def test_n_way_on_the_corpus() -> None:
    assert len(PROCESSES) >= 2
    # (brute force tries every subset for coalitions: groups of at most 12 positions)
    for positions in PROCESSES.values():
        for start in range(0, len(positions), 12):
            group = positions[start : start + 12]
            if len(group) >= 2:
                laws.n_way(*group)


# -- readers, conditional terms, variants, lineage, deals -----------------------------------

WITH_TERMS = [p for p in CORPUS if any(c.only_if for c in p.all_conditions)]
WITH_VARIANTS = [p for p in CORPUS if p.variants]
AMENDED = [p for p in CORPUS if p.based_on is not None]


@given(pst.positions(terms=True))
@example(CHINA)
def test_readers(position: peacepos.Position) -> None:
    laws.readers(position)


def test_readers_on_the_corpus() -> None:
    assert any(p.contested("broad") for p in CORPUS)
    for p in CORPUS:
        laws.readers(p)


@_share(2)
@given(CONTESTED)
def test_the_laws_where_readers_disagree(pair: Pair) -> None:
    left, right = pair
    laws.readers(left)
    laws.readers(right)
    laws.mirror(left, right)
    laws.oracle(left, right)
    laws.conflict_iff_empty(left, right)
    laws.readings(left, right)


@given(pst.independent_pairs(terms=True), st.data())
def test_terms(pair: Pair, data: st.DataObject) -> None:
    laws.terms(*pair)
    laws.oracle(*pair)
    term = data.draw(pst.positions(pair[0].codebook, terms=True, max_conditions=1))
    laws.monotone(pair[0], pair[1], [c for c in term.conditions if c.only_if])


def test_terms_on_the_corpus() -> None:
    assert WITH_TERMS
    for p in WITH_TERMS:
        others = [q for q in CORPUS if q.codebook is p.codebook and not q.variants]
        for q in others[:6]:
            if not p.variants and q is not p:
                laws.terms(p, q)


@st.composite
def _variant_pairs(draw: st.DrawFn) -> Pair:
    left = draw(pst.positions(variants=True, terms=True, id="left"))
    right = draw(pst.positions(left.codebook, variants=True, id="right", max_conditions=3))
    return left, right


@_share(2)
@given(_variant_pairs())
def test_variants(pair: Pair) -> None:
    laws.variants(*pair)
    laws.variants(*pair, reading="broad")
    laws.mirror(*pair)
    laws.reflexive(pair[0])


def test_variants_on_the_corpus() -> None:
    assert WITH_VARIANTS
    for p in WITH_VARIANTS:
        for q in CORPUS:
            if q.codebook is p.codebook and q is not p:
                laws.variants(p, q)
        laws.reflexive(p)


@given(pst.positions(terms=True, variants=True).flatmap(pst.amended))
def test_lineage(position: peacepos.Position) -> None:
    assert position.based_on is not None
    laws.lineage(position)
    laws.lineage(position.based_on)


def test_lineage_on_the_corpus() -> None:
    assert AMENDED
    for p in CORPUS:
        laws.lineage(p)


@st.composite
def _small_groups(draw: st.DrawFn) -> tuple[peacepos.Position, ...]:
    """Two or three positions of a small generated codebook, with conditional terms and
    variants: small enough for brute force to enumerate every settlement."""
    book = draw(pst.codebooks(includes=st.just(()), max_issues=3, areas=False))
    size = draw(st.integers(2, 3))
    return tuple(
        draw(pst.positions(book, max_conditions=3, terms=True, variants=True, id=f"p{i}"))
        for i in range(size)
    )


@_share(2)
@given(_small_groups(), st.sampled_from(["strict", "broad"]))
def test_deals(group: tuple[peacepos.Position, ...], reading: str) -> None:
    laws.deals(*group, reading=reading)  # type: ignore[arg-type]


def test_deals_of_the_corpus_where_brute_force_can() -> None:
    core = peacepos.codebook("core")
    a = _position(
        "a",
        core,
        Outcomes(issue="hostilities", outcomes={"full-ceasefire"}, evidence=_ev()),
        Outcomes(
            issue="hostilities",
            outcomes={"partial-ceasefire"},
            evidence=_ev(),
            only_if=[Outcomes(issue="elections", outcomes={"held"}, evidence=_ev())],
        ),
    )
    b = _position(
        "b", core, Outcomes(issue="hostilities", outcomes={"partial-ceasefire"}, evidence=_ev())
    )
    c = _position("c", core, Outcomes(issue="elections", outcomes={"not-held"}, evidence=_ev()))
    laws.deals(a, b)
    laws.deals(a, b, c)
    assert peacepos.deals(a, b).exists
    assert not peacepos.deals(a, b, c).exists


# -- codebook independence -----------------------------------------------------------------


@_share(2)
@given(st.one_of(PAIRS, GROUPS))
@example((CHINA, RUSSIA))
def test_codebook_independence(positions: tuple[peacepos.Position, ...]) -> None:
    laws.codebook_independence(*positions)


def test_codebook_independence_on_the_corpus() -> None:
    for positions in PROCESSES.values():
        laws.codebook_independence(*positions)


# -- determinism ---------------------------------------------------------------------------


@_share(4)
@given(st.one_of(PAIRS, GROUPS, pst.positions().map(lambda p: (p,))))
def test_determinism(positions: tuple[peacepos.Position, ...]) -> None:
    laws.determinism(*positions)


def test_determinism_with_a_superscript_in_a_locator() -> None:
    """Found by the first edition's thorough profile: '²' is a digit to str.isdigit() but not
    to int(), and sorting locators crashed on it."""
    ev = peacepos.Evidence(document="doc", locator="point ²")
    position = attrs.evolve(
        _position(
            "p",
            RU,
            Range(issue="military/army-cap/peacetime", at_most=0, evidence=ev),
            Outcomes(issue="talks", outcomes={"direct"}, evidence=_ev()),
        ),
        coverage=[Coverage(locator="²", encoded=False)],
    )
    laws.determinism(position)


def test_determinism_of_the_headline_comparison() -> None:
    laws.determinism(CHINA, RUSSIA, seeds=range(5))


def test_determinism_across_hash_seeds() -> None:
    laws.hash_seeds(CHINA, RUSSIA)
    generated = _book((Rule(issue="a", outcomes=("a1",)), Rule(issue="cap", at_most=10)))
    laws.hash_seeds(
        _position("p", generated, Outcomes(issue="a", outcomes={"a1", "a3"}, evidence=_ev())),
        _position("q", generated, Outcomes(issue="a", outcomes={"a1"}, evidence=_ev())),
        _position("r", generated, Range(issue="cap", at_least=5, evidence=_ev())),
    )


# -- round trip ----------------------------------------------------------------------------


@given(pst.positions())
def test_round_trip(position: peacepos.Position) -> None:
    laws.round_trip(position, formats=("toml",))


@pytest.mark.parametrize("position", CORPUS, ids=[p.id for p in CORPUS])
def test_round_trip_of_the_corpus(position: peacepos.Position) -> None:
    laws.round_trip(position, formats=("toml",))


def test_round_trip_in_json() -> None:
    """CORE-REQUESTS.md 1 (fixed): a position written as JSON reads back, date and all."""
    laws.round_trip(CHINA, formats=("json",))


@given(pst.codebooks())
def test_codebook_round_trip(codebook: Codebook) -> None:
    laws.codebook_round_trip(codebook)


@pytest.mark.parametrize("name", peacepos.corpus.codebooks())
def test_codebook_round_trip_of_the_built_in_codebooks(name: str) -> None:
    laws.codebook_round_trip(peacepos.codebook(name))


def test_codebook_round_trip_keeps_the_order_of_choices() -> None:
    """CORE-REQUESTS.md 2 (fixed): a choice's values written partly as sub-tables keep their
    order in TOML."""
    long = tuple(f"outcome-{i}" for i in range(12))
    for values in (
        {"all": {"long": long}, "none": {}},
        {"none": {}, "all": {"long": long}},
        {"none": {}, "all": {"long": long}, "one": {"long": long[:1]}},
    ):
        book = Codebook(
            name="test-laws-choices",
            title="Choices",
            issues=[Issue(key="long", title="Long", outcomes=long)],
            kinds=[KindSpec(name="pick", choices={"mode": values})],
        )
        data = tomllib.loads(dumps_codebook(book))
        assert list(data["kinds"][0]["choices"]["mode"]) == list(values)
        laws.codebook_round_trip(book, formats=("toml",))


def test_library_for_a_generated_codebook_with_a_plugin() -> None:
    book = _book().with_kinds(Unsatisfiable)
    lib = laws.library_for(book)
    assert lib.codebook("test-laws-rules") == book
    with pytest.raises(ValueError, match="built-in"):
        laws.library_for(attrs.evolve(RU, title="Another"))


# -- one condition class at a time ---------------------------------------------------------


@pytest.mark.parametrize(
    "cls",
    [
        peacepos.Ceasefire,  # timing and stage both speak about sequence
        peacepos.TerritorialRecognition,  # a set of area keys
        peacepos.NeutralStatus,  # an implication: non-bloc rules out NATO membership
        Outcomes,  # any finite issue
        Range,  # any numeric issue
    ],
)
def test_check_condition_type(cls: type[peacepos.Condition]) -> None:
    laws.check_condition_type(cls, RU, max_examples=max(5, settings.default.max_examples // 10))


@kind("test-laws-unsatisfiable")
@attrs.frozen(kw_only=True)
class Unsatisfiable(peacepos.Condition):
    """A broken matching rule: it accepts no outcome at all when ``strict`` is set."""

    strict: bool = False

    def compile(self, codebook: Codebook) -> Iterable[Constraint]:
        elections = codebook["elections"]
        assert isinstance(elections, Issue)
        if self.strict:
            yield Constraint.empty(elections)
        else:
            yield Constraint.of(elections, "held")


def test_check_condition_type_catches_a_broken_matching_rule() -> None:
    with pytest.raises(AssertionError, match="no outcome"):
        laws.check_condition_type(Unsatisfiable, RU, max_examples=20)


@kind("ceasefire")
@attrs.frozen(kw_only=True)
class Impostor(peacepos.Condition):
    """Takes the name of a built-in kind."""

    def compile(self, codebook: Codebook) -> Iterable[Constraint]:
        yield from ()


def test_check_condition_type_refuses_another_class_of_that_kind() -> None:
    with pytest.raises(TypeError, match="another class"):
        laws.check_condition_type(Impostor, RU)


# -- the laws can fail: each one catches a deliberately broken engine ----------------------


def _with_findings(
    result: peacepos.Comparison, change: Callable[[peacepos.Finding], peacepos.Finding]
) -> peacepos.Comparison:
    """The comparison with each finding passed through ``change``: a deliberately broken engine."""
    return attrs.evolve(result, findings=[change(f) for f in result.findings])


def _relabel(result: peacepos.Comparison, old: Relation, new: Relation) -> peacepos.Comparison:
    """The comparison with every ``old`` relation reported as ``new``."""
    return _with_findings(
        result, lambda f: attrs.evolve(f, relation=new) if f.relation is old else f
    )


def test_mirror_catches_a_one_sided_relation(monkeypatch: pytest.MonkeyPatch) -> None:
    real = peacepos.compare

    def lopsided(left: peacepos.Position, right: peacepos.Position, **kw: object) -> object:
        result = real(left, right, **kw)  # type: ignore[arg-type]
        if left.id < right.id:
            return result
        return _relabel(result, Relation.NARROWER, Relation.OVERLAP)

    monkeypatch.setattr(laws, "compare", lopsided)
    with pytest.raises(AssertionError, match="mirror"):
        laws.mirror(CHINA, RUSSIA)


def test_oracle_catches_a_wrong_common_ground(monkeypatch: pytest.MonkeyPatch) -> None:
    real = peacepos.compare

    def wrong(left: peacepos.Position, right: peacepos.Position, **kw: object) -> object:
        return _relabel(real(left, right, **kw), Relation.CONFLICT, Relation.SAME)  # type: ignore[arg-type]

    monkeypatch.setattr(laws, "compare", wrong)
    with pytest.raises(AssertionError, match="oracle"):
        laws.oracle(UKRAINE, RUSSIA)
    with pytest.raises(AssertionError, match="conflict iff empty"):
        laws.conflict_iff_empty(UKRAINE, RUSSIA)


def test_stances_catch_forgotten_implications(monkeypatch: pytest.MonkeyPatch) -> None:
    neutral = _position("neutral", RU, peacepos.NeutralStatus(evidence=_ev()))
    assert str(neutral.constraint("alignment/nato")) == "outside NATO (in any form)"
    laws.stances(neutral)
    monkeypatch.setattr("peacepos.position._close", lambda stances, codebook: None)
    forgetful = _position("neutral", RU, peacepos.NeutralStatus(evidence=_ev()))
    with pytest.raises(AssertionError, match="stances"):
        laws.stances(forgetful)


def test_set_algebra_catches_a_wrong_relate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(laws, "relate", lambda a, b: Relation.OVERLAP)
    a = Constraint.of(RU["hostilities"], "end-of-war")
    with pytest.raises(AssertionError, match="set algebra"):
        laws.set_algebra(a, a)


def test_round_trip_catches_lost_evidence(monkeypatch: pytest.MonkeyPatch) -> None:
    def lossy(position: peacepos.Position, format: str = "toml", **kw: object) -> str:
        return dumps_position(position, format, **kw).replace("point 1", "point 2", 1)  # type: ignore[arg-type]

    monkeypatch.setattr(laws, "dumps_position", lossy)
    with pytest.raises(AssertionError, match="round trip"):
        laws.round_trip(CHINA, formats=("toml",))


def test_codebook_round_trip_catches_a_lost_implication(monkeypatch: pytest.MonkeyPatch) -> None:
    def lossy(text: str, format: str = "toml", **kw: object) -> Codebook:
        return attrs.evolve(loads_codebook(text, format, **kw), implications=())  # type: ignore[arg-type]

    monkeypatch.setattr(laws, "loads_codebook", lossy)
    with pytest.raises(AssertionError, match="round trip"):
        laws.codebook_round_trip(RU, formats=("json",))


def test_determinism_catches_order_dependent_output(monkeypatch: pytest.MonkeyPatch) -> None:
    real = laws.render
    calls = iter(range(1000))

    def drifting(obj: object, format: str = "plain") -> str:
        return real(obj, format) + ("" if next(calls) < 7 * 2 else " ")

    monkeypatch.setattr(laws, "render", drifting)
    with pytest.raises(AssertionError, match="determinism"):
        laws.determinism(CHINA, RUSSIA)


def test_readings_catches_a_flag_on_an_explicit_issue(monkeypatch: pytest.MonkeyPatch) -> None:
    real = peacepos.compare

    def flagged(left: peacepos.Position, right: peacepos.Position, **kw: object) -> object:
        result = real(left, right, **kw)  # type: ignore[arg-type]
        return _with_findings(result, lambda f: attrs.evolve(f, reading_dependent=True))

    monkeypatch.setattr(laws, "compare", flagged)
    with pytest.raises(AssertionError, match="readings"):
        laws.readings(CHINA, RUSSIA)


def test_monotone_catches_a_conflict_that_turns_into_overlap(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    p = _position("p", RU, Outcomes(issue="talks", outcomes={"direct"}, evidence=_ev()))
    other = _position("o", RU, Outcomes(issue="talks", outcomes={"none"}, evidence=_ev()))
    extra = Outcomes(issue="hostilities", outcomes={"end-of-war"}, evidence=_ev())
    laws.monotone(p, other, extra)  # the real engine keeps the conflict
    real = peacepos.compare

    def forgetful(left: peacepos.Position, right: peacepos.Position, **kw: object) -> object:
        result = real(left, right, **kw)  # type: ignore[arg-type]
        if len(left.conditions) < 2:
            return result
        return _relabel(result, Relation.CONFLICT, Relation.OVERLAP)

    monkeypatch.setattr(laws, "compare", forgetful)
    with pytest.raises(AssertionError, match="monotone"):
        laws.monotone(p, other, extra)


def test_n_way_catches_an_order_dependent_result(monkeypatch: pytest.MonkeyPatch) -> None:
    real = peacepos.compare_many

    def first_wins(*positions: peacepos.Position, **kw: object) -> peacepos.MultiComparison:
        result = real(*positions, **kw)  # type: ignore[arg-type]
        return attrs.evolve(result, agreements=result.agreements[: len(positions[0].conditions)])

    monkeypatch.setattr(laws, "compare_many", first_wins)
    with pytest.raises(AssertionError, match="n-way"):
        laws.n_way(*CORPUS[:4])


def test_codebook_independence_catches_alphabetical_order(monkeypatch: pytest.MonkeyPatch) -> None:
    real = peacepos.compare

    def alphabetical(left: peacepos.Position, right: peacepos.Position, **kw: object) -> object:
        result = real(left, right, **kw)  # type: ignore[arg-type]
        return attrs.evolve(result, findings=sorted(result.findings, key=lambda f: f.issue))

    monkeypatch.setattr(laws, "compare", alphabetical)
    with pytest.raises(AssertionError, match="codebook independence"):
        laws.codebook_independence(CHINA, RUSSIA)


# -- the laws of negotiation texts can fail too ----------------------------------------------


def test_readers_catches_a_reading_that_ignores_its_readers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = peacepos.Position.stances

    def strict_only(self: peacepos.Position, reading: object = "broad") -> object:
        return real(self, "strict")

    monkeypatch.setattr(peacepos.Position, "stances", strict_only)
    with pytest.raises(AssertionError, match="readers"):
        laws.readers(CHINA)


def test_terms_catches_a_comparison_that_forgets_the_terms(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    offer = peacepos.corpus.load("russia-2025-12-19")
    other = peacepos.corpus.load("us-russia-2025-03-18")
    laws.terms(offer, other)
    real = peacepos.compare

    def forgetful(left: peacepos.Position, right: peacepos.Position, **kw: object) -> object:
        return _with_findings(
            real(left, right, **kw),  # type: ignore[arg-type]
            lambda f: attrs.evolve(f, under_terms=None) if f.under_terms is not None else f,
        )

    monkeypatch.setattr(laws, "compare", forgetful)
    with pytest.raises(AssertionError, match="terms"):
        laws.terms(offer, other)


def test_variants_catches_findings_of_a_pair_that_is_not_the_closest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ukraine = peacepos.corpus.load("ukraine-2025-12-14")
    russia = peacepos.corpus.load("russia-2025-12-19")
    laws.variants(ukraine, russia)
    real = peacepos.compare

    def farthest(left: peacepos.Position, right: peacepos.Position, **kw: object) -> object:
        result = real(left, right, **kw)  # type: ignore[arg-type]
        if not result.variants:
            return result
        last = result.variants[-1].comparison
        assert last.findings != result.findings  # (the closest pair is the first here)
        return _with_findings(attrs.evolve(result, findings=last.findings), lambda f: f)

    monkeypatch.setattr(laws, "compare", farthest)
    with pytest.raises(AssertionError, match="variants"):
        laws.variants(ukraine, russia)


def test_lineage_catches_changes_that_lose_one(monkeypatch: pytest.MonkeyPatch) -> None:
    amended = peacepos.corpus.load("hamas-2024-07-06")
    laws.lineage(amended)
    real = laws.changes

    def lossy(before: peacepos.Position, after: peacepos.Position, **kw: object) -> object:
        found = list(real(before, after, **kw))  # type: ignore[arg-type]
        return found[1:]

    monkeypatch.setattr(laws, "changes", lossy)
    with pytest.raises(AssertionError, match="lineage"):
        laws.lineage(amended)


def test_deals_catches_a_search_that_hears_one_party(monkeypatch: pytest.MonkeyPatch) -> None:
    def party(pid: str, *outcomes: str) -> peacepos.Position:
        return _position(pid, RU, Outcomes(issue="hostilities", outcomes=outcomes, evidence=_ev()))

    a = party("a", "partial-ceasefire", "full-ceasefire")
    b = party("b", "full-ceasefire", "end-of-war")
    c = party("c", "partial-ceasefire", "end-of-war")
    laws.deals(a, b, c)
    real = laws.find_deals

    def deaf(*positions: peacepos.Position, **kw: object) -> object:
        return real(positions[0], **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(laws, "find_deals", deaf)
    with pytest.raises(AssertionError, match="deals"):
        laws.deals(a, b, c)


@given(pst.positions(endorsements=True, terms=True))
def test_readers_with_endorsements(position: peacepos.Position) -> None:
    """What an endorser takes over, and who reads it so, as brute force reads it."""
    laws.readers(position)


def test_the_endorsement_strategy_endorses_with_and_without_inferences() -> None:
    from hypothesis import find

    def endorsing(inferences: bool) -> object:
        return find(
            pst.positions(endorsements=True),
            lambda p: any(
                e.inferences is inferences and e.position.all_conditions for e in p.endorsements
            ),
        )

    assert endorsing(True) is not None
    assert endorsing(False) is not None
