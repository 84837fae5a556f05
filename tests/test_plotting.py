"""Figures: axes labels, legend entries and the regime map's cells; byte-identical PNGs; bad inputs."""

from __future__ import annotations

import itertools
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("matplotlib")

from matplotlib.colors import to_hex  # noqa: E402

from bargain.errors import ArgumentTypeError, InvalidArgumentError  # noqa: E402
from bargain.plotting import PALETTE, line_plot, regime_map  # noqa: E402

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# The Okabe-Ito colours as published (Okabe & Ito 2008, "Color Universal Design"), in their order.
OKABE_ITO = ["#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#000000"]


def regime_of(a: float, b: float) -> str:
    """A made-up rule over a 3 x 2 grid, written out by hand for the expected cells below."""
    return {(0.1, 1): "resist", (0.1, 2): "resist", (0.5, 1): "negotiate",
            (0.5, 2): "comply", (0.9, 1): "comply", (0.9, 2): "comply"}[(a, b)]


@pytest.fixture
def regimes() -> pd.DataFrame:
    # Rows deliberately not in grid order: the map must place cells by value, not by row.
    points = list(itertools.product([0.9, 0.1, 0.5], [2, 1]))
    return pd.DataFrame({
        "soft_power": [a for a, _ in points],
        "cost": [b for _, b in points],
        "regime": [regime_of(a, b) for a, b in points],
        "n_eq": [1] * len(points),
    })


@pytest.fixture
def lines() -> pd.DataFrame:
    return pd.DataFrame({
        "delta": [0.9, 0.5, 0.1, 0.1, 0.5, 0.9],
        "cost": [2, 2, 2, 1, 1, 1],
        "share": [0.3, 0.2, 0.1, 1.0, 2.0, 3.0],
    })


def legend_texts(fig) -> list[str]:
    return [text.get_text() for text in fig.axes[0].get_legend().get_texts()]


# --- regime map ---------------------------------------------------------------------------------


def test_regime_map_labels_axes_and_names_regimes_in_sorted_order(regimes):
    fig = regime_map(regimes, "soft_power", "cost", "regime", title="Regimes")
    ax = fig.axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel(), ax.get_title()) == ("soft_power", "cost", "Regimes")
    assert legend_texts(fig) == ["comply", "negotiate", "resist"]
    assert fig.axes[0].get_legend().get_title().get_text() == "regime"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0.1", "0.5", "0.9"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["1", "2"]


def test_regime_map_cells_hold_the_category_index_of_their_point(regimes):
    fig = regime_map(regimes, "soft_power", "cost", "regime")
    cells = np.asarray(fig.axes[0].images[0].get_array())
    # Rows are cost 1 (bottom), 2; columns are soft_power 0.1, 0.5, 0.9; comply=0, negotiate=1, resist=2.
    assert cells.tolist() == [[2, 1, 0], [2, 0, 0]]
    bottom, top = fig.axes[0].get_ylim()
    assert bottom < top  # row 0 (the smallest cost) is drawn at the bottom


def test_regime_map_follows_order_and_keeps_unused_categories(regimes):
    order = ["resist", "delegate", "negotiate", "comply"]
    fig = regime_map(regimes, "soft_power", "cost", "regime", order=order)
    assert legend_texts(fig) == order
    assert np.asarray(fig.axes[0].images[0].get_array()).tolist() == [[0, 2, 3], [0, 3, 3]]


def test_regime_map_colours_each_cell_with_its_legend_colour(regimes):
    fig = regime_map(regimes, "soft_power", "cost", "regime", order=["resist", "negotiate", "comply"])
    image = fig.axes[0].images[0]
    legend = fig.axes[0].get_legend()
    patch_colours = [to_hex(handle.get_facecolor()) for handle in legend.legend_handles]
    assert patch_colours == OKABE_ITO[:3]
    cells = np.asarray(image.get_array())
    rgba = image.to_rgba(cells)
    for index in np.ndindex(cells.shape):
        assert to_hex(rgba[index]) == patch_colours[cells[index]]


