"""What a check reports: the finding codes, their documentation, and the :class:`Finding` value.

Owns :class:`FindingCode` (the stable codes), :class:`Severity`,
:class:`Confidence`, :class:`CodeInfo` and :data:`CODES` (what each code
catches and the rule behind it), :class:`Finding` with its validators, and
the two ways to show findings (:func:`to_records`, :func:`to_html`).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, cast

import attrs

from upwork_safety._display import shown
from upwork_safety._moments import computed_utc_field, optional_to_utc
from upwork_safety._pickling import through_init
from upwork_safety._plain import (
    optional_plain_duration,
    optional_plain_text,
    plain_int_items,
    plain_text,
)
from upwork_safety._render import html_table, plain
from upwork_safety._validate import (
    bool_field,
    field_name,
    id_field,
    instance_field,
    is_blank,
    optional_cents_field,
    optional_id_field,
    sequence_of,
    text_field,
)
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.kinds import StrEnum
from upwork_safety.money import Money, optional_plain_money
from upwork_safety.rules import _rule_source

if TYPE_CHECKING:
    from collections.abc import Iterable

_UTC = timezone.utc


class _Ranked(enum.Enum):
    """An enum whose members compare by their declared order, and only with each other."""

    @property
    def rank(self) -> int:
        """The member's position: 0 for the lowest."""
        return list(type(self)).index(self)

    def _other(self, other: object) -> _Ranked:
        if type(other) is not type(self):
            name = type(self).__name__
            raise InvalidTypeError(
                f"cannot compare {name} with {type(other).__name__}",
                field=name,
                rule=f"compared with another {name}",
            )
        return other

    def __lt__(self, other: object) -> bool:
        return self.rank < self._other(other).rank

    def __le__(self, other: object) -> bool:
        return self.rank <= self._other(other).rank

    def __gt__(self, other: object) -> bool:
        return self.rank > self._other(other).rank

    def __ge__(self, other: object) -> bool:
        return self.rank >= self._other(other).rank


class Severity(_Ranked):
    """How urgent a finding is; members compare in order ``INFO < WARNING < DANGER``."""

    #: Worth knowing; nothing to do yet.
    INFO = "info"
    #: Act soon or change how you work, or you may lose money or standing.
    WARNING = "warning"
    #: Stop: money or the account is at risk right now.
    DANGER = "danger"


class Confidence(_Ranked):
    """How sure a check is of a finding; members compare ``LOW < MEDIUM < HIGH``.

    Contract findings are computed from the contract's own figures and are
    always ``HIGH``; a vague milestone is a judgement on its wording
    (``MEDIUM``).  For messages the level says what the evidence is:
    """

    #: One cue of the risk with nothing against it, e.g. a bare question
    #: about a payment app ("do you have PayPal?") or a rating asked for
    #: without a clear request.
    LOW = "low"
    #: Several cues in one sentence with nothing suppressing them: a request
    #: or offer, an off-platform channel or payment method, and no negation,
    #: past tense, product talk or Upwork feature around them.
    MEDIUM = "medium"
    #: The evidence alone is the risk: a contact detail (e-mail address,
    #: phone number, chat handle or link), or an explicit request or offer
    #: that names what is asked (a named fee to pay, "pay you via PayPal",
    #: "start now, fund later", "same price").
    HIGH = "high"


