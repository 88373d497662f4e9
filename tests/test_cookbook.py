"""Checks on the teaching pages beyond their doctests.

The ``pycon`` examples of docs/*.md run in tests/test_docs.py.  The command
line reference (docs/cli.md) shows ``console`` sessions instead; these tests
run every ``$ upwork-safety …`` line in it, with the example files the page
shows, and compare the output with the page, so the reference cannot drift
from the command.  A line holding only ``…`` in a shown output stands for
lines left out.

The testing page (docs/testing.md) shows a typical test module of another
project; it is run here against a small stand-in for that project.
"""

from __future__ import annotations

import argparse
import functools
import re
import shlex
import shutil
import sys
import types
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pytest

from upwork_safety import Contract, ContractKind, Money, cli, escrow, serialize

if TYPE_CHECKING:
    from datetime import datetime

ROOT = Path(__file__).resolve().parent.parent
CLI_PAGE = ROOT / "docs" / "cli.md"
CONSOLE = re.compile(r"^```console\n(.*?)^```", re.MULTILINE | re.DOTALL)
JSON_FILE = re.compile(r"^`([\w.-]+\.json)`[^\n]*\n\n```json\n(.*?)^```", re.MULTILINE | re.DOTALL)
ELISION = "…"
#: Described in the page's prose rather than shown as a file.
EXTRA_FILES = {
    "baddate.json": '{"id": "c1", "client": "acme", "kind": "fixed_price", "started": "2025-06-31"}\n',
}


def sessions(text: str) -> list[list[tuple[str, str]]]:
    """Split each console block of *text* into (command, shown output) pairs."""
    found = []
    for block in CONSOLE.findall(text):
        steps: list[tuple[str, list[str]]] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            else:
                steps[-1][1].append(line)
        found.append([(command, "\n".join(output)) for command, output in steps])
    return found


def tidy(text: str) -> str:
    """Drop trailing spaces and surrounding blank lines."""
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n")


def shown_in(expected: str, actual: str) -> bool:
    """Whether *actual* matches *expected*, where ``…`` lines stand for any text."""
    chunks = [tidy(c) for c in re.split(rf"^{ELISION}$", tidy(expected), flags=re.MULTILINE)]
    if len(chunks) == 1:
        return chunks[0] == actual
    position = 0
    for chunk in chunks:
        if not chunk:
            continue
        found = actual.find(chunk, position)
        if found < 0:
            return False
        position = found + len(chunk)
    return bool(chunks[0] == "" or actual.startswith(chunks[0])) and bool(
        chunks[-1] == "" or actual.endswith(chunks[-1])
    )


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run the command line as the shell would; return (status, stdout + stderr)."""
    try:
        status = cli.main(argv)
    except SystemExit as exc:  # argparse: --help and usage errors
        status = int(exc.code or 0)
    captured = capsys.readouterr()
    return status, tidy(captured.out + captured.err)


PAGE = CLI_PAGE.read_text("utf-8")
SESSIONS = [s for s in sessions(PAGE) if s[0][0].startswith("upwork-safety")]


def test_page_shows_sessions_and_files():
    """The CLI page has console sessions to check and shows its example files."""
    assert len(SESSIONS) >= 10
    assert {"history.json", "offer.json"} <= {name for name, _ in JSON_FILE.findall(PAGE)}


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: s[0][0][:60])
def test_console_session_prints_what_the_page_shows(session, tmp_path, monkeypatch, capsys):
    """Every command in the CLI reference prints exactly the output shown under it."""
    for name, content in JSON_FILE.findall(PAGE):
        (tmp_path / name).write_text(content, encoding="utf-8")
    for name, content in EXTRA_FILES.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    # The statement examples read the synthetic exports by their path in the repository.
    shutil.copytree(ROOT / "docs" / "examples", tmp_path / "docs" / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "80")
    status = 0
    for command, expected in session:
        if command == "echo $?":
            assert tidy(expected) == str(status)
            continue
        argv = shlex.split(command)
        assert argv[0] == "upwork-safety"
        status, actual = run(argv[1:], capsys)
        assert shown_in(expected, actual), f"$ {command}\n{actual}"
        error = actual.startswith("upwork-safety") and ": error: " in actual
        assert (2 if error else 0) == status, command


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = cli.build_parser()
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


@pytest.mark.parametrize("name", sorted(_subcommands()))
def test_every_command_and_option_is_documented(name):
    """The CLI page has a section for each subcommand naming every one of its options."""
    section = PAGE.split(f"## `{name}`\n", 1)
    assert len(section) == 2, f"no section for {name}"
    common = PAGE.split("## Options every command takes", 1)[1].split("\n## ", 1)[0]
    body = section[1].split("\n## ", 1)[0] + common
    for action in _subcommands()[name]._actions:
        for flag in action.option_strings:
            assert flag in body, f"{name} {flag}"
        if not action.option_strings:
            assert action.dest.upper() in body or action.dest in body, f"{name} {action.dest}"


def test_elision_matching():
    """A ``…`` line in shown output stands for any lines; without one, the match is exact."""
    assert shown_in("a\n…\nc", "a\nb\nc")
    assert shown_in("…\nc", "a\nb\nc")
    assert not shown_in("a\n…\nd", "a\nb\nc")
    assert not shown_in("b\n…\nc", "a\nb\nc")
    assert not shown_in("a\nb", "a\nb\nc")


TESTING_PAGE = ROOT / "docs" / "testing.md"


def _fake_mytool() -> dict[str, types.ModuleType]:
    """The ``mytool`` modules the testing page imports, written with upwork_safety."""

    @attrs.frozen
    class Card:
        title: str
        in_escrow: Money

    def summarise(contract: Contract, *, now: datetime) -> Card:
        if contract.kind is ContractKind.FIXED_PRICE:
            held = escrow.ledger(contract, now).in_escrow
        else:
            held = Money.zero("USD")
        return Card(f"{contract.id}: {contract.kind.value}", held)

    def format_amount(amount: Money, *, locale: str) -> str:
        return amount.format(locale=locale)

    package = types.ModuleType("mytool")
    dashboard = types.ModuleType("mytool.dashboard")
    dashboard.summarise = summarise  # type: ignore[attr-defined]
    dashboard.format_amount = format_amount  # type: ignore[attr-defined]
    storage = types.ModuleType("mytool.storage")
    storage.to_row = serialize.to_json  # type: ignore[attr-defined]
    storage.from_row = functools.partial(serialize.from_json, Contract)  # type: ignore[attr-defined]
    return {"mytool": package, "mytool.dashboard": dashboard, "mytool.storage": storage}


@pytest.mark.slow
def test_testing_page_suite_runs(monkeypatch):
    """The typical suite on the testing page imports, and every test in it passes."""
    text = TESTING_PAGE.read_text("utf-8").split("## A typical test in your suite", 1)[1]
    (code,) = re.findall(r"^```python\n(.*?)^```", text, re.MULTILINE | re.DOTALL)[:1]
    for name, module in _fake_mytool().items():
        monkeypatch.setitem(sys.modules, name, module)
    namespace: dict[str, object] = {}
    exec(compile(code, str(TESTING_PAGE), "exec"), namespace)  # noqa: S102  (the page's own example)
    tests = [f for name, f in namespace.items() if name.startswith("test_") and callable(f)]
    assert len(tests) == 4
    for test in tests:
        test()
