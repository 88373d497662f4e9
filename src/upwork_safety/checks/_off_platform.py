"""Off-platform payment: a payment method that leaves Upwork, asked for or offered.

``OFF_PLATFORM_PAYMENT``: bank or payment-account details asked for, a payment
method that leaves Upwork with paying in a request or offer, "directly" /
"outside Upwork", or avoiding Upwork's fee.  Talking outside Upwork is
``_off_contact``'s.
"""

from __future__ import annotations

import re

from upwork_safety.checks import _account_settled as account_settled
from upwork_safety.checks import _account_words as account_words
from upwork_safety.checks import _lexicon as lex
from upwork_safety.checks._codes import Confidence, FindingCode
from upwork_safety.checks._leaving import LEFT, work_taken_off
from upwork_safety.checks._off_contact import COMMUNICATE, MOVE_OFF, STRONG_PAY
from upwork_safety.checks._payment_kinds import (
    WALLET,
    WITHDRAWAL,
    bought_by_reader,
    checked_at_bank,
    cheque_forwarded,
    fee_sum_sent,
    wallet_to_reader,
    withdrawal_destination,
    writer_buys_yours,
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
_CHEQUE = re.compile(r"\b(?:cheque|check)\b")
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
#: Upwork se withdraw wahin hota hai", ``WITHDRAWAL``), or its currency asked about ("is your
#: bank account in PKR or USD?"): nothing to pay into is asked for.
_IN_CURRENCY = re.compile(r" (?:is )?in (?:pkr|usd|dollars?|rupees|euros?|gbp|local currency)\b")
_PAID_DIRECTLY = re.compile(
    r"\b(?:direct\w{0,2}|outside|instead|bahar|seedha|than through|send|share|give|provide|"
    r"bhej\w{0,4}|de do|de dein|bata\w{0,4})\b"
)


#: A sum right before the account and the reader's sending into it after: "10 USDT wallet
#: mein bhejna zaroori hai", a fee paid in (UPFRONT_FEE's), not a payment to the reader.
_SUM_BEFORE = re.compile(
    r"\b\d[\d,.]*\s?(?:k\s)?(?:(?:usdt|usd|dollars?|rupees?|rs|pkr|btc|eth|tether)\s)?$"
)
_SENT_INTO = re.compile(
    r"(?:\s(?:usdt|usd|btc|eth|tether))?\s(?:(?:mein|me|main|pe|par|into|to|in)\s)?"
    r"(?:bhej(?:na|ni|ne|ein|en|o| dein| do)\b|jama\b|deposit\b|send\b|transfer\b)"
)


def _sum_paid_in(sentence: Sentence, match: re.Match[str]) -> bool:
    """A sum the reader is told to send into the account at *match* (review r30, dev-r30)."""
    start, end = match.span()
    return (
        not sentence.outgoing
        and _SUM_BEFORE.search(sentence.text, max(0, start - 24), start) is not None
        and _SENT_INTO.match(sentence.text, end) is not None
    )


def _payment_account(sentence: Sentence) -> Hit | None:
    """Bank or payment-account details asked for (or, in your message, given)."""
    for match in sentence.all(lex.ACCOUNT_DETAILS):
        if sentence.suppressed(*match.span()) or _sum_paid_in(sentence, match):
            continue
        named = sentence.all(WITHDRAWAL) or _IN_CURRENCY.match(sentence.text, match.end())
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
    r"\bwapas (?:bhejein|bhejo|karein|karo|kijiye)\b|"
    # Wanted back, which asks for it: "I need the duplicate $150 back" (review r34).
    r"\b(?:need|want)\w{0,3} (?:the |my |our |that |this )?(?:\w+ )?(?:\$?\d[\d,]{0,9}|money|"
    r"amount|payment|difference|extra|excess|duplicate|overpayment) back\b"
)
#: Money wanted back: a request in itself, with no "please".
_WANTED_BACK = re.compile(r"(?:need|want)")
#: A fee named ("deposit" the noun, not "deposit it and return the difference").
_A_FEE = re.compile(
    r"\b(?:fees?|deposit(?! (?:it|the|this|that)\b)|charges?|registration|training|kit)\b"
)


def sent_back(sentence: Sentence) -> re.Match[str] | None:
    """Money asked back (with no fee named, which is UPFRONT_FEE's): "pay me back"."""
    back = sentence.first(_SEND_BACK)
    return back if back is not None and not sentence.first(_A_FEE) else None


