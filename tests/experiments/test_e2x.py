"""Experiments e20-e25 (committee and leverage): each reruns into a temporary directory, reproduces its
committed table byte for byte, and shows the propositions its docstring states."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

EXPERIMENTS = Path(__file__).resolve().parents[2] / "experiments"
RESULTS = EXPERIMENTS / "results"

#: Values read back from a table written at 6 decimals.
TABLE_TOL = 1e-6


def _load(stem: str):
    name = f"bargain_experiment_{stem}"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, EXPERIMENTS / f"{stem}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


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


def test_e20_attitudes(tmp_path):
    df = _run("e20_committee_attitudes", tmp_path)
    assert (tmp_path / "e20_committee_attitudes.png").is_file()
    at = df[(df.budget == 1.0) & (df.selection == "pessimistic")].set_index(["toolkit", "quadrant"])["attitude"]
    # the corner quadrants do not depend on the toolkit
    assert set(at.xs("aligned_capable", level="quadrant")) == {"active"}
    assert set(at.xs("misaligned_limited", level="quadrant")) == {"resistant"}
    # under targeted inspection all four attitudes appear
    assert list(at.loc["targeted"]) == ["active", "passive", "symbolic", "resistant"]
    # where it stops holding: a larger budget, a smaller one
    big = df[(df.budget == 3.0) & (df.selection == "pessimistic") & (df.toolkit == "targeted")]
    assert list(big.attitude) == ["active", "passive", "passive", "symbolic"]
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
        assert (np.diff(g["work"].to_numpy()) >= -TABLE_TOL).all(), (penalty, toolkit)
        share = g["share_not_active"].to_numpy()
        if penalty == 2.0:
            assert (np.diff(share) <= TABLE_TOL).all(), toolkit
        floor = share.min()
        if penalty == 2.0:
            assert floor == pytest.approx(0.25)       # loose coupling at the calibration
        if penalty == 3.0:
            assert floor == pytest.approx(0.0)        # the inequality reverses
        if penalty == 1.0 and toolkit != "dual":
            assert floor == pytest.approx(0.5)
    # the share not Active is not monotone in the budget in general
    dual = df[(df.assessment_penalty == 1.0) & (df.toolkit == "dual")].set_index("budget").share_not_active
    assert dual.loc[0.75] > dual.loc[0.5]
    calibrated = df[df.assessment_penalty == 2.0]
    reach = {t: g[g.share_not_active <= 0.25 + TABLE_TOL].min_cost.min() for t, g in calibrated.groupby("toolkit")}
    assert reach == pytest.approx({"dual": 0.875, "targeted": 1.75, "hierarchy": 4.2})


def test_e22_targeting(tmp_path):
    df = _run("e22_committee_targeting", tmp_path)
    committed = df[df.regime != "random"].pivot_table(index=["selection", "budget"], columns="regime", values="work")
    assert (committed["targeted"] >= committed["uniform"] - TABLE_TOL).all()
    for selection in ("pessimistic", "optimistic"):
        table = committed.loc[selection]
        gain = table["targeted"] - table["uniform"]
        strict = gain[gain > TABLE_TOL].index
        assert strict.min() == pytest.approx(0.25) and strict.max() == pytest.approx(4.0), selection
        assert (gain.loc[0.25:4.0] > TABLE_TOL).all() and gain.loc[0.0] == pytest.approx(0)
        assert (gain.loc[4.25:] == 0).all()
    pessimistic = committed.loc["pessimistic"]
    random = df[df.regime == "random"].iloc[0]
    assert random.spent == pytest.approx(3.75) and random.work == pytest.approx(4.1)
    assert pessimistic.loc[3.75, "targeted"] == pytest.approx(6.6)

    # sensitivity of the attitudes to the drivers of effort (budget 1, pessimistic)
    sens = _table("e22_committee_sensitivity", tmp_path)
    at = sens.set_index(["parameter", "value", "regime", "quadrant"])["attitude"]
    work = sens.groupby(["parameter", "value", "regime"])["work"].first().unstack("regime")
    assert (work["targeted"] >= work["uniform"] - TABLE_TOL).all()          # uniform policies are targeted ones
    # symbolic work needs under-detection: with d_P >= 1 - s (0.8 >= 0.7) no unit is symbolic, under either regime
    assert not sens[(sens.parameter == "perfunctory_detection") & (sens.value == 0.8)].attitude.str.contains(
        "symbolic").any()
    assert at.loc[("perfunctory_detection", 0.8, "uniform", "aligned_limited")] == "resistant/resistant"
    assert at.loc[("perfunctory_detection", 0.8, "targeted", "misaligned_capable")] == "resistant/passive"
    # the calibrated targeted pattern (P1) survives d_P = 0.2, s = 0.15 and V = 2 in the middle quadrants
    for parameter, value in (("perfunctory_detection", 0.2), ("perfunctory_share", 0.15), ("safety_value", 2.0)):
        assert at.loc[(parameter, value, "targeted", "aligned_limited")] == "passive/passive"
        assert at.loc[(parameter, value, "targeted", "misaligned_capable")] == "symbolic/symbolic"
    # it stops holding with better-aligned misaligned units or more capable limited ones
    assert at.loc[("goal_low", 0.4, "targeted", "misaligned_capable")] == "passive/passive"
    assert at.loc[("capability_low", 0.75, "uniform", "aligned_limited")] == "active/active"
    assert at.loc[("perfunctory_share", 0.15, "targeted", "misaligned_limited")] == "symbolic/symbolic"


def test_e23_information(tmp_path):
    df = _run("e23_leverage_information", tmp_path)
    table = df.pivot_table(index="detection", columns="ladder", values="compliance")
    assert (table["none"] == 0).all()
    assert ((table.diff().fillna(0)) >= -TABLE_TOL).all().all()
    full = "HigherOffice+LeadersAttention+TopLeader"
    first = {ladder: table.index[table[ladder] > 0].min() for ladder in ("TopLeader", "LeadersAttention", full)}
    assert first == pytest.approx({"TopLeader": 0.55, "LeadersAttention": 0.8, full: 0.8})
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


def test_e24_attention(tmp_path):
    df = _run("e24_leverage_attention", tmp_path)
    for target, g in df.groupby("target"):
        reached = g[g.reachable].sort_values("detection")["min_attention"].to_numpy()
        assert (np.diff(reached) <= TABLE_TOL).all(), target
    row = df[(df.target == 0.5) & (df.detection == 0.8)].iloc[0]
    assert row.ladder == "LeadersAttention" and row.min_attention == pytest.approx(0.5625)
    assert not df[(df.target == 0.25) & (df.detection < 0.7 - TABLE_TOL)].reachable.any()
    assert df[df.target == 0.75].reachable.sum() == 1


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
