"""What a payment method names besides a way to be paid: a thing to buy, a checkout's wallet.

``OFF_PLATFORM_PAYMENT`` (:mod:`._off_platform`) reads a gift card or crypto the
reader is told to buy as a purchase (``UPFRONT_FEE``'s), a phone wallet with
no payee as the checkout's feature, a method named in a sentence about
withdrawing as where Upwork's money is withdrawn to, and a transfer to be
checked at the bank.  A fee sent with its bare sum ("registration fee 1500
Easypaisa kar dein") and a cheque whose balance is forwarded are the reader
paying (``UPFRONT_FEE``'s, :mod:`._upfront_fee` reads them from here too); a
bare "pay via crypto" after the writer's "I will buy your account" is the
writer paying.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from upwork_safety.checks import _lexicon as lex
from upwork_safety.checks._sentences import CLIENT_TO_YOU

if TYPE_CHECKING:
    from upwork_safety.checks._sentences import Sentence

#: The reader told to buy the method's thing: "please buy 2 Steam gift cards", "get three
#: Apple gift cards".  "Get" and "grab" count only with a quantity: "grab the payment by bank
#: transfer", "get your JazzCash ready" are ways to be paid.
_BUY_BEFORE = re.compile(
    r"\b(?:(?:buy|purchase|pick up|khareed\w{0,4}|le lo|le lein)\b(?: [\w$().,-]+){0,4}?|"
    r"(?:get|grab)(?: me| us)? (?:\d+|a|an|one|two|three|four|five|six|ten|some|a few|"
    r"several|\$\d+)\b(?: [\w$().,-]+){0,3}?) $"
)
#: What can be bought and handed over: a gift card, a voucher, crypto.
_BUYABLE = re.compile(
    r"gift|card|voucher|usdt|tether|crypto|bitcoin|btc|eth|coin|itunes|steam|google play|razer"
)
#: The writer as the buyer: "I'll buy a gift card and send it to you".
_WRITER_BUYS = re.compile(r"\b(?:i|we)(?:'ll| will| can| could| would|'d)? $")


def bought_by_reader(sentence: Sentence, match: re.Match[str]) -> bool:
    """Whether the method at *match* is a thing the reader is told to buy, not a way to be paid.

    Only a thing that can be bought counts (a gift card, crypto); a bank, JazzCash or
    PayPal is never bought.
    """
    if not _BUYABLE.search(match.group()):
        return False
    low, high = sentence.clause(match.start())
    buy = _BUY_BEFORE.search(sentence.text, low, match.start())
    if buy is None:
        return False
    if not _WRITER_BUYS.search(sentence.text, low, buy.start()):
        return True
    # "I'll buy the gift cards for the giveaway myself": bought, but not for the reader
    return not _FOR_READER.search(sentence.text, low, high)


#: The reader as the one the thing is for: "a gift card for you", "send you the code".
_FOR_READER = re.compile(r"\b(?:you|u|your|yours|aap|aapko|tumhe)\b")


#: Phone wallets, most often a checkout's feature: paying the reader through one needs the
#: reader (or Upwork) named.
WALLET = re.compile(r"alipay|zhifubao|we\s?chat pay|google pay|gpay|apple (?:cash|pay)|samsung pay")
#: The reader paid, or the writer paying: "pay you", "your GPay", "do you have Samsung
#: Pay?", "I'll send the balance", "can I send the money".
_WALLET_PAYEE = re.compile(
    r"\b(?:pay|send|transfer|give|bhej\w{0,4})\w{0,3} (?:you|u|aap ?ko|tumhe)\b|"
    r"\b(?:your|ur|aapka|aap ka|tumhara)\b|\b(?:do|are) (?:you|u) (?:have|use|on)\b|"
    r"\b(?:to|for) (?:you|u)\b|"
    r"\b(?:i|we|main|hum)(?:'ll| will| can| could| would|'d| shall)? (?:\w+ )?(?:pay|send|"
    r"transfer|settle|bhej)\w{0,4}\b|\b(?:can|could|shall|may) (?:i|we) (?:pay|send|transfer|"
    r"settle)\b|\bbhej dunga\b"
)


def wallet_to_reader(sentence: Sentence) -> bool:
    """A phone wallet with the reader as the payee, or with Upwork set aside."""
    if "upwork" in sentence.text or sentence.first(lex.OFF_PLATFORM):
        return True
    return sentence.first(_WALLET_PAYEE) is not None


#: A withdrawal or Upwork's own payout: the way the money reaches the reader after the fee,
#: also named as the earnings it moves ("I receive my Upwork earnings in Payoneer", review
#: r31, hostile).
WITHDRAWAL = re.compile(
    r"\b(?:withdraw\w{0,4}|withdrew|nikal\w{0,6}|payout method|get paid (?:by|through|from|via) "
    r"upwork|upwork (?:earnings|income)|(?:earnings|income) (?:from|on|of) upwork|"
    # Upwork's payout arrived: "the payout landed in my Payoneer" (review r32).
    r"payouts? (?:has |have |just )?(?:landed|arrived|came|reached|showed up|cleared|"
    r"went through))\b"
)
#: The writer paying the reader: "I'll send it to your JazzCash", "let me pay you", "main
#: bhej deta hoon" (with a withdrawal named, the reason to pay another way).
_WRITER_PAYS = re.compile(
    r"\b(?:pay|send|transfer|give|wire|bhej\w{0,4})\w{0,3} (?:you|u|aap ?ko|tumhe)\b|"
    r"\b(?:i|we|main|hum)(?:'ll| will| can| could| would|'d| shall)? (?:\w+ )?(?:pay|send|"
    r"transfer|settle|wire|bhej)\w{0,4}\b|\b(?:can|could|shall|may|let) (?:i|we|me|us) (?:pay|"
    r"send|transfer|settle|wire)\b|\b(?:bhej|kar|de) (?:dunga|deta|doon|denge|dete)\b"
)

#: Money asked to be sent into someone's own method: "send the bonus to my Payoneer".
_PAID_INTO = re.compile(
    # "pay", not Upwork's "payout landed in my Payoneer" (review r32).
    r"\b(?:send|pay(?!outs?\b)|transfer|wire|deposit)\w{0,3}(?: \w+){0,3}? "
    r"(?:to|into|in|on|via|through) (?:my|your|our|mere|meri|apne|apni)\b"
)


def withdrawal_destination(sentence: Sentence) -> bool:
    """Whether the sentence's methods are where the reader withdraws to, not ways to be paid.

    "Which do you use for withdrawing your Upwork earnings, Payoneer or a
    local bank?", "Aap Upwork se paise kis mein nikalte hain, JazzCash ya
    bank?", "I receive my Upwork earnings in Payoneer": a withdrawal is named,
    nobody offers to pay the reader or asks to be sent money into an account
    ("send the bonus to my Payoneer"), and nothing leaves Upwork or avoids its
    fee ("withdrawals are slow, so I'll send it to your JazzCash" is a payment).
    """
    return (
        sentence.first(WITHDRAWAL) is not None
        and sentence.first(_WRITER_PAYS) is None
        and sentence.first(_PAID_INTO) is None
        and sentence.first(lex.OFF_PLATFORM) is None
        and sentence.first(lex.FEE_AVOIDANCE) is None
        and sentence.first(lex.FEE_COMPLAINT) is None
    )


#: A transfer checked, not made: "verify the bank transfer", "transfer ki tasdeeq".
_CHECK = re.compile(r"\b(?:verify|verif\w{0,6}|confirm\w{0,3}|check\w{0,3}|tasdeeq|tasdiq)\b")
#: The bank's counter or the reader's papers: "at the branch", "with the teller", "your CNIC".
_AT_THE_BANK = re.compile(
    r"\b(?:branch|teller|cashier|bank (?:manager|officer|staff|helpline)|helpline|cnic|"
    r"national id|passport|(?:your|apne|apni|with) id)\b"
)


def checked_at_bank(sentence: Sentence) -> bool:
    """Whether the sentence has the reader check a transfer at their bank, not be paid by one.

    "Verify the bank transfer with your ID at the branch", "Bank transfer ki
    tasdeeq branch mein CNIC se karwa lein": a check and the bank's counter (or
    an ID) are named, and nobody offers to pay the reader or leave Upwork.
    """
    return (
        sentence.first(_CHECK) is not None
        and sentence.first(_AT_THE_BANK) is not None
        and sentence.first(_WRITER_PAYS) is None
        and sentence.first(lex.OFF_PLATFORM) is None
        and sentence.first(lex.FEE_AVOIDANCE) is None
    )


#: A fee with its bare sum, the currency left unsaid as Pakistani clients often leave it:
#: "registration fee 1500", "the membership fee is 1200", "verification charges 800 hain".
#: Not a share, a count or a size ("a fee of 10%", "1500 words").
_FEE_SUM = re.compile(
    r"\b(?:fees?|charges?|deposit)(?: (?:is|of|are|will be|hai|hain|hogi|hoga|ki|ka))?:? "
    r"(?:only |just |sirf |bas )?\d[\d,]{1,8}\b(?! ?(?:%|percent|words?|pages?|items?|units?|"
    r"orders?|users?|hours?|days?|minutes?|seconds?|x\b|px|mb|gb|kb))|"
    # Its purpose named instead, in Roman Urdu: "account activation ke liye 800".
    r"\b(?:registration|activation|joining|membership|admission|enrol{1,2}ment|verification|"
    r"training|onboarding|security)\s(?:ke|ki|ka|k)\s(?:liye\s)?\d[\d,]{1,8}\b"
)
#: The reader told to send it: "send it on JazzCash", "Easypaisa kar dein", "bhejo",
#: "jama karwa dein", "transfer kar do" (not "bhej dunga": the writer sending).
_SUM_SENT = re.compile(
    r"(?:^|[,;:.!?]\s*|\b(?:please|kindly|pls|just|and|then|so|now|today)\s)"
    r"(?:send|pay|transfer|wire|deposit)\b(?! (?:you|u|aap ?ko)\b)|"
    r"\b(?:(?:jama|ada|transfer|pay|send|jazz\s?cash|easy\s?paisa|sada\s?pay|naya\s?pay|raast)"
    r"(?: (?:pe|par|per|se|mein|me))? (?:kar|karwa|karva)(?: dein| do| den| dena| dijiye|o|ein)|"
    r"bhej(?:o|ein|en| dein| do| den| dena| dijiye))\b"
)


def fee_sum_sent(sentence: Sentence) -> bool:
    """Whether the reader is told to send a fee whose sum is given without a currency.

    "Registration fee 1500 Easypaisa kar dein", "The membership fee is 1200,
    send it on JazzCash": the freelancer pays (``UPFRONT_FEE``), so the method
    named is no payment to them (not ``OFF_PLATFORM_PAYMENT``).
    """
    return (
        not sentence.outgoing
        and sentence.first(_FEE_SUM) is not None
        and sentence.first(_SUM_SENT) is not None
    )


#: The writer buying the reader's own thing: "I will buy your top rated account", "want to
#: buy your profile", "will purchase your account", "aap ka account khareedna chahta hoon".
#: The writer pays then, so a bare "pay via crypto" after it is the writer's offer, not the
#: reader told to pay (not "buy your own laptop", which the reader pays for).
_WRITER_BUYS_YOURS = re.compile(
    r"\b(?:i|we|i'?d|we'?d|i'?ll|we'?ll|want to|wanna|would like to|like to|will|ready to|"
    r"going to|interested in)\b(?: \w+){0,2}? (?:buy|buying|purchase|purchasing)\b "
    r"(?:your|ur)\b(?! own\b)|"
    r"\b(?:aap ka|aap ki|aap ke|apka|apki|tumhara|tumhari)\b(?: \w+){0,4}? (?:khareed|kharid)"
    r"\w{0,5} (?:lunga|lenge|loonga|lun|loon|chahta|chahti|chahte)\b"
)


def writer_buys_yours(sentence: Sentence) -> bool:
    """Whether the writer offers to buy the reader's thing (their account, their profile)."""
    return sentence.first(_WRITER_BUYS_YOURS) is not None


