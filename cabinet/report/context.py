"""What the report's templates show: plain values built from the analysis tables.

:mod:`cabinet.report.page` computes the tables and writes the page; this module turns each table into lists
of dicts of strings for ``cabinet/report/templates/report.html`` and its ``macros.html`` (which hold all the
markup, rendered by Jinja2 with autoescaping), and writes the summary of the findings. Every
probability is given as the range the unknown tags allow, with the complete-case value beside it. The comparison sections (over time, the other rosters, the movement)
are built in :mod:`cabinet.report.comparisons`.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd
from markupsafe import Markup

from .. import palette
from .._format import (iso_date, http_url, long_date, is_missing, number, percent, percent_range, points, probability, probability_range, split_cell, as_text)
from ..plots.ethnicity import _relation
from ..open_model import MIN_CLASS_KNOWN
from ..predictive import DEFAULT_PRIOR, prior_words
from ..representation import counting_note

_TAGS = (
    ("province", "province_sources", "Home province"),
    ("district", "district_sources", "District"),
    ("ethnicity", "ethnicity_sources", "Ethnicity"),
    ("tribe", "tribe_sources", "Tribe"),
    ("network", "network_sources", "Network"),
    ("iran_aligned", "iran_aligned_sources", "Iran-aligned"),
    ("un_listed", "un_sources", "UN 1988 list"),
    ("affiliation", "affiliation_sources", "Affiliation"),
)


@lru_cache(maxsize=1)
def _env():
    """The Jinja2 environment of the templates shipped in ``cabinet/report/templates`` (autoescaping on)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(loader=PackageLoader("cabinet.report", "templates"), autoescape=select_autoescape(["html"]),
                       keep_trailing_newline=True)


def _macros():
    return _env().get_template("macros.html").module


def _stylesheet(only=None) -> Markup:
    """The page's stylesheet (``templates/report.css``), inlined as it is: the page stays self-contained. ``only``:
    the entity colours the page uses (:func:`cabinet.palette.css_variables`; None: every one)."""
    from importlib.resources import files

    # the entity colours first, from the table the charts read (cabinet.palette)
    return Markup(palette.css_variables(only) + "\n"
                  + files("cabinet.report").joinpath("templates", "report.css").read_text(encoding="utf-8"))


class _Sources:
    """Looks up source ids in ``sources.csv`` for the templates; remembers which were cited."""

    def __init__(self, table: pd.DataFrame):
        self.rows = {str(r["source_id"]): r for _, r in table.iterrows()}
        self.cited: dict[str, None] = {}

    def ref(self, sid: str) -> dict:
        """What ``macros.source_link`` shows of a source id: the id, its http(s) URL (or None) and its title."""
        sid = sid.strip()
        self.cited.setdefault(sid, None)
        row = self.rows.get(sid)
        if row is None:
            return {"id": sid, "known": False, "url": None, "title": ""}
        title = ", ".join(x for x in (as_text(row.get("title")), as_text(row.get("publisher")), as_text(row.get("date"))) if x)
        return {"id": sid, "known": True, "url": http_url(row.get("url")), "title": title}

    def link(self, sid: str) -> str:
        """The source id as HTML: a link to its URL, or a span when it has no http(s) URL."""
        return str(_macros().source_link(self.ref(sid)))


def _names(value, *, limit: int = 4) -> dict:
    """A ``; ``-separated list of names; more than ``limit`` names fold into a <details> element."""
    text = as_text(value).strip()
    count = len([x for x in text.split(";") if x.strip()]) if text else 0
    return {"text": _bidi(text), "count": count, "folded": count > limit}


def _bidi(value) -> Markup | str:
    """Text of names for the page: each name in Arabic (or another right-to-left) script in its own ``<bdi>``.

    ``<bdi>`` sets a name apart with its own direction (``dir="auto"``): Pashto
    and Dari names run right to left, with their letters joined by the
    browser, and the ``; `` and the names around them keep their places. A
    list without such a name is returned as it is (escaped by the template).

    >>> str(_bidi("Ali; \u0645\u062d\u0645\u062f <b>"))
    'Ali; <bdi>\u0645\u062d\u0645\u062f &lt;b&gt;</bdi>'
    >>> _bidi("Ali; Omar")
    'Ali; Omar'
    """
    import unicodedata

    text = as_text(value)

    def rtl(part: str) -> bool:
        return any(unicodedata.bidirectional(c) in ("R", "AL") for c in part)

    if not rtl(text):
        return text
    return Markup("; ").join(Markup("<bdi>{}</bdi>").format(p) if rtl(p) else p for p in text.split("; "))


