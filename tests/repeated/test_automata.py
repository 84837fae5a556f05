"""Tests of bargain.repeated.automata: automaton strategies, play, exact SPE and Nash checks."""

from __future__ import annotations

import math

import numpy as np
import pytest

import bargain as bg
from bargain.errors import ArgumentTypeError, InvalidArgumentError
from bargain.repeated.automata import (
    Automaton,
    carrot_and_stick,
    forgiving_trigger,
    grim_trigger,
    is_nash,
    is_subgame_perfect,
    play,
    tit_for_tat,
)

STEP = 1e-6  # distance from a threshold at which the checks must flip
VALUE_TOL = 1e-12

NAMES = (("C", "D"), ("C", "D"))
PD = bg.Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=NAMES)  # T=5, R=3, P=1, S=0
PD4 = bg.Game.bimatrix([[3, 0], [4, 1]], [[3, 4], [0, 1]], strategies=NAMES)  # T=4, R=3, P=1, S=0
GRIM = grim_trigger(("C", "C"), ("D", "D"))
TFT = tit_for_tat(("C", "C"), ("D", "D"))


def test_grim_trigger_prisoners_dilemma():
    # SPE iff delta >= (T - R) / (T - P) = 1/2 (Mailath and Samuelson 2006, Section 2.4.1)
    assert is_subgame_perfect(PD, GRIM, 0.5).ok
    assert is_subgame_perfect(PD, GRIM, 0.9).ok
    check = is_subgame_perfect(PD, GRIM, 0.5 - STEP)
    assert not check.ok
    assert {(d.states, d.player, d.action) for d in check.deviations} == {
        (("cooperate", "cooperate"), "P0", "D"),
        (("cooperate", "cooperate"), "P1", "D"),
    }
    # gain of a one-shot deviation at delta: (1 - delta) * 5 + delta * 1 - 3
    delta = 0.4
    gains = [d.gain for d in is_subgame_perfect(PD, GRIM, delta).deviations]
    np.testing.assert_allclose(gains, [(1 - delta) * 5 + delta - 3] * 2, atol=VALUE_TOL)
    # both automata read the same public profile, so only (cooperate, cooperate) and (punish, punish)
    # are reachable, on or off the path
    assert check.states_checked == (("cooperate", "cooperate"), ("punish", "punish"))


def test_tit_for_tat_is_subgame_perfect_only_at_a_knife_edge():
    # Mailath and Samuelson (2006), Section 2.4.3: TFT is subgame perfect iff
    # delta = (T - R) / (R - S) = (P - S) / (T - P). For T=4, R=3, P=1, S=0 both equal 1/3.
    assert is_subgame_perfect(PD4, TFT, 1 / 3).ok
    for delta in (1 / 3 - 1e-4, 1 / 3 + 1e-4, 0.1, 0.9):
        assert not is_subgame_perfect(PD4, TFT, delta).ok
    # For T=5, R=3, P=1, S=0 the two conditions differ (2/3 vs 1/4): never subgame perfect.
    for delta in np.linspace(0.05, 0.95, 19):
        assert not is_subgame_perfect(PD, TFT, delta).ok


def test_tit_for_tat_nash_threshold():
    # On the path only (C, C): the best deviations are "always D", (1 - d) T + d P, needing
    # d >= (T - R)/(T - P) = 1/2, and alternation, (T + d S)/(1 + d), needing d >= (T - R)/(R - S) = 2/3.
    assert is_nash(PD, TFT, 2 / 3 + STEP).ok
    check = is_nash(PD, TFT, 2 / 3 - 1e-3)
    assert not check.ok
    delta = 2 / 3 - 1e-3
    np.testing.assert_allclose(check.deviations[0].gain, (5 + delta * 0) / (1 + delta) - 3, atol=1e-9)
    assert len(check.states_checked) == 1


def test_forgiving_trigger_thresholds():
    # k periods of (D, D): (1 - d)(T - R) <= (d - d^(k+1))(R - P). With T=5, R=3, P=1:
    # k = 1 needs d >= 1 (never); k = 2 needs d (1 + d) >= 1, d >= (sqrt 5 - 1)/2.
    golden = (math.sqrt(5) - 1) / 2
    two = forgiving_trigger(("C", "C"), ("D", "D"), periods=2)
    assert is_subgame_perfect(PD, two, golden + STEP).ok
    assert not is_subgame_perfect(PD, two, golden - STEP).ok
    one = forgiving_trigger(("C", "C"), ("D", "D"), periods=1)
    assert not is_subgame_perfect(PD, one, 0.99).ok


def test_carrot_and_stick():
    # PD4 with the stick (D, D): carrot needs (1 - d)(T - R) <= d (1 - d)(R - P), d >= 1/2; in the stick
    # state complying gives (1 - d) P + d R and deviating (1 - d) S + d ((1 - d) P + d R): always fine.
    cs = carrot_and_stick(("C", "C"), ("D", "D"))
    assert is_subgame_perfect(PD4, cs, 0.5).ok
    assert not is_subgame_perfect(PD4, cs, 0.5 - STEP).ok
    assert not is_subgame_perfect(PD, cs, 0.99).ok  # (T - R)/(R - P) = 1 for the T=5 game


