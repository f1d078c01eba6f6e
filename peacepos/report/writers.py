"""Writers: one per format, each turning a :class:`~peacepos.report.tables.Table` into text.

User text is escaped for the format it lands in: HTML through :func:`html.escape`, LaTeX through
:func:`latex_escape`, Markdown through :func:`md_escape`, CSV cells never start a formula.
"""

from __future__ import annotations

import csv
import html
import io
import re
import textwrap
from collections.abc import Iterable, Sequence

from tabulate import tabulate

from peacepos._text import clean_line as _one_line
from peacepos.report.tables import Table

__all__ = [
    "LATEX_PACKAGES",
    "WRITERS",
    "csv_cell",
    "csv_rows",
    "latex_escape",
    "md_escape",
]


PLAIN_WIDTH = 100
"""The width of plain text when none is given: prose wraps at it, and tables wrap their cells
to fit it. The command line passes the terminal's width instead (``COLUMNS`` respected)."""
MIN_PLAIN_WIDTH = 40
_MIN_COLUMN = 8
_MAX_WORD = 30  # longer words (URLs, say) may break across lines when space is short
_GAP = 2  # tabulate's "simple" format puts two spaces between columns


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    return textwrap.wrap(
        _one_line(text),
        width,
        initial_indent=indent,
        subsequent_indent=indent + "  " if indent else "",
        break_on_hyphens=False,
    ) or [""]


def _column_caps(natural: Sequence[int], least: Sequence[int], width: int) -> list[int] | None:
    """Per column, the widest it may be so that the table fits ``width`` (None: it fits as it
    is). Narrow columns keep their width and the widest share what is left; no column gets
    narrower than ``least`` (its longest word, within reason) unless nothing else fits."""
    budget = width - _GAP * (len(natural) - 1)
    if sum(natural) <= budget:
        return None
    floor = [min(n, m) for n, m in zip(natural, least, strict=True)]
    if sum(floor) > budget:  # some words must break: those of the columns with the longest
        lowest = [min(n, _MIN_COLUMN) for n in natural]
        cap = _largest_cap(floor, lowest, budget)
        floor = [max(f, min(n, cap)) for n, f in zip(floor, lowest, strict=True)]
    cap = _largest_cap(natural, floor, budget)
    return [max(f, min(n, cap)) for n, f in zip(natural, floor, strict=True)]


def _largest_cap(natural: Sequence[int], floor: Sequence[int], budget: int) -> int:
    """The largest cap such that the columns, each ``min(natural, cap)`` but never below its
    ``floor``, fit ``budget`` (1 when nothing does)."""

    def fits(cap: int) -> bool:
        return sum(max(f, min(n, cap)) for n, f in zip(natural, floor, strict=True)) <= budget

    low, high = 1, max(natural)
    while low < high:
        cap = (low + high + 1) // 2
        if fits(cap):
            low = cap
        else:
            high = cap - 1
    return low


def _plain_table(rows: list[list[str]], columns: Sequence[str], width: int) -> str:
    # tabulate pads every header by two characters in the simple format
    natural = [max([len(h) + 2, *(len(r[j]) for r in rows)]) for j, h in enumerate(columns)]
    least = [
        max(
            [
                *(min(_MAX_WORD, len(w) + 2) for w in h.split()),
                *(min(_MAX_WORD, len(w)) for r in rows for w in r[j].split()),
                1,
            ]
        )
        for j, h in enumerate(columns)
    ]
    budget = width - _GAP * (len(columns) - 1)
    if sum(min(n, _MIN_COLUMN) for n in natural) > budget:
        return _stacked(rows, columns, width)
    caps = _column_caps(natural, [max(m, _MIN_COLUMN) for m in least], width)
    text: str = tabulate(
        rows,
        headers=list(columns),
        tablefmt="simple",
        disable_numparse=True,
        maxcolwidths=caps,
        maxheadercolwidths=None if caps is None else [max(1, c - 2) for c in caps],
    )
    return text


def _stacked(rows: list[list[str]], columns: Sequence[str], width: int) -> str:
    """A table too wide for ``width`` even with narrow columns: one block per row, its first
    cell as a heading and the others as ``column: value`` lines."""
    out: list[str] = []
    for row in rows:
        if out:
            out.append("")
        out += _wrap(row[0], width) if row[0] else [columns[0] + ": —"]
        for column, cell in zip(columns[1:], row[1:], strict=True):
            out += _wrap(f"{column}: {cell}" if column else cell, width, "  ")
    return "\n".join(out)


