"""Logit quantal response equilibrium along the principal branch."""

import dataclasses

import numpy as np
import pytest
import scipy.optimize
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import bargain as bg
from bargain.errors import ArgumentTypeError, InvalidArgumentError, PlayerCountError
from bargain.qre import LogitQRE, QREPath, logit_qre, logit_qre_path

#: How well the logit fixed-point equations must hold, in probabilities.
FIXED_POINT_TOL = 1e-9
#: Agreement expected with an independently computed answer (closed form, brentq, Gambit).
PROFILE_TOL = 1e-6
#: Regret allowed at a large precision, where the QRE should be close to a Nash equilibrium.
REGRET_TOL = 1e-3


def logit(u, lam):
    """The logit choice probabilities for payoffs ``u`` at precision ``lam``."""
    return scipy.special.softmax(lam * np.asarray(u, float))


def fixed_point_error(game, lam, profile):
    """How far a profile is from solving x = logit(A y), y = logit(B^T x), in probabilities."""
    A, B = game.payoffs
    x, y = profile
    return max(np.abs(x - logit(A @ y, lam)).max(), np.abs(y - logit(B.T @ x, lam)).max())


def dominant_game():
    # Row's T strictly dominates B: (A y)_T - (A y)_B = 4 y_L + y_R > 0.
    return bg.Game.bimatrix(
        [[4, 1], [0, 0]], [[1, 0], [0, 2]], players=("Row", "Col"), strategies=(("T", "B"), ("L", "R"))
    )


def matching_pennies():
    A = np.array([[1, -1], [-1, 1]])
    return bg.Game.bimatrix(A, -A, players=("Even", "Odd"), strategies=(("H", "T"), ("H", "T")))


def asymmetric_coordination():
    return bg.Game.bimatrix([[3, 0], [0, 1]], [[2, 0], [0, 3]])


def asymmetric_pennies():
    # Row wants to match (9 for H-H, 1 for T-T), Col wants to mismatch: the only equilibrium mixes.
    return bg.Game.bimatrix([[9, 0], [0, 1]], [[0, 1], [1, 0]])


def sharp_turn_3x3():
    # The branch turns sharply near lam = 0.63 (found while testing; a large step can jump past it).
    return bg.Game.bimatrix([[2, 1, 2], [5, -2, 3], [2, -5, 1]], [[0, 5, 0], [-1, -5, 0], [4, 4, -1]])


def game_2x4():
    return bg.Game.bimatrix([[1, 2, -2, 5], [1, 1, 4, -3]], [[2, 1, 0, 3], [-2, 2, 3, -2]])


# ---------------------------------------------------------------------------------------- known answers
def test_lambda_zero_is_uniform():
    game = bg.Game.bimatrix(np.arange(12).reshape(3, 4), -np.arange(12).reshape(3, 4))
    q = logit_qre(game, 0)
    np.testing.assert_array_equal(q.profile[0], np.full(3, 1 / 3))
    np.testing.assert_array_equal(q.profile[1], np.full(4, 1 / 4))
    assert q.lam == 0.0


@pytest.mark.parametrize("lam", [0.1, 1.0, 7.5, 100.0])
def test_matching_pennies_is_uniform_at_every_lambda(lam):
    # By symmetry the uniform profile solves the logit equations at every lambda
    # (McKelvey and Palfrey 1995), and the principal branch never leaves it.
    q = logit_qre(matching_pennies(), lam)
    np.testing.assert_allclose(q.profile[0], [0.5, 0.5], atol=PROFILE_TOL)
    np.testing.assert_allclose(q.profile[1], [0.5, 0.5], atol=PROFILE_TOL)


