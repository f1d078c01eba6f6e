"""Every built-in peace position on the Russia-Ukraine war, 2022-2025, in one report.

Writes ``ukraine_proposals.md`` and the two pictures it embeds (``ukraine_proposals_matrix.svg``,
``ukraine_proposals_conflicts.svg``) into ``examples/output/``, or into the directory given:

    python examples/ukraine_proposals.py [OUTPUT_DIR]

The report is computed from peacepos' built-in corpus and nothing else. The output is
deterministic (no dates, no randomness, no plotting library), so CI regenerates it and compares
it byte for byte with the committed copy. The pictures come from :mod:`peacepos.report.charts`,
SVG written by hand: a plotting library would be one more dependency and would not give
byte-identical files across versions.
"""

from __future__ import annotations

import datetime
import itertools
import sys
from collections.abc import Sequence
from pathlib import Path

import peacepos
from peacepos.analysis.many import IssueAgreement, MultiComparison
from peacepos.constraints import Constraint, IntervalSet
from peacepos.io import write_text_atomic
from peacepos.position import Position, Reading
from peacepos.report import charts, render
from peacepos.report.writers import md_escape

RU = peacepos.codebook("russia-ukraine")

READING: Reading = "broad"
OUTPUT = Path(__file__).resolve().parent / "output"
REPORT = "ukraine_proposals.md"
MATRIX_SVG = "ukraine_proposals_matrix.svg"
CONFLICTS_SVG = "ukraine_proposals_conflicts.svg"

# Short names for tables and pictures; a position not listed here falls back to its actors.
SHORT = {
    "ukraine-2022-03-29": "Ukraine, Istanbul",
    "russia-2022-04-15": "Russia, draft treaty",
    "ukraine-2022-04-15": "Ukraine, draft treaty",
    "ukraine-2022-11-15": "Ukraine, Peace Formula",
    "china-2023-02-24": "China, position paper",
    "russia-2023-02-24": "Russia, Foreign Ministry",
    "belarus-2023-03-01": "Belarus",
    "africa-2023-06-17": "African mission",
    "china-brazil-2024-05-23": "China & Brazil",
    "russia-2024-06-14": "Russia, Putin",
    "peace-summit-2024-06-16": "Bürgenstock summit",
    "us-2025-11-20": "US 28-point plan",
}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# -- names and words ----------------------------------------------------------------------


def month(date: datetime.date) -> str:
    """``2022-03-29`` → ``'Mar 2022'`` (no locale: strftime's %b depends on it)."""
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


def joint(positions: Sequence[Position], issue: str) -> Constraint:
    """What every one of ``positions`` accepts on ``issue`` (all of them address it)."""
    found = [p.constraint(issue, READING) for p in positions]
    common = found[0]
    assert common is not None
    for c in found[1:]:
        assert c is not None
        common = common & c
    return common


def conflict_counts(m: MultiComparison) -> dict[tuple[str, str], int]:
    """Issues in conflict per pair, both orders."""
    out: dict[tuple[str, str], int] = {}
    for (a, b), relations in m.matrix().items():
        n = sum(r is peacepos.Relation.CONFLICT for r in relations.values())
        out[(a, b)] = out[(b, a)] = n
    return out


def confidence_grade(p: Position) -> str:
    """The first clause of a position's confidence note: 'Medium-high', 'High for ...'."""
    text = p.confidence.strip()
    for stop in (":", ". "):
        text = text.split(stop, 1)[0]
    return text.rstrip(".")


# -- pictures -----------------------------------------------------------------------------


def matrix_svg(m: MultiComparison) -> str:
    """Positions (rows) × issues (columns), each cell coloured and numbered by its camp."""
    return charts.issue_matrix(m, labels={p.id: short(p) for p in m.positions})


def conflicts_svg(m: MultiComparison) -> str:
    """A heatmap of the number of issues in conflict for every pair of positions."""
    return charts.heatmap(m, labels={p.id: short(p) for p in m.positions})


