"""Bargaining: alternating offers, the axiomatic solutions, and delay (war of attrition, screening).

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

Delay
-----
With complete information the alternating-offers game ends at once. Two models here produce delay.

* **War of attrition** (continuous time): both sides pay a flow cost while holding out; the first to
  concede gets ``l_i``, the other the prize ``v_i``. :func:`war_of_attrition` gives, with complete
  information, the stationary mixed equilibrium (player ``i`` concedes at the rate
  ``c_j / (v_j - l_j)`` that keeps the other indifferent) and the equilibria in which one side
  concedes at once (Hendricks, Weiss and Wilson 1988); :func:`bayesian_war_of_attrition` gives the
  symmetric Bayesian equilibrium when values or costs are private, a concession time ``T`` that is
  monotone in the type (Bishop and Cannings 1978; Krishna and Morgan 1997; Bulow and Klemperer 1999).
* **Screening by one-sided offers**: a proposer makes offers over a finite horizon to a responder
  whose type (value of agreement) is private with a discrete prior. :func:`screening` computes the
  perfect Bayesian equilibrium by backward induction: higher types accept earlier (skimming), the
  proposer's beliefs are truncations of the prior, and its offers fall as it learns (Sobel and
  Takahashi 1983; Fudenberg, Levine and Tirole 1985; Fudenberg and Tirole 1991, Chapter 10).

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
.. [11] J. Maynard Smith, "The theory of games and the evolution of animal conflicts", *Journal of
   Theoretical Biology* 47 (1974) 209-221.
.. [12] D. T. Bishop and C. Cannings, "A generalized war of attrition", *Journal of Theoretical
   Biology* 70 (1978) 85-124.
.. [13] K. Hendricks, A. Weiss and C. Wilson, "The war of attrition in continuous time with complete
   information", *International Economic Review* 29 (1988) 663-680.
.. [14] V. Krishna and J. Morgan, "An analysis of the war of attrition and the all-pay auction",
   *Journal of Economic Theory* 72 (1997) 343-362.
.. [15] J. Bulow and P. Klemperer, "The generalized war of attrition", *American Economic Review* 89
   (1999) 175-189.
.. [16] J. Sobel and I. Takahashi, "A multistage model of bargaining", *Review of Economic Studies* 50
   (1983) 411-426.
.. [17] D. Fudenberg and J. Tirole, "Sequential bargaining with incomplete information", *Review of
   Economic Studies* 50 (1983) 221-247.
.. [18] D. Fudenberg, D. Levine and J. Tirole, "Infinite-horizon models of bargaining with one-sided
   incomplete information", in A. Roth (ed.), *Game-Theoretic Models of Bargaining*, Cambridge
   University Press (1985) 73-98.
.. [19] D. Fudenberg and J. Tirole, *Game Theory*, MIT Press (1991), Sections 4.5 and 10.2, Chapter 6.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from numbers import Integral, Real

import numpy as np
from scipy.integrate import IntegrationWarning, quad
from scipy.optimize import brentq

from ._arrays import frozen as _frozen
from ._validation import check_positive, check_real
from .errors import ArgumentTypeError, InvalidArgumentError, SolverError

__all__ = [
    "Agreement",
    "PlayerStrategy",
    "rubinstein",
    "nash_solution",
    "kalai_smorodinsky",
    "egalitarian",
    "Attrition",
    "AttritionEquilibrium",
    "war_of_attrition",
    "BayesianAttrition",
    "bayesian_war_of_attrition",
    "Screening",
    "screening",
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


# ================================================================================ war of attrition
#: Absolute and relative tolerances passed to :func:`scipy.integrate.quad`.
QUAD_EPSABS = 1e-13
QUAD_EPSREL = 1e-11
#: Subintervals allowed to :func:`scipy.integrate.quad`.
QUAD_LIMIT = 200
#: How far a user-supplied CDF may be from 0 at the bottom of its support and from 1 at the top.
CDF_TOL = 1e-9
#: Number of points at which a user-supplied CDF and PDF are checked (monotone, nonnegative).
DISTRIBUTION_CHECKS = 65


#: Largest error estimate of :func:`scipy.integrate.quad` accepted, relative to ``max(1, |integral|)``.
QUAD_ERROR_LIMIT = 1e-8


def _quad(f: Callable[[float], float], lo: float, hi: float) -> float:
    if not hi > lo:
        return 0.0
    with warnings.catch_warnings():
        # quad warns when rounding stops it short of the (tight) requested tolerance, typically
        # where a CDF given without its survival function loses digits near 1; the error estimate
        # below is what decides whether the result is usable
        warnings.simplefilter("ignore", IntegrationWarning)
        value, error = quad(f, lo, hi, epsabs=QUAD_EPSABS, epsrel=QUAD_EPSREL, limit=QUAD_LIMIT)
    if not math.isfinite(value) or error > QUAD_ERROR_LIMIT * max(1.0, abs(value)):
        raise SolverError(
            f"an integral over [{lo:.6g}, {hi:.6g}] did not converge (estimate {value!r}, error {error!r}); "
            "check that the distribution's CDF and PDF are continuous and correct"
        )
    return float(value)


@dataclass(frozen=True, repr=False)
class AttritionEquilibrium:
    """One equilibrium of the complete-information war of attrition (continuous time).

    Player ``i`` concedes at time 0 with probability ``atoms[i]`` and, if it has not, at the constant
    rate ``hazard_rates[i]`` while the other holds out: it has not conceded by time ``t`` with
    probability ``(1 - atoms[i]) exp(-hazard_rates[i] t)``.

    Attributes
    ----------
    description : str
        The equilibrium in words.
    atoms : tuple of float
        The probability that each player concedes at once (at time 0).
    hazard_rates : tuple of float
        Each player's concession rate after time 0 (0 for a player who never concedes, and for
        a player who concedes at once with probability 1).
    expected_delay : float
        The expected time until the first concession.
    first_concession : tuple of float
        The probability that each player is the first to concede.
    payoffs : tuple of float
        The players' expected payoffs.
    """

    description: str
    atoms: tuple[float, float]
    hazard_rates: tuple[float, float]
    expected_delay: float
    first_concession: tuple[float, float]
    payoffs: tuple[float, float]

    def survival(self, t) -> np.ndarray:
        """The probability that each player has not conceded by time ``t`` (while the other holds out).

        Parameters
        ----------
        t : float or array_like
            Times ``>= 0``.

        Returns
        -------
        numpy.ndarray
            Shape ``(2,) + shape(t)``: row ``i`` is ``(1 - atoms[i]) exp(-hazard_rates[i] t)``.
        """
        times = np.asarray(t, dtype=float)
        if np.any(~np.isfinite(times)) or np.any(times < 0):
            raise InvalidArgumentError(f"t must be finite and >= 0; got {t!r}")
        return _frozen([(1 - a) * np.exp(-lam * times) for a, lam in zip(self.atoms, self.hazard_rates)])

    def __repr__(self) -> str:
        def pair(xs):
            return "(" + ", ".join(f"{x:.6g}" for x in xs) + ")"

        return (
            f"AttritionEquilibrium({self.description!r}, atoms={pair(self.atoms)}, "
            f"hazard_rates={pair(self.hazard_rates)}, expected_delay={self.expected_delay:.6g}, "
            f"first_concession={pair(self.first_concession)}, payoffs={pair(self.payoffs)})"
        )


@dataclass(frozen=True, repr=False)
class Attrition:
    """The complete-information war of attrition: its stationary equilibrium and the pure ones.

    Attributes
    ----------
    values : tuple of float
        Each player's payoff when the other concedes (the prize ``v_i``).
    costs : tuple of float
        Each player's cost per unit of time while both hold out (``c_i``).
    loser_payoffs : tuple of float
        Each player's payoff when it concedes (``l_i < v_i``).
    hazard_rates : tuple of float
        The stationary concession rates ``lambda_i = c_j / (v_j - l_j)``, ``j = 1 - i``.
    stationary : AttritionEquilibrium
        Both players concede at the constant rates ``hazard_rates`` from time 0, with no atom.
    concede_at_once : tuple of AttritionEquilibrium
        Entry ``i``: player ``i`` concedes at time 0 and the other never concedes.

    The attributes ``expected_delay``, ``first_concession`` and ``payoffs`` are those of the
    stationary equilibrium; :meth:`with_atom` gives the rest of the family of equilibria.
    """

    values: tuple[float, float]
    costs: tuple[float, float]
    loser_payoffs: tuple[float, float]
    hazard_rates: tuple[float, float]
    stationary: AttritionEquilibrium
    concede_at_once: tuple[AttritionEquilibrium, AttritionEquilibrium]

    @property
    def expected_delay(self) -> float:
        """Expected time until the first concession in the stationary equilibrium, ``1 / (lambda_0 + lambda_1)``."""
        return self.stationary.expected_delay

    @property
    def first_concession(self) -> tuple[float, float]:
        """Probability that each player concedes first (stationary): ``lambda_i / (lambda_0 + lambda_1)``."""
        return self.stationary.first_concession

    @property
    def payoffs(self) -> tuple[float, float]:
        """Expected payoffs in the stationary equilibrium: each player's loser payoff ``l_i``."""
        return self.stationary.payoffs

    def with_atom(self, player: int, probability: float) -> AttritionEquilibrium:
        """The equilibrium where ``player`` concedes at once with some probability, then both at the stationary rates.

        Parameters
        ----------
        player : {0, 1}
            The player with the atom of immediate concession.
        probability : float
            The size of the atom, in [0, 1]: 0 gives the stationary equilibrium and 1 the outcome of
            ``concede_at_once[player]``.

        Returns
        -------
        AttritionEquilibrium
            ``player`` gets its loser payoff ``l_i``; the other gets ``a v_j + (1 - a) l_j``.
        """
        if isinstance(player, bool) or not isinstance(player, Integral) or player not in (0, 1):
            raise InvalidArgumentError(f"player must be 0 or 1; got {player!r}")
        a = check_real("probability", probability)
        if not 0 <= a <= 1:
            raise InvalidArgumentError(f"probability must be in [0, 1]; got {probability!r}")
        atoms = (a, 0.0) if player == 0 else (0.0, a)
        text = (
            f"player {player} concedes at once with probability {a:.6g}, then both concede at the "
            "stationary rates"
        )
        return _attrition_equilibrium(text, atoms, self.hazard_rates, self.values, self.costs, self.loser_payoffs)

    def __repr__(self) -> str:
        def pair(xs):
            return "(" + ", ".join(f"{x:.6g}" for x in xs) + ")"

        return (
            f"Attrition(hazard_rates={pair(self.hazard_rates)}, expected_delay={self.expected_delay:.6g}, "
            f"first_concession={pair(self.first_concession)}, payoffs={pair(self.payoffs)})"
        )


