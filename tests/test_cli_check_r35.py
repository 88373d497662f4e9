"""``upwork-safety check`` names the contract a review refuses (review r35, 5).

Before, an engine error on one contract of a list named neither the contract
nor its place in the file; docs/cli.md promises the file and the path inside it.
"""

from __future__ import annotations

import io
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

from upwork_safety import Contract, Milestone, Money, escrow, serialize
from upwork_safety.cli import main
from upwork_safety.escrow import Fund, Submit

if TYPE_CHECKING:
    from pathlib import Path

NOW = "2026-01-05T00:00:00+00:00"


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


def offer(contract_id: str) -> Contract:
    return Contract(
        contract_id,
        "acme",
        "fixed_price",
        date(2026, 1, 1),
        milestones=[Milestone("m1", "Logo", Money("15.00", "USD"))],
    )


#: Reviewed at NOW, c1 is fine (its last event is before); c2 records a Fund after NOW.
FINE = escrow.replay(offer("c1"), [Fund("m1", utc(2026, 1, 1)), Submit("m1", utc(2026, 1, 2))])
LATER = escrow.apply(offer("c2"), Fund("m1", utc(2026, 2, 1)))


def check(path: Path, capsys) -> tuple[int, str, list[str]]:
    out = io.StringIO()
    code = main(["check", str(path), "--now", NOW], out=out)
    return code, out.getvalue(), capsys.readouterr().err.splitlines()


def test_an_error_on_one_contract_of_a_list_names_its_place_and_id(tmp_path, capsys):
    """``FILE: $[1] (contract 'c2'): --now ...: ...``, on one line, nothing on standard output."""
    path = tmp_path / "mixed.json"
    path.write_text(serialize.to_json([FINE, LATER]), "utf-8")
    code, out, err = check(path, capsys)
    assert (2, "", 1) == (code, out, len(err))
    assert err[0].startswith(
        f"upwork-safety check: error: {path}: $[1] (contract 'c2'): --now {NOW}: "
    )


def test_an_error_on_a_file_of_one_contract_names_it(tmp_path, capsys):
    """With one contract there is no list to place it in: the file and the id name it."""
    path = tmp_path / "one.json"
    path.write_text(serialize.to_json(LATER), "utf-8")
    code, _out, err = check(path, capsys)
    assert 2 == code
    assert err[0].startswith(f"upwork-safety check: error: {path}: (contract 'c2'): --now {NOW}: ")


def test_the_contracts_the_review_takes_are_reviewed_as_before(tmp_path, capsys):
    """A list the review takes prints a heading per contract."""
    path = tmp_path / "fine.json"
    path.write_text(
        serialize.to_json([FINE, escrow.replay(offer("c3"), [Fund("m1", utc(2026, 1, 1))])]),
        "utf-8",
    )
    code, out, err = check(path, capsys)
    assert (0, []) == (code, err)
    assert "Contract c1 at" in out
    assert "Contract c3 at" in out
