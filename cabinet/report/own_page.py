"""The report page of a roster of any body: a user's own cabinet, by groupings of its own, against baselines of its own.

:func:`cabinet.write_report` with ``by=`` (``cabinet report --roster FILE --by COL[,COL] --baseline
FILE ...``) writes this page, registered for rosters of kind ``own``
(:func:`cabinet.report.charts.register_page`). It has the standards of the bundled pages and nothing
of Afghanistan unless the roster is Afghan:

- findings first: for each grouping the headline of its gap (:func:`cabinet.headlines.headline`) with
  the gap chart, and, where it has a baseline, how far its seats are from the baseline's shares
  against random appointment (:func:`cabinet.disproportionality`) with that chart;
- for each grouping its gap table (counts, the range the unknowns allow, the baseline named by its
  label or its file's stem, exact binomial probabilities), the gap chart (``group_gap``, drawn by
  :func:`cabinet.plots.plot_region_gap`) and, with a baseline, the table of the disproportionality
  indices and its chart (``group_disproportionality``);
- the roster, each tag with the pages that state it where the file gives ``source_<column>`` URL
  columns (``none``: no page; ``A|B``: a dispute, one group of URLs per candidate; ``;`` between
  several URLs), and the list of those pages.

The page is rendered from ``templates/own_report.html``, which fills the blocks of ``page.html``.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from urllib.parse import urlsplit

import pandas as pd

from .. import plots
from .._format import as_text, number, percent, probability, split_cell
from ..disproportionality import disproportionality
from ..headlines import baseline_name, headline
from ..representation import representation
from .charts import Analysis, chart_tables, register_chart, register_page
from .context import _Sources, _roster_rows, _section, _sources_rows, _stylesheet
from .findings import lead_findings
from .. import __version__

__all__ = ["own_inputs", "own_context", "groupings"]

#: Random cabinets of the disproportionality chart and table (seeded: the page is byte-identical run to run).
N_DRAWS = 20_000
SEED = 0
#: The index the findings and the chart read (the others are in the table).
INDEX = "loosemore_hanby"
#: Columns of a roster of any body that are not tags.
_NOT_TAGS = {"name", "post", "posts", "person_id", "notes", "note"}


def groupings(by, baseline=None) -> list[tuple[str, object]]:
    """``(grouping, baseline)`` pairs of the page: ``by`` comma-separated or a list, ``baseline`` one value or a list
    in the same order (None or ``"none"``: none; fewer than the groupings: the last have none).

    >>> groupings("region, ethnicity", ["region.csv"])
    [('region', 'region.csv'), ('ethnicity', None)]
    """
    names = [p.strip() for p in (by.split(",") if isinstance(by, str) else [str(b) for b in by]) if p.strip()]
    if not names:
        raise ValueError("by names no grouping: give one column of the roster or several, comma-separated")
    if len(set(names)) < len(names):
        raise ValueError(f"by names a grouping twice: {', '.join(names)}")
    bases = list(baseline) if isinstance(baseline, (list, tuple)) else ([] if baseline is None else [baseline])
    if len(bases) > len(names):
        raise ValueError(f"{len(bases)} baselines for {len(names)} grouping(s) ({', '.join(names)}): give one baseline "
                         "per grouping, in the same order")
    bases = [None if isinstance(b, str) and b.strip().lower() in ("", "none") else b for b in bases]
    return list(zip(names, bases + [None] * (len(names) - len(bases))))


def slug(by: str) -> str:
    """A grouping's name as it may sit in an id: ``former_province``."""
    return re.sub(r"[^A-Za-z0-9_-]+", "_", by).strip("_") or "group"


def words(by: str) -> str:
    """A grouping's name in a sentence: ``former province``."""
    return by.replace("_", " ")


def _gap(a: Analysis) -> pd.DataFrame:
    return a.get("gap", lambda: representation(a.roster, a.by, baseline=a.baseline))


def _disproportionality(a: Analysis) -> pd.DataFrame | None:
    """The indices against the baseline, over the range the unknowns allow; None without a baseline."""
    table = _gap(a)
    if not table.loc[table["status"] == "group", "baseline_share"].notna().any():
        return None
    return a.get("disproportionality", lambda: disproportionality(a.roster, a.by, a.baseline, n_draws=N_DRAWS,
                                                                  seed=SEED))


def _roster_name(roster: pd.DataFrame) -> str:
    """The phrase naming a roster: its registry label, the name of its file (never its folder), or "the roster"."""
    label = roster.attrs.get("roster_label")
    if label:
        return str(label)
    source = roster.attrs.get("source_file")
    return f"the roster of {os.path.basename(str(source))}" if source else "the roster"


