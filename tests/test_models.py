"""Tests for upwork_safety.models and upwork_safety.errors."""

import copy
import copyreg
import itertools
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
    serialize,
)
from upwork_safety.errors import InvalidDataError, InvalidTypeError, InvalidValueError
from upwork_safety.escrow import DormancyRefundRequest, EndContract, Fund, RequestChanges, Submit
from upwork_safety.models import Escrow, History, PaymentKind, TimeEntry, _check_no_overlaps
from upwork_safety.models._escrow import _MOMENTS, _SHAPES
from upwork_safety.testing import strategies as us

UTC = timezone.utc
USD = "USD"


def usd(amount):
    return Money(amount, USD)


def logo_offer(amount="500", **fields):
    """A fixed-price contract started 2024-03-01 with one unfunded milestone, m1."""
    return Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2024, 3, 1),
        milestones=[Milestone("m1", "Logo", usd(amount))],
        **fields,
    )


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

    def test_stars_read_a_float_subclass_by_its_type(self):
        """Review 8: a float subclass's own repr chose the stars; the float's digits do."""

        class Lying(float):
            def __repr__(self) -> str:
                return "1"

        assert (Decimal("4.5"), Decimal) == (
            Feedback(stars=Lying(4.5)).stars,
            type(Feedback(stars=Lying(4.5)).stars),
        )

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
        """end_reason is an EndReason member or its text (r20 M2), nothing else."""
        assert EndReason.COMPLETED is Feedback(end_reason="completed").end_reason
        with pytest.raises(InvalidValueError) as info:
            Feedback(end_reason="done")
        assert ("Feedback.end_reason", "a EndReason") == (info.value.field, info.value.rule)
        with pytest.raises(InvalidTypeError, match="EndReason member"):
            Feedback(end_reason=1)  # type: ignore[arg-type]

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
        assert (MilestoneState.NOT_FUNDED, Escrow.unfunded("USD")) == (m.state, m.escrow)
        assert [usd(0)] * 5 == [m.held, m.funded, m.released, m.refunded, m.carried_over]

    def test_model_holds_the_fact_not_the_minimum(self):
        """A $3 milestone can be built (a what-if rule set may allow it); escrow checks the minimum."""
        assert usd("3.00") == Milestone("m", "t", usd("3.00")).amount
        assert Money(1, "PKR") == Milestone("m", "t", Money(1, "PKR")).amount

    @pytest.mark.parametrize(
        ("amount", "rule"),
        [("0", "more than zero"), ("0.00", "more than zero"), ("-0", "more than zero")],
    )
    def test_zero_amount_refused(self, amount, rule):
        """A milestone must be worth something: a zero amount is refused, naming the field.

        A negative zero too, by the same "more than zero" rule (review r43, review 1)."""
        with pytest.raises(InvalidValueError) as info:
            Milestone("m", "t", usd(amount))
        assert ("Milestone.amount", rule) == (info.value.field, info.value.rule)

    @pytest.mark.parametrize("amount", [500, "500", Decimal(500)])
    def test_plain_number_amount_shows_how_to_write_money(self, amount):
        """Milestone("m1", "Logo", 500) says it needs Money and shows Money("500", "USD")."""
        with pytest.raises(InvalidTypeError) as info:
            Milestone("m1", "Logo", amount)  # type: ignore[arg-type]
        assert ("Milestone.amount", "Money") == (info.value.field, info.value.rule)
        assert 'Money("500", "USD")' in str(info.value)

    def test_escrow_in_the_milestone_currency(self):
        """A milestone's escrow is in the milestone's currency."""
        with pytest.raises(CurrencyMismatchError) as info:
            Milestone("m", "t", usd(10), escrow=Escrow.unfunded("PKR"))
        assert "Milestone.escrow" == info.value.field
        with pytest.raises(InvalidTypeError) as info:
            Milestone("m", "t", usd(10), escrow="funded")  # type: ignore[arg-type]
        assert "Milestone.escrow" == info.value.field


def escrow_of(state, **fields):
    """An Escrow in *state* built from USD amounts given as strings."""
    money = {
        k: usd(v)
        for k, v in fields.items()
        if k in ("funded", "held", "released", "refunded", "carried_over")
    }
    moments = {k: v for k, v in fields.items() if k not in money}
    return Escrow(state, **money, **moments)


T = datetime(2024, 3, 4, 17, tzinfo=UTC)
S = MilestoneState


def _first_misfit(state, money, moments):  # noqa: PLR0911  (one return per rule, in order)
    """What the state table (``_SHAPES``) refuses first: ``(field, rule)``, or ``None``."""
    zero, positive, needed, optional = _SHAPES[state]
    name = state.name
    for field in zero:
        if money[field]:
            return f"Escrow.{field}", f"zero when {name}"
    for field in positive:
        if not money[field]:
            return f"Escrow.{field}", f"more than zero when {name}"
    if state is S.PAID and money["held"] and money["carried_over"]:
        return "Escrow.held", "a remainder is held or carried on, not both"
    for field in _MOMENTS:
        if field == needed and moments[field] is None:
            return f"Escrow.{field}", f"required when {name}"
        if field != needed and field not in optional and moments[field] is not None:
            return f"Escrow.{field}", f"only in its state, not {name}"
    if state is S.DISPUTED and moments["dispute_answered_at"] is None:
        for field in ("client_paid_arbitration_at", "freelancer_paid_arbitration_at"):
            if moments[field] is not None:
                return f"Escrow.{field}", "after the client's answer"
    return None


