"""Why a score is what it is, or would be: :func:`what_if` and :func:`explain_change`."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from upwork_safety import _render
from upwork_safety._validate import utc_day
from upwork_safety.errors import InvalidValueError
from upwork_safety.jss._facts import _build
from upwork_safety.jss._model import _client_ids, _contracts, _report, _rules
from upwork_safety.jss._reports import Impact, JSSReport, Outcome
from upwork_safety.jss._tally import (
    _candidates,
    _contribute,
    _Contribution,
    _cuts,
    _hundredths,
    _Tally,
    _Totals,
)
from upwork_safety.kinds import StrEnum
from upwork_safety.models import Contract
from upwork_safety.money import exact

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date, datetime
    from fractions import Fraction

    from upwork_safety.rules import JSSRules

__all__ = ["ChangeItem", "ChangeKind", "JSSChange", "WhatIf", "explain_change", "what_if"]


@attrs.frozen
class WhatIf:
    """The score before and after adding hypothetical contracts.

    Attributes:
        before: The score without them (``None`` when not eligible).
        after: The score with them.
        delta: ``after - before``, or ``None`` when either is ``None``.
        reason: Why the score after is what it is; when an added contract
            does not count (e.g. it ended without feedback), the reason
            says so, since a ``delta`` of 0 alone would not.
        added: How each added contract counts, and why: its
            :class:`Impact` in the score after (left out of the repr).
    """

    before: int | None
    after: int | None
    delta: int | None
    reason: str
    added: tuple[Impact, ...] = attrs.field(default=(), repr=False)

    def to_records(self) -> list[dict[str, object]]:
        """One row: before, after, delta and reason (each added contract is in :attr:`added`)."""
        return [attrs.asdict(self, filter=lambda a, _: a.name != "added")]

    def _repr_html_(self) -> str:
        return _render.html_table(self.to_records(), caption="JSS what-if")


class ChangeKind(StrEnum):
    """How a contract's standing changed between two days (:attr:`ChangeItem.change`).

    Members equal their text, so ``item.change == "left"`` keeps working.
    """

    #: Counted now, not before.
    ENTERED = "entered"
    #: Counted before, not now (e.g. it left the window).
    LEFT = "left"
    #: Counted both times, differently.
    CHANGED = "changed"


@attrs.frozen
class ChangeItem:
    """One contract whose standing changed between two dates.

    Attributes:
        contract_id: The contract.
        change: A :class:`ChangeKind`: entered, left (e.g. it left the
            window) or changed.
        before: Its outcome at the earlier date.
        after: Its outcome at the later date.
        weight_before: Its weight at the earlier date.
        weight_after: Its weight at the later date.
        points: How many percentage points (unrounded, to the hundredth) it
            moved the score, applied in list order; ``None`` when a step has
            no score to compare.
        reasons: Why it counts as it does at the later date.
    """

    contract_id: str
    change: ChangeKind
    before: Outcome
    after: Outcome
    weight_before: Decimal
    weight_after: Decimal
    points: Decimal | None
    reasons: tuple[str, ...]


@attrs.frozen
class JSSChange:
    """Why the score moved between two dates.

    Attributes:
        before: The report at the earlier date.
        after: The report at the later date.
        delta: ``after.score - before.score``, or ``None``.
        changes: Every contract that entered, left or changed.
    """

    before: JSSReport
    after: JSSReport
    delta: int | None
    changes: tuple[ChangeItem, ...]

    def to_records(self) -> list[dict[str, object]]:
        """One row per changed contract."""
        return [
            {
                "contract_id": c.contract_id,
                "change": str(c.change),
                "before": _render.plain(c.before),
                "after": _render.plain(c.after),
                "weight_before": c.weight_before,
                "weight_after": c.weight_after,
                "points": c.points,
                "reasons": "; ".join(c.reasons),
            }
            for c in self.changes
        ]

    def _repr_html_(self) -> str:
        caption = (
            f"JSS {self.before.score} on {self.before.as_of.isoformat()} → "
            f"{self.after.score} on {self.after.as_of.isoformat()}"
        )
        return _render.html_table(self.to_records(), caption=caption)


@exact
def what_if(
    contracts: Iterable[Contract],
    extra: Contract | Iterable[Contract],
    *,
    as_of: date | datetime,
    rules: JSSRules | None = None,
    exclude_clients: Iterable[str] = (),
) -> WhatIf:
    """Compare the score with and without hypothetical contracts.

    Args:
        contracts: The real history.
        extra: One contract or several to add.
        as_of: The day.
        rules: The rule set; default the one in force on *as_of*.
        exclude_clients: Client ids to leave out.

    Returns:
        A :class:`WhatIf` with ``before``, ``after``, ``delta`` and how
        each added contract counts (``added``).

    Raises:
        InvalidTypeError: *contracts* or *extra* is not a contract or a
            sequence of them.
        InvalidValueError: A naive datetime, or an extra contract whose id
            is already in *contracts*.
    """
    day = utc_day(as_of, "as_of")
    items = _contracts(contracts)
    added = _contracts((extra,) if isinstance(extra, Contract) else extra, "extra")
    chosen = _rules(rules, day)
    excluded = _client_ids(exclude_clients)
    before = _report(items, day, chosen, excluded)
    after = _report(_contracts((*items, *added)), day, chosen, excluded)
    delta = None
    if before.score is not None and after.score is not None:
        delta = after.score - before.score
    # The report keeps its contracts' impacts in input order: the added ones are last.
    impacts = after.impacts[len(after.impacts) - len(added) :]
    reason = after.reason
    for impact in impacts:
        if impact.outcome is Outcome.EXCLUDED:
            why = impact.reasons[-1] if impact.reasons else "excluded"
            reason += f"; the added contract {impact.contract_id!r} does not count: {why}"
    return WhatIf(before.score, after.score, delta, reason, added=impacts)


def _raw(tally: _Totals, rules: JSSRules) -> Fraction | None:
    found = _candidates(tally, rules)
    return max(share for _, share in found) if found else None


def _left_windows(
    rules: JSSRules, old: _Contribution | None, new: _Contribution | None
) -> tuple[str, ...]:
    """Say which windows a contract counted both times has left, if any."""
    if old is None or new is None or old[3] == new[3]:
        return ()
    tracked = rules.tracked_months
    windows = [
        f"{months}-month"
        for months, was, now in zip(
            tracked, old[3][: len(tracked)], new[3][: len(tracked)], strict=True
        )
        if was and not now
    ]
    return (f"left the {', '.join(windows)} window",) if windows else ()


def _counted(contribution: _Contribution | None) -> bool:
    return contribution is not None and contribution[0] is not Outcome.EXCLUDED


def _kind(old: _Contribution | None, new: _Contribution | None) -> ChangeKind:
    if not _counted(old):
        return ChangeKind.ENTERED
    return ChangeKind.CHANGED if _counted(new) else ChangeKind.LEFT


@exact
def explain_change(  # noqa: C901  (one pass over the contracts, each step commented)
    contracts: Iterable[Contract],
    before: date | datetime,
    after: date | datetime,
    *,
    rules: JSSRules | None = None,
    exclude_clients: Iterable[str] = (),
) -> JSSChange:
    """Say which contracts moved the score between two days, and by how much.

    Both days are judged with one rule set (*rules*, or the rules in force
    on *after*), so every point of difference comes from the contracts.
    The contracts' changes are applied one by one in input order; each
    item's ``points`` is the exact (unrounded) move of the displayed
    percentage when it is applied.

    Args:
        contracts: The freelancer's contracts.
        before: The earlier day.
        after: The later day.
        rules: The rule set; default the one in force on *after*.
        exclude_clients: Client ids to leave out.

    Returns:
        A :class:`JSSChange`.

    Raises:
        InvalidValueError: *after* is before *before*, or a naive datetime.
    """
    first = utc_day(before, "before")
    second = utc_day(after, "after")
    if second < first:
        raise InvalidValueError(
            f"after ({second}) must not be before before ({first})",
            field="after",
            rule="not before 'before'",
        )
    items = _contracts(contracts)
    chosen = _rules(rules, second)
    excluded = _client_ids(exclude_clients)
    report_before = _report(items, first, chosen, excluded)
    report_after = _report(items, second, chosen, excluded)
    facts = _build(items, chosen, excluded)
    on_before, on_after = chosen.snapshot(first), chosen.snapshot(second)
    cuts_before, cuts_after = _cuts(on_before, chosen), _cuts(on_after, chosen)
    tally = _Tally(len(cuts_before))
    olds = [_contribute(f, on_before, chosen, cuts_before) for f in facts]
    for old in olds:
        if old is not None:
            tally.add(old, 1)
    changes: list[ChangeItem] = []
    for index, item in enumerate(facts):
        old = olds[index]
        new = _contribute(item, on_after, chosen, cuts_after)
        if old == new:
            continue
        start = _raw(tally, chosen)
        if old is not None:
            tally.add(old, -1)
        if new is not None:
            tally.add(new, 1)
        finish = _raw(tally, chosen)
        was, now = report_before.impacts[index], report_after.impacts[index]
        if was.outcome is Outcome.EXCLUDED and now.outcome is Outcome.EXCLUDED:
            continue  # only its standing toward lifetime eligibility moved
        moved = None
        if start is not None and finish is not None:
            moved = _hundredths(finish) - _hundredths(start)
        kind = _kind(old, new)
        left = _left_windows(chosen, old, new) if kind is ChangeKind.CHANGED else ()
        reasons = left + now.reasons
        changes.append(
            ChangeItem(
                contract_id=item.contract_id,
                change=kind,
                before=was.outcome,
                after=now.outcome,
                weight_before=was.weight,
                weight_after=now.weight,
                points=moved,
                reasons=reasons,
            )
        )
    delta = None
    if report_before.score is not None and report_after.score is not None:
        delta = report_after.score - report_before.score
    return JSSChange(report_before, report_after, delta, tuple(changes))
