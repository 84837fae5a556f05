"""All Nash equilibria of two-player games: ``bg.equilibria`` and ``bg.equilibria_batch``.

Known answers come from the literature or are derived by hand in the comments (indifference
conditions); properties state the mathematics of Nash equilibria, never the solver's steps.
"""

from __future__ import annotations

import itertools
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import bargain as bg
from bargain.equilibria.nash import DEFAULT_TOL
from bargain.errors import (
    ArgumentTypeError,
    DegenerateGameWarning,
    InvalidArgumentError,
    InvalidGameError,
    PlayerCountError,
)

#: Probabilities of a computed equilibrium against an exact (rational) known answer.
KNOWN_ATOL = 1e-9
#: Probabilities of equilibria of a transformed game (affine map, permutation) against the original.
INVARIANCE_ATOL = 1e-7
#: Relative tolerance on expected payoffs recomputed from the profile.
PAYOFF_RTOL = 1e-9

PROPERTY_SETTINGS = settings(max_examples=60, deadline=None)


def bimatrix(A, B, **names) -> Callable[[], bg.Game]:
    return lambda: bg.Game.bimatrix(A, B, **names)


def pure(k: int, size: int) -> tuple[int, ...]:
    return tuple(int(i == k) for i in range(size))


def swap(profiles):
    """The profiles of the game with the players' roles exchanged."""
    return [(y, x) for x, y in profiles]


@dataclass(frozen=True)
class Case:
    """A game and its exact set of (extreme) equilibria."""

    make: Callable[[], bg.Game]
    expected: tuple
    degenerate: bool
    atol: float = KNOWN_ATOL


