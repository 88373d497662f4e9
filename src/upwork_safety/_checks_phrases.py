"""The phrase tables behind ``checks.scan_message`` and ``checks.review_milestone`` (private).

Every rule is a regular expression over *normalised* text (NFKC, case-folded,
curly quotes straightened, runs of white space collapsed to one space; see
:func:`normalise`).  The patterns are written for linear-time matching on
hostile input:

- every repetition is bounded (``{0,40}``) or runs over a class that the
  next token cannot start with, so no pattern backtracks more than a fixed
  number of characters from any position;
- patterns start with a word boundary and a literal word wherever possible,
  so the engine rejects most start positions at once;
- look-arounds (negation, project context) inspect a bounded window around a
  match, never the whole text.

Common misspellings ("whatsap", "telegarm", "staart", "tomorow",
"commision", "fiv stars") and Roman-Urdu phrasing ("kaam shuru karo,
payment baad mein", "ek page aur bana do", "registration fees jama
karwayen", "5 star de dena") are part of the tables; the docs page
"Staying safe on a contract" lists what each code looks for.
"""

from __future__ import annotations

import re
import unicodedata

import attrs

#: Curly quotes, primes and backticks people type for an apostrophe.
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u2032": "'"})
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Return *text* in the form the phrase tables match against.

    NFKC folds full-width and compatibility characters ("ＷｈａｔｓＡｐｐ"),
    ``casefold`` removes case, curly apostrophes become ``'`` and white space
    runs become one space.  Lone surrogates and other odd code points pass
    through unchanged.
    """
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_QUOTES)
    return _SPACE.sub(" ", folded).strip()


def _gap(limit: int) -> str:
    """Up to *limit* characters inside one sentence."""
    return rf"[^.!?\n]{{0,{limit}}}?"


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


#: Words that turn a following phrase into its opposite ("I don't use WhatsApp").
_NEGATION = _c(
    r"\b(?:don'?t|do not|never|not|no|can'?t|cannot|won'?t|wont|would not|prefer not|"
    r"against|nahi|nahin|mat)\b"
)
_CLAUSE_MARKS = (".", "!", "?", ",", ";", ":", "\n", " but ")
_SENTENCE_MARKS = (".", "!", "?", "\n")
_WINDOW = 120


def _clause_before(text: str, start: int) -> str:
    """The text from the start of the clause that holds *start* up to it (bounded)."""
    window = text[max(0, start - _WINDOW) : start]
    cut = max(
        (i + len(mark) for mark in _CLAUSE_MARKS if (i := window.rfind(mark)) >= 0), default=0
    )
    return window[cut:]


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence that holds ``text[start:end]`` (bounded to a window)."""
    before = text[max(0, start - _WINDOW) : start]
    cut = max(before.rfind(mark) for mark in _SENTENCE_MARKS) + 1
    after = text[end : end + _WINDOW]
    stops = [i for i in (after.find(mark) for mark in _SENTENCE_MARKS) if i >= 0]
    return before[cut:] + text[start:end] + after[: min(stops, default=len(after))]


def _near(text: str, start: int, end: int, reach: int = 100) -> str:
    """The text within *reach* characters of a match, across sentences."""
    return text[max(0, start - reach) : end + reach]


