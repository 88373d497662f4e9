"""Shared pytest configuration: Hypothesis profiles.

The default profile is derandomized: every run (and CI on a clean clone)
tries the same examples, so a red build is reproducible and never flaky.
``HYPOTHESIS_PROFILE=fuzz`` (used by ``nox -s fuzz``) is the long, random
campaign that looks for new failures; ``HYPOTHESIS_PROFILE=explore`` is the
default size with random examples.
"""

import os

from hypothesis import HealthCheck, settings

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