class TestEscrow:
    def test_regression_paid_with_99_held_and_nothing_funded(self):
        """Regression: PAID holding $99 that was never funded is refused (the books do not add up)."""
        with pytest.raises(InvalidValueError) as info:
            Escrow(S.PAID, usd(0), held=usd(99))
        assert ("Escrow.funded", "funded == held + released + refunded + carried_over") == (
            info.value.field,
            info.value.rule,
        )

    def test_paid_with_a_remainder_held_is_the_documented_case(self):
        """PAID may hold a partial approval's remainder: $15 funded, $9 released, $6 held."""
        e = escrow_of(S.PAID, funded="15", released="9", held="6")
        assert (usd(6), usd(9)) == (e.held, e.released)

    @pytest.mark.parametrize(
        ("state", "fields", "field", "rule"),
        [
            (
                S.NOT_FUNDED,
                {"funded": "5", "refunded": "5"},
                "Escrow.refunded",
                "zero when NOT_FUNDED",
            ),
            (
                S.FUNDED,
                {"funded": "5", "refunded": "5"},
                "Escrow.held",
                "more than zero when FUNDED",
            ),
            (
                S.FUNDED,
                {"funded": "5", "held": "4", "released": "1"},
                "Escrow.released",
                "zero when FUNDED",
            ),
            (
                S.SUBMITTED,
                {"funded": "5", "held": "5"},
                "Escrow.submitted_at",
                "required when SUBMITTED",
            ),
            (
                S.CHANGES_REQUESTED,
                {"funded": "5", "held": "5", "submitted_at": T},
                "Escrow.submitted_at",
                "only in its state, not CHANGES_REQUESTED",
            ),
            (
                S.PAID,
                {"funded": "5", "refunded": "5"},
                "Escrow.released",
                "more than zero when PAID",
            ),
            (
                S.PAID,
                {"funded": "15", "released": "9", "held": "3", "carried_over": "3"},
                "Escrow.held",
                "a remainder is held or carried on, not both",
            ),
            (
                S.REFUND_REQUESTED,
                {"funded": "5", "held": "5"},
                "Escrow.refund_requested_at",
                "required when REFUND_REQUESTED",
            ),
            (
                S.DISPUTED,
                {"funded": "5", "held": "5"},
                "Escrow.disputed_at",
                "required when DISPUTED",
            ),
            (
                S.DISPUTED,
                {
                    "funded": "5",
                    "held": "5",
                    "disputed_at": T,
                    "dispute_answered_at": T - timedelta(seconds=1),
                },
                "Escrow.dispute_answered_at",
                "not before disputed_at",
            ),
            (
                S.DISPUTED,
                {"funded": "5", "held": "5", "disputed_at": T, "client_paid_arbitration_at": T},
                "Escrow.client_paid_arbitration_at",
                "after the client's answer",
            ),
            (S.REFUNDED, {"funded": "5", "held": "5"}, "Escrow.held", "zero when REFUNDED"),
            (
                S.REFUNDED,
                {"funded": "5", "carried_over": "5"},
                "Escrow.refunded",
                "more than zero when REFUNDED",
            ),
        ],
    )
    def test_fields_must_fit_the_state(self, state, fields, field, rule):
        """Each state allows only its own money and moments (the table in Escrow's docstring)."""
        with pytest.raises(InvalidValueError) as info:
            escrow_of(state, **fields)
        assert (field, rule) == (info.value.field, info.value.rule)

    @pytest.mark.parametrize(
        ("state", "fields"),
        [
            (S.NOT_FUNDED, {"funded": "6", "held": "6"}),
            (S.FUNDED, {"funded": "15", "held": "10", "refunded": "5"}),
            (S.SUBMITTED, {"funded": "5", "held": "5", "submitted_at": T}),
            (S.PAID, {"funded": "15", "released": "9", "carried_over": "6"}),
            (
                S.REFUND_REQUESTED,
                {"funded": "15", "held": "6", "released": "9", "refund_requested_at": T},
            ),
            (
                S.DISPUTED,
                {
                    "funded": "5",
                    "held": "5",
                    "disputed_at": T,
                    "dispute_answered_at": T,
                    "freelancer_paid_arbitration_at": T,
                },
            ),
            (S.REFUNDED, {"funded": "15", "refunded": "9", "carried_over": "6"}),
        ],
    )
    def test_states_the_engine_reaches_build(self, state, fields):
        """Every shape the escrow engine produces is a valid Escrow."""
        assert state == escrow_of(state, **fields).state

    @pytest.mark.parametrize("state", list(S))
    def test_every_shape_is_judged_by_the_state_table(self, state):
        """Every mix of zero and non-zero money and of set and unset moments, in every state.

        Escrow recognises a well-formed escrow by two reads per state derived
        from ``_SHAPES``, and names what is wrong by walking ``_SHAPES`` in
        order; both must give what the table says, field by field, in the
        order of the table (zero money, money that must be there, the PAID
        remainder rule, then the moments, then the dispute's order).
        """
        money_names = ("held", "released", "refunded", "carried_over")
        for money_mask, moment_mask in itertools.product(range(16), range(64)):
            money = {n: 5 if money_mask >> i & 1 else 0 for i, n in enumerate(money_names)}
            moments = {n: T if moment_mask >> i & 1 else None for i, n in enumerate(_MOMENTS)}
            expected = _first_misfit(state, money, moments)
            fields = {n: usd(v) for n, v in money.items()}
            funded = usd(sum(money.values()))
            if expected is None:
                assert state == Escrow(state, funded, **fields, **moments).state
                continue
            with pytest.raises(InvalidValueError) as info:
                Escrow(state, funded, **fields, **moments)
            assert expected == (info.value.field, info.value.rule), (money, moments)

    def test_one_currency_and_real_types(self):
        """Amounts share the funded currency; state and amounts have their types."""
        with pytest.raises(CurrencyMismatchError) as info:
            Escrow(S.FUNDED, usd(5), held=Money(5, "PKR"))
        assert "Escrow.held" == info.value.field
        assert S.FUNDED is Escrow("funded", usd(5), held=usd(5)).state  # its text (r20 M2)
        with pytest.raises(InvalidTypeError) as info:
            Escrow(1, usd(5), held=usd(5))  # type: ignore[arg-type]
        assert "Escrow.state" == info.value.field
        with pytest.raises(InvalidTypeError) as info:
            Escrow(S.FUNDED, 5, held=usd(5))  # type: ignore[arg-type]
        assert "Escrow.funded" == info.value.field

    def test_moments_are_aware_and_stored_in_utc(self):
        """A naive submission time is refused; an aware one is stored in UTC."""
        with pytest.raises(InvalidValueError) as info:
            escrow_of(S.SUBMITTED, funded="5", held="5", submitted_at=datetime(2024, 1, 1))
        assert "Escrow.submitted_at" == info.value.field
        karachi = timezone(timedelta(hours=5))
        e = escrow_of(S.SUBMITTED, funded="5", held="5", submitted_at=T.astimezone(karachi))
        assert (T, UTC) == (e.submitted_at, e.submitted_at.tzinfo)

    def test_short_repr(self):
        """The repr shows the state, funded, and only the fields that hold something."""
        e = escrow_of(S.SUBMITTED, funded="5", held="5", submitted_at=T)
        assert "released" not in repr(e)
        assert repr(e).startswith("Escrow(state=<MilestoneState.SUBMITTED")


