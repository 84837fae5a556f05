"""e10: soft and hard coordination between the four types of county department (seed 000).

Question. For each pair of department types (strong/weak resource control x strong/weak resource
dependence), is mutual cooperation in joint tasks sustained softly, by reciprocity in the repeated
game, and at what critical discount factor; where it is not, what penalty on shirking (hard
coordination) and how much leaders' attention does it take; which favours can the pair trade and
stay self-enforcing, and how does asymmetric Nash bargaining over those favours, with Emerson's
power-dependence weights, split the surplus?

Proposition (coordination P1, P2 in ``docs/models/coordination.md``). P1: at the calibrated
``delta = 0.8`` reciprocity sustains every type pair except those of a strong-control,
weak-dependence department (SC-WD) with a weak-control department (WC-SD, WC-WD), whose critical
discount factor is 0.9 and whose failing side is the SC-WD department: only there is hard
coordination needed (a penalty of 0.005 on the SC-WD department, 0.5 attention). P2: in every pair
of a strong-control with a weak-control department the strong-control one captures the larger share
of the surplus, but less than its power alone would give: the weak partner's incentive constraint
binds and caps the favours it can be asked for (SC-SD with WC-SD: 0.808 instead of 0.900; SC-WD with
WC-SD: 0.800 instead of 0.935). Where it stops holding: at ``delta = 0.55`` the SC-SD pairs with
weak-control departments (critical 0.5625) need hard coordination too, and at ``delta = 0.95`` no
pair does (P1); at ``delta = 0.4`` the weak partner's incentive constraint claims more than half,
and the weak-control department captures the larger share in every strong-weak pair (P2); and with
dependence spread more than control (``dependence_weak = 0.08``) the WC-WD department out-powers
SC-SD (0.53 of the surplus).
What drives it: the thresholds, penalties and caps are closed forms (Friedman's threshold
``kappa r_i / (benefit d_i r_j)``, the penalty ``kappa r_i - delta benefit d_i r_j``, the weak
partner's binding share ``(1 - delta) benefit d_j r_i / S``, so its share is about ``1 - delta`` at
low patience); the direction of the split follows Emerson's weights, an input (the low
``dependence_weak`` reversal is the weight identity 0.08 x 0.9 < 0.8 x 0.1); and hard coordination
is needed only because favours cannot start a relation: column ``self_enforcing_upfront`` shows that
favours agreed up front (``Model.upfront_favour``) make every one of the 24 rows that need hard
coordination self-enforcing.

Output: ``e10_type_pairs.{csv,md,tex,json}`` (one row per setting, a delta or the low
``dependence_weak``, and ordered type pair) and ``e10_type_pairs.png`` (which pairs are soft, need
hard coordination, or have no gains, at the default delta).
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pandas as pd

from bargain.models import coordination
from bargain.plotting import regime_map
from bargain.results import write_table

#: Discount factors of the table: the calibrated 0.8, two below it (around the SC-SD thresholds of
#: 0.5625 and the reversal of the split near 0.5) and one above every threshold.
DELTAS = (0.4, 0.55, 0.8, 0.95)

#: A weak-dependence level below the calibrated 0.5 (at delta 0.8): dependence spread more than control.
DEPENDENCE_WEAK = 0.08

#: Relation kinds, in legend order.
KINDS = ("soft", "hard needed", "no gains")


def relation_row(model, first: str, second: str, relation) -> dict:
    """One row of the table: the setting and the pair, then what the model computes for it."""
    kind = KINDS[0] if relation.soft else KINDS[1] if relation.needs_hard else KINDS[2]
    upfront = model.upfront_favour(relation.names, relation.control, relation.dependence)
    return {
        "delta": model.delta,
        "dependence_weak": model.dependence_weak,
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
        "favour_low": float(relation.favour_range[0]),
        "favour_high": float(relation.favour_range[1]),
        "favour": relation.favour,
        "power_share_row": float(relation.power_shares[0]),
        "share_row": float(relation.shares[0]),
        "share_column": float(relation.shares[1]),
        "binding": relation.binding or "",
        "row_dominates": relation.dominant == relation.names[0],
        "upfront_favour": upfront,
        "self_enforcing_upfront": relation.gains and not math.isnan(upfront),
    }


def main(out_dir) -> pd.DataFrame:
    """Write the type-pair table (and its figure) into ``out_dir``; return the table."""
    out = Path(out_dir)
    base = coordination.Model()
    settings = [dataclasses.replace(base, delta=delta) for delta in DELTAS]
    settings.append(dataclasses.replace(base, dependence_weak=DEPENDENCE_WEAK))
    rows = []
    for model in settings:
        for first in coordination.TYPES:
            for second in coordination.TYPES:
                rows.append(relation_row(model, first, second, model.type_relation(first, second)))
    df = pd.DataFrame(rows)
    metadata = {
        "experiment": "e10_type_pairs",
        "model": "coordination",
        "seed_file": coordination.SEED,
        "deltas": list(DELTAS),
        "dependence_weak": [base.dependence_weak, DEPENDENCE_WEAK],
        "parameters": dataclasses.asdict(base),
    }
    write_table(df, out / "e10_type_pairs", precision=6, metadata=metadata)
    at_default = df[(df["delta"] == base.delta) & (df["dependence_weak"] == base.dependence_weak)]
    regime_map(at_default, "column_type", "row_type", "relation", order=list(KINDS),
               path=out / "e10_type_pairs.png", title=f"Type pairs at delta = {base.delta:g}")
    return df


if __name__ == "__main__":
    main(Path(__file__).parent / "results")
