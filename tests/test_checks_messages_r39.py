"""The r39 scanner round: the outside writer's blind batch, and last round's open list.

Each kind of miss the batch showed (and the two left open in r38) is pinned here in new
wordings, none of them the batch's texts, with innocent neighbours beside each rule that
stay clear.  Every risky wording below was missed before the round's change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from _scanner import ACCOUNT, FEE, FUNDING, PAYMENT, REVIEW, SCOPE
from _scanner import rule_codes as _codes

if TYPE_CHECKING:
    from upwork_safety.checks import FindingCode

# ============================================================================ the batch's kinds


@pytest.mark.parametrize(
    ("text", "direction", "code"),
    [
        # A review threatened to call the reader a cheat, for money back.
        (
            "Paise wapas karo, nahi to feedback mein likhunga ke ye banda fraud hai",
            "incoming",
            REVIEW,
        ),
        ("Send half back or I'll write in my review that you are a scammer", "incoming", REVIEW),
        # A rating the client will "make sure" reads well, for free extra work.
        (
            "Add two more banners at no extra cost and I'll ensure your review is excellent",
            "incoming",
            REVIEW,
        ),
        # A rating promised in a message that asks for unpaid extra work.
        ("Logo ke saath banner bhi bana do, same budget mein. 5 star pakke.", "incoming", REVIEW),
        (
            (
                "Please also redo the pricing page, the budget stays where it is. "
                "Get it done and the five stars are yours."
            ),
            "incoming",
            REVIEW,
        ),
        # A partner or relative working on the very account the chat is on.
        ("Meri behen bhi isi profile se bids bhejegi jab main busy hun", "outgoing", ACCOUNT),
        ("My wife will log in to this account at night and keep working", "outgoing", ACCOUNT),
        # An account holder sought to front for the writer's work, for a cut.
        (
            "Need someone with a UK Upwork profile, you keep a 10% cut and I do the work",
            "incoming",
            ACCOUNT,
        ),
        ("Koi banda jiske paas verified Upwork account ho, 20% uska", "incoming", ACCOUNT),
        # An account made in the reader's name that the writer will run.
        (
            "Tumhare naam pe account banayenge, hum chalaenge aur tumhe 10 hazar mahana",
            "incoming",
            ACCOUNT,
        ),
        # The price kept, in Roman Urdu with the English verb.
        (
            "Logo ke saath business card bhi design kar dein, price zyada nahi hogi",
            "incoming",
            SCOPE,
        ),
        # The pay only after the launch, in Roman Urdu word order.
        ("Logo bhi bana dena please, aur paise launch ke baad hi clear honge", "incoming", FUNDING),
        # A sum named by what it buys, with no "fee".
        ("The recruiter on our side will collect your $30 registration tomorrow.", "incoming", FEE),
        ("Payroll collects the $35 enrollment on Monday, then training starts", "incoming", FEE),
        ("Pehle 1500 rupay activation, phir kaam milega", "incoming", FEE),
    ],
)
def test_a_missed_kind_of_risk_is_found(text: str, direction: str, code: FindingCode) -> None:
    """Each kind of the batch's misses, in new words, is found by the rules."""
    assert code in _codes(text, direction)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        # A payment forbidden outside Upwork, in Roman Urdu ("Upwork ke bahar ... mat").
        ("Upwork se bahar koi payment na lena, account band ho jayega", "incoming"),
        ("Is project ki koi bhi payment Upwork ke bahar mat lena please", "incoming"),
        # The product's payers paying by a method the product then offers.
        (
            "Our customers mostly pay via JazzCash, so the checkout needs a JazzCash option",
            "incoming",
        ),
        (
            (
                "Hamara client Payoneer se pay karta hai, isliye billing page mein Payoneer "
                "option bhi chahiye"
            ),
            "incoming",
        ),
        # A review promised for the work, or describing it, with nothing traded.
        ("I will write in my review that you were fast and honest", "incoming"),
        ("Review mein likh dunga ke kaam zabardast tha", "incoming"),
        ("I'll make sure your feedback is glowing once the milestone is approved", "incoming"),
        # A rating section of the product is still the product's.
        ("The new review section should show 5 stars in gold, thanks", "incoming"),
        # A relative's own account, or the account's logo.
        ("Mera partner apne account pe kaam karta hai, alag profile hai", "outgoing"),
        ("My partner designed this account's logo", "outgoing"),
        # An Upwork account holder invited to apply, with no front and no cut.
        ("We need someone with an Upwork account to apply to our job post", "incoming"),
        ("Anyone with an Upwork account can send a proposal, budget is $500", "incoming"),
        # The budget said to stay, with the work cut to fit, or postponed.
        ("Budget increase nahi ho sakta is month, next milestone mein dekhte hain", "incoming"),
        # Pay after launch said of a funded milestone's approval; a template's name.
        ("Milestone fund kar diya hai, payment launch ke baad approve karunga", "incoming"),
        ("Payment launch ke baad wale email template mein daal dein", "incoming"),
        # A registration page or the product's own members' registration.
        ("Build a $40 registration page for our gym", "incoming"),
        ("Our gym members pay a $40 registration, add it to the checkout", "incoming"),
    ],
)
def test_an_innocent_neighbour_stays_clear(text: str, direction: str) -> None:
    """Innocent wordings beside each mended kind give no code."""
    assert _codes(text, direction) == set()


