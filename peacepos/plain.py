"""Plain data of codebooks and positions: the file schema as dicts and lists.

The one conversion both file writing (:mod:`peacepos.io`) and the JSON reports
(:mod:`peacepos.report`) use: defaults left out, keys in a stable order, names for what a file
names (a codebook, an endorsed position).

>>> import peacepos
>>> data = position_to_dict(peacepos.corpus.load("china-2023-02-24"))
>>> list(data)[:5]
['id', 'title', 'actors', 'date', 'codebook']
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable
from typing import Any

import attrs

from peacepos.conditions import Condition, Declared, Evidence
from peacepos.errors import PositionFormatError
from peacepos.position import Position
from peacepos.vocabulary import Area, Codebook, Issue, IssueTemplate, KindSpec, NumericIssue, Rule

__all__ = ["codebook_to_dict", "condition_to_dict", "position_to_dict"]


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, frozenset):
        return sorted(_plain(v) for v in value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if attrs.has(type(value)):
        return _attrs_to_dict(value)
    return value


def _attrs_to_dict(obj: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for a in attrs.fields(type(obj)):
        if not a.init or a.name in skip:
            continue
        value = getattr(obj, a.name)
        if a.default is not attrs.NOTHING and value == a.default:
            continue
        out[a.alias] = _plain(value)
    return out


def _evidence(evidence: Evidence, document: str) -> dict[str, Any]:
    data = _attrs_to_dict(evidence)
    if data.get("document") == document:
        del data["document"]  # the position's document is the default
    return data


def condition_to_dict(condition: Condition, document: str = "") -> dict[str, Any]:
    """A condition as the table a position file holds."""
    body: dict[str, Any] = {"kind": condition.kind}
    if isinstance(condition, Declared):
        for name, value in condition.args:
            body[name] = _plain(value)
    else:
        body.update(_attrs_to_dict(condition, skip=("evidence", "stage", "only_if", "actors")))
    if condition.stage.value != "settlement":
        body["stage"] = condition.stage.value
    if condition.actors:
        body["actors"] = list(condition.actors)
    body["evidence"] = _evidence(condition.evidence, document)
    if condition.only_if:
        body["only_if"] = [
            {k: v for k, v in condition_to_dict(r, document).items() if k != "evidence"}
            if attrs.astuple(r.evidence) == attrs.astuple(condition.evidence)
            else condition_to_dict(r, document)
            for r in condition.only_if
        ]
    return body


_POSITION_ORDER = (
    "id",
    "title",
    "actors",
    "date",
    "codebook",
    "document",
    "based_on",
    "urls",
    "confidence",
    "confidence_level",
    "notes",
    "endorsements",
    "conditions",
    "variants",
    "amendments",
    "coverage",
)


def position_to_dict(
    position: Position, *, check_endorsed: Callable[[Position], None] | None = None
) -> dict[str, Any]:
    """Plain data for a position: the file schema, defaults left out, stable key order.

    ``check_endorsed`` is called with each endorsed position: a file names it by id, so the
    caller checks that the id reads back as that position. Fields this function does not know
    by name come last, so none is ever dropped.
    """
    document = position.document or position.id
    skip = ("codebook", "conditions", "endorsements", "variants", "based_on", "amendments")
    data = _attrs_to_dict(position, skip=skip)
    data["codebook"] = position.codebook.name
    data["conditions"] = [condition_to_dict(c, document) for c in position.conditions]
    if position.based_on is not None:
        if check_endorsed is not None:
            check_endorsed(position.based_on)
        data["based_on"] = position.based_on.id
    if position.variants:
        data["variants"] = [
            {"name": v.name}
            | ({"title": v.title} if v.title else {})
            | {"conditions": [condition_to_dict(c, document) for c in v.conditions]}
            for v in position.variants
        ]
    if position.amendments:
        data["amendments"] = [
            {"action": a.action.value}
            | ({"locator": a.locator} if a.locator else {})
            | ({"note": a.note} if a.note else {})
            | (
                {"conditions": [condition_to_dict(c, document) for c in a.conditions]}
                if a.conditions
                else {}
            )
            for a in position.amendments
        ]
    if position.endorsements:
        endorsements = []
        for e in position.endorsements:
            if check_endorsed is not None:
                check_endorsed(e.position)
            entry: dict[str, Any] = {"position": e.position.id}
            if e.inferences:
                entry["inferences"] = True
            if e.readers != ("the analyst",):
                entry["readers"] = list(e.readers)
            entry["evidence"] = _evidence(e.evidence, document)
            endorsements.append(entry)
        data["endorsements"] = endorsements
    known = {k: data[k] for k in _POSITION_ORDER if k in data}
    return {**known, **{k: v for k, v in data.items() if k not in known}}


def _issue_to_dict(issue: Issue | NumericIssue | IssueTemplate) -> dict[str, Any]:
    data = _attrs_to_dict(issue, skip=("labels", "notes", "groups"))
    for part in ("labels", "notes"):
        pairs = getattr(issue, part, ())
        if pairs:
            data[part] = dict(pairs)
    groups = getattr(issue, "groups", ())
    if groups:
        data["groups"] = {name: list(members) for name, members in groups}
    return data


def _area_to_dict(area: Area) -> dict[str, Any]:
    data = _attrs_to_dict(area, skip=("parts",))
    if area.parts:
        data["parts"] = [_area_to_dict(p) for p in area.parts]
    return data


def _narrows(narrows: Any) -> dict[str, list[str]]:
    return {key: list(outcomes) for key, outcomes in narrows}


def _kind_to_dict(spec: KindSpec) -> dict[str, Any]:
    data: dict[str, Any] = {"name": spec.name}
    for key in ("title", "description", "areas", "bounds"):
        if getattr(spec, key):
            data[key] = getattr(spec, key)
    if spec.order:
        data["order"] = list(spec.order)
    if spec.narrows:
        data["narrows"] = _narrows(spec.narrows)
    if spec.choices:
        data["choices"] = {
            param: {value: _narrows(n) for value, n in values} for param, values in spec.choices
        }
    if spec.defaults:
        data["defaults"] = {p: (v == "true") if spec.flag(p) else v for p, v in spec.defaults}
    return data


def _rule_to_dict(rule: Rule) -> dict[str, Any]:
    return _attrs_to_dict(rule)


def codebook_to_dict(codebook: Codebook) -> dict[str, Any]:
    """Plain data for a codebook: its own declarations, and the names of what it includes."""
    data: dict[str, Any] = {"name": codebook.name, "title": codebook.title}
    if codebook.description:
        data["description"] = codebook.description
    if codebook.includes:
        data["include"] = [c.name for c in codebook.includes]
    if codebook.order:
        data["order"] = list(codebook.order)
    if codebook.actors:
        data["actors"] = [_attrs_to_dict(a) for a in codebook.actors]
    if codebook.issues:
        data["issues"] = [_issue_to_dict(i) for i in codebook.issues]
    if codebook.areas:
        data["areas"] = [_area_to_dict(a) for a in codebook.areas]
    if codebook.area_issues:
        data["area_issues"] = [_issue_to_dict(t) for t in codebook.area_issues]
    if codebook.kinds:
        data["kinds"] = [_kind_to_dict(k) for k in codebook.kinds]
    if codebook.implications:
        data["implications"] = [
            {"when": _rule_to_dict(i.when), "then": _rule_to_dict(i.then)}
            | ({"note": i.note} if i.note else {})
            for i in codebook.implications
        ]
    if codebook.python_kinds:
        names = ", ".join(sorted(k.kind for k in codebook.python_kinds))  # type: ignore[attr-defined]
        raise PositionFormatError(
            f"codebook {codebook.name!r} has Python kinds ({names}): a file cannot hold them; "
            "write the codebook without them and add them with Codebook.with_kinds()"
        )
    return data