class FindingCode(StrEnum):
    """The stable code of a finding; each member equals its name as a string.

    ``FindingCode.SCOPE_CREEP == "SCOPE_CREEP"`` holds, so code written
    against the plain strings keeps working, and a member shows as its text
    (``'SCOPE_CREEP'``) in lists and reprs.  :data:`CODES` documents each.
    """

    def __repr__(self) -> str:
        return repr(self.value)

    UNFUNDED_MILESTONE = "UNFUNDED_MILESTONE"
    VAGUE_MILESTONE = "VAGUE_MILESTONE"
    START_BEFORE_FUNDING = "START_BEFORE_FUNDING"
    OFF_PLATFORM_PAYMENT = "OFF_PLATFORM_PAYMENT"
    OFF_PLATFORM_CONTACT = "OFF_PLATFORM_CONTACT"
    UPFRONT_FEE = "UPFRONT_FEE"
    SCOPE_CREEP = "SCOPE_CREEP"
    REVIEW_BEGGING = "REVIEW_BEGGING"
    REVIEW_PERIOD_RUNNING = "REVIEW_PERIOD_RUNNING"
    REFUND_REQUEST_PENDING = "REFUND_REQUEST_PENDING"
    DISPUTE_WINDOW_CLOSING = "DISPUTE_WINDOW_CLOSING"
    DISPUTE_STEP_DUE = "DISPUTE_STEP_DUE"
    ARBITRATION_UNECONOMIC = "ARBITRATION_UNECONOMIC"
    DORMANT_ESCROW = "DORMANT_ESCROW"
    UNPROTECTED_HOURS = "UNPROTECTED_HOURS"
    OVER_WEEKLY_LIMIT = "OVER_WEEKLY_LIMIT"
    UNVERIFIED_CLIENT = "UNVERIFIED_CLIENT"


_CODE_VALUES = frozenset(code.value for code in FindingCode)


def _to_code(value: object) -> FindingCode:
    """A documented code given as text becomes its :class:`FindingCode`.

    Anything else is passed on unchanged for the validator to refuse.
    """
    if type(value) is str and value in _CODE_VALUES:
        return FindingCode(value)
    return cast("FindingCode", value)


def _check_code(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, FindingCode):
        name = field_name(instance, attribute)
        raise InvalidValueError(
            f"{name} must be one of the documented codes ({', '.join(CODES)}), got {shown(value)}",
            field=name,
            rule="a documented code",
        )


def _check_due(instance: object, attribute: Any, value: object) -> None:
    if value is not None:  # a deadline, computed: it may fall after the last input day
        computed_utc_field(instance, attribute, value)


def _plain_span(value: Any) -> Any:
    """An attrs converter: a ``(start, end)`` tuple with ``int`` subclasses made plain."""
    return plain_int_items(value) if type(value) is tuple else value


def _check_span(instance: Finding, attribute: Any, value: Any) -> None:
    name = field_name(instance, attribute)
    if value is None:
        if is_message_code(instance.code):
            raise InvalidValueError(
                f"{name} is needed for {instance.code.value}, a message finding: the "
                "(start, end) of its evidence in the message",
                field=name,
                rule="a span on every message finding",
            )
        return
    if not (isinstance(value, tuple) and len(value) == 2 and all(type(v) is int for v in value)):
        raise InvalidTypeError(
            f"{name} must be a (start, end) tuple of two ints or None, not {shown(value)}",
            field=name,
            rule="a (start, end) tuple of ints",
        )
    start, end = value
    if not 0 <= start < end:
        raise InvalidValueError(
            f"{name} must satisfy 0 <= start < end (the evidence is some words), got "
            f"{shown(value)}",
            field=name,
            rule="0 <= start < end",
        )
    if not is_message_code(instance.code):
        raise InvalidValueError(
            f"{name} must be None for {instance.code.value}, which is not a message finding "
            f"(it applies to a {CODES[instance.code].applies_to}), got {shown(value)}",
            field=name,
            rule="only on a message finding",
        )
    # text[start:end] == evidence, so the span is exactly as long as the evidence.
    if end - start != len(instance.evidence):
        raise InvalidValueError(
            f"{name} {shown(value)} covers {end - start} characters but Finding.evidence holds "
            f"{len(instance.evidence)}; the evidence is the text at the span",
            field=name,
            rule="end - start == len(evidence)",
        )
    if is_blank(instance.evidence):
        raise InvalidValueError(
            f"Finding.evidence of a message finding is the words found, not blank; got "
            f"{shown(instance.evidence)}",
            field="Finding.evidence",
            rule="the words at the span, not blank",
        )


