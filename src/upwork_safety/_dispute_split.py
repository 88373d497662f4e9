"""The rule a dispute's split keeps beyond its amounts: it is not nothing (private).

Kept out of ``_events.py`` (near 700 lines); its rule's words are the
caller's (``_events.MORE_THAN_ZERO``), so they are written once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from upwork_safety._validate import field_name
from upwork_safety.errors import InvalidValueError

if TYPE_CHECKING:
    from upwork_safety.money import Money

__all__ = ["split_of"]


def split_of(rule: str) -> Any:
    """An attrs validator: ``to_freelancer`` and the field are not both zero, else *rule*.

    A disputed escrow always holds more than zero, so no contract can apply
    a split of nothing to either side: such a ``ResolveDispute`` cannot be
    built or loaded (review r39, review 4), as an approval of nothing cannot.
    """

    def check(instance: object, attribute: Any, value: Money) -> None:
        first: Money = getattr(instance, "to_freelancer")  # noqa: B009  (named by the class)
        if not first.amount and not value.amount:
            name = field_name(instance, attribute)
            raise InvalidValueError(
                f"{name} and {type(instance).__name__}.to_freelancer must be more than zero "
                f"in total (a dispute splits the escrow it froze), got {first} and {value}",
                field=name,
                rule=rule,
            )

    return check
