"""Intent: who is asked to do what, through which channel, before or instead of the platform.

The scanner does not fire on words.  A message is cut into sentences (and
sentences into clauses), and each code looks for a combination of ideas from
:mod:`._lexicon` in one sentence, the way a reader would:

* **off-platform contact** -- a contact detail (:mod:`._contacts`), or a
  request or offer (``please``, ``can you``, ``let's``, ``I'll``, a
  Roman-Urdu verb ending such as ``kar dein``) together with a channel
  (WhatsApp, Telegram, e-mail, a phone number) and a way of getting in touch
  (``add me``, ``message``, ``baat karte hain``), or "outside Upwork";
* **off-platform payment** -- paying or being paid with a method that leaves
  Upwork, "directly" or "outside", to save the fee, or a request for bank or
  payment-account details;
* **upfront fee** -- the freelancer is the one who pays: a named fee or
  deposit, a purchase "we reimburse", crypto "to unlock" tasks;
* **start before funding** -- a request to start (or to deliver) while the
  funding, contract or offer is put off, free or unpaid trial work, work
  without escrow, payment only after delivery;
* **scope creep** -- more work asked for ("also", "one more", "bhi") with the
  price unchanged ("same budget", "isi milestone mein") or played down
  ("quick", "chhota sa kaam");
* **review begging** (your own messages) -- a request for a particular
  rating, or something offered for one.

A match is dropped when its context says otherwise: a negation in its
clause ("I don't use WhatsApp", "WhatsApp pe mat bulaein"), unless the
negation is about Upwork itself ("I don't check Upwork"); a sentence about
the past with no request in it ("I used to pay my old designer through
PayPal"); the channel or method being part of the product ("a WhatsApp
button", "integrate PayPal", "our customers pay with JazzCash"); or one of
Upwork's own features ("withdraw to Payoneer", "the Upwork fee", "a call on
Upwork").

Each sentence is at most :data:`MAX_SENTENCE` characters (longer ones are
cut into pieces), every pattern is linear, and a search stops at the first
finding per code, so scanning is linear in the length of the message.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import pairwise
from typing import TYPE_CHECKING

import attrs

from upwork_safety.checks import _lexicon as lex
from upwork_safety.checks._contacts import contact_details
from upwork_safety.checks._findings import Confidence, FindingCode

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

#: Longest piece of text judged as one sentence.
MAX_SENTENCE = 400

_SENTENCE_END = re.compile(r"[.!?\u061f\u06d4]+(?=\s|$)|\n")
#: Abbreviations whose full stop does not end a sentence ("Rs. 500", "no. 3").
_ABBREVIATION = re.compile(r"(?:^|\W)(?:rs|mr|mrs|dr|no|st|e\.g|i\.e|vs)$")
_CLAUSE_BREAK = re.compile(
    r"[,;:()\u060c]|\s[-\u2013\u2014]\s|\b(?:but|lekin|magar|however|although|though|whereas|"
    r"warna|because|kyunke|kyun ke|so|par)\b"
)


@attrs.frozen
class Hit:
    """A code's evidence in the normalised text: where it is and how sure the check is."""

    code: FindingCode
    start: int
    end: int
    confidence: Confidence


