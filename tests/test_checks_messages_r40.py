"""The r40 scanner round: the outside writer's blind batch.

Each kind of miss (and of false alarm) the batch showed that the round mends is pinned here
in new wordings, none of them the batch's texts, with innocent neighbours beside each rule
that stay clear.  Every risky wording below was missed before the round's change, and every
wording under "no longer a false alarm" was flagged before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from _scanner import ACCOUNT, FUNDING, PAYMENT, REVIEW, SCOPE
from _scanner import rule_codes as _codes

if TYPE_CHECKING:
    from upwork_safety.checks import FindingCode

# ============================================================================ the batch's kinds


@pytest.mark.parametrize(
    ("text", "direction", "code"),
    [
        # Work asked "till then" (tab tak), any task, while the funding is put off.
        ("Contract kal bhejunga, tab tak logo ke 3 concepts tayyar kar do", "incoming", FUNDING),
        ("Fund agle hafte karunga, tab tak 20 SKUs upload kar do", "incoming", FUNDING),
        # Extra work asked as a habit (kar diya karo) with the budget held "for now".
        ("Invoices ke saath payroll bhi kar diya karo, same budget", "incoming", SCOPE),
        ("Thumbnails bhi bana do, rate abhi nahi barha sakte", "incoming", SCOPE),
        # A review threatened so that nobody gives the reader work, with "aap ko" before "koi".
        (
            "Paise wapas karo warna aisi rating dunga ke tumhe koi hire nahi karega",
            "incoming",
            REVIEW,
        ),
        # A contract or order taken through somebody else's account.
        ("I'll take the contract on my cousin's account, you won't notice", "outgoing", ACCOUNT),
        ("Main apni behen ke account se order accept kar lunga", "outgoing", ACCOUNT),
        ("Take the contract on your brother's account, he won't mind", "incoming", ACCOUNT),
    ],
)
def test_a_missed_kind_of_risk_is_found(text: str, direction: str, code: FindingCode) -> None:
    """Each new wording is found with its code (the rules alone, no model)."""
    assert code in _codes(text, direction)


@pytest.mark.parametrize(
    ("text", "direction", "code"),
    [
        # The funding under way as the client writes, the start a little later.
        ("Milestone abhi fund kar rahi hoon, kal se start kar dein", "incoming", FUNDING),
        ("I'm funding the first milestone right now, start in a bit", "incoming", FUNDING),
        # Payment methods as the books' data: a client's sales, bank feeds, transactions.
        (
            "The salon we do books for sells via Easypaisa; match those lines to invoices",
            "incoming",
            PAYMENT,
        ),
    ],
)
def test_no_longer_a_false_alarm(text: str, direction: str, code: FindingCode) -> None:
    """What was flagged before the round and is innocent by the writer's conventions."""
    assert code not in _codes(text, direction)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Milestone fund ho gaya hai, tab tak main brief bhejta hoon", "incoming"),
        ("Milestone fund kar diya hai, tab tak 10 products list kar do", "incoming"),
        ("Payroll bhi kar diya karo, iska alag milestone bana deta hoon", "incoming"),
        ("Weekly report bhej diya karo, jaisa contract mein likha hai", "incoming"),
        ("Aap ko aisa review milega ke aap ko koi client hire karega, kaam acha hai", "incoming"),
        ("Main apne account se contract le leta hoon", "outgoing"),
        ("I'll accept the contract on my account tonight", "outgoing"),
        ("Aap apne account se offer accept kar lein", "incoming"),
        ("Please reconcile the JazzCash transactions against the ledger", "incoming"),
    ],
)
def test_an_innocent_neighbour_stays_clear(text: str, direction: str) -> None:
    """The neighbours of each rule: funded first, paid extra, one's own account, work data."""
    assert _codes(text, direction) == set()


def test_a_put_off_funding_still_counts_beside_a_progressive() -> None:
    """Funding said of a later day is not funding under way."""
    assert FUNDING in _codes("I'm funding it next week, start now", "incoming")
    assert FUNDING in _codes("Milestone abhi fund nahi kar raha, tab tak kaam shuru kar do")


def test_a_payment_off_upwork_in_a_bookkeeping_message_still_is_found() -> None:
    """Books named in the message do not excuse a payment asked outside Upwork."""
    assert PAYMENT in _codes("I'll pay you on JazzCash for the reconciliation, skip the fee")


@pytest.mark.parametrize(
    "text",
    [
        "Share your JazzCash number, our transactions team will pay you there.",
        "Share your Easypaisa number, our ledger person will send the money there.",
        "Send your JazzCash account, the reconciliation desk releases payment there.",
        "JazzCash number bhejo, hamari transactions team wahan payment kar degi.",
    ],
)
def test_the_people_who_keep_the_books_paying_off_upwork_are_found(text: str) -> None:
    """Bookkeeping words excuse a method that is the work's data, not a team that pays
    (red team r40, second pass 1: these went silent with the round's first tuning)."""
    assert PAYMENT in _codes(text, "incoming")


@pytest.mark.parametrize(
    "text",
    [
        "Milestone abhi fund kar raha hoon, tab tak kaam shuru kar do.",
        "I'm funding it right now, please start working on the designs meanwhile.",
    ],
)
def test_work_asked_till_then_beside_funding_under_way_is_found(text: str) -> None:
    """Funding under way is not funded: work asked "till then" is work before it shows
    (red team r40, second pass 5)."""
    assert FUNDING in _codes(text, "incoming")


def test_funding_under_way_then_work_stays_clear() -> None:
    assert _codes("Milestone abhi fund kar raha hoon, phir aap kaam shuru kar dein.") == set()
    assert _codes("I'm funding it right now, you can start once it shows funded.") == set()
