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
