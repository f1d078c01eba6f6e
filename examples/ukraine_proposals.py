"""Every built-in peace position on the Russia-Ukraine war, 2022-2026, in one report.

Writes ``ukraine_proposals.md`` and the three pictures it embeds
(``ukraine_proposals_matrix.svg``, ``ukraine_proposals_conflicts.svg``,
``ukraine_proposals_timeline.svg``) into ``examples/output/``, or into the directory given:

    python examples/ukraine_proposals.py [OUTPUT_DIR]

The report is computed from peacepos' built-in corpus and nothing else: the positions written
in the codebook ``russia-ukraine`` (the corpus holds other peace processes too). The output is
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
from peacepos.analysis.changes import related
from peacepos.analysis.deals import Deal, Demand
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
TIMELINE_SVG = "ukraine_proposals_timeline.svg"

# The three texts of spring 2025 that answer each other: the US framework, the
# Ukrainian-European counter-proposal to it, and Russia's memorandum in Istanbul.
DEAL = ("us-2025-04-17", "ukraine-europe-2025-04-23", "russia-2025-06-02")
DEAL_LIMIT = 20  # enough for the blocking sets to cover every obstacle (the report says so)
# One actor over time, drawn as a timeline; and one more, in a table.
TIMELINE = "russia-2023-02-24"  # any of Russia's positions: the timeline takes all of them
ALSO_OVER_TIME = "ukraine-2022-03-29"
# One pair compared in full, with every finding's evidence.
SIDE_BY_SIDE = ("us-2025-04-17", "ukraine-europe-2025-04-23")

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
    "russia-2024-06-14": "Russia, Putin's conditions",
    "peace-summit-2024-06-16": "Bürgenstock summit",
    "us-ukraine-2025-03-11": "US & Ukraine, Jeddah",
    "russia-2025-03-13": "Russia, reply on the truce",
    "us-russia-2025-03-18": "US & Russia, call",
    "black-sea-2025-03-25": "Riyadh, Black Sea",
    "coalition-2025-03-27": "Coalition, Paris",
    "us-2025-04-17": "US framework",
    "ukraine-europe-2025-04-23": "Ukraine & Europe, counter-text",
    "coalition-2025-05-10": "Kyiv ceasefire demand",
    "ukraine-2025-05-28": "Ukraine, Istanbul memo",
    "russia-2025-06-02": "Russia, Istanbul memo",
    "europe-2025-08-09": "Europe before Anchorage",
    "russia-2025-08-15": "Russia, Anchorage terms",
    "europe-2025-08-16": "Europe after Anchorage",
    "russia-2025-08-20": "Russia on guarantees",
    "coalition-2025-09-04": "Coalition, 26 countries",
    "ukraine-europe-2025-10-21": "Ukraine & Europe, halt at the line",
    "us-2025-11-20": "US 28-point plan",
    "ukraine-2025-12-14": "Ukraine, December offers",
    "coalition-2025-12-15": "Berlin statement",
    "russia-2025-12-19": "Russia, replies to US texts",
    "russia-2026-01-23": "Russia, Anchorage formula",
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


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


# -- pictures -----------------------------------------------------------------------------


def matrix_svg(m: MultiComparison) -> str:
    """Positions (rows) × issues (columns), each cell coloured and numbered by its camp."""
    return charts.issue_matrix(m, labels={p.id: short(p) for p in m.positions})


def conflicts_svg(m: MultiComparison) -> str:
    """A heatmap of the number of issues in conflict for every pair of positions."""
    return charts.heatmap(m, labels={p.id: short(p) for p in m.positions})


def timeline_svg(chain: Sequence[Position]) -> str:
    """One actor's positions on a date axis, a row per issue, a mark per change."""
    return charts.timeline(chain, reading=READING, labels={p.id: short(p) for p in chain})


