"""
Against the movement's own yardstick
====================================

The cabinet's share of each region and network beside two yardsticks: the movement's cadre pool on
the eve of the takeover (leadership council, commissions, shadow governors and commanders as last
reported before 15 August 2021) and the population. Lines run over the range the unknown tags allow,
in the cabinet and in the pool.
"""

import matplotlib.pyplot as plt

from cabinet import plots

fig, ax = plt.subplots(figsize=(8, 8))
plots.plot_yardsticks(ax=ax, caption=True)
plots.fit_height(fig, 6.0)  # the figure as tall as the chart's words plus 6.0 in of plot
