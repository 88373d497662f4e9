"""Safety checks: the advice freelancers learn the hard way, as findings a tool can show.

Three entry points, each returning a list of :class:`Finding` (most severe
first), each finding with a polite script to answer with:

* :func:`scan_message` reads a message: a client asking to start before the
  milestone is funded, to pay or talk off Upwork, for an upfront fee, or for
  more work at the same price; or, in a message you are about to send,
  asking the client for five stars.
* :func:`review_milestone` says whether a milestone's title and description
  are specific enough to be checked.
* :func:`review_contract` looks at a whole contract at a moment, through the
  public functions of :mod:`~upwork_safety.escrow`,
  :mod:`~upwork_safety.hourly` and :mod:`~upwork_safety.fees`: unfunded work,
  running clocks, refund requests, the dispute window, milestones too small
  to defend in arbitration, dormant escrow, and hourly time that Hourly
  Protection will not cover.

Every code is listed in :data:`CODES` with what triggers it and the rule
behind it.  The message and milestone checks are deterministic phrase rules
(no network, no model); they run in linear time, so a megabyte of hostile
text costs a second or two, and any Unicode string is accepted.

>>> [f.code for f in scan_message("Add me on WhatsApp, I'll pay you via PayPal")]
['OFF_PLATFORM_PAYMENT', 'OFF_PLATFORM_CONTACT']
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta, timezone
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

import upwork_safety.escrow as escrow  # noqa: PLR0402  (the engine's public API, by name)
import upwork_safety.fees as fees  # noqa: PLR0402
import upwork_safety.hourly as hourly  # noqa: PLR0402
from upwork_safety import _checks_phrases as _phrases
from upwork_safety._render import html_table, plain
from upwork_safety._validate import utc_instant
from upwork_safety.errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
    RulesError,
)
from upwork_safety.models import Contract, ContractKind, Milestone, MilestoneState
from upwork_safety.money import Money
from upwork_safety.rules import PlatformRules
from upwork_safety.rules import as_of as _rules_as_of

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

__all__ = [
    "CODES",
    "CodeInfo",
    "Finding",
    "Severity",
    "review_contract",
    "review_milestone",
    "scan_message",
    "to_html",
    "to_records",
]

_UTC = timezone.utc


class Severity(enum.Enum):
    """How urgent a finding is; members compare in order ``INFO < WARNING < DANGER``."""

    #: Worth knowing; nothing to do yet.
    INFO = "info"
    #: Act soon or change how you work, or you may lose money or standing.
    WARNING = "warning"
    #: Stop: money or the account is at risk right now.
    DANGER = "danger"

    @property
    def rank(self) -> int:
        """0 for INFO, 1 for WARNING, 2 for DANGER."""
        return _RANK[self]

    def _other(self, other: object) -> Severity:
        if not isinstance(other, Severity):
            raise InvalidTypeError(f"cannot compare Severity with {type(other).__name__}")
        return other

    def __lt__(self, other: object) -> bool:
        return self.rank < self._other(other).rank

    def __le__(self, other: object) -> bool:
        return self.rank <= self._other(other).rank

    def __gt__(self, other: object) -> bool:
        return self.rank > self._other(other).rank

    def __ge__(self, other: object) -> bool:
        return self.rank >= self._other(other).rank


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.DANGER: 2}


def _rule_source(field: str) -> str:
    """The published source of a :class:`PlatformRules` field."""
    return str(attrs.fields_dict(PlatformRules)[field].metadata["rule"].source)


def _rule_unconfirmed(field: str) -> bool:
    return bool(attrs.fields_dict(PlatformRules)[field].metadata["rule"].unconfirmed)


@attrs.frozen
class CodeInfo:
    """One finding code: what triggers it and the rule behind it.

    Attributes:
        code: The stable upper-case code.
        severity: The severity every finding with this code carries.
        applies_to: Which check reports it: ``"incoming message"``,
            ``"outgoing message"``, ``"any message"``, ``"milestone"``,
            ``"fixed-price contract"`` or ``"hourly contract"``.
        trigger: What makes the check report it, in words.
        rule: The platform rule (or the reasoning) behind the advice.
        source: Where the rule is published (DOMAIN.md sources), or a note
            saying it is general advice outside them.
    """

    code: str
    severity: Severity
    applies_to: str
    trigger: str
    rule: str
    source: str

    def to_records(self) -> list[dict[str, object]]:
        """One flat dict with every field, for ``pandas.DataFrame``."""
        return [{f.name: plain(getattr(self, f.name)) for f in attrs.fields(CodeInfo)}]


_OUTSIDE = "not among DOMAIN.md's sources"
_CODE_LIST: tuple[CodeInfo, ...] = (
    CodeInfo(
        "UNFUNDED_MILESTONE",
        Severity.DANGER,
        "fixed-price contract",
        "The contract is open, no milestone is active (funded, in review, in a refund "
        "request or a dispute), and the next milestone (or the contract, if it has none) "
        "has no money in escrow: the next work would be unprotected.",
        "Only work on a funded milestone is covered by Fixed-Price Protection; later "
        "milestones wait unfunded, one active at a time.",
        f"{_rule_source('minimum_milestone')} (one active milestone); HC 211063748 "
        "(Fixed-Price Protection)",
    ),
    CodeInfo(
        "VAGUE_MILESTONE",
        Severity.WARNING,
        "milestone",
        "The title and description do not name the deliverables (counted, e.g. '5 pages', "
        "or named, e.g. 'Home, About, Contact') and how they will be checked (a file "
        "format, an acceptance criterion or a revision limit).",
        "Approval, requested changes, partial payment and disputes are all judged "
        "against the milestone; only future (unfunded) milestones can be edited.",
        f"derived from HC 360000990348 (approve, request changes, pay less), HC 211062068 "
        f"(disputes) and {_rule_source('minimum_milestone')} (only unfunded milestones "
        "can be edited)",
    ),
    CodeInfo(
        "START_BEFORE_FUNDING",
        Severity.DANGER,
        "incoming message",
        "The client asks you to start now and fund later, to do a free sample or test "
        "task before hiring, or to work without escrow.",
        "Only funded milestones are protected; work done before funding can be taken "
        "without paying.",
        "HC 211063748 (Fixed-Price Protection)",
    ),
    CodeInfo(
        "OFF_PLATFORM_PAYMENT",
        Severity.DANGER,
        "any message",
        "Payment outside Upwork: PayPal, Payoneer, Wise, bank transfer, JazzCash, "
        "Easypaisa, crypto, a cheque; 'pay you directly'; saving Upwork's fee; or a "
        "request for bank details.",
        "Money paid off the platform has no escrow, no protection and no dispute "
        "process, and taking it breaks Upwork's Terms of Service.",
        f"HC 211068288 (anything paid off-platform is not protected); Upwork Terms of "
        f"Service on fee circumvention ({_OUTSIDE})",
    ),
    CodeInfo(
        "OFF_PLATFORM_CONTACT",
        Severity.WARNING,
        "any message",
        "Moving the conversation off Upwork: WhatsApp, Telegram, Skype, Discord, "
        "Signal, Google Chat, a personal e-mail address or phone number, 'let's talk "
        "outside Upwork'.  Slack, Zoom and Teams calls are not flagged.",
        "Before a contract, contact details may not be shared; off the platform "
        "nothing that is said can be shown in a dispute, and most scams start there.",
        f"Upwork Terms of Service on communication ({_OUTSIDE}); general safety advice",
    ),
    CodeInfo(
        "UPFRONT_FEE",
        Severity.DANGER,
        "incoming message",
        "You are asked to pay to get or start work: a registration, training, "
        "activation or onboarding fee, a security deposit, equipment or a gift card "
        "'we reimburse', or crypto to unlock earnings.",
        "A client never charges a freelancer to work; this is the most common job scam.",
        f"general safety advice ({_OUTSIDE}); HC 211063748 (protection covers escrow, "
        "never money you send)",
    ),
    CodeInfo(
        "SCOPE_CREEP",
        Severity.WARNING,
        "incoming message",
        "More work inside the same milestone and price: 'one more page', 'can you also "
        "just quickly…', 'shouldn't take long', 'while you're in there', 'same price', "
        "'it wasn't in the brief but…'.",
        "Escrow covers the milestone as funded; extra work belongs in a new milestone, "
        "which must be funded before you start it.",
        f"derived from HC 211063748 (only funded work is protected) and "
        f"{_rule_source('minimum_milestone')} (new work goes in a new milestone)",
    ),
    CodeInfo(
        "REVIEW_BEGGING",
        Severity.WARNING,
        "outgoing message",
        "Your message asks for a particular rating: five stars, 10/10, 'a good review', "
        "'would recommend'.",
        "Asking for (or offering something for) a particular rating breaks Upwork's "
        "feedback rules; asking for honest feedback is fine.",
        f"Upwork feedback policy ({_OUTSIDE}); feedback feeds the Job Success Score (HC 211063558)",
    ),
    CodeInfo(
        "REVIEW_PERIOD_RUNNING",
        Severity.INFO,
        "fixed-price contract",
        "Work was submitted and the client's review period runs; the finding gives the "
        "exact moment the escrow is released if the client stays silent.",
        "The client has the review period to approve or request changes; silence "
        "releases the escrow automatically.",
        _rule_source("review_period"),
    ),
    CodeInfo(
        "REFUND_REQUEST_PENDING",
        Severity.DANGER,
        "fixed-price contract",
        "The client asked for the escrow back (or ended the contract) and you have not "
        "answered; the finding gives the deadline and the time left.",
        "You must accept or dispute an escrow refund request in time; silence refunds the client.",
        _rule_source("refund_response_window"),
    ),
    CodeInfo(
        "DISPUTE_WINDOW_CLOSING",
        Severity.WARNING,
        "fixed-price contract",
        "The contract ended (by either side or by dormancy) and the window to file a "
        "dispute is still open; the finding gives when it closes.",
        "A dispute can only be filed within the window after the contract ends.",
        _rule_source("dispute_filing_window"),
    ),
    CodeInfo(
        "ARBITRATION_UNECONOMIC",
        Severity.INFO,
        "fixed-price contract",
        "Money in escrow for a milestone is less than the arbitration fee each party "
        "pays; the finding carries the fee and whether the figure is unconfirmed.",
        "If mediation fails, arbitration costs each side its fee, so a small milestone "
        "cannot be defended there; keep milestones small but keep evidence in writing.",
        f"{_rule_source('arbitration_opt_in')} (arbitration); fee: "
        f"{_rule_source('arbitration_fee')} (unconfirmed)",
    ),
    CodeInfo(
        "DORMANT_ESCROW",
        Severity.WARNING,
        "fixed-price contract",
        "Escrow has sat untouched long enough that Upwork's dormancy notices are due "
        "within the notice period (or have started); the contract will close itself.",
        "After the dormancy period and two notices, Upwork closes the contract and "
        "turns the escrow into a refund request.",
        _rule_source("dormancy_period"),
    ),
    CodeInfo(
        "UNPROTECTED_HOURS",
        Severity.WARNING,
        "hourly contract",
        "Billed time in the current week, or in last week while its dispute window is "
        "open, that Hourly Protection does not cover (manual, no memo, low activity, "
        "unverified client).",
        "Hourly Protection covers only time tracked by the desktop app, with a memo "
        "and adequate activity, within the limit, for a verified client.",
        "HC 211068288 (Hourly Protection)",
    ),
    CodeInfo(
        "OVER_WEEKLY_LIMIT",
        Severity.WARNING,
        "hourly contract",
        "Time logged in the current or last week after the weekly limit was reached.",
        "Hours over the weekly limit are not invoiced: that time is unpaid.",
        "HC 211063668 (weekly limit)",
    ),
    CodeInfo(
        "UNVERIFIED_CLIENT",
        Severity.WARNING,
        "hourly contract",
        "An open hourly contract with a client whose billing method is not verified.",
        "Hourly Protection requires a client with a verified billing method; without "
        "it no hour is covered.",
        "HC 211068288 (Hourly Protection)",
    ),
)

#: Every finding code, in the order they are documented: ``{code: CodeInfo}``.
CODES: Mapping[str, CodeInfo] = MappingProxyType({info.code: info for info in _CODE_LIST})
_ORDER = {code: index for index, code in enumerate(CODES)}


def _check_code(_instance: object, _attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or value not in CODES:
        raise InvalidValueError(
            f"Finding.code must be one of the documented codes ({', '.join(CODES)}), got {value!r}"
        )


def _check_severity(
    _instance: object, _attribute: attrs.Attribute[Severity], value: object
) -> None:
    if not isinstance(value, Severity):
        raise InvalidTypeError(f"Finding.severity must be a Severity member, not {value!r}")


def _check_text(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidTypeError(f"Finding.{attribute.name} must be a str, not {value!r}")


def _check_milestone_id(_instance: object, _attribute: Any, value: object) -> None:  # noqa: ANN401
    if value is not None and not isinstance(value, str):
        raise InvalidTypeError(f"Finding.milestone_id must be a str or None, not {value!r}")


def _check_time_left(_instance: object, _attribute: Any, value: object) -> None:  # noqa: ANN401
    if value is not None and not isinstance(value, timedelta):
        raise InvalidTypeError(f"Finding.time_left must be a timedelta or None, not {value!r}")


def _check_amount(_instance: object, _attribute: Any, value: object) -> None:  # noqa: ANN401
    if value is not None and not isinstance(value, Money):
        raise InvalidTypeError(f"Finding.amount must be Money or None, not {value!r}")


def _check_due(_instance: object, _attribute: Any, value: object) -> None:  # noqa: ANN401
    if value is not None:
        utc_instant(value, "Finding.due")


def _check_bool(_instance: object, _attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidTypeError(f"Finding.unconfirmed must be a bool, not {value!r}")


@attrs.frozen
class Finding:
    """One thing a freelancer should know, with what to do and what to say.

    Args:
        code: A documented code (a key of :data:`CODES`).
        severity: :class:`Severity`.
        message: What was found, in one or two sentences.
        advice: What to do, ending with the script to answer with.
        milestone_id: The milestone concerned, if any.
        evidence: What triggered the finding: the matched phrase of a
            message (normalised: lower case, single spaces), the signals of
            a milestone, or the figures of a contract.
        script: The polite reply on its own, ready to copy.
        due: When the deadline passes (UTC), for findings about a clock.
        time_left: ``due`` minus the moment of the check.
        amount: The money concerned (the escrow at stake, the unprotected
            pay, the arbitration fee).
        unconfirmed: Whether a figure in the finding is an unconfirmed rule
            value (see :func:`upwork_safety.rules.sources`).

    Raises:
        InvalidValueError: An undocumented code or a naive *due*.
        InvalidTypeError: A field of the wrong type.
    """

    code: str = attrs.field(validator=_check_code)
    severity: Severity = attrs.field(validator=_check_severity)
    message: str = attrs.field(validator=_check_text)
    advice: str = attrs.field(validator=_check_text)
    milestone_id: str | None = attrs.field(default=None, validator=_check_milestone_id)
    evidence: str = attrs.field(default="", validator=_check_text)
    script: str = attrs.field(default="", validator=_check_text)
    due: datetime | None = attrs.field(default=None, validator=_check_due)
    time_left: timedelta | None = attrs.field(default=None, validator=_check_time_left)
    amount: Money | None = attrs.field(default=None, validator=_check_amount)
    unconfirmed: bool = attrs.field(default=False, validator=_check_bool)

    @property
    def info(self) -> CodeInfo:
        """The documentation of this finding's code."""
        return CODES[self.code]

    def to_records(self) -> list[dict[str, object]]:
        """One flat dict with every field, for ``pandas.DataFrame``."""
        return [{f.name: plain(getattr(self, f.name)) for f in attrs.fields(Finding)}]

    def _repr_html_(self) -> str:
        return to_html([self])