def _plain(t: Table, width: int, level: int = 0) -> str:
    rule = "=" if level == 0 else "-"
    title = _wrap(t.title, width)
    out = [*title, rule * min(max(map(len, title)), width)]
    for text in (t.subtitle, t.summary):
        if text:
            out += _wrap(text, width)
    out.append("")
    rows = [[_one_line(c) for c in row] for row in t.rows]
    out.append(_plain_table(rows, t.columns, width) if rows else "(nothing to show)")
    for s in t.sections:
        out += ["", _plain(s, width, level + 1)]
    if t.legend:
        out += ["", "Legend:"]
        for k, v in t.legend:
            out += _wrap(f"{k}: {v}", width, "  ")
    if t.sources:
        out += ["", "Sources:"]
        for i, text in enumerate(t.sources, 1):
            out += _wrap(f"[{i}] {text}", width, "  ")
    return "\n".join(out)


def plain(t: Table, width: int | None = None) -> str:
    """``t`` as plain text no wider than ``width`` characters (default :data:`PLAIN_WIDTH`):
    prose wraps, and table cells wrap inside their columns."""
    if width is None:
        width = PLAIN_WIDTH
    if isinstance(width, bool) or not isinstance(width, int):
        raise TypeError(f"width must be an int (got {type(width).__name__})")
    if width < MIN_PLAIN_WIDTH:
        raise ValueError(f"width must be at least {MIN_PLAIN_WIDTH} (got {width})")
    return _plain(t, width) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~$])")
# A leading "- ", "+ " or "1. " would start a list where the text follows a list marker.
_MD_LEADING = re.compile(r"^([-+=]|\d+[.)](?=\s|$))")


URL = re.compile(r"https?://[^\s<>\"'|\\`\[\]{}()]+[^\s<>\"'|\\`\[\]{}().,;:!?]")
"""A web address inside text (trailing punctuation stays outside): a link in HTML and
Markdown."""


def md_escape(text: str) -> str:
    r"""Escape text for a Markdown table cell: one line, no markup, no HTML; web addresses
    become autolinks.

    >>> print(md_escape("<script>a|b</script> & $x_1$ # 1"))
    &lt;script&gt;a\|b&lt;/script&gt; &amp; \$x\_1\$ \# 1
    >>> print(md_escape("see https://example.org/a_b?x=1. Then"))
    see <https://example.org/a_b?x=1>. Then
    """
    text = _one_line(text)
    out, last = [], 0
    for m in URL.finditer(text):
        out += [_md_plain(text[last : m.start()]), f"<{m.group(0)}>"]
        last = m.end()
    out.append(_md_plain(text[last:]))
    return _MD_LEADING.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], "".join(out))


def _md_plain(text: str) -> str:
    text = text.replace("&", "&amp;")
    return _MD_SPECIAL.sub(
        lambda m: {"<": "&lt;", ">": "&gt;"}.get(m.group(1), "\\" + m.group(1)), text
    )


def _markdown(t: Table, level: int = 3) -> str:
    out = [f"{'#' * level} {md_escape(t.title)}", ""]
    if t.subtitle:
        out += [md_escape(t.subtitle), ""]
    if t.summary:
        out += [md_escape(t.summary), ""]
    rows = [[md_escape(c) for c in row] for row in t.rows]
    headers = [md_escape(c) for c in t.columns]
    out.append(
        tabulate(rows, headers=headers, tablefmt="pipe", disable_numparse=True)
        if rows
        else "_Nothing to show._"
    )
    for s in t.sections:
        out += ["", _markdown(s, level + 1)]
    if t.legend:
        out += [
            "",
            "**Legend.** " + " ".join(f"*{md_escape(k)}*: {md_escape(v)}." for k, v in t.legend),
        ]
    if t.sources:
        out += ["", "**Sources.**", ""] + [
            f"{i}. {md_escape(s)}" for i, s in enumerate(t.sources, 1)
        ]
    return "\n".join(out) + "\n"


_LATEX = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    "—": "---",
    "–": "--",
    "“": "``",
    "”": "''",
    "≤": r"$\leq$",
    "≥": r"$\geq$",
    "×": r"$\times$",
    "→": r"$\rightarrow$",
    "·": r"$\cdot$",
}
_LATEX_RE = re.compile("|".join(re.escape(k) for k in _LATEX))


