"""Reports: golden tables for the headline pair, and the structure of every format."""

from __future__ import annotations

import csv
import html.parser
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import peacepos
from peacepos.report import FORMATS, render
from peacepos.report.records import RECORD_FIELDS

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("PEACEPOS_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def headline() -> peacepos.Comparison:
    return peacepos.compare(
        peacepos.corpus.load("china-2023-02-24"), peacepos.corpus.load("russia-2023-02-24")
    )


@pytest.mark.parametrize(
    ("format", "suffix"),
    [
        ("plain", "txt"),
        ("markdown", "md"),
        ("latex", "tex"),
        ("html", "html"),
        ("json", "json"),
        ("csv", "csv"),
    ],
)
def test_golden_headline_table(headline: peacepos.Comparison, format: str, suffix: str) -> None:
    """A change in the headline table is a reviewed diff: PEACEPOS_UPDATE_GOLDEN=1 rewrites."""
    path = GOLDEN / f"china-vs-russia-2023.{suffix}"
    text = render(headline, format)
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_markdown_has_legend_footnotes_and_a_row_per_finding(
    headline: peacepos.Comparison,
) -> None:
    text = headline.render("markdown")
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    # two header rows, a row per finding, and a row per reader where readers disagree
    readers = sum(len(f.contested) for f in headline.findings)
    terms = sum(1 for f in headline.findings if f.conditional and f.under_terms is not None)
    assert readers > 0
    assert len(rows) == 2 + len(headline.findings) + readers + terms
    assert all(line.count("|") == rows[0].count("|") for line in rows)
    assert "**Legend.**" in text
    assert "**Sources.**" in text
    assert "“new territorial realities”" in text
    assert "read so by" in text  # whose inference each IMPLIED source is


def test_latex_is_a_booktabs_table(headline: peacepos.Comparison) -> None:
    text = headline.to_latex()
    for needle in (
        "\\begin{longtable}",
        "\\caption{",
        "\\label{tab:",
        "\\toprule",
        "\\midrule",
        "\\bottomrule",
        "\\end{longtable}",
        "\\begin{enumerate}",
    ):
        assert needle in text
    body = text.split("\\endlastfoot")[1].split("\\end{longtable}")[0]
    assert "_" not in body.replace("\\_", "")  # every underscore escaped
    main = [f for f in headline.findings if not f.sequence]
    assert body.count("\\\\") == len(main) + sum(len(f.contested) for f in main)


LATEX_DOCUMENT = r"""\documentclass{article}
\usepackage[margin=2cm]{geometry}
\usepackage[utf8]{inputenc}
\usepackage[T1,T2A]{fontenc}
\usepackage{booktabs,longtable,array}
\begin{document}
\input{table.tex}
\end{document}
"""


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_latex_compiles_in_a_booktabs_document(
    headline: peacepos.Comparison, tmp_path: Path
) -> None:
    """The table compiles with pdfLaTeX (T2A for the Cyrillic quote in Russia's evidence),
    and no line sticks out of the margin by more than a few points."""
    (tmp_path / "table.tex").write_text(headline.to_latex(), encoding="utf-8")
    (tmp_path / "doc.tex").write_text(LATEX_DOCUMENT, encoding="utf-8")
    done = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        errors="replace",
        check=False,
        timeout=300,
    )
    if "t2aenc.def' not found" in done.stdout:
        pytest.skip("pdflatex has no Cyrillic (T2A) support here: install texlive-lang-cyrillic")
    assert done.returncode == 0, done.stdout[-2000:]
    assert (tmp_path / "doc.pdf").exists()
    overfull = [
        float(x) for x in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide", done.stdout)
    ]
    assert max(overfull, default=0.0) < 5.0, overfull


class _Checker(html.parser.HTMLParser):
    VOID = frozenset({"meta", "br", "link"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.classes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)
        if tag == "tr":
            self.classes += [c for k, v in attrs if k == "class" for c in (v or "").split()]

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1]}>"
        self.stack.pop()