@attrs.frozen
class Rule:
    """One phrase rule: a pattern, plus optional conditions on its surroundings.

    Args:
        name: A short stable name for the rule (shown in the docs).
        keys: Plain substrings, at least one of which every match contains;
            the rule is skipped at once when none occurs in the text, so
            hostile input costs little (a test proves the keys never hide a
            match on the corpus).
        pattern: The phrase to find.
        negatable: Skip a match whose clause starts with a negation.
        unless: Skip a match when this pattern occurs in the match's
            sentence (project context: "a WhatsApp chat *button*").
        unless_before: Skip a match when the clause before it ends with this.
        unless_after: Skip a match when the text right after it starts
            with this.
        needs_near: Keep a match only when this pattern occurs within 100
            characters of it (across sentences).
        needs: Keep a match only when this pattern occurs anywhere in the
            message (checked once, before looking at matches).
        needs_in_sentence: Keep a match only when this pattern occurs in the
            match's sentence.
        needs_before: Keep a match only when the clause before it matches
            this (anchor it with ``$``).
    """

    name: str
    keys: tuple[str, ...]
    pattern: re.Pattern[str]
    negatable: bool = False
    unless: re.Pattern[str] | None = None
    unless_before: re.Pattern[str] | None = None
    unless_after: re.Pattern[str] | None = None
    needs_near: re.Pattern[str] | None = None
    needs: re.Pattern[str] | None = None
    needs_in_sentence: re.Pattern[str] | None = None
    needs_before: re.Pattern[str] | None = None

    def find(self, text: str) -> str | None:
        """Return the evidence (the matched phrase) when the rule fires on *text*."""
        if not any(key in text for key in self.keys):
            return None
        return self.find_ungated(text)

    def find_ungated(self, text: str) -> str | None:
        """Like :meth:`find`, without the keyword gate (the tests compare the two)."""
        context = ""
        if self.needs is not None:
            found = self.needs.search(text)
            if found is None:
                return None
            context = found.group(0).strip()
        # Search again one character after a rejected match (not after its
        # end), so a rejected long match cannot hide a shorter one inside it.
        match = self.pattern.search(text)
        while match is not None:
            start, end = match.span()
            if self._keeps(text, start, end):
                phrase = match.group(0).strip()
                return f"{phrase} … {context}" if context and context != phrase else phrase
            match = self.pattern.search(text, start + 1)
        return None

    def _keeps(self, text: str, start: int, end: int) -> bool:  # noqa: PLR0911  (one test per condition)
        clause = _clause_before(text, start)
        if self.negatable and _NEGATION.search(clause):
            return False
        if self.needs_before is not None and self.needs_before.search(clause) is None:
            return False
        if self.unless_before is not None and self.unless_before.search(clause):
            return False
        if self.unless_after is not None and self.unless_after.match(
            text, end, min(len(text), end + 40)
        ):
            return False
        if self.needs_near is not None and self.needs_near.search(_near(text, start, end)) is None:
            return False
        sentence = _sentence_around(text, start, end)
        if self.unless is not None and self.unless.search(sentence):
            return False
        return self.needs_in_sentence is None or self.needs_in_sentence.search(sentence) is not None


# --------------------------------------------------------------------------
# START_BEFORE_FUNDING: begin work before the milestone is funded.
# --------------------------------------------------------------------------
_START = (
    r"\b(?:start|staart|strat|begin|get started|go ahead|get going|continue working|"
    r"continue with|keep working|work on it|kaam (?:shuru|start)|shuru kar\w*|start kar\w*|"
    r"(?:kaam )?kar ke dikha\w*)\b"
)
_FUND = r"\b(?:fund|funds|funding|funded|deposit|escrow|milestone|contract|pay|payment|paise)\b"
_LATER = (
    r"\b(?:later|afterwards|after|once|tomorrow|tomorow|tmrw|tommorow|next week|baad|kal|"
    r"when i'?m back|in the meantime|meanwhile|will come|soon|in a (?:few|couple of) days|"
    r"next month)\b"
)
_THEN = (
    r"\b(?:phir|then|if i like it|if i'?m happy|if i am happy)\b"
    + _gap(40)
    + r"\b(?:fund|contract|pay|hire|milestone)"
)
START_BEFORE_FUNDING: tuple[Rule, ...] = (
    Rule(
        "start now, fund later",
        (
            "start",
            "staart",
            "strat",
            "begin",
            "go ahead",
            "get going",
            "continu",
            "keep working",
            "work on it",
            "shuru",
            "dikha",
        ),
        _c(_START),
        negatable=True,
        needs=_c(rf"{_FUND}{_gap(50)}{_LATER}|{_THEN}|\bin the meantime\b"),
    ),
    Rule(
        "fund after seeing work",
        ("fund", "deposit", "pay"),
        _c(
            r"\b(?:i'?ll|i will|will|we'?ll|we will)\s+(?:only\s+)?(?:fund|deposit|pay)\b"
            + _gap(40)
            + r"\b(?:after|once|when|as soon as|if)\b"
            + _gap(40)
            + r"\b(?:draft|progress|done|finish\w*|deliver\w*|complete\w*|results?|like|"
            r"check\w*|happy|satisf\w*)\b"
        ),
    ),
    Rule(
        "free sample before hiring",
        ("free", "unpaid", "sample", "test task", "trial", "before i hire"),
        _c(
            r"\b(?:free|unpaid)\s+(?:test|sample|trial)\b|"
            r"\b(?:sample|test task|trial task)\b"
            + _gap(80)
            + r"\b(?:if i like it|you get the job|then i'?ll hire|before i hire)\b|"
            r"\bbefore i hire you\b" + _gap(60) + r"\b(?:sample|test|trial)\b"
        ),
    ),
    Rule(
        "work without escrow",
        ("escrow", "without"),
        _c(
            r"\bskip (?:the )?escrow\b|"
            r"\bwithout (?:the )?(?:milestone|escrow|funding|contract)\b(?! being| is)"
        ),
        negatable=True,
    ),
)

