"""Weights of appointees: every post counts once, or some count more.

:func:`apply_weights` turns a weighting scheme (``"all"``, ``"ministers"``,
``"top"``, ``"rank"``, ``"prestige"``) or a numeric column of the roster into
one weight per appointee. Whole-number weights keep exact tests exact.

``"rank"`` weighs a post by its position class; ``"prestige"`` by the prestige
class of its portfolio in the WhoGov data set (Nyrup and Bramwell 2020, online
appendix, Table H1, adapted from Krook and O'Brien 2012). The portfolio table
(:func:`load_portfolio_prestige`) and the portfolio of every post title of the
bundled rosters (:func:`portfolio_classes`) are small CSV files bundled with
the package.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import warnings
from importlib import resources

import numpy as np
import pandas as pd

from .groupings import foreign_values, suggest


__all__ = [
    "apply_weights",
    "WEIGHTS",
    "POSITION_CLASSES",
    "RANK_WEIGHTS",
    "PRESTIGE_WEIGHTS",
    "NO_PORTFOLIO_WEIGHT",
    "load_portfolio_prestige",
    "portfolio_classes",
]

#: Named weighting schemes (a column name of the roster is accepted too).
WEIGHTS = ("all", "ministers", "top", "rank", "prestige")


#: Position classes of the codebook (what ``weights='ministers'`` and ``'top'`` know).
POSITION_CLASSES = ("prime_minister", "deputy_prime_minister", "minister", "deputy_minister", "agency_head",
                    "military", "head_of_state", "vice_president")


MINISTERS_AND_ABOVE = ("prime_minister", "deputy_prime_minister", "minister", "head_of_state", "vice_president")


#: ``weights='rank'``: the weight of each position class. WhoGov counts cabinet ministers, prime ministers,
#: presidents, vice presidents and vice prime ministers as its "core" members and separates full-rank from junior
#: ministers and directors from deputy directors of government agencies; the three whole-number steps
#: (core 3, heads of agencies and the army 2, deputies 1) are the package's choice.
RANK_WEIGHTS = {"head_of_state": 3, "vice_president": 3, "prime_minister": 3, "deputy_prime_minister": 3,
                "minister": 3, "agency_head": 2, "military": 2, "deputy_minister": 1}

#: ``weights='prestige'``: the weight of each prestige class of WhoGov's Table H1 (the package's whole numbers).
PRESTIGE_WEIGHTS = {"high": 3, "medium": 2, "low": 1}

#: ``weights='prestige'``: the weight of a post with no portfolio (head of state or government, a vice president,
#: a deputy prime minister), which WhoGov's table does not class; the package counts it as a high-prestige post.
NO_PORTFOLIO_WEIGHT = 3

#: The portfolio of a post of no portfolio (head of state or government, or a deputy) and of a title that names no
#: portfolio of Table H1.
NO_PORTFOLIO, UNCLASSIFIED = "none", "unclassified"


def _read_csv(name: str) -> list[dict]:
    text = resources.files("cabinet").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


@functools.lru_cache(maxsize=None)
def _prestige_of() -> dict[str, str]:
    return {row["portfolio"]: row["prestige"] for row in _read_csv("portfolio_prestige.csv")}


@functools.lru_cache(maxsize=None)
def _post_portfolios() -> dict[str, tuple[str, str]]:
    return {row["post"]: (row["portfolio"], row["basis"]) for row in _read_csv("post_portfolios.csv")}


def load_portfolio_prestige() -> pd.DataFrame:
    """WhoGov's 42 portfolios and their prestige class (high, medium, low), with the source.

    Returns
    -------
    pandas.DataFrame
        Columns ``portfolio``, ``prestige``, ``source`` and ``url``: Table H1 of the online appendix of
        Nyrup and Bramwell (2020), "Who Governs? A New Global Dataset on Members of Cabinets", *American
        Political Science Review* 114(4), whose prestige classes adapt Krook and O'Brien (2012).

    Examples
    --------
    >>> table = load_portfolio_prestige()
    >>> len(table), table["prestige"].value_counts().to_dict()
    (42, {'medium': 27, 'low': 11, 'high': 4})
    """
    return pd.DataFrame(_read_csv("portfolio_prestige.csv"))


def _folded(values) -> dict[str, str]:
    return {str(v).strip().casefold(): v for v in values}


def portfolio_classes(roster: pd.DataFrame) -> pd.DataFrame:
    """The portfolio and prestige class of every post of a roster, and where each comes from.

    A roster's own ``prestige`` column (high, medium, low) is used first, then its own ``portfolio`` column
    (WhoGov's portfolio names, :func:`load_portfolio_prestige`, or ``none`` for a post with no portfolio), then
    the portfolio the package gives each post title of the bundled rosters (``post`` column). A post that none
    of these classes is ``unclassified``: it is reported, never guessed.

    Returns
    -------
    pandas.DataFrame
        Aligned with ``roster``: ``post`` (when the roster has one), ``portfolio``, ``prestige`` (high, medium,
        low, ``none`` for a post with no portfolio, ``unclassified``) and ``basis`` (how it was classed).

    Examples
    --------
    >>> from cabinet import load_roster
    >>> classes = portfolio_classes(load_roster())
    >>> classes["prestige"].value_counts().sort_index().to_dict()
    {'high': 12, 'medium': 12, 'none': 3, 'unclassified': 6}
    >>> classes.loc[classes["post"] == "Acting Minister of Foreign Affairs", ["portfolio", "prestige"]].values.tolist()
    [['Foreign Relations', 'high']]
    """
    prestige_of = _prestige_of()
    index = roster.index
    out = pd.DataFrame(index=index)
    if "post" in roster.columns:
        out["post"] = roster["post"].astype(object).to_numpy()
    if "prestige" in roster.columns:
        allowed = list(PRESTIGE_WEIGHTS) + [NO_PORTFOLIO, UNCLASSIFIED]
        classes = []
        for pos, value in enumerate(roster["prestige"].tolist()):
            if value is None or (isinstance(value, float) and np.isnan(value)) or not str(value).strip():
                classes.append(UNCLASSIFIED)
                continue
            key = str(value).strip().casefold()
            if key not in allowed:
                raise ValueError(f"column 'prestige', row {pos + 1}: {value!r} is not a prestige class; allowed: "
                                 f"{', '.join(allowed)}{suggest(str(value), allowed)}")
            classes.append(key)
        out["portfolio"] = roster["portfolio"].astype(object).to_numpy() if "portfolio" in roster.columns else ""
        out["prestige"] = classes
        out["basis"] = "the roster's prestige column"
        return out
    if "portfolio" in roster.columns:
        names = _folded(list(prestige_of) + [NO_PORTFOLIO, UNCLASSIFIED])
        portfolios, classes = [], []
        for pos, value in enumerate(roster["portfolio"].tolist()):
            if value is None or (isinstance(value, float) and np.isnan(value)) or not str(value).strip():
                portfolios.append(UNCLASSIFIED)
                classes.append(UNCLASSIFIED)
                continue
            key = str(value).strip().casefold()
            if key not in names:
                raise ValueError(f"column 'portfolio', row {pos + 1}: {value!r} is not one of WhoGov's portfolios "
                                 f"(cabinet.weights.load_portfolio_prestige()) nor {NO_PORTFOLIO!r}"
                                 f"{suggest(str(value), list(names.values()))}")
            name = names[key]
            portfolios.append(name)
            classes.append(prestige_of.get(name, name))
        out["portfolio"] = portfolios
        out["prestige"] = classes
        out["basis"] = "the roster's portfolio column"
        return out
    if "post" not in roster.columns:
        raise ValueError("weights='prestige' needs a 'prestige' column (high, medium, low), a 'portfolio' column "
                         "(WhoGov's portfolio names) or the 'post' titles of the bundled rosters; this roster has none")
    known = _post_portfolios()
    found = [known.get(str(p), (UNCLASSIFIED, "unclassified: a post title the package has not classed"))
             for p in roster["post"].tolist()]
    out["portfolio"] = [f[0] for f in found]
    out["prestige"] = [prestige_of.get(f[0], f[0]) for f in found]
    out["basis"] = [f[1] for f in found]
    return out


def _prestige_weights(roster: pd.DataFrame) -> pd.Series:
    classes = portfolio_classes(roster)
    weight = {**PRESTIGE_WEIGHTS, NO_PORTFOLIO: NO_PORTFOLIO_WEIGHT, UNCLASSIFIED: 0}
    w = classes["prestige"].map(weight).astype(float)
    unclassified = classes["prestige"] == UNCLASSIFIED
    if unclassified.any():
        label = classes["post"] if "post" in classes.columns else pd.Series(
            [f"row {i + 1}" for i in range(len(classes))], index=classes.index)
        shown = list(dict.fromkeys(label[unclassified].astype(str)))
        more = f" and {len(shown) - 8} more" if len(shown) > 8 else ""
        warnings.warn(f"weights='prestige': {int(unclassified.sum())} of {len(classes)} posts have no prestige class "
                      f"and count 0: {'; '.join(shown[:8])}{more}. Give the roster a 'prestige' column (high, medium, "
                      "low) or a 'portfolio' column (WhoGov's portfolio names) to class them; "
                      "cabinet.weights.portfolio_classes(roster) lists every post", UserWarning, stacklevel=3)
    return w


_TOP_BODY = re.compile(r"defen[cs]e|interior|foreign|finance|intelligence|national directorate of security", re.I)


def _known_classes(roster: pd.DataFrame, scheme: str) -> None:
    if "position_class" not in roster.columns:
        raise ValueError(f"weights={scheme!r} reads the 'position_class' column, which this roster lacks; give "
                         "a numeric weights column of the roster instead")
    bad = foreign_values(roster, "position_class", POSITION_CLASSES, limit=5)
    if bad:
        raise ValueError(f"weights={scheme!r} knows the position classes {', '.join(POSITION_CLASSES)}; this "
                         f"roster has others ({', '.join(map(repr, bad))}), which it would silently weigh 0: give "
                         "a numeric weights column of the roster instead")


def apply_weights(roster: pd.DataFrame, weights="all") -> pd.Series:
    """The weight of every appointee under a weighting scheme.

    Parameters
    ----------
    roster : DataFrame
    weights : {'all', 'ministers', 'top', 'rank', 'prestige'} or str
        ``all``: every post counts one. ``ministers``: prime minister, deputy
        prime ministers and ministers count one, others zero. ``top``: the
        prime minister, the deputy prime ministers, and the heads (not the
        deputies) of defence, interior, foreign affairs, finance and
        intelligence. ``rank``: ministers and above 3, heads of agencies and
        the army chief 2, deputies 1 (:data:`RANK_WEIGHTS`). ``prestige``: the
        prestige class of the post's portfolio in WhoGov's Table H1, high 3,
        medium 2, low 1, a post with no portfolio (head of state or
        government, or a deputy) 3; a post with no class counts 0 and is
        named in a warning (:func:`portfolio_classes`). Any other string names
        a numeric column of the roster. ``ministers``, ``top`` and ``rank``
        need the codebook's position classes (and ``top`` a ``body`` column):
        on a roster with other classes they are refused rather than weigh the
        unknown classes 0.

    Returns
    -------
    pandas.Series
        Non-negative weights aligned with ``roster``.

    Examples
    --------
    >>> from cabinet import load_roster
    >>> int(apply_weights(load_roster(), "top").sum())
    8
    >>> int(apply_weights(load_roster(), "rank").sum())  # 22 posts of 3, 4 of 2, 7 of 1
    81
    """
    if weights is None or weights == "all":
        return pd.Series(1.0, index=roster.index)
    if weights == "ministers":
        _known_classes(roster, weights)
        return roster["position_class"].isin(MINISTERS_AND_ABOVE).astype(float)
    if weights == "top":
        _known_classes(roster, weights)
        if "body" not in roster.columns:
            raise ValueError("weights='top' reads the 'body' column (the ministry or agency of each post), which "
                             "this roster lacks; give a numeric weights column of the roster instead")
        head = roster["position_class"].isin(["prime_minister", "deputy_prime_minister", "head_of_state",
                                              "vice_president"])
        key = roster["position_class"].isin(["minister", "agency_head"]) & roster["body"].astype(str).str.contains(_TOP_BODY)
        return (head | key).astype(float)
    if weights == "rank":
        _known_classes(roster, weights)
        return roster["position_class"].map(RANK_WEIGHTS).astype(float)
    if weights == "prestige":
        return _prestige_weights(roster)
    if isinstance(weights, str) and weights in roster.columns:
        w = pd.to_numeric(roster[weights], errors="coerce")
        if w.isna().any() or (w < 0).any() or not np.isfinite(w).all():
            bad = roster.loc[w.isna() | (w < 0), weights].head(3).tolist()
            raise ValueError(f"weights column {weights!r} must hold finite numbers >= 0; got e.g. {bad}")
        return w.astype(float)
    hint = suggest(weights, list(WEIGHTS) + list(map(str, roster.columns))) if isinstance(weights, str) else ""
    raise ValueError(f"unknown weights {weights!r}{hint}; allowed: {', '.join(WEIGHTS)} or a numeric column of "
                     "the roster")