def test_html_is_balanced_and_colour_coded(headline: peacepos.Comparison) -> None:
    for text in (headline.render("html"), headline._repr_html_()):
        checker = _Checker()
        checker.feed(text)
        checker.close()
        assert checker.stack == []
        assert "conflict" in checker.classes
        assert "only-left" in checker.classes
        assert "dependent" in checker.classes  # reading-dependent rows are marked
        assert "<details>" in text  # evidence and explanation on demand
    assert headline.render("html").startswith("<!DOCTYPE html>")


def test_json_schema(headline: peacepos.Comparison) -> None:
    data = json.loads(headline.render("json"))
    assert data["schema"] == "peacepos/comparison"
    assert data["version"] == peacepos.report.JSON_SCHEMA_VERSION == 2
    assert data["left"]["id"] == "china-2023-02-24"
    assert len(data["findings"]) == len(headline.findings)
    crimea = [f for f in data["findings"] if f["issue"] == "territory/crimea/recognition"]
    assert [f["reading"] for f in crimea] == ["strict", "broad"]
    assert [f["relation"] for f in crimea] == ["only-right", "contested"]
    assert crimea[1]["left"] is None  # the text says nothing
    assert crimea[1]["left_evidence"] == []
    readers = {v["left_reader"]: v for v in crimea[1]["contested"]}
    assert readers["Russian Foreign Ministry"]["relation"] == "same"
    assert readers["US officials"]["relation"] == "conflict"
    assert readers["US officials"]["left_evidence"][0]["basis"] == "implied"


def test_csv_and_records(headline: peacepos.Comparison) -> None:
    rows = list(csv.DictReader(io.StringIO(headline.render("csv"))))
    assert tuple(rows[0]) == RECORD_FIELDS
    assert len(rows) == len(headline.findings)
    records = headline.to_records()
    assert [r["issue"] for r in records] == [r["issue"] for r in rows]
    assert records[0]["relation"] == "broader"


