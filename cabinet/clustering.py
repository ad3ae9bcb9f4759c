"""How far the exact probabilities move when posts are handed out in blocks rather than one by one.

Every probability the package prints (``p_le_count`` and its kin) compares
the cabinet with a lottery: each post drawn independently, in proportion to
the baseline. That lottery is a benchmark to measure the cabinet against,
not a model of how appointments are made. Posts go to networks in blocks: a
leader brings his men, a faction is given a ministry and its deputies. Such
clustering makes counts more variable than the binomial allows, so a count
far from the baseline is less surprising than the lottery says.

:func:`clustering_sensitivity` measures how much less. It replaces the
binomial count by the beta-binomial, the standard overdispersed binomial
(Skellam 1948; Williams 1975): the share a group gets is itself drawn from a
beta distribution with mean ``p`` (the baseline share), and any two posts
are correlated with intra-class correlation ``rho``, which the user sets.
The beta's parameters are ``a = p (1 - rho) / rho`` and
``b = (1 - p) (1 - rho) / rho``; the count has mean ``n p`` and variance
``n p (1 - p) (1 + (n - 1) rho)``, the binomial's times the design effect
``1 + (n - 1) rho`` (Kish 1965). At ``rho = 0`` it is the binomial. The
probabilities are ``scipy.stats.betabinom``'s.

``rho`` is not estimated from the data (33 posts cannot tell clustering
from a gap): it is a what-if. At ``rho = 0.05`` a cabinet of 33 varies as
much as an independent one of 33 / 2.6 = 13 posts; at ``0.1`` as one of 8.

References: Skellam, J. G. (1948). A probability distribution derived from
the binomial distribution by regarding the probability of success as
variable between the sets of trials. *Journal of the Royal Statistical
Society B*, 10(2), 257-261. Williams, D. A. (1975). The analysis of binary
responses from toxicological experiments involving reproduction and
teratogenicity. *Biometrics*, 31(4), 949-952. Kish, L. (1965). *Survey
Sampling*. New York: Wiley.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np
import pandas as pd
from . import gaps
from .groupings import with_home
from .representation import representation
from .rosters import load_roster, takes_roster

__all__ = ["beta_binomial_cdf", "beta_binomial_sf", "clustering_sensitivity", "headline_sensitivity", "ICC",
           "SENSITIVITY_COLUMNS"]

#: The intra-class correlations shown by default: none, 0.05 and 0.1.
ICC = (0.0, 0.05, 0.1)

#: Columns of :func:`clustering_sensitivity`, in order.
SENSITIVITY_COLUMNS = [
    "group", "count", "count_max", "n", "baseline_share", "icc", "design_effect", "a", "b", "p_le_count",
    "p_le_count_max", "p_ge_count", "p_ge_count_max", "p_le_count_binomial", "ratio_le_count",
]


def _check_icc(icc) -> float:
    if isinstance(icc, bool) or not isinstance(icc, (int, float, np.floating, np.integer)):
        raise TypeError(f"icc must be a number; got {icc!r}")
    icc = float(icc)
    if not 0.0 <= icc < 1.0:
        raise ValueError(f"icc (the intra-class correlation) must be at least 0 and below 1; got {icc!r}")
    return icc


def _ab(p: float, icc: float) -> tuple[float, float]:
    """The beta's parameters of a beta-binomial with mean share ``p`` and intra-class correlation ``icc``."""
    return p * (1 - icc) / icc, (1 - p) * (1 - icc) / icc


