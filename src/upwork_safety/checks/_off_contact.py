"""Off-platform contact: a channel to talk outside Upwork, asked for or offered.

``OFF_PLATFORM_CONTACT``: a contact detail (:mod:`._contacts`), or a request
or offer together with a chat app, e-mail or a phone as a way to talk, or
"outside Upwork".  Paying outside Upwork is ``_off_platform``'s.
"""

from __future__ import annotations

import re

from upwork_safety.checks import _lexicon as lex
from upwork_safety.checks._account_words import KEYS, LOGIN_PAIR, SENT_CODE, SOURCE_CODE
from upwork_safety.checks._codes import Confidence, FindingCode
from upwork_safety.checks._contacts import contact_details, placed_on_product
from upwork_safety.checks._handover import OFF_SUBMIT
from upwork_safety.checks._leaving import reads_upwork_mail, talk_in_mail
from upwork_safety.checks._sentences import (
    Hit,
    Message,
    Sentence,
    anchor,
    best_hit,
    read_rules,
)

_CONTACT_OFF = re.compile(
    r"\b(?:outside|off|away from|instead of|other than|not on|not here on)\s(?:of\s)?(?:the\s)?"
    r"(?:upwork|platform|site|upwork's (?:chat|messages?|messenger))\b|"
    r"\bupwork (?:se|ke) (?:bahar|baghair|ilawa)\b|\belsewhere\b|\bsomewhere else\b|"
    # The question form: "where else can I reach you?", "is there any other way to talk?".
    r"\b(?:where|anywhere) else\b|\b(?:some|any) other way\b(?! to (?:reach|get to|open|find|"
    r"access|fix|do|get|make|show)\b(?! (?:you|u|me|us|each other)\b))|"
    r"\bhow else (?:\w+ ){0,3}?(?:reach|contact|talk to|get hold of) (?:you|u|me)\b|"
    r"\b(?:an )?alternative (?:channel|app|platform|way to (?:reach|contact|talk))\b|"
    r"\b(?:another|other|different) (?:app|platform|channel|way to (?:reach|contact|talk))\b"
    r"(?! (?:the|a|an|our|this|that|its|their|his|her)\b)|"
    r"\bin private\b|\bprivately\b"
)
COMMUNICATE = re.compile(
    r"\b(?:talk|chat|discuss|communicat\w{0,6}|conversation|message|messages|messaging|"
    r"contact|reach|call|speak|baat|rabta)\b"
)
#: Moving or carrying on off the platform: "let's continue outside Upwork", "take this off Upwork".
MOVE_OFF = re.compile(
    r"\b(?:continue|carry on|move|moving|shift|go|get|take|bring)"
    # What moves is the talk or the work ("this", "the chat"), not a thing ("the images").
    r"(?: (?:this|that|it|us|things|everything|the rest|(?:this|the|our) (?:conversation|chat|"
    r"discussion|project|work|job|contract)))? "
    # Not "Upwork's old API": a thing of the platform's, not the platform.
    r"(?:outside|off|away from)(?: of)?(?: the)? (?:upwork|platform)\b(?!'s)"
)
#: Paying or a price: with it, "outside Upwork" is about the money (payment's), not the talk.
STRONG_PAY = re.compile(
    r"\b(?:pay|paid|paying|pays|payment|payments|transfer\w{0,3}|wire|money|paise|paisa|"
    r"raqam|deal|bonus|salary|funds|settle|invoice|cash|amount|rest|balance|remaining|"
    r"discount|cheaper|price|rate|\d+ ?% off)\b"
)
_AVAILABLE_ON = re.compile(
    r"\b(?:available|active|reachable|online|more active|mostly|usually|always|all day|"
    r"faster|quicker|quickly|easier|better|respond|reply|replies)\b|\bi'?m on\b|"
    r"\bi am on\b|\bfind me\b"
)
#: A thing sent by post, not an e-mail: "we will mail you a cheque", "I'll mail you the kit".
_POSTED = (
    r"(?! (?:a |an |the |your |our |my )?(?:[\w-]+ )?(?:cheques?|checks?|package|parcel|kit|"
    r"starter kit|cards?|letter|device|laptop|equipment|box|hard ?drive|samples? (?:pack|box)|"
    r"prints?|cop(?:y|ies)|books?|gifts?|merch|swag|samples?|documents by post)\b)"
)
_EMAIL_CONTACT = re.compile(
    r"(?:^|(?<=[,;:] ))(?:please |pls |just |kindly )?(?:e-?mail|mail) (?:me|us)\b|"
    r"\b(?:i'?ll|i will|we'?ll|we will|can|let me|please|could|i can) (?:e-?mail|mail) "
    r"(?:you|me|us)\b" + _POSTED + r"|\b(?:e-?mail|mail) (?:me|us) (?:at|on)\b|"
    r"\b(?:e-?mail|mail) (?:karein|kar dein|kar do|karo|kijiye)\b|"
    r"\b(?:your|my|apna|apni|mera|meri|personal|private|direct) (?:personal |private )?"
    r"(?:e-?mail|gmail|email address)\b|\be-?mail address\b|"
    r"\b(?:on|via|by|over|through|to|at) (?:my |your )?(?:e-?mail|gmail)\b|"
    # Files sent to the writer's inbox: "mail the files to my personal inbox" (review r21 L2).
    r"\b(?:to|into|in) (?:my|mera|meri) (?:personal |private |own |gmail |e-?mail )?inbox\b|"
    r"\b(?:e-?mail|gmail) (?:bata|bhej|de|share|send|pe|par|per)\w{0,6}\b"
)
_PHONE_CONTACT = re.compile(
    r"\b(?:your|my|apna|apni|mera|meri|aap ka|aap ki|personal|direct|private|cell|mobile|"
    r"contact|whatsapp|phone) (?:phone |cell |mobile |whatsapp |contact )?(?:number|phone|"
    r"cell|mobile)\b|\b(?:call|text|sms|ring|phone) (?:me|you|us)\b|"
    r"\b(?:give|send|share|bhej|de) (?:me |us )?(?:a )?(?:call|ring)\b|"
    r"\bnumber (?:de|bhej|share|send|bata|do|dein|dijiye|likh|pe|par|per)\w{0,6}\b|"
    r"\b(?:phone|cell|mobile|direct|voice|whatsapp) calls?\b|\bcall (?:kar|karein|karo|"
    r"kar lein|kar lo)\b|\bby text\b|\bvia sms\b"
)
#: The phone as a device to look at things on ("on my phone", "from my mobile").
_DEVICE = re.compile(r"(?:my|your|apna|apni|mera|meri|aap ka|aap ki) (?:phone|mobile|cell)$")
_DEVICE_BEFORE = re.compile(r"\b(?:on|from|with|using|in) $")
_ON_UPWORK_CALL = re.compile(
    r"\b(?:call|calls|meeting|video call|chat|message|messages|talk)(?: me| us| you)? (?:here|"
    r"on upwork|"
    r"through upwork|via upwork|in upwork)\b|\bupwork (?:call|video call|meeting|messages|"
    r"chat|ki video call|pe call|par call)\b|\bhere on upwork\b"
)
#: A payment account's number or e-mail ("JazzCash number", "Payoneer wali email"): an
#: account to pay into, not a way to talk; also the number after the account's title, "bank
#: ka account title aur number bhej do" (review r33, scanner dev-r33).
_PAYMENT_NUMBER = re.compile(
    r"\b(?:jazz\s?cash|easy\s?paisa|sada\s?pay|naya\s?pay|raast|upaisa|account|iban|bank|"
    r"pay\s?pal|payoneer|wise|skrill|zelle|venmo|revolut)(?: \w+)?(?: (?:aur|and|&|or|ya))? $"
)


