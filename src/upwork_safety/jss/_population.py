"""Many freelancers at once: :func:`score_many` streams reports, :func:`score_frame` fills a table.

Both take one day and one rule set for the whole batch (pass ``rules=`` for
a batch that must not depend on the day it runs), judge each history exactly
as :func:`~upwork_safety.jss.score` does, and give the results in input
order.  :func:`score_frame` needs pandas (the ``pandas`` extra).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal, overload

from upwork_safety._decimals import restore_context
from upwork_safety._display import shown
from upwork_safety._moments import utc_day
from upwork_safety._records import plain_value
from upwork_safety.errors import InvalidTypeError, InvalidValueError, UpworkSafetyError
from upwork_safety.jss._excluded import excluded_ids
from upwork_safety.jss._facts import paid_at, paid_at_each
from upwork_safety.jss._invariants import UNIQUE_IDS
from upwork_safety.jss._model import _contracts, _report, _rules
from upwork_safety.jss._reports import JSSReport
from upwork_safety.models import Contract
from upwork_safety.money import exact
from upwork_safety.rules import JSSRules, RuleHistory

if TYPE_CHECKING:  # pandas stays optional at run time (review r42, review 6)
    import pandas as pd

__all__ = ["PANDAS_HINT", "score_frame", "score_many"]

#: The command that installs what :func:`score_frame` needs (pandas).
PANDAS_HINT = (
    "pip install pandas (the 'pandas' extra: pip install '.[pandas]' from a checkout of "
    "upwork_safety, which is not on a package index)"
)


#: What :func:`score_many` does with a history that breaks a rule: its ``errors`` values.
_ManyErrors = Literal["raise", "yield"]
_ERRORS: tuple[str, ...] = ("raise", "yield")


@overload
def score_many(
    histories: Iterable[Iterable[Contract]],
    *,
    as_of: date | datetime,
    rules: JSSRules | RuleHistory[JSSRules] | None = None,
    exclude_clients: Iterable[str] = (),
    errors: Literal["raise"] = "raise",
) -> Iterator[JSSReport]: ...
@overload
def score_many(
    histories: Iterable[Iterable[Contract]],
    *,
    as_of: date | datetime,
    rules: JSSRules | RuleHistory[JSSRules] | None = None,
    exclude_clients: Iterable[str] = (),
    errors: Literal["yield"],
) -> Iterator[JSSReport | UpworkSafetyError]: ...
def score_many(
    histories: Iterable[Iterable[Contract]],
    *,
    as_of: date | datetime,
    rules: JSSRules | RuleHistory[JSSRules] | None = None,
    exclude_clients: Iterable[str] = (),
    errors: _ManyErrors = "raise",
) -> Iterator[JSSReport] | Iterator[JSSReport | UpworkSafetyError]:
    """Score many freelancers' histories on one day, one report at a time, in order.

    The histories are read lazily and each report is yielded as soon as it
    is computed, so a million histories (read from a file, a database
    cursor or a Dask partition) never need to be in memory at once.

    What can be checked at the call is refused at the call: the arguments,
    and *histories* itself when it is not an iterable of histories (a
    dict, a single contract, or a sequence whose first item is a
    ``Contract``: one history where a list of them was meant).  A history
    is checked when it is reached, as ``score`` checks it; what happens to
    one that breaks a rule (a contract id twice, an item that is not a
    contract) is chosen by *errors*.

    Args:
        histories: One history (a sequence of contracts) per freelancer.
        as_of: The day every history is scored on.
        rules: The rule set for every history; default the one in force on
            *as_of* (looked up once).
        exclude_clients: Client ids to leave out of every score.  One list
            serves many freelancers (an agency's flagged clients, or one
            list for every batch of a population), so an id is not checked
            against the histories, unlike ``score``'s: an id that names no
            client leaves nothing out.
        errors: ``"raise"`` (the default): a bad history raises its
            :class:`~upwork_safety.UpworkSafetyError`, its field naming the
            history (``histories[3][1].id``), and the iterator ends there:
            the histories after it get no report.  ``"yield"``: the error
            is yielded in that history's place and the batch goes on, so
            every history gets exactly one item, a report or the error
            that says why it has none.  Either way nothing is skipped
            silently; an error raised by *histories* itself (a generator
            that fails while reading a row) ends the iterator, since an
            iterator that has raised cannot go on.

    Returns:
        An iterator with one item per history, in the order of
        *histories*: a :class:`~upwork_safety.jss.JSSReport` equal to
        ``score(history, as_of=as_of, rules=rules)``, or, with
        ``errors="yield"``, the error of a history that breaks a rule.

    Raises:
        InvalidTypeError: At the call: *histories* is not an iterable of
            histories (see above).  While iterating, with
            ``errors="raise"``: a history that is not a sequence of
            contracts (``histories[3]``).
        InvalidValueError: At the call: a naive datetime, or *errors*
            other than ``"raise"`` or ``"yield"``.  While iterating, with
            ``errors="raise"``: a history that breaks a rule of ``score``
            (e.g. ``histories[3][4].id``, rule ``unique contract ids``).
        RulesError: A day before 2015-03-01 without explicit *rules*.
    """
    if isinstance(histories, (str, bytes, Contract, Mapping)) or not isinstance(
        histories, Iterable
    ):
        raise InvalidTypeError(
            "histories must be an iterable of histories (one sequence of Contract per "
            f"freelancer), not {type(histories).__name__}",
            field="histories",
            rule="an iterable of contract sequences",
        )
    if isinstance(histories, Sequence) and histories and isinstance(histories[0], Contract):
        # One history where a list of them was meant: refused here, not at the first
        # report, far from the mistake (red team r40, 6).  An iterator is not read twice.
        raise _single_contract(0)
    if errors not in _ERRORS:
        raise InvalidValueError(
            f"errors must be 'raise' or 'yield', not {shown(errors)}",
            field="errors",
            rule="'raise' or 'yield'",
        )
    day = utc_day(as_of, "as_of")
    chosen = _rules(rules, day)
    ids = excluded_ids(exclude_clients)
    return _stream(histories, day, chosen, ids, keep_going=errors == "yield")


def _single_contract(index: int) -> InvalidTypeError:
    """The error of a history that is one Contract, not a sequence of them."""
    return InvalidTypeError(
        f"histories[{index}] is a single Contract; each history is a sequence of "
        "contracts (histories is a sequence of those)",
        field=f"histories[{index}]",
        rule="a sequence of Contract",
    )


def _stream(
    histories: Iterable[Iterable[Contract]],
    day: date,
    rules: JSSRules,
    ids: tuple[str, ...],
    *,
    keep_going: bool,
) -> Iterator[Any]:
    excluded = frozenset(ids)
    for index, history in enumerate(histories):
        item: JSSReport | UpworkSafetyError
        try:
            item = _one(index, history, day, rules, excluded)
        except UpworkSafetyError as error:
            if not keep_going:
                raise
            item = error
        yield item


def _one(
    index: int, history: Iterable[Contract], day: date, rules: JSSRules, excluded: frozenset[str]
) -> JSSReport:
    """The report of ``histories[index]``, or the error of a history that breaks a rule."""
    if isinstance(history, Contract):
        raise _single_contract(index)
    where = f"histories[{index}]"
    # The caller's history is read first (its generator may change the decimal
    # context), then scored in a fresh copy of the library's (red team r33 1).
    items = _contracts(history, where)
    return _scored(items, day, rules, excluded, where)


@exact
def _scored(
    items: tuple[Contract, ...], day: date, rules: JSSRules, excluded: frozenset[str], where: str
) -> JSSReport:
    """One history's report, in the library's decimal context (a generator runs in its caller's)."""
    return _report(items, day, rules, excluded, paid_at_each(where, len(items)))


#: Types whose equal values are the same value: no two ids of one of them are merged wrongly.
_PLAIN_IDS = frozenset({str, int, bytes})
#: The longest id or row label an error message shows in full.
_SHOWN = 80


def _shown(value: object) -> str:
    """*value*'s repr for a message, shortened; an int too long for Python to print is described."""
    return shown(value, _SHOWN)


def _same_id(first: object, key: object) -> bool:
    """Whether *key*, equal to *first*, is also the same id: same type, written alike."""
    return first is key or (
        type(first) is type(key) and (type(key) in _PLAIN_IDS or _shown(first) == _shown(key))
    )


def _group(
    ids: list[Any], cells: list[Any], labels: list[Any], freelancer: str, contract: str
) -> dict[Any, tuple[tuple[Contract, Any], ...]]:
    """Each freelancer's contracts with their rows' index labels, in order of first appearance.

    Every row is checked.

    Ids that compare equal but differ in type or in how they are written
    (``1``, ``True`` and ``1.0``; ``0.0`` and ``-0.0``) would be one
    freelancer to a dict or to pandas; they are refused instead of merged.
    A cell that is not a Contract, or a contract id used twice by one
    freelancer, is reported with its row's index label; a ``Contract``
    subclass is read as the plain ``Contract`` it holds (:func:`plain_value`).
    """
    # id -> as written, row, contracts (with their rows)
    groups: dict[Any, tuple[Any, Any, dict[str, tuple[Contract, Any]]]] = {}
    for key, cell, label in zip(ids, cells, labels, strict=True):
        try:
            group = groups.get(key)
        except TypeError:  # an unhashable id (a list, a dict)
            raise InvalidTypeError(
                f"frame's {shown(freelancer)} column must hold hashable ids (str or int), such as "
                f"a freelancer's name or number; row {_shown(label)} holds a {type(key).__name__}",
                field=f"{freelancer}[{_shown(label)}]",
                rule="hashable freelancer ids",
            ) from None
        if group is None:
            group = groups[key] = (key, label, {})
        elif not _same_id(group[0], key):
            raise InvalidValueError(
                f"frame's {shown(freelancer)} column holds {_shown(group[0])} (row "
                f"{_shown(group[1])}) and {_shown(key)} (row {_shown(label)}), which are equal "
                "but not the same id; write each freelancer's id one way (e.g. all str)",
                field=f"{freelancer}[{_shown(label)}]",
                rule="equal ids of one type, written alike",
            )
        if not issubclass(type(cell), Contract):  # not isinstance, which believes __class__
            raise InvalidTypeError(
                f"frame's {shown(contract)} column must hold Contract values; row {_shown(label)} "
                f"(freelancer {_shown(key)}) holds a {type(cell).__name__}",
                field=f"{contract}[{_shown(label)}]",
                rule="a Contract",
            )
        # A subclass as the plain Contract it holds, as score() reads one (review r35, hostile 2).
        cell = plain_value(cell, Contract, f"{contract}[{_shown(label)}]")  # noqa: PLW2901
        history = group[2]
        if cell.id in history:
            raise InvalidValueError(
                f"freelancer {_shown(key)} has two contracts with id {shown(cell.id)} (the second "
                f"in row {_shown(label)}); ids must be unique so every impact can be told apart",
                field=f"{contract}[{_shown(label)}].id",
                rule=UNIQUE_IDS,
            )
        history[cell.id] = (cell, label)
    return {key: tuple(group[2].values()) for key, group in groups.items()}


def _pandas() -> Any:
    if importlib.util.find_spec("pandas") is None:
        raise ImportError(f"jss.score_frame needs pandas, which is not installed: {PANDAS_HINT}")
    return importlib.import_module("pandas")


@exact
def score_frame(
    frame: pd.DataFrame,
    *,
    as_of: date | datetime,
    rules: JSSRules | RuleHistory[JSSRules] | None = None,
    freelancer: str = "freelancer",
    contract: str = "contract",
    exclude_clients: Iterable[str] = (),
) -> pd.DataFrame:
    """Score a table of contracts, one row per contract, grouped by freelancer.

    Args:
        frame: A pandas DataFrame with a *freelancer* column (any hashable
            id, tuples included) and a *contract* column holding
            :class:`~upwork_safety.Contract` values (e.g. read with
            :func:`upwork_safety.serialize.from_json`).  The columns are
            read even when an index level has the same name.  Ids that are
            equal but of different types or written differently (``1``,
            ``True``, ``1.0``) are refused, never merged into one freelancer.
        as_of: The day every freelancer is scored on.
        rules: The rule set for every freelancer; default the one in force
            on *as_of*.
        freelancer: The name of the column that says whose contract a row is.
        contract: The name of the column holding the contracts.
        exclude_clients: Client ids to leave out of every score, one list
            for every freelancer, not checked against the rows (as
            :func:`score_many`'s).

    Returns:
        A DataFrame indexed by freelancer (in order of first appearance)
        with columns ``score`` (``Int64``, missing when not eligible),
        ``reason`` and ``window`` (``string``), ``contracts_counted``
        (``int64``: the contracts the score counts on *as_of*, the longest
        window's; none that starts after *as_of*) and ``contracts_given``
        (``int64``: the freelancer's rows, excluded ones too).

    Raises:
        ImportError: pandas is not installed (the message gives the
            ``pip install`` command for the ``pandas`` extra).
        InvalidTypeError: *frame* is not a DataFrame, an id is not
            hashable, or a cell of the contract column is not a Contract.
            A bad cell's field is its column and its row's index label:
            ``freelancer[3]`` (the *freelancer* column's name), ``contract[3]``.
        InvalidValueError: A column is missing or named twice (the field
            is ``freelancer`` or ``contract``, the argument), the two columns
            are one, a row has no freelancer (it is refused, never dropped;
            the field names the first such row, e.g. ``freelancer[3]``),
            equal ids differ in type or writing (the field names the second
            row, e.g. ``freelancer[7]``), or one freelancer has two contracts
            with the same id (the field names the row, e.g. ``contract[3].id``).
    """
    pd = _pandas()
    if not isinstance(frame, pd.DataFrame):
        raise InvalidTypeError(
            f"frame must be a pandas DataFrame, not {type(frame).__name__}",
            field="frame",
            rule="a pandas DataFrame",
        )
    table: Any = frame
    for column, what in ((freelancer, "freelancer"), (contract, "contract")):
        if column not in table.columns:
            raise InvalidValueError(
                f"frame has no {shown(column)} column (the {what} column; name it with {what}=)",
                field=what,
                rule="a column of frame",
            )
        if list(table.columns).count(column) > 1:
            raise InvalidValueError(
                f"frame has {list(table.columns).count(column)} columns named {shown(column)}; "
                f"the {what} column must be one",
                field=what,
                rule="one column of that name",
            )
    if freelancer == contract:
        raise InvalidValueError(
            f"the freelancer and contract columns are both {shown(freelancer)}; name two columns",
            field="contract",
            rule="a column other than the freelancer column",
        )
    day = utc_day(as_of, "as_of")
    chosen = _rules(rules, day)
    listed = excluded_ids(exclude_clients)
    # The columns themselves (a column wins over an index level of the same name).
    ids = table[freelancer]
    missing = ids.isna()
    if missing.any():
        first = _shown(table.index.tolist()[missing.to_numpy().nonzero()[0][0]])
        raise InvalidValueError(
            f"frame has {int(missing.sum())} row(s) without a {shown(freelancer)} value (first at "
            f"index {first}): every contract needs its freelancer",
            field=f"{freelancer}[{first}]",
            rule="no missing freelancer ids",
        )
    groups = _group(
        ids.tolist(), table[contract].tolist(), table.index.tolist(), freelancer, contract
    )
    excluded = frozenset(listed)  # one list for many freelancers: not checked (see score_many)
    restore_context()  # the caller's table was read: the library's context back (red team r33 1)
    scores, reasons, windows, counted, given = [], [], [], [], []
    for rows in groups.values():
        history = tuple(cell for cell, _ in rows)
        where = [paid_at(f"{contract}[{_shown(label)}]") for _, label in rows]
        report = _report(history, day, chosen, excluded, where)
        scores.append(report.score)
        reasons.append(report.reason)
        windows.append(report.window)
        counted.append(report.windows[0].contracts)
        given.append(len(report.impacts))
    # tupleize_cols=False: tuple ids stay ids, not the levels of a MultiIndex.
    index = pd.Index(list(groups), name=freelancer, tupleize_cols=False)
    return pd.DataFrame(
        {
            "score": pd.array(scores, dtype="Int64"),
            "reason": pd.array(reasons, dtype="string"),
            "window": pd.array(windows, dtype="string"),
            "contracts_counted": pd.array(counted, dtype="int64"),
            "contracts_given": pd.array(given, dtype="int64"),
        },
        index=index,
    )