def beta_binomial_cdf(k, n: int, p: float, icc: float) -> float:
    """``P(X <= k)`` for the count of ``n`` posts with mean share ``p`` and intra-class correlation ``icc``.

    ``scipy.stats.betabinom(n, a, b).cdf(k)`` with ``a = p (1 - icc) / icc``
    and ``b = (1 - p) (1 - icc) / icc``; at ``icc = 0`` (or a share of 0
    or 1, where nothing varies) ``scipy.stats.binom(n, p).cdf(k)``.

    Parameters
    ----------
    k : int
        The count.
    n : int
        Number of posts.
    p : float
        Mean share (the baseline share), between 0 and 1.
    icc : float
        Intra-class correlation of two posts, at least 0 and below 1.

    Returns
    -------
    float

    Examples
    --------
    >>> round(beta_binomial_cdf(0, 33, 0.18, 0.0), 5)   # the binomial: 0.82 ** 33
    0.00143
    >>> round(beta_binomial_cdf(0, 33, 0.18, 0.1), 4)   # posts in blocks: nobody from the group is less rare
    0.0672
    """
    from scipy import stats

    icc = _check_icc(icc)
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must be a share between 0 and 1; got {p!r}")
    if icc == 0.0 or p in (0.0, 1.0):
        return float(stats.binom.cdf(k, n, p))
    a, b = _ab(p, icc)
    return float(stats.betabinom.cdf(k, n, a, b))


def beta_binomial_sf(k, n: int, p: float, icc: float) -> float:
    """``P(X >= k)``, the upper tail, as :func:`beta_binomial_cdf` gives the lower.

    Parameters
    ----------
    k : int
        The count.
    n : int
        Number of posts.
    p : float
        Mean share (the baseline share), between 0 and 1.
    icc : float
        Intra-class correlation of two posts, at least 0 and below 1.

    Returns
    -------
    float

    Examples
    --------
    >>> round(beta_binomial_sf(12, 33, 0.2, 0.0), 4), round(beta_binomial_sf(12, 33, 0.2, 0.1), 4)
    (0.0216, 0.1547)
    """
    return 1.0 - beta_binomial_cdf(k - 1, n, p, icc) if k > 0 else 1.0


@takes_roster("data")
def clustering_sensitivity(data=None, by="region", *, icc: Sequence[float] = ICC, baseline=None,
                           scheme: str = "commentary", hazarajat: str = "core", home: str | None = None,
                           groups: Sequence[str] | None = None) -> pd.DataFrame:
    """The exact probabilities of a table again, with posts handed out in blocks of intra-class correlation ``icc``.

    Parameters
    ----------
    data : DataFrame, optional
        A table of :func:`cabinet.representation` or of a named gap
        (:func:`cabinet.west_southwest_gap` ...), or a roster (then
        ``representation(data, by, ...)`` is computed); default the 33.
    by, baseline, scheme, hazarajat, home
        As in :func:`cabinet.representation`, when ``data`` is a roster.
    icc : sequence of float
        The intra-class correlations to show (default 0, 0.05 and 0.1); 0 is
        the binomial the tables print.
    groups : sequence of str, optional
        The groups to keep (default every group with a baseline share; a gap
        table's target rows).

    Returns
    -------
    pandas.DataFrame
        One row per group and ``icc`` (:data:`SENSITIVITY_COLUMNS`): the
        counts and baseline share of the table; ``design_effect``
        ``1 + (n - 1) icc``; ``a``, ``b`` the beta's parameters (NaN at 0);
        ``p_le_count``, ``p_le_count_max``, ``p_ge_count``, ``p_ge_count_max``
        as in :func:`cabinet.representation` but beta-binomial;
        ``p_le_count_binomial`` the binomial value (``icc = 0``) and
        ``ratio_le_count`` how many times larger the clustered probability
        is. A gap against a baseline range (the movement's pool) is read at
        its ``baseline_share``. Weighted counts give NaN.

    Notes
    -----
    The lottery null is a benchmark, not a model of how appointments are
    made; this table says how far its verdicts move if posts come in blocks.
    See the module docstring for the model and its references.

    Examples
    --------
    >>> from cabinet import west_southwest_gap
    >>> t = clustering_sensitivity(west_southwest_gap(), groups=["West+Southwest"])
    >>> t[["icc", "design_effect", "p_le_count"]].round(4)
        icc  design_effect  p_le_count
    0  0.00            1.0      0.0014
    1  0.05            2.6      0.0240
    2  0.10            4.2      0.0668
    """
    iccs = [_check_icc(x) for x in ([icc] if isinstance(icc, (int, float)) else icc)]
    if not iccs:
        raise ValueError("icc is empty; give at least one intra-class correlation, e.g. icc=(0, 0.05, 0.1)")
    table = _table(data, by, baseline, scheme, hazarajat, home)
    rows = _rows(table, groups)
    out = []
    for _, r in rows.iterrows():
        n, p = r["n"], float(r["baseline_share"])
        whole = all(float(x).is_integer() for x in (r["count"], r["count_max"], n))
        n_int = int(n) if whole else 0
        binom = beta_binomial_cdf(int(r["count"]), n_int, p, 0.0) if whole else math.nan
        for rho in iccs:
            a, b = _ab(p, rho) if rho > 0 and 0 < p < 1 else (math.nan, math.nan)
            le = beta_binomial_cdf(int(r["count"]), n_int, p, rho) if whole else math.nan
            out.append({
                "group": r["group"], "count": r["count"], "count_max": r["count_max"], "n": n,
                "baseline_share": p, "icc": rho, "design_effect": 1 + (float(n) - 1) * rho, "a": a, "b": b,
                "p_le_count": le,
                "p_le_count_max": beta_binomial_cdf(int(r["count_max"]), n_int, p, rho) if whole else math.nan,
                "p_ge_count": beta_binomial_sf(int(r["count"]), n_int, p, rho) if whole else math.nan,
                "p_ge_count_max": beta_binomial_sf(int(r["count_max"]), n_int, p, rho) if whole else math.nan,
                "p_le_count_binomial": binom,
                "ratio_le_count": le / binom if whole and binom > 0 else math.nan,
            })
    return pd.DataFrame(out, columns=SENSITIVITY_COLUMNS)


