"""Closing note r26's open item: every list field of a value is bounded, reports' too.

A value's list field is read by a converter (``_validate.as_tuple`` and the
converters built on it), which cannot name its field, and checked by its
validator, which can.  The converter reads an iterator one item past
``MAX_ITEMS``; the validator refuses a tuple past it.  These tests walk every
such field in the library, so a new one paired with a validator that does
not count is caught here, and feed the reports an endless iterator.
"""

import importlib
import itertools
import pkgutil
from datetime import date

import attrs
import pytest

import upwork_safety
from upwork_safety import InvalidTypeError, InvalidValueError, _decimals, _validate, escrow, jss
from upwork_safety.escrow import _choices as escrow_choices
from upwork_safety.jss import _reason_codes
from upwork_safety.testing import factories as f

_LIST_CONVERTERS = {
    _validate.as_tuple,
    _validate.plain_texts,
    _validate.plain_ints,
    escrow_choices._plain_refusals,
    _reason_codes.codes_of_text,
    _reason_codes.score_codes_of_text,
}


def _list_fields():
    found = []
    for module in pkgutil.walk_packages(upwork_safety.__path__, "upwork_safety."):
        if module.name.endswith("__main__"):
            continue
        namespace = vars(importlib.import_module(module.name))
        for value in namespace.values():
            if isinstance(value, type) and attrs.has(value) and value.__module__ == module.name:
                found.extend(
                    pytest.param(value, field, id=f"{value.__name__}.{field.name}")
                    for field in attrs.fields(value)
                    if field.converter in _LIST_CONVERTERS
                )
    return found


_FIELDS = _list_fields()


def test_the_walk_finds_the_reports_list_fields():
    names = {param.id for param in _FIELDS}
    assert {"JSSReport.impacts", "JSSReport.windows", "Forecast.bins", "Impact.reasons"} <= names
    assert {"Impact.codes", "JSSReport.reason_codes", "ScheduledPayout.funds"} <= names
    assert {"PayoutSchedule.items", "WeeklyInvoice.pauses", "Choices.refused_rules"} <= names
    assert len(_FIELDS) >= 20


@pytest.mark.parametrize(("cls", "field"), _FIELDS)
def test_every_list_fields_validator_refuses_a_tuple_past_the_limit(cls, field, monkeypatch):
    """The converter stops an iterator one past the limit, so the validator must refuse it."""
    monkeypatch.setattr(_decimals, "MAX_ITEMS", 3)
    instance = object.__new__(cls)  # only its type is read: the name in the error
    one_past = field.converter(iter([object()] * 10))
    assert len(one_past) == 4  # read no further than one past the limit
    with pytest.raises(InvalidValueError) as caught:
        field.validator(instance, field, one_past)
    assert caught.value.field == f"{cls.__name__}.{field.name}"
    assert caught.value.rule == "at most 3 items"


@pytest.mark.parametrize(("cls", "field"), _FIELDS)
@pytest.mark.parametrize("kind", [set, frozenset])
def test_every_list_field_refuses_a_set(cls, field, kind):
    """A value keeps its items in order; a set's order changes between runs, so it is refused.

    Left open in r42: ``ScheduledPayout.funds`` and ``PayoutSchedule.items`` took a set and
    kept whatever order it gave, so two equal calls could build unequal values.
    """
    instance = object.__new__(cls)  # only its type is read: the name in the error
    given = kind({"a", "b"})
    converted = field.converter(given)
    assert converted is given  # left for the validator, which names the field
    with pytest.raises(InvalidTypeError) as caught:
        field.validator(instance, field, converted)
    assert caught.value.field == f"{cls.__name__}.{field.name}"
    assert caught.value.rule == "an ordered sequence"


def test_a_dicts_keys_keep_its_order_and_are_read():
    keys = {"a": 1, "b": 2}.keys()
    assert _validate.as_tuple(keys) == ("a", "b")


def test_an_endless_iterator_given_as_a_reports_impacts_is_refused():
    report = jss.score([f.contract()], as_of=date(2026, 12, 1))
    endless = itertools.repeat(report.impacts[0])
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(report, impacts=endless)
    assert caught.value.field == "JSSReport.impacts"
    assert caught.value.rule == f"at most {_decimals.MAX_ITEMS:,} items"


def test_an_endless_iterator_of_reasons_is_refused():
    report = jss.score([f.contract()], as_of=date(2026, 12, 1))
    impact = report.impacts[0]
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(impact, reasons=itertools.repeat("counted"))
    assert caught.value.field == "Impact.reasons"


def test_a_finite_iterator_is_still_read_whole():
    contract = f.contract()
    allowed = escrow.allowed(contract, contract.milestones[0].id)
    rebuilt = attrs.evolve(allowed, allowed=iter(allowed.allowed))
    assert rebuilt == allowed


