"""Tests of bargain.dynamics.leader_learning: Bayesian learning of a follower's type."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargain.dynamics import leader_learning
from bargain.errors import ArgumentTypeError, InvalidArgumentError

TOL = 1e-12


def test_two_types_worked_by_hand():
    # Prior 0.9 on "soft" (accepts the order). The order is refused, so after round 1 the belief is
    # 0.9 * tremble / (0.9 * tremble + 0.1) on soft; with tremble 1e-3 that is 0.0009 / 0.1009.
    path = leader_learning([[2, 1], [-1, 1]], [[0, 0], [1, 0]], [0.9, 0.1], 1, rounds=3, tremble=1e-3)
    assert path.actions.tolist() == [0, 1, 1]
    assert path.responses.tolist() == [1, 0, 0]
    assert path.beliefs[1][0] == pytest.approx(0.0009 / 0.1009, abs=TOL)
    # Round 1's expected payoff is 0.9 * 2 + 0.1 * (-1) = 1.7; the realised one is -1.
    assert path.expected[0] == pytest.approx(1.7, abs=TOL)
    assert path.realised.tolist() == [-1.0, 1.0, 1.0]
    assert path.settled_at == 1
    # Concede is accepted by both types: nothing more is learned after round 2.
    assert np.allclose(path.beliefs[2], path.beliefs[3], atol=TOL)


def test_a_leader_facing_the_type_it_expects_learns_nothing_new():
    path = leader_learning([[2, 1], [-1, 1]], [[0, 0], [1, 0]], [0.9, 0.1], 0, rounds=5)
    assert path.actions.tolist() == [0] * 5
    assert path.beliefs[-1][0] > 0.9  # only confirmed


def test_self_confirming_but_wrong_about_unplayed_actions():
    # Both types accept action 0; they differ only on action 1, which the leader never tries
    # because it believes (wrongly, for type 1) that action 1 would be refused.
    U = [[1.0, 0.0], [1.0, 3.0]]
    R = [[0, 1], [0, 0]]
    path = leader_learning(U, R, [0.9, 0.1], 1, rounds=10)
    assert set(path.actions.tolist()) == {0}
    assert np.allclose(path.beliefs[-1], [0.9, 0.1], atol=TOL)


@settings(max_examples=60, deadline=None)
@given(
    K=st.integers(1, 5), m=st.integers(1, 4), seed=st.integers(0, 2**32 - 1),
    rounds=st.integers(1, 12), tremble=st.floats(1e-6, 0.5),
)
def test_bayes_rule_and_optimality_on_random_problems(K, m, seed, rounds, tremble):
    rng = np.random.default_rng(seed)
    U = rng.integers(-3, 4, size=(K, m)).astype(float)
    R = rng.integers(0, 3, size=(K, m))
    prior = rng.random(K) + 0.01
    true = int(rng.integers(K))
    path = leader_learning(U, R, prior, true, rounds=rounds, tremble=tremble, response_names=("x", "y", "z"))
    pi = prior / prior.sum()
    assert np.allclose(path.beliefs[0], pi, atol=TOL)
    for t in range(rounds):
        belief = path.beliefs[t]
        values = belief @ U
        # The action is a best reply to the belief held at the time.
        assert values[path.actions[t]] >= values.max() - 1e-9
        # The response is the true type's.
        assert path.responses[t] == R[true, path.actions[t]]
        # Bayes' rule: the odds of two types change by the ratio of their likelihoods.
        like = np.where(R[:, path.actions[t]] == path.responses[t], 1.0, tremble)
        expected = belief * like / (belief @ like)
        assert np.allclose(path.beliefs[t + 1], expected, rtol=1e-9, atol=1e-300)
        assert path.beliefs[t + 1][true] > 0


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"leader_payoffs": [1, 2]}, InvalidArgumentError, "leader_payoffs must be a finite 2-D"),
        ({"responses": [[0.0, 1.0], [0.0, 0.0]]}, InvalidArgumentError, "responses must be an integer array"),
        ({"responses": [[0, 5], [0, 0]], "response_names": ("a", "b")}, InvalidArgumentError, r"indices in \[0, 1\]"),
        ({"prior": [0, 0]}, InvalidArgumentError, "prior must be 2 nonnegative"),
        ({"prior": [1, -1]}, InvalidArgumentError, "prior must be 2 nonnegative"),
        ({"true_type": 2}, InvalidArgumentError, r"true_type must be a type index in \[0, 1\]; got 2"),
        ({"rounds": 0}, InvalidArgumentError, "rounds must be an integer >= 1"),
        ({"rounds": 1.5}, ArgumentTypeError, "rounds must be an integer"),
        ({"tremble": 0}, InvalidArgumentError, r"tremble must be in \(0, 1\); got 0"),
        ({"type_names": ("a",)}, InvalidArgumentError, "type_names must have 2 names; got 1"),
    ],
)
def test_bad_inputs(kwargs, error, match):
    args = {"leader_payoffs": [[2, 1], [-1, 1]], "responses": [[0, 0], [1, 0]], "prior": [0.9, 0.1],
            "true_type": 1, "rounds": 3}
    args.update(kwargs)
    with pytest.raises(error, match=match):
        leader_learning(args.pop("leader_payoffs"), args.pop("responses"), args.pop("prior"), args.pop("true_type"),
                        **args)
