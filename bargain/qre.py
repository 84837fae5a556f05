"""Logit quantal response equilibrium of two-player games, traced along its principal branch.

In a *logit quantal response equilibrium* (McKelvey and Palfrey 1995) each player chooses every pure
strategy with a probability that grows exponentially in that strategy's expected payoff. For a
bimatrix game ``(A, B)`` and a precision ``lam >= 0`` the profile ``(x, y)`` satisfies

.. math::

    x_i = \\frac{\\exp(\\lambda (A y)_i)}{\\sum_k \\exp(\\lambda (A y)_k)}, \\qquad
    y_j = \\frac{\\exp(\\lambda (B^\\top x)_j)}{\\sum_k \\exp(\\lambda (B^\\top x)_k)}.

Payoffs enter as they are, not rescaled, so ``lam`` is measured in inverse payoff units (the same
convention as Gambit's ``logit_solve_lambda``, and ``lam = 1 / eta`` for the logit dynamics of
:mod:`bargain.dynamics`). At ``lam = 0`` both players mix uniformly. For almost every game the
equilibria reachable from that centroid form a single smooth curve, the *principal branch*, that
ends at one Nash equilibrium as ``lam -> infinity`` (McKelvey and Palfrey 1995, Theorem 3); this
module follows that curve.

The curve is traced by predictor–corrector (pseudo-arclength) continuation in the unknowns
``(log(x_i / x_0), log(y_j / y_0), lam)``: an Euler step along the tangent of the curve, then
Newton's method on the fixed-point equations in log-probabilities together with the condition that
the correction is orthogonal to the tangent, warm-started from the previous point. Arclength rather
than ``lam`` is the parameter, so the trace also passes points where the branch turns back in
``lam``. A step whose corrector fails to converge, or whose tangent turns too sharply, is halved;
too many halvings in a row raise :class:`~bargain.errors.SolverError`. The equilibrium at a
requested ``lam`` is the first point of the branch at that precision, found by Newton's method at
fixed ``lam`` from the two traced points that bracket it.

References
----------
McKelvey, R. D. and Palfrey, T. R. (1995). Quantal response equilibria for normal form games.
*Games and Economic Behavior* 10(1), 6–38.

Turocy, T. L. (2005). A dynamic homotopy interpretation of the logistic quantal response
equilibrium correspondence. *Games and Economic Behavior* 51(2), 243–263.

Allgower, E. L. and Georg, K. (2003). *Introduction to Numerical Continuation Methods*. SIAM,
chapter 2 (pseudo-arclength predictor–corrector).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Integral

import numpy as np

from ._arrays import frozen as _frozen
from ._format import mixed_str
from ._validation import check_game, check_positive, check_real
from .errors import ArgumentTypeError, InvalidArgumentError, SolverError
from .equilibria.regret import payoff_scale
from .game import Game

__all__ = ["LogitQRE", "QREPath", "logit_qre", "logit_qre_path"]

#: First arclength step, in the scaled coordinates (payoffs divided by the game's payoff range).
INITIAL_STEP = 0.1
#: Factor by which a step grows after a corrector that converged quickly.
STEP_GROWTH = 1.5
#: Newton iterations allowed to the corrector before the step is halved.
MAX_NEWTON = 12
#: Newton iterations counted as "quick" (the next step may grow).
QUICK_NEWTON = 4
#: Consecutive halvings of one step after which the trace gives up.
MAX_HALVINGS = 40
#: Accepted steps after which the trace gives up.
MAX_STEPS = 100_000
#: Largest arclength step: ``MAX_STEP + MAX_STEP_GROWTH * |v|`` at a point ``v`` of the branch (far out the
#: branch is nearly straight in log-probabilities, so steps may grow with the distance travelled).
MAX_STEP = 0.25
MAX_STEP_GROWTH = 0.1
#: Smallest cosine allowed between successive tangents (larger turns are refused as branch jumps).
MIN_TANGENT_COSINE = 0.995
#: Largest corrector displacement allowed, as a fraction of the step (larger ones may land on
#: another branch, so the step is halved instead).
MAX_CORRECTION = 0.1
#: Each Newton update must be at most this fraction of the previous one (otherwise the corrector
#: is not in its region of quadratic convergence and the step is halved).
MAX_CONTRACTION = 0.5


@dataclass(frozen=True, eq=False, repr=False)
class LogitQRE:
    """A logit quantal response equilibrium of a two-player game at one precision.

    Attributes
    ----------
    lam : float
        The precision ``lambda >= 0`` (inverse payoff units).
    profile : tuple of two 1-D float arrays
        Each player's mixed strategy; every probability is positive (up to underflow at very
        large ``lam``). Read-only.
    payoffs : 1-D float array
        Each player's expected payoff at the profile. Read-only.
    players : tuple of str
    strategies : tuple of tuples of str
    """

    lam: float
    profile: tuple[np.ndarray, ...]
    payoffs: np.ndarray
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]

    def __repr__(self) -> str:
        strategies = ", ".join(
            f"{player}: {mixed_str(names, p, zero=0.0)}"
            for player, names, p in zip(self.players, self.strategies, self.profile)
        )
        payoffs = ", ".join(f"{v:.6g}" for v in self.payoffs)
        return f"LogitQRE(lam={self.lam:.6g}; {strategies}; payoffs ({payoffs}))"


@dataclass(frozen=True, eq=False, repr=False)
class QREPath:
    """Points of the principal branch of the logit QRE correspondence, in the order traced.

    Indexable and sized: ``path[k]`` is the :class:`LogitQRE` at the ``k``-th point.

    Attributes
    ----------
    lambdas : 1-D float array, shape (k,)
        The precision at each point; starts at 0 and ends at ``lam_max``. It increases except where
        the branch turns back in ``lambda``. Read-only.
    profiles : tuple of two 2-D float arrays
        For each player an array of shape ``(k, m_i)``; row ``t`` is that player's mixed strategy
        at ``lambdas[t]``. Read-only.
    players : tuple of str
    strategies : tuple of tuples of str
    payoffs : 2-D float array, shape (k, 2)
        Each player's expected payoff at each point. Read-only.
    """

    lambdas: np.ndarray
    profiles: tuple[np.ndarray, ...]
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    payoffs: np.ndarray

    def __len__(self) -> int:
        return len(self.lambdas)

    def __getitem__(self, index: int) -> LogitQRE:
        lam = float(self.lambdas[index])  # raises IndexError past the end
        return LogitQRE(
            lam, tuple(_frozen(p[index]) for p in self.profiles), _frozen(self.payoffs[index]),
            self.players, self.strategies,
        )

    def __iter__(self):
        return (self[k] for k in range(len(self)))

    def to_frame(self):
        """The path as a tidy :class:`pandas.DataFrame`: a ``lam`` column, then one column per
        strategy (``"<player>:<strategy>"``) with its probability, then ``"payoff:<player>"``."""
        import pandas as pd

        data = {"lam": self.lambdas}
        for player, names, p in zip(self.players, self.strategies, self.profiles):
            for k, name in enumerate(names):
                data[f"{player}:{name}"] = p[:, k]
        for i, player in enumerate(self.players):
            data[f"payoff:{player}"] = self.payoffs[:, i]
        return pd.DataFrame(data)

    def __repr__(self) -> str:
        head = (
            f"QREPath({len(self)} points, lam from {self.lambdas[0]:.6g} to {self.lambdas[-1]:.6g}; "
            f"players {', '.join(self.players)})"
        )
        return "\n".join([head, f"  start {self[0]!r}", f"  end   {self[-1]!r}"])


# ---------------------------------------------------------------------------------------- the equations
def _probabilities(logratios: np.ndarray) -> np.ndarray:
    """The probability vector whose logs relative to its first entry are ``logratios``."""
    full = np.concatenate(([0.0], logratios))
    full -= full.max()
    e = np.exp(full)
    return e / e.sum()


class _System:
    """The fixed-point equations ``H(v) = 0`` in ``v = (log(x/x_0), log(y/y_0), mu)``.

    ``mu = lam * scale`` and the payoff matrices are divided by ``scale`` (the payoff range), so the
    continuation's step sizes do not depend on the unit of the payoffs.
    """

    def __init__(self, A: np.ndarray, B: np.ndarray, scale: float):
        self.A, self.B, self.scale = A / scale, B / scale, scale
        self.m, self.n = A.shape
        self.size = self.m + self.n - 2

    def split(self, v: np.ndarray):
        z, w = v[: self.m - 1], v[self.m - 1 : self.size]
        return _probabilities(z), _probabilities(w), v[-1]

    def residual(self, v: np.ndarray) -> np.ndarray:
        x, y, mu = self.split(v)
        u, t = self.A @ y, self.B.T @ x
        return np.concatenate([v[: self.m - 1] - mu * (u[1:] - u[0]), v[self.m - 1 : self.size] - mu * (t[1:] - t[0])])

    def jacobian(self, v: np.ndarray) -> np.ndarray:
        """``dH/dv``, shape ``(size, size + 1)``."""
        x, y, mu = self.split(v)
        m1 = self.m - 1
        u, t = self.A @ y, self.B.T @ x
        # d(Ay)_i / d log(y_k/y_0) = y_k (A_ik - (Ay)_i), k >= 1; likewise for B^T x.
        du = (self.A[:, 1:] - u[:, None]) * y[None, 1:]
        dt = (self.B.T[:, 1:] - t[:, None]) * x[None, 1:]
        J = np.zeros((self.size, self.size + 1))
        J[: self.size, : self.size] = np.eye(self.size)
        J[:m1, m1 : self.size] = -mu * (du[1:] - du[0])
        J[m1:, :m1] = -mu * (dt[1:] - dt[0])
        J[:m1, -1] = -(u[1:] - u[0])
        J[m1:, -1] = -(t[1:] - t[0])
        return J

    def tangent(self, v: np.ndarray, previous: np.ndarray | None) -> np.ndarray:
        """The unit tangent of the branch at ``v`` (null vector of the Jacobian), oriented along
        ``previous`` or, at the start, towards increasing ``mu``."""
        J = self.jacobian(v)
        _, _, vt = np.linalg.svd(J)
        t = vt[-1]
        sign = (t @ previous) if previous is not None else t[-1]
        return -t if sign < 0 else t

    def converged(self, v: np.ndarray, res: float, tol: float) -> bool:
        # Allow for rounding in z - mu * (payoff difference) once z and mu are large.
        return res <= tol + 64 * np.finfo(float).eps * (abs(v[-1]) + np.abs(v).max())

    def correct(self, v_pred: np.ndarray, tangent: np.ndarray, tol: float):
        """Newton's method on ``H(v) = 0`` and ``tangent @ (v - v_pred) = 0``; ``(v, iterations)``
        or ``(None, None)``."""
        v = v_pred.copy()
        last = math.inf
        for it in range(1, MAX_NEWTON + 1):
            F = np.append(self.residual(v), tangent @ (v - v_pred))
            J = np.vstack([self.jacobian(v), tangent])
            try:
                dv = np.linalg.solve(J, -F)
            except np.linalg.LinAlgError:
                return None, None
            size = np.linalg.norm(dv)
            if not math.isfinite(size) or size > MAX_CONTRACTION * last:
                return None, None
            last = size
            v = v + dv
            if self.converged(v, np.abs(self.residual(v)).max(), tol):
                return v, it
        return None, None

    def solve_at(self, v0: np.ndarray, mu: float, tol: float):
        """Newton's method on ``H(., mu) = 0`` from ``v0``; the solution or ``None``."""
        v = v0.copy()
        v[-1] = mu
        for _ in range(MAX_NEWTON):
            J = self.jacobian(v)[:, :-1]
            try:
                dv = np.linalg.solve(J, -self.residual(v))
            except np.linalg.LinAlgError:
                return None
            if not np.all(np.isfinite(dv)):
                return None
            v[:-1] += dv
            if self.converged(v, np.abs(self.residual(v)).max(), tol):
                return v
        return None


