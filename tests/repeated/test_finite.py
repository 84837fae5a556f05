"""Tests of bargain.repeated.finite: subgame-perfect outcomes of finitely repeated games."""

from __future__ import annotations

import numpy as np
import pytest

import bargain as bg
from bargain.errors import InvalidArgumentError
from bargain.repeated.finite import finitely_repeated

PAYOFF_TOL = 1e-9

PD = bg.Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D")))
# Gibbons (1992), Section 2.3.A: stage equilibria (T, L) = (1, 1), (B, R) = (3, 3) and a mixed one
# (3/4 T + 1/4 B, 3/4 L + 1/4 R) with payoffs (3/4, 3/4).
GIBBONS = bg.Game.bimatrix(
    [[1, 5, 0], [0, 4, 0], [0, 0, 3]], [[1, 0, 0], [5, 4, 0], [0, 0, 3]],
    strategies=(("T", "M", "B"), ("L", "C", "R")),
)


def test_unique_stage_equilibrium_is_played_every_round():
    result = finitely_repeated(PD, 4)
    assert result.unique_stage_equilibrium
    assert result.first_round == (("D", "D"),)
    assert result.paths[("D", "D")] == (("D", "D"),) * 4
    np.testing.assert_allclose(result.payoffs, [[4.0, 4.0]], atol=PAYOFF_TOL)


def test_mixed_unique_equilibrium_sustains_no_pure_first_round():
    pennies = bg.Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    result = finitely_repeated(pennies, 3)
    assert result.first_round == ()
    np.testing.assert_allclose(result.payoffs, [[0.0, 0.0]], atol=PAYOFF_TOL)


def test_gibbons_two_stage_game():
    # (M, C) is played first, rewarded by (B, R); a deviation (gain 1) is punished by the mixed
    # equilibrium (loss 3 - 3/4). By hand, a first-round pure profile a is sustainable iff
    # u_i(a) + 3 >= d_i(a) + 3/4 for both players: TL, TC, ML, MC, BR qualify; TR, BL, MR, BC do not.
    result = finitely_repeated(GIBBONS, 2)
    assert set(result.first_round) == {("T", "L"), ("T", "C"), ("M", "L"), ("M", "C"), ("B", "R")}
    assert result.paths[("M", "C")] == (("M", "C"), ("B", "R"))
    assert len(result.stage_equilibria) == 3
    one = finitely_repeated(GIBBONS, 1)
    assert set(one.first_round) == {("T", "L"), ("B", "R")}
    np.testing.assert_allclose(sorted(map(tuple, one.payoffs)), [(0.75, 0.75), (1, 1), (3, 3)], atol=PAYOFF_TOL)


def test_three_players_pure():
    # a 3-player coordination game: everyone gets 1 at (s0, s0, s0), 2 at (s1, s1, s1), else 0.
    # Pure equilibria: the two matches. Two rounds: a first-round profile is sustained iff each
    # player's one-shot gain is <= 2 - 1 (reward minus punishment). With one player on s1 alone, it
    # gains 1 by joining s0 (ok) and the others gain nothing; with one player on s0 alone, it gains 2.
    payoffs = np.zeros((3, 2, 2, 2))
    payoffs[:, 0, 0, 0] = 1
    payoffs[:, 1, 1, 1] = 2
    result = finitely_repeated(bg.Game(payoffs), 2)
    assert set(result.first_round) == {
        ("s0", "s0", "s0"), ("s1", "s1", "s1"), ("s1", "s0", "s0"), ("s0", "s1", "s0"), ("s0", "s0", "s1")
    }
    assert result.paths[("s1", "s0", "s0")] == (("s1", "s0", "s0"), ("s1", "s1", "s1"))
    assert len(result.stage_equilibria) == 2


def test_bad_inputs():
    for rounds in (0, -1, 1.5, True):
        with pytest.raises(InvalidArgumentError, match="rounds must be an integer >= 1"):
            finitely_repeated(PD, rounds)