def _group_label(group, by: str = "") -> dict:
    """A group's name as a reader knows it (network and party codes print as names), its code small beside it."""
    g = as_text(group)
    swatch = palette.css_name(by, g) if by in ("region", "ethnicity", "network", "party") else ""
    fam = by if by in ("network", "party") else ("network" if g in palette.ENTITIES["network"] else "")
    if not fam:
        return {"label": g, "small": "", "swatch": swatch}
    names = palette.ENTITIES[fam]
    if "+" in g and all(p in names for p in g.split("+")):
        return {"label": " + ".join(names[p].label for p in g.split("+")), "small": "", "swatch": ""}
    if g in names:
        return {"label": names[g].label, "small": g, "swatch": swatch}
    return {"label": g, "small": "", "swatch": swatch}


def _prob_span(low, high) -> str:
    """The range of a probability over every way the unknowns could be resolved.

    >>> _prob_span(3.05e-06, 1.0), _prob_span(0.2, 0.2), _prob_span(0.2, None)
    ('3.05\u00d710\u207b\u2076 \u2013 1.00', '0.200', '0.200')
    """
    a, b = probability(low), probability(high)
    if not a or not b or a == b:
        return a
    return f"{a} \u2013 {b}"


def _adjust_words(t: pd.DataFrame) -> str:
    method = next((str(x) for x in t.get("adjust", pd.Series(dtype=object)).dropna() if str(x).strip()), "")
    # the family: the rows with an adjusted value (a named gap's outside row is its target's complement, not in it)
    n = int(t["p_le_count_adj"].notna().sum()) if "p_le_count_adj" in t.columns else 0
    if "baseline" in t.columns and t["baseline"].nunique() > 1:
        n = int(t[t["baseline"] == t["baseline"].iloc[0]]["p_le_count_adj"].notna().sum())
    if method == "holm":
        return f"the adjusted column is Holm-adjusted over both tails of the {n} groups tested ({2 * n} tests)"
    if method:
        return f"the adjusted column uses the {method} adjustment over both tails of the {n} groups tested"
    return "no multiplicity adjustment"


def _baseline_notes(t: pd.DataFrame, src: "_Sources") -> list[dict]:
    """The baseline(s) of a gap table, with their sources, for ``macros.baseline_notes``."""
    if "baseline" not in t.columns:
        return []
    blocks = t[t["baseline"].fillna("").astype(str) != ""].drop_duplicates("baseline")
    out = []
    for _, row in blocks.iterrows():
        sources = split_cell(row.get("baseline_sources"), ";")
        test = as_text(row.get("test")) or next((x for x in t["test"].fillna("") if x), "")
        out.append({
            "label": as_text(row.get("baseline_label")) or as_text(row["baseline"]),
            # an id of the data package, not a figure passed in by the caller
            "id": "" if as_text(row["baseline"]) == "user" else as_text(row["baseline"]),
            "sources": [src.ref(s) for s in sources] if sources and sources != ["user"] else [],
            "note": as_text(row.get("baseline_note")),
            "test": test,
            "adjust": _adjust_words(t),
        })
    return out


