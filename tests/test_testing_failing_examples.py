"""Red team r20 M1: a failing property shows the drawn value, not how the strategy built it.

Hypothesis prints a falsifying example as the ``st.builds`` calls and ``.map``
steps that made it when those are shorter than the value's repr: a $9.95
amount showed as ``Money(scaled(995), code)`` and 2020-07-25 as
``day(*(0, 2032))``.  Each test here runs a property that fails on purpose,
derandomized, with no shrinking or only a cheap one, and reads the example
Hypothesis reports (the exception's notes, the only place ``--tb=line`` shows it).
"""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import Phase, given, settings
from hypothesis.vendor.pretty import pretty

from upwork_safety.statements import StatementFormat
from upwork_safety.testing import factories
from upwork_safety.testing import strategies as us

#: Names of the strategies' private helpers that used to show in reports.
HELPERS = (
    "scaled(",
    "day(",
    "moment(",
    "joined(",
    "_milestone(",
    "_week_of(",
    "_entry(",
    "_pause(",
)


def _reported(strategy, *, phases=(Phase.generate,), fails_at=2):
    """The falsifying example Hypothesis reports, and the value it reports."""
    drawn = []

    @settings(database=None, derandomize=True, max_examples=20, phases=phases, deadline=None)
    @given(strategy)
    def fails(value):
        drawn.append(value)
        assert len(drawn) < fails_at

    with pytest.raises(AssertionError) as caught:
        fails()
    return "\n".join(getattr(caught.value, "__notes__", ())), drawn[-1]


def _squeezed(text):
    return "".join(text.split())


def test_a_shrunk_amount_shows_as_money_not_the_helper_call():
    """The report a newcomer saw: $9.95 printed as ``Money(scaled(995), code)``."""
    drawn = []

    @settings(database=None, derandomize=True, deadline=None)
    @given(us.money("USD"))
    def fails(m):
        drawn.append(m)
        assert m.amount < Decimal("9.95")

    with pytest.raises(AssertionError) as caught:
        fails()
    report = "\n".join(caught.value.__notes__)
    assert "m=Money(amount=Decimal('9.95'), currency='USD')," in report
    assert "scaled(" not in report
    assert "code)" not in report


def test_a_date_shows_as_a_date_not_its_raw_draws():
    """2020-07-25 printed as ``day(*(0, 2032))`` read as the year 2032."""
    report, value = _reported(us.dates(), fails_at=3)
    assert isinstance(value, date)
    assert f"value={value!r}," in report
    assert "day(" not in report


def _every_strategy():
    contract = factories.submitted_contract()
    made = {
        name: getattr(us, name)()
        for name in us.__all__
        if name not in {"moments_after", "statements"}
    }
    made["moments_after"] = us.moments_after(contract)
    for kind in StatementFormat:
        made[f"statements-{kind.value}"] = us.statements(format=kind, max_size=4)
    return made


STRATEGIES = _every_strategy()


@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_every_strategy_reports_the_value_as_it_prints(name):
    """Every public strategy's falsifying example is the value as Hypothesis prints it alone."""
    report, value = _reported(STRATEGIES[name])
    # What Hypothesis prints for this value when nothing recorded how it was built.
    alone = pretty(value)
    assert _squeezed(f"value={alone},") in _squeezed(report)
    rest = _squeezed(report).replace(_squeezed(alone), "")
    assert [helper for helper in HELPERS if helper in rest] == []


def test_a_moment_reads_as_a_datetime():
    """``aware_datetimes`` prints a datetime with its zone, not ``moment((0, n), ...)``."""
    report, value = _reported(us.aware_datetimes(), fails_at=3)
    assert f"value={value!r}," in report
    assert "datetime.datetime(" in report
    assert "moment(" not in report
