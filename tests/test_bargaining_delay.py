"""Tests of bargaining with delay in bargain.bargaining: the war of attrition (complete information,
private values, private costs) and finite-horizon screening by one-sided offers."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from scipy.integrate import quad

from bargain.bargaining import (
    Attrition,
    AttritionEquilibrium,
    BayesianAttrition,
    Screening,
    bayesian_war_of_attrition,
    screening,
    war_of_attrition,
)
from bargain.errors import ArgumentTypeError, InvalidArgumentError

EXACT_TOL = 1e-12  # closed forms evaluated in floating point
QUAD_TOL = 1e-9  # results of quadrature against closed forms
DEVIATION_TOL = 1e-8  # a deviation may gain at most this much (quadrature error)
MC_SIGMAS = 5  # Monte-Carlo estimates must lie within this many standard errors
IC_TOL = 1e-9  # incentive constraints checked on a returned equilibrium path

# distributions as (cdf, pdf, support) triples: fast to evaluate inside nested quadrature
BETA22 = (lambda x: 3 * x * x - 2 * x**3, lambda x: 6 * x * (1 - x), (0.0, 1.0))  # Beta(2, 2) on [0, 1]
SQUARE_COSTS = (lambda x: ((x - 0.5) / 1.5) ** 2, lambda x: 2 * (x - 0.5) / 1.5**2, (0.5, 2.0))


def integral(f, lo, hi):
    value, _ = quad(f, lo, hi, epsabs=1e-12, epsrel=1e-10, limit=200)
    return value


def standard_error(samples) -> float:
    return float(np.std(samples, ddof=1) / math.sqrt(len(samples)))


# ===================================================================== war of attrition, complete information
@pytest.mark.parametrize(
    "values, costs, losers, rates, delay, first",
    [
        # lambda_0 = c_1 / (v_1 - l_1) = 0.5 / 3, lambda_1 = c_0 / (v_0 - l_0) = 1 / 2
        ((2, 3), (1, 0.5), (0, 0), (1 / 6, 1 / 2), 3 / 2, (1 / 4, 3 / 4)),
        # with l_1 = 1: lambda_0 = 0.5 / 2
        ((2, 3), (1, 0.5), (0, 1), (1 / 4, 1 / 2), 4 / 3, (1 / 3, 2 / 3)),
        # symmetric (Maynard Smith 1974): rate c / v each, first concession after v / (2c) on average
        ((4, 4), (1, 1), (0, 0), (1 / 4, 1 / 4), 2.0, (1 / 2, 1 / 2)),
        # lambda_0 = 0.2 / (2 - 0.5) = 2/15, lambda_1 = 0.3 / (1 + 1) = 3/20; sum 17/60
        ((1, 2), (0.3, 0.2), (-1, 0.5), (2 / 15, 3 / 20), 60 / 17, (8 / 17, 9 / 17)),
    ],
    ids=["HWW1988-asymmetric", "HWW1988-loser-payoff", "MaynardSmith1974-symmetric", "negative-loser-payoff"],
)
def test_stationary_equilibrium_closed_form(values, costs, losers, rates, delay, first):
    war = war_of_attrition(values, costs, loser_payoffs=losers)
    assert isinstance(war, Attrition) and isinstance(war.stationary, AttritionEquilibrium)
    np.testing.assert_allclose(war.hazard_rates, rates, atol=EXACT_TOL)
    assert war.expected_delay == pytest.approx(delay, abs=EXACT_TOL)
    np.testing.assert_allclose(war.first_concession, first, atol=EXACT_TOL)
    # a known fact: each player's expected payoff is that of conceding at once
    np.testing.assert_allclose(war.payoffs, losers, atol=EXACT_TOL)
    assert war.stationary.atoms == (0.0, 0.0)


def payoff_of_conceding_at(s, i, equilibrium, values, costs, losers):
    """Player i's payoff from conceding at time s > 0 against the other's equilibrium strategy, by quadrature."""
    j = 1 - i
    a, lam = equilibrium.atoms[j], equilibrium.hazard_rates[j]
    density = lambda tau: (values[i] - costs[i] * tau) * lam * math.exp(-lam * tau)  # noqa: E731
    waiting = integral(density, 0, s) + math.exp(-lam * s) * (losers[i] - costs[i] * s)
    return a * values[i] + (1 - a) * waiting


games = st.tuples(
    st.tuples(st.floats(0.5, 5), st.floats(0.5, 5)),
    st.tuples(st.floats(0.1, 3), st.floats(0.1, 3)),
    st.tuples(st.floats(0.05, 0.95), st.floats(0.05, 0.95)),
)


@settings(max_examples=25, deadline=None)
@given(game=games, atom=st.floats(0, 1), player=st.sampled_from([0, 1]))
def test_every_concession_time_is_a_best_response(game, atom, player):
    # HWW 1988: against the other's equilibrium strategy, a player who concedes with positive
    # density is indifferent over all concession times, and its payoff is the reported one
    values, costs, fractions = game
    losers = tuple(v * (1 - 2 * f) for v, f in zip(values, fractions))  # some negative, all below v
    war = war_of_attrition(values, costs, loser_payoffs=losers)
    for equilibrium in (war.stationary, war.with_atom(player, atom)):
        for i in (0, 1):
            if equilibrium.atoms[i] == 1:
                continue  # concedes at once; checked in test_one_side_concedes_at_once
            for s in (1e-3, 0.5, 2.0, 10.0):
                u = payoff_of_conceding_at(s, i, equilibrium, values, costs, losers)
                assert u == pytest.approx(equilibrium.payoffs[i], abs=1e-9 * (1 + abs(u)))


def test_atom_family_payoffs_and_delay():
    war = war_of_attrition((2, 3), (1, 0.5), loser_payoffs=(0, 1))  # rates (1/4, 1/2)
    eq = war.with_atom(1, 0.4)
    assert eq.atoms == (0.0, 0.4)
    # player 1 gets l_1 = 1; player 0 gets 0.4 v_0 + 0.6 l_0 = 0.8
    np.testing.assert_allclose(eq.payoffs, (0.8, 1.0), atol=EXACT_TOL)
    assert eq.expected_delay == pytest.approx(0.6 * 4 / 3, abs=EXACT_TOL)
    # player 1 first: at once (0.4), or later with probability 0.6 * (1/2) / (3/4)
    np.testing.assert_allclose(eq.first_concession, (0.6 / 3, 0.4 + 0.4), atol=EXACT_TOL)
    assert war.with_atom(0, 0.0).payoffs == pytest.approx(war.payoffs)
    full = war.with_atom(0, 1.0)
    assert full.payoffs == pytest.approx(war.concede_at_once[0].payoffs) and full.expected_delay == 0


def test_one_side_concedes_at_once():
    war = war_of_attrition((2, 3), (1, 0.5), loser_payoffs=(0.5, 1))
    for i in (0, 1):
        eq = war.concede_at_once[i]
        j = 1 - i
        assert eq.expected_delay == 0 and eq.first_concession[i] == 1 and eq.hazard_rates[j] == 0
        expected = [0.0, 0.0]
        expected[i], expected[j] = war.loser_payoffs[i], war.values[j]
        np.testing.assert_allclose(eq.payoffs, expected, atol=EXACT_TOL)
        # the other never concedes, so waiting until s costs player i c_i s and wins nothing
        assert payoff_of_conceding_at(1.0, i, eq, war.values, war.costs, war.loser_payoffs) < eq.payoffs[i]


@pytest.mark.parametrize("atom", [None, (0, 0.4), (1, 0.7)])
def test_monte_carlo_outcome(atom):
    values, costs, losers = (2.0, 3.0), (1.0, 0.5), (0.0, 1.0)
    war = war_of_attrition(values, costs, loser_payoffs=losers)
    eq = war.stationary if atom is None else war.with_atom(*atom)
    rng = np.random.default_rng(20240611)
    n = 200_000
    times = np.empty((2, n))
    for i in (0, 1):
        at_once = rng.random(n) < eq.atoms[i]
        times[i] = np.where(at_once, 0.0, rng.exponential(1 / eq.hazard_rates[i], n))
    delay = times.min(axis=0)
    first = np.argmin(times, axis=0)  # no ties: at most one atom
    for i in (0, 1):
        won = first != i
        payoff = np.where(won, values[i], losers[i]) - costs[i] * delay
        assert abs(payoff.mean() - eq.payoffs[i]) <= MC_SIGMAS * standard_error(payoff)
        conceded = (first == i).astype(float)
        assert abs(conceded.mean() - eq.first_concession[i]) <= MC_SIGMAS * standard_error(conceded)
    assert abs(delay.mean() - eq.expected_delay) <= MC_SIGMAS * standard_error(delay)


def test_survival_and_repr():
    war = war_of_attrition((2, 3), (1, 0.5), loser_payoffs=(0, 1))
    eq = war.with_atom(0, 0.25)
    np.testing.assert_allclose(eq.survival([0.0, 2.0]), [[0.75, 0.75 * math.exp(-0.5)], [1.0, math.exp(-1.0)]])
    assert "hazard_rates=(0.25, 0.5)" in repr(war) and "payoffs=(0, 1)" in repr(war)
    assert "concedes at once with probability 0.25" in repr(eq)
    with pytest.raises(InvalidArgumentError, match="t must be finite and >= 0"):
        eq.survival(-1.0)


@pytest.mark.parametrize(
    "args, kwargs, error, match",
    [
        (((2, 3), (0, 1)), {}, InvalidArgumentError, r"costs\[0\] must be > 0; got 0"),
        (((2, 3), (1, -1)), {}, InvalidArgumentError, r"costs\[1\] must be > 0; got -1"),
        (((2, 3), (1, 1)), {"loser_payoffs": (2, 0)}, InvalidArgumentError,
         r"values\[0\] must be greater than loser_payoffs\[0\] = 2"),
        (((2, 3), (1, 1)), {"loser_payoffs": (0, 3.5)}, InvalidArgumentError, r"values\[1\].*got 3"),
        (((2, math.inf), (1, 1)), {}, InvalidArgumentError, r"values\[1\] must be finite"),
        ((2, (1, 1)), {}, ArgumentTypeError, r"values must be a pair"),
        (((2, 3), "ab"), {}, ArgumentTypeError, r"costs must be a pair"),
    ],
    ids=["zero-cost", "negative-cost", "value-below-loser", "value-below-loser-1", "infinite", "scalar", "string"],
)
def test_war_of_attrition_bad_inputs(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        war_of_attrition(*args, **kwargs)


def test_with_atom_bad_inputs():
    war = war_of_attrition((2, 3), (1, 1))
    with pytest.raises(InvalidArgumentError, match="player must be 0 or 1; got 2"):
        war.with_atom(2, 0.5)
    with pytest.raises(InvalidArgumentError, match=r"probability must be in \[0, 1\]; got 1.5"):
        war.with_atom(0, 1.5)


# ======================================================================== war of attrition, private types
@pytest.mark.parametrize(
    "dist, cost, loser, closed_form",
    [
        # Bishop–Cannings / Krishna–Morgan: v ~ U[0, 1], unit cost: T(v) = -v - ln(1 - v)
        (stats.uniform(0, 1), 1.0, 0.0, lambda v: -v - np.log1p(-v)),
        # shifting values and the loser payoff together, and doubling the cost, halves T
        (stats.uniform(0.5, 1), 2.0, 0.5, lambda v: (-(v - 0.5) - np.log1p(-(v - 0.5))) / 2),
        # v ~ Beta(1, 3): 1 - F = (1 - v)^3, hazard 3 / (1 - v): T(v) = 3 (-v - ln(1 - v))
        (stats.beta(1, 3), 1.0, 0.0, lambda v: 3 * (-v - np.log1p(-v))),
    ],
    ids=["KrishnaMorgan1997-uniform", "uniform-shifted", "beta-1-3"],
)
def test_private_values_closed_form(dist, cost, loser, closed_form):
    war = bayesian_war_of_attrition(dist, cost, loser_payoff=loser, points=51)
    assert isinstance(war, BayesianAttrition) and war.private == "value"
    assert war.times[0] == 0 and war.times[-1] == math.inf
    np.testing.assert_allclose(war.times[:-1], closed_form(war.types[:-1]), rtol=QUAD_TOL, atol=QUAD_TOL)
    inside = np.array([0.1, 0.5, 0.9, 0.999]) + war.support[0]
    np.testing.assert_allclose(war.concession_time(inside), closed_form(inside), rtol=QUAD_TOL)
    assert np.all(np.diff(war.times) > 0)  # stronger (higher-value) types hold out longer


def test_uniform_values_delay_and_payoffs():
    # v ~ U[0, 1], c = 1: E[T(min)] = int x (1 - x) dx = 1/6; U(v) = v^2 / 2, so E[U] = 1/6
    war = bayesian_war_of_attrition(stats.uniform(0, 1), 1.0)
    assert war.expected_delay == pytest.approx(1 / 6, abs=QUAD_TOL)
    assert war.payoffs == pytest.approx((1 / 6, 1 / 6), abs=QUAD_TOL)
    np.testing.assert_allclose(war.interim_payoff([0.0, 0.5, 1.0]), [0.0, 0.125, 0.5], atol=QUAD_TOL)
    assert war.first_concession == (0.5, 0.5)


@pytest.mark.parametrize("a, b, value, loser", [(1.0, 2.0, 1.0, 0.0), (0.5, 2.0, 2.0, 0.5)])
def test_private_costs_closed_form(a, b, value, loser):
    # c ~ U[a, b], w = v - l: T(c) = w int_c^b dx / (x (x - a)) = (w / a) ln(c (b - a) / (b (c - a)))
    # E[delay] = w int g G / x = w ((b - a) - a ln(b / a)) / (b - a)^2
    w = value - loser
    war = bayesian_war_of_attrition(value, stats.uniform(a, b - a), loser_payoff=loser, points=41)
    assert war.private == "cost" and war.cost is None and war.value == value
    closed = lambda c: (w / a) * np.log(c * (b - a) / (b * (c - a)))  # noqa: E731
    assert war.times[0] == math.inf and war.times[-1] == pytest.approx(0, abs=QUAD_TOL)
    np.testing.assert_allclose(war.times[1:], closed(war.types[1:]), rtol=QUAD_TOL, atol=QUAD_TOL)
    assert np.all(np.diff(war.times) < 0)  # costlier types concede earlier
    assert war.expected_delay == pytest.approx(w * ((b - a) - a * math.log(b / a)) / (b - a) ** 2, abs=QUAD_TOL)
    # the strongest type never concedes: it pays a E[T(c)] = a (w / a) ln(b / (b - a)) ... for a = 1, b = 2:
    # U(1) = v - E[T] = 1 - ln 2; the weakest concedes at once and gets l
    if (a, b, value, loser) == (1.0, 2.0, 1.0, 0.0):
        assert war.interim_payoff(1.0) == pytest.approx(1 - math.log(2), abs=QUAD_TOL)
    assert war.interim_payoff(b) == pytest.approx(loser, abs=QUAD_TOL)


def test_private_costs_match_private_values_of_the_ratio():
    # only the stake per unit of cost matters: c ~ U[1, 2] with v = 1 is theta = 1 / c with unit cost,
    # theta ~ F(theta) = 1 - G(1 / theta) = 2 - 1 / theta on [1/2, 1]
    costs = bayesian_war_of_attrition(1.0, stats.uniform(1, 1))
    ratio = (lambda t: 2 - 1 / t, lambda t: 1 / t**2, (0.5, 1.0))
    values = bayesian_war_of_attrition(ratio, 1.0)
    for c in (1.05, 1.3, 1.7, 2.0):
        assert costs.concession_time(c) == pytest.approx(values.concession_time(1 / c), rel=1e-8, abs=1e-12)
    assert costs.expected_delay == pytest.approx(values.expected_delay, abs=QUAD_TOL)


def deviation_payoff_values(war, f, cdf, own, mimic):
    """E[payoff] of a type ``own`` conceding at T(mimic), private values, by quadrature over the rival's type."""
    c, loser = war.cost, war.loser_payoff
    lo = war.support[0]
    win = integral(lambda x: (own - c * war.concession_time(x)) * f(x), lo, mimic)
    return win + (1 - cdf(mimic)) * (loser - c * war.concession_time(mimic))


