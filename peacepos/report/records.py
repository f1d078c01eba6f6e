"""Records: flat rows for CSV and DataFrames, and the JSON report's data (schema in
``docs/reports.md``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from peacepos.analysis.compare import Comparison, Finding
from peacepos.conditions import Condition
from peacepos.constraints import Constraint, IntervalSet
from peacepos.plain import codebook_to_dict, position_to_dict
from peacepos.position import Position, reading_name
from peacepos.report.tables import constraint_text, is_changes, is_deal, is_multi, read_by
from peacepos.vocabulary import Codebook, Implication, Issue

__all__ = [
    "CONDITION_FIELDS",
    "JSON_SCHEMA_VERSION",
    "RECORD_FIELDS",
    "condition_record",
    "constraint_json",
    "finding_record",
    "records",
    "to_json_data",
]

JSON_SCHEMA_VERSION = 2


def constraint_json(c: Constraint | None) -> Any:
    """``None`` (silent), a list of outcomes, or for numeric issues ``{"ranges": [[lo, hi]]}``."""
    if c is None:
        return None
    if isinstance(c, IntervalSet):
        return {"ranges": [[lo, hi] for lo, hi in c.bounds]}
    return list(c)  # type: ignore[call-overload]


def _evidence_record(c: Condition) -> dict[str, Any]:
    return {
        "kind": c.kind,
        "condition": c.describe(),
        "stage": c.stage.value,
        "document": c.evidence.document,
        "locator": c.evidence.locator,
        "quote": c.evidence.quote,
        "basis": c.evidence.basis.value,
        "readers": "; ".join(c.evidence.readers),
        "rationale": c.evidence.rationale,
        "source": c.evidence.source,
        "note": c.evidence.note,
    }


def _evidence_json(conditions: Sequence[Condition]) -> list[dict[str, Any]]:
    return [_evidence_record(c) for c in conditions]


def _rules_json(rules: Sequence[Implication], codebook: Codebook | None) -> list[dict[str, str]]:
    """The codebook's rules that brought a side's conditions on other issues to this one."""
    return [
        {
            "rule": r.describe(codebook)
            if codebook is not None
            else f"{r.when.issue} → {r.then.issue}",
            "note": r.note,
        }
        for r in rules
    ]


RECORD_FIELDS = (
    "issue",
    "title",
    "reading",
    "reading_dependent",
    "relation",
    "group",
    "sequence",
    "left",
    "right",
    "common_ground",
    "explanation",
    "left_sources",
    "right_sources",
    "left_read_by",
    "right_read_by",
)


def _record_sources(conditions: Sequence[Condition]) -> str:
    return "; ".join(
        f"{c.evidence.document} {c.evidence.locator} ({c.evidence.basis.value})"
        for c in conditions
    )


def _finding_head(f: Finding) -> dict[str, Any]:
    """The fields a finding's record and its JSON share, in their order."""
    return {
        "issue": f.issue,
        "title": f.title,
        "reading": reading_name(f.reading),
        "reading_dependent": f.reading_dependent,
        "relation": f.relation.value,
        "group": f.relation.group,
        "sequence": f.sequence,
    }


def finding_record(f: Finding) -> dict[str, object]:
    """A flat record of one finding (``to_records()``, CSV, DataFrames)."""
    return {
        **_finding_head(f),
        "left": constraint_text(f.left),
        "right": constraint_text(f.right),
        "common_ground": "" if f.common_ground is None else str(f.common_ground),
        "explanation": f.explanation,
        "left_sources": _record_sources(f.left_conditions),
        "right_sources": _record_sources(f.right_conditions),
        **{
            f"{side}_read_by": " / ".join(names)
            for side, names in zip(("left", "right"), read_by(f), strict=True)
        },
    }


CONDITION_FIELDS = (
    "position",
    "actors",
    "date",
    "kind",
    "condition",
    "issues",
    "accepts",
    "stage",
    "document",
    "locator",
    "quote",
    "basis",
    "readers",
    "rationale",
    "source",
    "note",
)


