"""e10: soft and hard coordination between the four types of county department (seed 000).

Question. For each pair of department types (strong/weak resource control x strong/weak resource
dependence), is mutual cooperation in joint tasks sustained softly, by reciprocity in the repeated
game, and at what critical discount factor; where it is not, what penalty on shirking (hard
coordination) and how much leaders' attention does it take; and how does asymmetric Nash
bargaining, with Emerson's power-dependence weights, split the surplus?

Proposition (coordination P1, P2 in ``docs/models/coordination.md``). At the calibrated
``delta = 0.8`` soft coordination holds in every pair except those of a strong-control,
weak-dependence department (SC-WD) with a weak-control department (WC-SD, WC-WD), whose critical
discount factor is 0.9: only there is hard coordination needed. In every pair of a strong-control
with a weak-control department, the strong-control one takes the larger share of the surplus, and
the SC-WD department takes the larger share against every other type. Where it stops holding: at
``delta = 0.5`` the SC-SD pairs with weak-control departments (critical 0.5625) need hard
coordination too; at ``delta = 0.95`` no pair does.

Output: ``e10_type_pairs.{csv,md,tex,json}`` (one row per delta and ordered type pair) and
``e10_type_pairs.png`` (which pairs are soft, need hard coordination, or have no gains, at the default
delta).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

from bargain.models import coordination
from bargain.plotting import regime_map
from bargain.results import write_table

#: Discount factors of the table: below, at and above the calibrated 0.8.
DELTAS = (0.5, 0.8, 0.95)

#: Relation kinds, in legend order.
KINDS = ("soft", "hard needed", "no gains")


def relation_row(delta: float, first: str, second: str, relation) -> dict:
    """One row of the table: the pair, then what the model computes for it."""
    kind = KINDS[0] if relation.soft else KINDS[1] if relation.needs_hard else KINDS[2]
    return {
        "delta": delta,
        "row_type": first,
        "column_type": second,
        "relation": kind,
        "critical_delta": relation.critical_delta,
        "critical_row": float(relation.critical_per_side[0]),
        "critical_column": float(relation.critical_per_side[1]),
        "soft_sustainable": relation.soft,
        "hard_needed": relation.needs_hard,
        "penalty_row": float(relation.penalty[0]),
        "penalty_column": float(relation.penalty[1]),
        "attention": relation.attention,
        "surplus": relation.surplus,
        "share_row": float(relation.shares[0]),
        "share_column": float(relation.shares[1]),
        "row_dominates": bool(relation.shares[0] > relation.shares[1]),
    }


def main(out_dir) -> pd.DataFrame:
    """Write the type-pair table (and its figure) into ``out_dir``; return the table."""
    out = Path(out_dir)
    base = coordination.Model()
    rows = []
    for delta in DELTAS:
        model = dataclasses.replace(base, delta=delta)
        for first in coordination.TYPES:
            for second in coordination.TYPES:
                rows.append(relation_row(delta, first, second, model.type_relation(first, second)))
    df = pd.DataFrame(rows)
    metadata = {
        "experiment": "e10_type_pairs",
        "model": "coordination",
        "seed_file": coordination.SEED,
        "deltas": list(DELTAS),
        "parameters": dataclasses.asdict(base),
    }
    write_table(df, out / "e10_type_pairs", precision=6, metadata=metadata)
    at_default = df[df["delta"] == base.delta]
    regime_map(at_default, "column_type", "row_type", "relation", order=list(KINDS),
               path=out / "e10_type_pairs.png", title=f"Type pairs at delta = {base.delta:g}")
    return df


if __name__ == "__main__":
    main(Path(__file__).parent / "results")
