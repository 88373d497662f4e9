"""Why a score moved between two days: :func:`explain_change`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import (
    TYPE_CHECKING,
    Any,  # noqa: F401  (the hints of attrs __init__ name converters' Any)
)

import attrs

from upwork_safety import _render
from upwork_safety._display import NAME_LIMIT, shown
from upwork_safety._moments import utc_day
from upwork_safety._pickling import through_init
from upwork_safety._plain import optional_plain_int
from upwork_safety._validate import (
    as_tuple,
    instance_field,
    items_field,
)
from upwork_safety.errors import InvalidValueError
from upwork_safety.jss._change_item import ChangeItem, ChangeKind, change_of
from upwork_safety.jss._exclusion import ExclusionCode
from upwork_safety.jss._facts import _build
from upwork_safety.jss._invariants import (
    delta_field,
    disagree,
)
from upwork_safety.jss._model import _client_ids, _contracts, _report, _rules
from upwork_safety.jss._reason_codes import (
    ReasonCode,
    Said,
)
from upwork_safety.jss._reports import JSSReport
from upwork_safety.jss._tally import (
    _candidates,
    _contribute,
    _Contribution,
    _cuts,
    _eligibility,
    _hundredths,
    _Tally,
    _Totals,
)
from upwork_safety.models import Contract
from upwork_safety.money import exact
from upwork_safety.rules import JSSRules, RuleHistory

if TYPE_CHECKING:
    from fractions import Fraction

    from upwork_safety.jss._facts import _Facts

__all__ = ["ChangeItem", "ChangeKind", "JSSChange", "explain_change"]


def _difference(before: int | None, after: int | None) -> int | None:
    """``after - before``, or ``None`` when either score is ``None`` (every ``delta`` here)."""
    return None if before is None or after is None else after - before


#: The rule of every ``delta``, in words.
_DELTA_RULE = "after - before, or None when either is None"


@through_init
@attrs.frozen
class JSSChange:
    """Why the score moved between two dates.

    Attributes:
        before: The report at the earlier date.
        after: The report at the later date: the same contracts in the same
            order, under the same rules, on the same day or later.
        delta: ``after.score - before.score``, or ``None`` when either is ``None``.
        changes: Every contract that entered, left or changed, in the
            reports' order, each with the outcomes and weights the two
            reports give it (a contract whose outcome or weight differs
            between them is listed; one counted both times alike may be
            listed when it left a window).
        shown_before: When the rules in force on the earlier day are not
            the rules both reports use (a rule set came into force between
            the days, and no single rule set was asked for), the report
            under the rules in force then: the score shown on that day.
            ``None`` otherwise.  Its day and contracts are *before*'s, its
            rules not (:attr:`rules_points`: what the rules account for).

    Raises:
        InvalidTypeError: A field of the wrong type.
        InvalidValueError: Reports that do not match, a *delta* that is not
            their difference, changes that disagree with the reports, or a
            *shown_before* of another day or other contracts.
    """

    before: JSSReport = attrs.field(validator=instance_field(JSSReport))
    after: JSSReport = attrs.field(validator=instance_field(JSSReport))
    delta: int | None = attrs.field(converter=optional_plain_int, validator=delta_field)
    changes: tuple[ChangeItem, ...] = attrs.field(
        converter=as_tuple, validator=items_field(ChangeItem)
    )
    shown_before: JSSReport | None = attrs.field(
        default=None, validator=attrs.validators.optional(instance_field(JSSReport))
    )

    @property
    def rules_points(self) -> int | None:
        """``before.score - shown_before.score``: the points the change of rules accounts for.

        With :attr:`delta` (the contracts'), the move between the scores
        shown on the two days; ``None`` without :attr:`shown_before` or a score.
        """
        if self.shown_before is None:
            return None
        return _difference(self.shown_before.score, self.before.score)

    def __attrs_post_init__(self) -> None:
        self._check_shown_before()
        before, after = self.before, self.after
        if after.as_of < before.as_of or after.rules != before.rules:
            raise InvalidValueError(
                f"JSSChange.after must be a report on the same day as before or later "
                f"({after.as_of} against {before.as_of}) under the same rules "
                f"({shown(after.rules, NAME_LIMIT)} against {shown(before.rules, NAME_LIMIT)})",
                field="JSSChange.after",
                rule="the same rules, not before before",
            )
        if [i.contract_id for i in after.impacts] != [i.contract_id for i in before.impacts]:
            raise InvalidValueError(
                "JSSChange.after must report the same contracts as before, in the same order",
                field="JSSChange.after.impacts",
                rule="the contracts of before",
            )
        expected = _difference(before.score, after.score)
        if self.delta != expected:
            raise disagree("JSSChange.delta", self.delta, _DELTA_RULE, expected)
        self._check_changes()

    def _check_shown_before(self) -> None:
        """*shown_before* is *before*'s day and contracts."""
        shown_before, before = self.shown_before, self.before
        if shown_before is None:
            return
        # Its rules are not compared: a report names its rules by a label, and two
        # what-if rule sets that move the same fields share one (diff review r42, 2).
        if shown_before.as_of != before.as_of or [i.contract_id for i in shown_before.impacts] != [
            i.contract_id for i in before.impacts
        ]:
            raise InvalidValueError(
                "JSSChange.shown_before must be a report of before's day and contracts",
                field="JSSChange.shown_before",
                rule="before's day and contracts",
            )

    def _check_changes(self) -> None:
        """Each change is a contract of the reports, in order, as they judge it; none is missing."""
        olds, news = self.before.impacts, self.after.impacts
        position = {impact.contract_id: index for index, impact in enumerate(olds)}
        listed: set[int] = set()
        last = -1
        for number, item in enumerate(self.changes):
            name = f"JSSChange.changes[{number}]"
            index = position.get(item.contract_id, -1)
            if index <= last:
                raise InvalidValueError(
                    f"{name} ({shown(item.contract_id)}) must be a contract of the reports, listed "
                    "once, in the reports' order",
                    field=f"{name}.contract_id",
                    rule="a contract of the reports, in their order",
                )
            was, now = olds[index], news[index]
            if (
                item.before,
                item.weight_before,
                item.exclusion_before,
                item.after,
                item.weight_after,
                item.exclusion_after,
            ) != (was.outcome, was.weight, was.exclusion, now.outcome, now.weight, now.exclusion):
                raise InvalidValueError(
                    f"{name} must carry the outcomes, weights and exclusion codes the reports "
                    f"give {shown(item.contract_id)}",
                    field=name,
                    rule="the reports' outcomes, weights and exclusions",
                )
            listed.add(index)
            last = index
        for index, (was, now) in enumerate(zip(olds, news, strict=True)):
            if index not in listed and (was.outcome, was.weight) != (now.outcome, now.weight):
                raise InvalidValueError(
                    f"JSSChange.changes must list {shown(was.contract_id)}: its outcome or weight "
                    "differs between the reports",
                    field="JSSChange.changes",
                    rule="every contract that entered, left or changed",
                )

    def to_records(self) -> list[dict[str, object]]:
        """One row per changed contract.

        ``exclusion_before`` and ``exclusion_after`` are the
        :class:`ExclusionCode` texts (``None`` on a day it counts); ``codes``
        the reasons' :class:`ReasonCode` texts joined by ``"; "`` as
        ``reasons`` is.
        """
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
                "exclusion_before": _code(c.exclusion_before),
                "exclusion_after": _code(c.exclusion_after),
                "codes": "; ".join(code.value for code in c.codes),
            }
            for c in self.changes
        ]

    def _repr_html_(self) -> str:
        caption = (
            f"JSS {self.before.score} on {self.before.as_of.isoformat()} → "
            f"{self.after.score} on {self.after.as_of.isoformat()}"
        )
        return _render.html_table(self.to_records(), caption=caption)