def own_inputs(roster: pd.DataFrame, home=None, exclude_weak=False, *, by, baseline=None) -> dict:
    """Everything the page shows, computed before a byte is written: per grouping its gap table, its
    disproportionality table (with a baseline) and the charts' tables."""
    ctx: dict = {"roster": roster, "name": _roster_name(roster), "charts": {}, "groupings": []}
    for by_, base in groupings(by, baseline):
        if by_ not in roster.columns:
            tags = [c for c in roster.columns if c not in _NOT_TAGS and not c.startswith("source_")]
            raise ValueError(f"by: the roster has no column {by_!r}; its tags: {', '.join(tags) or '(none)'}")
        a = Analysis(roster, name=ctx["name"], label=ctx["name"], kind="own", home=home, exclude_weak=exclude_weak,
                     by=by_, baseline=base)
        tables = {name: t for name, t in chart_tables(a).items() if t is not None}
        ctx["charts"].update({f"{name}--{slug(by_)}": t for name, t in tables.items()})
        ctx["groupings"].append({"by": by_, "slug": slug(by_), "gap": _gap(a), "dis": _disproportionality(a)})
    return ctx


# ---------------------------------------------------------------------------
# findings
# ---------------------------------------------------------------------------


def gap_finding(t: pd.DataFrame, by: str, chart: str) -> dict:
    """The headline of a grouping's gap (:func:`cabinet.headlines.headline`), with its chart."""
    h = headline(t)
    by = words(by)
    if h.direction is None:
        head = f"By {by}."
    elif h.holds:
        head = f"{h.group}: {'too few' if h.direction == 'under' else 'too many'} whatever the unknowns are."
    elif h.significant:
        head = f"{h.group}: a gap that turns on the unknowns."
    else:
        head = f"By {by}: no gap beyond chance."
    return {"head": head, "text": f"By {by}, {h.sentence}.", "chart": chart}


def disproportionality_finding(d: pd.DataFrame, by: str, chart: str) -> dict:
    """How far the seats of a grouping are from the baseline's shares, against random appointment, with its chart."""
    r = d[d["index"] == INDEX].iloc[0]
    by = words(by)
    lo, hi = float(r["observed_min"]), float(r["observed_max"])
    p_lo, p_hi = sorted((float(r["p_min"]), float(r["p_max"])))
    far = percent(lo) if percent(lo) == percent(hi) else f"{percent(lo)} to {percent(hi)}"
    ps = probability(p_lo) if probability(p_lo) == probability(p_hi) else f"{probability(p_lo)} to {probability(p_hi)}"
    if p_hi < 0.05:
        verdict, head = "more uneven than chance whatever the unknowns are", f"By {by}: more uneven than chance."
    elif p_lo >= 0.05:
        verdict, head = "no more uneven than chance", f"By {by}: no more uneven than chance."
    else:
        verdict, head = "more uneven than chance only for some ways of settling the unknowns", \
            f"By {by}: uneven only for some unknowns."
    base = baseline_name(d)
    text = (f"Over every way the unknown and disputed tags could be settled, the seats by {by} are {far} away from "
            f"the shares of {base} (the Loosemore-Hanby index: half the sum of the differences); cabinets of "
            f"{number(r['n_seats'])} drawn at random in proportion to it are {percent(r['expected'])} away on average, "
            f"so the cabinet is {verdict} (p = {ps}).")
    return {"head": head, "text": text, "chart": chart}


def own_findings(ctx: dict) -> list[dict]:
    """The findings of the page: each grouping's gap, then each grouping's disproportionality; at most five."""
    items = [gap_finding(g["gap"], g["by"], f"group_gap--{g['slug']}") for g in ctx["groupings"]]
    items += [disproportionality_finding(g["dis"], g["by"], f"group_disproportionality--{g['slug']}")
              for g in ctx["groupings"] if g["dis"] is not None]
    return items[:5]


# ---------------------------------------------------------------------------
# what the template shows
# ---------------------------------------------------------------------------


def _sources(roster: pd.DataFrame) -> tuple[pd.DataFrame, _Sources, list[tuple[str, str, str]]]:
    """The roster with each URL of its ``source_<column>`` columns replaced by a short id (S01, S02, ... in the
    order they first appear), the ids' table, and the tags shown: (column, its sources column, heading)."""
    tags = [c for c in roster.columns if c not in _NOT_TAGS and not c.startswith("source_")]
    urls: dict[str, str] = {}
    for _, r in roster.iterrows():
        for c in tags:
            for group in as_text(r.get(f"source_{c}")).split("|"):
                for u in split_cell(group, ";"):
                    if u.strip().lower() not in ("", "none", "unknown"):
                        urls.setdefault(u.strip(), "")
    width = len(str(len(urls)))
    ids = {u: f"S{i:0{width}d}" for i, u in enumerate(urls, 1)}
    frame = roster.copy()
    for c in tags:
        col = f"source_{c}"
        if col in frame.columns:
            frame[col] = [" | ".join(";".join(ids[u.strip()] for u in split_cell(g, ";") if u.strip() in ids)
                                     for g in as_text(v).split("|")) for v in frame[col]]
    table = pd.DataFrame({"source_id": list(ids.values()), "title": [urlsplit(u).path.strip("/") or "/" for u in ids],
                          "publisher": [urlsplit(u).hostname or "" for u in ids], "date": "", "url": list(ids)})
    return frame, _Sources(table), [(c, f"source_{c}", c.replace("_", " ").capitalize()) for c in tags]


