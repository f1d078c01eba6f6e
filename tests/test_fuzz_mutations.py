"""Mutation fuzzing of position files, and the round trip that must never drop a field.

Valid files (the built-in corpus, as TOML and as JSON) are mutated — a key dropped, an item
duplicated, a value retyped, junk keys or bytes injected, the text truncated — and read back.
Only documented errors may come out: a :class:`PositionFileError` whose one-line message
names the file. A mutant that still loads must survive a round trip unchanged.

Example counts scale with the hypothesis profile (``HYPOTHESIS_PROFILE=thorough``: ten times).
"""

from __future__ import annotations

import copy
import datetime
import enum
import json
import string
import types
import typing
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, event, example, given, reject, settings
from hypothesis import strategies as st

import peacepos
from peacepos import corpus, dumps_position, loads_position, read_position
from peacepos.conditions import (
    MAX_QUOTE_WORDS,
    Basis,
    Condition,
    Declared,
    Evidence,
    Stage,
)
from peacepos.errors import ContradictionError, PositionFileError
from peacepos.kinds import BUILTIN, kind_of
from peacepos.plain import position_to_dict
from peacepos.position import Amendment, Coverage, Endorsement, Position, Variant
from peacepos.vocabulary import KindSpec

SCALE = max(settings.default.max_examples // 100, 1)
FUZZ = settings(
    max_examples=300 * SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

SEEDS: dict[str, str] = {}
for _id in ("china-2023-02-24", "russia-2023-02-24"):
    _position = corpus.load(_id)
    SEEDS[f"{_id}.toml"] = dumps_position(_position, "toml")
    SEEDS[f"{_id}.json"] = dumps_position(_position, "json")


def places(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in parsed data (as a path of keys and indexes), the root included."""
    out = [at]
    if isinstance(value, dict):
        for k, v in value.items():
            out += places(v, (*at, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += places(v, (*at, i))
    return out


def get(value: Any, at: tuple[Any, ...]) -> Any:
    for step in at:
        value = value[step]
    return value


JUNK_VALUES = st.sampled_from(
    [
        None,
        True,
        False,
        0,
        -1,
        2**63,
        -(2**63) - 1,
        1.5,
        float("nan"),
        float("inf"),
        "",
        " ",
        "x",
        "crimea",
        "ceasefire",
        "2023-02-30",
        "\x00",
        "\x1b[2J",
        "\u202e",
        "<script>alert(1)</script>",
        [],
        [None],
        ["crimea", "crimea"],
        {},
        {"kind": "ceasefire"},
        {"locator": ""},
        [[[[[]]]]],
        datetime.date(2023, 2, 24),
    ]
).map(copy.deepcopy)  # a fresh copy: later mutations must not change the shared samples
JUNK_KEYS = st.sampled_from(["kind", "evidence", "x", "", " ", "id", "__class__", "é", "a.b"])


def serialise(data: Any, suffix: str) -> bytes:
    """JSON for .json; TOML through peacepos' own writer where the data allows, else JSON."""
    if suffix == ".toml":
        from peacepos import io

        try:
            return io.write.to_toml(data).encode("utf-8", "surrogatepass")
        except Exception:  # data TOML cannot express (null, a non-table root): keep it JSON
            suffix = ".json"
    return json.dumps(data, default=str).encode("utf-8", "surrogatepass")


@st.composite
def structural_mutants(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(SEEDS)))
    suffix = name[name.rindex(".") :]
    data = json.loads(dumps_position(corpus.load(name[: name.rindex(".")]), "json"))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.sampled_from(places(data)))
        op = draw(st.sampled_from(["drop", "duplicate", "retype", "inject", "wrap", "swap"]))
        if not at:  # the root: only retype or inject make sense
            if op == "retype":
                data = draw(JUNK_VALUES)
                break
            op = "inject"
        parent = get(data, at[:-1]) if at else None
        target = get(data, at)
        if op == "drop" and parent is not None:
            del parent[at[-1]]
        elif op == "duplicate" and isinstance(parent, list):
            parent.insert(at[-1], copy.deepcopy(target))
        elif op == "duplicate" and isinstance(parent, dict):
            parent[f"{at[-1]}"] = copy.deepcopy(target)  # JSON text gets a duplicate below
        elif op == "retype" and parent is not None:
            parent[at[-1]] = draw(JUNK_VALUES)
        elif op == "inject" and isinstance(target, dict):
            target[draw(JUNK_KEYS)] = draw(JUNK_VALUES)
        elif op == "inject" and isinstance(target, list):
            target.insert(draw(st.integers(0, len(target))), draw(JUNK_VALUES))
        elif op == "wrap" and parent is not None:
            parent[at[-1]] = [target] if draw(st.booleans()) else {"value": target}
        elif op == "swap" and isinstance(parent, list) and len(parent) > 1:
            other = draw(st.integers(0, len(parent) - 1))
            parent[at[-1]], parent[other] = parent[other], parent[at[-1]]
        if not isinstance(data, dict):
            break
    text = serialise(data, suffix)
    if suffix == ".json" and isinstance(data, dict) and data and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(data)))
        text = text.replace(b"{", b"{" + json.dumps(key).encode() + b": 0, ", 1)  # duplicate
    return name, text


