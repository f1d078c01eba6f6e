"""The static site: what it holds, that its links hold, that it is written whole.

The pages are read with :mod:`html.parser` here; ``tests/test_browser.py`` loads them in a
browser.
"""

from __future__ import annotations

import html.parser
import os
import posixpath
import subprocess
import sys
from collections import deque
from pathlib import Path

import pytest

import peacepos
from peacepos import Codebook, Evidence, Issue, Position
from peacepos.cli import main
from peacepos.errors import OutputFileError
from peacepos.kinds import Outcomes
from peacepos.library import write_site
from peacepos.report.site import MARKER, site_files

FOUR = ("ukraine-2022-11-15", "china-2023-02-24", "russia-2023-02-24", "africa-2023-06-17")
RUSSIA = ("russia-2022-04-15", "russia-2023-02-24", "russia-2024-06-14")


def load(*ids: str) -> list[Position]:
    return [peacepos.corpus.load(i) for i in ids]


class Page(html.parser.HTMLParser):
    """The links (``href`` of ``<a>``, in HTML and SVG) and the ids of one page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.scripts = 0
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.links.append(found["href"] or "")
        if tag == "link" and found.get("href"):
            self.links.append(found["href"] or "")
        if found.get("id"):
            self.ids.add(found["id"] or "")
        if tag == "script":
            self.scripts += 1


def internal(link: str) -> bool:
    return not link.startswith(("http://", "https://", "mailto:"))


def resolve(page: str, link: str) -> tuple[str, str]:
    """(site path, anchor) of a relative link on ``page``; a bare ``#x`` is on the page."""
    target, _, anchor = link.partition("#")
    if not target:
        return page, anchor
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), target)), anchor


def depths(files: dict[str, str]) -> dict[str, int]:
    """Clicks from the index to each page, following internal links breadth first."""
    parsed = {path: Page(text) for path, text in files.items() if path.endswith(".html")}
    seen = {"index.html": 0}
    queue = deque(["index.html"])
    while queue:
        page = queue.popleft()
        for link in parsed[page].links:
            if not internal(link):
                continue
            target, _ = resolve(page, link)
            if target.endswith(".html") and target not in seen:
                seen[target] = seen[page] + 1
                queue.append(target)
    return seen


@pytest.fixture(scope="module")
def corpus_site() -> dict[str, str]:
    return site_files(peacepos.corpus.load_all())


# -- what the site holds ---------------------------------------------------------------------


def test_a_page_per_position_codebook_issue_and_pair(corpus_site: dict[str, str]) -> None:
    positions = peacepos.corpus.load_all()
    books: dict[str, list[Position]] = {}
    for p in positions:
        books.setdefault(p.codebook.name, []).append(p)
        assert f"positions/{p.id}.html" in corpus_site
    assert len(books) >= 2  # the corpus holds two processes
    for name, group in books.items():
        for page in ("index", "deal", "common-ground", "vocabulary"):
            assert f"codebooks/{name}/{page}.html" in corpus_site
        pairs = [f for f in corpus_site if f.startswith(f"codebooks/{name}/pairs/")]
        assert len(pairs) == len(group) * (len(group) - 1) // 2
        issues = {k for p in group for k in p.constraints("broad")}
        for key in issues:
            assert f"codebooks/{name}/issues/{key.replace('/', '--')}.html" in corpus_site
    # Positions of different codebooks are never compared.
    for path in corpus_site:
        if "/pairs/" in path:
            book = path.split("/")[1]
            a, b = path.rsplit("/", 1)[1].removesuffix(".html").split("--")
            assert peacepos.corpus.load(a).codebook.name == book
            assert peacepos.corpus.load(b).codebook.name == book


def test_the_index_lists_every_position_with_its_facts(corpus_site: dict[str, str]) -> None:
    index = corpus_site["index.html"]
    for p in peacepos.corpus.load_all():
        assert f'<a href="positions/{p.id}.html">' in index
        assert str(p.date) in index
        assert p.codebook.name in index
    assert '<input type="search" id="filter"' in index
    assert Page(index).scripts == 1  # the filter, plain JavaScript


