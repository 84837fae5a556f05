"""Correlated and coarse correlated equilibria by linear programming."""

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import bargain as bg
from bargain.equilibria.correlated import (
    CorrelatedEquilibrium,
    correlated_equilibrium,
    is_correlated_equilibrium,
)

#: Agreement expected between an LP optimum and a value derived by hand or from Nash equilibria.
VALUE_TOL = 1e-7
#: Slack allowed on an incentive inequality checked directly from its definition.
INCENTIVE_TOL = 1e-8
#: Agreement expected of probabilities in a known answer.
PROB_TOL = 1e-8


def chicken():
    return bg.Game.bimatrix(
        [[6, 2], [7, 0]], [[6, 7], [2, 0]],
        players=("Row", "Col"), strategies=(("C", "D"), ("C", "D")),
    )


def prisoners_dilemma():
    return bg.Game.bimatrix(
        [[3, 0], [5, 1]], [[3, 5], [0, 1]],
        players=("Row", "Col"), strategies=(("C", "D"), ("C", "D")),
    )


def rock_paper_scissors():
    A = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    names = ("Rock", "Paper", "Scissors")
    return bg.Game.bimatrix(A, -A, strategies=(names, names))


def aumann_three_player():
    # Player 3 picks one of three matrices A, B, C; players 1 and 2 pick a row (T, B) and a column
    # (L, R). Aumann (1974); also Osborne and Rubinstein (1994), section 3.3.
    cells = {
        # (row, col, matrix): payoffs
        (0, 0, 0): (0, 0, 3), (1, 0, 0): (1, 0, 0),
        (0, 0, 1): (2, 2, 2), (1, 1, 1): (2, 2, 2),
        (1, 0, 2): (0, 1, 0), (1, 1, 2): (0, 0, 3),
    }
    payoffs = np.zeros((3, 2, 2, 3))
    for cell, values in cells.items():
        payoffs[(slice(None), *cell)] = values
    return bg.Game(payoffs, strategies=(("T", "B"), ("L", "R"), ("A", "B", "C")))


# ---------------------------------------------------------------- known answers


def test_chicken_welfare_maximum_by_hand():
    # Aumann (1974); by hand, with a = p(C,C), b = p(C,D), c = p(D,C), d = p(D,D), the constraints are
    # a <= 2b, a <= 2c (told C, not tempted by D), 2d <= c, 2d <= b (told D, not tempted by C).
    # Welfare 12a + 9(b + c) is largest with d = 0 and b = c, so a <= 2b = 1 - a: a = 1/2, b = c = 1/4,
    # welfare 6 + 4.5 = 10.5, above every Nash equilibrium's (9, 9 and 28/3).
    ce = correlated_equilibrium(chicken())
    np.testing.assert_allclose(ce.distribution, [[0.5, 0.25], [0.25, 0.0]], atol=PROB_TOL)
    assert ce.value == pytest.approx(10.5, abs=VALUE_TOL)
    np.testing.assert_allclose(ce.payoffs, [5.25, 5.25], atol=VALUE_TOL)
    assert not ce.coarse and ce.objective == "welfare"


def test_chicken_two_strategies_each_so_coarse_equals_correlated():
    # with two strategies, a deviation to t only changes the profiles where the other strategy was
    # recommended, so the coarse and the correlated constraints coincide
    ce = correlated_equilibrium(chicken(), coarse=True)
    assert ce.coarse
    np.testing.assert_allclose(ce.distribution, [[0.5, 0.25], [0.25, 0.0]], atol=PROB_TOL)


def test_chicken_traffic_light_is_a_correlated_equilibrium():
    # Aumann (1974): a third each on (C,C), (C,D), (D,C). Told C, a player expects the other to play
    # C or D with probability 1/2 each: obeying earns 1/2 * 6 + 1/2 * 2 = 4, D earns 1/2 * 7 = 3.5.
    # Told D, it knows the other plays C: obeying earns 7, C earns 6.
    assert is_correlated_equilibrium(chicken(), [[1 / 3, 1 / 3], [1 / 3, 0]])
    assert not is_correlated_equilibrium(chicken(), [[1, 0], [0, 0]])
    assert not is_correlated_equilibrium(chicken(), [[0, 0], [0, 1]])