def condition_record(p: Position, c: Condition) -> dict[str, object]:
    """A flat record of one condition with its evidence (a position's CSV rows)."""
    record = _evidence_record(c)
    return {
        "position": p.id,
        "actors": "; ".join(p.actors),
        "date": p.date.isoformat(),
        "kind": c.kind,
        "condition": record.pop("condition"),
        "issues": "; ".join(dict.fromkeys(x.issue.key for x in c.constraints(p.codebook))),
        "accepts": "; ".join(str(x) for x in c.constraints(p.codebook)),
        **{k: v for k, v in record.items() if k != "kind"},
    }


def _position_json(p: Position) -> dict[str, Any]:
    return {"id": p.id, "title": p.title, "actors": list(p.actors), "date": p.date.isoformat()}


def _finding_json(f: Finding, codebook: Codebook | None) -> dict[str, Any]:
    """One finding in the JSON report (rules described with ``codebook`` when given)."""
    return {
        **_finding_head(f),
        "left": constraint_json(f.left),
        "right": constraint_json(f.right),
        "common_ground": constraint_json(f.common_ground),
        "explanation": f.explanation,
        "left_evidence": _evidence_json(f.left_conditions),
        "right_evidence": _evidence_json(f.right_conditions),
        **{
            f"{side}_read_by": list(names)
            for side, names in zip(("left", "right"), read_by(f), strict=True)
        },
        "left_rules": _rules_json(f.left_rules, codebook),
        "right_rules": _rules_json(f.right_rules, codebook),
        "contested": [
            {
                "left_reader": v.left_reader,
                "right_reader": v.right_reader,
                "relation": v.relation.value,
                "left": constraint_json(v.left),
                "right": constraint_json(v.right),
                "left_evidence": _evidence_json(v.left_conditions),
                "right_evidence": _evidence_json(v.right_conditions),
            }
            for v in f.contested
        ],
        "terms": None
        if not f.conditional
        else {
            "relation": None if f.under_terms is None else f.under_terms.value,
            "left": constraint_json(f.left_under_terms),
            "right": constraint_json(f.right_under_terms),
            "left_evidence": _evidence_json([t.condition for t in f.left_terms]),
            "right_evidence": _evidence_json([t.condition for t in f.right_terms]),
            "requirements": [
                {
                    "side": r.side,
                    "state": r.state,
                    "requirement": r.condition.describe(),
                }
                for r in f.requirements
            ],
        },
    }


def to_json_data(obj: object) -> dict[str, Any]:
    """The JSON report's data (schema in docs/reports.md)."""
    if isinstance(obj, Comparison):
        return {
            "schema": "peacepos/comparison",
            "version": JSON_SCHEMA_VERSION,
            "left": _position_json(obj.left),
            "right": _position_json(obj.right),
            "reading": reading_name(obj.reading),
            "silence": obj.silence,
            "findings": [_finding_json(f, obj.codebook) for f in obj.findings],
            "variants": [
                {
                    "left_variant": v.left_variant,
                    "right_variant": v.right_variant,
                    "conflicts": v.conflicts,
                    "overlaps": v.overlaps,
                    "closest": v is obj.closest,
                }
                for v in obj.variants
            ],
        }
    if is_deal(obj):
        return {
            "schema": "peacepos/deal",
            "version": JSON_SCHEMA_VERSION,
            "reading": reading_name(obj.reading),
            "positions": [_position_json(p) for p in obj.positions],
            "dropped": list(obj.dropped),
            "settlement": None
            if obj.settlement is None
            else [
                {
                    "issue": k,
                    "title": obj.codebook[k].title,
                    "outcome": obj.outcome(k),
                    "value": obj.settlement[k],
                }
                for k in obj.codebook.sort_keys(obj.settlement)
            ],
            "variants": dict(obj.variants),
            "terms": [{"position": pid, **_evidence_record(c)} for pid, c in obj.terms],
            "blocking_sets": [
                [
                    {
                        "position": d.position,
                        "variant": d.variant,
                        "issue": d.issue,
                        "demands": constraint_json(d.allowed),
                        **_evidence_record(d.condition),
                    }
                    for d in blocking
                ]
                for blocking in obj.blocking_sets
            ],
            "covering": obj.covering,
            "core": list(obj.core),
            "explanation": obj.explain(),
        }
    if is_multi(obj):
        matrix = obj.matrix()
        return {
            "schema": "peacepos/multi-comparison",
            "version": JSON_SCHEMA_VERSION,
            "reading": reading_name(obj.reading),
            "positions": [_position_json(p) for p in obj.positions],
            "issues": [
                {
                    "issue": a.issue,
                    "title": a.title,
                    "blocking": a.blocking,
                    "common_ground": constraint_json(a.common_ground),
                    "addressed_by": list(a.addressed_by),
                    "silent": list(a.silent),
                    "conflicting_pairs": [list(p) for p in a.conflicting_pairs],
                    "coalitions": [list(g) for g in a.coalitions],
                }
                for a in obj.agreements
            ],
            "pairs": [
                {"left": x, "right": y, "relations": {k: r.value for k, r in rel.items()}}
                for (x, y), rel in matrix.items()
            ],
        }
    if is_changes(obj):
        return {
            "schema": "peacepos/changes",
            "version": JSON_SCHEMA_VERSION,
            "earlier": _position_json(obj.earlier),
            "later": _position_json(obj.later),
            "reading": reading_name(obj.reading),
            "changes": [
                {
                    "issue": c.issue,
                    "title": c.title,
                    "change": c.kind.value,
                    "before": constraint_json(c.before),
                    "after": constraint_json(c.after),
                }
                for c in obj.changes
            ],
        }
    if isinstance(obj, Position):
        return {
            "schema": "peacepos/position",
            "version": JSON_SCHEMA_VERSION,
            "position": position_to_dict(obj),
        }
    if isinstance(obj, Finding):
        return {
            "schema": "peacepos/finding",
            "version": JSON_SCHEMA_VERSION,
            "finding": _finding_json(obj, None),
        }
    if isinstance(obj, Codebook):
        return {
            "schema": "peacepos/codebook",
            "version": JSON_SCHEMA_VERSION,
            "codebook": codebook_to_dict(obj),
        }
    raise TypeError(f"cannot render {type(obj).__name__} as JSON")