# --------------------------------------------------------------------------------- known games
# von Stengel (2007), "Equilibrium computation for two-player games in strategic and extensive
# form", ch. 3 of Algorithmic Game Theory: the 3x2 running example (nondegenerate) ...
STENGEL_A = [[3, 3], [2, 5], [0, 6]]
STENGEL_B = [[3, 2], [2, 6], [3, 1]]
STENGEL_EQ = (
    ((1, 0, 0), (1, 0)),
    ((F(4, 5), F(1, 5), 0), (F(2, 3), F(1, 3))),
    ((0, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
)
# ... and its degenerate variant of sec. 3.6, B[0, 1] = 3: the top row has both columns as best
# responses. Its equilibria are the segment {top} x {(p, 1-p): p >= 2/3}, whose two ends are
# extreme, and the isolated mixed equilibrium.
STENGEL_DEG_B = [[3, 3], [2, 6], [3, 1]]
STENGEL_DEG_EQ = (
    ((1, 0, 0), (1, 0)),
    ((1, 0, 0), (F(2, 3), F(1, 3))),
    ((0, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
)

BOS_A, BOS_B = [[3, 0], [0, 2]], [[2, 0], [0, 3]]
BOS_EQ = (((1, 0), (1, 0)), ((0, 1), (0, 1)), ((F(3, 5), F(2, 5)), (F(2, 5), F(3, 5))))

RPS = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
THIRDS = (F(1, 3),) * 3

# Rock-paper-scissors-lizard-Spock (R, P, S, L, Sp): a tournament game, so its optimal strategy is
# unique (Fisher and Ryan 1992) and uniform; degenerate, as every pure strategy has two best replies.
RPSLS = [
    [0, -1, 1, 1, -1],
    [1, 0, -1, -1, 1],
    [-1, 1, 0, 1, -1],
    [-1, 1, -1, 0, 1],
    [1, -1, 1, -1, 0],
]

# Battle of the sexes with the row player's first strategy duplicated. Rows {0, 1} are one strategy
# split in two, so every equilibrium of the original game becomes a segment or stays a point:
# (r0|r1, c0) -> ends (r0, c0) and (r1, c0); the mixed one -> ends with 3/5 on r0 or on r1.
DUP_A, DUP_B = [[3, 0], [3, 0], [0, 2]], [[2, 0], [2, 0], [0, 3]]
DUP_EQ = (
    ((1, 0, 0), (1, 0)),
    ((0, 1, 0), (1, 0)),
    ((0, 0, 1), (0, 1)),
    ((F(3, 5), 0, F(2, 5)), (F(2, 5), F(3, 5))),
    ((0, F(3, 5), F(2, 5)), (F(2, 5), F(3, 5))),
)

INDIFFERENT_A = [[1, 2, -2], [0, 0, 0]]
INDIFFERENT_EQ = (
    ((1, 0), (1, 0, 0)),
    ((1, 0), (0, 1, 0)),
    ((1, 0), (F(2, 3), 0, F(1, 3))),
    ((1, 0), (0, F(1, 2), F(1, 2))),
    ((0, 1), (0, 0, 1)),
    ((0, 1), (F(2, 3), 0, F(1, 3))),
    ((0, 1), (0, F(1, 2), F(1, 2))),
)


def rps_with_dominated_strategies(cost: float) -> Callable[[], bg.Game]:
    """Rock-paper-scissors plus a fourth strategy per player that is strictly dominated by a margin
    of about ``cost``; removing it leaves rock-paper-scissors, so the only equilibrium stays uniform."""
    A = [[0, -1, 1, 2], [1, 0, -1, 3], [-1, 1, 0, 4], [-cost, 1 - cost, 3 - cost, 7 - cost]]
    return bimatrix(A, np.transpose(A).tolist())


def _affine(M, scale, shift):
    return (np.asarray(M, dtype=float) * scale + shift).tolist()


CASES = [
    # ---- textbook games, nondegenerate
    pytest.param(Case(bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]),
                      (((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2))),), False),
                 id="matching-pennies-vonNeumannMorgenstern1944"),
    pytest.param(Case(bimatrix(BOS_A, BOS_B), BOS_EQ, False), id="battle-of-the-sexes-LuceRaiffa1957"),
    pytest.param(Case(bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]), (((0, 1), (0, 1)),), False),
                 id="prisoners-dilemma-Axelrod1984"),
    # chicken (swerve, straight): a mixed strategy with 9/10 on swerve makes the other indifferent,
    # -1/10 = 9/10 - 10/10
    pytest.param(Case(bimatrix([[0, -1], [1, -10]], [[0, 1], [-1, -10]]),
                      (((1, 0), (0, 1)), ((0, 1), (1, 0)), ((F(9, 10), F(1, 10)), (F(9, 10), F(1, 10)))),
                      False),
                 id="chicken-RapoportChammah1966"),
    pytest.param(Case(bimatrix(RPS, np.negative(RPS).tolist()), ((THIRDS, THIRDS),), False),
                 id="rock-paper-scissors"),
    # no pure equilibrium (each cell has a profitable deviation); the column's 3/7 makes the row
    # indifferent (5*3/7 = 3/7 + 3*4/7) and the row's 1/3 makes the column indifferent (3*2/3 = 4/3 + 2/3)
    pytest.param(Case(bimatrix([[5, 0], [1, 3]], [[0, 4], [3, 1]]),
                      (((F(1, 3), F(2, 3)), (F(3, 7), F(4, 7))),), False),
                 id="unique-mixed-2x2-by-indifference"),
    pytest.param(Case(bimatrix(STENGEL_A, STENGEL_B), STENGEL_EQ, False), id="vonStengel2007-ch3-3x2"),
    # Shapley (1964): no pure equilibrium, and the only equilibrium is uniform for both players
    pytest.param(Case(bimatrix(np.eye(3).tolist(), [[0, 1, 0], [0, 0, 1], [1, 0, 0]]),
                      ((THIRDS, THIRDS),), False),
                 id="shapley1964-3x3"),
    # pure coordination on 3 strategies: uniform play on any nonempty common support, 2^3 - 1 of them
    pytest.param(Case(bimatrix(np.eye(3).tolist(), np.eye(3).tolist()),
                      tuple((s, s) for s in (
                          tuple(F(int(i in S), len(S)) for i in range(3))
                          for k in (1, 2, 3) for S in itertools.combinations(range(3), k))),
                      False),
                 id="coordination-3x3-seven-equilibria"),
    pytest.param(Case(bimatrix([[4]], [[-1]]), (((1,), (1,)),), False), id="one-by-one"),
    pytest.param(Case(bimatrix([[1, 5, 3]], [[1, 3, 2]]), (((1,), (0, 1, 0)),), False), id="one-by-three"),
    # ---- degenerate games: the extreme equilibria
    pytest.param(Case(bimatrix(np.zeros((2, 3)).tolist(), np.zeros((2, 3)).tolist()),
                      tuple((pure(i, 2), pure(j, 3)) for i in range(2) for j in range(3)), True),
                 id="degenerate-all-zero-2x3-every-pure-profile"),
    pytest.param(Case(bimatrix(STENGEL_A, STENGEL_DEG_B), STENGEL_DEG_EQ, True),
                 id="degenerate-vonStengel2007-sec3.6-3x2"),
    pytest.param(Case(bimatrix(DUP_A, DUP_B), DUP_EQ, True), id="degenerate-duplicated-row"),
    pytest.param(Case(bimatrix(np.transpose(DUP_B).tolist(), np.transpose(DUP_A).tolist()), tuple(swap(DUP_EQ)), True),
                 id="degenerate-duplicated-column"),
    # the column player is indifferent everywhere; the row is indifferent at y = (1/3, 2/3)
    pytest.param(Case(bimatrix([[2, 0], [0, 1]], [[1, 1], [1, 1]]),
                      (((1, 0), (1, 0)), ((1, 0), (F(1, 3), F(2, 3))),
                       ((0, 1), (F(1, 3), F(2, 3))), ((0, 1), (0, 1))), True),
                 id="degenerate-constant-column-payoffs-unequal-supports"),
    # zero-sum, value 0: every row strategy is optimal, the column must play its second strategy
    pytest.param(Case(bimatrix([[1, 0], [0, 0]], [[-1, 0], [0, 0]]),
                      (((1, 0), (0, 1)), ((0, 1), (0, 1))), True),
                 id="degenerate-zero-sum-weak-dominance"),
    pytest.param(Case(bimatrix([[1, 5, 3]], [[2, 2, 0]]), (((1,), (1, 0, 0)), ((1,), (0, 1, 0))), True),
                 id="degenerate-one-by-three-tie"),
    pytest.param(Case(bimatrix(RPSLS, np.negative(RPSLS).tolist()), (((F(1, 5),) * 5, (F(1, 5),) * 5),), True),
                 id="degenerate-rock-paper-scissors-lizard-spock"),
    # the column player is indifferent everywhere; the row's payoff difference y0 + 2 y1 - 2 y2 changes
    # sign on the edges at (2/3, 0, 1/3) and (0, 1/2, 1/2), which end both players' segments
    pytest.param(Case(bimatrix(INDIFFERENT_A, np.zeros((2, 3)).tolist()), INDIFFERENT_EQ, True),
                 id="degenerate-indifferent-column-player"),
    # ---- large and small payoffs: the same equilibria as the unscaled games
    pytest.param(Case(bimatrix(_affine(STENGEL_A, 1e6, 1e6), _affine(STENGEL_B, 1e6, 1e6)), STENGEL_EQ, False),
                 id="vonStengel2007-ch3-3x2-times-1e6-plus-1e6"),
    pytest.param(Case(bimatrix(_affine(STENGEL_A, 1e6, -1e6), _affine(STENGEL_DEG_B, 1e6, 1e6)), STENGEL_DEG_EQ, True),
                 id="degenerate-vonStengel2007-sec3.6-times-1e6-shifted"),
    pytest.param(Case(bimatrix(_affine(DUP_A, 1e6, 1e6), _affine(DUP_B, 3e5, -1e6)), DUP_EQ, True),
                 id="degenerate-duplicated-row-times-1e6-plus-1e6"),
    pytest.param(Case(rps_with_dominated_strategies(1e3), ((THIRDS + (0,), THIRDS + (0,)),), False),
                 id="rock-paper-scissors-plus-strategy-dominated-by-1e3"),
    pytest.param(Case(rps_with_dominated_strategies(1e4), ((THIRDS + (0,), THIRDS + (0,)),), False),
                 id="rock-paper-scissors-plus-strategy-dominated-by-1e4"),
    pytest.param(Case(rps_with_dominated_strategies(1e6), ((THIRDS + (0,), THIRDS + (0,)),), False),
                 id="rock-paper-scissors-plus-strategy-dominated-by-1e6"),
    # constant payoffs are exact ties whatever their size (found by the affine-invariance property)
    pytest.param(Case(bimatrix(INDIFFERENT_A, np.full((2, 3), 113035121.5).tolist()), INDIFFERENT_EQ, True),
                 id="degenerate-indifferent-column-player-paid-113035121.5"),
    pytest.param(Case(bimatrix(_affine(BOS_A, 1e-6, 1.0), _affine(BOS_B, 1e-6, -1.0)), BOS_EQ, False),
                 id="battle-of-the-sexes-times-1e-6-shifted"),
]


