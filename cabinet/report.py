"""One self-contained HTML report of the analysis: findings, claims, gap tables, charts and roster.

:func:`write_report` writes a single HTML file that a reader can open offline
and pass around: the CSS is inline, the six charts of :data:`cabinet.charts.CHARTS`
are inline SVG, and the page loads nothing from anywhere (no scripts, style
sheets, fonts or images from outside; only the system font stack). Links to the
sources are ordinary ``<a href>`` links that are followed only when clicked.

What the page holds:

- a title and a summary of the findings, written from the data (how many
  claims are supported, contradicted or undetermined; the west/southwest, the
  Hazarajat and the Helmandi-networks counts with their exact probabilities);
- the claims table of :func:`cabinet.claims` (``<table id="claims">``, one
  class per verdict: ``verdict verdict-supported`` and so on);
- the gap tables: regions, west and southwest together, the Hazarajat (core
  and extended), ethnicity (every published estimate side by side), networks
  and the Helmandi networks, each naming its baseline and the baseline's sources;
- all six charts;
- the roster, each tag with the sources that state it (linked to their URL),
  and the list of every source cited;
- the package version, the data-package version, the date of the government
  (``as_of``) and the date the page was generated.

Everything taken from the data is escaped with :func:`html.escape`; only
``http`` and ``https`` URLs become links. The same inputs and the same
``generated`` date give a byte-identical file, and the file is written
atomically (:func:`cabinet.fileio.atomic_path`): an interrupted run leaves the
previous report, never half a page.
"""

from __future__ import annotations

import datetime as _dt
import html
import io
import math
import os
import re
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

__all__ = ["write_report"]

#: Sections of the page, in order: (anchor, heading).
SECTIONS = (
    ("summary", "Summary"),
    ("claims-section", "The commentary's claims"),
    ("regions", "Regions"),
    ("hazarajat", "The Hazarajat"),
    ("ethnicity", "Ethnicity"),
    ("networks", "Networks"),
    ("over-time", "Gaps over 2021"),
    ("roster", "Roster"),
    ("sources", "Sources"),
)

#: Short text alternative of each chart (its drawn title states the finding).
CHART_LABELS = {
    "region_gap": "Cabinet share against population share per region",
    "province_map": "Map of the 34 provinces: known appointees per million inhabitants",
    "ethnicity": "Cabinet share per ethnic group against the range of published estimates",
    "network_waffle": "One square per appointee, coloured by factional network",
    "gaps_over_time": "Known counts of the main gaps at every announcement date of 2021",
    "disproportionality": "Disproportionality of the regional distribution against random appointment",
}

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

_CSS = """
:root{--fg:#1f2328;--muted:#57606a;--line:#d0d7de;--head:#eef1f4;--zebra:#f6f8fa;--link:#0a58a8}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--fg);
 font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans","DejaVu Sans",sans-serif}
main{max-width:1200px;margin:0 auto;padding:1.5rem 1.25rem 4rem}
h1{font-size:1.85rem;line-height:1.2;margin:.3rem 0 .4rem}
h2{font-size:1.4rem;line-height:1.3;margin:2.6rem 0 .6rem;padding-top:.8rem;border-top:2px solid var(--line)}
h3{font-size:1.08rem;margin:1.8rem 0 .4rem}
p,li{max-width:52rem}
a{color:var(--link)}
.lede{font-size:1.08rem;color:#333;margin:.2rem 0 .8rem}
.meta{color:var(--muted);font-size:.88rem;margin:.2rem 0}
nav.toc{font-size:.92rem;margin:1rem 0 0;padding:.5rem .8rem;background:var(--zebra);border-radius:4px}
nav.toc a{margin-right:1.1rem;white-space:nowrap;text-decoration:none}
.findings{padding-left:1.2rem}
.findings li{margin:.35rem 0}
.note{color:var(--muted);font-size:.88rem}
.baseline{font-size:.9rem;margin:.3rem 0 .5rem;padding:.45rem .7rem;border-left:3px solid #9aa5b1;background:#fafbfc;max-width:none}
.table-wrap{overflow-x:auto;margin:.4rem 0 1.2rem;border:1px solid var(--line);border-radius:4px}
table{border-collapse:collapse;width:100%;font-size:.86rem;line-height:1.4}
caption{caption-side:top;text-align:left;font-weight:600;padding:.45rem .6rem;background:#fff}
th,td{padding:.38rem .45rem;text-align:left;vertical-align:top;border-bottom:1px solid var(--line)}
thead th{background:var(--head);font-weight:600;border-bottom:2px solid #b8c0c8}
tbody tr{background:#fff}
tbody tr:nth-child(even){background:var(--zebra)}
tbody tr.aside{color:var(--muted);font-style:italic}
td:empty::after{content:"\\2014";color:#9aa0a6}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.num{white-space:nowrap}
td.names{min-width:8.5rem;max-width:22rem}
td.group{min-width:7rem}
td.num.wrap{white-space:normal;min-width:6rem}
td details summary{font-weight:400;color:var(--link)}
td details[open] summary{margin-bottom:.2rem}
td details[open] summary .teaser{display:none}
td.notes details[open] summary::after{content:"hide the note"}
td.long{min-width:16rem;max-width:34rem}
th small,td small{color:var(--muted);font-weight:400}
.verdict{font-weight:600;white-space:nowrap}
td.verdict-supported{background:#dcf2e4;color:#0b5a31}
td.verdict-contradicted{background:#fbe1e1;color:#8a1414}
td.verdict-undetermined{background:#fff2c6;color:#5e4500}
#claims td.id{font-weight:600;white-space:nowrap}
#claims td.claim{min-width:16rem;max-width:24rem}
#claims td.names{min-width:12rem;max-width:20rem}
#claims td.long{min-width:16rem;max-width:26rem}
figure{margin:1.2rem 0 2rem}
svg.chart{display:block;width:100%;height:auto;border:1px solid #e3e6ea;background:#fff}
svg.chart *{stroke-linejoin:round;stroke-linecap:butt}
figcaption{font-size:.86rem;color:var(--muted);margin-top:.3rem;max-width:52rem}
table.roster{font-size:.8rem}
.table-wrap.tall{max-height:85vh;overflow:auto}
.table-wrap.tall thead th{position:sticky;top:0;z-index:2}
table.roster td{min-width:10rem;max-width:13rem}
table.roster td.person{min-width:15rem;max-width:18rem;position:sticky;left:0;background:inherit;z-index:1;
 box-shadow:1px 0 0 var(--line)}
table.roster th.person{position:sticky;left:0;top:0;z-index:3;background:var(--head);box-shadow:1px 0 0 var(--line)}
table.roster td.notes{min-width:20rem;max-width:26rem}
.person b{display:block;font-size:.9rem}
.person .post{display:block;color:#333}
.person .pid{color:var(--muted);font-size:.75rem}
.cand+.cand{margin-top:.35rem;padding-top:.3rem;border-top:1px dashed #c3c9cf}
.v{font-weight:600}
.v.unknown{font-weight:400;color:#8a9096;font-style:italic}
.tagnote{display:inline-block;margin-left:.3rem;padding:0 .3rem;border-radius:3px;font-size:.7rem;
 background:#e8ecf0;color:#444;font-weight:400}
.tagnote.disputed{background:#fde2c4;color:#6a3800}
.src{display:block;font-size:.74rem;line-height:1.3;color:var(--muted);margin-top:.1rem}
.src a,.src span{display:block;overflow-wrap:break-word;margin:.12rem 0}
details{margin:.6rem 0}
summary{cursor:pointer;font-weight:600}
.url{overflow-wrap:anywhere;font-size:.8rem}
@media print{.table-wrap,.table-wrap.tall{overflow:visible;max-height:none;border:0}nav.toc{display:none}
 details>*{display:block}}
"""


