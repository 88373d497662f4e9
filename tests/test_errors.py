"""Tests for upwork_safety.errors: one family, with the field and rule as attributes."""

import ast
import enum
import pathlib
import pickle
from collections.abc import Iterator
from datetime import date, datetime, timezone
from decimal import Decimal

import attrs
import pytest

import upwork_safety
from upwork_safety import (
    Client,
    Contract,
    ContractKind,
    CurrencyMismatchError,
    InvalidDataError,
    InvalidTypeError,
    InvalidValueError,
    Milestone,
    Money,
    RulesError,
    TransitionError,
    UpworkSafetyError,
    _decimals,
    _display,
    checks,
    escrow,
    fees,
    jss,
    rules,
)
from upwork_safety.errors import MAX_PROBLEMS, Problem
from upwork_safety.fees import PaymentScheduleRules


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (CurrencyMismatchError, ValueError),
        (InvalidDataError, ValueError),
        (InvalidValueError, ValueError),
        (InvalidTypeError, TypeError),
        (TransitionError, ValueError),
        (RulesError, ValueError),
    ],
)
def test_family(error, builtin):
    """Every error is an UpworkSafetyError and the matching builtin, importable from the top."""
    assert issubclass(error, UpworkSafetyError)
    assert issubclass(error, builtin)
    assert error is getattr(upwork_safety, error.__name__)


def test_field_and_rule_are_attributes_that_pickle():
    """Errors carry field and rule as attributes, kept through pickling (process pools)."""
    err = InvalidValueError(
        "Milestone.amount must be more than zero", field="Milestone.amount", rule="more than zero"
    )
    back = pickle.loads(pickle.dumps(err))
    assert (str(err), "Milestone.amount", "more than zero") == (str(back), back.field, back.rule)
    assert (None, None) == (UpworkSafetyError("x").field, UpworkSafetyError("x").rule)


def test_library_errors_name_their_field():
    """A refusal from a constructor names the field in .field (no message parsing needed)."""
    with pytest.raises(UpworkSafetyError) as info:
        Money("12,50", "USD")
    assert "Money.amount" == info.value.field


def test_transition_error_carries_context_and_pickles():
    """TransitionError keeps its details through pickling."""
    err = TransitionError(
        "no", milestone_id="m1", state="NOT_FUNDED", event="Submit", allowed=("Fund",)
    )
    back = pickle.loads(pickle.dumps(err))
    assert ("no", "m1", "NOT_FUNDED", "Submit", ("Fund",)) == (
        str(back),
        back.milestone_id,
        back.state,
        back.event,
        back.allowed,
    )


def test_invalid_data_error_lists_problems_and_pickles():
    """InvalidDataError lists each problem and pickles."""
    err = InvalidDataError(["$.a: bad", "$.b: worse"])
    assert "2 problems in the data:\n  $.a: bad\n  $.b: worse" == str(err)
    back = pickle.loads(pickle.dumps(err))
    assert (("$.a: bad", "$.b: worse"), 2) == (back.problems, back.count)
    assert "1 problem in the data:\n  $: x" == str(InvalidDataError(["$: x"]))


def test_invalid_data_error_names_its_argument_and_pickles():
    """InvalidDataError can name the argument the data came in and the rule, kept when pickled."""
    err = InvalidDataError(["line 1: bad"], field="text", rule="an Upwork CSV export")
    back = pickle.loads(pickle.dumps(err))
    assert ("text", "an Upwork CSV export", ("line 1: bad",)) == (
        back.field,
        back.rule,
        back.problems,
    )
    assert (None, None) == (InvalidDataError(["$: x"]).field, InvalidDataError(["$: x"]).rule)


def test_invalid_data_error_is_bounded():
    """200,000 problems keep the first MAX_PROBLEMS and count the rest: the message stays short."""
    err = InvalidDataError([f"$[{i}]: bad" for i in range(200_000)])
    assert (MAX_PROBLEMS, 200_000) == (len(err.problems), err.count)
    assert len(str(err)) < 100 * MAX_PROBLEMS
    assert str(err).endswith(f"… and {200_000 - MAX_PROBLEMS} more")
    counted = InvalidDataError(["$[0]: bad"], count=7)
    assert (1, 7) == (len(counted.problems), counted.count)
    assert 7 == pickle.loads(pickle.dumps(counted)).count