def _index_rows(d: pd.DataFrame) -> list[dict]:
    def span(lo, hi, fmt):
        a, b = fmt(lo), fmt(hi)
        return a if a == b else f"{a} \u2013 {b}"

    def val(x):
        return f"{float(x):.3f}"

    rows = []
    for _, r in d.iterrows():
        p_lo, p_hi = sorted((float(r["p_min"]), float(r["p_max"])))
        rows.append({"index": as_text(r["index"]).replace("_", " ").title().replace(" ", "-")
                     if r["index"] in ("loosemore_hanby", "sainte_lague") else as_text(r["index"]).replace("_", " "),
                     "observed": span(r["observed_min"], r["observed_max"], val), "expected": val(r["expected"]),
                     "p95": val(r["p95"]), "p": span(p_lo, p_hi, probability),
                     "complete": "" if pd.isna(r.get("observed_complete")) else val(r["observed_complete"])})
    return rows


def own_context(ctx: dict, generated: str, figures: dict) -> dict:
    """What ``templates/own_report.html`` shows, as plain values; ``figures``: the charts by key."""
    roster = ctx["roster"]
    n = len(roster)
    frame, src, tags = _sources(roster)
    names = [g["by"] for g in ctx["groupings"]]
    by_words = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    scope = f"the {n} people of {ctx['name']}"
    sections = [("findings", "What we found")]
    parts = []
    for g in ctx["groupings"]:
        key = g["slug"]
        t = g["gap"]
        has_base = bool(t.loc[t["status"] == "group", "baseline_share"].notna().any())
        base = baseline_name(t) if has_base else ""
        gap_fig = figures[f"group_gap--{key}"]
        gap_fig["caption"] = (f"Share of the cabinet per {words(g['by'])} (known, with the range the unknowns allow)"
                              + (f" against the share of {base}." if has_base else "; no baseline to compare with."))
        section = _section(t, src, caption=f"{g['by'].replace('_', ' ').capitalize()} of the {n} people",
                           group_head=g["by"].replace("_", " ").capitalize())
        for note in section["notes"]:
            note["label"] = base  # a file's baseline by its stem, never its path
        part = {"by": g["by"], "anchor": f"by-{key}", "section": section, "baseline": base,
                "gap_figure": gap_fig, "dis": None}
        if g["dis"] is not None:
            dis_fig = figures[f"group_disproportionality--{key}"]
            dis_fig["caption"] = (f"How far the seats by {words(g['by'])} are from the shares of {base}, over every way the "
                                  "unknown and disputed tags can be settled, against cabinets appointed at random in "
                                  "proportion to it: a benchmark, not a model of how posts are given.")
            part["dis"] = {"rows": _index_rows(g["dis"]), "figure": dis_fig, "n_draws": number(N_DRAWS),
                           "seed": SEED}
        parts.append(part)
        sections.append((part["anchor"], f"By {g['by'].replace('_', ' ')}"))
    sections += [("roster", "Roster"), ("sources", "Sources")]
    return {
        "findings": lead_findings(figures, own_findings(ctx)),
        "title": f"Who holds the seats, by {by_words.replace('_', ' ')}?",
        "lede": f"The {n} people of {ctx['name']}, by {by_words.replace('_', ' ')}, against the baselines given",
        # the colours of the groups the tables show, and none of the bundled data's entities
        "css": _stylesheet({r["group"].get("swatch") for p in parts for r in p["section"]["table"]["rows"]}
                           - {"", None}),
        "scope": scope, "scope_sentence": scope[0].upper() + scope[1:],
        "version": __version__, "generated": generated, "sections": sections, "groupings": parts,
        "figures": figures, "more_figures": [],
        "roster_head": [label for _, _, label in tags],
        # the roster cites sources as it is built, so the list of sources is made after it
        "roster_rows": lru_cache(maxsize=1)(lambda: _roster_rows(frame, src, tags)),
        "sources_rows": lru_cache(maxsize=1)(lambda: _sources_rows(src)),
    }


def _gap_body(t: pd.DataFrame) -> tuple[float, float]:
    """The gap chart's plot heights, wide and narrow: a row a quarter inch or so, whatever the number of groups."""
    block = t[t["baseline"].fillna("") == t["baseline"].fillna("").iloc[0]] if "baseline" in t.columns else t
    rows = len(block)
    return max(3.2, 0.26 * rows + 0.6), max(4.0, 0.32 * rows + 0.8)


_GAP_CAPTION = "Share of the cabinet per group (known, with the range the unknowns allow) against the baseline share."
register_chart("group_gap", plots.plot_region_gap, _gap, kinds=("own",), body=_gap_body, caption=_GAP_CAPTION,
               label="Share of the cabinet per group against the baseline share")
register_chart("group_disproportionality", plots.plot_disproportionality, _disproportionality, kinds=("own",),
               body=(3.0, 3.0),
               caption="How far the seats are from the baseline's shares against random appointment.",
               label="How far the seats are from the baseline's shares, against random appointment")
register_page("own", own_inputs, own_context, "own_report.html")