#: A refund, or money given back, which goes to the client: "refund $100 via PayPal",
#: "send the refund to my Wise", "refund kar do JazzCash pe", "give back the $75 on my
#: PayPal", "return $60 to my Payoneer".  Read only beside a method that leaves Upwork
#: (:func:`_asked_back`).
_REFUND = re.compile(
    r"\brefund(?:ed|s|ing)?\b|\b(?:give|pay|send|transfer|wire) back\b|"
    r"\breturn\w{0,3} (?:me |us )?(?:the )?\$\d[\d,]*"
)


def _refund_asked(sentence: Sentence) -> re.Match[str] | None:
    """Money asked back as a refund (with no fee named): "please refund me through Easypaisa"."""
    back = sentence.first(_REFUND)
    return back if back is not None and not sentence.first(_A_FEE) else None


#: Upwork's own refund named: "Upwork refund mein 10 din lagte hain", "Upwork's refund".
_UPWORK_REFUND = re.compile(r"\bupwork(?:'s)? (?:(?:ka|ki|ke|wala|wali) )?refunds?\b")


def _asked_back(sentence: Sentence, match: re.Match[str], back: re.Match[str] | None) -> bool:
    """Money asked back through the method at *match*: "please return the extra via Payoneer".

    The request counts though the sentence tells why ("I paid twice"), and its
    verb ("refund") is not read as the product's refund feature.
    """
    return (
        back is not None
        and (sentence.asks() or _WANTED_BACK.match(back.group()) is not None)
        and not sentence.negated(*back.span())
        and not sentence.negated(*match.span())
        and not (
            sentence.product(*match.span(), besides=back.span())
            # "refund me through JazzCash, Upwork refund mein 10 din lagte hain": Upwork's
            # refund set aside as slow, not a refund feature (review r30, scanner dev-r30)
            and not sentence.first(_UPWORK_REFUND)
        )
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
#: The contract closed as the money goes by hand: "Upwork pe band kar dete hain contract"
#: (review r36, scanner dev-r36).
_CONTRACT_ENDED = re.compile(
    r"\b(?:band|khatam|close|end)\w{0,3} (?:\w+ ){0,3}?contract\b|"
    r"\bcontract (?:\w+ )?(?:band|khatam|closed?|ended)\b"
)


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
        and not sentence.first(_CONTRACT_ENDED)
        and not sentence.first(_NOT_THIS_WAY)
        and not sentence.first(lex.OFF_PLATFORM)
        and not sentence.first(lex.PLATFORM_FEE)
    )


def _account_deal_paid(sentence: Sentence) -> Hit | None:
    """An Upwork account traded and paid for off Upwork, whoever pays.

    "Your Upwork account for $250, pay via USDT", "selling my Top Rated profile,
    $900, BTC only" (the account itself is ``ACCOUNT_SHARING``'s).
    """
    deal = sentence.first(account_words.ACCOUNT_DEAL)
    if deal is None or sentence.negated(*deal.span()) or sentence.past():
        return None
    if _warned_of(sentence, deal.start()):
        return None
    for match in sentence.all(lex.METHOD):
        if not sentence.negated(*match.span()) and not _warned_of(sentence, match.start()):
            return Hit(FindingCode.OFF_PLATFORM_PAYMENT, *sentence.span(match), Confidence.HIGH)
    return None


def _warned_of(sentence: Sentence, at: int) -> bool:
    """Whether a warning stands in the clause at *at*: the deal or its payment warned of.

    "Beware, people selling Upwork accounts for $500 via Binance are scammers" warns of
    the deal; "Beware of fake clients. Selling my Upwork account, $500, Binance only" and
    "Scammers are everywhere, so: my Upwork account for $500, pay via USDT" warn of
    something else, and the deal stands (review r39, scanner r38 open list).
    """
    clause = sentence.clause(at)
    return any(sentence.clause(w.start()) == clause for w in sentence.all(account_settled.WARNING))


def _account_deal_paid_after(previous: Sentence | None, sentence: Sentence) -> Hit | None:
    """An Upwork account traded in *previous* and paid off Upwork in *sentence*, the next one.

    "Selling my Upwork account, 40 jobs done. $600, payment via Binance only" (review
    r30, scanner dev-r30).
    """
    if previous is None or sentence.past() or previous.past():
        return None
    deal = previous.first(account_words.ACCOUNT_DEAL)
    if deal is None or previous.negated(*deal.span()) or _account_deal_paid(previous):
        return None
    if _warned_of(previous, deal.start()):
        return None
    for match in sentence.all(lex.METHOD):
        if not sentence.negated(*match.span()) and not _warned_of(sentence, match.start()):
            return Hit(FindingCode.OFF_PLATFORM_PAYMENT, *sentence.span(match), Confidence.HIGH)
    return None


