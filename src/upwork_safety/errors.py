"""The one exception family every part of upwork_safety raises.

Every error subclasses :class:`UpworkSafetyError` *and* the builtin a caller
would naturally catch (``ValueError``, ``TypeError``), so
``except ValueError`` and ``except UpworkSafetyError`` both work.

Errors carry what went wrong as attributes, not only as text: *field* names
the field or argument at fault and *rule* the rule it breaks, so code can
react to an error without reading its message.

>>> from upwork_safety import Money, UpworkSafetyError
>>> try:
...     Money("1.5", "XYZ")
... except UpworkSafetyError as error:
...     caught = error
>>> caught.field, caught.rule
('Money.currency', 'an ISO 4217 code')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = [
    "CurrencyMismatchError",
    "InvalidDataError",
    "InvalidTypeError",
    "InvalidValueError",
    "Problem",
    "RulesError",
    "TransitionError",
    "UpworkSafetyError",
]

#: How many problems an :class:`InvalidDataError` keeps and shows; the rest
#: are counted, so a hostile document cannot make a huge error.
MAX_PROBLEMS = 50


class UpworkSafetyError(Exception):
    """Base class of every error raised by upwork_safety.

    Args:
        message: What is wrong, naming the field and the rule, for people.
        field: The field or argument at fault, e.g. ``"Milestone.amount"``
            or ``"rate"``; ``None`` when the error is not about one field.
        rule: The rule that was broken, in a few words, e.g.
            ``"minimum milestone (HC 360000990268)"``; ``None`` when there
            is no single rule.

    Attributes:
        field: As given.
        rule: As given.
    """

    def __init__(
        self, message: str = "", *, field: str | None = None, rule: str | None = None
    ) -> None:
        super().__init__(message)
        self.field = field
        self.rule = rule


class InvalidValueError(UpworkSafetyError, ValueError):
    """A value breaks a documented rule; *field* and *rule* say which."""


class InvalidTypeError(UpworkSafetyError, TypeError):
    """A value has the wrong type, e.g. a ``float`` where money is expected."""


class CurrencyMismatchError(InvalidValueError):
    """Two amounts in different currencies were combined or compared."""


class RulesError(InvalidValueError):
    """The rules in force cannot answer with the input given, or a rules object is invalid.

    For example, no rules are known before the first preset, or a what-if
    rule set has a negative review period.
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
        message: str = "",
        *,
        milestone_id: str | None = None,
        state: str = "",
        event: str = "",
        allowed: tuple[str, ...] = (),
        field: str | None = None,
        rule: str | None = None,
    ) -> None:
        super().__init__(message, field=field, rule=rule)
        self.milestone_id = milestone_id
        self.state = state
        self.event = event
        self.allowed = allowed


class Problem(str):  # noqa: SLOT000  (a str subclass keeps its attributes in __dict__)
    """One problem in data: its text, with where it is and the rule it broke as attributes.

    It *is* the line people read (``"$.milestones[0].amount: must be …"``),
    so it prints, compares and searches as a ``str``; code reads
    :attr:`path`, :attr:`message` and :attr:`rule` instead of the text.

    Args:
        path: Where the problem is: a JSON path (``"$.milestones[0].amount"``)
            or a place in a file (``"line 3, column 5 (Amount)"``); ``None``
            when the problem is about the whole input.
        message: What is wrong.
        rule: The rule broken, in a few words (``"whole minor units"``), when
            there is one.
        line: The file line, for problems found in a file.

    The text is ``"<path>: <message>"``, or the message alone without a path.
    """

    path: str | None
    message: str
    rule: str | None
    line: int | None

    def __new__(
        cls,
        path: str | None,
        message: str,
        *,
        rule: str | None = None,
        line: int | None = None,
    ) -> Self:
        """Build the problem's text from *path* and *message*, keeping both."""
        new = super().__new__(cls, message if path is None else f"{path}: {message}")
        new.path = path
        new.message = message
        new.rule = rule
        new.line = line
        return new

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_problem, (self.path, self.message, self.rule, self.line))


