"""The layers of DESIGN.md, checked: every import in src/ points down (or stays in its package).

money → kinds → rules → models → engines → checks → statements → CLI
(docs/architecture.md).  An engine never imports another engine, and
nothing imports another package's private modules except the library-wide
private helpers (``_decimals``, ``_display``, ``_pickling``, ``_plain``, ``_validate``, ``_amount_fields``, ``_text``, ``_decimals``, ``_checked_once``, ``_records``, ``_last_day``, ``_moments``, ``_scales``, ``_render``, ``_dispute_split``, ``_events``, ``_history``, ``_edges``, ``_escrow_amounts``, ``_calendar``, ``_frozen_list``, ``_groups``, ``_wallets``, ``_members``) and
the CLI's own commands (``_cli``).
"""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "upwork_safety"

#: The rank of each top-level module or package; an import must go to a lower rank
#: (or stay inside its own top-level package).  The errors are below everything: the
#: pickling of values refuses a bad pickle with them, quoting what it
#: was given through the bounded display of ``_display``, and runs each value's
#: checks in the library's decimal context (``_decimals.exact``), so it sits just above.
RANK = {
    "errors": 0,
    "_context": 0.5,
    "_last_day": 0.5,
    "_arguments": 1.8,
    "_pickling": 2.2,
    "_display": 1,
    "_plain": 1,
    "_decimals": 2,
    "_text": 1,
    "_wallets": 1.5,
    "_money_fields": 2.5,
    "_money_text": 2.5,
    "_money_mixing": 2.5,
    "_money_shares": 2.5,
    "_rounding": 2.5,
    "money": 3,
    "_exchange_rate": 3.2,
    "_members": 3.5,
    "kinds": 4,
    "_rate_args": 3.9,
    "_validate": 4,
    "_amount_fields": 4.05,
    "_checked_once": 4,
    "_frozen_list": 4.1,
    "_groups": 4.1,
    "_records": 1.5,
    "_moments": 4.5,
    "_scales": 4,
    "_calendar": 5,
    "_render": 5,
    "rules": 6,
    "_dispute_split": 6.9,
    "_events": 7,
    "_history": 7.2,
    "_edges": 7.5,
    "_escrow_amounts": 7.5,
    "models": 8,
    "escrow": 9,
    "hourly": 9,
    "jss": 9,
    "fees": 9,
    "serialize": 9,
    "checks": 10,
    "statements": 11,
    "plot": 12,
    "testing": 12,
    "_cli": 13,
    "cli": 14,
    "__main__": 15,
    "__init__": 15,
}
ENGINES = {"escrow", "hourly", "jss", "fees"}
SHARED_PRIVATE = {
    "_context",
    "_members",
    "_last_day",
    "_arguments",
    "_pickling",
    "_plain",
    "_validate",
    "_amount_fields",
    "_text",
    "_decimals",
    "_checked_once",
    "_rate_args",
    "_records",
    "_moments",
    "_scales",
    "_render",
    "_dispute_split",
    "_events",
    "_history",
    "_edges",
    "_escrow_amounts",
    "_calendar",
    "_frozen_list",
    "_groups",
    "_cli",
}


def _owner(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return parts[0]


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text("utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "upwork_safety":
                found.extend((node.lineno, f"upwork_safety.{a.name}") for a in node.names)
            elif node.module.startswith("upwork_safety."):
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found.extend(
                (node.lineno, a.name) for a in node.names if a.name.startswith("upwork_safety.")
            )
    return found


FILES = sorted(SRC.rglob("*.py"))


#: Imports that break the rules above on purpose, each with its reason; (importing
#: module's owner, imported module).  Every one is named in the closing note of the round
#: that added it, to be removed.
EXCEPTIONS = {
    # money re-exports ExchangeRate, which builds Money, from the module it was split into
    # to keep money.py under 700 lines (review r39, hostile 5): imported under TYPE_CHECKING
    # and on first use (module __getattr__), after both modules are loaded.
    ("money", "upwork_safety._exchange_rate"),
}


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_imports_point_down(path):
    """Every import of the library goes to a lower layer or stays in its own package."""
    owner = _owner(path)
    assert owner in RANK, f"{owner} has no layer in this test: add it where it belongs"
    wrong = []
    for line, module in _imports(path):
        parts = module.split(".")[1:]
        target = parts[0]
        if target == owner or (owner, module) in EXCEPTIONS:
            continue
        if target not in RANK:
            wrong.append(f"line {line}: {module} is not a known layer")
        elif RANK[target] >= RANK[owner]:
            wrong.append(f"line {line}: {module} is not below {owner}")
        if owner in ENGINES and target in ENGINES:
            wrong.append(f"line {line}: engine {owner} imports engine {target}")
        if any(p.startswith("_") for p in parts[1:]) and target not in SHARED_PRIVATE:
            wrong.append(f"line {line}: {module} is another package's private module")
    assert [] == wrong


def test_every_exception_is_still_needed():
    """An exception whose import is gone is taken out of EXCEPTIONS, not left to widen it."""
    used = {(_owner(path), module) for path in FILES for _, module in _imports(path)}
    assert set() == EXCEPTIONS - used
