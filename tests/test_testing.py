"""Tests for upwork_safety.testing: the strategies other projects use produce valid values."""

import subprocess
import sys
import textwrap
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given, settings

from upwork_safety import (
    Contract,
    ContractKind,
    Feedback,
    Money,
    escrow,
    fees,
    jss,
    rules,
    serialize,
)
from upwork_safety._events import Event
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.models import MilestoneState, PaymentKind
from upwork_safety.testing import factories
from upwork_safety.testing import strategies as us


@given(us.contracts())
def test_contracts_are_valid_and_round_trip(contract):
    """Every generated contract is valid and survives serialisation."""
    assert contract == serialize.from_json(Contract, serialize.to_json(contract))


@given(us.hourly_contracts())
def test_hourly_contracts_have_rates(contract):
    """Hourly contracts carry a rate and no milestones."""
    assert ContractKind.HOURLY == contract.kind
    assert contract.hourly_rate is not None
    assert () == contract.milestones


@pytest.mark.parametrize("kind", list(ContractKind))
def test_contracts_of_one_kind_draw_only_that_kind(kind):
    """``contracts(kind)`` draws that kind only, with moments too (newcomer r16)."""

    @settings(max_examples=30, database=None)
    @given(us.contracts(kind), us.contracts_with_moments(kind))
    def check(contract, pair):
        assert contract.kind is kind
        assert pair[0].kind is kind
        assert pair[1] >= pair[0].recorded_until

    check()


@pytest.mark.parametrize(
    ("kind", "error"),
    [("Hourly", InvalidValueError), ("", InvalidValueError), (1, InvalidTypeError),
     (ContractKind, InvalidTypeError)],
)  # fmt: skip
def test_contracts_refuse_a_kind_that_is_not_one(kind, error):
    """Text no kind has, or another value, is refused by name, not drawn as either kind.

    The kind's own text (``"hourly"``) is taken, as ``Contract`` takes it (review r24, newcomer N4).
    """
    with pytest.raises(error) as refused:
        us.contracts(kind)
    assert refused.value.field == "kind"


@settings(max_examples=60)
@given(us.contract_histories())
def test_histories_replay_and_conserve_money(history):
    """A generated history replays to the same contract, and its ledger adds up."""
    original, events, final = history
    assert len(events) <= len(final.history)
    assert final == escrow.replay(original, final.history)
    last = final.history[-1].at if final.history else None
    if last is not None:
        book = escrow.ledger(final, last)
        assert book.funded == (
            book.work_in_progress + book.in_review + book.pending + book.available + book.refunded
        )
        assert book.paid == sum((p.amount for p in final.payments), Money.zero("USD"))


@given(us.contracts())
def test_contracts_are_ones_the_fee_engine_charges(contract):
    """Regression (newcomer trial): a contract's own fee rate was drawn for 2015 contracts.

    The fees refuse a per-contract rate before the schedule that charges one,
    so about a third of the drawn contracts failed in `fees.net_earnings`.
    """
    net = fees.net_earnings(contract, on=date(2030, 12, 31))
    assert isinstance(net, Money)
    if contract.service_fee_rate is not None:
        assert contract.started >= fees.PER_CONTRACT_2025.effective


@settings(max_examples=60)
@given(us.histories(max_size=6), us.dates(min_value=rules.JSS_HISTORY.first_day))
def test_histories_are_what_the_jss_scores(history, as_of):
    """Distinct ids, either kind; the JSS scores them on any day its rules cover."""
    assert len({contract.id for contract in history}) == len(history) <= 6
    report = jss.score(history, as_of=as_of)
    assert [contract.id for contract in history] == [i.contract_id for i in report.impacts]


@given(us.events())
def test_events_round_trip(event):
    """Single events of every kind round-trip through JSON."""
    assert event == serialize.from_json(Event, serialize.to_json(event))


