"""The one exception family every part of upwork_safety raises.

Every error subclasses :class:`UpworkSafetyError` *and* the builtin a caller
would naturally catch (``ValueError``, ``TypeError``, ``LookupError``), so
``except ValueError`` and ``except UpworkSafetyError`` both work.
"""

from __future__ import annotations

__all__ = [
    "CurrencyMismatchError",
    "InvalidDataError",
    "InvalidTypeError",
    "InvalidValueError",
    "RulesError",
    "TransitionError",
    "UpworkSafetyError",
]


class UpworkSafetyError(Exception):
    """Base class of every error raised by upwork_safety."""


class InvalidValueError(UpworkSafetyError, ValueError):
    """A value breaks a documented rule; the message names the field and the rule."""


class InvalidTypeError(UpworkSafetyError, TypeError):
    """A value has the wrong type, e.g. a ``float`` where money is expected."""


class CurrencyMismatchError(InvalidValueError):
    """Two amounts in different currencies were combined or compared."""


class RulesError(InvalidValueError):
    """The rules in force cannot answer with the input given.

    For example, a service fee from 2025-05-01 on needs the contract's own
    rate, which only the caller knows.
    """


class TransitionError(UpworkSafetyError, ValueError):
    """An escrow event is not allowed in the milestone's or contract's current state.

    Attributes:
        milestone_id: The milestone the event was for, or ``None`` for
            contract-level events.
        state: The state the event found (a ``MilestoneState`` name, or a
            description of the contract's state).
        event: The name of the refused event.
        allowed: The events that are allowed instead.
    """

    def __init__(
        self,
        message: str,
        *,
        milestone_id: str | None = None,
        state: str = "",
        event: str = "",
        allowed: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.milestone_id = milestone_id
        self.state = state
        self.event = event
        self.allowed = allowed

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild_transition_error,
            (str(self), self.milestone_id, self.state, self.event, self.allowed),
        )


def _rebuild_transition_error(
    message: str,
    milestone_id: str | None,
    state: str,
    event: str,
    allowed: tuple[str, ...],
) -> TransitionError:
    return TransitionError(
        message, milestone_id=milestone_id, state=state, event=event, allowed=allowed
    )


class InvalidDataError(UpworkSafetyError, ValueError):
    """Serialised data could not be turned into a value.

    Attributes:
        problems: Every problem found, each as ``"$.path: what is wrong"``.
    """

    def __init__(self, problems: list[str] | tuple[str, ...]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the data"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))

    def __reduce__(self) -> tuple[type[InvalidDataError], tuple[tuple[str, ...]]]:
        return (type(self), (self.problems,))
