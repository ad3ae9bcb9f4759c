"""What a baseline is: the share of every group it expects, with the bounds and sources behind them.

:class:`Baseline` is built by :mod:`cabinet.baselines` (population, ethnic
estimates, a user's figures) and :mod:`cabinet.movement_baselines` (the
movement's cadre pool), and read by :func:`cabinet.representation`.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["Baseline"]

class Baseline:
    """Shares per group, with optional low/high bounds and provenance.

    Attributes
    ----------
    name : str
        Short id (``nsia_1398``, an ``estimate_id``, or ``user``).
    label : str
        Human-readable description naming the source.
    share, low, high : pandas.Series
        Indexed by group, on the 0-1 scale. ``low``/``high`` equal ``share``
        where the source gives a point figure.
    sources : str
        Source ids (``;``-separated) behind the figures.
    note : str
        Any imputation or assumption, in words ("" if none).
    """

    def __init__(self, name, label, share, low=None, high=None, sources="", note="", residual=None):
        #: For an estimate that lists only some groups: (share, low, high) of every group it does not list.
        self.residual = residual
        #: A user's shares as given (not rescaled): membership rates, used where membership is plural.
        self.rates = None
        self.name = name
        self.label = label
        self.share = pd.Series(share, dtype="float64")
        self.low = self.share.copy() if low is None else pd.Series(low, dtype="float64").reindex(self.share.index)
        self.high = self.share.copy() if high is None else pd.Series(high, dtype="float64").reindex(self.share.index)
        self.sources = sources
        self.note = note

    def __repr__(self):
        return f"Baseline({self.name!r}, {len(self.share)} groups)"