# -- the report ---------------------------------------------------------------------------


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A pipe table of cells that are already Markdown (escape user text before)."""
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def names(ids: Sequence[str], by_id: dict[str, Position]) -> str:
    return ", ".join(short(by_id[i]) for i in ids)


def documents_section(positions: Sequence[Position]) -> list[str]:
    rows = []
    for n, p in enumerate(positions, 1):
        encoded = sum(c.encoded for c in p.coverage)
        own, endorsed = len(p.conditions), len(p.endorsed_conditions)
        conditions = f"{own}" + (f" + {endorsed} by endorsement" if endorsed else "")
        rows.append(
            [
                str(n),
                md_escape(short(p)),
                f"`{p.id}`",
                md_escape(p.title),
                md_escape(", ".join(p.actors)),
                conditions,
                f"{encoded} of {len(p.coverage)}",
                md_escape(confidence_grade(p)),
            ]
        )
    return [
        "## The documents",
        "",
        "Twelve documents, oldest first. *Points encoded* counts the points (or passages) of "
        "each document that became conditions; the rest are listed, with the reason, in the "
        "position's coverage notes (`peacepos show ID`) and in `docs/corpus.md`.",
        "",
        *table(
            (
                "#",
                "Short name",
                "Corpus id",
                "Document",
                "Actors",
                "Conditions",
                "Points encoded",
                "Confidence",
            ),
            rows,
        ),
        "",
    ]


def reading_section(m: MultiComparison, strict: MultiComparison) -> list[str]:
    broad_blocking = {a.issue for a in m.blocking}
    strict_blocking = {a.issue for a in strict.blocking}
    only_broad = [a.title for a in m.agreements if a.issue in broad_blocking - strict_blocking]
    only_strict = [a.title for a in m.agreements if a.issue in strict_blocking - broad_blocking]
    lines = [
        "## How to read this report",
        "",
        f"- **Issues and outcomes.** A settlement has to answer {len(m.agreements)} questions "
        "that at least one document addresses — hostilities, talks, Ukraine's alignment, "
        "each region's status, sanctions, humanitarian matters, nuclear safety, military "
        "limits and more. For each, a position accepts a set of outcomes; a cap on Ukraine's "
        "army is a range of numbers.",
        "- **Reading.** Unless a section says otherwise, everything below uses the **broad "
        "reading**: the conditions a text states (EXPLICIT) *and* those an analyst infers "
        "from it (IMPLIED, each with its rationale). Under the strict reading (EXPLICIT "
        f"only), {len(strict.blocking)} issues block agreement instead of {len(m.blocking)}",
    ]
    differences = []
    if only_broad:
        differences.append(
            "blocking only under the broad reading: " + md_escape(", ".join(only_broad))
        )
    if only_strict:
        differences.append(
            "blocking only under the strict reading: " + md_escape(", ".join(only_strict))
        )
    lines[-1] += (" (" + "; ".join(differences) + ")." if differences else ".") + (
        " In the overview, † marks a stance that rests on IMPLIED conditions."
    )
    lines += [
        "- **Silence is not acceptance.** A document that says nothing on an issue is left "
        "out of that issue's common ground and never counts as agreeing or disagreeing.",
        "- **Joint common ground** is what *every* position that addresses an issue accepts. "
        "Two positions that each overlap with a third may still conflict with each other, so "
        "pairwise agreement does not add up to joint agreement.",
        "- **Sequence** issues record *when*, not what: whether talks or a ceasefire may "
        "start before a party's other terms are met.",
        "",
    ]
    return lines


def widest(m: MultiComparison, n: int | None = None) -> list[IssueAgreement]:
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
        "Common ground on *Sequence: ceasefire* means that both documents which address it "
        "make a ceasefire wait for something — not that they want the same thing first.",
        "",
    ]


def blocking_section(m: MultiComparison) -> list[str]:
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
        "## What blocks agreement",
        "",
        f"On {len(m.blocking)} issues no outcome is acceptable to every document that "
        "addresses them. Each row lists the camps — the largest groups of documents that "
        "still share an acceptable outcome — and what each camp accepts.",
        "",
        *table(("Issue", "Camps and what each accepts", "Pairs in conflict"), rows),
        "",
    ]
    numeric = [a for a in m.blocking if isinstance(a.common_ground, IntervalSet)]
    if numeric:
        lines += ["The numeric issues say how far apart the proposals are:", ""]
        for a in numeric:
            for x, y in a.conflicting_pairs:
                f = m.pair(x, y).finding(a.issue)
                left, right = f.left, f.right
                assert isinstance(left, IntervalSet)
                assert isinstance(right, IntervalSet)
                gap = left.gap(right)
                assert gap is not None
                lines.append(
                    f"- {md_escape(a.title)}: {md_escape(short(by_id[x]))} accepts "
                    f"{md_escape(str(left))}, {md_escape(short(by_id[y]))} "
                    f"{md_escape(str(right))} — a gap of {left.issue.format(gap)} "
                    f"{md_escape(left.issue.unit)}."
                )
        lines.append("")
    sequence = [a for a in m.blocking if a.about.sequence]
    for a in sequence:
        pairs = "; ".join(
            f"{md_escape(short(by_id[x]))} × {md_escape(short(by_id[y]))}"
            for x, y in a.conflicting_pairs
        )
        lines += [
            f"*{md_escape(a.title)}* is a sequence clash: one side wants talks soon or "
            f"without preconditions, the other only after its conditions are met ({pairs}).",
            "",
        ]
    return lines


def overview_section(m: MultiComparison) -> list[str]:
    headers = ["Issue", *(str(n) for n in range(1, len(m.positions) + 1))]
    rows = []
    for a in m.agreements:
        row = [md_escape(a.title)]
        for p in m.positions:
            text = stance(p.constraint(a.issue, READING))
            if text and depends_on_implied(p, a.issue):
                text += " †"
            row.append(md_escape(text))
        rows.append(row)
    key = "; ".join(f"{n} = {md_escape(short(p))}" for n, p in enumerate(m.positions, 1))
    return [
        "## Every document on every issue",
        "",
        "Each row of the picture is a document, each column an issue. On every column the "
        "colour says which camp a document is in: documents of the same colour can all "
        "accept at least one common outcome; where a column is a single colour, everyone "
        "who speaks agrees on something. Paler cells rest on IMPLIED conditions; grey cells "
        "are silence. Hover over a cell for the stance.",
        "",
        f"![Documents × issues, coloured by camp]({MATRIX_SVG})",
        "",
        f"The same in words. Columns: {key}. A blank cell is silence; † marks a stance that "
        "rests on IMPLIED conditions.",
        "",
        *table(headers, rows),
        "",
    ]


def conflicts_section(m: MultiComparison) -> list[str]:
    counts = conflict_counts(m)
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
    lines = [
        "## Who conflicts with whom",
        "",
        "The number of issues on which two documents accept no common outcome. It counts "
        "only issues both address, so two short documents can show few conflicts simply by "
        "saying little.",
        "",
        f"![Issues in conflict per pair of documents]({CONFLICTS_SVG})",
        "",
        f"The most conflicts ({pairs[0][0]} issues): "
        + "; ".join(f"{md_escape(short(a))} × {md_escape(short(b))}" for _, a, b in top)
        + f". {len(none)} of {len(pairs)} pairs have no conflict at all.",
        "",
    ]
    return lines


def changes_section(by_id: dict[str, Position]) -> list[str]:
    lines = [
        "## Change over time",
        "",
        "The same actor at two dates, issue by issue: *hardened* means it accepts fewer "
        "outcomes than before, *softened* more, *reversed* none of the earlier ones. "
        "*Added* and *dropped* often reflect what kind of document it is (a draft treaty, a "
        "short statement, a list of conditions) rather than a change of mind.",
        "",
    ]
    for title, chain in (
        ("Russia", ("russia-2022-04-15", "russia-2023-02-24", "russia-2024-06-14")),
        ("Ukraine", ("ukraine-2022-03-29", "ukraine-2022-11-15")),
    ):
        lines += [f"### {title}: " + " → ".join(month(by_id[i].date) for i in chain), ""]
        for earlier, later in itertools.pairwise(chain):
            a, b = by_id[earlier], by_id[later]
            broad = peacepos.changes(a, b, reading="broad")
            strict = {c.issue: c.kind for c in peacepos.changes(a, b, reading="strict")}
            notable = [
                c
                for c in broad
                if c.kind in (peacepos.ChangeKind.REVERSED, peacepos.ChangeKind.HARDENED)
            ]
            text = f"From {md_escape(short(a))} to {md_escape(short(b))}: "
            if notable:
                text += "; ".join(
                    f"{md_escape(c.title)} {c.kind.value} ({md_escape(stance(c.before))} → "
                    f"{md_escape(stance(c.after))})"
                    + (
                        ", under the broad reading only"
                        if strict.get(c.issue) is not c.kind
                        else ""
                    )
                    for c in notable
                )
                text += "."
            else:
                text += "nothing hardened or reversed."
            table_md = render(broad, "markdown").replace("### ", "#### ", 1).rstrip("\n")
            lines += [text, "", table_md, ""]
    return lines


def side_by_side_section(by_id: dict[str, Position], left: str, right: str) -> list[str]:
    """One pair in full, both readings, with every finding's evidence footnoted."""
    a, b = by_id[left], by_id[right]
    result = peacepos.compare(a, b, reading="both")
    conflicts = list(dict.fromkeys(f.title for f in result.conflicts))  # catalogue order
    return [
        f"## Side by side: {md_escape(short(a))} and {md_escape(short(b))}",
        "",
        "Any two documents can be compared in full, with the evidence behind every row "
        f"(`peacepos compare {a.id} {b.id} --format markdown`). These two conflict on "
        + md_escape(", ".join(conflicts))
        + "; both readings are shown, and rows that depend on the reading appear twice.",
        "",
        render(result, "markdown").rstrip("\n"),
        "",
    ]


