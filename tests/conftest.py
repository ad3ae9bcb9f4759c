"""Shared fixtures: headless plotting, closed figures, fixed seeds, scratch copies of the data."""

import os
import shutil

import numpy as np
import pytest
from hypothesis import settings

# Property tests draw their examples from a fixed seed, so a run is repeatable (and CI cannot fail
# by luck). HYPOTHESIS_PROFILE=explore draws fresh examples on every run, to look for bugs.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

import matplotlib

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.fixture(autouse=True)
def fixed_seed():
    np.random.seed(sum(map(ord, "cabinet tests")))


@pytest.fixture
def rng():
    return np.random.default_rng(sum(map(ord, "cabinet rng")))


@pytest.fixture
def data_copy(tmp_path):
    """A writable copy of the bundled data package; returns its folder."""
    from cabinet.datapackage import data_dir

    dest = tmp_path / "data"
    shutil.copytree(data_dir(), dest)
    return dest


def edit_cell(path, line, column, value):
    """Set one cell of a CSV (``line`` is the 1-based physical line of a one-line row)."""
    import csv

    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    rows[line - 1][header.index(column)] = value
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
