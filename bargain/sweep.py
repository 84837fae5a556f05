"""Parameter sweeps: a function evaluated over a grid, in chunks, on any executor, with checkpoints.

:func:`sweep` evaluates ``fn(**params)`` at every point of the Cartesian product of a grid and
returns a tidy :class:`pandas.DataFrame`, one row per point in grid order (the last parameter varies
fastest), parameter columns first and then ``fn``'s outputs.

The table never depends on how it was computed. Points are cut into chunks of consecutive grid
indices; a chunk is evaluated serially, in a local process pool, on a Dask cluster
(``executor="dask", address="tcp://host:8786"``) or on any :class:`concurrent.futures.Executor`
(``distributed.Client.get_executor()``, say), and the rows are put back in grid order. A chunk is
one task: ``fn`` and the grid are pickled once per chunk, not once per point, and the rows come back
together. A stochastic ``fn`` gets a per-point seed derived from ``numpy.random.SeedSequence(seed)``
and the point's grid index alone, never from worker state.

With ``checkpoint=directory`` every finished chunk is written there atomically, next to a
``manifest.json`` describing the sweep; rerunning the same sweep after an interrupt loads the
finished chunks and computes only the missing ones, and gives the same table as an uninterrupted
run. A directory written by a different sweep is refused, never mixed.

Examples
--------
>>> from bargain.sweep import grid, sweep
>>> def shares(d1, d2):
...     return {"proposer": (1 - d2) / (1 - d1 * d2)}
>>> sweep(shares, {"d1": grid(0.5, 0.9, 2), "d2": [0.5, 0.9]}, progress=False)
    d1   d2  proposer
0  0.5  0.5  0.666667
1  0.5  0.9  0.181818
2  0.9  0.5  0.909091
3  0.9  0.9  0.526316
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import itertools
import json
import math
import multiprocessing
import numbers
import os
import pickle
import sys
import threading
import time
import traceback
from collections.abc import Callable, Mapping
from concurrent.futures import FIRST_COMPLETED, Executor, ProcessPoolExecutor, wait
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm import tqdm

from ._validation import check_real
from .errors import ArgumentTypeError, BargainError, InvalidArgumentError
from .results import atomic_write

__all__ = ["CheckpointError", "SweepOutputError", "SweepPointError", "grid", "process_pool", "sweep"]

#: Below this many points (or two chunks) ``executor=None`` runs serially in-process.
SERIAL_POINTS = 64

#: How often (seconds) a pool worker checks that the process that started it is still alive.
PARENT_POLL = 1.0

#: Chunks per worker aimed at by the default chunk size.
CHUNKS_PER_WORKER = 4
#: Chunks of a serial sweep: a serial run has no workers to balance, and small chunks keep the
#: progress bar moving and lose little work to an interruption when checkpointing.
SERIAL_CHUNKS = 100

_ERROR_MODES = ("raise", "record")
_SCALAR_TYPES = frozenset({float, int, str, bool, type(None), np.float64, np.int64, np.bool_})
_MANIFEST = "manifest.json"
_MANIFEST_FORMAT = 1


def process_pool(max_workers: int | None = None, *, mp_context=None) -> ProcessPoolExecutor:
    """A process pool whose workers exit when the process that started them dies.

    A :class:`~concurrent.futures.ProcessPoolExecutor` shuts its workers down when it is closed or
    its owner exits normally, but a parent killed outright (``SIGKILL``, an out-of-memory kill)
    leaves them blocked on their task queue for ever. Each worker of this pool runs a daemon thread
    that notes its parent process when it starts and checks every :data:`PARENT_POLL` seconds that
    it still has that parent, exiting at once when it has not (under the ``forkserver`` start
    method the parent is the fork server, which exits with the process that started it).
    :func:`sweep`, ``bargain sweep --jobs`` and ``bargain reproduce --jobs`` use it.

    Parameters
    ----------
    max_workers : int, optional
        Number of worker processes (default: one per CPU).
    mp_context : multiprocessing context, optional
        The start method's context (default: the platform's default).

    Examples
    --------
    >>> from bargain.sweep import process_pool
    >>> with process_pool(2) as pool:
    ...     sorted(pool.map(abs, [-2, 1]))
    [1, 2]
    """
    return ProcessPoolExecutor(max_workers=max_workers, mp_context=mp_context, initializer=_exit_with_parent)


def _exit_with_parent() -> None:
    """Pool-worker initializer: exit when the process that started this worker is gone."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL)
        os._exit(1)

    threading.Thread(target=watch, name="bargain-parent-watch", daemon=True).start()


