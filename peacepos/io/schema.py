"""JSON Schemas for codebook files and for the position files of a codebook, generated from
the code (the attrs classes and the codebook's kind declarations), so editors can complete
and check them. ``peacepos codebook schema NAME`` prints one; docs/file-format.md says how to
use it with Taplo (TOML) and VS Code (JSON).

>>> import peacepos
>>> schema = position_schema(peacepos.codebook("core"))
>>> schema["properties"]["codebook"]["const"]
'core'
>>> "end-of-hostilities" in [k["properties"]["kind"]["const"] for k in
...                          schema["$defs"]["condition"]["oneOf"]]
True
"""

from __future__ import annotations

import enum
import types
import typing
from typing import Any

import attrs

from peacepos.conditions import Basis, Condition, Stage
from peacepos.kinds import BUILTIN, kind_of, names
from peacepos.position import CONFIDENCE_LEVELS
from peacepos.vocabulary import Codebook, KindSpec

__all__ = ["DIALECT", "codebook_schema", "position_schema"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"

_TEXT = {"type": "string", "maxLength": 2000}
_NAMES = {"type": "array", "items": {"type": "string"}}
_KEY = {
    "type": "string",
    "pattern": r"^[a-z0-9]+(?:[-_][a-z0-9]+)*(?:/[a-z0-9]+(?:[-_][a-z0-9]+)*)*$",
}


def _described(schema: dict[str, Any], text: str) -> dict[str, Any]:
    return {**schema, "description": text} if text else schema


def _evidence() -> dict[str, Any]:
    return {
        "type": "object",
        "description": "Where the condition comes from.",
        "additionalProperties": False,
        "required": ["locator"],
        "properties": {
            "document": _described(_TEXT, "The document's id (default: the position's)."),
            "locator": _described(_TEXT, "The place in the document, e.g. 'point 3'."),
            "quote": _described(
                {"type": "string", "maxLength": 200}, "At most 12 words, the document's own."
            ),
            "basis": {"enum": [b.value for b in Basis]},
            "readers": _described(_NAMES, "Who reads the text so (IMPLIED only)."),
            "rationale": _described(_TEXT, "Why the readers read it so (IMPLIED only)."),
            "source": _described(_TEXT, "Where the text was seen."),
            "note": _described(_TEXT, "An encoding choice, explained for readers."),
        },
    }


def _field_schema(tp: Any) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(tp) if a is not type(None)]
        return _field_schema(rest[0]) if len(rest) == 1 else {}
    if origin in (tuple, frozenset, list):
        return {"type": "array", "items": _field_schema(typing.get_args(tp)[0])}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer", "minimum": 0}
    if tp is str:
        return {"type": "string"}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [m.value for m in tp]}
    return {}


def _base_properties(kind: str) -> dict[str, Any]:
    return {
        "kind": {"const": kind},
        "evidence": {"$ref": "#/$defs/evidence"},
        "stage": {"enum": [s.value for s in Stage]},
    }


def _typed(cls: type[Condition]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    props = _base_properties(cls.kind)
    required = ["kind", "evidence"]
    for a in attrs.fields(cls):
        if a.name in ("evidence", "stage") or not a.init:
            continue
        props[a.alias] = _field_schema(hints[a.name])
        if a.default is attrs.NOTHING:
            required.append(a.alias)
    doc = (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
    return {
        "type": "object",
        "description": doc,
        "additionalProperties": False,
        "required": required,
        "properties": props,
    }


def _declared(spec: KindSpec, codebook: Codebook) -> dict[str, Any]:
    props = _base_properties(spec.name)
    required = ["kind", "evidence"]
    choices = dict(spec.choices)
    for name in spec.params:
        if name in choices:
            if spec.flag(name):
                props[name] = {"type": "boolean"}
            else:
                props[name] = {"enum": list(spec.values(name))}
            if spec.default(name) is None:
                required.append(name)
        elif name == spec.areas:
            props[name] = {
                "type": "array",
                "minItems": 1,
                "uniqueItems": True,
                "items": {"enum": list(codebook.area_keys())},
            }
            required.append(name)
        else:
            props[name] = {"type": "integer", "minimum": 0}
    return {
        "type": "object",
        "description": spec.description or spec.title,
        "additionalProperties": False,
        "required": required,
        "properties": props,
    }


def position_schema(codebook: Codebook) -> dict[str, Any]:
    """The JSON Schema of position files written in ``codebook``."""
    kinds = []
    for name in names(codebook):
        found = kind_of(codebook, name)
        kinds.append(_declared(found, codebook) if isinstance(found, KindSpec) else _typed(found))
    text = _TEXT
    return {
        "$schema": DIALECT,
        "$id": f"https://peacepos.invalid/schemas/{codebook.name}.position.json",
        "title": f"A peacepos position in the codebook {codebook.name!r}",
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "actors", "date"],
        "properties": {
            "$schema": {"type": "string"},
            "id": {
                "type": "string",
                "pattern": r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$",
                "maxLength": 100,
            },
            "title": text,
            "actors": {"type": "array", "minItems": 1, "items": {"type": "string"}},
            "date": _described(
                {"type": "string", "format": "date"}, "YYYY-MM-DD (in TOML, a date: 2023-02-24)"
            ),
            "codebook": {"const": codebook.name},
            "document": text,
            "urls": {"type": "array", "items": {"type": "string", "format": "uri"}},
            "confidence": text,
            "confidence_level": {"enum": list(CONFIDENCE_LEVELS)},
            "notes": text,
            "endorsements": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["position", "evidence"],
                    "properties": {
                        "position": {"type": "string"},
                        "evidence": {"$ref": "#/$defs/evidence"},
                    },
                },
            },
            "conditions": {"type": "array", "items": {"$ref": "#/$defs/condition"}},
            "coverage": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["locator", "encoded"],
                    "properties": {"locator": text, "encoded": {"type": "boolean"}, "note": text},
                },
            },
        },
        "$defs": {"evidence": _evidence(), "condition": {"oneOf": kinds}},
    }