class TestPaymentRecord:
    def test_plain_payment_still_works(self):
        """Payment(on, amount) is a payment recorded by hand: kind OTHER, no milestone, no moment."""
        p = Payment(date(2024, 1, 2), usd(10))
        assert (PaymentKind.OTHER, None, None) == (p.kind, p.milestone_id, p.at)
        assert datetime(2024, 1, 2, tzinfo=UTC) == p.moment

    def test_release_needs_its_milestone_and_moment(self):
        """An escrow release says which milestone and when (its security period runs from then)."""
        with pytest.raises(InvalidValueError) as info:
            Payment(T.date(), usd(10), at=T, kind=PaymentKind.RELEASE)
        assert "Payment.milestone_id" == info.value.field
        with pytest.raises(InvalidValueError) as info:
            Payment(T.date(), usd(10), milestone_id="m1", kind=PaymentKind.RELEASE)
        assert "Payment.at" == info.value.field
        with pytest.raises(InvalidValueError) as info:
            Payment(T.date(), usd(0), T, "m1", PaymentKind.BONUS)
        assert ("Payment.amount", "more than zero") == (info.value.field, info.value.rule)

    def test_day_is_the_utc_day_of_the_moment(self):
        """Payment.on must be the UTC day of Payment.at."""
        with pytest.raises(InvalidValueError) as info:
            Payment(date(2024, 3, 5), usd(10), at=T)
        assert ("Payment.on", "the UTC day of Payment.at") == (info.value.field, info.value.rule)

    def test_kind_by_member_or_text(self):
        """kind is a PaymentKind, also given as its text; anything else is refused."""
        assert PaymentKind.BONUS is Payment(T.date(), usd(1), T, "m1", "bonus").kind  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError) as info:
            Payment(T.date(), usd(1), kind="tip")  # type: ignore[arg-type]
        assert "Payment.kind" == info.value.field
        with pytest.raises(InvalidTypeError):
            Payment(T.date(), usd(1), kind=3)  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError) as info:
            Payment(T.date(), usd(1), milestone_id=" ")
        assert "Payment.milestone_id" == info.value.field


class TestHistory:
    def events(self):
        return [
            Fund("m1", T),
            Submit("m1", T + timedelta(hours=1)),
            RequestChanges("m1", T + timedelta(hours=2)),
        ]

    def test_reads_like_a_tuple(self):
        """len, indexing, slicing, iteration, reversed and equality with a tuple."""
        events = self.events()
        h = History(events)
        assert (3, events[0], events[-1], tuple(events[1:])) == (len(h), h[0], h[-1], h[1:])
        assert tuple(events) == h
        assert events == list(h)
        assert events[::-1] == list(reversed(h))
        assert (events[0], events[-1]) == (h.first, h.last)
        assert (None, None, 0) == (History().first, History().last, len(History()))
        with pytest.raises(IndexError):
            h[3]
        with pytest.raises(InvalidTypeError):
            h["0"]  # type: ignore[call-overload]

    def test_reading_by_index_walks_the_log_once(self, monkeypatch):
        """Red team r17 L3: each history[i] walked the log from its newest entry, so a loop
        by index over 50,000 events took 38 s.  Built one event at a time (an entry each),
        a loop by index and index() read the entries once, and give what a tuple gives."""
        events = [Fund("m1", T + timedelta(minutes=n)) for n in range(2_000)]
        h = History()
        for event in events:
            h = h.append(event)
        walks = 0
        entries = History._entries

        def counted(self: History) -> object:
            nonlocal walks
            walks += 1
            return entries(self)

        monkeypatch.setattr(History, "_entries", counted)
        assert [h[i] for i in range(len(h))] == events
        assert [h[-1 - i] for i in range(len(h))] == events[::-1]
        assert h.index(events[1_500]) == 1_500
        assert h[10:13] == tuple(events[10:13])
        assert walks == 1

    def test_append_leaves_the_original_alone(self):
        """append() and extend() return new histories; the old one is unchanged."""
        events = self.events()
        h = History(events[:1])
        longer = h.append(events[1]).extend(events[2:])
        assert (1, tuple(events)) == (len(h), longer)
        assert h is h.extend([])

    def test_regression_reversed_history_is_refused(self):
        """Regression: a history out of time order is refused, naming the first event out of place."""
        events = self.events()[::-1]
        with pytest.raises(InvalidValueError) as info:
            Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2024, 3, 1), history=events)
        assert ("Contract.history[1]", "in time order") == (info.value.field, info.value.rule)
        with pytest.raises(InvalidValueError) as info:
            History([Fund("m1", T)]).append(Fund("m1", T - timedelta(seconds=1)))
        assert "History.events[1]" == info.value.field

    def test_history_not_before_the_contract(self):
        """The history starts no earlier than the contract."""
        with pytest.raises(InvalidValueError) as info:
            Contract(
                "c1", "acme", ContractKind.FIXED_PRICE, date(2024, 3, 5), history=self.events()
            )
        assert ("Contract.history[0]", "not before Contract.started") == (
            info.value.field,
            info.value.rule,
        )

    def test_items_and_argument_are_checked(self):
        """Only escrow events, in a sequence."""
        with pytest.raises(InvalidTypeError) as info:
            History([Fund("m1", T), "Submit"])  # type: ignore[list-item]
        assert "History.events[1]" == info.value.field
        with pytest.raises(InvalidTypeError):
            History(Fund("m1", T))  # type: ignore[arg-type]

    def test_value_semantics(self):
        """Equal histories are equal and hash alike; they pickle, copy and repr as their events."""
        events = self.events()
        h = History(events)
        assert History(events) == h
        assert hash(tuple(events)) == hash(h)
        assert h != History(events[:2])
        assert h != History([*events[:2], Submit("m1", T + timedelta(hours=3))])
        assert h == pickle.loads(pickle.dumps(h))
        assert h is copy.deepcopy(h)
        assert repr(h).startswith("History([Fund(")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            h._head = None  # type: ignore[misc]

    def test_a_long_history_is_cheap_to_drop(self):
        """A history of 100,000 events is built, compared and released without recursion."""
        events = [Fund("m1", T)] * 100_000
        h = History(events)
        assert h == History(events)
        del h


