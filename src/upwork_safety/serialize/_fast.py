"""The ``fast`` extra: msgspec's JSON encoder behind ``to_json`` (private).

With msgspec installed (the ``fast`` extra, ``pip install '.[fast]'`` from a checkout), the
converter is cattrs' own :class:`cattrs.preconf.msgspec.MsgspecJsonConverter` and
``to_json`` encodes with its compiled encoder, about ten times faster than
:func:`json.dumps`.  The text is the same byte for byte: compact separators,
non-ASCII characters as they are, ``indent`` through
:func:`msgspec.json.format` (which lays out JSON as ``json.dumps`` does).

Reading keeps the standard library's parser even with the extra: msgspec
keeps the last of a repeated key silently (msgspec issue #648), and a
repeated key must be refused.  Parsing is a small part of reading anyway;
building the values through their constructors is most of it.

Without msgspec nothing changes: :data:`ENCODER` is ``None``.
"""

from __future__ import annotations

from typing import Any

import cattrs

CONVERTER_CLASS: type[cattrs.Converter] = cattrs.Converter
ENCODER: Any = None
_format: Any = None
try:  # pragma: no cover  (which branch runs depends on the installed extras)
    import msgspec.json
    from cattrs.preconf.msgspec import MsgspecJsonConverter
except ImportError:  # pragma: no cover
    pass
else:  # pragma: no cover
    CONVERTER_CLASS = MsgspecJsonConverter
    ENCODER = msgspec.json.Encoder()
    _format = msgspec.json.format


def encode(data: object, indent: int | None) -> str:
    """*data* (plain JSON data) as JSON text, the same text :func:`json.dumps` writes.

    Only called when :data:`ENCODER` is set.
    """
    raw: bytes = ENCODER.encode(data)
    if indent is not None:
        raw = _format(raw, indent=indent)
    return raw.decode()
