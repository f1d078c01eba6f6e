"""Writers: one per format, each turning a :class:`~peacepos.report.tables.Table` into text.

User text is escaped for the format it lands in: HTML through :func:`html.escape`, LaTeX through
:func:`latex_escape`, Markdown through :func:`md_escape`, CSV cells never start a formula.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from peacepos._text import clean_line as _one_line
from peacepos.report.tables import Table

__all__ = [
    "CSS",
    "FRAGMENT_CSS",
    "LATEX_PACKAGES",
    "PALETTES",
    "VERDICT_COLOURS",
    "WRITERS",
    "csv_cell",
    "csv_rows",
    "html_page",
    "html_table",
    "html_text",
    "latex_escape",
    "md_escape",
    "verdict_style",
]


PLAIN_WIDTH = 100
"""The width of plain text when none is given: prose wraps at it, and tables wrap their cells
to fit it. The command line passes the terminal's width instead (``COLUMNS`` respected)."""
MIN_PLAIN_WIDTH = 40
_MIN_COLUMN = 8
_MAX_WORD = 30  # longer words (URLs, say) may break across lines when space is short
_GAP = 2  # spaces between the columns of a plain table


def wrap_line(text: str, width: int, indent: str = "", subsequent_indent: str = "") -> list[str]:
    """``textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=...,
    break_on_hyphens=False)``, line for line.

    Report text is one clean line (words between single spaces); for it, this is textwrap's
    own algorithm without what only other text needs (its import compiles patterns, and each
    call builds a wrapper and splits by a pattern): a report wraps some hundred cells. Other
    text goes to textwrap itself.
    """
    if (
        width <= 0
        or "  " in text
        or text[:1] == " "
        or text[-1:] == " "
        or re.search(_SPACE, text)
    ):
        import textwrap

        return textwrap.wrap(
            text,
            width,
            initial_indent=indent,
            subsequent_indent=subsequent_indent,
            break_on_hyphens=False,
        )
    if not text:
        return []  # as textwrap: no words, no lines (whatever the indent)
    words = text.split(" ")
    room = width - len(indent)
    if text.isprintable() and max(map(len, words)) <= min(room, width - len(subsequent_indent)):
        # every word fits on a line, and none is a space of its own (no-break, em): the
        # greedy fill those rules come to
        filled: list[str] = []
        current = words[0]
        for word in words[1:]:
            if len(current) + 1 + len(word) <= room:
                current += " " + word
            else:
                filled.append((subsequent_indent if filled else indent) + current)
                room = width - len(subsequent_indent)
                current = word
        filled.append((subsequent_indent if filled else indent) + current)
        return filled
    chunks = [" "] * (2 * len(words) - 1)
    chunks[::2] = words
    chunks.reverse()  # a stack: the next chunk last
    lines: list[str] = []
    while chunks:
        prefix = subsequent_indent if lines else indent
        room = width - len(prefix)
        if lines and not chunks[-1].strip():
            chunks.pop()  # a line does not start with a space
        line: list[str] = []
        length = 0
        while chunks and length + len(chunks[-1]) <= room:
            length += len(chunks[-1])
            line.append(chunks.pop())
        if chunks and len(chunks[-1]) > room:  # a word longer than any line: break it
            cut = 1 if room < 1 else room - length
            line.append(chunks[-1][:cut])
            chunks[-1] = chunks[-1][cut:]
        if line and not line[-1].strip():
            line.pop()  # nor end with one (or an empty piece of a broken word)
        if line:
            lines.append(prefix + "".join(line))
    return lines


_SPACE = r"[\t\n\x0b\x0c\r]"  # whitespace textwrap turns into spaces


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    return wrap_line(_one_line(text), width, indent, indent + "  " if indent else "") or [""]


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
    natural = [max([len(h), *(len(r[j]) for r in rows)]) for j, h in enumerate(columns)]
    least = [  # per column, its longest word (within reason)
        max(
            1,
            *(
                min(_MAX_WORD, max(map(len, text.split()), default=0))
                for text in (h, *(r[j] for r in rows))
            ),
        )
        for j, h in enumerate(columns)
    ]
    budget = width - _GAP * (len(columns) - 1)
    if sum(min(n, _MIN_COLUMN) for n in natural) > budget:
        return _stacked(rows, columns, width)
    caps = _column_caps(natural, [max(m, _MIN_COLUMN) for m in least], width) or natural
    return _grid(columns, rows, caps)