def test_every_internal_link_and_anchor_holds(corpus_site: dict[str, str]) -> None:
    parsed = {p: Page(t) for p, t in corpus_site.items() if p.endswith(".html")}
    broken = []
    for page, found in parsed.items():
        for link in found.links:
            if not internal(link):
                continue
            target, anchor = resolve(page, link)
            if target not in corpus_site:
                broken.append(f"{page} -> {link}")
            elif anchor and anchor not in parsed[target].ids:
                broken.append(f"{page} -> {link} (no #{anchor})")
    assert not broken, broken[:10]


def test_every_page_is_reachable_and_evidence_is_close(corpus_site: dict[str, str]) -> None:
    """Every page from the index; the pages of pairs and issues, which show each finding's
    evidence (footnotes, one more click), within two clicks."""
    reach = depths(corpus_site)
    pages = {p for p in corpus_site if p.endswith(".html")}
    assert pages == set(reach)
    for page, clicks in reach.items():
        if "/pairs/" in page or "/issues/" in page:
            assert clicks <= 2, (page, clicks)
    pair = corpus_site["codebooks/russia-ukraine/pairs/china-2023-02-24--russia-2023-02-24.html"]
    assert 'href="#src-tab:china-2023-02-24-vs-russia-2023-02-24-1"' in pair
    assert 'id="src-tab:china-2023-02-24-vs-russia-2023-02-24-1"' in pair


def test_source_addresses_are_links(corpus_site: dict[str, str]) -> None:
    china = peacepos.corpus.load("china-2023-02-24")
    page = corpus_site["positions/china-2023-02-24.html"]
    assert china.urls
    for url in china.urls:
        assert f'<a href="{url}">' in page


def test_an_issue_page_shows_camps_and_evidence(corpus_site: dict[str, str]) -> None:
    page = corpus_site["codebooks/russia-ukraine/issues/territory--crimea--recognition.html"]
    assert "<b>Blocking:</b>" in page
    assert "<h2>Camps</h2>" in page
    assert "new territorial realities" in page  # Russia's evidence, quoted
    link = "../../../positions/russia-2023-02-24.html#issue-territory--crimea--recognition"
    assert f'href="{link}"' in page


def test_charts_are_on_the_codebook_page(corpus_site: dict[str, str]) -> None:
    page = corpus_site["codebooks/russia-ukraine/index.html"]
    assert page.count("<svg ") == 2
    assert 'href="pairs/china-2023-02-24--russia-2023-02-24.html"' in page
    actor = [p for p in corpus_site if "/actors/" in p and "russia-ukraine" in p]
    assert "codebooks/russia-ukraine/actors/russia.html" in actor
    assert "<svg " in corpus_site["codebooks/russia-ukraine/actors/russia.html"]


def test_one_position_alone_makes_a_site() -> None:
    files = site_files(load("china-2023-02-24"))
    assert "codebooks/russia-ukraine/index.html" in files
    assert not [f for f in files if "/pairs/" in f or f.endswith("deal.html")]
    assert set(depths(files)) == {f for f in files if f.endswith(".html")}


def test_positions_given_twice_count_once() -> None:
    assert site_files(load(*FOUR, *FOUR)) == site_files(load(*FOUR))
    with pytest.raises(ValueError, match="at least one"):
        site_files([])


def test_the_same_files_in_any_order() -> None:
    assert site_files(load(*FOUR)) == site_files(list(reversed(load(*FOUR))))


def test_the_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    code = (
        "import sys, peacepos\n"
        "from peacepos.report.site import site_files\n"
        f"files = site_files(map(peacepos.corpus.load, {FOUR!r}))\n"
        "sys.stdout.write(''.join(k + v for k, v in files.items()))\n"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("0", "99")
    }
    assert len(outs) == 1


def test_hostile_text_is_escaped_everywhere() -> None:
    nasty = '<script>alert(1)</script> & "q"'
    book = Codebook(
        name="hostile",
        title=f"Book {nasty}",
        issues=[Issue(key="land", title=f"Land {nasty}", outcomes=["north", "south"])],
    )
    ev = Evidence(document="doc", locator=f"p1 {nasty}", quote=nasty, source=nasty)
    positions = [
        Position(
            id=f"p{i}",
            title=f"Title {nasty}",
            actors=(f"Actor {nasty}",),
            date=f"2023-0{i}-01",
            codebook=book,
            confidence=nasty,
            conditions=[Outcomes(issue="land", outcomes=[side], evidence=ev)],
        )
        for i, side in ((1, "north"), (2, "south"))
    ]
    files = site_files(positions)
    for path, text in files.items():
        assert "<script>alert" not in text, path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in files["positions/p1.html"]