class TestLoadingRefusesImpossibleStates:
    def test_regression_edited_held_of_a_million(self):
        """Regression: a saved contract whose held was edited to 1,000,000 fails to load, with its path."""
        from upwork_safety import escrow, serialize

        c = logo_offer()
        c = escrow.apply(c, Fund("m1", T))
        data = serialize.to_dict(c)
        data["milestones"][0]["escrow"]["held"]["amount"] = "1000000"
        with pytest.raises(InvalidDataError) as info:
            serialize.from_dict(Contract, data)
        assert info.value.problems[0].startswith("$.milestones[0].escrow")

    def test_regression_submitted_without_submission_time(self):
        """Regression: a SUBMITTED milestone with no submission time fails to load."""
        from upwork_safety import serialize

        data = serialize.to_dict(Milestone("m1", "Logo", usd("500")), omit_defaults=False)
        data["escrow"].update(state="submitted", funded=data["amount"], held=data["amount"])
        with pytest.raises(InvalidDataError) as info:
            serialize.from_dict(Milestone, data)
        assert info.value.problems[0].startswith("$.escrow")

    def test_regression_reversed_history_fails_to_load(self):
        """Regression: a saved history in reverse order fails to load."""
        from upwork_safety import escrow, serialize

        c = escrow.replay(logo_offer(), [Fund("m1", T), Submit("m1", T + timedelta(days=1))])
        data = serialize.to_dict(c)
        data["history"].reverse()
        with pytest.raises(InvalidDataError):
            serialize.from_dict(Contract, data)


class TestWholeMinorUnits:
    """Fifth round: a sub-cent milestone (USD 5.005) was built, funded, approved and paid
    as USD 5.005 of earnings; every amount Upwork moves is in cents."""

    def test_milestone_amount(self):
        with pytest.raises(InvalidValueError) as info:
            Milestone("m1", "Logo", usd("5.005"))
        assert ("Milestone.amount", "whole minor units") == (info.value.field, info.value.rule)
        assert usd("5.01") == Milestone("m1", "Logo", usd("5.010")).amount

    def test_payment_amount(self):
        with pytest.raises(InvalidValueError) as info:
            Payment(date(2024, 3, 1), usd("0.001"))
        assert ("Payment.amount", "whole minor units") == (info.value.field, info.value.rule)
        assert usd("12.5") == Payment(date(2024, 3, 1), usd("12.500")).amount

    @pytest.mark.parametrize(
        ("state", "amounts", "field"),
        [
            (S.FUNDED, {"funded": "5.005", "held": "5.005"}, "Escrow.held"),
            (S.PAID, {"funded": "5.00", "released": "4.995", "held": "0.005"}, "Escrow.held"),
            (S.REFUNDED, {"funded": "5.005", "refunded": "5.005"}, "Escrow.refunded"),
        ],
    )
    def test_escrow_parts(self, state, amounts, field):
        """Parts in half cents are refused, naming the first, even when they add up to 5.00."""
        with pytest.raises(InvalidValueError) as info:
            Escrow(state, **{name: usd(value) for name, value in amounts.items()})
        assert (field, "whole minor units") == (info.value.field, info.value.rule)

    def test_trailing_zeros_are_whole_cents(self):
        assert usd(5) == Escrow(S.FUNDED, usd("5.000"), held=usd("5.000")).held

    def test_a_loaded_sub_cent_escrow_is_refused(self):
        from upwork_safety import escrow, serialize

        c = logo_offer()
        data = serialize.to_dict(escrow.apply(c, Fund("m1", T)))
        data["milestones"][0]["amount"]["amount"] = "500.004"
        data["milestones"][0]["escrow"]["funded"]["amount"] = "500.004"
        data["milestones"][0]["escrow"]["held"]["amount"] = "500.004"
        with pytest.raises(InvalidDataError) as info:
            serialize.from_dict(Contract, data)
        assert info.value.problems[0].startswith("$.milestones[0]")


