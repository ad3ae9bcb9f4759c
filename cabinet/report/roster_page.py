"""The report of the Republic's last cabinet: the report's tables, charts and roster for a government
that is not the Taliban's.

:func:`cabinet.write_report` with ``roster="republic-2021"`` (``cabinet report --roster
republic-2021``) writes this page. It holds what applies to any roster of Afghan posts, and nothing
that is about the Taliban movement alone (the commentary's claims, the Taliban's factional networks
and Helmandi leaders, the movement's cadre pool, the timeline of the Emirate's changes):

- a summary written from the data: the west and southwest, the Hazarajat, the Pashtun share against
  the published estimates, and the largest difference from the Taliban government;
- the regional tables (commentary regions, the west and southwest, the core and extended Hazarajat),
  each naming its baseline and its sources;
- ethnicity against every published estimate;
- the parties and political camps (the Republic's ``party`` column, in place of the Taliban networks;
  no baseline exists for them);
- the comparison with the Taliban cabinet of 7 September 2021 and the Taliban government at the
  latest date of the data (:func:`cabinet.compare`: counts with the range the unknown tags allow, the
  difference of shares, Fisher's exact test with its p-value range), by ethnicity and by region;
- the charts of :data:`cabinet.report.charts.CHARTS` that apply to its kind, inline;
- the roster with the sources of every tag, and the sources cited.

The page is rendered from ``templates/roster_report.html``, which fills the blocks of the page
both reports share (``templates/page.html``: header, summary, regions, the Hazarajat, ethnicity,
roster, sources), so both pages share their sections, macros and stylesheet.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .._format import long_date, number
from ..comparison import finding, compare
from .comparisons import _comparison_rows
from .context import (
    _Sources,
    _ethnicity,
    _home_text,
    _roster_rows,
    _section,
    _sources_rows,
    _stylesheet,
    _summary_ethnicity,
    _summary_regions,
)
from ..io.datapackage import descriptor
from ..gaps import hazarajat_gap, west_southwest_gap
from ..groupings import choose_home
from ..io.reference_tables import load_sources
from ..rosters import roster_kind, roster_label
from .charts import Analysis, add_kind, chart_tables, register_page
from .. import __version__

#: Sections of the Republic's page, in order: (anchor, heading).
SECTIONS = (
    ("summary", "Summary"),
    ("regions", "Regions"),
    ("hazarajat", "The Hazarajat"),
    ("ethnicity", "Ethnicity"),
    ("parties", "Parties and political camps"),
    ("taliban", "Against the Taliban government"),
    ("roster", "Roster"),
    ("sources", "Sources"),
)

#: The tags of the roster table: (column, sources column, heading).
TAGS = (
    ("province", "province_sources", "Home province"),
    ("district", "district_sources", "District"),
    ("ethnicity", "ethnicity_sources", "Ethnicity"),
    ("tribe", "tribe_sources", "Tribe"),
    ("party", "party_sources", "Party or camp"),
)



def republic_inputs(roster: pd.DataFrame, home: str | None = None, exclude_weak: bool = False) -> dict:
    """Everything the Republic's page shows, computed before a byte is written."""

    roster = choose_home(roster, home)
    name = str(roster.attrs.get("roster") or "")
    a = Analysis(roster, name=name, label=roster_label(roster, name), kind=roster_kind(roster) or "", home=home,
                 exclude_weak=exclude_weak)
    others = a.others()
    charts = chart_tables(a)
    counted = home or charts["region_gap"].attrs.get("home") or "stated"  # the sense the tables counted
    ctx = {"government": roster, "home": counted, "exclude_weak": exclude_weak, "as_of": roster.attrs.get("as_of"),
           "data_version": str(descriptor().get("version", "?")), "charts": charts,
           "region": charts["region_gap"], "ethnicity": charts["ethnicity"], "party": charts["party_gap"],
           "west_southwest": west_southwest_gap(roster),
           "hazarajat_core": hazarajat_gap(roster, definition="core"),
           "hazarajat_extended": hazarajat_gap(roster, definition="extended"),
           "labels": {other: str(r.attrs.get("roster_label", other)) for other, r in others.items()},
           "comparisons": {(other, by): compare({name: roster, other: r}, by=by, home=None)
                           for other, r in others.items() for by in ("ethnicity", "region")},
           "sources": _Sources(load_sources())}
    return ctx


def _comparison(t: pd.DataFrame) -> dict:
    labels = t.attrs.get("labels", {})
    a, b = t["roster_a"].iloc[0], t["roster_b"].iloc[0]
    return {"rows": _comparison_rows(t), "finding": finding(t), "head_a": labels.get(a, a), "head_b": labels.get(b, b)}


