"""Cross-department collaboration of an administrative approval bureau (seed 004).

The case (G District, J Province): a district administrative approval bureau needs the functional
departments to collaborate in joint approvals. Resource transfer, new organisations and
organisational reform created *structural* mechanisms, and rules and platforms *procedural* ones,
but the efficacy of collaboration stayed low: service integration did not resolve goal deviation
and split responsibilities (less consistency of interests), technical tools were blunted by
interest barriers between departments, and the uncertainty of personal networks and the *phased*
character of the collaborative authority weakened the coordination of conflicts. (Qian and Cheng
2021, *Secretary* 39(5) 25-38.)

The model
---------
``K`` departments each choose ``Collaborate`` or ``Silo``. Collaboration pays only when enough others
collaborate (a stag hunt); the silo is safe and keeps the department's interest rents. With ``k``
of the other ``K - 1`` departments collaborating, a department gets::

    Collaborate:  B * k / (K - 1) - C
    Silo:         R - a_t

with the effective benefit, cost and rent set by the mechanisms:

* ``B = collaboration_benefit * interest_consistency * (1 + new_organisation)``: the value of a
  joint approval when everyone collaborates, lowered by goal deviation (``interest_consistency``)
  and raised by the new organisation (the agency service that carries joint cases);
* ``C = collaboration_cost * (1 - rules) * (1 - platform * (1 - interest_barrier))``: procedural
  mechanisms lower the cost of collaborating; the platform's cut is blunted by interest barriers;
* ``R = interest_rent * (1 - resource_transfer)``: powers transferred to the bureau take their rents
  with them;
* ``a_t = authority * authority_decay**t`` for periods ``t < authority_periods`` and 0 after: the
  phased authority is a temporary penalty on the silo that decays and then ends.

Each department's payoff is the average, over its ``K - 1`` partners, of the symmetric 2x2 game
``A = [[B - C, -C], [R - a_t, R - a_t]]`` (rows and columns ``Collaborate``, ``Silo``), so the
``K``-department game and its pairwise form have the same best responses, and the pairwise form is the
game the population dynamics of :mod:`bargain.dynamics` act on. Collaboration is a best response
when at least a share ``p* = (C + R - a_t) / B`` of partners collaborate; ``partners_needed`` is the
smallest such number of partners.

**Efficacy is equilibrium selection**, all computed by :mod:`bargain`'s solvers:

* the pure equilibria of the ``K``-department game (:func:`bargain.pure_equilibria`);
* risk dominance (Harsanyi and Selten 1988) from the pairwise payoffs, when both conventions are
  strict equilibria: ``Collaborate`` risk-dominates when its deviation loss ``A[0,0] - A[1,0]``
  exceeds the silo's ``A[1,1] - A[0,1]`` (``"n/a"`` when only one convention is an equilibrium:
  risk dominance compares two);
* the basin of collaboration under the replicator dynamics (:func:`bargain.dynamics.basins`, on the
  pairwise game rescaled to a payoff range of 1, which leaves the basins unchanged), with the
  integration time raised until every initial state has reached a convention (a warning if some
  never do: states close to the basin boundary, where the dynamics are slow);
* stochastic stability in the KMR model with ``K`` departments: the conventions whose stationary
  probability (:func:`bargain.dynamics.kmr_stationary`) does not vanish as the mutation rate does,
  read from the slope of the log-probability between two vanishing rates (in a coordination game
  this is what :func:`bargain.dynamics.stochastically_stable` computes from the resistances; the
  tests check that the two agree), and the long-run share of collaboration at the mutation rate
  ``mutation``;
* the share of collaboration over time under the logit dynamics at noise ``network_noise`` (the
  uncertainty of personal networks), period by period while the phased authority rises, decays and
  ends. The departments form one population; :func:`bargain.dynamics.logit_dynamics` integrates the
  two-population system ``dx/dt = L(A y) - x``, ``dy/dt = L(B^T x) - y`` of the symmetric pairwise
  game (``B = A^T``, so the second equation reads ``dy/dt = L(A x) - y``), started at ``x = y``: by
  symmetry and uniqueness of solutions it stays on the diagonal, where it is the one-population
  logit dynamics ``dx/dt = L(A x) - x`` (one period of length ``period_length`` per policy period).

The model card is ``docs/models/approval.md``.

References
----------
J. C. Harsanyi and R. Selten, *A General Theory of Equilibrium Selection in Games* (1988).
M. Kandori, G. J. Mailath and R. Rob, "Learning, mutation, and long run equilibria in games",
*Econometrica* 61 (1993) 29-56.
W. H. Sandholm, *Population Games and Evolutionary Dynamics* (2010).

Examples
--------
>>> from bargain.models import approval
>>> m = approval.Model()
>>> s = m.selection()
>>> s.collaborate_equilibrium, s.risk_dominant, s.stochastically_stable
(True, 'Silo', ('Silo',))
>>> path = m.path()
>>> round(path.share_phase_end, 3) > 0.9, round(path.share_horizon, 3) < 0.1
(True, True)
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np

from .._arrays import frozen as _frozen
from ..dynamics import basins, kmr_stationary, logit_dynamics
from ..equilibria.pure import pure_equilibria
from ..errors import BargainWarning, InvalidArgumentError
from ..game import Game
from . import param, validate

__all__ = ["DESCRIPTION", "EFFICACY", "SEED", "STRATEGIES", "CollaborationPath", "Model", "Selection", "cell"]

DESCRIPTION = "Stag-hunt collaboration of approval departments; mechanism efficacy as equilibrium selection."
SEED = "004_6672dcd8b2293c4c.txt"

#: A department's actions.
STRATEGIES = ("Collaborate", "Silo")

#: Grid resolution of the replicator basins, and the integration times tried in turn until every
#: initial state has reached a convention (the last one is the limit; see :meth:`Model.selection`).
#: The grid is the cell midpoints (2k + 1) / 512, so no start lies on a threshold share p* written
#: with fewer than nine decimals (a start on p* is a rest point and reaches no convention).
BASIN_RESOLUTION = 256
BASIN_TIMES = (100.0, 400.0, 1600.0)  # in time units of the game rescaled to a payoff range of 1

#: Two vanishing mutation rates: a convention is stochastically stable when its KMR stationary
#: probability does not fall with the rate between them (slope of the log-probability below 1/2).
LIMIT_MUTATIONS = (1e-9, 1e-6)

#: Payoff differences within this (times the payoff scale) count as ties.
TIE_TOL = 1e-9

#: Efficacy labels, from the selection computed in the game without the phased authority.
EFFICACY = ("collaboration selected", "collaboration fragile", "no collaboration equilibrium")


def _source(text: str) -> str:
    return f"seed 004: {text}"


@dataclass(frozen=True)
class Model:
    """Collaboration of ``K`` functional departments in joint approvals, with the case's mechanisms.

    Parameters
    ----------
    departments : int, default 6
        Number of departments ``K`` whose collaboration a joint approval needs, 2 to 10.
    collaboration_benefit : float, default 3.0
        Value to a department of a joint approval in which every partner collaborates.
    interest_consistency : float, default 0.8
        Share of that value left by goal deviation and split responsibilities, in (0, 1].
    collaboration_cost : float, default 1.5
        A department's cost of collaborating (staff, information, discretion given up).
    interest_rent : float, default 1.5
        The rent a department keeps in its silo.
    resource_transfer : float, default 0.3
        Share of approval powers, and their rents, transferred to the bureau, in [0, 1].
    new_organisation : float, default 0.3
        Relative gain in the value of collaboration from the new organisation (agency service).
    rules : float, default 0.2
        Share of the collaboration cost removed by the rule system, in [0, 1].
    platform : float, default 0.3
        Share of the collaboration cost the shared platform would remove, in [0, 1].
    interest_barrier : float, default 0.5
        Share of the platform's effect lost to interest barriers between departments, in [0, 1].
    authority : float, default 2.5
        The phased authority's penalty on the silo when it starts.
    authority_periods : int, default 6
        Periods the phased authority lasts (0: none).
    authority_decay : float, default 0.9
        Per-period factor of the penalty while it lasts, in (0, 1].
    network_noise : float, default 0.5
        Noise of the logit dynamics (uncertainty of personal networks), in payoff units, > 0.
    mutation : float, default 0.05
        Rate at which a revising department picks at random in the KMR model, in (0, 1].
    horizon : int, default 20
        Periods of the time path.
    initial_share : float, default 0.05
        Share of collaboration before the reform, in [0, 1].
    period_length : float, default 1.0
        Length of a policy period in the time units of the logit dynamics (mean revision times).

    Raises
    ------
    bargain.errors.InvalidArgumentError
        A value outside its range, or ``authority_periods > horizon``.
    """

    departments: int = param(
        6, lo=2, hi=10, meaning="number of functional departments K in a joint approval",
        source=_source("'actively explore cross-departmental ... collaboration' of the approval bureau"))
    collaboration_benefit: float = param(
        3.0, lo=0, hi=math.inf, lo_open=True, meaning="value of a fully collaborative joint approval",
        source=_source("'service innovation of the Administrative Approval Bureau' (integrated service)"))
    interest_consistency: float = param(
        0.8, lo=0, hi=1, lo_open=True, meaning="share of that value left by goal deviation",
        source=_source("'failed to resolve the problems of target deviation ... reduced the consistency of interests'"))
    collaboration_cost: float = param(
        1.5, lo=0, hi=math.inf, meaning="a department's cost of collaborating",
        source=_source("'division of powers and responsibilities' (collaboration costs staff and discretion)"))
    interest_rent: float = param(
        1.5, lo=0, hi=math.inf, meaning="rent a department keeps in its silo",
        source=_source("'interest barriers between departments'"))
    resource_transfer: float = param(
        0.3, lo=0, hi=1, meaning="share of approval powers and their rents moved to the bureau",
        source=_source("'changes in intergovernmental relations such as resource transfer' (structural)"))
    new_organisation: float = param(
        0.3, lo=0, hi=math.inf, meaning="relative gain in the value of collaboration from the new organisation",
        source=_source("'organizational establishment, and organizational reform' (structural)"))
    rules: float = param(
        0.2, lo=0, hi=1, meaning="share of the collaboration cost removed by the rule system",
        source=_source("'the procedural mechanism' / 'rule system' (procedural)"))
    platform: float = param(
        0.3, lo=0, hi=1, meaning="share of the collaboration cost the shared platform would remove",
        source=_source("'platform construction' and 'technical tools' (procedural)"))
    interest_barrier: float = param(
        0.5, lo=0, hi=1, meaning="share of the platform's effect lost to interest barriers",
        source=_source("'technical tools also restricted by interest barriers between departments'"))
    authority: float = param(
        2.5, lo=0, hi=math.inf, meaning="phased authority's penalty on the silo when it starts",
        source=_source("'the phased characteristics of collaborative authority'"))
    authority_periods: int = param(
        6, lo=0, hi=1000, meaning="periods the phased authority lasts",
        source=_source("'phased characteristics of collaborative authority' (it ends)"))
    authority_decay: float = param(
        0.9, lo=0, hi=1, lo_open=True, meaning="per-period factor of the authority's penalty while it lasts",
        source=_source("'phased characteristics of collaborative authority' (it fades)"))
    network_noise: float = param(
        0.5, lo=0, hi=math.inf, lo_open=True, meaning="noise of the logit dynamics, payoff units",
        source=_source("'the uncertainty of the bureaucratic personal relationship network'"))
    mutation: float = param(
        0.05, lo=0, hi=1, lo_open=True, meaning="KMR mutation rate of a revising department",
        source=_source("'the uncertainty of the bureaucratic personal relationship network'"))
    horizon: int = param(
        20, lo=1, hi=1000, meaning="periods of the time path",
        source="calibration: long enough for the path to settle after the authority ends")
    initial_share: float = param(
        0.05, lo=0, hi=1, meaning="share of collaboration before the reform",
        source="calibration: fragmented departments before the approval bureau's reform")
    period_length: float = param(
        1.0, lo=0, hi=math.inf, lo_open=True, meaning="policy period in mean revision times",
        source="calibration: departments reconsider their stance about once a period")

    def __post_init__(self) -> None:
        validate(self)
        if self.authority_periods > self.horizon:
            raise InvalidArgumentError(
                f"authority_periods must be <= horizon; got authority_periods={self.authority_periods!r}, "
                f"horizon={self.horizon!r}"
            )

    # ------------------------------------------------------------------------------------ payoffs
    @property
    def benefit(self) -> float:
        """``B``: value of a fully collaborative joint approval after goal deviation and new organisation."""
        return self.collaboration_benefit * self.interest_consistency * (1.0 + self.new_organisation)

    @property
    def cost(self) -> float:
        """``C``: collaboration cost after rules and the (barrier-blunted) platform."""
        return self.collaboration_cost * (1.0 - self.rules) * (1.0 - self.platform * (1.0 - self.interest_barrier))

    @property
    def rent(self) -> float:
        """``R``: the silo's rent after resource transfer."""
        return self.interest_rent * (1.0 - self.resource_transfer)

    def authority_at(self, period: int | None) -> float:
        """The phased authority's penalty on the silo in ``period`` (0 for ``None``: after it ends)."""
        if period is None:
            return 0.0
        if isinstance(period, bool) or not isinstance(period, int | np.integer) or period < 0:
            raise InvalidArgumentError(f"period must be an integer >= 0 or None; got {period!r}")
        return self.authority * self.authority_decay**period if period < self.authority_periods else 0.0

    # ------------------------------------------------------------------------------------ games
    def pairwise_game(self, period: int | None = None) -> Game:
        """The symmetric 2x2 game of two departments, whose average over partners is each one's payoff.

        Parameters
        ----------
        period : int or None, default None
            The policy period (its phased-authority penalty applies); ``None``: after the authority.

        Examples
        --------
        >>> from bargain.models.approval import Model
        >>> print(Model().pairwise_game().payoffs[0].round(4))
        [[ 2.1  -1.02]
         [ 1.05  1.05]]
        """
        silo = self.rent - self.authority_at(period)
        A = np.array([[self.benefit - self.cost, -self.cost], [silo, silo]])
        return Game.bimatrix(A, A.T, players=("Department", "Partner"), strategies=(STRATEGIES, STRATEGIES))

    def stage_game(self, period: int | None = None) -> Game:
        """The ``K``-department game (players ``Department 1`` ... ``Department K``).

        Parameters
        ----------
        period : int or None, default None
            As in :meth:`pairwise_game`.

        Examples
        --------
        >>> import bargain as bg
        >>> from bargain.models.approval import Model
        >>> [eq.support for eq in bg.pure_equilibria(Model(departments=3).stage_game())]
        [(('Collaborate',), ('Collaborate',), ('Collaborate',)), (('Silo',), ('Silo',), ('Silo',))]
        """
        K = self.departments
        silo = self.rent - self.authority_at(period)
        profiles = np.indices((2,) * K)  # profiles[i][cell] = department i's action (0 = Collaborate)
        collaborators = (profiles == 0).sum(axis=0)
        payoffs = np.empty((K,) + (2,) * K)
        for i in range(K):
            others = collaborators - (profiles[i] == 0)
            payoffs[i] = np.where(profiles[i] == 0, self.benefit * others / (K - 1) - self.cost, silo)
        players = tuple(f"Department {i + 1}" for i in range(K))
        return Game(payoffs, players=players, strategies=(STRATEGIES,) * K)

    # ------------------------------------------------------------------------------------ selection
    def selection(self, period: int | None = None) -> Selection:
        """Equilibrium selection in the game of ``period`` (default: after the phased authority).

        Returns
        -------
        Selection

        Warns
        -----
        bargain.errors.BargainWarning
            If some initial states of the basin grid have not reached a convention after the longest
            integration time of :data:`BASIN_TIMES` (a state on the basin boundary stays there).

        Examples
        --------
        >>> from bargain.models.approval import Model
        >>> s = Model(rules=0.6, platform=0.6, interest_barrier=0.0, resource_transfer=0.5).selection()
        >>> round(s.threshold_share, 4), s.partners_needed, s.risk_dominant, s.stochastically_stable, s.efficacy
        (0.3173, 2, 'Collaborate', ('Collaborate',), 'collaboration selected')
        >>> Model(new_organisation=0.0, resource_transfer=0.0).selection().stochastically_stable  # Silo dominant
        ('Silo',)
        """
        game = self.stage_game(period)
        found = pure_equilibria(game)
        everyone = {tuple(eq.support) for eq in found}
        all_collaborate = tuple((STRATEGIES[0],) for _ in range(self.departments)) in everyone
        all_silo = tuple((STRATEGIES[1],) for _ in range(self.departments)) in everyone

        pair = self.pairwise_game(period)
        A = pair.payoffs[0]
        # partners needed: the fewest collaborating partners at which Collaborate is a best response,
        # read from department 1's payoffs in the K-department game (partners 2..k+1 collaborate)
        tie = TIE_TOL * max(1.0, float(np.abs(A).max()))
        needed = None
        for k in range(self.departments):
            profile = (0,) + tuple(0 if j < k else 1 for j in range(self.departments - 1))
            # a tie counts as a best response, as it does for the equilibria found above
            if game.payoffs[0][profile] >= game.payoffs[0][(1,) + profile[1:]] - tie:
                needed = k
                break
        loss_collaborate = float(A[0, 0] - A[1, 0])  # what a collaborator loses by leaving all-Collaborate
        loss_silo = float(A[1, 1] - A[0, 1])  # what a silo loses by leaving all-Silo
        risk = "n/a"  # risk dominance compares two strict equilibria
        if loss_collaborate > tie and loss_silo > tie:
            gap = loss_collaborate - loss_silo
            risk = "Collaborate" if gap > tie else "Silo" if gap < -tie else "tie"
        basin, unclassified = self._basin(pair)
        long_run = kmr_stationary(pair, population=self.departments, mutation=self.mutation)
        return Selection(
            period=period,
            equilibria=tuple(tuple(s[0] for s in eq.support) for eq in found),
            collaborate_equilibrium=all_collaborate,
            silo_equilibrium=all_silo,
            # B p - C = R - a_t: the share at which the two actions pay the same
            threshold_share=float(np.clip((A[1, 0] - A[0, 1]) / (A[0, 0] - A[0, 1]), 0.0, 1.0)),
            partners_needed=needed,
            collaborate_margin=loss_collaborate,
            silo_margin=loss_silo,
            risk_dominant=risk,
            basin_collaborate=basin,
            basin_unclassified=unclassified,
            stochastically_stable=self._stochastically_stable(pair),
            long_run_collaboration=_mean_share(long_run),
            long_run_all_collaborate=long_run.mass_on(STRATEGIES[0]),
        )

    def _basin(self, pair: Game) -> tuple[float, float]:
        """The replicator basin of all-``Collaborate``, integrating longer until every start converges.

        The payoffs are first divided by their range: the replicator dynamics of a rescaled game run
        along the same orbits at a rescaled speed, so the basins are the same, and the integration
        times :data:`BASIN_TIMES` (and the cost of reaching them) no longer depend on the payoffs' unit.
        """
        scale = float(np.ptp(pair.payoffs)) or 1.0
        unit = Game(np.asarray(pair.payoffs) / scale, players=pair.players, strategies=pair.strategies)
        for t_max in BASIN_TIMES:
            region = basins(unit, resolution=BASIN_RESOLUTION, t_max=t_max)
            if region.unclassified == 0:
                break
        else:
            warnings.warn(
                f"{region.unclassified:.3g} of the basin grid reached no convention by t = {BASIN_TIMES[-1]:g} "
                "(initial states near the basin boundary, where the dynamics are slow); basin_collaborate counts "
                "only converged states",
                BargainWarning, stacklevel=3,
            )
        basin = float(sum(share for name, share in zip(region.names, region.shares) if name == STRATEGIES[0]))
        return basin, float(region.unclassified)

    def _stochastically_stable(self, pair: Game) -> tuple[str, ...]:
        """The conventions whose KMR stationary probability does not vanish with the mutation rate.

        ``pi_eps(convention) ~ c eps^r`` with ``r`` the convention's stochastic potential above the
        minimum (Young 1993), so ``r`` is the slope of ``log pi`` against ``log eps`` between two
        vanishing rates; the stochastically stable conventions are those with ``r = 0`` (slope below
        1/2, the next possible value being 1).
        """
        low, high = (kmr_stationary(pair, population=self.departments, mutation=eps) for eps in LIMIT_MUTATIONS)
        span = math.log(LIMIT_MUTATIONS[1] / LIMIT_MUTATIONS[0])
        stable = []
        for strategy in STRATEGIES:
            a, b = low.mass_on(strategy), high.mass_on(strategy)
            if a > 0 and math.log(b / a) / span < 0.5:
                stable.append(strategy)
        return tuple(stable)

    def path(self) -> CollaborationPath:
        """The share of collaboration period by period, from ``initial_share``, under logit dynamics.

        In period ``t`` the pairwise game carries the phased authority's penalty ``a_t``; the logit
        dynamics (noise ``network_noise``) run for ``period_length`` from the share reached at the end
        of period ``t - 1``: the one-population dynamics ``dx/dt = L(A x) - x``, integrated by
        :func:`~bargain.dynamics.logit_dynamics` as its symmetric two-population system started on
        the diagonal ``x = y``, which it never leaves (see the module docstring). Alongside, the KMR
        long-run share of collaboration in period ``t``'s game (where the county would settle if that
        game lasted).

        Returns
        -------
        CollaborationPath
        """
        share = self.initial_share
        shares, authority, long_run = [], [], []
        for t in range(self.horizon):
            game = self.pairwise_game(t)
            state = [share, 1.0 - share]
            run = logit_dynamics(game, state, state, eta=self.network_noise, t_max=self.period_length, n_points=2)
            share = float(run.states[0][-1, 0])
            shares.append(share)
            authority.append(self.authority_at(t))
            long_run.append(_mean_share(kmr_stationary(game, population=self.departments, mutation=self.mutation)))
        return CollaborationPath(
            periods=np.arange(1, self.horizon + 1),
            authority=_frozen(authority),
            share=_frozen(shares),
            long_run=_frozen(long_run),
            authority_periods=self.authority_periods,
        )