class TestHistoryFitsTheContract:
    """Fifth round: a history naming a milestone the contract does not have, a second end,
    an end date that disagrees with the EndContract, and payments before the start were
    built, loaded and then accepted by the engines."""

    @staticmethod
    def ended():
        from upwork_safety import escrow

        c = logo_offer("15")
        return escrow.apply(escrow.apply(c, Fund("m1", T)), EndContract(T + timedelta(days=1)))

    def test_the_engines_contract_is_accepted_again(self):
        c = self.ended()
        assert date(2024, 3, 5) == c.ended
        assert c == attrs.evolve(c)

    @pytest.mark.parametrize(
        ("changes", "rule"),
        [
            ({"ended": None}, "Contract.ended is the EndContract's day"),
            ({"ended": date(2024, 3, 6)}, "Contract.ended is the EndContract's day"),
            ({"milestones": [Milestone("m2", "Logo", usd("15"))]}, "a milestone of the contract"),
        ],
    )
    def test_edits_that_break_the_history_are_refused(self, changes, rule):
        c = self.ended()
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(c, **changes)
        assert (info.value.field.startswith("Contract.history["), rule) == (True, info.value.rule)

    def test_a_second_end_is_refused(self):
        c = self.ended()
        history = (*c.history, EndContract(T + timedelta(days=2)))
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(c, history=history)
        assert ("Contract.history[2]", "ends once") == (info.value.field, info.value.rule)

    def test_funding_after_the_end_is_refused(self):
        c = attrs.evolve(self.ended(), history=(), milestones=[Milestone("m1", "Logo", usd("15"))])
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(c, history=[Fund("m1", T + timedelta(days=2))])
        assert ("Contract.history[0]", "no funding or submitting after the end") == (
            info.value.field,
            info.value.rule,
        )

    def test_a_dormancy_request_closes_the_contract(self):
        books = Escrow(S.REFUND_REQUESTED, usd("15"), held=usd("15"), refund_requested_at=T)
        m1 = Milestone("m1", "Logo", usd("15"), escrow=books)  # as the request left it
        request = DormancyRefundRequest("m1", T)
        with pytest.raises(InvalidValueError) as info:
            Contract(
                "c1",
                "acme",
                ContractKind.FIXED_PRICE,
                date(2024, 3, 1),
                milestones=[m1],
                history=[request],
            )
        assert "Contract.ended by the dormancy request's day" == info.value.rule
        closed = Contract(
            "c1",
            "acme",
            ContractKind.FIXED_PRICE,
            date(2024, 3, 1),
            date(2024, 3, 4),
            milestones=[m1],
            history=[request],
        )
        assert date(2024, 3, 4) == closed.ended

    def test_a_loaded_history_naming_another_milestone_is_refused(self):
        from upwork_safety import serialize

        data = serialize.to_dict(self.ended())
        data["history"][0]["milestone_id"] = "zz"
        with pytest.raises(InvalidDataError) as info:
            serialize.from_dict(Contract, data)
        (problem,) = info.value.problems
        assert ("$.history[0]", "a milestone of the contract") == (problem.path, problem.rule)

    def test_the_caches_never_let_a_changed_contract_through(self):
        """Review: a contract rebuilt from an engine-built one's own (cached) milestones and
        payments, with another history, end or start, is judged as a fresh one is."""
        from upwork_safety import escrow

        c = self.ended()
        c = escrow.advance(c, T + timedelta(days=9))  # the refund request ends in a refund
        fresh = {"milestones": tuple(c.milestones), "payments": tuple(c.payments)}

        def outcome(base, **fields):
            try:
                attrs.evolve(base, **fields)
            except InvalidValueError as error:
                return (error.field, error.rule)
            return "built"

        at_end = ("Contract.history[1]", "Contract.ended is the EndContract's day")
        changes = [
            # An end set by hand with no EndContract on record (an export's contract): fine.
            ("built", {"history": (c.history[0], *c.history[2:])}),
            (at_end, {"ended": None}),
            (at_end, {"ended": date(2024, 3, 9)}),
            (
                ("Contract.history[2]", "ends once"),
                {"history": (*c.history[:2], EndContract(T + timedelta(days=1)), *c.history[2:])},
            ),
        ]
        for expected, change in changes:
            for base in (c, pickle.loads(pickle.dumps(c)), copy.copy(c)):
                assert expected == outcome(base, **change) == outcome(base, **change, **fresh)
        paid = Contract(
            "c2",
            "acme",
            ContractKind.FIXED_PRICE,
            date(2024, 3, 1),
            payments=[Payment(date(2024, 3, 2), usd(5))],
        )
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(paid, started=date(2024, 3, 3))  # the same payments object
        assert ("Contract.payments[0]", "not before Contract.started") == (
            info.value.field,
            info.value.rule,
        )
        assert "set its started= to 2024-03-02 or before" in str(info.value)

    def test_a_subclass_of_an_event_is_judged_as_the_event(self):
        """Second review: a subclass of EndContract (History takes subclasses) raised a bare
        AttributeError in the history check."""

        class MyEnd(EndContract):
            pass

        with pytest.raises(InvalidValueError) as info:
            Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2024, 3, 1), history=[MyEnd(T)])
        assert ("Contract.history[0]", "Contract.ended is the EndContract's day") == (
            info.value.field,
            info.value.rule,
        )

    def test_nothing_is_paid_before_the_start(self):
        with pytest.raises(InvalidValueError) as info:
            Contract(
                "c1",
                "acme",
                ContractKind.FIXED_PRICE,
                date(2024, 3, 1),
                payments=[Payment(date(2024, 3, 2), usd(5)), Payment(date(2020, 1, 1), usd(5))],
            )
        assert ("Contract.payments[1]", "not before Contract.started") == (
            info.value.field,
            info.value.rule,
        )

    def test_no_time_is_logged_outside_the_contracts_days(self):
        """Red team r8, finding 2: Work Diary time before the start or after the end is refused.

        The same rule as payments before the start, and its pair for the end;
        the days are UTC, and an entry's end is exclusive.
        """

        def hourly(*entries, ended=date(2025, 1, 2)):
            return Contract(
                "c1",
                "acme",
                ContractKind.HOURLY,
                date(2025, 1, 1),
                ended,
                hourly_rate=usd(25),
                time_entries=[TimeEntry(s, e) for s, e in entries],
            )

        def at(day, hour=0, tz=UTC):
            return datetime(2025, 1, day, hour, tzinfo=tz)

        cases = [
            (
                [(at(2, 9), at(2, 10)), (datetime(2024, 12, 31, 23, tzinfo=UTC), at(1, 1))],
                ("Contract.time_entries[1]", "not before Contract.started"),
            ),
            (
                [(at(1, 9), at(1, 10)), (at(3, 0), at(3, 1))],
                ("Contract.time_entries[1]", "not after Contract.ended"),
            ),
            # 03:00 in Karachi on the first day is still the day before in UTC.
            (
                [(at(1, 3, timezone(timedelta(hours=5))), at(1, 9))],
                ("Contract.time_entries[0]", "not before Contract.started"),
            ),
        ]
        for entries, expected in cases:
            with pytest.raises(InvalidValueError) as info:
                hourly(*entries)
            assert expected == (info.value.field, info.value.rule)
        # The whole of the first and last UTC days may be worked; an open contract has no end.
        inside = hourly((at(1, 0), at(1, 1)), (at(2, 23), at(3, 0)))
        assert 2 == len(inside.time_entries)
        assert 1 == len(hourly((at(20, 9), at(20, 10)), ended=None).time_entries)
        data = serialize.to_dict(inside)
        data["time_entries"][0]["start"] = "2024-12-31T23:00:00+00:00"
        with pytest.raises(InvalidDataError):
            serialize.from_dict(Contract, data)


