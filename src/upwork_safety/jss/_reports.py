"""What scoring returns: each contract's :class:`Impact`, window tallies, reports, timelines.

Every value here is frozen and, like every public value, pickles compactly
through its constructor (the field values in order, no field names), which
matters when millions of reports travel back from worker processes.  Each is
checked by its constructor (and so when it is unpickled, copied or read by
:func:`upwork_safety.serialize.from_dict`): a value that breaks a rule its
docstring states cannot be built.
"""

from __future__ import annotations

import decimal
import enum
from datetime import date
from decimal import Decimal
from typing import cast

import attrs

from upwork_safety import _render
from upwork_safety._pickling import through_init
from upwork_safety._plain import optional_plain_int, optional_plain_text, plain_int, plain_text
from upwork_safety._validate import (
    bool_field,
    date_field,
    id_field,
    items_field,
    member_field,
    text_field,
    text_value,
    to_date,
)
from upwork_safety.errors import InvalidValueError
from upwork_safety.jss._invariants import (
    count_field,
    decimal_field,
    disagree,
    optional_percent_field,
    reasons_field,
    score_field,
    tuple_of,
    unique,
)
from upwork_safety.money import CONTEXT

__all__ = ["Impact", "JSSPoint", "JSSReport", "JSSTimeline", "Outcome", "WindowScore"]


class Outcome(enum.Enum):
    """How one contract counts in the score."""

    #: Counted, and counted as a success.
    POSITIVE = "positive"
    #: Counted in the total, but not as a success (it lowers the share, unless
    #: the rules give neutral outcomes partial credit).
    NEUTRAL = "neutral"
    #: Counted in the total as a failure.
    NEGATIVE = "negative"
    #: Not counted at all.
    EXCLUDED = "excluded"


_ZERO = Decimal(0)
#: How far a whole-percent score may be from the unrounded percentage it
#: was rounded from: under a point from rounding the exact share, plus the
#: half hundredth the percentage itself was rounded by (a whole point at most,
#: as both are in hundredths).
_ROUNDING = Decimal(1)
_HALF_HUNDREDTH = Decimal("0.005")
_HUNDRED = Decimal(100)


def _window_label(months: int) -> str:
    """The name of a window in :attr:`JSSReport.window`, e.g. ``"24 months"``."""
    return f"{months} months"


def _trending_label(long: int, short: int) -> str:
    """The name of the trending score in :attr:`JSSReport.window`."""
    return f"trending ({long}m + {short}m)/2"


def _weighed(outcome: Outcome, weight: Decimal, name: str) -> None:
    """Refuse a *weight* that does not fit *outcome*: 0 exactly when the contract is excluded.

    Every counted contract weighs something (each weight tier, the unpaid
    weight and the cap of :class:`~upwork_safety.jss.JSSRules` are positive).
    """
    if outcome is Outcome.EXCLUDED:
        if weight:
            raise InvalidValueError(
                f"{name} of an excluded contract must be 0, got {weight}",
                field=name,
                rule="0 when excluded",
            )
    elif not weight:
        raise InvalidValueError(
            f"{name} of a counted ({outcome.value}) contract must be more than 0",
            field=name,
            rule="more than 0 when counted",
        )


@through_init
@attrs.frozen
class Impact:
    """How one contract counts, and why.

    Attributes:
        contract_id: The contract's id.
        client_id: Its client's id.
        outcome: The :class:`Outcome`.
        weight: How many jobs it counts as: more than ``0`` when counted,
            ``0`` when excluded.
        reasons: Every decision that led to *outcome* and *weight*, in words
            (at least one).

    Raises:
        InvalidTypeError: A field of the wrong type (*weight* is a ``Decimal``).
        InvalidValueError: An empty id, no reasons, or a weight that is
            negative or does not fit the outcome.
    """

    contract_id: str = attrs.field(converter=plain_text, validator=id_field)
    client_id: str = attrs.field(converter=plain_text, validator=id_field)
    outcome: Outcome = attrs.field(validator=member_field(Outcome))
    weight: Decimal = attrs.field(validator=decimal_field)
    reasons: tuple[str, ...] = attrs.field(converter=tuple_of, validator=reasons_field)

    def __attrs_post_init__(self) -> None:
        _weighed(self.outcome, self.weight, "Impact.weight")