def caveats_section(positions: Sequence[Position]) -> list[str]:
    lines = [
        "## Caveats",
        "",
        "- **Sources.** Official originals were mostly not retrieved; texts come from wire "
        "copy and mirrors (the URLs are in each position). The African initiative was "
        "presented orally; the April 2022 treaty and the 28-point plan are unsigned drafts "
        "known from leaks and press reports.",
        "- **Left out on purpose.** Claims that could not be verified in the retrieved "
        "material are not encoded, and each position's coverage notes say so: the Reuters "
        "draft framework of the African mission, a long-range-missile ban and a 400,000 cap "
        "attributed to the 28-point plan, the 'basic requirement' wording attributed to "
        "Russia's Foreign Ministry, Ukraine's proposed missile-range limit in 2022.",
        "- **Inference.** IMPLIED conditions are readings, not text: China's territorial "
        "integrity of all countries applied to Ukraine, Belarus' endorsement of China's "
        "paper (reported in Chinese readouts only), Ukraine's Euro-Atlantic aim in the Peace "
        "Formula. The strict reading drops them.",
        "- **Model.** A document is reduced to the outcomes it accepts; how strongly it "
        "holds a stance, and trade-offs between issues, are not modelled. Multi-actor "
        "documents count once.",
        "",
        "Confidence in each document, as recorded with its position:",
        "",
    ]
    for p in positions:
        lines.append(f"- **{md_escape(short(p))}** (`{p.id}`): {md_escape(p.confidence)}")
    lines.append("")
    return lines


