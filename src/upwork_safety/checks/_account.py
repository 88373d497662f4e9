"""Account sharing: an Upwork account rented, sold, lent or used by someone else.

Upwork does not let anyone share, sell, trade or transfer an account, log
into someone else's or let anyone log into theirs (Help Center, "Represent
yourself authentically").  The schemes that reach freelancers in Pakistan
come in four shapes, and each has its rule here:

* **the account traded**: rented, bought, sold, lent or borrowed ("apna
  Upwork account rent pe de do", "I'll buy your Top Rated profile");
* **the account used by another**: "can I use your Upwork account?", "you
  can work from my account", "I'll deliver this job from my brother's ID",
  "you work logged in as me";
* **the keys to it**: its password or login details, or the code Upwork
  sends (an OTP, a verification or 2FA code), asked for or offered;
* **a person's identity lent to it, or a computer**: another person's CNIC,
  passport or face for an account's verification, or a remote-access tool
  (AnyDesk, TeamViewer) on the freelancer's own computer.

A match is dropped when it is negated, told of the past, given as advice or
a warning ("never share your Upwork password", "is renting accounts against
the policy?"), when the logins are the product's or the site's the work is
on ("the WordPress admin password", "an OTP login screen", also sent "in the
Upwork chat", which names Upwork only as the channel), when the remote
tool reaches the client's own machine ("AnyDesk to our server"), and when
the reader is told to use their own account ("log in to your account to
accept the offer").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from upwork_safety.checks import _account_settled as settled
from upwork_safety.checks import _account_stand_in as si
from upwork_safety.checks import _account_words as w
from upwork_safety.checks import _card_words as cw
from upwork_safety.checks import _lexicon as lex
from upwork_safety.checks._codes import Confidence, FindingCode
from upwork_safety.checks._sentences import MONEY, Hit, Message, Sentence, anchor, best_hit

if TYPE_CHECKING:
    from collections.abc import Iterator

_CODE = FindingCode.ACCOUNT_SHARING

# ------------------------------------------------------------------ whose account


def _owner(sentence: Sentence, account: re.Match[str]) -> str | None:
    """``"reader"``, ``"writer"`` or ``"third"``: whose *account* is; ``None`` if unsaid."""
    text = account.group()
    if w.OWNED_BY_THIRD.match(text):
        return "third"
    if w.OWNED_BY_WRITER.match(text):
        return "writer"
    if w.OWNED_BY_READER.match(text):
        before = sentence.text[max(0, account.start() - 20) : account.start()]
        if text.startswith("apn") and w.WRITER_SUBJECT.search(before):
            return "writer"  # "main apne account ki verification": the writer's own
        return "reader"
    return None


def _accounts(sentence: Sentence, *, hinted: bool) -> Iterator[re.Match[str]]:
    """The accounts *sentence* names; a bare account word too where Upwork is *hinted*."""
    named = sentence.all(w.ACCOUNT)
    yield from named
    if hinted or sentence.first(w.UPWORK_HINT):
        taken = [m.span() for m in (*named, *sentence.all(w.IDENTITY))]
        for word in sentence.all(w.ACCOUNT_WORD):
            if not any(start <= word.start() < end for start, end in taken):
                yield word


def _bank(sentence: Sentence, account: re.Match[str]) -> bool:
    """An account without "Upwork" beside money moved into it: a bank account."""
    if "upwork" in account.group():
        return False
    return sentence.near(w.BANKISH, account.start(), account.end(), reach=30) or bool(
        w.INTO_ACCOUNT.match(sentence.text, account.end())
    )


def _of_another_service(sentence: Sentence, account: re.Match[str]) -> bool:
    """An account named as another service's: "my profile on Behance" (not "on Upwork")."""
    return "upwork" not in account.group() and bool(
        w.ELSEWHERE.match(sentence.text, account.end())
        and not w.TIME_AFTER.match(sentence.text, account.end())
    )


