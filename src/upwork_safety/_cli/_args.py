"""How the command line reads its arguments: amounts, rates, dates and moments (private).

Each reader refuses what the library would refuse, with a message written
for someone at a terminal (it names the option's value, never a Python
argument); argparse turns the refusal into one line on stderr, exit 2.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

from upwork_safety._display import shown
from upwork_safety._moments import plain_date, utc_instant
from upwork_safety._validate import fraction
from upwork_safety.errors import InvalidDataError, UpworkSafetyError
from upwork_safety.money import Money, round_half_up, to_decimal

if TYPE_CHECKING:
    from collections.abc import Callable
    from decimal import Decimal

__all__ = [
    "cents",
    "day",
    "dollars",
    "locale",
    "moment",
    "per_method",
    "positive",
    "rate",
]

UTC = timezone.utc


def _read(read: Callable[[str, str], Decimal], text: str, refusal: str) -> Decimal:
    """``read(text, ...)``, the library's rule; its refusal becomes *refusal* for the terminal."""
    try:
        return read(text, "the value")
    except UpworkSafetyError:
        raise argparse.ArgumentTypeError(f"{shown(text)} {refusal}") from None


def _number(text: str) -> Decimal:
    return _read(
        to_decimal, text, "is not a number like 280 or 280.50 (digits and one decimal point)"
    )


def positive(text: str) -> Decimal:
    """A number more than 0."""
    value = _number(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{shown(text)} must be more than 0")
    return value


def rate(text: str) -> Decimal:
    """A rate given as a fraction (0.02) or a percentage (2%): the library's one rule."""
    return _read(
        fraction,
        text,
        "is not a rate: write a fraction from 0 up to 1 (e.g. 0.02) or a percentage (e.g. 2%)",
    )


def _whole_cents(text: str) -> Decimal:
    """An amount of dollars in whole cents, as plain digits (``0.001`` is refused)."""
    value = _read(
        to_decimal,
        text,
        "is not an amount like 900 or 900.50 (digits and one decimal point, "
        "at most 18 digits before it)",
    )
    if round_half_up(value, 2) != value:
        raise argparse.ArgumentTypeError(
            f"{shown(text)} has a fraction of a cent: amounts are in whole cents (e.g. 0.01)"
        )
    return value


def cents(text: str) -> Decimal:
    """A positive amount of dollars in whole cents, as plain digits (``0.001`` is refused)."""
    value = _whole_cents(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{shown(text)} must be more than 0")
    return value


def dollars(text: str) -> Decimal:
    """An amount of 0 dollars or more in whole cents (``billed-before``: the library's rule)."""
    value = _whole_cents(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{shown(text)} must not be negative")
    return value


def per_method(kind: Callable[[str], Decimal]) -> Callable[[str], tuple[str, Decimal]]:
    """``METHOD=VALUE`` (a method's key) or a bare ``VALUE`` (the method left to the command)."""

    def parse(text: str) -> tuple[str, Decimal]:
        method, _, value = text.rpartition("=")
        return method.strip(), kind(value)

    return parse


def day(text: str) -> date:
    """A date written ``2026-11-26``: the one form the JSON files take (extended ISO 8601)."""
    from upwork_safety import serialize

    try:
        value = serialize.from_dict(date, text)
    except InvalidDataError as error:  # the file reader's own words, which quote the text
        why = error.problems[0].message if error.problems else f"{shown(text)} is not a date"
        raise argparse.ArgumentTypeError(why) from None
    try:
        # The library's bound, checked here so the refusal names the option, as --now's does.
        return plain_date(value, "the day")
    except UpworkSafetyError as exc:
        raise argparse.ArgumentTypeError(f"{shown(text)}: {exc}") from None


def moment(text: str) -> datetime:
    """An aware moment written ``2026-11-26T09:00:00+00:00`` (or ``Z``), as in the JSON files."""
    from upwork_safety import serialize

    try:
        value = serialize.from_dict(datetime, text)
    except UpworkSafetyError:
        try:
            naive = datetime.fromisoformat(text)
        except ValueError:
            naive = None
        if naive is not None and naive.tzinfo is None:
            # The suggestion is a complete moment the reader accepts as it is.
            suggestion = naive.replace(tzinfo=UTC).isoformat()
            raise argparse.ArgumentTypeError(
                f"{shown(text)} has no UTC offset; add one, e.g. {suggestion} (Upwork's "
                "clocks are UTC)"
            ) from None
        raise argparse.ArgumentTypeError(
            f"{shown(text)} is not a moment like 2026-11-26T09:00:00+00:00"
        ) from None
    try:
        return utc_instant(value, "the moment")
    except UpworkSafetyError as exc:  # off the calendar once in UTC, or past the last day
        raise argparse.ArgumentTypeError(f"{shown(text)}: {exc}") from None


def locale(text: str) -> str:
    """A locale babel knows, e.g. ``en_PK``."""
    try:
        Money(1, "USD").format(locale=text)
    except UpworkSafetyError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text
