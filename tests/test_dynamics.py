"""Tests of bargain.dynamics: replicator, logit and best-response dynamics, fictitious play, rest points
and their stability, basins of attraction, and KMR stochastic stability."""

from __future__ import annotations

import dataclasses
import math
import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.stats import binom

import bargain as bg
from bargain.dynamics import (
    basins,
    best_response_dynamics,
    fictitious_play,
    kmr_stationary,
    logit_dynamics,
    replicator,
    replicator_two_population,
    rest_points,
    stochastically_stable,
)
from bargain.errors import (
    ArgumentTypeError,
    DegenerateGameWarning,
    InvalidArgumentError,
    InvalidGameError,
    InvalidProfileError,
)

SIMPLEX_TOL = 1e-12  # states after projection: entries >= 0, sums equal to 1
ODE_TOL = 1e-7  # closed forms and invariants along ODE orbits (integrator rtol 1e-10)
EIG_TOL = 1e-9  # eigenvalues computed by hand
FP_TOL = 0.01  # fictitious-play frequencies after 20000 rounds (error decays roughly like 1/sqrt(t))


def symmetric(A, names=None) -> bg.Game:
    A = np.array(A, dtype=float)
    strategies = None if names is None else (names, names)
    return bg.Game.bimatrix(A, A.T, strategies=strategies)


# Rock-paper-scissors, zero-sum, columns summing to 0 (Hofbauer and Sigmund 1998, Section 7.7).
RPS = symmetric([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], ("Rock", "Paper", "Scissors"))
# Hawk-Dove with value V = 2 and cost C = 4: the ESS plays Hawk with probability V / C = 1/2.
HAWK_DOVE = symmetric([[-1, 2], [0, 1]], ("Hawk", "Dove"))
COORDINATION = symmetric([[1, 0], [0, 1]], ("Left", "Right"))
# Stag hunt: (Stag, Stag) is payoff dominant, (Hare, Hare) risk dominant (deviation losses 1 < 2);
# the mixed equilibrium plays Stag with probability 2/3 (4p = 3p + 2(1 - p)).
STAG_HUNT = symmetric([[4, 0], [3, 2]], ("Stag", "Hare"))
MATCHING_PENNIES = bg.Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
# Shapley (1964), in the form of Fudenberg and Levine (1998), ch. 2: the unique equilibrium is uniform
# and fictitious play cycles away from it.
SHAPLEY = bg.Game.bimatrix([[0, 1, 0], [0, 0, 1], [1, 0, 0]], [[0, 0, 1], [1, 0, 0], [0, 1, 0]])


def simplex_points(m):
    return st.lists(st.floats(0.01, 1.0), min_size=m, max_size=m).map(lambda v: np.array(v) / sum(v))


small_matrix = st.lists(st.lists(st.integers(-5, 5), min_size=3, max_size=3), min_size=3, max_size=3)


# ---------------------------------------------------------------------------------------------- replicator
@settings(max_examples=25, deadline=None)
@given(small_matrix, simplex_points(3))
def test_replicator_stays_on_simplex(A, x0):
    path = replicator(symmetric(A), x0, t_max=5, n_points=21)
    (states,) = path.states
    assert states.min() >= 0
    np.testing.assert_allclose(states.sum(axis=1), 1.0, atol=SIMPLEX_TOL)


@settings(max_examples=15, deadline=None)
@given(small_matrix, simplex_points(3), simplex_points(3))
def test_two_population_replicator_stays_on_simplex(A, x0, y0):
    game = bg.Game.bimatrix(A, np.array(A).T[::-1])
    path = replicator_two_population(game, x0, y0, t_max=5, n_points=21)
    for states in path.states:
        assert states.min() >= 0
        np.testing.assert_allclose(states.sum(axis=1), 1.0, atol=SIMPLEX_TOL)


def test_rps_orbit_conserves_product_of_shares():
    # d/dt log(x1 x2 x3) = sum_i (A x)_i - 3 x'Ax = 0 for RPS (columns sum to 0, zero-sum)
    path = replicator(RPS, [0.5, 0.3, 0.2], t_max=50, n_points=101)
    product = path.states[0].prod(axis=1)
    np.testing.assert_allclose(product, 0.5 * 0.3 * 0.2, rtol=ODE_TOL)
    assert np.abs(path.states[0] - path.states[0][0]).max(axis=1)[1:].max() > 0.1  # it moves: a cycle


