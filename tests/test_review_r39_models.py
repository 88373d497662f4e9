"""Review r39 (review pass): identifiers, day hints, decimals in JSON, run-time type hints."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from upwork_safety import Contract, ContractKind, Milestone, Money, Payment
from upwork_safety.errors import InvalidTypeError
from upwork_safety.statements import Transaction

PKT = timezone(timedelta(hours=5))
# 2 March 02:00 in Karachi is 1 March in UTC: value.date() would be a day late.
KARACHI_NIGHT = datetime(2026, 3, 2, 2, 0, tzinfo=PKT)
UTC_HINT = "pass its UTC day, value.astimezone(timezone.utc).date()"
NAIVE_HINT = "value.date()"


def _contract():
    return Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2026, 1, 5))


def _row(**changes):
    return attrs.evolve(
        Transaction(line=2, on=date(2026, 1, 5), kind="bonus", amount=Money("5.00", "USD")),
        **changes,
    )


DAY_FIELDS = [
    (lambda day: attrs.evolve(_contract(), ended=day), "Contract.ended"),
    (lambda day: attrs.evolve(_contract(), started=day), "Contract.started"),
    (lambda day: Contract("c1", "acme", ContractKind.FIXED_PRICE, day), "Contract.started"),
    (lambda day: Payment(day, Money("5.00", "USD")), "Payment.on"),
    (lambda day: Milestone("m1", "Logo", Money("5.00", "USD"), due=day), "Milestone.due"),
    (lambda day: _row(on=day), "Transaction.on"),
]


@pytest.mark.parametrize(("build", "field"), DAY_FIELDS)
@pytest.mark.parametrize("moment", [KARACHI_NIGHT, KARACHI_NIGHT.astimezone(timezone.utc)])
def test_an_aware_datetime_in_a_day_field_is_told_to_pass_its_utc_day(build, field, moment):
    """The hint names the UTC day, the library's one rule for days (review 3)."""
    with pytest.raises(InvalidTypeError) as caught:
        build(moment)
    assert (field, "a date") == (caught.value.field, caught.value.rule)
    assert UTC_HINT in str(caught.value)
    assert NAIVE_HINT + " " not in str(caught.value)


def test_following_the_hint_gives_the_day_payment_at_needs():
    """Payment.on built with the hinted day is the UTC day of Payment.at, so it is accepted."""
    with pytest.raises(InvalidTypeError) as caught:
        Payment(KARACHI_NIGHT, Money("100.00", "USD"), at=KARACHI_NIGHT)
    assert UTC_HINT in str(caught.value)
    day = KARACHI_NIGHT.astimezone(timezone.utc).date()
    assert date(2026, 3, 1) == Payment(day, Money("100.00", "USD"), at=KARACHI_NIGHT).on


def test_a_naive_datetime_keeps_the_day_written_hint():
    """A naive moment (a pandas date column) has only the day written to read."""
    with pytest.raises(InvalidTypeError) as caught:
        Payment(datetime(2026, 3, 2, 2, 0), Money("5.00", "USD"))
    assert "pass a date (e.g. value.date() for the day written)" in str(caught.value)
    assert "astimezone" not in str(caught.value)


def test_the_serialize_docstring_states_the_decimal_rule_the_reader_enforces():
    """Other decimals and durations take canonical text or a JSON integer, written back as text.

    The module docstring said they follow Money's "never a JSON number" rule and
    are "written back as they were"; the reader (and docs/api/serialize.md's
    table) takes a JSON integer (review 6).  Docs and code now say one thing.
    """
    from upwork_safety import Feedback, serialize
    from upwork_safety.errors import InvalidDataError

    loaded = serialize.from_json(Feedback, '{"stars": 4}')
    assert Decimal(4) == loaded.stars
    assert '{"stars":"4"}' == serialize.to_json(loaded)
    assert timedelta(seconds=90) == serialize.from_dict(timedelta, 90)
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_json(Money, '{"amount": 5, "currency": "USD"}')
    assert [("$.amount", "canonical decimal text")] == [
        (problem.path, problem.rule) for problem in caught.value.problems
    ]
    doc = " ".join((serialize.__doc__ or "").split())
    assert "Other decimals (star ratings, fee rates, hours) follow the same rule" not in doc
    assert "or a JSON integer" in doc
    assert '``{"stars": "4"}``' in doc


# Review 2: an identifier is refused, not stripped, when it is not written as it shows.

