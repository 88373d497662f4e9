"""Moments and days: the validators and converters of every date and datetime (private).

Each raises an :class:`~upwork_safety.errors.UpworkSafetyError` subclass
whose *field* names the field or argument and whose message says the rule.
The one documented normalisation of the library lives here: every aware
datetime is converted to UTC on entry (:func:`utc_instant`), because all of
Upwork's clocks run in UTC and equal instants must give equal values.  A
naive datetime is refused, never guessed, as is a wall time its zone never
showed (a daylight-saving gap), and days after :data:`LATEST` are
refused where timers would be added to them.
"""

from __future__ import annotations

import sys
from datetime import date, datetime, timezone, tzinfo
from typing import Any, NoReturn, cast

from upwork_safety._decimals import restore_context
from upwork_safety._display import is_missing, shown, type_name
from upwork_safety._last_day import LATEST
from upwork_safety._last_day import too_late as _too_late
from upwork_safety._plain import optional_to_date as optional_to_date  # noqa: PLC0414
from upwork_safety._plain import to_date as to_date  # noqa: PLC0414  (re-exported: its old home)
from upwork_safety._validate import field_name, finer_error
from upwork_safety.errors import InvalidTypeError, InvalidValueError

UTC = timezone.utc

_NAIVE_RULE = "timezone-aware datetime (Upwork's clocks run in UTC)"
_TZINFO_RULE = "a tzinfo with a valid UTC offset"
#: What a moment held by a value is: converted to UTC by its constructor.
_IN_UTC_RULE = "in UTC"


def utc_instant(value: object, what: str) -> datetime:
    """Return *value*, a timezone-aware datetime, converted to UTC.

    A subclass of ``datetime`` (``pandas.Timestamp``) becomes a plain
    ``datetime`` of the same moment; one that holds more than a ``datetime``
    can (nanoseconds) is refused, not rounded.

    Args:
        value: The moment; a naive datetime is refused, never guessed.
        what: The field or argument name for the error.

    Raises:
        InvalidTypeError: *value* is not a datetime.
        InvalidValueError: *value* is naive, finer than a microsecond,
            missing (``pandas.NaT``), a wall time its zone skipped (a
            daylight-saving gap), has a tzinfo that fails or gives no valid
            offset, or is outside the supported calendar (after :data:`LATEST`).
    """
    if type(value) is datetime and value.tzinfo is UTC and 1 < value.year < LATEST.year:
        return value  # the common case, already checked
    moment = in_utc(value, what)
    if moment.date() > LATEST:
        _too_late(moment, what)
    return moment


def in_utc(value: object, what: str) -> datetime:
    """*value*, an aware datetime, as a plain ``datetime`` in UTC, on any day of the calendar.

    :func:`utc_instant` without the :data:`LATEST` bound: for moments a
    report computes, which may fall after the last day an input may be.

    Raises:
        As :func:`utc_instant`, except for the bound.
    """
    if not issubclass(type(value), datetime):  # not isinstance: see plain_date
        raise InvalidTypeError(
            f"{what} must be a timezone-aware datetime, not {type(value).__name__}",
            field=what,
            rule=_NAIVE_RULE,
        )
    plain = value if type(value) is datetime else _plain_datetime(cast("datetime", value), what)
    try:
        # The offset is asked for once and the UTC moment built from it by hand:
        # astimezone() would ask again, and a tzinfo that answers None the second
        # time made CPython read the wall time in the process's local zone (red
        # team r18 M4).  datetime.utcoffset() itself refuses an answer that is
        # not a timedelta strictly within a day.
        offset = None if plain.tzinfo is None else plain.utcoffset()
        moment = (
            None
            if offset is None
            else (plain.replace(tzinfo=None) - offset).replace(tzinfo=UTC, fold=0)
        )
    except OverflowError:
        raise InvalidValueError(
            f"{what} ({_shown(plain)} at its UTC offset) falls outside the calendar once "
            "converted to UTC",
            field=what,
            rule="within the calendar",
        ) from None
    except Exception as exc:  # a tzinfo of the caller's that fails (ValueError, KeyError, ...)
        raise _tzinfo_failed(plain, exc, what, "gives no valid UTC offset") from exc
    if moment is None:
        raise InvalidValueError(
            f"{what} must be timezone-aware (e.g. tzinfo=timezone.utc); got the "
            f"naive datetime {_shown(plain)}: Upwork's clocks run in UTC",
            field=what,
            rule=_NAIVE_RULE,
        )
    if type(plain.tzinfo) is not timezone:  # a fixed offset has no gaps: every wall time exists
        _check_exists(plain, moment, what)
    if type(value) is not datetime or not _standard_zone(plain.tzinfo):
        # The caller's code (its tzinfo's utcoffset(), a subclass's methods) ran: the
        # library's decimal context back, whatever that code did to it (red team r33 1).
        restore_context()
    return moment


