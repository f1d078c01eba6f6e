"""User text in reports is escaped for the format it lands in: HTML, LaTeX, Markdown, CSV.

The hostile position here is synthetic (actor "Testland"): its title, actors, quotes,
rationales, locators and sources carry ``<script>``, ``&``, ``%``, ``_``, ``|``, ``#``, ``$``,
``\\``, ``{``, backticks and newlines.
"""

from __future__ import annotations

import csv
import html.parser
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ru import EndOfHostilities, TerritorialIntegrity

import peacepos
from peacepos import write_position
from peacepos.cli import main
from peacepos.conditions import Basis, Evidence
from peacepos.kinds import Ceasefire, TerritorialRecognition
from peacepos.position import Position
from peacepos.report import Table, render
from peacepos.report.tables import table_of
from peacepos.report.writers import WRITERS, latex_escape, md_escape

NASTY = "<script>alert(1)</script> & 100% _x_ |p| #1 $5 \\ {y} `z`"

EVIDENCE = Evidence(
    document="doc <b>&amp;",
    locator="point\n3 | #x_1",
    quote="<script>alert(1)</script> 100% _u_ |p| #t $5 \\b {c} `t`",
    basis=Basis.IMPLIED,
    readers=["<b>reader</b> & co"],
    rationale="why & <i>how</i> 50%\nnext line",
    source="src_1 ~ ^ {",
)
HOSTILE = Position(
    id="testland-hostile",
    title=f"Title {NASTY}\nsecond line",
    actors=(f"Testland {NASTY}", "A|B_C\nD"),
    date="2023-01-01",
    codebook=peacepos.codebook("russia-ukraine"),
    conditions=[
        Ceasefire(evidence=EVIDENCE),
        TerritorialIntegrity(regions=["crimea"], evidence=EVIDENCE),
    ],
)
# The other side is synthetic too: plain ASCII, so pdflatex needs no extra language support.
OTHER = Position(
    id="otherland-2023-01-02",
    title="Synthetic counter-position",
    actors=("Otherland",),
    date="2023-01-02",
    codebook=peacepos.codebook("russia-ukraine"),
    conditions=[
        EndOfHostilities(evidence=Evidence(document="other-doc", locator="point 1")),
        TerritorialRecognition(
            regions=["crimea", "donetsk"], evidence=Evidence(document="other-doc", locator="p2")
        ),
    ],
)


def outputs(fmt: str) -> list[str]:
    """The hostile position alone, and compared with a real one on either side."""
    return [
        render(HOSTILE, fmt),
        render(peacepos.compare(HOSTILE, OTHER), fmt),
        render(peacepos.compare(OTHER, HOSTILE, reading="broad"), fmt),
    ]


def collapse(text: str) -> str:
    return " ".join(text.split())


# -- HTML ------------------------------------------------------------------------------------

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "div", "h1", "h2", "h3", "h4", "h5",
    "p", "table", "thead", "tbody", "tr", "th", "td", "details", "summary", "b", "i", "ol",
    "li", "a", "span", "br", "small", "sup", "code", "abbr",
}  # fmt: skip


class _Collector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.mark.parametrize("fmt", ["html", "html-fragment"])
def test_html_escapes_user_text(fmt: str) -> None:
    for out in outputs(fmt):
        assert "<script" not in out.lower()
        assert "&lt;script&gt;" in out
        parser = _Collector()
        parser.feed(out)
        assert set(parser.tags) <= ALLOWED_TAGS
        assert all(not name.startswith("on") for name, _ in parser.attrs)  # no event handlers
        text = collapse(" ".join(parser.text))
        # Nothing lost: the user's text is all there once the markup is decoded.
        assert collapse(HOSTILE.actors[0]) in text
        assert collapse(EVIDENCE.quote) in text


def test_html_page_title_and_heading_hold_the_escaped_title() -> None:
    out = render(HOSTILE, "html")
    parser = _Collector()
    parser.feed(out)
    assert collapse(HOSTILE.title) in collapse(" ".join(parser.text))