def _a_link(sentence: Sentence, account: re.Match[str]) -> bool:
    """A profile named to be looked at: "your profile link", "share your Upwork portfolio"."""
    named = account.group()
    if named.endswith(("profile", "profiles")):
        return bool(w.PROFILE_LINK.match(sentence.text, account.end()))
    return named.endswith("upwork") and bool(w.PROFILE_SHOWS.match(sentence.text, account.end()))


# ------------------------------------------------------------------ what takes it away


def _settled(sentence: Sentence, start: int, end: int) -> bool:
    """Negated, past, a warning or a report, or a story with no request: none stands.

    A warning anywhere in the sentence ("beware, ...", "..., that sounds like a
    scam"), but not a prohibition with a request to the writer after it
    (:func:`._account_settled.warned`); a story ("got banned") or the past only in
    the match's own clause, and a story only where nothing is asked or offered: a
    scheme's own back-story ("my account got suspended, can I use yours?") takes
    nothing away (review r15).
    """
    asking = sentence.asks() or bool(sentence.first(w.WANTS))
    return (
        (sentence.negated(start, end) and not settled.forbidden_to_others(sentence, start))
        or settled.warned(sentence)
        or (not asking and bool(sentence.in_clause(settled.STORY, start)))
        or (bool(sentence.in_clause(lex.PAST, start)) and not sentence.all(lex.STILL_ASKING))
    )


def _reach(*matches: re.Match[str] | None) -> tuple[int, int]:
    """The span covering *matches* inside their sentence, as :func:`_settled` reads it.

    Not :meth:`Sentence.span`, which adds the sentence's place in the message: read
    against the sentence, that moved the clause looked at by the length of whatever came
    before, so "Thanks!" before a request changed what was found (review r33, scanner
    dev-r33).
    """
    spans = [m.span() for m in matches if m is not None]
    return min(a for a, _ in spans), max(b for _, b in spans)


def _hit(sentence: Sentence, *spans: re.Match[str] | tuple[int, int] | None) -> Hit:
    """HIGH for a request, an offer or a wish; MEDIUM for the idea alone."""
    sure = sentence.asks() or sentence.first(w.WANTS) or sentence.first(MONEY)
    return Hit(_CODE, *sentence.span(*spans), Confidence.HIGH if sure else Confidence.MEDIUM)


# ------------------------------------------------------------------ the rules


def _traded(sentence: Sentence, *, hinted: bool) -> Hit | None:
    """The account rented, bought, sold, lent, shared, or given to the writer."""
    if sentence.first(settled.PRODUCT_WORK) and not sentence.first(w.UPWORK_HINT):
        return None
    named = sentence.all(w.ACCOUNT)
    for account in _accounts(sentence, hinted=hinted):
        if _a_link(sentence, account) or _bank(sentence, account):
            continue
        if _of_another_service(sentence, account):
            continue
        trade = _trade_of(sentence, account, named=account in named)
        if trade is not None and not _settled(sentence, *_reach(account, trade)):
            return _hit(sentence, account, trade)
    wholes = (
        sentence.first(w.ACCOUNT_HANDED),
        sentence.first(w.ACCOUNT_WANTED),
        sentence.first(w.ACCOUNT_PRICED),
        sentence.first(w.BARE_ACCOUNT_SOLD),
    )
    for whole in wholes:
        if whole is not None and not _settled(sentence, *whole.span()):
            return _hit(sentence, whole)
    cut = sentence.first(w.ACCOUNT_FOR_A_CUT)
    if cut is not None and not _cut_settled(sentence, cut):
        return _hit(sentence, cut)
    return None


#: A condition that holds the negation, ended before what follows it: "agar aap ka account
#: nahi chal raha to ...", "if your profile isn't approved, ...".
_NEGATED_CONDITION = re.compile(
    r"\b(?:agar|if)\b[^,;.]*\b(?:nahi|not|na|isn'?t|doesn'?t|don'?t|can'?t|won'?t)\b[^,;.]*?"
    r"(?:\bto|\bthen|,) $"
)


