"""Learning and evolutionary dynamics: replicator, best-response, fictitious play, logit dynamics,
rest points and their stability, basins of attraction, and stochastic stability (KMR / Young).

Notation
--------
A two-player game has payoff matrices ``A`` (row player) and ``B`` (column player). A *symmetric*
game has ``B = A^T``; it describes one population whose members are matched in pairs, and its state
is a point ``x`` of the simplex (the population shares of the strategies). An asymmetric game
describes two populations (one per role) with states ``x`` (rows) and ``y`` (columns).

* **Replicator dynamics** (Taylor and Jonker 1978), one population:
  ``dx_i/dt = x_i ((A x)_i - x^T A x)``; two populations:
  ``dx_i/dt = x_i ((A y)_i - x^T A y)`` and ``dy_j/dt = y_j ((B^T x)_j - x^T B y)``.
* **Logit dynamics** (Fudenberg and Levine 1998; Hofbauer and Sandholm 2002), a perturbed
  best-response dynamics: ``dx/dt = L_eta(A y) - x`` and ``dy/dt = L_eta(B^T x) - y`` with
  ``L_eta(u)_k = exp(u_k / eta) / sum_l exp(u_l / eta)``. Its rest points are the logit quantal
  response equilibria at ``lambda = 1 / eta``.
* **Best-response dynamics**, here in discrete time: ``x_{t+1} = (1 - step) x_t + step BR(y_t)`` and
  likewise for ``y``, with pure best responses and ties broken towards the lowest index. With
  ``step = 1`` this is the simultaneous best-response (Cournot) map; a small ``step`` is the Euler
  scheme of the continuous best-response dynamics of Gilboa and Matsui (1991).
* **Fictitious play** (Brown 1951; Robinson 1951): in each round every player best-responds to the
  empirical frequency of its opponent's past play; *smoothed* fictitious play replaces the best
  response with a logit response.
* **Stochastic stability** (Kandori, Mailath and Rob 1993; Young 1993): a finite population adjusts
  by best response with rare mutations; the states that keep positive probability as the mutation
  rate vanishes are *stochastically stable*. In a 2x2 coordination game this is the risk-dominant
  convention (for a large enough population).

The ODEs are integrated with :func:`scipy.integrate.solve_ivp` (``DOP853``, ``rtol = 1e-10``,
``atol = 1e-12`` by default); the tiny drift off the simplex that any integrator leaves is removed by
projecting each stored state back (clip at 0, renormalise).

References
----------
Hofbauer, J. and Sigmund, K. (1998). *Evolutionary Games and Population Dynamics*. Cambridge UP.
Sandholm, W. H. (2010). *Population Games and Evolutionary Dynamics*. MIT Press.
Kandori, M., Mailath, G. and Rob, R. (1993). Learning, mutation, and long run equilibria in games.
*Econometrica* 61, 29-56.
Young, H. P. (1993). The evolution of conventions. *Econometrica* 61, 57-84.
"""

from __future__ import annotations

import itertools
import math
import numbers
import warnings
from dataclasses import dataclass

import numpy as np
from scipy.integrate import solve_ivp
from scipy.special import logsumexp

from ._validation import check_game as _check_game
from ._format import mixed_str as _mixed_str
from ._arrays import frozen as _frozen
from ._validation import check_positive, check_real
from .equilibria.regret import payoff_scale
from .errors import (
    ArgumentTypeError,
    DegenerateGameWarning,
    InvalidArgumentError,
    InvalidGameError,
    InvalidProfileError,
)
from .game import Game

__all__ = [
    "Basins",
    "FictitiousPlay",
    "LeaderLearning",
    "RestPoint",
    "StationaryDistribution",
    "Trajectory",
    "basins",
    "best_response_dynamics",
    "fictitious_play",
    "kmr_stationary",
    "leader_learning",
    "logit_dynamics",
    "replicator",
    "replicator_two_population",
    "rest_points",
    "stochastically_stable",
]

RTOL = 1e-10  # relative tolerance of the ODE integrator
ATOL = 1e-12  # absolute tolerance of the ODE integrator
SIMPLEX_TOL = 1e-9  # how far an initial state may be from the simplex
TIE_TOL = 1e-12  # payoff ties, relative to the payoff range
EIGEN_TOL = 1e-9  # real parts within this (times the payoff range) of 0 count as 0
BASIN_STEP = 0.05  # RK4 step for basins, in units of 1 / payoff range
CAPTURE = 1e-2  # an orbit ending within this (max-norm) distance of an attractor converges to it


# ---------------------------------------------------------------------------------------------- records

@dataclass(frozen=True, eq=False, repr=False)
class Trajectory:
    """A solution path of a dynamics: the states of each population at a sequence of times.

    Attributes
    ----------
    times : 1-D float array
        The times (or round numbers, for discrete-time dynamics) at which states are stored.
    states : tuple of 2-D float arrays
        One array per population, of shape ``(len(times), m)``: row ``t`` is that population's mixed
        strategy (shares of its pure strategies) at ``times[t]``. Read-only.
    populations : tuple of str
        The populations' names (``("population",)`` for one-population dynamics, else the players).
    strategies : tuple of tuples of str
        Each population's strategy names.
    method : str
        The dynamics that produced the path.
    """

    times: np.ndarray
    states: tuple[np.ndarray, ...]
    populations: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    method: str

    @property
    def final(self) -> tuple[np.ndarray, ...]:
        """The last state of each population."""
        return tuple(s[-1] for s in self.states)

    def __repr__(self) -> str:
        final = "; ".join(
            f"{pop}: {_mixed_str(names, x)}" for pop, names, x in zip(self.populations, self.strategies, self.final)
        )
        return (
            f"Trajectory({self.method}, {len(self.times)} points, t in [{self.times[0]:g}, {self.times[-1]:g}]; "
            f"final {final})"
        )


@dataclass(frozen=True, eq=False, repr=False)
class FictitiousPlay:
    """The history of a fictitious-play run.

    Attributes
    ----------
    frequencies : tuple of 2-D float arrays
        One array per player, shape ``(rounds + 1, m)``: row ``t`` is the empirical frequency of that
        player's play after ``t`` rounds (row 0 is the prior belief, counted as one round).
    actions : tuple of 1-D int arrays or None
        The pure strategy each player played in rounds ``1..rounds``; ``None`` for deterministic
        smoothed play, where the expected (mixed) logit response enters the frequencies instead.
    players, strategies : names
    smoothing : float or None
        The logit temperature, or ``None`` for classic fictitious play.
    """

    frequencies: tuple[np.ndarray, ...]
    actions: tuple[np.ndarray, ...] | None
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    smoothing: float | None

    @property
    def final(self) -> tuple[np.ndarray, ...]:
        """Each player's empirical frequency after the last round."""
        return tuple(f[-1] for f in self.frequencies)

    def __repr__(self) -> str:
        kind = "classic" if self.smoothing is None else f"smoothed, temperature {self.smoothing:g}"
        final = "; ".join(
            f"{p}: {_mixed_str(names, x)}" for p, names, x in zip(self.players, self.strategies, self.final)
        )
        return f"FictitiousPlay({kind}, {len(self.frequencies[0]) - 1} rounds; final frequencies {final})"


