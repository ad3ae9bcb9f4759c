"""The region-gap chart: cabinet share against baseline share per group (any roster).

One row per group: the known share (a filled dot in the roster's colour, the
loudest mark), a pale band up to the largest share the unknown and disputed
tags allow, the exact 95 % interval (a thin dark line with caps) and the
baseline share (an open diamond). Unknown and disputed appointees get rows
of their own, so every person of the roster is on the chart.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._style import (
    DISPUTED_FACE,
    DISPUTED_HATCH,
    MUTED,
    TEXT_COLOUR,
    UNKNOWN_COLOUR,
    _LABEL_SIZE,
    _NOTE_SIZE,
    _baseline_mark,
    _compact,
    _counts_line,
    _finish,
    _get_ax,
    _interval,
    _join,
    _known_dot,
    _labels,
    _literal,
    _num,
    _pct,
    _range_bar,
    _style_axes,
    baseline_handle,
    disputed_handle,
    group_name,
    interval_handle,
    known_handle,
    range_handle,
    roster_colour,
    roster_entity,
    styled,
    unknown_handle,
)
from .. import palette
from ._p_values import _adjusted, _fmt_p1, _fmt_p_range, _highlight, _p_bounds
from ._tables import _baseline_label, _first_block, _is_population, _own, _require, _roster_words, _source_line, _table_by
from ..headlines import REMAINDERS, headline
from ..representation import counting_note, representation

_REP_COLUMNS = ["group", "status", "count", "count_max", "n", "share", "ci_low", "ci_high", "baseline_share"]
_HOME = ("region", "province", "hazarajat")


def _possible_union(table, groups) -> float | None:
    """Largest number of appointees who could be in any of ``groups``, from the table."""
    rows = table[table["group"].isin(groups)]
    if len(rows) == 1:
        return float(rows["count_max"].iloc[0])
    unknown = float(table.loc[table["status"] == "unknown", "count"].sum())
    known = float(rows["count"].sum())
    if "possible_members" in table.columns and "members" in table.columns:
        names = set()
        for cell in rows["possible_members"].fillna(""):
            names |= {x.strip() for x in str(cell).split(";") if x.strip()}
        return known + unknown + len(names)
    disputed = float(table.loc[table["status"] == "disputed", "count"].sum())
    return known + unknown + disputed


def _who(t) -> str:
    return "appointee" if palette.roster_key(t.attrs.get("roster")).startswith("taliban") else "member"


def _place(by, names) -> str:
    """'the West or Southwest', 'South', ... a phrase for groups in a title."""
    if by == "region":
        return "the " + _join(names, "or")
    return _join(names, "or")


def _region_titles(t, by, population_word, alpha=0.05) -> list[str]:
    """Candidate titles, longest first: the gap :func:`cabinet.headlines.headline` finds (the largest that holds
    whatever the unknown tags are, else the most significant after adjustment, never a remainder), in plain words."""
    who = _who(t)
    groups = t[(t["status"] == "group")].copy()
    n = t["n"].iloc[0]
    based = groups[groups["baseline_share"].notna()]
    if based.empty:  # no baseline: the largest known group
        rows = groups.sort_values(["count", "group"], ascending=[False, True], kind="stable")
        if rows.empty or rows["count"].iloc[0] == 0:
            return [f"No {who} of the {_num(n)} has a known {_literal(by)}"]
        top = rows.iloc[0]
        name = group_name(by, top["group"])
        tie = (rows["count"] == top["count"]).sum() > 1
        if tie:
            return [f"{name} and others have the most known {who}s: {_num(top['count'])} of {_num(n)}",
                    f"{name}: {_num(top['count'])} of {_num(n)} known"]
        return [f"{name} has the most known {who}s: {_num(top['count'])} of {_num(n)}",
                f"{name}: most known {who}s, {_num(top['count'])} of {_num(n)}",
                f"{name}: {_num(top['count'])} of {_num(n)} known"]
    h = headline(t, alpha=alpha, name=str)
    if h.group is None:
        return ["No group can be set against the baseline"]
    g = group_name(by, h.group)
    more = "more" if h.direction == "over" else "fewer"
    if h.holds:
        return [f"{g} holds {more} seats than its share of the {population_word}, whatever the unknowns are",
                f"{g}: {more} seats than its share, whatever the unknowns",
                f"{g}: {more} than its share"]
    if h.significant:
        return [f"{g} may hold {more} seats than its {population_word} share: it turns on the unknown tags",
                f"{g}: {more} than its share only if the unknowns fall one way",
                f"{g}: it turns on the unknowns"]
    return [f"No gap is beyond chance; the largest is {g}'s, {_num(h.count)} of {_num(n)} known",
            f"No gap beyond chance; the largest is {g}'s",
            "No gap beyond chance"]


def _none_known(t, by) -> str:
    """The groups of the baseline no one is known to belong to (never a remainder), as a phrase, or ''."""
    groups = t[(t["status"] == "group") & t["baseline_share"].notna() & (t["count"] == 0) & (t["baseline_share"] > 0)]
    groups = groups[~groups["group"].astype(str).str.lower().isin(REMAINDERS)]
    if groups.empty:
        return ""
    names = [group_name(by, x) for x in groups.sort_values("baseline_share", ascending=False)["group"]]
    verb = "to come from" if by in _HOME else "to belong to"
    return f"none is known {verb} {_place(by, names)} ({_pct(float(groups['baseline_share'].sum()), 0)})"


def _why_not_partition(t, by) -> str:
    """Why the rows of a table count more than its people (a plural membership), in words a reader knows."""
    if by in _HOME:
        return "someone whose sources give homes in two groups (born in one, family from another) counts in both."
    return f"someone who belongs to more than one {_literal(by)} counts in each."


def _untestable_words(untestable, n, alpha) -> str:
    """The groups too small for a test of under-representation to reject, even at a count of 0."""
    names = _join([g for g, _ in untestable])
    floors = ", ".join(f"{_fmt_p1(f)}" for _, f in untestable)
    return (f"{names}: too small to test; even none of {_num(n)} would have p={floors}, "
            f"not below {alpha:g}.")


def _counting_words(t) -> str:
    """The table's own words when its rows count memberships, not people (plural membership)."""
    if t.attrs.get("counts") != "memberships":
        return ""

    return counting_note(t)


