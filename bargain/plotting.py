"""Figures from sweep tables: a categorical regime map and line plots, written as reproducible PNGs.

Each function takes a tidy :class:`pandas.DataFrame` such as :func:`bargain.sweep.sweep` returns
(one row per grid point, parameter columns first, then outputs) and returns a
:class:`matplotlib.figure.Figure`. The figures are drawn on the non-interactive Agg canvas without
:mod:`matplotlib.pyplot`, so no window opens and no global figure state is kept.

With ``path=`` the figure is also written as a PNG at :data:`DPI` dots per inch, with no software
version or date in its metadata, through a temporary file in the same directory and
:func:`os.replace`: the same frame gives the same bytes (on one installation of matplotlib and its
fonts), and a reader never sees a half-written file.

Colours come from the Okabe–Ito palette (:data:`PALETTE`), chosen to stay distinct under the
common forms of colour-vision deficiency; a category keeps its colour from figure to figure when the
same ``order`` is given.

matplotlib is an optional dependency (``pip install "bargain[plot]"``); it is imported only when a
figure is drawn.

Examples
--------
>>> import pandas as pd
>>> from bargain.plotting import regime_map
>>> df = pd.DataFrame({
...     "delta": [0.2, 0.2, 0.8, 0.8],
...     "cost": [1.0, 2.0, 1.0, 2.0],
...     "regime": ["resist", "resist", "negotiate", "resist"],
... })
>>> fig = regime_map(df, "delta", "cost", "regime")
>>> ax = fig.axes[0]
>>> ax.get_xlabel(), ax.get_ylabel()
('delta', 'cost')
>>> [text.get_text() for text in ax.get_legend().get_texts()]
['negotiate', 'resist']
"""

from __future__ import annotations

import difflib
import io
import numbers
import os
from collections.abc import Hashable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import ArgumentTypeError, InvalidArgumentError
from .results import atomic_write

__all__ = ["DPI", "PALETTE", "line_plot", "regime_map"]

#: Okabe & Ito (2008), "Color Universal Design": eight colours told apart under protanopia,
#: deuteranopia and tritanopia. Categories and lines take them in this order.
PALETTE = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#000000",  # black
)

#: Resolution of the PNG files written, in dots per inch.
DPI = 150

#: Line styles that tell apart lines beyond the eighth colour.
_LINESTYLES = ("-", "--", ":", "-.")

#: Above this many values on an axis of the regime map, only about this many are labelled.
_MAX_TICKS = 12

#: Combinations named in the message about an incomplete grid.
_MAX_SHOWN = 5

_FIGSIZE = (6.4, 4.8)