@pytest.mark.parametrize("lam", [0.2, 1.0, 3.0, 10.0])
def test_dominant_strategy_game_solves_scalar_equation(lam):
    # With A = [[4, 1], [0, 0]] and B = [[1, 0], [0, 2]] and sigma the logistic function:
    #   x_T = sigma(lam * (4 y_L + y_R)) = sigma(lam * (3 y_L + 1)),
    #   y_L = sigma(lam * (x_T - 2 x_B)) = sigma(lam * (3 x_T - 2)),
    # so x_T solves f(x) = x - sigma(lam * (3 sigma(lam * (3 x - 2)) + 1)) = 0 on [1/2, 1].
    sigma = scipy.special.expit

    def f(x):
        return x - sigma(lam * (3 * sigma(lam * (3 * x - 2)) + 1))

    grid = np.linspace(0.5, 1.0, 2001)
    assert np.count_nonzero(np.diff(np.sign(f(grid)))) == 1  # a single root: the QRE is unique
    x_t = scipy.optimize.brentq(f, 0.5, 1.0, xtol=1e-14)
    y_l = sigma(lam * (3 * x_t - 2))
    q = logit_qre(dominant_game(), lam)
    np.testing.assert_allclose(q.profile[0], [x_t, 1 - x_t], atol=PROFILE_TOL)
    np.testing.assert_allclose(q.profile[1], [y_l, 1 - y_l], atol=PROFILE_TOL)


@pytest.mark.parametrize("game", [dominant_game(), asymmetric_coordination(), sharp_turn_3x3(), game_2x4()],
                         ids=["dominant", "coordination", "sharp-turn-3x3", "2x4"])
def test_fixed_point_holds_at_every_point_of_the_path(game):
    path = logit_qre_path(game, lam_max=30.0)
    assert path.lambdas[0] == 0 and path.lambdas[-1] == 30.0
    for point in path:
        assert fixed_point_error(game, point.lam, point.profile) <= FIXED_POINT_TOL


@pytest.mark.parametrize(
    "game",
    [dominant_game(), asymmetric_coordination(), sharp_turn_3x3(), game_2x4(), asymmetric_pennies()],
    ids=["dominant", "coordination", "sharp-turn-3x3", "2x4", "asymmetric-pennies"],
)
def test_large_lambda_approaches_a_nash_equilibrium(game):
    # McKelvey and Palfrey (1995), Theorem 3: the principal branch converges to a Nash equilibrium.
    path = logit_qre_path(game, lam_max=2000.0, steps=5)
    regret_end = bg.regret(game, path[-1].profile).max()
    assert regret_end < REGRET_TOL
    assert regret_end < bg.regret(game, logit_qre(game, 1.0).profile).max()


def test_asymmetric_pennies_tends_to_the_mixed_equilibrium():
    # The only Nash equilibrium mixes: Col makes Row indifferent (9 y_L = y_R, y_L = 1/10) and Row
    # makes Col indifferent (x_B = x_T, x_T = 1/2). The QRE tends to it as lam grows.
    q = logit_qre(asymmetric_pennies(), 5000.0)
    np.testing.assert_allclose(q.profile[0], [0.5, 0.5], atol=1e-3)
    np.testing.assert_allclose(q.profile[1], [0.1, 0.9], atol=1e-3)


def test_steps_samples_the_branch_at_equal_precisions():
    game = asymmetric_coordination()
    path = logit_qre_path(game, lam_max=4.0, steps=9)
    np.testing.assert_allclose(path.lambdas, np.linspace(0, 4, 9))
    for point in path:
        assert fixed_point_error(game, point.lam, point.profile) <= FIXED_POINT_TOL
        single = logit_qre(game, point.lam)
        np.testing.assert_allclose(single.profile[0], point.profile[0], atol=PROFILE_TOL)


# ---------------------------------------------------------------------------------------- Gambit cross-check
@pytest.mark.parametrize("game", [dominant_game(), asymmetric_coordination(), sharp_turn_3x3(), game_2x4()],
                         ids=["dominant", "coordination", "sharp-turn-3x3", "2x4"])
def test_matches_gambit_logit_solve_lambda(game):
    pygambit = pytest.importorskip("pygambit")
    lams = [0.3, 0.7, 1.0, 3.0]
    reference = pygambit.Game.from_arrays(*game.payoffs)
    results = pygambit.qre.logit_solve_lambda(reference, lams)
    for lam, result in zip(lams, results):
        expected = [
            np.array([float(result.profile[s]) for s in player.strategies]) for player in reference.players
        ]
        q = logit_qre(game, lam)
        np.testing.assert_allclose(q.profile[0], expected[0], atol=PROFILE_TOL)
        np.testing.assert_allclose(q.profile[1], expected[1], atol=PROFILE_TOL)


