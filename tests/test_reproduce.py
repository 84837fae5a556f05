"""bargain reproduce: experiments found and run by file path, results written, and --check comparing a
fresh run with the committed files (tables byte for byte, JSON without versions, figures by existence)."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from bargain.cli import main
from bargain.errors import InvalidArgumentError
from bargain import reproduce
from bargain.reproduce import compare_results, discover, select

ROOT = Path(__file__).resolve().parents[1]

TABLE = """
    from pathlib import Path

    import pandas as pd

    from bargain.results import write_table

    ROWS = {rows!r}


    def main(out_dir):
        df = pd.DataFrame({{"x": [float(x) for x in range(ROWS)], "square": [float(x * x) for x in range(ROWS)]}})
        write_table(df, Path(out_dir) / "{stem}", precision=3, metadata={{"rows": ROWS}})
    """

#: A figure whose bytes change from run to run (only its existence is compared).
FIGURE = """
    import time
    from pathlib import Path

    import _shared  # a helper next to the experiments, importable as when the script runs alone


    def main(out_dir):
        (Path(out_dir) / "{stem}.csv").write_text(_shared.HEADER + "1,2\\n")
        (Path(out_dir) / "{stem}.png").write_bytes(b"\\x89PNG" + str(time.perf_counter_ns()).encode())
    """

FAILING = """
    def main(out_dir):
        raise ValueError("the grid is empty")
    """


def write(folder: Path, name: str, source: str, **fields) -> None:
    (folder / name).write_text(textwrap.dedent(source.format(**fields)))


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository root with experiments e01 (a table), e02 (a table and a figure) and a results
    directory; the working directory is the root."""
    experiments = tmp_path / "experiments"
    experiments.mkdir()
    write(experiments, "e01_alpha.py", TABLE, stem="e01_alpha", rows=4)
    write(experiments, "e02_beta.py", FIGURE, stem="e02_beta")
    (experiments / "_shared.py").write_text('HEADER = "a,b\\n"\n')
    (experiments / "notes.py").write_text("raise SystemExit('not an experiment')\n")
    (experiments / "results").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *argv):
    status = main(["reproduce", *[str(arg) for arg in argv]])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def refused(capsys, *argv) -> str:
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == "" and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("bargain: error: "), err
    return lines[0].removeprefix("bargain: error: ")


def lines_of(out: str) -> list[str]:
    return [" ".join(line.split()) for line in out.splitlines()]


def results(repo: Path) -> Path:
    return repo / "experiments" / "results"


# ----------------------------------------------------------------------------- running
def test_reproduce_writes_every_experiment_into_the_results(capsys, repo):
    status, out, err = run(capsys)
    assert status == 0 and err == ""
    lines = lines_of(out)
    assert re.fullmatch(r"e01_alpha wrote 4 files \d+\.\d\d s", lines[0])
    assert re.fullmatch(r"e02_beta wrote 2 files \d+\.\d\d s", lines[1])
    assert re.fullmatch(r"2 experiments: 2 ran \(\d+\.\d s\)", lines[2])
    assert sorted(p.name for p in results(repo).iterdir()) == [
        "e01_alpha.csv", "e01_alpha.json", "e01_alpha.md", "e01_alpha.tex", "e02_beta.csv", "e02_beta.png"]
    assert (results(repo) / "e01_alpha.csv").read_text() == (
        "x,square\n0.000,0.000\n1.000,1.000\n2.000,4.000\n3.000,9.000\n")


def test_names_choose_experiments_by_number_or_full_name(capsys, repo):
    assert run(capsys, "e02")[0] == 0
    assert sorted(p.name for p in results(repo).iterdir()) == ["e02_beta.csv", "e02_beta.png"]
    status, out, _ = run(capsys, "e01_alpha.py", "e01", "e02_beta")  # a repeat runs once
    assert status == 0
    assert [line.split()[0] for line in lines_of(out)[:-1]] == ["e01_alpha", "e02_beta"]


def test_the_results_directory_is_created_when_missing(capsys, repo):
    results(repo).rmdir()
    assert run(capsys, "e01")[0] == 0
    assert (results(repo) / "e01_alpha.csv").is_file()


# ----------------------------------------------------------------------------- --check
@pytest.fixture
def committed(capsys, repo):
    assert run(capsys)[0] == 0
    return results(repo)


def test_check_passes_on_an_unchanged_run_though_the_figure_bytes_differ(capsys, committed):
    figure = (committed / "e02_beta.png").read_bytes()
    before = {p.name: p.read_bytes() for p in committed.iterdir()}
    status, out, _ = run(capsys, "--check")
    assert status == 0
    lines = lines_of(out)
    assert re.fullmatch(r"e01_alpha ok \d+\.\d\d s", lines[0]) and re.fullmatch(r"e02_beta ok \d+\.\d\d s", lines[1])
    assert re.fullmatch(r"2 experiments: 2 reproduced \(\d+\.\d s\)", lines[2])
    assert {p.name: p.read_bytes() for p in committed.iterdir()} == before  # --check writes nothing there
    assert (committed / "e02_beta.png").read_bytes() == figure


