"""The library's public modules, found by walking the package, for the sweeps over its API.

``tests/test_api_sweep.py`` (wrong-typed arguments) and ``tests/test_review_r37_enums.py``
(unknown enum values) both read :data:`MODULES`, so a new public module joins both sweeps
without anyone editing a list.
"""

from __future__ import annotations

import pkgutil

import upwork_safety

#: Public modules the sweeps leave out, each with its reason.
LEFT_OUT = {
    # The command line: its one callable takes argv and is swept by tests/test_cli*.py.
    "upwork_safety.cli": "argv-driven; tested through its commands",
    # Hypothesis strategies: their arguments are strategies and values Hypothesis judges.
    "upwork_safety.testing.strategies": "needs the testing extra; builds Hypothesis strategies",
}


def _walk() -> list[str]:
    walked = pkgutil.walk_packages(upwork_safety.__path__, f"{upwork_safety.__name__}.")
    public = [m.name for m in walked if not any(p.startswith("_") for p in m.name.split("."))]
    return sorted([upwork_safety.__name__, *public])


#: Every public module of the library, but those in :data:`LEFT_OUT`.
MODULES = [name for name in _walk() if name not in LEFT_OUT]