def _trace(system: _System, targets: np.ndarray, tol: float, keep_steps: bool):
    """Follow the principal branch from the centroid until ``mu`` first reaches each of the sorted
    ``targets`` (the last is the end). Returns the points of the branch at the targets and, when
    ``keep_steps``, the accepted continuation points before the last target, as lists of ``v``."""
    v = np.zeros(system.size + 1)
    at_targets, steps = [], [v] if keep_steps else []
    k = 0
    while k < len(targets) and targets[k] <= 0:
        at_targets.append(v.copy())
        k += 1
    if k == len(targets):
        return at_targets, steps
    t = system.tangent(v, None)
    h, halvings = INITIAL_STEP, 0
    for _ in range(MAX_STEPS):
        v_new, iterations = system.correct(v + h * t, t, tol)
        t_new = None
        if v_new is not None and np.linalg.norm(v_new - (v + h * t)) > MAX_CORRECTION * h:
            v_new = None
        if v_new is not None:
            t_new = system.tangent(v_new, t)
            if t_new @ t < MIN_TANGENT_COSINE:
                v_new = None
        exact = []
        if v_new is not None:
            # Targets first reached between v and v_new: Newton at fixed mu from the chord.
            j = k
            while j < len(targets) and v_new[-1] >= targets[j]:
                share = (targets[j] - v[-1]) / (v_new[-1] - v[-1])
                point = system.solve_at(v + share * (v_new - v), targets[j], tol)
                if point is None:
                    v_new = None
                    break
                exact.append(point)
                j += 1
        if v_new is None:
            halvings += 1
            if halvings > MAX_HALVINGS:
                raise SolverError(
                    f"logit QRE continuation failed near lam = {v[-1] / system.scale:.6g}: the corrector did "
                    f"not converge after {MAX_HALVINGS} halvings of the step (step {h:.3g}); the game may be "
                    "degenerate at that point (a bifurcation of the QRE correspondence)"
                )
            h /= 2
            continue
        at_targets.extend(exact)
        k += len(exact)
        if k == len(targets):
            return at_targets, steps
        if keep_steps:
            steps.append(v_new)
        v, t, halvings = v_new, t_new, 0
        if iterations <= QUICK_NEWTON:
            h *= STEP_GROWTH
        h = min(h, MAX_STEP + MAX_STEP_GROWTH * np.linalg.norm(v))
    raise SolverError(
        f"logit QRE continuation took more than {MAX_STEPS} steps and reached only lam = "
        f"{v[-1] / system.scale:.6g}; use a smaller lam"
    )