def _own_converter_cases():
    """Fields whose own converter reads the tuple: each given a set of valid items."""
    from upwork_safety import rules, statements

    row = statements.parse(
        "Date,Contract,Hours,Amount,Payment type\n"
        "2024-09-02,Logo design (38100002),,150.00,Fixed Price Payment\n"
    ).transactions[0]
    jss_rules = rules.JSS_CURRENT
    schedules = rules.PAYMENT_SCHEDULES
    return [
        pytest.param(lambda: attrs.evolve(row, extra={("Team", "A"), ("PO", "7")}), id="extra"),
        pytest.param(lambda: rules.Payday(weekday=2, weeks={1, 3}), id="Payday.weeks"),
        pytest.param(lambda: rules.Payday(weekday=0, weeks=(-1,), months={3, 6}), id="months"),
        pytest.param(
            lambda: attrs.evolve(
                schedules, deferred_when_all_new=set(schedules.deferred_when_all_new)
            ),
            id="deferred_when_all_new",
        ),
        pytest.param(
            lambda: attrs.evolve(
                jss_rules, negative_end_reasons=set(jss_rules.negative_end_reasons)
            ),
            id="negative_end_reasons",
        ),
        pytest.param(lambda: attrs.evolve(jss_rules, windows={24, 12}), id="windows"),
        pytest.param(lambda: attrs.evolve(jss_rules, trending={3, 1}), id="trending"),
        pytest.param(
            lambda: attrs.evolve(jss_rules, weight_tiers=set(jss_rules.weight_tiers)),
            id="weight_tiers",
        ),
    ]


@pytest.mark.parametrize("build", _own_converter_cases())
def test_a_field_with_its_own_converter_refuses_a_set_of_valid_items(build):
    """Diff review r43 2: these converters read a set in whatever order it iterated."""
    with pytest.raises(InvalidTypeError) as caught:
        build()
    assert caught.value.rule == "an ordered sequence"


def test_a_fee_audits_groups_refuse_a_set():
    from upwork_safety import statements

    audit = statements.audit_fees(
        statements.parse(
            "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,Amount in local currency,Currency,Balance\n"
        )
    )
    with pytest.raises(InvalidTypeError) as caught:
        attrs.evolve(audit, mixed_rates=frozenset())
    assert (caught.value.field, caught.value.rule) == (
        "FeeAudit.mixed_rates",
        "an ordered sequence",
    )


def test_an_ordered_dicts_keys_keep_its_order_and_are_read():
    """Second red team r43 F3: an OrderedDict's keys were refused as "a set"."""
    from collections import OrderedDict

    given = OrderedDict([("b", 1), ("a", 2)])
    assert _validate.as_tuple(given.keys()) == ("b", "a")
    assert _validate.as_tuple(given.items()) == (("b", 1), ("a", 2))


#: Tuple fields of public values whose converter is not one of _LIST_CONVERTERS, each with
#: the test above that gives it a set (or a reason it takes none: a fixed-size pair).
_OWN_CONVERTERS = {
    "Transaction.extra",
    "Payday.weeks",
    "Payday.months",
    "PaymentScheduleRules.deferred_when_all_new",
    "JSSRules.windows",
    "JSSRules.trending",
    "JSSRules.weight_tiers",
    "JSSRules.negative_end_reasons",
    "FeeAudit.mixed_rates",
    # Refused since r41 (an ordered sequence, tests/test_review_r41_models.py and neighbours):
    "Contract.milestones",
    "Contract.payments",
    "Contract.time_entries",
    "RuleHistory.presets",
    "ServiceFeeSchedule.tiers",
    # Fixed-size pairs and tables read as one value, refused unless a tuple or list:
    "Transition.edges",
    "Transition.wait",
    "Finding.span",
    "FeeCheck.allowed",
    "WithdrawalMethod.business_days",
    "WithdrawalMethod.sources",
    "PlatformRules.weekly_payment_start_percent",
    "PlatformRules.weekly_payment_end_percent",
}


def test_every_public_tuple_field_is_walked_or_listed():
    """A new tuple field of a public value is caught here until a test gives it a set."""
    import typing

    walked = {param.id for param in _FIELDS}
    missing = []
    seen = set()
    for module in pkgutil.walk_packages(upwork_safety.__path__, "upwork_safety."):
        if module.name.endswith("__main__"):
            continue
        if any(part.startswith("_") for part in module.name.split(".")):
            continue  # a private module's __all__ lists its names for the package
        imported = importlib.import_module(module.name)
        public = set(getattr(imported, "__all__", ()))
        for name in public:
            value = getattr(imported, name)
            if not (isinstance(value, type) and attrs.has(value)):
                continue
            hints = typing.get_type_hints(value)
            for field in attrs.fields(value):
                if not field.init:
                    continue
                hint = hints.get(field.name)
                kinds = typing.get_args(hint) if typing.get_origin(hint) is not tuple else ()
                if typing.get_origin(hint) is tuple or any(
                    typing.get_origin(kind) is tuple for kind in kinds
                ):
                    label = f"{value.__name__}.{field.name}"
                    seen.add(label)
                    if label not in walked and label not in _OWN_CONVERTERS:
                        missing.append(label)
    assert {"Transaction.extra", "JSSReport.impacts", "Contract.milestones"} <= seen
    assert sorted(set(missing)) == [], sorted(set(missing))
