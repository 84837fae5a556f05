"""Experiments e20-e25 (committee and leverage): each reruns into a temporary directory, reproduces its
committed table byte for byte, and shows the propositions its docstring states."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import bargain as bg
from bargain.models import committee, leverage
from bargain.reproduce import load_experiment

EXPERIMENTS = Path(__file__).resolve().parents[2] / "experiments"
RESULTS = EXPERIMENTS / "results"

#: Values read back from a table written at 6 decimals.
TABLE_TOL = 1e-6
#: A probability from the solver that counts as positive.
PROB_TOL = 1e-9


def _load(stem: str):
    return load_experiment(EXPERIMENTS / f"{stem}.py")


def _run(stem: str, tmp_path: Path) -> pd.DataFrame:
    """Run the experiment into ``tmp_path``; check the table against the committed one; return it."""
    df = _load(stem).main(tmp_path)
    for suffix in (".csv", ".md", ".tex", ".json"):
        assert (tmp_path / f"{stem}{suffix}").is_file()
    committed = RESULTS / f"{stem}.csv"
    assert (tmp_path / f"{stem}.csv").read_bytes() == committed.read_bytes(), f"{stem}.csv differs from the committed table"
    return df


def _table(stem: str, tmp_path: Path) -> pd.DataFrame:
    """A second table the experiment wrote into ``tmp_path``: checked against the committed one and read back."""
    for suffix in (".csv", ".md", ".tex", ".json"):
        assert (tmp_path / f"{stem}{suffix}").is_file()
    written = (tmp_path / f"{stem}.csv").read_bytes()
    assert written == (RESULTS / f"{stem}.csv").read_bytes(), f"{stem}.csv differs from the committed table"
    return pd.read_csv(tmp_path / f"{stem}.csv")


# ---------------------------------------------------------------------------------------- committee (e20-e22)
# The checks below recompute the propositions of docs/models/committee.md from the regenerated tables, with
# the closed forms of the model card (a unit's own motive m = ĝ b - c / k, the critical intensities, the
# inspection game's equilibrium) rather than with numbers copied from the tables.

#: Calibrated parameters of the committee model (the experiments move one or two at a time).
CALIBRATION = dataclasses.asdict(committee.Model())


def _params(**moved) -> dict:
    return {**CALIBRATION, **moved}


def _terms(p: dict, quadrant: str, toolkit: str) -> tuple[float, float, float]:
    """(own motive m, penalty F, effective alignment ĝ) of a unit of ``quadrant`` under ``toolkit``."""
    g = p["goal_high"] if quadrant.startswith("aligned") else p["goal_low"]
    k = p["capability_high"] if quadrant.endswith("capable") else p["capability_low"]
    _, penalty, interaction = committee.TOOLKIT_TOOLS[toolkit]
    if interaction:
        g = g + p["interaction"] * (1 - g)
    F = {"none": 0.0, "notice": p["notice_penalty"], "assessment": p["assessment_penalty"]}[penalty]
    return g * p["goal_benefit"] - p["effort_cost"] / k, F, g


def _full_work_intensity(p: dict, quadrant: str, toolkit: str) -> float:
    """The least intensity at which Active is a best response of a unit whose action decides nothing:
    ``max((1 - s)|m| / (d_P F), |m| / F)`` for ``m < 0`` (0 when ``m >= 0``, inf when out of reach)."""
    m, F, _ = _terms(p, quadrant, toolkit)
    if m >= 0:
        return 0.0
    if F == 0:
        return np.inf
    s, d = p["perfunctory_share"], p["perfunctory_detection"]
    return max((1 - s) * -m / (d * F) if d > 0 else np.inf, -m / F)


def _threshold(p: dict) -> float:
    return p["safety_threshold"] * 4 * p["units_per_type"]


def _is_best_response(p, quadrant, toolkit, action, intensity, total) -> bool:
    """Whether ``action`` is a best response of a unit inspected with ``intensity`` when the work done is
    ``total``: the payoff of the model card, ``m x(a) - p F d(a) + ĝ V 1[work >= θ N]``, against every deviation."""
    m, F, g = _terms(p, quadrant, toolkit)
    s, d = p["perfunctory_share"], p["perfunctory_detection"]
    x = {"Active": 1.0, "Perfunctory": s, "Shirk": 0.0}
    exposed = {"Active": 0.0, "Perfunctory": d, "Shirk": 1.0}

    def payoff(b):
        work = total - x[action] + x[b]
        return m * x[b] - intensity * F * exposed[b] + g * p["safety_value"] * (work >= _threshold(p) - TABLE_TOL)

    return all(payoff(action) >= payoff(b) - TABLE_TOL for b in x)


def _units(attitude: str) -> list[str]:
    return attitude.split("/")


#: The toolkit behind each regime of e22's sensitivity table.
REGIME_TOOLKIT = {"uniform": "hierarchy", "targeted": "targeted", "network": "network", "dual": "dual"}


def test_e20_attitudes(tmp_path):
    df = _run("e20_committee_attitudes", tmp_path)
    assert (tmp_path / "e20_committee_attitudes.png").is_file()
    p = _params()
    # every reported equilibrium is one: where a quadrant's units all take one action, that action is a best
    # response at the lowest and at the highest of their intensities (the payoff is affine in the intensity)
    checked = 0
    for row in df.itertuples():
        if "/" in row.action:
            continue
        for intensity in (row.inspection_low, row.inspection_high):
            assert _is_best_response(p, row.quadrant, row.toolkit, row.action, intensity, row.work), row
        checked += 1
    assert checked > 0.8 * len(df)
    # by construction (i): aligned capable units have a positive own motive, so they are active everywhere
    assert _terms(p, "aligned_capable", "hierarchy")[0] > 0
    assert set(df[df.quadrant == "aligned_capable"].attitude) == {"active"}
    at = df[(df.budget == 1.0) & (df.selection == "pessimistic")].set_index(["toolkit", "quadrant"])
    # P1: misaligned limited units resist under every toolkit at the calibrated budget, and under targeted
    # inspection all four attitudes appear at once
    assert set(at.xs("misaligned_limited", level="quadrant").attitude) == {"resistant"}
    assert list(at.loc["targeted"].attitude) == ["active", "passive", "symbolic", "resistant"]
    # ... at the least cost of the card's critical intensities: one aligned limited unit above (1 - s)|m| /
    # (d_P F), both misaligned capable units above s|m| / (F (1 - d_P)); the other aligned limited unit is pivotal
    s, d = p["perfunctory_share"], p["perfunctory_detection"]
    m_al, F, _ = _terms(p, "aligned_limited", "targeted")
    m_mc, _, _ = _terms(p, "misaligned_capable", "targeted")
    least = (1 - s) * -m_al / (d * F) + 2 * s * -m_mc / (F * (1 - d))
    targeted = at.loc["targeted"].iloc[0]
    assert targeted.min_cost == pytest.approx(least, abs=TABLE_TOL) and not targeted.attained
    assert at.loc[("targeted", "aligned_limited"), "inspection_low"] == 0
    assert targeted.work - 1 < _threshold(p) <= targeted.work          # the uninspected one decides the outcome
    # stops holding at budget 3: every quadrant but the misaligned limited one works fully (passive), at the
    # least cost n Σ_q of the full-work intensities plus perfunctory work from the misaligned limited units
    big = df[(df.budget == 3.0) & (df.selection == "pessimistic") & (df.toolkit == "targeted")].set_index("quadrant")
    assert list(big.attitude) == ["active", "passive", "passive", "symbolic"]
    m_ml, _, _ = _terms(p, "misaligned_limited", "targeted")
    floor_cost = 2 * (sum(_full_work_intensity(p, q, "targeted") for q in ("aligned_limited", "misaligned_capable"))
                      + s * -m_ml / (F * (1 - d)))
    assert big.min_cost.iloc[0] == pytest.approx(floor_cost, abs=TABLE_TOL)
    small = df[(df.budget == 0.5) & (df.selection == "pessimistic") & (df.toolkit == "targeted")]
    assert "symbolic" not in set(small.attitude)
    # every reported policy fits its budget; the pessimistic least costs lie strictly below it when not attained
    assert (df.spent <= df.budget + TABLE_TOL).all()
    assert (df[~df.attained].min_cost < df[~df.attained].budget).all()


def test_e21_coupling(tmp_path):
    df = _run("e21_committee_coupling", tmp_path)
    assert set(df.selection) == {"pessimistic"} and (df.spent <= df.budget + TABLE_TOL).all()
    for (penalty, toolkit), g in df.groupby(["assessment_penalty", "toolkit"]):
        g = g.sort_values("budget")
        p = _params(assessment_penalty=penalty)
        # by construction: more budget never lowers the work
        assert (np.diff(g["work"].to_numpy()) >= -TABLE_TOL).all(), (penalty, toolkit)
        share = g["share_not_active"].to_numpy()
        if penalty == 2.0:
            assert (np.diff(share) <= TABLE_TOL).all(), toolkit
        # P3: the floor is the share of units whose full work is out of reach at any intensity <= 1 (the
        # card's (1 - s)(c/k - ĝ b) > d_P F); at budget 8 every other unit can be inspected enough
        out_of_reach = [q for q in committee.QUADRANTS if _full_work_intensity(p, q, toolkit) > 1]
        assert share.min() == pytest.approx(len(out_of_reach) / 4), (penalty, toolkit)
        # the least cost of the floor: every reachable unit above its full-work intensity (one intensity for all
        # under uniform inspection); pivotal units can make it cheaper, so equality only without them
        reach = [_full_work_intensity(p, q, toolkit) for q in committee.QUADRANTS if q not in out_of_reach]
        n = p["units_per_type"]
        closed = 4 * n * max(reach) if toolkit == "hierarchy" else n * sum(reach)
        at_floor = g[g.share_not_active <= share.min() + TABLE_TOL]
        active = at_floor.iloc[0].units_active
        assert at_floor.min_cost.min() <= closed + TABLE_TOL, (penalty, toolkit)
        if active - 1 >= _threshold(p):
            assert at_floor.min_cost.min() == pytest.approx(closed, abs=TABLE_TOL), (penalty, toolkit)
    # the calibrated floor is one quarter; it falls to zero at F = 3 and rises to one half at F = 1
    floors = df.groupby(["assessment_penalty", "toolkit"]).share_not_active.min()
    assert floors.loc[2.0].tolist() == pytest.approx([0.25] * 3)
    assert floors.loc[3.0].max() == 0 and floors.loc[(1.0, "targeted")] == 0.5
    # the share not Active is not monotone in the budget in general
    dual = df[(df.assessment_penalty == 1.0) & (df.toolkit == "dual")].set_index("budget").share_not_active
    assert dual.loc[0.75] > dual.loc[0.5]


@pytest.fixture(scope="module")
def e22_dir(tmp_path_factory):
    """e22 run once for its three tables."""
    out = tmp_path_factory.mktemp("e22")
    _run("e22_committee_targeting", out)
    return out


def _inspection_equilibrium(p: dict, quadrant: str, toolkit: str = "targeted") -> tuple[float, tuple]:
    """The inspection game's equilibrium from the model card's table: (Pr[Inspect], (Pr[A], Pr[P], Pr[S]))."""
    m, F, _ = _terms(p, quadrant, toolkit)
    s, d, cost = p["perfunctory_share"], p["perfunctory_detection"], p["inspection_cost"]
    if m > 0:
        return 0.0, (1.0, 0.0, 0.0)
    if cost >= 1:
        return 0.0, (0.0, 0.0, 1.0)
    if d >= 1 - s:
        return (-m / F, (1 - cost, 0.0, cost)) if -m / F <= 1 else (1.0, (0.0, 0.0, 1.0))
    p1, p2 = s * -m / (F * (1 - d)), (1 - s) * -m / (F * d)
    if p1 > 1:
        return 1.0, (0.0, 0.0, 1.0)
    if cost < (1 - s) * d:
        return (p2, (1 - cost / ((1 - s) * d), cost / ((1 - s) * d), 0.0)) if p2 <= 1 else (1.0, (0.0, 1.0, 0.0))
    shirk = (cost - (1 - s) * d) / (1 - (1 - s) * d)
    return p1, (0.0, 1 - shirk, shirk)


def _random_totals(p: dict) -> tuple[float, float]:
    """Expected inspections and expected work of random inspection, from the closed form."""
    n, s = p["units_per_type"], p["perfunctory_share"]
    spent = work = 0.0
    for q in committee.QUADRANTS:
        inspect, mix = _inspection_equilibrium(p, q)
        spent += n * inspect
        work += n * (mix[0] + s * mix[1])
    return spent, work


def test_e22_targeting(e22_dir):
    df = pd.read_csv(e22_dir / "e22_committee_targeting.csv")
    committed = df[df.regime != "random"].pivot_table(index=["selection", "budget"], columns="regime", values="work")
    # by construction (iv): uniform policies are among the targeted ones
    assert (committed["targeted"] >= committed["uniform"] - TABLE_TOL).all()
    # P4: strictly better from 0.25 to 4, not at 0 nor from 4.25, under both selection rules
    for selection in ("pessimistic", "optimistic"):
        gain = committed.loc[selection, "targeted"] - committed.loc[selection, "uniform"]
        strict = gain[gain > TABLE_TOL].index
        assert strict.min() == pytest.approx(0.25) and strict.max() == pytest.approx(4.0), selection
        assert (gain.loc[0.25:4.0] > TABLE_TOL).all() and gain.loc[0.0] == pytest.approx(0)
        assert (gain.loc[4.25:] == 0).all()
    # P5 at the calibration: random inspection's spend and work from the inspection game's closed form, and
    # committed targeted inspection at that spend reaches the P3 floor (every reachable unit Active, the
    # misaligned limited ones perfunctory: 6 + 2 s)
    p = _params()
    random = df[df.regime == "random"].iloc[0]
    spent, work = _random_totals(p)
    assert random.spent == pytest.approx(spent, abs=TABLE_TOL) and random.work == pytest.approx(work, abs=TABLE_TOL)
    at_spend = committed.loc[("pessimistic", random.budget), "targeted"]
    assert at_spend == pytest.approx(6 + 2 * p["perfunctory_share"], abs=TABLE_TOL) and at_spend > random.work


def test_e22_sensitivity(e22_dir):
    sens = _table("e22_committee_sensitivity", e22_dir)
    # every parameter of the units' game is moved, except the budget and the assessment penalty (e20, e21) and
    # the inspection cost (the random table)
    moved = set(sens.parameter) | {"budget", "assessment_penalty", "inspection_cost"}
    assert moved == set(CALIBRATION)
    groups = sens.groupby(["parameter", "value", "regime"], sort=False)
    for (parameter, value, regime), g in groups:
        p = _params(**{parameter: int(value) if parameter == "units_per_type" else value})
        toolkit = REGIME_TOOLKIT[regime]
        s = p["perfunctory_share"]
        actions = {q: [{"active": "Active", "passive": "Active", "symbolic": "Perfunctory", "resistant": "Shirk"}[a]
                       for a in _units(att)] for q, att in zip(g.quadrant, g.attitude)}
        x = {"Active": 1.0, "Perfunctory": s, "Shirk": 0.0}
        total = sum(x[a] for acts in actions.values() for a in acts)
        # the work and the share not Active follow from the units' actions
        assert g.work.iloc[0] == pytest.approx(total, abs=TABLE_TOL), (parameter, value, regime)
        n_units = sum(len(a) for a in actions.values())
        not_active = sum(a != "Active" for acts in actions.values() for a in acts)
        assert g.share_not_active.iloc[0] == pytest.approx(not_active / n_units, abs=TABLE_TOL)
        assert g.min_cost.iloc[0] < p["budget"]
        for quadrant, acts in actions.items():
            m, F, _ = _terms(p, quadrant, toolkit)
            d = p["perfunctory_detection"]
            # by construction (i): a positive own motive makes Active dominant
            if m > 0:
                assert set(acts) == {"Active"}, (parameter, value, regime, quadrant)
            # a unit out of reach at every intensity <= 1 works (fully or perfunctorily) only where that work
            # decides the shared outcome: the card's critical intensities against the table's actions
            if "Active" in acts and m < 0:
                if d * F == 0 or (1 - s) * -m / (d * F) > 1:
                    assert total - (1 - s) < _threshold(p) - TABLE_TOL, (parameter, value, regime, quadrant)
                if F == 0 or -m / F > 1:
                    assert total - 1 < _threshold(p) - TABLE_TOL, (parameter, value, regime, quadrant)
            if "Perfunctory" in acts and m < 0 and (F == 0 or s * -m / (F * (1 - d)) > 1):
                assert total - s < _threshold(p) - TABLE_TOL, (parameter, value, regime, quadrant)
            # by construction (iii): symbolic work needs under-detection
            if d >= 1 - s:
                assert "Perfunctory" not in acts, (parameter, value, regime, quadrant)
    work = sens.groupby(["parameter", "value", "regime"])["work"].first().unstack("regime")
    # by construction (iv): uniform policies are targeted ones
    both = work[["uniform", "targeted"]].dropna()
    assert len(both) == len(work["uniform"].dropna()) and (both["targeted"] >= both["uniform"] - TABLE_TOL).all()
    # without interaction the dual toolkit is the targeted one
    at = sens.set_index(["parameter", "value", "regime", "quadrant"]).sort_index()
    dual0 = at.loc[("interaction", 0.0, "dual")]
    calibrated = at.loc[("interaction", 0.25, "dual")]
    targeted = at.loc[("goal_high", 0.8, "targeted")]
    assert (dual0.attitude == targeted.attitude).all() and (dual0.work == targeted.work).all()
    # P3 under interaction: the floor of one quarter breaks where interaction lifts the misaligned limited units'
    # alignment enough that (1 - s)(c/k - ĝ b) <= d_P F, i.e. from η = 2/7 at the calibration
    for v in sorted(set(sens[sens.parameter == "interaction"].value)):
        reachable = _full_work_intensity(_params(interaction=v), "misaligned_limited", "dual") <= 1
        share = at.loc[("interaction", v, "dual")].share_not_active.iloc[0]
        assert reachable == (v > 2 / 7), v
        if not reachable:
            assert share >= 0.25 - TABLE_TOL, v
    assert at.loc[("interaction", 0.75, "dual")].share_not_active.iloc[0] == 0
    assert calibrated.share_not_active.iloc[0] == pytest.approx(0.25)


def test_e22_random(e22_dir):
    rnd = _table("e22_committee_random", e22_dir)
    assert len(rnd) == 6 * 4 + 2 + 3
    middle = ("aligned_limited", "misaligned_capable", "misaligned_limited")
    mixing_rows = 0
    for row in rnd.itertuples():
        p = _params(assessment_penalty=row.assessment_penalty, inspection_cost=row.inspection_cost,
                    perfunctory_share=row.perfunctory_share, perfunctory_detection=row.perfunctory_detection)
        s, d, cost = row.perfunctory_share, row.perfunctory_detection, row.inspection_cost
        # each unit's inspection game against the card's closed form (the solver is bargain.equilibria)
        for q in middle:
            inspect, mix = _inspection_equilibrium(p, q)
            assert getattr(row, f"inspect_{q}") == pytest.approx(inspect, abs=TABLE_TOL), (row.Index, q)
            assert getattr(row, f"active_{q}") == pytest.approx(mix[0], abs=TABLE_TOL), (row.Index, q)
            # P5: where the office mixes between Perfunctory and Active, full work has probability
            # 1 - c_I / ((1 - s) d_P), whatever the penalty
            m, F, _ = _terms(p, q, "targeted")
            if d < 1 - s and cost < (1 - s) * d and (1 - s) * -m / (d * F) <= 1:
                assert getattr(row, f"active_{q}") == pytest.approx(1 - cost / ((1 - s) * d), abs=TABLE_TOL)
                mixing_rows += 1
            # where it stops holding: inspection too dear for the Perfunctory/Active mix, or too weak a penalty
            elif d < 1 - s:
                assert getattr(row, f"active_{q}") == 0, (row.Index, q)
        spent, work = _random_totals(p)
        assert row.random_spent == pytest.approx(spent, abs=TABLE_TOL)
        assert row.random_work == pytest.approx(work, abs=TABLE_TOL)
        # commitment never does worse than random inspection at the same spend, and spends no more
        assert row.committed_work >= row.random_work - TABLE_TOL, row.Index
        assert row.committed_spent <= row.random_spent + TABLE_TOL
        assert row.commitment_gain == pytest.approx(row.committed_work - row.random_work, abs=2 * TABLE_TOL)
    assert mixing_rows >= 20
    grid = rnd[rnd.sweep == "penalty_cost"]
    # the full-work rate of the mixing middle quadrants is one number per cost, across penalties 1.5 to 4
    mixing = grid[(grid.assessment_penalty >= 1.5) & (grid.inspection_cost < 0.28)]
    assert (mixing.groupby("inspection_cost").active_aligned_limited.nunique() == 1).all()
    # commitment gains nothing only where the penalty is too weak to reach anyone (F = 0.5) or inspection never pays
    none = grid[grid.commitment_gain.abs() <= TABLE_TOL]
    assert set(none.assessment_penalty[none.inspection_cost < 1]) == {0.5}
    assert (grid[grid.inspection_cost > 1].random_spent == 0).all()


def _least_compliance(model, ladder) -> float:
    """The least compliance over the escalation game's equilibria, straight from bargain.equilibria."""
    return min(float(e.profile[0][0]) for e in bg.equilibria(model.escalation_game(ladder)))


