"""What a payment method names besides a way to be paid: a thing to buy, a checkout's wallet.

``OFF_PLATFORM_PAYMENT`` (:mod:`._off_platform`) reads a gift card or crypto the
reader is told to buy as a purchase (``UPFRONT_FEE``'s), a phone wallet with
no payee as the checkout's feature, a method named in a sentence about
withdrawing as where Upwork's money is withdrawn to, and a transfer to be
checked at the bank.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from upwork_safety.checks import _lexicon as lex

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


#: A withdrawal or Upwork's own payout: the way the money reaches the reader after the fee.
WITHDRAWAL = re.compile(
    r"\b(?:withdraw\w{0,4}|withdrew|nikal\w{0,6}|payout method|get paid (?:by|through|from|via) "
    r"upwork)\b"
)
#: The writer paying the reader: "I'll send it to your JazzCash", "let me pay you", "main
#: bhej deta hoon" (with a withdrawal named, the reason to pay another way).
_WRITER_PAYS = re.compile(
    r"\b(?:pay|send|transfer|give|wire|bhej\w{0,4})\w{0,3} (?:you|u|aap ?ko|tumhe)\b|"
    r"\b(?:i|we|main|hum)(?:'ll| will| can| could| would|'d| shall)? (?:\w+ )?(?:pay|send|"
    r"transfer|settle|wire|bhej)\w{0,4}\b|\b(?:can|could|shall|may|let) (?:i|we|me|us) (?:pay|"
    r"send|transfer|settle|wire)\b|\b(?:bhej|kar|de) (?:dunga|deta|doon|denge|dete)\b"
)


def withdrawal_destination(sentence: Sentence) -> bool:
    """Whether the sentence's methods are where the reader withdraws to, not ways to be paid.

    "Which do you use for withdrawing your Upwork earnings, Payoneer or a
    local bank?", "Aap Upwork se paise kis mein nikalte hain, JazzCash ya
    bank?": a withdrawal is named, nobody offers to pay the reader, and
    nothing leaves Upwork or avoids its fee ("withdrawals are slow, so I'll
    send it to your JazzCash" is a payment).
    """
    return (
        sentence.first(WITHDRAWAL) is not None
        and sentence.first(_WRITER_PAYS) is None
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
