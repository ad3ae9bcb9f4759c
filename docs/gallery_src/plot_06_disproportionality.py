"""
Disproportionality against random appointment
=============================================

The Loosemore-Hanby index of the regional make-up of the 33, set against its distribution when
the same number of posts is handed out at random in proportion to the population.
"""

import matplotlib.pyplot as plt

from cabinet import plots

fig, ax = plt.subplots(figsize=(8, 5))
plots.plot_disproportionality(index="loosemore_hanby", by="region", ax=ax, caption=True)
plots.fit_height(fig, 3.0)  # the figure as tall as the chart's words plus 3.0 in of plot
