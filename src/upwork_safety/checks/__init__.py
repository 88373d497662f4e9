"""Safety checks: the advice freelancers learn the hard way, as findings a tool can show.

Three entry points, each returning a list of :class:`Finding` (most severe
first), each finding with a polite script to answer with:

* :func:`scan_message` reads a message, in English, Roman Urdu or a mix: a
  client asking to start before the milestone is funded, to pay or talk off
  Upwork, for an upfront fee, or for more work at the same price; or, in a
  message you are about to send, asking the client for five stars.  It reads
  intent (who is asked to do what, through which channel, before or instead
  of the platform), not keywords, and each finding carries its evidence span
  and a :class:`Confidence`.
* :func:`review_milestone` says whether a milestone's title and description
  are specific enough to be checked.
* :func:`review_contract` looks at a whole contract at a moment, through the
  public functions of :mod:`~upwork_safety.escrow`,
  :mod:`~upwork_safety.hourly` and :mod:`~upwork_safety.fees`: unfunded work,
  running clocks, refund requests, the dispute window, milestones too small
  to defend in arbitration, dormant escrow, and hourly time that Hourly
  Protection will not cover.

Every code is a :class:`FindingCode`, listed in :data:`CODES` with what
triggers it and the rule behind it.  The checks are deterministic rules (no
network, no model at run time); they run in linear time, and a text is at
most ``MAX_TEXT_CHARS`` (100,000) characters, so the slowest hostile text
found costs about 5 seconds on a 2-core machine under load (a one-letter line
repeated, 50,000 sentences; U+FDFA repeated, which NFKC spells as 18
characters each, about 2), more on a busier one and when a right-to-left
override makes a run read in both orders (docs/checks.md).  Any Unicode
text is accepted (a string holding a lone surrogate such as U+D800, which
no UTF-8 text can hold, is refused with an ``InvalidValueError`` naming the argument).

>>> [f.code for f in scan_message("Add me on WhatsApp, I'll pay you via PayPal")]
['OFF_PLATFORM_PAYMENT', 'OFF_PLATFORM_CONTACT']
"""

from __future__ import annotations

from upwork_safety.checks import _normalise
from upwork_safety.checks._codes import CODES, CodeInfo, Confidence, FindingCode, Severity
from upwork_safety.checks._contracts import review_contract
from upwork_safety.checks._findings import Finding, to_html, to_records
from upwork_safety.checks._messages import Direction, scan_message
from upwork_safety.checks._milestones import review_milestone

# Re-bound here (not copied) so that it carries its documentation.

#: The most characters the checks read in one text: a message, or a milestone's
#: title or description; a longer one is refused (``InvalidValueError``).  It is
#: the library's one limit on a text (its own, not a platform rule): every
#: free-text field of a value (an id, a title, a memo, a source) holds at most
#: as much, refused when the value is built (docs/api/errors.md).
MAX_TEXT_CHARS = _normalise.MAX_TEXT_CHARS

__all__ = [
    "CODES",
    "MAX_TEXT_CHARS",
    "CodeInfo",
    "Confidence",
    "Direction",
    "Finding",
    "FindingCode",
    "Severity",
    "review_contract",
    "review_milestone",
    "scan_message",
    "to_html",
    "to_records",
]


def __dir__() -> list[str]:
    """The public names (``__all__``), not the names this module imports (r19 L4)."""
    return sorted(__all__)
