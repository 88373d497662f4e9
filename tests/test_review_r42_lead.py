"""The lead's own items of round 42: every refusal key public, and checked where it is kept.

``Choices.refused_rules`` accepted any text (second red team r41 7, diff
review r41 5); the moment refusals' keys had no public constant; the
sentence of a refused ``EndContract`` was written twice.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import attrs
import pytest

from upwork_safety import (
    Contract,
    ContractKind,
    ExchangeRate,
    Milestone,
    Money,
    Payment,
    escrow,
    rules,
    serialize,
)
from upwork_safety.errors import (
    InvalidDataError,
    InvalidTypeError,
    InvalidValueError,
    TransitionError,
)
from upwork_safety.testing import factories

UTC = timezone.utc


def _utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def _offer(**changes: object) -> Contract:
    contract = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2026, 3, 2),
        milestones=[Milestone("m1", "Logo", Money("100.00", "USD"))],
    )
    return attrs.evolve(contract, **changes)


def _refused(contract: Contract, event: escrow.Event) -> TransitionError:
    with pytest.raises(TransitionError) as caught:
        escrow.apply(contract, event)
    return caught.value


def test_every_moment_refusal_has_its_public_key() -> None:
    before_start = _refused(_offer(), escrow.Fund("m1", _utc(2026, 3, 1, 23)))
    assert (before_start.field, before_start.rule) == ("event.at", escrow.RefusalRule.STARTED)
    assert escrow.RefusalRule.STARTED == "not before Contract.started"

    funded = escrow.apply(_offer(), escrow.Fund("m1", _utc(2026, 3, 5)))
    earlier = _refused(funded, escrow.Submit("m1", _utc(2026, 3, 4)))
    assert earlier.rule == escrow.RefusalRule.TIME_ORDER

    paid = _offer(payments=[Payment(date(2026, 3, 20), Money("5.00", "USD"))])
    before_payment = _refused(paid, escrow.Fund("m1", _utc(2026, 3, 10)))
    assert before_payment.rule == escrow.RefusalRule.RECORDED_PAYMENT

    ended = _offer(ended=date(2026, 5, 1))
    before_end = _refused(ended, escrow.Fund("m1", _utc(2026, 4, 1)))
    assert before_end.rule == escrow.RefusalRule.RECORDED_END == "not before the recorded end"


def test_the_keys_are_every_constant_of_the_class() -> None:
    keys = escrow.RefusalRule.keys()
    constants = {v for k, v in vars(escrow.RefusalRule).items() if k.isupper()}
    assert keys == constants
    assert len(keys) == 25
    assert escrow.RefusalRule.STARTED in keys
    assert escrow.RefusalRule.MINIMUM_MILESTONE in keys


def test_a_history_out_of_order_breaks_the_engines_key() -> None:
    first = escrow.Fund("m1", _utc(2026, 3, 5))
    with pytest.raises(InvalidValueError) as caught:
        _offer(history=[first, escrow.Submit("m1", _utc(2026, 3, 4))])
    assert caught.value.rule == escrow.RefusalRule.TIME_ORDER


def test_choices_refuse_a_key_no_refusal_takes() -> None:
    choices = escrow.allowed(factories.submitted_contract(), "m1")
    name = choices.refused_rules[0][0]
    for key in ("funded twice", "", "Funded Once", "hourly_protection"):
        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(choices, refused_rules=((name, key), *choices.refused_rules[1:]))
        assert caught.value.field == "Choices.refused_rules[0][1]"
        assert caught.value.rule == "a RefusalRule key or a PlatformRules switch"


def test_loading_choices_with_an_unknown_key_is_refused_with_its_path() -> None:
    choices = escrow.allowed(factories.submitted_contract(), "m1")
    data = serialize.to_dict(choices)
    data["refused_rules"][0][1] = "because I said so"
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_dict(escrow.Choices, data)
    assert caught.value.problems[0].path == "$.refused_rules[0][1]"


def test_a_switched_off_row_keeps_its_switch_as_key() -> None:
    off = attrs.evolve(rules.CURRENT, dispute_on_active_contract=False)
    funded = escrow.apply(_offer(), escrow.Fund("m1", _utc(2026, 3, 5)), rules=off)
    choices = escrow.allowed(funded, "m1", rules=off)
    assert choices.rule("OpenDispute") == "dispute_on_active_contract"
    assert serialize.from_dict(escrow.Choices, serialize.to_dict(choices)) == choices


def test_an_ended_contract_gives_one_sentence_in_both_places() -> None:
    ended = escrow.apply(_offer(), escrow.EndContract(_utc(2026, 3, 10)))
    error = _refused(ended, escrow.EndContract(_utc(2026, 3, 11)))
    sentence = escrow.allowed(ended, "m1").reason("EndContract")
    assert sentence is not None
    assert sentence in str(error)
    assert "2026-03-10" in sentence
    assert error.rule == escrow.allowed(ended, "m1").rule("EndContract")
    assert error.rule == escrow.RefusalRule.CONTRACT_OPEN


# -- closing note r41: sets where order may matter -------------------------------------


def test_a_set_of_credits_is_refused_as_unordered() -> None:
    from upwork_safety import fees

    given = {
        fees.Credit(date(2026, 1, 14), Money("1600.00", "USD")),
        fees.Credit(date(2026, 1, 14), Money("50.00", "USD")),
    }
    window = {"start": date(2026, 1, 1), "end": date(2026, 3, 31)}
    with pytest.raises(InvalidTypeError) as caught:
        fees.auto_withdrawals(given, schedule="monthly", **window)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.rule) == ("history", "an ordered sequence")
    run = fees.auto_withdrawals(sorted(given, key=str), schedule="monthly", **window)
    assert run.payouts[0].amount == Money("1650.00", "USD")


def test_a_set_of_bonuses_is_refused_as_unordered() -> None:
    from upwork_safety import hourly

    paid = _utc(2026, 3, 4, 15)
    bonuses = {hourly.bonus(Money("50.00", "USD"), paid_at=paid)}
    for name in ("bonuses", "invoices", "weekly_payments"):
        with pytest.raises(InvalidTypeError) as caught:
            hourly.payout_schedule(**{name: bonuses if name == "bonuses" else set()})
        assert (caught.value.field, caught.value.rule) == (name, "an ordered sequence")
    assert len(hourly.payout_schedule(bonuses=list(bonuses)).items) == 1


# -- review r42, review 3: one check of a yes-or-no argument ------------------------------


def _bool_calls() -> dict[str, object]:
    from upwork_safety import fees, hourly, statements
    from upwork_safety.rules import EXPORT_TAX_2022

    week = hourly.billing_week(_utc(2024, 1, 3))
    return {
        "pseb_registered": lambda: fees.quote_withdrawal(
            Money("100", "USD"),
            fees.PAYONEER,
            reference_rate=ExchangeRate("USD", "PKR", "280", as_of=date(2026, 1, 1)),
            pseb_registered=1,
        ),
        "allow_breaks": lambda: statements.parse("Date\n", allow_breaks=1),
        "client_verified": lambda: hourly.invoice(
            [], week=week, rate=Money("10", "USD"), client_verified=1
        ),
        "days": lambda: statements.period_name("tax_year", days=1),
        "omit_defaults": lambda: serialize.to_dict(_offer(), omit_defaults=1),
        "currency_digits": lambda: Money("1", "USD").format(locale="en_US", currency_digits=1),
        "tax": lambda: EXPORT_TAX_2022.rate(pseb_registered=1),
    }


@pytest.mark.parametrize("name", list(_bool_calls()))
def test_every_flag_argument_is_checked_by_one_rule(name: str) -> None:
    call = _bool_calls()[name]
    with pytest.raises(InvalidTypeError) as caught:
        call()  # type: ignore[operator]
    field = "pseb_registered" if name == "tax" else name
    assert (caught.value.field, caught.value.rule) == (field, "a bool")
    assert "True or False" in str(caught.value)
    assert "int" in str(caught.value)


# -- red team r42, hostile 4: Money.total reads no more than the library's bound ------------


def test_money_total_refuses_an_endless_iterator_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    import itertools

    from upwork_safety import _decimals

    monkeypatch.setattr(_decimals, "MAX_ITEMS", 3)
    with pytest.raises(InvalidValueError) as caught:
        Money.total(itertools.repeat(Money("0.00", "USD")), "USD")
    assert (caught.value.field, caught.value.rule) == ("items", "at most 3 items")
    with pytest.raises(InvalidValueError):
        Money.total([Money("0.01", "USD")] * 4, "USD")
    assert Money.total(iter([Money("0.01", "USD")] * 3), "USD") == Money("0.03", "USD")
