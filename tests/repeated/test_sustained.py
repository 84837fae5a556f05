"""sustained_outcomes agrees with critical_delta, cell by cell, on random games."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain import repeated
from bargain.errors import InvalidArgumentError

MARGIN = 1e-6  # discount factors this close to a threshold are not compared


def _worst_equilibrium_profiles(game):
    eqs = bg.equilibria(game)
    return {i: min(eqs, key=lambda eq: eq.payoffs[i]).profile for i in (0, 1)}


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), m=st.integers(1, 4), n=st.integers(1, 4), delta=st.floats(0.05, 0.95))
def test_nash_reversion_agrees_with_a_one_shot_deviation_check_of_grim_trigger(seed, m, n, delta):
    # Independent of sustained_outcomes' closed form: build the grim-trigger automata (each deviator
    # reverts to its worst stage equilibrium) and check them with is_subgame_perfect. Where the
    # closed-form critical delta is finite the outcome is sustained exactly from it on (away from
    # the threshold); where it is inf an outcome may still be sustained at low delta (the deviator
    # would prefer the punishment), which only the automaton check sees.
    rng = np.random.default_rng(seed)
    game = bg.Game.bimatrix(rng.integers(-4, 5, (m, n)), rng.integers(-4, 5, (m, n)))
    table = repeated.sustained_outcomes(game, delta)
    punish = _worst_equilibrium_profiles(game)
    for r in range(m):
        for c in range(n):
            names = (game.strategies[0][r], game.strategies[1][c])
            automata = repeated.grim_trigger(names, punish)
            assert table[r, c] == repeated.is_subgame_perfect(game, automata, delta).ok, (r, c)
            threshold = repeated.critical_delta(game, (r, c)).delta
            if np.isfinite(threshold) and abs(threshold - delta) > MARGIN:
                assert table[r, c] == (threshold <= delta), (r, c, threshold)


@pytest.mark.parametrize("delta", [0.3, 0.55, 0.8])
def test_optimal_codes_match_critical_delta_optimal_on_the_prisoners_dilemma(delta):
    # Cooperation needs delta >= 1/2 (the worst SPE payoff is the stage Nash payoff 1 here).
    pd = bg.Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    table = repeated.sustained_outcomes(pd, delta, punishment="optimal")
    assert table[0, 0] == (delta >= 0.5)
    assert table[1, 1] and not table[0, 1] and not table[1, 0]


def test_a_stage_best_reply_with_a_worse_deviation_is_checked_against_the_other_strategies():
    # Row's payoff 0 at (0, 0) is a best reply; its only deviation gives -10. The column player's
    # worst equilibrium payoff is what matters for column; row is never tempted.
    game = bg.Game.bimatrix([[0], [-10]], [[1], [0]])
    assert repeated.sustained_outcomes(game, 0.9).tolist() == [[True], [False]]


def test_bad_inputs():
    pd = bg.Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    with pytest.raises(InvalidArgumentError, match="punishment must be 'nash' or 'optimal'; got 'grim'"):
        repeated.sustained_outcomes(pd, 0.5, punishment="grim")
    with pytest.raises(InvalidArgumentError, match="delta"):
        repeated.sustained_outcomes(pd, 1.0)