def _methods(case: Case) -> tuple[str, ...]:
    # support enumeration is complete only for nondegenerate games
    return ("auto", "vertex") if case.degenerate else ("auto", "support", "vertex")


CASE_METHODS = [
    pytest.param(p.values[0], method, id=f"{p.id}-{method}") for p in CASES for method in _methods(p.values[0])
]


@pytest.mark.parametrize("case, method", CASE_METHODS)
def test_known_equilibria(case, method, profile_sets):
    game = case.make()
    eqs = bg.equilibria(game, method=method)
    profile_sets.assert_equal(eqs, case.expected, case.atol)
    assert eqs.degenerate is case.degenerate
    if method == "auto":
        assert eqs.method == ("vertex" if case.degenerate else "support")
    else:
        assert eqs.method == method
    for eq in eqs:
        assert bg.is_equilibrium(game, eq.profile)


@pytest.mark.parametrize("case", [p.values[0] for p in CASES], ids=[p.id for p in CASES])
def test_records_are_consistent(case):
    game = case.make()
    A, B = game.payoffs
    eqs = bg.equilibria(game)
    assert isinstance(eqs, bg.Equilibria) and eqs.tol == DEFAULT_TOL
    sizes = []
    for eq in eqs:
        x, y = eq.profile
        assert x.shape == (A.shape[0],) and y.shape == (A.shape[1],)
        assert not x.flags.writeable and not y.flags.writeable
        for p in (x, y):
            assert p.min() >= 0 and p.sum() == pytest.approx(1, abs=1e-12)
        np.testing.assert_allclose(eq.payoffs, [x @ A @ y, x @ B @ y], rtol=PAYOFF_RTOL,
                                   atol=PAYOFF_RTOL * np.ptp(game.payoffs))
        assert eq.players == game.players and eq.strategies == game.strategies
        assert eq.support == tuple(
            tuple(name for name, p in zip(names, prob) if p > 0) for names, prob in zip(game.strategies, eq.profile)
        )
        assert np.all(eq.regret >= 0)
        np.testing.assert_allclose(eq.regret, bg.regret(game, eq.profile), rtol=0,
                                   atol=PAYOFF_RTOL * max(np.ptp(game.payoffs), 1.0))
        sizes.append(len(eq.support[0]) + len(eq.support[1]))
    # pure equilibria first, then by support size
    assert sizes == sorted(sizes)
    # no equilibrium listed twice
    for a, b in itertools.combinations(eqs, 2):
        assert max(np.abs(a.profile[0] - b.profile[0]).max(), np.abs(a.profile[1] - b.profile[1]).max()) > 1e-6


