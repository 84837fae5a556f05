"""Bargaining: Rubinstein alternating offers and the axiomatic (Nash, Kalai–Smorodinsky, egalitarian) solutions.

Alternating offers
------------------
Two players split a surplus ``S`` (default 1). In each period one of them (the *proposer*) offers a
split; the other (the *responder*) accepts, which ends the game, or rejects, after which the roles
swap and one period passes. Player ``i`` discounts a period by ``delta_i`` (``d1`` for player 0,
``d2`` for player 1). :func:`rubinstein` returns the outcome of the stationary subgame-perfect
equilibrium (SPE), with every variant below in one closed form.

Write ``M_i`` for player ``i``'s share when it proposes and ``t_i`` for the least share it accepts
when it responds. In the stationary SPE the proposer ``i`` offers the responder ``j`` exactly
``t_j`` and keeps ``M_i = S - t_j``; the responder accepts any offer of at least ``t_j``. Agreement
is immediate. The responder's threshold is what it gets by not accepting::

    t_j = max(w_j, p b_j + (1 - p) delta_j M_j)

where ``w_j`` is its outside option (``-inf`` without outside options) and ``(p, b)`` the risk of
breakdown (``p = 0`` without it). Write ``r_j = p b_j`` and ``q_j = (1 - p) delta_j``. The map
``(M_0, M_1) -> (S - t_1, S - t_0)`` is a contraction over two periods (factor ``q_0 q_1 < 1``), so
the stationary SPE is unique; its closed form depends on which outside options *bind*
(``w_j > r_j + q_j M_j``):

* **no option binds** (the Rubinstein 1982 / Binmore–Rubinstein–Wolinsky 1986 shares)::

      M_0 = (S - r_1 - q_1 (S - r_0)) / (1 - q_0 q_1),   M_1 = (S - r_0 - q_0 (S - r_1)) / (1 - q_0 q_1)

  With no breakdown this is ``M_0 = S (1 - delta_1) / (1 - delta_0 delta_1)``, and symmetrically.
  It holds when ``w_0 <= r_0 + q_0 M_0`` and ``w_1 <= r_1 + q_1 M_1``.
* **player 1's outside option binds**: ``M_0 = S - w_1`` and ``M_1 = S - r_0 - q_0 (S - w_1)``;
  it holds when ``w_1 > r_1 + q_1 M_1`` and ``w_0 <= r_0 + q_0 (S - w_1)``.
* **player 0's outside option binds**: ``M_1 = S - w_0`` and ``M_0 = S - r_1 - q_1 (S - w_0)``;
  it holds when ``w_0 > r_0 + q_0 M_0`` and ``w_1 <= r_1 + q_1 (S - w_0)``.
* **both outside options bind**: ``M_0 = S - w_1`` and ``M_1 = S - w_0``; it holds when
  ``w_1 > r_1 + q_1 (S - w_0)`` and ``w_0 > r_0 + q_0 (S - w_1)``.

This is the *outside-option principle* (Binmore, Shaked and Sutton 1989; Osborne and Rubinstein 1990,
Section 3.12; Muthoo 1999, Chapter 5): an outside option matters only if it is worth more than what
the player would get in the game without it, and then the proposer offers exactly the option. Without
breakdown, "player 1's option binds" is ``w_1 > delta_1 x_1^*``, with ``x_1^*`` player 1's Rubinstein
share as proposer. Only the responder may opt out; opting out ends the game with payoffs ``(w_0, w_1)``.

If ``w_0 + w_1 > S`` no split gives both at least their options: the proposer prefers to let the
responder opt out (it then gets ``w_i > S - w_j``), so in the SPE the proposer demands the whole
surplus and the responder opts out at once. :func:`rubinstein` then reports ``shares = (w_0, w_1)``
(the payoffs, which sum to more than ``S``), ``delay = inf`` and the regime ``"no agreement"``. (This
needs ``b_j <= w_j`` when there is also a risk of breakdown, so that opting out beats waiting.)

A **finite horizon** of ``T`` rounds (Ståhl 1972) is solved by backward induction: the proposer of
round ``T`` takes the whole surplus, and the proposer of round ``t < T`` keeps
``a_t = S - delta_j a_{t+1}``, where ``j`` is the responder of round ``t`` (the proposer of round
``t + 1``). As ``T -> inf`` the shares tend to the infinite-horizon ones.

Axiomatic solutions
-------------------
A bargaining problem is a convex feasible set ``F`` of utility pairs and a disagreement point ``d``
in ``F`` strictly dominated by some point of ``F``. ``F`` is given either as the vertices of a convex
polygon (any order; their convex hull is used) or as a frontier ``(f, (lo, hi))``: the set of points
``(u0, u1)`` with ``u0 <= hi`` and ``u1 <= f(max(u0, lo))``, for ``f`` decreasing and concave on
``[lo, hi]`` (the set under the frontier, with free disposal).

* the asymmetric **Nash** solution maximises ``(u0 - d0)^w0 (u1 - d1)^w1`` over ``u >= d`` in ``F``
  (Nash 1950; Kalai 1977 for weights);
* the **Kalai–Smorodinsky** solution is the maximal point of ``F`` on the segment from ``d`` to the
  ideal point ``a``, ``a_i = max{u_i : u in F, u >= d}`` (Kalai and Smorodinsky 1975);
* the **egalitarian** solution is the maximal point of ``F`` of the form ``d + t (1, 1)`` (Kalai 1977).

On polygons they are exact: the Nash product on each edge ``u(t) = A + t (B - A)`` is maximised at the
root of the derivative of its logarithm (a linear equation in ``t``), and the other two solutions are
ray–polygon intersections. On frontiers they are found by Brent's method on a monotone equation.

Limit theorem (Binmore, Rubinstein and Wolinsky 1986): with ``delta_i = exp(-r_i h)``, the Rubinstein
shares tend, as the period length ``h -> 0``, to the asymmetric Nash solution of the split of ``S``
with weights ``1 / r_i`` (equivalently ``1 / ln(1 / delta_i)``).

References
----------
.. [1] A. Rubinstein, "Perfect equilibrium in a bargaining model", *Econometrica* 50 (1982) 97-109.
.. [2] I. Ståhl, *Bargaining Theory*, Stockholm School of Economics (1972).
.. [3] A. Shaked and J. Sutton, "Involuntary unemployment as a perfect equilibrium in a bargaining
   model", *Econometrica* 52 (1984) 1351-1364.
.. [4] K. Binmore, A. Rubinstein and A. Wolinsky, "The Nash bargaining solution in economic
   modelling", *RAND Journal of Economics* 17 (1986) 176-188.
.. [5] K. Binmore, A. Shaked and J. Sutton, "An outside option experiment", *Quarterly Journal of
   Economics* 104 (1989) 753-770.
.. [6] M. J. Osborne and A. Rubinstein, *Bargaining and Markets* (1990), Chapter 3.
.. [7] A. Muthoo, *Bargaining Theory with Applications* (1999), Chapters 2-5.
.. [8] J. F. Nash, "The bargaining problem", *Econometrica* 18 (1950) 155-162.
.. [9] E. Kalai and M. Smorodinsky, "Other solutions to Nash's bargaining problem", *Econometrica* 43
   (1975) 513-518.
.. [10] E. Kalai, "Proportional solutions to bargaining situations: interpersonal utility
   comparisons", *Econometrica* 45 (1977) 1623-1630.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from numbers import Integral

import numpy as np
from scipy.optimize import brentq

from ._arrays import frozen as _frozen
from ._validation import check_positive, check_real
from .errors import ArgumentTypeError, InvalidArgumentError

__all__ = [
    "Agreement",
    "PlayerStrategy",
    "rubinstein",
    "nash_solution",
    "kalai_smorodinsky",
    "egalitarian",
]

#: Relative tolerance used to decide which regime holds at a tie and whether a point is feasible.
REGIME_TOL = 1e-12
#: Relative tolerance (of the utility scale) for feasibility of the disagreement point.
FEASIBILITY_TOL = 1e-9
#: Relative jump of the one-sided slopes of a frontier taken as a kink.
KINK_TOL = 1e-3
#: Number of grid points used to check that a frontier is decreasing and concave.
FRONTIER_GRID = 401

_NO_BIND = "no option binds"
_BIND_0 = "player 0's outside option binds"
_BIND_1 = "player 1's outside option binds"
_BIND_BOTH = "both outside options bind"
_NO_DEAL = "no agreement: the outside options sum to more than the surplus"


# ------------------------------------------------------------------------------------------ records
@dataclass(frozen=True)
class PlayerStrategy:
    """One player's strategy in the subgame-perfect equilibrium of alternating offers.

    Attributes
    ----------
    player : int
        The player (0 or 1).
    demand : float
        The share the player keeps when it proposes (it offers ``surplus - demand``). In a finite
        horizon, the demand in its first round as proposer (``nan`` if it never proposes).
    threshold : float
        The least share the player accepts when it responds. In a finite horizon, the threshold in its
        first round as responder (``nan`` if it never responds).
    opts_out : bool
        Whether, offered less than ``threshold``, the player opts out (its outside option binds)
        rather than rejecting and waiting.
    description : str
        The strategy in words.
    """

    player: int
    demand: float
    threshold: float
    opts_out: bool
    description: str

    def __str__(self) -> str:
        return self.description


@dataclass(frozen=True, repr=False)
class Agreement:
    """The subgame-perfect outcome of an alternating-offers game.

    Attributes
    ----------
    shares : tuple of float
        Player 0's and player 1's payoffs: their shares of the surplus at the agreement (or their
        outside options when there is no agreement).
    delay : float
        Periods until agreement: 0 for immediate agreement, ``math.inf`` when none is reached.
    proposer : int
        Who proposes first.
    regime : str
        Which outside option binds: ``"no option binds"``, ``"player 0's outside option binds"``,
        ``"player 1's outside option binds"``, ``"both outside options bind"``, or the no-agreement
        regime (``"no agreement: ..."``).
    strategies : tuple of PlayerStrategy
        Each player's equilibrium strategy (offer when proposing, acceptance threshold when responding).
    surplus : float
        The size of the surplus.
    horizon : int or None
        The number of rounds (``None`` for the infinite horizon).
    schedule : tuple of tuple
        For a finite horizon, one row ``(round, proposer, demand)`` per round: the share the proposer
        of that round would keep, from round 1 to round ``horizon``. Empty for the infinite horizon.
    """

    shares: tuple[float, float]
    delay: float
    proposer: int
    regime: str
    strategies: tuple[PlayerStrategy, PlayerStrategy]
    surplus: float = 1.0
    horizon: int | None = None
    schedule: tuple[tuple[int, int, float], ...] = ()

    @property
    def agreed(self) -> bool:
        """Whether the players reach an agreement."""
        return math.isfinite(self.delay)

    def __repr__(self) -> str:
        shares = ", ".join(f"{x:.6g}" for x in self.shares)
        when = "immediately" if self.delay == 0 else ("never" if not self.agreed else f"after {self.delay:g}")
        horizon = "" if self.horizon is None else f", horizon={self.horizon}"
        return (
            f"Agreement(shares=({shares}), agreement {when}, proposer={self.proposer}, "
            f"regime={self.regime!r}{horizon})"
        )


# ------------------------------------------------------------------------------------- validation
def _check_discount(name: str, value: object, allow_one: bool, why: str) -> float:
    out = check_real(name, value)
    if allow_one:
        if not 0 < out <= 1:
            raise InvalidArgumentError(f"{name} must be in (0, 1] ({why}); got {value!r}")
    elif not 0 < out < 1:
        raise InvalidArgumentError(f"{name} must be in (0, 1){why}; got {value!r}")
    return out


def _check_pair(name: str, value: object) -> tuple[float, float]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence | np.ndarray) or len(value) != 2:
        raise ArgumentTypeError(f"{name} must be a pair of real numbers (player 0's, player 1's); got {value!r}")
    return check_real(f"{name}[0]", value[0]), check_real(f"{name}[1]", value[1])


def _check_payoffs(name: str, value: object, surplus: float) -> tuple[float, float]:
    pair = _check_pair(name, value)
    for i, x in enumerate(pair):
        if not 0 <= x <= surplus:
            raise InvalidArgumentError(f"{name}[{i}] must be in [0, surplus] = [0, {surplus:g}]; got {x!r}")
    return pair


# -------------------------------------------------------------------------------------- rubinstein
def rubinstein(
    d1: float,
    d2: float,
    *,
    proposer: int = 0,
    outside_options: Sequence[float] | None = None,
    breakdown: tuple[float, Sequence[float]] | None = None,
    horizon: int | None = None,
    surplus: float = 1.0,
) -> Agreement:
    """The subgame-perfect split of a surplus under alternating offers (Rubinstein 1982).

    The stationary SPE of the infinite-horizon game with asymmetric discounting, outside options for
    the responder and a risk of breakdown, or the unique SPE of the finite-horizon game (Ståhl 1972).
    The closed forms of every regime are in the module docstring (:mod:`bargain.bargaining`).

    Parameters
    ----------
    d1, d2 : float
        Player 0's and player 1's discount factors per period, in (0, 1). A discount factor of 1 is
        allowed where the game stays well defined: with a risk of breakdown ``p > 0``, when the
        other player discounts (``d1 * d2 < 1``), or with a finite horizon; ``d1 = d2 = 1`` with
        neither is refused (every split is then an equilibrium outcome).
    proposer : {0, 1}, default 0
        Who makes the first offer.
    outside_options : pair of float, optional
        ``(w0, w1)`` in ``[0, surplus]``: the payoffs when the responder opts out instead of
        accepting or rejecting an offer. Only the responder may opt out.
    breakdown : (p, (b0, b1)), optional
        After each rejection, talks break down with probability ``p`` in [0, 1], giving ``(b0, b1)``,
        with ``b0, b1 >= 0`` and ``b0 + b1 <= surplus``. The responder's value of rejecting is
        ``p b_j + (1 - p) d_j M_j`` (breakdown payoffs are not discounted).
    horizon : int, optional
        A finite number of rounds ``T >= 1``; the proposer of the last round takes everything.
        Supported for the plain model only (not with ``outside_options`` or ``breakdown``).
    surplus : float, default 1.0
        The size of the surplus, > 0.

    Returns
    -------
    Agreement
        The shares, the delay (0, or ``inf`` when the outside options exceed the surplus), the regime
        and both players' strategies.

    Raises
    ------
    InvalidArgumentError
        A discount factor outside (0, 1) (or (0, 1] where allowed), ``p`` outside [0, 1], an outside
        option or breakdown payoff negative or above the surplus, ``b0 + b1 > surplus``, a proposer
        other than 0 or 1, ``horizon < 1``, or a finite horizon combined with options or breakdown.
    ArgumentTypeError
        An argument of the wrong type.

    References
    ----------
    Rubinstein (1982); Ståhl (1972); Shaked and Sutton (1984); Binmore, Rubinstein and Wolinsky
    (1986); Osborne and Rubinstein (1990), Section 3.12; Muthoo (1999), Chapter 5.

    Examples
    --------
    >>> from bargain.bargaining import rubinstein
    >>> rubinstein(0.9, 0.9).shares              # 1 / (1 + delta), delta / (1 + delta)
    (0.526316, 0.473684)
    >>> deal = rubinstein(0.9, 0.9, outside_options=(0.0, 0.6))
    >>> deal.shares, deal.regime
    ((0.4, 0.6), "player 1's outside option binds")
    >>> rubinstein(0.9, 0.8, horizon=2).shares    # Ståhl: player 0 offers delta_1 = 0.8
    (0.2, 0.8)
    """
    surplus = check_positive("surplus", surplus)
    if isinstance(proposer, bool) or not isinstance(proposer, Integral) or proposer not in (0, 1):
        raise InvalidArgumentError(f"proposer must be 0 or 1; got {proposer!r}")
    proposer = int(proposer)
    if horizon is not None:
        if isinstance(horizon, bool) or not isinstance(horizon, Integral):
            raise ArgumentTypeError(f"horizon must be an integer >= 1 or None; got {horizon!r}")
        if horizon < 1:
            raise InvalidArgumentError(f"horizon must be >= 1; got {horizon!r}")
        if outside_options is not None or breakdown is not None:
            raise InvalidArgumentError(
                "horizon supports the plain alternating-offers model only; got horizon="
                f"{horizon!r} with outside_options={outside_options!r} and breakdown={breakdown!r} "
                "(pass horizon=None for the infinite-horizon model with options and breakdown)"
            )
        deltas = (
            _check_discount("d1", d1, True, "finite horizon"),
            _check_discount("d2", d2, True, "finite horizon"),
        )
        return _stahl(deltas, proposer, int(horizon), surplus)

    p, b = 0.0, (0.0, 0.0)
    if breakdown is not None:
        if isinstance(breakdown, str | bytes) or not isinstance(breakdown, Sequence) or len(breakdown) != 2:
            raise ArgumentTypeError(f"breakdown must be a pair (p, (b0, b1)); got {breakdown!r}")
        p = check_real("breakdown probability p", breakdown[0])
        if not 0 <= p <= 1:
            raise InvalidArgumentError(f"breakdown probability p must be in [0, 1]; got {breakdown[0]!r}")
        b = _check_payoffs("breakdown payoffs", breakdown[1], surplus)
        if b[0] + b[1] > surplus * (1 + REGIME_TOL):
            raise InvalidArgumentError(
                f"breakdown payoffs must sum to at most the surplus {surplus:g}; got {b[0]!r} + {b[1]!r}"
            )
    if p > 0:
        deltas = (
            _check_discount("d1", d1, True, "allowed with breakdown p > 0"),
            _check_discount("d2", d2, True, "allowed with breakdown p > 0"),
        )
    else:
        raw = (check_real("d1", d1), check_real("d2", d2))
        # one patient player is well defined if the other discounts: the two-period factor is d1 d2 < 1
        one_ok = raw[0] * raw[1] < 1
        why = "; 1 is allowed only for one player, or with breakdown p > 0, or a finite horizon"
        deltas = (
            _check_discount("d1", d1, False, why) if not (raw[0] == 1 and one_ok) else 1.0,
            _check_discount("d2", d2, False, why) if not (raw[1] == 1 and one_ok) else 1.0,
        )
    w = None if outside_options is None else _check_payoffs("outside_options", outside_options, surplus)
    return _stationary(deltas, proposer, w, p, b, surplus)


def _stationary(deltas, proposer, w, p, b, surplus) -> Agreement:
    S = surplus
    r = (p * b[0], p * b[1])
    q = ((1 - p) * deltas[0], (1 - p) * deltas[1])
    tol = REGIME_TOL * S

    if w is not None and w[0] + w[1] > S * (1 + REGIME_TOL):
        if p > 0 and (b[0] > w[0] or b[1] > w[1]):
            raise InvalidArgumentError(
                f"outside options summing to more than the surplus ({w[0]!r} + {w[1]!r} > {S:g}) "
                f"are supported with breakdown only when each breakdown payoff is at most the "
                f"player's outside option; got breakdown payoffs {b!r}"
            )
        strategies = tuple(
            PlayerStrategy(
                i, S, w[i], True,
                f"player {i}: when proposing, demands the whole surplus {S:.6g}; when responding, "
                f"accepts a share of at least {w[i]:.6g} and otherwise opts out (outside option {w[i]:.6g})",
            )
            for i in (0, 1)
        )
        return Agreement((w[0], w[1]), math.inf, proposer, _NO_DEAL, strategies, S)

    # the four regimes (see the module docstring); exactly one holds, up to ties at the boundaries
    # a_j = 1 - q_j and 1 - q_0 q_1 = a_0 + q_0 a_1, written so that nothing cancels as p -> 0 and d -> 1
    a = ((1 - deltas[0]) + p * deltas[0], (1 - deltas[1]) + p * deltas[1])
    det = a[0] + q[0] * a[1]
    candidates = [(_NO_BIND, ((S * a[1] - r[1] + q[1] * r[0]) / det, (S * a[0] - r[0] + q[0] * r[1]) / det))]
    if w is not None:
        candidates += [
            (_BIND_1, (S - w[1], S - r[0] - q[0] * (S - w[1]))),
            (_BIND_0, (S - r[1] - q[1] * (S - w[0]), S - w[0])),
            (_BIND_BOTH, (S - w[1], S - w[0])),
        ]
    ww = w if w is not None else (-math.inf, -math.inf)

    def consistent(regime, M):
        binds = {_NO_BIND: (False, False), _BIND_0: (True, False), _BIND_1: (False, True),
                 _BIND_BOTH: (True, True)}[regime]
        for j in (0, 1):
            wait = r[j] + q[j] * M[j]
            if binds[j] and not ww[j] >= wait - tol:
                return False
            if not binds[j] and not ww[j] <= wait + tol:
                return False
        return True

    regime, M = next((c for c in candidates if consistent(*c)), candidates[-1])
    thresholds = tuple(max(ww[j], r[j] + q[j] * M[j]) for j in (0, 1))
    opts_out = tuple(w is not None and ww[j] > r[j] + q[j] * M[j] + tol for j in (0, 1))
    M = tuple(min(max(m, 0.0), S) for m in M)
    thresholds = tuple(min(max(t, 0.0), S) for t in thresholds)
    strategies = tuple(
        PlayerStrategy(
            i, M[i], thresholds[i], opts_out[i],
            f"player {i}: when proposing, demands {M[i]:.6g} and offers {S - M[i]:.6g}; when responding, "
            f"accepts a share of at least {thresholds[i]:.6g} and otherwise "
            + ("opts out" if opts_out[i] else "rejects"),
        )
        for i in (0, 1)
    )
    other = 1 - proposer
    shares = [0.0, 0.0]
    shares[proposer] = M[proposer]
    shares[other] = S - M[proposer]
    return Agreement((shares[0], shares[1]), 0, proposer, regime, strategies, S)


def _stahl(deltas, proposer, horizon, surplus) -> Agreement:
    S = surplus
    # demands[t] is the share the proposer of round t + 1 keeps; the last proposer takes everything
    proposers = [(proposer + t) % 2 for t in range(horizon)]
    demands = [0.0] * horizon
    demands[-1] = S
    for t in range(horizon - 2, -1, -1):
        demands[t] = S - deltas[proposers[t + 1]] * demands[t + 1]
    shares = [0.0, 0.0]
    shares[proposer] = demands[0]
    shares[1 - proposer] = S - demands[0]
    strategies = []
    for i in (0, 1):
        own = [t for t in range(horizon) if proposers[t] == i]
        resp = [t for t in range(horizon) if proposers[t] != i]
        demand = demands[own[0]] if own else math.nan
        threshold = S - demands[resp[0]] if resp else math.nan
        strategies.append(
            PlayerStrategy(
                i, demand, threshold, False,
                f"player {i}: in a round t where it proposes, demands a_t and offers {S:.6g} - a_t; in a "
                f"round where it responds, accepts a share of at least {S:.6g} - a_t (a_t as in the "
                f"schedule; a_T = {S:.6g}, a_t = {S:.6g} - delta_next a_(t+1))",
            )
        )
    schedule = tuple((t + 1, proposers[t], demands[t]) for t in range(horizon))
    return Agreement(
        (shares[0], shares[1]), 0, proposer, _NO_BIND, tuple(strategies), S, horizon, schedule
    )


# ------------------------------------------------------------------------------ feasible sets
class _Polygon:
    """The convex hull of finitely many points, counter-clockwise (1, 2 or more vertices)."""

    def __init__(self, vertices: np.ndarray):
        self.vertices = _convex_hull(vertices)
        self.scale = max(1.0, float(np.abs(vertices).max()))

    def edges(self):
        v = self.vertices
        if len(v) == 1:
            return [(v[0], v[0])]
        if len(v) == 2:
            return [(v[0], v[1])]
        return [(v[k], v[(k + 1) % len(v)]) for k in range(len(v))]

    def contains(self, point: np.ndarray, tol: float) -> bool:
        v = self.vertices
        if len(v) == 1:
            return float(np.abs(point - v[0]).max()) <= tol
        if len(v) == 2:
            e = v[1] - v[0]
            s = float(np.dot(point - v[0], e) / np.dot(e, e))
            closest = v[0] + min(max(s, 0.0), 1.0) * e
            return float(np.abs(point - closest).max()) <= tol
        for a, b in self.edges():
            e = b - a
            normal = np.array([e[1], -e[0]]) / math.hypot(*e)  # outward, for a counter-clockwise hull
            if float(np.dot(normal, point - a)) > tol:
                return False
        return True

    def ray_exit(self, start: np.ndarray, direction: np.ndarray) -> float:
        """The largest ``t >= 0`` with ``start + t direction`` in the polygon (``start`` inside)."""
        v = self.vertices
        if len(v) == 1:
            return 0.0
        if len(v) == 2:
            e = v[1] - v[0]
            if abs(e[0] * direction[1] - e[1] * direction[0]) > 1e-14 * math.hypot(*e) * math.hypot(*direction):
                return 0.0
            end = v[1] if np.dot(e, direction) > 0 else v[0]
            return max(0.0, float(np.dot(end - start, direction) / np.dot(direction, direction)))
        t = math.inf
        for a, b in self.edges():
            e = b - a
            normal = np.array([e[1], -e[0]])
            speed = float(np.dot(normal, direction))
            if speed > 0:
                t = min(t, float(np.dot(normal, a - start)) / speed)
        return max(t, 0.0)

    def max_coordinate(self, i: int, floor: float) -> float:
        """``max u_i`` over the polygon's points with ``u_(1-i) >= floor``."""
        j = 1 - i
        best = -math.inf
        for a, b in self.edges():
            for point in (a, b):
                if point[j] >= floor:
                    best = max(best, float(point[i]))
            if (a[j] - floor) * (b[j] - floor) < 0:
                s = (floor - a[j]) / (b[j] - a[j])
                best = max(best, float(a[i] + s * (b[i] - a[i])))
        return best

    def max_min_gain(self, d: np.ndarray) -> float:
        """``max over u in the polygon of min(u0 - d0, u1 - d1)``."""
        best = -math.inf
        for a, b in self.edges():
            ga, gb = a - d, b - d
            best = max(best, float(ga.min()), float(gb.min()))
            fa, fb = ga[0] - ga[1], gb[0] - gb[1]
            if fa * fb < 0:
                s = fa / (fa - fb)
                best = max(best, float((ga + s * (gb - ga))[0]))
        return best


