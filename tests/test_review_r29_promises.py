"""Regressions for round 29's audit of the library's promises (review r29, promises).

1. ``billed_before=None`` is documented as a new client, so a legacy 5% rate on one
   2023 payment with no billings is refused, as with ``billed_before=USD 0``.
2. ``x in escrow.allowed(...)`` takes an instance of a subclass of an event class.
3. ``Money.format`` takes a quoted literal ``%`` or ``‰`` in a pattern.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import attrs
import pytest

from upwork_safety import (
    Contract,
    ContractKind,
    Milestone,
    MilestoneState,
    Money,
    Payment,
    escrow,
    fees,
)
from upwork_safety._display import shown
from upwork_safety.cli import main
from upwork_safety.errors import InvalidValueError, RulesError


def usd(text: str) -> Money:
    return Money(text, "USD")


JUNE_2023 = date(2023, 6, 1)


@pytest.mark.parametrize(
    ("charge", "amount"),
    [
        (fees.service_fee, "100.00"),
        (fees.explain_service_fee, "100.00"),
        (fees.net_earnings, "100.00"),
        (fees.gross_for_net, "95.00"),
    ],
)
def test_a_legacy_rate_without_billed_before_is_a_new_client_and_refused(charge, amount):
    """Promises 1: with billed_before left out the 5% was charged ($5 on $100, net $95);
    a new client was never at 5% (DOMAIN.md section 4: flat 10% from 2023-05-03, 5% kept
    only by contracts already at it), exactly as billed_before=USD 0.00 is refused."""
    for kwargs in ({}, {"billed_before": usd("0.00")}):
        with pytest.raises(RulesError) as info:
            charge(usd(amount), on=JUNE_2023, rate="5%", **kwargs)
        assert ("rate", "billings over USD 10,000.00 under the sliding scale") == (
            info.value.field,
            info.value.rule,
        )
    # A new client in 2023 pays the flat 10%: $100 -> fee $10, net $90 (DOMAIN.md section 4).
    assert (usd("10.00"), usd("90.00")) == (
        fees.service_fee(usd("100.00"), on=JUNE_2023),
        fees.net_earnings(usd("100.00"), on=JUNE_2023),
    )
    # A client billed past $10,000 under the scale kept 5%: $100 -> $5.
    past = usd("10000.01")
    assert usd("5.00") == fees.service_fee(
        usd("100.00"), on=JUNE_2023, rate="5%", billed_before=past
    )


def test_one_payment_on_a_kept_contract_counts_the_contracts_payments_with_billed_before():
    """With a contract, the kept 5% is checked on its payments too: billed_before=USD 0 (no
    billings before the contract) no longer refuses a contract billed $20,000 in 2022."""
    kept = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2022, 1, 1),
        payments=[Payment(date(2022, 3, 1), usd("20000.00"))],
        service_fee_rate="5%",
    )
    for kwargs in ({}, {"billed_before": usd("0.00")}):
        fee = fees.explain_service_fee(usd("100.00"), on=JUNE_2023, contract=kept, **kwargs)
        assert (usd("5.00"), fees.FeeBasis.LEGACY) == (fee.fee, fee.basis)
    assert usd("95.00") == fees.gross_for_net(
        usd("90.25"), on=JUNE_2023, contract=kept, billed_before=usd("0.00")
    )


def test_the_cli_refuses_a_kept_rate_without_billed_before(capsys):
    """Promises 1: `fees 100 --on 2023-06-01 --fee-rate 5%` printed a $5 fee and exited 0."""
    code = main(["fees", "100", "--on", "2023-06-01", "--fee-rate", "5%"])
    err = capsys.readouterr().err
    assert 2 == code
    assert "--fee-rate 5%" in err
    with pytest.raises(SystemExit):
        main(["fees", "--help"])
    help_text = capsys.readouterr().out
    assert "read only by the older sliding-scale schedule" not in help_text
    assert "a new client" in help_text


class _MyFund(escrow.Fund):
    """A caller's own subclass of an event class: the engine reads it as the Fund it holds."""


def _unfunded() -> Contract:
    return Contract(
        "c",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2025, 1, 1),
        milestones=[Milestone("m1", "design", usd("15.00"))],
    )


