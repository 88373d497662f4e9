"""Errors of the values a factory or strategy builds, named by the argument passed (private).

A factory builds library values from its arguments (``contract(client="")``
makes a ``Client``); the value's own check refuses a bad one naming its own
field (``Client.id``), which is not what the caller wrote.  :func:`as_arguments`
re-raises such an error with ``field`` the argument's name, the same
``rule``, and the field's name in the message replaced by the argument's
(review r37, review 3).  No hypothesis here: the factories need none.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from upwork_safety.errors import InvalidTypeError, InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping


@contextlib.contextmanager
def as_arguments(names: Mapping[str, str]) -> Iterator[None]:
    """Re-raise an error whose ``field`` is a key of *names* as one naming its value.

    *names* maps a library field (``"Feedback.stars"``) to the argument
    that filled it (``"stars"``); a path inside the field keeps its tail
    (``"Contract.milestones[0].amount"`` → ``"milestones[0].amount"``).
    An error of any other field, or of none, passes unchanged; the error's
    class (``InvalidValueError``, ``InvalidTypeError``,
    ``CurrencyMismatchError``...) is kept.
    """
    try:
        yield
    except (InvalidTypeError, InvalidValueError) as error:
        field = error.field or ""
        for own, name in names.items():
            if field == own or field.startswith((f"{own}[", f"{own}.")):
                # "Contract.milestones[0].amount" → "milestones[0].amount": the path kept.
                path = name + field[len(own) :]
                message = str(error).replace(field, path)
                raise type(error)(message, field=path, rule=error.rule) from None
        raise