#: The app's detail as a thing to place: "our WhatsApp handle", "the Telegram channel link".
_DETAIL_AFTER = re.compile(
    r"(?:'s)? (?:\w+ )?(?:handle|number|link|qr(?: code)?|icon|logo|channel|page|account|id|"
    r"username|button|badge)s?\b"
)
#: Placing it on the design: "put", "add", "print", "include".
_PLACE_VERB = re.compile(r"\b(?:put|add|print|include|place|show|display|feature)\w{0,3}\b")


#: The app's name quoted as a word: "'WhatsApp'".
_QUOTED = re.compile(r"^(['\"]).+\1$")
_REACH_ME = re.compile(
    r"\b(?:add|message|contact|text|call|ping|reach|dm|find|join) (?:me|us)\b|\b(?:my|mera)\b"
)
#: The writer and the reader talking: "let's discuss", "I'll send my notes", "can we chat".
_TALK_VERB = re.compile(
    r"\b(?:let'?s|let us|we can|can we|could we|shall we|i'?ll|i will|we'?ll)(?: \w+)? "
    r"(?:discuss|talk|chat|continue|send|share|go over|explain|message|text|call)\b"
)
#: The talk is someone else's, or a feature being built: "send confirmations to customers".
_OTHERS_OR_BUILT = re.compile(
    r"\b(?:customers?|users?|subscribers?|buyers?|members?|students?|visitors?|shoppers?|"
    r"patients?|guests?|team|build\w{0,3}|integrat\w{0,6}|bot|api|flow|automat\w{0,6}|"
    r"feature|upwork)\b"
)
#: The app right after on/over/via: the channel the talk goes through.
_OVER_APP = re.compile(r"\b(?:on|over|via|through|thru|in) (?:the )?$")


