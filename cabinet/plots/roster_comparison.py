"""Rosters side by side: each roster's share per group, with the range its unknown tags allow.

Drawn from the table of :func:`cabinet.compare` (nothing is recounted): a dot
at each roster's known share per group, and for each a bar from the known
share to the largest share the unknown and disputed tags allow (matplotlib
``scatter`` and ``hlines``: seaborn has no range plot, and its dodged points
would not sit on the bars). The title states what the table finds: the
groups whose difference holds after Holm's adjustment over the groups,
whatever the unknown tags are (the ``holds`` column of
:func:`cabinet.compare`), or that none does; no group is picked for being
the largest difference.
"""

from __future__ import annotations

import pandas as pd

from ._style import (
    MUTED,
    PALETTE,
    TEXT_COLOUR,
    _LABEL_SIZE,
    _NOTE_SIZE,
    _add_caption,
    _get_ax,
    _header,
    _labels,
    _literal,
    _style_axes,
    _title,
    _versions,
    styled,
)
from ._p_values import _fmt_p_range
from ._tables import _require

__all__ = ["roster_comparison", "plot_roster_comparison"]

_COLUMNS = ["group", "status", "roster_a", "roster_b", "n_shared", "n_a", "n_b", "count_a", "count_max_a", "count_b",
            "count_max_b", "share_a", "share_max_a", "share_b", "share_max_b", "p_min", "p_max", "m_tests",
            "p_adj_min", "p_adj_max", "holds"]
_COLOURS = [PALETTE["vermillion"], PALETTE["blue"], PALETTE["green"], PALETTE["purple"], PALETTE["orange"]]


def _long(table: pd.DataFrame) -> pd.DataFrame:
    """One row per (roster, group): share and share_max, in the order the rosters and groups come.

    A roster's shares are taken from a pair that compares the whole roster (``n_shared == 0``) where there
    is one; a roster met only in pairs with shared people is drawn as the people not shared.
    """
    rows = []
    groups = table[table["status"] == "group"]
    known = set(groups.loc[(groups["count_a"] > 0) | (groups["count_b"] > 0), "group"])
    groups = groups[groups["group"].isin(known)] if known else groups
    groups = groups.sort_values("n_shared", kind="stable")
    for r in groups.to_dict("records"):
        for side in ("a", "b"):
            rows.append({"roster": r[f"roster_{side}"], "group": r["group"], "share": r[f"share_{side}"],
                         "share_max": r[f"share_max_{side}"], "count": r[f"count_{side}"],
                         "count_max": r[f"count_max_{side}"], "n": r[f"n_{side}"], "whole": r["n_shared"] == 0})
    out = pd.DataFrame(rows).drop_duplicates(["roster", "group"])
    order = list(dict.fromkeys(table["roster_a"].tolist() + table["roster_b"].tolist()))
    out["_order"] = out["roster"].map({r: i for i, r in enumerate(order)})
    return out.sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)


def _finding(table: pd.DataFrame, labels: dict) -> str:
    groups = table[table["status"] == "group"]
    first = groups[(groups["roster_a"] == groups["roster_a"].iloc[0]) & (groups["roster_b"] == groups["roster_b"].iloc[0])]
    r0 = first.iloc[0]
    a, b = labels.get(r0["roster_a"], r0["roster_a"]), labels.get(r0["roster_b"], r0["roster_b"])
    if r0["n_shared"]:
        a, b = f"the {int(r0['n_a'])} only in {a}", f"the {int(r0['n_b'])} only in {b}"
    yes = first[first["holds"] == "yes"]
    rule = f"Fisher's test, Holm over {int(r0['m_tests'])} groups, whatever the unknowns are"
    if len(yes):
        what = "; ".join(f"{_literal(r['group'])} {int(r['count_a'])}\u2013{int(r['count_max_a'])} of {int(r['n_a'])} "
                         f"against {int(r['count_b'])}\u2013{int(r['count_max_b'])} of {int(r['n_b'])}"
                         for _, r in yes.iterrows())
        return f"{a} against {b}: a difference beyond chance for {what} ({rule})"
    open_ = first[first["holds"] == "depends"]
    tail = ("; the unknown tags could still decide it for " + ", ".join(_literal(g) for g in open_["group"])
            if len(open_) else "")
    return f"{a} against {b}: no group differs beyond chance ({rule}){tail}"


