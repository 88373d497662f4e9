"""Review begging: asking for a particular rating, or trading one for something.

In your own messages: asking for five stars, 10/10, a good review, or
offering something for one.  In a client's message: a rating offered (or a
bad one threatened) in exchange for something from you -- a refund, money
back, a discount, free or extra work -- or a swap of ratings ("leave me five
stars too, I'll do the same").  Upwork's feedback rules forbid manipulating
feedback either way; a client who merely mentions stars, or asks for them
without offering anything, is not flagged.
"""

from __future__ import annotations

import re

from upwork_safety.checks._findings import Confidence, FindingCode
from upwork_safety.checks._sentences import (
    Hit,
    Message,
    Sentence,
    anchor,
    best_hit,
)

_RATING = re.compile(
    r"\b(?:5|five|fiv|10|ten|full|top|highest|max(?:imum)?)[\s-]?(?:stars?|str|\*)|"
    r"\b5\s?\*|\u2b50|\b10\s?/\s?10\b|\b10 out of 10\b|\ba (?:10|ten)\b|"
    r"\bfull (?:marks|rating|stars?)\b|\b(?:good|positive|great|excellent|nice|best|perfect|"
    r"high|top|awesome|amazing|glowing|achi|acha|achhi|acchi|zabardast|shandar|behtareen|"
    r"5 star|five star)(?: si| sa| se)?\s(?:rating|ratings|review|reviews|feedback|score|"
    r"remarks?)\b|"
    r"\b(?:would|likely to) recommend\b|\brate me (?:with )?(?:5|five|full|10|high)\b|"
    r"\b(?:rating|review|feedback) (?:achi|acha|achhi|positive)\b"
)
_RATING_ASK = re.compile(
    r"\b(?:please|kindly|could you|can you|would you|would you mind|i'?d appreciate|"
    r"i would appreciate|appreciate|grateful|would mean|don'?t forget|remember to|make sure|"
    r"leave|leaving|give|giving|rate|select|choose|hope you|i hope|dena|de dein|dijiye|"
    r"de dijiye|zaroor|consider|help me|request|mind|de dena|would help|would be (?:awesome|"
    r"great|amazing|appreciated|nice|lovely|helpful|wonderful|perfect))\b"
)
_THANKS_FOR = re.compile(
    r"\bthanks? (?:you )?(?:so much |a lot )?for\b|\bthank you for\b|"
    r"\bshukriya\b.{0,20}\bke liye\b|"
    r"\b(?:you|u) (?:gave|left|rated)\b|\bi (?:gave|left|rated) you\b|\bi'?ve left\b|"
    r"\bwe rated\b|\bhonest\b"
)
_INCENTIVE = re.compile(
    r"\b(?:discount|free|extra|bonus|refund|revision|off|cheaper)\b.{0,50}\b(?:if|for|in "
    r"exchange for|agar|in return)\b"
)


_RATING_PRODUCT = re.compile(
    r"\b(?:widget|icons?|section|system|component|plugin|hotel|restaurant|app store|"
    r"product ratings?|reviews page|review page|star ratings? (?:widget|field|component)|"
    r"sprite|svg|css|ui)\b"
)


def _begging_in(sentence: Sentence) -> Hit | None:
    code = FindingCode.REVIEW_BEGGING
    for match in sentence.all(_RATING):
        if sentence.first(_THANKS_FOR) or sentence.first(_RATING_PRODUCT):
            continue
        if sentence.negated(*match.span()):
            continue
        if sentence.first(_INCENTIVE) or sentence.first(_RATING_ASK) or sentence.asks():
            return Hit(code, *sentence.span(match), Confidence.HIGH)
    return None


_RATING_ANCHOR = anchor(
    (_RATING,),
    "5 five fiv 10 ten full top high max \u2b50 good positive great excellent nice best perfect "
    "awesome amazing glowing achi acha achhi acchi zabardast shandar behtareen recommend rate "
    "rating review feedback",
)


def review_begging(message: Message) -> Hit | None:
    """REVIEW_BEGGING: your own message asks for a particular rating."""
    return best_hit(_begging_in(s) for s in message.holding(_RATING_ANCHOR))


# ------------------------------------------------------------------ a client's trade

