"""Helpers for testing code that uses upwork_safety (the ``testing`` extra).

:mod:`upwork_safety.testing.strategies` holds Hypothesis strategies for every
public type (it needs ``hypothesis``: ``pip install upwork-safety[testing]``);
:mod:`upwork_safety.testing.factories` builds single valid values in one call.
"""

from __future__ import annotations

from upwork_safety.testing import factories, strategies

__all__ = ["factories", "strategies"]