class SweepPointError(BargainError, RuntimeError):
    """``fn`` raised at a grid point; the original error is chained as ``__cause__``.

    Attributes
    ----------
    index : int
        The point's grid index (its row in the table).
    params : dict
        The point's parameters.
    """

    def __init__(self, message: str, index: int, params: dict):
        super().__init__(message)
        self.index = index
        self.params = params

    def __reduce__(self):
        return type(self), (self.args[0], self.index, self.params)


class SweepOutputError(BargainError, ValueError):
    """``fn``'s outputs do not form a table: not a mapping or record, not scalars, or keys that vary."""


class CheckpointError(BargainError, ValueError):
    """A checkpoint directory belongs to a different sweep, or one of its files is damaged."""


def grid(lo, hi, n) -> np.ndarray:
    """``n`` evenly spaced values from ``lo`` to ``hi``, both included, as a read-only array.

    The values are rounded to 12 decimals, so a grid over decimal end points holds the decimals
    themselves (``grid(0, 1, 11)[3]`` is ``0.3``, not ``0.30000000000000004``) and tables print
    cleanly.

    Parameters
    ----------
    lo, hi : float
        The first and last values; ``lo < hi`` when ``n >= 2``.
    n : int
        The number of values, at least 1. ``n == 1`` needs ``lo == hi`` and gives ``[lo]``.

    Returns
    -------
    numpy.ndarray
        A read-only 1-D float array of length ``n``.

    Raises
    ------
    bargain.errors.ArgumentTypeError
        If ``lo`` or ``hi`` is not a real number or ``n`` is not an integer.
    bargain.errors.InvalidArgumentError
        If ``n < 1``, ``lo`` or ``hi`` is not finite, or the end points do not fit ``n``.

    Examples
    --------
    >>> from bargain.sweep import grid
    >>> grid(0, 1, 11).tolist()
    [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
    """
    lo, hi = check_real("lo", lo), check_real("hi", hi)
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise ArgumentTypeError(f"n must be an integer; got {n!r}")
    if n < 1:
        raise InvalidArgumentError(f"n must be >= 1; got {n!r}")
    if n == 1 and lo != hi:
        raise InvalidArgumentError(f"n == 1 needs lo == hi; got lo={lo!r}, hi={hi!r}")
    if n > 1 and not lo < hi:
        raise InvalidArgumentError(f"lo must be < hi when n > 1; got lo={lo!r}, hi={hi!r}")
    values = np.round(np.linspace(lo, hi, int(n)), 12)
    values[0], values[-1] = lo, hi
    values += 0.0  # -0.0 becomes 0.0
    values.flags.writeable = False
    return values