def _cut_settled(sentence: Sentence, cut: re.Match[str]) -> bool:
    """Whether the account worked for a cut is settled, as :func:`_settled` has it.

    A negation inside a condition before it does not settle it: "agar aap ka
    account nahi chal raha to mera account use kar lein, 30% share" offers the
    account (review r29, scanner dev-r29).
    """
    if lex.NEGATION.search(cut.group()):
        return True  # "mera account use mat karna, 30% wala deal cancel"
    if not _settled(sentence, *cut.span()):
        return False
    lead = sentence.text[max(0, cut.start() - 80) : cut.start()]
    return not (
        _NEGATED_CONDITION.search(lead)
        and not settled.warned(sentence)
        and lex.NEGATION.search(sentence.text, cut.start()) is None
        and not sentence.in_clause(lex.PAST, cut.start())
    )


def _trade_of(sentence: Sentence, account: re.Match[str], *, named: bool) -> re.Match[str] | None:
    """The word that trades or hands over *account*, within 60 characters, or ``None``.

    Not the account named as the means ("buy the photos on your account"), nor a
    profile shared (its link); only an account *named* as one (not a bare "id")
    is handed over.  Handed over, the reader's (or another's) account goes to
    the writer or for a share ("apna account mujhe de do", "aap bas account de do, 30%
    aap ka"), the writer's to the reader ("main apna account aap ko de dunga").
    """
    low, high = account.start() - 60, account.end() + 60
    for trade in sentence.all(w.TRADED):
        if not low < trade.start() < high:
            continue
        if trade.start() < account.start() and w.MEANS.search(
            sentence.text, trade.end(), account.start()
        ):
            continue
        if trade.group() in {"share", "sharing"} and account.group().endswith("profile"):
            continue
        return trade
    given = next((g for g in sentence.all(w.GIVEN) if low < g.start() < high), None)
    if given is None or not named:
        return None  # a bare "id" handed over is anyone's ("give you my Skype ID")
    if _owner(sentence, account) == "writer":
        if account.group().endswith(" id") and not sentence.first(w.UPWORK_HINT):
            return None  # "I'll give you my ID so you can add me to Slack"
        return given if sentence.first(w.TO_READER) else None
    return given if sentence.first(w.WRITER_ACTS) or sentence.first(w.TRADED_FOR) else None


def _used(sentence: Sentence, *, hinted: bool) -> Hit | None:
    """The account used by someone other than its owner, or someone working as another."""
    found = sentence.first(si.AS_ANOTHER)
    if (
        found is not None
        and (hinted or sentence.first(w.UPWORK_HINT) or not si.NAMED_ONLY.search(found[0]))
        and not _settled(sentence, *found.span())
    ):
        return _hit(sentence, found)
    for account in sentence.all(w.ACCOUNT):
        if _a_link(sentence, account) or _bank(sentence, account):
            continue
        if _of_another_service(sentence, account):
            continue
        subject = _user(sentence, account)
        if subject is None:
            later = _used_later(sentence, account)
            if later is not None:
                return _hit(sentence, account, later)
            continue
        if (
            "upwork" not in account.group()
            and not sentence.first(w.UPWORK_HINT)
            and sentence.first(w.KEYS_OF_THE_WORK)
        ):
            continue  # "log in to my account on the hosting panel": the work's own account
        owner = _owner(sentence, account)
        # The one who uses it is not its owner: the writer on the reader's account ("let
        # me log in to your account"; not "log in to your account and accept the offer I
        # sent", which the reader does), the reader (or an order to the reader) on the
        # writer's ("you can work from my account", "mere account se bid karo"), anyone
        # on a third person's.
        # An order with no subject on the reader's account, for a share: "tumhare account
        # se kaam karna hai, 40% tumhara".
        shared = owner == "reader" and subject == "order" and sentence.first(w.TRADED_FOR)
        if (
            (owner == "reader" and subject == "writer")
            or shared
            or (owner == "writer" and subject != "writer")
            or owner == "third"
        ) and not _settled(sentence, account.start(), account.end()):
            return _hit(sentence, account)
    return None


