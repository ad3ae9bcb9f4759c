"""Adding a roster, a chart, a claim or a baseline is one entry in one registry (issue 25).

Each toy below is registered in a few lines and then found by the command line, by
``write_charts`` and by the report, which all read the same registries.
"""

import pandas as pd
import pytest

from cabinet.report import charts as chart_registry
from cabinet.rosters import ROSTERS, register_roster


@pytest.fixture
def toy_roster():
    """A council of five, in two camps: a roster of its own kind."""
    frame = pd.DataFrame({"name": list("ABCDE"), "camp": ["left", "left", "right", "left", "unknown"]})
    register_roster("toy-council", lambda home="any", exclude_weak=False: frame.copy(), "the toy council", kind="toy")
    yield frame
    del ROSTERS["toy-council"]


@pytest.fixture
def toy_chart():
    """The camps of a roster drawn as a gap chart, for the toy council and for the Taliban government."""
    from cabinet import plots

    def camps(a):
        by = "camp" if "camp" in a.roster.columns else "ethnicity"
        return a.representation(by)

    chart_registry.register_chart("toy_camps", plots.plot_region_gap, camps, kinds=("toy", "taliban"),
                                  caption="The toy camps.", label="Members per camp")
    yield
    del chart_registry.CHARTS["toy_camps"]


def test_a_toy_roster_is_found_by_the_command_line(toy_roster, capsys):
    from cabinet.cli import main

    assert main(["gaps", "--roster", "toy-council", "--by", "camp", "--format", "csv"]) == 0
    rows = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out)).set_index("group")
    # three known in the left camp, one in the right, one unknown (who could be in either)
    assert (rows.loc["left", "count"], rows.loc["left", "count_max"]) == (3, 4)
    assert (rows.loc["right", "count"], rows.loc["right", "count_max"]) == (1, 2)


def test_a_toy_chart_is_written_for_its_roster_and_shown_in_the_report(toy_roster, toy_chart, tmp_path, monkeypatch):
    from cabinet.cli import main
    from cabinet.report import page, write_charts, write_report

    written = write_charts(tmp_path / "toy", roster="toy-council", formats="svg")
    assert list(written["chart"]) == ["toy_camps"] and (tmp_path / "toy" / "toy_camps.svg").is_file()
    assert main(["charts", "--roster", "toy-council", "--out", str(tmp_path / "cli"), "--format", "png"]) == 0
    assert [p.name for p in (tmp_path / "cli").iterdir()] == ["toy_camps.png"]

    # the Taliban government's page has no place for it in its template: it comes under "More charts"
    monkeypatch.setattr(page, "_chart_svg",
                        lambda name, data, *kind: f'<svg class="chart" id="chart-{name}" viewBox="0 0 4 3"></svg>\n')
    text = write_report(tmp_path / "report.html", generated="2021-12-31").read_text(encoding="utf-8")
    assert '<section id="more-charts">' in text and 'id="chart-toy_camps"' in text
    assert "<figcaption>The toy camps.</figcaption>" in text or "The toy camps." in text


@pytest.fixture
def toy_baseline():
    """Even shares of the two camps, as a named baseline for the grouping ``camp``."""
    from cabinet.baselines import BASELINES, Baseline, register_baseline

    register_baseline("toy_even", lambda by, **kw: Baseline("toy_even", "even shares of the camps",
                                                            pd.Series({"left": 0.5, "right": 0.5})),
                      "even shares of the camps", ["camp"], afghan=False)
    yield
    del BASELINES["toy_even"]


def test_a_toy_baseline_is_found_by_the_command_line_and_the_functions(toy_roster, toy_baseline, capsys):
    import cabinet
    from cabinet.cli import main

    assert main(["gaps", "--roster", "toy-council", "--by", "camp", "--baseline", "toy_even", "--format", "csv"]) == 0
    rows = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out)).set_index("group")
    assert rows.loc["left", "baseline_share"] == 0.5 and rows.loc["left", "baseline_label"] == "even shares of the camps"
    # 3 of 5 known left against an even split: P(X >= 3) for X ~ Binomial(5, 1/2) = 16/32 at the known count
    table = cabinet.representation(cabinet.load_roster("toy-council"), "camp", baseline="toy_even").set_index("group")
    assert table.loc["left", "p_ge_count"] == pytest.approx(16 / 32)


@pytest.fixture
def toy_claim():
    """A claim of one's own: nobody in the list was born in Nuristan (checked on home by birth)."""
    from cabinet.claims import CLAIMS, claim_row, register_claim
    from cabinet.groupings import with_home

    def check(roster, later, hazarajat, yardsticks):
        birth = with_home(roster, "birth")["province"]
        known = int((birth == "Nuristan").sum())
        possible = int(birth.str.contains("Nuristan|unknown", regex=True).sum())
        verdict = "contradicted" if known else ("undetermined" if possible else "supported")
        return claim_row("T1", verdict, figure=f"{known} to {possible} born in Nuristan", count=known,
                         count_max=possible, n=len(roster))

    register_claim("T1", "Nobody in the list was born in Nuristan.", check, column="region")
    yield
    del CLAIMS["T1"]


def test_a_toy_claim_is_found_by_the_functions_the_command_line_and_the_report(toy_claim, tmp_path, capsys,
                                                                                 monkeypatch):
    import cabinet
    from cabinet.cli import main
    from cabinet.groupings import with_home
    from cabinet.report import page, write_report

    # by hand: the birthplaces of the 33 as the loaders give them
    birth = with_home(cabinet.load_roster(), "birth")["province"]
    known, unknown = int((birth == "Nuristan").sum()), int(birth.str.contains("unknown").sum())
    row = cabinet.claims().set_index("id").loc["T1"]
    assert (row["count"], row["count_max"]) == (known, known + unknown)
    assert row["verdict"] == ("contradicted" if known else "undetermined" if unknown else "supported")
    # the probabilities list it: no question about open tags was registered, so no assumption bears on it
    p = cabinet.claim_probabilities(assumptions=["bounds", "like_known"]).set_index(["id", "assumption"])
    assert ("T1", "bounds") in p.index and ("T1", "like_known") in p.index

    assert main(["claims"]) == 0
    assert "T1 " in capsys.readouterr().out
    monkeypatch.setattr(page, "_chart_svg",
                        lambda name, data, *kind: f'<svg class="chart" id="chart-{name}" viewBox="0 0 4 3"></svg>\n')
    text = write_report(tmp_path / "report.html", generated="2021-12-31").read_text(encoding="utf-8")
    assert "Nobody in the list was born in Nuristan." in text