def _standard_zone(zone: object) -> bool:
    """Whether *zone* is one of the standard library's tzinfo types, which run no caller code.

    ``timezone``, or ``zoneinfo.ZoneInfo`` itself (not a subclass).  ``zoneinfo``
    is looked up, not imported: importing it would add its modules to every
    ``import upwork_safety`` (measured: 3 ms, 5% of it), and before anything
    imports it there is no ``ZoneInfo`` to be given.
    """
    kind = type(zone)
    if kind is timezone:
        return True
    zoneinfo = sys.modules.get("zoneinfo")
    return zoneinfo is not None and kind is zoneinfo.ZoneInfo


#: The rule a local time the clocks skipped breaks (:func:`_check_exists`).
_EXISTS_RULE = "a wall time that exists in its zone"

#: What a caller's tzinfo raises when it cannot convert a UTC moment back to its wall
#: time, so that :func:`_check_exists` cannot check it: the standard
#: ``tzinfo.fromutc``'s refusal of a ``utcoffset()`` or ``dst()`` of ``None``
#: (ValueError) or of no timedelta (TypeError), a ``dst()`` left unimplemented
#: (NotImplementedError), a ``fromutc`` that answers no datetime (TypeError), and a
#: conversion past the calendar's first or last day (OverflowError).
_CANNOT_CONVERT_BACK = (ValueError, TypeError, NotImplementedError, OverflowError)


def _tzinfo_failed(plain: datetime, exc: Exception, what: str, how: str) -> InvalidValueError:
    """The error refusing *plain*, whose tzinfo raised *exc* (it *how*), naming *what*."""
    return InvalidValueError(
        f"{what} has a tzinfo ({type(plain.tzinfo).__name__}) that {how}: "
        f"{type(exc).__name__}: {str(exc)[:200]}",
        field=what,
        rule=_TZINFO_RULE,
    )


def _check_exists(plain: datetime, moment: datetime, what: str) -> None:
    """Refuse *plain*, a wall time its zone never showed (a daylight-saving gap), naming *what*.

    *moment* is the UTC instant :func:`in_utc` read from *plain*'s offset.
    Converted back to *plain*'s zone it must give the same wall time; a time
    inside a gap (02:30 in New York on 2025-03-09) gives another (03:30), so
    it is refused rather than recorded as an instant the caller never wrote
    (review r24, escrowhourly E3).  A repeated time (a fold, either ``fold``)
    converts back to itself and is taken.  A pytz zone attached with
    ``tzinfo=`` (not ``localize``) holds its zone's first offset, local mean
    time, whatever the date: converted back it gives another wall time, and
    is refused too.

    Not checked: a tzinfo of the caller's that cannot convert back, raising
    one of :data:`_CANNOT_CONVERT_BACK` from ``fromutc`` (a ``dst()`` that
    answers ``None`` or is not implemented, as the standard ``fromutc``
    needs one; a ``utcoffset()`` that answers ``None`` when asked again,
    red team r18 M4; a ``fromutc`` that answers no
    datetime; a conversion past the calendar's edge).  Such a time is taken
    unchecked, at the one offset :func:`in_utc` read, so a time inside a gap
    of that zone is not caught.  Any other exception its tzinfo raises
    (``KeyError``, ``AttributeError``...) is a tzinfo that fails, and is
    refused as :func:`in_utc` refuses one whose ``utcoffset()`` fails.
    """
    zone = plain.tzinfo
    try:
        back = cast("tzinfo", zone).fromutc(moment.replace(tzinfo=zone))
        wall = datetime(*(field.__get__(back) for field in _DATETIME_FIELDS))  # noqa: DTZ001
    except _CANNOT_CONVERT_BACK:
        return  # not checkable: taken at the offset in_utc read (the docstring's list)
    except Exception as exc:  # a caller's tzinfo that fails otherwise: refused, as in in_utc
        how = "fails converting the UTC moment back (fromutc)"
        raise _tzinfo_failed(plain, exc, what, how) from exc
    written = plain.replace(tzinfo=None, fold=0)
    if wall == written:
        return
    name = getattr(zone, "key", None)
    where = f"in {name}" if type(name) is str else f"at its tzinfo ({type(zone).__name__})"
    raise InvalidValueError(
        f"{what} is {written.isoformat()} {where}, which converted to UTC and back reads "
        f"{wall.isoformat()}: a local time that never existed (the clocks skipped it, as at "
        "a daylight-saving change), or a zone attached so that it does not read the date "
        "(a pytz zone given as tzinfo= keeps its first offset: use zone.localize(...)); "
        "pass the time the clocks showed, or the moment in UTC",
        field=what,
        rule=_EXISTS_RULE,
    )