def test_chicken_best_for_one_player_is_its_favourite_pure_equilibrium():
    # Row's largest payoff anywhere is 7, only at (D, C), which is a pure Nash equilibrium
    for objective in ("Row", 0, [1, 0]):
        ce = correlated_equilibrium(chicken(), objective=objective)
        np.testing.assert_allclose(ce.distribution, [[0, 0], [1, 0]], atol=PROB_TOL)
        assert ce.value == pytest.approx(7.0, abs=VALUE_TOL)
    assert correlated_equilibrium(chicken(), objective="Col").payoffs[1] == pytest.approx(7.0, abs=VALUE_TOL)


@pytest.mark.parametrize("coarse", [False, True], ids=["correlated", "coarse"])
@pytest.mark.parametrize("objective", ["welfare", "Row", 1, [1, -1], [-1, -1], [0, 0]])
def test_prisoners_dilemma_has_one_correlated_equilibrium(objective, coarse):
    # Defect is strictly dominant, so any weight on a profile where a player cooperates gives that
    # player a profitable deviation (also as a coarse deviation to "always Defect"): the only
    # (coarse) correlated equilibrium is (D, D), whatever the objective
    ce = correlated_equilibrium(prisoners_dilemma(), objective=objective, coarse=coarse)
    np.testing.assert_allclose(ce.distribution, [[0, 0], [0, 1]], atol=PROB_TOL)
    np.testing.assert_allclose(ce.payoffs, [1, 1], atol=VALUE_TOL)


def test_rock_paper_scissors_off_diagonal_is_coarse_but_not_correlated():
    # Roughgarden (2016), Twenty Lectures on Algorithmic Game Theory, lecture 13: the uniform
    # distribution on the six profiles without a tie. Each player's marginal is uniform, so a fixed
    # strategy earns 0, as does obeying: coarse correlated. Told Rock, the opponent plays Paper or
    # Scissors with probability 1/2 each, and Scissors earns 1/2 > 0: not correlated.
    off_diagonal = (1 - np.eye(3)) / 6
    assert is_correlated_equilibrium(rock_paper_scissors(), off_diagonal, coarse=True)
    assert not is_correlated_equilibrium(rock_paper_scissors(), off_diagonal)
    assert is_correlated_equilibrium(rock_paper_scissors(), np.full((3, 3), 1 / 9))


def test_coarse_correlated_can_beat_every_correlated_equilibrium():
    # Rock-paper-scissors where a win pays 1, a loss 0 and a tie 0.4 to each player. Worked by hand:
    # off the diagonal every cell has welfare 1, on it 0.8. The uniform distribution on the six
    # off-diagonal cells is coarse correlated: a fixed strategy against the uniform marginal earns
    # (1 + 0 + 0.4) / 3 < 1/2. But no correlated equilibrium lives off the diagonal: with
    # X = sum_i p(i, i+1) (Row told i meets the strategy that beats it) and Y = sum_i p(i, i+2),
    # Row's constraints (told i, switch to the strategy beating i+1) add up to X <= 0.6 Y and the
    # column's to Y <= 0.6 X, so X = Y = 0. Hence the best correlated welfare is below 1.
    W = np.array([[0.4, 0.0, 1.0], [1.0, 0.4, 0.0], [0.0, 1.0, 0.4]])
    game = bg.Game.bimatrix(W, W.T)
    off_diagonal = (1 - np.eye(3)) / 6
    assert is_correlated_equilibrium(game, off_diagonal, coarse=True)
    assert not is_correlated_equilibrium(game, off_diagonal)
    cce = correlated_equilibrium(game, coarse=True)
    assert cce.value == pytest.approx(1.0, abs=VALUE_TOL)
    assert np.trace(cce.distribution) == pytest.approx(0.0, abs=PROB_TOL)
    assert not is_correlated_equilibrium(game, cce.distribution)
    assert correlated_equilibrium(game).value < 1.0 - 1e-6


