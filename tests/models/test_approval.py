"""The approval model (seed 004): the game against its definition, equilibrium selection against
closed forms and the library's own selection, the case's propositions computed at the calibrated
defaults together with parameters where their negation is computed, bad inputs and the CLI."""

from __future__ import annotations

import dataclasses
import itertools
import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import solve_ivp

import bargain as bg
from bargain import models
from bargain.cli import main as cli
from bargain.dynamics import stochastically_stable
from bargain.errors import ArgumentTypeError, BargainWarning, InvalidArgumentError
from bargain.models import approval
from bargain.models.approval import Model

ATOL = 1e-9  # closed forms against the model's games
BASIN_ATOL = 1.0 / approval.BASIN_RESOLUTION  # a basin share is read off a grid of that resolution
REST_ATOL = 1e-3  # a path settled at a rest point of the logit dynamics
PATH_RTOL = 1e-6  # two integrations of the same ODE (tolerances 1e-10 and 1e-12)

#: The case's structural and procedural mechanisms, each off or at its calibrated strength.
_DEFAULTS = Model()
MECHANISMS = ("resource_transfer", "new_organisation", "rules", "platform")

#: Standardised procedural mechanisms (rules and platform strengthened, no interest barrier).
STANDARDISED = {"rules": 0.4, "platform": 0.4, "interest_barrier": 0.0}

#: Strengthened mechanisms (the e13 scenario in which collaboration is selected).
STRENGTHENED = {"rules": 0.6, "platform": 0.6, "interest_barrier": 0.0, "resource_transfer": 0.5}


def _combinations():
    for flags in itertools.product((False, True), repeat=len(MECHANISMS)):
        yield {name: (getattr(_DEFAULTS, name) if on else 0.0) for name, on in zip(MECHANISMS, flags)}


@pytest.fixture(scope="module")
def selections():
    """Selection after the phased authority for every combination of the case's mechanisms."""
    return [(changes, dataclasses.replace(_DEFAULTS, **changes).selection()) for changes in _combinations()]


# ------------------------------------------------------------------------------------ protocol
def test_protocol():
    assert isinstance(approval.DESCRIPTION, str) and "\n" not in approval.DESCRIPTION
    assert approval.SEED.startswith("004_")
    game = Model().stage_game()
    assert game.n_players == 6
    assert game.strategies == (("Collaborate", "Silo"),) * 6
    for parameter in models.parameters(Model):
        assert parameter.source.strip() and parameter.meaning.strip()


def test_cell_gives_scalars_and_sweeps():
    table = bg.sweep(approval.cell, {"rules": [0.0, 0.5]}, executor="serial", progress=False)
    # p* = (C + R) / B: (1.275 + 1.05) / 3.12 = 0.745 and (0.6375 + 1.05) / 3.12 = 0.541 of the 5
    # partners, 3.73 -> 4 and 2.70 -> 3
    assert list(table["partners_needed"]) == [4, 3]
    assert set(table["efficacy"]) <= set(approval.EFFICACY)
    assert (table["basin_unclassified"] == 0).all()


# ------------------------------------------------------------------------------------ the game
@settings(max_examples=20, deadline=None)
@given(st.integers(2, 6), st.floats(0.5, 5.0), st.floats(0.0, 2.0), st.floats(0.0, 2.0), st.integers(0, 3))
def test_k_department_payoffs_follow_the_definition(departments, benefit, cost, rent, period):
    m = Model(departments=departments, collaboration_benefit=benefit, collaboration_cost=cost,
              interest_rent=rent, new_organisation=0.0, interest_consistency=1.0, resource_transfer=0.0,
              rules=0.0, platform=0.0)
    game = m.stage_game(period)
    a = m.authority_at(period)
    for profile in itertools.product((0, 1), repeat=departments):
        for i in range(departments):
            partners = sum(1 for j, s in enumerate(profile) if j != i and s == 0)
            expected = benefit * partners / (departments - 1) - cost if profile[i] == 0 else rent - a
            assert game.payoffs[i][profile] == pytest.approx(expected, abs=ATOL)