@styled
def plot_region_gap(data=None, *, scheme="commentary", ax=None, caption=False, title=None, xlabel=None,
                    ylabel=None, alpha=0.05, adjusted=None):
    """Cabinet share against baseline share per group, for any roster.

    One row per group: a filled dot at the share of appointees known to be in
    it (the loudest mark, in the roster's colour), a pale band from there to
    the largest share the unknown and disputed tags allow (``count_max``),
    the exact 95 % interval from ``ci_low`` to ``ci_high`` (a thin dark line
    with caps; it also covers every way the unknowns could be resolved) and an
    open diamond at the group's share of the baseline. At the right, the known
    count with the largest possible count, and for every group below its
    baseline the exact one-sided probability of so few as the range the
    unknowns allow (``p_le_count`` at the known count to ``p_le_count_max``
    at the largest possible count); a group is highlighted only when the whole
    range lies below ``alpha``. Unknown and disputed appointees get rows of
    their own. Drawn narrow (a figure of 5.5 inches or less), the chart leaves
    the probabilities to its table.

    The title states a finding that holds whatever the unknowns turn out to
    be: that no one is known to come from a group, that a group stays below
    its share even if every unknown fell in it, or that it holds more than
    its share on known values alone. Party and network codes print as names.

    Parameters
    ----------
    data : DataFrame, optional
        A table of :func:`cabinet.representation.representation`, for any
        roster and grouping, with or without a baseline; default
        ``representation(by="region", scheme=scheme)``. When it holds
        several baselines, the first is drawn.
    scheme : {'commentary', 'isaf', 'ocha'}
        Region scheme, used only when ``data`` is None.
    ax : matplotlib Axes, optional
    caption : bool
        Write the method and the versions of the package and the data below
        the plot (the ``Source:`` line is always written).
    title, xlabel, ylabel : str, optional
        Replace the chart's own title (the finding) and axis labels.
    alpha : float
        Threshold of the highlighting (default 0.05).
    adjusted : bool, optional
        Read the multiplicity-adjusted probabilities (``*_adj`` columns);
        default: when the table has them.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.ticker import PercentFormatter

    if data is None:
        data = representation(by="region", scheme=scheme)
    _require(data, _REP_COLUMNS, "plot_region_gap")
    t = _first_block(data).reset_index(drop=True)
    t.attrs = dict(getattr(data, "attrs", {}) or {})
    ax = _get_ax(ax)
    compact = _compact(ax)
    colour = roster_colour(t)
    strong_colour = palette.text_colour(colour)
    adj = _adjusted(t, adjusted)
    n = t["n"].iloc[0]
    by = _table_by(t) or "group"
    population = _is_population(t)
    population_word = "population" if population else "baseline"
    base_label = _baseline_label(t)
    home = by in _HOME

    groups = t[t["status"].isin(["group", "residual"])].copy()
    has_baseline = bool(groups["baseline_share"].notna().any())
    groups["_gap"] = groups["share"] - groups["baseline_share"]
    if has_baseline:
        groups = groups.sort_values(["_gap", "group"], na_position="last", kind="stable")
    else:
        groups = groups.sort_values(["count", "group"], ascending=[False, True], kind="stable")
    extra = t[t["status"].isin(["disputed", "unknown"]) & (t["count"] > 0)]
    what = "home" if home else _literal(by)
    extra_labels = [(f"Disputed {what}" if r["status"] == "disputed" else f"Unknown {what}")
                    for _, r in extra.iterrows()]
    order = [group_name(by, g) for g in groups["group"]] + extra_labels
    pos = {label: i for i, label in enumerate(order)}

    for _, r in groups.iterrows():
        y = pos[group_name(by, r["group"])]
        share_max = float(r["count_max"]) / float(n) if n else np.nan
        _range_bar(ax, y, float(r["share"]), share_max, colour)
        if pd.notna(r["ci_low"]) and pd.notna(r["ci_high"]):
            _interval(ax, y, float(r["ci_low"]), float(r["ci_high"]))
        if pd.notna(r["baseline_share"]):
            _baseline_mark(ax, float(r["baseline_share"]), y)
        _known_dot(ax, float(r["share"]), y, colour, entity=roster_entity(t))
    for label, (_, r) in zip(extra_labels, extra.iterrows()):
        y = pos[label]
        disputed = r["status"] == "disputed"
        ax.barh([y], [float(r["share"])], height=0.5, color=DISPUTED_FACE if disputed else UNKNOWN_COLOUR,
                hatch="////" if disputed else None, edgecolor=DISPUTED_HATCH if disputed else "none",
                linewidth=0.6 if disputed else 0, zorder=2)
    shares_max = (groups["count_max"] / float(n)).to_numpy(dtype=float) if n else np.array([0.0])
    xmax = float(np.nanmax(np.concatenate([groups[["share", "ci_high", "baseline_share"]].to_numpy(dtype=float).ravel(),
                                            shares_max, extra["share"].to_numpy(dtype=float), [0.0]])))

    note_kw = dict(xycoords=ax.get_yaxis_transform(), xytext=(8, 0), textcoords="offset points", va="center",
                   ha="left", fontsize=_NOTE_SIZE, annotation_clip=False)
    p_offset = 58
    tested = 0
    show_p = has_baseline and not compact
    untestable: list = []
    for _, r in groups.iterrows():
        y = pos[group_name(by, r["group"])]
        ax.annotate(f"{_num(r['count'])}–{_num(r['count_max'])}" if r["count_max"] != r["count"]
                    else _num(r["count"]), xy=(1.0, y), color=TEXT_COLOUR, **note_kw)
        lo, hi = _p_bounds(t, r, "le", adjusted=adj)
        if pd.notna(r["baseline_share"]) and pd.notna(lo):
            tested += 1
        if show_p and pd.notna(r["baseline_share"]) and r["share"] < r["baseline_share"] and pd.notna(lo):
            strong = _highlight(hi, alpha)
            floor = r.get("p_le_floor", np.nan)
            # a group so small that even none of n would not be unusual: say so instead of a test that cannot reject
            text = "too small to test" if pd.notna(floor) and floor >= alpha else _fmt_p_range(lo, hi)
            if pd.notna(floor) and floor >= alpha:
                untestable.append((group_name(by, r["group"]), floor))
            ax.annotate(text, xy=(1.0, y), xycoords=ax.get_yaxis_transform(), xytext=(p_offset, 0),
                        textcoords="offset points", va="center", ha="left", fontsize=_NOTE_SIZE,
                        color=strong_colour if strong else TEXT_COLOUR, fontweight="bold" if strong else "normal",
                        annotation_clip=False)
    word = "region" if by == "region" else "group"
    for label, (_, r) in zip(extra_labels, extra.iterrows()):
        y = pos[label]
        ax.annotate(f"{_num(r['count'])}", xy=(1.0, y), color=MUTED, **note_kw)
        if not compact:
            ax.annotate(f"could be in any {word}" if r["status"] != "disputed" else f"sources name two {word}s",
                        xy=(r["share"], y), xytext=(5, 0), textcoords="offset points", va="center", ha="left",
                        fontsize=_NOTE_SIZE, color=MUTED)
    ax.annotate(f"known–max\nof {_num(n)}", xy=(1.0, -0.5), xycoords=ax.get_yaxis_transform(), xytext=(8, 3),
                textcoords="offset points", va="bottom", ha="left", fontsize=_NOTE_SIZE - 0.5, color=MUTED,
                annotation_clip=False, linespacing=1.1)
    if show_p:
        ax.annotate("p of so few\n(range)" + (", Holm" if adj else ""), xy=(1.0, -0.5),
                    xycoords=ax.get_yaxis_transform(), xytext=(p_offset, 3), textcoords="offset points",
                    va="bottom", ha="left", fontsize=_NOTE_SIZE - 0.5, color=MUTED, annotation_clip=False,
                    linespacing=1.1)
    if len(extra):
        ax.axhline(len(groups) - 0.5, color="#9E9E9E", linewidth=0.6, linestyle=(0, (2, 2)))
    ax.set_ylim(len(order) - 0.4, -0.6)
    ax.set_xlim(0, min(1.0, xmax * 1.04 + 0.01))
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    if compact:
        ax.xaxis.set_major_locator(__import__("matplotlib.ticker", fromlist=["MaxNLocator"]).MaxNLocator(4))
    ax.set_yticks(range(len(order)), order)
    _style_axes(ax, grid_axis="x")
    ax.set_xlabel(f"Share of {_who(t)}s and of the {population_word}" if has_baseline else f"Share of {_who(t)}s",
                  fontsize=_LABEL_SIZE, color=TEXT_COLOUR)
    ax.set_ylabel("")
    _labels(ax, xlabel=xlabel, ylabel=ylabel)

    handles = [known_handle(colour, "known"), range_handle(colour, "could be up to")]
    if groups["ci_low"].notna().any():
        handles.append(interval_handle("95% interval"))
    if has_baseline:
        handles.append(baseline_handle(f"share of the {population_word}"))
    if (extra["status"] == "unknown").any():
        handles.append(unknown_handle(f"unknown {what}"))
    if (extra["status"] == "disputed").any():
        handles.append(disputed_handle(f"disputed {what}"))

    u = float(t.loc[t["status"] == "unknown", "count"].sum())
    d = float(t.loc[t["status"] == "disputed", "count"].sum())
    kind = "home region" if by == "region" else ("home province" if by == "province" else _literal(by))
    people = _roster_words(t, n)
    if has_baseline:
        none = _none_known(t, by)
        subtitle = [f"{kind.capitalize()} of {people}, against each {word}'s share of the {population_word} "
                    f"({base_label}); {_num(u + d)} unknown or disputed" + (f"; {none}." if none else "."),
                    f"{kind.capitalize()} of {people}, against each {word}'s share of the {population_word} "
                    f"({base_label}); {_num(u + d)} unknown or disputed.",
                    f"{kind.capitalize()} of {people}, against the {population_word} ({base_label}).",
                    f"{kind.capitalize()} of {people}, against the {population_word}."]
    else:
        subtitle = [f"{kind.capitalize()} of {people}; no baseline to set them against; {_num(u + d)} unknown or "
                    "disputed.", f"{kind.capitalize()} of {people}; no baseline."]
    total = float(groups.loc[groups["status"] == "group", "count"].sum()) + u + d
    counts = _counts_line(total, n, _why_not_partition(t, by)) if (t.attrs.get("plural") or total != n) else ""
    if counts and t.attrs.get("counts") == "memberships":  # the table's own words on what it counts
        counts += " " + _counting_words(t)
    if untestable and has_baseline:
        counts = (counts + " " if counts else "") + _untestable_words(untestable, n, alpha)
    notes = ("Dot: share known to be in the group; band: up to the share if every unknown or disputed tag fell in "
             "it; line: exact (Clopper-Pearson) 95% interval, covering every resolution of the unknowns; figures at "
             "right: known count and largest possible count")
    if has_baseline:
        notes += ("; p: exact one-sided binomial probability of a count this low, at the known count and at the "
                  "largest possible count (the true value lies between them whatever the unknowns are), "
                  + (f"Holm-adjusted over both tails of the {tested} groups tested; highlighted when the whole range "
                     f"is below {alpha:g}." if adj else "unadjusted."))
    else:
        notes += "."
    _finish(ax, title=_region_titles(t, by, population_word, alpha), subtitle=subtitle, handles=handles, counts=counts,
            source=_source_line(t, what=population_word), notes=notes, caption=caption, user_title=title, own=_own(t))
    return ax
