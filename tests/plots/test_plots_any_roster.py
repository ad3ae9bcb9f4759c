"""Charts on any roster, and headlines that say no more than the data (issue 17), and the seaborn/style
layout of the charts (issue 14).

Kenyan rosters are written here (invented people); the December 2021 government is the bundled data with
34 of 84 home provinces and 41 of 84 ethnicities unknown.
"""

import copy
import re
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import cabinet  # noqa: E402
from cabinet import plots  # noqa: E402
from cabinet.representation import representation  # noqa: E402

KE_BASE = {"Rift Valley": 0.25, "Central": 0.20, "Nyanza": 0.15, "Coast": 0.10, "Western": 0.30}
KE_ETHNIC = {"Kalenjin": 0.13, "Kikuyu": 0.17, "Luo": 0.10, "Mijikenda": 0.05, "Luhya": 0.55}


def kenya(tmp_path=None):
    """An invented Kenyan cabinet of 8, loaded the way a user's roster is (load_user_roster)."""
    text = ("name,region,ethnicity,network,province\n"
            "P0,Rift Valley,Kalenjin,UDA,Nairobi\nP1,Central,Kikuyu,UDA,Nakuru\nP2,Central,Kikuyu,Jubilee,Kiambu\n"
            "P3,Nyanza,Luo,ODM,Kisumu\nP4,Coast,Mijikenda,ODM,Mombasa\nP5,unknown,unknown,unknown,unknown\n"
            "P6,Central|Nyanza,Kikuyu,UDA|ODM,Nairobi\nP7,Western,Luhya,ODM,Kakamega\n")
    import pathlib
    import tempfile

    path = pathlib.Path(tmp_path or tempfile.mkdtemp()) / "cabinet_ke.csv"
    path.write_text(text, encoding="utf-8")
    return cabinet.load_user_roster(path)


@pytest.fixture(scope="module")
def december():
    return cabinet.load_roster(as_of="2021-12-31")


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _texts(ax):
    out = [ax.get_title(loc=loc) for loc in ("left", "center", "right")]
    out += [ax.get_xlabel(), ax.get_ylabel()]
    out += [t.get_text() for t in ax.get_yticklabels() + ax.get_xticklabels() + ax.texts]
    if ax.get_legend() is not None:
        out += [t.get_text() for t in ax.get_legend().get_texts()]
    return out


def _flat(ax):
    return " ".join(" ".join(_texts(ax)).split())


# --- p-values: the range the unknowns allow; highlighting only when the whole range is below 0.05 ----------


def test_december_region_chart_highlights_no_group_whose_range_reaches_above_005(december):
    t = representation(december, "region")
    fig, ax = plt.subplots()
    plots.plot_region_gap(t, ax=ax)
    notes = {a.get_text(): a for a in ax.texts if a.get_text().startswith("p")}
    rows = t[(t["status"] == "group") & (t["share"] < t["baseline_share"])].set_index("group")
    assert {"North", "Capital", "West"} <= set(rows.index)
    for g in ("North", "Capital", "West"):
        lo, hi = rows.at[g, "p_le_count_adj"], rows.at[g, "p_le_count_max_adj"]
        assert lo < 0.001 and hi > 0.05  # the unknowns allow anything from "very unlikely" to "likely"
        text = plots._p_values._fmt_p_range(lo, hi)
        assert re.fullmatch(r"p=0\.000\d+–1", text), text
        assert text in notes, (g, sorted(notes))
        assert notes[text].get_fontweight() == "normal"
    assert "p<0.001" not in _texts(ax)
    assert "Holm" in _flat(ax)


def test_region_chart_highlights_a_group_whose_whole_range_is_below_alpha():
    # every tag known: the range is one value, and a tiny one is highlighted (unadjusted on request)
    roster = pd.DataFrame({"name": list("abcdefghij"), "region": ["A"] * 10})
    t = representation(roster, "region", baseline={"A": 0.2, "B": 0.8}, adjust=None)
    fig, ax = plt.subplots()
    plots.plot_region_gap(t, ax=ax)
    p = float(t.loc[t["group"] == "B", "p_le_count"].iloc[0])
    assert p == pytest.approx(0.2 ** 10)
    note = [a for a in ax.texts if a.get_text().startswith("p=")]
    assert len(note) == 1 and note[0].get_fontweight() == "bold"
    assert "Holm" not in _flat(ax)


