"""The check of ``exclude_clients``: every id names a client of the contracts given (private).

Client ids are compared exactly, so an id that names no client (``"a"`` for
``"A"``, a typo) would leave nothing out while the caller believes it did.
It is refused, as :func:`~upwork_safety.jss.what_if` refuses a ``replace``
id no contract has, naming its index and the client id it most likely
meant.  One rule for every function that scores one freelancer's history:
the contracts given are the history (with ``classify``'s *history*, the
jobs a ``forecast`` names).  ``score_many`` and ``score_frame`` take one
list for many freelancers (an agency's flagged clients, one list for every
batch of a population), so they do not check it: whether an id is a client
would depend on which freelancers share the batch (diff review r34, 2).
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from upwork_safety._display import shown
from upwork_safety._validate import sequence_of
from upwork_safety.errors import InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Sequence

__all__ = ["EXCLUDED_CLIENT", "check_excluded", "excluded_ids", "look_alike"]

#: The rule an ``exclude_clients`` id that names no client breaks.
EXCLUDED_CLIENT = "the id of a client of the contracts given"

#: How many client ids a refusal lists.
_LISTED = 6
#: An id longer than this is matched only in another case, never by closeness.
_CLOSE_CHARS = 100
#: The most client ids a close match is looked for among.
_CLOSE_IDS = 200


def excluded_ids(value: object) -> tuple[str, ...]:
    """*value*, the ``exclude_clients`` argument, read as a sequence of plain texts."""
    return sequence_of(value, str, "exclude_clients")


def look_alike(wanted: str, clients: Iterable[str]) -> str | None:
    """The first of *clients* that is *wanted* in another case, if any."""
    folded = wanted.casefold()
    return next((client for client in clients if client.casefold() == folded), None)


def check_excluded(ids: Sequence[str], clients: Collection[str], where: str) -> None:
    """Refuse the first of *ids* that is none of *clients*, naming its index.

    *where* says what the clients are of (``"contracts"``, ``"history"``).
    """
    for index, wanted in enumerate(ids):
        if wanted in clients:
            continue
        ordered = sorted(clients)
        close = _closest(wanted, ordered)
        hint = f" (did you mean {shown(close)}?)" if close is not None else ""
        if ordered and len(ordered) <= _LISTED:
            have = f", whose clients are {', '.join(shown(c) for c in ordered)}"
        elif ordered:
            listed = ", ".join(shown(c) for c in ordered[:_LISTED])
            have = f", whose clients include {listed} and {len(ordered) - _LISTED} more"
        else:
            have = ""
        raise InvalidValueError(
            f"exclude_clients[{index}] is {shown(wanted)}, the client of no contract in "
            f"{where}{have}{hint}: it would leave nothing out (client ids are compared exactly)",
            field=f"exclude_clients[{index}]",
            rule=EXCLUDED_CLIENT,
        )


def _closest(wanted: str, clients: Sequence[str]) -> str | None:
    """The client id *wanted* most likely meant: the same in another case, or a close one."""
    same = look_alike(wanted, clients)
    if same is not None:
        return same
    if len(wanted) > _CLOSE_CHARS:
        return None
    # difflib's cost is quadratic in an id's length: looked for among short ids, a bounded few.
    short = [client for client in clients if len(client) <= _CLOSE_CHARS][:_CLOSE_IDS]
    close = difflib.get_close_matches(wanted, short, n=1)
    return close[0] if close else None
