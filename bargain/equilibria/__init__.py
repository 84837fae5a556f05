"""Equilibria of games in strategic form: Nash (all, for two players), pure (any number of players),
correlated and coarse correlated; regret and best-response checks."""

from .nash import equilibria, equilibria_batch
from .pure import pure_equilibria
from .records import Equilibria, Equilibrium
from .regret import best_responses, is_equilibrium, regret

__all__ = [
    "Equilibria",
    "Equilibrium",
    "best_responses",
    "equilibria",
    "equilibria_batch",
    "is_equilibrium",
    "pure_equilibria",
    "regret",
]