def test_replicator_matches_logistic_closed_form():
    # strategy 0 earns 1 more than strategy 1 whatever the opponent: dx/dt = x (1 - x), logistic growth
    game = symmetric([[1, 1], [0, 0]])
    x0 = 0.1
    path = replicator(game, [x0, 1 - x0], t_max=8, n_points=9)
    t = path.times
    expected = x0 * np.exp(t) / (1 - x0 + x0 * np.exp(t))
    np.testing.assert_allclose(path.states[0][:, 0], expected, rtol=ODE_TOL)


def test_replicator_hawk_dove_converges_to_ess():
    path = replicator(HAWK_DOVE, [0.05, 0.95], t_max=60)
    np.testing.assert_allclose(path.final[0], [0.5, 0.5], atol=1e-8)
    assert path.times[0] == 0 and path.times[-1] == 60 and len(path.times) == 201


def test_two_population_matching_pennies_conserves_kl_to_equilibrium():
    # zero-sum with interior equilibrium (x*, y*): sum x*_i log x_i + sum y*_j log y_j is a constant of
    # motion of the two-population replicator (Hofbauer and Sigmund 1998, Section 10.5)
    path = replicator_two_population(MATCHING_PENNIES, [0.8, 0.2], [0.3, 0.7], t_max=30, n_points=61)
    x, y = path.states
    h = 0.5 * np.log(x).sum(axis=1) + 0.5 * np.log(y).sum(axis=1)
    np.testing.assert_allclose(h, h[0], rtol=ODE_TOL)


def test_trajectory_is_frozen_and_read_only():
    path = replicator(HAWK_DOVE, [0.3, 0.7], t_max=1, n_points=3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        path.method = "other"
    with pytest.raises(ValueError):
        path.states[0][0, 0] = 1.0
    assert "Hawk" in repr(path)


# ---------------------------------------------------------------------------------------------- rest points
def by_label(points):
    return {p.label: p for p in points}


def test_rps_rest_points_centre_is_non_hyperbolic():
    points = rest_points(RPS)
    assert len(points) == 4  # three vertices and the centre; no edge carries a rest point
    centre = points[-1]
    np.testing.assert_allclose(centre.state, [1 / 3, 1 / 3, 1 / 3], atol=EIG_TOL)
    assert centre.stability == "non-hyperbolic" and centre.is_nash
    # Jacobian at the centre is A/3 on the tangent space; A has eigenvalues +-i sqrt(3) there
    np.testing.assert_allclose(sorted(centre.eigenvalues.imag), [-1 / math.sqrt(3), 1 / math.sqrt(3)], atol=EIG_TOL)
    np.testing.assert_allclose(centre.eigenvalues.real, 0, atol=EIG_TOL)
    for vertex in points[:3]:
        # at a vertex e_i the eigenvalues are A[j, i] - A[i, i]: here +1 and -1, a saddle
        assert vertex.stability == "unstable"
        np.testing.assert_allclose(sorted(vertex.eigenvalues.real), [-1, 1], atol=EIG_TOL)


def test_coordination_rest_points():
    points = by_label(rest_points(COORDINATION))
    assert set(points) == {"Left", "Right", "0.5 Left + 0.5 Right"}
    for pure in ("Left", "Right"):
        assert points[pure].stability == "asymptotically stable"
        np.testing.assert_allclose(points[pure].eigenvalues, [-1], atol=EIG_TOL)  # A[j, i] - A[i, i]
    mixed = points["0.5 Left + 0.5 Right"]
    # dx/dt = x (1 - x)(2x - 1), derivative 1/2 at x = 1/2
    assert mixed.stability == "unstable"
    np.testing.assert_allclose(mixed.eigenvalues, [0.5], atol=EIG_TOL)
    assert mixed.payoff == pytest.approx(0.5)


def test_hawk_dove_interior_ess_is_stable():
    points = by_label(rest_points(HAWK_DOVE))
    ess = points["0.5 Hawk + 0.5 Dove"]
    assert ess.stability == "asymptotically stable" and ess.is_nash
    # dx/dt = x (1 - x)(1 - 2x) for the Hawk share; derivative -1/2 at x = 1/2
    np.testing.assert_allclose(ess.eigenvalues, [-0.5], atol=EIG_TOL)
    assert ess.payoff == pytest.approx(0.5)  # (A x)_Hawk = -1/2 + 1
    assert points["Hawk"].stability == points["Dove"].stability == "unstable"
    assert not points["Hawk"].is_nash and not points["Dove"].is_nash
    np.testing.assert_allclose(points["Hawk"].eigenvalues, [1.0], atol=EIG_TOL)  # A[D, H] - A[H, H]


def test_rest_point_that_is_not_nash():
    # prisoner's dilemma: all-Cooperate is a rest point (no Defectors to grow) but not an equilibrium
    points = by_label(rest_points(symmetric([[3, 0], [5, 1]], ("C", "D"))))
    assert set(points) == {"C", "D"}
    assert not points["C"].is_nash and points["C"].stability == "unstable"
    assert points["D"].is_nash and points["D"].stability == "asymptotically stable"


def test_rest_points_warn_on_a_continuum():
    with pytest.warns(DegenerateGameWarning, match="continuum"):
        points = rest_points(symmetric([[0, 0], [0, 0]]))
    assert all(p.stability == "non-hyperbolic" for p in points)


@settings(max_examples=25, deadline=None)
@given(small_matrix)
def test_rest_points_are_rest_points(A):
    game = symmetric(A)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DegenerateGameWarning)
        points = rest_points(game)
    A = np.array(A, dtype=float)
    for point in points:
        x = point.state
        f = A @ x
        np.testing.assert_allclose(x * (f - x @ f), 0, atol=1e-9)  # the replicator field vanishes
    # every symmetric game has a symmetric equilibrium (Nash 1951), and it is a rest point; only a
    # continuum of them (reported by the warning) goes unlisted
    if not caught:
        assert any(p.is_nash for p in points)