class Sentence:
    """One sentence of a normalised message, with its clauses and what was found in it."""

    __slots__ = ("_asks", "_found", "clauses", "offset", "outgoing", "text")

    def __init__(self, text: str, offset: int, *, outgoing: bool) -> None:
        self.text = text
        self.offset = offset
        self.outgoing = outgoing
        self._found: dict[re.Pattern[str], list[re.Match[str]]] = {}
        self._asks: bool | None = None
        cuts = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(text)), len(text)]
        self.clauses = list(pairwise(cuts))

    def all(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        """Every match of *pattern* in the sentence (computed once)."""
        found = self._found.get(pattern)
        if found is None:
            found = self._found[pattern] = list(pattern.finditer(self.text))
        return found

    def first(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """The first match of *pattern*, or ``None``."""
        found = self.all(pattern)
        return found[0] if found else None

    def clause(self, position: int) -> tuple[int, int]:
        """The clause that holds *position*."""
        for start, end in self.clauses:
            if start <= position < end:
                return start, end
        return self.clauses[-1]

    def in_clause(self, pattern: re.Pattern[str], start: int) -> list[re.Match[str]]:
        """Matches of *pattern* in the clause that holds *start*."""
        low, high = self.clause(start)
        return [m for m in self.all(pattern) if low <= m.start() < high]

    def near(self, pattern: re.Pattern[str], start: int, end: int, reach: int = 40) -> bool:
        """Whether *pattern* matches within *reach* characters of ``[start, end)``."""
        return any(m.end() > start - reach and m.start() < end + reach for m in self.all(pattern))

    # ------------------------------------------------------------ context

    def negated(self, start: int, end: int) -> bool:
        """Whether a negation governs ``[start, end)``: before it in English, anywhere in Urdu."""
        low, high = self.clause(start)
        allowed = [m.span() for m in self.all(lex.NOT_NEGATION)]
        for match in self.all(lex.NEGATION):
            where = match.start()
            if not low <= where < high or start <= where < end:
                continue
            if any(a <= where < b for a, b in allowed) or self._about_platform(match):
                continue
            word = match.group()
            if word == "na" and not _URDU_VERB_AFTER.match(self.text, match.end()):
                continue
            if word in {"nahi", "mat", "na"} or where < start:
                return True
        return False

    def _about_platform(self, negation: re.Match[str]) -> bool:
        """A negation of Upwork itself ("not on Upwork", "Upwork pe nahi")."""
        after = self.text[negation.end() : negation.end() + 32]
        before = self.text[max(0, negation.start() - 28) : negation.start()]
        return bool(_PLATFORM_AFTER.match(after)) or (
            negation.group() in {"nahi", "na", "mat"} and "upwork" in before
        )

    def past(self) -> bool:
        """Whether the sentence tells of the past, with no request for now."""
        return bool(self.all(lex.PAST)) and not self.all(lex.STILL_ASKING)

    def asks(self) -> bool:
        """Whether the sentence requests, suggests or offers something (computed once)."""
        if self._asks is None:
            self._asks = bool(
                self.all(lex.REQUEST)
                or any(lex.IMPERATIVE_START.match(self.text[a:b].lstrip()) for a, b in self.clauses)
                or ("?" in self.text and self.all(lex.YOU))
            )
        return self._asks

    def product(self, start: int, end: int) -> bool:
        """Whether the words at ``[start, end)`` name part of a product being built."""
        low, high = self.clause(start)
        before = self.text[max(0, start - 40) : start]
        after = self.text[end : end + 40]
        window = " ".join(before.split()[-4:]) + " | " + " ".join(after.split()[:4])
        if _UI_WORD.search(window):
            return True
        clause = self.text[low:high]
        if _TO_PERSON.search(clause) or self.all(_OFF_HERE):
            return False
        if lex.PRODUCT.search(window):
            return True
        if _BUILD_BEFORE.search(before) and not _PERSON_AFTER.match(after):
            return True
        return bool(self.all(_STRONG_PRODUCT))

    def upwork_feature(self, start: int) -> bool:
        """Whether the clause is about one of Upwork's own features (not about avoiding its fee)."""
        return bool(self.in_clause(lex.UPWORK_FEATURE, start)) and not self.all(lex.FEE_AVOIDANCE)

    def suppressed(self, start: int, end: int) -> bool:
        """Negated, past, product talk or an Upwork feature."""
        return (
            self.negated(start, end)
            or self.past()
            or self.product(start, end)
            or self.upwork_feature(start)
        )

    def freelancer_pays(self, at: int | None = None) -> bool:
        """Whether the sentence (or the clause at *at*) tells the reader to pay or buy something."""
        if self.outgoing:
            return False
        for low, high in self.clauses if at is None else [self.clause(at)]:
            clause = self.text[low:high].lstrip()
            if _PAY_COMMAND.match(clause) and not _SEND_ME_YOURS.match(clause):
                return True
            if at is not None and _YOU_PAY.search(clause):
                return True
        if at is not None:
            return bool(self.all(_URDU_YOU_PAY) or (self.all(_MONEY) and self.all(_URDU_SEND)))
        return bool(
            self.all(_YOU_PAY)
            or self.all(_EVERY_NEW_PAYS)
            or self.all(_URDU_YOU_PAY)
            or (self.all(_MONEY) and self.all(_URDU_SEND))
        )

    def span(self, *matches: re.Match[str] | tuple[int, int] | None) -> tuple[int, int]:
        """The absolute span covering *matches* (kept inside this sentence)."""
        spans = [m.span() if isinstance(m, re.Match) else m for m in matches if m is not None]
        start = min(s for s, _ in spans)
        end = max(e for _, e in spans)
        return self.offset + start, self.offset + end


_URDU_VERB_AFTER = re.compile(r" (?:kar|karein|karo|bhej|de|dein|do|bul|bula|lein|le|ja|aa)")
_PLATFORM_AFTER = re.compile(
    r"\s(?:(?:use|using|check|checking|like|trust|reply on|reply in|log in to|login to|open|"
    r"on|through|via|in|want)\s)?(?:the\s)?(?:upwork|platform|this platform|here|this site)\b"
)
_BUILD_BEFORE = re.compile(
    r"\b(?:integrate|integrating|connect|support|supports|enable|embed|"
    r"set up|setup|implement|build|building|develop|create|show|display|post to|posts to|"
    r"sends? to|scrape|automate|sync|configure|add|added|adding)(?: (?:a|an|the|our|their|"
    r"both|also|to the))?(?: \w+)?\s*$"
)
_PERSON_AFTER = re.compile(r"\s?(?:me|us|you|him|her)\b")
_UI_WORD = re.compile(r"\b(?:buttons?|icons?|widgets?|banners?|labels?|logos?|tooltips?)\b")
_OFF_HERE = re.compile(
    r"\binstead of (?:here|upwork|the platform)\b|\boutside (?:of )?(?:upwork|the platform)\b|"
    r"\boff (?:upwork|the platform)\b|\bupwork (?:se|ke) bahar\b"
)
_STRONG_PRODUCT = re.compile(
    r"\b(?:checkout|check-out|gateway|gateways|integrat\w{0,6}|api|sdk|webhooks?|plugin|"
    r"widget|button|bot|bots|chatbot|payment options?|sandbox|customers?|users|visitors|"
    r"attendees|tenants|subscribers|drivers|shoppers|buyers|store's|site's|app's|"
    r"notifications?|template|signature|newsletter|auto-?reply|campaign|"
    r"ka button|ka option|wala feature|wala form|payment ka option|banana hai|banwaya|"
    r"startup|fintech)\b"
)
_TO_PERSON = re.compile(
    r"\b(?:add|message|contact|text|call|pay|send|reach|email|ping|dm|tip|transfer) "
    r"(?:me|us|you)\b|"
    r"\b(?:my|your|apna|apni|mera|meri|aap ka|aap ki) (?:number|email|whatsapp|skype|account|"
    r"id|paypal|payoneer|bank)\b"
)
_PAY_COMMAND = re.compile(
    r"^(?:(?:please|kindly|just|first|pehle|so|then|and|now)\s){0,2}"
    r"(?:pay|send|deposit|transfer|buy|purchase|order|recharge|top up|invest|cover)\b"
)
_SEND_ME_YOURS = re.compile(
    r"^(?:(?:please|kindly|just|so|then|and|now)\s){0,2}send (?:me |us )?(?:your|the|a|an|"
    r"over|it|them|this|that|files?|designs?|drafts?|samples?|work|cv|resume|portfolio|link|"
    r"details|update)\b"
)
_YOU_PAY = re.compile(
    r"\b(?:you|u)(?:'ll| will| would)?(?: (?:need to|must|have to|should|are required to|"
    r"will need to|will have to|just|first|only|also|then|now)){0,2} (?:pay|deposit|send|"
    r"transfer|buy|purchase|cover|invest|order|recharge|top up|upgrade|subscribe|renew)\b"
)
_EVERY_NEW_PAYS = re.compile(
    r"\b(?:each|every|all|new|newly hired|the selected)(?: new)? \w+(?: \w+)? (?:pays?|buys?|"
    r"purchases?|deposits?|must (?:pay|buy|deposit|purchase)|needs? to (?:pay|buy|deposit)|"
    r"has to (?:pay|buy)|have to (?:pay|buy))\b"
)
_URDU_YOU_PAY = re.compile(
    r"\b(?:aap ko|tum ko|aap)\b(?: \w+){0,8} (?:dena|dene|deni|jama|bhejna|bhejne|bhejni|"
    r"khareedna|khareedne|khareedni|lena|lene|leni|ada)\b|\bjama (?:karwa\w*|kar\w*)|"
    r"\bada (?:kar\w*)|\b(?:khareedna|khareedni|lena|leni|dena|deni|jama karwana|bhejna|"
    r"bhejni|jama karna|ada karna|karna|karni) "
    r"(?:hoga|hogi|hain|parega|paregi|zaroori)"
)
_URDU_SEND = re.compile(
    r"\b(?:bhej dein|bhejein|bhejo|bhej do|kar dein|karein|de dein|jama|easypaisa kar|"
    r"jazzcash kar|transfer kar\w*)\b"
)
_MONEY = re.compile(
    r"(?:\$|usd\s?|rs\.?\s?|pkr\s?|\u20a8\s?)\d[\d,]{0,12}(?:\.\d{1,2})?|"
    r"\b\d[\d,]{0,12}(?:\.\d{1,2})?\s?(?:k\s)?(?:usd|usdt|dollars?|dollar|rs|rupees|rupay|"
    r"rupaye|pkr|btc|eth|bucks)\b|\b\d{3,6}\b(?= (?:ka|ki|ke|hai|hain|sirf))"
)


def sentences(text: str, *, outgoing: bool) -> list[Sentence]:
    """Cut normalised *text* into sentences of at most :data:`MAX_SENTENCE` characters."""
    found: list[Sentence] = []
    start = 0
    ends = [
        m.end()
        for m in _SENTENCE_END.finditer(text)
        if m.group() == "\n" or not _ABBREVIATION.search(text, max(0, m.start() - 5), m.start())
    ]
    for end in [*ends, len(text)]:
        while end - start > MAX_SENTENCE:
            cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
            cut = cut if cut > start else start + MAX_SENTENCE
            found.append(Sentence(text[start:cut], start, outgoing=outgoing))
            start = cut
        if text[start:end].strip():
            found.append(Sentence(text[start:end], start, outgoing=outgoing))
        start = end
    return found


class Message:
    """A normalised message cut into sentences, and which sentences hold which words."""

    __slots__ = ("_starts", "outgoing", "sentences", "text")

    def __init__(self, text: str, *, outgoing: bool) -> None:
        self.text = text
        self.outgoing = outgoing
        self.sentences = sentences(text, outgoing=outgoing)
        self._starts = [s.offset for s in self.sentences]

    def holding(self, anchor: Anchor) -> Iterator[Sentence]:
        """The sentences in which *anchor* matches, in order, found as they are read.

        The anchor's literal keys are looked for first (a fast scan for plain
        substrings), so a message without any of them costs almost nothing.
        """
        if anchor.keys.search(self.text) is None:
            return
        last: Sentence | None = None
        for match in anchor.pattern.finditer(self.text):
            sentence = self.sentences[bisect_right(self._starts, match.start()) - 1]
            if sentence is not last:
                last = sentence
                yield sentence

    def has(self, anchor: Anchor) -> bool:
        """Whether *anchor* matches anywhere in the message."""
        return anchor.keys.search(self.text) is not None and (
            anchor.pattern.search(self.text) is not None
        )

    def first(self, anchor: Anchor) -> tuple[Sentence, re.Match[str]] | None:
        """The first sentence where *anchor* matches, with its match."""
        for sentence in self.holding(anchor):
            match = sentence.first(anchor.pattern)
            if match is not None:
                return sentence, match
        return None


@attrs.frozen
class Anchor:
    """Words a sentence must hold for a code to read it, with literal keys to find them fast.

    Attributes:
        pattern: Matches wherever any of the anchor's patterns does.
        keys: Plain substrings, one of which every match of *pattern*
            contains (a test checks this on the corpus and on random text).
    """

    pattern: re.Pattern[str]
    keys: re.Pattern[str]


def _anchor(patterns: tuple[re.Pattern[str], ...], keys: str) -> Anchor:
    """An :class:`Anchor` for *patterns*, gated by the space-separated literal *keys*."""
    return Anchor(
        re.compile("|".join(f"(?:{p.pattern})" for p in patterns)),
        re.compile("|".join(re.escape(k) for k in keys.split())),
    )


# =========================================================================== contact

_CONTACT_OFF = re.compile(
    r"\b(?:outside|off|away from|instead of|other than|not on|not here on)\s(?:of\s)?(?:the\s)?"
    r"(?:upwork|platform|site|upwork's (?:chat|messages?|messenger))\b|"
    r"\bupwork (?:se|ke) (?:bahar|baghair|ilawa)\b|\belsewhere\b|\bsomewhere else\b|"
    r"\b(?:another|other|different) (?:app|platform|channel|way to (?:reach|contact|talk))\b|"
    r"\bin private\b|\bprivately\b"
)
_COMMUNICATE = re.compile(
    r"\b(?:talk|chat|discuss|communicat\w{0,6}|conversation|message|messages|messaging|"
    r"contact|reach|call|speak|baat|rabta)\b"
)
_AVAILABLE_ON = re.compile(
    r"\b(?:available|active|reachable|online|more active|mostly|usually|always|all day|"
    r"faster|quicker|quickly|easier|better|respond|reply|replies)\b|\bi'?m on\b|"
    r"\bi am on\b|\bfind me\b"
)
_EMAIL_CONTACT = re.compile(
    r"^(?:please |pls |just |kindly )?(?:e-?mail|mail) (?:me|us)\b|"
    r"\b(?:i'?ll|i will|we'?ll|we will|can|let me|please|could|i can) (?:e-?mail|mail) "
    r"(?:you|me|us)\b|\b(?:e-?mail|mail) (?:me|us) (?:at|on)\b|"
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
_ON_UPWORK_CALL = re.compile(
    r"\b(?:call|calls|meeting|video call|chat|message|messages|talk) (?:here|on upwork|"
    r"through upwork|via upwork|in upwork)\b|\bupwork (?:call|video call|meeting|messages|"
    r"chat|ki video call|pe call|par call)\b|\bhere on upwork\b"
)
_PAYMENT_NUMBER = re.compile(
    r"\b(?:jazz\s?cash|easy\s?paisa|sada\s?pay|naya\s?pay|raast|upaisa|account|iban|bank)"
    r"(?: \w+)? $"
)


def _suppressed_channel(sentence: Sentence, match: re.Match[str]) -> bool:
    start, end = match.span()
    if sentence.suppressed(start, end):
        return True
    return bool(sentence.in_clause(_ON_UPWORK_CALL, start)) and not sentence.all(_CONTACT_OFF)


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


def _contact_mail_or_phone(sentence: Sentence) -> Hit | None:
    """E-mail or a phone as a way to talk: "email me", "your number", "call me"."""
    code = FindingCode.OFF_PLATFORM_CONTACT
    best: Hit | None = None
    for pattern in (_EMAIL_CONTACT, _PHONE_CONTACT):
        for match in sentence.all(pattern):
            if _suppressed_channel(sentence, match) or sentence.all(lex.ALLOWED_TOOL):
                continue
            if _PAYMENT_NUMBER.search(sentence.text, 0, match.start()):
                continue  # "JazzCash number": an account to pay into, not a way to talk
            if sentence.asks() or sentence.first(lex.CONTACT_VERB):
                return Hit(code, *sentence.span(match), Confidence.HIGH)
            best = best or Hit(code, *sentence.span(match), Confidence.MEDIUM)
    return best


def _contact_elsewhere(sentence: Sentence) -> Hit | None:
    """Talking "outside Upwork", "elsewhere", "on another app"."""
    for match in sentence.all(_CONTACT_OFF):
        verb = sentence.first(_COMMUNICATE)
        if verb is None or sentence.negated(*match.span()) or sentence.past():
            continue
        if sentence.asks():
            return Hit(
                FindingCode.OFF_PLATFORM_CONTACT, *sentence.span(verb, match), Confidence.HIGH
            )
    return None


_CONTACT_RULES = (_contact_app, _contact_mail_or_phone, _contact_elsewhere)


_CONTACT_ANCHOR = _anchor(
    (lex.APP, lex.EMAIL_WORD, lex.PHONE_WORD, _PHONE_CONTACT, _CONTACT_OFF),
    "wh wa wt te tl sk discord chat viber imo kik snap insta fb facebook messenger linked "
    "hangouts signal line mail yahoo outlook inbox phone cell mobile number no sms text call "
    "ring off out away instead other upwork elsewhere private",
)


def contact(message: Message) -> Hit | None:
    """OFF_PLATFORM_CONTACT: a contact detail, or off-platform contact asked for or offered."""
    details = contact_details(message.text)
    if details:
        first = details[0]
        return Hit(FindingCode.OFF_PLATFORM_CONTACT, first.start, first.end, Confidence.HIGH)
    return _best(_read(s, _CONTACT_RULES) for s in message.holding(_CONTACT_ANCHOR))


def _best(hits: Iterable[Hit | None]) -> Hit | None:
    """The first HIGH hit (reading stops there), else the most confident one."""
    best: Hit | None = None
    for hit in hits:
        if hit is None:
            continue
        if hit.confidence is Confidence.HIGH:
            return hit
        if best is None or hit.confidence > best.confidence:
            best = hit
    return best


def _read(sentence: Sentence, rules: tuple[Callable[[Sentence], Hit | None], ...]) -> Hit | None:
    """The best hit of *rules* on *sentence*."""
    return _best(rule(sentence) for rule in rules)


# =========================================================================== payment

_STRONG_PAY = re.compile(
    r"\b(?:pay|paid|paying|pays|payment|payments|transfer\w{0,3}|wire|money|paise|paisa|"
    r"raqam|deal|bonus|salary|funds|settle|invoice|cash|amount|rest|balance|remaining|"
    r"discount|cheaper|price|rate|\d+ ?% off)\b"
)
_DIRECT_ON_UPWORK = re.compile(
    r"\b(?:direct(?:ly)?|seedha)\s(?:\w+\s){0,2}?(?:through|via|on|in|to|into|from|using) "
    r"(?:the )?(?:your |my )?upwork\b|\bdirect contracts?\b"
)
_ACCOUNT_OWNER = re.compile(
    r"\b(?:your|ur|apna|apni|apne|aap ka|aap ki|aap ke|tumhara|tumhari)\b|"
    r"\b(?:share|send|give|provide|need|what'?s|whats|bhej\w{0,4}|de do|de dein|bata\w{0,4})\b"
)
_CLIENT_TO_YOU = re.compile(
    r"\b(?:send|pay|transfer|wire|give|mail)\w{0,3} (?:you|u)\b|\baap ko (?:\w+ ){0,3}"
    r"(?:bhej|de|transfer|pay)\w{0,6}"
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


def _payment_account(sentence: Sentence) -> Hit | None:
    """Bank or payment-account details asked for (or, in your message, given)."""
    for match in sentence.all(lex.ACCOUNT_DETAILS):
        if sentence.suppressed(*match.span()):
            continue
        owner = _MY_ACCOUNT if sentence.outgoing else _ACCOUNT_OWNER
        if sentence.near(owner, *match.span(), 24) or (
            sentence.outgoing and sentence.near(_ACCOUNT_OWNER, *match.span(), 24)
        ):
            return Hit(FindingCode.OFF_PLATFORM_PAYMENT, *sentence.span(match), Confidence.HIGH)
    return None


def _payment_method(sentence: Sentence) -> Hit | None:
    """A payment method that leaves Upwork, with paying in a request or offer."""
    code = FindingCode.OFF_PLATFORM_PAYMENT
    best: Hit | None = None
    for match in sentence.all(lex.METHOD):
        if sentence.freelancer_pays(match.start()) or sentence.suppressed(*match.span()):
            continue
        low, high = sentence.clause(match.start())
        if sentence.freelancer_pays() and not _CLIENT_TO_YOU.search(sentence.text, low, high):
            continue  # a fee the freelancer is told to pay: UPFRONT_FEE, not a payment to them
        pay = sentence.first(lex.PAY)
        reason = sentence.first(lex.OFF_PLATFORM) or sentence.first(lex.PLATFORM_FEE)
        if pay and (sentence.asks() or reason):
            return Hit(code, *sentence.span(match, pay), Confidence.HIGH)
        if (sentence.asks() or pay) and sentence.first(_PERSON):
            best = best or Hit(code, *sentence.span(match), Confidence.MEDIUM)
    return best


def _kept_on_platform(sentence: Sentence) -> bool:
    return bool(sentence.first(_DIRECT_ON_UPWORK) or sentence.first(_ONLY_UPWORK))


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
    """Avoiding Upwork's fee, offered with paying."""
    fee = sentence.first(lex.PLATFORM_FEE)
    if fee is None or not sentence.asks() or _kept_on_platform(sentence):
        return None
    if sentence.suppressed(*fee.span()):
        return None
    if sentence.first(_STRONG_PAY) or sentence.first(lex.OFF_PLATFORM):
        return Hit(FindingCode.OFF_PLATFORM_PAYMENT, *sentence.span(fee), Confidence.HIGH)
    return None


_PAYMENT_RULES = (_payment_account, _payment_method, _payment_elsewhere, _payment_fee_reason)


_PAYMENT_ANCHOR = _anchor(
    (lex.ACCOUNT_DETAILS, lex.METHOD, lex.OFF_PLATFORM, lex.PLATFORM_FEE),
    "pay wise union gram remit skrill neteller zelle venmo cash revolut xoom wire jazz easy sada "
    "naya raast hawala bank iban swift routing deposit crypto bitcoin btc usdt tether eth binance "
    "trc erc wallet gift cheque check money order account sort off away leave skip bypass avoid "
    "without instead not other cut beyond upwork bahar direct personal private between side "
    "separate outside elsewhere somewhere seedh zaroorat need involve fee commission commision "
    "cut take charge keep eat deduct kaat le save bach dodge escape %",
)


def payment(message: Message) -> Hit | None:
    """OFF_PLATFORM_PAYMENT: paying or being paid outside Upwork, asked for or offered."""
    return _best(_read(s, _PAYMENT_RULES) for s in message.holding(_PAYMENT_ANCHOR))


# =========================================================================== upfront fee

_FEE_NAMED = re.compile(
    r"\b(?:registration|activation|onboarding|joining|membership|training|processing|"
    r"verification|application|enrol{1,2}ment|admission|security|refundable|clearance|"
    r"certification|certificate|background check|interview|test|exam|account|setup|set-up|"
    r"handling|shipping|release|unlock|upgrade|insurance|subscription|starter|kit|one-time|"
    r"one time|small|service|portal|access|slot|booking|id card)\s(?:fees?|charges?|deposit|"
    r"cost|amount|payment|money)\b|\bsecurity\s(?:deposit|amount|money|ke taur)\b|"
    r"\b(?:fees?|charges?|deposit)\s(?:of\s)?(?:\$|rs\.?\s?|pkr\s?|usd\s?)?\d|"
    r"\b(?:fees?|deposit) (?:jama|ada|bhej)\w{0,6}|\bas (?:a )?(?:security|deposit|guarantee)\b"
)
_FEE_WORD = re.compile(r"\b(?:fees?|charges?|deposit|deposits|costs?|price)\b")
_FEE_PURPOSE = re.compile(
    r"\b(?:to|for|ke liye|karne ke liye|taake|before)\b(?: \w+){0,4}? (?:start|begin|unlock|"
    r"activate|activation|register|registration|join|onboard\w{0,4}|verify|verification|"
    r"training|account|tasks?|job|work|kaam|test|interview|exam|background check|access|"
    r"confirm|book|slot|level|membership|withdraw\w{0,4}|release|qualify|receive|get|"
    r"assign\w{0,4}|hire|hired|process\w{0,4}|shipping|identity|serious)\b|"
    r"\b(?:first|pehle|upfront|in advance|refundable|returned|refunded|wapas|required|"
    r"mandatory|compulsory|zaroori|lazmi)\b|"
    r"\b(?:activate|activation|register|registration|join|joining|verify|verification|"
    r"account|training|kaam|tasks?|job) (?:karne |kar ne |hone )?(?:ke liye|k liye)\b"
)
_PURCHASE = re.compile(
    r"\b(?:buy|buys|buying|purchase|purchases|purchasing|order|subscribe|pay for|get|"
    r"khareed\w{0,5}|kharid\w{0,5}|lena|lene|le lein)\b"
)
_PURCHASE_OBJECT = re.compile(
    r"\b(?:kit|starter kit|toolkit|tool kit|licen[cs]es?|software|equipment|laptop|phone|"
    r"device|course|training|tools?|subscription|membership|package|plan|materials|gift\s?"
    r"cards?|voucher|certificate|exam|upgrade|premium|vpn|headset|camera|account)\b"
)
_PURCHASE_WHY = re.compile(
    r"\b(?:reimburs\w{0,5}|refund\w{0,3}|pay (?:you )?back|paid back|wapas|returned|"
    r"(?:our|approved|partner|the) (?:vendor|supplier|partner|store|site|academy|website|"
    r"shop|link)|before (?:we|you|your|i)|to (?:start|begin|get|join|qualify|access|be hired|"
    r"unlock|work|receive|confirm)|mandatory|required|compulsory|zaroori|lazmi|must|need to|"
    r"have to|first|pehle|onboard\w{0,4}|send (?:us|me) the code|the code)\b"
)
_CRYPTO_SCAM = re.compile(
    r"\b(?:deposit|send|recharge|top up|transfer|invest)\w{0,3}\b.{0,60}\b(?:usdt|crypto|btc|"
    r"bitcoin|eth|trc20)\b.{0,60}\b(?:unlock|activate|tasks?|commission|earnings|level|"
    r"withdraw\w{0,4}|qualify|vip|wallet|account)\b|\b(?:recharge|top up|unlock|activate) "
    r"your (?:task )?(?:account|earnings|wallet|level)\b"
)
_CLIENT_PAYS = re.compile(
    r"\b(?:we|i|the company|our company|the client|hum|main|mai|company)(?:'ll| will| would|"
    r" can| do| already)? (?:pay for|pay the|cover|take care of|handle)\b|"
    r"\b(?:is|are) (?:covered|paid|included|on us|free)\b|\bfree of (?:charge|cost)\b|"
    r"\bno (?:fee|fees|charge|charges|deposit|cost)\b|\bat no cost\b|\bon us\b"
)
_FEE_PRODUCT = re.compile(
    r"\b(?:page|form|calculator|field|table|screen|module|feature|widget|section|schedule|"
    r"pricing|cart|checkout|store|shop|site|website|app|attendees|tenants|gym|customers|"
    r"users|students|conference|display|show|invoice|report|spreadsheet|"
    r"template|design|banner)\b"
)


_FOR_SOMETHING = re.compile(
    r"\b(?:for|as) (?:your|the|our|a|an|tax|security|insurance|registration|processing)\b|"
    r"\bse pehle\b|\bke liye\b|\bki (?:membership|fees?|registration)\b"
)


_FAKE_CHEQUE = re.compile(
    r"\b(?:deposit|cash)\w{0,3} (?:the |it|this |that )?(?:check|cheque)?\b.{0,40}\b(?:wire|send|"
    r"transfer|pay)\w{0,3} (?:the |us |back )?(?:balance|rest|difference|remaining|remainder|"
    r"extra|leftover)\b|\b(?:wire|send|transfer|pay)\w{0,3} (?:\w+ ){0,3}to (?:our|the|my) "
    r"(?:supplier|vendor|agent|partner)\b"
)
_FEE_REQUIRED = re.compile(
    r"\b(?:there'?s|there is|requires?|required|standard|mandatory|need|needs|must|"
    r"have to|has to|applies|charged|payable)\b"
)
_FEE_AMOUNT = re.compile(
    r"\b(?:a|one|one-time|one time|small|nominal|refundable|minimal)\s(?:\$|rs\.?\s?|pkr\s?)?"
    r"\d[\d,.]{0,9}\s(?:usd |dollars? |rupees? |pkr )?(?:fee|charge|deposit)\b|"
    r"(?:\$|rs\.?\s?|pkr\s?)\d[\d,.]{0,9}\s(?:[\w-]+\s){0,2}(?:fee|charge|deposit)\b"
)


def _fee_scheme(sentence: Sentence) -> Hit | None:
    """A fake cheque to forward, a stated fee amount, or crypto to unlock tasks."""
    code = FindingCode.UPFRONT_FEE
    for match in sentence.all(_FAKE_CHEQUE):
        if not _fee_context_suppressed(sentence, match):
            return Hit(code, *sentence.span(match), Confidence.HIGH)
    for match in sentence.all(_FEE_AMOUNT):
        if _fee_context_suppressed(sentence, match):
            continue
        if (
            sentence.freelancer_pays()
            or sentence.first(_FEE_PURPOSE)
            or sentence.first(_FEE_REQUIRED)
        ):
            return Hit(code, *sentence.span(match), Confidence.HIGH)
    for match in sentence.all(_CRYPTO_SCAM):
        if _CLIENT_TO_YOU.search(match.group()) or " your wallet" in match.group():
            continue
        if not sentence.negated(*match.span()):
            return Hit(code, *sentence.span(match), Confidence.HIGH)
    return None


def _fee_named(sentence: Sentence) -> Hit | None:
    """A named fee or deposit ("registration fee", "security deposit") to pay."""
    for match in sentence.all(_FEE_NAMED):
        if _fee_context_suppressed(sentence, match):
            continue
        if sentence.freelancer_pays() or sentence.first(_MONEY) or sentence.first(_FEE_PURPOSE):
            return Hit(FindingCode.UPFRONT_FEE, *sentence.span(match), Confidence.HIGH)
    return None


def _fee_purchase(sentence: Sentence) -> Hit | None:
    """A purchase the freelancer must make (a kit, a licence, equipment) "we reimburse"."""
    purchase = sentence.first(_PURCHASE)
    thing = sentence.first(_PURCHASE_OBJECT)
    if purchase is None or thing is None:
        return None
    if not (sentence.freelancer_pays() or sentence.all(_YOU_PAY) or sentence.asks()):
        return None
    if not (sentence.first(_PURCHASE_WHY) or sentence.first(_MONEY)):
        return None
    if _fee_context_suppressed(sentence, thing):
        return None
    return Hit(FindingCode.UPFRONT_FEE, *sentence.span(purchase, thing), Confidence.HIGH)


def _fee_money(sentence: Sentence) -> Hit | None:
    """Money the freelancer is told to send, for something."""
    money = sentence.first(_MONEY)
    if money is None or not sentence.freelancer_pays():
        return None
    if _fee_context_suppressed(sentence, money):
        return None
    if sentence.first(_FEE_PURPOSE) or sentence.first(_FEE_WORD) or sentence.first(_FOR_SOMETHING):
        return Hit(FindingCode.UPFRONT_FEE, *sentence.span(money), Confidence.HIGH)
    return None


_FEE_RULES = (_fee_scheme, _fee_named, _fee_purchase, _fee_money)


def _fee_in(sentence: Sentence) -> Hit | None:
    """UPFRONT_FEE: the freelancer is told to pay or buy something to get or start work."""
    if sentence.past() or sentence.first(_CLIENT_PAYS):
        return None
    return _read(sentence, _FEE_RULES)


def _fee_context_suppressed(sentence: Sentence, match: re.Match[str]) -> bool:
    start, end = match.span()
    if sentence.negated(start, end) or sentence.upwork_feature(start):
        return True
    low, high = sentence.clause(start)
    window = sentence.text[max(low, start - 30) : min(high, end + 30)]
    return bool(_FEE_PRODUCT.search(window)) and not sentence.freelancer_pays()


_FEE_ANCHOR = _anchor(
    (_FAKE_CHEQUE, _FEE_AMOUNT, _FEE_NAMED, _PURCHASE, _MONEY, _CRYPTO_SCAM),
    "deposit cash wire send transfer pay fee charge cost amount money security guarantee jama "
    "ada bhej buy purchas order subscri get khareed kharid len le $ usd rs pkr \u20a8 0 1 2 3 "
    "4 5 6 7 8 9 recharge top invest unlock activate",
)


def upfront_fee(message: Message) -> Hit | None:
    """UPFRONT_FEE in any sentence."""
    return _best(_fee_in(s) for s in message.holding(_FEE_ANCHOR))


# =========================================================================== start before funding

_START = re.compile(
    r"\b(?:start|starting|staart|strat|begin|beginning|get started|go ahead|proceed|"
    r"kick off|get going|get to work|carry on|keep working|keep going|continue working|"
    r"continue with|continue the work|work on (?:it|this)|dive in|jump in|work first|"
    r"shuru|start kar\w{0,6}|kaam kar\w{0,6}|kaam jaari|jaari rakh\w{0,4}|lag ja\w{0,4}|"
    r"get started|start working|get cracking|crack on|get moving|go for it|"
    r"get (?:the |it |this |things )?(?:\w+ ){0,2}going|karte rah\w{0,4}|"
    r"keep (?:at it|on it)|get on with)\b"
)
_WORK_ASK = re.compile(
    r"\b(?:make|create|design|write|build|do|edit|push|finish|complete|transcribe|translate|"
    r"code|draft|redesign|fix|prepare|produce|put together|throw together|deliver|"
    r"send (?:me |us )?(?:the|a|your) (?:first |initial )?(?:draft|"
    r"design|logo|work|files?|sample|article|version|mockup|screens?)|"
    r"bana\w{0,4}|likh\w{0,5}|kar ke (?:bhej|dikha)\w{0,5}|dikha\w{0,4}|"
    r"have (?:\w+ ){0,4}ready|get (?:\w+ ){0,3}ready|"
    r"(?:i|we) (?:need|want) (?:\w+ ){0,5}(?:done|translated|written|designed|built|made|ready|"
    r"delivered|finished|completed|edited|coded)|"
    r"(?:designs?|articles?|samples?|logos?|drafts?|files?|pages?|kaam|screens?) (?:\w+ )?"
    r"(?:bhej\w{0,4}|dikha\w{0,4}))\b"
)
_DIRECTED_BEFORE = re.compile(
    r"(?:\b(?:can|could|would|will) (?:you|u)(?: \w+)?|\bplease|\bkindly|\bjust|\bpls|"
    r"\byou (?:can|should|need to|must|could)(?: \w+){0,2}|\bwould you mind|\bi need you to|"
    r"\bi want you to|"
    r"\bfor now(?: just)?|\b(?:aap|tum|tu|aap log)(?: \w+){0,5}|\bthen|\bfirst|"
    r"\bpehle(?: \w+){0,2})\s*$"
)
_DIRECTED_AFTER = re.compile(
    r"(?:\w{0,6}\s?(?:ke |kar |\w+ )?)?(?:bhej|dikha|dein|do|dijiye|karein|kar dein|kar do|"
    r"karo|kar lo|kar lein|kariye|rakhein|kijiye)\b"
)
_FUND = re.compile(
    r"\b(?:fund|funds|funding|funded|escrow|milestone|milestones|contract|offer|payment|pay|"
    r"deposit|money|hire|hiring|paise|budget|budgets|formali[sz]e|finance|card|formalities|"
    r"paperwork|upwork side|upwork part|upwork stuff)\b"
)
_LATER = re.compile(
    r"\b(?:later|afterwards|after|once|when|tomorrow|tonight|next week|next month|"
    r"in a (?:few|couple of) days|soon|by (?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|the weekend|the end)|end of (?:the )?(?:week|month)|will come|"
    r"will follow|can wait|in the morning|this week|weekend|pending|not (?:yet )?(?:approved|"
    r"ready|verified|working|set up|created|funded)|isn't (?:approved|ready|funded)|"
    r"being (?:verified|processed|approved)|slow to approve|declined|giving me issues|"
    r"baad mein|baad|kal|raat ko|agle|jab|until|in the meantime|meanwhile|for now|anyway|"
    r"abhi nahi|nahi bana sakta|kaam nahi kar raha|weird|blocked|kuch din|chand din|"
    r"few days|couple of days|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"lands|closes|comes through|goes through|clears|gets approved|approved next|"
    r"nahi bana\w{0,4}|nahi karunga|nahi bhej\w{0,4}|baad mein|jaise hi|hote hi|"
    r"verify ho\w{0,4}|waiting (?:on|for)|right after|comes|approves?|thori der|kuch der|"
    r"tab tak|till then|until then|in a bit|in a while|shortly|in an hour|"
    r"(?:card|payment|billing|verification|bank) (?:issues?|problems?)|issues? with (?:my|the) "
    r"(?:card|payment|account|bank)|"
    r"if (?:i|we) like|if it looks|before (?:i|we) (?:know|see|decide|check)|on the 1st|"
    r"talk about|dekhte hain|uske baad|us ke baad|pasand aay\w{0,2}|acha lag\w{0,2}|"
    r"agar (?:acha|pasand|theek)|"
    r"if (?:it'?s|its|they'?re) good|if satisfied)\b"
)
_FUNDED_ALREADY = re.compile(
    r"\b(?:is|are|has been|have been|was|already|now|i've|i have|we've|just) funded\b|"
    r"\bfunded (?:it|the|milestone|already|now|and)\b|\bfund kar diya\b|\bfund ho gaya\b|"
    r"\bfund ho chuka\b|\bdeposited\b|\b(?:is|are|now|already|it's) in escrow\b|"
    r"\bescrow mein (?:hai|daal)\w{0,4}\b|\balready (?:sent|created)\b|"
    r"\bhas been (?:sent|created)\b|\bfunds? (?:is|are) (?:in|there)\b|\bcurrent milestone\b"
)
_START_AFTER_FUNDING = re.compile(
    r"\b(?:start|begin|work|kaam|proceed)\w{0,4}\b(?: \w+){0,6}? (?:once|after|when|until|as "
    r"soon as|jab|only after|only when)\b(?: \w+){0,5}? (?:fund\w{0,3}|escrow|milestone|"
    r"contract|offer|hire|accept\w{0,3})|\b(?:fund\w{0,3}|milestone|contract|offer) (?:hone|"
    r"ho jane|karne|milne|aane) ke baad\b|\b(?:wait|hold off|hold on|don't start|do not start|"
    r"not start|before you start)\b|\bstart(?:ing)? (?:date|on monday|next)\b|"
    r"\bstart (?:whenever|when) you(?:'re| are) ready\b|"
    r"\bfund\w{0,3}\b.{0,40}\b(?:then|phir|uske baad|us ke baad|after that|and then)\b.{0,30}"
    r"\b(?:start|begin|shuru|kaam)\w{0,6}|\bonly when you see the funds\b"
)
#: Work asked for first, funding after: "do a draft and then I'll set up the contract".
_WORK_THEN_FUND = re.compile(
    r"\b(?:start|begin|work|do|make|write|design|draft|build|send|deliver|dikha\w{0,3}|"
    r"bana\w{0,4}|likh\w{0,4}|kar ke|edit|translat\w{0,5}|need|review)\b.{0,60}"
    r"\b(?:then|phir|uske baad|us ke baad|"
    r"after that|and (?:then )?(?:i'?ll|we'?ll|i will|we will)|if (?:it|they) (?:looks?|are) "
    r"(?:good|right|fine))\b.{0,40}\b(?:fund\w{0,3}|contract|offer|milestone|escrow|"
    r"pay\w{0,4}|hire|order|denge|dunga|bhejta|bhejunga)\b"
)
#: Work asked for "first" (funding is then mentioned elsewhere in the message).
_WORK_FIRST = re.compile(
    r"\b(?:work|kaam|start|do (?:it|this)|make|write|design)\b(?: \w+){0,4} first\b|"
    r"\bpehle (?:\w+ ){0,2}(?:kaam|design|bana\w{0,4}|likh\w{0,4}|kar (?:do|dein|ke)|sample)\b"
)
#: Funding only after the work is seen: "I'll fund escrow after the first draft".
_FUND_AFTER_WORK = re.compile(
    r"\b(?:fund\w{0,3}|escrow|contract|offer|milestone|hire|money|payment)\b(?: \w+){0,4}? "
    r"(?:after|once|when|only after|only when|as soon as|jab|until)\b(?: \w+){0,5}? "
    r"(?:draft|sample|first version|progress|rough cut|results?|see|seen|check\w{0,3}|"
    r"like|approved?|happy|satisf\w{0,4}|done|finished|delivered|launch|mvp)\b|"
    r"\b(?:see|check|review|like|approve)\b(?: \w+){0,5}? before (?:we|i) (?:put|add|fund|"
    r"deposit|create|send|make|open|lock)\b(?: \w+){0,3}? (?:escrow|milestone|contract|offer|"
    r"funds?|money)\b"
)
_DELIVERED_BY_YOU = re.compile(r"\b(?:submit|approve|release|finish|complete|deliver)\w{0,3}\b")
_NEXT_MILESTONE = re.compile(
    r"\b(?:next|second|another|following|new) milestone\b|\bmilestone (?:[2-9]|two|three)\b"
)
_NO_ESCROW = re.compile(
    r"\bwithout (?:a |the |any )?(?:milestone|escrow|contract|funding|offer)\b|"
    r"\bskip (?:the )?(?:escrow|milestone|contract)\b|"
    r"\bno need (?:for|of) (?:a |the |any )?(?:milestone|contract|escrow|offer)\b|"
    r"\b(?:milestone|contract|escrow) (?:ki |ka )?zaroorat nahi\b|"
    r"\bbina (?:milestone|contract|escrow)\b|\b(?:milestone|contract|escrow) ke baghair\b|"
    r"\b(?:escrow|milestone|contract) can wait\b|\boutside (?:the )?contract\b|"
    r"\bskip (?:the )?(?:formalities|paperwork)\b|"
    r"\bno (?:contract|milestone|escrow|offer) (?:needed|required|yet|for now)\b|"
    r"\b(?:don'?t|do not) need (?:a |the |any )?(?:contract|milestone|escrow|offer)\b|"
    r"\b(?:contract|milestone|escrow|offer) (?:is )?not (?:needed|required)\b"
)
_FREE_WORK = re.compile(
    r"\b(?:free|unpaid|no pay|without pay(?:ment)?|not paid|muft)\b(?: \w+){0,3}? "
    r"(?:sample|test|trial|task|assignment|demo|mockup|concepts?|designs?|logo|articles?|"
    r"page|work|chapter|project)\b|\b(?:sample|test|trial|task|assignment|demo|"
    r"mockup|concepts?|designs?|logo|articles?|work|chapter)\b(?: \w+){0,3}? (?:for free|"
    r"free mein|free of (?:cost|charge)|muft mein|bina paise|unpaid|not paid|without pay)\b|"
    r"\b(?:it is|it's|this is|will not be|won't be) (?:paid|not paid)\b|"
    r"\b(?:paid nahi hoga|payment nahi (?:hogi|milegi)|paise nahi (?:milenge|denge))\b|"
    r"\bbina (?:paise|payment|pay)\b"
)
_UNPAID = re.compile(
    r"\b(?:unpaid|not paid|without pay(?:ment)?|no pay|paid nahi|payment nahi|paise nahi)\b"
)
_TRIAL = re.compile(
    r"\b(?:sample|test task|test assignment|trial task|trial|test project|test|"
    r"small task|demo|first screen|first (?:two|2|few|couple)|sample chapter)\b"
)
_TRIAL_WHY = re.compile(
    r"\bbefore (?:i|we) (?:hire|make an offer|send (?:the |an |you )?(?:offer|contract))|"
    r"\bif (?:i|we) like\b|\bif (?:they're|it's|its|they are) good\b|"
    r"\bto (?:see|judge|check|evaluate|assess|prove|test)\b|\bpasand aay\w{0,2}\b|"
    r"\bacha lag\w{0,2}\b|\bthen (?:i|we)(?:'ll| will)? (?:hire|open|create|send)\b|"
    r"\byou(?:'ll| will)? get the (?:job|project|contract|whole)\b|\bhire kar\w{0,4}\b|"
    r"\bofficially\b|\bconsider it a test\b|\bdekhte hain\b|\bphir (?:contract|hire|order)\b|"
    r"\b(?:open|create|send) (?:a |the )?contract for the rest\b|"
    r"\b(?:uske baad|us ke baad|then|phir|after that) (?:\w+ )?(?:contract|hire|offer|order|"
    r"milestone)\b|\bagar (?:select|pasand|acha|theek)\w{0,4}\b"
)
_PAID_TRIAL = re.compile(
    r"\bpaid (?:test|trial|sample)\b|\b(?:test|trial) (?:is|will be) paid\b|"
    r"\b(?:fixed-price )?contract for it\b|\bmilestone for (?:the|this|it)\b|"
    r"\$\d+ (?:test|trial)|\bwe pay for\b"
)
_PORTFOLIO = re.compile(
    r"\b(?:sample|samples|examples?) of (?:your )?(?:previous|past|earlier|existing|recent)?"
    r" ?work\b|\bportfolio\b|\bprevious work\b|\bwork you(?:'ve| have) done\b"
)
_PAY_AFTER = re.compile(
    r"\b(?:pay|paid|payment|paise|money|amount|full amount)\b(?: \w+){0,5}? (?:after|once|"
    r"when|on|upon|only after|as soon as|jab|ke baad)\b(?: \w+){0,4}? (?:deliver\w{0,4}|"
    r"complet\w{0,6}|done|finish\w{0,3}|see|check\w{0,3}|review\w{0,3}|like|happy|"
    r"satisf\w{0,6}|approve\w{0,1}|the client pays|our client pays|mukammal|ready|results?|"
    r"live|tested|launched|working|up and running)\b|"
    r"\b(?:paise|payment|pay) (?:\w+ ){0,3}(?:dekh|check) (?:ke|kar)\b|"
    r"\b(?:pay|payment) on (?:delivery|completion)\b|\bcash on delivery\b|"
    r"\b(?:dekh|check) kar (?:ke )?(?:payment|paise|pay)\b|"
    r"\b(?:kaam|work) (?:mukammal|complete|khatam) hone ke baad (?:payment|paise)\b|"
    r"\bpehle kaam\b.{0,20}\bphir (?:payment|paise)\b"
)
_RELEASE = re.compile(r"\b(?:release|releasing|released|approve the milestone|approving)\b")


def _directed(sentence: Sentence, match: re.Match[str]) -> bool:
    """Whether the verb at *match* is asked of the reader (a command or a request)."""
    low, _ = sentence.clause(match.start())
    before = sentence.text[low : match.start()]
    if not before.strip(" ,") or _DIRECTED_BEFORE.search(before):
        return True
    if lex.IMPERATIVE_START.match(before.lstrip()):
        return True
    return bool(_DIRECTED_AFTER.match(sentence.text, match.end() + 1))


def _wants_start(sentence: Sentence) -> re.Match[str] | None:
    if sentence.first(_START_AFTER_FUNDING):
        return None
    for match in sentence.all(_START):
        if not sentence.negated(*match.span()) and _directed(sentence, match):
            return match
    return None


def _wants_work(sentence: Sentence) -> re.Match[str] | None:
    if sentence.first(_START_AFTER_FUNDING):
        return None
    for match in sentence.all(_WORK_ASK):
        if not sentence.negated(*match.span()) and _directed(sentence, match):
            return match
    return None


def _deferred(sentence: Sentence) -> re.Match[str] | None:
    """Funding, the contract or the offer put off until later."""
    if sentence.first(_FUNDED_ALREADY) or sentence.first(_START_AFTER_FUNDING):
        return None
    ordered = sentence.first(_WORK_THEN_FUND)
    if ordered is not None:
        return ordered
    for fund in sentence.all(_FUND):
        if _REPAID.match(sentence.text, fund.end()):
            continue  # "we'll pay you back": a reimbursement, not the funding
        if sentence.near(_LATER, *fund.span(), reach=60):
            return fund
    return None


_REPAID = re.compile(r" (?:you |u )?back\b")


def _unconditional(sentence: Sentence, match: re.Match[str], pattern: re.Pattern[str]) -> bool:
    """A no-escrow, free-work or pay-after-delivery match that really asks for it."""
    if sentence.negated(*match.span()) or sentence.past():
        return False
    if pattern is _FUND_AFTER_WORK:
        if _DELIVERED_BY_YOU.search(sentence.text, max(0, match.start() - 16), match.start()):
            return False
        return not (
            sentence.first(_NEXT_MILESTONE)
            or sentence.first(_FUNDED_ALREADY)
            or sentence.first(_RELEASE)
        )
    if pattern is _PAY_AFTER:
        return not (
            sentence.first(_RELEASE)
            or sentence.first(_FUNDED_ALREADY)
            or sentence.upwork_feature(match.start())
            or sentence.first(lex.ON_PLATFORM)
        )
    if pattern is _FREE_WORK:
        return not sentence.first(_PORTFOLIO) and (
            sentence.asks() or bool(_UNPAID.search(match.group()))
        )
    return True


_START_ANCHOR = _anchor(
    (_NO_ESCROW, _FREE_WORK, _PAY_AFTER, _FUND_AFTER_WORK, _TRIAL),
    "without skip no need zaroorat bina baghair wait outside formalities paperwork not free "
    "unpaid pay muft it this will won paid nahi payment paise money amount cash dekh check kaam "
    "work pehle fund escrow contract offer milestone hire see like review approve sample test "
    "trial small demo first",
)
_ASK_ANCHOR = _anchor(
    (_START, _WORK_ASK),
    "sta str beg go proceed kick get carry keep continue work dive jump shuru kaam jaari lag "
    "crack make create design write build do edit push finish complete transcribe translate "
    "code draft fix send bana likh kar dikha have ready bhej prepare produce put throw deliver",
)
_DEFER_ANCHOR = _anchor(
    (_FUND, _WORK_THEN_FUND),
    "fund escrow milestone contract offer pay deposit money hir paise budget formal finance "
    "card paperwork upwork",
)
_WORK_FIRST_ANCHOR = _anchor((_WORK_FIRST,), "first pehle")
_FUND_WORD_ANCHOR = _anchor((_FUND,), "fund escrow milestone contract offer pay deposit money "
                            "hir paise budget formal finance card paperwork upwork")  # fmt: skip
_FUNDED_ANCHOR = _anchor((_FUNDED_ALREADY,), "fund deposited escrow already been current")
_PAID_TRIAL_ANCHOR = _anchor((_PAID_TRIAL,), "paid test trial contract milestone $ we pay")
_TRIAL_WHY_ANCHOR = _anchor(
    (_TRIAL_WHY,),
    "before if to pasand acha then you'll you will you get hire official consider dekh phir "
    "open create send uske us ke after agar",
)


def _start_stated(message: Message) -> Hit | None:
    """Work without escrow, free or unpaid work, payment only after delivery, a trial to hire."""
    code = FindingCode.START_BEFORE_FUNDING
    for sentence in message.holding(_START_ANCHOR):
        for pattern in (_NO_ESCROW, _FREE_WORK, _PAY_AFTER, _FUND_AFTER_WORK):
            for match in sentence.all(pattern):
                if _unconditional(sentence, match, pattern):
                    return Hit(code, *sentence.span(match), Confidence.HIGH)
        trial = sentence.first(_TRIAL)
        if trial and not sentence.first(_PORTFOLIO) and not message.has(_PAID_TRIAL_ANCHOR):
            why = sentence.first(_TRIAL_WHY) or message.has(_TRIAL_WHY_ANCHOR)
            if why and (sentence.asks() or sentence.first(_WORK_ASK)):
                return Hit(code, *sentence.span(trial), Confidence.HIGH)
    return None


def _start_before_funding_event(message: Message) -> Hit | None:
    """Work asked for now (or "first") while the funding, contract or offer is put off."""
    code = FindingCode.START_BEFORE_FUNDING
    if message.has(_FUNDED_ANCHOR):
        return None
    first = message.first(_WORK_FIRST_ANCHOR)
    if first is not None and message.has(_FUND_WORD_ANCHOR):
        holder, match = first
        return Hit(code, *holder.span(match), Confidence.HIGH)
    asked = next(
        (
            (s, m)
            for s in message.holding(_ASK_ANCHOR)
            if (m := _wants_start(s) or _wants_work(s)) is not None
        ),
        None,
    )
    if asked is None:
        return None
    holder, work = asked
    for sentence in message.holding(_DEFER_ANCHOR):
        deferred = _deferred(sentence)
        if deferred is not None:
            if sentence is holder:
                return Hit(code, *holder.span(work, deferred), Confidence.HIGH)
            return Hit(code, *holder.span(work), Confidence.HIGH)
    return None


def start_before_funding(message: Message) -> Hit | None:
    """START_BEFORE_FUNDING over the whole message (the request and the delay may be apart)."""
    return _start_stated(message) or _start_before_funding_event(message)


# =========================================================================== scope creep

_ADDITION = re.compile(
    r"\b(?:also|too|as well|bhi|additionally|another|plus|forgot to mention|on top|"
    r"ke sath|sath mein|saath|oh,? and|and we (?:also )?need|we now need|i forgot)\b"
)
_NEW_WORK = re.compile(
    r"\b(?:add|adding|build|rebuild|revamp|rework|create|design|write|develop|code|implement|"
    r"integrate|include|"
    r"translate|redo|set up|setup|record|migrate|upload|bana\w{0,4}|likh\w{0,4}|daal\w{0,4}|"
    r"laga\w{0,4}|make|do|prepare|handle|shoot|draw|illustrate|animate|proofread|format|"
    r"throw together|put together|"
    r"install|configure|convert|fix|update|change|edit|optimi[sz]e|need|want|chahiye|"
    r"kar dein|kar do|kar dena)\b"
)
_WORK_THING = re.compile(
    r"\b(?:pages?|screens?|features?|sections?|banners?|logos?|icons?|posts?|reels?|videos?|"
    r"languages?|version|versions|revisions?|rounds?|products?|illustrations?|variations?|"
    r"concepts?|articles?|blog|app|website|admin panel|dashboard|shop|store|translation|"
    r"voice-?over|cards?|letterhead|favicon|descriptions?|system|module|report|charts?|"
    r"slides?|templates?|emails?|newsletter|widget|analytics|pixel|tweaks?|changes|"
    r"booking|footer|header|form|panel|kaam|site|designs?|copy|captions?|posters?|flyers?|"
    r"images?|photos?|mockups?|guidelines)\b"
)
_NOT_MORE_WORK = re.compile(
    r"\b(?:one more|another|also|ek aur)\s(?:question|thing|time|day|week|minute|note|point|"
    r"reminder|call|meeting|detail|details|quick question|favour?)\b|"
    r"\balso (?:tell|let me know|confirm|share|send|explain|check|ask|mention|suggest|"
    r"recommend|advise|think|like|want to say)\b|\bmore (?:time|details|info|information|"
    r"work (?:for you|later|next month)|projects?)\b"
)
_SAME_PRICE = re.compile(
    r"\bsame (?:price|budget|rate|fee|cost|milestone)\b|"
    r"\bisi (?:budget|price|milestone|amount|rate|payment|paise|paisa)\b|"
    r"\bbudget (?:wahi|wohi|same|is the same|is fixed)\b|\b(?:wahi|wohi) budget\b|"
    r"\bwithin (?:the |this |our )?(?:current |same )?(?:budget|price|milestone|scope|fee)\b|"
    r"\bno extra (?:charge|cost|pay|money|budget|payment)\b|"
    r"\bextra (?:paise|payment|budget|pay) (?:nahi|na)\b|\bfor free\b|\bfree (?:mein|of charge)\b|"
    r"\b(?:assume|guess|hope|expect) (?:that'?s|it'?s|this is|that is|it to be) (?:included|"
    r"fine within|ok within|part of)\b|\bpart of (?:the|this|our|your) (?:package|deal|price|"
    r"milestone|contract|scope|job|budget)\b|\b(?:paise|payment|budget|price|amount) (?:utne|"
    r"utna|utni|wohi|wahi|same) (?:hi )?(?:hain|hai|rahenge|rahega|rahe)?\b|\bwohi payment\b|"
    r"\bbudget (?:mein|me) (?:hi|he)\b|\bno extra budget\b|"
    r"\b(?:don'?t|do not|doesn'?t) have (?:the |a |any |extra )?budget\b|\bno budget for\b|"
    r"\bcan'?t pay (?:extra|more)\b|\bnot able to pay (?:extra|more)\b|"
    r"\b(?:budget|price|paise) (?:mein|me) adjust\w{0,3}|\badjust (?:it |them )?(?:in|within) "
    r"the (?:budget|price)\b|"
    r"\b(?:in|into) (?:this|the current|the same) milestone\b|"
    r"\bno need to change the (?:milestone|contract|price)\b|"
    r"\bwithout (?:extra|additional) (?:cost|pay|charge|payment)\b|\bat no (?:extra )?cost\b|"
    r"\bisi milestone (?:mein|me|main)\b|\bwe'?ll give you more work\b|"
    r"\b(?:not|wasn'?t|isn'?t) in the (?:original )?(?:brief|scope|contract|agreement|offer|"
    r"plan)\b|"
    r"\bi know we agreed\b|\bfor the same fee\b"
)
_SMALL = re.compile(
    r"\b(?:quick(?:ly)?|small|tiny|minor|little|simple|easy|basically the same|"
    r"shouldn'?t take (?:long|much)|won'?t take (?:you )?(?:long|much)|not (?:a )?big "
    r"(?:deal|thing)|nothing big|few minutes|\d+ minutes|chhota|chota|thora sa|"
    r"zyada (?:kaam|time) nahi|jaldi se|quick add|it'?s tiny|only \d+|just a|it'?s just|"
    r"only a|bas ek|sirf ek|should be (?:fast|quick|easy)|quick for you|easy for you|"
    r"shouldn'?t be (?:much|hard|difficult|a lot)|not much work|won'?t be much)\b"
)
_NEW_PAY = re.compile(
    r"\bnew milestone\b|\bseparate (?:milestone|contract|quote|job)\b|"
    r"(?<!\bno )(?<!\bany )(?<!without )\b(?:extra|additional|more) (?:pay|payment|cost|budget)"
    r"\b(?! nahi| unfortunately)|"
    r"\bi'?ll pay (?:extra|more|for (?:it|this|that|them))\b|\bincrease the budget\b|"
    r"\badd(?:ed)? (?:a |another )?(?:new )?milestone\b|\bquote\b|\bhow much\b|\bestimate\b|"
    r"\bna(?:ya|ye|yi) milestone\b|\balag milestone\b|\bextra paise dunga\b|"
    r"\bbudget badha\w{0,4}\b|"
    r"\bas milestone \d\b|\bbonus for (?:this|it)\b|\bpaid separately\b|"
    r"\b(?:create|set up|make|open)\w{0,3} (?:a |another |new |the )?milestone\b|\bproposal\b|"
    r"\bprice works\b|\bincreased? the (?:milestone|budget|price)\b|\bto cover the extra\b|"
    r"\bwithin the revisions\b|\brevisions you offered\b|\bincluded revisions\b|"
    r"\bas agreed\b|\bwithin (?:the )?(?:agreed )?scope\b"
)
_STRONG_CREEP = re.compile(
    r"\bwhile (?:you'?re|we'?re|you are|we are) (?:at it|there|in there|\w+ing)\b|"
    r"\bthrow in\b|"
    r"\bsqueeze in\b|\bone more (?!question|thing|"
    r"time|day|week|minute|note|point|reminder|call|meeting|detail|quick)\w+|"
    r"\b(?:\d+|two|three|four|five|a few|a couple of|a couple|few|couple) more\b|"
    r"\banother \d+\b|\binstead of \d+\b|\bek (?:\w+ )?(?:aur|or)\b|\b\d+ (?:aur|or)\b|"
    r"\b(?:a couple of|a few|couple of|few|some) (?:extra|more|additional)\b|"
    r"\bextra (?:tweaks?|pages?|features?|screens?|sections?|revisions?|languages?)\b|"
    r"\bsince (?:you'?re|you are) already\b|\b\w+ (?:aur|or) (?:chahiye|bana\w{0,4}|"
    r"kar\w{0,5}|add|upload|likh\w{0,4}|daal\w{0,4})\b|\bjab aap\b(?: \w+){0,4} (?:rahe|kar rahe)\b"
)


_CREATE = re.compile(
    r"\b(?:add|build|create|design|write|develop|include|integrate|translate|record|handle|"
    r"set up|setup|bana\w{0,4}|likh\w{0,4}|daal\w{0,4}|migrate|upload)\b"
)


def _creep_in(sentence: Sentence, *, priced: bool, small: bool) -> Hit | None:
    code = FindingCode.SCOPE_CREEP
    if sentence.past() or (sentence.first(_NOT_MORE_WORK) and not sentence.first(_STRONG_CREEP)):
        return None
    work = sentence.first(_NEW_WORK)
    thing = sentence.first(_WORK_THING)
    wants = sentence.asks() or bool(work)
    for match in sentence.all(_STRONG_CREEP):
        if not sentence.negated(*match.span()) and (wants or thing) and (work or thing):
            return Hit(code, *sentence.span(match), Confidence.HIGH)
    for match in sentence.all(_SAME_PRICE):
        if sentence.negated(*match.span()) and "not in the" not in match.group():
            continue
        if work:
            return Hit(code, *sentence.span(match), Confidence.HIGH)
    addition = sentence.first(_ADDITION)
    creating = sentence.first(_CREATE)
    if (
        addition
        and work
        and (thing or creating)
        and (priced or small)
        and wants
        and not sentence.negated(*work.span())
    ):
        return Hit(code, *sentence.span(addition, work), Confidence.HIGH)
    return None


_CREEP_ANCHOR = _anchor(
    (_STRONG_CREEP, _SAME_PRICE, _ADDITION),
    "while throw squeeze one more another instead ek couple few some extra since aur or jab "
    "same isi budget wahi wohi within no free assume guess hope expect part paise payment price "
    "amount included in into need without at give not wasn isn know for also too well bhi "
    "additional plus forgot top sath saath oh and we now",
)
_NEW_PAY_ANCHOR = _anchor(
    (_NEW_PAY,),
    "milestone separate extra additional more pay quote much estimate naya naye nayi alag "
    "paise budget bonus paid proposal price increase cover",
)
_TRIAL_ANCHOR = _anchor((_TRIAL,), "sample test trial small demo first")
_FREE_WORK_ANCHOR = _anchor(
    (_FREE_WORK,), "free unpaid pay paid muft it this will won nahi payment paise bina"
)
_SAME_PRICE_ANCHOR = _anchor(
    (_SAME_PRICE,),
    "same isi budget wahi wohi within no free assume guess hope expect part paise payment price "
    "amount included in into need without at give not wasn isn know for",
)
_SMALL_ANCHOR = _anchor(
    (_SMALL,),
    "quick small tiny minor little simple easy basically should won not nothing few minutes "
    "chhota chota thora zyada jaldi it just only bas sirf 0 1 2 3 4 5 6 7 8 9 shouldn",
)


def scope_creep(message: Message) -> Hit | None:
    """SCOPE_CREEP: more work at the same price, over the whole message."""
    candidates = message.holding(_CREEP_ANCHOR)
    first = next(candidates, None)
    if first is None:
        return None
    if any(message.has(a) for a in (_NEW_PAY_ANCHOR, _TRIAL_ANCHOR, _FREE_WORK_ANCHOR)):
        return None
    priced = message.has(_SAME_PRICE_ANCHOR)
    small = message.has(_SMALL_ANCHOR)
    return _best(_creep_in(s, priced=priced, small=small) for s in (first, *candidates))


# =========================================================================== review begging

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


_RATING_ANCHOR = _anchor(
    (_RATING,),
    "5 five fiv 10 ten full top high max \u2b50 good positive great excellent nice best perfect "
    "awesome amazing glowing achi acha achhi acchi zabardast shandar behtareen recommend rate "
    "rating review feedback",
)


def review_begging(message: Message) -> Hit | None:
    """REVIEW_BEGGING: your own message asks for a particular rating."""
    return _best(_begging_in(s) for s in message.holding(_RATING_ANCHOR))


# =========================================================================== all together


def detect(text: str, *, outgoing: bool) -> list[Hit]:
    """Every code's strongest evidence in normalised *text* (at most one hit per code)."""
    message = Message(text, outgoing=outgoing)
    if not message.sentences:
        return []
    hits = [payment(message), contact(message)]
    if outgoing:
        hits.append(review_begging(message))
    else:
        hits.extend((start_before_funding(message), upfront_fee(message), scope_creep(message)))
    return [hit for hit in hits if hit is not None]