def test_e23_information(tmp_path):
    df = _run("e23_leverage_information", tmp_path)
    table = df.pivot_table(index="detection", columns="ladder", values="compliance")
    assert (table["none"] == 0).all()
    assert ((table.diff().fillna(0)) >= -TABLE_TOL).all().all()
    full = "HigherOffice+LeadersAttention+TopLeader"
    most = df.pivot_table(index="detection", columns="ladder", values="max_compliance")
    # the top leader pays from q > 1.5 / (0.6 * 5) = 0.5; the leaders' attention deters from q = 0.9 / (0.6 * 0.8 * 2.5)
    # = 0.75, where the game is degenerate: one equilibrium with compliance 0 (the reported one), one with 2/3
    assert table.index[table["TopLeader"] > 0].min() == pytest.approx(0.55)
    for ladder in ("LeadersAttention", full):
        assert table.loc[:0.75, ladder].eq(0).all() and table.loc[0.8, ladder] > 0
        assert most.loc[:0.7, ladder].eq(0).all() and most.loc[0.75, ladder] > 0
    assert most.loc[0.75, "LeadersAttention"] == pytest.approx(1 - 0.6 / (0.75 * 0.6 * 0.8 * 5), abs=TABLE_TOL)
    # the selection matters only where the solver found several equilibria
    assert ((df.max_compliance > df.compliance + TABLE_TOL) <= (df.n_equilibria > 1)).all()
    assert (table["HigherOffice"] == 0).all()
    assert table.loc[0.8, full] < table.loc[0.8, "LeadersAttention"]

    # sensitivity at q = 0.8: each rung's sanction and attention cost and the attention budget, one at a time
    sens = _table("e23_leverage_sensitivity", tmp_path)
    full = sens.set_index(["parameter", "factor"])["full_compliance"]
    # the department's mix keeps the centre indifferent, so once a sanction deters, compliance does not depend
    # on it (Tsebelis 1989): every sanction row takes at most one positive value
    for parameter in ("higher_office_sanction", "leaders_sanction", "top_leader_sanction"):
        positive = set(np.round(full.loc[parameter][full.loc[parameter] > TABLE_TOL], 6))
        assert len(positive) <= 1, parameter
    assert full.loc[("leaders_sanction", 0.75)] == 0 and full.loc[("leaders_sanction", 1.0)] > 0
    # crowding out: a dearer higher office raises compliance with the full ladder, up to the leaders' alone
    ho = full.loc["higher_office_attention"].to_numpy()
    assert (np.diff(ho) > 0).all() and ho[-1] == pytest.approx(0.6875)
    # a cheaper leaders' attention raises compliance; a dearer one loses it
    la = full.loc["leaders_attention"].to_numpy()
    assert (np.diff(la) < 0).all() and la[-1] == 0
    best = sens[sens.parameter == "attention_budget"].set_index("factor")
    assert (best.best_attention <= best.value + TABLE_TOL).all()
    assert best.loc[0.75, "best_compliance"] == 0 and best.loc[1.0, "best_compliance"] == pytest.approx(0.6875)
    # P2 along every driver: the detection from which each rung alone gets compliance, read off the solver on a
    # grid of q (bargain.equilibria, the least compliant equilibrium), falls up the ladder except at four points
    # (docs/models/leverage.md); the table's threshold columns agree with the grid
    sens = sens.assign(key=list(zip(sens.parameter, sens.value.round(6))))
    grid = np.round(np.linspace(0.01, 1, 100), 2)
    base = leverage.Model()
    failures, crowding_fails = set(), set()
    for row in sens[(sens.factor != 1.0) | (sens.parameter == sens.parameter.iloc[0])].itertuples():
        model = dataclasses.replace(base, **{row.parameter: row.value})
        first = {}
        for rung in leverage.RUNGS:
            first[rung] = next((q for q in grid if _least_compliance(
                dataclasses.replace(model, detection=float(q)), (rung,)) > PROB_TOL), np.inf)
            above = grid[grid > getattr(row, f"threshold_{rung}") + 1e-9]
            assert first[rung] == (above.min() if above.size else np.inf), (row.key, rung)
        if not first["TopLeader"] <= first["LeadersAttention"] <= first["HigherOffice"]:
            failures.add(row.key)
        # P3: a proper sub-ladder does better than the full one, from the solver directly
        full_c = _least_compliance(model, leverage.RUNGS)
        less_c = max(_least_compliance(model, ladder) for size in range(3)
                     for ladder in itertools.combinations(leverage.RUNGS, size))
        assert less_c >= full_c - TABLE_TOL
        if not less_c > full_c + TABLE_TOL:
            crowding_fails.add(row.key)
    assert failures == {("case_value", 2.5), ("top_leader_power", 0.5), ("leaders_sanction", 3.0),
                        ("top_leader_attention", 3.0)}
    assert crowding_fails == {("higher_office_attention", 0.4), ("higher_office_power", 0.25),
                              ("leaders_attention", 0.3), ("responsibility_clarity", 0.3)}
    # 63 rows, 51 distinct points: the 13 rows with factor 1 are all the calibration
    assert len(sens) == 63 and (sens.factor == 1.0).sum() == 13
    calibration = sens[sens.factor == 1.0].drop(columns=["parameter", "factor", "value", "key"])
    assert len(calibration.drop_duplicates()) == 1
    # a stronger higher office takes every referral and deters nobody
    power = sens[sens.parameter == "higher_office_power"].set_index("value")
    assert (power.loc[[0.75, 1.0], "full_compliance"] == 0).all()
    assert (power.loc[[0.75, 1.0], "full_refer"] == "HigherOffice").all()
    # the pass-on cost moves only the attention spent
    assert np.allclose(sens[sens.parameter == "passon_cost"].full_compliance, 4 / 9, atol=TABLE_TOL)
    # a budget below what deterrence costs binds: it is spent in full on referrals that do not deter
    assert best.loc[0.5, "best_attention"] == pytest.approx(0.3)
    assert best.loc[0.75, "best_attention"] == pytest.approx(0.45)