def _rebuild_problem(path: str | None, message: str, rule: str | None, line: int | None) -> Problem:
    return Problem(path, message, rule=rule, line=line)


class InvalidDataError(UpworkSafetyError, ValueError):
    """Serialised data (or an export file) could not be turned into values.

    Args:
        problems: Every problem found, each a :class:`Problem` (its text is
            ``"$.path: what is wrong"``, or ``"line 3, column 5 (Amount): …"``
            for files; a plain ``str`` is kept as a :class:`Problem` with no
            path).  Only the first :data:`MAX_PROBLEMS` are kept.
        count: How many problems were found in all, if more than were
            passed in *problems*.
        complete: ``False`` when reading stopped early (a hostile document
            is not read to its end once enough problems are found), so there
            may be more problems than *count*.
        noted: How many of the problems not kept a kept one's own message
            already counts (a problem repeated on many lines, listed once
            with how many more lines have it), so the message does not count
            them again.
        field: The argument the data came in, e.g. ``"text"``, if one.
        rule: What the data must be, e.g. ``"an Upwork CSV export"``, if said.

    Attributes:
        problems: The problems kept (at most :data:`MAX_PROBLEMS`), each a
            :class:`Problem` with its ``path``, ``message`` and ``rule``.
        count: How many problems were found in all.
        complete: Whether every problem was counted (``count`` is exact).
        noted: How many of the problems not kept the kept ones' messages count.

    Raises:
        InvalidValueError: *noted* not an int from 0 up to the problems not kept.
    """

    def __init__(
        self,
        problems: list[str] | tuple[str, ...] | list[Problem] | tuple[Problem, ...],
        *,
        count: int | None = None,
        complete: bool = True,
        noted: int = 0,
        field: str | None = None,
        rule: str | None = None,
    ) -> None:
        kept = tuple(
            p if isinstance(p, Problem) else Problem(None, p) for p in problems[:MAX_PROBLEMS]
        )
        total = max(len(problems), count or 0)
        if type(noted) is not int or not 0 <= noted <= total - len(kept):
            raise InvalidValueError(
                f"InvalidDataError noted must be an int from 0 to the {total - len(kept)} "
                f"problems not kept, got {_small(noted)}",
                field="noted",
                rule="0 <= noted <= count - len(problems)",
            )
        self.problems: tuple[Problem, ...] = kept
        self.count = total
        self.complete = complete
        self.noted = noted
        head = f"{'' if complete else 'at least '}{total} problem{'s' if total != 1 else ''}"
        lines = [head + " in the data:", *(f"  {p}" for p in kept)]
        if self.more:
            lines.append(f"  … and {self.more} more")
        if not complete:
            lines.append("  … and reading stopped there: there may be more")
        super().__init__("\n".join(lines), field=field, rule=rule)

    @property
    def more(self) -> int:
        """How many problems neither kept nor counted in a kept one's message: ``… and N more``."""
        return self.count - len(self.problems) - self.noted

    def __reduce__(self) -> tuple[object, ...]:
        named = {"field": self.field, "rule": self.rule}
        return (
            _rebuild_invalid_data,
            (type(self), self.problems, self.count, self.complete, self.noted),
            named,
        )


def _small(value: object) -> str:
    """*value* for a message when it is a short int, else its type (errors import nothing)."""
    if type(value) is int and value.bit_length() <= 64:
        return str(value)
    return f"a {type(value).__name__}"


def _rebuild_invalid_data(
    cls: type[InvalidDataError],
    problems: tuple[Problem, ...],
    count: int,
    complete: bool = True,  # noqa: FBT001, FBT002
    noted: int = 0,
) -> InvalidDataError:
    return cls(problems, count=count, complete=complete, noted=noted)
