"""``python -m benchmarks --help`` names every figure (no timing here: the benchmarks time nothing in tests)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The figures of issues 7 and 16, by their ``--only`` names.
FIGURES = ["import", "cold", "charts", "report", "validation", "representation", "estimates", "null", "suite"]


def test_help_lists_every_figure():
    out = subprocess.run([sys.executable, "-m", "benchmarks", "--help"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    listed = out.split("comma-separated subset of:")[1].split("--json")[0]
    names = [n.strip(" ,\n") for n in " ".join(listed.split()).split(",")]
    assert names == FIGURES


def test_unknown_figure_is_named():
    proc = subprocess.run([sys.executable, "-m", "benchmarks", "--only", "charts,nope"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "unknown figure(s) nope" in proc.stderr and "validation" in proc.stderr