# ---------------------------------------------------------------------------------------- properties
small_games = st.tuples(st.integers(2, 3), st.integers(2, 3)).flatmap(
    lambda shape: arrays(np.int64, (2, *shape), elements=st.integers(-5, 5))
)


@settings(max_examples=30, deadline=None)
@given(payoffs=small_games, lam=st.floats(0.0, 5.0))
def test_random_games_solve_the_logit_equations(payoffs, lam):
    game = bg.Game(payoffs)
    q = logit_qre(game, lam)
    for p in q.profile:
        assert np.all(p > 0)
        assert abs(p.sum() - 1) <= FIXED_POINT_TOL
    assert fixed_point_error(game, lam, q.profile) <= FIXED_POINT_TOL


@settings(max_examples=20, deadline=None)
@given(payoffs=small_games)
def test_small_lambda_is_close_to_uniform(payoffs):
    # Each logit probability differs from 1/m by at most lam * (payoff range) for small lam.
    game = bg.Game(payoffs)
    lam = 1e-6
    q = logit_qre(game, lam)
    span = float(payoffs.max() - payoffs.min())
    for p in q.profile:
        assert np.abs(p - 1 / len(p)).max() <= lam * span + 1e-15


# ---------------------------------------------------------------------------------------- records
def test_records_are_frozen_with_read_only_arrays_and_named_reprs():
    game = dominant_game()
    q = logit_qre(game, 1.0)
    assert isinstance(q, LogitQRE)
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.lam = 2.0
    with pytest.raises(ValueError):
        q.profile[0][0] = 1.0
    assert "Row" in repr(q) and "T" in repr(q)
    path = logit_qre_path(game, lam_max=2.0)
    assert isinstance(path, QREPath)
    with pytest.raises(ValueError):
        path.lambdas[0] = 1.0
    with pytest.raises(ValueError):
        path.profiles[1][0, 0] = 1.0
    assert "Col" in repr(path)
    frame = path.to_frame()
    assert list(frame.columns) == ["lam", "Row:T", "Row:B", "Col:L", "Col:R", "payoff:Row", "payoff:Col"]
    assert len(frame) == len(path)


def test_payoffs_are_the_expected_payoffs():
    game = dominant_game()
    q = logit_qre(game, 2.0)
    A, B = game.payoffs
    x, y = q.profile
    np.testing.assert_allclose(q.payoffs, [x @ A @ y, x @ B @ y])


# ---------------------------------------------------------------------------------------- bad inputs
def test_negative_lambda_is_refused():
    with pytest.raises(InvalidArgumentError, match=r"lam must be >= 0; got -1"):
        logit_qre(dominant_game(), -1)


@pytest.mark.parametrize("lam", [np.inf, np.nan])
def test_non_finite_lambda_is_refused(lam):
    with pytest.raises(InvalidArgumentError, match="lam must be finite"):
        logit_qre(dominant_game(), lam)
    with pytest.raises(InvalidArgumentError, match="lam_max must be finite"):
        logit_qre_path(dominant_game(), lam_max=lam)


def test_non_two_player_game_is_refused():
    game = bg.Game(np.zeros((3, 2, 2, 2)))
    with pytest.raises(PlayerCountError, match="needs a 2-player game; got a game with 3 players"):
        logit_qre(game, 1.0)
    with pytest.raises(PlayerCountError, match="logit_qre_path needs a 2-player game"):
        logit_qre_path(game, lam_max=1.0)


def test_bad_arguments_are_refused():
    game = dominant_game()
    with pytest.raises(ArgumentTypeError, match="lam must be a real number"):
        logit_qre(game, "1")
    with pytest.raises(ArgumentTypeError, match="game must be a bargain.Game"):
        logit_qre([[1, 2]], 1.0)
    with pytest.raises(InvalidArgumentError, match=r"lam_max must be > 0; got 0"):
        logit_qre_path(game, lam_max=0)
    with pytest.raises(InvalidArgumentError, match=r"steps must be >= 2; got 1"):
        logit_qre_path(game, lam_max=1.0, steps=1)
    with pytest.raises(ArgumentTypeError, match="steps must be an integer"):
        logit_qre_path(game, lam_max=1.0, steps=2.5)
    with pytest.raises(InvalidArgumentError, match=r"tol must be > 0; got 0"):
        logit_qre(game, 1.0, tol=0)
