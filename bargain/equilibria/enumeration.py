"""All Nash equilibria of two-player games by enumerating the vertices of the best-response polytopes.

The methods of this module rest on the best-response polytopes of von Stengel (2007, sec. 3.5):
with payoffs made positive,

.. math::

    P = \\{x \\in \\mathbb{R}^m : x \\ge 0,\\ B^\\top x \\le 1\\}, \\qquad
    Q = \\{y \\in \\mathbb{R}^n : A y \\le 1,\\ y \\ge 0\\}.

A point carries label ``i`` (a row) when ``x_i = 0`` or ``(A y)_i = 1``, and label ``m + j`` (a
column) when ``(B^T x)_j = 1`` or ``y_j = 0``. A pair ``(x, y) != (0, 0)`` is a Nash equilibrium,
after normalising each to a probability vector, exactly when it is *completely labelled*.

Every vertex of ``P`` other than 0 is fixed by a *basis*: a set ``I`` of ``k`` rows allowed to be
positive and a set ``J`` of ``k`` columns held tight; likewise for ``Q``. There are
``C(m + n, m) - 1`` bases. We work with the normalised vertex, a mixed strategy, which a basis fixes
by *indifference*: for ``Q``, ``y`` on ``J`` with ``(A y)_i`` equal for all ``i`` in ``I`` and
``sum(y) = 1`` — the ``k x k`` system whose rows are ``A[i, J] - A[i_1, J]`` (``i`` in ``I`` after
the first) and a row of ones. Unlike the polytope form ``A[I, J] y = 1``, this system does not change
when a constant is added to the payoffs, so its conditioning is that of the game and not of the
shift that makes payoffs positive (games with payoffs of 1e6 and ranges of 1e3 stay well posed).
All bases of all games of a batch are solved at once, as stacked systems; singular ones are dropped.

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

Tolerances are relative: each player's payoffs are mapped affinely onto ``[0, 1]`` first.

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

#: A basis whose system has a larger condition number counts as singular.
COND_LIMIT = 1e12

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


def _norm1(M: np.ndarray) -> np.ndarray:
    """The 1-norm (largest absolute column sum) of each matrix of a stack.

    Written as ``k`` whole-stack operations: numpy's reductions over short inner axes are slow.
    """
    k = M.shape[1]
    column_sums = np.abs(M[:, 0, :])
    for r in range(1, k):
        column_sums += np.abs(M[:, r, :])
    out = column_sums[:, 0].copy()
    for c in range(1, k):
        np.maximum(out, column_sums[:, c], out=out)
    return out


def _solve_last(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Solve ``M[s] z[s] = e_k`` (the last unit vector) for a stack of ``k x k`` systems.

    ``z`` is the last column of ``M^{-1}``. Also returns which systems are nonsingular: those whose
    1-norm condition number ``||M||_1 ||M^{-1}||_1`` is below ``COND_LIMIT``. Payoff ties make bases
    singular in exact arithmetic, and rounding then leaves condition numbers near ``1 / eps``, far
    above the limit; a well-posed basis of a game with spread-out payoffs can have a tiny
    determinant yet a modest condition number, so the test does not use the determinant. Sizes 2 and
    3 use the adjugate (a few vectorised products); larger sizes a stacked LAPACK inverse.
    """
    count, k, _ = M.shape
    if k == 1:
        return np.ones((count, 1)), np.ones(count, dtype=bool)
    norm = _norm1(M)
    if k <= 3:
        adj = np.empty_like(M)
        if k == 2:
            adj[:, 0, 0], adj[:, 1, 1] = M[:, 1, 1], M[:, 0, 0]
            adj[:, 0, 1], adj[:, 1, 0] = -M[:, 0, 1], -M[:, 1, 0]
        else:
            # column c of the adjugate is the cross product of rows c+1 and c+2 (mod 3)
            for c in range(3):
                u, v = M[:, (c + 1) % 3], M[:, (c + 2) % 3]
                adj[:, 0, c] = u[:, 1] * v[:, 2] - u[:, 2] * v[:, 1]
                adj[:, 1, c] = u[:, 2] * v[:, 0] - u[:, 0] * v[:, 2]
                adj[:, 2, c] = u[:, 0] * v[:, 1] - u[:, 1] * v[:, 0]
        det = np.einsum("sj,sj->s", M[:, 0, :], adj[:, :, 0])
        ok = norm * _norm1(adj) < COND_LIMIT * np.abs(det)
        return adj[:, :, -1] / np.where(ok, det, 1.0)[:, None], ok
    try:
        inverse = np.linalg.inv(M)
        exact_zero = np.zeros(count, dtype=bool)
    except np.linalg.LinAlgError:  # some system has an exactly zero pivot: swap those out
        exact_zero = np.linalg.det(M) == 0.0
        M = M.copy()
        M[exact_zero] = np.eye(k)
        inverse = np.linalg.inv(M)
    ok = ~exact_zero & (norm * _norm1(inverse) < COND_LIMIT)
    return inverse[:, :, -1], ok