# --------------------------------------------------------------------------
# OFF_PLATFORM_PAYMENT: pay or be paid outside Upwork.
# --------------------------------------------------------------------------
_METHOD = (
    r"\b(?:pay ?pal|payoneer|transferwise|western union|money ?gram|zelle|venmo|cash ?app|"
    r"jazz ?cash|easy ?paisa|sada ?pay|naya ?pay|bank transfer|wire transfer|direct deposit|"
    r"bitcoin|btc|usdt|crypto\w*|ethereum|binance|cheque|"
    r"(?:on|via|by|through|with|using) wise|wise (?:account|transfer))\b"
)
_PAY = (
    r"\b(?:pay|paid|paying|payment|payments|send (?:it|the money|you|money|the bonus)|"
    r"transfer|bonus|bhej\w*|kar (?:dunga|doon ?ga|deta|dein|den))\b"
)
_PROJECT_MONEY = _c(
    r"\b(?:checkout|gateway|integrat\w*|plugin|api|sdk|payment options?|webhook|"
    r"customers?|invoice page|button)\b"
)
OFF_PLATFORM_PAYMENT: tuple[Rule, ...] = (
    Rule(
        "outside payment method",
        (
            "pay",
            "wise",
            "union",
            "gram",
            "zelle",
            "venmo",
            "cash",
            "paisa",
            "transfer",
            "deposit",
            "bitcoin",
            "btc",
            "usdt",
            "crypto",
            "ether",
            "binance",
            "cheque",
        ),
        _c(_METHOD),
        negatable=True,
        unless=_PROJECT_MONEY,
        needs_near=_c(_PAY),
    ),
    Rule(
        "pay directly or off the platform",
        ("pay", "transfer"),
        _c(
            r"\b(?:pay|paid|paying|payment|transfer)\w*\b"
            + _gap(40)
            + r"(?:\bdirect(?:ly)?\b(?!\s+(?:through|via|on|in) upwork)|"
            r"\boutside (?:of )?(?:upwork|the platform)\b|\boff (?:the )?(?:platform|upwork)\b|"
            r"\bupwork se bahar\b)"
        ),
        negatable=True,
    ),
    Rule(
        "avoid the platform fee",
        ("avoid", "sav", "skip", "bypass", "dodge", "bach"),
        _c(
            r"\b(?:avoid|save|saving|skip|bypass|dodge)\w*\s+(?:us\s+)?(?:both\s+)?(?:the\s+)?"
            r"(?:upwork'?s?\s+|platform\s+)?(?:fee|fees|commission|commision|cut|\d+\s?%)|"
            r"\b(?:upwork|platform) ki (?:fees?|commission|commision) bach"
        ),
        negatable=True,
    ),
    Rule(
        "bank details",
        ("account", "bank", "iban", "swift", "routing"),
        _c(
            r"\b(?:your|apni|apna)\s+(?:bank\s+)?(?:account\s+(?:details|number|info)|"
            r"bank\s+details|iban|swift code|routing number)"
        ),
    ),
)

