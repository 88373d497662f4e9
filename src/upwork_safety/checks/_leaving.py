"""Words that leave Upwork, or only seem to: the work taken off it, its own e-mail read.

``OFF_PLATFORM_PAYMENT`` (:mod:`._off_platform`) reads the *work* arranged
off Upwork as the money leaving with it, with no word for the money: "future
projects we'll do outside Upwork", "agla kaam Upwork se bahar karte hain",
"let's work directly from now on, no Upwork" (red team r20 M4).  Talk moved
off Upwork, and a bare "let's continue outside Upwork", stay
``OFF_PLATFORM_CONTACT``'s; the caller leaves those sentences out.

``OFF_PLATFORM_CONTACT`` does not read "check your email" as a way to talk
when what is looked for there is Upwork's: an offer, a contract, a
notification (r20 M3).  It does when the reader is told to talk there too
("check your email and reply there, not on Upwork", "email check karo, baat
wahin karte hain"): the talk moved to the e-mail, whatever it is about
(review r20 M1).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from upwork_safety.checks._codes import Confidence, FindingCode
from upwork_safety.checks._sentences import Hit

if TYPE_CHECKING:
    from upwork_safety.checks._sentences import Sentence

#: Upwork left, named: "outside Upwork", "Upwork se bahar", "no Upwork", "Upwork chhodo",
#: "no need to go through Upwork", "Upwork beech mein nahi" (not "outside Upwork hours").
LEFT = re.compile(
    r"\b(?:outside|off|without|bypass\w{0,3}|skip\w{0,3}|cut out)(?: of)?(?: the)? upwork\b"
    r"(?!'s|(?: \w+)? (?:hours|time|fees?|cut|commission|submission|submit))|"
    r"\bupwork (?:se|ke) (?:bahar|baghair)\b|\bbaghair upwork\b|\bno upwork\b(?! \w)|"
    r"\bupwork (?:ki|ka) (?:zaroorat|zarurat) nahi\b|"
    r"\bno need (?:for |of |to (?:go |do it |work )?(?:through|via|on|use) )upwork\b|"
    r"\bupwork (?:beech|bich) (?:mein|me|main) nahi\b|\bupwork (?:chhod|chor)\w{0,3}\b|"
    r"\b(?:forget|ditch|leave) upwork\b|"
    # Upwork's hassle dropped: "Upwork ka chakkar chhodo" (review r31, 6).
    r"\bupwork (?:ka|ke|ki) (?:chakkar|jhanjh?at|jhamela)\w{0,2} (?:chh?od|chh?or)\w{0,3}"
    r"(?: (?:do|dein|den|dijiye))?\b"
)
#: Upwork's hassle dropped, told to the reader, says on its own that the deal leaves it:
#: "Upwork ka chakkar chhodo", "Upwork ka jhanjhat chhor dein".
_HASSLE_DROPPED = re.compile(
    r"^upwork (?:ka|ke|ki) \w+ (?:chh?od|chh?or)(?:o|ein|en|iye|\w{0,3} (?:do|dein|den|dijiye))$"
)
#: The reader given something by the writer, with no word for it: "main aapko direct de dunga"
#: (the money, said without naming it, once Upwork is left) (review r31, 6).
_GIVEN_TO_YOU = re.compile(
    r"\b(?:aap ?ko|ap ?ko|tumhe|tum ko|you|u)\b(?: \w+){0,2} (?:de|bhej)\w{0,2} "
    r"(?:dunga|doon|dun|denge|deta|dete|dungi)\b"
)
#: The work itself, the thing moved: "projects", "hire you", "kaam", "deal with each other".
_WORK = re.compile(
    r"\b(?:work|working|kaam|projects?|jobs?|tasks?|orders?|hire|hiring|deal|deals|"
    r"collaborat\w{0,5}|karenge|karte hain|kar lete hain|karein)\b"
)
#: The finished work handed over outside Upwork's submission: START_BEFORE_FUNDING's.
_HANDED_OVER = re.compile(r"\b(?:deliver|submit|upload|hand over|handover)\w{0,4}\b")
#: From now on: the arrangement is for what comes next.
_AHEAD = re.compile(
    r"\b(?:future|next|from now|going forward|from here on|long[- ]term|after this|ab se|"
    r"aage|agla|agle|agli|aindah|in future)\b"
)


def work_taken_off(sentence: Sentence) -> Hit | None:
    """The work itself arranged outside Upwork, asked for or offered (a payment off Upwork)."""
    left = sentence.first(LEFT)
    if left is None:
        return None
    work = (
        sentence.first(_WORK)
        or sentence.first(_GIVEN_TO_YOU)
        or (left if _HASSLE_DROPPED.match(left.group()) else None)
    )
    if work is None or sentence.past() or sentence.first(_HANDED_OVER):
        return None
    if sentence.negated(*left.span()) or sentence.product(*left.span()):
        return None
    if sentence.asks() or sentence.first(_AHEAD) or _HASSLE_DROPPED.match(left.group()):
        return Hit(FindingCode.OFF_PLATFORM_PAYMENT, *sentence.span(work, left), Confidence.HIGH)
    return None


#: The reader told to read their e-mail ("check your email", "apni email check karein") ...
_READ_MAIL_BEFORE = re.compile(r"\bcheck(?:ing)? $")
_READ_MAIL_AFTER = re.compile(r" (?:check|dekh)\w{0,6}\b")
#: ... for what Upwork sends there: an offer, a contract, a notification.
_UPWORK_MAIL = re.compile(
    r"\b(?:upwork|offers?|contracts?|notifications?|notified|notifies|invites?|invitation|"
    r"milestones?)\b"
)


#: The mailbox the reader is told to read, however it is named: "check your inbox",
#: "open your mail", "email check karo", "apni gmail dekh lein".
_READ_MAILBOX = re.compile(
    r"\b(?:check|open|see|read)\w{0,3} (?:your|ur|the) (?:e-?mail|mail|inbox|gmail)\b|"
    r"\b(?:e-?mail|mail|inbox|gmail) (?:check|dekh)\w{0,6}\b"
)
#: Talking: "reply", "let's discuss", "continue the conversation", "baat", "jawab".
_TALK = re.compile(
    r"\b(?:repl(?:y|ies|ied|ying)|respond\w{0,3}|answer\w{0,3}|talk\w{0,3}|discuss\w{0,3}|"
    r"continue\w{0,3}|conversation|write (?:to )?(?:me|us)|get back to (?:me|us)|baat|jawab)\b"
)
#: ... there, in the e-mail: "reply there", "over there", "wahin", "by email" (not
#: "there on Upwork").
_THERE = re.compile(
    r"\b(?:there|wahan|wahin|wahaan|udhar)\b(?! on upwork| in upwork| here)|"
    r"\b(?:by|over|via|on|through) e-?mail\b|\be-?mail (?:pe|par|per|se)\b"
)


def _talks_there(sentence: Sentence) -> re.Match[str] | None:
    """The talk word of a clause that puts the talk in the e-mail ("reply there")."""
    return next((t for t in sentence.all(_TALK) if sentence.in_clause(_THERE, t.start())), None)


def reads_upwork_mail(sentence: Sentence, match: re.Match[str]) -> bool:
    """'check your email' for an Upwork offer or notice: the e-mail read, not a way to talk.

    Not when the reader is told to talk there as well ("check your email and
    reply there, not on Upwork"): what is in the e-mail is then beside the point.
    """
    text = sentence.text
    told = _READ_MAIL_BEFORE.search(text, max(0, match.start() - 10), match.start()) or (
        _READ_MAIL_AFTER.match(text, match.end())
    )
    return bool(told) and bool(sentence.first(_UPWORK_MAIL)) and _talks_there(sentence) is None


def talk_in_mail(sentence: Sentence) -> Hit | None:
    """The reader told to read their mailbox and to talk there ("check your inbox, reply there")."""
    read = sentence.first(_READ_MAILBOX)
    talk = _talks_there(sentence) if read is not None else None
    if read is None or talk is None or sentence.past() or sentence.negated(*talk.span()):
        return None
    return Hit(FindingCode.OFF_PLATFORM_CONTACT, *sentence.span(read, talk), Confidence.HIGH)
