"""e21: the degree of coupling (share of units not Active) against the office's inspection budget (seed 002).

Question. How loosely coupled is the committee's network, measured as the share of member units
that do not work actively in the units' equilibrium under the office's optimal policy, and how does
that share fall as the office's inspection budget grows? Does it reach zero, and for which strength
of the assessment penalty?

Proposition (committee P3 in ``docs/models/committee.md``). At the calibrated assessment penalty
(2) the share not Active never falls below one quarter: the misaligned limited units cannot be
brought to full work by any inspection intensity, because full work costs them more than the
expected penalty it saves over perfunctory work, ``(1 - s)(c / k - ĝ b) > d_P F`` (1.12 > 0.8 without
interaction, 0.84 > 0.8 with it). This is the case's loose coupling: the incentives do not reach
every unit's goals and resources. Targeted inspection reaches the floor for budgets above 1.75
expected inspections per round (above 0.875 with interaction), uniform inspection above 4.2 (least
costs, not attained: ``min_cost``). The work done never falls with the budget (by construction), but
the share not Active need not: with a penalty of 1 under ``dual`` it is 0.5 at budget 0.5 and 0.625
at 0.75. Where it stops holding: with a penalty of 3 the inequality reverses and the share falls to
zero once the budget covers the misaligned limited units too (above 1.98 with interaction, 3.03
targeted, 7.47 uniform); with a penalty of 1 the misaligned capable units are out of reach as well
and the floor rises to one half (one quarter with interaction, which raises their alignment).

Output: ``e21_committee_coupling.{csv,md,tex,json}`` (one row per penalty, toolkit and budget,
pessimistic selection) and ``e21_committee_coupling.png`` (share not Active against budget, one line per
toolkit, at the calibrated penalty and pessimistic selection).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

import bargain as bg
from bargain.models import committee
from bargain.plotting import line_plot
from bargain.results import write_table

#: Inspection budgets, 0 to 8 expected inspections per round (every unit inspected every round at 8).
BUDGETS = bg.grid(0, 8, 33)

#: Assessment penalties; 2.0 is the calibration.
PENALTIES = (1.0, 2.0, 3.0)

#: The committed toolkits compared.
TOOLKITS = ("hierarchy", "targeted", "dual")

#: The pessimistic selection rule only: P3 is stated for an office that expects the worst equilibrium
#: (the optimistic rule is in e20 and e22).
SELECTIONS = ("pessimistic",)


def main(out_dir) -> pd.DataFrame:
    """Write the coupling table (and its figure) into ``out_dir``; return the table."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    base = committee.Model()
    rows = []
    for penalty in PENALTIES:
        model = dataclasses.replace(base, assessment_penalty=penalty)
        for toolkit in TOOLKITS:
            for selection in SELECTIONS:
                for budget in BUDGETS:
                    policy = model.office_policy(toolkit, selection, budget=float(budget))
                    rows.append({
                        "assessment_penalty": penalty,
                        "toolkit": toolkit,
                        "selection": selection,
                        "budget": float(budget),
                        "spent": policy.spent,
                        "min_cost": policy.min_cost,
                        "attained": policy.attained,
                        "work": policy.work,
                        "units_active": sum(a == "Active" for a in policy.profile.values()),
                        "units_perfunctory": sum(a == "Perfunctory" for a in policy.profile.values()),
                        "units_shirking": sum(a == "Shirk" for a in policy.profile.values()),
                        "share_not_active": policy.share_not_active,
                        "safe": policy.safe,
                    })
    df = pd.DataFrame(rows)
    metadata = {
        "experiment": "e21_committee_coupling",
        "model": "committee",
        "seed_file": committee.SEED,
        "budgets": [float(b) for b in BUDGETS],
        "assessment_penalties": list(PENALTIES),
        "toolkits": list(TOOLKITS),
        "selections": list(SELECTIONS),
        "leader_problem": "exact over per-unit intensities: every unit one option (0, a critical intensity or an open interval between two); open intervals need min_cost < budget",
        "parameters": dataclasses.asdict(base),
    }
    write_table(df, out / "e21_committee_coupling", precision=6, metadata=metadata)
    shown = df[(df["assessment_penalty"] == base.assessment_penalty) & (df["selection"] == "pessimistic")]
    line_plot(shown, "budget", "share_not_active", by="toolkit", path=out / "e21_committee_coupling.png",
              title="Share of units not Active against the inspection budget")
    return df


if __name__ == "__main__":
    main(Path(__file__).parent / "results")