def test_mechanisms_enter_as_documented():
    m = Model()
    assert m.benefit == pytest.approx(3.0 * 0.8 * 1.3, abs=ATOL)
    assert m.cost == pytest.approx(1.5 * 0.8 * (1 - 0.3 * 0.5), abs=ATOL)
    assert m.rent == pytest.approx(1.5 * 0.7, abs=ATOL)
    assert [m.authority_at(t) for t in (0, 1, 5, 6)] == pytest.approx([2.5, 2.25, 2.5 * 0.9**5, 0.0])
    assert m.authority_at(None) == 0.0


# ------------------------------------------------------------------------------------ selection, closed forms
@settings(max_examples=15, deadline=None)
@given(st.floats(0.0, 0.9), st.floats(0.0, 0.9), st.floats(0.0, 0.9), st.integers(3, 8))
def test_selection_matches_harsanyi_selten_kmr_and_the_replicator_boundary(rules, platform, transfer, departments):
    m = Model(rules=rules, platform=platform, resource_transfer=transfer, departments=departments)
    with warnings.catch_warnings():
        warnings.simplefilter("error", BargainWarning)  # every start of the basin grid converges
        s = m.selection()
    p = (m.cost + m.rent) / m.benefit  # B p - C = R: where the two actions pay the same
    assert s.threshold_share == pytest.approx(min(max(p, 0.0), 1.0), abs=ATOL)
    assert s.collaborate_margin == pytest.approx(m.benefit - m.cost - m.rent, abs=ATOL)
    assert s.collaborate_equilibrium == (m.benefit - m.cost >= m.rent - ATOL)
    assert s.silo_equilibrium  # the silo's rent is never below -cost: all-Silo is always an equilibrium
    assert s.basin_unclassified == 0.0
    if p >= 1 + 1e-9:
        # Silo strictly dominant: no risk comparison, and every state drifts to all-Silo (KMR)
        assert s.risk_dominant == "n/a" and s.stochastically_stable == ("Silo",) and s.basin_collaborate == 0.0
    elif p < 1 - 1e-9:
        # a 2x2 coordination game: Collaborate risk-dominates iff p* < 1/2 (Harsanyi-Selten), and
        # its replicator basin is the interval (p*, 1]
        if abs(p - 0.5) > 1e-6:
            assert s.risk_dominant == ("Collaborate" if p < 0.5 else "Silo")
        assert s.basin_collaborate == pytest.approx(1 - p, abs=BASIN_ATOL)
        # the vanishing-mutation limit of the KMR chain agrees with the resistance computation
        assert s.stochastically_stable == stochastically_stable(m.pairwise_game(), population=departments)
        n = departments - 1
        if abs(p * n - round(p * n)) > 1e-6:
            # the fewest partners at which collaborating pays: ceil(p* (K - 1)); KMR with K players:
            # leaving all-Silo takes ceil(p* (K - 1)) mutations, leaving all-Collaborate
            # floor((1 - p*) (K - 1)) + 1; the convention that is harder to leave is selected
            assert s.partners_needed == math.ceil(p * n)
            leave_silo, leave_collaborate = math.ceil(p * n), math.floor((1 - p) * n) + 1
            expected = ("Collaborate",) if leave_collaborate > leave_silo else (
                ("Silo",) if leave_silo > leave_collaborate else ("Collaborate", "Silo"))
            assert s.stochastically_stable == expected


def test_a_dominant_collaboration_is_selected():
    # during the phased authority a_0 = 2.5 > C + R: Collaborate is strictly dominant, so the
    # all-Collaborate state is the only one the KMR chain keeps as mutations vanish
    s = _DEFAULTS.selection(period=0)
    assert s.silo_margin < 0 and not s.silo_equilibrium
    assert s.risk_dominant == "n/a"
    assert s.stochastically_stable == ("Collaborate",)
    assert s.basin_collaborate == 1.0


def test_a_start_on_the_basin_boundary_is_reported():
    # B = 4, C = 1, R = 1 + 1/128: p* = 257/512 is a grid midpoint and the replicator's interior
    # rest point, so that start never reaches a convention (all numbers are exact in binary)
    m = Model(collaboration_benefit=4.0, interest_consistency=1.0, new_organisation=0.0, collaboration_cost=1.0,
              interest_rent=1.0078125, resource_transfer=0.0, rules=0.0, platform=0.0)
    assert m.benefit == 4.0 and (m.cost + m.rent) / m.benefit == 257 / 512
    with pytest.warns(BargainWarning, match="reached no convention by t = 1600"):
        s = m.selection()
    assert s.basin_unclassified == pytest.approx(1 / approval.BASIN_RESOLUTION, abs=ATOL)


