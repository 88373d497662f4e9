"""Serialisation round trips: ours against pydantic v2 and plain cattrs, paired and interleaved.

Two shapes of 10,000 fixed-price contracts (``UPWORK_BENCH_COUNT`` changes
the count): ``one`` (one paid milestone, ``_data.py``) and ``several`` (three
milestones, two of them paid and one under a refund request, two payments,
feedback, eight history events, ended).

Sides, each a full round trip (write, then read back and check):

* ``ours``: ``serialize.to_json`` then ``serialize.from_json`` on the default
  install (the standard library's ``json``; msgspec's encoder is switched
  off even where the ``fast`` extra is installed);
* ``ours-fast``: the same with the ``fast`` extra (msgspec encodes);
* ``pydantic``: pydantic v2 models with the same fields and the same rules
  (below), on pydantic's own JSON path (``dump_json``/``validate_json``,
  Rust), writing the same information as ours (unset fields left out, as
  ours leaves out defaults; ``test_same_json_shape`` checks the two JSON
  texts hold the same data);
* ``pydantic-dict``: the same models through dicts and the standard
  library's ``json`` (``model_dump(mode="json")``, ``json.dumps``,
  ``json.loads``, ``validate_python``), the path ours takes by default;
* ``cattrs``: a plain cattrs converter with no validation of its own (no
  strict leaves, unknown keys ignored, no error paths, every field
  written), through the standard library's ``json``; our constructors
  still run, as they must.

The pydantic models check what ours check: strict types (bool, int, str),
unknown keys refused, Money amounts as strings (finite, at most 18 integer
digits, non-negative) with a currency babel knows, aware datetimes, ISO
dates, enums by value, escrow events as a union tagged by ``"type"``, a
milestone's escrow balancing (``funded == held + released + refunded +
carried_over``, one currency, nothing released before payment, the moment
each state needs), a payment's day matching its moment and a release naming
its milestone, ``ended`` not before ``started``, feedback only on an ended
contract, unique milestone ids, one
payment currency, the fee-rate and weekly-limit ranges, a time entry's end
after its start.  (Ours checks more: every state's fit in full, and the
history in time order.)

Every figure is a ratio (ours / baseline) measured in one run: each
repetition times every side once, in a rotating order, and divides the
pair; min, median and max over the repetitions, with the garbage collector
on (what users get) and off.  ``test_paired_ratios`` prints the table;
``benchmarks/README.md`` has the figures.
"""

from __future__ import annotations

import functools
import gc
import json
import os
import random
import statistics
import time
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

import cattrs
import pytest
from cattrs.strategies import configure_tagged_union
from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    TypeAdapter,
    field_validator,
    model_validator,
)

from upwork_safety import (
    Client,
    Contract,
    ContractKind,
    EndReason,
    Feedback,
    Milestone,
    Money,
    escrow,
    serialize,
)
from upwork_safety.money import MAX_DIGITS, _known_currencies
from upwork_safety.serialize import _fast

from ._data import contracts as one_milestone_contracts

if TYPE_CHECKING:
    from collections.abc import Callable

COUNT = int(os.environ.get("UPWORK_BENCH_COUNT", "10000"))
REPETITIONS = int(os.environ.get("UPWORK_BENCH_REPETITIONS", "5"))
CURRENCIES = _known_currencies()
LIMIT = Decimal(10) ** MAX_DIGITS
UTC = timezone.utc


# --------------------------------------------------------------------------- data