def _shown(moment: datetime) -> str:
    """*moment* for a message, without its tzinfo (a caller's tzinfo may fail again)."""
    return moment.replace(tzinfo=None).isoformat()


#: ``datetime``'s own fields, read through its descriptors: a subclass cannot answer for them.
_DATETIME_FIELDS = tuple(
    getattr(datetime, name)
    for name in ("year", "month", "day", "hour", "minute", "second", "microsecond")
)


def _plain_datetime(value: datetime, what: str) -> datetime:
    """*value* (a ``datetime`` subclass) as a plain ``datetime``; refused if it loses anything.

    The plain value is built from what ``datetime`` itself holds; the
    subclass is then asked whether that is all of it (``pandas.Timestamp``
    says no when it holds nanoseconds); one whose comparison raises is
    refused, the caller's exception as the cause (docs/api/errors.md).
    """
    plain: datetime | None
    try:
        year, month, day, hour, minute, second, micro = (
            field.__get__(value) for field in _DATETIME_FIELDS
        )
        plain = datetime(
            year,
            month,
            day,
            hour,
            minute,
            second,
            micro,
            tzinfo=datetime.tzinfo.__get__(value),
            fold=datetime.fold.__get__(value),
        )
    except Exception:  # noqa: BLE001  (no fields to read, as pandas.NaT: refused below)
        plain = None
    if plain is not None:
        try:
            same = bool(plain == value)
        except Exception as exc:
            raise InvalidTypeError(
                f"{what} (a {type_name(value)}) could not be compared with the datetime it "
                f"holds: its comparison raised {type_name(exc)}",
                field=what,
                rule="a datetime",
            ) from exc
        if same:
            return plain
    if is_missing(value):
        _missing(value, what, "a timezone-aware datetime")
    raise finer_error(value, datetime, what)


def _missing(value: object, what: str, wanted: str) -> NoReturn:
    """Refuse ``pandas.NaT``, a table's missing moment, saying so (review r24, newcomer N2).

    It is a ``datetime`` subclass with no fields to read; advice to round it
    to microseconds could not fix it.
    """
    raise InvalidValueError(
        f"{what} is a missing value ({type_name(value)}), not a moment: pass {wanted}, "
        "or fill in or leave out the rows that have none",
        field=what,
        rule="not missing",
    )


def _date_hint(value: object) -> str:
    """What a :func:`plain_date` refusal says after "must be a date": what was given, and the fix.

    A datetime is "not a datetime", with the fix: for an aware one its UTC
    day, ``value.astimezone(timezone.utc).date()``, the library's one rule
    for days (review r39, review 3); ``value.date()`` only for a naive one
    (a pandas Timestamp without a zone), where the day written is the only
    reading.  Text is shown with the call that reads it
    (``date.fromisoformat('2026-01-05')``), when it is a day so written.
    """
    if issubclass(type(value), datetime):
        # Read with datetime's own descriptor: a subclass's code does not run (review r35).
        if datetime.tzinfo.__get__(cast("datetime", value), datetime) is not None:
            return (
                f" (not a datetime), got {type(value).__name__}: pass its UTC day, "
                "value.astimezone(timezone.utc).date()"
            )
        # The hint as_of= gives (utc_day): a pandas Timestamp is the usual datetime here.
        return (
            f" (not a datetime), got {type(value).__name__}: pass a date (e.g. value.date() "
            "for the day written)"
        )
    if not issubclass(type(value), str):
        return f", got {type_name(value)}"
    text = str.__str__(cast("str", value))
    try:
        date.fromisoformat(text)
    except ValueError:
        return f", got str {shown(text)}: pass a date, e.g. date(2026, 1, 5)"
    return f", got str {shown(text)}: pass date.fromisoformat({shown(text)})"