def _attrition_equilibrium(description, atoms, rates, values, costs, losers) -> AttritionEquilibrium:
    # outcome of concession-time distributions with atoms a_i at 0 (at most one positive, so no ties)
    # and exponential concession at rate lambda_i afterwards
    a, lam = atoms, rates
    both_wait = (1 - a[0]) * (1 - a[1])
    total = lam[0] + lam[1]
    if both_wait == 0:
        delay, share = 0.0, (0.0, 0.0)
    else:
        delay, share = both_wait / total, (lam[0] / total, lam[1] / total)
    first = tuple(a[i] * (1 - a[1 - i]) + both_wait * share[i] for i in (0, 1))
    payoffs = tuple(
        first[1 - i] * values[i] + first[i] * losers[i] - costs[i] * delay for i in (0, 1)
    )
    return AttritionEquilibrium(
        description, (float(a[0]), float(a[1])), (float(lam[0]), float(lam[1])), float(delay),
        (float(first[0]), float(first[1])), (float(payoffs[0]), float(payoffs[1])),
    )


def war_of_attrition(values, costs, *, loser_payoffs=(0.0, 0.0)) -> Attrition:
    """Equilibria of the two-player war of attrition with complete information (continuous time).

    Both players hold out from time 0; while both do, player ``i`` pays ``c_i`` per unit of time.
    The first to concede gets ``l_i`` and the other the prize ``v_i > l_i``, each less the costs
    paid so far: conceding at ``t`` gives ``l_i - c_i t``, winning at ``t`` gives ``v_i - c_i t``.

    In the **stationary** equilibrium each player concedes at the constant rate that keeps the other
    indifferent between conceding now and holding out an instant longer::

        lambda_i = c_j / (v_j - l_j),   j = 1 - i

    (holding out for ``dt`` costs ``c_j dt`` and wins ``v_j - l_j`` with probability
    ``lambda_i dt``). The first concession comes after an exponential time with mean
    ``1 / (lambda_0 + lambda_1)``; player ``i`` concedes first with probability
    ``lambda_i / (lambda_0 + lambda_1)``; and each player's expected payoff equals its payoff from
    conceding at once, ``l_i`` (it is indifferent over all concession times): the expected costs
    of delay dissipate the whole expected prize.

    Hendricks, Weiss and Wilson (1988) characterise all the equilibria of this stationary game:
    (i) one player concedes at time 0 and the other never concedes (payoffs ``(l_i, v_j)``); and
    (ii) the family in which one player ``i`` concedes at time 0 with some probability
    ``a`` in [0, 1] and both concede at the stationary rates afterwards (``a = 0`` is the stationary
    equilibrium; payoffs ``l_i`` and ``a v_j + (1 - a) l_j``). Only one player can have an atom
    at 0 (the other would rather wait an instant), and there are no gaps or later atoms. The result
    reports (i) and the stationary equilibrium; :meth:`Attrition.with_atom` gives the rest of (ii).

    Parameters
    ----------
    values : pair of float
        ``(v_0, v_1)``: each player's payoff when the other concedes.
    costs : pair of float
        ``(c_0, c_1)``: each player's cost per unit of time while both hold out, > 0.
    loser_payoffs : pair of float, default (0, 0)
        ``(l_0, l_1)``: each player's payoff when it concedes, with ``l_i < v_i``.

    Returns
    -------
    Attrition
        ``.hazard_rates``, ``.stationary``, ``.concede_at_once`` (one equilibrium per player) and the
        stationary ``.expected_delay``, ``.first_concession`` and ``.payoffs``.

    Raises
    ------
    InvalidArgumentError
        A cost <= 0, a value not above the loser payoff, or a non-finite number.
    ArgumentTypeError
        An argument that is not a pair of real numbers.

    See Also
    --------
    bayesian_war_of_attrition : the war of attrition with privately known values or costs.

    References
    ----------
    J. Maynard Smith (1974); D. T. Bishop and C. Cannings (1978); K. Hendricks, A. Weiss and
    C. Wilson (1988); Fudenberg and Tirole (1991), Section 4.5.

    Examples
    --------
    >>> from bargain.bargaining import war_of_attrition
    >>> war = war_of_attrition((2.0, 3.0), (1.0, 0.5))
    >>> war.hazard_rates                    # (0.5 / 3, 1 / 2)
    (0.166667, 0.5)
    >>> round(war.expected_delay, 6), war.payoffs
    (1.5, (0.0, 0.0))
    >>> war.concede_at_once[0].payoffs      # player 0 gives in at once
    (0.0, 3.0)
    """
    v = _check_pair("values", values)
    c = _check_pair("costs", costs)
    losers = _check_pair("loser_payoffs", loser_payoffs)
    for i in (0, 1):
        if c[i] <= 0:
            raise InvalidArgumentError(f"costs[{i}] must be > 0; got {c[i]!r}")
        if not v[i] > losers[i]:
            raise InvalidArgumentError(
                f"values[{i}] must be greater than loser_payoffs[{i}] = {losers[i]!r} (winning must beat "
                f"conceding); got {v[i]!r}"
            )
    rates = (c[1] / (v[1] - losers[1]), c[0] / (v[0] - losers[0]))
    stationary = _attrition_equilibrium(
        "both concede at constant rates from time 0 (stationary)", (0.0, 0.0), rates, v, c, losers
    )
    at_once = tuple(
        _attrition_equilibrium(
            f"player {i} concedes at once; player {1 - i} never concedes",
            (1.0, 0.0) if i == 0 else (0.0, 1.0), (0.0, 0.0), v, c, losers,
        )
        for i in (0, 1)
    )
    return Attrition(v, c, losers, rates, stationary, at_once)