def test_names_are_carried_into_the_records():
    game = bg.Game.bimatrix(BOS_A, BOS_B, players=("Bureau", "Office"),
                            strategies=(("Reform", "Delay"), ("Comply", "Resist")))
    eqs = bg.equilibria(game)
    assert [eq.support for eq in eqs] == [
        (("Reform",), ("Comply",)),
        (("Delay",), ("Resist",)),
        (("Reform", "Delay"), ("Comply", "Resist")),
    ]
    assert all(eq.players == ("Bureau", "Office") for eq in eqs)
    assert "Bureau" in repr(eqs[2]) and "Resist" in repr(eqs[2])


def test_von_stengel_1999_game_has_75_equilibria(von_stengel_1999):
    game = von_stengel_1999
    eqs = bg.equilibria(game)
    assert len(eqs) == 75
    assert not eqs.degenerate
    assert all(bg.is_equilibrium(game, eq.profile) for eq in eqs)
    # in a nondegenerate game both supports of an equilibrium have the same size
    assert all(len(eq.support[0]) == len(eq.support[1]) for eq in eqs)


def test_equilibrium_component_returns_both_ends_only():
    """The segment {top} x {(p, 1-p): 2/3 <= p <= 1} of von Stengel (2007, sec. 3.6)."""
    game = bg.Game.bimatrix(STENGEL_A, STENGEL_DEG_B)
    eqs = bg.equilibria(game)
    assert eqs.degenerate and len(eqs) == 3
    ends = [eq for eq in eqs if eq.profile[0][0] == pytest.approx(1)]
    assert sorted(round(eq.profile[1][0], 9) for eq in ends) == [round(2 / 3, 9), 1.0]
    # the interior of the segment is made of equilibria too, but they are not extreme
    middle = ([1, 0, 0], [5 / 6, 1 / 6])
    assert bg.is_equilibrium(game, middle)
    assert not any(np.allclose(eq.profile[1], middle[1]) for eq in eqs)
    # the end (1, 0, 0), (2/3, 1/3) has supports of different sizes
    assert {(len(eq.support[0]), len(eq.support[1])) for eq in eqs} == {(1, 1), (1, 2), (2, 2)}


def test_support_method_warns_on_a_degenerate_game():
    game = bg.Game.bimatrix(STENGEL_A, STENGEL_DEG_B)
    with pytest.warns(DegenerateGameWarning, match="degenerate"):
        eqs = bg.equilibria(game, method="support")
    assert eqs.degenerate
    assert all(bg.is_equilibrium(game, eq.profile) for eq in eqs)


def test_distinct_equilibria_closer_than_1e_7_are_both_returned(profile_sets):
    """A nondegenerate coordination game whose mixed equilibrium lies 1e-8 from a pure one.

    Payoff differences of 1e-8 (relative to the range) are ten times the default tie tolerance,
    so the game is nondegenerate and has three equilibria: (e0, e0), (e1, e1) and both players
    putting eps / (1 + eps) on their first strategy.
    """
    eps = 1e-8
    game = bg.Game.bimatrix([[1, 0], [0, eps]], [[1, 0], [0, eps]])
    eqs = bg.equilibria(game)
    mixed = (eps / (1 + eps), 1 / (1 + eps))
    assert not eqs.degenerate
    profile_sets.assert_equal(eqs, [((1, 0), (1, 0)), ((0, 1), (0, 1)), (mixed, mixed)], atol=1e-14)


