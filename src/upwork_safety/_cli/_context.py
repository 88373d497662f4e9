"""What a command is given: where to write, the clock, and the files, read by the CLI (private).

Commands never print, open files or read the clock themselves: the
``upwork-safety`` entry point (:mod:`upwork_safety.cli`) hands them a
:class:`Context` that does, so everything here stays testable and pure.
"""

from __future__ import annotations

import shlex
from contextlib import contextmanager
from typing import TYPE_CHECKING

from upwork_safety._cli._printer import Printer
from upwork_safety.errors import InvalidDataError, UpworkSafetyError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping, Sequence
    from datetime import date, datetime
    from typing import TextIO

    from upwork_safety.models import Contract
    from upwork_safety.statements import Statement

__all__ = [
    "CLIError",
    "Context",
    "contracts_from_json",
    "only_with",
    "options_for",
    "problems_error",
]


class CLIError(Exception):
    """A problem with the command line or an input file, for the person at the terminal.

    Args:
        message: The first line, naming the option or file.
        details: Further lines (e.g. every problem in a bad file).
    """

    def __init__(self, message: str, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.details = tuple(details)


def only_with(flag: str, owner: str, options: Sequence[str], *, given: bool) -> None:
    """Refuse *options*, which only *flag* uses, when *given* without it: they would do nothing.

    An option ignored without a word reads as one that worked: ``statement
    --fee-rate`` without ``--audit`` (review r21 L2), ``jss --days`` without
    ``--timeline`` (newcomer r27 2).  *owner* names what *flag* adds (``the
    audit's``); the refusal names every one of *options* and the flag to add.
    """
    if given:
        names = " and ".join([", ".join(options[:-1]), options[-1]] if options[1:] else options)
        raise CLIError(f"{names} {'are' if options[1:] else 'is'} {owner}: add {flag}")


@contextmanager
def options_for(given: Mapping[str, str | None]) -> Iterator[None]:
    """Within it, a library error about an argument the command filled from an option names it.

    The library's errors say which of its arguments is at fault in ``field``
    (``"rate"``); the person at the terminal gave an option (``--fee-rate
    12%``).  Each command lists, for the library arguments it fills from its
    options, the option as given (``{"rate": "--fee-rate 12%"}``; ``None``
    when the option was not given), and an error about one of them becomes a
    :class:`CLIError` starting with that option.  An error about any other
    field is left as it is.  The decision is made on ``field`` alone, never on
    the message's text.

    Options whose values the library could refuse are checked where argparse
    reads them, or before the call, in the command's own words; this is for
    the refusals only the rules in force can make (a contract rate outside
    the schedule's range).
    """
    try:
        yield
    except UpworkSafetyError as error:
        option = given.get(error.field) if error.field is not None else None
        if option is None:
            raise
        raise CLIError(f"{option}: {error}") from None


def problems_error(path: str, error: InvalidDataError) -> CLIError:
    """Every problem *error* found in the file at *path*, one per line (bounded by the error).

    The lines under the head are the error's own, as it bounds them (its
    problems, ``… and N more``, and ``… and reading stopped there`` when it
    stopped early): red team r23 L2, rebuilt here they had lost the last.
    """
    count = error.count
    some = "" if error.complete else "at least "
    head = f"{path}: {some}{count} problem{'s' if count != 1 else ''}"
    return CLIError(head + ":", str(error).split("\n")[1:])


def contracts_from_json(path: str, text: str) -> list[Contract]:
    """The contracts in a JSON file's *text*: one contract or a list of them."""
    from upwork_safety import serialize
    from upwork_safety.models import Contract

    try:
        if text.lstrip().startswith("["):
            contracts = serialize.from_json(list[Contract], text)
        else:
            contracts = [serialize.from_json(Contract, text)]
    except InvalidDataError as error:
        raise _export_error(path, text) or problems_error(path, error) from None
    if not contracts:
        raise CLIError(f"{path}: the file holds an empty list; expected contracts")
    return contracts


def _export_error(path: str, text: str) -> CLIError | None:
    """The refusal of an Upwork CSV export given where contracts were expected, or ``None``.

    A newcomer's likeliest wrong file is their export (newcomer r27 3): the
    JSON reader's "Extra data: line 1 column 7" did not say so.  Whether
    *text* is one is :func:`upwork_safety.statements.format_of`'s answer,
    the rule :func:`~upwork_safety.statements.parse` recognises exports by.
    """
    from upwork_safety import statements

    try:
        export = statements.format_of(text)
    except UpworkSafetyError:  # the text is not even one to look for an export's header in
        return None
    if export is None:
        return None
    return CLIError(
        f"{path}: this is an Upwork CSV export (a {export.title}), not a JSON file of contracts",
        [
            f"  Read it with: upwork-safety statement {shlex.quote(path)}",
            (
                "  For contracts from it, use statements.to_contracts in Python and write "
                "them with serialize.to_json"
            ),
        ],
    )


class Context:
    """What one command may use.

    Args:
        out: Where the command writes (the CLI shows it only if the command succeeds).
        json: Whether to write JSON instead of text.
        locale: The ``--locale`` for amounts in text, or ``None``.
        today: The current UTC day (the CLI reads the clock; commands never do).
        now: The current moment, UTC.
        read_contracts: Reads a JSON file of contracts.
        read_statement: Reads an Upwork CSV export (``unknown_types=`` as
            :func:`upwork_safety.statements.parse`).
        read_message: Reads a message's text from a file, or from standard
            input for ``"-"``.
    """

    def __init__(
        self,
        out: TextIO,
        *,
        json: bool,
        locale: str | None,
        today: Callable[[], date],
        now: Callable[[], datetime],
        read_contracts: Callable[[str], list[Contract]],
        read_statement: Callable[..., Statement],
        read_message: Callable[[str], str],
    ) -> None:
        self.out = out
        self.json = json
        self.locale = locale
        self.today = today
        self.now = now
        self.read_contracts = read_contracts
        self.read_statement = read_statement
        self.read_message = read_message

    def printer(self) -> Printer:
        """A :class:`Printer` on :attr:`out` in the chosen money style."""
        return Printer(self.out, self.locale)

    def dump(self, data: object) -> None:
        """Write *data* as JSON with every field, through the library's one converter."""
        from upwork_safety import serialize

        self.out.write(serialize.to_json(data, indent=2, omit_defaults=False) + "\n")
