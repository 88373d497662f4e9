"""The scales of Upwork's records that the models and the rules share (private).

Not dated rules: the scales themselves, which a rule set's thresholds and a
model's fields are written on.  Kept below both layers so each reads the
one definition.
"""

from __future__ import annotations

from typing import Final

__all__ = ["ACTIVITY_SCALE", "PRIVATE_SCORE_SCALE", "STAR_SCALE"]

#: The Work Diary's activity scale, lowest and highest level.  A time
#: entry's and a billing segment's ``activity`` and the rules'
#: ``hourly_minimum_activity`` are on it.
ACTIVITY_SCALE: Final = (0, 10)

#: The client's private "how likely are you to recommend" score, lowest and
#: highest (``Feedback.private_score``).
PRIVATE_SCORE_SCALE: Final = (0, 10)

#: The public star rating, lowest and highest (``Feedback.stars``, the average
#: of six 1–5 scores).  The rules' star thresholds are on it.
STAR_SCALE: Final = (1, 5)
