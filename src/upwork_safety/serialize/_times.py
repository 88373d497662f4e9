"""Strict readers and the writer of dates, datetimes and durations in serialised data (private).

A date is extended ISO 8601 (``2025-06-02``), a moment ISO 8601 with
seconds and a UTC offset (RFC 3339), a duration a number of seconds as
canonical decimal text; nothing else is read, nothing is converted.  The
readers raise :class:`~upwork_safety.serialize._strict.RefusedError`, as
every leaf reader does, and cost time bounded by their input's length.
"""

from __future__ import annotations

import functools
import re
import sys
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from upwork_safety import _display
from upwork_safety._decimals import CONTEXT
from upwork_safety._moments import _tzinfo_failed
from upwork_safety._render import seconds_text
from upwork_safety.errors import InvalidValueError, UpworkSafetyError
from upwork_safety.money import to_decimal
from upwork_safety.serialize._strict import CANONICAL, RefusedError, plain, shown, type_name

__all__ = [
    "MOMENT",
    "UNKNOWN_OFFSET",
    "read_date",
    "read_datetime",
    "read_seconds",
    "write_datetime",
]


def write_datetime(value: datetime) -> str:
    """*value* as ISO text with its UTC offset, the only moment the readers take back.

    Refused: a naive one, one whose tzinfo fails, and one whose text breaks
    the readers' :data:`MOMENT` (an offset with seconds: ``zoneinfo``'s
    local mean time, ``+04:28:12`` for Karachi in 1900); never converted.
    """
    # A naive one is refused rather than written as text no reader takes back (r26
    # serialize 7); one whose tzinfo fails as a moment argument's is (review r29, hostile 5).
    try:
        offset = value.utcoffset()
        text = None if offset is None else value.isoformat()
    except Exception as exc:  # noqa: BLE001  (the caller's tzinfo, whatever it raises)
        raise _tzinfo_failed(value, exc, "value", "gives no valid UTC offset") from None
    if text is None:
        raise InvalidValueError(
            f"cannot serialise the naive datetime {_display.shown(value)}: a moment is "
            "written with its UTC offset (give it a tzinfo, e.g. timezone.utc)",
            field="value",
            rule="timezone-aware",
        )
    # The readers' form (review r30, serialize 3), which plain UTC (the library's) always is.
    utc = type(value) is datetime and value.tzinfo is timezone.utc
    if not utc and _DATETIME.fullmatch(text) is None:
        raise InvalidValueError(
            f"cannot serialise the datetime {text}: its UTC offset is not whole minutes (a "
            "local mean time, as zoneinfo gives before about 1900), and the readers take an "
            "offset of hours and minutes only (RFC 3339); convert it, e.g. to UTC",
            field="value",
            rule=MOMENT,
        )
    return text


def read_seconds(value: object, _: object = None) -> timedelta:
    """A duration as seconds: canonical decimal text or an integer, to the microsecond.

    ``"1e999990"`` is not canonical text and is refused at once, without
    ever building the number.  The text must be the one the writer writes
    for the duration (:func:`~upwork_safety._render.seconds_text`):
    ``"90.5"``, not ``"90.50"``, ``"+90.5"`` or ``"090.5"``.
    """
    if type(value) is not str and type(value) is not int:
        value = plain(value)
        if type(value) is not str and type(value) is not int:
            raise RefusedError(
                f"expected a number of seconds as a string, got {type_name(value)}",
                rule=CANONICAL,
            )
    try:
        seconds = to_decimal(value, "the number of seconds")
    except UpworkSafetyError as exc:
        raise RefusedError(str(exc), rule=exc.rule) from None
    exponent = seconds.as_tuple().exponent
    if (
        isinstance(exponent, int)
        and exponent < -6
        and seconds != seconds.quantize(_MICROSECOND, context=CONTEXT)
    ):
        raise RefusedError(
            f"{shown(value)} seconds is finer than a microsecond", rule="whole microseconds"
        )
    # At most 18 digits either side (to_decimal's limits): a small integer.
    micro = int(seconds.scaleb(6, context=CONTEXT).to_integral_value(context=CONTEXT))
    try:
        duration = timedelta(microseconds=micro)
    except OverflowError:
        raise RefusedError(
            f"{shown(value)} seconds is longer than {timedelta.max.days:,} days",
            rule="within timedelta's range",
        ) from None
    if type(value) is str and (written := seconds_text(duration)) != value:
        # As for decimals (as_written): only the text the writer writes, "90.5" not "90.50".
        raise RefusedError(
            f"the number of seconds must be written as to_json writes it: {shown(written)}, "
            f"not {shown(value)} (no leading zeros, plus sign or trailing zeros)",
            rule=CANONICAL,
        )
    return duration


