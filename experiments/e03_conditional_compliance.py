"""e03 — How patient must the two sides be for conditional compliance to hold?

Question: conditional compliance is the office complying while the bureau accommodates
(``Compromise`` or ``Empathy``), each side held to the path by the threat of punishment. What is the
smallest discount factor that sustains it, as soft power rises, under Nash reversion and under
optimal penal codes (the worst subgame-perfect punishments)?

Propositions (tested in ``tests/experiments/test_oblique_experiments.py``): optimal penal codes
never need more patience than Nash reversion (checked on this table, not a theorem here: the
optimal codes use the pure-action SPE set, Nash reversion may use a mixed stage equilibrium); under
Nash reversion conditional compliance under compromise is sustainable only in a middle band of soft
power. Below it the *bureau's* constraint fails: reverting to the stage equilibrium (Command with
Comply or Voice) is no punishment for it, so it would rather command. Above it the *office's*
constraint fails: its fallback in conflict, the eroded sanction ``eta (1 - s)``, is mild enough that
opposing once and facing conflict beats complying.

Under Nash reversion the critical discount factor has a closed form (``repeated.critical_delta``).
Under optimal penal codes it is read from the grid ``DELTA_SCAN`` (0.01, 0.02, ..., 0.98): the
smallest grid value from which the path is sustained at every larger grid value
(``repeated.sustained_outcomes`` with ``punishment="optimal"``), so it is exact to 0.01. The scan
stops at 0.98 because the SPE payoff set converges slowly as delta approaches 1. ``inf`` in the
table means no discount factor below 1 (or on the grid) sustains the path.

Output: ``e03_conditional_compliance.{csv,md,tex,json,png}`` — one row per soft_power.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

import bargain as bg
from bargain import repeated
from bargain.models import oblique
from bargain.results import write_table

SOFT_POWER = bg.grid(0, 1, 51)
ACCOMMODATIONS = ("Compromise", "Empathy")


DELTA_SCAN = np.round(np.arange(1, 99) / 100, 2)


def point(soft_power: float) -> dict:
    game = oblique.Model(soft_power=soft_power).stage_game()
    held = np.array([repeated.sustained_outcomes(game, float(d), punishment="optimal") for d in DELTA_SCAN])
    row = {}
    for action in ACCOMMODATIONS:
        cell = (oblique.BUREAU.index(action), oblique.OFFICE.index("Comply"))
        row[f"{action.lower()}_nash"] = repeated.critical_delta(game, (action, "Comply")).delta
        ok = held[:, cell[0], cell[1]]
        # the smallest grid delta from which the path holds at every larger grid delta
        tail = np.flatnonzero(~ok)
        first = 0 if tail.size == 0 else tail[-1] + 1
        row[f"{action.lower()}_optimal"] = float(DELTA_SCAN[first]) if first < len(DELTA_SCAN) else math.inf
    return row


def main(out_dir) -> None:
    out = Path(out_dir)
    df = bg.sweep(point, {"soft_power": SOFT_POWER}, executor="serial", progress=False)
    write_table(df, out / "e03_conditional_compliance", precision=6,
                metadata={"experiment": "e03", "model": "oblique", "defaults": "oblique.Model()",
                          "grid": {"soft_power": [0, 1, 51]}, "inf": "not sustainable for any delta < 1", "optimal_scan": [0.01, 0.98, 0.01]})
    from bargain.plotting import line_plot

    long = df.melt(id_vars="soft_power", var_name="path_and_punishment", value_name="critical_delta")
    long = long[long["critical_delta"].map(math.isfinite)]
    line_plot(long, "soft_power", "critical_delta", by="path_and_punishment",
              path=out / "e03_conditional_compliance.png",
              title="Critical discount factor of conditional compliance")


if __name__ == "__main__":
    main(Path(__file__).parent / "results")