def test_only_the_two_conventions_are_equilibria():
    found = bg.pure_equilibria(Model().stage_game())
    assert [set(s[0] for s in eq.support) for eq in found] == [{"Collaborate"}, {"Silo"}]


def test_the_path_is_the_one_population_logit_dynamics():
    # the two-population system started on the diagonal never leaves it: the shares must match an
    # independent integration of dx/dt = logit((B x - C - R + a_t) / eta) - x, period by period
    m = Model(horizon=10)
    path = m.path()
    x = m.initial_share
    for t in range(m.horizon):
        a = m.authority_at(t)

        def rhs(_t, y, a=a):
            return [1 / (1 + math.exp(-(m.benefit * y[0] - m.cost - m.rent + a) / m.network_noise)) - y[0]]

        x = solve_ivp(rhs, (0, m.period_length), [x], rtol=1e-12, atol=1e-14).y[0, -1]
        assert path.share[t] == pytest.approx(x, rel=PATH_RTOL)


# ------------------------------------------------------------------------------------ P1: mechanisms
@pytest.mark.parametrize("changes,equilibrium", [
    ({"resource_transfer": 0.0, "new_organisation": 0.0}, False),
    # stronger procedure alone does it (C = 0.72, margin 0.18): "structure is needed" holds at the
    # case's procedural strengths only
    ({"resource_transfer": 0.0, "new_organisation": 0.0, "rules": 0.4, "platform": 0.4}, True),
    ({"resource_transfer": 0.0, "rules": 0.0, "platform": 0.0}, True),  # new organisation alone
    ({"resource_transfer": 0.0, "new_organisation": 0.2, "rules": 0.0, "platform": 0.0}, False),  # a weaker one
    ({"new_organisation": 0.0, "rules": 0.0, "platform": 0.0}, False),  # resource transfer alone
    ({"new_organisation": 0.0, "rules": 0.0}, True),  # transfer with the platform
])
def test_p1_structural_mechanisms_make_collaboration_a_strict_equilibrium(changes, equilibrium):
    s = dataclasses.replace(_DEFAULTS, **changes).selection()
    assert s.collaborate_equilibrium == equilibrium
    assert abs(s.collaborate_margin) > 0.07  # strict either way: no knife-edge


def test_p1_holds_in_every_combination_of_the_case(selections):
    for changes, s in selections:
        structural = changes["resource_transfer"] > 0 or changes["new_organisation"] > 0
        procedural = changes["rules"] > 0 or changes["platform"] > 0
        expected = changes["new_organisation"] > 0 or (structural and procedural)
        assert s.collaborate_equilibrium == expected
        assert abs(s.collaborate_margin) >= 0.075 - ATOL


# ------------------------------------------------------------------------------------ P2: low efficacy
def test_p2_no_combination_of_the_case_mechanisms_selects_collaboration(selections):
    for _, s in selections:
        assert s.risk_dominant == ("Silo" if s.collaborate_equilibrium else "n/a")
        assert s.stochastically_stable == ("Silo",)
        assert s.basin_collaborate < 0.35
        assert s.long_run_collaboration < 2 * _DEFAULTS.mutation
        assert s.efficacy != "collaboration selected"
    assert _DEFAULTS.selection().efficacy == "collaboration fragile"  # an equilibrium, but not the selected one


def test_p2_closed_form_every_combination_has_threshold_above_one_half(selections):
    # Closed-form check, labelled as such: P2 follows by algebra from p* = (C + R) / B > 1/2 (risk
    # dominance of the silo, replicator basin of collaboration 1 - p* < 1/2); p* >= 2.07 / 3.12 here
    for changes, _ in selections:
        m = dataclasses.replace(_DEFAULTS, **changes)
        p_star = (m.cost + m.rent) / m.benefit
        assert p_star >= 2.07 / 3.12 - 1e-9 > 0.5


