"""What scoring returns: each contract's :class:`Impact`, window tallies, reports, timelines.

Every value here is frozen and pickles compactly: ``__reduce__`` sends the
field values in order (no field names), which matters when millions of
reports travel back from worker processes.
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

import attrs

from upwork_safety import _render
from upwork_safety.errors import InvalidValueError

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


def _fields(value: object) -> tuple[object, ...]:
    return tuple(getattr(value, a.name) for a in attrs.fields(type(value)))  # type: ignore[arg-type]


@attrs.frozen
class Impact:
    """How one contract counts, and why.

    Attributes:
        contract_id: The contract's id.
        client_id: Its client's id.
        outcome: The :class:`Outcome`.
        weight: How many jobs it counts as (``0`` when excluded).
        reasons: Every decision that led to *outcome* and *weight*, in words.
    """

    contract_id: str
    client_id: str
    outcome: Outcome
    weight: Decimal
    reasons: tuple[str, ...]

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), _fields(self))


@attrs.frozen
class WindowScore:
    """The tallies of one rolling window.

    Attributes:
        months: The window's length.
        contracts: Counted contracts inside it.
        clients: Their distinct clients.
        successes: The summed weight of positive outcomes.
        negatives: The summed weight of negative outcomes.
        total: The summed weight of every counted outcome.
        percent: The window's unrounded score in percent (to the hundredth),
            or ``None`` when it has no outcomes or too few clients.
        shown: Whether it competes for the displayed score (eligibility-only
            and trending-only windows do not on their own).
        neutrals: The summed weight of neutral outcomes (they earn
            :attr:`~upwork_safety.jss.JSSRules.neutral_credit` of a success).
    """

    months: int
    contracts: int
    clients: int
    successes: Decimal
    negatives: Decimal
    total: Decimal
    percent: Decimal | None
    shown: bool
    neutrals: Decimal = Decimal(0)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), _fields(self))


@attrs.frozen(repr=False)
class JSSReport:
    """The score on a day, with every contract's :class:`Impact`.

    Attributes:
        as_of: The day asked about.
        computed_on: The snapshot day the score is computed on (the same as
            *as_of* when scores update daily).
        rules: The name of the :class:`~upwork_safety.jss.JSSRules` used.
        score: The whole-percent score, or ``None`` when not eligible.
        reason: Why the score is what it is (or why there is none).
        window: The window that gave the displayed score, e.g.
            ``"24 months"`` or ``"trending (6m + 3m)/2"``; ``None`` without a score.
        windows: Each tracked window's tallies, longest first.
        trending: The unrounded trending score in percent, if the rules have one.
        impacts: Every contract's :class:`Impact`, in input order.
    """

    as_of: date
    computed_on: date
    rules: str
    score: int | None
    reason: str
    window: str | None
    windows: tuple[WindowScore, ...]
    trending: Decimal | None
    impacts: tuple[Impact, ...]

    def __repr__(self) -> str:
        # One line: the impacts (a reason list per contract) run to kilobytes.
        shown = "not eligible" if self.score is None else f"{self.score}% ({self.window})"
        count = len(self.impacts)
        return (
            f"<JSSReport {self.computed_on}: {shown}, {count} "
            f"contract{'' if count == 1 else 's'}, {self.rules}>"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), _fields(self))

    def impact(self, contract_id: str) -> Impact:
        """Return the :class:`Impact` of the contract with *contract_id*.

        Raises:
            InvalidValueError: No contract has that id.
        """
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


@attrs.frozen
class JSSPoint:
    """The score on one day of a :func:`~upwork_safety.jss.timeline`.

    Attributes:
        on: The day.
        score: The whole-percent score, or ``None`` when not eligible.
    """

    on: date
    score: int | None

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.on, self.score))


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