def to_records(findings: Iterable[Finding]) -> list[dict[str, object]]:
    """Return one flat dict per finding (for ``pandas.DataFrame(to_records(found))``).

    Args:
        findings: Findings, e.g. the result of :func:`review_contract`.

    Returns:
        The rows, in the order given.
    """
    return [row for finding in findings for row in finding.to_records()]


_HTML_COLUMNS = ("severity", "code", "milestone_id", "message", "advice", "due")


def to_html(findings: Sequence[Finding], *, caption: str = "Findings") -> str:
    """Render findings as a compact HTML table (for notebooks).

    Args:
        findings: The findings to show.
        caption: The table caption.

    Returns:
        An HTML ``<table>``.
    """
    rows = [{name: getattr(finding, name) for name in _HTML_COLUMNS} for finding in findings]
    return html_table(rows, caption=caption, columns=_HTML_COLUMNS)


def _sorted(findings: Iterable[Finding]) -> list[Finding]:
    """Most severe first; then the soonest deadline; then documented code order."""
    far = datetime.max.replace(tzinfo=_UTC)
    return sorted(
        findings,
        key=lambda f: (-f.severity.rank, f.due or far, _ORDER[f.code]),
    )


def _finding(code: str, message: str, advice: str, script: str, **fields: object) -> Finding:
    full = f'{advice} Say: "{script}"' if script else advice
    return Finding(
        code,
        CODES[code].severity,
        message,
        full,
        script=script,
        **fields,  # type: ignore[arg-type]
    )


