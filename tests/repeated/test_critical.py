"""Tests of bargain.repeated.critical: critical discount factors under Nash reversion and given punishments."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import bargain as bg
from bargain.errors import InvalidArgumentError, InvalidProfileError, SolverError
from bargain.repeated.automata import Automaton, grim_trigger, is_subgame_perfect
from bargain.repeated.critical import CriticalDelta, critical_delta

DELTA_TOL = 1e-12  # closed forms and polished polynomial roots
STEP = 1e-6  # how far above/below a threshold the automaton checks look

PD = bg.Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D")))
PENNIES = bg.Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])


def test_prisoners_dilemma_closed_form():
    # delta* = (T - R) / (T - P) = (5 - 3) / (5 - 1) (Mailath and Samuelson 2006, Section 2.5.1)
    result = critical_delta(PD, ("C", "C"))
    assert result.delta == pytest.approx(0.5, abs=DELTA_TOL)
    np.testing.assert_allclose(result.per_player, [0.5, 0.5], atol=DELTA_TOL)
    np.testing.assert_allclose(result.punishment_payoffs, [1.0, 1.0])
    assert isinstance(result, CriticalDelta) and result.sustainable
    # the same with the punishment profile given, by index
    assert critical_delta(PD, (0, 0), punishment=(1, 1)).delta == pytest.approx(0.5, abs=DELTA_TOL)


@pytest.mark.parametrize(
    "T, R, P, expected",
    [(4, 3, 1, 1 / 3), (7, 6, 0, 1 / 7), (10, 3, 2, 7 / 8)],
    ids=["T4R3P1", "T7R6P0", "T10R3P2"],
)
def test_prisoners_dilemma_family(T, R, P, expected):
    game = bg.Game.bimatrix([[R, -1], [T, P]], [[R, T], [-1, P]])
    assert critical_delta(game, (0, 0)).delta == pytest.approx(expected, abs=DELTA_TOL)


def test_stage_equilibrium_and_never():
    assert critical_delta(PD, ("D", "D")).delta == 0.0
    # (C, D): the row gets S = 0 < P = 1, so it always prefers to defect; the column is content
    result = critical_delta(PD, ("C", "D"))
    assert result.delta == math.inf and not result.sustainable
    assert result.per_player[0] == math.inf and result.per_player[1] == 0.0
    assert "never" in repr(result)


def test_alternation_cycle_by_hand():
    # (C, D), (D, C), ... in the PD. Phase (C, D), row: 5 delta - (1 + delta) * 1 >= 0 -> delta >= 1/4;
    # phase (D, C), row: no gain from deviating; so 1/4 for both players.
    result = critical_delta(PD, [("C", "D"), ("D", "C")])
    np.testing.assert_allclose(result.per_player, [0.25, 0.25], atol=DELTA_TOL)


def test_asymmetric_cycle_by_hand():
    # (C, C), (D, C), ... in the PD. Row at (C, C): 3 + 5 d - (1 + d)(5 - 4 d) = 4 d^2 + 4 d - 2 >= 0
    # -> d >= (sqrt 3 - 1) / 2. Column at (C, C): 3 - (1 + d)(5 - 4 d) = 4 d^2 - d - 2 >= 0
    # -> d >= (1 + sqrt 33) / 8; column at (D, C): 3 d - (1 + d) = 2 d - 1 >= 0 -> d >= 1/2.
    result = critical_delta(PD, [("C", "C"), ("D", "C")])
    np.testing.assert_allclose(
        result.per_player, [(math.sqrt(3) - 1) / 2, (1 + math.sqrt(33)) / 8], atol=DELTA_TOL
    )
    assert result.delta == pytest.approx((1 + math.sqrt(33)) / 8, abs=DELTA_TOL)


def _cycle_automata(game: bg.Game, cycle, punish):
    """Grim trigger along a cycle: phase t plays cycle[t]; any deviation reverts to ``punish`` forever."""
    n = game.n_players
    states = tuple(f"phase {t}" for t in range(len(cycle))) + ("punish",)
    out = []
    for i in range(n):
        actions = {f"phase {t}": cycle[t][i] for t in range(len(cycle))}
        actions["punish"] = punish[i]
        transitions = {
            f"phase {t}": {tuple(cycle[t]): f"phase {(t + 1) % len(cycle)}", "*": "punish"}
            for t in range(len(cycle))
        }
        transitions["punish"] = {"*": "punish"}
        out.append(Automaton(states, "phase 0", actions, transitions))
    return out


def test_cycle_threshold_agrees_with_automaton_check():
    cycle = [("C", "C"), ("D", "C")]
    threshold = critical_delta(PD, cycle).delta
    automata = _cycle_automata(PD, cycle, ("D", "D"))
    assert is_subgame_perfect(PD, automata, threshold + STEP).ok
    assert not is_subgame_perfect(PD, automata, threshold - STEP).ok


def test_nash_reversion_uses_the_worst_equilibrium_for_each_deviator():
    # Battle-of-the-sexes-like stage game with a cooperative cell (C, C) = (4, 4):
    #          A      B      C
    #   A    3, 1   0, 0   5, 0
    #   B    0, 0   1, 3   0, 0
    #   C    0, 5   0, 0   4, 4
    # Stage equilibria: (A, A) (3, 1), (B, B) (1, 3) and a mixed one on {A, B} with payoffs (3/4, 3/4)
    # (indifference 3 q = 1 - q); the worst for each player is the mixed one:
    # delta_i = (5 - 4) / (5 - 3/4) = 4/17.
    A = [[3, 0, 5], [0, 1, 0], [0, 0, 4]]
    B = [[1, 0, 0], [0, 3, 0], [5, 0, 4]]
    game = bg.Game.bimatrix(A, B, strategies=(("A", "B", "C"),) * 2)
    result = critical_delta(game, ("C", "C"))
    np.testing.assert_allclose(result.punishment_payoffs, [0.75, 0.75], atol=1e-9)
    np.testing.assert_allclose(result.per_player, [4 / 17, 4 / 17], atol=1e-9)
    # reverting to (A, A) punishes the row less: (5 - 4) / (5 - 3) = 1/2; the column (5-4)/(5-1) = 1/4
    given = critical_delta(game, ("C", "C"), punishment=("A", "A"))
    np.testing.assert_allclose(given.per_player, [0.5, 0.25], atol=DELTA_TOL)
    # player-specific pure punishments: deviator 0 -> (B, B), deviator 1 -> (A, A): (5-4)/(5-1) each
    automata = grim_trigger(("C", "C"), {0: ("B", "B"), 1: ("A", "A")})
    assert is_subgame_perfect(game, automata, 0.25).ok
    assert not is_subgame_perfect(game, automata, 0.25 - STEP).ok


def test_punishment_better_than_the_path_is_no_deterrent():
    # Row at (s0, s1) gets -1 and cannot gain now (d = -1), but reverting to (s0, s0) pays it 0 > -1:
    # for delta > 0 the deviation gains delta * (0 - (-1)), so no delta < 1 sustains the path.
    game = bg.Game.bimatrix([[0, -1], [-1, -1]], [[-1, -1], [-1, -1]])
    result = critical_delta(game, (0, 1), punishment=(0, 0))
    assert result.per_player[0] == math.inf and result.per_player[1] == 0.0


def test_mixed_punishment_profile():
    # the mixed stage equilibrium of matching pennies as punishment: payoff 0 < 1 of (H, H) for the row,
    # but the column at (H, H) gets -1 <= 0: never.
    result = critical_delta(PENNIES, (0, 0), punishment=([0.5, 0.5], [0.5, 0.5]))
    assert result.per_player[0] == 0.0 and result.per_player[1] == math.inf


def test_bad_inputs():
    with pytest.raises(InvalidArgumentError, match="is not a stage Nash equilibrium"):
        critical_delta(PD, ("C", "C"), punishment=("C", "D"))
    with pytest.raises(InvalidArgumentError, match="punishment must be 'nash', 'optimal'"):
        critical_delta(PD, ("C", "C"), punishment="grim")
    with pytest.raises(InvalidProfileError, match="one strategy per player"):
        critical_delta(PD, ("C",))
    with pytest.raises(InvalidProfileError, match="must be one of"):
        critical_delta(PD, ("C", "X"))
    with pytest.raises(InvalidProfileError, match="pure strategies"):
        critical_delta(PD, ([0.5, 0.5], "C"))
    three = bg.Game(np.array([[[[0.0, 1], [1, 0]], [[1, 0], [0, 1]]]] * 3) * [[[[1]]], [[[-1]]], [[[1]]]])
    if len(bg.pure_equilibria(three)) == 0:
        with pytest.raises(SolverError, match="has none"):
            critical_delta(three, (0, 0, 0))


def test_optimal_delegates_or_explains():
    try:
        import bargain.repeated.spe  # noqa: F401
    except ImportError:
        with pytest.raises(SolverError, match="optimal penal codes need bargain.repeated.spe"):
            critical_delta(PD, ("C", "C"), punishment="optimal")
    else:
        # in the PD the worst SPE payoff is the minmax (1, 1) = Nash reversion, so the same threshold
        assert critical_delta(PD, ("C", "C"), punishment="optimal").delta == pytest.approx(0.5, abs=1e-6)


games_2x2_3x3 = st.tuples(st.integers(2, 3), st.integers(2, 3)).flatmap(
    lambda shape: arrays(np.int64, (2, *shape), elements=st.integers(-5, 5))
)


@settings(max_examples=40, deadline=None)
@given(games_2x2_3x3, st.data())
def test_threshold_matches_grim_trigger_check(payoffs, data):
    # Two independent routes to the same number: the closed form of critical_delta and the exact
    # one-shot-deviation check of grim-trigger automata reverting to a pure stage equilibrium.
    game = bg.Game(payoffs.astype(float))
    pure = bg.pure_equilibria(game)
    assume(len(pure) > 0)
    punish = tuple(int(np.argmax(p)) for p in pure[0].profile)
    target = (data.draw(st.integers(0, game.shape[0] - 1)), data.draw(st.integers(0, game.shape[1] - 1)))
    names = tuple(game.strategies[i][s] for i, s in enumerate(target))
    result = critical_delta(game, target, punishment=punish)
    threshold = result.delta
    automata = grim_trigger(names, punish)
    path = game.payoffs[(slice(None), *target)]
    punishes = bool(np.all(result.punishment_payoffs <= path))
    for delta in (0.05, 0.3, 0.6, 0.9, 0.99):
        # sustained at every delta at or above the threshold; when reversion really punishes
        # (p_i <= c_i) the incentive constraint is monotone in delta, so at none below it
        ok = is_subgame_perfect(game, automata, delta).ok
        if delta >= threshold:
            assert ok
        elif punishes:
            assert not ok
    if not punishes and threshold == math.inf:
        assert not is_subgame_perfect(game, automata, 1 - STEP).ok
    if STEP < threshold < 1 - STEP:
        assert is_subgame_perfect(game, automata, threshold + STEP).ok
        assert not is_subgame_perfect(game, automata, threshold - STEP).ok