def test_aumann_three_player_game():
    # The two cells (T, L, B) and (B, R, B) pay (2, 2, 2), the largest welfare of any cell. With
    # weight q on the first, player 3 told B earns 2 against 3q from A and 3(1 - q) from C, so the
    # best correlated equilibrium has welfare 6 with q in [1/3, 2/3]; no pure equilibrium reaches it.
    game = aumann_three_player()
    ce = correlated_equilibrium(game)
    assert ce.value == pytest.approx(6.0, abs=VALUE_TOL)
    np.testing.assert_allclose(ce.payoffs, [2, 2, 2], atol=VALUE_TOL)
    q = ce.distribution[0, 0, 1]
    assert q + ce.distribution[1, 1, 1] == pytest.approx(1.0, abs=PROB_TOL)
    assert 1 / 3 - PROB_TOL <= q <= 2 / 3 + PROB_TOL
    assert all(float(eq.payoffs.sum()) < 6 for eq in bg.pure_equilibria(game))
    # q = 1/2 is a correlated equilibrium, q = 0.9 is not (player 3 would switch to A)
    half = np.zeros((2, 2, 3))
    half[0, 0, 1] = half[1, 1, 1] = 0.5
    assert is_correlated_equilibrium(game, half)
    tilted = np.zeros((2, 2, 3))
    tilted[0, 0, 1], tilted[1, 1, 1] = 0.9, 0.1
    assert not is_correlated_equilibrium(game, tilted)


def test_one_player_game_picks_a_best_strategy():
    game = bg.Game([[1.0, 4.0, 2.0]], players=("Solo",), strategies=(("a", "b", "c"),))
    ce = correlated_equilibrium(game)
    np.testing.assert_allclose(ce.distribution, [0, 1, 0], atol=PROB_TOL)
    assert ce.value == pytest.approx(4.0, abs=VALUE_TOL)
    # minimising the payoff still has to respect the player's incentives
    assert correlated_equilibrium(game, objective=[-1]).payoffs[0] == pytest.approx(4.0, abs=VALUE_TOL)


def test_trivial_game_without_constraints():
    ce = correlated_equilibrium(bg.Game.bimatrix([[2]], [[3]]))
    assert ce.distribution.tolist() == [[1.0]] and ce.value == pytest.approx(5.0)


# ---------------------------------------------------------------- the result record


def test_result_record_repr_and_frame():
    ce = correlated_equilibrium(chicken())
    assert isinstance(ce, CorrelatedEquilibrium)
    assert ce.players == ("Row", "Col") and ce.strategies == (("C", "D"), ("C", "D"))
    assert ce.distribution.shape == (2, 2) and ce.distribution.sum() == pytest.approx(1.0)
    assert repr(ce).splitlines() == [
        "CorrelatedEquilibrium(correlated, maximising welfare; value 10.5; payoffs Row 5.25, Col 5.25)",
        "  Row=C, Col=C: 0.5",
        "  Row=C, Col=D: 0.25",
        "  Row=D, Col=C: 0.25",
    ]
    frame = ce.to_frame()
    assert list(frame.columns) == ["Row", "Col", "probability"]
    assert frame[["Row", "Col"]].values.tolist() == [["C", "C"], ["C", "D"], ["D", "C"]]
    np.testing.assert_allclose(frame["probability"], [0.5, 0.25, 0.25], atol=PROB_TOL)
    assert "weighted welfare (Row 2, Col 1)" in repr(correlated_equilibrium(chicken(), objective=(2, 1)))
    assert correlated_equilibrium(chicken(), objective="Col").objective == "payoff of Col"


def test_result_is_immutable():
    ce = correlated_equilibrium(chicken())
    with pytest.raises(dataclasses.FrozenInstanceError):
        ce.value = 0.0
    with pytest.raises(ValueError, match="read-only"):
        ce.distribution[0, 0] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        ce.payoffs[0] = 1.0


def test_scale_invariance():
    # incentive constraints do not change under a positive affine map of all payoffs
    game = chicken()
    scaled = game.replace(payoffs=1e6 * game.payoffs - 3e5)
    ce = correlated_equilibrium(scaled)
    np.testing.assert_allclose(ce.distribution, [[0.5, 0.25], [0.25, 0.0]], atol=PROB_TOL)


# ---------------------------------------------------------------- properties


@st.composite
def bimatrix_games(draw, max_strategies=3):
    m = draw(st.integers(1, max_strategies))
    n = draw(st.integers(1, max_strategies))
    payoffs = draw(arrays(np.int64, (2, m, n), elements=st.integers(-5, 5)))
    return bg.Game(payoffs)