# ---------------------------------------------------------------------------------------- records
@dataclass(frozen=True, eq=False, repr=False)
class Selection:
    """Equilibrium selection in one period's game.

    Attributes
    ----------
    period : int or None
        The period (``None``: the game after the phased authority).
    equilibria : tuple of tuples of str
        The pure equilibria of the ``K``-department game, each as one action per department.
    collaborate_equilibrium, silo_equilibrium : bool
        Whether all-``Collaborate`` / all-``Silo`` is a pure equilibrium.
    threshold_share : float
        ``p*``: the share of collaborating partners above which collaborating pays (clipped to [0, 1]).
    partners_needed : int or None
        The fewest collaborating partners at which ``Collaborate`` is a best response (``None``: never).
    collaborate_margin, silo_margin : float
        What a department loses by leaving all-``Collaborate`` (``B - C - R + a_t``) and all-``Silo``
        (``R - a_t + C``): positive for a strict equilibrium, 0 on a tie, negative for none.
    risk_dominant : str
        ``"Collaborate"``, ``"Silo"`` or ``"tie"`` when both conventions are strict equilibria;
        ``"n/a"`` otherwise (risk dominance compares two equilibria).
    basin_collaborate : float
        Share of the grid of initial states from which the replicator dynamics reach all-``Collaborate``.
    basin_unclassified : float
        Share of the grid that reached no convention (0 unless a start lies on the basin boundary).
    stochastically_stable : tuple of str
        The convention(s) whose KMR stationary probability (``K`` departments) does not vanish with
        the mutation rate.
    long_run_collaboration : float
        Expected share of collaborating departments in the KMR stationary distribution at ``mutation``.
    long_run_all_collaborate : float
        Its probability that every department collaborates.
    """

    period: int | None
    equilibria: tuple[tuple[str, ...], ...]
    collaborate_equilibrium: bool
    silo_equilibrium: bool
    threshold_share: float
    partners_needed: int | None
    collaborate_margin: float
    silo_margin: float
    risk_dominant: str
    basin_collaborate: float
    basin_unclassified: float
    stochastically_stable: tuple[str, ...]
    long_run_collaboration: float
    long_run_all_collaborate: float

    @property
    def efficacy(self) -> str:
        """One of :data:`EFFICACY`: whether collaboration is an equilibrium, and whether it is selected."""
        if not self.collaborate_equilibrium:
            return EFFICACY[2]
        return EFFICACY[0] if self.stochastically_stable == (STRATEGIES[0],) else EFFICACY[1]

    def __repr__(self) -> str:
        when = "after the phased authority" if self.period is None else f"period {self.period}"
        return (f"Selection({when}: {self.efficacy}; risk dominant {self.risk_dominant}; "
                f"stochastically stable {'/'.join(self.stochastically_stable)}; "
                f"basin of Collaborate {self.basin_collaborate:.4g}; "
                f"long-run collaboration {self.long_run_collaboration:.4g})")


