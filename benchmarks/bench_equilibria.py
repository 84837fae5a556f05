"""Time bargain's two-player equilibrium enumeration against nashpy, pygambit and quantecon.

Every method is measured in this one process, in one run, on the same games, and the script prints
per-game times, ratios ``peer time / our time`` (above 1 means bargain is faster), the number of
equilibria each method finds and, per game, whether its set of equilibria equals pygambit's.

Workloads
---------
(a) a one-parameter family of 5x5 games ``A0 + t A1, B0 + t B1`` on a grid of ``t`` in [0, 1];
(b) one random n x n game for several n, solved alone;
(c) a two-parameter family of 5x3 games ``A0 + s A1 + t A2`` (and ``B`` likewise) on an s-t grid.

Run ``python benchmarks/bench_equilibria.py`` (``--quick`` for a smoke test with every workload
shrunk, ``--skip-slow`` to leave nashpy out). See ``benchmarks/README.md``.
"""

import argparse
import importlib
import math
import os
import platform
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

import bargain as bg

#: Seeds of the independent generators: game family (a), single games (b), grid (c), the timed subsets.
SEED_FAMILY = 20_241
SEED_SINGLE = 20_242
SEED_GRID = 20_243
SEED_SUBSET = 20_244

#: Two equilibria are the same if their probabilities differ by at most this everywhere.
SET_TOL = 1e-7


@dataclass(frozen=True)
class Sizes:
    """How big each workload is and how long each measurement may repeat."""

    family_games: int  # (a): number of t values
    family_nashpy_games: int  # (a): random subset timed for nashpy
    single_sizes: tuple[int, ...]  # (b): n of the n x n games
    grid_points: int  # (c): points per axis of the s-t grid
    grid_gambit_games: int  # (c): random subset timed for pygambit
    grid_nashpy_games: int  # (c): random subset (of pygambit's subset) timed for nashpy
    repeats: int  # best of this many rounds (each round times every fast method once) ...
    budget: float  # ... or fewer, once the rounds have taken this many seconds per method


FULL = Sizes(
    family_games=1000,
    family_nashpy_games=20,
    single_sizes=(2, 4, 6, 8),
    grid_points=100,
    grid_gambit_games=1000,
    grid_nashpy_games=20,
    repeats=5,
    budget=2.0,
)

QUICK = Sizes(
    family_games=40,
    family_nashpy_games=2,
    single_sizes=(2, 4),
    grid_points=12,
    grid_gambit_games=40,
    grid_nashpy_games=2,
    repeats=2,
    budget=0.2,
)

Profiles = list[tuple[np.ndarray, np.ndarray]]


# ---------------------------------------------------------------------------------------- methods
@dataclass(frozen=True)
class Method:
    """One way of enumerating the equilibria of a bimatrix game, starting from the arrays A, B.

    ``solve(A, B)`` is what is timed (it includes building the library's game object);
    ``profiles(result)`` turns its result into ``[(x, y), ...]`` afterwards, untimed.
    """

    name: str
    solve: Callable[[np.ndarray, np.ndarray], object]
    profiles: Callable[[object], Profiles]
    slow: bool = False  # timed on a random subset of a batch workload


@dataclass(frozen=True)
class Missing:
    """A peer that could not be measured, and why."""

    name: str
    reason: str

    @property
    def status(self) -> str:
        """A short word for the tables; the reason itself is printed in the header."""
        return "not installed" if self.reason == "not installed" else "skipped"


def _our_profiles(equilibria) -> Profiles:
    return [(e.profile[0], e.profile[1]) for e in equilibria]


def _ours_single() -> Method:
    return Method(
        "bargain equilibria() loop",
        lambda A, B: bg.equilibria(bg.Game.bimatrix(A, B)),
        _our_profiles,
    )


