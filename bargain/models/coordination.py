"""Hard and soft coordination among county departments (seed 000).

The case (L District, Zhejiang): county departments differ in how much of the resources that the
county's central work needs they *control* and how much they *depend* on other departments'
resources; the four combinations (strong/weak control x strong/weak dependence) are the four types
of department. Long interaction yields stable relations, and the relations stack into a circular
"dominant-marginal" network with the strong departments at its core. Departments are coordinated
either *softly* (negotiation, reciprocity, relationships between departments) or *hard* (county
leaders' authority: binding, costly, effective). ("'Hard Coordination' and 'Soft Coordination': the
formation logic and coordination mechanism of the relationship between county-level departments",
*Public Administration and Policy Review* 14(1), 2025.)

The model
---------
A county has ``N`` departments. Department ``i`` controls resources ``r_i`` in ``[0.001, 1]`` and depends
on others' resources to the degree ``d_i`` in ``[0.001, 1]``; the four types sit at the corners
``(control_strong | control_weak) x (dependence_strong | dependence_weak)``, each department drawn
uniformly within ``jitter`` of its type's corner (so the county is continuous, not four points).

Each pair ``(i, j)`` meets in joint tasks, a 2x2 contribution game in which each department plays
``Cooperate`` (commits its resources) or ``Shirk``. ``i`` gains ``benefit * d_i * r_j`` when ``j``
commits (its dependence on what ``j`` brings) and pays ``commitment_cost * r_i`` when it commits its
own resources (the more it controls, the more it must commit)::

    u_i(a_i, a_j) = benefit * d_i * r_j * [a_j = Cooperate] - commitment_cost * r_i * [a_i = Cooperate]
                    - p_i * [a_i = Shirk]

where ``p_i`` is the penalty a county authority puts on ``i``'s shirking (0 without hard
coordination). ``Shirk`` is dominant in the stage game (strictly when ``commitment_cost > 0``). When each department gains from
mutual cooperation (``benefit * d_i * r_j > commitment_cost * r_i`` for both) the stage game is a
prisoner's dilemma; when the pair gains but one side does not (a strong-control department whose
partner's resources are worth less to it than its own commitment costs; in the calibrated county,
e.g. SC-WD-2 with WC-SD-3), that side prefers mutual shirking to mutual cooperation. Cooperation
has to come from somewhere:

* **Soft coordination, reciprocity.** ``(Cooperate, Cooperate)`` is sustained in a subgame-perfect
  equilibrium at the departments' discount factor ``delta`` when its critical discount factor
  (:func:`bargain.repeated.critical_delta`, Nash-reversion punishments, which here coincide with the
  optimal penal code since mutual shirking is also the minmax point) is at most ``delta``
  (:attr:`Relation.reciprocal`).
* **Soft coordination, negotiation.** The pair may agree on favours (transferable utility): with
  ``tau`` the favours the second department does the first each period while both cooperate, the
  ``(Cooperate, Cooperate)`` cell becomes ``(R_i + tau, R_j - tau)`` (:meth:`Model.pair_game` with
  ``favour=tau``). An agreement is *self-enforcing* when that game sustains cooperation at
  ``delta`` (a relational contract, Levin 2003); such agreements form an interval ``[tau_lo,
  tau_hi]``, its ends found by Brent's method on :func:`~bargain.repeated.critical_delta`. Favours
  are paid out of the resources a department controls: the second department can give at most
  ``phi * r_j`` and the first at most ``phi * r_i`` (``phi = favour_capacity``). The relation is
  soft-coordinated when some affordable favours are self-enforcing. The pair settles on the Nash
  bargaining solution (:func:`bargain.bargaining.nash_solution`) over those favours, with equal
  weights by default (no bargaining power is assumed; ``power_exponent`` gives Emerson's weights
  ``w_i = (d_j r_i)**g`` as a sensitivity) and the pair's equilibrium disagreement point, the stage
  equilibrium it reverts to. Unconstrained, equal weights split the surplus evenly; where that needs
  more favours than a department can afford, or than its incentive allows, the split stays at the
  end of the interval (:attr:`Relation.binding`).
* **Hard coordination** is a penalty on shirking imposed by the county's leaders where no
  affordable favours are self-enforcing. A penalty ``p_i`` lowers ``tau_lo`` by exactly ``p_i``
  (and one on ``j`` raises ``tau_hi`` by its size), so the least total penalty is read off the
  interval's ends and the two capacities, and then checked with
  :func:`~bargain.repeated.critical_delta`; it costs leaders' attention ``attention_cost * (p_i +
  p_j)``. Attention is limited (``attention_budget``) and is spent only where soft coordination
  fails: which failing pairs to coordinate is a 0/1 knapsack, solved exactly as a mixed-integer
  linear program (:func:`scipy.optimize.milp`, HiGHS) that maximises the surplus recovered.
* **The dominant-marginal network** is the directed relation the equilibrium agreements define.
  In every realised relation (soft, or hard within the budget) each department's *stake* is what it
  captures over mutual shirking without the relation. Following Emerson (1962), the power of ``i``
  over ``j`` is ``j``'s dependence on ``i``: ``i`` dominates ``j`` by the margin ``stake_j -
  stake_i`` when that is positive; unrealised relations carry none. With equal weights and
  unlimited favours every stake would be half the surplus and no one would dominate: the
  dominance is what the cap on favours leaves of the asymmetry in the payoffs (given the cap, a
  closed form for the relations that exist; the repeated game decides which relations exist). Its core-periphery
  structure is the Borgatti and Everett (1999) discrete model with the pattern of a dominance
  relation (the core dominates the periphery; no one else dominates anyone): see
  :func:`core_periphery`.

What the model computes (it contains no solver of its own: games are built here and solved by
:mod:`bargain.repeated` and :mod:`bargain.bargaining`; the optimisation uses scipy):
:meth:`Model.type_relation` (one type pair: critical delta, soft or hard, penalty, attention,
favours, surplus, split), :meth:`Model.relations` (every pair of the county), :meth:`Model.coordinate`
(the county: attention allocation, realised network, dominance, core-periphery), and :func:`cell`
(one sweep point).

The model card is ``docs/models/coordination.md``.

References
----------
R. M. Emerson, "Power-dependence relations", *American Sociological Review* 27 (1962) 31-41.
J. Pfeffer and G. R. Salancik, *The External Control of Organizations: A Resource Dependence
Perspective* (1978).
S. P. Borgatti and M. G. Everett, "Models of core/periphery structures", *Social Networks* 21 (1999)
375-395.
J. W. Friedman, "A non-cooperative equilibrium for supergames", *Review of Economic Studies* 38
(1971) 1-12.
J. F. Nash, "The bargaining problem", *Econometrica* 18 (1950) 155-162.
J. Levin, "Relational incentive contracts", *American Economic Review* 93 (2003) 835-857.

Examples
--------
>>> from bargain.models import coordination
>>> m = coordination.Model()
>>> rel = m.type_relation("SC-WD", "WC-SD")        # a strong department asked to serve a weak one
>>> rel.reciprocal, rel.soft, round(rel.critical_delta, 4), round(float(rel.penalty[0]), 6)
(False, False, 0.9, 0.0025)
>>> rel.shares.round(4).tolist(), rel.binding, rel.binding_constraint, rel.dominant
([0.0104, 0.9896], 'WC-SD', 'capacity', 'SC-WD')
>>> m.type_relation("SC-SD", "WC-SD").reciprocal   # a strong department that also needs the weak one
True
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from numbers import Real

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, brentq, milp

from .._arrays import frozen as _frozen
from ..bargaining import nash_solution
from ..errors import ArgumentTypeError, InvalidArgumentError, SolverError
from ..game import Game
from ..repeated import critical_delta
from . import param, validate

__all__ = [
    "DELTA_TOL",
    "DESCRIPTION",
    "MAX_DELTA",
    "MAX_DEPARTMENTS",
    "MIN_LEVEL",
    "PATTERNS",
    "RECIPROCITY",
    "SEED",
    "STRATEGIES",
    "TOL",
    "TYPES",
    "CorePeriphery",
    "County",
    "Coordination",
    "Model",
    "Relation",
    "allocate_attention",
    "cell",
    "core_periphery",
]

DESCRIPTION = "Hard and soft coordination among county departments with a dominant-marginal network."
SEED = "000_060e45d0a6758f37.txt"

#: The four department types: strong/weak resource control (SC/WC) x strong/weak dependence (SD/WD).
TYPES = ("SC-SD", "SC-WD", "WC-SD", "WC-WD")

#: The stage actions of a department in a joint task.
STRATEGIES = ("Cooperate", "Shirk")

#: The strategies of the reciprocity game (:meth:`Model.reciprocity_game`): grim trigger, or always shirk.
RECIPROCITY = ("Reciprocate", "Shirk")

#: The ideal patterns :func:`core_periphery` can score.
PATTERNS = ("undirected", "dominance")

#: Relative tolerance for ties, times the pair's payoff scale (gains, shares, the width of the
#: affordable self-enforcing favours).
TOL = 1e-9

#: Tolerance on a critical discount factor: a threshold within this of ``delta`` sustains cooperation
#: (the agreements and penalties found sit exactly on a constraint, up to rounding).
DELTA_TOL = 1e-9

#: Least control or dependence of a type (and of a department after jitter). Thresholds and favours
#: are ratios and differences of products of these; far below it they drown in rounding.
MIN_LEVEL = 1e-3

#: Largest discount factor of the model: closer to 1 the agreements that sit on a constraint are
#: within rounding of losing it.
MAX_DELTA = 0.999

#: The exhaustive discrete core-periphery search handles at most this many departments (2**16 partitions).
MAX_DEPARTMENTS = 16

_COOPERATE = (STRATEGIES[0], STRATEGIES[0])


def _source(text: str) -> str:
    return f"seed 000: {text}"


@dataclass(frozen=True)
class Model:
    """County departments coordinated softly (reciprocity, bargaining) or hard (authority).

    Parameters
    ----------
    departments : int, default 12
        Number of departments ``N`` in the county, 4 to 16; types are assigned in turn (SC-SD,
        SC-WD, WC-SD, WC-WD, SC-SD, ...).
    control_strong, control_weak : float, default 0.9, 0.1
        Resource control ``r`` of the strong- and weak-control types, in [0.001, 1], strong > weak.
    dependence_strong, dependence_weak : float, default 0.8, 0.5
        Resource dependence ``d`` of the strong- and weak-dependence types, in [0.001, 1], strong > weak.
    jitter : float, default 0.02
        Each department's ``r`` and ``d`` are drawn uniformly within ``jitter`` of its type's corner
        (and must stay in [0.001, 1]).
    seed : int, default 0
        Seed of that draw (the county is the same for the same seed).
    benefit : float, default 1.0
        Value to ``i`` of a partner's committed resources per unit of dependence and control.
    commitment_cost : float, default 0.05
        Cost of committing one's resources, per unit of control.
    delta : float, default 0.8
        The departments' common discount factor (weight on future joint tasks), in (0, 0.999].
    attention_cost : float, default 100.0
        Leaders' attention spent per unit of penalty on shirking.
    attention_budget : float, default 2.0
        Leaders' attention available for hard coordination (per period).
    favour_capacity : float, default 0.025
        ``phi``: the favours a department can do a partner per period, per unit of the resources it
        controls (a department controlling ``r_i`` can give at most ``phi * r_i``), >= 0; ``0`` rules
        favours out; at 10 they never bind in the calibrated county.
    power_exponent : float, default 0.0
        Exponent ``g`` of the bargaining weights ``w_i = (d_j r_i)**g``, in ``[-1, 1]``. ``0`` (the
        calibration) gives equal weights: no bargaining power is assumed, so any asymmetry of the
        split comes from the equilibrium's constraints. ``1`` is Emerson's power-dependence rule as
        bargaining weights and ``-1`` the swapped one; only the split depends on it, and the model
        card shows how little it moves while favours are scarce.

    Raises
    ------
    bargain.errors.InvalidArgumentError
        A value outside its range, a weak level not below the strong one, or a ``jitter`` that
        would push a department outside ``[0.001, 1]`` or across into another type.
    """

    departments: int = param(
        12, lo=4, hi=MAX_DEPARTMENTS, meaning="number of county departments N",
        source=_source("'county-level departments ... frequent interaction between the county-level departments'"))
    control_strong: float = param(
        0.9, lo=MIN_LEVEL, hi=1, meaning="resource control r of the strong-control types",
        source=_source("'according to the degree of resource domination ... strong resource control'"))
    control_weak: float = param(
        0.1, lo=MIN_LEVEL, hi=1, meaning="resource control r of the weak-control types",
        source=_source("'weak resource control and strong dependence, weak resource control and weak ...'"))
    dependence_strong: float = param(
        0.8, lo=MIN_LEVEL, hi=1, meaning="resource dependence d of the strong-dependence types",
        source=_source("'according to the degree of resource domination and dependence ... strong dependence'"))
    dependence_weak: float = param(
        0.5, lo=MIN_LEVEL, hi=1, meaning="resource dependence d of the weak-dependence types",
        source=_source("'strong resource control and weak dependence'"))
    jitter: float = param(
        0.02, lo=0, hi=0.2, meaning="half-width of the uniform spread of r and d around a type's corner",
        source="calibration: the four types are ideal types; real departments lie near, not at, the corners")
    seed: int = param(
        0, lo=0, hi=10**9, meaning="seed of the draw of the departments' r and d",
        source="calibration: fixes the county drawn, so results are reproducible")
    benefit: float = param(
        1.0, lo=0, hi=math.inf, lo_open=True, meaning="value of a partner's resources per unit of d_i r_j",
        source=_source("'resource domination and dependence' (i's gain from j scales with d_i r_j)"))
    commitment_cost: float = param(
        0.05, lo=0, hi=math.inf, meaning="cost of committing one's resources per unit of control r_i",
        source=_source("'the work carried out focusing on the county-level center' (a joint task commits r_i)"))
    delta: float = param(
        0.8, lo=0, hi=MAX_DELTA, lo_open=True, meaning="discount factor of the departments",
        source=_source("'a stable departmental relationship was established ... based on the long-term interaction'"))
    attention_cost: float = param(
        100.0, lo=0, hi=math.inf, lo_open=True, meaning="leaders' attention per unit of penalty on shirking",
        source=_source("'hard coordination' and 'soft coordination' differ in 'the main body, resource base, means'"))
    attention_budget: float = param(
        2.0, lo=0, hi=math.inf, meaning="leaders' attention available for hard coordination per period",
        source=_source("'hard coordination' by county leaders, whose attention is limited"))
    favour_capacity: float = param(
        0.025, lo=0, hi=math.inf, meaning="favours a department can do per period, per unit of the resources it controls",
        source=_source("soft and hard coordination differ in their 'resource base': favours are paid from controlled resources"))
    power_exponent: float = param(
        0.0, lo=-1, hi=1, meaning="exponent g of the bargaining weights (d_j r_i)**g: 0 equal, 1 Emerson, -1 swapped",
        source="calibration: 0, no bargaining power is assumed; 1 (Emerson's rule) and -1 show what weights would change")

    def __post_init__(self) -> None:
        validate(self)
        for kind in ("control", "dependence"):
            strong, weak = getattr(self, f"{kind}_strong"), getattr(self, f"{kind}_weak")
            if not weak < strong:
                raise InvalidArgumentError(
                    f"{kind}_weak must be < {kind}_strong; got {kind}_weak={weak!r}, {kind}_strong={strong!r}"
                )
            if not weak - self.jitter >= MIN_LEVEL:
                raise InvalidArgumentError(
                    f"jitter must be <= {kind}_weak - {MIN_LEVEL:g} so that every {kind} stays >= {MIN_LEVEL:g}; "
                    f"got jitter={self.jitter!r}, {kind}_weak={weak!r}"
                )
            if strong + self.jitter > 1:
                raise InvalidArgumentError(
                    f"jitter must be <= 1 - {kind}_strong so that every {kind} stays <= 1; "
                    f"got jitter={self.jitter!r}, {kind}_strong={strong!r}"
                )
            if not 2 * self.jitter < strong - weak:
                raise InvalidArgumentError(
                    f"jitter must be < ({kind}_strong - {kind}_weak) / 2 so that the types do not overlap; "
                    f"got jitter={self.jitter!r}, {kind}_strong - {kind}_weak={strong - weak:.6g}"
                )

    # ------------------------------------------------------------------------------------ types
    def type_point(self, kind: str) -> tuple[float, float]:
        """The ``(control, dependence)`` corner of a department type (one of :data:`TYPES`)."""
        if kind not in TYPES:
            raise InvalidArgumentError(f"type must be one of {', '.join(map(repr, TYPES))}; got {kind!r}")
        control = self.control_strong if kind[0] == "S" else self.control_weak
        dependence = self.dependence_strong if kind[3] == "S" else self.dependence_weak
        return control, dependence

    def county(self) -> County:
        """The county's departments: names, types, control and dependence (drawn with ``seed``).

        Examples
        --------
        >>> from bargain.models.coordination import Model
        >>> c = Model(departments=4, jitter=0).county()
        >>> c.names, c.control.tolist(), c.dependence.tolist()
        (('SC-SD-1', 'SC-WD-1', 'WC-SD-1', 'WC-WD-1'), [0.9, 0.9, 0.1, 0.1], [0.8, 0.5, 0.8, 0.5])
        """
        types = tuple(TYPES[k % len(TYPES)] for k in range(self.departments))
        names = tuple(f"{kind}-{k // len(TYPES) + 1}" for k, kind in enumerate(types))
        corners = np.array([self.type_point(kind) for kind in types])
        noise = np.random.default_rng(self.seed).uniform(-self.jitter, self.jitter, size=corners.shape)
        points = corners + noise
        return County(names, types, _frozen(points[:, 0]), _frozen(points[:, 1]))

    # ------------------------------------------------------------------------------------ games
    def pair_game(self, names, control, dependence, penalty=(0.0, 0.0), favour: float = 0.0) -> Game:
        """The joint-task game of two departments.

        Parameters
        ----------
        names : pair of str
            The two departments' names (the players), different.
        control, dependence : pair of float
            Their resource control ``(r_i, r_j)`` and dependence ``(d_i, d_j)``, each in ``[0.001, 1]`` (:data:`MIN_LEVEL`).
        penalty : pair of float, default (0, 0)
            Hard coordination's penalty on each one's shirking, finite and >= 0.
        favour : float, default 0
            Favours the second department does the first while both cooperate (negative: the first
            does the second favours); added to and taken from the ``(Cooperate, Cooperate)`` cell.

        Returns
        -------
        Game
            Rows are the first department's ``Cooperate``/``Shirk``, columns the second's.

        Raises
        ------
        bargain.errors.ArgumentTypeError
            Names that are not two strings; a pair that is not two real numbers.
        bargain.errors.InvalidArgumentError
            Equal names, or a value outside its range.

        Examples
        --------
        >>> from bargain.models.coordination import Model
        >>> print(Model().pair_game(("A", "B"), (0.9, 0.1), (0.5, 0.8)).payoffs[0].round(4))
        [[ 0.005 -0.045]
         [ 0.05   0.   ]]
        """
        names = _names(names)
        ri, rj = _pair("control", control, lowest=MIN_LEVEL, highest=1.0)
        di, dj = _pair("dependence", dependence, lowest=MIN_LEVEL, highest=1.0)
        pi, pj = _pair("penalty", penalty, lowest=0.0)
        if isinstance(favour, bool) or not isinstance(favour, Real | np.number) or not math.isfinite(favour):
            raise ArgumentTypeError(f"favour must be a finite real number; got {favour!r}")
        b, k, t = self.benefit, self.commitment_cost, float(favour)
        A = [[b * di * rj - k * ri + t, -k * ri], [b * di * rj - pi, -pi]]
        B = [[b * dj * ri - k * rj - t, b * dj * ri - pj], [-k * rj, -pj]]
        return Game.bimatrix(A, B, players=names, strategies=(STRATEGIES, STRATEGIES))

    def reciprocity_game(self, names, control, dependence, penalty=(0.0, 0.0)) -> Game:
        """The repeated joint-task game of two departments reduced to two strategies, at ``delta``.

        Each department plays ``Reciprocate`` (grim trigger: cooperate until the partner shirks,
        then shirk for ever) or ``Shirk`` (always); a cell holds the normalised discounted payoffs
        ``(1 - delta) sum_t delta^t u_t`` of the stage game :meth:`pair_game` along the path the two
        strategies produce, e.g. ``(1 - delta) u_i(Cooperate, Shirk) + delta u_i(Shirk, Shirk)`` for
        ``Reciprocate`` against ``Shirk``. Against a reciprocating partner the best deviation is to
        shirk from the start, so ``(Reciprocate, Reciprocate)`` is a Nash equilibrium of this game
        exactly when reciprocity sustains cooperation, i.e. when the critical discount factor of the
        stage game is at most ``delta`` (Friedman 1971).

        Parameters
        ----------
        names, control, dependence, penalty
            As in :meth:`pair_game`.

        Returns
        -------
        Game
            Strategies :data:`RECIPROCITY` for both departments.

        Examples
        --------
        >>> import bargain as bg
        >>> from bargain.models.coordination import Model
        >>> pair = (("SC-WD", "WC-SD"), (0.9, 0.1), (0.5, 0.8))
        >>> [eq.support for eq in bg.pure_equilibria(Model(delta=0.8).reciprocity_game(*pair))]
        [(('Shirk',), ('Shirk',))]
        >>> [eq.support for eq in bg.pure_equilibria(Model(delta=0.95).reciprocity_game(*pair))]
        [(('Reciprocate',), ('Reciprocate',)), (('Shirk',), ('Shirk',))]
        """
        stage = self.pair_game(names, control, dependence, penalty)
        d = self.delta

        def discounted(u: np.ndarray) -> list[list[float]]:
            return [[u[0, 0], (1 - d) * u[0, 1] + d * u[1, 1]], [(1 - d) * u[1, 0] + d * u[1, 1], u[1, 1]]]

        A, B = (np.asarray(u) for u in stage.payoffs)
        return Game.bimatrix(discounted(A), discounted(B), players=stage.players,
                             strategies=(RECIPROCITY, RECIPROCITY))

    def stage_game(self) -> Game:
        """The reciprocity game (:meth:`reciprocity_game`) of the pair the case turns on, at ``delta``.

        The two departments are a strong-control/weak-dependence department (SC-WD) and a
        weak-control/strong-dependence one (WC-SD) at the type corners: the pair in which a strong
        department is asked to serve a weak one it needs little. Its equilibria say whether
        reciprocity alone sustains their cooperation at ``delta`` (``(Reciprocate, Reciprocate)`` is
        an equilibrium) or only mutual shirking is; this is the game ``bargain solve coordination``
        prints. The county-level results (hard coordination, favours, the network) come from
        :meth:`coordinate`.
        """
        return self.reciprocity_game(("SC-WD", "WC-SD"), *zip(self.type_point("SC-WD"), self.type_point("WC-SD")))

    # ------------------------------------------------------------------------------------ relations
    def relation(self, names, control, dependence) -> Relation:
        """Solve one pair: reciprocity, the favours it can trade, the hard coordination it needs, the split.

        Parameters
        ----------
        names, control, dependence
            As in :meth:`pair_game`.

        Returns
        -------
        Relation

        Raises
        ------
        bargain.errors.ArgumentTypeError, bargain.errors.InvalidArgumentError
            As in :meth:`pair_game`.
        bargain.errors.SolverError
            If the penalty or the agreement found fails its check with
            :func:`~bargain.repeated.critical_delta`.

        Examples
        --------
        A strong-control, weak-dependence department with a weak partner it needs little: it
        cooperates only for favours of at least 0.005 a period (``0.045 - 0.8 * 0.05``), more than
        the partner can afford (``0.025 * 0.1``), so the county's authority closes the gap with a
        penalty of 0.0025; with it the coordinated relation's self-enforcing favours start at what
        the partner can give. The partner, which gains far more from the relation, depends on it.

        >>> from bargain.models.coordination import Model
        >>> rel = Model().relation(("SC-WD", "WC-SD"), (0.9, 0.1), (0.5, 0.8))
        >>> rel.reciprocal, rel.soft, round(float(rel.penalty[0]), 6), round(float(rel.capacity[1]), 6)
        (False, False, 0.0025, 0.0025)
        >>> [round(float(x), 6) for x in rel.favour_range], round(rel.favour, 6), rel.dominant
        ([0.0025, 0.571], 0.0025, 'SC-WD')
        """
        names = _names(names)
        control = _pair("control", control, lowest=MIN_LEVEL, highest=1.0)
        dependence = _pair("dependence", dependence, lowest=MIN_LEVEL, highest=1.0)
        base = self.pair_game(names, control, dependence)
        found = critical_delta(base, _COOPERATE)
        cooperate = np.array([base.payoffs[0][0, 0], base.payoffs[1][0, 0]])
        shirk = np.array([base.payoffs[0][1, 1], base.payoffs[1][1, 1]])
        surplus = float(cooperate.sum() - shirk.sum())
        scale = float(np.abs(base.payoffs).max()) or 1.0
        gains = surplus > TOL * scale
        (ri, rj), (di, dj) = control, dependence
        # favours are paid out of the resources a department controls: j can give i at most phi r_j
        capacity = np.array([-self.favour_capacity * ri, self.favour_capacity * rj])
        # power_exponent 0 (the calibration): equal weights; 1: Emerson's power-dependence weights
        weights = ((dj * ri) ** self.power_exponent, (di * rj) ** self.power_exponent)
        penalty, soft = np.zeros(2), False
        nan2 = np.full(2, np.nan)
        disagreement, favour_range, favour, power_favour, split = nan2, nan2, math.nan, math.nan, nan2
        power_shares, ends = nan2, nan2
        if gains:
            ends = self._favour_range(names, control, dependence, (0.0, 0.0))
            soft = _overlap(ends, capacity) >= -TOL * scale
            if not soft:
                penalty = self._penalties(ends, capacity, control)
            coordinated = self.pair_game(names, control, dependence, tuple(penalty))
            # the disagreement point: the stage equilibrium the pair reverts to, as coordinated
            disagreement = critical_delta(coordinated, _COOPERATE).punishment_payoffs
            favour_range = ends if not penalty.any() else self._favour_range(names, control, dependence, penalty)
            if _overlap(favour_range, capacity) < -TOL * scale:
                raise SolverError(
                    f"hard coordination of {names[0]} and {names[1]}: penalties {penalty.tolist()} leave no "
                    f"affordable self-enforcing favours (self-enforcing {favour_range.tolist()}, affordable "
                    f"{capacity.tolist()})"
                )
            low = max(float(favour_range[0]), float(capacity[0]))
            high = max(low, min(float(favour_range[1]), float(capacity[1])))
            d = tuple(float(x) for x in disagreement)
            total = float(cooperate.sum())
            power = _nash([d, (total - d[1], d[1]), (d[0], total - d[0])], d, weights, scale)
            points = [(cooperate[0] + f, cooperate[1] - f) for f in (low, high)]
            split = _nash([d, *points], d, weights, scale)
            favour, power_favour = float(split[0] - cooperate[0]), float(power[0] - cooperate[0])
            power_shares = (np.asarray(power) - shirk) / surplus
            check = critical_delta(self.pair_game(names, control, dependence, tuple(penalty), favour), _COOPERATE)
            if not check.delta <= self.delta + DELTA_TOL:
                raise SolverError(
                    f"the agreement of {names[0]} and {names[1]} (favours {favour:.6g}) is not self-enforcing: "
                    f"critical discount factor {check.delta:.6g} > delta={self.delta:g}"
                )
        return Relation(
            names=names,
            control=_frozen(control),
            dependence=_frozen(dependence),
            critical_delta=found.delta,
            critical_per_side=_frozen(found.per_player),
            gains=gains,
            soft=bool(soft),
            surplus=surplus,
            penalty=_frozen(penalty),
            attention=float(self.attention_cost * penalty.sum()),
            weights=_frozen(weights),
            disagreement=_frozen(disagreement),
            unaided_range=_frozen(ends),
            favour_range=_frozen(favour_range),
            capacity=_frozen(capacity),
            favour=favour,
            power_favour=power_favour,
            power_shares=_frozen(power_shares),
            split=_frozen(split),
            shares=_frozen((split - shirk) / surplus if gains else nan2),
            reciprocal=bool(gains and found.delta <= self.delta + DELTA_TOL),
            parameters=self._solved_with(),
        )

    def _solved_with(self) -> tuple[float, ...]:
        """The parameters a relation's solution depends on (besides the pair itself)."""
        return (float(self.benefit), float(self.commitment_cost), float(self.delta), float(self.attention_cost),
                float(self.power_exponent), float(self.favour_capacity))

    def _penalties(self, ends, capacity, control) -> np.ndarray:
        """The least total penalty that leaves some affordable favours self-enforcing.

        While a penalty ``p_i`` stays below ``i``'s commitment cost ``commitment_cost * r_i``,
        mutual shirking remains the stage equilibrium, and the penalty lowers both ``i``'s temptation
        and its punishment payoff by ``p_i``, so it lowers ``tau_lo = (1 - delta) T_i + delta P_i -
        R_i`` by exactly ``p_i``; a penalty on ``j`` raises ``tau_hi`` by its size. The favours must
        satisfy ``tau_lo - p_i <= tau <= tau_hi + p_j`` and ``-phi r_i <= tau <= phi r_j``, so the
        least total penalty puts ``tau_lo - phi r_j`` on ``i`` and ``-phi r_i - tau_hi`` on ``j``
        (where positive; each is below that side's commitment cost) and splits any gap ``tau_lo -
        tau_hi`` still left in proportion to the room each side has below its commitment cost (the
        gap is smaller than the two costs together, since ``tau_lo - tau_hi = commitment_cost (r_i +
        r_j) - delta (T_i + T_j)``). The result is checked by the caller with
        :func:`~bargain.repeated.critical_delta`.
        """
        lo, hi = float(ends[0]), float(ends[1])
        penalty = np.array([max(0.0, lo - float(capacity[1])), max(0.0, float(capacity[0]) - hi)])
        rest = (lo - penalty[0]) - (hi + penalty[1])
        if rest > 0:
            room = self.commitment_cost * np.asarray(control, dtype=float) - penalty
            penalty = penalty + rest * room / room.sum()
        return penalty

    def _favour_range(self, names, control, dependence, penalty) -> np.ndarray:
        """The self-enforcing favours ``[tau_lo, tau_hi]`` of the (penalised) pair game.

        More favours lower the first department's critical discount factor and raise the
        second's; each end is where one side's threshold, cut at 1, reaches ``delta``, found by
        Brent's method on :func:`~bargain.repeated.critical_delta`. For the first side the root is
        bracketed by ``P_i - R_i`` (cooperating pays what shirking for ever does: threshold 1) and
        ``T_i - R_i`` (cooperating pays the temptation: threshold 0), and symmetrically for the
        second. By hand ``tau_lo = (1 - delta) T_i + delta P_i - R_i`` and ``tau_hi = R_j - (1 -
        delta) T_j - delta P_j``; the tests check the two against each other.
        """
        game = self.pair_game(names, control, dependence, tuple(penalty))
        (A, B) = (np.asarray(u) for u in game.payoffs)

        def excess(favour: float, side: int) -> float:
            moved = self.pair_game(names, control, dependence, tuple(penalty), favour)
            return min(critical_delta(moved, _COOPERATE).per_player[side], 1.0) - self.delta

        brackets = ((A[1, 1] - A[0, 0], A[1, 0] - A[0, 0]), (B[0, 0] - B[0, 1], B[0, 0] - B[1, 1]))
        scale = float(np.abs(game.payoffs).max()) or 1.0
        ends = []
        for side, (lo, hi) in enumerate(brackets):
            try:
                ends.append(brentq(excess, lo, hi, args=(side,), xtol=4 * np.finfo(float).eps * scale,
                                   rtol=4 * np.finfo(float).eps))
            except ValueError as err:  # payoffs so small that rounding hides the sign change
                raise SolverError(
                    f"the self-enforcing favours of {names[0]} and {names[1]} could not be bracketed "
                    f"(payoff scale {scale:.3g}): {err}"
                ) from None
        return np.array(ends)

    def type_relation(self, first: str, second: str) -> Relation:
        """The relation of two departments at the corners of the given types (see :data:`TYPES`).

        Examples
        --------
        >>> from bargain.models.coordination import Model
        >>> r = Model().type_relation("SC-SD", "WC-WD")
        >>> r.soft, round(r.critical_delta, 4), round(r.surplus, 4)
        (True, 0.5625, 0.48)
        """
        points = [self.type_point(first), self.type_point(second)]
        names = (first, second if second != first else f"{second}'")  # players need distinct names
        return self.relation(names, *zip(*points))

    def relations(self) -> tuple[Relation, ...]:
        """Every pair ``i < j`` of the county's departments, in lexicographic order of indices."""
        county = self.county()
        return tuple(
            self.relation((county.names[i], county.names[j]), (county.control[i], county.control[j]),
                          (county.dependence[i], county.dependence[j]))
            for i, j in itertools.combinations(range(self.departments), 2)
        )

    # ------------------------------------------------------------------------------------ the county
    def coordinate(self, relations=None) -> Coordination:
        """Coordinate the county: soft where it holds, hard within the attention budget; the network.

        Parameters
        ----------
        relations : sequence of Relation, optional
            The county's relations as :meth:`relations` returns them for a model that differs from
            this one at most in ``attention_budget`` (to reuse them across budgets); computed when
            omitted.

        Returns
        -------
        Coordination

        Raises
        ------
        bargain.errors.ArgumentTypeError
            If ``relations`` holds something other than :class:`Relation` records.
        bargain.errors.InvalidArgumentError
            If ``relations`` are not this county's pairs, in order, solved with this model's
            ``benefit``, ``commitment_cost``, ``delta``, ``attention_cost``, ``power_exponent`` and
            ``favour_capacity``.
        """
        county = self.county()
        relations = self.relations() if relations is None else self._check_relations(relations, county)
        index = {name: k for k, name in enumerate(county.names)}
        hard = allocate_attention(relations, self.attention_budget)
        n = self.departments
        weights, captured = np.zeros((n, n)), np.zeros((n, n))
        for relation, covered in zip(relations, hard):
            if not relation.gains:
                continue
            i, j = index[relation.names[0]], index[relation.names[1]]
            if relation.soft or covered:
                weights[i, j] = weights[j, i] = relation.surplus
                captured[i, j], captured[j, i] = relation.captured
        dominance = _dominance(captured)
        return Coordination(
            county=county,
            relations=relations,
            hard=_readonly(np.array(hard, dtype=bool)),
            weights=_frozen(weights),
            captured=_frozen(captured),
            dominance=_frozen(dominance),
            structure=core_periphery(dominance, names=county.names, pattern="dominance"),
        )

    def _check_relations(self, relations, county: County) -> tuple[Relation, ...]:
        try:
            relations = tuple(relations)
        except TypeError:
            raise ArgumentTypeError(f"relations must be a sequence of Relation records; got {relations!r}") from None
        for relation in relations:
            if not isinstance(relation, Relation):
                raise ArgumentTypeError(f"relations must be Relation records; got {type(relation).__name__}")
        pairs = list(itertools.combinations(range(self.departments), 2))
        if len(relations) != len(pairs):
            raise InvalidArgumentError(
                f"relations must hold the {len(pairs)} pairs of this county of {self.departments} departments; "
                f"got {len(relations)}"
            )
        for relation, (i, j) in zip(relations, pairs):
            same = (
                relation.names == (county.names[i], county.names[j])
                and np.array_equal(relation.control, [county.control[i], county.control[j]])
                and np.array_equal(relation.dependence, [county.dependence[i], county.dependence[j]])
                and relation.parameters == self._solved_with()
            )
            if not same:
                raise InvalidArgumentError(
                    f"relations must come from this model's relations() (up to attention_budget); the relation "
                    f"{relation.names[0]} - {relation.names[1]} does not match the pair {county.names[i]} - "
                    f"{county.names[j]} of this county solved with its parameters"
                )
        return relations


