"""Critical discount factors: how patient players must be to sustain a pure profile, or a cycle.

A target path is sustained in a subgame-perfect equilibrium of the infinitely repeated game (normalised
discounted payoffs ``(1 - delta) * sum_t delta^t u_t``) when, at every phase, no player gains by a
one-shot deviation that is then punished. With a pure profile ``a`` played forever, player ``i``
compares the path payoff ``c_i = u_i(a)`` with the best payoff of a deviation, ``d_i = max over
s != a_i of u_i(s, a_-i)``, followed by the punishment payoff ``p_i``::

    c_i >= (1 - delta) d_i + delta p_i   <=>   delta >= (d_i - c_i) / (d_i - p_i)

so ``delta_i = (d_i - c_i) / (d_i - p_i)`` when ``p_i <= c_i < d_i``; ``delta_i = 0`` when
``d_i <= c_i`` and ``p_i <= c_i`` (or ``i`` has a single strategy); and no ``delta < 1`` works when
``c_i < p_i`` (the "punishment" rewards a deviation, for patient players), or when ``d_i > c_i = p_i``.
In the case ``c_i < p_i`` the path may still be sustained for *small* ``delta`` (up to
``(c_i - d_i) / (p_i - d_i)``); the threshold reported is about all ``delta`` above it.

A *cycle* ``a^0, ..., a^{L-1}`` played in turn must satisfy the condition at each phase ``t``: the
continuation value ``V_t(delta) = (1 - delta) / (1 - delta^L) * sum_k delta^k u_i(a^{t+k})`` must be
at least ``(1 - delta) d_i^t + delta p_i``. Multiplying by ``(1 - delta^L) / (1 - delta) > 0`` gives
the polynomial inequality of degree ``<= L``::

    g_t(delta) = sum_k delta^k u_i(a^{t+k}) - (1 + ... + delta^{L-1}) ((1 - delta) d_i^t + delta p_i) >= 0

Its real roots in ``(0, 1)`` split ``[0, 1)`` into intervals of constant sign. The threshold reported
for ``(i, t)`` is the smallest ``delta*`` such that ``g_t >= 0`` on all of ``[delta*, 1)`` (the
inequality may also hold on isolated intervals below it, which are not reported); the threshold of
the path is the largest over phases and players. Roots are found with :func:`numpy.roots` and
polished by Brent's method.

Punishments: ``"nash"`` reverts forever to the stage Nash equilibrium worst for the deviator (all
equilibria, mixed included, for two players; pure equilibria for more players); a given profile must
be a stage Nash equilibrium (reverting to it forever is then subgame perfect); ``"optimal"`` uses
optimal penal codes (the worst subgame-perfect payoff of each player) from
:mod:`bargain.repeated.spe`.

References
----------
.. [1] J. W. Friedman, "A non-cooperative equilibrium for supergames", *Review of Economic Studies*
   38 (1971) 1-12 (Nash reversion).
.. [2] D. Abreu, "On the theory of infinitely repeated games with discounting", *Econometrica* 56
   (1988) 383-396 (optimal penal codes).
.. [3] G. J. Mailath and L. Samuelson, *Repeated Games and Reputations* (2006), Section 2.5.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import brentq

from .._format import mixed_str
from .._validation import check_positive
from ..equilibria.regret import as_profile, is_equilibrium, payoff_scale, regret
from ..errors import ArgumentTypeError, InvalidArgumentError, InvalidProfileError, SolverError
from ..game import Game

__all__ = ["CriticalDelta", "critical_delta", "pure_cycle"]


@dataclass(frozen=True, eq=False, repr=False)
class CriticalDelta:
    """The smallest discount factor at which a path is sustained, per player and overall.

    Attributes
    ----------
    delta : float
        ``max(per_player)``: the path is sustained at every ``delta`` in ``[delta, 1)``;
        ``math.inf`` when no ``delta < 1`` works.
    per_player : 1-D float array
        Each player's threshold (``inf`` for a player whose incentive fails for every ``delta < 1``).
    punishment : str
        A description of the punishment used.
    players : tuple of str
        The players' names (may be empty).
    punishment_payoffs : 1-D float array or None
        The payoff ``p_i`` each deviator is held to, when the punishment has a fixed one.
    sustained_above : bool or None
        For optimal penal codes, whose pure-strategy sustainability need not be monotone in
        ``delta``: whether the path was found sustained at every checked discount factor above
        ``delta`` (``None`` when not checked or when ``delta`` is ``inf``).
    """

    delta: float
    per_player: np.ndarray
    punishment: str
    players: tuple[str, ...] = field(default=())
    punishment_payoffs: np.ndarray | None = None
    sustained_above: bool | None = None

    def __post_init__(self) -> None:
        per = np.array(self.per_player, dtype=float)
        per.flags.writeable = False
        object.__setattr__(self, "per_player", per)
        object.__setattr__(self, "delta", float(self.delta))
        if self.punishment_payoffs is not None:
            pay = np.array(self.punishment_payoffs, dtype=float)
            pay.flags.writeable = False
            object.__setattr__(self, "punishment_payoffs", pay)

    @property
    def sustainable(self) -> bool:
        """Whether some ``delta < 1`` sustains the path."""
        return math.isfinite(self.delta)

    def __repr__(self) -> str:
        def fmt(x: float) -> str:
            return "never" if not math.isfinite(x) else f"{x:.6g}"

        names = self.players or tuple(f"P{i}" for i in range(len(self.per_player)))
        per = ", ".join(f"{name} {fmt(x)}" for name, x in zip(names, self.per_player))
        above = "" if self.sustained_above is None else f"; sustained above: {self.sustained_above}"
        return f"CriticalDelta(delta={fmt(self.delta)}; {per}; punishment: {self.punishment}{above})"


# ---------------------------------------------------------------------------------------- helpers
def _is_pure_entry(entry: object) -> bool:
    return isinstance(entry, str | int | np.integer) and not isinstance(entry, bool)


def pure_cycle(game: Game, profile: object) -> list[tuple[int, ...]]:
    """Read a pure profile (one index or name per player) or a cycle of them, as index tuples.

    Examples
    --------
    >>> import bargain as bg
    >>> from bargain.repeated.critical import pure_cycle
    >>> pd = bg.Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D")))
    >>> pure_cycle(pd, ("C", "C")), pure_cycle(pd, [("C", "D"), (1, 0)])
    ([(0, 0)], [(0, 1), (1, 0)])
    """
    if isinstance(profile, str | bytes) or not isinstance(profile, Sequence | np.ndarray):
        raise ArgumentTypeError(
            f"profile must be a pure profile (one strategy index or name per player) or a sequence of "
            f"such profiles; got {profile!r}"
        )
    if len(profile) == 0:
        raise InvalidProfileError("profile must not be empty")
    if all(_is_pure_entry(e) for e in profile):
        phases = [profile]
    else:
        phases = list(profile)
    out = []
    for phase in phases:
        if isinstance(phase, str | bytes) or not isinstance(phase, Sequence | np.ndarray):
            raise InvalidProfileError(
                f"each profile of a cycle must be a sequence of {game.n_players} pure strategies; got {phase!r}"
            )
        if len(phase) != game.n_players:
            raise InvalidProfileError(
                f"a pure profile needs one strategy per player ({game.n_players}); got {len(phase)}: {phase!r}"
            )
        if not all(_is_pure_entry(e) for e in phase):
            raise InvalidProfileError(
                f"profile entries must be pure strategies (index or name); got {phase!r}"
            )
        out.append(tuple(game.strategy_index(i, e) for i, e in enumerate(phase)))
    return out


def _deviation_payoffs(game: Game, cell: tuple[int, ...]) -> np.ndarray:
    """``d_i = max_{s != a_i} u_i(s, a_-i)`` for each player (``-inf`` when it has no other strategy)."""
    out = np.empty(game.n_players)
    for i in range(game.n_players):
        index = cell[:i] + (slice(None),) + cell[i + 1 :]
        others = np.delete(game.payoffs[i][index], cell[i])
        out[i] = others.max() if others.size else -math.inf
    return out


@functools.lru_cache(maxsize=256)
def _nash_punishment(game: Game, tol: float) -> tuple[np.ndarray, str]:
    # cached: a Game is immutable and hashable, and sweeps ask for the same game's punishments often
    if game.n_players == 2:
        from ..equilibria.nash import equilibria

        found = equilibria(game)
        kind = "stage Nash equilibrium"
    else:
        from ..equilibria.pure import pure_equilibria

        found = pure_equilibria(game)
        kind = "pure stage Nash equilibrium"
    if len(found) == 0:
        raise SolverError(
            f"Nash reversion needs a {kind}; the game has none; pass a punishment profile or use "
            f"punishment='optimal'"
        )
    payoffs = np.array([eq.payoffs for eq in found])
    worst = payoffs.min(axis=0)
    worst.flags.writeable = False  # shared by every caller of the cache
    detail = ", ".join(f"{name} {v:.6g}" for name, v in zip(game.players, worst))
    return worst, f"Nash reversion to the worst {kind} for each deviator (payoffs {detail})"


def _phase_threshold(values: np.ndarray, d: float, p: float, slack: float) -> float:
    """Smallest ``delta*`` with ``g(delta) >= 0`` on ``[delta*, 1)``; see the module docstring."""
    L = len(values)
    if d == -math.inf:
        return 0.0  # no other strategy to deviate to
    if L == 1:
        # g(delta) = (c - d) + delta (d - p) is linear: it must be >= 0 near 1 (c >= p) ...
        c = float(values[0])
        if c < p - slack:
            return math.inf
        if d <= c + slack:
            return 0.0
        if c <= p + slack:
            return math.inf
        return (d - c) / (d - p)
    coef = np.zeros(L + 1)  # ascending powers of delta
    coef[:L] += values
    coef[:L] -= d
    coef[1:] -= p - d

    def g(x: float) -> float:
        return float(np.polynomial.polynomial.polyval(x, coef))

    if np.all(np.abs(coef) <= slack):
        return 0.0
    trimmed = np.trim_zeros(coef, "b")
    roots = np.roots(trimmed[::-1]) if len(trimmed) > 1 else np.array([])
    real = sorted(float(r.real) for r in roots if abs(r.imag) <= 1e-9 and 0.0 < r.real < 1.0)
    cuts = [0.0, *real, 1.0]
    threshold = 0.0
    for k in range(len(cuts) - 1):
        lo, hi = cuts[k], cuts[k + 1]
        if hi - lo <= 1e-15:
            continue
        if g(0.5 * (lo + hi)) < -slack:
            if k == len(cuts) - 2:
                return math.inf
            threshold = hi
    if 0.0 < threshold < 1.0:
        # polish the root where g turns nonnegative
        a, b = max(threshold - 1e-7, 0.0), min(threshold + 1e-7, 1.0)
        if g(a) < 0 < g(b):
            threshold = brentq(g, a, b, xtol=1e-15, rtol=4 * np.finfo(float).eps)
    return threshold


def _thresholds(game: Game, cycle: list[tuple[int, ...]], punish: np.ndarray, slack: float) -> np.ndarray:
    L = len(cycle)
    path = np.array([[game.payoffs[i][cell] for i in range(game.n_players)] for cell in cycle])  # (L, n)
    out = np.zeros(game.n_players)
    for t, cell in enumerate(cycle):
        d = _deviation_payoffs(game, cell)
        order = [(t + k) % L for k in range(L)]
        for i in range(game.n_players):
            out[i] = max(out[i], _phase_threshold(path[order, i], float(d[i]), float(punish[i]), slack))
    return out


# ---------------------------------------------------------------------------------------- API
def critical_delta(game: Game, profile, *, punishment="nash", tol: float = 1e-9) -> CriticalDelta:
    """The smallest discount factor at which a pure profile (or a cycle) is sustained in an SPE.

    Parameters
    ----------
    game : Game
    profile : sequence
        A pure profile (one strategy index or name per player), or a cycle: a sequence of pure
        profiles played in turn, forever.
    punishment : {"nash", "optimal"} or profile, default "nash"
        ``"nash"``: each deviator is punished by reversion, forever, to the stage Nash equilibrium
        worst for it (all equilibria for two players, pure ones for more). A profile (pure or mixed,
        one entry per player): reversion to it forever; it must be a stage Nash equilibrium.
        ``"optimal"``: optimal penal codes (Abreu 1988), from :mod:`bargain.repeated.spe`.
    tol : float, default 1e-9
        Relative tolerance (times the payoff range) for ties and the equilibrium test.

    Returns
    -------
    CriticalDelta
        ``.delta`` (``math.inf`` when no ``delta < 1`` works) and ``.per_player``. For a single
        profile under a fixed punishment ``delta_i = (d_i - c_i) / (d_i - p_i)`` exactly.

    Raises
    ------
    InvalidArgumentError
        If a punishment profile is not a stage Nash equilibrium, or ``punishment`` is an unknown word.
    InvalidProfileError
        If ``profile`` is not a pure profile or a cycle of them.
    SolverError
        If ``"nash"`` finds no stage equilibrium to revert to, or ``"optimal"`` is unavailable.

    References
    ----------
    .. [1] Friedman (1971); Abreu (1988); Mailath and Samuelson (2006), Section 2.5.

    Examples
    --------
    >>> import bargain as bg
    >>> from bargain.repeated.critical import critical_delta
    >>> pd = bg.Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                       strategies=(("C", "D"), ("C", "D")))
    >>> critical_delta(pd, ("C", "C"))      # (T - R) / (T - P) = (5 - 3) / (5 - 1)
    CriticalDelta(delta=0.5; P0 0.5, P1 0.5; punishment: Nash reversion to the worst stage Nash equilibrium for each deviator (payoffs P0 1, P1 1))
    """
    if not isinstance(game, Game):
        raise ArgumentTypeError(f"game must be a bargain.Game; got {type(game).__name__}")
    tol = check_positive("tol", tol)
    cycle = pure_cycle(game, profile)
    slack = tol * payoff_scale(game)
    if isinstance(punishment, str):
        if punishment == "optimal":
            try:
                from .spe import critical_delta_optimal
            except ImportError:
                raise SolverError("optimal penal codes need bargain.repeated.spe") from None
            return critical_delta_optimal(game, cycle, tol=tol)
        if punishment != "nash":
            raise InvalidArgumentError(
                f"punishment must be 'nash', 'optimal' or a stage-equilibrium profile; got {punishment!r}"
            )
        punish, description = _nash_punishment(game, tol)
    else:
        x = as_profile(game, punishment)
        if not is_equilibrium(game, x, tol=max(tol, 1e-8)):
            raise InvalidArgumentError(
                f"punishment profile {punishment!r} is not a stage Nash equilibrium "
                f"(regrets {np.round(regret(game, x), 9).tolist()}); reverting to it is not credible"
            )
        punish = np.array([_expected(game, x, i) for i in range(game.n_players)])
        detail = ", ".join(f"{name} {v:.6g}" for name, v in zip(game.players, punish))
        description = f"reversion to the stage equilibrium {_profile_str(game, x)} (payoffs {detail})"
    per_player = _thresholds(game, cycle, punish, slack)
    return CriticalDelta(float(per_player.max()), per_player, description, game.players, punish)


def _expected(game: Game, x: tuple[np.ndarray, ...], i: int) -> float:
    table = game.payoffs[i]
    for j in reversed(range(game.n_players)):
        table = np.tensordot(table, x[j], axes=([j], [0]))
    return float(table)


def _profile_str(game: Game, x: tuple[np.ndarray, ...]) -> str:
    return "(" + ", ".join(mixed_str(names, p) for names, p in zip(game.strategies, x)) + ")"
