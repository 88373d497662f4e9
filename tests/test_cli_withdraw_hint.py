"""`withdraw` says how to see every method priced (newcomer r19 L5).

The first run with the reference rate alone priced Payoneer only; the way
to price the others (``--offered-rate``, ``--spread``) was left to a guess.
"""

import json

import pytest

from upwork_safety import cli
from upwork_safety._cli._fees import PRICE_EVERY_METHOD

NOW = "2026-03-28T11:00:00+05:00"


def run(capsys, *argv):
    """``upwork-safety withdraw 430 --rate 280`` with *argv*: (status, stdout)."""
    status = cli.main(["withdraw", "430", "--rate", "280", "--now", NOW, *argv])
    return status, capsys.readouterr().out


def test_hint_under_a_comparison_with_unpriced_methods(capsys):
    """With the reference rate alone, the hint names both options, once."""
    status, out = run(capsys)
    assert 0 == status
    said = " ".join(out.split())
    assert 1 == said.count(PRICE_EVERY_METHOD)
    assert ("--offered-rate METHOD=RATE", "--spread") == tuple(
        option for option in ("--offered-rate METHOD=RATE", "--spread") if option in said
    )


def test_no_hint_once_every_method_is_priced(capsys):
    """The options the hint gives price all four methods, and then the hint is gone."""
    status, out = run(capsys, "--offered-rate", "277.2", "--spread", "1%")
    assert (0, 0) == (status, out.count("To price every method"))
    status, out = run(capsys, "--offered-rate", "277.2", "--spread", "1%", "--json")
    priced = [m["method"] for m in json.loads(out)["methods"] if m["received"] is not None]
    assert 4 == len(priced)


@pytest.mark.parametrize("column", ["eff. rate", "cost vs ref."])
def test_cli_page_spells_out_each_abbreviated_column(column):
    """docs/cli.md's withdraw section explains each abbreviated column of the table."""
    from pathlib import Path

    page = (Path(__file__).resolve().parent.parent / "docs" / "cli.md").read_text("utf-8")
    section = page.split("## `withdraw`\n", 1)[1].split("\n## ", 1)[0]
    assert f"| `{column}` | the *" in section
