"""The ``bargain`` command.

Commands: ``demo`` (textbook games), ``models`` and ``params MODEL`` (the model registry),
``solve MODEL --set k=v ...`` or ``solve --game FILE`` (a stage game or a game file and all its
equilibria), ``convert IN OUT`` (between our JSON game files and Gambit's ``.nfg``),
``sweep MODEL --grid k=lo:hi:n ... --out FILE`` (a model's ``cell`` over a grid, as one table) and
``reproduce [NAMES] [--check]`` (rerun the experiments; see :mod:`bargain.reproduce`).

User errors (a bad argument, an unknown model or parameter, an unreadable or malformed file) print
one line to standard error and exit with status 2; no traceback. Everything a command is given is
checked before it starts working, and its output file is written at the end, atomically, so a
refused or failed command leaves nothing half-written.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import math
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from . import __version__, catalog, models, reproduce
from .equilibria import equilibria
from .equilibria.nash import METHODS
from .equilibria.pure import pure_equilibria
from .errors import BargainError, InvalidArgumentError
from .gamefile import read_game, write_game
from .results import atomic_write, write_table
from .sweep import grid, process_pool, sweep

#: The table formats ``bargain sweep --out`` writes, by the output file's suffix.
SWEEP_FORMATS = (".csv", ".md", ".tex")

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
    rows = [("parameter", "type", "default", "range", "meaning", "source")]
    rows += [(p.name, "int" if p.integer else "real", f"{p.default:g}", p.range_text, p.meaning, p.source)
             for p in models.parameters(module.Model)]
    widths = [max(len(row[j]) for row in rows) for j in range(len(rows[0]))]
    print(f"{args.model}: {module.DESCRIPTION}")
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    return 0


def _integer(text: str) -> int:
    """An integer from ``"6"`` or a whole number written as a float (``"6.0"``, ``"6e0"``)."""
    try:
        return int(text)
    except ValueError:
        number = float(text)  # ValueError again if it is no number at all
        if not number.is_integer():
            raise ValueError(text) from None
        return int(number)


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
            out[key] = _integer(text) if parameter.integer else float(text)
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


#: The most grid points ``bargain sweep`` accepts (the parameter checks alone visit every point).
MAX_SWEEP_POINTS = 10_000_000


def _grid_values(name: str, item: str, known: dict) -> tuple[str, list]:
    """Read one ``--grid NAME=LO:HI:N`` item of the model ``name`` into ``(NAME, values)``."""
    key, sep, text = item.partition("=")
    key, parts = key.strip(), [part.strip() for part in text.split(":")]
    if not sep or not key or len(parts) != 3 or not all(parts):
        raise InvalidArgumentError(f"--grid must be NAME=LO:HI:N; got {item!r}")
    if key not in known:
        models.make(name, **{key: 0})  # refuses the name, suggesting the closest
    try:
        lo, hi = float(parts[0]), float(parts[1])
    except ValueError:
        raise InvalidArgumentError(f"--grid {key}: LO and HI must be numbers; got {item!r}") from None
    try:
        n = int(parts[2])
    except ValueError:
        raise InvalidArgumentError(f"--grid {key}: N must be a whole number of points; got {parts[2]!r}") from None
    if n > MAX_SWEEP_POINTS:
        raise InvalidArgumentError(
            f"--grid {key}: N must be at most {MAX_SWEEP_POINTS:,} points; got {n:,} (split the sweep, or call "
            "bargain.sweep from Python)"
        )
    try:
        values = grid(lo, hi, n).tolist()
    except BargainError as err:
        raise InvalidArgumentError(f"--grid {key}={text.strip()}: {err}") from None
    parameter = known[key]
    if parameter.integer:
        fractional = [v for v in values if not float(v).is_integer()]
        if fractional:
            raise InvalidArgumentError(
                f"--grid {key}={text.strip()}: {key} takes whole numbers; this grid has {fractional[0]:g}"
            )
        values = [int(v) for v in values]
    for value in (min(values), max(values)):
        parameter.check(value)
    return key, values


def _sweep(args: argparse.Namespace) -> int:
    # everything is checked before the first point is computed
    cell = models.sweep_cell(args.model, seed=args.seed is not None)
    model = models.get(args.model).Model
    known = {p.name: p for p in models.parameters(model)}
    if not args.grid:
        raise InvalidArgumentError("sweep needs at least one --grid NAME=LO:HI:N")
    points: dict[str, list] = {}
    for item in args.grid:
        key, values = _grid_values(args.model, item, known)
        if key in points:
            raise InvalidArgumentError(f"--grid must name each parameter once; got {key!r} twice")
        points[key] = values
    total = math.prod(len(values) for values in points.values())
    if total > MAX_SWEEP_POINTS:
        raise InvalidArgumentError(
            f"the grid has {total:,} points; bargain sweep takes at most {MAX_SWEEP_POINTS:,} (split the sweep, "
            "or call bargain.sweep from Python)"
        )
    fixed = _assignments(args.model, args.set)
    both = [key for key in fixed if key in points]
    if both:
        raise InvalidArgumentError(f"{both[0]} is given both by --grid and by --set; choose one")
    models.make(args.model, **fixed)  # unknown names (with a suggestion) and values out of range
    points.update({key: [value] for key, value in fixed.items()})
    names = list(points)
    for values in itertools.product(*points.values()):  # cross-parameter checks, at every point
        params = dict(zip(names, values))
        try:
            model(**params)
        except BargainError as err:
            where = ", ".join(f"{key}={value!r}" for key, value in params.items())
            raise InvalidArgumentError(f"at the grid point {where}: {err}") from None

    out = Path(args.out)
    if out.suffix.lower() not in SWEEP_FORMATS:
        raise InvalidArgumentError(f"--out must end in {', '.join(SWEEP_FORMATS)}; got {args.out!r}")
    if not out.parent.is_dir():
        raise InvalidArgumentError(f"--out {args.out!r}: the directory {str(out.parent)!r} does not exist")
    if out.is_dir():
        raise InvalidArgumentError(f"--out {args.out!r} is a directory; give a file name")
    sidecar = out.with_suffix(".json")
    if sidecar.is_dir() or (sidecar.exists() and not _is_sweep_sidecar(sidecar)):
        raise InvalidArgumentError(
            f"--out {args.out!r}: its JSON sidecar {str(sidecar)!r} exists and was not written by bargain sweep; "
            "move it or choose another name"
        )
    if not 0 <= args.precision <= 17:
        raise InvalidArgumentError(f"--precision must be between 0 and 17; got {args.precision}")
    if args.jobs is not None and args.jobs < 1:
        raise InvalidArgumentError(f"--jobs must be >= 1; got {args.jobs}")
    if args.seed is not None and args.seed < 0:
        raise InvalidArgumentError(f"--seed must be >= 0; got {args.seed}")
    if args.dask is not None and importlib.util.find_spec("distributed") is None:
        raise InvalidArgumentError('--dask needs dask.distributed; install it with pip install "bargain[dask]"')

    options = dict(checkpoint=args.checkpoint, seed=args.seed)
    if args.dask is not None:
        table = sweep(cell, points, executor="dask", address=args.dask, **options)
    elif args.jobs is not None and args.jobs > 1:
        with process_pool(args.jobs) as pool:
            table = sweep(cell, points, executor=pool, **options)
    else:
        table = sweep(cell, points, executor="serial" if args.jobs == 1 else None, **options)

    # the sidecar records what produced the table: the model, the grid, the fixed values, the other
    # parameters' defaults, the seed
    metadata = {
        "command": "bargain sweep",
        "model": args.model,
        "grid": {key: list(values) for key, values in points.items() if key not in fixed},
        "fixed": fixed,
        "defaults": {p.name: p.default for p in models.parameters(model) if p.name not in points},
        "seed": args.seed,
        "precision": args.precision,
    }
    with tempfile.TemporaryDirectory(prefix="bargain-sweep-") as scratch:
        written = write_table(table, Path(scratch) / "table", precision=args.precision, metadata=metadata)
        text = next(path for path in written if path.suffix == out.suffix.lower()).read_bytes()
        meta = next(path for path in written if path.suffix == ".json").read_bytes()
    atomic_write(out, text)
    atomic_write(sidecar, meta)
    print(f"wrote {out}: {len(table)} rows, {len(table.columns)} columns (and {sidecar.name})")
    return 0


def _is_sweep_sidecar(path: Path) -> bool:
    """Whether ``path`` is a JSON sidecar an earlier ``bargain sweep`` wrote (so it may be replaced)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    metadata = document.get("metadata") if isinstance(document, dict) else None
    return isinstance(metadata, dict) and metadata.get("command") == "bargain sweep"


