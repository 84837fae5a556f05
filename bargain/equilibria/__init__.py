"""Equilibria of games in strategic form: Nash (all, for two players), pure (any number of players),
correlated and coarse correlated; dominance; regret and best-response checks."""

from .correlated import CorrelatedEquilibrium, correlated_equilibrium, is_correlated_equilibrium
from .dominance import Elimination, is_strictly_dominated, iterated_elimination
from .lemke_howson import lemke_howson, lemke_howson_all
from .nash import equilibria, equilibria_batch
from .pure import pure_equilibria
from .records import Equilibria, Equilibrium
from .regret import best_responses, is_equilibrium, regret

__all__ = [
    "CorrelatedEquilibrium",
    "Elimination",
    "Equilibria",
    "Equilibrium",
    "best_responses",
    "correlated_equilibrium",
    "equilibria",
    "equilibria_batch",
    "is_correlated_equilibrium",
    "is_equilibrium",
    "is_strictly_dominated",
    "iterated_elimination",
    "lemke_howson",
    "lemke_howson_all",
    "pure_equilibria",
    "regret",
]
