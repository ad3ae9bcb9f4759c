"""The network waffle: one square per appointee, coloured by factional network."""

from __future__ import annotations

import math

import pandas as pd

from .. import palette
from ._style import (
    DISPUTED_FACE,
    DISPUTED_HATCH,
    HELMANDI_NETWORKS,
    NETWORK_LABELS,
    UNKNOWN_COLOUR,
    _compact,
    _finish,
    _get_ax,
    _literal,
    _mark,
    _num,
    styled,
)
from ._tables import _first_block, _int_counts, _require, _require_afghan, _roster_words, _source_line
from ..groupings import vocabulary
from ..representation import representation

def _network_label(tag) -> str:
    return _literal(palette.label("network", tag))


def _persons(t, groups) -> dict | None:
    """Person -> the networks he surely belongs to, read from the ``members`` lists (None without them).

    Appointees of the disputed and unknown rows are left out here: they get hatched and grey squares.
    """
    if "members" not in t.columns:
        return None
    rows = t[t["status"] == "group"]
    if rows["count"].sum() > 0 and not rows["members"].fillna("").str.strip().any():
        return None  # a long roster: no member lists
    aside = set()
    for cell in t.loc[t["status"].isin(["disputed", "unknown"]), "members"].fillna(""):
        aside |= {x.strip() for x in str(cell).split(";") if x.strip()}
    out: dict[str, list[str]] = {}
    for g in groups:
        cell = rows.loc[rows["group"] == g, "members"]
        for name in (x.strip() for x in str(cell.iloc[0] if len(cell) else "").split(";")):
            if name and name not in aside:
                out.setdefault(name, []).append(g)
    return out


def _disputed_candidates(t) -> dict:
    """Name of each disputed appointee -> the groups he may belong to (from possible_members)."""
    out: dict[str, list[str]] = {}
    if "possible_members" not in t.columns:
        return out
    for g, cell in zip(t.loc[t["status"] == "group", "group"], t.loc[t["status"] == "group", "possible_members"]):
        for name in (x.strip() for x in str(cell or "").split(";")):
            if name:
                out.setdefault(name, []).append(g)
    return out