def _check_severity(instance: Finding, attribute: Any, value: Any) -> None:
    instance_field(Severity)(instance, attribute, value)
    expected = CODES[instance.code].severity
    if value is not expected:
        name = field_name(instance, attribute)
        raise InvalidValueError(
            f"{name} must be {expected.name} for {instance.code.value} "
            f"(CODES[{shown(instance.code.value)}].severity), got {value.name}",
            field=name,
            rule="the severity CODES gives the code",
        )


def _check_said(instance: object, attribute: Any, value: Any) -> None:
    # What was found and what to do: text that says something, never blank.
    id_field(instance, attribute, value)


def _check_script(instance: Finding, attribute: Any, value: Any) -> None:
    text_field(instance, attribute, value)
    if value and not instance.advice.endswith(_say(value)):
        raise InvalidValueError(
            f"Finding.advice must end with the script, as {_say('<script>')}, when "
            f"{field_name(instance, attribute)} is given",
            field="Finding.advice",
            rule="ends with the script",
        )


def _check_time_left(instance: Finding, attribute: Any, value: Any) -> None:
    instance_field(timedelta, optional=True)(instance, attribute, value)
    if value is not None and type(value) is not timedelta:  # what the converter left
        name = field_name(instance, attribute)
        raise InvalidTypeError(
            f"{name} must be a plain timedelta, not {type(value).__name__} holding more "
            "than a timedelta can",
            field=name,
            rule="a timedelta",
        )
    if value is not None and instance.due is None:
        name = field_name(instance, attribute)
        raise InvalidValueError(
            f"{name} is the due moment minus the moment of the check, so it needs "
            "Finding.due; got a time left without a due moment",
            field=name,
            rule="only with a due moment",
        )


def _check_confidence(instance: Finding, attribute: Any, value: Any) -> None:
    instance_field(Confidence)(instance, attribute, value)
    fixed = _FIXED_CONFIDENCE.get(CODES[instance.code].applies_to)
    if fixed is not None and value is not fixed:
        name = field_name(instance, attribute)
        raise InvalidValueError(
            f"{name} must be {fixed.name} for {instance.code.value} (every "
            f"{CODES[instance.code].applies_to} finding is), got {value.name}",
            field=name,
            rule=f"{fixed.name} for every {CODES[instance.code].applies_to} finding",
        )


def _source(field: str) -> str:
    """The published source of a :class:`PlatformRules` field."""
    return _rule_source(field).source


def rule_unconfirmed(field: str) -> bool:
    """Whether the :class:`PlatformRules` field's value is marked unconfirmed."""
    return _rule_source(field).unconfirmed


