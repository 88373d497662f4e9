"""Shared rendering for reports: compact HTML tables for notebooks, records for pandas (private).

Every report type implements ``to_records()`` (a list of flat dicts) and
``_repr_html_()``; both go through here so tables look alike everywhere.
"""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING

from upwork_safety.money import CONTEXT, Money

_HUNDRED = Decimal(100)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence


def plain(value: object) -> object:
    """Turn a value into something a DataFrame cell or JSON holds well.

    Money becomes its ``Decimal`` amount (the currency goes in the column
    name or its own column), enums their value, durations their seconds as
    ``Decimal``; everything else is returned unchanged.
    """
    if isinstance(value, Money):
        return value.amount
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, timedelta):
        return Decimal(str(value.total_seconds()))
    return value


def cell(value: object) -> str:
    """Format one value for an HTML table cell (escaped)."""
    if value is None:
        text = ""
    elif isinstance(value, Money):
        text = f"{value.currency} {value.amount:,}"
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
    return html.escape(text)


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
    head = "".join(f"<th>{html.escape(name)}</th>" for name in names)
    body = "".join(
        "<tr>" + "".join(f"<td>{cell(row.get(name))}</td>" for name in names) + "</tr>"
        for row in rows
    )
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def percent(rate: Decimal) -> str:
    """*rate* (a fraction) as a percentage, no trailing zeros: ``Decimal("0.025")`` → ``2.5%``."""
    text = format(CONTEXT.multiply(rate, _HUNDRED).normalize(CONTEXT), "f")
    return f"{text}%"