# ---------------------------------------------------------------------------------------- records
@dataclass(frozen=True, eq=False)
class County:
    """The departments of a county.

    Attributes
    ----------
    names : tuple of str
        ``"<type>-<k>"``, e.g. ``"SC-WD-2"``.
    types : tuple of str
        Each department's type (one of :data:`TYPES`).
    control, dependence : 1-D float arrays
        Each department's ``r_i`` and ``d_i`` (read-only).
    """

    names: tuple[str, ...]
    types: tuple[str, ...]
    control: np.ndarray
    dependence: np.ndarray

    @property
    def strong_control(self) -> tuple[str, ...]:
        """The names of the strong-control departments (types SC-SD and SC-WD)."""
        return tuple(name for name, kind in zip(self.names, self.types) if kind.startswith("SC"))


@dataclass(frozen=True, eq=False, repr=False)
class Relation:
    """The solved relation of two departments.

    Attributes
    ----------
    names : tuple of str
        The two departments.
    control, dependence : 1-D float arrays
        Their ``(r_i, r_j)`` and ``(d_i, d_j)``.
    critical_delta : float
        Smallest discount factor at which reciprocity alone sustains ``(Cooperate, Cooperate)``
        (``inf``: none below 1).
    critical_per_side : 1-D float array
        Each department's own threshold.
    gains : bool
        Whether mutual cooperation beats mutual shirking in total (``surplus > 0``).
    soft : bool
        Whether soft coordination holds: gains, and some favours the two can afford keep mutual
        cooperation self-enforcing (reciprocity plus negotiation).
    surplus : float
        ``S_ij``: the pair's total payoff from mutual cooperation minus that from mutual shirking.
    penalty : 1-D float array
        Hard coordination's penalty on each one's shirking (zeros when soft, or without gains).
    attention : float
        Leaders' attention that penalty costs.
    weights : 1-D float array
        The bargaining weights ``((d_j r_i)**g, (d_i r_j)**g)`` with ``g = power_exponent`` (equal at
        the default ``g = 0``; at ``g = 1`` Emerson's power of each over the other).
    disagreement : 1-D float array
        The disagreement point: the payoffs of the stage equilibrium the coordinated pair reverts to
        (``(-p_i, -p_j)``; NaN without gains).
    unaided_range : 1-D float array
        ``[tau_lo, tau_hi]``: the favours (from the second department to the first) at which
        cooperation is self-enforcing without hard coordination (NaN without gains). ``tau_lo > 0``:
        the first department must be paid to cooperate; the relation is soft when this interval
        meets :attr:`capacity`.
    favour_range : 1-D float array
        The same for the coordinated relation (with :attr:`penalty`; equal to ``unaided_range``
        when no penalty is needed).
    capacity : 1-D float array
        ``[-phi r_i, phi r_j]``: the favours the two can afford (the first can give at most
        ``phi r_i``, the second ``phi r_j``). The agreement lies in both intervals.
    favour : float
        The favours agreed: the (asymmetric) Nash bargaining solution over the favours that are both
        self-enforcing and affordable.
    power_favour : float
        The favours the same bargaining would give without incentive or capacity constraints.
    power_shares : 1-D float array
        The shares of the surplus that bargaining without constraints would give (NaN without
        gains): at equal weights, equal gains over the disagreement point (equal shares unless a
        penalty moves that point).
    split : 1-D float array
        The agreed payoffs per period (NaN without gains).
    shares : 1-D float array
        Each department's share of the surplus it captures in the agreement (sums to 1; NaN
        without gains).
    reciprocal : bool
        Whether reciprocity alone (no favours) sustains cooperation: gains and ``critical_delta <=
        delta``.
    parameters : tuple of float
        ``(benefit, commitment_cost, delta, attention_cost, power_exponent, favour_capacity)`` of the
        model that solved the relation.
    """

    names: tuple[str, str]
    control: np.ndarray
    dependence: np.ndarray
    critical_delta: float
    critical_per_side: np.ndarray
    gains: bool
    soft: bool
    surplus: float
    penalty: np.ndarray
    attention: float
    weights: np.ndarray
    disagreement: np.ndarray
    unaided_range: np.ndarray
    favour_range: np.ndarray
    capacity: np.ndarray
    favour: float
    power_favour: float
    power_shares: np.ndarray
    split: np.ndarray
    shares: np.ndarray
    reciprocal: bool
    parameters: tuple[float, ...]

    @property
    def needs_hard(self) -> bool:
        """Whether the pair gains from cooperating but only hard coordination can make it cooperate."""
        return self.gains and not self.soft

    @property
    def captured(self) -> np.ndarray:
        """The surplus each department captures: ``shares * surplus`` (NaN without gains)."""
        return _frozen(self.shares * self.surplus)

    @property
    def binding(self) -> str | None:
        """The department whose constraint caps the split (``None``: the bargaining weights decide).

        The split is capped when the unconstrained bargain (:attr:`power_favour`) lies outside the
        favours that are self-enforcing and affordable; the department named is the one whose
        incentive (:attr:`favour_range`) or capacity (:attr:`capacity`) sets the end it is held at;
        :attr:`binding_constraint` says which of the two.
        """
        side = self._binding_side()
        return None if side is None else self.names[side]

    @property
    def binding_constraint(self) -> str | None:
        """``"incentive"`` or ``"capacity"``: which constraint holds the split (``None`` if none does)."""
        side = self._binding_side()
        if side is None:
            return None
        incentive, capacity = float(self.favour_range[side]), float(self.capacity[side])
        if side == 1:
            return "incentive" if incentive <= capacity else "capacity"
        return "incentive" if incentive >= capacity else "capacity"

    def _binding_side(self) -> int | None:
        if not self.gains:
            return None
        scale = TOL * max(1.0, abs(self.surplus))
        high = min(float(self.favour_range[1]), float(self.capacity[1]))
        low = max(float(self.favour_range[0]), float(self.capacity[0]))
        if self.power_favour > high + scale:
            return 1
        if self.power_favour < low - scale:
            return 0
        return None

    @property
    def dominant(self) -> str | None:
        """The department the other depends on more (``None`` on a tie or without gains).

        Emerson's power of ``i`` over ``j`` is ``j``'s dependence on ``i``; here a department's
        dependence on a relation is its stake in it, what it captures over mutual shirking, so
        the dominant department is the one that captures *less*: the other has more to lose.
        """
        if not self.gains or abs(self.shares[0] - self.shares[1]) <= TOL:
            return None
        return self.names[0] if self.shares[0] < self.shares[1] else self.names[1]

    def __repr__(self) -> str:
        kind = ("reciprocity" if self.reciprocal else "soft (favours)" if self.soft
                else "hard needed" if self.gains else "no gains")
        crit = "never" if not math.isfinite(self.critical_delta) else f"{self.critical_delta:.4g}"
        share = "n/a" if not self.gains else f"{self.shares[0]:.4g}/{self.shares[1]:.4g}"
        favour = "n/a" if not self.gains else f"{self.favour:.4g}"
        return (f"Relation({self.names[0]} - {self.names[1]}: {kind}; critical delta {crit}; "
                f"surplus {self.surplus:.4g}; favours {favour}; shares {share}; attention {self.attention:.4g})")


