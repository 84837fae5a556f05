"""The ``bargain`` command.

User errors print one line to standard error and exit with status 2; no traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__, catalog
from .errors import BargainError
from .equilibria import equilibria

__all__ = ["main"]


def _demo(args: argparse.Namespace) -> int:
    chosen = args.game or list(catalog.names())
    games = [catalog.get(name) for name in chosen]  # refuse a bad name before printing anything
    for k, (name, game) in enumerate(zip(chosen, games)):
        if k:
            print()
        print(f"== {name}: {catalog.describe(name)}")
        print(game)
        print(equilibria(game, tol=args.tol))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
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
    demo.add_argument("--tol", type=float, default=1e-9, help="tolerance relative to the payoff range")
    demo.set_defaults(run=_demo)
    return parser




def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``bargain`` command with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return args.run(args)
    except BargainError as err:
        print(f"bargain: error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