# ---------------------------------------------------------------------------------------------- logit and BR
def test_logit_dynamics_converges_in_matching_pennies():
    path = logit_dynamics(MATCHING_PENNIES, [0.95, 0.05], [0.1, 0.9], eta=0.3, t_max=60)
    for x in path.final:
        np.testing.assert_allclose(x, [0.5, 0.5], atol=1e-8)


def test_logit_rest_point_is_a_logit_fixed_point():
    game = bg.Game.bimatrix([[3, 0], [0, 1]], [[2, 0], [0, 1]])
    eta = 0.7
    path = logit_dynamics(game, [0.6, 0.4], [0.6, 0.4], eta=eta, t_max=80)
    x, y = path.final
    A, B = game.payoffs

    def choice(u):
        w = np.exp(u / eta)
        return w / w.sum()

    np.testing.assert_allclose(x, choice(A @ y), atol=1e-8)
    np.testing.assert_allclose(y, choice(B.T @ x), atol=1e-8)


def test_best_response_map_cycles_in_matching_pennies():
    path = best_response_dynamics(MATCHING_PENNIES, [1, 0], [1, 0], rounds=8)
    rows = [int(x.argmax()) for x in path.states[0]]
    cols = [int(y.argmax()) for y in path.states[1]]
    # (H,H) -> (H,T) -> (T,T) -> (T,H) -> (H,H): period 4
    assert list(zip(rows, cols))[:5] == [(0, 0), (0, 1), (1, 1), (1, 0), (0, 0)]
    assert rows[4:] == rows[:5] and cols[4:] == cols[:5]


def test_best_response_small_step_approaches_strict_equilibrium():
    path = best_response_dynamics(STAG_HUNT, [0.3, 0.7], [0.3, 0.7], rounds=200, step=0.05)
    # x_t = (1 - step)^t x_0 + (1 - (1 - step)^t) e_Hare while Hare stays the best response
    expected = 0.3 * 0.95**200
    np.testing.assert_allclose(path.final[0][0], expected, rtol=1e-9)
    np.testing.assert_allclose(path.times, np.arange(201))


