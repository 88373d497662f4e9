"""Serialisation round-trip of a 10,000-contract history: ours vs pydantic v2.

The pydantic baseline models the same data with the same rules (non-negative
money in a known currency, strict types, a tagged union for events), so both
sides validate what they read.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal, Union

import pytest
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator

from upwork_safety import Contract, serialize
from upwork_safety.money import _known_currencies

from ._data import contracts

COUNT = 10_000
CURRENCIES = _known_currencies()


class PMoney(BaseModel):
    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")
    amount: Decimal
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
        if not isinstance(v, str):
            raise ValueError("amount must be a string")
        return Decimal(v)


class _Frozen(BaseModel):
    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")


class PClient(_Frozen):
    id: str = Field(min_length=1)
    name: str = ""
    payment_verified: bool = False
    country: str = ""


class PFeedback(_Frozen):
    stars: Decimal | None = Field(default=None, ge=1, le=5)
    private_score: int | None = Field(default=None, ge=0, le=10)
    end_reason: (
        Literal[
            "completed",
            "unsuccessful",
            "cancelled_early",
            "freelancer_unresponsive",
            "client_unresponsive",
            "other",
        ]
        | None
    ) = None

    @field_validator("stars", mode="before")
    @classmethod
    def stars_text(cls, v: object) -> object:
        return Decimal(v) if isinstance(v, str) else v


class PPayment(_Frozen):
    on: date
    amount: PMoney


class PMilestone(_Frozen):
    id: str
    title: str
    amount: PMoney
    description: str = ""
    due: date | None = None
    state: str = "not_funded"
    held: PMoney
    funded: PMoney
    released: PMoney
    refunded: PMoney
    bonus: PMoney
    submitted_at: datetime | None = None
    refund_requested_at: datetime | None = None


class PFund(_Frozen):
    type: Literal["Fund"]
    milestone_id: str
    at: datetime


class PSubmit(_Frozen):
    type: Literal["Submit"]
    milestone_id: str
    at: datetime
    note: str = ""


class PApprove(_Frozen):
    type: Literal["Approve"]
    milestone_id: str
    at: datetime
    amount: PMoney | None = None
    bonus: PMoney | None = None


PEvent = Annotated[Union[PFund, PSubmit, PApprove], Field(discriminator="type")]  # noqa: UP007


class PContract(_Frozen):
    id: str
    client: PClient
    kind: Literal["fixed_price", "hourly"]
    started: date
    ended: date | None = None
    milestones: tuple[PMilestone, ...] = ()
    payments: tuple[PPayment, ...] = ()
    feedback: PFeedback | None = None
    service_fee_rate: Decimal | None = None
    hourly_rate: PMoney | None = None
    weekly_limit: Decimal | None = None
    history: tuple[PEvent, ...] = ()
    title: str = ""
    time_entries: tuple[()] = ()

    @field_validator("service_fee_rate", "weekly_limit", mode="before")
    @classmethod
    def decimal_text(cls, v: object) -> object:
        return Decimal(v) if isinstance(v, str) else v


@pytest.fixture(scope="module")
def history() -> list[Contract]:
    return contracts(COUNT)


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
    adapter = TypeAdapter(list[PContract])
    # Same data, built from our own JSON so the two sides hold identical content.
    models = adapter.validate_json(serialize.to_json(history), strict=False)

    def round_trip():
        return adapter.validate_json(adapter.dump_json(models), strict=False)

    result = benchmark.pedantic(round_trip, rounds=3, iterations=1, warmup_rounds=1)
    assert len(history) == len(result)
    assert models == result