def sweep(
    fn: Callable[..., object],
    grid: Mapping,
    *,
    executor=None,
    address=None,
    chunksize: int | None = None,
    checkpoint=None,
    progress: bool = True,
    seed: int | None = None,
    errors: str = "raise",
) -> pd.DataFrame:
    """Evaluate ``fn`` at every point of a grid; one row per point, in grid order.

    Parameters
    ----------
    fn : callable
        A pure function called as ``fn(**params)`` (plus ``seed=<int>`` when ``seed`` is given). It
        returns a mapping of output name to scalar, a dataclass instance or a ``NamedTuple``; every
        point must give the same output names. For a process pool ``fn`` must be picklable: a
        function defined at module level, not a lambda or a local function.
    grid : mapping
        Parameter name to a non-empty 1-D sequence of values (see :func:`grid`). The points are the
        Cartesian product in the mapping's order, the last parameter varying fastest.
    executor : None, "serial", "dask" or concurrent.futures.Executor, optional
        Where the chunks run. ``None``: serially in this process when the work is small (fewer than
        :data:`SERIAL_POINTS` points or fewer than two chunks), otherwise in a
        :class:`~concurrent.futures.ProcessPoolExecutor` with one worker per CPU, shut down at the
        end. ``"serial"``: always in this process. ``"dask"``: on the Dask cluster whose scheduler
        is at ``address``, through a ``distributed.Client`` opened for this sweep and closed at the
        end (the ``dask`` extra; ``fn`` and bargain must be importable on the workers). An executor
        (a process pool, a Dask ``Client.get_executor()``, ...) is used as given and left running.
    address : str, optional
        With ``executor="dask"`` only, and then required: the scheduler's address, e.g.
        ``"tcp://10.0.0.5:8786"`` (anything ``distributed.Client`` accepts, a ``LocalCluster``
        included). The connection waits at most dask's ``distributed.comm.timeouts.connect``.
    chunksize : int, optional
        Points per chunk (a unit of work, of progress and of checkpointing). Default: enough for
        about :data:`CHUNKS_PER_WORKER` chunks per worker (the executor's ``_max_workers`` if it has
        one, a Dask cluster's total number of worker threads, else the CPU count), or about
        :data:`SERIAL_CHUNKS` chunks when running serially, at least 1 point each; when resuming
        from a checkpoint, the checkpoint's.
    checkpoint : str or os.PathLike, optional
        A directory (created if missing) where each finished chunk is saved as ``chunk-<k>.pkl``,
        with ``manifest.json`` describing the sweep (parameter names and values, number of points,
        chunk size, seed, error mode and ``fn``'s qualified name). A rerun with the same arguments
        loads the finished chunks and computes only the others.
    progress : bool, default True
        Show a tqdm bar over chunks; it is off anyway when standard error is not a terminal.
    seed : int, optional
        If given, point ``i`` of ``n`` is passed
        ``seed=int(SeedSequence(seed).spawn(n)[i].generate_state(1)[0])``, which depends only on
        ``seed`` and ``i``.
    errors : {"raise", "record"}, default "raise"
        When ``fn`` raises at a point: ``"raise"`` stops the sweep with :class:`SweepPointError`
        naming the point (finished chunks stay in the checkpoint); ``"record"`` writes
        ``"<ErrorType>: <message>"`` in an ``error`` column (``None`` on the other rows, whose
        outputs are missing) and carries on.

    Returns
    -------
    pandas.DataFrame
        The parameter columns in the grid's order, then the output columns in the order the first
        successful point gives them, then ``error`` with ``errors="record"``; a ``RangeIndex``
        equal to the grid index.

    Raises
    ------
    bargain.errors.ArgumentTypeError
        If ``fn`` is not callable (or not picklable for a process pool), or an argument has the
        wrong type.
    bargain.errors.InvalidArgumentError
        If the grid is empty, a parameter has no values or is not 1-D, a name is reserved
        (``seed`` with a seed, ``error`` when recording errors), ``chunksize``, ``executor`` or
        ``errors`` is not allowed, ``address`` is missing with ``executor="dask"`` (or given without
        it), or it is not a scheduler address.
    ConnectionError
        If no Dask scheduler answers at ``address`` in time.
    ImportError
        If ``executor="dask"`` and dask.distributed is not installed.
    SweepPointError
        If ``fn`` raised at a point and ``errors="raise"``.
    SweepOutputError
        If ``fn`` returned something that is not a mapping or record of scalars, or its output
        names vary between points or clash with a parameter name.
    CheckpointError
        If ``checkpoint`` holds a different sweep or a damaged chunk.

    Examples
    --------
    >>> from bargain.sweep import sweep
    >>> def ratio(a, b):
    ...     return {"ratio": a / b}
    >>> sweep(ratio, {"a": [1.0], "b": [0.0, 2.0]}, errors="record", progress=False)
         a    b  ratio                                   error
    0  1.0  0.0    NaN  ZeroDivisionError: float division by zero
    1  1.0  2.0    0.5                                    None
    """
    if not callable(fn):
        raise ArgumentTypeError(f"fn must be callable; got {fn!r}")
    names, values = _check_grid(grid)
    n_points = math.prod(len(v) for v in values)
    if errors not in _ERROR_MODES:
        raise InvalidArgumentError(
            f"errors must be one of {', '.join(map(repr, _ERROR_MODES))}; got {errors!r}"
        )
    record = errors == "record"
    if seed is not None:
        if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
            raise InvalidArgumentError(f"seed must be a non-negative integer or None; got {seed!r}")
        seed = int(seed)
    reserved = ["seed"] * (seed is not None) + ["error"] * record
    for name in reserved:
        if name in names:
            raise InvalidArgumentError(f"grid may not have a parameter named {name!r} here; got {names}")
    if not (executor is None or executor in ("serial", "dask") or isinstance(executor, Executor)):
        raise InvalidArgumentError(
            f"executor must be None, 'serial', 'dask' or a concurrent.futures.Executor; got {executor!r}"
        )
    if executor == "dask" and address is None:
        raise InvalidArgumentError("executor='dask' needs address=, the Dask scheduler's address "
                                   "(e.g. 'tcp://10.0.0.5:8786'); got none")
    if executor != "dask" and address is not None:
        raise InvalidArgumentError(f"address applies only to executor='dask'; got address={address!r} "
                                   f"with executor={executor!r}")
    if chunksize is not None:
        if isinstance(chunksize, bool) or not isinstance(chunksize, numbers.Integral):
            raise ArgumentTypeError(f"chunksize must be an integer or None; got {chunksize!r}")
        if chunksize < 1:
            raise InvalidArgumentError(f"chunksize must be >= 1; got {chunksize!r}")
        chunksize = int(chunksize)

    manifest = {
        "format": _MANIFEST_FORMAT,
        "fn": _qualified_name(fn),
        "code": _code_fingerprint(fn),
        "parameters": names,
        "values": {name: vals for name, vals in zip(names, values)},
        "n_points": n_points,
        "chunksize": chunksize,
        "seed": seed,
        "errors": errors,
    }
    directory = None
    if checkpoint is not None:
        if not isinstance(checkpoint, str | os.PathLike):
            raise ArgumentTypeError(f"checkpoint must be a directory path or None; got {checkpoint!r}")
        directory = Path(checkpoint)
        found = _read_manifest(directory)
        if chunksize is None and found is not None and isinstance(found.get("chunksize"), int):
            manifest["chunksize"] = chunksize = found["chunksize"]

    client = _dask_client(address) if executor == "dask" else None
    own_pool = None
    try:
        if client is not None:
            executor = client.get_executor(pure=False)  # every chunk is computed, none deduplicated
        dask_client = _dask_client_of(executor)
        if dask_client is not None:
            _check_importable_on_workers(dask_client, fn)
        if chunksize is None:
            if executor == "serial":
                target = SERIAL_CHUNKS
            else:
                target = CHUNKS_PER_WORKER * _worker_count(executor)
            manifest["chunksize"] = chunksize = max(1, math.ceil(n_points / target))
        n_chunks = math.ceil(n_points / chunksize)
        bounds = [(k * chunksize, min((k + 1) * chunksize, n_points)) for k in range(n_chunks)]

        chunks: dict[int, list] = {}
        if directory is not None:
            chunks = _open_checkpoint(directory, manifest, bounds)
        missing = [k for k in range(n_chunks) if k not in chunks]

        make_pool = executor is None and bool(missing) and n_points >= SERIAL_POINTS and n_chunks >= 2
        if make_pool or isinstance(executor, ProcessPoolExecutor):
            _check_picklable(fn)
        if make_pool:
            own_pool = executor = process_pool(min(os.cpu_count() or 1, len(missing)))
        elif executor is None:
            executor = "serial"

        bar = tqdm(total=n_chunks, initial=len(chunks), desc="sweep", unit="chunk",
                   disable=not progress or not _stderr_is_terminal())

        def finish(k: int, outcome) -> None:
            rows, failure = outcome
            if failure is not None:
                _raise_failure(failure, names, values)
            chunks[k] = rows
            if directory is not None:
                atomic_write(directory / f"chunk-{k}.pkl", pickle.dumps(rows, protocol=4))
            bar.update(1)

        try:
            if executor == "serial":
                for k in missing:
                    finish(k, _run_chunk(fn, values, names, *bounds[k], seed, record))
            else:
                _run_parallel(executor, fn, values, names, bounds, missing, seed, record, finish)
        finally:
            bar.close()
    finally:
        if own_pool is not None:
            own_pool.shutdown(wait=True, cancel_futures=True)
        if client is not None:
            client.close()

    rows = [row for k in range(n_chunks) for row in chunks[k]]
    return _table(names, values, rows, record)