def _convex_hull(points: np.ndarray) -> np.ndarray:
    """Andrew's monotone chain: the hull's vertices counter-clockwise, collinear points dropped."""
    pts = sorted({(float(x), float(y)) for x, y in points})
    if len(pts) <= 2:
        return np.array(pts, dtype=float)

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    def chain(seq):
        out: list[tuple[float, float]] = []
        for p in seq:
            while len(out) >= 2 and cross(out[-2], out[-1], p) <= 0:
                out.pop()
            out.append(p)
        return out

    lower, upper = chain(pts), chain(reversed(pts))
    hull = lower[:-1] + upper[:-1]
    return np.array(hull, dtype=float)


class _Frontier:
    """The set under a decreasing concave frontier ``u1 = f(u0)`` on ``[lo, hi]``, with free disposal."""

    def __init__(self, f: Callable[[float], float], lo: float, hi: float):
        self.f, self.lo, self.hi = f, lo, hi
        grid = np.linspace(lo, hi, FRONTIER_GRID)
        values = np.array([self.value(x) for x in grid])
        self.scale = max(1.0, float(np.abs(values).max()), abs(lo), abs(hi))
        tol = 1e-9 * self.scale
        steps = np.diff(values)
        if np.any(steps > tol):
            k = int(np.argmax(steps))
            raise InvalidArgumentError(
                f"feasible frontier f must be decreasing on [lo, hi] = [{lo:g}, {hi:g}]; got "
                f"f({grid[k]:.6g}) = {values[k]:.6g} < f({grid[k + 1]:.6g}) = {values[k + 1]:.6g}"
            )
        second = values[2:] - 2 * values[1:-1] + values[:-2]
        if np.any(second > tol):
            k = int(np.argmax(second)) + 1
            raise InvalidArgumentError(
                f"feasible frontier f must be concave on [lo, hi] = [{lo:g}, {hi:g}]; got f({grid[k]:.6g}) = "
                f"{values[k]:.6g} below the chord of its neighbours (second difference {second[k - 1]:.3g} > 0)"
            )

    def value(self, x: float) -> float:
        try:
            y = float(self.f(min(max(x, self.lo), self.hi)))
        except (TypeError, ValueError) as err:
            raise ArgumentTypeError(f"feasible frontier f must return a real number; f({x!r}) failed: {err}") from err
        if not math.isfinite(y):
            raise InvalidArgumentError(f"feasible frontier f must be finite on [lo, hi]; got f({x!r}) = {y!r}")
        return y

    def contains(self, point: np.ndarray, tol: float) -> bool:
        return point[0] <= self.hi + tol and point[1] <= self.value(max(point[0], self.lo)) + tol

    @property
    def step(self) -> float:
        """The finite-difference step for slopes."""
        return 1e-6 * (self.hi - self.lo)

    def slope(self, x: float) -> float:
        h = self.step
        a, b = max(x - h, self.lo), min(x + h, self.hi)
        return (self.value(b) - self.value(a)) / (b - a)

    def u0_limit(self, d: np.ndarray) -> float:
        """The largest ``u0`` with a feasible point ``(u0, u1 >= d1)``."""
        if self.value(self.hi) >= d[1]:
            return self.hi
        start = max(d[0], self.lo)
        return brentq(lambda x: self.value(x) - d[1], start, self.hi, xtol=1e-15 * self.scale, rtol=1e-15)

    def ray_exit(self, start: np.ndarray, direction: np.ndarray) -> float:
        """The largest ``t >= 0`` with ``start + t direction`` feasible, for ``direction > 0``."""
        t_hi = (self.hi - start[0]) / direction[0]

        def gap(t):
            return self.value(start[0] + t * direction[0]) - start[1] - t * direction[1]

        if gap(t_hi) >= 0:
            return t_hi
        return brentq(gap, 0.0, t_hi, xtol=1e-15 * self.scale, rtol=1e-15)


