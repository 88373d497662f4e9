"""Review r25 hostile H9: one bound on free text, no signed-zero rate, a long time entry.

* Every free-text field of a public value holds at most ``MAX_TEXT_CHARS``
  (100,000) characters, the one limit the checks read too; a longer one is
  refused by the constructor (and so by serialize, with the JSON path).
* A rate of ``"-0%"`` is refused as a negative one is, by the library's rate
  rule and so by the CLI's options (it was echoed as "-0%").
* No platform rule bounds a time entry's length: an entry over many weeks is
  accepted up to the last day the library supports, and billed week by week.
"""

from __future__ import annotations

import io
import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
import pytest

from upwork_safety import (
    Client,
    Contract,
    ContractKind,
    ExchangeRate,
    InvalidDataError,
    InvalidValueError,
    Milestone,
    Money,
    _text,
    checks,
    fees,
    hourly,
    jss,
    rules,
    serialize,
)
from upwork_safety.cli import main
from upwork_safety.rules import RuleSource
from upwork_safety.testing import factories

if TYPE_CHECKING:
    from collections.abc import Callable

LIMIT = 100_000
RULE = "at most 100,000 characters"
T0 = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)
USD = Money("500", "USD")


def _contract(**text: str) -> Contract:
    return Contract(
        text.get("id", "c1"),
        "acme",
        ContractKind.FIXED_PRICE,
        date(2026, 3, 2),
        title=text["title"],
    )


#: (field, build with a text in it): every free-text field a caller fills on a public value.
FIELDS: list[tuple[str, Callable[[str], object]]] = [
    ("ExchangeRate.source", lambda text: ExchangeRate("USD", "PKR", "280", source=text)),
    ("Milestone.id", lambda text: Milestone(text, "Logo", USD)),
    ("Milestone.title", lambda text: Milestone("m1", text, USD)),
    ("Milestone.description", lambda text: Milestone("m1", "Logo", USD, description=text)),
    ("Contract.id", lambda text: _contract(id=text, title="")),
    ("Contract.title", lambda text: _contract(title=text)),
    ("Client.id", Client),
    ("Client.name", lambda text: Client("acme", name=text)),
    ("Client.country", lambda text: Client("acme", country=text)),
    ("TimeEntry.memo", lambda text: hourly.TimeEntry(T0, T0 + timedelta(hours=1), memo=text)),
    ("RuleSource.source", RuleSource),
    ("RuleSource.note", lambda text: RuleSource("HC 1", note=text)),
    ("PlatformRules.name", lambda text: attrs.evolve(rules.CURRENT, name=text)),
    ("JSSRules.name", lambda text: attrs.evolve(rules.JSS_HISTORY.current, name=text)),
]


def test_one_limit_for_the_models_and_the_checks() -> None:
    assert LIMIT == _text.MAX_TEXT_CHARS == checks.MAX_TEXT_CHARS


@pytest.mark.parametrize(("field", "build"), FIELDS, ids=[field for field, _ in FIELDS])
def test_a_free_text_field_holds_at_most_the_limit(
    field: str, build: Callable[[str], object]
) -> None:
    """10 MB were accepted (a 10 MB repr); the limit is kept, one more is refused."""
    assert build("x" * LIMIT) is not None
    for text in ("x" * (LIMIT + 1), "é" * (LIMIT + 1)):  # the fast ASCII path and the other
        with pytest.raises(InvalidValueError) as refused:
            build(text)
        assert (field, RULE) == (refused.value.field, refused.value.rule)
        assert len(str(refused.value)) < 200


def test_a_list_of_texts_is_bounded_item_by_item() -> None:
    """A report's reasons: each item is a text under the same limit, named by its index."""
    report = jss.score(factories.history(3), as_of=date(2026, 12, 1))
    judgement = report.impacts[0]
    with pytest.raises(InvalidValueError) as refused:
        attrs.evolve(judgement, reasons=("ok", "x" * (LIMIT + 1)))
    assert (f"{type(judgement).__name__}.reasons[1]", RULE) == (
        refused.value.field,
        refused.value.rule,
    )


def test_serialize_refuses_a_long_title_with_its_path() -> None:
    data = json.loads(serialize.to_json(_contract(title="Logo")))
    data["title"] = "x" * (LIMIT + 1)
    with pytest.raises(InvalidDataError) as refused:
        serialize.from_json(Contract, json.dumps(data))
    (problem,) = refused.value.problems
    assert ("$.title", RULE) == (problem.path, problem.rule)


class TestSignedZeroRate:
    """``--fee-rate=-0%`` was accepted and echoed as "-0%"."""

    @pytest.mark.parametrize("rate", ["-0%", "-0", "-0.00", Decimal("-0")])
    def test_the_library_refuses_it_as_a_negative_rate(self, rate: object) -> None:
        with pytest.raises(InvalidValueError) as refused:
            fees.service_fee(USD, on=date(2025, 6, 2), rate=rate)
        assert ("rate", "a fraction from 0 up to (not including) 1") == (
            refused.value.field,
            refused.value.rule,
        )

    def test_zero_is_still_a_rate(self) -> None:
        assert Money("0.00", "USD") == fees.service_fee(USD, on=date(2025, 6, 2), rate="0%")

    @pytest.mark.parametrize(
        "argv",
        [
            ("fees", "100", "--on", "2025-06-02", "--fee-rate=-0%"),
            (
                "withdraw",
                "100",
                "--rate",
                "280",
                "--spread=-0%",
                "--now",
                "2026-12-03T09:00:00+00:00",
            ),
        ],
    )
    def test_the_cli_refuses_it_naming_the_option(self, argv: tuple[str, ...], capsys) -> None:
        with pytest.raises(SystemExit) as stopped:
            main(list(argv), out=io.StringIO())
        err = capsys.readouterr().err
        assert 2 == stopped.value.code
        option = argv[-3] if argv[0] == "withdraw" else argv[-1]
        assert f"argument {option.split('=')[0]}: the rate is a fraction" in err
        assert "got '-0%'" in err


def test_no_platform_rule_bounds_a_time_entry() -> None:
    """DOMAIN.md section 3 has none: a 1000-year entry is billed week by week (52,143 weeks)."""
    long = hourly.TimeEntry(T0, T0 + timedelta(days=365_000))
    assert 52_143 == len(hourly.weeks_of([long]))
    with pytest.raises(InvalidValueError) as refused:
        hourly.TimeEntry(T0, datetime(9991, 1, 1, tzinfo=timezone.utc))
    assert ("TimeEntry.end", "on or before 9990-12-31") == (
        refused.value.field,
        refused.value.rule,
    )