def _cheque_to_you(sentence: Sentence, match: re.Match[str]) -> bool:
    """A cheque (at *match*) sent to the reader, whatever they are told to do with it next.

    "We'll courier a cheque to your address; deposit it and forward the rest".
    """
    low, high = sentence.clause(match.start())
    return bool(_CHEQUE.search(match.group())) and bool(
        CLIENT_TO_YOU.search(sentence.text, low, high)
    )


#: The writer takes money that way: "I also accept Wise", "we can receive via Payoneer"
#: (review r31, scanner dev-r31).
_I_ACCEPT = re.compile(
    r"\b(?:i|we)(?: (?:also|can|could|do|happily|gladly|usually|mostly))* (?:accept|take|"
    r"receive)\b(?! (?:the |your |this |that )?(?:offer|contract|job|project|invite|terms))|"
    # In Roman Urdu, the verb last: "JazzCash pe bhi le leta hun" (review r37, scanner dev-r37).
    r"\b(?:le|accept kar|receive kar) (?:leta|leti|lete|lunga|lungi|loonga|loongi|lenge|"
    r"sakta|sakti|sakte)(?: (?:hun|hoon|hu|hain|hai))?\b"
)

#: Upwork's own money taken out: "I receive my Upwork earnings in Payoneer".
_UPWORK_EARNINGS = re.compile(r"\b(?:upwork|earnings|withdr[ae]w\w{0,4})\b")


def _payment_accepted(sentence: Sentence) -> Hit | None:
    """Your own offer to be paid with a method that leaves Upwork: "I also accept Wise"."""
    accepted = sentence.first(_I_ACCEPT) if sentence.outgoing else None
    if (
        accepted is None
        or sentence.negated(*accepted.span())
        or sentence.first(_UPWORK_EARNINGS)
        or withdrawal_destination(sentence)
    ):
        return None
    for match in sentence.all(lex.METHOD):
        if not sentence.suppressed(*match.span()):
            return Hit(
                FindingCode.OFF_PLATFORM_PAYMENT,
                *sentence.span(accepted, match),
                Confidence.HIGH,
            )
    return None


