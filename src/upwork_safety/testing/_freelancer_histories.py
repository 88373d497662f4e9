"""Strategies for a freelancer's history of contracts, what the JSS scores (private).

Public through :mod:`upwork_safety.testing.strategies`.

A history is drawn around one day, its ``as_of``: every contract starts in
the four years before it (four in five inside the two-year JSS window),
records nothing after it, mostly has ended by then and mostly carries
feedback, and most have a client of their own, so the JSS finds enough
jobs and clients to score it on that day (red team r16 M1: histories drawn
contract by contract over 2015–2030 were scored ``None`` 98 times in 100).
"""

from __future__ import annotations

import functools
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from upwork_safety import rules
from upwork_safety._moments import plain_date
from upwork_safety.errors import InvalidTypeError
from upwork_safety.models import Contract, EndReason, Feedback
from upwork_safety.testing._arguments import _refuse, _size_range, _sometimes, built, mapped
from upwork_safety.testing._contract_strategies import Anchor, _fixed, _hourly
from upwork_safety.testing._scalar_strategies import amounts, dates

#: How many days before its history's day a contract starts: inside the
#: 24-month JSS window four times in five, else more than two years and up to
#: four, so some start outside it; at least 10 days, so a Work Diary (a week
#: and two days at most) ends by the history's day.  (The rare branch was any
#: day up to four years, mostly inside the window: 97% started inside, red
#: team r20 L1.)
_BACK = _sometimes(st.integers(10, 700), st.integers(2 * 365 + 1, 4 * 365), one_in=5)

#: An ended contract's length, in hundredths of the days from its start to
#: the history's day (an integer below 256 is drawn evenly).
_LENGTH = st.integers(0, 100)

#: One of five, evenly: ``st.integers(0, 4)`` favours 0, so "one in five" was one in seven.
_FIFTHS = st.sampled_from(range(5))

#: Whether a contract is still open on the history's day (one in five).
_OPEN = mapped(_FIFTHS, lambda n: n == 4)

#: Whether a contract is with a client of an earlier one (a rehire, one in five).
_REHIRE = mapped(_FIFTHS, lambda n: n == 4)

#: Whether a contract has at least one payment (four in five; the rest may have none).
_PAID = mapped(_FIFTHS, lambda n: n != 4)

#: The most contracts a history holds (``max_size``).  Hypothesis bounds the
#: choices one example may make: 70 contracts already fail its health check
#: now and then (inputs too large), 80 failed it for the red team and 150 never
#: drew (r20 L2); 50 keeps a margin, and is far more than the JSS needs to score.
_MOST_CONTRACTS = 50


@functools.cache
def _feedback() -> st.SearchStrategy[Feedback | None]:
    """An ended contract's feedback: public stars three times in four (half of them high)."""
    stars = st.sampled_from([Decimal("5.0"), Decimal("4.8"), Decimal("4.5")]) | amounts(
        min_value="1", max_value="5", places=1
    )
    rated = built(
        Feedback,
        stars=stars,
        private_score=st.none() | st.integers(0, 10),
        end_reason=st.none() | st.sampled_from(EndReason),
    )
    unrated = st.none() | built(
        Feedback,
        private_score=st.none() | st.integers(0, 10),
        end_reason=st.none() | st.sampled_from(EndReason),
    )
    return _sometimes(rated, unrated)


def _as_of(value: object) -> date:
    """*value*, a date from 2015-03-01 (the JSS rules' first day) to 9990-12-31, else refused."""
    if not isinstance(value, date):
        raise InvalidTypeError(
            f"as_of must be a date or None, not {type(value).__name__}",
            field="as_of",
            rule="a date or None",
        )
    day = plain_date(value, "as_of")
    # The first day jss.score has rules for: a history drawn around an earlier day could
    # not be scored on it (review r16 L2).
    first = rules.JSS_HISTORY.first_day
    if day < first:
        _refuse(
            "as_of",
            f"must be on or after {first.isoformat()} (the first JSS rules), got {day.isoformat()}",
            f"on or after {first.isoformat()}",
        )
    return day


def histories(
    *, min_size: int = 0, max_size: int = 8, as_of: date | None = None
) -> st.SearchStrategy[list[Contract]]:
    """A freelancer's history: contracts of either kind with distinct ids, around one day.

    What :func:`upwork_safety.jss.score` and the other JSS functions take.
    The contracts (ids ``c1``, ``c2``…) start up to four years before
    *as_of* (four in five inside the two-year JSS window, the rest more
    than two years before it) and record nothing after it; four in five
    have ended by then, and an ended one has public stars three times in
    four; after the first, four in five are with a client of their own
    (``client-1``, ``client-2``…), the rest rehires.  So a
    history is often one the JSS scores on *as_of*.  Without *as_of* the
    day is drawn by :func:`dates` from the JSS rules' first day
    (2015-03-01); :func:`histories_with_as_of` gives it with the history.
    A history holds at most 50 contracts (*max_size*): Hypothesis cannot
    draw larger ones within its limit on one example.

    Raises:
        InvalidTypeError: A size that is not an int, or *as_of* not a date.
        InvalidValueError: A negative size, *min_size* above *max_size*,
            *max_size* above 50 (Hypothesis cannot draw larger histories
            within its limit on one example), or *as_of* before 2015-03-01
            (the first JSS rules) or after 9990-12-31.
    """
    low, high = _size_range(min_size, max_size, most=_MOST_CONTRACTS, of="contracts")
    day = None if as_of is None else _as_of(as_of)
    return mapped(_histories(low, high, day), lambda pair: pair[0])


def histories_with_as_of(
    *, min_size: int = 0, max_size: int = 8
) -> st.SearchStrategy[tuple[list[Contract], date]]:
    """``(history, as_of)``: a :func:`histories` value and the day it was drawn around.

    The day to score the history on (``jss.score(history, as_of=as_of)``):
    a day of :func:`dates` from the JSS rules' first day (2015-03-01), so a
    third of them under today's rules.

    Raises:
        InvalidTypeError, InvalidValueError: As :func:`histories`.
    """
    low, high = _size_range(min_size, max_size, most=_MOST_CONTRACTS, of="contracts")
    return _histories(low, high, None)


@functools.cache
def _histories(
    low: int, high: int, as_of: date | None
) -> st.SearchStrategy[tuple[list[Contract], date]]:
    days = dates(min_value=rules.JSS_HISTORY.first_day) if as_of is None else st.just(as_of)
    return _history(low, high, days)


@st.composite
def _history(
    draw: st.DrawFn, low: int, high: int, days: st.SearchStrategy[date]
) -> tuple[list[Contract], date]:
    as_of = draw(days)
    contracts = []
    for number in range(1, draw(st.integers(low, high)) + 1):
        started = as_of - timedelta(days=draw(_BACK))
        client = number
        if number > 1 and draw(_REHIRE):
            client = draw(st.integers(1, number - 1))
        ended = None
        feedback = None
        if not draw(_OPEN):
            ended = started + timedelta(days=(as_of - started).days * draw(_LENGTH) // 100)
            feedback = draw(_feedback())
        anchor = Anchor(
            id=f"c{number}",
            client=f"client-{client}",
            started=started,
            last=as_of,
            ended=ended,
            feedback=feedback,
            paid=draw(_PAID),
        )
        build = _hourly if draw(st.booleans()) else _fixed
        contracts.append(build(draw, anchor))
    return contracts, as_of