def test_check_ignores_the_package_versions_in_the_sidecar(capsys, committed):
    sidecar = committed / "e01_alpha.json"
    document = json.loads(sidecar.read_text())
    document["versions"] = {"numpy": "0.0.1", "bargain": "9.9"}
    sidecar.write_text(json.dumps(document, indent=1))  # other versions, other layout: the same JSON otherwise
    assert run(capsys, "--check", "e01")[0] == 0


def test_check_reports_the_first_differing_line_of_a_table(capsys, committed):
    table = committed / "e01_alpha.csv"
    table.write_text(table.read_text().replace("2.000,4.000", "2.000,4.001"))
    status, out, _ = run(capsys, "--check")
    assert status == 1
    lines = lines_of(out)
    assert lines[0].startswith("e01_alpha DIFFERS")
    assert lines[1] == "e01_alpha.csv: line 4 differs: committed '2.000,4.001', regenerated '2.000,4.000'"
    assert lines[2].startswith("e02_beta ok")
    assert lines[3].startswith("2 experiments: 1 reproduced, 1 differ (")


@pytest.mark.parametrize("change, message", [
    (lambda d: d["metadata"].update(rows=5),
     "e01_alpha.json: JSON differs at metadata.rows: committed 5, regenerated 4"),
    (lambda d: d.update(n_rows=3), "e01_alpha.json: JSON differs at n_rows: committed 3, regenerated 4"),
    (lambda d: d.pop("precision"), "e01_alpha.json: JSON differs at precision (only in the regenerated file)"),
])
def test_check_compares_the_sidecar_as_json(capsys, committed, change, message):
    sidecar = committed / "e01_alpha.json"
    document = json.loads(sidecar.read_text())
    change(document)
    sidecar.write_text(json.dumps(document))
    status, out, _ = run(capsys, "--check", "e01")
    assert status == 1 and message in lines_of(out)


def test_check_reports_missing_and_extra_files(capsys, committed):
    (committed / "e02_beta.png").unlink()
    (committed / "e01_alpha_by_x.csv").write_text("x\n")
    (committed / "e01_alphabet.csv").write_text("also experiment 1's\n")  # named after its number
    (committed / "e1_other.csv").write_text("not an experiment's\n")
    status, out, _ = run(capsys, "--check")
    assert status == 1
    lines = lines_of(out)
    assert "e01_alpha_by_x.csv: committed but no longer written by the experiment" in lines
    assert "e01_alphabet.csv: committed but no longer written by the experiment" in lines
    assert "e02_beta.png: written by the experiment but not in the committed results" in lines
    assert not any("e1_other" in line for line in lines)


def test_a_line_ending_difference_is_reported(tmp_path):
    ours, theirs = tmp_path / "a", tmp_path / "b"
    ours.mkdir(), theirs.mkdir()
    (ours / "e05_x.md").write_bytes(b"a\r\nb\n")
    (theirs / "e05_x.md").write_bytes(b"a\nb\n")
    (ours / "e05_x.tex").write_bytes(b"a\nb\nc\n")
    (theirs / "e05_x.tex").write_bytes(b"a\nb\n")
    (ours / "e05_x.csv").write_bytes(b"a\nb")
    (theirs / "e05_x.csv").write_bytes(b"a\nb\n")
    assert [str(d) for d in compare_results("e05_x", ours, theirs)] == [
        "e05_x.csv: line 2 differs in its line end: committed 'b', regenerated 'b\\n'",
        "e05_x.md: line 1 differs: committed 'a\\r', regenerated 'a'",
        "e05_x.tex: committed has 3 lines, regenerated 2",
    ]


def test_a_failing_experiment_is_reported_and_the_others_still_run(capsys, committed, repo):
    write(repo / "experiments", "e03_broken.py", FAILING)
    (repo / "experiments" / "e04_nomain.py").write_text("X = 1\n")
    status, out, _ = run(capsys, "--check")
    assert status == 1
    lines = lines_of(out)
    assert lines[0].startswith("e01_alpha ok") and lines[1].startswith("e02_beta ok")
    assert lines[2].startswith("e03_broken FAILED")
    assert lines[3] == (f"ValueError: the grid is empty (run python {Path('experiments', 'e03_broken.py')} "
                        "for the traceback)")
    assert lines[4].startswith("e04_nomain FAILED")
    assert "experiment 'e04_nomain' must define main(out_dir)" in lines[5]
    assert lines[6].startswith("4 experiments: 2 reproduced, 2 failed (")


def test_parallel_runs_give_the_same_results_in_the_same_order(capsys, committed, repo):
    write(repo / "experiments", "e03_gamma.py", TABLE, stem="e03_gamma", rows=6)
    assert run(capsys, "e03")[0] == 0
    status, out, _ = run(capsys, "--check", "--jobs", "2")
    assert status == 0
    assert [line.split()[:2] for line in lines_of(out)[:-1]] == [
        ["e01_alpha", "ok"], ["e02_beta", "ok"], ["e03_gamma", "ok"]]