def latex_escape(text: str) -> str:
    r"""Escape text for LaTeX body text and table cells (pdflatex-safe for our symbols).

    A leading ``[`` or ``*`` is shielded with ``{}``: after ``\\`` or ``\midrule`` it
    would be read as an optional argument.

    >>> print(latex_escape("[50% of $x_1$ & {y}] #2 \\ ~"))
    {}[50\% of \$x\_1\$ \& \{y\}] \#2 \textbackslash{} \textasciitilde{}
    """
    text = _LATEX_RE.sub(lambda m: _LATEX[m.group(0)], _one_line(text))
    return "{}" + text if text.startswith(("[", "*")) else text


LATEX_PACKAGES = ("booktabs", "longtable", "array")
"""What the LaTeX output needs in the preamble, as ``usepackage`` names."""


def _visual_len(word: str) -> float:
    return len(word) + 0.5 * sum(ch.isupper() for ch in word)  # capitals are wider


def _latex_columns(t: Table) -> str:
    """Column specs: short columns get the width of their longest word (in em), and the
    columns of prose share the rest of the line by their mean length."""
    fixed: dict[int, float] = {}
    prose: dict[int, float] = {}
    for i, header in enumerate(t.columns):
        cells = [header, *(row[i] for row in t.rows if i < len(row))]
        longest_word = max((_visual_len(w) for c in cells for w in c.split()), default=1)
        mean = sum(len(c) for c in cells) / len(cells)
        if mean <= 10 and longest_word <= 9:
            fixed[i] = round(0.62 * longest_word + 0.3, 1)  # em, bold headers included
        else:
            prose[i] = min(24.0, mean)
    total = sum(prose.values()) or 1.0
    used = round(sum(fixed.values()), 1)
    specs = []
    for i in range(len(t.columns)):
        width = (
            f"{fixed[i]}em"
            if i in fixed
            else rf"\dimexpr(\linewidth-{2 * len(t.columns)}\tabcolsep-{used}em)"
            rf"*{round(1000 * prose[i] / total)}/1000\relax"
        )
        specs.append(rf">{{\raggedright\arraybackslash}}p{{{width}}}")
    return "".join(specs)


def _latex(t: Table, level: int = 0) -> str:
    n = len(t.columns)
    spec = _latex_columns(t)
    header = " & ".join(rf"\textbf{{{latex_escape(c)}}}" for c in t.columns) + r" \\"
    caption = latex_escape(t.title) + (f". {latex_escape(t.subtitle)}" if t.subtitle else "")
    label = re.sub(r"[^A-Za-z0-9:._-]", "-", t.label)
    out = []
    if level == 0:
        out.append(
            "% needs \\usepackage{" + ",".join(LATEX_PACKAGES) + "}; with pdfLaTeX, "
            "Cyrillic quotes also need \\usepackage[T1,T2A]{fontenc}"
        )
    out += [
        r"\begingroup\footnotesize\setlength{\tabcolsep}{3pt}",
        rf"\begin{{longtable}}{{@{{}}{spec}@{{}}}}",
        rf"\caption{{{caption}}}\label{{{label}}}\\",
        r"\toprule",
        header,
        r"\midrule",
        r"\endfirsthead",
        rf"\multicolumn{{{n}}}{{@{{}}l}}{{\itshape (continued)}}\\",
        r"\toprule",
        header,
        r"\midrule",
        r"\endhead",
        r"\bottomrule",
        r"\endlastfoot",
    ]
    out += [" & ".join(latex_escape(c) for c in row) + r" \\" for row in t.rows]
    out += [r"\end{longtable}", r"\endgroup"]
    notes = []
    if t.summary:
        notes.append(latex_escape(t.summary))
    if t.legend:
        notes.append(
            r"\textit{Legend.} "
            + " ".join(rf"\textit{{{latex_escape(k)}}}: {latex_escape(v)}." for k, v in t.legend)
        )
    if notes:
        out += ["", r"{\footnotesize"] + [note + r"\par" for note in notes] + ["}"]
    body = "\n".join(out)
    for section in t.sections:
        body += "\n\n" + _latex(section, level + 1)
    if t.sources:
        body += "\n\n" + "\n".join(
            [r"{\footnotesize\noindent\textit{Sources.}", r"\begin{enumerate}"]
            + [rf"\item {latex_escape(s)}" for s in t.sources]
            + [r"\end{enumerate}}"]
        )
    return body + "\n"