def _gap_table(t: pd.DataFrame, *, caption: str, group_head: str = "Group") -> dict:
    """The rows of a representation or gap table: counts, bounds, baseline, exact probabilities, names."""
    has_range = "p_le_count_at_low" in t.columns and any(
        probability_range(lo, hi) for lo, hi in zip(t["p_le_count_at_low"], t["p_le_count_at_high"]))
    has_tribe = "tribe_members_elsewhere" in t.columns and t["tribe_members_elsewhere"].fillna("").astype(str).ne("").any()
    has_baseline = bool(t["baseline_share"].notna().any())
    head = [{"text": group_head}, {"text": "Known", "cls": "num"}, {"text": "Up to", "cls": "num"},
            {"text": "Share of cabinet", "small": "known \u2013 up to", "cls": "num"},
            {"text": "95% interval", "small": "Clopper-Pearson", "cls": "num"}]
    if has_baseline:
        head += [{"text": "Population share", "cls": "num"}, {"text": "Expected", "cls": "num"},
                 {"text": "Gap", "small": "pp, known", "cls": "num"},
                 {"text": "P(count \u2264 known)", "small": "at the known \u2013 at the largest possible count",
                  "cls": "num"},
                 {"text": "P adjusted", "small": "same range, for the groups tested", "cls": "num"},
                 {"text": "P, complete cases", "small": "known count of those with a known tag", "cls": "num"}]
        if has_range:
            head.append({"text": "P across the range", "small": "low share \u2192 high share", "cls": "num"})
    head += [{"text": "Members"}, {"text": "Possible members", "small": "disputed tag"}]
    if has_tribe:
        head.append({"text": "Ishaqzai or Alizai tribe members counted outside"})
    rows = []
    by = as_text(t["by"].iloc[0]) if "by" in t.columns and len(t) else ""
    for _, r in t.iterrows():
        aside = as_text(r.get("status")) in ("disputed", "unknown")
        group = as_text(r["group"])
        label = {"disputed": "disputed tag", "unknown": "unknown tag"}.get(group) if aside else None
        share = percent(r["baseline_share"])
        span = percent_range(r.get("baseline_low"), r.get("baseline_high"))
        rows.append({
            "aside": aside, "group": {"label": label, "small": ""} if label else _group_label(group, by),
            "count": number(r["count"]), "count_max": number(r["count_max"]),
            "share": percent_range(r["share"], r["share_max"]), "ci": percent_range(r["ci_low"], r["ci_high"]),
            "base_share": share, "base_range": span if share and span != share else "",
            "expected": "" if is_missing(r.get("expected")) else f"{float(r['expected']):.1f}",
            "gap": points(r.get("gap_pp")),
            "p": _prob_span(r.get("p_le_count"), r.get("p_le_count_max")),
            "p_adj": _prob_span(r.get("p_le_count_adj"), r.get("p_le_count_max_adj")),
            "p_known": probability(r.get("p_le_known")),
            "p_range": probability_range(r.get("p_le_count_at_low"), r.get("p_le_count_at_high")) if has_range else "",
            "members": _names(r.get("members")), "possible": _names(r.get("possible_members")),
            "tribe": _names(r.get("tribe_members_elsewhere")),
        })
    return {"caption": caption, "head": head, "rows": rows, "has_baseline": has_baseline, "has_range": has_range,
            "has_tribe": has_tribe}


def _section(t: pd.DataFrame, src: "_Sources", *, caption: str, group_head: str = "Group") -> dict:
    return {"notes": _baseline_notes(t, src), "table": _gap_table(t, caption=caption, group_head=group_head),
            "definition": as_text(t["definition"].iloc[0]) if "definition" in t.columns else "",
            # a table of memberships (networks: a man may belong to two) says so, with how many count twice
            "counting": counting_note(t) if t.attrs.get("counts") else ""}