def deviation_payoff_costs(war, g, cdf, own, mimic):
    """E[payoff] of a type with cost ``own`` conceding at T(mimic), private costs, by quadrature."""
    v, loser = war.value, war.loser_payoff
    hi = war.support[1]
    win = integral(lambda x: (v - own * war.concession_time(x)) * g(x), mimic, hi)
    return win + cdf(mimic) * (loser - own * war.concession_time(mimic))


def test_no_type_gains_by_mimicking_another_private_values():
    cdf, pdf, _ = BETA22
    war = bayesian_war_of_attrition(BETA22, 1.5, loser_payoff=-0.25)
    rng = np.random.default_rng(7)
    for own, other in rng.uniform(0.02, 0.97, size=(6, 2)):
        truthful = deviation_payoff_values(war, pdf, cdf, own, own)
        assert truthful == pytest.approx(war.interim_payoff(own), abs=1e-8)  # envelope formula
        for mimic in (other, own + 0.01, own - 0.01):
            assert deviation_payoff_values(war, pdf, cdf, own, mimic) <= truthful + DEVIATION_TOL


def test_no_type_gains_by_mimicking_another_private_costs():
    cdf, pdf, _ = SQUARE_COSTS
    war = bayesian_war_of_attrition(1.0, SQUARE_COSTS, loser_payoff=0.2)
    rng = np.random.default_rng(11)
    for own, other in rng.uniform(0.55, 2.0, size=(6, 2)):
        truthful = deviation_payoff_costs(war, pdf, cdf, own, own)
        assert truthful == pytest.approx(war.interim_payoff(own), abs=1e-8)
        for mimic in (other, min(own + 0.01, 2.0), own - 0.01):
            assert deviation_payoff_costs(war, pdf, cdf, own, mimic) <= truthful + DEVIATION_TOL


