"""The notebooks are committed clean: no outputs, no execution counts, six of them numbered 01-06.

Running them is checked separately with ``pytest --nbmake notebooks/`` (which does not write
outputs back); this test fails as soon as someone commits a notebook with its outputs.
"""

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def _notebooks():
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def test_numbered_notebooks_without_gaps():
    names = [p.name for p in _notebooks()]
    assert len(names) >= 7, names
    assert [n[:3] for n in names] == [f"{i:02d}_" for i in range(1, len(names) + 1)], names
    assert all(re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", n) for n in names), names


@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: p.name)
def test_no_outputs_committed(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb.get("nbformat") == 4
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code, "a notebook without code cells"
    dirty = [i for i, c in enumerate(nb["cells"])
             if c["cell_type"] == "code" and (c.get("outputs") != [] or c.get("execution_count") is not None)]
    assert dirty == [], f"{path.name}: cells {dirty} carry outputs or execution counts; clear them before committing"
    assert nb["cells"][0]["cell_type"] == "markdown", "each notebook opens with prose"


@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: p.name)
def test_notebooks_only_call_the_package(path):
    """Code cells stay small: prose carries the explanation, the package does the computing."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            src = "".join(cell["source"])
            assert len(src.splitlines()) <= 10, src
            assert "def " not in src and "class " not in src, src
