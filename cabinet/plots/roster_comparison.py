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

from .. import palette
from ._style import (
    TEXT_COLOUR,
    _LABEL_SIZE,
    _compact,
    _finish,
    _get_ax,
    _known_dot,
    _labels,
    _literal,
    _pct,
    _range_bar,
    _style_axes,
    group_name,
    styled,
)
from ._p_values import _fmt_p_range
from ._tables import _require
from .ethnicity import _people
from ..io.datapackage import descriptor

__all__ = ["roster_comparison", "plot_roster_comparison"]

_COLUMNS = ["group", "status", "roster_a", "roster_b", "n_shared", "n_a", "n_b", "count_a", "count_max_a", "count_b",
            "count_max_b", "share_a", "share_max_a", "share_b", "share_max_b", "p_min", "p_max", "m_tests",
            "p_adj_min", "p_adj_max", "holds"]


def _colours(rosters) -> dict:
    """Each roster's colour: its own for the named rosters, the next of :data:`palette.ROSTER_CYCLE` otherwise."""
    out, spare = {}, iter(palette.ROSTER_CYCLE * 4)
    for r in rosters:
        key = palette.roster_key(r)
        out[r] = palette.colour("roster", r) if key != "roster" else next(spare)
    return out


def _short(name, label) -> str:
    """A short name of a roster for the legend and title: its short name in the registry, or "Taliban Feb 2026"."""
    key = palette.roster_key(name)
    if key not in ("taliban-latest", "roster"):
        return palette.short_label("roster", key)
    if key == "taliban-latest":
        import re

        m = re.search(r"(\d{1,2}) (\w+) (\d{4})", str(label)) or re.search(r"(\d{4})-(\d{2})-(\d{2})", str(name))
        if m and m.group(2).isalpha():
            return f"Taliban {m.group(2)[:3]} {m.group(3)}"
        if m:
            import calendar

            return f"Taliban {calendar.month_abbr[int(m.group(2))]} {m.group(1)}"
        return "Taliban later"
    return _literal(label if label else name)


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