def _used_later(sentence: Sentence, account: re.Match[str]) -> re.Match[str] | None:
    """The reader told to work on the writer's or another's Upwork *account* a clause later."""
    before = sentence.text[max(0, account.start() - 40) : account.start()]
    if (
        _owner(sentence, account) == "reader"
        or w.READER_HAS.search(before)
        or not (
            "upwork" in account.group()
            or sentence.first(w.UPWORK_HINT)
            or "upwork" in sentence.text
        )
    ):
        return None
    use = next((u for u in sentence.all(w.USED_ON_IT) if u.start() > account.end()), None)
    if use is None or w.FROM_THE_CLIENT.search(use.group()) or _settled(sentence, *use.span()):
        return None  # "you'll get the offer from it": the client's account, hiring
    return use


def _user(sentence: Sentence, account: re.Match[str]) -> str | None:
    """Who the sentence has using *account*, or ``None`` when no use of it is said.

    The ``"writer"``, the ``"reader"`` or, in an order with no subject,
    ``"order"``.  The subject is read just before the verb ("can I use your account", "you can work
    from my account") or, in Roman Urdu, between the account and its verb ("aap ka
    account main chalaunga"), or from the verb's own first-person ending.
    """
    before = sentence.text[max(0, account.start() - 40) : account.start()]
    verb = w.USED_BEFORE.search(before)
    if verb is not None:
        lead = before[max(0, verb.start() - 24) : verb.start()]
        lead = lead[max(lead.rfind(c) for c in ",;:") + 1 :]  # the verb's own clause
    else:
        after = w.USED_AFTER.match(sentence.text, account.end(), account.end() + 40)
        if after is None:
            return None
        # The verb's own ending too ("use kar loon"), not the next clause's subject.
        lead = sentence.text[account.end() : after.end() + 12]
        lead = lead[: min((lead.find(c) for c in ",.;?!" if c in lead), default=len(lead))]
        if not (w.WRITER_ACTS.search(lead) or w.READER_ACTS.search(lead)):
            # Roman Urdu's subject before the account: "kya main aap ke account se bid ..."
            lead = before[max(before.rfind(c) for c in ",;:") + 1 :]
    # The nearest subject to the verb: "I want you to log in" is the reader's doing.
    writer = max((m.start() for m in w.WRITER_ACTS.finditer(lead)), default=-1)
    # The reader paid is not the one who acts: "I can pay you $200 a month to use your
    # verified account" (scanner r43).
    reader = max(
        (m.start() for m in w.READER_ACTS.finditer(lead) if not w.PAYS.search(lead, 0, m.start())),
        default=-1,
    )
    if writer < 0 and reader < 0:
        return "order"
    return "writer" if writer > reader else "reader"


