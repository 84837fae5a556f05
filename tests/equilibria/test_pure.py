"""Pure-strategy equilibria of n-player games."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import bargain as bg


def _profiles(eqs):
    return sorted(tuple(int(np.argmax(p)) for p in eq.profile) for eq in eqs)


KNOWN = [
    # (id citing the source, game factory, expected pure equilibria as strategy indices)
    pytest.param(lambda: bg.Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]), [(1, 1)],
                 id="prisoners-dilemma-Axelrod1984"),
    pytest.param(lambda: bg.Game.bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]]), [(0, 0), (1, 1)],
                 id="battle-of-the-sexes-LuceRaiffa1957"),
    pytest.param(lambda: bg.Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]), [],
                 id="matching-pennies-none"),
    # three players each choosing 0 or 1, paid 1 if all three match: equilibria are the unanimous profiles
    pytest.param(lambda: bg.Game(np.stack([np.eye(2)[:, :, None] * np.eye(2)[None, :, :]] * 3)),
                 [(0, 0, 0), (1, 1, 1)], id="three-player-unanimity"),
]


@pytest.mark.parametrize("make, expected", KNOWN)
def test_known_pure_equilibria(make, expected):
    assert _profiles(bg.pure_equilibria(make())) == sorted(expected)


def test_result_record():
    eqs = bg.pure_equilibria(bg.Game.bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]]))
    assert eqs.method == "pure" and not eqs.degenerate
    assert eqs[1].payoffs.tolist() == [2.0, 3.0]
    assert eqs[1].support == (("s1",), ("s1",))
    assert eqs[1].is_pure


def test_ties_flag_degeneracy():
    assert bg.pure_equilibria(bg.Game.bimatrix([[1, 1]], [[1, 1]])).degenerate


game_shapes = st.lists(st.integers(1, 3), min_size=1, max_size=4)


@st.composite
def small_integer_games(draw):
    shape = tuple(draw(game_shapes))
    payoffs = draw(arrays(np.int64, (len(shape), *shape), elements=st.integers(-2, 2)))
    return bg.Game(payoffs)


@settings(max_examples=150, deadline=None)
@given(small_integer_games())
def test_pure_equilibria_are_exactly_the_zero_regret_pure_profiles(game):
    # definition check through bg.regret, an independent code path (contraction, not axis maxima)
    expected = [
        cell for cell in itertools.product(*(range(m) for m in game.shape))
        if np.all(bg.regret(game, cell) <= 1e-12)
    ]
    assert _profiles(bg.pure_equilibria(game)) == sorted(expected)


def test_matches_pygambit_enumpure_on_random_three_player_games():
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(7)
    for _ in range(20):
        payoffs = rng.integers(-2, 3, size=(3, 3, 2, 3))
        game = gbt.Game.from_arrays(*payoffs)
        theirs = gbt.nash.enumpure_solve(game).equilibria
        expected = sorted(
            tuple(int(np.argmax([float(eq[s]) for s in p.strategies])) for p in game.players) for eq in theirs
        )
        assert _profiles(bg.pure_equilibria(bg.Game(payoffs))) == expected


def test_bad_inputs():
    with pytest.raises(bg.errors.ArgumentTypeError, match="game must be a bargain.Game; got list"):
        bg.pure_equilibria([[1, 2]])
    with pytest.raises(bg.errors.InvalidArgumentError, match="tol must be > 0; got 0"):
        bg.pure_equilibria(bg.Game.bimatrix([[1]], [[1]]), tol=0)
