"""bargain: resistance, negotiation and coordination among government departments, as games.

The top level re-exports the public API flat (``bg.Game``, ``bg.equilibria``, ...).
"""

import importlib as _importlib
from importlib.metadata import PackageNotFoundError, version as _version

from . import bargaining, catalog, dynamics, errors, extensive, models, qre, repeated, results
from .equilibria import (
    CorrelatedEquilibrium,
    Elimination,
    Equilibria,
    Equilibrium,
    best_responses,
    correlated_equilibrium,
    equilibria,
    equilibria_batch,
    is_correlated_equilibrium,
    is_equilibrium,
    is_strictly_dominated,
    iterated_elimination,
    lemke_howson,
    lemke_howson_all,
    pure_equilibria,
    regret,
)
from .game import Game
from .gamefile import read_game, write_game
from .sweep import grid, sweep

try:
    __version__ = _version("bargain")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

__all__ = [
    "CorrelatedEquilibrium",
    "Elimination",
    "Equilibria",
    "Equilibrium",
    "Game",
    "__version__",
    "bargaining",
    "best_responses",
    "catalog",
    "correlated_equilibrium",
    "dynamics",
    "equilibria",
    "equilibria_batch",
    "errors",
    "extensive",
    "grid",
    "is_correlated_equilibrium",
    "is_equilibrium",
    "is_strictly_dominated",
    "iterated_elimination",
    "lemke_howson",
    "lemke_howson_all",
    "models",
    "plotting",
    "pure_equilibria",
    "qre",
    "read_game",
    "regret",
    "repeated",
    "results",
    "sweep",
    "write_game",
]


def __getattr__(name: str):
    # bargain.plotting needs matplotlib (the "plot" extra), so it is imported only when used
    if name == "plotting":
        return _importlib.import_module(".plotting", __name__)
    raise AttributeError(f"module 'bargain' has no attribute {name!r}")
