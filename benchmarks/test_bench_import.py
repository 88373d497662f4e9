"""Import cost: ``import upwork_safety`` against ``import attrs, cattrs``.

Each round starts a fresh interpreter, so nothing is cached in
``sys.modules``.  The cost of starting a bare interpreter is measured in the
same run and subtracted from both sides before the ratio is taken (see
``conftest.py``), so the ratio compares the imports alone.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

GROUP = "import-vs-attrs-cattrs"


def _spawn(code: str) -> None:
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603


@pytest.mark.parametrize(
    ("role", "code"),
    [
        ("startup", "pass"),
        ("baseline", "import attrs, cattrs"),
        ("ours", "import upwork_safety"),
    ],
)
def test_import(benchmark, role, code):
    benchmark.group = GROUP
    benchmark.extra_info["role"] = role
    benchmark.pedantic(_spawn, args=(code,), rounds=40, iterations=1, warmup_rounds=3)
