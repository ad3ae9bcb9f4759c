"""
Ethnicity against the published estimates
=========================================

Known and possible counts of each ethnic group among the 33 against the range of published
estimates of the country's composition (there has been no census).
"""

import matplotlib.pyplot as plt

from cabinet import plots

fig, ax = plt.subplots(figsize=(8, 5.5))
plots.plot_ethnicity(ax=ax, caption=True)
plots.fit_height(fig, 3.8)  # the figure as tall as the chart's words plus 3.8 in of plot