def test_to_frame_says_what_to_install_without_pandas(
    headline: peacepos.Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (pandas itself: the extra's name only installs from an index that has peacepos)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"needs pandas: pip install pandas$"):
        headline.to_frame()


@pytest.mark.parametrize("format", FORMATS)
def test_every_object_renders_in_every_format(format: str) -> None:
    china = peacepos.corpus.load("china-2023-02-24")
    russia = peacepos.corpus.load("russia-2023-02-24")
    objects: list[object] = [
        china,
        peacepos.compare(china, russia),
        peacepos.compare_many(china, russia),
    ]
    for obj in objects:
        text = render(obj, format)
        assert text.endswith("\n")
        assert ("China" in text) or ("china" in text)


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="format must be one of"):
        render(peacepos.corpus.load("china-2023-02-24"), "pdf")


def test_notebook_reprs(headline: peacepos.Comparison) -> None:
    assert headline._repr_markdown_() == headline.render("markdown")
    position = headline.left
    assert "<table>" in position._repr_html_()
    assert position._repr_markdown_().startswith("### ")


def test_csv_cells_are_not_spreadsheet_formulas() -> None:
    evidence = peacepos.Evidence(document="doc", locator='=HYPERLINK("http://x")', quote="+1")
    p = peacepos.Position(
        id="p",
        title="-t",
        actors=("@A",),
        date="2023-01-01",
        codebook=peacepos.codebook("russia-ukraine"),
        conditions=(peacepos.Ceasefire(evidence=evidence),),
    )
    rows = list(csv.DictReader(io.StringIO(render(p, "csv"))))
    assert rows[0]["locator"] == '\'=HYPERLINK("http://x")'
    assert rows[0]["quote"] == "'+1"
    assert rows[0]["actors"] == "'@A"
    assert all(not v.startswith(("=", "+", "-", "@")) for row in rows for v in row.values())


# -- a stance that rests on readers' inferences names them ---------------------------------


def _cells(table: peacepos.report.Table, issue_title: str) -> list[tuple[str, ...]]:
    return [row for row in table.rows if row[0] == issue_title]


def test_a_stance_only_readers_infer_names_them_and_the_text_is_not_blamed() -> None:
    from peacepos.report.tables import table_of

    china = peacepos.corpus.load("china-2023-02-24")
    russia = peacepos.corpus.load("russia-2023-02-24")
    table = table_of(peacepos.compare(china, russia, reading="broad"))
    (crimea,) = _cells(table, "Control: Crimea with Sevastopol")
    # China's paper says nothing on control; two readers infer "held by Ukraine"
    assert china.constraints("strict").get("territory/crimea/control") is None
    assert crimea[3] == "held by Ukraine (read by US officials / Ukraine's president)"
    # Russia's text says "halt" itself; China's "halt" is the analyst's inference
    (arms,) = _cells(table, "Arms deliveries to Ukraine")
    assert arms[3] == "halt (read by the analyst)"
    assert arms[4] == "halt"
    # a stance the text states, which inferences leave as it is, names no reader
    (talks,) = _cells(table, "Talks")
    assert "read by" not in talks[3] + talks[4]
    assert any(term == "(read by …)" for term, _ in table.legend)


def test_rows_of_the_strict_reading_and_of_both_readings_name_no_reader() -> None:
    from peacepos.report.tables import table_of

    china = peacepos.corpus.load("china-2023-02-24")
    russia = peacepos.corpus.load("russia-2023-02-24")
    for reading in ("strict", "both"):
        table = table_of(peacepos.compare(china, russia, reading=reading))
        for row in table.rows:
            if not row[1].startswith("broad"):
                assert "(read by" not in row[3] + row[4], row
    strict = table_of(peacepos.compare(china, russia, reading="strict"))
    assert all(term != "(read by …)" for term, _ in strict.legend)


def _named(cell: str) -> tuple[str, list[str]]:
    """A cell's stance and the readers it names (none: the text's own)."""
    if cell.endswith(")") and " (read by " in cell:
        stance, names = cell[:-1].rsplit(" (read by ", 1)
        return stance, names.split(" / ")
    return cell, []


def test_a_broad_cell_is_the_text_s_stance_unless_it_names_readers_whose_reading_changes_it() -> (
    None
):
    """Over every built-in pair (the closest variants, where there are some), in the broad
    reading: a cell that names no reader, also under terms, shows exactly what the side's text
    says (its strict stance); a cell that names readers shows something else, and each named
    reader's own reading differs from the text there."""
    import itertools

    from peacepos.report.tables import table_of

    positions = [peacepos.corpus.load(i) for i in peacepos.corpus.ids()]
    cells = named = under = 0
    for a, b in itertools.combinations(positions, 2):
        if a.codebook.name != b.codebook.name:
            continue
        c = peacepos.compare(a, b, reading="broad")
        shown = c.closest.comparison if c.closest is not None else c
        for f in c.findings:
            rows = table_of(f).rows
            for side, col in ((shown.left, 3), (shown.right, 4)):
                said = side.constraints("strict").get(f.issue)
                stance, readers = _named(rows[0][col])
                if f.relation is not peacepos.Relation.CONTESTED:
                    if not readers:
                        assert stance == ("—" if said is None else str(said)), (a.id, f.issue)
                    for r in readers:
                        assert side.constraints([r]).get(f.issue) != said, (side.id, f.issue, r)
                    cells += 1
                    named += bool(readers)
                terms = [row for row in rows if row[0].startswith("↳ under terms")]
                if not terms:
                    continue
                own = side.stances("strict").get(f.issue)
                said_under = None if own is None else own.under_terms
                stance, readers = _named(terms[0][col])
                if not readers:
                    assert stance == ("—" if said_under is None else str(said_under)), (
                        side.id,
                        f.issue,
                    )
                for r in readers:
                    mine = side.stances([r]).get(f.issue)
                    assert (mine.under_terms if mine else None) != said_under, (side.id, r)
                under += bool(readers)
    assert cells > 1000
    assert named > 100
    assert under > 5


def test_a_reading_by_chosen_readers_names_only_them() -> None:
    from peacepos.report.tables import table_of

    china = peacepos.corpus.load("china-2023-02-24")
    russia = peacepos.corpus.load("russia-2023-02-24")
    table = table_of(peacepos.compare(china, russia, reading=["US officials"]))
    (crimea,) = _cells(table, "Control: Crimea with Sevastopol")
    assert crimea[3] == "held by Ukraine (read by US officials)"


def test_a_finding_rendered_alone_names_the_readers_of_a_side_only_readers_speak_for() -> None:
    from peacepos.report.tables import table_of

    china = peacepos.corpus.load("china-2023-02-24")
    russia = peacepos.corpus.load("russia-2023-02-24")
    c = peacepos.compare(china, russia, reading="broad")
    alone = table_of(c.finding("territory/crimea/control"))
    assert alone.rows[0][3] == "held by Ukraine (read by US officials / Ukraine's president)"
    talks = table_of(c.finding("talks"))  # China: EXPLICIT and IMPLIED conditions together
    assert "read by" not in talks.rows[0][3]  # the text says "direct" itself
    mixed = peacepos.compare(
        peacepos.corpus.load("ukraine-2022-03-29"),
        peacepos.corpus.load("russia-2026-01-23"),
        reading="broad",
    ).finding("territory/luhansk/control")
    assert table_of(mixed).rows[0][4] == "held by Russia (read by Reuters)"
    assert any(term == "(read by …)" for term, _ in table_of(mixed).legend)


def test_records_name_the_readers_a_stance_rests_on() -> None:
    china = peacepos.corpus.load("china-2023-02-24")
    russia = peacepos.corpus.load("russia-2023-02-24")
    result = peacepos.compare(china, russia)
    by_row = {(r["issue"], r["reading"]): r for r in result.to_records()}
    crimea = by_row[("territory/crimea/control", "broad")]
    assert crimea["left_read_by"] == "US officials / Ukraine's president"
    assert crimea["right_read_by"] == ""
    assert all(r["left_read_by"] == "" for r in by_row.values() if r["reading"] != "broad")
    data = json.loads(result.render("json"))
    (found,) = [
        f
        for f in data["findings"]
        if f["issue"] == "territory/crimea/control" and f["reading"] == "broad"
    ]
    assert found["left_read_by"] == ["US officials", "Ukraine's president"]
    assert found["right_read_by"] == []


# -- wrapping: textwrap's lines, faster ----------------------------------------------------

_WRAP_TEXT = st.text(alphabet="ab-. \t\n\xa0\u2003", max_size=60) | st.lists(
    st.text(alphabet="abc-\xa0", min_size=1, max_size=25), max_size=12
).map(" ".join)


@given(
    text=_WRAP_TEXT,
    width=st.integers(-1, 30),
    indent=st.sampled_from(["", "  ", "    "]),
    subsequent=st.sampled_from(["", "  ", "      "]),
)
def test_wrapping_a_line_gives_textwraps_lines(
    text: str, width: int, indent: str, subsequent: str
) -> None:
    import textwrap

    from peacepos.report.writers import wrap_line

    # textwrap itself never ends on some text when an indent leaves no room (a known bug);
    # peacepos's indents are far narrower than any line it wraps
    assume(not text or width <= 0 or width > max(len(indent), len(subsequent)))
    try:
        expected = textwrap.wrap(
            text,
            width,
            initial_indent=indent,
            subsequent_indent=subsequent,
            break_on_hyphens=False,
        )
    except ValueError as error:
        with pytest.raises(ValueError, match=re.escape(str(error))):
            wrap_line(text, width, indent, subsequent)
        return
    assert wrap_line(text, width, indent, subsequent) == expected


@pytest.mark.parametrize("width", [1, 2, 3])
def test_wrapping_no_text_gives_no_lines_whatever_the_indent(width: int) -> None:
    from peacepos.report.writers import wrap_line

    assert wrap_line("", width, "    ", "      ") == []