@dataclass(frozen=True, eq=False, repr=False)
class CorePeriphery:
    """Core-periphery structure of a network (the Borgatti-Everett discrete model).

    Attributes
    ----------
    names : tuple of str
        The nodes.
    core : tuple of str
        The core: the partition's side whose pattern fits best (empty when no partition has a
        defined correlation, e.g. a network without ties).
    correlation : float
        The fit: Pearson correlation of the tie weights with the ideal pattern (NaN when undefined).
    pattern : str
        ``"undirected"`` or ``"dominance"`` (see :func:`core_periphery`).
    """

    names: tuple[str, ...]
    core: tuple[str, ...]
    correlation: float
    pattern: str

    @property
    def periphery(self) -> tuple[str, ...]:
        """The nodes outside the core."""
        core = set(self.core)
        return tuple(name for name in self.names if name not in core)

    def __repr__(self) -> str:
        return f"CorePeriphery({self.pattern}: core {list(self.core)}; correlation {self.correlation:.4g})"


@dataclass(frozen=True, eq=False, repr=False)
class Coordination:
    """The coordinated county.

    Attributes
    ----------
    county : County
    relations : tuple of Relation
        Every pair ``i < j``.
    hard : 1-D bool array
        Which relations the attention budget coordinates hard.
    weights : 2-D float array
        Realised relations: ``S_ij`` where the pair cooperates (softly or hard), else 0 (symmetric).
    captured : 2-D float array
        ``captured[i, j]``: the surplus ``i`` captures in its realised relation with ``j`` (0 when the
        relation is not realised).
    dominance : 2-D float array
        The directed dominance network: ``captured[j, i] - captured[i, j]`` where that is positive
        (``j`` has more at stake in the relation, so ``i`` dominates ``j`` by that margin), else 0.
    structure : CorePeriphery
        The core-periphery structure of ``dominance`` (pattern ``"dominance"``).
    """

    county: County
    relations: tuple[Relation, ...]
    hard: np.ndarray
    weights: np.ndarray
    captured: np.ndarray
    dominance: np.ndarray
    structure: CorePeriphery

    @property
    def attention_used(self) -> float:
        """Leaders' attention spent: the sum of the attention of the relations coordinated hard."""
        return float(sum(r.attention for r, h in zip(self.relations, self.hard) if h))

    @property
    def surplus(self) -> float:
        """Total surplus of the realised relations (per period)."""
        return float(np.triu(self.weights, 1).sum())

    @property
    def soft_surplus(self) -> float:
        """Total surplus of the relations coordinated softly."""
        return float(sum(r.surplus for r in self.relations if r.soft))

    @property
    def possible_surplus(self) -> float:
        """Total surplus if every pair with gains cooperated."""
        return float(sum(r.surplus for r in self.relations if r.gains))

    def captured_surplus(self) -> np.ndarray:
        """Per department: the surplus it captures over all its realised relations."""
        return _frozen(self.captured.sum(axis=1))

    def net_dominance(self) -> np.ndarray:
        """Per department: realised relations it dominates minus relations in which it is dominated."""
        arcs = self.dominance > 0
        return arcs.sum(axis=1) - arcs.sum(axis=0)

    def __repr__(self) -> str:
        return (f"Coordination({len(self.relations)} pairs: {sum(r.soft for r in self.relations)} soft, "
                f"{int(self.hard.sum())} hard of {sum(r.needs_hard for r in self.relations)} needing it; "
                f"surplus {self.surplus:.4g} of {self.possible_surplus:.4g}; {self.structure!r})")


