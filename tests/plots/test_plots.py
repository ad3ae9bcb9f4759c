"""The axes-level plot functions: they draw the table they are given, change no global state,
show unknowns, and render text from the data literally."""

import copy
import subprocess
import sys

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

from cabinet import plots  # noqa: E402
from cabinet.plots import _literal  # noqa: E402
from cabinet.representation import representation  # noqa: E402

WEIRD = "$x^2$ <script>"


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every pyplot figure after each test (open figures make every later call slower)."""
    yield
    plt.close("all")


def toy_roster():
    """Six appointees with every kind of tag: known, unknown, disputed, and a name that looks like math.

    A frame made by hand is a roster of one's own: its tables name Afghanistan's baselines to get them."""
    return pd.DataFrame({
        "name": ["a", "b", "c", "d", WEIRD, "f"],
        "post": ["p"] * 6,
        "position_class": ["minister"] * 6,
        "body": ["b"] * 6,
        "province": ["Kandahar", "Kandahar", "Kabul", "unknown", "Helmand|Kandahar", "Herat"],
        "district": ["unknown"] * 6,
        "ethnicity": ["Pashtun", "Pashtun", "Pashtun", "unknown", "Pashtun|Tajik", "Hazara"],
        "tribe": ["unknown"] * 6,
        "network": ["haqqani", "haqqani", "northern", "unknown", "haqqani|doha_office", "doha_office"],
    })


def _texts(ax):
    """Every string drawn on the axes and its figure: title, labels, ticks, annotations, legend."""
    out = [ax.get_title(loc=loc) for loc in ("left", "center", "right")]
    out += [ax.get_xlabel(), ax.get_ylabel()]
    out += [t.get_text() for t in ax.get_yticklabels() + ax.get_xticklabels()]
    out += [t.get_text() for t in ax.texts]
    leg = ax.get_legend()
    if leg is not None:
        out += [t.get_text() for t in leg.get_texts()]
    for other in ax.figure.axes:
        if other is not ax:
            out += [other.get_ylabel(), other.get_xlabel()]
    return out


def _all_text(ax):
    return "\n".join(_texts(ax))


# (function, keyword arguments, factory of a table from the toy roster)
CASES = {
    "region_gap": (plots.plot_region_gap, {}, lambda r: representation(r, "region", baseline="nsia_1398")),
    "province_map": (plots.plot_province_map, {}, lambda r: representation(r, "province", baseline="nsia_1398")),
    "ethnicity": (plots.plot_ethnicity, {}, lambda r: representation(r, "ethnicity", baseline="all")),
    "network_waffle": (plots.plot_network_waffle, {}, lambda r: representation(r, "network")),
    "gaps_over_time": (plots.plot_gaps_over_time, {}, lambda r: pd.DataFrame({
        "as_of": pd.to_datetime(["2021-09-07"] * 2 + ["2021-10-04"] * 2),
        "gap": ["West+Southwest", "Non-Pashtun"] * 2,
        "count": [0.0, 2.0, 1.0, 4.0], "count_max": [3.0, 5.0, 6.0, 9.0], "n": [10, 10, 20, 20]})),
    "disproportionality": (plots.plot_disproportionality, {"n_draws": 300}, lambda r: representation(r, "region", baseline="nsia_1398")),
}


@pytest.fixture(params=list(CASES))
def case(request):
    func, kwargs, factory = CASES[request.param]
    return request.param, func, kwargs, factory(toy_roster())


def test_returns_the_axes_it_was_given_and_draws_on_it(case):
    _, func, kwargs, data = case
    fig, ax = plt.subplots()
    out = func(data, ax=ax, **kwargs)
    assert isinstance(out, Axes)
    assert out is ax
    assert ax.get_title(loc="left")
    drawn = [ax, *ax.child_axes]  # plot_gaps_over_time draws its panels as inset axes of ax
    assert any(a.collections or a.lines or a.patches for a in drawn)


def test_default_axes_is_the_current_one(case):
    _, func, kwargs, data = case
    fig, ax = plt.subplots()
    assert func(data, **kwargs) is ax


def test_rcparams_unchanged(case):
    _, func, kwargs, data = case
    before = copy.deepcopy(dict(matplotlib.rcParams))
    fig, ax = plt.subplots()
    func(data, ax=ax, caption=True, **kwargs)
    fig.canvas.draw()
    after = dict(matplotlib.rcParams)
    assert [k for k in before if before[k] != after[k]] == []


def test_caption_names_baseline_and_versions(case):
    name, func, kwargs, data = case
    import cabinet
    from cabinet.io.datapackage import descriptor

    fig, ax = plt.subplots()
    func(data, ax=ax, caption=True, **kwargs)
    fig.canvas.draw()
    text = " ".join(_all_text(ax).split())
    assert f"cabinet {cabinet.__version__}" in text
    assert f"data package {descriptor()['version']}" in text
    if "baseline_label" in data.columns and data["baseline"].iloc[0]:
        assert " ".join(data["baseline_label"].iloc[0].split()) in text
        first_source = str(data["baseline_sources"].iloc[0]).split(";")[0]
        assert first_source in text


def test_default_tables_draw():
    """With data=None each function builds the package's default table."""
    for func, kwargs in [(plots.plot_region_gap, {}), (plots.plot_province_map, {}), (plots.plot_ethnicity, {}),
                         (plots.plot_network_waffle, {}), (plots.plot_disproportionality, {"n_draws": 200})]:
        fig, ax = plt.subplots()
        func(ax=ax, **kwargs)
        assert "33" in _all_text(ax)
        plt.close(fig)