def _placed_detail(sentence: Sentence, match: re.Match[str]) -> bool:
    """The app's handle or link placed on what is being built, not a way to talk.

    "Put our Instagram handle on the cup sleeve artwork" places a detail;
    "I'll send my notes on the packaging over Telegram" talks on the app.
    """
    return (
        _DETAIL_AFTER.match(sentence.text, match.end()) is not None
        and sentence.first(_PLACE_VERB) is not None
        and placed_on_product(sentence.text)
    )


#: Whether the rules allow it: "or is that not allowed?", "is it against the rules to...".
_RULES_QUESTION = re.compile(
    r"\b(?:allowed|permitted|against (?:the |upwork'?s? )?(?:rules|terms|tos|policy)|"
    r"(?:the )?rules? (?:say|allow)|(?:is|are) (?:it|that|this) (?:ok|okay|fine|legal) (?:to|if))\b"
)
#: Clients or freelancers in general, not the reader: "a client", "clients", "the client".
_ANY_PARTY = re.compile(
    r"\b(?:a|any|the|other) (?:clients?|freelancers?)\b|\b(?:clients|freelancers)\b"
)


def _rules_question(sentence: Sentence) -> bool:
    """A question about the rules for clients in general, not an offer to the reader.

    "Can I give a client my email after the contract starts, or is that still not
    allowed?" asks what Upwork permits; it shares nothing with anyone.
    """
    return (
        "?" in sentence.text
        and sentence.first(_RULES_QUESTION) is not None
        and sentence.first(_ANY_PARTY) is not None
    )


#: The channel said to be out of reach, right after its name: "Discord is blocked on my office
#: network", "Telegram is banned here" (review r36, scanner dev-r36).
_BLOCKED = re.compile(
    r" (?:is|are|'s|gets|got) (?:(?:also|still|completely|totally) )?(?:blocked|banned|"
    r"restricted|not allowed|not available|unavailable)\b"
)


def _suppressed_channel(sentence: Sentence, match: re.Match[str]) -> bool:
    start, end = match.span()
    if _rules_question(sentence):
        return True  # "can I give a client my email, or is that not allowed?"
    if (
        _TALK_VERB.search(sentence.text)
        and _OVER_APP.search(sentence.text, 0, start)
        and not _OTHERS_OR_BUILT.search(sentence.text)
    ):
        # "let's discuss the mockup on WhatsApp": we talk there, whatever the subject
        return sentence.negated(start, end) or sentence.past()
    if _QUOTED.match(sentence.text[max(0, start - 1) : end + 1]) and not _REACH_ME.search(
        sentence.text
    ):
        return True  # "it says 'Whtapp' instead of 'WhatsApp'": the word, quoted
    if _BLOCKED.match(sentence.text, end):
        return True  # "Discord is blocked on my office network, so let's keep using this chat"
    if sentence.suppressed(start, end) or _placed_detail(sentence, match):
        return True  # "put our WhatsApp handle on the menu card": the design's, not a way to talk
    return bool(sentence.in_clause(_ON_UPWORK_CALL, start)) and not (
        sentence.all(_CONTACT_OFF) or sentence.all(lex.CHAT_COMPLAINT)
    )  # "Upwork chat" in use, unless it is the reason to leave: "as Upwork chat is laggy"