# ---------------------------------------------------------------------------
# formatting
# ---------------------------------------------------------------------------


def _esc(value) -> str:
    """Text from the data, escaped for HTML text and attribute values (quotes included).

    Examples
    --------
    >>> _esc('<script>alert("x")</script>')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    >>> _esc(None), _esc(float("nan"))
    ('', '')
    """
    if _missing(value):
        return ""
    return html.escape(str(value), quote=True)


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(isinstance(value, float) and math.isnan(value))
    except TypeError:  # pragma: no cover - defensive
        return False


def _text(value) -> str:
    return "" if _missing(value) else str(value)


def _num(x) -> str:
    """A count: whole numbers without decimals, else one decimal.

    >>> _num(3.0), _num(2.5), _num(None)
    ('3', '2.5', '')
    """
    if _missing(x):
        return ""
    x = float(x)
    return f"{x:.0f}" if x.is_integer() else f"{x:.1f}"


def _pct(x) -> str:
    """A share as a percentage with one decimal.

    >>> _pct(0.180316), _pct(None)
    ('18.0%', '')
    """
    if _missing(x):
        return ""
    return f"{100 * float(x):.1f}%"


def _pct_range(low, high) -> str:
    """Two shares as one range (one value when they round to the same figure).

    >>> _pct_range(0.0, 0.2727), _pct_range(0.1, 0.1)
    ('0.0\u201327.3%', '10.0%')
    """
    if _missing(low) and _missing(high):
        return ""
    a, b = _pct(low), _pct(high)
    if a == b or not b:
        return a
    if not a:
        return b
    return f"{a[:-1]}\u2013{b}"


def _prob(p) -> str:
    """An exact probability with three significant digits (powers of ten below 0.001).

    >>> _prob(0.0014137), _prob(0.33762), _prob(1.0), _prob(7.3787e-14), _prob(None)
    ('0.00141', '0.338', '1.00', '7.38\u00d710\u207b\u00b9\u2074', '')
    """
    if _missing(p):
        return ""
    p = float(p)
    if p == 0:
        return "0"
    if p >= 0.001:
        return f"{p:#.3g}"
    mantissa, exponent = f"{p:.2e}".split("e")
    sup = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")
    return f"{mantissa}\u00d710{str(int(exponent)).translate(sup)}"


def _prob_range(low, high) -> str:
    """Probabilities at the two ends of a baseline range, low share first (empty when they agree).

    >>> _prob_range(0.3376, 0.003294), _prob_range(0.2, 0.2)
    ('0.338 \u2192 0.00329', '')
    """
    a, b = _prob(low), _prob(high)
    if not a or not b or a == b:
        return ""
    return f"{a} \u2192 {b}"


def _pp(x) -> str:
    """A gap in percentage points, signed.

    >>> _pp(-12.82), _pp(3.0)
    ('\u221212.8', '+3.0')
    """
    if _missing(x):
        return ""
    x = float(x)
    return f"{x:+.1f}".replace("-", "\u2212")


def _date(value) -> str:
    if _missing(value):
        return ""
    try:
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    except (ValueError, TypeError):
        return str(value)


def _long_date(value) -> str:
    ts = pd.Timestamp(value)
    return f"{ts.day} {ts.strftime('%B %Y')}"


def _split(value, sep) -> list[str]:
    return [part.strip() for part in _text(value).split(sep) if part.strip()]


# ---------------------------------------------------------------------------
# sources and links
# ---------------------------------------------------------------------------


def _http_url(url) -> str | None:
    """The URL if it is an absolute http(s) URL, else None (it is then shown as text).

    >>> _http_url("https://example.org/a?b=1"), _http_url("javascript:alert(1)"), _http_url("//x.org")
    ('https://example.org/a?b=1', None, None)
    """
    url = _text(url).strip()
    if not url or any(c in url for c in "\r\n\t\x00"):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url
    return None


