"""e23: compliance against the information system's detection and the ladder of borrowed power (seed 003).

Question. The urban-operations centre has no authority of its own. In the equilibrium of the
escalation game between a department and the centre, how often does the department handle a
dispatched case, as the information system's detection ``q`` improves and for each ladder of
borrowed power the centre can climb (every subset of higher office, leaders' attention and top
leader)?

Proposition (leverage P1, P2, P3 in ``docs/models/leverage.md``). Without any rung the department
never handles the case at any ``q``: information alone has no force. With a rung, compliance is zero
until ``q`` is high enough for a referral both to deter and to pay the centre, then rises with ``q``:
information converts into power, and the more powerful the rung the less information it needs (the
top leader alone from ``q = 0.55`` on this grid: it deters from 0.375 but a referral pays only above
0.5; the leaders' attention alone from 0.8, where it starts to deter; the higher office alone never
deters here).
Where more power stops helping: the centre cannot commit, so it refers a case to the rung that pays
best *after* an evasion, not to the one that deters best. A cheaper rung crowds out a more powerful
one: with the leaders' attention available the top leader is never used, so compliance with the
full ladder is zero up to ``q = 0.75`` although the top leader alone gets compliance from 0.55 (at
``q = 0.75`` exactly the leaders' attention deters at a sure referral and the game is degenerate: the
reported, least compliant equilibrium has compliance 0, another has 0.407 with the full ladder and
0.667 with the leaders' attention alone, column ``max_compliance``); and the cheap
higher office crowds out the leaders' attention, so from ``q = 0.8`` on the full ladder gets less
than the leaders' attention alone (0.44 against 0.69 at ``q = 0.8``).

Output: ``e23_leverage_information.{csv,md,tex,json}`` (one row per ladder and detection; ``compliance``
is the least compliant equilibrium's, ``max_compliance`` the most compliant's) and
``e23_leverage_information.png`` (compliance against detection, one line per ladder; HO, LA and TL
abbreviate the rungs). A second table, ``e23_leverage_sensitivity.{csv,md,tex,json}``, scales each rung's
sanction, attention cost and power, the attention budget, the clarity of responsibility, the case's value
and the pass-on cost one at a time at ``q = 0.8``: once a rung deters,
its sanction leaves compliance unchanged (the department's mix keeps the centre indifferent); a dearer
higher office raises the full ladder's compliance (0.31 to 0.69), a dearer leaders' attention lowers it
(0.84 to 0), and with an attention budget of 0.3 or 0.45 the best ladder, constrained by it, gets
compliance 0 (the budget binds for every ladder with the leaders' attention or the top leader; the
empty ladder, the higher office alone and the higher office with the top leader spend 0 or 0.2
unconstrained and are not constrained by it). Its threshold columns (the detection above which each
rung alone gets compliance) show where P2's "more power, less information" fails: ``W = 2.5``,
``π_TL = 0.5``, ``S_LA = 3`` and ``A_TL = 3``; its ``less_compliance`` column (the best smaller ladder)
shows where P3's crowding out fails: ``A_HO = 0.4``, ``π_HO = 0.25``, ``A_LA = 0.3`` and ``ρ = 0.3``.
"""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pandas as pd

import bargain as bg
from bargain.models import leverage
from bargain.plotting import line_plot
from bargain.results import write_table

#: Detection probabilities of the information system, 0 to 1 in steps of 0.05 (0.8 is the calibration).
DETECTIONS = bg.grid(0, 1, 21)

#: Every ladder the centre could borrow: all subsets of the rungs, smallest first.
LADDERS = tuple(
    ladder for size in range(len(leverage.RUNGS) + 1) for ladder in itertools.combinations(leverage.RUNGS, size)
)


#: Sensitivity at the calibrated detection: each driver scaled one at a time by these factors (1 is the
#: calibration); a scaled value outside the parameter's range (a probability above 1) is left out.
FACTORS = (0.5, 0.75, 1.0, 1.5, 2.0)

#: The parameters scaled in the sensitivity table: each rung's sanction and attention cost, the attention
#: budget, then the clarity of responsibility, the case's value, the pass-on cost and each rung's power.
DRIVERS = tuple(
    f"{prefix}_{kind}" for prefix in ("higher_office", "leaders", "top_leader") for kind in ("sanction", "attention")
) + ("attention_budget", "responsibility_clarity", "case_value", "passon_cost") + tuple(
    f"{prefix}_power" for prefix in ("higher_office", "leaders", "top_leader")
)

#: Drivers that are probabilities, capped at 1.
PROBABILITIES = ("responsibility_clarity", "higher_office_power", "leaders_power", "top_leader_power")

