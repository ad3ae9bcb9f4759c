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
alternative and in at least one. :func:`split_tag` is the literal split the
validator checks the grammar on; :func:`format_tag` writes a cell back;
:func:`union_tags` unites cells that all hold (birth, origin and stated home);
:func:`parse_candidates` and :func:`parse_sources` read a single-valued cell's
candidates and a sources cell.
"""

from __future__ import annotations

import itertools

__all__ = [
    "UNKNOWN", "ABROAD", "PLURAL_SEP", "DISPUTE_SEP", "LIST_SEP", "parse_tag", "split_tag", "definite", "possible",
    "format_tag", "union_tags", "parse_candidates", "parse_sources",
]

#: The value every tag column uses for "no source states it".
UNKNOWN = "unknown"
#: The home value of a place outside Afghanistan (a facts row with a ``country``): in no Afghan province,
#: region or Hazarajat; the country and place stay in the facts tables.
ABROAD = "abroad"
#: Separates the alternatives of a disputed value (``Kandahar|Uruzgan``).
DISPUTE_SEP = "|"
#: Joins values that all hold (plural: ``kandahari_leadership+doha_office``).
PLURAL_SEP = "+"
#: Separates the items of a list cell (``src_a;src_b``) and of a sources cell's group.
LIST_SEP = ";"


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
    if text in ("", UNKNOWN):
        return ()
    out = []
    for alt in text.split(DISPUTE_SEP):
        groups = tuple(dict.fromkeys(g.strip() for g in alt.split(PLURAL_SEP) if g.strip() and g.strip() != UNKNOWN))
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
    """Write alternatives (iterables of values, in order) as a tag cell; none gives ``unknown``.

    Alternatives equal as sets are written once; values within one alternative once.

    Examples
    --------
    >>> format_tag([("Paktia",), ("Helmand", "Paktia")])
    'Paktia|Helmand+Paktia'
    >>> format_tag([])
    'unknown'
    """
    out, seen = [], set()
    for alt in alternatives:
        values = tuple(dict.fromkeys(alt))
        if not values or frozenset(values) in seen:
            continue
        seen.add(frozenset(values))
        out.append(PLURAL_SEP.join(values))
    return DISPUTE_SEP.join(out) if out else UNKNOWN


def split_tag(value) -> tuple[tuple[str, ...], ...]:
    """Split a tag cell into its alternatives, each an ordered tuple of values.

    ``unknown`` (or an empty cell) gives ``()``; ``A|B`` a dispute (exactly one
    alternative holds); ``A+B`` one alternative in which both hold;
    ``A+B|C`` alternatives of sets.

    Examples
    --------
    >>> split_tag("Helmand+Paktia|Kandahar")
    (('Helmand', 'Paktia'), ('Kandahar',))
    >>> split_tag("unknown")
    ()
    """
    if value is None or not isinstance(value, str) or value.strip() in ("", UNKNOWN):
        return ()
    return tuple(tuple(v.strip() for v in alt.split(PLURAL_SEP)) for alt in value.split(DISPUTE_SEP))


def union_tags(*tags) -> tuple[tuple[str, ...], ...]:
    """Combine tag cells that all hold (e.g. birth, origin and stated home) into one: every
    choice of one alternative per known cell, united. Unknown cells add nothing.

    Examples
    --------
    >>> format_tag(union_tags(split_tag("Paktia|Helmand"), split_tag("Paktia"), ()))
    'Paktia|Helmand+Paktia'
    """
    known = [t for t in tags if t]
    if not known:
        return ()
    return tuple(tuple(v for alt in combo for v in alt) for combo in itertools.product(*known))


def parse_candidates(value: str) -> tuple[str, ...]:
    """Split a cell of a single-valued column into the candidates of its dispute.

    Splits on ``|`` only: a ``+`` stays inside its alternative, so group labels
    such as ``West+Southwest`` survive. For a cell that may be plural
    (``network``, ``province`` under ``home="any"``) use :func:`parse_tag`.

    Examples
    --------
    >>> parse_candidates("Kandahar|Uruzgan")
    ('Kandahar', 'Uruzgan')
    >>> parse_candidates("unknown")
    ()
    """
    if value is None or not isinstance(value, str) or value.strip() in ("", UNKNOWN):
        return ()
    return tuple(part.strip() for part in value.split(DISPUTE_SEP))


def parse_sources(value: str) -> tuple[tuple[str, ...], ...]:
    """Split a sources cell into one group of source ids per alternative.

    Examples
    --------
    >>> parse_sources("a;b|c")
    (('a', 'b'), ('c',))
    >>> parse_sources("")
    ()
    """
    if value is None or not isinstance(value, str) or not value.strip():
        return ()
    return tuple(
        tuple(i.strip() for i in group.split(LIST_SEP))
        for group in value.split(DISPUTE_SEP)
    )
