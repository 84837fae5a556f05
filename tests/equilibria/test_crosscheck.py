"""``bg.equilibria`` against independent implementations: pygambit, quantecon and nashpy.

pygambit's ``enummixed_solve`` with ``rational=True`` enumerates the extreme equilibria in exact
arithmetic, so on every game (degenerate or not) our set must equal its set. quantecon's and
nashpy's support enumeration are complete only for nondegenerate games, where our set must contain
what they find. Payoffs are handed to pygambit as the exact rationals of the floats we solve.
"""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import bargain as bg

pygambit = pytest.importorskip("pygambit")

#: Probabilities against pygambit's exact rationals (converted to float).
PEER_ATOL = 1e-9
#: Probabilities against floating-point peers (quantecon, nashpy).
FLOAT_PEER_ATOL = 1e-7

PEER_SETTINGS = settings(max_examples=50, deadline=None)


def gambit_equilibria(game: bg.Game) -> list[tuple[list[float], list[float]]]:
    """All extreme equilibria by pygambit's enummixed, in exact arithmetic on the same payoffs."""
    exact = [np.vectorize(lambda v: Fraction(float(v)), otypes=[object])(M) for M in game.payoffs]
    peer = pygambit.Game.from_arrays(*exact)
    found = pygambit.nash.enummixed_solve(peer, rational=True).equilibria
    return [tuple([float(eq[s]) for s in player.strategies] for player in peer.players) for eq in found]


def quantecon_equilibria(game: bg.Game):
    qe = pytest.importorskip("quantecon.game_theory")
    A, B = game.payoffs
    return qe.support_enumeration(qe.NormalFormGame((qe.Player(A), qe.Player(B.T))))


def nashpy_equilibria(game: bg.Game):
    import nashpy

    with warnings.catch_warnings():
        # nashpy warns when it finds an even number of equilibria, which its own float tolerance
        # can cause on nondegenerate games too; what it does return must still be among ours
        warnings.simplefilter("ignore", RuntimeWarning)
        return list(nashpy.Game(*game.payoffs).support_enumeration())


@st.composite
def integer_games(draw, low=-3, high=3, max_size=5):
    """Small integer games; ties are common, so many are degenerate."""
    shape = (draw(st.integers(1, max_size)), draw(st.integers(1, max_size)))
    entries = st.integers(low, high)
    return bg.Game.bimatrix(draw(arrays(np.int64, shape, elements=entries)),
                            draw(arrays(np.int64, shape, elements=entries)))


@st.composite
def dyadic_games(draw, max_size=5):
    """Float games whose payoffs (k / 8, scaled and shifted by powers of two) are exact in binary."""
    shape = (2, draw(st.integers(2, max_size)), draw(st.integers(2, max_size)))
    k = draw(arrays(np.int64, shape, elements=st.integers(-16, 16)))
    scale = 2.0 ** draw(st.integers(-20, 20))
    return bg.Game(k / 8 * scale + draw(st.integers(-4, 4)) * scale)


@st.composite
def generic_games(draw, min_size=2, max_size=5):
    """Games with independent continuous payoffs: nondegenerate with probability one."""
    shape = (2, draw(st.integers(min_size, max_size)), draw(st.integers(min_size, max_size)))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return bg.Game(rng.uniform(-10, 10, size=shape) * 10.0 ** draw(st.integers(-3, 6)))


@st.composite
def games_with_costly_dominated_strategies(draw):
    """Integer games (at most 3x3) plus a row and a column strictly dominated by about 1e5.

    The payoff range becomes ~1e5 while the block's ties stay far apart relative to it, so
    equality with the exact solver is still expected at the default tolerance.
    """
    block = draw(integer_games(max_size=3))
    A, B = block.payoffs
    m, n = block.shape
    small = st.integers(0, 3)
    A2, B2 = np.zeros((m + 1, n + 1)), np.zeros((m + 1, n + 1))
    A2[:m, :n], B2[:m, :n] = A, B
    A2[:m, n] = draw(arrays(np.int64, m, elements=small))
    B2[m, :n] = draw(arrays(np.int64, n, elements=small))
    A2[m, :] = -1e5 - draw(arrays(np.int64, n + 1, elements=small))
    B2[:, n] = -1e5 - draw(arrays(np.int64, m + 1, elements=small))
    return bg.Game.bimatrix(A2, B2)


# --------------------------------------------------------------------------------- pygambit
def test_von_stengel_1999_equilibria_match_pygambit(von_stengel_1999, profile_sets):
    expected = gambit_equilibria(von_stengel_1999)
    assert len(expected) == 75
    profile_sets.assert_equal(bg.equilibria(von_stengel_1999), expected, PEER_ATOL)


