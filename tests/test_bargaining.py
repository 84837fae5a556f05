"""Tests of bargain.bargaining: alternating offers (Rubinstein, outside options, breakdown, Ståhl) and
the Nash, Kalai–Smorodinsky and egalitarian solutions."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog
from scipy.spatial import ConvexHull

from bargain.bargaining import (
    Agreement,
    PlayerStrategy,
    egalitarian,
    kalai_smorodinsky,
    nash_solution,
    rubinstein,
)
from bargain.errors import ArgumentTypeError, InvalidArgumentError

SHARE_TOL = 1e-12  # closed forms evaluated in floating point
FRONTIER_TOL = 1e-9  # solutions on curved frontiers (root finding)
PROPERTY_TOL = 1e-9  # properties over random inputs

SIMPLEX = [(0, 0), (1, 0), (0, 1)]
WIDE_TRIANGLE = [(0, 0), (2, 0), (0, 1)]  # Pareto frontier u0 / 2 + u1 = 1
# Pareto frontier (0, 1) - (1, 0.8) - (2, 0); the Nash solution is the kink, KS is not
KINKED = [(0, 0), (0, 1), (1, 0.8), (2, 0)]
PARABOLA = (lambda x: 1 - x**2, (0.0, 1.0))

discount = st.floats(0.01, 0.99)


def shares(agreement: Agreement) -> np.ndarray:
    return np.array(agreement.shares)


# ------------------------------------------------------------------------------ Rubinstein 1982
@pytest.mark.parametrize(
    "d1, d2, proposer, expected",
    [
        (0.9, 0.8, 0, (5 / 7, 2 / 7)),  # x* = (1 - 0.8) / (1 - 0.72)
        (0.9, 0.8, 1, (9 / 14, 5 / 14)),  # player 1 proposes: (1 - 0.9) / (1 - 0.72)
        (0.5, 0.5, 0, (2 / 3, 1 / 3)),  # symmetric: 1 / (1 + delta)
        (0.5, 0.5, 1, (1 / 3, 2 / 3)),
        (0.95, 0.5, 0, (20 / 21, 1 / 21)),
        (0.6, 0.9, 0, (5 / 23, 18 / 23)),
    ],
    ids=["Rubinstein1982-0.9-0.8-p0", "Rubinstein1982-0.9-0.8-p1", "Rubinstein1982-sym-p0",
         "Rubinstein1982-sym-p1", "Rubinstein1982-patient0", "Rubinstein1982-patient1"],
)
def test_rubinstein_shares(d1, d2, proposer, expected):
    deal = rubinstein(d1, d2, proposer=proposer)
    np.testing.assert_allclose(shares(deal), expected, atol=SHARE_TOL)
    assert deal.delay == 0 and deal.agreed and deal.proposer == proposer
    assert deal.regime == "no option binds"


def test_rubinstein_surplus_scales_shares():
    np.testing.assert_allclose(shares(rubinstein(0.9, 0.8, surplus=7.0)), (5.0, 2.0), atol=SHARE_TOL)


def test_rubinstein_strategies_offer_the_responders_threshold():
    deal = rubinstein(0.9, 0.8)
    s0, s1 = deal.strategies
    assert isinstance(s0, PlayerStrategy) and (s0.player, s1.player) == (0, 1)
    # player 0 demands 5/7 and offers 2/7, exactly player 1's threshold delta_1 * x_1* = 0.8 * 5/14
    assert s0.demand == pytest.approx(5 / 7, abs=SHARE_TOL)
    assert s1.threshold == pytest.approx(0.8 * 5 / 14, abs=SHARE_TOL)
    assert s1.demand == pytest.approx(5 / 14, abs=SHARE_TOL)
    assert s0.threshold == pytest.approx(0.9 * 5 / 7, abs=SHARE_TOL)
    assert not s0.opts_out and "when proposing" in str(s0) and "rejects" in str(s1)
    text = repr(deal)
    assert "0.714286" in text and "no option binds" in text and "immediately" in text


def test_one_patient_player_takes_everything():
    # d1 = 1 is well defined while d2 < 1: M0 = (1 - d2) / (1 - d2) = 1
    np.testing.assert_allclose(shares(rubinstein(1.0, 0.5)), (1.0, 0.0), atol=SHARE_TOL)
    np.testing.assert_allclose(shares(rubinstein(1.0, 0.5, proposer=1)), (1.0, 0.0), atol=SHARE_TOL)


# ------------------------------------------------------------- outside options (Shaked–Sutton 1984)
@pytest.mark.parametrize(
    "options, proposer, expected, regime",
    [
        # delta = 0.9 for both: Rubinstein shares (10/19, 9/19); responder's continuation 9/19 = 0.4737
        ((0.2, 0.3), 0, (10 / 19, 9 / 19), "no option binds"),
        ((0.2, 0.3), 1, (9 / 19, 10 / 19), "no option binds"),
        # w1 = 0.6 > 9/19 binds; w0 = 0.2 <= 0.9 (1 - 0.6) = 0.36 does not
        ((0.2, 0.6), 0, (0.4, 0.6), "player 1's outside option binds"),
        ((0.2, 0.6), 1, (0.36, 0.64), "player 1's outside option binds"),
        ((0.6, 0.2), 0, (0.64, 0.36), "player 0's outside option binds"),
        ((0.6, 0.2), 1, (0.6, 0.4), "player 0's outside option binds"),
        # w1 = 0.5 > 0.9 (1 - 0.46) = 0.486 and w0 = 0.46 > 0.9 (1 - 0.5) = 0.45
        ((0.46, 0.5), 0, (0.5, 0.5), "both outside options bind"),
        ((0.46, 0.5), 1, (0.46, 0.54), "both outside options bind"),
    ],
    ids=["ShakedSutton-none-p0", "ShakedSutton-none-p1", "ShakedSutton-w1-p0", "ShakedSutton-w1-p1",
         "ShakedSutton-w0-p0", "ShakedSutton-w0-p1", "ShakedSutton-both-p0", "ShakedSutton-both-p1"],
)
def test_outside_option_regimes(options, proposer, expected, regime):
    deal = rubinstein(0.9, 0.9, proposer=proposer, outside_options=options)
    np.testing.assert_allclose(shares(deal), expected, atol=SHARE_TOL)
    assert deal.regime == regime and deal.delay == 0


@pytest.mark.parametrize(
    "options, proposer, expected, regime",
    [
        # d = (0.9, 0.8): player 1's continuation 0.8 * 5/14 = 0.286 < 0.5; w0 = 0.1 <= 0.9 * 0.5
        ((0.1, 0.5), 1, (0.45, 0.55), "player 1's outside option binds"),  # M1 = 1 - 0.9 (1 - 0.5)
        # player 0's continuation 0.9 * 5/7 = 0.643 < 0.7; w1 = 0.1 <= 0.8 * 0.3
        ((0.7, 0.1), 0, (0.76, 0.24), "player 0's outside option binds"),  # M0 = 1 - 0.8 (1 - 0.7)
    ],
    ids=["ShakedSutton-asymmetric-w1", "ShakedSutton-asymmetric-w0"],
)
def test_outside_options_with_asymmetric_discounting(options, proposer, expected, regime):
    deal = rubinstein(0.9, 0.8, proposer=proposer, outside_options=options)
    np.testing.assert_allclose(shares(deal), expected, atol=SHARE_TOL)
    assert deal.regime == regime


@pytest.mark.parametrize(
    "b, expected",
    [
        (0.4, (10 / 19, 9 / 19)),  # b <= delta / (1 + delta) = 0.4737: the option is irrelevant
        (0.6, (0.4, 0.6)),  # b > delta / (1 + delta): player 1 gets exactly b
    ],
    ids=["OsborneRubinstein1990-3.12-irrelevant", "OsborneRubinstein1990-3.12-binding"],
)
def test_one_sided_outside_option(b, expected):
    # Osborne and Rubinstein (1990), Section 3.12: only player 2 (here player 1) has an option b
    deal = rubinstein(0.9, 0.9, outside_options=(0.0, b))
    np.testing.assert_allclose(shares(deal), expected, atol=SHARE_TOL)
    # when player 1 proposes it gets 1 - delta (1 - b) if the option binds
    if b > 0.9 / 1.9:
        assert rubinstein(0.9, 0.9, proposer=1, outside_options=(0.0, b)).shares[1] == pytest.approx(
            1 - 0.9 * (1 - b), abs=SHARE_TOL
        )
        s1 = deal.strategies[1]
        assert s1.opts_out and s1.threshold == pytest.approx(b) and "opts out" in str(s1)


@given(d1=discount, d2=discount, fraction=st.floats(0, 1), proposer=st.sampled_from([0, 1]))
def test_outside_option_principle(d1, d2, fraction, proposer):
    # an option worth at most the responder's continuation value changes nothing (Binmore et al. 1989)
    continuation = d2 * (1 - d1) / (1 - d1 * d2)  # delta_1 x_1*
    plain = shares(rubinstein(d1, d2, proposer=proposer))
    low = shares(rubinstein(d1, d2, proposer=proposer, outside_options=(0.0, fraction * continuation)))
    np.testing.assert_allclose(low, plain, atol=PROPERTY_TOL)
    # an option worth more is exactly what player 1 gets when player 0 proposes
    high = continuation + fraction * (1 - continuation)
    assume(high > continuation + 1e-9)
    assert rubinstein(d1, d2, outside_options=(0.0, high)).shares[1] == pytest.approx(high, abs=PROPERTY_TOL)


def test_outside_options_exceeding_surplus_mean_no_agreement():
    deal = rubinstein(0.9, 0.9, outside_options=(0.6, 0.5))
    assert not deal.agreed and deal.delay == math.inf
    assert deal.shares == (0.6, 0.5) and deal.regime.startswith("no agreement")
    assert all(s.opts_out for s in deal.strategies) and "never" in repr(deal)


# ------------------------------------------------- risk of breakdown (Binmore–Rubinstein–Wolinsky 1986)
def test_breakdown_closed_form():
    # d = (0.9, 0.8), p = 0.2, b = (0.1, 0.3): q = (0.72, 0.64), r = (0.02, 0.06)
    # M0 = (1 - 0.06 - 0.64 (1 - 0.02)) / (1 - 0.72 * 0.64) = 0.3128 / 0.5392 = 391/674
    # M1 = (1 - 0.02 - 0.72 (1 - 0.06)) / 0.5392 = 379/674
    deal = rubinstein(0.9, 0.8, breakdown=(0.2, (0.1, 0.3)))
    np.testing.assert_allclose(shares(deal), (391 / 674, 283 / 674), atol=SHARE_TOL)
    m1 = rubinstein(0.9, 0.8, proposer=1, breakdown=(0.2, (0.1, 0.3))).shares[1]
    assert m1 == pytest.approx(379 / 674, abs=SHARE_TOL)
    # each responder is indifferent: offer = p b_j + (1 - p) delta_j M_j
    assert deal.shares[1] == pytest.approx(0.2 * 0.3 + 0.8 * 0.8 * m1, abs=SHARE_TOL)


@pytest.mark.parametrize("d1, d2", [(0.9, 0.8), (0.5, 0.7)])
def test_breakdown_vanishing_tends_to_rubinstein(d1, d2):
    # BRW 1986: as p -> 0 with discounting, breakdown payoffs stop mattering (error O(p))
    plain = shares(rubinstein(d1, d2))
    for p in (1e-4, 1e-6, 1e-8):
        near = shares(rubinstein(d1, d2, breakdown=(p, (0.3, 0.5))))
        assert np.abs(near - plain).max() <= 10 * p


def test_breakdown_without_discounting_tends_to_nash_split():
    # BRW 1986: d = 1, p -> 0: M0 = (1 - b1 + (1 - p) b0) / (2 - p) -> Nash solution with d = b
    for p in (1e-3, 1e-6):
        expected = (1 - 0.3 + (1 - p) * 0.1) / (2 - p)
        assert rubinstein(1.0, 1.0, breakdown=(p, (0.1, 0.3))).shares[0] == pytest.approx(expected, abs=SHARE_TOL)
    limit = nash_solution(SIMPLEX, (0.1, 0.3))
    np.testing.assert_allclose(shares(rubinstein(1, 1, breakdown=(1e-9, (0.1, 0.3)))), limit, atol=1e-8)


def test_certain_breakdown_is_an_ultimatum():
    # p = 1: a rejection ends the game at b, so the proposer leaves the responder exactly b_j
    np.testing.assert_allclose(shares(rubinstein(0.5, 0.5, breakdown=(1.0, (0.2, 0.3)))), (0.7, 0.3))


def test_breakdown_with_outside_option():
    # delta = 0.9, p = 0.2, b = 0: q = 0.72, player 1's continuation 0.72 / 1.72 = 0.4186 < w1 = 0.5
    deal = rubinstein(0.9, 0.9, outside_options=(0.0, 0.5), breakdown=(0.2, (0.0, 0.0)))
    np.testing.assert_allclose(shares(deal), (0.5, 0.5), atol=SHARE_TOL)
    assert deal.regime == "player 1's outside option binds"


# ------------------------------------------------------------------------------- Ståhl 1972
@pytest.mark.parametrize(
    "horizon, proposer, expected",
    [
        (1, 0, (1.0, 0.0)),  # ultimatum
        (1, 1, (0.0, 1.0)),
        (2, 0, (0.2, 0.8)),  # player 0 offers delta_1 * 1
        (2, 1, (0.9, 0.1)),  # player 1 offers delta_0 * 1
        (3, 0, (0.92, 0.08)),  # 1 - 0.8 (1 - 0.9)
        (3, 1, (0.18, 0.82)),  # player 1 keeps 1 - 0.9 (1 - 0.8)
    ],
    ids=["Stahl1972-T1-p0", "Stahl1972-T1-p1", "Stahl1972-T2-p0", "Stahl1972-T2-p1", "Stahl1972-T3-p0",
         "Stahl1972-T3-p1"],
)
def test_stahl_finite_horizon(horizon, proposer, expected):
    deal = rubinstein(0.9, 0.8, horizon=horizon, proposer=proposer)
    np.testing.assert_allclose(shares(deal), expected, atol=SHARE_TOL)
    assert deal.horizon == horizon and len(deal.schedule) == horizon
    assert deal.schedule[-1][2] == 1.0 and deal.delay == 0


def test_stahl_converges_to_rubinstein():
    limit = shares(rubinstein(0.9, 0.8))
    errors = [np.abs(shares(rubinstein(0.9, 0.8, horizon=T)) - limit).max() for T in (5, 11, 41, 201)]
    # the error shrinks geometrically, by delta_0 delta_1 = 0.72 every two rounds
    assert errors[-1] <= SHARE_TOL and all(b < a for a, b in zip(errors, errors[1:]))
    for T, err in zip((5, 11, 41), errors):
        assert err <= 0.72 ** ((T - 1) // 2)


def test_stahl_allows_no_discounting():
    # with d = 1 the last proposer's advantage decides: odd T favours the first proposer
    assert rubinstein(1.0, 1.0, horizon=3).shares == (1.0, 0.0)
    assert rubinstein(1.0, 1.0, horizon=4).shares == (0.0, 1.0)


# ------------------------------------------------------------------------------- Nash 1950
@pytest.mark.parametrize(
    "feasible, d, weights, expected",
    [
        (SIMPLEX, (0, 0), (1, 1), (0.5, 0.5)),  # split the dollar
        (SIMPLEX, (0.2, 0), (1, 1), (0.6, 0.4)),  # equal split of the gains 0.8
        (SIMPLEX, (0, 0), (1, 3), (0.25, 0.75)),  # asymmetric: u_i = w_i / (w0 + w1)
        (SIMPLEX, (0, 0), (2, 3), (0.4, 0.6)),
        (WIDE_TRIANGLE, (0, 0), (1, 1), (1.0, 0.5)),  # max u0 (1 - u0 / 2)
        ([(1, 0), (0, 1), (0.2, 0.2), (0, 0), (0.5, 0.1)], (0, 0), (1, 1), (0.5, 0.5)),  # order, interior
        (KINKED, (0, 0), (1, 1), (1.0, 0.8)),  # both edges' maximisers lie beyond the kink
        (PARABOLA, (0, 0), (1, 1), (1 / math.sqrt(3), 2 / 3)),  # 1 - 3 u0^2 = 0
        (PARABOLA, (0, 0), (1, 2), (1 / math.sqrt(5), 4 / 5)),  # u0^2 = w0 / (w0 + 2 w1)
        (PARABOLA, (0.2, 0.1), (1, 1), None),  # checked by the first-order condition below
    ],
    ids=["Nash1950-split-dollar", "Nash1950-d-0.2", "asymmetric-1-3", "asymmetric-2-3", "triangle",
         "unordered-vertices", "kinked-polygon", "curved-frontier", "curved-asymmetric", "curved-shifted-d"],
)
def test_nash_solution(feasible, d, weights, expected):
    point = nash_solution(feasible, d, weights=weights)
    assert point.shape == (2,) and not point.flags.writeable
    if expected is None:
        # (u0 - 0.2)(1 - u0^2 - 0.1) is stationary: 0.9 - u0^2 - 2 u0 (u0 - 0.2) = 0
        x = (0.4 + math.sqrt(0.16 + 4 * 3 * 0.9)) / 6
        expected = (x, 1 - x**2)
    np.testing.assert_allclose(point, expected, atol=FRONTIER_TOL if callable(feasible[0]) else SHARE_TOL)


def test_limit_theorem_binmore_rubinstein_wolinsky():
    # d_i = exp(-r_i h): as h -> 0, Rubinstein shares -> asymmetric Nash with weights 1 / r_i
    r = (1.0, 2.5)
    nash = nash_solution(SIMPLEX, (0, 0), weights=(1 / r[0], 1 / r[1]))
    np.testing.assert_allclose(nash, (r[1] / sum(r), r[0] / sum(r)), atol=SHARE_TOL)
    for h in (1e-4, 1e-5, 1e-6):
        d1, d2 = math.exp(-r[0] * h), math.exp(-r[1] * h)
        # the first proposer's advantage is r0 r1 h / (2 (r0 + r1)) + O(h^2) < h
        for proposer in (0, 1):
            np.testing.assert_allclose(shares(rubinstein(d1, d2, proposer=proposer)), nash, atol=h)
        # equivalently weights 1 / ln(1 / delta_i)
        weights = (1 / math.log(1 / d1), 1 / math.log(1 / d2))
        np.testing.assert_allclose(nash_solution(SIMPLEX, (0, 0), weights=weights), nash, atol=1e-9)
    assert abs(rubinstein(math.exp(-r[0] * 1e-6), math.exp(-r[1] * 1e-6)).shares[0] - nash[0]) <= 1e-6


# ------------------------------------------------------------- Kalai–Smorodinsky 1975 and egalitarian
@pytest.mark.parametrize(
    "feasible, d, expected",
    [
        (SIMPLEX, (0, 0), (0.5, 0.5)),
        (WIDE_TRIANGLE, (0, 0), (1.0, 0.5)),  # ideal (2, 1); a linear frontier: KS = Nash
        # ideal (2, 1); the ray t (2, 1) meets u1 = 1.6 - 0.8 u0 at t = 8/13 (Nash gives the kink (1, 0.8))
        (KINKED, (0, 0), (16 / 13, 8 / 13)),
        # ideal (1, 0.8) for d = (0.2, 0): equal possible gains 0.8, so equal gains: 0.2 + 2 t = 1
        (SIMPLEX, (0.2, 0), (0.6, 0.4)),
        # d = (0, 0.1) on the wide triangle: ideal (1.8, 1); ray (0, 0.1) + t (1.8, 0.9): 1.8 t = 0.9
        (WIDE_TRIANGLE, (0, 0.1), (0.9, 0.55)),
        # d = (0.5, 0): ideal (2, 0.75); ray (0.5, 0) + t (1.5, 0.75): (0.5 + 1.5 t) / 2 + 0.75 t = 1
        (WIDE_TRIANGLE, (0.5, 0), (1.25, 0.375)),
        (PARABOLA, (0, 0), ((math.sqrt(5) - 1) / 2, (math.sqrt(5) - 1) / 2)),  # ideal (1, 1): x = 1 - x^2
    ],
    ids=["KS-simplex", "KS-triangle", "KS-kinked-differs-from-Nash", "KS-shifted-d", "KS-triangle-shifted-d1",
         "KS-triangle-shifted-d0", "KS-parabola"],
)
def test_kalai_smorodinsky(feasible, d, expected):
    np.testing.assert_allclose(kalai_smorodinsky(feasible, d), expected, atol=FRONTIER_TOL)


def test_kalai_smorodinsky_differs_from_nash():
    assert np.abs(kalai_smorodinsky(KINKED, (0, 0)) - nash_solution(KINKED, (0, 0))).max() > 0.1


@pytest.mark.parametrize(
    "feasible, d, expected",
    [
        (WIDE_TRIANGLE, (0, 0), (2 / 3, 2 / 3)),  # t = 1 - t / 2
        (WIDE_TRIANGLE, (0.2, 0), (0.8, 0.6)),  # (0.2 + t) / 2 + t = 1
        (KINKED, (0, 0), (5 / 6, 5 / 6)),  # t = 1 - 0.2 t
        (PARABOLA, (0, 0), ((math.sqrt(5) - 1) / 2, (math.sqrt(5) - 1) / 2)),
        # a parabola cut at u0 = 0.5: the gain is capped by hi - d0
        ((lambda x: 1 - x**2, (0.0, 0.5)), (0.1, 0.1), (0.5, 0.5)),
    ],
    ids=["Kalai1977-triangle", "Kalai1977-shifted-d", "Kalai1977-kinked", "Kalai1977-parabola", "cut-frontier"],
)
def test_egalitarian(feasible, d, expected):
    np.testing.assert_allclose(egalitarian(feasible, d), expected, atol=FRONTIER_TOL)


# ------------------------------------------------------------------------------ properties
@given(d1=discount, d2=discount, proposer=st.sampled_from([0, 1]), surplus=st.floats(0.1, 100))
def test_shares_split_the_surplus(d1, d2, proposer, surplus):
    s = shares(rubinstein(d1, d2, proposer=proposer, surplus=surplus))
    assert np.all(s >= -PROPERTY_TOL * surplus) and np.all(s <= surplus * (1 + PROPERTY_TOL))
    assert s.sum() == pytest.approx(surplus, rel=PROPERTY_TOL)


@given(
    d1=discount, d2=discount, p=st.floats(0, 1), b0=st.floats(0, 0.5), b1=st.floats(0, 0.5),
    w0=st.floats(0, 0.5), w1=st.floats(0, 0.5), proposer=st.sampled_from([0, 1]),
)
def test_shares_split_the_surplus_with_options_and_breakdown(d1, d2, p, b0, b1, w0, w1, proposer):
    deal = rubinstein(d1, d2, proposer=proposer, outside_options=(w0, w1), breakdown=(p, (b0, b1)))
    s = shares(deal)
    assert deal.agreed and s.sum() == pytest.approx(1.0, abs=PROPERTY_TOL)
    # nobody gets less than its outside option: the responder could opt out, and the proposer gets
    # at least what makes its own option irrelevant
    responder = 1 - proposer
    assert s[responder] >= (w0, w1)[responder] - PROPERTY_TOL
    assert np.all(s >= -PROPERTY_TOL)


@given(d_low=discount, step=st.floats(1e-3, 0.5), other=discount, proposer=st.sampled_from([0, 1]))
def test_share_increases_with_own_patience(d_low, step, other, proposer):
    d_high = min(d_low + step, 0.995)
    assume(d_high > d_low)
    assert rubinstein(d_high, other, proposer=proposer).shares[0] > rubinstein(d_low, other, proposer=proposer).shares[0]
    assert rubinstein(other, d_high, proposer=proposer).shares[1] > rubinstein(other, d_low, proposer=proposer).shares[1]


coordinates = st.floats(0, 10, allow_nan=False)
polygons = st.lists(st.tuples(coordinates, coordinates), min_size=3, max_size=8)


def _hull_area(points: np.ndarray) -> float:
    try:
        return ConvexHull(points).volume
    except Exception:  # collinear or repeated points
        return 0.0


@settings(max_examples=60)
@given(points=polygons, weights=st.tuples(st.floats(0.2, 5), st.floats(0.2, 5)))
def test_nash_is_pareto_optimal_and_maximises_the_product(points, weights):
    vertices = np.array(points)
    assume(_hull_area(vertices) > 1.0)
    d = vertices.mean(axis=0)  # an interior point, hence strictly dominated
    u = nash_solution(vertices, d, weights=weights)
    k = len(vertices)
    # u is feasible, and max u0 + u1 over feasible points dominating u is u0 + u1 (Pareto optimality)
    res = linprog(
        -np.ones(2) @ vertices.T, A_ub=-vertices.T, b_ub=-u, A_eq=np.ones((1, k)), b_eq=[1], bounds=(0, None)
    )
    assert res.status == 0 and -res.fun <= u.sum() + 1e-7
    # no point on the hull's boundary has a larger Nash product
    hull = vertices[ConvexHull(vertices).vertices]
    s = np.linspace(0, 1, 201)[:, None]
    boundary = np.concatenate([a + s * (b - a) for a, b in zip(hull, np.roll(hull, -1, axis=0))])
    gains = np.clip(boundary - d, 0, None)
    best = np.max(weights[0] * np.log(gains[:, 0] + 1e-300) + weights[1] * np.log(gains[:, 1] + 1e-300))
    assert weights[0] * np.log(u[0] - d[0]) + weights[1] * np.log(u[1] - d[1]) >= best - 1e-9


@settings(max_examples=60)
@given(
    points=polygons, scale=st.tuples(st.floats(0.1, 10), st.floats(0.1, 10)),
    shift=st.tuples(st.floats(-5, 5), st.floats(-5, 5)), weights=st.tuples(st.floats(0.2, 5), st.floats(0.2, 5)),
)
def test_solutions_invariant_to_affine_rescaling(points, scale, shift, weights):
    vertices = np.array(points)
    assume(_hull_area(vertices) > 1.0)
    d = vertices.mean(axis=0)
    a, c = np.array(scale), np.array(shift)
    for solve, kwargs in ((nash_solution, {"weights": weights}), (kalai_smorodinsky, {})):
        original = solve(vertices, d, **kwargs)
        rescaled = solve(vertices * a + c, d * a + c, **kwargs)
        np.testing.assert_allclose(rescaled, original * a + c, atol=1e-7 * (1 + np.abs(original * a + c).max()))


@settings(max_examples=60)
@given(points=polygons, diagonal=st.floats(0, 5))
def test_symmetric_problems_have_symmetric_solutions(points, diagonal):
    vertices = np.array(points)
    symmetric = np.concatenate([vertices, vertices[:, ::-1]])  # closed under swapping the players
    assume(_hull_area(symmetric) > 1.0)
    d = np.full(2, symmetric.mean())
    for solve in (nash_solution, kalai_smorodinsky, egalitarian):
        u = solve(symmetric, d)
        assert u[0] == pytest.approx(u[1], abs=1e-9 * (1 + abs(u[0])))


# ------------------------------------------------------------------------------ bad inputs
@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"d1": 1.3, "d2": 0.5}, r"d1 must be in \(0, 1\).*got 1.3"),
        ({"d1": 0.5, "d2": 0.0}, r"d2 must be in \(0, 1\).*got 0.0"),
        ({"d1": 1.0, "d2": 1.0}, r"d1 must be in \(0, 1\).*got 1.0"),
        ({"d1": -0.2, "d2": 0.5, "breakdown": (0.1, (0, 0))}, r"d1 must be in \(0, 1\].*got -0.2"),
        ({"d1": 0.5, "d2": 0.5, "breakdown": (1.5, (0, 0))}, r"breakdown probability p must be in \[0, 1\]; got 1.5"),
        ({"d1": 0.5, "d2": 0.5, "breakdown": (-0.1, (0, 0))}, r"p must be in \[0, 1\]; got -0.1"),
        ({"d1": 0.5, "d2": 0.5, "breakdown": (0.1, (0.7, 0.6))}, r"breakdown payoffs must sum to at most"),
        ({"d1": 0.5, "d2": 0.5, "breakdown": (0.1, (-0.1, 0.6))}, r"breakdown payoffs\[0\] must be in \[0, surplus\]"),
        ({"d1": 0.5, "d2": 0.5, "outside_options": (0.2, 1.5)}, r"outside_options\[1\] must be in \[0, surplus\]"),
        ({"d1": 0.5, "d2": 0.5, "outside_options": (-0.2, 0.5)}, r"outside_options\[0\].*got -0.2"),
        ({"d1": 0.5, "d2": 0.5, "proposer": 2}, r"proposer must be 0 or 1; got 2"),
        ({"d1": 0.5, "d2": 0.5, "horizon": 0}, r"horizon must be >= 1; got 0"),
        ({"d1": 0.5, "d2": 0.5, "horizon": 3, "outside_options": (0, 0)}, r"horizon supports the plain"),
        ({"d1": 0.5, "d2": 0.5, "surplus": -1}, r"surplus must be > 0; got -1"),
    ],
    ids=["d1-above-1", "d2-zero", "both-patient", "d1-negative-breakdown", "p-above-1", "p-negative",
         "breakdown-sum", "breakdown-negative", "option-above-surplus", "option-negative", "proposer",
         "horizon-zero", "horizon-with-options", "surplus"],
)
def test_rubinstein_bad_inputs(kwargs, match):
    d1, d2 = kwargs.pop("d1"), kwargs.pop("d2")
    with pytest.raises(InvalidArgumentError, match=match):
        rubinstein(d1, d2, **kwargs)


def test_rubinstein_bad_types():
    with pytest.raises(ArgumentTypeError, match="horizon must be an integer"):
        rubinstein(0.5, 0.5, horizon=2.5)
    with pytest.raises(ArgumentTypeError, match="outside_options must be a pair"):
        rubinstein(0.5, 0.5, outside_options=0.3)
    with pytest.raises(ArgumentTypeError, match="d1 must be a real number"):
        rubinstein("0.5", 0.5)


@pytest.mark.parametrize(
    "feasible, d, kwargs, match",
    [
        (SIMPLEX, (0.8, 0.8), {}, r"disagreement point must be feasible.*got \(0.8, 0.8\)"),
        (SIMPLEX, (-0.1, 0.2), {}, r"disagreement point must be feasible"),
        (SIMPLEX, (0.5, 0.5), {}, r"strictly dominated.*got \(0.5, 0.5\)"),  # on the Pareto frontier
        (SIMPLEX, (1, 0), {}, r"strictly dominated"),
        (PARABOLA, (0.5, 0.8), {}, r"disagreement point must be feasible"),
        (PARABOLA, (1.0, 0.0), {}, r"strictly dominated"),
        ((lambda x: 1 - math.sqrt(x), (0.0, 1.0)), (0, 0), {}, r"frontier f must be concave"),
        ((lambda x: x, (0.0, 1.0)), (0, 0), {}, r"frontier f must be decreasing"),
        ((lambda x: 1 - x, (1.0, 0.0)), (0, 0), {}, r"lo < hi"),
        (SIMPLEX, (0, 0), {"weights": (-1, 1)}, r"weights\[0\] must be > 0; got -1"),
        (SIMPLEX, (0, 0), {"weights": (1, 0)}, r"weights\[1\] must be > 0; got 0"),
        (np.zeros((0, 2)), (0, 0), {}, r"shape \(k, 2\) with k >= 1"),
        ([(0, 0, 0)], (0, 0), {}, r"shape \(k, 2\)"),
        ([(0, 0), (1, np.nan)], (0, 0), {}, r"must be finite"),
        ([(1, 1)], (1, 1), {}, r"strictly dominated"),
    ],
    ids=["infeasible-d", "infeasible-d-outside", "undominated-d-pareto", "undominated-d-vertex",
         "frontier-infeasible-d", "frontier-undominated-d", "non-concave-frontier", "increasing-frontier",
         "empty-interval", "negative-weight", "zero-weight", "no-vertices", "three-columns", "nan-vertex",
         "single-point"],
)
def test_axiomatic_bad_inputs(feasible, d, kwargs, match):
    with pytest.raises(InvalidArgumentError, match=match):
        nash_solution(feasible, d, **kwargs)
    if not kwargs:
        with pytest.raises(InvalidArgumentError, match=match):
            kalai_smorodinsky(feasible, d)
        with pytest.raises(InvalidArgumentError, match=match):
            egalitarian(feasible, d)


@pytest.mark.parametrize("d, weights", [((0, 0), (1, 1)), ((0.3, 0.2), (1, 1)), ((0, 0), (1, 2)), ((0.5, 0), (3, 1))])
def test_kinked_frontier_agrees_with_its_polygon(d, weights):
    # the same feasible set given as a polygon and as a callable frontier with a kink at u0 = 1
    frontier = (lambda x: min(1 - 0.2 * x, 1.6 - 0.8 * x), (0.0, 2.0))
    np.testing.assert_allclose(
        nash_solution(frontier, d, weights=weights), nash_solution(KINKED, d, weights=weights), atol=FRONTIER_TOL
    )
    for solve in (kalai_smorodinsky, egalitarian):
        np.testing.assert_allclose(solve(frontier, d), solve(KINKED, d), atol=FRONTIER_TOL)