# ---------------------------------------------------------------------------------------- public API
def _check_lam(name: str, value: object) -> float:
    out = check_real(name, value)
    if out < 0:
        raise InvalidArgumentError(f"{name} must be >= 0; got {value!r}")
    return out


def _setup(game: object, solver: str):
    game = check_game(game, solver)
    A, B = np.asarray(game.payoffs[0], float), np.asarray(game.payoffs[1], float)
    system = _System(A, B, payoff_scale(game))
    return game, A, B, system


def _profile(system: _System, v: np.ndarray):
    if system.size == 0:
        return np.ones(system.m), np.ones(system.n)
    x, y, _ = system.split(v)
    return x, y


def logit_qre(game: Game, lam: float, *, tol: float = 1e-10) -> LogitQRE:
    """The logit quantal response equilibrium on the principal branch at precision ``lam``.

    The profile ``(x, y)`` solves ``x_i ∝ exp(lam (A y)_i)`` and ``y_j ∝ exp(lam (B^T x)_j)``
    (payoffs not rescaled). It is found by tracing the principal branch from the centroid
    (``lam = 0``) by pseudo-arclength continuation (see the module notes) and returning the first
    point of the branch at precision ``lam``.

    Parameters
    ----------
    game : Game
        A two-player game.
    lam : float
        The precision, ``>= 0`` and finite; 0 gives uniform mixing, large values approach a Nash
        equilibrium.
    tol : float, default 1e-10
        Newton's method stops when every fixed-point equation in log-probabilities,
        ``log(x_i / x_0) = lam ((A y)_i - (A y)_0)`` (and likewise for ``y``), holds to ``tol``
        (in units of the payoff range times ``lam``).

    Returns
    -------
    LogitQRE

    Raises
    ------
    ArgumentTypeError
        If ``game`` is not a :class:`~bargain.Game` or ``lam`` is not a real number.
    PlayerCountError
        If the game does not have two players.
    InvalidArgumentError
        If ``lam`` is negative or not finite, or ``tol <= 0``.
    SolverError
        If the continuation cannot follow the branch (near a bifurcation of a degenerate game).

    References
    ----------
    McKelvey and Palfrey (1995); Turocy (2005).

    Examples
    --------
    >>> import bargain as bg
    >>> from bargain.qre import logit_qre
    >>> game = bg.Game.bimatrix([[4, 1], [0, 0]], [[1, 0], [0, 2]],
    ...                         players=("Row", "Col"), strategies=(("T", "B"), ("L", "R")))
    >>> logit_qre(game, 0.0)
    LogitQRE(lam=0; Row: 0.5 T + 0.5 B, Col: 0.5 L + 0.5 R; payoffs (1.25, 0.75))
    >>> logit_qre(game, 1.0)
    LogitQRE(lam=1; Row: 0.9575 T + 0.04246 B, Col: 0.7053 L + 0.2947 R; payoffs (2.98359, 0.700373))
    """
    lam = _check_lam("lam", lam)
    tol = check_positive("tol", tol)
    game, A, B, system = _setup(game, "logit_qre")
    if system.size == 0:
        v = np.zeros(1)
    else:
        (v,), _ = _trace(system, np.array([lam * system.scale]), tol, keep_steps=False)
    x, y = _profile(system, v)
    return LogitQRE(
        lam, (_frozen(x), _frozen(y)), _frozen([x @ A @ y, x @ B @ y]), game.players, game.strategies
    )


