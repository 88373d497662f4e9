"""Developer sessions: `nox` runs tests, lint, typing and docs; `bench` and `fuzz` on demand.

Python versions come from the trove classifiers (stamina style).  Versions
that are not installed, or whose launcher cannot run, are skipped, so the
suite passes on a machine with a single Python.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = False
nox.options.sessions = ["tests", "lint", "typing", "docs", "notebook"]

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml("pyproject.toml")
CLASSIFIED = nox.project.python_versions(PYPROJECT)


def _runs(version: str) -> bool:
    """Whether `pythonX.Y` exists and starts (pyenv shims may exist but fail)."""
    exe = shutil.which(f"python{version}")
    if exe is None:
        return False
    try:
        return subprocess.run([exe, "-c", "pass"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _pythons() -> list[str]:
    found = [v for v in CLASSIFIED if _runs(v)]
    current = f"{sys.version_info.major}.{sys.version_info.minor}"
    # A machine with only an unlisted Python still runs the suite once.
    return found or [current]


PYTHONS = _pythons()


def _install(session: nox.Session, *groups: str, extras: str = "") -> None:
    session.install("--upgrade", "pip")
    requirements = [r for g in groups for r in nox.project.dependency_groups(PYPROJECT, g)]
    session.install(f".{extras}", *requirements)


@nox.session(python=PYTHONS, tags=["tests"])
def tests(session: nox.Session) -> None:
    """Run the test suite with branch coverage on each installed Python."""
    # The plot extra is installed so upwork_safety.plot is tested (headless) too.
    _install(session, "tests", extras="[plot]")
    session.run(
        "pytest",
        "--cov=upwork_safety",
        "--cov-branch",
        "--cov-report=term-missing:skip-covered",
        f"--cov-fail-under={95}",
        "-p",
        "no:cacheprovider",
        *session.posargs,
        env={"COVERAGE_FILE": f".coverage.{session.python}"},
    )


@nox.session(tags=["lint"])
def lint(session: nox.Session) -> None:
    """Check formatting and lint with ruff (select = ALL)."""
    session.install("ruff")
    session.run("ruff", "format", "--check", ".")
    session.run("ruff", "check", ".")


@nox.session(tags=["typing"])
def typing(session: nox.Session) -> None:
    """mypy strict on src/, and mypy and pyright on tests/typing/api.py."""
    _install(session, "typing")
    session.run("mypy", "src")
    session.run("mypy", "tests/typing")
    # -p . : use this project's pyproject.toml, never a pyrightconfig.json above it.
    session.run("pyright", "-p", ".", "src", "tests/typing")


@nox.session(tags=["docs"])
def docs(session: nox.Session) -> None:
    """Build the docs with warnings as errors and run every example in them."""
    _install(session, "docs")
    out = ROOT / "docs" / "_build"
    session.run("sphinx-build", "-W", "-n", "--keep-going", "-b", "html", "docs", str(out / "html"))
    session.run("pytest", "-p", "no:cacheprovider", "tests/test_docs.py")


@nox.session(tags=["docs"])
def notebook(session: nox.Session) -> None:
    """Run docs/notebook.ipynb in a fresh kernel (charts inline) and the chart tests (Agg)."""
    _install(session, "notebook", extras="[plot]")
    session.run(
        "pytest",
        "-p",
        "no:cacheprovider",
        "tests/test_notebook.py",
        "tests/test_plot.py",
    )


@nox.session(tags=["bench"])
def bench(session: nox.Session) -> None:
    """Run the benchmarks and print the table of ratios (not part of the default run)."""
    _install(session, "bench")
    session.run(
        "pytest",
        "benchmarks",
        "--benchmark-only",
        "-p",
        "no:cacheprovider",
        "-q",
        *session.posargs,
    )


@nox.session(tags=["mutation"])
def mutation(session: nox.Session) -> None:
    """Mutation testing of money, fees, escrow and jss with mutmut (slow; on demand)."""
    _install(session, "tests")
    session.install("mutmut>=3")
    session.run("mutmut", "run", *session.posargs)
    session.run("mutmut", "results")


@nox.session(tags=["scanner"])
def scanner(session: nox.Session) -> None:
    """The message scanner's precision and recall on the development and held-out sets.

    Prints the figures of docs/checks.md: the shipped scanner, the rules alone, and the
    rules-versus-model comparison (the held-out set in aggregate only).
    """
    _install(session, "tests")
    session.run("python", "-m", "benchmarks.scanner_eval", *session.posargs)
    session.run("python", "-m", "benchmarks.scanner_eval", "--rules-only")
    session.run("python", "-m", "benchmarks.scanner_model")


@nox.session(tags=["fuzz"])
def fuzz(session: nox.Session) -> None:
    """The long fuzz campaign: every hardening test with many more examples."""
    _install(session, "tests")
    session.run(
        "pytest",
        "-p",
        "no:cacheprovider",
        "-k",
        "arbitrary or fuzz or hostile or stateful or property",
        *session.posargs,
        env={"HYPOTHESIS_PROFILE": "fuzz", **os.environ},
    )
