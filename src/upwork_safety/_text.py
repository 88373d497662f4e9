"""The library's rules for free text (private).

Two rules, each written once: a text holds at most :data:`MAX_TEXT_CHARS`
characters (:func:`fits`, refused by :func:`long_text`), and it is text UTF-8
can hold (:func:`unicode_text`, refused by :func:`not_unicode`).  Every text
validator (``_validate``), ``ExchangeRate.source`` (``_money_fields``), the
rule sets' names and the checks (``checks._normalise``) call these; nothing
else compares a text's length with the limit.
"""

from __future__ import annotations

from typing import NoReturn

from upwork_safety.errors import InvalidValueError

#: The most characters one text in the library holds or reads: a free-text
#: field of a value (a contract's id, a milestone's title, a time entry's
#: memo, an exchange rate's source, ...) and a text the checks read (a
#: message).  A library limit, not a platform rule (review r25 hostile H9: a
#: 10 MB source made a 10 MB repr).  Read it as
#: ``upwork_safety.checks.MAX_TEXT_CHARS``.
MAX_TEXT_CHARS = 100_000


def fits(value: str) -> bool:
    """Whether the text *value* is at most :data:`MAX_TEXT_CHARS` characters long."""
    return len(value) <= MAX_TEXT_CHARS


def long_text(value: str, name: str, *, what: str = "", fix: str = "") -> None:
    """Refuse the text *name* unless it :func:`fits`.

    The message says *what* the text is (else its field, *name*) and, when
    given, how to *fix* it (the checks: "check each message on its own").
    """
    if not fits(value):
        raise InvalidValueError(
            f"{what or name} is {len(value):,} characters long; the library reads at most "
            f"{MAX_TEXT_CHARS:,} in one text (its own limit, not a platform rule)"
            + (f": {fix}" if fix else ""),
            field=name,
            rule=f"at most {MAX_TEXT_CHARS:,} characters",
        )


def unicode_text(value: str) -> bool:
    """Whether *value* is text UTF-8 can hold (no lone surrogate such as U+D800)."""
    # str's own methods: a subclass cannot answer for itself.
    if str.isascii(value):
        return True
    try:
        str.encode(value, "utf-8")
    except UnicodeEncodeError:
        return False
    return True


def not_unicode(name: str) -> NoReturn:
    """Refuse the text field *name* for holding a lone surrogate."""
    raise InvalidValueError(
        f"{name} holds a lone surrogate (e.g. '\\ud800'), which no UTF-8 text, JSON file or "
        "terminal can hold",
        field=name,
        rule="valid Unicode text",
    )