def _ethnicity(t: pd.DataFrame, src: "_Sources") -> dict:
    """Counts per ethnic group, and the baseline share and probability under every published estimate.

    The table's ``residual`` rows (each estimate's groups it does not name) are one row, whose count
    differs by estimate; the literal group ``Other`` is a group like any other.
    """
    estimates = list(dict.fromkeys(t["baseline"].fillna("").astype(str)))
    first = t[t["baseline"].fillna("").astype(str) == estimates[0]]
    groups = list(dict.fromkeys(t.loc[t["status"] == "group", "group"].astype(str)))
    counts = t[t["status"] == "group"].drop_duplicates("group").set_index("group")
    by_est = {e: t[t["baseline"].fillna("").astype(str) == e] for e in estimates}
    head = [{"text": "Group"}, {"text": "Known", "cls": "num"}, {"text": "Up to", "cls": "num"},
            {"text": "Share of cabinet", "small": "known \u2013 up to", "cls": "num"}]
    head += [{"text": e, "small": "share \u00b7 P(count \u2264 known), known \u2013 largest count", "cls": "num"}
             for e in estimates]
    head.append({"text": "Known members"})

    def cell(row, with_count=False):
        if row is None or is_missing(row["baseline_share"]):
            return {"published": False}
        share = percent(row["baseline_share"])
        span = percent_range(row["baseline_low"], row["baseline_high"])
        return {"published": True, "share": share, "span": span if span != share else "",
                "count": f"{number(row['count'])} known, up to {number(row['count_max'])}" if with_count else "",
                "p": _prob_span(row["p_le_count"], row["p_le_count_max"])}

    rows = []
    for g in groups:
        r = counts.loc[g]
        cells = []
        for e in estimates:
            hit = by_est[e][(by_est[e]["status"] == "group") & (by_est[e]["group"].astype(str) == g)]
            cells.append(cell(hit.iloc[0] if len(hit) else None))
        rows.append({"aside": False, "group": g, "swatch": palette.css_name("ethnicity", g),
                     "count": number(r["count"]), "count_max": number(r["count_max"]),
                     "share": percent_range(r["share"], r["share_max"]), "cells": cells, "members": _names(r.get("members"))})
    res = t[t["status"] == "residual"]
    if len(res):
        lo, hi = number(res["count"].min()), number(res["count"].max())
        cells = []
        for e in estimates:
            hit = by_est[e][by_est[e]["status"] == "residual"]
            cells.append(cell(hit.iloc[0] if len(hit) else None, with_count=True))
        rows.append({"aside": False, "group": as_text(res["group"].iloc[0]), "count": lo if lo == hi else f"{lo}\u2013{hi}",
                     "count_max": number(res["count_max"].max()),
                     "share": percent_range(res["share"].min(), res["share_max"].max()), "cells": cells,
                     "members": _names("")})
    for _, r in first[first["status"].isin(["disputed", "unknown"])].iterrows():
        rows.append({"aside": True, "group": "disputed tag" if r["status"] == "disputed" else "unknown tag",
                     "count": number(r["count"]), "count_max": number(r["count"]), "share": percent(r["share"]),
                     "cells": [None] * len(estimates), "members": _names(r.get("members"))})
    notes = []
    for e in estimates:
        row = by_est[e].iloc[0]
        notes.append({"id": e, "label": as_text(row.get("baseline_label")),
                      "sources": [src.ref(s) for s in split_cell(row.get("baseline_sources"), ";")],
                      "note": as_text(row.get("baseline_note"))})
    return {"estimates": notes, "head": head, "rows": rows,
            "caption": f"Ethnicity of the {number(first['n'].iloc[0])} appointees against every published estimate"}


def _claims(c: pd.DataFrame) -> list[dict]:
    return [{"id": as_text(r["id"]), "claim": as_text(r["claim"]), "verdict": as_text(r["verdict"]),
             "verdict_class": re.sub(r"[^a-z_-]", "", as_text(r["verdict"]).lower()),
             "deciding": _bidi(r["deciding"]), "unknown": _bidi(r["unknown"]), "figure": as_text(r["figure"])}
            for _, r in c.iterrows()]


_ASSUMPTION_HEADS = {"bounds": "Bounds (no assumption)", "like_known": "Like the known",
                     "population": "In proportion to the population", "priors": "Priors"}


def _likelihood(t: pd.DataFrame) -> dict:
    """The table of :func:`cabinet.claim_probabilities`: one row per claim, one column per assumption."""
    order = list(dict.fromkeys(t["assumption"]))
    rows = []
    for cid, block in t.groupby("id", sort=False):
        cells = []
        for a in order:
            r = block[block["assumption"] == a].iloc[0]
            if a == "bounds":
                lo, hi = float(r["probability_low"]), float(r["probability_high"])
                cells.append(f"{lo:.0f}" if lo == hi else f"{lo:.0f} to {hi:.0f}")
            elif pd.isna(r["probability"]):
                cells.append("no share exists")
            else:
                cells.append(f"{float(r['probability']):.2f}")
        rows.append({"id": cid, "verdict": block["verdict"].iloc[0], "cells": cells})

    n = t.attrs.get("n")
    return {"heads": [_ASSUMPTION_HEADS.get(a, a) for a in order], "rows": rows, "min_class": MIN_CLASS_KNOWN,
            "prior": prior_words(t.attrs.get("prior", DEFAULT_PRIOR)), "n": n if n is not None else ""}


