"""The ``bargain`` command.

Commands: ``demo`` (textbook games), ``models`` and ``params MODEL`` (the model registry),
``solve MODEL --set k=v ...`` or ``solve --game FILE`` (a stage game or a game file and all its
equilibria) and ``convert IN OUT`` (between our JSON game files and Gambit's ``.nfg``).

User errors (a bad argument, an unknown model or parameter, an unreadable or malformed file) print
one line to standard error and exit with status 2; no traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__, catalog, models
from .equilibria import equilibria
from .equilibria.nash import METHODS
from .equilibria.pure import pure_equilibria
from .errors import BargainError, InvalidArgumentError
from .gamefile import read_game, write_game

__all__ = ["main"]


def _demo(args: argparse.Namespace) -> int:
    chosen = args.game or list(catalog.names())
    # solve everything first, so that a bad name or tolerance is refused before anything is printed
    solved = [(name, catalog.get(name)) for name in chosen]
    solved = [(name, game, equilibria(game, tol=args.tol)) for name, game in solved]
    for k, (name, game, eqs) in enumerate(solved):
        if k:
            print()
        print(f"== {name}: {catalog.describe(name)}")
        print(game)
        print(eqs)
    return 0


class _UsageError(Exception):
    """A command line argparse refused."""


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports errors to :func:`main` instead of exiting."""

    def error(self, message: str):
        raise _UsageError(message)


def _models(args: argparse.Namespace) -> int:
    known = models.names()
    if not known:
        print("no models registered yet")
        return 0
    width = max(len(name) for name in known)
    for name in known:
        module = models.get(name)
        print(f"{name.ljust(width)}  {module.DESCRIPTION} (seed {module.SEED})")
    return 0


def _params(args: argparse.Namespace) -> int:
    module = models.get(args.model)
    rows = [("parameter", "default", "range", "meaning", "source")]
    rows += [(p.name, f"{p.default:g}", p.range_text, p.meaning, p.source) for p in models.parameters(module.Model)]
    widths = [max(len(row[j]) for row in rows) for j in range(len(rows[0]))]
    print(f"{args.model}: {module.DESCRIPTION}")
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    return 0


def _assignments(name: str, items: Sequence[str]) -> dict:
    """Read ``--set NAME=VALUE`` items into keyword parameters of the model ``name``."""
    module = models.get(name)
    known = {p.name: p for p in models.parameters(module.Model)}
    out: dict = {}
    for item in items:
        key, sep, text = item.partition("=")
        key, text = key.strip(), text.strip()
        if not sep or not key or not text:
            raise InvalidArgumentError(f"--set must be NAME=VALUE; got {item!r}")
        if key in out:
            raise InvalidArgumentError(f"--set must name each parameter once; got {key!r} twice")
        parameter = known.get(key)
        if parameter is None:
            out[key] = text  # models.make refuses the name and suggests the closest
            continue
        try:
            out[key] = int(text) if parameter.integer else float(text)
        except ValueError:
            kind = "an integer" if parameter.integer else "a number"
            raise InvalidArgumentError(f"{key} must be {kind}; got {text!r}") from None
    return out


def _solve(args: argparse.Namespace) -> int:
    if (args.model is None) == (args.game is None):
        raise InvalidArgumentError("solve needs either a MODEL or --game FILE (not both)")
    if args.game is not None:
        if args.set:
            raise InvalidArgumentError("--set applies to a MODEL, not to --game FILE")
        game, label = read_game(args.game), args.game
    else:
        model = models.make(args.model, **_assignments(args.model, args.set))
        game, label = model.stage_game(), f"{args.model}: {model!r}"
    if args.method == "pure" or (args.method == "auto" and game.n_players != 2):
        found = pure_equilibria(game, tol=args.tol)
    else:
        found = equilibria(game, method=args.method, tol=args.tol)
    if args.format == "csv":
        print(found.to_frame().to_csv(index=False, float_format="%.10g", lineterminator="\n"), end="")
        return 0
    print(f"== {label}")
    print(game)
    print(found)
    return 0


def _convert(args: argparse.Namespace) -> int:
    write_game(read_game(args.input), args.output)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="bargain",
        description="Games of resistance, negotiation and coordination among government departments: "
        "solve them for equilibria and regenerate result tables.",
    )
    parser.add_argument("--version", action="version", version=f"bargain {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser(
        "demo", help="solve textbook games and print every Nash equilibrium",
        description="Solve catalogued textbook games and print their payoff tables and all Nash equilibria.",
    )
    demo.add_argument("game", nargs="*", help=f"games to solve (default: all of {', '.join(catalog.names())})")
    demo.add_argument("--tol", type=float, default=1e-13, help="tolerance for ties, relative to each player's payoff range")
    demo.set_defaults(run=_demo)

    listing = commands.add_parser("models", help="list the registered models, one line each",
                                  description="List the registered models, one line each.")
    listing.set_defaults(run=_models)

    params = commands.add_parser("params", help="show a model's parameters with defaults, ranges and meaning",
                                 description="Show a model's parameters: default, allowed range, meaning, source.")
    params.add_argument("model", help="a registered model (see 'bargain models')")
    params.set_defaults(run=_params)

    solve = commands.add_parser(
        "solve", help="print a model's stage game or a game file's game, and its equilibria",
        description="Print a model's stage game (MODEL --set k=v ...) or the game in a file (--game FILE, "
        ".json or Gambit .nfg) and all its Nash equilibria (pure equilibria only for more than two players).",
    )
    solve.add_argument("model", nargs="?", help="a registered model (see 'bargain models')")
    solve.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                       help="a model parameter (repeatable; see 'bargain params MODEL')")
    solve.add_argument("--game", metavar="FILE", help="a game file (.json or .nfg) instead of a model")
    solve.add_argument("--method", choices=(*METHODS, "pure"), default="auto",
                       help="the equilibrium algorithm (default: auto)")
    solve.add_argument("--tol", type=float, default=1e-13, help="tolerance for ties, relative to each player's payoff range")
    solve.add_argument("--format", choices=("text", "csv"), default="text",
                       help="text (the game and its equilibria) or csv (one row per equilibrium)")
    solve.set_defaults(run=_solve)

    convert = commands.add_parser(
        "convert", help="convert a game file between JSON and Gambit .nfg",
        description="Read a game file and write it in the format of the output's extension (.json or .nfg).",
    )
    convert.add_argument("input", help="the game file to read (.json or .nfg)")
    convert.add_argument("output", help="the file to write (.json or .nfg); replaced if it exists")
    convert.set_defaults(run=_convert)
    return parser




def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``bargain`` command with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 0
        return args.run(args)
    except (_UsageError, BargainError, OSError) as err:
        message = " ".join(str(err).split())
        print(f"bargain: error: {message}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
