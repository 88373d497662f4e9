"""How a library value is shown as plain data: one set of rules for JSON, tables and HTML (private).

One place decides how each kind of value becomes plain data, so
``serialize.to_dict``, the CLI's ``--json`` output, every report's
``to_records()`` and the notebook tables never disagree:

* :func:`jsonable` is the JSON form of one value (Money as
  ``{"amount": "12.50", "currency": "USD"}``, decimals as exact text, dates
  and datetimes in ISO 8601, durations as seconds, enums by value).
  :mod:`upwork_safety.serialize` registers it as its converter's hooks for
  these types, and the CLI writes its ``--json`` output through that
  converter.
* :func:`plain` is the same rules for a table cell a DataFrame holds well:
  numbers stay ``Decimal`` and dates stay dates (pandas keeps them
  exactly); Money gives its amount, its currency going in its own column
  (a report's flat tabular shape).
* :func:`cell` formats one value for an HTML table.
* :func:`shown` escapes the characters that could act on a terminal or
  reorder text (controls, bidi overrides): the CLI prints, and the HTML
  tables show, data from their input through it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING

from upwork_safety._decimals import CONTEXT
from upwork_safety.money import Money, minor_unit, shows_exponent

_HUNDRED = Decimal(100)

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Mapping, Sequence

    from upwork_safety.money import ExchangeRate

_MICRO = 1_000_000
#: A line break inside a table cell's text, shown as ``<br>`` (a CSV cell's quoted line break).
_LINE_BREAK = re.compile(r"\r?\n")


#: Unicode categories whose characters can move the cursor, change the terminal's
#: state or hide text: control (Cc: ESC, CR, BEL, the C1 CSI), format (Cf: bidi
#: overrides, zero-width marks), line and paragraph separators, surrogates,
#: private use and unassigned.  Spaces (Zs) are shown as they are: amounts in
#: some locales hold no-break spaces.
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
#: The two joiners are format characters too, but they only join: the zero
#: width non-joiner of Urdu words and the joiner inside emoji sequences are
#: shown as they are.
_JOINERS = frozenset("\u200c\u200d")


def shown(text: str) -> str:
    r"""*text* safe to print on a terminal: every character that could act on it escaped.

    The one function through which the command line prints data from its
    input (contract, client and milestone ids, the library's messages that
    quote them, errors on standard error).  A character in :data:`_HIDDEN`'s
    categories is written as Python's ``repr`` writes it (``\x1b``, ``\r``,
    ``\u202e``), the way the library already quotes milestone titles; every
    other character is left as it is, so text the library quoted with
    ``repr`` is unchanged.
    """
    if text.isprintable():
        return text
    return "".join(repr(char)[1:-1] if hidden(char) else char for char in text)


def hidden(char: str) -> bool:
    """Whether *char* could act on a terminal (:data:`_HIDDEN`, the joiners aside).

    The one rule for what :func:`shown` escapes and what ``--json`` writes as
    a JSON escape.
    """
    return unicodedata.category(char) in _HIDDEN and char not in _JOINERS


def seconds_text(value: timedelta) -> str:
    """A duration as exact seconds text: ``"90.5"``, ``"1209600"``, ``"-0.000001"``.

    Computed from the days, seconds and microseconds (never through a float,
    which would lose microseconds on long durations).
    """
    micro = (value.days * 86_400 + value.seconds) * _MICRO + value.microseconds
    sign = "-" if micro < 0 else ""
    whole, part = divmod(abs(micro), _MICRO)
    return f"{sign}{whole}" + (f".{part:06d}".rstrip("0") if part else "")


def decimal_text(value: Decimal) -> str:
    """A ``Decimal`` as exact plain text, never in exponent form: ``"0.0000001"``, ``"100"``.

    ``str()`` writes ``1E-7`` and ``1E+2``, which the strict readers refuse
    (amount text is ASCII digits, a sign and one decimal point).  The text
    keeps every digit ``str()`` shows, with the same value and the same
    places after the point.
    """
    text = str(value)
    # str() is already plain unless it used an exponent (the common case): "E", or
    # "e" under a caller's decimal context with capitals=0.  format() never does.
    return format(value, "f") if shows_exponent(text) else text


def money_dict(value: Money) -> dict[str, str]:
    """Money as JSON: its amount as exact text and its currency code."""
    return {"amount": decimal_text(value.amount), "currency": value.currency}


def jsonable(value: object) -> object:
    """The JSON form of one library value; anything else is returned unchanged.

    Money becomes ``{"amount": "<text>", "currency": "<code>"}``, a
    ``Decimal`` its exact text, a date or datetime its ISO 8601 text, a
    duration its seconds as text (:func:`seconds_text`), an enum its value.
    """
    if isinstance(value, Money):
        return money_dict(value)
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return seconds_text(value)
    if isinstance(value, Enum):
        return value.value
    return value


def plain(value: object) -> object:
    """The table-cell form of one value (for ``to_records()`` and DataFrames).

    The rules of :func:`jsonable`, keeping numbers as ``Decimal`` and dates
    as dates: Money gives its ``Decimal`` amount (the currency goes in the
    column name or its own column), enums their value, durations their
    seconds as ``Decimal``; everything else is returned unchanged.
    """
    if isinstance(value, Money):
        return value.amount
    if isinstance(value, timedelta):
        return Decimal(seconds_text(value))
    if isinstance(value, Enum):
        return jsonable(value)
    return value


def money_record(items: Iterable[tuple[str, object]], money: Collection[str]) -> dict[str, object]:
    """One ``to_records()`` row: each value :func:`plain`, each amount with its currency.

    The rule of the rows whose amounts can each be in any currency (a
    finding's, a deadline's, a payout schedule's; the ledger writes the same
    shape itself): the amount is its ``Decimal`` in its own
    column, and its currency code goes in the column right after it, named
    ``currency`` for the row's first money column and ``<name>_currency``
    for each other one (as the ledger's ``amount``/``currency`` and the fee
    rows' ``fees``/``fees_currency``).  An amount that is ``None`` has
    ``None`` for its currency, so every row of a report has the same keys.

    Args:
        items: The row's ``(column, value)`` pairs, in order.
        money: The columns that hold a ``Money`` (or ``None``).
    """
    row: dict[str, object] = {}
    first = True
    for name, value in items:
        row[name] = plain(value)
        if name in money:
            row["currency" if first else f"{name}_currency"] = (
                value.currency if isinstance(value, Money) else None
            )
            first = False
    return row


def cell(value: object) -> str:
    r"""Format one value for an HTML table cell (escaped).

    A line break in the text (``\n`` or ``\r\n``: a title with a quoted
    line break) shows as one, ``<br>``; every part around it is escaped as
    any text is (:func:`shown`, then HTML), so other controls stay visible
    escapes.
    """
    if value is None:
        text = ""
    elif isinstance(value, Money):
        text = str(value)  # the one money style: "USD 500.00", at least the minor unit
    elif isinstance(value, Enum):
        text = str(value.value)
    elif isinstance(value, datetime):
        text = value.isoformat(sep=" ")
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, (tuple, list)):
        text = "; ".join(str(v) for v in value)
    else:
        text = str(value)
    return "<br>".join(html.escape(shown(part)) for part in _LINE_BREAK.split(text))


def html_table(
    rows: Sequence[Mapping[str, object]],
    *,
    caption: str = "",
    columns: Sequence[str] | None = None,
) -> str:
    """Render *rows* (dicts with the same keys) as a compact HTML table.

    Args:
        rows: The table body, one mapping per row.
        caption: Shown above the table (escaped).
        columns: Column order; defaults to the first row's keys.
    """
    names = list(columns) if columns is not None else (list(rows[0]) if rows else [])
    head = "".join(f"<th>{html.escape(shown(name))}</th>" for name in names)
    body = "".join(
        "<tr>" + "".join(f"<td>{cell(row.get(name))}</td>" for name in names) + "</tr>"
        for row in rows
    )
    cap = f"<caption>{html.escape(shown(caption))}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def percent(rate: Decimal) -> str:
    """*rate* (a fraction) as a percentage, no trailing zeros: ``Decimal("0.025")`` → ``2.5%``."""
    text = format(CONTEXT.multiply(rate, _HUNDRED).normalize(CONTEXT), "f")
    return f"{text}%"


#: The significant digits a least rate keeps at the fewest: a step of one
#: part in 10,000 of the rate, as fine as the break-even spread it is shown
#: beside (``2.0644%``).
_RATE_DIGITS = 5


def rate_at_least(rate: ExchangeRate) -> str:
    """*rate* as the least rate a method must show to win: rounded up, never past the spread.

    A break-even rate falls between the rates Upwork shows (to the paisa);
    rounding it up gives the least shown rate that wins, in every message
    that says one (the comparison's summary and the CLI).  It is rounded up
    to the quote's minor unit (274.0194 → 274.02), or to five significant
    digits where that unit is coarser (a rate below 100): a paisa is more
    than the whole rate at 0.0036 PKR per USD, which rounded 0.0035257 up to
    0.01, above the reference rate it was a spread below (review r24,
    newcomer N8).
    """
    places = max(minor_unit(rate.quote), _RATE_DIGITS - 1 - rate.rate.adjusted())
    # Shifted by the context's own scaleb, never ``Decimal(10) ** places``: a power
    # in the caller's context rounded, or raised a bare ``decimal.Rounded`` under a
    # trap (review r32, embedder 1).
    units_up = CONTEXT.scaleb(rate.rate, places).to_integral_value(
        rounding="ROUND_CEILING", context=CONTEXT
    )
    return f"{CONTEXT.scaleb(units_up, -places):.{places}f}"


def period_text(delta: timedelta) -> str:
    """A rule's period in a message: ``"14 days"``, or as timedelta writes a part of a day.

    The one wording of a rule set's period (the escrow engine's messages and the checks'
    ``CHANGES_REQUESTED``): nothing rounded away (review r38, diff review 7).
    """
    if delta % timedelta(days=1):
        return str(delta)
    days = delta.days
    return f"{days} day{'s' if days != 1 else ''}"


#: The ``rule`` of the fee engine's refusal of a kept legacy rate for the client's
#: billings, with the scale's top threshold in it (for people: code tells the refusal
#: apart by ``RulesError.needs``).
_BILLINGS_RULE = "billings over {} under the sliding scale"


def billings_rule(floor: object) -> str:
    """The ``rule`` of a kept legacy rate refused for billings not past *floor*."""
    return _BILLINGS_RULE.format(floor)
