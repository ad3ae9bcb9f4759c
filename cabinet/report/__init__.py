"""Output: every chart as files, and the report as one self-contained HTML page.

=================  ===============================================================================
``charts``         the registry of charts (:data:`CHARTS`: name -> plot, table, rosters, size,
                   caption) and :func:`write_charts`, which writes them as files
``page``           :func:`write_report`: the page of the Taliban government
``roster_page``    the page of a roster of another kind (the cabinet the Taliban replaced)
``own_page``       the page of a roster of any body, by groupings and baselines of its own (``by=``)
``context``        what the templates show, as plain values
``comparisons``    the sections that set the government beside other yardsticks
``templates/``     the Jinja2 templates and the stylesheet of the page
=================  ===============================================================================

Importing this folder imports matplotlib (``import cabinet`` does not).
"""

from .charts import CHARTS, FORMATS, write_charts, write_roster_charts
from .page import write_report

__all__ = ["CHARTS", "FORMATS", "write_charts", "write_roster_charts", "write_report"]