def _table(data, by, baseline, scheme, hazarajat, home) -> pd.DataFrame:
    if isinstance(data, pd.DataFrame) and {"count", "count_max", "n", "baseline_share", "status"} <= set(data.columns):
        return data

    return representation(data, by, baseline=baseline, scheme=scheme, hazarajat=hazarajat, home=home)


def _rows(table: pd.DataFrame, groups) -> pd.DataFrame:
    rows = table[table["baseline_share"].notna()]
    if groups is not None:
        missing = [g for g in groups if g not in set(rows["group"])]
        if missing:
            raise ValueError(f"no group {missing[0]!r} with a baseline share in the table; allowed: "
                             f"{', '.join(map(str, rows['group'].unique()))}")
        return rows[rows["group"].isin(list(groups))]
    if "target" in rows.columns:
        return rows[rows["target"].astype(bool)]
    return rows[rows["status"] == "group"]


#: The headline gaps: (label, gap function name, the row read, how the claims read home).
_HEADLINES = (
    ("West and southwest (C3, home by birth)", "west_southwest_gap", "West+Southwest", "birth"),
    ("Core Hazarajat", "hazarajat_gap", "Hazarajat", None),
    ("Helmandi networks", "helmandi_networks_gap", "helmandi_ishaqzai+helmandi_alizai", None),
)


@takes_roster("roster")
def headline_sensitivity(roster: pd.DataFrame | None = None, *, icc: Sequence[float] = ICC) -> pd.DataFrame:
    """:func:`clustering_sensitivity` of the three headline gaps of the 33, against the population.

    The west and southwest together as claim C3 reads them (home by birth,
    where the roster records a birthplace), the core Hazarajat and the
    Helmandi networks, each against the population baseline its gap
    function uses by default.

    Parameters
    ----------
    roster : DataFrame, optional
        Default: the 33 of 7 September 2021.
    icc : sequence of float
        As in :func:`clustering_sensitivity`.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`clustering_sensitivity`, after a ``gap`` column
        naming the headline.

    Examples
    --------
    >>> t = headline_sensitivity()
    >>> t.groupby("gap", sort=False)["icc"].count().tolist()
    [3, 3, 3]
    """
    roster = load_roster() if roster is None else roster
    blocks = []
    for label, func, group, home in _HEADLINES:
        r = with_home(roster, home) if home and "birth_province" in roster.columns else roster
        kwargs = {"separate": False} if func == "west_southwest_gap" else {}
        table = getattr(gaps, func)(r, **kwargs)
        block = clustering_sensitivity(table, icc=icc, groups=[group])
        block.insert(0, "gap", label)
        blocks.append(block)
    return pd.concat(blocks, ignore_index=True)
