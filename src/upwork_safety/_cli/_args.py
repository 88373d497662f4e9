"""How the command line reads its arguments: amounts, rates, dates and moments (private).

Each reader refuses what the library would refuse, with a message written
for someone at a terminal (it names the option's value, never a Python
argument); argparse turns the refusal into one line on stderr, exit 2.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

from upwork_safety._amount_fields import check_money, whole_cents
from upwork_safety._decimals import DIGIT_LIMIT_RULES, fraction
from upwork_safety._display import shown
from upwork_safety._moments import plain_date, utc_instant
from upwork_safety.errors import InvalidDataError, UpworkSafetyError
from upwork_safety.money import Money, to_decimal

if TYPE_CHECKING:
    from collections.abc import Callable
    from decimal import Decimal

__all__ = [
    "GIVEN",
    "Once",
    "cents",
    "day",
    "dollars",
    "given",
    "given_twice",
    "locale",
    "moment",
    "per_method",
    "positive",
    "rate",
    "whole",
]

UTC = timezone.utc

#: Where a parse keeps the options given so far: each :class:`Once` option's
#: ``dest``, with the option (its action), so a second one is refused.
GIVEN = "_given_once"


def given(namespace: argparse.Namespace) -> dict[str, argparse.Action]:
    """The :class:`Once` options given so far in *namespace*, by ``dest``."""
    found: dict[str, argparse.Action] | None = getattr(namespace, GIVEN, None)
    if found is None:
        found = {}
        setattr(namespace, GIVEN, found)
    return found


def given_twice(action: argparse.Action) -> argparse.ArgumentError:
    """The refusal of *action*'s option given a second time: argparse names the option."""
    return argparse.ArgumentError(
        action, "given twice; give it once (a second value would replace the first)"
    )


class Once(argparse.Action):
    """Store an option's one value; the option given again is refused (red team r23 M1).

    The action of every option that takes one value: the command line's
    parser (``upwork-safety`` and each command's) registers it for
    argparse's ``"store"``, so no option can be given twice and have its
    second value silently replace the first (``--fee-rate 15% --fee-rate
    5%`` had charged 5%).  Review r21 L2 refused it for ``statement
    --fee-rate`` alone; this is that rule for every option.  Options meant
    to be repeated say so (``action="append"``); a flag (``--json``) given
    twice is the flag given once, and is accepted.
    """

    def __call__(
        self,
        parser: argparse.ArgumentParser,  # noqa: ARG002
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        if option_string is not None:  # an argument (not an option) is read once by argparse
            seen = given(namespace)
            if self.dest in seen:
                raise given_twice(self)
            seen[self.dest] = self
        setattr(namespace, self.dest, values)


def _read(
    read: Callable[[str, str], Decimal], text: str, what: str, refusal: str | None
) -> Decimal:
    """``read(text, what)``, the library's rule; its refusal becomes one for the terminal.

    A text that is not a number of the shape asked is refused in *refusal*'s
    words, or with *refusal* ``None`` in the library's own (which quote the
    text); one too long for the library's digit limits, in the library's
    own, which name the limit it breaks (not "not a number").
    """
    try:
        return read(text, what)
    except UpworkSafetyError as error:
        # The library's limits on a number's digits (MAX_DIGITS either side of the point,
        # and what it writes): a number of the right shape that breaks one is refused in
        # the library's words, which name the limit (red team r23 L3).
        if error.rule in DIGIT_LIMIT_RULES:
            raise argparse.ArgumentTypeError(f"{shown(text)}: {error}") from None
        if refusal is None:
            raise argparse.ArgumentTypeError(str(error)) from None
        raise argparse.ArgumentTypeError(f"{shown(text)} {refusal}") from None


def _number(text: str) -> Decimal:
    return _read(
        to_decimal,
        text,
        "the number",
        "is not a number like 280 or 280.50 (digits and one decimal point)",
    )


def whole(text: str, low: int, high: int, unit: str) -> int:
    """A whole number of *unit* from *low* to *high*, read by the rule every number here obeys.

    Plain ASCII digits, as :func:`~upwork_safety.money.to_decimal` reads
    them: ``2_8``, `` 28 `` and other scripts' digits are refused, not read
    as 28 the way ``int()`` reads them (red team r23 L4); ``28.0`` is not a
    whole number as written.
    """
    refusal = f"is not a whole number of {unit}"
    value = _read(to_decimal, text, "the number", refusal)
    if "." in text or value != value.to_integral_value():
        raise argparse.ArgumentTypeError(f"{shown(text)} {refusal}")
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"{shown(text)} must be from {low} to {high} {unit}")
    return int(value)


