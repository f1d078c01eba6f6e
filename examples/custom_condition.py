"""Extending peacepos from outside: a new numeric issue and a new condition type.

Run it with ``python examples/custom_condition.py``. It

1. registers a numeric issue, ``military/dmz-width`` (the width of a demilitarised zone, in
   km), and a condition type, ``DemilitarisedZone``, whose compile step *is* its matching rule;
2. builds two positions of two hypothetical parties (illustrations, not real documents);
3. writes one to a TOML file and reads it back;
4. compares them and prints the table;
5. property-tests the new type with ``peacepos.testing.laws.check_condition_type`` (needs
   ``pip install 'peacepos[testing]'``).

To use such a type from the command line, put it in an importable module and pass
``--plugin MODULE`` (or set ``PEACEPOS_PLUGINS=MODULE``); see docs/extending.md.
"""

from __future__ import annotations

import pathlib
import sys
import tempfile
from collections.abc import Iterable

import attrs

import peacepos

# 1. The issue: a range of whole numbers (km), registered once; re-registering is a no-op.
peacepos.register_issue(
    peacepos.NumericIssue(
        key="military/dmz-width",
        title="Width of a demilitarised zone",
        unit="km",
        maximum=200,
        description="How wide a zone without heavy weapons along the line of contact is.",
    )
)


# The condition type: a frozen, keyword-only attrs subclass of Condition with compile().
@peacepos.condition_type("demilitarised-zone")
@attrs.frozen(kw_only=True)
class DemilitarisedZone(peacepos.Condition):
    """A demilitarised zone, as the range of widths (km) a party accepts."""

    width_km_at_least: int | None = None
    width_km_at_most: int | None = None

    def __attrs_post_init__(self) -> None:
        low, high = self.width_km_at_least, self.width_km_at_most
        if low is None and high is None:
            raise ValueError("give width_km_at_least, width_km_at_most or both")
        if low is not None and high is not None and low > high:
            raise ValueError(f"width_km_at_least exceeds width_km_at_most ({low} > {high})")

    def compile(self) -> Iterable[peacepos.Constraint]:
        # The matching rule: the widths this party accepts. Relations to any other position
        # (overlap, conflict, the gap in km) follow by set algebra; no pairwise rules needed.
        yield peacepos.Constraint.between(
            "military/dmz-width", self.width_km_at_least, self.width_km_at_most
        )


def _evidence(document: str) -> peacepos.Evidence:
    return peacepos.Evidence(document=document, locator="para. 1")


def main() -> int:
    # 2. Two hypothetical parties: one wants a zone at least 10 km wide, the other accepts
    #    at most 20 km; both want a full ceasefire.
    party_a = peacepos.Position(
        id="party-a-example",
        title="Party A's proposal (illustration)",
        actors=("Party A",),
        date="2024-01-01",
        conditions=[
            DemilitarisedZone(width_km_at_least=10, evidence=_evidence("party-a-example")),
            peacepos.Ceasefire(evidence=_evidence("party-a-example")),
        ],
    )
    party_b = peacepos.Position(
        id="party-b-example",
        title="Party B's proposal (illustration)",
        actors=("Party B",),
        date="2024-01-02",
        conditions=[
            DemilitarisedZone(width_km_at_most=20, evidence=_evidence("party-b-example")),
            peacepos.EndOfHostilities(evidence=_evidence("party-b-example")),
        ],
    )

    # 3. Files: the new kind is written and read like the built-in ones.
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "party-a.toml"
        peacepos.write_position(party_a, path)
        assert peacepos.read_position(path) == party_a

    # 4. Compare and print.
    result = peacepos.compare(party_a, party_b)
    finding = result.finding("military/dmz-width")
    print(result.render("plain"))
    print(f"dmz width: {finding.relation.value}; common ground: {finding.common_ground}")

    # 5. Property-test the new type: every law that applies to it, on generated values.
    try:
        from hypothesis import settings

        from peacepos.testing.laws import check_condition_type
    except ImportError:
        print("install 'peacepos[testing]' to property-test DemilitarisedZone")
        return 0
    check_condition_type(
        DemilitarisedZone,
        settings=settings(max_examples=25, derandomize=True, database=None),
    )
    print("check_condition_type(DemilitarisedZone): every law holds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
