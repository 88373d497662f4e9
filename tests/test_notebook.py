"""docs/notebook.ipynb runs top to bottom in a fresh kernel and shows every report and chart.

Needs the notebook tools (nbclient, nbformat, ipykernel) and the ``plot`` extra
(matplotlib); without them the tests are skipped (``nox -s notebook`` installs them).
"""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "notebook.ipynb"


def read():
    """The notebook as stored (validated against the nbformat 4 schema)."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    return notebook


def code_cells(notebook):
    """The code cells, in order."""
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The notebook after running every cell in a fresh kernel, in an empty directory."""
    notebook = read()
    workdir = tmp_path_factory.mktemp("notebook")
    client = nbclient.NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(workdir)}},
    )
    client.execute()
    # Nothing is written next to the notebook: the library does no I/O.
    assert [] == list(workdir.iterdir())
    return notebook


def tagged(notebook, tag):
    """The one code cell carrying *tag*."""
    (cell,) = [c for c in code_cells(notebook) if tag in c.metadata.get("tags", [])]
    return cell


def mimetypes(cell):
    """Every MIME type the cell displayed."""
    return {kind for output in cell.outputs for kind in output.get("data", {})}


def html(cell):
    """The HTML the cell displayed, joined."""
    return "".join(
        output["data"]["text/html"]
        for output in cell.outputs
        if "text/html" in output.get("data", {})
    )


def test_stored_without_outputs():
    """The notebook is kept without outputs or execution counts, so diffs show only code."""
    notebook = read()
    assert 4 == notebook.nbformat
    assert [([], None)] * len(code_cells(notebook)) == [
        (cell.outputs, cell.execution_count) for cell in code_cells(notebook)
    ]


def test_reads_no_clock():
    """Every time is written out: no now(), today() or time.time() in the notebook."""
    source = "\n".join(cell.source for cell in read().cells)
    for call in ("now()", "today()", "utcnow()", "time.time()"):
        assert call not in source


@pytest.mark.slow
def test_runs_without_errors_or_warnings(executed):
    """Every code cell ran, in order, and nothing wrote to stderr (no warnings, no errors)."""
    cells = code_cells(executed)
    assert list(range(1, len(cells) + 1)) == [cell.execution_count for cell in cells]
    assert [] == [
        output
        for cell in cells
        for output in cell.outputs
        if output.output_type == "error"
        or (output.output_type == "stream" and output.name == "stderr")
    ]


def test_reports_render_as_html_tables(executed):
    """The JSS report, Top Rated weeks, comparison, ledgers and findings show as tables."""
    assert "<caption>JSS 84% as of 2026-01-31" in html(tagged(executed, "jss-report"))
    assert "<caption>" in html(tagged(executed, "top-rated"))
    assert "<caption>Withdrawing" in html(tagged(executed, "withdrawals"))
    assert "<caption>Escrow ledger at 2026-02-10" in html(tagged(executed, "ledger"))
    assert "<caption>Escrow ledger at 2026-02-25" in html(tagged(executed, "ledger-later"))
    review = html(tagged(executed, "review"))
    assert "REVIEW_PERIOD_RUNNING" in review
    assert "VAGUE_MILESTONE" in review


def test_records_are_plain_dicts(executed):
    """to_records() shows the negative contract as a plain dict."""
    (output,) = tagged(executed, "records").outputs
    text = output["data"]["text/plain"]
    assert "'contract_id': 'rush-job'" in text
    assert "'outcome': 'negative'" in text


@pytest.mark.parametrize("tag", ["jss-timeline", "withdrawals-plot"])
def test_charts_are_drawn_and_not_printed(executed, tag):
    """Each chart cell shows one PNG figure and no Axes repr text."""
    cell = tagged(executed, tag)
    assert [["image/png", "text/plain"]] == [
        sorted(output["data"]) for output in cell.outputs if output.output_type == "display_data"
    ]
    assert [] == [o for o in cell.outputs if o.output_type == "execute_result"]