def _import(module: str):
    """Import a peer lazily; None if it is not installed."""
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def _nashpy_methods(nashpy) -> list[Method]:
    def run(which):
        def solve(A, B):
            with warnings.catch_warnings():  # nashpy warns on every game with an even count
                warnings.simplefilter("ignore")
                return list(getattr(nashpy.Game(A, B), which)())

        return solve

    def profiles(found) -> Profiles:
        return [(np.asarray(x, dtype=float), np.asarray(y, dtype=float)) for x, y in found]

    return [
        Method("nashpy support_enumeration", run("support_enumeration"), profiles, slow=True),
        Method("nashpy vertex_enumeration", run("vertex_enumeration"), profiles, slow=True),
    ]


def _gambit_method(pygambit) -> Method:
    def solve(A, B):
        return pygambit.nash.enummixed_solve(pygambit.Game.from_arrays(A, B), rational=False)

    def profiles(result) -> Profiles:
        out = []
        for eq in result.equilibria:
            # a pygambit mixed strategy iterates as (strategy, probability) pairs, in strategy order
            (_, x), (_, y) = eq.mixed_strategies()
            out.append((np.array([p for _, p in x], dtype=float), np.array([p for _, p in y], dtype=float)))
        return out

    return Method("pygambit enummixed_solve", solve, profiles)


def _quantecon_method(game_theory) -> Method:
    NormalFormGame, Player = game_theory.NormalFormGame, game_theory.Player

    def solve(A, B):
        # quantecon indexes each player's payoff array by that player's own action first
        return game_theory.support_enumeration(NormalFormGame((Player(A), Player(B.T))))

    def profiles(found) -> Profiles:
        return [(np.asarray(x, dtype=float), np.asarray(y, dtype=float)) for x, y in found]

    return Method("quantecon support_enumeration", solve, profiles)


@dataclass
class Peers:
    """The peers available in this run, in table order, and the ones that are not."""

    methods: list[Method] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)

    def get(self, name_start: str) -> Method | Missing | None:
        for item in [*self.methods, *self.missing]:
            if item.name.startswith(name_start):
                return item
        return None

    def all(self) -> list[Method | Missing]:
        order = ("quantecon", "pygambit", "nashpy support", "nashpy vertex")
        return [item for key in order if (item := self.get(key)) is not None]


def load_peers(*, skip_slow: bool, skip_quantecon: bool) -> Peers:
    """Import the peer libraries lazily; a missing one becomes a "not installed" row."""
    peers = Peers()
    if skip_quantecon:
        peers.missing.append(
            Missing("quantecon support_enumeration", "skipped in --quick (its JIT compile takes seconds)")
        )
    elif (game_theory := _import("quantecon.game_theory")) is None:
        peers.missing.append(Missing("quantecon support_enumeration", "not installed"))
    else:
        peers.methods.append(_quantecon_method(game_theory))
        peers.versions["quantecon"] = importlib.import_module("quantecon").__version__
        numba = _import("numba")
        if numba is not None:
            peers.versions["numba"] = numba.__version__
    if (pygambit := _import("pygambit")) is None:
        peers.missing.append(Missing("pygambit enummixed_solve", "not installed"))
    else:
        peers.methods.append(_gambit_method(pygambit))
        peers.versions["pygambit"] = pygambit.__version__
    nashpy_names = ("nashpy support_enumeration", "nashpy vertex_enumeration")
    if skip_slow:
        peers.missing += [Missing(name, "skipped (--skip-slow)") for name in nashpy_names]
    elif (nashpy := _import("nashpy")) is None:
        peers.missing += [Missing(name, "not installed") for name in nashpy_names]
    else:
        peers.methods += _nashpy_methods(nashpy)
        peers.versions["nashpy"] = nashpy.__version__
    return peers


