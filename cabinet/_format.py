"""Text formatting of the report: counts, shares, probabilities, dates and links, as plain strings.

Shared by :mod:`cabinet.report.context` and :mod:`cabinet.report.page`; nothing here writes markup (the
templates do, with autoescaping).
"""

from __future__ import annotations

import html
import math
from urllib.parse import urlsplit

import pandas as pd


def escape(value) -> str:
    """Text from the data, escaped for HTML text and attribute values (quotes included).

    Examples
    --------
    >>> escape('<script>alert("x")</script>')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    >>> escape(None), escape(float("nan"))
    ('', '')
    """
    if is_missing(value):
        return ""
    return html.escape(str(value), quote=True)


def is_missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(isinstance(value, float) and math.isnan(value))
    except TypeError:  # pragma: no cover - defensive
        return False


def as_text(value) -> str:
    return "" if is_missing(value) else str(value)


def number(x) -> str:
    """A count: whole numbers without decimals, else one decimal.

    >>> number(3.0), number(2.5), number(None)
    ('3', '2.5', '')
    """
    if is_missing(x):
        return ""
    x = float(x)
    return f"{x:.0f}" if x.is_integer() else f"{x:.1f}"


def percent(x) -> str:
    """A share as a percentage with one decimal.

    >>> percent(0.180316), percent(None)
    ('18.0%', '')
    """
    if is_missing(x):
        return ""
    return f"{100 * float(x):.1f}%"


def percent_range(low, high) -> str:
    """Two shares as one range (one value when they round to the same figure).

    >>> percent_range(0.0, 0.2727), percent_range(0.1, 0.1)
    ('0.0\u201327.3%', '10.0%')
    """
    if is_missing(low) and is_missing(high):
        return ""
    a, b = percent(low), percent(high)
    if a == b or not b:
        return a
    if not a:
        return b
    return f"{a[:-1]}\u2013{b}"


def probability(p) -> str:
    """An exact probability with three significant digits (powers of ten below 0.001).

    >>> probability(0.0014137), probability(0.33762), probability(1.0), probability(7.3787e-14), probability(None)
    ('0.00141', '0.338', '1.00', '7.38\u00d710\u207b\u00b9\u2074', '')
    """
    if is_missing(p):
        return ""
    p = float(p)
    if p == 0:
        return "0"
    if p >= 0.001:
        return f"{p:#.3g}"
    mantissa, exponent = f"{p:.2e}".split("e")
    sup = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")
    return f"{mantissa}\u00d710{str(int(exponent)).translate(sup)}"


def probability_range(low, high) -> str:
    """Probabilities at the two ends of a baseline range, low share first (empty when they agree).

    >>> probability_range(0.3376, 0.003294), probability_range(0.2, 0.2)
    ('0.338 \u2192 0.00329', '')
    """
    a, b = probability(low), probability(high)
    if not a or not b or a == b:
        return ""
    return f"{a} \u2192 {b}"


def points(x) -> str:
    """A gap in percentage points, signed.

    >>> points(-12.82), points(3.0)
    ('\u221212.8', '+3.0')
    """
    if is_missing(x):
        return ""
    x = float(x)
    return f"{x:+.1f}".replace("-", "\u2212")


def iso_date(value) -> str:
    if is_missing(value):
        return ""
    try:
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    except (ValueError, TypeError):
        return str(value)


def long_date(value) -> str:
    ts = pd.Timestamp(value)
    return f"{ts.day} {ts.strftime('%B %Y')}"


def split_cell(value, sep) -> list[str]:
    return [part.strip() for part in as_text(value).split(sep) if part.strip()]


def http_url(url) -> str | None:
    """The URL if it is an absolute http(s) URL, else None (it is then shown as text).

    >>> http_url("https://example.org/a?b=1"), http_url("javascript:alert(1)"), http_url("//x.org")
    ('https://example.org/a?b=1', None, None)
    """
    url = as_text(url).strip()
    if not url or any(c in url for c in "\r\n\t\x00"):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url
    return None