# ------------------------------------------------------------------- war of attrition, private types
class _Distribution:
    """A continuous distribution on a bounded interval: a frozen scipy.stats distribution or (cdf, pdf, (lo, hi))."""

    def __init__(self, name: str, spec: object):
        from scipy import stats  # imported here: scipy.stats takes a noticeable time to import

        self.name = name
        frozen_dist = getattr(spec, "dist", None)
        if isinstance(frozen_dist, stats.rv_discrete):
            raise InvalidArgumentError(f"{name} must be a continuous distribution; got the discrete {spec.dist.name}")
        if isinstance(frozen_dist, stats.rv_continuous):
            lo, hi = (float(x) for x in spec.support())
            if not (math.isfinite(lo) and math.isfinite(hi)):
                raise InvalidArgumentError(
                    f"{name} must have a bounded support; got {frozen_dist.name} on [{lo:g}, {hi:g}]"
                )
            self.lo, self.hi = lo, hi
            self._cdf, self._sf, self._pdf = spec.cdf, spec.sf, spec.pdf
            args = [f"{x:g}" if isinstance(x, Real) else repr(x) for x in spec.args]
            args += [f"{k}={x:g}" if isinstance(x, Real) else f"{k}={x!r}" for k, x in spec.kwds.items()]
            self.text = f"{frozen_dist.name}({', '.join(args)})"
            return
        if not (isinstance(spec, tuple) and len(spec) == 3 and callable(spec[0]) and callable(spec[1])):
            raise ArgumentTypeError(
                f"{name} must be a real number, a frozen scipy.stats continuous distribution, or a triple "
                f"(cdf, pdf, (lo, hi)); got {spec!r}"
            )
        cdf, pdf, support = spec
        lo, hi = _check_pair(f"{name} support (lo, hi)", support)
        if not lo < hi:
            raise InvalidArgumentError(f"{name} support must have lo < hi; got ({lo!r}, {hi!r})")
        self.lo, self.hi = lo, hi
        self._cdf, self._pdf = cdf, pdf
        self._sf = lambda x: 1.0 - self.cdf(x)
        label = getattr(cdf, "__name__", "")
        self.text = "a given CDF" if not label or label == "<lambda>" else f"CDF {label}"
        grid = np.linspace(lo, hi, DISTRIBUTION_CHECKS)
        cdfs = np.array([self.cdf(x) for x in grid])
        pdfs = np.array([self.pdf(x) for x in grid])
        if abs(cdfs[0]) > CDF_TOL or abs(cdfs[-1] - 1) > CDF_TOL:
            raise InvalidArgumentError(
                f"{name} cdf must be 0 at lo = {lo:g} and 1 at hi = {hi:g}; got {cdfs[0]:.6g} and {cdfs[-1]:.6g}"
            )
        if np.any(np.diff(cdfs) < -CDF_TOL) or np.any(pdfs < 0):
            raise InvalidArgumentError(f"{name} cdf must be nondecreasing and its pdf nonnegative on [{lo:g}, {hi:g}]")

    def _call(self, f, what: str, x: float) -> float:
        try:
            y = float(f(x))
        except (TypeError, ValueError) as err:
            raise ArgumentTypeError(
                f"{self.name} {what} must return a real number; {what}({x!r}) failed: {err}"
            ) from err
        if not math.isfinite(y):
            raise InvalidArgumentError(f"{self.name} {what} must be finite on its support; got {what}({x!r}) = {y!r}")
        return y

    def cdf(self, x: float) -> float:
        return min(max(self._call(self._cdf, "cdf", x), 0.0), 1.0)

    def sf(self, x: float) -> float:
        return min(max(self._call(self._sf, "sf", x), 0.0), 1.0)

    def pdf(self, x: float) -> float:
        return self._call(self._pdf, "pdf", x)