# =========================================================================== messages

_DIRECTIONS = ("incoming", "outgoing")
_INCOMING: tuple[tuple[str, tuple[_phrases.Rule, ...]], ...] = (
    ("START_BEFORE_FUNDING", _phrases.START_BEFORE_FUNDING),
    ("OFF_PLATFORM_PAYMENT", _phrases.OFF_PLATFORM_PAYMENT),
    ("UPFRONT_FEE", _phrases.UPFRONT_FEE),
    ("OFF_PLATFORM_CONTACT", _phrases.OFF_PLATFORM_CONTACT),
    ("SCOPE_CREEP", _phrases.SCOPE_CREEP),
)
_OUTGOING: tuple[tuple[str, tuple[_phrases.Rule, ...]], ...] = (
    ("OFF_PLATFORM_PAYMENT", _phrases.OFF_PLATFORM_PAYMENT),
    ("OFF_PLATFORM_CONTACT", _phrases.OFF_PLATFORM_CONTACT),
    ("REVIEW_BEGGING", _phrases.REVIEW_BEGGING),
)


@attrs.frozen
class _Text:
    """What a message finding says: the message, the advice and the script."""

    message: str
    advice: str
    script: str


#: The texts of each message finding, per code and direction.
_MESSAGE_TEXT: dict[tuple[str, str], _Text] = {
    ("START_BEFORE_FUNDING", "incoming"): _Text(
        "The client asks you to start before the milestone is funded (or to work for free first).",
        "Don't open your editor yet: only a funded milestone is protected, and work "
        "delivered before funding can be kept without paying. Wait until the milestone "
        "shows as funded.",
        "I'd love to get started! Upwork only protects work on funded milestones, so as "
        "soon as the first milestone is funded I'll begin right away.",
    ),
    ("OFF_PLATFORM_PAYMENT", "incoming"): _Text(
        "The client wants to pay you outside Upwork.",
        "Decline: money paid off the platform has no escrow, no protection and no "
        "dispute process, and taking it can get your account suspended.",
        "Thanks for offering, but I keep all payments on Upwork; it protects us both. "
        "Happy to continue here.",
    ),
    ("OFF_PLATFORM_PAYMENT", "outgoing"): _Text(
        "Your message proposes payment outside Upwork.",
        "Don't send it: off-platform payment has no protection, and proposing it breaks "
        "Upwork's Terms of Service and can get your account suspended. Keep payment on "
        "Upwork, e.g.",
        "Could you fund the next milestone on Upwork when you're ready? Then I'll get started.",
    ),
    ("OFF_PLATFORM_CONTACT", "incoming"): _Text(
        "The client wants to move the conversation off Upwork (a messaging app, e-mail or phone).",
        "Keep talking on Upwork: before a contract, sharing contact details breaks "
        "Upwork's terms, most scams start by moving the chat, and nothing said "
        "elsewhere can be shown in a dispute.",
        "I'd prefer to keep our conversation here on Upwork so everything about the "
        "project stays in one place. I reply quickly here!",
    ),
    ("OFF_PLATFORM_CONTACT", "outgoing"): _Text(
        "Your message moves the conversation off Upwork (a messaging app, e-mail or phone).",
        "Don't send it: before a contract, sharing contact details breaks Upwork's "
        "terms, and nothing said elsewhere can be shown in a dispute. Offer Upwork's own "
        "messages and calls instead, e.g.",
        "Let's keep everything here on Upwork; I'm happy to do a call through Upwork too.",
    ),
    ("UPFRONT_FEE", "incoming"): _Text(
        "The message asks you to pay money to get or start the work (a fee, deposit, "
        "equipment, training, gift card or crypto).",
        "Don't pay and report the message to Upwork: a real client never charges a "
        "freelancer to work; this is the most common job scam.",
        "I don't pay fees or deposits to take on work. If you'd like to hire me, please "
        "send an offer through Upwork.",
    ),
    ("SCOPE_CREEP", "incoming"): _Text(
        "The client asks for work beyond what this milestone covers.",
        "Don't fold it in for free: the escrow covers the milestone as agreed. Offer a "
        "separate quote or a new milestone, and start it once it is funded.",
        "Happy to add that; it's outside what we scoped for this milestone though. Want "
        "me to quote it separately or fold it into the next one?",
    ),
    ("REVIEW_BEGGING", "outgoing"): _Text(
        "Your message asks the client for a particular rating.",
        "Don't send it: asking for a specific rating (or offering something for it) "
        "breaks Upwork's feedback rules and reads as pressure. Ask for honest feedback "
        "instead.",
        "Thanks for working with me! If you were happy with the work, I'd be grateful "
        "for your honest feedback when you close the contract.",
    ),
}


