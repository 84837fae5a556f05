"""e05 — How do the regime boundaries move with hierarchy and borrowed authority?

Question: the case attributes resistance–negotiation to soft power *relative to* the bureau's
hierarchical and borrowed authority. How do the boundaries of the regimes move when the bureau's
hierarchy ``eta`` or the borrowed authority ``a`` change?

For each (hierarchy, borrowed_authority) setting and each delta of a coarse grid, the table gives the
largest soft power at which the relation is still command–obedience (``co_max``), and the smallest at
which it is competition–conflict (``cc_min``), read from a regime scan over soft power (step 0.01;
empty when the regime never appears), and the share of the soft-power scan that is
resistance–negotiation (``rn_width``).

What the table shows (see the model card): borrowed authority widens command–obedience (it
sanctions slow, voiced compliance as well as opposition, which the eroding hierarchy does not),
while a stronger hierarchy postpones competition–conflict but leaves the edge of command–obedience
where voice starts to pay against a plain command (``s = voice_cost / (voice_delay * burden)``).

Output: ``e05_boundary_sensitivity.{csv,md,tex,json,png}``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

import bargain as bg
from bargain.models import oblique
from bargain.results import write_table

HIERARCHY = (2.0, 3.0, 4.0, 5.0, 6.0)
BORROWED_AUTHORITY = (0.0, 0.6, 1.2)
DELTA = (0.3, 0.6, 0.9)
SOFT_POWER = bg.grid(0, 1, 101)


def point(hierarchy: float, borrowed_authority: float, delta: float) -> dict:
    labels = [oblique.Model(soft_power=float(s), delta=delta, hierarchy=hierarchy,
                            borrowed_authority=borrowed_authority).regime().label for s in SOFT_POWER]
    co = [s for s, label in zip(SOFT_POWER, labels) if label == "command-obedience"]
    cc = [s for s, label in zip(SOFT_POWER, labels) if label == "competition-conflict"]
    return {"co_max": float(max(co)) if co else np.nan, "cc_min": float(min(cc)) if cc else np.nan,
            "rn_width": labels.count("resistance-negotiation") / len(labels)}


def main(out_dir) -> None:
    out = Path(out_dir)
    grid = {"hierarchy": HIERARCHY, "borrowed_authority": BORROWED_AUTHORITY, "delta": DELTA}
    df = bg.sweep(point, grid, executor="serial", progress=False)
    write_table(df, out / "e05_boundary_sensitivity", precision=6,
                metadata={"experiment": "e05", "model": "oblique", "defaults": "oblique.Model()",
                          "grid": {k: list(v) for k, v in grid.items()}, "soft_power_scan": [0, 1, 101]})
    from bargain.plotting import line_plot

    at = df[df["borrowed_authority"] == 0.6]
    long = at.melt(id_vars=["hierarchy", "delta"], value_vars=["co_max", "cc_min"], var_name="boundary",
                   value_name="soft_power").dropna()
    long["series"] = long["boundary"] + ", delta " + long["delta"].map("{:g}".format)
    line_plot(long, "hierarchy", "soft_power", by="series", path=out / "e05_boundary_sensitivity.png",
              title="Regime boundaries against hierarchy (borrowed authority 0.6)")


if __name__ == "__main__":
    main(Path(__file__).parent / "results")