def _feasible_set(feasible: object):
    if callable(feasible):
        raise ArgumentTypeError("feasible must be vertices (k, 2) or a pair (f, (lo, hi)); got a bare callable")
    if isinstance(feasible, tuple) and len(feasible) == 2 and callable(feasible[0]):
        f, bounds = feasible
        lo, hi = _check_pair("feasible frontier bounds (lo, hi)", bounds)
        if not lo < hi:
            raise InvalidArgumentError(f"feasible frontier bounds must have lo < hi; got ({lo!r}, {hi!r})")
        return _Frontier(f, lo, hi)
    try:
        vertices = np.array(feasible, dtype=float)
    except (TypeError, ValueError) as err:
        raise ArgumentTypeError(
            f"feasible must be vertices, an array (k, 2), or a pair (f, (lo, hi)); got {feasible!r}"
        ) from err
    if vertices.ndim != 2 or vertices.shape[1] != 2 or vertices.shape[0] < 1:
        raise InvalidArgumentError(
            f"feasible vertices must be an array of shape (k, 2) with k >= 1; got shape {vertices.shape}"
        )
    if not np.all(np.isfinite(vertices)):
        raise InvalidArgumentError("feasible vertices must be finite; got a nan or inf entry")
    return _Polygon(vertices)


def _problem(feasible: object, disagreement: object):
    region = _feasible_set(feasible)
    d = np.array(_check_pair("disagreement", disagreement))
    scale = max(region.scale, float(np.abs(d).max()))
    tol = FEASIBILITY_TOL * scale
    if not region.contains(d, tol):
        raise InvalidArgumentError(
            f"disagreement point must be feasible (in the feasible set); got ({d[0]:.6g}, {d[1]:.6g})"
        )
    if isinstance(region, _Polygon):
        dominated = region.max_min_gain(d) > tol
    else:
        dominated = d[0] < region.hi - tol and region.value(max(d[0], region.lo)) > d[1] + tol
    if not dominated:
        raise InvalidArgumentError(
            f"disagreement point must be strictly dominated by some feasible point (both players gain); "
            f"got ({d[0]:.6g}, {d[1]:.6g}), which no feasible point improves for both"
        )
    return region, d