@dataclass(frozen=True, eq=False, repr=False)
class CollaborationPath:
    """The share of collaboration over policy periods.

    Attributes
    ----------
    periods : 1-D int array
        ``1 .. horizon``: the share is the one reached at the end of each period.
    authority : 1-D float array
        The phased authority's penalty on the silo in each period.
    share : 1-D float array
        The share of collaborating departments at the end of each period (logit dynamics).
    long_run : 1-D float array
        The KMR long-run share of collaboration in each period's game.
    authority_periods : int
        How many periods the phased authority lasted.
    """

    periods: np.ndarray
    authority: np.ndarray
    share: np.ndarray
    long_run: np.ndarray
    authority_periods: int

    @property
    def share_phase_end(self) -> float:
        """The share at the end of period ``authority_periods``, the phase's last (NaN when it is 0)."""
        return float(self.share[self.authority_periods - 1]) if self.authority_periods else math.nan

    @property
    def share_horizon(self) -> float:
        """The share at the end of the last period."""
        return float(self.share[-1])

    def __repr__(self) -> str:
        return (f"CollaborationPath({len(self.periods)} periods; authority for {self.authority_periods}; "
                f"share at its end {self.share_phase_end:.4g}; at the horizon {self.share_horizon:.4g})")


def _mean_share(distribution) -> float:
    """The expected share of departments on ``Collaborate`` (strategy 0) in a KMR stationary distribution."""
    z = np.arange(distribution.population + 1)
    return float((z * distribution.probabilities).sum() / distribution.population)