#: A bad rating, threatened: "I'll leave you 1 star", "a negative review".
_BAD_RATING = re.compile(
    r"\b(?:1|one|2|two|low|bad|negative|poor|terrible)[\s-]?(?:stars?|star (?:review|rating|"
    r"feedback)|rating|ratings|review|reviews|feedback)\b"
)
#: What the freelancer would give for the rating: money back, a discount, free or extra work.
_TRADE = re.compile(
    r"\brefund\w{0,3}\b|\bdiscount\w{0,3}\b|\bcashback\b|\bwapas\b|"
    r"\b(?:send|pay|give|transfer|return|wire)\w{0,3} (?:(?:me|us|it|the|\$?\d[\d,]{0,9}|money|"
    r"amount|difference|extra|half|part|payment|rest|dollars?) ){0,3}back\b|"
    r"\bknock\w{0,3}\b|(?:\$\d[\d,]{0,9}|\b\d{1,3} ?%) off\b|"
    r"\b(?:for free|free of (?:cost|charge)|free mein|muft mein|no extra (?:cost|charge|pay)|"
    r"at no (?:extra )?cost|without (?:extra |any )?(?:pay|charge|cost))\b|"
    r"\b(?:lower|reduce|cut)\w{0,3} (?:the |your )?(?:price|rate|fee)\b|"
    r"\b(?:extra|additional) (?:pages?|revisions?|work|changes|features?|variations?|concepts?|"
    r"designs?|sections?|screens?|logos?|edits?)\b"
)
#: The rating made the price of the trade: "if", "and I'll", "or I'll", "in return".
_EXCHANGE = re.compile(
    r"\b(?:if|agar|unless|in exchange|in return|as long as|provided|and (?:i'?ll|i will|we'?ll|"
    r"we will|you'?ll|you will|i'?d)|or (?:i'?ll|i will|we'?ll|else)|otherwise|warna|for|to main|"
    r"to hum)\b"
)
#: Ratings swapped: "I'll do the same", "each other", "main bhi 5 star dunga".
_SWAP = re.compile(
    r"\b(?:i'?ll|i will|we'?ll|we will) (?:do the same|return the favou?r|leave you one|"
    r"give you one)\b|\bdo the same for you\b|\beach other\b|\bone another\b|"
    r"\breturn the favou?r\b|\bscratch (?:my|your) back\b|\bfor me and (?:\w+ ){1,3}?for you\b|"
    r"\b(?:main|mai|hum) bhi (?:\w+ ){0,4}?(?:de|dunga|dungi|denge|doon|dun|de raha|de rahi|"
    r"de rahe|karunga|karungi|karenge)\b"
)
_TRADE_ANCHOR = anchor(
    (_RATING, _BAD_RATING),
    "5 five fiv 10 ten full top high max \u2b50 good positive great excellent nice best perfect "
    "awesome amazing glowing achi acha achhi acchi zabardast shandar behtareen recommend rate "
    "rating review feedback 1 one 2 two low bad negative poor terrible star",
)
_SWAP_ANCHOR = anchor(
    (_SWAP,),
    "do the same favour favor leave you give you each other one another scratch for me bhi",
)


#: Ratings and refunds of the product being built: "if a customer asks for a refund...".
_TRADE_PRODUCT = re.compile(
    r"\b(?:customers?|users?|buyers?|shoppers?|visitors?|guests?|patients?|students?|"
    r"the app|our app|the site|our site|website|store|shop|feature|popup|pop-up|flow|"
    r"email template|dashboard|they|their|google|yelp|trustpilot|amazon|play store|orders?|"
    r"e-?mail|caption|ads?|copy|landing)\b"
)


def _rating_given(sentence: Sentence) -> re.Match[str] | None:
    """A rating (good or bad) in a sentence that does not thank for one or build one."""
    if (
        sentence.first(_THANKS_FOR)
        or sentence.first(_RATING_PRODUCT)
        or sentence.first(_TRADE_PRODUCT)
        or sentence.past()
    ):
        return None
    for pattern in (_RATING, _BAD_RATING):
        for match in sentence.all(pattern):
            if not sentence.negated(*match.span()):
                return match
    return None


def review_trade(message: Message) -> Hit | None:
    """REVIEW_BEGGING in a client's message: a rating traded for something, or swapped."""
    code = FindingCode.REVIEW_BEGGING
    swapped = message.has(_SWAP_ANCHOR)
    for sentence in message.holding(_TRADE_ANCHOR):
        rating = _rating_given(sentence)
        if rating is None:
            continue
        trade = sentence.first(_TRADE)
        if trade is not None and sentence.first(_EXCHANGE):
            return Hit(code, *sentence.span(rating, trade), Confidence.HIGH)
        if swapped:
            return Hit(code, *sentence.span(rating), Confidence.HIGH)
    return None