def report(positions: Sequence[Position]) -> dict[str, str]:
    """The report and its pictures: file name → text."""
    m = peacepos.compare_many(*positions, reading=READING)
    strict = peacepos.compare_many(*positions, reading="strict")
    by_id = {p.id: p for p in m.positions}
    first, last = m.positions[0], m.positions[-1]
    lines = [
        "# Peace proposals for the Russia–Ukraine war, 2022–2025: where they meet, where "
        "they part",
        "",
        f"This report compares {len(m.positions)} documents in which governments and groups "
        "of states set out how the war in Ukraine should end, from "
        f"*{md_escape(first.title)}* ({month(first.date)}) to the "
        f"*{md_escape(last.title)}* ({month(last.date)}). Each document is encoded point by "
        "point as typed conditions, each with its evidence — document, locator, a short "
        "quote where it helps, and whether the text says it or an analyst infers it. The "
        "tables and pictures are then computed issue by issue by set algebra over the "
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
        *blocking_section(m),
        *overview_section(m),
        *conflicts_section(m),
        *changes_section(by_id),
        *side_by_side_section(by_id, "peace-summit-2024-06-16", "us-2025-11-20"),
        *caveats_section(m.positions),
        "## Reproduce",
        "",
        "```console",
        "python examples/ukraine_proposals.py",
        "```",
        "",
        "regenerates this file and its two pictures from the built-in corpus "
        "(`peacepos.corpus`); `peacepos show ID` prints one document's conditions with their "
        "evidence, and `peacepos compare A B` any pair.",
        "",
    ]
    return {
        REPORT: "\n".join(lines),
        MATRIX_SVG: matrix_svg(m),
        CONFLICTS_SVG: conflicts_svg(m),
    }


def main(argv: Sequence[str] = ()) -> int:
    out = Path(argv[0]) if argv else OUTPUT
    out.mkdir(parents=True, exist_ok=True)
    for name, text in report(peacepos.corpus.load_all()).items():
        write_text_atomic(out / name, text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
