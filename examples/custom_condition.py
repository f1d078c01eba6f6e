"""Extending peacepos from outside: a new issue, and a condition kind with a rule of its own.

Run it with ``python examples/custom_condition.py``. It

1. writes a codebook, ``dmz-example``: the built-in ``core`` codebook plus one numeric issue,
   ``military/dmz-width`` (the width of a demilitarised zone, in km) — data, no Python;
2. adds a condition kind written in Python, ``DemilitarisedZone``, whose ``compile`` step *is*
   its matching rule, with :meth:`Codebook.with_kinds <peacepos.Codebook.with_kinds>`;
3. builds two positions of two hypothetical parties (illustrations, not real documents);
4. writes one to a TOML file and reads it back through a :class:`~peacepos.Library` that
   knows the codebook and the kind;
5. compares them and prints the table;
6. property-tests the kind with ``peacepos.testing.laws.check_condition_type`` (needs
   ``pip install 'peacepos[testing]'``).

The module is also a plugin for the command line: it names its codebooks in ``CODEBOOKS``
and its kinds in ``KINDS``, so with ``examples/`` on the path,
``peacepos compare a.toml b.toml --plugin custom_condition`` reads files written in
``dmz-example``; see docs/extending.md.
"""

from __future__ import annotations

import pathlib
import sys
import tempfile
from collections.abc import Iterable

import attrs

import peacepos
from peacepos.kinds import kind

# 1. The codebook: data. (A file would do as well: `peacepos codebook show FILE` checks it.)
CODEBOOK = peacepos.Codebook(
    name="dmz-example",
    title="An example: a demilitarised zone",
    includes=(peacepos.codebook("core"),),
    issues=(
        peacepos.NumericIssue(
            key="military/dmz-width",
            title="Width of a demilitarised zone",
            unit="km",
            maximum=200,
            description="How wide a zone without heavy weapons along the line of contact is.",
        ),
    ),
)


# 2. The kind: a frozen, keyword-only attrs subclass of Condition with compile(codebook).
@kind("demilitarised-zone")
@attrs.frozen(kw_only=True)
class DemilitarisedZone(peacepos.Condition):
    """A demilitarised zone, as the range of widths (km) a party accepts."""

    at_least_km: int | None = None
    at_most_km: int | None = None

    def __attrs_post_init__(self) -> None:
        low, high = self.at_least_km, self.at_most_km
        if low is None and high is None:
            raise ValueError("give at_least_km, at_most_km or both")
        if low is not None and high is not None and low > high:
            raise ValueError(f"at_least_km exceeds at_most_km ({low} > {high})")

    def compile(self, codebook: peacepos.Codebook) -> Iterable[peacepos.Constraint]:
        # The matching rule: the widths this party accepts. Relations to any other position
        # (overlap, conflict, the gap in km) follow by set algebra; no pairwise rules needed.
        width = codebook["military/dmz-width"]
        assert isinstance(width, peacepos.NumericIssue)
        yield peacepos.Constraint.between(width, self.at_least_km, self.at_most_km)


# What `--plugin custom_condition` adds to a run of the command line.
CODEBOOKS = [CODEBOOK]
KINDS = {"dmz-example": [DemilitarisedZone]}


def _evidence(document: str) -> peacepos.Evidence:
    return peacepos.Evidence(document=document, locator="para. 1")


def main() -> int:
    codebook = CODEBOOK.with_kinds(DemilitarisedZone)
    end_of_war = peacepos.kinds.condition(
        codebook, "end-of-hostilities", evidence=_evidence("party-b-example")
    )

    # 3. Two hypothetical parties: one wants a zone at least 10 km wide, the other accepts
    #    at most 20 km; both want hostilities to end.
    party_a = peacepos.Position(
        id="party-a-example",
        title="Party A's proposal (illustration)",
        actors=("Party A",),
        date="2024-01-01",
        codebook=codebook,
        conditions=[
            DemilitarisedZone(at_least_km=10, evidence=_evidence("party-a-example")),
            peacepos.Ceasefire(evidence=_evidence("party-a-example")),
        ],
    )
    party_b = peacepos.Position(
        id="party-b-example",
        title="Party B's proposal (illustration)",
        actors=("Party B",),
        date="2024-01-02",
        codebook=codebook,
        conditions=[
            DemilitarisedZone(at_most_km=20, evidence=_evidence("party-b-example")),
            end_of_war,
        ],
    )

    # 4. Files: the file names its codebook; a library resolves the name (and the kind).
    library = peacepos.Library(codebooks=CODEBOOKS).with_kinds("dmz-example", DemilitarisedZone)
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "party-a.toml"
        peacepos.write_position(party_a, path, library=library)
        assert peacepos.read_position(path, library=library) == party_a

    # 5. Compare and print.
    result = peacepos.compare(party_a, party_b)
    finding = result.finding("military/dmz-width")
    print(result.render("plain"))
    print(f"dmz width: {finding.relation.value}; common ground: {finding.common_ground}")

    # 6. Property-test the kind: every law that applies to it, on generated values.
    try:
        from hypothesis import settings

        from peacepos.testing.laws import check_condition_type
    except ImportError:
        print("install 'peacepos[testing]' to property-test DemilitarisedZone")
        return 0
    check_condition_type(
        DemilitarisedZone,
        codebook,
        settings=settings(max_examples=25, derandomize=True, database=None),
    )
    print("check_condition_type(DemilitarisedZone): every law holds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
