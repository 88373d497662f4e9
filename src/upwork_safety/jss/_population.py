"""Many freelancers at once: :func:`score_many` streams reports, :func:`score_frame` fills a table.

Both take one day and one rule set for the whole batch (pass ``rules=`` for
a batch that must not depend on the day it runs), judge each history exactly
as :func:`~upwork_safety.jss.score` does, and give the results in input
order.  :func:`score_frame` needs pandas (the ``pandas`` extra).
"""

from __future__ import annotations

import decimal
import importlib.util
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from upwork_safety._validate import utc_day
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.jss._model import _client_ids, _contracts, _report, _rules
from upwork_safety.models import Contract
from upwork_safety.money import CONTEXT, exact

if TYPE_CHECKING:
    from datetime import date, datetime

    from upwork_safety.jss._reports import JSSReport
    from upwork_safety.rules import JSSRules

__all__ = ["PANDAS_HINT", "score_frame", "score_many"]

#: The command that installs what :func:`score_frame` needs (pandas).
PANDAS_HINT = (
    "pip install pandas (the 'pandas' extra: pip install '.[pandas]' from a checkout of "
    "upwork_safety, which is not on a package index)"
)


def score_many(
    histories: Iterable[Iterable[Contract]],
    *,
    as_of: date | datetime,
    rules: JSSRules | None = None,
    exclude_clients: Iterable[str] = (),
) -> Iterator[JSSReport]:
    """Score many freelancers' histories on one day, one report at a time, in order.

    The histories are read lazily and each report is yielded as soon as it
    is computed, so a million histories (read from a file, a database
    cursor or a Dask partition) never need to be in memory at once.

    Args:
        histories: One history (a sequence of contracts) per freelancer.
        as_of: The day every history is scored on.
        rules: The rule set for every history; default the one in force on
            *as_of* (looked up once).
        exclude_clients: Client ids to leave out of every score.

    Returns:
        An iterator of :class:`~upwork_safety.jss.JSSReport`, one per
        history, in the order of *histories*; each equals
        ``score(history, as_of=as_of, rules=rules)``.

    Raises:
        InvalidTypeError: *histories* is not an iterable of histories (a
            single history or contract is refused up front; a bad history
            is reported with its index, e.g. ``histories[3]``, when it is
            reached).
        InvalidValueError: A naive datetime.
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
    day = utc_day(as_of, "as_of")
    chosen = _rules(rules, day)
    excluded = _client_ids(exclude_clients)
    return _stream(histories, day, chosen, excluded)


def _stream(
    histories: Iterable[Iterable[Contract]],
    day: date,
    rules: JSSRules,
    excluded: frozenset[str],
) -> Iterator[JSSReport]:
    for index, history in enumerate(histories):
        if isinstance(history, Contract):
            raise InvalidTypeError(
                f"histories[{index}] is a single Contract; each history is a sequence of "
                "contracts (histories is a sequence of those)",
                field=f"histories[{index}]",
                rule="a sequence of Contract",
            )
        # Each history in the library's decimal context: a generator runs in its caller's.
        with decimal.localcontext(CONTEXT):
            report = _report(_contracts(history, f"histories[{index}]"), day, rules, excluded)
        yield report


def _pandas() -> Any:
    if importlib.util.find_spec("pandas") is None:
        raise ImportError(f"jss.score_frame needs pandas, which is not installed: {PANDAS_HINT}")
    return importlib.import_module("pandas")


@exact
def score_frame(
    frame: object,
    *,
    as_of: date | datetime,
    rules: JSSRules | None = None,
    freelancer: str = "freelancer",
    contract: str = "contract",
    exclude_clients: Iterable[str] = (),
) -> Any:
    """Score a table of contracts, one row per contract, grouped by freelancer.

    Args:
        frame: A pandas DataFrame with a *freelancer* column (any hashable
            id) and a *contract* column holding :class:`~upwork_safety.Contract`
            values (e.g. read with :func:`upwork_safety.serialize.from_json`).
        as_of: The day every freelancer is scored on.
        rules: The rule set for every freelancer; default the one in force
            on *as_of*.
        freelancer: The name of the column that says whose contract a row is.
        contract: The name of the column holding the contracts.
        exclude_clients: Client ids to leave out of every score.

    Returns:
        A DataFrame indexed by freelancer (in order of first appearance)
        with columns ``score`` (``Int64``, missing when not eligible),
        ``reason`` and ``window`` (``string``) and ``contracts`` (``int64``).

    Raises:
        ImportError: pandas is not installed (the message gives the
            ``pip install`` command for the ``pandas`` extra).
        InvalidTypeError: *frame* is not a DataFrame, or a cell of the
            contract column is not a Contract.
        InvalidValueError: A column is missing or named twice, or a row has no freelancer
            (it is refused, never dropped).
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
                f"frame has no {column!r} column (the {what} column; name it with {what}=)",
                field=what,
                rule="a column of frame",
            )
        if list(table.columns).count(column) > 1:
            raise InvalidValueError(
                f"frame has {list(table.columns).count(column)} columns named {column!r}; "
                f"the {what} column must be one",
                field=what,
                rule="one column of that name",
            )
    missing = table[freelancer].isna()
    if missing.any():
        raise InvalidValueError(
            f"frame has {int(missing.sum())} row(s) without a {freelancer!r} value (first at "
            f"index {table.index[missing.to_numpy().nonzero()[0][0]]!r}): every contract "
            "needs its freelancer",
            field=freelancer,
            rule="no missing freelancer ids",
        )
    try:
        groups = table.groupby(freelancer, sort=False)[contract]
        keys = list(groups.groups)
    except TypeError:  # pandas cannot group by an unhashable id (a list, a dict)
        raise InvalidTypeError(
            f"frame's {freelancer!r} column must hold hashable ids (str or int), such as "
            "a freelancer's name or number",
            field=freelancer,
            rule="hashable freelancer ids",
        ) from None
    reports = score_many(
        (list(groups.get_group(key)) for key in keys),
        as_of=as_of,
        rules=rules,
        exclude_clients=exclude_clients,
    )
    scores, reasons, windows, counts = [], [], [], []
    for report in reports:
        scores.append(report.score)
        reasons.append(report.reason)
        windows.append(report.window)
        counts.append(len(report.impacts))
    index = pd.Index(keys, name=freelancer)
    return pd.DataFrame(
        {
            "score": pd.array(scores, dtype="Int64"),
            "reason": pd.array(reasons, dtype="string"),
            "window": pd.array(windows, dtype="string"),
            "contracts": pd.array(counts, dtype="int64"),
        },
        index=index,
    )