@dataclass(frozen=True, eq=False, repr=False)
class RestPoint:
    """A rest point of the one-population replicator dynamics, with its linear stability.

    Attributes
    ----------
    state : 1-D float array
        The population state (a point of the simplex).
    support : tuple of str
        The strategies with positive share.
    payoff : float
        The common payoff ``(A x)_i`` of the strategies in the support.
    eigenvalues : 1-D complex array
        The eigenvalues of the Jacobian restricted to the tangent space of the simplex (``m - 1`` of them).
    stability : str
        ``"asymptotically stable"`` (every real part < 0), ``"unstable"`` (some real part > 0) or
        ``"non-hyperbolic"`` (otherwise: linearisation is inconclusive).
    is_nash : bool
        Whether no strategy outside the support earns more (the rest point is a symmetric Nash equilibrium).
    strategies : tuple of str
        The names of the strategies, in the order of ``state``.
    """

    state: np.ndarray
    support: tuple[str, ...]
    payoff: float
    eigenvalues: np.ndarray
    stability: str
    is_nash: bool
    strategies: tuple[str, ...]

    def __repr__(self) -> str:
        eig = ", ".join(f"{complex(e).real:.4g}{complex(e).imag:+.4g}j" for e in self.eigenvalues)
        return f"RestPoint({self.label}; {self.stability}; eigenvalues [{eig}])"

    @property
    def label(self) -> str:
        """The state written with strategy names, e.g. ``"0.5 Hawk + 0.5 Dove"``."""
        return _mixed_str(self.strategies, self.state)


@dataclass(frozen=True, eq=False, repr=False)
class Basins:
    """Basins of attraction estimated on a grid of initial conditions.

    Attributes
    ----------
    grid : tuple of 2-D float arrays
        One array per population, shape ``(k, m)``: the initial states (row ``g`` of each array
        together form initial condition ``g``).
    labels : 1-D int array
        For each initial condition, the index into ``attractors`` of the attractor its orbit reached,
        or ``-1`` when it reached none within ``t_max``.
    attractors : tuple of tuples of 1-D float arrays
        The attractors (asymptotically stable rest points), each one state per population.
    names : tuple of str
        A readable name per attractor.
    shares : 1-D float array
        The share of the grid converging to each attractor.
    unclassified : float
        The share of the grid that reached no attractor.
    """

    grid: tuple[np.ndarray, ...]
    labels: np.ndarray
    attractors: tuple[tuple[np.ndarray, ...], ...]
    names: tuple[str, ...]
    shares: np.ndarray
    unclassified: float

    def share(self, name: str) -> float:
        """The share of the grid converging to the attractor called ``name``."""
        if name not in self.names:
            raise InvalidArgumentError(f"name must be one of {list(self.names)!r}; got {name!r}")
        return float(self.shares[self.names.index(name)])

    def __repr__(self) -> str:
        parts = ", ".join(f"{n}: {s:.4g}" for n, s in zip(self.names, self.shares))
        return f"Basins({len(self.labels)} initial conditions; {parts}; unclassified: {self.unclassified:.4g})"


@dataclass(frozen=True, eq=False, repr=False)
class StationaryDistribution:
    """The stationary distribution of the KMR birth-death chain.

    Attributes
    ----------
    probabilities : 1-D float array
        ``probabilities[z]`` is the long-run probability that exactly ``z`` players use strategy 0
        (``z = 0, ..., population``). Sums to 1.
    population : int
    mutation : float
    strategies : tuple of str
        The two strategy names.
    """

    probabilities: np.ndarray
    population: int
    mutation: float
    strategies: tuple[str, ...]

    def mass_on(self, strategy: str | int) -> float:
        """The probability that the whole population uses ``strategy`` (a name or index)."""
        if isinstance(strategy, str):
            if strategy not in self.strategies:
                raise InvalidArgumentError(f"strategy must be one of {list(self.strategies)!r}; got {strategy!r}")
            strategy = self.strategies.index(strategy)
        if strategy not in (0, 1) or isinstance(strategy, bool):
            raise InvalidArgumentError(f"strategy must be 0, 1 or a name; got {strategy!r}")
        return float(self.probabilities[-1] if strategy == 0 else self.probabilities[0])

    def __repr__(self) -> str:
        return (
            f"StationaryDistribution(population {self.population}, mutation {self.mutation:g}; "
            f"all {self.strategies[0]}: {self.mass_on(0):.4g}, all {self.strategies[1]}: {self.mass_on(1):.4g})"
        )


# ---------------------------------------------------------------------------------------------- helpers
def _readonly(array: np.ndarray) -> np.ndarray:
    array = np.array(array)
    array.flags.writeable = False
    return array


def _symmetric_matrix(game: object, solver: str) -> np.ndarray:
    game = _check_game(game, solver)
    A, B = game.payoffs
    m, n = A.shape
    if m != n or not np.allclose(B, A.T, rtol=0.0, atol=TIE_TOL * payoff_scale(game)):
        raise InvalidGameError(
            f"{solver} needs a symmetric game (column payoffs B equal to the transpose of row payoffs A); "
            f"got a {m}x{n} game that is not symmetric. For two interacting populations use "
            "replicator_two_population"
        )
    return np.array(A)


def _check_state(name: str, x0: object, m: int) -> np.ndarray:
    try:
        x = np.array(x0, dtype=float)
    except (TypeError, ValueError):
        raise InvalidProfileError(f"{name} must be a probability vector of length {m}; got {x0!r}") from None
    if x.shape != (m,):
        raise InvalidProfileError(f"{name} must be a probability vector of length {m}; got shape {x.shape}")
    if not np.all(np.isfinite(x)) or x.min() < -SIMPLEX_TOL or abs(x.sum() - 1.0) > SIMPLEX_TOL:
        raise InvalidProfileError(
            f"{name} must lie on the simplex (entries >= 0 summing to 1); got {x.tolist()}"
        )
    return _project(x)


def _project(x: np.ndarray) -> np.ndarray:
    """Clip at 0 and renormalise (along the last axis): removes integration drift off the simplex."""
    x = np.clip(x, 0.0, None)
    return x / x.sum(axis=-1, keepdims=True)


