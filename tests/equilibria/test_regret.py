"""Regret, the equilibrium test and best responses."""

import numpy as np
import pytest

import bargain as bg
from bargain.errors import ArgumentTypeError, InvalidArgumentError, InvalidProfileError

PENNIES = bg.Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], strategies=(("H", "T"), ("H", "T")))


def test_regret_by_hand():
    # Row plays 0.75 H: Column's payoffs are H: -0.5, T: 0.5; Column plays H, Row's are H: 1, T: -1
    r = bg.regret(PENNIES, ([0.75, 0.25], "H"))
    # Row gets 0.75*1 + 0.25*(-1) = 0.5, best 1 -> regret 0.5; Column gets -0.5, best 0.5 -> regret 1
    np.testing.assert_allclose(r, [0.5, 1.0])


def test_regret_three_players_by_hand():
    # payoff to each player: 1 if all three choose the same action
    same = np.zeros((2, 2, 2))
    same[0, 0, 0] = same[1, 1, 1] = 1
    g = bg.Game(np.stack([same] * 3))
    # P1 and P2 play action 0 with prob 0.5 and 0.4; P0 playing 1 gets 0.5*0.6 = 0.3, playing 0 gets 0.2
    r = bg.regret(g, (0, [0.5, 0.5], [0.4, 0.6]))
    assert r[0] == pytest.approx(0.1)


def test_is_equilibrium_uses_relative_tolerance():
    big = bg.Game.bimatrix(np.array([[1, -1], [-1, 1]]) * 1e6, np.array([[-1, 1], [1, -1]]) * 1e6)
    nearly = ([0.5 + 1e-12, 0.5 - 1e-12], [0.5, 0.5])
    assert bg.is_equilibrium(big, nearly)
    assert not bg.is_equilibrium(big, ([0.6, 0.4], [0.5, 0.5]))


def test_best_responses():
    assert bg.best_responses(PENNIES, ("H", "H"), player=0) == ("H",)
    assert bg.best_responses(PENNIES, ("H", [0.5, 0.5]), player="P0") == ("H", "T")


BAD_PROFILES = [
    pytest.param(("H",), InvalidProfileError, "one strategy per player \\(2\\); got 1", id="too-short"),
    pytest.param(([0.5, 0.6], "H"), InvalidProfileError, "probability vector", id="sum-not-one"),
    pytest.param(([1.5, -0.5], "H"), InvalidProfileError, "entries >= 0", id="negative"),
    pytest.param(([1, 0, 0], "H"), InvalidProfileError, "length 2; got shape \\(3,\\)", id="wrong-length"),
    pytest.param(("X", "H"), InvalidProfileError, "must be one of \\['H', 'T'\\]; got 'X'", id="unknown-name"),
    pytest.param((5, "H"), InvalidProfileError, "index in \\[0, 1\\]", id="index-out-of-range"),
    pytest.param(([np.nan, 1], "H"), InvalidProfileError, "probability vector", id="nan"),
    pytest.param("HH", ArgumentTypeError, "sequence with one mixed or pure strategy per player", id="string"),
]


@pytest.mark.parametrize("profile, error, message", BAD_PROFILES)
def test_bad_profiles(profile, error, message):
    with pytest.raises(error, match=message):
        bg.regret(PENNIES, profile)


def test_bad_tolerance():
    with pytest.raises(InvalidArgumentError, match="tol must be > 0; got -1"):
        bg.is_equilibrium(PENNIES, ("H", "H"), tol=-1)
    with pytest.raises(ArgumentTypeError, match="tol must be a real number"):
        bg.is_equilibrium(PENNIES, ("H", "H"), tol="small")
