"""Shared pytest configuration: Hypothesis profiles, and the serialisation tests' ``writer``.

The default profile is derandomized: every run (and CI on a clean clone)
tries the same examples, so a red build is reproducible and never flaky.
``HYPOTHESIS_PROFILE=fuzz`` (used by ``nox -s fuzz``) is the long, random
campaign that looks for new failures; ``HYPOTHESIS_PROFILE=explore`` is the
default size with random examples.
"""

import os

import cattrs
import pytest
from hypothesis import HealthCheck, settings

from upwork_safety import serialize
from upwork_safety.serialize import _fast
from upwork_safety.serialize._hooks import make_converter

settings.register_profile(
    "default",
    max_examples=100,
    deadline=None,
    derandomize=True,
    # differing_executors: mutmut runs the same tests from another executor.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
)
settings.register_profile("explore", settings.get_profile("default"), derandomize=False)
settings.register_profile(
    "fuzz",
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(params=["fast", "standard"])
def writer(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The writers as installed (msgspec's converter and encoder with the ``fast`` extra), then without.

    For the serialisation tests that must hold on both paths; a test takes it
    by name or with ``@pytest.mark.usefixtures("writer")``.
    """
    if request.param == "standard":
        monkeypatch.setattr(_fast, "CONVERTER_CLASS", cattrs.Converter)
        monkeypatch.setattr(_fast, "ENCODER", None)
        standard = make_converter()
        # The library reads and writes with its own (private) converter; the public
        # name cannot be rebound (review r37, hostile 4), so it is set in the dict.
        monkeypatch.setattr(serialize, "_converter", standard)
        monkeypatch.setitem(vars(serialize), "converter", standard)
        monkeypatch.setattr(serialize, "_full", None)
    return str(request.param)