def _result(point) -> np.ndarray:
    return _frozen(point)


# --------------------------------------------------------------------------------- axiomatic solutions
def nash_solution(feasible, disagreement, *, weights=(1, 1)) -> np.ndarray:
    """The (asymmetric) Nash bargaining solution.

    Maximises ``(u0 - d0)^w0 (u1 - d1)^w1`` over the feasible points ``u >= d``; the maximiser is
    unique (the logarithm of the product is strictly concave) and Pareto optimal.

    Parameters
    ----------
    feasible : array_like (k, 2) or (callable, (float, float))
        Vertices of a convex polygon (any order; the convex hull is used), or a frontier
        ``(f, (lo, hi))`` with ``u1 = f(u0)`` decreasing and concave on ``[lo, hi]``; the feasible
        set is then every ``(u0, u1)`` with ``u0 <= hi`` and ``u1 <= f(max(u0, lo))``.
    disagreement : pair of float
        The disagreement point ``d``: feasible, and strictly dominated by some feasible point.
    weights : pair of float, default (1, 1)
        The bargaining powers ``(w0, w1)``, both > 0 (only their ratio matters).

    Returns
    -------
    numpy.ndarray
        ``[u0, u1]`` (read-only).

    Raises
    ------
    InvalidArgumentError
        A weight <= 0, an infeasible or undominated disagreement point, a frontier that is not
        decreasing and concave, or malformed vertices.

    References
    ----------
    Nash (1950); Kalai (1977) and Binmore, Rubinstein and Wolinsky (1986) for the asymmetric solution.

    Examples
    --------
    >>> from bargain.bargaining import nash_solution
    >>> simplex = [(0, 0), (1, 0), (0, 1)]
    >>> nash_solution(simplex, (0.2, 0.0))
    array([0.6, 0.4])
    >>> nash_solution(simplex, (0, 0), weights=(1, 3))
    array([0.25, 0.75])
    >>> nash_solution((lambda x: 1 - x**2, (0, 1)), (0, 0)).round(6)   # u0 = 1/sqrt(3)
    array([0.57735 , 0.666667])
    """
    w = _check_pair("weights", weights)
    for i, x in enumerate(w):
        if x <= 0:
            raise InvalidArgumentError(f"weights[{i}] must be > 0; got {x!r}")
    region, d = _problem(feasible, disagreement)
    if isinstance(region, _Polygon):
        return _result(_nash_polygon(region, d, w))
    return _result(_nash_frontier(region, d, w))


