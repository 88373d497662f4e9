"""The r31 scanner round: wordings of each family that the rules did not read.

Review r31 (scanner dev-r31): 75 development messages written by an outside hand
were added to ``messages.json``; the scanner missed ten of them and gave a wrong
extra code or a false alarm on two (the rules alone missed one more, which the
model found). The code review of the round (findings 1, 5 and 6) found three
disguises the docs promise are caught and were not. Each case
below is a kind of those misses or false alarms, in other words than the
development message's or the review's, and gave the opposite answer before this
round, read by the rules alone:

* a look-alike mobile number with a dash or a space ("O3OO-1234567"), also after
  "my telegram is" (review 1);
* another person's CNIC or passport asked for in the imperative, "verify my
  account with your CNIC" (review 5);
* Upwork's hassle dropped in Roman Urdu, "Upwork ka chakkar chhodo", alone, with
  the work moved or with the money given "direct" (review 6);
* the money only once the work is live or launched, said as a release;
* a free sample said to be free further on ("free hoga");
* a count raised with "bump ... from 500 to 2,000", the agreed size told in the
  past and then "but actually" more, and a tiny favour with the budget said to
  stay "where it is";
* ratings exchanged in Roman Urdu ("feedback ka exchange", "dono taraf"), a rating
  given "badle mein" for a sum taken off, and a review threatened to warn other
  clients unless the money is back in escrow, and your own offer "at no charge" for a
  rating (its "no" had been read as the rating refused);
* a remote tool's access code for the reader's environment;
* your own "I also accept Wise transfers";
* a cheque of the sentence before cashed ("cash it") and a partner paid;
* and clear again: a Roman Urdu perfect ("review likh diya hai") is work done, not
  work asked for.

A seventeenth held-out set, written by an outside hand that never saw the rules,
was committed and scored before the change and never read.
"""

import pytest

from _scanner import ACCOUNT, CONTACT, FEE, FUNDING, PAYMENT, REVIEW, SCOPE
from _scanner import rule_codes as _codes
from upwork_safety.checks import FindingCode
from upwork_safety.checks._messages import scan_rules_only

# The eight strings of review r31 finding 1 (a look-alike number with a separator), and the
# documented sentence of finding 5 with its close variants.
REVIEW_CONTACT = [
    "my whatsapp is 03OO-1234567",
    "my whatsapp: O3OO-1234567",
    "my telegram is 03OO-1234567",
    "my whatsapp is 0300-l234567",
    "mera whatsapp 03OO-1234567 hai",
    "my whatsapp is 03OO 1234567",
]
REVIEW_IDENTITY = [
    "verify my account with your CNIC",
    "Verify my account with your CNIC.",
    "verify my upwork account with your CNIC",
    "verify my account using your CNIC",
    "verify my profile with your CNIC",
    "verify my account with your passport",
]


@pytest.mark.parametrize("text", REVIEW_CONTACT)
def test_a_look_alike_number_with_a_separator_is_a_contact(text: str) -> None:
    """Review r31 finding 1: the disguise with a dash or a space is read as the number."""
    found = scan_rules_only(text)
    assert [CONTACT] == [f.code for f in found]
    assert found[0].evidence.lower().replace("o", "0").replace("l", "1")[-7:] == "1234567"


@pytest.mark.parametrize("direction", ["incoming", "outgoing"])
@pytest.mark.parametrize("text", REVIEW_IDENTITY)
def test_the_documented_identity_example_is_account_sharing(text: str, direction: str) -> None:
    """Review r31 finding 5: the code table's own example, in either direction."""
    assert {ACCOUNT} == _codes(text, direction)


@pytest.mark.parametrize(
    ("text", "direction", "code"),
    [
        # Review 1, in new words: a look-alike number with dashes in a sentence about reaching.
        ("My WhatsApp is O321 55O8899.", "incoming", CONTACT),
        ("Personal whatsapp O3O1-98765I2, tonight after 8.", "incoming", CONTACT),
        ("Mera telegram O333-4455G67 hai.", "incoming", CONTACT),
        # Review 5, in new words: someone else's identity asked for in the imperative.
        ("Just verify my freelancer account with your national ID.", "incoming", ACCOUNT),
        ("Verify my Upwork account using your brother's passport.", "outgoing", ACCOUNT),
        # Review 6: the documented phrase alone, and in new words.
        ("Upwork ka chakkar chhodo", "incoming", PAYMENT),
        ("Bhai Upwork ka jhanjhat chhoro, agla project seedha karte hain.", "incoming", PAYMENT),
        ("Upwork ka jhamela chhodo, main aap ko seedha de dunga.", "incoming", PAYMENT),
        # Payment only once the work is live, said as a release.
        (
            "Our rule is simple: we release the money once the store is launched.",
            "incoming",
            FUNDING,
        ),
        ("Payment released only when the website is live on our domain.", "incoming", FUNDING),
        # A free sample, said to be free further on.
        (
            "Ek test task bana do landing page ka, ye free hoga, uske baad rate fix karenge.",
            "incoming",
            FUNDING,
        ),
        # A count raised with "bump", the size told in the past, a tiny favour.
        ("Please bump the catalogue from 40 to 120 product photos, same fee.", "incoming", SCOPE),
        (
            "Humne 5 videos ka kaha tha lekin actually 12 videos chahiye, budget wahi rahega.",
            "incoming",
            SCOPE,
        ),
        (
            "Small favour: add a newsletter popup to the homepage. The price stays where it is.",
            "incoming",
            SCOPE,
        ),
        # Ratings exchanged in Roman Urdu, a rating for a sum taken off, a review as a threat.
        ("Rating ka exchange karte hain, dono taraf 5 stars.", "incoming", REVIEW),
        ("Invoice se 3000 kam kar do, iske badle achi review dunga.", "incoming", REVIEW),
        (
            "If the refund isn't back in my account by Friday, my review will warn other clients.",
            "incoming",
            REVIEW,
        ),
        # Your own offer "at no extra cost" for a rating: the "no" refuses nothing.
        (
            "Happy to add a bonus logo at no extra cost if you could leave a 5 star review.",
            "outgoing",
            REVIEW,
        ),
        # A remote tool's access code for the reader's environment.
        (
            "Install AnyDesk and send me the session code, I'll set up your dev environment.",
            "incoming",
            ACCOUNT,
        ),
        # Your own offer to be paid off Upwork.
        ("I also accept Skrill, whichever suits you.", "outgoing", PAYMENT),
        # A cheque of the sentence before, cashed, and a partner paid.
        (
            "A cheque is coming by courier. Cash it and transfer our printing vendor his share.",
            "incoming",
            FEE,
        ),
    ],
)
def test_a_missed_kind_of_risk_is_found(text: str, direction: str, code: FindingCode) -> None:
    """The rules alone find the code (they found nothing of it before r31)."""
    assert code in _codes(text, direction)