def cell(**params) -> dict:
    """One sweep point: selection after the phased authority, and the time path, at ``Model(**params)``.

    Returns
    -------
    dict
        ``benefit``, ``cost``, ``rent`` (effective ``B``, ``C``, ``R``), ``threshold_share``,
        ``partners_needed`` (-1 for never), ``collaborate_equilibrium``, ``collaborate_margin``,
        ``silo_equilibrium``, ``risk_dominant``, ``basin_collaborate``, ``basin_unclassified``,
        ``stochastically_stable`` (names joined by ``/``),
        ``long_run_collaboration``, ``share_phase_end`` (NaN when ``authority_periods`` is 0), ``share_horizon``
        and ``efficacy``.

    Examples
    --------
    >>> from bargain.models.approval import cell
    >>> out = cell()
    >>> out["efficacy"], out["partners_needed"], round(out["share_horizon"], 2)
    ('collaboration fragile', 4, 0.02)
    """
    model = Model(**params)
    selection = model.selection()
    path = model.path()
    return {
        "benefit": model.benefit,
        "cost": model.cost,
        "rent": model.rent,
        "threshold_share": selection.threshold_share,
        "partners_needed": -1 if selection.partners_needed is None else selection.partners_needed,
        "collaborate_equilibrium": selection.collaborate_equilibrium,
        "collaborate_margin": selection.collaborate_margin,
        "silo_equilibrium": selection.silo_equilibrium,
        "risk_dominant": selection.risk_dominant,
        "basin_collaborate": selection.basin_collaborate,
        "basin_unclassified": selection.basin_unclassified,
        "stochastically_stable": "/".join(selection.stochastically_stable),
        "long_run_collaboration": selection.long_run_collaboration,
        "share_phase_end": path.share_phase_end,
        "share_horizon": path.share_horizon,
        "efficacy": selection.efficacy,
    }