def test_tol_decides_what_counts_as_a_tie(profile_sets):
    """Payoffs 1e-10 apart (relative to the range) tie at tol=1e-9 but not at 1e-12 or the default."""
    eps = 1e-10
    game = bg.Game.bimatrix([[1, 0], [0, eps]], [[1, 0], [0, eps]])
    coarse = bg.equilibria(game, tol=1e-9)
    assert coarse.degenerate and coarse.tol == 1e-9
    assert not bg.equilibria(game).degenerate
    assert all(bg.is_equilibrium(game, eq.profile) for eq in coarse)
    fine = bg.equilibria(game, tol=1e-12)
    assert not fine.degenerate and fine.tol == 1e-12
    mixed = (eps / (1 + eps), 1 / (1 + eps))
    profile_sets.assert_equal(fine, [((1, 0), (1, 0)), ((0, 1), (0, 1)), (mixed, mixed)], atol=1e-14)


def test_tiny_payoffs_raise_no_numerical_warnings(profile_sets):
    """A payoff of 2.2e-308 (the smallest normal float) next to payoffs of 2 is a valid game.

    The row player is indifferent everywhere; the column player is too unless row 2 is played,
    when column 2 is its only best reply (the 2.2e-308 ties with 0 at any tolerance).
    """
    B = [[2, 2, 2], [2, 2, 2], [0, 2.2250738585072014e-308, 2]]
    game = bg.Game.bimatrix(np.full((3, 3), 2.0), B)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        eqs = bg.equilibria(game)
    expected = [(pure(i, 3), pure(j, 3)) for i in (0, 1) for j in range(3)] + [(pure(2, 3), pure(2, 3))]
    profile_sets.assert_equal(eqs, expected, KNOWN_ATOL)


@pytest.mark.parametrize("method", ["nashpy-support", "nashpy-vertex"])
@pytest.mark.parametrize("index", [0, 1, 3, 5, 6, 7], ids=lambda k: CASES[k].id)
def test_nashpy_backends_agree_on_nondegenerate_games(method, index, profile_sets):
    case = CASES[index].values[0]
    eqs = bg.equilibria(case.make(), method=method)
    profile_sets.assert_equal(eqs, case.expected, case.atol)
    assert eqs.method == method and not eqs.degenerate


def test_nashpy_lemke_howson_finds_some_of_the_equilibria(profile_sets):
    game = bg.Game.bimatrix(STENGEL_A, STENGEL_B)
    eqs = bg.equilibria(game, method="nashpy-lemke-howson")
    assert len(eqs) >= 1
    profile_sets.assert_contains(STENGEL_EQ, eqs, KNOWN_ATOL)


def test_nashpy_backend_warns_on_a_degenerate_game():
    with pytest.warns(DegenerateGameWarning):
        bg.equilibria(bg.Game.bimatrix(DUP_A, DUP_B), method="nashpy-support")


def test_results_are_deterministic(von_stengel_1999):
    assert bg.equilibria(von_stengel_1999) == bg.equilibria(von_stengel_1999)


# --------------------------------------------------------------------------------- batches
def test_batch_of_known_games_matches_single_calls():
    games = [bg.Game.bimatrix(STENGEL_A, STENGEL_B), bg.Game.bimatrix(STENGEL_A, STENGEL_DEG_B),
             bg.Game.bimatrix(DUP_A, DUP_B), bg.Game.bimatrix(np.zeros((3, 2)), np.zeros((3, 2)))]
    batch = bg.equilibria_batch(games)
    assert isinstance(batch, list)
    assert batch == [bg.equilibria(g) for g in games]
    assert [e.degenerate for e in batch] == [False, True, True, True]
    assert [e.method for e in batch] == ["support", "vertex", "vertex", "vertex"]


def test_batch_keeps_each_games_names():
    games = [bg.Game.bimatrix(BOS_A, BOS_B, players=("Bureau", "Office")),
             bg.Game.bimatrix(BOS_B, BOS_A, strategies=(("a", "b"), ("c", "d")))]
    first, second = bg.equilibria_batch(games)
    assert first[0].players == ("Bureau", "Office") and first[0].strategies == (("s0", "s1"), ("s0", "s1"))
    assert second[0].players == ("P0", "P1") and second[0].strategies == (("a", "b"), ("c", "d"))


def test_batch_from_an_array_uses_default_names():
    payoffs = np.array([[STENGEL_A, STENGEL_B], [STENGEL_A, STENGEL_DEG_B]])
    assert bg.equilibria_batch(payoffs) == [bg.equilibria(bg.Game(p)) for p in payoffs]


def test_empty_batches_give_empty_lists():
    assert bg.equilibria_batch([]) == []
    assert bg.equilibria_batch(np.zeros((0, 2, 2, 3))) == []


def test_batch_payoffs_match_single_calls_to_the_last_bit():
    # a small case of the batch property below: solved next to a constant game, the mixed
    # equilibrium of the first game must carry the very same expected payoffs as when solved alone
    payoffs = np.array([[[[0, 30], [30, 1]], [[30, 0], [0, 30]]], np.full((2, 2, 2), 30)], dtype=float)
    batch = bg.equilibria_batch(payoffs)
    single = [bg.equilibria(bg.Game(p)) for p in payoffs]
    assert batch == single
    for got, want in zip(batch, single):
        for a, b in zip(got, want):
            assert a.payoffs.tolist() == b.payoffs.tolist() and a.regret.tolist() == b.regret.tolist()


