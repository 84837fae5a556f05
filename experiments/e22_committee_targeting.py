"""e22: targeted ("batch to point") against uniform inspection at equal budget, and random inspection (seed 002).

Question. With the same inspection budget and the same assessment penalty, how much more work does
the committee office obtain by targeting inspection at types of unit ("batch to point") than by
inspecting every unit alike? And what does the office's commitment itself buy: how do both compare
with the office that cannot commit, whose inspection is random in the equilibrium of the inspection
game it plays with each unit?

Proposition (committee P4, P5 in ``docs/models/committee.md``). Targeted inspection never does worse
than uniform inspection at equal budget (by construction: uniform policies are among the targeted
ones) and does strictly better at every budget from 0.25 to 4 under both selection rules: for
example 4.6 against 2.6 units of work at the calibrated budget of 1 (pessimistic). The gain comes
from concentration (a unit's best response jumps at a critical intensity, so spreading the budget
thin buys nothing), from matching intensities to types, and from targeting single units: inspecting
one unit of a quadrant can leave the other pivotal for the shared outcome, so it works uninspected.
Where it stops holding: at budget 0 and from 4.25 on, where uniform inspection reaches everything
that inspection can reach (the misaligned limited units stay perfunctory either way). Random
inspection without commitment spends 3.75 expected inspections per round and gets 4.1 units of
work, against 6.6 for committed targeted inspection at that spend: without commitment the office
inspects only as often as keeps a unit indifferent, and the units' probability of full work is
``1 - inspection_cost / ((1 - s) d_P)``, whatever the penalty (Tsebelis 1989).

Output: ``e22_committee_targeting.{csv,md,tex,json}`` (one row per regime, selection rule and budget;
the random-inspection row has the budget it spends) and ``e22_committee_targeting.png`` (work
against budget for uniform and targeted inspection, pessimistic selection, and the random-inspection
point).

A second table, ``e22_committee_sensitivity.{csv,md,tex,json}``, gives each quadrant's attitude at the
calibrated budget (pessimistic selection) as every parameter of the units' game moves alone, under uniform
and targeted inspection (under the network tools for the interaction and the notice penalty). The
targeted pattern of the middle quadrants (aligned limited passive, misaligned capable symbolic) survives
``d_P = 0.2``, ``s = 0.15``, ``V = 2``, ``goal_high = 0.7`` and ``capability_high = 0.75``; it stops holding
with ``d_P = 0.8 >= 1 - s`` (no unit symbolic), ``goal_low = 0.4``, ``capability_low = 0.75``,
``goal_high`` 0.6 or 0.9, ``goal_benefit`` 1 to 3 (at 1 even aligned capable units need the office),
``effort_cost`` 0.75 or 1.25, at every other safety
threshold tried (0.25 to 0.75) and with one unit per quadrant. Interaction ``η = 0.75`` under ``dual``
brings every unit to full work at budget 1: the loose-coupling floor of e21 needs ``η < 2/7``.

A third table, ``e22_committee_random.{csv,md,tex,json}``, sets random inspection (each unit's inspection
game, mixed equilibrium) against committed targeted inspection at the same expected spend over the
penalty F and the inspection cost c_I, then s and d_P: a unit mixing between perfunctory and full work
works fully with probability ``1 - c_I / ((1 - s) d_P)`` at every F at which it mixes (0.643 at c_I =
0.1, 0.107 at 0.25), commitment never does worse, and the result stops holding where F is too weak (0.5
with c_I <= 0.25: sure inspection, no gain from commitment), where ``c_I >= (1 - s) d_P`` (no full work) and where
``d_P >= 1 - s`` (full work with probability ``1 - c_I``).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

import bargain as bg
from bargain.models import committee
from bargain.plotting import line_plot
from bargain.results import write_table

#: Inspection budgets, 0 to 5 expected inspections per round (uniform inspection saturates at 4.2).
BUDGETS = bg.grid(0, 5, 21)

#: The committed toolkits compared: the same assessment penalty, no interaction.
REGIMES = {"uniform": "hierarchy", "targeted": "targeted"}

#: Both selection rules among the units' pure equilibria.
SELECTIONS = committee.SELECTIONS

#: Sensitivity of the quadrants' attitudes at the calibrated budget (pessimistic selection only: the
#: leader's problem is the slow part): every parameter of the units' game moved alone away from its
#: calibrated value (listed with it), under the regimes it acts through. The budget and the assessment
#: penalty are swept in e20 and e21, the inspection cost in the RANDOM_* grid below. ``units_per_type``
#: stops at 2: at 3 (12 units) the leader's problem would take hours.
SENSITIVITY = {
    "perfunctory_detection": ((0.2, 0.4, 0.8), ("uniform", "targeted")),
    "perfunctory_share": ((0.15, 0.3), ("uniform", "targeted")),
    "goal_low": ((0.2, 0.4), ("uniform", "targeted")),
    "goal_high": ((0.6, 0.7, 0.8, 0.9), ("uniform", "targeted")),
    "capability_low": ((0.5, 0.75), ("uniform", "targeted")),
    "capability_high": ((0.75, 1.0), ("uniform", "targeted")),
    "goal_benefit": ((1.0, 1.5, 2.0, 2.5, 3.0), ("uniform", "targeted")),
    "effort_cost": ((0.75, 1.0, 1.25), ("uniform", "targeted")),
    "safety_value": ((1.0, 2.0), ("uniform", "targeted")),
    "safety_threshold": ((0.25, 0.375, 0.5, 0.625, 0.75), ("uniform", "targeted")),
    "units_per_type": ((1, 2), ("uniform", "targeted")),
    # these act only through the network tools (interaction raises alignment; the notice penalty is the
    # network toolkit's only penalty)
    "interaction": ((0.0, 0.25, 0.5, 0.75), ("network", "dual")),
    "notice_penalty": ((0.25, 0.5, 1.0, 2.0), ("network",)),
}

#: The toolkit behind each regime of the sensitivity table.
SENSITIVITY_REGIMES = {**REGIMES, "network": "network", "dual": "dual"}

#: Random inspection against commitment (committee P5): the assessment penalty F crossed with the
#: office's inspection cost c_I, then the perfunctory share s and the detection d_P moved alone (at F = 2,
#: c_I = 0.25). No value sits on a boundary between regimes of the inspection game (it is degenerate there).
RANDOM_PENALTIES = (0.5, 1.0, 1.5, 2.0, 3.0, 4.0)
RANDOM_COSTS = (0.1, 0.25, 0.5, 1.25)
RANDOM_SHARES = (0.15, 0.5)
RANDOM_DETECTIONS = (0.2, 0.6, 0.8)


def sensitivity(model) -> pd.DataFrame:
    """Each quadrant's attitude under each regime as one parameter moves (budget as calibrated)."""
    rows = []
    for parameter, (values, regimes) in SENSITIVITY.items():
        for value in values:
            varied = dataclasses.replace(model, **{parameter: value})
            for regime in regimes:
                policy = varied.office_policy(SENSITIVITY_REGIMES[regime], "pessimistic")
                for quadrant in committee.QUADRANTS:
                    units = [u for u in varied.units if varied.quadrant_of(u) == quadrant]
                    rows.append({
                        "parameter": parameter,
                        "value": float(value),
                        "calibrated": float(value) == float(getattr(model, parameter)),
                        "regime": regime,
                        "quadrant": quadrant,
                        "action": "/".join(sorted({policy.profile[u] for u in units}, key=committee.ACTIONS.index)),
                        "attitude": "/".join(policy.attitudes[u] for u in units),
                        "work": policy.work,
                        "share_not_active": policy.share_not_active,
                        "min_cost": policy.min_cost,
                    })
    return pd.DataFrame(rows)


