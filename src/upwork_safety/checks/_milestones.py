"""Whether a milestone is specific enough to be checked: :func:`review_milestone` and its signals.

A milestone is specific when its title and description say **what** is
delivered (a count, named items or a list of them) **and how it will be
checked** (a format or delivery place, an acceptance criterion, or a
revision limit).  Each signal is a linear-time pattern over the text as
:mod:`._normalise` reads it.
"""

from __future__ import annotations

import re

from upwork_safety.checks._codes import Confidence, FindingCode
from upwork_safety.checks._findings import Finding, make_finding
from upwork_safety.checks._normalise import checked_text, normalise
from upwork_safety.errors import InvalidTypeError
from upwork_safety.models import Milestone


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_NUMBER = (
    r"(?:\d{1,6}(?:,\d{3}){0,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|a dozen|single)"
)
_NOT_COUNTED = (
    r"(?:hours?|hrs?|days?|weeks?|months?|years?|minutes?|mins?|seconds?|percent|of|or|and|to|"
    r"milestones?|phases?|parts?|stages?|steps?|payments?|installments?|more|x|k|am|pm|usd|"
    r"dollars?|rs|pkr|times|mm|cm|px|kb|mb|gb|kbps|rounds?|revisions?|changes|iterations?|"
    # A length in words is how the work is checked ("1,500 words"), not what is delivered.
    r"words?|"
    # A date ("by 15 April", "28 Feb") and time in Roman Urdu ("4 ghante", "2 hafte").
    r"january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|ghant[ae]|haft[ae]|mahin[ae]|"
    r"din|saal|"
    # A number before a preposition or an article ("phase 2 as per the proposal").
    r"as|per|by|in|on|at|for|with|from|is|are|the|an?|"
    # The size of what is worked on, not a deliverable ("50,000 rows", "12 employees").
    r"rows?|employees|followers|gpu)\b"
)
#: A year ("2024 marketing") is a date, not a count of deliverables.
_YEAR = r"(?!(?:19|20)\d\d[ -])"
COUNTED = _c(
    r"(?<![\w/.$€£₨#%+-])"
    + _YEAR
    + _NUMBER
    + r"[ -](?!"
    + _NOT_COUNTED
    + r")[a-z][a-z0-9-]{1,30}\b|"
    # One thing with its measures before it: "one 60s 2D explainer", "one 10-second turntable".
    # Each measure ends only at a space, so "one 1-1-1-..." is read once, not split every
    # way (review r16 H1: a 100,000-character title took six minutes).
    r"\b(?:one|a single|single) (?:\d[\w°-]{0,20}(?![\w°-]) ){1,2}(?!" + _NOT_COUNTED + r")"
    r"[a-z][a-z-]{1,30}\b"
)
_DELIVERABLE_NOUN = _c(
    r"\b(?:pages|screens|sections|endpoints|templates|tickets|commands|charts|slides|sheets|"
    r"collections|products|posts|reports|features|modules|components|files|videos|banners)\b"
)
#: Named pages, screens and items: a deliverable a client can point at.
NAMED_ITEM = _c(
    r"\b(?:home ?page|landing page|about page|contact page|pricing page|login|log-in|sign ?up|"
    r"checkout|cart|dashboard|admin panel|business card|letterhead|flyer|brochure|poster|"
    r"resume|cv|cover letter|linkedin summary|pitch deck|invoice template|unit tests|"
    r"test suite|onboarding screens?|balance sheet|trial balance|cash ?flow statement|"
    r"p&l|profit (?:&|and) loss(?: statement)?|jupyter notebook|colab notebook|about us|"
    r"(?:episode|chapter) \d{1,3})\b|"
    # A screen or tab named by the word before it ("the Profile screen", "the 'Summary'
    # tab"), not "the screen", "all pages", "a new tab".
    r"\b(?!(?:the|a|an|this|that|each|every|all|any|some|new|my|our|your|one|main|same|"
    r"next|other|whole|entire|full|split|touch|big|small|large|wide|blank|browser|first|"
    r"last|second|more|few|many|several|multiple)\b)[a-z]{3,20}'? (?:screen|tab)\b"
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
    r"openapi|swagger|cmyk|print-ready|workbook|r script|python script|"
    r"srt|vtt|xliff|stl|dwg|dxf|rvt|pbix|ipynb|gif|webp|testflight|"
    r"excel (?:file|sheet|workbook)|in excel|word (?:file|doc|document)|track changes|"
    r"(?:google )?drive folder|dropbox|shared folder|preview (?:link|url)|"
    # Where the work is seen done: "live on the store", "goes live", "Maps pe live ho".
    r"live on|goes live|go live|is live|pe live)\b|@2x|\b\d{3,4}x\d{3,4}\b|"
    # A file extension written on its own (".pkl", ".rvt"), not a domain or ".NET".
    r"(?<![\w.])\.(?!(?:net|com|org|pk|io|co|uk|us|ai|app|dev|info|biz|me|edu|gov)\b)"
    r"[a-z][a-z0-9]{1,4}\b"
)
ACCEPTANCE = _c(
    r"\b(?:accept(?:ed|ance)|done when|criteria|definition of done|signs? off|signed off|"
    r"pass(?:es|ing)?\s+(?:in|on)\b|tests? pass|all tests|unit tests|integration tests|"
    r"verified|works (?:on|in)\b|renders? correctly|matches the design|score of|lighthouse|"
    r"pagespeed|gtmetrix|under \d+ (?:seconds|minutes|ms)\b|load time|coverage|"
    # Done when something can be seen: "fixed when a run gives...", "done jab profile live ho".
    r"(?:done|fixed|complete|completed|finished) (?:when|once|jab)\b|"
    r"tested (?:on|in|with|against)\b|spot[ -]check|bina (?:kisi )?error|"
    r"match(?:es|ing)? (?:the|every|each|all|exactly)\b|match hon[ae]? chahiye|"
    # A measure with its figure ("accuracy above 90%", "ROC-AUC >= 0.80", "error rate under
    # 1%"), not "high accuracy".
    r"(?:accuracy|f1(?: score)?|roc-auc|auc|rmse|mape|error rate)\b[^.;\n]{0,24}?\d|"
    r"\d(?:\.\d+)? ?% accura|"
    r"deployed to|runs end to end|without (?:manual steps|errors|removing)|"
    # A word count, bounded ("1,000" to "1,000,000,000"): an unbounded digit-comma run
    # was rescanned from every digit, quadratic on "1,1,1,..." (red team r10 #6).
    r"(?<![\d,])\d[\d,]{0,12}(?:\s?[-–]\s?\d[\d,]{0,12})? words|"
    r"following the (?:outline|brand guide|brief)|"
    r"brand guide|checked)"
)
REVISION_LIMIT = _c(
    # "Round 2 revisions" names a round, not a limit.
    r"(?<!round )(?<!phase )\b(?:\d+|one|two|three|four|five|a single|single)\s+"
    r"(?:rounds?\s+of\s+)?"
    r"(?:revisions?|revision rounds?|rounds?|changes|iterations?)\b|"
    r"\bup to \d+\s+(?:revisions?|rounds?)|\brevisions?\s*:\s*\d"
)

