"""The Job Success Score simulator: a transparent, dated model of Upwork's JSS.

Upwork does not publish the formula.  This package reproduces what Upwork has
said in public (rolling windows, job-size weights, exclusions, eligibility)
and fills the gaps with assumptions that are fields of :class:`JSSRules`, so
every one of them can be seen and changed; the uncertain ones are set from
public cases (docs/jss-calibration.md).  Every score explains itself: each
contract is listed with its :class:`Outcome`, its weight, the reasons and its
points of the score shown (:attr:`Impact.points`, which add up to the
unrounded percent the score is rounded from: 66.67 for a score of 67).

* :func:`classify` judges one contract; :func:`score` the whole history;
  :func:`score_many` and :func:`score_frame` many freelancers at once.
* :func:`timeline` follows the score day by day (incrementally), and
  :func:`explain_change` says which contracts moved it between two dates.
* :func:`what_if` and :func:`forecast` look ahead; :func:`top_rated_weeks`
  applies the 13-of-16-weeks Top Rated rule and :func:`top_rated` the
  earnings and account-age criteria beside it.

    >>> from datetime import date
    >>> from upwork_safety import Contract, ContractKind, Feedback, Money, Payment, jss
    >>> def job(n, stars):
    ...     return Contract(f"c{n}", f"client{n}", ContractKind.FIXED_PRICE,
    ...                     started=date(2025, 1, n), ended=date(2025, 2, n),
    ...                     payments=[Payment(date(2025, 2, n), Money(100, "USD"))],
    ...                     feedback=Feedback(stars=stars))
    >>> history = [job(1, "5.0"), job(2, "5.0"), job(3, "5.0"), job(4, "2.0")]
    >>> report = jss.score(history, as_of=date(2025, 6, 1))
    >>> report.score
    75
    >>> report.impact("c4").reasons  # doctest: +NORMALIZE_WHITESPACE
    ('public stars 2.0 are poor (below 4)', 'weight 1: earned USD 100.00, paid over 1 month',
     'counts in the 24 months window until 2027-02-04')
    >>> report.impact("c4").leaves_on
    datetime.date(2027, 2, 5)

The package's modules: ``_tallies`` and ``_reports`` (what scoring returns),
``_model`` (judging and tallying), ``_explain`` (what-ifs and changes),
``_forecast`` and ``_forecast_values`` (looking ahead), ``_top_rated`` and
``_population`` (many freelancers); the dated rule sets live in
:mod:`upwork_safety.rules`.
"""

from __future__ import annotations

from upwork_safety.jss import _forecast, _invariants, _model, _tallies
from upwork_safety.jss._exclusion import ExclusionCode
from upwork_safety.jss._explain import ChangeItem, ChangeKind, JSSChange, explain_change
from upwork_safety.jss._forecast import (
    Forecast,
    ForecastBin,
    FutureJob,
    forecast,
)
from upwork_safety.jss._lapses import Lapse, LapseKind
from upwork_safety.jss._model import classify, score, timeline
from upwork_safety.jss._population import score_frame, score_many
from upwork_safety.jss._presets import CURRENT, HISTORY, rule_sources, rules_as_of
from upwork_safety.jss._reason_codes import ReasonCode, ScoreReason
from upwork_safety.jss._reports import JSSPoint, JSSReport, Outcome
from upwork_safety.jss._tallies import Impact, WindowScore
from upwork_safety.jss._timeline import JSSTimeline
from upwork_safety.jss._top_rated import TopRated, TopRatedWeeks, top_rated, top_rated_weeks
from upwork_safety.jss._what_if import WhatIf, what_if
from upwork_safety.rules import (
    ELIGIBILITY_2023,
    JOB_SIZE_2020,
    LAUNCH_2015,
    NO_FEEDBACK_2020,
    TRENDING_2021,
    Formula,
    JSSRules,
    Rounding,
    WeightTier,
)

#: The rule a history with two contracts of one id breaks, for the CLI's own check of
#: a file (outside __all__).
_UNIQUE_IDS: str = _invariants.UNIQUE_IDS

# Re-bound here (not copied) so that each carries its documentation.

#: The most trials :func:`forecast` runs: a hundred times the 10,000 that
#: already give each score's chance to within a percent.  Memory does not
#: grow with the trials (they are drawn in bounded chunks), but time grows
#: with ``trials × jobs``: at both limits, a minute or two.
MAX_TRIALS = _forecast.MAX_TRIALS
#: The most future jobs :func:`forecast` plays: two years of a job a week
#: and then some, far more than a plan holds (the benchmark plays 20).
MAX_JOBS = _forecast.MAX_JOBS
#: The most points one :func:`timeline` returns: 100,000, a point a day for
#: more than 270 years.  A span and step asking for more is refused before any
#: is computed (each point costs about as much as a small ``score``).
MAX_TIMELINE_POINTS = _model.MAX_TIMELINE_POINTS
#: The longest window a :class:`WindowScore` may have, in months (100 years):
#: the most months a window of a :class:`~upwork_safety.jss.JSSRules` may
#: hold, so every report a rule set gives can be built.  The windows of a
#: :class:`JSSReport` are distinct, so it holds at most this many; the
#: rule sets Upwork announced track at most four (24, 12, 6 and 3 months).
MAX_WINDOW_MONTHS = _tallies.MAX_WINDOW_MONTHS

__all__ = [
    "CURRENT",
    "ELIGIBILITY_2023",
    "HISTORY",
    "JOB_SIZE_2020",
    "LAUNCH_2015",
    "MAX_JOBS",
    "MAX_TIMELINE_POINTS",
    "MAX_TRIALS",
    "MAX_WINDOW_MONTHS",
    "NO_FEEDBACK_2020",
    "TRENDING_2021",
    "ChangeItem",
    "ChangeKind",
    "ExclusionCode",
    "Forecast",
    "ForecastBin",
    "Formula",
    "FutureJob",
    "Impact",
    "JSSChange",
    "JSSPoint",
    "JSSReport",
    "JSSRules",
    "JSSTimeline",
    "Lapse",
    "LapseKind",
    "Outcome",
    "ReasonCode",
    "Rounding",
    "ScoreReason",
    "TopRated",
    "TopRatedWeeks",
    "WeightTier",
    "WhatIf",
    "WindowScore",
    "classify",
    "explain_change",
    "forecast",
    "rule_sources",
    "rules_as_of",
    "score",
    "score_frame",
    "score_many",
    "timeline",
    "top_rated",
    "top_rated_weeks",
    "what_if",
]


def __dir__() -> list[str]:
    """The public names (``__all__``), not the names this module imports (red team r19 L4)."""
    return sorted(__all__)
