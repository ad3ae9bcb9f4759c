"""
Home provinces on the map
=========================

The appointees counted on their home provinces; provinces shared by a dispute are hatched, and
the appointees whose home province no source states are counted beside the map.
"""

import matplotlib.pyplot as plt

from cabinet import plots

fig, ax = plt.subplots(figsize=(8, 6))
plots.plot_province_map(ax=ax, caption=True)
plots.fit_height(fig, 4.2)  # the figure as tall as the chart's words plus 4.2 in of plot
