"""What scoring returns: the report of a day, and each point of a timeline.

A report is built from the values of :mod:`upwork_safety.jss._tallies`
(each contract's :class:`Impact`, each window's :class:`WindowScore`), which
this module re-exports, so pickles that name them here still load.

Every value here is frozen and, like every public value, pickles compactly
through its constructor (the field values in order, no field names), which
matters when millions of reports travel back from worker processes.  Each is
checked by its constructor (and so when it is unpickled, copied or read by
:func:`upwork_safety.serialize.from_dict`): a value that breaks a rule its
docstring states cannot be built.
"""

from __future__ import annotations

import bisect
import decimal
import re
from datetime import date
from decimal import Decimal
from typing import (
    Any,  # noqa: F401  (the hints of attrs __init__ name converters' Any)
    cast,
)

import attrs

from upwork_safety import _render
from upwork_safety._decimals import CONTEXT
from upwork_safety._display import shown
from upwork_safety._moments import date_field, to_date
from upwork_safety._pickling import through_init
from upwork_safety._plain import optional_plain_int, optional_plain_text, plain_text
from upwork_safety._validate import (
    as_tuple,
    bool_field,
    items_field,
    shown_text_field,
    text_field,
    text_value,
)
from upwork_safety.errors import InvalidValueError
from upwork_safety.jss._invariants import (
    optional_percent_field,
    points_add_up,
    score_field,
    unique,
)
from upwork_safety.jss._lapses import Lapse
from upwork_safety.jss._months import _leaves_told
from upwork_safety.jss._outcome import Outcome
from upwork_safety.jss._points import check_points
from upwork_safety.jss._reason_codes import (
    ScoreReason,
    match_score_reason,
    score_codes_field,
    score_codes_of_text,
)
from upwork_safety.jss._tallies import MAX_WINDOW_MONTHS, Impact, WindowScore

__all__ = [
    "MAX_WINDOW_MONTHS",
    "Impact",
    "JSSPoint",
    "JSSReport",
    "Outcome",
    "WindowScore",
]


_ZERO = Decimal(0)
#: How far a whole-percent score may be from the unrounded percentage it
#: was rounded from: under a point from rounding the exact share, plus the
#: half hundredth the percentage itself was rounded by (a whole point at most,
#: as both are in hundredths).
_ROUNDING = Decimal(1)
_HALF_HUNDREDTH = Decimal("0.005")
_HUNDREDTH = Decimal("0.01")
_TWO = Decimal(2)
_HUNDRED = Decimal(100)


#: The rules a report keeps between its windows, its trending score and its
#: score, as the docstring of :class:`JSSReport` states them (and each error's ``rule``).
_NESTED = "each window inside the next longer one"
_BEST = "displayed = max(shown windows, trending)"
_PAIR = "trending (long + short)/2 of two distinct windows, long first"
_AVERAGE = "trending = (long + short)/2 of the windows' percents"


def _window_label(months: int) -> str:
    """The name of a window in :attr:`JSSReport.window`, e.g. ``"24 months"``."""
    return f"{months} months"


def _trending_label(long: int, short: int) -> str:
    """The name of the trending score in :attr:`JSSReport.window`."""
    return f"trending ({long}m + {short}m)/2"


#: The labels above, read back: a window's months, or the trending pair's.
_MONTHS = r"([1-9][0-9]{0,3})"
_WINDOW_LABEL = re.compile(rf"{_MONTHS} months")
_TRENDING_LABEL = re.compile(rf"trending \({_MONTHS}m \+ {_MONTHS}m\)/2")


