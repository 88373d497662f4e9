"""Intent: who is asked to do what, through which channel, before or instead of the platform.

The scanner does not fire on words.  A message is cut into sentences (and
sentences into clauses), and each code looks for a combination of ideas from
:mod:`._lexicon` in one sentence, the way a reader would:

* **off-platform contact** -- a contact detail (:mod:`._contacts`), or a
  request or offer (``please``, ``can you``, ``let's``, ``I'll``, a
  Roman-Urdu verb ending such as ``kar dein``) together with a channel
  (WhatsApp, Telegram, e-mail, a phone number) and a way of getting in touch
  (``add me``, ``message``, ``baat karte hain``), or "outside Upwork";
* **off-platform payment** -- paying or being paid with a method that leaves
  Upwork, "directly" or "outside", to save the fee, or a request for bank or
  payment-account details;
* **upfront fee** -- the freelancer is the one who pays: a named fee or
  deposit, a purchase "we reimburse", crypto "to unlock" tasks;
* **start before funding** -- a request to start (or to deliver) while the
  funding, contract or offer is put off, free or unpaid trial work, work
  without escrow, payment only after delivery;
* **scope creep** -- more work asked for ("also", "one more", "bhi") with the
  price unchanged ("same budget", "isi milestone mein") or played down
  ("quick", "chhota sa kaam");
* **account sharing** -- an Upwork account rented, sold, lent or used by
  someone other than its owner, its password or the code Upwork sends asked
  for, another person's identity lent to verify it, or remote access to the
  freelancer's computer (:mod:`._account`);
* **review begging** -- in your own messages, a request for a particular
  rating, or something offered for one; in a client's, a rating offered (or
  a bad one threatened) for a refund, money back, a discount or free work,
  or a swap of ratings.

A match is dropped when its context says otherwise: a negation in its
clause ("I don't use WhatsApp", "WhatsApp pe mat bulaein"), unless the
negation is about Upwork itself ("I don't check Upwork"); a sentence about
the past with no request in it ("I used to pay my old designer through
PayPal"); the channel or method being part of the product ("a WhatsApp
button", "integrate PayPal", "our customers pay with JazzCash"); or one of
Upwork's own features ("withdraw to Payoneer", "the Upwork fee", "a call on
Upwork").  The rules can also *clear* a code the trained model would
otherwise be asked about: every mention of paying routed through Upwork
("I'll pay you through Upwork"), with nothing against it, clears
off-platform payment, a cost every mention of which the writer waives or bears
("there's no fee to apply", "we'll pay for the course") clears upfront fees,
extra work given its own milestone or price, or placed in the agreed brief,
or a "small" said only of the writer's business ("we are a small team"),
clears scope creep,
a client's rating promised only for the work
("if you finish by Friday, 5 stars") clears review begging, and advice against
a risk ("never share your WhatsApp number with clients") clears contact,
payment and fees (:func:`cleared`).

Each code's grammar lives in its own module (:mod:`._off_platform`,
:mod:`._upfront_fee`, :mod:`._funding`, :mod:`._scope`, :mod:`._reviews`) on
top of :mod:`._sentences`; this module runs them.  Sentences are bounded
(:data:`._sentences.MAX_SENTENCE` characters), every pattern is linear, a code
reads only the sentences that hold its words, and it stops at its first sure
finding, so scanning is linear in the length of the message.
"""

from __future__ import annotations

import re

from upwork_safety.checks._account import account_sharing, account_warned
from upwork_safety.checks._account_name import account_in_anothers_name
from upwork_safety.checks._codes import FindingCode
from upwork_safety.checks._fund_first import funding_awaited
from upwork_safety.checks._funding import start_before_funding
from upwork_safety.checks._off_contact import CONTACT_ANCHOR, contact
from upwork_safety.checks._off_platform import PAYMENT_ANCHOR, payment, payment_kept_on_platform
from upwork_safety.checks._review_cleared import rating_asked_for_nothing, rating_for_the_work
from upwork_safety.checks._review_for_work import rating_for_free_work
from upwork_safety.checks._reviews import (
    ratings_of_the_product,
    review_begging,
    review_trade,
)
from upwork_safety.checks._scope import scope_creep, scope_paid_for, small_said_of_the_writer
from upwork_safety.checks._scope_threat import free_work_threatened
from upwork_safety.checks._sentences import Hit, Message, Sentence
from upwork_safety.checks._upfront_fee import FEE_ANCHOR, fee_waived, upfront_fee


def detect(text: str, *, outgoing: bool) -> list[Hit]:
    """Every code's strongest evidence in normalised *text* (at most one hit per code)."""
    message = Message(text, outgoing=outgoing)
    if not message.sentences:
        return []
    hits = [
        payment(message),
        contact(message),
        account_sharing(message) or account_in_anothers_name(message),
    ]
    if outgoing:
        hits.append(review_begging(message))
    else:
        scope = scope_creep(message) or free_work_threatened(message)
        review = review_trade(message)
        if scope is not None and review is None:
            review = rating_for_free_work(message)  # "... price stays. Do this, 5 stars are yours"
        hits.extend((start_before_funding(message), upfront_fee(message), scope, review))
    return [hit for hit in hits if hit is not None]