#: Revisions promised without a limit: "all changes included", "unlimited revisions",
#: "until I'm satisfied", "jitni marzi changes", "jab tak main satisfy na ho jaun".  Not a
#: revision limit: it is the riskiest wording a milestone can hold, as the work is never done.
UNLIMITED_REVISIONS = _c(
    r"(?<!\bno )(?<!\bnot )\b(?:unlimited|endless|infinite|limitless|free) (?:revisions?|"
    r"changes|edits|rounds|iterations|tweaks|corrections)\b|"
    r"\b(?:all|any|every|har|saari|sari|sab) (?:revisions?|changes?|edits?|tweaks)\b"
    r"(?: (?:i|we|the client) (?:ask for|want|need|request|like))?"
    r" (?:are |is |will be |hain |hai |hongi |honge |bhi )?(?:included|free|shamil)\b|"
    r"\buntil (?:i'?m|i am|we'?re|we are|you'?re|you are|the client is|client is|i'?m fully|"
    r"i am fully) (?:\w+ )?(?:satisfied|happy|pleased|100% (?:satisfied|happy))\b|"
    r"\b(?:revisions?|changes|edits) until (?:approved|approval|final approval|i approve|"
    r"i'?m satisfied|i'?m happy)\b|"
    r"\bas many (?:revisions?|changes|edits|rounds|iterations) as (?:needed|required|"
    r"necessary|i want|i need|i like|it takes|we need|you need)\b|"
    r"\b(?:jitni|jitne) (?:marzi|bhi|chahe) (?:\w+ )?(?:changes?|revisions?|tabdeeliyan)\b|"
    r"\b(?:changes?|revisions?) (?:jitni|jitne) (?:marzi|bhi|chahe)\b|"
    r"\bjab tak (?:\w+ ){0,2}(?:satisfy|satisfied|khush|mutmain|pasand)\w{0,6}\b|"
    r"\b(?:changes?|revisions?) free (?:mein|me)\b"
)

