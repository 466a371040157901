"""examples/korea-2025.ipynb runs headless, every cell, so it cannot rot."""

import nbformat
from nbclient import NotebookClient


def test_notebook_runs(source_dir):
    path = source_dir / "examples/korea-2025.ipynb"
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "data" in o and "image/png" in o["data"]]
    assert len(images) == 2  # positions over rounds, the Monte Carlo histogram
