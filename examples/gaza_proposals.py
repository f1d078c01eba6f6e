"""Every built-in position on the Gaza war, 2024-2025, in one report.

Writes ``gaza_proposals.md`` and the picture it embeds (``gaza_proposals_matrix.svg``) into
``examples/output/``, or into the directory given:

    python examples/gaza_proposals.py [OUTPUT_DIR]

The report is computed from peacepos' built-in data and nothing else: the ``israel-hamas``
codebook and the positions written in it. Like ``ukraine_proposals.py``, the output is
deterministic (no dates, no randomness, no plotting library), so CI regenerates it and compares
it byte for byte with the committed copy.

Sections: the documents; joint common ground; the camps on each issue that blocks agreement
(``compare_many``); every document on every issue (the cross-document matrix, also as a
picture); conflicts per pair of documents; issues whose readers disagree; conditional terms and
where they would meet the other side (``Stance.terms`` and ``Stance.under_terms``); change over
time; one pair side by side; and a section for deals, left as a placeholder until
``peacepos.deals`` exists.
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import peacepos
from peacepos import Relation
from peacepos.analysis.many import MultiComparison
from peacepos.conditions import Basis, Condition
from peacepos.constraints import Constraint
from peacepos.io import write_text_atomic
from peacepos.position import Position, Reading, Stance
from peacepos.report import render
from peacepos.report.writers import md_escape

CODEBOOK = "israel-hamas"
GAZA = peacepos.codebook(CODEBOOK)

READING: Reading = "broad"
OUTPUT = Path(__file__).resolve().parent / "output"
REPORT = "gaza_proposals.md"
MATRIX_SVG = "gaza_proposals_matrix.svg"

# Short names for tables and pictures; a position not listed here falls back to its actors.
SHORT = {
    "biden-2024-05-31": "Biden proposal",
    "unsc-2024-06-10": "Resolution 2735",
    "hamas-2024-06-11": "Hamas, June terms",
    "hamas-2024-07-06": "Hamas, July shift",
    "israel-2024-09-04": "Israel, 2024 terms",
    "gaza-agreement-2025-01-16": "January agreement",
    "cairo-2025-03-04": "Cairo plan",
    "trump-2025-09-29": "20-point plan",
    "israel-2025-09-29": "Israel accepts the plan",
}
# The pair shown in full, and the successions shown as change over time.
SIDE_BY_SIDE = ("hamas-2024-06-11", "israel-2024-09-04")
SUCCESSIONS = (
    ("Hamas", ("hamas-2024-06-11", "hamas-2024-07-06")),
    ("Israel", ("israel-2024-09-04", "israel-2025-09-29")),
)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Camp colours (largest agreeing camp first), colour-blind-safe (ColorBrewer Dark2).
CAMP_COLOURS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02")
SILENT_COLOUR = "#f2f2f2"
CONTESTED_COLOUR = "#9e9e9e"
TERMS_COLOUR = "#ffffff"


# -- names and words ----------------------------------------------------------------------


def gaza_positions() -> list[Position]:
    """The built-in positions written in the israel-hamas codebook, by date."""
    return [p for p in peacepos.corpus.load_all() if p.codebook.name == CODEBOOK]


def month(date: datetime.date) -> str:
    """``2024-05-31`` → ``'May 2024'`` (no locale: strftime's %b depends on it)."""
    return f"{MONTHS[date.month - 1]} {date.year}"


def short(p: Position) -> str:
    return f"{SHORT.get(p.id, p.label)} ({month(p.date)})"


def stance(c: Constraint | None) -> str:
    """A constraint in a few words: ``'full ceasefire / end of war'``; blank when silent."""
    if c is None:
        return ""
    return str(c).replace(" or ", " / ")


def depends_on_implied(p: Position, issue: str) -> bool:
    """True where the broad stance differs from the strict one (IMPLIED conditions count)."""
    return p.constraint(issue, "strict") != p.constraint(issue, "broad")


def stance_of(p: Position, issue: str) -> Stance | None:
    return p.stances(READING).get(issue)


def joint(positions: Sequence[Position], issue: str) -> Constraint:
    """What every one of ``positions`` accepts on ``issue`` (all of them address it)."""
    found = [p.constraint(issue, READING) for p in positions]
    common = found[0]
    assert common is not None
    for c in found[1:]:
        assert c is not None
        common = common & c
    return common


def camps(m: MultiComparison) -> dict[tuple[str, str], int]:
    """(issue, position id) → index of the largest agreeing coalition the position is in."""
    out: dict[tuple[str, str], int] = {}
    for a in m.agreements:
        for pid in a.addressed_by:
            out[(a.issue, pid)] = next(i for i, g in enumerate(a.coalitions) if pid in g)
    return out


def conflict_counts(m: MultiComparison) -> dict[tuple[str, str], int]:
    """Issues in conflict per pair, both orders."""
    out: dict[tuple[str, str], int] = {}
    for (a, b), relations in m.matrix().items():
        n = sum(r is Relation.CONFLICT for r in relations.values())
        out[(a, b)] = out[(b, a)] = n
    return out


def confidence_grade(p: Position) -> str:
    """The first clause of a position's confidence note: 'Medium', 'High for ...'."""
    text = p.confidence.strip()
    for stop in (":", ". "):
        text = text.split(stop, 1)[0]
    return text.rstrip(".")


def requirement_state(requirement: Condition, other: Position) -> str:
    """Whether ``other`` gives what a conditional term requires (the engine's rule: met,
    open or refused, by its unconditional stance under the report's reading)."""
    return peacepos.analysis.compare.requirement_state(requirement, other, READING)


# -- SVG ----------------------------------------------------------------------------------


def svg_open(width: int, height: int, title: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" '
        f'font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]


def matrix_svg(m: MultiComparison) -> str:
    """Positions (rows) × issues (columns), each cell coloured by the position's camp."""
    issues = [a.issue for a in m.agreements]
    camp = camps(m)
    cell, left, top = 16, 230, 235
    used = max(camp.values(), default=0) + 1
    width = left + cell * len(issues) + 130  # room for the last rotated labels
    legend_rows = (min(used, 6) + 5) // 2
    height = top + cell * len(m.positions) + 70 + 20 * legend_rows
    out = svg_open(width, height, f"Document × issue matrix, {READING} reading")
    for j, key in enumerate(issues):
        x = left + j * cell + cell // 2 + 4
        out.append(
            f'<text x="{x}" y="{top - 6}" transform="rotate(-60 {x} {top - 6})">'
            f"{escape(key)}</text>"
        )
        group = key.split("/")[0]
        if j and issues[j - 1].split("/")[0] != group:
            x0 = left + j * cell
            out.append(
                f'<line x1="{x0}" y1="{top - 4}" x2="{x0}" '
                f'y2="{top + cell * len(m.positions) + 4}" stroke="#999999" stroke-width="1"/>'
            )
    for i, p in enumerate(m.positions):
        y = top + i * cell
        out.append(
            f'<text x="{left - 8}" y="{y + cell - 4}" text-anchor="end">{escape(short(p))}</text>'
        )
        for j, key in enumerate(issues):
            x = left + j * cell
            st = stance_of(p, key)
            c = p.constraint(key, READING)
            tip = f"{short(p)} — {GAZA[key].title}: {stance(c) or 'no unconditional stance'}"
            stroke = ""
            if c is not None:
                fill = CAMP_COLOURS[min(camp[(key, p.id)], len(CAMP_COLOURS) - 1)]
                opacity = "0.45" if depends_on_implied(p, key) else "1"
                if opacity != "1":
                    tip += " (rests on IMPLIED conditions)"
            elif st is not None and st.contested:
                fill, opacity = CONTESTED_COLOUR, "1"
                tip += "; readers disagree"
            elif st is not None and st.terms:
                fill, opacity = TERMS_COLOUR, "1"
                stroke = ' stroke="#333333" stroke-dasharray="2,2"'
            else:
                fill, opacity = SILENT_COLOUR, "1"
            if st is not None and st.terms:
                assert st.under_terms is not None
                tip += f"; under its conditional terms: {stance(st.under_terms)}"
            out.append(
                f'<rect x="{x + 1}" y="{y + 1}" width="{cell - 2}" height="{cell - 2}" '
                f'fill="{fill}" fill-opacity="{opacity}"{stroke}>'
                f"<title>{escape(tip)}</title></rect>"
            )
    y = top + cell * len(m.positions) + 28
    ordinals = ("second", "third", "fourth", "fifth", "sixth or later")
    legend = [
        (CAMP_COLOURS[0], "1", "", "largest camp on the issue (all who speak, if no conflict)"),
        *((CAMP_COLOURS[k], "1", "", f"{ordinals[k - 1]} camp") for k in range(1, min(used, 6))),
        (CAMP_COLOURS[0], "0.45", "", "paler: the stance rests on IMPLIED conditions"),
        (CONTESTED_COLOUR, "1", "", "readers disagree, and the text itself is silent"),
        (TERMS_COLOUR, "1", ' stroke-dasharray="2,2"', "only a conditional term"),
        (SILENT_COLOUR, "1", "", "silent"),
    ]
    for k, (fill, opacity, dash, text) in enumerate(legend):
        x = left + (k % 2) * 330
        yy = y + (k // 2) * 20
        stroke = "#333333" if dash else "#cccccc"
        out.append(
            f'<rect x="{x}" y="{yy - 11}" width="14" height="14" fill="{fill}" '
            f'fill-opacity="{opacity}" stroke="{stroke}"{dash}/>'
        )
        out.append(f'<text x="{x + 20}" y="{yy}">{escape(text)}</text>')
    out.append(
        f'<text x="10" y="{y + 20 * ((len(legend) + 1) // 2) + 12}" fill="#555555">A camp: '
        "documents whose stances on the issue still share an acceptable outcome (maximal "
        f"agreeing coalitions, {READING} reading).</text>"
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"


# -- the report ---------------------------------------------------------------------------


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A pipe table of cells that are already Markdown (escape user text before)."""
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def names(ids: Sequence[str], by_id: dict[str, Position]) -> str:
    return ", ".join(short(by_id[i]) for i in ids)


def relation_words(relation: Relation) -> str:
    return {
        Relation.SAME: "the same",
        Relation.NARROWER: "overlap",
        Relation.BROADER: "overlap",
        Relation.OVERLAP: "overlap",
        Relation.CONFLICT: "conflict",
        Relation.ONLY_LEFT: "one-sided",
        Relation.ONLY_RIGHT: "one-sided",
    }[relation]


def reading_section(m: MultiComparison, strict: MultiComparison) -> list[str]:
    broad_blocking = {a.issue for a in m.blocking}
    strict_blocking = {a.issue for a in strict.blocking}
    only_broad = [a.title for a in m.agreements if a.issue in broad_blocking - strict_blocking]
    lines = [
        "## How to read this report",
        "",
        f"- **Issues and outcomes.** A settlement has to answer {len(m.agreements)} questions "
        "that at least one document addresses: the ceasefire and whether fighting may resume, "
        "hostages and prisoners, Israeli withdrawal zone by zone, Hamas's arms and role, who "
        "governs and who secures Gaza, reconstruction, aid, displacement, a Palestinian state "
        "and the order of the steps. For each, a document accepts a set of outcomes; numbers "
        "(days, trucks, prisoners) are ranges.",
        "- **Reading.** Unless a section says otherwise, everything below uses the **broad "
        "reading**: the conditions a text states (EXPLICIT) *and* those a named reader infers "
        "from it (IMPLIED, each with its rationale). "
        + (
            f"Under the strict reading (EXPLICIT only), {len(strict.blocking)} issues block "
            f"agreement instead of {len(m.blocking)}"
            if broad_blocking != strict_blocking
            else f"Under the strict reading (EXPLICIT only) the same {len(m.blocking)} issues "
            "block agreement, though camps and common ground may differ"
        )
        + (
            " (blocking only under the broad reading: " + md_escape(", ".join(only_broad)) + ")."
            if only_broad
            else "."
        ),
        "- **Rules of the codebook.** Some stances follow from others by the codebook's rules "
        "— a complete withdrawal leaves no Israeli forces in any zone of Gaza; a permanent "
        "ceasefire leaves no right to resume fighting when talks stall. They count like the "
        "stances they follow from, and each finding names the rule.",
        "- **Silence is not acceptance.** A document that says nothing on an issue is left "
        "out of that issue's common ground and never counts as agreeing or disagreeing.",
        "- **Readers who disagree.** Where the readers of one text draw contradicting "
        "inferences from it, the issue is *contested*: the report shows each reader's "
        "reading and counts only what the text itself says.",
        "- **Conditional terms** are outcomes a document accepts only if something else is "
        "given (Hamas would disarm only if a state is set up). They are left out of the "
        "common ground and the camps, and have a section of their own.",
        "- **Sequence** issues record *when*, not what: whether the hostages go free before "
        "or after a permanent end of the war, whether Israeli forces pull back in the first "
        "phase, whether a ceasefire waits for preconditions.",
        "",
    ]
    return lines


def documents_section(positions: Sequence[Position]) -> list[str]:
    rows = []
    for n, p in enumerate(positions, 1):
        encoded = sum(c.encoded for c in p.coverage)
        own, endorsed = len(p.own_conditions), len(p.endorsed_conditions)
        conditions = f"{own}" + (f" + {endorsed} by endorsement" if endorsed else "")
        links = []
        if p.based_on is not None:
            links.append(f"amends {short(p.based_on)}")
        links += [f"endorses {short(e.position)}" for e in p.endorsements]
        rows.append(
            [
                str(n),
                md_escape(short(p)),
                f"`{p.id}`",
                md_escape(p.title),
                md_escape(", ".join(p.actors)),
                md_escape("; ".join(links)),
                conditions,
                f"{encoded} of {len(p.coverage)}",
                md_escape(confidence_grade(p)),
            ]
        )
    return [
        "## The documents",
        "",
        f"{len(positions)} documents, oldest first. A document that *amends* another carries "
        "the other's terms with its changes; one that *endorses* another takes the other's "
        "explicit terms over as a reading (IMPLIED), and its own words prevail where they "
        "differ. *Points encoded* counts the points (or passages) of each document that became "
        "conditions; the rest are listed, with the reason, in the position's coverage notes "
        "(`peacepos show ID`).",
        "",
        *table(
            (
                "#",
                "Short name",
                "Id",
                "Document",
                "Actors",
                "Builds on",
                "Conditions",
                "Points encoded",
                "Confidence",
            ),
            rows,
        ),
        "",
    ]


def widest(m: MultiComparison, n: int | None = None) -> list[peacepos.IssueAgreement]:
    """Issues with joint common ground among two or more, most widely addressed first."""
    shared = [a for a in m.agreements if len(a.addressed_by) > 1 and not a.blocking]
    shared.sort(key=lambda a: -len(a.addressed_by))  # stable: catalogue order within ties
    return shared[:n]


def common_ground_section(m: MultiComparison) -> list[str]:
    total = len(m.positions)
    shared = widest(m)
    single = [a for a in m.agreements if len(a.addressed_by) == 1]
    rows = [
        [
            md_escape(a.title),
            md_escape(stance(a.common_ground)),
            f"{len(a.addressed_by)} of {total}",
        ]
        for a in shared
    ]
    return [
        "## Where they meet: joint common ground",
        "",
        f"On {len(shared)} issues addressed by two or more documents, every document that "
        "speaks accepts at least one common outcome. The table lists them, most widely "
        "addressed first. Common ground on an issue that few documents address is thin "
        "evidence of agreement.",
        "",
        *table(("Issue", "Joint common ground", "Addressed by"), rows),
        "",
        f"Another {len(single)} issues are addressed by one document only: "
        + md_escape(", ".join(a.title for a in single))
        + ".",
        "",
    ]


def camps_section(m: MultiComparison) -> list[str]:
    by_id = {p.id: p for p in m.positions}
    rows = []
    for a in m.blocking:
        parts = []
        for n, group in enumerate(a.coalitions, 1):
            members = [by_id[i] for i in group]
            parts.append(
                f"**{n}:** {md_escape(names(group, by_id))} → "
                f"{md_escape(stance(joint(members, a.issue)))}"
            )
        rows.append([md_escape(a.title), "; ".join(parts), str(len(a.conflicting_pairs))])
    lines = [
        "## What blocks agreement: the camps on each issue",
        "",
        f"On {len(m.blocking)} issues no outcome is acceptable to every document that "
        "addresses them. Each row lists the camps — the largest groups of documents that "
        "still share an acceptable outcome — and what each camp accepts. A document can sit "
        "in two camps when it accepts outcomes of both.",
        "",
        *table(("Issue", "Camps and what each accepts", "Pairs in conflict"), rows),
        "",
    ]
    for a in m.blocking:
        if not a.about.sequence:
            continue
        pairs = "; ".join(
            f"{md_escape(short(by_id[x]))} × {md_escape(short(by_id[y]))}"
            for x, y in a.conflicting_pairs
        )
        lines += [
            f"*{md_escape(a.title)}* is a sequence clash: the documents disagree on what "
            f"comes first ({pairs}).",
            "",
        ]
    return lines


def cell(p: Position, issue: str) -> str:
    """A cell of the overview, as Markdown: the unconditional stance (blank: none), † where it
    rests on IMPLIED conditions, ‡ where readers disagree, and *if:* what the document accepts
    under its conditional terms."""
    st = stance_of(p, issue)
    if st is None:
        return ""
    parts = []
    text = md_escape(stance(st.constraint))
    if text and depends_on_implied(p, issue):
        text += " †"
    if text:
        parts.append(text)
    if st.contested:
        parts.append("‡")
    if st.terms:
        assert st.under_terms is not None
        implied = any(t.condition.basis is Basis.IMPLIED for t in st.terms)
        parts.append(f"*if:* {md_escape(stance(st.under_terms))}" + (" †" if implied else ""))
    return " ".join(parts)


def overview_section(m: MultiComparison) -> list[str]:
    headers = ["Issue", *(str(n) for n in range(1, len(m.positions) + 1))]
    keys = GAZA.sort_keys(
        {k for p in m.positions for k in p.stances(READING)} | {a.issue for a in m.agreements}
    )
    rows = [[md_escape(GAZA[k].title), *(cell(p, k) for p in m.positions)] for k in keys]
    key = "; ".join(f"{n} = {md_escape(short(p))}" for n, p in enumerate(m.positions, 1))
    return [
        "## Every document on every issue",
        "",
        "Each row of the picture is a document, each column an issue. On every column the "
        "colour says which camp a document is in: documents of the same colour can all "
        "accept at least one common outcome; where a column is a single colour, everyone "
        "who speaks agrees on something. Paler cells rest on IMPLIED conditions; dark grey "
        "cells are contested between readers; dashed cells hold only a conditional term; "
        "light grey cells are silence. Hover over a cell for the stance.",
        "",
        f"![Documents × issues, coloured by camp]({MATRIX_SVG})",
        "",
        f"The same in words. Columns: {key}. A blank cell is silence; † marks a stance that "
        "rests on IMPLIED conditions; ‡ marks an issue on which the document's readers "
        "disagree (see *Readers who disagree*); *if:* gives what the document accepts under "
        "its conditional terms (see *Conditional terms*).",
        "",
        *table(headers, rows),
        "",
    ]


def conflicts_section(m: MultiComparison) -> list[str]:
    counts = conflict_counts(m)
    headers = ["", *(str(n) for n in range(1, len(m.positions) + 1))]
    rows = []
    for n, a in enumerate(m.positions, 1):
        row = [f"{n} {md_escape(short(a))}"]
        for b in m.positions:
            row.append("·" if a.id == b.id else str(counts[(a.id, b.id)]))
        rows.append(row)
    pairs = sorted(
        (
            (counts[(a.id, b.id)], a, b)
            for i, a in enumerate(m.positions)
            for b in m.positions[i + 1 :]
        ),
        key=lambda t: -t[0],
    )
    top = [t for t in pairs if t[0] == pairs[0][0]]
    none = [t for t in pairs if t[0] == 0]
    return [
        "## Who conflicts with whom",
        "",
        "The number of issues on which two documents accept no common outcome. It counts "
        "only issues both address unconditionally, so two short documents can show few "
        "conflicts simply by saying little; sequence clashes count.",
        "",
        *table(headers, rows),
        "",
        f"The most conflicts ({pairs[0][0]} issues): "
        + "; ".join(f"{md_escape(short(a))} × {md_escape(short(b))}" for _, a, b in top)
        + f". {len(none)} of {len(pairs)} pairs have no conflict at all.",
        "",
    ]


def contested_section(positions: Sequence[Position]) -> list[str]:
    rows = []
    for p in positions:
        for key in p.contested(READING):
            st = p.stances(READING)[key]
            text = stance(st.constraint) or "nothing"
            readings = "; ".join(
                f"{md_escape(r.reader)}: {md_escape(stance(r.constraint))}" for r in st.contested
            )
            rows.append(
                [md_escape(short(p)), md_escape(GAZA[key].title), md_escape(text), readings]
            )
    return [
        "## Readers who disagree",
        "",
        "On these issues the readers of one text draw inferences that contradict each other. "
        "The report does not choose between them: the common ground and the camps count only "
        "what the text itself says (*nothing* where it says nothing), and each reader's "
        "reading is listed. A reader whose inferences elsewhere in the text are not in dispute "
        "keeps the text's own stance here.",
        "",
        *table(("Document", "Issue", "The text itself", "Each reader's reading"), rows),
        "",
    ]


def conditional_section(positions: Sequence[Position]) -> list[str]:
    terms_rows = []
    # (document, issue, common ground, requirement states) → the other documents, in order
    meets: dict[tuple[str, str, str, str], list[str]] = {}
    for p in positions:
        for key, st in p.stances(READING).items():
            for t in st.terms:
                requirements = " and ".join(r.describe() for r in t.condition.only_if)
                terms_rows.append(
                    [
                        md_escape(short(p)),
                        md_escape(GAZA[key].title),
                        md_escape(stance(st.constraint)) or "—",
                        md_escape(stance(t.constraint)),
                        md_escape(requirements),
                    ]
                )
            if not st.terms:
                continue
            assert st.under_terms is not None
            for q in positions:
                theirs = q.constraint(key, READING)
                if q.id == p.id or theirs is None:
                    continue
                before = peacepos.relate(st.constraint, theirs)
                after = peacepos.relate(st.under_terms, theirs)
                if after.group != "overlap" or before.group == "overlap":
                    continue
                states: list[str] = []
                for t in st.terms:
                    if t.constraint.is_disjoint(theirs):
                        continue
                    for r in t.condition.only_if:
                        states.append(f"{r.describe()}: {requirement_state(r, q)}")
                group = (
                    p.id,
                    key,
                    stance(st.under_terms & theirs),
                    "; ".join(dict.fromkeys(states)),
                )
                meets.setdefault(group, []).append(q.id)
    by_id = {p.id: p for p in positions}
    meet_rows = [
        [
            md_escape(short(by_id[pid])),
            md_escape(GAZA[key].title),
            md_escape(names(others, by_id)),
            md_escape(common),
            md_escape(states),
        ]
        for (pid, key, common, states), others in meets.items()
    ]
    return [
        "## Conditional terms",
        "",
        "Outcomes a document accepts only in a deal that gives it something else. The first "
        "table lists them; *unconditionally* is what the document accepts on the issue "
        "without them (— where it accepts nothing unconditionally).",
        "",
        *table(
            ("Document", "Issue", "Unconditionally", "Conditionally", "Only if"),
            terms_rows,
        ),
        "",
        "### Where a conditional term would meet the other side",
        "",
        "Documents that do not overlap on an issue unconditionally but would if the first "
        "document's conditional terms were met. For each requirement the last column says "
        "where the other documents stand on it: *met* (they accept an outcome the requirement "
        "allows), *open* (they say nothing unconditional on it) or *refused* (they accept "
        "none); a requirement on several issues takes its worst state.",
        "",
        *table(
            (
                "Document",
                "Issue",
                "Other documents",
                "Common ground under the terms",
                "Requirements, against the other documents",
            ),
            meet_rows,
        ),
        "",
    ]


def changes_section(by_id: dict[str, Position]) -> list[str]:
    lines = [
        "## Change over time",
        "",
        "The same actor at two dates, issue by issue: *hardened* means it accepts fewer "
        "outcomes than before, *softened* more, *reversed* none of the earlier ones. Hamas's "
        "July 2024 statement amends its June terms; Israel's acceptance of the 20-point plan "
        "endorses the plan, whose terms count for Israel only in the broad reading.",
        "",
    ]
    for actor, (earlier, later) in SUCCESSIONS:
        a, b = by_id[earlier], by_id[later]
        broad = peacepos.changes(a, b, reading="broad")
        strict = {c.issue: c.kind for c in peacepos.changes(a, b, reading="strict")}
        counts: dict[str, int] = {}
        for c in broad:
            counts[c.kind.value] = counts.get(c.kind.value, 0) + 1
        summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
        moved = (
            peacepos.ChangeKind.REVERSED,
            peacepos.ChangeKind.HARDENED,
            peacepos.ChangeKind.SOFTENED,
        )
        notable = [c for c in broad if c.kind in moved]
        text = (
            f"From {md_escape(short(a))} to {md_escape(short(b))} ({summary}). "
            + "; ".join(
                f"{md_escape(c.title)} {c.kind.value} ({md_escape(stance(c.before))} → "
                f"{md_escape(stance(c.after))})"
                + (", under the broad reading only" if strict.get(c.issue) is not c.kind else "")
                for c in notable
            )
            + "."
        )
        lines += [f"### {actor}: {month(a.date)} → {month(b.date)}", "", text, ""]
    return lines


def side_by_side_section(by_id: dict[str, Position]) -> list[str]:
    """One pair in full, both readings, with every finding's evidence footnoted."""
    a, b = (by_id[i] for i in SIDE_BY_SIDE)
    result = peacepos.compare(a, b, reading="both")
    conflicts = list(dict.fromkeys(f.title for f in result.conflicts))  # catalogue order
    return [
        f"## Side by side: {md_escape(short(a))} and {md_escape(short(b))}",
        "",
        "Any two documents can be compared in full, with the evidence behind every row "
        f"(`peacepos compare {a.id} {b.id} --format markdown`). These two conflict on "
        + md_escape(", ".join(conflicts))
        + "; rows that depend on the reading appear twice.",
        "",
        render(result, "markdown").rstrip("\n"),
        "",
    ]


DEAL_GROUPS = (
    ("Hamas and Israel, mid-2024", ("hamas-2024-06-11", "israel-2024-09-04")),
    ("The 20-point plan and Israel's acceptance", ("trump-2025-09-29", "israel-2025-09-29")),
    ("The 20-point plan and the Cairo plan", ("trump-2025-09-29", "cairo-2025-03-04")),
)


def deals_section(m: MultiComparison) -> list[str]:
    """Whether one settlement exists that chosen groups of documents all accept (conditional
    terms counting where their requirements hold in it; one variant per document), and if
    not, the smallest sets of conditions that block every settlement (``peacepos.deals``)."""
    by_id = {p.id: p for p in m.positions}
    lines = [
        "## Is there a settlement the documents accept?",
        "",
        "For each group below: one outcome per issue that every document in the group accepts "
        f"({READING} reading; conditional terms count only where the same settlement meets "
        "their requirements), or, if there is none, a minimal blocking set: demands that "
        "together rule out every settlement, such that dropping any one leaves the rest "
        "satisfiable. Silence never blocks.",
        "",
    ]
    for title, ids in DEAL_GROUPS:
        group = [by_id[i] for i in ids if i in by_id]
        if len(group) < 2:
            continue
        deal = peacepos.deals(*group, reading=READING, limit=3)
        names = " and ".join(short(p) for p in group)
        lines += [f"### {md_escape(title)}", ""]
        if deal.exists:
            lines.append(
                f"A settlement exists that {md_escape(names)} both accept, on "
                f"{len(deal.settlement or {})} issues."
            )
            if deal.terms:
                terms = "; ".join(
                    f"{md_escape(short(by_id[p]))}: {md_escape(c.describe())}"
                    for p, c in deal.terms
                )
                lines.append(f"It relies on conditional terms: {terms}.")
            lines.append("")
            continue
        issues = sorted({GAZA[d.issue].title for s in deal.blocking_sets for d in s})
        lines.append(
            f"No settlement that {md_escape(names)} both accept. Issues the blocking sets "
            f"listed touch: {md_escape(', '.join(issues))}."
        )
        lines.append("")
        table = render(deal, "markdown").rstrip("\n")
        lines.append("#" + table if table.startswith("### ") else table)
        lines.append("")
    return lines


def caveats_section(positions: Sequence[Position]) -> list[str]:
    lines = [
        "## Caveats",
        "",
        "- **Sources.** Official originals were mostly not retrieved: the texts come from wire "
        "copy, mirrors and translations (the addresses are in each position). The January "
        "2025 agreement was never officially published; Hamas's written response of June "
        "2024 was not seen; the Cairo plan is known from its summit's final statement as "
        "reported.",
        "- **Left out on purpose.** Claims the retrieved material does not confirm are not "
        "encoded, and each position's coverage notes say so: the day-50 Philadelphi clause "
        "and the buffer depth of the January agreement, Hamas's April 2024 phase design and "
        "exchange ratios, any provision of the Cairo plan on Hamas's weapons, the 20-point "
        "plan's points 17, 18 and 20.",
        "- **Inference.** IMPLIED conditions are readings, not text, and each names its "
        "readers: the right to resume fighting under resolution 2735 and the January "
        "agreement (Israel's Prime Minister's Office against Hamas), Hamas's exclusion from "
        "governance under the Cairo plan (Reuters), Israel's taking over of the 20-point plan "
        "(the analyst). The strict reading drops them.",
        "- **Model.** A document is reduced to the outcomes it accepts; how strongly it holds "
        "a stance, and trade-offs between issues, are not modelled. Documents of different "
        "dates answer different moments of the war; a conflict between them is a difference "
        "of terms, not a failed negotiation.",
        "",
        "Confidence in each document, as recorded with its position:",
        "",
    ]
    for p in positions:
        lines.append(f"- **{md_escape(short(p))}** (`{p.id}`): {md_escape(p.confidence)}")
    lines.append("")
    return lines


def report(positions: Sequence[Position]) -> dict[str, str]:
    """The report and its picture: file name → text."""
    m = peacepos.compare_many(*positions, reading=READING)
    strict = peacepos.compare_many(*positions, reading="strict")
    by_id = {p.id: p for p in m.positions}
    first, last = m.positions[0], m.positions[-1]
    lines = [
        "# Proposals to end the war in Gaza, 2024–2025: where they meet, where they part",
        "",
        f"This report compares {len(m.positions)} documents that set out how the war in Gaza "
        "should end — proposals, stated terms, a Security Council resolution, an agreement "
        f"and plans — from *{md_escape(first.title)}* ({month(first.date)}) to "
        f"*{md_escape(last.title)}* ({month(last.date)}). Each document is encoded point by "
        "point as typed conditions, each with its evidence — document, locator, a short "
        "quote where it helps, and whether the text says it or a named reader infers it. The "
        "tables and the picture are then computed issue by issue by set algebra over the "
        "outcomes each document accepts. They show where the texts meet and where no "
        "outcome satisfies them all; they do not weigh the documents or predict a settlement.",
        "",
        f"In short: under the {READING} reading, {len(m.common_ground)} issues have joint "
        f"common ground among the documents that address them and {len(m.blocking)} block "
        "agreement. The most widely shared ground: "
        + md_escape(", ".join(f"{a.title} ({stance(a.common_ground)})" for a in widest(m, 6)))
        + ". The blocks: "
        + md_escape(", ".join(a.title for a in m.blocking))
        + ".",
        "",
        *reading_section(m, strict),
        *documents_section(m.positions),
        *common_ground_section(m),
        *camps_section(m),
        *overview_section(m),
        *conflicts_section(m),
        *contested_section(m.positions),
        *conditional_section(m.positions),
        *changes_section(by_id),
        *side_by_side_section(by_id),
        *deals_section(m),
        *caveats_section(m.positions),
        "## Reproduce",
        "",
        "```console",
        "python examples/gaza_proposals.py",
        "```",
        "",
        "regenerates this file and its picture from the built-in data (`peacepos.corpus`, "
        "codebook `israel-hamas`); `peacepos show ID` prints one document's conditions with "
        "their evidence, and `peacepos codebook show israel-hamas` the issues and outcomes.",
        "",
    ]
    return {REPORT: "\n".join(lines), MATRIX_SVG: matrix_svg(m)}


def main(argv: Sequence[str] = ()) -> int:
    out = Path(argv[0]) if argv else OUTPUT
    out.mkdir(parents=True, exist_ok=True)
    for name, text in report(gaza_positions()).items():
        write_text_atomic(out / name, text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