# ---------------------------------------------------------------------------------------- functions
def allocate_attention(relations, budget: float) -> tuple[bool, ...]:
    """Which relations needing hard coordination to coordinate within an attention budget.

    Solves the 0/1 knapsack ``max sum_k S_k x_k  s.t.  sum_k h_k x_k <= budget,  x_k in {0, 1}``
    over the relations with ``needs_hard`` (surplus ``S_k``, attention ``h_k``), as a mixed-integer
    linear program with :func:`scipy.optimize.milp` (HiGHS branch and bound, relative gap 0: the
    optimum, not an approximation). Relations that are soft, or have no gains, are never chosen.

    Parameters
    ----------
    relations : sequence of Relation
    budget : float
        Attention available, >= 0.

    Returns
    -------
    tuple of bool
        One flag per relation.

    Examples
    --------
    >>> from bargain.models.coordination import Model, allocate_attention
    >>> m = Model()
    >>> rels = [m.type_relation("SC-WD", "WC-SD"), m.type_relation("SC-WD", "WC-WD"), m.type_relation("SC-SD", "SC-SD")]
    >>> [(round(r.surplus, 4), round(r.attention, 4)) for r in rels]
    [(0.72, 0.25), (0.45, 0.25), (1.35, 0.0)]
    >>> allocate_attention(rels, 0.25)
    (True, False, False)
    """
    relations = tuple(relations)
    for relation in relations:
        if not isinstance(relation, Relation):
            raise ArgumentTypeError(f"relations must be Relation records; got {type(relation).__name__}")
    if isinstance(budget, bool) or not isinstance(budget, Real | np.number):
        raise ArgumentTypeError(f"budget must be a real number; got {budget!r}")
    if not (math.isfinite(budget) and budget >= 0):
        raise InvalidArgumentError(f"budget must be a finite number >= 0; got {budget!r}")
    candidates = [k for k, r in enumerate(relations) if r.needs_hard]
    chosen = [False] * len(relations)
    if not candidates:
        return tuple(chosen)
    values = np.array([relations[k].surplus for k in candidates])
    costs = np.array([relations[k].attention for k in candidates])
    result = milp(
        -values,
        constraints=LinearConstraint(costs[None, :], -np.inf, float(budget)),
        integrality=np.ones(len(candidates)),
        bounds=Bounds(0, 1),
        options={"mip_rel_gap": 0.0},
    )
    if result.x is None:
        raise SolverError(f"the attention allocation could not be solved: {result.message}")
    for k, x in zip(candidates, result.x):
        chosen[k] = bool(x > 0.5)
    return tuple(chosen)