def _contact_app(sentence: Sentence) -> Hit | None:
    """A chat app with a way of getting in touch, asked for or offered."""
    code = FindingCode.OFF_PLATFORM_CONTACT
    best: Hit | None = None
    for match in sentence.all(lex.APP):
        if _suppressed_channel(sentence, match):
            continue
        verb = sentence.first(lex.CONTACT_VERB) or sentence.first(lex.APP_AS_VERB)
        owner = sentence.near(lex.POSSESSIVE, *match.span(), reach=14)
        if (verb or owner) and sentence.asks():
            return Hit(code, *sentence.span(match, verb), Confidence.HIGH)
        if (
            sentence.asks()
            or verb
            or sentence.first(_AVAILABLE_ON)
            or (owner and "?" in sentence.text)
        ):
            best = best or Hit(code, *sentence.span(match), Confidence.MEDIUM)
    return best


#: Where something is delivered or signed up with, not a way to talk: "the code Upwork sent
#: to your phone", "create an account on our staging site with your email".
_DELIVERED_TO = re.compile(
    r"\b(?:upwork|it|they|we|i) (?:just |has |have )?(?:sent|sends|texted|emailed)(?: \w+)? to "
    r"$|\b(?:account|profile|login|sign ?up|register\w{0,5})\b[^.?!]{0,30}\b(?:with|using) $|"
    # An invitation to a tool sent there: "they'll send an invite to your email", "the invite
    # went to your email", "a GitHub invite at your email".
    r"\b(?:invite|invites|invitation|access link|login link)\b[^.?!]{0,30}?(?:\b(?:to|at|in) )?$"
)
#: The e-mail read for an invitation ("check your email for the invite"), or a notice that
#: reached it ("aap ki email pe notification aya hoga", "email par receipt bheji hogi",
#: "aapke number pe Upwork ka jo code aaya").
_INVITE_AFTER = re.compile(
    r" (?:for|with) (?:the |an |our |their |a )?(?:invite|invitation)\b|"
    r"(?: (?:pe|par|per|mein|me))? (?:\w+ ){0,3}?(?:notification|notice|invite|invitation|"
    r"confirmation|receipt|invoice|alert|link|code|otp|offer)s? (?:\w+ ){0,2}?(?:aya|aaya|ayi|"
    r"aayi|aai|"
    r"aa gay\w|aa chuk\w|gaya|gayi|gai|bheja|bheji|bheje|mila|mili)\b"
)


def _login_email(sentence: Sentence, match: re.Match[str]) -> bool:
    """Whether the e-mail at *match* is named with a password: a login's, not a way to talk."""
    return any(pair.start() - 12 <= match.start() < pair.end() for pair in sentence.all(LOGIN_PAIR))


def _handed_over_by_mail(sentence: Sentence, match: re.Match[str]) -> bool:
    """Whether the e-mail at *match* only carries the work as the contract closes.

    "My assistant will collect the Word file by email; the contract here will be closed
    today": the files handed over outside Upwork's submission (``START_BEFORE_FUNDING``),
    with no address and no talk moved there (review r32, scanner dev-r32).
    """
    handovers = sentence.all(OFF_SUBMIT)
    if any(h.start() <= match.start() and match.end() <= h.end() for h in handovers):
        return True
    # The work sent to the mail instead of Upwork's submission, the handover said after it:
    # "send the final PSD to my Gmail instead of submitting it here" (review r34).
    # ... also in Roman Urdu: "final files email kar do, ... Upwork pe submit karne ki
    # zaroorat nahi" (scanner r43); a handover only "forgotten" needs its file service named.
    return any(not h.group("loose") and match.end() <= h.start() for h in handovers) and bool(
        _SENT_TO_MAIL.search(sentence.text, max(0, match.start() - 60), match.end())
    )


#: The work sent to the writer's mail box, no address given: "send the PSD to my Gmail".
_SENT_TO_MAIL = re.compile(
    r"\b(?:send|share|upload|deliver|forward|bhej)\w{0,3}\b(?: [\w']+){0,5}? (?:to|on|in|into) "
    r"(?:my|our|the) (?:e-?mail|gmail|hotmail|outlook|yahoo|inbox|mail)\b$|"
    # The work e-mailed, in Roman Urdu: "final files email kar do", "zip mujhe mail kar dein".
    r"\b(?:files?|zip|folder|apk|psd|pdf|video|designs?|deliverables?|source|kaam)\b(?: \w+){0,3}? "
    r"(?:e-?mail|mail|gmail) (?:kar|kr) ?(?:do|dein|dena|dijiye|de)$"
)