class TestTimeEntry:
    def test_the_overlap_check_gives_the_work_diarys_time_order(self):
        """Review 8, finding 5: its one sort gives the order the span and invoice() read.

        The first position starts first and the last ends last, so a
        contract's date check costs two comparisons, not two more passes.
        """
        start = datetime(2024, 1, 1, tzinfo=UTC)
        diary = tuple(
            TimeEntry(start + timedelta(hours=h), start + timedelta(hours=h, minutes=30))
            for h in (5, 1, 9, 3)
        )
        assert [1, 3, 0, 2] == _check_no_overlaps(diary, "entries")
        assert [] == _check_no_overlaps((), "entries")

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

    def test_last_paid_at_is_the_latest_payment_moment_in_any_order(self):
        """The latest ``Payment.moment``: its ``at``, or 00:00 UTC of its day; kept on append."""
        utc = timezone.utc
        paid = contract(
            payments=[
                Payment(date(2024, 3, 5), usd("10"), kind=PaymentKind.BONUS),
                Payment(date(2024, 3, 4), usd("20"), at=datetime(2024, 3, 4, 23, tzinfo=utc)),
                Payment(date(2024, 1, 2), usd("30")),
            ]
        )
        assert datetime(2024, 3, 5, tzinfo=utc) == paid.last_paid_at
        assert contract().last_paid_at is None
        later = Payment(date(2024, 3, 5), usd("1"), at=datetime(2024, 3, 5, 8, tzinfo=utc))
        grown = attrs.evolve(paid, payments=paid.payments.appending([later]))
        assert datetime(2024, 3, 5, 8, tzinfo=utc) == grown.last_paid_at
        earlier = Payment(date(2024, 2, 1), usd("1"))
        assert (
            paid.last_paid_at
            == attrs.evolve(paid, payments=paid.payments.appending([earlier])).last_paid_at
        )

    def test_the_indexes_and_caches_of_milestones_and_payments_cannot_be_assigned(self):
        """Regression (review r14): ``payments.latest = None`` changed a frozen contract's
        ``last_paid_at``, and an assigned ``milestones.releases_match`` would have let a
        contract built from them skip the release check."""
        at = datetime(2024, 6, 1, 12, tzinfo=UTC)
        paid = contract(
            milestones=[
                Milestone(
                    "m0",
                    "Logo",
                    usd("50"),
                    escrow=Escrow(MilestoneState.PAID, funded=usd("50"), released=usd("50")),
                )
            ],
            payments=[Payment(at.date(), usd("50"), at=at, milestone_id="m0", kind="release")],
        )
        for values, names in (
            (paid.payments, ("latest", "earliest", "anything")),
            (paid.milestones, ("releases_match", "history_fits", "holding", "positions")),
        ):
            for name in names:
                with pytest.raises(attrs.exceptions.FrozenInstanceError):
                    setattr(values, name, None)
                with pytest.raises(attrs.exceptions.FrozenInstanceError):
                    delattr(values, name)
        assert at == paid.last_paid_at
        # No public method can mark them either (review r15 M2: a public remember() could):
        # the only ones beside a tuple's derive a new, checked value.
        for values, method in ((paid.milestones, "replacing"), (paid.payments, "appending")):
            extra = [n for n in dir(type(values)) if not n.startswith("_") and n not in dir(())]
            assert [method] == extra
        assert paid.milestones.releases_match is paid.payments
        assert frozenset() == paid.milestones.holding
        assert {"m0": 0} == dict(paid.milestones.positions)

    def test_earnings_without_payments_are_zero_in_the_contracts_currency(self):
        """Regression (code review): a PKR contract without payments earned USD 0.00."""
        pkr = Money("5000", "PKR")
        fixed = contract(milestones=[Milestone("m1", "Logo", pkr)])
        hourly = contract(kind=ContractKind.HOURLY, hourly_rate=Money("2500", "PKR"))
        for unpaid in (fixed, hourly):
            assert Money("0", "PKR") == unpaid.earnings
            assert "PKR" == unpaid.earnings.currency
            assert pkr == unpaid.earnings + pkr

    def test_one_currency_for_milestones_payments_and_the_hourly_rate(self):
        """Regression (newcomer trial): a contract mixing currencies is refused when it is built.

        It used to be accepted and refused only later, by ``Fund`` or ``ledger()``.
        """
        cases = [
            (
                {
                    "milestones": [
                        Milestone("a", "A", usd(10)),
                        Milestone("b", "B", Money(10, "EUR")),
                    ]
                },
                "Contract.milestones[1]",
            ),
            (
                {
                    "milestones": [Milestone("a", "A", usd(10))],
                    "payments": [Payment(date(2024, 1, 2), Money(10, "PKR"))],
                },
                "Contract.payments[0]",
            ),
            (
                {
                    "kind": ContractKind.HOURLY,
                    "hourly_rate": Money(10, "EUR"),
                    "payments": [Payment(date(2024, 1, 2), usd(10))],
                },
                "Contract.payments[0]",
            ),
        ]
        for fields, name in cases:
            with pytest.raises(CurrencyMismatchError) as info:
                contract(**fields)
            assert (name, "one currency") == (info.value.field, info.value.rule)
        # One currency throughout, other than USD, is fine; so is a contract paid
        # in PKR with no milestones (its ledger is in PKR).
        eur = contract(
            milestones=[Milestone("a", "A", Money(10, "EUR"))],
            payments=[Payment(date(2024, 1, 2), Money(10, "EUR"))],
        )
        assert Money(10, "EUR") == eur.earnings
        pkr = contract(payments=[Payment(date(2024, 1, 2), Money(100, "PKR"))])
        from upwork_safety import escrow

        book = escrow.ledger(pkr, datetime(2024, 2, 1, tzinfo=UTC))
        assert Money(0, "PKR") == book.funded

    def test_loading_a_mixed_currency_contract_names_the_path(self):
        """A saved contract edited to mix currencies fails to load, with its path."""
        from upwork_safety import serialize

        data = serialize.to_dict(
            contract(milestones=[Milestone("a", "A", usd(10)), Milestone("b", "B", usd(20))])
        )
        data["milestones"][1]["amount"]["currency"] = "EUR"
        with pytest.raises(InvalidDataError) as info:
            serialize.from_dict(Contract, data)
        assert info.value.problems[0].startswith("$.milestones")

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
        with pytest.raises(InvalidValueError) as info:
            contract(milestones=[m, m])
        assert ("Contract.milestones[1]", "unique milestone ids") == (
            info.value.field,
            info.value.rule,
        )

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
        with pytest.raises(InvalidValueError, match="hourly_rate must be more than zero"):
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
        with pytest.raises(InvalidValueError, match=r"no milestone 'm9' \(milestones: 'm1'\)"):
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

    def test_replacing_a_milestone_keeps_the_tuples_rules(self):
        """Regression (review, r13): ``contract.milestones.replacing`` checked only the id.

        A EUR milestone in place of a USD one built a contract in two currencies,
        which the engine worked on and ``serialize`` could not load back.
        """
        two = logo_offer()
        two = attrs.evolve(two, milestones=[*two.milestones, Milestone("m2", "Icons", usd("100"))])
        eur = Milestone("m2", "Icons", Money("100", "EUR"))
        with pytest.raises(CurrencyMismatchError) as caught:
            two.milestones.replacing({1: eur})
        assert (caught.value.field, caught.value.rule) == ("Contract.milestones[1]", "one currency")
        with pytest.raises(InvalidTypeError) as caught:
            two.milestones.replacing({1: "m2"})  # type: ignore[dict-item]
        assert (caught.value.field, caught.value.rule) == ("Contract.milestones[1]", "a Milestone")
        for index in (2, -1, True):
            with pytest.raises(InvalidValueError) as caught:
                two.milestones.replacing({index: Milestone("m2", "Icons", usd("150"))})
            assert caught.value.rule == "the index of a milestone"
        # The same id, in the same currency: the step the engine takes.
        raised = two.milestones.replacing({1: Milestone("m2", "Icons", usd("150"))})
        assert [m.amount for m in raised] == [usd("500"), usd("150")]
        assert raised.positions == {"m1": 0, "m2": 1}

    def test_appending_payments_checks_each_is_a_payment(self):
        """Regression (review, r13): ``contract.payments.appending`` took any item."""
        paid = contract(payments=[Payment(date(2024, 1, 2), usd("100"))])
        with pytest.raises(InvalidTypeError) as caught:
            paid.payments.appending([usd("20")])  # type: ignore[list-item]
        assert (caught.value.field, caught.value.rule) == ("Contract.payments[1]", "a Payment")
        grown = paid.payments.appending([Payment(date(2024, 1, 1), usd("20"))])
        assert (len(grown), grown.earliest) == (2, 1)


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


