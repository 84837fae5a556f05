"""All Nash equilibria of two-player games: the public entry points and the nashpy backends."""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np

from .._validation import check_choice, check_positive
from ..errors import ArgumentTypeError, DegenerateGameWarning, InvalidArgumentError, InvalidGameError, SolverError
from ..game import Game
from . import enumeration
from .records import Equilibria, Equilibrium

__all__ = ["equilibria", "equilibria_batch", "METHODS", "DEFAULT_TOL", "VERIFY_FACTOR", "MERGE_FACTOR"]

#: Default tolerance for labels and ties, relative to each player's payoff range.
DEFAULT_TOL = 1e-13

#: The loosest tolerance accepted: looser ones would call genuine payoff differences ties.
MAX_TOL = 1e-6

#: A candidate is returned only if every regret is at most ``max(VERIFY_TOL, VERIFY_FACTOR * tol)`` times
#: the player's payoff range.
VERIFY_TOL = 1e-9
VERIFY_FACTOR = 10.0

#: Two candidates whose probabilities differ by less than ``MERGE_FACTOR * tol`` everywhere are one
#: equilibrium (only numerical copies of one vertex come this close: distinct vertices differ in
#: their labels, which are decided at ``tol``).
MERGE_FACTOR = 1.0

METHODS = ("auto", "support", "vertex", "nashpy-support", "nashpy-vertex", "nashpy-lemke-howson")

_NAMES_CACHE: dict[tuple[int, int], tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]] = {}


def equilibria(game: Game, *, method: str = "auto", tol: float = DEFAULT_TOL) -> Equilibria:
    """All Nash equilibria of a two-player game (the extreme ones if the game is degenerate).

    Parameters
    ----------
    game : Game
        A two-player game (for more players see :func:`bargain.pure_equilibria` and
        :func:`bargain.correlated_equilibrium`).
    method : str, default "auto"
        ``"auto"`` detects degeneracy and uses support enumeration for a nondegenerate game and
        vertex enumeration for a degenerate one; ``"support"`` and ``"vertex"`` force one of our
        own methods (see :mod:`bargain.equilibria.enumeration`); ``"nashpy-support"``,
        ``"nashpy-vertex"`` and ``"nashpy-lemke-howson"`` call nashpy's algorithms instead.
    tol : float, default 1e-13
        Tolerance for ties and labels, relative to each player's payoff range, in ``(0, 1e-6]``. It is close to
        the rounding level on purpose: in a game whose payoffs span 1e6, a probability of 1e-6
        against a payoff gap of 1 makes a difference of 1e-12 of the range, which a looser
        tolerance would mistake for a tie.

    Returns
    -------
    Equilibria
        Each equilibrium verified (every regret at most ``max(1e-9, 10 * tol)`` times the player's
        payoff range),
        duplicates merged, pure equilibria first. ``.degenerate`` says whether the game is
        degenerate; ``.method`` which algorithm ran.

    Raises
    ------
    PlayerCountError
        If the game does not have two players.
    InvalidArgumentError
        If ``method`` is unknown or ``tol`` is not in ``(0, 1e-6]``.

    Warns
    -----
    DegenerateGameWarning
        With ``method="support"`` (or a nashpy method) on a degenerate game, whose equilibria
        support enumeration may miss.

    Examples
    --------
    >>> import bargain as bg
    >>> bos = bg.Game.bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]],
    ...                        players=("Bureau", "Office"),
    ...                        strategies=(("Reform", "Delay"), ("Reform", "Delay")))
    >>> eqs = bg.equilibria(bos)
    >>> len(eqs), eqs.degenerate, eqs.method
    (3, False, 'support')
    >>> eqs[2]
    Equilibrium(Bureau: 0.6 Reform + 0.4 Delay, Office: 0.4 Reform + 0.6 Delay; payoffs (1.2, 1.2))
    """
    if not isinstance(game, Game):
        raise ArgumentTypeError(f"game must be a bargain.Game; got {type(game).__name__}")
    game.require_players(2, "equilibria()", "bargain.pure_equilibria or bargain.correlated_equilibrium")
    method = check_choice("method", method, METHODS)
    tol = _check_tol(tol)
    if method.startswith("nashpy"):
        return _nashpy(game, method, tol)
    return _solve(game.payoffs[None], method, tol, [game])[0]


