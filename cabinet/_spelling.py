"""Folding spellings, and the allowed value closest to a wrong one.

Every error message of the validator names the allowed values and, where one
is close, the value the user most likely meant: ``Hilmand`` -> ``Helmand``.
"""

from __future__ import annotations

import difflib
import re


def fold_spelling(value: str) -> str:
    return re.sub(r"[\s_\-]+", " ", value.strip().casefold())


def closest_value(value: str, allowed, aliases: dict[str, str] | None = None) -> str | None:
    """The allowed value closest to ``value``; ``aliases`` maps folded variant spellings to allowed values."""
    allowed = [a for a in allowed if a]
    if not value or not allowed:
        return None
    folded = {fold_spelling(a): a for a in allowed}
    for k, v in (aliases or {}).items():
        folded.setdefault(k, v)
    hit = difflib.get_close_matches(fold_spelling(value), list(folded), n=1, cutoff=0.6)
    return folded[hit[0]] if hit else None


def describe_values(allowed: list[str], limit: int = 40) -> str:
    if len(allowed) <= limit:
        return ", ".join(allowed)
    return ", ".join(allowed[:limit]) + f", ... ({len(allowed)} values)"