def test_invalid_data_error_counts_noted_problems_once():
    """Review r8 #11: problems a kept message already counts (noted) are not counted again."""
    err = InvalidDataError(
        ["line 4: bad; 2 more lines, not listed", "line 9: worse"], count=5, noted=2
    )
    assert (5, 2) == (err.count, err.noted)
    assert str(err).endswith("  … and 1 more")
    assert not str(InvalidDataError(["x"], count=3, noted=2)).endswith("more")
    back = pickle.loads(pickle.dumps(err))
    assert (5, 2, str(err)) == (back.count, back.noted, str(back))
    for noted in (-1, 4, True, 10**5000):
        with pytest.raises(InvalidValueError) as info:
            InvalidDataError(["x"], count=3, noted=noted)
        assert "noted" == info.value.field


class TestProblems:
    """Fifth round: an InvalidDataError's problems were plain text, so a caller could learn
    which field failed only by reading the message.  Each is a Problem: the same text, with
    its path, message and rule as attributes."""

    def test_a_loaded_contract_names_the_path_and_rule(self):
        from upwork_safety import serialize

        data = {"id": "c1", "client": "acme", "kind": "fixed_price", "started": "2024-03-01"}
        data["milestones"] = [
            {"id": "m1", "title": "Logo", "amount": {"amount": "5.005", "currency": "USD"}}
        ]
        with pytest.raises(InvalidDataError) as info:
            serialize.from_dict(Contract, data)
        (problem,) = info.value.problems
        assert isinstance(problem, Problem)
        assert ("$.milestones[0].amount", "whole minor units") == (problem.path, problem.rule)
        assert f"{problem.path}: {problem.message}" == problem

    def test_a_missing_field_and_a_repeated_key(self):
        from upwork_safety import serialize

        with pytest.raises(InvalidDataError) as info:
            serialize.from_dict(Contract, {"id": "c1", "kind": "hourly", "started": "2024-03-01"})
        assert [("$.client", "required")] == [(p.path, p.rule) for p in info.value.problems]
        with pytest.raises(InvalidDataError) as info:
            serialize.from_json(Contract, '{"id": "a", "id": "b"}')
        assert [("$.id", "each key once")] == [(p.path, p.rule) for p in info.value.problems]

    def test_a_statement_names_the_line(self):
        from upwork_safety import statements

        text = "Date,Contract,Hours,Amount,Payment type\n2024-09-02,Logo (1),0.2,5,\n"
        with pytest.raises(InvalidDataError) as info:
            statements.parse(text)
        (problem,) = info.value.problems
        assert (2, "line 2, column 3 (Hours)") == (problem.line, problem.path)

    def test_plain_text_is_kept_as_a_problem_without_a_path(self):
        error = InvalidDataError(["something is wrong"])
        assert (None, "something is wrong") == (error.problems[0].path, error.problems[0].message)

    def test_problems_pickle_with_their_attributes(self):
        error = InvalidDataError([Problem("$.a", "bad", rule="a rule", line=3)], count=4)
        again = pickle.loads(pickle.dumps(error))
        (problem,) = again.problems
        assert ("$.a", "bad", "a rule", 3, 4) == (
            problem.path,
            problem.message,
            problem.rule,
            problem.line,
            again.count,
        )


# --------------------------------------------------------------------------- bounded messages

_HUGE = "x" * 1_000_000
_AT = datetime(2025, 3, 3, tzinfo=timezone.utc)
_CONTRACT = Contract(
    "c",
    "a",
    ContractKind.FIXED_PRICE,
    date(2025, 3, 3),
    milestones=[Milestone("m1", "Logo, 3 concepts", Money("100", "USD"))],
)


_REPORT = jss.score([], as_of=date(2025, 1, 1))
# The longest id a contract holds (review r26: free text is bounded by MAX_TEXT_CHARS).
_HUGE_ID = Contract("x" * checks.MAX_TEXT_CHARS, "a", ContractKind.FIXED_PRICE, date(2024, 1, 1))


_LONGEST = "x" * checks.MAX_TEXT_CHARS


