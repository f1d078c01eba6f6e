"""LaTeX tables compile with pdfLaTeX in a plain article, at its default text width.

Each report is put in a short ``article`` (no ``geometry``: the default 345pt line) with
``booktabs``, ``longtable`` and ``array``, compiled with ``pdflatex``, and its log read: the
exit status must be 0 and no line may stick out of the text by more than
:data:`OVERFULL_TOLERANCE` (TeX reports any box more than 0.1pt too wide; a point is a third of a
millimetre). Without ``pdflatex`` (or its Cyrillic fonts, which Russia's quotes need) the tests
are skipped, except on CI (the environment variable ``CI`` is set), where ``.ci/run`` installs
TeX Live and they fail instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import peacepos
from peacepos.report import Table, render

OVERFULL_TOLERANCE = 1.0
"""Points a line may stick out of the text width: less than a third of a millimetre."""

ARTICLE = r"""\documentclass{article}
\usepackage[utf8]{inputenc}
\usepackage[T1,T2A]{fontenc}
\usepackage{booktabs,longtable,array}
\begin{document}
\section{Positions compared}
The table below is computed by peacepos from the positions' conditions and their evidence;
each finding cites its sources, listed after the table.

\input{table.tex}
\end{document}
"""


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and {reason}", pytrace=False)
    pytest.skip(reason)


def compile_article(body: str, where: Path) -> tuple[str, list[float]]:
    """Compile ``body`` in :data:`ARTICLE`: the log, and how far each overfull line sticks out."""
    pdflatex = shutil.which("pdflatex")
    if pdflatex is None:
        _unavailable("pdflatex is not installed (Debian: texlive-latex-recommended)")
    (where / "table.tex").write_text(body, encoding="utf-8")
    (where / "article.tex").write_text(ARTICLE, encoding="utf-8")
    done = subprocess.run(
        [str(pdflatex), "-interaction=nonstopmode", "-halt-on-error", "article.tex"],
        cwd=where,
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        timeout=300,
        check=False,
    )
    if "t2aenc.def' not found" in done.stdout:
        _unavailable("pdflatex has no Cyrillic fonts (Debian: texlive-lang-cyrillic)")
    assert done.returncode == 0, done.stdout[-3000:]
    assert (where / "article.pdf").exists()
    log = (where / "article.log").read_text(encoding="utf-8", errors="replace")
    overfull = [float(x) for x in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide", log)]
    return log, overfull


def _positions(*ids: str) -> list[peacepos.Position]:
    return [peacepos.corpus.load(i) for i in ids]


HEADLINE = ("china-2023-02-24", "russia-2023-02-24")
FOUR = ("ukraine-2022-11-15", "china-2023-02-24", "russia-2023-02-24", "africa-2023-06-17")


@pytest.mark.parametrize(
    "report",
    [
        pytest.param(lambda: peacepos.compare(*_positions(*HEADLINE)), id="comparison"),
        pytest.param(lambda: peacepos.compare_many(*_positions(*FOUR)), id="n-way"),
        pytest.param(lambda: peacepos.deals(*_positions(*FOUR)), id="deal-blocked"),
        pytest.param(
            lambda: peacepos.deals(*_positions("china-2023-02-24", "africa-2023-06-17")),
            id="deal",
        ),
        pytest.param(lambda: _positions("russia-2023-02-24")[0], id="position"),
    ],
)
def test_report_fits_the_default_article_width(report: object, tmp_path: Path) -> None:
    obj = report()  # type: ignore[operator]
    _, overfull = compile_article(render(obj, "latex"), tmp_path)
    assert max(overfull, default=0.0) <= OVERFULL_TOLERANCE, overfull


def test_columns_of_short_words_are_as_wide_as_their_widest_word(tmp_path: Path) -> None:
    """The verdict column holds CONFLICT whole: TeX measured it, no hyphen breaks it."""
    comparison = peacepos.compare(*_positions(*HEADLINE))
    latex = render(comparison, "latex")
    assert r"\peaceposwidest\peaceposwiii{CONFLICT}" in latex
    log, _ = compile_article(latex, tmp_path)
    assert "CON-" not in log


def test_a_table_too_wide_for_footnotesize_is_set_smaller(tmp_path: Path) -> None:
    """Ten columns of long words do not fit side by side in \\footnotesize: the table steps
    down a size instead of sticking out."""
    columns = tuple(f"Column{i}" for i in range(10))
    table = Table(
        title="Ten columns",
        columns=columns,
        rows=tuple(tuple(f"Intergovernmental{i}{j}" for i in range(10)) for j in range(3)),
    )
    latex = render(table, "latex")
    assert r"<0pt\scriptsize\peaceposmeasure\fi" in latex
    _, overfull = compile_article(latex, tmp_path)
    assert max(overfull, default=0.0) <= OVERFULL_TOLERANCE, overfull


def test_the_measuring_registers_are_allocated_once_per_document(tmp_path: Path) -> None:
    """Two tables in one document share the registers: \\newdimen only where undefined."""
    comparison = peacepos.compare(*_positions(*HEADLINE))
    twice = render(comparison, "latex").replace(r"\label{tab:", r"\label{one:") + render(
        comparison, "latex"
    )
    log, overfull = compile_article(twice, tmp_path)
    assert max(overfull, default=0.0) <= OVERFULL_TOLERANCE, overfull
    assert len(re.findall(r"\\peaceposwi=\\dimen\d+", log)) == 1


def test_keys_and_web_addresses_may_break_after_a_slash() -> None:
    from peacepos.report.writers import latex_cell

    assert latex_cell("territory/crimea") == r"territory/\allowbreak{}crimea"
    assert latex_cell("a_b") == r"a\_b"  # escaping still applies
