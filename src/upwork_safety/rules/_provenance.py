"""Where a rule comes from: the one provenance type of every dated rule set (private)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, NoReturn

import attrs

from upwork_safety._moments import to_date
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_duration, plain_int, plain_text
from upwork_safety._validate import bool_field, text_field
from upwork_safety.errors import InvalidTypeError
from upwork_safety.money import Money, plain_money
from upwork_safety.rules._history import RuleHistory

__all__ = ["RuleSource", "rule", "sources"]


@through_init
@attrs.frozen
class RuleSource:
    """Where a rule comes from.

    Every number of every rule set (platform timings, fee schedules and
    withdrawal methods, JSS parameters) carries one.

    Args:
        source: The citation, e.g. ``"HC 211068218"`` (Upwork Help Center
            article ``support.upwork.com/hc/en-us/articles/211068218``),
            ``"COMM …"`` (Upwork Community), ``"SEC …"`` (a secondary page)
            or ``"modelling assumption"``.
        unconfirmed: ``True`` when the figure is a best estimate the caller
            should check and may override.
        note: A short explanation shown in the docs and the CLI.
    """

    source: str = attrs.field(converter=plain_text, validator=text_field)
    unconfirmed: bool = attrs.field(default=False, validator=bool_field)
    note: str = attrs.field(converter=plain_text, default="", validator=text_field)


def _plain_value(value: Any) -> Any:
    """A rule's value with a ``str``, ``int`` or ``Money`` subclass made plain (else as it is).

    The items of a tuple too (a weekday table of percentages), one level deep:
    no rule holds a tuple of tuples, and a value nested a million deep must
    reach the validator, not exhaust the stack here.
    """
    if type(value) is tuple:
        return tuple([_plain_item(item) for item in value])
    return _plain_item(value)


def _plain_item(value: Any) -> Any:
    """A ``str``, ``int``, ``timedelta``, ``date`` or ``Money`` subclass made plain (else as it is).

    A duration is read with ``timedelta``'s own fields, so a rule's check (a
    segment of whole minutes) asks the plain value, never the subclass.
    """
    if isinstance(value, str):
        return plain_text(value)
    if isinstance(value, int):
        return plain_int(value)
    if isinstance(value, timedelta):
        return plain_duration(value)
    if isinstance(value, date):
        return to_date(value)
    return plain_money(value) if isinstance(value, Money) else value


def rule(
    default: Any,
    source: str,
    note: str,
    *,
    unconfirmed: bool = False,
    published: date | None = None,
    converter: Any = None,
    validator: Any = None,
) -> Any:
    """An attrs field for one rule: its default and its :class:`RuleSource` in the metadata.

    Without a *converter*, a subclass of ``str``, ``int``, ``timedelta``,
    ``date`` or ``Money`` is stored as the plain value it holds, as in every
    other field.  *published* is the day the source gives the figure from
    (a dated announcement): a rule set in force before it applies the
    figure to earlier dates, and :func:`sources` lists it there as
    unconfirmed (:func:`_as_of`).
    """
    metadata: dict[str, object] = {"rule": RuleSource(source, unconfirmed, note)}
    if published is not None:
        metadata["published"] = published
    return attrs.field(
        default=default,
        converter=converter or _plain_value,
        validator=validator,
        metadata=metadata,
    )


def _as_of(rules: object, field: Any) -> RuleSource:
    """The :class:`RuleSource` of *field* in the rule set *rules*: its class's, dated.

    A figure the source gives only from a day (the field's ``published``) is
    unconfirmed in a set in force before that day (its ``effective``): the
    figure is the later one, applied to dates the source does not cover, and
    the note says so (review r32, domain 2: the dispute timings of the
    2023-12-05 announcement in the rule set before it).  This is the one
    place that flag is set.
    """
    source: RuleSource = field.metadata["rule"]
    published = field.metadata.get("published")
    if published is None:
        return source
    effective = getattr(rules, "effective", None)
    if not isinstance(effective, date) or effective >= published:
        return source
    return RuleSource(
        source.source,
        unconfirmed=True,
        note=f"{source.note}; the {published.isoformat()} figure, applied to earlier dates",
    )


def sources(rules: object) -> list[tuple[str, object, RuleSource]]:
    """List every rule of a rules object with its value and source.

    Works for every dated rules object of the library: the fields of
    :class:`~upwork_safety.rules.PlatformRules` and
    :class:`~upwork_safety.rules.JSSRules` carry their source in the class,
    a :class:`~upwork_safety.rules.WithdrawalMethod` carries one per number
    (its presets differ), and a fee schedule or tax rule set carries one
    for the whole set (a per-contract fee schedule may name another for
    its range: its ``source_of`` says which).

    Args:
        rules: The rules object.

    Returns:
        ``(field name, value, RuleSource)`` for each sourced field, in
        declaration order.

    Raises:
        InvalidTypeError: *rules* is not a rules object: any other value,
            an attrs one too (a ``Money``, a ``Contract``), and a rule
            history such as :data:`~upwork_safety.rules.HISTORY` (pass one
            of its sets: ``.current`` or ``.in_force(day)``).
    """
    if not attrs.has(type(rules)):
        _not_rules(rules)
    fields = attrs.fields(type(rules))  # type: ignore[arg-type]  # checked by attrs.has
    listed: list[tuple[str, Any, Any]] = [
        (field.name, getattr(rules, field.name), _as_of(rules, field))
        for field in fields
        if "rule" in field.metadata
    ]
    # A set with its own sources answers for each field through source_of (another
    # source for some fields, or a what-if value's), when it has one.
    source_of = getattr(rules, "source_of", None)
    per_instance = getattr(rules, "sources", None)
    if isinstance(per_instance, tuple):
        listed.extend(
            (name, getattr(rules, name), source_of(name) if callable(source_of) else source)
            for name, source in per_instance
            if isinstance(name, str) and isinstance(source, RuleSource)
        )
    whole = getattr(rules, "source", None)
    if isinstance(whole, RuleSource):
        # Another source a set names for some fields is kept in a field marked as
        # provenance, not a rule.
        listed.extend(
            (
                field.name,
                getattr(rules, field.name),
                source_of(field.name) if callable(source_of) else whole,
            )
            for field in fields
            if field.name not in {"source", "effective", "name"}
            and not field.metadata.get("provenance")
        )
    if not listed:  # every rules object has a sourced rule; this value has none (review r31, 2)
        _not_rules(rules)
    return listed


def _not_rules(rules: object) -> NoReturn:
    """Refuse *rules*, a value that is not a rules object; a rule history gets the way to one."""
    # Told by its type, never by probing the value (a caller's __getattr__ may raise).
    hint = ""
    if isinstance(rules, RuleHistory):
        hint = ": pass one of this history's sets (.current, or .in_force(day))"
    raise InvalidTypeError(
        f"sources() needs a rules object such as PlatformRules, not {type(rules).__name__}{hint}",
        field="rules",
        rule="a rules object",
    )
