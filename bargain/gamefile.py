"""Game files: read and write a :class:`~bargain.Game` as our JSON format or as Gambit's ``.nfg``.

The format follows the file's extension:

``.json`` — our format::

    {"format": "bargain-game", "version": 1,
     "players": ["Row", "Column"],
     "strategies": [["Up", "Down"], ["Left", "Right"]],
     "payoffs": [[[...], ...], ...]}

``payoffs`` is the nested list of the game's payoff array, shape ``(n_players, m_1, ..., m_n)``.
``players`` and ``strategies`` may be left out (default names).

``.nfg`` — Gambit's strategic-form file (format version 1), so games move between Gambit and
bargain. Both of Gambit's layouts are read: the *payoff* layout (all payoffs listed profile by
profile) and the *outcome* layout (a list of outcomes, then one outcome number per profile, ``0``
meaning all payoffs zero) that Gambit itself writes. Strategies are given either as counts
(``{ 2 2 }``) or as lists of names. In both layouts the profiles run with the **first** player's
strategy varying fastest. Numbers may be integers, decimals or fractions (``3/4``). We write the
payoff layout with strategy names. Empty Gambit labels are read as our default names.

Malformed files raise :class:`~bargain.errors.InvalidGameError` naming the file, the line and
column, and the reason; a file that cannot be read raises
:class:`~bargain.errors.InvalidArgumentError` naming the path. Files are written atomically.

References
----------
The Gambit Project, "Game representation formats: the strategic game (.nfg) file format",
https://gambitproject.readthedocs.io/en/latest/formats.html

Examples
--------
>>> import tempfile, pathlib
>>> from bargain.game import Game
>>> from bargain.gamefile import read_game, write_game
>>> game = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Row", "Column"),
...                      strategies=(("C", "D"), ("C", "D")))
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = pathlib.Path(tmp) / "pd.nfg"
...     write_game(game, path, title="Prisoner's dilemma")
...     print(path.read_text(), end="")
...     back = read_game(path)
NFG 1 R "Prisoner's dilemma" { "Row" "Column" }
<BLANKLINE>
{ { "C" "D" }
{ "C" "D" }
}
""
<BLANKLINE>
3 3 5 0 0 5 1 1
>>> back == game
True
"""

from __future__ import annotations

import json
import math
import os
import re
from fractions import Fraction
from pathlib import Path

import numpy as np

from .errors import ArgumentTypeError, InvalidArgumentError, InvalidGameError
from .game import Game
from .results import atomic_write

__all__ = ["FORMATS", "read_game", "write_game"]

#: The file extensions understood, each naming a format.
FORMATS = (".json", ".nfg")

#: The ``"format"`` tag and version of our JSON files.
JSON_FORMAT = "bargain-game"
JSON_VERSION = 1


def read_game(path) -> Game:
    """Read a game from a ``.json`` or ``.nfg`` file (format chosen by the extension).

    Parameters
    ----------
    path : str or os.PathLike

    Returns
    -------
    bargain.Game

    Raises
    ------
    bargain.errors.InvalidArgumentError
        If the extension is not one of :data:`FORMATS` or the file cannot be read.
    bargain.errors.InvalidGameError
        If the file is malformed; the message names the file, the line (and column) and the reason.
    """
    path, suffix = _check_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        raise InvalidArgumentError(f"path must name a readable game file; could not read {str(path)!r}: {reason}") \
            from None
    if suffix == ".json":
        return _from_json(text, str(path))
    return _from_nfg(text, str(path))


def write_game(game: Game, path, *, title: str = "") -> None:
    """Write ``game`` to a ``.json`` or ``.nfg`` file (format chosen by the extension), atomically.

    Parameters
    ----------
    game : bargain.Game
    path : str or os.PathLike
        The file to write; its directory must exist. An existing file is replaced.
    title : str, default ""
        The game's title, written in ``.nfg`` files only (JSON files hold no title).

    Raises
    ------
    bargain.errors.ArgumentTypeError
        If ``game`` is not a :class:`~bargain.Game` or ``title`` is not a string.
    bargain.errors.InvalidArgumentError
        If the extension is not one of :data:`FORMATS` or the directory does not exist.
    """
    if not isinstance(game, Game):
        raise ArgumentTypeError(f"game must be a bargain Game; got {type(game).__name__}")
    if not isinstance(title, str):
        raise ArgumentTypeError(f"title must be a string; got {title!r}")
    path, suffix = _check_path(path)
    if not path.parent.is_dir():
        raise InvalidArgumentError(
            f"the directory of path must exist; got {str(path)!r} (no directory {str(path.parent)!r})"
        )
    text = _to_json(game) if suffix == ".json" else _to_nfg(game, title)
    atomic_write(path, text.encode("utf-8"))


def _check_path(path) -> tuple[Path, str]:
    if not isinstance(path, str | os.PathLike):
        raise ArgumentTypeError(f"path must be a path; got {path!r}")
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InvalidArgumentError(f"path must end in {' or '.join(FORMATS)}; got {str(path)!r}")
    return path, suffix