def test_e24_attention(tmp_path):
    df = _run("e24_leverage_attention", tmp_path)
    for target, g in df.groupby("target"):
        reached = g[g.reachable].sort_values("detection")["min_budget"].to_numpy()
        assert (np.diff(reached) <= TABLE_TOL).all(), target
    row = df[(df.target == 0.5) & (df.detection == 0.8)].iloc[0]
    assert row.ladder == "LeadersAttention" and row.min_budget == pytest.approx(0.5625)
    assert not df[(df.target == 0.25) & (df.detection < 0.7 - TABLE_TOL)].reachable.any()
    assert df[df.target == 0.75].reachable.sum() == 1
    # q = 0.75: 0.5 is unreachable under the least-compliance selection, although the leaders' attention alone has
    # an equilibrium with compliance 2/3 spending 0.6 (a referral to it at every case): the selection decides
    assert not df[(df.target == 0.5) & (df.detection == 0.75)].reachable.any()
    at = dataclasses.replace(leverage.Model(), detection=0.75)
    found = bg.equilibria(at.escalation_game(["LeadersAttention"]))
    assert max(float(e.profile[0][0]) for e in found) == pytest.approx(2 / 3)
    assert min(float(e.profile[0][0]) for e in found) == 0
    # the budget binds: 1 % below the least budget every ladder falls short of the target, and spends within it
    reached = df[df.reachable]
    assert (reached.best_below < reached.target - TABLE_TOL).all()
    assert (reached.spent_below <= 0.99 * reached.min_budget + TABLE_TOL).all()
    assert (reached.compliance >= reached.target - TABLE_TOL).all()

    # the budget curve at q = 0.8: all or nothing
    curve = _table("e24_leverage_budget", tmp_path).set_index("budget")
    assert (curve.full_attention <= curve.index + TABLE_TOL).all()
    assert (curve.best_attention <= curve.index + TABLE_TOL).all()
    assert set(curve.full_compliance.round(6)) == {0.0, 0.444444}
    assert curve.full_compliance.loc[:0.55].eq(0).all() and curve.full_binds.loc[:0.55].all()
    assert curve.full_compliance.loc[0.6:].eq(curve.full_compliance.loc[1.6]).all()
    assert not curve.full_binds.loc[0.6:].any()
    assert curve.best_compliance.loc[:0.55].eq(0).all()
    assert np.allclose(curve.best_compliance.loc[0.6:], 0.6875, atol=TABLE_TOL)
    assert set(curve.best_ladder.loc[0.6:]) == {"LeadersAttention"}