def _dask_client(address):
    """A ``distributed.Client`` connected to the scheduler at ``address`` (closed by the caller)."""
    try:
        import distributed
    except ImportError as err:
        raise ImportError(
            'executor="dask" needs dask.distributed; install it with pip install "bargain[dask]"'
        ) from err
    try:
        if isinstance(address, str):  # refuse a malformed address before a Client exists
            distributed.comm.resolve_address(address)
        return distributed.Client(address, set_as_default=False)
    except (ValueError, TypeError) as err:
        raise InvalidArgumentError(
            f"address must be a Dask scheduler address such as 'tcp://10.0.0.5:8786'; got {address!r} ({err})"
        ) from err
    except OSError as err:
        raise ConnectionError(f"cannot connect to the Dask scheduler at {address!r}: {err}") from err


def _dask_client_of(executor):
    """The ``distributed.Client`` behind a Dask executor, else ``None``."""
    if isinstance(executor, Executor) and type(executor).__module__.startswith("distributed"):
        return getattr(executor, "_client", None)  # distributed's ClientExecutor keeps its Client here
    return None


def _check_importable_on_workers(client, fn) -> None:
    """Refuse a function that the Dask workers would have to import but cannot.

    A function pickled by reference is loaded on a worker by importing its module; if that fails, the
    worker drops the task and the sweep would wait for ever. Functions sent by value (lambdas, local
    functions, those of ``__main__``) need no import.
    """
    while isinstance(fn, functools.partial):
        fn = fn.func
    module, qualname = getattr(fn, "__module__", None), getattr(fn, "__qualname__", None)
    if not isinstance(module, str) or not isinstance(qualname, str) or module == "__main__" or "<" in qualname:
        return
    try:
        pickle.dumps(fn)
    except Exception:  # noqa: BLE001 - not picklable by reference, so Dask sends it by value
        return
    problems = {worker: text for worker, text in client.run(_import_problem, module, qualname).items() if text}
    if problems:
        worker, text = sorted(problems.items())[0]
        raise ArgumentTypeError(
            f"fn {module}:{qualname} cannot be loaded on the Dask workers ({len(problems)} of them; at {worker}: "
            f"{text}); its module must be importable there: install its package on every worker"
        )


