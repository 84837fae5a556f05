"""The Game value: validation, names, value semantics, printing."""

import dataclasses

import numpy as np
import pytest

import bargain as bg
from bargain.errors import ArgumentTypeError, BargainError, InvalidGameError, InvalidProfileError


def test_bimatrix_stacks_row_and_column_payoffs():
    g = bg.Game.bimatrix([[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]])
    assert g.n_players == 2
    assert g.shape == (2, 3)
    assert g.payoffs.shape == (2, 2, 3)
    assert g.payoffs[0, 1, 2] == 6 and g.payoffs[1, 1, 2] == 12


def test_default_names():
    g = bg.Game(np.zeros((3, 2, 1, 4)))
    assert g.players == ("P0", "P1", "P2")
    assert g.strategies == (("s0", "s1"), ("s0",), ("s0", "s1", "s2", "s3"))


def test_payoffs_are_a_read_only_copy():
    source = np.array([[[1.0, 2.0]], [[3.0, 4.0]]])
    g = bg.Game(source)
    source[0, 0, 0] = 99.0
    assert g.payoffs[0, 0, 0] == 1.0
    with pytest.raises(ValueError):
        g.payoffs[0, 0, 0] = 5.0


def test_frozen():
    g = bg.Game.bimatrix([[1]], [[1]])
    with pytest.raises(dataclasses.FrozenInstanceError):
        g.players = ("a", "b")


def test_equality_and_hash_follow_content():
    a = bg.Game.bimatrix([[1, 2]], [[3, 4]], players=("R", "C"))
    b = bg.Game.bimatrix(np.array([[1.0, 2.0]]), [[3, 4]], players=("R", "C"))
    c = bg.Game.bimatrix([[1, 2]], [[3, 5]], players=("R", "C"))
    d = a.replace(players=("Row", "C"))
    assert a == b and hash(a) == hash(b)
    assert a != c and a != d
    assert len({a, b, c, d}) == 3
    assert a != "not a game"


def test_replace_validates():
    g = bg.Game.bimatrix([[1, 2]], [[3, 4]])
    with pytest.raises(InvalidGameError, match="players must have 2 names"):
        dataclasses.replace(g, players=("only one",))


def test_name_lookup():
    g = bg.Game.bimatrix([[1, 2]], [[3, 4]], players=("Bureau", "Office"),
                         strategies=(("Command",), ("Comply", "Voice")))
    assert g.player_index("Office") == 1
    assert g.strategy_index("Office", "Voice") == 1
    assert g.strategy_index(1, 0) == 0
    with pytest.raises(InvalidProfileError, match="must be one of \\['Comply', 'Voice'\\]; got 'Oppose'"):
        g.strategy_index("Office", "Oppose")
    with pytest.raises(InvalidProfileError, match="player must be an index in \\[0, 1\\]"):
        g.player_index(2)


def test_str_shows_names_and_payoffs():
    g = bg.Game.bimatrix([[3, 0]], [[2, 1.5]], players=("Bureau", "Office"),
                         strategies=(("Command",), ("Comply", "Oppose")))
    text = str(g)
    assert "Bureau (rows) vs Office (columns)" in text
    assert "Command" in text and "Comply" in text and "Oppose" in text
    assert "3, 2" in text and "0, 1.5" in text
    assert "Game(players=('Bureau', 'Office')" in repr(g)


def test_str_of_three_player_game_has_one_block_per_third_strategy():
    g = bg.Game(np.arange(24).reshape(3, 2, 2, 2), strategies=(("a", "b"), ("c", "d"), ("e", "f")))
    text = str(g)
    assert "[P2 plays e]" in text and "[P2 plays f]" in text


def test_one_player_game():
    g = bg.Game([[1.0, 3.0]])
    assert g.shape == (2,)
    assert "P0 alone" in str(g)


BAD_GAMES = [
    pytest.param(lambda: bg.Game([[[1, 2], [3]], [[1, 2], [3, 4]]]), "rectangular array", id="ragged"),
    pytest.param(lambda: bg.Game([[["a", "b"]], [["c", "d"]]]), "rectangular array of real numbers", id="non-numeric"),
    pytest.param(lambda: bg.Game.bimatrix([[1, np.nan]], [[1, 2]]), "finite real numbers; got nan at index \\(0, 0, 1\\)", id="nan"),
    pytest.param(lambda: bg.Game.bimatrix([[1, 2]], [[np.inf, 2]]), "finite", id="inf"),
    pytest.param(lambda: bg.Game(np.zeros((2, 2, 0))), "at least one strategy; player\\(s\\) \\[1\\]", id="empty-strategy-set"),
    pytest.param(lambda: bg.Game(np.zeros((3, 2, 2))), "3 players, so the array needs 4 axes; got 3", id="wrong-axes"),
    pytest.param(lambda: bg.Game(5.0), "n_players >= 1", id="scalar"),
    pytest.param(lambda: bg.Game.bimatrix([[1, 2]], [[1, 2, 3]]), "same shape", id="bimatrix-shapes"),
    pytest.param(lambda: bg.Game.bimatrix([1, 2], [1, 2]), "2-D matrices", id="bimatrix-1d"),
    pytest.param(lambda: bg.Game.bimatrix([[1]], [[1]], players=("A",)), "players must have 2 names; got 1", id="too-few-players"),
    pytest.param(lambda: bg.Game.bimatrix([[1]], [[1]], players=("A", "A")), "unique; got duplicate name\\(s\\) \\['A'\\]", id="duplicate-players"),
    pytest.param(lambda: bg.Game.bimatrix([[1, 2]], [[1, 2]], strategies=(("u",), ("l", "l"))), "duplicate name", id="duplicate-strategies"),
    pytest.param(lambda: bg.Game.bimatrix([[1, 2]], [[1, 2]], strategies=(("u",), ("l",))), "must have 2 names; got 1", id="wrong-strategy-count"),
    pytest.param(lambda: bg.Game.bimatrix([[1, 2]], [[1, 2]], strategies=(("u",),)), "names for 2 players; got 1", id="strategies-for-one-player"),
    pytest.param(lambda: bg.Game.bimatrix([[1]], [[1]], players=("A", "")), "non-empty strings", id="empty-name"),
    pytest.param(lambda: bg.Game.bimatrix([[1]], [[1]], players=("A", 3)), "non-empty strings; got 3", id="non-string-name"),
]


@pytest.mark.parametrize("make, message", BAD_GAMES)
def test_bad_games_raise_clear_errors(make, message):
    with pytest.raises(BargainError, match=message) as info:
        make()
    assert isinstance(info.value, ValueError | TypeError)


def test_names_given_as_a_string_are_refused():
    with pytest.raises(ArgumentTypeError, match="players must be a sequence"):
        bg.Game.bimatrix([[1]], [[1]], players="AB")


def test_complex_payoffs_are_refused():
    with pytest.raises(InvalidGameError, match="real"):
        bg.Game.bimatrix([[1 + 1j]], [[1]])
