"""The funded escrow given back, its pay promised again later (START_BEFORE_FUNDING's).

"Can you refund me the milestone and I will fund it again next week?", "please end the
contract now, I will pay the remaining amount in a new contract later", "refund kar do
milestone, main kal dobara fund kar dunga": the client asks for the money held in escrow
back (or for the contract that holds it to end) and promises to pay again later, so the
work goes on unfunded (review r38, newcomer2 1).  A refund alone, with no promise to
fund again ("please refund the $80 through Upwork"), is not this risk, and a contract
closed with a new offer for *new* work ("close this one, I'll send a new offer for phase
2") names no money left to pay.
"""

from __future__ import annotations

import re

from upwork_safety.checks._codes import Confidence, FindingCode
from upwork_safety.checks._sentences import ESCROW_GIVEN_BACK, Hit, Message, Sentence, anchor

_ASK_VERB = r"(?:kar|karo|kardo|kar do|kar dein|kar dain|kar den|kar dijiye|kar dena)"

#: The escrow's money asked back: "refund me the milestone", "issue a refund for milestone
#: 2", "refund kar do", "escrow wapas kar do".
ESCROW_BACK = re.compile(
    r"\brefund (?:me |us )?(?:the |this |that |my |our )?(?:milestone|escrow|funds?|money|"
    r"payment|amount|deposit)\b|"
    r"\b(?:issue|process|send|give|make|do) (?:me |us )?(?:a |the )?refund\b|"
    r"\brefund " + _ASK_VERB + r"\b|"
    r"\b(?:milestone|escrow|paise|payment|amount|funds?)(?: \w+)? (?:refund|wapas) "
    + _ASK_VERB
    + r"\b|"
    r"\b(?:return|give back|send back) (?:me |us )?(?:the |my |our )?(?:escrow|milestone|"
    r"funds?|money|payment|amount)\b|"
    # A funded milestone cancelled gives its money back: "cancel the milestone".
    r"\bcancel (?:the |this |that |my |our )?milestone\b"
)

#: The contract (or milestone) that holds the money asked to end: "end the contract now",
#: "close this contract", "contract khatam kar do"; it is this risk only with money left to
#: pay, since a contract is also closed when its work is done.
CONTRACT_ENDED = re.compile(
    r"\b(?:end|close|cancel) (?:the |this |our |my )?contract\b|"
    r"\b(?:end|close) (?:the |this |our |my )?milestone\b|"
    r"\b(?:contract|milestone) (?:\w+ )?(?:end|close|cancel|khatam|band) " + _ASK_VERB + r"\b"
)

#: The pay promised again, later: "fund it again", "re-fund it tomorrow", "create a new
#: milestone", "in a new contract", "kal dobara fund kar dunga".
PAID_AGAIN = re.compile(
    r"\bre-fund\w{0,3}\b|"
    r"\b(?:fund|pay|deposit|put)\w{0,3}(?: (?:it|them|this|that|the (?:money|amount|"
    r"milestone|escrow)))?(?: back)?(?: in)? (?:again|later|back|tomorrow|soon|next (?:week|"
    r"month|time))\b|"
    r"\b(?:create|make|open|set up|add|send|start|give)\w{0,3} (?:you )?(?:a |another )?"
    r"(?:new|fresh|second) (?:milestone|contract|offer)\b|"
    r"\b(?:in|through|on|via|with) (?:a |another )?new (?:milestone|contract|offer)\b|"
    r"\b(?:dobara|dubara|phir se|baad mein|baad me|kal|agle hafte|agle mahine) (?:\w+ )?"
    r"(?:fund|pay|payment|milestone|contract|offer)\b|"
    r"\b(?:naya|nayi|new) (?:milestone|contract|offer) (?:bana|create|bhej|kar|de)\w{0,4}\b"
)

#: The promise is the writer's: "I will", "we'll", "main ... dunga".
_WRITERS_PROMISE = re.compile(
    r"\b(?:i|i'll|i'd|we|we'll|main|mai|hum)\b|\b\w+ (?:dunga|dungi|denge|karunga|karungi|"
    r"karenge)\b"
)

#: What is left of the money, for a contract ended: "the remaining amount", "the rest of
#: the payment", "baqi payment", or the funding itself ("fund it again").
_MONEY_LEFT = re.compile(
    r"\b(?:remaining|rest|balance|baqi|baki|bakaya|outstanding|fund\w{0,3}|re-fund\w{0,3})\b"
)

_BACK_ANCHOR = anchor((ESCROW_BACK, CONTRACT_ENDED))


def _promised(sentence: Sentence | None, *, ended: bool) -> bool:
    """Whether *sentence* promises the pay again, as its writer's (and money left, if *ended*)."""
    if sentence is None or not sentence.first(_WRITERS_PROMISE):
        return False
    if ended and not sentence.first(_MONEY_LEFT):
        return False
    return any(not sentence.negated(*again.span()) for again in sentence.all(PAID_AGAIN))


def escrow_given_back(message: Message) -> Hit | None:
    """The escrow asked back or its contract ended, with the pay promised again later."""
    for sentence in message.holding(_BACK_ANCHOR):
        if sentence.past():
            continue
        for pattern, ended in ((ESCROW_BACK, False), (CONTRACT_ENDED, True)):
            for asked in sentence.all(pattern):
                if sentence.negated(*asked.span()):
                    continue
                if _promised(sentence, ended=ended) or _promised(
                    message.following(sentence), ended=ended
                ):
                    return Hit(
                        FindingCode.START_BEFORE_FUNDING,
                        *sentence.span(asked),
                        Confidence.HIGH,
                        ESCROW_GIVEN_BACK,
                    )
    return None
