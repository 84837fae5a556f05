"""Time bargain's pure-action SPE payoff set (``spe_payoffs``) against quantecon's Abreu–Sannikov solver.

Both run in this one process on the same games: the Abreu–Sannikov (2014) 3x3 example and random
standard-normal 3x3 and 5x5 games, each at delta in {0.3, 0.6, 0.9}. quantecon's numba code is
compiled by an untimed first call. For every case the script prints both times, the ratio
``quantecon time / bargain time`` (above 1 means bargain is faster), the Hausdorff distance between
the two vertex sets, and how many games quantecon could not solve (it raises on sets that are a point,
a segment or empty; bargain answers on every game).

Run ``python benchmarks/bench_repeated.py`` (``--quick`` for a small smoke run).
"""

import argparse
import sys
import time
from collections.abc import Sequence

import numpy as np

import bargain as bg
from bargain.repeated.spe import spe_payoffs

SEED = 20_260
DELTAS = (0.3, 0.6, 0.9)
AS_A = np.array([[16, 3, 0], [21, 10, -1], [9, 5, -5]], dtype=float)
AS_B = np.array([[9, 13, 3], [1, 4, 0], [0, -4, -15]], dtype=float)


def hausdorff(first: np.ndarray, second: np.ndarray) -> float:
    """Hausdorff distance between two finite point sets (the vertex lists)."""
    if len(first) == 0 or len(second) == 0:
        return 0.0 if len(first) == len(second) else float("inf")
    gaps = np.hypot(*(first[:, None, :] - second[None, :, :]).transpose(2, 0, 1))
    return float(max(gaps.min(axis=1).max(), gaps.min(axis=0).max()))


def best_time(function, repeats: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        out = function()
        best = min(best, time.perf_counter() - start)
    return best, out


def quantecon_solver():
    try:
        from quantecon.game_theory import NormalFormGame, Player, RepeatedGame
    except ImportError:
        return None

    def solve(A, B, delta):
        hull = RepeatedGame(NormalFormGame((Player(A), Player(B.T))), delta).equilibrium_payoffs()
        return hull.points[hull.vertices]

    return solve


def run_case(label, games, delta, solve_qe, repeats) -> dict:
    ours_time = qe_time = ours_compared = 0.0
    fails = 0
    distance = 0.0
    compared = 0
    for A, B in games:
        game = bg.Game.bimatrix(A, B)
        t, result = best_time(lambda: spe_payoffs(game, delta), repeats)
        ours_time += t
        ours_last = t
        if solve_qe is None:
            continue
        try:
            t, vertices = best_time(lambda: solve_qe(A, B, delta), repeats)
        except Exception:  # noqa: BLE001 - quantecon raises QhullError / ValueError on degenerate sets
            fails += 1
            continue
        qe_time += t
        ours_compared += ours_last
        compared += 1
        distance = max(distance, hausdorff(result.vertices, vertices))
    return {
        "case": label,
        "delta": delta,
        "games": len(games),
        "ours_ms": 1e3 * ours_time / len(games),
        "qe_ms": 1e3 * qe_time / compared if compared else float("nan"),
        # the ratio is taken on the games quantecon solved, timed for both
        "ratio": qe_time / ours_compared if compared else float("nan"),
        "distance": distance if compared else float("nan"),
        "qe_fails": fails if solve_qe is not None else None,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few games, one repeat: a smoke run")
    parser.add_argument("--skip-quantecon", action="store_true", help="time bargain alone")
    args = parser.parse_args(argv)
    n_games, repeats = (3, 1) if args.quick else (30, 3)
    rng = np.random.default_rng(SEED)
    workloads = [("Abreu-Sannikov 3x3", [(AS_A, AS_B)])]
    for n in (3, 5):
        workloads.append((f"random {n}x{n}", [tuple(rng.standard_normal((2, n, n))) for _ in range(n_games)]))

    print("bargain spe_payoffs vs quantecon RepeatedGame.equilibrium_payoffs (Abreu-Sannikov)")
    print("ratio = quantecon time / bargain time on the games quantecon solved (above 1: bargain faster);")
    print("bargain ms is the mean over all games, quantecon ms over the games it solved")
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, games per random case {n_games}")
    solve_qe = None if args.skip_quantecon else quantecon_solver()
    if solve_qe is None:
        print("quantecon: " + ("skipped (--skip-quantecon)" if args.skip_quantecon else "not installed"))
    else:
        start = time.perf_counter()
        solve_qe(AS_A, AS_B, 0.5)  # numba compilation, untimed
        print(f"quantecon JIT warm-up: {time.perf_counter() - start:.2f} s (untimed)")

    rows = [run_case(label, games, delta, solve_qe, repeats) for label, games in workloads for delta in DELTAS]
    print()
    header = f"{'case':<20} {'delta':>5} {'games':>5} {'bargain ms':>11} {'quantecon ms':>13} {'ratio':>7} {'max dist':>9} {'qe fails':>8}"
    print(header)
    print("-" * len(header))
    for r in rows:
        fails = "n/a" if r["qe_fails"] is None else str(r["qe_fails"])
        print(
            f"{r['case']:<20} {r['delta']:>5.1f} {r['games']:>5d} {r['ours_ms']:>11.2f} {r['qe_ms']:>13.2f} "
            f"{r['ratio']:>7.2f} {r['distance']:>9.1e} {fails:>8}"
        )
    print()
    print("Summary")
    ratios = [r["ratio"] for r in rows if np.isfinite(r["ratio"])]
    if ratios:
        print(f"  ratio quantecon/bargain: geometric mean {np.exp(np.mean(np.log(ratios))):.2f}, "
              f"min {min(ratios):.2f}, max {max(ratios):.2f}")
        print(f"  max vertex distance: {max(r['distance'] for r in rows if np.isfinite(r['distance'])):.1e}")
        print(f"  games quantecon failed on: {sum(r['qe_fails'] or 0 for r in rows)}; bargain answered on all")
    else:
        print("  bargain answered on every game; no quantecon comparison")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