def _import_problem(module: str, qualname: str) -> str | None:
    """Run on a worker: why ``module:qualname`` cannot be loaded there, or ``None``."""
    try:
        target = importlib.import_module(module)
        for part in qualname.split("."):
            target = getattr(target, part)
    except Exception as err:  # noqa: BLE001 - reported to the client
        return f"{type(err).__name__}: {err}"
    return None


def _worker_count(executor) -> int:
    """How many chunks ``executor`` can run at once: a pool's size, a Dask cluster's thread count,
    else the CPU count."""
    workers = getattr(executor, "_max_workers", None)
    if isinstance(workers, int) and workers >= 1:
        return workers
    client = _dask_client_of(executor)
    if client is not None:
        try:
            threads = sum(client.nthreads().values())
        except Exception:  # noqa: BLE001 - any failure here only costs the default chunk size
            threads = 0
        if threads >= 1:
            return threads
    return os.cpu_count() or 1


def _check_grid(grid) -> tuple[list[str], list[list]]:
    if not isinstance(grid, Mapping):
        raise ArgumentTypeError(f"grid must be a mapping of parameter name to values; got {type(grid).__name__}")
    if not grid:
        raise InvalidArgumentError("grid must have at least one parameter; got an empty mapping")
    names, values = [], []
    for name, vals in grid.items():
        if not isinstance(name, str) or not name:
            raise ArgumentTypeError(f"grid parameter names must be non-empty strings; got {name!r}")
        if isinstance(vals, str | bytes) or not hasattr(vals, "__iter__"):
            raise ArgumentTypeError(f"grid[{name!r}] must be a 1-D sequence of values; got {vals!r}")
        if isinstance(vals, np.ndarray):
            if vals.ndim != 1:
                raise InvalidArgumentError(f"grid[{name!r}] must be 1-D; got an array of shape {vals.shape}")
            vals = vals.tolist()
        else:
            vals = [v.item() if isinstance(v, np.generic) else v for v in vals]
            for v in vals:
                if isinstance(v, list | tuple | set | dict | np.ndarray):
                    raise InvalidArgumentError(f"grid[{name!r}] must be 1-D; got the value {v!r}")
        if not vals:
            raise InvalidArgumentError(f"grid[{name!r}] must have at least one value; got none")
        names.append(name)
        values.append(vals)
    return names, values


