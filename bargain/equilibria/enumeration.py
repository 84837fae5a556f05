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
import math
from dataclasses import dataclass

import numpy as np

__all__ = ["solve_batch", "BatchSolution", "scale_payoffs"]

#: A basis whose system has a larger condition number counts as singular.
COND_LIMIT = 1e12

#: Largest number of (game, basis) systems solved in one stacked call; bounds memory.
CHUNK_SYSTEMS = 1 << 17


@functools.lru_cache(maxsize=64)
def _bases(m: int, n: int) -> tuple[tuple[int, np.ndarray, np.ndarray], ...]:
    """For each support size k, all pairs (I, J) of k rows and k columns, as index arrays.

    Pairs are numbered globally in this order (k ascending, then rows, then columns).
    """
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


@functools.lru_cache(maxsize=64)
def _transposed(m: int) -> np.ndarray:
    """For square games: the global number of the pair (J, I), for each pair (I, J)."""
    parts, offset = [], 0
    for k in range(1, m + 1):
        c = math.comb(m, k)
        parts.append(np.arange(c * c).reshape(c, c).T.ravel() + offset)
        offset += c * c
    out = np.concatenate(parts)
    out.flags.writeable = False
    return out


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


def _adjugate(M: np.ndarray) -> np.ndarray:
    """The adjugate of each 2x2 or 3x3 matrix of a stack (``M @ adj(M) = det(M) I``)."""
    adj = np.empty_like(M)
    if M.shape[1] == 2:
        adj[:, 0, 0], adj[:, 1, 1] = M[:, 1, 1], M[:, 0, 0]
        adj[:, 0, 1], adj[:, 1, 0] = -M[:, 0, 1], -M[:, 1, 0]
        return adj
    # column c of the adjugate is the cross product of rows c+1 and c+2 (mod 3)
    for c in range(3):
        u, v = M[:, (c + 1) % 3], M[:, (c + 2) % 3]
        adj[:, 0, c] = u[:, 1] * v[:, 2] - u[:, 2] * v[:, 1]
        adj[:, 1, c] = u[:, 2] * v[:, 0] - u[:, 0] * v[:, 2]
        adj[:, 2, c] = u[:, 0] * v[:, 1] - u[:, 1] * v[:, 0]
    return adj


# a nearly singular system may overflow on the way; the conditioning test then discards it
@np.errstate(over="ignore", divide="ignore", invalid="ignore")
def _solve_nonnegative(M: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray]:
    """Solve ``M[s] z[s] = e_k`` (the last unit vector) for a stack of ``k x k`` systems, keeping
    the well-posed solutions with ``z >= -tol``.

    Returns the indices ``s`` of the systems kept and their solutions, shape ``(kept, k)``. A system is kept when it is nonsingular — its
    1-norm condition number ``||M||_1 ||M^{-1}||_1`` is below ``COND_LIMIT`` — and its solution is
    nonnegative. Payoff ties make bases singular in exact arithmetic, and rounding then leaves
    condition numbers near ``1 / eps``, far above the limit; a well-posed basis of a game with
    spread-out payoffs can have a tiny determinant yet a modest condition number, so the test does
    not use the determinant. The condition number is computed only for systems whose solution is
    nonnegative, a small fraction of them. Sizes 2 and 3 use the adjugate (``z`` is its last column
    over the determinant, a few vectorised products); larger sizes use stacked LAPACK calls.
    """
    count, k, _ = M.shape
    if k == 1:
        return np.arange(count), np.ones((count, 1))
    if k == 2:
        last = np.empty((count, 2))
        np.negative(M[:, 0, 1], out=last[:, 0])
        last[:, 1] = M[:, 0, 0]
        det = M[:, 1, 0] * last[:, 0] + M[:, 1, 1] * last[:, 1]
    elif k == 3:
        r0, r1 = M[:, 0], M[:, 1]
        last = np.empty((count, 3))
        last[:, 0] = r0[:, 1] * r1[:, 2] - r0[:, 2] * r1[:, 1]
        last[:, 1] = r0[:, 2] * r1[:, 0] - r0[:, 0] * r1[:, 2]
        last[:, 2] = r0[:, 0] * r1[:, 1] - r0[:, 1] * r1[:, 0]
        det = np.einsum("si,si->s", M[:, 2], last)
    if k <= 3:
        # z = last / det >= -tol, tested without dividing the whole stack
        sign, bound = np.sign(det), -tol * np.abs(det)
        keep = det != 0.0
        for i in range(k):
            keep &= last[:, i] * sign >= bound
        rows = np.flatnonzero(keep)
        z = last[rows] / det[rows, None]
    else:
        rhs = np.zeros((count, k, 1))
        rhs[:, -1, 0] = 1.0
        try:
            solution = np.linalg.solve(M, rhs)[:, :, 0]
            keep = np.ones(count, dtype=bool)
        except np.linalg.LinAlgError:  # an exactly zero pivot somewhere: swap those systems out
            keep = np.linalg.det(M) != 0.0
            M = M.copy()
            M[~keep] = np.eye(k)
            solution = np.linalg.solve(M, rhs)[:, :, 0]
        for i in range(k):
            keep &= solution[:, i] >= -tol
        rows = np.flatnonzero(keep)
        z = solution[rows]
    kept = M[rows]
    if k <= 3:
        inverse_norm = _norm1(_adjugate(kept)) / np.abs(det[rows])
    else:
        try:
            inverse_norm = _norm1(np.linalg.inv(kept))
        except np.linalg.LinAlgError:
            inverse_norm = np.linalg.cond(kept, 1) / _norm1(kept)
    good = _norm1(kept) * inverse_norm < COND_LIMIT
    return rows[good], z[good]