def _log(x: float) -> float:
    # quad never evaluates the end points, where a CDF or survival function may vanish
    return math.log(max(x, 1e-300))


@dataclass(frozen=True, repr=False)
class BayesianAttrition:
    """The symmetric Bayesian equilibrium of a war of attrition with privately known values or costs.

    Attributes
    ----------
    private : str
        ``"value"`` or ``"cost"``: what each player knows privately.
    distribution : str
        The distribution of the private type (i.i.d. across the two players).
    support : tuple of float
        Its support ``(lo, hi)``.
    value, cost : float or None
        The common prize and cost per unit of time (``None`` for the private one).
    loser_payoff : float
        The common payoff of the player who concedes.
    types : numpy.ndarray
        A grid of types over the support (read-only).
    times : numpy.ndarray
        The concession time ``T`` of each grid type (read-only); ``inf`` for the strongest type.
    expected_delay : float
        The expected time until the first concession, ``E[min(T(x_0), T(x_1))]``.
    payoffs : tuple of float
        Each player's ex-ante expected payoff (equal, by symmetry).
    first_concession : tuple of float
        The probability that each player concedes first: ``(0.5, 0.5)``.

    Methods :meth:`concession_time` and :meth:`interim_payoff` evaluate ``T`` and a type's expected
    payoff at any type.
    """

    private: str
    distribution: str
    support: tuple[float, float]
    value: float | None
    cost: float | None
    loser_payoff: float
    types: np.ndarray
    times: np.ndarray
    expected_delay: float
    payoffs: tuple[float, float]
    first_concession: tuple[float, float] = (0.5, 0.5)
    _time: Callable[[float], float] = field(default=None, repr=False, compare=False)
    _interim: Callable[[float], float] = field(default=None, repr=False, compare=False)

    def _map(self, f, x, name):
        array = np.asarray(x, dtype=float)
        lo, hi = self.support
        if np.any(~np.isfinite(array)) or np.any(array < lo) or np.any(array > hi):
            raise InvalidArgumentError(f"{name} must lie in the support [{lo:g}, {hi:g}]; got {x!r}")
        out = np.array([f(float(t)) for t in array.ravel()]).reshape(array.shape)
        return float(out) if out.ndim == 0 else _frozen(out)

    def concession_time(self, x):
        """The time at which a player of type ``x`` concedes if the other has not (``inf``: never).

        Parameters
        ----------
        x : float or array_like
            Types in the support.

        Returns
        -------
        float or numpy.ndarray
            ``T(x)``, by quadrature (see :func:`bayesian_war_of_attrition`).
        """
        return self._map(self._time, x, "type x")

    def interim_payoff(self, x):
        """The expected equilibrium payoff of a player of type ``x``.

        Parameters
        ----------
        x : float or array_like
            Types in the support.

        Returns
        -------
        float or numpy.ndarray
            ``U(x)``, by quadrature (see :func:`bayesian_war_of_attrition`).
        """
        return self._map(self._interim, x, "type x")

    def __repr__(self) -> str:
        common = f"cost={self.cost:.6g}" if self.private == "value" else f"value={self.value:.6g}"
        return (
            f"BayesianAttrition(private {self.private} ~ {self.distribution} on [{self.support[0]:.6g}, "
            f"{self.support[1]:.6g}], {common}, loser_payoff={self.loser_payoff:.6g}, "
            f"expected_delay={self.expected_delay:.6g}, payoffs=({self.payoffs[0]:.6g}, {self.payoffs[1]:.6g}))"
        )


def _is_distribution(x: object) -> bool:
    return hasattr(x, "dist") or (isinstance(x, tuple) and len(x) == 3 and callable(x[0]))


