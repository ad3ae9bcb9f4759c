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
    """One Source: line names the publishers (not the ids of the sources); the caption adds the versions."""
    name, func, kwargs, data = case
    import cabinet
    from cabinet.io.datapackage import descriptor

    fig, ax = plt.subplots()
    func(data, ax=ax, caption=True, **kwargs)
    fig.canvas.draw()
    text = " ".join(_all_text(ax).split())
    assert f"cabinet {cabinet.__version__}" in text
    assert f"data package {descriptor()['version']}" in text
    source = plots.frame_texts(ax)["source"]
    assert source.startswith("Source:") and "\n" not in source
    if "baseline_label" in data.columns and data["baseline"].iloc[0] == "nsia_1398":
        assert "NSIA" in source
    if "baseline_sources" in data.columns and str(data["baseline_sources"].iloc[0]).strip():
        first_source = str(data["baseline_sources"].iloc[0]).split(";")[0]
        assert first_source not in source  # ids live in the report's list of sources, not on the chart


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
    # no gap holds whatever the unknowns are; South's excess (2 known, up to 4 with the unknown and the
    # Helmand|Kandahar dispute) is significant only if every open tag falls in it: no story; no shortfall is
    # significant by the known values alone, so the title says no gap is beyond chance
    south = t.set_index("group").loc["South"]
    assert south["p_ge_count_max_adj"] < 0.05 and (t["p_ge_count_adj"].dropna() >= 0.05).all()
    assert (t["p_le_count_adj"].dropna() >= 0.05).all()
    assert title.startswith("No gap") and "South" not in title
    # p values of the groups below their baseline are written next to them, as the range the unknowns allow
    # (Holm-adjusted, as the table is)
    below = t[(t["status"] == "group") & (t["share"] < t["baseline_share"])]
    assert len(below)
    for lo, hi, floor in zip(below["p_le_count_adj"], below["p_le_count_max_adj"], below["p_le_floor"]):
        if floor < 0.05:
            assert plots._p_values._fmt_p_range(lo, hi) in _texts(ax)
        else:  # even none of 6 would not be unusual: the chart says so instead of quoting a test
            assert "too small to test" in _texts(ax)
            assert plots._p_values._fmt_p1(floor) in plots.frame_texts(ax)["counts"]


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
    title = ax.get_title(loc="left")
    # North, 0 known of 10 against 40 %: too few only if the unknowns fall outside it (p at the known count 0.006)
    assert title.startswith("North") and ("fewer" in title or "turns on the unknowns" in title)
    texts = _texts(ax)
    assert "0–3" in texts and "7–10" in texts  # the table's counts, not recomputed ones
    # no upper end in the table and 3 unknown: only the lower end is known
    assert "p≥0.006" in texts
    assert "Unknown home" in texts
    assert plots.frame_texts(ax)["source"] == "Source: the roster given; population: NSIA (Afghanistan's statistics " \
                                              "office), 1398."


def test_ethnicity_title_has_the_table_numbers():
    t = representation(toy_roster(), "ethnicity", baseline="all")
    fig, ax = plt.subplots()
    plots.plot_ethnicity(t, ax=ax)
    title = ax.get_title(loc="left")
    # 3 of 6 known Pashtun (50%) is above the highest estimate, whatever the other three turn out to be
    pash = t[t["group"] == "Pashtun"]
    lo, hi = pash["baseline_low"].min(), pash["baseline_high"].max()
    assert 3 / 6 > hi
    assert title.startswith("Pashtuns") and ("above every estimate" in title or "more seats than any" in title)
    assert f"{100 * lo:.0f}%–{100 * hi:.0f}%" in _texts(ax)  # the estimates' range at the right


def test_province_map_title_and_unplaced_appointees():
    t = representation(toy_roster(), "province", baseline="nsia_1398")
    fig, ax = plt.subplots()
    plots.plot_province_map(t, ax=ax)
    counts = plots.frame_texts(ax)["counts"]
    # every appointee is accounted for: placed on the map, disputed (dashed rings) or unknown (grey)
    assert "Of 6: 4 placed, 1 with disputed homes" in counts and "1 of unknown home" in counts
    # a circle per province with a known appointee, area proportional to the count; 0 has no circle
    known = [c for c in ax.collections if getattr(c, "_cabinet_entities", None)]
    assert len(known) == 1 and sorted(known[0].get_sizes() / known[0].get_sizes().min()) == [1, 1, 2]
    # the 34 provinces drawn, equal-scale aspect, no ticks
    assert sum(len(c.get_paths()) for c in ax.collections[:1]) >= 34
    assert ax.get_xticks().size == 0 and ax.get_yticks().size == 0


def test_gaps_over_time_title_has_the_table_numbers():
    _, func, kwargs, data = (None, *CASES["gaps_over_time"][:2], CASES["gaps_over_time"][2](None))
    fig, ax = plt.subplots()
    func(data, ax=ax)
    title = ax.get_title(loc="left")
    assert "20" in title and "0 to 1" in title
    panels = [a.get_title(loc="left") for a in ax.child_axes]
    assert panels == ["West and Southwest: 0 → 1 known (up to 6)", "Non-Pashtuns: 2 → 4 known (up to 9)"]


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
    texts = _texts(ax)
    assert f"this cabinet\n{lh['observed_min']:.2f} to {lh['observed_max']:.2f}" in texts
    assert f"expected\nat random\n{lh['expected']:.2f}" in texts
    # the unknown and the disputed appointee are placed every way their tags allow, and the chart says so
    words = plots.frame_texts(ax)
    assert "the 1 unknown and 1 disputed or in two groups are placed every way" in " ".join(words["counts"].split())
    # the complete cases (the 4 of known region) in the subtitle, when there is room for it
    wide = plt.figure(figsize=(10, 5)).add_subplot()
    plots.plot_disproportionality(t, ax=wide, n_draws=300, seed=1)
    assert f"give {lh['observed_complete']:.2f}" in " ".join(plots.frame_texts(wide)["subtitle"].split())


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
    assert "unknown 1" in labels
    assert any(lab.startswith("disputed 1") for lab in labels)


def test_waffle_of_the_33():
    fig, ax = plt.subplots()
    plots.plot_network_waffle(ax=ax)
    # one square per appointee; a member of several networks has his square split into stripes
    import cabinet

    table = representation(cabinet.load_roster(), "network")
    stripes = sum(len(n.split("+")) - 1 for n in cabinet.load_roster()["network"] if "|" not in n)
    assert sum(len(c.get_paths()) for c in ax.collections) == 33 + stripes
    top = table[table["status"] == "group"].sort_values("count", ascending=False).iloc[0]
    name = plots.NETWORK_LABELS[top["group"]]
    title = ax.get_title(loc="left")
    assert title.startswith(f"At least {top['count']:.0f} of") and name in title
    assert table.attrs["plural"] and "memberships for 33 people" in plots.frame_texts(ax)["counts"]


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
