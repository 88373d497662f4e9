"""Tests for upwork_safety.models and upwork_safety.errors."""

import pickle
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given

from upwork_safety import (
    Client,
    Contract,
    ContractKind,
    CurrencyMismatchError,
    EndReason,
    Feedback,
    Milestone,
    MilestoneState,
    Money,
    Payment,
)
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.models import TimeEntry
from upwork_safety.testing import strategies as us

UTC = timezone.utc
USD = "USD"


def usd(amount):
    return Money(amount, USD)


class TestClientAndFeedback:
    def test_client_defaults(self):
        """A client needs only an id."""
        assert Client("c1", "", False, "") == Client("c1")

    @pytest.mark.parametrize("bad", ["", "   "])
    def test_client_id_not_empty(self, bad):
        """Blank ids are refused."""
        with pytest.raises(InvalidValueError, match="Client.id must not be empty"):
            Client(bad)

    def test_client_verified_must_be_bool(self):
        """payment_verified must be a real bool."""
        with pytest.raises(InvalidTypeError, match="payment_verified must be a bool"):
            Client("c", payment_verified="false")  # type: ignore[arg-type]

    def test_client_text_fields_must_be_str(self):
        """name must be a str."""
        with pytest.raises(InvalidTypeError, match="Client.name must be a str"):
            Client("c", name=3)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("stars", "expected"),
        [("4.5", Decimal("4.5")), (5, Decimal(5)), (4.7, Decimal("4.7")), (None, None)],
    )
    def test_stars_kept_as_written(self, stars, expected):
        """Stars accept str, int, Decimal and float (kept as written)."""
        assert expected == Feedback(stars=stars).stars

    @pytest.mark.parametrize("stars", ["0.99", "5.01", 0, 6])
    def test_stars_range(self, stars):
        """Stars are the public 1.0–5.0 average."""
        with pytest.raises(InvalidValueError, match="1.0–5.0"):
            Feedback(stars=stars)

    @pytest.mark.parametrize("score", [-1, 11])
    def test_private_score_range(self, score):
        """The private score is 0–10."""
        with pytest.raises(InvalidValueError, match="0–10"):
            Feedback(private_score=score)

    @pytest.mark.parametrize("score", [3.0, True, "9"])
    def test_private_score_integer(self, score):
        """The private score is a whole number."""
        with pytest.raises(InvalidTypeError, match="whole number"):
            Feedback(private_score=score)  # type: ignore[arg-type]

    def test_end_reason_must_be_member(self):
        """end_reason must be an EndReason member."""
        with pytest.raises(InvalidTypeError, match="EndReason member"):
            Feedback(end_reason="completed")  # type: ignore[arg-type]

    def test_enum_members(self):
        """The enums have exactly the members DESIGN.md lists."""
        assert [m.name for m in ContractKind] == ["FIXED_PRICE", "HOURLY"]
        assert [m.name for m in MilestoneState] == [
            "NOT_FUNDED",
            "FUNDED",
            "SUBMITTED",
            "CHANGES_REQUESTED",
            "PAID",
            "REFUND_REQUESTED",
            "REFUNDED",
            "DISPUTED",
        ]
        assert [m.name for m in EndReason] == [
            "COMPLETED",
            "UNSUCCESSFUL",
            "CANCELLED_EARLY",
            "FREELANCER_UNRESPONSIVE",
            "CLIENT_UNRESPONSIVE",
            "OTHER",
        ]