# --------------------------------------------------------------------------
# OFF_PLATFORM_CONTACT: move the conversation off Upwork.
# --------------------------------------------------------------------------
_CHANNEL = (
    r"\b(?:wh?a?ts?\s?app?|whatapp|wa\.me|tele\s?g(?:ra|ar|r)a?m|t\.me/|sk[yi]pe|discord|"
    r"we\s?chat|viber|google chat|hangouts|"
    r"(?:on|via|at) signal|signal (?:app|number|id))\b"
)
_FREE_MAIL = (
    r"(?:gmail|googlemail|yahoo|hotmail|outlook|proton(?:mail)?|icloud|aol|live|ymail|"
    r"yandex|mail)\.[a-z.]{2,10}"
)
OFF_PLATFORM_CONTACT: tuple[Rule, ...] = (
    Rule(
        "messaging app",
        ("wh", "wa", "wt", "tele", "t.me", "sk", "discord", "chat", "viber", "hangouts", "signal"),
        _c(_CHANNEL),
        negatable=True,
        unless_before=_c(r"\b(?:our|the|a|an|their|your customers'?)\s*$"),
        unless_after=_c(
            r"\s*(?:chat\s+)?(?:button|bot|bots|api|channel|group|widget|business|"
            r"integration|icon|plugin|notifications?|link on)\b"
        ),
    ),
    Rule(
        "personal e-mail address",
        ("@",),
        _c(r"(?<![\w.+-])[\w.+-]{1,64}@" + _FREE_MAIL),
    ),
    Rule(
        "asks for contact details",
        ("your", "apna", "apni", "ur"),
        _c(
            r"\b(?:share|send|give|drop|provide|what'?s|whats|need|de dein|bhej\w*)\s+"
            r"(?:me\s+)?(?:your|apna|apni|ur)\s+(?:personal\s+|private\s+|direct\s+)?"
            r"(?:e-?mail|gmail|phone|mobile|cell|contact|whatsapp|skype)\b"
        ),
    ),
    Rule(
        "e-mail, call or text me",
        ("mail", "call", "text", "sms", "ping"),
        _c(
            r"\b(?:e-?mail|mail) me (?:at|on)\b|\b(?:call|text|sms|ping) me (?:at|on)\b|"
            r"\b(?:drop|send|shoot) me an? e-?mail\b"
        ),
        negatable=True,
    ),
    Rule(
        "phone number",
        ("+", "03"),
        _c(r"(?<![\w+])\+\d{1,3}(?:[ -]?\d){7,13}(?!\d)|(?<!\d)03\d{2}[ -]?\d{7}(?!\d)"),
    ),
    Rule(
        "chat off the platform",
        ("off", "outside"),
        _c(
            r"\b(?:move|continue|take|talk|chat|discuss|conversation|communicat\w*)\b"
            + _gap(40)
            + r"\b(?:off|outside(?: of)?)\s+(?:upwork|the platform|this (?:site|platform|app))\b|"
            r"\b(?:off|outside(?: of)?)\s+upwork\s+(?:for|to)\s+(?:the\s+)?"
            r"(?:chat|talk|conversation|call)\b"
        ),
        negatable=True,
    ),
)

