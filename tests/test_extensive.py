"""Perfect-information game trees: backward induction, all pure subgame-perfect equilibria and the
(reduced) normal form."""

import itertools

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain.errors import ArgumentTypeError, InvalidArgumentError, InvalidGameError, InvalidProfileError, SolverError
from bargain.extensive import (
    Chance,
    Decision,
    Terminal,
    Tree,
    all_pure_spe,
    backward_induction,
    normal_form_strategies,
    to_normal_form,
)

#: Payoffs computed by hand with fractions like 0.3 differ from the exact value by rounding only.
PAYOFF_ATOL = 1e-12

#: Optimality slack used by the independent checks below, relative to the payoff range (as the solvers').
TIE_TOL = 1e-9


# ------------------------------------------------------------------------------------ known games
def ultimatum(pie: int) -> Tree:
    """Ultimatum game with whole-unit offers: the proposer offers k in {0, ..., pie}; the responder
    accepts (proposer pie - k, responder k) or rejects (0, 0)."""
    return Tree(
        Decision("Proposer", {
            f"Offer{k}": Decision("Responder", {"Accept": Terminal((pie - k, k)), "Reject": Terminal((0, 0))})
            for k in range(pie + 1)
        }),
        players=("Proposer", "Responder"),
    )


def entry_game() -> Tree:
    """One stage of Selten's chain store: the entrant stays out (0, 2) or enters; the incumbent then
    fights (-1, -1) or accommodates (1, 1)."""
    return Tree(
        Decision("Entrant", {
            "Out": Terminal((0, 2)),
            "In": Decision("Incumbent", {"Fight": Terminal((-1, -1)), "Accommodate": Terminal((1, 1))}),
        }),
        players=("Entrant", "Incumbent"),
    )


def centipede() -> Tree:
    """Four-legged centipede: taking at leg k ends the game; the taker always gets 1 more than if the
    other player took at the next leg, so each mover prefers to take."""
    return Tree(Decision("Ann", {
        "Take": Terminal((1, 0)),
        "Pass": Decision("Bob", {
            "Take": Terminal((0, 2)),
            "Pass": Decision("Ann", {
                "Take": Terminal((3, 1)),
                "Pass": Decision("Bob", {"Take": Terminal((2, 4)), "Pass": Terminal((5, 3))}),
            }),
        }),
    }), players=("Ann", "Bob"))


def audit_tree() -> Tree:
    """An office chooses Comply (2, 1) or Resist; after Resist the bureau audits with probability 0.3
    (then the office concedes (0, 3) or fights (-1, 1)) or not (office 4, bureau 0)."""
    return Tree(Decision("Office", {
        "Comply": Terminal((2, 1)),
        "Resist": Chance({
            "Audit": (0.3, Decision("Office", {"Concede": Terminal((0, 3)), "Fight": Terminal((-1, 1))})),
            "NoAudit": (0.7, Terminal((4, 0))),
        }),
    }), players=("Office", "Bureau"))


def test_ultimatum_discrete_offers_Osborne2004_sec6_1():
    # Osborne, An Introduction to Game Theory (2004), ultimatum game with indivisible units: two SPE,
    # (offer 0, accept every offer) and (offer 1, reject 0 and accept the rest).
    spe = backward_induction(ultimatum(4))
    assert spe.path == ("Offer0", "Accept")
    assert spe.payoffs.tolist() == [4.0, 0.0]
    assert dict(spe.ties) == {("Offer0",): ("Accept", "Reject")}
    assert all(spe.strategy[(f"Offer{k}",)] == "Accept" for k in range(5))
    every = all_pure_spe(ultimatum(4))
    assert [s.path for s in every] == [("Offer0", "Accept"), ("Offer1", "Accept")]
    assert every[0] == spe
    assert every[1].strategy[("Offer0",)] == "Reject"
    assert every[1].payoffs.tolist() == [3.0, 1.0]


def test_entry_deterrence_Selten1978():
    # Selten (1978), "The chain store paradox": the threat to fight is not credible.
    tree = entry_game()
    spe = backward_induction(tree)
    assert spe.path == ("In", "Accommodate") and spe.payoffs.tolist() == [1.0, 1.0]
    assert not spe.ties and len(all_pure_spe(tree)) == 1
    game = to_normal_form(tree)
    assert game.strategies == (("Out", "In"), ("Fight", "Accommodate"))
    nash = {tuple(name for (name,) in eq.support) for eq in bg.pure_equilibria(game)}
    assert nash == {("Out", "Fight"), ("In", "Accommodate")}  # (Out, Fight) is Nash, not subgame perfect
    assert normal_form_strategies(tree, spe.strategy) in nash