def test_fmt_p_range_shows_both_ends():
    assert plots._p_values._fmt_p_range(1.04e-05, 1.0) == "p=0.00001–1"
    assert plots._p_values._fmt_p_range(0.0213, 0.0213) == "p=0.021"


# --- headlines hold whatever the unknowns are ------------------------------------------------------------


def test_december_ethnicity_headline_claims_no_relation_the_unknowns_could_undo(december):
    t = representation(december, "ethnicity")
    fig, ax = plt.subplots()
    plots.plot_ethnicity(t, ax=ax)
    title = ax.get_title(loc="left")
    pash = t[(t["group"] == "Pashtun") & (t["status"] == "group") & t["baseline_share"].notna()]
    lo, hi = pash["baseline_low"].min(), pash["baseline_high"].max()
    known, most = pash["share"].iloc[0], pash["share_max"].iloc[0]
    assert lo <= known <= hi < most  # within the estimates at the known count, above them at the largest
    # so the title states the known count only, never "above", "below" or "within"
    assert title == "Pashtun: 32 of 84 known (38%)"  # the re-read data (v3)
    assert not any(w in title for w in ("above", "below", "within"))


def test_ethnicity_headline_is_plain_when_the_unknowns_cannot_change_it():
    roster = pd.DataFrame({"name": list("abcd"), "ethnicity": ["Pashtun"] * 4})
    fig, ax = plt.subplots()
    plots.plot_ethnicity(representation(roster, "ethnicity", baseline="all"), ax=ax)
    title = " ".join(ax.get_title(loc="left").split())
    assert title.startswith("Pashtuns") and ("above every estimate" in title or "more seats than any" in title)
    assert "depending" not in title


# --- the residual row ------------------------------------------------------------------------------------


def test_ethnicity_draws_the_residual_row_not_a_literal_other(december):
    t = representation(december, "ethnicity")
    fig, ax = plt.subplots()
    plots.plot_ethnicity(t, ax=ax)
    ticks = [x.get_text() for x in ax.get_yticklabels()]
    assert "Groups not named\nby the estimate" in ticks
    res = t[t["status"] == "residual"]
    y = ticks.index("Groups not named\nby the estimate")
    notes = [a.get_text() for a in ax.texts if abs(a.xy[1] - y) < 1e-9]
    lo, hi = int(res["count"].min()), int(res["count"].max())
    assert f"{lo}/{hi}–{int(res['count_max'].max())}" in notes
    # the literal group 'Other' is a group like any other: no estimate figure is drawn for it
    y_other = ticks.index("Other")
    assert "none" in [a.get_text() for a in ax.texts if abs(a.xy[1] - y_other) < 1e-9]


# --- any roster ------------------------------------------------------------------------------------------


def test_province_map_refuses_a_kenyan_table():
    t = representation(kenya(), "province")
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=r"Afghan province.*'Nairobi'.*plot_region_gap"):
        plots.plot_province_map(t, ax=ax)


def test_network_waffle_refuses_a_kenyan_table():
    t = representation(kenya(), "network")
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=r"Afghan network.*plot_region_gap"):
        plots.plot_network_waffle(t, ax=ax)


def test_afghan_charts_still_draw_the_bundled_data():
    fig, ax = plt.subplots()
    plots.plot_network_waffle(ax=ax)
    title = ax.get_title(loc="left")
    assert title.startswith("At least 17 of") and "Kandahari leadership" in title


def test_ethnicity_names_a_users_baseline_and_never_prints_a_range_of_one_value():
    t = representation(kenya(), "ethnicity", baseline=KE_ETHNIC)
    fig, ax = plt.subplots()
    plots.plot_ethnicity(t, ax=ax, caption=True)
    text = _flat(ax)
    assert "published" not in text.lower()
    assert "user-supplied baseline" in text
    assert re.search(r"(\d+%)–\1(?!\d)", text) is None, text
    assert "17%" in text  # Kikuyu's share of the baseline, once