# --------------------------------------------------------------------------
# UPFRONT_FEE: the freelancer is asked to pay to get or start the work.
# --------------------------------------------------------------------------
_MONEY_OBJECT = (
    r"(?:\$\s?\d|\d+\s?(?:usd|usdt|dollars?|rs\.?|rupees|rupay|pkr|btc)\b|\busdt\b|\bbtc\b|"
    r"\bbitcoin\b|\bcrypto\b|\bgift\s?cards?\b|\bequipment\b|\blaptop\b|\bsoftware licen[cs]e\b|"
    r"\bstarter kit\b|\b(?:training\s+)?course\b|\bmaterials\b)"
)
UPFRONT_FEE: tuple[Rule, ...] = (
    Rule(
        "fee or deposit",
        ("fee", "charge", "deposit", "cost"),
        _c(
            r"\b(?:registration|activation|onboarding|joining|membership|training|processing|"
            r"verification|application|enrol?ment|one-time|security|refundable|starter kit)\s+"
            r"(?:fees?|charges?|deposits?|cost)\b"
        ),
        negatable=True,
        unless_after=_c(r"\s*(?:form|field|module|feature|calculator|screen|page|section|table)\b"),
    ),
    Rule(
        "you pay first",
        ("pay", "send", "deposit", "transfer", "recharge", "top up", "invest", "buy", "purchase"),
        _c(
            r"\b(?:pay|send|deposit|transfer|recharge|top up|invest|buy|purchase)\b"
            + _gap(40)
            + _MONEY_OBJECT
        ),
        negatable=True,
        needs_before=_c(
            r"(?:\b(?:you|u)\s*(?:'ll|will)?\s+(?:need to|must|have to|should|are required to)\s+"
            r"(?:first\s+)?|^\s*|\b(?:please|kindly|plz|pls|just)\s+)$"
        ),
    ),
    Rule(
        "buy it, we reimburse",
        ("buy", "purchas"),
        _c(r"\b(?:buy|purchase)\w*\b" + _gap(40) + _MONEY_OBJECT),
        needs_near=_c(r"\b(?:vendor|reimburs\w*|pay you back|refund\w*|cheque|wallet)\b"),
    ),
    Rule(
        "pay to unlock",
        ("recharge", "top up", "activate", "unlock"),
        _c(
            r"\b(?:recharge|top up|activate|unlock)\s+your\s+(?:task\s+)?"
            r"(?:account|earnings|wallet)"
        ),
    ),
)

# --------------------------------------------------------------------------
# SCOPE_CREEP: more work inside the same milestone and price.
# --------------------------------------------------------------------------
_WORK_VERB = (
    r"(?:add|build|make|create|do|design|write|fix|set ?up|include|translate|develop|code|"
    r"implement|integrate|redo|prepare|put|throw|handle|edit|draft|update|change|bana\w*)"
)
SCOPE_CREEP: tuple[Rule, ...] = (
    Rule(
        "one more",
        ("more", "ek "),
        _c(
            r"\b(?:one|1)\s+more\s+(?!question|thing|time|day|week|minute|second|note|point|"
            r"quick question|reminder|call|meeting)\w+|\bek\s+\w+\s+(?:aur|or)\b|"
            r"\bek\s+(?:aur|or)\s+\w+"
        ),
        negatable=True,
    ),
    Rule(
        "can you also",
        ("also", "quickly"),
        _c(
            r"\b(?:can|could|would|will|pls|please|plz|kindly)\s+(?:you\s+|u\s+)?"
            r"(?:also(?:\s+just)?(?:\s+quickly)?|just\s+quickly|quickly\s+also)\s+"
            + _WORK_VERB
            + r"\b|\balso\s+(?:please|pls|plz|kindly)\s+"
            + _WORK_VERB
            + r"\b"
        ),
    ),
    Rule(
        "while you're in there",
        ("while", "since"),
        _c(
            r"\bwhile\s+(?:you'?re|you are|ur|u r|youre)\s+(?:in there|at it|there|already)\b|"
            r"\bsince\s+(?:you'?re|you are|youre)\s+already\b"
        ),
    ),
    Rule(
        "shouldn't take long",
        ("take", "should", "tiny", "small", "quick", "little", "kaam"),
        _c(
            r"\b(?:shouldn'?t|shouldnt|should not|won'?t|wont|will not|wouldn'?t)\s+take\s+"
            r"(?:you\s+)?(?:long|much|more than|too long)\b|"
            r"\bshould\s+(?:be|only take)\s+(?:a\s+)?(?:quick|easy|simple|fast|minutes)\b|"
            r"\b(?:it'?s|its|just)\s+(?:a\s+)?(?:tiny|small|quick|little)\s+"
            r"(?:one|thing|addition|extra|favou?r)\b|\bit'?s tiny\b|\bzyada kaam nahi\b|"
            r"\bthora\s+(?:sa\s+)?(?:aur|extra)\s+kaam\b"
        ),
    ),
    Rule(
        "a few more",
        ("more", "another", "throw"),
        _c(
            r"\b(?:a\s+few|a\s+couple(?:\s+of)?|\d+\s+or\s+\d+)\s+more\b|\banother\s+\d+\b|"
            r"\bthrow\s+in\b"
        ),
    ),
    Rule(
        "same price",
        ("free", "extra", "same", "without", "no need", "included", "isi"),
        _c(
            r"\bfor\s+free\b|\bfree\s+of\s+charge\b|\bno\s+extra\s+(?:cost|charge|pay)\b|"
            r"\bsame\s+(?:price|budget|rate)\b|\bwithout\s+(?:extra|additional)\s+"
            r"(?:cost|pay|charge)\b|\bno\s+need\s+to\s+change\s+the\s+(?:milestone|contract|price)\b|"
            r"\b(?:assume|guess)\s+(?:that'?s|it'?s|this\s+is)\s+included\b|"
            r"\bisi\s+milestone\s+(?:mein|me|main)\b"
        ),
    ),
    Rule(
        "not in the brief",
        ("in the",),
        _c(
            r"\b(?:wasn'?t|was not|isn'?t|is not|not)\s+in\s+the\s+(?:original\s+)?"
            r"(?:brief|scope|contract|agreement|offer|plan)\b"
        ),
    ),
    Rule(
        "we also need",
        ("need", "bana"),
        _c(
            r"\b(?:we|i)\s+(?:also|now|additionally)\s+need\b|\bbhi\s+bana\s+(?:do|dein|dain|den)\b"
        ),
    ),
)