# ---------------------------------------------------------------------------------------------- fictitious play
def test_fictitious_play_matching_pennies_robinson_1951():
    run = fictitious_play(MATCHING_PENNIES, 20000)
    for freq in run.final:
        np.testing.assert_allclose(freq, [0.5, 0.5], atol=FP_TOL)
    assert run.actions is not None and len(run.actions[0]) == 20000


@settings(max_examples=20, deadline=None)
@given(small_matrix)
def test_fictitious_play_zero_sum_regret_vanishes(A):
    # Robinson (1951): in zero-sum games the empirical frequencies approach the equilibrium set, so the
    # profile's total regret (its exploitability) tends to 0
    A = np.array(A, dtype=float)
    assume(np.ptp(A) > 0)
    game = bg.Game.bimatrix(A, -A)
    run = fictitious_play(game, 5000)
    assert bg.regret(game, run.final).sum() <= 0.05 * np.ptp(A)


def test_fictitious_play_cycles_in_shapley_game():
    run = fictitious_play(SHAPLEY, 20000, initial=([0.5, 0.3, 0.2], [0.2, 0.2, 0.6]))
    distance = np.abs(run.frequencies[0] - 1 / 3).max(axis=1)
    assert distance[2000:].min() > 0.1  # never approaches the unique equilibrium
    late = run.frequencies[0][10000:]
    assert np.abs(late - late[0]).max() > 0.05  # and keeps moving


def test_fictitious_play_deterministic_ties_go_to_lowest_index():
    constant = bg.Game.bimatrix(np.zeros((3, 3)), np.zeros((3, 3)))
    run = fictitious_play(constant, 50)
    assert set(run.actions[0]) == {0} and set(run.actions[1]) == {0}


def test_fictitious_play_rng_breaks_ties_and_is_reproducible():
    constant = bg.Game.bimatrix(np.zeros((3, 3)), np.zeros((3, 3)))
    first = fictitious_play(constant, 300, rng=7)
    again = fictitious_play(constant, 300, rng=np.random.default_rng(7))
    np.testing.assert_array_equal(first.actions[0], again.actions[0])
    assert set(first.actions[0]) == {0, 1, 2}
    np.testing.assert_allclose(first.final[0], [1 / 3] * 3, atol=0.1)


def test_smoothed_fictitious_play():
    deterministic = fictitious_play(MATCHING_PENNIES, 3000, smoothing=0.5)
    assert deterministic.actions is None
    for freq in deterministic.final:
        np.testing.assert_allclose(freq, [0.5, 0.5], atol=FP_TOL)
    stochastic = fictitious_play(MATCHING_PENNIES, 3000, smoothing=0.5, rng=3)
    assert stochastic.actions is not None
    for freq in stochastic.final:
        np.testing.assert_allclose(freq, [0.5, 0.5], atol=0.05)
    np.testing.assert_allclose(stochastic.frequencies[0].sum(axis=1), 1.0, atol=SIMPLEX_TOL)


# ---------------------------------------------------------------------------------------------- basins
def test_stag_hunt_basins_boundary_at_mixed_equilibrium():
    resolution = 300
    result = basins(STAG_HUNT, resolution=resolution, t_max=40)
    hare, stag = result.share("Hare"), result.share("Stag")
    assert hare > 0.5  # the risk-dominant equilibrium has the larger basin
    # for a symmetric 2x2 coordination game the basin boundary is the mixed equilibrium, x_Stag = 2/3
    assert hare == pytest.approx(2 / 3, abs=1 / resolution)
    assert stag == pytest.approx(1 / 3, abs=1 / resolution)
    assert result.unclassified == 0
    assert result.grid[0].shape == (resolution, 2) and result.labels.shape == (resolution,)
    with pytest.raises(ValueError):
        result.labels[0] = 1


def test_three_strategy_coordination_basins_are_equal():
    # pure coordination on three strategies: permuting strategies permutes basins, each has area 1/3
    game = symmetric(np.eye(3), ("A", "B", "C"))
    result = basins(game, resolution=30, t_max=60)
    assert len(result.labels) == 30**2
    np.testing.assert_allclose(result.shares, [1 / 3] * 3, atol=0.03)
    assert set(result.names) == {"A", "B", "C"}


def test_rps_has_no_attractor():
    result = basins(RPS, resolution=10, t_max=5)
    assert result.attractors == () and result.unclassified == 1.0


