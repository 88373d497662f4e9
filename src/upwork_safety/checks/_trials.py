"""Free or unpaid trial work asked for before hiring (START_BEFORE_FUNDING's free-trial variant).

"Do a free sample logo first, if we like it we hire you": a trial, unpaid, asked for to
win the contract.  Samples of past work, extra work in a running job (SCOPE_CREEP's) and
a paid trial are not.  ``_funding`` reads these for the code;
``_scope`` reads them to leave a trial to that code.
"""

from __future__ import annotations

import re

from upwork_safety.checks._codes import Confidence, FindingCode
from upwork_safety.checks._reviews import rated
from upwork_safety.checks._sentences import FREE_TRIAL, Hit, Message, Sentence, anchor

#: Free work that is more of the same job (SCOPE_CREEP's), not a trial before hiring.
_EXTRA_FREE = re.compile(r"\b(?:extra|additional)\b")
FREE_WORK = re.compile(
    r"(?:\b(?:free|unpaid|uncompensated|no pay|without pay(?:ment)?|not paid|muft|zero[ -]dollars?|"
    r"0 dollars?)|\$0)\b(?: \w+){0,3}? "
    r"(?:sample|test|trial|task|assignment|assessment|exercise|challenge|demo|mockup|concepts?|"
    r"designs?|logo|articles?|page|work|chapter|project)\b|\b(?:sample|test|trial|task|"
    r"assignment|assessment|exercise|demo|"
    r"mockup|concepts?|designs?|logo|articles?|work|chapter)\b,?(?: \w+){0,3}? (?:for free|"
    r"for \$0|for (?:zero|0) dollars?|for nothing|free mein|free of (?:cost|charge)|muft mein|"
    r"bina paise|unpaid|not paid|without pay|not compensated|uncompensated)\b|"
    r"\b(?:it is|it's|this is) (?:not paid|unpaid)\b|\b(?:will not be|won't be) paid\b|"
    # The trial set apart from the job: "the trial is free, the project is paid".
    r"\b(?:trial|test|sample)(?: task)? (?:is|will be) free\b|"
    r"\b(?:paid nahi hoga|payment nahi (?:hogi|milegi)|paise nahi (?:milenge|denge))\b|"
    # The trial said to be free further on, in Roman Urdu: "sample article likh do 800 words
    # ka, free hoga" (review r31, scanner dev-r31).
    r"\b(?:sample|test|trial|task|assignment|demo|article)\b[^.?!]{0,40}?\bfree (?:hoga|hogi|"
    r"hoge|rahega|rahegi|hai|hota|hoti)\b|"
    # ... or said to bring no pay: "trial ka koi paisa nahi milta" (review r34, scanner dev-r34).
    r"\b(?:sample|test|trial|task|assignment|demo)\b (?:ka|ki|ke) (?:koi )?(?:payment|paise|"
    r"paisa)\w{0,2} (?:nahi|nahin|na)\b|"
    r"\bbina (?:paise|payment|pay)\b"
)
_UNPAID = re.compile(
    r"\b(?:unpaid|not paid|not compensated|uncompensated|without pay(?:ment)?|no pay|paid nahi|"
    r"payment nahi|paise nahi|"
    r"zero[ -]dollars?|0 dollars?|for nothing|is free|will be free)\b|\$0\b"
)
#: A product's own free trial: "a 14-day free trial before the paid plan starts".
_PRODUCT_TRIAL = re.compile(
    r"\b\d+[- ]days? (?:free )?trial\b(?! task)|\btrial (?:period|version|plan|users?)\b|"
    r"\b(?:saas|subscription|paid plan|pricing page|sign-?ups?)\b"
)
TRIAL = re.compile(
    r"\b(?:sample|test task|test assignment|trial task|trial|test project|test|"
    r"small task|demo|first screen|first (?:two|2|few|couple)|sample chapter|audition)\b"
)
_TRIAL_WHY = re.compile(
    r"\bbefore (?:i|we) (?:hire|make an offer|send (?:the |an |you )?(?:offer|contract))|"
    r"\bif (?:i|we) like\b|\bif (?:they're|it's|its|they are) good\b|"
    # Someone else's liking, then the money talked of: "if the boss likes it we'll talk
    # budget" (review r29, scanner dev-r29).
    r"\bif (?:the |my |our )?(?:boss|manager|client|team|owner|partner|ceo|founder)s? "
    r"(?:likes?|loves?|approves?)\b|\b(?:we'?ll|we will|then|phir) talk (?:budget|money|price|"
    r"pricing|rates?|payment)\b|"
    r"\bto (?:see|judge|check|evaluate|assess|prove|test)\b|\bpasand aay\w{0,2}\b|"
    r"\bacha lag\w{0,2}\b|\bthen (?:i|we)(?:'ll| will)? (?:hire|open|create|send)\b|"
    r"\byou(?:'ll| will)? get the (?:job|project|contract|whole)\b|\bhire kar\w{0,4}\b|"
    r"\bofficially\b|\bconsider it a test\b|"
    # The job promised as the prize: "the contract is yours", "project aap ka" (review r30).
    r"\b(?:contract|job|project|gig) (?:is|will be) yours\b|\b(?:contract|project|kaam) aap ka\b|"
    r"\bdekhte hain\b|\bphir (?:contract|hire|order)\b|"
    r"\b(?:open|create|send) (?:a |the )?contract for the rest\b|"
    r"\b(?:uske baad|us ke baad|then|phir|after that) (?:\w+ )?(?:contract|hire|offer|order|"
    r"milestone)\b|\bagar (?:select|pasand|acha|theek)\w{0,4}\b|"
    # The contest: "best writer gets the contract", "the winner wins the project" (a
    # candidate as the subject, not "Acme wins the contract" in a press release or "the
    # agency that wins the tender").
    r"\b(?:best|top|winner|whoever|the one|designer|writer|applicant|submission|entry|"
    r"candidate|freelancer|voice|artist|developer|dev)\b(?: (?:\w+ )?)?(?:gets|wins|lands|"
    r"will get|will win|will land) (?:the |a )?(?:contract|job|project|gig|offer|work)\b"
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


def free_work_asked(sentence: Sentence, match: re.Match[str]) -> bool:
    """Free or unpaid work asked for as a trial (not samples of past work, not extra work)."""
    if _EXTRA_FREE.search(sentence.text, max(0, match.start() - 24), match.end()):
        return False  # "the extra variations for free": more work (SCOPE_CREEP), not a trial
    if rated(sentence):
        return False  # "a free logo or I'll leave 1 star": a rating's price, in a contract
    if sentence.first(_PRODUCT_TRIAL):
        return False  # "our SaaS offers a 14-day free trial": the product's
    return not sentence.first(_PORTFOLIO) and (
        sentence.asks() or bool(_UNPAID.search(match.group()))
    )


_PAID_TRIAL_ANCHOR = anchor((_PAID_TRIAL,))
_TRIAL_WHY_ANCHOR = anchor(
    (_TRIAL_WHY,),
)


#: The trial handed over by the writer: "free task de raha hoon", "here's a free test task",
#: "I'm sending you an unpaid exercise" (review r30, scanner dev-r30).
_GIVEN = re.compile(
    r"\b(?:de (?:raha|rahi|rahe) (?:hoon|hun|hu|hain|hai)|de ?dunga|de ?dungi|bhej (?:raha|rahi) "
    r"(?:hoon|hun|hu)|here'?s|here is|(?:i'?m|i am|we'?re|we are) (?:giving|sending|sharing)|"
    r"(?:i|we)(?:'ll| will) (?:give|send|share))\b"
)

_OTHERS_GIVEN = re.compile(
    r"\b(?:customers?|clients?|users?|visitors?|students?|subscribers?|members?|buyers?|"
    r"shoppers?|patients?|readers?|followers?)\b"
)


def free_trial_given(message: Message, sentence: Sentence, match: re.Match[str]) -> bool:
    """Free work (at *match*) handed over as the way to be hired, said here or in the next sentence.

    "Free task de raha hoon ... Agar theek hua to long term contract milega".
    """
    if sentence.negated(*match.span()) or sentence.past() or not sentence.first(_GIVEN):
        return False
    if _EXTRA_FREE.search(sentence.text, max(0, match.start() - 24), match.end()):
        return False
    if rated(sentence) or sentence.first(_PRODUCT_TRIAL) or sentence.first(_PORTFOLIO):
        return False
    if sentence.first(_OTHERS_GIVEN):
        return False  # "we're giving our customers a free design review": the product's offer
    after = message.following(sentence)
    return bool(sentence.first(_TRIAL_WHY) or (after is not None and after.first(_TRIAL_WHY)))


def hiring_trial(message: Message, sentence: Sentence) -> re.Match[str] | None:
    """The trial *sentence* names as the way to be hired, unless it is paid or past work.

    Whether the sentence asks for it is the caller's to judge (its own list of work verbs).
    """
    trial = sentence.first(TRIAL)
    if trial is None or sentence.first(_PORTFOLIO) or message.has(_PAID_TRIAL_ANCHOR):
        return None
    return trial if sentence.first(_TRIAL_WHY) or message.has(_TRIAL_WHY_ANCHOR) else None


#: The work named before said to bring no pay: "No pay for these", "it's unpaid", "they
#: won't be paid" (review r35, scanner dev-r35).
_UNPAID_OF_IT = re.compile(
    r"\b(?:no pay(?:ment)?|not paid|unpaid|no money|koi (?:paisa|payment) nahi)\b for (?:these|"
    r"this|it|them|that|those|the (?:samples?|tests?|tasks?|trials?))\b|"
    r"\b(?:these|this|it|they|that|those)(?:'s|'re| is| are| will be|'ll be) (?:unpaid|not "
    r"paid)\b(?! attention)|\b(?:these|this|it|they|that|those) (?:won'?t|will not) be paid\b|"
    # Said not to be paid by its own name: "samples aren't compensated" (review r37,
    # scanner dev-r37).
    r"\b(?:these|they|those|it|this|(?:the )?(?:samples?|tests?|trials?|auditions?|test tasks?))"
    r" (?:aren'?t|are not|isn'?t|is not|won'?t be|will not be|are never|is never) "
    r"(?:paid|compensated)\b(?! yet)|"
    # A bare "unpaid" standing as its own phrase: "a small test task first, unpaid, just 2
    # hours?" (newcomer r37, 1).
    r"(?<=[,;:(-] )(?:unpaid|free|not paid|free of charge)(?= ?(?:[,;.?!)]|$))"
)


#: What a bare "unpaid" may stand for instead of the work: "the invoice for the test, unpaid".
_BILLED = re.compile(r"\b(?:invoices?|bills?|receipts?|leave|intern(?:ship)?s?)\b")


def _trial_before(message: Message, sentence: Sentence, end: int) -> bool:
    """*sentence* names a trial before *end*, and nothing says it is paid or the product's."""
    return (
        TRIAL.search(sentence.text, 0, end) is not None
        and not message.has(_PAID_TRIAL_ANCHOR)
        and not sentence.first(_PAID_BEFORE)
        and not sentence.first(_PRODUCT_TRIAL)
        and not sentence.first(_OTHERS_GIVEN)
        and not sentence.first(_BILLED)
    )


#: The trial said to be paid: "the test task is paid at $20".
_PAID_BEFORE = re.compile(r"\b(?:is|are|will be|gets?) paid\b|" + _PAID_TRIAL.pattern)
_UNPAID_ANCHOR = anchor((_UNPAID_OF_IT,))


def unpaid_after_trial(message: Message) -> Hit | None:
    """A sentence saying the trial named in the sentence before brings no pay.

    "I need to see 2 sample listings first. No pay for these, it's part of our screening."
    """
    for sentence in message.holding(_UNPAID_ANCHOR):
        unpaid = sentence.first(_UNPAID_OF_IT)
        before = message.preceding(sentence)
        if unpaid is not None and _trial_before(message, sentence, unpaid.start()):
            # The trial named earlier in the same sentence: "do a 2 hour test first, it is
            # unpaid" (newcomer r37, 1).
            before = Sentence(
                sentence.text[: unpaid.start()], sentence.offset, outgoing=sentence.outgoing
            )
        if (
            unpaid is None
            or sentence.past()
            or before is None
            or before.first(_PORTFOLIO)
            or before.first(TRIAL) is None
            or before.first(_PAID_BEFORE)
            or sentence.first(_EXTRA_FREE)  # "no pay for the extra revisions": SCOPE_CREEP's
        ):
            continue
        code = FindingCode.START_BEFORE_FUNDING
        return Hit(code, *sentence.span(unpaid), Confidence.HIGH, FREE_TRIAL)
    return None