@through_init
@attrs.frozen
class WindowScore:
    """The tallies of one rolling window.

    Attributes:
        months: The window's length (1 or more).
        contracts: Counted contracts inside it.
        clients: Their distinct clients (at least one when there are
            contracts, never more than the contracts).
        successes: The summed weight of positive outcomes.
        negatives: The summed weight of negative outcomes.
        total: The summed weight of every counted outcome:
            ``successes + negatives + neutrals``, more than 0 exactly when
            there are contracts.
        percent: The window's unrounded score in percent (to the hundredth),
            or ``None`` when it has no outcomes or too few clients.  Under
            either formula and any neutral credit it lies between
            ``100 × (successes − negatives) / total`` and
            ``100 × (successes + neutrals) / total`` (give or take the half
            hundredth it is rounded by).
        shown: Whether it competes for the displayed score (eligibility-only
            and trending-only windows do not on their own).
        neutrals: The summed weight of neutral outcomes (they earn
            :attr:`~upwork_safety.jss.JSSRules.neutral_credit` of a success).

    Raises:
        InvalidTypeError: A field of the wrong type (the sums are ``Decimal``).
        InvalidValueError: A count or sum out of range, sums that do not add
            up, or a percent the tallies cannot give.
    """

    months: int = attrs.field(converter=plain_int, validator=count_field(1))
    contracts: int = attrs.field(converter=plain_int, validator=count_field())
    clients: int = attrs.field(converter=plain_int, validator=count_field())
    successes: Decimal = attrs.field(validator=decimal_field)
    negatives: Decimal = attrs.field(validator=decimal_field)
    total: Decimal = attrs.field(validator=decimal_field)
    percent: Decimal | None = attrs.field(validator=optional_percent_field)
    shown: bool = attrs.field(validator=bool_field)
    neutrals: Decimal = attrs.field(default=_ZERO, validator=decimal_field)

    def __attrs_post_init__(self) -> None:
        contracts = self.contracts
        if self.clients > contracts or (contracts > 0) is not (self.clients > 0):
            raise InvalidValueError(
                f"WindowScore.clients must be from 1 to contracts ({contracts}) when the window "
                f"has contracts, 0 when it has none; got {self.clients}",
                field="WindowScore.clients",
                rule="1 to contracts, 0 without contracts",
            )
        parts = CONTEXT.add(CONTEXT.add(self.successes, self.negatives), self.neutrals)
        if parts != self.total:
            raise disagree(
                "WindowScore.total", self.total, "successes + negatives + neutrals", parts
            )
        if (contracts > 0) is not (self.total > 0):
            raise InvalidValueError(
                f"WindowScore.total must be more than 0 exactly when the window has contracts "
                f"({contracts}), got {self.total}",
                field="WindowScore.total",
                rule="more than 0 exactly when there are contracts",
            )
        if self.percent is not None:
            self._check_percent(self.percent)

    def _check_percent(self, percent: Decimal) -> None:
        total, times = self.total, CONTEXT.multiply
        low = times(_HUNDRED, CONTEXT.subtract(self.successes, self.negatives))
        high = times(_HUNDRED, CONTEXT.add(self.successes, self.neutrals))
        if not total or (
            times(CONTEXT.add(percent, _HALF_HUNDREDTH), total) < low
            or times(CONTEXT.subtract(percent, _HALF_HUNDREDTH), total) > high
        ):
            raise InvalidValueError(
                f"WindowScore.percent ({percent}) must lie between 100 × (successes − "
                "negatives) / total and 100 × (successes + neutrals) / total, or be None "
                "without outcomes",
                field="WindowScore.percent",
                rule="within what the tallies give",
            )