@pytest.mark.parametrize(
    ("call", "field", "given"),
    [
        (lambda: escrow.allowed(_CONTRACT, _HUGE), "milestone_id", _HUGE),
        (lambda: checks.scan_message("hi", direction=_HUGE), "direction", _HUGE),
        (lambda: checks.Finding(_HUGE, "warning", "m", "a"), "Finding.code", _HUGE),
        (
            lambda: fees.quote_withdrawal(Money("100", "USD"), _HUGE, reference_rate=None),
            "method",
            _HUGE,
        ),
        (lambda: _decimals.fraction(_HUGE, "rate"), "rate", _HUGE),
        (lambda: attrs.evolve(_REPORT, score=90, window=_HUGE), "JSSReport.window", _HUGE),
        (lambda: _REPORT.impact(_HUGE), "contract_id", _HUGE),
        (lambda: fees.Payday(_HUGE), "Payday.weekday", _HUGE),
        (
            lambda: PaymentScheduleRules(default_schedule=_HUGE),
            "PaymentScheduleRules.default_schedule",
            _HUGE,
        ),
        # The longest id a value holds (review r26: free text is bounded by MAX_TEXT_CHARS).
        (
            lambda: escrow.apply(_CONTRACT, escrow.Fund(_LONGEST, _AT)),
            "event.milestone_id",
            _LONGEST,
        ),
        (
            lambda: jss.score([_HUGE_ID, _HUGE_ID], as_of=date(2025, 1, 1)),
            "contracts[1].id",
            _LONGEST,
        ),
    ],
    ids=[
        "allowed",
        "scan_message",
        "Finding",
        "withdrawal method",
        "fraction",
        "report window",
        "report impact",
        "Payday",
        "default schedule",
        "apply, the longest id",
        "duplicate contract id, the longest",
    ],
)
def test_a_huge_value_gives_a_short_message(call, field, given):
    """A huge id or value (1,000,000 characters, or the longest a value holds) is quoted cut short."""
    with pytest.raises(UpworkSafetyError) as info:
        call()
    assert len(str(info.value)) < 600
    assert f"{len(given):,} characters" in str(info.value)
    assert field == info.value.field


def test_display_cuts_text_and_reprs():
    """shown() quotes short values whole and cuts long ones, saying how long text was."""
    assert "'m1'" == _display.shown("m1")
    assert "'xxxx'… (10 characters)" == _display.shown("x" * 10, limit=4)
    assert "b'xxxx'… (10 bytes)" == _display.shown(b"x" * 10, limit=4)
    assert "[1, 2, 3, 4]" == _display.shown([1, 2, 3, 4], limit=5)  # items each cut, not the list
    assert "['xxxx'… (10 characters), 2]" == _display.shown(["x" * 10, 2], limit=4)
    # Any other value whole up to OTHER_LIMIT: a Money's amount is what a message is about.
    assert "Money(amount=Decimal('-1234.56'), currency='USD')" == _display.shown(
        Money("-1234.56", "USD")
    )
    assert "a number of more than 19 digits" == _display.shown(10**5000)
    assert "<_Seven.SEVEN>" == _display.shown(_Seven.SEVEN)  # a member by its name, never its say


class _Seven(enum.IntEnum):
    SEVEN = 7


class _Loud:
    """An item a bounded repr must never reach (its repr fails the test)."""

    def __repr__(self) -> str:
        raise AssertionError("the whole container was printed")


class _Subclassed(list):  # type: ignore[type-arg]
    """A list subclass: reprlib printed those whole (it looks a type up by its name)."""


