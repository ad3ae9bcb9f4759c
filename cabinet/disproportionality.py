"""All disproportionality indices for one grouping of the roster, in one tidy table."""

from __future__ import annotations

import pandas as pd

import numpy as np

from .baselines import RESIDUAL_GROUP
from .representation import representation

__all__ = ["disproportionality"]


def disproportionality(roster: pd.DataFrame | None = None, by: str = "region", baseline=None, *,
                       scheme: str = "commentary", hazarajat: str = "core", weights="all",
                       n_draws: int = 100_000, seed: int = 0, home: str | None = None) -> pd.DataFrame:
    """Every index of :mod:`cabinet.indices` for the cabinet against a baseline.

    The indices use the complete cases: only appointees whose tag for ``by``
    is known and undisputed take part (an index needs one group per seat);
    how many were left out is reported in ``n_excluded``, and ``view`` says
    ``complete cases``. (For counts with the unknowns kept as bounds, see
    :func:`cabinet.representation`, whose ``share_known`` column is the same
    complete-case view.) The groups a published estimate does not name are
    counted together against its remainder (the ``residual`` row of
    :func:`cabinet.representation`); a user's baseline must give every group
    of the roster a share.

    Parameters
    ----------
    roster, by, baseline, scheme, hazarajat, weights, home
        As in :func:`cabinet.representation`; ``baseline`` must name a
        population or ethnic baseline, ``'all'``, or be a mapping.
    n_draws : int
        Random cabinets drawn for the Monte Carlo columns.
    seed : int
        Seed of the random draws (same seed, same result).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`cabinet.null_distributions.disproportionality_table`
        (``index``, ``observed``, ``expected``, ``expected_method``, ``p95``,
        ``observed_minus_expected``, ``p_value``, ``tail``, ``baseline_value``,
        ``n_seats``, ``n_draws``, ``seed``, ``reference``) plus ``by``,
        ``baseline``, ``baseline_label``, ``n_excluded`` and ``view``; one
        block per baseline when ``baseline='all'``. Monte Carlo p-values are
        ``(k + 1) / (n_draws + 1)``, never 0.

    See Also
    --------
    cabinet.representation : the counts, bounds and exact tests per group.

    Examples
    --------
    >>> from cabinet import disproportionality
    >>> table = disproportionality(by="region", n_draws=2_000, seed=0)
    >>> table["index"].tolist()[:3]
    ['loosemore_hanby', 'rose', 'gallagher']
    >>> lh = table.set_index("index").loc["loosemore_hanby"]
    >>> int(lh["n_seats"] + lh["n_excluded"])   # appointees of unknown or disputed region sit out
    33
    >>> bool(0 <= lh["p_value"] <= 1)
    True
    """
    from .null_distributions import disproportionality_table

    from .groupings import with_home
    from .rosters import load_roster
    from .group_counts import group_alternatives

    roster = with_home(load_roster() if roster is None else roster, home)
    # An index needs one group per seat: an appointee in several groups at once (plural membership, or
    # born in one region of a family from another) sits out with the unknown and disputed.
    alts = group_alternatives(roster, by, scheme=scheme, hazarajat=hazarajat)
    several = np.array([len(a) == 1 and len(a[0]) > 1 for a in alts])
    table = representation(roster[~several] if several.any() else roster, by, scheme=scheme, baseline=baseline,
                           weights=weights, hazarajat=hazarajat)
    if table["baseline_share"].isna().all():
        raise ValueError(f"no baseline for by={by!r}: pass baseline= (a mapping of group -> share)")
    blocks = []
    for name, block in table.groupby("baseline", sort=False):
        groups = block[block["status"] == "group"]
        n_known = float(block["n_known"].iloc[0])
        excluded = float(block["n"].iloc[0]) - n_known + int(several.sum())
        base = groups.set_index("group")["baseline_share"].dropna()
        # the complete cases of each group (a disputed appointee sits out even where one group is certain)
        complete = (groups.set_index("group")["share_known"] * n_known).reindex(base.index)
        counts = complete
        residual = block[block["status"] == "residual"]
        if len(residual):  # the groups an estimate does not name, together, against its remainder
            base[RESIDUAL_GROUP] = float(residual["baseline_share"].iloc[0])
            counts[RESIDUAL_GROUP] = float(residual["share_known"].iloc[0]) * n_known
        counts = counts.fillna(0).round().astype(int)
        t = disproportionality_table(counts, base, n_draws=n_draws, seed=seed)
        t["by"] = by
        t["baseline"] = name
        t["baseline_label"] = block["baseline_label"].iloc[0]
        t["n_excluded"] = excluded
        t["view"] = "complete cases"
        blocks.append(t)
    return pd.concat(blocks, ignore_index=True)
