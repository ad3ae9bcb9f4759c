"""The documentation: every public function has an example, and the site builds with no warning.

The build test runs ``sphinx-build -W -b html docs <tmp>`` (the README's documentation command)
when the ``docs`` extra is installed, and checks that the site holds the API reference, the user
guide, the gallery, the rendered notebooks and the changelog. It takes a few minutes; deselect it
with ``-m 'not docs'`` while working on something else.
"""

import importlib
import importlib.util
import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

import cabinet

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _public_functions():
    return [n for n in cabinet.__all__ if inspect.isfunction(getattr(cabinet, n))]


def _has_examples(obj) -> bool:
    return bool(re.search(r"^\s*Examples\n\s*-{8}", inspect.getdoc(obj) or "", re.M))


def test_every_public_function_has_an_example():
    """In its own docstring (numpydoc Examples section, run by the doctests)."""
    missing = [n for n in _public_functions() if not _has_examples(getattr(cabinet, n))]
    assert missing == []


def test_api_reference_lists_every_public_name():
    text = (DOCS / "api" / "index.rst").read_text(encoding="utf-8")
    listed = set(re.findall(r"^   ([\w.]+)$", text, re.M))
    assert set(cabinet.__all__) - listed == set()
    plots_module = importlib.import_module("cabinet.plots")
    plots = {f"plots.{n}" for n in plots_module.__all__ if inspect.isfunction(getattr(plots_module, n))}
    assert plots - listed == set()


def test_gallery_scripts_call_every_plot_function():
    plots_module = importlib.import_module("cabinet.plots")
    code = "\n".join(p.read_text(encoding="utf-8") for p in (DOCS / "gallery_src").glob("plot_*.py"))
    names = [n for n in plots_module.__all__ if n.startswith("plot_") and inspect.isfunction(getattr(plots_module, n))]
    assert [n for n in names if f"plots.{n}(" not in code] == []


def test_docs_extra_lists_the_extensions_conf_uses():
    import tomllib

    extra = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]["docs"]
    names = {re.split(r"[<>=!~ \[]", req)[0].lower() for req in extra}
    assert {"sphinx", "pydata-sphinx-theme", "numpydoc", "sphinx-gallery", "myst-nb", "ipykernel"} <= names


_HAVE_SPHINX = all(importlib.util.find_spec(m) for m in
                   ("sphinx", "pydata_sphinx_theme", "numpydoc", "sphinx_gallery", "myst_nb"))


@pytest.mark.docs
@pytest.mark.skipif(not _HAVE_SPHINX, reason="the docs extra is not installed: pip install -e '.[docs]'")
def test_documentation_builds_without_warnings(tmp_path):
    out = tmp_path / "html"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", "-d", str(tmp_path / "doctrees"),
         str(DOCS), str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=1200,
    )
    log = "\n".join(line for line in (result.stdout + result.stderr).splitlines() if "IPKernelApp" not in line)
    assert result.returncode == 0, log[-6000:]

    # The API reference: one page per public function, each with an example.
    for name in _public_functions():
        page = (out / "api" / "generated" / f"cabinet.{name}.html").read_text(encoding="utf-8")
        assert ">Examples<" in page, name
    # The user guide, with the codebook and the executed guide to the tables.
    guide = (out / "guide" / "reading_tables.html").read_text(encoding="utf-8")
    assert "p_le_count_max" in guide and "cell_output" in guide
    assert "appointees.csv" in (out / "guide" / "codebook.html").read_text(encoding="utf-8")
    # The gallery: every chart drawn.
    charts = sorted((DOCS / "gallery_src").glob("plot_*.py"))
    for script in charts:
        page = (out / "gallery" / f"{script.stem}.html").read_text(encoding="utf-8")
        assert "sphx-glr-single-img" in page or "sphx-glr-multi-img" in page, script.name
    # The notebooks, executed: each has outputs, and those with charts show them.
    for nb in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        page = (out / "notebooks" / f"{nb.stem}.html").read_text(encoding="utf-8")
        assert "cell_output" in page, nb.name
        if "plots." in nb.read_text(encoding="utf-8"):
            assert "<img" in page, nb.name
    # The changelog, with the current version.
    assert f"{cabinet.__version__}" in (out / "changelog.html").read_text(encoding="utf-8")


def _quick_start():
    """The two commands of the README's quick start."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Quick start$(.*?)^## ", text, re.M | re.S).group(1)
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_landing_page_shows_the_two_install_commands_and_a_chart():
    page = (DOCS / "index.md").read_text(encoding="utf-8")
    lines = _quick_start()
    assert len(lines) == 2
    for line in lines:
        assert line in page
    image = re.search(r"```\{image\} (\S+)", page).group(1)
    assert image.startswith("gallery/images/sphx_glr_plot_")
    # the image is the first figure of a gallery script that exists
    script = re.search(r"sphx_glr_(plot_\w+?)_\d{3}\.png", image).group(1)
    assert (DOCS / "gallery_src" / f"{script}.py").exists()


def test_gallery_numbers_are_unique():
    numbers = [re.match(r"plot_(\d+)_", p.name).group(1) for p in (DOCS / "gallery_src").glob("plot_*.py")]
    assert len(numbers) == len(set(numbers)), sorted(numbers)


def test_gallery_scripts_let_the_charts_lay_out_their_figures():
    """tight_layout would take the figure from the chart's own layout and cut its header and footer."""
    for script in (DOCS / "gallery_src").glob("plot_*.py"):
        assert "tight_layout" not in script.read_text(encoding="utf-8"), script.name


def test_first_ten_minutes_runs_as_written(tmp_path):
    """The Python of the page, run in a copy of the examples folder, writes the chart it promises."""
    import os
    import shutil

    page = (DOCS / "guide" / "first_ten_minutes.md").read_text(encoding="utf-8")
    assert _quick_start()[0] in page
    code = "\n".join(re.findall(r"```python\n(.*?)```", page, re.S))
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MPLBACKEND": "Agg"}
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "district" in result.stdout or "North" in result.stdout
    png = tmp_path / "council.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000


def test_api_examples_print_tables_not_escaped_strings():
    """A docstring example shows a table as a reader sees it (print), not a string full of literal \\n."""
    rep = importlib.import_module("cabinet.representation")
    assert "\\n" not in (rep.representation.__doc__ or "")


def test_changelog_shows_every_chart_before_and_after():
    from cabinet.report import charts

    page = (DOCS / "charts_before_after.md").read_text(encoding="utf-8")
    assert "charts_before_after" in (DOCS / "changelog.md").read_text(encoding="utf-8")
    total = 0
    for folder in ("taliban", "republic"):
        for name in [c.name for c in charts.charts_for(folder)]:
            for when in ("before", "after"):
                path = DOCS / "_static" / "charts" / when / folder / f"{name}.png"
                assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", path
                assert f"_static/charts/{when}/{folder}/{name}.png" in page
                total += path.stat().st_size
    assert total < 1_500_000  # small copies (100 dpi, 128 colours), not the full-size charts
