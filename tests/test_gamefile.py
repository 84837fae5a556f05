"""Game files: our JSON format and Gambit's .nfg, read and written, cross-checked with pygambit."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from bargain.errors import ArgumentTypeError, InvalidArgumentError, InvalidGameError
from bargain.game import Game
from bargain.gamefile import read_game, write_game

THREE_PLAYERS = Game(np.arange(3 * 2 * 3 * 2, dtype=float).reshape(3, 2, 3, 2) / 4 - 2,
                     players=("Bureau", "Office", "District"),
                     strategies=(("Command", "Compromise"), ("Comply", "Voice", "Oppose"), ("Back", "Stay out")))
PENNIES = Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], players=("Row", "Column"),
                        strategies=(("Heads", "Tails"), ("Heads", "Tails")))
ONE_PLAYER = Game([[0.1, 1 / 3, -7.25]], players=("Alone",), strategies=(("a", "b", "c"),))


@pytest.mark.parametrize("suffix", [".json", ".nfg"])
@pytest.mark.parametrize("game", [PENNIES, THREE_PLAYERS, ONE_PLAYER], ids=["pennies", "3-player", "1-player"])
def test_write_then_read_gives_an_equal_game(tmp_path, game, suffix):
    path = tmp_path / f"g{suffix}"
    write_game(game, path)
    assert read_game(path) == game


@settings(max_examples=40, deadline=None)
@given(hnp.arrays(float, st.tuples(st.just(2), st.integers(1, 3), st.integers(1, 3)),
                  elements=st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False, allow_subnormal=False)))
def test_any_finite_payoffs_survive_both_formats_exactly(tmp_path_factory, payoffs):
    game = Game(payoffs)
    directory = tmp_path_factory.mktemp("rt")
    for suffix in (".json", ".nfg"):
        write_game(game, directory / f"g{suffix}")
        assert read_game(directory / f"g{suffix}") == game


def test_json_file_layout(tmp_path):
    write_game(PENNIES, tmp_path / "p.json")
    document = json.loads((tmp_path / "p.json").read_text())
    assert document == {"format": "bargain-game", "version": 1, "players": ["Row", "Column"],
                         "strategies": [["Heads", "Tails"], ["Heads", "Tails"]],
                         "payoffs": [[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]]}


def test_reads_gambit_payoff_layout_with_strategy_counts(tmp_path):
    # the payoff-format example of the Gambit manual ("Game representation formats"): the first
    # player's strategy varies fastest, each profile lists both players' payoffs
    path = tmp_path / "selten.nfg"
    path.write_text('NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"\n'
                    '{ "Player 1" "Player 2" } { 3 2 }\n\n1 1 0 2 0 2 1 1 0 3 2 0\n')
    game = read_game(path)
    assert game.players == ("Player 1", "Player 2")
    assert game.strategies == (("s0", "s1", "s2"), ("s0", "s1"))
    np.testing.assert_array_equal(game.payoffs[0], [[1, 1], [0, 0], [0, 2]])
    np.testing.assert_array_equal(game.payoffs[1], [[1, 1], [2, 3], [2, 0]])


def test_reads_gambit_outcome_layout_fractions_and_null_outcome(tmp_path):
    path = tmp_path / "o.nfg"
    path.write_text('NFG 1 D "outcomes" { "A" "B" }\n{ { "x" "y" } { "l" "r" "n" } }\n"a comment"\n'
                    '{\n{ "win" 1/2, -1 }\n{ "lose" -0.5 1 }\n}\n1 2 2 1 0 0\n')
    game = read_game(path)
    assert game.strategies == (("x", "y"), ("l", "r", "n"))
    np.testing.assert_array_equal(game.payoffs[0], [[0.5, -0.5, 0], [-0.5, 0.5, 0]])
    np.testing.assert_array_equal(game.payoffs[1], [[-1, 1, 0], [1, -1, 0]])


def test_names_with_quotes_survive_nfg(tmp_path):
    game = PENNIES.replace(players=('Say "no"', "back\\slash"))
    write_game(game, tmp_path / "q.nfg")
    assert read_game(tmp_path / "q.nfg") == game


def test_writes_replace_the_file_whole_and_leave_no_temporary(tmp_path):
    path = tmp_path / "g.nfg"
    write_game(THREE_PLAYERS, path)
    write_game(PENNIES, path)
    assert read_game(path) == PENNIES
    assert [p.name for p in tmp_path.iterdir()] == ["g.nfg"]


# ----------------------------------------------------------------------------- pygambit cross-checks
def test_pygambit_reads_our_nfg(tmp_path):
    gambit = pytest.importorskip("pygambit")
    path = tmp_path / "ours.nfg"
    write_game(THREE_PLAYERS, path, title="three")
    theirs = gambit.read_nfg(str(path))
    assert [p.label for p in theirs.players] == list(THREE_PLAYERS.players)
    assert [[s.label for s in p.strategies] for p in theirs.players] == [list(s) for s in THREE_PLAYERS.strategies]
    arrays = [np.array(a, dtype=float) for a in theirs.to_arrays()]
    np.testing.assert_array_equal(np.stack(arrays), THREE_PLAYERS.payoffs)


def test_we_read_pygambit_nfg(tmp_path):
    gambit = pytest.importorskip("pygambit")
    payoffs = THREE_PLAYERS.payoffs
    theirs = gambit.Game.from_arrays(*payoffs, title="from gambit")
    for player, name, strategies in zip(theirs.players, THREE_PLAYERS.players, THREE_PLAYERS.strategies):
        player.label = name
        for strategy, label in zip(player.strategies, strategies):
            strategy.label = label
    path = tmp_path / "theirs.nfg"
    path.write_text(theirs.to_nfg())  # Gambit writes the outcome layout
    assert read_game(path) == THREE_PLAYERS


# ----------------------------------------------------------------------------- bad input
MALFORMED_NFG = [
    ('EFG 2 R "x" { "a" } { 1 }\n1\n', r"line 1, column 1: .*starts with 'NFG'; got 'EFG'"),
    ('NFG 2 R "x" { "a" } { 1 }\n1\n', r"line 1, column 5: only NFG format version 1"),
    ('NFG 1 Q "x" { "a" } { 1 }\n1\n', r"line 1, column 7: expected 'R' or 'D'"),
    ('NFG 1 R "x { "a" } { 1 }\n1\n', r"line 1, column 16: a string is not closed"),
    ('NFG 1 R "x" { "a" "b" }\n{ 2 2 }\n1 2 3 4 5 6 7\n', r"line 4, column 1: the file ends early; expected payoff 8 of 8"),
    ('NFG 1 R "x" { "a" "b" }\n{ 1 1 }\n1 2 3\n', r"line 3, column 5: unexpected '3' after the last payoff"),
    ('NFG 1 R "x" { "a" "b" }\n{ 1 1 }\n1 two\n', r"line 3, column 3: expected payoff 2 of 2 \(a number\); got 'two'"),
    ('NFG 1 R "x" { "a" "b" }\n{ 1 1 }\n1 @\n', r"line 3, column 3: unexpected character '@'"),
    ('NFG 1 R "x" { "a" "b" }\n{ 0 1 }\n', r"line 2, column 3: expected the number of strategies of player 1"),
    ('NFG 1 R "x" { "a" "b" }\n{ { "u" "u" } { "l" } }\n1 2 3 4\n', r"strategies of player 'a' must be unique"),
    ('NFG 1 R "x" { "a" "b" }\n{ 1 1 }\n{ { "" 1 2 } }\n3\n', r"line 4, column 1: expected an outcome number between 0 and 1; got '3'"),
    ('NFG 1 R "x" { }\n', r"at least one player"),
    ('', r"line 1, column 1: the file ends early; expected 'NFG'"),
]


@pytest.mark.parametrize("text, match", MALFORMED_NFG)
def test_malformed_nfg_names_line_column_and_reason(tmp_path, text, match):
    path = tmp_path / "bad.nfg"
    path.write_text(text)
    with pytest.raises(InvalidGameError, match=match) as info:
        read_game(path)
    assert str(info.value).startswith(str(path) + ": ")


MALFORMED_JSON = [
    ('{"format": "bargain-game",\n "version": 1,\n "payoffs": [1, }', r"line 3, column 17: not valid JSON"),
    ('[1, 2]', r"must hold a JSON object; got list"),
    ('{"format": "gambit", "version": 1, "payoffs": [[1]]}', r"\"format\" must be 'bargain-game'; got 'gambit'"),
    ('{"format": "bargain-game", "version": 2, "payoffs": [[1]]}', r"\"version\" must be 1 .*got 2"),
    ('{"format": "bargain-game", "version": 1}', r"missing key \"payoffs\""),
    ('{"format": "bargain-game", "version": 1, "payofs": [[1]]}', r"unknown key\(s\) \['payofs'\]"),
    ('{"format": "bargain-game", "version": 1, "payoffs": [[[1, 2], [3]], [[1, 2], [3, 4]]]}', r"rectangular"),
    ('{"format": "bargain-game", "version": 1, "payoffs": [[true, false]]}', r"must hold numbers only"),
    ('{"format": "bargain-game", "version": 1, "players": ["a", "b"], "payoffs": [[1, 2]]}', r"players must have 1 names"),
]


@pytest.mark.parametrize("text, match", MALFORMED_JSON)
def test_malformed_json_names_the_reason(tmp_path, text, match):
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(InvalidGameError, match=match) as info:
        read_game(path)
    assert str(info.value).startswith(str(path) + ": ")


def test_unreadable_file_names_the_path(tmp_path):
    missing = tmp_path / "nowhere.nfg"
    with pytest.raises(InvalidArgumentError, match=r"could not read '.*nowhere\.nfg': No such file"):
        read_game(missing)
    folder = tmp_path / "folder.json"
    folder.mkdir()
    with pytest.raises(InvalidArgumentError, match=r"could not read '.*folder\.json'"):
        read_game(folder)


def test_bad_paths_and_arguments(tmp_path):
    with pytest.raises(InvalidArgumentError, match=r"path must end in \.json or \.nfg; got '.*g\.txt'"):
        read_game(tmp_path / "g.txt")
    with pytest.raises(InvalidArgumentError, match="directory of path must exist"):
        write_game(PENNIES, tmp_path / "missing" / "g.nfg")
    assert not (tmp_path / "missing").exists()
    with pytest.raises(ArgumentTypeError, match="game must be a bargain Game"):
        write_game([[1]], tmp_path / "g.nfg")
    with pytest.raises(ArgumentTypeError, match="path must be a path"):
        read_game(3)