def test_display_never_prints_a_whole_container():
    """shown() of a huge container prints its first ITEMS items and its size, never all of them.

    Regression (review): a list subclass was printed whole (15 MB for five million
    items), a bad seventh item of a tuple was hidden, and a tuple holding a huge int was
    called "a tuple too long to show".
    """
    assert "[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, … ] (5,000,000 items)" == _display.shown([0] * 5_000_000)
    assert "[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, … ] (5,000,000 items)" == _display.shown(
        _Subclassed([0] * 5_000_000)
    )
    assert "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, … ] (11 items)" == _display.shown([*range(10), _Loud()])
    assert "(24, 12, 6, 3, 1, 2, 0)" == _display.shown((24, 12, 6, 3, 1, 2, 0))
    assert "(24, a number of more than 19 digits)" == _display.shown((24, 10**5000))
    assert "('xx" == _display.shown(("x" * 1_000_000,))[:4]
    assert len(_display.shown({"k": "v" * 1_000_000})) <= 2 * _display.LIMIT + 30
    assert ("set()", "('x',)") == (_display.shown(set()), _display.shown(("x",)))
    nested: tuple[object, ...] = (1,)
    for _ in range(200_000):  # a value nested far deeper than Python's stack
        nested = (nested,)
    assert "(((…,),),)" == _display.shown(nested)


def test_a_rule_nested_deep_is_refused_by_the_library():
    """Regression (review): a rule value nested 200,000 deep raised RecursionError while it
    was made plain; it reaches the rule's type check."""
    nested: tuple[object, ...] = (1,)
    for _ in range(200_000):
        nested = (nested,)
    with pytest.raises(InvalidTypeError) as info:
        attrs.evolve(rules.CURRENT, hourly_minimum_activity=nested)
    assert "PlatformRules.hourly_minimum_activity" == info.value.field


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (12, "12"),
        (-(2**63), "-9223372036854775808"),
        (10**30, "a number of more than 19 digits"),
        (-(10**30), "a negative number of more than 19 digits"),
        (-(10**5000), "a negative number of more than 19 digits"),
    ],
    ids=["small", "64-bit", "30 digits", "-30 digits", "-5000 digits"],
)
def test_shown_int_keeps_the_sign(value, text):
    """One helper says how an int is shown: whole up to 19 digits, else described with its sign."""
    assert text == _display.shown_int(value)


def test_an_out_of_range_whole_field_keeps_the_sign():
    """Regression: optional_whole_field's own copy said 'a number of more than 19 digits' for
    -(10**30), dropping the sign the other copies kept."""
    with pytest.raises(InvalidValueError) as info:
        jss.JSSPoint(date(2025, 1, 1), -(10**30))
    assert "JSSPoint.score" == info.value.field
    assert str(info.value).endswith("got a negative number of more than 19 digits")


# --------------------------------------------------------------------------- every message site

_SRC = pathlib.Path(upwork_safety.__file__).parent

#: Values quoted with ``!r`` (or ``repr()``) in an f-string outside ``shown()``, each bounded
#: some other way: (module, expression) -> why it cannot grow with the caller's input.
QUOTED_WITHOUT_SHOWN = {
    (
        "_decimals.py",
        "float",
    ): "a float's shortest text (at most 24 characters), the Decimal to write",
    ("_money_mixing.py", "float"): "a float's shortest text, the Money to write in advice",
    ("_display.py", "base"): "shown() itself: a number's or a moment's own type's repr, cut",
    ("_display.py", "text"): "shown() itself, after cutting the text",
    ("_render.py", "char"): "one character, escaped for the terminal or an HTML table",
    ("_members.py", "member.value"): "the library's own enum values, listed as the choices",
    ("models/_feedback.py", "float"): "a float's shortest text, read as the stars, not shown",
    ("serialize/_fused.py", "kind.tag_name"): "generated code: a class's own tag",
    ("serialize/_fused.py", "a.name"): "generated code: a field's own name",
    ("serialize/_strict.py", "jsonable(a)"): "a Literal type's own choices",
    ("serialize/_strict.py", "m.value"): "the library's own enum values, listed as the choices",
    ("serialize/_strict.py", "number"): "a float's shortest text, compared with the text read",
    ("statements/_formats.py", "word"): "the library's own type words, listed as the choices",
    ("_display.py", "text[:limit]"): "shown() itself, after cutting the text",
    ("_display.py", "data"): "shown() itself, after cutting the bytes",
    ("checks/_clocks.py", "short(milestone.title, 40)"): "a finding's one-line title, cut",
    ("checks/_milestones.py", "short(title)"): "a finding's one-line title, cut",
    ("checks/_milestones.py", "short(v, 40)"): "a finding's one-line quote, cut",
    ("jss/_facts.py", "reason.value.replace('_', ' ')"): "an EndReason member's own value",
    ("jss/_reports.py", "self.window"): (
        "_check_average runs once _check_score has matched the window to a shown window label"
    ),
    ("_money_text.py", "read[0]"): "the locale name babel read (its own short name)",
    ("_money_fields.py", "upper"): "a currency code babel knows (three letters)",
    ("rules/_platform.py", "field.default"): "the library's own default for the field",
    ("serialize/_fused.py", "a.alias"): "generated code: a field name of a library class",
    ("serialize/_fused.py", "kind.tag"): "generated code: a library class's tag",
    ("serialize/_hooks.py", "TAG"): "the library's constant tag key",
    ("serialize/_problems.py", "cl"): "cattrs's note naming the library class being built",
    ("serialize/_problems.py", "key[:_KEY_CHARS]"): "a path's key, cut to 40 characters first",
    ("testing/__init__.py", "__name__"): "the module's own name",
}


