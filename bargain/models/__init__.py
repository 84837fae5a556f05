"""The registry of case models and the protocol every model follows.

A **model** is a module that exposes these names:

``Model``
    A frozen :func:`dataclasses.dataclass` whose fields are the model's parameters, each declared
    with :func:`param` (default, allowed range, meaning in the case, seed sentence it comes from).
    Its ``__post_init__`` calls :func:`validate`, so a value outside its range is refused when the
    model is built. ``Model().stage_game()`` returns the model's stage game, a :class:`bargain.Game`.
``DESCRIPTION``
    One line saying what the model is about.
``SEED``
    The name of the seed file (the case description) the model formalises, e.g. ``"001_….txt"``.
``cell``
    A module-level function ``cell(**params) -> dict``: one point of a parameter sweep. It builds
    ``Model(**params)`` (so it accepts every parameter as a keyword, and the others keep their
    defaults) and returns a flat mapping of output name to scalar (a number, a string or ``None``)
    with the model's headline results at that point, the same names at every point.
    ``bargain sweep MODEL --grid k=lo:hi:n`` maps it over a grid with :func:`bargain.sweep`. A
    stochastic model's ``cell`` also takes ``seed=`` (an integer), which the sweep derives from its
    own seed and the point's grid index. Being a module-level function, it can be sent to a process
    pool or a Dask cluster.

The command line and sweeps use only this protocol: :func:`names` lists the models, :func:`get`
returns a model's module, :func:`parameters` lists a model's parameters, :func:`make` builds a
model from keyword parameters, refusing unknown names with the closest valid name suggested, and
:func:`sweep_cell` returns a model's ``cell`` after checking that it can be swept.

The five case models (``approval``, ``committee``, ``coordination``, ``leverage``, ``oblique``) are
built in and imported on first use; further models are added with :func:`register` (by tests, or by
extensions that bring their own models).

Examples
--------
>>> import dataclasses
>>> from bargain.models import param, validate, parameters
>>> @dataclasses.dataclass(frozen=True)
... class Model:
...     soft_power: float = param(0.5, lo=0, hi=1, meaning="the office's evaluation power",
...                               source="seed 001: 'sub-district whistles, departments report'")
...     def __post_init__(self):
...         validate(self)
>>> def cell(**params):
...     model = Model(**params)
...     return {"complies": model.soft_power >= 0.5}
>>> parameters(Model)[0].range_text
'[0, 1]'
>>> Model(soft_power=1.3)
Traceback (most recent call last):
    ...
bargain.errors.InvalidArgumentError: soft_power must be in [0, 1]; got 1.3
>>> cell(soft_power=0.75)
{'complies': True}
"""

from __future__ import annotations

import dataclasses
import difflib
import importlib
import inspect
import math
import numbers
import types
from dataclasses import dataclass

from .._validation import check_choice, check_real
from ..errors import ArgumentTypeError, InvalidArgumentError

__all__ = ["Parameter", "get", "make", "names", "param", "parameters", "register", "sweep_cell", "unregister",
           "validate"]

#: The key under which :func:`param` stores a :class:`Parameter`'s facts in a field's metadata.
METADATA_KEY = "bargain.parameter"

#: The case models shipped with the package: registry name -> module path, imported on first use.
_BUILTIN: dict[str, str] = {
    "approval": "bargain.models.approval",
    "committee": "bargain.models.committee",
    "coordination": "bargain.models.coordination",
    "leverage": "bargain.models.leverage",
    "oblique": "bargain.models.oblique",
}

#: Models added with :func:`register`.
_REGISTERED: dict[str, types.ModuleType] = {}