def test_two_population_coordination_basins():
    # (x, y) -> (1 - y, 1 - x) maps the dynamics to itself and swaps the two basins; the anti-diagonal,
    # the stable manifold of the saddle (1/2, 1/2), holds `resolution` of the grid points
    resolution = 40
    result = basins(COORDINATION, resolution=resolution, t_max=60, populations=2)
    assert result.names == ("(Left, Left)", "(Right, Right)")
    np.testing.assert_allclose(result.shares, [(1 - 1 / resolution) / 2] * 2, atol=1e-12)
    assert result.unclassified == pytest.approx(1 / resolution)


# ---------------------------------------------------------------------------------------------- KMR / Young
def test_kmr_with_pure_mutation_is_binomial():
    # mutation = 1: each reviser picks a strategy at random, the Ehrenfest urn, stationary Binomial(N, 1/2)
    dist = kmr_stationary(STAG_HUNT, population=25, mutation=1.0)
    np.testing.assert_allclose(dist.probabilities, binom.pmf(np.arange(26), 25, 0.5), rtol=1e-10)


def test_kmr_distribution_is_stationary_for_the_chain():
    N, eps = 12, 0.05
    dist = kmr_stationary(STAG_HUNT, population=N, mutation=eps)
    assert dist.probabilities.sum() == pytest.approx(1.0, abs=1e-12)
    A = STAG_HUNT.payoffs[0]
    P = np.zeros((N + 1, N + 1))
    for z in range(N + 1):
        for current, count in ((0, z), (1, N - z)):
            if count == 0:
                continue
            others_on_0 = z - (current == 0)
            p = others_on_0 / (N - 1)
            u0, u1 = A[0] @ [p, 1 - p], A[1] @ [p, 1 - p]
            choose_0 = (1 - eps) * (1.0 if u0 > u1 else 0.5 if u0 == u1 else 0.0) + eps / 2
            # a reviser drawn from the `count` players on `current` ends on strategy 0 or 1
            P[z, z + (current == 1)] += count / N * choose_0
            P[z, z - (current == 0)] += count / N * (1 - choose_0)
    np.testing.assert_allclose(dist.probabilities @ P, dist.probabilities, atol=1e-14)


def test_kmr_concentrates_on_risk_dominant_convention():
    masses = [kmr_stationary(STAG_HUNT, population=30, mutation=eps).mass_on("Hare") for eps in (1e-2, 1e-4, 1e-8)]
    assert masses[0] < masses[1] < masses[2]
    assert masses[2] > 1 - 1e-6
    tiny = kmr_stationary(STAG_HUNT, population=30, mutation=1e-300)  # no underflow in log space
    assert tiny.mass_on("Hare") == pytest.approx(1.0) and tiny.probabilities.sum() == pytest.approx(1.0)
    # payoff dominance would pick Stag; stochastic stability picks the risk-dominant Hare
    assert stochastically_stable(STAG_HUNT, population=30) == ("Hare",)


def test_symmetric_coordination_selects_both():
    assert stochastically_stable(COORDINATION, population=21) == ("Left", "Right")


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 10), st.integers(1, 10), st.integers(-5, 5), st.integers(-5, 5))
def test_large_population_selects_risk_dominant(d0, d1, a01, a10):
    # coordination game with deviation losses d0 = A00 - A10 and d1 = A11 - A01; strategy 0 is risk
    # dominant iff d0 > d1 (Harsanyi and Selten 1988)
    assume(d0 != d1)
    A = [[a10 + d0, a01], [a10, a01 + d1]]
    game = symmetric(A, ("X", "Y"))
    expected = ("X",) if d0 > d1 else ("Y",)
    assert stochastically_stable(game, population=400) == expected


# ---------------------------------------------------------------------------------------------- bad inputs
def test_non_symmetric_game_is_refused():
    with pytest.raises(InvalidGameError, match="symmetric.*replicator_two_population"):
        replicator(MATCHING_PENNIES, [0.5, 0.5], t_max=1)
    for call in (
        lambda: rest_points(MATCHING_PENNIES),
        lambda: basins(MATCHING_PENNIES, resolution=5, t_max=1),
        lambda: kmr_stationary(MATCHING_PENNIES, population=5, mutation=0.1),
    ):
        with pytest.raises(InvalidGameError, match="symmetric"):
            call()


