"""The finding codes, their levels, and what each code means in :data:`CODES` (private).

Owns :class:`FindingCode` (the stable codes), :class:`Severity`,
:class:`Confidence`, :class:`CodeInfo` and :data:`CODES` (what each code
catches and the rule behind it, with the published source read from the
rules).  The :class:`Finding` value that carries a code is ``_findings``'.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, cast

import attrs

from upwork_safety._display import shown
from upwork_safety._members import CheckedEnum
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_text
from upwork_safety._render import plain
from upwork_safety._validate import field_name, instance_field, text_field
from upwork_safety.errors import InvalidTypeError, InvalidValueError, UnknownMemberError
from upwork_safety.kinds import StrEnum
from upwork_safety.rules import _rule_source

if TYPE_CHECKING:
    from collections.abc import Iterable


class _Ranked(CheckedEnum):
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
    MILESTONE_BELOW_MINIMUM = "MILESTONE_BELOW_MINIMUM"
    START_BEFORE_FUNDING = "START_BEFORE_FUNDING"
    OFF_PLATFORM_PAYMENT = "OFF_PLATFORM_PAYMENT"
    OFF_PLATFORM_CONTACT = "OFF_PLATFORM_CONTACT"
    UPFRONT_FEE = "UPFRONT_FEE"
    SCOPE_CREEP = "SCOPE_CREEP"
    REVIEW_BEGGING = "REVIEW_BEGGING"
    ACCOUNT_SHARING = "ACCOUNT_SHARING"
    UNREAD_SCRIPT = "UNREAD_SCRIPT"
    REVIEW_PERIOD_RUNNING = "REVIEW_PERIOD_RUNNING"
    FUNDS_PENDING = "FUNDS_PENDING"
    REFUND_REQUEST_PENDING = "REFUND_REQUEST_PENDING"
    DISPUTE_WINDOW_CLOSING = "DISPUTE_WINDOW_CLOSING"
    DISPUTE_STEP_DUE = "DISPUTE_STEP_DUE"
    DISPUTE_ANSWER_DUE = "DISPUTE_ANSWER_DUE"
    ARBITRATION_UNECONOMIC = "ARBITRATION_UNECONOMIC"
    DORMANT_ESCROW = "DORMANT_ESCROW"
    UNPROTECTED_HOURS = "UNPROTECTED_HOURS"
    OVER_WEEKLY_LIMIT = "OVER_WEEKLY_LIMIT"
    UNVERIFIED_CLIENT = "UNVERIFIED_CLIENT"
    HOURS_IN_REVIEW = "HOURS_IN_REVIEW"
    HOURS_PENDING = "HOURS_PENDING"
    FEE_RATE_NOT_CHARGED = "FEE_RATE_NOT_CHARGED"
    CHANGES_REQUESTED = "CHANGES_REQUESTED"
    CURRENCY_NOT_MODELLED = "CURRENCY_NOT_MODELLED"


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
            # The codes by count, not name: 27 names would crowd out the value (test_errors).
            f"{name} must be one of the {len(CODES)} documented codes (checks.CODES lists them), "
            f"got {shown(value)}",
            field=name,
            rule="a documented code",
        )


def _source(field: str) -> str:
    """The published source of a :class:`PlatformRules` field."""
    return _rule_source(field).source


def rule_unconfirmed(field: str) -> bool:
    """Whether the :class:`PlatformRules` field's value is marked unconfirmed."""
    return _rule_source(field).unconfirmed


def _sourced(field: str) -> str:
    """The source of a :class:`PlatformRules` field, marked when its value is unconfirmed."""
    return _source(field) + (" (unconfirmed)" if rule_unconfirmed(field) else "")