def _check_count(name: str, value: object, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ArgumentTypeError(f"{name} must be an integer >= {minimum}; got {value!r}")
    if value < minimum:
        raise InvalidArgumentError(f"{name} must be an integer >= {minimum}; got {value!r}")
    return int(value)


def _check_rng(rng: object) -> np.random.Generator | None:
    if rng is None:
        return None
    if isinstance(rng, bool) or not isinstance(
        rng, numbers.Integral | np.random.Generator | np.random.SeedSequence | np.random.BitGenerator
    ):
        raise ArgumentTypeError(
            f"rng must be None, an int seed, or a numpy.random.Generator; got {type(rng).__name__} {rng!r}"
        )
    if isinstance(rng, numbers.Integral) and rng < 0:
        raise InvalidArgumentError(f"rng seed must be >= 0; got {rng!r}")
    return np.random.default_rng(rng)


def _logit(u: np.ndarray, temperature: float) -> np.ndarray:
    z = u / temperature
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def _integrate(rhs, state0: np.ndarray, t_max: float, n_points: int, rtol: float, atol: float):
    times = np.linspace(0.0, t_max, n_points)
    sol = solve_ivp(rhs, (0.0, t_max), state0, method="DOP853", t_eval=times, rtol=rtol, atol=atol)
    if not sol.success:  # pragma: no cover - DOP853 on a smooth polynomial field does not fail
        from .errors import SolverError

        raise SolverError(f"ODE integration failed: {sol.message}")
    return times, sol.y.T


def _time_args(t_max, n_points, rtol, atol):
    return (
        check_positive("t_max", t_max),
        _check_count("n_points", n_points, 2),
        check_positive("rtol", rtol),
        check_positive("atol", atol),
    )


# ---------------------------------------------------------------------------------------------- ODEs
def replicator(game: Game, x0, *, t_max: float, n_points: int = 201, rtol: float = RTOL,
               atol: float = ATOL) -> Trajectory:
    """Integrate the one-population replicator dynamics of a symmetric two-player game.

    ``dx_i/dt = x_i ((A x)_i - x^T A x)`` with ``A = game.payoffs[0]``: a strategy's share grows at
    the rate by which its payoff exceeds the population average.

    Parameters
    ----------
    game : Game
        A symmetric two-player game (``B = A^T``).
    x0 : array_like, shape (m,)
        The initial state, a probability vector.
    t_max : float
        The time horizon, > 0.
    n_points : int, default 201
        Number of equally spaced times in ``[0, t_max]`` at which the state is stored.
    rtol, atol : float
        Tolerances of :func:`scipy.integrate.solve_ivp` (method ``DOP853``).

    Returns
    -------
    Trajectory
        With one population, ``"population"``.

    Raises
    ------
    InvalidGameError
        If the game is not symmetric (use :func:`replicator_two_population`).
    InvalidProfileError
        If ``x0`` is not on the simplex.

    References
    ----------
    Taylor, P. D. and Jonker, L. B. (1978). Evolutionarily stable strategies and game dynamics.
    *Mathematical Biosciences* 40, 145-156.

    Examples
    --------
    >>> import bargain as bg
    >>> from bargain.dynamics import replicator
    >>> hawk_dove = bg.Game.bimatrix([[-1, 2], [0, 1]], [[-1, 0], [2, 1]],
    ...                              strategies=(("Hawk", "Dove"), ("Hawk", "Dove")))
    >>> path = replicator(hawk_dove, [0.9, 0.1], t_max=40)
    >>> path.final[0].round(6)
    array([0.5, 0.5])
    """
    A = _symmetric_matrix(game, "replicator")
    x = _check_state("x0", x0, A.shape[0])
    t_max, n_points, rtol, atol = _time_args(t_max, n_points, rtol, atol)

    def rhs(_t, z):
        f = A @ z
        return z * (f - z @ f)

    times, states = _integrate(rhs, x, t_max, n_points, rtol, atol)
    return Trajectory(_frozen(times), (_frozen(_project(states)),), ("population",), (game.strategies[0],),
                      "replicator")


def replicator_two_population(game: Game, x0, y0, *, t_max: float, n_points: int = 201, rtol: float = RTOL,
                              atol: float = ATOL) -> Trajectory:
    """Integrate the two-population replicator dynamics of a two-player game.

    ``dx_i/dt = x_i ((A y)_i - x^T A y)`` and ``dy_j/dt = y_j ((B^T x)_j - x^T B y)``: each role's
    population grows the strategies that do better than its average against the other population.

    Parameters
    ----------
    game : Game
        Any two-player game.
    x0, y0 : array_like
        The initial states of the row and column populations (probability vectors).
    t_max, n_points, rtol, atol
        As in :func:`replicator`.

    Returns
    -------
    Trajectory
        Two populations, named after the players.

    Examples
    --------
    >>> import bargain as bg
    >>> from bargain.dynamics import replicator_two_population
    >>> battle = bg.Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> path = replicator_two_population(battle, [0.8, 0.2], [0.6, 0.4], t_max=30)
    >>> [x.round(4) for x in path.final]
    [array([1., 0.]), array([1., 0.])]
    """
    game = _check_game(game, "replicator_two_population")
    A, B = (np.array(p) for p in game.payoffs)
    m, n = A.shape
    x = _check_state("x0", x0, m)
    y = _check_state("y0", y0, n)
    t_max, n_points, rtol, atol = _time_args(t_max, n_points, rtol, atol)

    def rhs(_t, z):
        u, v = z[:m], z[m:]
        fu, fv = A @ v, B.T @ u
        return np.concatenate([u * (fu - u @ fu), v * (fv - v @ fv)])

    times, states = _integrate(rhs, np.concatenate([x, y]), t_max, n_points, rtol, atol)
    return Trajectory(
        _frozen(times),
        (_frozen(_project(states[:, :m])), _frozen(_project(states[:, m:]))),
        game.players,
        game.strategies,
        "replicator (two populations)",
    )


def logit_dynamics(game: Game, x0, y0, *, eta: float, t_max: float, n_points: int = 201, rtol: float = RTOL,
                   atol: float = ATOL) -> Trajectory:
    """Integrate the logit (perturbed best-response) dynamics of a two-player game.

    ``dx/dt = L_eta(A y) - x`` and ``dy/dt = L_eta(B^T x) - y``, where
    ``L_eta(u)_k = exp(u_k / eta) / sum_l exp(u_l / eta)`` is the logit choice rule at noise level
    ``eta``. Its rest points are the logit quantal response equilibria with ``lambda = 1 / eta``; as
    ``eta -> 0`` the logit rule tends to the best response. In zero-sum games every orbit converges to
    the unique rest point (Hofbauer and Sandholm 2002).

    Parameters
    ----------
    game : Game
        Any two-player game.
    x0, y0 : array_like
        Initial states (probability vectors).
    eta : float
        The noise level (temperature), > 0, in payoff units.
    t_max, n_points, rtol, atol
        As in :func:`replicator`.

    Returns
    -------
    Trajectory

    References
    ----------
    Fudenberg, D. and Levine, D. K. (1998). *The Theory of Learning in Games*. MIT Press, ch. 4.
    Hofbauer, J. and Sandholm, W. H. (2002). On the global convergence of stochastic fictitious play.
    *Econometrica* 70, 2265-2294.

    Examples
    --------
    >>> import bargain as bg
    >>> from bargain.dynamics import logit_dynamics
    >>> pennies = bg.Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> path = logit_dynamics(pennies, [0.9, 0.1], [0.2, 0.8], eta=0.5, t_max=40)
    >>> [x.round(4) for x in path.final]
    [array([0.5, 0.5]), array([0.5, 0.5])]
    """
    game = _check_game(game, "logit_dynamics")
    eta = check_positive("eta", eta)
    A, B = (np.array(p) for p in game.payoffs)
    m, n = A.shape
    x = _check_state("x0", x0, m)
    y = _check_state("y0", y0, n)
    t_max, n_points, rtol, atol = _time_args(t_max, n_points, rtol, atol)

    def rhs(_t, z):
        u, v = z[:m], z[m:]
        return np.concatenate([_logit(A @ v, eta) - u, _logit(B.T @ u, eta) - v])

    times, states = _integrate(rhs, np.concatenate([x, y]), t_max, n_points, rtol, atol)
    return Trajectory(
        _frozen(times),
        (_frozen(_project(states[:, :m])), _frozen(_project(states[:, m:]))),
        game.players,
        game.strategies,
        f"logit (eta={eta:g})",
    )


# ---------------------------------------------------------------------------------------------- discrete learning
def _best_index(values: np.ndarray, tol: float, rng: np.random.Generator | None) -> int:
    ties = np.flatnonzero(values >= values.max() - tol)
    if rng is None:
        return int(ties[0])
    return int(ties[rng.integers(len(ties))]) if len(ties) > 1 else int(ties[0])


def best_response_dynamics(game: Game, x0, y0, *, rounds: int, step: float = 1.0) -> Trajectory:
    """Iterate the discrete-time best-response dynamics of a two-player game.

    ``x_{t+1} = (1 - step) x_t + step e_{BR(y_t)}`` and ``y_{t+1} = (1 - step) y_t + step e_{BR(x_t)}``,
    both players revising simultaneously, each towards a pure best response to the other's current
    state (ties broken towards the lowest index). ``step = 1`` is the simultaneous best-response
    (Cournot) map; a small ``step`` approximates the continuous best-response dynamics
    ``dx/dt = BR(y) - x`` of Gilboa and Matsui (1991) over time ``rounds * step``.

    Parameters
    ----------
    game : Game
        Any two-player game.
    x0, y0 : array_like
        Initial states (probability vectors).
    rounds : int
        Number of revisions, >= 1.
    step : float, default 1.0
        The share of each population that revises per round, in ``(0, 1]``.

    Returns
    -------
    Trajectory
        ``times`` are the round numbers ``0, ..., rounds``.

    References
    ----------
    Gilboa, I. and Matsui, A. (1991). Social stability and equilibrium. *Econometrica* 59, 859-867.

    Examples
    --------
    >>> import bargain as bg
    >>> from bargain.dynamics import best_response_dynamics
    >>> pennies = bg.Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> path = best_response_dynamics(pennies, [1, 0], [1, 0], rounds=4)
    >>> [int(x.argmax()) for x in path.states[1]]   # the column keeps chasing the row: a 4-cycle
    [0, 1, 1, 0, 0]
    """
    game = _check_game(game, "best_response_dynamics")
    A, B = (np.array(p) for p in game.payoffs)
    m, n = A.shape
    x = _check_state("x0", x0, m)
    y = _check_state("y0", y0, n)
    rounds = _check_count("rounds", rounds, 1)
    step = check_real("step", step)
    if not 0 < step <= 1:
        raise InvalidArgumentError(f"step must be in (0, 1]; got {step!r}")
    tol = TIE_TOL * payoff_scale(game)
    xs, ys = np.empty((rounds + 1, m)), np.empty((rounds + 1, n))
    xs[0], ys[0] = x, y
    for t in range(rounds):
        i = _best_index(A @ ys[t], tol, None)
        j = _best_index(B.T @ xs[t], tol, None)
        xs[t + 1] = (1 - step) * xs[t]
        xs[t + 1, i] += step
        ys[t + 1] = (1 - step) * ys[t]
        ys[t + 1, j] += step
    return Trajectory(
        _frozen(np.arange(rounds + 1)),
        (_frozen(xs), _frozen(ys)),
        game.players,
        game.strategies,
        f"best response (step={step:g})",
    )


def fictitious_play(game: Game, rounds: int, *, smoothing: float | None = None, rng=None,
                    initial=None) -> FictitiousPlay:
    """Run (smoothed) fictitious play in a two-player game.

    Each player holds a belief about its opponent: the empirical frequency of the opponent's play,
    starting from a prior (``initial``, uniform by default) that counts as one round. In every round
    both players respond to their beliefs simultaneously, then the frequencies are updated:
    after round ``t`` the frequency is ``(t * previous + played) / (t + 1)``.

    * Classic (``smoothing=None``): each plays a pure best response. Ties go to the lowest index when
      ``rng`` is ``None``, and to a uniformly random tied strategy otherwise.
    * Smoothed (``smoothing = temperature > 0``): each responds with the logit choice
      ``L(u)_k proportional to exp(u_k / temperature)``. With ``rng`` the action is drawn from it
      (stochastic fictitious play); without, the mixed response itself enters the frequencies
      (its deterministic mean-field version) and no actions are recorded.

    In two-player zero-sum games the empirical frequencies of classic fictitious play converge to
    the set of Nash equilibria (Robinson 1951); in Shapley's (1964) 3x3 game they cycle for ever.

    Parameters
    ----------
    game : Game
        Any two-player game.
    rounds : int
        Number of rounds, >= 1.
    smoothing : float, optional
        Logit temperature (> 0, payoff units); ``None`` for classic best responses.
    rng : None, int or numpy.random.Generator, optional
        Source of randomness, normalised with :func:`numpy.random.default_rng`; ``None`` makes the run
        deterministic (see above).
    initial : pair of array_like, optional
        Prior beliefs: the initial frequency of each player's play.

    Returns
    -------
    FictitiousPlay

    References
    ----------
    Brown, G. W. (1951). Iterative solution of games by fictitious play. In *Activity Analysis of
    Production and Allocation*, 374-376.
    Robinson, J. (1951). An iterative method of solving a game. *Annals of Mathematics* 54, 296-301.
    Shapley, L. S. (1964). Some topics in two-person games. *Advances in Game Theory*, 1-28.

    Examples
    --------
    >>> import bargain as bg
    >>> from bargain.dynamics import fictitious_play
    >>> pennies = bg.Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> run = fictitious_play(pennies, 5000)
    >>> bool(abs(run.final[0][0] - 0.5) < 0.01 and abs(run.final[1][0] - 0.5) < 0.01)
    True
    """
    game = _check_game(game, "fictitious_play")
    rounds = _check_count("rounds", rounds, 1)
    if smoothing is not None:
        smoothing = check_positive("smoothing", smoothing)
    generator = _check_rng(rng)
    A, B = (np.array(p) for p in game.payoffs)
    m, n = A.shape
    if initial is None:
        x, y = np.full(m, 1.0 / m), np.full(n, 1.0 / n)
    else:
        if isinstance(initial, str) or len(initial) != 2:
            raise InvalidProfileError("initial must be a pair of probability vectors (row's, column's)")
        x, y = _check_state("initial[0]", initial[0], m), _check_state("initial[1]", initial[1], n)
    tol = TIE_TOL * payoff_scale(game)
    xs, ys = np.empty((rounds + 1, m)), np.empty((rounds + 1, n))
    xs[0], ys[0] = x, y
    record = smoothing is None or generator is not None
    acts = (np.empty(rounds, dtype=np.int64), np.empty(rounds, dtype=np.int64)) if record else None
    for t in range(1, rounds + 1):
        u_row, u_col = A @ ys[t - 1], B.T @ xs[t - 1]
        if smoothing is None:
            i, j = _best_index(u_row, tol, generator), _best_index(u_col, tol, generator)
            play_x, play_y = np.zeros(m), np.zeros(n)
            play_x[i], play_y[j] = 1.0, 1.0
        else:
            play_x, play_y = _logit(u_row, smoothing), _logit(u_col, smoothing)
            if generator is not None:
                i, j = int(generator.choice(m, p=play_x)), int(generator.choice(n, p=play_y))
                play_x, play_y = np.eye(m)[i], np.eye(n)[j]
        if acts is not None:
            acts[0][t - 1], acts[1][t - 1] = i, j
        xs[t] = (t * xs[t - 1] + play_x) / (t + 1)
        ys[t] = (t * ys[t - 1] + play_y) / (t + 1)
    return FictitiousPlay(
        (_frozen(xs), _frozen(ys)),
        None if acts is None else tuple(_readonly(a) for a in acts),
        game.players,
        game.strategies,
        smoothing,
    )


# ---------------------------------------------------------------------------------------------- rest points
def _tangent_basis(m: int) -> np.ndarray:
    """An orthonormal basis (columns) of ``{z : sum(z) = 0}`` in R^m."""
    q, _ = np.linalg.qr(np.eye(m) - 1.0 / m)
    return q[:, : m - 1]


def _replicator_jacobian(A: np.ndarray, x: np.ndarray) -> np.ndarray:
    f = A @ x
    avg = x @ f
    # d/dx_j of x_i ((A x)_i - x^T A x) = delta_ij ((A x)_i - x^T A x) + x_i (A_ij - (A x)_j - (A^T x)_j)
    return np.diag(f - avg) + x[:, None] * (A - (f + A.T @ x)[None, :])


def rest_points(game: Game, *, tol: float = EIGEN_TOL) -> tuple[RestPoint, ...]:
    """All isolated rest points of the one-population replicator dynamics, with their stability.

    A state ``x`` with support ``S`` is a rest point exactly when every strategy in ``S`` earns the
    same payoff ``(A x)_i = v``. For each non-empty support the linear system
    ``A_SS x_S = v 1, sum(x_S) = 1`` is solved; solutions with every ``x_i > 0`` on ``S`` are rest
    points. (Strategies outside ``S`` may earn more, so a rest point need not be a Nash equilibrium;
    ``is_nash`` tells.) Stability is read from the eigenvalues of the Jacobian restricted to the
    tangent space of the simplex.

    Parameters
    ----------
    game : Game
        A symmetric two-player game.
    tol : float, default 1e-9
        Eigenvalue real parts within ``tol * payoff range`` of zero count as zero; shares below ``tol``
        count as zero.

    Returns
    -------
    tuple of RestPoint
        Ordered by support size, then by support.

    Warns
    -----
    DegenerateGameWarning
        If some support carries a continuum of rest points (a singular system with solutions); those
        are not listed.

    References
    ----------
    Hofbauer and Sigmund (1998), Sections 7.1-7.2; Weibull, J. W. (1995). *Evolutionary Game Theory*,
    MIT Press, Section 3.3.

    Examples
    --------
    >>> import bargain as bg
    >>> from bargain.dynamics import rest_points
    >>> hawk_dove = bg.Game.bimatrix([[-1, 2], [0, 1]], [[-1, 0], [2, 1]],
    ...                              strategies=(("Hawk", "Dove"), ("Hawk", "Dove")))
    >>> for point in rest_points(hawk_dove):
    ...     print(point.label, "|", point.stability)
    Hawk | unstable
    Dove | unstable
    0.5 Hawk + 0.5 Dove | asymptotically stable
    """
    A = _symmetric_matrix(game, "rest_points")
    tol = check_positive("tol", tol)
    m = A.shape[0]
    scale = payoff_scale(game)
    basis = _tangent_basis(m)
    names = game.strategies[0]
    out = []
    for size in range(1, m + 1):
        for support in itertools.combinations(range(m), size):
            S = list(support)
            system = np.zeros((size + 1, size + 1))
            system[:size, :size] = A[np.ix_(S, S)] / scale
            system[:size, size] = -1.0
            system[size, :size] = 1.0
            rhs = np.zeros(size + 1)
            rhs[size] = 1.0
            if np.linalg.matrix_rank(system, tol=1e-10 * size) < size + 1:
                solution = np.linalg.lstsq(system, rhs, rcond=None)[0]
                if np.allclose(system @ solution, rhs, atol=1e-9) and np.all(solution[:size] > tol):
                    warnings.warn(
                        f"rest_points: the support {[names[k] for k in S]} carries a continuum of rest "
                        "points (the game is degenerate); they are not listed",
                        DegenerateGameWarning,
                        stacklevel=2,
                    )
                continue
            solution = np.linalg.solve(system, rhs)
            if np.any(solution[:size] <= tol):
                continue
            x = np.zeros(m)
            x[S] = solution[:size]
            x /= x.sum()
            payoffs = A @ x
            value = float(x @ payoffs)
            eigenvalues = np.linalg.eigvals(basis.T @ _replicator_jacobian(A, x) @ basis)
            real = eigenvalues.real
            if np.all(real < -tol * scale):
                stability = "asymptotically stable"
            elif np.any(real > tol * scale):
                stability = "unstable"
            else:
                stability = "non-hyperbolic"
            is_nash = bool(payoffs.max() <= value + tol * scale)
            out.append(
                RestPoint(_frozen(x), tuple(names[k] for k in S), value,
                          _readonly(eigenvalues.astype(complex)), stability, is_nash, names)
            )
    return tuple(out)


# ---------------------------------------------------------------------------------------------- basins
def _simplex_grid(resolution: int) -> np.ndarray:
    """Centroids of the ``resolution**2`` congruent triangles of the regular subdivision of the 2-simplex."""
    up = [(i + 1 / 3, j + 1 / 3, resolution - 1 - i - j + 1 / 3)
          for i in range(resolution) for j in range(resolution - i)]
    down = [(i + 2 / 3, j + 2 / 3, resolution - 2 - i - j + 2 / 3)
            for i in range(resolution - 1) for j in range(resolution - 1 - i)]
    return np.array(up + down) / resolution


def _rk4(field, state, h: float, steps: int):
    for _ in range(steps):
        k1 = field(state)
        k2 = field(tuple(s + 0.5 * h * k for s, k in zip(state, k1)))
        k3 = field(tuple(s + 0.5 * h * k for s, k in zip(state, k2)))
        k4 = field(tuple(s + h * k for s, k in zip(state, k3)))
        state = tuple(
            _project(s + h / 6 * (a + 2 * b + 2 * c + d)) for s, a, b, c, d in zip(state, k1, k2, k3, k4)
        )
    return state


def basins(game: Game, *, resolution: int, t_max: float, populations: int = 1,
           step: float | None = None) -> Basins:
    """Estimate the basins of attraction of the replicator dynamics on a grid of initial conditions.

    Every initial condition of the grid is integrated at once with a fixed-step fourth-order
    Runge-Kutta scheme in numpy (step ``h = step`` or ``0.05 / payoff range``; local error ``O(h^5)``,
    far below the grid spacing), projecting back onto the simplex after each step. An orbit that ends
    within ``0.01`` (max-norm) of an attractor is counted in its basin; the others are
    *unclassified* (they converge to no attractor — e.g. the cycles of rock-paper-scissors — or too
    slowly for ``t_max``, as near a basin boundary). Each share is the fraction of the grid, an
    estimate of the basin's area within about one grid cell.

    * ``populations=1``: a symmetric 2x2 or 3x3 game. The grid is the midpoints of ``resolution``
      equal cells of ``[0, 1]`` (2x2), or the centroids of the ``resolution**2`` equal triangles of
      the subdivided simplex (3x3). The attractors are the asymptotically stable rest points of
      :func:`rest_points`.
    * ``populations=2``: any 2x2 game, two-population dynamics. The grid is the ``resolution**2`` cell
      midpoints of the unit square of ``(x_0, y_0)``. The attractors are the strict pure Nash
      equilibria (the asymptotically stable rest points of the two-population replicator; Hofbauer
      and Sigmund 1998, Section 10.4).

    Parameters
    ----------
    game : Game
    resolution : int
        Grid resolution, >= 2.
    t_max : float
        Integration time, > 0.
    populations : {1, 2}, default 1
    step : float, optional
        The RK4 step, > 0.

    Returns
    -------
    Basins

    Examples
    --------
    >>> import bargain as bg
    >>> from bargain.dynamics import basins
    >>> stag_hunt = bg.Game.bimatrix([[4, 0], [3, 2]], [[4, 3], [0, 2]],
    ...                              strategies=(("Stag", "Hare"), ("Stag", "Hare")))
    >>> result = basins(stag_hunt, resolution=300, t_max=40)
    >>> round(result.share("Hare"), 4), round(result.share("Stag"), 4)   # boundary at x_Stag = 2/3
    (0.6667, 0.3333)
    """
    resolution = _check_count("resolution", resolution, 2)
    t_max = check_positive("t_max", t_max)
    if isinstance(populations, bool) or populations not in (1, 2):
        raise InvalidArgumentError(f"populations must be 1 or 2; got {populations!r}")
    game = _check_game(game, "basins")
    scale = payoff_scale(game)
    h = BASIN_STEP / scale if step is None else check_positive("step", step)
    steps = max(1, math.ceil(t_max / h))
    h = t_max / steps
    A, B = (np.array(p) for p in game.payoffs)
    if populations == 1:
        A = _symmetric_matrix(game, "basins")
        m = A.shape[0]
        if m not in (2, 3):
            raise InvalidGameError(f"basins with populations=1 needs a 2x2 or 3x3 symmetric game; got {m}x{m}")
        if m == 2:
            share0 = (np.arange(resolution) + 0.5) / resolution
            grid = (np.column_stack([share0, 1 - share0]),)
        else:
            grid = (_simplex_grid(resolution),)

        def field(state):
            (x,) = state
            f = x @ A.T
            return (x * (f - np.sum(x * f, axis=1, keepdims=True)),)

        stable = [p for p in rest_points(game) if p.stability == "asymptotically stable"]
        attractors = tuple((p.state,) for p in stable)
        names = tuple(p.label for p in stable)
    else:
        if game.shape != (2, 2):
            raise InvalidGameError(f"basins with populations=2 needs a 2x2 game; got {game.shape[0]}x{game.shape[1]}")
        mid = (np.arange(resolution) + 0.5) / resolution
        gx, gy = (g.ravel() for g in np.meshgrid(mid, mid, indexing="ij"))
        grid = (np.column_stack([gx, 1 - gx]), np.column_stack([gy, 1 - gy]))

        def field(state):
            x, y = state
            fx, fy = y @ A.T, x @ B
            return (
                x * (fx - np.sum(x * fx, axis=1, keepdims=True)),
                y * (fy - np.sum(y * fy, axis=1, keepdims=True)),
            )

        strict = [
            (i, j)
            for i in range(2)
            for j in range(2)
            if A[i, j] > A[1 - i, j] + TIE_TOL * scale and B[i, j] > B[i, 1 - j] + TIE_TOL * scale
        ]
        attractors = tuple((np.eye(2)[i], np.eye(2)[j]) for i, j in strict)
        names = tuple(
            f"({game.strategies[0][i]}, {game.strategies[1][j]})" for i, j in strict
        )
    final = _rk4(field, grid, h, steps)
    labels = np.full(len(grid[0]), -1)
    for k, attractor in enumerate(attractors):
        distance = np.max([np.abs(f - a).max(axis=1) for f, a in zip(final, attractor)], axis=0)
        labels[(distance < CAPTURE) & (labels < 0)] = k
    shares = np.array([np.mean(labels == k) for k in range(len(attractors))])
    return Basins(
        tuple(_frozen(g) for g in grid),
        _readonly(labels),
        tuple(tuple(_frozen(s) for s in a) for a in attractors),
        names,
        _frozen(shares),
        float(np.mean(labels < 0)),
    )


# ---------------------------------------------------------------------------------------------- KMR / Young
def _coordination_matrix(game: object, solver: str) -> np.ndarray:
    A = _symmetric_matrix(game, solver)
    if A.shape != (2, 2):
        raise InvalidGameError(f"{solver} needs a symmetric 2x2 game; got {A.shape[0]}x{A.shape[1]}")
    return A


def _check_population(population: object) -> int:
    if isinstance(population, bool) or not isinstance(population, numbers.Integral):
        raise ArgumentTypeError(f"population must be an integer >= 2; got {population!r}")
    if population < 2:
        raise InvalidArgumentError(f"population must be an integer >= 2; got {population!r}")
    return int(population)


def _revision_indicators(A: np.ndarray, population: int, tol: float):
    """For each state ``z`` (players on strategy 0), whether a reviser switches under best response.

    Returns ``up[z]`` (a strategy-1 player would pick strategy 0; ``z = 0..N-1``) and ``down[z]`` (a
    strategy-0 player would pick strategy 1; ``z = 1..N``, stored at index ``z - 1``), each in
    ``{0, 1/2, 1}`` (1/2 on a tie).
    """
    N = population

    def prefers_zero(zeros_among_others):
        p = zeros_among_others / (N - 1)
        gain = (A[0, 0] - A[1, 0]) * p + (A[0, 1] - A[1, 1]) * (1 - p)
        return np.where(gain > tol, 1.0, np.where(gain < -tol, 0.0, 0.5))

    z = np.arange(N)
    up = prefers_zero(z)  # a strategy-1 player faces z zero-players among the N - 1 others
    down = 1.0 - prefers_zero(z)  # at state z + 1, a strategy-0 player faces z zero-players among the others
    return up, down


def kmr_stationary(game: Game, *, population: int, mutation: float) -> StationaryDistribution:
    """The exact stationary distribution of the KMR model with one reviser per period.

    A population of ``N`` players is matched to play a symmetric 2x2 game. The state ``z`` is the
    number of players using strategy 0. Each period one player, drawn uniformly, revises: with
    probability ``1 - mutation`` it plays a best response to the other ``N - 1`` players (each
    strategy with probability 1/2 on a tie), and with probability ``mutation`` it picks one of the two
    strategies uniformly at random. The chain is a birth-death chain, so its stationary distribution
    solves detailed balance ``pi(z + 1) / pi(z) = P(z -> z + 1) / P(z + 1 -> z)``; it is computed
    exactly in log space (no underflow for tiny mutation rates) and normalised with log-sum-exp.

    Parameters
    ----------
    game : Game
        A symmetric 2x2 game.
    population : int
        The number of players ``N``, >= 2.
    mutation : float
        The mutation rate, in ``(0, 1]`` (at 0 the chain has several absorbing states, and no unique
        stationary distribution).

    Returns
    -------
    StationaryDistribution

    References
    ----------
    Kandori, Mailath and Rob (1993); Sandholm (2010), Section 11.2 and Chapter 12.

    Examples
    --------
    >>> import bargain as bg
    >>> from bargain.dynamics import kmr_stationary
    >>> stag_hunt = bg.Game.bimatrix([[4, 0], [3, 2]], [[4, 3], [0, 2]],
    ...                              strategies=(("Stag", "Hare"), ("Stag", "Hare")))
    >>> dist = kmr_stationary(stag_hunt, population=20, mutation=0.001)
    >>> round(dist.mass_on("Hare"), 3), dist.mass_on("Stag") < 1e-15
    (0.99, True)
    """
    A = _coordination_matrix(game, "kmr_stationary")
    N = _check_population(population)
    eps = check_real("mutation", mutation)
    if not 0 < eps <= 1:
        raise InvalidArgumentError(
            f"mutation must be in (0, 1] (at 0 the stationary distribution is not unique); got {mutation!r}"
        )
    up, down = _revision_indicators(A, N, TIE_TOL * payoff_scale(game))
    z = np.arange(N)
    # P(z -> z+1) = (N - z)/N * ((1 - eps) up + eps/2);  P(z+1 -> z) = (z + 1)/N * ((1 - eps) down + eps/2)
    log_up = np.log(N - z) + np.log((1 - eps) * up + eps / 2)
    log_down = np.log(z + 1) + np.log((1 - eps) * down + eps / 2)
    log_pi = np.concatenate([[0.0], np.cumsum(log_up - log_down)])
    probabilities = np.exp(log_pi - logsumexp(log_pi))
    return StationaryDistribution(_frozen(probabilities), N, eps, game.strategies[0])


def stochastically_stable(game: Game, *, population: int) -> tuple[str, ...]:
    """The convention(s) of a symmetric 2x2 coordination game selected as the mutation rate vanishes.

    In the chain of :func:`kmr_stationary`, a transition that needs a mutation has *resistance* 1 and
    one that best response allows has resistance 0. For a birth-death chain, detailed balance gives
    ``pi_eps(z) ~ C eps^{R(z)}`` with potential ``R(z) = sum_{k<z} r(k -> k+1) - r(k+1 -> k)``, so the
    stochastically stable states are the minimisers of ``R`` (Young 1993). In a coordination game they
    are among the two conventions; for a large enough population the selected one is the
    risk-dominant equilibrium (Kandori, Mailath and Rob 1993; Harsanyi and Selten 1988).

    Parameters
    ----------
    game : Game
        A symmetric 2x2 coordination game: both pure symmetric profiles are strict equilibria
        (``A[0, 0] > A[1, 0]`` and ``A[1, 1] > A[0, 1]``).
    population : int
        The number of players, >= 2.

    Returns
    -------
    tuple of str
        The selected convention's strategy name, or both names if they tie.

    Examples
    --------
    >>> import bargain as bg
    >>> from bargain.dynamics import stochastically_stable
    >>> stag_hunt = bg.Game.bimatrix([[4, 0], [3, 2]], [[4, 3], [0, 2]],
    ...                              strategies=(("Stag", "Hare"), ("Stag", "Hare")))
    >>> stochastically_stable(stag_hunt, population=30)
    ('Hare',)
    """
    A = _coordination_matrix(game, "stochastically_stable")
    tol = TIE_TOL * payoff_scale(game)
    if not (A[0, 0] > A[1, 0] + tol and A[1, 1] > A[0, 1] + tol):
        raise InvalidGameError(
            "stochastically_stable needs a coordination game (A[0, 0] > A[1, 0] and A[1, 1] > A[0, 1]); "
            f"got A = {A.tolist()}"
        )
    N = _check_population(population)
    up, down = _revision_indicators(A, N, tol)
    resistance = np.concatenate([[0], np.cumsum((up == 0).astype(int) - (down == 0).astype(int))])
    low = resistance.min()
    names = game.strategies[0]
    selected = []
    if resistance[N] == low:
        selected.append(names[0])
    if resistance[0] == low:
        selected.append(names[1])
    return tuple(selected)


# ------------------------------------------------------------------------------- learning a follower's type

@dataclass(frozen=True, eq=False, repr=False)
class LeaderLearning:
    """The path of a leader learning, by Bayes' rule, which type of follower it faces.

    Attributes
    ----------
    actions, responses : 1-D int arrays, length ``rounds``
        The leader's action and the follower's response in each round.
    beliefs : 2-D float array, shape ``(rounds + 1, K)``
        Row ``t`` is the leader's belief over the ``K`` types before round ``t`` (row 0: the prior;
        the last row: the belief after the last round).
    expected : 1-D float array, length ``rounds``
        The leader's expected payoff of the action it chose, under its belief at the time.
    realised : 1-D float array, length ``rounds``
        The leader's payoff against the true type's response.
    true_type : int
    action_names, response_names, type_names : tuple of str
    """

    actions: np.ndarray
    responses: np.ndarray
    beliefs: np.ndarray
    expected: np.ndarray
    realised: np.ndarray
    true_type: int
    action_names: tuple[str, ...]
    response_names: tuple[str, ...]
    type_names: tuple[str, ...]

    @property
    def settled_at(self) -> int:
        """The first round (0-based) from which the leader's action and the response never change."""
        pairs = list(zip(self.actions.tolist(), self.responses.tolist()))
        t = len(pairs) - 1
        while t > 0 and pairs[t - 1] == pairs[-1]:
            t -= 1
        return t

    def __repr__(self) -> str:
        steps, previous = [], None
        for a, r in zip(self.actions.tolist(), self.responses.tolist()):
            if (a, r) != previous:
                steps.append(f"{self.action_names[a]}/{self.response_names[r]}")
            previous = (a, r)
        return (
            f"LeaderLearning({len(self.actions)} rounds, true type {self.type_names[self.true_type]}: "
            f"{' -> '.join(steps)}; settled from round {self.settled_at})"
        )


def leader_learning(leader_payoffs, responses, prior, true_type: int, *, rounds: int, tremble: float = 1e-3,
                    action_names=None, response_names=None, type_names=None) -> LeaderLearning:
    """Myopic Bayesian learning of a leader who does not know which type of follower it faces.

    There are ``K`` follower types and ``m`` leader actions. Type ``k`` answers action ``b`` with the
    response ``responses[k, b]``, which gives the leader ``leader_payoffs[k, b]``. In every round the
    leader holds a belief ``pi`` over the types and plays the action with the highest expected payoff
    ``sum_k pi_k leader_payoffs[k, b]`` (ties: lowest index); the follower, of type ``true_type``,
    answers; and the leader updates by Bayes' rule with the likelihood 1 for types that would have
    answered so and ``tremble`` for the others (a follower errs with a small probability, so no
    type's probability falls to zero and the update is always defined).

    The leader is myopic: it does not experiment for information's sake. Such learning settles on a
    *self-confirming* outcome (Fudenberg and Levine 1993): the leader's action is optimal against
    its belief, and the belief predicts correctly the response to the action actually played, while
    beliefs about responses to other actions may stay wrong. With a prior that puts positive weight
    on every type, the true type is never ruled out.

    Parameters
    ----------
    leader_payoffs : array_like, shape (K, m)
        The leader's payoff of each action against each type's response.
    responses : array_like of int, shape (K, m)
        Each type's response (an index into ``response_names``) to each action.
    prior : array_like, shape (K,)
        The leader's initial belief: nonnegative, positive sum (normalised here).
    true_type : int
        The index of the type the leader actually faces.
    rounds : int
        Number of rounds, >= 1.
    tremble : float, default 1e-3
        Likelihood of a response the type would not give, in (0, 1).
    action_names, response_names, type_names : sequence of str, optional
        Labels for reprs and tables (default ``a0..``, ``r0..``, ``t0..``).

    Returns
    -------
    LeaderLearning

    Raises
    ------
    InvalidArgumentError
        Shapes that do not match, a negative or all-zero prior, a response index out of range, an
        unknown true type, ``rounds < 1`` or ``tremble`` outside (0, 1).

    References
    ----------
    Kalai, E. and Lehrer, E. (1993). Rational learning leads to Nash equilibrium. *Econometrica* 61,
    1019-1045. Fudenberg, D. and Levine, D. K. (1993). Self-confirming equilibrium. *Econometrica* 61,
    523-545.

    Examples
    --------
    A leader who first believes the follower complies with an order (type ``soft``) learns that it
    faces the ``tough`` type and moves to the accommodating action, which both types accept:

    >>> from bargain.dynamics import leader_learning
    >>> path = leader_learning([[2, 1], [-1, 1]], [[0, 0], [1, 0]], [0.9, 0.1], 1, rounds=4,
    ...                        action_names=("Order", "Concede"), response_names=("Accept", "Refuse"),
    ...                        type_names=("soft", "tough"))
    >>> path
    LeaderLearning(4 rounds, true type tough: Order/Refuse -> Concede/Accept; settled from round 1)
    >>> path.beliefs[1].round(4).tolist()
    [0.0089, 0.9911]
    """
    U = np.array(leader_payoffs, dtype=float)
    if U.ndim != 2 or U.size == 0 or not np.all(np.isfinite(U)):
        raise InvalidArgumentError(f"leader_payoffs must be a finite 2-D array (types x actions); got shape {U.shape}")
    K, m = U.shape
    R = np.array(responses)
    if R.shape != (K, m) or not np.issubdtype(R.dtype, np.integer):
        raise InvalidArgumentError(
            f"responses must be an integer array of shape {(K, m)} like leader_payoffs; got shape {R.shape} "
            f"and dtype {R.dtype}"
        )
    n_responses = int(R.max()) + 1 if response_names is None else len(response_names)
    if R.min() < 0 or R.max() >= n_responses:
        raise InvalidArgumentError(f"responses must be indices in [0, {n_responses - 1}]; got {R.min()}..{R.max()}")
    pi = np.array(prior, dtype=float)
    if pi.shape != (K,) or not np.all(np.isfinite(pi)) or pi.min() < 0 or pi.sum() <= 0:
        raise InvalidArgumentError(f"prior must be {K} nonnegative weights with a positive sum; got {prior!r}")
    if isinstance(true_type, bool) or not isinstance(true_type, numbers.Integral) or not 0 <= true_type < K:
        raise InvalidArgumentError(f"true_type must be a type index in [0, {K - 1}]; got {true_type!r}")
    rounds = _check_count("rounds", rounds, 1)
    tremble = check_real("tremble", tremble)
    if not 0 < tremble < 1:
        raise InvalidArgumentError(f"tremble must be in (0, 1); got {tremble!r}")
    names = []
    for label, given, size, stem in (("action_names", action_names, m, "a"),
                                     ("response_names", response_names, n_responses, "r"),
                                     ("type_names", type_names, K, "t")):
        given = tuple(f"{stem}{i}" for i in range(size)) if given is None else tuple(map(str, given))
        if len(given) != size:
            raise InvalidArgumentError(f"{label} must have {size} names; got {len(given)}")
        names.append(given)

    pi = pi / pi.sum()
    beliefs, actions, answers, expected, realised = [pi], [], [], [], []
    for _ in range(rounds):
        values = pi @ U
        b = int(np.argmax(values))
        r = int(R[true_type, b])
        pi = pi * np.where(R[:, b] == r, 1.0, tremble)
        pi = pi / pi.sum()
        actions.append(b)
        answers.append(r)
        expected.append(values[b])
        realised.append(U[true_type, b])
        beliefs.append(pi)
    return LeaderLearning(
        _readonly(np.array(actions, dtype=int)), _readonly(np.array(answers, dtype=int)), _frozen(np.array(beliefs)),
        _frozen(np.array(expected)), _frozen(np.array(realised)), int(true_type), *names,
    )
