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
A county has ``N`` departments. Department ``i`` controls resources ``r_i`` in ``(0, 1]`` and depends
on others' resources to the degree ``d_i`` in ``(0, 1]``; the four types sit at the corners
``(control_strong | control_weak) x (dependence_strong | dependence_weak)``, each department drawn
uniformly within ``jitter`` of its type's corner (so the county is continuous, not four points).

Each pair ``(i, j)`` meets in joint tasks, a 2x2 contribution game in which each department plays
``Cooperate`` (commits its resources) or ``Shirk``. ``i`` gains ``benefit * d_i * r_j`` when ``j`` commits (its
dependence on what ``j`` brings) and pays ``commitment_cost * r_i`` when it commits its own
resources (the more it controls, the more it must commit)::

    u_i(a_i, a_j) = benefit * d_i * r_j * [a_j = Cooperate] - commitment_cost * r_i * [a_i = Cooperate]
                    - p_i * [a_i = Shirk]

where ``p_i`` is the penalty a county authority puts on ``i``'s shirking (0 without hard
coordination). Shirking is dominant in the stage game (a prisoner's dilemma whenever the pair gains
from cooperating), so cooperation has to come from somewhere:

* **Soft coordination** is reciprocity in the repeated game: ``(Cooperate, Cooperate)`` is sustained
  in a subgame-perfect equilibrium at the departments' discount factor ``delta`` when its critical
  discount factor (:func:`bargain.repeated.critical_delta`, Nash-reversion punishments, which in
  this game coincide with the optimal penal code since mutual shirking is also the minmax point) is
  at most ``delta``. The surplus of cooperation, ``S_ij = u_i(C, C) + u_j(C, C) - u_i(S, S) -
  u_j(S, S)``, is split by the asymmetric Nash bargaining solution
  (:func:`bargain.bargaining.nash_solution`) on the transferable-utility set (favours are the
  currency of reciprocity) with disagreement point mutual shirking and bargaining weights equal to
  Emerson's power-dependence ``w_i = d_j r_i`` (``i``'s power over ``j`` is ``j``'s dependence on the
  resources ``i`` controls; Emerson 1962).
* **Hard coordination** is a penalty on shirking imposed by the county's leaders on the department(s)
  whose incentive fails. The penalty needed is the smallest ``p_i`` at which the critical discount
  factor of the penalised game falls to ``delta`` (found by Brent's method on
  :func:`~bargain.repeated.critical_delta`, and checked); it costs leaders' attention
  ``attention_cost * (p_i + p_j)``. Attention is limited (``attention_budget``) and is spent only
  where soft coordination fails: which failing pairs to coordinate is a 0/1 knapsack, solved exactly
  as a mixed-integer linear program (:func:`scipy.optimize.milp`, HiGHS) that maximises the surplus
  recovered.
* **The dominant-marginal network.** Every realised relation (soft, or hard within the budget)
  links ``i`` and ``j`` with weight ``S_ij``; ``i`` *dominates* ``j`` when its bargaining share is the
  larger. The core-periphery structure of the weighted network is measured with the discrete model
  of Borgatti and Everett (1999): the core ``C`` maximises the Pearson correlation between the tie
  weights and the ideal pattern (1 inside the core, 0 inside the periphery, core-periphery ties
  ignored), found here by exhaustive search over all partitions; coreness scores come from their
  continuous model ``a_ij ~ c_i c_j`` fitted by least squares. See :func:`core_periphery`.

What the model computes (it contains no solver of its own: games are built here and solved by
:mod:`bargain.repeated` and :mod:`bargain.bargaining`; the optimisation uses scipy):
:meth:`Model.type_relation` (one type pair: critical delta, soft or hard, penalty, attention,
surplus, split), :meth:`Model.relations` (every pair of the county), :meth:`Model.coordinate` (the
county: attention allocation, realised network, core-periphery), and :func:`cell` (one sweep point).

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

