"""Charts for notebooks: the Job Success Score over time, and what each withdrawal method delivers.

This module is optional: it needs matplotlib, installed with the ``plot``
extra (``pip install '.[plot]'`` from a checkout).  matplotlib is imported only
when a function is called, so ``import upwork_safety.plot`` always works and
a missing matplotlib is reported with the command that installs it.

Both functions draw on the axes they are given (or on a new figure's axes),
return those axes, and do nothing else: no ``plt.show()``, no files.  Money
stays ``Decimal`` everywhere in the library; it becomes ``float`` here, and
only to place marks on the chart.  Every text on the chart is formatted from
the exact ``Decimal`` values.

* :func:`jss_timeline` draws a :func:`upwork_safety.jss.timeline`.
* :func:`withdrawals` draws a :func:`upwork_safety.fees.compare_withdrawals`.
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from upwork_safety._decimals import CONTEXT
from upwork_safety._validate import sequence_of, text_value
from upwork_safety.errors import CurrencyMismatchError, InvalidTypeError, InvalidValueError
from upwork_safety.fees import WithdrawalComparison, WithdrawalQuote
from upwork_safety.jss import JSSPoint, JSSRules
from upwork_safety.rules import JSS_HISTORY, RuleHistory, _pick_rules

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from upwork_safety.money import Money

__all__ = ["INSTALL_HINT", "jss_timeline", "withdrawals"]

_DAY = timedelta(days=1)

INSTALL_HINT = (
    "pip install matplotlib (the 'plot' extra: pip install '.[plot]' from a checkout of "
    "upwork_safety, which is not on a package index)"
)
"""The command that installs what this module needs (matplotlib)."""


def _require_matplotlib() -> None:
    """Check that matplotlib can be imported, or say which extra provides it."""
    if importlib.util.find_spec("matplotlib") is None:
        raise ImportError(
            f"upwork_safety.plot needs matplotlib, which is not installed: {INSTALL_HINT}"
        )


def _axes(ax: Axes | None, *, height: float) -> Axes:
    """Return *ax*, or the axes of a new figure *height* inches tall."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _figure, new = plt.subplots(figsize=(8.0, height), layout="constrained")
    return new


def _points(points: object) -> list[JSSPoint]:
    if isinstance(points, (str, bytes)) or not isinstance(points, Iterable):
        raise InvalidTypeError(
            f"points must be the JSSPoint list from jss.timeline(), not {type(points).__name__}",
            field="points",
            rule="a sequence of JSSPoint",
        )
    items = list(sequence_of(points, JSSPoint, "points"))
    if not items:
        raise InvalidValueError(
            "points is empty: jss.timeline() gives at least one point to draw",
            field="points",
            rule="at least one point",
        )
    for index in range(1, len(items)):
        before, point = items[index - 1].on, items[index].on
        if point <= before:
            # Drawn as given, the step line would run backwards (red team r16 L6); the
            # points are refused, not sorted: which of two scores for a day is meant?
            where = "the same day as" if point == before else "before"
            raise InvalidValueError(
                f"points[{index}] is on {point}, {where} points[{index - 1}] ({before}): "
                "points must be in date order, one a day, "
                "as jss.timeline() gives them",
                field=f"points[{index}]",
                rule="in date order, one point a day",
            )
    return items


def _text(text: str) -> str:
    r"""*text*, from the caller's data, drawn as written: each ``$`` escaped (``\$``).

    matplotlib reads text between two ``$`` as mathtext (``My $ bank $2`` would
    be drawn with " bank " in italics; red team r16 L6); ``\$`` is a dollar
    sign, with or without LaTeX.
    """
    return text.replace("$", r"\$")


def _title_text(title: object) -> str:
    """The *title* argument, a ``str`` (the library's one text rule), escaped for drawing."""
    return _text(text_value(title, "title"))


def _threshold(last: JSSPoint, rules: object) -> int:
    return _pick_rules(rules, JSSRules, JSS_HISTORY, last.on).top_rated_min_score