@st.composite
def small_games(draw):
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=1, max_size=3)))
    payoffs = draw(arrays(np.int64, (len(shape), *shape), elements=st.integers(-3, 3)))
    return bg.Game(payoffs)


weight_vectors = st.lists(st.integers(-3, 3), min_size=2, max_size=2)


def _satisfies_definition(game, p, coarse):
    """The two-player incentive inequalities written out with matrix products."""
    A, B = game.payoffs
    if coarse:
        obeying = np.array([(p * A).sum(), (p * B).sum()])
        fixed = np.array([(A @ p.sum(axis=0)).max(), (p.sum(axis=1) @ B).max()])
        return bool(np.all(fixed <= obeying + INCENTIVE_TOL))
    # row_gain[t, s] = sum_j p[s, j] * A[t, j]: what Row, told s, expects from playing t instead
    row_gain = A @ p.T
    col_gain = B.T @ p                      # col_gain[t, s] = sum_i p[i, s] * B[i, t]
    return bool(
        np.all(row_gain <= np.diag(row_gain)[None, :] + INCENTIVE_TOL)
        and np.all(col_gain <= np.diag(col_gain)[None, :] + INCENTIVE_TOL)
    )


@settings(max_examples=80, deadline=None)
@given(bimatrix_games(), st.booleans(), weight_vectors)
def test_solution_satisfies_the_definition(game, coarse, weights):
    ce = correlated_equilibrium(game, objective=weights, coarse=coarse)
    p = ce.distribution
    assert p.min() >= 0 and p.sum() == pytest.approx(1.0, abs=1e-12)
    assert _satisfies_definition(game, p, coarse)
    np.testing.assert_allclose(ce.payoffs, [(p * game.payoffs[0]).sum(), (p * game.payoffs[1]).sum()], atol=1e-12)
    assert ce.value == pytest.approx(float(np.dot(weights, ce.payoffs)))


@settings(max_examples=80, deadline=None)
@given(bimatrix_games(), weight_vectors)
def test_nash_equilibria_are_correlated_and_never_beat_the_best_one(game, weights):
    # a Nash equilibrium, drawn independently for each player, is a correlated equilibrium; so for any
    # weights the LP optimum over correlated equilibria is at least its weighted payoff
    best = correlated_equilibrium(game, objective=weights).value
    best_welfare = correlated_equilibrium(game).value
    for eq in bg.equilibria(game):
        product = np.outer(*eq.profile)
        assert is_correlated_equilibrium(game, product)
        assert is_correlated_equilibrium(game, product, coarse=True)
        assert _satisfies_definition(game, product, coarse=False)
        assert best_welfare >= eq.payoffs.sum() - VALUE_TOL
        assert best >= float(np.dot(weights, eq.payoffs)) - VALUE_TOL


@settings(max_examples=60, deadline=None)
@given(small_games(), st.data())
def test_correlated_set_is_inside_the_coarse_set(game, data):
    weights = data.draw(st.lists(st.integers(-3, 3), min_size=game.n_players, max_size=game.n_players))
    ce = correlated_equilibrium(game, objective=weights)
    cce = correlated_equilibrium(game, objective=weights, coarse=True)
    assert cce.value >= ce.value - VALUE_TOL
    assert is_correlated_equilibrium(game, ce.distribution, coarse=True)
    # and every pure Nash equilibrium is correlated
    for eq in bg.pure_equilibria(game):
        cell = tuple(int(np.argmax(p)) for p in eq.profile)
        point = np.zeros(game.shape)
        point[cell] = 1.0
        assert is_correlated_equilibrium(game, point)
        assert ce.value >= float(np.dot(weights, eq.payoffs)) - VALUE_TOL


@settings(max_examples=40, deadline=None)
@given(arrays(np.int64, (3, 2, 2, 2), elements=st.integers(-3, 3)),
       st.lists(st.integers(-3, 3), min_size=3, max_size=3))
def test_two_strategies_each_coarse_equals_correlated(payoffs, weights):
    # three players with two strategies each: the deviation "always t" only bites where the other
    # strategy is recommended, which is the correlated constraint (s -> t), so the sets coincide
    game = bg.Game(payoffs)
    ce = correlated_equilibrium(game, objective=weights)
    cce = correlated_equilibrium(game, objective=weights, coarse=True)
    assert cce.value == pytest.approx(ce.value, abs=VALUE_TOL)