def bayesian_war_of_attrition(value, cost, *, loser_payoff: float = 0.0, points: int = 101) -> BayesianAttrition:
    """The symmetric Bayesian equilibrium of the war of attrition with private values or private costs.

    Two players hold out for a prize; while both do, each pays its cost per unit of time; the first
    to concede gets ``l`` (``loser_payoff``), the other the prize ``v``. One of ``v`` and ``c`` is
    private: each player's is drawn independently from the same continuous distribution on a
    bounded support ``[lo, hi]``, and the other is common knowledge. In the symmetric equilibrium a
    player of type ``x`` concedes at time ``T(x)`` if the other has not conceded yet; ``T`` is
    monotone, zero at the weakest type and infinite at the strongest, and follows from the
    first-order condition that no type gains by mimicking a nearby type (Bishop and Cannings 1978;
    Krishna and Morgan 1997; Bulow and Klemperer 1999; Fudenberg and Tirole 1991, Chapter 6).

    **Private values** ``v ~ F`` with ``lo >= l``, common cost ``c``: ``T`` increases in ``v``,
    ``T(lo) = 0``, and holding out from ``T(v)`` to ``T(v + dv)`` costs ``c T'(v) dv`` and wins
    ``v - l`` against the types in ``[v, v + dv)``, so ``c T'(v) (1 - F(v)) = (v - l) f(v)``::

        T(v) = (1 / c) int_lo^v (x - l) f(x) / (1 - F(x)) dx
             = (1 / c) [ -(v - l) ln(1 - F(v)) + int_lo^v ln(1 - F(x)) dx ]

    (the second form, by parts, has only a logarithmic singularity at ``hi`` and is the one computed).
    With ``v ~ U[0, 1]``, ``c = 1``, ``l = 0``: ``T(v) = -v - ln(1 - v)``. The interim payoff is
    ``U(v) = l + int_lo^v F(x) dx`` (envelope theorem), and the expected delay is
    ``E[T(min(v_0, v_1))] = (1 / c) [ (lo - l) / 2 + (1 / 2) int_lo^hi (1 - F(x))^2 dx ]``.

    **Private costs** ``c ~ G`` with ``lo >= 0``, common prize ``v > l``; write ``w = v - l``. Now
    ``T`` decreases in ``c``, ``T(hi) = 0``, and the first-order condition is
    ``-c T'(c) G(c) = w g(c)``::

        T(c) = w int_c^hi g(x) / (x G(x)) dx = w [ -ln G(c) / c + int_c^hi ln G(x) / x^2 dx ].

    This is the private-values formula for the type ``w / c`` with unit cost (only the ratio of
    the stake to the cost matters). The interim payoff is
    ``U(c) = v - w c / hi - c w int_c^hi G(x) / x^2 dx`` and the expected delay is
    ``E[T(max(c_0, c_1))] = w [ 1 / (2 hi) + (1 / 2) int_lo^hi (G(x) / x)^2 dx ]``.

    Every integral is computed with :func:`scipy.integrate.quad`.

    Parameters
    ----------
    value : float or distribution
        The prize, or its distribution when values are private.
    cost : float or distribution
        The cost per unit of time (> 0), or its distribution when costs are private.
        Exactly one of ``value`` and ``cost`` is a distribution: a frozen
        :mod:`scipy.stats` continuous distribution with bounded support (for instance
        ``scipy.stats.uniform(1, 1)``), or a triple ``(cdf, pdf, (lo, hi))`` of callables and the
        support.
    loser_payoff : float, default 0.0
        The payoff of conceding, ``l``: below every value.
    points : int, default 101
        The number of grid types in ``.types`` (at least 2), evenly spaced over the support.

    Returns
    -------
    BayesianAttrition
        The concession times on the grid, the expected delay, the ex-ante payoffs, and the methods
        ``concession_time(x)`` and ``interim_payoff(x)``.

    Raises
    ------
    InvalidArgumentError
        An unbounded or discrete distribution, a value support below ``loser_payoff``, a cost
        support below 0, a common cost <= 0 or a common value <= ``loser_payoff``, a CDF that is
        not 0 at ``lo`` and 1 at ``hi`` or not nondecreasing, ``points < 2``.
    ArgumentTypeError
        Both or neither of ``value`` and ``cost`` a distribution, or an argument of the wrong type.

    See Also
    --------
    war_of_attrition : complete information.

    References
    ----------
    D. T. Bishop and C. Cannings (1978); V. Krishna and J. Morgan (1997); J. Bulow and P. Klemperer
    (1999); Fudenberg and Tirole (1991), Chapter 6.

    Examples
    --------
    >>> from scipy import stats
    >>> from bargain.bargaining import bayesian_war_of_attrition
    >>> war = bayesian_war_of_attrition(stats.uniform(0, 1), 1.0)     # values ~ U[0, 1], unit cost
    >>> round(war.concession_time(0.5), 6)                            # -0.5 + ln 2
    0.193147
    >>> round(war.expected_delay, 6), round(war.payoffs[0], 6)         # 1/6 and 1/6
    (0.166667, 0.166667)
    >>> costly = bayesian_war_of_attrition(1.0, stats.uniform(1, 1))  # costs ~ U[1, 2]
    >>> round(costly.concession_time(1.5), 6)                         # ln(c / (2 (c - 1)))
    0.405465
    """
    private_value, private_cost = _is_distribution(value), _is_distribution(cost)
    if private_value == private_cost:
        raise ArgumentTypeError(
            "exactly one of value and cost must be a distribution (the private one); got "
            + ("two distributions" if private_value else f"value={value!r} and cost={cost!r}")
        )
    loser = check_real("loser_payoff", loser_payoff)
    if isinstance(points, bool) or not isinstance(points, Integral):
        raise ArgumentTypeError(f"points must be an integer >= 2; got {points!r}")
    if points < 2:
        raise InvalidArgumentError(f"points must be >= 2; got {points!r}")
    if private_value:
        dist = _Distribution("value", value)
        c = check_positive("cost", cost)
        if dist.lo < loser:
            raise InvalidArgumentError(
                f"value support must lie above loser_payoff = {loser:g} (every type prefers winning); got "
                f"lo = {dist.lo:g}"
            )
        return _private_values(dist, c, loser, int(points))
    dist = _Distribution("cost", cost)
    v = check_real("value", value)
    if not v > loser:
        raise InvalidArgumentError(f"value must be greater than loser_payoff = {loser:g}; got {value!r}")
    if dist.lo < 0:
        raise InvalidArgumentError(f"cost support must lie in [0, inf); got lo = {dist.lo:g}")
    return _private_costs(dist, v, loser, int(points))


def _private_values(dist: _Distribution, c: float, loser: float, points: int) -> BayesianAttrition:
    lo, hi = dist.lo, dist.hi

    def log_sf(x):
        return _log(dist.sf(x))

    def time(v):
        if v >= hi or dist.sf(v) <= 0:
            return math.inf
        return (-(v - loser) * log_sf(v) + _quad(log_sf, lo, v)) / c

    def interim(v):
        return loser + _quad(dist.cdf, lo, v)

    grid = np.linspace(lo, hi, points)
    pieces = np.array([_quad(log_sf, a, b) for a, b in zip(grid[:-1], grid[1:])])
    cumulative = np.concatenate([[0.0], np.cumsum(pieces)])
    sf = np.array([dist.sf(x) for x in grid])
    with np.errstate(divide="ignore"):
        times = np.where(sf > 0, (-(grid - loser) * np.log(np.where(sf > 0, sf, 1.0)) + cumulative) / c, math.inf)
    times[-1] = math.inf
    delay = ((lo - loser) / 2 + 0.5 * _quad(lambda x: dist.sf(x) ** 2, lo, hi)) / c
    payoff = loser + _quad(lambda x: dist.cdf(x) * dist.sf(x), lo, hi)
    return BayesianAttrition(
        "value", dist.text, (lo, hi), None, c, loser, _frozen(grid), _frozen(times), float(delay),
        (float(payoff), float(payoff)), (0.5, 0.5), time, interim,
    )


def _private_costs(dist: _Distribution, v: float, loser: float, points: int) -> BayesianAttrition:
    lo, hi = dist.lo, dist.hi
    w = v - loser

    def log_cdf_over_square(x):
        return _log(dist.cdf(x)) / (x * x)

    def time(c):
        if c <= lo or dist.cdf(c) <= 0:
            return math.inf
        return w * (-_log(dist.cdf(c)) / c + _quad(log_cdf_over_square, c, hi))

    def interim(c):
        if c <= 0:
            return v  # a type with no cost never concedes and pays nothing
        return v - w * c / hi - c * w * _quad(lambda x: dist.cdf(x) / (x * x), c, hi)

    grid = np.linspace(lo, hi, points)
    pieces = np.array([_quad(log_cdf_over_square, a, b) if a > 0 else -math.inf for a, b in zip(grid[:-1], grid[1:])])
    # int_c^hi, accumulated from the top of the support
    tail = np.concatenate([np.cumsum(pieces[::-1])[::-1], [0.0]])
    cdf = np.array([dist.cdf(x) for x in grid])
    times = np.full(points, math.inf)
    inside = (cdf > 0) & (grid > 0)
    times[inside] = w * (-np.log(cdf[inside]) / grid[inside] + tail[inside])
    times[0] = math.inf
    delay = w * (1 / (2 * hi) + 0.5 * _quad(lambda x: (dist.cdf(x) / x) ** 2, lo, hi))
    payoff = _quad(lambda x: interim(x) * dist.pdf(x), lo, hi)
    return BayesianAttrition(
        "cost", dist.text, (lo, hi), v, None, loser, _frozen(grid), _frozen(times), float(delay),
        (float(payoff), float(payoff)), (0.5, 0.5), time, interim,
    )


