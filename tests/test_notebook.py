"""The example notebook runs top to bottom in a real kernel, and is committed with its outputs.

Running it needs the ``notebook`` extra (``pip install '.[notebook]'``): without it the test is
skipped, except on CI (the environment variable ``CI`` is set), where it fails instead.

To refresh the committed outputs after a change to peacepos::

    python tests/test_notebook.py --write
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "examples" / "china_vs_russia.ipynb"
CELL_TIMEOUT = 120  # seconds per cell; a cold kernel on a slow CI machine needs a few


def _need(module: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError:
        reason = (
            f"{module} is not installed; install the notebook extra "
            "(pip install '.[notebook]') to run examples/china_vs_russia.ipynb"
        )
        if os.environ.get("CI"):
            pytest.fail(f"CI is set and {reason}", pytrace=False)
        pytest.skip(reason)


def _kernel_dir(base: Path) -> Path:
    """A kernelspec ``python3`` that runs *this* interpreter (so the kernel sees this peacepos).

    Put first on JUPYTER_PATH, it wins over any ``python3`` kernel installed for the user.
    """
    spec = base / "kernels" / "python3"
    spec.mkdir(parents=True)
    kernel = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (peacepos tests)",
        "language": "python",
    }
    (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
    return base


def _execute(jupyter_path: Path) -> Any:
    nbclient = _need("nbclient")
    nbformat = _need("nbformat")
    _need("ipykernel")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    old = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = os.pathsep.join([str(jupyter_path), *([old] if old else [])])
    try:
        client = nbclient.NotebookClient(
            notebook,
            timeout=CELL_TIMEOUT,
            kernel_name="python3",
            allow_errors=True,  # collect every error, then report them cell by cell
            resources={"metadata": {"path": str(ROOT)}},
        )
        client.execute()
    finally:
        if old is None:
            os.environ.pop("JUPYTER_PATH", None)
        else:
            os.environ["JUPYTER_PATH"] = old
    return notebook


def _text(cell: Any) -> str:
    """Everything a code cell showed, as text (streams, reprs, HTML). The kernel may split one
    printed line into several stream outputs; they are joined as a notebook shows them."""
    parts: list[str] = []
    streaming = False
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            text = "".join(output.get("text", ""))
            if streaming:
                parts[-1] += text
            else:
                parts.append(text)
            streaming = True
            continue
        streaming = False
        for value in output.get("data", {}).values():
            parts.append(value if isinstance(value, str) else "".join(value))
    return "\n".join(parts)


def _errors(cell: Any) -> list[str]:
    return [
        f"{o.get('ename')}: {o.get('evalue')}"
        for o in cell.get("outputs", [])
        if o.get("output_type") == "error"
    ]


def _cell(notebook: Any, starts_with: str) -> Any:
    found = [c for c in notebook["cells"] if "".join(c["source"]).startswith(starts_with)]
    assert len(found) == 1, f"expected one cell starting with {starts_with!r}"
    return found[0]


# -- the committed file ----------------------------------------------------------------------


def _committed() -> Any:
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))


def test_committed_notebook_has_outputs_and_no_errors() -> None:
    notebook = _committed()
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert code, "the notebook has code cells"
    for cell in code:
        source = "".join(cell["source"])
        assert cell["outputs"], f"committed without outputs: {source[:60]!r}"
        assert not _errors(cell), f"committed with an error: {source[:60]!r}"
    counts = [c["execution_count"] for c in code]
    assert counts == list(range(1, len(code) + 1)), "run top to bottom in one go"


def test_committed_notebook_shows_the_headline_results() -> None:
    notebook = _committed()
    comparison = _text(_cell(notebook, "result = peacepos.compare(china, russia)"))
    assert "<table>" in comparison, "the comparison is shown as a rich HTML table"
    assert "CONTESTED" in comparison
    assert "read by US officials" in comparison
    deal = _text(_cell(notebook, "deal = peacepos.deals(china, russia, putin"))
    assert "no settlement" in deal


# -- a fresh run -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return _execute(_kernel_dir(tmp_path_factory.mktemp("jupyter")))


def test_notebook_runs_without_errors(executed: Any) -> None:
    code = [c for c in executed["cells"] if c["cell_type"] == "code"]
    failures = {"".join(c["source"]).splitlines()[0]: _errors(c) for c in code if _errors(c)}
    assert not failures, f"cells failed: {failures}"
    assert all(c["outputs"] for c in code), "every code cell shows something"


def test_notebook_comparison_cell_shows_each_readers_verdict(executed: Any) -> None:
    cell = _cell(executed, "result = peacepos.compare(china, russia)")
    html = "".join(
        "".join(o["data"]["text/html"])
        for o in cell["outputs"]
        if "text/html" in o.get("data", {})
    )
    assert "Recognition: Crimea with Sevastopol" in html
    assert "CONTESTED" in html, "the rich HTML repr marks the territory as contested"
    assert "read by Russian Foreign Ministry" in html
    assert "CONFLICT" in html, "three readers' verdicts are conflicts"


def test_notebook_territory_cells_show_the_readings_readers_and_evidence(executed: Any) -> None:
    readings = _text(_cell(executed, 'key = "territory/crimea/recognition"'))
    assert "strict: only-right" in readings
    assert "broad: contested" in readings
    verdicts = _text(_cell(executed, 'crimea = result.finding(key, reading="broad")'))
    assert "Russian Foreign Ministry: same" in verdicts
    assert "US officials: conflict" in verdicts
    assert "Yun Sun (Stimson Center): conflict" in verdicts
    evidence = _text(_cell(executed, "def show(condition, label):"))
    assert "read so by: US officials, Ukraine's president" in evidence
    assert "IMPLIED" in evidence
    assert "EXPLICIT" in evidence
    assert "new territorial realities" in evidence
    strict = _text(_cell(executed, 'show_evidence(result.finding(key, reading="strict"))'))
    assert "IMPLIED" not in strict, "the strict reading shows what the texts say"
    assert "Russia: territorial recognition" in strict
    groups = _text(_cell(executed, 'print("reading-dependent:"'))
    assert "conflicts:         []" in groups


def test_notebook_three_way_cell_shows_blocking_issues(executed: Any) -> None:
    text = _text(_cell(executed, 'names = {p.id: f"{p.label} ({p.date})"'))
    blocking = text[text.index("blocking issues:") :]
    assert "territory/luhansk/control: China (2023-02-24) vs Russia (2024-06-14)" in blocking
    assert "sequence/talks: China (2023-02-24) vs Russia (2024-06-14)" in blocking
    assert "territory/crimea/recognition" not in blocking, "contested: only the text counts"
    strict = _text(_cell(executed, "strict = peacepos.compare_many("))
    assert "blocking: []" in strict


def test_notebook_deal_cells_show_blocking_sets_and_readings(executed: Any) -> None:
    deal = _text(_cell(executed, "deal = peacepos.deals(china, russia, putin"))
    assert "reading=broad: no settlement; 16 blocking set(s)" in deal
    assert "the sets listed cover every obstacle: True" in deal
    assert "On “Control: Luhansk region”, no outcome meets what China and Russia demand." in deal
    readings = _text(_cell(executed, 'for reading in ("strict", {"Russian Foreign Ministry"})'))
    assert "strict -> a settlement" in readings
    assert "{'Russian Foreign Ministry'} -> a settlement" in readings


def _write() -> None:  # pragma: no cover - a maintenance command, not a test
    import tempfile

    import nbformat

    with tempfile.TemporaryDirectory() as tmp:
        notebook = _execute(_kernel_dir(Path(tmp)))
    bad = [c for c in notebook.cells if c.cell_type == "code" and _errors(c)]
    if bad:
        raise SystemExit(f"not written: {len(bad)} cells failed: {[_errors(c) for c in bad]}")
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)  # no timestamps: a re-run is a reviewable diff
    notebook.metadata["language_info"] = {"name": "python"}
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(notebook, NOTEBOOK)
    print(f"wrote {NOTEBOOK}")


if __name__ == "__main__":  # pragma: no cover
    if sys.argv[1:] != ["--write"]:
        raise SystemExit("usage: python tests/test_notebook.py --write")
    _write()
