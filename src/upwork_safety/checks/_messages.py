"""Reading a message: :func:`scan_message`, its :class:`Direction`, and what each finding says.

The detection itself lives in :mod:`._intent` (the grammar),
:mod:`._lexicon` (the words), :mod:`._contacts` (contact details) and
:mod:`._normalise` (the text as the scanner reads it); this module turns
their evidence into findings with advice and a script, and maps the evidence
back to the words as written.
"""

from __future__ import annotations

from typing import Literal

import attrs

from upwork_safety._display import shown
from upwork_safety.checks._codes import Confidence, FindingCode
from upwork_safety.checks._findings import Finding, make_finding, sorted_findings
from upwork_safety.checks._intent import cleared, detect
from upwork_safety.checks._model import model_hits
from upwork_safety.checks._normalise import checked_text, normalise
from upwork_safety.checks._sentences import ESCROW_GIVEN_BACK, FREE_TRIAL, Hit
from upwork_safety.checks._unread import unread
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.kinds import StrEnum


class Direction(StrEnum):
    """Who wrote the message: the client (``INCOMING``) or you (``OUTGOING``).

    Members equal their text, so ``direction="incoming"`` keeps working.
    """

    #: From the client to you: checked for every client-side risk.
    INCOMING = "incoming"
    #: Yours, before you send it: checked for what you should not propose.
    OUTGOING = "outgoing"


#: The codes each direction is checked for.
CHECKED: dict[Direction, tuple[FindingCode, ...]] = {
    Direction.INCOMING: (
        FindingCode.START_BEFORE_FUNDING,
        FindingCode.OFF_PLATFORM_PAYMENT,
        FindingCode.UPFRONT_FEE,
        FindingCode.OFF_PLATFORM_CONTACT,
        FindingCode.SCOPE_CREEP,
        FindingCode.REVIEW_BEGGING,
        FindingCode.ACCOUNT_SHARING,
    ),
    Direction.OUTGOING: (
        FindingCode.OFF_PLATFORM_PAYMENT,
        FindingCode.OFF_PLATFORM_CONTACT,
        FindingCode.REVIEW_BEGGING,
        FindingCode.ACCOUNT_SHARING,
    ),
}


@attrs.frozen
class _Text:
    """What a message finding says: the message, the advice and the script."""

    message: str
    advice: str
    script: str