_REPR_CALLS = {"repr", "ascii"}


def _quoted_reprs(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Each value quoted by its repr and not through shown(), with its line.

    An f-string's ``!r`` or ``!a``; a call of ``repr``, ``ascii`` (also as
    ``builtins.repr`` or ``reprlib.repr``) or of a value's ``__repr__``; ``%r``
    of a ``%`` format and ``!r`` of a ``str.format`` template.  A ``__repr__``
    shows the value itself, not a message, so its body is left out.
    """
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name in {"__repr__", "_repr_html_"}:
            skipped |= {id(inner) for inner in ast.walk(node)}
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.FormattedValue) and node.conversion in {ord("r"), ord("a")}:
            yield node.value.lineno, ast.unparse(node.value)
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in _REPR_CALLS and node.args:
                yield node.lineno, ast.unparse(node.args[0])
            elif name == "__repr__" and isinstance(func, ast.Attribute):
                yield node.lineno, ast.unparse(func.value)
            elif (
                name == "format"
                and isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Constant)
                and "!r" in str(func.value.value)
            ):
                yield node.lineno, ast.unparse(node)
        elif (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Mod)
            and isinstance(node.left, ast.Constant)
            and "%r" in str(node.left.value)
        ):
            yield node.lineno, ast.unparse(node.right)


def test_the_sweep_finds_every_way_to_quote_a_value():
    """The sweep below sees each way a value can be quoted by its repr (review: it saw
    f-string ``!r`` and ``repr()`` only)."""
    quoted = [
        'f"{x!r}"',
        'f"{x!a}"',
        'f"{repr(x)}"',
        "'bad ' + repr(x)",
        "builtins.repr(x)",
        "reprlib.repr(x)",
        "ascii(x)",
        "x.__repr__()",
        "'%r' % x",
        "'{!r}'.format(x)",
    ]
    assert [len(quoted)] * 1 == [sum(1 for text in quoted for _ in _quoted_reprs(ast.parse(text)))]
    assert [] == list(_quoted_reprs(ast.parse('f"{shown(x)}"; "%s" % x; "{}".format(x)')))


def test_every_quoted_value_goes_through_shown():
    """No f-string in src/ quotes a value with !r or repr() except through _display.shown(),
    bar the allow-list above (each entry says why it is bounded).  Regression: sites in
    jss/_reports.py, jss/_model.py, jss/_explain.py, rules/_payment_schedule.py,
    rules/_withdrawal.py and checks/_findings.py quoted a megabyte value whole."""
    found = set()
    unbounded = []
    for path in sorted(_SRC.rglob("*.py")):
        module = path.relative_to(_SRC).as_posix()
        for line, expression in _quoted_reprs(ast.parse(path.read_text("utf-8"))):
            found.add((module, expression))
            if (module, expression) not in QUOTED_WITHOUT_SHOWN:
                unbounded.append(f"{module}:{line}: {expression}")
    assert [] == unbounded
    assert set() == set(QUOTED_WITHOUT_SHOWN) - found  # no stale entry


class _Liar:
    """Says it is a str (isinstance believes __class__); its own methods would fail."""

    @property
    def __class__(self) -> type:  # type: ignore[override]
        return str


class _LyingBytes(bytes):
    def __getitem__(self, index: object) -> object:  # type: ignore[override]
        return 10**7

    def __len__(self) -> int:
        raise RuntimeError("asked")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (_Liar(), "<_Liar object>"),
        (type("str", (), {})(), "<str object>"),  # reprlib chose its method by the type's name
        (type("int", (), {"__repr__": lambda self: 1 / 0})(), "<int object>"),
        (_LyingBytes(b"x"), "b'x'"),
        ({}.keys(), "<dict_keys object>"),  # never repr'd: a view of millions took seconds
        (Money("-1234.56", "USD"), "Money(amount=Decimal('-1234.56'), currency='USD')"),
    ],
    ids=["lying-class", "named-str", "repr-raises", "lying-bytes", "dict-view", "money"],
)
def test_display_reads_a_value_by_its_type(value, text):
    """Regression (red team): shown() believed a lying __class__, let reprlib pick its way by
    the type's name, let a bytes subclass say its length and items (a 1-byte value made a
    40 MB message), and built the whole repr of a dict view."""
    assert text == _display.shown(value)


def test_a_lying_value_gets_the_librarys_error():
    """A value that says it is a str is refused by its type (it raised TypeError)."""
    with pytest.raises(InvalidTypeError) as client:
        Client(_Liar())  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError) as amount:
        Money(_Liar(), "USD")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError) as locale:
        Money("1", "USD").format(locale=_Liar())  # type: ignore[arg-type]
    assert ("Client.id", "Money.amount", "locale") == (
        client.value.field,
        amount.value.field,
        locale.value.field,
    )


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "field"),
    [
        ((None,), {}, InvalidTypeError, "problems"),
        ((iter(["a"]),), {}, InvalidTypeError, "problems"),
        (("abc",), {}, InvalidTypeError, "problems"),  # was three problems, one per letter
        (([None],), {}, InvalidTypeError, "problems[0]"),
        ((["a"],), {"count": "3"}, InvalidTypeError, "count"),
        ((["a"],), {"count": 1.5}, InvalidTypeError, "count"),  # printed "and 0.5 more"
        ((["a"],), {"count": True}, InvalidTypeError, "count"),
        ((["a", "b"],), {"count": 1}, InvalidValueError, "count"),  # fewer than given
        ((["a"],), {"count": -5}, InvalidValueError, "count"),  # was replaced by 1
        ((["a"],), {"count": 10**100}, InvalidValueError, "count"),
        ((["a"],), {"complete": "false"}, InvalidTypeError, "complete"),  # meant True
    ],
)
def test_invalid_data_error_checks_its_arguments(args, kwargs, error, field):
    """Regression (error sweep, r10): a None list or a NaN count raised Python's own error,
    and a float count, a str of problems or a str flag were kept as something else."""
    with pytest.raises(error) as info:
        InvalidDataError(*args, **kwargs)
    assert field == info.value.field


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "field"),
    [
        ((5, "message"), {}, InvalidTypeError, "Problem.path"),
        (("$", object()), {}, InvalidTypeError, "Problem.message"),
        (("$", "message"), {"rule": 3}, InvalidTypeError, "Problem.rule"),
        (("$", "message"), {"line": 1.5}, InvalidTypeError, "Problem.line"),
        (("$", "message"), {"line": 0}, InvalidValueError, "Problem.line"),
    ],
)
def test_problem_checks_its_arguments(args, kwargs, error, field):
    """Regression (error sweep, r10): ``Problem(5, object(), line=1.5)`` was built."""
    with pytest.raises(error) as info:
        Problem(*args, **kwargs)
    assert field == info.value.field


def test_invalid_data_error_keeps_a_count_beyond_its_problems():
    """A count above the problems given says how many more, as before."""
    error = InvalidDataError(["a", "b"], count=5)
    assert (5, 3, ("a", "b")) == (error.count, error.more, error.problems)
    assert (None, 1) == (Problem(None, "m", line=1).path, Problem(None, "m", line=1).line)


def _first_row():
    from pathlib import Path

    from upwork_safety import statements

    text = (
        Path(__file__).parent.parent / "docs/examples/synthetic-transaction-history.csv"
    ).read_text("utf-8")
    statement = statements.parse(text)
    return statement, statements.summarize(statement)


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        (
            lambda: attrs.evolve(
                _first_row()[0].transactions[0], exchange_rate=Decimal("1E+999999")
            ),
            InvalidValueError,
            "Transaction.exchange_rate",
        ),
        (
            lambda: attrs.evolve(
                _first_row()[0].transactions[0], exchange_rate=Decimal("1E-999999")
            ),
            InvalidValueError,
            "Transaction.exchange_rate",
        ),
        (
            lambda: attrs.evolve(_first_row()[1].rows[0], transactions=10**100),
            InvalidValueError,
            "SummaryRow.transactions",
        ),
        (
            lambda: upwork_safety.serialize.to_dict(Money("1", "USD"), omit_defaults="false"),
            InvalidTypeError,
            "omit_defaults",
        ),
        (
            lambda: upwork_safety.serialize.to_json(Money("1", "USD"), omit_defaults=1),
            InvalidTypeError,
            "omit_defaults",
        ),
        (lambda: jss.rule_sources(rules.CURRENT), InvalidTypeError, "rules"),
    ],
    ids=["rate-huge", "rate-tiny", "summary-count", "to-dict-flag", "to-json-flag", "jss-sources"],
)
def test_values_the_rest_of_the_library_refuses_are_refused_here_too(call, error, field):
    """Regression (error sweep, r10): a transaction kept an exchange rate of 1E+999999 that
    ``to_json`` then refused (the round trip broke); a summary row held a 101-digit count;
    ``omit_defaults='false'`` meant True; ``jss.rule_sources`` listed the platform rules."""
    with pytest.raises(error) as info:
        call()
    assert field == info.value.field


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (
            lambda: attrs.evolve(rules.CURRENT, minimum_milestone=Money("5.001", "USD")),
            "PlatformRules.minimum_milestone",
        ),
        (
            lambda: attrs.evolve(rules.CURRENT, arbitration_fee=Money("291.005", "USD")),
            "PlatformRules.arbitration_fee",
        ),
        (
            lambda: attrs.evolve(fees.PAYMENT_SCHEDULES, us_threshold=Money("100.001", "USD")),
            "PaymentScheduleRules.us_threshold",
        ),
        (
            lambda: attrs.evolve(_first_row()[1].rows[0], gross=Money("1.005", "USD")),
            "SummaryRow.gross",
        ),
    ],
    ids=["minimum-milestone", "arbitration-fee", "us-threshold", "summary-gross"],
)
def test_amounts_upwork_moves_are_whole_cents_in_rules_and_results(make, field):
    """Regression (error sweep, r10): these amounts took fractions of a cent (a USD 5.001
    minimum milestone, a summary's USD 1.005 gross), unlike every amount Upwork moves."""
    with pytest.raises(InvalidValueError) as info:
        make()
    assert (field, "whole minor units") == (info.value.field, info.value.rule)


def test_a_ledger_holds_one_currency_and_whole_cents_in_every_row():
    """Regression (error sweep, r10): ``bonus_pending``, ``bonus_available`` and ``at_risk``
    took EUR in a USD ledger, and every row took fractions of a cent."""
    from datetime import date as day

    contract = Contract(
        "c",
        "client",
        ContractKind.FIXED_PRICE,
        day(2026, 3, 1),
        milestones=(Milestone("m1", "Logo: 3 concepts", Money("50.00", "USD")),),
    )
    book = escrow.ledger(contract, datetime(2026, 3, 2, tzinfo=timezone.utc))
    with pytest.raises(CurrencyMismatchError) as currency:
        attrs.evolve(book, bonus_pending=Money("5.00", "EUR"))
    with pytest.raises(InvalidValueError) as cents:
        attrs.evolve(book, at_risk=Money("1.001", "USD"))
    assert ("Ledger.bonus_pending", "Ledger.at_risk") == (currency.value.field, cents.value.field)


def test_a_finding_amount_is_money_at_stake_in_whole_cents():
    """Regression (error sweep, r10): ``Finding.amount`` took USD -500 and fractions of a cent."""
    finding = checks.review_milestone("Build the website")[0]
    for amount in (Money("-500.00", "USD"), Money("1.005", "USD")):
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(finding, amount=amount)
        assert "Finding.amount" == info.value.field
