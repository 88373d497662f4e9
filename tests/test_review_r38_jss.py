"""Round 38, newcomer pass 6: an unscored report says when no contract has ended or has feedback.

Before, 40 members' exported contracts all scored ``None`` with a reason
("0 eligible job(s) from 0 client(s)") that did not say why.
"""

from __future__ import annotations

from datetime import date

import attrs

from upwork_safety import Feedback, jss, statements

HEADER = (
    "Date,Transaction ID,Transaction Type,Transaction Summary,Transaction Summary Details,"
    "Description 1,Description 2,Description 3,Agency,Freelancer,Team,Account Name,PO,"
    "Ref ID,Amount $,Amount in local currency,Currency,Current Balance $,Payment Method\n"
)
EXPORT = (
    HEADER
    + '"Mar 01, 2022",2,Fixed-price,Logo,,,,,,,Globex,,,,100.00,,,300.00,\n'
    + '"Jan 03, 2022",1,Fixed-price,Website,,,,,,,Initech,,,,200.00,,,200.00,\n'
)
AS_OF = date(2026, 11, 30)


def test_exported_contracts_unscored_reason_says_they_are_open_with_no_feedback() -> None:
    contracts = statements.to_contracts(statements.parse(EXPORT))
    assert all(c.ended is None and c.feedback is None for c in contracts)
    report = jss.score(contracts, as_of=AS_OF, rules=jss.CURRENT)
    assert report.score is None
    assert isinstance(report.reason, str)
    assert report.reason.startswith("not eligible")
    assert "none of the 2 contracts has ended or has feedback" in report.reason
    assert "Contract.ended" in report.reason
    (batch,) = jss.score_many([contracts], as_of=AS_OF, rules=jss.CURRENT)
    assert batch.reason == report.reason


def test_the_note_is_not_added_once_a_contract_has_ended_with_feedback() -> None:
    first, second = statements.to_contracts(statements.parse(EXPORT))
    ended = attrs.evolve(first, ended=first.started, feedback=Feedback(stars=5))
    report = jss.score([ended, second], as_of=AS_OF, rules=jss.CURRENT)
    assert report.score is None
    assert "has ended or has feedback" not in report.reason


def test_one_open_contract_reason_says_it_has_not_ended_and_has_no_feedback() -> None:
    """Round 38, hostile2 pass 6: for one contract the reason said the reverse of the fact."""
    (first, _second) = statements.to_contracts(statements.parse(EXPORT))
    report = jss.score([first], as_of=AS_OF, rules=jss.CURRENT)
    assert report.score is None
    assert report.window is None
    assert [impact.contract_id for impact in report.impacts] == [first.id]
    assert first.ended is None
    assert first.feedback is None
    assert "the contract has not ended and has no feedback" in report.reason
    assert "the contract has ended" not in report.reason