# ================================================================================ screening
#: States (masses of the responder types already served) closer than this are the same point.
STATE_TOL = 1e-12
#: Relative tolerance (of the highest type) within which two of the proposer's actions tie.
SCREENING_TIE_TOL = 1e-11
#: Largest number of states per period kept by :func:`screening` before it gives up.
MAX_SCREENING_STATES = 20_000
#: Largest number of matrix entries evaluated at once by :func:`screening`.
_CHUNK = 1_000_000


@dataclass(frozen=True, repr=False)
class Screening:
    """The perfect Bayesian equilibrium of finite-horizon one-sided offers to a privately informed responder.

    Per-period arrays have one entry per period ``t = 0, ..., horizon - 1``; per-type arrays
    follow the order of ``types`` as given.

    Attributes
    ----------
    types : numpy.ndarray
        The responder's possible types (its value of agreement), as given.
    prior : numpy.ndarray
        Their prior probabilities (normalised).
    delta_proposer, delta_responder : float
        The discount factors per period.
    horizon : int
        The number of periods.
    offers : numpy.ndarray
        The proposer's offer (the price) in each period of the equilibrium path; ``nan`` in a
        period in which no remaining type accepts (the offer is then any price high enough) or no
        type remains.
    marginal_types : numpy.ndarray
        The lowest type that accepts in each period (``nan`` if none does); it may accept only with
        some probability.
    acceptance : numpy.ndarray
        Shape ``(horizon, n_types)``: the probability that a responder of each type agrees in each
        period (each column sums to at most 1).
    posteriors : numpy.ndarray
        Shape ``(horizon, n_types)``: the proposer's belief about the type at the start of each
        period (``nan`` once no type remains).
    agreement_probabilities : numpy.ndarray
        The probability that agreement happens in each period.
    acceptance_probabilities : numpy.ndarray
        The probability of agreement in each period given no agreement before it (``nan`` once no
        type remains).
    agreement_probability : float
        The probability of agreement within the horizon.
    expected_delay : float
        The expected period of agreement given agreement (``nan`` if there is none).
    proposer_payoff : float
        The proposer's expected discounted payoff, ``E[delta_proposer^t offer_t]`` over agreements.
    responder_payoffs : numpy.ndarray
        Each type's expected discounted payoff ``E[delta_responder^t (type - offer_t)]``.
    responder_payoff : float
        The responder's expected payoff over types.
    """

    types: np.ndarray
    prior: np.ndarray
    delta_proposer: float
    delta_responder: float
    horizon: int
    offers: np.ndarray
    marginal_types: np.ndarray
    acceptance: np.ndarray
    posteriors: np.ndarray
    agreement_probabilities: np.ndarray
    acceptance_probabilities: np.ndarray
    agreement_probability: float
    expected_delay: float
    proposer_payoff: float
    responder_payoffs: np.ndarray
    responder_payoff: float

    @property
    def payoffs(self) -> tuple[float, float]:
        """``(proposer_payoff, responder_payoff)``."""
        return (self.proposer_payoff, self.responder_payoff)

    def __repr__(self) -> str:
        offers = ", ".join(f"{x:.6g}" for x in self.offers)
        return (
            f"Screening(horizon={self.horizon}, offers=[{offers}], proposer_payoff={self.proposer_payoff:.6g}, "
            f"responder_payoff={self.responder_payoff:.6g}, agreement_probability={self.agreement_probability:.6g}, "
            f"expected_delay={self.expected_delay:.6g})"
        )


class _Stage:
    """One period's solution of the screening game as functions of the state ``x`` in [0, 1].

    ``x`` is the mass of the highest types already served (the proposer's belief is the prior
    restricted to the rest). ``z`` holds the breakpoints; ``value`` (the proposer's continuation
    payoff, not normalised) is linear between them; ``rent_at`` / ``rent_in`` hold ``r(x)``, the
    continuation payoff of the type at the margin ``x`` (the lowest type already served), at the
    breakpoints and on the open intervals between them.
    """

    def __init__(self, z, value, rent_at, rent_in):
        self.z, self.value, self.rent_at, self.rent_in = z, value, rent_at, rent_in
        self.price = None  # price[j]: the offer that serves exactly the states up to z[j] (set by _prepare)
        self.gain = None

    def rent(self, x: np.ndarray) -> np.ndarray:
        k = np.searchsorted(self.z, x)
        at_right = (k < len(self.z)) & (np.abs(self.z[np.minimum(k, len(self.z) - 1)] - x) <= STATE_TOL)
        at_left = (k > 0) & (np.abs(self.z[np.maximum(k - 1, 0)] - x) <= STATE_TOL)
        inner = self.rent_in[np.clip(k - 1, 0, len(self.rent_in) - 1)]
        out = np.where(at_left, self.rent_at[np.maximum(k - 1, 0)], inner)
        return np.where(at_right, self.rent_at[np.minimum(k, len(self.z) - 1)], out)


