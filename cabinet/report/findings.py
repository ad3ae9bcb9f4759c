"""What the report found, in plain words: three to five findings, each with the chart that carries it.

Both report pages open with these findings, above the fold, before any table. Each finding is
one sentence a reader understands without the tables, written from the analysis tables (every
number in it comes from the code, and ``tests/test_report.py`` recomputes them), and true
whatever the unknown tags turn out to be: it speaks of what is *known*, or of a comparison that
holds at both ends of the range the unknowns allow.
"""

from __future__ import annotations

import pandas as pd

from .. import palette
from .._format import number, percent
from ..plots.region_gap import _possible_union

__all__ = ["taliban_findings", "roster_findings", "lead_findings"]

_PLURAL = {"Pashtun": "Pashtuns", "Tajik": "Tajiks", "Hazara": "Hazaras", "Uzbek": "Uzbeks"}


def _people(group) -> str:
    return _PLURAL.get(str(group), str(group))


def _join(names, word="or") -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {word} " + names[-1]


def _regions(t: pd.DataFrame, who: str) -> dict | None:
    """No one known from a region (the largest such share of the population), or the largest gap."""
    groups = t[(t["status"] == "group") & t["baseline_share"].notna()]
    if groups.empty:
        return None
    n = t["n"].iloc[0]
    open_ = t[t["status"].isin(["unknown", "disputed"])]
    zero = groups[(groups["count"] == 0) & (groups["baseline_share"] > 0)].sort_values("baseline_share",
                                                                                     ascending=False)
    if len(zero):
        names = list(zero["group"])
        most = _possible_union(t, names)
        return {"head": f"No one from the {_join(names)}.",
                "text": f"None of the {number(n)} {who} is known to come from the {_join(names)}, home to "
                        f"{percent(zero['baseline_share'].sum())} of the population; at most {number(most)} could, if "
                        f"every one of the {number(open_['count'].sum())} unknown or disputed homes lay there.",
                "chart": "region_gap"}
    above = groups[groups["share"] > groups["baseline_share"]].sort_values("gap_pp" if "gap_pp" in groups.columns
                                                                           else "share", ascending=False)
    if len(above):
        r = above.iloc[0]
        return {"head": f"The {r['group']} above its share.",
                "text": f"At least {number(r['count'])} of the {number(n)} {who} come from the {r['group']} "
                        f"({percent(r['share'])}), more than its {percent(r['baseline_share'])} of the population, "
                        "whatever the unknown homes turn out to be.", "chart": "region_gap"}
    return None


def _ethnicity(t: pd.DataFrame, who: str) -> dict | None:
    """The largest group against the range of the published estimates, when that holds whatever the unknowns."""
    g = t[t["status"] == "group"]
    if g.empty:
        return None
    cab = g.drop_duplicates("group").set_index("group")
    est = g[g["baseline_share"].notna()]
    if est.empty or cab["count"].max() <= 0:
        return None
    lo = est.groupby("group")["baseline_low"].min()
    hi = est.groupby("group")["baseline_high"].max()
    top = str(cab["count"].idxmax())
    r = cab.loc[top]
    n = t["n"].iloc[0]
    if top in hi.index and r["share"] > hi[top]:
        return {"head": f"{_people(top)} above every estimate.",
                "text": f"At least {number(r['count'])} of the {number(n)} {who} are {top} ({percent(r['share'])}), more "
                        f"than any of the {est['baseline'].nunique()} published estimates of their share of the "
                        f"population ({percent(lo[top])} to {percent(hi[top])}).", "chart": "ethnicity"}
    if top in hi.index and r["share_max"] < lo[top]:
        return {"head": f"{_people(top)} below every estimate.",
                "text": f"Even if every unknown were {top}, they would hold {percent(r['share_max'])} of the seats, "
                        f"below every published estimate ({percent(lo[top])} to {percent(hi[top])}).", "chart": "ethnicity"}
    return {"head": f"{_people(top)}: the largest known group.",
            "text": f"{number(r['count'])} of the {number(n)} {who} are known to be {top} ({percent(r['share'])}); up to "
                    f"{number(r['count_max'])} could be, against {percent(lo.get(top, float('nan')))} to "
                    f"{percent(hi.get(top, float('nan')))} in the published estimates.", "chart": "ethnicity"}