class _Sources:
    """Looks up source ids in ``sources.csv`` and renders them as links; remembers which were cited."""

    def __init__(self, table: pd.DataFrame):
        self.rows = {str(r["source_id"]): r for _, r in table.iterrows()}
        self.cited: dict[str, None] = {}

    def link(self, sid: str) -> str:
        sid = sid.strip()
        self.cited.setdefault(sid, None)
        row = self.rows.get(sid)
        if row is None:
            return f'<span title="not in sources.csv">{_esc(sid)}</span>'
        title = ", ".join(x for x in (_text(row.get("title")), _text(row.get("publisher")), _text(row.get("date"))) if x)
        url = _http_url(row.get("url"))
        if url is None:
            return f'<span title="{_esc(title)}">{_esc(sid)}</span>'
        return f'<a href="{_esc(url)}" title="{_esc(title)}">{_esc(sid)}</a>'

    def links(self, ids) -> str:
        ids = [i for i in ids if i]
        if not ids:
            return ""
        return '<span class="src">' + " ".join(self.link(i) for i in ids) + "</span>"

    def list_cell(self, value) -> str:
        """A ``;``-separated list of source ids as links."""
        return self.links(_split(value, ";"))


# ---------------------------------------------------------------------------
# charts
# ---------------------------------------------------------------------------


_ID_RE = re.compile(r'\bid="([^"]+)"')
_HREF_RE = re.compile(r'(\bhref=")#')
_URL_RE = re.compile(r"url\(#")


def _inline_svg(svg: str, name: str) -> str:
    """A matplotlib SVG file made fit to sit inside an HTML page.

    Drops the XML prolog and doctype, the metadata, comments and the global
    ``<style>`` (its rule is in the page's CSS, scoped to the charts), prefixes
    every id with the chart name so several charts can share one page, and sets
    the class, role and label of the ``<svg>`` element.
    """
    start = svg.find("<svg")
    if start < 0:
        raise ValueError(f"chart {name}: matplotlib wrote no <svg> element")
    svg = svg[start:]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r"<!--.*?-->\s*", "", svg, flags=re.S)
    svg = re.sub(r"<style[^>]*>.*?</style>\s*", "", svg, flags=re.S)
    svg = re.sub(r"<defs>\s*</defs>\s*", "", svg)
    prefix = f"{name}-"
    svg = _ID_RE.sub(lambda m: f'id="{prefix}{m.group(1)}"', svg)
    svg = _HREF_RE.sub(lambda m: f"{m.group(1)}#{prefix}", svg)
    svg = _URL_RE.sub(f"url(#{prefix}", svg)
    head_end = svg.index(">")
    head = svg[:head_end]
    width = re.search(r'\bwidth="([\d.]+)pt"', head)
    head = re.sub(r'\s(width|height)="[^"]*"', "", head)
    # the drawings carry fine print (captions at 6 pt): let them grow to 1.45 times their natural size
    style = f' style="max-width:{float(width.group(1)) * 4 / 3 * 1.45:.0f}px"' if width else ""
    label = _esc(CHART_LABELS.get(name, name))
    head += f' class="chart" id="chart-{_esc(name)}" role="img" aria-label="{label}"{style}'
    return head + svg[head_end:].rstrip() + "\n"


def _chart_svg(name: str, data: pd.DataFrame) -> str:
    """Chart ``name`` drawn from ``data`` as inline SVG, with the settings of :mod:`cabinet.charts`."""
    import matplotlib

    from . import charts

    with matplotlib.rc_context(charts._RC):
        fig = charts._draw(name, data)
        buf = io.BytesIO()
        fig.savefig(buf, format="svg", dpi=charts._DPI, metadata=dict(charts._METADATA["svg"]),
                    bbox_inches="tight", pad_inches=0.15)
        fig.clear()
    return _inline_svg(buf.getvalue().decode("utf-8"), name)


def _figure(name: str, data: pd.DataFrame, caption: str) -> str:
    return (f'<figure id="figure-{_esc(name)}">\n{_chart_svg(name, data)}'
            f"<figcaption>{caption}</figcaption>\n</figure>\n")


# ---------------------------------------------------------------------------
# data
# ---------------------------------------------------------------------------


def _check_as_of(as_of):
    from .charts import _check_as_of

    return _check_as_of(as_of)


def _inputs(roster, later, as_of):
    """Everything the page shows, computed before a byte is written."""
    from .timeline import gaps_over_time
    from .claims import claims
    from .datapackage import descriptor
    from .gaps import hazarajat_gap, helmandi_networks_gap, west_southwest_gap
    from .loaders import announcement_dates, load_roster, load_sources
    from .representation import representation

    when = _check_as_of(as_of)
    ctx = {"as_of": when, "data_version": str(descriptor().get("version", "?"))}

    def analyse(path=None, later_path=None, frames=None):
        gov = load_roster(as_of=when, path=path, later_path=later_path)
        dates = [d for d in announcement_dates(path, later_path) if when is None or d <= when]
        region = representation(gov, "region", scheme="commentary")
        network = representation(gov, "network")
        ethnicity = representation(gov, "ethnicity")
        ctx.update(
            government=gov,
            claims=claims() if frames is None else claims(*frames),
            region=region,
            west_southwest=west_southwest_gap(gov),
            hazarajat_core=hazarajat_gap(gov, definition="core"),
            hazarajat_extended=hazarajat_gap(gov, definition="extended"),
            ethnicity=ethnicity,
            network=network,
            helmandi=helmandi_networks_gap(gov),
        )
        ctx["charts"] = {
            "region_gap": region,
            "province_map": representation(gov, "province"),
            "ethnicity": ethnicity,
            "network_waffle": network,
            "gaps_over_time": gaps_over_time(dates, path=path, later_path=later_path),
            "disproportionality": region,
        }

    if roster is None and later is None:
        analyse()
    else:
        # A roster given as tables goes through the same loaders, and so the same checks, as files do.
        from . import datapackage as dp
        from .loaders import load_appointees, load_later_appointments

        first = load_appointees() if roster is None else roster
        rest = load_later_appointments() if later is None else later
        with tempfile.TemporaryDirectory(prefix="cabinet-report-") as tmp:
            paths = []
            for table, frame in (("appointees", first), ("later_appointments", rest)):
                if not isinstance(frame, pd.DataFrame):
                    raise ValueError(f"{'roster' if table == 'appointees' else 'later'} must be a pandas DataFrame "
                                     f"in the form of data/{table}.csv; got {type(frame).__name__}")
                fields = dp.field_names(table)
                missing = [c for c in fields if c not in frame.columns]
                if missing:
                    raise ValueError(f"{'roster' if table == 'appointees' else 'later'} lacks the column(s) "
                                     f"{', '.join(missing)} of data/{table}.csv")
                path = Path(tmp) / f"{table}.csv"
                frame[fields].to_csv(path, index=False, date_format="%Y-%m-%d", lineterminator="\n")
                paths.append(path)
            frames = (load_appointees(paths[0]), load_later_appointments(paths[1]))
            analyse(paths[0], paths[1], frames)
    ctx["sources"] = _Sources(load_sources())
    return ctx


