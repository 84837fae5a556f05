"""The immutable :class:`Game` value: a payoff array with named players and named strategies.

A game with ``n`` players in which player ``i`` has ``m_i`` pure strategies is a real array of shape
``(n, m_1, ..., m_n)``; ``payoffs[i][s_1, ..., s_n]`` is player ``i``'s payoff at the pure profile
``(s_1, ..., s_n)``. Players are indexed from 0.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .errors import ArgumentTypeError, InvalidGameError, InvalidProfileError, PlayerCountError

__all__ = ["Game"]


def _readonly(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


def _as_payoff_array(payoffs: object) -> np.ndarray:
    try:
        if np.asarray(payoffs).dtype.kind in "USV":  # numpy would parse "1.5" as a number
            raise TypeError("got text")
        array = np.array(payoffs, dtype=float)
    except (ValueError, TypeError, OverflowError) as err:
        raise InvalidGameError(
            "payoffs must be a rectangular array of real numbers of shape (n_players, m_1, ..., m_n); "
            f"could not read it as one ({err})"
        ) from None
    if np.iscomplexobj(np.asarray(payoffs)):
        raise InvalidGameError("payoffs must be real numbers; got complex values")
    return array


def _check_names(kind: str, names: object, count: int) -> tuple[str, ...]:
    if isinstance(names, str) or not isinstance(names, Sequence):
        raise ArgumentTypeError(f"{kind} must be a sequence of {count} strings; got {names!r}")
    names = tuple(names)
    if len(names) != count:
        raise InvalidGameError(f"{kind} must have {count} names; got {len(names)}: {list(names)!r}")
    for name in names:
        if not isinstance(name, str) or not name:
            raise InvalidGameError(f"{kind} must be non-empty strings; got {name!r}")
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise InvalidGameError(f"{kind} must be unique; got duplicate name(s) {duplicates!r}")
    return names


@dataclass(frozen=True, eq=False, repr=False)
class Game:
    """A finite game in strategic form, with named players and strategies.

    Parameters
    ----------
    payoffs : array_like, shape (n_players, m_1, ..., m_n)
        ``payoffs[i][s_1, ..., s_n]`` is player ``i``'s payoff when each player ``j`` plays its pure
        strategy ``s_j``. Every entry must be a finite real number; every player needs at least one
        strategy. The array is copied and made read-only.
    players : sequence of str, optional
        One unique name per player; default ``("P0", "P1", ...)``.
    strategies : sequence of sequences of str, optional
        For each player, one unique name per pure strategy; default ``("s0", "s1", ...)``.

    Raises
    ------
    InvalidGameError
        If the array is ragged, non-numeric, not finite, has the wrong shape, or the names do not match.

    Examples
    --------
    >>> import bargain as bg
    >>> pd = bg.Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                       players=("Row", "Col"),
    ...                       strategies=(("Cooperate", "Defect"), ("Cooperate", "Defect")))
    >>> pd.shape
    (2, 2)
    >>> print(pd)
    Game: Row (rows) vs Col (columns); cells are payoffs (Row, Col)
                   Cooperate  Defect
    Cooperate       3, 3       0, 5
    Defect          5, 0       1, 1
    >>> import dataclasses
    >>> dataclasses.replace(pd, players=("Bureau", "Office")).players
    ('Bureau', 'Office')
    """

    payoffs: np.ndarray
    players: tuple[str, ...] | None = field(default=None, kw_only=True)
    strategies: tuple[tuple[str, ...], ...] | None = field(default=None, kw_only=True)

    def __post_init__(self) -> None:
        payoffs = _as_payoff_array(self.payoffs)
        if payoffs.ndim < 2:
            raise InvalidGameError(
                "payoffs must have shape (n_players, m_1, ..., m_n) with n_players >= 1; "
                f"got an array of shape {payoffs.shape}"
            )
        n_players = payoffs.shape[0]
        if payoffs.ndim != n_players + 1:
            raise InvalidGameError(
                f"payoffs of shape {payoffs.shape} do not describe a game: the first axis says "
                f"{n_players} players, so the array needs {n_players + 1} axes; got {payoffs.ndim}"
            )
        empty = [i for i, m in enumerate(payoffs.shape[1:]) if m == 0]
        if empty:
            raise InvalidGameError(
                f"every player needs at least one strategy; player(s) {empty} have none "
                f"(payoffs shape {payoffs.shape})"
            )
        bad = ~np.isfinite(payoffs)
        if bad.any():
            where = tuple(int(i) for i in np.argwhere(bad)[0])
            raise InvalidGameError(
                f"payoffs must be finite real numbers; got {payoffs[where]} at index {where}"
            )
        with np.errstate(over="ignore"):
            spans = payoffs.reshape(n_players, -1).max(axis=1) - payoffs.reshape(n_players, -1).min(axis=1)
        if not np.isfinite(spans).all():
            raise InvalidGameError(
                "each player's payoff range (max - min) must be a finite float; rescale payoffs of size "
                f"{np.abs(payoffs).max():g}"
            )
        payoffs = payoffs + 0.0  # -0.0 becomes 0.0, so that equal games hash equally
        players = (
            tuple(f"P{i}" for i in range(n_players))
            if self.players is None
            else _check_names("players", self.players, n_players)
        )
        if self.strategies is None:
            strategies = tuple(tuple(f"s{k}" for k in range(m)) for m in payoffs.shape[1:])
        else:
            if isinstance(self.strategies, str) or not isinstance(self.strategies, Sequence):
                raise ArgumentTypeError(
                    f"strategies must be a sequence of {n_players} sequences of names; got {self.strategies!r}"
                )
            if len(self.strategies) != n_players:
                raise InvalidGameError(
                    f"strategies must give names for {n_players} players; got {len(self.strategies)}"
                )
            strategies = tuple(
                _check_names(f"strategies of player {players[i]!r}", names, payoffs.shape[1 + i])
                for i, names in enumerate(self.strategies)
            )
        object.__setattr__(self, "payoffs", _readonly(payoffs))
        object.__setattr__(self, "players", players)
        object.__setattr__(self, "strategies", strategies)

    @classmethod
    def bimatrix(cls, A, B, *, players=None, strategies=None) -> Game:
        """Build a two-player game from the row player's matrix ``A`` and the column player's ``B``.

        ``A[i, j]`` and ``B[i, j]`` are the row's and the column's payoffs when the row plays ``i`` and
        the column plays ``j``.

        Examples
        --------
        >>> import bargain as bg
        >>> g = bg.Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        >>> g.players, g.strategies
        (('P0', 'P1'), (('s0', 's1'), ('s0', 's1')))
        """
        A = _as_payoff_array(A)
        B = _as_payoff_array(B)
        if A.ndim != 2 or B.ndim != 2:
            raise InvalidGameError(
                f"A and B must be 2-D matrices; got shapes {A.shape} and {B.shape}"
            )
        if A.shape != B.shape:
            raise InvalidGameError(f"A and B must have the same shape; got {A.shape} and {B.shape}")
        return cls(np.stack([A, B]), players=players, strategies=strategies)

    # ------------------------------------------------------------------ properties
    @property
    def n_players(self) -> int:
        """Number of players."""
        return self.payoffs.shape[0]

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of pure strategies of each player, ``(m_1, ..., m_n)``."""
        return tuple(self.payoffs.shape[1:])

    def player_index(self, player: int | str) -> int:
        """Index of ``player`` given by index or by name."""
        if isinstance(player, str):
            if player not in self.players:
                raise InvalidProfileError(f"player must be one of {list(self.players)!r}; got {player!r}")
            return self.players.index(player)
        if isinstance(player, bool) or not isinstance(player, int | np.integer) or not 0 <= player < self.n_players:
            raise InvalidProfileError(
                f"player must be an index in [0, {self.n_players - 1}] or a name; got {player!r}"
            )
        return int(player)

    def strategy_index(self, player: int | str, strategy: int | str) -> int:
        """Index of a pure ``strategy`` of ``player``, each given by index or name."""
        i = self.player_index(player)
        names = self.strategies[i]
        if isinstance(strategy, str):
            if strategy not in names:
                raise InvalidProfileError(
                    f"strategy of player {self.players[i]!r} must be one of {list(names)!r}; got {strategy!r}"
                )
            return names.index(strategy)
        if isinstance(strategy, bool) or not isinstance(strategy, int | np.integer) or not 0 <= strategy < len(names):
            raise InvalidProfileError(
                f"strategy of player {self.players[i]!r} must be an index in [0, {len(names) - 1}] "
                f"or a name; got {strategy!r}"
            )
        return int(strategy)

    def require_players(self, n: int, solver: str, alternative: str | None = None) -> None:
        """Raise :class:`PlayerCountError` unless the game has ``n`` players."""
        if self.n_players != n:
            hint = f"; for {self.n_players} players use {alternative}" if alternative else ""
            raise PlayerCountError(
                f"{solver} needs a {n}-player game; got a game with {self.n_players} players{hint}"
            )

    # ------------------------------------------------------------------ value semantics
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Game):
            return NotImplemented
        return (
            self.players == other.players
            and self.strategies == other.strategies
            and self.payoffs.shape == other.payoffs.shape
            and bool(np.array_equal(self.payoffs, other.payoffs))
        )

    def __hash__(self) -> int:
        return hash((self.players, self.strategies, self.payoffs.shape, self.payoffs.tobytes()))

    def __repr__(self) -> str:
        return (
            f"Game(players={self.players!r}, strategies={self.strategies!r}, "
            f"payoffs={np.array2string(self.payoffs, separator=', ', threshold=50)})"
        )

    def __str__(self) -> str:
        if self.n_players == 1:
            rows = [f"Game: {self.players[0]} alone"]
            rows += [f"  {name}: {_fmt(v)}" for name, v in zip(self.strategies[0], self.payoffs[0])]
            return "\n".join(rows)
        head = (
            f"Game: {self.players[0]} (rows) vs {self.players[1]} (columns); "
            f"cells are payoffs ({', '.join(self.players)})"
        )
        blocks = [head]
        rest = [range(m) for m in self.shape[2:]]
        for others in itertools.product(*rest):
            if others:
                fixed = ", ".join(
                    f"{self.players[2 + k]} plays {self.strategies[2 + k][s]}" for k, s in enumerate(others)
                )
                blocks.append(f"[{fixed}]")
            blocks.append(self._table(others))
        return "\n".join(blocks)

    def _table(self, others: tuple[int, ...]) -> str:
        m, n = self.shape[:2]
        cells = [
            [", ".join(_fmt(self.payoffs[(p, i, j, *others)]) for p in range(self.n_players)) for j in range(n)]
            for i in range(m)
        ]
        label_width = max(len(s) for s in self.strategies[0]) + 2
        widths = [
            max(len(self.strategies[1][j]), *(len(cells[i][j]) for i in range(m))) + 2 for j in range(n)
        ]
        lines = [" " * label_width + " " + "".join(s.center(w) for s, w in zip(self.strategies[1], widths))]
        for i in range(m):
            lines.append(
                self.strategies[0][i].ljust(label_width) + " " + "".join(c.center(w) for c, w in zip(cells[i], widths))
            )
        return "\n".join(line.rstrip() for line in lines)

    def replace(self, **changes) -> Game:
        """Return a copy with some fields changed (``payoffs``, ``players``, ``strategies``), validated.

        Examples
        --------
        >>> import bargain as bg
        >>> g = bg.Game.bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
        >>> g.replace(players=("Bureau", "Office")).players
        ('Bureau', 'Office')
        """
        return dataclasses.replace(self, **changes)


def _fmt(value: float) -> str:
    return f"{float(value):g}"