@given(us.money(), us.aware_datetimes(), us.dates())
def test_scalar_strategies_keep_their_promises(amount, moment, day):
    """Money has whole cents, moments are aware, dates lie in Upwork's era."""
    assert amount.is_rounded()
    assert moment.utcoffset() is not None
    assert date(2015, 1, 1) <= day <= date(2030, 12, 31)


@given(
    us.exchange_rates(min_value="250", max_value="300", as_of=us.dates(min_value=date(2024, 1, 1)))
)
def test_exchange_rates_keep_their_bounds_and_days(rate):
    """Newcomer 8: the rates' days could not be narrowed, so most could not be quoted."""
    assert (rate.base, rate.quote) == ("USD", "PKR")
    assert 250 <= rate.rate <= 300
    assert rate.as_of is not None
    assert rate.as_of >= date(2024, 1, 1)
    quote = fees.quote_withdrawal(Money("100", "USD"), fees.PAYONEER, reference_rate=rate)
    assert quote.received <= rate.convert(Money("100", "USD"))


def test_strategies_shrink_to_simple_values():
    """The simplest drawn values are the smallest: $0.00, 2015-01-01, one milestone in history."""
    from hypothesis import find
    from hypothesis import settings as hsettings

    quiet = hsettings(database=None)
    assert Money("0.00", "USD") == find(us.money("USD"), lambda _: True, settings=quiet)
    assert date(2015, 1, 1) == find(us.dates(), lambda _: True, settings=quiet)
    original, events, _final = find(us.contract_histories(), lambda _: True, settings=quiet)
    assert (1, ()) == (len(original.milestones), events)


def test_factories_build_valid_overridable_values():
    """Factories give fixed, valid values and accept field overrides."""
    c = factories.contract(amount="250", title="Logo")
    assert (Money("250", "USD"), "Logo", "acme") == (c.milestones[0].amount, c.title, c.client_id)
    m = factories.milestone(milestone_id="m9", amount=Money("7", "USD"), description="PNG")
    assert ("m9", Money("7", "USD"), "PNG") == (m.id, m.amount, m.description)
    s = factories.submitted_contract(at=datetime(2026, 3, 9, 15, tzinfo=timezone.utc))
    assert MilestoneState.SUBMITTED == s.milestones[0].state
    assert datetime(2026, 3, 2, 9, tzinfo=timezone.utc) == s.history[0].at
    done = factories.finished_contract(stars=None, private_score=None, end_reason=None)
    assert (None, date(2026, 4, 1), PaymentKind.OTHER) == (
        done.feedback,
        done.ended,
        done.payments[0].kind,
    )
    past = factories.history(4, clients=2)
    assert ["client1", "client2", "client1", "client2"] == [p.client_id for p in past]
    assert ["h1", "h2", "h3", "h4"] == [p.id for p in past]
    assert 100 == jss.score(past, as_of=date(2025, 6, 1)).score


def test_finished_contract_refuses_to_reopen_with_its_feedback():
    """finished_contract(ended=None) left its feedback on an open contract (review r33, 1).

    Refused naming ``ended``; without feedback it builds the open contract.
    """
    for extra in ({}, {"feedback": Feedback(stars="4.0")}):
        with pytest.raises(InvalidValueError) as info:
            factories.finished_contract(ended=None, **extra)
        assert ("ended", "feedback only on an ended contract") == (
            info.value.field,
            info.value.rule,
        )
    open_one = factories.finished_contract(
        ended=None, stars=None, private_score=None, end_reason=None
    )
    assert (None, None, Money("500", "USD")) == (
        open_one.ended,
        open_one.feedback,
        open_one.earnings,
    )


