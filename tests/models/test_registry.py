"""The model registry: the model protocol, parameter records, range validation and suggestions."""

import dataclasses
import importlib.util
import math
import sys
import types
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bargain import models
from bargain.errors import ArgumentTypeError, InvalidArgumentError
from bargain.models import Parameter, param, parameters, validate


def _load_toy():
    name = "bargain_tests_toy_model"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).resolve().parent / "toy_model.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


toy = _load_toy()


@pytest.fixture
def registered():
    """The toy model registered as 'toy' for one test."""
    models.register("toy", toy)
    try:
        yield toy
    finally:
        models.unregister("toy")


def _module(**names):
    module = types.ModuleType("fake")
    module.__dict__.update(dict(DESCRIPTION="One line.", SEED="000.txt", Model=toy.Model) | names)
    return module


BUILTIN = set(models._BUILTIN)


def test_the_case_models_are_built_in():
    assert "oblique" in models.names()
    assert set(models.names()) == BUILTIN
    for name in models.names():
        module = models.get(name)
        assert module.Model().stage_game().n_players >= 2
        assert callable(module.cell)


def test_register_get_and_names(registered):
    assert models.names() == tuple(sorted(BUILTIN | {"toy"}))
    assert models.get("toy") is toy
    models.register("another", _module())
    try:
        assert models.names() == tuple(sorted(BUILTIN | {"another", "toy"}))  # sorted
    finally:
        models.unregister("another")
    assert models.names() == tuple(sorted(BUILTIN | {"toy"}))


def test_unknown_model_suggests_closest(registered):
    with pytest.raises(InvalidArgumentError, match="did you mean 'toy'"):
        models.get("tooy")


def test_register_refuses_taken_name_unless_replace(registered):
    with pytest.raises(InvalidArgumentError, match="already registered"):
        models.register("toy", toy)
    models.register("toy", toy, replace=True)
    assert models.get("toy") is toy


@pytest.mark.parametrize("bad, match", [
    (dict(SEED=None), "SEED as one line"),
    (dict(DESCRIPTION="two\nlines"), "DESCRIPTION as one line"),
    (dict(Model=dataclasses.make_dataclass("M", [("x", float, param(0.5, lo=0, hi=1, meaning="m", source="s"))])),
     "frozen dataclass"),
    (dict(Model=int), "frozen dataclass"),
])
def test_register_refuses_modules_off_protocol(bad, match):
    with pytest.raises(ArgumentTypeError, match=match):
        models.register("bad", _module(**bad))
    assert "bad" not in models.names()


def test_register_refuses_a_model_without_stage_game_or_with_undocumented_field():
    @dataclasses.dataclass(frozen=True)
    class NoStage:
        x: float = param(0.5, lo=0, hi=1, meaning="m", source="s")

    @dataclasses.dataclass(frozen=True)
    class Undocumented:
        x: float = 0.5

        def stage_game(self):
            return None

    with pytest.raises(ArgumentTypeError, match="stage_game"):
        models.register("bad", _module(Model=NoStage))
    with pytest.raises(ArgumentTypeError, match="field 'x' .* must be declared with bargain.models.param"):
        models.register("bad", _module(Model=Undocumented))


def test_parameters_are_read_from_field_metadata():
    (record,) = parameters(toy.Model)
    assert record == Parameter("soft_power", 0.25, 0.0, 1.0, False, False,
                               "the office's leverage over the bureau", "invented for tests")
    assert record.range_text == "[0, 1]"
    assert parameters(toy.Model()) == (record,)  # an instance works as well as the class


def test_range_text_shows_open_and_unbounded_ends():
    @dataclasses.dataclass(frozen=True)
    class M:
        delta: float = param(0.9, lo=0, hi=1, lo_open=True, hi_open=True, meaning="discount", source="s")
        cost: float = param(1.0, lo=0, hi=math.inf, meaning="cost", source="s")
        rounds: int = param(3, lo=1, hi=10, meaning="rounds", source="s")

        def __post_init__(self):
            validate(self)

    delta, cost, rounds = parameters(M)
    assert (delta.range_text, cost.range_text, rounds.range_text) == ("(0, 1)", "[0, inf)", "[1, 10]")
    assert rounds.integer and not delta.integer
    with pytest.raises(InvalidArgumentError, match=r"^delta must be in \(0, 1\); got 1$"):
        M(delta=1)
    with pytest.raises(InvalidArgumentError, match=r"^cost must be in \[0, inf\); got -0.5$"):
        M(cost=-0.5)
    with pytest.raises(ArgumentTypeError, match="rounds must be an integer; got 2.5"):
        M(rounds=2.5)
    assert M(cost=1e300, rounds=10).cost == 1e300


def test_out_of_range_value_is_refused_with_the_range():
    with pytest.raises(InvalidArgumentError, match=r"^soft_power must be in \[0, 1\]; got 1.3$"):
        toy.Model(soft_power=1.3)
    with pytest.raises(ArgumentTypeError, match="soft_power must be a real number; got 'high'"):
        toy.Model(soft_power="high")
    with pytest.raises(InvalidArgumentError, match="soft_power must be finite"):
        toy.Model(soft_power=math.nan)


@given(st.floats(min_value=-3, max_value=4, allow_nan=False))
def test_a_value_is_accepted_exactly_when_it_lies_in_the_closed_range(value):
    if 0 <= value <= 1:
        assert toy.Model(soft_power=value).soft_power == value
    else:
        with pytest.raises(InvalidArgumentError):
            toy.Model(soft_power=value)


@pytest.mark.parametrize("kwargs, match", [
    (dict(default=2.0, lo=0, hi=1), r"default must be in \[0, 1\]; got 2.0"),
    (dict(default=0.5, lo=1, hi=0), "lo must be <= hi"),
    (dict(default=0.5, lo=0, hi=1, meaning=""), "meaning must be a non-empty string"),
])
def test_param_refuses_inconsistent_declarations(kwargs, match):
    kwargs = dict(meaning="m", source="s") | kwargs
    with pytest.raises((InvalidArgumentError, ArgumentTypeError), match=match):
        param(**kwargs)


def test_make_builds_with_defaults_and_overrides(registered):
    assert models.make("toy") == toy.Model(soft_power=0.25)
    assert models.make("toy", soft_power=0.75).soft_power == 0.75


def test_make_refuses_misspelled_parameter_with_suggestion(registered):
    with pytest.raises(InvalidArgumentError, match="model 'toy' has no parameter 'soft_powr'; did you mean 'soft_power'"):
        models.make("toy", soft_powr=0.5)
    with pytest.raises(InvalidArgumentError, match=r"no parameter 'zzz' \(parameters: soft_power\)"):
        models.make("toy", zzz=0.5)


def test_make_refuses_out_of_range_value(registered):
    with pytest.raises(InvalidArgumentError, match=r"soft_power must be in \[0, 1\]; got -0.1"):
        models.make("toy", soft_power=-0.1)


def test_toy_stage_game_has_the_hand_computed_equilibria(registered, profile_sets):
    # worked in toy_model's docstring: (Command, Comply) for s < 1/2; for s = 3/4 the bureau
    # commands with probability 1/(2s) = 2/3 and the office complies with probability 2/3
    from bargain.equilibria import equilibria

    profile_sets.assert_equal(equilibria(models.make("toy").stage_game()), [([1, 0], [1, 0])], atol=1e-9)
    profile_sets.assert_equal(equilibria(models.make("toy", soft_power=0.75).stage_game()),
                              [([2 / 3, 1 / 3], [2 / 3, 1 / 3])], atol=1e-9)
