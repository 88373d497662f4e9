"""The hourly example of docs/cli.md: `check` gives the review window and the payday.

Red team r20 M1: from the terminal an hourly freelancer could not learn when
last week's hours can be disputed or when the pay becomes available; `check`
said "No findings" for a fully protected week.  Hand-checked against
DOMAIN.md section 3 for the week of Mon 2026-11-30: the client can dispute
until Fri 11 Dec 23:59:59 UTC, the pay is available Wed 16 Dec 00:00 UTC
(05:00 in Pakistan), Top Rated from Sat 12 Dec 00:00 UTC.
"""

import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from upwork_safety import Contract, Money, cli, serialize

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "cli.md").read_text("utf-8")
JSON_FILE = re.compile(r"^`([\w.-]+\.json)`[^\n]*\n\n```json\n(.*?)^```", re.MULTILINE | re.DOTALL)
WEEK = dict(JSON_FILE.findall(PAGE))["week.json"]
UTC = timezone.utc

#: --now -> [(code, due, amount)] as the page describes them.
EXPECTED = {
    "2026-12-08T10:00:00+05:00": [
        ("UNPROTECTED_HOURS", datetime(2026, 12, 11, 23, 59, 59, tzinfo=UTC), "75.00"),
        ("HOURS_IN_REVIEW", datetime(2026, 12, 11, 23, 59, 59, tzinfo=UTC), "180.00"),
    ],
    "2026-12-12T10:00:00+05:00": [
        ("HOURS_PENDING", datetime(2026, 12, 16, tzinfo=UTC), "180.00"),
    ],
}


@pytest.fixture
def week_file(tmp_path):
    """week.json as the page shows it."""
    path = tmp_path / "week.json"
    path.write_text(WEEK, encoding="utf-8")
    return path


@pytest.mark.parametrize("now", sorted(EXPECTED))
def test_check_json_gives_the_window_and_the_payday(week_file, capsys, now):
    """`check week.json --json` gives each finding's code, due moment and amount."""
    assert 0 == cli.main(["check", str(week_file), "--now", now, "--json"])
    (report,) = json.loads(capsys.readouterr().out)
    assert [(c, d.isoformat(), {"amount": a, "currency": "USD"}) for c, d, a in EXPECTED[now]] == [
        (f["code"], f["due"], f["amount"]) for f in report["findings"]
    ]


def test_the_page_shows_what_check_prints(week_file, capsys):
    """The console example under `check` is the command's output for week.json, as printed."""
    block = PAGE[PAGE.index("$ upwork-safety check week.json") :]
    block = block[: block.index("```")]
    shown = []
    for now in sorted(EXPECTED):
        assert 0 == cli.main(["check", str(week_file), "--now", now])
        shown.append(f"$ upwork-safety check week.json --now {now}\n{capsys.readouterr().out}")
    assert block == "".join(shown)


def test_the_file_is_the_hourly_contract_the_page_describes():
    """12 hours at $15 in the week of 30 November 2026, of which $105 protected."""
    contract = serialize.from_json(Contract, WEEK)
    assert (4, Money("15.00", "USD")) == (len(contract.time_entries), contract.hourly_rate)