def test_palette_is_the_okabe_ito_palette():
    assert [colour.lower() for colour in PALETTE] == OKABE_ITO


def test_regime_map_transposes_when_axes_are_swapped(regimes):
    a = np.asarray(regime_map(regimes, "soft_power", "cost", "regime").axes[0].images[0].get_array())
    b = np.asarray(regime_map(regimes, "cost", "soft_power", "regime").axes[0].images[0].get_array())
    assert np.array_equal(a.T, b)


# --- line plot ----------------------------------------------------------------------------------


def test_line_plot_draws_one_sorted_line_per_value_of_by(lines):
    fig = line_plot(lines, "delta", "share", by="cost", title="Shares")
    ax = fig.axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel(), ax.get_title()) == ("delta", "share", "Shares")
    assert legend_texts(fig) == ["1", "2"]
    assert ax.get_legend().get_title().get_text() == "cost"
    assert len(ax.lines) == 2
    assert ax.lines[0].get_xdata().tolist() == [0.1, 0.5, 0.9]
    assert ax.lines[0].get_ydata().tolist() == [1.0, 2.0, 3.0]
    assert ax.lines[1].get_ydata().tolist() == [0.1, 0.2, 0.3]
    assert [to_hex(line.get_color()) for line in ax.lines] == OKABE_ITO[:2]


def test_line_plot_without_by_draws_one_line_and_no_legend(lines):
    fig = line_plot(lines[lines["cost"] == 1], "delta", "share")
    assert len(fig.axes[0].lines) == 1
    assert fig.axes[0].get_legend() is None


def test_line_plot_tells_apart_more_lines_than_colours():
    df = pd.DataFrame({"k": np.repeat(np.arange(10), 2), "x": np.tile([0.0, 1.0], 10), "y": np.arange(20.0)})
    ax = line_plot(df, "x", "y", by="k").axes[0]
    styles = {(to_hex(line.get_color()), line.get_linestyle()) for line in ax.lines}
    assert len(styles) == 10


# --- PNG files ----------------------------------------------------------------------------------


@pytest.mark.parametrize("draw", [
    lambda df, path: regime_map(df, "soft_power", "cost", "regime", path=path),
    lambda df, path: line_plot(df, "cost", "n_eq", by="soft_power", path=path),
], ids=["regime_map", "line_plot"])
def test_writing_twice_gives_byte_identical_png(tmp_path, regimes, draw):
    draw(regimes, tmp_path / "a.png")
    draw(regimes, tmp_path / "b.png")
    first, second = (tmp_path / "a.png").read_bytes(), (tmp_path / "b.png").read_bytes()
    assert first.startswith(PNG_SIGNATURE)
    assert first == second
    assert b"Software" not in first and b"matplotlib" not in first.lower()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.png", "b.png"]  # no temporary left


def test_overwriting_replaces_the_file(tmp_path, regimes):
    target = tmp_path / "map.png"
    target.write_bytes(b"old")
    regime_map(regimes, "soft_power", "cost", "regime", path=str(target))
    assert target.read_bytes().startswith(PNG_SIGNATURE)


# --- bad input ----------------------------------------------------------------------------------


def test_unknown_column_suggests_the_closest(regimes, lines):
    with pytest.raises(InvalidArgumentError, match=r"no column 'soft_pwer'.*did you mean 'soft_power'"):
        regime_map(regimes, "soft_pwer", "cost", "regime")
    with pytest.raises(InvalidArgumentError, match=r"no column 'regimes'.*did you mean 'regime'"):
        regime_map(regimes, "soft_power", "cost", "regimes")
    with pytest.raises(InvalidArgumentError, match=r"no column 'cots'.*did you mean 'cost'"):
        line_plot(lines, "delta", "share", by="cots")


def test_incomplete_grid_names_the_missing_combinations(regimes):
    partial = regimes.drop(index=[1, 3])  # (0.9, 1) and (0.1, 1); named in grid order
    with pytest.raises(InvalidArgumentError,
                       match=r"incomplete: 2 of 6 combinations .*\(soft_power=0\.1, cost=1\), "
                             r"\(soft_power=0\.9, cost=1\)"):
        regime_map(partial, "soft_power", "cost", "regime")