def scan_message(text: str, *, direction: str = "incoming") -> list[Finding]:
    """Scan one message for the well-known risks.

    Incoming messages (from a client) are checked for
    ``START_BEFORE_FUNDING``, ``OFF_PLATFORM_PAYMENT``, ``UPFRONT_FEE``,
    ``OFF_PLATFORM_CONTACT`` and ``SCOPE_CREEP``; outgoing messages (yours,
    before you send them) for ``OFF_PLATFORM_PAYMENT``,
    ``OFF_PLATFORM_CONTACT`` and ``REVIEW_BEGGING``.  Matching is
    case-insensitive, works on NFKC-normalised text (full-width letters, curly
    apostrophes), tolerates common misspellings and Roman-Urdu phrasing, and
    skips negated phrases ("I don't use WhatsApp") and project talk ("a
    WhatsApp chat button", "PayPal checkout").  At most one finding per code.

    Args:
        text: The message, any Unicode string of any length (time is linear
            in its length).
        direction: ``"incoming"`` (from the client) or ``"outgoing"`` (yours).

    Returns:
        The findings, most severe first; an ordinary message gives none.
        Each finding's ``evidence`` is the phrase that triggered it.

    Raises:
        InvalidTypeError: *text* is not a ``str``.
        InvalidValueError: *direction* is neither ``"incoming"`` nor ``"outgoing"``.

    >>> found = scan_message("Just start, I'll fund the milestone once I see progress.")
    >>> found[0].code, found[0].severity.name
    ('START_BEFORE_FUNDING', 'DANGER')
    >>> scan_message("Looks great, approving the milestone now!")
    []
    """
    if not isinstance(text, str):
        raise InvalidTypeError(f"scan_message(text) must be a str, not {type(text).__name__}")
    if direction not in _DIRECTIONS:
        raise InvalidValueError(
            f"scan_message(direction) must be 'incoming' (from the client) or 'outgoing' "
            f"(your own message), got {direction!r}"
        )
    normal = _phrases.normalise(text)
    found: list[Finding] = []
    for code, rules in _INCOMING if direction == "incoming" else _OUTGOING:
        for rule in rules:
            evidence = rule.find(normal)
            if evidence is not None:
                text_of = _MESSAGE_TEXT[code, direction]
                found.append(
                    _finding(
                        code, text_of.message, text_of.advice, text_of.script, evidence=evidence
                    )
                )
                break
    return _sorted(found)