@st.composite
def byte_mutants(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(SEEDS)))
    if draw(st.booleans()):  # sometimes the other syntax under this name
        name = name.replace(".toml", ".tmp").replace(".json", ".toml").replace(".tmp", ".json")
    text = SEEDS[draw(st.sampled_from(sorted(SEEDS)))].encode()
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["truncate", "insert", "delete", "flip", "repeat", "junk"]))
        if op == "truncate":
            text = text[:i]
        elif op == "insert":
            text = text[:i] + draw(st.binary(min_size=1, max_size=8)) + text[i:]
        elif op == "delete":
            text = text[:i] + text[i + draw(st.integers(1, 64)) :]
        elif op == "flip" and i < len(text):
            text = text[:i] + bytes([text[i] ^ (1 << draw(st.integers(0, 7)))]) + text[i + 1 :]
        elif op == "repeat":
            j = draw(st.integers(i, min(len(text), i + 200)))
            text = text[:i] + text[i:j] * draw(st.integers(2, 50)) + text[j:]
        elif op == "junk":
            token = draw(
                st.sampled_from(
                    [
                        b"[",
                        b"{",
                        b"]]",
                        b'"',
                        b"'''",
                        b'"""',
                        b"\\",
                        b"#",
                        b"=",
                        b",",
                        b"\n",
                        b"\xef\xbb\xbf",
                        b"\xff",
                        b"\x00",
                        b"nan",
                        b"1e999",
                        b"9" * 30,
                        b"\\ud800",
                    ]
                )
            )
            text = text[:i] + token + text[i:]
    return name, text


def check(tmp_path: Path, name: str, content: bytes) -> Position | None:
    """Only a PositionFileError naming the file on one line, or a position that round-trips."""
    path = tmp_path / name
    path.write_bytes(content)
    try:
        position = read_position(path)
    except PositionFileError as exc:
        error = exc
    else:
        assert_round_trip(position)
        event("loaded and round-tripped")
        return position
    kind = (
        "path"
        if isinstance(error, OSError)
        else "syntax or encoding"
        if error.where.startswith("line") or not error.where
        else "schema or value"
    )
    event(f"PositionFileError ({kind})")
    message = str(error)
    assert message.startswith(str(path)), message
    assert "\n" not in message
    assert error.problem
    return None


@FUZZ
@given(mutant=structural_mutants())
@example(mutant=("crash.json", b'{"title": "\x7f"}'))
def test_structural_mutations_give_documented_errors_only(
    tmp_path: Path, mutant: tuple[str, bytes]
) -> None:
    check(tmp_path, *mutant)


@FUZZ
@given(mutant=byte_mutants())
def test_byte_mutations_give_documented_errors_only(
    tmp_path: Path, mutant: tuple[str, bytes]
) -> None:
    check(tmp_path, *mutant)


def test_mutations_do_reach_the_schema(tmp_path: Path) -> None:
    # Not every mutant may be a syntax error: a dropped field must be reported at its place.
    data = json.loads(SEEDS["china-2023-02-24.json"])
    del data["conditions"][2]["evidence"]["locator"]
    path = tmp_path / "dropped.json"
    path.write_text(json.dumps(data))
    with pytest.raises(PositionFileError) as info:
        read_position(path)
    assert info.value.where == "conditions[2].evidence.locator"


# -- regressions found by the coverage-guided fuzzer (fuzz/fuzz_loader.py) ---------------------