@styled
def plot_network_waffle(data=None, *, ax=None, caption=False, title=None):
    """A waffle of the seats: one square per appointee, coloured by network.

    Squares fill column by column, largest network first; appointees whose
    network is disputed are hatched and those whose network is unknown are
    grey, so the chart always has as many squares as the roster has people.
    Membership is plural: a man of two networks gets one square split into
    two stripes, and counts in each (the legend's counts can add up to more
    than the roster).

    Parameters
    ----------
    data : DataFrame, optional
        ``representation(by="network")`` (default). Counts must be whole
        numbers (unweighted).
    ax : matplotlib Axes, optional
    caption : bool
    title : str, optional
        Replace the chart's own title (the finding).

    Raises
    ------
    ValueError
        For a table that is not of the Afghan network codes (another body's
        roster): the title counts the Helmandi networks, which mean nothing
        there; the message names the chart to use instead.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Patch, Rectangle

    if data is None:
        data = representation(by="network")
    _require(data, ["group", "status", "count", "n"], "plot_network_waffle")

    _require_afghan(data, what="plot_network_waffle", grouping="network", vocabulary=set(vocabulary("network")),
                    instead="plot_region_gap(representation(roster, by=COLUMN, baseline=...)), which draws any "
                            "grouping against your own baseline")
    t = _first_block(data).reset_index(drop=True)
    ax = _get_ax(ax)
    n = int(_int_counts([t["n"].iloc[0]], "plot_network_waffle")[0])
    groups = t[(t["status"] == "group") & (t["count"] > 0)].copy()
    groups["_c"] = _int_counts(groups["count"], "plot_network_waffle")
    groups = groups.sort_values(["_c", "group"], ascending=[False, True], kind="stable")
    n_disputed = int(_int_counts(t.loc[t["status"] == "disputed", "count"], "plot_network_waffle").sum())
    n_unknown = int(_int_counts(t.loc[t["status"] == "unknown", "count"], "plot_network_waffle").sum())

    colours = {g: palette.colour("network", g, default=palette.ROSTER_CYCLE[-1]) for g in groups["group"]}
    cells = []  # (kind, key): key is a network, or for a person the tuple of his networks
    persons = _persons(t, list(groups["group"]))
    if persons is not None:  # one square per person; a member of several networks gets a split square
        rank = {g: i for i, g in enumerate(groups["group"])}
        for name, nets in sorted(persons.items(), key=lambda kv: (rank[kv[1][0]], len(kv[1]), kv[0])):
            cells.append(("person", tuple(nets)))
    else:
        for g, c in zip(groups["group"], groups["_c"]):
            cells += [("group", g)] * int(c)
    cells += [("disputed", None)] * n_disputed + [("unknown", None)] * n_unknown
    n_plural = sum(1 for kind, key in cells if kind == "person" and len(key) > 1)
    total = len(cells)
    if total != n:
        # a table whose rows do not add up to n: still draw every seat the table reports
        n = max(n, total)
    compact = _compact(ax)
    per_row = 8 if compact else 17
    n_rows = max(1, int(math.ceil(total / per_row)))
    n_cols = max(1, int(math.ceil(total / n_rows)))
    size, gap = 1.0, 0.16
    plain, hatched = [], []
    face, entities = [], []
    for i, (kind, key) in enumerate(cells):
        row, col = divmod(i, n_cols)  # fill row by row, largest network first
        x0, y0 = col * (size + gap), -(row * (size + gap))
        rect = Rectangle((x0, y0), size, size)
        if kind == "disputed":
            hatched.append(rect)
        elif kind == "person":
            for j, net in enumerate(key):  # one vertical stripe per network he belongs to
                plain.append(Rectangle((x0 + j * size / len(key), y0), size / len(key), size))
                face.append(colours[net])
                entities.append(("network", net))
        else:
            plain.append(rect)
            face.append(colours[key] if kind == "group" else UNKNOWN_COLOUR)
            entities.append(("network", key) if kind == "group" else ("status", "unknown"))
    _mark(ax.add_collection(PatchCollection(plain, facecolor=face, edgecolor="white", linewidth=0.8)), *entities)
    if hatched:
        ax.add_collection(PatchCollection(hatched, facecolor=DISPUTED_FACE, edgecolor=DISPUTED_HATCH,
                                          hatch="////", linewidth=0.6))
    width = n_cols * (size + gap) - gap
    ax.set_xlim(-0.1, width + 0.1)
    ax.set_ylim(-(n_rows - 1) * (size + gap) - 0.1, size + 0.1)
    ax.set_aspect("equal")
    ax.set_anchor("NW")
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(False)

    handles = [Patch(facecolor=colours[g], label=f"{_network_label(g)} {_num(c)}")
               for g, c in zip(groups["group"], groups["_c"])]
    if n_disputed:
        cands = _disputed_candidates(t)
        label = f"disputed {n_disputed}"
        if cands and len(cands) <= 2 and not compact:
            label += "".join(f" ({_literal(name)}: {' or '.join(_network_label(g) for g in groups_)})"
                             for name, groups_ in cands.items())
        handles.append(Patch(facecolor=DISPUTED_FACE, edgecolor=DISPUTED_HATCH, hatch="////", linewidth=0.6,
                             label=label))
    if n_unknown:
        handles.append(Patch(facecolor=UNKNOWN_COLOUR, label=f"unknown {n_unknown}"))
    helm = t[(t["status"] == "group") & t["group"].isin(HELMANDI_NETWORKS)]
    h_known = float(helm["count"].sum()) if len(helm) else 0.0
    h_max = float(helm["count_max"].max()) if len(helm) and "count_max" in helm.columns else None

    top, top_c = (groups["group"].iloc[0], int(groups["_c"].iloc[0])) if len(groups) else (None, 0)
    if top is None:
        titles = [f"No network is known for any of the {n}"]
    else:
        name = _network_label(top)
        half = ", more than half" if top_c > n / 2 else ""
        titles = [f"At least {top_c} of the {n} belong to the {name}{half}",
                  f"At least {top_c} of {n}: {NETWORK_LABELS.get(str(top), name)}",
                  f"At least {top_c} of {n}: {palette.short_label('network', top)}"]
    people = _roster_words(t, n)
    subtitle = [f"Factional network of {people}, one square per person; a member of two networks has a split "
                "square.", f"Network of {people}, one square each.", "One square per person."]
    counts = ""
    memberships = int(sum(len(key) for kind, key in cells if kind == "person")) if persons is not None else None
    if n_plural and memberships is not None:
        counts = (f"The legend counts {memberships + n_disputed + n_unknown} memberships for {n} people: "
                  f"{n_plural} {'belongs' if n_plural == 1 else 'belong'} to more than one network.")
    notes = "Network tags from the roster, each with its sources (appointees.csv, network_sources)."
    if h_max is not None and not pd.isna(h_max):
        notes += (f" The Helmandi Ishaqzai and Alizai networks: {_num(h_known)} known, at most {_num(h_max)} if every "
                  "unknown and disputed tag fell in one.")
    _finish(ax, title=titles, subtitle=subtitle, handles=handles, counts=counts, source=_source_line(t),
            notes=_literal(notes), caption=caption, user_title=title)
    return ax