def several_milestone_contracts(count: int, *, seed: int = 2026) -> list[Contract]:
    """*count* ended contracts: 3 milestones (2 paid, 1 under a refund request), 2 payments,
    feedback, 8 events."""
    rng = random.Random(seed)
    result = []
    for index in range(count):
        started = date(2023, 1, 1) + timedelta(days=rng.randrange(0, 1000))
        at = datetime(started.year, started.month, started.day, 9, tzinfo=UTC)
        milestones = tuple(
            Milestone(
                f"m{k}",
                f"Part {k}: landing page in Figma and HTML",
                Money(Decimal(rng.randrange(500, 500_000)) / 100, "USD"),
            )
            for k in (1, 2, 3)
        )
        contract = Contract(
            id=f"c{index}",
            client=Client(f"client{rng.randrange(count // 3 + 1)}", "Acme", payment_verified=True),
            kind=ContractKind.FIXED_PRICE,
            started=started,
            milestones=milestones,
            service_fee_rate=Decimal("0.10"),
            title="Shopify store",
        )
        for k, milestone in enumerate(milestones):
            contract = escrow.apply(contract, escrow.Fund(milestone.id, at))
            at += timedelta(days=1)
            if k < 2:
                contract = escrow.apply(contract, escrow.Submit(milestone.id, at, note="draft"))
                at += timedelta(days=2)
                bonus = Money("25.00", "USD") if rng.random() < 0.2 else None
                contract = escrow.apply(contract, escrow.Approve(milestone.id, at, bonus=bonus))
                at += timedelta(days=1)
        # Ended (feedback is given at the end): the funded third is under a refund request.
        contract = escrow.apply(contract, escrow.EndContract(at))
        result.append(
            Contract(
                id=contract.id,
                client=contract.client,
                kind=contract.kind,
                started=contract.started,
                ended=contract.ended,
                milestones=contract.milestones,
                payments=contract.payments,
                feedback=Feedback(
                    stars=Decimal("4.8"), private_score=9, end_reason=EndReason.COMPLETED
                ),
                service_fee_rate=contract.service_fee_rate,
                history=contract.history,
                title=contract.title,
            )
        )
    return result


SHAPES: dict[str, Callable[[int], list[Contract]]] = {
    "one": one_milestone_contracts,
    "several": several_milestone_contracts,
}


# --------------------------------------------------------------------------- pydantic


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
    model_config = ConfigDict(frozen=True, extra="forbid")


class PMoney(_Frozen):
    amount: Decimal = Field(ge=0)
    currency: StrictStr

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


@functools.cache
def _zero(currency: str) -> PMoney:
    return PMoney(amount="0", currency=currency)  # type: ignore[arg-type]  (validated text)


class PClient(_Frozen):
    id: StrictStr = Field(min_length=1)
    name: StrictStr = ""
    payment_verified: StrictBool = False
    country: StrictStr = ""


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
    private_score: StrictInt | None = Field(default=None, ge=0, le=10)
    end_reason: EndReasonValue | None = None

    @field_validator("stars", mode="before")
    @classmethod
    def stars_text(cls, v: object) -> object:
        return _decimal_text(v)


class PPayment(_Frozen):
    on: date
    amount: PMoney
    at: AwareDatetime | None = None
    milestone_id: StrictStr | None = Field(default=None, min_length=1)
    kind: Literal["release", "bonus", "other"] = "other"

    @model_validator(mode="after")
    def consistent(self) -> PPayment:
        if self.at is not None and self.at.astimezone(UTC).date() != self.on:
            raise ValueError("on must be the UTC day of at")
        if self.kind != "other" and not self.amount.amount:
            raise ValueError("a release or a bonus is more than zero")
        if self.kind == "release" and (self.milestone_id is None or self.at is None):
            raise ValueError("a release needs its milestone and moment")
        return self


def _zero_like_funded(data: dict[str, Any]) -> PMoney:
    """The default of an escrow's other amounts: zero in the currency of what was funded."""
    return _zero(data["funded"].currency)


#: States in which nothing may have been released or carried on yet.
_UNPAID = frozenset({"funded", "submitted", "changes_requested"})
#: The moment each state needs.
_MOMENT = {
    "submitted": "submitted_at",
    "refund_requested": "refund_requested_at",
    "disputed": "disputed_at",
}


class PEscrow(_Frozen):
    state: StateValue
    funded: PMoney
    held: PMoney = Field(default_factory=_zero_like_funded)
    released: PMoney = Field(default_factory=_zero_like_funded)
    refunded: PMoney = Field(default_factory=_zero_like_funded)
    carried_over: PMoney = Field(default_factory=_zero_like_funded)
    submitted_at: AwareDatetime | None = None
    refund_requested_at: AwareDatetime | None = None
    disputed_at: AwareDatetime | None = None
    dispute_answered_at: AwareDatetime | None = None
    client_paid_arbitration_at: AwareDatetime | None = None
    freelancer_paid_arbitration_at: AwareDatetime | None = None

    @model_validator(mode="after")
    def books_balance(self) -> PEscrow:
        parts = (self.held, self.released, self.refunded, self.carried_over)
        if any(p.currency != self.funded.currency for p in parts):
            raise ValueError("escrow amounts must share one currency")
        if sum(p.amount for p in parts) != self.funded.amount:
            raise ValueError("funded must equal held + released + refunded + carried_over")
        if self.state in _UNPAID and (self.released.amount or self.carried_over.amount):
            raise ValueError("nothing is released or carried on before payment")
        moment = _MOMENT.get(self.state)
        if moment is not None and getattr(self, moment) is None:
            raise ValueError(f"{self.state} needs {moment}")
        return self