# -- Markdown --------------------------------------------------------------------------------


def cells(row: str) -> list[str]:
    """Split a pipe-table row on unescaped pipes (a backslash escapes the next character)."""
    out, cell, i = [], "", 0
    while i < len(row):
        ch = row[i]
        if ch == "\\" and i + 1 < len(row):
            cell += row[i : i + 2]
            i += 2
            continue
        if ch == "|":
            out.append(cell)
            cell = ""
        else:
            cell += ch
        i += 1
    out.append(cell)
    return out[1:-1]  # a row starts and ends with a pipe


_MD_ESCAPED = re.compile(r"\\[\\`*_\[\]|#~$\-+=.)]|&(?:amp|lt|gt);")


def unescaped_markdown(text: str) -> str:
    """What is left of ``text`` after removing every escape sequence."""
    return _MD_ESCAPED.sub("", text)


def test_markdown_tables_keep_their_column_count() -> None:
    for out in outputs("markdown"):
        rows = [line for line in out.splitlines() if line.startswith("|")]
        assert rows
        widths = {len(cells(r)) for r in rows}
        header = cells(rows[0])
        assert widths == {len(header)}, widths


def test_markdown_escapes_user_text() -> None:
    for out in outputs("markdown"):
        assert "<script" not in out
        assert "<i>" not in out
        assert "<b>" not in out
        assert "&lt;script&gt;" in out
    out = render(peacepos.compare(HOSTILE, OTHER), "markdown")
    rows = [line for line in out.splitlines() if line.startswith("|")]
    header = cells(rows[0])
    assert md_escape(HOSTILE.label) in [c.strip() for c in header]
    # A newline in an actor's name does not break the table or start a new block.
    assert all(line.startswith("|") for line in out.split("\n\n")[3].splitlines())


_AUTOLINK = re.compile(r"<(https?://[^\s<>\"'|\\`\[\]{}()]+)>")


@given(
    st.text(max_size=60)
    | st.builds(lambda a, b: f"{a}http://x.org/{b}", st.text(max_size=20), st.text(max_size=20))
)
def test_md_escape_leaves_no_markup_but_links(text: str) -> None:
    out = md_escape(text)
    assert "\n" not in out
    links = _AUTOLINK.findall(out)
    for link in links:
        assert link in text  # a web address of the text itself, unchanged
    out = _AUTOLINK.sub("", out)
    assert "<" not in out
    assert ">" not in out
    rest = unescaped_markdown(out)
    for ch in "\\`*_[]|#~$<>":
        assert ch not in rest, (text, out)
    assert not re.match(r"[-+=]|\d+[.)](\s|$)", rest), out  # no list or heading markers


# -- LaTeX -----------------------------------------------------------------------------------

_LATEX_ESCAPES = re.compile(
    r"\\(?:textbackslash|textasciitilde|textasciicircum|textless|textgreater|textbar)\{\}"
    r"|\\[&%$#_{}]"
    r"|\$\\(?:leq|geq|times|rightarrow|cdot)\$"
    r"|^\{\}"
)
_LATEX_SPECIALS = "\\&%$#_{}~^"


def unescaped_latex(text: str) -> str:
    return _LATEX_ESCAPES.sub("", text)


@given(st.text(max_size=60))
def test_latex_escape_leaves_no_special_character(text: str) -> None:
    out = latex_escape(text)
    assert "\n" not in out
    rest = unescaped_latex(out)
    for ch in _LATEX_SPECIALS:
        assert ch not in rest, (text, out)
    assert not out.startswith(("[", "*"))  # would be an optional argument after \\


def test_latex_rows_keep_their_column_count() -> None:
    objects = [HOSTILE, peacepos.compare(HOSTILE, OTHER)]
    for obj in objects:
        out = render(obj, "latex")
        columns = len(table_of(obj).columns)
        counts = [
            unescaped_latex(line[:-2]).count("&")
            for line in out.splitlines()
            if line.endswith("\\\\") and "&" in unescaped_latex(line)
        ]
        assert len(counts) > len(table_of(obj).rows)  # the header and every row were seen
        assert set(counts) == {columns - 1}


