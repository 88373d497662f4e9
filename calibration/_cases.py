"""Load the validation cases, expand their unknowns into contracts, and score them.

A case is a list of *groups*: contracts that share what is known about them
(how many, closed or open, public stars, private score, end reason,
earnings, paid months, when they ended or last paid, a refund, a shared
client).  A field given as a list holds alternatives: the real value is one
of them and nobody knows which.  Every combination of alternatives is one
*variant*; the model scores every variant, and the case is met when the
reported score lies between the lowest and the highest of them.

Private scores are almost never known; the tokens in the case file say what
is plausible (see ``private_tokens`` there): ``"good?"`` (all promoters, or
one passive among them), ``"bad?"`` (a suspected detractor: 0, 3 or 6) and
``"any?"`` (10, 8 or 5).

Cases that report a change ("100 → 89 after this job") give the score
before too.  Then only the variants whose score before (without the event's
contracts, two weeks earlier) is within :data:`BEFORE_TOLERANCE` points of
the reported one are kept, so an unknown earlier history is pinned by what
the freelancer saw; when no variant reproduces the score before, all are
kept and the case is flagged.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from upwork_safety import (
    Contract,
    ContractKind,
    EndReason,
    Feedback,
    Milestone,
    MilestoneState,
    Money,
    Payment,
    jss,
)
from upwork_safety.models import Escrow

CASES_FILE = Path(__file__).resolve().parent.parent / "tests" / "data" / "jss_cases.json"
#: The second held-out set, gathered after calibration: reported, never tuned on.
SECOND_HELD_OUT_FILE = CASES_FILE.with_name("jss_cases_heldout_2.json")
#: The third held-out set, gathered after the second by a hand that never read or ran
#: the model: reported, never tuned on.
THIRD_HELD_OUT_FILE = CASES_FILE.with_name("jss_cases_heldout_3.json")
#: The held-out sets gathered after calibration, each reported on its own: its name,
#: the day it was gathered and its file.
LATER_HELD_OUT = (
    ("second", "2026-12-02", SECOND_HELD_OUT_FILE),
    ("third", "2026-12-03", THIRD_HELD_OUT_FILE),
)

#: How far (points) the model's score before an event may be from the reported one.
BEFORE_TOLERANCE = 2
#: Days between the score before an event and the score after it (one biweekly update).
BEFORE_GAP = timedelta(days=14)
#: A case may not expand into more variants than this (keeps the run short).
MAX_VARIANTS = 5000

PRIVATE_TOKENS: Mapping[str, tuple[int, ...]] = {"bad?": (0, 3, 6), "any?": (10, 8, 5)}

RulesFor = Callable[[date], jss.JSSRules]


@dataclass(frozen=True)
class Case:
    """One public case: what was stated, what was reported, what is unknown."""

    id: str
    url: str
    date: str
    as_of: date
    kind: str
    quote: str
    reported: int | None
    reported_before: int | None
    groups: tuple[Mapping[str, Any], ...]
    unknowns: tuple[str, ...]
    encoding: str
    held_out: bool


@dataclass(frozen=True)
class CaseResult:
    """The model's range for one case and how far the reported score is from it."""

    case: Case
    rules: str
    variants: int
    kept: int
    low: int | None
    high: int | None
    not_eligible: bool
    before_reproduced: bool | None
    error: int | None
    eligibility_miss: bool

    @property
    def met(self) -> bool:
        """Whether the reported score (or "no score") lies in the model's range."""
        if self.case.reported is None:
            return self.not_eligible
        return self.error == 0

    def range_text(self) -> str:
        """The model's range in words, e.g. ``"83–93"`` or ``"none"``."""
        parts = []
        if self.low is not None:
            parts.append(str(self.low) if self.low == self.high else f"{self.low}–{self.high}")
        if self.not_eligible:
            parts.append("no score")
        return " or ".join(parts)


@dataclass(frozen=True)
class Summary:
    """The errors of one set of cases (a rule set, fit or held-out)."""

    cases: int
    scored: int
    met: int
    mae: Decimal | None
    worst: int | None
    over_ten: int
    eligibility_misses: int
    ids_over_ten: tuple[str, ...] = field(default=())


