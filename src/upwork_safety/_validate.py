"""Validators shared by the models and engines (private).

Each raises an :class:`~upwork_safety.errors.UpworkSafetyError` subclass that
names the field and the rule, and never "fixes" the value.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any

from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.money import Money, _to_decimal

if TYPE_CHECKING:
    from decimal import Decimal


#: The last supported day.  The engines add platform timers (review and
#: refund windows, dormancy, two-year JSS windows) to the moments they are
#: given; moments within a few years of Python's last day (9999-12-31) would
#: overflow, so later ones are refused with this bound in the message.
LATEST = date(9990, 12, 31)


def _name(instance: object, attribute: Any) -> str:  # noqa: ANN401  (attrs.Attribute)
    return f"{type(instance).__name__}.{attribute.name}"


def aware(value: object, what: str) -> datetime:
    """Return *value* if it is a timezone-aware datetime, else raise naming *what*."""
    if not isinstance(value, datetime):
        raise InvalidTypeError(
            f"{what} must be a timezone-aware datetime, not {type(value).__name__}"
        )
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidValueError(
            f"{what} must be timezone-aware (e.g. tzinfo=timezone.utc); got the "
            f"naive datetime {value.isoformat()}: Upwork's clocks run in UTC"
        )
    try:
        day = value.astimezone(timezone.utc).date()
    except OverflowError:
        raise InvalidValueError(
            f"{what} ({value.isoformat()}) falls outside the calendar once converted to UTC"
        ) from None
    if day > LATEST:
        raise InvalidValueError(
            f"{what} must be on or before {LATEST.isoformat()} UTC (timers are added to "
            f"it), got {value.isoformat()}"
        )
    return value


def plain_date(value: object, what: str) -> date:
    """Return *value* if it is a ``date`` (not a ``datetime``), else raise."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidTypeError(
            f"{what} must be a date (not a datetime), got {type(value).__name__}"
        )
    if value > LATEST:
        raise InvalidValueError(
            f"{what} must be on or before {LATEST.isoformat()} (timers are added to it), "
            f"got {value.isoformat()}"
        )
    return value


def aware_field(instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
    """An attrs validator: the field must hold an aware datetime."""
    aware(value, _name(instance, attribute))


def optional_aware_field(instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
    """An attrs validator: ``None`` or an aware datetime."""
    if value is not None:
        aware(value, _name(instance, attribute))


def date_field(instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
    """An attrs validator: the field must hold a date."""
    plain_date(value, _name(instance, attribute))


def optional_date_field(instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
    """An attrs validator: ``None`` or a date."""
    if value is not None:
        plain_date(value, _name(instance, attribute))


def text_field(instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
    """An attrs validator: the field must be a ``str``."""
    if not isinstance(value, str):
        raise InvalidTypeError(
            f"{_name(instance, attribute)} must be a str, not {type(value).__name__}"
        )


def id_field(instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
    """An attrs validator: a non-empty, non-blank ``str``."""
    text_field(instance, attribute, value)
    if not str(value).strip():
        raise InvalidValueError(f"{_name(instance, attribute)} must not be empty")


def bool_field(instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
    """An attrs validator: a real ``bool`` (not ``0``/``1``/``"false"``)."""
    if not isinstance(value, bool):
        raise InvalidTypeError(
            f"{_name(instance, attribute)} must be a bool, not {type(value).__name__}"
        )


def money_field(instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
    """An attrs validator: a non-negative :class:`Money`."""
    if not isinstance(value, Money):
        raise InvalidTypeError(
            f"{_name(instance, attribute)} must be Money, not {type(value).__name__}"
        )
    if value.amount < 0:
        raise InvalidValueError(f"{_name(instance, attribute)} must not be negative, got {value}")


def optional_money_field(instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
    """An attrs validator: ``None`` or a non-negative :class:`Money`."""
    if value is not None:
        money_field(instance, attribute, value)


def decimal_value(value: object, what: str) -> Decimal:
    """Coerce a ``Decimal | int | str`` to ``Decimal`` (floats refused)."""
    return _to_decimal(value, what)