# ---------------------------------------------------------------------------
# tables
# ---------------------------------------------------------------------------


def _table(head: list[tuple[str, str]], rows: list[str], *, caption: str = "", table_id: str = "",
           cls: str = "", wrap: str = "table-wrap") -> str:
    """A table inside a horizontally scrolling box; ``head`` is (html, class) per column."""
    attrs = (f' id="{table_id}"' if table_id else "") + (f' class="{cls}"' if cls else "")
    ths = "".join(f'<th scope="col"{f" class={chr(34)}{c}{chr(34)}" if c else ""}>{h}</th>' for h, c in head)
    cap = f"<caption>{caption}</caption>" if caption else ""
    return (f'<div class="{wrap}"><table{attrs}>{cap}\n<thead><tr>{ths}</tr></thead>\n<tbody>\n'
            + "".join(rows) + "</tbody></table></div>\n")


def _td(content: str, cls: str = "", **attrs) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{_esc(v)}"' for k, v in attrs.items())
    return f'<td{f" class={chr(34)}{cls}{chr(34)}" if cls else ""}{extra}>{content}</td>'


def _names(value, *, limit: int = 4) -> str:
    """A ``; ``-separated list of names; more than ``limit`` names fold into a <details> element."""
    text = _text(value).strip()
    if not text:
        return ""
    count = len([x for x in text.split(";") if x.strip()])
    if count <= limit:
        return _esc(text)
    return f"<details><summary>{count} names</summary>{_esc(text)}</details>"


def _group_label(group) -> str:
    from .plots import NETWORK_LABELS

    g = _text(group)
    if "+" in g and all(p in NETWORK_LABELS for p in g.split("+")):
        return " + ".join(NETWORK_LABELS[p] for p in g.split("+"))
    if g in NETWORK_LABELS:
        return f"{NETWORK_LABELS[g]} <small>{_esc(g)}</small>"
    return _esc(g)


def _baseline_note(t: pd.DataFrame, src: _Sources, *, none: str) -> str:
    """A paragraph naming the baseline(s) of a gap table, with their sources as links."""
    if "baseline" not in t.columns:
        return f'<p class="baseline">{none}</p>'
    blocks = t[t["baseline"].fillna("").astype(str) != ""].drop_duplicates("baseline")
    if blocks.empty:
        return f'<p class="baseline">{none}</p>'
    parts = []
    for _, row in blocks.iterrows():
        text = f"<strong>Baseline:</strong> {_esc(row.get('baseline_label')) or _esc(row['baseline'])}"
        if _text(row["baseline"]) != "user":  # an id of the data package, not a figure passed in by the caller
            text += f" <small>[{_esc(row['baseline'])}]</small>"
        sources = _split(row.get("baseline_sources"), ";")
        if sources and sources != ["user"]:
            text += ". Sources: " + " ".join(src.link(s) for s in sources)
        note = _text(row.get("baseline_note"))
        if note:
            text += f". Note: {_esc(note)}"
        test = _text(row.get("test")) or next((x for x in t["test"].fillna("") if x), "")
        if test:
            text += f". Probabilities are exact one-sided {_esc(test)} probabilities of a count this low."
        parts.append(text)
    return "".join(f'<p class="baseline">{p}</p>' for p in parts)


def _gap_table(t: pd.DataFrame, *, caption: str, group_head: str = "Group") -> str:
    """The rows of a representation or gap table: counts, bounds, baseline, exact probability, names."""
    has_range = "p_le_count_at_low" in t.columns and any(
        _prob_range(lo, hi) for lo, hi in zip(t["p_le_count_at_low"], t["p_le_count_at_high"]))
    has_tribe = "tribe_members_elsewhere" in t.columns and t["tribe_members_elsewhere"].fillna("").astype(str).ne("").any()
    has_baseline = t["baseline_share"].notna().any()
    head = [(group_head, ""), ("Known", "num"), ("Up to", "num"), ("Share of cabinet<br><small>known \u2013 up to</small>", "num"),
            ("95% interval<br><small>Clopper-Pearson</small>", "num")]
    if has_baseline:
        head += [("Population share", "num"), ("Expected", "num"), ("Gap<br><small>pp, known</small>", "num"),
                 ("P(count \u2264 known)", "num")]
        if has_range:
            head.append(("P across the range<br><small>low share \u2192 high share</small>", "num"))
    head += [("Members", ""),
             ("Possible members<br><small>disputed tag</small>", "")]
    if has_tribe:
        head.append(("Ishaqzai or Alizai tribe members counted outside", ""))
    rows = []
    for _, r in t.iterrows():
        aside = _text(r.get("status")) in ("disputed", "unknown")
        group = _text(r["group"])
        label = {"disputed": "disputed tag", "unknown": "unknown tag"}.get(group, None) if aside else None
        cells = [_td(_esc(label) if label else _group_label(group), "group"),
                 _td(_num(r["count"]), "num"), _td(_num(r["count_max"]), "num"),
                 _td(_pct_range(r["share"], r["share_max"]), "num"),
                 _td(_pct_range(r["ci_low"], r["ci_high"]), "num")]
        if has_baseline:
            share = _pct(r["baseline_share"])
            span = _pct_range(r["baseline_low"], r["baseline_high"])
            if share and span != share:
                share += f"<br><small>range {span}</small>"
            cells += [_td(share, "num"), _td("" if _missing(r["expected"]) else f"{float(r['expected']):.1f}", "num"),
                      _td(_pp(r["gap_pp"]), "num"), _td(_prob(r["p_le_count"]), "num")]
            if has_range:
                cells.append(_td(_prob_range(r["p_le_count_at_low"], r["p_le_count_at_high"]), "num wrap"))
        cells += [_td(_names(r.get("members")), "names"), _td(_names(r.get("possible_members")), "names")]
        if has_tribe:
            cells.append(_td(_names(r.get("tribe_members_elsewhere")), "names"))
        rows.append(f'<tr{" class=" + chr(34) + "aside" + chr(34) if aside else ""}>' + "".join(cells) + "</tr>\n")
    return _table(head, rows, caption=caption, cls="gap")