def core_periphery(weights, *, names=None, pattern: str = "undirected") -> CorePeriphery:
    """Core-periphery structure of a network: the Borgatti-Everett (1999) discrete model.

    A partition into core ``C`` and periphery ``P`` is scored by the Pearson correlation, over the
    ordered pairs ``i != j`` of the blocks the pattern constrains, between the tie weight ``a_ij``
    and an ideal pattern ``delta_ij``:

    * ``"undirected"`` (Borgatti and Everett's model with the core-periphery blocks left out):
      ``delta_ij = 1`` inside the core, ``0`` inside the periphery; ``a`` must be symmetric (the
      correlation over ordered pairs then equals the one over unordered pairs).
    * ``"dominance"`` (the same model with the pattern of a dominance relation, ``a_ij`` being how
      much ``i`` dominates ``j``): ``delta_ij = 1`` from the core to the periphery and ``0``
      everywhere else: from the periphery to the core, inside the periphery and inside the core
      (core members are equals: a department that other core members dominate does not fit the
      core). Every ordered pair enters.

    The core reported is the partition with the highest correlation among all with at least two
    nodes on each side, found by exhaustive search (``2**n`` partitions, vectorised; ``n <= 16``);
    ties go to the partition listed first in binary order (node 0 as the lowest bit).

    Parameters
    ----------
    weights : array_like, shape (n, n)
        Non-negative tie weights (the diagonal is ignored), ``4 <= n <= 16``.
    names : sequence of str, optional
        Distinct node names (default ``"0"``, ``"1"``, ...).
    pattern : {"undirected", "dominance"}, default "undirected"

    Returns
    -------
    CorePeriphery

    Raises
    ------
    bargain.errors.ArgumentTypeError
        Weights that are not an array of real numbers.
    bargain.errors.InvalidArgumentError
        A non-square, non-finite or negative matrix, an asymmetric one for ``"undirected"``, a
        size outside ``[4, 16]``, an unknown pattern, or names of the wrong number or not distinct.

    References
    ----------
    S. P. Borgatti and M. G. Everett, "Models of core/periphery structures", *Social Networks* 21
    (1999) 375-395, Section 3 (the discrete model: correlation with an ideal pattern matrix).

    Examples
    --------
    A perfect core-periphery graph: nodes 0-2 tied to each other and to everyone, 3-5 only to the core.

    >>> import numpy as np
    >>> from bargain.models.coordination import core_periphery
    >>> a = np.zeros((6, 6)); a[:3, :] = 1; a[:, :3] = 1
    >>> cp = core_periphery(a)
    >>> cp.core, round(cp.correlation, 6)
    (('0', '1', '2'), 1.0)

    A dominance relation: 0 and 1 dominate 2-4, and 2 dominates 3 a little.

    >>> d = np.zeros((5, 5)); d[:2, 2:] = 1.0; d[2, 3] = 0.1
    >>> cp = core_periphery(d, names="ABCDE", pattern="dominance")
    >>> cp.core, cp.periphery, round(cp.correlation, 4)
    (('A', 'B'), ('C', 'D', 'E'), 0.9988)
    """
    try:
        a = np.array(weights, dtype=float)
    except (TypeError, ValueError) as err:
        raise ArgumentTypeError(f"weights must be a square array of real numbers; got {weights!r}") from err
    if pattern not in PATTERNS:
        raise InvalidArgumentError(f"pattern must be one of {', '.join(map(repr, PATTERNS))}; got {pattern!r}")
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        raise InvalidArgumentError(f"weights must be a square (n, n) array; got shape {a.shape}")
    n = a.shape[0]
    if not 4 <= n <= MAX_DEPARTMENTS:
        raise InvalidArgumentError(f"weights must have between 4 and {MAX_DEPARTMENTS} nodes; got {n}")
    if not np.all(np.isfinite(a)):
        raise InvalidArgumentError("weights must be finite; got a nan or inf entry")
    np.fill_diagonal(a, 0.0)
    if (a < 0).any():
        raise InvalidArgumentError(f"weights must be >= 0; got a minimum of {a.min():.6g}")
    if pattern == "undirected" and not np.allclose(a, a.T, rtol=0, atol=1e-12 * max(1.0, float(a.max()))):
        raise InvalidArgumentError(
            "weights must be symmetric for pattern 'undirected' (use 'dominance' for a directed one)"
        )
    if names is None:
        names = tuple(str(k) for k in range(n))
    else:
        names = tuple(names)
        if not all(isinstance(name, str) for name in names):
            raise ArgumentTypeError(f"names must be strings; got {names!r}")
    if len(names) != n:
        raise InvalidArgumentError(f"names must have {n} entries; got {len(names)}")
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise InvalidArgumentError(f"names must be distinct; got {repeated[0]!r} more than once")
    core, correlation = _discrete_core(a, pattern)
    return CorePeriphery(names, tuple(names[k] for k in core), correlation, pattern)


