"""Tools for testing matching rules, for any codebook. ``import peacepos`` never imports this
package.

- :mod:`peacepos.testing.laws` — one function per law of ``docs/laws.md``, and
  ``check_condition_type`` for plugin kinds;
- :mod:`peacepos.testing.reference` — the brute-force oracle the laws compare with;
- :mod:`peacepos.testing.rename` — every key of a codebook and its positions renamed;
- :mod:`peacepos.testing.strategies` — hypothesis strategies (``pip install hypothesis``,
  or the ``testing`` extra).
"""
