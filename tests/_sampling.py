"""Drawing a fixed sample from a strategy, the same every run: the testing tests' one helper."""

from hypothesis import given, seed, settings
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