def _discrete_core(a: np.ndarray, pattern: str) -> tuple[list[int], float]:
    n = len(a)
    masks = np.arange(2**n, dtype=np.int64)
    x = ((masks[:, None] >> np.arange(n)) & 1).astype(float)  # partition k: x[k, i] = 1 for core nodes
    size = x.sum(axis=1)
    ok = (size >= 2) & (n - size >= 2)
    x, size = x[ok], size[ok]
    y = 1.0 - x
    a2 = a * a

    def block(left, m, right):  # sum over the ordered pairs of a block (zero diagonal)
        return np.einsum("ki,ij,kj->k", left, m, right)

    cc, pp = size * (size - 1), (n - size) * (n - size - 1)
    cp = size * (n - size)
    if pattern == "undirected":  # (count, sum, sum of squares, ideal value) per constrained block
        blocks = [(cc, block(x, a, x), block(x, a2, x), 1.0), (pp, block(y, a, y), block(y, a2, y), 0.0)]
    else:
        blocks = [(cp, block(x, a, y), block(x, a2, y), 1.0), (cp, block(y, a, x), block(y, a2, x), 0.0),
                  (pp, block(y, a, y), block(y, a2, y), 0.0), (cc, block(x, a, x), block(x, a2, x), 0.0)]
    count = sum(b[0] for b in blocks)
    total = sum(b[1] for b in blocks)
    squares = sum(b[2] for b in blocks)
    ideal = sum(b[0] * b[3] for b in blocks)  # the pattern is 0/1, so its sum of squares is its sum
    cross = sum(b[1] * b[3] for b in blocks)
    var_a = count * squares - total**2
    var_p = count * ideal - ideal**2
    scale = max(1.0, float(a.max())) ** 2 * float(count.max()) ** 2
    valid = (var_a > 1e-12 * scale) & (var_p > 0)
    if not valid.any():
        return [], math.nan
    corr = np.full(len(x), -np.inf)
    corr[valid] = (count * cross - total * ideal)[valid] / np.sqrt(var_a[valid] * var_p[valid])
    best = int(np.argmax(corr))
    return [int(i) for i in np.flatnonzero(x[best])], float(corr[best])