def test_centipede_Rosenthal1981():
    # Rosenthal (1981): backward induction takes at the first leg.
    spe = backward_induction(centipede())
    assert spe.path == ("Take",) and spe.payoffs.tolist() == [1.0, 0.0]
    assert set(spe.strategy.values()) == {"Take"} and len(spe.strategy) == 4
    reduced, full = to_normal_form(centipede()), to_normal_form(centipede(), reduced=False)
    assert reduced.strategies == (("Take/*", "Pass/Take", "Pass/Pass"), ("Take/*", "Pass/Take", "Pass/Pass"))
    assert full.shape == (4, 4)
    assert reduced.payoffs[:, 2, 2].tolist() == [5.0, 3.0]  # both always pass
    assert reduced.payoffs[:, 2, 1].tolist() == [2.0, 4.0]  # Bob takes at the last leg
    assert normal_form_strategies(centipede(), spe.strategy) == ("Take/*", "Take/*")


def test_chance_node_expected_payoffs_by_hand():
    # After Resist: 0.3 * (office's best after an audit, Concede (0, 3)) + 0.7 * (4, 0) = (2.8, 0.9),
    # which beats Comply's 2 for the office.
    spe = backward_induction(audit_tree())
    assert spe.strategy == {(): "Resist", ("Resist", "Audit"): "Concede"}
    np.testing.assert_allclose(spe.payoffs, [2.8, 0.9], atol=PAYOFF_ATOL)
    assert spe.path == ("Resist",)  # play stops at the chance node
    game = to_normal_form(audit_tree())
    assert game.strategies == (("Comply/*", "Resist/Concede", "Resist/Fight"), ("(no move)",))
    # Resist/Fight: 0.3 * (-1, 1) + 0.7 * (4, 0) = (2.5, 0.3)
    np.testing.assert_allclose(game.payoffs[:, :, 0].T, [[2, 1], [2.8, 0.9], [2.5, 0.3]], atol=PAYOFF_ATOL)


def test_three_players_and_string_paths():
    tree = Tree(Decision(0, {
        "a": Decision(1, {"c": Terminal((1, 1, 1)), "d": Decision(2, {"e": Terminal((0, 2, 0)),
                                                                     "f": Terminal((0, 0, 3))})}),
        "b": Terminal((2, 0, 0)),
    }))
    spe = backward_induction(tree)
    # Player 2 picks f; so player 1 gets 0 from d and picks c; player 0 gets 1 from a and picks b.
    assert spe.strategy == {(): "b", ("a",): "c", ("a", "d"): "f"}
    assert tree.node("a/d") == tree.node(("a", "d"))
    assert tree.decision_nodes(2) == (("a", "d"),)
    assert to_normal_form(tree).shape == (2, 2, 2)


def test_tree_outline_and_record_repr():
    text = str(audit_tree())
    assert text.splitlines() == [
        "Tree with players Office, Bureau; payoffs are (Office, Bureau)",
        "Office moves",
        "  Comply: payoffs (2, 1)",
        "  Resist: Chance",
        "    Audit (p=0.3): Office moves",
        "      Concede: payoffs (0, 3)",
        "      Fight: payoffs (-1, 1)",
        "    NoAudit (p=0.7): payoffs (4, 0)",
    ]
    assert "(tied: Accept, Reject)" in repr(backward_induction(ultimatum(1)))


def test_nodes_are_values():
    leaf = Terminal([1, 2])
    assert leaf == Terminal((1, 2)) and hash(leaf) == hash(Terminal((1.0, 2.0)))
    assert Decision(0, {"x": leaf}) == Decision(0, [("x", leaf)])
    with pytest.raises(Exception):
        leaf.payoffs = (0, 0)