ID_RULE = "no surrounding spaces, line breaks, tabs or invisible characters"
UNWRITTEN = [" acme", "acme ", "acme\n", "\tacme", "ac\tme", "ac\nme", "a\u200bcme", "acme\u00a0"]
AT = datetime(2024, 3, 1, 9, tzinfo=timezone.utc)


def _build_id(kind, ident):
    from upwork_safety import Client, escrow

    builds = {
        "Client.id": lambda: Client(ident),
        "Contract.id": lambda: Contract(ident, "acme", ContractKind.FIXED_PRICE, date(2024, 3, 1)),
        "Contract.client": lambda: Contract(
            "c1", ident, ContractKind.FIXED_PRICE, date(2024, 3, 1)
        ),
        "Milestone.id": lambda: Milestone(ident, "Logo", Money("5.00", "USD")),
        "Fund.milestone_id": lambda: escrow.Fund(ident, AT),
        "Payment.milestone_id": lambda: Payment(
            date(2024, 3, 1), Money("5.00", "USD"), milestone_id=ident
        ),
    }
    return builds[kind]()


ID_FIELDS = [
    "Client.id",
    "Contract.id",
    "Contract.client",
    "Milestone.id",
    "Fund.milestone_id",
    "Payment.milestone_id",
]


@pytest.mark.parametrize("kind", ID_FIELDS)
@pytest.mark.parametrize("ident", UNWRITTEN)
def test_an_id_not_written_as_it_shows_is_refused(kind, ident):
    """Surrounding spaces, line breaks, tabs, invisible characters: refused with field and rule."""
    from upwork_safety.errors import InvalidValueError

    with pytest.raises(InvalidValueError) as caught:
        _build_id(kind, ident)
    field = "Client.id" if kind == "Contract.client" else kind
    assert (field, ID_RULE) == (caught.value.field, caught.value.rule)


@pytest.mark.parametrize("kind", ID_FIELDS)
@pytest.mark.parametrize("ident", ["acme", "Acme Ltd", "\u0627\u062d\u0645\u062f", "c-1_2"])
def test_an_id_written_as_it_shows_is_kept_as_written(kind, ident):
    """Spaces inside and other scripts are ids as before."""
    assert _build_id(kind, ident) is not None


def test_a_padded_id_no_longer_makes_a_second_client_for_jss():
    """The report's repro: 'acme ' beside 'acme' made two clients and a 100% JSS."""
    from upwork_safety.errors import InvalidValueError
    from upwork_safety.testing import factories

    with pytest.raises(InvalidValueError) as caught:
        factories.finished_contract(contract_id="h2", client="acme ", started=date(2025, 3, 6))
    assert ("client", ID_RULE) == (caught.value.field, caught.value.rule)


@pytest.mark.parametrize(
    ("cls", "data", "path"),
    [
        ("Client", {"id": "acme "}, "$.id"),
        (
            "Milestone",
            {"id": "m1\t", "title": "Logo", "amount": {"amount": "5", "currency": "USD"}},
            "$.id",
        ),
        ("Fund", {"milestone_id": "\u200bm1", "at": "2024-03-01T09:00:00Z"}, "$.milestone_id"),
    ],
)
def test_a_loaded_id_not_written_as_it_shows_is_refused_at_its_path(cls, data, path):
    """from_dict builds through the constructors: the same rule, at the JSON path."""
    import upwork_safety
    from upwork_safety import escrow, serialize
    from upwork_safety.errors import InvalidDataError

    kind = getattr(escrow, cls, None) or getattr(upwork_safety, cls)
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_dict(kind, data)
    assert [(path, ID_RULE)] == [(p.path, p.rule) for p in caught.value.problems]


def test_free_text_beside_ids_keeps_its_old_rule():
    """A milestone's title is text, not an id: only blank is refused."""
    from upwork_safety.errors import InvalidValueError

    assert "Logo \n v2" == Milestone("m1", "Logo \n v2", Money("5.00", "USD")).title
    with pytest.raises(InvalidValueError) as caught:
        Milestone("m1", " \u200b", Money("5.00", "USD"))
    assert ("Milestone.title", "not empty") == (caught.value.field, caught.value.rule)


_REPORT_HEAD = (
    "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
    "Amount in local currency,Currency,Balance\n"
)


