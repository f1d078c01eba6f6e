"""What every object that renders as a report shares (the one rendering path is report.py)."""

from __future__ import annotations

__all__ = ["Renderable"]


class Renderable:
    """``render(format)``, ``str()`` and the notebook reprs, all through peacepos.report."""

    __slots__ = ()

    def render(self, format: str = "plain") -> str:
        """As a table: plain, markdown, html, html-fragment, latex, csv or json."""
        from peacepos.report import render

        return render(self, format)

    def __str__(self) -> str:
        return self.render("plain")

    def _repr_html_(self) -> str:
        return self.render("html-fragment")

    def _repr_markdown_(self) -> str:
        return self.render("markdown")