_CSS = """
.peacepos { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 14px;
  color: #1b1b1b; max-width: 80em; }
.peacepos table { border-collapse: collapse; margin: 0.5em 0 1em; }
.peacepos th, .peacepos td { border-bottom: 1px solid #ddd; padding: 4px 8px;
  text-align: left; vertical-align: top; }
.peacepos th { background: #f4f4f4; }
.peacepos tr.same td.v, .peacepos tr.narrower td.v, .peacepos tr.broader td.v,
.peacepos tr.overlap td.v { background: #d9f2d9; }
.peacepos tr.conflict td.v { background: #f8d0d0; font-weight: bold; }
.peacepos tr.only-left td.v, .peacepos tr.only-right td.v { background: #eeeeee; }
.peacepos tr.explicit td.v { background: #d9f2d9; }
.peacepos tr.implied td.v { background: #fbecc4; }
.peacepos td.v { white-space: nowrap; }
.peacepos tr.dependent td:first-child { border-left: 3px solid #e0a800; }
.peacepos details { font-size: 12px; color: #444; }
.peacepos .summary { font-weight: 600; }
.peacepos .legend, .peacepos .sources { font-size: 12px; color: #333; }
"""


_COLOURS = {
    "same": "#d9f2d9",
    "narrower": "#d9f2d9",
    "broader": "#d9f2d9",
    "overlap": "#d9f2d9",
    "conflict": "#f8d0d0",
    "only-left": "#eeeeee",
    "only-right": "#eeeeee",
    "explicit": "#d9f2d9",
    "implied": "#fbecc4",
}


def _html_table(t: Table, level: int = 2) -> list[str]:
    def e(text: str) -> str:
        return html.escape(_one_line(text))

    out = [f"<h{level}>{e(t.title)}</h{level}>"]
    if t.subtitle:
        out.append(f"<p>{e(t.subtitle)}</p>")
    if t.summary:
        out.append(f'<p class="summary">{e(t.summary)}</p>')
    out.append("<table>")
    out.append("<thead><tr>" + "".join(f"<th>{e(c)}</th>" for c in t.columns) + "</tr></thead>")
    out.append("<tbody>")
    verdict_col = (
        t.columns.index("Verdict")
        if "Verdict" in t.columns
        else t.columns.index("Change")
        if "Change" in t.columns
        else t.columns.index("Basis")
        if "Basis" in t.columns
        else -1
    )
    for i, row in enumerate(t.rows):
        kind = t.kinds[i] if i < len(t.kinds) else ""
        # Inline colour too: code hosts show notebooks and pages without their <style>.
        colour = next((_COLOURS[k] for k in kind.split() if k in _COLOURS), "")
        style = f' style="background:{colour}"' if colour else ""
        cells = []
        for j, cell in enumerate(row):
            cls = f' class="v"{style}' if j == verdict_col else ""
            text = e(cell)
            if t.columns[j] == "Sources" and cell:
                text = ", ".join(
                    f'<a href="#src-{e(t.label)}-{n}">{n}</a>' for n in re.findall(r"\d+", cell)
                )
            if j == 0 and i < len(t.details):
                lines = "<br>".join(e(line) for line in t.details[i].split("\n"))
                text = f"{text}<details><summary>why, and the sources</summary>{lines}</details>"
            cells.append(f"<td{cls}>{text}</td>")
        out.append(f'<tr class="{e(kind)}">' + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    for s in t.sections:
        out += _html_table(s, level + 1)
    if t.legend:
        out.append(
            '<div class="legend"><b>Legend.</b> '
            + " ".join(f"<i>{e(k)}</i>: {e(v)}." for k, v in t.legend)
            + "</div>"
        )
    if t.sources:
        out.append('<details class="sources" open><summary><b>Sources</b></summary><ol>')
        out += [f'<li id="src-{e(t.label)}-{i}">{e(s)}</li>' for i, s in enumerate(t.sources, 1)]
        out.append("</ol></details>")
    return out


def _html_fragment(t: Table) -> str:
    return (
        '<div class="peacepos"><style>'
        + _CSS
        + "</style>\n"
        + "\n".join(_html_table(t, 3))
        + "\n</div>\n"
    )


def _html_page(t: Table) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(_one_line(t.title))}</title>\n<style>{_CSS}</style>\n</head>\n"
        '<body class="peacepos">\n'
        + "\n".join(_html_table(t, 1))
        + '\n<p class="legend">Made with peacepos.</p>\n</body>\n</html>\n'
    )


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A cell a spreadsheet will not run as a formula: text starting with = + - @ gets a '.
    Booleans are ``true`` and ``false``, as in the JSON report."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def csv_rows(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def _csv(t: Table) -> str:
    return csv_rows(t.columns, t.rows)


WRITERS = {
    "plain": plain,
    "markdown": _markdown,
    "html": _html_page,
    "html-fragment": _html_fragment,
    "latex": _latex,
    "csv": _csv,
}
"""The writer of each table format."""