@through_init
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
        source: Where the rule is published (a Help Center or Community
            page, as on the rules page), or a note saying it is general
            advice outside them.
    """

    code: FindingCode = attrs.field(converter=_to_code, validator=_check_code)
    severity: Severity = attrs.field(validator=instance_field(Severity))
    applies_to: str = attrs.field(converter=plain_text, validator=text_field)
    trigger: str = attrs.field(converter=plain_text, validator=text_field)
    rule: str = attrs.field(converter=plain_text, validator=text_field)
    source: str = attrs.field(converter=plain_text, validator=text_field)

    def to_records(self) -> list[dict[str, object]]:
        """One flat dict with every field, for ``pandas.DataFrame``."""
        return [{f.name: plain(getattr(self, f.name)) for f in attrs.fields(CodeInfo)}]


_OUTSIDE = "not among the rule sources this library models"
_CODE_LIST: tuple[CodeInfo, ...] = (
    CodeInfo(
        FindingCode.UNFUNDED_MILESTONE,
        Severity.DANGER,
        "fixed-price contract",
        "The contract is open, no milestone is active (funded, in review, in a refund "
        "request or a dispute), and the next milestone (or the contract, if it has none) "
        "holds less than its amount in escrow (nothing, or only a remainder carried from a "
        "partial approval): the next work would be unprotected. When a paid milestone "
        "still holds a remainder too large to carry, the next milestone cannot be funded "
        "until it is released or refunded, and the advice says so.",
        "Only work on a funded milestone is covered by Fixed-Price Protection; later "
        "milestones wait unfunded, one active at a time.",
        f"{_source('minimum_milestone')} (one active milestone); HC 211063748 "
        "(Fixed-Price Protection)",
    ),
    CodeInfo(
        FindingCode.VAGUE_MILESTONE,
        Severity.WARNING,
        "milestone",
        "The title and description do not name the deliverables (counted, e.g. '5 pages', "
        "or named, e.g. 'Home, About, Contact') and how they will be checked (a file "
        "format, an acceptance criterion or a revision limit).",
        "Approval, requested changes, partial payment and disputes are all judged "
        "against the milestone; only future (unfunded) milestones can be edited.",
        f"derived from HC 360000990348 (approve, request changes, pay less), HC 211062068 "
        f"(disputes) and {_source('minimum_milestone')} (only unfunded milestones "
        "can be edited)",
    ),
    CodeInfo(
        FindingCode.START_BEFORE_FUNDING,
        Severity.DANGER,
        "incoming message",
        "The client asks you to start (or deliver) before the milestone is funded or "
        "the contract exists, to work without escrow (or to deliver the work outside "
        "Upwork's submission), to do free or unpaid sample or test work before hiring, or "
        "says payment comes only after delivery.",
        "Only funded milestones are protected; work done before funding can be taken "
        "without paying.",
        "HC 211063748 (Fixed-Price Protection)",
    ),
    CodeInfo(
        FindingCode.OFF_PLATFORM_PAYMENT,
        Severity.DANGER,
        "any message",
        "A request or offer to pay or be paid outside Upwork: through a named method "
        "(PayPal, Payoneer, Wise, a bank transfer, JazzCash, Easypaisa, crypto, cash...), "
        "'directly' or 'outside Upwork', to save Upwork's fee, or a request for bank or "
        "payment-account details.",
        "Money paid off the platform has no escrow, no protection and no dispute "
        "process, and taking it breaks Upwork's Terms of Service.",
        f"HC 211068288 (anything paid off-platform is not protected); Upwork Terms of "
        f"Service on fee circumvention ({_OUTSIDE})",
    ),
    CodeInfo(
        FindingCode.OFF_PLATFORM_CONTACT,
        Severity.WARNING,
        "any message",
        "A contact detail (an e-mail address, a phone number, a chat handle or link, "
        "also spelled out or disguised), or a request or offer to talk on WhatsApp, "
        "Telegram, Skype, Discord, Signal, e-mail, phone or another channel outside "
        "Upwork.  Zoom, Teams, Slack and Google Meet calls are not flagged.",
        "Before a contract, contact details may not be shared; off the platform "
        "nothing that is said can be shown in a dispute, and most scams start there.",
        f"Upwork Terms of Service on communication ({_OUTSIDE}); general safety advice",
    ),
    CodeInfo(
        FindingCode.UPFRONT_FEE,
        Severity.DANGER,
        "incoming message",
        "You are asked to pay to get or start work: a registration, training, "
        "activation, verification or onboarding fee, a security deposit, or a purchase "
        "(a kit, a licence, equipment, a course, a gift card, crypto) 'we reimburse'.",
        "A client never charges a freelancer to work; this is the most common job scam.",
        f"general safety advice ({_OUTSIDE}); HC 211063748 (protection covers escrow, "
        "never money you send)",
    ),
    CodeInfo(
        FindingCode.SCOPE_CREEP,
        Severity.WARNING,
        "incoming message",
        "More work inside the same milestone and price: 'one more page', 'can you also "
        "just quickly…', 'shouldn't take long', 'while you're at it', 'same price', "
        "'it wasn't in the brief but…', 'ek page aur bana dein'.",
        "Escrow covers the milestone as funded; extra work belongs in a new milestone, "
        "which must be funded before you start it.",
        f"derived from HC 211063748 (only funded work is protected) and "
        f"{_source('minimum_milestone')} (new work goes in a new milestone)",
    ),
    CodeInfo(
        FindingCode.REVIEW_BEGGING,
        Severity.WARNING,
        "any message",
        "Your message asks for a particular rating: five stars, 10/10, 'a good review', "
        "'would recommend', or offers something for it; or the client offers a rating (or "
        "threatens a bad one) for a refund, money back, a discount or free work, or to swap "
        "ratings, or offers a bonus or a tip for your rating of them.",
        "Asking for (or offering something for) a particular rating breaks Upwork's "
        "feedback rules; asking for honest feedback is fine.",
        f"Upwork feedback policy ({_OUTSIDE}); feedback feeds the Job Success Score (HC 211063558)",
    ),
    CodeInfo(
        FindingCode.REVIEW_PERIOD_RUNNING,
        Severity.INFO,
        "fixed-price contract",
        "Work was submitted and the client's review period runs; the finding gives the "
        "exact moment the escrow is released if the client stays silent.",
        "The client has the review period to approve or request changes; silence "
        "releases the escrow automatically.",
        _source("review_period"),
    ),
    CodeInfo(
        FindingCode.REFUND_REQUEST_PENDING,
        Severity.DANGER,
        "fixed-price contract",
        "The client asked for the escrow back (or ended the contract) and you have not "
        "answered; the finding gives the deadline and the time left.",
        "You must accept or dispute an escrow refund request in time; silence refunds the client.",
        _source("refund_response_window"),
    ),
    CodeInfo(
        FindingCode.DISPUTE_WINDOW_CLOSING,
        Severity.WARNING,
        "fixed-price contract",
        "The contract ended (by either side or by dormancy) with money of a milestone "
        "still in escrow under the refund request, and the window to file a dispute "
        "against it is still open; one finding per milestone, giving when it closes: "
        "the end of the filing window or the automatic refund, whichever comes first.",
        "A dispute can only be filed within the window after the contract ends (or the "
        "refund request), and not once the escrow has been refunded.",
        _source("dispute_filing_window"),
    ),
    CodeInfo(
        FindingCode.DISPUTE_STEP_DUE,
        Severity.DANGER,
        "fixed-price contract",
        "A milestone's dispute is in mediation (both parties must accept the mediator's "
        "proposal by a deadline, or it fails) or in the arbitration opt-in window and you "
        "have not paid the arbitration fee; the finding gives the deadline, the fee and "
        "whether the fee is unconfirmed.  Nothing is reported once you have paid.",
        "Mediation needs both parties to accept; when it fails, each party has the "
        "opt-in window to pay the arbitration fee: if both decline the escrow goes to "
        "the client, if only one pays it goes to the payer.",
        f"{_source('mediation_acceptance')} (mediation); {_source('arbitration_opt_in')} "
        f"(arbitration); fee: {_source('arbitration_fee')} (unconfirmed)",
    ),
    CodeInfo(
        FindingCode.ARBITRATION_UNECONOMIC,
        Severity.INFO,
        "fixed-price contract",
        "Money in escrow for a milestone is less than the arbitration fee each party "
        "pays; the finding carries the fee and whether the figure is unconfirmed.",
        "If mediation fails, arbitration costs each side its fee, so a small milestone "
        "cannot be defended there; keep milestones small but keep evidence in writing.",
        f"{_source('arbitration_opt_in')} (arbitration); fee: "
        f"{_source('arbitration_fee')} (unconfirmed)",
    ),
    CodeInfo(
        FindingCode.DORMANT_ESCROW,
        Severity.WARNING,
        "fixed-price contract",
        "Escrow has sat untouched long enough that Upwork's dormancy notices are due "
        "within the notice period (or have started); the contract will close itself.",
        "After the dormancy period and two notices, Upwork closes the contract and "
        "turns the escrow into a refund request.",
        _source("dormancy_period"),
    ),
    CodeInfo(
        FindingCode.UNPROTECTED_HOURS,
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
        FindingCode.OVER_WEEKLY_LIMIT,
        Severity.WARNING,
        "hourly contract",
        "Time logged in the current or last week after the weekly limit was reached.",
        "Hours over the weekly limit are not invoiced: that time is unpaid.",
        "HC 211063668 (weekly limit)",
    ),
    CodeInfo(
        FindingCode.UNVERIFIED_CLIENT,
        Severity.WARNING,
        "hourly contract",
        "An open hourly contract with a client whose billing method is not verified.",
        "Hourly Protection requires a client with a verified billing method; without "
        "it no hour is covered.",
        "HC 211068288 (Hourly Protection)",
    ),
)


class _CodeTable(Mapping[FindingCode, CodeInfo]):
    """A read-only ``{code: CodeInfo}`` table whose repr fits on one line."""

    def __init__(self, infos: Iterable[CodeInfo]) -> None:
        self._table = {info.code: info for info in infos}

    def __getitem__(self, code: FindingCode) -> CodeInfo:
        return self._table[code]

    def __iter__(self) -> Iterator[FindingCode]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def __repr__(self) -> str:
        return f"<{len(self)} finding codes: {', '.join(self._table)}>"


#: Every finding code, in the order they are documented: ``{code: CodeInfo}``
#: (read-only; a plain string such as ``"SCOPE_CREEP"`` works as a key).
CODES: Mapping[FindingCode, CodeInfo] = _CodeTable(_CODE_LIST)
_ORDER = {code: index for index, code in enumerate(CODES)}

#: The confidence every finding of a check that reads no message carries (see
#: :class:`Confidence`): contract findings are computed, a vague milestone judged.
_FIXED_CONFIDENCE = {
    "fixed-price contract": Confidence.HIGH,
    "hourly contract": Confidence.HIGH,
    "milestone": Confidence.MEDIUM,
}


def is_message_code(code: FindingCode) -> bool:
    """Whether findings with *code* are reported on a message (CODES says where it applies)."""
    return CODES[code].applies_to.endswith("message")


def _say(script: str) -> str:
    """How the advice ends when a finding has a script to answer with."""
    return f'Say: "{script}"'


@through_init
@attrs.frozen(repr=False)
class Finding:
    """One thing a freelancer should know, with what to do and what to say.

    Every rule below is checked when a finding is built (or loaded), so a
    finding that breaks one cannot exist.

    Args:
        code: A documented code (a :class:`FindingCode`, or its text).
        severity: The code's :class:`Severity`, ``CODES[code].severity``
            (one code, one severity); any other is refused.
        message: What was found, in one or two sentences (not blank).
        advice: What to do (not blank); with a *script*, it ends with the
            script as ``Say: "<script>"``.
        milestone_id: The id of the milestone concerned (not blank), if any.
        evidence: What triggered the finding: for a message, the words of
            the message at :attr:`span` (as written); for a milestone, the
            signals found and missing; for a contract, the figures.
        script: The polite reply on its own, ready to copy.
        due: When the deadline passes (UTC), for findings about a clock.
        time_left: ``due`` minus the moment of the check: only with *due*.
        amount: The money concerned (the escrow at stake, the unprotected
            pay, the arbitration fee).
        unconfirmed: Whether a figure in the finding is an unconfirmed rule
            value (see :func:`upwork_safety.rules.sources`).
        span: For a message finding (needed), ``(start, end)`` with
            ``start < end``: the evidence's offsets in the original
            message, so ``text[start:end] == evidence`` (``end - start`` is
            the evidence's length, and the evidence is not blank); ``None``
            for findings of the other codes.
        confidence: How sure the check is (see :class:`Confidence` for what
            each level means): ``HIGH`` for a contract finding, ``MEDIUM``
            for a vague milestone, any level for a message finding.

    Raises:
        InvalidValueError: An undocumented code, a severity other than the
            code's, a blank message, advice or milestone id, advice that
            does not end with the script, a naive *due*, a *time_left*
            without *due*, a message finding without a span or with blank
            evidence, a span that is empty, whose length is not the
            evidence's or on a finding that is not about a message, or a
            confidence other than the one the code's check gives.
        InvalidTypeError: A field of the wrong type.
    """

    code: FindingCode = attrs.field(converter=_to_code, validator=_check_code)
    severity: Severity = attrs.field(validator=_check_severity)
    message: str = attrs.field(converter=plain_text, validator=_check_said)
    advice: str = attrs.field(converter=plain_text, validator=_check_said)
    milestone_id: str | None = attrs.field(
        converter=optional_plain_text, default=None, validator=optional_id_field
    )
    evidence: str = attrs.field(converter=plain_text, default="", validator=text_field)
    script: str = attrs.field(converter=plain_text, default="", validator=_check_script)
    due: datetime | None = attrs.field(
        default=None, converter=optional_to_utc, validator=_check_due
    )
    time_left: timedelta | None = attrs.field(
        default=None, converter=optional_plain_duration, validator=_check_time_left
    )
    amount: Money | None = attrs.field(
        converter=optional_plain_money, default=None, validator=optional_cents_field
    )
    unconfirmed: bool = attrs.field(default=False, validator=bool_field)
    span: tuple[int, int] | None = attrs.field(
        default=None, converter=_plain_span, validator=_check_span
    )
    confidence: Confidence = attrs.field(default=Confidence.HIGH, validator=_check_confidence)

    @property
    def info(self) -> CodeInfo:
        """The documentation of this finding's code."""
        return CODES[self.code]

    def to_records(self) -> list[dict[str, object]]:
        """One flat dict with every field, for ``pandas.DataFrame``."""
        return [{f.name: plain(getattr(self, f.name)) for f in attrs.fields(Finding)}]

    def __repr__(self) -> str:
        parts = [self.code.value, self.severity.name]
        if self.milestone_id is not None:
            parts.append(f"milestone_id={self.milestone_id!r}")
        if self.evidence:
            shown = self.evidence if len(self.evidence) <= 60 else self.evidence[:59] + "…"
            parts.append(f"evidence={shown!r}")
        if self.span is not None:
            parts.append(f"span={self.span!r}")
        if self.due is not None:
            parts.append(f"due={self.due.isoformat()}")
        if self.confidence is not Confidence.HIGH:
            parts.append(f"confidence={self.confidence.name}")
        return f"Finding({', '.join(parts)})"

    def _repr_html_(self) -> str:
        return to_html([self])


def to_records(findings: Iterable[Finding]) -> list[dict[str, object]]:
    """Return one flat dict per finding (for ``pandas.DataFrame(to_records(found))``).

    Args:
        findings: Findings, e.g. the result of :func:`review_contract`.

    Returns:
        The rows, in the order given.

    Raises:
        InvalidTypeError: *findings* is not a sequence of :class:`Finding`.
    """
    items = sequence_of(findings, Finding, "findings")
    return [row for finding in items for row in finding.to_records()]


_HTML_COLUMNS = ("severity", "code", "milestone_id", "message", "advice", "due")


def to_html(findings: Iterable[Finding], *, caption: str = "Findings") -> str:
    """Render findings as a compact HTML table (for notebooks).

    Args:
        findings: The findings to show.
        caption: The table caption.

    Returns:
        An HTML ``<table>``.

    Raises:
        InvalidTypeError: *findings* is not a sequence of :class:`Finding`,
            or *caption* is not a ``str``.
    """
    items = sequence_of(findings, Finding, "findings")
    if not isinstance(caption, str):
        raise InvalidTypeError(
            f"caption must be a str, not {type(caption).__name__}", field="caption", rule="a str"
        )
    rows = [{name: getattr(finding, name) for name in _HTML_COLUMNS} for finding in items]
    return html_table(rows, caption=caption, columns=_HTML_COLUMNS)


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Most severe first; then the soonest deadline; then documented code order."""
    far = datetime.max.replace(tzinfo=_UTC)
    return sorted(findings, key=lambda f: (-f.severity.rank, f.due or far, _ORDER[f.code]))


def make_finding(
    code: FindingCode, message: str, advice: str, script: str, **fields: object
) -> Finding:
    """A finding with its code's severity, and the script appended to the advice."""
    full = f"{advice} {_say(script)}" if script else advice
    return Finding(code, CODES[code].severity, message, full, script=script, **fields)  # type: ignore[arg-type]  # each field is checked by Finding's validators
