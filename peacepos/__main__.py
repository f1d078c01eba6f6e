"""``python -m peacepos``: the same as the ``peacepos`` command."""

from peacepos.cli import console

console()
