"""A client's rating promised in a message that asks for unpaid extra work.

"I know we said 3 revisions, but I need unlimited revisions. Price stays the
same. Do this and the 5 stars are yours": the rating is the price of the
free work the message asks for, though no sentence links the two the way
:func:`._reviews.review_trade` reads a trade ("if you ..., I'll ...").  The
message's scope creep (:func:`._scope.scope_creep`) is the trade; a rating
promised to the reader anywhere in it is review begging too (review r39,
scanner dev-r39).  A rating merely mentioned, refused, thanked for or part of
the product is not promised, and without scope creep nothing is traded.
"""

from __future__ import annotations

import re

from upwork_safety.checks._codes import Confidence, FindingCode
from upwork_safety.checks._reviews import _RATING, _ratings
from upwork_safety.checks._sentences import Hit, Message

#: The rating handed to the reader: "the 5 stars are yours", "you'll get 5 stars", "I'll
#: leave you 5 stars", "5 star dunga", "5 star milenge".
_PROMISED = re.compile(
    r"\b(?:are|is) (?:all )?yours\b|\b(?:you'?ll|you will|u will) (?:get|have|receive)\b|"
    r"\b(?:i'?ll|i will|we'?ll|we will) (?:give|leave|write|post|make sure|ensure|rate)\b|"
    r"\b(?:dunga|dungi|denge|doonga|milenge|milega|milegi|pakke|pakka)\b"
)


def rating_for_free_work(message: Message) -> Hit | None:
    """REVIEW_BEGGING: a good rating promised in a client's message that asks for free work.

    The caller has found scope creep in *message*; this finds the rating it buys.
    """
    for sentence in message.sentences:
        if not sentence.first(_PROMISED):
            continue
        for rating in _ratings(sentence):
            if _RATING.fullmatch(rating.group()):
                return Hit(FindingCode.REVIEW_BEGGING, *sentence.span(rating), Confidence.MEDIUM)
    return None