def _titles(table: pd.DataFrame, short: dict) -> tuple[list[str], str]:
    """Candidate titles and the verdict of the exact tests, for the first pair of rosters: the groups whose
    difference holds after Holm's adjustment whatever the unknown tags are (the ``holds`` column of
    :func:`cabinet.compare`), or that none does; no group is picked for being the largest difference."""
    groups = table[table["status"] == "group"]
    first = groups[(groups["roster_a"] == groups["roster_a"].iloc[0]) & (groups["roster_b"] == groups["roster_b"].iloc[0])]
    r0 = first.iloc[0]
    a, b = short.get(r0["roster_a"], r0["roster_a"]), short.get(r0["roster_b"], r0["roster_b"])
    if r0["n_shared"]:
        a, b = f"{int(r0['n_a'])} only in {a}", f"{int(r0['n_b'])} only in {b}"
    by = str(table["by"].iloc[0]) if "by" in table.columns else ""
    word = {"ethnicity": "ethnic group", "region": "region", "party": "party"}.get(by, "group")
    rule = f"Fisher's test, Holm over {int(r0['m_tests'])} groups"
    yes = first[first["holds"] == "yes"]
    if len(yes):
        row = yes.loc[(yes["share_a"] - yes["share_b"]).abs().idxmax()]
        who = _people(row["group"]) if by == "ethnicity" else group_name(by, row["group"])
        sa, sb = _pct(row["share_a"], 0), _pct(row["share_b"], 0)
        names = ", ".join(group_name(by, g) for g in yes["group"])
        verdict = f"{rule} finds a difference for {names} whatever the unknown tags are"
        return [f"{who}: {sa} of the {a} known, against {sb} of the {b}, a difference beyond chance",
                f"{who}: {sa} known ({a}) against {sb} ({b}), beyond chance",
                f"{who}: {sa} against {sb}, beyond chance"], verdict
    open_ = first[first["holds"] == "depends"]
    verdict = f"{rule}: no difference holds whatever the unknown tags are" + (
        f"; they could still decide it for {len(open_)} group{'s' if len(open_) != 1 else ''}" if len(open_) else "")
    return [f"No {word} differs beyond chance between the {a} and the {b} whatever the unknowns are",
            f"No {word} differs beyond chance whatever the unknowns are",
            f"No {word} differs beyond chance"], verdict


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
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    _require(table, _COLUMNS, "roster_comparison")
    if not (table["status"] == "group").any():
        raise ValueError("roster_comparison: the table has no group rows; nothing to draw")
    ax = _get_ax(ax)
    compact = _compact(ax)
    labels = dict(table.attrs.get("labels") or {})
    long = _long(table)
    rosters = list(dict.fromkeys(long["roster"]))
    short = {r: _short(r, labels.get(r, r)) for r in rosters}
    by = str(table["by"].iloc[0]) if "by" in table.columns else "group"
    # groups in the order of the largest known share over the rosters
    order = (long.groupby("group", sort=False)["share"].max().sort_values(ascending=False, kind="stable").index.tolist())
    colours = _colours(rosters)
    pos = {g: i for i, g in enumerate(order)}
    step = 0.72 / max(len(rosters), 1)
    offset = {r: (i - (len(rosters) - 1) / 2) * step for i, r in enumerate(rosters)}
    for r in rosters:
        sub = long[long["roster"] == r]
        for g, share, share_max in zip(sub["group"], sub["share"], sub["share_max"]):
            y = pos[g] + offset[r]
            _range_bar(ax, y, float(share), float(share_max), colours[r], height=step * 0.7)
            _known_dot(ax, float(share), y, colours[r], size=6.5,
                       entity=("roster", palette.roster_key(r)) if palette.roster_key(r) != "roster" else None)
    ax.set_yticks(range(len(order)), [group_name(by, g) for g in order])
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    if compact:
        ax.xaxis.set_major_locator(MaxNLocator(4))
    ax.set_xlabel("Share of the roster", fontsize=_LABEL_SIZE, color=TEXT_COLOUR)
    ax.set_ylabel("")
    _style_axes(ax, grid_axis="x")
    _labels(ax, xlabel=xlabel, ylabel=ylabel)
    handles = []
    for r in rosters:
        band = Patch(facecolor=palette.tint(colours[r], 0.35), edgecolor="none")
        dot = Line2D([], [], marker="o", color=colours[r], markeredgecolor="white", markeredgewidth=0.6,
                     linestyle="none", markersize=7)
        h = (band, dot)
        handles.append(h)
    titles, verdict = _titles(table, short)
    what = {"ethnicity": "Ethnic group", "region": "Home region", "party": "Party"}.get(by, _literal(by).capitalize())
    subtitle = [f"{what}: share known (dot) and up to what the unknown tags allow (band) in each roster; {verdict}.",
                f"{what}: known share (dot) and up to what the unknowns allow (band).", f"{what}, known and possible."]
    parts = []
    unknown = table[table["status"] == "unknown"].sort_values("n_shared", kind="stable")
    for r in rosters:
        sub = long[long["roster"] == r]
        n = int(sub["n"].iloc[0])
        row = unknown[(unknown["roster_a"] == r) | (unknown["roster_b"] == r)].iloc[0]
        k = int(row["count_a"] if row["roster_a"] == r else row["count_b"])
        who = "posts" if bool(sub["whole"].iloc[0]) else "people not in the other roster"
        parts.append(f"{short[r]}: {n} {who}, {k} unknown")
    shared = table.loc[table["status"] == "group", ["roster_a", "roster_b", "n_shared"]].drop_duplicates()
    shared = shared[shared["n_shared"] > 0]
    overlap = "".join(f" {short.get(x['roster_a'], x['roster_a'])} and {short.get(x['roster_b'], x['roster_b'])} "
                      f"share {int(x['n_shared'])} people, left out of their test."
                      for x in shared.to_dict("records"))
    counts = "Groups with nobody known in any roster are left out. " + "; ".join(parts) + "." + overlap
    first = table[table["status"] == "group"].iloc[0]
    notes = (f"Tests: Fisher's exact test of each group against the rest of each roster, Holm's adjustment over the "
             f"groups of a pair (for {first['group']}, over the counts the unknowns allow: "
             f"{_fmt_p_range(first['p_min'], first['p_max'])} before adjustment, "
             f"{_fmt_p_range(first['p_adj_min'], first['p_adj_max'])} after).")

    source = [f"Source: each roster's tags from news reports and official statements, cabinet data package "
              f"{descriptor().get('version', '?')}.", f"Source: cabinet data package {descriptor().get('version', '?')}."]
    own = all(palette.roster_key(r) == "roster" for r in rosters)  # only rosters of one's own: nothing bundled
    if own:
        source = ["Source: the rosters given."]
    elif any(palette.roster_key(r) == "roster" for r in rosters):
        source = [f"Source: the rosters given; cabinet data package {descriptor().get('version', '?')} for its own."]
    _finish(ax, title=titles, subtitle=subtitle, handles=handles, labels=[short[r] for r in rosters],
            counts=_literal(counts), source=source, notes=_literal(notes), caption=caption, user_title=title, own=own)
    return ax


#: The name under the convention of the other chart modules (``plot_<chart>``).
plot_roster_comparison = roster_comparison

