"""Upfront fees: the freelancer is told to pay or buy something to get or start work."""

from __future__ import annotations

import re

from upwork_safety.checks._codes import Confidence, FindingCode
from upwork_safety.checks._off_platform import sent_back
from upwork_safety.checks._payment_kinds import CHEQUE_FORWARDED, fee_sum_sent
from upwork_safety.checks._sentences import (
    CLIENT_TO_YOU,
    MONEY,
    YOU_PAY,
    Hit,
    Message,
    Sentence,
    anchor,
    best_hit,
    read_rules,
)

_FEE_NAMED = re.compile(
    r"\b(?:registration|activation|onboarding|joining|membership|training|processing|"
    r"verification|application|enrol{1,2}ment|admission|security|refundable|clearance|"
    r"certification|certificate|background check|interview|test|exam|account|setup|set-up|"
    r"evaluation|assessment|screening|admin|administration|administrative|approval|"
    r"handling|shipping|release|unlock|upgrade|insurance|subscription|starter|kit|one-time|"
    r"one time|small|service|portal|access|slot|booking|id card)\s(?:fees?|charges?|deposit|"
    r"cost|amount|payment|money)\b|\bsecurity\s(?:deposit|amount|money|ke taur)\b|"
    # A guarantee lodged, in Roman Urdu: "guarantee ke taur pe 20 hazar jama" (review r33).
    r"\b(?:guarantee|gaurantee|guaranty)\s(?:ke|ki)\s(?:taur|tor)\b|"
    # An account or profile's activation "ke liye" a sum: "account activation ke liye 1000
    # rupay ka balance" (review r36, a development message the model alone found).
    r"\b(?:activation|verification|unlock)\s(?:ke|k)\sliye\s(?:(?:\$|rs\.?\s?|pkr\s?)\d[\d,.]{0,9}|"
    r"\d[\d,.]{0,9}\s?(?:rupay|rupaye|rupees?|rs|pkr|dollars?|usd|\$))|"
    # A security lodged, in Roman Urdu: "15000 security jama karwani hogi".
    r"\bsecurity\s(?:jama|ada|bhej)\w{0,6}|"
    # ... or its sum named before it is paid: "uski security 15000 pehle deni hogi" (review
    # r29, scanner dev-r29).
    r"\bsecurity\s(?:rs\.?\s?|pkr\s?|\$)?\d[\d,.]{0,9}\s?(?:rupay|rupaye|rupees?|rs|pkr)?\s?"
    r"(?:pehle|advance|jama|ada|bhej|deni|dena|dein|dijiye)\w{0,4}|"
    # A security in Roman Urdu's own word, with its sum or taken: "3000 rupay zamanat li jati
    # hai", "zamanat jama karwayen" (review r32, scanner dev-r32).
    r"\d[\d,.]{0,9}\s?(?:rupay|rupaye|rupees?|rs|pkr|dollars?|usd)?\s(?:ki\s|ka\s)?zaa?maa?nat\b|"
    r"\bzaa?maa?nat\s(?:ki\sraqam|ke\staur|jama|ada|bhej|deni|dena|dein|li\sja|leni|lete|lenge)\w{0,4}|"
    r"\b(?:fees?|charges?|deposit)\s(?:of\s)?(?:\$|rs\.?\s?|pkr\s?|usd\s?)?\d|"
    # A sum named by what it buys, with no "fee": "will collect the $40 registration" (review
    # r39, scanner dev-r39); not a page or form of that name ("a $40 registration page").
    r"(?:\$\s?\d[\d,.]{0,9}|\b\d[\d,.]{0,9}\s?(?:rupay|rupaye|rupees?|rs|pkr|dollars?|usd))\s"
    r"(?:registration|activation|joining|membership|enrol{1,2}ment|admission|onboarding)\b"
    r"(?!\s(?:form|forms|page|pages|flow|system|module|screen|feature|portal|app))|"
    r"\b(?:fees?|deposit) (?:jama|ada|bhej)\w{0,6}|\bas (?:a )?(?:security|deposit|guarantee)\b|"
    # A sum for it, in Roman Urdu: "registration ke 1500 rupay", "joining ki Rs 500".
    r"\b(?:registration|activation|joining|membership|admission|enrol{1,2}ment|verification|"
    r"training|security|account|kit|test)\s(?:ke|ki|ka|k)\s(?:(?:\$|rs\.?\s?|pkr\s?)\d[\d,.]{0,9}|"
    r"\d[\d,.]{0,9}\s?(?:rupay|rupaye|rupees?|rs|pkr|dollars?|usd|\$)|\d[\d,.]{0,9}\s(?:bhej|"
    r"jama|ada)\w{0,4})|"
    # The bare sum for it sent, the currency left unsaid: "activation ke liye 1500 Easypaisa
    # kar dein", "registration ke liye 800 bhej dein" (review r21 M3).
    r"\b(?:registration|activation|joining|membership|admission|enrol{1,2}ment|verification|"
    r"training|security|account|kit|test)\s(?:ke|ki|k)\sliye\s\d[\d,.]{0,9}\s(?:(?:jazz\s?cash|"
    r"easy\s?paisa|sada\s?pay|naya\s?pay)\s(?:(?:pe|par|se|mein)\s)?(?:bhej|jama|ada|transfer|"
    r"kar)|bhej|jama|ada|transfer)\w{0,4}"
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
    r"account|training|kaam|tasks?|job) (?:karne |kar ne |hone )?(?:ke liye|k liye)\b|"
    # The work given only after the money: "phir kaam milega", "uske baad tasks milenge",
    # "then we'll assign your first batch".
    r"\b(?:phir|then|uske baad|us ke baad|iske baad|after that)\b(?: \w+){0,3}? (?:kaam|tasks?|"
    r"orders?|projects?|jobs?|work|batch)\b(?: \w+){0,2}? (?:mil\w{0,4}|assign\w{0,4}|diya|"
    r"denge|dunga)\b"
)
_PURCHASE = re.compile(
    r"\b(?:buy|buys|buying|purchase|purchases|purchasing|order|subscribe|pay for|get|pick up|"
    r"khareed\w{0,5}|kharid\w{0,5}|lena|lene|le lein|le lo|le len|"
    # A paid course taken: "you must complete a paid certification course ($79)".
    r"(?:take|complete|attend|enrol{1,2}(?: in)?|sign up for|join)\w{0,3} (?:a |an |the |our |"
    r"this )?(?:[\w-]+ )?paid)\b"
)
_PURCHASE_OBJECT = re.compile(
    r"\b(?:kit|starter kit|toolkit|tool kit|licen[cs]es?|seats?|software|equipment|laptop|phone|"
    r"device|course|training|tools?|subscription|membership|package|plan|materials|"
    # Gift cards, also by their store alone: "3 iTunes cards", "Razer Gold cards".
    r"(?:gift|itunes|steam|razer(?: gold)?|google play|amazon|apple|xbox|psn|playstation|"
    r"ebay|sephora|vanilla|visa gift)\s?cards?|"
    r"macbook|computer|pc|monitor|ipad|tablet|galaxy tab|iphone|printer|microphone|webcam|"
    r"voucher|certificate|certifications?|exam|upgrade|premium|vpn|headset|camera|account|themes?|"
    r"plugins?|stock (?:photos?|images?|footage|music)|fonts?|hosting|domain|connects|"
    # Anything bought with the reader's own money: "purchase the product with your own card".
    r"(?:with|using|from|on) (?:your|ur) own (?:\w+ )?(?:card|money|funds|cash|pocket|account)|"
    r"out of (?:your )?(?:own )?pocket|apne paison? se|apni jeb se)\b"
)
_PURCHASE_WHY = re.compile(
    r"\b(?:reimburs\w{0,5}|refund\w{0,3}|pay (?:you )?back|paid back|wapas|returned|"
    r"(?:our|approved|partner|the) (?:vendor|supplier|partner|store|site|academy|website|"
    r"shop|link)|before (?:we|you|your|i)|to (?:start|begin|get|join|qualify|access|be hired|"
    r"unlock|work|receive|confirm)|mandatory|required|compulsory|zaroori|lazmi|must|need to|"
    r"have to|first|pehle|onboard\w{0,4}|send (?:us|me) the code|the code|"
    r"(?:send|share) (?:us |me )?the codes|(?:cost|price) is (?:refunded|returned|covered)|"
    # The purchase shown, then the work: "khareed ke receipt bhejo, phir offer bhejta hoon".
    r"receipt|proof of (?:purchase|payment)|(?:phir|then|uske baad|after that) (?:\w+ ){0,3}?"
    r"(?:offer|contract|kaam|tasks?|orders?|hire))\b"
)
_CRYPTO_SCAM = re.compile(
    r"\b(?:deposit|send|recharge|top up|transfer|invest)\w{0,3}\b.{0,60}\b(?:usdt|crypto|btc|"
    r"bitcoin|eth|trc20|tether)\b.{0,60}\b(?:unlock|activate|enable|tasks?|commission|"
    r"earnings|level|withdraw\w{0,4}|qualify|vip|wallet|account)\b|"
    r"\b(?:recharge|top up|unlock|activate) "
    r"your (?:task )?(?:account|earnings|wallet|level)\b|"
    # The reader's own account unlocked with crypto: "activate your account with a 25 USDT
    # deposit", "reactivate your worker profile with a 50 USDT top-up" (not "upgrade the
    # plugin for USDT support", "unlock premium features with USDT in our app").
    r"\b(?:re)?(?:activate|unlock|upgrade|enable)\w{0,3} (?:it|(?:your|ur|apna|apni) (?:\w+ )?"
    r"(?:account|profile|wallet|level|id|earnings|withdrawals?)\b)(?: [\w']+){0,2}? "
    r"(?:with|by|using|via) (?:a |an |just |only )?(?:\$?\d[\d,.]{0,9} ?)?(?:usdt|crypto|"
    r"btc|bitcoin|eth|trc20|tether)\b"
)
#: A level or account activated for a crypto sum: "VIP level activate karne ke liye 100 USDT
#: chahiye", "to unlock your VIP level you need 100 USDT" (review r37, scanner dev-r37); read
#: with the product's words apart ("users ka premium level unlock karne ke liye 20 USDT ka
#: plan banana hai checkout mein" is a feature).
_CRYPTO_UNLOCK = re.compile(
    r"(?:\b(?:vip|level|account|profile|id|wallet|tasks?|membership|earnings|withdrawals?)\b"
    r"(?: \w+){0,2}? (?:re)?(?:activate|unlock|upgrade|enable)\w{0,3} (?:karne |karwane |kar ne )?"
    r"(?:ke|k) liye|\bto (?:re)?(?:activate|unlock|upgrade|enable) (?:your|ur) (?:\w+ ){0,2}?"
    r"(?:vip|level|account|profile|wallet|tasks?|earnings|withdrawals?)\b[^.?!]{0,30}?) "
    r"(?:\$ ?)?\d[\d,.]{0,9} ?(?:usdt|crypto|btc|bitcoin|eth|trc20|tether)\b"
)
#: The reader's own wallet asked for, to be paid into: "your wallet", "send me your TRC20
#: wallet address" (review r30, scanner dev-r30).
_YOUR_WALLET = re.compile(
    r"\byour wallet\b|\byour (?:[\w-]+ ){1,2}wallet (?:address|id|details|number)\b|"
    r"\b(?:send|share|give)\w{0,3} (?:me|us) your\b"
)
_CLIENT_PAYS = re.compile(
    r"\b(?:we|i|the company|our company|the client|hum|main|mai|company)(?:'ll| will| would|"
    r" can| do| already)? (?:pay for|pay the|cover|take care of|handle|buy|purchase)\b|"
    r"\b(?:is|are) (?:covered|paid|included|on us|free)\b(?! by (?:you|u|the freelancer)\b)|"
    r"\bfree of (?:charge|cost)\b|"
    r"\bno (?:fee|fees|charge|charges|deposit|cost)\b|\bat no cost\b|\bon us\b|"
    # The writer's side pays, in Roman Urdu: "company degi", "hum khud bharenge".
    r"\b(?:company|hum|ham|main|mai)(?: khud)? (?:degi|dega|denge|dunga|bhar\w{1,5}|"
    r"ada kar\w{0,6})\b"
)
_FEE_PRODUCT = re.compile(
    r"\b(?:page|form|calculator|field|table|screen|module|feature|widget|section|schedule|"
    r"pricing|cart|checkout|store|shop|site|website|app|attendees|tenants|gym|customers|"
    r"users|students|conference|display|show|invoice|report|spreadsheet|"
    r"template|design|banner|option|options|button|buttons)\b"
)


