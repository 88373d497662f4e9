"""A message as the scanner reads it: sentences, clauses, and the context around a match.

Owns :class:`Sentence` (its clauses, cached matches, and the context tests:
negation, past, product, Upwork feature, who pays), :class:`Message` (its
sentences, and which of them hold an :class:`Anchor`'s words), :class:`Hit`
(a code's evidence in the normalised text) and the helpers every code's
grammar shares.  Each sentence is at most :data:`MAX_SENTENCE` characters
(longer ones are cut into pieces), so every test on it is bounded.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import pairwise
from typing import TYPE_CHECKING

import attrs

from upwork_safety._display import shown
from upwork_safety.checks import _lexicon as lex
from upwork_safety.checks._codes import Confidence, FindingCode
from upwork_safety.checks._keys import keys_pattern
from upwork_safety.errors import InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

#: Longest piece of text judged as one sentence.
MAX_SENTENCE = 400

#: A sentence ends at its punctuation, a line break, or a run of emoji (chat
#: writes "Thanks 🙏 start now" for "Thanks. Start now").
#: The emoji blocks: pictographs, emoticons, flags and enclosed letters
#: (U+1F000-1FAFF), technical signs such as the alarm clock (U+2300-23FF),
#: symbols and dingbats (U+2600-27BF), and arrows (U+2B00-2BFF) except the
#: star U+2B50, which is a word here: "⭐⭐⭐⭐⭐ please" asks for five stars.
_SENTENCE_END = re.compile(
    r"[.!?\u061f\u06d4]+(?=\s|$)|\n|"
    r"[\U0001f000-\U0001faff\u2300-\u23ff\u2600-\u27bf\u2b00-\u2b4f\u2b51-\u2bff]+"
)
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
    #: Which of the code's cases the evidence is, when its advice differs from the
    #: code's usual advice: :data:`FREE_TRIAL`, :data:`ESCROW_GIVEN_BACK`, or ``""`` for
    #: the usual case.
    variant: str = ""


#: START_BEFORE_FUNDING's case of free or unpaid sample or test work asked for before
#: hiring: there is no milestone yet to wait for, so the advice is a paid test instead.
FREE_TRIAL = "free_trial"

#: START_BEFORE_FUNDING's case of the funded escrow asked back (or its contract ended) with
#: the pay promised again later: the work is already under way, so the advice is to keep
#: the milestone funded (review r38, newcomer2 1).
ESCROW_GIVEN_BACK = "escrow_given_back"


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
        """Whether a negation governs ``[start, end)``: before it in English, anywhere in Urdu.

        Or an English refusal right after it: "Binance is not something I use".
        """
        low, high = self.clause(start)
        refused = lex.REFUSED_AFTER.match(self.text, end)
        if refused is not None and refused.end() <= high:
            return True
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
            if word in {"nahi", "mat", "na"} or word.startswith("mana ") or where < start:
                return True
        return False

    def refuses_upwork(self) -> bool:
        """Whether the sentence negates Upwork itself ("not on Upwork", "Upwork pe mat daalo")."""
        return any(self._about_platform(match) for match in self.all(lex.NEGATION))

    def _about_platform(self, negation: re.Match[str]) -> bool:
        """A negation of Upwork itself ("not on Upwork", "Upwork pe nahi")."""
        after = self.text[negation.end() : negation.end() + 32]
        before = self.text[max(0, negation.start() - 28) : negation.start()]
        return bool(_PLATFORM_AFTER.match(after)) or (
            negation.group() in {"nahi", "na", "mat"}
            and "upwork" in before
            # "Upwork ke bahar mat lena" forbids the outside, not Upwork (r39).
            and not _OUTSIDE_AFTER_UPWORK.search(before)
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

    def product(self, start: int, end: int, *, besides: tuple[int, int] | None = None) -> bool:
        """Whether the words at ``[start, end)`` name part of a product being built.

        *besides* is a span whose words are not read as the product's (the verb
        of "refund the extra via PayPal" is not a refund feature).
        """
        low, high = self.clause(start)
        text = self.text
        if besides is not None:
            text = text[: besides[0]] + " " * (besides[1] - besides[0]) + text[besides[1] :]
        before = text[max(0, start - 40) : start]
        after = text[end : end + 40]
        window = " ".join(before.split()[-4:]) + " | " + " ".join(after.split()[:4])
        # A button or a logo is the product's only when it is the method's own ("a PayPal
        # button", "the button for WhatsApp"), not a thing further on in the sentence
        # ("send money via PayPal tonight for the banner").
        if _UI_WORD.search(" ".join(before.split()[-3:]) + " | " + " ".join(after.split()[:2])):
            return True
        clause = self.text[low:high]
        if _to_person(clause) or self.all(_OFF_HERE) or self.all(_IN_BIO):
            return False  # "the invite link is in my bio": a way to reach the writer
        if _JOINED_BEFORE.search(before) and _GROUP_AFTER.match(after):
            # "log in to our Telegram group", "join my Discord server" (r35), unless the
            # group is worked on: "log in to the Telegram channel's bot settings".
            return bool(self.all(_STRONG_PRODUCT))
        # ... or the method named again as a part built: "our client pays with PayPal, so
        # the invoice needs a PayPal option" (r39).
        if lex.PRODUCT.search(window) or self._built_elsewhere(start, end):
            return True
        if _BUILD_BEFORE.search(before) and not _PERSON_AFTER.match(after):
            return True
        return bool(self.all(_STRONG_PRODUCT))

    def _built_elsewhere(self, start: int, end: int) -> bool:
        """Whether the method at ``[start, end)`` is named again in the sentence as a part built.

        "Hamara client PayPal se pay karta hai, isliye invoice generator mein PayPal option
        bhi chahiye": the same method, named as an option of the product, makes its first
        mention the product's payers' habit, not a payment to the reader (review r39,
        scanner dev-r39).
        """
        own = next((m for m in self.all(lex.METHOD) if start <= m.start() < end), None)
        return own is not None and any(
            m.group() == own.group()
            and m.start() != own.start()
            and _PART_AFTER.match(self.text, m.end())
            for m in self.all(lex.METHOD)
        )

    def upwork_feature(self, start: int) -> bool:
        """Whether the clause is about one of Upwork's own features (not about avoiding its fee)."""
        return bool(self.in_clause(lex.UPWORK_FEATURE, start)) and not (
            self.all(lex.FEE_AVOIDANCE)
            or self.all(lex.FEE_COMPLAINT)
            or self.all(lex.CHAT_COMPLAINT)  # "on Telegram, as Upwork chat is laggy"
        )

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
            if at is not None and YOU_PAY.search(clause):
                return True
        if at is not None:
            return bool(self.all(_URDU_YOU_PAY) or (self.all(MONEY) and self.all(_URDU_SEND)))
        return bool(
            self.all(YOU_PAY)
            or self.all(_EVERY_NEW_PAYS)
            or self.all(_URDU_YOU_PAY)
            or (self.all(MONEY) and self.all(_URDU_SEND))
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
#: Upwork named only as what is outside: "Upwork ke bahar", "Upwork se bahar", "outside Upwork".
_OUTSIDE_AFTER_UPWORK = re.compile(
    r"\b(?:upwork (?:ke|se|sy|k) (?:bahar|baahar|bahir)|(?:outside|off) (?:of )?upwork)\b"
)
#: A part of the product right after a method: "PayPal option", "JazzCash ka button".
_PART_AFTER = re.compile(
    r" (?:ka |ki |wala |wali )?(?:option|options|button|buttons|integration|checkout|gateway|"
    r"plugin|widget|logo|icon)\b"
)
_BUILD_BEFORE = re.compile(
    r"\b(?:integrate|integrating|connect|support|supports|enable|embed|"
    r"set up|setup|implement|build|building|develop|create|show|display|post to|posts to|"
    r"sends? to|scrape|automate|sync|configure|add|added|adding)(?: (?:a|an|the|our|their|"
    r"both|also|to the))?(?: \w+)?\s*$"
)
#: The reader brought into a group of the writer's: "log in to our", "join my", "get on the"
#: ... "Telegram group" (newcomer r35, 1); a group joined is a way to talk, not a product's.
_JOINED_BEFORE = re.compile(
    r"\b(?:join|joining|log ?in to|login to|sign ?in to|sign up (?:for|on|to)|get on|hop on|"
    r"come (?:on|to)|enter)(?: (?:our|my|the|this|a))?\s*$"
)
_GROUP_AFTER = re.compile(
    r"\s?(?:group|channel|server|community|chat)\b(?!'s| (?:admin|settings|panel|page|"
    r"description|banner|logo|analytics|dashboard|name|bio)\b)"
)
_PERSON_AFTER = re.compile(r"\s?(?:me|us|you|him|her)\b")
_UI_WORD = re.compile(r"\b(?:buttons?|icons?|widgets?|banners?|labels?|logos?|tooltips?)\b")
_OFF_HERE = re.compile(
    r"\binstead of (?:here|upwork|the platform)\b|\boutside (?:of )?(?:upwork|the platform)\b|"
    r"\boff (?:upwork|the platform)\b|\bupwork (?:se|ke) bahar\b|"
    r"\b(?:besides|other than|outside(?: of)?|off) (?:this|the) (?:site|platform|website)\b"
)
#: A chat link or handle pointed to in the writer's bio or profile elsewhere: "link in bio",
#: "the invite link is in my company profile", "link bio mein hai" (not "my profile here").
_IN_BIO = re.compile(
    r"\b(?:link|invite|handle|id|username|details)(?: is)? in (?:my |our )?(?:\w+ )?(?:bio|"
    r"profile)\b(?! here| on upwork)|\b(?:link|handle|id) (?:\w+ )?bio (?:mein|me|main|pe|par)\b"
)
_CONTENT = (
    r"(?:blog posts?|articles?|guides?|tutorials?|scripts?|slides|seminar|ebook|course|"
    r"infographic|video)"
)
_STRONG_PRODUCT = re.compile(
    r"\b(?:checkout|check-out|gateway|gateways|integrat\w{0,6}|api|sdk|webhooks?|plugin|"
    r"widget|button|bot|bots|chatbot|payment options?|sandbox|customers?|users|visitors|"
    r"attendees|tenants|subscribers|drivers|shoppers|buyers|store's|site's|app's|"
    r"notifications?|template|signature|newsletter|auto-?reply|campaign|"
    # Payments taken on a page of the product: "card payments on the donation page" (r35).
    r"(?:payments?|donations?) (?:on|in|to) (?:the|our|this) (?:\w+ )?(?:page|screen|form|"
    r"app|website|store)|"
    r"ka button|ka option|wala feature|wala form|payment ka option|banana hai|banwaya|"
    r"startup|fintech)\b|"
    # The messages the product reads for the channel: "a model that flags scam messages asking
    # people to pay via PayPal", "filter chats that move users to WhatsApp" (scanner r41).
    r"\b(?:flags?|flagging|detects?|detecting|classif(?:y|ies|ying)|filters?|filtering|"
    r"moderat(?:e|es|ing)|catch(?:es|ing)?|spots?|spotting)(?: [\w']+){0,2}? (?:messages|"
    r"texts|chats|emails|e-mails|posts|comments|conversations|dms)\b|"
    # Content written about the channel or method: "write a blog post: 'ways to withdraw via
    # Payoneer'", "design an infographic comparing Wise and Payoneer", or the brief headed by
    # it ("Script for our video: ...").  The content must be what is made: "send the video on
    # WhatsApp", "pay for the articles on PayPal" name the channel the content goes through.
    r"(?:\b(?:write|writing|written|create|creating|make|making|record|recording|design|"
    r"designing|proofread\w{0,3}|translat\w{1,3}|edit|editing|prepare|produce|draft|film|shoot)"
    r"\b(?: [\w']+){0,3}? |^(?:(?:the|our|a|an|my) )?(?:\w+ )?)"
    + _CONTENT
    + r"\b(?: [\w']+){0,4}?(?: about| on| explaining| comparing| titled| called|:)"
)
_TO_PERSON = re.compile(
    r"\b(?:add|message|contact|text|call|pay|send|reach|email|ping|dm|tip|transfer) "
    r"(?:me|us|you)\b|"
    r"\b(?:my|your|apna|apni|mera|meri|aap ka|aap ki) (?:number|email|whatsapp|skype|account|"
    r"id|paypal|payoneer|bank)\b"
)
#: The product's own payers before "pay us": "our customers pay us by bank transfer".
_THEIR_PAYERS = re.compile(
    r"\b(?:customers?|buyers?|users?|clients|students?|members?|subscribers?|shoppers?|"
    r"visitors?|patients?|tenants?|guests?|donors?)(?: \w+){0,2} $"
)


def _to_person(clause: str) -> bool:
    """Whether *clause* points at a person to reach or pay, not the product's payers paying."""
    return any(
        not (m.group().startswith("pay ") and _THEIR_PAYERS.search(clause, 0, m.start()))
        for m in _TO_PERSON.finditer(clause)
    )


_PAY_COMMAND = re.compile(
    r"^(?:(?:please|kindly|just|first|pehle|so|then|and|now)\s){0,2}"
    r"(?:pay|send|deposit|transfer|buy|purchase|order|recharge|top up|invest|cover)\b"
    # Not the reader paying the reader: "Pay you directly by bank transfer" drops its "I'll".
    r"(?! (?:you|u)\b)"
)
_SEND_ME_YOURS = re.compile(
    r"^(?:(?:please|kindly|just|so|then|and|now)\s){0,2}send (?:me |us )?(?:your|the|a|an|"
    r"over|it|them|this|that|files?|designs?|drafts?|samples?|work|cv|resume|portfolio|link|"
    r"details|update)\b"
)
YOU_PAY = re.compile(
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
    # Not money taken from someone: "aap un se le lena" (review r34, scanner dev-r34).
    r"khareedna|khareedne|khareedni|(?<!\bse le )(?:lena|lene|leni)|ada)\b|"
    r"\bjama (?:karwa\w*|kar\w*)|\bada (?:kar\w*)|"
    r"\b(?:khareedna|khareedni|khareedne|lena|leni|lene|dena|deni|dene|"
    r"jama karwana|bhejna|bhejni|bhejne|jama karna|jama karne|ada karna|ada karne|karna|karni) "
    r"(?:hoga|hogi|honge|hongi|hain|parega|paregi|parenge|zaroori)|"
    # Paying as the rule of the place: "25 USDT deposit karna parta hai" (review r35).
    r"\b(?:deposit|jama|ada|pay|payment|invest|transfer) (?:karna|karni|karne) (?:parta|padta|"
    r"parti|padti|pare|pade|pado)\b"
)
_URDU_SEND = re.compile(
    r"\b(?:bhej dein|bhejein|bhejo|bhej do|kar dein|karein|de dein|jama|easypaisa kar|"
    r"jazzcash kar|transfer kar\w*)\b"
)
MONEY = re.compile(
    r"(?:\$|usd\s?|rs\.?\s?|pkr\s?|\u20a8\s?)\d[\d,]{0,12}(?:\.\d{1,2})?|"
    r"\b\d[\d,]{0,12}(?:\.\d{1,2})?\s?(?:k\s)?(?:usd|usdt|dollars?|dollar|rs|rupees|rupay|"
    r"rupaye|pkr|btc|eth|bucks)\b|\b\d{3,6}\b(?= (?:ka|ki|ke|hai|hain|sirf))|"
    # A sum in Roman Urdu's thousands or lakhs: "10 hazar", "2 lakh" (review r37, scanner
    # dev-r37).
    r"\b\d{1,3}(?:\.\d)?\s?(?:hazar|hazaar|hajar|lakh|lac)\b"
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
        # A sentence starts at its first word: the space after the last one's "." is
        # not its own, so a rule reading a sentence's start ("^Email me") reads the
        # second sentence as it reads the first, whatever space came between.
        while start < end and text[start].isspace():
            start += 1
        if start < end:
            found.append(Sentence(text[start:end], start, outgoing=outgoing))
        start = end
    return found


class Message:
    """A normalised message cut into sentences, and which sentences hold which words.

    A fact about the whole message (:meth:`has`) is searched for once and
    remembered, so a check may ask it for every sentence it reads and the
    scan stays linear in the message's length (review r38, hostile 1).
    """

    __slots__ = ("_has", "_starts", "outgoing", "sentences", "text")

    def __init__(self, text: str, *, outgoing: bool) -> None:
        self.text = text
        self.outgoing = outgoing
        self.sentences = sentences(text, outgoing=outgoing)
        self._starts = [s.offset for s in self.sentences]
        self._has: dict[Anchor, bool] = {}

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

    def all_warn(self, anchors: Iterable[Anchor], warns: Callable[[Sentence], bool]) -> bool:
        """Whether some sentence names one of *anchors* and every such sentence *warns*.

        The one clearing rule of advice against a risk ("never share your
        WhatsApp number", "renting your account is fraud"): each check gives
        its own anchors and its own reading of a warning.
        """
        named = {s.offset: s for anchor in anchors for s in self.holding(anchor)}
        return bool(named) and all(warns(s) for s in named.values())

    def following(self, sentence: Sentence) -> Sentence | None:
        """The sentence after *sentence*, if any."""
        index = bisect_right(self._starts, sentence.offset)
        return self.sentences[index] if index < len(self.sentences) else None

    def preceding(self, sentence: Sentence) -> Sentence | None:
        """The sentence before *sentence*, if any."""
        index = bisect_right(self._starts, sentence.offset) - 2
        return self.sentences[index] if index >= 0 else None

    def has(self, anchor: Anchor) -> bool:
        """Whether *anchor* matches anywhere in the message.

        Searched for on the first call for each anchor and remembered: asking
        again, once per sentence, costs a dictionary look-up, not a search of
        the whole message.
        """
        found = self._has.get(anchor)
        if found is None:
            found = self._has[anchor] = anchor.keys.search(self.text) is not None and (
                anchor.pattern.search(self.text) is not None
            )
        return found

    def first(self, anchor: Anchor) -> tuple[Sentence, re.Match[str]] | None:
        """The first sentence where *anchor* matches, with its match."""
        for sentence in self.holding(anchor):
            match = sentence.first(anchor.pattern)
            if match is not None:
                return sentence, match
        return None


@attrs.frozen(eq=False)
class Anchor:
    """Words a sentence must hold for a code to read it, with literal keys to find them fast.

    An anchor is equal only to itself (hashed by identity), so a message's
    memory of which anchors it holds costs no hashing of patterns.

    Attributes:
        pattern: Matches wherever any of the anchor's patterns does.
        keys: Plain substrings, one of which every match of *pattern*
            contains, derived from the pattern by :func:`._keys.keys_pattern` so
            they cannot drift from it (a test also checks them on the corpus and
            on random text).
    """

    pattern: re.Pattern[str]
    keys: re.Pattern[str]


def anchor(patterns: tuple[re.Pattern[str], ...]) -> Anchor:
    """An :class:`Anchor` for *patterns*, gated by literal keys derived from them.

    The anchor is rebuilt from the patterns' text, so a pattern's flags
    (``re.IGNORECASE``, or a global ``(?i)``) would be lost, and its keys
    derived case-sensitively: such a pattern is refused (review r42, review
    3).  Write a flag inline around the part it applies to (``(?i:...)``),
    which the keys treat as claiming no literal text.

    Raises:
        InvalidValueError: A pattern carries a flag beyond ``re.UNICODE``
            (``field="patterns[i]"``, ``rule="no regex flags"``), when the
            module that builds the anchor is imported.
    """
    for index, each in enumerate(patterns):
        flags = each.flags & ~re.UNICODE
        if flags:
            raise InvalidValueError(
                f"anchor() cannot carry the regex flags of pattern {index} "
                f"({shown(each.pattern, 60)}): write them inline around the part they apply "
                "to, e.g. (?i:...)",
                field=f"patterns[{index}]",
                rule="no regex flags",
            )
    pattern = re.compile("|".join(f"(?:{p.pattern})" for p in patterns))
    return Anchor(pattern, keys_pattern(pattern.pattern))


CLIENT_TO_YOU = re.compile(
    r"\b(?:send|pay|transfer|wire|give|mail|post|courier)\w{0,3} (?:you|u)\b|\baap ko (?:\w+ ){0,3}"
    r"(?:bhej|de|transfer|pay)\w{0,6}|"
    # A cheque sent to the reader's address: "we'll courier a cheque to your address",
    # "cheque courier se bhej rahe hain".
    r"\b(?:send|mail|post|courier)\w{0,3} (?:a |the |our )?(?:cheque|check) to (?:you|your)\b|"
    r"\b(?:cheque|check) (?:\w+ ){0,2}bhej(?: rahe| raha| rahi)? (?:hain|hai|hoon|denge|dunga)\b"
)


def best_hit(hits: Iterable[Hit | None]) -> Hit | None:
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


def read_rules(
    sentence: Sentence, rules: tuple[Callable[[Sentence], Hit | None], ...]
) -> Hit | None:
    """The best hit of *rules* on *sentence*."""
    return best_hit(rule(sentence) for rule in rules)