def test_a_payment_asked_outside_upwork_still_is_found() -> None:
    """Reading "Upwork ke bahar mat" as forbidding the outside leaves a request standing."""
    assert PAYMENT in _codes("Payment Upwork ke bahar karo, Upwork pe nahi", "incoming")
    assert PAYMENT in _codes("Upwork pe mat bhejo, JazzCash kar do", "incoming")


# ============================================================ the r38 open list


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        # A key forbidden to others, then asked for by the writer.
        ("OTP kisi aur ko share mat karna, bas mujhe bhej do", "incoming"),
        ("Apna login kisi ke saath share na karna, mujhe bhej dein", "outgoing"),
        # The code the writer's own login sets off, asked for.
        ("When I log in from Lahore a code comes to your phone, just forward it to me", "incoming"),
        ("I will need a code once I log in from Doha, send me the code", "incoming"),
    ],
)
def test_a_credential_request_is_account_sharing(text: str, direction: str) -> None:
    """Last round's open credential requests are found (review r39, scanner r38 open list)."""
    assert ACCOUNT in _codes(text, direction)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Password kisi ko mat dena, mujhe bhi mat dena", "incoming"),
        ("Apna password kisi aur ko share mat karna, Upwork account band ho jata hai", "incoming"),
        ("When I log in tomorrow I'll send you the code for the homepage", "incoming"),
        ("Once I log in I will push the code to the repo", "outgoing"),
        ("When I log in to the server, the code throws an error, send me the logs", "incoming"),
    ],
)
def test_a_credential_neighbour_stays_clear(text: str, direction: str) -> None:
    """A key forbidden to everyone, or source code after a login, is no request."""
    assert ACCOUNT not in _codes(text, direction)


@pytest.mark.parametrize(
    "text",
    [
        "Beware of fake clients, selling my Upwork account for $500, pay via Binance",
        "Warning: fake buyers everywhere, so my Upwork account for $450, USDT only",
    ],
)
def test_a_warning_about_something_else_leaves_an_account_deal_paid_off_upwork(text: str) -> None:
    """A warning clears an account deal's payment only when it is about the deal itself."""
    assert PAYMENT in _codes(text, "incoming")


@pytest.mark.parametrize(
    "text",
    [
        "Beware, people selling Upwork accounts for $500 via Binance are scammers",
        "I got a message offering to buy my Upwork account for $300 via Binance, is this legit?",
    ],
)
def test_a_warning_about_the_deal_still_clears_it(text: str) -> None:
    """A warning in the deal's own clause still clears its payment."""
    assert PAYMENT not in _codes(text, "incoming")
