"""Strict dominance and the iterated elimination of strictly dominated strategies."""

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import bargain as bg
from bargain.equilibria.dominance import Elimination, is_strictly_dominated, iterated_elimination

#: Largest weight a Nash equilibrium may put on an eliminated strategy.
WEIGHT_TOL = 1e-9
#: Agreement expected between equilibria found in the reduced and in the original game.
PROB_TOL = 1e-7


def prisoners_dilemma():
    return bg.Game.bimatrix(
        [[3, 0], [5, 1]], [[3, 5], [0, 1]],
        players=("Row", "Col"), strategies=(("C", "D"), ("C", "D")),
    )


def hedge_game():
    # Hedge earns 1 against either column; an even mixture of Top and Middle earns 1.5 against either,
    # yet each of Top and Middle alone earns 0 against one column (Fudenberg and Tirole 1991, Game
    # Theory, section 2.1)
    return bg.Game.bimatrix(
        [[3, 0], [0, 3], [1, 1]], np.zeros((3, 2)),
        players=("Row", "Col"), strategies=(("Top", "Middle", "Hedge"), ("Left", "Right")),
    )


def gibbons_game():
    # Gibbons (1992), Game Theory for Applied Economists, section 1.1.B
    return bg.Game.bimatrix(
        [[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]],
        players=("Row", "Col"), strategies=(("Up", "Down"), ("Left", "Middle", "Right")),
    )


def three_by_three():
    #        L      C      R
    #  T   4, 3   5, 1   6, 2
    #  M   2, 1   8, 4   3, 6
    #  B   3, 0   9, 6   2, 8
    # Worked by hand: nothing of Row's is dominated at first. M would be beaten by a T + (1 - a) B
    # only with 3 + a > 2, 9 - 4a > 8 and 2 + 4a > 3, i.e. a < 1/4 < a: the best mixture (a = 1/4)
    # only ties M against C and R. Col's C is dominated by R (2 > 1, 6 > 4, 8 > 6). Without C, T
    # (4, 6) beats M (2, 3) and B (3, 2); facing T alone, Col prefers L (3) to R (2): (T, L) is left.
    A = [[4, 5, 6], [2, 8, 3], [3, 9, 2]]
    B = [[3, 1, 2], [1, 4, 6], [0, 6, 8]]
    return bg.Game.bimatrix(A, B, players=("Row", "Col"), strategies=(("T", "M", "B"), ("L", "C", "R")))


def public_goods(n=3, multiplier=2.0):
    # each player keeps its unit or contributes it to a pot that is multiplied and shared equally:
    # contributing returns multiplier / n < 1 of the unit to the contributor, so Keep strictly dominates
    shape = (2,) * n
    contributes = np.stack(np.meshgrid(*[np.array([1.0, 0.0])] * n, indexing="ij"))
    pot = multiplier * contributes.sum(axis=0) / n
    payoffs = np.stack([pot - contributes[i] for i in range(n)])
    assert payoffs.shape == (n, *shape)
    return bg.Game(payoffs, strategies=[("Contribute", "Keep")] * n)


# ---------------------------------------------------------------- known answers


def test_prisoners_dilemma_reduces_to_mutual_defection():
    result = iterated_elimination(prisoners_dilemma())
    assert result.kept == ((1,), (1,))
    assert result.removed == (("Row", "C", 1), ("Col", "C", 1))
    assert result.game.strategies == (("D",), ("D",)) and result.game.players == ("Row", "Col")
    assert result.game.payoffs.tolist() == [[[1.0]], [[1.0]]]
    assert result.solved and result.rounds == 1


def test_dominated_only_by_a_mixture():
    game = hedge_game()
    assert is_strictly_dominated(game, "Row", "Hedge")
    assert not is_strictly_dominated(game, "Row", "Hedge", mixed=False)
    assert not is_strictly_dominated(game, "Row", "Top")
    assert not is_strictly_dominated(game, "Col", "Left")     # a tie is not strict dominance
    assert iterated_elimination(game).kept == ((0, 1), (0, 1))
    assert iterated_elimination(game).removed == (("Row", "Hedge", 1),)
    assert iterated_elimination(game, mixed=False).removed == ()


def test_hedge_that_beats_the_mixture_is_kept():
    # with Hedge paying 1.6 against either column it beats every mixture of Top and Middle against
    # one of the columns (the even mixture earns 1.5 against both)
    game = hedge_game()
    payoffs = game.payoffs.copy()
    payoffs[0, 2] = 1.6
    assert not is_strictly_dominated(game.replace(payoffs=payoffs), "Row", "Hedge")


def test_gibbons_elimination_order():
    result = iterated_elimination(gibbons_game())
    assert result.removed == (("Col", "Right", 1), ("Row", "Down", 2), ("Col", "Left", 2))
    assert result.kept == ((0,), (1,))
    assert result.game.strategies == (("Up",), ("Middle",))


