"""The grammar of a tag cell: unknown, a value, a dispute between sources, plural membership.

========================  ===============================================================
``unknown``               nothing is known
``A``                     known
``A|B``                   a dispute: sources contradict each other; exactly one holds
``A+B``                   plural: both hold (two networks; born in A, family from B)
``A+B|C``                 alternatives of sets: either A and B both, or C
========================  ===============================================================

``|`` binds loosest. :func:`parse_tag` returns the alternatives, each a tuple of
groups; :func:`definite` and :func:`possible` give what holds in every
alternative and in at least one.
"""

from __future__ import annotations

__all__ = ["PLURAL_SEP", "DISPUTE_SEP", "parse_tag", "definite", "possible", "format_tag"]

PLURAL_SEP = "+"
DISPUTE_SEP = "|"
_UNKNOWN = "unknown"


def parse_tag(value) -> tuple[tuple[str, ...], ...]:
    """The alternatives of a tag cell, each a tuple of groups (``()`` for unknown).

    Examples
    --------
    >>> parse_tag("kandahari_leadership+doha_office")
    (('kandahari_leadership', 'doha_office'),)
    >>> parse_tag("Paktia|Helmand+Paktia")
    (('Paktia',), ('Helmand', 'Paktia'))
    >>> parse_tag("unknown")
    ()
    """
    if value is None:
        return ()
    text = str(value).strip()
    if text in ("", _UNKNOWN):
        return ()
    out = []
    for alt in text.split(DISPUTE_SEP):
        groups = tuple(dict.fromkeys(g.strip() for g in alt.split(PLURAL_SEP) if g.strip() and g.strip() != _UNKNOWN))
        if groups and groups not in out:
            out.append(groups)
    return tuple(out)


def definite(alternatives) -> tuple[str, ...]:
    """Groups that hold in every alternative.

    Examples
    --------
    >>> definite(parse_tag("Paktia|Helmand+Paktia"))
    ('Paktia',)
    """
    if not alternatives:
        return ()
    common = set(alternatives[0]).intersection(*map(set, alternatives[1:]))
    return tuple(g for g in alternatives[0] if g in common)


def possible(alternatives) -> tuple[str, ...]:
    """Groups that hold in at least one alternative (order of first mention).

    Examples
    --------
    >>> possible(parse_tag("Paktia|Helmand+Paktia"))
    ('Paktia', 'Helmand')
    """
    return tuple(dict.fromkeys(g for alt in alternatives for g in alt))


def format_tag(alternatives) -> str:
    """The cell for a tuple of alternatives (the inverse of :func:`parse_tag`).

    Examples
    --------
    >>> format_tag((("Paktia",), ("Helmand", "Paktia")))
    'Paktia|Helmand+Paktia'
    """
    if not alternatives:
        return _UNKNOWN
    return DISPUTE_SEP.join(PLURAL_SEP.join(alt) for alt in alternatives)
