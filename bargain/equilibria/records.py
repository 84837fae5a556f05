"""Frozen result records returned by the equilibrium solvers."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from .._arrays import frozen as _frozen
from .._format import mixed_str

__all__ = ["Equilibrium", "Equilibria"]




@dataclass(frozen=True, eq=False, repr=False, slots=True)
class Equilibrium:
    """One equilibrium of a game, with the names of its players and strategies.

    Attributes
    ----------
    profile : tuple of 1-D float arrays
        One mixed strategy (a probability vector over that player's pure strategies) per player.
    payoffs : 1-D float array
        Each player's expected payoff at the profile.
    players : tuple of str
        The players' names, in order.
    strategies : tuple of tuples of str
        Each player's strategy names, in order.
    regret : 1-D float array
        Each player's best-response regret at the profile (verified to be within tolerance).
    support : tuple of tuples of str
        For each player, the names of the pure strategies played with positive probability.
    """

    profile: tuple[np.ndarray, ...]
    payoffs: np.ndarray
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    regret: np.ndarray

    @classmethod
    def _build(cls, profile, payoffs, players, strategies, regret) -> Equilibrium:
        return cls(tuple(_frozen(p) for p in profile), _frozen(payoffs), players, strategies, _frozen(regret))

    @property
    def support(self) -> tuple[tuple[str, ...], ...]:
        """For each player, the names of the pure strategies played with positive probability."""
        return tuple(
            tuple(names[k] for k in np.flatnonzero(p > 0)) for names, p in zip(self.strategies, self.profile)
        )

    @property
    def is_pure(self) -> bool:
        """Whether every player plays a single pure strategy."""
        return all(len(s) == 1 for s in self.support)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Equilibrium):
            return NotImplemented
        return (
            self.players == other.players
            and len(self.profile) == len(other.profile)
            and all(np.array_equal(a, b) for a, b in zip(self.profile, other.profile))
        )

    def __hash__(self) -> int:
        return hash((self.players, tuple(p.tobytes() for p in self.profile)))

    def __repr__(self) -> str:
        strategies = ", ".join(
            f"{player}: {mixed_str(names, p, zero=0.0)}"
            for player, names, p in zip(self.players, self.strategies, self.profile)
        )
        payoffs = ", ".join(f"{v:.6g}" for v in self.payoffs)
        return f"Equilibrium({strategies}; payoffs ({payoffs}))"


@dataclass(frozen=True, eq=False, repr=False)
class Equilibria(Sequence):
    """The equilibria a solver found, with how it found them.

    Iterable, indexable and sized like a tuple of :class:`Equilibrium`.

    Attributes
    ----------
    items : tuple of Equilibrium
        The equilibria, in a deterministic order (pure first, then by support size).
    method : str
        The algorithm that produced them (``"support"``, ``"vertex"``, ``"pure"``, ...).
    degenerate : bool
        Whether the game was found degenerate: some mixed strategy with ``k`` pure strategies in its
        support has more than ``k`` pure best responses. For a degenerate game the list holds the
        *extreme* equilibria (every equilibrium is a convex combination of extreme ones within a
        Nash component).
    tol : float
        The tolerance used for labels, ties and verification, relative to the payoff range.
    """

    items: tuple[Equilibrium, ...]
    method: str
    degenerate: bool
    tol: float

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index):
        return self.items[index]

    def __iter__(self) -> Iterator[Equilibrium]:
        return iter(self.items)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Equilibria):
            return NotImplemented
        return (self.items, self.method, self.degenerate) == (other.items, other.method, other.degenerate)

    def __hash__(self) -> int:
        return hash((self.items, self.method, self.degenerate))

    def __repr__(self) -> str:
        head = f"Equilibria({len(self)} found by {self.method!r}, degenerate={self.degenerate})"
        return "\n".join([head, *(f"  {eq!r}" for eq in self.items)])

    def to_frame(self):
        """The equilibria as a tidy :class:`pandas.DataFrame`, one row per equilibrium.

        Columns: ``eq`` (its index), then for each player the probability of each strategy
        (``"<player>:<strategy>"``), then each player's payoff (``"payoff:<player>"``).
        """
        import pandas as pd

        rows = []
        for k, eq in enumerate(self.items):
            row = {"eq": k}
            for player, names, p in zip(eq.players, eq.strategies, eq.profile):
                for name, prob in zip(names, p):
                    row[f"{player}:{name}"] = float(prob)
            for player, value in zip(eq.players, eq.payoffs):
                row[f"payoff:{player}"] = float(value)
            rows.append(row)
        return pd.DataFrame(rows)