def test_monte_carlo_private_values():
    war = bayesian_war_of_attrition(BETA22, 1.5, loser_payoff=-0.25)
    rng = np.random.default_rng(2024)
    types = rng.beta(2, 2, size=(2, 3000))
    times = war.concession_time(types)
    delay = times.min(axis=0)
    winner_value = types.max(axis=0)
    # per draw, the two players' average payoff: (winner's prize + l) / 2 - c delay
    payoff = (winner_value + war.loser_payoff) / 2 - war.cost * delay
    assert abs(delay.mean() - war.expected_delay) <= MC_SIGMAS * standard_error(delay)
    assert abs(payoff.mean() - war.payoffs[0]) <= MC_SIGMAS * standard_error(payoff)


def test_monte_carlo_private_costs():
    war = bayesian_war_of_attrition(1.0, SQUARE_COSTS, loser_payoff=0.2)
    rng = np.random.default_rng(2025)
    costs = 0.5 + 1.5 * np.sqrt(rng.random((2, 3000)))  # inverse of G(x) = ((x - 0.5) / 1.5)^2
    times = war.concession_time(costs)
    delay = times.min(axis=0)
    payoff = (war.value + war.loser_payoff) / 2 - costs.mean(axis=0) * delay
    assert abs(delay.mean() - war.expected_delay) <= MC_SIGMAS * standard_error(delay)
    assert abs(payoff.mean() - war.payoffs[0]) <= MC_SIGMAS * standard_error(payoff)


