"""peacepos: compare negotiating positions in peace processes, issue by issue.

>>> import peacepos
>>> china = peacepos.corpus.load("china-2023-02-24")
>>> russia = peacepos.corpus.load("russia-2023-02-24")
>>> result = peacepos.compare(china, russia)
>>> str(result.finding("hostilities").common_ground)
'end of war'

The layers, bottom up: the vocabulary (:mod:`peacepos.vocabulary`: codebooks), semantics
(:mod:`peacepos.constraints`, :mod:`peacepos.conditions`, :mod:`peacepos.kinds`,
:mod:`peacepos.position`), analysis (:mod:`peacepos.analysis`), presentation
(:mod:`peacepos.report`) and the edges (:mod:`peacepos.io`, :mod:`peacepos.corpus`,
:mod:`peacepos.library`, :mod:`peacepos.cli`, :mod:`peacepos.testing`). See
``docs/architecture.md``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from peacepos.analysis.compare import Comparison, Finding, compare
from peacepos.analysis.relation import Relation, relate
from peacepos.conditions import Basis, Condition, Declared, Evidence, Stage
from peacepos.constraints import Constraint
from peacepos.errors import (
    CodebookFileError,
    ContradictionError,
    PeaceposError,
    PositionFileError,
    UnknownIssueError,
)
from peacepos.position import Coverage, Endorsement, Position
from peacepos.vocabulary import Area, Codebook, Issue, NumericIssue

if TYPE_CHECKING:
    from peacepos import corpus, kinds
    from peacepos._version import __version__
    from peacepos.analysis.changes import Change, ChangeKind, Changes, changes
    from peacepos.analysis.deals import Deal, deals
    from peacepos.analysis.many import IssueAgreement, MultiComparison, compare_many
    from peacepos.corpus import codebook
    from peacepos.kinds import (
        ArmsDeliveryHalt,
        Ceasefire,
        DirectDialogue,
        NeutralStatus,
        TerritorialRecognition,
    )
    from peacepos.library import (
        Library,
        dumps_codebook,
        dumps_position,
        loads_codebook,
        loads_position,
        read_codebook,
        read_position,
        write_codebook,
        write_position,
    )

# The edges and the heavier analyses load on first use: the built-in data and the file
# formats (TOML, JSON), N-way comparison, change over time and deals; and the version.
_LAZY = {
    "__version__": ("peacepos._version", "__version__"),
    "corpus": ("peacepos.corpus", None),
    "kinds": ("peacepos.kinds", None),
    **{
        name: ("peacepos.kinds", name)
        for name in (
            "ArmsDeliveryHalt",
            "Ceasefire",
            "DirectDialogue",
            "NeutralStatus",
            "TerritorialRecognition",
        )
    },
    "codebook": ("peacepos.corpus", "codebook"),
    **{
        name: ("peacepos.analysis.changes", name)
        for name in ("Change", "ChangeKind", "Changes", "changes")
    },
    **{name: ("peacepos.analysis.deals", name) for name in ("Deal", "deals")},
    **{
        name: ("peacepos.analysis.many", name)
        for name in ("IssueAgreement", "MultiComparison", "compare_many")
    },
    **{
        name: ("peacepos.library", name)
        for name in (
            "Library",
            "dumps_codebook",
            "dumps_position",
            "loads_codebook",
            "loads_position",
            "read_codebook",
            "read_position",
            "write_codebook",
            "write_position",
        )
    },
}


def __getattr__(name: str) -> Any:
    found = _LAZY.get(name)
    if found is None:
        raise AttributeError(f"module 'peacepos' has no attribute {name!r}")
    module = importlib.import_module(found[0])
    value = module if found[1] is None else getattr(module, found[1])
    globals()[name] = value  # once loaded, a plain attribute
    return value


__all__ = [
    "Area",
    "ArmsDeliveryHalt",
    "Basis",
    "Ceasefire",
    "Change",
    "ChangeKind",
    "Changes",
    "Codebook",
    "CodebookFileError",
    "Comparison",
    "Condition",
    "Constraint",
    "ContradictionError",
    "Coverage",
    "Deal",
    "Declared",
    "DirectDialogue",
    "Endorsement",
    "Evidence",
    "Finding",
    "Issue",
    "IssueAgreement",
    "Library",
    "MultiComparison",
    "NeutralStatus",
    "NumericIssue",
    "PeaceposError",
    "Position",
    "PositionFileError",
    "Relation",
    "Stage",
    "TerritorialRecognition",
    "UnknownIssueError",
    "__version__",
    "changes",
    "codebook",
    "compare",
    "compare_many",
    "corpus",
    "deals",
    "dumps_codebook",
    "dumps_position",
    "kinds",
    "loads_codebook",
    "loads_position",
    "read_codebook",
    "read_position",
    "relate",
    "write_codebook",
    "write_position",
]


def __dir__() -> list[str]:
    return sorted(__all__)
