"""Shared pytest configuration: Hypothesis profiles.

``HYPOTHESIS_PROFILE=fuzz`` (used by ``nox -s fuzz``) runs the long campaign;
the default profile keeps the suite fast and deterministic enough for CI.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    max_examples=100,
    deadline=None,
    # differing_executors: mutmut runs the same tests from another executor.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
)
settings.register_profile(
    "fuzz",
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
