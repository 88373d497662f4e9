"""One rule for naming a withdrawal method by text (review r28 1, 2).

A method's key or full name names it first; its name without the last
"(…)" part only when no key or full name is the text.  The same rule in
``resolve_method``, the keyed mappings of ``compare_withdrawals``
(``spreads=``, ``offered_rates=``) and ``WithdrawalComparison.break_even_spread``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest

from upwork_safety import fees
from upwork_safety.errors import InvalidValueError
from upwork_safety.money import ExchangeRate, Money

DAY = date(2026, 1, 5)
AMOUNT = Money("1000.00", "USD")
REFERENCE = ExchangeRate("USD", "PKR", "280.00", as_of=DAY)
BANK = fees.PAKISTAN_METHODS[0]  # Direct to Local Bank (PKR): no published spread
NEW_PAYONEER = attrs.evolve(BANK, key="payoneer2", name="Payoneer (new)")
PLAIN_BANK = attrs.evolve(BANK, key="bank", name="Bank")
BANK_PKR = attrs.evolve(BANK, key="bank_pkr", name="Bank (PKR)")
BANK_USD = attrs.evolve(BANK, key="bank_usd", name="Bank (USD)")


def _rates(comparison: fees.WithdrawalComparison) -> list[tuple[str, Decimal]]:
    return [(q.method.key, q.applied_rate.rate) for q in comparison]


@pytest.mark.parametrize("argument", ["spreads", "offered_rates"])
@pytest.mark.parametrize(
    ("methods", "first", "second"),
    [
        (["payoneer", NEW_PAYONEER], "payoneer", "Payoneer (new)"),
        (["payoneer", NEW_PAYONEER], "Payoneer", "payoneer2"),
        ([PLAIN_BANK, BANK_PKR], "bank", "Bank (PKR)"),
        ([PLAIN_BANK, BANK_PKR], "Bank", "bank_pkr"),
    ],
)
def test_a_key_or_full_name_names_its_method_before_a_bare_name(argument, methods, first, second):
    """``"payoneer"`` is Payoneer's key, not "Payoneer (new)" bare: it was refused as naming two."""
    values = {
        "spreads": ("1%", "2%"),
        "offered_rates": (
            ExchangeRate("USD", "PKR", "277.20"),
            ExchangeRate("USD", "PKR", "274.40"),
        ),
    }[argument]
    keyed = {first: values[0], second: values[1]}
    comparison = fees.compare_withdrawals(
        AMOUNT, reference_rate=REFERENCE, on=DAY, methods=methods, **{argument: keyed}
    )
    keys = [m if isinstance(m, str) else m.key for m in methods]
    assert [(keys[0], Decimal("277.2000")), (keys[1], Decimal("274.4000"))] == _rates(comparison)


def test_a_bare_name_of_two_methods_is_still_refused():
    """ "bank" is no method's key or name here, and the bare name of two: refused, naming the entry."""
    with pytest.raises(InvalidValueError) as info:
        fees.compare_withdrawals(
            AMOUNT,
            reference_rate=REFERENCE,
            on=DAY,
            methods=[BANK_PKR, BANK_USD],
            spreads={"bank": "1%"},
        )
    assert ("spreads['bank']", "one method per entry") == (info.value.field, info.value.rule)


def test_a_bare_name_of_one_method_keys_it():
    """The fallback still holds: "Bank" bare names "Bank (PKR)" alone."""
    comparison = fees.compare_withdrawals(
        AMOUNT, reference_rate=REFERENCE, on=DAY, methods=[BANK_PKR], spreads={"Bank": "1%"}
    )
    assert [("bank_pkr", Decimal("277.2000"))] == _rates(comparison)


@pytest.mark.parametrize(
    "text",
    [
        "direct_to_local_bank",
        "Direct to Local Bank (PKR)",
        "Direct to Local Bank",
        " direct to local bank ",
    ],
)
def test_break_even_spread_takes_every_text_that_names_the_method(text):
    """The bare name was refused as "not one of the methods this comparison could weigh"."""
    comparison = fees.compare_withdrawals(AMOUNT, reference_rate=REFERENCE, on=DAY)
    assert Decimal("0.02099") == comparison.break_even_spread(text)


def test_break_even_spread_prefers_the_exact_name_and_refuses_an_ambiguous_one():
    """Among the compared methods: "bank" is Bank's key; "Bank" bare of two is refused."""
    comparison = fees.compare_withdrawals(
        AMOUNT,
        reference_rate=REFERENCE,
        on=DAY,
        methods=[PLAIN_BANK, BANK_PKR, "payoneer"],
    )
    assert comparison.break_even_spread("bank") == comparison.break_even_spread(PLAIN_BANK)
    two = fees.compare_withdrawals(
        AMOUNT, reference_rate=REFERENCE, on=DAY, methods=[BANK_PKR, BANK_USD, "payoneer"]
    )
    with pytest.raises(InvalidValueError) as info:
        two.break_even_spread("Bank")
    assert ("method", "a compared method") == (info.value.field, info.value.rule)
    assert "names 2 of the compared methods" in str(info.value)


def test_break_even_spread_gives_a_skipped_methods_reason_by_its_bare_name():
    """A skipped method named by its bare name is refused with the reason it was skipped."""
    comparison = fees.compare_withdrawals(Money("4.00", "USD"), reference_rate=REFERENCE, on=DAY)
    with pytest.raises(InvalidValueError) as info:
        comparison.break_even_spread("Direct to Local Bank")
    assert "it was skipped: USD 4.00 is below" in str(info.value)


def test_break_even_spread_of_an_unknown_text_lists_each_method_by_name_and_key():
    """As every refusal asking for a method by text (lead r28): names are accepted too."""
    comparison = fees.compare_withdrawals(
        AMOUNT, reference_rate=REFERENCE, on=DAY, methods=[PLAIN_BANK, "payoneer"]
    )
    with pytest.raises(InvalidValueError) as info:
        comparison.break_even_spread("Bnak")
    assert ("method", "a compared method") == (info.value.field, info.value.rule)
    for listed in ("'Bank' (key 'bank')", "'Payoneer' (key 'payoneer')"):
        assert listed in str(info.value)