# --------------------------------------------------------------------------
# REVIEW_BEGGING (outgoing): asking for a particular rating.
# --------------------------------------------------------------------------
_RATING = (
    r"(?:\b(?:5|five|fiv|10|ten)\s?-?\s?(?:stars?|str)\b|\b5\s?\*|\u2b50|\b10\s?/\s?10\b|"
    r"\b10\s+out\s+of\s+10\b|\bfull\s+stars?\b|"
    r"\b(?:good|positive|great|excellent|nice|best|top|perfect|high)\s+"
    r"(?:rating|review|feedback|score)s?\b|\bwould recommend\b)"
)
_ASK = _c(
    r"\b(?:please|pls|plz|kindly|could you|can you|would you|would you mind|grateful|"
    r"would mean|don'?t forget|dont forget|give|leave|rate me|de dena|dena|zaroor|consider)\b"
)
REVIEW_BEGGING: tuple[Rule, ...] = (
    Rule(
        "asks for a rating",
        (
            "5",
            "fiv",
            "10",
            "ten",
            "star",
            "\u2b50",
            "rating",
            "review",
            "feedback",
            "score",
            "recommend",
        ),
        _c(_RATING),
        unless=_c(r"\b(?:thanks?|thank you)\b(?! in advance)"),
        needs_in_sentence=_ASK,
    ),
)