# --- titles carry the numbers of the table they were given -------------------------------------------


def test_region_gap_title_has_the_table_numbers():
    t = representation(toy_roster(), "region", baseline="nsia_1398")
    fig, ax = plt.subplots()
    plots.plot_region_gap(t, ax=ax)
    title = ax.get_title(loc="left").replace("\n", " ")
    # no gap holds whatever the unknowns are; the most significant after adjustment is South's excess (2 known,
    # up to 4 with the unknown and the Helmand|Kandahar dispute), told with the table's numbers
    south = t.set_index("group").loc["South"]
    assert south["p_ge_count_max_adj"] < 0.05 and (t["p_ge_count_adj"].dropna() >= 0.05).all()
    assert title.startswith(f"South: 2 of 6 appointees known (up to 4 possible) against "
                            f"{100 * south['baseline_share']:.1f}% of the population")
    # p values of the groups below their baseline are written next to them, as the range the unknowns allow
    # (Holm-adjusted, as the table is)
    below = t[(t["status"] == "group") & (t["share"] < t["baseline_share"])]
    assert len(below)
    for lo, hi, floor in zip(below["p_le_count_adj"], below["p_le_count_max_adj"], below["p_le_floor"]):
        if floor < 0.05:
            assert plots._p_values._fmt_p_range(lo, hi) in _texts(ax)
        else:  # even none of 6 would not be unusual: the chart says so instead of quoting a test
            assert f"none would be p={plots._p_values._fmt_p1(floor)}: untestable" in _texts(ax)


def test_region_gap_hand_made_table():
    """A table typed by hand, not computed: the chart shows its numbers, not recomputed ones."""
    t = pd.DataFrame({
        "by": ["region"] * 3, "scheme": ["commentary"] * 3, "group": ["North", "South", "unknown"],
        "status": ["group", "group", "unknown"], "count": [0.0, 7.0, 3.0], "count_max": [3.0, 10.0, 3.0],
        "n": [10] * 3, "share": [0.0, 0.7, 0.3], "ci_low": [0.0, 0.35, 0.07], "ci_high": [0.31, 0.93, 0.65],
        "baseline": ["nsia_1398"] * 3, "baseline_label": ["hand-made"] * 3,
        "baseline_sources": ["src-a;src-b"] * 3, "baseline_share": [0.4, 0.6, np.nan],
        "p_le_count": [0.0060466, 0.6177, np.nan],
    })
    fig, ax = plt.subplots()
    plots.plot_region_gap(t, ax=ax, caption=True)
    title = ax.get_title(loc="left").replace("\n", " ")
    assert "North: 0 of 10 appointees known (up to 3 possible) against 40.0% of the population" in title
    texts = _texts(ax)
    # no upper end in the table and 3 unknown: only the lower end is known
    assert "p≥0.006" in texts
    assert "Unknown home" in texts
    assert "src-a, src-b" in _all_text(ax).replace("\n", " ")


