"""All Nash equilibria of two-player games by enumerating the vertices of the best-response polytopes.

Both methods of this module work in the polytope coordinates of von Stengel (2007, sec. 3.5). With
payoff matrices made positive (an affine map of each player's payoffs onto ``[1, 2]``, which changes
no equilibrium), the best-response polytopes are

.. math::

    P = \\{x \\in \\mathbb{R}^m : x \\ge 0,\\ B^\\top x \\le 1\\}, \\qquad
    Q = \\{y \\in \\mathbb{R}^n : A y \\le 1,\\ y \\ge 0\\}.

A point carries label ``i`` (a row) when ``x_i = 0`` or ``(A y)_i = 1``, and label ``m + j`` (a
column) when ``(B^T x)_j = 1`` or ``y_j = 0``. A pair ``(x, y) != (0, 0)`` is a Nash equilibrium,
after normalising each to a probability vector, exactly when it is *completely labelled*.

Every vertex of ``P`` other than 0 is fixed by a *basis*: a set ``I`` of ``k`` rows allowed to be
positive and a set ``J`` of ``k`` columns held tight, with ``B[I, J]^T x_I = 1``; likewise every
vertex of ``Q`` by ``A[I, J] y_J = 1``. There are ``C(m + n, m) - 1`` bases. We solve all of them at
once for a whole batch of same-shape games, as stacked ``k x k`` systems (Gauss–Jordan elimination
with partial pivoting, vectorised over games and bases; singular bases are dropped).

* ``"support"`` — support enumeration (Nisan et al. 2007, Algorithm 3.4): basis ``(I, J)`` gives an
  equilibrium with supports ``I`` and ``J`` when its ``P`` vertex and its ``Q`` vertex are both
  feasible. Complete for nondegenerate games, where every equilibrium has supports of equal size.
* ``"vertex"`` — vertex enumeration (Avis, Rosenberg, Savani and von Stengel 2010): the distinct
  feasible vertices of each polytope are paired whenever their labels cover all ``m + n``. This
  finds every *extreme* equilibrium of any game, degenerate or not; every equilibrium is a convex
  combination of extreme equilibria of one maximal Nash subset.

The game is *degenerate* when some mixed strategy with ``k`` strategies in its support has more than
``k`` pure best responses; equivalently, when some vertex of ``P`` has more than ``m`` labels or some
vertex of ``Q`` more than ``n`` (a degenerate face of either polytope contains such a vertex). The
label counts come with the vertices, so the test costs nothing extra.

References
----------
.. [1] B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive
   form", ch. 3 of N. Nisan, T. Roughgarden, E. Tardos, V. Vazirani (eds.), *Algorithmic Game
   Theory*, Cambridge University Press, 2007.
.. [2] D. Avis, G. Rosenberg, R. Savani, B. von Stengel, "Enumeration of Nash equilibria for
   two-player games", *Economic Theory* 42 (2010) 9–37.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass

import numpy as np

__all__ = ["solve_batch", "BatchSolution"]

#: A pivot smaller than this (payoffs scaled to [1, 2]) marks a basis as singular.
PIVOT_TOL = 1e-11

#: Largest number of (game, basis) systems solved in one stacked call; bounds memory.
CHUNK_SYSTEMS = 1 << 17


@functools.lru_cache(maxsize=64)
def _bases(m: int, n: int) -> tuple[tuple[int, np.ndarray, np.ndarray], ...]:
    """For each support size k, all pairs (I, J) of k rows and k columns, as index arrays."""
    out = []
    for k in range(1, min(m, n) + 1):
        rows = np.array(list(itertools.combinations(range(m), k)), dtype=np.intp)
        cols = np.array(list(itertools.combinations(range(n), k)), dtype=np.intp)
        I = np.repeat(rows, len(cols), axis=0)
        J = np.tile(cols, (len(rows), 1))
        I.flags.writeable = False
        J.flags.writeable = False
        out.append((k, I, J))
    return tuple(out)


def _solve_ones(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Solve ``M[s] z[s] = 1`` for a stack of square systems; also return which were nonsingular.

    Gauss–Jordan elimination with partial pivoting, one vectorised step per column.
    """
    count, k, _ = M.shape
    if k == 1:
        pivot = M[:, 0, 0]
        ok = np.abs(pivot) >= PIVOT_TOL
        return (1.0 / np.where(ok, pivot, 1.0))[:, None], ok
    work = np.concatenate([M, np.ones((count, k, 1))], axis=2)
    ok = np.ones(count, dtype=bool)
    rows = np.arange(count)
    for c in range(k):
        pivot_row = c + np.argmax(np.abs(work[:, c:, c]), axis=1)
        swap = pivot_row != c
        if swap.any():
            r = rows[swap]
            top = work[r, c].copy()
            work[r, c] = work[r, pivot_row[swap]]
            work[r, pivot_row[swap]] = top
        pivot = work[:, c, c]
        singular = np.abs(pivot) < PIVOT_TOL
        ok &= ~singular
        work[:, c, c:] /= np.where(singular, 1.0, pivot)[:, None]
        factor = work[:, :, c].copy()
        factor[:, c] = 0.0
        work[:, :, c:] -= factor[:, :, None] * work[:, c, None, c:]
    return work[:, :, k], ok


def _scale(M: np.ndarray) -> np.ndarray:
    """Map each game's matrix affinely onto [1, 2] (a constant matrix becomes all ones)."""
    lo = M.min(axis=(1, 2), keepdims=True)
    span = M.max(axis=(1, 2), keepdims=True) - lo
    return 1.0 + (M - lo) / np.where(span > 0, span, 1.0)