def _keys(sentence: Sentence, *, hinted: bool) -> Hit | None:
    """The account's password, login details or the code Upwork sends, asked for or offered."""
    account = sentence.first(w.ACCOUNT)
    hints = sentence.all(w.UPWORK_HINT)
    channels = [m.span() for m in sentence.all(w.UPWORK_CHANNEL)]
    # "Upwork" only as the channel the keys go through ("Upwork chat mein bhej diya hai"):
    # no Upwork account is named, here or (by this mention) in the message.
    hints = [h for h in hints if not any(a <= h.start() < b for a, b in channels)]
    if channels and not hints:
        hinted = False
    feature = (
        account is None
        and not hints
        and (
            sentence.first(w.LOGIN_FEATURE) is not None
            or (sentence.first(w.FACTOR_FEATURE) and not sentence.first(w.TOLD_TO_WRITER))
        )
        and sentence.first(w.GOT_CODE) is None
    )
    asks = sentence.all(w.HANDED)
    for key in sentence.all(w.KEYS):
        if account is None and _of_the_work(sentence, key):
            continue  # the keys of the work's own systems: "the staging server password"
        if account is None and not hints and _delivered_login(sentence, key):
            continue  # "share the login info with me when the site is done"
        if feature:
            continue  # a login by a code being built: "we need OTP based login in the app"
        placed = w.CODE_PLACED.fullmatch(key.group()) or w.LOGIN_CODE.fullmatch(key.group())
        if placed and (not sentence.first(w.TO_WRITER) or sentence.first(w.SOURCE_CODE)):
            # "aapke phone pe code aayega, app mein daal dena": nothing asked of it;
            # "code ki file aapke email pe bhej di hai": the work's code
            continue
        # The verb that asks, not one inside the key's own words ("code aapki email pe
        # bheja hai Upwork ne, please share karo" asks with "share karo").
        outside = [h for h in asks if not key.start() <= h.start() < key.end()]
        asked = [
            h
            for h in outside
            if not (
                w.HANDED_DONE.fullmatch(h.group()) or w.DONE_AFTER.match(sentence.text, h.end())
            )
        ]
        handed = _nearest(asked or outside or asks, key)
        if handed is None:
            continue
        upwork = hints or account or sentence.first(w.TRADED)
        around = sentence.text[max(0, key.start() - 25) : key.end()]
        owned = re.search(r"\b(?:" + w.READERS + "|" + w.WRITERS + r")\b", around)
        sent_code = (
            bool(w.SENT_CODE.search(key.group())) and not sentence.first(w.SOURCE_CODE)
        ) or "question" in key.group()
        if not (upwork or hinted or (owned and sentence.asks()) or sent_code):
            continue
        if not _settled(sentence, *key.span()):
            # The evidence is the asking phrase: the code and the verb that asks for it,
            # as in "send me the code you received", not the code's name alone (review
            # r25, open list).
            # A code placed first in its phone or e-mail ("aapke number pe jo code aya hai wo
            # bhej dein") shows from the code on, as the other code requests do.
            code_at = (
                w.CODE_IN_KEY.search(key.group()) if w.PLACE_FIRST.match(key.group()) else None
            )
            shown = (key.start() + code_at.start(), key.end()) if code_at else key
            return _hit(sentence, shown, _ask_phrase(sentence, handed))
    return None


def _of_the_work(sentence: Sentence, key: re.Match[str]) -> bool:
    """Whether a system of the work's is named within 15 characters of *key*.

    The reader's own inbox is none when the key is the code Upwork sends: "aapke Gmail
    mein verification code aaya hoga" (review r26, closing24).  Nor is any system when
    that code is to be told, sent or read out to the writer, unless the product is being
    built or tested: "aapke card wale number pe jo OTP aaya hai woh mujhe bata do" asks
    for the card's or the account's code, as "type the card security code in the
    checkout field" does not (review r28, review 7).
    """
    start, end = key.span()
    near = [
        m.span()
        for m in sentence.all(w.KEYS_OF_THE_WORK)
        if m.end() > start - 15 and m.start() < end + 15
    ]
    if near and w.SENT_CODE.search(key.group()):
        if (
            sentence.first(w.TOLD_TO_WRITER)
            and not sentence.first(w.PRODUCT_BUILT)
            and not sentence.first(w.SOURCE_CODE)
        ):
            return False
        inboxes = [m.span() for m in sentence.all(w.READER_INBOX)]
        near = [(a, b) for a, b in near if not any(c <= a and b <= d for c, d in inboxes)]
    return bool(near)


#: Login details by name, not a code or a password: those of what was built, when the
#: sentence names it anywhere.
_LOGIN_DETAILS = re.compile(
    r"(?:login|log ?in) (?:details|info|information|credentials)|credentials?"
)
#: The reader's (or Upwork's) own login, named just before it: "your login info".
_OWN_LOGIN = re.compile(r"\b(?:your|ur|apna|apni|aap ka|aap ki|aapki|aapka|upwork)(?: \w+)? $")


def _delivered_login(sentence: Sentence, key: re.Match[str]) -> bool:
    """Whether *key* is the login of the work delivered, named anywhere in the sentence.

    "Please share the login info with me when the site is done": the site's
    login, handed over with the work (review r29, scanner dev-r29); "your login
    info" and a code or password are not cleared here.
    """
    if not _LOGIN_DETAILS.fullmatch(key.group()):
        return False
    if _OWN_LOGIN.search(sentence.text, max(0, key.start() - 20), key.start()):
        return False
    return sentence.first(w.KEYS_OF_THE_WORK) is not None