def test_repeated_combination_is_refused(regimes):
    doubled = pd.concat([regimes, regimes.iloc[[0]]])
    with pytest.raises(InvalidArgumentError,
                       match=r"one row; 1 have several, e\.g\. \(soft_power=0\.9, cost=2\)"):
        regime_map(doubled, "soft_power", "cost", "regime")


def test_line_with_repeated_x_is_refused(regimes):
    with pytest.raises(InvalidArgumentError, match=r"one row per value of 'soft_power'.*pass by="):
        line_plot(regimes, "soft_power", "n_eq")


def test_empty_frame_is_refused(regimes):
    with pytest.raises(InvalidArgumentError, match="empty frame"):
        regime_map(regimes.iloc[:0], "soft_power", "cost", "regime")
    with pytest.raises(InvalidArgumentError, match="empty frame"):
        line_plot(regimes.iloc[:0], "soft_power", "cost")


def test_not_a_frame_is_refused():
    with pytest.raises(ArgumentTypeError, match="df must be a pandas DataFrame; got dict"):
        line_plot({"x": [1]}, "x", "x")


def test_order_must_cover_every_regime_once(regimes):
    with pytest.raises(InvalidArgumentError, match="missing 'negotiate'"):
        regime_map(regimes, "soft_power", "cost", "regime", order=["resist", "comply"])
    with pytest.raises(InvalidArgumentError, match="must not repeat"):
        regime_map(regimes, "soft_power", "cost", "regime", order=["resist", "comply", "negotiate", "comply"])


def test_too_many_regimes_is_refused():
    df = pd.DataFrame({"a": np.arange(9), "b": np.zeros(9), "r": [f"r{i}" for i in range(9)]})
    with pytest.raises(InvalidArgumentError, match="at most 8 categories; 'r' has 9"):
        regime_map(df, "a", "b", "r")


def test_same_column_twice_is_refused(regimes):
    with pytest.raises(InvalidArgumentError, match="three different columns"):
        regime_map(regimes, "cost", "cost", "regime")


def test_missing_cells_and_non_numeric_axes_are_refused(regimes):
    holed = regimes.assign(regime=regimes["regime"].where(regimes.index != 2))
    with pytest.raises(InvalidArgumentError, match="'regime' must have no missing values; got 1 of 6"):
        regime_map(holed, "soft_power", "cost", "regime")
    with pytest.raises(InvalidArgumentError, match="'regime' must be numeric"):
        line_plot(regimes, "soft_power", "regime")


def test_bad_path_is_refused_and_nothing_is_written(tmp_path, regimes):
    with pytest.raises(InvalidArgumentError, match=r"must end in \.png"):
        regime_map(regimes, "soft_power", "cost", "regime", path=tmp_path / "map.pdf")
    with pytest.raises(InvalidArgumentError, match="directory of path must exist"):
        regime_map(regimes, "soft_power", "cost", "regime", path=tmp_path / "nowhere" / "map.png")
    with pytest.raises(ArgumentTypeError, match="title must be a string"):
        line_plot(regimes, "soft_power", "cost", path=tmp_path / "l.png", title=3)
    assert list(tmp_path.iterdir()) == []


# --- optional dependency ------------------------------------------------------------------------


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_import_bargain_does_not_import_matplotlib():
    result = run_python("import sys, bargain; print('matplotlib' in sys.modules)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_without_matplotlib_drawing_says_how_to_install_it():
    code = (
        "import sys; sys.modules['matplotlib'] = None\n"
        "import pandas as pd\n"
        "from bargain.plotting import line_plot\n"
        "try:\n"
        "    line_plot(pd.DataFrame({'x': [0.0], 'y': [1.0]}), 'x', 'y')\n"
        "except ImportError as err:\n"
        "    print(err)\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert 'pip install "bargain[plot]"' in result.stdout
