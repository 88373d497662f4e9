"""Tests for the package itself: the public names, lazy modules, version and ``python -m``."""

import runpy
import sys

import pytest

import upwork_safety


def test_all_is_sorted_and_complete():
    """__all__ is sorted and lists exactly the names DESIGN.md promises."""
    assert sorted(upwork_safety.__all__) == upwork_safety.__all__
    assert {
        "Money",
        "ExchangeRate",
        "Client",
        "Contract",
        "ContractKind",
        "Milestone",
        "MilestoneState",
        "Feedback",
        "EndReason",
        "Payment",
        "UpworkSafetyError",
        "CurrencyMismatchError",
        "TransitionError",
        "InvalidDataError",
        "InvalidTypeError",
        "InvalidValueError",
        "RulesError",
        "UnknownMemberError",
        "TimeEntry",
        "escrow",
        "hourly",
        "jss",
        "fees",
        "checks",
        "rules",
        "serialize",
        "plot",
        "statements",
        "testing",
    } == set(upwork_safety.__all__)


@pytest.mark.parametrize("name", upwork_safety.__all__)
def test_every_public_name_resolves_and_is_documented(name):
    """Every public name exists and has a docstring."""
    value = getattr(upwork_safety, name)
    assert value.__doc__


def test_version_from_metadata():
    """__version__ comes from the installed package's metadata."""
    from importlib.metadata import version

    assert version("upwork-safety") == upwork_safety.__version__


def test_unknown_attribute():
    """An unknown attribute is an AttributeError naming it."""
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = upwork_safety.nope


def test_dir_lists_public_names():
    """dir() shows the public API and the version."""
    assert set(upwork_safety.__all__) | {"__version__"} == set(dir(upwork_safety))


def _public_modules() -> list[str]:
    """Every module of the package a user imports by a public name (no ``_`` part)."""
    import pkgutil

    return [
        info.name
        for info in pkgutil.walk_packages(upwork_safety.__path__, "upwork_safety.")
        if not any(part.startswith("_") for part in info.name.split(".")[1:])
    ]


@pytest.mark.parametrize("name", _public_modules())
def test_public_module_dir_is_its_all(name):
    """dir() of a public module shows its __all__ (and public submodules), no imports (r19 L4)."""
    import importlib
    import types

    module = importlib.import_module(name)
    shown = {n for n in dir(module) if not n.startswith("_")}
    submodules = {
        n
        for n in shown
        if isinstance(getattr(module, n), types.ModuleType)
        and getattr(module, n).__name__ == f"{name}.{n}"
    }
    assert set() == shown - set(module.__all__) - submodules
    assert set() == set(module.__all__) - shown


def test_public_modules_walked():
    """The walk above reaches the modules the newcomer named, so it tests something (r19 L4)."""
    names = _public_modules()
    assert {"upwork_safety.jss", "upwork_safety.money", "upwork_safety.testing.factories"} <= set(
        names
    )
    assert not any("._" in name for name in names)


def test_python_dash_m(monkeypatch, capsys):
    """python -m upwork_safety runs the CLI and exits with its status."""
    monkeypatch.setattr(sys, "argv", ["upwork_safety", "scan", "hello there", "--json"])
    with pytest.raises(SystemExit) as info:
        runpy.run_module("upwork_safety", run_name="__main__")
    assert 0 == info.value.code
    assert '"findings": []' in capsys.readouterr().out


MODULES = [
    "money",
    "errors",
    "models",
    "rules",
    "serialize",
    "escrow",
    "hourly",
    "fees",
    "jss",
    "checks",
    "statements",
    "plot",
    "testing.strategies",
    "testing.factories",
    "cli",
]


