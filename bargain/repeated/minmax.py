"""Minmax and maxmin values, the feasible payoff set and the feasible, individually rational set.

Player ``i``'s *minmax* value is the lowest payoff the others can hold it to when ``i`` best
responds::

    v_i = min over the others' strategies  max over i's strategies  u_i

With ``mixed=False`` the others use pure strategies; with ``mixed=True`` they mix independently. For
two players the mixed minmax is a linear programme (the punisher's mixed strategy and the bound
``v``). For three or more players independent mixing makes the programme non-linear (the
punishers' strategies multiply); :func:`minmax` then refuses ``mixed=True`` with a
:class:`~bargain.errors.PlayerCountError` rather than silently computing the correlated value.

The *feasible set* of a two-player game is the convex hull of its pure payoff profiles (payoffs
attainable with public randomisation); the *feasible, individually rational set* keeps the points
where each player gets at least its minmax value. Both are :class:`Polygon` records, which may
be empty, a point, a segment or a proper polygon.

References
----------
.. [1] G. J. Mailath and L. Samuelson, *Repeated Games and Reputations*, Oxford University Press
   (2006), Section 2.1 (minmax payoffs) and Section 3.1 (feasible and individually rational payoffs).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog

from .._validation import check_game as _check_game
from .._format import mixed_str as _strategy_str
from .._arrays import frozen as _frozen
from ..errors import ArgumentTypeError, PlayerCountError, SolverError
from ..equilibria.regret import payoff_scale
from ..game import Game

__all__ = [
    "Minmax",
    "Polygon",
    "minmax",
    "maxmin",
    "feasible_set",
    "individually_rational_set",
]

#: Relative tolerance (times the payoff scale) for merging points and testing membership.
GEOMETRY_TOL = 1e-9


def _check_flag(name: str, value: object) -> bool:
    if not isinstance(value, bool | np.bool_):
        raise ArgumentTypeError(f"{name} must be True or False; got {value!r}")
    return bool(value)


# ---------------------------------------------------------------------------------------- records
@dataclass(frozen=True, eq=False, repr=False)
class Minmax:
    """Minmax values of every player, with the profiles that hold them down.

    Attributes
    ----------
    values : 1-D float array
        ``values[i]`` is player ``i``'s minmax value.
    punisher : tuple of profiles
        ``punisher[i]`` is a profile (one probability vector per player) in which the others hold
        player ``i`` to ``values[i]``; its ``i``-th entry is a pure best response of ``i``.
    mixed : bool
        Whether the punishers may mix.
    players : tuple of str
    strategies : tuple of tuples of str
    """

    values: np.ndarray
    punisher: tuple[tuple[np.ndarray, ...], ...]
    mixed: bool
    players: tuple[str, ...] = field(default=())
    strategies: tuple[tuple[str, ...], ...] = field(default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", _frozen(self.values))
        object.__setattr__(
            self, "punisher", tuple(tuple(_frozen(x) for x in profile) for profile in self.punisher)
        )

    def __repr__(self) -> str:
        kind = "mixed" if self.mixed else "pure"
        parts = []
        for i, (player, value) in enumerate(zip(self.players, self.values)):
            others = ", ".join(
                f"{self.players[j]}: {_strategy_str(self.strategies[j], self.punisher[i][j])}"
                for j in range(len(self.players))
                if j != i
            )
            parts.append(f"{player} {value:.6g} (by {others})")
        return f"Minmax({kind}; " + "; ".join(parts) + ")"



@dataclass(frozen=True, eq=False, repr=False)
class Polygon:
    """A convex set of payoff pairs given by its vertices.

    Attributes
    ----------
    vertices : float array, shape (k, 2)
        Counter-clockwise, starting from the vertex with the smallest first coordinate (then the
        smallest second). ``k = 0`` for the empty set, 1 for a point, 2 for a segment.
    is_empty : bool
    dimension : int
        -1 when empty, 0 for a point, 1 for a segment, 2 for a polygon with positive area.
    area : float
    """

    vertices: np.ndarray

    def __post_init__(self) -> None:
        v = np.array(self.vertices, dtype=float).reshape(-1, 2)
        object.__setattr__(self, "vertices", _frozen(v))

    @property
    def is_empty(self) -> bool:
        """Whether the set has no points."""
        return len(self.vertices) == 0

    @property
    def dimension(self) -> int:
        """-1 (empty), 0 (point), 1 (segment) or 2 (polygon)."""
        return min(len(self.vertices), 3) - 1

    @property
    def area(self) -> float:
        """The area (shoelace formula); 0 below dimension 2."""
        if len(self.vertices) < 3:
            return 0.0
        x, y = self.vertices[:, 0], self.vertices[:, 1]
        return float(0.5 * (x @ np.roll(y, -1) - y @ np.roll(x, -1)))

    def contains(self, point, *, tol: float = 1e-9) -> bool:
        """Whether ``point`` lies in the set, up to ``tol`` (absolute distance)."""
        return _contains(self.vertices, np.asarray(point, dtype=float), tol)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Polygon):
            return NotImplemented
        return self.vertices.shape == other.vertices.shape and bool(np.array_equal(self.vertices, other.vertices))

    def __hash__(self) -> int:
        return hash(self.vertices.tobytes())

    def __repr__(self) -> str:
        kind = {-1: "empty", 0: "point", 1: "segment", 2: "polygon"}[self.dimension]
        points = ", ".join(f"({x:.6g}, {y:.6g})" for x, y in self.vertices)
        return f"Polygon({kind}: [{points}])"


# ---------------------------------------------------------------------------------------- geometry
def _cross(o, a, b) -> float:
    return float((a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]))


def _hull(points: np.ndarray, tol: float) -> np.ndarray:
    """Convex hull (Andrew's monotone chain) with collinear and repeated points dropped.

    Returns the vertices counter-clockwise from the lexicographically smallest; one row for a
    point, two for a segment. Points within ``tol`` of each other are merged.
    """
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    if len(points) == 0:
        return np.empty((0, 2))
    order = np.lexsort((points[:, 1], points[:, 0]))
    merged: list[np.ndarray] = []
    for p in points[order]:
        if not any(np.abs(p - q).max() <= tol for q in merged):
            merged.append(p)
    if len(merged) <= 2:
        return np.array(merged)
    # Collinearity is judged on a scale-free cross product: |cross| <= tol * length.
    span = max(float(np.ptp(np.array(merged), axis=0).max()), 1.0)

    def chain(seq):
        out: list[np.ndarray] = []
        for p in seq:
            while len(out) >= 2 and _cross(out[-2], out[-1], p) <= tol * span:
                out.pop()
            out.append(p)
        return out

    lower = chain(merged)
    upper = chain(merged[::-1])
    hull = lower[:-1] + upper[:-1]
    return np.array(hull)


def _contains(vertices: np.ndarray, p: np.ndarray, tol: float) -> bool:
    k = len(vertices)
    if k == 0:
        return False
    if k == 1:
        return bool(np.abs(p - vertices[0]).max() <= tol)
    if k == 2:
        a, b = vertices
        d = b - a
        t = float(np.clip((p - a) @ d / (d @ d), 0.0, 1.0))
        return bool(np.linalg.norm(a + t * d - p) <= tol)
    for j in range(k):
        a, b = vertices[j], vertices[(j + 1) % k]
        if _cross(a, b, p) < -tol * np.linalg.norm(b - a):
            return False
    return True


def _clip_lower_bounds(vertices: np.ndarray, bounds: np.ndarray, tol: float) -> np.ndarray:
    """Vertices of ``conv(vertices) ∩ {u : u >= bounds}`` (componentwise), as a hull.

    The vertices of an intersection of a convex set with half-planes are among: the set's own
    vertices inside the half-planes, the crossings of its edges with the boundary lines, and the
    corner where the boundary lines meet when it lies inside the set. All candidates are tested
    and the hull of the survivors is returned, so points and segments need no special case.
    """
    k = len(vertices)
    if k == 0:
        return np.empty((0, 2))
    candidates = [v for v in vertices]
    edges = [(vertices[j], vertices[(j + 1) % k]) for j in range(k)] if k >= 2 else []
    for a, b in edges:
        for axis in range(2):
            da = a[axis] - bounds[axis]
            db = b[axis] - bounds[axis]
            if (da < 0 < db) or (db < 0 < da):
                t = da / (da - db)
                point = a + t * (b - a)
                point[axis] = bounds[axis]
                candidates.append(point)
    if _contains(vertices, bounds, tol):
        candidates.append(np.array(bounds, dtype=float))
    kept = [c for c in candidates if np.all(c >= bounds - tol)]
    kept = [np.maximum(c, bounds) for c in kept]
    return _hull(np.array(kept), tol) if kept else np.empty((0, 2))


# ---------------------------------------------------------------------------------------- values
def _pure_minmax(game: Game, i: int) -> tuple[float, tuple[np.ndarray, ...]]:
    best = game.payoffs[i].max(axis=i)  # over the others' pure profiles
    flat = int(np.argmin(best))
    others = np.unravel_index(flat, best.shape)
    cell = list(others)
    cell.insert(i, 0)
    own = int(np.argmax(game.payoffs[i][tuple(cell[:i]) + (slice(None),) + tuple(cell[i + 1 :])]))
    cell[i] = own
    profile = tuple(np.eye(m)[s] for m, s in zip(game.shape, cell))
    return float(best[others]), profile


def _matrix_for(game: Game, i: int) -> np.ndarray:
    """Player ``i``'s payoffs in a 2-player game with ``i``'s strategies as rows."""
    return game.payoffs[i] if i == 0 else game.payoffs[i].T


def _lp(c, A_ub, b_ub, A_eq, b_eq):
    bounds = [(0, None)] * (len(c) - 1) + [(None, None)]
    res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=bounds, method="highs")
    if res.status != 0:
        raise SolverError(f"the minmax linear programme failed: {res.message}")
    return res.x


def _mixed_minmax_2(game: Game, i: int) -> tuple[float, tuple[np.ndarray, ...]]:
    U = _matrix_for(game, i)  # rows: i's strategies, columns: the punisher's
    m, n = U.shape
    # minimise v subject to U y <= v, sum y = 1, y >= 0; variables (y, v).
    c = np.r_[np.zeros(n), 1.0]
    A_ub = np.c_[U, -np.ones(m)]
    A_eq = np.r_[np.ones(n), 0.0][None, :]
    x = _lp(c, A_ub, np.zeros(m), A_eq, [1.0])
    y = np.clip(x[:n], 0.0, None)
    y /= y.sum()
    values = U @ y
    own = np.eye(m)[int(np.argmax(values))]
    value = float(values.max())
    return value, ((own, y) if i == 0 else (y, own))


def minmax(game: Game, *, mixed: bool = True) -> Minmax:
    """Each player's minmax value: the lowest payoff the others can hold it to.

    ``v_i = min_{x_-i} max_{s_i} u_i(s_i, x_-i)``. With ``mixed=True`` the others' strategies
    ``x_-i`` range over (independent) mixed strategies, computed by a linear programme (HiGHS) for
    two players; with ``mixed=False`` over pure profiles, by enumeration, for any number of players.

    Parameters
    ----------
    game : Game
    mixed : bool, default True
        Whether the punishers may mix.

    Returns
    -------
    Minmax
        ``.values`` per player and ``.punisher``, for each player a profile holding it down.

    Raises
    ------
    PlayerCountError
        If ``mixed=True`` and the game has more than two players: with independent punishers the
        minmax problem is not a linear programme; use ``mixed=False``.

    References
    ----------
    .. [1] Mailath and Samuelson (2006), Section 2.1.

    Examples
    --------
    >>> import bargain as bg
    >>> from bargain.repeated.minmax import minmax
    >>> pennies = bg.Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]],
    ...                            strategies=(("H", "T"), ("H", "T")))
    >>> minmax(pennies).values
    array([0., 0.])
    >>> minmax(pennies, mixed=False).values
    array([1., 1.])
    """
    game = _check_game(game)
    mixed = _check_flag("mixed", mixed)
    n = game.n_players
    if mixed and n > 2:
        raise PlayerCountError(
            f"mixed minmax needs a game with at most 2 players (with independent punishers the problem "
            f"is not a linear programme); got a game with {n} players; use mixed=False"
        )
    values, punishers = [], []
    for i in range(n):
        if mixed and n == 2:
            value, profile = _mixed_minmax_2(game, i)
        else:
            value, profile = _pure_minmax(game, i)
        values.append(value)
        punishers.append(profile)
    return Minmax(np.array(values), tuple(punishers), mixed, game.players, game.strategies)


def maxmin(game: Game, *, mixed: bool = False) -> np.ndarray:
    """Each player's maxmin (security) value: the most it can guarantee whatever the others do.

    ``w_i = max_{x_i} min_{s_-i} u_i(x_i, s_-i)``. With ``mixed=False`` the player uses pure
    strategies (any number of players); with ``mixed=True`` it mixes, by a linear programme, for
    two players. For two players the mixed maxmin equals the mixed minmax (von Neumann).

    Parameters
    ----------
    game : Game
    mixed : bool, default False

    Returns
    -------
    numpy.ndarray
        Shape ``(n_players,)``, read-only.

    Raises
    ------
    PlayerCountError
        If ``mixed=True`` and the game does not have two players.

    Examples
    --------
    >>> import bargain as bg
    >>> from bargain.repeated.minmax import maxmin
    >>> pennies = bg.Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> maxmin(pennies)
    array([-1., -1.])
    >>> maxmin(pennies, mixed=True).round(12) + 0.0
    array([0., 0.])
    """
    game = _check_game(game)
    mixed = _check_flag("mixed", mixed)
    n = game.n_players
    if mixed:
        game.require_players(2, "mixed maxmin", "mixed=False")
    out = np.empty(n)
    for i in range(n):
        if not mixed:
            others = tuple(j for j in range(n) if j != i)
            worst = game.payoffs[i].min(axis=others) if others else game.payoffs[i]
            out[i] = float(worst.max())
            continue
        U = _matrix_for(game, i)
        m, k = U.shape
        # maximise w subject to x^T U >= w, sum x = 1, x >= 0; variables (x, w).
        c = np.r_[np.zeros(m), -1.0]
        A_ub = np.c_[-U.T, np.ones(k)]
        A_eq = np.r_[np.ones(m), 0.0][None, :]
        x = _lp(c, A_ub, np.zeros(k), A_eq, [1.0])
        strategy = np.clip(x[:m], 0.0, None)
        strategy /= strategy.sum()
        out[i] = float((strategy @ U).min())
    return _frozen(out)


# ---------------------------------------------------------------------------------------- sets
def feasible_set(game: Game) -> Polygon:
    """The feasible payoff set of a two-player game: the convex hull of its pure payoff profiles.

    Parameters
    ----------
    game : Game
        A two-player game.

    Returns
    -------
    Polygon
        Counter-clockwise vertices; a point or a segment when the payoff profiles are collinear.

    Raises
    ------
    PlayerCountError
        If the game does not have two players.

    Examples
    --------
    >>> import bargain as bg
    >>> from bargain.repeated.minmax import feasible_set
    >>> pd = bg.Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> feasible_set(pd)
    Polygon(polygon: [(0, 5), (1, 1), (5, 0), (3, 3)])
    >>> feasible_set(pd).area
    10.0
    """
    game = _check_game(game)
    game.require_players(2, "feasible_set")
    points = game.payoffs.reshape(2, -1).T
    return Polygon(_hull(points, GEOMETRY_TOL * payoff_scale(game)))


def individually_rational_set(game: Game, *, mixed: bool = True) -> Polygon:
    """The feasible payoffs of a two-player game at which each player gets at least its minmax.

    ``{u in feasible_set(game) : u_i >= minmax_i for each i}``, by clipping the feasible polygon
    with the two half-planes. With ``mixed=True`` the set is never empty (it holds every Nash
    equilibrium payoff) but may be a point or a segment; with the larger pure minmax values it may
    be empty (matching pennies).

    Parameters
    ----------
    game : Game
        A two-player game.
    mixed : bool, default True
        Which minmax values bound the set (mixed or pure punishers).

    Returns
    -------
    Polygon

    Examples
    --------
    >>> import bargain as bg
    >>> from bargain.repeated.minmax import individually_rational_set
    >>> pd = bg.Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> individually_rational_set(pd)
    Polygon(polygon: [(1, 1), (4.33333, 1), (3, 3), (1, 4.33333)])
    """
    game = _check_game(game)
    game.require_players(2, "individually_rational_set")
    tol = GEOMETRY_TOL * payoff_scale(game)
    bounds = minmax(game, mixed=mixed).values
    return Polygon(_clip_lower_bounds(feasible_set(game).vertices, np.asarray(bounds), tol))