def _jss_axes(ax: object) -> None:
    """Refuse an *ax* that is not matplotlib axes (before anything is drawn)."""
    if ax is None:
        return
    from matplotlib.axes import Axes as MatplotlibAxes

    if not isinstance(ax, MatplotlibAxes):
        raise InvalidTypeError(
            f"ax must be matplotlib Axes (e.g. from plt.subplots()) or None, not "
            f"{type(ax).__name__}",
            field="ax",
            rule="matplotlib Axes or None",
        )


def _changes(items: list[JSSPoint]) -> list[int]:
    """The points worth a marker: the first, the last, and each one whose score differs."""
    marks = [
        index
        for index, point in enumerate(items)
        if index == 0 or point.score != items[index - 1].score
    ]
    if marks[-1] != len(items) - 1:
        marks.append(len(items) - 1)
    return marks


def _ineligible(items: list[JSSPoint]) -> list[tuple[date, date]]:
    """The runs of days without a score, each to the next scored day (or the last day)."""
    runs: list[tuple[date, date]] = []
    start: date | None = None
    for point in items:
        if point.score is None and start is None:
            start = point.on
        elif point.score is not None and start is not None:
            runs.append((start, point.on))
            start = None
    if start is not None:
        runs.append((start, items[-1].on))
    return runs


def jss_timeline(
    points: Iterable[JSSPoint],
    ax: Axes | None = None,
    *,
    rules: JSSRules | RuleHistory[JSSRules] | None = None,
    top_rated: bool = True,
    title: str = "Job Success Score",
) -> Axes:
    """Draw the score day by day, with gaps where there is no score.

    The score is drawn as a step line (a score holds until the next point);
    days that are not eligible (``score is None``) leave a gap.  A dashed
    line marks the Top Rated threshold (90% in every published rule set).
    Markers sit only where the score changes (and at both ends), so a daily
    timeline of two years stays readable; the date axis is labelled in UTC,
    the day Upwork's clock uses.

    Args:
        points: What :func:`upwork_safety.jss.timeline` returns, or any
            sequence of :class:`~upwork_safety.jss.JSSPoint` in date order,
            one a day (e.g. :attr:`upwork_safety.jss.TopRatedWeeks.weeks`);
            points out of order are refused, never sorted.
        ax: The matplotlib axes to draw on; default a new figure's.
        rules: Where the Top Rated threshold comes from; default the
            rules in force on the last point's day.
        top_rated: Whether to draw the Top Rated threshold.
        title: The chart's title, drawn as written (a ``$`` is a dollar
            sign, never matplotlib's mathtext).

    Returns:
        The axes drawn on.

    Raises:
        ImportError: matplotlib is not installed (the message gives the
            ``pip install`` command for the ``plot`` extra).
        InvalidTypeError: Something in *points* is not a JSSPoint,
            *rules* is not :class:`~upwork_safety.jss.JSSRules`, *ax* is
            not matplotlib axes, or *title* is not a ``str``.
        InvalidValueError: *points* is empty, or a point is not after the
            one before it (``field`` is that point's, e.g. ``"points[3]"``).
        RulesError: The last point is before 2015-03-01 and no *rules* were given.
    """
    _require_matplotlib()
    items = _points(points)
    threshold = _threshold(items[-1], rules) if top_rated else None
    heading = _title_text(title)
    _jss_axes(ax)
    axes = _axes(ax, height=4.0)
    import matplotlib.dates as mdates
    import numpy as np
    from matplotlib.ticker import PercentFormatter

    days = np.array([point.on for point in items], dtype="datetime64[D]")
    # NaN is how matplotlib leaves a gap in a line: a day without a score.
    scores = [math.nan if point.score is None else float(point.score) for point in items]
    axes.plot(
        days,
        scores,
        drawstyle="steps-post",
        marker="o",
        markersize=3.0,
        markevery=_changes(items),
        label="JSS",
    )
    if threshold is not None:
        axes.axhline(
            float(threshold),
            linestyle="--",
            color="tab:green",
            linewidth=1.0,
            label=f"Top Rated threshold ({threshold}%)",
        )
    for number, (first, last) in enumerate(_ineligible(items)):
        axes.axvspan(
            mdates.date2num(first),
            mdates.date2num(last),
            color="0.85",
            alpha=0.5,
            linewidth=0,
            label="" if number else "not eligible",
        )
    # The whole range, even the ineligible days at either end (autoscaling skips NaN);
    # a single day is shown with a day either side, or two after it on date.min (the
    # day before it is not in the calendar: red team r16 L6).
    first, last = items[0].on, items[-1].on
    if first == last:
        first = first - _DAY if first > date.min else first
        last = first + 2 * _DAY
    axes.set_xlim(float(mdates.date2num(first)), float(mdates.date2num(last)))
    # A little headroom so a 100% score is not drawn on the frame.
    axes.set_ylim(0.0, 103.0)
    axes.set_yticks([0.0, 20.0, 40.0, 60.0, 80.0, 100.0])
    axes.yaxis.set_major_formatter(PercentFormatter(xmax=100.0, decimals=0))
    locator = mdates.AutoDateLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    axes.set_xlabel("Date (UTC)")
    axes.set_ylabel("Job Success Score")
    axes.set_title(heading)
    axes.grid(visible=True, axis="y", alpha=0.3)
    axes.legend(loc="best")
    return axes


