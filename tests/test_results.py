"""Result tables: fixed precision, four formats, a sidecar, byte-identical rewrites, atomic writes."""

from __future__ import annotations

import json
import platform

import numpy as np
import pandas as pd
import pytest

from bargain.errors import ArgumentTypeError, InvalidArgumentError
from bargain.results import read_table, write_table

SUFFIXES = (".csv", ".md", ".tex", ".json")


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "soft_power": [0.0, 0.5, 1.0],
        "regime": ["resist", "negotiate, then comply", "a|b & c_d"],
        "n_eq": [1, 3, 1],
        "share": [-1e-9, 2 / 3, float("nan")],
        "pure": [True, False, True],
    })


def test_the_files_hold_the_expected_text(tmp_path, frame):
    paths = write_table(frame, tmp_path / "t", precision=3)
    assert [p.name for p in paths] == ["t.csv", "t.md", "t.tex", "t.json"]
    assert paths[0].read_text() == (
        "soft_power,regime,n_eq,share,pure\n"
        "0.000,resist,1,0.000,True\n"
        '0.500,"negotiate, then comply",3,0.667,False\n'
        "1.000,a|b & c_d,1,,True\n"
    )
    assert paths[1].read_text() == (
        "| soft_power | regime                 | n_eq | share | pure  |\n"
        "|-----------:|------------------------|-----:|------:|-------|\n"
        "|      0.000 | resist                 |    1 | 0.000 | True  |\n"
        "|      0.500 | negotiate, then comply |    3 | 0.667 | False |\n"
        "|      1.000 | a\\|b & c_d             |    1 |       | True  |\n"
    )
    assert paths[2].read_text() == (
        "\\begin{tabular}{rlrrl}\n"
        "\\toprule\n"
        "soft\\_power & regime & n\\_eq & share & pure \\\\\n"
        "\\midrule\n"
        "0.000 & resist & 1 & 0.000 & True \\\\\n"
        "0.500 & negotiate, then comply & 3 & 0.667 & False \\\\\n"
        "1.000 & a|b \\& c\\_d & 1 &  & True \\\\\n"
        "\\bottomrule\n"
        "\\end{tabular}\n"
    )


@pytest.mark.parametrize("value, precision, text", [
    (-0.0, 6, "0.000000"), (-4e-7, 6, "0.000000"), (-6e-7, 6, "-0.000001"), (-0.4, 0, "0"),
    (-0.5, 1, "-0.5"), (2.5, 0, "2"), (1 / 3, 17, "0.33333333333333331"), (np.float32(0.25), 2, "0.25"),
    (float("inf"), 3, "inf"), (-float("inf"), 3, "-inf"), (None, 3, ""),
])
def test_floats_print_at_fixed_precision_without_negative_zero(tmp_path, value, precision, text):
    df = pd.DataFrame({"k": [0], "v": pd.Series([value], dtype=object)})
    write_table(df, tmp_path / "t", precision=precision)
    assert (tmp_path / "t.csv").read_text() == f"k,v\n0,{text}\n"


def test_rewriting_gives_the_same_bytes_and_leaves_no_temporary_files(tmp_path, frame):
    first = [p.read_bytes() for p in write_table(frame, tmp_path / "t", metadata={"seed": 1})]
    second = [p.read_bytes() for p in write_table(frame.copy(), str(tmp_path / "t"), metadata={"seed": 1})]
    assert first == second
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"t{s}" for s in SUFFIXES)


def test_the_sidecar_records_metadata_columns_and_versions_but_no_paths(tmp_path, frame):
    metadata = {"grid": {"soft_power": [0.0, 0.5, 1.0]}, "seed": 12345, "model": "oblique"}
    paths = write_table(frame, tmp_path / "t", metadata=metadata)
    sidecar = json.loads(paths[3].read_text())
    assert sidecar["metadata"] == metadata and list(sidecar["metadata"]) == list(metadata)
    assert [c["name"] for c in sidecar["columns"]] == list(frame.columns)
    assert sidecar["columns"][2]["dtype"] == "int64" and sidecar["columns"][4]["dtype"] == "bool"
    assert sidecar["n_rows"] == 3 and sidecar["precision"] == 6
    versions = sidecar["versions"]
    assert versions["python"] == platform.python_version()
    assert versions["numpy"] == np.__version__ and versions["pandas"] == pd.__version__
    assert set(versions) == {"python", "numpy", "scipy", "pandas", "nashpy", "bargain"}
    for path in paths:
        assert str(tmp_path) not in path.read_text()


def test_read_table_gives_back_the_table(tmp_path):
    df = pd.DataFrame({"delta": [0.05, 0.5, 0.95], "label": ["a", "b", "c"], "k": [1, 2, 3]})
    write_table(df, tmp_path / "t", precision=4)
    back = read_table(tmp_path / "t.csv")
    assert back["delta"].tolist() == [0.05, 0.5, 0.95]
    assert back["label"].tolist() == ["a", "b", "c"] and back["k"].tolist() == [1, 2, 3]
    assert read_table(tmp_path / "t").equals(back)


def test_a_missing_directory_is_refused_and_nothing_is_written(tmp_path, frame):
    with pytest.raises(InvalidArgumentError, match=r"directory of path_stem must exist.*no directory"):
        write_table(frame, tmp_path / "absent" / "t")
    assert not (tmp_path / "absent").exists()


def test_unserialisable_metadata_writes_nothing(tmp_path, frame):
    with pytest.raises(InvalidArgumentError, match=r"metadata must be JSON-serialisable"):
        write_table(frame, tmp_path / "t", metadata={"when": object()})
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kwargs, error, match", [
    ({"df": [[1, 2]]}, ArgumentTypeError, r"df must be a pandas DataFrame; got list"),
    ({"precision": -1}, InvalidArgumentError, r"precision must be between 0 and 17; got -1"),
    ({"precision": 18}, InvalidArgumentError, r"precision must be between 0 and 17; got 18"),
    ({"precision": 2.0}, ArgumentTypeError, r"precision must be an integer"),
    ({"metadata": [("a", 1)]}, ArgumentTypeError, r"metadata must be a mapping"),
    ({"stem": "t.csv"}, InvalidArgumentError, r"must not include a suffix"),
    ({"df": pd.DataFrame([[1, 2]], columns=["a", "a"])}, InvalidArgumentError, r"duplicates \['a'\]"),
])
def test_bad_arguments_are_refused(tmp_path, frame, kwargs, error, match):
    df = kwargs.pop("df", frame)
    stem = tmp_path / kwargs.pop("stem", "t")
    with pytest.raises(error, match=match):
        write_table(df, stem, **kwargs)
    assert list(tmp_path.iterdir()) == []


def test_read_table_refuses_a_missing_file(tmp_path):
    with pytest.raises(InvalidArgumentError, match=r"no file .*absent.csv"):
        read_table(tmp_path / "absent")