@pytest.mark.parametrize("changes,stable,efficacy", [
    ({}, ("Silo",), "collaboration fragile"),
    (STANDARDISED, ("Collaborate", "Silo"), "collaboration fragile"),
    (STRENGTHENED, ("Collaborate",), "collaboration selected"),
])
def test_p2_stops_holding_with_strong_enough_mechanisms(changes, stable, efficacy):
    s = Model(**changes).selection()
    assert s.stochastically_stable == stable
    assert s.efficacy == efficacy
    if efficacy == "collaboration selected":
        assert s.risk_dominant == "Collaborate" and s.long_run_collaboration > 0.9


# ------------------------------------------------------------------------------------ P3: phased authority
def _logit_rest_points(m: Model) -> np.ndarray:
    """Shares x with x = logit(B x - C - R) (the rest points of the one-population logit dynamics),
    located as sign changes on a fine grid."""
    x = np.linspace(0.0, 1.0, 200_001)
    gap = 1 / (1 + np.exp(-(m.benefit * x - m.cost - m.rent) / m.network_noise)) - x
    return x[:-1][np.sign(gap[:-1]) != np.sign(gap[1:])]


def test_p3_collaboration_collapses_after_the_authority_ends():
    path = _DEFAULTS.path()
    assert path.share[0] > 10 * _DEFAULTS.initial_share  # the authority lifts collaboration at once
    assert path.share_phase_end > 0.95
    after = path.share[_DEFAULTS.authority_periods:]
    assert np.all(np.diff(after) <= 1e-9) and path.share_horizon < 0.05
    # the logit dynamics of the lasting game have a single rest point, at low collaboration
    rests = _logit_rest_points(_DEFAULTS)
    assert len(rests) == 1 and rests[0] < 0.05
    assert path.share_horizon == pytest.approx(rests[0], abs=REST_ATOL)


def test_p3_standardised_procedural_mechanisms_lock_collaboration_in():
    m = Model(**STANDARDISED)
    path = m.path()
    assert path.share_horizon > 0.8
    rests = _logit_rest_points(m)
    assert len(rests) == 3  # low, unstable middle, high: the high one holds the path
    assert path.share_horizon == pytest.approx(rests[-1], abs=REST_ATOL)


def test_p3_without_the_authority_collaboration_never_starts():
    path = Model(authority=0.0).path()
    assert path.share.max() < _DEFAULTS.initial_share


def test_p3_lock_in_needs_the_cost_cut_to_clear_a_threshold():
    rules = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5]
    shares = [Model(rules=r, interest_barrier=0.0).path().share_horizon for r in rules]
    assert all(b >= a - 1e-9 for a, b in zip(shares, shares[1:]))
    locked = [s > 0.5 for s in shares]
    assert locked == [False, False, False, True, True, True]  # the threshold lies between 0.2 and 0.3
    # lock-in comes before selection: at the first locked-in strength the silo still risk-dominates
    # and the KMR chain keeps both conventions
    s = Model(rules=0.3, interest_barrier=0.0).selection()
    assert s.risk_dominant == "Silo" and s.stochastically_stable == ("Collaborate", "Silo")


def test_p3_stops_holding_with_noisier_personal_networks():
    m = Model(network_noise=1.0, **STANDARDISED)
    rests = _logit_rest_points(m)
    assert len(rests) == 1 and rests[0] < 0.5  # the high rest point is gone
    assert m.path().share_horizon < 0.5


@pytest.mark.parametrize("changes,threshold", [({}, 0.339), (STANDARDISED, 0.708)])
def test_p3_collapse_is_driven_by_network_noise(changes, threshold):
    # the high rest point of the logit dynamics exists only below a noise threshold (about 0.339 with
    # the case's mechanisms, 0.708 with standardised procedures); below it the path holds
    # collaboration after the authority ends, above it collaboration collapses even with procedures
    below, above = threshold - 0.005, threshold + 0.005
    assert len(_logit_rest_points(Model(network_noise=below, **changes))) == 3
    assert len(_logit_rest_points(Model(network_noise=above, **changes))) == 1
    if not changes:  # the case's mechanisms: the path holds below and collapses above, within the horizon
        assert Model(network_noise=0.2).path().share_horizon > 0.99  # the card's 0.994
        assert Model(network_noise=0.3).path().share_horizon > 0.95  # and 0.953
        assert Model(network_noise=0.4).path().share_horizon < 0.01  # and 0.006
    else:  # standardised procedures: above their threshold the share sinks towards the noisy rest point
        assert Model(network_noise=1.0, **changes).path().share_horizon < 0.5