def test_large_batch_matches_single_calls():
    # enough 6x6 games that the stacked systems of one support size are solved in several chunks
    payoffs = np.random.default_rng(2024).integers(-2, 3, size=(400, 2, 6, 6)).astype(float)
    assert bg.equilibria_batch(payoffs) == [bg.equilibria(bg.Game(p)) for p in payoffs]


def test_batch_support_method_warns_on_degenerate_games():
    with pytest.warns(DegenerateGameWarning, match="1 of the games"):
        bg.equilibria_batch([bg.Game.bimatrix(STENGEL_A, STENGEL_B), bg.Game.bimatrix(DUP_A, DUP_B)],
                            method="support")


# --------------------------------------------------------------------------------- properties
@st.composite
def integer_games(draw, low=-3, high=3, min_size=2, max_size=5):
    """Small integer games: ties are common, so many of them are degenerate."""
    shape = (draw(st.integers(min_size, max_size)), draw(st.integers(min_size, max_size)))
    entries = st.integers(low, high)
    return bg.Game.bimatrix(draw(arrays(np.int64, shape, elements=entries)),
                            draw(arrays(np.int64, shape, elements=entries)))


@st.composite
def float_games(draw, min_size=2, max_size=5):
    """Games with arbitrary float payoffs, ties and near-ties included."""
    shape = (2, draw(st.integers(min_size, max_size)), draw(st.integers(min_size, max_size)))
    entries = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False, allow_subnormal=False)
    return bg.Game(draw(arrays(np.float64, shape, elements=entries)))


@st.composite
def generic_games(draw, min_size=2, max_size=5):
    """Games with independent continuous payoffs: nondegenerate with probability one."""
    shape = (2, draw(st.integers(min_size, max_size)), draw(st.integers(min_size, max_size)))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return bg.Game(rng.uniform(-10, 10, size=shape))


@PROPERTY_SETTINGS
@given(st.one_of(integer_games(), float_games(), generic_games()))
def test_every_returned_profile_has_zero_regret(game):
    eqs = bg.equilibria(game)
    assert len(eqs) >= 1  # Nash (1951): every finite game has an equilibrium
    for eq in eqs:
        assert bg.is_equilibrium(game, eq.profile)


@PROPERTY_SETTINGS
@given(generic_games())
def test_generic_games_are_nondegenerate_with_an_odd_number_of_equilibria(game):
    # Shapley (1974): a nondegenerate bimatrix game has an odd number of equilibria
    eqs = bg.equilibria(game)
    assert not eqs.degenerate
    assert len(eqs) % 2 == 1
    assert all(len(eq.support[0]) == len(eq.support[1]) for eq in eqs)


@PROPERTY_SETTINGS
@given(game=st.one_of(generic_games(), integer_games()))
def test_support_and_vertex_enumeration_agree_on_nondegenerate_games(game, profile_sets):
    assume(not bg.equilibria(game).degenerate)
    support = bg.equilibria(game, method="support")
    vertex = bg.equilibria(game, method="vertex")
    profile_sets.assert_equal(support, vertex, KNOWN_ATOL)
    assert len(support) % 2 == 1


@PROPERTY_SETTINGS
@given(game=integer_games())
def test_auto_gives_the_extreme_equilibria_of_vertex_enumeration(game, profile_sets):
    profile_sets.assert_equal(bg.equilibria(game), bg.equilibria(game, method="vertex"), KNOWN_ATOL)


@PROPERTY_SETTINGS
@given(game=st.one_of(integer_games(), generic_games()),
       a=st.floats(1e-3, 1e3), b=st.floats(-1e3, 1e3), c=st.floats(1e-3, 1e3), d=st.floats(-1e3, 1e3))
def test_invariant_under_positive_affine_maps_of_each_players_payoffs(game, a, b, c, d, profile_sets):
    # scales up to 1e3 and shifts up to 1e3 times the scale keep payoffs within about 1e6
    A, B = game.payoffs
    transformed = bg.Game.bimatrix(a * A + a * b, c * B + c * d)
    before, after = bg.equilibria(game), bg.equilibria(transformed)
    profile_sets.assert_equal(after, before, INVARIANCE_ATOL)
    assert after.degenerate == before.degenerate


