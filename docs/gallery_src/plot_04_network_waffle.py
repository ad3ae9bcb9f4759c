"""
Seats by factional network
==========================

One square per appointee, coloured by network; disputed networks are hatched and unknown ones
grey, so the waffle always has as many squares as the roster has people.
"""

import matplotlib.pyplot as plt

from cabinet import plots

fig, ax = plt.subplots(figsize=(8, 5))
plots.plot_network_waffle(ax=ax, caption=True)
plots.fit_height(fig, 1.6)  # the figure as tall as the chart's words plus 1.6 in of plot
