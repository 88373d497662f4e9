"""The hand-written escrow examples of docs/cli.md load as written and check as the page says.

Red team r19 M2: a CLI-only user had to guess the escrow JSON of a funded or
submitted milestone from the errors.  The page now shows one file per common
state; these tests pin that each loads and what ``check`` finds in it.
"""

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from upwork_safety import Contract, MilestoneState, Money, cli, serialize
from upwork_safety.checks import FindingCode, review_contract
from upwork_safety.errors import InvalidDataError

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "cli.md").read_text("utf-8")
JSON_FILE = re.compile(r"^`([\w.-]+\.json)`[^\n]*\n\n```json\n(.*?)^```", re.MULTILINE | re.DOTALL)
FILES = dict(JSON_FILE.findall(PAGE))
KARACHI = timezone(timedelta(hours=5))
UTC = timezone.utc
AMOUNT = Money("430.00", "USD")

#: file -> (state, {moment: [(code, due)]}) as the page describes them.
EXPECTED = {
    "funded.json": (MilestoneState.FUNDED, {datetime(2026, 3, 5, 10, tzinfo=KARACHI): []}),
    "submitted.json": (
        MilestoneState.SUBMITTED,
        {
            datetime(2026, 3, 10, 10, tzinfo=KARACHI): [
                (FindingCode.REVIEW_PERIOD_RUNNING, datetime(2026, 3, 23, 15, tzinfo=UTC))
            ],
            datetime(2026, 3, 24, 10, tzinfo=KARACHI): [
                (FindingCode.FUNDS_PENDING, datetime(2026, 3, 28, 15, tzinfo=UTC))
            ],
        },
    ),
    "changes.json": (
        MilestoneState.CHANGES_REQUESTED,
        {
            datetime(2026, 3, 12, 10, tzinfo=KARACHI): [
                # Waiting for the freelancer: due at the first dormancy notice (review r38).
                # Dated by its RequestChanges (review r41, 1), not the contract's first day.
                (FindingCode.CHANGES_REQUESTED, datetime(2026, 5, 26, 12, tzinfo=UTC))
            ]
        },
    ),
    "approved.json": (
        MilestoneState.PAID,
        {
            datetime(2026, 3, 24, 10, tzinfo=KARACHI): [
                (FindingCode.FUNDS_PENDING, datetime(2026, 3, 28, 15, tzinfo=UTC))
            ],
            datetime(2026, 3, 28, 20, tzinfo=KARACHI): [],
        },
    ),
}


def test_page_shows_one_file_per_common_state():
    """cli.md shows the funded, submitted, changes-requested and approved files."""
    assert set(EXPECTED) <= set(FILES)


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_json_file_on_the_page_loads_as_written(name):
    """Every JSON file docs/cli.md shows is read by the library without a change."""
    data = json.loads(FILES[name])
    loaded = [serialize.from_dict(Contract, c) for c in (data if type(data) is list else [data])]
    assert all(isinstance(c, Contract) for c in loaded)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_escrow_example_has_its_state_and_findings(name):
    """Each escrow example is in its state, holds the milestone's amount, and checks as shown."""
    state, moments = EXPECTED[name]
    contract = serialize.from_json(Contract, FILES[name])
    (milestone,) = contract.milestones
    assert (state, AMOUNT, AMOUNT) == (milestone.state, milestone.amount, milestone.escrow.funded)
    for now, findings in moments.items():
        found = review_contract(contract, now=now)
        assert findings == [(f.code, f.due) for f in found]
        assert all(AMOUNT == f.amount and "m1" == f.milestone_id for f in found)


def test_submitted_example_checks_the_same_from_the_command_line(tmp_path, capsys):
    """`check submitted.json --json` on 24 March gives FUNDS_PENDING until 28 March 15:00 UTC."""
    path = tmp_path / "submitted.json"
    path.write_text(FILES["submitted.json"], encoding="utf-8")
    assert 0 == cli.main(["check", str(path), "--now", "2026-03-24T10:00:00+05:00", "--json"])
    (report,) = json.loads(capsys.readouterr().out)
    assert [("FUNDS_PENDING", "2026-03-28T15:00:00+00:00")] == [
        (f["code"], f["due"]) for f in report["findings"]
    ]


def _submitted_escrow(**escrow):
    data = json.loads(FILES["submitted.json"])
    data["milestones"][0]["escrow"] = {"state": "submitted", **escrow}
    return json.dumps(data)


def test_submitted_without_funded_says_to_give_funded_and_held():
    """Regression r19 M2: a submitted escrow without 'funded' said only 'required field missing'."""
    text = _submitted_escrow(submitted_at="2026-03-09T20:00:00+05:00")
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_json(Contract, text)
    (problem,) = caught.value.problems
    assert ("$.milestones[0].escrow.funded", "required") == (problem.path, problem.rule)
    assert '"funded" and "held"' in problem.message


def test_submitted_without_held_says_held_equals_funded():
    """Regression r19 M2: a submitted escrow funded but not held names the held to give."""
    usd = {"amount": "430.00", "currency": "USD"}
    text = _submitted_escrow(funded=usd, submitted_at="2026-03-09T20:00:00+05:00")
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_json(Contract, text)
    (problem,) = caught.value.problems
    assert "$.milestones[0].escrow.funded" == problem.path
    assert "give held equal to funded (USD 430.00)" in problem.message


def test_a_paid_escrow_gets_no_held_hint():
    """The hint is only for states that hold everything funded; a paid escrow is not one."""
    usd = {"amount": "430.00", "currency": "USD"}
    data = json.loads(FILES["approved.json"])
    data["milestones"][0]["escrow"] = {"state": "paid", "funded": usd}
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_dict(Contract, data)
    (problem,) = caught.value.problems
    assert "give held" not in problem.message
