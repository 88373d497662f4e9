"""Test ids that are the same in every process, so pytest-xdist's workers collect alike."""

from __future__ import annotations

import re

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def label(value: object) -> str:
    """``repr(value)`` without memory addresses (``<object object at 0x7f…>``)."""
    return _ADDRESS.sub("", repr(value))