def _nash_polygon(region: _Polygon, d: np.ndarray, w) -> np.ndarray:
    def log_product(point):
        gain = point - d
        if gain[0] <= 0 or gain[1] <= 0:
            return -math.inf
        return w[0] * math.log(gain[0]) + w[1] * math.log(gain[1])

    best, best_value = None, -math.inf
    for a, b in region.edges():
        e = b - a
        g = a - d
        # the part of the edge with u >= d: g_k + t e_k >= 0 for k = 0, 1, t in [0, 1]
        lo, hi = 0.0, 1.0
        flat = 1e-15 * float(np.abs(e).max())
        for k in (0, 1):
            if e[k] > flat:
                lo = max(lo, -g[k] / e[k])
            elif e[k] < -flat:
                hi = min(hi, -g[k] / e[k])
            elif g[k] < 0:
                lo, hi = 1.0, 0.0
        if lo > hi:
            continue
        candidates = [lo, hi]
        # d/dt [w0 ln(g0 + t e0) + w1 ln(g1 + t e1)] = 0 is linear in t
        if abs(e[0]) > flat and abs(e[1]) > flat:
            t = -(w[0] * g[1] * e[0] + w[1] * g[0] * e[1]) / ((w[0] + w[1]) * e[0] * e[1])
            candidates.append(min(max(t, lo), hi))
        for t in candidates:
            point = a + t * e
            value = log_product(point)
            if value > best_value:
                best, best_value = point, value
    return best