def test_bayesian_record_is_read_only_and_readable():
    war = bayesian_war_of_attrition(1.0, stats.uniform(1, 1), points=5)
    assert len(war.types) == 5 and not war.types.flags.writeable and not war.times.flags.writeable
    assert not war.concession_time([1.5, 2.0]).flags.writeable
    assert isinstance(war.concession_time(1.5), float)
    text = repr(war)
    assert "private cost ~ uniform(1, 1)" in text and "expected_delay=0.306853" in text


@pytest.mark.parametrize(
    "value, cost, kwargs, error, match",
    [
        (stats.uniform(0, 1), stats.uniform(1, 1), {}, ArgumentTypeError, "exactly one of value and cost"),
        (1.0, 1.0, {}, ArgumentTypeError, "exactly one of value and cost.*value=1.0"),
        (stats.norm(0, 1), 1.0, {}, InvalidArgumentError, r"value must have a bounded support; got norm"),
        (1.0, stats.poisson(2), {}, InvalidArgumentError, "cost must be a continuous distribution"),
        (stats.uniform(0, 1), 1.0, {"loser_payoff": 0.5}, InvalidArgumentError,
         r"value support must lie above loser_payoff = 0.5"),
        (1.0, stats.uniform(-1, 2), {}, InvalidArgumentError, r"cost support must lie in \[0, inf\); got lo = -1"),
        (stats.uniform(0, 1), 0.0, {}, InvalidArgumentError, "cost must be > 0; got 0.0"),
        (0.5, stats.uniform(1, 1), {"loser_payoff": 0.5}, InvalidArgumentError,
         "value must be greater than loser_payoff = 0.5; got 0.5"),
        (stats.uniform(0, 1), 1.0, {"points": 1}, InvalidArgumentError, "points must be >= 2; got 1"),
        (stats.uniform(0, 1), 1.0, {"points": 2.5}, ArgumentTypeError, "points must be an integer"),
        ((lambda x: x + 0.1, lambda x: 1.0, (0, 1)), 1.0, {}, InvalidArgumentError, "cdf must be 0 at lo = 0"),
        ((lambda x: 1 - x, lambda x: 1.0, (0, 1)), 1.0, {}, InvalidArgumentError, "cdf must be 0 at lo"),
        ((lambda x: x, lambda x: -1.0, (0, 1)), 1.0, {}, InvalidArgumentError, "pdf nonnegative"),
        ((lambda x: x, lambda x: 1.0, (1, 0)), 1.0, {}, InvalidArgumentError, "support must have lo < hi"),
        (1.0, (lambda x: x, "pdf", (0, 1)), {}, ArgumentTypeError, "cost must be a real number, a frozen"),
    ],
    ids=["two-distributions", "no-distribution", "unbounded", "discrete", "values-below-loser", "negative-costs",
         "zero-cost", "value-not-above-loser", "one-point", "float-points", "cdf-not-0", "cdf-decreasing",
         "negative-pdf", "empty-support", "pdf-not-callable"],
)
def test_bayesian_bad_inputs(value, cost, kwargs, error, match):
    with pytest.raises(error, match=match):
        bayesian_war_of_attrition(value, cost, **kwargs)


