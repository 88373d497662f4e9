"""The library reads no clock and does no I/O outside the CLI (DESIGN.md principle 2)."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "upwork_safety"
MODULES = sorted(p for p in SRC.rglob("*.py") if p.name not in {"cli.py", "__main__.py"})

CLOCK_CALLS = {
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("date", "today"),
    ("time", "time"),
    ("time", "time_ns"),
    ("time", "monotonic"),
    ("time", "perf_counter"),
    ("time", "localtime"),
    ("time", "gmtime"),
    ("time", "sleep"),
}
IO_NAMES = {"open", "print", "input", "breakpoint"}
FORBIDDEN_MODULES = {"socket", "urllib", "http", "requests", "subprocess", "shutil"}


def offences(path: Path) -> list[str]:
    """Return each clock read, I/O call or I/O import in *path*."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in IO_NAMES:
                found.append(f"{path.name}:{node.lineno}: {func.id}()")
            if isinstance(func, ast.Attribute):
                owner = func.value
                owner_name = (
                    owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
                )
                if (owner_name, func.attr) in CLOCK_CALLS:
                    found.append(f"{path.name}:{node.lineno}: {owner_name}.{func.attr}()")
                if func.attr in {"read_text", "write_text", "open"} and owner_name != "":
                    found.append(f"{path.name}:{node.lineno}: .{func.attr}()")
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            found += [
                f"{path.name}:{node.lineno}: import {n}"
                for n in names
                if n.split(".")[0] in FORBIDDEN_MODULES
            ]
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_clock_and_no_io(path):
    """No clock reads, no open/print/input and no I/O modules in library code."""
    assert offences(path) == []


def test_scanner_catches_offences(tmp_path):
    """The scanner itself finds each kind of offence (so the test above can fail)."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import datetime, time, socket\n"
        "datetime.datetime.now()\n"
        "datetime.date.today()\n"
        "time.time()\n"
        "print('x')\n"
        "open('f')\n",
        "utf-8",
    )
    assert len(offences(bad)) == 6
