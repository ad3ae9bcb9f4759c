"""What the report's comparison sections show: the gaps over time, the roster the government is set beside and
the movement's own yardstick, in plain words built from the analysis tables (see
:mod:`cabinet.report.context` for the rest of the report).
"""

from __future__ import annotations

import pandas as pd

from ..comparison import finding
from .._format import long_date, number, percent, percent_range, probability, as_text
from .context import _Sources, _row, _section

def _over_time(t: pd.DataFrame) -> str:
    """The words of the report's timeline section, from :func:`cabinet.timeline.gaps_over_time`."""
    if t.empty:
        return "No date to show."
    t = t.assign(as_of=pd.to_datetime(t["as_of"]))
    d0, d1 = t["as_of"].min(), t["as_of"].max()
    first, last = t[t["as_of"] == d0].set_index("gap"), t[t["as_of"] == d1].set_index("gap")
    if d0 == d1:
        return f"The main gaps of the government as of {long_date(d0)} ({number(first['n'].iloc[0])} members)."
    dates = t["as_of"].nunique()
    moves = "; ".join(
        f"{g}: {number(first.at[g, 'count'])} known (up to {number(first.at[g, 'count_max'])}) then "
        f"{number(last.at[g, 'count'])} (up to {number(last.at[g, 'count_max'])})"
        for g in first.index if g in last.index)
    return (f"The main gaps at each of the {dates} dates on which the government changed (an appointment announced "
            f"or a post left: moves, dismissals, deaths), from {long_date(d0)} to {long_date(d1)}. The "
            f"government went from {number(first['n'].iloc[0])} to {number(last['n'].iloc[0])} members. {moves}. "
            "Most men appointed after the first list have no known home or ethnicity, so the largest possible "
            "counts grow faster than the known ones.")


def _comparison_rows(t: pd.DataFrame) -> list[dict]:
    """The rows of a :func:`cabinet.compare` table for ``macros.comparison_table``.

    Groups with nobody known on either side are left out (the unknown and disputed rows say how many could be in
    them). Each row: the count ranges, the difference of shares over the unknowns, Fisher's p over the unknowns
    before and after Holm's adjustment, whether the difference holds whatever the unknowns are, and the
    complete-case figure.
    """
    rows = []
    for _, r in t[t["status"] == "group"].iterrows():
        if r["count_a"] == 0 and r["count_b"] == 0:
            continue
        cc = ("" if pd.isna(r["diff_complete"]) else
              f"{r['diff_complete'] * 100:+.1f} pp, p = {probability(r['p_complete'])} ({probability(r['p_adj_complete'])} adjusted)")
        rows.append({"group": as_text(r["group"]),
                     "a": f"{number(r['count_a'])}\u2013{number(r['count_max_a'])} of {number(r['n_a'])}",
                     "b": f"{number(r['count_b'])}\u2013{number(r['count_max_b'])} of {number(r['n_b'])}",
                     "diff": f"{r['diff_min'] * 100:+.1f} to {r['diff_max'] * 100:+.1f} pp",
                     "p": _p_span(r["p_min"], r["p_max"]), "p_adj": _p_span(r["p_adj_min"], r["p_adj_max"]),
                     "holds": {"yes": "yes, whatever the unknowns", "depends": "depends on the unknowns",
                               "no": "no"}[r["holds"]],
                     "complete": cc})
    for status in ("disputed", "unknown"):
        sub = t[t["status"] == status]
        if len(sub):
            r = sub.iloc[0]
            rows.append({"group": status, "a": f"{number(r['count_a'])} of {number(r['n_a'])}",
                         "b": f"{number(r['count_b'])} of {number(r['n_b'])}", "diff": "", "p": "", "p_adj": "",
                         "holds": "", "complete": ""})
    return rows


def _p_span(low, high) -> str:
    """Two p-values as a range, smallest first ("0.0123 to 1.00"); one value when they agree."""
    a, b = probability(low), probability(high)
    return a if a == b else f"{a} to {b}"


def _comparison(ctx) -> dict:
    """The section 'Against what?': the government beside the roster it is compared with, tables and findings
    from compare()."""
    out = {}
    for by in ("ethnicity", "region"):
        t = ctx[f"comparison_{by}"]
        labels = t.attrs.get("labels", {})
        out[by] = {"rows": _comparison_rows(t), "finding": finding(t),
                   "head_a": labels.get(t["roster_a"].iloc[0], t["roster_a"].iloc[0]),
                   "head_b": labels.get(t["roster_b"].iloc[0], t["roster_b"].iloc[0])}
    return out


