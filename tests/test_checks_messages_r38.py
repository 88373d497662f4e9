"""The r38 scanner round: anchor keys derived from their patterns, and the batch's misses.

Review r38 (scanner 1): an anchor's literal keys are a speed prefilter; a sentence is
read for a code only where one of them occurs, so a key list written by hand that misses
one of the pattern's wordings hides a real match.  The r38 development batch showed one
("... anything else within scope needs tweaking" matched the new-payment anchor and
none of its keys).  Generating texts from each anchor's pattern found the same kind of
gap in twenty of the thirty anchors ("paanch star dunga", "ek dusray ka", "das minute ka
kaam", "would hire again", ...).  The keys are now derived from the pattern
(:mod:`upwork_safety.checks._keys`), and the tests below pin that on wordings no message
set holds.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _scanner import ACCOUNT, FUNDING, REVIEW
from _scanner import rule_codes as _codes
from test_checks_corpus import ANCHORS
from upwork_safety import checks
from upwork_safety.checks import FindingCode, _scope
from upwork_safety.checks._keys import keys_pattern, required_keys
from upwork_safety.checks._normalise import normalise

# ============================================================================ anchor keys


@pytest.mark.parametrize(
    "text",
    [
        "Tell me if another tweak within the scope is needed.",
        "Happy to fix anything within scope, just list it.",
        "Two more revisions are within the revisions you offered, right?",
    ],
)
def test_the_new_payment_anchor_keys_find_an_in_scope_wording(text: str) -> None:
    """Where the new-payment anchor's pattern matches, its keys do too (review r38, scanner 1)."""
    normal = normalise(text).text
    anchor = _scope._NEW_PAY_ANCHOR
    assert anchor.pattern.search(normal) is not None
    assert anchor.keys.search(normal) is not None


@pytest.mark.parametrize("name", sorted(ANCHORS))
def test_anchor_keys_find_every_text_generated_from_the_pattern(name: str) -> None:
    """Texts generated from an anchor's own pattern all hold one of its keys."""
    anchor = ANCHORS[name]

    @settings(
        max_examples=150,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.from_regex(anchor.pattern, alphabet=st.characters(codec="ascii")))
    def keys_hold(text: str) -> None:
        if anchor.pattern.search(text) is not None:
            assert anchor.keys.search(text) is not None, text

    keys_hold()


@pytest.mark.parametrize(
    ("pattern", "keys"),
    [
        (
            r"\b(?:within|in) (?:the )?scope\b",
            {"in scope", "in the scope", "within scope", "within the scope"},
        ),
        (r"\bextra \w+ (?:page|screen)s?\b", {"extra "}),
        (r"\b(?:paanch|5)[ -]star\b", {"paanch star", "paanch-star", "5 star", "5-star"}),
        (r"(?:ab|cd)+x", {"ab", "cd"}),
        (r"\w+", set()),
        (r"a|\w", set()),
    ],
)
def test_required_keys_are_what_every_match_holds(pattern: str, keys: set[str]) -> None:
    """The derived keys of small patterns, one of which every match holds."""
    assert required_keys(pattern) == keys


@given(st.from_regex(re.compile(r"\$\d{2,4}|\b\d{3} rs\b"), fullmatch=True))
@settings(suppress_health_check=list(HealthCheck))
def test_a_digit_key_finds_any_decimal_digit(text: str) -> None:
    """A digit in a key stands for any decimal digit, not only 0 to 9 (``\\d`` is Unicode)."""
    assert keys_pattern(r"\$\d{2,4}|\b\d{3} rs\b").search(text) is not None


def test_a_pattern_needing_no_literal_text_lets_every_text_through() -> None:
    """With no key to find, the prefilter hides nothing."""
    assert keys_pattern(r"\w+\s\w+").search("anything at all") is not None


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"(?i)abc", "ABC"),
        (r"(?i:scope)", "SCOPE"),
        (r"\bextra (?i:Page)s?\b", "extra PAGE"),
        (r"(?:within|(?i:IN)) scope", "In scope"),
    ],
)
def test_a_case_insensitive_piece_is_never_hidden_by_its_keys(pattern: str, text: str) -> None:
    """``(?i)`` and ``(?i:...)`` match other cases than their literals (review r38, diff review 9)."""
    assert re.search(pattern, text) is not None
    assert keys_pattern(pattern).search(text) is not None


