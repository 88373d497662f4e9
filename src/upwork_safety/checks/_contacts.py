"""Contact details recognised as such: e-mail addresses, phone numbers, chat handles and links.

A contact detail in a message is evidence on its own: whoever wrote it is
asking to be reached outside Upwork.  :func:`contact_details` finds

* e-mail addresses, also written ``name (at) example (dot) com``,
  ``name at gmail dot com`` or ``name [at] mail [.] com``;
* phone numbers: international (``+92 300 1234567``, ``+1 415 555 0100``),
  Pakistani (``0300-1234567``, ``0092 300 1234567``, also with the digits
  spaced out), North American (``(415) 555-0143``), and long digit runs
  right after a phone word ("number: 3001234567");
* chat links (``wa.me/...``, ``t.me/...``, ``chat.whatsapp.com/...``,
  ``discord.gg/...``, ``join.skype.com/...``, ``m.me/...``);
* handles and ids next to a chat app ("Telegram @kate_pm", "skype:
  live:john.recruit", "my id is ali.dev.92", "dev#4421"), also written
  after the app's name ("my skype: john.doe55", "Telegram: bob_r").

Addresses at upwork.com, and addresses that are part of a product being
built ("submissions land in info@..."; "emails come from noreply@...") are
not contact details, nor is a business's phone number to be put on what is
being built ("put our shop's number +92 300 1112233 in the website header").
"""

from __future__ import annotations

import re

import attrs

from upwork_safety.checks import _lexicon as lex

_SEP = r"[\s.\-()]{0,3}"
_TLD = r"(?:com|net|org|co|pk|io|me|info|biz|us|uk|ca|de|in|ae|edu|example)"
_MAIL_HOST = (
    r"(?:gmail|googlemail|yahoo|hotmail|outlook|proton(?:mail)?|icloud|live|aol|ymail|mail|gmx"
    r"|yandex|zoho)"
)