def test_ethnicity_title_has_the_table_numbers():
    t = representation(toy_roster(), "ethnicity", baseline="all")
    fig, ax = plt.subplots()
    plots.plot_ethnicity(t, ax=ax)
    title = ax.get_title(loc="left").replace("\n", " ")
    assert "Pashtun: 3 of 6 known (50%)" in title
    pash = t[t["group"] == "Pashtun"]
    lo, hi = pash["baseline_low"].min(), pash["baseline_high"].max()
    assert f"{100 * lo:.0f}%–{100 * hi:.0f}%" in title


def test_province_map_title_and_unplaced_appointees():
    t = representation(toy_roster(), "province", baseline="nsia_1398")
    fig, ax = plt.subplots()
    plots.plot_province_map(t, ax=ax)
    title = ax.get_title(loc="left").replace("\n", " ")
    assert "1 of 6 appointees known to come from the west and southwest, 0 from the core Hazarajat" in title
    text = _all_text(ax)
    assert "Not on the map: 2 of 6 appointees" in text
    assert "1 of unknown home province" in text and "1 disputed between provinces" in text
    # 34 provinces drawn, equal-scale aspect, no ticks
    assert sum(len(c.get_paths()) for c in ax.collections[:1]) == 34
    assert ax.get_xticks().size == 0 and ax.get_yticks().size == 0


def test_gaps_over_time_title_has_the_table_numbers():
    _, func, kwargs, data = (None, *CASES["gaps_over_time"][:2], CASES["gaps_over_time"][2](None))
    fig, ax = plt.subplots()
    func(data, ax=ax)
    title = ax.get_title(loc="left").replace("\n", " ")
    assert "from 10 to 20" in title
    assert "West+Southwest 0→1" in title and "Non-Pashtun 2→4" in title


def test_gaps_over_time_columns():
    from cabinet.timeline import gaps_over_time

    t = gaps_over_time(["2021-09-07", "2021-09-21"])
    assert list(t.columns) == ["as_of", "gap", "count", "count_max", "n"]
    assert (t["count"] <= t["count_max"]).all() and (t["count_max"] <= t["n"]).all()
    first = t[t["as_of"] == pd.Timestamp("2021-09-07")].set_index("gap")
    # by hand from the birthplaces of the 33 (home counted by birth): nobody known born in the west or
    # southwest; the maximum adds the 9 of unknown birthplace and the two disputes with a Helmand side
    # (Muttaqi, Hamidullah Akhundzada): up to 11
    assert first.at["West+Southwest", "count"] == 0 and first.at["West+Southwest", "count_max"] == 11
    assert first["n"].eq(33).all()


def test_disproportionality_title_matches_the_index_table():
    import cabinet

    t = representation(toy_roster(), "region", baseline="nsia_1398")
    fig, ax = plt.subplots()
    plots.plot_disproportionality(t, ax=ax, n_draws=300, seed=1)
    # the chart reads the seats back from the representation table; the roster gives the same table
    table = cabinet.disproportionality(toy_roster(), "region", "nsia_1398", n_draws=300, seed=1).set_index("index")
    lh = table.loc["loosemore_hanby"]
    title = ax.get_title(loc="left").replace("\n", " ")
    assert f"{lh['observed_min']:.3f} to {lh['observed_max']:.3f} observed" in title
    assert f"{lh['expected']:.3f} expected" in title
    # the unknown and the disputed appointee are placed every way their tags allow, and the chart says so
    text = _all_text(ax).replace("\n", " ")
    assert "6 appointees against" in text and "1 unknown, 1 disputed or in two groups" in text
    assert f"give {lh['observed_complete']:.3f}" in text  # the complete cases: the 4 of known region


def test_disproportionality_rejects_an_unknown_index():
    with pytest.raises(ValueError, match="loosemore_hanby"):
        plots.plot_disproportionality(representation(toy_roster(), "region", baseline="nsia_1398"), index="nope", n_draws=10)


def test_bad_data_is_refused_clearly():
    with pytest.raises(ValueError, match="lacks the column"):
        plots.plot_region_gap(pd.DataFrame({"group": ["a"]}))
    with pytest.raises(ValueError, match="DataFrame"):
        plots.plot_network_waffle([1, 2, 3])


# --- unknowns are drawn -----------------------------------------------------------------------------


def test_waffle_has_one_square_per_appointee():
    roster = toy_roster()
    fig, ax = plt.subplots()
    plots.plot_network_waffle(representation(roster, "network"), ax=ax)
    squares = sum(len(c.get_paths()) for c in ax.collections)
    assert squares == len(roster)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Unknown (1)" in labels
    assert any(lab.startswith("Disputed (1)") for lab in labels)