def _code_fingerprint(fn) -> dict:
    """What identifies the code behind ``fn``: bargain's version and a hash of the source file that
    defines ``fn`` (``None`` where it cannot be read), so a checkpoint is not resumed with edited code."""
    import hashlib
    import inspect

    from .results import package_versions

    target = fn
    while isinstance(target, functools.partial):
        target = target.func
    try:
        source = Path(inspect.getsourcefile(target)).read_bytes()
        digest = hashlib.sha256(source).hexdigest()
    except (TypeError, OSError):
        digest = None
    return {"bargain": package_versions().get("bargain"), "source_sha256": digest}


def _qualified_name(fn) -> str:
    module = getattr(fn, "__module__", None) or type(fn).__module__
    name = getattr(fn, "__qualname__", None) or type(fn).__qualname__
    return f"{module}:{name}"


def _check_picklable(fn) -> None:
    try:
        pickle.dumps(fn)
    except Exception as err:
        raise ArgumentTypeError(
            f"fn must be picklable to run in a process pool; got {_qualified_name(fn)} ({err}). "
            "Define it at module level (not a lambda or a local function), or pass executor='serial'"
        ) from err


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _point(index: int, names: list[str], values: list[list]) -> dict:
    """The parameters of grid point ``index`` (row-major: the last parameter varies fastest)."""
    picked = [None] * len(names)
    for j in range(len(names) - 1, -1, -1):
        index, r = divmod(index, len(values[j]))
        picked[j] = values[j][r]
    return dict(zip(names, picked))


def _points(names: list[str], values: list[list], start: int, stop: int):
    """The parameters of grid points ``start`` to ``stop - 1`` in order, as fresh dicts; an odometer
    over the value indices, so that each point costs one step rather than a division per parameter."""
    if start >= stop:
        return
    sizes = [len(vals) for vals in values]
    digits = [0] * len(sizes)
    rest = start
    for j in range(len(sizes) - 1, -1, -1):
        rest, digits[j] = divmod(rest, sizes[j])
    current = [vals[d] for vals, d in zip(values, digits)]
    last = len(sizes) - 1
    for _ in range(stop - start):
        yield dict(zip(names, current))
        j = last
        while j >= 0:
            digits[j] += 1
            if digits[j] < sizes[j]:
                current[j] = values[j][digits[j]]
                break
            digits[j] = 0
            current[j] = values[j][0]
            j -= 1


