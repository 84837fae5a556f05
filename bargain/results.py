"""Result tables written so that a regenerated table is byte-identical on any machine.

:func:`write_table` writes one :class:`pandas.DataFrame` four ways, next to each other:

* ``<stem>.csv`` — the table itself, comma separated, ``\\n`` line ends, no index;
* ``<stem>.md`` — a GitHub Markdown table (numeric columns right-aligned);
* ``<stem>.tex`` — a LaTeX ``tabular`` with ``booktabs`` rules (``\\usepackage{booktabs}``);
* ``<stem>.json`` — a sidecar with the metadata given (parameters, grid, seed, ...), the column names
  and dtypes, and the versions of Python, numpy, scipy, pandas, nashpy and bargain.

Floats are printed at a fixed number of decimals (``-0.000000`` is written ``0.000000``); missing
values (``None``, ``NaN``) are written as empty cells. Nothing depends on the time, the machine or
the working directory: no timestamps and no absolute paths are written, so the same frame gives the
same bytes. Package versions go in the sidecar only, never in the tables. Every file is written
atomically (a temporary file in the same directory, then :func:`os.replace`), and all four are
rendered before the first is written, so a bad input leaves nothing half-written.

Examples
--------
>>> import tempfile, pathlib
>>> import pandas as pd
>>> from bargain.results import read_table, write_table
>>> df = pd.DataFrame({"delta": [0.5, 0.9], "share": [2 / 3, 1 / 1.9]})
>>> with tempfile.TemporaryDirectory() as tmp:
...     paths = write_table(df, pathlib.Path(tmp) / "shares", precision=4)
...     print(paths[0].read_text(), end="")
...     print(paths[1].read_text(), end="")
...     back = read_table(paths[0])
delta,share
0.5000,0.6667
0.9000,0.5263
|  delta |  share |
|-------:|-------:|
| 0.5000 | 0.6667 |
| 0.9000 | 0.5263 |
>>> back["share"].tolist()
[0.6667, 0.5263]
"""

from __future__ import annotations

import csv
import io
import json
import math
import numbers
import os
import platform
import re
import tempfile
from collections.abc import Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import ArgumentTypeError, InvalidArgumentError

__all__ = ["read_table", "write_table"]

#: The suffixes of the files written by :func:`write_table`, in the order they are returned.
SUFFIXES = (".csv", ".md", ".tex", ".json")

#: Packages whose versions the sidecar records (``python`` is the interpreter).
VERSIONED = ("numpy", "scipy", "pandas", "nashpy", "bargain")

