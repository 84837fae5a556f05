"""e24: the least attention budget for a target compliance rate, with the budget constraining play (seed 003).

Question. Leaders' attention is the scarce input of borrowed power, and the centre's budget is an
expected spend per case: its mixed strategy must satisfy ``Σ_r Pr[refer to r] A_r <= B``. For a
target rate at which departments handle dispatched cases, what is the least budget ``B`` at which
the budget-constrained equilibrium of the escalation game reaches it, if the centre may choose which
rungs of the ladder to borrow, and how does that budget fall as its information system improves?
What happens just below it?

Proposition (leverage P4 in ``docs/models/leverage.md``). For each ladder whose unconstrained game
has a unique equilibrium the budget is all or nothing: below the attention that equilibrium spends,
the department handles no case at all (the centre's referrals, however it spreads them, no longer
deter), and from that attention on, it is played. So the least budget for a target is the attention
of the cheapest ladder whose equilibrium reaches it, and it falls as detection rises. Where a game
has several equilibria, the one with the least compliance is reported (``Model.minimum_budget``
searches the attention each equilibrium spends and confirms it with the budget-constrained game's
least compliant equilibrium). A compliance of 0.25
needs a budget of 0.80 per case at ``q = 0.7`` (the top leader alone), 0.56 at the calibrated
``q = 0.8`` and 0.44 at ``q = 1``; 0.5 is out of reach below ``q = 0.8`` under that selection (at
``q = 0.75`` the leaders' attention alone has, besides an equilibrium with compliance 0, one with
compliance 0.667 that spends 0.6, but a budget of 0.6 also admits the first), where it needs 0.5625 with
the leaders' attention alone; 0.75 only at ``q = 1`` (0.45, the leaders' attention alone, a tie
with its cap ``1 - A / (q ρ π W)`` counted as reached within ``leverage.TARGET_TOL``). With 1 % less
budget than the least, the best compliance any ladder reaches falls short of the target in every
reachable row (column ``best_below``): to 0, except for 0.75 at ``q = 1``, where the higher office
with the leaders' attention still gets 0.5556 for 0.44. At ``q = 0.8`` (second table) the full
ladder's compliance is 0 up to a budget of 0.55, the budget binding, and 0.4444 from 0.6 on, where
it does not; the best ladder's jumps from 0 to 0.6875 (the leaders' attention alone, which needs
0.5625), and no larger budget improves on it. Where it
stops holding: below ``q = 0.7`` no ladder reaches even 0.25, whatever the budget, and a target is
capped at ``1 - A_r / (q ρ π_r W)`` for the rung that deters.

Output: ``e24_leverage_attention.{csv,md,tex,json}`` (one row per target and detection: the least
budget, the ladder, the compliance there, and the best compliance and spend at 99 % of it; empty where
the target is out of reach) with ``e24_leverage_attention.png`` (least budget against detection, one
line per target), and ``e24_leverage_budget.{csv,md,tex,json}`` (at ``q = 0.8``: the
budget-constrained equilibrium with the full ladder and with the best ladder, budget 0 to 1.6).
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

#: Detection probabilities, 0.5 to 1 in steps of 0.05 (the top leader deters from q > 0.375, but a
#: referral pays only from q > 0.5: at 0.5 and below no ladder gets compliance).
DETECTIONS = bg.grid(0.5, 1, 11)

#: Target compliance rates.
TARGETS = (0.25, 0.5, 0.75)

#: The budget just below the least one, as a share of it.
BELOW = 0.99

#: Budgets per case for the second table, at the calibrated detection.
BUDGETS = bg.grid(0, 1.6, 33)


def budget_curve(base) -> pd.DataFrame:
    """The budget-constrained equilibrium at each budget: the full ladder, and the best ladder."""
    rows = []
    for budget in BUDGETS:
        full = base.escalation_equilibrium(budget=float(budget))
        best = base.best_ladder(float(budget))
        rows.append({
            "budget": float(budget),
            "full_compliance": full.compliance,
            "full_attention": full.attention,
            "full_binds": full.binds,
            "best_ladder": "+".join(best.ladder) or "none",
            "best_compliance": best.compliance,
            "best_attention": best.attention,
            "best_binds": best.binds,
        })
    return pd.DataFrame(rows)


def main(out_dir) -> pd.DataFrame:
    """Write the least-budget tables (and the figure) into ``out_dir``; return the first table."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    base = leverage.Model()
    rows = []
    for target in TARGETS:
        for q in DETECTIONS:
            model = dataclasses.replace(base, detection=float(q))
            least = model.minimum_budget(target)
            reachable = math.isfinite(least["budget"])
            below = model.best_ladder(BELOW * least["budget"]) if reachable else None
            rows.append({
                "target": target,
                "detection": float(q),
                "reachable": reachable,
                "min_budget": least["budget"] if reachable else None,
                "ladder": least["ladder"] if reachable else None,
                "compliance": least["compliance"] if reachable else None,
                "best_below": below.compliance if reachable else None,
                "spent_below": below.attention if reachable else None,
            })
    df = pd.DataFrame(rows)
    metadata = {
        "experiment": "e24_leverage_attention",
        "model": "leverage",
        "seed_file": leverage.SEED,
        "detections": [float(q) for q in DETECTIONS],
        "targets": list(TARGETS),
        "below": BELOW,
        "search": "every subset of the ladder; the budget-constrained equilibrium of the escalation game "
        "(Model.minimum_budget; best_below and spent_below: Model.best_ladder at below * min_budget)",
        "parameters": dataclasses.asdict(base),
    }
    write_table(df, out / "e24_leverage_attention", precision=6, metadata=metadata)
    write_table(budget_curve(base), out / "e24_leverage_budget", precision=6, metadata={
        "experiment": "e24_leverage_attention",
        "table": "the budget-constrained equilibrium against the attention budget, at the calibrated detection",
        "model": "leverage",
        "seed_file": leverage.SEED,
        "budgets": [float(b) for b in BUDGETS],
        "full": "Model.escalation_equilibrium(budget=b) with the full ladder",
        "best": "Model.best_ladder(b): the highest compliance over ladders, each constrained by b",
        "parameters": dataclasses.asdict(base),
    })
    plotted = df.assign(min_budget=df["min_budget"].astype(float))
    line_plot(plotted, "detection", "min_budget", by="target", path=out / "e24_leverage_attention.png",
              title="Least attention budget per case for a target compliance")
    return df


if __name__ == "__main__":
    main(Path(__file__).parent / "results")
