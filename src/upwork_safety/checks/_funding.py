"""Starting before funding: work asked for while the funding, contract or offer is put off.

Also free or unpaid trial work before hiring (its phrases are in ``_trials``), work
without escrow, and payment only after delivery.  The request and the delay may sit
in different sentences, so this code reads the whole message.
"""

from __future__ import annotations

import re

from upwork_safety.checks import _lexicon as lex
from upwork_safety.checks._codes import Confidence, FindingCode
from upwork_safety.checks._funding_words import (
    ABILITY_QUESTION,
    CLOSED_AFTER,
    CLOSED_BEFORE,
    DELIVERED_BY_YOU,
    DIRECTED_AFTER,
    DIRECTED_BEFORE,
    FEEDBACK_BEFORE,
    FUND,
    FUND_AFTER_WORK,
    FUNDED_ALREADY,
    HOURLY,
    LATER,
    NEXT_MILESTONE,
    NO_ESCROW,
    NO_WAIT,
    PAPER_OBJECT,
    PAPERWORK,
    RELEASE,
    START,
    START_AFTER_FUNDING,
    SUBMIT_MILESTONE,
    THIS_CONTRACT_DONE,
    THIS_ONE_FIRST,
    URDU_COMMAND_END,
    WORK_ASK,
    WORK_FIRST,
    WORK_THEN_FUND,
    YOU_BEFORE,
)
from upwork_safety.checks._given_back import escrow_given_back
from upwork_safety.checks._handover import OFF_SUBMIT, submission_skipped
from upwork_safety.checks._pay_after import LAUNCHED as _LAUNCHED
from upwork_safety.checks._pay_after import PAY_AFTER as _PAY_AFTER
from upwork_safety.checks._pay_after import PAY_FEATURE as _PAY_FEATURE
from upwork_safety.checks._sentences import (
    FREE_TRIAL,
    Hit,
    Message,
    Sentence,
    anchor,
)
from upwork_safety.checks._trials import (
    FREE_WORK,
    TRIAL,
    free_trial_given,
    free_work_asked,
    hiring_trial,
    unpaid_after_trial,
)


def _directed(sentence: Sentence, match: re.Match[str]) -> bool:
    """Whether the verb at *match* is asked of the reader (a command or a request)."""
    low, _ = sentence.clause(match.start())
    before = sentence.text[low : match.start()]
    if ABILITY_QUESTION.match(before.lstrip()) or ABILITY_QUESTION.match(
        sentence.text, match.start()
    ):
        return False  # "do you also make stickers?": what you do, not a request
    if not before.strip(" ,") or DIRECTED_BEFORE.search(before):
        return True
    if lex.IMPERATIVE_START.match(before.lstrip()) or URDU_COMMAND_END.search(match.group()):
        return True
    return bool(DIRECTED_AFTER.match(sentence.text, match.end() + 1))


def _wants_start(sentence: Sentence) -> re.Match[str] | None:
    if sentence.first(START_AFTER_FUNDING):
        return None
    for match in sentence.all(START):
        if PAPER_OBJECT.match(sentence.text, match.end()):
            continue  # "start the proposal": paperwork, not the work
        if not sentence.negated(*match.span()) and _directed(sentence, match):
            return match
    return None


def _wants_work(sentence: Sentence) -> re.Match[str] | None:
    if sentence.first(START_AFTER_FUNDING):
        return None
    for match in sentence.all(WORK_ASK):
        if PAPER_OBJECT.match(sentence.text, match.end()):
            continue  # "draft the milestone description": paperwork, not the work
        if not sentence.negated(*match.span()) and _directed(sentence, match):
            return match
    return None


