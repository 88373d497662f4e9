"""Helpers for testing code that uses upwork_safety (the ``testing`` extra).

:mod:`upwork_safety.testing.strategies` holds Hypothesis strategies for every
public type; this package needs ``hypothesis`` (``pip install
upwork-safety[testing]``).
"""

from __future__ import annotations

from upwork_safety.testing import strategies

__all__ = ["strategies"]
