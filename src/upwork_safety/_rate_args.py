"""The one refusal of a bare number where an exchange rate is asked for (private).

Moved from :mod:`upwork_safety._validate` (which re-exports it, its old home)
to keep that module under 700 lines.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import cast

from upwork_safety._display import shown_int, type_name
from upwork_safety._records import plain_value
from upwork_safety.errors import InvalidTypeError
from upwork_safety.money import ExchangeRate

#: A number written plainly (``277.60``), the only text an example in a message repeats.
_PLAIN_NUMBER = re.compile(r"[0-9]{1,18}(?:\.[0-9]{1,18})?")


def _rate_text(value: object) -> str:
    """*value* as the rate in an example, when it is a plain number; else a placeholder."""
    kind = type(value)
    if kind is str:
        text = str.strip(cast("str", value))
    elif kind is int:
        text = shown_int(cast("int", value))
    elif kind in {float, Decimal}:
        text = str(value)
    else:
        text = ""
    return text if _PLAIN_NUMBER.fullmatch(text) else "<rate>"


def exchange_rate_arg(
    value: object, what: str, base: str, quote: str, *, rule: str = "an ExchangeRate"
) -> ExchangeRate:
    """*value* if it is an :class:`ExchangeRate`, else an error naming *what* and what to pass.

    A bare number (``"277.60"``) is refused, not read as a rate: its
    currencies and its day would be guesses.  The message shows the
    ``ExchangeRate(base, quote, rate)`` to pass, with the number given;
    *rule* is the error's rule.
    """
    if issubclass(type(value), ExchangeRate):
        return plain_value(cast("ExchangeRate", value), ExchangeRate, what)
    raise InvalidTypeError(
        f"{what} must be an ExchangeRate, not {type_name(value)}: pass "
        f'ExchangeRate("{base}", "{quote}", "{_rate_text(value)}")',
        field=what,
        rule=rule,
    )
