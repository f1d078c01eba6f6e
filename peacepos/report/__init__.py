"""The presentation layer: every result as a table, in every format.

Every format is built from the same :class:`~peacepos.report.tables.Table` (caption, columns,
rows, legend, sources) and written by one writer per format: ``plain``, ``markdown``, ``html``
(a standalone page), ``html-fragment`` (for notebooks), ``latex`` (booktabs), ``csv`` and
``json``. Results that have a picture also render as ``svg`` (:mod:`.charts`). Result objects
reach this package through :mod:`peacepos._render` only.

>>> import peacepos
>>> c = peacepos.compare(peacepos.corpus.load("china-2023-02-24"),
...                      peacepos.corpus.load("russia-2023-02-24"))
>>> print(render(c, "markdown").splitlines()[0])
### China vs Russia
"""

from __future__ import annotations

from typing import Any

from peacepos.analysis.compare import Comparison, Finding
from peacepos.position import Position
from peacepos.report.records import (
    CONDITION_FIELDS,
    JSON_SCHEMA_VERSION,
    RECORD_FIELDS,
    records,
    to_json_data,
)
from peacepos.report.tables import Table, table_of
from peacepos.report.writers import WRITERS, csv_cell, plain

__all__ = [
    "CHART_FORMATS",
    "FORMATS",
    "JSON_SCHEMA_VERSION",
    "Table",
    "chart",
    "records",
    "render",
]

FORMATS = ("plain", "markdown", "html", "html-fragment", "latex", "csv", "json")
"""The table formats: every result renders in each."""
CHART_FORMATS = ("svg",)
"""The picture formats: a ``MultiComparison`` (its issue matrix), a ``RelationMatrix`` (its
pairwise heatmap) and a ``Changes`` (its timeline) render in each (:mod:`.charts`)."""


def chart(obj: object) -> str | None:
    """The picture of a result (:func:`peacepos.report.charts.chart`), or None."""
    from peacepos.report.charts import chart as picture  # SVG writing loads when asked for

    return picture(obj)


def render(obj: object, format: str = "plain", *, width: int | None = None) -> str:
    """Render a result (comparison, N-way comparison, changes, deal, position, codebook,
    finding) or a :class:`Table` in one of :data:`FORMATS`, or a result that has a picture in
    ``svg``. ``width`` is for ``plain`` only: the widest line,
    :data:`~peacepos.report.writers.PLAIN_WIDTH` when not given."""
    if isinstance(format, str) and format in CHART_FORMATS:
        picture = chart(obj)
        if picture is None:
            raise ValueError(
                f"{type(obj).__name__} has no picture: svg renders a MultiComparison, a "
                "RelationMatrix or a Changes"
            )
        return picture
    if not isinstance(format, str) or format not in FORMATS:
        names = ", ".join((*FORMATS, *CHART_FORMATS))
        raise ValueError(f"format must be one of {names} (got {format!r})")
    if width is not None and format != "plain":
        raise ValueError(f"width is for the plain format only (got format {format!r})")
    if format == "plain":
        return plain(table_of(obj), width)
    if format == "json":
        import json  # each format's own imports load when it is asked for

        return json.dumps(to_json_data(obj), ensure_ascii=False, indent=2) + "\n"
    if format == "csv" and not isinstance(obj, Table):
        # every result's CSV is its records (to_records()), one row per finding, condition,
        # issue or change; only a bare Table writes its own rows
        rows = records(obj)
        if isinstance(obj, Comparison | Finding):
            fields: tuple[str, ...] = RECORD_FIELDS
        elif isinstance(obj, Position):
            fields = CONDITION_FIELDS
        else:
            fields = tuple(rows[0]) if rows else ()
        return _csv_records(fields, rows)
    return WRITERS[format](table_of(obj))


def _csv_records(fields: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
    return buffer.getvalue()
