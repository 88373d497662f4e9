"""Off-platform contact and payment: a channel or a payment method, asked for or offered.

``OFF_PLATFORM_CONTACT``: a contact detail (:mod:`._contacts`), or a request
or offer together with a chat app, e-mail or a phone as a way to talk, or
"outside Upwork".  ``OFF_PLATFORM_PAYMENT``: bank or payment-account details
asked for, a payment method that leaves Upwork with paying in a request or
offer, "directly" / "outside Upwork", or avoiding Upwork's fee.
"""

from __future__ import annotations

import re

from upwork_safety.checks import _lexicon as lex
from upwork_safety.checks._codes import Confidence, FindingCode
from upwork_safety.checks._contacts import contact_details, placed_on_product
from upwork_safety.checks._leaving import LEFT, reads_upwork_mail, talk_in_mail, work_taken_off
from upwork_safety.checks._payment_kinds import (
    WALLET,
    WITHDRAWAL,
    bought_by_reader,
    checked_at_bank,
    wallet_to_reader,
    withdrawal_destination,
)
from upwork_safety.checks._sentences import (
    CLIENT_TO_YOU,
    Hit,
    Message,
    Sentence,
    anchor,
    best_hit,
    read_rules,
)

# =========================================================================== contact

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
_COMMUNICATE = re.compile(
    r"\b(?:talk|chat|discuss|communicat\w{0,6}|conversation|message|messages|messaging|"
    r"contact|reach|call|speak|baat|rabta)\b"
)
#: Moving or carrying on off the platform: "let's continue outside Upwork", "take this off Upwork".
_MOVE_OFF = re.compile(
    r"\b(?:continue|carry on|move|moving|shift|go|get|take|bring)"
    # What moves is the talk or the work ("this", "the chat"), not a thing ("the images").
    r"(?: (?:this|that|it|us|things|everything|the rest|(?:this|the|our) (?:conversation|chat|"
    r"discussion|project|work|job|contract)))? "
    # Not "Upwork's old API": a thing of the platform's, not the platform.
    r"(?:outside|off|away from)(?: of)?(?: the)? (?:upwork|platform)\b(?!'s)"
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
#: account to pay into, not a way to talk.
_PAYMENT_NUMBER = re.compile(
    r"\b(?:jazz\s?cash|easy\s?paisa|sada\s?pay|naya\s?pay|raast|upaisa|account|iban|bank|"
    r"pay\s?pal|payoneer|wise|skrill|zelle|venmo|revolut)(?: \w+)? $"
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
#: reached it ("aap ki email pe notification aya hoga", "email par receipt bheji hogi").
_INVITE_AFTER = re.compile(
    r" (?:for|with) (?:the |an |our |their |a )?(?:invite|invitation)\b|"
    r"(?: (?:pe|par|per|mein|me))? (?:\w+ ){0,2}?(?:notification|notice|invite|invitation|"
    r"confirmation|receipt|alert|link|code|otp|offer)s? (?:\w+ ){0,2}?(?:aya|aaya|ayi|aayi|aai|"
    r"aa gay\w|aa chuk\w|gaya|gayi|gai|bheja|bheji|bheje|mila|mili)\b"
)


def _contact_mail_or_phone(sentence: Sentence) -> Hit | None:
    """E-mail or a phone as a way to talk: "email me", "your number", "call me"."""
    code = FindingCode.OFF_PLATFORM_CONTACT
    best: Hit | None = None
    for pattern in (_EMAIL_CONTACT, _PHONE_CONTACT):
        for match in sentence.all(pattern):
            if _suppressed_channel(sentence, match) or sentence.all(lex.ALLOWED_TOOL):
                continue
            if _PAYMENT_NUMBER.search(sentence.text, 0, match.start()):
                continue  # "JazzCash number", "Payoneer email": an account to pay into
            if _DELIVERED_TO.search(
                sentence.text, max(0, match.start() - 40), match.start()
            ) or _INVITE_AFTER.match(sentence.text, match.end()):
                continue  # "the code Upwork sent to your phone", "an invite to your email"
            if pattern is _EMAIL_CONTACT and reads_upwork_mail(sentence, match):
                continue  # "I've sent the offer, check your email"
            if (
                pattern is _PHONE_CONTACT
                and _DEVICE.match(match.group())
                and _DEVICE_BEFORE.search(sentence.text, 0, match.start())
                and not sentence.in_clause(lex.CONTACT_VERB, match.start())
            ):
                continue  # "check the colours on my phone": the phone as a screen
            if sentence.asks() or sentence.first(lex.CONTACT_VERB):
                return Hit(code, *sentence.span(match), Confidence.HIGH)
            best = best or Hit(code, *sentence.span(match), Confidence.MEDIUM)
    return best


def _contact_elsewhere(sentence: Sentence) -> Hit | None:
    """Talking (or, with no money in the sentence, moving on) "outside Upwork", "elsewhere"."""
    for match in sentence.all(_CONTACT_OFF):
        verb = sentence.first(_COMMUNICATE)
        if verb is None and not sentence.first(_STRONG_PAY):
            verb = sentence.first(_MOVE_OFF)  # "let's continue outside Upwork"
        if verb is None or sentence.negated(*match.span()) or sentence.past():
            continue
        if sentence.asks():
            return Hit(
                FindingCode.OFF_PLATFORM_CONTACT, *sentence.span(verb, match), Confidence.HIGH
            )
    return None


_CONTACT_RULES = (_contact_app, _contact_mail_or_phone, _contact_elsewhere, talk_in_mail)


CONTACT_ANCHOR = anchor(
    (lex.APP, lex.EMAIL_WORD, lex.PHONE_WORD, _PHONE_CONTACT, _CONTACT_OFF),
    "wh wa wt te tl sk discord chat viber imo kik snap insta fb facebook messenger linked "
    "hangouts signal line mail yahoo outlook inbox phone cell mobile number no sms text call app "
    "ring off out away instead other upwork elsewhere private",
)


def contact(message: Message) -> Hit | None:
    """OFF_PLATFORM_CONTACT: a contact detail, or off-platform contact asked for or offered."""
    details = contact_details(message.text)
    if details:
        first = details[0]
        return Hit(FindingCode.OFF_PLATFORM_CONTACT, first.start, first.end, Confidence.HIGH)
    return best_hit(read_rules(s, _CONTACT_RULES) for s in message.holding(CONTACT_ANCHOR))


# =========================================================================== payment

_STRONG_PAY = re.compile(
    r"\b(?:pay|paid|paying|pays|payment|payments|transfer\w{0,3}|wire|money|paise|paisa|"
    r"raqam|deal|bonus|salary|funds|settle|invoice|cash|amount|rest|balance|remaining|"
    r"discount|cheaper|price|rate|\d+ ?% off)\b"
)
_DIRECT_ON_UPWORK = re.compile(
    r"\b(?:direct(?:ly)?|seedha)\s(?:\w+\s){0,2}?(?:through|via|on|in|to|into|from|using) "
    r"(?:the )?(?:your |my )?upwork\b|\bdirect contracts?\b|"
    # An Upwork bonus: "pay you directly via an Upwork bonus", "directly as a bonus on Upwork".
    r"\bdirect(?:ly)? (?:via|through|as|with|using|in) (?:an? |the )?(?:upwork bonus(?:es)?\b|"
    r"bonus(?:es)? (?:on|via|through|in) upwork\b)"
)
_ACCOUNT_OWNER = re.compile(
    r"\b(?:your|ur|apna|apni|apne|aap ka|aap ki|aap ke|tumhara|tumhari)\b|"
    r"\b(?:share|send|give|provide|need|what'?s|whats|bhej\w{0,4}|de do|de dein|bata\w{0,4})\b"
)
_MY_ACCOUNT = re.compile(r"\b(?:my|mera|meri|mere)\b")
_PERSON = re.compile(
    r"\b(?:you|your|u|ur|me|my|i|i'?ll|i'?d|i'?m|we|we'?ll|us|aap|aap ko|aap ka|aap ki|aap ke|"
    r"mujhe|main|mai|hum|humein|apna|apni|apne|mera|meri|mere)\b"
)
_ONLY_UPWORK = re.compile(
    r"\b(?:only|sirf|always|just)\b.{0,24}\b(?:upwork|the platform)\b|"
    r"\b(?:upwork|the platform)\b.{0,12}\b(?:only|sirf|hi)\b"
)


#: The account named as where Upwork's withdrawals go ("Mera bank account Meezan mein hai,
#: Upwork se withdraw wahin hota hai"), or its currency asked about ("is your bank account in
#: PKR or USD?"): nothing to pay into is asked for.
_WITHDRAWN_THERE = re.compile(r"\bwithdr[ae]w\w{0,4}\b")
_IN_CURRENCY = re.compile(r" (?:is )?in (?:pkr|usd|dollars?|rupees|euros?|gbp|local currency)\b")
_PAID_DIRECTLY = re.compile(
    r"\b(?:direct\w{0,2}|outside|instead|bahar|seedha|than through|send|share|give|provide|"
    r"bhej\w{0,4}|de do|de dein|bata\w{0,4})\b"
)


def _payment_account(sentence: Sentence) -> Hit | None:
    """Bank or payment-account details asked for (or, in your message, given)."""
    for match in sentence.all(lex.ACCOUNT_DETAILS):
        if sentence.suppressed(*match.span()):
            continue
        named = sentence.all(_WITHDRAWN_THERE) or _IN_CURRENCY.match(sentence.text, match.end())
        if named and not sentence.all(_PAID_DIRECTLY):
            continue  # "my bank account is with Meezan, Upwork withdrawals go there"
        owner = _MY_ACCOUNT if sentence.outgoing else _ACCOUNT_OWNER
        if sentence.near(owner, *match.span(), 24) or (
            sentence.outgoing and sentence.near(_ACCOUNT_OWNER, *match.span(), 24)
        ):
            return Hit(FindingCode.OFF_PLATFORM_PAYMENT, *sentence.span(match), Confidence.HIGH)
    return None


#: Money the freelancer is asked to send back to the client ("pay me back the difference",
#: "return the extra"): the overpayment scam.  Not a fee, so not UPFRONT_FEE's.
_SEND_BACK = re.compile(
    r"\b(?:pay|send|transfer|wire|give|return|refund)\w{0,3}(?: (?:me|us|it|that|this|them|"
    r"the|extra|rest|\$?\d[\d,]{0,9}|difference|amount|money|balance)){0,3} back\b|"
    r"\b(?:return|refund)\w{0,3} (?:me |us )?(?:the )?(?:difference|extra|excess|overpa\w{0,6}|"
    r"duplicate|surplus)\b|"
    r"\bwapas (?:kar|bhej|de|transfer)(?: \w+)? (?:dein|do|dijiye|dena|karein|karo)\b|"
    r"\bwapas (?:bhejein|bhejo|karein|karo|kijiye)\b"
)
_A_FEE = re.compile(r"\b(?:fees?|deposit|charges?|registration|training|kit)\b")


def sent_back(sentence: Sentence) -> re.Match[str] | None:
    """Money asked back (with no fee named, which is UPFRONT_FEE's): "pay me back"."""
    back = sentence.first(_SEND_BACK)
    return back if back is not None and not sentence.first(_A_FEE) else None


def _asked_back(sentence: Sentence, match: re.Match[str], back: re.Match[str] | None) -> bool:
    """Money asked back through the method at *match*: "please return the extra via Payoneer".

    The request counts though the sentence tells why ("I paid twice"), and its
    verb ("refund") is not read as the product's refund feature.
    """
    return (
        back is not None
        and sentence.asks()
        and not sentence.negated(*back.span())
        and not sentence.negated(*match.span())
        and not sentence.product(*match.span(), besides=back.span())
        and not sentence.upwork_feature(match.start())
    )


#: Upwork named as the way the money goes: "on Upwork", "through Upwork", "Upwork pe".
_VIA_UPWORK = re.compile(
    r"\b(?:on|through|thru|via|over|using|within) (?:the )?upwork\b|"
    r"\bupwork (?:pe|par|ke through|ke zariye)\b"
)
#: Upwork named only to set it aside: "instead of on Upwork", "rather than through Upwork".
_NOT_THIS_WAY = re.compile(r"\b(?:instead|rather|than|except|besides|another|other)\b")
#: The speaker sending their own money home: "so I can send the money to my family",
#: "we send money to our parents" (the sender is the writer, the relative their own).
_OWN_REMITTANCE = re.compile(r"\b(?:i|we)\b(?: \w+){0,3} $")
_OWN_RELATIVE = re.compile(r"\b(?:to|through|thru|via) (?:my|our) ")


def _relative_excused(sentence: Sentence, match: re.Match[str]) -> bool:
    """Money handed to a relative (``lex.VIA_RELATIVE``) that is no way off Upwork.

    Either the writer's own remittance ("so I can send the money to my
    family"), or a payment the sentence still sends through Upwork (a
    relative's card used there, a team member's account), with Upwork
    neither refused ("Upwork pe mat daalo", :meth:`Sentence.refuses_upwork`)
    nor set aside, and no other way or reason to leave named.
    """
    if lex.VIA_RELATIVE.fullmatch(match.group()) is None:
        return False
    if (
        _OWN_RELATIVE.search(match.group()) is not None
        and _OWN_REMITTANCE.search(sentence.text, 0, match.start()) is not None
    ):
        return True
    via = sentence.first(_VIA_UPWORK)
    return (
        via is not None
        and not sentence.negated(*via.span())
        and not sentence.refuses_upwork()
        and not sentence.first(_NOT_THIS_WAY)
        and not sentence.first(lex.OFF_PLATFORM)
        and not sentence.first(lex.PLATFORM_FEE)
    )


def _payment_method(sentence: Sentence) -> Hit | None:
    """A payment method that leaves Upwork, with paying in a request or offer."""
    code = FindingCode.OFF_PLATFORM_PAYMENT
    best: Hit | None = None
    back = sent_back(sentence)
    for match in sentence.all(lex.METHOD):
        if back is not None and _asked_back(sentence, match, back):
            return Hit(code, *sentence.span(match, back), Confidence.HIGH)
        if sentence.suppressed(*match.span()) or _relative_excused(sentence, match):
            continue
        if sentence.freelancer_pays(match.start()) and not back:
            continue
        if (
            bought_by_reader(sentence, match)
            or withdrawal_destination(sentence)
            or checked_at_bank(sentence)
        ):
            # "please get 2 Steam gift cards, we reimburse": a purchase (UPFRONT_FEE); "do you
            # withdraw to Payoneer or a local bank?": Upwork's payout; "verify the transfer
            # at the branch": a check
            continue
        if WALLET.fullmatch(match.group()) and not wallet_to_reader(sentence):
            continue  # "test whether GPay works on the Android build": the app's checkout
        low, high = sentence.clause(match.start())
        if (
            sentence.freelancer_pays()
            and not back
            and not CLIENT_TO_YOU.search(sentence.text, low, high)
        ):
            continue  # a fee the freelancer is told to pay: UPFRONT_FEE, not a payment to them
        pay = sentence.first(lex.PAY)
        reason = sentence.first(lex.OFF_PLATFORM) or sentence.first(lex.PLATFORM_FEE)
        if pay and (sentence.asks() or reason):
            return Hit(code, *sentence.span(match, pay), Confidence.HIGH)
        if (sentence.asks() or pay) and sentence.first(_PERSON):
            best = best or Hit(code, *sentence.span(match), Confidence.MEDIUM)
    return best


#: Another way to pay asked for: "is there some other way I can pay you?", "any other method to
#: send the money?", "how else can I get the money to you?".  The usual opening of a move off
#: Upwork when a card "keeps failing".  Sending or transferring counts only with money as its
#: object ("another way to send the files" is not a payment), and paying only when the payee
#: is not a third party being paid by the product ("another way to pay our suppliers").
_MONEY_OBJECT = (
    r"(?:(?:you|u|it) )?(?:(?:the|your|my|this|that|our) )?(?:rest |remaining |last )?"
    r"(?:money|payment|funds|fee|fees|amount|balance|cash|dollars|paise)\b"
)
_OTHER_WAY_TO_PAY = re.compile(
    r"(?:\b(?:some|any|an|another|a different|different|what|which|other)(?: other)? "
    r"(?:way|method|means|option|route|channel)s?|\balternative)\b(?: [\w']+){0,4}? "
    r"(?:pay(?:ing|ment)?s?\b(?! (?:our|their|his|her|its|the (?:suppliers|vendors|staff|"
    r"sellers|drivers|users|customers))\b)|"
    r"(?:send|sending|transfer|transferring|get|getting|receiv\w{1,3}|take|taking) "
    + _MONEY_OBJECT
    + r"|(?:for|of) "
    + _MONEY_OBJECT
    + r")|\bhow else (?:\w+ ){0,4}?(?:pay\b|"
    + _MONEY_OBJECT
    + r")"
)
#: Upwork named as the way, in the question or in its answer: "through Upwork's card option",
#: "your Upwork balance", "add PayPal to my Upwork billing".
_UPWORK_WAY = re.compile(
    r"\b(?:through|thru|via|with|using|from|to|into|on|in|your|my) (?:(?:the|my|your) )?"
    r"upwork(?:'s)? (?:card|billing|balance|wallet|payment|checkout)"
)


def _payment_other_way(sentence: Sentence, following: Sentence | None = None) -> Hit | None:
    """Another way to pay asked for, with Upwork not named as that way (here or in the answer)."""
    match = sentence.first(_OTHER_WAY_TO_PAY)
    if match is None or sentence.first(_VIA_UPWORK):
        return None  # "another way to pay through Upwork": a billing question
    if not (sentence.asks() or "?" in sentence.text[match.end() :]):
        return None
    if sentence.first(_UPWORK_WAY) or (
        following is not None
        and (following.first(_VIA_UPWORK) or following.first(_UPWORK_WAY))
        and not following.all(lex.FEE_AVOIDANCE)
    ):
        return None  # "Another way to pay? Yes, through Upwork's card option."
    if sentence.negated(*match.span()) or sentence.past() or sentence.product(*match.span()):
        return None
    return Hit(FindingCode.OFF_PLATFORM_PAYMENT, *sentence.span(match), Confidence.MEDIUM)


#: Upwork kept only for a start: "Upwork only for the first contract" (and then directly).
_ONLY_AT_FIRST = re.compile(
    r"\b(?:for|on) (?:the |this )?(?:first|initial|trial|current|this) (?:contract|job|project|"
    r"milestone|order|one)\b"
)


def _kept_on_platform(sentence: Sentence) -> bool:
    if sentence.first(_DIRECT_ON_UPWORK):
        return True
    return bool(sentence.first(_ONLY_UPWORK)) and not sentence.first(_ONLY_AT_FIRST)


def _payment_elsewhere(sentence: Sentence) -> Hit | None:
    """Paying "directly", "outside Upwork", "between us"."""
    code = FindingCode.OFF_PLATFORM_PAYMENT
    pay = sentence.first(_STRONG_PAY)
    if pay is None or _kept_on_platform(sentence) or sentence.freelancer_pays():
        return None
    best: Hit | None = None
    for match in sentence.all(lex.OFF_PLATFORM):
        if sentence.suppressed(*match.span()):
            continue
        if sentence.asks() or sentence.first(lex.PLATFORM_FEE):
            return Hit(code, *sentence.span(pay, match), Confidence.HIGH)
        best = best or Hit(code, *sentence.span(pay, match), Confidence.MEDIUM)
    return best


def _payment_fee_reason(sentence: Sentence) -> Hit | None:
    """Avoiding Upwork's fee, offered with paying or a way to pay ("... Raast pe kar deta hoon")."""
    fee = sentence.first(lex.PLATFORM_FEE)
    if fee is None or not sentence.asks() or _kept_on_platform(sentence):
        return None
    if sentence.suppressed(*fee.span()):
        return None
    if (
        sentence.first(_STRONG_PAY)
        or sentence.first(lex.OFF_PLATFORM)
        or sentence.first(lex.METHOD)
    ):
        return Hit(FindingCode.OFF_PLATFORM_PAYMENT, *sentence.span(fee), Confidence.HIGH)
    return None


def _payment_for_the_fee(sentence: Sentence) -> Hit | None:
    """Another way to pay, asked for or offered because of Upwork's fee.

    "Can I pay you directly since Upwork charges 20%?", "Upwork takes 10%, let's
    use Wise instead": the fee is a neutral fact ("since Upwork takes 10%, I
    raised the price") until a way off Upwork is given for it.  Not when the
    money still goes through Upwork or is withdrawn from it.
    """
    reason = sentence.first(lex.FEE_AS_REASON)
    if reason is None or not sentence.asks() or _kept_on_platform(sentence):
        return None
    if sentence.first(_VIA_UPWORK) or sentence.first(WITHDRAWAL) or sentence.past():
        return None
    for way in (*sentence.all(lex.METHOD), *sentence.all(lex.OFF_PLATFORM)):
        if not (sentence.negated(*way.span()) or sentence.product(*way.span())):
            return Hit(
                FindingCode.OFF_PLATFORM_PAYMENT, *sentence.span(reason, way), Confidence.HIGH
            )
    return None


#: A start only: "the first contract", "pehla kaam", "only until we trust each other".
_AT_FIRST = re.compile(
    r"\b(?:first|initial|trial|pehla|pehli|pehle|this|is) (?:contract|job|project|milestone|"
    r"order|kaam|one)\b|\b(?:only|sirf) (?:until|till|jab tak)\b"
)
#: What comes after the start: "then", "later", "uske baad", "from the second one on".
_AFTERWARDS = re.compile(
    r"\b(?:then|later|after that|afterwards|uske baad|us ke baad|baad mein|from the (?:second|"
    r"next)(?: one)?)\b"
)


def _payment_after_upwork_first(sentence: Sentence) -> Hit | None:
    """Upwork kept only for a start, another way to pay after it.

    "Upwork only for the first contract, then directly", "Pehla contract Upwork
    pe, uske baad payment Easypaisa pe": the way named after the start leaves
    Upwork (not "then directly through Upwork", not a withdrawal).
    """
    first = sentence.first(_AT_FIRST)
    if first is None or sentence.first(_DIRECT_ON_UPWORK) or sentence.first(WITHDRAWAL):
        return None
    then = next((m for m in sentence.all(_AFTERWARDS) if m.start() > first.start()), None)
    if then is None or "upwork" not in sentence.text[: then.start()] or sentence.past():
        return None
    if any(m.start() > then.start() for m in sentence.all(_VIA_UPWORK)):
        return None  # "first job here, then the next ones through Upwork too"
    for way in (*sentence.all(lex.METHOD), *sentence.all(lex.OFF_PLATFORM)):
        if way.start() > then.start() and not (
            sentence.negated(*way.span()) or sentence.product(*way.span())
        ):
            return Hit(
                FindingCode.OFF_PLATFORM_PAYMENT, *sentence.span(first, way), Confidence.HIGH
            )
    return None


def _payment_work_off(sentence: Sentence) -> Hit | None:
    """The work taken off Upwork (:mod:`._leaving`); moving the talk off is contact's."""
    if sentence.first(_COMMUNICATE) or sentence.first(_MOVE_OFF):
        return None
    return work_taken_off(sentence)


_PAYMENT_RULES = (
    _payment_account,
    _payment_method,
    _payment_elsewhere,
    _payment_fee_reason,
    _payment_for_the_fee,
    _payment_after_upwork_first,
    _payment_work_off,
)


PAYMENT_ANCHOR = anchor(
    (lex.ACCOUNT_DETAILS, lex.METHOD, lex.OFF_PLATFORM, lex.PLATFORM_FEE, _OTHER_WAY_TO_PAY, LEFT),
    "pay wise union gram remit skrill neteller zelle venmo cash revolut xoom wire jazz easy sada "
    "naya raast hawala bank iban swift routing deposit crypto bitcoin btc usdt tether eth binance "
    "trc erc wallet gift cheque check money order account sort off away leave skip bypass avoid "
    "without instead not other cut beyond upwork bahar direct personal private between side "
    "separate outside elsewhere somewhere seedh zaroorat need involve fee commission commision "
    "cut take charge keep eat deduct kaat le save bach dodge escape % chakkar jhanjhat jhanjat "
    "forget ditch brother cousin friend uncle relative father dad sister family dost chacha mamu "
    "bhai paise paisa raqam else alternative funds zhifu",
)


def payment(message: Message) -> Hit | None:
    """OFF_PLATFORM_PAYMENT: paying or being paid outside Upwork, asked for or offered."""
    return best_hit(
        best_hit((read_rules(s, _PAYMENT_RULES), _payment_other_way(s, message.following(s))))
        for s in message.holding(PAYMENT_ANCHOR)
    )


#: Paying routed through Upwork: "I'll pay you through Upwork", "payment will be made via Upwork".
_PAY_ON_UPWORK = re.compile(
    r"\b(?:pay|paid|paying|payments?|send|sent|release|transfer)\w{0,3}"
    r"(?: (?:you|u|me|us|it|them|everything|in full|the \w+)){0,2}"
    r"(?: (?:will|is|are|goes|go|be|been|made|done|sent|released)){0,3} "
    r"(?:on|via|through|thru|over|using|within) (?:the )?upwork\b|"
    r"\b(?:payments?|paise) (?:\w+ )?upwork (?:pe|par|ke through|ke zariye)\b"
)
#: Another way or only part of the money: "rather than through Upwork", "half through Upwork".
_OTHER_WAY = re.compile(
    r"\b(?:instead|rather|than|except|besides|other|another|apart|half|part|rest|remaining|"
    r"way|faster|quicker|easier|cheaper|better|slow|slower)\b"
)


def payment_kept_on_platform(text: str, *, outgoing: bool) -> bool:
    """Whether every mention of paying in normalised *text* routes it through Upwork.

    Nothing of ``OFF_PLATFORM_PAYMENT``'s words (a method, "directly", the
    fee, account details) may occur, and no sentence that speaks of money may
    go without "through Upwork", negate it or point to another way.  Most
    messages never say "through Upwork" and are not cut into sentences again.
    """
    if _PAY_ON_UPWORK.search(text) is None:
        return False
    message = Message(text, outgoing=outgoing)
    if message.has(PAYMENT_ANCHOR):
        return False
    paying = [s for s in message.sentences if s.first(lex.PAY)]
    return bool(paying) and all(
        (on := s.first(_PAY_ON_UPWORK)) is not None
        and not s.negated(*on.span())
        and not s.first(_OTHER_WAY)
        for s in paying
    )