def equilibria_batch(games, *, method: str = "auto", tol: float = DEFAULT_TOL) -> list[Equilibria]:
    """All Nash equilibria of many same-shape two-player games, solved together.

    The linear systems of all games are stacked and solved at once, so a batch of small games
    costs little more than one. The result is identical to ``[equilibria(g) for g in games]``.

    Parameters
    ----------
    games : sequence of Game, or array of shape (k, 2, m, n)
        Two-player games of one shape. An array gives default player and strategy names.
    method : {"auto", "support", "vertex"}
    tol : float, default 1e-13

    Returns
    -------
    list of Equilibria
        One per game, in order.

    Examples
    --------
    >>> import numpy as np, bargain as bg
    >>> t = np.linspace(0, 1, 3)
    >>> A = np.array([[[3, 0], [0, 2]]]) + t[:, None, None]     # a family of coordination games
    >>> B = np.array([[[2, 0], [0, 3]]]) * np.ones((3, 1, 1))
    >>> [len(e) for e in bg.equilibria_batch(np.stack([A, B], axis=1))]
    [3, 3, 3]
    """
    method = check_choice("method", method, METHODS[:3])
    tol = _check_tol(tol)
    if isinstance(games, np.ndarray):
        if games.dtype.kind not in "biuf":
            raise InvalidGameError(f"games as an array must hold real numbers; got dtype {games.dtype}")
        payoffs = games.astype(float)
        if payoffs.ndim != 4 or payoffs.shape[1] != 2 or 0 in payoffs.shape[2:]:
            raise InvalidGameError(
                f"games as an array must have shape (k, 2, m, n) with m, n >= 1; got {payoffs.shape}"
            )
        if len(payoffs) == 0:
            return []
        if not np.isfinite(payoffs).all():
            raise InvalidGameError("games must hold finite payoffs; got NaN or infinity")
        return _solve(payoffs, method, tol, None)
    if isinstance(games, Game):
        raise ArgumentTypeError("games must be a sequence of Games (or an array); got a single Game")
    if not isinstance(games, Sequence):
        raise ArgumentTypeError(f"games must be a sequence of Games or an array; got {type(games).__name__}")
    games = list(games)
    for k, game in enumerate(games):
        if not isinstance(game, Game):
            raise ArgumentTypeError(f"games[{k}] must be a bargain.Game; got {type(game).__name__}")
        game.require_players(2, "equilibria_batch()", "bargain.pure_equilibria")
        if game.shape != games[0].shape:
            raise InvalidGameError(
                f"all games must have one shape; games[0] is {games[0].shape}, games[{k}] is {game.shape}"
            )
    if not games:
        return []
    return _solve(np.stack([g.payoffs for g in games]), method, tol, games)


def _check_tol(tol: object) -> float:
    tol = check_positive("tol", tol)
    if tol > MAX_TOL:
        raise InvalidArgumentError(f"tol must be in (0, {MAX_TOL:g}]; got {tol:g}")
    return tol


def _default_names(m: int, n: int):
    key = (m, n)
    if key not in _NAMES_CACHE:
        _NAMES_CACHE[key] = (("P0", "P1"), (tuple(f"s{i}" for i in range(m)), tuple(f"s{j}" for j in range(n))))
    return _NAMES_CACHE[key]


def _solve(payoffs: np.ndarray, method: str, tol: float, games) -> list[Equilibria]:
    A, B = payoffs[:, 0], payoffs[:, 1]
    raw = enumeration.solve_batch(A, B, method=method, tol=tol)
    if method == "support" and raw.degenerate.any():
        warnings.warn(
            f"{int(raw.degenerate.sum())} of the games are degenerate; support enumeration may miss "
            "some of their equilibria. Use method='auto' or 'vertex' to get every extreme equilibrium.",
            DegenerateGameWarning,
            stacklevel=3,
        )
    return _assemble(A, B, raw, tol, games)