def _windows(value: tuple[WindowScore, ...]) -> None:
    """Refuse windows that are not the report's tracked windows: at least one, longest first.

    They are distinct lengths of 1 to :data:`MAX_WINDOW_MONTHS` months, so
    at most that many: more is refused before any is looked at.
    """
    if not value:
        raise InvalidValueError(
            "JSSReport.windows must hold at least one window (every rule set has one)",
            field="JSSReport.windows",
            rule="at least one window",
        )
    if len(value) > MAX_WINDOW_MONTHS:
        raise InvalidValueError(
            f"JSSReport.windows must hold at most {MAX_WINDOW_MONTHS:,} windows (distinct "
            f"lengths of 1 to {MAX_WINDOW_MONTHS:,} months), got {len(value):,}",
            field="JSSReport.windows",
            rule=f"at most {MAX_WINDOW_MONTHS:,} windows",
        )
    for index in range(1, len(value)):
        if value[index].months >= value[index - 1].months:
            raise InvalidValueError(
                "JSSReport.windows must be distinct windows, longest first; "
                f"windows[{index}] is {value[index].months} months after "
                f"{value[index - 1].months}",
                field=f"JSSReport.windows[{index}].months",
                rule="distinct windows, longest first",
            )
        _inside(value[index], value[index - 1], index)


#: The tallies a shorter window holds no more of than the next longer one.
_TALLIES = ("contracts", "clients", "successes", "negatives", "neutrals", "total")


def _inside(window: WindowScore, longer: WindowScore, index: int) -> None:
    """Refuse *window* (``windows[index]``) if it holds more than *longer*, the next longer one.

    A contract inside a window is inside every longer one (they all end on
    the report's day), so each tally of a window is at most the next longer
    window's, and so at most the longest's.
    """
    for name in _TALLIES:
        mine, theirs = getattr(window, name), getattr(longer, name)
        if mine > theirs:
            raise InvalidValueError(
                f"JSSReport.windows[{index}] ({window.months} months) holds {name} {mine}, "
                f"more than the longer windows[{index - 1}] ({longer.months} months) holds "
                f"({theirs}): every window is inside the next longer one",
                field=f"JSSReport.windows[{index}].{name}",
                rule=_NESTED,
            )


def _hundredths(percent: Decimal) -> int:
    """A percent kept to the hundredth, as a whole number of hundredths (exact)."""
    return int(percent.scaleb(2, context=CONTEXT))


def _shown_percents(hundredths: list[int], most: int = 6) -> str:
    """The first *most* of sorted percents given in hundredths, for a message."""
    listed = ", ".join(str(Decimal(value).scaleb(-2)) for value in hundredths[:most])
    return listed + (f" and {len(hundredths) - most:,} more" if len(hundredths) > most else "")


