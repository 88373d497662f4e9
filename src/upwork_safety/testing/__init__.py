"""Helpers for testing code that uses upwork_safety.

:mod:`upwork_safety.testing.factories` builds single valid values in one
call and needs nothing beyond the library.
:mod:`upwork_safety.testing.strategies` holds Hypothesis strategies for every
public type; it needs ``hypothesis`` (the ``testing`` extra), and is imported
only when first used, so ``factories`` works where Hypothesis is not
installed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from upwork_safety._display import shown as _shown

if TYPE_CHECKING:
    from upwork_safety.testing import factories, strategies

__all__ = ["factories", "strategies"]


def __getattr__(name: str) -> object:
    """Import ``factories`` or ``strategies`` on first use."""
    if name in __all__:
        return importlib.import_module(f"upwork_safety.testing.{name}")
    msg = f"module {__name__!r} has no attribute {_shown(name)}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    """The public names (``__all__``), not the names this module imports (red team r19 L4)."""
    return sorted(__all__)
