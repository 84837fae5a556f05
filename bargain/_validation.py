"""Small input checks shared by every layer; each raises a :mod:`bargain.errors` error whose message
names the field, the value received and what is allowed."""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable
from numbers import Real

import numpy as np

from .errors import ArgumentTypeError, InvalidArgumentError
from .game import Game


def check_real(name: str, value: object) -> float:
    """Return ``value`` as a finite float, or raise naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, Real | np.number):
        raise ArgumentTypeError(f"{name} must be a real number; got {value!r}")
    out = float(value)
    if not math.isfinite(out):
        raise InvalidArgumentError(f"{name} must be finite; got {value!r}")
    return out


def check_positive(name: str, value: object) -> float:
    """Return ``value`` as a float > 0."""
    out = check_real(name, value)
    if out <= 0:
        raise InvalidArgumentError(f"{name} must be > 0; got {value!r}")
    return out


def check_choice(name: str, value: object, allowed: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``allowed``; otherwise suggest the closest."""
    allowed = list(allowed)
    if not isinstance(value, str) or value not in allowed:
        hint = ""
        if isinstance(value, str):
            close = difflib.get_close_matches(value, allowed, n=1)
            if close:
                hint = f"; did you mean {close[0]!r}?"
        raise InvalidArgumentError(
            f"{name} must be one of {', '.join(map(repr, allowed))}; got {value!r}{hint}"
        )
    return value


def check_game(game: object, two_player_solver: str | None = None, alternative: str | None = None) -> Game:
    """Return ``game`` if it is a :class:`~bargain.Game`; when ``two_player_solver`` names the caller,
    also require two players (the message points to ``alternative`` if given)."""
    if not isinstance(game, Game):
        raise ArgumentTypeError(f"game must be a bargain.Game; got {type(game).__name__}")
    if two_player_solver is not None:
        game.require_players(2, two_player_solver, alternative)
    return game
