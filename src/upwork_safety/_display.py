"""Values shown in error messages, bounded (private).

A message quotes what the caller gave (an id, a code, a direction) so the
mistake can be found, but never all of it: a megabyte id must not become a
megabyte message (logs, terminals and notebooks show it all).  The one
helper every error message uses for a value the caller supplied.
"""

from __future__ import annotations

#: How many characters of a value a message shows before cutting it.
LIMIT = 40


def shown(value: object, limit: int = LIMIT) -> str:
    """*value*'s ``repr`` for a message, cut to about *limit* characters.

    Text longer than *limit* is shown cut, with its length (read with
    ``str``'s own methods, so a subclass cannot answer for itself); any
    other value's ``repr`` is cut with an ellipsis, and an ``int`` too long
    for Python to print is described instead.
    """
    if isinstance(value, str):
        text = str.__str__(value)
        if len(text) <= limit:
            return repr(text)
        return f"{text[:limit]!r}… ({len(text):,} characters)"
    try:
        text = repr(value)
    except ValueError:  # an int of more digits than Python prints
        name = type(value).__name__
        return f"{'an' if name[:1] in 'aeiou' else 'a'} {name} too long to show"
    return text if len(text) <= limit else f"{text[:limit]}…"