# ------------------------------------------------------------------------------------ bad inputs
@pytest.mark.parametrize("kwargs,match", [
    ({"departments": 1}, r"departments must be in \[2, 10\]; got 1"),
    ({"rules": 1.2}, r"rules must be in \[0, 1\]; got 1.2"),
    ({"interest_consistency": 0.0}, r"interest_consistency must be in \(0, 1\]; got 0.0"),
    ({"network_noise": 0.0}, r"network_noise must be in \(0, inf\); got 0.0"),
    ({"mutation": 0.0}, r"mutation must be in \(0, 1\]; got 0.0"),
    ({"authority": -1.0}, r"authority must be in \[0, inf\); got -1.0"),
    ({"authority_periods": 30}, r"authority_periods must be <= horizon; got authority_periods=30, horizon=20"),
])
def test_bad_parameters(kwargs, match):
    with pytest.raises(InvalidArgumentError, match=match):
        Model(**kwargs)


def test_bad_types_and_periods():
    with pytest.raises(ArgumentTypeError, match="horizon must be an integer; got 2.5"):
        Model(horizon=2.5)
    with pytest.raises(InvalidArgumentError, match="period must be an integer >= 0 or None; got -1"):
        Model().stage_game(-1)
    with pytest.raises(InvalidArgumentError, match="period must be an integer >= 0 or None"):
        Model().pairwise_game(1.5)


def test_whole_floats_for_integer_parameters_are_stored_as_integers():
    # a sweep over np.linspace gives floats; the model stores ints, so every method works with them
    m = Model(departments=6.0, horizon=np.float64(20), authority_periods=np.int64(6))
    assert (type(m.departments), type(m.horizon), type(m.authority_periods)) == (int, int, int)
    assert m.path().share_phase_end == pytest.approx(Model().path().share_phase_end, abs=1e-12)
    table = bg.sweep(approval.cell, {"departments": np.linspace(4, 6, 2)}, executor="serial", progress=False)
    assert table["partners_needed"].tolist() == [approval.cell(departments=d)["partners_needed"] for d in (4, 6)]


def test_the_basin_does_not_depend_on_the_payoffs_unit():
    # Replicator orbits do not change when every payoff (and the logit noise) is scaled by a constant,
    # so neither does the basin; large payoffs must not slow the computation down either.
    payoff = ("collaboration_benefit", "collaboration_cost", "interest_rent")
    base = Model().selection()
    for factor in (0.01, 100.0):
        scaled = Model(**{name: getattr(Model(), name) * factor for name in payoff}).selection()
        assert scaled.basin_collaborate == base.basin_collaborate
        assert scaled.basin_unclassified == 0.0
        assert scaled.threshold_share == pytest.approx(base.threshold_share, abs=1e-12)


def test_a_tied_convention_is_an_equilibrium_and_its_partners_are_counted():
    # the margin B - C - R is 0 in exact arithmetic (-4.4e-16 in floats): a weak equilibrium,
    # and Collaborate is a best response once every partner collaborates
    m = Model(departments=3, collaboration_benefit=2.5, interest_consistency=0.9, new_organisation=0.2,
              resource_transfer=0.2, collaboration_cost=1.5, interest_rent=1.5, rules=0, platform=0)
    s = m.selection()
    assert abs(s.collaborate_margin) < 1e-12
    assert s.collaborate_equilibrium and s.partners_needed == m.departments - 1
    assert s.risk_dominant == "n/a"  # risk dominance compares two strict equilibria


def test_phase_end_is_nan_without_a_phase():
    assert math.isnan(Model(authority_periods=0).path().share_phase_end)


# ------------------------------------------------------------------------------------ command line
def test_cli_solve(capsys):
    assert "approval" in models.names()
    assert cli(["solve", "approval", "--set", "departments=3"]) == 0
    out = capsys.readouterr().out
    assert "Department 3" in out and "Collaborate" in out and "Silo" in out


def test_cli_bad_parameter_is_one_line(capsys):
    assert cli(["solve", "approval", "--set", "rules=2"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "rules must be in [0, 1]; got 2.0" in err