#: The writer's own e-mail or phone ("to my email", "mere number pe"), and a code arriving
#: there ("my email got a code"): the writer's place is where a code is to be sent, unless
#: the code is said to have arrived in it.
_WRITERS_PLACE = re.compile(r"\b(?:my|mera|meri|mere|our|hamara|hamari|hamare) ")
_ARRIVED = re.compile(
    r"(?: (?:pe|par|per|mein|me))?(?: \w+){0,1}? (?:got|gets|received|aaya|aya|aayi|ayi|"
    r"aa gaya|aa gayi|mila|mili)\b"
)


def _code_went_there(sentence: Sentence, match: re.Match[str]) -> bool:
    """Whether the e-mail or phone at *match* is where the code Upwork sends went.

    "Aapki email pe code gaya hoga, woh bata do", "your phone should get a 6 digit code":
    the place a code arrived (asking for it is ``ACCOUNT_SHARING``), not a way to talk
    (review r26, closing24).
    """
    if sentence.first(SOURCE_CODE):
        return False
    start, end = match.span()
    if _WRITERS_PLACE.search(sentence.text, max(0, start - 7), end) and not _ARRIVED.match(
        sentence.text, end
    ):
        return False  # "send the code Upwork sent you to my email": where it is to go
    return any(
        SENT_CODE.search(key.group())
        and max(key.start() - match.end(), match.start() - key.end()) <= 25
        for key in sentence.all(KEYS)
    )


def _mail_not_to_talk(sentence: Sentence, match: re.Match[str]) -> bool:
    """Whether the e-mail at *match* is Upwork's, a login's or a handover's, not a way to talk."""
    return (
        reads_upwork_mail(sentence, match)  # "I've sent the offer, check your email"
        or _login_email(sentence, match)  # "apna password aur email bhej do" (ACCOUNT_SHARING)
        # "collect the file by email; the contract will be closed": a handover
        or _handed_over_by_mail(sentence, match)
    )


def _phone_not_to_talk(sentence: Sentence, match: re.Match[str]) -> bool:
    """Whether the phone at *match* is a screen, or said to be off with the talk on Upwork."""
    if (
        _DEVICE.match(match.group())
        and _DEVICE_BEFORE.search(sentence.text, 0, match.start())
        and not sentence.in_clause(lex.CONTACT_VERB, match.start())
    ):
        return True  # "check the colours on my phone": the phone as a screen
    # "mera phone band rehta hai, Upwork chat mein likh dena": no way to talk
    return bool(_PHONE_OFF.match(sentence.text, match.end()) and sentence.first(_ON_UPWORK_CALL))


def _contact_mail_or_phone(sentence: Sentence) -> Hit | None:
    """E-mail or a phone as a way to talk: "email me", "your number", "call me"."""
    code = FindingCode.OFF_PLATFORM_CONTACT
    best: Hit | None = None
    for pattern, not_to_talk in (
        (_EMAIL_CONTACT, _mail_not_to_talk),
        (_PHONE_CONTACT, _phone_not_to_talk),
    ):
        for match in sentence.all(pattern):
            if _suppressed_channel(sentence, match) or sentence.all(lex.ALLOWED_TOOL):
                continue
            if _PAYMENT_NUMBER.search(sentence.text, 0, match.start()):
                continue  # "JazzCash number", "Payoneer email": an account to pay into
            if (
                _DELIVERED_TO.search(sentence.text, max(0, match.start() - 40), match.start())
                or _INVITE_AFTER.match(sentence.text, match.end())
                or _code_went_there(sentence, match)
            ):
                # "the code Upwork sent to your phone", "an invite to your email", "aapki
                # email pe code gaya hoga": where something went, not a way to talk
                continue
            if not_to_talk(sentence, match):
                continue
            if sentence.asks() or sentence.first(lex.CONTACT_VERB):
                return Hit(code, *sentence.span(match), Confidence.HIGH)
            best = best or Hit(code, *sentence.span(match), Confidence.MEDIUM)
    return best


#: The phone said to be off or out of reach: "my phone stays off at work", "mera phone office
#: mein band rehta hai" (with the talk kept on Upwork, no way to talk; review r32).
_PHONE_OFF = re.compile(
    r"(?: \w+){0,3}? (?:is |stays |remains |keeps |rehta hai |hota hai )?(?:band|off|switched off|"
    r"turned off|silent|on silent|dead|kharab|not with me|mere pass nahi)\b"
)