EMAIL = re.compile(
    r"(?<![\w.+-])[a-z0-9][\w.+-]{0,63}@[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63}){1,4}"
)
SPELLED_EMAIL = re.compile(
    r"(?<![\w.+-])[a-z0-9][\w+-]{0,40}(?:(?: dot |\(dot\)|\[dot\]|\[\.\]|\.)[\w+-]{1,40}){0,3}"
    r"\s?(?:\(at\)|\[at\]|\{at\}|\(@\)|\[@\]|@| at )\s?"
    r"(?:" + _MAIL_HOST + r"|[a-z0-9-]{2,40})"
    r"\s?(?: dot |\(dot\)|\[dot\]|\{dot\}|\[\.\]|\.)\s?" + _TLD + r"\b"
)
PHONE = re.compile(
    r"(?<![\w+])\+\s?\d{1,3}(?:" + _SEP + r"\d){7,13}(?!\d)|"
    r"(?<![\w+])(?:00\s?92|92)[\s.\-]{0,3}3\d\d(?:[\s.\-]{0,3}\d){7}(?!\d)|"
    r"(?<![\w+])0\s?3(?:" + _SEP + r"\d){9}(?!\d)|"
    r"(?<![\w+])\(\d{3}\)\s?\d{3}[\s.\-]\d{4}(?!\d)|"
    r"(?<![\w+.])\d{3}[.\-]\d{3}[.\-]\d{4}(?!\d)"
)
#: A Pakistani mobile number without its 0, spaced out to hide it: "3 0 0 - 8 1 2 - 3 4 5 6",
#: "300 812 3456".  Ten digits that start 30-34 are as often test data, scores or an ISBN,
#: so it counts only in a sentence about reaching someone (:data:`_SPACED_CONTEXT`).
SPACED_MOBILE = re.compile(
    r"(?<![\w+.,$#])(?:3[\s.\-/]{1,3}[0-4](?:[\s.\-/]{1,3}\d){8}|"
    r"3[0-4]\d[\s.\-/]{1,3}\d{3}[\s.\-/]{1,3}\d{4})(?!\d)"
)
#: A sentence about reaching a person by phone: "call me", "my number", "contact:", or a
#: phone's chat app: "my telegram is ..." (review r31, 1).
_SPACED_CONTEXT = re.compile(
    r"\b(?:call|text|message|whatsapp|telegram|viber|ring|sms|contact|reach|ping|dm|add|hmu)\b|"
    r"\b(?:my|mera|meri|mere|our|personal|apna|apni) (?:\w+ )?(?:number|no|phone|cell|mobile)\b|"
    r"\bnumber (?:is|hai)\b|\b(?:number|phone|cell|mobile|nambar)\s?[:=]"
)
#: A Pakistani mobile number disguised with look-alike letters: "O3OO12345G7" (o for 0, l or
#: i for 1, s for 5, g for 6, b for 8, z for 2), at least five real digits among its eleven
#: (:func:`_disguised_mobile`), and with the separators a plain number may have: "03OO-1234567",
#: "0300 l234567" (review r31, 1).
DISGUISED_MOBILE = re.compile(r"(?<![\w+])[0o]\s?3(?:[\s.\-]{0,3}[\dolisgbz]){9}(?![\w])")
_DIGIT_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
#: A Pakistani mobile number spelled out digit by digit: "zero three zero zero one two three
#: four five six seven" (its 0 and 3, then nine more digit words); a count ("one two three
#: ...") or other spelled digits are not a number to reach someone on (review r16 M2).
SPELLED_NUMBER = re.compile(
    r"\b(?:zero|oh)[\s,\-]{1,3}three(?:[\s,\-]{1,3}" + _DIGIT_WORD + r"){9}\b"
)
#: The digits are what is being built or tested: a form's input, QA data, a display.
_SPACED_TEST = re.compile(
    r"\b(?:fields?|inputs?|validat\w{1,5}|placeholder|format\w{0,3}|test\w{0,4}|accepts?|"
    r"dial ?pad|mockups?|typed|typing|enter\w{0,3}|display\w{0,3}|forms?|dummy|fake|"
    r"examples?|samples?|otp|isbn|scores?|column|screen|widget|bug)\b"
)
#: A long digit run right after a phone word: "number: 3001234567".
NUMBER_AFTER_WORD = re.compile(
    r"\b(?:number|phone|cell|mobile|whatsapp|contact|call|text|sms|jazzcash|easypaisa)"
    r"(?: for (?:you|u))?(?: (?:is|hai|:))?[\s:=\-]{0,3}(\d(?:[\s.\-]{0,2}\d){9,12})(?!\d)"
)
CHAT_LINK = re.compile(
    r"(?<![\w.])(?:https?://)?(?:www\.)?(?:wa\.me|api\.whatsapp\.com|chat\.whatsapp\.com|"
    r"t\.me|telegram\.me|telegram\.dog|discord\.gg|discord\.com/invite|discordapp\.com/invite|"
    r"join\.skype\.com|m\.me|signal\.me|line\.me|msng\.link)/[\w\-./?=&%+]{1,100}"
)
HANDLE = re.compile(r"(?<![\w@.])@[a-z0-9_][a-z0-9_.]{2,30}\b")
DISCORD_TAG = re.compile(r"\b[a-z0-9_.]{2,32}#\d{4}\b")
SKYPE_ID = re.compile(r"\blive:[a-z0-9_.\-]{3,40}")
NAMED_ID = re.compile(
    r"\b(?:id|username|user name|handle)(?: is| hai|\s?[:=])\s?"
    r"[a-z][a-z0-9_.\-]{2,30}[a-z0-9]"
)
#: A handle written after the chat app it belongs to: "my skype: john.doe55", "Telegram: bob_r".
#: It must look like a handle (a digit, or an inner dot or underscore), not like a word.
APP_HANDLE = re.compile(
    r"\b(?:skype|telegram|discord|wechat|viber|kik|snapchat)"
    r"(?: (?:id|username|user name|handle))?(?: is| hai|\s?[:=])\s?"
    r"(?=[a-z0-9_.\-]{0,30}(?:\d|[_.][a-z0-9]))[a-z][a-z0-9_.\-]{1,30}[a-z0-9]"
)
#: Mail addresses that belong to a product, not a person.
_ROBOT_MAILBOX = re.compile(r"^(?:no-?reply|do-?not-?reply|donotreply|test|example|user|name)@")
_HANDLE_CONTEXT = re.compile(
    r"\b(?:telegram|tg|instagram|insta|ig|twitter|tiktok|skype|discord|signal|whatsapp|"
    r"username|handle|user name|find me|dm|wechat|snapchat|snap|threads|kik|viber)\b"
)
_EMAIL_TO_PERSON = re.compile(
    r"\b(?:e-?mail|mail|write|contact|reach|send|message|text|ping)(?: it)?"
    r"(?: (?:me|us|to me|to us|at|on))\b|\b(?:my|our|personal|your|apna|apni|mera|meri)"
    r" (?:e-?mail|gmail|address)\b|\bcv\b|\bresume\b|\bapply\b|"
    # Roman Urdu, the verb last: "mujhe email kar dein" (review r32, scanner dev-r32).
    r"\b(?:mujhe|mujh ko|hamein|humein|hume) (?:e-?mail|mail) (?:kar|karein|karo|kijiye)\b"
)


