"""UNPROTECTED_HOURS says which hours are unprotected for which reason, and its note names them all.

Red team r20 L2 (newcomer): for a week with 2:00 h of manual time and 3:00 h
at activity 0, ``upwork-safety check`` printed "5:00 h billed last week ...
is not covered by Hourly Protection" (the breakdown was only in ``--json``'s
evidence), and the suggested note named the manual 2:00 h alone.
"""

import json
from datetime import date, datetime, timedelta, timezone

from upwork_safety import Client, Contract, ContractKind, Money, checks, cli, hourly, serialize
from upwork_safety.checks import FindingCode
from upwork_safety.models import TimeEntry

UTC = timezone.utc
KARACHI = timezone(timedelta(hours=5))
NOW = datetime(2026, 12, 8, 10, tzinfo=KARACHI)


def entry(month, day, hour, hours, **kwargs):
    """A desktop-app entry, Karachi time, with a memo and activity unless told otherwise."""
    start = datetime(2026, month, day, hour, tzinfo=KARACHI)
    values = {"memo": "API work", "activity": 7} | kwargs
    return TimeEntry(start, start + timedelta(hours=hours), **values)


def contract(entries):
    """An hourly contract at $15/h with a verified client."""
    return Contract(
        "h1",
        Client("acme", "Acme", payment_verified=True),
        ContractKind.HOURLY,
        date(2026, 11, 1),
        hourly_rate=Money("15.00", "USD"),
        weekly_limit=20,
        time_entries=entries,
    )


NEWCOMER = contract(
    [
        entry(11, 30, 10, 4),
        entry(12, 1, 20, 2, manual=True, memo="Client call", activity=8),
        entry(12, 3, 9, 3, memo="Bugfix", activity=0),
    ]
)


def unprotected(job, now=NOW):
    """The one UNPROTECTED_HOURS finding of *job* at *now*."""
    (finding,) = [
        f for f in checks.review_contract(job, now=now) if f.code is FindingCode.UNPROTECTED_HOURS
    ]
    return finding


def test_message_gives_the_hours_of_every_reason_the_engine_gives():
    """Regression r20 L2: the message named 5:00 h and no reason; now each reason's hours."""
    finding = unprotected(NEWCOMER)
    bill = hourly.invoice_for(NEWCOMER, week=hourly.billing_week(datetime(2026, 12, 1, tzinfo=UTC)))
    by_reason = bill.time_by_reason()
    assert {
        hourly.UnprotectedReason.MANUAL: timedelta(hours=2),
        hourly.UnprotectedReason.LOW_ACTIVITY: timedelta(hours=3),
    } == by_reason
    assert "2:00 h, manual time" in finding.message
    assert "3:00 h, activity not recorded or below the threshold" in finding.message
    for reason in by_reason:
        assert reason.explanation in finding.message
    assert "more than one reason" not in finding.message  # no time fails two rules here


def test_script_names_the_low_activity_hours_beside_the_manual_ones():
    """Regression r20 L2: the note said 'I added 2:00 h of manual time' and nothing of the 3:00 h."""
    script = unprotected(NEWCOMER).script
    assert "I added 2:00 h of manual time last week" in script
    assert "3:00 h of tracked time shows little or no activity" in script
    assert "the details are in the memos" in script


def test_script_names_time_without_a_memo_and_does_not_point_to_memos():
    """Manual time, idle time and time without a memo: all three in the note, no memo claim."""
    job = contract(
        [
            entry(12, 1, 20, 2, manual=True, memo="Client call", activity=8),
            entry(12, 3, 9, 3, activity=0),
            entry(12, 4, 9, 1, memo=""),
        ]
    )
    script = unprotected(job).script
    assert "I added 2:00 h of manual time" in script
    assert "3:00 h of tracked time shows little or no activity" in script
    assert "1:00 h has no memo" in script
    assert "memos" not in script
    assert "what I worked on in those hours" in script


def test_manual_time_without_activity_is_said_once_in_the_note():
    """Manual time records no activity: the note does not count it again as idle tracked time."""
    job = contract([entry(12, 1, 20, 2, manual=True, memo="Client call", activity=None)])
    finding = unprotected(job)
    assert "tracked time" not in finding.script
    assert "I added 2:00 h of manual time" in finding.script
    # The message gives both reasons of the same two hours, and says they overlap.
    assert "2:00 h, manual time" in finding.message
    assert "2:00 h, activity not recorded" in finding.message
    assert "more than one reason" in finding.message


def test_low_activity_alone_still_has_no_note():
    """Idle time alone has no honest note to the client (red team r10 #9): the script stays empty."""
    job = contract([entry(12, 3, 9, 3, activity=0)])
    assert "" == unprotected(job).script


def test_check_prints_the_reasons_in_text(tmp_path, capsys):
    """Regression r20 L2: `check` text output names the low-activity hours, as --json's evidence."""
    path = tmp_path / "hourly.json"
    path.write_text(serialize.to_json(NEWCOMER), encoding="utf-8")
    args = ["check", str(path), "--now", NOW.isoformat()]
    assert 0 == cli.main(args)
    text = " ".join(capsys.readouterr().out.split())
    assert 0 == cli.main([*args, "--json"])
    (report,) = json.loads(capsys.readouterr().out)
    (finding,) = [f for f in report["findings"] if f["code"] == "UNPROTECTED_HOURS"]
    assert "3:00 h activity not recorded or below the threshold" in finding["evidence"]
    assert "3:00 h, activity not recorded or below the threshold" in text
    assert "2:00 h, manual time" in text
