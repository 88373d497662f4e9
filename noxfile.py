"""Developer sessions: `nox` runs everything CI runs; `bench`, `fuzz` and `mutation` on demand.

Python versions come from the trove classifiers (stamina style).  On a
developer's machine, versions that are not installed (or whose launcher
cannot run) are skipped, so the suite passes with a single Python.  With
``UPWORK_SAFETY_ALL_PYTHONS=1`` (``.ci/run`` sets it) a missing version is an
error instead of a silent skip.

The default run is ``nox.options.sessions`` below, in order; each session's
docstring says what it does (``nox -l``), and docs/installation.md
("Development") lists them for readers (tests/test_package.py checks that
list against this one).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = False

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml("pyproject.toml")
CLASSIFIED = nox.project.python_versions(PYPROJECT)
CURRENT = f"{sys.version_info.major}.{sys.version_info.minor}"
#: Where every session's coverage data goes, one file per session, combined by `coverage`.
COVERAGE_DIR = ROOT / ".coverage-data"


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
    if os.environ.get("UPWORK_SAFETY_ALL_PYTHONS") == "1":
        missing = sorted(set(CLASSIFIED) - set(found))
        if missing:
            message = (
                f"UPWORK_SAFETY_ALL_PYTHONS=1 but Python {', '.join(missing)} cannot be run; "
                "install them (pyenv: export PYENV_VERSION=3.11.7:3.10.13:3.12.1:3.13.0) "
                "or unset the variable to test only the Pythons present"
            )
            raise SystemExit(message)
    # A machine with only an unlisted Python still runs the suite once.
    return found or [CURRENT]


PYTHONS = _pythons()
#: The Python that runs the one-off sessions (slow, wheel, coverage, lint, docs...).
MAIN = CURRENT if CURRENT in PYTHONS else PYTHONS[0]
#: The `tests` sessions that record coverage: the oldest Python (its own code paths,
#: such as `serialize._strict`'s date reading on 3.10) and MAIN.  The others run the
#: same tests untraced: the same code, in about half the time.
COVERED = {PYTHONS[0], MAIN}

nox.options.sessions = [
    "tests",
    "slow",
    "fast",
    "wheel",
    "coverage",
    "lint",
    "typing",
    "docs",
    "notebook",
    "calibration",
    "dask",
    "install",
]


def _install(session: nox.Session, *groups: str, extras: str = "", target: str = ".") -> None:
    session.install("--upgrade", "pip")
    requirements = [r for g in groups for r in nox.project.dependency_groups(PYPROJECT, g)]
    session.install(f"{target}{extras}", *requirements)


def _pytest(
    session: nox.Session, *args: str, coverage: str | None = None, parallel: bool = False
) -> None:
    """Run pytest; with *coverage*, record branch coverage into COVERAGE_DIR/.coverage.<name>.

    With *parallel* (the sessions that install the ``tests`` group, which has
    pytest-xdist), one worker per CPU; work is stolen so one long test does not
    hold the others back.  Test ids never hold memory addresses, so every worker
    collects the same tests (``tests/_ids.py``).
    """
    env = {}
    options: list[str] = ["-n", "auto", "--dist", "worksteal"] if parallel else []
    if coverage is not None:
        COVERAGE_DIR.mkdir(exist_ok=True)
        env["COVERAGE_FILE"] = str(COVERAGE_DIR / f".coverage.{coverage}")
        # Each session alone covers only part; the `coverage` session checks the whole.
        options += ["--cov=upwork_safety", "--cov-branch", "--cov-report=", "--cov-fail-under=0"]
    session.run("pytest", "-p", "no:cacheprovider", *options, *args, *session.posargs, env=env)


@nox.session(python=PYTHONS, tags=["tests"])
def tests(session: nox.Session) -> None:
    """The fast test set (everything not marked slow or fuzz) on each Python; coverage on two.

    Coverage is recorded on the oldest Python and on the main one (`COVERED`).
    """
    # The plot and pandas extras are installed so plot and jss.score_frame are tested too.
    _install(session, "tests", extras="[plot,pandas]")
    covered = session.python in COVERED
    _pytest(session, coverage=f"tests-{session.python}" if covered else None, parallel=True)


@nox.session(python=MAIN, tags=["tests"])
def slow(session: nox.Session) -> None:
    """The slow and fuzz-marked tests (long Hypothesis runs, megabyte inputs), once.

    Without coverage: they run, at scale, code the fast set already covers, and
    tracing them made them about 2.8x slower (CPU time, one property test).
    """
    _install(session, "tests", extras="[plot,pandas]")
    _pytest(session, "-m", "slow or fuzz", parallel=True)


@nox.session(python=MAIN, tags=["tests"])
def fast(session: nox.Session) -> None:
    """The serialisation tests with the `fast` extra (msgspec) installed: both paths compared."""
    _install(session, "tests", extras="[fast]")
    session.run("python", "-c", "import msgspec")  # the extra really is installed
    # Every serialisation test file, so each rule is also checked with msgspec's encoder.
    files = sorted(str(path.relative_to(ROOT)) for path in ROOT.glob("tests/test_serialize*.py"))
    _pytest(session, *files, "-m", "", coverage="fast")


@nox.session(python=MAIN, tags=["tests"])
def wheel(session: nox.Session) -> None:
    """Build the wheel, install it (not the source tree) and run the fast set against it."""
    session.install("--upgrade", "pip", "build")
    with tempfile.TemporaryDirectory() as out:
        session.run("python", "-m", "build", "--wheel", "--outdir", out, str(ROOT))
        (built,) = Path(out).glob("upwork_safety-*.whl")
        _install(session, "tests", extras="[plot,pandas]", target=str(built))
    # The tests must import the installed wheel: src/ is never on the path.
    session.run(
        "python",
        "-c",
        "import sys, upwork_safety; "
        "assert 'site-packages' in upwork_safety.__file__, upwork_safety.__file__; "
        "from importlib.resources import files; "
        "assert files('upwork_safety').joinpath('py.typed').is_file(); "
        "print('testing the installed wheel at', upwork_safety.__file__)",
    )
    _pytest(session, parallel=True)


@nox.session(python=MAIN, tags=["tests"])
def coverage(session: nox.Session) -> None:
    """Combine the coverage of every test session and check it (branch coverage)."""
    session.install("coverage[toml]>=7.5")
    data = sorted(COVERAGE_DIR.glob(".coverage.*")) if COVERAGE_DIR.is_dir() else []
    if not data:
        session.error("no coverage data: run the tests and fast sessions first")
    env = {"COVERAGE_FILE": str(COVERAGE_DIR / ".coverage")}
    session.run("coverage", "combine", "--keep", *map(str, data), env=env)
    session.run("coverage", "report", "--skip-covered", "--show-missing", env=env)


@nox.session(python=MAIN, tags=["lint"])
def lint(session: nox.Session) -> None:
    """Check formatting and lint with ruff (select = ALL)."""
    session.install("ruff")
    session.run("ruff", "format", "--check", ".")
    session.run("ruff", "check", ".")


@nox.session(python=MAIN, tags=["typing"])
def typing(session: nox.Session) -> None:
    """mypy strict on src/, and mypy and pyright on tests/typing/api.py."""
    _install(session, "typing")
    session.run("mypy", "src")
    session.run("mypy", "tests/typing")
    # -p . : use this project's pyproject.toml, never a pyrightconfig.json above it.
    session.run("pyright", "-p", ".", "src", "tests/typing")


@nox.session(python=MAIN, tags=["docs"])
def docs(session: nox.Session) -> None:
    """Build the docs with warnings as errors and run every example in them."""
    _install(session, "docs")
    out = ROOT / "docs" / "_build"
    session.run("sphinx-build", "-W", "-n", "--keep-going", "-b", "html", "docs", str(out / "html"))
    _pytest(session, "tests/test_docs.py")


@nox.session(python=MAIN, tags=["docs"])
def notebook(session: nox.Session) -> None:
    """Run docs/notebook.ipynb in a fresh kernel (charts inline) and the chart tests (Agg)."""
    _install(session, "notebook", extras="[plot,pandas]")
    _pytest(session, "tests/test_notebook.py", "tests/test_plot.py")


@nox.session(python=MAIN, tags=["bench"])
def bench(session: nox.Session) -> None:
    """Run the benchmarks and print the table of ratios (not part of the default run)."""
    _install(session, "bench")
    session.run(
        "pytest", "benchmarks", "--benchmark-only", "-p", "no:cacheprovider", "-q", *session.posargs
    )


@nox.session(python=MAIN, tags=["jss"])
def calibration(session: nox.Session) -> None:
    """Score every JSS validation case; report the error per rule set, fit and held-out."""
    _install(session)
    session.run("python", "-m", "calibration", *session.posargs)


@nox.session(python=MAIN, tags=["jss"])
def dask(session: nox.Session) -> None:
    """Run the Dask recipe of docs/scaling.md as written (processes scheduler); check answers."""
    # Dask is not a dependency of the library: this session installs it itself.
    _install(session, extras="[pandas]")
    session.install("dask[dataframe]")
    session.run("python", "tests/dask_recipe_check.py")


@nox.session(python=MAIN, tags=["docs"])
def install(session: nox.Session) -> None:
    """README's first set-up command, exactly as written, in a fresh copy of the repository.

    The copy holds what git tracks (the committed and staged tree), like a clone; the
    command must install the library into a new venv and run the demo to the end.
    """
    readme = (ROOT / "README.md").read_text("utf-8")
    commands = re.findall(r"```console\n(.+?)\n```", readme, flags=re.DOTALL)
    if len(commands) != 2:
        session.error(f"README.md has {len(commands)} console commands, not 2")
    with tempfile.TemporaryDirectory() as work:
        clone = Path(work) / "clone"
        session.run("git", "clone", "--quiet", str(ROOT), str(clone), external=True)
        # A fresh clone has only what was committed; the working tree's changes come along.
        tracked = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
        ).stdout.split(b"\0")
        for name in filter(None, tracked):
            source = ROOT / name.decode()
            if source.is_file():
                target = clone / name.decode()
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
        with session.chdir(clone):
            session.run("bash", "-c", commands[0], external=True)
            story = subprocess.run(
                [str(clone / ".venv" / "bin" / "upwork-safety"), "demo"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
    if "Getting it to Pakistan" not in story:
        session.error("the demo did not tell the whole story")


@nox.session(python=MAIN, tags=["mutation"])
def mutation(session: nox.Session) -> None:
    """Mutation testing of the money-carrying modules with mutmut (slow; on demand)."""
    _install(session, "tests")
    session.install("mutmut>=3")
    session.run("mutmut", "run", *session.posargs)
    session.run("mutmut", "results")


@nox.session(tags=["scanner"])
def scanner(session: nox.Session) -> None:
    """The message scanner's and milestone check's precision and recall on their sets.

    Prints the figures of docs/checks.md: the shipped scanner, the rules alone, and the
    rules-versus-model comparison (the held-out set in aggregate only).
    """
    _install(session, "tests")
    session.run("python", "-m", "benchmarks.scanner_eval", *session.posargs)
    session.run("python", "-m", "benchmarks.scanner_eval", "--rules-only")
    session.run("python", "-m", "benchmarks.scanner_model")
    session.run("python", "-m", "benchmarks.milestone_eval")


@nox.session(python=MAIN, tags=["fuzz"])
def fuzz(session: nox.Session) -> None:
    """The long fuzz campaign: the fuzz- and slow-marked tests with 5,000 examples each."""
    _install(session, "tests", extras="[plot,pandas]")
    session.run(
        "pytest",
        "-p",
        "no:cacheprovider",
        "-m",
        "fuzz or slow",
        *session.posargs,
        env={"HYPOTHESIS_PROFILE": "fuzz"},
    )