class TestPaymentAndMilestone:
    def test_payment_date_not_datetime(self):
        """Payment.on is a date, not a datetime."""
        with pytest.raises(InvalidTypeError, match="Payment.on must be a date"):
            Payment(datetime(2024, 1, 1, tzinfo=UTC), usd(1))

    def test_payment_not_negative(self):
        """Payments are non-negative."""
        with pytest.raises(InvalidValueError, match="Payment.amount must not be negative"):
            Payment(date(2024, 1, 1), usd(-1))

    def test_payment_amount_is_money(self):
        """A bare number is not a payment amount."""
        with pytest.raises(InvalidTypeError, match="Payment.amount must be Money"):
            Payment(date(2024, 1, 1), 5)  # type: ignore[arg-type]

    def test_milestone_defaults_to_unfunded_zero_buckets(self):
        """A new milestone is NOT_FUNDED with empty buckets in its own currency."""
        m = Milestone("m1", "Logo", usd("100"))
        assert m.state == MilestoneState.NOT_FUNDED
        assert [usd(0)] * 5 == [m.held, m.funded, m.released, m.refunded, m.bonus]

    def test_model_holds_the_fact_not_the_minimum(self):
        """A $3 milestone can be built (a what-if rule set may allow it); escrow checks the minimum."""
        assert usd("3.00") == Milestone("m", "t", usd("3.00")).amount
        assert Money(1, "PKR") == Milestone("m", "t", Money(1, "PKR")).amount

    @pytest.mark.parametrize("amount", ["0", "0.00", "-0"])
    def test_zero_amount_refused(self, amount):
        """A milestone must be worth something: a zero amount is refused, naming the field."""
        with pytest.raises(InvalidValueError) as info:
            Milestone("m", "t", usd(amount))
        assert ("Milestone.amount", "more than zero") == (info.value.field, info.value.rule)

    def test_milestone_buckets_share_currency(self):
        """Buckets must be in the milestone's currency."""
        with pytest.raises(CurrencyMismatchError, match="held is in PKR"):
            Milestone("m", "t", usd(10), held=Money(1, "PKR"))

    def test_milestone_naive_datetime_refused(self):
        """submitted_at must be timezone-aware."""
        with pytest.raises(ValueError, match="timezone-aware"):
            Milestone("m", "t", usd(10), submitted_at=datetime(2024, 1, 1))

    def test_milestone_state_type(self):
        """state must be a MilestoneState."""
        with pytest.raises(InvalidTypeError, match="MilestoneState"):
            Milestone("m", "t", usd(10), state="funded")  # type: ignore[arg-type]

    def test_time_entry_rules(self):
        """Time entries need aware times, an end after the start, activity 0–10."""
        start = datetime(2024, 1, 1, tzinfo=UTC)
        assert TimeEntry(start, start + timedelta(minutes=10), activity=5).activity == 5
        with pytest.raises(InvalidValueError, match="must be after"):
            TimeEntry(start, start)
        with pytest.raises(InvalidValueError, match="0–10"):
            TimeEntry(start, start + timedelta(hours=1), activity=11)
        with pytest.raises(InvalidTypeError, match="whole number"):
            TimeEntry(start, start + timedelta(hours=1), activity=5.5)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="naive"):
            TimeEntry(datetime(2024, 1, 1), datetime(2024, 1, 2))
        with pytest.raises(TypeError, match="timezone-aware datetime"):
            TimeEntry(date(2024, 1, 1), start)  # type: ignore[arg-type]


def contract(**kwargs):
    base = {
        "id": "c1",
        "client": "acme",
        "kind": ContractKind.FIXED_PRICE,
        "started": date(2024, 1, 1),
    }
    base.update(kwargs)
    return Contract(**base)


