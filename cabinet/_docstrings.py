"""Shared numpydoc fragments for the docstrings of :mod:`cabinet.indices` (seaborn's ``_docstrings`` idea).

The nine indices, the null distribution and the expected values share their
parameters. Each parameter block is written once here; a docstring names it
with a placeholder line such as ``{params.shares}`` and :func:`fill_doc`
replaces it, at import, with the block indented like the placeholder. The
rendered docstrings (``help()``, doctests, Sphinx) are whole.

Examples
--------
>>> @fill_doc
... def f(shares):
...     '''Do something.
...
...     Parameters
...     ----------
...     {params.shares}
...     '''
>>> print(f.__doc__.splitlines()[4])
    shares : dict or pandas.Series
"""

from __future__ import annotations

import re
import textwrap

__all__ = ["PARAMS", "fill_doc"]

#: One numpydoc block per parameter, by name (unindented; :func:`fill_doc` indents it).
PARAMS = {
    "shares": """\
shares : dict or pandas.Series
    Cabinet shares or seat counts per group (counts are normalised).""",
    "baseline": """\
baseline : dict or pandas.Series
    Population shares (or counts) per group, with the same labels.""",
    "shares_alone": """\
shares : dict or pandas.Series
    Shares or counts per group (counts are normalised).""",
    "baseline_alone": """\
baseline : dict or pandas.Series
    Population shares (or counts) per group.""",
    "n_seats": """\
n_seats : int
    Number of posts (at least 1).""",
    "seed": """\
seed : int or None
    Seed for :func:`numpy.random.default_rng` (default 0).""",
}

_PLACEHOLDER = re.compile(r"^(?P<indent>[ \t]*)\{params\.(?P<name>\w+)\}[ \t]*$", re.M)


def fill_doc(func):
    """Replace every ``{params.NAME}`` line of ``func.__doc__`` with the block :data:`PARAMS` holds for it.

    An unknown name is an error at import, so a typo cannot reach a rendered docstring.
    """
    doc = func.__doc__ or ""

    def block(match):
        name = match.group("name")
        if name not in PARAMS:
            raise KeyError(f"{func.__qualname__}: no shared docstring block named {name!r}; known: {', '.join(PARAMS)}")
        return textwrap.indent(PARAMS[name], match.group("indent"))

    func.__doc__ = _PLACEHOLDER.sub(block, doc)
    return func
