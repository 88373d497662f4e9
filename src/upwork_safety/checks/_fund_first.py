"""A client who tells the freelancer to wait for the funding: "don't start before I fund it".

Such a sentence is the platform's own advice given by the client, the opposite
of :func:`._funding.start_before_funding`: the rules find nothing in it, and the
trained model, which reads "start", "before" and "fund" but not the negation,
may not add ``START_BEFORE_FUNDING`` either (:func:`._intent.cleared`; scanner
r41).  A message that also asks for work now ("don't start the audit before I
fund it, but send the keyword list today") is still read by the rules, which a
clearing never overrides.
"""

from __future__ import annotations

import re

#: The start put off until the funding, the contract or the offer: "please don't start the SEO
#: audit before I fund it", "do not begin until the milestone is funded", "wait until the
#: contract is in place", and in Roman Urdu "fund hone se pehle kaam shuru mat karna".  A
#: "wait" that is itself negated ("don't wait until I fund it") asks for the opposite (diff
#: review r41, 4).
_WAIT_FOR_FUNDING = re.compile(
    r"\b(?:(?:don'?t|do not|never|please do not|no need to) (?:start|begin|work|touch)\w{0,3}|"
    r"(?<!\bdon't )(?<!\bdont )(?<!\bdo not )(?<!\bnever )(?<!\bnot )(?<!\bno need to )"
    r"(?:please |kindly )?wait)\b[^.?!]{0,60}?\b(?:before|until|till|unless)\b[^.?!]{0,40}?"
    r"\b(?:fund\w{0,3}|contract|offer|milestone|escrow)\b|"
    r"\b(?:fund\w{0,3}|contract|offer|milestone|escrow)\b[^.?!]{0,30}?\b(?:se pehle|hone tak|"
    r"ke baghair|ke bina)\b[^.?!]{0,30}?\b(?:start|shuru|kaam)\b[^.?!]{0,20}?\b(?:mat|na|nahi)\b"
)


def funding_awaited(text: str) -> bool:
    """Whether normalised *text* tells the reader to wait for the funding before starting."""
    return _WAIT_FOR_FUNDING.search(text) is not None