#: What is left of the cheque, sent on: "wire the balance", "forward the rest", "forward the
#: remaining amount", "send what's left".
_CHEQUE_REST = (
    r"\b(?:wire|send|transfer|pay|forward|return)\w{0,3}(?: [\w']+){0,3}? (?:the )?(?:balance|rest|"
    r"difference|remaining|remainder|extra|leftover|what'?s left)\b"
)
#: The fake-cheque scheme: a cheque deposited or cashed and what is left of it sent on
#: ("deposit the cheque and forward the balance to our vendor", "once the check clears,
#: forward the rest", "cheque deposit kar ke baqi raqam vendor ko forward kar dein").
CHEQUE_FORWARDED = re.compile(
    r"\b(?:deposit|cash)\w{0,3} (?:the |it|this |that )?(?:check|cheque)?\b.{0,40}"
    + _CHEQUE_REST
    + r"|\b(?:check|cheque) (?:clears|has cleared|is cleared|clear hone)\b.{0,40}"
    + _CHEQUE_REST
    + r"|\b(?:check|cheque) (?:(?:[\w,]+ ){0,8}(?:jama|deposit) |(?:deposit|cash|jama) )"
    r"(?:kar|karwa|karva)\w{0,4}\b.{0,40}\b(?:baqi|"
    r"baki|bachi|bache|bacha|remaining|extra)\b.{0,30}\b(?:forward|bhej|transfer)\w{0,4}"
)


def cheque_forwarded(sentence: Sentence) -> bool:
    """Whether the reader is told to deposit a cheque and send what is left on, and nothing more.

    "Cash the cheque at your bank, then forward the balance to our supplier":
    the reader pays (``UPFRONT_FEE``).  A cheque sent to the reader besides
    ("we'll send you a cheque; deposit it and wire the balance") is also a
    payment to them outside Upwork, so it is not this.
    """
    return (
        not sentence.outgoing
        and sentence.first(CHEQUE_FORWARDED) is not None
        and sentence.first(CLIENT_TO_YOU) is None
    )