#: The texts of each message finding, per code and direction.
_MESSAGE_TEXT: dict[tuple[FindingCode, Direction], _Text] = {
    (FindingCode.START_BEFORE_FUNDING, Direction.INCOMING): _Text(
        "The client asks you to start before the milestone is funded (or to work for free first).",
        "Don't open your editor yet: only a funded milestone is protected, and work "
        "delivered before funding can be kept without paying. Wait until the milestone "
        "shows as funded.",
        "I'd love to get started! Upwork only protects work on funded milestones, so as "
        "soon as the first milestone is funded I'll begin right away.",
    ),
    (FindingCode.OFF_PLATFORM_PAYMENT, Direction.INCOMING): _Text(
        "The client wants to pay you outside Upwork.",
        "Decline: money paid off the platform has no escrow, no protection and no "
        "dispute process, and taking it can get your account suspended.",
        "Thanks for offering, but I keep all payments on Upwork; it protects us both. "
        "Happy to continue here.",
    ),
    (FindingCode.OFF_PLATFORM_PAYMENT, Direction.OUTGOING): _Text(
        "Your message proposes payment outside Upwork.",
        "Don't send it: off-platform payment has no protection, and proposing it breaks "
        "Upwork's Terms of Service and can get your account suspended. Keep payment on "
        "Upwork, e.g.",
        "Could you fund the next milestone on Upwork when you're ready? Then I'll get started.",
    ),
    (FindingCode.OFF_PLATFORM_CONTACT, Direction.INCOMING): _Text(
        "The client wants to move the conversation off Upwork (a messaging app, e-mail or phone).",
        "Keep talking on Upwork: before a contract, sharing contact details breaks "
        "Upwork's terms, most scams start by moving the chat, and nothing said "
        "elsewhere can be shown in a dispute.",
        "I'd prefer to keep our conversation here on Upwork so everything about the "
        "project stays in one place. I reply quickly here!",
    ),
    (FindingCode.OFF_PLATFORM_CONTACT, Direction.OUTGOING): _Text(
        "Your message moves the conversation off Upwork (a messaging app, e-mail or phone).",
        "Don't send it: before a contract, sharing contact details breaks Upwork's "
        "terms, and nothing said elsewhere can be shown in a dispute. Offer Upwork's own "
        "messages and calls instead, e.g.",
        "Let's keep everything here on Upwork; I'm happy to do a call through Upwork too.",
    ),
    (FindingCode.UPFRONT_FEE, Direction.INCOMING): _Text(
        "The message asks you to pay money to get or start the work (a fee, deposit, "
        "equipment, training, gift card or crypto).",
        "Don't pay and report the message to Upwork: a real client never charges a "
        "freelancer to work; this is the most common job scam.",
        "I don't pay fees or deposits to take on work. If you'd like to hire me, please "
        "send an offer through Upwork.",
    ),
    (FindingCode.SCOPE_CREEP, Direction.INCOMING): _Text(
        "The client asks for work beyond what this milestone covers.",
        "Don't fold it in for free: the escrow covers the milestone as agreed. Offer a "
        "separate quote or a new milestone, and start it once it is funded.",
        "Happy to add that; it's outside what we scoped for this milestone though. Want "
        "me to quote it separately or fold it into the next one?",
    ),
    (FindingCode.REVIEW_BEGGING, Direction.INCOMING): _Text(
        "The client offers a rating in exchange for something (a refund, money back, free "
        "work or your own rating), threatens a bad one, or offers you money for your rating.",
        "Don't trade: feedback given for a refund, a payment or a rating in return breaks "
        "Upwork's feedback rules, and money sent back outside Upwork is not protected. "
        "Keep feedback honest and refunds on the contract; if you're pressured, report it "
        "to Upwork.",
        "Thanks, but I can't exchange anything for feedback; Upwork asks us both to leave "
        "honest feedback. If something about the work isn't right, let's sort it out here "
        "on the contract.",
    ),
    (FindingCode.REVIEW_BEGGING, Direction.OUTGOING): _Text(
        "Your message asks the client for a particular rating.",
        "Don't send it: asking for a specific rating (or offering something for it) "
        "breaks Upwork's feedback rules and reads as pressure. Ask for honest feedback "
        "instead.",
        "Thanks for working with me! If you were happy with the work, I'd be grateful "
        "for your honest feedback when you close the contract.",
    ),
    (FindingCode.ACCOUNT_SHARING, Direction.INCOMING): _Text(
        "The message asks to rent, buy or use an Upwork account, for its password or "
        "the code Upwork sends, for someone's identity to verify one, or for remote "
        "access to your computer.",
        "Refuse and report it to Upwork: an account may not be shared, sold or used by "
        "anyone but its owner. Upwork suspends the account and can hold its earnings, and "
        "whoever has your login, your codes or your CNIC can take your account and your "
        "money. Never share a password or a code Upwork sends you.",
        "Sorry, I can't share or rent my Upwork account, its login or my identity "
        "documents; Upwork doesn't allow it. If you'd like to work with me, please send an "
        "offer here on Upwork.",
    ),
    (FindingCode.ACCOUNT_SHARING, Direction.OUTGOING): _Text(
        "Your message offers or asks for an Upwork account, its login, someone's identity "
        "documents, or remote access to a computer.",
        "Don't send it: sharing, renting, selling or using someone else's Upwork account "
        "breaks Upwork's rules; every account involved can be suspended and its earnings "
        "held. Work only from your own account, e.g.",
        "I work only from my own Upwork account. Happy to take this on through a contract here.",
    ),
}


#: The texts of a code's case whose advice differs from its usual one, per code,
#: direction and :attr:`._sentences.Hit.variant`: free sample or test work has no
#: milestone yet to wait for; funded escrow asked back is funding to keep.
_VARIANT_TEXT: dict[tuple[FindingCode, Direction, str], _Text] = {
    (FindingCode.START_BEFORE_FUNDING, Direction.INCOMING, FREE_TRIAL): _Text(
        "The client asks for free or unpaid sample or test work before hiring you.",
        "Don't do it for free: without a contract nothing you send is protected, and a "
        "free sample can be kept and used without paying or hiring. Point to your "
        "portfolio, or offer a small paid test milestone on Upwork and start once it is "
        "funded.",
        "I'd be glad to show what I can do! I don't do unpaid samples, but my portfolio "
        "has similar work, or we can start with a small paid test milestone here on "
        "Upwork; as soon as it's funded I'll begin.",
    ),
    (FindingCode.START_BEFORE_FUNDING, Direction.INCOMING, ESCROW_GIVEN_BACK): _Text(
        "The client asks for the funded escrow back (a refund, or the contract ended) and "
        "promises to pay again later.",
        "Don't refund or end it while the work goes on: once the money leaves escrow, "
        "nothing you deliver is protected until it is funded again, and a promise to fund "
        "later can be broken. Keep the milestone funded until it is approved; if the "
        "amount is wrong, stop work until the new milestone shows as funded.",
        "I'd rather keep the milestone funded until the work is approved; that protects us "
        "both. If the amount needs to change, let's fund the new milestone first and then "
        "I'll carry on.",
    ),
}


