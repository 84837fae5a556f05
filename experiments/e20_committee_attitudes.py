"""e20: each quadrant's attitude under each of the safety committee office's toolkits (seed 002).

Question. Member units differ in goal alignment and capability. Under each toolkit of the
committee office (none, uniform inspection with assessment, targeted "batch to point" inspection with
assessment, the network tools alone, and network on hierarchy), what does the office's optimal
policy make the units of each quadrant do in equilibrium, and which attitude does that reveal
(active: Active with or without the office; passive: Active only under it; symbolic: Perfunctory;
resistant: Shirk)?

Proposition (committee P1 in ``docs/models/committee.md``). At the calibrated budget (one
expected inspection per round for eight units), misaligned limited units are resistant under every
toolkit, and the two middle quadrants are where the toolkit matters (that aligned capable units are
active under every toolkit holds by construction: full work is their dominant action). Under
targeted inspection all four attitudes appear at once: aligned limited units are passive (one is
inspected just enough to make full work its best response, the other then works uninspected because
its work secures the shared outcome), misaligned capable units are symbolic (perfunctory work is
cheap for them and rarely exposed; pushing both to full work would cost more than the budget) and
misaligned limited units resist. The network tools alone get full work only from one misaligned
capable unit and from a pivotal aligned limited one. Where it stops holding: with a larger budget
(3) the targeted office buys full work from the misaligned capable units too (passive) and
perfunctory work from the misaligned limited ones; with a smaller one (0.5) it cannot afford the
symbolic quadrant. Under the optimistic selection rule aligned limited units coordinate on the
safety threshold without the office and count as active. Each row's ``min_cost`` is the least cost
of the policy's equilibria; the pessimistic optimum is not attained there, so the reported
intensities (``inspection_low``/``inspection_high`` over the quadrant's units) lie above it, within
the budget.

Output: ``e20_committee_attitudes.{csv,md,tex,json}`` (one row per budget, toolkit, selection rule
and quadrant) and ``e20_committee_attitudes.png`` (the attitude of each quadrant under each toolkit
at the calibrated budget, pessimistic selection).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

from bargain.models import committee
from bargain.plotting import regime_map
from bargain.results import write_table

#: Inspection budgets (expected inspections per round); 1.0 is the calibration.
BUDGETS = (0.5, 1.0, 3.0)

#: The office's toolkits, from no office to the case's network on hierarchy.
TOOLKITS = committee.TOOLKITS

#: Both selection rules among the units' pure equilibria.
SELECTIONS = committee.SELECTIONS


def main(out_dir) -> pd.DataFrame:
    """Write the attitude table (and its figure) into ``out_dir``; return the table."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    model = committee.Model()
    traits = model.quadrant_traits()
    rows = []
    for budget in BUDGETS:
        for toolkit in TOOLKITS:
            for selection in SELECTIONS:
                policy = model.office_policy(toolkit, selection, budget=budget)
                for quadrant in committee.QUADRANTS:
                    units = [u for u in model.units if model.quadrant_of(u) == quadrant]
                    actions = sorted({policy.profile[u] for u in units}, key=committee.ACTIONS.index)
                    attitudes = sorted({policy.attitudes[u] for u in units}, key=committee.ATTITUDES.index)
                    goal, capability = traits[quadrant]
                    rows.append({
                        "budget": budget,
                        "toolkit": toolkit,
                        "selection": selection,
                        "quadrant": quadrant,
                        "goal": goal,
                        "capability": capability,
                        "inspection_low": min(policy.inspection[u] for u in units),
                        "inspection_high": max(policy.inspection[u] for u in units),
                        "action": "/".join(actions),
                        "attitude": "/".join(attitudes),
                        "units_active": sum(policy.profile[u] == "Active" for u in units),
                        "share_not_active": policy.share_not_active,
                        "work": policy.work,
                        "spent": policy.spent,
                        "min_cost": policy.min_cost,
                        "attained": policy.attained,
                        "safe": policy.safe,
                        "n_equilibria": policy.n_equilibria,
                    })
    df = pd.DataFrame(rows)
    metadata = {
        "experiment": "e20_committee_attitudes",
        "model": "committee",
        "seed_file": committee.SEED,
        "budgets": list(BUDGETS),
        "toolkits": list(TOOLKITS),
        "selections": list(SELECTIONS),
        "leader_problem": "exact over per-unit intensities: every unit one option (0, a critical intensity or an open interval between two); open intervals need min_cost < budget",
        "parameters": dataclasses.asdict(model),
    }
    write_table(df, out / "e20_committee_attitudes", precision=6, metadata=metadata)
    shown = df[(df["budget"] == model.budget) & (df["selection"] == "pessimistic")].copy()
    # numbered labels keep the axes in the model's order (the map sorts its axis values)
    shown["toolkit"] = [f"{TOOLKITS.index(t) + 1} {t}" for t in shown["toolkit"]]
    shown["quadrant"] = [f"{committee.QUADRANTS.index(q) + 1} {q.replace('_', chr(10))}" for q in shown["quadrant"]]
    order = [a for a in committee.ATTITUDES if a in set(shown["attitude"])]
    order += sorted(set(shown["attitude"]) - set(order))
    regime_map(shown, "quadrant", "toolkit", "attitude", order=order, path=out / "e20_committee_attitudes.png",
               title="Attitude of each quadrant under each toolkit (budget 1)")
    return df


if __name__ == "__main__":
    main(Path(__file__).parent / "results")