def _cell_lines(text: str, cap: int) -> list[str]:
    if len(text) <= cap:
        return [text]
    return wrap_line(text, cap) or [""]


def _grid(columns: Sequence[str], rows: Sequence[Sequence[str]], caps: Sequence[int]) -> str:
    """A plain table: headers, a rule of dashes under each column, then the rows; cells wrap
    inside their column (at most ``caps`` characters wide), two spaces between columns."""
    head = [_cell_lines(h, c) for h, c in zip(columns, caps, strict=True)]
    body = [[_cell_lines(x, c) for x, c in zip(row, caps, strict=True)] for row in rows]
    widths = [
        max(len(line) for cell in (head[j], *(r[j] for r in body)) for line in cell)
        for j in range(len(columns))
    ]

    def lines(cells: list[list[str]]) -> list[str]:
        height = max(len(c) for c in cells)
        return [
            "  ".join(
                (c[i] if i < len(c) else "").ljust(w) for c, w in zip(cells, widths, strict=True)
            ).rstrip()
            for i in range(height)
        ]

    out = lines(head)
    out.append("  ".join("-" * w for w in widths))
    for row in body:
        out += lines(row)
    return "\n".join(out)


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


# Patterns compile on first use (re caches them): a plain table needs none of these.
_MD_SPECIAL = r"([\\`*_\[\]<>|#~$])"
# A leading "- ", "+ " or "1. " would start a list where the text follows a list marker.
_MD_LEADING = r"^([-+=]|\d+[.)](?=\s|$))"


URL = r"https?://[^\s<>\"'|\\`\[\]{}()]+[^\s<>\"'|\\`\[\]{}().,;:!?]"
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
    for m in re.finditer(URL, text):
        out += [_md_plain(text[last : m.start()]), f"<{m.group(0)}>"]
        last = m.end()
    out.append(_md_plain(text[last:]))
    return re.sub(_MD_LEADING, lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], "".join(out))


def _md_plain(text: str) -> str:
    text = text.replace("&", "&amp;")
    return re.sub(
        _MD_SPECIAL, lambda m: {"<": "&lt;", ">": "&gt;"}.get(m.group(1), "\\" + m.group(1)), text
    )