def _networks(t: pd.DataFrame, helmandi: pd.DataFrame | None) -> dict | None:
    g = t[(t["status"] == "group") & (t["count"] > 0)].sort_values(["count", "group"], ascending=[False, True])
    if g.empty:
        return None
    r = g.iloc[0]
    n = t["n"].iloc[0]
    name = palette.label("network", r["group"])
    text = f"At least {number(r['count'])} of the {number(n)} belong to the {name}"
    text += ", more than half." if r["count"] > n / 2 else "."
    if helmandi is not None:
        h = helmandi[helmandi["target"]] if "target" in helmandi.columns else helmandi.iloc[:0]
        if len(h) and h["count"].iloc[0] == 0:
            text += (f" None is known to represent the Helmandi Ishaqzai or Alizai networks (at most "
                     f"{number(h['count_max'].iloc[0])} could).")
    return {"head": f"The {name} leads.", "text": text, "chart": "network_waffle"}


def _claims(c: pd.DataFrame) -> dict:
    counts = c["verdict"].value_counts()
    held, failed, open_ = (int(counts.get(v, 0)) for v in ("supported", "contradicted", "undetermined"))
    return {"head": "The commentary's claims.",
            "text": f"Of the commentary's {len(c)} claims, {held} hold whatever the unknown tags are, {failed} "
                    f"{'fails' if failed == 1 else 'fail'} and {open_} turn on tags no source settles.",
            "chart": "claim_probabilities"}


def _comparison(t: pd.DataFrame) -> dict | None:
    """Against another roster: the groups whose difference holds after Holm's adjustment whatever the unknown
    tags are (the ``holds`` column of :func:`cabinet.compare`), or that none does, with the largest known gap."""
    g = t[t["status"] == "group"]
    if g.empty:
        return None
    g = g[(g["roster_a"] == g["roster_a"].iloc[0]) & (g["roster_b"] == g["roster_b"].iloc[0])]
    labels = dict(t.attrs.get("labels") or {})
    r0 = g.iloc[0]
    a, b = labels.get(r0["roster_a"], r0["roster_a"]), labels.get(r0["roster_b"], r0["roster_b"])
    yes = g[g["holds"] == "yes"]
    pick = (yes if len(yes) else g)
    r = pick.loc[(pick["share_a"] - pick["share_b"]).abs().idxmax()]
    gap = (f"{_people(r['group'])} are {percent(r['share_a'])} of the known members of {a}, against "
           f"{percent(r['share_b'])} of {b}")
    if len(yes):
        text = f"{gap}: a difference beyond chance whatever the unknown tags are (Fisher's test, Holm-adjusted)."
    else:
        text = (f"{gap}; but no group's difference holds beyond chance whatever the unknown tags are (Fisher's test, "
                f"Holm over {int(r0['m_tests'])} groups): the {int(g['holds'].eq('depends').sum())} open ones "
                "turn on tags no source settles.")
    return {"head": f"Against {b}.", "text": text, "chart": "roster_comparison"}


def taliban_findings(ctx: dict) -> list[dict]:
    """The findings of the Taliban page, from the analysis of :mod:`cabinet.report.page`."""
    who = "appointees"
    items = [_regions(ctx["region"], who), _ethnicity(ctx["ethnicity"], who),
             _networks(ctx["network"], ctx.get("helmandi")), _claims(ctx["claims"]),
             _comparison(ctx["comparison_ethnicity"])]
    return [i for i in items if i is not None][:5]


def roster_findings(ctx: dict) -> list[dict]:
    """The findings of the page of a roster of Afghan posts of another kind (its parties in place of the
    networks), from :mod:`cabinet.report.roster_page`."""
    who = "members"
    items = [_regions(ctx["region"], who), _ethnicity(ctx["ethnicity"], who)]
    p = ctx["party"]
    g = p[(p["status"] == "group") & (p["count"] > 0)].sort_values(["count", "group"], ascending=[False, True])
    if len(g):
        r = g.iloc[0]
        rivals = g[(g["group"] != r["group"]) & (g["count_max"] >= r["count"])]
        name = palette.label("party", r["group"])
        items.append({"head": f"{name}: the most known members.",
                      "text": f"{name} has the most known members, {number(r['count'])} of the {number(p['n'].iloc[0])}"
                              + (f"; with the unknown tags settled, {len(rivals)} other camp"
                                 f"{'s' if len(rivals) != 1 else ''} could match it." if len(rivals) else
                                 "; no other camp could reach it."), "chart": "party_gap"})
    items.append(_comparison(ctx["charts"]["roster_comparison"]))
    return [i for i in items if i is not None][:5]


def lead_findings(figures: dict, findings: list[dict]) -> list[dict]:
    """The findings with their charts; a chart shown with a finding is linked, not drawn again, in its section."""
    out = []
    for i, f in enumerate(findings, 1):
        fig = figures.get(f.get("chart"))
        if fig is not None:
            fig["lead"] = True
        out.append({**f, "number": i, "figure": fig})
    return out