def plain_date(value: object, what: str) -> date:
    """Return *value*, a ``date`` (not a ``datetime``), as a plain ``date``; else raise.

    A subclass becomes the plain ``date`` of the day it holds (read with
    ``date``'s own methods, so it cannot answer for itself).  Every check of
    this module judges a value by ``type()``, never by ``isinstance``, which
    asks a ``date`` subclass for its ``__class__`` when it is not the class
    asked about, running the subclass's ``__getattribute__`` in the middle
    of a call (review r35, hostile 1); an object that only claims to be a
    date through ``__class__`` is refused.
    """
    kind: type = type(value)
    if issubclass(kind, datetime) or not issubclass(kind, date):
        if issubclass(kind, datetime) and is_missing(value):
            _missing(value, what, "a date")
        raise InvalidTypeError(
            f"{what} must be a date{_date_hint(value)}",
            field=what,
            rule="a date",
        )
    day = to_date(cast("date", value))
    if day > LATEST:
        _too_late(day, what)
    return day


def settle_date(instance: object, name: str, what: str) -> None:
    """Store as *instance*'s field *name* the plain date it holds; refuse what is no date.

    For the rule sets' dates (``effective``), checked in ``__attrs_post_init__``
    where the error names the field (*what*): a ``date`` subclass (freezegun's
    ``FakeDate``) becomes the plain date of its day, read with ``date``'s own
    methods, so none of its code runs, as every other day argument is taken
    (review r36, hostile 5); a ``datetime`` or what is no date is refused.
    """
    value = object.__getattribute__(instance, name)
    day = plain_date(value, what)
    if day is not value:
        object.__setattr__(instance, name, day)


def utc_day(value: object, what: str) -> date:
    """The day of *value*: a ``date`` as it is, an aware ``datetime`` as its UTC date.

    This is the one place where "a date or a moment" becomes a day, so a
    naive datetime gets the same error everywhere.

    Raises:
        InvalidTypeError: *value* is neither a date nor a datetime.
        InvalidValueError: *value* is a naive datetime or out of range.
    """
    if issubclass(type(value), datetime):  # not isinstance: see plain_date
        if type(value) is not datetime and is_missing(value):
            _missing(value, what, "a date or a timezone-aware datetime")
        try:
            return utc_instant(value, what).date()
        except InvalidValueError as exc:
            if exc.rule != _NAIVE_RULE:
                raise
            # A day was asked for: a naive datetime (a pandas date column) has a day in it.
            plain = (
                value if type(value) is datetime else _plain_datetime(cast("datetime", value), what)
            )
            raise InvalidValueError(
                f"{what} is a day: pass a date (e.g. value.date() for the day written), or a "
                f"timezone-aware datetime for its UTC day; got the naive datetime "
                f"{_shown(plain)}",
                field=what,
                rule=_NAIVE_RULE,
            ) from None
    if not issubclass(type(value), date):
        raise InvalidTypeError(
            f"{what} must be a date or a timezone-aware datetime, not {type(value).__name__}",
            field=what,
            rule="a date or an aware datetime",
        )
    return plain_date(value, what)


def to_utc(value: datetime) -> datetime:
    """An attrs converter: an aware datetime as a plain ``datetime`` in UTC; else left as it is.

    Any day of the calendar is converted; the validator decides what the
    field takes: :func:`utc_field` (an input: on or before :data:`LATEST`)
    or :func:`computed_utc_field` (a report's moment: any day).  Both refuse
    what this leaves alone (naive datetimes, other types, subclasses finer
    than a microsecond, failing tzinfos) naming the field.
    """
    if type(value) is datetime and value.tzinfo is UTC:
        return value
    try:
        return in_utc(value, "")
    except (InvalidTypeError, InvalidValueError):  # the validator names the field
        return value