def test_concession_time_outside_support():
    war = bayesian_war_of_attrition(stats.uniform(0, 1), 1.0, points=3)
    with pytest.raises(InvalidArgumentError, match=r"type x must lie in the support \[0, 1\]"):
        war.concession_time(1.5)


# ======================================================================================= screening
def ordered_prices_revenue(types, prior, prices, delta):
    """Revenue of a price sequence against myopic buyers, who accept the first price at most their value."""
    revenue, remaining = 0.0, np.ones(len(types), dtype=bool)
    for t, p in enumerate(prices):
        if p is None:
            continue
        buy = remaining & (types >= p)
        revenue += delta**t * p * prior[buy].sum()
        remaining &= ~buy
    return revenue


@pytest.mark.parametrize(
    "types, prior, price, revenue",
    [
        ((1.0, 0.6, 0.3), (0.2, 0.4, 0.4), 0.6, 0.36),  # revenues 0.2, 0.36, 0.3
        ((0.3, 1.0, 0.6), (0.4, 0.2, 0.4), 0.6, 0.36),  # the same, types in another order
        ((5.0, 1.0), (0.3, 0.7), 5.0, 1.5),  # 5 * 0.3 > 1
        ((2.0, 1.5), (0.2, 0.8), 1.5, 1.5),  # 2 * 0.2 < 1.5
    ],
    ids=["monopoly-3", "monopoly-3-shuffled", "monopoly-high", "monopoly-low"],
)
def test_horizon_one_is_the_monopoly_price(types, prior, price, revenue):
    deal = screening(types, prior, delta_proposer=0.9, delta_responder=0.8, horizon=1)
    assert isinstance(deal, Screening)
    assert deal.offers[0] == pytest.approx(price, abs=EXACT_TOL)
    assert deal.proposer_payoff == pytest.approx(revenue, abs=EXACT_TOL)
    np.testing.assert_allclose(deal.acceptance[0], np.array(types) >= price)


@settings(max_examples=40, deadline=None)
@given(
    types=st.lists(st.floats(0.05, 10), min_size=1, max_size=5, unique=True),
    weights=st.lists(st.floats(0.05, 1), min_size=5, max_size=5),
)
def test_horizon_one_revenue_is_the_best_single_price(types, weights):
    prior = np.array(weights[: len(types)]) / sum(weights[: len(types)])
    values = np.array(types)
    deal = screening(values, prior, delta_proposer=0.5, delta_responder=0.5, horizon=1)
    best = max(p * prior[values >= p].sum() for p in values)
    assert deal.proposer_payoff == pytest.approx(best, abs=1e-12 * values.max())