def _payment_method(sentence: Sentence) -> Hit | None:
    """A payment method that leaves Upwork, with paying in a request or offer."""
    code = FindingCode.OFF_PLATFORM_PAYMENT
    best: Hit | None = None
    back = sent_back(sentence)
    # "I will buy your account for $500, pay via crypto": the writer is the one who pays.
    writer_buys = writer_buys_yours(sentence)
    refund = back or _refund_asked(sentence)
    for match in sentence.all(lex.METHOD):
        if refund is not None and _asked_back(sentence, match, refund):
            return Hit(code, *sentence.span(match, refund), Confidence.HIGH)
        if sentence.suppressed(*match.span()) or _relative_excused(sentence, match):
            continue
        low, high = sentence.clause(match.start())
        if (
            sentence.freelancer_pays(match.start())
            and not back
            and not writer_buys
            and not _cheque_to_you(sentence, match)
        ) or (fee_sum_sent(sentence) or cheque_forwarded(sentence)):
            # "registration fee 1500 Easypaisa kar dein", "cash the cheque and forward the
            # balance": the reader pays (UPFRONT_FEE), nobody pays them
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
        if (
            sentence.freelancer_pays()
            and not back
            and not writer_buys
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


#: Extra work priced on its own, as a milestone or quote on Upwork: "quote the extra pages
#: separately", "another funded milestone" (review r34, scanner dev-r34).
_PRICED_ON_UPWORK = re.compile(
    r"\b(?:price|quote|estimate|charge|bill)\w{0,3} (?:\w+ ){0,5}?separately\b|"
    r"\b(?:another|a new|new|a separate|separate|second|next|its own) (?:funded )?"
    r"(?:milestone|contract|offer)\b|\bfunded milestone\b"
)


def _payment_elsewhere(sentence: Sentence) -> Hit | None:
    """Paying "directly", "outside Upwork", "between us"."""
    code = FindingCode.OFF_PLATFORM_PAYMENT
    pay = sentence.first(STRONG_PAY)
    if pay is None or _kept_on_platform(sentence) or sentence.freelancer_pays():
        return None
    best: Hit | None = None
    for match in sentence.all(lex.OFF_PLATFORM):
        if sentence.suppressed(*match.span()):
            continue
        if match.group() == "separately" and sentence.first(_PRICED_ON_UPWORK):
            continue  # "price the extra pages separately, another funded milestone is fine"
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
    if sentence.first(STRONG_PAY) or sentence.first(lex.OFF_PLATFORM) or sentence.first(lex.METHOD):
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
    if sentence.first(COMMUNICATE) or sentence.first(MOVE_OFF):
        return None
    return work_taken_off(sentence)


_PAYMENT_RULES = (
    _payment_account,
    _account_deal_paid,
    _payment_method,
    _payment_accepted,
    _payment_elsewhere,
    _payment_fee_reason,
    _payment_for_the_fee,
    _payment_after_upwork_first,
    _payment_work_off,
)


PAYMENT_ANCHOR = anchor(
    (lex.ACCOUNT_DETAILS, lex.METHOD, lex.OFF_PLATFORM, lex.PLATFORM_FEE, _OTHER_WAY_TO_PAY, LEFT),
)


#: The reader told to send "it" on, at the start of a sentence: "Send it via Binance".
_SEND_IT_ON = re.compile(
    r"^\W*(?:(?:please|kindly|just|so|then|and|now)\s){0,2}(?:send|pay|transfer|deposit)\w{0,3} "
    r"(?:it|this|that|the (?:fee|deposit|amount|charges?|security))\b"
)


def _fee_sent_on(previous: Sentence | None, sentence: Sentence) -> bool:
    """Whether *sentence* sends on the fee its previous sentence names (UPFRONT_FEE's).

    "A refundable $25 security deposit is needed. Send it via Binance": the reader
    pays, so nobody pays the reader off Upwork (review r33, scanner dev-r33).  A fee
    said of Upwork ("The fee on Upwork is 10%. Send it via Payoneer instead") is not
    the reader's to pay, and "instead" or "directly" moves the payment itself.
    """
    return (
        previous is not None
        and not sentence.outgoing
        and bool(_SEND_IT_ON.match(sentence.text))
        and bool(previous.first(_A_FEE))
        and "upwork" not in previous.text
        and not sentence.first(lex.OFF_PLATFORM)
    )


def payment(message: Message) -> Hit | None:
    """OFF_PLATFORM_PAYMENT: paying or being paid outside Upwork, asked for or offered."""
    return best_hit(
        best_hit(
            (
                None if _fee_sent_on(message.preceding(s), s) else read_rules(s, _PAYMENT_RULES),
                _payment_other_way(s, message.following(s)),
                _account_deal_paid_after(message.preceding(s), s),
            )
        )
        for s in message.holding(PAYMENT_ANCHOR)
    )


#: Paying routed through Upwork: "I'll pay you through Upwork", "payment will be made via Upwork".
_PAY_ON_UPWORK = re.compile(
    r"\b(?:pay|paid|paying|payments?|send|sent|release|transfer)\w{0,3}"
    r"(?: (?:you|u|me|us|it|them|everything|in full|the \w+)){0,2}"
    r"(?: (?:will|is|are|goes|go|be|been|made|done|sent|released)){0,3}(?: directly)? "
    r"(?:on|via|through|thru|over|using|within) (?:the |an |a )?upwork\b|"
    r"\b(?:payments?|paise) (?:\w+ )?upwork (?:pe|par|ke through|ke zariye)\b"
)
#: Another way or only part of the money: "rather than through Upwork", "half through Upwork".
_OTHER_WAY = re.compile(
    r"\b(?:instead|rather|than|except|besides|other|another|apart|half|part|rest|remaining|"
    r"way|faster|quicker|easier|cheaper|better|slow|slower)\b"
)


def _left_upwork(sentence: Sentence) -> bool:
    """Whether *sentence* names a way off Upwork outside its own "through Upwork".

    "I can pay you directly via an Upwork bonus": the "directly" is the bonus's
    (review r29, scanner dev-r29).
    """
    kept = [m.span() for m in sentence.all(_PAY_ON_UPWORK)]
    return any(
        not any(a <= m.start() < b for a, b in kept) for m in sentence.all(PAYMENT_ANCHOR.pattern)
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
    if any(_left_upwork(s) for s in message.holding(PAYMENT_ANCHOR)):
        return False
    paying = [s for s in message.sentences if s.first(lex.PAY)]
    return bool(paying) and all(
        (on := s.first(_PAY_ON_UPWORK)) is not None
        and not s.negated(*on.span())
        and not s.first(_OTHER_WAY)
        for s in paying
    )
