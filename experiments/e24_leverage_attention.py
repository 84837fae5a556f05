"""e24: the minimum attention budget for a target compliance rate (seed 003).

Question. Leaders' attention is the scarce input of borrowed power. For a target rate at which
departments handle dispatched cases, what is the least attention per case the centre must spend in
equilibrium, if it may choose which rungs of the ladder to borrow, and how does that minimum fall as
its information system improves?

Proposition (leverage P4 in ``docs/models/leverage.md``). The minimum attention falls as detection
rises, and high targets are out of reach at low detection: a compliance of 0.25 needs 0.80
attention per case at ``q = 0.7`` (the top leader alone), 0.56 at the calibrated ``q = 0.8`` and
0.44 at ``q = 1``; a compliance of 0.5 is out of reach below ``q = 0.8``, where it costs 0.5625 with
the leaders' attention alone (the full ladder spends 0.56 there and gets only 0.44); 0.75 is reached
only at ``q = 1`` (0.45, the leaders' attention alone), and there exactly: 0.75 is the cap
``1 - A / (q ρ π W)`` of the leaders' attention at ``q = 1``, a tie counted as reached within
``leverage.TARGET_TOL``. Information substitutes for attention, and
the cheapest way to a target can be to borrow less power. Where it stops holding: below ``q = 0.7``
no ladder reaches even 0.25 (the top leader alone gets 0.17 to 0.23 at ``q`` = 0.6 to 0.65), and a
target is capped at ``1 - A_r / (q ρ π_r W)`` for the rung that deters, whatever the attention.

Output: ``e24_leverage_attention.{csv,md,tex,json}`` (one row per target and detection; the
attention is empty where the target is out of reach) and ``e24_leverage_attention.png`` (minimum
attention against detection, one line per target).
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pandas as pd

import bargain as bg
from bargain.models import leverage
from bargain.plotting import line_plot
from bargain.results import write_table

#: Detection probabilities, 0.5 to 1 in steps of 0.05 (at 0.5 and below no ladder deters).
DETECTIONS = bg.grid(0.5, 1, 11)

#: Target compliance rates.
TARGETS = (0.25, 0.5, 0.75)


def main(out_dir) -> pd.DataFrame:
    """Write the minimum-attention table (and its figure) into ``out_dir``; return the table."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    base = leverage.Model()
    rows = []
    for target in TARGETS:
        for q in DETECTIONS:
            best = dataclasses.replace(base, detection=float(q)).minimum_attention(target)
            reachable = math.isfinite(best["attention"])
            rows.append({
                "target": target,
                "detection": float(q),
                "reachable": reachable,
                "min_attention": best["attention"] if reachable else None,
                "ladder": best["ladder"] if reachable else None,
                "compliance": best["compliance"] if reachable else None,
            })
    df = pd.DataFrame(rows)
    metadata = {
        "experiment": "e24_leverage_attention",
        "model": "leverage",
        "seed_file": leverage.SEED,
        "detections": [float(q) for q in DETECTIONS],
        "targets": list(TARGETS),
        "search": "every subset of the ladder; the escalation game's equilibrium for each",
        "parameters": dataclasses.asdict(base),
    }
    write_table(df, out / "e24_leverage_attention", precision=6, metadata=metadata)
    plotted = df.assign(min_attention=df["min_attention"].astype(float))
    line_plot(plotted, "detection", "min_attention", by="target", path=out / "e24_leverage_attention.png",
              title="Least attention per case for a target compliance")
    return df


if __name__ == "__main__":
    main(Path(__file__).parent / "results")