@dataclass(frozen=True)
class Parameter:
    """One documented parameter of a model.

    Attributes
    ----------
    name : str
        The field name, used as the keyword argument (``soft_power``).
    default : float or int
        The calibrated default.
    lo, hi : float
        The ends of the allowed range (``-inf`` / ``inf`` for no bound).
    lo_open, hi_open : bool
        Whether the corresponding end is excluded.
    meaning : str
        What the parameter stands for in the case, with its unit.
    source : str
        The seed sentence (or the calibration argument) it comes from.
    """

    name: str
    default: float | int
    lo: float
    hi: float
    lo_open: bool
    hi_open: bool
    meaning: str
    source: str

    @property
    def range_text(self) -> str:
        """The allowed range in interval notation, e.g. ``"[0, 1]"`` or ``"(0, 1)"``."""
        left = "(" if self.lo_open or math.isinf(self.lo) else "["
        right = ")" if self.hi_open or math.isinf(self.hi) else "]"
        return f"{left}{_number(self.lo)}, {_number(self.hi)}{right}"

    @property
    def integer(self) -> bool:
        """Whether the parameter takes integer values (its default is an ``int``)."""
        return isinstance(self.default, numbers.Integral) and not isinstance(self.default, bool)

    def contains(self, value: float) -> bool:
        """Whether ``value`` lies in the allowed range."""
        above = value > self.lo if self.lo_open else value >= self.lo
        below = value < self.hi if self.hi_open else value <= self.hi
        return above and below

    def check(self, value: object) -> float | int:
        """Return ``value`` (as an ``int`` for an integer parameter) if it is allowed; otherwise raise naming it.

        Raises
        ------
        bargain.errors.ArgumentTypeError
            If ``value`` is not a real number (or not an integer for an integer parameter).
        bargain.errors.InvalidArgumentError
            If ``value`` is outside the allowed range.
        """
        number = check_real(self.name, value)
        if self.integer and not float(number).is_integer():
            raise ArgumentTypeError(f"{self.name} must be an integer; got {value!r}")
        if not self.contains(number):
            raise InvalidArgumentError(f"{self.name} must be in {self.range_text}; got {value!r}")
        if self.integer:
            return int(number)  # a whole float (6.0) or a numpy integer becomes a Python int
        return value


def param(default, *, lo, hi, meaning: str, source: str, lo_open: bool = False, hi_open: bool = False):
    """Declare a model parameter: a :func:`dataclasses.field` carrying its documentation and range.

    Parameters
    ----------
    default : float or int
        The calibrated default; it must lie in the range. An ``int`` default makes the parameter
        integer-valued.
    lo, hi : float
        The ends of the allowed range; ``-math.inf`` / ``math.inf`` for no bound.
    meaning : str
        What the parameter stands for in the case (with its unit).
    source : str
        The seed sentence or calibration argument it comes from.
    lo_open, hi_open : bool, default False
        Exclude the lower / upper end.

    Returns
    -------
    dataclasses.Field
        Use it as the field's default: ``delta: float = param(0.9, lo=0, hi=1, ...)``.

    Raises
    ------
    bargain.errors.InvalidArgumentError
        If ``lo > hi`` or the default is outside the range.

    Examples
    --------
    >>> from bargain.models import param
    >>> param(2.0, lo=0, hi=1, meaning="m", source="s")
    Traceback (most recent call last):
        ...
    bargain.errors.InvalidArgumentError: default must be in [0, 1]; got 2.0
    """
    lo = check_real("lo", lo) if not (isinstance(lo, float) and math.isinf(lo)) else lo
    hi = check_real("hi", hi) if not (isinstance(hi, float) and math.isinf(hi)) else hi
    if not lo <= hi:
        raise InvalidArgumentError(f"lo must be <= hi; got lo={lo!r}, hi={hi!r}")
    for name, text in (("meaning", meaning), ("source", source)):
        if not isinstance(text, str) or not text.strip():
            raise ArgumentTypeError(f"{name} must be a non-empty string; got {text!r}")
    facts = {"lo": float(lo), "hi": float(hi), "lo_open": bool(lo_open), "hi_open": bool(hi_open),
             "meaning": meaning, "source": source}
    Parameter("default", default, **facts).check(default)
    return dataclasses.field(default=default, metadata={METADATA_KEY: facts})