def _unfunded(data: dict[str, Any]) -> PEscrow:
    return _unfunded_in(data["amount"].currency)


@functools.cache
def _unfunded_in(currency: str) -> PEscrow:
    return PEscrow(state="not_funded", funded=_zero(currency))


class PMilestone(_Frozen):
    id: StrictStr = Field(min_length=1)
    title: StrictStr = Field(min_length=1)
    amount: PMoney
    description: StrictStr = ""
    due: date | None = None
    escrow: PEscrow = Field(default_factory=_unfunded)

    @model_validator(mode="after")
    def one_currency(self) -> PMilestone:
        if self.escrow.funded.currency != self.amount.currency:
            raise ValueError("milestone amounts must share one currency")
        return self


class _MilestoneEvent(_Frozen):
    milestone_id: StrictStr = Field(min_length=1)
    at: AwareDatetime


class PFund(_MilestoneEvent):
    type: Literal["Fund"]


class PSubmit(_MilestoneEvent):
    type: Literal["Submit"]
    note: StrictStr = ""


class PRequestChanges(_MilestoneEvent):
    type: Literal["RequestChanges"]
    note: StrictStr = ""


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


class PClientPaysArbitration(_MilestoneEvent):
    type: Literal["ClientPaysArbitration"]


class PFreelancerPaysArbitration(_MilestoneEvent):
    type: Literal["FreelancerPaysArbitration"]


class PArbitrationDefault(_MilestoneEvent):
    type: Literal["ArbitrationDefault"]


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
        PClientPaysArbitration,
        PFreelancerPaysArbitration,
        PEndContract,
        PAutoApprove,
        PAutoRefund,
        PDormancyRefundRequest,
        PAutoDisputeRelease,
        PArbitrationDefault,
    ],
    Field(discriminator="type"),
]


class PTimeEntry(_Frozen):
    start: AwareDatetime
    end: AwareDatetime
    manual: StrictBool = False
    memo: StrictStr = ""
    activity: StrictInt | None = Field(default=None, ge=0, le=10)

    @model_validator(mode="after")
    def ordered(self) -> PTimeEntry:
        if self.end <= self.start:
            raise ValueError("end must be after start")
        return self


class PContract(_Frozen):
    id: StrictStr = Field(min_length=1)
    client: PClient
    kind: Literal["fixed_price", "hourly"]
    started: date
    ended: date | None = None
    milestones: tuple[PMilestone, ...] = ()
    payments: tuple[PPayment, ...] = ()
    feedback: PFeedback | None = None
    service_fee_rate: Decimal | None = Field(default=None, ge=0, lt=1)
    hourly_rate: PMoney | None = None
    weekly_limit: Decimal | None = Field(default=None, gt=0, le=168)
    history: tuple[PEvent, ...] = ()
    title: StrictStr = ""
    time_entries: tuple[PTimeEntry, ...] = ()

    @field_validator("service_fee_rate", "weekly_limit", mode="before")
    @classmethod
    def decimal_text(cls, v: object) -> object:
        return _decimal_text(v)

    @model_validator(mode="after")
    def cross_field(self) -> PContract:
        if self.ended is not None and self.ended < self.started:
            raise ValueError("ended must not be before started")
        if self.feedback is not None and self.ended is None:
            raise ValueError("feedback only on an ended contract")
        if len({p.amount.currency for p in self.payments}) > 1:
            raise ValueError("payments must share one currency")
        ids = [m.id for m in self.milestones]
        if len(set(ids)) != len(ids):
            raise ValueError("milestone ids must be unique")
        return self


ADAPTER = TypeAdapter(list[PContract])


# --------------------------------------------------------------------------- plain cattrs


