"""The claims against the assumptions: how likely each claim is under each assumption about the unknowns.

Drawn with seaborn's ``heatmap``: one row per claim, one column per assumption. Under ``bounds`` a
cell shows the range the unknowns allow (0 to 1 for an undetermined claim); under an assumption it
shows the probability that the claim holds, and an empty cell where the assumption has nothing to say.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import seaborn as sns

from .. import palette
from ._style import (
    TEXT_COLOUR,
    _LABEL_SIZE,
    _NOTE_SIZE,
    _compact,
    _finish,
    _get_ax,
    _labels,
    _literal,
    styled,
)
from ._tables import _require
from ..claim_likelihood import claim_probabilities
from ..io.datapackage import descriptor

#: The shading of a probability: light (unlikely) to dark blue (likely); the text on a cell is chosen for contrast.
_CMAP = ("#F4F6F8", "#C6D7E8", "#7FA7CF", "#3C6FA8", "#1D3F6E")
_OPEN = "#E6E6E6"

_COLUMNS = ["id", "assumption", "probability", "probability_low", "probability_high", "verdict"]
_NAMES = {"bounds": "No assumption\n(bounds)", "like_known": "Like the\nknown", "population": "In proportion\nto the population",
          "priors": "Your\npriors"}


def _cell(row) -> str:
    if row["assumption"] == "bounds":
        lo, hi = row["probability_low"], row["probability_high"]
        return f"{lo:.0f}" if lo == hi else f"{lo:.0f} to {hi:.0f}"
    p = row["probability"]
    if pd.isna(p):
        return "no share"
    if p in (0, 1):
        return f"{p:.0f}"
    return f"{p:.2f}" if 0.005 <= p <= 0.995 else f"{p:.1g}"


@styled
def plot_claim_probabilities(data=None, *, ax=None, caption=False, title=None, xlabel=None, ylabel=None):
    """How likely each claim is to hold, under each assumption about the unknowns (a heatmap).

    Parameters
    ----------
    data : DataFrame, optional
        A table of :func:`cabinet.claim_probabilities`; default: its default table (bounds, like the
        known, in proportion to the population).
    ax : matplotlib Axes, optional
    caption : bool
        Write below the axes what the assumptions mean.
    title, xlabel, ylabel : str, optional
        Replace the chart's own title and axis labels.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from cabinet.plots import plot_claim_probabilities
    >>> ax = plot_claim_probabilities()
    >>> [t.get_text() for t in ax.get_yticklabels()][:2]
    ['C1', 'C2']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    if data is None:
        data = claim_probabilities()
    _require(data, _COLUMNS, "plot_claim_probabilities")
    ax = _get_ax(ax)
    t = data.copy()
    order = list(dict.fromkeys(t["assumption"]))
    claims = list(dict.fromkeys(t["id"]))
    # the colour: the probability, or under bounds the midpoint of the range (0.5 for an open claim)
    t["value"] = np.where(t["assumption"] == "bounds", (t["probability_low"] + t["probability_high"]) / 2,
                          t["probability"])
    t["label"] = [_cell(r) for _, r in t.iterrows()]
    values = t.pivot(index="id", columns="assumption", values="value").reindex(index=claims, columns=order)
    labels = t.pivot(index="id", columns="assumption", values="label").reindex(index=claims, columns=order)
    from matplotlib.colors import LinearSegmentedColormap

    cmap = LinearSegmentedColormap.from_list("cabinet_probability", list(_CMAP))
    bounds_open = (t["assumption"] == "bounds") & (t["probability_low"] < t["probability_high"])
    shade = values.astype(float).copy()
    open_cells = set()
    for _, r in t[bounds_open].iterrows():
        shade.at[r["id"], r["assumption"]] = np.nan  # an open range: grey, not the colour of its midpoint
        open_cells.add((r["id"], r["assumption"]))
    sns.heatmap(shade, ax=ax, cmap=cmap, vmin=0, vmax=1, annot=False, linewidths=1.5, linecolor="white", cbar=False)
    from matplotlib.patches import Rectangle

    for i, claim in enumerate(claims):
        for j, a_ in enumerate(order):
            text = labels.at[claim, a_]
            if pd.isna(text):
                continue
            v = shade.at[claim, a_]
            if (claim, a_) in open_cells:
                ax.add_patch(Rectangle((j, i), 1, 1, facecolor=_OPEN, edgecolor="white", linewidth=1.5, zorder=1))
                fg = TEXT_COLOUR
            elif pd.isna(v):  # the assumption has nothing to say (no population share for the claim)
                fg = palette.MUTED
            else:
                r, g, b, _ = cmap(float(v))
                bg = "#%02X%02X%02X" % (round(r * 255), round(g * 255), round(b * 255))
                fg = "#FFFFFF" if palette.contrast("#FFFFFF", bg) >= palette.contrast(TEXT_COLOUR, bg) else TEXT_COLOUR
            ax.text(j + 0.5, i + 0.5, text, ha="center", va="center", fontsize=_NOTE_SIZE + 0.5, color=fg, zorder=3)
    ax.set_xticks(np.arange(len(order)) + 0.5, [_NAMES.get(a_, _literal(a_)) for a_ in order], rotation=0,
                  fontsize=_LABEL_SIZE)
    ax.set_yticks(np.arange(len(claims)) + 0.5, claims, rotation=0, fontsize=_LABEL_SIZE)
    ax.tick_params(length=0)
    ax.set_xlabel("")
    ax.set_ylabel("Claim", fontsize=_LABEL_SIZE)
    bounds = t[t["assumption"] == "bounds"]
    held = int(((bounds["probability_low"] == 1) & (bounds["probability_high"] == 1)).sum())
    failed = int(((bounds["probability_low"] == 0) & (bounds["probability_high"] == 0)).sum())
    open_n = len(claims) - held - failed
    if open_n:
        titles = [f"{held} of {len(claims)} claims hold whatever the unknowns are; {open_n} turn on them",
                  f"{held} of {len(claims)} claims hold; {open_n} turn on the unknowns",
                  f"{open_n} of {len(claims)} claims turn on the unknowns"]
        if failed:
            titles.insert(0, f"{held} of {len(claims)} claims hold, {failed} fail whatever the unknowns are; "
                             f"{open_n} turn on them")
    else:
        titles = [f"All {len(claims)} claims are settled by sourced values"]
    subtitle = ["Probability that each claim holds if the unknown tags resolve as each column assumes; the verdicts "
                "never use these figures.", "Probability that each claim holds under each assumption."]
    import re

    # the prior's name without its parameters ("Jeffreys' prior"), when the table has one
    names = {re.sub(r" (Beta|Dirichlet)\(.*", "", str(p)) for p in t.get("prior", pd.Series(dtype=str))
             if isinstance(p, str) and p}
    prior = f" ({names.pop()})" if len(names) == 1 else ""
    notes = ("Like the known: an appointee of unknown tag resembles the known appointees of his rank, their shares "
             f"uncertain{prior}; the open appointees are drawn together. In proportion to the population: his home "
             "follows the population, a disputed birthplace weighted by its candidate provinces (no share exists for "
             "Iran alignment). Each man has one home. Grey: the range the unknowns allow, with no assumption.")

    source = [f"Source: claims of A. Giustozzi (RUSI), checked against the cabinet data package "
              f"{descriptor().get('version', '?')}.", f"Source: cabinet data package {descriptor().get('version', '?')}."]
    _labels(ax, xlabel=xlabel, ylabel=ylabel)
    _finish(ax, title=titles, subtitle=subtitle, source=source, notes=notes, caption=caption, user_title=title)
    return ax
