"""Shared fixtures: headless plotting, closed figures, fixed seeds, scratch copies of the data."""

import os
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import settings

# Property tests draw their examples from a fixed seed, so a run is repeatable (and CI cannot fail
# by luck). HYPOTHESIS_PROFILE=explore draws fresh examples on every run, to look for bugs.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.register_profile("mutation", derandomize=True, max_examples=12)  # tools/mutate.py: one run per mutant
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

import matplotlib

matplotlib.use("Agg")

# The cache on disk of the bundled tables (cabinet.io.disk_cache) lives in a scratch folder of this run, so
# that a run starts from nothing and never reads or writes the user's cache.
if "CABINET_CACHE_DIR" not in os.environ:
    import tempfile

    os.environ["CABINET_CACHE_DIR"] = tempfile.mkdtemp(prefix="cabinet-test-cache-")


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
    from cabinet.io.datapackage import data_dir

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


def write_wide(frame, path, *, kinds=False):
    """Write a loaded appointments frame as a roster in the wide form (``kinds``: with the
    birth_, origin_ and stated_ columns; without them province and district are stated home)."""
    from cabinet.io import datapackage as dp

    cols = [c for c in dp.field_names("appointees") if kinds or not c.startswith(("birth_", "origin_", "stated_"))]
    frame[cols].to_csv(path, index=False, date_format="%Y-%m-%d", lineterminator="\n")
    return path


@pytest.fixture
def wide_copy(data_copy):
    """The 33 as a roster in the wide form (without the kind columns), in a copy of the data package."""
    import cabinet

    return write_wide(cabinet.io.load_appointees(), data_copy / "roster.csv")


@pytest.fixture(scope="session")
def report_pages(tmp_path_factory):
    """The report pages, written once a session, by name: the Taliban page, the Republic's, and the pages of two
    rosters of other countries (issue 27): the Kenyan example by former province and ethnicity, and the invented
    roster of tests/fixtures/other_country by region and ethnicity, each against its own baselines."""
    from cabinet.report import write_report

    folder = tmp_path_factory.mktemp("pages")
    return {"report": write_report(folder / "report.html", generated="2021-12-31"),
            "republic": write_report(folder / "republic.html", roster="republic-2021", generated="2021-12-31"),
            **{name: write_report(folder / f"{name}.html", generated="2021-12-31", **kwargs)
               for name, kwargs in OWN_PAGES.items()}}


_REPO = Path(__file__).resolve().parent.parent
KENYA = _REPO / "examples" / "kenya_2022"
OTHER = _REPO / "tests" / "fixtures" / "other_country"
#: The pages of rosters of other countries: write_report's arguments.
OWN_PAGES = {
    "kenya": {"roster": KENYA / "cabinet.csv", "by": "former_province,ethnicity",
              "baseline": [KENYA / "population_province.csv", KENYA / "population_ethnicity.csv"]},
    "other": {"roster": OTHER / "cabinet.csv", "by": ["region", "ethnicity"],
              "baseline": [OTHER / "population_region.csv", OTHER / "population_ethnicity.csv"]},
}
