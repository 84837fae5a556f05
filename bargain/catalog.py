"""A few textbook games with their standard names, for examples, demos and tests.

Each entry cites where the game is printed. ``get(name)`` returns a fresh :class:`~bargain.Game`.

Examples
--------
>>> from bargain import catalog
>>> catalog.names()
('battle-of-the-sexes', 'chicken', 'matching-pennies', 'prisoners-dilemma', 'rock-paper-scissors')
>>> print(catalog.get("prisoners-dilemma"))
Game: Row (rows) vs Column (columns); cells are payoffs (Row, Column)
             Cooperate  Defect
Cooperate       3, 3     0, 5
Defect          5, 0     1, 1
"""

from __future__ import annotations

from collections.abc import Callable

from ._validation import check_choice
from .game import Game

__all__ = ["names", "get", "describe"]

_ROW_COL = ("Row", "Column")


def _prisoners_dilemma() -> Game:
    return Game.bimatrix(
        [[3, 0], [5, 1]], [[3, 5], [0, 1]], players=_ROW_COL,
        strategies=(("Cooperate", "Defect"), ("Cooperate", "Defect")),
    )


def _battle_of_the_sexes() -> Game:
    return Game.bimatrix(
        [[3, 0], [0, 2]], [[2, 0], [0, 3]], players=_ROW_COL,
        strategies=(("Opera", "Football"), ("Opera", "Football")),
    )


def _matching_pennies() -> Game:
    return Game.bimatrix(
        [[1, -1], [-1, 1]], [[-1, 1], [1, -1]], players=_ROW_COL,
        strategies=(("Heads", "Tails"), ("Heads", "Tails")),
    )


def _chicken() -> Game:
    return Game.bimatrix(
        [[6, 2], [7, 0]], [[6, 7], [2, 0]], players=_ROW_COL,
        strategies=(("Swerve", "Straight"), ("Swerve", "Straight")),
    )


def _rock_paper_scissors() -> Game:
    A = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    return Game.bimatrix(
        A, [[-a for a in row] for row in A], players=_ROW_COL,
        strategies=(("Rock", "Paper", "Scissors"), ("Rock", "Paper", "Scissors")),
    )


_CATALOG: dict[str, tuple[Callable[[], Game], str]] = {
    "battle-of-the-sexes": (_battle_of_the_sexes, "Two pure coordination equilibria and one mixed (Luce and Raiffa 1957, ch. 5)."),
    "chicken": (_chicken, "Anti-coordination; the payoffs of Aumann's (1974) correlated-equilibrium example."),
    "matching-pennies": (_matching_pennies, "Zero-sum; the unique equilibrium mixes 1/2-1/2 (von Neumann and Morgenstern 1944)."),
    "prisoners-dilemma": (_prisoners_dilemma, "Defection strictly dominates; the unique equilibrium is inefficient (Axelrod 1984)."),
    "rock-paper-scissors": (_rock_paper_scissors, "Zero-sum cycle; the unique equilibrium mixes uniformly."),
}


def names() -> tuple[str, ...]:
    """Names of the catalogued games, sorted."""
    return tuple(sorted(_CATALOG))


def get(name: str) -> Game:
    """The catalogued game called ``name`` (see :func:`names`)."""
    return _CATALOG[check_choice("name", name, names())][0]()


def describe(name: str) -> str:
    """One line on the game called ``name`` and its source."""
    return _CATALOG[check_choice("name", name, names())][1]
