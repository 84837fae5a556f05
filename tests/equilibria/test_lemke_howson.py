"""Tests for bargain.equilibria.lemke_howson: known paths, degenerate games, random games, peers."""

from __future__ import annotations

import importlib
import math
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import bargain as bg
from bargain import Game
from bargain.equilibria.lemke_howson import lemke_howson, lemke_howson_all
from bargain.equilibria.regret import payoff_scale, regret
from bargain.errors import (
    ArgumentTypeError,
    InvalidArgumentError,
    PlayerCountError,
    SolverError,
)

# the module itself (the package re-exports a function of the same name)
lh_module = importlib.import_module("bargain.equilibria.lemke_howson")

#: Regret allowed at a returned equilibrium, relative to the payoff range.
REGRET_TOL = 1e-8
#: Two profiles are the same when every probability differs by at most this.
PROFILE_ATOL = 1e-7

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _same(profile, expected) -> bool:
    return all(
        np.shape(p) == np.shape(q) and np.abs(np.asarray(p, float) - np.asarray(q, float)).max() <= PROFILE_ATOL
        for p, q in zip(profile, expected)
    )


def _assert_equilibrium(game: Game, eq) -> None:
    for p in eq.profile:
        assert p.min() >= 0 and p.sum() == pytest.approx(1.0)
    assert regret(game, eq.profile).max() <= REGRET_TOL * payoff_scale(game)


# ------------------------------------------------------------------------ von Stengel (2007), Fig. 3.3
# A = [[3,3],[2,5],[0,6]], B = [[3,2],[2,6],[3,1]]; its three equilibria (von Stengel 2007, sec. 3.3).
VS_A = [[3, 3], [2, 5], [0, 6]]
VS_B = [[3, 2], [2, 6], [3, 1]]
VS_PURE = ((1, 0, 0), (1, 0))
VS_MIXED = ((0, 1 / 3, 2 / 3), (1 / 3, 2 / 3))
VS_MIDDLE = ((4 / 5, 1 / 5, 0), (2 / 3, 1 / 3))

# The end of the path for each dropped label. The chapter's labels 1..5 are our 0..4. Labels 0 and 1
# agree with the QuantEcon test suite (quantecon/game_theory/tests/test_lemke_howson.py, which takes
# the game from the chapter); every path was also followed by hand on P and Q, e.g. for label 1:
# x_1 rises to 1/6 (picks up label 4), y_1 to 1/6 (label 2), x_2 to 1/4 (label 3), y_0 to 1/12
# (label 1) -> ((0, 1/3, 2/3), (1/3, 2/3)).
VS_PATHS = {0: VS_PURE, 1: VS_MIXED, 2: VS_PURE, 3: VS_PURE, 4: VS_MIXED}


@pytest.mark.parametrize("label", sorted(VS_PATHS), ids=lambda k: f"vonStengel2007-fig3.3-label{k}")
def test_von_stengel_example_end_of_each_path(label):
    game = Game.bimatrix(VS_A, VS_B)
    eq = lemke_howson(game, initial_label=label)
    assert _same(eq.profile, VS_PATHS[label])
    _assert_equilibrium(game, eq)


def test_von_stengel_example_middle_equilibrium_is_never_reached():
    # The equilibrium ((4/5, 1/5, 0), (2/3, 1/3)) has index -1: no Lemke–Howson path from the
    # artificial equilibrium ends there (Shapley 1974; von Stengel 2007, sec. 3.4).
    game = Game.bimatrix(VS_A, VS_B)
    assert any(_same(eq.profile, VS_MIDDLE) for eq in bg.equilibria(game))
    found = lemke_howson_all(game)
    assert len(found) == 2
    assert _same(found[0].profile, VS_PURE) and _same(found[1].profile, VS_MIXED)
    assert not any(_same(eq.profile, VS_MIDDLE) for eq in found)
    assert found.method == "lemke-howson" and found.degenerate is False


def test_matching_pennies_every_label_reaches_the_unique_equilibrium():
    game = Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    for label in range(4):
        eq = lemke_howson(game, initial_label=label)
        assert _same(eq.profile, ((0.5, 0.5), (0.5, 0.5)))
        assert eq.payoffs == pytest.approx([0.0, 0.0])