def test_e25_rungs(tmp_path):
    df = _run("e25_leverage_rungs", tmp_path)
    assert np.allclose(df.bilateral_mediated, df.bilateral_nash, atol=TABLE_TOL)
    assert (df.shared_mediated >= df.shared_unmediated - TABLE_TOL).all()
    # the mediator's gain is selection, not correlation: the best Nash equilibrium does as well everywhere
    assert np.allclose(df.shared_mediated, df.shared_best_nash, atol=TABLE_TOL)
    assert (df.correlation_adds == 0).all()
    assert (df.shared_best_nash > df.shared_unmediated + 0.5).sum() >= 10
    calibrated = df[df.detection == 0.8].set_index("removed")
    assert calibrated.loc["HigherOffice", "value_bilateral_compliance"] < 0
    assert calibrated.loc["TopLeader", "value_bilateral_nash"] == 0
    assert calibrated.loc["TopLeader", "value_shared_unmediated"] > 1.5
    assert calibrated.loc["nothing", "shared_mediated"] == 5.0
    low = df[(df.detection <= 0.7) & (df.removed == "TopLeader")]
    assert np.allclose(low.shared_mediated, low.shared_unmediated, atol=TABLE_TOL)

    # a real hand-over: the departments left alone play as before, no rule gets 5, and correlation now adds
    # something wherever the mediator beats the departments left alone
    assert np.allclose(df.handover_unmediated, df.shared_unmediated, atol=TABLE_TOL)
    assert (df.handover_best_nash < 5 - 0.1).all()
    assert (df.handover_mediated >= df.handover_best_nash - TABLE_TOL).all()
    gains = df.handover_mediated > df.handover_unmediated + TABLE_TOL
    assert ((df.handover_correlation_adds > 0.05) == gains).all()
    assert (df[~gains].handover_correlation_adds == 0).all()
    # no pure equilibrium has a department handle: a named handler sheds the case onto a shirker, paying
    # eps + (1 - q) q rho pi (S + h) < h for every rung (the card's condition, from the payoffs)
    base = leverage.Model()
    for q in df.detection.unique():
        for rung in leverage.RUNGS:
            power, sanction, _ = base.rung(rung)
            shed = base.passon_cost + (1 - q) * q * base.responsibility_clarity * power * (sanction + 1)
            assert shed < base.handling_cost, (q, rung)