# -- the report ---------------------------------------------------------------------------


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A pipe table of cells that are already Markdown (escape user text before)."""
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def names(ids: Sequence[str], by_id: dict[str, Position]) -> str:
    """Short names, separated by semicolons (the names themselves hold commas)."""
    return "; ".join(short(by_id[i]) for i in ids)


def documents_section(positions: Sequence[Position]) -> list[str]:
    rows = []
    for n, p in enumerate(positions, 1):
        encoded = sum(c.encoded for c in p.coverage)
        own, endorsed = len(p.own_conditions), len(p.endorsed_conditions)
        conditions = f"{own}" + (f" + {endorsed} by endorsement" if endorsed else "")
        if p.variants:
            conditions += f"; {len(p.variants)} variants"
        rows.append(
            [
                str(n),
                md_escape(short(p)),
                f"`{p.id}`",
                md_escape(p.title),
                md_escape(", ".join(p.actors)),
                conditions,
                f"{encoded} of {len(p.coverage)}",
                p.confidence_level,
            ]
        )
    return [
        "## The documents",
        "",
        f"{len(positions)} documents, oldest first. *Points encoded* counts the points (or "
        "passages) of each document that became conditions; the rest are listed, with the "
        "reason, in the position's coverage notes (`peacepos show ID`). *Confidence* is how "
        "sure the encoding is: high for a text seen or reported consistently by several "
        "outlets, medium for press accounts of a text not seen or anonymous-source accounts "
        "on which several outlets agree, low for one side's readouts.",
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
        "that at least one document addresses — hostilities, talks, Ukraine's alignment and "
        "security guarantees, who holds, runs and recognises each area, sanctions, the "
        "Zaporizhzhia plant, military limits, elections and more. For each, a position accepts "
        "a set of outcomes; a cap on Ukraine's army is a range of numbers.",
        "- **Reading.** Unless a section says otherwise, everything below uses the **broad "
        "reading**: the conditions a text states (EXPLICIT) *and* those its readers infer "
        "from it (IMPLIED, each with the readers and their rationale). Under the strict "
        f"reading (EXPLICIT only), {len(strict.blocking)} issues block agreement instead of "
        f"{len(m.blocking)}",
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
        "- **Readers who disagree.** Where a document's readers contradict each other — "
        "China's point 1 on territory, Russia's remarks of December 2025 on the parts of "
        "Zaporizhzhia and Kherson that Ukraine holds — only what the text itself says counts "
        "here; a two-way comparison shows each reader's verdict.",
        "- **Conditional terms and variants.** A term a document accepts only if something "
        "else is met (Ukraine's NATO-for-guarantees offer, Russia's ceasefire only without "
        "rearmament) counts in no stance here, and a document that offers alternatives "
        "counts with the terms common to them. The section on a deal weighs both.",
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
        rows.append([md_escape(a.title), "<br>".join(parts), str(len(a.conflicting_pairs))])
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
    gaps = []
    for a in m.blocking:
        if not isinstance(a.common_ground, IntervalSet):
            continue
        for x, y in a.conflicting_pairs:
            f = m.pair(x, y).finding(a.issue)
            left, right = f.left, f.right
            assert isinstance(left, IntervalSet)
            assert isinstance(right, IntervalSet)
            gap = left.gap(right)
            if gap is None:  # one side accepts no cap at all: no number measures the gap
                continue
            gaps.append(
                f"- {md_escape(a.title)}: {md_escape(short(by_id[x]))} accepts "
                f"{md_escape(str(left))}, {md_escape(short(by_id[y]))} "
                f"{md_escape(str(right))} — a gap of {left.issue.format(gap)} "
                f"{md_escape(left.issue.unit)}."
            )
    if gaps:
        lines += [
            "The numeric issues say how far apart the proposals are (where both sides name a "
            "number; 'no cap' against a cap has no gap to measure):",
            "",
            *gaps,
            "",
        ]
    for a in (a for a in m.blocking if a.about.sequence):
        pairs = "; ".join(
            f"{md_escape(short(by_id[x]))} × {md_escape(short(by_id[y]))}"
            for x, y in a.conflicting_pairs
        )
        lines += [
            f"*{md_escape(a.title)}* is a sequence clash: one side wants it without "
            f"preconditions, the other only after its conditions are met ({pairs}).",
            "",
        ]
    return lines


def overview_section(m: MultiComparison) -> list[str]:
    numbers = {p.id: n for n, p in enumerate(m.positions, 1)}
    rows = []
    for a in m.agreements:
        groups: dict[str, list[str]] = {}
        for p in m.positions:
            c = p.constraint(a.issue, READING)
            if c is None:
                continue
            mark = "†" if depends_on_implied(p, a.issue) else ""
            groups.setdefault(stance(c), []).append(f"{numbers[p.id]}{mark}")
        cells = [f"{md_escape(words)}: {', '.join(who)}" for words, who in groups.items()]
        rows.append([md_escape(a.title), "<br>".join(cells)])
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
        "The same in words: on each issue, each stance taken and the documents that take it, "
        "by their number in the table of documents. Documents not named are silent; † marks "
        "a stance that rests on IMPLIED conditions.",
        "",
        *table(("Issue", "Stances: documents"), rows),
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
    return [
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


def demand_words(d: Demand, by_id: dict[str, Position]) -> str:
    ev = d.condition.evidence
    variant = f", variant {d.variant}" if d.variant else ""
    return (
        f"{short(by_id[d.position])}{variant}: {stance(d.allowed)} "
        f"({d.condition.describe()}; {ev.locator}, {ev.basis.value.upper()})"
    )


def blocking_rows(deal: Deal, by_id: dict[str, Position]) -> list[list[str]]:
    rows = []
    for n, blocking in enumerate(deal.blocking_sets, 1):
        issues = deal.codebook.sort_keys({d.issue for d in blocking})
        rows.append(
            [
                str(n),
                md_escape(", ".join(deal.codebook[k].title for k in issues)),
                "<br>".join(md_escape(demand_words(d, by_id)) for d in blocking),
            ]
        )
    return rows


def deal_section(by_id: dict[str, Position]) -> list[str]:
    texts = [by_id[i] for i in DEAL]
    deal = peacepos.deals(*texts, reading=READING, limit=DEAL_LIMIT)
    assert not deal.exists, "the report explains a blocked deal"
    assert deal.covering, f"raise DEAL_LIMIT above {DEAL_LIMIT}: the sets listed must cover"
    listed = ", ".join(md_escape(short(p)) for p in texts)
    one_set = "minimal blocking set"
    spanning = [s for s in deal.blocking_sets if len({d.issue for d in s}) > 1]
    lines = [
        "## Is there a deal? The texts of spring 2025",
        "",
        "A comparison goes issue by issue; a deal asks whether one settlement — an outcome "
        "on every issue in play — is accepted by every document at once, with each "
        "document's conditional terms honoured only where their requirements hold in that "
        "same settlement, one variant of each document chosen, and the codebook's rules "
        "kept. Three texts of spring 2025 answered each other: the US framework, the "
        "Ukrainian–European counter-proposal to it, and Russia's memorandum in Istanbul "
        f"({listed}).",
        "",
        f"No settlement exists. peacepos lists {plural(len(deal.blocking_sets), one_set)}: "
        "demands that together rule out every settlement, each minimal "
        "(drop any one and the rest of the set can be met). They account for every "
        "obstacle: dropping one demand of each leaves a settlement. Each demand is one "
        "condition of one document as it narrows one issue, with its locator and basis.",
        "",
        *table(("Set", "Issues", "Demands"), blocking_rows(deal, by_id)),
        "",
    ]
    if spanning:
        lines += [
            f"{plural(len(spanning), 'set spans', 'sets span')} more than one issue. "
            "Russia's memorandum offers two ways to a ceasefire (its variants): after a "
            "Ukrainian pull-back, or with a package of measures that includes monitoring by "
            "the parties themselves. The counter-proposal wants a ceasefire without "
            "preconditions and monitored by third parties, so each variant fails on a "
            "different issue, and only the demands on both issues together block. (The first "
            "variant's ceasefire waits for two things, a pull-back and the withdrawal from "
            "four regions, each enough to clash: hence two such sets.)",
            "",
        ]
    rows = []
    for a, b in itertools.combinations(texts, 2):
        pair = peacepos.deals(a, b, reading=READING, limit=DEAL_LIMIT)
        issues = sorted(
            {k for s in pair.blocking_sets for k in (d.issue for d in s)},
            key=lambda k: pair.codebook.keys().index(k),
        )
        rows.append(
            [
                f"{md_escape(short(a))} × {md_escape(short(b))}",
                "yes" if pair.exists else "no",
                str(len(pair.blocking_sets)),
                md_escape(", ".join(pair.codebook[k].title for k in issues)) or "—",
            ]
        )
    lines += [
        "Two at a time (what if the third text is left out, `without=`):",
        "",
        *table(("Texts", "Settlement", "Blocking sets", "Issues they touch"), rows),
        "",
        "The US framework and the counter-proposal part on NATO, sanctions and the "
        "Zaporizhzhia plant; the framework and Russia's memorandum only on how far Russia's "
        "claims are recognised (the framework offers recognition by the United States "
        "alone); the counter-proposal and the memorandum on most of the rest. A set of two "
        "texts may show an obstacle the set of three does not list: the listing is minimal "
        "and covering, not complete.",
        "",
    ]
    return lines


def step_rows(chain: Sequence[Position]) -> list[list[str]]:
    kinds = (
        peacepos.ChangeKind.HARDENED,
        peacepos.ChangeKind.SOFTENED,
        peacepos.ChangeKind.SHIFTED,
        peacepos.ChangeKind.REVERSED,
        peacepos.ChangeKind.ADDED,
        peacepos.ChangeKind.DROPPED,
        peacepos.ChangeKind.UNCHANGED,
    )
    rows = []
    for a, b in itertools.pairwise(chain):
        step = peacepos.changes(a, b, reading=READING)
        notable = [c for c in step.of(peacepos.ChangeKind.REVERSED)] + [
            c for c in step.of(peacepos.ChangeKind.HARDENED)
        ]
        words = "; ".join(
            f"{c.title} {c.kind.value} ({stance(c.before)} → {stance(c.after)})" for c in notable
        )
        rows.append(
            [
                f"{md_escape(short(a))} → {md_escape(short(b))}",
                *(str(len(step.of(k))) for k in kinds),
                md_escape(words) or "—",
            ]
        )
    return rows


STEP_HEADERS = (
    "Step",
    "Hardened",
    "Softened",
    "Shifted",
    "Reversed",
    "Added",
    "Dropped",
    "Unchanged",
    "Hardened or reversed",
)


def changes_section(positions: Sequence[Position], by_id: dict[str, Position]) -> list[str]:
    russia = [p for p in positions if related(p, by_id[TIMELINE])]
    ukraine = [p for p in positions if related(p, by_id[ALSO_OVER_TIME])]
    lines = [
        "## Change over time",
        "",
        "One actor's documents in date order, issue by issue: *hardened* means it accepts "
        "fewer outcomes than before, *softened* more, *shifted* some of each, *reversed* "
        "none of the earlier ones. *Added* and *dropped* often reflect what kind of document "
        "it is (a draft treaty, a short statement, a list of conditions) rather than a "
        "change of mind: a reply on one subject drops everything else.",
        "",
        f"### {md_escape(russia[0].label)}: " + " → ".join(month(p.date) for p in russia),
        "",
        f"Each column of the picture is one of Russia's {len(russia)} documents, each row an "
        "issue any of them addresses; the mark says how the issue changed since the document "
        "before (hover for the stance).",
        "",
        f"![Russia's documents over time]({TIMELINE_SVG})",
        "",
        *table(STEP_HEADERS, step_rows(russia)),
        "",
        f"### {md_escape(ukraine[0].label)}: " + " → ".join(month(p.date) for p in ukraine),
        "",
        *table(STEP_HEADERS, step_rows(ukraine)),
        "",
    ]
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
        f"(`peacepos compare {a.id} {b.id} --format markdown`). The counter-proposal answered "
        "the framework within a week; the two conflict on "
        + md_escape(", ".join(conflicts))
        + ". Both readings are shown, and rows that depend on the reading appear twice.",
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
        "known from leaks and press reports; Russia's terms at Anchorage are known from "
        "anonymous sources on which several outlets agree.",
        "- **Left out on purpose.** Claims that could not be verified in the retrieved "
        "material are not encoded, and each position's coverage notes say so: the Reuters "
        "draft framework of the African mission, the 'basic requirement' wording attributed "
        "to Russia's Foreign Ministry, Ukraine's proposed missile-range limit in 2022, a "
        "long-range-missile ban and a 400,000 cap attributed to the 28-point plan, the US "
        "envoy's account of Russian concessions at Anchorage, a line on frozen assets in one "
        "copy of the Berlin statement.",
        "- **Inference.** IMPLIED conditions are readings, not text, and each names its "
        "readers: three readings of China's territorial integrity of all countries, Belarus' "
        "endorsement of China's paper (reported in Chinese readouts), Ukraine's "
        "Euro-Atlantic aim in the Peace Formula, the press's reading of Putin's questions of "
        "March 2025 as conditions, the analyst's reading of Ukraine's 'bilateral' guarantees "
        "as guarantees without a veto. The strict reading drops them.",
        "- **Model.** A document is reduced to the outcomes it accepts; how strongly it "
        "holds a stance, and trade-offs it did not state as conditional terms, are not "
        "modelled. Multi-actor documents count once. A settlement is what no text rules out: "
        "silence accepts anything.",
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
    russia = [p for p in m.positions if related(p, by_id[TIMELINE])]
    territory = [a for a in m.blocking if a.issue.startswith("territory/")]
    lines = [
        f"# Peace proposals for the Russia–Ukraine war, {first.date.year}–{last.date.year}: "
        "where they meet, where they part",
        "",
        f"This report compares {len(m.positions)} documents in which governments and groups "
        "of states set out how the war in Ukraine should end, from "
        f"*{md_escape(first.title)}* ({month(first.date)}) to "
        f"*{md_escape(last.title)}* ({month(last.date)}). Each document is encoded point by "
        "point as typed conditions, each with its evidence — document, locator, a short "
        "quote where it helps, and whether the text says it or a named reader infers it. "
        "The tables and pictures are then computed issue by issue by set algebra over the "
        "outcomes each document accepts, and a deal is searched for exactly. They show where "
        "the texts meet and where no outcome satisfies them all; they do not weigh the "
        "documents or predict a settlement.",
        "",
        f"In short: under the {READING} reading, {len(m.common_ground)} issues have joint "
        f"common ground among the documents that address them and {len(m.blocking)} block "
        "agreement. The most widely shared ground: "
        + md_escape(", ".join(f"{a.title} ({stance(a.common_ground)})" for a in widest(m, 6)))
        + f". The blocks: {len(territory)} on territory (who holds and who recognises the "
        "areas), and "
        + md_escape(", ".join(a.title for a in m.blocking if a not in territory))
        + ".",
        "",
        *reading_section(m, strict),
        *documents_section(m.positions),
        *common_ground_section(m),
        *blocking_section(m),
        *overview_section(m),
        *conflicts_section(m),
        *deal_section(by_id),
        *changes_section(m.positions, by_id),
        *side_by_side_section(by_id, *SIDE_BY_SIDE),
        *caveats_section(m.positions),
        "## Reproduce",
        "",
        "```console",
        "python examples/ukraine_proposals.py",
        "```",
        "",
        "regenerates this file and its three pictures from the built-in corpus "
        "(`peacepos.corpus`); `peacepos show ID` prints one document's conditions with their "
        "evidence, `peacepos compare A B` any pair, and `peacepos deal A B C` looks for a "
        "settlement.",
        "",
    ]
    return {
        REPORT: "\n".join(lines),
        MATRIX_SVG: matrix_svg(m),
        CONFLICTS_SVG: conflicts_svg(m),
        TIMELINE_SVG: timeline_svg(russia),
    }


def main(argv: Sequence[str] = ()) -> int:
    out = Path(argv[0]) if argv else OUTPUT
    out.mkdir(parents=True, exist_ok=True)
    # The corpus holds other peace processes too: this report reads the Russia-Ukraine war's.
    positions = [p for p in peacepos.corpus.load_all() if p.codebook.name == RU.name]
    for name, text in report(positions).items():
        write_text_atomic(out / name, text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