def _plain_cattrs() -> cattrs.Converter:
    """A cattrs converter with the few hooks JSON needs and no validation of its own."""
    from upwork_safety._events import Event

    conv = cattrs.Converter()
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(Decimal, lambda v, _: Decimal(v))
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(date, lambda v, _: date.fromisoformat(v))
    conv.register_unstructure_hook(datetime, datetime.isoformat)
    conv.register_structure_hook(datetime, lambda v, _: datetime.fromisoformat(v))
    conv.register_unstructure_hook(
        Money, lambda m: {"amount": str(m.amount), "currency": m.currency}
    )
    conv.register_structure_hook(Money, lambda v, _: Money(v["amount"], v["currency"]))
    configure_tagged_union(Event, conv, tag_name="type")
    return conv


PLAIN = _plain_cattrs()


# --------------------------------------------------------------------------- the sides


def _ours(history: list[Contract]) -> Callable[[], object]:
    def round_trip() -> object:
        saved = _fast.ENCODER
        _fast.ENCODER = None  # the default install's path
        try:
            text = serialize.to_json(history)
        finally:
            _fast.ENCODER = saved
        return serialize.from_json(list[Contract], text)

    return round_trip


def _ours_fast(history: list[Contract]) -> Callable[[], object]:
    def round_trip() -> object:
        return serialize.from_json(list[Contract], serialize.to_json(history))

    return round_trip


def _pydantic(models: list[PContract]) -> Callable[[], object]:
    def round_trip() -> object:
        return ADAPTER.validate_json(ADAPTER.dump_json(models, exclude_unset=True))

    return round_trip


def _pydantic_dict(models: list[PContract]) -> Callable[[], object]:
    def round_trip() -> object:
        text = json.dumps(ADAPTER.dump_python(models, mode="json", exclude_unset=True))
        return ADAPTER.validate_python(json.loads(text))

    return round_trip


def _cattrs(history: list[Contract]) -> Callable[[], object]:
    def round_trip() -> object:
        text = json.dumps(PLAIN.unstructure(history, list[Contract]))
        return PLAIN.structure(json.loads(text), list[Contract])

    return round_trip


@pytest.fixture(scope="module", params=sorted(SHAPES))
def shape(request: pytest.FixtureRequest) -> tuple[str, list[Contract], list[PContract]]:
    history = SHAPES[request.param](COUNT)
    models = ADAPTER.validate_json(serialize.to_json(history))
    return request.param, history, models


# --------------------------------------------------------------------------- checks


def test_sides_agree(shape):
    """Every side reads back what it wrote (ours and plain cattrs: equal to the input)."""
    _, history, models = shape
    head, head_models = history[:200], models[:200]
    assert head == _ours(head)()
    assert head == _ours_fast(head)()
    assert head == _cattrs(head)()
    assert head_models == _pydantic(head_models)() == _pydantic_dict(head_models)()


def test_same_json_shape(shape):
    """pydantic writes the same information as ours: the same keys and equal values."""
    _, history, models = shape
    ours = json.loads(serialize.to_json(history[:200]))
    theirs = json.loads(ADAPTER.dump_json(models[:200], exclude_unset=True))
    assert _normal(ours) == _normal(theirs)


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
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    return value


# --------------------------------------------------------------------------- paired ratios

#: comparison -> (ours, baseline, goal text, predicate on the median ratio)
COMPARISONS = {
    "ours / pydantic (pydantic's JSON)": ("ours", "pydantic", "<= 1", lambda r: r <= 1),
    "ours / pydantic-dict (stdlib JSON)": ("ours", "pydantic-dict", "<= 1", lambda r: r <= 1),
    "ours-fast / pydantic (pydantic's JSON)": (
        "ours-fast",
        "pydantic",
        "<= 0.5",
        lambda r: r <= 0.5,
    ),
    "ours / plain cattrs": ("ours", "cattrs", "(none)", lambda _r: True),
}


def _timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def paired(sides: dict[str, Callable[[], object]], *, collector: bool) -> dict[str, list[float]]:
    """Time every side once per repetition, in a rotating order; the times per side."""
    names = list(sides)
    times: dict[str, list[float]] = {name: [] for name in names}
    was = gc.isenabled()
    (gc.enable if collector else gc.disable)()
    try:
        for rep in range(REPETITIONS):
            order = names[rep % len(names) :] + names[: rep % len(names)]
            for name in order:
                gc.collect()
                times[name].append(_timed(sides[name]))
    finally:
        (gc.enable if was else gc.disable)()
    return times


