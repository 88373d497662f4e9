"""An Upwork account held in another person's name, or another person's used as a front.

:mod:`._account` reads an account rented, sold, lent or logged into; this
module reads two wordings of the same risk that name no trade (scanner r41):

* the account registered or verified in someone else's name: "my account is
  under my wife's name since she did the verification", "account bhai ke
  naam pe hai" (the writer's convention 13: working on an account in a
  brother's or wife's name);
* another person's account sending the offer while the writer does the work:
  "mera dost apne Top Rated account se aapko offer bhejega, but I will do the
  work myself".

Upwork requires one person per account, verified as that person, and the
work done by its owner; both are account sharing.  A negated match ("the
account is not in my brother's name") is not read.
"""

from __future__ import annotations

import re

from upwork_safety.checks._codes import Confidence, FindingCode
from upwork_safety.checks._sentences import Hit, Message, anchor

_PERSON = (
    r"(?:brother|sister|wife|husband|cousin|friend|father|dad|mother|mom|uncle|aunt|"
    r"relative|son|daughter|bhai|behen|bhen|biwi|begum|abbu|ammi|dost|chacha|mamu|khala)"
)
#: The writer's or the reader's own account (not "my bank account", "the PayPal account").
_OWN_ACCOUNT = (
    r"\b(?:my|your|our|mera|meri|mere|aap ka|aap ki|aapka|aapki|tumhara|tumhari) (?:upwork |"
    r"freelancer |freelancing )?(?:account|profile|id)\b"
)
#: The account in another person's name: "my account is under my wife's name", "your profile
#: is registered in your brother's name", "mera account bhai ke naam pe hai".
_IN_THEIR_NAME = re.compile(
    _OWN_ACCOUNT
    + r"(?: [\w']+){0,4}? (?:in|under|on) (?:my |his |her |your |a |the )?"
    + _PERSON
    + r"'?s name\b|"
    + _OWN_ACCOUNT
    + r"(?: [\w']+){0,4}? (?:mere |meri |apne |apni |unke |uske )?"
    + _PERSON
    + r" (?:ke|ki|k) naam (?:pe|par|per|se|mein|me)\b"
)
#: The writer doing the work himself: "I will do the work myself", "kaam main khud karunga".
_I_WORK = (
    r"\b(?:i will do|i'?ll do|i do|i am doing|i'?m doing) (?:all )?the work\b|"
    r"\bkaam (?:main|mein) (?:khud )?karunga\b|\bmain (?:khud )?kaam karunga\b"
)
#: Another person's account sending the offer, the writer doing the work: "mera dost apne Top
#: Rated account se aapko offer bhejega, but I will do the work myself", "my friend will send
#: you the offer from his account, I'll do the work".
_FRONT = re.compile(
    r"\b" + _PERSON + r"\b(?: [\w']+){0,5}? (?:apne|apni|his|her|their) (?:[\w-]+ ){0,2}?"
    r"(?:account|profile)\b[^.?!]{0,60}?(?:" + _I_WORK + r")"
)
_ANCHOR = anchor((_IN_THEIR_NAME, _FRONT))


def account_in_anothers_name(message: Message) -> Hit | None:
    """ACCOUNT_SHARING: an account in another person's name, or used as a front."""
    for sentence in message.holding(_ANCHOR):
        for pattern in (_IN_THEIR_NAME, _FRONT):
            for match in sentence.all(pattern):
                if not sentence.negated(*match.span()):
                    return Hit(FindingCode.ACCOUNT_SHARING, *sentence.span(match), Confidence.HIGH)
    return None