def test_factory_histories_combine_with_the_other_factories():
    """Regression (newcomer trial): history(5) + [finished_contract()] repeated the id c1."""
    past = [*factories.history(5), factories.finished_contract(earned="1500.00", stars="3.0")]
    report = jss.score(past, as_of=date(2026, 6, 1))
    # Five good $500 jobs weigh 1.25 each, the poorly rated $1,500 one 1.5: 6.25 / 7.75.
    assert 81 == report.score
    assert ["h1", "h2", "h3", "h4", "h5", "c1"] == [impact.contract_id for impact in report.impacts]
    titled = factories.finished_contract(title="Logo", ended=date(2026, 4, 30))
    assert ("Logo", date(2026, 4, 30)) == (titled.title, titled.ended)
    with pytest.raises(InvalidTypeError) as refused:
        factories.finished_contract(colour="red")
    assert "colour" == refused.value.field


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        (lambda: factories.history("4"), InvalidTypeError, "count"),
        (lambda: factories.history(None), InvalidTypeError, "count"),
        (lambda: factories.history(-1), InvalidValueError, "count"),
        (lambda: factories.history(4, clients=0), InvalidValueError, "clients"),
        (lambda: factories.history(4, start="2025-01-06"), InvalidTypeError, "start"),
        (lambda: factories.history(10**6), InvalidValueError, "count"),
        (lambda: factories.finished_contract(days=1.5), InvalidTypeError, "days"),
        (lambda: factories.finished_contract(earned=1.5), InvalidTypeError, "earned"),
        (lambda: factories.milestone(amount=None), InvalidTypeError, "amount"),
        (lambda: factories.contract(colour="red"), InvalidTypeError, "colour"),
        (lambda: factories.submitted_contract(at=5), InvalidTypeError, "at"),
        (
            lambda: factories.submitted_contract(funded_at=datetime(2026, 3, 2, 9)),
            InvalidValueError,
            "funded_at",
        ),
    ],
)
def test_factories_refuse_wrong_arguments_naming_them(call, error, field):
    """A wrong-typed or impossible factory argument gets the library's error, naming it."""
    with pytest.raises(error) as info:
        call()
    assert field == info.value.field


@pytest.mark.parametrize(
    ("call", "typo", "meant", "own"),
    [
        (lambda: factories.contract(amout="5"), "amout", "amount",
         ("contract_id", "client", "started", "amount", "service_fee_rate")),
        (lambda: factories.milestone(tittle="x"), "tittle", "title",
         ("milestone_id", "title", "amount")),
        (lambda: factories.hourly_contract(rates="9"), "rates", "rate",
         ("rate", "weekly_limit", "days", "hours")),
        (lambda: factories.finished_contract(earn="9"), "earn", "earned",
         ("days", "earned", "stars", "private_score", "end_reason")),
        (lambda: factories.submitted_contract(amout="5"), "amout", "amount",
         ("at", "funded_at", "amount")),
    ],
)  # fmt: skip
def test_a_mistyped_factory_argument_lists_the_factory_arguments(call, typo, meant, own):
    """The refusal lists the factory's own arguments and the closest name (review r24, N5).

    It listed only the model's fields, so ``contract(amout="5")`` never
    mentioned ``amount=``, the argument meant.
    """
    with pytest.raises(InvalidTypeError) as refused:
        call()
    assert typo == refused.value.field
    message = str(refused.value)
    assert f"did you mean {meant}=?" in message
    listed = message.split("arguments: ", 1)[1].split(";", 1)[0].split(", ")
    assert set(own) <= set(listed)


def test_a_name_far_from_any_gets_no_suggestion():
    """No close name, no guess: the lists alone."""
    with pytest.raises(InvalidTypeError) as refused:
        factories.contract(colour="red")
    assert "did you mean" not in str(refused.value)
    assert "colour" == refused.value.field


def test_history_of_none_is_empty():
    """history(0) is an empty history, not an error."""
    assert [] == factories.history(0)


