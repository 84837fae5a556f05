"""e10: soft and hard coordination between the four types of county department (seed 000).

Question. For each pair of department types (strong/weak resource control x strong/weak resource
dependence): does reciprocity alone sustain mutual cooperation in joint tasks, and at what critical
discount factor; where it does not, can the pair agree on favours that keep it self-enforcing and
that the paying department can afford out of the resources it controls; where even that fails, what
penalty on shirking (hard coordination) and how much leaders' attention does it take; and how does
Nash bargaining over the favours, with no bargaining power assumed, split the surplus, and who
depends on whom?

Proposition (coordination P1, P2 in ``docs/models/coordination.md``). P1: at the calibrated
``delta = 0.8`` reciprocity alone fails only where a strong-control, weak-dependence department
(SC-WD) works with a weak-control one (critical delta 0.9, the SC-WD side failing); it would
cooperate for favours of 0.005 a period (``commitment_cost r_i - delta benefit d_i r_j``), but a
weak-control partner can afford only ``favour_capacity r_j = 0.0025``, so hard coordination is
needed, with a penalty of the shortfall, 0.0025 (0.25 attention). P2: in every pair of a
strong-control with a weak-control department the strong-control department captures under a
tenth of the surplus (0.010 to 0.078) and the weak one depends on it:
equal-weight bargaining would give each half, which needs favours the weak department cannot
afford (the capacity constraint binds, ``binding_constraint``). Where it stops holding: at
``delta = 0.55`` more pairs fail reciprocity but favours or the authority close them; at
``delta = 0.95`` reciprocity sustains every pair with gains (P1); with no favours
(``favour_capacity = 0``) the same pairs need twice the penalty (0.005); at ``favour_capacity =
0.06`` none needs the authority (at 0.05 the favour needed equals what the partner can afford); with favours hardly limited (``favour_capacity = 4``) the
split is equal in every pair of the table and no one depends more on the other (P2); Emerson's
power weights (``power_exponent = 1``) leave every capped split where it is.
What drives it: the thresholds, favours needed and penalties are closed forms (Friedman's threshold
``commitment_cost r_i / (benefit d_i r_j)``; the favour needed ``commitment_cost r_i - delta benefit
d_i r_j``; the penalty that favour minus ``favour_capacity r_j``); the asymmetry of the stakes
comes from the payoffs (a weak-control department gains ``benefit d_j r_i`` from a strong partner,
the strong one ``benefit d_i r_j`` from it), and bargaining can undo it only up to the assumed cap on
favours, ``favour_capacity r_j``: the shares are a closed form given that cap, and no incentive
constraint of the repeated game holds a split in the table (``binding_constraint`` is "capacity" or
empty).

Output: ``e10_type_pairs.{csv,md,tex,json}`` (one row per setting and ordered type pair) and
``e10_type_pairs.png`` (how each pair is coordinated at the calibration).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

from bargain.models import coordination
from bargain.plotting import regime_map
from bargain.results import write_table

#: The settings of the table: changes from the calibration (``delta = 0.8``).
SETTINGS = {
    "calibrated": {},
    "delta 0.55": {"delta": 0.55},
    "delta 0.95": {"delta": 0.95},
    "no favours": {"favour_capacity": 0.0},
    "favour_capacity 0.06": {"favour_capacity": 0.06},
    "favour_capacity 4": {"favour_capacity": 4.0},
    "Emerson weights": {"power_exponent": 1.0},
}

#: How a relation is coordinated, in legend order.
KINDS = ("reciprocity", "favours", "hard needed", "no gains")


def kind(relation) -> str:
    """How the relation is coordinated: reciprocity alone, favours, the authority, or not at all."""
    if relation.reciprocal:
        return KINDS[0]
    if relation.soft:
        return KINDS[1]
    return KINDS[2] if relation.needs_hard else KINDS[3]


def relation_row(setting: str, model, first: str, second: str, relation) -> dict:
    """One row of the table: the setting and the pair, then what the model computes for it."""
    dominant = relation.dominant
    return {
        "setting": setting,
        "delta": model.delta,
        "favour_capacity": model.favour_capacity,
        "power_exponent": model.power_exponent,
        "row_type": first,
        "column_type": second,
        "relation": kind(relation),
        "critical_delta": relation.critical_delta,
        "critical_row": float(relation.critical_per_side[0]),
        "critical_column": float(relation.critical_per_side[1]),
        "favour_needed": float(relation.unaided_range[0]),
        "favour_allowed": float(relation.unaided_range[1]),
        "affordable_by_column": float(relation.capacity[1]),
        "affordable_by_row": float(-relation.capacity[0]),
        "hard_needed": relation.needs_hard,
        "penalty_row": float(relation.penalty[0]),
        "penalty_column": float(relation.penalty[1]),
        "attention": relation.attention,
        "surplus": relation.surplus,
        "favour": relation.favour,
        "share_row": float(relation.shares[0]),
        "share_column": float(relation.shares[1]),
        "unconstrained_share_row": float(relation.power_shares[0]),
        "binding": relation.binding or "",
        "binding_constraint": relation.binding_constraint or "",
        "dominant": "" if dominant is None else "row" if dominant == relation.names[0] else "column",
    }


def main(out_dir) -> pd.DataFrame:
    """Write the type-pair table (and its figure) into ``out_dir``; return the table."""
    out = Path(out_dir)
    base = coordination.Model()
    rows = []
    for setting, changes in SETTINGS.items():
        model = dataclasses.replace(base, **changes)
        for first in coordination.TYPES:
            for second in coordination.TYPES:
                rows.append(relation_row(setting, model, first, second, model.type_relation(first, second)))
    df = pd.DataFrame(rows)
    metadata = {
        "experiment": "e10_type_pairs",
        "model": "coordination",
        "seed_file": coordination.SEED,
        "settings": SETTINGS,
        "parameters": dataclasses.asdict(base),
    }
    write_table(df, out / "e10_type_pairs", precision=6, metadata=metadata)
    regime_map(df[df["setting"] == "calibrated"], "column_type", "row_type", "relation", order=list(KINDS),
               path=out / "e10_type_pairs.png", title=f"Type pairs at delta = {base.delta:g}")
    return df


if __name__ == "__main__":
    main(Path(__file__).parent / "results")