def records(obj: object) -> list[dict[str, Any]]:
    """One flat record per row: per finding of a comparison, per condition of a position, per
    issue of an N-way comparison, per change of a change report."""
    if isinstance(obj, Comparison):
        return [finding_record(f) for f in obj.findings]
    if isinstance(obj, Finding):
        return [finding_record(obj)]
    if isinstance(obj, Position):
        return [condition_record(obj, c) for c in obj.all_conditions]
    if is_multi(obj):
        return [
            {
                "issue": a.issue,
                "title": a.title,
                "blocking": a.blocking,
                "reading_dependent": a.issue in obj.reading_dependent,
                "common_ground": "" if a.blocking else str(a.common_ground),
                "addressed_by": "; ".join(a.addressed_by),
                "silent": "; ".join(a.silent),
                "conflicting_pairs": "; ".join(f"{x} × {y}" for x, y in a.conflicting_pairs),
                "coalitions": " | ".join(", ".join(g) for g in a.coalitions),
            }
            for a in obj.agreements
        ]
    if is_deal(obj):
        if obj.settlement is not None:
            return [
                {"issue": k, "title": obj.codebook[k].title, "outcome": obj.outcome(k)}
                for k in obj.codebook.sort_keys(obj.settlement)
            ]
        return [
            {
                "set": n,
                "position": d.position,
                "variant": d.variant or "",
                "issue": d.issue,
                "demands": str(d.allowed),
                "condition": d.condition.describe(),
                "document": d.condition.evidence.document,
                "locator": d.condition.evidence.locator,
                "basis": d.condition.evidence.basis.value,
            }
            for n, blocking in enumerate(obj.blocking_sets, start=1)
            for d in blocking
        ]
    if is_changes(obj):
        return [
            {
                "issue": c.issue,
                "title": c.title,
                "change": c.kind.value,
                "reading_dependent": c.reading_dependent,
                "before": constraint_text(c.before),
                "after": constraint_text(c.after),
            }
            for c in obj.changes
        ]
    if isinstance(obj, Codebook):
        return [
            {
                "issue": i.key,
                "title": i.title,
                "outcomes": "; ".join(i.outcomes) if isinstance(i, Issue) else "",
                "unit": "" if isinstance(i, Issue) else i.unit,
                "minimum": None if isinstance(i, Issue) else i.minimum,
                "maximum": None if isinstance(i, Issue) else i.maximum,
                "description": i.description,
            }
            for i in obj.all_issues()
        ]
    raise TypeError(f"no records for {type(obj).__name__}")