def test_carrot_and_stick_with_a_stick_below_nash():
    # A PD with a third, mutually harmful action X:
    #          C       D       X
    #   C    3, 3    0, 4   -1, -1
    #   D    4, 0    1, 1   -1, -1
    #   X   -1, -1  -1, -1  -2, -2
    # Stick (X, X). Carrot: 3 >= (1 - d) 4 + d ((1 - d)(-2) + 3 d)  <=>  5 d^2 - 6 d + 1 <= 0  <=>  d >= 1/5.
    # Stick: best deviation is to C or D (payoff -1), restarting the stick:
    # (1 - d)(-2) + 3 d >= (1 - d)(-1) + d ((1 - d)(-2) + 3 d)  <=>  5 d^2 - 6 d + 1 <= 0 as well.
    A = [[3, 0, -1], [4, 1, -1], [-1, -1, -2]]
    game = bg.Game.bimatrix(A, np.array(A).T, strategies=(("C", "D", "X"),) * 2)
    cs = carrot_and_stick(("C", "C"), ("X", "X"))
    assert is_subgame_perfect(game, cs, 0.2).ok
    assert is_subgame_perfect(game, cs, 0.7).ok
    assert not is_subgame_perfect(game, cs, 0.2 - STEP).ok
    # Nash reversion to (D, D) needs (T - R)/(T - P) = 1/3 > 1/5: the stick punishes harder.
    assert not is_subgame_perfect(game, grim_trigger(("C", "C"), ("D", "D")), 0.3).ok


def test_play_path_and_values():
    result = play(PD, (TFT[0], Automaton.always("D")), 4, delta=0.5)
    assert result.path == (("C", "D"), ("D", "D"), ("D", "D"), ("D", "D"))
    np.testing.assert_allclose(result.payoffs, [0.5 * (0.5 + 0.25 + 0.125), 0.5 * 5 + 0.5 * (0.5 + 0.25 + 0.125)])
    # exact infinite-horizon values: row 0 then 1 forever -> delta; column 5 then 1 -> 5(1-d) + d
    np.testing.assert_allclose(result.value, [0.5, 3.0], atol=VALUE_TOL)
    averages = play(PD, GRIM, 3)
    assert averages.delta is None and list(averages.payoffs) == [3.0, 3.0]


def test_mixed_actions():
    pennies = bg.Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    stage_ne = (Automaton.always([0.5, 0.5]), Automaton.always([0.5, 0.5]))
    assert is_subgame_perfect(pennies, stage_ne, 0.9).ok and is_nash(pennies, stage_ne, 0.9).ok
    off = (Automaton.always([0.6, 0.4]), Automaton.always([0.5, 0.5]))
    assert not is_subgame_perfect(pennies, off, 0.9).ok  # the column gains by playing s1
    with pytest.raises(InvalidArgumentError, match="play needs pure automata"):
        play(pennies, stage_ne, 3)


def test_bad_inputs():
    for delta in (0, 1, 1.3, -0.1):
        with pytest.raises(InvalidArgumentError, match=r"delta must be in \(0, 1\)"):
            is_subgame_perfect(PD, GRIM, delta)
    with pytest.raises(ArgumentTypeError, match="delta must be a real number"):
        is_nash(PD, GRIM, "0.5")
    incomplete = Automaton(("c", "d"), "c", {"c": "C", "d": "D"}, {"c": {("C", "C"): "c"}, "d": {"*": "d"}})
    with pytest.raises(InvalidArgumentError, match=r"incomplete transition table, state 'c' has no entry"):
        is_subgame_perfect(PD, (incomplete, GRIM[1]), 0.6)
    with pytest.raises(InvalidArgumentError, match="moves to unknown state 'x'"):
        Automaton(("c",), "c", {"c": "C"}, {"c": {"*": "x"}})
    with pytest.raises(InvalidArgumentError, match="initial state 'x' is not one of the states"):
        Automaton(("c",), "x", {"c": "C"}, {"c": {"*": "c"}})
    with pytest.raises(InvalidArgumentError, match="no transition table"):
        Automaton(("c", "d"), "c", {"c": "C", "d": "D"}, {"c": {"*": "c"}})
    with pytest.raises(InvalidArgumentError, match="unknown action 'Z'"):
        is_subgame_perfect(PD, (Automaton.always("Z"), GRIM[1]), 0.6)
    bad_key = Automaton(("c",), "c", {"c": "C"}, {"c": {("C", "Q"): "c", "*": "c"}})
    with pytest.raises(InvalidArgumentError, match="names unknown action 'Q'"):
        is_nash(PD, (bad_key, GRIM[1]), 0.6)
    ambiguous = Automaton(("c", "d"), "c", {"c": "C", "d": "D"},
                          {"c": {("C", "*"): "c", ("*", "C"): "d", "*": "c"}, "d": {"*": "d"}})
    with pytest.raises(InvalidArgumentError, match="ambiguous transition table"):
        is_subgame_perfect(PD, (ambiguous, GRIM[1]), 0.6)
    with pytest.raises(InvalidArgumentError, match="one automaton per player"):
        is_subgame_perfect(PD, GRIM[:1], 0.6)
    three = bg.Game(np.zeros((3, 2, 2, 2)))
    with pytest.raises(InvalidArgumentError, match="tit_for_tat is for two players"):
        tit_for_tat(("C", "C", "C"), ("D", "D", "D"))
    with pytest.raises(InvalidArgumentError, match="one automaton per player"):
        is_subgame_perfect(three, GRIM, 0.6)
    with pytest.raises(InvalidArgumentError, match="periods must be an integer >= 1"):
        forgiving_trigger(("C", "C"), ("D", "D"), periods=0)
