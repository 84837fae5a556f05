"""One Nash equilibrium of a two-player game by the Lemke–Howson algorithm.

The algorithm works on the best-response polytopes of von Stengel (2007, sec. 3.3–3.5). With each
player's payoffs mapped affinely onto ``[1, 2]`` (which changes no equilibrium),

.. math::

    P = \\{x \\in \\mathbb{R}^m : x \\ge 0,\\ B^\\top x \\le 1\\}, \\qquad
    Q = \\{y \\in \\mathbb{R}^n : A y \\le 1,\\ y \\ge 0\\}.

Label ``i`` (a row, ``0 <= i < m``) belongs to a point where ``x_i = 0`` or ``(A y)_i = 1``, and
label ``m + j`` (a column) to a point where ``(B^T x)_j = 1`` or ``y_j = 0``. With slack variables
``s = 1 - B^T x`` and ``r = 1 - A y`` both polytopes become tableaux of equations, and in each the
variable ``x_i`` or ``r_i`` carries label ``i`` and ``s_j`` or ``y_j`` carries label ``m + j``; a
label is present when its variable is nonbasic (zero). The start ``(0, 0)`` has every label.

Lemke–Howson drops one label ``k``: its variable enters the basis of its tableau, and the minimum
ratio test chooses the variable that leaves. The leaving variable's label is now present twice, so
its twin enters the basis of the *other* tableau, and so on, alternating, until the variable that
leaves carries ``k`` itself. The pair reached is completely labelled, hence a Nash equilibrium
after each of ``x`` and ``y`` is scaled to sum to 1.

In a degenerate game the minimum ratio test can tie, and a careless choice among the tied rows can
cycle or stop at a pair that is not an equilibrium. Here ties are broken by the lexicographic
minimum-ratio rule (von Stengel 2007, sec. 3.6): the rows ``[b_i, (B^{-1})_i] / d_i`` are compared
lexicographically, which is the simplex method on the perturbed right-hand side
``1 + (eps, eps^2, ...)``. The perturbed polytopes are nondegenerate, so the path is unique, never
revisits a basis and ends at an equilibrium of the original game.

The path is followed in floating point, with ties detected up to a tolerance and the tableau
recomputed from the original matrices every few pivots so that rounding errors do not pile up. A
game that is degenerate up to about the tolerance can still defeat this (a near-tie misread sends
the path astray); then, for games with ``m + n <= 60``, the path is followed again in exact
arithmetic by integer pivoting (von Stengel 2007, sec. 3.5) on the exact values of the payoffs,
where the lexicographic rule is exact. Every answer is verified before it is returned.

References
----------
.. [1] C. E. Lemke, J. T. Howson, "Equilibrium points of bimatrix games", *Journal of the Society
   for Industrial and Applied Mathematics* 12 (1964) 413–423.
.. [2] B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive
   form", ch. 3 of N. Nisan, T. Roughgarden, E. Tardos, V. Vazirani (eds.), *Algorithmic Game
   Theory*, Cambridge University Press, 2007.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from .._validation import check_game, check_positive
from ..errors import InvalidArgumentError, InvalidProfileError, SolverError
from ..game import Game
from . import enumeration
from .records import Equilibria, Equilibrium
from .regret import payoff_scale, regret

__all__ = ["lemke_howson", "lemke_howson_all", "MAX_PIVOTS_FACTOR", "DEGENERACY_CHECK_LIMIT"]

#: The pivot cap is ``max(MIN_PIVOT_CAP, MAX_PIVOTS_FACTOR * (m + n))``. The lexicographic rule
#: cannot cycle, so the cap only guards against numerical trouble.
MAX_PIVOTS_FACTOR = 1000
MIN_PIVOT_CAP = 10_000

#: The tableau is recomputed from the original matrices after ``max(REFRESH_EVERY, rows)`` pivots
#: (a recomputation costs about as much as ``rows`` pivots).
REFRESH_EVERY = 16

#: When the floating-point path fails (a nearly degenerate game can defeat any tolerance), it is
#: followed again in exact rational arithmetic if ``m + n`` is at most this.
EXACT_FALLBACK_MAX = 60

#: A result is returned only if every regret is at most ``VERIFY_FACTOR * tol * payoff range``.
VERIFY_FACTOR = 10.0

#: ``lemke_howson_all`` merges two results whose probabilities differ by less than this everywhere.
MERGE_TOL = 1e-7

#: ``lemke_howson_all`` tests for degeneracy only when the number of bases ``C(m + n, m)`` is at most this.
DEGENERACY_CHECK_LIMIT = 100_000


def lemke_howson(game: Game, *, initial_label=0, tol: float = 1e-9) -> Equilibrium:
    """One Nash equilibrium of a two-player game by the Lemke–Howson algorithm.

    Follows the path of almost completely labelled vertex pairs of the best-response polytopes
    from the artificial equilibrium ``(0, 0)``, with label ``initial_label`` missing, to the first
    completely labelled pair (see the module docstring). Ties in the ratio test are broken by the
    lexicographic rule, so the algorithm terminates with an equilibrium on degenerate games too.

    Parameters
    ----------
    game : Game
        A two-player game with ``m`` row and ``n`` column strategies.
    initial_label : int or (player, strategy), default 0
        The label dropped first. An int in ``0 .. m + n - 1``: the rows' strategies ``0 .. m - 1``,
        then the columns' strategies ``m .. m + n - 1`` (the numbering of nashpy and QuantEcon).
        Or a pair ``(player, strategy)``, each given by index or by name.
    tol : float, default 1e-9
        Tolerance for ties in the ratio test (on payoffs scaled to ``[1, 2]``) and for verification:
        every regret must be at most ``10 * tol`` times the payoff range.

    Returns
    -------
    Equilibrium
        The equilibrium at the end of the path, verified.

    Raises
    ------
    ArgumentTypeError
        If ``game`` is not a :class:`~bargain.Game`.
    PlayerCountError
        If the game does not have two players.
    InvalidArgumentError
        If ``initial_label`` names no strategy or ``tol <= 0``.
    SolverError
        If the path exceeds the pivot cap or its end fails verification, both in floating point and
        (for ``m + n <= 60``) in exact arithmetic.

    References
    ----------
    .. [1] Lemke and Howson (1964); von Stengel (2007), sec. 3.4–3.6 (see the module docstring).

    Examples
    --------
    The 3 x 2 game of von Stengel (2007, Fig. 3.3):

    >>> from bargain import Game
    >>> from bargain.equilibria.lemke_howson import lemke_howson
    >>> g = Game.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    >>> lemke_howson(g, initial_label=0)
    Equilibrium(P0: s0, P1: s0; payoffs (3, 3))
    >>> lemke_howson(g, initial_label=("P0", "s1"))
    Equilibrium(P0: 0.3333 s1 + 0.6667 s2, P1: 0.3333 s0 + 0.6667 s1; payoffs (4, 2.66667))
    """
    check_game(game, "lemke_howson()", "bargain.pure_equilibria")
    tol = check_positive("tol", tol)
    label = _label_index(game, initial_label)
    return _solve(game, label, tol)


def lemke_howson_all(game: Game, *, tol: float = 1e-9) -> Equilibria:
    """The equilibria reached by Lemke–Howson from each of the ``m + n`` initial labels.

    This is a quick way to find several equilibria, not all of them: an equilibrium of index
    ``-1`` (for instance the middle one of a coordination game) is never the end of a path from
    ``(0, 0)``. Use :func:`bargain.equilibria` for all of them.

    Parameters
    ----------
    game : Game
        A two-player game.
    tol : float, default 1e-9
        As in :func:`lemke_howson`.

    Returns
    -------
    Equilibria
        ``method="lemke-howson"``; the distinct equilibria (probabilities within ``1e-7`` are merged)
        in the order of the first label that reached them. ``.degenerate`` is computed by
        :mod:`bargain.equilibria.enumeration` when the game has at most ``DEGENERACY_CHECK_LIMIT``
        (100,000) bases ``C(m + n, m)``; for larger games the test would cost more than the paths,
        and ``.degenerate`` is False without having been checked.

    Raises
    ------
    ArgumentTypeError, PlayerCountError, InvalidArgumentError, SolverError
        As in :func:`lemke_howson`.

    Examples
    --------
    >>> from bargain import Game
    >>> from bargain.equilibria.lemke_howson import lemke_howson_all
    >>> g = Game.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    >>> lemke_howson_all(g)
    Equilibria(2 found by 'lemke-howson', degenerate=False)
      Equilibrium(P0: s0, P1: s0; payoffs (3, 3))
      Equilibrium(P0: 0.3333 s1 + 0.6667 s2, P1: 0.3333 s0 + 0.6667 s1; payoffs (4, 2.66667))
    """
    check_game(game, "lemke_howson_all()", "bargain.pure_equilibria")
    tol = check_positive("tol", tol)
    A, B = game.payoffs
    m, n = A.shape
    items: list[Equilibrium] = []
    seen: list[np.ndarray] = []
    for label in range(m + n):
        eq = _solve(game, label, tol)
        joint = np.concatenate(eq.profile)
        if any(np.abs(joint - other).max() < MERGE_TOL for other in seen):
            continue
        seen.append(joint)
        items.append(eq)
    degenerate = False
    if math.comb(m + n, m) <= DEGENERACY_CHECK_LIMIT:
        degenerate = bool(enumeration.solve_batch(A[None], B[None], method="support", tol=tol).degenerate[0])
    return Equilibria(tuple(items), "lemke-howson", degenerate, tol)


# ---------------------------------------------------------------------------------------- input checks
def _label_index(game: Game, label: object) -> int:
    """The label as an int in ``0 .. m + n - 1``."""
    m, n = game.shape
    allowed = (
        f"an int in [0, {m + n - 1}] (rows 0..{m - 1}, then columns {m}..{m + n - 1}) "
        "or a (player, strategy) pair of indices or names"
    )
    if isinstance(label, int | np.integer) and not isinstance(label, bool | np.bool_):
        if not 0 <= label < m + n:
            raise InvalidArgumentError(f"initial_label must be {allowed}; got {label!r}")
        return int(label)
    if isinstance(label, tuple | list) and len(label) == 2:
        player, strategy = label
        try:
            i = game.player_index(player)
            s = game.strategy_index(i, strategy)
        except InvalidProfileError as err:
            raise InvalidArgumentError(f"initial_label {label!r} names no strategy: {err}") from None
        return s if i == 0 else m + s
    raise InvalidArgumentError(f"initial_label must be {allowed}; got {label!r}")


# ---------------------------------------------------------------------------------------- the path
def _solve(game: Game, label: int, tol: float) -> Equilibrium:
    """The verified end of the path: in floating point, or exactly if that fails on a small game."""
    A, B = game.payoffs
    try:
        return _verified(game, *_path(_float_pair(A, B, tol), A.shape, label), tol, label)
    except SolverError:
        if sum(game.shape) > EXACT_FALLBACK_MAX:
            raise
    return _verified(game, *_path(_exact_pair(A, B), A.shape, label), tol, label)


def _path(pair, shape: tuple[int, int], label: int) -> tuple[np.ndarray, np.ndarray]:
    """Follow the path from (0, 0) with ``label`` dropped; return the end point as probabilities."""
    m, n = shape
    P, Q = pair
    # x_k is nonbasic in P at the start when k is a row, y_{k-m} in Q when k is a column
    tableau, other = (P, Q) if label < m else (Q, P)
    cap = max(MIN_PIVOT_CAP, MAX_PIVOTS_FACTOR * (m + n))
    entering = label
    # the lexicographic rule never returns to a pair of bases; if rounding makes it, give up at once
    visited: set[bytes] = set()
    for _ in range(cap):
        leaving = tableau.pivot(entering)
        if leaving == label:
            break
        state = np.sort(P.basis).tobytes() + np.sort(Q.basis).tobytes() + bytes([tableau is P])
        if state in visited:
            raise SolverError(
                f"Lemke–Howson returned to a basis it had left on this {m} x {n} game "
                f"(initial_label={label}); rounding errors misled the ratio test"
            )
        visited.add(state)
        entering = leaving
        tableau, other = other, tableau
    else:
        raise SolverError(
            f"Lemke–Howson did not finish within {cap} pivots on this {m} x {n} game (initial_label={label})"
        )
    return P.probabilities(range(m)), Q.probabilities(range(m, m + n))


def _float_pair(A: np.ndarray, B: np.ndarray, tol: float) -> tuple[_FloatTableau, _FloatTableau]:
    m, n = A.shape
    As, Bs = _scale(A), _scale(B)
    # P: B^T x + s = 1, variables x_0..x_{m-1} (labels 0..m-1), s_0..s_{n-1} (labels m..m+n-1)
    P = _FloatTableau(np.concatenate([Bs.T, np.eye(n)], axis=1), np.arange(m, m + n), tol)
    # Q: r + A y = 1, variables r_0..r_{m-1} (labels 0..m-1), y_0..y_{n-1} (labels m..m+n-1)
    Q = _FloatTableau(np.concatenate([np.eye(m), As], axis=1), np.arange(m), tol)
    return P, Q


def _exact_pair(A: np.ndarray, B: np.ndarray) -> tuple[_ExactTableau, _ExactTableau]:
    m, n = A.shape
    As, Bs = _exact_scale(A), _exact_scale(B)
    P = _ExactTableau(np.concatenate([Bs.T, _int_eye(n)], axis=1), np.arange(m, m + n))
    Q = _ExactTableau(np.concatenate([_int_eye(m), As], axis=1), np.arange(m))
    return P, Q


def _scale(M: np.ndarray) -> np.ndarray:
    """Map a matrix affinely onto [1, 2] (a constant matrix becomes all ones)."""
    lo, hi = M.min(), M.max()
    return 1.0 + (M - lo) / (hi - lo if hi > lo else 1.0)


def _exact_scale(M: np.ndarray) -> np.ndarray:
    """``_scale`` in exact arithmetic, times a common denominator: a matrix of positive Python ints.

    Every float is a dyadic rational, so this is exact. The common factor scales the polytope,
    which changes none of its labels.
    """
    F = [[Fraction(float(v)) for v in row] for row in M]
    lo = min(min(row) for row in F)
    hi = max(max(row) for row in F)
    span = hi - lo if hi > lo else Fraction(1)
    S = [[1 + (v - lo) / span for v in row] for row in F]
    common = math.lcm(*(v.denominator for row in S for v in row))
    out = np.empty(M.shape, dtype=object)
    for i, row in enumerate(S):
        for j, v in enumerate(row):
            out[i, j] = v.numerator * (common // v.denominator)
    return out


def _int_eye(k: int) -> np.ndarray:
    out = np.zeros((k, k), dtype=object)
    for i in range(k):
        out[i, i] = 1
    return out


class _FloatTableau:
    """The equations ``M z = 1`` of one polytope in basic form, in floating point.

    Column ``v`` of ``M`` is the variable with label ``v``. ``slack`` lists the columns that form the
    identity (the starting basis); in the current tableau they hold the inverse of the basis matrix,
    which the lexicographic ratio test reads.
    """

    def __init__(self, M: np.ndarray, slack: np.ndarray, tol: float) -> None:
        self.M = M
        self.slack = slack
        self.tol = tol
        self.full = np.concatenate([M, np.ones((M.shape[0], 1))], axis=1)
        self.table = self.full.copy()
        self.basis = slack.copy()
        self.pivots_since_refresh = 0
        self.refresh_every = max(REFRESH_EVERY, M.shape[0])

    def refresh(self) -> None:
        """Recompute the tableau from the original equations and the current basis."""
        try:
            self.table = np.linalg.solve(self.M[:, self.basis], self.full)
        except np.linalg.LinAlgError:
            raise SolverError("Lemke–Howson reached a singular basis; the tableau has lost accuracy") from None
        self.pivots_since_refresh = 0

    def leaving_row(self, entering: int) -> int:
        """The row chosen by the lexicographic minimum-ratio test for the entering column."""
        column = self.table[:, entering]
        rows = np.flatnonzero(column > self.tol * max(1.0, float(np.abs(column).max())))
        if rows.size == 0:
            raise SolverError("Lemke–Howson met an unbounded edge; the tableau has lost accuracy")
        # right-hand side first, then the columns of the basis inverse
        for c in (self.table.shape[1] - 1, *self.slack):
            values = self.table[rows, c]
            ratios = values / column[rows]
            # Rows tie when choosing any of them moves no entry of this column by more than tol
            # relative to its scale: stepping ratio_i instead of the minimum changes row k by
            # (ratio_i - min) * column_k. (On the right-hand side the entries are the basic
            # variables, of size at most about 1 with payoffs scaled to [1, 2].)
            spread = (ratios - ratios.min()) * max(1.0, float(column[rows].max()))
            rows = rows[spread <= self.tol * max(1.0, float(np.abs(values).max()))]
            if rows.size == 1:
                break
        return int(rows[0])

    def pivot(self, entering: int) -> int:
        """Bring ``entering`` into the basis; return the variable (= label) that leaves."""
        row = self.leaving_row(entering)
        leaving = int(self.basis[row])
        self.basis[row] = entering
        self.pivots_since_refresh += 1
        if self.pivots_since_refresh >= self.refresh_every:
            self.refresh()
        else:
            t = self.table
            t[row] /= t[row, entering]
            factor = t[:, entering].copy()
            factor[row] = 0.0
            t -= np.outer(factor, t[row])
        return leaving

    def probabilities(self, variables: range) -> np.ndarray:
        """The values of ``variables`` at the current basic solution, scaled to sum to 1."""
        self.refresh()
        values = np.zeros(self.M.shape[1])
        values[self.basis] = self.table[:, -1]
        v = values[variables.start : variables.stop]
        total = v.clip(min=0.0).sum()
        if not total > 0:
            raise SolverError("Lemke–Howson ended at a zero vector; the tableau has lost accuracy")
        v = np.where(v <= self.tol * total, 0.0, v)
        return v / v.sum()


class _ExactTableau:
    """The same tableau in exact integer arithmetic (integer pivoting, von Stengel 2007, sec. 3.5).

    Entries are Python ints: the true tableau times ``det``, the last pivot element (the
    determinant of the basis matrix), and every division in a pivot step is exact.
    """

    def __init__(self, M: np.ndarray, slack: np.ndarray) -> None:
        ones = np.empty((M.shape[0], 1), dtype=object)
        ones[:] = 1
        self.table = np.concatenate([M, ones], axis=1)
        self.slack = slack
        self.basis = slack.copy()
        self.det = 1

    def leaving_row(self, entering: int) -> int:
        column = self.table[:, entering]
        rows = [i for i in range(len(column)) if column[i] > 0]
        if not rows:
            raise SolverError("Lemke–Howson met an unbounded edge")
        for c in (self.table.shape[1] - 1, *self.slack):
            ratios = {i: Fraction(self.table[i, c], column[i]) for i in rows}
            best = min(ratios.values())
            rows = [i for i in rows if ratios[i] == best]
            if len(rows) == 1:
                break
        return rows[0]

    def pivot(self, entering: int) -> int:
        row = self.leaving_row(entering)
        leaving = int(self.basis[row])
        self.basis[row] = entering
        t = self.table
        p = t[row, entering]
        new = (t * p - np.outer(t[:, entering], t[row])) // self.det
        new[row] = t[row]
        self.table = new
        self.det = p
        return leaving

    def probabilities(self, variables: range) -> np.ndarray:
        values = [Fraction(0)] * (self.table.shape[1] - 1)
        for row, v in enumerate(self.basis):
            values[v] = Fraction(self.table[row, -1], self.det)
        v = values[variables.start : variables.stop]
        total = sum(v)
        if not total > 0:
            raise SolverError("Lemke–Howson ended at a zero vector")
        return np.array([float(p / total) for p in v])


def _verified(game: Game, x: np.ndarray, y: np.ndarray, tol: float, label: int) -> Equilibrium:
    A, B = game.payoffs
    gaps = regret(game, (x, y))
    bound = VERIFY_FACTOR * tol * payoff_scale(game)
    if not (gaps <= bound).all():
        m, n = game.shape
        raise SolverError(
            f"Lemke–Howson (initial_label={label}) on this {m} x {n} game ended at a profile with "
            f"regret {gaps.max():.3g} > {bound:.3g}; the game may be badly scaled for tol={tol:g}"
        )
    payoffs = (float(x @ A @ y), float(x @ B @ y))
    return Equilibrium._build((x, y), payoffs, game.players, game.strategies, gaps)
