"""CITATION.cff: valid by the format's own validator, and in step with the package and its data."""

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CFF = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
PACKAGE = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_citation_names_the_version_of_the_software_and_of_the_data():
    [data] = [r for r in CFF["references"] if r["type"] == "data"]
    assert CFF["version"] == data["version"] == PACKAGE["version"] == VERSION
    # the data's date is the data package's own `created` date
    created = PACKAGE["created"][:10]
    assert str(CFF["date-released"]) == str(data["date-released"]) == created


def test_citation_states_both_licences_as_the_data_package_does():
    assert CFF["license"] == ["MIT", "CC-BY-4.0"]
    assert [lic["name"] for lic in PACKAGE["licenses"]] == ["CC-BY-4.0"]


def test_readme_and_docs_say_how_to_cite_with_the_current_version():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## How to cite$(.*?)(?=^## |\Z)", readme, re.M | re.S).group(1)
    assert f"version {VERSION}" in section and "CITATION.cff" in section
    docs = (ROOT / "docs" / "guide" / "citing.md").read_text(encoding="utf-8")
    assert f"version {VERSION}" in docs and "CITATION.cff" in docs


@pytest.fixture(scope="module")
def cffconvert(tmp_path_factory):
    """The format's reference validator, in a virtual environment of its own: cffconvert 2 pins
    jsonschema below 4, which the test tools (frictionless) cannot share."""
    venv = tmp_path_factory.mktemp("cffconvert") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    done = subprocess.run([str(python), "-m", "pip", "install", "-q", "cffconvert==2.0.0"], capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"cffconvert could not be installed: {done.stderr.strip()[-300:]}")
    return venv / "bin" / "cffconvert"


def test_citation_file_is_valid_by_cffconvert(cffconvert):
    done = subprocess.run([str(cffconvert), "--validate", "-i", str(ROOT / "CITATION.cff")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_cffconvert_rejects_a_broken_citation(cffconvert, tmp_path):
    broken = tmp_path / "CITATION.cff"
    broken.write_text((ROOT / "CITATION.cff").read_text(encoding="utf-8").replace("cff-version: 1.2.0", "cff-version: 9"))
    done = subprocess.run([str(cffconvert), "--validate", "-i", str(broken)], capture_output=True, text=True)
    assert done.returncode != 0