def parameters(model) -> tuple[Parameter, ...]:
    """The documented parameters of a model class (or instance), in field order.

    Parameters
    ----------
    model : type or object
        A dataclass whose fields were declared with :func:`param`.

    Returns
    -------
    tuple of Parameter

    Raises
    ------
    bargain.errors.ArgumentTypeError
        If ``model`` is not a dataclass, or one of its fields was not declared with :func:`param`.
    """
    if not dataclasses.is_dataclass(model):
        raise ArgumentTypeError(f"model must be a dataclass declared with param() fields; got {model!r}")
    out = []
    for field in dataclasses.fields(model):
        facts = field.metadata.get(METADATA_KEY)
        if facts is None:
            raise ArgumentTypeError(
                f"field {field.name!r} of {_class_name(model)} must be declared with bargain.models.param()"
            )
        out.append(Parameter(field.name, field.default, **facts))
    return tuple(out)


def validate(model) -> None:
    """Check every parameter of a model instance against its range; call it from ``__post_init__``.

    Raises
    ------
    bargain.errors.ArgumentTypeError
        If a value is not a real number (or not an integer for an integer parameter).
    bargain.errors.InvalidArgumentError
        If a value is outside its range: ``"soft_power must be in [0, 1]; got 1.3"``.

    An integer parameter given as a whole float (``6.0``) or a numpy integer is stored as a Python
    ``int``.
    """
    for parameter in parameters(model):
        value = getattr(model, parameter.name)
        checked = parameter.check(value)
        if parameter.integer and (type(value) is not int):
            # frozen dataclasses: store the integer itself, so that 6.0 works wherever 6 does
            object.__setattr__(model, parameter.name, checked)


def names() -> tuple[str, ...]:
    """The names of the registered models, sorted (empty until case models are added).

    Examples
    --------
    >>> from bargain import models
    >>> isinstance(models.names(), tuple)
    True
    """
    return tuple(sorted({*_BUILTIN, *_REGISTERED}))


def get(name: str) -> types.ModuleType:
    """The module of the model called ``name``.

    Raises
    ------
    bargain.errors.InvalidArgumentError
        If no model has that name (the closest name is suggested).
    """
    known = names()
    if not known:
        raise InvalidArgumentError(f"model must be a registered model; got {name!r} (no models registered yet)")
    check_choice("model", name, known)
    if name in _REGISTERED:
        return _REGISTERED[name]
    module = importlib.import_module(_BUILTIN[name])
    _check_protocol(name, module)
    return module


def register(name: str, module, *, replace: bool = False) -> None:
    """Add a model to the registry under ``name``.

    Parameters
    ----------
    name : str
        The registry name (lower case, words joined by ``-`` or ``_``).
    module : module or object
        Anything exposing ``Model``, ``DESCRIPTION`` and ``SEED`` (and, to be swept, ``cell``) as
        described in this module's docstring.
    replace : bool, default False
        Allow replacing a model registered under the same name.

    Raises
    ------
    bargain.errors.ArgumentTypeError
        If ``module`` does not follow the protocol.
    bargain.errors.InvalidArgumentError
        If ``name`` is empty or already taken (and ``replace`` is false).
    """
    if not isinstance(name, str) or not name or name != name.strip() or " " in name:
        raise InvalidArgumentError(f"name must be a non-empty string without spaces; got {name!r}")
    if not replace and (name in _REGISTERED or name in _BUILTIN):
        raise InvalidArgumentError(f"name must not be taken; a model {name!r} is already registered")
    _check_protocol(name, module)
    _REGISTERED[name] = module


def unregister(name: str) -> None:
    """Remove a model added with :func:`register`.

    Raises
    ------
    bargain.errors.InvalidArgumentError
        If no model was registered under ``name``.
    """
    check_choice("name", name, sorted(_REGISTERED))
    del _REGISTERED[name]


