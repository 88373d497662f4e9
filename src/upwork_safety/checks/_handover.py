"""The work handed over outside Upwork's submission (START_BEFORE_FUNDING's handover variant).

"Don't submit it through Upwork, email me the files", "I'm closing the contract, send the
rest through WeTransfer": work delivered so, never against a funded milestone, is not
protected.  ``_funding`` reads these for the code.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from upwork_safety.checks._sentences import Sentence

#: The work handed over outside Upwork's submission, so never against a funded milestone:
#: "don't submit the work through Upwork", "skip the Upwork submission", "deliver it outside
#: Upwork", "Upwork pe submit mat karna".
OFF_SUBMIT = re.compile(
    r"(?P<told>\b(?:don'?t|do not|never|no need to|without|skip|avoid|instead of)"
    r"(?: \w+){0,2}? (?:submit|deliver|upload)\w{0,5}\b(?: \w+){0,4}? (?:(?:on|through|thru|via|"
    r"in|to|using) (?:the )?(?:upwork\b(?!'s)|platform\b)|here\b))|"
    r"\b(?:skip|bypass|avoid|no need (?:to use|for)|without) (?:the )?upwork'?s? "
    r"(?:submission|submit|delivery)\w{0,7}\b|"
    # ... or said to be forgotten, which needs somewhere else or the contract closing: "forget
    # the Upwork delivery button; mail the APK to my gmail" (review r35, scanner dev-r35).
    r"(?P<loose>\b(?:forget(?: about)?|ignore) (?:the )?upwork'?s? (?:submission|submit|"
    r"delivery)\w{0,7}\b)|"
    r"\b(?:deliver|submit|send|share|hand over)\w{0,3}\b(?: \w+){0,4}? (?:outside|off)"
    r"(?: of)?(?: the)? upwork\b(?!'s)|"
    r"\bupwork (?:pe|par|per|mein|me) (?:\w+ )?(?:submit|deliver)\w{0,3} (?:na|mat|nahi)\b|"
    r"\b(?:submit|deliver)\w{0,3} upwork (?:pe|par|per|mein|me) (?:na|mat|nahi)\b|"
    r"\bupwork (?:pe|par|per|mein|me) (?:\w+ )?(?:submit|deliver|upload)\w{0,3} (?:karne|karna) "
    r"(?:ki )?(?:zaroorat|need) nahi\b|"
    # The contract closed and the rest of the work sent by a file service: "I'm closing the
    # contract now, just send the remaining files through WeTransfer" (review r29).
    r"\b(?:clos|end|cancel|terminat)\w{0,4} (?:the |this |our |my )?contract\b[^.?!]{0,80}?"
    r"\b(?:send|share|upload|deliver|bhej)\w{0,3}\b(?: \w+){0,5}? (?:through|via|on|to|in|using|"
    r"pe|par) (?:my |our |the )?(?:wetransfer|we transfer|google drive|drive|dropbox|onedrive|"
    r"e-?mail|gmail|whatsapp)\b|"
    r"\b(?:send|share|upload|deliver|bhej|e-?mail|mail)\w{0,3}\b(?: \w+){0,5}? (?:through|via|on|"
    r"to|in|using|pe|par) (?:my |our |the )?(?:wetransfer|we transfer|google drive|drive|dropbox|"
    r"onedrive|e-?mail|gmail|whatsapp)\b[^.?!]{0,60}?\b(?:(?:i'?m|we'?re|i am|we are|i'?ll|we'?ll) "
    r"(?:closing|ending|cancell?ing|close|end|cancel)(?! (?:the |this |our |my )?(?:meeting|call|"
    r"session|day|week|chat)\b)|contract (?:band|khatam|close) kar)\w{0,6}\b|"
    # The files collected by e-mail, the contract then said to be closed: "my assistant will
    # collect the PDF by email; the contract here will be closed today" (review r32).
    r"\b(?:send|share|upload|deliver|collect|receive|take|pick up|bhej)\w{0,3}\b(?: \w+){0,5}? "
    r"(?:by|through|via|over|on) (?:my |our |the )?(?:wetransfer|we transfer|google drive|drive|"
    r"dropbox|onedrive|e-?mail|gmail|whatsapp)\b[^.?!]{0,60}?\b(?:contract|job)\b(?: \w+){0,2}? "
    r"(?:will be|is being|is going to be|gets|is) (?:closed|ended|cancell?ed|terminated)\b"
)
#: A file service the work is sent by as the contract closes: kept only when the sentence does
#: not also hand the work in on Upwork ("submit the final files on Upwork; ... the raw
#: footage via Drive").
_FILE_SERVICE = re.compile(
    r"\b(?:wetransfer|we transfer|drive|dropbox|onedrive|e-?mail|gmail|whatsapp)\b"
)
#: The work still handed in on Upwork: "submit the final cut on Upwork".
_SUBMIT_ON_UPWORK = re.compile(
    r"\b(?:submit|deliver)\w{0,3}\b(?: \w+){0,4}? (?:on|through|thru|via|in) (?:the )?upwork\b"
)
#: Not now, rather than not on Upwork: "don't submit on Upwork yet".
_NOT_YET = re.compile(r"\b(?:yet|until|till|before (?:i|we)|abhi)\b")
#: Where the work goes instead of Upwork's submission: "to my Drive", "email it", "directly".
_ELSEWHERE = re.compile(
    r"\b(?:drive|dropbox|wetransfer|we transfer|onedrive|box\.com|e-?mail\w{0,3}|mail|inbox|"
    r"whatsapp|telegram|skype|discord|directly|direct|outside|elsewhere|instead|"
    r"(?:to|with) me|mujhe|bhej\w{0,4})\b"
)
#: The contract closing or replaced, so nothing will be funded: "I'm closing the contract".
_CONTRACT_CLOSING = re.compile(
    r"\b(?:clos|end|cancel|terminat)\w{0,4}(?: out)? (?:the |this |our |my )?(?:contract|job|"
    r"offer)\b|"
    r"\b(?:contract|job|offer) (?:is |was |will be |has been )?(?:closed|ended|cancell?ed|"
    r"terminated|over)\b|\b(?:new|another|second) (?:contract|one)\b|"
    r"\bpay (?:you |u )?(?:later|separately|directly|outside)\b"
)
#: A condition on the submission, not a request to skip it: "don't submit on Upwork unless the
#: tests pass", "... without a README", "... with placeholder text", "... before you test it".
_SUBMIT_CONDITION = re.compile(
    r",? ?(?:unless|without|with|until|till|once|before|if|when|after)\b"
)


def submission_skipped(
    sentence: Sentence, match: re.Match[str], after: Sentence | None = None
) -> bool:
    """An off-Upwork handover that really asks for one, not "don't submit it *yet*".

    "Don't submit it on Upwork" counts only with somewhere else to send the work
    (a Drive, e-mail, "directly", "to me") or the contract closing; a condition
    after it ("... unless the tests pass", "... before you test it") leaves only
    the contract closing.  The sentence *after* it may name them instead, a file
    service or the contract closing only: "No need to hit submit on Upwork. Share
    the link in a Google Drive folder" (review r36, scanner dev-r36).
    """
    loose = match.group("loose")
    if sentence.first(_NOT_YET) or (loose is not None and sentence.negated(*match.span("loose"))):
        # "don't submit it on Upwork yet" is about when, not where; "don't forget the Upwork
        # delivery button" keeps it
        return False
    if loose is None and match.group("told") is None and not _FILE_SERVICE.search(match.group()):
        return True
    for kept in sentence.all(_SUBMIT_ON_UPWORK):
        if not (match.start() <= kept.start() < match.end()) and not sentence.negated(*kept.span()):
            return False  # "don't upload the raw files here, submit the cut on Upwork": both
    if sentence.first(_CONTRACT_CLOSING):
        return True
    if _SUBMIT_CONDITION.match(sentence.text, match.end()):
        return False
    return bool(sentence.first(_ELSEWHERE)) or _handed_over_after(after)


def _handed_over_after(after: Sentence | None) -> bool:
    """Whether the sentence *after* a skipped submission hands the work over elsewhere.

    A file service or the contract closing counts, unless that sentence hands the work in
    on Upwork too ("Submit the cut on Upwork and put the raw files on our Drive").
    """
    if after is None or any(not after.negated(*m.span()) for m in after.all(_SUBMIT_ON_UPWORK)):
        return False
    return bool(after.first(_FILE_SERVICE) or after.first(_CONTRACT_CLOSING))