def random_against_commitment(model) -> pd.DataFrame:
    """Random inspection (no commitment) against committed targeted inspection at the same expected spend."""
    base = (model.assessment_penalty, model.inspection_cost, model.perfunctory_share, model.perfunctory_detection)
    points = [("penalty_cost", F, c, base[2], base[3]) for F in RANDOM_PENALTIES for c in RANDOM_COSTS]
    points += [("share", base[0], base[1], s, base[3]) for s in RANDOM_SHARES]
    points += [("detection", base[0], base[1], base[2], d) for d in RANDOM_DETECTIONS]
    rows = []
    for sweep, penalty, cost, share, detection in points:
        varied = dataclasses.replace(model, assessment_penalty=penalty, inspection_cost=cost,
                                     perfunctory_share=share, perfunctory_detection=detection)
        random = varied.random_inspection("targeted")
        spend = round(random["spent"], 6)
        # the committed office's problem does not involve the inspection cost: solve it at the calibrated
        # cost, so the cached leader's problem is shared across costs
        committed = dataclasses.replace(varied, inspection_cost=model.inspection_cost).office_policy(
            "targeted", "pessimistic", budget=spend)
        row = {
            "sweep": sweep,
            "assessment_penalty": penalty,
            "inspection_cost": cost,
            "perfunctory_share": share,
            "perfunctory_detection": detection,
        }
        for quadrant in committee.QUADRANTS[1:]:
            row[f"inspect_{quadrant}"] = random[f"inspect_{quadrant}"]
            row[f"active_{quadrant}"] = random[f"active_{quadrant}"]
        row.update({
            "random_spent": random["spent"],
            "random_work": random["work"],
            "random_share_not_active": random["share_not_active"],
            "random_p_safe": random["p_safe"],
            "committed_spent": committed.spent,
            "committed_min_cost": committed.min_cost,
            "committed_work": committed.work,
            "committed_share_not_active": committed.share_not_active,
            "commitment_gain": committed.work - random["work"],
        })
        rows.append(row)
    return pd.DataFrame(rows)