@pytest.mark.parametrize("A, B", [
    ([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]]),                   # von Stengel 2007, sec. 3.6
    ([[1, 1, 0], [1, 1, 0], [0, 0, 1]], [[1, 1, 0], [1, 1, 0], [0, 0, 1]]),  # duplicated rows and columns
    ([[0, 0, 0, 0]] * 4, [[0, 0, 0, 0]] * 4),                               # every profile an equilibrium
    ([[1, 0, 1], [0, 1, 1], [1, 1, 0]], [[1, 1, 0], [1, 0, 1], [0, 1, 1]]),
], ids=["vonStengel2007-sec3.6", "duplicated-strategies", "all-zero-4x4", "ties-3x3"])
def test_degenerate_games_match_pygambit(A, B, profile_sets):
    game = bg.Game.bimatrix(A, B)
    eqs = bg.equilibria(game)
    assert eqs.degenerate
    profile_sets.assert_equal(eqs, gambit_equilibria(game), PEER_ATOL)


@PEER_SETTINGS
@given(game=integer_games())
def test_integer_games_match_pygambit(game, profile_sets):
    profile_sets.assert_equal(bg.equilibria(game), gambit_equilibria(game), PEER_ATOL)


@PEER_SETTINGS
@given(game=integer_games(low=0, high=1, max_size=6))
def test_zero_one_games_match_pygambit(game, profile_sets):
    # payoffs in {0, 1}: almost every such game is degenerate, with many extreme equilibria
    profile_sets.assert_equal(bg.equilibria(game), gambit_equilibria(game), PEER_ATOL)


@PEER_SETTINGS
@given(game=dyadic_games())
def test_dyadic_float_games_match_pygambit(game, profile_sets):
    profile_sets.assert_equal(bg.equilibria(game), gambit_equilibria(game), PEER_ATOL)


@PEER_SETTINGS
@given(game=generic_games())
def test_generic_float_games_match_pygambit(game, profile_sets):
    eqs = bg.equilibria(game)
    assert not eqs.degenerate
    profile_sets.assert_equal(eqs, gambit_equilibria(game), PEER_ATOL)


@PEER_SETTINGS
@given(game=games_with_costly_dominated_strategies())
def test_games_with_a_wide_payoff_range_match_pygambit(game, profile_sets):
    profile_sets.assert_equal(bg.equilibria(game), gambit_equilibria(game), PEER_ATOL)


def test_batch_matches_pygambit_game_by_game(profile_sets):
    payoffs = np.random.default_rng(7).integers(-2, 3, size=(40, 2, 4, 4)).astype(float)
    for eqs, p in zip(bg.equilibria_batch(payoffs), payoffs):
        profile_sets.assert_equal(eqs, gambit_equilibria(bg.Game(p)), PEER_ATOL)


# --------------------------------------------------------------------------------- quantecon, nashpy
NONDEGENERATE = [
    pytest.param([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]], id="vonStengel2007-3x2"),
    pytest.param([[3, 0], [0, 2]], [[2, 0], [0, 3]], id="battle-of-the-sexes"),
    pytest.param(np.eye(4), np.eye(4), id="coordination-4x4"),
]


@pytest.mark.parametrize("A, B", NONDEGENERATE)
def test_known_nondegenerate_games_contain_quantecon_and_nashpy(A, B, profile_sets):
    game = bg.Game.bimatrix(A, B)
    eqs = bg.equilibria(game)
    profile_sets.assert_contains(eqs, quantecon_equilibria(game), FLOAT_PEER_ATOL)
    profile_sets.assert_contains(eqs, nashpy_equilibria(game), FLOAT_PEER_ATOL)


def test_von_stengel_1999_contains_quantecon(von_stengel_1999, profile_sets):
    found = quantecon_equilibria(von_stengel_1999)
    assert len(found) == 75
    profile_sets.assert_contains(bg.equilibria(von_stengel_1999), found, FLOAT_PEER_ATOL)


@PEER_SETTINGS
@given(game=generic_games())
def test_generic_games_contain_quantecon(game, profile_sets):
    found = quantecon_equilibria(game)
    assert found  # a nondegenerate game has an equilibrium, and support enumeration finds it
    profile_sets.assert_contains(bg.equilibria(game), found, FLOAT_PEER_ATOL)


@settings(max_examples=25, deadline=None)
@given(game=generic_games(max_size=4))
def test_generic_games_contain_nashpy(game, profile_sets):
    found = nashpy_equilibria(game)
    profile_sets.assert_contains(bg.equilibria(game), found, FLOAT_PEER_ATOL)