def _nearest(found: list[re.Match[str]], key: re.Match[str]) -> re.Match[str] | None:
    """The match of *found* nearest to *key* (the earlier of two as near), or ``None``."""
    return min(
        found,
        key=lambda m: max(key.start() - m.end(), m.start() - key.end(), 0),
        default=None,
    )


def _ask_phrase(sentence: Sentence, handed: re.Match[str]) -> tuple[int, int]:
    """*handed* with what ends its ask: "bhej *dein*", "bata *do*", "forward *it to me*"."""
    ending = lex.ASK_ENDING.match(sentence.text, handed.end())
    return handed.start(), ending.end() if ending else handed.end()


def _identity(sentence: Sentence, *, hinted: bool) -> Hit | None:
    """Another person's identity document or face for an account's verification."""
    verify = sentence.first(w.VERIFY)
    if verify is None:
        return None
    document = sentence.first(w.IDENTITY)
    if sentence.first(w.KEYS_OF_THE_WORK) and not sentence.first(w.ACCOUNT):
        return None  # "a KYC flow: upload the ID card, then a selfie": a feature being built
    accounts = list(_accounts(sentence, hinted=hinted or document is not None))
    owners = {_owner(sentence, account) for account in accounts}
    if document is not None:
        before = sentence.text[max(0, document.start() - 16) : document.start()]
        if w.WRITERS_DOCUMENT.search(before):
            # The writer's own identity for the reader's account: "mera CNIC use kar lo
            # apna account verify karne ke liye".
            # ... or for a third person's: "mere card ki pic uske account pe laga do".
            lent = bool(owners & {"reader", "third"}) or bool(sentence.first(w.DONE_BY_WRITER))
        else:
            # The reader's (or anyone's) identity for the writer's account, a new one, or
            # for money: "verify my account with your CNIC", "need a face for our account".
            lent = bool(
                "writer" in owners
                or "third" in owners
                or sentence.first(w.FOR_ANOTHER)
                or (accounts and sentence.first(w.WRITER_ACTS) and "reader" not in owners)
            ) and bool(
                sentence.first(w.READER_ACTS)
                or sentence.asks()
                or any(
                    w.VERIFY_ASKED.match(sentence.text[a:b].lstrip()) for a, b in sentence.clauses
                )
                or sentence.first(w.WANTS)
                # Money for it, where an account is named: "... on my account, $40"
                or (accounts and sentence.first(MONEY))
            )
        if lent and not _settled(sentence, *_reach(document, verify)):
            return _hit(sentence, document, verify)
    for account in accounts:
        owner = _owner(sentence, account)
        done = (owner == "reader" and sentence.first(w.DONE_BY_WRITER)) or (
            owner == "writer" and sentence.first(w.DONE_BY_READER)
        )
        if done and not _settled(sentence, *_reach(account, verify)):
            return _hit(sentence, account, verify)
    return None


def _remote(sentence: Sentence, *, hinted: bool) -> Hit | None:
    """A remote-access tool on the freelancer's own computer, or into their account."""
    # The freelancer's computer is "your PC" in a client's message and "my PC" in their own.
    theirs, freelancers = (
        (w.READER_DEVICE, w.WRITER_DEVICE)
        if sentence.outgoing
        else (w.WRITER_DEVICE, w.READER_DEVICE)
    )
    if sentence.first(settled.PRODUCT_WORK) and not sentence.first(w.UPWORK_HINT):
        return None  # remote support as part of a product
    for tool in sentence.all(w.REMOTE):
        if sentence.first(theirs) and not sentence.first(w.ACCOUNT):
            continue  # the client's own machine, reached for the job
        # Outgoing, the freelancer offers their own computer, or the message is about Upwork.
        let_in = (
            bool(sentence.first(freelancers))
            or (
                hinted
                if sentence.outgoing
                else bool(
                    sentence.first(w.LET_IN)
                    # "Please install AnyDesk so I can show you the project": installed by
                    # the reader, so on the reader's computer (newcomer r35, 1).
                    or any(
                        w.INSTALL_ASKED.match(sentence.text[a:b].lstrip())
                        for a, b in sentence.clauses
                    )
                )
            )
        )
        if let_in and not _settled(sentence, *tool.span()):
            return _hit(sentence, tool)
    return None


