"""Hold the JSS model against public, sourced cases (issue 19).

``tests/data/jss_cases.json`` holds the validation set: each case is a
freelancer's history as they stated it in public, the score they reported,
the link, the day (which picks the rule set in force) and what is unknown,
encoded as alternatives.  :func:`evaluate` builds every combination of the
unknowns as contracts, scores each with :func:`upwork_safety.jss.score`, and
compares the reported score with the range the model gives: a case is *met*
when the reported score lies in that range, otherwise its error is the
distance to the range.  ``python -m calibration`` (``nox -s calibration``)
prints the table per rule set, for the fitting set and the held-out set
separately, then each held-out set gathered after calibration and never
tuned on (``tests/data/jss_cases_heldout_2.json`` and
``jss_cases_heldout_3.json``) on its own.
"""

from calibration._cases import (
    CASES_FILE,
    LATER_HELD_OUT,
    SECOND_HELD_OUT_FILE,
    THIRD_HELD_OUT_FILE,
    Case,
    CaseResult,
    Summary,
    evaluate,
    held_out_ids,
    load,
    load_second_held_out,
    split_rule_ids,
    summarize,
    uncalibrated,
)

__all__ = [
    "CASES_FILE",
    "LATER_HELD_OUT",
    "SECOND_HELD_OUT_FILE",
    "THIRD_HELD_OUT_FILE",
    "Case",
    "CaseResult",
    "Summary",
    "evaluate",
    "held_out_ids",
    "load",
    "load_second_held_out",
    "split_rule_ids",
    "summarize",
    "uncalibrated",
]