def test_paired_ratios(benchmark, shape, capsys):
    """The ratios, paired per repetition, with the collector on and off (the README's table)."""
    name, history, models = shape
    sides = {
        "ours": _ours(history),
        "pydantic": _pydantic(models),
        "pydantic-dict": _pydantic_dict(models),
        "cattrs": _cattrs(history),
    }
    if _fast.ENCODER is not None:
        sides["ours-fast"] = _ours_fast(history)
    # pytest-benchmark's own table gets one round of ours.
    benchmark.group = f"serialize-{name}"
    benchmark.pedantic(sides["ours"], rounds=1, iterations=1)
    lines = [
        (
            f"shape {name!r}: {COUNT} contracts, {REPETITIONS} paired repetitions; "
            f"JSON {len(serialize.to_json(history)) / 1e6:.1f} MB (ours), "
            f"{len(serialize.to_json(history, omit_defaults=False)) / 1e6:.1f} MB "
            f"(ours, every field), "
            f"{len(ADAPTER.dump_json(models, exclude_unset=True)) / 1e6:.1f} MB (pydantic)"
        ),
        (
            "| shape | comparison | GC | ours median (s) | baseline median (s) "
            "| ratio min | median | max | goal | met |"
        ),
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for collector in (True, False):
        times = paired(sides, collector=collector)
        for label, (ours, base, goal, check) in COMPARISONS.items():
            if ours not in times:
                continue
            ratios = [a / b for a, b in zip(times[ours], times[base], strict=True)]
            middle = statistics.median(ratios)
            lines.append(
                f"| {name} | {label} | {'on' if collector else 'off'} "
                f"| {statistics.median(times[ours]):.3f} | {statistics.median(times[base]):.3f} "
                f"| {min(ratios):.2f} | {middle:.2f} | {max(ratios):.2f} | {goal} "
                f"| {'yes' if check(middle) else 'NO'} |"
            )
            benchmark.extra_info[f"{label} gc={'on' if collector else 'off'}"] = [
                round(min(ratios), 3),
                round(middle, 3),
                round(max(ratios), 3),
            ]
    with capsys.disabled():
        print("\n" + "\n".join(lines))


def _halves(history: list[Contract], models: list[PContract]) -> dict[str, Callable[[], object]]:
    """Each side's writing and reading on its own (the round trip's two halves)."""
    text = serialize.to_json(history)
    theirs = ADAPTER.dump_json(models, exclude_unset=True)

    def ours_write() -> object:
        saved = _fast.ENCODER
        _fast.ENCODER = None  # the default install's path
        try:
            return serialize.to_json(history)
        finally:
            _fast.ENCODER = saved

    return {
        "ours write": ours_write,
        "pydantic write": lambda: ADAPTER.dump_json(models, exclude_unset=True),
        "ours read": lambda: serialize.from_json(list[Contract], text),
        "pydantic read": lambda: ADAPTER.validate_json(theirs),
    }


def test_paired_halves(benchmark, shape, capsys):
    """Writing and reading apart, against pydantic's JSON path: which half holds the gap.

    A measurement only (no goal): the same pairing as :func:`test_paired_ratios`.
    """
    name, history, models = shape
    sides = _halves(history, models)
    benchmark.group = f"serialize-halves-{name}"
    benchmark.pedantic(sides["ours read"], rounds=1, iterations=1)
    lines = [
        "| shape | half | GC | ours median (s) | pydantic median (s) | ratio min | median | max |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for collector in (True, False):
        times = paired(sides, collector=collector)
        for half in ("write", "read"):
            ours, base = times[f"ours {half}"], times[f"pydantic {half}"]
            ratios = [a / b for a, b in zip(ours, base, strict=True)]
            lines.append(
                f"| {name} | {half} | {'on' if collector else 'off'} "
                f"| {statistics.median(ours):.3f} | {statistics.median(base):.3f} "
                f"| {min(ratios):.2f} | {statistics.median(ratios):.2f} | {max(ratios):.2f} |"
            )
    with capsys.disabled():
        print("\n" + "\n".join(lines))