# ------------------------------------------------------------------------------------ bad inputs
BAD_TREES = [
    pytest.param(lambda: Tree(Decision(0, {"Command": Chance({"Office": (0.5, Terminal((0, 0))),
                                                               "Bureau": (0.4, Terminal((1, 1)))})})),
                 InvalidGameError, r"node Command: probabilities sum to 0\.9; they must sum to 1", id="sum"),
    pytest.param(lambda: Tree(Chance({"x": (1.5, Terminal((0,))), "y": (-0.5, Terminal((0,)))})),
                 InvalidGameError, r"node \(root\): probability of 'x' must be in \[0, 1\]; got 1\.5", id="range"),
    pytest.param(lambda: Tree(Chance({"x": ("half", Terminal((0,)))})),
                 InvalidGameError, r"probability of 'x' must be a real number", id="prob-type"),
    pytest.param(lambda: Tree(Decision(0, {"a": Terminal((1, 2)), "b": Terminal((1,))})),
                 InvalidGameError, r"node b: payoffs must have one entry per player \(2\); got 1", id="length"),
    pytest.param(lambda: Tree(Decision(0, {"a": Terminal((1, float("nan")))})),
                 InvalidGameError, r"node a: payoffs must be finite; got nan", id="nan"),
    pytest.param(lambda: Tree(Decision(2, {"a": Terminal((1, 2))})),
                 InvalidGameError, r"node \(root\): player must be an index in \[0, 1\]", id="player-index"),
    pytest.param(lambda: Tree(Decision("Mayor", {"a": Terminal((1, 2))}), players=("Bureau", "Office")),
                 InvalidGameError, r"player must be one of \['Bureau', 'Office'\]; got 'Mayor'", id="player-name"),
    pytest.param(lambda: Tree(Decision(0, [("a", Terminal((1,))), ("a", Terminal((2,)))])),
                 InvalidGameError, r"action names must be unique; got duplicate\(s\) \['a'\]", id="duplicate"),
    pytest.param(lambda: Tree(Decision(0, {"a": Decision(0, {})}), players=("P",)),
                 InvalidGameError, r"node a: needs at least one action", id="empty"),
    pytest.param(lambda: Tree(Decision(0, {"a/b": Terminal((1,))})),
                 InvalidGameError, r"action names must be non-empty strings without '/'", id="slash"),
    pytest.param(lambda: Tree(Decision(0, {"a": "leaf"})),
                 ArgumentTypeError, r"node a: must be a Decision, Chance or Terminal; got str", id="not-a-node"),
    pytest.param(lambda: Tree(Terminal((1, 1)), players=("A", "A")),
                 InvalidGameError, r"players must be unique", id="players"),
    pytest.param(lambda: Decision(0, "ab"), ArgumentTypeError, r"Decision actions must be a mapping", id="actions"),
    pytest.param(lambda: Chance({"x": 0.5}), ArgumentTypeError, r"must map to a \(probability, child\) pair",
                 id="chance-entry"),
]


@pytest.mark.parametrize("make, error, match", BAD_TREES)
def test_bad_trees_are_refused(make, error, match):
    with pytest.raises(error, match=match):
        make()


def test_bad_arguments():
    with pytest.raises(InvalidArgumentError, match=r"tol must be > 0; got -1"):
        backward_induction(entry_game(), tol=-1)
    with pytest.raises(ArgumentTypeError, match=r"tree must be a bargain.extensive.Tree; got Game"):
        backward_induction(to_normal_form(entry_game()))
    with pytest.raises(InvalidArgumentError, match=r"limit must be >= 1; got 0"):
        all_pure_spe(entry_game(), limit=0)
    with pytest.raises(InvalidArgumentError, match=r"node \(root\) has actions \['Out', 'In'\]; got 'Stay'"):
        entry_game().node("Stay")
    with pytest.raises(InvalidProfileError, match=r"no action for the decision node In"):
        normal_form_strategies(entry_game(), {(): "In"})
    with pytest.raises(InvalidProfileError, match=r"must be one of \['Fight', 'Accommodate'\]; got 'Flee'"):
        normal_form_strategies(entry_game(), {"": "In", "In": "Flee"})


def test_all_pure_spe_limit():
    # Ten responders each indifferent between two actions: 2**10 equilibria.
    flat = Tree(Chance({f"r{k}": (0.1, Decision(0, {"x": Terminal((0,)), "y": Terminal((0,))})) for k in range(10)}))
    assert len(all_pure_spe(flat, limit=1024)) == 1024
    with pytest.raises(SolverError, match=r"more than limit=1000 pure subgame-perfect equilibria"):
        all_pure_spe(flat, limit=1000)


def test_normal_form_size_is_checked_before_building():
    # A one-player chain of 20 Stop/Go decisions: 2**20 full strategies but 21 reduced ones.
    node = Terminal((20,))
    for k in reversed(range(20)):
        node = Decision(0, {"Stop": Terminal((k,)), "Go": node})
    chain = Tree(node)
    reduced = to_normal_form(chain)
    assert reduced.shape == (21,) and reduced.strategies[0][-1] == "/".join(["Go"] * 20)
    assert reduced.payoffs[0].tolist() == list(range(21))
    with pytest.raises(SolverError, match=r"normal form would have 1048576 pure profiles .*try reduced=True"):
        to_normal_form(chain, reduced=False)


# --------------------------------------------------------------------------- properties (hypothesis)
PROBABILITIES = [(1.0,), (0.5, 0.5), (0.25, 0.75), (0.2, 0.3, 0.5)]