def _code(code: ExclusionCode | None) -> str | None:
    """An exclusion code's text for a row, ``None`` for none."""
    return None if code is None else code.value


def _raw(tally: _Totals, rules: JSSRules) -> Fraction | None:
    """The displayed share of *tally*, or ``None`` when it gives no score (not eligible)."""
    if _eligibility(tally, rules) is not None:
        return None
    found = _candidates(tally, rules)
    return max(share for _, share in found) if found else None


def _eligibility_moved(barred_before: str | None, barred_after: str | None) -> tuple[Said, ...]:
    """Say when a step took the score away or gave it back (its ``points`` is then ``None``)."""
    if barred_after is not None and barred_before is None:
        return ((ReasonCode.SCORE_LOST, f"with this change there is no score: {barred_after}"),)
    if barred_before is not None and barred_after is None:
        return ((ReasonCode.SCORE_GAINED, "with this change the eligibility rules are met"),)
    return ()


def _left_windows(
    rules: JSSRules, old: _Contribution | None, new: _Contribution | None
) -> tuple[Said, ...]:
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
    return ((ReasonCode.LEFT_WINDOWS, f"left the {', '.join(windows)} window"),) if windows else ()


def _applied_order(
    item: _Facts, old: _Contribution | None, new: _Contribution | None
) -> tuple[int, date, str]:
    """Where a moving contract's change is applied in :func:`explain_change`.

    Taken from the contract's own facts, never from its place in the list,
    so no contract's ``points`` depend on the order the contracts are given
    in: contracts leaving the tally first, then those counted both times,
    then those entering; within each, by end day (start day while open),
    then by id, compared as Python compares ``str``.
    """
    rank = 0 if new is None else 1 if old is not None else 2
    return (rank, item.ended or item.started, item.contract_id)