def logit_qre_path(game: Game, *, lam_max: float, steps: int | None = None, tol: float = 1e-10) -> QREPath:
    """The principal branch of the logit QRE correspondence from ``lam = 0`` to ``lam_max``.

    The branch is traced from the centroid by pseudo-arclength continuation in
    ``(log-probabilities, lam)`` with Newton correction (see the module notes).

    Parameters
    ----------
    game : Game
        A two-player game.
    lam_max : float
        Where to stop: the first point of the branch at this precision (``> 0``, finite).
    steps : int or None, default None
        ``None`` reports every point the continuation accepted (adaptive spacing, denser where the
        branch bends), plus the exact point at ``lam_max``. An integer ``>= 2`` reports the branch
        at ``steps`` equally spaced precisions from 0 to ``lam_max`` instead (the first point of the
        branch at each).
    tol : float, default 1e-10
        Tolerance of Newton's method, as in :func:`logit_qre`.

    Returns
    -------
    QREPath

    Raises
    ------
    ArgumentTypeError
        If ``game`` is not a :class:`~bargain.Game`, ``lam_max`` is not a real number or ``steps``
        is not an integer.
    PlayerCountError
        If the game does not have two players.
    InvalidArgumentError
        If ``lam_max`` is not positive and finite, ``steps < 2`` or ``tol <= 0``.
    SolverError
        If the continuation cannot follow the branch.

    References
    ----------
    McKelvey and Palfrey (1995); Turocy (2005); Allgower and Georg (2003), ch. 2.

    Examples
    --------
    >>> import bargain as bg
    >>> from bargain.qre import logit_qre_path
    >>> game = bg.Game.bimatrix([[4, 1], [0, 0]], [[1, 0], [0, 2]],
    ...                         players=("Row", "Col"), strategies=(("T", "B"), ("L", "R")))
    >>> path = logit_qre_path(game, lam_max=1.0, steps=3)
    >>> path.lambdas
    array([0. , 0.5, 1. ])
    >>> path.profiles[0].round(4)
    array([[0.5   , 0.5   ],
           [0.7889, 0.2111],
           [0.9575, 0.0425]])
    """
    lam_max = check_positive("lam_max", lam_max)
    tol = check_positive("tol", tol)
    if steps is not None:
        if isinstance(steps, bool) or not isinstance(steps, Integral):
            raise ArgumentTypeError(f"steps must be an integer or None; got {steps!r}")
        if steps < 2:
            raise InvalidArgumentError(f"steps must be >= 2; got {steps!r}")
    game, A, B, system = _setup(game, "logit_qre_path")
    if steps is None:
        lambdas_wanted = np.array([lam_max])
    else:
        lambdas_wanted = np.linspace(0.0, lam_max, int(steps))
    if system.size == 0:
        points = [np.zeros(1) for _ in lambdas_wanted]
        lambdas = lambdas_wanted if steps is not None else np.array([0.0, lam_max])
        if steps is None:
            points = [np.zeros(1), np.zeros(1)]
    else:
        at_targets, traced = _trace(system, lambdas_wanted * system.scale, tol, keep_steps=steps is None)
        if steps is None:
            points = [*traced, at_targets[-1]]
            lambdas = np.array([p[-1] / system.scale for p in traced] + [lam_max])
        else:
            points, lambdas = at_targets, lambdas_wanted
    xs, ys = zip(*(_profile(system, v) for v in points))
    X, Y = np.array(xs), np.array(ys)
    payoffs = np.column_stack([np.einsum("ki,ij,kj->k", X, A, Y), np.einsum("ki,ij,kj->k", X, B, Y)])
    return QREPath(_frozen(lambdas), (_frozen(X), _frozen(Y)), game.players, game.strategies, _frozen(payoffs))