def _nash_frontier(region: _Frontier, d: np.ndarray, w) -> np.ndarray:
    x_lo = max(d[0], region.lo)
    x_hi = region.u0_limit(d)

    def foc(x):
        # derivative of w0 ln(x - d0) + w1 ln(f(x) - d1): strictly decreasing for concave decreasing f
        gap = region.value(x) - d[1]
        if gap <= 0:
            return -math.inf
        if x <= d[0]:
            return math.inf
        return w[0] / (x - d[0]) + w[1] * region.slope(x) / gap

    span = x_hi - x_lo
    inner_lo, inner_hi = x_lo + 1e-13 * span, x_hi - 1e-13 * span
    if foc(inner_hi) >= 0:
        x = x_hi
    elif foc(inner_lo) <= 0:
        x = x_lo
    else:
        x = brentq(foc, inner_lo, inner_hi, xtol=1e-15 * region.scale, rtol=1e-15)
        x = _polish_at_kink(region, d, w, x, x_lo, x_hi)
    return np.array([x, region.value(x)])


def _polish_at_kink(region: _Frontier, d: np.ndarray, w, x: float, x_lo: float, x_hi: float) -> float:
    # the finite-difference slope blurs a kink of f over the step h; there the Nash product has a
    # first-order peak, which a golden-section search within a few steps locates to rounding precision
    h = region.step
    left = (region.value(x) - region.value(x - 4 * h)) / (4 * h)
    right = (region.value(x + 4 * h) - region.value(x)) / (4 * h)
    if abs(left - right) <= KINK_TOL * (1 + abs(left)):
        return x

    def minus_log_product(y):
        gain = (y - d[0], region.value(y) - d[1])
        if gain[0] <= 0 or gain[1] <= 0:
            return math.inf
        return -(w[0] * math.log(gain[0]) + w[1] * math.log(gain[1]))

    # golden-section search: the objective is unimodal (concave), so this shrinks to rounding level
    lo, hi = max(x - 4 * h, x_lo), min(x + 4 * h, x_hi)
    ratio = (math.sqrt(5) - 1) / 2
    a, b = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
    fa, fb = minus_log_product(a), minus_log_product(b)
    for _ in range(120):
        if fa <= fb:
            hi, b, fb = b, a, fa
            a = hi - ratio * (hi - lo)
            fa = minus_log_product(a)
        else:
            lo, a, fa = a, b, fb
            b = lo + ratio * (hi - lo)
            fb = minus_log_product(b)
        if hi - lo <= 4 * np.finfo(float).eps * max(abs(lo), abs(hi), region.scale):
            break
    best = (lo + hi) / 2
    return best if minus_log_product(best) <= minus_log_product(x) else x


