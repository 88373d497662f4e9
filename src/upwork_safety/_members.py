"""What the library says of a value that no member of one of its enums has.

One text for both ways of asking: a model's field of an enum
(``Contract(..., kind="HOURLY")``, refused by :mod:`upwork_safety._validate`)
and the enum class itself (``ContractKind("HOURLY")``, refused by
:class:`CheckedEnum`'s ``_missing_``).  Both list the values and suggest the
one the text meant when it names a member in another case or by its name.
"""

from __future__ import annotations

import enum
from typing import NoReturn, cast

from upwork_safety._display import shown
from upwork_safety.errors import InvalidValueError


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


class CheckedEnum(enum.Enum):
    """The base of the library's public enums: a value no member has gets the library's error.

    ``ContractKind("HOURLY")`` raises :class:`~upwork_safety.InvalidValueError`
    (``field="ContractKind"``, ``rule="a ContractKind"``) listing the values,
    with a "did you mean" when the text names a member, instead of Python's
    bare ``ValueError`` (review r37, review 6).  It is a ``ValueError``
    subclass, so ``except ValueError`` still catches it.
    """

    @classmethod
    def _missing_(cls, value: object) -> NoReturn:
        refuse_value(cls, value)
