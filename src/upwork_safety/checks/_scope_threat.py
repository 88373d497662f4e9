"""Free work demanded on pain of a bad rating: "do the revisions free or I'll leave 1 star".

:func:`._scope.scope_creep` reads "for free", "free mein" as the price kept
unless it is negated; but in a threat the negation is the condition, not a
refusal: "if you don't do the revisions for free, I'll leave a negative
review", "revisions free mein nahi karoge to negative review pakka hai".  The
work is still asked for at no price, so it is scope creep as well as review
begging (the writer's convention 8, scanner r41).  Without a bad rating after
it, a negated "free" stays a refusal ("if you can't do it for free, no
problem"), and the agreed work done again is not more work ("redo the whole
thing for free or I'm leaving 1 star").
"""

from __future__ import annotations

import re

from upwork_safety.checks._codes import Confidence, FindingCode
from upwork_safety.checks._reviews import _BAD_RATING, _IF_NOT
from upwork_safety.checks._sentences import Hit, Message, anchor

#: The work at no price: "for free", "free mein", "muft mein", "without extra pay".
_FREE = re.compile(
    r"\b(?:for free|free (?:of charge|mein|me|main)|muft (?:mein|me)|without (?:extra |any )?"
    r"(?:pay|charge|charging|cost|payment))\b"
)
_FREE_ANCHOR = anchor((_FREE,))
#: The work named as more than agreed: revisions, changes, extra pages, "3 aur concepts" (not
#: the agreed work done again: "redo the whole thing for free or 1 star" is a quarrel over
#: quality, not more scope).
_MORE_WORK = re.compile(
    r"\b(?:revisions?|changes|edits?|extra|more|additional|another|aur|pages?|concepts?|"
    r"versions?|variations?|screens?|sections?|logos?|banners?|posts?|videos?|articles?|"
    r"source files|icons?)\b"
)
#: Roman Urdu's condition after the refusal: "free mein nahi karoge to ...".
_NOT_THEN = re.compile(r" (?:nahi|na)(?: \w+){1,2}? to\b")
#: How far before "free" an English "if you don't" may open the condition.
_REACH = 60


def free_work_threatened(message: Message) -> Hit | None:
    """SCOPE_CREEP: work asked for free, its refusal threatened with a bad rating."""
    for sentence in message.holding(_FREE_ANCHOR):
        for free in sentence.all(_FREE):
            condition = _IF_NOT.search(
                sentence.text, max(0, free.start() - _REACH), free.start()
            ) or _NOT_THEN.match(sentence.text, free.end())
            if condition is None or not _MORE_WORK.search(sentence.text, 0, free.start()):
                continue
            if _BAD_RATING.search(sentence.text, free.end()):
                return Hit(FindingCode.SCOPE_CREEP, *sentence.span(free), Confidence.HIGH)
    return None
