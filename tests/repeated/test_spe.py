"""Tests of bargain.repeated.spe: the pure-action SPE payoff set and optimal-penal-code critical deltas."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

import bargain as bg
from bargain.errors import ArgumentTypeError, InvalidArgumentError, InvalidProfileError, PlayerCountError
from bargain.repeated.spe import PayoffSet, critical_delta_optimal, spe_payoffs

#: Vertices must match known answers this closely (the accuracy promised by spe_payoffs).
VERTEX_TOL = 1e-6
#: Slack allowed in the independent feasibility checks (decompositions, feasible IR set).
CHECK_TOL = 1e-6
#: Critical discount factors are found by bisection to about 1e-9 and rounded to 7 decimals.
DELTA_TOL = 1e-6

PD = bg.Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D")))
MATCHING_PENNIES = bg.Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
BATTLE_OF_THE_SEXES = bg.Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
# Abreu and Sannikov (2014), Section 6 example, as used in QuantEcon.py's tests/test_repeated_game.py.
AS_GAME = bg.Game.bimatrix([[16, 3, 0], [21, 10, -1], [9, 5, -5]], [[9, 13, 3], [1, 4, 0], [0, -4, -15]])
AS_VERTICES_DELTA_03 = np.array(
    [
        [7.33770472e00, 1.09826253e01],
        [1.12568240e00, 2.80000000e00],
        [7.33770472e00, 0.0],
        [7.86308964e00, 0.0],
        [1.97917977e01, 2.80000000e00],
        [1.55630896e01, 9.10000000e00],
    ]
)


def assert_same_vertices(found: np.ndarray, expected, atol: float = VERTEX_TOL) -> None:
    """The two vertex lists hold the same points (in any order), each within ``atol``."""
    found, expected = np.asarray(found, float).reshape(-1, 2), np.asarray(expected, float).reshape(-1, 2)
    assert found.shape == expected.shape, f"{len(found)} vertices found, {len(expected)} expected:\n{found}"
    gaps = np.abs(found[:, None, :] - expected[None, :, :]).max(axis=2)
    assert gaps.min(axis=1).max() <= atol and gaps.min(axis=0).max() <= atol, f"\n{found}\nvs\n{expected}"


def assert_counter_clockwise(vertices: np.ndarray) -> None:
    if len(vertices) >= 3:
        edge = np.roll(vertices, -1, axis=0) - vertices
        turn = edge[:, 0] * np.roll(edge, -1, axis=0)[:, 1] - edge[:, 1] * np.roll(edge, -1, axis=0)[:, 0]
        assert (turn > 0).all(), vertices


# ---------------------------------------------------------------------------- known answers
# Prisoner's dilemma (T, R, P, S) = (5, 3, 1, 0); pure minmax 1 for both. Derivation:
# * (C, C) can be played at some history only if both continuations w_i >= 1 + 2(1-d)/d, so
#   w_0 + w_1 >= 2 + 4(1-d)/d, while feasible sums are <= 6: needs d >= 1/2. (3, 3) is generated
#   by (C, C) forever exactly when d >= 1/2.
# * Without (C, C), V lies in the triangle co{(1,1), (4,1), (1,4)} (feasible, IR, sum <= 5). (D, C)
#   needs the column's continuation w_1 >= 1/d, impossible when 1/d > 4: V = {(1, 1)} for d < 1/4.
# * For 1/4 <= d < 1/2, (4, 1) = (1-d)(5, 0) + d (5 - 1/d, 1/d) with the continuation on the
#   segment (1,4)-(4,1): V is the whole triangle.
# * For d >= 1/2, (13/3, 1) = (1-d)(5, 0) + d w with w on the edge (5,0)-(3,3) at w_1 = 1/d <= 3:
#   V is the feasible IR set co{(1,1), (13/3,1), (3,3), (1,13/3)}.
PD_POINT = [[1, 1]]
PD_TRIANGLE = [[1, 1], [4, 1], [1, 4]]
PD_FEASIBLE_IR = [[1, 1], [13 / 3, 1], [3, 3], [1, 13 / 3]]


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (0.05, PD_POINT),
        (0.2, PD_POINT),
        (0.24, PD_POINT),
        (0.26, PD_TRIANGLE),
        (0.3, PD_TRIANGLE),
        (0.45, PD_TRIANGLE),
        (0.5, PD_FEASIBLE_IR),
        (0.6, PD_FEASIBLE_IR),
        (0.9, PD_FEASIBLE_IR),
        (0.97, PD_FEASIBLE_IR),
    ],
    ids=lambda x: str(x) if isinstance(x, float) else f"{len(x)}-vertices",
)
def test_prisoners_dilemma_by_hand(delta, expected):
    result = spe_payoffs(PD, delta)
    assert_same_vertices(result.vertices, expected)
    assert result.dimension == min(len(expected), 3) - 1
    np.testing.assert_allclose(result.worst, [1, 1], atol=VERTEX_TOL)
    assert_counter_clockwise(result.vertices)


def test_abreu_sannikov_2014_example():
    result = spe_payoffs(AS_GAME, 0.3)
    assert_same_vertices(result.vertices, AS_VERTICES_DELTA_03)
    np.testing.assert_allclose(result.worst, [1.12568240, 0.0], atol=VERTEX_TOL)
    assert_counter_clockwise(result.vertices)


@pytest.mark.parametrize("delta", [0.1, 0.5, 0.65])
def test_battle_of_the_sexes_is_a_segment_below_two_thirds(delta):
    # Pure minmax is 1 for both; the feasible IR set is the triangle co{(1,1), (2,1), (1,2)}.
    # The two pure Nash payoffs (2, 1), (1, 2) are always in V. A point below their segment needs a
    # (0, 0) profile played, which needs continuations w_i >= 1 + (1-d)/d for both players, with
    # w_0 + w_1 <= 3: possible iff d >= 2/3. So V is the segment for d < 2/3 ...
    result = spe_payoffs(BATTLE_OF_THE_SEXES, delta)
    assert result.dimension == 1
    assert_same_vertices(result.vertices, [[2, 1], [1, 2]])
    assert result.contains([1.5, 1.5]) and not result.contains([1.5, 1.4])


@pytest.mark.parametrize("delta", [0.7, 0.95])
def test_battle_of_the_sexes_is_the_feasible_ir_triangle_from_two_thirds(delta):
    # ... and from d = 2/3 on, (1, 1) = (1-d)(0, 0) + d (1/d, 1/d) with (1/d, 1/d) on the segment.
    result = spe_payoffs(BATTLE_OF_THE_SEXES, delta)
    assert_same_vertices(result.vertices, [[1, 1], [2, 1], [1, 2]])


@pytest.mark.parametrize("delta", [0.2, 0.9])
def test_common_interest_game_is_a_segment(delta):
    # Identical payoffs: every payoff pair lies on the diagonal; both stage equilibria (2,2), (1,1)
    # are in V and the pure minmax is 1, so V is the segment between them at every delta.
    game = bg.Game.bimatrix([[2, 0], [0, 1]], [[2, 0], [0, 1]])
    result = spe_payoffs(game, delta)
    assert result.dimension == 1
    assert_same_vertices(result.vertices, [[1, 1], [2, 2]])


@pytest.mark.parametrize("delta", [0.1, 0.5, 0.99])
def test_matching_pennies_has_no_pure_spe(delta):
    # Pure minmax is 1 for both but payoffs sum to 0: no pure SPE payoff can be individually rational.
    result = spe_payoffs(MATCHING_PENNIES, delta)
    assert result.is_empty and result.dimension == -1 and result.vertices.shape == (0, 2)
    assert np.isnan(result.worst).all()
    assert not result.contains([0, 0])
    assert "empty" in repr(result)


def test_set_empties_after_finitely_many_steps_without_pure_nash():
    # QuantEcon.py's test of a game with no pure-action SPE at delta = 0.05 (its solver raises there).
    game = bg.Game.bimatrix([[1, -1], [-2, 1]], [[-1, 2], [2, 0]])
    assert spe_payoffs(game, 0.05).is_empty


def test_constant_game_is_a_point():
    game = bg.Game.bimatrix(np.full((2, 3), 4.0), np.full((2, 3), -1.0))
    result = spe_payoffs(game, 0.7)
    assert result.dimension == 0
    assert_same_vertices(result.vertices, [[4, -1]])


def test_result_is_frozen_and_readable():
    result = spe_payoffs(PD, 0.6)
    assert isinstance(result, PayoffSet) and result.delta == 0.6
    with pytest.raises(ValueError):
        result.vertices[0, 0] = 9
    with pytest.raises(AttributeError):
        result.delta = 0.1  # type: ignore[misc]
    text = repr(result)
    assert "4 vertices" in text and "(3, 3)" in text and "worst: P0 1, P1 1" in text
    assert result.contains([2, 2]) and result.contains([3, 3]) and not result.contains([3.01, 3.01], tol=1e-3)


# ---------------------------------------------------------------------------- cross-check with quantecon
def test_agrees_with_quantecon_on_random_games():
    game_theory = pytest.importorskip("quantecon.game_theory")
    rng = np.random.default_rng(20_250)
    compared = 0
    for _ in range(8):
        A, B = rng.normal(size=(2, 3, 3))
        for delta in (0.4, 0.8):
            try:
                hull = game_theory.RepeatedGame(
                    game_theory.NormalFormGame((game_theory.Player(A), game_theory.Player(B.T))), delta
                ).equilibrium_payoffs()
            except Exception:  # noqa: BLE001 - quantecon fails on points, segments and empty sets
                continue
            expected = hull.points[hull.vertices]
            found = spe_payoffs(bg.Game.bimatrix(A, B), delta).vertices
            # quantecon may keep vertices closer together than 1e-6; compare as sets both ways
            for one, other in ((found, expected), (expected, found)):
                gaps = np.hypot(*(one[:, None, :] - other[None, :, :]).transpose(2, 0, 1))
                assert gaps.min(axis=1).max() <= VERTEX_TOL, (A, B, delta, found, expected)
            compared += 1
    assert compared >= 8


# ---------------------------------------------------------------------------- properties
def pure_minmax(game: bg.Game) -> np.ndarray:
    A, B = game.payoffs
    return np.array([A.max(axis=0).min(), B.max(axis=1).min()])


def in_convex_hull(point: np.ndarray, points: np.ndarray, tol: float) -> bool:
    """Whether ``point`` is within ``tol`` (per coordinate) of a convex combination of ``points``."""
    k = len(points)
    res = linprog(
        np.zeros(k),
        A_ub=np.vstack([points.T, -points.T]),
        b_ub=np.concatenate([point + tol, -point + tol]),
        A_eq=np.ones((1, k)),
        b_eq=[1.0],
        bounds=[(0, None)] * k,
        method="highs",
    )
    return res.status == 0


def decomposable(vertex, game: bg.Game, delta: float, vertices: np.ndarray, tol: float) -> bool:
    """Whether vertex = (1-delta) u(a) + delta w for some pure profile a and some w in co(vertices)
    meeting both incentive constraints w_i >= worst_i + (1-delta)/delta (d_i(a) - u_i(a))."""
    A, B = game.payoffs
    worst = vertices.min(axis=0)
    k = len(vertices)
    for r in range(A.shape[0]):
        for c in range(A.shape[1]):
            u = np.array([A[r, c], B[r, c]])
            gain = np.array([A[:, c].max() - A[r, c], B[r, :].max() - B[r, c]])
            target = (np.asarray(vertex) - (1 - delta) * u) / delta
            floor = worst + (1 - delta) / delta * gain
            res = linprog(
                np.zeros(k),
                A_ub=np.vstack([vertices.T, -vertices.T, -vertices.T]),
                b_ub=np.concatenate([target + tol / delta, -target + tol / delta, -floor + tol]),
                A_eq=np.ones((1, k)),
                b_eq=[1.0],
                bounds=[(0, None)] * k,
                method="highs",
            )
            if res.status == 0:
                return True
    return False


small_games = st.tuples(st.integers(2, 3), st.integers(2, 3)).flatmap(
    lambda shape: st.lists(st.integers(-5, 5), min_size=2 * shape[0] * shape[1], max_size=2 * shape[0] * shape[1]).map(
        lambda values: bg.Game(np.array(values, dtype=float).reshape(2, *shape))
    )
)
deltas = st.sampled_from([0.15, 0.35, 0.55, 0.75, 0.9])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(game=small_games, delta=deltas)
def test_vertices_are_feasible_and_individually_rational(game, delta):
    result = spe_payoffs(game, delta)
    pure = game.payoffs.reshape(2, -1).T
    for vertex in result.vertices:
        assert (vertex >= pure_minmax(game) - CHECK_TOL).all()
        assert in_convex_hull(vertex, pure, CHECK_TOL)
    if result.is_empty:
        # a pure Nash equilibrium played forever is an SPE, so an empty set means there is none
        assert len(bg.pure_equilibria(game)) == 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(game=small_games, delta=deltas)
def test_set_is_self_generating(game, delta):
    result = spe_payoffs(game, delta)
    for vertex in result.vertices:
        assert decomposable(vertex, game, delta, result.vertices, CHECK_TOL), (vertex, result)


@settings(max_examples=15, deadline=None)
@given(game=small_games, delta=deltas)
def test_contains_every_stage_nash_payoff(game, delta):
    # Repeating a pure stage equilibrium forever is an SPE; public randomisation convexifies.
    result = spe_payoffs(game, delta)
    for equilibrium in bg.pure_equilibria(game):
        assert result.contains(equilibrium.payoffs, tol=CHECK_TOL)


# ---------------------------------------------------------------------------- critical delta, optimal codes
def test_critical_delta_prisoners_dilemma():
    # Worst SPE payoff is the stage Nash payoff 1, so (C, C) needs 3 >= 5(1-d) + d: d >= 1/2.
    result = critical_delta_optimal(PD, ("C", "C"))
    assert result.delta == pytest.approx(0.5, abs=DELTA_TOL)
    np.testing.assert_allclose(result.per_player, [0.5, 0.5], atol=DELTA_TOL)
    assert result.punishment.startswith("optimal penal codes") and result.sustained_above is True


def test_critical_delta_alternating_cycle():
    # Alternating (D, C), (C, D): the player cooperating now gets 5d/(1+d) >= (1-d) + d = 1 iff d >= 1/4.
    result = critical_delta_optimal(PD, [("D", "C"), ("C", "D")])
    assert result.delta == pytest.approx(0.25, abs=DELTA_TOL)
    assert result.sustained_above is True


def test_critical_delta_never_for_a_dominated_profile_with_no_spe():
    result = critical_delta_optimal(MATCHING_PENNIES, (0, 0))
    assert math.isinf(result.delta) and np.isinf(result.per_player).all() and result.sustained_above is None
    assert "never" in repr(result)


def test_optimal_codes_need_no_more_patience_than_nash_reversion():
    # Nash reversion (closed form max_i (d_i - c_i)/(d_i - p_i)) with the worst stage Nash payoff p_i:
    # optimal penal codes punish at least as hard, so their critical delta is no larger.
    A, B = AS_GAME.payoffs
    nash = [e.payoffs for e in bg.pure_equilibria(AS_GAME)]
    worst_nash = np.min(nash, axis=0)
    c, d = np.array([A[0, 0], B[0, 0]]), np.array([A[:, 0].max(), B[0, :].max()])
    reversion = max((d - c) / (d - worst_nash))
    result = critical_delta_optimal(AS_GAME, (0, 0))
    assert result.delta <= reversion + DELTA_TOL


# ---------------------------------------------------------------------------- bad inputs
@pytest.mark.parametrize("delta", [0, 1, 1.3, -0.2])
def test_delta_outside_unit_interval(delta):
    with pytest.raises(InvalidArgumentError, match=r"delta must be in \(0, 1\); got"):
        spe_payoffs(PD, delta)


def test_bad_arguments():
    with pytest.raises(ArgumentTypeError, match="delta must be a real number"):
        spe_payoffs(PD, "0.5")
    with pytest.raises(InvalidArgumentError, match="tol must be > 0"):
        spe_payoffs(PD, 0.5, tol=0)
    with pytest.raises(ArgumentTypeError, match="game must be a bargain.Game"):
        spe_payoffs([[1, 2], [3, 4]], 0.5)
    with pytest.raises(PlayerCountError, match="needs a 2-player game; got a game with 3 players"):
        spe_payoffs(bg.Game(np.zeros((3, 2, 2, 2))), 0.5)
    with pytest.raises(InvalidArgumentError, match="point must be a pair"):
        spe_payoffs(PD, 0.5).contains([1, 2, 3])


def test_bad_cycle_profiles():
    with pytest.raises(InvalidProfileError, match="must be one of"):
        critical_delta_optimal(PD, ("C", "X"))
    with pytest.raises(InvalidProfileError, match="at least one pure profile"):
        critical_delta_optimal(PD, [])
    with pytest.raises(InvalidProfileError, match="must be a pair"):
        critical_delta_optimal(PD, [("C", "C", "C")])
    with pytest.raises(PlayerCountError):
        critical_delta_optimal(bg.Game(np.zeros((3, 2, 2, 2))), (0, 0))


def test_optimal_threshold_close_to_one_is_found():
    """A prisoner's dilemma with temptation T = 200 (R = 3, P = 1, S = 0): the worst SPE payoff is the
    stage Nash payoff (1, 1), so optimal penal codes give the Nash-reversion threshold
    (T - R) / (T - P) = 197 / 199, above the old search grid's last point 0.98 (found in review)."""
    pd = bg.Game.bimatrix([[3, 0], [200, 1]], [[3, 200], [0, 1]])
    result = critical_delta_optimal(pd, (0, 0))
    assert result.delta == pytest.approx(197 / 199, abs=1e-6)
    assert result.sustained_above is True