def test_factories_import_without_hypothesis():
    """upwork_safety.testing.factories works where Hypothesis cannot be imported."""
    code = textwrap.dedent(
        """
        import sys
        sys.modules["hypothesis"] = None  # any import of it now fails
        from upwork_safety.testing import factories
        print(factories.contract().milestones[0].amount)
        try:
            from upwork_safety.testing import strategies
        except ImportError as error:
            print("strategies:", "testing" in str(error))
        """
    )
    done = subprocess.run(  # noqa: S603  (our own interpreter and a fixed script)
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert ("USD 500.00\nstrategies: True\n", "", 0) == (
        done.stdout,
        done.stderr,
        done.returncode,
    )


def test_factories_refuse_sub_cent_dollars_naming_their_argument():
    """Review: finished_contract(earned="100.005") failed naming Payment.amount."""
    from upwork_safety.errors import InvalidValueError
    from upwork_safety.testing import factories

    with pytest.raises(InvalidValueError) as info:
        factories.finished_contract(earned="100.005")
    assert ("earned", "whole minor units") == (info.value.field, info.value.rule)


@settings(max_examples=60, deadline=None)
@given(us.contracts_with_moments())
def test_contracts_with_moments_are_read_at_their_moment(contract_and_now):
    """Newcomer r14 #2: ``us.contracts()`` beside ``us.aware_datetimes()`` drew moments the
    library refuses (before the contract's records). The drawn moment is always accepted."""
    from upwork_safety import checks

    contract, now = contract_and_now
    assert now >= contract.recorded_until
    assert now.tzinfo is not None
    checks.review_contract(contract, now=now)
    if contract.kind is ContractKind.FIXED_PRICE:
        assert escrow.ledger(contract, now).funded.currency
        escrow.deadlines(contract, now)


@settings(max_examples=30, deadline=None)
@given(us.contract_histories(max_events=6).flatmap(
    lambda h: us.moments_after(h[2], within=timedelta(hours=3)).map(lambda now: (h[2], now))))  # fmt: skip
def test_moments_after_a_history_are_within_reach(pair):
    """From the last recorded moment up to *within* later, and the engine reads the contract there."""
    contract, now = pair
    assert contract.recorded_until <= now <= contract.recorded_until + timedelta(hours=3)
    escrow.advance(contract, now)


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"contract": "c1"}, InvalidTypeError, "contract"),
        ({"within": 3}, InvalidTypeError, "within"),
        ({"within": timedelta(days=-1)}, InvalidValueError, "within"),
        ({"within": timedelta.max}, InvalidValueError, "within"),
    ],
)
def test_moments_after_refuses_wrong_arguments_naming_them(kwargs, error, field):
    """The library's errors, naming the argument."""
    arguments = {"contract": factories.contract(), **kwargs}
    contract = arguments.pop("contract")
    with pytest.raises(error) as info:
        us.moments_after(contract, **arguments)
    assert field == info.value.field


def test_the_hourly_factory_is_protected_as_documented():
    """Newcomer r14 #1: documented as protected, its default client was unverified, so 0 of
    its 6 hours were protected and review_contract warned about both."""
    from upwork_safety import checks, hourly

    made = factories.hourly_contract()
    assert made.client.payment_verified
    bill = hourly.invoice_for(made, week=hourly.billing_week(made.time_entries[0].start))
    assert (bill.billable_hours, bill.protected_hours) == (bill.billable_hours, bill.billable_hours)
    assert Decimal("6.00") == bill.protected_hours
    after = made.time_entries[-1].end
    codes = {str(f.code) for f in checks.review_contract(made, now=after)}
    assert not codes & {"UNPROTECTED_HOURS", "UNVERIFIED_CLIENT"}
    bare = factories.hourly_contract(client="acme")
    assert Decimal(0) == hourly.invoice_for(bare, week=bill.week).protected_hours