def test_three_by_three_solves_in_two_rounds():
    game = three_by_three()
    assert not is_strictly_dominated(game, "Row", "M")        # the mixture at a = 1/4 only ties
    assert is_strictly_dominated(game.replace(payoffs=game.payoffs[:, :, [0, 2]],
                                              strategies=(("T", "M", "B"), ("L", "R"))), "Row", "M")
    result = iterated_elimination(game)
    assert result.removed == (("Col", "C", 1), ("Row", "M", 2), ("Row", "B", 2), ("Col", "R", 2))
    assert result.kept == ((0,), (0,)) and result.rounds == 2 and result.solved
    assert result.game.payoffs[:, 0, 0].tolist() == [4.0, 3.0]


def test_three_player_public_goods():
    result = iterated_elimination(public_goods())
    assert result.kept == ((1,), (1,), (1,))
    assert [name for _, name, _ in result.removed] == ["Contribute"] * 3
    assert {r for _, _, r in result.removed} == {1}
    # with a multiplier above the group size, contributing dominates instead
    assert iterated_elimination(public_goods(multiplier=4.0)).kept == ((0,), (0,), (0,))


def test_one_player_keeps_its_best_strategies():
    game = bg.Game([[1.0, 3.0, 3.0, 0.0]], players=("Solo",), strategies=(("a", "b", "c", "d"),))
    result = iterated_elimination(game)
    assert result.kept == ((1, 2),)
    assert result.removed == (("Solo", "a", 1), ("Solo", "d", 1))
    assert not result.solved


def test_weak_dominance_and_copies_are_not_removed():
    weak = bg.Game.bimatrix([[1, 0], [1, 1]], [[1, 1], [1, 1]])
    assert iterated_elimination(weak).removed == ()
    copies = bg.Game.bimatrix([[2, 0], [2, 0], [1, -1]], [[0, 0], [0, 0], [0, 0]])
    assert iterated_elimination(copies).kept == ((0, 1), (0, 1))


def test_tolerance_is_relative_to_the_payoff_range():
    # a margin of 1e-12 on a payoff range of 1 is below the default tolerance
    game = bg.Game.bimatrix([[0, 1], [1e-12, 1 + 1e-12]], [[0, 0], [0, 0]])
    assert not is_strictly_dominated(game, 0, 0)
    assert is_strictly_dominated(game, 0, 0, tol=1e-13)
    # the same game scaled up keeps its answers
    big = game.replace(payoffs=game.payoffs * 1e6)
    assert not is_strictly_dominated(big, 0, 0)
    assert is_strictly_dominated(big, 0, 0, tol=1e-13)


def test_result_record():
    result = iterated_elimination(gibbons_game())
    assert isinstance(result, Elimination)
    assert repr(result).splitlines() == [
        "Elimination(3 strategies removed in 2 rounds, dominated by pure or mixed strategies; "
        "kept Row: Up; Col: Middle)",
        "  round 1: Col drops Right",
        "  round 2: Row drops Down",
        "  round 2: Col drops Left",
    ]
    assert repr(iterated_elimination(hedge_game(), mixed=False)).startswith(
        "Elimination(0 strategies removed in 0 rounds, dominated by pure strategies; "
        "kept Row: Top, Middle, Hedge; Col: Left, Right)"
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.kept = ()
    with pytest.raises(ValueError, match="read-only"):
        result.game.payoffs[0, 0, 0] = 5.0


# ---------------------------------------------------------------- properties


@st.composite
def bimatrix_games(draw):
    m = draw(st.integers(1, 4))
    n = draw(st.integers(1, 4))
    payoffs = draw(arrays(np.int64, (2, m, n), elements=st.integers(-4, 4)))
    return bg.Game(payoffs)


@st.composite
def small_games(draw):
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=1, max_size=3)))
    payoffs = draw(arrays(np.int64, (len(shape), *shape), elements=st.integers(-3, 3)))
    return bg.Game(payoffs)


def _embed(game, kept, profile):
    """A profile of the reduced game as one of the original (zero on removed strategies)."""
    out = []
    for m, k, p in zip(game.shape, kept, profile):
        full = np.zeros(m)
        full[list(k)] = p
        out.append(full)
    return tuple(out)


