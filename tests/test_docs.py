"""Run every ``pycon`` example in README.md and docs/*.md as a doctest.

Each Markdown file is one doctest: its ```` ```pycon ```` blocks run in order
in one namespace, so later examples can use names from earlier ones.
"""

import doctest
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
FENCE = re.compile(r"^```pycon[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def examples(path: Path) -> str:
    """Return the pycon blocks of *path*, joined as one doctest text."""
    return "\n".join(block for block in FENCE.findall(path.read_text("utf-8")))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_markdown_examples(path, monkeypatch):
    """Every pycon example in the file prints what the file says it prints.

    The examples read their files (``docs/examples/...``) as a reader at the repository's
    root does, so they run from there whatever directory pytest was started in (review r16).
    """
    monkeypatch.chdir(ROOT)
    text = examples(path)
    if not text.strip():
        pytest.skip("no pycon examples")
    parser = doctest.DocTestParser()
    test = parser.get_doctest(text, {}, path.name, str(path), 0)
    # verbose=False: doctest otherwise turns verbose when "-v" is in sys.argv (pytest -v)
    # and reports every passing example as output.
    runner = doctest.DocTestRunner(optionflags=FLAGS, verbose=False)
    failures: list[str] = []
    runner.run(test, out=failures.append)
    assert not failures, "".join(failures)
    assert runner.tries > 0


#: A quoted value in an example's output with ``...`` inside it.
QUOTED_ELLIPSIS = re.compile(r"'[^'\n]*\.\.\.[^'\n]*'|\"[^\"\n]*\.\.\.[^\"\n]*\"")


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_output_elides_inside_a_string(path):
    """An example's output shows every string whole (review r24, newcomer N7).

    ELLIPSIS let ``'reasons': 'public stars 3.0 are poor (below 4); ...'``
    pass, which reads as the library cutting the reasons short: a reader
    who runs it sees the whole text.  Elide only outside a value (a
    traceback's ``...``), or print a shorter expression.
    """
    parser = doctest.DocTestParser()
    elided = [
        match.group()
        for example in parser.get_examples(examples(path))
        if example.exc_msg is None
        for match in QUOTED_ELLIPSIS.finditer(example.want)
    ]
    assert [] == elided


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_pycon_block_ends_with_a_blank_line(path):
    """A blank line closes each pycon block's last output, so plain doctest reads the page.

    ``python -m doctest docs/fees.md`` read a closing fence right under the
    last output line as more expected output, and failed (review r31,
    newcomer 10).
    """
    open_ended = [
        path.read_text("utf-8")[: match.start()].count("\n") + 1
        for match in FENCE.finditer(path.read_text("utf-8"))
        if match.group(1) and not match.group(1).endswith("\n\n")
    ]
    assert [] == open_ended  # the lines where such blocks open


#: The project's own review bookkeeping: a review's round ("red team r16
#: M1", "round 22", "before this round", "the twentieth session").
BOOKKEEPING = re.compile(
    r"\b(?:red team|review|trial|newcomer|reviewer) r\d+\b|\br\d+ [LMHF]\d+\b"
    r"|\bround \d+\b|\bthis round\b|\w+(?:tieth|teenth|th|st|nd|rd) session's",
    re.IGNORECASE,
)
#: Pages whose point is the history of the measurements, and the changelog.
HISTORY_PAGES = {"changelog.md", "checks-measurement.md", "jss-calibration.md"}


@pytest.mark.parametrize(
    "path",
    [p for p in FILES if p.name not in HISTORY_PAGES],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_user_docs_carry_no_review_bookkeeping(path):
    """A user page gives figures with their date, never a review round (review r24, newcomer N6).

    testing.md had "red team r16 M1", "round 22" and tables headed "before
    this round | now", which mean nothing to a reader of the published docs.
    """
    assert [] == [m.group() for m in BOOKKEEPING.finditer(path.read_text("utf-8"))]


def test_library_docstring_examples():
    """Every >>> example in the library's docstrings runs."""
    import importlib
    import pkgutil

    import upwork_safety

    failed = 0
    tried = 0
    for info in pkgutil.walk_packages(upwork_safety.__path__, "upwork_safety."):
        if info.name.endswith(("__main__", ".plot")):
            continue
        module = importlib.import_module(info.name)
        result = doctest.testmod(module, optionflags=FLAGS, verbose=False)
        failed += result.failed
        tried += result.attempted
    assert failed == 0
    assert tried > 0


def _public_docstrings():
    """``(name, docstring)`` for what ``help()`` shows of every public module.

    The module itself, each name in its ``__all__``, and each public method
    or property of a class there that the library defines (inherited ones
    included, as ``help()`` shows them).
    """
    import importlib
    import inspect
    import pkgutil

    import upwork_safety

    modules = [upwork_safety]
    for info in pkgutil.walk_packages(upwork_safety.__path__, "upwork_safety."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        try:
            modules.append(importlib.import_module(info.name))
        except ImportError:  # an extra that is not installed (plot's matplotlib)
            continue
    for module in modules:
        yield module.__name__, module.__doc__
        for name in module.__all__:
            value = getattr(module, name)
            where = f"{module.__name__}.{name}"
            if inspect.isclass(value) or inspect.isroutine(value) or inspect.ismodule(value):
                yield where, value.__doc__
            if not inspect.isclass(value):
                continue
            for attr in dir(value):
                if attr.startswith("_"):
                    continue
                member = inspect.getattr_static(value, attr)
                code = getattr(member, "fget", None) or getattr(member, "__func__", member)
                if str(getattr(code, "__module__", "")).startswith("upwork_safety"):
                    yield f"{where}.{attr}", getattr(member, "__doc__", None)


def test_public_docstrings_carry_no_review_bookkeeping():
    """help() of a public name never shows a review round ("review r19 M2", "red team r23").

    Private modules' comments may keep them; what a user reads may not
    (review r31, newcomer 9).
    """
    found = [
        (where, match.group())
        for where, text in _public_docstrings()
        for match in BOOKKEEPING.finditer(text or "")
    ]
    assert [] == found