Examples
--------
>>> from bargain.models import coordination
>>> m = coordination.Model()
>>> rel = m.type_relation("SC-WD", "WC-SD")        # a strong department asked to serve a weak one
>>> rel.soft, round(rel.critical_delta, 4), round(float(rel.penalty[0]), 6), round(float(rel.shares[0]), 4)
(False, 0.9, 0.005, 0.9351)
>>> m.type_relation("SC-SD", "WC-SD").soft          # a strong department that also needs the weak one
True
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, brentq, milp

from .._arrays import frozen as _frozen
from ..bargaining import nash_solution
from ..errors import ArgumentTypeError, InvalidArgumentError, SolverError
from ..game import Game
from ..repeated import critical_delta
from . import param, validate

__all__ = [
    "DESCRIPTION",
    "SEED",
    "STRATEGIES",
    "TYPES",
    "CorePeriphery",
    "County",
    "Model",
    "Coordination",
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

#: Relative tolerance for ties (times the pair's payoff scale) and the check of the penalty found.
TOL = 1e-9

#: The exhaustive discrete core-periphery search handles at most this many departments (2**16 partitions).
MAX_DEPARTMENTS = 16

_FIT_SWEEPS = 5_000
_FIT_TOL = 1e-14


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
        Resource control ``r`` of the strong- and weak-control types, in (0, 1], strong > weak.
    dependence_strong, dependence_weak : float, default 0.8, 0.5
        Resource dependence ``d`` of the strong- and weak-dependence types, in (0, 1], strong > weak.
    jitter : float, default 0.02
        Each department's ``r`` and ``d`` are drawn uniformly within ``jitter`` of its type's corner.
    seed : int, default 0
        Seed of that draw (the county is the same for the same seed).
    benefit : float, default 1.0
        Value to ``i`` of a partner's committed resources per unit of dependence and control.
    commitment_cost : float, default 0.05
        Cost of committing one's resources, per unit of control.
    delta : float, default 0.8
        The departments' common discount factor (weight on future joint tasks), in (0, 1).
    attention_cost : float, default 100.0
        Leaders' attention spent per unit of penalty on shirking.
    attention_budget : float, default 2.0
        Leaders' attention available for hard coordination (per period).

    Raises
    ------
    bargain.errors.InvalidArgumentError
        A value outside its range, a weak level not below the strong one, or a ``jitter`` that
        would push a department outside ``(0, 1]`` or across into another type.
    """

    departments: int = param(
        12, lo=4, hi=MAX_DEPARTMENTS, meaning="number of county departments N",
        source=_source("'county-level departments ... frequent interaction between the county-level departments'"))
    control_strong: float = param(
        0.9, lo=0, hi=1, lo_open=True, meaning="resource control r of the strong-control types",
        source=_source("'according to the degree of resource domination ... strong resource control'"))
    control_weak: float = param(
        0.1, lo=0, hi=1, lo_open=True, meaning="resource control r of the weak-control types",
        source=_source("'weak resource control and strong dependence, weak resource control and weak ...'"))
    dependence_strong: float = param(
        0.8, lo=0, hi=1, lo_open=True, meaning="resource dependence d of the strong-dependence types",
        source=_source("'according to the degree of resource domination and dependence ... strong dependence'"))
    dependence_weak: float = param(
        0.5, lo=0, hi=1, lo_open=True, meaning="resource dependence d of the weak-dependence types",
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
        0.8, lo=0, hi=1, lo_open=True, hi_open=True, meaning="discount factor of the departments",
        source=_source("'a stable departmental relationship was established ... based on the long-term interaction'"))
    attention_cost: float = param(
        100.0, lo=0, hi=math.inf, lo_open=True, meaning="leaders' attention per unit of penalty on shirking",
        source=_source("'hard coordination' and 'soft coordination' differ in 'the main body, resource base, means'"))
    attention_budget: float = param(
        2.0, lo=0, hi=math.inf, meaning="leaders' attention available for hard coordination per period",
        source=_source("'hard coordination' by county leaders, whose attention is limited"))

    def __post_init__(self) -> None:
        validate(self)
        for kind in ("control", "dependence"):
            strong, weak = getattr(self, f"{kind}_strong"), getattr(self, f"{kind}_weak")
            if not weak < strong:
                raise InvalidArgumentError(
                    f"{kind}_weak must be < {kind}_strong; got {kind}_weak={weak!r}, {kind}_strong={strong!r}"
                )
            if not weak - self.jitter > 0:
                raise InvalidArgumentError(
                    f"jitter must be < {kind}_weak so that every {kind} stays > 0; "
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
        (('SC-SD-1', 'SC-WD-1', 'WC-SD-1', 'WC-WD-1'), [0.9, 0.9, 0.2, 0.2], [0.8, 0.4, 0.8, 0.4])
        """
        types = tuple(TYPES[k % len(TYPES)] for k in range(self.departments))
        names = tuple(f"{kind}-{k // len(TYPES) + 1}" for k, kind in enumerate(types))
        corners = np.array([self.type_point(kind) for kind in types])
        noise = np.random.default_rng(self.seed).uniform(-self.jitter, self.jitter, size=corners.shape)
        points = corners + noise
        return County(names, types, _frozen(points[:, 0]), _frozen(points[:, 1]))

    # ------------------------------------------------------------------------------------ games
    def pair_game(self, names, control, dependence, penalty=(0.0, 0.0)) -> Game:
        """The joint-task game of two departments.

        Parameters
        ----------
        names : pair of str
            The two departments' names (the players).
        control, dependence : pair of float
            Their resource control ``(r_i, r_j)`` and dependence ``(d_i, d_j)``.
        penalty : pair of float, default (0, 0)
            Hard coordination's penalty on each one's shirking, >= 0.

        Returns
        -------
        Game
            Rows are the first department's ``Cooperate``/``Shirk``, columns the second's.

        Examples
        --------
        >>> from bargain.models.coordination import Model
        >>> print(Model().pair_game(("A", "B"), (0.9, 0.1), (0.5, 0.8)).payoffs[0].round(4))
        [[ 0.005 -0.045]
         [ 0.05   0.   ]]
        """
        ri, rj = _pair("control", control)
        di, dj = _pair("dependence", dependence)
        pi, pj = _pair("penalty", penalty, lowest=0.0)
        b, k = self.benefit, self.commitment_cost
        A = [[b * di * rj - k * ri, -k * ri], [b * di * rj - pi, -pi]]
        B = [[b * dj * ri - k * rj, b * dj * ri - pj], [-k * rj, -pj]]
        return Game.bimatrix(A, B, players=tuple(names), strategies=(STRATEGIES, STRATEGIES))

    def stage_game(self) -> Game:
        """The joint-task game of a strong-control/weak-dependence and a weak-control/strong-dependence
        department (the pair for which the case needs hard coordination), at the type corners."""
        return self.pair_game(("SC-WD", "WC-SD"), *zip(self.type_point("SC-WD"), self.type_point("WC-SD")))

    # ------------------------------------------------------------------------------------ relations
    def relation(self, names, control, dependence) -> Relation:
        """Solve one pair: soft sustainability, bargaining split and the hard coordination it needs.

        Parameters
        ----------
        names, control, dependence
            As in :meth:`pair_game`.

        Returns
        -------
        Relation
        """
        names = tuple(names)
        game = self.pair_game(names, control, dependence)
        found = critical_delta(game, ("Cooperate", "Cooperate"))
        cooperate = np.array([game.payoffs[0][0, 0], game.payoffs[1][0, 0]])
        shirk = np.array([game.payoffs[0][1, 1], game.payoffs[1][1, 1]])
        surplus = float(cooperate.sum() - shirk.sum())
        scale = float(np.abs(game.payoffs).max()) or 1.0
        gains = surplus > TOL * scale
        ri, rj = control
        di, dj = dependence
        weights = (dj * ri, di * rj)  # Emerson: i's power over j is j's dependence on i's resources
        if gains:
            total = float(cooperate.sum())
            feasible = [tuple(shirk), (total - shirk[1], shirk[1]), (shirk[0], total - shirk[0])]
            split = np.asarray(nash_solution(feasible, tuple(shirk), weights=weights))
            shares = (split - shirk) / surplus
        else:
            split, shares = np.full(2, np.nan), np.full(2, np.nan)
        soft = gains and found.delta <= self.delta
        penalty = np.zeros(2)
        if gains and not soft:
            penalty = self._penalties(names, control, dependence, found.per_player)
        return Relation(
            names=names,
            control=_frozen(np.array(control, dtype=float)),
            dependence=_frozen(np.array(dependence, dtype=float)),
            critical_delta=found.delta,
            critical_per_side=_frozen(found.per_player),
            gains=gains,
            soft=soft,
            surplus=surplus,
            split=_frozen(split),
            shares=_frozen(shares),
            weights=_frozen(np.array(weights, dtype=float)),
            penalty=_frozen(penalty),
            attention=float(self.attention_cost * penalty.sum()),
        )

    def _penalties(self, names, control, dependence, per_side) -> np.ndarray:
        """The smallest penalty on each failing side that brings its critical delta down to ``delta``."""
        penalty = np.zeros(2)
        for side in (0, 1):
            if per_side[side] <= self.delta:
                continue

            def excess(p, side=side):
                pen = (p, 0.0) if side == 0 else (0.0, p)
                found = critical_delta(self.pair_game(names, control, dependence, pen), ("Cooperate", "Cooperate"))
                # thresholds above 1 (no delta works) are cut at 1: the function is then continuous
                return min(found.per_player[side], 1.0) - self.delta

            base = self.pair_game(names, control, dependence)
            u = base.payoffs[side]
            # the one-shot gain from shirking on a cooperating partner: a penalty this large makes
            # cooperation dominant for this side, so the root lies below it
            gain = float(u[1, 0] - u[0, 0]) if side == 0 else float(u[0, 1] - u[0, 0])
            penalty[side] = brentq(excess, 0.0, gain, xtol=1e-15, rtol=4 * np.finfo(float).eps)
        check = critical_delta(self.pair_game(names, control, dependence, tuple(penalty)), ("Cooperate", "Cooperate"))
        if not check.delta <= self.delta + 1e-9:
            raise SolverError(
                f"hard coordination of {names[0]} and {names[1]}: penalties {penalty.tolist()} leave the critical "
                f"discount factor at {check.delta:.6g} > delta={self.delta:g}"
            )
        return penalty

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
    def coordinate(self, relations: tuple[Relation, ...] | None = None) -> Coordination:
        """Coordinate the county: soft where it holds, hard within the attention budget; the network.

        Parameters
        ----------
        relations : tuple of Relation, optional
            The county's relations (from :meth:`relations`), to reuse them across budgets; computed
            when omitted.

        Returns
        -------
        Coordination
        """
        county = self.county()
        if relations is None:
            relations = self.relations()
        index = {name: k for k, name in enumerate(county.names)}
        hard = allocate_attention(relations, self.attention_budget)
        n = self.departments
        weights = np.zeros((n, n))
        dominance = np.zeros((n, n))
        for relation, covered in zip(relations, hard):
            if not (relation.soft or covered):
                continue
            i, j = index[relation.names[0]], index[relation.names[1]]
            weights[i, j] = weights[j, i] = relation.surplus
            dominance[i, j] = relation.shares[0] - relation.shares[1]
            dominance[j, i] = -dominance[i, j]
        structure = core_periphery(weights, names=county.names)
        return Coordination(county, relations, _frozen(np.array(hard, dtype=bool)), _frozen(weights),
                            _frozen(dominance), structure)


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
        Smallest discount factor at which ``(Cooperate, Cooperate)`` is a subgame-perfect outcome
        without hard coordination (``inf``: none below 1).
    critical_per_side : 1-D float array
        Each department's own threshold.
    gains : bool
        Whether mutual cooperation beats mutual shirking in total (``surplus > 0``).
    soft : bool
        Whether soft coordination holds: gains and ``critical_delta <= delta``.
    surplus : float
        ``S_ij``: the pair's total payoff from mutual cooperation minus that from mutual shirking.
    split : 1-D float array
        The asymmetric Nash bargaining payoffs (NaN without gains).
    shares : 1-D float array
        Each department's share of the surplus in that split (sums to 1; NaN without gains).
    weights : 1-D float array
        The bargaining weights ``(d_j r_i, d_i r_j)``.
    penalty : 1-D float array
        Hard coordination's penalty on each one's shirking (zeros when soft, or without gains).
    attention : float
        Leaders' attention that penalty costs.
    """

    names: tuple[str, str]
    control: np.ndarray
    dependence: np.ndarray
    critical_delta: float
    critical_per_side: np.ndarray
    gains: bool
    soft: bool
    surplus: float
    split: np.ndarray
    shares: np.ndarray
    weights: np.ndarray
    penalty: np.ndarray
    attention: float

    @property
    def needs_hard(self) -> bool:
        """Whether the pair gains from cooperating but only hard coordination can make it cooperate."""
        return self.gains and not self.soft

    @property
    def dominant(self) -> str | None:
        """The department taking the larger share of the surplus (``None`` on a tie or without gains)."""
        if not self.gains or abs(self.shares[0] - self.shares[1]) <= TOL:
            return None
        return self.names[0] if self.shares[0] > self.shares[1] else self.names[1]

    def __repr__(self) -> str:
        kind = "soft" if self.soft else ("hard needed" if self.gains else "no gains")
        crit = "never" if not math.isfinite(self.critical_delta) else f"{self.critical_delta:.4g}"
        share = "n/a" if not self.gains else f"{self.shares[0]:.4g}/{self.shares[1]:.4g}"
        return (f"Relation({self.names[0]} - {self.names[1]}: {kind}; critical delta {crit}; "
                f"surplus {self.surplus:.4g}; shares {share}; attention {self.attention:.4g})")


@dataclass(frozen=True, eq=False, repr=False)
class CorePeriphery:
    """Core-periphery structure of a weighted undirected network (Borgatti and Everett 1999).

    Attributes
    ----------
    names : tuple of str
        The nodes.
    core : tuple of str
        The core of the discrete model (empty when the network has no two distinct tie values).
    correlation : float
        The discrete model's fit: Pearson correlation of the tie weights with the ideal pattern
        (NaN when undefined).
    coreness : 1-D float array
        The continuous model's coreness ``c_i`` (least-squares fit of ``a_ij ~ c_i c_j``, ``i != j``),
        scaled to a maximum of 1.
    coreness_fit : float
        The Pearson correlation of ``a_ij`` with ``c_i c_j`` over the pairs ``i < j``.
    """

    names: tuple[str, ...]
    core: tuple[str, ...]
    correlation: float
    coreness: np.ndarray
    coreness_fit: float

    def __repr__(self) -> str:
        return (f"CorePeriphery(core {list(self.core)}; correlation {self.correlation:.4g}; "
                f"coreness fit {self.coreness_fit:.4g})")


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
        Realised relations: ``S_ij`` where the pair cooperates (softly or hard), else 0.
    dominance : 2-D float array
        ``shares_i - shares_j`` on realised relations (antisymmetric; positive: ``i`` dominates ``j``).
    structure : CorePeriphery
        The core-periphery structure of ``weights``.
    """

    county: County
    relations: tuple[Relation, ...]
    hard: np.ndarray
    weights: np.ndarray
    dominance: np.ndarray
    structure: CorePeriphery

    @property
    def attention_used(self) -> float:
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

    def net_dominance(self) -> np.ndarray:
        """Per department: realised relations it dominates minus relations in which it is dominated."""
        return np.sign(np.where(np.abs(self.dominance) > TOL, self.dominance, 0.0)).sum(axis=1)

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
    [(0.72, 0.5), (0.45, 0.5), (1.35, 0.0)]
    >>> allocate_attention(rels, 0.5)
    (True, False, False)
    """
    relations = tuple(relations)
    for relation in relations:
        if not isinstance(relation, Relation):
            raise ArgumentTypeError(f"relations must be Relation records; got {type(relation).__name__}")
    if isinstance(budget, bool) or not isinstance(budget, int | float | np.floating | np.integer):
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


def core_periphery(weights, *, names=None) -> CorePeriphery:
    """Core-periphery structure of a weighted undirected network (Borgatti and Everett 1999).

    *Discrete model.* A partition into core ``C`` and periphery ``P`` is scored by the Pearson
    correlation, over the unordered pairs ``i < j`` inside ``C`` or inside ``P``, between the tie
    weight ``a_ij`` and the ideal pattern ``delta_ij = 1`` in the core, ``0`` in the periphery
    (core-periphery ties are left out: the ideal does not constrain them). The core reported is the
    partition with the highest correlation among all with at least two nodes on each side, found by
    exhaustive search (``2**n`` partitions, vectorised; ``n <= 16``); ties go to the partition listed
    first in binary order.

    *Continuous model.* Coreness ``c`` fits ``a_ij ~ c_i c_j`` for ``i != j`` by least squares (the
    minres rank-one fit, by Gauss-Seidel sweeps of ``c_i = sum_{j != i} a_ij c_j / sum_{j != i} c_j^2``
    from the leading eigenvector); it is scaled to a maximum of 1, and its fit is the correlation of
    ``a_ij`` with ``c_i c_j``.

    Parameters
    ----------
    weights : array_like, shape (n, n)
        Symmetric, non-negative tie weights (the diagonal is ignored), ``4 <= n <= 16``.
    names : sequence of str, optional
        Node names (default ``"0"``, ``"1"``, ...).

    Returns
    -------
    CorePeriphery

    References
    ----------
    S. P. Borgatti and M. G. Everett, "Models of core/periphery structures", *Social Networks* 21
    (1999) 375-395, Sections 3 (discrete model) and 5 (continuous model).

    Examples
    --------
    A perfect core-periphery graph: nodes 0-2 tied to each other and to everyone, 3-5 only to the core.

    >>> import numpy as np
    >>> from bargain.models.coordination import core_periphery
    >>> a = np.zeros((6, 6)); a[:3, :] = 1; a[:, :3] = 1
    >>> cp = core_periphery(a)
    >>> cp.core, round(cp.correlation, 6)
    (('0', '1', '2'), 1.0)
    """
    try:
        a = np.array(weights, dtype=float)
    except (TypeError, ValueError) as err:
        raise ArgumentTypeError(f"weights must be a square array of real numbers; got {weights!r}") from err
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        raise InvalidArgumentError(f"weights must be a square (n, n) array; got shape {a.shape}")
    n = a.shape[0]
    if not 4 <= n <= MAX_DEPARTMENTS:
        raise InvalidArgumentError(f"weights must have between 4 and {MAX_DEPARTMENTS} nodes; got {n}")
    if not np.all(np.isfinite(a)):
        raise InvalidArgumentError("weights must be finite; got a nan or inf entry")
    np.fill_diagonal(a, 0.0)
    if not np.allclose(a, a.T, rtol=0, atol=1e-12 * max(1.0, float(np.abs(a).max()))):
        raise InvalidArgumentError("weights must be symmetric (an undirected network)")
    if (a < 0).any():
        raise InvalidArgumentError(f"weights must be >= 0; got a minimum of {a.min():.6g}")
    names = tuple(str(k) for k in range(n)) if names is None else tuple(names)
    if len(names) != n:
        raise InvalidArgumentError(f"names must have {n} entries; got {len(names)}")

    core, correlation = _discrete_core(a)
    coreness, fit = _continuous_coreness(a)
    return CorePeriphery(names, tuple(names[k] for k in core), correlation, _frozen(coreness), fit)


def _discrete_core(a: np.ndarray) -> tuple[list[int], float]:
    n = len(a)
    masks = np.arange(2**n, dtype=np.int64)
    x = ((masks[:, None] >> np.arange(n)) & 1).astype(float)  # partition k: x[k, i] = 1 for core nodes
    size = x.sum(axis=1)
    ok = (size >= 2) & (n - size >= 2)
    x, size = x[ok], size[ok]
    y = 1.0 - x
    a2 = a * a
    # sums over unordered pairs inside a block: (x^T A x) / 2 with a zero diagonal
    s_core = np.einsum("ki,ij,kj->k", x, a, x) / 2
    s_per = np.einsum("ki,ij,kj->k", y, a, y) / 2
    q_core = np.einsum("ki,ij,kj->k", x, a2, x) / 2
    q_per = np.einsum("ki,ij,kj->k", y, a2, y) / 2
    n_core = size * (size - 1) / 2
    n_kept = n_core + (n - size) * (n - size - 1) / 2
    total, squares = s_core + s_per, q_core + q_per
    var_a = n_kept * squares - total**2
    var_p = n_kept * n_core - n_core**2
    scale = max(1.0, float(a.max())) ** 2 * n_kept.max() ** 2
    valid = var_a > 1e-12 * scale
    if not valid.any():
        return [], math.nan
    corr = np.full(len(x), -np.inf)
    corr[valid] = (n_kept * s_core - total * n_core)[valid] / np.sqrt(var_a[valid] * var_p[valid])
    best = int(np.argmax(corr))
    return [int(i) for i in np.flatnonzero(x[best])], float(corr[best])


def _continuous_coreness(a: np.ndarray) -> tuple[np.ndarray, float]:
    n = len(a)
    upper = np.triu_indices(n, 1)
    if not np.any(a[upper] > 0):
        return np.zeros(n), math.nan
    values, vectors = np.linalg.eigh(a)
    c = np.abs(vectors[:, -1]) * math.sqrt(max(values[-1], 0.0))
    # Gauss-Seidel: each update is the exact minimiser of the squared error in c_i given the others,
    # so the error never rises and the sweeps converge to a stationary point of the fit
    for _ in range(_FIT_SWEEPS):
        before = c.copy()
        for i in range(n):
            others = float(c @ c - c[i] * c[i])
            c[i] = float(a[i] @ c - a[i, i] * c[i]) / others if others > 0 else 0.0
        if np.abs(c - before).max() <= _FIT_TOL * max(1.0, float(np.abs(c).max())):
            break
    else:
        raise SolverError(f"the continuous core-periphery fit did not converge in {_FIT_SWEEPS} sweeps")
    pattern = np.outer(c, c)[upper]
    fit = float(np.corrcoef(a[upper], pattern)[0, 1]) if pattern.std() > 0 and a[upper].std() > 0 else math.nan
    top = float(c.max())
    return (c / top if top > 0 else c), fit


def _pair(name: str, value, lowest: float | None = None) -> tuple[float, float]:
    try:
        first, second = (float(v) for v in value)
    except (TypeError, ValueError):
        raise ArgumentTypeError(f"{name} must be a pair of real numbers; got {value!r}") from None
    for v in (first, second):
        if not math.isfinite(v) or (lowest is not None and v < lowest):
            bound = "finite" if lowest is None else f"finite and >= {lowest:g}"
            raise InvalidArgumentError(f"{name} must be {bound}; got {value!r}")
    return first, second


def cell(**params) -> dict:
    """One sweep point: the county at ``Model(**params)``, coordinated and measured.

    Returns
    -------
    dict
        ``pairs``, ``soft_pairs``, ``hard_needed`` (pairs with gains where soft coordination fails),
        ``hard_covered`` (of those, coordinated within the budget), ``attention_used``,
        ``soft_surplus``, ``surplus`` (realised), ``possible_surplus``, ``core_size``,
        ``core_strong_control`` and ``core_weak_control`` (how many of each in the core),
        ``strong_core`` (whether the core is exactly the strong-control departments),
        ``core_correlation`` and ``coreness_fit``.

    Examples
    --------
    >>> from bargain.models.coordination import cell
    >>> out = cell(departments=8)
    >>> out["pairs"], out["soft_pairs"], out["hard_needed"], out["strong_core"]
    (28, 20, 8, True)
    """
    model = Model(**params)
    result = model.coordinate()
    structure = result.structure
    strong = set(result.county.strong_control)
    core = set(structure.core)
    return {
        "pairs": len(result.relations),
        "soft_pairs": sum(r.soft for r in result.relations),
        "hard_needed": sum(r.needs_hard for r in result.relations),
        "hard_covered": int(result.hard.sum()),
        "attention_used": result.attention_used,
        "soft_surplus": result.soft_surplus,
        "surplus": result.surplus,
        "possible_surplus": result.possible_surplus,
        "core_size": len(core),
        "core_strong_control": len(core & strong),
        "core_weak_control": len(core - strong),
        "strong_core": core == strong,
        "core_correlation": structure.correlation,
        "coreness_fit": structure.coreness_fit,
    }