def cleared(text: str, *, outgoing: bool) -> set[FindingCode]:
    """Codes normalised *text* explicitly rules out, which the model may not add either.

    A message whose every sentence naming a channel, a payment method or a
    fee warns against it ("Never share your WhatsApp number with clients")
    clears ``OFF_PLATFORM_CONTACT``, ``OFF_PLATFORM_PAYMENT`` and
    ``UPFRONT_FEE``; every mention of paying routed through Upwork ("I'll pay
    you through Upwork") clears ``OFF_PLATFORM_PAYMENT``; a cost every mention of which
    is waived or borne by the writer ("there's no fee to apply") clears
    ``UPFRONT_FEE``; extra work priced ("a new milestone for the extra page") or
    placed in the agreed scope ("it's part of the brief we agreed") clears
    ``SCOPE_CREEP``, as does a "small" said only of the writer's business ("we
    are a small team and also need a tester later"); a message whose every
    sentence naming an account or its keys warns or reports ("be careful, they
    ask you to rent your account") clears ``ACCOUNT_SHARING``; a client telling you to
    wait for the funding ("please don't start the audit before I fund it") clears
    ``START_BEFORE_FUNDING``; a client's every rating promised
    for the work itself ("if you finish by Friday I'll leave you 5 stars"),
    with nothing traded or swapped, or a client's ratings with nothing traded,
    paid or swapped at all ("leave me 5 stars too, haha"), and your own
    ratings that are all the product's users' ("buyers can leave a 5 star
    review"), clear ``REVIEW_BEGGING``.  The rules find
    nothing there, and the model reads words, not where they point.
    """
    codes: set[FindingCode] = set()
    if advice_against(text, outgoing=outgoing):
        codes |= _ADVISED  # "never share your WhatsApp number with clients"
    if account_warned(text, outgoing=outgoing):
        codes.add(FindingCode.ACCOUNT_SHARING)  # "be careful, they ask you to rent your account"
    if fee_waived(text, outgoing=outgoing):
        codes.add(FindingCode.UPFRONT_FEE)  # "there's no fee to apply", "we'll pay for the course"
    if not outgoing and (scope_paid_for(text) or small_said_of_the_writer(text)):
        # "I'll make a new milestone for the extra page", "we are a small team and also need
        # a tester later"
        codes.add(FindingCode.SCOPE_CREEP)
    if not outgoing and funding_awaited(text):
        codes.add(FindingCode.START_BEFORE_FUNDING)  # "please don't start before I fund it"
    if payment_kept_on_platform(text, outgoing=outgoing):
        codes.add(FindingCode.OFF_PLATFORM_PAYMENT)
    if rating_for_the_work(text, outgoing=outgoing) or rating_asked_for_nothing(
        text, outgoing=outgoing
    ):
        codes.add(FindingCode.REVIEW_BEGGING)  # "if you finish by Friday, 5 stars"
    if ratings_of_the_product(text, outgoing=outgoing):
        codes.add(FindingCode.REVIEW_BEGGING)  # "buyers can leave a 5 star review on each page"
    if _OTHERS_REVIEW.search(text) and not _REVIEW_OF_US.search(text):
        codes.add(FindingCode.REVIEW_BEGGING)  # "a discount if they leave a review on Google"
    return codes


#: Someone else's review of someone else, on another site: "give the client a discount if
#: they leave a 5-star review on Google".
_OTHERS_REVIEW = re.compile(
    r"\b(?:they|customers?|users?|buyers?|guests?|patients?|people|shoppers?)\b(?: \w+){0,2} "
    r"(?:leave|leaves|give|gives|post|posts|write|writes)\b[^.?!]{0,30}\b(?:reviews?|ratings?|"
    r"stars?|feedback) on (?:google|yelp|trustpilot|facebook|tripadvisor|amazon|daraz|"
    r"the app store|the play store|our (?:site|website|page|store|app))\b"
)
#: The writer or the reader rated after all: "me", "my", "us", "you", "Upwork".
_REVIEW_OF_US = re.compile(r"\b(?:me|my|us|our profile|you|your|upwork)\b")


#: A warning to the reader, not a request: "Never share your number", "Tip: don't ever pay a
#: fee", "Kabhi bhi apna number na dena".
_ADVICE = re.compile(
    r"^\W*(?:(?:tip|pro tip|note|remember|reminder|advice|warning|yaad rakh\w{0,4})\b"
    r"[^,:.]{0,30}[:,]\s*)?(?:never(?! mind)|don'?t ever|do not ever|(?P<urdu>kabhi(?: bhi)?))\b"
)
_URDU_NOT = re.compile(r"\b(?:na|mat|nahi)\b")
_ADVISED = {
    FindingCode.OFF_PLATFORM_CONTACT,
    FindingCode.OFF_PLATFORM_PAYMENT,
    FindingCode.UPFRONT_FEE,
}


def advice_against(text: str, *, outgoing: bool) -> bool:
    """Whether every sentence of normalised *text* that names a channel, a method or a fee warns.

    "Never share your WhatsApp number with clients, Upwork forbids it" is advice
    against the risk: the rules find nothing there, and the model, which reads
    words and not negation, may not add contact, payment or a fee either.
    """
    if "never" not in text and "ever" not in text and "kabhi" not in text:
        return False  # most messages warn of nothing and are not cut into sentences again
    return Message(text, outgoing=outgoing).all_warn(
        (CONTACT_ANCHOR, PAYMENT_ANCHOR, FEE_ANCHOR), _warns
    )


def _warns(sentence: Sentence) -> bool:
    advice = _ADVICE.match(sentence.text)
    if advice is None:
        return False
    return advice.group("urdu") is None or bool(_URDU_NOT.search(sentence.text, advice.end()))