def _dominance(captured: np.ndarray) -> np.ndarray:
    """``captured[j, i] - captured[i, j]`` (how much more ``j`` depends on the relation) where
    positive beyond the tie tolerance, else 0: ``i`` dominates ``j`` by that margin."""
    margin = captured.T - captured
    tie = TOL * max(1.0, float(np.abs(captured).max()))
    return np.where(margin > tie, margin, 0.0)


def _nash(points, disagreement, weights, scale: float) -> np.ndarray:
    """:func:`~bargain.bargaining.nash_solution` on payoffs divided by ``scale`` (the solution is
    scale-covariant), so that its tolerances are relative to the pair's payoffs."""
    scaled = [tuple(float(x) / scale for x in point) for point in points]
    d = tuple(float(x) / scale for x in disagreement)
    return np.asarray(nash_solution(scaled, d, weights=weights)) * scale


def _overlap(first, second) -> float:
    """Length of the intersection of two intervals ``[lo, hi]`` (negative: the gap between them)."""
    return min(float(first[1]), float(second[1])) - max(float(first[0]), float(second[0]))


def _readonly(array: np.ndarray) -> np.ndarray:
    array = np.array(array)
    array.flags.writeable = False
    return array


def _names(value) -> tuple[str, str]:
    if isinstance(value, str):
        raise ArgumentTypeError(f"names must be a pair of strings; got {value!r}")
    try:
        items = tuple(value)
    except TypeError:
        raise ArgumentTypeError(f"names must be a pair of strings; got {value!r}") from None
    if len(items) != 2 or not all(isinstance(x, str) for x in items):
        raise ArgumentTypeError(f"names must be a pair of strings; got {items!r}")
    if items[0] == items[1]:
        raise InvalidArgumentError(f"names must be two different departments; got {items!r}")
    return items