def scale_payoffs(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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
    ``e``; ``degenerate[g]`` and ``method[g]`` describe game ``g``. ``A`` and ``B`` are the payoffs
    mapped onto ``[0, 1]``, and ``scale[g]`` holds each player's payoff range (1 where a player's
    payoffs are constant), so that ``original = lowest + scale * mapped``.
    """

    game: np.ndarray
    x: np.ndarray
    y: np.ndarray
    degenerate: np.ndarray
    method: list[str]
    A: np.ndarray
    B: np.ndarray
    scale: np.ndarray


@dataclass(frozen=True)
class _Vertices:
    """Feasible vertices of one polytope from a set of bases, compressed over all games."""

    game: np.ndarray  # (c,) game index
    basis: np.ndarray  # (c,) basis index within the chunk
    point: np.ndarray  # (c, d) the vertex as a mixed strategy
    zero: np.ndarray  # (c, d) bool: coordinate labels (z_i = 0)
    tight: np.ndarray  # (c, r) bool: best-response labels ((C z)_j = max)

    def take(self, mask: np.ndarray, game_shift: int, basis: np.ndarray) -> _Vertices:
        """The vertices in ``mask``, with games renumbered and bases mapped to global numbers."""
        return _Vertices(
            self.game[mask] - game_shift, basis[self.basis[mask]], self.point[mask], self.zero[mask], self.tight[mask]
        )

    @staticmethod
    def concatenate(parts: list[_Vertices]) -> _Vertices:
        return _Vertices(*(np.concatenate([getattr(v, f) for v in parts]) for f in _Vertices.__dataclass_fields__))


def _vertices(C: np.ndarray, free: np.ndarray, tight: np.ndarray, tol: float) -> _Vertices:
    """Feasible vertices, as mixed strategies ``z``, from the bases (free, tight) of every game.

    ``C`` has shape (games, r, d): ``C[g] @ z`` are the opponent's payoffs from its ``r`` pure
    strategies. Basis ``s`` lets ``z`` be positive on ``free[s]`` only and makes the opponent
    indifferent among ``tight[s]``; the vertex is feasible when ``z >= 0`` and those strategies are
    best responses.
    """
    games, r, d = C.shape
    count, k = free.shape
    # row a < k-1 of basis s's system is C[tight[s, a+1], free[s]] - C[tight[s, 0], free[s]]: one
    # gather by flat index from all pairwise row differences, much faster than indexing with three
    # arrays and subtracting; the last row (all ones) points at a 1 appended to the differences
    differences = np.empty((games, r * r * d + 1))
    differences[:, :-1] = (C[:, None, :, :] - C[:, :, None, :]).reshape(games, r * r * d)
    differences[:, -1] = 1.0
    flat = np.empty((count, k, k), dtype=np.intp)
    flat[:, :-1, :] = (tight[:, :1, None] * r + tight[:, 1:, None]) * d + free[:, None, :]
    flat[:, -1, :] = r * r * d
    system = np.take(differences, flat, axis=1)
    rows, z = _solve_nonnegative(system.reshape(games * count, k, k), tol)
    game, basis = np.divmod(rows, count)
    cols = free[basis]
    point = np.zeros((len(game), d))
    point[np.arange(len(game))[:, None], cols] = z
    Cz = np.einsum("crd,cd->cr", C[game], point)  # the opponent's payoffs against z
    value = Cz[np.arange(len(game)), tight[basis, 0]][:, None]
    feasible = (Cz <= value + tol).all(axis=1)
    point, Cz, value = point[feasible], Cz[feasible], value[feasible]
    zero = point <= tol
    point[zero] = 0.0  # a probability within the tolerance of zero is zero
    return _Vertices(game[feasible], basis[feasible], point, zero, Cz >= value - tol)


def _chunks(I: np.ndarray, J: np.ndarray, games: int):
    step = max(1, CHUNK_SYSTEMS // max(games, 1))
    for start in range(0, len(I), step):
        yield start, I[start : start + step], J[start : start + step]


def _unique(points: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct vertices; two bases give the same vertex exactly when they share its label set."""
    if len(points) == 0:
        return points, labels
    _, first = np.unique(np.packbits(labels, axis=1), axis=0, return_index=True)
    first.sort()
    return points[first], labels[first]