def test_choices_take_an_event_of_a_subclass_of_an_event_class():
    """Promises 2: `MyFund(...) in escrow.allowed(...)` raised InvalidValueError, though the
    docs say an event of the class is taken and escrow.apply accepts it."""
    contract = _unfunded()
    choices = escrow.allowed(contract, "m1")
    event = _MyFund("m1", datetime(2025, 1, 2, tzinfo=timezone.utc))
    assert (True, None) == (event in choices, choices.reason(event))
    funded = escrow.apply(contract, event)
    assert MilestoneState.FUNDED is funded.milestone("m1").escrow.state
    # Still refused: an automatic event, even a subclass of one.
    with pytest.raises(InvalidValueError) as info:
        escrow.AutoApprove("m1", datetime(2025, 1, 2, tzinfo=timezone.utc)) in choices  # noqa: B015
    assert ("name", "a manual escrow event") == (info.value.field, info.value.rule)


def test_a_refused_event_shows_its_moment_with_its_time_zone():
    """Promises 2: the message showed `at=datetime.datetime(2025, 1, 2)`, an aware moment as
    if it were naive (date's repr read for a datetime)."""
    at = datetime(2025, 1, 2, 3, 4, tzinfo=timezone.utc)
    with pytest.raises(InvalidValueError) as info:
        escrow.AutoApprove("m1", at) in escrow.allowed(_unfunded(), "m1")  # noqa: B015
    assert repr(at) in str(info.value)
    assert repr(at) == shown(at)
    assert repr(date(2025, 1, 2)) == shown(date(2025, 1, 2))


@pytest.mark.parametrize(
    ("pattern", "babel_shows", "times"),
    [("'%'0.00", "%123456.00", "100"), ("#,##0.00 '‰'", "1,234,560.00 ‰", "1,000")],
)
def test_a_quoted_percent_or_per_mille_is_refused_because_babel_still_scales(
    pattern, babel_shows, times
):
    """Promises 3: the audit expected "'%'0.00" to be accepted, a quoted character being text
    in CLDR.  Babel, which formats, still multiplies the amount for it (USD 1,234.56 shows as
    %123456.00), so the refusal stays, and now says why instead of calling the pattern a
    percent pattern; the docs say a quoted one is refused too."""
    from babel.numbers import format_currency

    amount = Money("1234.56", "USD")
    assert babel_shows == format_currency(amount.amount, "USD", format=pattern, locale="en_US")
    with pytest.raises(InvalidValueError) as info:
        amount.format(locale="en_US", format=pattern)
    assert ("format", "a babel number pattern that shows the amount as it is") == (
        info.value.field,
        info.value.rule,
    )
    assert f"multiply the amount by {times}" in str(info.value)
    # Other quoted text is literal and accepted.
    assert "$1,234.56 USD" == amount.format(locale="en_US", format="¤#,##0.00 'USD'")


def test_the_invoice_day_decides_the_top_rated_fast_release():
    """Promises note: the docs now say which day decides the Top Rated release "since
    2020-05-04" (DOMAIN.md section 3): the invoice day.  The week of 2020-04-27 is invoiced
    on Monday 2020-05-04 and is available on Saturday 2020-05-09 (after the Friday
    23:59:59 dispute window); the week before, on the ordinary Wednesday, 2020-05-06."""
    from upwork_safety import hourly

    def available(day: int) -> tuple[datetime, bool]:
        week = hourly.billing_week(datetime(2020, 4, day, 12, tzinfo=timezone.utc))
        calendar = week.calendar(top_rated=True)
        return calendar.available_at, calendar.hold_skipped

    assert (datetime(2020, 5, 9, tzinfo=timezone.utc), True) == available(28)
    assert (datetime(2020, 5, 6, tzinfo=timezone.utc), False) == available(21)


def test_a_contract_may_hold_a_partial_history_as_its_docs_now_say():
    """Promises note: `history` read "Every escrow event applied so far", stronger than what
    is enforced; the docs now say a hand-described contract may hold none or some of them.
    A contract whose $15 milestone was paid (Fund, Submit, Approve) keeps its escrow and
    payment with the history dropped; what a history holds is still checked."""
    funded = escrow.apply(_unfunded(), escrow.Fund("m1", datetime(2025, 1, 2, tzinfo=timezone.utc)))
    submitted = escrow.apply(funded, escrow.Submit("m1", datetime(2025, 1, 3, tzinfo=timezone.utc)))
    paid = escrow.apply(submitted, escrow.Approve("m1", datetime(2025, 1, 4, tzinfo=timezone.utc)))
    assert 3 == len(paid.history)
    bare = attrs.evolve(paid, history=[])
    assert (MilestoneState.PAID, paid.payments, 0) == (
        bare.milestone("m1").escrow.state,
        bare.payments,
        len(bare.history),
    )
    with pytest.raises(InvalidValueError):
        attrs.evolve(paid, history=[escrow.Fund("m9", datetime(2025, 1, 2, tzinfo=timezone.utc))])