@pytest.mark.parametrize("name", MODULES)
def test_every_public_name_in_every_module_has_a_docstring(name):
    """Each module, its public classes and functions, and their public methods are documented."""
    import importlib
    import inspect

    module = importlib.import_module(f"upwork_safety.{name}")
    missing = [] if (module.__doc__ or "").strip() else [name]
    for public in getattr(module, "__all__", []):
        value = getattr(module, public)
        if not (inspect.isclass(value) or inspect.isfunction(value)):
            continue
        if not (value.__doc__ or "").strip():
            missing.append(public)
        if inspect.isclass(value):
            missing += [
                f"{public}.{attr}"
                for attr, member in vars(value).items()
                if not attr.startswith("_")
                and (inspect.isfunction(member) or isinstance(member, property))
                and not (member.__doc__ or "").strip()
            ]
    assert [] == missing


def test_every_name_the_api_pages_document_is_in_its_modules_all():
    """A name docs/api documents is public, so dir() and ``import *`` show it (r19 L4 follow-up:
    ``errors.MAX_PROBLEMS`` and ``money.round_half_up`` were documented but not in __all__)."""
    import importlib
    import re
    from pathlib import Path

    directive = re.compile(
        r"^\.\. (?:(?:current)?module|auto(?:data|class|function|exception))::\s+(\S+)",
        re.MULTILINE,
    )
    checked = []
    for page in sorted((Path(__file__).parent.parent / "docs" / "api").glob("*.md")):
        current = "upwork_safety"
        for match in directive.finditer(page.read_text(encoding="utf-8")):
            name = match.group(1)
            if match.group(0).startswith((".. module", ".. currentmodule")):
                current = name
                continue
            path = name if name.startswith("upwork_safety") else f"{current}.{name}"
            module_name, _, attribute = path.rpartition(".")
            module = importlib.import_module(module_name)
            checked.append(path)
            assert attribute in module.__all__, f"{page.name}: {path}"
    assert {"upwork_safety.errors.MAX_PROBLEMS", "upwork_safety.jss.score"} <= set(checked)


@pytest.mark.parametrize("name", _public_modules())
def test_a_bare_attribute_reference_in_a_class_docstring_is_the_classs_own(name):
    """Promise audit r20 L1: ``ServiceFee.rate`` said "see :attr:`effective_rate`", which
    ServiceFee never had; Sphinx resolved the bare name to ``WithdrawalQuote.effective_rate``.

    A bare ``:attr:`x``` or ``:meth:`x``` in a public class's docstrings (its own or its
    members') names something of that class; anything else is written with its owner.
    """
    import importlib
    import inspect
    import re

    module = importlib.import_module(name)
    wrong = []
    for public in module.__all__:
        cls = getattr(module, public)
        if not inspect.isclass(cls) or cls.__module__.split(".")[0] != "upwork_safety":
            continue
        own = {n for klass in cls.__mro__ for n in getattr(klass, "__annotations__", {})}
        texts = [cls.__doc__ or ""]
        for member in vars(cls).values():
            target = member.fget if isinstance(member, property) else member
            texts.append(getattr(target, "__doc__", None) or "" if callable(target) else "")
        wrong += [
            f"{public}: {ref}"
            for text in texts
            for ref in re.findall(r":(?:attr|meth):`(\w+)`", text)
            if ref not in own and not hasattr(cls, ref)
        ]
    assert [] == wrong


def _default_nox_sessions() -> list[str]:
    """``nox.options.sessions`` as noxfile.py assigns it (read, not run: nox may be absent)."""
    import ast
    from pathlib import Path

    tree = ast.parse((Path(__file__).parent.parent / "noxfile.py").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "nox.options.sessions":
            return list(ast.literal_eval(node.value))
    raise AssertionError("noxfile.py does not set nox.options.sessions")


def test_the_installation_page_lists_the_default_nox_run():
    """installation.md's numbered list is nox.options.sessions, in order (review r24, N10).

    The default run was described three ways (the noxfile's docstring, this
    page, README), each leaving out different sessions; the page is now the
    one description, and README and the noxfile point to it.
    """
    import re
    from pathlib import Path

    root = Path(__file__).parent.parent
    page = (root / "docs" / "installation.md").read_text("utf-8")
    listed = re.findall(r"^\d+\. `([a-z_]+)`:", page, flags=re.MULTILINE)
    assert _default_nox_sessions() == listed
    readme = (root / "README.md").read_text("utf-8")
    assert "every default `nox` session" in readme
