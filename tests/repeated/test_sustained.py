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


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), m=st.integers(1, 4), n=st.integers(1, 4), delta=st.floats(0.05, 0.95))
def test_nash_reversion_matches_the_critical_delta_of_each_cell(seed, m, n, delta):
    rng = np.random.default_rng(seed)
    game = bg.Game.bimatrix(rng.integers(-4, 5, (m, n)), rng.integers(-4, 5, (m, n)))
    table = repeated.sustained_outcomes(game, delta)
    for r in range(m):
        for c in range(n):
            threshold = repeated.critical_delta(game, (r, c)).delta
            if abs(threshold - delta) > MARGIN:
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
