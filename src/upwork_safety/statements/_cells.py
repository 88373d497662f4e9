"""The rules a text of one cell of an export keeps, for the reader and the constructors (private).

One source for both (red team r22 M1): the reader refuses a line holding a
NUL and a cell longer than :data:`MAX_FIELD_CHARS`, and a
:class:`~upwork_safety.statements.Transaction` built in code or loaded from
JSON refuses such a text by the same functions, so a row built by hand is one
a file could give.
"""

from __future__ import annotations

from typing import Any

from upwork_safety._validate import field_name
from upwork_safety.errors import InvalidValueError
from upwork_safety.money import unicode_text

#: Longest field accepted, in characters (descriptions and titles are short): the
#: reader refuses a longer cell, and :class:`Transaction` a longer text, so a row
#: built by hand or loaded is one a file could give.
MAX_FIELD_CHARS = 2_000

#: The rule :func:`export_text_problem` names.
EXPORT_TEXT_RULE = "text"


def export_text_problem(text: str) -> tuple[str, str] | None:
    """What makes *text* something no text export holds, or ``None``.

    The one rule for the reader (each line of the file) and the constructors
    (each text of a row built in code or loaded from JSON): no NUL character
    (a NUL byte means the file is not a text export) and no lone surrogate
    (which no UTF-8 text holds).

    Returns:
        ``(what is wrong, the rule)``, the first naming what *text* holds
        ("a NUL character: not a text export").
    """
    if "\x00" in text:
        return "a NUL character: not a text export", EXPORT_TEXT_RULE
    if not unicode_text(text):
        return (
            "a lone surrogate (e.g. '\\ud800'), which no UTF-8 text holds: not a text export",
            EXPORT_TEXT_RULE,
        )
    return None


def cell_length_problem(text: str) -> tuple[str, str] | None:
    """What is wrong with *text*'s length as one cell of an export, or ``None``.

    The one rule for the reader (each cell of a row) and the constructors
    (each text of a row): at most :data:`MAX_FIELD_CHARS` characters.

    Returns:
        ``(what is wrong, the rule)``, the first completing a sentence about
        the cell ("longer than 2,000 characters: ...").
    """
    if len(text) <= MAX_FIELD_CHARS:
        return None
    length = len(text)
    what = f"longer than {MAX_FIELD_CHARS:,} characters ({length:,}): more than a cell holds"
    return what, f"at most {MAX_FIELD_CHARS:,} characters"


def cell_text(value: str | None, name: str) -> None:
    """Refuse a text no cell of an export holds: too long, or not text a file gives.

    :func:`cell_length_problem` and :func:`export_text_problem`, the reader's rules.
    """
    if value is None:
        return
    problem = cell_length_problem(value)
    if problem is not None:
        raise InvalidValueError(f"{name} is {problem[0]}", field=name, rule=problem[1])
    problem = export_text_problem(value)
    if problem is not None:
        raise InvalidValueError(f"{name} holds {problem[0]}", field=name, rule=problem[1])


def cell(check: Any) -> Any:
    """An attrs validator: *check*, then a text a cell of an export holds (:func:`cell_text`)."""

    def validator(instance: object, attribute: Any, value: Any) -> None:
        check(instance, attribute, value)
        cell_text(value, field_name(instance, attribute))

    return validator