def regime_map(df, x, y, regime, *, order=None, path=None, title=None):
    """Draw which regime holds at each point of a two-parameter grid, as a categorical heatmap.

    The cells are laid out on the sorted distinct values of ``x`` (columns, left to right) and ``y``
    (rows, bottom to top), one cell per value whatever the spacing, each labelled with its value.
    Every cell takes the colour of its regime, and a legend titled with the ``regime`` column names
    each colour.

    Parameters
    ----------
    df : pandas.DataFrame
        A tidy table with exactly one row for every combination of the values of ``x`` and ``y``.
    x, y : str
        The two parameter columns, on the horizontal and the vertical axis.
    regime : str
        The column holding each point's category (a label such as ``"resist"``, a count, ...).
    order : sequence, optional
        The categories in legend order; colour ``i`` of :data:`PALETTE` goes to ``order[i]``. It
        must contain every value of the ``regime`` column and may list more (they keep their place
        and colour, so several maps can share one key). By default the distinct values, sorted.
    path : str or os.PathLike, optional
        Where to write the figure as a PNG; it must end in ``.png`` and its directory must exist.
    title : str, optional
        The axes title.

    Returns
    -------
    matplotlib.figure.Figure
        The figure; ``fig.axes[0].images[0].get_array()[j, i]`` is the index in ``order`` of the
        regime at the ``i``-th value of ``x`` and the ``j``-th value of ``y``.

    Raises
    ------
    bargain.errors.ArgumentTypeError
        If ``df`` is not a DataFrame or ``title`` is not a string.
    bargain.errors.InvalidArgumentError
        If the frame is empty, a column is unknown (the closest name is suggested), two of ``x``,
        ``y`` and ``regime`` are the same column, a cell of them is missing, a combination of ``x``
        and ``y`` has no row or several rows, ``order`` repeats or lacks a category, there are more
        categories than colours in :data:`PALETTE`, or ``path`` is unusable.
    ImportError
        If matplotlib is not installed.

    Examples
    --------
    >>> import pandas as pd
    >>> from bargain.plotting import regime_map
    >>> df = pd.DataFrame({"a": [0, 0, 1, 1], "b": [0, 1, 0, 1], "n_eq": [1, 1, 3, 1]})
    >>> fig = regime_map(df, "a", "b", "n_eq", order=[1, 3])
    >>> fig.axes[0].images[0].get_array().tolist()
    [[0, 1], [0, 0]]
    """
    _check_frame(df)
    for column in (x, y, regime):
        _check_column(df, column)
    if len({x, y, regime}) < 3:
        raise InvalidArgumentError(
            f"x, y and regime must be three different columns; got x={x!r}, y={y!r}, regime={regime!r}"
        )
    for column in (x, y, regime):
        _check_no_missing(df, column)
    _check_title(title)
    target = _check_path(path)

    xs = _sorted_values(df[x])
    ys = _sorted_values(df[y])
    keys = pd.MultiIndex.from_arrays([df[x], df[y]])
    repeated = keys[keys.duplicated()].unique()
    if len(repeated):
        shown = ", ".join(_point(x, y, a, b) for a, b in list(repeated)[:_MAX_SHOWN])
        raise InvalidArgumentError(
            f"each combination of {x!r} and {y!r} must have one row; {len(repeated)} have several, "
            f"e.g. {shown} (filter the other parameters first)"
        )
    missing = pd.MultiIndex.from_product([xs, ys]).difference(keys, sort=False)
    if len(missing):
        shown = ", ".join(_point(x, y, a, b) for a, b in list(missing)[:_MAX_SHOWN])
        raise InvalidArgumentError(
            f"the grid over {x!r} x {y!r} is incomplete: {len(missing)} of {len(xs) * len(ys)} "
            f"combinations have no row, e.g. {shown}"
        )

    categories = _check_order(order, df[regime], regime)
    if len(categories) > len(PALETTE):
        raise InvalidArgumentError(
            f"regime map can tell apart at most {len(PALETTE)} categories; {regime!r} has "
            f"{len(categories)}"
        )

    codes = np.empty((len(ys), len(xs)), dtype=np.intp)
    column_of = pd.Index(xs).get_indexer(df[x])
    row_of = pd.Index(ys).get_indexer(df[y])
    codes[row_of, column_of] = pd.Index(categories).get_indexer(df[regime])

    mpl = _matplotlib()
    fig, ax = _figure(mpl)
    colours = mpl.colors.ListedColormap(PALETTE[: len(categories)], name="bargain_regimes")
    ax.imshow(
        codes,
        cmap=colours,
        vmin=-0.5,
        vmax=len(categories) - 0.5,
        origin="lower",
        aspect="auto",
        interpolation="nearest",
    )
    _categorical_ticks(ax.xaxis, xs)
    _categorical_ticks(ax.yaxis, ys)
    ax.set_xlabel(str(x))
    ax.set_ylabel(str(y))
    handles = [
        mpl.patches.Patch(facecolor=PALETTE[i], edgecolor="0.3", label=_label(category))
        for i, category in enumerate(categories)
    ]
    ax.legend(handles=handles, title=str(regime), loc="upper left", bbox_to_anchor=(1.02, 1.0),
              borderaxespad=0.0, frameon=False)
    if title is not None:
        ax.set_title(title)
    _save(fig, target)
    return fig


