"""Finitely repeated games: subgame-perfect outcomes by backward induction on payoff sets.

With ``T`` rounds and undiscounted total payoffs, let ``E_t`` be a set of total payoffs of
subgame-perfect equilibria of the ``t``-round game (``E_0 = {0}``). A round can

* play a stage Nash equilibrium ``e`` (mixed allowed) followed by any ``v`` in ``E_{t-1}`` that does
  not depend on what was played: ``u(e) + v``;
* play a pure profile ``a`` followed by ``v`` in ``E_{t-1}``, where a unilateral deviation of player
  ``i`` switches the continuation to the element of ``E_{t-1}`` worst for ``i`` (``w_i``): this is an
  equilibrium in the round exactly when ``u_i(a) + v_i >= max_s u_i(s, a_-i) + w_i`` for every ``i``.

The recursion is exact for pure-strategy subgame-perfect equilibria (the characterisation of
Benoit and Krishna, 1985, written on payoff sets), and it also admits rounds of mixed stage
equilibria with history-independent continuations; it does not search for other mixed-strategy
equilibria. When the stage game has a unique Nash equilibrium, the only element is playing it every
round, and the only pure profile sustainable in the first round is that equilibrium (if pure).

The sets are finite and kept exactly (payoff vectors merged when equal up to rounding); their size
grows with ``T`` and the number of distinct payoffs, so this is meant for small games and horizons.

References
----------
.. [1] J.-P. Benoit and V. Krishna, "Finitely repeated games", *Econometrica* 53 (1985) 905-922.
.. [2] R. Gibbons, *Game Theory for Applied Economists* (1992), Section 2.3.A (the two-stage example
   in which (M, C) is played first).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from ..equilibria.records import Equilibrium
from ..equilibria.regret import payoff_scale
from ..errors import ArgumentTypeError, InvalidArgumentError, SolverError
from ..game import Game

__all__ = ["FiniteRepeated", "finitely_repeated"]

#: Largest payoff set kept in one round before giving up.
MAX_SET_SIZE = 200_000


@dataclass(frozen=True, eq=False, repr=False)
class FiniteRepeated:
    """Subgame-perfect outcomes of a finitely repeated game.

    Attributes
    ----------
    rounds : int
    stage_equilibria : tuple of Equilibrium
        The stage Nash equilibria used as continuations (all of them for two players, the pure ones
        for more).
    first_round : tuple of tuples of str
        The pure profiles that some subgame-perfect equilibrium plays in the first round.
    paths : dict
        For each profile of ``first_round``, the on-path sequence of an equilibrium starting with it
        (the one with the largest total payoff sum); each round is a tuple of strategy labels
        (a mixed stage equilibrium appears as its mixtures, e.g. ``"0.5 H + 0.5 T"``).
    payoffs : float array, shape (k, n_players)
        The total (undiscounted) payoffs of the equilibria found, sorted.
    """

    rounds: int
    stage_equilibria: tuple[Equilibrium, ...]
    first_round: tuple[tuple[str, ...], ...]
    paths: dict
    payoffs: np.ndarray

    @property
    def unique_stage_equilibrium(self) -> bool:
        """Whether the stage game has a single Nash equilibrium (then it is played every round)."""
        return len(self.stage_equilibria) == 1

    def __repr__(self) -> str:
        first = ", ".join("(" + ", ".join(p) + ")" for p in self.first_round) or "none"
        return (f"FiniteRepeated({self.rounds} rounds, {len(self.stage_equilibria)} stage equilibria; "
                f"first-round profiles: {first}; {len(self.payoffs)} equilibrium payoffs)")


def _label(names, vector) -> str:
    support = [(n, p) for n, p in zip(names, vector) if p > 1e-12]
    if len(support) == 1:
        return support[0][0]
    return " + ".join(f"{p:.4g} {n}" for n, p in support)


def finitely_repeated(game: Game, rounds: int, *, tol: float = 1e-9) -> FiniteRepeated:
    """Which first-round pure profiles a subgame-perfect equilibrium of the ``rounds``-fold game plays.

    Backward induction on sets of equilibrium payoffs; see the module docstring for the exact scope.

    Parameters
    ----------
    game : Game
        Any number of players (stage equilibria: all, for two players; pure ones otherwise).
    rounds : int
        The number of rounds ``T >= 1``.
    tol : float, default 1e-9
        Relative tolerance (times the payoff range) in the incentive constraints.

    Returns
    -------
    FiniteRepeated

    Raises
    ------
    InvalidArgumentError
        If ``rounds`` is not an integer >= 1.
    SolverError
        If the stage game has no (pure, for more than two players) Nash equilibrium, or the payoff
        sets grow past ``MAX_SET_SIZE``.

    References
    ----------
    .. [1] Benoit and Krishna (1985).

    Examples
    --------
    >>> import bargain as bg
    >>> from bargain.repeated.finite import finitely_repeated
    >>> g = bg.Game.bimatrix([[1, 5, 0], [0, 4, 0], [0, 0, 3]], [[1, 0, 0], [5, 4, 0], [0, 0, 3]],
    ...                      strategies=(("T", "M", "B"), ("L", "C", "R")))
    >>> result = finitely_repeated(g, 2)
    >>> ("M", "C") in result.first_round, result.paths[("M", "C")]
    (True, (('M', 'C'), ('B', 'R')))
    """
    if not isinstance(game, Game):
        raise ArgumentTypeError(f"game must be a bargain.Game; got {type(game).__name__}")
    if isinstance(rounds, bool) or not isinstance(rounds, int | np.integer) or rounds < 1:
        raise InvalidArgumentError(f"rounds must be an integer >= 1; got {rounds!r}")
    if not isinstance(tol, float | int) or isinstance(tol, bool) or tol <= 0:
        raise InvalidArgumentError(f"tol must be > 0; got {tol!r}")
    if game.n_players == 2:
        from ..equilibria.nash import equilibria

        stage = tuple(equilibria(game))
    else:
        from ..equilibria.pure import pure_equilibria

        stage = tuple(pure_equilibria(game))
    if not stage:
        raise SolverError("the stage game has no pure Nash equilibrium to end the game with")
    scale = payoff_scale(game)
    slack = tol * scale
    digits = max(0, int(-np.floor(np.log10(slack))) - 1)
    n = game.n_players
    cells = list(itertools.product(*(range(m) for m in game.shape)))
    u = {cell: game.payoffs[(slice(None), *cell)] for cell in cells}
    dev = {}
    for cell in cells:
        dev[cell] = np.array([game.payoffs[i][cell[:i] + (slice(None),) + cell[i + 1:]].max() for i in range(n)])
    ne_moves = [(eq.payoffs, tuple(_label(names, p) for names, p in zip(game.strategies, eq.profile)))
                for eq in stage]

    def key(v):
        return tuple(np.round(v, digits) + 0.0)

    # current: payoff key -> (payoff vector, path)
    current = {key(np.zeros(n)): (np.zeros(n), ())}
    first_round: dict = {}
    for t in range(1, int(rounds) + 1):
        values = np.array([v for v, _ in current.values()])
        worst = values.min(axis=0)
        ordered = sorted(current.values(), key=lambda item: (-float(item[0].sum()), key(item[0])))
        new: dict = {}
        for v, path in ordered:
            for payoff, label in ne_moves:
                total = payoff + v
                new.setdefault(key(total), (total, (label, *path)))
        for cell in cells:
            name = tuple(game.strategies[i][s] for i, s in enumerate(cell))
            for v, path in ordered:
                if np.all(u[cell] + v >= dev[cell] + worst - slack):
                    total = u[cell] + v
                    new.setdefault(key(total), (total, (name, *path)))
                    if t == rounds and name not in first_round:
                        first_round[name] = (name, *path)
        if len(new) > MAX_SET_SIZE:
            raise SolverError(
                f"the set of equilibrium payoffs grew past {MAX_SET_SIZE} points at round {t} of {rounds}; "
                f"use fewer rounds"
            )
        current = new
    names_order = [tuple(game.strategies[i][s] for i, s in enumerate(cell)) for cell in cells]
    first = tuple(p for p in names_order if p in first_round)
    payoffs = np.array(sorted((tuple(v) for v, _ in current.values()), reverse=True))
    payoffs.flags.writeable = False
    return FiniteRepeated(int(rounds), stage, first, {p: first_round[p] for p in first}, payoffs)
