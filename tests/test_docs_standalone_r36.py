"""Example blocks a reader copies on their own run on their own (newcomer r36, 6).

testing.md's factories block used ``hourly`` without importing it, and
passed as a doctest only because an earlier block on the page imported it.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"^```pycon[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def first_block_under(path: Path, heading: str) -> str:
    """The first pycon block after *heading* in *path*."""
    text = path.read_text("utf-8")
    found = FENCE.search(text, text.index(heading))
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize(
    ("page", "heading"),
    [
        ("docs/testing.md", "## Factories for example-based tests"),
        ("README.md", "## Example"),
    ],
)
def test_block_runs_in_a_fresh_namespace(page, heading, monkeypatch):
    """The block, run alone with nothing imported before it, prints what the page says."""
    monkeypatch.chdir(ROOT)
    block = first_block_under(ROOT / page, heading)
    test = doctest.DocTestParser().get_doctest(block, {}, page, page, 0)
    runner = doctest.DocTestRunner(
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    failures: list[str] = []
    runner.run(test, out=failures.append)
    assert [] == failures
    assert runner.tries > 5


#: ``escrow.deadlines(...)[0]``: the first deadline by place, which may be another kind.
BY_PLACE = re.compile(r"deadlines\([^\n]*\)\[0\]")


@pytest.mark.parametrize(
    "path",
    ["README.md", "docs/testing.md", "docs/escrow.md", "src/upwork_safety/escrow/__init__.py"],
)
def test_examples_select_a_deadline_by_kind(path):
    """The examples newcomers copy select a deadline by ``kind``, as upgrading.md says (r36, 5)."""
    assert [] == BY_PLACE.findall((ROOT / path).read_text("utf-8"))