def _normalised(v: np.ndarray) -> np.ndarray:
    """Probability vectors: the rows of ``v`` (whose near-zero entries are already zero) rescaled."""
    return v / v.sum(axis=-1, keepdims=True)


def solve_batch(A: np.ndarray, B: np.ndarray, *, method: str, tol: float) -> BatchSolution:
    """Candidate equilibria of every game in a batch; ``A``, ``B`` have shape ``(games, m, n)``.

    ``method`` is ``"support"``, ``"vertex"`` or ``"auto"`` (support enumeration for the games found
    nondegenerate, vertex enumeration for the others). Candidates come unverified and unsorted; the
    caller verifies, orders and wraps them.
    """
    games, m, n = A.shape
    (As, span_a), (Bs, span_b) = scale_payoffs(A), scale_payoffs(B)
    Bt = np.ascontiguousarray(np.swapaxes(Bs, 1, 2))  # the column player's payoffs against x
    # Vertices of P (x: free rows I, tight columns J) and of Q (y: free columns J, tight rows I) for
    # every basis. In a square game Q's system for (I, J) is P's system for (J, I) with A in place of
    # B^T, so one stacked call over both payoff matrices serves both polytopes.
    square = m == n
    stacked = np.concatenate([Bt, As]) if square else None
    parts_x: list[_Vertices] = []
    parts_y: list[_Vertices] = []
    offset = 0
    for _, I_all, J_all in _bases(m, n):
        numbers = np.arange(offset, offset + len(I_all))
        for start, I, J in _chunks(I_all, J_all, games if not square else 2 * games):
            local = numbers[start : start + len(I)]
            if square:
                v = _vertices(stacked, I, J, tol)
                on_p = v.game < games
                parts_x.append(v.take(on_p, 0, local))
                parts_y.append(v.take(~on_p, games, _transposed(m)[local]))
            else:
                vx, vy = _vertices(Bt, I, J, tol), _vertices(As, J, I, tol)
                parts_x.append(vx.take(slice(None), 0, local))
                parts_y.append(vy.take(slice(None), 0, local))
        offset += len(I_all)
    vx, vy = _Vertices.concatenate(parts_x), _Vertices.concatenate(parts_y)

    # a vertex of P has m labels at least; more means the game is degenerate (and likewise for Q)
    degenerate = np.zeros(games, dtype=bool)
    degenerate[vx.game[(vx.zero.sum(axis=1) + vx.tight.sum(axis=1)) > m]] = True
    degenerate[vy.game[(vy.zero.sum(axis=1) + vy.tight.sum(axis=1)) > n]] = True

    # support enumeration: the same basis feasible in both polytopes
    _, ix, iy = np.intersect1d(
        vx.game * offset + vx.basis, vy.game * offset + vy.basis, assume_unique=True, return_indices=True
    )
    use_vertex = np.full(games, method == "vertex") | ((method == "auto") & degenerate)
    keep = ~use_vertex[vx.game[ix]]
    out_g, out_x, out_y = [vx.game[ix][keep]], [vx.point[ix][keep]], [vy.point[iy][keep]]

    for game in np.flatnonzero(use_vertex):
        on_x, on_y = vx.game == game, vy.game == game
        # labels in one order for both polytopes: rows 0..m-1, then columns m..m+n-1
        px, labx = _unique(vx.point[on_x], np.concatenate([vx.zero[on_x], vx.tight[on_x]], axis=1))
        py, laby = _unique(vy.point[on_y], np.concatenate([vy.tight[on_y], vy.zero[on_y]], axis=1))
        # a pair is completely labelled when no label is missing from both
        common_missing = (~labx).astype(np.int32) @ (~laby).astype(np.int32).T
        a, b = np.nonzero(common_missing == 0)
        out_g.append(np.full(len(a), game))
        out_x.append(px[a])
        out_y.append(py[b])

    return BatchSolution(
        np.concatenate(out_g),
        _normalised(np.concatenate(out_x)),
        _normalised(np.concatenate(out_y)),
        degenerate,
        np.where(use_vertex, "vertex", "support").tolist(),
        As,
        Bs,
        np.stack([span_a, span_b], axis=1),
    )
