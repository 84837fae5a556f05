"""Best responses, regret and the equilibrium test, for any number of players."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .._validation import check_positive
from ..errors import ArgumentTypeError, InvalidProfileError
from ..game import Game

__all__ = ["regret", "is_equilibrium", "best_responses", "payoff_scale", "player_scales", "as_profile", "DEFAULT_TOL"]

#: Default tolerance of :func:`is_equilibrium`, relative to the game's payoff scale.
DEFAULT_TOL = 1e-8

#: How far a mixed strategy's probabilities may stray from a probability vector before it is refused.
PROBABILITY_TOL = 1e-9


def payoff_scale(game: Game) -> float:
    """The payoff range ``max - min`` over all players and profiles (1.0 for a constant game).

    Tolerances on payoffs (regret, ties) are multiplied by this scale, so that a game and any
    positive rescaling of it are treated alike.
    """
    span = float(game.payoffs.max() - game.payoffs.min())
    return span if span > 0 else 1.0


def player_scales(game: Game) -> np.ndarray:
    """Each player's own payoff range ``max - min`` (1.0 where a player's payoffs are constant).

    Equilibrium tests compare each player's payoff differences with that player's own range, so a
    player paid in thousands does not make another player's small stakes look like ties.
    """
    flat = game.payoffs.reshape(game.n_players, -1)
    span = flat.max(axis=1) - flat.min(axis=1)
    return np.where(span > 0, span, 1.0)


def as_profile(game: Game, profile: object) -> tuple[np.ndarray, ...]:
    """Read a strategy profile: one entry per player, each a probability vector, a pure strategy's
    index, or a pure strategy's name. Returns a tuple of float arrays."""
    if isinstance(profile, str | bytes) or not isinstance(profile, Sequence | np.ndarray):
        raise ArgumentTypeError(
            f"profile must be a sequence with one mixed or pure strategy per player; got {profile!r}"
        )
    if len(profile) != game.n_players:
        raise InvalidProfileError(
            f"profile must have one strategy per player ({game.n_players}); got {len(profile)}"
        )
    out = []
    for i, entry in enumerate(profile):
        m = game.shape[i]
        if isinstance(entry, str | int | np.integer) and not isinstance(entry, bool):
            vector = np.zeros(m)
            vector[game.strategy_index(i, entry)] = 1.0
            out.append(vector)
            continue
        try:
            vector = np.array(entry, dtype=float)
        except (TypeError, ValueError):
            raise InvalidProfileError(
                f"strategy of player {game.players[i]!r} must be a probability vector of length {m}, "
                f"an index or a name; got {entry!r}"
            ) from None
        if vector.shape != (m,):
            raise InvalidProfileError(
                f"strategy of player {game.players[i]!r} must be a probability vector of length {m}; "
                f"got shape {vector.shape}"
            )
        if not np.all(np.isfinite(vector)) or vector.min() < -PROBABILITY_TOL or abs(vector.sum() - 1) > 1e-6:
            raise InvalidProfileError(
                f"strategy of player {game.players[i]!r} must be a probability vector (entries >= 0 "
                f"summing to 1); got {vector.tolist()}"
            )
        out.append(np.clip(vector, 0.0, None) / np.clip(vector, 0.0, None).sum())
    return tuple(out)


def _pure_payoffs(payoffs: np.ndarray, profile: Sequence[np.ndarray], player: int) -> np.ndarray:
    """Player ``player``'s payoff from each of its pure strategies against the others' mixed strategies,
    less the player's lowest payoff (regret does not change, and rounding scales with the range, not
    with the payoffs' magnitude)."""
    table = payoffs[player] - payoffs[player].min()
    for j in reversed(range(len(profile))):
        if j != player:
            table = np.tensordot(table, profile[j], axes=([j], [0]))
    return table


def regret(game: Game, profile) -> np.ndarray:
    """Each player's best-response regret at a profile.

    ``regret[i] = max_s u_i(s, x_-i) - u_i(x)``: how much player ``i`` would gain by switching to
    its best pure strategy while the others keep theirs. A profile is a Nash equilibrium exactly
    when every regret is zero.

    Parameters
    ----------
    game : Game
    profile : sequence
        One entry per player: a probability vector, or a pure strategy's index or name.

    Returns
    -------
    numpy.ndarray
        Shape ``(n_players,)``, every entry ``>= 0``.

    Examples
    --------
    >>> import bargain as bg
    >>> pd = bg.Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> bg.regret(pd, (0, 0))          # mutual cooperation: each gains 2 by defecting
    array([2., 2.])
    >>> bg.regret(pd, ([0, 1], "s1"))
    array([0., 0.])
    """
    x = as_profile(game, profile)
    out = np.empty(game.n_players)
    for i in range(game.n_players):
        values = _pure_payoffs(game.payoffs, x, i)
        out[i] = max(float(values.max() - values @ x[i]), 0.0)
    return out


def is_equilibrium(game: Game, profile, *, tol: float = DEFAULT_TOL) -> bool:
    """Whether ``profile`` is a Nash equilibrium: each player's regret is at most ``tol`` times that
    player's payoff range (:func:`player_scales`).

    Examples
    --------
    >>> import bargain as bg
    >>> pennies = bg.Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> bg.is_equilibrium(pennies, ([0.5, 0.5], [0.5, 0.5]))
    True
    >>> bg.is_equilibrium(pennies, (0, 0))
    False
    """
    tol = check_positive("tol", tol)
    return bool(np.all(regret(game, profile) <= tol * player_scales(game)))


def best_responses(game: Game, profile, player: int | str, *, tol: float = DEFAULT_TOL) -> tuple[str, ...]:
    """Names of ``player``'s pure best responses to the others' strategies in ``profile``.

    A strategy counts as a best response when its payoff is within ``tol`` times the player's
    payoff range
    of the best. ``profile[player]`` is read but does not matter.

    Examples
    --------
    >>> import bargain as bg
    >>> pd = bg.Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                       strategies=(("C", "D"), ("C", "D")))
    >>> bg.best_responses(pd, ("C", "C"), player=0)
    ('D',)
    """
    tol = check_positive("tol", tol)
    i = game.player_index(player)
    x = as_profile(game, profile)
    values = _pure_payoffs(game.payoffs, x, i)
    best = values >= values.max() - tol * player_scales(game)[i]
    return tuple(name for name, b in zip(game.strategies[i], best) if b)