def _ethnicity_tables(t: pd.DataFrame, src: _Sources) -> str:
    """Counts per ethnic group, and the baseline share and probability under every published estimate."""
    estimates = list(dict.fromkeys(t["baseline"].fillna("").astype(str)))
    first = t[t["baseline"].fillna("").astype(str) == estimates[0]]
    groups = [g for g in dict.fromkeys(t.loc[t["status"] == "group", "group"].astype(str))]
    counts = t[t["status"] == "group"].drop_duplicates("group").set_index("group")
    head = [("Group", ""), ("Known", "num"), ("Up to", "num"), ("Share of cabinet<br><small>known \u2013 up to</small>", "num")]
    head += [(f"{_esc(e)}<br><small>share \u00b7 P(count \u2264 known)</small>", "num") for e in estimates]
    head.append(("Known members", ""))
    by_est = {e: t[t["baseline"].fillna("").astype(str) == e].set_index("group") for e in estimates}
    rows = []
    for g in groups:
        r = counts.loc[g]
        cells = [_td(_esc(g), "group"), _td(_num(r["count"]), "num"), _td(_num(r["count_max"]), "num"),
                 _td(_pct_range(r["share"], r["share_max"]), "num")]
        for e in estimates:
            b = by_est[e]
            if g in b.index and not _missing(b.at[g, "baseline_share"]):
                share = _pct(b.at[g, "baseline_share"])
                span = _pct_range(b.at[g, "baseline_low"], b.at[g, "baseline_high"])
                if span != share:
                    share += f" <small>({span})</small>"
                cells.append(_td(f"{share}<br><small>P = {_prob(b.at[g, 'p_le_count'])}</small>", "num"))
            else:
                cells.append(_td('<small>not published</small>', "num"))
        cells.append(_td(_names(r.get("members")), "names"))
        rows.append("<tr>" + "".join(cells) + "</tr>\n")
    for _, r in first[first["status"] != "group"].iterrows():
        label = "disputed tag" if r["status"] == "disputed" else "unknown tag"
        cells = [_td(label, "group"), _td(_num(r["count"]), "num"), _td(_num(r["count"]), "num"),
                 _td(_pct(r["share"]), "num")] + [_td("", "num") for _ in estimates] + [_td(_names(r.get("members")), "names")]
        rows.append('<tr class="aside">' + "".join(cells) + "</tr>\n")
    n = _num(first["n"].iloc[0])
    table = _table(head, rows, caption=f"Ethnicity of the {n} appointees against every published estimate")
    items = []
    for e in estimates:
        row = by_est[e].iloc[0]
        text = f"<strong>{_esc(e)}</strong>: {_esc(row.get('baseline_label'))}"
        sources = _split(row.get("baseline_sources"), ";")
        if sources:
            text += ". Sources: " + " ".join(src.link(s) for s in sources)
        if _text(row.get("baseline_note")):
            text += f". Note: {_esc(row.get('baseline_note'))}"
        items.append(f"<li>{text}</li>")
    return ('<p class="baseline"><strong>Baselines:</strong> one column per published estimate of the '
            "ethnic composition; the share is the estimate's figure for the group (range where the estimate gives "
            "one) and P the exact one-sided binomial probability of a count this low.</p>\n"
            f'<ul class="note">{"".join(items)}</ul>\n' + table)


def _claims_table(c: pd.DataFrame) -> str:
    cols = [("id", "Claim", "id"), ("claim", "Claim (our words)", "claim"), ("verdict", "Verdict", "verdict"),
            ("deciding", "Deciding", "names"), ("unknown", "Kept open by", "names"), ("figure", "Figures", "long")]
    head = "".join(f'<th scope="col" data-col="{k}">{h}</th>' for k, h, _ in cols)
    rows = []
    for _, r in c.iterrows():
        cells = []
        for key, _, cls in cols:
            value = _esc(r[key])
            if key == "verdict":
                cls = f"verdict verdict-{re.sub(r'[^a-z_-]', '', _text(r[key]).lower())}"
            cells.append(f'<td class="{cls}" data-col="{key}">{value}</td>')
        rows.append(f'<tr id="claim-{_esc(r["id"])}">' + "".join(cells) + "</tr>\n")
    return ('<div class="table-wrap"><table id="claims">\n<thead><tr>' + head + "</tr></thead>\n<tbody>\n"
            + "".join(rows) + "</tbody></table></div>\n")