def warm_up(peers: Peers, shape: tuple[int, int]) -> None:
    """Call every peer once, untimed; for quantecon this compiles its numba code."""
    rng = np.random.default_rng(0)
    A, B = rng.standard_normal((2, *shape))
    for method in peers.methods:
        if method.slow:
            continue
        start = time.perf_counter()
        method.solve(A, B)
        elapsed = time.perf_counter() - start
        if method.name.startswith("quantecon") and elapsed > 0.5:
            print(f"  quantecon JIT warmed up before timing (first call took {elapsed:.1f} s, not timed)")


# ------------------------------------------------------------------------------------ measuring
@dataclass
class Measurement:
    """Time and equilibria of one method on some of a workload's games."""

    name: str
    indices: np.ndarray  # which games were timed
    seconds: float  # best wall time for all of them
    profiles: list[Profiles]  # equilibria of each timed game
    total_games: int  # games in the workload

    @property
    def per_game(self) -> float:
        return self.seconds / len(self.indices)

    @property
    def extrapolated(self) -> bool:
        return len(self.indices) < self.total_games

    @property
    def count(self) -> int:
        return sum(len(p) for p in self.profiles)

    def by_game(self) -> dict[int, Profiles]:
        return dict(zip(self.indices.tolist(), self.profiles))


@dataclass(frozen=True)
class Task:
    """One thing to time: ``run()`` solves the games ``indices`` and returns one result per game."""

    name: str
    run: Callable[[], list]
    indices: np.ndarray
    profiles: Callable[[object], Profiles]
    slow: bool = False


def loop_task(method: Method, A: np.ndarray, B: np.ndarray, indices) -> Task:
    """A task solving the games ``indices`` with ``method``, one after another."""
    indices = np.asarray(indices)
    return Task(method.name, lambda: [method.solve(A[i], B[i]) for i in indices], indices, method.profiles,
                method.slow)


def measure(tasks: Sequence[Task], total_games: int, sizes: Sizes) -> dict[str, Measurement]:
    """Time every task: the fast ones best of up to ``sizes.repeats`` rounds, the slow ones once.

    Each round runs every fast task once, in turn, so that all of them see the same conditions on
    the machine (other load, clock changes) and their ratios stay fair when the timings drift.
    Rounds stop early once they have taken ``sizes.budget`` seconds per task.
    """
    fast = [task for task in tasks if not task.slow]
    best: dict[str, tuple[float, list]] = {task.name: (math.inf, []) for task in tasks}
    spent = 0.0
    for _ in range(max(sizes.repeats, 1)):
        for task in fast:
            start = time.perf_counter()
            results = task.run()
            elapsed = time.perf_counter() - start
            spent += elapsed
            if elapsed < best[task.name][0]:
                best[task.name] = (elapsed, results)
        if spent >= sizes.budget * len(fast):
            break
    for task in tasks:
        if task.slow:
            start = time.perf_counter()
            results = task.run()
            best[task.name] = (time.perf_counter() - start, results)
    return {
        task.name: Measurement(task.name, task.indices, best[task.name][0],
                               [task.profiles(r) for r in best[task.name][1]], total_games)
        for task in tasks
    }


def same_equilibria(ours: Profiles, theirs: Profiles, tol: float = SET_TOL) -> bool:
    """Whether two lists of profiles are the same set, matching each profile once within ``tol``."""
    if len(ours) != len(theirs):
        return False
    unused = list(range(len(theirs)))
    for x, y in ours:
        for j in unused:
            u, v = theirs[j]
            if x.shape == u.shape and y.shape == v.shape and max(np.abs(x - u).max(), np.abs(y - v).max()) <= tol:
                unused.remove(j)
                break
        else:
            return False
    return True


def differing_games(measured: Measurement, reference: Measurement | None) -> tuple[int, int] | None:
    """(games whose set differs from the reference's, games compared), over the games both solved."""
    if reference is None:
        return None
    theirs = reference.by_game()
    common = [(p, theirs[i]) for i, p in measured.by_game().items() if i in theirs]
    return sum(not same_equilibria(p, q) for p, q in common), len(common)


