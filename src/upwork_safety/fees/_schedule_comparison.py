"""What each automatic payment schedule costs: one history replayed through several (private).

:func:`compare_schedules` replays one balance history through every
schedule asked (each an :class:`AutoWithdrawals` of ``_schedules``) and
returns a :class:`ScheduleComparison`: its runs agree on all but the
schedule, and :attr:`ScheduleComparison.cheapest` is the one whose fees
take the smallest share of what it paid out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from fractions import Fraction
from typing import (
    Any,  # noqa: F401  (the hints of attrs __init__ name converters' Any)
)

import attrs

from upwork_safety import _render
from upwork_safety._pickling import through_init
from upwork_safety._validate import as_tuple, items_field, sequence_of
from upwork_safety.errors import InvalidValueError
from upwork_safety.fees._common import Default, check_locale, fmt
from upwork_safety.fees._paydays import _ALL_SCHEDULES, Credit, _schedule_arg
from upwork_safety.fees._replay import _inputs
from upwork_safety.fees._schedules import AutoWithdrawals, _run
from upwork_safety.money import exact
from upwork_safety.rules import (
    DIRECT_TO_LOCAL_BANK,
    PaymentSchedule,
    PaymentScheduleRules,
    WithdrawalMethod,
)

__all__ = [
    "ScheduleComparison",
    "compare_schedules",
]


def _replayed(run: AutoWithdrawals) -> tuple[object, ...]:
    """What a run replays, all but the schedule: runs compared must agree on it."""
    return (
        run.history,
        run.start,
        run.end,
        run.method,
        run.us_freelancer,
        run.method_added,
        run.rules,
    )


@through_init
@attrs.frozen(repr=False)
class ScheduleComparison:
    """One balance history replayed through several payment schedules.

    Args:
        runs: One :class:`AutoWithdrawals` per schedule, in the order asked
            (at least one, each schedule once; all of one history, period,
            method, threshold, method date and rules).

    Raises:
        InvalidTypeError: *runs* is not a sequence of :class:`AutoWithdrawals`.
        InvalidValueError: No runs, a schedule replayed twice, or runs that
            differ in anything but the schedule.
    """

    runs: tuple[AutoWithdrawals, ...] = attrs.field(
        converter=as_tuple, validator=items_field(AutoWithdrawals)
    )

    def __attrs_post_init__(self) -> None:
        if not self.runs:
            raise InvalidValueError(
                "ScheduleComparison.runs must hold at least one run",
                field="ScheduleComparison.runs",
                rule="at least one run",
            )
        first = _replayed(self.runs[0])
        seen: set[PaymentSchedule] = set()
        for index, run in enumerate(self.runs):
            field = f"ScheduleComparison.runs[{index}]"
            if _replayed(run) != first:
                raise InvalidValueError(
                    f"{field} replays another history, period, method, threshold, method date "
                    "or rules than runs[0]: a comparison replays one history through several "
                    "schedules, all else equal",
                    field=field,
                    rule="one history, period, method and rules",
                )
            if run.schedule in seen:
                raise InvalidValueError(
                    f"{field} replays {run.schedule} again: a comparison has one run per schedule",
                    field=field,
                    rule="each schedule once",
                )
            seen.add(run.schedule)

    def __repr__(self) -> str:
        return f"<ScheduleComparison {', '.join(f'{r.schedule}: {r.fees}' for r in self.runs)}>"

    @property
    def cheapest(self) -> AutoWithdrawals:
        """The run whose fees take the smallest share of what it paid out.

        Fees per dollar withdrawn, exactly, so a schedule that has not yet
        paid a balance out is not "cheapest" for charging nothing: a run
        that paid nothing out comes last.  On a tie, the run with fewer
        payouts, then the less frequent schedule (weekly, twice monthly,
        monthly, quarterly, from most to least frequent).
        """
        order = list(PaymentSchedule)

        def cost(run: AutoWithdrawals) -> tuple[bool, Fraction, int, int]:
            paid = run.withdrawn.amount
            share = Fraction(run.fees.amount) / Fraction(paid) if paid else Fraction(0)
            return (not paid, share, len(run.payouts), -order.index(run.schedule))

        return min(self.runs, key=cost)

    def to_records(self, *, locale: str | None = None) -> list[dict[str, object]]:
        """Return one dict per schedule: payouts, withdrawn, fees, left, currency, average wait.

        Args:
            locale: When given, money is formatted for it with babel.
        """
        chosen = check_locale(locale)
        return [
            {
                "schedule": run.schedule.value,
                "payouts": len(run.payouts),
                "withdrawn": fmt(run.withdrawn, chosen),
                "fees": fmt(run.fees, chosen),
                "left": fmt(run.left, chosen),
                "currency": run.withdrawn.currency,
                "average_wait_days": run.average_wait_days,
            }
            for run in self.runs
        ]

    def _repr_html_(self) -> str:
        return _render.html_table(self.to_records(), caption="Automatic payment schedules")


@exact
def compare_schedules(
    history: Sequence[Credit],
    *,
    start: date | datetime,
    end: date | datetime,
    method: WithdrawalMethod | str = DIRECT_TO_LOCAL_BANK,
    us_freelancer: bool = False,
    method_added: date | datetime | None = None,
    schedules: Sequence[PaymentSchedule | str] | Default = _ALL_SCHEDULES,
    rules: PaymentScheduleRules | None = None,
) -> ScheduleComparison:
    """Replay one balance history through every payment schedule: how often, and what fees.

    A schedule that pays often costs more in fixed withdrawal fees; one
    that pays rarely keeps money waiting.  Each run says both (``fees``,
    ``average_wait_days``).

    Args:
        history: As :func:`auto_withdrawals`.
        start: As :func:`auto_withdrawals`.
        end: As :func:`auto_withdrawals`; a year after *start* answers
            "what does each schedule cost over a year".
        method: As :func:`auto_withdrawals`.
        us_freelancer: As :func:`auto_withdrawals`.
        method_added: As :func:`auto_withdrawals`.
        schedules: The schedules to compare (default all four, weekly
            first), each once.
        rules: As :func:`auto_withdrawals`.

    Returns:
        A :class:`ScheduleComparison`.

    Raises:
        InvalidTypeError: *schedules* or *history* is not a sequence (a
            ``set`` of credits is refused, as :func:`auto_withdrawals`
            refuses it), or another wrong-typed argument.
        InvalidValueError: No schedules, a schedule named twice, or as
            :func:`auto_withdrawals`.
        RulesError: As :func:`auto_withdrawals`.
    """
    checked, first, last, chosen, us, added, chosen_rules = _inputs(
        history,
        start=start,
        end=end,
        method=method,
        us_freelancer=us_freelancer,
        method_added=method_added,
        rules=rules,
    )
    listed = tuple(PaymentSchedule) if isinstance(schedules, Default) else schedules
    kinds = [_schedule_arg(kind, chosen_rules) for kind in sequence_of(listed, str, "schedules")]
    if not kinds:
        raise InvalidValueError(
            "schedules must name at least one schedule to compare",
            field="schedules",
            rule="at least one schedule",
        )
    for index, kind in enumerate(kinds):
        if kind in kinds[:index]:
            raise InvalidValueError(
                f"schedules[{index}] names {kind} again: a comparison replays each schedule once",
                field=f"schedules[{index}]",
                rule="each schedule once",
            )
    return ScheduleComparison(
        tuple(
            _run(
                checked,
                schedule=kind,
                start=first,
                end=last,
                method=chosen,
                us_freelancer=us,
                method_added=added,
                rules=chosen_rules,
            )
            for kind in kinds
        )
    )