@pytest.mark.parametrize(
    ("text", "direction", "code"),
    [
        # Work done by the writer, in the Roman Urdu perfect, with a tip named beside it.
        (
            "Milestone approve kar diya, feedback bhi likh diya hai, thora sa bonus bhi diya.",
            "incoming",
            SCOPE,
        ),
    ],
)
def test_a_false_alarm_kind_is_clear(text: str, direction: str, code: FindingCode) -> None:
    """The rules alone no longer give the code (they gave it before r31)."""
    assert code not in _codes(text, direction)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        # A look-alike run that is no number, and a disguised number typed into a form.
        ("o3 lol sigs bozo boss", "incoming"),
        ("The form accepts O3OO-1234567 as a test value, please check the field.", "incoming"),
        # Your own CNIC for your own account, and a passport upload screen being built.
        ("Verify your account with your own CNIC, Upwork asks everyone for it.", "incoming"),
        ("Please verify the passport upload screen works on Android.", "incoming"),
        # Upwork's hassle talked of, not dropped.
        ("Upwork ka chakkar samajh nahi aata, help karo profile mein.", "incoming"),
        ("Upwork ka chakkar chhodna mat, wahi safe hai.", "incoming"),
        ("Maine Upwork ka chakkar 2020 mein chhod diya tha.", "incoming"),
        # The money released on delivery, and the product's customers paying once it is live.
        ("I will release the payment once you deliver the final files.", "incoming"),
        ("Customers pay once the app is live on the store, via the checkout.", "incoming"),
        ("We will release payment through Upwork once the site is live.", "incoming"),
        # Shipping free for the store's customers.
        ("Shipping free hogi customers ke liye, checkout page pe likh dein.", "incoming"),
        # A sum kept off a budget, with no rating; a review that praises.
        ("5000 kam kar lo please, budget tight hai.", "incoming"),
        ("Dono taraf ke margins barabar rakhna please.", "incoming"),
        ("My review will tell everyone how fast you delivered, thanks a lot!", "incoming"),
        # A rating really refused, beside work at no charge.
        (
            "Revisions are at no charge, and I don't ask for a 5 star review, just honest feedback.",
            "outgoing",
        ),
        # Withdrawals and refusals, in your own words.
        ("I don't accept PayPal or Wise, only Upwork.", "outgoing"),
        ("I accept the offer, and I withdraw to Payoneer anyway.", "outgoing"),
        # A remote tool on the client's own server.
        (
            "I will install TeamViewer on our office server and share the access code with you.",
            "incoming",
        ),
        # A quick fix with the budget kept, no new thing created.
        ("Quick fix please: correct the typos in the footer. Budget stays the same.", "incoming"),
    ],
)
def test_an_innocent_neighbour_stays_clear(text: str, direction: str) -> None:
    """The widened rules find nothing in these."""
    assert set() == _codes(text, direction)


#: The round's own examples as the docs' code table quotes them (review r31, diff review 9):
#: each is caught as written, by the shipped scanner.
DOCUMENTED = [
    (
        "Small favour: add a newsletter popup to the homepage. The price stays where it is.",
        "SCOPE_CREEP",
    ),
    ("5 videos ka kaha tha lekin actually 12 chahiye, price same rahega", "SCOPE_CREEP"),
    ("10 pages ka likha tha but actually 25 pages chahiye, price same rahega", "SCOPE_CREEP"),
    ("send me the AnyDesk session code, I'll set up your dev environment", "ACCOUNT_SHARING"),
]


@pytest.mark.parametrize(("text", "code"), DOCUMENTED)
def test_the_documented_examples_are_caught_as_written(text: str, code: str) -> None:
    from upwork_safety import checks

    assert code in [finding.code for finding in checks.scan_message(text)]