@pytest.mark.parametrize("func", ["plot_region_gap", "plot_ethnicity", "plot_disproportionality"])
def test_generic_charts_take_title_and_axis_labels(func):
    t = representation(kenya(), "region", baseline=KE_BASE)
    fig, ax = plt.subplots()
    kw = {"n_draws": 200} if func == "plot_disproportionality" else {}
    getattr(plots, func)(t, ax=ax, title="Kenya: $5 cabinet", xlabel="Share", ylabel="Region of Kenya", **kw)
    assert ax.get_title(loc="left") == r"Kenya: \$5 cabinet"
    assert ax.get_xlabel() == "Share" and ax.get_ylabel() == "Region of Kenya"


def test_region_chart_names_the_users_baseline():
    t = representation(kenya(), "region", baseline=KE_BASE)
    fig, ax = plt.subplots()
    plots.plot_region_gap(t, ax=ax)
    text = _flat(ax)
    assert "user-supplied baseline" in text and "population" not in text
    # no gap beyond chance in 8: the title says so and names the largest gap (Western, 1 of 8 against 30 %)
    title = " ".join(ax.get_title(loc="left").split())
    assert title.startswith("No gap") and "beyond chance" in title and "Western" in title


@pytest.mark.parametrize("table", ["kenya", "bundled"])
def test_disproportionality_labels_do_not_overlap(table):
    t = (representation(kenya(), "region", baseline=KE_BASE) if table == "kenya" else representation(by="region"))
    fig, ax = plt.subplots(figsize=(8, 5))
    plots.plot_disproportionality(t, ax=ax, n_draws=500)
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    obs = [a for a in ax.texts if a.get_text().startswith("this cabinet")][0].get_window_extent(r)
    exp = [a for a in ax.texts if a.get_text().startswith("expected")][0].get_window_extent(r)
    assert not obs.overlaps(exp), (obs, exp)


def test_disproportionality_labels_do_not_overlap_when_observed_is_near_expected():
    # observed just above expected: the labels used to point at each other
    roster = pd.DataFrame({"name": [f"p{i}" for i in range(20)], "region": ["A"] * 11 + ["B"] * 9})
    t = representation(roster, "region", baseline={"A": 0.5, "B": 0.5})
    fig, ax = plt.subplots(figsize=(8, 5))
    plots.plot_disproportionality(t, ax=ax, n_draws=500)
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    obs = [a for a in ax.texts if a.get_text().startswith("this cabinet")][0].get_window_extent(r)
    exp = [a for a in ax.texts if a.get_text().startswith("expected")][0].get_window_extent(r)
    assert not obs.overlaps(exp), (obs, exp)


# --- style and layout (issue 14) -------------------------------------------------------------------------


@pytest.mark.parametrize("func,table", [("plot_region_gap", "region"), ("plot_ethnicity", "ethnicity"),
                                        ("plot_disproportionality", "region")])
def test_rcparams_unchanged_on_a_kenyan_table(func, table):
    base = KE_BASE if table == "region" else KE_ETHNIC
    t = representation(kenya(), table, baseline=base)
    before = copy.deepcopy(dict(matplotlib.rcParams))
    fig, ax = plt.subplots()
    getattr(plots, func)(t, ax=ax, caption=True, **({"n_draws": 100} if "dispro" in func else {}))
    fig.canvas.draw()
    assert [k for k in before if before[k] != matplotlib.rcParams[k]] == []


def test_charts_are_drawn_inside_seaborn_style_contexts(monkeypatch):
    import seaborn as sns

    seen = []
    real = sns.axes_style

    def spy(*args, **kwargs):
        seen.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(sns, "axes_style", spy)
    fig, ax = plt.subplots()
    plots.plot_region_gap(representation(kenya(), "region", baseline=KE_BASE), ax=ax)
    assert seen == [("ticks",)]


def test_plots_does_not_import_charts():
    code = ("import sys, cabinet.plots, cabinet.timeline; "
            "assert 'cabinet.report.charts' not in sys.modules, 'plots imported charts'")
    subprocess.run([sys.executable, "-c", code], check=True)


# --- cabinet charts --roster FILE --by COLUMN [--baseline FILE] ---------------------------------------------


