"""Argument checks every hourly module shares: flags, rule sets, positive amounts (private)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import attrs

from upwork_safety._amount_fields import more_than_zero, whole_cents
from upwork_safety._calendar import week_rules_day
from upwork_safety._last_day import LATEST
from upwork_safety._validate import field_name, finer_error, instance_field
from upwork_safety.money import Money
from upwork_safety.rules import HISTORY, PlatformRules, _given_rules, _in_force_of
from upwork_safety.rules import as_of as _rules_as_of

if TYPE_CHECKING:
    from upwork_safety.hourly._week import BillingWeek

#: A billing week is a calendar week; its first day (Monday, in UTC) is the
#: platform rule (HC 211063698).
WEEK = timedelta(days=7)
MICROSECOND = timedelta(microseconds=1)


def rules_for(rules: object, on: date | datetime, *, what: str = "on") -> PlatformRules:
    """*rules*, the rule set its history has in force *on*, or (``None``) the one in force.

    *what* names *on* in the refusal of a history that starts after it.
    """
    given = _given_rules(rules, PlatformRules)
    return _rules_as_of(on) if given is None else _in_force_of(given, HISTORY, on, what=what)


def week_rules(rules: object, week: BillingWeek) -> PlatformRules:
    """*rules*, or those in force at the end of *week* (``_calendar.week_rules_day``)."""
    return rules_for(rules, week_rules_day(week.closes_at), what="the week's last day")


#: The fields of a rule set that hold rules (each has a source), in declaration order.
_RULE_FIELDS = tuple(f.name for f in attrs.fields(PlatformRules) if "rule" in f.metadata)


def rules_differ(chosen: PlatformRules, other: PlatformRules) -> tuple[str, ...]:
    """The rule fields in which *chosen* differs from *other*, in declaration order.

    The one comparison of two rule sets.  A rule set's name and effective
    date are not compared: they are labels, and a what-if (or an edited
    file) may keep a preset's.
    """
    if chosen is other:
        return ()
    return tuple(name for name in _RULE_FIELDS if getattr(chosen, name) != getattr(other, name))


def rules_changed(chosen: PlatformRules, week: BillingWeek) -> tuple[str, ...]:
    """The rule fields in which *chosen* differs from the published rules for *week*.

    The one source of every week's ``rules_changed`` (an invoice, a weekly
    payment, a payout item): the published rules are those in force at the
    end of the week (the ones the builders use when given none), compared by
    :func:`rules_differ`.
    """
    return rules_differ(chosen, week_rules(None, week))


def rules_changed_on(chosen: PlatformRules, on: datetime) -> tuple[str, ...]:
    """:func:`rules_changed` for a moment, not a week: against the rules in force *on*.

    For what happens at one moment (a bonus paid, a dispute opened), whose
    builders default to the rules in force then.
    """
    return rules_differ(chosen, rules_for(None, min(on.date(), LATEST)))


def positive_cents(value: object, what: str) -> Money:
    """An amount Upwork pays: :class:`Money` more than zero, in whole minor units.

    The one rule of :func:`~upwork_safety._amount_fields.more_than_zero`, and of
    :func:`~upwork_safety._amount_fields.positive_cents_field` for a field.
    """
    return whole_cents(more_than_zero(value, what), what)


def duration_field(instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: a plain ``timedelta`` (pair it with :func:`plain_duration`).

    The converter makes a subclass plain; one that reaches this holds more
    than a ``timedelta`` can (nanoseconds) and is refused, not rounded.
    """
    if type(value) is timedelta:
        return
    instance_field(timedelta)(instance, attribute, value)  # the wrong type: InvalidTypeError
    raise finer_error(value, timedelta, field_name(instance, attribute))
