"""Charts: the pairwise heatmap, the issue matrix with camps and one actor's timeline, as SVG.

Each picture is well-formed XML, names everything it shows, escapes hostile text, gives the
same bytes for the same input (any input order, any hash seed) and keeps its colours: a camp's
colour is its rank's, and every number or letter in a cell is readable on its fill.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

import peacepos
from peacepos import Codebook, Evidence, Issue, Position
from peacepos.analysis.many import relation_matrix
from peacepos.kinds import Outcomes
from peacepos.report import render
from peacepos.report.charts import (
    CAMP_COLOURS,
    CHANGE_MARKS,
    chart,
    contrast,
    heatmap,
    issue_matrix,
    timeline,
)

SVG = "{http://www.w3.org/2000/svg}"
FOUR = ("ukraine-2022-11-15", "china-2023-02-24", "russia-2023-02-24", "africa-2023-06-17")
RUSSIA = ("russia-2022-04-15", "russia-2023-02-24", "russia-2024-06-14")


def load(*ids: str) -> list[Position]:
    return [peacepos.corpus.load(i) for i in ids]


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title") is not None  # a name for screen readers
    return root


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def tooltips(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}title")]


@pytest.fixture(scope="module")
def four() -> peacepos.MultiComparison:
    return peacepos.compare_many(*load(*FOUR))


# -- the pairwise heatmap -------------------------------------------------------------------------


class TestHeatmap:
    def test_counts_every_pair_as_the_relation_matrix_does(
        self, four: peacepos.MultiComparison
    ) -> None:
        root = parse(heatmap(four))
        matrix = relation_matrix(four.positions, four.reading)
        tips = tooltips(root)
        for (a, b), n in zip(
            matrix.pairs(), matrix.count(peacepos.Relation.CONFLICT), strict=True
        ):
            ta, tb = (p.label for p in load(a, b))
            assert any(
                t.startswith(f"{ta} (") and f" × {tb} (" in t and f": {n} issues in conflict" in t
                for t in tips
            ), (a, b, n)
        assert sum(1 for t in tips if " × " in t) == 4 * 3  # both halves, no diagonal

    def test_names_every_position(self, four: peacepos.MultiComparison) -> None:
        shown = texts(parse(heatmap(four)))
        for p in four.positions:
            assert shown.count(f"{p.label} ({p.date})") == 2  # a row and a column

    def test_the_headline_pair_has_no_conflict_the_texts_state(self) -> None:
        # where readers disagree on what China's text implies, the matrix counts what the
        # text says (silence): no conflict, eight issues with overlap
        m = peacepos.compare_many(*load("china-2023-02-24", "russia-2023-02-24"))
        root = parse(heatmap(m))
        numbers = [t for t in texts(root) if t.isdigit()]
        assert numbers == ["0", "0"]
        overlap = [t for t in texts(parse(heatmap(m, count="overlap"))) if t.isdigit()]
        assert overlap == ["8", "8"]  # eight issues with overlap under the broad reading

    def test_links_wrap_the_cells_of_the_pairs_given(self, four: peacepos.MultiComparison) -> None:
        a, b = (p.id for p in four.positions[:2])
        root = parse(heatmap(four, links={(a, b): "pairs/a-b.html"}))
        links = [x.get("href") for x in root.iter(f"{SVG}a")]
        assert links == ["pairs/a-b.html"]

    def test_a_relation_matrix_names_positions_by_id(self) -> None:
        m = relation_matrix(load("china-2023-02-24", "russia-2023-02-24"), "broad")
        shown = texts(parse(heatmap(m)))
        assert "china-2023-02-24" in shown
        assert m._repr_svg_() == heatmap(m)
        assert render(m, "svg") == heatmap(m)

    def test_numbers_are_readable_on_their_fill(self, four: peacepos.MultiComparison) -> None:
        root = parse(heatmap(four))
        fills = [r.get("fill") for r in root.iter(f"{SVG}rect")][1:]  # not the background
        inks = [t.get("fill") for t in root.iter(f"{SVG}text") if "".join(t.itertext()).isdigit()]
        assert len(inks) == 12
        shaded = [f for f in fills if f and f != "#f2f2f2"]
        for fill, ink in zip(shaded, inks, strict=True):
            assert contrast(fill, ink) >= 4.5, (fill, ink)

    def test_count_must_be_known(self, four: peacepos.MultiComparison) -> None:
        with pytest.raises(ValueError, match="count must be"):
            heatmap(four, count="agreement")  # type: ignore[arg-type]


# -- the issue matrix -----------------------------------------------------------------------------


class TestIssueMatrix:
    def test_titles_not_keys_and_every_position(self, four: peacepos.MultiComparison) -> None:
        shown = texts(parse(issue_matrix(four)))
        for a in four.agreements:
            title = four.codebook[a.issue].title
            clipped = title if len(title) <= 60 else title[:59].rstrip() + "…"
            assert clipped in shown, title
            assert a.issue not in shown
        for p in four.positions:
            assert f"{p.label} ({p.date})" in shown

    def test_camp_colours_follow_the_camps_rank(self, four: peacepos.MultiComparison) -> None:
        """On every issue, a position of the k-th coalition has the k-th colour and number k,
        paler where its stance rests on IMPLIED conditions."""
        svg = issue_matrix(four)
        seen: set[str] = set()
        for a in four.agreements:
            title = four.codebook[a.issue].title
            for k, coalition in enumerate(a.coalitions):
                for pid in coalition:
                    p = peacepos.corpus.load(pid)
                    tip = f"{p.label} ({p.date}) — {title}: "
                    match = re.search(
                        r'<rect [^>]*fill="(#[0-9a-f]{6})"[^>]*><title>'
                        + re.escape(tip.replace("'", "&#x27;"))
                        + r"[^<]*\(camp (\d+)\)",
                        svg,
                    )
                    assert match, tip
                    assert int(match.group(2)) == k + 1
                    colour = CAMP_COLOURS[min(k, len(CAMP_COLOURS) - 1)]
                    implied = p.constraint(a.issue, "strict") != p.constraint(a.issue, "broad")
                    if not implied:
                        assert match.group(1) == colour
                        seen.add(colour)
        assert len(seen) >= 2  # a blocking issue shows a second camp

    def test_colours_do_not_depend_on_the_order_given(self) -> None:
        forward = peacepos.compare_many(*load(*FOUR))
        backward = peacepos.compare_many(*reversed(load(*FOUR)))
        assert issue_matrix(forward) == issue_matrix(backward)

    def test_camp_numbers_are_readable_on_their_colour(self) -> None:
        from peacepos.report.charts import ink

        for colour in CAMP_COLOURS:
            assert contrast(colour, ink(colour)) >= 4.5, colour

    def test_contested_and_conditional_cells(self) -> None:
        gaza = [p for p in peacepos.corpus.load_all() if p.codebook.name == "israel-hamas"]
        root = parse(issue_matrix(peacepos.compare_many(*gaza)))
        tips = tooltips(root)
        assert any(t.endswith("readers disagree, and the text itself is silent") for t in tips)
        assert any("only under conditional terms" in t for t in tips)
        marks = {"".join(t.itertext()) for t in root.iter(f"{SVG}text")}
        assert {"?", "t", "1", "2"} <= marks

    def test_links(self, four: peacepos.MultiComparison) -> None:
        first = four.agreements[0].issue
        pid = four.positions[0].id
        root = parse(
            issue_matrix(four, issue_links={first: "i.html"}, position_links={pid: "p.html"})
        )
        assert sorted(x.get("href") or "" for x in root.iter(f"{SVG}a")) == ["i.html", "p.html"]


# -- one actor over time --------------------------------------------------------------------------


class TestTimeline:
    def test_marks_each_change_with_its_shape_and_words(self) -> None:
        positions = load(*RUSSIA)
        root = parse(timeline(positions))
        tips = tooltips(root)
        step = peacepos.changes(positions[0], positions[1])
        for ch in step.changes:
            title = positions[0].codebook[ch.issue].title
            assert any(
                t.startswith(f"2023-02-24: {positions[1].title[:20]}")
                and f" — {title}: {ch.kind.value}" in t
                for t in tips
            ), (ch.issue, ch.kind)
        assert any(t.startswith("2022-04-15: ") and " — Talks: stated" in t for t in tips)
        shown = texts(root)
        assert "2023" in shown
        assert "2024" in shown  # years on the axis

    def test_order_given_does_not_matter(self) -> None:
        positions = load(*RUSSIA)
        assert timeline(positions) == timeline(list(reversed(positions)))

    def test_legend_lists_every_mark(self) -> None:
        shown = texts(parse(timeline(load(*RUSSIA))))
        for _, _, words in CHANGE_MARKS.values():
            assert words in shown

    def test_one_position_and_same_day_positions(self) -> None:
        one = parse(timeline(load("russia-2023-02-24")))
        assert "2023-02-24" in texts(one)
        with pytest.raises(ValueError, match="at least one"):
            timeline([])
        with pytest.raises(ValueError, match="once"):
            timeline(load("russia-2023-02-24", "russia-2023-02-24"))

    def test_changes_render_as_their_timeline(self) -> None:
        a, b = load("russia-2023-02-24", "russia-2024-06-14")
        ch = peacepos.changes(a, b)
        assert ch.render("svg") == timeline([a, b])
        assert ch._repr_svg_() == timeline([a, b])


# -- every chart ----------------------------------------------------------------------------------


def _hostile() -> list[Position]:
    nasty = "<script>alert(1)</script> & \"q\" 'a'"
    book = Codebook(
        name="hostile",
        title="Hostile",
        issues=[Issue(key="land", title=f"Land {nasty}", outcomes=["north", "south"])],
    )
    ev = Evidence(document="doc", locator="p1")
    return [
        Position(
            id=f"p{i}",
            title=f"Title {i} {nasty}",
            actors=(f"Actor {nasty}",),
            date=f"2023-0{i}-01",
            codebook=book,
            conditions=[Outcomes(issue="land", outcomes=[side], evidence=ev)],
        )
        for i, side in ((1, "north"), (2, "south"), (3, "north"))
    ]


@pytest.mark.parametrize("draw", [heatmap, issue_matrix, "timeline"])
def test_hostile_text_is_escaped(draw: object) -> None:
    positions = _hostile()
    svg = (
        timeline(positions) if draw == "timeline" else draw(peacepos.compare_many(*positions))  # type: ignore[operator]
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert re.search(r"&(?!(amp|lt|gt|quot|#x27);)", svg) is None  # no bare ampersand
    shown = " ".join(texts(parse(svg)) + tooltips(parse(svg)))
    assert "<script>alert(1)</script> & \"q\" 'a'" in shown  # and reads back as written


def test_results_without_a_picture() -> None:
    china, russia = load("china-2023-02-24", "russia-2023-02-24")
    comparison = peacepos.compare(china, russia)
    assert chart(comparison) is None
    assert comparison._repr_svg_() is None
    assert china._repr_svg_() is None
    with pytest.raises(ValueError, match="Comparison has no picture"):
        comparison.render("svg")
    m = peacepos.compare_many(china, russia)
    assert m.render("svg") == issue_matrix(m) == m._repr_svg_()


def test_the_same_bytes_whatever_the_hash_seed() -> None:
    code = (
        "import sys, peacepos\n"
        "from peacepos.report import charts\n"
        "L = peacepos.corpus.load\n"
        f"m = peacepos.compare_many(*map(L, {FOUR!r}))\n"
        "sys.stdout.write(charts.heatmap(m) + charts.issue_matrix(m)"
        f" + charts.timeline(list(map(L, {RUSSIA!r}))))\n"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("0", "1", "4242")
    }
    assert len(outs) == 1


@pytest.mark.parametrize("grey", range(0, 256, 5))
def test_ink_contrasts_with_any_fill(grey: int) -> None:
    from peacepos.report.charts import ink

    for fill in (f"#{grey:02x}{grey:02x}{grey:02x}", f"#{grey:02x}0000", f"#00{grey:02x}00"):
        assert contrast(fill, ink(fill)) >= 4.5, fill