@PROPERTY_SETTINGS
@given(game=st.one_of(integer_games(), generic_games()), data=st.data())
def test_invariant_under_permutations_of_strategies(game, data, profile_sets):
    m, n = game.shape
    rows = np.array(data.draw(st.permutations(range(m))))
    cols = np.array(data.draw(st.permutations(range(n))))
    A, B = game.payoffs
    permuted = bg.equilibria(bg.Game.bimatrix(A[np.ix_(rows, cols)], B[np.ix_(rows, cols)]))
    # strategy k of the permuted game is strategy rows[k] (cols[k]) of the original
    mapped = []
    for eq in permuted:
        x, y = np.empty(m), np.empty(n)
        x[rows], y[cols] = eq.profile
        mapped.append((x, y))
    original = bg.equilibria(game)
    profile_sets.assert_equal(mapped, original, INVARIANCE_ATOL)
    assert permuted.degenerate == original.degenerate


@PROPERTY_SETTINGS
@given(game=st.one_of(integer_games(), generic_games()))
def test_exchanging_the_players_exchanges_the_equilibria(game, profile_sets):
    A, B = game.payoffs
    exchanged = bg.equilibria(bg.Game.bimatrix(B.T, A.T))
    profile_sets.assert_equal(swap(eq.profile for eq in exchanged), bg.equilibria(game), INVARIANCE_ATOL)


@PROPERTY_SETTINGS
@given(game=integer_games(max_size=3), margin=st.sampled_from([1e2, 1e3, 1e4, 1e5]), data=st.data())
def test_adding_strictly_dominated_strategies_changes_nothing(game, margin, data, profile_sets):
    """Append a row and a column, each strictly dominated by ``margin`` or more for its owner.

    A strictly dominated strategy is never played in equilibrium nor a profitable deviation, so the
    (extreme) equilibria are those of the original game with a zero appended. The payoff range
    grows to about ``margin``; the original payoffs (integers in [-3, 3], supports of at most 3)
    stay resolvable at the default tolerance, relative to that range, up to ``margin = 1e5``.
    """
    A, B = game.payoffs
    m, n = game.shape
    small, extra = st.integers(-3, 3), st.integers(0, 3)
    A2, B2 = np.zeros((m + 1, n + 1)), np.zeros((m + 1, n + 1))
    A2[:m, :n], B2[:m, :n] = A, B
    A2[:m, n] = data.draw(arrays(np.int64, m, elements=small))  # the row player's payoffs vs the new column
    B2[m, :n] = data.draw(arrays(np.int64, n, elements=small))  # the column player's payoffs vs the new row
    A2[m, :] = A.min() - margin - data.draw(arrays(np.int64, n + 1, elements=extra))
    B2[:, n] = B.min() - margin - data.draw(arrays(np.int64, m + 1, elements=extra))
    augmented = bg.equilibria(bg.Game.bimatrix(A2, B2))
    padded = [(np.append(eq.profile[0], 0), np.append(eq.profile[1], 0)) for eq in bg.equilibria(game)]
    profile_sets.assert_equal(augmented, padded, KNOWN_ATOL)


@st.composite
def same_shape_batches(draw):
    m, n, k = draw(st.integers(1, 4)), draw(st.integers(1, 4)), draw(st.integers(1, 6))
    small = st.integers(-2, 2).map(float)
    wide = st.floats(-1e3, 1e3, allow_nan=False, allow_subnormal=False)
    return draw(arrays(np.float64, (k, 2, m, n), elements=draw(st.sampled_from([small, wide]))))


@PROPERTY_SETTINGS
@given(same_shape_batches(), st.sampled_from(["auto", "vertex"]))
def test_batch_equals_one_call_per_game_exactly(payoffs, method):
    games = [bg.Game(p) for p in payoffs]
    single = [bg.equilibria(g, method=method) for g in games]
    for batch in (bg.equilibria_batch(games, method=method), bg.equilibria_batch(payoffs, method=method)):
        assert batch == single
        for got, want in zip(batch, single):
            assert got.tol == want.tol
            for a, b in zip(got, want):
                assert np.array_equal(a.payoffs, b.payoffs) and np.array_equal(a.regret, b.regret)


# --------------------------------------------------------------------------------- bad inputs
PENNIES = bg.Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])


def test_three_player_game_points_to_pure_equilibria():
    three = bg.Game(np.zeros((3, 2, 2, 2)))
    with pytest.raises(PlayerCountError, match=r"2-player game; got a game with 3 players.*pure_equilibria"):
        bg.equilibria(three)
    with pytest.raises(PlayerCountError, match="pure_equilibria"):
        bg.equilibria_batch([three])


def test_one_player_game_is_refused():
    with pytest.raises(PlayerCountError, match="1 players"):
        bg.equilibria(bg.Game([[1.0, 2.0]]))


@pytest.mark.parametrize("tol", [0, 0.0, -1, -1e-12])
def test_tol_must_be_positive(tol):
    with pytest.raises(InvalidArgumentError, match=rf"tol must be > 0; got {tol!r}"):
        bg.equilibria(PENNIES, tol=tol)
    with pytest.raises(InvalidArgumentError, match="tol must be > 0"):
        bg.equilibria_batch([PENNIES], tol=tol)