@dataclass(frozen=True)
class BatchSolution:
    """Raw output of :func:`solve_batch`, one entry per game (internal)."""

    profiles: list[list[tuple[np.ndarray, np.ndarray]]]
    degenerate: np.ndarray
    method: list[str]


def _vertices_for_k(As, Bs, I, J, tol):
    """Candidate vertices of P and Q from the bases (I, J) of one support size, for every game."""
    games, m, n = As.shape
    count, k = I.shape
    # MB[g, s, a, b] = B[g, I[s, a], J[s, b]]; the P vertex solves MB^T x_I = 1.
    MB = Bs[:, I[:, :, None], J[:, None, :]]
    MA = As[:, I[:, :, None], J[:, None, :]]
    xs, okx = _solve_ones(np.swapaxes(MB, 2, 3).reshape(games * count, k, k))
    ys, oky = _solve_ones(MA.reshape(games * count, k, k))
    xs = xs.reshape(games, count, k)
    ys = ys.reshape(games, count, k)
    x = np.zeros((games, count, m))
    y = np.zeros((games, count, n))
    x[:, np.arange(count)[:, None], I] = xs
    y[:, np.arange(count)[:, None], J] = ys
    xB = np.einsum("gsi,gij->gsj", x, Bs)
    Ay = np.einsum("gij,gsj->gsi", As, y)
    labels_x = np.concatenate([x <= tol, xB >= 1.0 - tol], axis=2)
    labels_y = np.concatenate([Ay >= 1.0 - tol, y <= tol], axis=2)
    feasible_x = okx.reshape(games, count) & (xs >= -tol).all(axis=2) & (xB <= 1.0 + tol).all(axis=2)
    feasible_y = oky.reshape(games, count) & (ys >= -tol).all(axis=2) & (Ay <= 1.0 + tol).all(axis=2)
    return x, y, labels_x, labels_y, feasible_x, feasible_y


def _chunks(I: np.ndarray, J: np.ndarray, games: int):
    step = max(1, CHUNK_SYSTEMS // max(games, 1))
    for start in range(0, len(I), step):
        yield I[start : start + step], J[start : start + step]


def _unique_vertices(points: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct vertices; two bases give the same vertex exactly when they share its label set."""
    if len(points) == 0:
        return points, labels
    _, first = np.unique(np.packbits(labels, axis=1), axis=0, return_index=True)
    first.sort()
    return points[first], labels[first]


def _normalise(v: np.ndarray, tol: float) -> np.ndarray:
    v = np.where(v <= tol, 0.0, v)
    return v / v.sum(axis=-1, keepdims=True)


def solve_batch(A: np.ndarray, B: np.ndarray, *, method: str, tol: float) -> BatchSolution:
    """Equilibria of every game in a batch; ``A``, ``B`` have shape ``(games, m, n)``.

    ``method`` is ``"support"``, ``"vertex"`` or ``"auto"`` (support enumeration for the games found
    nondegenerate, vertex enumeration for the others). Profiles are returned as pairs of probability
    vectors, unverified and unsorted; the caller verifies, orders and wraps them.
    """
    games, m, n = A.shape
    As, Bs = _scale(A), _scale(B)
    degenerate = np.zeros(games, dtype=bool)
    support_hits: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    vertex_store: list[tuple] = []
    keep_vertices = method != "support"
    for k, I_all, J_all in _bases(m, n):
        for I, J in _chunks(I_all, J_all, games):
            x, y, lx, ly, fx, fy = _vertices_for_k(As, Bs, I, J, tol)
            degenerate |= ((lx.sum(axis=2) > m) & fx).any(axis=1)
            degenerate |= ((ly.sum(axis=2) > n) & fy).any(axis=1)
            g, s = np.nonzero(fx & fy)
            support_hits.append((g, x[g, s], y[g, s]))
            if keep_vertices:
                gx, sx = np.nonzero(fx)
                gy, sy = np.nonzero(fy)
                vertex_store.append((gx, x[gx, sx], lx[gx, sx], gy, y[gy, sy], ly[gy, sy]))

    use_vertex = np.full(games, method == "vertex") | ((method == "auto") & degenerate)
    profiles: list[list[tuple[np.ndarray, np.ndarray]]] = [[] for _ in range(games)]

    g = np.concatenate([h[0] for h in support_hits]) if support_hits else np.zeros(0, dtype=np.intp)
    if len(g):
        xs = _normalise(np.concatenate([h[1] for h in support_hits]), tol)
        ys = _normalise(np.concatenate([h[2] for h in support_hits]), tol)
        for row in np.flatnonzero(~use_vertex[g]):
            profiles[g[row]].append((xs[row], ys[row]))

    if use_vertex.any():
        gx = np.concatenate([v[0] for v in vertex_store])
        px = np.concatenate([v[1] for v in vertex_store])
        lx = np.concatenate([v[2] for v in vertex_store])
        gy = np.concatenate([v[3] for v in vertex_store])
        py = np.concatenate([v[4] for v in vertex_store])
        ly = np.concatenate([v[5] for v in vertex_store])
        for game in np.flatnonzero(use_vertex):
            vx, labx = _unique_vertices(px[gx == game], lx[gx == game])
            vy, laby = _unique_vertices(py[gy == game], ly[gy == game])
            # a pair is completely labelled when no label is missing from both
            common_missing = (~labx).astype(np.int32) @ (~laby).astype(np.int32).T
            a, b = np.nonzero(common_missing == 0)
            xs, ys = _normalise(vx[a], tol), _normalise(vy[b], tol)
            profiles[game] = list(zip(xs, ys))

    names = np.where(use_vertex, "vertex", "support").tolist()
    return BatchSolution(profiles, degenerate, names)
