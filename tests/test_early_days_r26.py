"""Review r25 hostile H8: a day before the first known rules is refused one way everywhere.

Every dated family looks its rules up through one check (``_refuse_before``):
a day before the family's first known day is a :class:`RulesError` naming the
argument and the rule ``"on or after <first day>"``; the first day itself
answers.  The first days are those the rules objects hold (DOMAIN.md): JSS
2015-03-01 (launch), s.154A 2022-07-01 (Finance Act 2022), SBP retention
2023-10-23; the service fee ("until 2016-06-20: flat 10%") and the platform
rules have no first day (``date.min``): every earlier day is theirs.
"""

from __future__ import annotations

import io
import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import attrs
import pytest

from _history_files import finished_contracts, history_file
from upwork_safety import ExchangeRate, Money, escrow, fees, jss, rules
from upwork_safety.cli import main
from upwork_safety.errors import RulesError

DAY = timedelta(days=1)
RATE = Money("100.00", "USD")


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def _histories() -> list[rules.RuleHistory[rules.Dated]]:
    found = [getattr(rules, name) for name in dir(rules)]
    return [value for value in found if isinstance(value, rules.RuleHistory)]


def test_the_first_days_are_domains() -> None:
    """The first known day of each family, as the rules objects hold it."""
    assert {
        "JSS rules": date(2015, 3, 1),
        "export tax rules": date(2022, 7, 1),
        "foreign-currency retention rules": date(2023, 10, 23),
        "service-fee schedules": date.min,
        "service-fee schedules (Database Administration)": date.min,
        "platform rules": date.min,
        "payment-schedule rules": date.min,
    } == {history.name: history.first_day for history in _histories()}


@pytest.mark.parametrize("history", _histories(), ids=lambda history: history.name)
def test_every_history_refuses_the_day_before_its_first_and_answers_on_it(
    history: rules.RuleHistory[rules.Dated],
) -> None:
    first = history.first_day
    assert history[0] == history.in_force(first, what="as_of")
    if first == date.min:
        return  # no day before the first exists
    with pytest.raises(RulesError) as refused:
        history.in_force(first - DAY, what="as_of")
    assert ("as_of", f"on or after {first}") == (refused.value.field, refused.value.rule)
    assert str(first) in str(refused.value)


def test_jss_score_refuses_the_day_before_the_launch_and_scores_on_it() -> None:
    history = finished_contracts()
    with pytest.raises(RulesError) as refused:
        jss.score(history, as_of=date(2015, 2, 28))
    assert ("as_of", "on or after 2015-03-01") == (refused.value.field, refused.value.rule)
    report = jss.score(history, as_of=date(2015, 3, 1))
    assert (rules.JSS_HISTORY[0].name, None) == (report.rules, report.score)  # no work yet


def test_the_s154a_rules_start_on_2022_07_01_in_every_withdrawal_function() -> None:
    """1% withheld (0.25% PSEB-registered) from 2022-07-01; the day before, refused."""
    eve = ExchangeRate("USD", "PKR", "280.00", as_of=date(2022, 6, 30))
    with pytest.raises(RulesError) as refused:
        fees.quote_withdrawal(RATE, "payoneer", reference_rate=eve, on=date(2022, 6, 30))
    assert ("tax_rate", "on or after 2022-07-01") == (refused.value.field, refused.value.rule)
    with pytest.raises(RulesError) as compared:
        fees.compare_withdrawals(RATE, reference_rate=eve, on=date(2022, 6, 30))
    assert ("tax_rate", "on or after 2022-07-01") == (compared.value.field, compared.value.rule)
    first = date(2022, 7, 1)
    rate = attrs.evolve(eve, as_of=first)
    assert (
        Decimal("0.01")
        == fees.quote_withdrawal(RATE, "payoneer", reference_rate=rate, on=first).tax_rate
    )
    pseb = fees.compare_withdrawals(RATE, reference_rate=rate, on=first, pseb_registered=True)
    assert Decimal("0.0025") == pseb.tax_rate


