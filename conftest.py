"""Root conftest: headless plotting for tests, doctests and the notebook kernels nbmake starts."""

import os

os.environ.setdefault("MPLBACKEND", "Agg")
