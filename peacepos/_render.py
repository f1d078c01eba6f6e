"""The one door from analysis to presentation: ``render()``, ``str()`` and the notebook reprs.

Analysis and semantics never import the presentation layer (:mod:`peacepos.report`); objects
that render reach it here, by name, when first rendered. That keeps the layers one-way (no
import cycle) and keeps the cost of the writers out of ``import peacepos``.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["Renderable", "presentation"]

PRESENTATION = "peacepos.report"


def presentation() -> Any:
    """The presentation layer's module (imported on first use)."""
    return importlib.import_module(PRESENTATION)


class Renderable:
    """``render(format)``, ``str()`` and the notebook reprs, all through the presentation layer."""

    __slots__ = ()

    def render(self, format: str = "plain", *, width: int | None = None) -> str:
        """As a table: plain, markdown, html, html-fragment, latex, csv or json; as a picture,
        svg (the results that have one). ``width`` (plain only) is the widest line; 100
        characters when not given."""
        text: str = presentation().render(self, format, width=width)
        return text

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per row of the table (the JSON report's records)."""
        records: list[dict[str, Any]] = presentation().records(self)
        return records

    def to_frame(self) -> Any:
        """The records as a pandas DataFrame (needs ``pip install pandas``)."""
        try:
            import pandas  # type: ignore[import-untyped, unused-ignore]
        except ImportError:
            raise ImportError(
                f"{type(self).__name__}.to_frame() needs pandas: pip install pandas"
            ) from None
        return pandas.DataFrame.from_records(self.to_records())

    def __str__(self) -> str:
        return self.render("plain")

    def _repr_html_(self) -> str:
        return self.render("html-fragment")

    def _repr_markdown_(self) -> str:
        return self.render("markdown")

    def _repr_svg_(self) -> str | None:
        """The result's picture, if it has one (notebooks show the HTML table first)."""
        picture: str | None = presentation().chart(self)
        return picture
