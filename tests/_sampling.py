"""Drawing a fixed sample from a strategy, the same every run: the testing tests' helpers."""

from hypothesis import Phase, given, seed, settings
from hypothesis import strategies as st


def sample(strategy: st.SearchStrategy[object], count: int = 300) -> list[object]:
    """*count* values of *strategy*, the same every run (seed 1)."""
    seen: list[object] = []

    @seed(1)
    @settings(max_examples=count, database=None, deadline=None)
    @given(strategy)
    def collect(value: object) -> None:
        seen.append(value)

    collect()
    return seen


def drawn(strategy: st.SearchStrategy[object], count: int) -> list[object]:
    """*count* values of *strategy*, the same every run (derandomized, generation only).

    Unlike :func:`sample`, no shrinking or replay phase runs: only the first
    *count* generated values, in the order Hypothesis draws them.
    """
    seen: list[object] = []

    @settings(
        max_examples=count, derandomize=True, database=None, deadline=None, phases=[Phase.generate]
    )
    @given(strategy)
    def collect(value: object) -> None:
        seen.append(value)

    collect()
    return seen