# =========================================================================== milestones

_EXAMPLE_WHAT = (
    "the deliverables, counted or named (e.g. '5 pages: Home, About, Services, Blog, Contact')"
)
_EXAMPLE_HOW = (
    "how you will both check it is done: the file formats or where it is delivered "
    "(e.g. 'Figma file and PNG exports', 'on the staging URL') or an acceptance "
    "criterion (e.g. 'accepted when it loads in under 2 seconds on mobile')"
)
_EXAMPLE_REVISIONS = "a revision limit (e.g. '2 revision rounds')"


def _short(text: str, limit: int = 60) -> str:
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
    and the finding lists what to add.

    Args:
        title: The milestone title.
        description: Its description (deliverables, acceptance criteria).

    Returns:
        ``[]`` for a specific milestone, else one ``VAGUE_MILESTONE`` finding
        whose ``evidence`` lists the signals found and missing.

    Raises:
        InvalidTypeError: *title* or *description* is not a ``str``.

    >>> [f.code for f in review_milestone("Build the website")]
    ['VAGUE_MILESTONE']
    >>> review_milestone("Logo: 3 concepts", "PNG and SVG files, 2 revision rounds")
    []
    """
    for name, value in (("title", title), ("description", description)):
        if not isinstance(value, str):
            raise InvalidTypeError(
                f"review_milestone({name}) must be a str, not {type(value).__name__}"
            )
    text = _phrases.normalise(f"{title}\n{description}")
    signals: dict[str, str | None] = {}
    for name, pattern in (
        ("count", _phrases.COUNTED),
        ("named item", _phrases.NAMED_ITEM),
        ("format", _phrases.FORMAT),
        ("acceptance", _phrases.ACCEPTANCE),
        ("revision limit", _phrases.REVISION_LIMIT),
    ):
        match = pattern.search(text)
        signals[name] = None if match is None else match.group(0).strip()
    signals["named list"] = _phrases.named_list(text)
    what = signals["count"] or signals["named item"] or signals["named list"]
    how = signals["format"] or signals["acceptance"] or signals["revision limit"]
    if what and how:
        return []
    missing: list[str] = []
    if not what:
        missing.append(_EXAMPLE_WHAT)
    if not how:
        missing.append(_EXAMPLE_HOW)
    if not signals["revision limit"]:
        missing.append(_EXAMPLE_REVISIONS)
    lacks = " or ".join(
        part
        for part, absent in (("what is delivered", not what), ("how it will be checked", not how))
        if absent
    )
    found_text = "; ".join(f"{k}: {_short(v, 40)!r}" for k, v in signals.items() if v)
    evidence = f"found {found_text or 'nothing checkable'}; missing {lacks}"
    message = f"Milestone {_short(title)!r} is vague: it does not say {lacks}."
    advice = (
        "Agree the details before the milestone is funded (only unfunded milestones "
        "can be edited): add " + "; ".join(missing) + "."
    )
    script = (
        "Before we start, could we make this milestone specific so we both know when "
        "it's done? I suggest listing each deliverable, the files you'll receive, how "
        "we'll check them, and two rounds of revisions."
    )
    return [_finding("VAGUE_MILESTONE", message, advice, script, evidence=evidence)]


# =========================================================================== contracts


def _when(at: datetime) -> str:
    return at.astimezone(_UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _left(span: timedelta) -> str:
    """A duration in words: '6 days 23 hours', '45 minutes'."""
    minutes = int(span.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [(days, "day"), (hours, "hour")] if days else [(hours, "hour"), (mins, "minute")]
    words = [f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n]
    return " ".join(words) or "less than a minute"


def _milestone_name(milestone: Milestone) -> str:
    return f"{milestone.id} ({_short(milestone.title, 40)!r})"


_WORKING = frozenset(
    {
        MilestoneState.FUNDED,
        MilestoneState.SUBMITTED,
        MilestoneState.CHANGES_REQUESTED,
        MilestoneState.REFUND_REQUESTED,
        MilestoneState.DISPUTED,
    }
)
_OPEN_STATES = frozenset(
    {MilestoneState.NOT_FUNDED, MilestoneState.FUNDED, MilestoneState.CHANGES_REQUESTED}
)


def _unfunded(contract: Contract) -> list[Finding]:
    if contract.ended is not None or any(m.state in _WORKING for m in contract.milestones):
        return []
    upcoming = [m for m in contract.milestones if m.state is MilestoneState.NOT_FUNDED]
    if contract.milestones and not upcoming:
        return []
    advice = (
        "Don't open your editor yet: only a funded milestone is protected. Ask the "
        "client to fund it and start once it shows as funded."
    )
    script = (
        "I'm ready to start! Could you fund the milestone on Upwork? I'll begin as soon "
        "as it shows as funded."
    )
    if not upcoming:
        message = "The contract is open but has no milestone, so nothing is in escrow."
        return [_finding("UNFUNDED_MILESTONE", message, advice, script)]
    nxt = upcoming[0]
    message = (
        f"The next milestone, {_milestone_name(nxt)} for {nxt.amount}, is not funded: "
        "work on it now would be unprotected."
    )
    return [
        _finding(
            "UNFUNDED_MILESTONE",
            message,
            advice,
            script,
            milestone_id=nxt.id,
            amount=nxt.amount,
            evidence=f"state {nxt.state.name}; no other milestone active",
        )
    ]


def _from_deadline(
    contract: Contract, deadline: escrow.Deadline, now: datetime, rules: PlatformRules
) -> Finding | None:
    left = deadline.due - now
    milestone = None if deadline.milestone_id is None else contract.milestone(deadline.milestone_id)
    fields: dict[str, object] = {
        "milestone_id": deadline.milestone_id,
        "due": deadline.due,
        "time_left": left,
        "evidence": f"{deadline.kind} at {_when(deadline.due)}: {deadline.consequence}",
    }
    if deadline.kind == "review_ends":
        assert milestone is not None  # noqa: S101  (review deadlines name their milestone)
        message = (
            f"Milestone {_milestone_name(milestone)} is in review: if the client does "
            f"nothing, the {milestone.held} in escrow is released to you automatically "
            f"at {_when(deadline.due)} ({_left(left)} from now)."
        )
        advice = (
            "Nothing to do but wait; answer change requests promptly (they stop the "
            "clock). A short, friendly note is fine."
        )
        script = (
            "Hi! Just a note that I've submitted the milestone; let me know if you'd "
            "like any changes."
        )
        return _finding(
            "REVIEW_PERIOD_RUNNING", message, advice, script, amount=milestone.held, **fields
        )
    if deadline.kind == "refund_response_due":
        assert milestone is not None  # noqa: S101  (refund deadlines name their milestone)
        message = (
            f"The client asked for the {milestone.held} in escrow for milestone "
            f"{_milestone_name(milestone)} back. You have {_left(left)} (until "
            f"{_when(deadline.due)}) to accept or dispute; if you do nothing, it is "
            "refunded."
        )
        advice = (
            "Answer before the deadline: accept if no work was delivered; if you "
            "delivered work, open a dispute and keep the evidence (files, messages)."
        )
        script = (
            "I've delivered the work for this milestone, so I can't agree to a full "
            "refund, but I'm happy to talk about what would make it right."
        )
        return _finding(
            "REFUND_REQUEST_PENDING", message, advice, script, amount=milestone.held, **fields
        )
    if deadline.kind == "dispute_window_closes":
        held = [m.held for m in contract.milestones if m.held]
        if not held:
            # Nothing is left in escrow, so there is nothing to dispute: say so quietly.
            return Finding(
                "DISPUTE_WINDOW_CLOSING",
                Severity.INFO,
                f"The contract ended with nothing left in escrow; the dispute window "
                f"closes at {_when(deadline.due)} and nothing is at stake.",
                "Nothing to do.",
                **fields,  # type: ignore[arg-type]
            )
        message = (
            f"The contract ended with {Money.total(held, held[0].currency)} still in "
            f"escrow; you can file a dispute until {_when(deadline.due)} "
            f"({_left(left)} from now), and not after."
        )
        advice = (
            "If you are owed money for delivered work, file the dispute before the "
            "window closes; otherwise nothing to do."
        )
        script = (
            "Before the contract closes for good: the work for the last milestone was "
            "delivered as agreed. Could we settle the payment on Upwork?"
        )
        return _finding("DISPUTE_WINDOW_CLOSING", message, advice, script, **fields)
    if deadline.kind in ("dormancy_notice", "dormancy_close"):
        return _dormancy(contract, deadline, now, rules, fields)
    return None


def _dormancy(
    contract: Contract,
    deadline: escrow.Deadline,
    now: datetime,
    rules: PlatformRules,
    fields: dict[str, object],
) -> Finding | None:
    # The first notice is the warning to act on: report it once it is due within
    # one notice period.  Once it has passed, the closing date is what matters.
    left = deadline.due - now
    if deadline.kind == "dormancy_notice":
        if left > rules.dormancy_first_notice:
            return None
    elif left > rules.dormancy_first_notice + rules.dormancy_final_notice:
        return None
    assert deadline.milestone_id is not None  # noqa: S101  (dormancy names its milestone)
    milestone = contract.milestone(deadline.milestone_id)
    what = (
        "sends its first dormancy notice"
        if deadline.kind == "dormancy_notice"
        else ("closes the contract and turns the escrow into a refund request")
    )
    message = (
        f"The escrow of milestone {_milestone_name(milestone)} ({milestone.held}) has "
        f"not moved for a long time: Upwork {what} at {_when(deadline.due)}."
    )
    advice = (
        "Submit the work through 'Submit work' (that starts the review clock) or agree "
        "the next step with the client before then."
    )
    script = (
        "Hi! This milestone has been quiet for a while. Shall I submit what's done, or "
        "is there anything you need from me to wrap it up?"
    )
    return _finding("DORMANT_ESCROW", message, advice, script, amount=milestone.held, **fields)


def _arbitration(contract: Contract, now: datetime, rules: PlatformRules) -> list[Finding]:
    fee = rules.arbitration_fee
    unconfirmed = _rule_unconfirmed("arbitration_fee")
    found: list[Finding] = []
    for milestone in contract.milestones:
        held = milestone.held
        if (
            milestone.state not in _WORKING
            or not held.amount
            or held.currency != fee.currency
            or held >= fee
        ):
            continue
        try:
            net = fees.net_earnings(
                held,
                on=now.astimezone(_UTC).date(),
                rate=contract.service_fee_rate,
                billed_before=contract.earnings if contract.payments else None,
            )
        except (RulesError, CurrencyMismatchError):
            net_text = ""
        else:
            net_text = f" (about {net} after Upwork's service fee)"
        flag = " (a historic figure, unconfirmed today)" if unconfirmed else ""
        message = (
            f"Milestone {_milestone_name(milestone)} holds {held}{net_text}, less than the "
            f"{fee} arbitration fee each party pays{flag}: arbitration would cost more "
            "than it could win."
        )
        advice = (
            "Nothing is wrong yet; just don't count on arbitration for this milestone. "
            "Keep deliverables and agreements in Upwork messages so mediation has "
            "evidence, and submit through 'Submit work'."
        )
        found.append(
            _finding(
                "ARBITRATION_UNECONOMIC",
                message,
                advice,
                "",
                milestone_id=milestone.id,
                amount=fee,
                unconfirmed=unconfirmed,
                evidence=f"held {held} < arbitration fee {fee}",
            )
        )
    return found


def _vague(contract: Contract) -> list[Finding]:
    found: list[Finding] = []
    for milestone in contract.milestones:
        if milestone.state not in _OPEN_STATES:
            continue
        found.extend(
            attrs.evolve(finding, milestone_id=milestone.id)
            for finding in review_milestone(milestone.title, milestone.description)
        )
    return found


def _fixed_price(contract: Contract, now: datetime, rules: PlatformRules | None) -> list[Finding]:
    current = escrow.advance(contract, now, rules=rules)
    in_force = rules if rules is not None else _rules_as_of(now)
    found = _unfunded(current)
    for deadline in escrow.deadlines(current, now, rules=rules):
        finding = _from_deadline(current, deadline, now, in_force)
        if finding is not None:
            found.append(finding)
    found.extend(_arbitration(current, now, in_force))
    found.extend(_vague(current))
    return found


def _hours(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    return f"{minutes // 60}:{minutes % 60:02d} h"


def _week_findings(
    contract: Contract,
    week: hourly.BillingWeek,
    now: datetime,
    rules: PlatformRules | None,
    *,
    current: bool,
) -> list[Finding]:
    if not current and now > week.calendar(rules=rules).dispute_window_ends:
        return []
    if not any(e.start <= week.end and e.end > week.start for e in contract.time_entries):
        return []
    bill = hourly.invoice_for(contract, week=week, rules=rules)
    label = "this week" if current else "last week"
    due = bill.dispute_window_ends
    found: list[Finding] = []
    if bill.unprotected_time:
        unprotected = bill.unprotected_segments
        reasons = "; ".join(
            f"{_hours(span)} {reason.explanation}"
            for reason in hourly.UnprotectedReason
            if (span := sum((s.length for s in unprotected if reason in s.reasons), timedelta()))
        )
        message = (
            f"{_hours(bill.unprotected_time)} billed {label} ({week}), worth "
            f"{bill.unprotected_amount}, is not covered by Hourly Protection; the client "
            f"can dispute it until {_when(due)}."
        )
        advice = (
            "Track time with the desktop app, write a memo for every stretch, keep "
            "activity up, and prefer manual time only with the client's written OK."
        )
        script = (
            "Quick note: I added some manual time this week for work done away from the "
            "tracker; the details are in the memos. Let me know if you have any questions."
        )
        found.append(
            _finding(
                "UNPROTECTED_HOURS",
                message,
                advice,
                script,
                due=due,
                time_left=due - now,
                amount=bill.unprotected_amount,
                evidence=reasons,
            )
        )
    if bill.over_limit_time:
        message = (
            f"{_hours(bill.over_limit_time)} logged {label} ({week}) after the weekly "
            f"limit of {bill.weekly_limit} hours is not invoiced: that time is unpaid."
        )
        advice = "Stop tracking at the limit, or ask the client to raise it first."
        script = (
            "This week needs more hours than our weekly limit allows. Could you raise the "
            "limit so the extra time is billed? Otherwise I'll stop at the limit."
        )
        found.append(
            _finding(
                "OVER_WEEKLY_LIMIT",
                message,
                advice,
                script,
                due=due,
                time_left=due - now,
                evidence=f"over limit: {bill.over_limit_hours} h",
            )
        )
    return found


def _hourly(contract: Contract, now: datetime, rules: PlatformRules | None) -> list[Finding]:
    this_week = hourly.billing_week(now)
    found = _week_findings(contract, this_week, now, rules, current=True)
    found.extend(_week_findings(contract, this_week.previous(), now, rules, current=False))
    if contract.ended is None and not contract.client.payment_verified:
        message = (
            f"Client {contract.client.name or contract.client_id!r} has no verified billing "
            "method: Hourly Protection covers none of your hours."
        )
        advice = (
            "Ask the client to verify a billing method before you log more time, or move "
            "the work to funded fixed-price milestones."
        )
        script = (
            "Before I log more hours, could you verify your billing method on Upwork? "
            "It's what lets Upwork protect hourly work for both of us."
        )
        found.append(
            _finding(
                "UNVERIFIED_CLIENT",
                message,
                advice,
                script,
                evidence="Client.payment_verified is False",
            )
        )
    return found


def review_contract(
    contract: Contract, *, now: datetime, rules: PlatformRules | None = None
) -> list[Finding]:
    """Review a contract at *now* and report what needs the freelancer's attention.

    Fixed-price contracts are first advanced to *now* with
    :func:`upwork_safety.escrow.advance` (a review period that ran out is
    already paid), then read through :func:`~upwork_safety.escrow.deadlines`:
    ``UNFUNDED_MILESTONE``, ``REVIEW_PERIOD_RUNNING`` (with the exact
    auto-release time), ``REFUND_REQUEST_PENDING`` (with the time left),
    ``DISPUTE_WINDOW_CLOSING``, ``DORMANT_ESCROW``,
    ``ARBITRATION_UNECONOMIC`` (with the fee, its *unconfirmed* flag, and the
    net after the service fee from :func:`upwork_safety.fees.net_earnings`)
    and ``VAGUE_MILESTONE`` for milestones not yet delivered.

    Hourly contracts are invoiced with :func:`upwork_safety.hourly.invoice_for`
    for the current billing week and for last week while its dispute window
    is open: ``UNPROTECTED_HOURS``, ``OVER_WEEKLY_LIMIT``, and
    ``UNVERIFIED_CLIENT`` while the contract is open.

    Args:
        contract: The contract, as recorded so far (its ``history`` up to
            now, or less: automatic steps are applied here).
        now: The moment of the review (timezone-aware).
        rules: Platform rules to use instead of those in force on each date.

    Returns:
        The findings, most severe first, then soonest deadline first.

    Raises:
        InvalidValueError: *now* is naive, or earlier than the contract's
            last event; an hourly contract with time but no hourly rate.
        InvalidTypeError: *contract* is not a Contract or *rules* not
            :class:`~upwork_safety.rules.PlatformRules`.
    """
    if not isinstance(contract, Contract):
        raise InvalidTypeError(
            f"review_contract(contract) must be a Contract, not {type(contract).__name__}"
        )
    now = utc_instant(now, "review_contract(now)")
    if rules is not None and not isinstance(rules, PlatformRules):
        raise InvalidTypeError(
            f"review_contract(rules) must be PlatformRules or None, not {type(rules).__name__}"
        )
    if contract.kind is ContractKind.HOURLY:
        return _sorted(_hourly(contract, now, rules))
    return _sorted(_fixed_price(contract, now, rules))
