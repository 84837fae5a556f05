"""Errors and warnings raised by :mod:`bargain`.

Every error derives from :class:`BargainError`, and also from the built-in exception that fits
(``ValueError`` for a bad value, ``TypeError`` for a bad type), so ordinary ``except ValueError``
still works. Messages name the field, the value received and what is allowed.

Examples
--------
>>> import bargain as bg
>>> try:
...     bg.Game.bimatrix([[1, 2]], [[1]])
... except bg.errors.BargainError as err:
...     print(type(err).__name__)
InvalidGameError
"""

from __future__ import annotations

__all__ = [
    "BargainError",
    "InvalidGameError",
    "PlayerCountError",
    "InvalidArgumentError",
    "ArgumentTypeError",
    "InvalidProfileError",
    "SolverError",
    "BargainWarning",
    "DegenerateGameWarning",
]


class BargainError(Exception):
    """Root of every error raised by :mod:`bargain`."""


class InvalidGameError(BargainError, ValueError):
    """A payoff array or its names do not describe a valid game."""


class PlayerCountError(InvalidGameError):
    """A solver was given a game with a number of players it does not handle."""


class InvalidArgumentError(BargainError, ValueError):
    """An argument has a value outside what is allowed (``tol <= 0``, an unknown method, ...)."""


class ArgumentTypeError(BargainError, TypeError):
    """An argument has the wrong type."""


class InvalidProfileError(BargainError, ValueError):
    """A strategy profile does not fit the game (wrong length, not a probability vector, ...)."""


class SolverError(BargainError, RuntimeError):
    """A solver could not produce a verified answer."""


class BargainWarning(UserWarning):
    """Root of every warning issued by :mod:`bargain`."""


class DegenerateGameWarning(BargainWarning, RuntimeWarning):
    """A method that assumes a nondegenerate game was used on a degenerate one."""