_EXAMPLE_WHAT = (
    "the deliverables, counted or named (e.g. '5 pages: Home, About, Services, Blog, Contact')"
)
_EXAMPLE_HOW = (
    "how you will both check it is done: the file formats or where it is delivered "
    "(e.g. 'Figma file and PNG exports', 'on the staging URL') or an acceptance "
    "criterion (e.g. 'accepted when it loads in under 2 seconds on mobile')"
)
_EXAMPLE_REVISIONS = "a revision limit (e.g. '2 revision rounds')"

#: What to do first about a vague milestone, by whether it is funded yet: only
#: unfunded milestones can be edited (HC 360000990268), so a funded one's
#: details can only be agreed in writing beside it.
_AGREE: dict[bool, str] = {
    False: "Agree the details before the milestone is funded (only unfunded milestones "
    "can be edited): add ",
    True: "The milestone is funded, so it can no longer be edited: agree the details in "
    "writing in the contract's messages before you submit the work, naming ",
}
#: The script to send, by whether the milestone is funded yet.
_ASK: dict[bool, str] = {
    False: "Before we start, could we make this milestone specific so we both know when it's done?",
    True: "This milestone can't be edited now that it's funded, so could we confirm here "
    "what it covers, so we both know when it's done?",
}
_SUGGEST = (
    "I suggest listing each deliverable, the files you'll receive, how we'll check them, "
    "and two rounds of revisions."
)

#: Why unlimited-revision wording is named first in the advice.
_UNLIMITED = (
    "promises unlimited revisions: the milestone is never finished, every change is free, "
    "and a client can hold the payment by asking for one more."
)
_SUGGEST_INSTEAD = (
    "I suggest listing each deliverable, the files you'll receive, how we'll check them, "
    "and two rounds of revisions instead of {said}, with further changes as a new milestone."
)


def short(text: str, limit: int = 60) -> str:
    """*text* on one line, cut to *limit* characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def review_milestone(title: str, description: str = "") -> list[Finding]:
    """Decide whether a milestone is specific enough to be checked.

    A milestone is specific when its title and description together say
    **what** is delivered (a count such as "5 pages" or "3 logo concepts", or
    named items such as "Home, About, Contact" or "login and signup
    screens") **and how it will be checked** (a file format or delivery
    place such as "PNG and SVG" or "staging URL", an acceptance criterion
    such as "accepted when all tests pass" or "1,000 words", or a revision
    limit such as "2 revision rounds").  Otherwise it is ``VAGUE_MILESTONE``
    and the finding lists what to add, advising (as for a milestone not yet
    funded, which can still be edited) to agree the details before funding;
    :func:`review_contract` advises a funded milestone to agree them in
    writing instead.

    Args:
        title: The milestone title.
        description: Its description (deliverables, acceptance criteria).

    Returns:
        ``[]`` for a specific milestone, else one ``VAGUE_MILESTONE`` finding
        (confidence ``MEDIUM``: it judges wording) whose ``evidence`` lists
        the signals found and missing.

    Raises:
        InvalidTypeError: *title* or *description* is not a ``str``.
        InvalidValueError: *title* or *description* holds a lone surrogate
            (such as U+D800, which no UTF-8 text can hold), as a
            :class:`~upwork_safety.Milestone`'s would be refused, or is
            longer than :data:`~upwork_safety.checks.MAX_TEXT_CHARS`.

    >>> [f.code for f in review_milestone("Build the website")]
    ['VAGUE_MILESTONE']
    >>> review_milestone("Logo: 3 concepts", "PNG and SVG files, 2 revision rounds")
    []
    """
    given: tuple[tuple[str, object], ...] = (("title", title), ("description", description))
    for name, value in given:
        if not isinstance(value, str):
            hint = (
                ": pass milestone.title, milestone.description (review_contract reviews "
                "every milestone of a contract)"
                if isinstance(value, Milestone)
                else ""
            )
            raise InvalidTypeError(
                f"review_milestone({name}) must be a str, not {type(value).__name__}{hint}",
                field=name,
                rule="a str",
            )
        checked_text(
            value,
            name,
            what=f"the milestone's {name}",
            fix="a milestone's text on Upwork is far shorter",
        )
    return vague_findings(title, description)


def _read(title: str, description: str) -> str:
    """A milestone's title and description as the checker reads them, one text."""
    # Title and description are read as two sentences: joined by a bare space,
    # "Milestone 1" + "Figma design" read as the count "1 figma" (red team r10 #5).
    return ". ".join(normalise(part).text.replace("\n", " ") for part in (title, description))


