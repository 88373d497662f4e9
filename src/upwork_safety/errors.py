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

from datetime import datetime
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = [
    "MAX_PROBLEMS",
    "CurrencyMismatchError",
    "InvalidDataError",
    "InvalidTypeError",
    "InvalidValueError",
    "Problem",
    "RulesError",
    "TransitionError",
    "UnknownMemberError",
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

    def to_dict(self) -> dict[str, object]:
        """The error as plain JSON-safe data, for an HTTP error body or a log.

        ``{"error": <class name>, "message": <text>, "field": ..., "rule": ...}``
        (``field`` and ``rule`` may be ``None``); an :class:`InvalidDataError`
        adds its ``problems`` (each :meth:`Problem.to_dict`), ``count``,
        ``complete`` and ``noted``, a :class:`TransitionError` its ``milestone_id``,
        ``state``, ``event``, ``allowed``, ``at`` and ``recorded_at``, a :class:`RulesError` its
        ``needs``: every attribute an error's class adds.  Every value is a
        ``str``, ``int``, ``bool``, ``None`` or a list of those or of dicts
        of those, so ``json.dumps`` writes it as it is.
        """
        return {
            "error": type(self).__name__,
            "message": str(self),
            "field": self.field,
            "rule": self.rule,
        }


class InvalidValueError(UpworkSafetyError, ValueError):
    """A value breaks a documented rule; *field* and *rule* say which."""


class InvalidTypeError(UpworkSafetyError, TypeError):
    """A value has the wrong type, e.g. a ``float`` where money is expected."""


class CurrencyMismatchError(InvalidValueError):
    """Two amounts in different currencies were combined or compared."""


class UnknownMemberError(InvalidValueError, KeyError):
    """``Kind[name]`` of a name no member has, for any of the library's enums.

    An :class:`~upwork_safety.InvalidValueError` (``field`` the enum's name,
    ``rule`` ``"the name of a <name> member"``) and a ``KeyError``, as
    Python's own refusal was, so ``except KeyError`` still catches it.
    """

    # KeyError's own text is the repr of its argument: the message is shown as given.
    __str__ = InvalidValueError.__str__


class RulesError(InvalidValueError):
    """The rules in force cannot answer with the input given, or a rules object is invalid.

    For example, no rules are known before the first preset, or a what-if
    rule set has a negative review period.

    Args:
        message: As :class:`UpworkSafetyError`.
        field: As :class:`UpworkSafetyError`.
        rule: As :class:`UpworkSafetyError`.
        needs: The argument that, given, lets the rules answer, when the
            refusal is only for want of it; ``None`` (default) otherwise.

    Attributes:
        needs: As given.  ``"billed_before"``: a kept legacy rate is
            refused only because the client's billings counted do not pass
            the sliding scale's top threshold, and the same rate is
            charged once earlier billings past it are given, so code that
            cannot know them (a :class:`~upwork_safety.Contract` does not
            hold them) tells this refusal apart by it, never by the text.
    """

    def __init__(
        self,
        message: str = "",
        *,
        field: str | None = None,
        rule: str | None = None,
        needs: Literal["billed_before"] | None = None,
    ) -> None:
        super().__init__(message, field=field, rule=rule)
        self.needs = needs

    def to_dict(self) -> dict[str, object]:
        """As :meth:`UpworkSafetyError.to_dict`, with ``needs``."""
        return {**super().to_dict(), "needs": self.needs}


class TransitionError(UpworkSafetyError, ValueError):
    """An escrow event is not allowed in the milestone's or contract's current state.

    Show people ``str(error)``; branch on ``field`` and ``rule``
    (and the attributes below), never on the text.

    Attributes:
        milestone_id: The milestone the event was for, or ``None`` for
            contract-level events (``EndContract``).
        state: The milestone's state as the event found it (a
            ``MilestoneState`` name, such as ``"SUBMITTED"``).  For
            ``EndContract``, the contract's: ``"open"`` or ``"ended"``; for
            an automatic event given to ``apply``, ``"automatic"``.
        event: The name of the refused event.
        allowed: The names of the manual events allowed on the milestone
            instead, in the table's order: at the event's moment when the
            milestone's state refused it; when only its moment was refused
            (``field`` ends in ``.at``: earlier than something the contract
            records, or before it started), what
            :func:`~upwork_safety.escrow.allowed` gives at the contract's last
            recorded moment.  Empty for an automatic event given to ``apply``
            or replayed when not due.
        at: When only the event's moment was refused (``field`` ends in
            ``.at``), that moment (a UTC ``datetime``); else ``None``.
        recorded_at: When the event was refused for being earlier than
            something the contract records (rule ``"in time order"`` or a
            recorded moment's rule), that later moment (UTC), which an app
            can show in its people's own time zone; else ``None``.
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
        at: datetime | None = None,
        recorded_at: datetime | None = None,
    ) -> None:
        super().__init__(message, field=field, rule=rule)
        self.milestone_id = milestone_id
        self.state = state
        self.event = event
        self.allowed = allowed
        self.at = at
        self.recorded_at = recorded_at

    def to_dict(self) -> dict[str, object]:
        """As :meth:`UpworkSafetyError.to_dict`, with this error's own attributes.

        ``milestone_id``, ``state``, ``event``, ``allowed`` (a list), and
        ``at`` and ``recorded_at`` (ISO 8601 texts, or ``None``).
        """
        return {
            **super().to_dict(),
            "milestone_id": self.milestone_id,
            "state": self.state,
            "event": self.event,
            "allowed": list(self.allowed),
            "at": None if self.at is None else self.at.isoformat(),
            "recorded_at": None if self.recorded_at is None else self.recorded_at.isoformat(),
        }


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

    Raises:
        InvalidTypeError: *path*, *message* or *rule* not a ``str`` (or
            ``None``, where allowed), or *line* not an ``int``.
        InvalidValueError: *line* less than 1 or more than 64 bits.
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
        for name, value, optional in (("path", path, True), ("message", message, False)):
            _text(value, f"Problem.{name}", optional=optional)
        _text(rule, "Problem.rule", optional=True)
        if line is not None:
            _count(line, "Problem.line", least=1)
        new = super().__new__(cls, message if path is None else f"{path}: {message}")
        new.path = path
        new.message = message
        new.rule = rule
        new.line = line
        return new

    def to_dict(self) -> dict[str, object]:
        """The problem as plain JSON-safe data: ``path``, ``message``, ``rule``, ``line``.

        Each is a ``str`` (``line`` an ``int``) or ``None``; the text of the
        problem itself is ``"<path>: <message>"``.
        """
        return {"path": self.path, "message": self.message, "rule": self.rule, "line": self.line}

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
        InvalidTypeError: *problems* not a list or tuple of ``str``, *count*
            or *noted* not an ``int``, *complete* not a ``bool``.
        InvalidValueError: *count* less than the problems given, *noted*
            not from 0 up to the problems not kept, or a count of more than
            64 bits.
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
        if not isinstance(problems, (list, tuple)):
            raise InvalidTypeError(
                f"InvalidDataError problems must be a list or tuple of str, not "
                f"{type(problems).__name__}",
                field="problems",
                rule="a list or tuple of str",
            )
        kept = tuple(
            p if isinstance(p, Problem) else Problem(None, str(_text(p, f"problems[{index}]")))
            for index, p in enumerate(problems[:MAX_PROBLEMS])
        )
        if count is not None:
            _count(count, "count", least=len(problems))
        if not isinstance(complete, bool):
            raise InvalidTypeError(
                f"InvalidDataError complete must be a bool, not {type(complete).__name__}",
                field="complete",
                rule="a bool",
            )
        total = len(problems) if count is None else count
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

    def to_dict(self) -> dict[str, object]:
        """The error as plain JSON-safe data, with one dict per problem kept.

        The keys of :meth:`UpworkSafetyError.to_dict`, then ``problems``
        (each :meth:`Problem.to_dict`: ``path``, ``message``, ``rule``,
        ``line``), ``count`` (every problem found), ``complete`` and
        ``noted``.
        """
        return {
            **super().to_dict(),
            "problems": [problem.to_dict() for problem in self.problems],
            "count": self.count,
            "noted": self.noted,
            "complete": self.complete,
        }

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


def _text(value: object, what: str, *, optional: bool = False) -> str | None:
    """*value* if it is a ``str`` (or ``None``, when *optional*), else an error naming *what*."""
    if isinstance(value, str) or (optional and value is None):
        return value
    raise InvalidTypeError(
        f"{what} must be a str{' or None' if optional else ''}, not {type(value).__name__}",
        field=what,
        rule="a str",
    )


def _count(value: object, what: str, *, least: int) -> None:
    """Refuse *value* unless it is an ``int`` (not a ``bool``) from *least* up, within 64 bits."""
    if type(value) is not int:
        raise InvalidTypeError(
            f"{what} must be an int, not {type(value).__name__}", field=what, rule="an int"
        )
    if not least <= value or value.bit_length() > _COUNT_BITS:
        raise InvalidValueError(
            f"{what} must be an int from {least} up to 2**{_COUNT_BITS} - 1, got {_small(value)}",
            field=what,
            rule=f"{least} <= {what.rpartition('.')[2]} < 2**{_COUNT_BITS}",
        )


#: A count or line an error holds fits 64 bits, so every error prints.
_COUNT_BITS = 64


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


def __dir__() -> list[str]:
    """The public names (``__all__``), not the names this module imports (red team r19 L4)."""
    return sorted(__all__)
