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