def _movement_sentence(r, what: str, target: str, m) -> str:
    """One target against the movement's pool: counts, the pool's share and bounds, and the probability of a count
    this low with the pool's share carried with its uncertainty (:func:`cabinet.movement_predictive`, ``m``)."""
    return (f"{number(r['count'])} of the {number(r['n'])} appointees are known to be {target} (up to "
            f"{number(r['count_max'])}); in the movement's cadre pool the share is {percent(m['pool_share'])} among the "
            f"{number(m['pool_in'] + m['pool_out'])} members whose {what} settles it, and "
            f"{percent_range(m['pool_share_low'], m['pool_share_high'])} as the pool's own unknowns are resolved. That "
            f"share rests on few men, so it is carried with its uncertainty ({m['prior']}, a beta-binomial "
            f"predictive), and the {number(m['n_shared'])} men who sit in both the pool and the government are taken "
            f"as they are rather than drawn twice: the probability that the other {number(m['n_new'])} appointees "
            f"hold {number(m['count_new'])} or fewer is P = {probability(m['p_le_count'])}, and "
            f"{probability(m['p_le_count_max'])} at the largest count their own unknown tags allow "
            f"({number(m['count_new_max'])}); with the pool's unknowns resolved at either end it runs from "
            f"{probability(m['p_le_at_low'])} to {probability(m['p_le_at_high'])}. The table below sets the whole count against "
            f"the pool's share as if that share were known (binomial): P = {probability(r['p_le_count'])} at the known "
            f"count, {probability(r['p_le_count_max'])} at the largest")


def _movement(ctx, src: "_Sources") -> dict:
    """The section "Against the movement's own yardstick": plain words computed from the tables."""
    m = ctx["movement"]
    pool, n_pool = m["pool"], len(m["pool"])
    in_cabinet = int(pool["in_cabinet"].ne("").sum())
    open_home = int(pool["province"].map(lambda v: v == "unknown" or "|" in str(v)).sum())
    open_net = int(pool["network"].eq("unknown").sum())
    paragraphs = [
        (f"The yardstick: the movement's cadre pool on the eve of the takeover, {n_pool} people whose post in the "
         "movement (leadership council, deputy leader, commission, shadow governorship, military command) a "
         f"source places before 15 August 2021. {in_cabinet} of them also appear in the cabinet tables and keep "
         f"the cabinet's sourced tags. The home province of {open_home} of the {n_pool} is unknown or disputed, "
         f"and the network of {open_net}; every share of the pool is therefore a range, from the members known "
         "to be in a group to those who could be."),
    ]
    pop = {"West+Southwest": _row(ctx["west_southwest"], "West+Southwest"),
           "Hazarajat": _row(ctx["hazarajat_core"], "Hazarajat")}
    w = _row(m["west_southwest"], "West+Southwest")
    if w is not None:
        p = pop["West+Southwest"]
        paragraphs.append("West and southwest. " + _movement_sentence(w, "home province", "from the west or "
                          "southwest", m["predictive"]["west_southwest"]) + (f". Against the population ({percent(p['baseline_share'])}) the same count "
                                          f"gives P = {probability(p['p_le_count'])}, and {probability(p['p_le_count_max'])} at "
                                          f"the largest count." if p is not None else "."))
    h = _row(m["hazarajat"], "Hazarajat")
    if h is not None:
        paragraphs.append("The Hazarajat. " + _movement_sentence(h, "home province", "from the core Hazarajat",
                                                                 m["predictive"]["hazarajat"]) + ".")
    hr = m["helmandi"]
    r = _row(hr, "helmandi_ishaqzai+helmandi_alizai")
    if r is not None:
        paragraphs.append("The Helmandi networks. " + _movement_sentence(r, "network", "representatives of the "
                          "Ishaqzai or Alizai networks of Helmand", m["predictive"]["helmandi_networks"]) + ". This is the comparison the commentary "
                          "makes; the population proxy (Helmand's share) is in the Networks section.")
    d = m["draw"]
    paragraphs.append(
        f"Drawn from the pool. {number(d['n'].iloc[0])} of the {number(d['pool_n'].iloc[0])} members of the pool "
        f"entered the list; {number(d['n_not_in_pool'].iloc[0])} appointees are not in the pool. The comparisons "
        "above count every appointee against the pool's shares (binomial); cabinet.movement_draw() treats only "
        "the pool members who entered the list as drawn from it (hypergeometric), leaving the others out of the "
        "urn.")
    man = m["manpower"]
    kinds = ", ".join(f"{int((man['unit_type'] == k).sum())} {k}" for k in ("national", "province", "front",
                                                                            "network"))
    paragraphs.append(
        f"Fighters. The data hold {len(man)} estimates of the movement's fighters ({kinds}); none gives figures "
        "by province or region, so they are recorded but not used as a yardstick.")
    return {"paragraphs": paragraphs,
            "west_southwest": _section(m["west_southwest"], src, caption="West and southwest against the pool"),
            "hazarajat": _section(m["hazarajat"], src, caption="Core Hazarajat against the pool"),
            "helmandi": _section(hr, src, caption="Helmandi networks against the pool", group_head="Network")}