def _deferred(sentence: Sentence) -> re.Match[str] | tuple[int, int] | None:
    """Funding, the contract or the offer put off until later (the words that put it off)."""
    if sentence.first(FUNDED_ALREADY) or sentence.first(START_AFTER_FUNDING):
        return None
    if (
        sentence.first(SUBMIT_MILESTONE)
        or sentence.first(RELEASE)
        or (sentence.first(NEXT_MILESTONE) and sentence.first(THIS_ONE_FIRST))
    ):
        # "finish it, then submit the milestone": this one is funded; "I'll fund the next
        # milestone after you submit this one": the normal order
        return None
    ordered = sentence.first(WORK_THEN_FUND)
    if ordered is not None and not (
        PAPERWORK.search(ordered.group("work")) or sentence.first(NEXT_MILESTONE)
    ):
        return ordered  # not "finish it, then I'll fund the next one"
    if ordered is not None:
        return None  # the work-then-fund order was explained away; no second reading
    for fund in sentence.all(FUND):
        if _REPAID.match(sentence.text, fund.end()):
            continue  # "we'll pay you back": a reimbursement, not the funding
        if sentence.near(LATER, *fund.span(), reach=60):
            # The evidence runs on to the delay when it follows: "fund it tomorrow", "paise baad".
            after = [m for m in sentence.all(LATER) if fund.end() <= m.start() < fund.end() + 30]
            return (fund.start(), after[0].end()) if after else fund
    return None


_REPAID = re.compile(r" (?:you |u )?back\b")


def _paid_elsewhere(sentence: Sentence) -> tuple[int, int] | None:
    """The funding replaced by a payment off Upwork, offered: "paise Easypaisa kar dunga"."""
    if not sentence.asks() or sentence.first(FUNDED_ALREADY):
        return None
    for fund in sentence.all(FUND):
        method = _ELSEWHERE_METHOD.match(sentence.text, fund.end())
        if method is not None and not sentence.suppressed(*method.span()):
            return (fund.start(), method.end())
        # The method first: "har hafte JazzCash pe raqam bhejta rahunga" (review r34).
        before = _METHOD_BEFORE.search(sentence.text, max(0, fund.start() - 40), fund.start())
        if before is not None and not sentence.suppressed(*before.span()):
            return (before.start(), fund.end())
    return None


#: ... or just before it, in Roman Urdu: "JazzCash pe raqam".
_METHOD_BEFORE = re.compile(lex.METHOD.pattern + r" (?:pe|par|per|mein|me|se) $")
#: A method named right after the paying: "pay you via PayPal", "paise Easypaisa pe".
_ELSEWHERE_METHOD = re.compile(
    r"(?: (?:you|u|me|it|the rest|aap ko|aapko))?(?: (?:via|on|through|by|with|in|over))? "
    + lex.METHOD.pattern
)


def _unconditional(
    sentence: Sentence,
    match: re.Match[str],
    pattern: re.Pattern[str],
    after: Sentence | None = None,
) -> bool:
    """A no-escrow, free-work or pay-after-delivery match that really asks for it.

    *after* is the next sentence, read for where a skipped submission goes.
    """
    if sentence.negated(*match.span()) or sentence.past():
        return False
    if pattern is FUND_AFTER_WORK:
        done = match.group("done") or ""  # what is finished, in "once you finish, I'll fund"
        window = (sentence.text, max(0, match.start() - 16), match.start())
        # "could you review the scope before I fund it": you review, you do not work;
        # "I'll end the contract once it's approved": the end, not the funding
        if (
            DELIVERED_BY_YOU.search(*window)
            or YOU_BEFORE.search(*window)
            or CLOSED_BEFORE.search(*window)
            or CLOSED_AFTER.match(match.group())
            or FEEDBACK_BEFORE.search(sentence.text, max(0, match.start() - 40), match.start())
            or THIS_CONTRACT_DONE.search(sentence.text, match.start())
        ):
            return False
        return not (
            PAPERWORK.search(done)  # "once you complete the onboarding, I'll send the offer"
            or sentence.first(NEXT_MILESTONE)
            or sentence.first(FUNDED_ALREADY)
            or sentence.first(RELEASE)
        )
    if pattern is _PAY_AFTER:
        return _paid_after_asked(sentence, match)
    if pattern is FREE_WORK:
        return free_work_asked(sentence, match)
    return (
        submission_skipped(sentence, match, after)
        if pattern is OFF_SUBMIT
        else _escrow_refused(sentence, match)
    )