def test_latex_has_no_raw_user_specials() -> None:
    for out in outputs("latex"):
        assert "<script>" not in out
        assert "\\textless{}script\\textgreater{}" in out
        assert "100\\%" in out
        assert "\\_x\\_" in out
        assert "\\$5" in out


def test_latex_compiles(tmp_path: Path) -> None:
    pdflatex = shutil.which("pdflatex")
    if pdflatex is None:
        pytest.skip("pdflatex is not installed here")
    body = "\n".join(outputs("latex"))
    doc = (
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n"
        "\\usepackage{booktabs,longtable,array}\n\\begin{document}\n"
        + body
        + "\n\\end{document}\n"
    )
    (tmp_path / "t.tex").write_text(doc, encoding="utf-8")
    result = subprocess.run(
        [pdflatex, "-interaction=nonstopmode", "-halt-on-error", "t.tex"],
        cwd=tmp_path,
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]


# -- CSV and JSON ------------------------------------------------------------------------------


def test_csv_round_trips_through_the_csv_module() -> None:
    comparison = peacepos.compare(HOSTILE, OTHER)
    out = render(comparison, "csv")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    expected = [
        {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in record.items()}
        for record in comparison.to_records()
    ]
    assert rows == expected
    assert any("\n" in v for row in rows for v in row.values())  # an embedded newline survived


def test_csv_writer_quotes_every_special() -> None:
    table = Table(
        title="t",
        columns=("a", "b"),
        rows=((NASTY + '\n"quoted", comma', "x\r\ny"),),
    )
    out = WRITERS["csv"](table)
    parsed = list(csv.reader(io.StringIO(out, newline="")))
    assert parsed == [["a", "b"], [NASTY + '\n"quoted", comma', "x\r\ny"]]


def test_json_keeps_user_text_exactly() -> None:
    data = json.loads(render(peacepos.compare(HOSTILE, OTHER), "json"))
    assert data["left"]["actors"] == list(HOSTILE.actors)
    assert data["left"]["title"] == HOSTILE.title
    quotes = {e["quote"] for f in data["findings"] for e in f["left_evidence"]}
    assert quotes == {EVIDENCE.quote}


# -- end to end, from a file -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["markdown", "html", "latex", "csv", "json", "plain"])
def test_cli_escapes_text_from_a_position_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    path = tmp_path / "hostile.json"
    write_position(HOSTILE, path)
    assert main(["compare", str(path), "russia-2023-02-24", "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt in ("markdown", "html", "latex"):
        assert "<script>" not in out
    if fmt == "latex":
        assert "\\textless{}script\\textgreater{}" in out
    if fmt == "json":
        assert json.loads(out)["left"]["actors"] == list(HOSTILE.actors)


def _clean_line_oracle(text: str) -> str:
    """clean_line's rule, character by character."""
    out = []
    for ch in text:
        code = ord(ch)
        if code <= 0x1F or 0x7F <= code <= 0x9F or ch in "\u2028\u2029":
            out.append(" ")
        elif 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069 or ch in "\u200e\u200f":
            continue
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\ufffd")
        else:
            out.append(ch)
    return " ".join("".join(out).split())


@given(
    st.text(
        alphabet=st.one_of(
            st.characters(codec="utf-8"),
            st.sampled_from("\t\n\r\x00\x1f\x7f\x85\x9f\u2028\u2029\u202a\u202e\u2066\u2069"),
            st.sampled_from("\u200b\u200e\u200f\u00a0\u3000\ufeff\ud800\udfff"),
        )
    )
)
def test_clean_line_follows_its_rule_on_any_text(text: str) -> None:
    from peacepos._text import clean_line

    assert clean_line(text) == _clean_line_oracle(text)
