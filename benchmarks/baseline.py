"""The numpy version of the all-pairs relation matrix that an analyst would write.

Per issue: each position's constraint is given a class (0: silent), the relation of every two
classes is computed once with :func:`peacepos.relate` into a small table, and the table is
looked up for every pair with numpy's fancy indexing — block by block of rows, so memory stays
bounded. It is checked identical to peacepos's result before it is timed (``run.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from peacepos import Position, Relation, relate
from peacepos.analysis.many import CODES

__all__ = ["classes", "counts", "matrix"]

_CODE = {r: i for i, r in enumerate(CODES) if r is not None}
BLOCK = 512


def classes(positions: Sequence[Position], reading: str) -> dict[str, tuple[Any, Any]]:
    """Per issue: each position's class (a numpy array) and the table of class relations."""
    maps = [p.constraints(reading) for p in positions]
    keys = sorted({k for m in maps for k in m})
    out = {}
    for key in keys:
        members: dict[Any, int] = {}
        index = np.zeros(len(positions), dtype=np.int32)
        for i, m in enumerate(maps):
            c = m.get(key)
            if c is not None:
                index[i] = members.setdefault(c, len(members) + 1)
        reps = [None, *members]
        table = np.array(
            [[0 if a is None and b is None else _CODE[relate(a, b)] for b in reps] for a in reps],
            dtype=np.uint8,
        )
        out[key] = (index, table)
    return out


def matrix(positions: Sequence[Position], reading: str) -> dict[str, Any]:
    """Per issue, the code of every pair ``i < j`` in the order of ``itertools.combinations``
    (one byte per pair): what an analyst keeps to look pairs up."""
    n = len(positions)
    rows, cols = np.triu_indices(n, k=1)
    return {
        key: table[index[rows], index[cols]]
        for key, (index, table) in classes(positions, reading).items()
    }


def counts(positions: Sequence[Position], reading: str, relation: Relation) -> Any:
    """Per pair ``i < j`` (in the order of ``itertools.combinations``), on how many issues
    ``relation`` holds: a numpy array, computed a block of rows at a time."""
    n = len(positions)
    code = _CODE[relation]
    per = classes(positions, reading)
    out = np.zeros(n * (n - 1) // 2, dtype=np.uint16)
    start = 0
    for a in range(0, n, BLOCK):
        b = min(n, a + BLOCK)
        block = np.zeros((b - a, n), dtype=np.uint16)
        for index, table in per.values():
            block += table[index[a:b, None], index[None, :]] == code
        for i in range(a, b):  # the upper triangle of the block, row by row
            row = block[i - a, i + 1 :]
            out[start : start + row.size] = row
            start += row.size
    return out
