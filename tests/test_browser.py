"""What readers see, in a real browser: the static site, the pages, and the notebook table.

Headless Chromium, driven by selenium (the ``browser`` extra: ``pip install '.[browser]'``;
Debian: ``apt-get install chromium chromium-driver``), loads every page of a site of all
built-in positions and follows every internal link; checks that no page is wider than a
1280-pixel window; and puts the notebook HTML (``_repr_html_``) in a page that imitates
JupyterLab's table rules, in its light and dark theme, to check that cells stay left-aligned and
that every text keeps a contrast of 4.5:1 with what is behind it (WCAG AA), computed from the
colours the browser computed.

Without selenium or Chromium the tests are skipped, except on CI (the environment variable
``CI`` is set), where they fail. Screenshots go to ``build/screenshots/`` (or to the folder
``PEACEPOS_SCREENSHOTS`` names); the path is printed (``pytest -s``).
"""

from __future__ import annotations

import importlib
import os
import shutil
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

import peacepos
from peacepos.library import write_site
from peacepos.report.charts import contrast

ROOT = Path(__file__).resolve().parent.parent
WIDTH = 1280
NARROW = 400
AA = 4.5


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and {reason}", pytrace=False)
    pytest.skip(reason)


def _need(module: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError:
        _unavailable(
            f"{module} is not installed; install the browser extra (pip install '.[browser]')"
        )
        raise  # pragma: no cover - _unavailable does not return


def _program(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    _unavailable(f"none of {', '.join(names)} is installed (Debian: chromium chromium-driver)")
    raise AssertionError  # pragma: no cover


@pytest.fixture(scope="module")
def screenshots() -> Path:
    folder = Path(os.environ.get("PEACEPOS_SCREENSHOTS") or ROOT / "build" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {folder}")
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    webdriver = _need("selenium.webdriver")
    service = _need("selenium.webdriver.chrome.service")
    chromium = _program("chromium", "chromium-browser", "google-chrome")
    chromedriver = _program("chromedriver")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root in a container
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--hide-scrollbars",
        f"--window-size={WIDTH},1000",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=service.Service(chromedriver), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _viewport(driver: Any, width: int, height: int = 1000) -> None:
    """A window exactly ``width`` pixels wide (a real window cannot be made that narrow)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )


def _scheme(driver: Any, scheme: str) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "site"
    write_site(out, peacepos.corpus.load_all())
    return out


# -- contrast, from the colours the browser computed ----------------------------------------------

# For every element with text of its own under ``root``: its text colour and the colour behind
# it, each composited (alpha and all) over what lies beneath, read back from a canvas.
_COLOURS = """
const root = arguments[0] || document.body;
const canvas = document.createElement("canvas");
canvas.width = canvas.height = 1;
const ctx = canvas.getContext("2d", {willReadFrequently: true});
function paint(colours) {
  ctx.globalCompositeOperation = "copy";
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, 1, 1);
  ctx.globalCompositeOperation = "source-over";
  for (const c of colours) { ctx.fillStyle = c; ctx.fillRect(0, 0, 1, 1); }
  return Array.from(ctx.getImageData(0, 0, 1, 1).data.slice(0, 3));
}
const out = [];
for (const el of [root, ...root.querySelectorAll("*")]) {
  if (["STYLE", "SCRIPT", "TITLE"].includes(el.tagName)) continue;
  if (el.closest("svg")) continue;
  const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
  if (!own) continue;
  const layers = [];
  for (let e = el; e; e = e.parentElement) {
    layers.unshift(getComputedStyle(e).backgroundColor);
  }
  const style = getComputedStyle(el);
  out.push({
    tag: el.tagName.toLowerCase() + (el.classList.length ? "." + el.classList[0] : ""),
    text: el.textContent.trim().slice(0, 40),
    back: paint(layers),
    fore: paint([...layers, style.color]),
    align: style.textAlign,
  });
}
return out;
"""


def _hex(rgb: list[int]) -> str:
    return "#" + "".join(f"{c:02x}" for c in rgb)


def _contrast(a: list[int], b: list[int]) -> float:
    return contrast(_hex(a), _hex(b))


def _low_contrast(driver: Any, root: Any = None) -> list[str]:
    found = driver.execute_script(_COLOURS, root)
    assert found, "no text found"
    return [
        f"{x['tag']} {x['text']!r}: {_contrast(x['fore'], x['back']):.2f} "
        f"(text {x['fore']} on {x['back']})"
        for x in found
        if _contrast(x["fore"], x["back"]) < AA
    ]


# -- the site -------------------------------------------------------------------------------------


def _path(url: str) -> Path:
    return Path(unquote(urlsplit(url).path))


_LINKS = """
return Array.from(document.querySelectorAll("a, link[rel=stylesheet]"))
  .map(a => a.getAttribute("href") || a.getAttribute("xlink:href"))
  .filter(Boolean)
  .map(h => new URL(h, location.href).href);
"""


def test_every_page_loads_links_hold_and_fits_1280_pixels(
    browser: Any, site: Path, screenshots: Path
) -> None:
    _viewport(browser, WIDTH)
    _scheme(browser, "light")
    index = (site / "index.html").as_uri()
    seen = {index}
    queue = deque([index])
    anchors: list[tuple[str, str, str]] = []  # (page, target page, anchor)
    ids: dict[str, set[str]] = {}
    problems: list[str] = []
    browser.get_log("browser")
    while queue:
        url = queue.popleft()
        browser.get(url)
        page = str(_path(url).relative_to(site))
        ids[url] = set(
            browser.execute_script(
                "return Array.from(document.querySelectorAll('[id]')).map(e => e.id)"
            )
        )
        width = browser.execute_script("return document.documentElement.scrollWidth")
        if width > WIDTH:
            problems.append(f"{page}: {width} pixels wide")
        if not browser.execute_script("return document.styleSheets.length"):
            problems.append(f"{page}: no stylesheet")
        for link in browser.execute_script(_LINKS):
            if not link.startswith("file:"):
                continue
            target, _, anchor = link.partition("#")
            if not _path(target).is_file():
                problems.append(f"{page}: broken link {link}")
                continue
            if anchor:
                anchors.append((page, target, unquote(anchor)))
            if target.endswith(".html") and target not in seen:
                seen.add(target)
                queue.append(target)
    for entry in browser.get_log("browser"):
        if entry.get("level") == "SEVERE":
            problems.append(f"console: {entry.get('message')}")
    for page, target, anchor in anchors:
        if anchor not in ids.get(target, set()):
            problems.append(f"{page}: no #{anchor} in {target}")
    pages = {p.resolve().as_uri() for p in site.rglob("*.html")}
    unreached = sorted(pages - seen)
    assert not unreached, f"not reachable from the index: {unreached[:5]}"
    assert not problems, problems[:10]
    assert len(seen) > 100


def test_the_index_filter(browser: Any, site: Path) -> None:
    _viewport(browser, WIDTH)
    browser.get((site / "index.html").as_uri())
    box = browser.find_element("id", "filter")
    assert box.is_displayed()  # shown by the script; hidden without it
    box.send_keys("Hamas 2024")
    shown = browser.execute_script(
        "return Array.from(document.querySelectorAll('#positions tbody tr'))"
        ".filter(r => !r.hidden).map(r => r.querySelector('a').textContent)"
    )
    everyone = peacepos.corpus.load_all()
    # The row's text: date, title, actors, codebook, confidence, number of conditions.
    rows = {
        p.title: f"{p.date} {p.title} {', '.join(p.actors)} {p.codebook.name} "
        f"{p.confidence_level or '—'} {len(p.all_conditions)}".lower()
        for p in everyone
    }
    expected = [title for title, text in rows.items() if "hamas" in text and "2024" in text]
    assert sorted(shown) == sorted(expected)
    assert 1 <= len(shown) < len(everyone)
    assert browser.find_element("id", "shown").text == f"{len(shown)} of {len(everyone)} positions"


PAGES = {
    "site-index": "index.html",
    "site-position": "positions/china-2023-02-24.html",
    "site-heatmap": "codebooks/russia-ukraine/index.html",
    "site-issue": "codebooks/russia-ukraine/issues/territory--crimea--recognition.html",
    "site-pair": "codebooks/russia-ukraine/pairs/china-2023-02-24--russia-2023-02-24.html",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_site_pages_are_readable_in_light_and_dark(
    browser: Any, site: Path, screenshots: Path, scheme: str
) -> None:
    _viewport(browser, WIDTH)
    _scheme(browser, scheme)
    try:
        for name, page in PAGES.items():
            browser.get((site / page).as_uri())
            assert not _low_contrast(browser), (page, _low_contrast(browser)[:5])
            page_back = browser.execute_script(
                "return getComputedStyle(document.body).backgroundColor"
            )
            assert (page_back == "rgb(255, 255, 255)") == (scheme == "light"), page_back
            browser.save_screenshot(str(screenshots / f"{name}-{WIDTH}-{scheme}.png"))
    finally:
        _scheme(browser, "light")


def test_site_pages_fit_a_narrow_window(browser: Any, site: Path, screenshots: Path) -> None:
    """At 400 pixels wide tables scroll inside their box; the page itself does not."""
    _viewport(browser, NARROW)
    try:
        for name, page in PAGES.items():
            browser.get((site / page).as_uri())
            width = browser.execute_script("return document.documentElement.scrollWidth")
            assert width <= NARROW, (page, width)
            browser.save_screenshot(str(screenshots / f"{name}-{NARROW}.png"))
    finally:
        _viewport(browser, WIDTH)


# -- the notebook table ---------------------------------------------------------------------------

# JupyterLab's rendered-HTML rules for tables and links (@jupyterlab/rendermime,
# style/base.css, 4.x) and classic Notebook's, with the theme variables of JupyterLab's light
# and dark themes. They come after the output in the page, so that a rule of equal weight
# would win over the fragment's own: the fragment must outrank them.
JUPYTERLAB = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>JupyterLab-like output</title></head>
<body data-jp-theme-light="THEME_IS_LIGHT" class="jp-ThemedContainer">
<div class="jp-OutputArea-output jp-RenderedHTMLCommon jp-RenderedHTML rendered_html"
 data-mime-type="text/html">
FRAGMENT
</div>
<style>
:root { --jp-content-font-color1: rgba(0, 0, 0, 0.87); --jp-ui-font-color1: rgba(0, 0, 0, 0.87);
  --jp-layout-color0: #ffffff; --jp-border-color1: #bdbdbd; --jp-border-color2: #e0e0e0;
  --jp-content-link-color: #1976d2; --jp-rendermime-table-row-background: #f5f5f5;
  --jp-rendermime-table-row-hover-background: #e1f5fe; --jp-ui-font-size1: 13px; }
body[data-jp-theme-light="false"] { --jp-content-font-color1: rgba(255, 255, 255, 1);
  --jp-ui-font-color1: rgba(255, 255, 255, 0.87); --jp-layout-color0: #111111;
  --jp-border-color1: #616161; --jp-border-color2: #424242; --jp-content-link-color: #64b5f6;
  --jp-rendermime-table-row-background: #212121;
  --jp-rendermime-table-row-hover-background: #616161; }
body { background: var(--jp-layout-color0); color: var(--jp-content-font-color1);
  margin: 0; padding: 8px; }
.jp-RenderedHTMLCommon { color: var(--jp-content-font-color1); font-size: 14px;
  padding-right: 20px; }
.jp-RenderedHTMLCommon a:link { text-decoration: none; color: var(--jp-content-link-color); }
.jp-RenderedHTMLCommon a:visited { text-decoration: none;
  color: var(--jp-content-link-color); }
.jp-RenderedHTMLCommon table { border-collapse: collapse; border-spacing: 0; border: none;
  color: var(--jp-ui-font-color1); font-size: var(--jp-ui-font-size1); table-layout: fixed;
  margin-left: auto; margin-bottom: 1em; margin-right: auto; }
.jp-RenderedHTMLCommon thead { border-bottom: 1px solid var(--jp-border-color1);
  vertical-align: bottom; }
.jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th, .jp-RenderedHTMLCommon tr {
  vertical-align: middle; padding: 0.5em; line-height: normal; white-space: normal;
  max-width: none; border: none; }
:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td,
:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon th,
:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon tr { text-align: right; }
.jp-RenderedHTMLCommon th { font-weight: bold; }
.jp-RenderedHTMLCommon tbody tr:nth-child(odd) { background: var(--jp-layout-color0); }
.jp-RenderedHTMLCommon tbody tr:nth-child(even) {
  background: var(--jp-rendermime-table-row-background); }
.jp-RenderedHTMLCommon tbody tr:hover {
  background: var(--jp-rendermime-table-row-hover-background); }
.jp-RenderedHTMLCommon p { text-align: left; margin: 0; margin-bottom: 1em; }
.rendered_html table { margin-left: auto; margin-right: auto; color: black; }
.rendered_html td, .rendered_html th { text-align: right; vertical-align: middle;
  padding: 0.5em 0.5em; }
.rendered_html tbody tr:nth-child(odd) { background: #f5f5f5; }
</style>
</body></html>
"""


@pytest.fixture(scope="module")
def fragment() -> str:
    china = peacepos.corpus.load("china-2023-02-24")
    russia = peacepos.corpus.load("russia-2023-02-24")
    html: str = peacepos.compare(china, russia)._repr_html_()
    return html


def _notebook(tmp_path: Path, fragment: str, light: bool) -> str:
    page = JUPYTERLAB.replace("THEME_IS_LIGHT", "true" if light else "false")
    path = tmp_path / f"notebook-{'light' if light else 'dark'}.html"
    path.write_text(page.replace("FRAGMENT", fragment), encoding="utf-8")
    return path.as_uri()


@pytest.mark.parametrize("light", [True, False], ids=["light", "dark"])
def test_notebook_table_in_jupyterlab(
    browser: Any, fragment: str, tmp_path: Path, screenshots: Path, light: bool
) -> None:
    _viewport(browser, WIDTH)
    # The reader's system asks for the other scheme: the notebook's theme decides.
    _scheme(browser, "dark" if light else "light")
    try:
        browser.get(_notebook(tmp_path, fragment, light))
        root = browser.find_element("css selector", ".peacepos")
        cells = browser.execute_script(
            "return Array.from(arguments[0].querySelectorAll('td, th'))"
            ".map(c => getComputedStyle(c).textAlign)",
            root,
        )
        assert cells
        assert set(cells) == {"left"}, set(cells)  # JupyterLab's rule says right
        margin = browser.execute_script(
            "return getComputedStyle(arguments[0].querySelector('table')).marginLeft", root
        )
        assert margin == "0px"  # not centred by JupyterLab's margin: auto
        low = _low_contrast(browser, root)
        assert not low, low[:5]
        verdicts = browser.execute_script(
            "return Array.from(arguments[0].querySelectorAll('td.v'))"
            ".map(c => getComputedStyle(c).backgroundColor)",
            root,
        )
        assert "rgba(0, 0, 0, 0)" not in verdicts  # every verdict cell is coloured
        conflict = browser.execute_script(
            "return getComputedStyle(arguments[0].querySelector('tr.conflict td.v'))"
            ".backgroundColor",
            root,
        )
        channels = [int(x) for x in conflict[4:-1].split(",")[:3]]
        pale = contrast(_hex(channels), "#000000") > contrast(_hex(channels), "#ffffff")
        assert pale == light, conflict  # pale in the light theme, deep in the dark one
        browser.save_screenshot(
            str(screenshots / f"notebook-jupyterlab-{'light' if light else 'dark'}.png")
        )
    finally:
        _scheme(browser, "light")


def test_notebook_table_without_its_stylesheet_on_a_dark_host(
    browser: Any, fragment: str, tmp_path: Path, screenshots: Path
) -> None:
    """A code host that drops ``<style>`` and shows the notebook on a dark page: the verdict
    cells carry background and text colour as one pair, so they stay readable."""
    stripped = fragment.split("<style>")[0] + fragment.split("</style>")[1]
    page = tmp_path / "stripped.html"
    page.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>host</title></head>'
        '<body style="background:#0d1117;color:#e6edf3">' + stripped + "</body></html>",
        encoding="utf-8",
    )
    browser.get(page.as_uri())
    cells = browser.find_elements("css selector", "td.v")
    assert cells
    low = [line for line in _low_contrast(browser) if line.startswith("td.v ")]
    assert not low, low[:5]
    browser.save_screenshot(str(screenshots / "notebook-without-stylesheet-dark-host.png"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_html_page_follows_the_system_scheme(
    browser: Any, tmp_path: Path, screenshots: Path, scheme: str
) -> None:
    china = peacepos.corpus.load("china-2023-02-24")
    russia = peacepos.corpus.load("russia-2023-02-24")
    page = tmp_path / "page.html"
    page.write_text(peacepos.compare(china, russia).render("html"), encoding="utf-8")
    _viewport(browser, WIDTH)
    _scheme(browser, scheme)
    try:
        browser.get(page.as_uri())
        assert not _low_contrast(browser)
        back = browser.execute_script("return getComputedStyle(document.body).backgroundColor")
        assert (back == "rgb(255, 255, 255)") == (scheme == "light"), back
        assert browser.execute_script("return document.documentElement.scrollWidth") <= WIDTH
        browser.save_screenshot(str(screenshots / f"html-page-{scheme}.png"))
    finally:
        _scheme(browser, "light")