def _paid_after_asked(sentence: Sentence, match: re.Match[str]) -> bool:
    """Pay only after the work (a :data:`_PAY_AFTER` match) that is no release or product.

    A release on approval is Upwork's, and "cash on delivery" may be the product's; the
    money only once the work is live is neither: "we release payment once the app is live
    on the Play Store" (review r31, scanner dev-r31).
    """
    if match.group().startswith("jaise hi"):
        # The money the reader gets "as soon as" it is live, said so: "jaise hi live hui
        # poori payment mil jayegi" (review r36, scanner dev-r36).
        return not (sentence.first(FUNDED_ALREADY) or sentence.first(lex.ON_PLATFORM))
    launched = _LAUNCHED.search(match.group()) is not None
    before = sentence.text[max(0, match.start() - 30) : match.start()]
    return not (
        _PAY_FEATURE.match(match.group())  # "test the payment flow when the app is live"
        or (lex.PRODUCT.search(before) if launched else sentence.product(*match.span()))
        or (not launched and sentence.first(RELEASE))
        or sentence.first(FUNDED_ALREADY)
        or sentence.upwork_feature(match.start())
        or sentence.first(lex.ON_PLATFORM)
    )


def _escrow_refused(sentence: Sentence, match: re.Match[str]) -> bool:
    """Work without escrow asked for, not an hourly contract, which has no milestones.

    "It's hourly, we don't use milestones" is no risk; "we don't use milestones,
    you do the work and we pay" is.
    """
    if _AHEAD.search(match.group()) and sentence.first(_FUNDED_BEFORE_START):
        return False  # "we don't fund in advance; each one is funded before you start it"
    return "contract" in match.group() or not sentence.first(HOURLY)


_AHEAD = re.compile(r"\b(?:in advance|upfront|up front|beforehand|ahead of time)\b")
#: Each milestone funded before its work starts: the normal order, not a refusal.
_FUNDED_BEFORE_START = re.compile(
    r"\bfunded (?:\w+ ){0,2}?before (?:you|u|the work|work|it) (?:start|begin)|"
    r"\bbefore (?:you|u) (?:start|begin) (?:it|each|work|working)\b"
)


_START_ANCHOR = anchor(
    (NO_ESCROW, OFF_SUBMIT, FREE_WORK, _PAY_AFTER, FUND_AFTER_WORK, TRIAL),
)
_ASK_ANCHOR = anchor(
    (START, WORK_ASK),
)
_DEFER_ANCHOR = anchor(
    (FUND, WORK_THEN_FUND),
)
_WORK_FIRST_ANCHOR = anchor((WORK_FIRST,))
_FUND_WORD_ANCHOR = anchor((FUND,))  # fmt: skip
_PAYMENT_ANCHOR = anchor(
    (lex.METHOD,),
)
_FUNDED_ANCHOR = anchor((FUNDED_ALREADY,))
_NO_WAIT_ANCHOR = anchor((NO_WAIT,))
#: After "don't wait for the escrow", the work wanted by a time: "aaj raat tak pehla module
#: chahiye", "I need the first module by tonight".
_WORK_WANTED = re.compile(
    r"\b(?:chahiye|chahie|chaiye)\b|\b(?:i|we) (?:need|want) (?:it|this|them|the|a|an|your)\b"
)


