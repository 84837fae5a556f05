"""Finite automaton strategies for repeated games with perfect monitoring, and their exact checks.

An :class:`Automaton` has named states, an initial state, an action in each state (a pure strategy
name or index, or a mixed strategy vector) and, for each state, a transition table from the observed
action profile (the names of every player's action) to the next state. A table key is a tuple with one
entry per player, each an action name or the wildcard ``"*"``; the key ``"*"`` alone matches every
profile. The most specific matching key wins (the one with the fewest wildcards); two equally specific
keys that match the same profile and lead to different states are an error.

A profile of automata (one per player) moves through *joint states*. With normalised discounted
payoffs the values solve the linear system ``V = (1 - delta) r + delta P V`` over the joint states,
where ``r`` is the stage payoff and ``P`` the transition matrix of the joint state (mixed actions
give a distribution over observed profiles).

:func:`is_subgame_perfect` applies the one-shot deviation principle at every joint state reachable
from the initial one under *any* sequence of observed profiles (subgame perfection is about off-path
histories too). :func:`is_nash` checks only the joint states reached on the path of play; there a
deviation's continuation is the deviator's best reply to the others' automata, found exactly by
policy iteration on the finite Markov decision problem over joint states.

References
----------
.. [1] G. J. Mailath and L. Samuelson, *Repeated Games and Reputations* (2006), Sections 2.3-2.4
   (automata, the one-shot deviation principle, tit-for-tat).
.. [2] D. Abreu, "Extremal equilibria of oligopolistic supergames", *Journal of Economic Theory* 39
   (1986) 191-225 (stick and carrot).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

import numpy as np

from .._validation import check_positive, check_real
from ..equilibria.regret import PROBABILITY_TOL, payoff_scale
from ..errors import ArgumentTypeError, InvalidArgumentError, InvalidProfileError
from ..game import Game

__all__ = [
    "Automaton",
    "Deviation",
    "OneShotCheck",
    "Play",
    "grim_trigger",
    "tit_for_tat",
    "forgiving_trigger",
    "carrot_and_stick",
    "play",
    "is_subgame_perfect",
    "is_nash",
    "check_delta",
]

WILDCARD = "*"

#: Relative tolerance (times the payoff range) for a deviation gain to count as profitable.
DEFAULT_TOL = 1e-9


def check_delta(delta: object) -> float:
    """Return ``delta`` as a float in the open interval (0, 1), or raise."""
    value = check_real("delta", delta)
    if not 0.0 < value < 1.0:
        raise InvalidArgumentError(f"delta must be in (0, 1); got {delta!r}")
    return value


def _action_str(action) -> str:
    if isinstance(action, str | int | np.integer):
        return str(action)
    return "[" + ", ".join(f"{p:.4g}" for p in np.asarray(action, dtype=float)) + "]"


# ---------------------------------------------------------------------------------------- automaton
@dataclass(frozen=True, eq=False, repr=False)
class Automaton:
    """A finite automaton strategy of one player.

    Parameters
    ----------
    states : sequence of str
        Unique state names.
    initial : str
        The state at the start.
    actions : mapping
        For each state, the action played there: a strategy name, an index, or a probability vector
        over the player's strategies.
    transitions : mapping
        For each state, a mapping from an observed profile key (a tuple of one action name or
        ``"*"`` per player, or ``"*"`` alone) to the next state.
    name : str, optional
        A label used in reprs.

    Raises
    ------
    InvalidArgumentError
        If the initial state, an action's state, a table's state or a target is not a known state,
        or a state lacks an action or a transition table. Completeness of the tables and the action
        names are checked against a game when the automaton is used.

    Examples
    --------
    >>> from bargain.repeated.automata import Automaton
    >>> grim = Automaton(states=("c", "d"), initial="c", actions={"c": "C", "d": "D"},
    ...                  transitions={"c": {("C", "C"): "c", "*": "d"}, "d": {"*": "d"}})
    >>> grim
    Automaton(initial 'c'; c: C, d: D)
    """

    states: tuple[str, ...]
    initial: str
    actions: Mapping
    transitions: Mapping
    name: str = field(default="")

    def __post_init__(self) -> None:
        if isinstance(self.states, str) or not isinstance(self.states, Sequence) or not self.states:
            raise ArgumentTypeError(f"states must be a non-empty sequence of names; got {self.states!r}")
        states = tuple(self.states)
        for s in states:
            if not isinstance(s, str) or not s:
                raise InvalidArgumentError(f"states must be non-empty strings; got {s!r}")
        if len(set(states)) != len(states):
            raise InvalidArgumentError(f"states must be unique; got {list(states)!r}")
        if self.initial not in states:
            raise InvalidArgumentError(f"initial state {self.initial!r} is not one of the states {list(states)!r}")
        if not isinstance(self.actions, Mapping):
            raise ArgumentTypeError(f"actions must be a mapping from state to action; got {self.actions!r}")
        if not isinstance(self.transitions, Mapping):
            raise ArgumentTypeError(f"transitions must be a mapping from state to a table; got {self.transitions!r}")
        unknown = [s for s in list(self.actions) + list(self.transitions) if s not in states]
        if unknown:
            raise InvalidArgumentError(f"unknown state(s) {unknown!r}; the states are {list(states)!r}")
        missing = [s for s in states if s not in self.actions]
        if missing:
            raise InvalidArgumentError(f"state(s) {missing!r} have no action")
        missing = [s for s in states if s not in self.transitions]
        if missing:
            raise InvalidArgumentError(f"state(s) {missing!r} have no transition table")
        tables = {}
        for s in states:
            table = self.transitions[s]
            if not isinstance(table, Mapping) or not table:
                raise InvalidArgumentError(
                    f"the transition table of state {s!r} must be a non-empty mapping; got {table!r}"
                )
            clean = {}
            for key, target in table.items():
                if not (key == WILDCARD or (isinstance(key, tuple) and all(isinstance(e, str) for e in key))):
                    raise InvalidArgumentError(
                        f"transition keys must be '*' or a tuple of action names/'*' (one per player); "
                        f"got {key!r} in state {s!r}"
                    )
                if target not in states:
                    raise InvalidArgumentError(
                        f"state {s!r} moves to unknown state {target!r} on {key!r}; the states are {list(states)!r}"
                    )
                clean[key] = target
            tables[s] = MappingProxyType(clean)
        actions = {}
        for s in states:
            a = self.actions[s]
            if isinstance(a, bool) or not isinstance(a, str | int | np.integer):
                a = np.array(a, dtype=float)
                a.flags.writeable = False
            actions[s] = a
        object.__setattr__(self, "states", states)
        object.__setattr__(self, "actions", MappingProxyType(actions))
        object.__setattr__(self, "transitions", MappingProxyType(tables))

    @classmethod
    def always(cls, action) -> Automaton:
        """The automaton that plays ``action`` (a name, an index or a mixed vector) whatever happens.

        Examples
        --------
        >>> from bargain.repeated.automata import Automaton
        >>> Automaton.always("D")
        Automaton(always D; initial 'always'; always: D)
        """
        return cls(("always",), "always", {"always": action}, {"always": {WILDCARD: "always"}},
                   name=f"always {_action_str(action)}")

    @property
    def is_pure(self) -> bool:
        """Whether every state plays a pure strategy (given by name or index)."""
        return all(isinstance(a, str | int | np.integer) for a in self.actions.values())

    def __repr__(self) -> str:
        label = f"{self.name}; " if self.name else ""
        acts = ", ".join(f"{s}: {_action_str(self.actions[s])}" for s in self.states)
        return f"Automaton({label}initial {self.initial!r}; {acts})"


# ---------------------------------------------------------------------------------------- builders
def _names(kind: str, profile) -> tuple[str, ...]:
    if isinstance(profile, str) or not isinstance(profile, Sequence):
        raise ArgumentTypeError(f"{kind} must be a profile: one strategy name per player; got {profile!r}")
    for entry in profile:
        if not isinstance(entry, str):
            raise ArgumentTypeError(f"{kind} must name each player's strategy (str); got {entry!r} in {profile!r}")
    return tuple(profile)


def _actions(kind: str, profile, n: int) -> tuple:
    if isinstance(profile, str) or not isinstance(profile, Sequence) or len(profile) != n:
        raise InvalidArgumentError(f"{kind} must be a profile with one action per player ({n}); got {profile!r}")
    return tuple(profile)


def grim_trigger(cooperate, punish) -> tuple[Automaton, ...]:
    """Grim trigger: play ``cooperate`` until any deviation from it, then punish forever.

    Parameters
    ----------
    cooperate : sequence of str
        The cooperative pure profile (one strategy name per player).
    punish : profile or mapping
        The profile played forever after a deviation (names, indices or mixed vectors), or a mapping
        from a player (index or name) to the profile that punishes *that* player's unilateral
        deviation (e.g. each deviator's worst stage equilibrium). Simultaneous deviations, and
        unilateral deviations of players not in the mapping, lead to the first profile listed.

    Returns
    -------
    tuple of Automaton
        One automaton per player.

    References
    ----------
    .. [1] J. W. Friedman, "A non-cooperative equilibrium for supergames", *Review of Economic
       Studies* 38 (1971) 1-12.

    Examples
    --------
    >>> from bargain.repeated.automata import grim_trigger
    >>> grim_trigger(("C", "C"), ("D", "D"))[0]
    Automaton(grim trigger; initial 'cooperate'; cooperate: C, punish: D)
    """
    cooperate = _names("cooperate", cooperate)
    n = len(cooperate)
    if isinstance(punish, Mapping):
        if not punish:
            raise InvalidArgumentError("punish must not be an empty mapping")
        plans = [(f"punish {j}", _actions(f"punish[{j!r}]", p, n), j) for j, p in punish.items()]
    else:
        plans = [("punish", _actions("punish", punish, n), None)]
    out = []
    for i in range(n):
        states = ("cooperate", *(label for label, _, _ in plans))
        actions = {"cooperate": cooperate[i], **{label: p[i] for label, p, _ in plans}}
        table = {cooperate: "cooperate", WILDCARD: plans[0][0]}
        for label, _, j in plans:
            if j is None:
                continue
            if isinstance(j, bool) or not isinstance(j, int | np.integer | str):
                raise ArgumentTypeError(f"punish keys must be player indices or names; got {j!r}")
            if isinstance(j, str):
                raise InvalidArgumentError(
                    f"punish keys must be player indices (names are not known before a game is given); got {j!r}"
                )
            if not 0 <= j < n:
                raise InvalidArgumentError(f"punish key must be a player index in [0, {n - 1}]; got {j!r}")
            key = tuple(WILDCARD if k == j else cooperate[k] for k in range(n))
            table[key] = label
        transitions = {"cooperate": table, **{label: {WILDCARD: label} for label, _, _ in plans}}
        out.append(Automaton(states, "cooperate", actions, transitions, name="grim trigger"))
    return tuple(out)


def tit_for_tat(cooperate, defect) -> tuple[Automaton, Automaton]:
    """Tit-for-tat for a two-player game: cooperate first, then copy the other's last action.

    Each player plays its ``cooperate`` action after the other played its ``cooperate`` action in
    the previous period, and its ``defect`` action after anything else.

    Parameters
    ----------
    cooperate, defect : pair of str
        Each player's cooperative and retaliatory strategy names.

    References
    ----------
    .. [1] R. Axelrod, *The Evolution of Cooperation* (1984); Mailath and Samuelson (2006),
       Section 2.4.3 (when tit-for-tat is subgame perfect).

    Examples
    --------
    >>> from bargain.repeated.automata import tit_for_tat
    >>> tit_for_tat(("C", "C"), ("D", "D"))[1].transitions["defect"]
    mappingproxy({('C', '*'): 'cooperate', '*': 'defect'})
    """
    cooperate = _names("cooperate", cooperate)
    defect = _names("defect", defect)
    if len(cooperate) != 2 or len(defect) != 2:
        raise InvalidArgumentError(
            f"tit_for_tat is for two players; got cooperate={cooperate!r}, defect={defect!r}"
        )
    out = []
    for i in range(2):
        key = (WILDCARD, cooperate[1]) if i == 0 else (cooperate[0], WILDCARD)
        table = {key: "cooperate", WILDCARD: "defect"}
        out.append(
            Automaton(("cooperate", "defect"), "cooperate", {"cooperate": cooperate[i], "defect": defect[i]},
                      {"cooperate": table, "defect": table}, name="tit-for-tat")
        )
    return tuple(out)


def forgiving_trigger(cooperate, punish, *, periods: int) -> tuple[Automaton, ...]:
    """Trigger with ``periods`` rounds of punishment, then back to cooperation.

    Any deviation from ``cooperate`` starts ``periods`` rounds of ``punish`` (whatever is played
    meanwhile), after which play returns to ``cooperate``.

    Examples
    --------
    >>> from bargain.repeated.automata import forgiving_trigger
    >>> forgiving_trigger(("C", "C"), ("D", "D"), periods=2)[0].states
    ('cooperate', 'punish 1', 'punish 2')
    """
    cooperate = _names("cooperate", cooperate)
    n = len(cooperate)
    punish = _actions("punish", punish, n)
    if isinstance(periods, bool) or not isinstance(periods, int | np.integer) or periods < 1:
        raise InvalidArgumentError(f"periods must be an integer >= 1; got {periods!r}")
    labels = [f"punish {k}" for k in range(1, periods + 1)]
    out = []
    for i in range(n):
        transitions = {"cooperate": {cooperate: "cooperate", WILDCARD: labels[0]}}
        for k, label in enumerate(labels):
            transitions[label] = {WILDCARD: labels[k + 1] if k + 1 < periods else "cooperate"}
        actions = {"cooperate": cooperate[i], **{label: punish[i] for label in labels}}
        out.append(Automaton(("cooperate", *labels), "cooperate", actions, transitions,
                             name=f"forgiving trigger ({periods})"))
    return tuple(out)


def carrot_and_stick(cooperate, stick) -> tuple[Automaton, ...]:
    """Abreu's stick and carrot: one period of ``stick`` after a deviation, then back to ``cooperate``.

    In the carrot state players play ``cooperate`` and stay after it; any deviation moves to the
    stick state. In the stick state they play ``stick``; if everyone complies, play returns to the
    carrot, otherwise the stick is played again.

    References
    ----------
    .. [1] D. Abreu, "Extremal equilibria of oligopolistic supergames", *Journal of Economic
       Theory* 39 (1986) 191-225.

    Examples
    --------
    >>> from bargain.repeated.automata import carrot_and_stick
    >>> carrot_and_stick(("C", "C"), ("X", "X"))[0]
    Automaton(carrot and stick; initial 'carrot'; carrot: C, stick: X)
    """
    cooperate = _names("cooperate", cooperate)
    stick = _names("stick", stick)
    if len(stick) != len(cooperate):
        raise InvalidArgumentError(f"stick must have one action per player ({len(cooperate)}); got {stick!r}")
    out = []
    for i in range(len(cooperate)):
        transitions = {
            "carrot": {cooperate: "carrot", WILDCARD: "stick"},
            "stick": {stick: "carrot", WILDCARD: "stick"},
        }
        out.append(Automaton(("carrot", "stick"), "carrot", {"carrot": cooperate[i], "stick": stick[i]},
                             transitions, name="carrot and stick"))
    return tuple(out)


# ---------------------------------------------------------------------------------------- compiling
@dataclass(frozen=True)
class _Compiled:
    """Automata resolved against a game: mixed action per state and next-state arrays."""

    game: Game
    automata: tuple[Automaton, ...]
    action: tuple[np.ndarray, ...]  # per player, (n_states_i, m_i)
    nxt: tuple[np.ndarray, ...]  # per player, (n_states_i, *game.shape) of next state index


def _compile(game: Game, automata) -> _Compiled:
    if not isinstance(game, Game):
        raise ArgumentTypeError(f"game must be a bargain.Game; got {type(game).__name__}")
    if isinstance(automata, Automaton) or not isinstance(automata, Sequence):
        raise ArgumentTypeError(f"automata must be a sequence with one Automaton per player; got {automata!r}")
    automata = tuple(automata)
    n = game.n_players
    if len(automata) != n:
        raise InvalidArgumentError(f"automata must have one automaton per player ({n}); got {len(automata)}")
    for k, a in enumerate(automata):
        if not isinstance(a, Automaton):
            raise ArgumentTypeError(f"automata[{k}] must be an Automaton; got {type(a).__name__}")
    profiles = list(itertools.product(*(range(m) for m in game.shape)))
    names = [tuple(game.strategies[j][s] for j, s in enumerate(cell)) for cell in profiles]
    actions, nexts = [], []
    for i, auto in enumerate(automata):
        who = f"automaton of player {game.players[i]!r}"
        m = game.shape[i]
        rows = np.zeros((len(auto.states), m))
        for k, state in enumerate(auto.states):
            a = auto.actions[state]
            if isinstance(a, str | int | np.integer):
                try:
                    rows[k, game.strategy_index(i, a)] = 1.0
                except InvalidProfileError as err:
                    raise InvalidArgumentError(f"{who}, state {state!r}: unknown action {a!r} ({err})") from None
            else:
                if a.shape != (m,) or not np.all(np.isfinite(a)) or a.min() < -PROBABILITY_TOL or abs(a.sum() - 1) > 1e-6:
                    raise InvalidArgumentError(
                        f"{who}, state {state!r}: a mixed action must be a probability vector of length {m}; "
                        f"got {a.tolist()}"
                    )
                rows[k] = np.clip(a, 0, None) / np.clip(a, 0, None).sum()
        nxt = np.empty((len(auto.states), *game.shape), dtype=int)
        for k, state in enumerate(auto.states):
            table = auto.transitions[state]
            parsed = []
            for key, target in table.items():
                if key == WILDCARD:
                    parsed.append(((WILDCARD,) * n, 0, target))
                    continue
                if len(key) != n:
                    raise InvalidArgumentError(
                        f"{who}, state {state!r}: transition key {key!r} must name one action per player ({n})"
                    )
                for j, entry in enumerate(key):
                    if entry != WILDCARD and entry not in game.strategies[j]:
                        raise InvalidArgumentError(
                            f"{who}, state {state!r}: transition key {key!r} names unknown action {entry!r} of "
                            f"player {game.players[j]!r} (allowed {list(game.strategies[j])!r} or '*')"
                        )
                parsed.append((key, sum(e != WILDCARD for e in key), target))
            for cell, label in zip(profiles, names):
                matches = [(spec, target) for key, spec, target in parsed
                           if all(e == WILDCARD or e == a for e, a in zip(key, label))]
                if not matches:
                    raise InvalidArgumentError(
                        f"{who}: incomplete transition table, state {state!r} has no entry for the profile "
                        f"{label!r} (add it or a '*' default)"
                    )
                top = max(spec for spec, _ in matches)
                targets = {target for spec, target in matches if spec == top}
                if len(targets) > 1:
                    raise InvalidArgumentError(
                        f"{who}: ambiguous transition table, state {state!r} sends the profile {label!r} to "
                        f"{sorted(targets)!r} by equally specific keys"
                    )
                nxt[(k, *cell)] = auto.states.index(targets.pop())
        actions.append(rows)
        nexts.append(nxt)
    return _Compiled(game, automata, tuple(actions), tuple(nexts))


def _initial(c: _Compiled) -> tuple[int, ...]:
    return tuple(a.states.index(a.initial) for a in c.automata)


def _step(c: _Compiled, joint: tuple[int, ...], cell: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(int(c.nxt[i][(joint[i], *cell)]) for i in range(len(joint)))


def _reachable(c: _Compiled, start, only_support: bool) -> list[tuple[int, ...]]:
    """Joint states reachable from ``start``: under any profile, or only profiles played with
    positive probability (``only_support``)."""
    seen = {start: None}
    order = [start]
    queue = [start]
    while queue:
        joint = queue.pop()
        ranges = [
            np.flatnonzero(c.action[i][joint[i]] > 0) if only_support else range(m)
            for i, m in enumerate(c.game.shape)
        ]
        for cell in itertools.product(*ranges):
            nxt = _step(c, joint, tuple(int(x) for x in cell))
            if nxt not in seen:
                seen[nxt] = None
                order.append(nxt)
                queue.append(nxt)
    return order


def _distribution(c: _Compiled, joint, player: int | None = None, action: int | None = None):
    """Pure profiles with positive probability at ``joint`` (player ``player`` forced to ``action``)."""
    vectors = []
    for i in range(c.game.n_players):
        if i == player:
            v = np.zeros(c.game.shape[i])
            v[action] = 1.0
        else:
            v = c.action[i][joint[i]]
        vectors.append(v)
    supports = [np.flatnonzero(v > 0) for v in vectors]
    for cell in itertools.product(*supports):
        prob = float(np.prod([vectors[i][s] for i, s in enumerate(cell)]))
        yield tuple(int(s) for s in cell), prob


def _system(c: _Compiled, joints, index, player=None, action=None):
    """Stage payoffs ``r`` (|J|, n) and transition matrix ``P`` (|J|, |J|)."""
    J = len(joints)
    r = np.zeros((J, c.game.n_players))
    P = np.zeros((J, J))
    for k, joint in enumerate(joints):
        for cell, prob in _distribution(c, joint, player, action):
            r[k] += prob * c.game.payoffs[(slice(None), *cell)]
            P[k, index[_step(c, joint, cell)]] += prob
    return r, P


def _values(r: np.ndarray, P: np.ndarray, delta: float) -> np.ndarray:
    return (1 - delta) * np.linalg.solve(np.eye(len(P)) - delta * P, r)


# ---------------------------------------------------------------------------------------- records
class Deviation(NamedTuple):
    """A profitable one-shot deviation: at the joint ``states``, ``player`` gains ``gain`` by ``action``."""

    states: tuple[str, ...]
    player: str
    action: str
    gain: float


@dataclass(frozen=True, eq=False, repr=False)
class OneShotCheck:
    """The result of an exact deviation check of a profile of automata.

    Attributes
    ----------
    ok : bool
        Whether no profitable deviation was found.
    deviations : tuple of Deviation
        Each profitable deviation ``(states, player, action, gain)``, with ``gain`` in normalised
        discounted payoff.
    delta : float
    states_checked : tuple of tuples of str
        The joint states examined.
    values : mapping
        Each examined joint state's normalised discounted payoffs (one per player).
    kind : str
        ``"subgame perfect"`` or ``"Nash"``.
    """

    ok: bool
    deviations: tuple[Deviation, ...]
    delta: float
    states_checked: tuple[tuple[str, ...], ...]
    values: Mapping
    kind: str

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        head = (f"OneShotCheck({self.kind} at delta={self.delta:.6g}: {'ok' if self.ok else 'fails'}; "
                f"{len(self.states_checked)} joint states checked")
        if self.ok:
            return head + ")"
        lines = [head + f"; {len(self.deviations)} profitable deviation(s))"]
        for d in self.deviations[:10]:
            lines.append(f"  at {d.states}: {d.player} plays {d.action}, gains {d.gain:.6g}")
        if len(self.deviations) > 10:
            lines.append(f"  ... {len(self.deviations) - 10} more")
        return "\n".join(lines)


@dataclass(frozen=True, eq=False, repr=False)
class Play:
    """The path of play of pure automata.

    Attributes
    ----------
    path : tuple of tuples of str
        The profile (strategy names) played in each round.
    states : tuple of tuples of str
        The joint state at the start of each round.
    stage_payoffs : float array, shape (rounds, n_players)
    payoffs : float array, shape (n_players,)
        ``(1 - delta) * sum_{t < rounds} delta^t u_t`` when ``delta`` is given (the truncated normalised
        sum), else the average payoff per round.
    value : float array or None
        With ``delta``: the exact infinite-horizon normalised discounted payoffs (linear system).
    delta : float or None
    """

    path: tuple[tuple[str, ...], ...]
    states: tuple[tuple[str, ...], ...]
    stage_payoffs: np.ndarray
    payoffs: np.ndarray
    value: np.ndarray | None
    delta: float | None

    def __repr__(self) -> str:
        shown = ", ".join("(" + ", ".join(p) + ")" for p in self.path[:6])
        more = ", ..." if len(self.path) > 6 else ""
        pay = ", ".join(f"{v:.6g}" for v in self.payoffs)
        return f"Play({len(self.path)} rounds: {shown}{more}; payoffs ({pay}))"


def _readonly(a) -> np.ndarray:
    a = np.array(a, dtype=float)
    a.flags.writeable = False
    return a


def _joint_names(c: _Compiled, joint) -> tuple[str, ...]:
    return tuple(c.automata[i].states[s] for i, s in enumerate(joint))


# ---------------------------------------------------------------------------------------- API
def play(game: Game, automata, rounds: int, *, delta: float | None = None) -> Play:
    """Play pure automata against each other for ``rounds`` rounds.

    Parameters
    ----------
    game : Game
    automata : sequence of Automaton
        One per player; every state must play a pure strategy.
    rounds : int
        Number of rounds, >= 1.
    delta : float in (0, 1), optional
        Discount factor for the reported payoffs.

    Returns
    -------
    Play

    Raises
    ------
    InvalidArgumentError
        If an automaton plays a mixed action, ``rounds < 1`` or ``delta`` is outside (0, 1).

    Examples
    --------
    >>> import bargain as bg
    >>> from bargain.repeated.automata import Automaton, play, tit_for_tat
    >>> pd = bg.Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                       strategies=(("C", "D"), ("C", "D")))
    >>> tft = tit_for_tat(("C", "C"), ("D", "D"))
    >>> play(pd, (tft[0], Automaton.always("D")), 3)
    Play(3 rounds: (C, D), (D, D), (D, D); payoffs (0.666667, 2.33333))
    """
    c = _compile(game, automata)
    if isinstance(rounds, bool) or not isinstance(rounds, int | np.integer) or rounds < 1:
        raise InvalidArgumentError(f"rounds must be an integer >= 1; got {rounds!r}")
    if delta is not None:
        delta = check_delta(delta)
    for i, a in enumerate(c.automata):
        if not a.is_pure:
            raise InvalidArgumentError(
                f"play needs pure automata; the automaton of player {game.players[i]!r} plays a mixed action"
            )
    joint = _initial(c)
    path, states, stage = [], [], []
    for _ in range(int(rounds)):
        cell = tuple(int(np.argmax(c.action[i][joint[i]])) for i in range(game.n_players))
        states.append(_joint_names(c, joint))
        path.append(tuple(game.strategies[i][s] for i, s in enumerate(cell)))
        stage.append(game.payoffs[(slice(None), *cell)])
        joint = _step(c, joint, cell)
    stage = np.array(stage)
    value = None
    if delta is None:
        payoffs = stage.mean(axis=0)
    else:
        weights = (1 - delta) * delta ** np.arange(rounds)
        payoffs = weights @ stage
        joints = _reachable(c, _initial(c), only_support=True)
        index = {j: k for k, j in enumerate(joints)}
        r, P = _system(c, joints, index)
        value = _readonly(_values(r, P, delta)[0])
    return Play(tuple(path), tuple(states), _readonly(stage), _readonly(payoffs), value, delta)


def _deviation_table(c: _Compiled, joints, index, delta: float):
    """For each player and own action: stage payoffs and transitions when that player is forced to it."""
    out = []
    for i in range(c.game.n_players):
        per_action = []
        for a in range(c.game.shape[i]):
            r, P = _system(c, joints, index, player=i, action=a)
            per_action.append((r[:, i], P))
        out.append(per_action)
    return out


def is_subgame_perfect(game: Game, automata, delta: float, *, tol: float = DEFAULT_TOL) -> OneShotCheck:
    """Whether a profile of automata is a subgame-perfect equilibrium, by the one-shot deviation principle.

    At every joint state reachable from the initial one under any observed profiles, no player may
    gain by changing its action for one period and then following its automaton. Values are exact:
    ``V = (1 - delta) r + delta P V`` is solved as a linear system. Mixed actions are allowed; the
    check is then against every pure action (which also makes the mixed action itself optimal).

    Parameters
    ----------
    game : Game
    automata : sequence of Automaton
        One per player.
    delta : float in (0, 1)
    tol : float, default 1e-9
        Gains up to ``tol * payoff range`` are not profitable.

    Returns
    -------
    OneShotCheck
        ``.ok`` and the profitable ``.deviations``.

    Raises
    ------
    InvalidArgumentError
        If ``delta`` is outside (0, 1), or an automaton's table is incomplete, ambiguous or names
        unknown actions.

    References
    ----------
    .. [1] Mailath and Samuelson (2006), Proposition 2.2.1 and Section 2.4.

    Examples
    --------
    >>> import bargain as bg
    >>> from bargain.repeated.automata import grim_trigger, is_subgame_perfect
    >>> pd = bg.Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                       strategies=(("C", "D"), ("C", "D")))
    >>> grim = grim_trigger(("C", "C"), ("D", "D"))
    >>> is_subgame_perfect(pd, grim, 0.5).ok, is_subgame_perfect(pd, grim, 0.49).ok
    (True, False)
    """
    delta = check_delta(delta)
    tol = check_positive("tol", tol)
    c = _compile(game, automata)
    slack = tol * payoff_scale(game)
    joints = _reachable(c, _initial(c), only_support=False)
    index = {j: k for k, j in enumerate(joints)}
    r, P = _system(c, joints, index)
    V = _values(r, P, delta)
    deviations = []
    for i, per_action in enumerate(_deviation_table(c, joints, index, delta)):
        for a, (ra, Pa) in enumerate(per_action):
            gains = (1 - delta) * ra + delta * Pa @ V[:, i] - V[:, i]
            for k in np.flatnonzero(gains > slack):
                deviations.append(Deviation(_joint_names(c, joints[k]), game.players[i],
                                            game.strategies[i][a], float(gains[k])))
    return _result(c, joints, V, deviations, delta, "subgame perfect")


def _result(c, joints, V, deviations, delta, kind) -> OneShotCheck:
    values = MappingProxyType({_joint_names(c, j): _readonly(V[k]) for k, j in enumerate(joints)})
    deviations.sort(key=lambda d: (-d.gain, d.states, d.player, d.action))
    return OneShotCheck(not deviations, tuple(deviations), delta,
                        tuple(_joint_names(c, j) for j in joints), values, kind)


def is_nash(game: Game, automata, delta: float, *, tol: float = DEFAULT_TOL) -> OneShotCheck:
    """Whether a profile of automata is a Nash equilibrium of the repeated game.

    Only the joint states reached on the path of play are checked. At each, every action of each
    player is compared with following the automaton, where after the deviation the deviator
    best-responds to the others' automata. That best reply is the optimal policy of a finite Markov
    decision problem over the joint states, solved exactly by policy iteration. Where the automaton
    plays a pure action, only the other actions are deviations; where it mixes, every pure action
    is compared (so an unequal mixture is caught). The profile is a Nash equilibrium exactly when no
    such deviation gains: if the best reply beats the path, it first departs from the path at some
    on-path state, which is then reported.

    Parameters
    ----------
    game, automata, delta, tol
        As for :func:`is_subgame_perfect`.

    Returns
    -------
    OneShotCheck
        ``.deviations`` lists, for on-path joint states, deviations whose gain (followed by the best
        reply) exceeds the tolerance.

    References
    ----------
    .. [1] M. L. Puterman, *Markov Decision Processes* (1994), Section 6.4 (policy iteration).

    Examples
    --------
    >>> import bargain as bg
    >>> from bargain.repeated.automata import is_nash, is_subgame_perfect, tit_for_tat
    >>> pd = bg.Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                       strategies=(("C", "D"), ("C", "D")))
    >>> tft = tit_for_tat(("C", "C"), ("D", "D"))
    >>> is_nash(pd, tft, 0.9).ok, is_subgame_perfect(pd, tft, 0.9).ok
    (True, False)
    """
    delta = check_delta(delta)
    tol = check_positive("tol", tol)
    c = _compile(game, automata)
    slack = tol * payoff_scale(game)
    start = _initial(c)
    joints = _reachable(c, start, only_support=False)
    index = {j: k for k, j in enumerate(joints)}
    on_path = [index[j] for j in _reachable(c, start, only_support=True)]
    r, P = _system(c, joints, index)
    V = _values(r, P, delta)
    deviations = []
    J = len(joints)
    for i, per_action in enumerate(_deviation_table(c, joints, index, delta)):
        R = np.array([ra for ra, _ in per_action])  # (m_i, J)
        T = np.array([Pa for _, Pa in per_action])  # (m_i, J, J)
        policy = np.argmax(R, axis=0)
        for _ in range(10_000):
            rows = np.arange(J)
            W = (1 - delta) * np.linalg.solve(np.eye(J) - delta * T[policy, rows], R[policy, rows])
            Q = (1 - delta) * R + delta * T @ W  # (m_i, J)
            better = Q.max(axis=0) > Q[policy, rows] + 1e-12 * max(1.0, float(np.abs(W).max()))
            if not better.any():
                break
            policy = np.where(better, np.argmax(Q, axis=0), policy)
        for k in on_path:
            prescribed = c.action[i][joints[k][i]]
            for a in range(game.shape[i]):
                if prescribed[a] == 1.0:
                    continue  # conforming now; a later gain is reported where the deviation happens
                gain = float(Q[a, k] - V[k, i])
                if gain > slack:
                    deviations.append(Deviation(_joint_names(c, joints[k]), game.players[i],
                                                game.strategies[i][a], gain))
    on = [joints[k] for k in on_path]
    return _result(c, on, V[on_path], deviations, delta, "Nash")