@styled
def roster_comparison(table: pd.DataFrame, *, ax=None, caption: bool = False, title=None, xlabel=None,
                      ylabel=None):
    """Draw the rosters' shares side by side per group, with the range the unknowns allow.

    Groups in which no roster has anyone known are left out (the caption says so).

    Parameters
    ----------
    table : DataFrame
        The table of :func:`cabinet.compare`.
    ax : matplotlib Axes, optional
        Default: the current axes.
    caption : bool
        Write under the axes the rosters, their sources and the versions.
    title, xlabel, ylabel : str, optional
        Replace the chart's own (the title states the finding by default).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from cabinet import compare
    >>> a = pd.DataFrame({"name": list("abcd"), "ethnicity": ["Pashtun"] * 3 + ["unknown"]})
    >>> b = pd.DataFrame({"name": list("efgh"), "ethnicity": ["Pashtun", "Tajik", "Tajik", "Hazara"]})
    >>> ax = roster_comparison(compare({"A": a, "B": b}, by="ethnicity", home=None))
    >>> len(ax.get_yticklabels())
    3
    >>> plt.close("all")
    """
    _require(table, _COLUMNS, "roster_comparison")
    if not (table["status"] == "group").any():
        raise ValueError("roster_comparison: the table has no group rows; nothing to draw")
    ax = _get_ax(ax)
    labels = dict(table.attrs.get("labels") or {})
    long = _long(table)
    rosters = list(dict.fromkeys(long["roster"]))
    # groups in the order of the largest known share over the rosters
    order = (long.groupby("group", sort=False)["share"].max().sort_values(ascending=False, kind="stable").index.tolist())
    palette = {r: _COLOURS[i % len(_COLOURS)] for i, r in enumerate(rosters)}
    pos = {g: i for i, g in enumerate(order)}
    offset = {r: (i - (len(rosters) - 1) / 2) * (0.6 / max(len(rosters), 1)) for i, r in enumerate(rosters)}
    for r in rosters:
        sub = long[long["roster"] == r]
        ys = [pos[g] + offset[r] for g in sub["group"]]
        ax.hlines(ys, sub["share"] * 100, sub["share_max"] * 100, color=palette[r], alpha=0.35, lw=3, zorder=1)
        ax.scatter(sub["share"] * 100, ys, color=palette[r], s=36, zorder=3, label=_literal(labels.get(r, r)))
    ax.set_yticks(range(len(order)), [_literal(g) for g in order])
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.legend(fontsize=_NOTE_SIZE, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=len(rosters))
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of the roster, % (dot: known; bar: up to the largest share the unknown tags allow)",
                  fontsize=_LABEL_SIZE, color=TEXT_COLOUR)
    ax.set_ylabel("")
    _style_axes(ax, grid_axis="x")
    _header(ax, _title(_finding(table, labels), title))
    _labels(ax, xlabel=xlabel, ylabel=ylabel)
    if caption:
        parts = []
        unknown = table[table["status"] == "unknown"].sort_values("n_shared", kind="stable")
        for r in rosters:
            sub = long[long["roster"] == r]
            n = int(sub["n"].iloc[0])
            row = unknown[(unknown["roster_a"] == r) | (unknown["roster_b"] == r)].iloc[0]
            k = int(row["count_a"] if row["roster_a"] == r else row["count_b"])
            who = "posts" if bool(sub["whole"].iloc[0]) else "people not in the other roster"
            parts.append(f"{labels.get(r, r)}: {n} {who}, {k} of unknown tag")
        shared = table.loc[table["status"] == "group", ["roster_a", "roster_b", "n_shared"]].drop_duplicates()
        shared = shared[shared["n_shared"] > 0]
        overlap = "".join(f" {labels.get(x['roster_a'], x['roster_a'])} and {labels.get(x['roster_b'], x['roster_b'])} "
                          f"share {int(x['n_shared'])} people, left out of their test."
                          for x in shared.to_dict("records"))
        by = str(table["by"].iloc[0]) if "by" in table.columns else "group"
        first = table[table["status"] == "group"].iloc[0]
        text = (f"Rosters compared by {by}: " + "; ".join(parts) + "." + overlap + " Groups with nobody known in "
                "either roster are left out. Tests: Fisher's exact test of each group against the rest of each "
                f"roster, Holm's adjustment over the groups of a pair (for {first['group']}, over the counts the "
                f"unknowns allow: {_fmt_p_range(first['p_min'], first['p_max'])} before adjustment, "
                f"{_fmt_p_range(first['p_adj_min'], first['p_adj_max'])} after). Sources: data/sources.csv, cited per "
                f"value in the roster tables. Data: {_versions()}.")
        _add_caption(ax, _literal(text))
    ax.tick_params(axis="y", colors=TEXT_COLOUR)
    ax.tick_params(axis="x", colors=MUTED)
    return ax


#: The name under the convention of the other chart modules (``plot_<chart>``).
plot_roster_comparison = roster_comparison

