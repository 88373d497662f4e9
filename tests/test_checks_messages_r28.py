"""The r28 scanner round: wordings of each family that the rules did not read.

Review r28 (scanner): 72 development messages written by an outside hand were
added to ``messages.json``, and the rules missed ten of them; each case below
is a kind of those misses, in other words than the development message's, and
gave the opposite answer before this round, read by the rules alone:

* more work with the price kept said otherwise: "same fixed price", "rate wahi
  rakho", "budget is tight so cannot increase" (and "can't increase the budget"
  was read as the budget raised), and the old size told in the past before the
  new one asked for ("2 minute ki thi lekin ab 5 minute ki bana do");
* the funding refused ahead of the work ("I don't fund milestones in advance"),
  the escrow waved off and the work wanted by a time ("escrow ka wait mat karo,
  ... chahiye"), the ground of the work laid while the offer waits ("set up the
  repo");
* a security lodged in Roman Urdu ("security jama karwani hogi"), Connects bought
  with the receipt sent to the writer, a priced course made mandatory;
* a refund asked "ya phir" a bad review, a discount with its share before the
  rating;
* accounts paid for as such ("we pay $200/month for verified Pakistani accounts").

A fourteenth held-out set, written by an outside hand that never saw the rules,
was committed and scored before the change and never read.
"""

import pytest

from _scanner import ACCOUNT, FEE, FUNDING, REVIEW, SCOPE
from _scanner import rule_codes as _codes
from upwork_safety.checks import FindingCode


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The logo pack was 3 files, now we need 10, same agreed price.", SCOPE),
        ("Article 800 words ka tha, ab 1500 words ka likh do, rate wahi rakho", SCOPE),
        ("Please add a blog section as well. Sorry, we cannot increase the budget.", SCOPE),
        ("We don't fund milestones in advance, send the first screens and we'll see.", FUNDING),
        ("Contract ka wait mat karo, kal subah tak homepage chahiye", FUNDING),
        (
            (
                "The offer comes after our board meeting next week. Meanwhile please set up "
                "the backend so we save time."
            ),
            FUNDING,
        ),
        ("Laptop milega lekin 20000 security jama karwani hogi, wapas ho jayegi", FEE),
        ("50 connects khareed lo aur receipt bhej do, phir contract bhejunga", FEE),
        ("Our $45 onboarding course is mandatory before we assign any tasks.", FEE),
        ("Refund karo ya phir bura review milega", REVIEW),
        ("Discount de do 20%, 5 star review de dunga", REVIEW),
        ("We pay $150 a month for verified local accounts, you just stay logged in.", ACCOUNT),
    ],
)
def test_a_missed_kind_of_risk_is_found(text: str, code: FindingCode) -> None:
    """The rules alone find the code (they found nothing of it before r28)."""
    assert code in _codes(text)


@pytest.mark.parametrize(
    "text",
    [
        # A price kept is not more work by itself; a new contract at the same rate is paid for.
        "Thoda aur kaam hai, naya contract bhej raha hoon, rate wahi $15/hr chalega?",
        # The budget raised for the extra work pays for it.
        "I'll increase the budget, please also add the FAQ page.",
        # Each milestone funded before its work: the normal order.
        "We don't fund milestones in advance, each one is funded before you start it.",
        # The milestone funded first, the set-up after it.
        "Please set up the repo once the milestone is funded.",
        # Connects bought by the writer, shown to no one.
        "I bought 60 connects last week for my own proposals.",
        # A priced course the product's students take.
        "The $99 course is required for all our students, add it to the pricing page.",
        # A security deposit field built.
        "Security deposit wala field form mein add kar dein",
        # Verified accounts of the product's users.
        "Our app shows a badge for verified accounts, please make it blue.",
    ],
)
def test_an_innocent_neighbour_stays_clear(text: str) -> None:
    """The widened rules find nothing in these (nor did the rules before)."""
    assert set() == _codes(text)


def test_cant_increase_the_budget_is_the_price_kept_not_raised() -> None:
    """A budget that "can't increase" was read as the budget raised, which pays for the extra
    and cleared scope creep; it keeps the price (r28)."""
    assert {SCOPE} == _codes("Also add a pricing page please, we can't increase the budget.")