def positive(text: str) -> Decimal:
    """A number more than 0."""
    value = _number(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{shown(text)} must be more than 0")
    return value


def rate(text: str) -> Decimal:
    """A rate given as a fraction (0.02) or a percentage (2%): the library's one rule.

    Refused in the library's own words, which tell a rate out of range
    (``150%``, ``-1%``) from text that is no rate, and show the fraction to
    write for a whole percentage (``12``: "for 12% write 0.12 or '12%'"),
    not in a second, vaguer message of the command line's (newcomer r27 1).
    """
    return _read(fraction, text, "the rate", None)


def _whole_cents(text: str) -> Decimal:
    """An amount of dollars in whole cents, as plain digits (``0.001`` is refused).

    Whole cents is the library's rule (:func:`whole_cents`, the currency's
    minor unit), not a rounding of the command line's own (review r41,
    review 7); only its words are the terminal's, since the library's hint
    names a Python method (``.rounded()``).
    """
    value = _read(
        to_decimal,
        text,
        "the amount",
        "is not an amount like 900 or 900.50 (digits and one decimal point)",
    )
    try:
        whole_cents(Money(value, "USD"), "the amount")
    except UpworkSafetyError:
        raise argparse.ArgumentTypeError(
            f"{shown(text)} has a fraction of a cent: amounts are in whole cents (e.g. 0.01)"
        ) from None
    return value


def cents(text: str) -> Decimal:
    """A positive amount of dollars in whole cents, as plain digits (``0.001`` is refused)."""
    value = _whole_cents(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{shown(text)} must be more than 0")
    return value


def dollars(text: str) -> Decimal:
    """An amount of 0 dollars or more in whole cents (``--billed-before``): the library's rule.

    "Not negative" is the library's one rule and wording
    (:func:`check_money`: the sign is not set, so ``-0`` is refused too, with
    the ``0`` to write), as :func:`rate` defers to the library's rate rule;
    the command line had restated it as ``value < 0``, which let ``-0``
    through to be refused one layer down in other words (review r41, review 7).
    """
    value = _whole_cents(text)
    try:
        check_money(Money(value, "USD"), "the amount")
    except UpworkSafetyError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return value


def per_method(
    kind: Callable[[str], Decimal], name: str = "method", *, bare: bool = True
) -> Callable[[str], tuple[str, Decimal]]:
    """``METHOD=VALUE`` (a method's key) or a bare ``VALUE`` (the method left to the command).

    The name before ``=`` is read as written, as the value after it is:
    spaces around it are refused, not trimmed (review r26, mutation A11:
    ``" payoneer =3"`` was read as ``payoneer``), so nothing typed is
    silently changed, and so is an empty name (``=281`` is no bare value:
    review r31, hostile 3).  *name* is what the text before ``=`` is
    (``method``, or a contract's ``title``), for the refusal; *bare* says
    whether the option also takes a value alone (its advice offers it only
    then: review r31, diff review 6).
    """

    def parse(text: str) -> tuple[str, Decimal]:
        method, equals, value = text.rpartition("=")
        if equals and not method:  # "=281" is no bare value (review r31, hostile 3)
            raise argparse.ArgumentTypeError(
                f"{shown(text)} has no {name} before '=': name one ({name.upper()}={value})"
                + (" or leave out the '='" if bare else "")
            )
        if method != method.strip():
            raise argparse.ArgumentTypeError(
                f"{shown(text)}: the {name} {shown(method)} has spaces around it, which are "
                f"not trimmed; write it without them (e.g. {shown(method.strip() + '=' + value)})"
            )
        return method, kind(value)

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
    except UpworkSafetyError as error:
        problems = error.problems if isinstance(error, InvalidDataError) else ()
        try:
            naive = datetime.fromisoformat(text)
        except ValueError:
            naive = None
        if naive is not None and naive.tzinfo is None:
            # The suggestion is a complete moment the reader accepts as it is; one the
            # library refuses even in UTC (past its last day) is not suggested, and the
            # refusal says why (review r24, mutation A12).
            suggested = naive.replace(tzinfo=UTC)
            try:
                utc_instant(suggested, "the moment")
            except UpworkSafetyError as exc:
                raise argparse.ArgumentTypeError(
                    f"{shown(text)} has no UTC offset, and even in UTC it is refused: {exc}"
                ) from None
            raise argparse.ArgumentTypeError(
                f"{shown(text)} has no UTC offset; add one, e.g. {suggested.isoformat()} "
                "(Upwork's clocks are UTC)"
            ) from None
        # The file reader's own words, which quote the text and name what is wrong
        # (an offset of -00:00 is unknown, not UTC), as day() gives them.
        why = problems[0].message if problems else f"{shown(text)} is not a moment"
        raise argparse.ArgumentTypeError(why) from None
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