#: Other factors for two probabilities, to keep points on both sides of the calibration. The clarity of
#: responsibility avoids 0.9 = (h - ε) / h, where passing on and shirking are deterred at the same referral
#: rate (a degenerate tie).
FACTORS_OF = {"responsibility_clarity": (0.5, 0.75, 1.0, 1.25, 1.6), "leaders_power": (0.5, 0.75, 1.0, 1.125, 1.25)}


def sensitivity(base) -> pd.DataFrame:
    """Equilibrium compliance with the full ladder, the best smaller ladder, and the best ladder within the budget.

    ``threshold_<rung>`` is the detection above which the rung alone gets compliance (P2: the more
    powerful the rung, the lower); ``less_ladder`` and ``less_compliance`` are the best proper
    sub-ladder of the full one, unconstrained (P3 holds where it beats the full ladder).
    """
    rows = []
    for parameter in DRIVERS:
        for factor in FACTORS_OF.get(parameter, FACTORS):
            value = float(getattr(base, parameter)) * factor
            if parameter in PROBABILITIES and value > 1:
                continue
            model = dataclasses.replace(base, **{parameter: value})
            full = model.escalation_equilibrium()
            best = model.best_ladder()
            smaller = [model.escalation_equilibrium(ladder) for ladder in LADDERS if len(ladder) < len(base.ladder)]
            less = max(smaller, key=lambda out: out.compliance)       # the first, so the fewest rungs, on a tie
            rows.append({
                "parameter": parameter,
                "factor": factor,
                "value": value,
                "full_compliance": full.compliance,
                "full_attention": full.attention,
                "full_refer": "+".join(r for r in leverage.RUNGS if full.referral[r] > 0) or "none",
                "less_ladder": "+".join(less.ladder) or "none",
                "less_compliance": less.compliance,
                **{f"threshold_{rung}": round(model.detection_threshold(rung), 10) for rung in leverage.RUNGS},
                "best_ladder": "+".join(best.ladder) or "none",
                "best_compliance": best.compliance,
                "best_attention": best.attention,
            })
    return pd.DataFrame(rows)


def main(out_dir) -> pd.DataFrame:
    """Write the compliance table (and its figure) into ``out_dir``; return the table."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    base = leverage.Model()
    rows = []
    for ladder in LADDERS:
        for q in DETECTIONS:
            eq = dataclasses.replace(base, detection=float(q)).escalation_equilibrium(ladder)
            rows.append({
                "ladder": "+".join(ladder) or "none",
                "detection": float(q),
                "compliance": eq.compliance,
                "max_compliance": eq.max_compliance,
                "passon": eq.passon,
                "shirk": eq.shirk,
                **{f"refer_{rung}": eq.referral[rung] for rung in leverage.RUNGS},
                "attention": eq.attention,
                "centre_payoff": eq.centre_payoff,
                "n_equilibria": eq.n_equilibria,
            })
    df = pd.DataFrame(rows)
    metadata = {
        "experiment": "e23_leverage_information",
        "model": "leverage",
        "seed_file": leverage.SEED,
        "detections": [float(q) for q in DETECTIONS],
        "ladders": ["+".join(ladder) or "none" for ladder in LADDERS],
        "solver": "bargain.equilibria (all Nash equilibria; the lowest compliance if several, and "
        "max_compliance the highest)",
        "parameters": dataclasses.asdict(base),
    }
    write_table(df, out / "e23_leverage_information", precision=6, metadata=metadata)
    write_table(sensitivity(base), out / "e23_leverage_sensitivity", precision=6, metadata={
        "experiment": "e23_leverage_information",
        "table": "compliance as each driver moves, one at a time",
        "model": "leverage",
        "seed_file": leverage.SEED,
        "detection": base.detection,
        "factors": list(FACTORS),
        "factors_of": {name: list(factors) for name, factors in FACTORS_OF.items()},
        "drivers": list(DRIVERS),
        "full_ladder": list(base.ladder),
        "best_ladder": "Model.best_ladder(): the highest compliance over ladders, each constrained by the budget",
        "less_ladder": "the proper sub-ladder with the highest unconstrained compliance (the fewest rungs on a tie)",
        "threshold": "Model.detection_threshold(rung): the detection above which the rung alone gets compliance",
        "parameters": dataclasses.asdict(base),
    })
    # short rung names keep the legend from crowding the axes
    short = {"HigherOffice": "HO", "LeadersAttention": "LA", "TopLeader": "TL"}
    plotted = df.assign(ladder=["+".join(short.get(r, r) for r in name.split("+")) for name in df["ladder"]])
    line_plot(plotted, "detection", "compliance", by="ladder", path=out / "e23_leverage_information.png",
              title="Compliance against detection, by ladder")
    return df


if __name__ == "__main__":
    main(Path(__file__).parent / "results")