@through_init
@attrs.frozen(repr=False)
class JSSReport:
    """The score on a day, with every contract's :class:`Impact`.

    Attributes:
        as_of: The day asked about.
        computed_on: The snapshot day the score is computed on (the same as
            *as_of* when scores update daily; never after it).
        rules: The label of the :class:`~upwork_safety.jss.JSSRules` used: its
            name, or ``"what-if rules: <fields>"`` for a what-if
            (:attr:`~upwork_safety.jss.JSSRules.label`).
        score: The whole-percent score (0 to 100), or ``None`` when not eligible.
        reason: Why the score is what it is (or why there is none).
        window: The window that gave the displayed score, e.g.
            ``"24 months"`` or ``"trending (6m + 3m)/2"``; ``None`` without a
            score.  The score is that window's percent (or :attr:`trending`),
            rounded to a whole percent.  It is the best: displayed =
            max(shown windows, trending), so no shown window's percent and
            no trending score is above the named one's.
        windows: Each tracked window's tallies, longest first (at most
            :data:`MAX_WINDOW_MONTHS`).  The longest holds every counted
            contract: its tallies are those of the impacts that are not
            excluded.  Each window is inside the next longer one: its
            contracts, clients and every tally are no more than that
            window's (so no more than the longest's).
        trending: The trending score in percent (to the hundredth), if the
            rules have one: (long + short)/2 of two distinct windows'
            percents, so it lies between the lowest and the highest window
            percent.  When :attr:`window` names it, its label names the pair,
            the longer first, and the score is their average to the hundredth
            (a half hundredth either way when the average falls on one, as
            the engine rounds the exact average once).
        impacts: Every contract's :class:`Impact`, in input order (one per
            contract id), the excluded ones too (a contract that starts
            after *as_of*, or one outside every window): their number is the
            contracts given, not the contracts counted.  Their outcomes and
            weights are the longest window's (the repr says how many count
            there, e.g. ``2 of 4 contracts counted``, and ``in 24 months``
            when the score comes from another window; the window shown
            counts ``windows[i].contracts``).  Their *points* are the score
            shown's: with a score, every impact has points and they add up
            to that window's percent (or :attr:`trending`) exactly, an
            excluded contract's being 0; without one, none has.  A report
            whose impacts carry no points at all (built by hand) is accepted.
        reason_codes: What *reason* says, as stable :class:`ScoreReason`
            codes (text such as ``"scored"`` is read as its member): first
            the reason itself, ``SCORED`` exactly when there is a score and
            ``NO_CONTRACTS`` exactly when there are no impacts; then each
            note the sentence adds (``ONE_CLIENT_WINDOW`` with a score;
            ``ALL_OPEN``, with a score or without, when no contract has
            ended or has feedback), each once.  Chosen where the sentence
            is written, so a program reads the code and never the words.

    Raises:
        InvalidTypeError: A field of the wrong type.
        InvalidValueError: A value out of range, or fields that disagree
            (see each attribute); the field is named.
    """

    as_of: date = attrs.field(converter=to_date, validator=date_field)
    computed_on: date = attrs.field(converter=to_date, validator=date_field)
    rules: str = attrs.field(converter=plain_text, validator=text_field)
    score: int | None = attrs.field(converter=optional_plain_int, validator=score_field)
    reason: str = attrs.field(converter=plain_text, validator=shown_text_field)
    window: str | None = attrs.field(
        converter=optional_plain_text, validator=attrs.validators.optional(text_field)
    )
    windows: tuple[WindowScore, ...] = attrs.field(
        converter=as_tuple, validator=items_field(WindowScore)
    )
    trending: Decimal | None = attrs.field(validator=optional_percent_field)
    impacts: tuple[Impact, ...] = attrs.field(converter=as_tuple, validator=items_field(Impact))
    reason_codes: tuple[ScoreReason, ...] = attrs.field(
        default=(), converter=score_codes_of_text, validator=score_codes_field
    )

    def __attrs_post_init__(self) -> None:
        if self.computed_on > self.as_of:
            raise InvalidValueError(
                f"JSSReport.computed_on ({self.computed_on}) must not be after as_of "
                f"({self.as_of}): a snapshot is taken on or before the day asked about",
                field="JSSReport.computed_on",
                rule="on or before as_of",
            )
        _windows(self.windows)
        unique([i.contract_id for i in self.impacts], "JSSReport.impacts")
        self._check_longest()
        self._check_trending()
        self._check_score()
        points_add_up(
            [(i.points, i.outcome is Outcome.EXCLUDED) for i in self.impacts],
            None if self.window is None else self._percent_of(self.window),
            "JSSReport.impacts",
        )
        if self.window is not None:  # red team r23 L1: each contract's points, not just the sum
            check_points(
                [(i.outcome, i.weight, i.points) for i in self.impacts],
                [(w.total, w.percent) for w in self._behind(self.window)],
                "JSSReport.impacts",
            )
        match_score_reason(self.reason_codes, scored=self.score is not None, empty=not self.impacts)
        self._check_leaves()

    def _check_leaves(self) -> None:
        """Each :attr:`Impact.leaves_on` is after the snapshot, and no later than its day's.

        A contract counted on :attr:`computed_on` ended on it or before, so it
        leaves the longest window after it, and no later than one ending that
        day would (newcomer r42 3); when that one would leave after the
        library's last day, only the first bound holds (every date field is
        on or before it, red team r43 F2).
        """
        latest = _leaves_told(self.computed_on, self.windows[0].months)
        for index, impact in enumerate(self.impacts):
            day = impact.leaves_on
            if day is None:
                continue
            if day <= self.computed_on or (latest is not None and day > latest):
                raise InvalidValueError(
                    f"JSSReport.impacts[{index}].leaves_on ({day}) must be after computed_on "
                    f"({self.computed_on}) and no later than {latest}, when a contract ending "
                    f"that day leaves the {self.windows[0].months} months window",
                    field=f"JSSReport.impacts[{index}].leaves_on",
                    rule="after computed_on, within the longest window",
                )

    def _check_longest(self) -> None:
        """The longest window holds exactly the counted impacts (every window is inside it)."""
        counted = [i for i in self.impacts if i.outcome is not Outcome.EXCLUDED]
        with decimal.localcontext(CONTEXT):  # exact, whatever the caller's context
            sums = {
                outcome: sum([i.weight for i in counted if i.outcome is outcome], _ZERO)
                for outcome in (Outcome.POSITIVE, Outcome.NEGATIVE, Outcome.NEUTRAL)
            }
        longest = self.windows[0]
        found = (
            longest.contracts,
            longest.clients,
            longest.successes,
            longest.negatives,
            longest.neutrals,
        )
        expected = (
            len(counted),
            len({i.client_id for i in counted}),
            sums[Outcome.POSITIVE],
            sums[Outcome.NEGATIVE],
            sums[Outcome.NEUTRAL],
        )
        if found != expected:
            raise InvalidValueError(
                "JSSReport.windows[0], the longest window, must tally the counted impacts "
                "(contracts, clients, successes, negatives, neutrals): got "
                f"{found}, the impacts give {expected}",
                field="JSSReport.windows[0]",
                rule="the tallies of the counted impacts",
            )

    def _check_trending(self) -> None:
        """The trending score is the average of two windows' percents, to the hundredth.

        The report need not say which two (only the trending label does, when
        it gives the score), so some two distinct windows with a percent must
        average to it, as :meth:`_check_average` reads an average: their sum
        within a hundredth of twice the trending score.  Sorted and searched
        by halving, so a report of many windows costs little more than one.
        """
        trending = self.trending
        if trending is None:
            return
        having = sorted(_hundredths(w.percent) for w in self.windows if w.percent is not None)
        twice = 2 * _hundredths(trending)
        for index, first in enumerate(having):
            low = bisect.bisect_left(having, twice - first - 1)
            high = bisect.bisect_right(having, twice - first + 1)
            if high - low > (1 if low <= index < high else 0):
                return
        shown = (
            "fewer than two windows have a percent"
            if len(having) < 2
            else f"no two of the windows' percents ({_shown_percents(having)}) average to it"
        )
        raise InvalidValueError(
            f"JSSReport.trending ({trending}) must be the average of two windows' "
            f"percents: {shown}",
            field="JSSReport.trending",
            rule=_AVERAGE,
        )

    def _check_score(self) -> None:
        """The score comes from the best window, and is its window's percent rounded."""
        if (self.score is None) is not (self.window is None):
            raise InvalidValueError(
                "JSSReport.window must name the window that gave the score, and be None "
                f"exactly when the score is None; got score {shown(self.score)} and window "
                f"{shown(self.window)}",
                field="JSSReport.window",
                rule="None exactly when score is None",
            )
        if self.score is None:
            return
        percent = self._percent_of(cast("str", self.window))
        if percent is None:
            raise InvalidValueError(
                f"JSSReport.window ({shown(self.window)}) must name a shown window with a percent, "
                "as '24 months', or the trending score of two windows with a percent, as "
                "'trending (6m + 3m)/2'",
                field="JSSReport.window",
                rule="a shown window with a percent",
            )
        best = max(
            (w.percent for w in self.windows if w.shown and w.percent is not None), default=percent
        )
        if self.trending is not None and self.trending > best:
            best = self.trending
        if percent < best:
            raise InvalidValueError(
                f"JSSReport.window ({shown(self.window)}, {percent}) must be the best of the shown "
                f"windows and the trending score, which reaches {best}",
                field="JSSReport.window",
                rule=_BEST,
            )
        if CONTEXT.abs(CONTEXT.subtract(Decimal(self.score), percent)) > _ROUNDING:
            raise InvalidValueError(
                f"JSSReport.score ({self.score}) must be the {self.window} window's percent "
                f"({percent}) rounded to a whole percent",
                field="JSSReport.score",
                rule="its window's percent, rounded",
            )

    def _percent_of(self, label: str) -> Decimal | None:
        """The percent of the window *label* names, if it is a shown window with one.

        The trending label gives :attr:`trending` when it names two distinct
        windows with a percent, the longer first, and :attr:`trending` is
        their average.  Read from the label and looked up by months: one
        pass over the windows, whatever their number.
        """
        by_months = {w.months: w for w in self.windows}
        found = _WINDOW_LABEL.fullmatch(label)
        if found is not None:
            named = by_months.get(int(found[1]))
            return named.percent if named is not None and named.shown else None
        found = _TRENDING_LABEL.fullmatch(label)
        if found is None or self.trending is None:
            return None
        long, short = (by_months.get(int(months)) for months in found.groups())
        if long is None or short is None or long.percent is None or short.percent is None:
            return None
        if long.months <= short.months:
            raise InvalidValueError(
                f"JSSReport.window ({shown(label)}) must name two distinct windows, the longer "
                "first, as 'trending (6m + 3m)/2'",
                field="JSSReport.window",
                rule=_PAIR,
            )
        self._check_average(long.percent, short.percent)
        return self.trending

    def _behind(self, label: str) -> tuple[WindowScore, ...]:
        """The windows the score shown comes from (*label* is checked): one, or the pair."""
        by_months = {w.months: w for w in self.windows}
        found = _WINDOW_LABEL.fullmatch(label) or _TRENDING_LABEL.fullmatch(label)
        return tuple(by_months[int(months)] for months in cast("re.Match[str]", found).groups())

    def _check_average(self, long: Decimal, short: Decimal) -> None:
        """:attr:`trending` is (long + short)/2, both percents being rounded to the hundredth.

        The engine averages the exact shares and rounds once, half up, to
        the hundredth; each window's percent is rounded the same way.  So
        the trending score is the average of the two percents, or, when
        that falls on a half hundredth, a half hundredth either side.
        """
        twice = CONTEXT.add(long, short)
        trending = cast("Decimal", self.trending)
        if CONTEXT.abs(CONTEXT.subtract(CONTEXT.add(trending, trending), twice)) > _HUNDREDTH:
            average = CONTEXT.divide(twice, _TWO)
            raise InvalidValueError(
                f"JSSReport.trending ({trending}) must be (long + short)/2 of the windows "
                f"{self.window!r} names: ({long} + {short})/2 = {average}, to the hundredth",
                field="JSSReport.trending",
                rule=_AVERAGE,
            )

    def __repr__(self) -> str:
        # One line: the impacts (a reason list per contract) run to kilobytes.  The count
        # says "counted": contracts given but excluded (not started yet, outside the window)
        # are "of" the given ones, never read as counted (red team r19 L1).
        shown = "not eligible" if self.score is None else f"{self.score}% ({self.window})"
        given = len(self.impacts)
        longest = self.windows[0]  # every counted impact is in the longest window
        counted = longest.contracts
        of = "" if counted == given else f" of {given}"
        # The count is the longest window's; said so when the score shown is another's
        # (review r19 L3: "95% (12 months), 2 of 4 contracts counted" read as the 12 months').
        where = (
            ""
            if self.window is None or self.window == f"{longest.months} months"
            else f" in {longest.months} months"
        )
        return (
            f"<JSSReport {self.computed_on}: {shown}, {counted}{of} "
            f"contract{'' if given == 1 else 's'} counted{where}, {self.rules}>"
        )

    def impact(self, contract_id: str) -> Impact:
        """Return the :class:`Impact` of the contract with *contract_id*.

        Raises:
            InvalidTypeError: *contract_id* is not a ``str``.
            InvalidValueError: No contract has that id.
        """
        contract_id = text_value(contract_id, "contract_id")  # plain: its own == never answers
        for impact in self.impacts:
            if impact.contract_id == contract_id:
                return impact
        raise InvalidValueError(
            f"the report has no contract {shown(contract_id)}",
            field="contract_id",
            rule="a contract of the report",
        )

    def to_records(self) -> list[dict[str, object]]:
        """One row per contract: id, client, outcome, weight, points, reasons, codes, leaves_on.

        ``exclusion`` is the :class:`ExclusionCode`'s text (``"no_feedback"``),
        or ``None`` for a contract that counts.  ``codes`` is the reasons'
        :class:`ReasonCode` texts joined by ``"; "`` as ``reasons`` is, one
        per reason in the same order.  ``leaves_on`` is
        :attr:`Impact.leaves_on`: the first day a counted, ended contract is
        outside every window (``None`` for the others).
        """
        return [
            {
                "contract_id": i.contract_id,
                "client_id": i.client_id,
                "outcome": _render.plain(i.outcome),
                "weight": i.weight,
                "points": i.points,
                "reasons": "; ".join(i.reasons),
                "exclusion": None if i.exclusion is None else _render.plain(i.exclusion),
                "codes": "; ".join(code.value for code in i.codes),
                "leaves_on": i.leaves_on,
            }
            for i in self.impacts
        ]

    def _repr_html_(self) -> str:
        shown = "not eligible" if self.score is None else f"{self.score}%"
        caption = f"JSS {shown} as of {self.as_of.isoformat()}: {self.reason}"
        return _render.html_table(self.to_records(), caption=caption)