def _contact_elsewhere(sentence: Sentence) -> Hit | None:
    """Talking (or, with no money in the sentence, moving on) "outside Upwork", "elsewhere"."""
    for match in sentence.all(_CONTACT_OFF):
        verb = sentence.first(COMMUNICATE)
        if verb is None and not sentence.first(STRONG_PAY):
            verb = sentence.first(MOVE_OFF)  # "let's continue outside Upwork"
        if verb is None or sentence.negated(*match.span()) or sentence.past():
            continue
        if sentence.asks():
            return Hit(
                FindingCode.OFF_PLATFORM_CONTACT, *sentence.span(verb, match), Confidence.HIGH
            )
    return None


_CONTACT_RULES = (_contact_app, _contact_mail_or_phone, _contact_elsewhere, talk_in_mail)


#: A team's own chat workspace: left alone for the work of a running contract, not for hiring.
_WORKSPACE = re.compile(
    r"\b(?:slack|microsoft teams|ms teams|teams (?:channel|chat|group|workspace|invite|link)|"
    r"(?:on|to|in|via|over) teams)\b|\b(?:join\.)?[\w-]+\.slack\.com\b"
)
#: The talk moved, or the reader brought in: "join our Slack", "move this conversation to Teams".
_BROUGHT_OVER = re.compile(
    r"\b(?:join|joining|move|moving|continue|continuing|shift|switch|take|carry on|hop on|"
    r"come over|jump on)\b|\b(?:join|add|shift|move) kar\w{0,4}\b"
)
#: Before any contract: a recruiter, a hiring round, the conversation itself moved.
_HIRING_TALK = re.compile(
    r"\b(?:recruit\w{0,5}|hiring|interview\w{0,3}|screening|next (?:round|step|stage)|"
    r"candidates?|shortlist\w{0,4}|(?:this|our|the) (?:conversation|chat|discussion)|"
    r"(?:chat|communication|talk)s? (?:will )?(?:move|moves|shift|shifts) there)\b"
)
#: The workspace only once the contract runs: "I'll add you once the contract starts".
_CONTRACT_FIRST = re.compile(
    r"\b(?:once|after|when|jab)\b(?: \w+){0,3}? (?:contract|offer|milestone)\b|"
    r"\b(?:contract|offer) (?:ke baad|shuru hone)\b|\bdon'?t (?:need|have) to join\b"
)
_WORKSPACE_ANCHOR = anchor((_WORKSPACE,))


def _workspace_before_hire(message: Message) -> Hit | None:
    """A Slack or Teams workspace joined by a recruiter's invite, or the talk moved there.

    "I'm a recruiter, join our Slack so we can continue the interview", "let's move this
    conversation to Teams" (review r30, scanner dev-r30); not the workspace of a running
    contract ("I'll add you to our Slack once the contract starts").
    """
    if message.has(_CONTRACT_FIRST_ANCHOR) and any(
        s.first(_CONTRACT_FIRST) for s in message.sentences
    ):
        return None
    hiring = any(s.first(_HIRING_TALK) for s in message.sentences)
    for sentence in message.holding(_WORKSPACE_ANCHOR):
        match = sentence.first(_WORKSPACE)
        verb = sentence.first(_BROUGHT_OVER)
        if match is None or verb is None or sentence.past():
            continue
        if sentence.negated(*match.span()) or sentence.negated(*verb.span()):
            continue
        if hiring and (sentence.asks() or sentence.first(_HIRING_TALK)):
            return Hit(
                FindingCode.OFF_PLATFORM_CONTACT, *sentence.span(verb, match), Confidence.MEDIUM
            )
    return None


_CONTRACT_FIRST_ANCHOR = anchor((_CONTRACT_FIRST,))


CONTACT_ANCHOR = anchor(
    (lex.APP, lex.EMAIL_WORD, lex.PHONE_WORD, _EMAIL_CONTACT, _PHONE_CONTACT, _CONTACT_OFF),
)


def contact(message: Message) -> Hit | None:
    """OFF_PLATFORM_CONTACT: a contact detail, or off-platform contact asked for or offered."""
    details = contact_details(message.text)
    if details:
        first = details[0]
        return Hit(FindingCode.OFF_PLATFORM_CONTACT, first.start, first.end, Confidence.HIGH)
    return best_hit(
        read_rules(s, _CONTACT_RULES) for s in message.holding(CONTACT_ANCHOR)
    ) or _workspace_before_hire(message)
