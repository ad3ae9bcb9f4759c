"""
The west and southwest against the population
=============================================

Each region's share of the 33 appointees of 7 September 2021 (dot, with the exact interval
that also covers every way the unknown and disputed home provinces could be resolved) against
its share of the population (diamond). Regions below their population share carry the exact
probability of so few appointees under appointment in proportion to the population.
"""

import matplotlib.pyplot as plt

from cabinet import plots

fig, ax = plt.subplots(figsize=(8, 5))
plots.plot_region_gap(scheme="commentary", ax=ax, caption=True)
plots.fit_height(fig, 3.0)  # the figure as tall as the chart's words plus 3.0 in of plot

# %%
# The same chart with the regions of the former ISAF regional commands; any of the three region
# schemes (``commentary``, ``isaf``, ``ocha``) can be passed.

fig, ax = plt.subplots(figsize=(8, 5))
plots.plot_region_gap(scheme="isaf", ax=ax, caption=True)
plots.fit_height(fig, 3.0)  # the figure as tall as the chart's words plus 3.0 in of plot