# -- writing it -------------------------------------------------------------------------------


def test_write_site_creates_then_replaces_an_earlier_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    written = write_site(out, load(*FOUR))
    assert (out / "index.html").is_file()
    assert (out / MARKER).is_file()
    assert sorted(written) == sorted(
        str(p.relative_to(out)).replace(os.sep, "/") for p in out.rglob("*") if p.is_file()
    )
    write_site(out, load("china-2023-02-24", "russia-2023-02-24"))
    assert not (out / "positions" / "africa-2023-06-17.html").exists()  # the old site is gone
    assert (out / "positions" / "china-2023-02-24.html").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no temporary directory left


def test_write_site_makes_missing_parents(tmp_path: Path) -> None:
    out = tmp_path / "build" / "html" / "site"
    write_site(out, load("china-2023-02-24"))
    assert (out / "index.html").is_file()
    assert [p.name for p in (tmp_path / "build" / "html").iterdir()] == ["site"]


def test_write_site_refuses_what_is_not_a_site(tmp_path: Path) -> None:
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(OutputFileError, match="holds other things"):
        write_site(other, load(*FOUR))
    assert [p.name for p in other.iterdir()] == ["notes.txt"]
    a_file = tmp_path / "file"
    a_file.write_text("x", encoding="utf-8")
    with pytest.raises(OutputFileError, match="not a directory"):
        write_site(a_file, load(*FOUR))
    link = tmp_path / "link"
    link.symlink_to(other)
    with pytest.raises(OutputFileError, match="symbolic link"):
        write_site(link, load(*FOUR))
    empty = tmp_path / "empty"
    empty.mkdir()
    write_site(empty, load(*FOUR))
    assert (empty / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "file", "link", "mine"]


def test_a_failed_write_leaves_the_earlier_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    write_site(out, load(*FOUR))
    before = (out / "index.html").read_bytes()
    calls = 0
    real = os.fsync

    def failing(fd: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 5:
            raise OSError(28, "No space left on device")
        real(fd)

    monkeypatch.setattr(os, "fsync", failing)
    with pytest.raises(OutputFileError, match="No space left"):
        write_site(out, load("china-2023-02-24", "russia-2023-02-24"))
    assert (out / "index.html").read_bytes() == before
    assert (out / "positions" / "africa-2023-06-17.html").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_tree_paths_stay_inside_the_directory(tmp_path: Path) -> None:
    from peacepos.io.write import write_tree_atomic

    for bad in ("../escape.html", "/abs.html", "a//b.html", "a/./b.html"):
        with pytest.raises(ValueError, match="relative path"):
            write_tree_atomic(tmp_path / "t", {MARKER: "", bad: "x"}, marker=MARKER)
    with pytest.raises(ValueError, match="marker"):
        write_tree_atomic(tmp_path / "t", {"a.html": "x"}, marker=MARKER)
    assert not (tmp_path / "t").exists()


# -- the command --------------------------------------------------------------------------------


def test_cli_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site"
    assert main(["site", str(out), *FOUR]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == str(out / "index.html")
    assert lines[1].endswith("4 positions, " + lines[1].split(", ")[1] + ", 6 pairs compared")
    assert (out / "codebooks" / "russia-ukraine" / "pairs").is_dir()
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "x").write_text("", encoding="utf-8")
    assert main(["site", str(tmp_path / "mine")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "holds other things" in err


def test_cli_site_of_a_position_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = tmp_path / "mine.toml"
    peacepos.write_position(peacepos.corpus.load("china-2023-02-24"), mine)
    text = mine.read_text(encoding="utf-8").replace('id = "china-2023-02-24"', 'id = "mine"')
    mine.write_text(text, encoding="utf-8")
    assert main(["site", str(tmp_path / "site"), str(mine), "russia-2023-02-24"]) == 0
    assert (tmp_path / "site" / "positions" / "mine.html").is_file()
    assert (tmp_path / "site" / "codebooks" / "russia-ukraine" / "pairs").is_dir()