def _pair(name: str, value, *, lowest: float | None = None, open_low: bool = False,
          highest: float | None = None) -> tuple[float, float]:
    """Read a pair of finite reals once (iterators are consumed once), checking the range."""
    if isinstance(value, str):
        raise ArgumentTypeError(f"{name} must be a pair of real numbers; got {value!r}")
    try:
        items = tuple(value)
    except TypeError:
        raise ArgumentTypeError(f"{name} must be a pair of real numbers; got {value!r}") from None
    if len(items) != 2 or any(isinstance(v, bool) or not isinstance(v, Real | np.number) for v in items):
        raise ArgumentTypeError(f"{name} must be a pair of real numbers; got {items!r}")
    first, second = (float(v) for v in items)
    left = "(" if open_low else "["
    allowed = ("finite" if lowest is None else
               f"in {left}{lowest:g}, {'inf)' if highest is None else f'{highest:g}]'}")
    for v in (first, second):
        low_ok = lowest is None or (v > lowest if open_low else v >= lowest)
        high_ok = highest is None or v <= highest
        if not (math.isfinite(v) and low_ok and high_ok):
            raise InvalidArgumentError(f"{name} must be a pair of numbers {allowed}; got {items!r}")
    return first, second


def cell(**params) -> dict:
    """One sweep point: the county at ``Model(**params)``, coordinated and measured.

    Returns
    -------
    dict
        ``pairs``, ``soft_pairs``, ``hard_needed`` (pairs with gains where soft coordination fails),
        ``hard_covered`` (of those, coordinated within the budget), ``attention_used``,
        ``soft_surplus``, ``surplus`` (realised), ``possible_surplus``, ``binding_splits``
        (realised relations whose split a constraint caps) and ``capacity_splits`` (of those, held
        by what a department can afford), ``core_size``, ``core_strong_control`` and
        ``core_weak_control`` (how many of each in the core of the dominance network),
        ``strong_core`` (whether that core is exactly the strong-control departments) and
        ``core_correlation``.

    Examples
    --------
    >>> from bargain.models.coordination import cell
    >>> out = cell(departments=8)
    >>> out["pairs"], out["soft_pairs"], out["hard_needed"], out["strong_core"]
    (28, 25, 3, True)
    """
    model = Model(**params)
    result = model.coordinate()
    structure = result.structure
    strong = set(result.county.strong_control)
    core = set(structure.core)
    realised = [r for r, h in zip(result.relations, result.hard) if r.soft or h]
    return {
        "pairs": len(result.relations),
        "soft_pairs": sum(r.soft for r in result.relations),
        "hard_needed": sum(r.needs_hard for r in result.relations),
        "hard_covered": int(result.hard.sum()),
        "attention_used": result.attention_used,
        "soft_surplus": result.soft_surplus,
        "surplus": result.surplus,
        "possible_surplus": result.possible_surplus,
        "binding_splits": sum(r.binding is not None for r in realised),
        "capacity_splits": sum(r.binding_constraint == "capacity" for r in realised),
        "core_size": len(core),
        "core_strong_control": len(core & strong),
        "core_weak_control": len(core - strong),
        "strong_core": core == strong,
        "core_correlation": structure.correlation,
    }
