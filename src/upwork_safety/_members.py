"""What the library says of a value that no member of one of its enums has.

One text for both ways of asking: a model's field of an enum
(``Contract(..., kind="HOURLY")``, refused by :mod:`upwork_safety._validate`)
and the enum class itself (``ContractKind("HOURLY")``, refused by
:class:`CheckedEnum`'s ``_missing_``).  Both list the values and suggest the
one the text meant when it names a member in another case or by its name.
A look-up by name (``ContractKind["hourly"]``) lists the names instead, and
suggests the name meant (:class:`~upwork_safety.UnknownMemberError`).
"""

from __future__ import annotations

import enum
from typing import Any, NoReturn, cast

from upwork_safety._display import shown
from upwork_safety.errors import InvalidValueError, UnknownMemberError


def not_a_value(kind: type[enum.Enum], value: object, name: str) -> str:
    """The message refusing *value*, no value of *kind*'s members, for the field *name*.

    ``"ContractKind must be one of 'fixed_price', 'hourly', got 'HOURLY'
    (did you mean 'hourly'?)"``: the hint when the text, stripped and
    case-folded, is a member's value or name.
    """
    allowed = ", ".join(repr(member.value) for member in kind)
    hint = ""
    if issubclass(type(value), str):
        # "FIXED_PRICE" or "Hourly": the value meant, as Money's "(codes are upper case)".
        said = str.__str__(cast("str", value)).strip().casefold()
        meant = [m.value for m in kind if said in (str(m.value).casefold(), m.name.casefold())]
        hint = f" (did you mean {shown(meant[0])}?)" if meant else ""
    return f"{name} must be one of {allowed}, got {shown(value)}{hint}"


def refuse_value(kind: type[enum.Enum], value: object) -> NoReturn:
    """Refuse ``kind(value)``: :class:`~upwork_safety.InvalidValueError` naming the enum.

    Its ``field`` is the enum's name and its ``rule`` ``"a <name>"``, as for
    a model's field of the enum; a ``ValueError`` subclass, as Python's own
    refusal was.
    """
    name = kind.__name__
    raise InvalidValueError(not_a_value(kind, value, name), field=name, rule=f"a {name}")


def not_a_name(kind: type[enum.Enum], name: object) -> str:
    """The message refusing *name*, the name of none of *kind*'s members.

    ``"ContractKind has no member named 'hourly': its names are 'FIXED_PRICE',
    'HOURLY' (did you mean 'HOURLY'?)"``: the hint when the text, stripped and
    case-folded, is a member's name or value.
    """
    names = ", ".join(shown(member) for member in kind.__members__)
    hint = ""
    if issubclass(type(name), str):
        said = str.__str__(cast("str", name)).strip().casefold()
        meant = [m.name for m in kind if said in (str(m.value).casefold(), m.name.casefold())]
        hint = f" (did you mean {shown(meant[0])}?)" if meant else ""
    return f"{kind.__name__} has no member named {shown(name)}: its names are {names}{hint}"


class _CheckedMeta(enum.EnumMeta):
    """The metaclass of :class:`CheckedEnum`: a name no member has gets the library's error."""

    def __getitem__(cls, name: str) -> Any:
        try:
            return super().__getitem__(name)
        except KeyError:
            kind = cast("type[enum.Enum]", cls)
            raise UnknownMemberError(
                not_a_name(kind, name),
                field=kind.__name__,
                rule=f"the name of a {kind.__name__} member",
            ) from None


class CheckedEnum(enum.Enum, metaclass=_CheckedMeta):
    """The base of the library's public enums: a value no member has gets the library's error.

    ``ContractKind("HOURLY")`` raises :class:`~upwork_safety.InvalidValueError`
    (``field="ContractKind"``, ``rule="a ContractKind"``) listing the values,
    with a "did you mean" when the text names a member, instead of Python's
    bare ``ValueError`` (review r37, review 6).  It is a ``ValueError``
    subclass, so ``except ValueError`` still catches it.  A look-up by name
    (``ContractKind["hourly"]``) of a name no member has raises
    :class:`~upwork_safety.UnknownMemberError`, an ``InvalidValueError`` and a ``KeyError``
    (``except KeyError`` still catches it), listing the names with a "did you
    mean".
    """

    @classmethod
    def _missing_(cls, value: object) -> NoReturn:
        refuse_value(cls, value)