#: The reader's own thing, bought by the writer: "buy your account", "aap ka account khareed".
_YOURS = re.compile(r"\b(?:your|ur|aap ka|aap ki|aap ke|tumhara|tumhari)\b")

_FOR_SOMETHING = re.compile(
    r"\b(?:for|as) (?:your|the|our|a|an|tax|security|insurance|registration|processing)\b|"
    r"\bse pehle\b|\bke liye\b|\bki (?:membership|fees?|registration)\b"
)


_FAKE_CHEQUE = re.compile(
    CHEQUE_FORWARDED.pattern
    + r"|\b(?:wire|send|transfer|pay)\w{0,3} (?:\w+ ){0,3}to (?:our|the|my) "
    r"(?:supplier|vendor|agent|partner)\b|"
    # A sum sent on to a named vendor: "transfer $2,400 to the shipping agent".
    r"\b(?:wire|send|transfer|pay)\w{0,3} (?:\$|rs\.? ?|pkr ?)\d[\d,.]*k? to (?:our|the|my) "
    r"(?:\w+ )?(?:supplier|vendor|agent|partner|seller)\b|"
    # The cheque of the sentence before cashed, then a partner paid: "Cash it and pay our
    # licensing partner the $900" (review r31, scanner dev-r31).
    r"\b(?:cash|deposit)\w{0,3} it\b.{0,20}\b(?:wire|send|transfer|pay|forward)\w{0,3} (?:to )?"
    r"(?:our|the|my) (?:\w+ )?(?:supplier|vendor|agent|partner|seller)\b|"
    # ... or once "it" (the cheque of the sentence before) clears, the rest sent on to someone
    # of theirs: "Once it clears please send the difference to our designer through Zelle"
    # (review r36, scanner dev-r36).
    r"\b(?:once|when|after|as soon as) it (?:clears|has cleared|is cleared),? (?:(?:please|kindly|"
    r"just|then) )?(?:wire|send|transfer|pay|forward)\w{0,3} (?:the )?(?:balance|rest|"
    r"difference|remaining|remainder|extra|leftover)\b(?: \w+){0,2}? to (?:our|the|my) \w+"
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
#: A priced course, test or kit the reader must take first: "our $35 skills certificate is
#: mandatory before we assign any orders" (not one the product's students take).
_ITEM_PRICED = re.compile(
    r"(?:\$|rs\.?\s?|pkr\s?)\d[\d,.]{0,9}\s(?:[\w-]+\s){0,2}(?:certificate|certification|course|"
    r"training|test|exam|kit|membership|registration|onboarding)\b|"
    # ... or its price after it in brackets: "finish our onboarding training ($40) first"
    # (review r34, an older development message only the model found).
    r"\b(?:certificate|certification|course|training|test|exam|kit|membership|registration|"
    r"onboarding) ?\( ?(?:\$|rs\.? ?|pkr ?)\d[\d,.]{0,9} ?\)"
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
        if CLIENT_TO_YOU.search(match.group()) or _YOUR_WALLET.search(match.group()):
            continue  # "send me your TRC20 wallet address": the writer pays into it
        if not sentence.negated(*match.span()):
            return Hit(code, *sentence.span(match), Confidence.HIGH)
    return _crypto_unlock(sentence)


def _crypto_unlock(sentence: Sentence) -> Hit | None:
    """A level or account activated for a crypto sum, not the product's feature."""
    for match in sentence.all(_CRYPTO_UNLOCK):
        if not (sentence.negated(*match.span()) or sentence.first(_FEE_PRODUCT)):
            return Hit(FindingCode.UPFRONT_FEE, *sentence.span(match), Confidence.HIGH)
    return None


def _fee_item_priced(sentence: Sentence) -> Hit | None:
    """A priced course, test or kit required of the reader ("our $35 certificate is mandatory")."""
    if sentence.first(_THIRD_PARTY) or not (
        sentence.first(_FEE_PURPOSE) or sentence.first(_FEE_REQUIRED)
    ):
        return None  # "the $99 course is required for all our students": the product's
    for match in sentence.all(_ITEM_PRICED):
        if not _fee_context_suppressed(sentence, match):
            return Hit(FindingCode.UPFRONT_FEE, *sentence.span(match), Confidence.HIGH)
    return None


#: How to pay a named fee, offered: "the registration fee details", "fee ka process bata dungi".
_FEE_HOW = re.compile(
    r" (?:(?:ka|ki|ke|payment) )?(?:details|process|procedure|instructions|steps|tareeqa|"
    r"tareeka)\b"
)


#: How to pay it, named before the fee: "instructions for the joining fee".
_FEE_HOW_BEFORE = re.compile(
    r"\b(?:details|process|procedure|instructions|steps) (?:for|of|on|about) (?:paying )?"
    r"(?:the |your )?$"
)


#: The fee's details written into a page or a brochure: "add the registration fee details to
#: our admissions page", "the admission fee ka process for the brochure text".
_FEE_PAGE = re.compile(
    r"\b(?:page|brochure|flyer|admissions|prospectus|website|site|text|copy|section|faq|"
    r"form|poster|leaflet|handbook)\b"
)


#: The way to pay it promised: "ka tareeqa kal bataunga", "the details I'll send".
_TOLD_HOW = re.compile(r"\b(?:bata|bhej|send|share)\w{0,6}\b")


#: The writer releasing the payment, a verb, not a "release payment" to pay: "I'll release
#: payment", "then we release payment" (that is payment after delivery, START_BEFORE_FUNDING's).
_RELEASED_BY_WRITER = re.compile(
    r"\b(?:i|we|i'?ll|we'?ll|will|would|shall|then (?:i|we)|(?:i|we) (?:can|will|would|shall))"
    r"(?: (?:then|just|only|also|immediately|happily))? $"
)


def _fee_named(sentence: Sentence) -> Hit | None:
    """A named fee or deposit ("registration fee", "security deposit") to pay."""
    for match in sentence.all(_FEE_NAMED):
        if _fee_context_suppressed(sentence, match):
            continue
        if match.group().startswith("release") and _RELEASED_BY_WRITER.search(
            sentence.text, max(0, match.start() - 30), match.start()
        ):
            continue  # "I'll release payment": the client pays the freelancer
        how = _FEE_HOW.match(sentence.text, match.end()) or _FEE_HOW_BEFORE.search(
            sentence.text, 0, match.start()
        )
        if (
            sentence.freelancer_pays()
            or sentence.first(MONEY)
            or sentence.first(_FEE_PURPOSE)
            or fee_sum_sent(sentence)  # "registration fee 1500 Easypaisa kar dein"
            or (
                how is not None
                and (sentence.asks() or _TOLD_HOW.search(sentence.text, how.end()))
                and not _FEE_PAGE.search(sentence.text)
            )
        ):
            return Hit(FindingCode.UPFRONT_FEE, *sentence.span(match), Confidence.HIGH)
    return None


#: The purchase to be shown to the writer: "khareed ke receipt bhejo", "send me the screenshot".
_PROOF_ASKED = re.compile(
    r"\b(?:receipt|proof of (?:purchase|payment)|screenshot)s? (?:\w+ )?(?:bhej|send|share|dikha)"
    r"\w{0,4}\b|\b(?:send|share|show)\w{0,3} (?:me |us )?(?:the |a )?(?:receipt|proof|screenshot)"
)


def _fee_purchase(sentence: Sentence, *, paid_back_after: bool = False) -> Hit | None:
    """A purchase the freelancer must make (a kit, a licence, equipment) "we reimburse".

    With *paid_back_after*, the next sentence gives its reason: "Buy a Canva Pro seat
    for yourself. We'll pay you back after the first milestone" (review r33).
    """
    purchase = sentence.first(_PURCHASE)
    things = sentence.all(_PURCHASE_OBJECT)
    if purchase is None or not things:
        return None
    if not (sentence.freelancer_pays() or sentence.all(YOU_PAY) or sentence.asks()):
        return None
    if not (paid_back_after or sentence.first(_PURCHASE_WHY) or sentence.first(MONEY)):
        return None
    # The first thing whose context keeps it: "certificate ke bagair kaam nahi milega, pehle
    # hamara course lena hoga" buys the course, not the negated certificate (review r33).
    thing = next(
        (
            t
            for t in things
            if not _fee_context_suppressed(sentence, t)
            or (sentence.upwork_feature(t.start()) and sentence.first(_PROOF_ASKED))
        ),
        None,
    )
    if thing is None:
        return None  # but Connects bought with the proof sent to the writer are a fee to them
    if _YOURS.search(sentence.text, purchase.end(), thing.start() + 1) and not (
        sentence.freelancer_pays() or sentence.all(YOU_PAY)
    ):
        return None  # "I want to buy your account": the client buys, you are not charged
    return Hit(FindingCode.UPFRONT_FEE, *sentence.span(purchase, thing), Confidence.HIGH)


def _fee_money(sentence: Sentence) -> Hit | None:
    """Money the freelancer is told to send, for something."""
    money = sentence.first(MONEY)
    if money is None or not sentence.freelancer_pays():
        return None
    if sent_back(sentence):
        return None  # "$30 wapas kar dein": money asked back, not a fee (no fee is named)
    if sentence.first(_OTHERS_PAY):
        return None  # "customers ko 500 rupay deposit karna parta hai": the product's
    if _fee_context_suppressed(sentence, money):
        return None
    if sentence.first(_FEE_PURPOSE) or sentence.first(_FEE_WORD) or sentence.first(_FOR_SOMETHING):
        return Hit(FindingCode.UPFRONT_FEE, *sentence.span(money), Confidence.HIGH)
    return None


_FEE_RULES = (_fee_scheme, _fee_item_priced, _fee_named, _fee_purchase, _fee_money)


def _fee_in(sentence: Sentence) -> Hit | None:
    """UPFRONT_FEE: the freelancer is told to pay or buy something to get or start work."""
    if sentence.past() or sentence.first(_CLIENT_PAYS) or sentence.first(_REPORT_IF_ASKED):
        return None
    return read_rules(sentence, _FEE_RULES)


#: A fee anyone might ask for, to be reported: "if anyone asks you for a registration fee,
#: report it", "koi agar fee maange to report kar dena" (review r34, scanner dev-r34).
_REPORT_IF_ASKED = re.compile(
    r"\b(?:if|agar)\b[^.?!]{0,60}?\b(?:asks?|asked|maang\w{0,3}|mange|demands?|requests?|"
    r"charges?)\b[^.?!]{0,50}?\b(?:report|block|ignore|flag)\w{0,3}\b(?! back)"
)


def _fee_context_suppressed(sentence: Sentence, match: re.Match[str]) -> bool:
    start, end = match.span()
    if sentence.negated(start, end) or sentence.upwork_feature(start):
        return True
    low, high = sentence.clause(start)
    # "from any store", "from our partner shop": where the reader buys it, not a product
    window = _BOUGHT_AT.sub(" ", sentence.text[max(low, start - 30) : min(high, end + 30)])
    if sentence.all(_CLICKED) and not (sentence.all(_BUILT) or sentence.all(_THIRD_PARTY)):
        return False  # "click the 'Pay activation fee' button to begin": the reader pays
    return bool(_FEE_PRODUCT.search(window)) and not sentence.freelancer_pays()


#: Where a thing is bought: "from any store", "at our partner shop".
_BOUGHT_AT = re.compile(
    r"\b(?:from|at|through|via) (?:any|a|the|your|nearest|local|our partner|our approved|"
    r"a partner) "
    r"(?:\w+ )?(?:store|shop|site|website)\b"
)
#: The reader told to use a fee's button or option: "click the 'Pay activation fee' button",
#: "choose the $50 security deposit option".
_CLICKED = re.compile(
    r"\b(?:click|tap|press|hit|choose|select|pick|tick)\w{0,3}\b(?: [\w'$]+){0,5}? "
    r"(?:button|option|link|box)\b"
)
#: The button or option built, styled or moved: "add a 'Pay registration fee' button".
_BUILT = re.compile(
    r"\b(?:add|design|hide|show|move|style|make|create|change|remove|rename|fix|update|"
    r"restyle|align|colou?r|build|implement|test|label|disable|enable|check|verify|"
    r"redirect|ensure|make sure|qa)\w{0,3}\b"
)
#: Someone else clicks it: "users choose the late fee option at checkout".
_THIRD_PARTY = re.compile(
    r"\b(?:users?|customers?|students?|members?|visitors?|buyers?|people|parents|tenants|"
    r"clients?|guests?|patients?|subscribers?|shoppers?)\b"
)


#: Others who pay, in Roman Urdu: "customers ko ... deposit karna parta hai" (review r35).
_OTHERS_PAY = re.compile(_THIRD_PARTY.pattern + r" (?:ko|se|ne)\b")


FEE_ANCHOR = anchor(
    (
        _FAKE_CHEQUE,
        _FEE_AMOUNT,
        _ITEM_PRICED,
        _FEE_NAMED,
        _PURCHASE,
        MONEY,
        _CRYPTO_SCAM,
        _CRYPTO_UNLOCK,
    ),
)


#: The cost said to come back to the reader: "We'll pay you back after the first milestone",
#: "we reimburse it", "it gets added to your first invoice".
_PAID_BACK = re.compile(
    r"\b(?:reimburs\w{0,5}|pay (?:you |u )?back|paid back|refund\w{0,3} (?:you|it|the cost)|"
    r"add\w{0,3} (?:it |that |this |the cost |the amount )?(?:to|on|in|into) your (?:first |next "
    r"|final |last )?(?:invoice|payment|milestone|bill)|"
    r"wapas (?:kar|de|mil)\w{0,5})\b"
)


def _purchase_paid_back_after(sentence: Sentence, following: Sentence | None) -> Hit | None:
    """A purchase asked for, its cost said to come back in the next sentence."""
    if following is None or following.past() or not following.first(_PAID_BACK):
        return None
    if sentence.past() or sentence.first(_CLIENT_PAYS):
        return None
    return _fee_purchase(sentence, paid_back_after=True)


def upfront_fee(message: Message) -> Hit | None:
    """UPFRONT_FEE in any sentence."""
    return best_hit(
        _fee_in(s) or _purchase_paid_back_after(s, message.following(s))
        for s in message.holding(FEE_ANCHOR)
    )


def fee_waived(text: str, *, outgoing: bool) -> bool:
    """Whether every sentence of normalised *text* that names a cost says the writer bears it.

    "There's no fee to apply", "we'll pay for your certification course": a
    cost is named, and waived or covered.  The rules find nothing there, and
    the model, which reads "fee" and not who pays it, may not add
    ``UPFRONT_FEE`` either.
    """
    if outgoing or _CLIENT_PAYS.search(text) is None:
        return False  # most messages waive nothing and are not cut into sentences again
    message = Message(text, outgoing=outgoing)
    costly = [
        s
        for s in message.sentences
        if s.first(_FEE_WORD) or s.first(MONEY) or s.first(_PURCHASE_OBJECT)
    ]
    return bool(costly) and all(s.first(_CLIENT_PAYS) for s in costly)
