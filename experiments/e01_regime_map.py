"""e01 — Which regime does soft power produce? The regime map over soft power and patience.

Question: at the calibrated defaults of the oblique model, how does the bureau–office relation
change with the office's soft power ``s`` and the discount factor ``delta``?

Proposition (seed 001): with no soft power the relation is command–obedience; with some, it becomes
resistance–negotiation; when soft power approaches a peer's and the future matters little, it turns
into competition–conflict. Every cell is the regime computed from the stage equilibria and the
outcomes sustained as subgame-perfect paths under Nash reversion (``oblique.cell``, which
calls ``oblique.Model.regime``); the table also gives the stage game's equilibrium count and
degeneracy.

Output: ``e01_regime_map.{csv,md,tex,json,png}`` — one row per (soft_power, delta).
"""

from __future__ import annotations

from pathlib import Path

import bargain as bg
from bargain.models import oblique
from bargain.results import write_table

SOFT_POWER = bg.grid(0, 1, 101)
DELTA = bg.grid(0.05, 0.95, 91)


def main(out_dir) -> None:
    out = Path(out_dir)
    df = bg.sweep(oblique.cell, {"soft_power": SOFT_POWER, "delta": DELTA}, progress=False)
    write_table(df, out / "e01_regime_map", precision=6,
                metadata={"experiment": "e01", "model": "oblique", "defaults": "oblique.Model()",
                          "punishment": "nash", "grid": {"soft_power": [0, 1, 101], "delta": [0.05, 0.95, 91]}})
    from bargain.plotting import regime_map

    regime_map(df, "soft_power", "delta", "regime", order=list(oblique.REGIMES), path=out / "e01_regime_map.png",
               title="Oblique model: regime by soft power and patience")


if __name__ == "__main__":
    main(Path(__file__).parent / "results")