def _tag_cell(r, tag: str, sources_col: str, src: _Sources) -> str:
    """A tag with the sources that state it; a disputed tag shows each candidate with its own sources."""
    value = _text(r.get(tag)).strip()
    inferred = tag in _split(r.get("inferred_fields"), ";") or (tag == "un_listed" and "un_listed" in _text(r.get("inferred_fields")))
    mark = '<span class="tagnote" title="our inference from the sources (see notes)">inferred</span>' if inferred else ""
    if not value or value == "unknown":
        return _td('<span class="v unknown">unknown</span>')
    cands = [c.strip() for c in value.split("|")]
    groups = [_split(g, ";") for g in _text(r.get(sources_col)).split("|")]
    extra = ""
    if tag == "un_listed" and _text(r.get("un_ref")).strip():
        extra = f" <small>{_esc(r.get('un_ref'))}</small>"
    if len(cands) == 1:
        ids = [s for g in groups for s in g]
        return _td(f'<span class="v">{_esc(value)}</span>{extra}{mark}{src.links(ids)}')
    parts = ['<span class="tagnote disputed" title="sources disagree; each candidate with its sources">disputed</span>'
             + mark]
    for i, cand in enumerate(cands):
        ids = groups[i] if i < len(groups) else []
        parts.append(f'<div class="cand"><span class="v">{_esc(cand)}</span>{src.links(ids)}</div>')
    return _td("".join(parts) + extra)


def _note_cell(value) -> str:
    """Research notes, folded: the first words as the summary, the whole note when opened."""
    text = _text(value).strip()
    if not text:
        return _td("", "notes")
    if len(text) <= 160:
        return _td(_esc(text), "notes")
    words = text[:120].rsplit(" ", 1)[0]
    return _td(f'<details><summary><span class="teaser">{_esc(words)}\u2026</span></summary>{_esc(text)}</details>',
               "notes")


def _roster_table(gov: pd.DataFrame, src: _Sources) -> str:
    head = [("Appointee, post, announced", "person")] + [(label, "") for _, _, label in _TAGS]
    head += [("Appointment sources", ""), ("Notes", "")]
    rows = []
    for _, r in gov.iterrows():
        posts = _text(r.get("posts")) or _text(r.get("post"))
        when = _date(r.get("first_announced") if "first_announced" in r else r.get("announced"))
        person = (f'<b>{_esc(r.get("name"))}</b><span class="post">{_esc(posts)}</span>'
                  f'<span class="pid">{_esc(r.get("appointment_id"))} \u00b7 {_esc(r.get("person_id"))} \u00b7 '
                  f"announced {_esc(when)}</span>")
        cells = [_td(person, "person")]
        cells += [_tag_cell(r, tag, col, src) for tag, col, _ in _TAGS]
        cells += [_td(src.list_cell(r.get("source_ids"))), _note_cell(r.get("notes"))]
        rows.append("<tr>" + "".join(cells) + "</tr>\n")
    return _table(head, rows, cls="roster", wrap="table-wrap tall")


def _sources_table(src: _Sources) -> str:
    head = [("Source id", ""), ("Title", ""), ("Publisher", ""), ("Date", "num"), ("URL", "")]
    rows = []
    for sid in sorted(src.cited):
        row = src.rows.get(sid)
        if row is None:
            rows.append("<tr>" + _td(_esc(sid)) + _td("<em>not in sources.csv</em>") + _td("") + _td("", "num") + _td("") + "</tr>\n")
            continue
        raw = _text(row.get("url"))
        url = _http_url(raw)
        link = f'<a class="url" href="{_esc(url)}">{_esc(url)}</a>' if url else f'<span class="url">{_esc(raw)}</span>'
        rows.append("<tr>" + _td(_esc(sid)) + _td(_esc(row.get("title")), "long") + _td(_esc(row.get("publisher")))
                    + _td(_esc(row.get("date")), "num") + _td(link) + "</tr>\n")
    return _table(head, rows, cls="sources")


# ---------------------------------------------------------------------------
# the page
# ---------------------------------------------------------------------------


def _row(t: pd.DataFrame, group: str):
    hit = t[t["group"].astype(str) == group]
    return None if hit.empty else hit.iloc[0]