@st.composite
def trees(draw, max_depth=4):
    n_players = draw(st.integers(1, 3))

    def node(depth):
        kind = draw(st.sampled_from(["terminal"] if depth == max_depth else ["terminal", "decision", "decision", "chance"]))
        if kind == "terminal":
            return Terminal(tuple(draw(st.integers(-2, 2)) for _ in range(n_players)))
        if kind == "chance":
            probs = draw(st.sampled_from(PROBABILITIES))
            return Chance({f"n{k}": (p, node(depth + 1)) for k, p in enumerate(probs)})
        width = draw(st.integers(1, 3))
        return Decision(draw(st.integers(0, n_players - 1)), {f"a{k}": node(depth + 1) for k in range(width)})

    return Tree(node(0), players=tuple(f"P{i}" for i in range(n_players)))


def full_profiles(tree):
    """Number of pure profiles of the full normal form: one action at every decision node."""
    return int(np.prod([len(tree.node(p).action_names) for p in tree.decision_nodes()]))


#: Largest full normal form the properties build (keeps each example to milliseconds).
MAX_FULL_PROFILES = 2048


def values_under(tree, strategy, node, path=()):
    """Expected payoffs of the subgame at ``node`` when everyone follows ``strategy``."""
    if isinstance(node, Terminal):
        return np.array(node.payoffs, dtype=float)
    if isinstance(node, Chance):
        return sum(p * values_under(tree, strategy, child, (*path, name)) for name, p, child in node.actions)
    action = strategy[path]
    return values_under(tree, strategy, node.child(action), (*path, action))


def passes_one_shot_deviation(tree, strategy):
    """No mover gains by changing the action at one decision node and following ``strategy`` afterwards."""
    slack = TIE_TOL * tree.payoff_scale()
    for path in tree.decision_nodes():
        node = tree.node(path)
        mover = tree.mover(node)
        chosen = values_under(tree, strategy, node, path)[mover]
        for name, child in node.actions:
            if values_under(tree, strategy, child, (*path, name))[mover] > chosen + slack:
                return False
    return True


@settings(max_examples=120, deadline=None)
@given(trees())
def test_backward_induction_is_nash_in_the_normal_form(tree):
    assume(full_profiles(tree) <= MAX_FULL_PROFILES)
    spe = backward_induction(tree)
    full = to_normal_form(tree, reduced=False)
    profile = normal_form_strategies(tree, spe.strategy, reduced=False)
    assert bg.is_equilibrium(full, profile)
    cell = tuple(full.strategy_index(i, s) for i, s in enumerate(profile))
    np.testing.assert_allclose(full.payoffs[(slice(None), *cell)], spe.payoffs, atol=PAYOFF_ATOL)
    reduced = to_normal_form(tree)
    cell = tuple(reduced.strategy_index(i, s) for i, s in enumerate(normal_form_strategies(tree, spe.strategy)))
    np.testing.assert_allclose(reduced.payoffs[(slice(None), *cell)], spe.payoffs, atol=PAYOFF_ATOL)


@settings(max_examples=80, deadline=None)
@given(trees())
def test_all_pure_spe_are_exactly_the_profiles_without_one_shot_deviations(tree):
    assume(full_profiles(tree) <= MAX_FULL_PROFILES)
    found = all_pure_spe(tree)
    assert found[0] == backward_induction(tree)
    assert len({tuple(s.strategy.items()) for s in found}) == len(found)
    full = to_normal_form(tree, reduced=False)
    for spe in found:
        profile = normal_form_strategies(tree, spe.strategy, reduced=False)
        assert bg.is_equilibrium(full, profile)
        cell = tuple(full.strategy_index(i, s) for i, s in enumerate(profile))
        np.testing.assert_allclose(full.payoffs[(slice(None), *cell)], spe.payoffs, atol=PAYOFF_ATOL)
    # Brute force over every pure behaviour profile, when there are few enough.
    nodes = tree.decision_nodes()
    choices = [tree.node(p).action_names for p in nodes]
    if np.prod([len(c) for c in choices]) <= 500:
        every = [dict(zip(nodes, pick)) for pick in itertools.product(*choices)]
        subgame_perfect = {tuple(s.items()) for s in every if passes_one_shot_deviation(tree, s)}
        assert subgame_perfect == {tuple(s.strategy.items()) for s in found}


@settings(max_examples=80, deadline=None)
@given(trees())
def test_reduced_and_full_normal_forms_have_the_same_pure_equilibrium_payoffs(tree):
    assume(full_profiles(tree) <= MAX_FULL_PROFILES)
    # Every full strategy has a reduced one with the same payoffs against everything, and conversely.
    def nash_payoffs(game):
        return {tuple(np.round(eq.payoffs, 9)) for eq in bg.pure_equilibria(game)}

    reduced, full = to_normal_form(tree), to_normal_form(tree, reduced=False)
    assert all(r <= f for r, f in zip(reduced.shape, full.shape))
    assert nash_payoffs(reduced) == nash_payoffs(full)