@pytest.mark.parametrize("tol, error", [(float("nan"), InvalidArgumentError), (float("inf"), InvalidArgumentError),
                                        ("1e-9", ArgumentTypeError), (True, ArgumentTypeError)])
def test_tol_must_be_a_finite_real(tol, error):
    with pytest.raises(error, match="tol must be"):
        bg.equilibria(PENNIES, tol=tol)


@pytest.mark.parametrize("method, closest", [("suport", "support"), ("vertx", "vertex"), ("Auto", "auto"),
                                             ("nashpy_support", "nashpy-support")])
def test_unknown_method_suggests_the_closest(method, closest):
    with pytest.raises(InvalidArgumentError, match=rf"method must be one of .*got '{method}'; did you mean '{closest}'"):
        bg.equilibria(PENNIES, method=method)


def test_batch_refuses_the_nashpy_methods():
    with pytest.raises(InvalidArgumentError, match="method must be one of 'auto', 'support', 'vertex'"):
        bg.equilibria_batch([PENNIES], method="nashpy-vertex")


def test_game_must_be_a_game():
    with pytest.raises(ArgumentTypeError, match="game must be a bargain.Game; got ndarray"):
        bg.equilibria(PENNIES.payoffs)


def test_batch_games_must_share_one_shape():
    other = bg.Game.bimatrix(np.zeros((2, 3)), np.zeros((2, 3)))
    with pytest.raises(InvalidGameError, match=r"one shape; games\[0\] is \(2, 2\), games\[1\] is \(2, 3\)"):
        bg.equilibria_batch([PENNIES, other])


@pytest.mark.parametrize("item", ["pennies", PENNIES.payoffs, None])
def test_batch_items_must_be_games(item):
    with pytest.raises(ArgumentTypeError, match=r"games\[1\] must be a bargain.Game; got"):
        bg.equilibria_batch([PENNIES, item])


@pytest.mark.parametrize("games", [PENNIES, iter([PENNIES]), 3])
def test_batch_needs_a_sequence_or_an_array(games):
    with pytest.raises(ArgumentTypeError, match="games must be a sequence"):
        bg.equilibria_batch(games)


@pytest.mark.parametrize("shape", [(2, 2, 2), (2, 3, 2, 2), (1, 2, 2, 2, 2), (2, 2, 0, 2)])
def test_batch_array_must_have_shape_k_2_m_n(shape):
    with pytest.raises(InvalidGameError, match=r"shape \(k, 2, m, n\).*got " + re.escape(str(shape))):
        bg.equilibria_batch(np.zeros(shape))


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_batch_array_must_be_finite(bad):
    payoffs = np.zeros((3, 2, 2, 2))
    payoffs[2, 1, 0, 1] = bad
    with pytest.raises(InvalidGameError, match="finite"):
        bg.equilibria_batch(payoffs)


@pytest.mark.parametrize("payoffs", [np.full((1, 2, 2, 2), 1 + 1j), np.full((1, 2, 2, 2), "a")],
                         ids=["complex", "text"])
def test_batch_array_must_hold_real_numbers(payoffs):
    # a Game refuses these with InvalidGameError; the array form of a batch must not accept them
    # (complex values would otherwise lose their imaginary part without notice)
    with pytest.raises(InvalidGameError):
        bg.equilibria_batch(payoffs)


# A payoff of 1e6 among payoffs in {0, 1, 2}: a probability of 1e-6 times a payoff gap of 1 is a real
# difference of 1e-12 of the range, which a tolerance of 1e-9 mistook for a tie (found in review;
# expected sets from pygambit's exact enumeration).
OUTLIER_CASES = [
    pytest.param([[1, 1], [0, 10**6], [1, 0]], [[1, 0], [1, 1], [1, 1]], 4, id="one-payoff-of-1e6-3x2"),
    pytest.param([[0, 0, 1, 2], [100000, 0, 2, 1], [2, 0, 2, 2], [2, 1, 1, 1]],
                 [[1, 1, 2, 0], [1, 2, 0, 1], [0, 2, 1, 1], [2, 2, 1, 2]], None, id="one-payoff-of-1e5-4x4"),
]


@pytest.mark.parametrize("A, B, count", OUTLIER_CASES)
def test_outlier_payoffs_match_exact_enumeration(A, B, count):
    gbt = pytest.importorskip("pygambit")
    result = gbt.nash.enummixed_solve(gbt.Game.from_arrays(A, B), rational=True)
    game = result.equilibria[0].game if result.equilibria else None
    expected = [
        np.array([float(eq[s]) for player in game.players for s in player.strategies]) for eq in result.equilibria
    ]
    if count is not None:
        assert len(expected) == count
    found = [np.concatenate(eq.profile) for eq in bg.equilibria(bg.Game.bimatrix(A, B))]
    assert len(found) == len(expected)
    for e in expected:
        assert any(np.abs(e - f).max() < 1e-9 for f in found), e
