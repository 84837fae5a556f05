"""bargain: resistance, negotiation and coordination among government departments, as games.

The top level re-exports the public API flat (``bg.Game``, ``bg.equilibria``, ...).
"""

from importlib.metadata import PackageNotFoundError, version as _version

from . import errors
from .equilibria import (
    Equilibria,
    Equilibrium,
    best_responses,
    equilibria,
    equilibria_batch,
    is_equilibrium,
    pure_equilibria,
    regret,
)
from .game import Game

try:
    __version__ = _version("bargain")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

__all__ = [
    "Equilibria",
    "Equilibrium",
    "Game",
    "__version__",
    "best_responses",
    "equilibria",
    "equilibria_batch",
    "errors",
    "is_equilibrium",
    "pure_equilibria",
    "regret",
]