def test_retention_and_a_given_history_refuse_through_the_same_rule() -> None:
    """SBP: 50% or USD 5,000 from 2023-10-23; a history given as rules= names rules."""
    with pytest.raises(RulesError) as refused:
        fees.retention_allowance(Money("8000.00", "USD"), on=date(2023, 10, 22))
    assert ("on", "on or after 2023-10-23") == (refused.value.field, refused.value.rule)
    allowed = fees.retention_allowance(Money("8000.00", "USD"), on=date(2023, 10, 23))
    assert Money("5000.00", "USD") == allowed
    late = rules.RuleHistory("late", (attrs.evolve(rules.CURRENT, effective=date(2024, 1, 10)),))
    moment = datetime(2024, 1, 9, 23, 59, tzinfo=timezone.utc)
    with pytest.raises(RulesError) as given:
        escrow.rules_in_force(moment, rules=late)
    assert ("rules", "on or after 2024-01-10") == (given.value.field, given.value.rule)
    assert late[0] == escrow.rules_in_force(moment + timedelta(minutes=1), rules=late)


def test_a_fee_history_given_that_starts_later_names_rules() -> None:
    """It named on= and advised passing rules=, which the caller had done."""
    late = rules.RuleHistory("late", (rules.PER_CONTRACT_2025,))
    with pytest.raises(RulesError) as refused:
        fees.service_fee(RATE, on=date(2025, 4, 30), rules=late)
    assert ("rules", "on or after 2025-05-01") == (refused.value.field, refused.value.rule)
    assert Money("10.00", "USD") == fees.service_fee(RATE, on=date(2025, 5, 1), rules=late)


def test_the_service_fee_and_platform_rules_cover_every_earlier_day() -> None:
    """DOMAIN: "until 2016-06-20: flat 10%" has no start; the first schedule holds date.min."""
    assert Decimal("0.10") == fees.schedule_as_of(date.min).rate
    assert Money("5.00", "USD") == rules.as_of(date.min).minimum_milestone


class TestTheCommandLine:
    """The CLI refuses with the library's check, naming its option and the first day."""

    def test_jss_as_of(self, tmp_path, capsys) -> None:
        path = str(history_file(tmp_path))
        assert 2 == run("jss", path, "--as-of", "2015-02-28")[0]
        err = capsys.readouterr().err
        assert "--as-of 2015-02-28" in err
        assert "2015-03-01" in err
        code, text = run("jss", path, "--as-of", "2015-03-01", "--json")
        assert (0, rules.JSS_HISTORY[0].name) == (code, json.loads(text)["rules"])

    def test_withdraw_now_picks_the_tax_rules(self, capsys) -> None:
        """--now 2022-06-30 was taxed at today's rules (old code); now it is refused."""
        args = ("withdraw", "100", "--rate", "280", "--json")
        assert 2 == run(*args, "--now", "2022-06-30T23:59:59+00:00")[0]
        err = capsys.readouterr().err
        assert "--now 2022-06-30T23:59:59+00:00" in err
        assert "2022-07-01" in err
        assert "--tax none" in err
        code, text = run(*args, "--now", "2022-07-01T00:00:00+00:00")
        assert (0, "0.01") == (code, json.loads(text)["tax_rate"])
        karachi = "2022-07-01T04:59:59+05:00"  # still 30 June in UTC
        assert 2 == run(*args, "--now", karachi)[0]
        assert 0 == run(*args, "--now", karachi, "--tax", "none")[0]

    def test_withdraw_on(self, capsys) -> None:
        args = ("withdraw", "100", "--rate", "280", "--json", "--now", "2026-12-03T09:00:00+00:00")
        assert 2 == run(*args, "--on", "2022-06-30")[0]
        err = capsys.readouterr().err
        assert "--on 2022-06-30" in err
        assert "2022-07-01" in err
        code, text = run(*args, "--on", "2022-07-01", "--tax", "pseb")
        assert (0, "0.0025") == (code, json.loads(text)["tax_rate"])

    def test_fees_on_the_first_day_of_the_fee_rules(self) -> None:
        code, text = run("fees", "500", "--on", "0001-01-01", "--json")
        assert 0 == code
        assert {"amount": "50.00", "currency": "USD"} == json.loads(text)["fee"]


def test_a_long_history_name_is_cut_in_the_refusal() -> None:
    """A history's name is the caller's text (up to 100,000 characters): quoted cut short."""
    named = rules.RuleHistory("x" * 100_000, (rules.JSS_HISTORY[0],))
    with pytest.raises(RulesError) as refused:
        named.in_force(date(2015, 2, 28))
    assert len(str(refused.value)) < 400
    assert "100,000 characters" in str(refused.value)
