"""A client (the buyer) on Upwork (private; public as ``upwork_safety.models.Client``)."""

from __future__ import annotations

import attrs

from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_text
from upwork_safety._validate import bool_field, id_field, text_field

__all__ = ["Client"]


@through_init
@attrs.frozen
class Client:
    """A client (the buyer) on Upwork.

    Args:
        id: A non-empty identifier, stable across contracts with this client
            (rehires are detected by it).  It is compared as written, so
            one with white space at either end, or a line break, a tab or an
            invisible character (a zero-width space, NBSP: every character
            that shows nothing by the library's one "blank" rule, but the
            zero-width joiners, variation selectors, emoji tags and the
            combining grapheme joiner that names and emoji hold) anywhere, is
            refused, not stripped (``"acme "`` would be a second client):
            :class:`~upwork_safety.errors.InvalidValueError`, rule ``"no
            surrounding spaces, line breaks, tabs or invisible characters"``.
            Every id in the library (a contract's, a milestone's, an
            event's ``milestone_id``) keeps the same rule.
        name: A display name.
        payment_verified: Whether the client has a verified billing method;
            Hourly Protection requires it.
        country: Free text, e.g. ``"United States"``.
    """

    id: str = attrs.field(converter=plain_text, validator=id_field)
    name: str = attrs.field(converter=plain_text, default="", validator=text_field)
    payment_verified: bool = attrs.field(default=False, validator=bool_field)
    country: str = attrs.field(converter=plain_text, default="", validator=text_field)