def test_other_directories_can_be_given(capsys, repo, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    assert run(capsys, "--experiments", repo / "experiments", "--results", elsewhere / "out", "e01")[0] == 0
    assert (elsewhere / "out" / "e01_alpha.csv").is_file()
    assert not (results(repo) / "e01_alpha.csv").exists()
    assert run(capsys, "--check", "--results", elsewhere / "out", "e01")[0] == 0


# ----------------------------------------------------------------------------- refused, one line, exit 2
@pytest.mark.parametrize("argv, message", [
    (["e02_bta"], "no experiment 'e02_bta'; did you mean 'e02_beta'?"),
    (["e01_alpah"], "no experiment 'e01_alpah'; did you mean 'e01_alpha'?"),
    (["zzz"], "no experiment 'zzz' (experiments: e01_alpha, e02_beta)"),
    (["--jobs", "0"], "--jobs must be >= 1; got 0"),
    (["--experiments", "nowhere"], "experiments directory 'nowhere' does not exist; run from the repository root "
                                   "or pass --experiments DIR"),
    (["--check", "--results", "nowhere"], "results directory 'nowhere' does not exist; nothing to check against"),
])
def test_bad_input_is_refused_in_one_line(capsys, repo, argv, message):
    before = sorted(repo.rglob("*"))
    assert refused(capsys, *argv) == message
    assert sorted(repo.rglob("*")) == before


def test_two_experiments_with_one_number_are_refused(capsys, repo):
    # each experiment owns the result files named after its number, so numbers must be unique
    write(repo / "experiments", "e01_other.py", FAILING)
    assert refused(capsys, "e01") == (
        "experiments 'e01_alpha.py' and 'e01_other.py' share the number e01; renumber one")


def test_no_experiments_or_no_directory(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert refused(capsys).startswith("experiments directory 'experiments' does not exist")
    (tmp_path / "experiments").mkdir()
    assert refused(capsys) == "no experiments (eNN_<slug>.py) in 'experiments'"


def test_discovery_orders_by_number_and_skips_other_files(tmp_path):
    for name in ("e100_last.py", "e20_middle.py", "e02_first.py", "e5_short.py", "_shared.py", "e03-dash.py",
                 "e04_notes.txt"):
        (tmp_path / name).write_text("")
    assert [p.name for p in discover(tmp_path)] == ["e02_first.py", "e20_middle.py", "e100_last.py"]
    with pytest.raises(InvalidArgumentError, match=r"no experiment 'e5'"):
        select(discover(tmp_path), ["e5"])


# ----------------------------------------------------------------------------- the repository's own experiments
def test_the_committed_e00_is_reproduced(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    status, out, _ = run(capsys, "--check", "e00")
    assert status == 0, out
    assert lines_of(out)[0].startswith("e00_stag_hunt ok")


def test_check_compares_every_file_named_after_the_experiments_number(tmp_path):
    # An experiment may write tables under other names; all files eNN_* are its own.
    experiments = tmp_path / "experiments"
    experiments.mkdir()
    (experiments / "e07_main.py").write_text(
        "from pathlib import Path\n"
        "def main(out):\n"
        "    Path(out, 'e07_main.csv').write_text('a\\n1\\n')\n"
        "    Path(out, 'e07_extra.csv').write_text('b\\n2\\n')\n"
    )
    results = experiments / "results"
    results.mkdir()
    (results / "e07_main.csv").write_text("a\n1\n")
    (results / "e07_extra.csv").write_text("b\n3\n")  # differs
    lines = []
    status = reproduce.reproduce(check=True, experiments=experiments, echo=lines.append)
    assert status == 1
    assert any("e07_extra.csv" in line for line in lines)


def test_two_experiments_cannot_share_a_number(tmp_path):
    for name in ("e03_a.py", "e03_b.py"):
        (tmp_path / name).write_text("def main(out):\n    pass\n")
    with pytest.raises(InvalidArgumentError, match="share the number e03"):
        reproduce.discover(tmp_path)


def test_json_nan_compares_equal_to_itself():
    assert reproduce._json_difference(b'{"a": NaN, "versions": 1}', b'{"a": NaN, "versions": 2}') is None
    assert reproduce._json_difference(b'{"a": NaN}', b'{"a": 1.0}') is not None


def test_load_experiment_reads_an_edited_script_again_and_refuses_other_files(tmp_path):
    from bargain.reproduce import load_experiment

    script = tmp_path / "e98_value.py"
    script.write_text("VALUE = 1\n")
    assert load_experiment(script).VALUE == 1
    script.write_text("VALUE = 2\n")
    assert load_experiment(script).VALUE == 2
    with pytest.raises(InvalidArgumentError, match="experiment must be an existing .py file"):
        load_experiment(tmp_path / "missing.py")
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(InvalidArgumentError, match="experiment must be an existing .py file"):
        load_experiment(tmp_path / "notes.txt")