def _text(hit: Hit, side: Direction) -> _Text:
    """What the finding of *hit* says: its case's own text, or its code's."""
    return _VARIANT_TEXT.get((hit.code, side, hit.variant)) or _MESSAGE_TEXT[hit.code, side]


def _direction(value: object) -> Direction:
    if isinstance(value, Direction):
        return value
    if type(value) is str and value in {d.value for d in Direction}:
        return Direction(value)
    allowed = (
        "Direction.INCOMING ('incoming', from the client) or "
        "Direction.OUTGOING ('outgoing', your own message)"
    )
    if not isinstance(value, str):
        raise InvalidTypeError(
            f"scan_message(direction) must be {allowed}, not {type(value).__name__}",
            field="direction",
            rule="a Direction",
        )
    raise InvalidValueError(
        f"scan_message(direction) must be {allowed}, got {shown(value)}",
        field="direction",
        rule="a Direction",
    )


def scan_message(
    text: str,
    *,
    direction: Direction | Literal["incoming", "outgoing"] = Direction.INCOMING,
) -> list[Finding]:
    """Scan one message for the well-known risks.

    Incoming messages (from a client) are checked for
    ``START_BEFORE_FUNDING``, ``OFF_PLATFORM_PAYMENT``, ``UPFRONT_FEE``,
    ``OFF_PLATFORM_CONTACT``, ``SCOPE_CREEP``, ``REVIEW_BEGGING`` (a
    rating offered for a refund, money or free work, or swapped) and
    ``ACCOUNT_SHARING``; outgoing messages (yours, before you send them) for
    ``OFF_PLATFORM_PAYMENT``, ``OFF_PLATFORM_CONTACT``, ``REVIEW_BEGGING``
    and ``ACCOUNT_SHARING``.

    The scanner reads intent, not keywords: who is asked to do what, through
    which channel, before or instead of the platform, in English, Roman Urdu
    or a mix (with the verb last: "payment bahar kar dein").  Look-alike
    letters, spaced-out names ("w h a t s a p p") and spelling variants are
    folded first; contact details (e-mail addresses, phone numbers, chat
    handles and links) count on their own.  A line that may be wrapped (no
    punctuation at its end, a small letter after it: "Send me your bank" /
    "account details") is read both on its own and joined to the next
    (docs/checks.md, "How a message is read").  Negated phrases ("only on
    Upwork", "WhatsApp pe mat bulaein"), past events, product features ("a
    WhatsApp button", "PayPal checkout") and Upwork's own features
    ("withdraw to Payoneer") are not flagged.  At most one finding per code.

    Args:
        text: The message, any Unicode text of up to
            :data:`~upwork_safety.checks.MAX_TEXT_CHARS` characters (time is linear in its
            length); a lone surrogate such as U+D800, which no UTF-8 text
            can hold, is refused wherever it stands.
        direction: :class:`Direction` (or its text): who wrote the message.

    Returns:
        The findings, most severe first, then in the order of :data:`CODES`;
        an ordinary message gives none.
        Each finding's ``span`` is ``(start, end)`` in *text*, its
        ``evidence`` is ``text[start:end]`` and its ``confidence`` says how
        sure the scanner is (see :class:`Confidence`).

    Raises:
        InvalidTypeError: *text* is not a ``str``, or *direction* is not a
            :class:`Direction` or its text.
        InvalidValueError: *text* holds a lone surrogate or is longer than
            :data:`~upwork_safety.checks.MAX_TEXT_CHARS`, or *direction* is text other than
            ``"incoming"`` or ``"outgoing"``.

    >>> found = scan_message("Just start, I'll fund the milestone once I see progress.")
    >>> found[0].code, found[0].severity.name, found[0].evidence
    ('START_BEFORE_FUNDING', 'DANGER', 'fund the milestone once I see')
    >>> [f.code for f in scan_message("Bhai payment bahar kar dein")]
    ['OFF_PLATFORM_PAYMENT']
    >>> scan_message("Looks great, approving the milestone now!")
    []
    """
    return _scan(checked_text(text, "text"), _direction(direction), model=True)