def _summary(ctx) -> str:
    c, gov = ctx["claims"], ctx["government"]
    n = len(gov)
    counts = c["verdict"].value_counts()
    verdicts = ", ".join(f"{int(counts.get(v, 0))} {v}" for v in ("supported", "contradicted", "undetermined"))
    items = [f"<li><strong>Claims.</strong> Of the {len(c)} claims of the commentary checked against the 33 "
             f"of 7 September 2021: {verdicts}. An undetermined claim turns on tags no source settles; "
             "its bound is stated, never guessed.</li>"]
    who = f"the {n} appointees" + (f" of the government as of {_long_date(ctx['as_of'])}" if ctx["as_of"] is not None else
                                   " of 7 September 2021")
    w = _row(ctx["west_southwest"], "West+Southwest")
    if w is not None:
        items.append(
            f"<li><strong>West and southwest.</strong> {_num(w['count'])} of {who} are known to come from the west "
            f"or southwest (up to {_num(w['count_max'])} once unknown and disputed home provinces are resolved), "
            f"against {_pct(w['baseline_share'])} of the population ({_esc(w['baseline_label'])}); "
            f"{float(w['expected']):.1f} expected. Exact probability of a count this low: "
            f"P(count \u2264 {_num(w['count'])}) = {_prob(w['p_le_count'])}.</li>")
    core, ext = _row(ctx["hazarajat_core"], "Hazarajat"), _row(ctx["hazarajat_extended"], "Hazarajat")
    if core is not None and ext is not None:
        ends = sorted(float(x) for x in (ext["p_le_count_at_low"], ext["p_le_count_at_high"]) if not _missing(x))
        ext_range = f"between {_prob(ends[0])} and {_prob(ends[-1])}" if len(ends) == 2 and _prob(ends[0]) != _prob(ends[-1]) else ""
        items.append(
            f"<li><strong>Hazarajat.</strong> {_num(core['count'])} known from the core Hazarajat (Bamyan and "
            f"Daykundi), up to {_num(core['count_max'])}, against {_pct(core['baseline_share'])} of the population: "
            f"P(count \u2264 {_num(core['count'])}) = {_prob(core['p_le_count'])}. In the extended Hazarajat "
            f"(with the Hazara-majority districts around it) {_num(ext['count'])} known, up to "
            f"{_num(ext['count_max'])}, against {_pct_range(ext['baseline_low'], ext['baseline_high'])} of the "
            f"population (midpoint {_pct(ext['baseline_share'])}): P = {_prob(ext['p_le_count'])} at the midpoint"
            + (f", {ext_range} across the range" if ext_range else "") + ".</li>")
    h = ctx["helmandi"]
    hr = h[h["target"] & h["baseline_share"].notna()]
    if not hr.empty:
        r = hr.iloc[0]
        items.append(
            f"<li><strong>Helmandi networks.</strong> {_num(r['count'])} known representatives of the Ishaqzai and "
            f"Alizai networks of Helmand, up to {_num(r['count_max'])}; against Helmand's population share "
            f"({_pct(r['baseline_share'])}, a proxy that understates their weight among fighters): "
            f"P(count \u2264 {_num(r['count'])}) = {_prob(r['p_le_count'])}.</li>")
    e = ctx["ethnicity"]
    p = e[(e["group"] == "Pashtun") & (e["status"] == "group")]
    if not p.empty:
        shares = p["baseline_share"].dropna()
        items.append(
            f"<li><strong>Ethnicity.</strong> {_num(p['count'].iloc[0])} of {who} are known to be Pashtun, up to "
            f"{_num(p['count_max'].iloc[0])} ({_pct_range(p['share'].iloc[0], p['share_max'].iloc[0])}); the "
            f"{len(shares)} published estimates put Pashtuns at {_pct_range(shares.min(), shares.max())} of the "
            "population.</li>")
    return '<ul class="findings">' + "\n".join(items) + "</ul>\n"


