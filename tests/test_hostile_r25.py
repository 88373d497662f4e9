"""Red team r25 (hostile input): endless lists, a statement's row limit, Money * non-number."""

import itertools
from datetime import UTC, datetime

import pytest

from upwork_safety import ExchangeRate, InvalidDataError, InvalidTypeError, InvalidValueError, Money
from upwork_safety import escrow, fees, hourly, statements
from upwork_safety._validate import MAX_ITEMS, as_tuple, sequence_of
from upwork_safety.escrow import Fund
from upwork_safety.testing import factories as f

_T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)
_WEEK = hourly.billing_week(_T0)


# --------------------------------------------------------------------------
# H1: an endless iterable is refused at its first wrong item, or past MAX_ITEMS


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: escrow.replay(f.contract(), itertools.repeat(5)), "events[0]"),
        (
            lambda: hourly.invoice(itertools.repeat(5), week=_WEEK, rate=Money("20", "USD")),
            "entries[0]",
        ),
        (
            lambda: hourly.invoice(
                [], week=_WEEK, rate=Money("20", "USD"), pauses=itertools.repeat(5)
            ),
            "pauses[0]",
        ),
    ],
)
def test_an_endless_iterator_is_refused_at_its_first_wrong_item(call, field):
    with pytest.raises(InvalidTypeError) as caught:
        call()
    assert caught.value.field == field


def test_an_endless_iterator_of_right_items_stops_past_the_limit():
    with pytest.raises(InvalidValueError) as caught:
        fees.compare_withdrawals(
            Money("100", "USD"),
            reference_rate=ExchangeRate("USD", "PKR", "280"),
            methods=itertools.repeat(fees.PAYONEER),
        )
    assert (caught.value.field, caught.value.rule) == ("methods", "at most 200,000 items")


def test_endless_valid_events_stop_past_the_limit():
    events = itertools.repeat(Fund("m1", _T0))
    with pytest.raises(InvalidValueError) as caught:
        escrow.replay(f.contract(), events)
    assert caught.value.field == "events"


def test_the_limit_is_read_exactly():
    assert MAX_ITEMS == 200_000
    assert MAX_ITEMS == statements.MAX_LINES  # one bound for what the library reads
    read = iter(range(MAX_ITEMS + 5))
    assert len(sequence_of(itertools.islice(read, MAX_ITEMS), int, "items")) == MAX_ITEMS
    with pytest.raises(InvalidValueError):
        sequence_of(range(MAX_ITEMS + 1), int, "items")
    with pytest.raises(InvalidValueError) as caught:
        sequence_of([0] * (MAX_ITEMS + 1), int, "items")  # a list in memory too
    assert caught.value.field == "items"


def test_a_record_field_converter_reads_an_endless_iterator_no_further_than_the_limit():
    held = as_tuple(itertools.repeat(1))
    assert len(held) == MAX_ITEMS + 1  # the validator then refuses it
    given = (1, 2)
    assert as_tuple(given) is given