def test_regression_delete_character_in_json_text(tmp_path: Path) -> None:
    # atheris, first run: DEL (U+007F) is legal raw in JSON but not in TOML; a JSON file with
    # it loaded, and converting it to TOML wrote a file that could not be read back.
    data = json.loads(SEEDS["china-2023-02-24.json"])
    data["title"] = "Position\x7f paper"
    path = tmp_path / "del.json"
    path.write_text(json.dumps(data, ensure_ascii=False))
    with pytest.raises(PositionFileError) as info:
        read_position(path)
    assert info.value.where == "title"
    assert "U+007F" in info.value.problem


# -- round trip: writing and reading back never drops a field -------------------------------

_TEXT_ALPHABET = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc"),
    exclude_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
) | st.sampled_from("\n\t\"'\\[]{}#=<>&%$_|`")
# Text with the pieces that break naive writers: triple quotes, escape lookalikes, CRLF.
TEXT = st.lists(
    st.text(_TEXT_ALPHABET, max_size=10) | st.sampled_from(['"""', "'''", "\\u0041", "\r\n"]),
    max_size=4,
).map("".join)
WORD = st.text(string.ascii_letters + "éж-'", min_size=1, max_size=8)
NONBLANK = st.builds(lambda a, b: a + b, WORD, TEXT)


@st.composite
def evidences(draw: st.DrawFn) -> Evidence:
    basis = draw(st.sampled_from(Basis))
    readers = (
        draw(st.lists(NONBLANK, min_size=1, max_size=2, unique=True))
        if basis is Basis.IMPLIED
        else []
    )
    return Evidence(
        document=draw(NONBLANK),
        locator=draw(NONBLANK),
        quote=draw(
            st.lists(WORD, max_size=MAX_QUOTE_WORDS).map(" ".join).filter(lambda q: len(q) <= 200)
        ),
        basis=basis,
        readers=readers,
        rationale=draw(NONBLANK),
        source=draw(TEXT),
        note=draw(TEXT),
    )


RU = peacepos.codebook("russia-ukraine")
RU_IDS = [i for i in corpus.ids() if corpus.load(i).codebook.name == RU.name]
_OUTCOMES = sorted({o for i in RU.all_issues() for o in getattr(i, "outcomes", ())})


def _field_values(tp: Any) -> st.SearchStrategy[Any]:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*[_field_values(a) for a in args])
    if tp is type(None):
        return st.none()
    if origin in (frozenset, tuple):
        return st.lists(st.sampled_from(RU.area_keys()), min_size=1, max_size=4).map(
            frozenset if origin is frozenset else tuple
        )
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from(list(tp))
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.integers(0, 1_000_000)
    if tp is float:
        return st.floats(0, 1e6, allow_nan=False)
    if tp is str:
        return st.sampled_from(_OUTCOMES) | NONBLANK
    raise NotImplementedError(tp)  # pragma: no cover - a new field type: teach this test


# The kinds of the russia-ukraine codebook: typed ones and declared ones.
BUILT_IN_KINDS = sorted({*BUILTIN, *RU.kind_names()})


def _declared(draw: st.DrawFn, spec: KindSpec, evidence: Evidence, stage: Stage) -> Condition:
    args: dict[str, Any] = {}
    for name in spec.params:
        if name in dict(spec.choices):
            if spec.default(name) is not None and draw(st.booleans()):
                continue
            value = draw(st.sampled_from(spec.values(name)))
            args[name] = (value == "true") if spec.flag(name) else value
        elif name == spec.areas:
            args[name] = draw(_field_values(frozenset[str]))
        elif draw(st.booleans()):
            args[name] = draw(st.integers(0, 1_000_000))
    try:
        made = Declared(spec=spec, args=args, evidence=evidence, stage=stage)
        made.constraints(RU)
    except (ValueError, TypeError, KeyError):
        reject()
    return made