def test_payoffs_and_regret_of_the_record():
    game = Game.bimatrix(VS_A, VS_B, players=("Bureau", "Office"))
    eq = lemke_howson(game, initial_label=1)
    assert eq.payoffs == pytest.approx([4.0, 8 / 3])
    assert eq.players == ("Bureau", "Office")
    assert eq.support == (("s1", "s2"), ("s0", "s1"))
    assert eq.regret.max() <= REGRET_TOL


# ------------------------------------------------------------------------ degenerate games
def test_degenerate_von_stengel_variant_follows_the_lexicographic_rule():
    # von Stengel (2007, sec. 3.6) with B[0, 1] = 3: row 0 makes the column player indifferent.
    # Dropping label 0 raises x_0, and both column constraints become tight at x_0 = 1/3 (a tie).
    # The lexicographic rule (perturbation 1 + eps^(j+1) on column j) makes column 1 bind first,
    # so the path goes on to the mixed equilibrium; QuantEcon's test of this game expects the same.
    game = Game.bimatrix(VS_A, [[3, 3], [2, 6], [3, 1]])
    assert bg.equilibria(game).degenerate
    eq = lemke_howson(game, initial_label=0)
    assert _same(eq.profile, VS_MIXED)
    for label in range(5):
        _assert_equilibrium(game, lemke_howson(game, initial_label=label))


# Games in which tie breaking by the smallest row index, or by the smallest variable index, cycles;
# from the QuantEcon test suite, which gives them with the column player's matrix indexed
# [own action, opponent's action], i.e. B here is the transpose of QuantEcon's. nashpy 0.0.43 without
# its lexicographic rule returns NaN on the first for label 0.
CYCLING_A = np.array([[0, 0, 0], [0, 1, 1], [1, 1, 0]])
CYCLING_B = np.array([[1, 0, 1], [1, 1, 0], [0, 0, 2]]).T
CYCLING_PERM = [2, 0, 1]
CYCLING_CASES = [
    pytest.param(CYCLING_A, CYCLING_B, ((0, 2 / 3, 1 / 3), (0, 1, 0)), id="QuantEcon-cycle-smallest-row"),
    pytest.param(
        CYCLING_A[:, CYCLING_PERM],
        CYCLING_B[:, CYCLING_PERM],
        ((0, 2 / 3, 1 / 3), (0, 0, 1)),
        id="QuantEcon-cycle-smallest-variable",
    ),
]


@pytest.mark.parametrize("A, B, expected", CYCLING_CASES)
def test_games_where_ad_hoc_tie_breaking_cycles(A, B, expected):
    game = Game.bimatrix(A, B)
    assert _same(lemke_howson(game, initial_label=0).profile, expected)
    for label in range(6):
        _assert_equilibrium(game, lemke_howson(game, initial_label=label))


# The degenerate zero-sum game of nashpy's documentation, where its Lemke–Howson (before the
# lexicographic rule was added) is shown returning NaN.
NASHPY_DOCS_ZERO_SUM = np.array([[0, -1, 1], [-1, 0, 1], [-1, 1, 0]])


@pytest.mark.parametrize(
    "A, B",
    [
        pytest.param(np.zeros((4, 5)), np.zeros((4, 5)), id="all-equal-payoffs"),
        pytest.param([[1, 1], [1, 1], [0, 2]], [[2, 2], [2, 2], [1, 3]], id="duplicate-rows"),
        pytest.param([[3, 3, 1], [2, 2, 4]], [[1, 1, 0], [0, 0, 2]], id="duplicate-columns"),
        pytest.param(np.ones((6, 6)) - np.eye(6), np.ones((6, 6)), id="column-indifferent-everywhere"),
        pytest.param(NASHPY_DOCS_ZERO_SUM, -NASHPY_DOCS_ZERO_SUM, id="nashpy-docs-degenerate-zero-sum"),
    ],
)
def test_degenerate_games_every_label_returns_a_verified_equilibrium(A, B):
    game = Game.bimatrix(A, B)
    assert bg.equilibria(game).degenerate
    for label in range(sum(game.shape)):
        _assert_equilibrium(game, lemke_howson(game, initial_label=label))