def _tag_cell(r, tag: str, sources_col: str, src: "_Sources") -> dict:
    """A tag with the sources that state it; a disputed tag shows each candidate with its own sources."""
    value = as_text(r.get(tag)).strip()
    inferred = tag in split_cell(r.get("inferred_fields"), ";") or (tag == "un_listed" and "un_listed" in as_text(r.get("inferred_fields")))
    if not value or value == "unknown":
        return {"unknown": True}
    cands = [c.strip() for c in value.split("|")]
    groups = [split_cell(g, ";") for g in as_text(r.get(sources_col)).split("|")]
    un_ref = as_text(r.get("un_ref")).strip() if tag == "un_listed" else ""
    if len(cands) == 1:
        return {"unknown": False, "value": value, "un_ref": un_ref, "inferred": inferred, "candidates": [],
                "links": [src.ref(s) for g in groups for s in g]}
    return {"unknown": False, "value": value, "un_ref": un_ref, "inferred": inferred, "links": [],
            "candidates": [{"value": cand, "links": [src.ref(s) for s in (groups[i] if i < len(groups) else [])]}
                           for i, cand in enumerate(cands)]}


def _note(value) -> dict:
    """Research notes, folded: the first words as the summary, the whole note when opened."""
    text = as_text(value).strip()
    return {"text": text, "teaser": text[:120].rsplit(" ", 1)[0] if len(text) > 160 else ""}


def _roster_rows(gov: pd.DataFrame, src: "_Sources", tags=_TAGS) -> list[dict]:
    """The rows of ``macros.roster_table``: each tag of ``tags`` (column, sources column, label) with its sources."""
    rows = []
    for _, r in gov.iterrows():
        rows.append({
            "name": _bidi(r.get("name")), "posts": as_text(r.get("posts")) or as_text(r.get("post")),
            "appointment_id": as_text(r.get("appointment_id")), "person_id": as_text(r.get("person_id")),
            "announced": iso_date(r.get("first_announced") if "first_announced" in r else r.get("announced")),
            "tags": [_tag_cell(r, tag, col, src) for tag, col, _ in tags],
            "sources": [src.ref(s) for s in split_cell(r.get("source_ids"), ";")],
            "note": _note(r.get("notes")),
        })
    return rows


def _sources_rows(src: "_Sources") -> list[dict]:
    rows = []
    for sid in sorted(src.cited):
        row = src.rows.get(sid)
        if row is None:
            rows.append({"id": sid, "known": False})
            continue
        raw = as_text(row.get("url"))
        rows.append({"id": sid, "known": True, "title": as_text(row.get("title")), "publisher": as_text(row.get("publisher")),
                     "date": as_text(row.get("date")), "url": http_url(raw), "raw": raw})
    return rows


def _sources_table(src: "_Sources") -> str:
    """The list of the sources cited, as HTML."""
    return str(_macros().sources_table(_sources_rows(src)))


def _row(t: pd.DataFrame, group: str):
    hit = t[t["group"].astype(str) == group]
    return None if hit.empty else hit.iloc[0]


def _p_sentence(r, what: str) -> str:
    """Exact probability of a count this low as the range the unknowns allow, and the complete-case value."""
    k = number(r["count"])
    text = (f"P(count \u2264 {k}) = {probability(r['p_le_count'])} at the known count, {probability(r['p_le_count_max'])} "
            f"at the largest possible count ({number(r['count_max'])}); the true value lies between them whatever the "
            f"unknown and disputed {what}s turn out to be")
    if not is_missing(r.get("p_le_known")) and not is_missing(r.get("n_known")):
        text += (f". Complete cases only (the {number(r['n_known'])} appointees whose {what} is known): "
                 f"P = {probability(r['p_le_known'])}")
    return text


def _home_text(ctx) -> str:
    """The page's words for the sense of home its regional tables use, and whether weak values are left out."""
    return ({"any": "in any sense (birth, family origin or 'from'; plural where they differ)",
             "birth": "by birth", "origin": "by family origin",
             "stated": "where a source says 'from'"}[ctx.get("home", "any")]
            + ("; values resting only on low-class sources left out" if ctx.get("exclude_weak") else ""))


