"""Serialisation round-trip of a 10,000-contract history: ours vs pydantic v2.

The pydantic baseline mirrors every field of the current models (the JSON
both sides read and write is the same shape; ``test_same_json_shape`` checks
that) and the same rules, so both sides validate what they read:

* strict types (``"false"`` is not ``True``), unknown keys refused;
* Money as ``{"amount": "<string>", "currency": "<ISO code babel knows>"}``,
  finite, at most 18 integer digits, non-negative in every money field;
* timezone-aware datetimes, ISO dates, enums by value;
* escrow events as a union tagged by ``"type"`` (all 15 event classes);
* the cross-field rules: one currency per milestone, ``ended`` not before
  ``started``, unique milestone ids, one payment currency, the fee-rate and
  weekly-limit ranges, a time entry's end after its start.
"""

from __future__ import annotations

import json
from datetime import date  # noqa: TC003  (pydantic resolves annotations at runtime)
from decimal import Decimal
from typing import Annotated, Literal, Union

import pytest
from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    field_validator,
    model_validator,
)

from upwork_safety import Contract, serialize
from upwork_safety.money import MAX_DIGITS, _known_currencies

from ._data import contracts

COUNT = 10_000
CURRENCIES = _known_currencies()
LIMIT = Decimal(10) ** MAX_DIGITS


def _decimal_text(v: object) -> object:
    if isinstance(v, str):
        try:
            v = Decimal(v)
        except ArithmeticError:
            raise ValueError("not a decimal number") from None
        if not v.is_finite() or abs(v) >= LIMIT:
            raise ValueError("not a finite decimal within range")
    return v


class _Frozen(BaseModel):
    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")


class PMoney(_Frozen):
    amount: Decimal = Field(ge=0)
    currency: str

    @field_validator("currency")
    @classmethod
    def known(cls, v: str) -> str:
        if v not in CURRENCIES:
            raise ValueError("unknown currency")
        return v

    @field_validator("amount", mode="before")
    @classmethod
    def as_text(cls, v: object) -> object:
        if isinstance(v, bool) or not isinstance(v, (str, int)):
            raise ValueError("amount must be a string or an integer")  # noqa: TRY004  (pydantic reports ValueError)
        return _decimal_text(v) if isinstance(v, str) else Decimal(v)


class PClient(_Frozen):
    id: str = Field(min_length=1)
    name: str = ""
    payment_verified: bool = False
    country: str = ""


EndReasonValue = Literal[
    "completed",
    "unsuccessful",
    "cancelled_early",
    "freelancer_unresponsive",
    "client_unresponsive",
    "other",
]
StateValue = Literal[
    "not_funded",
    "funded",
    "submitted",
    "changes_requested",
    "paid",
    "refund_requested",
    "refunded",
    "disputed",
]


class PFeedback(_Frozen):
    stars: Decimal | None = Field(default=None, ge=1, le=5)
    private_score: int | None = Field(default=None, ge=0, le=10)
    end_reason: EndReasonValue | None = None

    @field_validator("stars", mode="before")
    @classmethod
    def stars_text(cls, v: object) -> object:
        return _decimal_text(v)


class PPayment(_Frozen):
    on: date
    amount: PMoney


class PRelease(_Frozen):
    at: AwareDatetime
    amount: PMoney
    bonus: PMoney


class PMilestone(_Frozen):
    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    amount: PMoney
    description: str = ""
    due: date | None = None
    state: StateValue = "not_funded"
    held: PMoney
    funded: PMoney
    released: PMoney
    refunded: PMoney
    bonus: PMoney
    submitted_at: AwareDatetime | None = None
    refund_requested_at: AwareDatetime | None = None
    carried_over: PMoney
    releases: tuple[PRelease, ...] = ()
    disputed_at: AwareDatetime | None = None
    dispute_answered_at: AwareDatetime | None = None

    @model_validator(mode="after")
    def one_currency(self) -> PMilestone:
        currency = self.amount.currency
        for other in (
            self.held,
            self.funded,
            self.released,
            self.refunded,
            self.bonus,
            self.carried_over,
        ):
            if other.currency != currency:
                raise ValueError("milestone amounts must share one currency")
        return self


class _MilestoneEvent(_Frozen):
    milestone_id: str = Field(min_length=1)
    at: AwareDatetime


class PFund(_MilestoneEvent):
    type: Literal["Fund"]


class PSubmit(_MilestoneEvent):
    type: Literal["Submit"]
    note: str = ""


class PRequestChanges(_MilestoneEvent):
    type: Literal["RequestChanges"]
    note: str = ""


class PApprove(_MilestoneEvent):
    type: Literal["Approve"]
    amount: PMoney | None = None
    bonus: PMoney | None = None


class PRequestRefund(_MilestoneEvent):
    type: Literal["RequestRefund"]


class PAcceptRefund(_MilestoneEvent):
    type: Literal["AcceptRefund"]