def _windows(value: tuple[WindowScore, ...]) -> None:
    """Refuse windows that are not the report's tracked windows: at least one, longest first."""
    if not value:
        raise InvalidValueError(
            "JSSReport.windows must hold at least one window (every rule set has one)",
            field="JSSReport.windows",
            rule="at least one window",
        )
    for index in range(1, len(value)):
        if value[index].months >= value[index - 1].months:
            raise InvalidValueError(
                "JSSReport.windows must be distinct windows, longest first; "
                f"windows[{index}] is {value[index].months} months after "
                f"{value[index - 1].months}",
                field=f"JSSReport.windows[{index}].months",
                rule="distinct windows, longest first",
            )


@through_init
@attrs.frozen(repr=False)
class JSSReport:
    """The score on a day, with every contract's :class:`Impact`.

    Attributes:
        as_of: The day asked about.
        computed_on: The snapshot day the score is computed on (the same as
            *as_of* when scores update daily; never after it).
        rules: The name of the :class:`~upwork_safety.jss.JSSRules` used.
        score: The whole-percent score (0 to 100), or ``None`` when not eligible.
        reason: Why the score is what it is (or why there is none).
        window: The window that gave the displayed score, e.g.
            ``"24 months"`` or ``"trending (6m + 3m)/2"``; ``None`` without a
            score.  The score is that window's percent (or :attr:`trending`),
            rounded to a whole percent.
        windows: Each tracked window's tallies, longest first.  The longest
            holds every counted contract: its tallies are those of the
            impacts that are not excluded.
        trending: The unrounded trending score in percent, if the rules have one.
        impacts: Every contract's :class:`Impact`, in input order (one per
            contract id).

    Raises:
        InvalidTypeError: A field of the wrong type.
        InvalidValueError: A value out of range, or fields that disagree
            (see each attribute); the field is named.
    """

    as_of: date = attrs.field(converter=to_date, validator=date_field)
    computed_on: date = attrs.field(converter=to_date, validator=date_field)
    rules: str = attrs.field(converter=plain_text, validator=text_field)
    score: int | None = attrs.field(converter=optional_plain_int, validator=score_field)
    reason: str = attrs.field(converter=plain_text, validator=id_field)
    window: str | None = attrs.field(
        converter=optional_plain_text, validator=attrs.validators.optional(text_field)
    )
    windows: tuple[WindowScore, ...] = attrs.field(
        converter=tuple_of, validator=items_field(WindowScore)
    )
    trending: Decimal | None = attrs.field(validator=optional_percent_field)
    impacts: tuple[Impact, ...] = attrs.field(converter=tuple_of, validator=items_field(Impact))

    def __attrs_post_init__(self) -> None:
        if self.computed_on > self.as_of:
            raise InvalidValueError(
                f"JSSReport.computed_on ({self.computed_on}) must not be after as_of "
                f"({self.as_of}): a snapshot is taken on or before the day asked about",
                field="JSSReport.computed_on",
                rule="on or before as_of",
            )
        _windows(self.windows)
        unique([i.contract_id for i in self.impacts], "JSSReport.impacts")
        self._check_longest()
        self._check_score()

    def _check_longest(self) -> None:
        """The longest window holds exactly the counted impacts (every window is inside it)."""
        counted = [i for i in self.impacts if i.outcome is not Outcome.EXCLUDED]
        with decimal.localcontext(CONTEXT):  # exact, whatever the caller's context
            sums = {
                outcome: sum([i.weight for i in counted if i.outcome is outcome], _ZERO)
                for outcome in (Outcome.POSITIVE, Outcome.NEGATIVE, Outcome.NEUTRAL)
            }
        longest = self.windows[0]
        found = (
            longest.contracts,
            longest.clients,
            longest.successes,
            longest.negatives,
            longest.neutrals,
        )
        expected = (
            len(counted),
            len({i.client_id for i in counted}),
            sums[Outcome.POSITIVE],
            sums[Outcome.NEGATIVE],
            sums[Outcome.NEUTRAL],
        )
        if found != expected:
            raise InvalidValueError(
                "JSSReport.windows[0], the longest window, must tally the counted impacts "
                "(contracts, clients, successes, negatives, neutrals): got "
                f"{found}, the impacts give {expected}",
                field="JSSReport.windows[0]",
                rule="the tallies of the counted impacts",
            )

    def _check_score(self) -> None:
        """The score and its window go together, and the score is its window's percent rounded."""
        if (self.score is None) is not (self.window is None):
            raise InvalidValueError(
                "JSSReport.window must name the window that gave the score, and be None "
                f"exactly when the score is None; got score {self.score!r} and window "
                f"{self.window!r}",
                field="JSSReport.window",
                rule="None exactly when score is None",
            )
        if self.score is None:
            return
        percents = {_window_label(w.months): w.percent for w in self.windows if w.shown}
        if self.trending is not None:
            # The trending score averages two of the windows that have a percent.
            having = [w.months for w in self.windows if w.percent is not None]
            for long in having:
                for short in having:
                    percents[_trending_label(long, short)] = self.trending
        percent = percents.get(cast("str", self.window))
        if percent is None:
            names = sorted(name for name, value in percents.items() if value is not None)
            raise InvalidValueError(
                f"JSSReport.window ({self.window!r}) must name a shown window with a percent "
                f"(or the trending score), one of {names}",
                field="JSSReport.window",
                rule="a shown window with a percent",
            )
        if CONTEXT.abs(CONTEXT.subtract(Decimal(self.score), percent)) > _ROUNDING:
            raise InvalidValueError(
                f"JSSReport.score ({self.score}) must be the {self.window} window's percent "
                f"({percent}) rounded to a whole percent",
                field="JSSReport.score",
                rule="its window's percent, rounded",
            )

    def __repr__(self) -> str:
        # One line: the impacts (a reason list per contract) run to kilobytes.
        shown = "not eligible" if self.score is None else f"{self.score}% ({self.window})"
        count = len(self.impacts)
        return (
            f"<JSSReport {self.computed_on}: {shown}, {count} "
            f"contract{'' if count == 1 else 's'}, {self.rules}>"
        )

    def impact(self, contract_id: str) -> Impact:
        """Return the :class:`Impact` of the contract with *contract_id*.

        Raises:
            InvalidTypeError: *contract_id* is not a ``str``.
            InvalidValueError: No contract has that id.
        """
        text_value(contract_id, "contract_id")
        for impact in self.impacts:
            if impact.contract_id == contract_id:
                return impact
        raise InvalidValueError(
            f"the report has no contract {contract_id!r}",
            field="contract_id",
            rule="a contract of the report",
        )

    def to_records(self) -> list[dict[str, object]]:
        """One row per contract: id, client, outcome, weight and reasons."""
        return [
            {
                "contract_id": i.contract_id,
                "client_id": i.client_id,
                "outcome": _render.plain(i.outcome),
                "weight": i.weight,
                "reasons": "; ".join(i.reasons),
            }
            for i in self.impacts
        ]

    def _repr_html_(self) -> str:
        shown = "not eligible" if self.score is None else f"{self.score}%"
        caption = f"JSS {shown} as of {self.as_of.isoformat()}: {self.reason}"
        return _render.html_table(self.to_records(), caption=caption)


@through_init
@attrs.frozen
class JSSPoint:
    """The score on one day of a :func:`~upwork_safety.jss.timeline`.

    Attributes:
        on: The day.
        score: The whole-percent score (0 to 100), or ``None`` when not eligible.

    Raises:
        InvalidTypeError: A field of the wrong type.
        InvalidValueError: A score outside 0 to 100.
    """

    on: date = attrs.field(converter=to_date, validator=date_field)
    score: int | None = attrs.field(converter=optional_plain_int, validator=score_field)


class JSSTimeline(list[JSSPoint]):
    """The list of :class:`JSSPoint` that :func:`~upwork_safety.jss.timeline` returns.

    It renders as a table in notebooks.
    """

    def to_records(self) -> list[dict[str, object]]:
        """One row per point: ``on`` and ``score``."""
        return [{"on": p.on, "score": p.score} for p in self]

    def _repr_html_(self) -> str:
        return _render.html_table(
            self.to_records(), caption="JSS timeline", columns=("on", "score")
        )