def main(out_dir) -> pd.DataFrame:
    """Write the targeting table (and its figure) into ``out_dir``; return the table."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    model = committee.Model()
    random = {key: round(value, 10) for key, value in model.random_inspection("targeted").items()}
    budgets = sorted({float(b) for b in BUDGETS} | {round(random["spent"], 6)})
    rows = []
    for regime, toolkit in REGIMES.items():
        for selection in SELECTIONS:
            for budget in budgets:
                policy = model.office_policy(toolkit, selection, budget=budget)
                rows.append({
                    "regime": regime,
                    "selection": selection,
                    "budget": budget,
                    "spent": policy.spent,
                    "min_cost": policy.min_cost,
                    "work": policy.work,
                    "share_not_active": policy.share_not_active,
                    "p_safe": float(policy.safe),
                })
    rows.append({
        "regime": "random",
        "selection": "none",
        "budget": round(random["spent"], 6),
        "spent": random["spent"],
        "min_cost": random["spent"],
        "work": random["work"],
        "share_not_active": random["share_not_active"],
        "p_safe": random["p_safe"],
    })
    df = pd.DataFrame(rows)
    metadata = {
        "experiment": "e22_committee_targeting",
        "model": "committee",
        "seed_file": committee.SEED,
        "budgets": budgets,
        "regimes": {**REGIMES, "random": "inspection game without commitment (targeted toolkit's penalty)"},
        "selections": list(SELECTIONS),
        "random_inspection": random,
        "parameters": dataclasses.asdict(model),
    }
    write_table(df, out / "e22_committee_targeting", precision=6, metadata=metadata)
    varied = sensitivity(model)
    write_table(varied, out / "e22_committee_sensitivity", precision=6, metadata={
        "experiment": "e22_committee_targeting",
        "table": "sensitivity of each quadrant's attitude to the drivers of effort, one at a time",
        "model": "committee",
        "seed_file": committee.SEED,
        "budget": model.budget,
        "selection": "pessimistic",
        "regimes": SENSITIVITY_REGIMES,
        "sensitivity": {k: {"values": list(v), "regimes": list(r)} for k, (v, r) in SENSITIVITY.items()},
        "parameters": dataclasses.asdict(model),
    })
    write_table(random_against_commitment(model), out / "e22_committee_random", precision=6, metadata={
        "experiment": "e22_committee_targeting",
        "table": "random inspection (each unit's inspection game, mixed equilibrium) against committed targeted "
                 "inspection (pessimistic selection) at the same expected spend",
        "model": "committee",
        "seed_file": committee.SEED,
        "toolkit": "targeted",
        "assessment_penalties": list(RANDOM_PENALTIES),
        "inspection_costs": list(RANDOM_COSTS),
        "perfunctory_shares": list(RANDOM_SHARES),
        "perfunctory_detections": list(RANDOM_DETECTIONS),
        "parameters": dataclasses.asdict(model),
    })
    shown = df[df["selection"].isin(["pessimistic", "none"])]
    line_plot(shown, "budget", "work", by="regime", path=out / "e22_committee_targeting.png",
              title="Work done against the inspection budget")
    return df


if __name__ == "__main__":
    main(Path(__file__).parent / "results")