def _point_seed(seed: int, index: int) -> int:
    # Equal to SeedSequence(seed).spawn(n)[index]: a child's spawn key is its position among the spawned.
    return int(np.random.SeedSequence(seed, spawn_key=(index,)).generate_state(1)[0])


def _run_chunk(fn, values, names, start, stop, seed, record):
    """Evaluate points ``start`` to ``stop - 1``; return ``(rows, failure)``.

    A row is ``(outputs, error)``. ``failure`` is ``None``, or describes the first point that raised
    (when not recording) or returned something unusable, after which the chunk stops.
    """
    rows = []
    for index, params in zip(range(start, stop), _points(names, values, start, stop)):
        kwargs = params if seed is None else {**params, "seed": _point_seed(seed, index)}
        try:
            result = fn(**kwargs)
        except Exception as err:
            if record:
                rows.append((None, f"{type(err).__name__}: {err}"))
                continue
            return rows, ("raised", index, _portable(err))
        outputs, problem = _outputs(result)
        if problem is not None:
            return rows, ("output", index, problem)
        rows.append((outputs, None))
    return rows, None


def _portable(err: BaseException) -> BaseException:
    """``err`` if it survives pickling, else a RuntimeError with its text; with the traceback as a
    note when raised in a worker process (where it would otherwise be lost)."""
    if multiprocessing.parent_process() is None:
        return err
    text = "".join(traceback.format_exception(err))
    try:
        err = pickle.loads(pickle.dumps(err))
    except Exception:
        err = RuntimeError(f"{type(err).__name__}: {err}")
    err.add_note(f"traceback in the worker process:\n{text}")
    return err


def _outputs(result):
    """``(mapping, None)`` for a usable result, else ``(None, reason)``."""
    if type(result) is dict and all(type(key) is str and type(value) in _SCALAR_TYPES
                                    for key, value in result.items()):
        return result, None  # the common case, checked at the cost of one pass
    if isinstance(result, Mapping):
        outputs = dict(result)
    elif dataclasses.is_dataclass(result) and not isinstance(result, type):
        outputs = {field.name: getattr(result, field.name) for field in dataclasses.fields(result)}
    elif isinstance(result, tuple) and hasattr(result, "_fields"):
        outputs = dict(zip(result._fields, result))
    else:
        return None, f"fn must return a mapping, a dataclass instance or a NamedTuple; got {type(result).__name__}"
    for key, value in outputs.items():
        if not isinstance(key, str):
            return None, f"output names must be strings; got {key!r}"
        if isinstance(value, np.ndarray) and value.ndim == 0:
            outputs[key] = value = value[()]
        if not (value is None or isinstance(value, str | bytes | numbers.Number | np.generic)):
            return None, f"output {key!r} must be a scalar; got {type(value).__name__}"
    return outputs, None


def _describe(params: dict) -> str:
    return ", ".join(f"{name}={value!r}" for name, value in params.items())


def _raise_failure(failure, names, values):
    kind, index, detail = failure
    params = _point(index, names, values)
    if kind == "raised":
        raise SweepPointError(
            f"fn raised {type(detail).__name__} at grid point {index} ({_describe(params)}): {detail}",
            index, params,
        ) from detail
    raise SweepOutputError(f"{detail} at grid point {index} ({_describe(params)})")