# Two types v_H > v_L with P(v_H) = q, two periods (Fudenberg and Tirole 1983; 1991, Section 10.2).
# Let D = v_H - v_L. Period 1 (last): with posterior q' the proposer asks v_H if q' v_H > v_L and v_L
# if q' v_H < v_L, and is indifferent at q' = v_L / v_H. Period 0, the proposer's options:
#   (pool)   ask v_L, both accept:                                        v_L
#   (skim)   v_H accepts, v_L waits for v_L: price v_H - delta_r D,        q (v_H - delta_r D) + delta_p (1 - q) v_L
#   (mix)    if q v_H > v_L: ask v_H; v_H accepts with the probability that leaves q' = v_L / v_H, i.e. a
#            mass q - (1 - q) v_L / D, and the proposer asks v_H again: (q - (1 - q) v_L / D) v_H
#                                                                          + delta_p (1 - q) v_H v_L / D
#   (wait, or skim part of v_H at a lower price) is dominated. The equilibrium takes the best option:
#   v_H = 1, v_L = 0.4, q = 0.5, d = 0.9/0.9: pool 0.4, skim 0.5 * 0.46 + 0.18 = 0.41, mix 1/6 + 0.3 = 7/15
#   v_H = 1, v_L = 0.4, q = 0.5, d = 0.9/0.5: skim 0.5 * 0.7 + 0.18 = 0.53 > mix 7/15 > pool 0.4
#   v_H = 1, v_L = 0.6, q = 0.5, d = 0.9/0.9: q v_H < v_L, no mix; skim 0.5 * 0.64 + 0.27 = 0.59 < pool 0.6
#   v_H = 1, v_L = 0.6, q = 0.5, d = 0.9/0.5: skim 0.5 * 0.8 + 0.27 = 0.67 > pool 0.6
#   v_H = 1, v_L = 0.49, q = 0.5, d = 0.5/0.9: pool 0.49 > skim 0.2705 + 0.1225 = 0.393 > mix 0.2598
@pytest.mark.parametrize(
    "v_low, dp, dr, offers, high_accepts, low_accepts, payoff",
    [
        (0.4, 0.9, 0.9, (1.0, 1.0), ((1 / 3, 2 / 3)), (0.0, 0.0), 7 / 15),
        (0.4, 0.9, 0.5, (0.7, 0.4), (1.0, 0.0), (0.0, 1.0), 0.53),
        (0.6, 0.9, 0.9, (0.6, np.nan), (1.0, 0.0), (1.0, 0.0), 0.6),
        (0.6, 0.9, 0.5, (0.8, 0.6), (1.0, 0.0), (0.0, 1.0), 0.67),
        (0.49, 0.5, 0.9, (0.49, np.nan), (1.0, 0.0), (1.0, 0.0), 0.49),
    ],
    ids=["FT1983-mix", "FT1983-skim", "FT1983-pool", "FT1983-skim-low-q", "FT1983-pool-high-q"],
)
def test_two_types_two_periods(v_low, dp, dr, offers, high_accepts, low_accepts, payoff):
    deal = screening([1.0, v_low], [0.5, 0.5], delta_proposer=dp, delta_responder=dr, horizon=2)
    np.testing.assert_allclose(deal.offers, offers, atol=EXACT_TOL)
    np.testing.assert_allclose(deal.acceptance[:, 0], high_accepts, atol=EXACT_TOL)
    np.testing.assert_allclose(deal.acceptance[:, 1], low_accepts, atol=EXACT_TOL)
    assert deal.proposer_payoff == pytest.approx(payoff, abs=EXACT_TOL)


def test_mixing_leaves_the_proposer_indifferent():
    # FT1983-mix: after a rejection the posterior on v_H is exactly v_L / v_H = 0.4
    deal = screening([1.0, 0.4], [0.5, 0.5], delta_proposer=0.9, delta_responder=0.9, horizon=2)
    np.testing.assert_allclose(deal.posteriors, [[0.5, 0.5], [0.4, 0.6]], atol=EXACT_TOL)
    assert deal.marginal_types[0] == 1.0 and deal.agreement_probability == pytest.approx(0.5)
    assert deal.expected_delay == pytest.approx(2 / 3)  # mass 1/6 at t = 0, 1/3 at t = 1
    np.testing.assert_allclose(deal.acceptance_probabilities, [1 / 6, 0.4], atol=EXACT_TOL)
    np.testing.assert_allclose(deal.responder_payoffs, [0.0, 0.0], atol=EXACT_TOL)


def test_patient_proposer_may_wait_a_period():
    # v = (1, 0.6), q = 0.5, delta_p = 1, delta_r = 0.5, three periods. Period 2 serves v_L at 0.6.
    # Period 1 with only v_L left: selling now (0.5 * 0.6) and waiting (1 * 0.3) tie; waiting leaves the
    # hidden v_H 0.5 * 0.4 = 0.2 instead of 0.4, so period 0 can ask 1 - 0.5 * 0.2 = 0.9 of v_H:
    # 0.5 * 0.9 + 0.3 = 0.75 > pooling at 0.6. v_H is indifferent: 0.1 now = 0.25 * 0.4 in period 2.
    deal = screening([1.0, 0.6], [0.5, 0.5], delta_proposer=1.0, delta_responder=0.5, horizon=3)
    np.testing.assert_allclose(deal.offers, [0.9, np.nan, 0.6], atol=EXACT_TOL)
    assert deal.proposer_payoff == pytest.approx(0.75, abs=EXACT_TOL)
    np.testing.assert_allclose(deal.agreement_probabilities, [0.5, 0.0, 0.5], atol=EXACT_TOL)
    assert deal.expected_delay == pytest.approx(1.0) and np.isnan(deal.marginal_types[1])
    np.testing.assert_allclose(deal.responder_payoffs, [0.1, 0.0], atol=EXACT_TOL)


def test_myopic_responder_is_perfectly_price_discriminated():
    # delta_r = 0 and a patient proposer with one period per type: one price per type, from the top
    deal = screening([1.0, 3.0, 2.0], [0.4, 0.3, 0.3], delta_proposer=1.0, delta_responder=0.0, horizon=3)
    np.testing.assert_allclose(deal.offers, [3.0, 2.0, 1.0], atol=EXACT_TOL)
    assert deal.proposer_payoff == pytest.approx(0.3 * 3 + 0.3 * 2 + 0.4 * 1, abs=EXACT_TOL)
    assert deal.responder_payoff == pytest.approx(0.0, abs=EXACT_TOL)
    np.testing.assert_allclose(deal.acceptance, [[0, 1, 0], [0, 0, 1], [1, 0, 0]])


