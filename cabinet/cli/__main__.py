"""``python -m cabinet.cli``: the ``cabinet`` command."""

import sys

from . import main

sys.exit(main())
