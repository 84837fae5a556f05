"""Tests of bargain.repeated.minmax: minmax and maxmin values, feasible and individually rational sets."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import bargain as bg
from bargain.errors import ArgumentTypeError, PlayerCountError
from bargain.repeated.minmax import Polygon, feasible_set, individually_rational_set, maxmin, minmax

ATOL = 1e-9  # LP and geometry answers on small integer games
PROPERTY_ATOL = 1e-7  # two independent solvers (HiGHS LP vs. equilibrium enumeration)

PD = bg.Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D")))
PENNIES = bg.Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], strategies=(("H", "T"), ("H", "T")))
# Rock-paper-scissors (win 1, lose -1, tie 0): against any pure punisher a best reply wins (pure
# minmax 1), while the uniform punisher holds each player to 0.
RPS_A = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
RPS = bg.Game.bimatrix(RPS_A, -RPS_A)
THREE = bg.Game(np.arange(24, dtype=float).reshape(3, 2, 2, 2))


def test_prisoners_dilemma_minmax_is_mutual_defection():
    # Mailath and Samuelson (2006), Section 2.1: each player is held to u(D, D) = 1.
    for mixed in (True, False):
        result = minmax(PD, mixed=mixed)
        np.testing.assert_allclose(result.values, [1.0, 1.0], atol=ATOL)
        # the punisher defects against player 0, who best-responds with D
        np.testing.assert_allclose(result.punisher[0][1], [0.0, 1.0], atol=ATOL)
        np.testing.assert_allclose(result.punisher[0][0], [0.0, 1.0], atol=ATOL)


def test_matching_pennies_mixed_minmax_below_pure():
    np.testing.assert_allclose(minmax(PENNIES).values, [0.0, 0.0], atol=ATOL)
    np.testing.assert_allclose(minmax(PENNIES, mixed=False).values, [1.0, 1.0], atol=ATOL)
    np.testing.assert_allclose(minmax(PENNIES).punisher[0][1], [0.5, 0.5], atol=ATOL)


def test_rock_paper_scissors_mixed_minmax_strictly_below_pure():
    np.testing.assert_allclose(minmax(RPS, mixed=False).values, [1.0, 1.0], atol=ATOL)
    mixed = minmax(RPS)
    np.testing.assert_allclose(mixed.values, [0.0, 0.0], atol=ATOL)
    np.testing.assert_allclose(mixed.punisher[0][1], [1 / 3, 1 / 3, 1 / 3], atol=ATOL)


def test_maxmin_pure_and_mixed():
    np.testing.assert_allclose(maxmin(PENNIES), [-1.0, -1.0], atol=ATOL)
    np.testing.assert_allclose(maxmin(PENNIES, mixed=True), [0.0, 0.0], atol=ATOL)
    np.testing.assert_allclose(maxmin(PD), [1.0, 1.0], atol=ATOL)


def test_pure_minmax_three_players():
    game = bg.Game(np.random.default_rng(1).integers(-5, 6, size=(3, 2, 3, 2)).astype(float))
    values = minmax(game, mixed=False).values
    for i in range(3):
        others = [s for s in np.ndindex(*[m for j, m in enumerate(game.shape) if j != i])]
        brute = min(
            max(game.payoffs[i][tuple(list(o[:i]) + [a] + list(o[i:]))] for a in range(game.shape[i]))
            for o in others
        )
        assert values[i] == brute


def test_repr_names_punishers():
    assert repr(minmax(PD)) == "Minmax(mixed; P0 1 (by P1: D); P1 1 (by P0: D))"


def test_feasible_set_of_prisoners_dilemma():
    poly = feasible_set(PD)
    np.testing.assert_allclose(poly.vertices, [[0, 5], [1, 1], [5, 0], [3, 3]], atol=ATOL)
    assert poly.dimension == 2 and poly.area == pytest.approx(10.0)


def test_feasible_set_point_and_segment():
    constant = bg.Game.bimatrix([[2, 2], [2, 2]], [[7, 7], [7, 7]])
    point = feasible_set(constant)
    assert point.dimension == 0 and point.area == 0.0
    np.testing.assert_allclose(point.vertices, [[2, 7]])
    segment = feasible_set(PENNIES)  # all payoffs on u0 + u1 = 0
    assert segment.dimension == 1
    np.testing.assert_allclose(segment.vertices, [[-1, 1], [1, -1]])


def test_individually_rational_sets():
    # PD: clipped at (1, 1); the edge (5,0)-(3,3) crosses u1 = 1 at u0 = 13/3.
    ir = individually_rational_set(PD)
    np.testing.assert_allclose(ir.vertices, [[1, 1], [13 / 3, 1], [3, 3], [1, 13 / 3]], atol=ATOL)
    # matching pennies: a point with mixed punishers, empty with pure ones
    point = individually_rational_set(PENNIES)
    assert point.dimension == 0
    np.testing.assert_allclose(point.vertices, [[0, 0]], atol=ATOL)
    empty = individually_rational_set(PENNIES, mixed=False)
    assert empty.is_empty and empty.dimension == -1


def test_individually_rational_segment():
    # common interest: payoffs on the diagonal (0,0), (1,1), (3,3); the punisher mixing 3/4, 1/4
    # holds each player to 3/4 (indifference y = 3 (1 - y)), pure punishers only to 1.
    game = bg.Game.bimatrix([[1, 0], [0, 3]], [[1, 0], [0, 3]])
    np.testing.assert_allclose(minmax(game).values, [0.75, 0.75], atol=ATOL)
    seg = individually_rational_set(game)
    assert seg.dimension == 1
    np.testing.assert_allclose(seg.vertices, [[0.75, 0.75], [3, 3]], atol=ATOL)
    np.testing.assert_allclose(individually_rational_set(game, mixed=False).vertices, [[1, 1], [3, 3]], atol=ATOL)


def test_polygon_contains():
    poly = Polygon([[0, 0], [1, 0], [0, 1]])
    assert poly.contains([0.2, 0.2]) and not poly.contains([1, 1])


def test_bad_inputs():
    with pytest.raises(PlayerCountError, match="mixed minmax needs a game with at most 2 players"):
        minmax(THREE)
    with pytest.raises(PlayerCountError, match="mixed maxmin needs a 2-player game"):
        maxmin(THREE, mixed=True)
    with pytest.raises(PlayerCountError, match="feasible_set needs a 2-player game"):
        feasible_set(THREE)
    with pytest.raises(ArgumentTypeError, match="mixed must be True or False"):
        minmax(PD, mixed="yes")
    with pytest.raises(ArgumentTypeError, match="game must be a bargain.Game"):
        minmax([[1, 2]])


small_games = st.tuples(st.integers(1, 4), st.integers(1, 4)).flatmap(
    lambda shape: arrays(np.int64, (2, *shape), elements=st.integers(-9, 9))
)


@settings(max_examples=60, deadline=None)
@given(small_games)
def test_mixed_minmax_is_value_of_zero_sum_game(payoffs):
    # v_i = value of the zero-sum game in which the opponent minimises u_i (von Neumann); solved
    # independently by enumerating the equilibria of (u_i, -u_i).
    game = bg.Game(payoffs.astype(float))
    values = minmax(game).values
    A, B = game.payoffs
    value0 = bg.equilibria(bg.Game.bimatrix(A, -A))[0].payoffs[0]
    value1 = bg.equilibria(bg.Game.bimatrix(-B, B))[0].payoffs[1]
    np.testing.assert_allclose(values, [value0, value1], atol=PROPERTY_ATOL)
    # von Neumann: mixed maxmin = mixed minmax; pure maxmin <= mixed minmax <= pure minmax
    np.testing.assert_allclose(maxmin(game, mixed=True), values, atol=PROPERTY_ATOL)
    assert np.all(maxmin(game) <= values + PROPERTY_ATOL)
    assert np.all(values <= minmax(game, mixed=False).values + PROPERTY_ATOL)


@settings(max_examples=60, deadline=None)
@given(small_games)
def test_minmax_below_every_nash_payoff_and_nash_payoffs_individually_rational(payoffs):
    game = bg.Game(payoffs.astype(float))
    values = minmax(game).values
    ir = individually_rational_set(game)
    assert not ir.is_empty
    for eq in bg.equilibria(game):
        assert np.all(eq.payoffs >= values - PROPERTY_ATOL)
        assert ir.contains(eq.payoffs, tol=1e-6)