# ---------------------------------------------------------------------------------------- JSON
def _to_json(game: Game) -> str:
    document = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "players": list(game.players),
        "strategies": [list(names) for names in game.strategies],
        "payoffs": game.payoffs.tolist(),
    }
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _from_json(text: str, where: str) -> Game:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        raise InvalidGameError(f"{where}: line {err.lineno}, column {err.colno}: not valid JSON ({err.msg})") \
            from None
    if not isinstance(document, dict):
        raise InvalidGameError(f"{where}: must hold a JSON object; got {type(document).__name__}")
    if document.get("format") != JSON_FORMAT:
        raise InvalidGameError(f"{where}: \"format\" must be {JSON_FORMAT!r}; got {document.get('format')!r}")
    if document.get("version") != JSON_VERSION:
        raise InvalidGameError(
            f"{where}: \"version\" must be {JSON_VERSION} (the version this reader knows); "
            f"got {document.get('version')!r}"
        )
    unknown = sorted(set(document) - {"format", "version", "players", "strategies", "payoffs"})
    if unknown:
        raise InvalidGameError(f"{where}: unknown key(s) {unknown}")
    if "payoffs" not in document:
        raise InvalidGameError(f"{where}: missing key \"payoffs\"")
    if _has_bool_or_text(document["payoffs"]):
        raise InvalidGameError(f"{where}: \"payoffs\" must hold numbers only")
    try:
        return Game(document["payoffs"], players=_names(document.get("players")),
                    strategies=_nested_names(document.get("strategies")))
    except (InvalidGameError, ArgumentTypeError) as err:
        raise InvalidGameError(f"{where}: {err}") from None


def _has_bool_or_text(value) -> bool:
    if isinstance(value, list):
        return any(_has_bool_or_text(item) for item in value)
    return isinstance(value, bool | str) or value is None


def _names(value):
    return tuple(value) if isinstance(value, list) else value


def _nested_names(value):
    if isinstance(value, list):
        return tuple(tuple(item) if isinstance(item, list) else item for item in value)
    return value


# ----------------------------------------------------------------------------------------- NFG
_TOKEN = re.compile(
    r"""(?P<space>\s+)
      | (?P<string>"(?:[^"\\]|\\.)*")
      | (?P<number>[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?(?:/\d+)?)
      | (?P<word>[A-Za-z]\w*)
      | (?P<punct>[{},])
    """,
    re.VERBOSE | re.DOTALL,
)


class _Tokens:
    """The tokens of an ``.nfg`` text, each with its line and column, read one at a time."""

    def __init__(self, text: str, where: str):
        self.where = where
        self.items: list[tuple[str, str, int, int]] = []
        line, line_start, pos = 1, 0, 0
        while pos < len(text):
            match = _TOKEN.match(text, pos)
            if match is None:
                bad = text[pos]
                if bad == '"':
                    self.fail(line, pos - line_start + 1, "a string is not closed")
                self.fail(line, pos - line_start + 1, f"unexpected character {bad!r}")
            kind = match.lastgroup
            if kind != "space":
                self.items.append((kind, match.group(), line, pos - line_start + 1))
            newlines = match.group().count("\n")
            if newlines:
                line += newlines
                line_start = match.start() + match.group().rindex("\n") + 1
            pos = match.end()
        self.end = (line, pos - line_start + 1)
        self.index = 0

    def fail(self, line: int, column: int, reason: str):
        raise InvalidGameError(f"{self.where}: line {line}, column {column}: {reason}")

    def peek(self) -> tuple[str, str, int, int] | None:
        return self.items[self.index] if self.index < len(self.items) else None

    def take(self, expected: str) -> tuple[str, str, int, int]:
        token = self.peek()
        if token is None:
            self.fail(*self.end, f"the file ends early; expected {expected}")
        self.index += 1
        return token

    def punct(self, char: str) -> None:
        kind, text, line, column = self.take(repr(char))
        if text != char:
            self.fail(line, column, f"expected {char!r}; got {text!r}")

    def string(self, what: str) -> str:
        kind, text, line, column = self.take(what)
        if kind != "string":
            self.fail(line, column, f"expected {what} (a quoted string); got {text!r}")
        return re.sub(r"\\(.)", r"\1", text[1:-1], flags=re.DOTALL)

    def number(self, what: str) -> Fraction:
        kind, text, line, column = self.take(what)
        if kind != "number":
            self.fail(line, column, f"expected {what} (a number); got {text!r}")
        try:
            return Fraction(text)
        except (ValueError, ZeroDivisionError):
            self.fail(line, column, f"expected {what}; got {text!r}, which is not a number")

    def is_punct(self, char: str) -> bool:
        token = self.peek()
        return token is not None and token[1] == char

    def skip_commas(self) -> None:
        while self.is_punct(","):
            self.index += 1