def test_recorded_until_is_the_last_moment_a_contract_records():
    """Its first day's start, or a later event, escrow moment, payment or Work Diary end."""
    from upwork_safety import escrow
    from upwork_safety.testing import factories

    utc = timezone.utc
    bare = factories.contract(started=date(2025, 3, 3))
    assert datetime(2025, 3, 3, tzinfo=utc) == bare.recorded_until
    funded = escrow.apply(
        bare, escrow.Fund(bare.milestones[0].id, datetime(2025, 3, 4, 9, tzinfo=utc))
    )
    assert datetime(2025, 3, 4, 9, tzinfo=utc) == funded.recorded_until
    paid = attrs.evolve(
        funded, payments=[Payment(date(2025, 3, 9), usd("5.00"), kind=PaymentKind.BONUS)]
    )
    assert datetime(2025, 3, 9, tzinfo=utc) == paid.recorded_until
    hourly = factories.hourly_contract()
    assert max(e.end for e in hourly.time_entries) == hourly.recorded_until


def test_a_contract_whose_totals_no_money_can_hold_is_refused():
    """Red team r17 L2: two milestones of 600,000,000,000,000,000 built and round-tripped,
    then earnings and ledger failed naming Money.amount; the contract itself is refused now."""
    huge = Money("600000000000000000.00", "USD")
    with pytest.raises(InvalidValueError) as milestones:
        Contract(
            "c",
            "acme",
            ContractKind.FIXED_PRICE,
            date(2025, 1, 6),
            milestones=[Milestone("m0", "Part 1", huge), Milestone("m1", "Part 2", huge)],
        )
    assert (milestones.value.field, milestones.value.rule) == (
        "Contract.milestones",
        "a total of at most 18 integer digits",
    )
    paid = [Payment(date(2025, 1, 6), huge), Payment(date(2025, 1, 7), huge)]
    with pytest.raises(InvalidValueError) as payments:
        Contract("c", "acme", ContractKind.HOURLY, date(2025, 1, 6), payments=paid)
    assert payments.value.field == "Contract.payments"
    one = Contract("c", "acme", ContractKind.HOURLY, date(2025, 1, 6), payments=paid[:1])
    with pytest.raises(InvalidValueError):
        attrs.evolve(one, payments=paid)
    # Just inside the bound: the totals are told.
    edge = Money("499999999999999999.99", "USD")
    fine = Contract(
        "c",
        "acme",
        ContractKind.HOURLY,
        date(2025, 1, 6),
        payments=[Payment(date(2025, 1, 6), edge)] * 2,
    )
    assert fine.earnings == Money("999999999999999999.98", "USD")