_DIGIT = re.compile(r"\d")
#: Where a business's number or handle is put on what is being built: "in the website
#: header", "on the packaging mockup".
_NUMBER_PLACED = re.compile(
    r"\b(?:in|on|into|to|at) (?:the |our |your |its |their )?(?:[\w-]+ ){0,2}(?:website|site|"
    r"header|footer|navbar|menu|contact page|about page|landing page|homepage|home page|banner|"
    r"flyer|poster|business cards?|listing|google (?:business )?profile|invoice|receipt|"
    r"template|signature|page|mockups?|packaging|labels?|stickers?|brochures?|artwork)\b|"
    # Roman Urdu puts the place first: "header mein", "website pe".
    r"\b(?:website|site|header|footer|navbar|menu|contact page|landing page|homepage|home page|"
    r"banner|flyer|poster|page) (?:mein|me|main|pe|par|per|ke upar|ke neeche)\b|"
    # The place that shows it: "the footer should show our shop's number".
    r"\b(?:website|site|header|footer|navbar|menu|contact page|landing page|homepage|home page|"
    r"banner|flyer|poster) (?:should|must|will|needs? to|has to|can) (?:show|display|have|list|"
    r"include|carry|feature)\b"
)
#: A number given to be reached on: "call me", "my number", "whatsapp us".
_NUMBER_TO_PERSON = re.compile(
    r"\b(?:call|text|message|whatsapp|ring|sms|contact|reach|ping|dm|add)(?: me| us)\b|"
    r"\b(?:my|mera|meri|mere|personal|apna|apni) (?:\w+ )?(?:number|phone|cell|mobile|"
    r"whatsapp|contact)\b|\b(?:i'?m|i am|main|mai) (?:on|available|reachable)\b"
)


@attrs.frozen
class Detail:
    """One contact detail: where it is (normalised offsets) and what kind it is."""

    start: int
    end: int
    kind: str


def _product_mail(text: str, match: re.Match[str]) -> bool:
    """An address that belongs to what is being built, or to Upwork."""
    address = match.group()
    if address.endswith(("@upwork.com", ".upwork.com")):
        return True
    if _ROBOT_MAILBOX.match(address):
        return True
    sentence = _sentence(text, match.start(), match.end()).replace(address, " ")
    if _EMAIL_TO_PERSON.search(sentence):
        return False
    return lex.PRODUCT.search(sentence) is not None


def _product_number(text: str, match: re.Match[str], group: int = 0) -> bool:
    """A business's number or handle to be put on what is being built ("in the website header").

    "Put our Instagram handle @noor.bakes on the packaging mockup" names the
    shop's handle as part of the design, not a way to reach the writer.
    """
    start, end = match.span(group)
    return placed_on_product(_sentence(text, start, end).replace(match.group(group), " "))


