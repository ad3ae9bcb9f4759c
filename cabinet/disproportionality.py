"""All disproportionality indices for one grouping of the roster, in one tidy table."""

from __future__ import annotations

import pandas as pd

from .representation import representation

__all__ = ["disproportionality"]


def disproportionality(roster: pd.DataFrame | None = None, by: str = "region", baseline=None, *,
                       scheme: str = "commentary", hazarajat: str = "core", weights="all",
                       n_draws: int = 100_000, seed: int = 0) -> pd.DataFrame:
    """Every index of :mod:`cabinet.indices` for the cabinet against a baseline.

    Only appointees whose tag for ``by`` is known take part (an index needs one
    group per seat); how many were left out is reported in ``n_excluded``.
    A known group the baseline does not list is folded into the baseline's
    ``Other`` group when it has one; otherwise a ValueError names it.

    Parameters
    ----------
    roster, by, baseline, scheme, hazarajat, weights
        As in :func:`cabinet.representation`; ``baseline`` must name a
        population or ethnic baseline, ``'all'``, or be a mapping.
    n_draws : int
        Random cabinets drawn for the Monte Carlo columns.
    seed : int
        Seed of the random draws (same seed, same result).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`cabinet.indices.disproportionality_table`
        (``index``, ``observed``, ``expected``, ``expected_method``, ``p95``,
        ``observed_minus_expected``, ``p_value``, ``tail``, ``baseline_value``,
        ``n_seats``, ``n_draws``, ``seed``, ``reference``) plus ``by``,
        ``baseline``, ``baseline_label`` and ``n_excluded``; one block per
        baseline when ``baseline='all'``.

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
    from .indices import disproportionality_table

    table = representation(roster, by, scheme=scheme, baseline=baseline, weights=weights, hazarajat=hazarajat)
    if table["baseline_share"].isna().all():
        raise ValueError(f"no baseline for by={by!r}: pass baseline= (a mapping of group -> share)")
    blocks = []
    for name, block in table.groupby("baseline", sort=False):
        groups = block[block["status"] == "group"]
        excluded = float(block.loc[block["status"] != "group", "count"].sum())
        base = groups.set_index("group")["baseline_share"].dropna()
        counts = groups.set_index("group")["count"]
        extra = counts[~counts.index.isin(base.index) & (counts > 0)]
        if len(extra):
            if "Other" not in base.index:
                raise ValueError(f"baseline {name!r} lists no share for {sorted(extra.index)}; "
                                 f"allowed groups: {', '.join(base.index)}")
            counts = counts.copy()
            counts["Other"] = counts.get("Other", 0) + extra.sum()
        counts = counts.reindex(base.index).fillna(0).round().astype(int)
        t = disproportionality_table(counts, base, n_draws=n_draws, seed=seed)
        t["by"] = by
        t["baseline"] = name
        t["baseline_label"] = block["baseline_label"].iloc[0]
        t["n_excluded"] = excluded
        blocks.append(t)
    return pd.concat(blocks, ignore_index=True)