def _report(*teams):
    from upwork_safety import statements

    rows = [
        f'"Jan {day:02d}, 2026",{day},Fixed Price,Invoice,,,"{team}",,,150.00,,,{150 * day}.00\n'
        for day, team in enumerate(teams, 1)
    ]
    return statements.parse(_REPORT_HEAD + "".join(rows))


def test_a_statement_keeps_a_padded_team_cell_and_to_contracts_refuses_it():
    """The export's cell is held as written; the client id it would make is refused, not stripped."""
    from upwork_safety import statements
    from upwork_safety.errors import InvalidValueError

    statement = _report("Acme", "Acme ")
    assert ["Acme", "Acme "] == [row.client for row in statement.transactions]
    with pytest.raises(InvalidValueError) as caught:
        statements.to_contracts(statement)
    assert ("statement", ID_RULE) == (caught.value.field, caught.value.rule)
    assert "line 3" in str(caught.value)
    fixed = [attrs.evolve(row, client="Acme") for row in statement.transactions]
    contracts = statements.to_contracts(attrs.evolve(statement, transactions=fixed))
    assert ["Acme"] == [contract.client.id for contract in contracts]


def test_a_statement_row_keeps_its_id_cell_as_written():
    """A row's Ref ID is a cell of the export, kept as written (red team r39, hostile2 5: one
    padded Transaction ID refused the whole export); only the cells to_contracts makes ids
    of are held to the id rule. A NUL still says it is no text export."""
    from upwork_safety.errors import InvalidValueError

    row = _row()
    assert "71000 " == attrs.evolve(row, id="71000 ").id
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(row, id="71\x0000")
    assert ("Transaction.id", "text") == (caught.value.field, caught.value.rule)


# Review 7: every public signature resolves at run time (typing.get_type_hints).

#: Public callables whose hints cannot resolve at run time, each with its reason.
UNRESOLVED = {
    # matplotlib is an optional extra and costs most of a second to import:
    # Axes stays under TYPE_CHECKING, so `import upwork_safety.plot` stays cheap.
    "upwork_safety.plot.jss_timeline": "Axes: matplotlib, imported on use",
    "upwork_safety.plot.withdrawals": "Axes: matplotlib, imported on use",
    # pandas is an optional extra: DataFrame stays under TYPE_CHECKING (review r42, 6).
    "upwork_safety.jss._population.score_frame": "pd.DataFrame: pandas, imported on use",
    # Hypothesis's @st.composite builds its wrapper in a module of its own, whose
    # globals hold none of ours; the library cannot give it a namespace.
    "upwork_safety.testing._contract_strategies.fixed_price_contracts": "st.composite",
    "upwork_safety.testing._contract_strategies.hourly_contracts": "st.composite",
}


def _public_callables():
    import importlib
    import inspect
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from _public import LEFT_OUT, MODULES

    names = list(MODULES) + [
        name for name in LEFT_OUT if name != "upwork_safety.testing.strategies"
    ]
    if importlib.util.find_spec("hypothesis") is not None:
        names.append("upwork_safety.testing.strategies")
    seen = set()
    for module_name in names:
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            found = []
            if inspect.isclass(value):
                found.append((f"{value.__module__}.{value.__qualname__}.__init__", value.__init__))
                for key, attribute in vars(value).items():
                    unwrapped = getattr(attribute, "__func__", attribute)
                    member = getattr(unwrapped, "fget", unwrapped)
                    if not key.startswith("_") and inspect.isfunction(member):
                        found.append((f"{value.__module__}.{value.__qualname__}.{key}", member))
            elif inspect.isfunction(value):
                qualified = f"{value.__module__}.{value.__qualname__}".replace(
                    "accept.<locals>.", ""
                )
                found.append((qualified, value))
            for qualified, function in found:
                if qualified not in seen:
                    seen.add(qualified)
                    yield qualified, function


def test_every_public_signature_resolves_at_run_time():
    """typing.get_type_hints reads every public function's and method's hints (review 7).

    70 of them raised NameError: their names were imported only under
    TYPE_CHECKING.  The walk is tests/_public.py's modules' ``__all__``, the
    classes' ``__init__`` and public methods.
    """
    import typing

    failed = {}
    count = 0
    for qualified, function in _public_callables():
        count += 1
        try:
            typing.get_type_hints(function)
        except NameError as error:
            failed[qualified] = str(error)
    assert count > 300
    assert {} == {name: why for name, why in failed.items() if name not in UNRESOLVED}
    assert set(failed) <= set(UNRESOLVED)
