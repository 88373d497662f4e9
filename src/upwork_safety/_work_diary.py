"""Facts of Upwork's Work Diary that the models and the rules share (private).

Not dated rules: the Work Diary's own scales, which a rule set's thresholds
are written on.  Kept below both layers so each reads the one definition.
"""

from __future__ import annotations

from typing import Final

__all__ = ["ACTIVITY_SCALE"]

#: The Work Diary's activity scale, lowest and highest level.  A time
#: entry's and a billing segment's ``activity`` and the rules'
#: ``hourly_minimum_activity`` are on it.
ACTIVITY_SCALE: Final = (0, 10)
