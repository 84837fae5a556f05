"""e01 — Which regime does soft power produce? The regime map over soft power and patience.

Question: at the calibrated defaults of the oblique model, how does the bureau–office relation
change with the office's soft power ``s`` and the discount factor ``delta``?

Proposition (seed 001): with no soft power the relation is command–obedience; with some, it becomes
resistance–negotiation; when soft power approaches a peer's and the future matters little, it turns
into competition–conflict. Every cell is the regime computed from the stage equilibria and the
outcomes sustained as subgame-perfect paths under Nash reversion (``oblique.cell``, which
calls ``oblique.Model.regime``); the table also gives the stage game's equilibrium count and
degeneracy.

The same map under optimal penal codes (deviators held to their worst subgame-perfect payoffs,
``punishment="optimal"``) is written alongside: harsher punishments sustain more, so
command–obedience reaches further (the bureau can hold a complying office with a harsher threat) and
competition–conflict shrinks to lower delta, but all three regimes remain.

Output: ``e01_regime_map.{csv,md,tex,json,png}`` and ``e01_regime_map_optimal.{...}`` — one row per
(soft_power, delta).
"""

from __future__ import annotations

import functools
from pathlib import Path

import bargain as bg
from bargain.models import oblique
from bargain.results import write_table

SOFT_POWER = bg.grid(0, 1, 101)
DELTA = bg.grid(0.05, 0.95, 91)


def main(out_dir) -> None:
    out = Path(out_dir)
    from bargain.plotting import regime_map

    for punishment, stem, title in (
        ("nash", "e01_regime_map", "Regimes by soft power and patience (Nash reversion)"),
        ("optimal", "e01_regime_map_optimal", "Regimes by soft power and patience (optimal codes)"),
    ):
        fn = oblique.cell if punishment == "nash" else functools.partial(oblique.cell, punishment=punishment)
        df = bg.sweep(fn, {"soft_power": SOFT_POWER, "delta": DELTA}, progress=False)
        write_table(df, out / stem, precision=6,
                    metadata={"experiment": "e01", "model": "oblique", "defaults": "oblique.Model()",
                              "punishment": punishment,
                              "grid": {"soft_power": [0, 1, 101], "delta": [0.05, 0.95, 91]}})
        regime_map(df, "soft_power", "delta", "regime", order=list(oblique.REGIMES), path=out / f"{stem}.png",
                   title=title)


if __name__ == "__main__":
    main(Path(__file__).parent / "results")
