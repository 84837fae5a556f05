"""Perfect-information game trees: subgame-perfect equilibria by backward induction, and the
(reduced) normal form.

A tree is built from three kinds of immutable node:

- :class:`Decision` — a player chooses one of several named actions;
- :class:`Chance` — nature draws one of several named outcomes with given probabilities;
- :class:`Terminal` — the game ends with one payoff per player.

:class:`Tree` wraps the root, names the players and validates the whole tree on construction. A
node is addressed by its *path*: the tuple of action names that leads to it from the root (``()``
is the root); ``"In/Fight"`` is accepted for ``("In", "Fight")`` wherever a path is read.

Every node of a perfect-information tree starts a subgame, so a pure strategy profile is
subgame perfect exactly when no mover gains by changing the action at a single decision node and
following the profile afterwards (the one-shot deviation principle). :func:`backward_induction`
constructs one such profile, :func:`all_pure_spe` all of them, and :func:`to_normal_form` turns
the tree into a :class:`~bargain.game.Game` so that the normal-form solvers apply.

The algorithms recurse over the tree, so trees deeper than Python's recursion limit (about 1000
levels) are out of reach; breadth is limited only by the number of equilibria or profiles asked for.

References
----------
.. [1] R. Selten, "Reexamination of the perfectness concept for equilibrium points in extensive
   games", International Journal of Game Theory 4 (1975) 25-55.
.. [2] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press, 1994, ch. 6
   (extensive games with perfect information; Kuhn's theorem, Proposition 99.2).

Examples
--------
Selten's entry game: an entrant stays out or enters; after entry the incumbent fights or
accommodates.

>>> from bargain.extensive import Decision, Terminal, Tree, backward_induction
>>> entry = Tree(
...     Decision("Entrant", {
...         "Out": Terminal((0, 2)),
...         "In": Decision("Incumbent", {"Fight": Terminal((-1, -1)),
...                                      "Accommodate": Terminal((1, 1))}),
...     }),
...     players=("Entrant", "Incumbent"),
... )
>>> print(entry)
Tree with players Entrant, Incumbent; payoffs are (Entrant, Incumbent)
Entrant moves
  Out: payoffs (0, 2)
  In: Incumbent moves
    Fight: payoffs (-1, -1)
    Accommodate: payoffs (1, 1)
>>> backward_induction(entry)
SubgamePerfect(play In/Accommodate; payoffs (1, 1))
  (root) Entrant: In
  In Incumbent: Accommodate
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from numbers import Real
from types import MappingProxyType
import numpy as np

from ._validation import check_positive
from .errors import ArgumentTypeError, InvalidArgumentError, InvalidGameError, InvalidProfileError, SolverError
from .game import Game

__all__ = [
    "Decision",
    "Chance",
    "Terminal",
    "Tree",
    "SubgamePerfect",
    "backward_induction",
    "all_pure_spe",
    "to_normal_form",
    "normal_form_strategies",
]

#: How far the probabilities of a chance node may sum away from 1.
PROBABILITY_TOL = 1e-9

#: Largest number of pure strategy profiles :func:`to_normal_form` builds.
MAX_PROFILES = 100_000

#: Action names may not contain this separator (it joins actions in paths and strategy names).
SEPARATOR = "/"

#: Marks, in a reduced strategy's name, a node the strategy itself makes unreachable.
IRRELEVANT = "*"

#: Name of the single strategy of a player who never moves.
NO_MOVE = "(no move)"


# ---------------------------------------------------------------------------------------- nodes
def _pairs(kind: str, actions: object) -> tuple[tuple, ...]:
    if isinstance(actions, Mapping):
        return tuple(actions.items())
    if isinstance(actions, str | bytes) or not isinstance(actions, Sequence):
        raise ArgumentTypeError(
            f"{kind} actions must be a mapping {{action_name: ...}} or a sequence of (name, ...) "
            f"pairs; got {actions!r}"
        )
    out = []
    for item in actions:
        if isinstance(item, str | bytes) or not isinstance(item, Sequence) or len(item) != 2:
            raise ArgumentTypeError(f"{kind} actions must be (name, ...) pairs; got {item!r}")
        out.append(tuple(item))
    return tuple(out)


@dataclass(frozen=True)
class Terminal:
    """A leaf of the tree: the game ends and each player receives a payoff.

    Parameters
    ----------
    payoffs : sequence of float
        One payoff per player, in the order of the tree's players (checked by :class:`Tree`).

    Examples
    --------
    >>> from bargain.extensive import Terminal
    >>> Terminal([1, 0.5])
    Terminal(payoffs=(1, 0.5))
    """

    payoffs: tuple[float, ...]

    def __post_init__(self) -> None:
        if isinstance(self.payoffs, str | bytes) or not isinstance(self.payoffs, Sequence | np.ndarray):
            raise ArgumentTypeError(f"Terminal payoffs must be a sequence of numbers; got {self.payoffs!r}")
        object.__setattr__(self, "payoffs", tuple(self.payoffs))


@dataclass(frozen=True)
class Decision:
    """A node at which ``player`` chooses one of the named actions.

    Parameters
    ----------
    player : int or str
        The mover: an index into the tree's players or a player's name.
    actions : mapping or sequence of pairs
        ``{action_name: child_node, ...}`` (or ``[(action_name, child_node), ...]``), in the order
        in which ties are broken. Stored as a tuple of ``(name, child)`` pairs.

    Examples
    --------
    >>> from bargain.extensive import Decision, Terminal
    >>> node = Decision("Office", {"Comply": Terminal((1, 1)), "Resist": Terminal((0, 2))})
    >>> node.action_names
    ('Comply', 'Resist')
    >>> node.child("Resist")
    Terminal(payoffs=(0, 2))
    """

    player: int | str
    actions: tuple[tuple[str, Node], ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "actions", _pairs("Decision", self.actions))

    @property
    def action_names(self) -> tuple[str, ...]:
        """The action names, in order."""
        return tuple(name for name, _ in self.actions)

    def child(self, action: str) -> Node:
        """The node reached by ``action``."""
        for name, child in self.actions:
            if name == action:
                return child
        raise InvalidArgumentError(f"action must be one of {list(self.action_names)!r}; got {action!r}")


@dataclass(frozen=True)
class Chance:
    """A node at which nature draws one of the named outcomes.

    Parameters
    ----------
    actions : mapping or sequence of pairs
        ``{outcome_name: (probability, child_node), ...}`` (or ``[(outcome_name, (probability,
        child_node)), ...]``). The probabilities must lie in [0, 1] and sum to 1 within
        ``PROBABILITY_TOL`` (checked by :class:`Tree`). Stored as a tuple of
        ``(name, probability, child)`` triples.

    Examples
    --------
    >>> from bargain.extensive import Chance, Terminal
    >>> node = Chance({"Audit": (0.25, Terminal((0, 0))), "NoAudit": (0.75, Terminal((2, 1)))})
    >>> node.probabilities
    (0.25, 0.75)
    """

    actions: tuple[tuple[str, float, Node], ...]

    def __post_init__(self) -> None:
        triples = []
        for name, entry in _pairs("Chance", self.actions):
            if isinstance(entry, str | bytes) or not isinstance(entry, Sequence) or len(entry) != 2:
                raise ArgumentTypeError(
                    f"Chance outcome {name!r} must map to a (probability, child) pair; got {entry!r}"
                )
            triples.append((name, entry[0], entry[1]))
        object.__setattr__(self, "actions", tuple(triples))

    @property
    def action_names(self) -> tuple[str, ...]:
        """The outcome names, in order."""
        return tuple(name for name, _, _ in self.actions)

    @property
    def probabilities(self) -> tuple[float, ...]:
        """The outcome probabilities, in order."""
        return tuple(float(p) for _, p, _ in self.actions)

    def child(self, action: str) -> Node:
        """The node reached by outcome ``action``."""
        for name, _, child in self.actions:
            if name == action:
                return child
        raise InvalidArgumentError(f"outcome must be one of {list(self.action_names)!r}; got {action!r}")


Node = Decision | Chance | Terminal
Path = tuple[str, ...]


def _children(node: Node) -> list[tuple[str, Node]]:
    if isinstance(node, Decision):
        return list(node.actions)
    if isinstance(node, Chance):
        return [(name, child) for name, _, child in node.actions]
    return []


def _show(path: Path) -> str:
    return SEPARATOR.join(path) if path else "(root)"


def _as_path(path: object) -> Path:
    if isinstance(path, str):
        return tuple(path.split(SEPARATOR)) if path else ()
    if isinstance(path, Sequence) and all(isinstance(a, str) for a in path):
        return tuple(path)
    raise ArgumentTypeError(
        f"path must be a sequence of action names or a '{SEPARATOR}'-joined string; got {path!r}"
    )


def _fmt(value: float) -> str:
    return f"{float(value):g}"


# ----------------------------------------------------------------------------------------- tree
def _check_players(players: object) -> tuple[str, ...]:
    if isinstance(players, str) or not isinstance(players, Sequence):
        raise ArgumentTypeError(f"players must be a sequence of names; got {players!r}")
    names = tuple(players)
    if not names:
        raise InvalidGameError("players must name at least one player; got none")
    for name in names:
        if not isinstance(name, str) or not name:
            raise InvalidGameError(f"players must be non-empty strings; got {name!r}")
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise InvalidGameError(f"players must be unique; got duplicate name(s) {duplicates!r}")
    return names


def _first_terminal(node: object, path: Path) -> Terminal | None:
    """The first terminal in preorder, checking only that every node is a node."""
    if not isinstance(node, Decision | Chance | Terminal):
        raise ArgumentTypeError(
            f"node {_show(path)}: must be a Decision, Chance or Terminal; got {type(node).__name__}"
        )
    if isinstance(node, Terminal):
        return node
    for name, child in _children(node):
        found = _first_terminal(child, (*path, str(name)))
        if found is not None:
            return found
    return None


@dataclass(frozen=True, repr=False)
class Tree:
    """A finite game tree with perfect information, validated on construction.

    Parameters
    ----------
    root : Decision, Chance or Terminal
        The root node.
    players : sequence of str, optional
        One unique name per player. Default: ``("P0", "P1", ...)``, as many as the first terminal
        node has payoffs.

    Raises
    ------
    InvalidGameError
        If some node is invalid; the message names the node by its path, for instance
        ``node Audit/Comply: probabilities sum to 0.9; they must sum to 1``. Checked: movers are
        valid player indices or names; every decision and chance node has at least one action;
        action names are non-empty strings without ``"/"``, other than ``"*"``, unique at their
        node; probabilities are real numbers in [0, 1] summing to 1 within ``1e-9``; payoff vectors
        have one finite real number per player.
    ArgumentTypeError
        If some node is not a :class:`Decision`, :class:`Chance` or :class:`Terminal`.

    Examples
    --------
    >>> from bargain.extensive import Chance, Decision, Terminal, Tree
    >>> tree = Tree(Chance({"Strict": (0.5, Terminal((0,))), "Lax": (0.4, Terminal((1,)))}))
    Traceback (most recent call last):
    ...
    bargain.errors.InvalidGameError: node (root): probabilities sum to 0.9; they must sum to 1
    >>> tree = Tree(Decision(0, {"Act": Terminal((1,)), "Wait": Terminal((0,))}))
    >>> tree.players, tree.node("Wait")
    (('P0',), Terminal(payoffs=(0,)))
    """

    root: Node
    players: tuple[str, ...] | None = field(default=None, kw_only=True)

    def __post_init__(self) -> None:
        first = _first_terminal(self.root, ())
        if self.players is None:
            if first is None:  # pragma: no cover - a finite tree always has a leaf
                raise InvalidGameError("the tree has no terminal node")
            players = tuple(f"P{i}" for i in range(len(first.payoffs)))
            if not players:
                raise InvalidGameError("node (root): terminal payoffs must give one payoff per player; got ()")
        else:
            players = _check_players(self.players)
        object.__setattr__(self, "players", players)
        self._validate(self.root, ())

    # ------------------------------------------------------------------ validation
    def _validate(self, node: Node, path: Path) -> None:
        where = f"node {_show(path)}"
        n = len(self.players)
        if isinstance(node, Terminal):
            values = node.payoffs
            if len(values) != n:
                raise InvalidGameError(
                    f"{where}: payoffs must have one entry per player ({n}); got {len(values)}: {list(values)!r}"
                )
            for value in values:
                if isinstance(value, bool) or not isinstance(value, Real | np.number):
                    raise InvalidGameError(f"{where}: payoffs must be real numbers; got {value!r}")
                if not math.isfinite(float(value)):
                    raise InvalidGameError(f"{where}: payoffs must be finite; got {value!r}")
            return
        if isinstance(node, Decision):
            self.mover(node, path)
        names = [name for name, _ in _children(node)]
        if not names:
            raise InvalidGameError(f"{where}: needs at least one action; got none")
        for name in names:
            if not isinstance(name, str) or not name or SEPARATOR in name or name == IRRELEVANT:
                raise InvalidGameError(
                    f"{where}: action names must be non-empty strings without {SEPARATOR!r}, other than "
                    f"{IRRELEVANT!r}; got {name!r}"
                )
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise InvalidGameError(f"{where}: action names must be unique; got duplicate(s) {duplicates!r}")
        if isinstance(node, Chance):
            for name, p, _ in node.actions:
                if isinstance(p, bool) or not isinstance(p, Real | np.number) or not math.isfinite(float(p)):
                    raise InvalidGameError(f"{where}: probability of {name!r} must be a real number; got {p!r}")
                if not 0 <= float(p) <= 1:
                    raise InvalidGameError(f"{where}: probability of {name!r} must be in [0, 1]; got {p!r}")
            total = math.fsum(float(p) for _, p, _ in node.actions)
            if abs(total - 1) > PROBABILITY_TOL:
                raise InvalidGameError(f"{where}: probabilities sum to {total:.12g}; they must sum to 1")
        for name, child in _children(node):
            self._validate(child, (*path, name))

    # ------------------------------------------------------------------ access
    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self.players)

    def mover(self, node: Decision, path: Path = ()) -> int:
        """Index of the player who moves at decision ``node`` (``path`` is only used in errors)."""
        player = node.player
        if isinstance(player, str):
            if player not in self.players:
                raise InvalidGameError(
                    f"node {_show(path)}: player must be one of {list(self.players)!r}; got {player!r}"
                )
            return self.players.index(player)
        if isinstance(player, bool) or not isinstance(player, int | np.integer) or not 0 <= player < self.n_players:
            raise InvalidGameError(
                f"node {_show(path)}: player must be an index in [0, {self.n_players - 1}] or one of "
                f"{list(self.players)!r}; got {player!r}"
            )
        return int(player)

    def node(self, path: Sequence[str] | str) -> Node:
        """The node reached from the root by ``path`` (a tuple of action names, or ``"a/b/c"``).

        Examples
        --------
        >>> from bargain.extensive import Decision, Terminal, Tree
        >>> tree = Tree(Decision(0, {"L": Decision(1, {"l": Terminal((1, 2))})}))
        >>> tree.node("L/l") == tree.node(("L", "l"))
        True
        """
        steps = _as_path(path)
        node = self.root
        for k, action in enumerate(steps):
            names = [name for name, _ in _children(node)]
            if action not in names:
                raise InvalidArgumentError(
                    f"path {SEPARATOR.join(steps)!r}: node {_show(steps[:k])} has actions {names!r}; "
                    f"got {action!r}"
                )
            node = dict(_children(node))[action]
        return node

    def decision_nodes(self, player: int | str | None = None) -> tuple[Path, ...]:
        """Paths of the decision nodes (of ``player``, or of everyone), in preorder.

        Preorder — a node before its descendants, children in action order — is the "node order"
        in which strategy names list their actions.
        """
        wanted = None if player is None else self._player_index(player)
        out: list[Path] = []

        def walk(node: Node, path: Path) -> None:
            if isinstance(node, Decision) and (wanted is None or self.mover(node) == wanted):
                out.append(path)
            for name, child in _children(node):
                walk(child, (*path, name))

        walk(self.root, ())
        return tuple(out)

    def _player_index(self, player: int | str) -> int:
        if isinstance(player, str):
            if player not in self.players:
                raise InvalidArgumentError(f"player must be one of {list(self.players)!r}; got {player!r}")
            return self.players.index(player)
        if isinstance(player, bool) or not isinstance(player, int | np.integer) or not 0 <= player < self.n_players:
            raise InvalidArgumentError(
                f"player must be an index in [0, {self.n_players - 1}] or a name; got {player!r}"
            )
        return int(player)

    def payoff_scale(self) -> float:
        """The range ``max - min`` of all terminal payoffs (1.0 when they are all equal)."""
        values = [float(v) for leaf in self._terminals() for v in leaf.payoffs]
        span = max(values) - min(values)
        return span if span > 0 else 1.0

    def _terminals(self) -> list[Terminal]:
        out: list[Terminal] = []

        def walk(node: Node) -> None:
            if isinstance(node, Terminal):
                out.append(node)
            for _, child in _children(node):
                walk(child)

        walk(self.root)
        return out

    # ------------------------------------------------------------------ display
    def __str__(self) -> str:
        lines = [f"Tree with players {', '.join(self.players)}; payoffs are ({', '.join(self.players)})"]

        def label(node: Node) -> str:
            if isinstance(node, Terminal):
                return f"payoffs ({', '.join(_fmt(v) for v in node.payoffs)})"
            if isinstance(node, Chance):
                return "Chance"
            return f"{self.players[self.mover(node)]} moves"

        def walk(node: Node, depth: int) -> None:
            if isinstance(node, Chance):
                for name, p, child in node.actions:
                    lines.append(f"{'  ' * depth}{name} (p={_fmt(p)}): {label(child)}")
                    walk(child, depth + 1)
            elif isinstance(node, Decision):
                for name, child in node.actions:
                    lines.append(f"{'  ' * depth}{name}: {label(child)}")
                    walk(child, depth + 1)

        lines.append(label(self.root))
        walk(self.root, 1)
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"Tree({self.root!r}, players={self.players!r})"


# ------------------------------------------------------------------------------------- results
@dataclass(frozen=True, eq=False, repr=False)
class SubgamePerfect:
    """A pure subgame-perfect equilibrium of a tree.

    Attributes
    ----------
    strategy : mapping of path to str
        For every decision node (by path, in preorder), the action its mover chooses — on and off
        the path of play.
    payoffs : 1-D float array
        Each player's expected payoff at the root (expectation over chance nodes).
    path : tuple of str
        The play path from the root: the chosen actions until the first chance node or terminal.
    ties : mapping of path to tuple of str
        The decision nodes at which the mover has several optimal actions given the profile's
        continuation (within ``tol`` times the payoff range), with those actions in node order.
    players : tuple of str
        The players' names.
    movers : mapping of path to str
        The name of the mover at each decision node.
    """

    strategy: Mapping[Path, str]
    payoffs: np.ndarray
    path: Path
    ties: Mapping[Path, tuple[str, ...]]
    players: tuple[str, ...]
    movers: Mapping[Path, str]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SubgamePerfect):
            return NotImplemented
        return self.players == other.players and dict(self.strategy) == dict(other.strategy)

    def __hash__(self) -> int:
        return hash((self.players, tuple(self.strategy.items())))

    def __repr__(self) -> str:
        play = SEPARATOR.join(self.path) if self.path else "(none)"
        lines = [f"SubgamePerfect(play {play}; payoffs ({', '.join(_fmt(v) for v in self.payoffs)}))"]
        for path, action in self.strategy.items():
            tied = f"  (tied: {', '.join(self.ties[path])})" if path in self.ties else ""
            lines.append(f"  {_show(path)} {self.movers[path]}: {action}{tied}")
        return "\n".join(lines)


# One entry per decision node: (path, chosen action, optimal actions).
_Entry = tuple[Path, str, tuple[str, ...]]


def _check_tree(tree: object) -> Tree:
    if not isinstance(tree, Tree):
        raise ArgumentTypeError(f"tree must be a bargain.extensive.Tree; got {type(tree).__name__}")
    return tree


def _optimal(tree: Tree, node: Decision, values: Sequence[np.ndarray], slack: float) -> list[int]:
    mover = tree.mover(node)
    own = [float(v[mover]) for v in values]
    best = max(own)
    return [k for k, v in enumerate(own) if v >= best - slack]


def _record(tree: Tree, entries: Sequence[_Entry], value: np.ndarray) -> SubgamePerfect:
    strategy = {path: action for path, action, _ in entries}
    ties = {path: optimal for path, _, optimal in entries if len(optimal) > 1}
    movers = {path: tree.players[tree.mover(tree.node(path))] for path in strategy}
    play: list[str] = []
    node = tree.root
    while isinstance(node, Decision):
        action = strategy[tuple(play)]
        play.append(action)
        node = node.child(action)
    payoffs = np.array(value, dtype=float)
    payoffs.flags.writeable = False
    return SubgamePerfect(
        MappingProxyType(strategy), payoffs, tuple(play), MappingProxyType(ties), tree.players,
        MappingProxyType(movers),
    )


def backward_induction(tree: Tree, *, tol: float = 1e-9) -> SubgamePerfect:
    """A pure subgame-perfect equilibrium by backward induction (Kuhn's algorithm).

    From the leaves up, each decision node's mover picks an action maximising its own continuation
    payoff; a chance node's value is the probability-weighted mean of its children's values.

    Parameters
    ----------
    tree : Tree
    tol : float, default 1e-9
        Actions whose value for the mover is within ``tol * tree.payoff_scale()`` of the best are
        optimal (tied).

    Returns
    -------
    SubgamePerfect
        Ties are broken deterministically in favour of the **first** optimal action in the node's
        action order; every node where the tie-break was needed is listed in ``.ties``
        (:func:`all_pure_spe` gives the equilibria the other tie-breaks lead to).

    Raises
    ------
    ArgumentTypeError
        If ``tree`` is not a :class:`Tree`.
    InvalidArgumentError
        If ``tol <= 0``.

    References
    ----------
    H. W. Kuhn, "Extensive games and the problem of information", in *Contributions to the Theory
    of Games II*, Princeton University Press, 1953, 193-216.

    Examples
    --------
    An ultimatum game over 2 units: the responder is indifferent when offered nothing.

    >>> from bargain.extensive import Decision, Terminal, Tree, backward_induction
    >>> offers = {f"Offer{k}": Decision(1, {"Accept": Terminal((2 - k, k)), "Reject": Terminal((0, 0))})
    ...           for k in range(3)}
    >>> spe = backward_induction(Tree(Decision(0, offers)))
    >>> spe.path, spe.payoffs.tolist()
    (('Offer0', 'Accept'), [2.0, 0.0])
    >>> dict(spe.ties)
    {('Offer0',): ('Accept', 'Reject')}
    """
    tree = _check_tree(tree)
    slack = check_positive("tol", tol) * tree.payoff_scale()

    def solve(node: Node, path: Path) -> tuple[list[_Entry], np.ndarray]:
        if isinstance(node, Terminal):
            return [], np.array(node.payoffs, dtype=float)
        if isinstance(node, Chance):
            entries: list[_Entry] = []
            value = np.zeros(tree.n_players)
            for name, p, child in node.actions:
                sub, v = solve(child, (*path, name))
                entries += sub
                value = value + float(p) * v
            return entries, value
        solved = [solve(child, (*path, name)) for name, child in node.actions]
        optimal = _optimal(tree, node, [v for _, v in solved], slack)
        names = node.action_names
        entries = [(path, names[optimal[0]], tuple(names[k] for k in optimal))]
        for sub, _ in solved:
            entries += sub
        return entries, solved[optimal[0]][1]

    entries, value = solve(tree.root, ())
    return _record(tree, entries, value)


def all_pure_spe(tree: Tree, *, tol: float = 1e-9, limit: int = 10_000) -> tuple[SubgamePerfect, ...]:
    """Every pure subgame-perfect equilibrium of a tree, by exact enumeration.

    A pure profile of a finite perfect-information tree is subgame perfect exactly when, at every
    decision node, the chosen action is optimal for the mover given the continuation the profile
    itself induces (the one-shot deviation principle). The enumeration builds, for each subtree,
    the list of its subgame-perfect profiles with their values: a chance node combines one profile
    per child; a decision node combines one profile per child and then keeps each action optimal
    against that combination. Different choices in unreached subgames give different equilibria.

    Parameters
    ----------
    tree : Tree
    tol : float, default 1e-9
        Actions within ``tol * tree.payoff_scale()`` of the mover's best count as optimal.
    limit : int, default 10000
        The most equilibria to enumerate.

    Returns
    -------
    tuple of SubgamePerfect
        The first is the profile :func:`backward_induction` returns; the rest follow in the
        lexicographic order of the tie-breaks (earlier nodes in preorder vary slowest).

    Raises
    ------
    SolverError
        If the tree has more than ``limit`` pure subgame-perfect equilibria.
    InvalidArgumentError
        If ``tol <= 0`` or ``limit < 1``.

    Examples
    --------
    >>> from bargain.extensive import Decision, Terminal, Tree, all_pure_spe
    >>> offers = {f"Offer{k}": Decision(1, {"Accept": Terminal((2 - k, k)), "Reject": Terminal((0, 0))})
    ...           for k in range(3)}
    >>> [spe.path for spe in all_pure_spe(Tree(Decision(0, offers)))]
    [('Offer0', 'Accept'), ('Offer1', 'Accept')]
    """
    tree = _check_tree(tree)
    slack = check_positive("tol", tol) * tree.payoff_scale()
    if isinstance(limit, bool) or not isinstance(limit, int | np.integer):
        raise ArgumentTypeError(f"limit must be an integer; got {limit!r}")
    if limit < 1:
        raise InvalidArgumentError(f"limit must be >= 1; got {limit!r}")

    def too_many(count: int, path: Path) -> SolverError:
        return SolverError(
            f"the tree has more than limit={limit} pure subgame-perfect equilibria (at least {count} "
            f"in the subgame at node {_show(path)}); raise limit, or use backward_induction for one"
        )

    def combine(lists: list[list], path: Path) -> itertools.product:
        # Every combination of the children's equilibria extends to at least one equilibrium here,
        # so the count of combinations is a lower bound on the number of equilibria of the tree.
        count = math.prod(len(options) for options in lists)
        if count > limit:
            raise too_many(count, path)
        return itertools.product(*lists)

    def solve(node: Node, path: Path) -> list[tuple[tuple[_Entry, ...], np.ndarray]]:
        if isinstance(node, Terminal):
            return [((), np.array(node.payoffs, dtype=float))]
        lists = [solve(child, (*path, name)) for name, child in _children(node)]
        out = []
        if isinstance(node, Chance):
            weights = node.probabilities
            for combo in combine(lists, path):
                entries = tuple(e for sub, _ in combo for e in sub)
                out.append((entries, sum(p * v for p, (_, v) in zip(weights, combo))))
            return out
        names = node.action_names
        for combo in combine(lists, path):
            optimal = _optimal(tree, node, [v for _, v in combo], slack)
            tied = tuple(names[k] for k in optimal)
            below = tuple(e for sub, _ in combo for e in sub)
            for k in optimal:
                out.append((((path, names[k], tied), *below), combo[k][1]))
            if len(out) > limit:
                raise too_many(len(out), path)
        return out

    return tuple(_record(tree, entries, value) for entries, value in solve(tree.root, ()))


# -------------------------------------------------------------------------------- normal form
def _plans(tree: Tree, node: Node, path: Path, player: int) -> list[dict[Path, str]]:
    """The reduced strategies of ``player`` in the subtree at ``node``: an action at each of the
    player's nodes that the player's own choices leave reachable."""
    if isinstance(node, Terminal):
        return [{}]
    if isinstance(node, Decision) and tree.mover(node) == player:
        return [
            {path: name, **plan}
            for name, child in node.actions
            for plan in _plans(tree, child, (*path, name), player)
        ]
    lists = [_plans(tree, child, (*path, name), player) for name, child in _children(node)]
    return [functools.reduce(lambda a, b: {**a, **b}, combo, {}) for combo in itertools.product(*lists)]


def _count_plans(tree: Tree, node: Node, player: int) -> int:
    """How many reduced strategies :func:`_plans` would list, without listing them."""
    if isinstance(node, Terminal):
        return 1
    counts = [_count_plans(tree, child, player) for _, child in _children(node)]
    if isinstance(node, Decision) and tree.mover(node) == player:
        return sum(counts)
    return math.prod(counts)


def _name(plan: Mapping[Path, str], nodes: Sequence[Path]) -> str:
    if not nodes:
        return NO_MOVE
    return SEPARATOR.join(plan.get(path, IRRELEVANT) for path in nodes)


def to_normal_form(tree: Tree, *, reduced: bool = True) -> Game:
    """The normal (strategic) form of a tree, as a :class:`~bargain.game.Game`.

    A pure strategy of a player assigns an action to each of the player's decision nodes; it is
    named by joining those actions with ``"/"`` in preorder (``"Take/Pass"``). In the **reduced**
    form, strategies that differ only at nodes the strategy itself makes unreachable are one
    strategy, and those nodes show ``"*"`` (``"Take/*"``); strategies that are merely
    payoff-equivalent are not merged. A player without decision nodes has the single strategy
    ``"(no move)"``. Payoffs are expected payoffs over chance nodes.

    Parameters
    ----------
    tree : Tree
        Any number of players.
    reduced : bool, default True
        Build the reduced normal form (True) or the full one (False).

    Returns
    -------
    Game
        Players as in the tree; strategies in the lexicographic order of the actions, earlier nodes
        varying slowest.

    Raises
    ------
    SolverError
        If the normal form would have more than ``MAX_PROFILES`` pure profiles.

    Examples
    --------
    >>> from bargain.extensive import Decision, Terminal, Tree, to_normal_form
    >>> centipede = Tree(Decision(0, {
    ...     "Take": Terminal((1, 0)),
    ...     "Pass": Decision(1, {"Take": Terminal((0, 2)),
    ...                          "Pass": Decision(0, {"Take": Terminal((3, 1)),
    ...                                               "Pass": Terminal((2, 4))})})}))
    >>> print(to_normal_form(centipede))
    Game: P0 (rows) vs P1 (columns); cells are payoffs (P0, P1)
                 Take   Pass
    Take/*       1, 0   1, 0
    Pass/Take    0, 2   3, 1
    Pass/Pass    0, 2   2, 4
    >>> to_normal_form(centipede, reduced=False).strategies[0]
    ('Take/Take', 'Take/Pass', 'Pass/Take', 'Pass/Pass')
    """
    tree = _check_tree(tree)
    if not isinstance(reduced, bool):
        raise ArgumentTypeError(f"reduced must be True or False; got {reduced!r}")
    n = tree.n_players
    nodes = [tree.decision_nodes(i) for i in range(n)]
    # Count before building, so that an oversized request fails fast instead of exhausting memory.
    if reduced:
        shape = tuple(_count_plans(tree, tree.root, i) for i in range(n))
    else:
        shape = tuple(math.prod(len(tree.node(p).action_names) for p in own) for own in nodes)
    if math.prod(shape) > MAX_PROFILES:
        raise SolverError(
            f"the {'reduced ' if reduced else ''}normal form would have {math.prod(shape)} pure profiles "
            f"(shape {shape}), more than MAX_PROFILES={MAX_PROFILES}"
            + ("" if reduced else "; try reduced=True")
        )
    if reduced:
        plans = [_plans(tree, tree.root, (), i) for i in range(n)]
    else:
        plans = [
            [dict(zip(own, choice)) for choice in itertools.product(*(tree.node(p).action_names for p in own))]
            for own in nodes
        ]
    payoffs = np.zeros((n, *shape))

    # Each leaf contributes (chance probability) x (payoff) to every profile whose strategies all
    # choose the actions on the leaf's path: an outer product of per-player indicator vectors.
    def walk(node: Node, path: Path, prob: float, moves: tuple[tuple[int, Path, str], ...]) -> None:
        nonlocal payoffs
        if isinstance(node, Terminal):
            if prob == 0:
                return
            indicators = [
                np.array([all(plan.get(p) == a for who, p, a in moves if who == i) for plan in plans[i]], dtype=float)
                for i in range(n)
            ]
            weight = functools.reduce(np.multiply.outer, indicators) if n > 1 else indicators[0]
            payoffs += np.multiply.outer(prob * np.array(node.payoffs, dtype=float), weight)
        elif isinstance(node, Chance):
            for name, p, child in node.actions:
                walk(child, (*path, name), prob * float(p), moves)
        else:
            who = tree.mover(node)
            for name, child in node.actions:
                walk(child, (*path, name), prob, (*moves, (who, path, name)))

    walk(tree.root, (), 1.0, ())
    strategies = tuple(tuple(_name(plan, own) for plan in player_plans) for player_plans, own in zip(plans, nodes))
    return Game(payoffs, players=tree.players, strategies=strategies)


def normal_form_strategies(tree: Tree, strategy: Mapping, *, reduced: bool = True) -> tuple[str, ...]:
    """Each player's strategy name in :func:`to_normal_form` for a pure behaviour profile.

    Parameters
    ----------
    tree : Tree
    strategy : mapping of path to action name
        An action for every decision node (``SubgamePerfect.strategy`` is one); paths may be tuples
        or ``"/"``-joined strings. In the reduced form only the nodes left reachable by their
        mover's own choices are read.
    reduced : bool, default True
        Names in the reduced (True) or the full (False) normal form.

    Returns
    -------
    tuple of str
        One strategy name per player, a valid profile for ``to_normal_form(tree, reduced=reduced)``.

    Raises
    ------
    InvalidProfileError
        If an action needed is missing or is not an action of its node.

    Examples
    --------
    >>> from bargain.extensive import (Decision, Terminal, Tree, backward_induction,
    ...                                normal_form_strategies)
    >>> tree = Tree(Decision(0, {"Out": Terminal((0, 2)),
    ...                          "In": Decision(1, {"Fight": Terminal((-1, -1)),
    ...                                             "Accommodate": Terminal((1, 1))})}))
    >>> normal_form_strategies(tree, {(): "Out", ("In",): "Fight"})
    ('Out', 'Fight')
    >>> normal_form_strategies(tree, backward_induction(tree).strategy)
    ('In', 'Accommodate')
    """
    tree = _check_tree(tree)
    if not isinstance(strategy, Mapping):
        raise ArgumentTypeError(f"strategy must be a mapping from node paths to action names; got {strategy!r}")
    chosen = {_as_path(path): action for path, action in strategy.items()}

    def action_at(path: Path) -> str:
        node = tree.node(path)
        if path not in chosen:
            raise InvalidProfileError(f"strategy has no action for the decision node {_show(path)}")
        if chosen[path] not in node.action_names:
            raise InvalidProfileError(
                f"strategy at node {_show(path)} must be one of {list(node.action_names)!r}; got {chosen[path]!r}"
            )
        return chosen[path]

    names = []
    for i in range(tree.n_players):
        own = tree.decision_nodes(i)
        if not reduced:
            names.append(_name({p: action_at(p) for p in own}, own))
            continue
        plan: dict[Path, str] = {}

        def walk(node: Node, path: Path) -> None:
            if isinstance(node, Decision) and tree.mover(node) == i:
                plan[path] = action_at(path)
                walk(node.child(plan[path]), (*path, plan[path]))
                return
            for name, child in _children(node):
                walk(child, (*path, name))

        walk(tree.root, ())
        names.append(_name(plan, own))
    return tuple(names)
