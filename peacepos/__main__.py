"""``python -m peacepos``: the same as the ``peacepos`` command."""

import sys

from peacepos.cli import main

sys.exit(main())
