"""What-if rule sets: the preset a rule set was made from, and what it changed (private).

A rule set built with ``attrs.evolve`` keeps its preset's name and sources,
which state the preset's values ("flat 10%", "10-minute segments").  The
functions here are the one test of whether such text still describes the
rule set: a name is shown only while no rule differs from the preset's, and
a source only while its value is the one it sources (red team r21 M1, M2).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from upwork_safety.rules._provenance import RuleSource

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

__all__ = ["changed", "label", "made_from", "sourced"]

T = TypeVar("T")

#: The source of a value a what-if set: no published source gives it.
_WHAT_IF_SOURCE = RuleSource(
    "what-if value (no source)",
    unconfirmed=True,
    note="a what-if value: no source gives it",
)


def made_from(
    chosen: T,
    presets: Iterable[T],
    key: Callable[[T], object],
    fallback: Callable[[], T | None] = lambda: None,
) -> T | None:
    """Return the preset *chosen* was made from: itself when it is one.

    Else the first preset with the same *key* (its name, or a method's key),
    else *fallback*'s answer: for a dated rule set the preset in force on
    its first day (a what-if renamed is still a what-if), for a withdrawal
    method ``None`` (a method of the caller's own keeps its own text).
    """
    same: T | None = None
    for preset in presets:
        if preset == chosen:
            return preset
        if same is None and key(preset) == key(chosen):
            same = preset
    return same if same is not None else fallback()


def changed(chosen: object, base: object | None, fields: Sequence[str]) -> tuple[str, ...]:
    """The *fields* whose values differ between *chosen* and *base*, in order (none without one)."""
    if base is None or base is chosen:
        return ()
    return tuple(name for name in fields if getattr(chosen, name) != getattr(base, name))


def label(name: str, moved: Sequence[str]) -> str:
    """A rule set's name, or ``"what-if rules: <fields>"`` once a rule differs from its preset's.

    The preset's name states its values, so a what-if never shows it (as a
    weekly invoice names the rules it changed).
    """
    return f"what-if rules: {', '.join(moved)}" if moved else name


def sourced(
    chosen: Any, base: Any, field: str, own: RuleSource, inherited: RuleSource
) -> RuleSource:
    """The source of *chosen*'s *field*: *own*, unless it is the preset's and the value is not.

    Args:
        chosen: The rule set.
        base: The preset it was made from (:func:`made_from`), or ``None``.
        field: The field.
        own: The source *chosen* gives for *field*.
        inherited: The source *base* gives for it.

    Returns:
        *own*, or ``_WHAT_IF_SOURCE`` when *chosen* keeps the preset's
        source for a value the preset does not hold: the note would
        describe a value not used.
    """
    if base is None or own != inherited or getattr(chosen, field) == getattr(base, field):
        return own
    return _WHAT_IF_SOURCE