def _quotes(quotes: object) -> list[WithdrawalQuote]:
    if isinstance(quotes, WithdrawalComparison):
        items = list(quotes.quotes)
    elif isinstance(quotes, Iterable) and not isinstance(quotes, (str, bytes)):
        items = list(sequence_of(quotes, WithdrawalQuote, "quotes"))
    else:
        raise InvalidTypeError(
            "quotes must be a WithdrawalComparison or a sequence of WithdrawalQuote, "
            f"not {type(quotes).__name__}",
            field="quotes",
            rule="a WithdrawalComparison or quotes",
        )
    if not items:
        raise InvalidValueError(
            "there are no quotes to draw (a comparison lists why each method was skipped, "
            "and which methods have no published spread)",
            field="quotes",
            rule="at least one quote",
        )
    currency = items[0].received.currency
    for quote in items[1:]:
        if quote.received.currency != currency:
            raise CurrencyMismatchError(
                f"withdrawals() draws one currency: {quote.method.name} delivers "
                f"{quote.received.currency}, {items[0].method.name} {currency}",
                field="quotes",
                rule="one currency",
            )
    return items


def _label(quote: WithdrawalQuote) -> str:
    cost = quote.cost_vs_reference
    return (
        f"{quote.received.currency} {quote.received.amount:,}\n"
        f"costs {cost.currency} {cost.amount:,} ({quote.cost_percent}%)"
    )


def _title(quotes: WithdrawalComparison | Iterable[WithdrawalQuote], first: WithdrawalQuote) -> str:
    reference = first.reference_rate
    if isinstance(quotes, WithdrawalComparison):
        sent = quotes.amount
        reference = quotes.reference_rate
    else:
        sent = first.sent
    return (
        f"Withdrawing {sent.currency} {sent.amount:,} at "
        f"{reference.rate.normalize(CONTEXT):f} {reference.quote} per {reference.base}"
    )


def _nice_floor(value: float, span: float) -> float:
    """*value* rounded down to a round number (1, 2 or 5 × a power of ten) near *span* / 2."""
    if span <= 0:
        return value
    step = 10.0 ** math.floor(math.log10(span / 2))
    for factor in (5.0, 2.0, 1.0):
        if step * factor <= span / 2:
            step *= factor
            break
    return math.floor(value / step) * step


def _x_range(low: float, high: float) -> tuple[float, float]:
    """The axis range: the costs' spread fills about 40% of the width; 0 when that is near."""
    span = high - low
    if span <= 0:
        span = max(abs(high) * 0.01, 1.0)
    start = _nice_floor(low - 1.5 * span, span)
    # Close to 0 anyway (costs of a third or more): start at 0, as bars usually do.
    if start < 0.25 * low:
        start = 0.0
    return start, high + 0.08 * (high - start)


