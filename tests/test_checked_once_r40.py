"""The one "checked a moment ago" validator that ``Escrow`` and ``Ledger`` share (closing note r39).

Each bucket skips its check only for the very object an earlier field holds,
whose own check has run: every use names earlier fields with the same check.
"""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, cast

import attrs
import pytest

from upwork_safety import MilestoneState, Money, escrow
from upwork_safety._checked_once import MADE
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.models import Escrow

UTC = timezone.utc


def _check_of(validator: object) -> object:
    made = MADE.get(cast("Any", validator))
    return validator if made is None else made[0]


@pytest.mark.parametrize("kind", [Escrow, escrow.Ledger])
def test_every_skip_names_earlier_fields_with_the_same_check(kind: type) -> None:
    fields = attrs.fields(kind)
    names = [f.name for f in fields]
    skips = [(f, MADE[cast("Any", f.validator)]) for f in fields if f.validator in MADE]
    assert len(skips) >= 4
    for field, (check, earlier) in skips:
        assert earlier, field.name
        for name in earlier:
            assert names.index(name) < names.index(field.name), (field.name, name)
            assert _check_of(attrs.fields_dict(kind)[name].validator) is check


def test_ledger_buckets_skip_exactly_the_buckets_before_them() -> None:
    _check, earlier = MADE[cast("Any", attrs.fields(escrow.Ledger).bonus_pending.validator)]
    assert earlier == (
        "work_in_progress",
        "in_review",
        "pending",
        "available",
        "refunded",
    )


def test_one_money_held_twice_is_taken() -> None:
    amount = Money("50.00", "USD")
    built = Escrow(MilestoneState.PAID, amount, released=amount)
    assert built.released is amount
    assert built.held == Money("0.00", "USD")


def test_an_equal_money_of_a_later_bucket_is_still_checked() -> None:
    # Equal is not the same object: a bucket's own wrong value is refused with its name.
    with pytest.raises(InvalidValueError) as caught:
        Escrow(MilestoneState.PAID, Money("50.00", "USD"), released=Money("-50.00", "USD"))
    assert caught.value.field == "Escrow.released"
    with pytest.raises(InvalidTypeError) as wrong:
        escrow.Ledger(
            datetime(2026, 3, 1, tzinfo=UTC),
            Money("0.00", "USD"),
            Money("0.00", "USD"),
            Decimal(0),  # type: ignore[arg-type]
            Money("0.00", "USD"),
            Money("0.00", "USD"),
            Money("0.00", "USD"),
            Money("0.00", "USD"),
            Money("0.00", "USD"),
            Money("0.00", "USD"),
        )
    assert wrong.value.field == "Ledger.pending"