def line_plot(df, x, y, *, by=None, path=None, title=None):
    """Plot a numeric column against another, one line per value of a third.

    Within each line the rows are drawn in increasing order of ``x``, with a marker at every row.
    The lines take the colours of :data:`PALETTE` in the sorted order of the ``by`` values (after
    the eighth, colours repeat with another dash pattern), and a legend titled with ``by`` names
    each line.

    Parameters
    ----------
    df : pandas.DataFrame
        A tidy table with at most one row per value of ``x`` within each value of ``by``.
    x, y : str
        The numeric columns on the horizontal and the vertical axis. Missing values of ``y`` leave
        gaps in the line.
    by : str, optional
        The column whose values tell the lines apart. Without it the frame is one line, and no
        legend is drawn.
    path : str or os.PathLike, optional
        Where to write the figure as a PNG; it must end in ``.png`` and its directory must exist.
    title : str, optional
        The axes title.

    Returns
    -------
    matplotlib.figure.Figure
        The figure; ``fig.axes[0].lines`` holds the lines in legend order.

    Raises
    ------
    bargain.errors.ArgumentTypeError
        If ``df`` is not a DataFrame or ``title`` is not a string.
    bargain.errors.InvalidArgumentError
        If the frame is empty, a column is unknown (the closest name is suggested), ``x`` or ``y``
        is not numeric, ``x`` or ``by`` has missing cells, a line has two rows with the same ``x``,
        or ``path`` is unusable.
    ImportError
        If matplotlib is not installed.

    Examples
    --------
    >>> import pandas as pd
    >>> from bargain.plotting import line_plot
    >>> df = pd.DataFrame({
    ...     "delta": [0.5, 0.9, 0.5, 0.9],
    ...     "cost": [1, 1, 2, 2],
    ...     "share": [0.67, 0.53, 0.60, 0.45],
    ... })
    >>> fig = line_plot(df, "delta", "share", by="cost")
    >>> [text.get_text() for text in fig.axes[0].get_legend().get_texts()]
    ['1', '2']
    >>> fig.axes[0].lines[1].get_ydata().tolist()
    [0.6, 0.45]
    """
    _check_frame(df)
    columns = (x, y) if by is None else (x, y, by)
    for column in columns:
        _check_column(df, column)
    if len(set(columns)) < len(columns):
        names = "x, y and by" if by is not None else "x and y"
        raise InvalidArgumentError(f"{names} must be different columns; got x={x!r}, y={y!r}, by={by!r}")
    for column in (x, y):
        if not pd.api.types.is_numeric_dtype(df[column]) or pd.api.types.is_bool_dtype(df[column]):
            raise InvalidArgumentError(
                f"column {column!r} must be numeric to be plotted on an axis; got dtype {df[column].dtype}"
            )
    _check_no_missing(df, x)
    if by is not None:
        _check_no_missing(df, by)
    _check_title(title)
    target = _check_path(path)

    if by is None:
        groups = [(None, df)]
    else:
        groups = [(value, df[df[by] == value]) for value in _sorted_values(df[by])]
    for value, group in groups:
        repeated = group[x][group[x].duplicated()].unique()
        if len(repeated):
            where = "" if by is None else f" for {by}={_label(value)}"
            raise InvalidArgumentError(
                f"a line must have one row per value of {x!r}; {x}={_label(repeated[0])} has several "
                f"rows{where} (pass by= or filter the other parameters first)"
            )

    mpl = _matplotlib()
    fig, ax = _figure(mpl)
    for i, (value, group) in enumerate(groups):
        group = group.sort_values(x, kind="stable")
        ax.plot(
            group[x].to_numpy(dtype=float),
            group[y].to_numpy(dtype=float),
            color=PALETTE[i % len(PALETTE)],
            linestyle=_LINESTYLES[(i // len(PALETTE)) % len(_LINESTYLES)],
            marker="o",
            markersize=3,
            label=None if by is None else _label(value),
        )
    ax.set_xlabel(str(x))
    ax.set_ylabel(str(y))
    if by is not None:
        ax.legend(title=str(by), loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0,
                  frameon=False)
    if title is not None:
        ax.set_title(title)
    _save(fig, target)
    return fig


def _matplotlib():
    """Import the parts of matplotlib used here, or say how to install it."""
    try:
        import matplotlib.backends.backend_agg
        import matplotlib.colors
        import matplotlib.figure
        import matplotlib.patches
        import matplotlib.ticker
    except ImportError as err:
        raise ImportError(
            'bargain.plotting needs matplotlib; install it with pip install "bargain[plot]"'
        ) from err
    return matplotlib


def _figure(mpl):
    fig = mpl.figure.Figure(figsize=_FIGSIZE, layout="constrained")
    mpl.backends.backend_agg.FigureCanvasAgg(fig)
    return fig, fig.add_subplot()


def _save(fig, target: Path | None) -> None:
    """Write ``fig`` as a PNG without version or date metadata, atomically."""
    if target is None:
        return
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None}, dpi=DPI)
    atomic_write(target, buffer.getvalue())