@st.composite
def any_condition(draw: st.DrawFn, kinds: tuple[str, ...] = ()) -> Condition:
    name = draw(st.sampled_from(kinds or BUILT_IN_KINDS))
    found = kind_of(RU, name)
    evidence, stage = draw(evidences()), draw(st.sampled_from(Stage))
    if name == "outcomes":
        issue = draw(st.sampled_from([i for i in RU.all_issues() if not i.numeric]))
        outcomes = draw(st.sets(st.sampled_from(issue.outcomes), min_size=1))  # type: ignore[union-attr]
        return peacepos.kinds.Outcomes(
            issue=issue.key, outcomes=outcomes, evidence=evidence, stage=stage
        )
    if name == "range":
        issue = draw(st.sampled_from([i for i in RU.all_issues() if i.numeric]))
        low = draw(st.integers(0, 1_000_000))
        return peacepos.kinds.Range(
            issue=issue.key,
            at_least=low,
            at_most=low + draw(st.integers(0, 10)),
            evidence=evidence,
            stage=stage,
        )
    if isinstance(found, KindSpec):
        return _declared(draw, found, draw(evidences()), draw(st.sampled_from(Stage)))
    cls = found
    hints = typing.get_type_hints(cls)
    kwargs: dict[str, Any] = {"evidence": draw(evidences()), "stage": draw(st.sampled_from(Stage))}
    for a in attrs.fields(cls):
        if a.name in kwargs or a.name in ("only_if", "actors") or not a.init:
            continue  # requirements and attribution have tests of their own
        if a.default is not attrs.NOTHING and draw(st.booleans()):
            continue  # leave the default
        kwargs[a.alias] = draw(_field_values(hints[a.name]))
    try:
        made = cls(**kwargs)
        made.constraints(RU)
    except (ValueError, TypeError, KeyError):
        reject()
    return made


@st.composite
def positions(draw: st.DrawFn) -> Position:
    common = {
        "id": draw(st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,6}){0,3}", fullmatch=True)),
        "title": draw(NONBLANK),
        "actors": draw(st.lists(NONBLANK, min_size=1, max_size=3, unique=True)),
        "date": draw(st.dates(datetime.date(1800, 1, 1), datetime.date(2200, 12, 31))),
        "codebook": RU,
        "document": draw(TEXT),
        "urls": draw(
            st.lists(
                st.from_regex(r"https://[a-z]{1,10}\.org/[a-z0-9/]{0,12}", fullmatch=True),
                max_size=3,
            )
        ),
        "confidence": draw(TEXT),
        "confidence_level": draw(st.sampled_from(["", "high", "medium", "low"])),
        "notes": draw(TEXT),
        "coverage": draw(
            st.lists(
                st.builds(Coverage, locator=NONBLANK, encoded=st.booleans(), note=TEXT), max_size=3
            )
        ),
        "endorsements": draw(
            st.lists(
                st.builds(
                    Endorsement,
                    position=st.sampled_from(RU_IDS).map(corpus.load),
                    evidence=evidences(),
                ),
                max_size=1,
            )
        ),
    }
    if draw(st.booleans()):  # an amended text: based on a built-in one
        base = corpus.load(draw(st.sampled_from(RU_IDS)))
        locators = sorted({c.evidence.locator for c in base.own_conditions})
        common["based_on"] = base
        common["amendments"] = [
            Amendment(action="delete", locator=loc, note=draw(TEXT))
            for loc in draw(st.lists(st.sampled_from(locators), max_size=2, unique=True))
        ]
    kept: list[Condition] = []
    for condition in draw(st.lists(any_condition(), max_size=8)):
        try:  # keep only what leaves the position consistent
            Position(conditions=[*kept, condition], **common)
        except (ContradictionError, ValueError):
            continue
        kept.append(condition)
    variants = [
        Variant(name=f"v{i}", title=draw(TEXT), conditions=[draw(any_condition())])
        for i in range(draw(st.integers(0, 2)))
    ]
    try:
        return Position(conditions=kept, variants=variants, **common)
    except (ContradictionError, ValueError):  # the endorsed or amended text clashes
        reject()


def everything(value: Any) -> Any:
    """Every field, including those equality ignores (evidence), as plain nested tuples."""
    if isinstance(value, Position):
        return (
            "Position",
            tuple(
                (a.name, everything(getattr(value, a.name)))
                for a in attrs.fields(Position)
                if a.init
            ),
        )
    if isinstance(value, Endorsement):
        return ("Endorsement", value.position.id, everything(value.evidence))
    if attrs.has(type(value)):  # the fields a value is made of (not what it derives from them)
        fields = tuple(
            (a.name, everything(getattr(value, a.name)))
            for a in attrs.fields(type(value))
            if a.init
        )
        return (type(value).__name__, fields)
    if isinstance(value, tuple):
        return tuple(everything(v) for v in value)
    if isinstance(value, frozenset):
        return tuple(sorted(everything(v) for v in value))
    return value