def payment_moment(on: date, at: datetime | None) -> datetime:
    """The moment money paid on *on* (at *at*, if known) was paid: *at*, or 00:00 UTC of *on*.

    The one reading of a payment whose moment is not known (review r38,
    diff review 3): ``Payment.moment``, so the escrow ledger and
    ``checks.review_contract``, and ``fees.payout`` all count its security
    period from the same moment.
    """
    return at if at is not None else datetime(on.year, on.month, on.day, tzinfo=UTC)


def optional_to_utc(value: datetime | None) -> datetime | None:
    """:func:`to_utc` for an optional field."""
    return None if value is None else to_utc(value)


def utc_field(instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: an input moment, a plain UTC ``datetime`` on or before :data:`LATEST`."""
    if type(value) is not datetime or value.tzinfo is not UTC or value.year >= LATEST.year:
        name = field_name(instance, attribute)
        utc_instant(value, name)  # raises for what to_utc could not convert, and past LATEST
        _converted(value, name)


def computed_utc_field(instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator for a moment a report computed: a plain UTC ``datetime``, any day.

    Unlike :func:`utc_field` it takes moments after :data:`LATEST`: a
    report's moments are timers added to the inputs, which may themselves
    be on the last day.  What :func:`to_utc` could not convert gets the
    same errors as :func:`utc_field` gives.
    """
    if type(value) is not datetime or value.tzinfo is not UTC:
        name = field_name(instance, attribute)
        in_utc(value, name)  # raises for what to_utc could not convert
        _converted(value, name)


def optional_computed_utc_field(instance: object, attribute: Any, value: Any) -> None:
    """:func:`computed_utc_field`, or ``None``."""
    if value is not None:
        computed_utc_field(instance, attribute, value)


def _converted(value: object, name: str) -> None:
    """Refuse a moment the checks took but :func:`to_utc` did not convert.

    Through a constructor, only a tzinfo that answered differently the second
    time gets here.  A value built around its constructor (``object.__new__``,
    as the engine's per-event check sees: second red team r40, 11) may hold a
    plain datetime with a steady offset that is not UTC; it is refused as not
    in UTC, which is what it is.
    """
    if type(value) is datetime and value.tzinfo is UTC:
        return
    if type(value) is datetime and _steady(value):
        raise InvalidValueError(
            f"{name} must be in UTC, got {value.isoformat()}: a constructor converts every aware "
            "datetime to UTC, so this value was built around its constructor",
            field=name,
            rule=_IN_UTC_RULE,
        )
    raise InvalidValueError(
        f"{name} could not be converted to UTC: its tzinfo gave different answers",
        field=name,
        rule=_TZINFO_RULE,
    )


def _steady(value: datetime) -> bool:
    """Whether *value*'s tzinfo gives one valid offset, asked twice (a fickle one does not)."""
    try:
        first, second = value.utcoffset(), value.utcoffset()
    except Exception:  # noqa: BLE001  (a tzinfo's own failure: the caller refuses it)
        return False
    return first is not None and first == second


def optional_utc_field(instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: ``None`` or an aware datetime."""
    if value is not None:
        utc_field(instance, attribute, value)


def date_field(instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: the field holds a plain ``date`` on or before :data:`LATEST`."""
    if type(value) is date and value <= LATEST:
        return  # the common case, checked without building the field's name
    plain_date(value, field_name(instance, attribute))
    if type(value) is not date:  # to_date makes every date subclass plain
        name = field_name(instance, attribute)
        raise InvalidTypeError(f"{name} must be a plain date", field=name, rule="a date")


def computed_date_field(instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator for a day a report computed (a period's last day): a ``date``.

    Unlike :func:`date_field` it takes days after :data:`LATEST`: the tax
    year of an input on the last supported day ends after it.
    """
    if type(value) is not date:
        name = field_name(instance, attribute)
        raise InvalidTypeError(
            f"{name} must be a date, not {type(value).__name__}", field=name, rule="a date"
        )


def optional_date_field(instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: ``None`` or a date."""
    if value is not None:
        date_field(instance, attribute, value)
