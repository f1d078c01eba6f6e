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
    """Everything a code cell showed, as text (streams, reprs, HTML)."""
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts.append("".join(output.get("text", "")))
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
    assert "CONFLICT" in comparison
    assert "<table>" in comparison, "the comparison is shown as a rich HTML table"


# -- a fresh run -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return _execute(_kernel_dir(tmp_path_factory.mktemp("jupyter")))


def test_notebook_runs_without_errors(executed: Any) -> None:
    code = [c for c in executed["cells"] if c["cell_type"] == "code"]
    failures = {"".join(c["source"]).splitlines()[0]: _errors(c) for c in code if _errors(c)}
    assert not failures, f"cells failed: {failures}"
    assert all(c["outputs"] for c in code), "every code cell shows something"


def test_notebook_comparison_cell_shows_conflicts(executed: Any) -> None:
    cell = _cell(executed, "result = peacepos.compare(china, russia)")
    html = "".join(
        "".join(o["data"]["text/html"])
        for o in cell["outputs"]
        if "text/html" in o.get("data", {})
    )
    assert "CONFLICT" in html, "the rich HTML repr shows the territory conflicts"
    assert "Territory: Crimea" in html


def test_notebook_territory_cells_show_both_readings_and_evidence(executed: Any) -> None:
    readings = _text(_cell(executed, 'for reading in ("strict", "broad"):'))
    assert "strict: only-right" in readings
    assert "broad: conflict" in readings
    evidence = _text(_cell(executed, "def show_evidence(finding):"))
    assert "IMPLIED" in evidence
    assert "EXPLICIT" in evidence
    assert "new territorial realities" in evidence


def test_notebook_three_way_cell_shows_blocking_issues(executed: Any) -> None:
    text = _text(_cell(executed, "names = {p.id: p.label for p in many.positions}"))
    blocking = text[text.index("blocking issues:") :]
    assert "territory/crimea: China vs Russia" in blocking
    strict = _text(_cell(executed, "strict = peacepos.compare_many("))
    assert "blocking: []" in strict


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
