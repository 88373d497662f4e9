"""What a check reports: the :class:`Finding` value, its validators, and the ways to show findings.

Owns :class:`Finding` with its validators, the two ways to show findings
(:func:`to_records`, :func:`to_html`), and how the checks build and order
them (:func:`make_finding`, :func:`sorted_findings`).  The codes a finding
carries, and what each means, are ``_codes``'.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from typing import Any

import attrs

from upwork_safety._amount_fields import optional_cents_field
from upwork_safety._display import shown
from upwork_safety._moments import computed_utc_field, optional_to_utc
from upwork_safety._pickling import through_init
from upwork_safety._plain import (
    optional_plain_duration,
    optional_plain_text,
    plain_int_items,
    plain_text,
)
from upwork_safety._render import html_table, money_record
from upwork_safety._text import is_blank
from upwork_safety._validate import (
    bool_field,
    field_name,
    finer_error,
    instance_field,
    optional_id_field,
    sequence_of,
    shown_text_field,
    text_field,
)
from upwork_safety.checks._codes import (
    CODES,
    CodeInfo,
    Confidence,
    FindingCode,
    Severity,
    _check_code,
    _to_code,
    is_message_code,
)
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.money import Money, optional_plain_money

_UTC = timezone.utc


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
    shown_text_field(instance, attribute, value)


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
        raise finer_error(value, timedelta, field_name(instance, attribute))
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


_ORDER = {code: index for index, code in enumerate(CODES)}

#: The confidence every finding of a check that reads no message carries (see
#: :class:`Confidence`): contract findings are computed, a vague milestone judged.
_FIXED_CONFIDENCE = {
    "fixed-price contract": Confidence.HIGH,
    "hourly contract": Confidence.HIGH,
    "any contract": Confidence.HIGH,
    "milestone": Confidence.MEDIUM,
}


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
            pay, the arbitration fee).  Money paid or billed to the
            freelancer is the gross, before Upwork's service fee; a finding
            that says when it becomes available to withdraw gives the
            amount after the fee in its message.
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
        """One flat dict with every field, for ``pandas.DataFrame``.

        The ``amount`` is its ``Decimal`` with its ``currency`` code in the
        column after it (``None`` for both when the finding has no amount),
        as in every report's rows.
        """
        fields = attrs.fields(Finding)
        return [money_record(((f.name, getattr(self, f.name)) for f in fields), ("amount",))]

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
