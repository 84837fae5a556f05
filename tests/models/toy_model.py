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
At ``s = 1/2`` the office is indifferent against Command and the game is degenerate: the bureau
commands and the office complies with any probability from 2/3 to 1 (extreme equilibria: complying
for sure, payoffs (2, 0), and with probability 2/3, payoffs (1, 0)).

:func:`cell` (one sweep point) reports the regime (``"command"``, ``"mixed"`` or ``"degenerate"``),
the number of extreme equilibria and, for the equilibrium best for the bureau, the probabilities of
Command and Comply and both payoffs.
"""

from __future__ import annotations

from dataclasses import dataclass

from bargain.equilibria import equilibria
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


def cell(**params) -> dict:
    """One sweep point: the regime and the bureau's best equilibrium of ``Model(**params)``."""
    found = equilibria(Model(**params).stage_game())
    best = max(found, key=lambda eq: eq.payoffs[0])  # max keeps the first of equals
    if found.degenerate:
        regime = "degenerate"
    else:
        regime = "command" if len(best.support[0]) == 1 else "mixed"
    return {
        "regime": regime,
        "n_equilibria": len(found),
        "command": float(best.profile[0][0]),
        "comply": float(best.profile[1][0]),
        "bureau_payoff": float(best.payoffs[0]),
        "office_payoff": float(best.payoffs[1]),
    }