# ------------------------------------------------------------------------ random games (properties)
def _int_games(max_size: int = 6, low: int = -2, high: int = 2):
    shape = st.tuples(st.integers(1, max_size), st.integers(1, max_size))
    return shape.flatmap(
        lambda s: st.tuples(
            arrays(np.int64, s, elements=st.integers(low, high)),
            arrays(np.int64, s, elements=st.integers(low, high)),
        )
    )


@SETTINGS
@given(_int_games())
def test_every_label_gives_an_equilibrium_on_small_integer_games(AB):
    # Small integer payoffs tie often: most of these games are degenerate.
    game = Game.bimatrix(*AB)
    for label in range(sum(game.shape)):
        _assert_equilibrium(game, lemke_howson(game, initial_label=label))


@settings(max_examples=25, deadline=None)
@given(
    st.integers(1, 30),
    st.integers(1, 30),
    st.integers(0, 2**32 - 1),
    st.data(),
)
def test_random_float_games_up_to_30x30(m, n, seed, data):
    rng = np.random.default_rng(seed)
    game = Game.bimatrix(rng.normal(size=(m, n)), rng.normal(size=(m, n)))
    label = data.draw(st.integers(0, m + n - 1), label="initial_label")
    _assert_equilibrium(game, lemke_howson(game, initial_label=label))


@SETTINGS
@given(
    st.tuples(st.integers(1, 5), st.integers(1, 5)).flatmap(
        lambda s: st.tuples(
            arrays(np.float64, s, elements=st.floats(-100, 100, allow_subnormal=False)),
            arrays(np.float64, s, elements=st.floats(-100, 100, allow_subnormal=False)),
        )
    )
)
def test_every_label_gives_an_equilibrium_on_arbitrary_float_games(AB):
    game = Game.bimatrix(*AB)
    for label in range(sum(game.shape)):
        _assert_equilibrium(game, lemke_howson(game, initial_label=label))


