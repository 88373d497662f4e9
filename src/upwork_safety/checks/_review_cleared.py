"""A client's ratings that ``REVIEW_BEGGING`` leaves alone (private).

A rating promised for the work itself ("if you finish by Friday I'll leave
you 5 stars"), or asked for with nothing offered ("please leave me 5 stars
too"), is outside the code's scope.  The rules say so here, so that the
model, which reads words and not what a rating is for, may not add the code
(:mod:`._intent`).  What a trade, a swap or a reward is comes from
:mod:`._reviews`, the one place that reads them.
"""

from __future__ import annotations

import re

from upwork_safety.checks._reviews import (
    _OFFERED,
    _SWAP_ANCHOR,
    _TRADE,
    _TRADE_ANCHOR,
    _ratings,
    _swapped,
)
from upwork_safety.checks._sentences import MONEY, Message

#: A rating promised for the work itself: "if you finish by Friday", "for the great work".
_FOR_THE_WORK = re.compile(
    r"\b(?:if|once|when|after|as soon as|agar|jab)\b(?: \w+){0,4}? (?:finish|complete|deliver|"
    r"submit|wrap|ship|launch|khatam|mukammal)\w{0,5}\b|"
    r"\bfor (?:the|your|this|all the) (?:\w+ )?(?:work|job|effort|efforts|help|delivery)\b"
)


def rating_for_the_work(text: str, *, outgoing: bool) -> bool:
    """Whether a client's every rating in normalised *text* is promised for the work alone.

    Nothing may be traded or swapped anywhere in the message.

    "If you finish by Friday I'll leave you 5 stars" is a promise the scope of
    ``REVIEW_BEGGING`` leaves alone; the rules clear the code, so the model,
    which reads words and not what the rating is for, may not add it.
    """
    if outgoing or _FOR_THE_WORK.search(text) is None:
        return False  # most messages promise nothing and are not cut into sentences again
    message = Message(text, outgoing=outgoing)
    rated_sentences = [s for s in message.holding(_TRADE_ANCHOR) if _ratings(s)]
    return (
        bool(rated_sentences)
        and all(s.first(_FOR_THE_WORK) for s in rated_sentences)
        and not any(s.first(_TRADE) for s in message.sentences)
        and not any(_swapped(s) for s in message.holding(_SWAP_ANCHOR))
    )


#: Anything given for a rating besides what :data:`_TRADE` names: money, a bonus, a tip
#: (wider than :data:`_REWARD`, which must be offered *for* the rating).
_ANY_REWARD = re.compile(
    r"\b(?:bonus|tip|tips|reward|gift|pay|paid|paying|money|paise|cash|extra)\b"
)
#: A rating word at all, to pass over most messages cheaply.
_RATED = re.compile(r"\b(?:stars?|ratings?|rate|review|reviews|feedback|10/10)\b|\u2b50")


def rating_asked_for_nothing(text: str, *, outgoing: bool) -> bool:
    """Whether a client's ratings in normalised *text* come with nothing offered at all.

    ``REVIEW_BEGGING`` in a client's message needs a trade, money or a swap:
    "please leave me 5 stars too, haha" alone is a bare request its scope
    leaves alone.  The rules clear the code, so the model, which reads the
    words and not what is offered, may not add it.  Only a message that
    offers nothing: no trade, money or reward, no swap, and no offer or
    condition anywhere ("I'll", "if", "dunga"), since a swap or a trade can
    be worded in ways the rules do not read ("if you give me 5 stars I'll
    give you 5 stars", "leave me 5 stars and I will send you more work").
    """
    if outgoing or _RATED.search(text) is None:
        return False
    message = Message(text, outgoing=outgoing)
    rated = [s for s in message.holding(_TRADE_ANCHOR) if _ratings(s)]
    return (
        bool(rated)
        and not any(
            s.first(_TRADE) or s.first(MONEY) or s.first(_ANY_REWARD) or s.first(_OFFERED)
            for s in message.sentences
        )
        and not any(_swapped(s) for s in message.holding(_SWAP_ANCHOR))
    )
