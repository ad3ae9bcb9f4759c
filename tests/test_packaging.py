"""The wheel: its distribution name, the data inside it (read from there by the loaders) and py.typed.

The distribution is ``afghan-cabinet`` (``cabinet`` on the Python Package Index is an unrelated
project); the import package is ``cabinet``.
"""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import cabinet

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(out)], check=True)
    [whl] = out.glob("afghan_cabinet-*.whl")
    return whl


def test_wheel_holds_every_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in (ROOT / "data").rglob("*"):
        if path.is_file():
            assert f"cabinet/data/{path.relative_to(ROOT / 'data').as_posix()}" in names


def test_wheel_ships_py_typed(wheel):
    """PEP 561: type checkers use the package's own annotations."""
    assert "cabinet/py.typed" in zipfile.ZipFile(wheel).namelist()


def test_wheel_metadata_names_the_distribution_and_its_version(wheel):
    with zipfile.ZipFile(wheel) as zf:
        [meta] = [n for n in zf.namelist() if n.endswith(".dist-info/METADATA")]
        text = zf.read(meta).decode("utf-8")
    assert "\nName: afghan-cabinet\n" in text
    assert f"\nVersion: {cabinet.__version__}\n" in text


def test_installed_distribution_is_afghan_cabinet():
    from importlib.metadata import distribution

    dist = distribution("afghan-cabinet")
    assert [ep.value for ep in dist.entry_points if ep.name == "cabinet"] == ["cabinet.cli:main"]


def test_package_data_package_and_changelog_share_one_version():
    """The version is written once, in pyproject.toml; the data package and the CHANGELOG move with it."""
    import json
    import tomllib

    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert cabinet.__version__ == version
    assert json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))["version"] == version
    assert f"\n## {version} " in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert not any(f'"{version}"' in line for line in (ROOT / "cabinet" / "__init__.py").read_text().splitlines())


def test_loaders_read_the_data_from_the_installed_wheel(wheel, tmp_path):
    code = (
        "import cabinet, cabinet.io.datapackage as dp; "
        "assert 'cabinet/data' in str(dp.data_dir()).replace('\\\\', '/'), dp.data_dir(); "
        "assert str(dp.data_dir()).startswith(%r), dp.data_dir(); "
        "print(len(cabinet.io.load_appointees()), len(cabinet.io.load_provinces()), cabinet.__version__)" % str(tmp_path)
    )
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True)
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env={"PYTHONPATH": str(target), "PATH": ""},
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    # the installed copy (no pyproject.toml beside it) reads its version from the wheel's metadata
    with zipfile.ZipFile(wheel) as zf:
        [meta] = [n for n in zf.namelist() if n.endswith(".dist-info/METADATA")]
        version = next(line.split(": ", 1)[1] for line in zf.read(meta).decode("utf-8").splitlines()
                       if line.startswith("Version: "))
    assert result.stdout.split() == ["33", "34", version]


def test_wheel_holds_the_report_templates_and_the_plots_package(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in (ROOT / "cabinet" / "report" / "templates").iterdir():
        assert f"cabinet/report/templates/{path.name}" in names
    assert {"cabinet/report/templates/report.html", "cabinet/report/templates/macros.html", "cabinet/report/templates/report.css"} <= names
    for path in (ROOT / "cabinet" / "plots").glob("*.py"):
        assert f"cabinet/plots/{path.name}" in names


def test_wheel_holds_the_portfolio_tables_of_the_position_weights(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"cabinet/portfolio_prestige.csv", "cabinet/post_portfolios.csv"} <= names