def test_waffle_of_the_33():
    fig, ax = plt.subplots()
    plots.plot_network_waffle(ax=ax)
    # one square per appointee; a member of several networks has his square split into stripes
    import cabinet

    table = representation(cabinet.load_roster(), "network")
    stripes = sum(len(n.split("+")) - 1 for n in cabinet.load_roster()["network"] if "|" not in n)
    assert sum(len(c.get_paths()) for c in ax.collections) == 33 + stripes
    assert "(33 in all)" in ax.get_legend().get_title().get_text() and table.attrs["plural"]
    assert ax.get_title(loc="left").startswith("0 of 33 appointees known to represent the Helmandi")


def test_region_gap_shows_unknown_and_disputed_rows():
    fig, ax = plt.subplots()
    plots.plot_region_gap(representation(toy_roster(), "region", baseline="nsia_1398"), ax=ax)
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert "Unknown home" in ticks and "Disputed home" in ticks


def test_ethnicity_shows_unknown_row():
    fig, ax = plt.subplots()
    plots.plot_ethnicity(representation(toy_roster(), "ethnicity", baseline="all"), ax=ax)
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert "Unknown" in ticks and "Disputed" in ticks


# --- literal text --------------------------------------------------------------------------------------


def test_literal_escapes_dollars_only():
    assert _literal("$x^2$") == r"\$x^2\$"
    assert _literal("<script>") == "<script>"
    assert _literal(None) == ""


def test_literal_round_trips_through_matplotlib():
    """The escaped text is not mathtext and matplotlib draws the original characters."""
    from matplotlib.text import Text

    for s in ["$x^2$", WEIRD, "a $ b", r"a\$b", "100$"]:
        txt = Text(0, 0, _literal(s))
        shown, math = txt._preprocess_math(txt.get_text())
        assert math is False
        assert shown == s


def test_names_from_the_data_appear_verbatim():
    fig, ax = plt.subplots()
    plots.plot_network_waffle(representation(toy_roster(), "network"), ax=ax)
    text = _all_text(ax)
    assert f"{_literal(WEIRD)}: Haqqani network or Doha political office" in text  # the disputed appointee
    assert WEIRD not in text.replace(_literal(WEIRD), "")  # never unescaped


def test_weird_names_render_in_svg(tmp_path):
    fig, ax = plt.subplots()
    plots.plot_network_waffle(representation(toy_roster(), "network"), ax=ax)
    out = tmp_path / "w.svg"
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(out)
    svg = out.read_text(encoding="utf-8")
    assert "$x^2$ &lt;script&gt;" in svg
    assert "<script>" not in svg


# --- importing ----------------------------------------------------------------------------------------


def test_import_cabinet_does_not_import_matplotlib():
    code = "import cabinet, sys; assert 'matplotlib' not in sys.modules, 'matplotlib imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_geojson_is_bundled():
    from cabinet.io.datapackage import data_dir

    path = data_dir() / "geo" / "afghanistan_provinces.geojson"
    feats = plots.province_map._load_geojson(str(path))
    assert len(feats) == 34
    from cabinet.io import load_provinces

    assert {name for name, _ in feats} == set(load_provinces()["province"])


def test_disproportionality_histogram_is_the_null_distribution_of_the_index():
    # the chart takes its draws from the same simulation as its table; they must be the draws
    # null_distribution gives for this index, seed and number of cabinets
    from cabinet.null_distributions import null_distribution

    t = representation(toy_roster(), "region", baseline="nsia_1398")
    known = t[(t["status"] == "group") & t["baseline_share"].notna()]
    baseline = pd.Series(known["baseline_share"].to_numpy(), index=known["group"])
    for index in ("loosemore_hanby", "golosov"):
        fig, ax = plt.subplots()
        plots.plot_disproportionality(t, ax=ax, index=index, n_draws=400, seed=3)
        # every appointee holds a post once the unknowns are placed: 6 posts
        draws = null_distribution(6, baseline, statistics=[index], n_draws=400, seed=3)[index]
        finite = draws[np.isfinite(draws)].to_numpy()
        top = finite.max() if finite.max() > finite.min() else finite.min() + 1e-9
        want, _ = np.histogram(finite, bins=np.linspace(finite.min(), top, 36))
        heights = [p.get_height() for p in ax.patches if isinstance(p, matplotlib.patches.Rectangle)][:35]
        assert heights == want.tolist(), index