def republic_context(ctx: dict, generated: str, figures: dict) -> dict:
    """What ``templates/roster_report.html`` shows, as plain values; ``figures``: the charts by name."""

    src: _Sources = ctx["sources"]
    gov = ctx["government"]
    n = len(gov)
    when = pd.Timestamp(ctx["as_of"]) if ctx.get("as_of") else pd.Timestamp("2021-08-14")
    scope = f"the {n} members of the Islamic Republic's cabinet as it stood on {long_date(when)}"
    who = f"the {n} members of the cabinet"
    summary = _summary_regions(ctx, who) + _summary_ethnicity(ctx, who)
    for name in ctx["labels"]:
        summary.append({"head": f"Against {ctx['labels'][name]}.",
                        "text": finding(ctx["comparisons"][(name, "ethnicity")])})
    p = ctx["party"]
    groups = p[p["status"] == "group"]
    known = int(n - p.loc[p["status"] == "unknown", "count"].sum())
    top = groups.sort_values(["count", "group"], ascending=[False, True]).iloc[0] if len(groups) else None
    lead = ""
    if top is not None:
        # the order of the camps holds only if no other camp could reach the leader's known count
        rivals = groups.loc[(groups["group"] != top["group"]) & (groups["count_max"] >= top["count"]), "group"]
        lead = (f"; most known members are in {top['group']} ({number(top['count'])} known, up to "
                f"{number(top['count_max'])})" + (", but with the unknown tags resolved "
                                                f"{len(rivals)} other camp(s) could match or pass it"
                                                if len(rivals) else ", and no other camp can reach it"))
    party_text = (f"The party or political camp of {known} of the {n} members is sourced{lead}. A member of two "
                  "parties counts in both, so the counts can add up to more than the members.")
    return {
        "title": "Who held power in the Islamic Republic's last cabinet?",
        "css": _stylesheet(), "scope": scope, "scope_sentence": scope[0].upper() + scope[1:],
        "version": __version__, "data_version": ctx["data_version"], "as_of_text": f"{when:%Y-%m-%d}",
        "generated": generated, "sections": SECTIONS,
        "home_text": _home_text(ctx),
        "counted": "members",
        "summary": summary,
        "region": _section(ctx["region"], src, caption=f"Members per region ({n} members)", group_head="Region"),
        "west_southwest": _section(ctx["west_southwest"], src,
                                   caption="West and southwest (Herat, Farah, Badghis, Ghor; Helmand, Nimroz)"),
        "hazarajat_core": _section(ctx["hazarajat_core"], src, caption="Core Hazarajat"),
        "hazarajat_extended": _section(ctx["hazarajat_extended"], src, caption="Extended Hazarajat"),
        "ethnicity": _ethnicity(ctx["ethnicity"], src),
        "party": _section(p, src, caption=f"Members per party or political camp ({n} members)",
                          group_head="Party or camp"),
        "party_text": party_text,
        "comparisons": [{"by": by, "head": "Ethnic group" if by == "ethnicity" else "Region",
                         **_comparison(ctx["comparisons"][(name, by)])}
                        for name in ctx["labels"] for by in ("ethnicity", "region")],
        "figures": figures,
        "roster_head": [label for _, _, label in TAGS],
        # the roster cites sources as it is built, so the list of sources is made after it
        "roster_rows": lru_cache(maxsize=1)(lambda: _roster_rows(gov, src, TAGS)),
        "sources_rows": lru_cache(maxsize=1)(lambda: _sources_rows(src)),
    }


# The page and the charts of the Republic's cabinet (rosters of kind "republic"): the charts that apply to any
# roster of Afghan posts, the parties, and the comparison with the Taliban government.
register_page("republic", republic_inputs, republic_context, "roster_report.html")
add_kind("region_gap", "republic")
add_kind("province_map", "republic",
         caption="Known cabinet members per million inhabitants in each province; members whose home province is "
                 "unknown or disputed are counted in the box, not on the map.",
         label="Map of the 34 provinces: known cabinet members per million inhabitants")
add_kind("ethnicity", "republic")
add_kind("disproportionality", "republic")
add_kind("party_gap", "republic")
add_kind("roster_comparison", "republic",
         caption="Share of each ethnic group in the Republic's cabinet of 14 August 2021, the Taliban cabinet of 7 "
                 "September 2021 and the Taliban government at the latest date of the data: dots the known shares, "
                 "bars up to the largest share the unknown tags allow.",
         label="Share of each ethnic group in the Republic's last cabinet and in the Taliban government")