def assert_round_trip(position: Position) -> None:
    for fmt in ("toml", "json"):
        text = dumps_position(position, fmt)
        again = loads_position(text, fmt, source=f"round-trip.{fmt}")
        assert again == position
        assert everything(again) == everything(position)
        assert dumps_position(again, fmt) == text


@settings(
    max_examples=100 * SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(position=positions())
def test_round_trip_keeps_every_field(position: Position) -> None:
    assert_round_trip(position)


def test_round_trip_strategy_covers_every_field() -> None:
    # The property above is only as good as what it generates: every Position, Evidence and
    # Coverage field, and every condition kind, must be reachable.
    seen_fields: set[str] = set()
    seen_kinds: set[str] = set()

    @settings(
        max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(position=positions())
    def collect(position: Position) -> None:
        data = position_to_dict(position)
        seen_fields.update(data)
        for c in data["conditions"]:
            seen_kinds.add(c["kind"])
            seen_fields.update(f"evidence.{k}" for k in c["evidence"])
        for c in data.get("coverage", ()):
            seen_fields.update(f"coverage.{k}" for k in c)
        for e in data.get("endorsements", ()):
            seen_fields.update(f"endorsement.{k}" for k in e)

    collect()
    position_fields = {a.alias for a in attrs.fields(Position) if a.init}
    evidence_fields = {f"evidence.{a.alias}" for a in attrs.fields(Evidence)}
    coverage_fields = {f"coverage.{a.alias}" for a in attrs.fields(Coverage)}
    assert position_fields <= seen_fields
    assert evidence_fields <= seen_fields
    assert coverage_fields <= seen_fields
    assert {"endorsement.position", "endorsement.evidence"} <= seen_fields
    assert len(seen_kinds) > len(BUILT_IN_KINDS) // 2


@pytest.mark.parametrize("kind", BUILT_IN_KINDS)
@settings(max_examples=10 * SCALE, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_round_trip_of_each_condition_kind(kind: str, data: st.DataObject) -> None:
    condition = data.draw(any_condition(kinds=(kind,)))
    try:
        position = Position(
            id="kind-test",
            title="Kind test",
            actors=("Testland",),
            date="2023-01-01",
            codebook=peacepos.codebook("russia-ukraine"),
            conditions=[condition],
        )
    except ContradictionError:  # e.g. talks "as soon as possible" that are also a
        reject()  # precondition for talks: a single condition may contradict itself
    assert_round_trip(position)


def test_round_trip_of_every_built_in_position() -> None:
    for ident in corpus.ids():
        assert_round_trip(corpus.load(ident))


def test_text_that_could_not_be_read_back_is_refused_before_any_writing() -> None:
    from peacepos.errors import PositionFormatError
    from peacepos.io.write import dumps

    p = corpus.load("china-2023-02-24")
    with pytest.raises(ValueError, match="notes contains a control character \\(U\\+0007\\)"):
        attrs.evolve(p, notes="bell \x07")
    # and the writer itself, given plain data a position could never hold
    with pytest.raises(PositionFormatError, match="notes: cannot write text containing"):
        dumps({"notes": "bell \x07"}, "toml")


def test_a_file_too_large_for_the_reader_is_not_written() -> None:
    """900,000 tab characters in notes were 1.8 MB of JSON: now each field holds at most
    2,000 characters, and a whole file beyond the reader's limit is refused."""
    from peacepos.errors import PositionFormatError
    from peacepos.io.write import dumps

    with pytest.raises(ValueError, match="notes is longer than 2,000 characters"):
        attrs.evolve(corpus.load("china-2023-02-24"), notes="\t" * 900_000)
    with pytest.raises(PositionFormatError, match="could not be read back"):
        dumps({"notes": ["\t" * 1000] * 600}, "json")


def test_toml_writer_escapes_what_toml_forbids() -> None:
    import tomllib

    from peacepos import io

    text = io.write.to_toml({"a": 'line\nbreak "quoted" back\\slash \u2028 tab\t'})
    assert tomllib.loads(text) == {"a": 'line\nbreak "quoted" back\\slash \u2028 tab\t'}