def _assemble(A, B, raw: enumeration.BatchSolution, tol: float, games) -> list[Equilibria]:
    """Verify, merge and order the candidates of every game at once, and wrap them as records."""
    n_games, m, n = A.shape
    g, X, Y = raw.game, raw.x, raw.y
    # payoffs summed in a fixed order per candidate, so a batch gives the bits a single game gives
    U = np.empty((len(g), 2))
    U[:, 0] = (X * (A[g] * Y[:, None, :]).sum(axis=2)).sum(axis=1)
    U[:, 1] = (X * (B[g] * Y[:, None, :]).sum(axis=2)).sum(axis=1)
    # regrets on the payoffs mapped onto [0, 1], free of rounding in the payoffs' magnitude
    Ay = np.einsum("eij,ej->ei", raw.A[g], Y)
    xB = np.einsum("ei,eij->ej", X, raw.B[g])
    R = np.empty((len(g), 2))
    R[:, 0] = Ay.max(axis=1, initial=-np.inf) - np.einsum("ei,ei->e", X, Ay)
    R[:, 1] = xB.max(axis=1, initial=-np.inf) - np.einsum("ej,ej->e", xB, Y)
    R = np.maximum(R, 0.0)
    good = (R <= max(VERIFY_TOL, VERIFY_FACTOR * tol)).all(axis=1)
    R *= raw.scale[g]  # back to payoff units
    if not good.all():
        warnings.warn(
            f"dropped {int((~good).sum())} candidate(s) that failed verification (regret up to "
            f"{R[~good].max():.3g}); the game may be badly scaled for tol={tol:g}",
            DegenerateGameWarning,
            stacklevel=4,
        )
    g, X, Y, U, R = g[good], X[good], Y[good], U[good], R[good]
    # canonical order within each game: fewest strategies in the supports first, then by the
    # probabilities, largest first (rounded, so that the order does not hang on the last bit)
    size = (X > 0).sum(axis=1) + (Y > 0).sum(axis=1)
    joint = np.concatenate([X, Y], axis=1)
    order = np.lexsort([*(-np.round(joint, 9).T[::-1]), size, g])
    g, X, Y, U, R, joint = g[order], X[order], Y[order], U[order], R[order], joint[order]
    # merge duplicates, which can only be neighbours once sorted
    same = np.zeros(len(g), dtype=bool)
    if len(g) > 1:
        same[1:] = (g[1:] == g[:-1]) & (np.abs(joint[1:] - joint[:-1]).max(axis=1) < MERGE_FACTOR * tol)
    g, X, Y, U, R = g[~same], X[~same], Y[~same], U[~same], R[~same]
    for array in (X, Y, U, R):
        array.flags.writeable = False
    bounds = np.searchsorted(g, np.arange(n_games + 1))
    out = []
    for k in range(n_games):
        players, strategies = (games[k].players, games[k].strategies) if games is not None else _default_names(m, n)
        items = tuple(
            Equilibrium((X[e], Y[e]), U[e], players, strategies, R[e]) for e in range(bounds[k], bounds[k + 1])
        )
        out.append(Equilibria(items, raw.method[k], bool(raw.degenerate[k]), tol))
    return out


def _nashpy(game: Game, method: str, tol: float) -> Equilibria:
    import nashpy

    A, B = game.payoffs
    if method == "nashpy-lemke-howson" and min(A.shape) == 1:
        # nashpy 0.0.43's Lemke-Howson loops forever or fails when a player has a single strategy
        raise InvalidArgumentError(
            "method 'nashpy-lemke-howson' needs at least two strategies per player; got a game of shape "
            f"{A.shape}; use method='auto'"
        )
    # our own enumeration tells whether the game is degenerate; nashpy does not
    degenerate = bool(enumeration.solve_batch(A[None], B[None], method="support", tol=tol).degenerate[0])
    if degenerate:
        warnings.warn(
            f"the game is degenerate; {method} may miss equilibria or return non-extreme ones. "
            "Use method='auto' to get every extreme equilibrium.",
            DegenerateGameWarning,
            stacklevel=3,
        )
    nash_game = nashpy.Game(A, B)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            if method == "nashpy-support":
                found = list(nash_game.support_enumeration())
            elif method == "nashpy-vertex":
                found = list(nash_game.vertex_enumeration())
            else:
                found = list(nash_game.lemke_howson_enumeration())
        except Exception as err:  # nashpy raises bare exceptions on some degenerate games
            raise SolverError(f"{method} failed on this game ({type(err).__name__}: {err}); use method='auto'") from err
    xs, ys = [], []
    for x, y in found:
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        if x.shape != (A.shape[0],) or y.shape != (A.shape[1],) or not (np.isfinite(x).all() and np.isfinite(y).all()):
            continue
        if x.min() < -1e-9 or y.min() < -1e-9 or x.sum() <= 0 or y.sum() <= 0:
            continue
        xs.append(x.clip(min=0) / x.clip(min=0).sum())
        ys.append(y.clip(min=0) / y.clip(min=0).sum())
    m, n = game.shape
    (As, span_a), (Bs, span_b) = enumeration.scale_payoffs(A[None]), enumeration.scale_payoffs(B[None])
    raw = enumeration.BatchSolution(
        np.zeros(len(xs), dtype=np.intp),
        np.array(xs).reshape(len(xs), m),
        np.array(ys).reshape(len(ys), n),
        np.array([degenerate]),
        [method],
        As,
        Bs,
        np.stack([span_a, span_b], axis=1),
    )
    return _assemble(A[None], B[None], raw, tol, [game])[0]
