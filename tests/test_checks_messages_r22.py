"""Red team r22 scanner left-overs: cheques, accounts sold for crypto, "chek", rating swaps.

Each case is a wording the scanner got wrong before this round (checked against
the previous rules); the development set holds their neighbours.
"""

import pytest

from upwork_safety import checks

OPP = "OFF_PLATFORM_PAYMENT"
FEE = "UPFRONT_FEE"
ACCOUNT = "ACCOUNT_SHARING"
REVIEW = "REVIEW_BEGGING"


def _codes(text: str, direction: str = "incoming") -> set[str]:
    return {str(f.code) for f in checks.scan_message(text, direction=direction)}


@pytest.mark.parametrize(
    ("text", "direction", "codes"),
    [
        # A cheque couriered or posted to the reader is a payment to them off Upwork, even
        # when the reader is then told to send part of it on (that part is the fee).
        (
            "We'll courier a cheque to your home; cash it and forward the rest to our agent.",
            "incoming",
            {OPP, FEE},
        ),
        (
            "We'll post a cheque to your address; deposit it and send the balance to our vendor.",
            "incoming",
            {OPP, FEE},
        ),
        # What is left sent on with words between, or as a sum to a named vendor.
        (
            "I'm mailing you a cheque, deposit it and transfer $1,800 to the equipment seller.",
            "incoming",
            {OPP, FEE},
        ),
        (
            "I overpaid on the cheque, please deposit it and return the difference via JazzCash.",
            "incoming",
            {OPP, FEE},
        ),
        # "chek" is read as "check".
        ("I can pay you by chek next week, what's your address?", "incoming", {OPP}),
        # An Upwork account with a price, paid in crypto: both codes.
        ("Your upwork ID for $300, paid in USDT, ok?", "incoming", {ACCOUNT, OPP}),
        ("Selling my Upwork account, $800, bitcoin only.", "outgoing", {ACCOUNT, OPP}),
        # Ratings swapped with "and you'll get", and in Roman Urdu.
        ("Rate me five stars and you'll get five stars back.", "incoming", {REVIEW}),
        ("Tum mujhe 5 star do, main tum ko 5 star dunga.", "incoming", {REVIEW}),
        # An unpaid trial set apart from the real job.
        (
            "The real project starts after one test task, which is unpaid: a single banner.",
            "incoming",
            {"START_BEFORE_FUNDING"},
        ),
        (
            "The sample is free and separate from the project, which has milestones.",
            "incoming",
            {"START_BEFORE_FUNDING"},
        ),
    ],
)
def test_risky_wordings_get_their_codes(text, direction, codes):
    """Each wording gets exactly its codes."""
    assert codes == _codes(text, direction)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        # A cheque told of in the past, by the writer or of a former employer.
        ("We deposited the supplier's cheque and forwarded the slip to finance.", "incoming"),
        ("My former employer paid me by cheque every month.", "outgoing"),
        ("Someone once offered to mail me a cheque and have me send the rest on.", "outgoing"),
        # An Upwork profile with its hourly rate is not a sale.
        ("My Upwork profile, $25/hr, shows the same rate I quoted you.", "outgoing"),
        # The product's own people rating each other.
        (
            "Our app needs a 5-star rating page where buyers and sellers rate each other.",
            "incoming",
        ),
        # A product's own free trial.
        (
            "Our app has a 30-day free trial before billing; please write the onboarding email.",
            "incoming",
        ),
        # "chek" as a look at something.
        ("Please chek the contact form on mobile.", "incoming"),
    ],
)
def test_harmless_neighbours_give_nothing(text, direction):
    """Past stories, an hourly rate and a product's rating feature give no finding."""
    assert set() == _codes(text, direction)