def kalai_smorodinsky(feasible, disagreement) -> np.ndarray:
    """The Kalai–Smorodinsky bargaining solution.

    The maximal feasible point on the segment from the disagreement point ``d`` to the ideal point
    ``a``, where ``a_i`` is the most player ``i`` can get at a feasible point giving both players at
    least their disagreement payoffs: gains are proportional to the players' largest possible gains.

    Parameters
    ----------
    feasible : array_like (k, 2) or (callable, (float, float))
        As in :func:`nash_solution`.
    disagreement : pair of float
        The disagreement point: feasible, and strictly dominated by some feasible point.

    Returns
    -------
    numpy.ndarray
        ``[u0, u1]`` (read-only).

    Raises
    ------
    InvalidArgumentError
        As in :func:`nash_solution`.

    References
    ----------
    Kalai and Smorodinsky (1975).

    Examples
    --------
    >>> from bargain.bargaining import kalai_smorodinsky
    >>> kalai_smorodinsky([(0, 0), (2, 0), (0, 1)], (0, 0))    # ideal (2, 1)
    array([1. , 0.5])
    """
    region, d = _problem(feasible, disagreement)
    if isinstance(region, _Polygon):
        ideal = np.array([region.max_coordinate(0, d[1]), region.max_coordinate(1, d[0])])
    else:
        ideal = np.array([region.u0_limit(d), region.value(max(d[0], region.lo))])
    t = region.ray_exit(d, ideal - d)
    return _result(d + min(t, 1.0) * (ideal - d))


def egalitarian(feasible, disagreement) -> np.ndarray:
    """The egalitarian bargaining solution: equal gains, as large as feasible.

    The maximal feasible point ``d + t (1, 1)``. It is weakly Pareto optimal; on a polygon with a
    horizontal or vertical Pareto edge through it, a player may be able to gain further alone.

    Parameters
    ----------
    feasible : array_like (k, 2) or (callable, (float, float))
        As in :func:`nash_solution`.
    disagreement : pair of float
        The disagreement point: feasible, and strictly dominated by some feasible point.

    Returns
    -------
    numpy.ndarray
        ``[u0, u1]`` (read-only).

    Raises
    ------
    InvalidArgumentError
        As in :func:`nash_solution`.

    References
    ----------
    Kalai (1977).

    Examples
    --------
    >>> from bargain.bargaining import egalitarian
    >>> egalitarian([(0, 0), (2, 0), (0, 1)], (0, 0)).round(6)    # t = 1 - t / 2
    array([0.666667, 0.666667])
    """
    region, d = _problem(feasible, disagreement)
    t = region.ray_exit(d, np.array([1.0, 1.0]))
    return _result(d + t)
