"""The commands of ``upwork-safety`` (private; the entry point is :mod:`upwork_safety.cli`).

Each command is a pair of functions in its own module: one adds its options
to an argparse parser, one runs it with a :class:`~._context.Context` that
does every bit of I/O for it.  :data:`COMMANDS` lists them in the order
``upwork-safety --help`` shows them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from upwork_safety._cli import _checks, _demo, _fees, _jss, _rules, _statement, _week

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from upwork_safety._cli._context import Context

__all__ = ["COMMANDS", "Command"]


class Command(NamedTuple):
    """One subcommand: its name, one-line help, options and what it does."""

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Context], int]


#: Every command, in the order the help lists them.
COMMANDS: tuple[Command, ...] = (
    Command("demo", _demo.HELP, _demo.add_arguments, _demo.run),
    Command("fees", _fees.FEES_HELP, _fees.add_fees_arguments, _fees.run_fees),
    Command("withdraw", _fees.WITHDRAW_HELP, _fees.add_withdraw_arguments, _fees.run_withdraw),
    Command("jss", _jss.HELP, _jss.add_arguments, _jss.run),
    Command("check", _checks.CHECK_HELP, _checks.add_check_arguments, _checks.run_check),
    Command("week", _week.HELP, _week.add_arguments, _week.run),
    Command("scan", _checks.SCAN_HELP, _checks.add_scan_arguments, _checks.run_scan),
    Command("statement", _statement.HELP, _statement.add_arguments, _statement.run),
    Command("rules", _rules.HELP, _rules.add_arguments, _rules.run),
)
