"""Regenerate the committed result tables and figures, and check that they are reproduced exactly.

An **experiment** is a script ``experiments/eNN_<slug>.py`` with a function ``main(out_dir)`` that
writes its results into ``out_dir`` (tables through :func:`bargain.results.write_table`, figures
through :mod:`bargain.plotting`), named after the script: ``<stem>.csv``, ``<stem>.md``,
``<stem>.tex``, ``<stem>.json``, ``<stem>.png``, or ``<stem>_<more>.<suffix>`` for further files.
The committed results live in ``experiments/results/``.

:func:`reproduce` (the ``bargain reproduce`` command) imports each experiment by its file path and
calls its ``main``: into the results directory, or with ``check=True`` into a temporary directory
whose files are compared with the committed ones by :func:`compare_results`:

* tables and other text (``.csv``, ``.md``, ``.tex``, ...) byte for byte;
* the JSON sidecar as parsed JSON, without its ``versions`` field (the package versions of the run);
* figures (``.png``) only for existence on both sides, since their data is the table's and their
  bytes depend on the installed matplotlib and fonts.

Examples
--------
>>> import pathlib, tempfile
>>> from bargain.reproduce import compare_results
>>> with tempfile.TemporaryDirectory() as tmp:
...     committed, fresh = pathlib.Path(tmp, "committed"), pathlib.Path(tmp, "fresh")
...     for folder, second in ((committed, "0.50"), (fresh, "0.25")):
...         folder.mkdir()
...         _ = (folder / "e07_demo.csv").write_text(f"x,y\\n1,{second}\\n")
...         _ = (folder / "e07_demo.json").write_text('{"n_rows": 1, "versions": {"numpy": "%s"}}' % second)
...     for difference in compare_results("e07_demo", committed, fresh):
...         print(difference)
e07_demo.csv: line 2 differs: committed '1,0.50', regenerated '1,0.25'
"""

from __future__ import annotations

import dataclasses
import difflib
import importlib.util
import json
import math
import re
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from .errors import InvalidArgumentError
from .sweep import process_pool

__all__ = ["Difference", "Outcome", "compare_results", "discover", "load_experiment", "reproduce", "run_experiment",
           "select"]

#: The file name of an experiment: ``e`` and a number of at least two digits, ``_``, a slug.
EXPERIMENT_NAME = re.compile(r"e(\d{2,})_[A-Za-z0-9_]+\.py")

#: Files compared only for existence: figures, whose data is the table's.
EXISTENCE_ONLY = (".png",)

#: The field of the JSON sidecar left out of the comparison: the package versions of the run.
VERSIONS_FIELD = "versions"

_SHOWN = 60  # characters of a differing line shown


@dataclasses.dataclass(frozen=True)
class Difference:
    """A result file that was not reproduced: its name and the first difference found."""

    file: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.reason}"


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What happened to one experiment.

    Attributes
    ----------
    name : str
        The experiment's stem, e.g. ``"e00_stag_hunt"``.
    seconds : float
        Wall time of importing and running it.
    files : tuple of str
        The names of the files it wrote.
    error : str or None
        ``"<ErrorType>: <message>"`` if it raised (or has no ``main``), else ``None``.
    differences : tuple of Difference
        With ``check=True``, the files that differ from the committed ones.
    """

    name: str
    seconds: float
    files: tuple[str, ...] = ()
    error: str | None = None
    differences: tuple[Difference, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the experiment ran and reproduced every committed file."""
        return self.error is None and not self.differences