@through_init
@attrs.frozen
class JSSPoint:
    """The score on one day of a :func:`~upwork_safety.jss.timeline`.

    Attributes:
        on: The day.
        score: The whole-percent score (0 to 100), or ``None`` when not eligible.
        projected: Whether the score is computed at a day after the last
            day the history records anything (a start, an end, a payment, an
            escrow event): the score is then a projection that assumes
            nothing more happens, so no open contract is paid again.  That
            day is the rules' snapshot on or before *on* (*on* itself under
            daily snapshots).
        lapses: The open contracts whose standing on this day comes from that
            assumption alone, each with the day it turned (see
            :class:`Lapse`); only on a projected point, one per contract.
            Add the payments you expect to see the score without them.

    Raises:
        InvalidTypeError: A field of the wrong type.
        InvalidValueError: A score outside 0 to 100, lapses on a point that
            is not projected, a lapse after *on*, or a contract twice.
    """

    on: date = attrs.field(converter=to_date, validator=date_field)
    score: int | None = attrs.field(converter=optional_plain_int, validator=score_field)
    projected: bool = attrs.field(default=False, validator=bool_field)
    lapses: tuple[Lapse, ...] = attrs.field(
        default=(), converter=as_tuple, validator=items_field(Lapse)
    )

    def __attrs_post_init__(self) -> None:
        if not self.lapses:
            return
        if not self.projected:
            raise InvalidValueError(
                "JSSPoint.lapses must be empty on a point that is not projected: only a day "
                "after the history's last recorded day assumes no more payments",
                field="JSSPoint.lapses",
                rule="only on a projected point",
            )
        for index, lapse in enumerate(self.lapses):
            if lapse.since > self.on:
                raise InvalidValueError(
                    f"JSSPoint.lapses[{index}].since ({lapse.since}) must not be after the "
                    f"point's day ({self.on})",
                    field=f"JSSPoint.lapses[{index}].since",
                    rule="on or before on",
                )
        unique([lapse.contract_id for lapse in self.lapses], "JSSPoint.lapses")