#: The word before "number" that makes it a phone's: "my number", "WhatsApp number".
_PHONE_NUMBER_OWNER = re.compile(
    r"(?:^|\b(?:my|mera|meri|mere|your|his|her|our|their|apna|apni|aap ka|the|a|this|that|"
    r"same|new|personal|phone|mobile|cell|cellphone|whatsapp|contact|telephone|tel|work|home|"
    r"office|landline|jazzcash|easypaisa|is|hai|ka|ki|ke|yeh|ye|wo|wala|here's|here is|"
    r"and|or|with|to|on|at)) ?$"
)
#: A record's number given to be called: "reference number for you, call it tonight".
_CALL_IT = re.compile(
    r"\b(?:call|text|whatsapp|sms|ring|message|dial)(?: (?:it|this|that|me|us|now|tonight|"
    r"there))?\b|\bfor you\b"
)


#: A number given as test data for what is built: "test the checkout with dummy card 4242...
#: and phone 0301 0000000 in the form" (review r29, scanner dev-r29).
_TEST_DATA = re.compile(
    r"\b(?:dummy|fake|placeholder|test (?:data|numbers?|phones?|cards?|values?|inputs?|users?)|"
    r"sample (?:data|numbers?)|(?:test|try)\w{0,3} (?:the |our |your )?(?:checkout|form|sign ?up|"
    r"field|flow|validation|otp screen|login screen)|in (?:the|that|this) (?:form|field|input)s?|"
    # ... said in Roman Urdu: "test ke liye 0300 0000000 daal ke check karo", "form mein"
    # (review r36, scanner dev-r36).
    r"test (?:ke|k|kay) (?:liye|liay|lye|lie)|(?:form|field|input)s? (?:mein|me|main|pe|par))\b"
)


def _test_number(text: str, match: re.Match[str], group: int = 0) -> bool:
    """A number typed into the work as test data, in a sentence that asks no one to call it."""
    sentence = _sentence(text, *match.span(group)).replace(match.group(group), " ")
    return _TEST_DATA.search(sentence) is not None and _SPACED_CONTEXT.search(sentence) is None


def _record_number(text: str, match: re.Match[str]) -> bool:
    """A record's number ("SKU number", "roll number", "order number"), not a phone's.

    "Number" qualified by another noun names a record in what is being built; it
    is a phone only if the sentence also says to call or text it.
    """
    if not match.group().startswith("number"):
        return False
    before = text[max(0, match.start() - 24) : match.start()]
    if _PHONE_NUMBER_OWNER.search(before.lower()):
        return False
    sentence = _sentence(text, match.start(), match.end()).replace(match.group(), " ")
    return _CALL_IT.search(sentence) is None


def _disguised_mobile(match: re.Match[str]) -> bool:
    """A look-alike number with five real digits or more: "03OO-1234567", not "o3 lol sigs"."""
    return len(_DIGIT.findall(match.group())) >= 5


def _spaced_mobile(text: str, match: re.Match[str]) -> bool:
    """A spaced-out mobile number given to be reached on, not test data or a display."""
    sentence = _sentence(text, match.start(), match.end()).replace(match.group(), " ")
    return (
        _SPACED_CONTEXT.search(sentence) is not None
        and _SPACED_TEST.search(sentence) is None
        and not placed_on_product(sentence)
    )


def placed_on_product(sentence: str) -> bool:
    """Whether *sentence* puts a business's contact on what is being built, for no person.

    "Put our WhatsApp handle on the menu card design", "header mein dukaan ka
    number": the contact is part of the design, not a way to reach the writer
    ("call me", "my number" say otherwise).
    """
    return _NUMBER_PLACED.search(sentence) is not None and not _NUMBER_TO_PERSON.search(sentence)


