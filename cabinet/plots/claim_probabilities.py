"""The claims against the assumptions: how likely each claim is under each assumption about the unknowns.

Drawn with seaborn's ``heatmap``: one row per claim, one column per assumption. Under ``bounds`` a
cell shows the range the unknowns allow (0 to 1 for an undetermined claim); under an assumption it
shows the probability that the claim holds, and an empty cell where the assumption has nothing to say.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import seaborn as sns

from ._style import (
    TEXT_COLOUR,
    _LABEL_SIZE,
    _NOTE_SIZE,
    _add_caption,
    _get_ax,
    _header,
    _labels,
    _literal,
    _title,
    styled,
)
from ._tables import _require
from ..claim_likelihood import claim_probabilities

_COLUMNS = ["id", "assumption", "probability", "probability_low", "probability_high", "verdict"]
_NAMES = {"bounds": "Bounds\n(no assumption)", "like_known": "Like the\nknown", "population": "In proportion to\nthe population",
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
    cmap = sns.color_palette("blend:#D55E00,#F0F0F0,#0072B2", as_cmap=True)
    sns.heatmap(values.astype(float), ax=ax, cmap=cmap, vmin=0, vmax=1, annot=labels.to_numpy(), fmt="",
                annot_kws={"fontsize": _NOTE_SIZE, "color": TEXT_COLOUR}, linewidths=1.5, linecolor="white",
                cbar_kws={"label": "Probability that the claim holds", "shrink": 0.8})
    ax.set_xticklabels([_NAMES.get(a, _literal(a)) for a in order], rotation=0, fontsize=_LABEL_SIZE)
    ax.set_yticklabels(claims, rotation=0, fontsize=_LABEL_SIZE)
    ax.set_xlabel("")
    ax.set_ylabel("Claim", fontsize=_LABEL_SIZE)
    open_claims = t[(t["assumption"] == "bounds") & (t["probability_low"] < t["probability_high"])]["id"].tolist()
    if open_claims:
        default = (f"{len(open_claims)} of {len(claims)} claims turn on unknown tags; how likely they are "
                   f"depends on the assumption")
    else:
        default = f"All {len(claims)} claims are settled by sourced values"
    subtitle = ("The verdicts never use these figures: a cell under an assumption is the probability that the claim "
                "holds if the unknown tags resolve that way; under the bounds, the range the unknowns allow.")
    _header(ax, _title(default, title), subtitle)
    _labels(ax, xlabel=xlabel, ylabel=ylabel)
    if caption:
        import re

        # the prior's name without its parameters ("Jeffreys' prior"), when the table has one
        names = {re.sub(r" (Beta|Dirichlet)\(.*", "", str(p)) for p in t.get("prior", pd.Series(dtype=str)) if isinstance(p, str) and p}
        prior = f" ({names.pop()})" if len(names) == 1 else ""
        _add_caption(ax, "Like the known: an appointee of unknown tag resembles the known appointees of his rank, "
                         f"their shares uncertain{prior}; the open appointees are drawn together. In proportion to "
                         "the population: his home follows the population, a disputed birthplace weighted by its "
                         "candidate provinces (no share exists for Iran alignment). Each man has one home. Source: "
                         "cabinet.claim_probabilities.")
    return ax