def read_signals(title: str, description: str) -> dict[str, str | None]:
    """Each signal's first match in a milestone's checked text (``None`` when absent).

    The keys are the "what" signals (``count``, ``named item``, ``named
    list``) and the "how" signals (``format``, ``acceptance``, ``revision
    limit``); ``benchmarks/milestone_eval.py`` reads them to score each half
    of the rule.
    """
    text = _read(title, description)
    signals: dict[str, str | None] = {}
    for name, pattern in (
        ("count", COUNTED),
        ("named item", NAMED_ITEM),
        ("format", FORMAT),
        ("acceptance", ACCEPTANCE),
        ("revision limit", REVISION_LIMIT),
    ):
        match = pattern.search(text)
        signals[name] = None if match is None else match.group(0).strip()
    signals["named list"] = named_list(text)
    return signals


def vague_findings(
    title: str, description: str, *, funded: bool = False, milestone_id: str | None = None
) -> list[Finding]:
    """The ``VAGUE_MILESTONE`` finding of checked text, if vague, with advice fit for *funded*.

    A milestone not yet funded can still be edited; a *funded* one (also one
    whose changes were requested) cannot, so its details are agreed in
    writing before the work is submitted.
    """
    signals = read_signals(title, description)
    what = signals["count"] or signals["named item"] or signals["named list"]
    how = signals["format"] or signals["acceptance"] or signals["revision limit"]
    if what and how:
        return []
    missing: list[str] = []
    if not what:
        missing.append(_EXAMPLE_WHAT)
    if not how:
        missing.append(_EXAMPLE_HOW)
    unlimited = UNLIMITED_REVISIONS.search(_read(title, description))
    said = "" if unlimited is None else f"'{short(unlimited.group(0), 40)}'"
    if not signals["revision limit"]:
        instead = f" in place of {said}, with further changes in a new milestone" if said else ""
        missing.append(_EXAMPLE_REVISIONS + instead)
    lacks = " or ".join(
        part
        for part, absent in (("what is delivered", not what), ("how it will be checked", not how))
        if absent
    )
    found_text = "; ".join(f"{k}: {short(v, 40)!r}" for k, v in signals.items() if v)
    evidence = f"found {found_text or 'nothing checkable'}; missing {lacks}"
    message = f"Milestone {short(title)!r} is vague: it does not say {lacks}."
    advice = _AGREE[funded] + "; ".join(missing) + "."
    script = f"{_ASK[funded]} {_SUGGEST}"
    if said:
        evidence += f"; unlimited revisions: {said}"
        message += f" {said} promises unlimited revisions."
        advice = f"{said} {_UNLIMITED} {advice}"
        script = f"{_ASK[funded]} {_SUGGEST_INSTEAD.format(said=said)}"
    return [
        make_finding(
            FindingCode.VAGUE_MILESTONE,
            message,
            advice,
            script,
            milestone_id=milestone_id,
            evidence=evidence,
            confidence=Confidence.MEDIUM,
        )
    ]