@settings(max_examples=30, deadline=None)
@given(
    types=st.lists(st.floats(0.05, 5), min_size=1, max_size=3, unique=True),
    weights=st.lists(st.floats(0.05, 1), min_size=3, max_size=3),
    dp=st.floats(0.0, 1.0), horizon=st.integers(1, 3),
)
def test_myopic_responder_gives_the_best_price_path(types, weights, dp, horizon):
    # with delta_r = 0 the responder accepts any offer at most its type, so the proposer's problem is a
    # decision problem: its equilibrium payoff is the best revenue over price paths (prices among the
    # types, or no offer anyone accepts)
    values = np.array(types)
    prior = np.array(weights[: len(types)]) / sum(weights[: len(types)])
    deal = screening(values, prior, delta_proposer=dp, delta_responder=0.0, horizon=horizon)
    best = max(
        ordered_prices_revenue(values, prior, path, dp)
        for path in itertools.product([None, *values], repeat=horizon)
    )
    assert deal.proposer_payoff == pytest.approx(best, abs=1e-12 * values.max())


def test_many_types_approach_the_uniform_two_period_closed_form():
    # v ~ U[0, 1], two periods, delta_p = delta_r = d (Fudenberg and Tirole 1991, Section 10.2.1): the last
    # price is kappa / 2 for the remaining types [0, kappa]; the cutoff type kappa is indifferent,
    # p_0 = kappa (1 - d / 2); maximising (1 - kappa) p_0 + d kappa^2 / 4 gives kappa = (2 - d) / (4 - 3 d)
    d, n = 0.9, 400
    kappa = (2 - d) / (4 - 3 * d)
    p0, p1 = kappa * (1 - d / 2), kappa / 2
    revenue = (1 - kappa) * p0 + d * kappa**2 / 4
    deal = screening((np.arange(n) + 0.5) / n, np.full(n, 1 / n), delta_proposer=d, delta_responder=d, horizon=2)
    np.testing.assert_allclose(deal.offers, [p0, p1], atol=2 / n)
    assert deal.proposer_payoff == pytest.approx(revenue, abs=2 / n)
    assert deal.agreement_probabilities[0] == pytest.approx(1 - kappa, abs=2 / n)


instances = st.fixed_dictionaries({
    "types": st.lists(st.floats(0.0, 4), min_size=1, max_size=4, unique=True),
    "weights": st.lists(st.floats(0.05, 1), min_size=4, max_size=4),
    "dp": st.floats(0.0, 1.0),
    "dr": st.floats(0.0, 0.99),
    "horizon": st.integers(1, 5),
})


def solve(instance):
    n = len(instance["types"])
    prior = np.array(instance["weights"][:n]) / sum(instance["weights"][:n])
    deal = screening(instance["types"], prior, delta_proposer=instance["dp"], delta_responder=instance["dr"],
                     horizon=instance["horizon"])
    return np.array(instance["types"]), prior, deal


@settings(max_examples=80, deadline=None)
@given(instance=instances)
def test_every_type_agrees_when_it_is_best_for_it(instance):
    # incentive compatibility read off the returned path alone: a type that rejects faces the same later
    # offers, so each period in which a type agrees must maximise delta_r^t (type - offer_t) over the
    # offers on the path, and at least 0 (never agreeing); a type that never agrees must gain nothing
    values, _, deal = solve(instance)
    dr, periods = deal.delta_responder, np.arange(deal.horizon)
    made = ~np.isnan(deal.offers)
    for i, v in enumerate(values):
        surplus = np.where(made, dr**periods * (v - np.nan_to_num(deal.offers)), -np.inf)
        best = max(0.0, surplus.max())
        scale = IC_TOL * (1 + v)
        for t in np.flatnonzero(deal.acceptance[:, i] > 0):
            assert surplus[t] >= best - scale, (i, t)
        if deal.acceptance[:, i].sum() < 1 - 1e-9:
            assert best <= scale
        assert deal.responder_payoffs[i] >= -scale


@settings(max_examples=80, deadline=None)
@given(instance=instances)
def test_skimming_and_bayes_rule(instance):
    values, prior, deal = solve(instance)
    order = np.argsort(-values)
    acceptance = deal.acceptance[:, order]
    agreed = acceptance > 0
    # skimming: a higher type agrees no later than a lower one
    for hi, lo in itertools.combinations(range(len(values)), 2):
        if agreed[:, hi].any() and agreed[:, lo].any():
            assert np.flatnonzero(agreed[:, hi]).max() <= np.flatnonzero(agreed[:, lo]).min()
    # beliefs: Bayes' rule on the returned acceptance probabilities, and a truncation of the prior
    left = 1 - np.concatenate([np.zeros((1, len(values))), np.cumsum(acceptance, axis=0)[:-1]])
    for t in range(deal.horizon):
        mass = prior[order] * left[t]
        if mass.sum() > 1e-9:
            np.testing.assert_allclose(deal.posteriors[t, order], mass / mass.sum(), atol=1e-9)
            partial = (left[t] > 1e-9) & (left[t] < 1 - 1e-9)
            assert partial.sum() <= 1 and np.all(np.diff(left[t]) >= -1e-9)  # served from the top
    # offers fall as the proposer learns (IC and IR force this along the path)
    made = deal.offers[~np.isnan(deal.offers)]
    assert np.all(np.diff(made) <= 1e-9 * (1 + values.max()))