def test_a_case_insensitive_piece_claims_no_key_but_its_neighbours_still_do() -> None:
    assert required_keys(r"(?i)abc") == frozenset()
    assert required_keys(r"(?i:scope) of work") == {" of work"}


# ============================================================================ the batch's kinds


@pytest.mark.parametrize(
    ("text", "direction", "code"),
    [
        # A bare account word sold, rented or bought, in Roman Urdu word order (scanner 2).
        ("Account bech do, 200 dollar dunga", "incoming", ACCOUNT),
        ("ID rent pe de do, har mahine 15 hazar", "incoming", ACCOUNT),
        ("Theek hai, account kharidna hai mujhe, 5 star wala", "incoming", ACCOUNT),
        # A rating held by the Roman Urdu "tab ... jab" (then ... when) condition (scanner 4).
        ("Review acha tab likhunga jab aap 20% discount denge", "incoming", REVIEW),
        ("Rating tab 5 star dunga jab refund milega", "incoming", REVIEW),
        ("Review tabhi acha milega jab aap 2 aur designs free mein denge", "incoming", REVIEW),
    ],
)
def test_a_missed_kind_of_risk_is_found(text: str, direction: str, code: FindingCode) -> None:
    """Each kind of the batch's misses, in new words, is found by the rules."""
    assert code in _codes(text, direction)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        # Another service's account sold, an account made, a sale forbidden (scanner 2).
        ("Gmail account bechna hai?", "incoming"),
        ("Account banana hai Upwork pe, madad kar do", "incoming"),
        ("Is shop ke account se products bechne hain", "incoming"),
        ("Account setup kar do, phir products sell karenge", "incoming"),
        # A rating after the work is done, or one given in the past (scanner 4).
        ("Jab project complete hoga tab 5 star dunga, pakka", "incoming"),
        ("Maine 5 star de diya tha jab aap ne free revision ki thi, thanks", "incoming"),
        ("Feedback to acha hi hai, bas font theek kar do", "incoming"),
        # Upwork's release on approval, with the verb as "releases" (scanner 6).
        ("Escrow releases the money once I approve.", "incoming"),
        ("So Upwork keeps the funds and releases them after I approve the work?", "incoming"),
        ("The system releases payment when I approve each milestone, right?", "incoming"),
        # A warning with the verb before its "mat" (scanner 3).
        (
            "Offer se pehle apna phone number ya email share mat karna, Upwork account ban kar deta hai.",
            "incoming",
        ),
        ("Apna number ya email share mat karna, Upwork account suspend kar deta hai", "incoming"),
        ("Apna login password share mat karna, Upwork account band ho jata hai", "outgoing"),
    ],
)
def test_an_innocent_neighbour_stays_clear(text: str, direction: str) -> None:
    """Innocent wordings beside each mended kind give no code."""
    assert _codes(text, direction) == set()


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Apna login mujhe share karo, main bids laga dunga", "incoming"),
        ("Mujhe apna Upwork OTP share karo, jaldi", "incoming"),
    ],
)
def test_a_request_to_share_still_is_account_sharing(text: str, direction: str) -> None:
    """The warning's "share mat karna" leaves a plain request to share as it was."""
    assert ACCOUNT in _codes(text, direction)


@pytest.mark.parametrize(
    "text",
    [
        "Do the whole site first and I pay when I approve it, no milestone.",
        "Work first, our finance team releases payment when the app is live, no escrow needed.",
        (
            "Our investor releases the next round in two weeks, so please start the dashboard "
            "now and we'll set up the contract when the money comes in."
        ),
    ],
)
def test_pay_after_the_work_still_is_start_before_funding(text: str) -> None:
    """Reading "releases" as Upwork's release leaves pay-after-the-work as it was."""
    assert FUNDING in _codes(text, "incoming")


# ============================================================ the second red team and newcomer


@pytest.mark.parametrize(
    "text",
    [
        "Phone number share mat karna, bas apna Upwork password mujhe bhej dein",
        "WhatsApp pe kisi ko share mat karna, Upwork ka login aur OTP mujhe de do",
        "Client ko email dena mat, apni Upwork ID ka password mujhe bhejo",
    ],
)
def test_a_request_after_a_prohibition_still_is_account_sharing(text: str) -> None:
    """A "... share mat karna" forbids what it names, not a request after it (review r38, hostile2 1)."""
    assert ACCOUNT in _codes(text, "incoming")


