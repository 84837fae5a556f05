"""Correlated and coarse correlated equilibria of games with any number of players, by linear programming.

A *correlated equilibrium* (Aumann 1974) is a probability distribution ``p`` over pure profiles such
that no player, told only its own recommended strategy ``s_i`` by a mediator who draws the profile
from ``p``, gains by playing another strategy ``t`` instead:

.. math::

    \\sum_{s_{-i}} p(s_i, s_{-i}) \\, [u_i(t, s_{-i}) - u_i(s_i, s_{-i})] \\le 0
    \\quad \\text{for every player } i \\text{ and every } s_i \\ne t.

A *coarse correlated equilibrium* (Moulin and Vial 1978) only asks that no player gains by committing
to a fixed strategy ``t`` before hearing its recommendation:

.. math::

    \\sum_{s} p(s) \\, [u_i(t, s_{-i}) - u_i(s)] \\le 0 \\quad \\text{for every player } i \\text{ and every } t.

Both sets are polytopes described by linear inequalities in ``p``, so the best equilibrium for a
linear objective is the solution of one linear program. Every Nash equilibrium (as a product
distribution) is a correlated equilibrium, and every correlated equilibrium is coarse correlated.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Real

import numpy as np
import scipy.optimize
import scipy.sparse

from .._arrays import frozen as _frozen
from .._validation import check_positive
from ..errors import ArgumentTypeError, InvalidArgumentError, InvalidProfileError, SolverError
from ..game import Game
from .regret import PROBABILITY_TOL, payoff_scale

__all__ = ["CorrelatedEquilibrium", "correlated_equilibrium", "is_correlated_equilibrium"]

#: Probabilities at most this large (after the solver) are set to zero before renormalising.
ZERO_PROBABILITY = 1e-12

#: How many profiles the repr lists before it abbreviates.
REPR_PROFILES = 20


@dataclass(frozen=True, eq=False, repr=False)
class CorrelatedEquilibrium:
    """A correlated (or coarse correlated) equilibrium: a distribution over pure profiles.

    Attributes
    ----------
    distribution : numpy.ndarray, shape (m_1, ..., m_n)
        ``distribution[s_1, ..., s_n]`` is the probability that the mediator recommends the pure
        profile ``(s_1, ..., s_n)``. Non-negative, sums to 1, read-only.
    payoffs : numpy.ndarray, shape (n_players,)
        Each player's expected payoff under the distribution.
    value : float
        The value of the objective that was maximised.
    coarse : bool
        Whether the distribution was required only to be a coarse correlated equilibrium.
    objective : str
        What was maximised: ``"welfare"``, ``"payoff of <player>"`` or ``"weighted welfare (...)"``.
    players : tuple of str
    strategies : tuple of tuples of str
    """

    distribution: np.ndarray
    payoffs: np.ndarray
    value: float
    coarse: bool
    objective: str
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]

    def _positive(self):
        """The profiles with positive probability, in lexicographic order, with their probability."""
        cells = np.argwhere(self.distribution > 0)
        return [(tuple(int(k) for k in cell), float(self.distribution[tuple(cell)])) for cell in cells]

    def to_frame(self):
        """The profiles with positive probability as a :class:`pandas.DataFrame`.

        One row per profile, in lexicographic order of the strategy indices: a column per player
        holding the recommended strategy's name, then ``probability``.
        """
        import pandas as pd

        rows = [
            [*(names[k] for names, k in zip(self.strategies, cell)), prob] for cell, prob in self._positive()
        ]
        return pd.DataFrame(rows, columns=[*self.players, "probability"])

    def __repr__(self) -> str:
        kind = "coarse correlated" if self.coarse else "correlated"
        payoffs = ", ".join(f"{player} {v:.6g}" for player, v in zip(self.players, self.payoffs))
        lines = [
            f"CorrelatedEquilibrium({kind}, maximising {self.objective}; value {self.value:.6g}; payoffs {payoffs})"
        ]
        positive = self._positive()
        for cell, prob in positive[:REPR_PROFILES]:
            profile = ", ".join(
                f"{player}={names[k]}" for player, names, k in zip(self.players, self.strategies, cell)
            )
            lines.append(f"  {profile}: {prob:.6g}")
        if len(positive) > REPR_PROFILES:
            lines.append(f"  ... and {len(positive) - REPR_PROFILES} more profiles")
        return "\n".join(lines)


def _incentive_constraints(payoffs: np.ndarray, *, coarse: bool) -> scipy.sparse.csr_matrix:
    """The matrix ``G`` of the incentive constraints ``G @ p <= 0`` on a flattened distribution ``p``.

    ``payoffs`` has shape ``(n, m_1, ..., m_n)``; ``p`` is flattened in C order. For correlated
    equilibrium there is one row per player ``i`` and ordered pair ``s != t`` of its strategies,
    holding ``u_i(t, s_-i) - u_i(s, s_-i)`` at the profiles where ``i`` plays ``s``; for coarse
    correlated equilibrium one row per player ``i`` and strategy ``t``, holding
    ``u_i(t, s_-i) - u_i(s)`` at every profile ``s``.
    """
    shape = payoffs.shape[1:]
    size = math.prod(shape)
    flat_index = np.arange(size).reshape(shape)
    rows, cols, vals = [], [], []
    offset = 0
    for i, m in enumerate(shape):
        # own strategy along axis 0, the others' profiles s_-i flattened along axis 1
        own = np.moveaxis(payoffs[i], i, 0).reshape(m, -1)
        index = np.moveaxis(flat_index, i, 0).reshape(m, -1)
        if coarse:
            gain = own[:, None, :] - own[None, :, :]            # gain[t, s, r] = u(t, r) - u(s, r)
            col = np.broadcast_to(index[None, :, :], gain.shape)
            row = np.broadcast_to(offset + np.arange(m)[:, None, None], gain.shape)
            offset += m
        else:
            s, t = np.nonzero(~np.eye(m, dtype=bool))
            gain = own[t] - own[s]                               # gain[k, r] for the pair (s[k], t[k])
            col = index[s]
            row = np.broadcast_to(offset + np.arange(len(s))[:, None], gain.shape)
            offset += len(s)
        rows.append(row.ravel())
        cols.append(col.ravel())
        vals.append(gain.ravel())
    matrix = scipy.sparse.coo_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(offset, size)
    ).tocsr()
    matrix.eliminate_zeros()
    return matrix


def _objective_weights(game: Game, objective) -> tuple[np.ndarray, str]:
    """Read ``objective`` as a weight vector over the players and a description."""
    n = game.n_players
    allowed = (
        f"objective must be 'welfare', a player (an index in [0, {n - 1}] or one of {list(game.players)!r}), "
        f"or a weight vector of length {n}"
    )
    if isinstance(objective, str):
        if objective == "welfare":
            return np.ones(n), "welfare"
        if objective in game.players:
            i = game.players.index(objective)
            return np.eye(n)[i], f"payoff of {game.players[i]}"
        close = difflib.get_close_matches(objective, ["welfare", *game.players], n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise InvalidArgumentError(f"{allowed}; got {objective!r}{hint}")
    if isinstance(objective, bool):
        raise ArgumentTypeError(f"{allowed}; got {objective!r}")
    if isinstance(objective, int | np.integer):
        if not 0 <= objective < n:
            raise InvalidArgumentError(f"{allowed}; got player index {objective!r}")
        return np.eye(n)[int(objective)], f"payoff of {game.players[int(objective)]}"
    if isinstance(objective, Sequence | np.ndarray):
        if not all(isinstance(w, Real | np.number) and not isinstance(w, bool) for w in np.ravel(objective)):
            raise ArgumentTypeError(f"{allowed}; got {objective!r}")
        weights = np.array(objective, dtype=float)
        if weights.shape != (n,):
            raise InvalidArgumentError(
                f"objective as a weight vector must have length {n} (one weight per player); "
                f"got shape {weights.shape}"
            )
        if not np.isfinite(weights).all():
            raise InvalidArgumentError(f"objective weights must be finite; got {weights.tolist()}")
        text = ", ".join(f"{player} {w:g}" for player, w in zip(game.players, weights))
        return weights, f"weighted welfare ({text})"
    raise ArgumentTypeError(f"{allowed}; got {objective!r}")


def correlated_equilibrium(
    game: Game, *, objective="welfare", coarse: bool = False, tol: float = 1e-9
) -> CorrelatedEquilibrium:
    """The correlated (or coarse correlated) equilibrium that maximises a linear objective.

    Solves the linear program

    .. math::

        \\max_p \\sum_s p(s) \\sum_i w_i u_i(s) \\quad \\text{s.t.} \\quad G p \\le 0,\\;
        \\sum_s p(s) = 1,\\; p \\ge 0,

    where ``G`` holds the incentive constraints (see the module docstring) and ``w`` the objective's
    weights, with the HiGHS solver of :func:`scipy.optimize.linprog`. The constraint matrix is built
    from the payoff array at once (sparse: each correlated constraint touches only the profiles where
    its player plays its recommended strategy). The solution is verified before it is returned.

    Parameters
    ----------
    game : Game
        A game with any number of players.
    objective : str, int or sequence of float, default "welfare"
        What to maximise: ``"welfare"`` (the sum of the players' payoffs), a player's index or name
        (that player's payoff), or a weight vector of length ``n_players`` (the weighted sum of the
        payoffs; any finite weights, so a negative weight minimises that player's payoff). The
        string ``"welfare"`` means welfare even if a player carries that name.
    coarse : bool, default False
        Ask only for a coarse correlated equilibrium (a larger set).
    tol : float, default 1e-9
        Tolerance of the solver and of the verification, relative to the payoff range: every
        incentive constraint must hold within ``tol * payoff range`` (> 0).

    Returns
    -------
    CorrelatedEquilibrium
        The optimal distribution; when several are optimal, the one HiGHS finds (deterministic).

    Raises
    ------
    ArgumentTypeError
        If ``game`` is not a :class:`~bargain.Game` or ``objective`` has the wrong type.
    InvalidArgumentError
        If ``objective`` is an unknown string, a player not in the game, or a weight vector that is
        not finite or not of length ``n_players``, or if ``tol <= 0``.
    SolverError
        If the linear program fails or its solution does not pass verification.

    References
    ----------
    R. J. Aumann (1974), "Subjectivity and correlation in randomized strategies", *Journal of
    Mathematical Economics* 1(1): 67-96.

    H. Moulin and J.-P. Vial (1978), "Strategically zero-sum games: the class of games whose
    completely mixed equilibria cannot be improved upon", *International Journal of Game Theory*
    7(3-4): 201-221.

    C. H. Papadimitriou and T. Roughgarden (2008), "Computing correlated equilibria in multi-player
    games", *Journal of the ACM* 55(3): 14.

    Examples
    --------
    Chicken: each driver would rather the other swerve. The best correlated equilibrium beats every
    Nash equilibrium's total payoff (at most 9) by never recommending a crash.

    >>> import bargain as bg
    >>> from bargain.equilibria.correlated import correlated_equilibrium
    >>> chicken = bg.Game.bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]],
    ...                            players=("Row", "Col"),
    ...                            strategies=(("Swerve", "Straight"), ("Swerve", "Straight")))
    >>> ce = correlated_equilibrium(chicken)
    >>> ce
    CorrelatedEquilibrium(correlated, maximising welfare; value 10.5; payoffs Row 5.25, Col 5.25)
      Row=Swerve, Col=Swerve: 0.5
      Row=Swerve, Col=Straight: 0.25
      Row=Straight, Col=Swerve: 0.25
    >>> ce.to_frame()
            Row       Col  probability
    0    Swerve    Swerve         0.50
    1    Swerve  Straight         0.25
    2  Straight    Swerve         0.25
    >>> float(correlated_equilibrium(chicken, objective="Row").value)
    7.0
    """
    if not isinstance(game, Game):
        raise ArgumentTypeError(f"game must be a bargain.Game; got {type(game).__name__}")
    if not isinstance(coarse, bool | np.bool_):
        raise ArgumentTypeError(f"coarse must be True or False; got {coarse!r}")
    tol = check_positive("tol", tol)
    weights, description = _objective_weights(game, objective)

    scale = payoff_scale(game)
    payoffs = game.payoffs / scale                 # incentive constraints are in units of the payoff range
    flat = payoffs.reshape(game.n_players, -1)
    size = flat.shape[1]
    constraints = _incentive_constraints(payoffs, coarse=bool(coarse))
    has_constraints = constraints.shape[0] > 0
    result = scipy.optimize.linprog(
        -(weights @ flat),
        A_ub=constraints if has_constraints else None,
        b_ub=np.zeros(constraints.shape[0]) if has_constraints else None,
        A_eq=np.ones((1, size)),
        b_eq=[1.0],
        bounds=(0, None),
        method="highs",
        options={"primal_feasibility_tolerance": min(1e-7, max(tol, 1e-10))},
    )
    if result.status != 0 or result.x is None:
        raise SolverError(
            f"the {'coarse ' if coarse else ''}correlated equilibrium linear program failed "
            f"(status {result.status}): {result.message}"
        )
    p = np.clip(result.x, 0.0, None)
    p[p <= ZERO_PROBABILITY] = 0.0
    p /= p.sum()
    violation = float((constraints @ p).max(initial=0.0))
    if violation > tol:
        raise SolverError(
            f"the solver's distribution breaks an incentive constraint by {violation * scale:.3g} "
            f"(allowed: tol * payoff range = {tol * scale:.3g}); the game may be badly scaled for tol={tol:g}"
        )
    expected = game.payoffs.reshape(game.n_players, -1) @ p
    return CorrelatedEquilibrium(
        distribution=_frozen(p.reshape(game.shape)),
        payoffs=_frozen(expected),
        value=float(weights @ expected),
        coarse=bool(coarse),
        objective=description,
        players=game.players,
        strategies=game.strategies,
    )


def is_correlated_equilibrium(game: Game, distribution, *, coarse: bool = False, tol: float = 1e-8) -> bool:
    """Whether a distribution over pure profiles is a (coarse) correlated equilibrium.

    Parameters
    ----------
    game : Game
    distribution : array_like, shape (m_1, ..., m_n)
        A probability distribution over the game's pure profiles (entries >= 0 summing to 1).
    coarse : bool, default False
        Test the coarse correlated equilibrium constraints instead.
    tol : float, default 1e-8
        Each incentive constraint may be broken by at most ``tol * payoff range`` (> 0).

    Returns
    -------
    bool

    Raises
    ------
    InvalidProfileError
        If ``distribution`` does not have the game's shape or is not a probability distribution.
    InvalidArgumentError
        If ``tol <= 0``.

    Examples
    --------
    Aumann's traffic light in Chicken: each of (Swerve, Swerve), (Swerve, Straight) and
    (Straight, Swerve) with probability 1/3.

    >>> import bargain as bg
    >>> from bargain.equilibria.correlated import is_correlated_equilibrium
    >>> chicken = bg.Game.bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    >>> is_correlated_equilibrium(chicken, [[1/3, 1/3], [1/3, 0]])
    True
    >>> is_correlated_equilibrium(chicken, [[1, 0], [0, 0]])     # both told to swerve: each deviates
    False
    """
    if not isinstance(game, Game):
        raise ArgumentTypeError(f"game must be a bargain.Game; got {type(game).__name__}")
    if not isinstance(coarse, bool | np.bool_):
        raise ArgumentTypeError(f"coarse must be True or False; got {coarse!r}")
    tol = check_positive("tol", tol)
    try:
        p = np.array(distribution, dtype=float)
    except (TypeError, ValueError):
        raise InvalidProfileError(
            f"distribution must be an array of probabilities of shape {game.shape}; got {distribution!r}"
        ) from None
    if p.shape != game.shape:
        raise InvalidProfileError(f"distribution must have the game's shape {game.shape}; got shape {p.shape}")
    if not np.isfinite(p).all() or p.min() < -PROBABILITY_TOL or abs(p.sum() - 1) > 1e-6:
        raise InvalidProfileError(
            "distribution must be a probability distribution (finite entries >= 0 summing to 1); "
            f"got entries in [{p.min():.6g}, {p.max():.6g}] summing to {p.sum():.6g}"
        )
    p = np.clip(p, 0.0, None).ravel()
    p /= p.sum()
    payoffs = game.payoffs / payoff_scale(game)
    return bool((_incentive_constraints(payoffs, coarse=bool(coarse)) @ p).max(initial=0.0) <= tol)