@through_init
@attrs.frozen
class CodeInfo:
    """One finding code: what triggers it and the rule behind it.

    Attributes:
        code: The stable upper-case code.
        severity: The severity every finding with this code carries.
        applies_to: Which check reports it: ``"incoming message"``,
            ``"outgoing message"``, ``"any message"``, ``"milestone"``,
            ``"fixed-price contract"``, ``"hourly contract"`` or ``"any
            contract"``.
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
        "until it is released or refunded, and the advice says so; when Upwork would "
        "refuse to fund it for another reason (the contract has not started, the "
        "milestone is below the minimum), the advice names that reason.",
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
        FindingCode.MILESTONE_BELOW_MINIMUM,
        Severity.WARNING,
        "fixed-price contract",
        "The contract is open and a milestone still to be funded (any of them, not only "
        "the next) is below the minimum milestone of the rules in force in its currency; "
        "the finding names the milestone, the minimum and the minimum's source. The next "
        "milestone, when UNFUNDED_MILESTONE already asks to raise it, is not reported "
        "twice.",
        "Upwork funds no milestone below the minimum, so work on it can never be "
        "protected; only future (unfunded) milestones can be edited.",
        _source("minimum_milestone"),
    ),
    CodeInfo(
        FindingCode.START_BEFORE_FUNDING,
        Severity.DANGER,
        "incoming message",
        "The client asks you to start (or deliver) before the milestone is funded or "
        "the contract exists, to work without escrow (or to deliver the work outside "
        "Upwork's submission), to do free or unpaid sample or test work before hiring, "
        "says payment comes only after delivery, or asks for the funded escrow back (a "
        "refund, or the contract ended) with payment promised again later.",
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
        FindingCode.ACCOUNT_SHARING,
        Severity.DANGER,
        "any message",
        "A request or offer to rent, buy, sell, lend, borrow or use someone's Upwork "
        "account or profile ('can I use your Upwork account? 30% of every payment', "
        "'apna account rent pe de do', 'let me bid from your profile'); its password, "
        "login details or the code Upwork sends (an OTP, a verification or 2FA code) asked "
        "for or offered; another person's CNIC, passport or face for an account's "
        "verification, or your own CNIC asked for to pay you; or a remote-access tool "
        "(AnyDesk, TeamViewer) on your computer.",
        "Nobody may share, sell, trade or transfer an Upwork account, log into someone "
        "else's or let anyone log into theirs; the account is suspended, its earnings can "
        "be held, and a lent identity can be used for crime.",
        f"HC 18513114070419 ('Represent yourself authentically'; {_OUTSIDE})",
    ),
    CodeInfo(
        FindingCode.UNREAD_SCRIPT,
        Severity.INFO,
        "any message",
        "A word or more of the message (at least 4 letters) is in a script the scanner does "
        "not read: Urdu or Arabic script, Devanagari, Cyrillic and the like (it reads English "
        "and Roman Urdu). The finding says in which script, and its evidence is the part not read.",
        "That part of the message was not checked for any of the risks above: finding "
        "nothing else in it does not mean it is safe.",
        "the scanner's own reach (not a platform rule)",
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
        FindingCode.FUNDS_PENDING,
        Severity.INFO,
        "fixed-price contract",
        "Escrow was released to you (approved, released automatically, or by a dispute) or "
        "a bonus was paid, and the money is still in the security period; the finding gives "
        "the amount paid (before Upwork's service fee), what it leaves after the fee, and the "
        "moment that becomes available to withdraw.",
        "Money paid to you is pending for the security period before it can be withdrawn.",
        _source("security_period"),
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
        f"(arbitration); fee: {_sourced('arbitration_fee')}",
    ),
    CodeInfo(
        FindingCode.DISPUTE_ANSWER_DUE,
        Severity.INFO,
        "fixed-price contract",
        "A milestone is in dispute and the client has not answered yet; the finding "
        "gives the client's answer deadline (escrow.deadlines' dispute_response_due) "
        "and the escrow in dispute.",
        "The client has the rules' client_dispute_response to answer a dispute; if "
        "they do not, the disputed funds are released to the freelancer. Once they "
        "answer, mediation starts (DISPUTE_STEP_DUE).",
        _source("client_dispute_response"),
    ),
    CodeInfo(
        FindingCode.ARBITRATION_UNECONOMIC,
        Severity.INFO,
        "fixed-price contract",
        "What winning a milestone's escrow would leave, once Upwork's service fee is "
        "taken, is less than the arbitration fee each party pays; the finding carries the "
        "fee and whether the figure is unconfirmed. A kept legacy rate that only the "
        "client's earlier billings (not recorded on a contract) would confirm is judged at "
        "the most favourable rate the schedule in force allows the contract (the highest "
        "net), and the finding says so; the held amount itself is compared only when no "
        "fee schedule prices it (none in force, or a contract rate refused for good: "
        "FEE_RATE_NOT_CHARGED). Only a "
        "milestone in the fee's currency (USD) is compared: one in another currency is "
        "not, as no exchange rate is assumed: the contract gets CURRENCY_NOT_MODELLED "
        "instead.",
        "If mediation fails, arbitration costs each side its fee, so a small milestone "
        "cannot be defended there; keep milestones small but keep evidence in writing.",
        f"{_source('arbitration_opt_in')} (arbitration); fee: {_sourced('arbitration_fee')}",
    ),
    CodeInfo(
        FindingCode.DORMANT_ESCROW,
        Severity.WARNING,
        "fixed-price contract",
        "Escrow has sat untouched long enough that Upwork's dormancy notices are due "
        "within the notice period (or have started); the contract will close itself. Or a "
        "partial approval left part of the last milestone in escrow, said at once.",
        "After the dormancy period and two notices, Upwork closes the contract and "
        "turns the escrow into a refund request.",
        _source("dormancy_period"),
    ),
    CodeInfo(
        FindingCode.UNPROTECTED_HOURS,
        Severity.WARNING,
        "hourly contract",
        "Time logged or billed in a week whose dispute window is still open (the current "
        "week, and "
        "under the published rules last week until its window closes), that Hourly "
        "Protection does not cover (manual, no memo, low activity, unverified client).",
        "Hourly Protection covers only time tracked by the desktop app, with a memo "
        "and adequate activity, within the limit, for a verified client.",
        "HC 211068288 (Hourly Protection)",
    ),
    CodeInfo(
        FindingCode.OVER_WEEKLY_LIMIT,
        Severity.WARNING,
        "hourly contract",
        "Time logged after the weekly limit was reached, in a week whose dispute window is "
        "still open (the current week, and under the published rules last week until its "
        "window closes).",
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
    CodeInfo(
        FindingCode.HOURS_IN_REVIEW,
        Severity.INFO,
        "hourly contract",
        "A week's hours were invoiced (the rules' hourly_invoice_delay after the week) and the "
        "client's review and dispute window is still open; one finding per week, giving the "
        "amount billed (before Upwork's service fee), the end of the window, and what the pay "
        "leaves after the fee and the moment it becomes available to withdraw (and, where the "
        "hold is skipped, the earlier moment for a Top Rated freelancer).",
        "The client can review and dispute a week's hours until the rules' hourly_review_window "
        "after the week; undisputed hours are then pending until the pay is available.",
        f"{_source('hourly_review_window')} (review window); "
        f"{_source('hourly_available_delay')} (pay available)",
    ),
    CodeInfo(
        FindingCode.HOURS_PENDING,
        Severity.INFO,
        "hourly contract",
        "A week's hours are past the client's dispute window and their pay is not yet "
        "available; one finding per week, giving the amount billed (before Upwork's service "
        "fee), what it leaves after the fee and the moment that becomes available to "
        "withdraw (and, where the hold is skipped, the earlier moment for a Top Rated "
        "freelancer).",
        "A week's pay becomes available the rules' hourly_available_delay after the week; for a "
        "Top Rated freelancer, right after the dispute window.",
        f"{_source('hourly_available_delay')}; {_source('top_rated_skip_hold_since')} (Top Rated)",
    ),
    CodeInfo(
        FindingCode.FEE_RATE_NOT_CHARGED,
        Severity.WARNING,
        "any contract",
        "The contract records a service_fee_rate of its own that the fee engine "
        "(fees.explain_service_fee) refuses on one of its payments, or on a payment made "
        "now: a rate other than the schedule's on a contract started before per-contract "
        "rates, or a kept legacy rate after it ended. The finding quotes the engine's "
        "refusal, and its evidence gives the engine's field and rule. A kept legacy rate "
        "refused only because the client's earlier billings are not known (a contract cannot "
        "hold them) gets none.",
        "A contract's own rate is the one shown on its offer, charged only as the schedule "
        "in force on the payment's day allows; with a rate Upwork does not charge, what a "
        "payment leaves after the fee cannot be told.",
        "HC 211062538 (service fees); the contract's own offer",
    ),
    CodeInfo(
        FindingCode.CHANGES_REQUESTED,
        Severity.INFO,
        "fixed-price contract",
        "The client asked for changes to a submitted milestone and the work has not been "
        "resubmitted; one finding per milestone, giving the money held in escrow and, as "
        "due, when Upwork's first dormancy notice would come if nothing moves it (once "
        "that is near, DORMANT_ESCROW says it instead).",
        '"Request changes" stops the review clock; resubmitting through "Submit work" '
        "starts a fresh review period. Until then nothing is paid, and escrow left "
        "untouched goes dormant.",
        f"HC 360000980507 (request changes); {_source('dormancy_period')} (dormancy)",
    ),
    CodeInfo(
        FindingCode.CURRENCY_NOT_MODELLED,
        Severity.INFO,
        "any contract",
        "The contract has amounts in a currency other than the one Upwork's rules are "
        "modelled in (USD): once per contract, naming what was not checked: the amount "
        "after the service fee, and on a fixed-price contract the minimum milestone "
        "(MILESTONE_BELOW_MINIMUM) and the arbitration fee (ARBITRATION_UNECONOMIC).",
        "The service fee schedules, the minimum milestone and the arbitration fee are "
        "stated in USD; no exchange rate is assumed, so an amount in another currency is "
        "not compared with them.",
        f"{_source('minimum_milestone')} (minimum milestone); HC 211062538 (service fees); "
        f"fee: {_sourced('arbitration_fee')}",
    ),
)


class _CodeTable(Mapping[FindingCode, CodeInfo]):
    """A read-only ``{code: CodeInfo}`` table whose repr fits on one line."""

    def __init__(self, infos: Iterable[CodeInfo]) -> None:
        self._table = {info.code: info for info in infos}

    def __getitem__(self, code: FindingCode) -> CodeInfo:
        """The documentation of *code* (a :class:`FindingCode` or its exact text).

        Raises:
            UnknownMemberError: *code* is no finding code (``field='code'``,
                ``rule='a FindingCode'``); it is a ``KeyError`` too, so
                ``CODES.get`` and ``in`` answer as for any mapping.
        """
        try:
            return self._table[code]
        except (KeyError, TypeError):  # TypeError: an unhashable key
            pass
        given: object = code  # typed FindingCode, but a caller's key can be anything
        text = given if isinstance(given, str) else None
        upper = None if text is None else self._table.get(text.upper())  # type: ignore[call-overload]
        hint = "" if upper is None else f" (codes are upper case: {shown(upper.code.value)})"
        raise UnknownMemberError(
            f"{shown(text) if text is not None else type(given).__name__} is not a finding "
            f"code{hint}; the codes are the keys of checks.CODES",
            field="code",
            rule="a FindingCode",
        )

    def __iter__(self) -> Iterator[FindingCode]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def __repr__(self) -> str:
        return f"<{len(self)} finding codes: {', '.join(self._table)}>"


#: Every finding code, in the order they are documented: ``{code: CodeInfo}``
#: (read-only; a plain string such as ``"SCOPE_CREEP"`` works as a key).
CODES: Mapping[FindingCode, CodeInfo] = _CodeTable(_CODE_LIST)


def is_message_code(code: FindingCode) -> bool:
    """Whether findings with *code* are reported on a message (CODES says where it applies)."""
    return CODES[code].applies_to.endswith("message")