class TestContract:
    def test_client_from_id(self):
        """A plain id string becomes a Client."""
        assert Client("acme") == contract().client
        assert contract().client_id == "acme"

    def test_client_wrong_type(self):
        """client must be a Client or a str."""
        with pytest.raises(InvalidTypeError, match="Client or a client id"):
            contract(client=3)

    def test_earnings_sum_payments(self):
        """earnings sums the payments; zero USD when none."""
        paid = contract(
            payments=[
                Payment(date(2024, 1, 2), usd("100.50")),
                Payment(date(2024, 2, 1), usd("20")),
            ]
        )
        assert usd("120.50") == paid.earnings
        assert usd(0) == contract().earnings

    def test_payments_one_currency(self):
        """Payments in two currencies are refused."""
        with pytest.raises(CurrencyMismatchError, match=r"one currency.*PKR.*USD"):
            contract(
                payments=[
                    Payment(date(2024, 1, 2), usd(1)),
                    Payment(date(2024, 1, 2), Money(1, "PKR")),
                ]
            )

    def test_end_not_before_start(self):
        """ended must not be before started; the same day is fine."""
        assert date(2024, 1, 1) == contract(ended=date(2024, 1, 1)).ended
        with pytest.raises(InvalidValueError, match="must not be before"):
            contract(ended=date(2023, 12, 31))

    def test_unique_milestone_ids(self):
        """Milestone ids are unique within a contract."""
        m = Milestone("m1", "Logo", usd(10))
        with pytest.raises(InvalidValueError, match=r"unique: \['m1'\]"):
            contract(milestones=[m, m])

    def test_collections_become_tuples(self):
        """Lists are stored as tuples."""
        c = contract(milestones=[Milestone("m1", "Logo", usd(10))])
        assert isinstance(c.milestones, tuple)

    @pytest.mark.parametrize("field", ["milestones", "payments", "history", "time_entries"])
    def test_collection_items_checked(self, field):
        """Collections hold only their own item type."""
        with pytest.raises(InvalidTypeError, match=rf"Contract.{field}"):
            contract(**{field: ["x"]})
        with pytest.raises(InvalidTypeError, match=rf"Contract.{field} must be a sequence"):
            contract(**{field: "abc"})

    def test_kind_specific_fields(self):
        """Hourly fields on a fixed-price contract and milestones on an hourly one are refused."""
        with pytest.raises(InvalidValueError, match="hourly_rate belongs to hourly"):
            contract(hourly_rate=usd(10))
        with pytest.raises(InvalidValueError, match="weekly_limit belongs to hourly"):
            contract(weekly_limit=10)
        with pytest.raises(InvalidValueError, match="milestones belong to fixed-price"):
            contract(kind=ContractKind.HOURLY, milestones=[Milestone("m1", "Logo", usd(10))])
        start = datetime(2024, 1, 1, tzinfo=UTC)
        with pytest.raises(InvalidValueError, match="time_entries belong to hourly"):
            contract(time_entries=[TimeEntry(start, start + timedelta(hours=1))])

    def test_hourly_fields_validated(self):
        """An hourly rate is positive Money; the weekly limit is 0–168 hours."""
        hourly = contract(kind=ContractKind.HOURLY, hourly_rate=usd(15), weekly_limit="40")
        assert Decimal(40) == hourly.weekly_limit
        with pytest.raises(InvalidValueError, match="hourly_rate must be positive"):
            contract(kind=ContractKind.HOURLY, hourly_rate=usd(0))
        with pytest.raises(InvalidTypeError, match="hourly_rate must be Money"):
            contract(kind=ContractKind.HOURLY, hourly_rate=15)
        with pytest.raises(InvalidValueError, match="at most 168"):
            contract(kind=ContractKind.HOURLY, weekly_limit=169)

    @pytest.mark.parametrize("rate", ["-0.01", "1", "10"])
    def test_service_fee_rate_is_a_fraction(self, rate):
        """The per-contract fee is a fraction below 1; the fee engine checks the schedule's range."""
        with pytest.raises(InvalidValueError) as info:
            contract(service_fee_rate=rate)
        assert "Contract.service_fee_rate" == info.value.field

    def test_service_fee_rate_above_todays_cap_is_a_fact_the_model_keeps(self):
        """A 20% rate builds (a what-if schedule may allow it); today's 15% cap lives in the rules."""
        assert Decimal("0.20") == contract(service_fee_rate="0.20").service_fee_rate

    def test_feedback_type(self):
        """feedback must be a Feedback."""
        with pytest.raises(InvalidTypeError, match="Feedback"):
            contract(feedback={"stars": 5})

    def test_milestone_lookup(self):
        """milestone(id) finds a milestone or names the known ids."""
        c = contract(milestones=[Milestone("m1", "Logo", usd(10))])
        assert c.milestone("m1").title == "Logo"
        with pytest.raises(InvalidValueError, match=r"no milestone 'm9' \(milestones: m1\)"):
            c.milestone("m9")
        with pytest.raises(InvalidValueError, match="milestones: none"):
            contract().milestone("m1")

    def test_started_must_be_date(self):
        """started is a date."""
        with pytest.raises(InvalidTypeError, match="Contract.started must be a date"):
            contract(started="2024-01-01")

    def test_evolve_revalidates(self):
        """attrs.evolve runs the validators again."""
        with pytest.raises(InvalidValueError):
            attrs.evolve(contract(), ended=date(2020, 1, 1))

    @given(us.contracts())
    def test_pickle_round_trip(self, c):
        """Contracts pickle and unpickle equal."""
        assert c == pickle.loads(pickle.dumps(c))


class TestMomentsInUTC:
    def test_moments_are_normalised_to_utc_on_entry(self):
        """An aware moment in any zone is stored in UTC: equal instants give equal values."""
        karachi = timezone(timedelta(hours=5))
        entry = TimeEntry(
            datetime(2026, 3, 2, 14, tzinfo=karachi), datetime(2026, 3, 2, 15, tzinfo=karachi)
        )
        assert datetime(2026, 3, 2, 9, tzinfo=timezone.utc) == entry.start
        assert timezone.utc is entry.start.tzinfo
        assert entry == TimeEntry(
            datetime(2026, 3, 2, 9, tzinfo=timezone.utc),
            datetime(2026, 3, 2, 10, tzinfo=timezone.utc),
        )

    def test_dst_fold_orders_by_instant(self):
        """At a DST fold the later instant is later (compared in UTC, not wall-clock time)."""
        new_york = ZoneInfo("America/New_York")
        first = datetime(2026, 11, 1, 1, 30, tzinfo=new_york, fold=0)  # 05:30 UTC
        second = datetime(2026, 11, 1, 1, 30, tzinfo=new_york, fold=1)  # 06:30 UTC
        entry = TimeEntry(first, second)
        assert timedelta(hours=1) == entry.end - entry.start

    @pytest.mark.parametrize(
        ("value", "error"),
        [
            (datetime(2026, 3, 2, 9), InvalidValueError),
            (date(2026, 3, 2), InvalidTypeError),
            ("2026-03-02T09:00:00+00:00", InvalidTypeError),
        ],
    )
    def test_naive_and_other_types_refused_naming_the_field(self, value, error):
        """A naive datetime, a date or a string is refused with the field's name."""
        with pytest.raises(error) as info:
            TimeEntry(value, datetime(2026, 3, 2, 10, tzinfo=timezone.utc))
        assert "TimeEntry.start" == info.value.field