def make(name: str, **params):
    """Build the model called ``name`` with the given parameters (the rest keep their defaults).

    Raises
    ------
    bargain.errors.InvalidArgumentError
        If the model is unknown, a parameter name is unknown (the closest valid name is suggested)
        or a value is outside its range.
    bargain.errors.ArgumentTypeError
        If a value is not a number.
    """
    module = get(name)
    known = [p.name for p in parameters(module.Model)]
    for key in params:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f" (parameters: {', '.join(known)})"
            raise InvalidArgumentError(f"model {name!r} has no parameter {key!r}{hint}")
    return module.Model(**params)


def sweep_cell(name: str, *, seed: bool = False):
    """The ``cell`` function of the model called ``name``, checked so that it can be swept.

    Parameters
    ----------
    name : str
        A registered model.
    seed : bool, default False
        Whether the sweep will pass ``seed=``; then ``cell`` must accept it.

    Returns
    -------
    callable
        ``cell(**params) -> dict``, the module-level function of the model's module.

    Raises
    ------
    bargain.errors.InvalidArgumentError
        If the model is unknown, has no ``cell`` function, or, when a seed is asked for, takes no
        ``seed`` or has a parameter of that name (which fixes its randomness already).
    bargain.errors.ArgumentTypeError
        If its ``cell`` is not callable or does not accept every parameter as a keyword.
    """
    module = get(name)
    cell = getattr(module, "cell", None)
    if cell is None:
        raise InvalidArgumentError(
            f"model {name!r} cannot be swept: it has no module-level cell(**params) function"
        )
    _check_cell(name, module, cell)
    if seed and "seed" in {p.name for p in parameters(module.Model)}:
        raise InvalidArgumentError(
            f"model {name!r} has a parameter named seed; fix it as a parameter (--set seed=S) instead of "
            "asking the sweep for per-point seeds"
        )
    if seed and not _accepts(cell, "seed", by_name=True):
        raise InvalidArgumentError(
            f"model {name!r} is deterministic (its cell() takes no seed); a seed applies only to stochastic models"
        )
    return cell


def _accepts(function, keyword: str, *, by_name: bool = False) -> bool:
    """Whether ``function`` can be called with ``keyword=`` (True if its signature is unknown). With
    ``by_name``, ``**kwargs`` is not enough: the keyword must be named (``cell(**params)`` passes its
    keywords on to ``Model``, which takes no seed)."""
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return True
    for parameter in signature.parameters.values():
        if parameter.kind is inspect.Parameter.VAR_KEYWORD and not by_name:
            return True
        if parameter.name == keyword and parameter.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                                             inspect.Parameter.KEYWORD_ONLY):
            return True
    return False


def _check_cell(name: str, module, cell) -> None:
    if not callable(cell):
        raise ArgumentTypeError(f"model {name!r} must expose cell as a function cell(**params); got {cell!r}")
    refused = [p.name for p in parameters(module.Model) if not _accepts(cell, p.name)]
    if refused:
        raise ArgumentTypeError(
            f"model {name!r}: cell() must accept every parameter as a keyword; it does not take {', '.join(refused)}"
        )


def _check_protocol(name: str, module) -> None:
    model = getattr(module, "Model", None)
    if not (isinstance(model, type) and dataclasses.is_dataclass(model)
            and model.__dataclass_params__.frozen):
        raise ArgumentTypeError(f"model {name!r} must expose Model, a frozen dataclass; got {model!r}")
    if not callable(getattr(model, "stage_game", None)):
        raise ArgumentTypeError(f"model {name!r} must have a stage_game() method")
    for attribute in ("DESCRIPTION", "SEED"):
        value = getattr(module, attribute, None)
        if not isinstance(value, str) or not value.strip() or "\n" in value:
            raise ArgumentTypeError(f"model {name!r} must expose {attribute} as one line of text; got {value!r}")
    parameters(model)
    cell = getattr(module, "cell", None)
    if cell is not None:  # needed to sweep the model; sweep_cell() refuses a model without one
        _check_cell(name, module, cell)


def _class_name(model) -> str:
    cls = model if isinstance(model, type) else type(model)
    return cls.__qualname__


def _number(value: float) -> str:
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return f"{value:g}"