def _check_frame(df) -> None:
    if not isinstance(df, pd.DataFrame):
        raise ArgumentTypeError(f"df must be a pandas DataFrame; got {type(df).__name__}")
    if df.empty:
        raise InvalidArgumentError(f"df must have at least one row; got an empty frame with shape {df.shape}")


def _check_column(df: pd.DataFrame, column) -> None:
    if isinstance(column, Hashable) and column in df.columns:
        return
    hint = ""
    if isinstance(column, str):
        close = difflib.get_close_matches(column, [str(c) for c in df.columns], n=1)
        if close:
            hint = f"; did you mean {close[0]!r}?"
    columns = ", ".join(repr(c) for c in df.columns)
    raise InvalidArgumentError(f"no column {column!r} in df (columns: {columns}){hint}")


def _check_no_missing(df: pd.DataFrame, column) -> None:
    count = int(df[column].isna().sum())
    if count:
        raise InvalidArgumentError(f"column {column!r} must have no missing values; got {count} of {len(df)}")


def _check_title(title) -> None:
    if title is not None and not isinstance(title, str):
        raise ArgumentTypeError(f"title must be a string; got {title!r}")


def _check_path(path) -> Path | None:
    if path is None:
        return None
    if not isinstance(path, str | os.PathLike):
        raise ArgumentTypeError(f"path must be a path; got {path!r}")
    target = Path(path)
    if target.suffix.lower() != ".png":
        raise InvalidArgumentError(f"path must end in .png; got {str(path)!r}")
    if not target.parent.is_dir():
        raise InvalidArgumentError(
            f"the directory of path must exist; got {str(path)!r} (no directory {str(target.parent)!r})"
        )
    return target


def _check_order(order, values: pd.Series, regime) -> list:
    present = _sorted_values(values)
    if order is None:
        return present
    if isinstance(order, str) or not isinstance(order, Sequence | np.ndarray | pd.Index):
        raise ArgumentTypeError(f"order must be a sequence of categories; got {order!r}")
    order = list(order)
    if len(pd.unique(pd.Series(order, dtype=object))) < len(order):
        raise InvalidArgumentError(f"order must not repeat a category; got {order!r}")
    absent = [value for value in present if value not in order]
    if absent:
        raise InvalidArgumentError(
            f"order must list every value of column {regime!r}; missing {', '.join(map(repr, absent))}"
        )
    return order


def _sorted_values(values: pd.Series) -> list:
    """The distinct values, sorted (by their text when they cannot be compared)."""
    unique = list(pd.unique(values))
    try:
        return sorted(unique)
    except TypeError:
        return sorted(unique, key=str)


def _label(value) -> str:
    """A short label: ``0.3`` rather than ``0.30000000000000004``, ``2`` rather than ``np.int64(2)``."""
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return f"{float(value):.6g}"
    return str(value)


def _point(x, y, a, b) -> str:
    return f"({x}={_label(a)}, {y}={_label(b)})"


def _categorical_ticks(axis, values: list) -> None:
    """Label cell ``i`` with ``values[i]``; on long axes label about :data:`_MAX_TICKS` of them."""
    positions = np.arange(len(values))
    if len(values) > _MAX_TICKS:
        positions = np.unique(np.linspace(0, len(values) - 1, _MAX_TICKS // 2 + 1).round().astype(int))
    axis.set_ticks(positions, labels=[_label(values[i]) for i in positions])