class PRefund(_MilestoneEvent):
    type: Literal["Refund"]
    amount: PMoney | None = None


class POpenDispute(_MilestoneEvent):
    type: Literal["OpenDispute"]


class PResolveDispute(_MilestoneEvent):
    type: Literal["ResolveDispute"]
    to_freelancer: PMoney
    to_client: PMoney


class PAnswerDispute(_MilestoneEvent):
    type: Literal["AnswerDispute"]


class PEndContract(_Frozen):
    type: Literal["EndContract"]
    at: AwareDatetime


class PAutoApprove(_MilestoneEvent):
    type: Literal["AutoApprove"]


class PAutoRefund(_MilestoneEvent):
    type: Literal["AutoRefund"]


class PDormancyRefundRequest(_MilestoneEvent):
    type: Literal["DormancyRefundRequest"]


class PAutoDisputeRelease(_MilestoneEvent):
    type: Literal["AutoDisputeRelease"]


PEvent = Annotated[
    Union[  # noqa: UP007  (a runtime union, as pydantic documents tagged unions)
        PFund,
        PSubmit,
        PRequestChanges,
        PApprove,
        PRequestRefund,
        PAcceptRefund,
        PRefund,
        POpenDispute,
        PResolveDispute,
        PAnswerDispute,
        PEndContract,
        PAutoApprove,
        PAutoRefund,
        PDormancyRefundRequest,
        PAutoDisputeRelease,
    ],
    Field(discriminator="type"),
]


class PTimeEntry(_Frozen):
    start: AwareDatetime
    end: AwareDatetime
    manual: bool = False
    memo: str = ""
    activity: int | None = Field(default=None, ge=0, le=10)

    @model_validator(mode="after")
    def ordered(self) -> PTimeEntry:
        if self.end <= self.start:
            raise ValueError("end must be after start")
        return self


class PContract(_Frozen):
    id: str = Field(min_length=1)
    client: PClient
    kind: Literal["fixed_price", "hourly"]
    started: date
    ended: date | None = None
    milestones: tuple[PMilestone, ...] = ()
    payments: tuple[PPayment, ...] = ()
    feedback: PFeedback | None = None
    service_fee_rate: Decimal | None = Field(default=None, ge=0, le=Decimal("0.15"))
    hourly_rate: PMoney | None = None
    weekly_limit: Decimal | None = Field(default=None, gt=0, le=168)
    history: tuple[PEvent, ...] = ()
    title: str = ""
    time_entries: tuple[PTimeEntry, ...] = ()

    @field_validator("service_fee_rate", "weekly_limit", mode="before")
    @classmethod
    def decimal_text(cls, v: object) -> object:
        return _decimal_text(v)

    @model_validator(mode="after")
    def cross_field(self) -> PContract:
        if self.ended is not None and self.ended < self.started:
            raise ValueError("ended must not be before started")
        if len({p.amount.currency for p in self.payments}) > 1:
            raise ValueError("payments must share one currency")
        ids = [m.id for m in self.milestones]
        if len(set(ids)) != len(ids):
            raise ValueError("milestone ids must be unique")
        return self


@pytest.fixture(scope="module")
def history() -> list[Contract]:
    return contracts(COUNT)


ADAPTER = TypeAdapter(list[PContract])


def test_ours(benchmark, history):
    benchmark.group = "serialize-vs-pydantic"
    benchmark.extra_info["role"] = "ours"

    def round_trip():
        return serialize.from_json(list[Contract], serialize.to_json(history))

    result = benchmark.pedantic(round_trip, rounds=3, iterations=1, warmup_rounds=1)
    assert history == result


def test_pydantic(benchmark, history):
    benchmark.group = "serialize-vs-pydantic"
    benchmark.extra_info["role"] = "baseline"
    # Same data, built from our own JSON so the two sides hold identical content.
    models = ADAPTER.validate_json(serialize.to_json(history), strict=True)

    def round_trip():
        return ADAPTER.validate_json(ADAPTER.dump_json(models), strict=True)

    result = benchmark.pedantic(round_trip, rounds=3, iterations=1, warmup_rounds=1)
    assert len(history) == len(result)
    assert models == result


def test_same_json_shape(history):
    """The baseline reads our JSON and writes back exactly the same keys and values."""
    ours = serialize.to_json(history[:50])
    theirs = ADAPTER.dump_json(ADAPTER.validate_json(ours, strict=True))
    expected = json.loads(ours)
    actual = json.loads(theirs)
    # pydantic writes Decimals and datetimes its own way; compare parsed values.
    assert _normal(expected) == _normal(actual)


def _normal(value: object) -> object:
    """Parse decimal and datetime strings so '0' == '0.00' and 'Z' == '+00:00'."""
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    if isinstance(value, str):
        try:
            return Decimal(value)
        except ArithmeticError:
            pass
        from datetime import datetime  # noqa: PLC0415  (only this helper needs it)

        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    return value