@exact
def explain_change(
    contracts: Iterable[Contract],
    before: date | datetime,
    after: date | datetime,
    *,
    rules: JSSRules | RuleHistory[JSSRules] | None = None,
    exclude_clients: Iterable[str] = (),
) -> JSSChange:
    """Say which contracts moved the score between two days, and by how much.

    Both days are judged with one rule set (*rules*, or the rules in force
    on *after*), so every point of difference comes from the contracts.
    When the rules in force on *before* differ (and *rules* is not one rule
    set), the result's :attr:`~JSSChange.shown_before` is the report under
    them, the score shown that day, and
    :attr:`~JSSChange.rules_points` what the change of rules accounts for.
    The contracts' changes are applied one by one in an order taken from
    the contracts themselves, never from the list's order: contracts
    leaving the score first, then contracts counted both times, then
    contracts entering; within each, by end day (start day while still
    open), then by id. Each item's ``points`` is the exact (unrounded) move
    of the displayed percentage when it is applied, so no contract's points
    depend on the order the contracts are given in. The items are listed in
    the order given.

    Args:
        contracts: The freelancer's contracts.
        before: The earlier day.
        after: The later day.
        rules: The rule set; default the one in force on *after*.
        exclude_clients: Client ids to leave out, each the client of a
            contract in *contracts* (else refused: ``InvalidValueError``,
            field ``exclude_clients[i]``).

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
    chosen = _rules(rules, second, "after")
    excluded = _client_ids(exclude_clients, items)
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
    news = [_contribute(f, on_after, chosen, cuts_after) for f in facts]
    moving = sorted(
        (index for index in range(len(facts)) if olds[index] != news[index]),
        key=lambda index: _applied_order(facts[index], olds[index], news[index]),
    )
    found: dict[int, ChangeItem] = {}
    for index in moving:
        item, old, new = facts[index], olds[index], news[index]
        start = _raw(tally, chosen)
        barred_before = _eligibility(tally, chosen)
        if old is not None:
            tally.add(old, -1)
        if new is not None:
            tally.add(new, 1)
        finish = _raw(tally, chosen)
        barred_after = _eligibility(tally, chosen)
        was, now = report_before.impacts[index], report_after.impacts[index]
        kind = change_of(was.outcome, now.outcome)
        if kind is None:
            continue  # excluded both times: only its standing toward lifetime eligibility moved
        moved = None
        if start is not None and finish is not None:
            moved = _hundredths(finish) - _hundredths(start)
        left = _left_windows(chosen, old, new) if kind is ChangeKind.CHANGED else ()
        said = left + _eligibility_moved(barred_before, barred_after)
        found[index] = ChangeItem(
            contract_id=item.contract_id,
            change=kind,
            before=was.outcome,
            after=now.outcome,
            weight_before=was.weight,
            weight_after=now.weight,
            points=moved,
            reasons=tuple(text for _, text in said) + now.reasons,
            exclusion_before=was.exclusion,
            exclusion_after=now.exclusion,
            codes=tuple(code for code, _ in said) + now.codes,
        )
    changes = [found[index] for index in sorted(found)]
    delta = _difference(report_before.score, report_after.score)
    in_force = chosen if isinstance(rules, JSSRules) else _rules(rules, first, "before")
    # The rule sets themselves: two what-ifs moving the same fields share a label.
    same = in_force == chosen
    shown_before = None if same else _report(items, first, in_force, excluded)
    return JSSChange(report_before, report_after, delta, tuple(changes), shown_before)