@settings(max_examples=100, deadline=None)
@given(bimatrix_games())
def test_elimination_keeps_exactly_the_nash_equilibria(game):
    result = iterated_elimination(game)
    kept = result.kept
    original = bg.equilibria(game)
    # no Nash equilibrium plays a strategy that iterated strict dominance removes
    for eq in original:
        for m, k, p in zip(game.shape, kept, eq.profile):
            removed = np.setdiff1d(np.arange(m), k)
            assert np.all(p[removed] <= WEIGHT_TOL)
    # every equilibrium of the reduced game is one of the original
    reduced = bg.equilibria(result.game)
    for eq in reduced:
        assert bg.is_equilibrium(game, _embed(game, kept, eq.profile))
    # and in a nondegenerate game (finitely many equilibria, all found) the two lists agree
    if not original.degenerate:
        assert len(reduced) == len(original)
        lifted = sorted(np.concatenate(_embed(game, kept, eq.profile)).round(6).tolist() for eq in reduced)
        found = sorted(np.concatenate(eq.profile).round(6).tolist() for eq in original)
        np.testing.assert_allclose(lifted, found, atol=PROB_TOL)


@settings(max_examples=60, deadline=None)
@given(small_games())
def test_pure_equilibria_of_n_player_games_survive(game):
    result = iterated_elimination(game)
    for eq in bg.pure_equilibria(game):
        cell = [int(np.argmax(p)) for p in eq.profile]
        assert all(s in k for s, k in zip(cell, result.kept))


@settings(max_examples=60, deadline=None)
@given(small_games(), st.data())
def test_order_of_players_does_not_matter(game, data):
    # Gilboa, Kalai and Zemel (1990): the outcome of iterated strict dominance does not depend on the
    # order of removal. Relabelling the players changes the order in which they are visited.
    n = game.n_players
    perm = data.draw(st.permutations(range(n)))
    payoffs = np.stack([np.transpose(game.payoffs[perm[j]], perm) for j in range(n)])
    permuted = iterated_elimination(bg.Game(payoffs))
    original = iterated_elimination(game)
    assert permuted.kept == tuple(original.kept[perm[j]] for j in range(n))


@settings(max_examples=40, deadline=None)
@given(small_games(), st.data())
def test_removing_one_strategy_at_a_time_in_any_order_gives_the_same_game(game, data):
    # Gilboa, Kalai and Zemel (1990), as above: here one strictly dominated strategy at a time, chosen
    # at random among those dominated in the current subgame, until none is left
    kept = [list(range(m)) for m in game.shape]
    while True:
        sub = bg.Game(game.payoffs[np.ix_(range(game.n_players), *kept)])
        candidates = [
            (i, k) for i in range(game.n_players) for k in range(len(kept[i]))
            if is_strictly_dominated(sub, i, k)
        ]
        if not candidates:
            break
        i, k = data.draw(st.sampled_from(candidates))
        del kept[i][k]
    assert iterated_elimination(game).kept == tuple(tuple(k) for k in kept)


@settings(max_examples=60, deadline=None)
@given(small_games())
def test_mixed_dominance_removes_at_least_what_pure_dominance_removes(game):
    mixed, pure = iterated_elimination(game), iterated_elimination(game, mixed=False)
    assert all(set(a) <= set(b) for a, b in zip(mixed.kept, pure.kept))
    # and at the end nothing left is dominated
    for i, names in enumerate(mixed.game.strategies):
        assert not any(is_strictly_dominated(mixed.game, i, s) for s in names)


def test_pure_dominance_matches_pygambit():
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(11)
    for _ in range(30):
        payoffs = rng.integers(-3, 4, size=(2, 4, 4))
        game = gbt.Game.from_arrays(*payoffs)
        support = game.strategy_support_profile()
        while True:
            smaller = gbt.supports.undominated_strategies_solve(support, strict=True)
            if len(list(smaller)) == len(list(support)):
                break
            support = smaller
        expected = tuple(
            tuple(k for k, s in enumerate(player.strategies) if s in support) for player in game.players
        )
        assert iterated_elimination(bg.Game(payoffs), mixed=False).kept == expected


# ---------------------------------------------------------------- bad inputs


def test_bad_inputs():
    game = prisoners_dilemma()
    with pytest.raises(bg.errors.InvalidArgumentError, match="tol must be > 0; got 0"):
        iterated_elimination(game, tol=0)
    with pytest.raises(bg.errors.InvalidArgumentError, match="tol must be > 0; got -1"):
        is_strictly_dominated(game, 0, 0, tol=-1)
    with pytest.raises(bg.errors.InvalidProfileError,
                       match=r"player must be one of \['Row', 'Col'\]; got 'Bureau'"):
        is_strictly_dominated(game, "Bureau", "C")
    with pytest.raises(bg.errors.InvalidProfileError, match="strategy of player 'Row' must be one of"):
        is_strictly_dominated(game, "Row", "Swerve")
    with pytest.raises(bg.errors.InvalidProfileError, match=r"must be an index in \[0, 1\]"):
        is_strictly_dominated(game, 0, 2)
    with pytest.raises(bg.errors.ArgumentTypeError, match="game must be a bargain.Game; got list"):
        iterated_elimination([[1, 2]])
    with pytest.raises(bg.errors.ArgumentTypeError, match="game must be a bargain.Game; got dict"):
        is_strictly_dominated({}, 0, 0)