@settings(max_examples=60, deadline=None)
@given(arrays(np.int64, st.tuples(st.integers(1, 4), st.integers(1, 4)), elements=st.integers(-5, 5)),
       st.booleans())
def test_zero_sum_correlated_payoff_is_the_value(A, coarse):
    # Forges (1990), Econometrica 58(2): in a two-player zero-sum game every correlated equilibrium
    # pays Row the value of the game. For a coarse one as well: the column marginal is a mixed
    # strategy, against which Row's best fixed reply earns at least the value, and symmetrically.
    # So the largest and the smallest payoff Row can get agree with any Nash equilibrium's.
    game = bg.Game.bimatrix(A, -A)
    value = float(bg.equilibria(game)[0].payoffs[0])
    highest = correlated_equilibrium(game, objective=0, coarse=coarse).payoffs[0]
    lowest = correlated_equilibrium(game, objective=1, coarse=coarse).payoffs[0]
    assert highest == pytest.approx(value, abs=VALUE_TOL)
    assert lowest == pytest.approx(value, abs=VALUE_TOL)


# ---------------------------------------------------------------- bad inputs


def test_bad_objectives():
    game = chicken()
    with pytest.raises(bg.errors.InvalidArgumentError,
                       match="objective must be 'welfare'.*got 'wellfare'; did you mean 'welfare'"):
        correlated_equilibrium(game, objective="wellfare")
    with pytest.raises(bg.errors.InvalidArgumentError,
                       match=r"objective must be .*\['Row', 'Col'\].*got 'Bureau'"):
        correlated_equilibrium(game, objective="Bureau")
    with pytest.raises(bg.errors.InvalidArgumentError, match="got player index 2"):
        correlated_equilibrium(game, objective=2)
    with pytest.raises(bg.errors.InvalidArgumentError, match=r"must have length 2 .*got shape \(3,\)"):
        correlated_equilibrium(game, objective=[1, 1, 1])
    with pytest.raises(bg.errors.InvalidArgumentError, match="must be finite; got"):
        correlated_equilibrium(game, objective=[1, np.nan])
    with pytest.raises(bg.errors.ArgumentTypeError, match="got True"):
        correlated_equilibrium(game, objective=True)
    with pytest.raises(bg.errors.ArgumentTypeError, match="got 1.5"):
        correlated_equilibrium(game, objective=1.5)
    with pytest.raises(bg.errors.ArgumentTypeError, match="objective must be"):
        correlated_equilibrium(game, objective=["a", "b"])


def test_bad_arguments():
    with pytest.raises(bg.errors.InvalidArgumentError, match="tol must be > 0; got 0"):
        correlated_equilibrium(chicken(), tol=0)
    with pytest.raises(bg.errors.InvalidArgumentError, match="tol must be > 0; got -1"):
        is_correlated_equilibrium(chicken(), np.full((2, 2), 0.25), tol=-1)
    with pytest.raises(bg.errors.ArgumentTypeError, match="game must be a bargain.Game; got list"):
        correlated_equilibrium([[1, 2]])
    with pytest.raises(bg.errors.ArgumentTypeError, match="coarse must be True or False; got 'yes'"):
        correlated_equilibrium(chicken(), coarse="yes")


def test_bad_distributions():
    game = chicken()
    with pytest.raises(bg.errors.InvalidProfileError, match=r"game's shape \(2, 2\); got shape \(4,\)"):
        is_correlated_equilibrium(game, [0.25] * 4)
    with pytest.raises(bg.errors.InvalidProfileError, match="probability distribution"):
        is_correlated_equilibrium(game, [[0.5, 0.5], [0.5, -0.5]])
    with pytest.raises(bg.errors.InvalidProfileError, match="summing to 2"):
        is_correlated_equilibrium(game, [[0.5, 0.5], [0.5, 0.5]])
    with pytest.raises(bg.errors.InvalidProfileError, match="probability distribution"):
        is_correlated_equilibrium(game, [[np.nan, 0.5], [0.25, 0.25]])
    with pytest.raises(bg.errors.InvalidProfileError, match="array of probabilities"):
        is_correlated_equilibrium(game, [[0.5, "x"], [0.25, 0.25]])