class _Reconstructed:
    """Pickles as ``copyreg._reconstructor(cls, tuple, items)``: a tuple subclass made without ``__new__``."""

    def __init__(self, cls: type, items: tuple[object, ...]) -> None:
        self.cls, self.items = cls, items

    def __reduce__(self):
        return (copyreg._reconstructor, (self.cls, tuple, self.items))


class _Edited:
    """Pickles as *contract* with its field *name* replaced by *value*."""

    def __init__(self, contract: Contract, name: str, value: object) -> None:
        self.contract, self.name, self.value = contract, name, value

    def __reduce__(self):
        build, args = self.contract.__reduce__()[:2]
        names = [field.name for field in attrs.fields(Contract) if field.init]
        args = list(args)
        args[names.index(self.name) + (build is not Contract)] = self.value
        return (build, tuple(args))


def _hand_made(name: str, items: tuple[object, ...]) -> object:
    """A contract pickle whose *name* collection is rebuilt by ``copyreg._reconstructor``."""
    contract = Contract("c1", "cl", ContractKind.FIXED_PRICE, date(2024, 1, 1))
    kind = type(getattr(contract, name))
    return pickle.loads(pickle.dumps(_Edited(contract, name, _Reconstructed(kind, items)), 2))


@pytest.mark.parametrize(
    ("name", "items", "field", "rule"),
    [
        (
            "milestones",
            (Milestone("m1", "Logo", Money("50.00", "USD")), Milestone("m1", "Again", Money("70.00", "USD"))),
            "Contract.milestones[1]",
            "unique milestone ids",
        ),
        (
            "payments",
            (Payment(date(2024, 1, 2), Money("5.00", "USD")), Payment(date(2024, 1, 3), Money("5.00", "EUR"))),
            "Contract.payments[1]",
            "one currency",
        ),
    ],
    ids=["milestones", "payments"],
)  # fmt: skip
def test_a_collection_made_without_its_constructor_is_checked_again(name, items, field, rule):
    """Red team r18 L2: a reconstructed ``_Milestones`` was trusted, then failed with AttributeError."""
    with pytest.raises(InvalidValueError) as info:
        _hand_made(name, items)
    assert (field, rule) == (info.value.field, info.value.rule)


def test_a_valid_collection_made_without_its_constructor_loads_as_built():
    """Valid milestones rebuilt by ``copyreg._reconstructor`` load as the contract they make."""
    items = (Milestone("m1", "Logo", Money("50.00", "USD")),)
    loaded = _hand_made("milestones", items)
    assert (
        Contract("c1", "cl", ContractKind.FIXED_PRICE, date(2024, 1, 1), milestones=items) == loaded
    )
    assert ("m1", 0) == (loaded.milestones[0].id, loaded.milestones.positions["m1"])


def _open_with_feedback(**fields):
    return Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2025, 1, 1),
        payments=[Payment(date(2025, 2, 1), Money("500", "USD"))],
        feedback=Feedback(stars="1.0", private_score=0, end_reason=EndReason.UNSUCCESSFUL),
        **fields,
    )


def test_an_open_contract_refuses_feedback():
    """Feedback is given when a contract ends: an open one carrying it is refused (review r33, 1).

    It built, loaded and was scored, its review read on every day, its report saying both
    "still open" and "ended as 'unsuccessful'".
    """
    with pytest.raises(InvalidValueError) as info:
        _open_with_feedback()
    assert ("Contract.feedback", "feedback only on an ended contract") == (
        info.value.field,
        info.value.rule,
    )
    ended = _open_with_feedback(ended=date(2025, 3, 1))
    assert (date(2025, 3, 1), Decimal("1.0")) == (ended.ended, ended.feedback.stars)
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(ended, ended=None)
    assert "Contract.feedback" == info.value.field
    assert None is attrs.evolve(ended, ended=None, feedback=None).feedback


def test_loading_an_open_contract_with_feedback_names_its_path():
    """The loader refuses feedback on an open contract at ``$.feedback`` (review r33, 1)."""
    data = serialize.to_dict(_open_with_feedback(ended=date(2025, 3, 1)))
    del data["ended"]
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(Contract, data)
    assert [("$.feedback", "feedback only on an ended contract")] == [
        (problem.path, problem.rule) for problem in info.value.problems
    ]