# --------------------------------------------------------------------------
# review_milestone: signals that a milestone is specific and checkable.
# --------------------------------------------------------------------------
_NUMBER = (
    r"(?:\d{1,6}(?:,\d{3})*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|a dozen|single)"
)
_NOT_COUNTED = (
    r"(?:hours?|hrs?|days?|weeks?|months?|years?|minutes?|mins?|seconds?|percent|of|or|and|to|"
    r"milestones?|phases?|parts?|stages?|steps?|payments?|installments?|more|x|k|am|pm|usd|"
    r"dollars?|rs|pkr|times|mm|cm|px|kb|mb|gb|kbps|rounds?|revisions?|changes|iterations?)\b"
)
COUNTED = _c(r"(?<![\w/.$€£₨#%+-])" + _NUMBER + r"[ -](?!" + _NOT_COUNTED + r")[a-z][a-z-]{1,30}\b")
_DELIVERABLE_NOUN = _c(
    r"\b(?:pages|screens|sections|endpoints|templates|tickets|commands|charts|slides|sheets|"
    r"collections|products|posts|reports|features|modules|components|files|videos|banners)\b"
)
#: Named pages, screens and items: a deliverable a client can point at.
NAMED_ITEM = _c(
    r"\b(?:home ?page|landing page|about page|contact page|pricing page|login|log-in|sign ?up|"
    r"checkout|cart|dashboard|admin panel|business card|letterhead|flyer|brochure|poster|"
    r"resume|cv|cover letter|linkedin summary|pitch deck|invoice template|unit tests|"
    r"test suite|onboarding screens?)\b"
)
_PIECES = re.compile(r"[.;!?\n]")
_ITEM_SEP = re.compile(r",|\band\b")
_MAX_ITEM = 40


def _items(part: str) -> int:
    """How many short list items (1–40 characters) *part* splits into."""
    pieces = _ITEM_SEP.split(part)
    if len(pieces) < 2 or any(not 0 < len(p.strip()) <= _MAX_ITEM for p in pieces[1:-1]):
        return 0
    return len(pieces)


def named_list(text: str) -> str | None:
    """Return a list of named deliverables in *text* ("Pages: home, about, contact").

    A list counts when it follows a colon (three or more items), sits in
    parentheses (two or more), sits next to a deliverable noun ("endpoints
    for users, orders and products"), or has four or more comma-separated
    items.  Linear: one split per sentence.
    """
    if "," not in text and " and " not in text:
        return None
    for sentence in _PIECES.split(text):
        if "," not in sentence and " and " not in sentence:
            continue
        head, colon, tail = sentence.partition(":")
        if colon and _items(tail) >= 3:
            return tail.strip()
        opened = sentence.find("(")
        closed = sentence.find(")", opened + 1)
        if opened >= 0 and closed > opened and _items(sentence[opened + 1 : closed]) >= 2:
            return sentence[opened : closed + 1]
        if sentence.count(",") >= 3 or (
            _DELIVERABLE_NOUN.search(sentence) and _items(head if colon else sentence) >= 3
        ):
            return sentence.strip()
    return None


FORMAT = _c(
    r"\b(?:pdf|png|jpe?g|svg|eps|psd|figma|sketch file|xd file|docx?|xlsx?|csv|json|xml|mp4|"
    r"mov|mp3|wav|zip|html|apk|ipa|google (?:docs?|sheets?|slides)|source (?:code|files)|"
    r"github|gitlab|bitbucket|repo|repository|staging(?: url| link| site)?|vercel|netlify|"
    r"openapi|swagger|cmyk|print-ready|workbook|r script|python script)\b|@2x|\b\d{3,4}x\d{3,4}\b"
)
ACCEPTANCE = _c(
    r"\b(?:accept(?:ed|ance)|done when|criteria|definition of done|signs? off|signed off|"
    r"pass(?:es|ing)?\s+(?:in|on)\b|tests? pass|all tests|unit tests|integration tests|"
    r"verified|works? (?:on|in)\b|renders? correctly|matches the design|score of|lighthouse|"
    r"pagespeed|gtmetrix|under \d+ (?:seconds|minutes|ms)\b|load time|accuracy|coverage|"
    r"deployed to|runs end to end|without (?:manual steps|errors|removing)|"
    r"\d[\d,]*(?:\s?[-–]\s?\d[\d,]*)? words|following the (?:outline|brand guide|brief)|"
    r"brand guide|checked)"
)
REVISION_LIMIT = _c(
    r"\b(?:\d+|one|two|three|four|five|a single|single)\s+(?:rounds?\s+of\s+)?"
    r"(?:revisions?|revision rounds?|rounds?|changes|iterations?)\b|"
    r"\bup to \d+\s+(?:revisions?|rounds?)|\brevisions?\s*:\s*\d"
)
