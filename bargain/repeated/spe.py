"""The pure-action subgame-perfect equilibrium payoff set of a two-player repeated game.

The game is the stage game repeated infinitely often with a common discount factor ``delta``,
perfect monitoring of actions and a public randomisation device; payoffs are normalised,
``(1 - delta) * sum_t delta**t u_t``. The set ``V`` of pure-action subgame-perfect equilibrium (SPE)
payoffs is the largest fixed point of the operator of Abreu, Pearce and Stacchetti (1990),

.. math::

    B(W) = \\operatorname{co} \\bigcup_a \\{(1 - \\delta) u(a) + \\delta w :
        w \\in W,\\; w_i \\ge \\underline{w}_i(W) + \\tfrac{1 - \\delta}{\\delta} (d_i(a) - u_i(a))\\},

where ``a`` runs over the pure profiles, ``d_i(a)`` is player ``i``'s best deviation payoff against
``a`` and ``underline w_i(W) = min_{w in W} w_i`` is the worst continuation value in ``W`` (the
optimal penal code of Abreu 1988 punishes each deviator with it).

Method
------
The sets are convex polygons held exactly by their vertices, and ``B`` is applied exactly: for each
profile ``a`` the incentive constraints cut ``W`` by a quadrant ``Q(a)``, the extreme points of
``W ∩ Q(a)`` are the vertices of ``W`` inside ``Q(a)``, the crossings of the boundary of ``W`` with the
two sides of ``Q(a)`` and the corner of ``Q(a)`` if it lies in ``W``; their images under
``w -> (1 - delta) u(a) + delta w`` are hulled. The iteration starts from the feasible, individually
rational set (convex hull of the pure payoff profiles cut at the pure minmax values), which contains
``V`` and is mapped into itself, so the iterates decrease monotonically to ``V`` (APS 1990, Theorem
5; Abreu and Sannikov 2014, Section 4). It stops when an iterate moves by less than
``tol * scale * (1 - delta)`` in Hausdorff distance.

The candidate points of all profiles are produced by one fixed set of array operations; the hull
is Andrew's monotone chain on Python floats (after an Akl–Toussaint prefilter when there are many
points), and vertices within ``tol * scale`` of the segment joining their neighbours are dropped,
which also takes a set narrower than that down to a segment or a point.

Why this method rather than the alternatives: the Judd–Yeltekin–Conklin (2003) outer approximation
holds a set by its support function on a fixed fan of directions, so a vertex is only found to the
angular resolution of the fan, short of the 1e-6 asked of vertices, and its linear programs cost
more than the polygon clipping here. Abreu and Sannikov's operator ``R`` keeps only the crossings
(at most four points per profile) and rests on the polygon geometry as well; the exact ``B`` keeps
the few vertices of ``W`` inside each quadrant in addition, which makes every iterate an exact APS
image (so the monotone-convergence argument applies to it verbatim) at a negligible cost. Unlike a
hull routine that needs a full-dimensional point set (quantecon 0.11's ``RepeatedGame`` raises
``QhullError`` on a point or a segment), the geometry here decides the dimension of each iterate
first, so a point, a segment and the empty set are ordinary answers. The empty set is reached after
finitely many steps when ``V`` is empty: a decreasing sequence of nonempty compact sets has a
nonempty limit, and that limit would be self-generating.

References
----------
D. Abreu, "On the theory of infinitely repeated games with discounting", Econometrica 56 (1988).
D. Abreu, D. Pearce and E. Stacchetti, "Toward a theory of discounted repeated games with imperfect
monitoring", Econometrica 58 (1990).
D. Abreu and Y. Sannikov, "An algorithm for two-player repeated games with perfect monitoring",
Theoretical Economics 9 (2014) 313-338.
K. Judd, S. Yeltekin and J. Conklin, "Computing supergame equilibria", Econometrica 71 (2003).
G. Mailath, I. Obara and T. Sekiguchi, "The maximum efficient equilibrium payoff in the repeated
prisoners' dilemma", Games and Economic Behavior 40 (2002).
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .._arrays import frozen as _frozen
from .._validation import check_game as _check_game
from .._validation import check_positive, check_real
from ..errors import BargainWarning, InvalidArgumentError, InvalidProfileError
from ..game import Game
from .critical import CriticalDelta
from .minmax import Polygon

__all__ = ["PayoffSet", "spe_payoffs", "critical_delta_optimal"]

#: Most APS iterations before giving up with a warning (convergence is geometric, about rate delta).
MAX_ITER = 20_000



def _check_delta(delta: object, name: str = "delta") -> float:
    value = check_real(name, delta)
    if not 0 < value < 1:
        raise InvalidArgumentError(f"{name} must be in (0, 1); got {delta!r}")
    return value


# ------------------------------------------------------------------------------------ geometry
# The polygons here have a handful of vertices and the point sets a few dozen points, so the
# sequential parts (hull, simplification) run on Python floats and only the work over all pure
# profiles at once is left to numpy: per-call overhead, not arithmetic, is what costs.
def _simplify(vertices: list, eps: float) -> list:
    """Drop vertices of a counter-clockwise polygon (a list of ``(x, y)`` pairs) closer than ``eps``
    to the segment between their neighbours (repeats and nearly straight corners), the closest
    first; two or one left make a segment or a point.

    The distance is taken to the segment, not to the line through it: on a corner of a convex
    polygon the two agree, but when all the vertices lie within rounding of one line every vertex is
    near the line through its neighbours, and only the segment tells the middle ones (dropped) from
    the two ends (kept). A polygon narrower than ``eps`` thus comes down to its two ends.
    """
    v = list(vertices)

    def gap(i: int) -> float:
        n = len(v)
        px, py = v[i - 1]
        x, y = v[i]
        qx, qy = v[i + 1 - n]
        bx, by = qx - px, qy - py
        length2 = bx * bx + by * by
        if length2 > eps * eps:
            t = min(1.0, max(0.0, ((x - px) * bx + (y - py) * by) / length2))
            return math.hypot(x - px - t * bx, y - py - t * by)
        return math.hypot(x - px, y - py)  # the neighbours coincide: a repeat, measured to them

    dist = [gap(i) for i in range(len(v))] if len(v) >= 3 else []
    while len(v) >= 3:
        where = min(range(len(v)), key=dist.__getitem__)
        if dist[where] >= eps:
            break
        del v[where], dist[where]
        n = len(v)
        if n >= 3:  # only the two neighbours of the dropped vertex change
            dist[where - 1] = gap(where - 1)
            dist[where % n] = gap(where % n)
    if len(v) == 2 and math.hypot(v[1][0] - v[0][0], v[1][1] - v[0][1]) < eps:
        v = v[:1]
    return v


def _chain(points: list) -> list:
    """Vertices, counter-clockwise, of the convex hull of distinct ``(x, y)`` pairs sorted
    lexicographically (Andrew's monotone chain; points on an edge are dropped)."""
    if len(points) <= 2:
        return points

    def half(sequence) -> list:
        out: list = []
        for p in sequence:
            px, py = p
            while len(out) >= 2:
                ax, ay = out[-2]
                bx, by = out[-1]
                if (bx - ax) * (py - ay) > (by - ay) * (px - ax):
                    break
                out.pop()
            out.append(p)
        return out

    return half(points)[:-1] + half(reversed(points))[:-1]


#: Directions whose extreme points span the polygon used to discard interior points before hulling.
_PREFILTER = np.stack([np.cos(np.linspace(0, 2 * np.pi, 16, endpoint=False)),
                       np.sin(np.linspace(0, 2 * np.pi, 16, endpoint=False))])


def _candidates(points: np.ndarray) -> np.ndarray:
    """The points not strictly inside the polygon spanned by their extreme points in 16 directions
    (the Akl–Toussaint heuristic): a subset that keeps every vertex of the hull. Below about 30
    points the filter costs more than it saves, and all are returned."""
    if len(points) <= 30:
        return points
    top = (points @ _PREFILTER).argmax(axis=0)
    top = top[top != np.concatenate((top[-1:], top[:-1]))]
    if len(top) < 3:
        return points
    ring = points[top]
    edge = points[np.concatenate((top[1:], top[:1]))] - ring
    rel = points[:, None, :] - ring[None, :, :]
    cross = edge[None, :, 0] * rel[..., 1] - edge[None, :, 1] * rel[..., 0]
    # (computed from differences, the test is exactly 0 on the ring's own points, which are kept)
    return points[~np.logical_and.reduce(cross > 0, axis=1)]


def _hull(points: np.ndarray, eps: float) -> np.ndarray:
    """Vertices, counter-clockwise, of the convex hull of ``points``: shape (0, 2) if there are none,
    (1, 2) if they all lie within ``eps`` of one point, (2, 2) if within ``eps`` of one line.

    The exact hull (collinear points give its two ends) is simplified by :func:`_simplify`, which
    takes a polygon narrower than ``eps`` down to a segment.
    """
    if len(points) == 0:
        return np.empty((0, 2))
    ring = _chain(sorted(set(map(tuple, _candidates(points).tolist()))))
    # the coordinates' extremes are attained on the hull, so the ring tells when the test for a
    # point (every point within eps of the mean, per coordinate) needs the mean at all
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    if max(max(xs) - min(xs), max(ys) - min(ys)) <= 2 * eps:
        centre = np.add.reduce(points, axis=0) / len(points)
        if np.abs(points - centre).max() <= eps:
            return centre[None, :]
    return np.array(_simplify(ring, eps)).reshape(-1, 2)


def _distance(points: np.ndarray, vertices: np.ndarray) -> np.ndarray:
    """Euclidean distance of each point to the convex set with these vertices (0 inside)."""
    k = len(vertices)
    if k == 1:
        return np.hypot(*(points - vertices[0]).T)
    starts = vertices if k >= 3 else vertices[:1]
    ends = np.roll(vertices, -1, axis=0) if k >= 3 else vertices[1:]
    edge = ends - starts  # (E, 2)
    rel = points[:, None, :] - starts[None, :, :]  # (N, E, 2)
    length2 = np.maximum((edge**2).sum(axis=1), np.finfo(float).tiny)
    t = np.clip((rel * edge[None]).sum(axis=2) / length2, 0.0, 1.0)
    gap = rel - t[..., None] * edge[None]
    dist = np.hypot(gap[..., 0], gap[..., 1]).min(axis=1)
    if k >= 3:
        cross = edge[None, :, 0] * rel[..., 1] - edge[None, :, 1] * rel[..., 0]
        dist = np.where((cross >= 0).all(axis=1), 0.0, dist)
    return dist


def _edges(vertices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start points and direction vectors of the edges of a counter-clockwise polygon (one edge for
    a segment, none for a point)."""
    k = len(vertices)
    if k <= 1:
        return vertices[:0], vertices[:0]
    if k == 2:
        return vertices[:1], vertices[1:] - vertices[:1]
    return vertices, np.concatenate((vertices[1:], vertices[:1])) - vertices


def _generated(vertices: np.ndarray, corners: np.ndarray, base: np.ndarray, delta: float, eps: float) -> np.ndarray:
    """The points ``base[a] + delta * w`` for the extreme points ``w`` of ``W ∩ {w >= corners[a]}``,
    for every row ``a`` at once; their convex hull is ``B(W)`` when ``base = (1 - delta) u``.

    ``W`` is the convex set with the given counter-clockwise vertices (a point or a segment
    allowed); ``eps`` is the slack of the cut. The extreme points of ``W`` cut by a quadrant are
    the vertices of ``W`` inside it, the crossings of its boundary with the quadrant's two sides and
    the quadrant's corner when that lies in ``W``. All candidates go into one array of shape
    ``(C, k + 2E + 1, 2)`` with one mask, so the work is a fixed number of numpy calls.
    """
    k = len(vertices)
    if len(corners) > 32:
        # In a large game most quadrants miss W; the profiles whose corner lies beyond W's extent
        # by 1000 times the slack are dropped first. They generate nothing: their corner could pass
        # the slack test below only at a vertex of W sharper than about 0.002 radians.
        reach = vertices.max(axis=0) + 1e3 * eps
        live = np.flatnonzero((corners[:, 0] <= reach[0]) & (corners[:, 1] <= reach[1]))
        corners, base = corners[live], base[live]
    starts, edge = _edges(vertices)
    n_edges = len(edge)
    floor = corners - eps
    candidate = np.empty((len(corners), k + 2 * n_edges + 1, 2))
    candidate[:, :k] = vertices
    candidate[:, -1] = corners
    mask = np.empty(candidate.shape[:2], dtype=bool)
    # vertices of W inside the quadrant
    mask[:, :k] = (vertices[None, :, 0] >= floor[:, None, 0]) & (vertices[None, :, 1] >= floor[:, None, 1])
    if n_edges:
        rel = corners[:, None, :] - starts  # (C, E, 2)
        # crossings of each edge with the lines w_0 = corner_0 (axis 0) and w_1 = corner_1 (axis 1);
        # an edge parallel to a line never crosses it (its t is nan, which fails every comparison)
        t = rel / np.where(np.abs(edge) > eps * 1e-3, edge, np.nan)  # (C, E, 2)
        other = starts[:, ::-1] + t * edge[:, ::-1]  # the other coordinate
        keep = (t >= 0) & (t <= 1) & (other >= floor[:, None, ::-1])
        mask[:, k : k + n_edges] = keep[..., 0]
        mask[:, k + n_edges : -1] = keep[..., 1]
        candidate[:, k : k + n_edges, 0] = corners[:, None, 0]
        candidate[:, k : k + n_edges, 1] = other[..., 0]
        candidate[:, k + n_edges : -1, 0] = other[..., 1]
        candidate[:, k + n_edges : -1, 1] = corners[:, None, 1]
    if k >= 3:
        # the corner itself, when it lies in W
        cross = edge[:, 0] * rel[..., 1] - edge[:, 1] * rel[..., 0]
        mask[:, -1] = np.logical_and.reduce(cross >= -eps * np.hypot(edge[:, 0], edge[:, 1]), axis=1)
    else:
        mask[:, -1] = False
    return (base[:, None, :] + delta * candidate)[mask]


#: Directions on which successive iterates' support functions are compared to stop the iteration.
_FAN = np.stack([np.cos(np.linspace(0, 2 * np.pi, 64, endpoint=False)),
                 np.sin(np.linspace(0, 2 * np.pi, 64, endpoint=False))])


def _normals(vertices: np.ndarray) -> np.ndarray:
    """Unit outer normals, shape (2, E), of a counter-clockwise polygon's edges (both sides of a
    segment's one edge count once, as in :func:`_edges`)."""
    _, edge = _edges(vertices)
    if not len(edge):
        return _FAN[:, :0]
    n = np.array([edge[:, 1], -edge[:, 0]])
    return n / np.maximum(np.hypot(n[0], n[1]), np.finfo(float).tiny)


def _support_gap(first: np.ndarray, second: np.ndarray, first_normals=None, second_normals=None) -> float:
    """Largest difference of the two sets' support functions over a fan of 64 directions and the
    outer normals of both polygons' edges (a lower bound of their Hausdorff distance, and equal to
    it up to the fan's resolution)."""
    if len(first) == 0 or len(second) == 0:
        return 0.0 if len(first) == len(second) else math.inf
    if first_normals is None:
        first_normals = _normals(first)
    if second_normals is None:
        second_normals = _normals(second)
    dirs = np.concatenate([_FAN, first_normals, second_normals], axis=1)
    return float(np.abs((first @ dirs).max(axis=0) - (second @ dirs).max(axis=0)).max())


# ------------------------------------------------------------------------------------ the set
@dataclass(frozen=True, eq=False, repr=False)
class PayoffSet(Polygon):
    """A convex set of payoff pairs of a two-player repeated game, held by its vertices.

    A :class:`~bargain.repeated.Polygon` (``.is_empty``, ``.dimension``, ``.area``) that also knows its
    discount factor and its players.

    Attributes
    ----------
    vertices : ndarray, shape (k, 2)
        The extreme points, counter-clockwise; ``k = 0`` for the empty set, 1 for a point, 2 for a
        segment (its two ends). Normalised payoffs: column ``i`` is player ``i``'s.
    delta : float
        The common discount factor the set belongs to.
    players : tuple of str
        The players' names.
    iterations : int
        Number of APS iterations the computation took.
    """

    delta: float
    players: tuple[str, str] = ("P0", "P1")
    iterations: int = 0

    @property
    def worst(self) -> np.ndarray:
        """Each player's lowest payoff in the set (``nan`` for both when it is empty)."""
        if self.is_empty:
            return _frozen([math.nan, math.nan])
        return _frozen(self.vertices.min(axis=0))

    @property
    def best(self) -> np.ndarray:
        """Each player's highest payoff in the set (``nan`` for both when it is empty)."""
        if self.is_empty:
            return _frozen([math.nan, math.nan])
        return _frozen(self.vertices.max(axis=0))

    def contains(self, point, tol: float = 1e-9) -> bool:
        """Whether ``point`` (a payoff pair) lies in the set or within distance ``tol`` of it."""
        tol = check_positive("tol", tol)
        p = np.asarray(point, dtype=float)
        if p.shape != (2,) or not np.isfinite(p).all():
            raise InvalidArgumentError(f"point must be a pair of finite payoffs; got {point!r}")
        if self.is_empty:
            return False
        return bool(_distance(p[None, :], self.vertices)[0] <= tol)

    def __repr__(self) -> str:
        kind = {-1: "empty", 0: "a point", 1: "a segment", 2: f"a polygon with {len(self.vertices)} vertices"}
        head = f"PayoffSet(delta={self.delta:.6g}, {kind[self.dimension]}"
        if self.is_empty:
            return head + ")"
        points = ", ".join(f"({x:.6g}, {y:.6g})" for x, y in self.vertices)
        worst = ", ".join(f"{name} {w:.6g}" for name, w in zip(self.players, self.worst))
        return f"{head}: {points}; worst: {worst})"


def _stage_arrays(game: Game) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Per pure profile (row-major): payoffs u(a), best deviation payoffs d(a); pure minmax values;
    the payoff scale."""
    a, b = game.payoffs[0], game.payoffs[1]
    u = np.stack([a.ravel(), b.ravel()], axis=1)
    best_row = np.broadcast_to(a.max(axis=0, keepdims=True), a.shape)
    best_col = np.broadcast_to(b.max(axis=1, keepdims=True), b.shape)
    d = np.stack([best_row.ravel(), best_col.ravel()], axis=1)
    minmax = np.array([a.max(axis=0).min(), b.max(axis=1).min()])
    span = float(game.payoffs.max() - game.payoffs.min())
    return u, d, minmax, span if span > 0 else 1.0


def _aps(u: np.ndarray, d: np.ndarray, minmax: np.ndarray, scale: float, delta: float, tol: float):
    eps = tol * scale
    stop = max(eps * (1 - delta), 1e-14 * scale)
    gain = (1 - delta) / delta * (d - u)
    base = (1 - delta) * u
    # the feasible, individually rational set: a superset of V that B maps into itself
    current = _hull(_generated(_hull(u, eps), minmax[None, :], np.zeros((1, 2)), 1.0, eps), eps)
    normals = None
    box_stop = stop + 1e-15 * float(np.abs(u).max())
    if len(current):
        low, high = current.min(axis=0), current.max(axis=0)
    for iteration in range(1, MAX_ITER + 1):
        if len(current) == 0:
            return current, iteration - 1
        nxt = _hull(_generated(current, low + gain, base, delta, eps), eps)
        if len(nxt) == 0:
            return nxt, iteration  # the empty set is the answer: B maps it to itself
        nxt_low, nxt_high = nxt.min(axis=0), nxt.max(axis=0)
        # The fan of the support gap holds the four axis directions (up to rounding, hence the
        # margin), so a bounding box that moved by more than ``stop`` settles the test without the
        # full comparison.
        if max(np.abs(nxt_low - low).max(), np.abs(nxt_high - high).max()) > box_stop:
            current, normals, low, high = nxt, None, nxt_low, nxt_high
            continue
        nxt_normals = _normals(nxt)
        moved = _support_gap(current, nxt, _normals(current) if normals is None else normals, nxt_normals)
        current, normals, low, high = nxt, nxt_normals, nxt_low, nxt_high
        if moved <= stop:
            return current, iteration
    moved = _support_gap(current, _hull(_generated(current, current.min(axis=0) + gain, base, delta, eps), eps))
    warnings.warn(
        f"spe_payoffs did not converge in {MAX_ITER} iterations at delta={delta}; the last iterate "
        f"moved by {moved:.3g} (needed {stop:.3g}); try a larger tol",
        BargainWarning,
        stacklevel=3,
    )
    return current, MAX_ITER


def spe_payoffs(game: Game, delta: float, *, tol: float = 1e-9) -> PayoffSet:
    """The set of pure-action subgame-perfect equilibrium payoffs of the repeated game.

    Infinitely repeated two-player game with perfect monitoring, public randomisation and common
    discount factor ``delta``; payoffs normalised as ``(1 - delta) * sum_t delta**t u_t``. The set is
    the largest fixed point of the Abreu–Pearce–Stacchetti operator, computed by exact polygon
    iteration (see the module docstring for the method and why it was chosen).

    Parameters
    ----------
    game : Game
        A two-player stage game.
    delta : float
        Common discount factor, in (0, 1).
    tol : float, default 1e-9
        Relative tolerance (multiplied by the payoff range): slack of the incentive constraints,
        the width below which a set counts as a segment or a point, and (times ``1 - delta``) the
        Hausdorff step at which the iteration stops.

    Returns
    -------
    PayoffSet
        Vertices counter-clockwise (a point, a segment or empty are valid answers), ``.worst`` the
        worst SPE payoff of each player (the optimal punishment values of Abreu 1988).

    Raises
    ------
    ArgumentTypeError
        If ``game`` is not a :class:`~bargain.Game`.
    PlayerCountError
        If the game does not have two players.
    InvalidArgumentError
        If ``delta`` is not in (0, 1) or ``tol`` is not positive.

    References
    ----------
    Abreu, Pearce and Stacchetti (1990); Abreu and Sannikov (2014), Theoretical Economics 9, 313-338.

    Examples
    --------
    The prisoner's dilemma with (T, R, P, S) = (5, 3, 1, 0): only mutual defection below
    delta = 1/4, the whole feasible individually rational set from delta = 1/2 on.

    >>> import bargain as bg
    >>> from bargain.repeated.spe import spe_payoffs
    >>> pd = bg.Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> spe_payoffs(pd, 0.2)
    PayoffSet(delta=0.2, a point: (1, 1); worst: P0 1, P1 1)
    >>> spe_payoffs(pd, 0.6).vertices.round(6)
    array([[1.      , 1.      ],
           [4.333333, 1.      ],
           [3.      , 3.      ],
           [1.      , 4.333333]])
    """
    game = _check_game(game, "spe_payoffs")
    delta = _check_delta(delta)
    tol = check_positive("tol", tol)
    return _spe_payoffs(game, delta, tol)


@functools.lru_cache(maxsize=256)
def _spe_payoffs(game: Game, delta: float, tol: float) -> PayoffSet:
    # Cached: the game is immutable and hashable and the result is immutable; a regime at one
    # (game, delta) asks for the same set more than once (sustained cells, then worst payoffs).
    u, d, minmax, scale = _stage_arrays(game)
    vertices, iterations = _aps(u, d, minmax, scale, delta, tol)
    return PayoffSet(_start_low_left(vertices), delta, tuple(game.players), iterations)


def _start_low_left(vertices: np.ndarray) -> np.ndarray:
    """Rotate a counter-clockwise vertex list to start at its lowest-then-leftmost vertex."""
    if len(vertices) < 2:
        return vertices
    start = int(np.lexsort((vertices[:, 0], vertices[:, 1]))[0])
    return np.roll(vertices, -start, axis=0)


# ------------------------------------------------------------------------------------ critical delta
#: The discount factors searched by :func:`critical_delta_optimal` before bisection: steps of 0.02, then
#: closer to 1, where patient players' thresholds (large temptations) lie.
DELTA_GRID = np.concatenate([np.round(np.arange(0.02, 0.99, 0.02), 10), [0.99, 0.995, 0.999, 0.9995, 0.9999]])


def _read_cycle(game: Game, cycle_profiles) -> list[tuple[int, int]]:
    if isinstance(cycle_profiles, str) or not isinstance(cycle_profiles, Sequence | np.ndarray):
        raise InvalidProfileError(
            f"cycle_profiles must be a pure profile (a pair of strategies) or a sequence of them; got {cycle_profiles!r}"
        )
    items = list(cycle_profiles)
    if len(items) == 2 and all(isinstance(x, str | int | np.integer) and not isinstance(x, bool) for x in items):
        items = [tuple(items)]
    if not items:
        raise InvalidProfileError("cycle_profiles must hold at least one pure profile; got an empty sequence")
    cycle = []
    for item in items:
        if isinstance(item, str) or not isinstance(item, Sequence | np.ndarray) or len(item) != 2:
            raise InvalidProfileError(
                f"each profile of cycle_profiles must be a pair (row strategy, column strategy); got {item!r}"
            )
        cycle.append((game.strategy_index(0, item[0]), game.strategy_index(1, item[1])))
    return cycle


def _slack(game: Game, cycle: list[tuple[int, int]], delta: float, worst: np.ndarray) -> np.ndarray:
    """Per player, the smallest slack over the cycle's positions of the constraint
    ``v_i(t) >= (1 - delta) d_i(a_t) + delta * worst_i``."""
    a, b = game.payoffs
    length = len(cycle)
    u = np.array([[a[r, c], b[r, c]] for r, c in cycle])
    dev = np.array([[a[:, c].max(), b[r, :].max()] for r, c in cycle])
    weights = delta ** np.arange(length) * (1 - delta) / (1 - delta**length)
    values = np.array([weights @ np.roll(u, -t, axis=0) for t in range(length)])
    return (values - (1 - delta) * dev - delta * worst[None, :]).min(axis=0)


def critical_delta_optimal(game: Game, cycle_profiles, *, tol: float = 1e-9) -> CriticalDelta:
    """The smallest discount factor at which a pure profile, or a cycle of them, is an SPE path
    when every deviation is punished optimally (Abreu 1988).

    The path ``a_0, a_1, ..., a_{L-1}, a_0, ...`` is an SPE outcome at ``delta`` if and only if, at
    every position ``t`` and for both players ``i``,

    .. math:: v_i(t) \\ge (1 - \\delta) d_i(a_t) + \\delta \\underline{v}_i(\\delta),

    with ``v_i(t)`` the normalised value of the path from ``t`` on, ``d_i`` the best deviation
    payoff and ``underline v_i(delta)`` player ``i``'s worst SPE payoff at ``delta``, read from
    :func:`spe_payoffs` (no SPE at all means not sustained). Because the punishment itself depends on
    ``delta``, there is no closed form and the condition need not be monotone in ``delta``
    (Mailath, Obara and Sekiguchi 2002). The search: the grid :data:`DELTA_GRID` (0.02, 0.04, ...,
    0.98, then 0.99, 0.995, 0.999, 0.9995, 0.9999) is scanned upward; the first grid point where the condition holds is refined by bisection
    against the grid point below it, down to ``1e-7``. Returned is that smallest ``delta``;
    ``sustained_above`` says whether the condition held at every grid point above it. The same is
    done for each player's own constraints (``per_player``). A path sustained only between grid
    points, or only above 0.9999, is reported as never sustained.

    Parameters
    ----------
    game : Game
        A two-player stage game.
    cycle_profiles : pair or sequence of pairs
        One pure profile ``(row strategy, column strategy)`` (indices or names), or the list of
        profiles played in turn, forever.
    tol : float, default 1e-9
        Passed to :func:`spe_payoffs`; the constraints may fail by ``tol`` times the payoff range.

    Returns
    -------
    CriticalDelta

    Raises
    ------
    InvalidProfileError
        If a profile is not a pair of strategies of the game.

    Examples
    --------
    In the prisoner's dilemma (5, 3, 1, 0) mutual cooperation needs delta >= 1/2; alternating
    (D, C), (C, D) needs delta >= 1/4.

    >>> import bargain as bg
    >>> from bargain.repeated.spe import critical_delta_optimal
    >>> pd = bg.Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D")))
    >>> critical_delta_optimal(pd, ("C", "C"))
    CriticalDelta(delta=0.5; P0 0.5, P1 0.5; punishment: optimal penal codes (each deviator held to its worst SPE payoff); sustained above: True)
    >>> round(critical_delta_optimal(pd, [("D", "C"), ("C", "D")]).delta, 6)
    0.25
    """
    game = _check_game(game, "critical_delta_optimal")
    tol = check_positive("tol", tol)
    cycle = _read_cycle(game, cycle_profiles)
    scale = _stage_arrays(game)[3]
    cache: dict[float, np.ndarray] = {}

    def slack(delta: float) -> np.ndarray:
        if delta not in cache:
            worst = spe_payoffs(game, delta, tol=tol).worst
            cache[delta] = (
                np.full(2, -math.inf) if np.isnan(worst).any() else _slack(game, cycle, delta, worst) / scale
            )
        return cache[delta]

    def ok(delta: float, players) -> bool:
        return bool((slack(delta)[list(players)] >= -tol * 10).all())

    def smallest(players) -> tuple[float, bool | None]:
        held = [ok(x, players) for x in DELTA_GRID]
        if not any(held):
            return math.inf, None
        first = held.index(True)
        hi = float(DELTA_GRID[first])
        lo = float(DELTA_GRID[first - 1]) if first > 0 else 0.0
        while hi - lo > 1e-9:
            mid = 0.5 * (lo + hi)
            if mid <= 0:
                break
            if ok(mid, players):
                hi = mid
            else:
                lo = mid
        return hi, all(held[first:])

    delta, above = smallest((0, 1))
    per_player = [smallest((i,))[0] for i in (0, 1)]
    return CriticalDelta(
        _tidy(delta),
        [_tidy(x) for x in per_player],
        "optimal penal codes (each deviator held to its worst SPE payoff)",
        players=game.players,
        sustained_above=above,
    )


def _tidy(x: float) -> float:
    """Round a bisection result to 7 decimals (its precision), so 0.50000004 prints as 0.5."""
    return x if math.isinf(x) else round(x, 7)


def sustained_outcomes(game: Game, delta: float, *, punishment: str = "nash", tol: float = 1e-9) -> np.ndarray:
    """Which pure outcomes, played for ever, are subgame-perfect equilibrium paths at ``delta``.

    Outcome ``a`` is sustained when no player gains by a one-shot deviation followed by its
    punishment, ``u_i(a) >= (1 - delta) d_i(a) + delta p_i`` for both players, where ``d_i(a)`` is
    the best deviation payoff and ``p_i`` the punishment value:

    * ``"nash"``: reversion for ever to the stage Nash equilibrium worst for the deviator (a fixed
      ``p_i``; the condition is the closed form of :func:`~bargain.repeated.critical_delta`);
    * ``"optimal"``: optimal penal codes (Abreu 1988), ``p_i`` the worst SPE payoff at ``delta``
      from :func:`spe_payoffs`. With no pure-action SPE at all, nothing is sustained.

    One call answers for every cell of the game, at the cost of one equilibrium enumeration (or
    one SPE payoff set): the fast path for a regime map over many discount factors.

    Parameters
    ----------
    game : Game
        A two-player stage game.
    delta : float
        Common discount factor, in (0, 1).
    punishment : {"nash", "optimal"}, default "nash"
    tol : float, default 1e-9
        The constraints may fail by ``tol`` times the payoff range.

    Returns
    -------
    2-D bool array, read-only
        ``out[r, c]`` for the outcome (row strategy ``r``, column strategy ``c``).

    Raises
    ------
    InvalidArgumentError
        ``delta`` outside (0, 1) or an unknown ``punishment``.
    SolverError
        ``"nash"`` for a game without stage equilibrium (cannot happen for two players).

    Examples
    --------
    In the prisoner's dilemma (5, 3, 1, 0) mutual cooperation is sustained from ``delta = 1/2``:

    >>> import bargain as bg
    >>> from bargain.repeated.spe import sustained_outcomes
    >>> pd = bg.Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D")))
    >>> sustained_outcomes(pd, 0.4).tolist(), sustained_outcomes(pd, 0.6).tolist()
    ([[False, False], [False, True]], [[True, False], [False, True]])
    """
    from .critical import _nash_punishment

    game = _check_game(game, "sustained_outcomes")
    delta = _check_delta(delta)
    tol = check_positive("tol", tol)
    scale = _stage_arrays(game)[3]
    if punishment == "nash":
        worst = _nash_punishment(game, tol)[0]
    elif punishment == "optimal":
        worst = spe_payoffs(game, delta, tol=tol).worst
        if np.isnan(worst).any():
            out = np.zeros(game.shape, dtype=bool)
            out.flags.writeable = False
            return out
    else:
        raise InvalidArgumentError(f"punishment must be 'nash' or 'optimal'; got {punishment!r}")
    a, b = game.payoffs
    dev_row = _best_other(a, axis=0)  # d_0(r, c): the row player's best payoff over rows other than r
    dev_col = _best_other(b, axis=1)
    row_ok = a >= (1 - delta) * dev_row + delta * worst[0] - tol * scale
    col_ok = b >= (1 - delta) * dev_col + delta * worst[1] - tol * scale
    out = row_ok & col_ok
    out.flags.writeable = False
    return out


def _best_other(u: np.ndarray, axis: int) -> np.ndarray:
    """For each cell, the largest entry along ``axis`` excluding the cell itself (``-inf`` if none)."""
    if u.shape[axis] == 1:
        return np.full(u.shape, -math.inf)
    top = np.sort(u, axis=axis)
    first = np.take(top, [-1], axis=axis)
    second = np.take(top, [-2], axis=axis)
    # A cell equal to the maximum is excluded from it; ties leave the maximum among the others.
    return np.where(u == first, second, first)
