"""The r30 scanner round: wordings of each family that the rules did not read.

Review r30 (scanner dev-r30): 77 development messages written by an outside hand
were added to ``messages.json``; the scanner missed six of them and gave a wrong
extra code or a false alarm on four. Each case below is a kind of those misses or
false alarms, or of what the last round left (rating swaps said as an idiom, a
recruiter's Slack or Teams invite), in other words than the development message's,
and gave the opposite answer before this round, read by the rules alone:

* an unpaid assessment, exercise or challenge, and a free task handed over ("free
  task de raha hoon") with a hiring condition in the same or the next sentence;
* work asked for while the offer or contract is still to come ("offer Monday ko
  aaye gi", "contract parson aa jayega", "the contract will be sent Monday"), and
  hiring promised after a prototype or demo is shown;
* a refund asked for by a named method while Upwork's own refund is called slow;
* an Upwork account sold in one sentence and paid by a named method in the next;
* the price kept "as agreed" or "unchanged", and a count raised "from 30 to 50";
* ratings swapped by an idiom ("five for five", "swap 5-star reviews", "stars ke
  badle stars", "aap 5 do main 5 dunga", "I'll rate you 5 if you rate me 5"), and
  your own "a good rating would really help";
* a Slack or Teams workspace joined at a recruiter's invite, or the talk moved there;
* and clear again: the reader's wallet asked for so the writer can pay into it, a
  fee sent into a wallet (``UPFRONT_FEE`` alone), a Facebook or Meta pixel set up as
  work, and extra pages priced "$20 each".

A sixteenth held-out set, written by an outside hand that never saw the rules,
was committed and scored before the change and never read.
"""

import pytest

from _scanner import CONTACT, FEE, FUNDING, PAYMENT, REVIEW, SCOPE
from _scanner import rule_codes as _codes
from upwork_safety.checks import FindingCode


@pytest.mark.parametrize(
    ("text", "direction", "code"),
    [
        (
            "Next stage: an unpaid exercise, build a small REST API and mail it.",
            "incoming",
            FUNDING,
        ),
        (
            "Ek free assignment bhej raha hoon, logo redesign. Pasand aaya to project aap ka.",
            "incoming",
            FUNDING,
        ),
        (
            "I'm sending you a free exercise now. If it turns out good, the contract is yours.",
            "incoming",
            FUNDING,
        ),
        ("Contract parson aa jayega, aap aaj se wireframes bana dein.", "incoming", FUNDING),
        (
            "The contract will be sent Friday. Please code the login screen meanwhile.",
            "incoming",
            FUNDING,
        ),
        (
            "We will hire you once you build us a small demo of the chatbot.",
            "incoming",
            FUNDING,
        ),
        ("Refund me through Sadapay please, Upwork refund takes ages.", "incoming", PAYMENT),
        (
            "Selling an aged Upwork profile with 25 reviews. Price 450, Skrill or BTC accepted.",
            "outgoing",
            PAYMENT,
        ),
        ("Grow the course from 8 to 12 videos, the fee remains unchanged.", "incoming", SCOPE),
        ("Add a pricing page too, price stays as agreed.", "incoming", SCOPE),
        ("How about five for five when we both leave feedback?", "incoming", REVIEW),
        ("Let's swap reviews when the contract closes, deal?", "outgoing", REVIEW),
        ("Rating ke badle rating, theek hai? Contract band karte waqt.", "incoming", REVIEW),
        ("Tum 5 do main bhi 5 dunga, feedback mein.", "incoming", REVIEW),
        ("We'll give you 5 stars once you rate us 5 too.", "incoming", REVIEW),
        ("A good review would truly help my new profile.", "outgoing", REVIEW),
        (
            "I'm a hiring manager at Orbit. Join our Slack for the second interview round.",
            "incoming",
            CONTACT,
        ),
        ("Recruiter here: let's continue this chat on Microsoft Teams.", "incoming", CONTACT),
    ],
)
def test_a_missed_kind_of_risk_is_found(text: str, direction: str, code: FindingCode) -> None:
    """The rules alone find the code (they found nothing of it before r30)."""
    assert code in _codes(text, direction)


@pytest.mark.parametrize(
    ("text", "direction", "code"),
    [
        ("We pay in crypto only. Please send me your USDT wallet address.", "incoming", FEE),
        ("Account activate karne ke liye 15 USDT wallet mein bhejna hoga.", "incoming", PAYMENT),
        (
            "Could you configure Google Tag Manager and the Facebook pixel as well?",
            "incoming",
            CONTACT,
        ),
        (
            "We'll pay for the extra screens, add them to the next milestone before it's funded.",
            "incoming",
            SCOPE,
        ),
    ],
)
def test_a_false_alarm_kind_is_clear(text: str, direction: str, code: FindingCode) -> None:
    """The rules alone no longer give the code (they gave it before r30)."""
    assert code not in _codes(text, direction)


def test_a_fee_sent_into_a_wallet_is_still_a_fee() -> None:
    """The payment code is cleared for a fee paid in, the fee itself still found."""
    assert FEE in _codes("Account activate karne ke liye 15 USDT wallet mein bhejna hoga.")


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        # Money swapped, not ratings.
        ("Aap 5 do main 5 dunga, kitaabon ka set hai.", "incoming"),
        # A product's customers given something free, not a trial asked of the reader.
        ("We're giving our subscribers a free design audit to see what fits.", "incoming"),
        # "aage" (later, forward) is not "will come".
        ("Launch aage kar diya hai, aap aram se design bana dein.", "incoming"),
        # The contract sent and the work told to wait for it.
        ("The contract will be sent Monday, please don't start before it.", "incoming"),
        # The next milestone funded after a demo of this one: the normal order.
        ("We'll fund milestone 2 after the demo of milestone 1.", "incoming"),
        # Feedback exchanged on a draft, and a price "five for five dollars".
        ("Let's exchange feedback on the storyboard tomorrow.", "incoming"),
        ("The sticker pack is five for five dollars in the shop mockup.", "incoming"),
        # The product's users swap ratings.
        ("Riders and drivers swap ratings after each trip in the app.", "incoming"),
        # Slack in a running contract, or declined.
        ("Once the contract starts I'll add you to our Slack workspace.", "incoming"),
        ("We use Teams internally, but you don't have to join; Upwork chat is fine.", "incoming"),
        # Upwork's refund used, no method named.
        ("Refund Upwork se kar diya hai, 5 din mein aa jayega.", "incoming"),
        # An account sale refused, then a method named in another sense.
        ("I will never sell my Upwork account. Thanks for asking.", "outgoing"),
    ],
)
def test_an_innocent_neighbour_stays_clear(text: str, direction: str) -> None:
    """The widened rules find nothing in these."""
    assert set() == _codes(text, direction)
