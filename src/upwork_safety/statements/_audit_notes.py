"""The audit's assumptions, in words: what the expected fees rest on (private).

:func:`~upwork_safety.statements.audit_fees` checks every fee; these say what
its checks assume and what they cannot see (billings before the file, an
assumed contract rate, a rate given where none is charged, a contract's fees
at more than one rate, the legacy 5%), naming the lines they concern.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from fractions import Fraction
from typing import TYPE_CHECKING

from upwork_safety import _render
from upwork_safety._display import shown
from upwork_safety._text import is_blank
from upwork_safety.fees import SERVICE_FEE_HISTORY, FeeBasis, ServiceFeeSchedule, schedule_as_of
from upwork_safety.statements._kinds import StatementFormat

if TYPE_CHECKING:
    from collections.abc import Sequence
    from decimal import Decimal

    from upwork_safety.statements._fee_check import FeeCheck
    from upwork_safety.statements._model import Transaction
    from upwork_safety.statements._statement import Statement
    from upwork_safety.statements._withdrawal_fee import WithdrawalFeeCheck

#: The most line numbers an assumption lists before saying how many more.
LISTED_LINES = 5


def _in_force(schedule: ServiceFeeSchedule) -> str:
    """When *schedule* was in force, from SERVICE_FEE_HISTORY: ``"2016-06-21 to 2023-05-02"``."""
    later = [s.effective for s in SERVICE_FEE_HISTORY if s.effective > schedule.effective]
    if not later:
        return f"from {schedule.effective}"
    return f"{schedule.effective} to {min(later) - timedelta(days=1)}"


def assumptions(
    statement: Statement,
    checks: list[FeeCheck],
    rate: Decimal | None,
    *,
    sliding_scale: ServiceFeeSchedule | None,
) -> tuple[str, ...]:
    notes: list[str] = []
    guessed = [c for c in checks if c.billings_assumed]
    if sliding_scale is not None and statement.start is not None and guessed:
        notes.append(
            f"On the {_in_force(sliding_scale)} sliding scale, lifetime billings before the "
            f"statement's first row ({statement.start}) are unknown for the clients whose "
            "earlier billings are not given (billed_before=, or --billed-before on the command "
            "line): the fee expected on their rows counts only the "
            "statement's rows (the highest fee the client can owe), and any fee down to the "
            "one at any earlier billings is within the schedule (on assumed billings, not "
            f"a mismatch): {len(guessed):,} fee{'' if len(guessed) == 1 else 's'} judged so, "
            f"{sum(not c.within_schedule for c in guessed):,} of them still outside it. Give "
            "each client's earlier billings to check them exactly."
        )
        if any(is_blank(c.income.client) for c in guessed):
            notes.append(
                "Income rows with no client (Team) may be any client's: they count towards no "
                "client's billings, and each is judged as a client with unknown billings before."
            )
    if rate is not None:
        notes.append(
            f"The contract rate {rate} is applied outside the sliding scale, which has no "
            "per-contract rate, where the schedule in force charges it."
        )
    if statement.format is StatementFormat.WEEKLY_SUMMARY:
        notes.append("The weekly summary has no service fee rows, so no fee can be checked.")
    return tuple(notes)


def lines_named(rows: list[Transaction]) -> str:
    """``"lines 4, 9 and 12"``, at most :data:`LISTED_LINES` named, then how many more."""
    numbers = [str(r.line) for r in rows[:LISTED_LINES]]
    more = len(rows) - len(numbers)
    if more:
        return f"lines {', '.join(numbers)} and {more} more"
    if len(numbers) == 1:
        return f"line {numbers[0]}"
    return f"lines {', '.join(numbers[:-1])} and {numbers[-1]}"


def assumed_rate_notes(checks: list[FeeCheck]) -> list[str]:
    """Say which rate was assumed, on which rows, and how such a fee was judged."""
    assumed: dict[str, list[FeeCheck]] = defaultdict(list)
    for check in checks:
        if check.rate_assumed:
            assumed[check.schedule].append(check)
    notes = []
    for group in assumed.values():
        schedule = schedule_as_of(group[0].income.on)
        if schedule.rate is None:  # pragma: no cover  (an assumed rate is the schedule's default)
            continue
        ranged = schedule.range_source or schedule.source
        flag = ", unconfirmed" if ranged.unconfirmed else ""
        differ = [c.income for c in group if not c.matches]
        rate = _render.percent(schedule.rate)
        found = (
            f"those on {lines_named(differ)} differ from {rate}"
            if differ
            else f"every one of them is {rate}"
        )
        notes.append(
            f"The service fees on the income of {lines_named([c.income for c in group])} "
            f"({schedule.name}) are compared with {rate}, an assumed rate: that schedule "
            f"charges each contract its own rate ({schedule.range_text()}{flag}), which the "
            "export does not show. A fee some rate in that range charges is not counted as a "
            f"mismatch or an overcharge (FeeCheck.allowed); {found}. Give the contract's own "
            "rate (audit_fees' rate=, or rates= by contract title; the CLI's --fee-rate and "
            "--contract-rate) to check them against it."
        )
    return notes


def _per_contract() -> ServiceFeeSchedule:
    """The first schedule that charges each contract its own rate (red team r21 L2)."""
    return next(schedule for schedule in SERVICE_FEE_HISTORY if schedule.per_contract)


def _per_contract_since() -> str:
    """Since when contracts carry their own rate, and whether the sources leave it unconfirmed."""
    first = _per_contract()
    flag = ", unconfirmed" if first.source_of("per_contract").unconfirmed else ""
    return f"from {first.effective}{flag}"


def not_applied_notes(rows: list[Transaction]) -> list[str]:
    """Say which fees a given contract rate was not applied to, and what they were checked by."""
    if not rows:
        return []
    names = sorted({schedule_as_of(row.on).name for row in rows})
    return [
        (
            f"The contract rate given was not applied to the service fees on the income of "
            f"{lines_named(rows)}: those were charged under {', '.join(names)}, which charges no "
            f"such rate (a contract's own rate is charged from {_per_contract().effective}), "
            "so they are checked against that schedule."
        )
    ]


def _rates_between(check: FeeCheck) -> tuple[Fraction, Fraction] | None:
    """The contract rates whose fee on *check*'s income is the fee charged: ``[low, high)``.

    The fee is the income times the rate, rounded half up to the cent, so a
    fee *f* on an income *a* is charged by every rate from ``(f - ½¢) / a``
    up to (not including) ``(f + ½¢) / a``.  ``None`` for an income of 0,
    which every rate charges the same.
    """
    income = Fraction(check.income.amount.amount)
    if not income:
        return None
    half_cent = Fraction(1, 200)
    charged = Fraction(check.charged.amount)
    return (charged - half_cent) / income, (charged + half_cent) / income


def _by_line(row: Transaction) -> int:
    return row.line


def mixed_rate_groups(statement: Statement, checks: list[FeeCheck]) -> list[tuple[FeeCheck, ...]]:
    """The fees of each contract that no one rate explains, where a contract has one rate.

    From 2025-05-01 each contract's rate is shown on its offer and fixed for
    its life (unconfirmed; the export does not show it).  In the
    Transactions report, which names each fee's contract (client and
    title), the fees of one contract at the flat or an assumed rate, each
    within the schedule, must all be one rate; a contract whose fees are
    not, and which has a fee on the per-contract schedule, is one group.
    """
    if statement.format is not StatementFormat.TRANSACTIONS_REPORT:
        return []
    groups: dict[tuple[str, str], list[FeeCheck]] = defaultdict(list)
    for check in checks:
        income = check.income
        if is_blank(income.client) or is_blank(income.contract):
            continue  # whose contract it is cannot be told
        if check.basis in {FeeBasis.DEFAULT, FeeBasis.FLAT} and check.within_schedule:
            groups[(income.client, income.contract)].append(check)
    mixed = []
    for group in groups.values():
        if not any(c.basis is FeeBasis.DEFAULT for c in group):
            continue
        ranges = [r for r in map(_rates_between, group) if r is not None]
        if not ranges or max(low for low, _ in ranges) < min(high for _, high in ranges):
            continue
        mixed.append(tuple(group))
    return mixed


def one_rate_notes(groups: list[tuple[FeeCheck, ...]]) -> list[str]:
    """Name each contract of :func:`mixed_rate_groups`, in words."""
    notes = []
    for group in groups:
        income = group[0].income
        notes.append(
            f"The service fees of the contract {shown(income.contract)} with "
            f"{shown(income.client)} (on the income of "
            f"{lines_named(sorted((c.income for c in group), key=_by_line))}) are "
            "not all one rate, while a contract's rate is fixed for its life "
            f"({_per_contract_since()}): some of them may be overcharges. Give its rate "
            "(audit_fees' "
            "rates= by contract title; the CLI's --contract-rate TITLE=RATE) to check them "
            "against it."
        )
    return notes


def no_client_legacy_notes(unclaimed: list[Transaction]) -> list[str]:
    """Say which fees at the legacy rate were not accepted because their rows name no client."""
    if not unclaimed:
        return []
    schedule = schedule_as_of(unclaimed[0].on)
    legacy = schedule.legacy_rate
    if legacy is None:  # pragma: no cover  (only a schedule with a legacy rate has such fees)
        return []
    return [
        (
            f"The service fees on the income of {lines_named(unclaimed)} are the legacy "
            f"{_render.percent(legacy)}, but those rows name no client (Team): rows with no "
            "client may be any number of clients, so they count towards no client's billings "
            "and whether one had reached the legacy rate is unknown. They are compared with "
            f"{_render.percent(schedule.rate or legacy)}."
        )
    ]


def contract_kept_notes(rows: list[Transaction]) -> list[str]:
    """Say which rows were priced at the legacy rate their own contract kept, and why."""
    if not rows:
        return []
    schedule = schedule_as_of(rows[0].on)
    legacy = schedule.legacy_rate
    if legacy is None:  # pragma: no cover  (only a schedule with a legacy rate keeps one)
        return []
    return [
        (
            f"The service fees on the income of {lines_named(rows)} are expected at the legacy "
            f"{_render.percent(legacy)} that contracts already at it kept until "
            f"{schedule.legacy_until} ({schedule.source.source}): each row's contract (its "
            f"title and client) was paid before {schedule.effective}, when its client's "
            "billings in this statement had reached that rate. Two contracts with one title "
            "and one client cannot be told apart: if a row's is another contract, started "
            f"later, {_render.percent(schedule.rate or legacy)} was right."
        )
    ]


def legacy_notes(inferred: list[Transaction]) -> list[str]:
    """Say which fees were taken as a legacy rate, and what the export cannot show about them."""
    if not inferred:
        return []
    schedule = schedule_as_of(inferred[0].on)
    earlier = [s for s in SERVICE_FEE_HISTORY if s.effective < schedule.effective]
    scale = earlier[-1] if earlier else None
    legacy = schedule.legacy_rate
    if legacy is None:  # pragma: no cover  (only a schedule with a legacy rate infers one)
        return []
    passed = (
        f" (their billings in this statement passed {scale.tiers[-2].up_to} before "
        f"{schedule.effective})"
        if scale is not None and len(scale.tiers) > 1
        else ""
    )
    return [
        (
            f"The service fees on the income of {lines_named(inferred)} are the legacy "
            f"{_render.percent(legacy)} that contracts already at it kept until "
            f"{schedule.legacy_until} ({schedule.source.source}), and are accepted as such: "
            f"their clients' contracts could have kept it{passed}. The export does not say "
            f"whether each row's contract started before {schedule.effective}; one started "
            f"later was charged {_render.percent(schedule.rate or legacy)}."
        )
    ]


def withdrawal_notes(withdrawals: Sequence[WithdrawalFeeCheck]) -> list[str]:
    """Say what the withdrawal fees checked are compared with: each method's fee published now."""
    checked = [c for c in withdrawals if c.method is not None and c.expected is not None]
    if not checked:
        return []
    methods = {c.method.key: c.method for c in checked if c.method is not None}
    published = "; ".join(
        f"{m.name} {m.fixed_fee}, {m.source_of('fixed_fee').source}" for m in methods.values()
    )
    return [
        (
            f"The withdrawal fees of {lines_named([row for c in checked for row in c.fees])} are "
            "compared with "
            f"each method's fee as published now ({published}): the library's withdrawal "
            "methods are not dated, so a fee changed since is not known."
        )
    ]