def withdrawals(
    quotes: WithdrawalComparison | Iterable[WithdrawalQuote],
    ax: Axes | None = None,
    *,
    title: str | None = None,
) -> Axes:
    """Draw what each withdrawal method delivers, as horizontal bars, best on top.

    The methods differ by a few percent, so the axis does not start at 0:
    it starts at a round number below the smallest amount (the x label says
    where), and the differences between the bars fill about 40% of the
    width.  Each bar is labelled, inside its end, with the exact amount
    received and the cost against the reference rate (fees, spread and tax
    together).  When every quote withdraws the same balance at the same
    reference rate, a dotted line marks what the balance buys at that rate
    with no costs, named in a key below the bars.  Methods a comparison
    skipped, or could not price (``unpriced``), are not drawn.  Method names
    and the title are drawn as written: a ``$`` in them is a dollar sign,
    never matplotlib's mathtext.

    Args:
        quotes: What :func:`upwork_safety.fees.compare_withdrawals` returns,
            or any sequence of :class:`~upwork_safety.fees.WithdrawalQuote`
            (drawn top to bottom in the order given).
        ax: The matplotlib axes to draw on; default a new figure's.
        title: The chart's title; default the amount and the reference rate
            (of the comparison, or of the first quote).

    Returns:
        The axes drawn on.

    Raises:
        ImportError: matplotlib is not installed (the message gives the
            ``pip install`` command for the ``plot`` extra).
        InvalidTypeError: *quotes* is neither a comparison nor quotes,
            *ax* is not matplotlib axes, or *title* is neither a ``str`` nor
            ``None``.
        InvalidValueError: There is no quote to draw.
        CurrencyMismatchError: The quotes deliver different currencies.
    """
    _require_matplotlib()
    items = _quotes(quotes)
    heading = _text(_title(quotes, items[0])) if title is None else _title_text(title)
    _check_axes(ax)
    axes = _axes(ax, height=1.9 + 0.8 * len(items))
    from matplotlib.ticker import StrMethodFormatter

    currency = items[0].received.currency
    received = [quote.received.amount for quote in items]
    ideals: set[Money] = {quote.ideal for quote in items}
    ideal = next(iter(ideals)) if len(ideals) == 1 else None
    top = max(received) if ideal is None else max(*received, ideal.amount)
    start, end = _x_range(float(min(received)), float(top))
    positions = list(range(len(items)))
    # Every bar starts at the axis' left edge, so its visible length is what it delivers
    # above that edge and the bars compare at a glance.
    axes.barh(
        positions,
        [float(amount) - start for amount in received],
        left=start,
        color="tab:blue",
        height=0.6,
    )
    axes.set_yticks(positions, labels=[_text(quote.method.name) for quote in items])
    # A free band under the last bar holds the key, inside the axes.
    axes.set_ylim(len(items) - 0.4 + (0.6 if ideal is not None else 0.0), -0.6)
    for position, quote in enumerate(items):
        axes.annotate(
            _text(_label(quote)),
            xy=(float(quote.received.amount), float(position)),
            xytext=(-6.0, 0.0),
            textcoords="offset points",
            ha="right",
            va="center",
            fontsize=8,
            color="white",
        )
    if ideal is not None:
        axes.axvline(
            float(ideal.amount),
            linestyle=":",
            color="tab:gray",
            label=_text(f"at the reference rate, no costs: {ideal.currency} {ideal.amount:,}"),
        )
        axes.legend(loc="lower left", fontsize=8, frameon=False)
    axes.set_xlim(start, end)
    axes.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    shift = f"; the axis starts at {start:,.0f}, not 0" if start else ""
    axes.set_xlabel(_text(f"received ({currency}){shift}"))
    axes.set_title(heading)
    return axes


def _check_axes(ax: object) -> None:
    """*ax* is None or matplotlib axes (anything else would fail deep inside matplotlib)."""
    if ax is None:
        return
    from matplotlib.axes import Axes as MatplotlibAxes

    if not isinstance(ax, MatplotlibAxes):
        raise InvalidTypeError(
            f"ax must be matplotlib Axes or None, not {type(ax).__name__}",
            field="ax",
            rule="matplotlib Axes",
        )


def __dir__() -> list[str]:
    """The public names (``__all__``), not the names this module imports (red team r19 L4)."""
    return sorted(__all__)