@pytest.mark.parametrize("x0", [[0.5, 0.6], [1.2, -0.2], [1.0], [np.nan, 1.0], "half"])
def test_state_off_the_simplex_is_refused(x0):
    with pytest.raises(InvalidProfileError, match="x0"):
        replicator(HAWK_DOVE, x0, t_max=1)


@pytest.mark.parametrize(
    ("population", "mutation", "error", "match"),
    [
        (-3, 0.1, InvalidArgumentError, "population must be an integer >= 2; got -3"),
        (1, 0.1, InvalidArgumentError, "population"),
        (2.5, 0.1, ArgumentTypeError, "population"),
        (10, 1.5, InvalidArgumentError, r"mutation must be in \(0, 1\].*got 1.5"),
        (10, -0.1, InvalidArgumentError, "mutation"),
        (10, 0.0, InvalidArgumentError, "not unique"),
        (10, "small", ArgumentTypeError, "mutation"),
    ],
)
def test_kmr_bad_inputs(population, mutation, error, match):
    with pytest.raises(error, match=match):
        kmr_stationary(STAG_HUNT, population=population, mutation=mutation)


def test_bad_games_for_kmr_and_basins():
    with pytest.raises(InvalidGameError, match="coordination"):
        stochastically_stable(HAWK_DOVE, population=10)
    with pytest.raises(InvalidGameError, match="2x2"):
        kmr_stationary(RPS, population=10, mutation=0.1)
    with pytest.raises(InvalidGameError, match="2x2 or 3x3"):
        basins(symmetric(np.eye(4)), resolution=5, t_max=1)
    with pytest.raises(InvalidGameError, match="2x2 game"):
        basins(SHAPLEY, resolution=5, t_max=1, populations=2)
    with pytest.raises(bg.errors.PlayerCountError):
        fictitious_play(bg.Game(np.zeros((3, 2, 2, 2))), 10)


@pytest.mark.parametrize("rng", ["seed", 1.5, True, [1, 2]])
def test_fictitious_play_rng_of_wrong_type(rng):
    with pytest.raises(ArgumentTypeError, match="rng"):
        fictitious_play(MATCHING_PENNIES, 10, rng=rng)


def test_bad_numeric_arguments():
    with pytest.raises(InvalidArgumentError, match="rng seed must be >= 0; got -1"):
        fictitious_play(MATCHING_PENNIES, 10, rng=-1)
    with pytest.raises(InvalidArgumentError, match="smoothing must be > 0; got 0"):
        fictitious_play(MATCHING_PENNIES, 10, smoothing=0)
    with pytest.raises(InvalidArgumentError, match="rounds"):
        fictitious_play(MATCHING_PENNIES, 0)
    with pytest.raises(InvalidArgumentError, match="t_max must be > 0"):
        replicator(HAWK_DOVE, [0.5, 0.5], t_max=0)
    with pytest.raises(InvalidArgumentError, match="n_points"):
        replicator(HAWK_DOVE, [0.5, 0.5], t_max=1, n_points=1)
    with pytest.raises(InvalidArgumentError, match="eta must be > 0"):
        logit_dynamics(MATCHING_PENNIES, [0.5, 0.5], [0.5, 0.5], eta=-1, t_max=1)
    with pytest.raises(InvalidArgumentError, match=r"step must be in \(0, 1\]"):
        best_response_dynamics(MATCHING_PENNIES, [0.5, 0.5], [0.5, 0.5], rounds=3, step=1.5)
    with pytest.raises(InvalidArgumentError, match="populations must be 1 or 2"):
        basins(STAG_HUNT, resolution=5, t_max=1, populations=3)
    with pytest.raises(InvalidArgumentError, match="resolution"):
        basins(STAG_HUNT, resolution=1, t_max=1)
    with pytest.raises(InvalidProfileError, match="initial"):
        fictitious_play(MATCHING_PENNIES, 10, initial=([0.5, 0.5],))
    with pytest.raises(ArgumentTypeError, match="game must be a bargain.Game"):
        replicator([[1, 0], [0, 1]], [0.5, 0.5], t_max=1)
