"""write_charts: every chart, every format, byte-identical reruns, atomic files, clear errors."""

import copy
import dataclasses

import matplotlib
import pytest

from cabinet.report import charts
from cabinet.report.charts import CHARTS, FORMATS, charts_for, write_charts

#: The charts of the Taliban government (the default roster).
TALIBAN = [c.name for c in charts_for("taliban")]


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("charts")
    lines = []
    table = write_charts(out, formats=("png", "svg"), progress=lines.append)
    return out, table, lines


def test_every_chart_in_every_format(first_run):
    out, table, lines = first_run
    assert list(table.columns) == ["chart", "format", "path", "bytes"]
    assert len(table) == 2 * len(TALIBAN)
    assert list(dict.fromkeys(table["chart"])) == TALIBAN
    for row in table.itertuples():
        path = out / f"{row.chart}.{row.format}"
        assert str(path) == row.path
        assert path.stat().st_size == row.bytes > 1000
    assert (out / "region_gap.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (out / "region_gap.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    # one progress line per chart, naming it
    assert len(lines) == len(TALIBAN)
    assert all(line.startswith(name) for line, name in zip(lines, TALIBAN))
    # no temporary files left behind
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{c}.{f}" for c in TALIBAN for f in ("png", "svg"))


def test_rerun_is_byte_identical(first_run, tmp_path):
    out, table, _ = first_run
    write_charts(tmp_path, formats=("svg", "png"))
    for row in table.itertuples():
        assert (tmp_path / f"{row.chart}.{row.format}").read_bytes() == (out / f"{row.chart}.{row.format}").read_bytes(), row.path


def test_pdf_is_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setattr(charts, "CHARTS", {"network_waffle": CHARTS["network_waffle"]})
    a = write_charts(tmp_path / "a", formats="pdf")
    b = write_charts(tmp_path / "b", formats=["PDF"])
    assert (tmp_path / "a" / "network_waffle.pdf").read_bytes() == (tmp_path / "b" / "network_waffle.pdf").read_bytes()
    assert list(a["format"]) == list(b["format"]) == ["pdf"]


def test_no_global_state_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(charts, "CHARTS", {"region_gap": CHARTS["region_gap"]})
    before = copy.deepcopy(dict(matplotlib.rcParams))
    backend = matplotlib.get_backend()
    import matplotlib.pyplot as plt

    figs = plt.get_fignums()
    write_charts(tmp_path, formats=("png", "svg"))
    assert matplotlib.get_backend() == backend
    assert plt.get_fignums() == figs
    after = dict(matplotlib.rcParams)
    assert [k for k in before if before[k] != after[k]] == []


@pytest.mark.parametrize("bad", ["jpeg", ("png", "gif"), (), ".bmp"])
def test_bad_format_lists_the_allowed(tmp_path, bad):
    with pytest.raises(ValueError) as err:
        write_charts(tmp_path, formats=bad)
    assert "png, svg, pdf" in str(err.value)
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize("bad", ["2021-13-01", "yesterday", "2021-09-01"])
def test_bad_as_of(tmp_path, bad):
    with pytest.raises(ValueError, match="2021"):
        write_charts(tmp_path, as_of=bad)


def test_as_of_draws_the_later_government(tmp_path, monkeypatch):
    monkeypatch.setattr(charts, "CHARTS", {"network_waffle": CHARTS["network_waffle"]})
    seen = {}
    original = CHARTS["network_waffle"]

    def spy(data, **kw):
        seen["n"] = int(data["n"].iloc[0])
        return original.plot(data, **kw)

    monkeypatch.setitem(charts.CHARTS, "network_waffle", dataclasses.replace(original, plot=spy))
    write_charts(tmp_path, as_of="2021-09-21")
    assert seen["n"] == 50


def test_allowed_formats_constant():
    assert FORMATS == ("png", "svg", "pdf")


def _failing_savefig(written):
    def savefig(self, fname, *args, **kwargs):
        with open(fname, "wb") as fh:
            fh.write(b"half a chart")
        written.append(fname)
        raise RuntimeError("disk full")

    return savefig


def test_failure_mid_write_keeps_the_old_file(tmp_path, monkeypatch):
    from matplotlib.figure import Figure

    target = tmp_path / "region_gap.png"
    target.write_bytes(b"the old chart")
    written = []
    monkeypatch.setattr(charts, "CHARTS", {"region_gap": CHARTS["region_gap"]})
    monkeypatch.setattr(Figure, "savefig", _failing_savefig(written))
    with pytest.raises(RuntimeError, match="disk full"):
        write_charts(tmp_path, formats=("png",))
    assert written, "savefig was not called"
    assert target.read_bytes() == b"the old chart"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["region_gap.png"]


def test_failure_mid_write_leaves_no_partial_file(tmp_path, monkeypatch):
    from matplotlib.figure import Figure

    written = []
    monkeypatch.setattr(charts, "CHARTS", {"ethnicity": CHARTS["ethnicity"]})
    monkeypatch.setattr(Figure, "savefig", _failing_savefig(written))
    with pytest.raises(RuntimeError):
        write_charts(tmp_path / "new", formats=("svg",))
    assert written
    assert list((tmp_path / "new").iterdir()) == []