_NEGATIVE_ZERO = re.compile(r"-0\.?0*")
_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def write_table(df, path_stem, *, precision: int = 6, metadata=None) -> tuple[Path, Path, Path, Path]:
    """Write a table as CSV, Markdown and LaTeX at fixed precision, plus a JSON sidecar.

    Parameters
    ----------
    df : pandas.DataFrame
        The table; its index is not written. Column names are written as ``str(name)``.
    path_stem : str or os.PathLike
        The path without a suffix, e.g. ``"experiments/results/e01_regimes"``; the files are
        ``<stem>.csv``, ``<stem>.md``, ``<stem>.tex`` and ``<stem>.json``. Its directory must exist.
    precision : int, default 6
        Decimals printed for every float, between 0 and 17.
    metadata : mapping, optional
        JSON-serialisable facts about the run (parameters, grid, seed, ...), stored under
        ``"metadata"`` in the sidecar in the order given. Put no timestamps or absolute paths in it
        if the sidecar is to be reproducible.

    Returns
    -------
    tuple of pathlib.Path
        The paths written: CSV, Markdown, LaTeX, JSON.

    Raises
    ------
    bargain.errors.ArgumentTypeError
        If ``df`` is not a DataFrame, ``precision`` is not an integer or ``metadata`` is not a
        mapping with string keys.
    bargain.errors.InvalidArgumentError
        If ``precision`` is out of range, the directory does not exist, the stem is empty or ends in
        one of the suffixes written, ``metadata`` is not JSON-serialisable, or the frame has
        duplicate column names.
    """
    if not isinstance(df, pd.DataFrame):
        raise ArgumentTypeError(f"df must be a pandas DataFrame; got {type(df).__name__}")
    if isinstance(precision, bool) or not isinstance(precision, numbers.Integral):
        raise ArgumentTypeError(f"precision must be an integer; got {precision!r}")
    if not 0 <= precision <= 17:
        raise InvalidArgumentError(f"precision must be between 0 and 17; got {precision!r}")
    stem = _check_stem(path_stem)
    metadata = {} if metadata is None else metadata
    if not isinstance(metadata, Mapping) or not all(isinstance(key, str) for key in metadata):
        raise ArgumentTypeError(f"metadata must be a mapping with string keys; got {metadata!r}")
    columns = [str(name) for name in df.columns]
    if len(set(columns)) != len(columns):
        duplicated = sorted({name for name in columns if columns.count(name) > 1})
        raise InvalidArgumentError(f"df must have distinct column names; got duplicates {duplicated}")

    numeric = [pd.api.types.is_numeric_dtype(df[name]) and not pd.api.types.is_bool_dtype(df[name])
               for name in df.columns]
    cells = [[_format_cell(value, precision) for value in row]
             for row in df.itertuples(index=False, name=None)]
    sidecar = {
        "metadata": dict(metadata),
        "columns": [{"name": name, "dtype": str(dtype)} for name, dtype in zip(columns, df.dtypes)],
        "n_rows": len(df),
        "precision": int(precision),
        "versions": package_versions(),
    }
    try:
        sidecar_text = json.dumps(sidecar, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    except (TypeError, ValueError) as err:
        raise InvalidArgumentError(f"metadata must be JSON-serialisable; {err}") from err

    texts = [_csv(columns, cells), _markdown(columns, cells, numeric), _latex(columns, cells, numeric),
             sidecar_text]
    paths = tuple(stem.with_name(stem.name + suffix) for suffix in SUFFIXES)
    for path, text in zip(paths, texts):
        atomic_write(path, text.encode("utf-8"))
    return paths


def read_table(path) -> pd.DataFrame:
    """Read a table written by :func:`write_table`.

    Parameters
    ----------
    path : str or os.PathLike
        The ``.csv`` file, or the stem it was written with.

    Returns
    -------
    pandas.DataFrame
        The table; empty cells read as ``NaN``. Floats are read back at the precision written.

    Raises
    ------
    bargain.errors.InvalidArgumentError
        If there is no such file.
    """
    path = Path(path)
    if path.suffix != ".csv":
        path = path.with_name(path.name + ".csv")
    if not path.is_file():
        raise InvalidArgumentError(f"path must name a results table; no file {str(path)!r}")
    return pd.read_csv(path)


def package_versions() -> dict[str, str | None]:
    """The versions recorded in a sidecar: Python and each of :data:`VERSIONED` (``None`` if absent)."""
    out: dict[str, str | None] = {"python": platform.python_version()}
    for name in VERSIONED:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    return out


def atomic_write(path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory and :func:`os.replace`.

    A reader sees either the old file or the new one, never a partial write. The file gets mode
    ``0o644``.
    """
    path = Path(path)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise


def _check_stem(path_stem) -> Path:
    if not isinstance(path_stem, str | os.PathLike):
        raise ArgumentTypeError(f"path_stem must be a path; got {path_stem!r}")
    stem = Path(path_stem)
    if not stem.name or stem.name in (".", ".."):
        raise InvalidArgumentError(f"path_stem must end in a file name; got {str(path_stem)!r}")
    if stem.suffix in SUFFIXES:
        raise InvalidArgumentError(
            f"path_stem must not include a suffix ({', '.join(SUFFIXES)} are added); got {str(path_stem)!r}"
        )
    if not stem.parent.is_dir():
        raise InvalidArgumentError(
            f"the directory of path_stem must exist; got {str(path_stem)!r} (no directory {str(stem.parent)!r})"
        )
    return stem


def _format_cell(value, precision: int) -> str:
    """The text of one cell: fixed-precision floats, plain integers and booleans, empty if missing."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool | np.bool_):
        return "True" if value else "False"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        value = float(value)
        if math.isnan(value):
            return ""
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        text = f"{value:.{precision}f}"
        return text[1:] if _NEGATIVE_ZERO.fullmatch(text) else text
    return str(value)


def _csv(columns: list[str], cells: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(cells)
    return buffer.getvalue()


def _markdown(columns: list[str], cells: list[list[str]], numeric: list[bool]) -> str:
    def clean(text: str) -> str:
        return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")

    header = [clean(name) for name in columns]
    body = [[clean(cell) for cell in row] for row in cells]
    widths = [max([3, len(name)] + [len(row[j]) for row in body]) for j, name in enumerate(header)]

    def line(items) -> str:
        padded = [item.rjust(w) if right else item.ljust(w) for item, w, right in zip(items, widths, numeric)]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join("-" * (w + 1) + ":" if right else "-" * (w + 2)
                          for w, right in zip(widths, numeric)) + "|"
    return "\n".join([line(header), rule] + [line(row) for row in body]) + "\n"


def _latex(columns: list[str], cells: list[list[str]], numeric: list[bool]) -> str:
    def escape(text: str) -> str:
        return "".join(_LATEX_SPECIAL.get(char, char) for char in text).replace("\n", " ")

    spec = "".join("r" if right else "l" for right in numeric)
    lines = [f"\\begin{{tabular}}{{{spec}}}", "\\toprule", " & ".join(escape(c) for c in columns) + " \\\\",
             "\\midrule"]
    lines += [" & ".join(escape(cell) for cell in row) + " \\\\" for row in cells]
    lines += ["\\bottomrule", "\\end{tabular}"]
    return "\n".join(lines) + "\n"
