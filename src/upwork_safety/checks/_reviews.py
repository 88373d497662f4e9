"""Review begging (your own messages): asking for a particular rating, or paying for one."""

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