def codebook_schema() -> dict[str, Any]:
    """The JSON Schema of codebook files."""
    outcomes = {"type": "array", "minItems": 1, "maxItems": 62, "items": {"type": "string"}}
    pairs = {"type": "object", "additionalProperties": {"type": "string"}}
    narrows = {
        "type": "object",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
    }
    issue = {
        "type": "object",
        "additionalProperties": False,
        "required": ["key", "title"],
        "properties": {
            "key": _KEY,
            "title": _TEXT,
            "description": _TEXT,
            "outcomes": outcomes,
            "labels": pairs,
            "notes": pairs,
            "sequence": {"type": "boolean"},
            "unit": _TEXT,
            "minimum": {"type": "integer"},
            "maximum": {"type": "integer"},
        },
    }
    area: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "required": ["key", "title"],
        "properties": {
            "key": _KEY,
            "title": _TEXT,
            "description": _TEXT,
            "held_by": _TEXT,
            "parts": {"type": "array", "items": {"$ref": "#/$defs/area"}},
        },
    }
    rule = {
        "type": "object",
        "additionalProperties": False,
        "required": ["issue"],
        "properties": {
            "issue": _KEY,
            "outcomes": _NAMES,
            "at_least": {"type": "integer"},
            "at_most": {"type": "integer"},
        },
    }
    kind = {
        "type": "object",
        "additionalProperties": False,
        "required": ["name"],
        "properties": {
            "name": {"type": "string", "not": {"enum": sorted(BUILTIN)}},
            "title": _TEXT,
            "description": _TEXT,
            "narrows": narrows,
            "choices": {
                "type": "object",
                "additionalProperties": {"type": "object", "additionalProperties": narrows},
            },
            "defaults": {
                "type": "object",
                "additionalProperties": {"type": ["string", "boolean"]},
            },
            "areas": {"type": "string"},
            "bounds": {"type": "string"},
            "order": _NAMES,
        },
    }
    return {
        "$schema": DIALECT,
        "$id": "https://peacepos.invalid/schemas/codebook.json",
        "title": "A peacepos codebook",
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "title"],
        "properties": {
            "$schema": {"type": "string"},
            "name": {"type": "string", "pattern": r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"},
            "title": _TEXT,
            "description": _TEXT,
            "include": _NAMES,
            "order": _NAMES,
            "actors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["key", "name"],
                    "properties": {"key": {"type": "string"}, "name": _TEXT},
                },
            },
            "issues": {"type": "array", "items": issue},
            "areas": {"type": "array", "items": {"$ref": "#/$defs/area"}},
            "area_issues": {
                "type": "array",
                "items": {
                    **issue,
                    "properties": {
                        **issue["properties"],  # type: ignore[dict-item]
                        "key": {"type": "string", "pattern": r"\{area\}"},
                    },
                },
            },
            "kinds": {"type": "array", "items": kind},
            "implications": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["when", "then"],
                    "properties": {"when": rule, "then": rule, "note": _TEXT},
                },
            },
        },
        "$defs": {"area": area},
    }
