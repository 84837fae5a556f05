"""e25: the value each rung of borrowed power adds, with and without the centre as mediator (seed 003).

Question. What does each rung of the ladder (higher office, leaders' attention, top leader) add to
what the urban-operations centre achieves, comparing the full ladder with the ladder without that
rung? And what does the centre add as a mediator, recommending actions rather than only reacting:
in the bilateral escalation game with one department, and on a case that falls between two
departments, where the centre's dispatch decides who handles it?

Proposition (leverage P5, P6 in ``docs/models/leverage.md``). In the bilateral escalation game
mediation adds nothing: the centre's best correlated equilibrium pays it exactly its Nash payoff at
every detection level (with one rung the game is strategically zero-sum, so correlation cannot
improve on its equilibrium; Moulin and Vial 1978). On a shared case the centre gains from *naming
who handles it*, not from correlation: once a rung is strong enough that a department named to
handle the case prefers handling to being escalated against, the profile (Handle, Shirk) is a pure
Nash equilibrium of the unmediated game, worth 5 (every case resolved, no attention spent); the
centre's best correlated equilibrium is worth exactly that, and correlation adds 0 over the best Nash
equilibrium at every row of this table. What the centre's dispatch adds is selection: the two
departments left alone, with no rule naming one, play the symmetric equilibrium and the case falls
through to escalation (4.37 at ``q = 0.8``). The value of a rung depends on the regime: at
``q = 0.8`` the higher office *lowers* bilateral compliance (0.44 with it, 0.69 without), the top
leader adds nothing bilaterally but is what the symmetric shared case relies on (4.37 with it, 2.81
without); with a jurisdiction rule or dispatch either the leaders' attention or the top leader
suffices. Where it stops holding: at ``q <= 0.7`` only the top leader makes a named department
handle, and without it neither a rule nor the mediator does better than the departments left alone.
And with a real hand-over (``handover_*`` columns: a pass-on hands the case to the other department,
which then owns it, so its shirk is attributed with probability ``q``, while the one that passed it
on is cleared if the hand-over is on record, probability ``q``, and otherwise attributed as any
pass-on) a named department can shed the case onto the other whenever
``ε + (1 - q) q ρ π_r (S_r + h) < h``, which at the calibration holds for every ``q`` and rung, so no
jurisdiction rule gets 5: the best Nash equilibrium is worth 0 to 4.89 over the table (4.61 to 4.89
in the 18 rows where mediation beats the departments left alone), and the centre's correlated
recommendations add 0.098 to 0.28 over it in those 18 rows (0.170 at ``q = 0.8`` with the full
ladder) and 0 in the other 7 (no rungs; no top leader at ``q <= 0.7``). In every row of this table
the departments left alone get the same value with and without the hand-over (their symmetric
equilibrium mixes Handle and PassOn, which the hand-over does not change); that is computed here,
not true for all parameters.

Output: ``e25_leverage_rungs.{csv,md,tex,json}``, one row per detection level and ladder (the full
ladder, the ladder without each rung, no rungs), with the value of what was removed in each regime.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

from bargain.models import leverage
from bargain.results import write_table

#: Detection probabilities (0.8 is the calibration).
DETECTIONS = (0.6, 0.7, 0.8, 0.9, 1.0)

#: What is removed from the full ladder: nothing, one rung, or every rung.
REMOVALS = ("nothing", *leverage.RUNGS, "all")


def _ladder(removed: str) -> tuple[str, ...]:
    if removed == "all":
        return ()
    return tuple(r for r in leverage.RUNGS if r != removed)


def main(out_dir) -> pd.DataFrame:
    """Write the rung-value table into ``out_dir``; return the table."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    base = leverage.Model()
    rows = []
    for q in DETECTIONS:
        model = dataclasses.replace(base, detection=q)
        full = None
        for removed in REMOVALS:
            ladder = _ladder(removed)
            nash = model.escalation_equilibrium(ladder)
            correlated = model.mediated_escalation(ladder)
            alone = model.dispatch(ladder, mediated=False)
            ruled = model.dispatch(ladder, mediated=False, equilibrium="best")
            dispatched = model.dispatch(ladder, mediated=True)
            handed_alone = model.dispatch(ladder, mediated=False, handover=True)
            handed_ruled = model.dispatch(ladder, mediated=False, equilibrium="best", handover=True)
            handed = model.dispatch(ladder, mediated=True, handover=True)
            row = {
                "detection": q,
                "removed": removed,
                "ladder": "+".join(ladder) or "none",
                "bilateral_compliance": nash.compliance,
                "bilateral_nash": nash.centre_payoff,
                "bilateral_mediated": correlated.centre_payoff,
                "shared_unmediated": alone.centre_value,
                "shared_unmediated_resolved": alone.resolved,
                "shared_unmediated_rung": alone.rung,
                "shared_best_nash": ruled.centre_value,
                "shared_mediated": dispatched.centre_value,
                "shared_mediated_resolved": dispatched.resolved,
                "shared_mediated_rung": dispatched.rung,
                "correlation_adds": round(dispatched.centre_value - ruled.centre_value, 10) + 0.0,
                "handover_unmediated": handed_alone.centre_value,
                "handover_best_nash": handed_ruled.centre_value,
                "handover_mediated": handed.centre_value,
                "handover_mediated_resolved": handed.resolved,
                "handover_correlation_adds": round(handed.centre_value - handed_ruled.centre_value, 10) + 0.0,
            }
            if full is None:
                full = row
            for key in ("bilateral_compliance", "bilateral_nash", "shared_unmediated", "shared_best_nash",
                        "shared_mediated"):
                row[f"value_{key}"] = round(full[key] - row[key], 10) + 0.0
            rows.append(row)
    df = pd.DataFrame(rows)
    metadata = {
        "experiment": "e25_leverage_rungs",
        "model": "leverage",
        "seed_file": leverage.SEED,
        "detections": list(DETECTIONS),
        "removals": list(REMOVALS),
        "regimes": {
            "bilateral_nash": "Nash equilibrium of the escalation game (bargain.equilibria)",
            "bilateral_mediated": "correlated equilibrium best for the centre (bargain.correlated_equilibrium)",
            "shared_unmediated": "symmetric Nash equilibrium of the dispatch game, best escalation rung",
            "shared_best_nash": "Nash equilibrium of the dispatch game best for the centre (a fixed jurisdiction "
            "rule when pure), best rung",
            "shared_mediated": "correlated equilibrium of the dispatch game best for the centre, best rung (the "
            "lowest rung attaining it)",
            "correlation_adds": "shared_mediated - shared_best_nash",
            "handover_*": "the same three regimes when a pass-on hands the case to the other department "
            "(Model.dispatch(..., handover=True))",
            "handover_correlation_adds": "handover_mediated - handover_best_nash",
        },
        "parameters": dataclasses.asdict(base),
    }
    write_table(df, out / "e25_leverage_rungs", precision=6, metadata=metadata)
    return df


if __name__ == "__main__":
    main(Path(__file__).parent / "results")
