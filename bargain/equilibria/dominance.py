"""Strict dominance and the iterated elimination of strictly dominated strategies, for any number of players.

A pure strategy ``s`` of player ``i`` is *strictly dominated* when some other strategy ``sigma`` of
``i`` — a pure one, or a mixture of its other pure strategies — does strictly better against every
profile ``s_-i`` of the others' pure strategies:

.. math::

    \\sum_t \\sigma_t \\, u_i(t, s_{-i}) > u_i(s, s_{-i}) \\quad \\text{for every } s_{-i}.

No rational player plays a strictly dominated strategy, whatever it believes about the others, and
removing such strategies keeps every Nash equilibrium (and creates none); after a removal new
strategies may become dominated, so the elimination is repeated until nothing changes. For strict
dominance the game that remains does not depend on the order of the removals.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.optimize

from .._validation import check_positive
from ..errors import ArgumentTypeError, SolverError
from ..game import Game
from .regret import player_scales

__all__ = ["Elimination", "iterated_elimination", "is_strictly_dominated"]


@dataclass(frozen=True, eq=False, repr=False)
class Elimination:
    """The result of the iterated elimination of strictly dominated strategies.

    Attributes
    ----------
    game : Game
        The reduced game: the original's players, with only the surviving strategies (names kept).
    kept : tuple of tuples of int
        For each player, the original indices of its surviving strategies, in increasing order.
    removed : tuple of (str, str, int)
        Each removed strategy as ``(player name, strategy name, round)``, in the order of removal.
        Rounds count from 1.
    mixed : bool
        Whether domination by mixed strategies was allowed.
    """

    game: Game
    kept: tuple[tuple[int, ...], ...]
    removed: tuple[tuple[str, str, int], ...]
    mixed: bool

    @property
    def rounds(self) -> int:
        """The number of rounds that removed at least one strategy."""
        return max((r for _, _, r in self.removed), default=0)

    @property
    def solved(self) -> bool:
        """Whether every player is left with a single strategy (the game is dominance solvable)."""
        return all(len(k) == 1 for k in self.kept)

    def __repr__(self) -> str:
        by = "pure or mixed strategies" if self.mixed else "pure strategies"
        kept = "; ".join(
            f"{player}: {', '.join(names)}" for player, names in zip(self.game.players, self.game.strategies)
        )
        lines = [
            f"Elimination({_count(len(self.removed), 'strategy', 'strategies')} removed in "
            f"{_count(self.rounds, 'round', 'rounds')}, dominated by {by}; "
            f"kept {kept})"
        ]
        lines += [f"  round {r}: {player} drops {name}" for player, name, r in self.removed]
        return "\n".join(lines)


def _count(k: int, one: str, many: str) -> str:
    return f"{k} {one if k == 1 else many}"


def _own_first(payoffs: np.ndarray, player: int) -> np.ndarray:
    """Player ``player``'s payoffs as a matrix: own strategies by rows, the others' profiles by columns."""
    table = payoffs[player]
    return np.moveaxis(table, player, 0).reshape(table.shape[player], -1)


def _dominance_margin(target: np.ndarray, others: np.ndarray, mixed: bool) -> float:
    """The largest ``eps`` such that some strategy over the rows of ``others`` beats ``target`` by
    ``eps`` against every column; ``-inf`` when there are no other strategies.

    The mixed case is the linear program ``max eps`` s.t. ``sigma @ others - target >= eps``,
    ``sigma`` in the simplex. The margin returned is recomputed from the solver's ``sigma``, so a
    positive answer is backed by an explicit dominating strategy.
    """
    if len(others) == 0:
        return -np.inf
    pure = float((others - target).min(axis=1).max())
    if not mixed or len(others) == 1:
        return pure
    k, columns = others.shape
    # variables (sigma_1, ..., sigma_k, eps): minimise -eps
    result = scipy.optimize.linprog(
        np.r_[np.zeros(k), -1.0],
        A_ub=np.c_[-others.T, np.ones(columns)],
        b_ub=-target,
        A_eq=np.r_[np.ones(k), 0.0][None, :],
        b_eq=[1.0],
        bounds=[(0, None)] * k + [(None, None)],
        method="highs",
    )
    if result.status != 0 or result.x is None:
        raise SolverError(f"the dominance linear program failed (status {result.status}): {result.message}")
    sigma = np.clip(result.x[:k], 0.0, None)
    sigma /= sigma.sum()
    return max(pure, float((sigma @ others - target).min()))


def _dominated(table: np.ndarray, mixed: bool, threshold: float) -> list[int]:
    """Rows of ``table`` (own strategies by others' profiles) strictly dominated by more than ``threshold``."""
    rows = range(table.shape[0])
    return [s for s in rows if _dominance_margin(table[s], np.delete(table, s, axis=0), mixed) > threshold]


def is_strictly_dominated(game: Game, player, strategy, *, mixed: bool = True, tol: float = 1e-9) -> bool:
    """Whether a pure strategy is strictly dominated in ``game``.

    Parameters
    ----------
    game : Game
    player : int or str
        The player, by index or name.
    strategy : int or str
        One of its pure strategies, by index or name.
    mixed : bool, default True
        Allow domination by a mixture of the player's other pure strategies (decided by a linear
        program); otherwise only by another pure strategy.
    tol : float, default 1e-9
        The strategy counts as dominated only if the dominating strategy does better by more than
        ``tol`` times the player's payoff range against every profile of the others (> 0).

    Returns
    -------
    bool

    Raises
    ------
    InvalidProfileError
        If the player or the strategy is not in the game.
    InvalidArgumentError
        If ``tol <= 0``.

    Examples
    --------
    The third row is worse than an even mixture of the first two against either column, but better
    than each of them against one column:

    >>> import bargain as bg
    >>> from bargain.equilibria.dominance import is_strictly_dominated
    >>> g = bg.Game.bimatrix([[3, 0], [0, 3], [1, 1]], [[0, 0], [0, 0], [0, 0]],
    ...                      strategies=(("Top", "Middle", "Hedge"), ("Left", "Right")))
    >>> is_strictly_dominated(g, 0, "Hedge")
    True
    >>> is_strictly_dominated(g, 0, "Hedge", mixed=False)
    False
    """
    if not isinstance(game, Game):
        raise ArgumentTypeError(f"game must be a bargain.Game; got {type(game).__name__}")
    i = game.player_index(player)
    s = game.strategy_index(i, strategy)
    tol = check_positive("tol", tol)
    table = _own_first(game.payoffs / player_scales(game).reshape(-1, *[1] * game.n_players), i)
    return _dominance_margin(table[s], np.delete(table, s, axis=0), bool(mixed)) > tol


def iterated_elimination(game: Game, *, mixed: bool = True, tol: float = 1e-9) -> Elimination:
    """Iterated elimination of strictly dominated strategies (IESDS), for any number of players.

    The players are visited in order ``0, 1, ..., n - 1``; each removes, all at once, every strategy
    of its own that is strictly dominated in the game as reduced so far. One such pass over the
    players is a *round*; rounds repeat until one removes nothing. Removing several dominated
    strategies of one player at once is safe: each is dominated by a mixture of the player's
    undominated strategies. The order does not change the game that remains (Gilboa, Kalai and
    Zemel 1990), only the round in which a strategy is recorded.

    Parameters
    ----------
    game : Game
    mixed : bool, default True
        Allow domination by mixed strategies (one linear program per candidate strategy); otherwise
        only by pure strategies.
    tol : float, default 1e-9
        A strategy is removed only if dominated by more than ``tol`` times the original game's
        payoff range (the player's own) against every remaining profile of the others (> 0).

    Returns
    -------
    Elimination
        The reduced game, the surviving strategies' original indices and the removals in order.

    Raises
    ------
    InvalidArgumentError
        If ``tol <= 0``.
    SolverError
        If a dominance linear program fails.

    References
    ----------
    I. Gilboa, E. Kalai and E. Zemel (1990), "On the order of eliminating dominated strategies",
    *Operations Research Letters* 9(2): 85-89.

    R. Gibbons (1992), *Game Theory for Applied Economists*, Princeton University Press, section 1.1.B.

    Examples
    --------
    The example of Gibbons (1992), section 1.1.B: Right is dominated by Middle; then Down by Up;
    then Left by Middle.

    >>> import bargain as bg
    >>> from bargain.equilibria.dominance import iterated_elimination
    >>> g = bg.Game.bimatrix([[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]],
    ...                      players=("Row", "Col"),
    ...                      strategies=(("Up", "Down"), ("Left", "Middle", "Right")))
    >>> result = iterated_elimination(g)
    >>> result
    Elimination(3 strategies removed in 2 rounds, dominated by pure or mixed strategies; kept Row: Up; Col: Middle)
      round 1: Col drops Right
      round 2: Row drops Down
      round 2: Col drops Left
    >>> result.kept
    ((0,), (1,))
    """
    if not isinstance(game, Game):
        raise ArgumentTypeError(f"game must be a bargain.Game; got {type(game).__name__}")
    tol = check_positive("tol", tol)
    mixed = bool(mixed)
    payoffs = game.payoffs / player_scales(game).reshape(-1, *[1] * game.n_players)
    kept = [list(range(m)) for m in game.shape]
    removed: list[tuple[str, str, int]] = []
    round_ = 0
    while True:
        round_ += 1
        before = len(removed)
        for i in range(game.n_players):
            if len(kept[i]) == 1:
                continue
            reduced = payoffs[np.ix_(range(game.n_players), *kept)]
            drop = _dominated(_own_first(reduced, i), mixed, tol)
            removed += [(game.players[i], game.strategies[i][kept[i][k]], round_) for k in drop]
            kept[i] = [s for k, s in enumerate(kept[i]) if k not in drop]
        if len(removed) == before:
            break
    reduced_game = Game(
        game.payoffs[np.ix_(range(game.n_players), *kept)],
        players=game.players,
        strategies=tuple(tuple(names[s] for s in k) for names, k in zip(game.strategies, kept)),
    )
    return Elimination(reduced_game, tuple(tuple(k) for k in kept), tuple(removed), mixed)