def _run_parallel(executor, fn, values, names, bounds, missing, seed, record, finish):
    """Submit the missing chunks; pass each outcome to ``finish`` as it completes, so that a finished
    chunk is checkpointed at once.

    When a chunk fails, the chunks after it that have not started are cancelled and the others are
    awaited (and kept); the failure raised is then the one at the smallest grid index, which is the
    one a serial run raises, whatever the executor and however the chunks were scheduled.
    """
    pending = {executor.submit(_run_chunk, fn, values, names, *bounds[k], seed, record): k for k in missing}
    failed: dict[int, tuple] = {}
    try:
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=pending.get):
                k = pending.pop(future)
                outcome = future.result()
                if outcome[1] is None:
                    finish(k, outcome)
                    continue
                failed[k] = outcome
                first = min(failed)
                for other, j in list(pending.items()):
                    if j > first and other.cancel():
                        del pending[other]
        if failed:
            first = min(failed)
            finish(first, failed[first])  # raises the failure at the smallest grid index
    except BaseException:
        for future in pending:
            future.cancel()
        for future in list(pending):
            if future.cancelled():
                continue
            try:
                outcome = future.result()
            except BaseException:
                continue
            if outcome[1] is None:
                try:
                    finish(pending[future], outcome)
                except Exception:
                    pass
        raise


def _read_manifest(directory: Path):
    path = directory / _MANIFEST
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise CheckpointError(f"checkpoint manifest {str(path)!r} is unreadable: {err}") from err


def _canonical(manifest) -> str:
    return json.dumps(manifest, sort_keys=True, default=repr)


def _open_checkpoint(directory: Path, manifest: dict, bounds) -> dict[int, list]:
    """Check that ``directory`` holds this sweep (or nothing) and load its finished chunks."""
    if directory.exists() and not directory.is_dir():
        raise CheckpointError(f"checkpoint must be a directory; {str(directory)!r} is a file")
    directory.mkdir(parents=True, exist_ok=True)
    found = _read_manifest(directory)
    if found is None:
        if any(directory.glob("chunk-*.pkl")):
            raise CheckpointError(
                f"checkpoint directory {str(directory)!r} holds chunks but no {_MANIFEST}; "
                "refusing to mix them with this sweep (use an empty directory)"
            )
        atomic_write(directory / _MANIFEST, (json.dumps(manifest, indent=2, default=repr) + "\n").encode())
        return {}
    expected = json.loads(_canonical(manifest))
    if _canonical(found) != _canonical(expected):
        differ = sorted(key for key in set(found) | set(expected) if found.get(key) != expected.get(key))
        raise CheckpointError(
            f"checkpoint directory {str(directory)!r} belongs to a different sweep "
            f"({', '.join(differ)} differ); use another directory or delete this one"
        )
    chunks = {}
    for k, (start, stop) in enumerate(bounds):
        path = directory / f"chunk-{k}.pkl"
        if not path.is_file():
            continue
        try:
            rows = pickle.loads(path.read_bytes())
        except Exception as err:
            raise CheckpointError(f"checkpoint chunk {str(path)!r} is unreadable ({err}); delete it") from err
        if not isinstance(rows, list) or len(rows) != stop - start:
            raise CheckpointError(f"checkpoint chunk {str(path)!r} has the wrong number of rows; delete it")
        chunks[k] = rows
    return chunks


def _table(names, values, rows, record) -> pd.DataFrame:
    """Assemble the rows (in grid order) into the table, checking that the outputs agree."""
    keys = next((list(outputs) for outputs, _ in rows if outputs is not None), [])
    clash = [key for key in keys if key in names or (record and key == "error")]
    if clash:
        raise SweepOutputError(f"output names must differ from the parameter names{' and error' * record}; "
                               f"got {clash}")
    key_set = set(keys)
    for index, (outputs, _) in enumerate(rows):
        if outputs is not None and set(outputs) != key_set:
            params = _point(index, names, values)
            raise SweepOutputError(
                f"fn must return the same outputs at every point; got {sorted(outputs)} at grid point "
                f"{index} ({_describe(params)}) but {sorted(keys)} before"
            )
    columns: dict[str, object] = {}
    points = list(itertools.product(*values))
    for j, name in enumerate(names):
        columns[name] = [point[j] for point in points]
    for key in keys:
        columns[key] = [None if outputs is None else outputs[key] for outputs, _ in rows]
    if record:
        columns["error"] = pd.Series([error for _, error in rows], dtype=object)
    return pd.DataFrame(columns)