def test_strategies_read_the_escrow_clocks_and_minimum_from_the_rules():
    """The milestone minimum and the clock jumps come from rules.HISTORY (promises r17 #5)."""
    from upwork_safety.testing._rules import clock_jumps, minimum_milestone

    assert minimum_milestone() == max(r.minimum_milestone.amount for r in rules.HISTORY)
    minute = timedelta(minutes=1)
    for platform in rules.HISTORY:
        for period in (platform.review_period, platform.security_period, platform.dormancy_course):
            assert period + minute in clock_jumps()
        assert platform.refund_after_payment_window + minute in clock_jumps()
    assert list(clock_jumps()) == sorted(set(clock_jumps()))


@settings(max_examples=50, database=None)
@given(us.milestones())
def test_drawn_milestones_are_at_least_every_rule_sets_minimum(milestone):
    """Every rule set builds a drawn milestone: none below any minimum."""
    assert all(milestone.amount >= r.minimum_milestone for r in rules.HISTORY)


#: New York's autumn fall-back day of 2025: 01:00–02:00 local runs twice (EDT, then EST).
_FALL_BACK = datetime(2025, 11, 2, 5, 0, tzinfo=timezone.utc)


def _new_york(moment):
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo("America/New_York"))


@pytest.mark.parametrize(
    ("start", "length"),
    [
        # 01:12:47 EST, in the repeated hour (fold=1): wall-clock arithmetic read the end
        # as 01:49:47 EDT, 23 minutes before the start.
        (_FALL_BACK + timedelta(hours=1, minutes=12, seconds=47), timedelta(minutes=37)),
        # 00:30 EDT, before the fall-back: eight hours on the wall clock are nine elapsed.
        (_FALL_BACK - timedelta(minutes=30), timedelta(hours=8)),
        # 01:30 EST on the spring-forward day (2025-03-09): the wall clock skips 02:xx.
        (datetime(2025, 3, 9, 6, 30, tzinfo=timezone.utc), timedelta(hours=1)),
    ],
)
def test_strategies_add_lengths_in_elapsed_time_across_daylight_saving(start, length):
    """Red team r20 M1: an entry or pause drawn across New York's DST change lasts what was drawn.

    ``time_entries()`` and ``pauses()`` added a length to a local moment, so at
    the autumn fold an entry ended before it started (``TimeEntry`` refused it:
    ``histories(min_size=100)`` raised) and one across the change ran an hour long.
    """
    from upwork_safety.testing._contract_strategies import _entry

    local = _new_york(start)
    entry = _entry(local, length // timedelta(seconds=1), manual=False, memo="", activity=None)
    assert (start, start + length) == (entry.start, entry.end)

    from upwork_safety.testing._arguments import later
    from upwork_safety.testing._hourly_strategies import _pause

    end = later(local, length)
    # (Compared in UTC: PEP 495 makes a moment of the repeated hour unequal to any other zone's.)
    assert start + length == end.astimezone(timezone.utc)
    assert local.tzinfo is end.tzinfo
    assert length == _pause(local, length).length


@pytest.mark.parametrize("strategy", [us.histories, us.histories_with_as_of])
@pytest.mark.parametrize(("min_size", "max_size"), [(0, 51), (80, 80), (150, 150)])
def test_histories_refuse_sizes_they_cannot_draw(strategy, min_size, max_size):
    """Red team r20 L2: 80 contracts failed Hypothesis's health check and 150 never drew.

    They were accepted when the strategy was built; now a *max_size* above 50 is
    refused there, naming it and the limit, as ``statements()`` refuses more than 100 rows.
    """
    with pytest.raises(InvalidValueError) as refused:
        strategy(min_size=min_size, max_size=max_size)
    assert ("max_size", "at most 50") == (refused.value.field, refused.value.rule)
    assert f"got {max_size}" in str(refused.value)


def test_histories_draw_the_largest_size_they_take():
    """A history of 50 contracts, the most histories() takes, draws under the health checks."""

    @settings(max_examples=3, derandomize=True, database=None, deadline=None)
    @given(us.histories(min_size=50, max_size=50))
    def check(history):
        assert 50 == len(history)

    check()
