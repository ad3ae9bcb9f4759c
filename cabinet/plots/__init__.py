"""Axes-level charts of the analysis tables, drawn with seaborn.

Every function takes the table the matching analysis function returns as
``data`` (computing the default table when ``data`` is None), draws it on
``ax`` (default: the current axes) and returns the axes. Nothing is
recomputed from the roster when a table is given: counts, bounds, intervals
and probabilities are read from the table, so a chart always shows the
numbers of the table beside it.

One module per chart, with the shared style, words and layout in :mod:`cabinet.plots._style` and the
colours and marks of every chart in :mod:`cabinet.palette`:

=========================  ==========================================  ==============
module                     function                                    rosters
=========================  ==========================================  ==============
``region_gap``             :func:`plot_region_gap`                     any
``ethnicity``              :func:`plot_ethnicity`                      any
``disproportionality``     :func:`plot_disproportionality`             any
``province_map``           :func:`plot_province_map`                   Afghan only
``network_waffle``         :func:`plot_network_waffle`                 Afghan only
``gaps_over_time``         :func:`plot_gaps_over_time`                 Afghan only
``claim_probabilities``    :func:`plot_claim_probabilities`            the claims
``roster_comparison``      :func:`roster_comparison`                   any (two or more)
``yardsticks``             :func:`plot_yardsticks`                     Afghan only
=========================  ==========================================  ==============

The generic charts take ``title=``, ``xlabel=`` and ``ylabel=`` and name the
baseline from the table's own ``baseline_label``. The Afghan-only charts
refuse a table of another country with a sentence saying what to use instead.

This package imports matplotlib and seaborn; ``import cabinet`` does not.
"""

from ._style import INDEX_LABELS, NETWORK_LABELS, OKABE_ITO, PALETTE, _literal, chart_style, fit_height, frame_texts
from .claim_probabilities import plot_claim_probabilities
from .disproportionality import plot_disproportionality
from .ethnicity import plot_ethnicity
from .gaps_over_time import plot_gaps_over_time
from .network_waffle import plot_network_waffle
from .province_map import plot_province_map
from .region_gap import plot_region_gap
from .roster_comparison import plot_roster_comparison, roster_comparison
from .yardsticks import plot_yardsticks

__all__ = [
    "roster_comparison",
    "plot_roster_comparison",
    "plot_region_gap",
    "plot_province_map",
    "plot_ethnicity",
    "plot_network_waffle",
    "plot_gaps_over_time",
    "plot_disproportionality",
    "plot_claim_probabilities",
    "plot_yardsticks",
    "OKABE_ITO",
    "PALETTE",
    "chart_style",
    "frame_texts",
    "fit_height",
    "NETWORK_LABELS",
    "INDEX_LABELS",
]