@settings(max_examples=60, deadline=None)
@given(instance=instances)
def test_payoff_bounds_and_accounting(instance):
    values, prior, deal = solve(instance)
    dp, periods = deal.delta_proposer, np.arange(deal.horizon)
    tol = 1e-9 * (1 + values.max())
    # the proposer can sell to everyone at once at the lowest type, or wait for the last period and
    # charge the monopoly price; and it can never extract more than the whole surplus
    monopoly = max(p * prior[values >= p].sum() for p in values)
    assert deal.proposer_payoff >= max(values.min(), dp ** (deal.horizon - 1) * monopoly) - tol
    assert deal.proposer_payoff + deal.responder_payoff <= prior @ values + tol
    paid = np.nan_to_num(deal.offers) * dp**periods
    assert deal.proposer_payoff == pytest.approx(paid @ deal.agreement_probabilities, abs=tol)
    assert deal.agreement_probability == pytest.approx(deal.agreement_probabilities.sum(), abs=1e-12)
    np.testing.assert_allclose(deal.agreement_probabilities, deal.acceptance @ prior, atol=1e-12)
    assert np.all(deal.acceptance.sum(axis=0) <= 1 + 1e-12)


def test_screening_keeps_the_given_type_order_and_is_read_only():
    a = screening([1.0, 0.4], [0.5, 0.5], delta_proposer=0.9, delta_responder=0.5, horizon=2)
    b = screening([0.4, 1.0], [0.5, 0.5], delta_proposer=0.9, delta_responder=0.5, horizon=2)
    np.testing.assert_allclose(a.offers, b.offers)
    np.testing.assert_allclose(a.acceptance, b.acceptance[:, ::-1])
    np.testing.assert_allclose(a.responder_payoffs, b.responder_payoffs[::-1])  # v_H gets 1 - 0.7
    assert a.responder_payoffs[0] == pytest.approx(0.3)
    for array in (a.offers, a.acceptance, a.posteriors, a.types, a.responder_payoffs):
        assert not array.flags.writeable
    assert a.payoffs == (a.proposer_payoff, a.responder_payoff)
    assert "offers=[0.7, 0.4]" in repr(a) and "proposer_payoff=0.53" in repr(a)


@pytest.mark.parametrize(
    "args, kwargs, error, match",
    [
        (([1, -1], [0.5, 0.5]), {}, InvalidArgumentError, r"types must be >= 0; got \[1.0, -1.0\]"),
        (([1, 1], [0.5, 0.5]), {}, InvalidArgumentError, "types must be distinct"),
        (([1, np.nan], [0.5, 0.5]), {}, InvalidArgumentError, "types must be finite"),
        (([[1, 2]], [0.5, 0.5]), {}, InvalidArgumentError, r"types must be a non-empty 1-D array; got shape \(1, 2\)"),
        (([], []), {}, InvalidArgumentError, "types must be a non-empty"),
        ((["a", "b"], [0.5, 0.5]), {}, ArgumentTypeError, "types must be a 1-D array of real numbers"),
        (([1, 2], [0.5, 0.3, 0.2]), {}, InvalidArgumentError, "same length; got 2 types and 3 probabilities"),
        (([1, 2], [1.0, 0.0]), {}, InvalidArgumentError, "prior probabilities must be > 0"),
        (([1, 2], [0.6, 0.6]), {}, InvalidArgumentError, "prior must sum to 1; got sum 1.2"),
        (([1, 2], [0.5, 0.5]), {"delta_proposer": 1.2}, InvalidArgumentError, r"delta_proposer must be in \[0, 1\]"),
        (([1, 2], [0.5, 0.5]), {"delta_responder": 1.0}, InvalidArgumentError,
         r"delta_responder must be in \[0, 1\); got 1.0"),
        (([1, 2], [0.5, 0.5]), {"delta_responder": -0.1}, InvalidArgumentError, "delta_responder must be in"),
        (([1, 2], [0.5, 0.5]), {"horizon": 0}, InvalidArgumentError, "horizon must be >= 1; got 0"),
        (([1, 2], [0.5, 0.5]), {"horizon": 2.0}, ArgumentTypeError, "horizon must be an integer >= 1; got 2.0"),
        (([1, 2], [0.5, 0.5]), {"delta_proposer": "x"}, ArgumentTypeError, "delta_proposer must be a real number"),
    ],
    ids=["negative-type", "repeated-type", "nan-type", "2d-types", "empty", "strings", "length-mismatch",
         "zero-probability", "prior-sum", "delta-proposer-above-1", "patient-responder", "negative-delta",
         "horizon-zero", "horizon-float", "delta-string"],
)
def test_screening_bad_inputs(args, kwargs, error, match):
    options = {"delta_proposer": 0.9, "delta_responder": 0.9, "horizon": 2, **kwargs}
    with pytest.raises(error, match=match):
        screening(*args, **options)