def discover(directory) -> tuple[Path, ...]:
    """The experiment scripts ``eNN_<slug>.py`` in ``directory``, in the order of their numbers.

    Raises
    ------
    bargain.errors.InvalidArgumentError
        If ``directory`` is not a directory.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise InvalidArgumentError(
            f"experiments directory {str(directory)!r} does not exist; run from the repository root "
            "or pass --experiments DIR"
        )
    found = [path for path in directory.iterdir() if path.is_file() and EXPERIMENT_NAME.fullmatch(path.name)]
    numbers: dict[str, str] = {}
    for path in sorted(found):
        number = path.name.split("_", 1)[0]
        if number in numbers:
            # an experiment owns every result file named after its number; two cannot share one
            raise InvalidArgumentError(
                f"experiments {numbers[number]!r} and {path.name!r} share the number {number}; renumber one"
            )
        numbers[number] = path.name
    return tuple(sorted(found, key=lambda path: (int(EXPERIMENT_NAME.fullmatch(path.name).group(1)), path.name)))


def select(paths: Sequence[Path], names: Iterable[str]) -> list[Path]:
    """The experiments called ``names`` (all of ``paths`` if none), each once, in the order given.

    A name is an experiment's stem (``e01_regimes``, with or without ``.py``) or its number
    (``e01``).

    Raises
    ------
    bargain.errors.InvalidArgumentError
        If a name matches no experiment (the closest is suggested) or a number matches several.
    """
    names = list(names)
    if not names:
        return list(paths)
    stems = {path.stem: path for path in paths}
    chosen: list[Path] = []
    for name in names:
        key = name.removesuffix(".py")
        matches = [stems[key]] if key in stems else [path for stem, path in stems.items()
                                                     if stem.startswith(key + "_") and re.fullmatch(r"e\d+", key)]
        if not matches:
            numbers = sorted({stem.split("_", 1)[0] for stem in stems})
            close = difflib.get_close_matches(key, [*stems, *numbers], n=1)
            hint = f"; did you mean {close[0]!r}?" if close else (
                f" (experiments: {', '.join(stems)})" if stems else " (there are no experiments)")
            raise InvalidArgumentError(f"no experiment {name!r}{hint}")
        if len(matches) > 1:
            raise InvalidArgumentError(
                f"experiment {name!r} is ambiguous: it matches {', '.join(p.stem for p in matches)}; give the full name"
            )
        if matches[0] not in chosen:
            chosen.append(matches[0])
    return chosen


def load_experiment(path):
    """Import the experiment script at ``path`` by its file path and return the module.

    Every call imports the script afresh (an edited script is read again). The module is
    registered in :data:`sys.modules` under a private name derived from the file's stem
    (``_bargain_experiment_<stem>``), so that pickle finds the functions defined in it by name in
    this process and in pools forked from it; loading another script with the same stem replaces
    the registration.

    Raises
    ------
    bargain.errors.InvalidArgumentError
        If ``path`` is not an existing ``.py`` file.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from bargain.reproduce import load_experiment
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     script = Path(folder) / "e99_example.py"
    ...     _ = script.write_text("def main(out_dir): return 'ran'")
    ...     load_experiment(script).main(folder)
    'ran'
    """
    path = Path(path)
    if path.suffix != ".py" or not path.is_file():
        raise InvalidArgumentError(f"experiment must be an existing .py file; got {str(path)!r}")
    name = f"_bargain_experiment_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def run_experiment(path, out_dir) -> tuple[float, tuple[str, ...]]:
    """Import the experiment at ``path`` by its file path and call its ``main(out_dir)``.

    The experiment's directory is on ``sys.path`` while it runs (as when the script is run alone),
    and the module is registered under a private name (as by :func:`load_experiment`) so that its
    functions can be pickled (for a process pool, say); it is unregistered afterwards.

    Returns
    -------
    tuple
        The wall time in seconds and the names of the files in ``out_dir`` written or replaced
        during the run.

    Raises
    ------
    bargain.errors.InvalidArgumentError
        If the script defines no ``main``.
    Exception
        Whatever the experiment raises.
    """
    path, out_dir = Path(path), Path(out_dir)
    name = f"_bargain_experiment_{path.stem}"
    before = _stamps(out_dir)
    start = time.perf_counter()
    folder = str(path.parent.resolve())
    sys.path.insert(0, folder)
    try:
        module = load_experiment(path)
        main = getattr(module, "main", None)
        if not callable(main):
            raise InvalidArgumentError(f"experiment {path.stem!r} must define main(out_dir)")
        main(out_dir)
    finally:
        sys.modules.pop(name, None)
        if folder in sys.path:
            sys.path.remove(folder)
    seconds = time.perf_counter() - start
    after = _stamps(out_dir)
    return seconds, tuple(sorted(file for file, stamp in after.items() if before.get(file) != stamp))


def compare_results(stem: str, committed, regenerated) -> list[Difference]:
    """The differences between an experiment's committed files and a fresh run's.

    The files of experiment ``stem`` are those whose names start with its number, ``eNN_`` (so
    ``e04_case_replay`` owns ``e04_replay_robustness.csv`` too); a file on one side only is a
    difference. JSON is compared parsed, without its top-level ``versions``
    field; figures (:data:`EXISTENCE_ONLY`) only for existence; any other file byte for byte, and
    the first differing line is reported.

    Parameters
    ----------
    stem : str
        The experiment's name, e.g. ``"e00_stag_hunt"``.
    committed, regenerated : str or os.PathLike
        The committed results directory and the directory the fresh run wrote into.

    Returns
    -------
    list of Difference
        Empty if everything was reproduced; in file name order.
    """
    ours, theirs = _files_of(stem, Path(committed)), _files_of(stem, Path(regenerated))
    differences = []
    for name in sorted(set(ours) | set(theirs)):
        if name not in ours:
            differences.append(Difference(name, "written by the experiment but not in the committed results"))
        elif name not in theirs:
            differences.append(Difference(name, "committed but no longer written by the experiment"))
        elif name.lower().endswith(EXISTENCE_ONLY):
            continue
        elif name.lower().endswith(".json"):
            reason = _json_difference(ours[name].read_bytes(), theirs[name].read_bytes())
            if reason is not None:
                differences.append(Difference(name, reason))
        else:
            reason = _text_difference(ours[name].read_bytes(), theirs[name].read_bytes())
            if reason is not None:
                differences.append(Difference(name, reason))
    return differences


def reproduce(names: Sequence[str] = (), *, check: bool = False, jobs: int = 1, experiments="experiments",
              results=None, echo: Callable[[str], None] = print) -> int:
    """Run experiments into the results directory, or check that they reproduce it.

    Parameters
    ----------
    names : sequence of str
        Experiments to run (stems or numbers such as ``"e01"``); all of them if empty.
    check : bool, default False
        Regenerate into a temporary directory and compare with the committed files instead of
        writing into the results directory.
    jobs : int, default 1
        Experiments run at once, in a process pool when above 1 (the results do not change).
    experiments : str or os.PathLike, default "experiments"
        The directory of the experiment scripts (relative to the working directory).
    results : str or os.PathLike, optional
        The committed results; default ``<experiments>/results``.
    echo : callable, default print
        Receives one line per experiment (its name, status and time), the differences found, and a
        final summary.

    Returns
    -------
    int
        0 if every experiment ran (and, with ``check``, reproduced its files), else 1.

    Raises
    ------
    bargain.errors.InvalidArgumentError
        Before anything runs, if the directory or a name is unknown, there are no experiments,
        ``jobs`` is below 1, or with ``check`` the results directory is missing.
    """
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise InvalidArgumentError(f"jobs must be an integer >= 1; got {jobs!r}")
    directory = Path(experiments)
    paths = discover(directory)
    if not paths:
        raise InvalidArgumentError(f"no experiments (eNN_<slug>.py) in {str(directory)!r}")
    chosen = select(paths, names)
    results = directory / "results" if results is None else Path(results)
    if results.exists() and not results.is_dir():
        raise InvalidArgumentError(f"results directory {str(results)!r} is a file")
    if check and not results.is_dir():
        raise InvalidArgumentError(f"results directory {str(results)!r} does not exist; nothing to check against")

    width = max(len(path.stem) for path in chosen)
    outcomes = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bargain-reproduce-") as scratch:
        if check:
            targets = [Path(scratch) / path.stem for path in chosen]
            for target in targets:
                target.mkdir()
        else:
            results.mkdir(parents=True, exist_ok=True)
            targets = [results] * len(chosen)
        for path, (seconds, files, error) in zip(chosen, _run_all(chosen, targets, jobs)):
            differences = ()
            if check and error is None:
                differences = tuple(compare_results(path.stem, results, Path(scratch) / path.stem))
            outcome = Outcome(path.stem, seconds, files, error, differences)
            outcomes.append(outcome)
            echo(_report(outcome, check, width))
            if error is not None:
                echo(f"    {error} (run python {path} for the traceback)")
            for difference in differences:
                echo(f"    {difference}")

    failed = sum(outcome.error is not None for outcome in outcomes)
    differ = sum(bool(outcome.differences) for outcome in outcomes)
    total = time.perf_counter() - start
    parts = [f"{len(outcomes) - failed - differ} reproduced" if check else f"{len(outcomes) - failed} ran"]
    parts += [f"{differ} differ"] * bool(differ) + [f"{failed} failed"] * bool(failed)
    noun = "experiment" if len(outcomes) == 1 else "experiments"
    echo(f"{len(outcomes)} {noun}: {', '.join(parts)} ({total:.1f} s)")
    return 0 if failed == differ == 0 else 1


def _run_all(paths: list[Path], targets: list[Path], jobs: int):
    """Yield ``(seconds, files, error)`` per experiment, in the order given, as soon as each (and
    every one before it) is done."""
    if jobs == 1 or len(paths) == 1:
        for path, target in zip(paths, targets):
            yield _run_one(str(path), str(target))
        return
    with process_pool(min(jobs, len(paths))) as pool:
        futures = [pool.submit(_run_one, str(path), str(target)) for path, target in zip(paths, targets)]
        for future in futures:
            yield future.result()


def _run_one(path: str, target: str) -> tuple[float, tuple[str, ...], str | None]:
    start = time.perf_counter()
    try:
        seconds, files = run_experiment(path, target)
    except Exception as err:  # noqa: BLE001 - reported per experiment; the others still run
        last = traceback.format_exception_only(err)[-1].strip()
        return time.perf_counter() - start, (), " ".join(last.split())
    return seconds, files, None


def _report(outcome: Outcome, check: bool, width: int) -> str:
    if outcome.error is not None:
        status = "FAILED"
    elif check:
        status = "ok" if outcome.ok else "DIFFERS"
    else:
        count = len(outcome.files)
        status = f"wrote {count} file{'s' * (count != 1)}"
    return f"{outcome.name.ljust(width)}  {status.ljust(13)} {outcome.seconds:6.2f} s"


def _stamps(directory: Path) -> dict[str, tuple[int, int, int]]:
    if not directory.is_dir():
        return {}
    stamps = {}
    for path in directory.iterdir():
        if path.is_file():
            info = path.stat()
            stamps[path.name] = (info.st_ino, info.st_mtime_ns, info.st_size)
    return stamps


def _files_of(stem: str, directory: Path) -> dict[str, Path]:
    if not directory.is_dir():
        return {}
    number = re.match(r"e\d+_", stem)
    prefix = number.group(0) if number else stem
    return {path.name: path for path in directory.iterdir()
            if path.is_file() and (path.name.startswith(prefix) or path.name.startswith(stem + "."))}


def _shown(line: str) -> str:
    return repr(line if len(line) <= _SHOWN else line[:_SHOWN] + "...")


def _text_difference(committed: bytes, regenerated: bytes) -> str | None:
    if committed == regenerated:
        return None
    ours = committed.decode("utf-8", errors="replace").splitlines(keepends=True)
    theirs = regenerated.decode("utf-8", errors="replace").splitlines(keepends=True)
    for number, (a, b) in enumerate(zip(ours, theirs), start=1):
        if a != b:
            bare_a, bare_b = a.removesuffix("\n"), b.removesuffix("\n")
            if bare_a == bare_b:
                return f"line {number} differs in its line end: committed {_shown(a)}, regenerated {_shown(b)}"
            return f"line {number} differs: committed {_shown(bare_a)}, regenerated {_shown(bare_b)}"
    if len(ours) != len(theirs):
        return f"committed has {len(ours)} lines, regenerated {len(theirs)}"
    return "the bytes differ (encoding)"


def _json_difference(committed: bytes, regenerated: bytes) -> str | None:
    try:
        ours, theirs = json.loads(committed), json.loads(regenerated)
    except ValueError as err:
        return f"not valid JSON ({err})"
    for document in (ours, theirs):
        if isinstance(document, dict):
            document.pop(VERSIONS_FIELD, None)
    where = _first_json_difference(ours, theirs, "")
    if where is None:
        return None
    return f"JSON differs at {where}"


def _first_json_difference(a, b, path: str) -> str | None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in list(a) + [key for key in b if key not in a]:
            here = f"{path}.{key}" if path else str(key)
            if key not in a or key not in b:
                side = "regenerated" if key not in a else "committed"
                return f"{here} (only in the {side} file)"
            found = _first_json_difference(a[key], b[key], here)
            if found is not None:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        for index, (x, y) in enumerate(zip(a, b)):
            found = _first_json_difference(x, y, f"{path}[{index}]")
            if found is not None:
                return found
        if len(a) != len(b):
            return f"{path or 'the top level'} (committed has {len(a)} items, regenerated {len(b)})"
        return None
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return None  # NaN is written as NaN by both and means the same missing value
    if a != b or type(a) is not type(b):
        return f"{path or 'the top level'}: committed {json.dumps(a)[:_SHOWN]}, regenerated {json.dumps(b)[:_SHOWN]}"
    return None