@pytest.mark.parametrize(
    "text",
    [
        "Apna password kisi ko share mat karna, mujhe bhi mat dena",
        "OTP kisi ko mat batana, mujhe bhi nahi, Upwork kabhi nahi maangta",
        "Be careful: log say send me your password, never share it",
    ],
)
def test_a_prohibition_with_no_request_after_it_still_settles(text: str) -> None:
    """A prohibition that forbids the writer too, or is a warning only, stays clear."""
    assert ACCOUNT not in _codes(text, "incoming")


@pytest.mark.parametrize(
    "text",
    [
        "Careful bhai, Upwork ka verification code aayega, woh code mujhe bhej dena",
        "Heads up: Upwork will text you a 6 digit OTP, please send it to me",
        "Warning, my Upwork login needs your phone's code today, send me the code",
        "Beware of the 2FA prompt, then send me the OTP from your Upwork app",
    ],
)
def test_a_request_after_any_warning_still_is_account_sharing(text: str) -> None:
    """Every warning, not only a prohibition, leaves a request after it standing (review r38, diff review 1)."""
    assert ACCOUNT in _codes(text, "incoming")


@pytest.mark.parametrize(
    "text",
    [
        "Careful bhai, Upwork ka verification code aayega, woh code kisi ko mat dena",
        "Heads up: Upwork will text you a 6 digit OTP, keep it to yourself",
        "Warning, scammers ask for the code Upwork sends you, never send it to anyone",
        "Beware of anyone who asks you to send them your Upwork OTP",
    ],
)
def test_a_warning_with_no_request_after_it_still_settles(text: str) -> None:
    """A warning followed by no request to the writer stays clear (review r38, diff review 1)."""
    assert ACCOUNT not in _codes(text, "incoming")


@pytest.mark.parametrize(
    "text",
    [
        "Account sell karne wala page banana hai, React mein",
        "ID rent module chahiye hamari bike rental website ke liye",
        "Profile buy button ka design change kar do, thoda bara",
    ],
)
def test_a_product_part_named_by_a_trade_word_is_not_an_account_sold(text: str) -> None:
    """The trade naming a part of a product to build is the work (review r38, hostile2 3)."""
    assert ACCOUNT not in _codes(text, "incoming")


@pytest.mark.parametrize(
    "text",
    [
        "Account bech do, 250 dollar abhi dunga",
        "ID rent pe de do, page wala kaam baad mein",
        "Profile sell karni hai? 300 dollar milenge",
    ],
)
def test_an_account_sold_beside_product_words_still_is_account_sharing(text: str) -> None:
    """An account sold, with no product part named by the trade, stays found."""
    assert ACCOUNT in _codes(text, "incoming")


@pytest.mark.parametrize(
    "text",
    [
        "Could you give back the escrow money? We will fund the milestone again after Eid.",
        "Please cancel the milestone so the money comes back to me, I'll open a new milestone soon.",
        "Contract khatam kar do abhi, baqi payment main agle mahine naye contract mein dunga",
        "Escrow wapas kar do bhai, hum dobara fund kar denge next week",
    ],
)
def test_escrow_given_back_with_pay_promised_later_is_start_before_funding(text: str) -> None:
    """Funded escrow asked back, its pay promised later: the work goes on unfunded.

    (review r38, newcomer2 1)
    """
    found = checks.scan_message(text)
    hits = [f for f in found if f.code is FUNDING]
    assert [f.severity for f in hits] == [checks.Severity.DANGER]
    assert hits[0].confidence is checks.Confidence.HIGH
    assert "escrow back" in hits[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Please refund the milestone through Upwork, we decided not to go ahead.",
        "Close this contract please, I'll send a new offer for the mobile app next month.",
        "I asked Upwork support to refund the escrow; sorry it didn't work out.",
        "Refund mat karna, main milestone 3 next week fund kar dunga",
        "Thanks, the milestone is approved. I'll fund the next one tomorrow.",
    ],
)
def test_a_plain_refund_or_a_new_contract_for_new_work_stays_clear(text: str) -> None:
    """A refund with no promise to fund again, or new work on a new offer, gives no code."""
    assert FUNDING not in _codes(text, "incoming")
