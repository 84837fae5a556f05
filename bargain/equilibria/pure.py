"""Pure-strategy Nash equilibria of games with any number of players."""

from __future__ import annotations

import numpy as np

from .._validation import check_positive
from ..errors import ArgumentTypeError
from ..game import Game
from .records import Equilibria, Equilibrium
from .regret import player_scales

__all__ = ["pure_equilibria"]


def pure_equilibria(game: Game, *, tol: float = 1e-9) -> Equilibria:
    """All pure-strategy Nash equilibria of a game with any number of players.

    A pure profile is an equilibrium when every player's strategy is a best response to the others'.
    The test runs over the whole payoff array at once: for each player, the maximum over its own
    axis marks its best responses to every profile of the others; the equilibria are the profiles
    marked for every player.

    Parameters
    ----------
    game : Game
    tol : float, default 1e-9
        Payoffs within ``tol`` times the player's own payoff range of the best count as best responses.

    Returns
    -------
    Equilibria
        In lexicographic order of the strategy indices, ``method="pure"``. ``.degenerate`` is True
        when some player has more than one best response to some pure profile of the others (a tie
        that makes the game degenerate).

    Examples
    --------
    >>> import bargain as bg
    >>> pd = bg.Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                       strategies=(("C", "D"), ("C", "D")))
    >>> bg.pure_equilibria(pd)
    Equilibria(1 found by 'pure', degenerate=False)
      Equilibrium(P0: D, P1: D; payoffs (1, 1))
    """
    if not isinstance(game, Game):
        raise ArgumentTypeError(f"game must be a bargain.Game; got {type(game).__name__}")
    tol = check_positive("tol", tol)
    slack = tol * player_scales(game)
    payoffs = game.payoffs
    n = game.n_players
    every_best = np.ones(game.shape, dtype=bool)
    degenerate = False
    for i in range(n):
        best = payoffs[i] >= payoffs[i].max(axis=i, keepdims=True) - slack[i]
        degenerate = degenerate or bool((best.sum(axis=i) > 1).any())
        every_best &= best
    items = []
    for cell in np.argwhere(every_best):
        profile = tuple(np.eye(m)[s] for m, s in zip(game.shape, cell))
        values = payoffs[(slice(None), *cell)]
        items.append(Equilibrium._build(profile, values, game.players, game.strategies, np.zeros(n)))
    return Equilibria(tuple(items), "pure", degenerate, tol)