def _scale(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Map each game's matrix affinely onto [0, 1]; also return each game's payoff range.

    A constant matrix becomes all zeros, and its range is reported as 1.
    """
    lo = M.min(axis=(1, 2), keepdims=True)
    span = M.max(axis=(1, 2), keepdims=True) - lo
    span[span == 0] = 1.0
    return (M - lo) / span, span[:, 0, 0]


@dataclass(frozen=True)
class BatchSolution:
    """Raw output of :func:`solve_batch` (internal).

    ``game[e]``, ``x[e]``, ``y[e]`` are the game index and the two probability vectors of candidate
    ``e``; ``degenerate[g]`` and ``method[g]`` describe game ``g``, and ``scale[g]`` holds the payoff
    range of each of its players (1 where a player's payoffs are constant).
    """

    game: np.ndarray
    x: np.ndarray
    y: np.ndarray
    degenerate: np.ndarray
    method: list[str]
    scale: np.ndarray


@dataclass(frozen=True)
class _Vertices:
    """Feasible vertices of one polytope from a set of bases, compressed over all games."""

    game: np.ndarray  # (c,) game index
    basis: np.ndarray  # (c,) basis index within the chunk
    point: np.ndarray  # (c, d) the vertex as a mixed strategy
    zero: np.ndarray  # (c, d) bool: coordinate labels (z_i = 0)
    tight: np.ndarray  # (c, r) bool: best-response labels ((C z)_j = max)


def _vertices(C: np.ndarray, free: np.ndarray, tight: np.ndarray, tol: float) -> _Vertices:
    """Feasible vertices, as mixed strategies ``z``, from the bases (free, tight) of every game.

    ``C`` has shape (games, r, d): ``C[g] @ z`` are the opponent's payoffs from its ``r`` pure
    strategies. Basis ``s`` lets ``z`` be positive on ``free[s]`` only and makes the opponent
    indifferent among ``tight[s]``; the vertex is feasible when ``z >= 0`` and those strategies are
    best responses.
    """
    games, r, d = C.shape
    count, k = free.shape
    sub = C[:, tight[:, :, None], free[:, None, :]]  # (games, count, k, k)
    system = np.empty_like(sub)
    np.subtract(sub[:, :, 1:, :], sub[:, :, :1, :], out=system[:, :, :-1, :])
    system[:, :, -1, :] = 1.0
    z, ok = _solve_last(system.reshape(games * count, k, k))
    z = z.reshape(games, count, k)
    game, basis = np.nonzero(ok.reshape(games, count) & (z >= -tol).all(axis=2))
    z = z[game, basis]
    cols = free[basis]
    point = np.zeros((len(game), d))
    point[np.arange(len(game))[:, None], cols] = z
    # the opponent's payoffs use only the k free coordinates
    Cz = np.einsum("cra,ca->cr", C[game[:, None], :, cols].transpose(0, 2, 1), z)
    value = Cz[np.arange(len(game)), tight[basis, 0]]
    feasible = (Cz <= value[:, None] + tol).all(axis=1)
    return _Vertices(
        game[feasible],
        basis[feasible],
        point[feasible],
        point[feasible] <= tol,
        Cz[feasible] >= value[feasible, None] - tol,
    )


def _chunks(I: np.ndarray, J: np.ndarray, games: int):
    step = max(1, CHUNK_SYSTEMS // max(games, 1))
    for start in range(0, len(I), step):
        yield I[start : start + step], J[start : start + step]


def _unique(points: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct vertices; two bases give the same vertex exactly when they share its label set."""
    if len(points) == 0:
        return points, labels
    _, first = np.unique(np.packbits(labels, axis=1), axis=0, return_index=True)
    first.sort()
    return points[first], labels[first]


def _clean(v: np.ndarray, tol: float) -> np.ndarray:
    """Zero the probabilities within ``tol`` of zero and renormalise."""
    v = np.where(v <= tol, 0.0, v)
    return v / v.sum(axis=-1, keepdims=True)


def solve_batch(A: np.ndarray, B: np.ndarray, *, method: str, tol: float) -> BatchSolution:
    """Candidate equilibria of every game in a batch; ``A``, ``B`` have shape ``(games, m, n)``.

    ``method`` is ``"support"``, ``"vertex"`` or ``"auto"`` (support enumeration for the games found
    nondegenerate, vertex enumeration for the others). Candidates come unverified and unsorted; the
    caller verifies, orders and wraps them.
    """
    games, m, n = A.shape
    (As, span_a), (Bs, span_b) = _scale(A), _scale(B)
    Bt = np.ascontiguousarray(np.swapaxes(Bs, 1, 2))  # the column player's payoffs against x
    degenerate = np.zeros(games, dtype=bool)
    hits_g, hits_x, hits_y = [], [], []
    store_x: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    store_y: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for k, I_all, J_all in _bases(m, n):
        for I, J in _chunks(I_all, J_all, games):
            vx = _vertices(Bt, I, J, tol)  # x: free rows I, tight columns J
            vy = _vertices(As, J, I, tol)  # y: free columns J, tight rows I
            # a vertex of P has m labels at least; more means the game is degenerate (and likewise Q)
            degenerate[vx.game[(vx.zero.sum(axis=1) + vx.tight.sum(axis=1)) > m]] = True
            degenerate[vy.game[(vy.zero.sum(axis=1) + vy.tight.sum(axis=1)) > n]] = True
            # support enumeration: the same basis feasible in both polytopes
            both = np.zeros((games, len(I)), dtype=np.intp)
            both[vx.game, vx.basis] = np.arange(1, len(vx.game) + 1)
            at_y = both[vy.game, vy.basis]
            pair = at_y > 0
            hits_g.append(vy.game[pair])
            hits_x.append(vx.point[at_y[pair] - 1])
            hits_y.append(vy.point[pair])
            if method != "support":
                # labels in one order for both polytopes: rows 0..m-1, then columns m..m+n-1
                store_x.append((vx.game, vx.point, np.concatenate([vx.zero, vx.tight], axis=1)))
                store_y.append((vy.game, vy.point, np.concatenate([vy.tight, vy.zero], axis=1)))

    use_vertex = np.full(games, method == "vertex") | ((method == "auto") & degenerate)
    g = np.concatenate(hits_g)
    keep = ~use_vertex[g]
    out_g, out_x, out_y = [g[keep]], [np.concatenate(hits_x)[keep]], [np.concatenate(hits_y)[keep]]

    if use_vertex.any():
        gx, px, lx = (np.concatenate(parts) for parts in zip(*store_x))
        gy, py, ly = (np.concatenate(parts) for parts in zip(*store_y))
        for game in np.flatnonzero(use_vertex):
            vx, labx = _unique(px[gx == game], lx[gx == game])
            vy, laby = _unique(py[gy == game], ly[gy == game])
            # a pair is completely labelled when no label is missing from both
            common_missing = (~labx).astype(np.int32) @ (~laby).astype(np.int32).T
            a, b = np.nonzero(common_missing == 0)
            out_g.append(np.full(len(a), game))
            out_x.append(vx[a])
            out_y.append(vy[b])

    return BatchSolution(
        np.concatenate(out_g),
        _clean(np.concatenate(out_x), tol),
        _clean(np.concatenate(out_y), tol),
        degenerate,
        np.where(use_vertex, "vertex", "support").tolist(),
        np.stack([span_a, span_b], axis=1),
    )