def test_cli_charts_for_a_kenyan_roster(tmp_path):
    from cabinet.cli import main

    kenya(tmp_path)
    (tmp_path / "base.csv").write_text("group,share\n" + "".join(f"{k},{v}\n" for k, v in KE_BASE.items()),
                                       encoding="utf-8")
    import io

    out, err = io.StringIO(), io.StringIO()
    code = main(["charts", "--roster", str(tmp_path / "cabinet_ke.csv"), "--by", "region", "--baseline",
                 str(tmp_path / "base.csv"), "--out", str(tmp_path / "figs"), "--format", "svg"], out, err)
    assert code == 0, err.getvalue()
    names = sorted(p.name for p in (tmp_path / "figs").iterdir())
    assert names == ["disproportionality_region.svg", "gap_region.svg"]
    assert "gap_region" in out.getvalue()


def test_cli_charts_for_a_kenyan_roster_needs_by(tmp_path):
    from cabinet.cli import main

    kenya(tmp_path)
    import io

    err = io.StringIO()
    code = main(["charts", "--roster", str(tmp_path / "cabinet_ke.csv"), "--out", str(tmp_path / "f")],
                io.StringIO(), err)
    assert code == 2 and "--by" in err.getvalue()


def test_claim_probabilities_chart_shows_the_table_and_keeps_the_style():
    import matplotlib as mpl

    from cabinet.plots import plot_claim_probabilities

    table = cabinet.claim_probabilities()
    before = dict(mpl.rcParams)
    ax = plot_claim_probabilities(table)
    assert dict(mpl.rcParams) == before
    texts = [t.get_text() for t in ax.texts]
    c3 = table[(table.id == "C3") & (table.assumption == "population")]["probability"].item()
    assert f"{c3:.2f}" in texts and "0 to 1" in texts
    bounds = table[table.assumption == "bounds"]
    open_claims = int((bounds.probability_low < bounds.probability_high).sum())
    held = int(((bounds.probability_low == 1) & (bounds.probability_high == 1)).sum())
    title = ax.get_title(loc="left")
    assert title.startswith(f"{held} of 8 claims hold") and f"{open_claims} turn on" in title


def test_gap_chart_without_a_baseline_claims_no_baseline_and_no_probability():
    roster = pd.DataFrame({"name": list("abcde"), "party": ["A", "A", "B", "unknown", "A"]})
    ax = plots.plot_region_gap(cabinet.representation(roster, "party"))
    texts = " ".join(" ".join(_texts(ax)).split())
    # A: 3 of 5 known, up to 3 + 1 unknown = 4
    assert ax.get_title(loc="left") == "A has the most known members: 3 of 5"
    assert "3–4" in _texts(ax)
    assert "no baseline to set them against; 1 unknown or disputed" in texts
    assert "p of so few" not in texts and "Holm" not in texts and "of the baseline" not in texts
    assert ax.get_xlabel() == "Share of members"


def test_the_footer_of_a_users_roster_names_neither_the_bundled_roster_nor_its_data(tmp_path):
    """A roster of one's own is its own: its chart's footer gives the package's version, not the data package's,
    and never the bundled 33 of 7 September 2021; the bundled roster's footer keeps both."""
    own = representation(kenya(tmp_path), by="region", baseline=KE_BASE)
    assert own.attrs["own_roster"].endswith("cabinet_ke.csv")
    fig, ax = plt.subplots(figsize=(8, 5))
    plots.plot_region_gap(own, ax=ax, caption=True)
    text = _flat(ax)
    assert f"Data: cabinet {cabinet.__version__}." in text and "data package" not in text
    assert "7 September" not in text and "33" not in text
    dis = cabinet.disproportionality(kenya(tmp_path), by="region", baseline=KE_BASE, n_draws=200)
    assert dis.attrs["own_roster"] == own.attrs["own_roster"]
    plt.close(fig)
    bundled = representation(by="region")
    assert "own_roster" not in bundled.attrs
    fig, ax = plt.subplots(figsize=(8, 5))
    plots.plot_region_gap(bundled, ax=ax, caption=True)
    assert "data package" in _flat(ax)
    plt.close(fig)