def _card_for_pay(sentence: Sentence, *, hinted: bool) -> Hit | None:
    """The reader's identity card asked for by a client "for the payment" (newcomer r35, 3).

    Upwork pays through the freelancer's own verified account: a client never needs their
    CNIC or passport to pay them, and a card sent for it is an identity lent to a stranger.
    """
    del hinted
    if sentence.outgoing or sentence.first(cw.PLATFORM_ASKS):
        return None  # the freelancer's own, or Upwork's own identity check
    card = sentence.first(cw.ID_CARD)
    pay = sentence.first(cw.FOR_PAY)
    if card is None or pay is None or not (sentence.asks() or sentence.first(w.WANTS)):
        return None
    if w.WRITERS_DOCUMENT.search(sentence.text[max(0, card.start() - 16) : card.start()]):
        return None  # the writer's own card: "my CNIC is on the invoice for the payment"
    if _settled(sentence, *card.span()):
        return None
    return _hit(sentence, card, pay)


_RULES = (_traded, _used, _keys, _identity, _remote, _card_for_pay)

ACCOUNT_ANCHOR = anchor(
    (
        w.ACCOUNT,
        w.ACCOUNT_WORD,
        w.ACCOUNT_HANDED,
        w.ACCOUNT_WANTED,
        w.KEYS,
        w.REMOTE,
        w.IDENTITY,
        w.TRADED,
        si.AS_ANOTHER,
    ),
)


def account_sharing(message: Message) -> Hit | None:
    """ACCOUNT_SHARING in any sentence of *message* (either direction)."""
    hinted = message.has(_HINT_ANCHOR)
    found = best_hit(
        best_hit(rule(sentence, hinted=hinted) for rule in _RULES)
        for sentence in message.holding(ACCOUNT_ANCHOR)
    )
    return found or _asked_after(message)


_HINT_ANCHOR = anchor(
    (w.UPWORK_HINT,),
)


def _asked_after(message: Message) -> Hit | None:
    """A trade, or the code asked for, in the sentence after the one naming it.

    "Your Upwork ID is verified? Mujhe chahiye monthly rent pe": the account
    named, then traded; "OTP aaya hai? wo bata do please": the code Upwork
    sent named, then asked for.
    """
    earlier: Sentence | None = None
    for sentence in message.sentences:
        if earlier is not None:
            trade = sentence.first(w.STRONG_TRADE)
            if (
                trade is not None
                and earlier.first(w.ACCOUNT)
                and not sentence.first(w.ACCOUNT_WORD)
                and not _settled(sentence, *trade.span())
            ):
                return _hit(sentence, trade)
            key = earlier.first(w.KEYS)
            handed = sentence.first(w.HANDED)
            if (
                key is not None
                and handed is not None
                and not earlier.past()
                and not earlier.first(w.SOURCE_CODE)
                and not sentence.first(w.SOURCE_CODE)
                and w.SENT_CODE.search(key.group())
                and not earlier.first(w.HANDED)
                and not _settled(sentence, *handed.span())
            ):
                # The ask of its own sentence, from its clause's start: "wo mujhe bata dein".
                _, end = _ask_phrase(sentence, handed)
                return _hit(sentence, (sentence.clause(handed.start())[0], end))
        earlier = sentence
    return None


def account_warned(text: str, *, outgoing: bool) -> bool:
    """Whether every sentence of normalised *text* that names an account or its keys warns.

    "Be careful, they ask you to install AnyDesk and log in to your Upwork",
    "apna account rent pe de do, ye fraud hai na?": a warning or a report of the
    scheme, which the model, reading words and not what they are said for, may
    not flag either (review r15).
    """
    if settled.WARNING.search(text) is None:
        return False  # most messages warn of nothing and are not cut into sentences again
    return Message(text, outgoing=outgoing).all_warn((ACCOUNT_ANCHOR,), settled.warned)