# ------------------------------------------------------------------------------------ printing
def fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} us"
    if seconds < 1.0:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds:.3g} s"


def fmt_ratio(ratio: float | None) -> str:
    """Three significant digits (whole numbers from 100 up), truncated, never rounded up past a target."""
    if ratio is None:
        return "-"
    if ratio <= 0 or not math.isfinite(ratio):
        return f"{ratio}x"
    decimals = max(2 - math.floor(math.log10(ratio)), 0)
    truncated = math.floor(ratio * 10**decimals) / 10**decimals
    return f"{truncated:,.{decimals}f}x"


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], left: int = 1) -> None:
    """Print an aligned plain-text table; the first ``left`` columns flush left, the rest flush right."""
    widths = [max(len(str(r[k])) for r in [headers, *rows]) for k in range(len(headers))]

    def line(cells):
        return "  " + "  ".join(
            f"{c:<{w}}" if k < left else f"{c:>{w}}" for k, (c, w) in enumerate(zip(cells, widths))
        ).rstrip()

    print(line(headers))
    print("  " + "  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))


@dataclass(frozen=True)
class Verdict:
    """One line of the final summary."""

    workload: str
    target: str
    measured: str
    status: str  # PASS, MISS, N/A or INFO


def short(name: str) -> str:
    """'nashpy support_enumeration' -> 'nashpy support'; 'pygambit enummixed_solve' -> 'pygambit'."""
    library, _, call = name.partition(" ")
    return f"{library} {call.split('_')[0]}" if library == "nashpy" else library


def check(workload: str, target: str, measured: str, ok: bool | None, why_not: str = "") -> Verdict:
    if ok is None:
        return Verdict(workload, target, measured or why_not, "N/A")
    return Verdict(workload, target, measured, "PASS" if ok else "MISS")


# ------------------------------------------------------------------------------- batch workloads
def compare_on_batch(
    payoffs: np.ndarray, peers: Peers, sizes: Sizes, *, gambit_games: int | None, nashpy_games: int, single_loop: bool
) -> tuple[Measurement, dict[str, Measurement | Missing]]:
    """Time bargain's batch solver on all games and every peer in a loop; print one table.

    pygambit runs on all games if ``gambit_games`` is None, else on a random subset of that size;
    nashpy on a random subset of ``nashpy_games`` games nested inside pygambit's subset.
    """
    k = len(payoffs)
    A, B = payoffs[:, 0], payoffs[:, 1]
    order = np.random.default_rng(SEED_SUBSET).permutation(k)
    subset = {
        "pygambit": np.sort(order[: min(gambit_games, k)]) if gambit_games is not None else np.arange(k),
        "nashpy": np.sort(order[: min(nashpy_games, k)]),
    }
    warm_up(peers, payoffs.shape[2:])
    bg.equilibria_batch(payoffs[:2])  # first-call costs (imports, caches) are not what we measure
    batch = Task("bargain equilibria_batch", lambda: bg.equilibria_batch(payoffs), np.arange(k), _our_profiles)
    methods = [*([_ours_single()] if single_loop else []), *peers.all()]
    tasks = [batch] + [
        loop_task(m, A, B, subset.get(m.name.split()[0], np.arange(k))) for m in methods if isinstance(m, Method)
    ]
    timed = measure(tasks, k, sizes)
    ours = timed[batch.name]
    measured: dict[str, Measurement | Missing] = {m.name: timed.get(m.name, m) for m in methods}

    reference = next((m for n, m in measured.items() if n.startswith("pygambit") and isinstance(m, Measurement)), None)
    ours_by_game = ours.by_game()
    rows = []
    notes = []
    for item in [ours, *measured.values()]:
        if isinstance(item, Missing):
            rows.append([item.name, "-", item.status, "-", "-", "-", "-", "-"])
            continue
        total = fmt_time(item.per_game * k) + (" *" if item.extrapolated else "")
        ratio = "1 (ref)" if item is ours else fmt_ratio(item.per_game / ours.per_game)
        ours_same = sum(len(ours_by_game[i]) for i in item.indices.tolist())
        diff = differing_games(item, reference)
        diff_text = "ref" if item is reference else ("-" if diff is None else f"{diff[0]} of {diff[1]}")
        rows.append(
            [item.name, str(len(item.indices)), fmt_time(item.per_game), total, ratio, str(item.count), str(ours_same),
             diff_text]
        )
        if item.extrapolated:
            notes.append(
                f"  * {item.name}: timed on {len(item.indices)} of {k} games drawn at random "
                f"(Generator seed {SEED_SUBSET}); time for {k} games extrapolated from its per-game time"
            )
    print_table(
        ["method", "games timed", "per game", f"time for {k} games", "peer/ours", "equilibria", "ours, same games",
         "sets != pygambit"],
        rows,
    )
    for note in notes:
        print(note)
    print(f"  ('equilibria' counts the games timed; sets compared per game with tolerance {SET_TOL:g})")
    return ours, measured


def _ratio_target(workload: str, measured: dict, name: str, ours: Measurement, factor: float, target: str) -> Verdict:
    """PASS if the peer's per-game time is at least ``factor`` times ours (strictly more for factor 1)."""
    item = measured.get(name)
    if not isinstance(item, Measurement):
        return check(workload, target, "", None, f"{name}: {item.reason if item else 'not run'}")
    ratio = item.per_game / ours.per_game
    extra = f" (extrapolated from {len(item.indices)} games)" if item.extrapolated else ""
    text = f"{fmt_ratio(ratio)} = {fmt_time(item.per_game)} / {fmt_time(ours.per_game)} per game{extra}"
    return check(workload, target, text, ratio > 1.0 if factor == 1.0 else ratio >= factor)


def _same_as_gambit(workload: str, ours: Measurement, measured: dict) -> Verdict:
    target = "exactly pygambit's equilibria"
    gambit = measured.get("pygambit enummixed_solve")
    if not isinstance(gambit, Measurement):
        return check(workload, target, "", None, f"pygambit: {gambit.reason if gambit else 'not run'}")
    diff, compared = differing_games(ours, gambit)
    ours_count = sum(len(ours.by_game()[i]) for i in gambit.indices.tolist())
    text = f"{diff} of {compared} games differ; {ours_count} vs {gambit.count} equilibria"
    return check(workload, target, text, diff == 0 and ours_count == gambit.count)


def workload_family(peers: Peers, sizes: Sizes) -> list[Verdict]:
    """(a) A one-parameter family of 5x5 games, ``A0 + t A1`` and ``B0 + t B1``."""
    k = sizes.family_games
    print(f"\n(a) {k} parameterised 5x5 games A0 + t*A1, B0 + t*B1, t = linspace(0, 1, {k})")
    print(f"    A0, A1, B0, B1 standard normal, Generator seed {SEED_FAMILY}")
    A0, A1, B0, B1 = np.random.default_rng(SEED_FAMILY).standard_normal((4, 5, 5))
    t = np.linspace(0.0, 1.0, k)[:, None, None]
    payoffs = np.stack([A0 + t * A1, B0 + t * B1], axis=1)
    ours, measured = compare_on_batch(
        payoffs, peers, sizes, gambit_games=None, nashpy_games=sizes.family_nashpy_games, single_loop=True
    )
    w = "(a) 5x5 family"
    return [
        _ratio_target(w, measured, "quantecon support_enumeration", ours, 1.0, "faster than quantecon's loop"),
        _ratio_target(w, measured, "pygambit enummixed_solve", ours, 10.0, ">= 10x the pygambit loop"),
        _ratio_target(w, measured, "nashpy support_enumeration", ours, 500.0, ">= 500x the nashpy support loop"),
        _ratio_target(w, measured, "nashpy vertex_enumeration", ours, 500.0, ">= 500x the nashpy vertex loop"),
        _same_as_gambit(w, ours, measured),
    ]


def workload_grid(peers: Peers, sizes: Sizes) -> list[Verdict]:
    """(c) A two-parameter family of 5x3 games on an s-t grid."""
    p = sizes.grid_points
    k = p * p
    print(f"\n(c) {k} 5x3 games on a {p}x{p} grid: A = A0 + s*A1 + t*A2, B = B0 + s*B1 + t*B2,")
    print(f"    s, t = linspace(0, 1, {p}) each; matrices standard normal, Generator seed {SEED_GRID}")
    A0, A1, A2, B0, B1, B2 = np.random.default_rng(SEED_GRID).standard_normal((6, 5, 3))
    s, t = (axis.reshape(-1, 1, 1) for axis in np.meshgrid(np.linspace(0, 1, p), np.linspace(0, 1, p), indexing="ij"))
    payoffs = np.stack([A0 + s * A1 + t * A2, B0 + s * B1 + t * B2], axis=1)
    ours, measured = compare_on_batch(
        payoffs, peers, sizes, gambit_games=sizes.grid_gambit_games, nashpy_games=sizes.grid_nashpy_games,
        single_loop=False,
    )
    w = "(c) 5x3 grid"
    verdicts = [check(w, "batch total < 1 s", f"{fmt_time(ours.seconds)} for {k} games", ours.seconds < 1.0)]
    for name in ("pygambit enummixed_solve", "nashpy support_enumeration", "nashpy vertex_enumeration",
                 "quantecon support_enumeration"):
        item = measured.get(name)
        if isinstance(item, Measurement):
            extra = f", extrapolated from {len(item.indices)} games" if item.extrapolated else ""
            verdicts.append(Verdict(w, f"ratio vs {short(name)}",
                                    f"{fmt_ratio(item.per_game / ours.per_game)} "
                                    f"({fmt_time(item.per_game * k)} for {k} games{extra})", "INFO"))
    verdicts.append(_same_as_gambit(w + " (pygambit's subset)", ours, measured))
    return verdicts


# ------------------------------------------------------------------------------- single games
def workload_single(peers: Peers, sizes: Sizes) -> list[Verdict]:
    """(b) One random n x n game per n, solved alone by every method."""
    print(f"\n(b) one random n x n game (standard normal, Generator seed {SEED_SINGLE}), "
          f"n = {', '.join(map(str, sizes.single_sizes))}")
    print("    every time starts from the arrays A, B (each library builds its own game object)")
    rng = np.random.default_rng(SEED_SINGLE)
    rows, ratios, same = [], {}, {}
    ours_method = Method("bargain equilibria()", _ours_single().solve, _our_profiles)
    for n in sizes.single_sizes:
        A, B = rng.standard_normal((2, 1, n, n))
        warm_up(peers, (n, n))
        ours_method.solve(A[0], B[0])
        tasks = [loop_task(m, A, B, [0]) for m in [ours_method, *peers.all()] if isinstance(m, Method)]
        timed = measure(tasks, 1, sizes)
        ours = timed[ours_method.name]
        results = {m.name: timed.get(m.name, m) for m in peers.all()}
        gambit = results.get("pygambit enummixed_solve")
        gambit = gambit if isinstance(gambit, Measurement) else None
        for item in [ours, *results.values()]:
            if isinstance(item, Missing):
                rows.append([str(n), item.name, item.status, "-", "-", "-"])
                continue
            ratio = item.per_game / ours.per_game
            ratios[(n, item.name)] = ratio
            diff = differing_games(item, gambit)
            if item is ours and diff is not None:
                same[n] = diff[0] == 0
            agree = "ref" if item is gambit else ("-" if diff is None else ("yes" if diff[0] == 0 else "NO"))
            ratio_text = "1 (ref)" if item is ours else fmt_ratio(ratio)
            rows.append([str(n), item.name, fmt_time(item.per_game), ratio_text, str(item.count), agree])
    print_table(["n", "method", "time", "peer/ours", "equilibria", "same as pygambit"], rows, left=2)
    print(f"  (best of up to {sizes.repeats} interleaved rounds, fewer once {sizes.budget:g} s per method are spent;"
          " nashpy run once)")

    w = "(b) single game"
    verdicts = []
    for name in ("nashpy support_enumeration", "nashpy vertex_enumeration"):
        got = {n: r for (n, m), r in ratios.items() if m == name}
        text = ", ".join(f"n={n}: {fmt_ratio(r)}" for n, r in got.items())
        missing = peers.get(name)
        verdicts.append(check(w, f"faster than {short(name)} at every n", text,
                              all(r > 1 for r in got.values()) if got else None,
                              f"{name}: {getattr(missing, 'reason', 'not run')}"))
    got = {n: r for (n, m), r in ratios.items() if m.startswith("pygambit")}
    text = ", ".join(f"n={n}: {fmt_ratio(r)}" for n, r in got.items())
    missing = peers.get("pygambit")
    verdicts.append(check(w, "within 2x of pygambit (peer/ours >= 0.5)", text,
                          all(r >= 0.5 for r in got.values()) if got else None,
                          f"pygambit: {getattr(missing, 'reason', 'not run')}"))
    verdicts.append(check(w, "exactly pygambit's equilibria", ", ".join(
        f"n={n}: {'same' if ok else 'differ'}" for n, ok in same.items()), all(same.values()) if same else None,
        "pygambit not available"))
    return verdicts


# ----------------------------------------------------------------------------------------- main
def print_header(peers: Peers, args: argparse.Namespace) -> None:
    print("bargain equilibrium enumeration vs peers: one process, one run")
    versions = {"python": platform.python_version(), "numpy": np.__version__, "bargain": bg.__version__,
                **peers.versions}
    print("  " + ", ".join(f"{name} {v}" for name, v in versions.items()))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    cpus = os.cpu_count() or 1
    at_start = "" if load is None else f", load average {load:.2f} at start"
    print(f"  {platform.machine()} {platform.system()}, {cpus} logical CPUs{at_start}")
    if load is not None and load > 0.5 * cpus:
        print("  WARNING: the machine is busy; timings and ratios will drift between runs (rerun on an idle machine)")
    for item in peers.missing:
        print(f"  {item.name}: {item.reason}")
    if args.quick:
        print("  --quick: every workload shrunk for a smoke test; the numbers are not the issue's workloads")
    print("  ratios are peer time / bargain time (above 1: bargain is faster); times use time.perf_counter")
    print("  fast methods: best of a few rounds, each round timing every method once in turn;")
    print("  nashpy: one run (on a random subset of a batch workload, extrapolated per game)")


def print_summary(verdicts: list[Verdict], quick: bool) -> None:
    print("\nSummary" + (" (--quick: shrunk workloads, verdicts not meaningful)" if quick else ""))
    print_table(["workload", "target", "measured", "verdict"],
                [[v.workload, v.target, v.measured, v.status] for v in verdicts], left=4)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="shrink every workload (a smoke test; also skips quantecon's slow JIT compile)")
    parser.add_argument("--skip-slow", action="store_true", help="leave out nashpy, the slowest peer")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the three workloads and print their tables and a summary; returns the exit status 0."""
    args = parse_args(argv)
    sizes = QUICK if args.quick else FULL
    peers = load_peers(skip_slow=args.skip_slow, skip_quantecon=args.quick)
    print_header(peers, args)
    verdicts = workload_family(peers, sizes)
    verdicts += workload_single(peers, sizes)
    verdicts += workload_grid(peers, sizes)
    print_summary(verdicts, args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
