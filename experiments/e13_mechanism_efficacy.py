"""e13: efficacy of every combination of the approval bureau's mechanisms (seed 004).

Question. The bureau has structural mechanisms (resource transfer, new organisation), procedural
mechanisms (rules, platform) and a phased authority. For every combination of them, switched on at
their calibrated strengths, is collaboration an equilibrium of the departments' game, which
convention does equilibrium selection pick (risk dominance, replicator basins, stochastic
stability and the long-run share under mutations), and how much collaboration does the time path
reach while the authority lasts and after it has ended?

Proposition (approval P1, P2 in ``docs/models/approval.md``). Without structural mechanisms
collaboration is no equilibrium at all (even with both procedural mechanisms); the new organisation,
or resource transfer together with a procedural mechanism, makes all-Collaborate an equilibrium, but
in no combination is it selected: the silo stays risk dominant and stochastically stable, the basin
of collaboration stays below one third, and the long-run share of collaboration stays at the
mutation floor. The phased authority lifts collaboration to 0.5-0.99 while it lasts and leaves
nothing once it ends: efficacy stays low, as in the case. Where it stops holding: with stronger
procedural mechanisms (experiment e14, and ``tests/models/test_approval.py``).

Output: ``e13_mechanism_efficacy.{csv,md,tex,json}``, one row per combination (the parameter columns
hold 0 when a mechanism is off and its calibrated strength when it is on).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

import bargain as bg
from bargain.models import approval
from bargain.results import write_table

#: Each mechanism off (0) or at its calibrated strength.
_DEFAULTS = approval.Model()
MECHANISMS = {
    "resource_transfer": [0.0, _DEFAULTS.resource_transfer],
    "new_organisation": [0.0, _DEFAULTS.new_organisation],
    "rules": [0.0, _DEFAULTS.rules],
    "platform": [0.0, _DEFAULTS.platform],
    "authority": [0.0, _DEFAULTS.authority],
}


def main(out_dir) -> pd.DataFrame:
    """Write the mechanism table into ``out_dir``; return it."""
    out = Path(out_dir)
    df = bg.sweep(approval.cell, MECHANISMS, executor="serial", progress=False)
    metadata = {
        "experiment": "e13_mechanism_efficacy",
        "model": "approval",
        "seed_file": approval.SEED,
        "grid": MECHANISMS,
        "parameters": dataclasses.asdict(_DEFAULTS),
    }
    write_table(df, out / "e13_mechanism_efficacy", precision=6, metadata=metadata)
    return df


if __name__ == "__main__":
    main(Path(__file__).parent / "results")