def _reproduce(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        raise InvalidArgumentError(f"--jobs must be >= 1; got {args.jobs}")
    return reproduce.reproduce(args.names, check=args.check, jobs=args.jobs, experiments=args.experiments,
                               results=args.results, echo=lambda line: print(line, flush=True))


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

    sweeping = commands.add_parser(
        "sweep", help="evaluate a model over a parameter grid and write the table",
        description="Evaluate a model's cell (its headline results at one parameter point) at every point of a "
        "grid, in a process pool or on a Dask cluster, and write one table: a row per point (the last --grid "
        "varies fastest), the grid's parameters, then the --set ones, then the outputs. Floats are written "
        "at fixed precision, so the same sweep gives the same bytes.",
    )
    sweeping.add_argument("model", help="a registered model (see 'bargain models')")
    sweeping.add_argument("--grid", action="append", default=[], metavar="NAME=LO:HI:N",
                          help="N evenly spaced values of a parameter from LO to HI, both included (repeatable)")
    sweeping.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                          help="fix another parameter (repeatable; the rest keep their defaults)")
    sweeping.add_argument("--out", required=True, metavar="FILE",
                          help="the table to write: .csv, .md (Markdown) or .tex (LaTeX); replaced if it exists. "
                               "FILE with the suffix .json is written beside it (the sweep's parameters)")
    where = sweeping.add_mutually_exclusive_group()
    where.add_argument("--jobs", type=int, metavar="N",
                       help="run in a pool of N processes; 1 runs serially (default: one per CPU for large grids)")
    where.add_argument("--dask", metavar="ADDRESS",
                       help="run on the Dask cluster whose scheduler is at ADDRESS, e.g. tcp://10.0.0.5:8786")
    sweeping.add_argument("--checkpoint", metavar="DIR",
                          help="save finished chunks in DIR; rerunning the same sweep resumes from them")
    sweeping.add_argument("--seed", type=int, metavar="S", help="seed for a stochastic model (one stream per point)")
    sweeping.add_argument("--precision", type=int, default=6, metavar="D", help="decimals of every float (default 6)")
    sweeping.set_defaults(run=_sweep)

    again = commands.add_parser(
        "reproduce", help="rerun the experiments, or check that they reproduce the committed results",
        description="Run the experiments (experiments/eNN_<slug>.py) and write their tables and figures into the "
        "results directory, or with --check regenerate them into a temporary directory and compare with the "
        "committed files: tables byte for byte, the JSON sidecar without its package versions, figures by "
        "existence. Exit status 1 if anything failed or differs.",
    )
    again.add_argument("names", nargs="*", metavar="NAME",
                       help="experiments to run, by number (e01) or full name (default: all)")
    again.add_argument("--check", action="store_true",
                       help="compare with the committed results instead of replacing them")
    again.add_argument("--jobs", type=int, default=1, metavar="N",
                       help="run N experiments at once in a process pool (default 1)")
    again.add_argument("--experiments", default="experiments", metavar="DIR",
                       help="the directory of the experiment scripts (default: ./experiments)")
    again.add_argument("--results", metavar="DIR", help="the committed results (default: <experiments>/results)")
    again.set_defaults(run=_reproduce)
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