class _ScreeningSolver:
    """Backward induction over the proposer's state for :func:`screening` (types sorted decreasing)."""

    def __init__(self, values, masses, delta_p, delta_r, horizon):
        self.v = values
        self.top = np.cumsum(masses)
        self.top[-1] = 1.0
        self.dp, self.dr, self.horizon = delta_p, delta_r, horizon
        self.tol = SCREENING_TIE_TOL * max(float(values[0]), 1e-300)
        z = np.concatenate([[0.0], self.top])
        terminal = _Stage(z, np.zeros(len(z)), np.zeros(len(z)), np.zeros(len(z) - 1))
        self.stages = [None] * (horizon + 1)
        self.stages[horizon] = terminal
        for t in range(horizon - 1, -1, -1):
            self._prepare(self.stages[t + 1])
            self.stages[t] = self._stage(self.stages[t + 1])

    def marginal(self, x) -> np.ndarray:
        """The value of the type at the margin ``x``: the lowest type in the served mass ``(0, x]``."""
        k = np.searchsorted(self.top, np.asarray(x, dtype=float) - STATE_TOL, side="left")
        return self.v[np.minimum(k, len(self.v) - 1)]

    def _prepare(self, nxt: _Stage) -> None:
        # serving up to z_j leaves the marginal type v(z_j) indifferent between accepting now and its
        # continuation r(z_j) next period: price = v(z_j) - delta_r r(z_j); gain = z_j price + delta_p V(z_j)
        nxt.price = self.marginal(nxt.z) - self.dr * nxt.rent_at
        nxt.gain = nxt.z * nxt.price + self.dp * nxt.value

    def decide(self, nxt: _Stage, xs: np.ndarray):
        """For states ``xs``: the proposer's value, the marginal type's rent, and the action (index into
        ``nxt.z`` of the served mass, or -1 for no agreement this period)."""
        xs = np.asarray(xs, dtype=float)
        best, rent, action = np.empty(len(xs)), np.empty(len(xs)), np.empty(len(xs), dtype=int)
        rows = max(1, _CHUNK // len(nxt.z))
        for start in range(0, len(xs), rows):
            x = xs[start:start + rows]
            available = nxt.z[None, :] > x[:, None] + STATE_TOL
            sale = np.where(available, nxt.gain[None, :] - x[:, None] * nxt.price[None, :], -np.inf)
            wait = self.dp * np.interp(x, nxt.z, nxt.value)
            values = np.column_stack([sale, wait])
            rents = np.column_stack([
                self.marginal(x)[:, None] - nxt.price[None, :],
                self.dr * nxt.rent(x),
            ])
            top = values.max(axis=1)
            optimal = values >= top[:, None] - self.tol
            # among optimal actions, the one leaving the marginal type the least rent (the highest
            # price a proposer one period earlier can then charge)
            chosen = np.argmin(np.where(optimal, rents, np.inf), axis=1)
            best[start:start + rows] = top
            rent[start:start + rows] = rents[np.arange(len(x)), chosen]
            action[start:start + rows] = np.where(chosen == len(nxt.z), -1, chosen)
        return best, rent, action

    def _switches(self, nxt: _Stage) -> list[float]:
        """Where the proposer's best action changes inside the intervals of ``nxt.z``."""
        z, found = nxt.z, []
        for k in range(len(z) - 1):
            a, b = z[k], z[k + 1]
            wait_slope = self.dp * (nxt.value[k + 1] - nxt.value[k]) / (b - a)
            slopes = np.concatenate([-nxt.price[k + 1:], [wait_slope]])
            intercepts = np.concatenate([nxt.gain[k + 1:], [self.dp * nxt.value[k] - wait_slope * a]])
            x = a
            while True:
                line = slopes * x + intercepts
                near = np.flatnonzero(line >= line.max() - self.tol)
                current = near[np.argmax(slopes[near])]
                steeper = slopes > slopes[current]
                if not steeper.any():
                    break
                cross = (intercepts[current] - intercepts[steeper]) / (slopes[steeper] - slopes[current])
                cross = cross[cross > x + STATE_TOL]
                if not len(cross) or cross.min() >= b - STATE_TOL:
                    break
                x = float(cross.min())
                found.append(x)
        return found

    def _stage(self, nxt: _Stage) -> _Stage:
        new = np.array(self._switches(nxt))
        if len(new):
            k = np.searchsorted(nxt.z, new)
            close = (np.abs(nxt.z[np.minimum(k, len(nxt.z) - 1)] - new) <= STATE_TOL) | (
                np.abs(nxt.z[np.maximum(k - 1, 0)] - new) <= STATE_TOL
            )
            new = new[~close]
        z = np.unique(np.concatenate([nxt.z, new]))
        if len(z) > MAX_SCREENING_STATES:
            raise SolverError(
                f"screening needs more than {MAX_SCREENING_STATES} states per period (horizon "
                f"{self.horizon}, {len(self.v)} types); use a shorter horizon or fewer types"
            )
        value, rent_at, _ = self.decide(nxt, z)
        _, rent_in, _ = self.decide(nxt, (z[:-1] + z[1:]) / 2)
        return _Stage(z, value, rent_at, rent_in)


def _check_type_vector(name: str, value: object) -> np.ndarray:
    try:
        array = np.array(value, dtype=float)
    except (TypeError, ValueError) as err:
        raise ArgumentTypeError(f"{name} must be a 1-D array of real numbers; got {value!r}") from err
    if array.ndim != 1 or len(array) == 0:
        raise InvalidArgumentError(f"{name} must be a non-empty 1-D array; got shape {array.shape}")
    if not np.all(np.isfinite(array)):
        raise InvalidArgumentError(f"{name} must be finite; got {value!r}")
    return array


def screening(types, prior, *, delta_proposer: float, delta_responder: float, horizon: int) -> Screening:
    """Finite-horizon one-sided offers to a responder with a privately known type: the perfect Bayesian equilibrium.

    A proposer makes an offer in each period ``t = 0, ..., horizon - 1``; the responder accepts,
    which ends the game, or rejects. In the seller–buyer framing (Sobel and Takahashi 1983;
    Fudenberg, Levine and Tirole 1985; Fudenberg and Tirole 1991, Chapter 10) the proposer is a
    seller with no cost, the offer is a price ``p_t`` and the responder a buyer whose valuation
    ``v`` (its *type*) is drawn from the discrete prior: agreement at ``t`` gives the proposer
    ``delta_proposer^t p_t`` and the responder ``delta_responder^t (v - p_t)``; no agreement gives
    both 0. For a bureau (proposer) that demands terms of a subordinate office (responder), ``p_t``
    is what the bureau obtains and ``v`` the most the office would concede rather than have no
    agreement, which only the office knows.

    **Skimming.** Whatever the future offers, if a type accepts an offer, every higher type
    strictly prefers to accept it (``delta_responder < 1``): higher types agree earlier, and the
    proposer's belief after each rejection is the prior restricted to the types below some
    point, the marginal type keeping only the part of its mass that has not accepted yet. The state
    of the game is thus the mass ``x`` of the highest types already served. At ``x`` the proposer
    chooses how far to serve, ``x' > x``, or no agreement this period; the highest price that serves
    exactly up to ``x'`` leaves the marginal type ``v(x')`` indifferent between accepting now and
    waiting: ``p_t = v(x') - delta_responder r_(t+1)(x')`` with ``r_(t+1)(x')`` its continuation
    payoff. The proposer's value ``V_t(x) = max(delta_proposer V_(t+1)(x),
    max_(x' > x) (x' - x) p_t(x') + delta_proposer V_(t+1)(x'))`` is piecewise linear in ``x``
    and ``r`` piecewise constant; the maximum over ``x'`` is attained at the breakpoints of period
    ``t + 1``, so backward induction over these finitely many states is exact (no price grid). With
    discrete types the marginal type may have to randomise: in the two-type, two-period game with
    ``q v_H > v_L`` the high type accepts the first offer only with the probability that leaves the
    proposer's posterior at ``v_L / v_H``, where it is indifferent between the two last-period
    offers (Fudenberg and Tirole 1983). When the proposer is indifferent between actions it takes
    the one leaving the marginal type the least: that is what lets the proposer one period earlier
    charge the highest price, so that its problem has a maximum. Such ties occur on the path where
    the earlier proposer aims at them (the mixing above) and, with ``delta_proposer = 1``, between
    agreeing now and a period later, when the proposer may let a period pass without an acceptable
    offer. After all types have agreed, the proposer believes any remaining responder has the
    lowest type.

    Parameters
    ----------
    types : array_like
        The responder's possible types (valuations), distinct and ``>= 0``.
    prior : array_like
        Their probabilities, each > 0, summing to 1.
    delta_proposer : float
        The proposer's discount factor per period, in [0, 1].
    delta_responder : float
        The responder's discount factor per period, in [0, 1) (a responder with ``delta = 1`` is
        indifferent about when it agrees, and skimming fails).
    horizon : int
        The number of periods, >= 1.

    Returns
    -------
    Screening
        The offers on the equilibrium path, the marginal type, each type's acceptance probability
        and the posterior in each period, the agreement probabilities, the expected delay and the
        expected payoffs.

    Raises
    ------
    InvalidArgumentError
        Types negative, repeated or non-finite; a prior with a non-positive entry or not summing to
        1; discount factors out of range; ``horizon < 1``; ``types`` and ``prior`` of different
        lengths.
    ArgumentTypeError
        An argument of the wrong type.
    SolverError
        The number of states grows beyond ``MAX_SCREENING_STATES``.

    References
    ----------
    J. Sobel and I. Takahashi (1983); D. Fudenberg and J. Tirole (1983); D. Fudenberg, D. Levine
    and J. Tirole (1985); Fudenberg and Tirole (1991), Section 10.2.

    Examples
    --------
    >>> from bargain.bargaining import screening
    >>> screening([1.0, 0.6, 0.3], [0.2, 0.4, 0.4], delta_proposer=0.9, delta_responder=0.9,
    ...           horizon=1).offers                              # the monopoly price
    array([0.6])
    >>> deal = screening([1.0, 0.4], [0.5, 0.5], delta_proposer=0.9, delta_responder=0.5, horizon=2)
    >>> deal.offers, round(deal.proposer_payoff, 6)            # skim v_H at 1 - 0.5 (1 - 0.4), then v_L
    (array([0.7, 0.4]), 0.53)
    >>> deal = screening([1.0, 0.4], [0.5, 0.5], delta_proposer=0.9, delta_responder=0.9, horizon=2)
    >>> deal.acceptance[0], round(deal.proposer_payoff, 6)     # v_H accepts 1 with probability 1/3
    (array([0.333333, 0.      ]), 0.466667)
    """
    values = _check_type_vector("types", types)
    probabilities = _check_type_vector("prior", prior)
    if len(values) != len(probabilities):
        raise InvalidArgumentError(
            f"types and prior must have the same length; got {len(values)} types and {len(probabilities)} probabilities"
        )
    if np.any(values < 0):
        raise InvalidArgumentError(f"types must be >= 0; got {values.tolist()!r}")
    if len(np.unique(values)) != len(values):
        raise InvalidArgumentError(f"types must be distinct; got {values.tolist()!r}")
    if np.any(probabilities <= 0):
        raise InvalidArgumentError(f"prior probabilities must be > 0; got {probabilities.tolist()!r}")
    if abs(probabilities.sum() - 1) > 1e-9:
        raise InvalidArgumentError(f"prior must sum to 1; got sum {probabilities.sum():.12g}")
    dp = check_real("delta_proposer", delta_proposer)
    if not 0 <= dp <= 1:
        raise InvalidArgumentError(f"delta_proposer must be in [0, 1]; got {delta_proposer!r}")
    dr = check_real("delta_responder", delta_responder)
    if not 0 <= dr < 1:
        raise InvalidArgumentError(f"delta_responder must be in [0, 1); got {delta_responder!r}")
    if isinstance(horizon, bool) or not isinstance(horizon, Integral):
        raise ArgumentTypeError(f"horizon must be an integer >= 1; got {horizon!r}")
    if horizon < 1:
        raise InvalidArgumentError(f"horizon must be >= 1; got {horizon!r}")
    horizon = int(horizon)
    probabilities = probabilities / probabilities.sum()

    order = np.argsort(-values, kind="stable")
    v, masses = values[order], probabilities[order]
    solver = _ScreeningSolver(v, masses, dp, dr, horizon)
    top = solver.top
    bottom = np.concatenate([[0.0], top[:-1]])

    n = len(v)
    offers = np.full(horizon, np.nan)
    marginal = np.full(horizon, np.nan)
    acceptance = np.zeros((horizon, n))
    posteriors = np.full((horizon, n), np.nan)
    x = 0.0
    for t in range(horizon):
        remaining = np.clip(top - np.maximum(x, bottom), 0.0, masses)
        remaining[remaining <= STATE_TOL] = 0.0
        if remaining.sum() > 0:
            posteriors[t] = remaining / remaining.sum()
        nxt = solver.stages[t + 1]
        _, _, action = solver.decide(nxt, np.array([x]))
        if action[0] < 0:
            continue
        served = float(nxt.z[action[0]])
        offers[t] = nxt.price[action[0]]
        marginal[t] = solver.marginal(served)
        share = np.clip(np.minimum(served, top) - np.maximum(x, bottom), 0.0, masses) / masses
        share[share * masses <= STATE_TOL] = 0.0
        acceptance[t] = share
        x = served

    mass = acceptance @ masses
    agreement = float(mass.sum())
    reached = 1.0 - np.concatenate([[0.0], np.cumsum(mass)[:-1]])
    with np.errstate(invalid="ignore", divide="ignore"):
        conditional = np.where(reached > STATE_TOL, mass / np.where(reached > STATE_TOL, reached, 1.0), np.nan)
    periods = np.arange(horizon)
    delay = float(periods @ mass / agreement) if agreement > STATE_TOL else math.nan
    sold = ~np.isnan(offers)
    proposer = float(np.sum((dp ** periods * offers * mass)[sold]))
    surplus = np.where(sold[:, None], dr ** periods[:, None] * (v[None, :] - np.nan_to_num(offers)[:, None]), 0.0)
    responder = np.sum(acceptance * surplus, axis=0)
    expected = solver.stages[0].value[0]
    if abs(proposer - expected) > 1e-8 * max(float(v[0]), 1.0):
        raise SolverError(
            f"screening: the equilibrium path pays the proposer {proposer!r} but backward induction "
            f"gives {expected!r}; please report this input"
        )

    inverse = np.empty(n, dtype=int)
    inverse[order] = np.arange(n)
    return Screening(
        types=_frozen(values), prior=_frozen(probabilities), delta_proposer=dp, delta_responder=dr,
        horizon=horizon, offers=_frozen(offers), marginal_types=_frozen(marginal),
        acceptance=_frozen(acceptance[:, inverse]), posteriors=_frozen(posteriors[:, inverse]),
        agreement_probabilities=_frozen(mass), acceptance_probabilities=_frozen(conditional),
        agreement_probability=agreement, expected_delay=delay, proposer_payoff=proposer,
        responder_payoffs=_frozen(responder[inverse]), responder_payoff=float(responder @ masses),
    )