def _product_handle(text: str, match: re.Match[str]) -> bool:
    """A handle in talk of a product ("the Telegram: notify_bot sends the alerts"), not yours."""
    if _OWNER_BEFORE.search(text, max(0, match.start() - 12), match.start()):
        return False
    if _PRODUCT_BEFORE.search(text, max(0, match.start() - 12), match.start()):
        return True  # "our Discord: bot_token", "the Viber: ..." name the product's account
    sentence = _sentence(text, match.start(), match.end()).replace(match.group(), " ")
    return lex.PRODUCT.search(sentence) is not None


_OWNER_BEFORE = re.compile(r"\b(?:my|your|personal|private|mera|meri|apna|apni) $")
_PRODUCT_BEFORE = re.compile(r"\b(?:our|the|its|their) $")


def _sentence(text: str, start: int, end: int, reach: int = 160) -> str:
    before = text[max(0, start - reach) : start]
    cut = max(before.rfind(mark) for mark in (". ", "! ", "? ", "\n")) + 1
    after = text[end : end + reach]
    stops = [i for i in (after.find(mark) for mark in (". ", "! ", "? ", "\n")) if i >= 0]
    return before[cut:] + text[start:end] + after[: min(stops, default=len(after))]


def contact_details(text: str) -> list[Detail]:
    """Every contact detail in normalised *text*, in order of position."""
    found: list[Detail] = []
    if "@" in text or " at " in text or "(at)" in text or "[at]" in text:
        for pattern in (EMAIL, SPELLED_EMAIL):
            found.extend(
                Detail(m.start(), m.end(), "e-mail address")
                for m in pattern.finditer(text)
                if not _product_mail(text, m)
            )
    if _DIGIT.search(text):
        found.extend(
            Detail(m.start(), m.end(), "phone number")
            for m in PHONE.finditer(text)
            if not _product_number(text, m) and not _test_number(text, m)
        )
        found.extend(
            Detail(m.start(), m.end(), "phone number")
            for m in SPACED_MOBILE.finditer(text)
            if _spaced_mobile(text, m)
        )
        found.extend(
            Detail(m.start(1), m.end(1), "phone number")
            for m in NUMBER_AFTER_WORD.finditer(text)
            if not _product_number(text, m, 1)
            and not _record_number(text, m)
            and not _test_number(text, m, 1)
        )
    # A number disguised in letters or spelled out counts, as a spaced one does, in a
    # sentence about reaching someone (newcomer r16 #4).
    for pattern, needs in ((DISGUISED_MOBILE, "3"), (SPELLED_NUMBER, "e")):
        if needs in text:
            found.extend(
                Detail(m.start(), m.end(), "phone number")
                for m in pattern.finditer(text)
                if (pattern is SPELLED_NUMBER or _disguised_mobile(m)) and _spaced_mobile(text, m)
            )
    if "/" in text:
        found.extend(
            Detail(m.start(), m.end(), "chat link")
            for m in CHAT_LINK.finditer(text)
            if not _product_number(text, m)
        )
    for pattern, needs in ((HANDLE, "@"), (DISCORD_TAG, "#"), (SKYPE_ID, "live:")):
        if needs in text:
            found.extend(
                Detail(m.start(), m.end(), "chat handle")
                for m in pattern.finditer(text)
                if pattern is SKYPE_ID
                or (
                    _HANDLE_CONTEXT.search(_sentence(text, m.start(), m.end()))
                    and not _product_number(text, m)
                )
            )
    found.extend(
        Detail(m.start(), m.end(), "chat handle")
        for m in NAMED_ID.finditer(text)
        if lex.APP.search(_sentence(text, m.start(), m.end()))
    )
    found.extend(
        Detail(m.start(), m.end(), "chat handle")
        for m in APP_HANDLE.finditer(text)
        if not _product_handle(text, m)
    )
    return _without_overlaps(found)


def _without_overlaps(found: list[Detail]) -> list[Detail]:
    """Keep the first (then longest) of overlapping details."""
    kept: list[Detail] = []
    for detail in sorted(found, key=lambda d: (d.start, -d.end)):
        if kept and detail.start < kept[-1].end:
            continue
        kept.append(detail)
    return kept