def split_rule_ids(ids: Sequence[str]) -> set[str]:
    """The held-out ids: sorted by the SHA-256 of the id, the first third (rounded up)."""
    ordered = sorted(ids, key=lambda cid: hashlib.sha256(cid.encode()).hexdigest())
    return set(ordered[: -(-len(ordered) // 3)])


def held_out_ids(path: Path = CASES_FILE) -> set[str]:
    """The held-out ids as committed in the case file."""
    return set(json.loads(path.read_text(encoding="utf-8"))["held_out"])


def _case(raw: Mapping[str, Any], *, held_out: bool) -> Case:
    return Case(
        id=raw["id"],
        url=raw["url"],
        date=raw["date"],
        as_of=date.fromisoformat(raw["as_of"]),
        kind=raw["kind"],
        quote=raw["quote"],
        reported=raw["reported"],
        reported_before=raw["reported_before"],
        groups=tuple(raw["groups"]),
        unknowns=tuple(raw["unknowns"]),
        encoding=raw["encoding"],
        held_out=held_out,
    )


def load(path: Path = CASES_FILE) -> list[Case]:
    """Read every case of the validation set."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    held = set(doc["held_out"])
    return [_case(raw, held_out=raw["id"] in held) for raw in doc["cases"]]


def load_second_held_out(path: Path = SECOND_HELD_OUT_FILE) -> list[Case]:
    """Read a held-out set gathered after calibration (the second, or *path*): no split.

    Every case is held out.  The later sets (:data:`LATER_HELD_OUT`) are only
    reported (``python -m calibration``); ``--sweep`` never reads them.
    """
    doc = json.loads(path.read_text(encoding="utf-8"))
    return [_case(raw, held_out=True) for raw in doc["cases"]]


# --------------------------------------------------------------------------- expansion


def _alternatives(value: object) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


def _ended_alternatives(value: list[Any]) -> list[tuple[int, int]]:
    if value and isinstance(value[0], list):
        return [(int(lo), int(hi)) for lo, hi in value]
    return [(int(value[0]), int(value[1]))]


def _private_patterns(token: object, count: int) -> list[tuple[int | None, ...]]:
    """Every plausible assignment of private scores to the *count* contracts of a group."""
    if token == "good?":  # noqa: S105  (a case-file token, not a secret)
        patterns = [(10,) * count]
        if count:
            patterns.append((8,) + (10,) * (count - 1))
        return patterns
    if isinstance(token, str):
        return [(score,) * count for score in PRIVATE_TOKENS[token]]
    return [(value,) * count for value in _alternatives(token)]


def _group_choices(group: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every concrete version of one group (one per combination of its alternatives)."""
    choices = []
    closed = group["status"] == "closed"
    timing = _ended_alternatives(group["ended_days_ago"]) if closed else [None]
    for count, stars, reason, earned, months, when in itertools.product(
        _alternatives(group["count"]),
        _alternatives(group["stars"]),
        _alternatives(group["reason"]),
        _alternatives(group["earned"]),
        _alternatives(group["months"]),
        timing if closed else _alternatives(group["idle_days"]),
    ):
        for private in _private_patterns(group["private"], count):
            choices.append(  # noqa: PERF401  (reads clearer as a loop)
                {
                    "count": count,
                    "stars": stars,
                    "reason": reason,
                    "earned": earned,
                    "months": months,
                    "when": when,
                    "private": private,
                }
            )
    return choices


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    last = (date(year + (month0 == 11), (month0 + 1) % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month0 + 1, min(day.day, last))


def _payments(start: date, last: date, earned: Money, months: int) -> tuple[Payment, ...]:
    if not earned.amount:
        return ()
    if months < 1:
        return (Payment(last, earned),)
    days = [_shift_months(start, k) for k in range(1, months + 1)]
    return tuple(Payment(day, part) for day, part in zip(days, earned.split(months), strict=True))


def _contracts(
    day: date, index: int, group: Mapping[str, Any], choice: Mapping[str, Any]
) -> list[Contract]:
    count, months = choice["count"], choice["months"]
    earned = Money(choice["earned"], "USD")
    reason = None if choice["reason"] is None else EndReason(choice["reason"])
    out = []
    for number in range(count):
        cid = f"g{index}-{number}"
        label = group.get("client")
        client = f"client-{label}" if label else f"client-{index}-{number}"
        private = choice["private"][number]
        feedback = None
        if choice["stars"] is not None or private is not None or reason is not None:
            feedback = Feedback(stars=choice["stars"], private_score=private, end_reason=reason)
        milestones: tuple[Milestone, ...] = ()
        if group.get("refunded"):
            back = Money(group["refunded"], "USD")
            milestones = (
                Milestone(
                    "m1",
                    "Refunded work",
                    back,
                    escrow=Escrow(MilestoneState.REFUNDED, back, refunded=back),
                ),
            )
        if group["status"] == "closed":
            lo, hi = choice["when"]
            ago = lo if count == 1 else lo + round((hi - lo) * number / (count - 1))
            ended = day - timedelta(days=ago)
            started = (
                _shift_months(ended, -months) - timedelta(days=2)
                if months
                else ended - timedelta(days=14)
            )
            payments = _payments(started, ended, earned, months)
        else:
            ended = None
            last = day - timedelta(days=choice["when"])
            started = _shift_months(last, -months) if months else last - timedelta(days=7)
            payments = _payments(started, last, earned, months)
        out.append(
            Contract(
                cid,
                client,
                ContractKind.FIXED_PRICE,
                started,
                ended,
                milestones=milestones,
                payments=payments,
                feedback=feedback,
            )
        )
    return out


def variants(case: Case, day: date) -> Iterator[tuple[list[Contract], list[Contract]]]:
    """Every combination of the unknowns, dated back from the update *day*.

    Yields (contracts after, contracts before the event).
    """
    per_group = [_group_choices(group) for group in case.groups]
    total = 1
    for choices in per_group:
        total *= len(choices)
    if total > MAX_VARIANTS:
        msg = f"case {case.id} expands into {total} variants (at most {MAX_VARIANTS})"
        raise ValueError(msg)
    for combination in itertools.product(*per_group):
        after: list[Contract] = []
        before: list[Contract] = []
        for index, (group, choice) in enumerate(zip(case.groups, combination, strict=True)):
            built = _contracts(day, index, group, choice)
            after += built
            if not group.get("event"):
                before += built
        yield after, before


# --------------------------------------------------------------------------- scoring


def _score(contracts: list[Contract], day: date, rules_for: RulesFor) -> int | None:
    return jss.score(contracts, as_of=day, rules=rules_for(day)).score


def evaluate(case: Case, rules_for: RulesFor = jss.rules_as_of) -> CaseResult:
    """Score every variant of *case* and measure the reported score against the range.

    The contracts are dated back from the update that showed the reported
    score: the snapshot day on or before ``case.as_of`` under the rules in
    force (most dates are only known to the month, and an event placed after
    the model's update would not be seen).
    """
    day = rules_for(case.as_of).snapshot(case.as_of)
    scored: list[tuple[int | None, int | None]] = []
    for after, before in variants(case, day):
        then = (
            _score(before, day - BEFORE_GAP, rules_for)
            if case.reported_before is not None
            else None
        )
        scored.append((_score(after, day, rules_for), then))
    kept = scored
    reproduced = None
    if case.reported_before is not None:
        target = case.reported_before
        close = [
            (now, then)
            for now, then in scored
            if then is not None and abs(then - target) <= BEFORE_TOLERANCE
        ]
        reproduced = bool(close)
        kept = close or scored
    numbers = [now for now, _ in kept if now is not None]
    low, high = (min(numbers), max(numbers)) if numbers else (None, None)
    not_eligible = any(now is None for now, _ in kept)
    error = None
    miss = False
    if case.reported is not None:
        if low is None or high is None:
            miss = True
        elif low <= case.reported <= high:
            error = 0
        else:
            error = min(abs(case.reported - low), abs(case.reported - high))
    elif not not_eligible:
        miss = True
    return CaseResult(
        case=case,
        rules=rules_for(case.as_of).name,
        variants=len(scored),
        kept=len(kept),
        low=low,
        high=high,
        not_eligible=not_eligible,
        before_reproduced=reproduced,
        error=error,
        eligibility_miss=miss,
    )


def summarize(results: Sequence[CaseResult]) -> Summary:
    """Mean absolute error and the worst case over *results* (scored cases only).

    Cases that report "no score" (eligibility) are not in the mean; a case
    where the model and the report disagree on whether there is a score at
    all is an *eligibility miss* and counts among the cases off by more
    than 10.
    """
    errors = [r.error for r in results if r.error is not None]
    mae = None
    if errors:
        mae = (Decimal(sum(errors)) / Decimal(len(errors))).quantize(Decimal("0.01"))
    over = [r.case.id for r in results if (r.error or 0) > 10 or r.eligibility_miss]
    return Summary(
        cases=len(results),
        scored=len(errors),
        met=sum(r.met for r in results),
        mae=mae,
        worst=max(errors) if errors else None,
        over_ten=len(over),
        eligibility_misses=sum(r.eligibility_miss for r in results),
        ids_over_ten=tuple(over),
    )


#: The values the calibrated fields had before calibration (the same in every
#: preset; see docs/jss-calibration.md).
UNCALIBRATED: Mapping[str, object] = {
    "snapshot_anchor": date(2015, 3, 2),
    "rehire_needs_earnings": False,
}


def uncalibrated(day: date) -> jss.JSSRules:
    """The rule set in force on *day* with the calibrated fields set back to their old values."""
    return attrs.evolve(jss.rules_as_of(day), **UNCALIBRATED)
