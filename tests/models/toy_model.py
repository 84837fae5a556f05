"""A two-by-two model used to test the model registry and the command line (not a case model).

A bureau (rows: ``Command``, ``Compromise``) meets an office (columns: ``Comply``, ``Oppose``).
Command gives the bureau 2 if the office complies and -1 if it opposes; Compromise gives the bureau
1 whatever the office does. Against Command the office gets 0 for complying and ``2 s - 1`` for
opposing, where ``s`` is its soft power; against Compromise it gets 1 for complying and 0 for
opposing.

Worked by hand: for ``s < 1/2`` complying is strictly dominant, so the unique equilibrium is
(Command, Comply) with payoffs (2, 0). For ``s > 1/2`` best responses cycle, and the unique
equilibrium is mixed: the office complies with probability 2/3 (making the bureau indifferent,
``2q - (1 - q) = 1``) and the bureau commands with probability ``1 / (2 s)`` (making the office
indifferent, ``1 - p = p (2 s - 1)``); payoffs are 1 to the bureau and ``1 - 1/(2 s)`` to the office.
"""

from __future__ import annotations

from dataclasses import dataclass

from bargain.game import Game
from bargain.models import param, validate

DESCRIPTION = "Toy command-or-compromise game for tests."
SEED = "000_toy.txt"


@dataclass(frozen=True)
class Model:
    """The toy model.

    Parameters
    ----------
    soft_power : float, default 0.25
        The office's leverage, in [0, 1].
    """

    soft_power: float = param(0.25, lo=0, hi=1, meaning="the office's leverage over the bureau",
                              source="invented for tests")

    def __post_init__(self) -> None:
        validate(self)

    def stage_game(self) -> Game:
        s = self.soft_power
        return Game.bimatrix([[2, -1], [1, 1]], [[0, 2 * s - 1], [1, 0]], players=("Bureau", "Office"),
                             strategies=(("Command", "Compromise"), ("Comply", "Oppose")))