def _from_nfg(text: str, where: str) -> Game:
    tokens = _Tokens(text, where)
    kind, word, line, column = tokens.take("'NFG'")
    if word != "NFG":
        tokens.fail(line, column, f"a Gambit strategic-form file starts with 'NFG'; got {word!r}")
    version = tokens.number("the format version")
    if version != 1:
        tokens.fail(*tokens.items[tokens.index - 1][2:], f"only NFG format version 1 is read; got {version}")
    kind, precision, line, column = tokens.take("'R' or 'D'")
    if precision not in ("R", "D"):
        tokens.fail(line, column, f"expected 'R' or 'D' after the version; got {precision!r}")
    tokens.string("the title")

    tokens.punct("{")
    players = []
    while not tokens.is_punct("}"):
        players.append(tokens.string("a player name or '}'"))
    tokens.punct("}")
    if not players:
        tokens.fail(*tokens.items[tokens.index - 1][2:], "the game must have at least one player")
    n = len(players)

    strategies, shape = _nfg_strategies(tokens, n)
    if tokens.peek() is not None and tokens.peek()[0] == "string":
        tokens.string("the comment")
    profiles = math.prod(shape)
    if tokens.is_punct("{"):
        flat = _nfg_outcomes(tokens, n, profiles)
    else:
        flat = []
        for k in range(n * profiles):
            tokens.skip_commas()
            flat.append(tokens.number(f"payoff {k + 1} of {n * profiles}"))
    extra = tokens.peek()
    if extra is not None:
        tokens.fail(extra[2], extra[3], f"unexpected {extra[1]!r} after the last payoff "
                                        f"({n * profiles} payoffs expected for shape {tuple(shape)})")

    values = np.array([float(v) for v in flat], dtype=float).reshape(profiles, n)
    payoffs = np.stack([values[:, i].reshape(shape, order="F") for i in range(n)])
    players = tuple(name if name else f"P{i}" for i, name in enumerate(players))
    strategies = tuple(tuple(name if name else f"s{k}" for k, name in enumerate(names)) for names in strategies)
    try:
        return Game(payoffs, players=players, strategies=strategies)
    except InvalidGameError as err:
        raise InvalidGameError(f"{where}: {err}") from None


def _nfg_strategies(tokens: _Tokens, n: int) -> tuple[list[list[str]], list[int]]:
    tokens.punct("{")
    strategies: list[list[str]] = []
    if tokens.is_punct("{"):
        for i in range(n):
            tokens.punct("{")
            names = []
            while not tokens.is_punct("}"):
                names.append(tokens.string(f"a strategy name of player {i + 1} or '}}'"))
            tokens.punct("}")
            if not names:
                tokens.fail(*tokens.items[tokens.index - 1][2:], f"player {i + 1} must have at least one strategy")
            strategies.append(names)
    else:
        for i in range(n):
            kind, text, line, column = tokens.take(f"the number of strategies of player {i + 1}")
            if kind != "number" or not text.isdigit() or int(text) < 1:
                tokens.fail(line, column,
                            f"expected the number of strategies of player {i + 1} (an integer >= 1); got {text!r}")
            strategies.append([""] * int(text))
    token = tokens.take("'}'")
    if token[1] != "}":
        tokens.fail(token[2], token[3], f"expected '}}' after the strategies of {n} players; got {token[1]!r}")
    return strategies, [len(names) for names in strategies]


def _nfg_outcomes(tokens: _Tokens, n: int, profiles: int) -> list[Fraction]:
    tokens.punct("{")
    outcomes: list[list[Fraction]] = []
    while tokens.is_punct("{"):
        tokens.punct("{")
        tokens.string("the outcome's name")
        values = []
        for i in range(n):
            tokens.skip_commas()
            values.append(tokens.number(f"the payoff of player {i + 1} in outcome {len(outcomes) + 1}"))
        tokens.skip_commas()
        tokens.punct("}")
        outcomes.append(values)
    tokens.punct("}")
    flat: list[Fraction] = []
    for k in range(profiles):
        kind, text, line, column = tokens.take(f"the outcome number of profile {k + 1} of {profiles}")
        if kind != "number" or not text.isdigit() or int(text) > len(outcomes):
            tokens.fail(line, column, f"expected an outcome number between 0 and {len(outcomes)}; got {text!r}")
        flat.extend(outcomes[int(text) - 1] if int(text) else [Fraction(0)] * n)
    return flat


def _to_nfg(game: Game, title: str) -> str:
    players = " ".join(_quote(name) for name in game.players)
    strategies = "\n".join("{ " + " ".join(_quote(s) for s in names) + " }" for names in game.strategies)
    # profiles with the first player's strategy varying fastest, all players' payoffs for each
    order = [game.payoffs[i].reshape(-1, order="F") for i in range(game.n_players)]
    numbers = " ".join(_format_number(order[i][k]) for k in range(order[0].size) for i in range(game.n_players))
    return f"NFG 1 R {_quote(title)} {{ {players} }}\n\n{{ {strategies}\n}}\n\"\"\n\n{numbers}\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _format_number(value: float) -> str:
    """The shortest decimal that reads back as ``value``, without an exponent (Gambit reads these)."""
    value = float(value)
    if value.is_integer():
        return str(int(value))
    return np.format_float_positional(value, unique=True, trim="-")