def _pipe_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown (pipe) table, its columns padded so that the source reads as a table."""
    widths = [max(3, len(h), *(len(r[j]) for r in rows)) for j, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join(":" + "-" * (w + 1) for w in widths) + "|"
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def _markdown(t: Table, level: int = 3) -> str:
    out = [f"{'#' * level} {md_escape(t.title)}", ""]
    if t.subtitle:
        out += [md_escape(t.subtitle), ""]
    if t.summary:
        out += [md_escape(t.summary), ""]
    rows = [[md_escape(c) for c in row] for row in t.rows]
    headers = [md_escape(c) for c in t.columns]
    out.append(_pipe_table(headers, rows) if rows else "_Nothing to show._")
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
    "↳": r"$\hookrightarrow$",
    "·": r"$\cdot$",
    "…": r"\ldots{}",
}
_LATEX_RE = "|".join(re.escape(k) for k in _LATEX)


def latex_escape(text: str) -> str:
    r"""Escape text for LaTeX body text and table cells (pdflatex-safe for our symbols).

    A leading ``[`` or ``*`` is shielded with ``{}``: after ``\\`` or ``\midrule`` it
    would be read as an optional argument.

    >>> print(latex_escape("[50% of $x_1$ & {y}] #2 \\ ~"))
    {}[50\% of \$x\_1\$ \& \{y\}] \#2 \textbackslash{} \textasciitilde{}
    """
    text = re.sub(_LATEX_RE, lambda m: _LATEX[m.group(0)], _one_line(text))
    return "{}" + text if text.startswith(("[", "*")) else text


LATEX_PACKAGES = ("booktabs", "longtable", "array")
"""What the LaTeX output needs in the preamble, as ``usepackage`` names."""


_NARROW = frozenset("iljtfr.,:;'!|()[]-/ ")
_WIDE = frozenset("mwMW")


def _visual_len(word: str) -> float:
    """A word's width in the widths of an average letter: enough to rank words."""
    return sum(
        0.55 if ch in _NARROW else 1.5 if ch in _WIDE else 1.3 if ch.isupper() else 1.0
        for ch in word
    )


def _units(text: str) -> list[str]:
    """The pieces a cell's text may break into: words, split after each ``/`` and ``-``."""
    return [u for word in text.split() for u in re.findall(r"[^/-]*[/-]|[^/-]+", word)]


def latex_cell(text: str) -> str:
    r"""A table cell: escaped, and breakable after each ``/`` (keys and web addresses are long
    words that would stick out of a narrow column).

    >>> print(latex_cell("territory/crimea & 50%"))
    territory/\allowbreak{}crimea \& 50\%
    """
    return latex_escape(text).replace("/", "/\\allowbreak{}")


_ROMAN = (("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))


def _roman(n: int) -> str:
    out = ""
    for letters, value in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


_MEASURED = 8  # the widest words (by estimate) of each sort that TeX measures per column
_SIZES = ("footnotesize", "scriptsize", "tiny")
HYPHENATED_SHARE = 0.8
"""How much of a plain lower-case word a column must hold: TeX may hyphenate the rest."""

_PUNCTUATION = "'\"()[]{},.;:!?*"


def _hyphenates(unit: str) -> bool:
    """Whether TeX may hyphenate a word: plain lower-case letters, six or more (names, numbers
    and keys are set whole)."""
    core = unit.strip(_PUNCTUATION)
    return len(core) >= 6 and core.isalpha() and core.islower() and core.isascii()


def _latex_columns(t: Table) -> tuple[list[str], str]:
    """The lines that size a table's columns, and its column spec: the widths sum to
    ``\\linewidth``.

    Each column is at least as wide as its widest word (in a column of prose, a share of its
    widest plain lower-case word, which may hyphenate), measured by TeX in the table's own
    font: a register per column, ``\\peaceposwi``, ``\\peaceposwii``, …. What is left of the
    line goes to the columns of prose, by their mean length. Where the words do not fit side
    by side in ``\\footnotesize``, the table is set in ``\\scriptsize``, then ``\\tiny``. Every
    cell is ragged right and may hyphenate its first word (the ``\\hspace{0pt}``).
    """
    allocate: list[str] = []
    measure: list[str] = []
    registers: list[str] = []
    prose: dict[int, float] = {}
    for i, header in enumerate(t.columns):
        cells = [row[i] for row in t.rows if i < len(row)]
        words = {(w, False) for c in cells for w in _units(c)}
        words |= {(w, True) for w in _units(header)}
        mean = sum(len(c) for c in [header, *cells]) / (len(cells) + 1)
        if mean > 10 or max((len(w) for c in cells for w in c.split()), default=0) > 9:
            prose[i] = min(24.0, mean)
        register = f"\\peaceposw{_roman(i + 1)}"
        registers.append(register)
        allocate.append(f"\\ifdefined{register}\\else\\newdimen{register}\\fi")
        measure.append(f"{register}=0pt")
        for hyphenates, macro in ((False, "peaceposwidest"), (True, "peaceposwidestpart")):
            chosen = sorted(
                (x for x in words if (i in prose and _hyphenates(x[0])) == hyphenates),
                key=lambda x: (-_visual_len(x[0]) * (1.1 if x[1] else 1), x),
            )
            measure += [
                f"\\{macro}{register}{{"
                + (f"\\textbf{{{latex_cell(w)}}}" if bold else latex_cell(w))
                + "}"
                for w, bold in chosen[:_MEASURED]
            ]
    total = sum(prose.values()) or 1.0
    rest = rf"\linewidth-{2 * len(t.columns)}\tabcolsep" + "".join(f"-{r}" for r in registers)
    lines = [
        # \peaceposwidest{register}{text}: widen the register to the text's natural width;
        # \peaceposwidestpart to a share of it.
        r"\providecommand\peaceposwidest[2]{\setbox0\hbox{#2}\ifdim\wd0>#1#1=\wd0\relax\fi}",
        r"\providecommand\peaceposwidestpart[2]{\setbox0\hbox{#2}"
        rf"\dimen0={HYPHENATED_SHARE}\wd0\relax\ifdim\dimen0>#1#1=\dimen0\relax\fi}}",
        *allocate,
        r"\def\peaceposmeasure{",
        *measure,
        "}",
        rf"\{_SIZES[0]}\peaceposmeasure",
        *(rf"\ifdim\dimexpr{rest}\relax<0pt\{size}\peaceposmeasure\fi" for size in _SIZES[1:]),
    ]
    specs = []
    for i, register in enumerate(registers):
        width = (
            rf"\dimexpr{register}+({rest})*{round(1000 * prose[i] / total)}/1000\relax"
            if i in prose
            else register
        )
        specs.append(rf">{{\raggedright\arraybackslash\hspace{{0pt}}}}p{{{width}}}")
    return [line + "%" for line in lines], "".join(specs)


def _latex(t: Table, level: int = 0) -> str:
    n = len(t.columns)
    setup, spec = _latex_columns(t)
    header = " & ".join(rf"\textbf{{{latex_cell(c)}}}" for c in t.columns) + r" \\"
    caption = latex_escape(t.title) + (f". {latex_escape(t.subtitle)}" if t.subtitle else "")
    label = re.sub(r"[^A-Za-z0-9:._-]", "-", t.label)
    out = []
    if level == 0:
        out.append(
            "% needs \\usepackage{" + ",".join(LATEX_PACKAGES) + "}; with pdfLaTeX, "
            "Cyrillic quotes also need \\usepackage[T1,T2A]{fontenc}"
        )
    out += [
        r"\begingroup\setlength{\tabcolsep}{3pt}%",
        *setup,
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
    out += [" & ".join(latex_cell(c) for c in row) + r" \\" for row in t.rows]
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
        out += ["", r"{\footnotesize\raggedright"] + [note + r"\par" for note in notes] + ["}"]
    body = "\n".join(out)
    for section in t.sections:
        body += "\n\n" + _latex(section, level + 1)
    if t.sources:
        body += "\n\n" + "\n".join(
            [r"{\footnotesize\raggedright\noindent\textit{Sources.}", r"\begin{enumerate}"]
            + [rf"\item {latex_escape(s)}" for s in t.sources]
            + [r"\end{enumerate}}"]
        )
    return body + "\n"


# -- HTML ------------------------------------------------------------------------------------
#
# One stylesheet serves the standalone page and the notebook fragment. It must hold its own
# against the notebook front ends' table rules, which right-align every cell: classic
# Notebook's `.rendered_html td`, and JupyterLab's
# `:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td`, two classes. Every rule here is
# scoped to `.peacepos.peacepos` and names the table too, so it outranks theirs wherever the
# stylesheets stand in the page. Colours come from a palette of custom properties, light or
# dark; every element that gets a background from the palette also gets its text colour from
# the same palette, so the pair keeps its contrast whatever the host page does. In JupyterLab
# the theme's own variables (`--jp-content-font-color1`, …) give the text and page colours;
# its striped and hovered rows are turned off (a link on them fell below 4.5:1), so every text
# lies on a background of a known pair.

PALETTES: dict[str, dict[str, str]] = {
    "light": {
        "text": "#1b1b1b",
        "page": "#ffffff",
        "head": "#ececec",
        "rule": "#c8c8c8",
        "link": "#0b57d0",
        "mark": "#b07800",
        "agree-bg": "#d4efd4",
        "agree-fg": "#14361b",
        "conflict-bg": "#f7d0d0",
        "conflict-fg": "#5c0c0c",
        "silent-bg": "#e9e9e9",
        "silent-fg": "#1b1b1b",
        "implied-bg": "#fbe9bd",
        "implied-fg": "#3d2b00",
    },
    "dark": {
        "text": "#ececec",
        "page": "#161616",
        "head": "#2b2b2b",
        "rule": "#4a4a4a",
        "link": "#8ab4f8",
        "mark": "#e0a800",
        "agree-bg": "#1d4a27",
        "agree-fg": "#e6f7e8",
        "conflict-bg": "#6e1d1d",
        "conflict-fg": "#fff0f0",
        "silent-bg": "#3a3a3a",
        "silent-fg": "#f0f0f0",
        "implied-bg": "#5a4300",
        "implied-fg": "#fff6dc",
    },
}
"""The colours of the HTML output, light and dark: ``text`` on ``page`` (and on ``head``),
``link`` on ``page``, and each verdict's ``-fg`` on its ``-bg`` keep a WCAG AA contrast
(4.5:1 or more)."""

VERDICT_COLOURS = {
    "same": "agree",
    "narrower": "agree",
    "broader": "agree",
    "overlap": "agree",
    "explicit": "agree",
    "conflict": "conflict",
    "only-left": "silent",
    "only-right": "silent",
    "implied": "implied",
    "contested": "implied",
}
"""Which palette pair colours a verdict cell, by the row's kind."""

# Where a host tells its theme: JupyterLab (and Notebook 7) on <body data-jp-theme-light>,
# VS Code with a class on <body>.
_DARK_HOSTS = (
    '[data-jp-theme-light="false"] .peacepos',
    ".vscode-dark .peacepos",
    ".vscode-high-contrast:not(.vscode-high-contrast-light) .peacepos",
)
_LIGHT_HOSTS = ('[data-jp-theme-light="true"] .peacepos', ".vscode-light .peacepos")


def _palette(name: str) -> str:
    return " ".join(f"--pp-{k}: {v};" for k, v in PALETTES[name].items())


_RULES = """
.peacepos.peacepos { font-family: system-ui, -apple-system, "Segoe UI", sans-serif;
  font-size: 14px; line-height: 1.4; overflow-wrap: break-word;
  color: var(--jp-content-font-color1, var(--pp-text));
  background: var(--jp-layout-color0, var(--pp-page)); }
body.peacepos.peacepos { max-width: 80em; margin: 0 auto; padding: 0.5em 1em; }
.peacepos.peacepos .scroll { overflow-x: auto; max-width: 100%; }
.peacepos.peacepos table { border-collapse: collapse; border-spacing: 0; border: none;
  margin: 0.5em 0 1em; table-layout: auto; color: inherit; font-size: inherit;
  background: transparent; }
.peacepos.peacepos table th, .peacepos.peacepos table td, .peacepos.peacepos table tr {
  text-align: left; vertical-align: top; white-space: normal; max-width: none;
  line-height: 1.35; }
.peacepos.peacepos table th, .peacepos.peacepos table td { padding: 4px 8px; border: none;
  border-bottom: 1px solid var(--jp-border-color2, var(--pp-rule)); }
.peacepos.peacepos table tbody tr { background: transparent; }
.peacepos.peacepos table th { background: var(--pp-head); color: var(--pp-text);
  font-weight: 600; }
.peacepos.peacepos table td.v { white-space: nowrap; }
.peacepos.peacepos table tr.conflict td.v { font-weight: bold; }
.peacepos.peacepos table tr.dependent td:first-child { border-left: 3px solid var(--pp-mark); }
.peacepos.peacepos a:link, .peacepos.peacepos a:visited, .peacepos.peacepos a:hover {
  color: var(--pp-link); }
.peacepos.peacepos details { font-size: 12px; }
.peacepos.peacepos summary { cursor: pointer; }
.peacepos.peacepos p { text-align: left; margin: 0.4em 0; }
.peacepos.peacepos .summary { font-weight: 600; }
.peacepos.peacepos .legend, .peacepos.peacepos .sources { font-size: 12px; }
"""


def _css(page: bool) -> str:
    """The stylesheet; a page also follows the reader's system setting (light or dark)."""
    out = [
        f".peacepos {{ {_palette('light')} }}",
        ",\n".join(_DARK_HOSTS) + f" {{ {_palette('dark')} }}",
        ",\n".join(_LIGHT_HOSTS) + f" {{ {_palette('light')} }}",
    ]
    if page:
        dark = f".peacepos {{ {_palette('dark')} }}"
        out.insert(1, f"@media (prefers-color-scheme: dark) {{ {dark} }}")
    return "\n" + "\n".join(out) + _RULES


CSS = _css(page=True)
"""The stylesheet of HTML pages (light, or dark where the reader's system asks for it)."""
FRAGMENT_CSS = _css(page=False)
"""The stylesheet of the notebook fragment (light, or dark in a dark JupyterLab or VS Code)."""


def verdict_style(kind: str) -> str:
    """The inline colours of a verdict cell, for hosts that drop ``<style>`` (code hosts showing
    notebooks): background and text as one pair, from the theme's palette where the stylesheet
    is present, else the light pair."""
    pair = next((VERDICT_COLOURS[k] for k in kind.split() if k in VERDICT_COLOURS), "")
    if not pair:
        return ""
    light = PALETTES["light"]
    return (
        f"background:var(--pp-{pair}-bg,{light[pair + '-bg']});"
        f"color:var(--pp-{pair}-fg,{light[pair + '-fg']})"
    )


_URL = r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]"


def html_text(text: str) -> str:
    """Text for HTML, on one line, escaped; web addresses in it become links.

    >>> print(html_text("see https://example.org/?a=1&b=2. <b>"))
    see <a href="https://example.org/?a=1&amp;b=2">https://example.org/?a=1&amp;b=2</a>. &lt;b&gt;
    """
    import html  # the HTML writers' own imports: plain text starts without them

    text = _one_line(text)
    out = []
    last = 0
    for m in re.finditer(_URL, text):
        url = html.escape(m.group(0))
        out += [html.escape(text[last : m.start()]), f'<a href="{url}">{url}</a>']
        last = m.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def _verdict_column(columns: Sequence[str]) -> int:
    for name in ("Verdict", "Change", "Basis"):
        if name in columns:
            return columns.index(name)
    return -1


def html_table(t: Table, level: int = 2, sources_of: str = "") -> list[str]:
    """A table's HTML (heading, summary, the table, sections, legend, sources), as lines.

    Sections cite the sources of the table they belong to: their source numbers link to the
    footnotes of ``sources_of`` (the top table's label), unless they list sources of their own.
    """
    import html

    cites = t.label if t.sources or not sources_of else sources_of

    def e(text: str) -> str:
        return html.escape(_one_line(text))

    out = [f"<h{level}>{e(t.title)}</h{level}>"]
    if t.subtitle:
        out.append(f"<p>{e(t.subtitle)}</p>")
    if t.summary:
        out.append(f'<p class="summary">{e(t.summary)}</p>')
    out.append('<div class="scroll"><table>')
    out.append("<thead><tr>" + "".join(f"<th>{e(c)}</th>" for c in t.columns) + "</tr></thead>")
    out.append("<tbody>")
    verdict_col = _verdict_column(t.columns)
    for i, row in enumerate(t.rows):
        kind = t.kinds[i] if i < len(t.kinds) else ""
        style = verdict_style(kind)
        cells = []
        for j, cell in enumerate(row):
            attrs = ""
            if j == verdict_col:
                attrs = ' class="v"' + (f' style="{style}"' if style else "")
            text = e(cell)
            if t.columns[j] == "Sources" and cell:
                text = ", ".join(
                    f'<a href="#src-{e(cites)}-{n}">{n}</a>' for n in re.findall(r"\d+", cell)
                )
            elif t.columns[j] == "URL":
                text = html_text(cell)
            if j == 0 and i < len(t.details):
                lines = "<br>".join(html_text(line) for line in t.details[i].split("\n"))
                text = f"{text}<details><summary>why, and the sources</summary>{lines}</details>"
            cells.append(f"<td{attrs}>{text}</td>")
        out.append(f'<tr class="{e(kind)}">' + "".join(cells) + "</tr>")
    out.append("</tbody></table></div>")
    for s in t.sections:
        out += html_table(s, level + 1, cites)
    if t.legend:
        out.append(
            '<div class="legend"><b>Legend.</b> '
            + " ".join(f"<i>{e(k)}</i>: {e(v)}." for k, v in t.legend)
            + "</div>"
        )
    if t.sources:
        out.append('<details class="sources" open><summary><b>Sources</b></summary><ol>')
        out += [
            f'<li id="src-{e(t.label)}-{i}">{html_text(s)}</li>'
            for i, s in enumerate(t.sources, 1)
        ]
        out.append("</ol></details>")
    return out


def _html_fragment(t: Table) -> str:
    return (
        '<div class="peacepos"><style>'
        + FRAGMENT_CSS
        + "</style>\n"
        + "\n".join(html_table(t, 3))
        + "\n</div>\n"
    )


def html_page(title: str, body: Sequence[str], head: Sequence[str] = ()) -> str:
    """A standalone page: ``body`` lines (already HTML) under the stylesheet, light or dark."""
    import html

    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f"<title>{html.escape(_one_line(title))}</title>\n"
        + "".join(f"{line}\n" for line in head)
        + "</head>\n"
        '<body class="peacepos">\n' + "".join(f"{line}\n" for line in body) + "</body>\n</html>\n"
    )


def _html_page(t: Table) -> str:
    return html_page(
        t.title,
        [*html_table(t, 1), '<p class="legend">Made with peacepos.</p>'],
        head=[f"<style>{CSS}</style>"],
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
    import csv
    import io

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