_MICROSECOND = Decimal("0.000001")

#: Extended ISO 8601 calendar dates only: ``2025-06-02``.  Basic format
#: (``20250602``), week dates (``2025-W23-1``) and ordinal dates
#: (``2025-153``), which Python 3.11's ``fromisoformat`` also reads, are
#: refused.  ``[0-9]``, not ``\d``: other scripts' digits are refused too.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: Extended ISO 8601 date and time with seconds and an offset (RFC 3339):
#: ``2025-06-02T09:30:00+05:00``, ``2025-06-02T09:30:00.250Z``.
_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"
    r"(?:\.[0-9]{3}|\.[0-9]{6})?(?:Z|[+-][0-9]{2}:[0-9]{2})"
)
_ZULU_NATIVE = sys.version_info >= (3, 11)
#: The rule a moment's text keeps, read or written: :data:`_DATETIME`'s form.
MOMENT = "an ISO 8601 datetime with an offset"


def read_date(value: object, _: object = None) -> date:
    """An extended ISO 8601 date, ``YYYY-MM-DD`` (a ``str`` subclass as its text: ``plain``)."""
    if type(value) is not str:
        value = plain(value)
        if type(value) is not str:
            raise RefusedError(
                f"expected an ISO date string, got {type_name(value)}", rule="an ISO 8601 date"
            )
    text: str = value
    if len(text) == 10:
        found = _date(text)
        if found is not None:
            return found
        if _DATE.fullmatch(text) is not None:  # the form of a date, but no day of the calendar
            year, month = int(text[:4]), int(text[5:7])
            what = "year" if year == 0 else "month" if not 1 <= month <= 12 else "day that month"
            raise RefusedError(
                f"{shown(text)} is not a day of the calendar (no such {what})",
                rule="an ISO 8601 date",
            )
    raise RefusedError(
        f"expected an ISO date like 2024-05-01, got {shown(text)}", rule="an ISO 8601 date"
    )


@functools.lru_cache(maxsize=4096)
def _date(text: str) -> date | None:
    """The date *text* (ten characters) names in extended ISO 8601, or ``None``.

    Kept, as dates are immutable and a history repeats its days.
    """
    if _DATE.fullmatch(text) is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


#: The offset RFC 3339 (section 4.3) gives to a time whose local offset is
#: unknown: in effect no offset, so refused like a naive time, never read as UTC.
UNKNOWN_OFFSET = "-00:00"


def read_datetime(value: object, _: object = None) -> datetime:
    """An extended ISO 8601 date and time with seconds and a UTC offset.

    ``-00:00`` is refused: RFC 3339 writes it for an unknown offset, so the
    moment it names is unknown too (``+00:00`` and ``Z`` are UTC).  A ``str``
    subclass is read as its text (``plain``).
    """
    if type(value) is not str:
        value = plain(value)
        if type(value) is not str:
            raise RefusedError(
                f"expected an ISO datetime string, got {type_name(value)}",
                rule=MOMENT,
            )
    text: str = value
    if len(text) <= 32 and (found := _datetime(text)) is not None:
        return found
    if text.endswith(UNKNOWN_OFFSET) and _DATETIME.fullmatch(text) is not None:
        raise RefusedError(
            f"datetime {shown(text)} has the offset -00:00, which says the local offset is "
            "unknown (RFC 3339 section 4.3); give the real offset, e.g. +00:00 for UTC",
            rule=MOMENT,
        )
    if len(text) <= 32 and _DATETIME.fullmatch(text + "+00:00") is not None:
        raise RefusedError(
            f"datetime {shown(text)} has no UTC offset; add one, e.g. +00:00",
            rule=MOMENT,
        )
    raise RefusedError(
        f"expected an ISO datetime like 2024-05-01T12:00:00+00:00, got {shown(text)}",
        rule=MOMENT,
    )


@functools.lru_cache(maxsize=4096)
def _datetime(text: str) -> datetime | None:
    """The moment *text* (at most 32 characters) names (ISO 8601 with an offset), or ``None``.

    Kept, as datetimes are immutable and histories repeat their moments.
    """
    if _DATETIME.fullmatch(text) is None or text.endswith(UNKNOWN_OFFSET):
        return None
    try:
        return datetime.fromisoformat(
            text if _ZULU_NATIVE or text[-1] != "Z" else text[:-1] + "+00:00"
        )
    except ValueError:
        return None