def _scan(text: str, side: Direction, *, model: bool) -> list[Finding]:
    """The findings of the rules, and (with *model*) of the model where the rules are silent.

    The rules read a message whose lines may be wrapped twice (:func:`_wrapped_hits`);
    the model reads it line by line.

    Silent, not clearing: a code the rules read as kept on Upwork ("I'll pay
    you through Upwork") is not left to the model.
    """
    normal = normalise(text)
    outgoing = side is Direction.OUTGOING
    hits = [
        (hit, normal.original_span(hit.start, hit.end))
        for hit in detect(normal.text, outgoing=outgoing)
        if hit.code in CHECKED[side]
    ]
    if normal.wrapped:
        hits.extend(_wrapped_hits(text, side, {hit.code for hit, _ in hits}))
    if model and normal.text:
        found_codes = {hit.code for hit, _ in hits}
        found_codes |= cleared(normal.text, outgoing=outgoing)
        hits.extend(
            (hit, normal.original_span(hit.start, hit.end))
            for hit in model_hits(normal.text, side.value, codes=CHECKED[side], found=found_codes)
        )
    found: list[Finding] = []
    for hit, (start, end) in hits:
        words = _text(hit, side)
        found.append(
            make_finding(
                hit.code,
                words.message,
                words.advice,
                words.script,
                evidence=text[start:end],
                span=(start, end),
                confidence=hit.confidence,
            )
        )
    not_read = _not_read(text, side)
    if not_read is not None:
        found.append(not_read)
    return sorted_findings(found)


def _wrapped_hits(
    text: str, side: Direction, found: set[FindingCode]
) -> list[tuple[Hit, tuple[int, int]]]:
    """The rules' hits in *text* read with its wrapped lines joined, not in *found*.

    A line break between two words with no punctuation at it may end a
    sentence or wrap one ("Send me your bank" / "account details"), so such
    a message is read both ways: a code the lines find one by one is theirs,
    and a code found only with them joined counts when its evidence spans such
    a break, the words on both sides needed together (review r31, hostile 2).
    """
    joined = normalise(text, join_wrapped=True)
    hits = []
    for hit in detect(joined.text, outgoing=side is Direction.OUTGOING):
        if hit.code in found or hit.code not in CHECKED[side]:
            continue
        start, end = joined.original_span(hit.start, hit.end)
        if any(start < at and end_at < end for at, end_at in joined.wrapped):
            hits.append((hit, (start, end)))
    return hits


def _not_read(text: str, side: Direction) -> Finding | None:
    """``UNREAD_SCRIPT`` when a word or more of *text* is in a script the scanner does not read."""
    missed = unread(text)
    if missed is None:
        return None
    start, end = missed.start, missed.end
    whose = "this message" if side is Direction.INCOMING else "your message"
    message = (
        f"Part of {whose} is in {missed.script} script, which the scanner does not read (it "
        "reads English and Roman Urdu): that part was not checked, so finding nothing else in "
        "it does not mean it is safe."
    )
    if side is Direction.INCOMING:
        advice = (
            "Read that part yourself before you answer, or ask for it in English or Roman "
            "Urdu. In any language: don't start before the milestone is funded, don't pay to "
            "get work, and keep payment, contact and your account on Upwork."
        )
        script = (
            "Could you write that in English (or Roman Urdu), please? I want to be sure I "
            "understand before we go ahead."
        )
    else:
        advice = (
            "Check that part yourself before you send it: nothing about paying or talking "
            "outside Upwork, ratings, or sharing your account. Written in English or Roman "
            "Urdu, it can be checked."
        )
        script = ""
    return make_finding(
        FindingCode.UNREAD_SCRIPT,
        message,
        advice,
        script,
        evidence=text[start:end],
        span=(start, end),
        confidence=Confidence.HIGH,
    )


def scan_rules_only(
    text: str,
    *,
    direction: Direction | Literal["incoming", "outgoing"] = Direction.INCOMING,
) -> list[Finding]:
    """Like :func:`scan_message`, without the model (for the scanner's evaluation)."""
    return _scan(checked_text(text, "text"), _direction(direction), model=False)