def _chunks(ctx, generated: str):
    """The page, piece by piece (charts are drawn as they are written)."""
    from . import __version__

    src: _Sources = ctx["sources"]
    gov = ctx["government"]
    n = len(gov)
    as_of = ctx["as_of"]
    if as_of is None:
        scope = f"the {n} appointees announced on 7 September 2021"
        as_of_text = "7 September 2021 (the 33 of the first announcement)"
    else:
        scope = f"the {n} members of the government as of {_long_date(as_of)} (the 33 plus later appointments)"
        as_of_text = as_of.strftime("%Y-%m-%d")
    title = "Who holds power in Afghanistan's 2021 Taliban caretaker government?"
    yield ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
           "img-src data:\">\n"
           '<link rel="icon" href="data:,">\n'
           f"<title>{_esc(title)} \u2014 cabinet report</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n")
    toc = " ".join(f'<a href="#{a}">{_esc(h)}</a>' for a, h in SECTIONS)
    yield (f"<header>\n<h1>{_esc(title)}</h1>\n"
           f'<p class="lede">Who sits in the cabinet, set against the population and the movement\'s constituencies, '
           f"and a check of the reading in A. Giustozzi's RUSI commentary <cite>Russia and Iran: Disappointed Friends "
           f"of the Taliban?</cite>. Tables and charts describe {_esc(scope)}.</p>\n"
           f'<p class="meta"><span>cabinet {_esc(__version__)}</span> \u00b7 <span>data package '
           f'{_esc(ctx["data_version"])}</span> \u00b7 <span>government as of: {_esc(as_of_text)}</span> \u00b7 '
           f'<span>generated: {_esc(generated)}</span></p>\n'
           f'<nav class="toc" aria-label="Contents">{toc}</nav>\n</header>\n')

    yield f'<section id="summary">\n<h2>Summary</h2>\n{_summary(ctx)}</section>\n'

    yield ('<section id="claims-section">\n<h2>The commentary\'s claims</h2>\n'
           "<p>Each checkable statement of the commentary (C1\u2013C8, in our words), checked against the 33 "
           "appointees of 7 September 2021 and, for C7, the later appointments. <em>supported</em>: the data, "
           "unknown tags included, can only agree; <em>contradicted</em>: a known, sourced value disagrees; "
           "<em>undetermined</em>: it turns on tags no source settles.</p>\n"
           + _claims_table(ctx["claims"]) + "</section>\n")

    yield ('<section id="regions">\n<h2>Regions</h2>\n'
           "<p>Home provinces grouped into the regions of the commentary. <em>Known</em> counts appointees whose "
           "home province is sourced; <em>up to</em> adds those whose province is unknown or disputed and could "
           "lie in the region.</p>\n"
           + _baseline_note(ctx["region"], src, none="Baseline: none.")
           + _gap_table(ctx["region"], caption=f"Appointees per region ({n} appointees)", group_head="Region")
           + "<h3>The west and southwest together</h3>\n"
           + f'<p class="note">Who counts: {_esc(ctx["west_southwest"]["definition"].iloc[0])}.</p>\n'
           + _baseline_note(ctx["west_southwest"], src, none="Baseline: none.")
           + _gap_table(ctx["west_southwest"], caption="West and southwest (Herat, Farah, Badghis, Ghor; Helmand, Nimroz)"))
    yield _figure("region_gap", ctx["charts"]["region_gap"],
                  "Cabinet share per region (known, with the range the unknowns allow) against the population share.")
    yield _figure("province_map", ctx["charts"]["province_map"],
                  "Known appointees per million inhabitants in each province; appointees whose home province is unknown "
                  "or disputed are counted in the box, not on the map.")
    yield _figure("disproportionality", ctx["charts"]["disproportionality"],
                  "The regional disproportionality of the cabinet against cabinets appointed at random in proportion "
                  "to the population.")
    yield "</section>\n"

    core, ext = ctx["hazarajat_core"], ctx["hazarajat_extended"]
    yield ('<section id="hazarajat">\n<h2>The Hazarajat</h2>\n'
           "<p>Two definitions: the core Hazarajat (Bamyan and Daykundi) and the extended Hazarajat, which adds the "
           "Hazara-majority districts of the neighbouring provinces. The extended area's population share is a "
           "range, because district populations are not published; the probability is given at both ends.</p>\n"
           f"<h3>Core Hazarajat</h3>\n<p class=\"note\">Who counts: {_esc(core['definition'].iloc[0])}.</p>\n"
           + _baseline_note(core, src, none="Baseline: none.")
           + _gap_table(core, caption="Core Hazarajat")
           + f"<h3>Extended Hazarajat</h3>\n<p class=\"note\">Who counts: {_esc(ext['definition'].iloc[0])}.</p>\n"
           + _baseline_note(ext, src, none="Baseline: none.")
           + _gap_table(ext, caption="Extended Hazarajat")
           + "</section>\n")

    yield ('<section id="ethnicity">\n<h2>Ethnicity</h2>\n'
           "<p>No census has counted Afghanistan's ethnic groups; the published estimates disagree, so the cabinet is "
           "set against each of them. A group an estimate does not list is marked <em>not published</em>.</p>\n"
           + _ethnicity_tables(ctx["ethnicity"], src))
    yield _figure("ethnicity", ctx["charts"]["ethnicity"],
                  "Cabinet share per ethnic group (known, with the range the unknowns allow) against the range of "
                  "the published estimates.")
    yield "</section>\n"

    yield ('<section id="networks">\n<h2>Networks</h2>\n'
           "<p>The factional network of each appointee, as the sources describe it (most network codes are our "
           "reading of a source and marked <em>inferred</em> in the roster).</p>\n"
           + _baseline_note(ctx["network"], src, none="<strong>Baseline:</strong> none. No source gives the weight of the "
                            "networks in the movement, so the counts are shown without a population share.")
           + _gap_table(ctx["network"], caption=f"Appointees per network ({n} appointees)", group_head="Network")
           + "<h3>The Helmandi Ishaqzai and Alizai networks</h3>\n"
           + f'<p class="note">Who counts: {_esc(ctx["helmandi"]["definition"].iloc[0])}.</p>\n'
           + _baseline_note(ctx["helmandi"], src, none="Baseline: none.")
           + _gap_table(ctx["helmandi"], caption="Helmandi networks", group_head="Network"))
    yield _figure("network_waffle", ctx["charts"]["network_waffle"],
                  "One square per appointee, coloured by network; hatched squares are disputed, grey ones unknown.")
    yield "</section>\n"

    yield ('<section id="over-time">\n<h2>Gaps over 2021</h2>\n'
           "<p>The main gaps at every date of 2021 on which appointments were announced.</p>\n")
    yield _figure("gaps_over_time", ctx["charts"]["gaps_over_time"],
                  "Known counts (lines) and the largest counts possible (shaded) of the west and southwest, the "
                  "core Hazarajat, the Helmandi networks and non-Pashtuns.")
    yield "</section>\n"

    yield ('<section id="roster">\n<h2>Roster</h2>\n'
           f"<p>{_esc(scope[0].upper() + scope[1:])}. Each tag shows the ids of the sources that state it (a link to "
           "the source; hover for its title). <em>unknown</em>: no source we found states it; <em>disputed</em>: "
           "sources disagree, each candidate with its own sources; <em>inferred</em>: our reading of a source, "
           "explained in the notes (click a note to read it whole). The table scrolls both ways; the header and "
           "the names stay in view.</p>\n"
           + _roster_table(gov, src) + "</section>\n")

    yield ('<section id="sources">\n<h2>Sources</h2>\n'
           f"<details><summary>The {len(src.cited)} sources cited on this page</summary>\n"
           + _sources_table(src) + "</details>\n"
           "<p class=\"note\">Every source of the data package is listed with its URL in "
           "<code>data/sources.csv</code>. Data under CC-BY-4.0; code under MIT.</p>\n</section>\n")

    yield (f'<footer class="meta"><p>cabinet {_esc(__version__)} \u00b7 data package {_esc(ctx["data_version"])} '
           f"\u00b7 government as of {_esc(as_of_text)} \u00b7 generated {_esc(generated)}</p></footer>\n"
           "</main>\n</body>\n</html>\n")


def write_report(out="reports/report.html", *, as_of=None, generated=None, roster=None, later=None) -> Path:
    """Write the report as one self-contained HTML file, atomically.

    Parameters
    ----------
    out : str or os.PathLike
        The HTML file to write (its folder is created if missing).
    as_of : date, optional
        Describe the government as of this date: the 33 plus every later
        appointment announced by then (:func:`cabinet.load_roster`). Default:
        the 33 of 7 September 2021. The claims always concern the 33.
    generated : str or date, optional
        The generation date printed in the page. Default: today (UTC). Give
        a fixed value to make two runs byte-identical.
    roster, later : DataFrame, optional
        The appointees and the later appointments, in the form of
        ``data/appointees.csv`` and ``data/later_appointments.csv`` (default:
        the bundled data). They are checked like files are.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    ValueError
        On a bad date or a roster missing columns.
    DataError
        When a given roster does not pass the data package's checks.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = write_report(pathlib.Path(tempfile.mkdtemp()) / "report.html", generated="2021-12-31")
    >>> text = path.read_text(encoding="utf-8")
    >>> '<table id="claims">' in text and text.count('class="chart"') == 6
    True
    """
    from .fileio import atomic_path

    if generated is None:
        generated = _dt.datetime.now(_dt.timezone.utc).date().isoformat()
    generated = _date(generated) if isinstance(generated, (_dt.date, pd.Timestamp)) else str(generated)
    ctx = _inputs(roster, later, as_of)
    out = Path(out)
    with atomic_path(out) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            for chunk in _chunks(ctx, generated):
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
    return out
