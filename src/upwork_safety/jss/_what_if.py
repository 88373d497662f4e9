"""What a score would be: :func:`what_if` and the :class:`WhatIf` it gives."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import (
    Any,  # noqa: F401  (the hints of attrs __init__ name converters' Any)
)

import attrs

from upwork_safety import _render
from upwork_safety._display import shown
from upwork_safety._moments import utc_day
from upwork_safety._pickling import through_init
from upwork_safety._plain import optional_plain_int, plain_text
from upwork_safety._validate import (
    as_tuple,
    items_field,
    shown_text_field,
)
from upwork_safety.errors import InvalidValueError
from upwork_safety.jss._explain import _DELTA_RULE, _difference
from upwork_safety.jss._facts import _build, paid_at, paid_at_each
from upwork_safety.jss._invariants import (
    delta_field,
    disagree,
    score_field,
    unique,
)
from upwork_safety.jss._judge import _after_the_day
from upwork_safety.jss._model import _client_ids, _contracts, _report, _rules
from upwork_safety.jss._outcome import Outcome
from upwork_safety.jss._reason_codes import (
    WHAT_IF_NOTES,
    ScoreReason,
    match_score_reason,
    score_codes_field,
    score_codes_of_text,
)
from upwork_safety.jss._reports import JSSReport
from upwork_safety.jss._tallies import Impact
from upwork_safety.models import Contract
from upwork_safety.money import exact
from upwork_safety.rules import JSSRules, RuleHistory

__all__ = ["WhatIf", "what_if"]


@through_init
@attrs.frozen
class WhatIf:
    """The score before and after adding hypothetical contracts.

    Attributes:
        before: The score without them (0 to 100, ``None`` when not eligible).
        after: The score with them.
        delta: ``after - before``, or ``None`` when either is ``None``.
        reason: Why the score after is what it is; when an added contract
            does not count (e.g. it ended without feedback), the reason
            says so, since a ``delta`` of 0 alone would not.
        reason_codes: What *reason* says, as :class:`ScoreReason` codes:
            first the score after's own (its report's
            :attr:`~JSSReport.reason_codes`), then one code for each kind of
            note the reason adds (a contract that does not count, windows
            opened, other contracts moved...), each once.
        added: How each added contract counts, and why: its
            :class:`Impact` in the score after (left out of the repr; one
            per contract id).
        changed: How each changed contract (``what_if(replace=...)``)
            counts in the score after, the same way; no contract is both
            added and changed.

    Raises:
        InvalidTypeError: A field of the wrong type.
        InvalidValueError: A score out of range, a *delta* that is not
            ``after - before``, an empty reason, or a contract added twice;
            reason codes that do not fit *after* (``scored`` first exactly
            when it is a score) or a note twice.
    """

    before: int | None = attrs.field(converter=optional_plain_int, validator=score_field)
    after: int | None = attrs.field(converter=optional_plain_int, validator=score_field)
    delta: int | None = attrs.field(converter=optional_plain_int, validator=delta_field)
    reason: str = attrs.field(converter=plain_text, validator=shown_text_field)
    added: tuple[Impact, ...] = attrs.field(
        default=(), converter=as_tuple, validator=items_field(Impact), repr=False
    )
    changed: tuple[Impact, ...] = attrs.field(
        default=(), converter=as_tuple, validator=items_field(Impact), repr=False
    )
    reason_codes: tuple[ScoreReason, ...] = attrs.field(
        default=(), converter=score_codes_of_text, validator=score_codes_field, repr=False
    )

    def __attrs_post_init__(self) -> None:
        expected = _difference(self.before, self.after)
        if self.delta != expected:
            raise disagree("WhatIf.delta", self.delta, _DELTA_RULE, expected)
        added = [impact.contract_id for impact in self.added]
        unique(added, "WhatIf.added")
        unique(
            [impact.contract_id for impact in self.changed],
            "WhatIf.changed",
            beside=added,
            within="WhatIf.added",
        )
        match_score_reason(
            self.reason_codes,
            scored=self.after is not None,
            empty=False,
            name="WhatIf",
            notes=WHAT_IF_NOTES,
        )

    def to_records(self) -> list[dict[str, object]]:
        """One row: before, after, delta, reason and reason codes (contracts: added, changed).

        ``reason_codes`` is the codes' texts joined by ``"; "``.
        """
        return [
            {
                "before": self.before,
                "after": self.after,
                "delta": self.delta,
                "reason": self.reason,
                "reason_codes": "; ".join(code.value for code in self.reason_codes),
            }
        ]

    def _repr_html_(self) -> str:
        return _render.html_table(self.to_records(), caption="JSS what-if")


@exact
def what_if(
    contracts: Iterable[Contract],
    extra: Contract | Iterable[Contract] = (),
    *,
    as_of: date | datetime,
    rules: JSSRules | RuleHistory[JSSRules] | None = None,
    exclude_clients: Iterable[str] = (),
    replace: Contract | Iterable[Contract] = (),
) -> WhatIf:
    """Compare the score with and without hypothetical contracts, or changed ones.

    Args:
        contracts: The real history.
        extra: One contract or several to add.
        as_of: The day.
        rules: The rule set; default the one in force on *as_of*.
        exclude_clients: Client ids to leave out, each the client of a
            contract in *contracts*, *extra* or *replace* (else refused:
            ``InvalidValueError``, field ``exclude_clients[i]``).
        replace: One contract or several, each the changed version of a
            contract in *contracts* with its id ("my open contract ends
            with three stars"): the score after has it in that one's place.

    Returns:
        A :class:`WhatIf` with ``before``, ``after``, ``delta``, how each
        added contract counts (``added``) and each changed one (``changed``).

    Raises:
        InvalidTypeError: *contracts*, *extra* or *replace* is not a
            contract or a sequence of them.
        InvalidValueError: A naive datetime; an extra contract whose id is
            already in *contracts* or earlier in *extra* (the field names
            it where it was passed, e.g. ``extra[0].id``); a changed one
            whose id no contract in *contracts* has, or given twice; or
            neither *extra* nor *replace*.
    """
    day = utc_day(as_of, "as_of")
    items = _contracts(contracts)
    # An id already in *contracts* is named where the caller wrote it: extra[i].id.
    added = _contracts((extra,) if isinstance(extra, Contract) else extra, "extra", beside=items)
    changed = _contracts((replace,) if isinstance(replace, Contract) else replace, "replace")
    after_items = _replaced(items, changed)
    if not added and not changed:
        raise InvalidValueError(
            "what_if needs a contract to add (extra) or the changed version of one you have "
            "(replace=)",
            field="extra",
            rule="extra or replace",
        )
    chosen = _rules(rules, day)
    excluded = _client_ids(
        exclude_clients, (*items, *added, *changed), "contracts, extra or replace"
    )
    before = _report(items, day, chosen, excluded)
    # A contract paid in another currency is named where the caller passed it.
    replaced_by = {contract.id: index for index, contract in enumerate(changed)}
    where = [
        paid_at(f"replace[{replaced_by[c.id]}]" if c.id in replaced_by else f"contracts[{i}]")
        for i, c in enumerate(after_items)
    ]
    after = _report(
        (*after_items, *added), day, chosen, excluded, [*where, *paid_at_each("extra", len(added))]
    )
    delta = _difference(before.score, after.score)
    # The report keeps its contracts' impacts in input order: the added ones are last.
    impacts = after.impacts[len(after.impacts) - len(added) :]
    position = {contract.id: index for index, contract in enumerate(after_items)}
    changes = tuple(after.impacts[position[contract.id]] for contract in changed)
    codes = list(after.reason_codes)
    ahead = _after_the_day_said(added, changed, day, chosen, excluded)
    reason = after.reason + ahead
    if ahead:
        codes.append(ScoreReason.RECORDED_AFTER_THE_DAY)
    left_out = [
        (what, impact)
        for what, group in (("added", impacts), ("changed", changes))
        for impact in group
        if impact.outcome is Outcome.EXCLUDED
    ]
    for what, impact in left_out[:5]:  # the first few, with a count: a reason stays short
        why = impact.reasons[-1] if impact.reasons else "excluded"
        reason += (
            f"; the {what} contract {shown(impact.contract_id)} does not count in the score: {why}"
        )
    if len(left_out) > 5:
        reason += f"; and {len(left_out) - 5} more such contracts do not count in the score"
    if left_out:
        codes.append(ScoreReason.NOT_COUNTED)
    source = " and ".join(what for what, group in (("added", added), ("changed", changed)) if group)
    for note, code in (
        (_windows_opened(before, after, chosen, source), ScoreReason.WINDOWS_OPENED),
        (_counted_anew(before, after, {c.id for c in changed}, source), ScoreReason.OTHERS_MOVED),
    ):
        if note:
            reason += note
            codes.append(code)
    return WhatIf(
        before.score,
        after.score,
        delta,
        reason,
        added=impacts,
        changed=changes,
        reason_codes=tuple(codes),
    )


def _after_the_day_said(
    added: tuple[Contract, ...],
    changed: tuple[Contract, ...],
    day: date,
    rules: JSSRules,
    excluded: frozenset[str],
) -> str:
    """Say from when each added or changed contract's end or payments after *day* count.

    The same sentence as the contract's first reason (newcomer r39 5): a
    finished version of an open contract asked about today counts as open.
    """
    on = rules.snapshot(day)
    said = [
        (what, facts.contract_id, ahead)
        for what, group in (("added", added), ("changed", changed))
        for facts in _build(group, rules, excluded, words=False)
        if (ahead := _after_the_day(facts, on))
    ]
    text = "".join(
        f"; the {what} contract {shown(contract_id)} {ahead}"
        for what, contract_id, ahead in said[:5]
    )
    if len(said) > 5:
        text += f"; and {len(said) - 5} more such contracts end or are paid after {on}"
    return text


def _replaced(items: tuple[Contract, ...], changed: tuple[Contract, ...]) -> tuple[Contract, ...]:
    """*items* with each of *changed* in the place of the contract with its id."""
    position = {contract.id: index for index, contract in enumerate(items)}
    after = list(items)
    for index, contract in enumerate(changed):
        where = position.get(contract.id)
        if where is None:
            raise InvalidValueError(
                f"replace[{index}] has id {shown(contract.id)}, which no contract in "
                "contracts has: replace takes the changed version of a contract you have; "
                "add a new one with extra",
                field=f"replace[{index}].id",
                rule="the id of a contract in contracts",
            )
        after[where] = contract
    return tuple(after)


def _counted_anew(before: JSSReport, after: JSSReport, replaced: set[str], source: str) -> str:
    """Name the other contracts the added or changed ones moved (a rehire, an earlier window).

    A contract for a client already in the history makes that client's
    other contracts rehires, so the score can move through them, whatever
    the added contract's own outcome.  The *replaced* contracts themselves
    are said in ``WhatIf.changed``, not here (newcomer r16: a replaced
    contract was listed as moved by "the added contracts", though none was
    added); *source* names what moved them ("added", "changed", or both).
    """
    changed = [
        (was, now)
        for was, now in zip(before.impacts, after.impacts, strict=False)
        if (was.outcome, was.weight) != (now.outcome, now.weight)
        and now.contract_id not in replaced
    ]
    if not changed:
        return ""
    listed = ", ".join(
        f"{shown(now.contract_id)} {was.outcome.name} {was.weight} → {now.outcome.name} "
        f"{now.weight}"
        for was, now in changed[:5]
    )
    more = f" and {len(changed) - 5} more" if len(changed) > 5 else ""
    return (
        f"; the {source} contracts change how {len(changed)} existing contract"
        f"{'s' if len(changed) != 1 else ''} count{'' if len(changed) != 1 else 's'}: "
        f"{listed}{more}"
    )


def _windows_opened(before: JSSReport, after: JSSReport, rules: JSSRules, source: str) -> str:
    """Say which windows have a score after but not before, and why (enough clients now).

    A window with too few distinct clients has no score; a contract from a new
    client can give it one, even a contract that counts against the freelancer,
    and the displayed score is the best window's: so a bad job can raise it.
    """
    opened = [
        (window.months, window.clients)
        for was, window in zip(before.windows, after.windows, strict=True)
        if window.shown
        and was.contracts
        and was.percent is None
        and window.percent is not None
        and was.clients < rules.min_window_clients
    ]
    if not opened:
        return ""
    named = ", ".join(f"{months} months ({clients} clients)" for months, clients in opened)
    return (
        f"; the {source} contracts gave these windows the {rules.min_window_clients} distinct "
        f"clients a window needs for a score: {named}, so they now compete for the "
        f"displayed score whatever the {source} contracts' outcomes"
    )
