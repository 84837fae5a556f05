"""The tutorial and the model cards stay true: every example in docs/ runs."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted(p for p in (ROOT / "docs").rglob("*.md") if ">>> " in p.read_text(encoding="utf-8"))


def test_the_tutorial_has_examples():
    assert ROOT / "docs" / "tutorial.md" in DOCS


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_doc_examples_run(path):
    failures, attempted = doctest.testfile(
        str(path), module_relative=False, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
    )
    assert attempted > 0
    assert failures == 0


def test_the_experiments_readme_lists_every_experiment():
    readme = (ROOT / "experiments" / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `(e\d\d_\w+)` \|", readme, flags=re.MULTILINE))
    scripts = {path.stem for path in (ROOT / "experiments").glob("e[0-9][0-9]_*.py")}
    assert listed == scripts
