"""Each contract's points of the score shown: the one rule (private).

The model (:mod:`._tally`) computes every contract's points with
:func:`credit`, :func:`unit` and :func:`exact_points`, and a
:class:`~upwork_safety.jss.JSSReport` checks the points it is given with
:func:`check_points`, which reads the same functions: the rule of
:attr:`~upwork_safety.jss.Impact.points` is written once.  Points are
counted here in hundredths of a percentage point, exactly (``Fraction``).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from upwork_safety._decimals import CONTEXT
from upwork_safety.errors import InvalidValueError
from upwork_safety.jss._outcome import Outcome

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = [
    "EACH_POINTS",
    "POINTS_SIGN",
    "check_points",
    "check_sign",
    "credit",
    "exact_points",
    "share",
    "unit",
]

_ONE = Fraction(1)
_NONE = Fraction(0)
#: Hundredths of a percentage point in a whole share: 100 % × 100.
_HUNDREDTHS = Fraction(10_000)
_FOUR_PLACES = Decimal("0.0001")

#: The rule each contract's points keep (the ``rule`` of the error).
EACH_POINTS = (
    "a contract's points: 100 × weight / total in each window of the score shown it is in "
    "(halved for the trending pair), positive for a success, negative for a failure under "
    "the net formula, 0 otherwise (or from a window floored at 0), to the hundredth"
)


def credit(outcome: Outcome, *, net: bool, neutral_credit: Fraction) -> Fraction:
    """What one unit of *outcome*'s weight counts for in a window's share.

    A success 1; a neutral outcome *neutral_credit*
    (:attr:`~upwork_safety.jss.JSSRules.neutral_credit`, below 1); a failure
    -1 under the *net* formula (it takes away as much as a success adds) and
    0 under the success share (it weighs in the total, which is how it costs
    points); an excluded contract 0.
    """
    if outcome is Outcome.POSITIVE:
        return _ONE
    if outcome is Outcome.NEUTRAL:
        return neutral_credit
    if outcome is Outcome.NEGATIVE and net:
        return -_ONE
    return _NONE


def unit(total: Decimal, shared_by: int) -> Fraction:
    """The hundredths of a point one credited unit of weight earns from one window.

    The window weighs *total* (more than 0) and the score shown is the
    average of *shared_by* windows (1, or 2 for the trending pair):
    ``100 × 100 / total / shared_by``.
    """
    return _HUNDREDTHS / Fraction(total) / shared_by


def exact_points(worth: Fraction, weight: Decimal, units: Iterable[Fraction]) -> Fraction:
    """A contract's exact points, in hundredths: *worth* × *weight* × its windows' units.

    *worth* is its :func:`credit`; *units* the :func:`unit` of each window
    of the score shown that it is in (none when it is outside them all, or
    when they are floored at 0 under the net formula).
    """
    together = _NONE
    for value in units:  # one window, or both of the trending pair
        together = together + value if together else value
    if not worth or not together or not weight:
        return _NONE
    # One fraction built from the three exact ratios (``Decimal.as_integer_ratio``
    # is exact), not three products each reduced on its own: same value.
    numerator, denominator = weight.as_integer_ratio()
    return Fraction(
        worth.numerator * numerator * together.numerator,
        worth.denominator * denominator * together.denominator,
    )


def share(credited: Iterable[tuple[Fraction, Decimal]], total: Decimal) -> Fraction:
    """A window's exact share: the sum of each :func:`credit` × its weight, over *total*.

    *credited* holds each outcome's credit and the weight it has in the
    window; *total* (more than 0) is the window's whole weight.  The sum is
    kept as one exact ratio of whole numbers and reduced once.
    """
    numerator, denominator = 0, 1
    for worth, weight in credited:
        if not worth or not weight:
            continue
        top, bottom = weight.as_integer_ratio()
        top, bottom = worth.numerator * top, worth.denominator * bottom
        numerator, denominator = numerator * bottom + top * denominator, denominator * bottom
    top, bottom = total.as_integer_ratio()
    return Fraction(numerator * bottom, denominator * top)


#: The rule an impact's points keep on their own (the ``rule`` of the error).
POINTS_SIGN = "a success's points not negative, a failure's not positive, 0 when excluded"


def check_sign(outcome: Outcome, points: Decimal | None, name: str) -> None:
    """Refuse *points* whose sign no :func:`credit` of *outcome* gives.

    Whatever the formula and the neutral credit (from 0, below 1), a
    success and a neutral outcome add points or none, a failure takes them
    away or adds none, and an excluded contract has none; rounding to the
    hundredth keeps the sign (a share is never rounded away from 0 past
    it).  *name* is the field.
    """
    if not points:
        return
    worths = {
        credit(outcome, net=net, neutral_credit=neutral)
        for net in (False, True)
        for neutral in (_NONE, _ONE)  # a neutral outcome's credit lies from 0 up to 1
    }
    if any((worth > 0) if points > 0 else (worth < 0) for worth in worths):
        return
    raise InvalidValueError(
        f"{name} ({points}) cannot be the points of a {outcome.value} contract: {POINTS_SIGN}",
        field=name,
        rule=POINTS_SIGN,
    )


def _sums(units: Sequence[tuple[Fraction, bool]]) -> list[Fraction]:
    """The units a contract may take from the windows of the score shown, longest first.

    Each window comes with whether it may be floored (its percent is 0).  A
    contract inside a window is inside every longer one, so it is in none
    of them, the longest, or both of the trending pair; a floored window
    gives no contract anything.
    """
    found = {_NONE}
    for end in range(1, len(units) + 1):
        options = [_NONE]
        for value, floored in units[:end]:
            options = [option + value for option in options] + (options if floored else [])
        found.update(options)
    return sorted(found)


def _fits(hundredths: int, exact: Fraction) -> bool:
    """Whether whole *hundredths* are *exact* rounded down or up (*exact* itself when whole)."""
    down = exact.numerator // exact.denominator
    return hundredths == down or (hundredths == down + 1 and exact.denominator != 1)


def _shown(value: Fraction) -> str:
    """Hundredths of a point as a percentage to four places (for a message)."""
    exact = CONTEXT.divide(Decimal(value.numerator), Decimal(value.denominator))
    return str(exact.scaleb(-2, context=CONTEXT).quantize(_FOUR_PLACES, context=CONTEXT))


def check_points(
    rows: Sequence[tuple[Outcome, Decimal, Decimal | None]],
    windows: Sequence[tuple[Decimal, Decimal | None]],
    name: str,
) -> None:
    """Refuse a contract's points its outcome and weight cannot give.

    *rows* holds each impact's outcome, weight and points; *windows* the
    total weight and percent of each window behind the score shown (one,
    or the trending pair, longest first).  The report does not say which
    of those windows each contract is in, which formula and neutral credit
    gave it, or whether a window of percent 0 was floored, so a contract's
    points must be one of the values those allow: :func:`exact_points` of
    its :func:`credit` under either formula (a neutral outcome anything
    from none to a success's, as its credit is below 1) over the windows it
    may be in, rounded down or up to the hundredth.  So a success never
    takes points away, a failure never adds any, and no contract carries a
    share its weight does not give.
    """
    shared = len(windows)
    sums = _sums([(unit(total, shared), not percent) for total, percent in windows])
    largest = max(sums)
    success = credit(Outcome.POSITIVE, net=False, neutral_credit=_NONE)
    worths = {
        outcome: tuple({credit(outcome, net=net, neutral_credit=_NONE) for net in (False, True)})
        for outcome in Outcome
    }
    for index, (outcome, weight, points) in enumerate(rows):
        if not points:
            continue  # none given, or 0: outside every window shown, or floored
        # Points are to the hundredth (the field's validator), so these are whole.
        hundredths = int(points.scaleb(2, context=CONTEXT))
        if outcome is Outcome.NEUTRAL:
            most = exact_points(success, weight, [largest])
            if 0 <= hundredths < most + 1:
                continue
            allowed = f"from 0 to {_shown(most)}"
        else:
            values = [exact_points(w, weight, [total]) for w in worths[outcome] for total in sums]
            if any(_fits(hundredths, value) for value in values):
                continue
            allowed = " or ".join(_shown(value) for value in sorted(set(values)))
        raise InvalidValueError(
            f"{name}[{index}].points ({points}) cannot be the points of a {outcome.value} "
            f"contract of weight {weight}: the windows of the score shown give {allowed}, "
            "rounded down or up to the hundredth",
            field=f"{name}[{index}].points",
            rule=EACH_POINTS,
        )
