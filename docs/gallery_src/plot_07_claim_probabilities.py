"""
How likely is each claim?
=========================

The verdicts never guess an unknown tag. Beside them, the probability that each claim holds under
each assumption about the unknowns: no assumption (the bounds), appointees of unknown tag like the
known ones of their rank, or homes in proportion to the population.
"""

import matplotlib.pyplot as plt

from cabinet import plots

fig, ax = plt.subplots(figsize=(8, 5.5))
plots.plot_claim_probabilities(ax=ax, caption=True)
plots.fit_height(fig, 3.4)  # the figure as tall as the chart's words plus 3.4 in of plot