def _summary(ctx) -> list[dict]:
    c, gov = ctx["claims"], ctx["government"]
    n = len(gov)
    counts = c["verdict"].value_counts()
    verdicts = ", ".join(f"{int(counts.get(v, 0))} {v}" for v in ("supported", "contradicted", "undetermined"))
    items = [{"head": "Claims.", "text": f"Of the {len(c)} claims of the commentary checked against the 33 of 7 "
              f"September 2021: {verdicts}. An undetermined claim turns on tags no source settles; its bound is "
              "stated, never guessed."}]
    who = f"the {n} appointees" + (f" of the government as of {long_date(ctx['as_of'])}" if ctx["as_of"] is not None
                                   else " of 7 September 2021")
    items += _summary_regions(ctx, who)
    h = ctx["helmandi"]
    hr = h[h["target"] & h["baseline_share"].notna()]
    if not hr.empty:
        r = hr.iloc[0]
        items.append({"head": "Helmandi networks.", "text": (
            f"{number(r['count'])} known representatives of the Ishaqzai and Alizai networks of Helmand, up to "
            f"{number(r['count_max'])}; against Helmand's population share ({percent(r['baseline_share'])}, a proxy that "
            "understates their weight among fighters): " + _p_sentence(r, "network") + ".")})
    items += _summary_ethnicity(ctx, who)
    return items


def _summary_regions(ctx, who: str) -> list[dict]:
    """The summary's items on the west and southwest and the Hazarajat, for any roster of Afghan posts."""
    items = []
    w = _row(ctx["west_southwest"], "West+Southwest")
    if w is not None:
        items.append({"head": "West and southwest.", "text": (
            f"{number(w['count'])} of {who} are known to come from the west or southwest (up to "
            f"{number(w['count_max'])} once unknown and disputed home provinces are resolved), against "
            f"{percent(w['baseline_share'])} of the population ({as_text(w['baseline_label'])}); "
            f"{float(w['expected']):.1f} expected. " + _p_sentence(w, "home province") + ".")})
    core, ext = _row(ctx["hazarajat_core"], "Hazarajat"), _row(ctx["hazarajat_extended"], "Hazarajat")
    if core is not None and ext is not None:
        ends = sorted(float(x) for x in (ext["p_le_count_at_low"], ext["p_le_count_at_high"]) if not is_missing(x))
        ext_range = (f"between {probability(ends[0])} and {probability(ends[-1])}" if len(ends) == 2 and
                     probability(ends[0]) != probability(ends[-1]) else "")
        items.append({"head": "Hazarajat.", "text": (
            f"{number(core['count'])} known from the core Hazarajat (Bamyan and Daykundi), up to "
            f"{number(core['count_max'])}, against {percent(core['baseline_share'])} of the population: "
            + _p_sentence(core, "home province") + f". In the extended Hazarajat (with the Hazara-majority "
            f"districts around it) {number(ext['count'])} known, up to {number(ext['count_max'])}, against "
            f"{percent_range(ext['baseline_low'], ext['baseline_high'])} of the population (midpoint "
            f"{percent(ext['baseline_share'])}): P = {_prob_span(ext['p_le_count'], ext['p_le_count_max'])} over "
            "the range of shares and from the known to the largest possible count"
            + (f"; at the known count, {ext_range} across the range of shares" if ext_range else "") + ".")})
    return items


def _summary_ethnicity(ctx, who: str) -> list[dict]:
    """The summary's item on the Pashtun share against the range of the published estimates."""
    e = ctx["ethnicity"]
    p = e[(e["group"] == "Pashtun") & (e["status"] == "group")]
    if p.empty:
        return []

    shares = p["baseline_share"].dropna()
    lo, hi = float(p["baseline_low"].min()), float(p["baseline_high"].max())
    a, b = _relation(p["share"].iloc[0], lo, hi), _relation(p["share_max"].iloc[0], lo, hi)
    first = e[e["baseline"] == e["baseline"].iloc[0]]
    open_ = number(first.loc[first["status"].isin(["unknown", "disputed"]), "count"].sum())
    verdict = (f"{'within the range of' if a == 'within' else a + ' every'} estimate whatever the unknowns are"
               if a == b else f"{a} or {b} the range of the estimates, depending on the {open_} unknown or "
               "disputed ethnicities")
    return [{"head": "Ethnicity.", "text": (
        f"{number(p['count'].iloc[0])} of {who} are known to be Pashtun, up to {number(p['count_max'].iloc[0])} "
        f"({percent_range(p['share'].iloc[0], p['share_max'].iloc[0])}); the {len(shares)} published estimates "
        f"put Pashtuns at {percent_range(lo, hi)} of the population: the cabinet's Pashtun share is {verdict}.")}]