def _not_waited_for(message: Message) -> Hit | None:
    """The reader told not to wait for the funding, and to start or work now."""
    if message.has(_FUNDED_ANCHOR):
        return None  # "don't wait for the milestone, it's funded already"
    for sentence in message.holding(_NO_WAIT_ANCHOR):
        match = sentence.first(NO_WAIT)
        if match is None or sentence.past():
            continue
        # The rest of the sentence read without the "don't wait": its own "wait" is not a
        # start put off until the funding.
        start, end = match.span()
        rest = Sentence(
            sentence.text[:start] + " " * (end - start) + sentence.text[end:],
            sentence.offset,
            outgoing=sentence.outgoing,
        )
        for asked in (rest, message.following(sentence)):
            if asked is not None and (
                _wants_start(asked) or _wants_work(asked) or asked.first(_WORK_WANTED)
            ):
                return Hit(FindingCode.START_BEFORE_FUNDING, *sentence.span(match), Confidence.HIGH)
    return None


def _start_stated(message: Message) -> Hit | None:
    """Work without escrow, free or unpaid work, payment only after delivery, a trial to hire."""
    code = FindingCode.START_BEFORE_FUNDING
    waited = _not_waited_for(message)
    if waited is not None:
        return waited
    for sentence in message.holding(_START_ANCHOR):
        for pattern in (NO_ESCROW, OFF_SUBMIT, FREE_WORK, _PAY_AFTER, FUND_AFTER_WORK):
            if pattern is _PAY_AFTER and message.has(_FUNDED_ANCHOR):
                continue  # "it's funded; once it's done, we pay": the release, not a risk
            for match in sentence.all(pattern):
                if _unconditional(sentence, match, pattern, message.following(sentence)) or (
                    pattern is FREE_WORK and free_trial_given(message, sentence, match)
                ):
                    variant = FREE_TRIAL if pattern is FREE_WORK else ""
                    return Hit(code, *sentence.span(match), Confidence.HIGH, variant)
        trial = hiring_trial(message, sentence)
        if trial and (sentence.asks() or sentence.first(WORK_ASK)):
            return Hit(code, *sentence.span(trial), Confidence.HIGH, FREE_TRIAL)
    return unpaid_after_trial(message)


def _start_before_funding_event(message: Message) -> Hit | None:
    """Work asked for now (or "first") while the funding, contract or offer is put off."""
    code = FindingCode.START_BEFORE_FUNDING
    if message.has(_FUNDED_ANCHOR):
        return None
    first = message.first(_WORK_FIRST_ANCHOR)
    if first is not None and message.has(_FUND_WORD_ANCHOR):
        holder, match = first
        return Hit(code, *holder.span(match), Confidence.HIGH)
    asked = next(
        (
            (s, m)
            for s in message.holding(_ASK_ANCHOR)
            if (m := _wants_start(s) or _wants_work(s)) is not None
        ),
        None,
    )
    if asked is None:
        return None
    holder, work = asked
    put_off = _funding_put_off(message, holder)
    if put_off is None:
        return None
    sentence, deferred = put_off
    if sentence is holder:
        return Hit(code, *holder.span(work, deferred), Confidence.HIGH)
    return Hit(code, *holder.span(work), Confidence.HIGH)


def _funding_put_off(
    message: Message, holder: Sentence
) -> tuple[Sentence, re.Match[str] | tuple[int, int]] | None:
    """The sentence that puts the funding off (or replaces it), and the words that do."""
    if _wants_start(holder) is not None:
        # "start now, I'll pay you on JazzCash": the work begun, the funding never to come
        for sentence in message.holding(_PAYMENT_ANCHOR):
            paid = _paid_elsewhere(sentence)
            if paid is not None:
                return sentence, paid
    for sentence in message.holding(_DEFER_ANCHOR):
        deferred = _deferred(sentence)
        if deferred is not None:
            return sentence, deferred
    return None


def start_before_funding(message: Message) -> Hit | None:
    """START_BEFORE_FUNDING over the whole message (the request and the delay may be apart).

    Also the funded escrow asked back, its pay promised again later (:mod:`._given_back`).
    """
    return (
        _start_stated(message) or _start_before_funding_event(message) or escrow_given_back(message)
    )
