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
            (rehires are detected by it).
        name: A display name.
        payment_verified: Whether the client has a verified billing method;
            Hourly Protection requires it.
        country: Free text, e.g. ``"United States"``.
    """

    id: str = attrs.field(converter=plain_text, validator=id_field)
    name: str = attrs.field(converter=plain_text, default="", validator=text_field)
    payment_verified: bool = attrs.field(default=False, validator=bool_field)
    country: str = attrs.field(converter=plain_text, default="", validator=text_field)