@SETTINGS
@given(st.integers(1, 5), st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_each_end_is_one_of_the_equilibria_of_a_nondegenerate_game(m, n, seed):
    rng = np.random.default_rng(seed)
    game = Game.bimatrix(rng.normal(size=(m, n)), rng.normal(size=(m, n)))
    every = bg.equilibria(game)
    assume(not every.degenerate)
    for label in range(m + n):
        eq = lemke_howson(game, initial_label=label)
        assert any(_same(eq.profile, other.profile) for other in every), label


@SETTINGS
@given(_int_games(max_size=4, low=0, high=2))
def test_each_end_is_an_extreme_equilibrium_of_a_degenerate_game(AB):
    # The path ends at a basic solution of each tableau, i.e. a pair of vertices of P and Q; a
    # completely labelled vertex pair is an extreme equilibrium, and bg.equilibria lists all of
    # those for a degenerate game.
    game = Game.bimatrix(*AB)
    every = bg.equilibria(game)
    for label in range(sum(game.shape)):
        eq = lemke_howson(game, initial_label=label)
        _assert_equilibrium(game, eq)
        assert any(_same(eq.profile, other.profile) for other in every), label


@SETTINGS
@given(
    st.integers(1, 6),
    st.integers(1, 6),
    st.integers(0, 2**32 - 1),
    st.floats(0.01, 100),
    st.floats(-50, 50),
    st.floats(0.01, 100),
    st.floats(-50, 50),
)
def test_path_is_invariant_under_positive_affine_maps_of_each_players_payoffs(m, n, seed, a, c, b, d):
    # P and Q depend on the payoffs only through the best-response structure, which a positive
    # affine map of one player's payoffs leaves alone (von Stengel 2007, sec. 3.3).
    rng = np.random.default_rng(seed)
    A, B = rng.normal(size=(m, n)), rng.normal(size=(m, n))
    assume(not bg.equilibria(Game.bimatrix(A, B)).degenerate)
    for label in range(m + n):
        first = lemke_howson(Game.bimatrix(A, B), initial_label=label)
        second = lemke_howson(Game.bimatrix(a * A + c, b * B + d), initial_label=label)
        assert _same(first.profile, second.profile)


@SETTINGS
@given(st.integers(1, 5), st.integers(1, 5), st.integers(0, 2**32 - 1), st.randoms(use_true_random=False))
def test_relabelling_strategies_or_players_relabels_the_path(m, n, seed, random):
    # In a nondegenerate game the path for a label is unique, so it does not depend on the order of
    # the strategies, nor on which player is called the row player.
    rng = np.random.default_rng(seed)
    A, B = rng.normal(size=(m, n)), rng.normal(size=(m, n))
    assume(not bg.equilibria(Game.bimatrix(A, B)).degenerate)
    rows, cols = list(range(m)), list(range(n))
    random.shuffle(rows)
    random.shuffle(cols)
    permuted = Game.bimatrix(A[np.ix_(rows, cols)], B[np.ix_(rows, cols)])
    swapped = Game.bimatrix(B.T, A.T)
    for label in range(m + n):
        x, y = lemke_howson(Game.bimatrix(A, B), initial_label=label).profile
        new_label = rows.index(label) if label < m else m + cols.index(label - m)
        assert _same(lemke_howson(permuted, initial_label=new_label).profile, (x[rows], y[cols]))
        swapped_label = n + label if label < m else label - m
        assert _same(lemke_howson(swapped, initial_label=swapped_label).profile, (y, x))


# ------------------------------------------------------------------------ nashpy as a peer
def _nashpy_cases():
    # Fixed games (m, n >= 2; nashpy 0.0.43 can loop forever on games with a single column).
    rng = np.random.default_rng(20240611)
    cases = []
    for _ in range(30):
        m, n = rng.integers(2, 6, size=2)
        cases.append((rng.normal(size=(m, n)), rng.normal(size=(m, n))))
    return cases


def test_agrees_with_nashpy_where_nashpy_finds_an_equilibrium():
    # Labels are numbered alike (rows 0..m-1, then columns m..m+n-1). In a nondegenerate game the
    # path for a label is unique, so both must end at the same equilibrium. nashpy's own answer is
    # used only when it is one (on some games it returns a profile that is not an equilibrium).
    nashpy = pytest.importorskip("nashpy")
    compared = 0
    for A, B in _nashpy_cases():
        game = Game.bimatrix(A, B)
        assert not bg.equilibria(game).degenerate
        for label in range(sum(A.shape)):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                x, y = nashpy.Game(A, B).lemke_howson(initial_dropped_label=label)
            if x.shape != (A.shape[0],) or y.shape != (A.shape[1],) or not np.isfinite([*x, *y]).all():
                continue
            if x.min() < 0 or y.min() < 0 or not bg.is_equilibrium(game, (x / x.sum(), y / y.sum())):
                continue
            assert _same(lemke_howson(game, initial_label=label).profile, (x, y)), (A, B, label)
            compared += 1
    assert compared >= 100


# ------------------------------------------------------------------------ lemke_howson_all
def test_lemke_howson_all_merges_duplicates_in_order_found():
    pennies = Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    found = lemke_howson_all(pennies)
    assert len(found) == 1 and found.degenerate is False and found.tol == 1e-9


def test_lemke_howson_all_reports_degeneracy():
    found = lemke_howson_all(Game.bimatrix(VS_A, [[3, 3], [2, 6], [3, 1]]))
    assert found.degenerate is True
    for eq in found:
        _assert_equilibrium(Game.bimatrix(VS_A, [[3, 3], [2, 6], [3, 1]]), eq)


def test_lemke_howson_all_skips_the_degeneracy_test_on_large_games():
    size = 10
    assert math.comb(2 * size, size) > lh_module.DEGENERACY_CHECK_LIMIT
    found = lemke_howson_all(Game.bimatrix(np.zeros((size, size)), np.zeros((size, size))))
    assert found.degenerate is False  # documented: not checked at this size
    assert len(found) >= 1


@SETTINGS
@given(st.integers(1, 5), st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_lemke_howson_all_finds_distinct_equilibria_from_the_equilibrium_set(m, n, seed):
    rng = np.random.default_rng(seed)
    game = Game.bimatrix(rng.normal(size=(m, n)), rng.normal(size=(m, n)))
    found = lemke_howson_all(game)
    every = bg.equilibria(game)
    assert found.degenerate == every.degenerate
    assert 1 <= len(found) <= len(every)
    for k, eq in enumerate(found):
        assert any(_same(eq.profile, other.profile) for other in every)
        assert not any(_same(eq.profile, other.profile) for other in found[:k])


# ------------------------------------------------------------------------ labels given by name
def test_initial_label_as_player_and_strategy():
    game = Game.bimatrix(VS_A, VS_B, players=("Row", "Col"), strategies=(("a", "b", "c"), ("L", "R")))
    by_int = lemke_howson(game, initial_label=4)
    for label in [("Col", "R"), (1, 1), ("Col", 1), [1, "R"], np.int64(4)]:
        assert _same(lemke_howson(game, initial_label=label).profile, by_int.profile)
    assert _same(lemke_howson(game, initial_label=("Row", "b")).profile, VS_PATHS[1])


# ------------------------------------------------------------------------ bad inputs and failures
def test_three_player_game_is_refused():
    game = Game(np.zeros((3, 2, 2, 2)))
    with pytest.raises(PlayerCountError, match="pure_equilibria"):
        lemke_howson(game)
    with pytest.raises(PlayerCountError, match="3 players"):
        lemke_howson_all(game)


def test_not_a_game_is_refused():
    with pytest.raises(ArgumentTypeError, match="game must be a bargain.Game; got list"):
        lemke_howson([[1, 0], [0, 1]])


@pytest.mark.parametrize(
    "label, message",
    [
        (5, r"initial_label must be an int in \[0, 4\].*got 5"),
        (-1, r"initial_label must be an int in \[0, 4\].*got -1"),
        (True, r"initial_label must be .*got True"),
        (1.0, r"initial_label must be .*got 1.0"),
        ("s0", r"initial_label must be .*got 's0'"),
        ((0, 1, 2), r"initial_label must be .*got \(0, 1, 2\)"),
        (("P2", "s0"), r"initial_label \('P2', 's0'\) names no strategy: player must be one of"),
        (("P1", "s2"), r"initial_label \('P1', 's2'\) names no strategy: strategy of player 'P1'"),
        ((0, 3), r"initial_label \(0, 3\) names no strategy"),
    ],
)
def test_bad_initial_label(label, message):
    game = Game.bimatrix(VS_A, VS_B)
    with pytest.raises(InvalidArgumentError, match=message):
        lemke_howson(game, initial_label=label)


@pytest.mark.parametrize("tol", [0, -1e-9])
def test_bad_tol(tol):
    with pytest.raises(InvalidArgumentError, match="tol must be > 0"):
        lemke_howson(Game.bimatrix(VS_A, VS_B), tol=tol)
    with pytest.raises(InvalidArgumentError, match="tol must be > 0"):
        lemke_howson_all(Game.bimatrix(VS_A, VS_B), tol=tol)


def test_pivot_cap_raises_naming_the_game_size(monkeypatch):
    monkeypatch.setattr(lh_module, "MAX_PIVOTS_FACTOR", 0)
    monkeypatch.setattr(lh_module, "MIN_PIVOT_CAP", 1)
    # label 1 needs four pivots (see VS_PATHS)
    with pytest.raises(SolverError, match=r"within 1 pivots on this 3 x 2 game \(initial_label=1\)"):
        lemke_howson(Game.bimatrix(VS_A, VS_B), initial_label=1)


def test_a_result_that_fails_verification_is_not_returned(monkeypatch):
    # Stand in a wrong end point for the path: the verification must catch it.
    monkeypatch.setattr(lh_module, "_path", lambda *args: (np.array([0.0, 0, 1]), np.array([1.0, 0])))
    with pytest.raises(SolverError, match="regret 3 > "):
        lemke_howson(Game.bimatrix(VS_A, VS_B))


# ------------------------------------------------------------------------ exact arithmetic
#: Regret allowed after exact pivoting: only the final rounding of the probabilities to floats.
EXACT_REGRET_TOL = 1e-12


def _always_fail(*args):
    raise SolverError("floating point disabled for this test")


@pytest.fixture
def exact_only(monkeypatch):
    """Make the floating-point path fail at once, so every answer comes from integer pivoting."""

    monkeypatch.setattr(lh_module, "_float_pair", _always_fail)


@pytest.mark.parametrize("label", sorted(VS_PATHS), ids=lambda k: f"vonStengel2007-fig3.3-label{k}")
def test_exact_path_on_the_von_stengel_example(exact_only, label):
    eq = lemke_howson(Game.bimatrix(VS_A, VS_B), initial_label=label)
    assert _same(eq.profile, VS_PATHS[label])


@pytest.mark.parametrize("A, B, expected", CYCLING_CASES)
def test_exact_path_on_games_where_ad_hoc_tie_breaking_cycles(exact_only, A, B, expected):
    assert _same(lemke_howson(Game.bimatrix(A, B), initial_label=0).profile, expected)


def test_exact_path_on_a_nearly_degenerate_game(exact_only):
    # Payoffs that tie up to 1.2e-7 on a range of 67: degenerate up to about 2e-9 relative, close
    # enough to the tolerance to mislead a floating-point ratio test.
    e = 2.0**-23
    A = [[-67, e, e], [0, e, e], [e, e, e], [e, e, e], [e, e, e]]
    B = [[0, 0, -1], [0, 0, 0], [0, 0, 0], [0, 0, 0], [0, -1, 0]]
    game = Game.bimatrix(A, B)
    for label in range(8):
        eq = lemke_howson(game, initial_label=label)
        assert regret(game, eq.profile).max() <= EXACT_REGRET_TOL * payoff_scale(game)


# Integer games with some payoffs moved by 2^-28, i.e. degenerate up to about 1e-9 of the payoff
# range, which is the default tolerance: a floating-point ratio test misreads their near-ties (on
# these, it returns to a basis it has left, or reaches a singular one).
NEAR = 2.0**-28
NEARLY_DEGENERATE_CASES = [
    pytest.param(
        [[2 + NEAR, NEAR], [2, 2 + NEAR], [-1, -1], [2, -1], [0, 2]],
        [[-1, -1 + NEAR], [-2 + NEAR, -2 + NEAR], [-2 + NEAR, -1], [1, 0], [NEAR, NEAR]],
        id="5x2-near-ties",
    ),
    pytest.param(
        [[NEAR, 2, 2 + NEAR], [NEAR, -2, -1 + NEAR], [-2, 2, 1 + NEAR], [NEAR, 2 + NEAR, -2]],
        [[NEAR, 1 + NEAR, -1], [-1, NEAR, 2], [2, NEAR, 2 + NEAR], [-2 + NEAR, NEAR, 0]],
        id="4x3-near-ties",
    ),
]


@pytest.mark.parametrize("A, B", NEARLY_DEGENERATE_CASES)
def test_nearly_degenerate_games_every_label_returns_a_verified_equilibrium(A, B):
    game = Game.bimatrix(A, B)
    for label in range(sum(game.shape)):
        _assert_equilibrium(game, lemke_howson(game, initial_label=label))


@settings(max_examples=30, deadline=None)
@given(_int_games(max_size=4, low=0, high=2))
def test_exact_path_gives_extreme_equilibria_on_degenerate_games(AB):
    # (A fixture is set up once for all examples; monkeypatch it by hand here instead.)
    game = Game.bimatrix(*AB)
    every = bg.equilibria(game)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lh_module, "_float_pair", _always_fail)
        for label in range(sum(game.shape)):
            eq = lemke_howson(game, initial_label=label)
            assert regret(game, eq.profile).max() <= EXACT_REGRET_TOL * payoff_scale(game)
            assert any(_same(eq.profile, other.profile) for other in every), label
