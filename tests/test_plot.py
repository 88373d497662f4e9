"""upwork_safety.plot: the JSS timeline and withdrawal charts, drawn headless (Agg)."""

from __future__ import annotations

import io
import math
import sys
from datetime import date, timedelta
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402  (after the backend is chosen)
import matplotlib.pyplot as plt  # noqa: E402  (same)
from matplotlib.figure import Figure  # noqa: E402  (same)

from upwork_safety import (  # noqa: E402  (only when matplotlib is there)
    Contract,
    ContractKind,
    ExchangeRate,
    Feedback,
    Money,
    Payment,
    fees,
    jss,
    plot,
)
from upwork_safety.errors import (  # noqa: E402
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
    RulesError,
)
from upwork_safety.jss import JSSPoint  # noqa: E402

USD_PKR = ExchangeRate("USD", "PKR", "280.00", as_of=date(2025, 6, 2))
NINE_HUNDRED = Money("900.00", "USD")


@pytest.fixture(autouse=True)
def _close_figures():
    """Every test starts and ends with no open figure."""
    plt.close("all")
    yield
    plt.close("all")


@pytest.fixture(autouse=True)
def _no_show_no_files(monkeypatch, tmp_path):
    """Charts never call plt.show() and never write into the working directory."""

    def refuse(*_args, **_kwargs):
        pytest.fail("plt.show() was called")

    monkeypatch.setattr(plt, "show", refuse)
    monkeypatch.chdir(tmp_path)
    yield
    assert [] == list(tmp_path.iterdir())


def job(n: int, stars: str, month: int) -> Contract:
    """A $500 fixed-price contract with client n, started and ended in *month* of 2025."""
    return Contract(
        f"c{n}",
        f"client{n}",
        ContractKind.FIXED_PRICE,
        started=date(2025, month, 1),
        ended=date(2025, month, 20),
        payments=[Payment(date(2025, month, 20), Money(500, "USD"))],
        feedback=Feedback(stars=Decimal(stars)),
    )


HISTORY = [job(1, "5.0", 1), job(2, "5.0", 2), job(3, "4.0", 3), job(4, "2.0", 5)]


def points(*scores: int | None, start: date = date(2025, 1, 1)) -> list[JSSPoint]:
    """One point a day from *start* with the given scores."""
    return [JSSPoint(start + timedelta(days=i), s) for i, s in enumerate(scores)]


def ydata(line) -> list[float | None]:
    """A line's y values with NaN read back as None."""
    return [None if math.isnan(y) else y for y in line.get_ydata()]


def spans(ax) -> list[tuple[date, date]]:
    """The shaded (not eligible) rectangles as (first day, last day)."""
    return [
        (
            mdates.num2date(p.get_x()).date(),
            mdates.num2date(p.get_x() + p.get_width()).date(),
        )
        for p in ax.patches
    ]


# --- jss_timeline -----------------------------------------------------------------------


def test_timeline_draws_one_point_per_day_with_the_scores():
    """The score line has every point of jss.timeline(), y equal to the scores."""
    timeline = jss.timeline(
        HISTORY, start=date(2025, 1, 1), end=date(2025, 12, 31), step=timedelta(days=7)
    )
    ax = plot.jss_timeline(timeline)
    score_line = ax.get_lines()[0]
    assert len(timeline) == len(score_line.get_xdata())
    assert [p.score for p in timeline] == ydata(score_line)
    assert [p.on for p in timeline] == [d.astype(date) for d in score_line.get_xdata()]
    assert any(p.score is None for p in timeline)
    assert any(p.score is not None for p in timeline)


def test_timeline_leaves_a_gap_and_shades_days_without_a_score():
    """None becomes NaN (a break in the line) and each ineligible run is shaded to the next scored day."""
    ax = plot.jss_timeline(points(None, None, 80, 85, None, 95))
    assert [None, None, 80.0, 85.0, None, 95.0] == ydata(ax.get_lines()[0])
    assert [
        (date(2025, 1, 1), date(2025, 1, 3)),
        (date(2025, 1, 5), date(2025, 1, 6)),
    ] == spans(ax)
    assert ["not eligible", ""] == [p.get_label() for p in ax.patches]


def test_timeline_shades_an_ineligible_run_at_the_end_to_the_last_day():
    """A run of None that lasts to the end is shaded up to the last point."""
    ax = plot.jss_timeline(points(92, None, None))
    assert [(date(2025, 1, 2), date(2025, 1, 3))] == spans(ax)


def test_timeline_all_scored_has_no_shading():
    """No ineligible day, no shaded span."""
    ax = plot.jss_timeline(points(91, 92, 93))
    assert [] == spans(ax)
    assert [91.0, 92.0, 93.0] == ydata(ax.get_lines()[0])


def test_timeline_marks_the_top_rated_threshold_dashed_at_90():
    """A dashed horizontal line at the rules' Top Rated score (90%)."""
    ax = plot.jss_timeline(points(88, 91))
    threshold = ax.get_lines()[1]
    assert [90.0, 90.0] == list(threshold.get_ydata())
    assert "--" == threshold.get_linestyle()
    assert "Top Rated threshold (90%)" == threshold.get_label()
    assert 90 == jss.rules_as_of(date(2025, 1, 2)).top_rated_min_score


def test_timeline_threshold_comes_from_the_given_rules():
    """rules= moves the threshold line (a what-if on the Top Rated rule)."""
    stricter = attrs.evolve(jss.CURRENT, top_rated_min_score=95)
    ax = plot.jss_timeline(points(88, 91), rules=stricter)
    assert [95.0, 95.0] == list(ax.get_lines()[1].get_ydata())


def test_timeline_without_the_threshold():
    """top_rated=False draws only the score line."""
    ax = plot.jss_timeline(points(88, 91), top_rated=False)
    assert 1 == len(ax.get_lines())


def test_timeline_axes_cover_every_day_and_0_to_100_percent():
    """x spans first to last day, even when the ends are ineligible; y shows 0–100%."""
    ax = plot.jss_timeline(points(None, 70, None))
    left, right = ax.get_xlim()
    assert (date(2025, 1, 1), date(2025, 1, 3)) == (
        mdates.num2date(left).date(),
        mdates.num2date(right).date(),
    )
    assert [0.0, 20.0, 40.0, 60.0, 80.0, 100.0] == list(ax.get_yticks())
    assert 0.0 == ax.get_ylim()[0]
    assert 100.0 < ax.get_ylim()[1]


def test_timeline_labels_and_title():
    """Axis labels, the default and a given title, and a legend naming each element."""
    ax = plot.jss_timeline(points(None, 95))
    assert ("Date (UTC)", "Job Success Score", "Job Success Score") == (
        ax.get_xlabel(),
        ax.get_ylabel(),
        ax.get_title(),
    )
    assert ["JSS", "Top Rated threshold (90%)", "not eligible"] == [
        t.get_text() for t in ax.get_legend().get_texts()
    ]
    assert "Ali's JSS" == plot.jss_timeline(points(95), title="Ali's JSS").get_title()


def test_timeline_accepts_top_rated_weeks():
    """TopRatedWeeks.weeks (a tuple of JSSPoint) draws like a timeline."""
    weeks = jss.top_rated_weeks(HISTORY, as_of=date(2025, 6, 1))
    ax = plot.jss_timeline(weeks.weeks)
    assert [p.score for p in weeks.weeks] == ydata(ax.get_lines()[0])


def test_timeline_reuses_the_given_axes():
    """The given axes are drawn on and returned; no new figure is made."""
    figure, given_ax = plt.subplots()
    assert given_ax is plot.jss_timeline(points(90), ax=given_ax)
    assert [figure.number] == plt.get_fignums()


def test_timeline_makes_a_figure_when_no_axes_given():
    """Without ax, one new figure is created and its axes returned."""
    ax = plot.jss_timeline(points(90))
    assert [ax.figure.number] == plt.get_fignums()


@pytest.mark.parametrize(
    ("bad", "error", "message"),
    [
        ([], InvalidValueError, "points is empty"),
        (42, InvalidTypeError, "points must be the JSSPoint list from jss.timeline\\(\\), not int"),
        ("90", InvalidTypeError, "points must be the JSSPoint list"),
        (
            [JSSPoint(date(2025, 1, 1), 90), 90],
            InvalidTypeError,
            "points\\[1\\] must be a JSSPoint, not int",
        ),
    ],
)
def test_timeline_refuses_bad_points(bad, error, message):
    """Empty input or anything but JSSPoints is refused, naming the culprit; no figure is made."""
    with pytest.raises(error, match=message):
        plot.jss_timeline(bad)
    assert [] == plt.get_fignums()


@pytest.mark.parametrize("bad", [5, "axes", object(), [1]])
def test_timeline_refuses_axes_that_are_not_axes(bad):
    """ax=5 (or anything but matplotlib Axes) is refused naming ax; no figure is made."""
    with pytest.raises(InvalidTypeError) as info:
        plot.jss_timeline(points(90), ax=bad)
    assert "ax" == info.value.field
    assert [] == plt.get_fignums()


def test_timeline_marks_only_the_days_the_score_changes():
    """A daily timeline with three changes has markers at the ends and the changes only."""
    scores = [None] * 10 + [80] * 100 + [90] * 200 + [100] * 55
    ax = plot.jss_timeline(points(*scores))
    assert [0, 10, 110, 310, 364] == list(ax.get_lines()[0].get_markevery())
    assert 365 == len(ax.get_lines()[0].get_xdata())


def test_timeline_date_axis_is_labelled_and_readable():
    """The x axis says it shows dates (UTC) and its tick labels are short dates."""
    timeline = jss.timeline(HISTORY, start=date(2024, 1, 1), end=date(2025, 12, 31))
    ax = plot.jss_timeline(timeline)
    ax.figure.canvas.draw()
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert "Date (UTC)" == ax.get_xlabel()
    assert 3 <= len(labels) <= 12
    assert all(len(label) <= 8 for label in labels)


def test_timeline_refuses_bad_rules():
    """rules= must be JSSRules."""
    with pytest.raises(
        InvalidTypeError, match="rules must be a JSSRules, a RuleHistory of them, or None, not str"
    ):
        plot.jss_timeline(points(90), rules="2023")


def test_timeline_before_the_jss_existed_needs_rules():
    """A last day before 2015-03-01 has no rules in force, so the threshold needs rules=."""
    early = points(90, start=date(2014, 1, 1))
    with pytest.raises(RulesError):
        plot.jss_timeline(early)
    assert [90.0] == ydata(plot.jss_timeline(early, rules=jss.CURRENT).get_lines()[0])
    assert 1 == len(plot.jss_timeline(early, top_rated=False).get_lines())


# Drawing costs ~0.1 s an example, so fewer examples than the profile's default.
@settings(max_examples=30)
@given(st.lists(st.one_of(st.none(), st.integers(0, 100)), min_size=1, max_size=40))
def test_timeline_property_line_and_shading_match_the_scores(scores):
    """For any scores, y-data equals them and there is one shaded span per run of None."""
    # A figure outside pyplot: cheap, and nothing to close.
    ax = Figure().add_subplot()
    plot.jss_timeline(points(*scores), ax=ax)
    assert [None if s is None else float(s) for s in scores] == ydata(ax.get_lines()[0])
    runs = sum(
        1 for i, s in enumerate(scores) if s is None and (i == 0 or scores[i - 1] is not None)
    )
    assert runs == len(ax.patches)


# --- withdrawals ------------------------------------------------------------------------

SHOWN = ExchangeRate("USD", "PKR", "277.20", as_of=date(2025, 6, 2))


@pytest.fixture
def comparison():
    """USD 900 at 280 PKR/USD, 1% tax: Upwork offers 277.20, the bank's wire spread is 0.5%."""
    return fees.compare_withdrawals(
        NINE_HUNDRED,
        reference_rate=USD_PKR,
        offered_rates={"direct_to_local_bank": SHOWN},
        spreads={"wire_usd": "0.5%"},
    )


def test_withdrawals_one_bar_per_quote_labelled_by_method(comparison):
    """Bar labels are the method names, best first (top); skipped and unpriced methods not drawn."""
    ax = plot.withdrawals(comparison)
    names = [q.method.name for q in comparison]
    assert ["Direct to Local Bank (PKR)", "Payoneer", "US Dollar wire"] == names
    assert names == [t.get_text() for t in ax.get_yticklabels()]
    assert len(names) == len(ax.patches)
    assert ax.yaxis_inverted()


def test_withdrawals_bars_start_at_the_axis_edge_and_end_at_the_amount_received(comparison):
    """Each bar runs from the axis' left edge (PKR 205,000, not 0) to the PKR received."""
    ax = plot.withdrawals(comparison)
    assert [205000.0] * 3 == [p.get_x() for p in ax.patches]
    assert [246713.51, 243947.09, 234441.90] == [
        round(p.get_x() + p.get_width(), 2) for p in ax.patches
    ]
    assert [0.0, 1.0, 2.0] == [p.get_y() + p.get_height() / 2 for p in ax.patches]


def test_withdrawals_axis_shows_the_differences(comparison):
    """The x axis starts above 0, below the smallest amount, and ends past the reference line.

    The costs differ by 2.10% to 6.97% of PKR 252,000: the difference between the best
    and the worst bar fills a fifth of the width or more, where from 0 it would be 5%.
    """
    ax = plot.withdrawals(comparison)
    low, high = ax.get_xlim()
    assert 0.0 < low < 234441.90
    assert 252000.0 < high < 260000.0
    assert (246713.51 - 234441.90) / (high - low) > 0.2
    assert "received (PKR); the axis starts at 205,000, not 0" == ax.get_xlabel()


def test_withdrawals_annotate_the_exact_cost_inside_each_bar(comparison):
    """Each bar carries, inside its end, the exact Decimal amounts received and lost."""
    ax = plot.withdrawals(comparison)
    assert [
        "PKR 246,713.51\ncosts PKR 5,286.49 (2.10%)",
        "PKR 243,947.09\ncosts PKR 8,052.91 (3.20%)",
        "PKR 234,441.90\ncosts PKR 17,558.10 (6.97%)",
    ] == [t.get_text() for t in ax.texts]
    assert [(246713.51, 0.0), (243947.09, 1.0), (234441.9, 2.0)] == [t.xy for t in ax.texts]
    assert {"right"} == {t.get_horizontalalignment() for t in ax.texts}


def test_withdrawals_marks_what_the_balance_buys_at_the_reference_rate(comparison):
    """A dotted line at USD 900 × 280 = PKR 252,000.00, named in a key inside the axes."""
    ax = plot.withdrawals(comparison)
    (line,) = ax.get_lines()
    assert [252000.0, 252000.0] == list(line.get_xdata())
    assert ":" == line.get_linestyle()
    assert ["at the reference rate, no costs: PKR 252,000.00"] == [
        t.get_text() for t in ax.get_legend().get_texts()
    ]


def test_withdrawals_render_inside_the_figure(comparison):
    """Rendered to PNG: 800 × 430 pixels, the key inside the axes, every label inside the figure."""
    ax = plot.withdrawals(comparison)
    figure = ax.figure
    png = io.BytesIO()
    figure.savefig(png, dpi=100, format="png")
    png.seek(0)
    image = plt.imread(png, format="png")
    assert (430, 800) == image.shape[:2]
    renderer = figure.canvas.get_renderer()
    page = figure.bbox
    frame = ax.get_window_extent(renderer)
    legend = ax.get_legend().get_window_extent(renderer)
    assert frame.x0 <= legend.x0
    assert legend.x1 <= frame.x1
    assert frame.y0 <= legend.y0
    assert legend.y1 <= frame.y1
    texts = [*ax.texts, *ax.get_yticklabels(), ax.title, ax.xaxis.label]
    boxes = {text.get_text(): text.get_window_extent(renderer) for text in texts}
    assert [] == [t for t, box in boxes.items() if box.x0 < page.x0 or box.x1 > page.x1]
    assert [] == [t for t, box in boxes.items() if box.y0 < page.y0 or box.y1 > page.y1]
    for text, bar in zip(ax.texts, ax.patches, strict=True):
        box = text.get_window_extent(renderer)
        bar_box = bar.get_window_extent(renderer)
        assert bar_box.x0 < box.x0, text.get_text()
        assert box.x1 < bar_box.x1, text.get_text()


def test_withdrawals_labels_and_title(comparison):
    """The title names the amount and the reference rate; a title may be given."""
    ax = plot.withdrawals(comparison)
    assert "Withdrawing USD 900.00 at 280 PKR per USD" == ax.get_title()
    assert "Mine" == plot.withdrawals(comparison, title="Mine").get_title()


def test_withdrawals_takes_quotes_in_the_order_given():
    """A list of quotes is drawn top to bottom as given; its title comes from the first quote."""
    wire = fees.quote_withdrawal(NINE_HUNDRED, fees.WIRE_USD, reference_rate=USD_PKR, spread=0)
    local = fees.quote_withdrawal(
        NINE_HUNDRED, fees.DIRECT_TO_LOCAL_BANK, reference_rate=USD_PKR, offered_rate=SHOWN
    )
    ax = plot.withdrawals([wire, local])
    assert ["US Dollar wire", "Direct to Local Bank (PKR)"] == [
        t.get_text() for t in ax.get_yticklabels()
    ]
    assert [float(wire.received.amount), float(local.received.amount)] == [
        round(p.get_x() + p.get_width(), 2) for p in ax.patches
    ]
    assert "Withdrawing USD 900.00 at 280 PKR per USD" == ax.get_title()


def test_withdrawals_of_different_amounts_have_no_reference_line():
    """Quotes of different balances share no ideal amount: no line and no key."""
    small = fees.quote_withdrawal(Money("100.00", "USD"), "Payoneer", reference_rate=USD_PKR)
    large = fees.quote_withdrawal(NINE_HUNDRED, "Payoneer", reference_rate=USD_PKR)
    ax = plot.withdrawals((small, large))
    assert [] == ax.get_lines()
    assert ax.get_legend() is None
    assert 0.0 == ax.get_xlim()[0]  # the amounts differ ninefold: the axis starts at 0
    assert "Withdrawing USD 100.00 at 280 PKR per USD" == ax.get_title()


def test_withdrawals_of_one_quote():
    """A single quote is drawn against the reference line with a sensible range."""
    only = fees.compare_withdrawals(NINE_HUNDRED, reference_rate=USD_PKR)
    ax = plot.withdrawals(only)
    low, high = ax.get_xlim()
    assert 0.0 < low < 243947.09
    assert 252000.0 < high


def test_withdrawals_reuses_the_given_axes(comparison):
    """The given axes are drawn on and returned; no new figure is made."""
    figure, given_ax = plt.subplots()
    assert given_ax is plot.withdrawals(comparison, ax=given_ax)
    assert [figure.number] == plt.get_fignums()


def test_withdrawals_makes_a_figure_when_no_axes_given(comparison):
    """Without ax, one new figure is created and its axes returned."""
    ax = plot.withdrawals(comparison)
    assert [ax.figure.number] == plt.get_fignums()


def test_withdrawals_refuses_mixed_currencies():
    """Bars in PKR and EUR cannot share an axis."""
    usd_eur = ExchangeRate("USD", "EUR", "0.92", as_of=date(2025, 6, 2))
    euros = fees.quote_withdrawal(NINE_HUNDRED, fees.WIRE_USD, reference_rate=usd_eur, spread=0)
    rupees = fees.quote_withdrawal(NINE_HUNDRED, fees.WIRE_USD, reference_rate=USD_PKR, spread=0)
    with pytest.raises(CurrencyMismatchError) as info:
        plot.withdrawals([rupees, euros])
    assert "quotes" == info.value.field


@pytest.mark.parametrize(
    ("bad", "error", "field"),
    [
        ([], InvalidValueError, "quotes"),
        (42, InvalidTypeError, "quotes"),
        (None, InvalidTypeError, "quotes"),
        ("Payoneer", InvalidTypeError, "quotes"),
        (["Payoneer"], InvalidTypeError, "quotes[0]"),
    ],
)
def test_withdrawals_refuses_bad_quotes(bad, error, field):
    """Nothing to draw or something that is not a quote is refused; no figure is made."""
    with pytest.raises(error) as info:
        plot.withdrawals(bad)
    assert field == info.value.field
    assert [] == plt.get_fignums()


def test_withdrawals_refuses_axes_that_are_not_axes(comparison):
    """ax=5 is refused with a library error naming ax, before anything is drawn."""
    with pytest.raises(InvalidTypeError) as info:
        plot.withdrawals(comparison, ax=5)  # type: ignore[arg-type]
    assert "ax" == info.value.field
    assert [] == plt.get_fignums()


def test_withdrawals_of_a_comparison_that_skipped_everything():
    """A comparison whose every method was skipped has nothing to draw, and says so."""
    nothing = fees.compare_withdrawals(Money("1.00", "USD"), reference_rate=USD_PKR)
    assert () == nothing.quotes
    with pytest.raises(InvalidValueError) as info:
        plot.withdrawals(nothing)
    assert "at least one quote" == info.value.rule


# --- without matplotlib -----------------------------------------------------------------


@pytest.fixture
def no_matplotlib(monkeypatch):
    """Make every matplotlib import fail, as in an install without the plot extra."""
    for name in [n for n in sys.modules if n == "matplotlib" or n.startswith("matplotlib.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "matplotlib", None)


def test_missing_matplotlib_names_the_extra_for_the_timeline(no_matplotlib):
    """Without matplotlib, jss_timeline says which extra to install."""
    with pytest.raises(ImportError) as info:
        plot.jss_timeline(points(90))
    assert plot.INSTALL_HINT in str(info.value)


def test_missing_matplotlib_names_the_extra_for_withdrawals(no_matplotlib, comparison):
    """Without matplotlib, withdrawals says which extra to install."""
    with pytest.raises(ImportError) as info:
        plot.withdrawals(comparison)
    assert plot.INSTALL_HINT in str(info.value)


def test_install_hint_is_the_documented_command():
    """The hint is the command the docs give."""
    assert plot.INSTALL_HINT.startswith("pip install matplotlib")
    assert "'.[plot]'" in plot.INSTALL_HINT


# --- red team r16 L6 ----------------------------------------------------------------------


def drawn(text) -> tuple[str, bool]:
    """What matplotlib draws for a Text: its characters, and whether they are mathtext."""
    return text._preprocess_math(text.get_text())


def test_timeline_of_one_point_on_the_first_day_of_the_calendar():
    """A lone point on 0001-01-01 is drawn (no day before it to pad with), not an OverflowError."""
    ax = plot.jss_timeline([JSSPoint(date.min, 95)], rules=jss.CURRENT)
    ax.figure.canvas.draw()
    low, high = (mdates.num2date(x).date() for x in ax.get_xlim())
    assert (date.min, date(1, 1, 3)) == (low, high)
    assert [95.0] == ydata(ax.get_lines()[0])


def test_timeline_of_one_point_is_shown_with_a_day_either_side():
    """An ordinary lone point keeps its day either side."""
    ax = plot.jss_timeline([JSSPoint(date(2025, 6, 2), 95)])
    low, high = (mdates.num2date(x).date() for x in ax.get_xlim())
    assert (date(2025, 6, 1), date(2025, 6, 3)) == (low, high)


@pytest.mark.parametrize(
    ("days", "field"),
    [
        ([date(2025, 3, 1), date(2025, 1, 1), date(2025, 2, 1)], "points[1]"),
        ([date(2025, 1, 1), date(2025, 2, 1), date(2025, 1, 15)], "points[2]"),
        ([date(2025, 1, 1), date(2025, 1, 1)], "points[1]"),
    ],
)
def test_timeline_refuses_points_out_of_date_order(days, field):
    """Points not after the one before are refused naming that point, never sorted; no figure."""
    with pytest.raises(InvalidValueError) as info:
        plot.jss_timeline([JSSPoint(day, 90) for day in days])
    assert (field, "in date order, one point a day") == (info.value.field, info.value.rule)
    assert [] == plt.get_fignums()


def test_timeline_title_with_dollars_is_drawn_as_written():
    """A title with two $ is not mathtext: the dollars and the words between are drawn plainly."""
    ax = plot.jss_timeline(points(95), title="Earned $5 then $10")
    assert ("Earned $5 then $10", False) == drawn(ax.title)


def test_timeline_title_must_be_text():
    """title=123 is refused naming title (it was drawn as "123")."""
    with pytest.raises(InvalidTypeError) as info:
        plot.jss_timeline(points(95), title=123)
    assert "title" == info.value.field
    assert [] == plt.get_fignums()


def test_withdrawals_method_name_and_title_with_dollars_are_drawn_as_written():
    """A method named "My $ bank $2 fee" and a title with $ are drawn as written, not mathtext."""
    method = attrs.evolve(fees.PAYONEER, name="My $ bank $2 fee")
    quote = fees.quote_withdrawal(NINE_HUNDRED, method, reference_rate=USD_PKR)
    ax = plot.withdrawals([quote], title="$900 to $PKR")
    ax.figure.canvas.draw()
    assert [("My $ bank $2 fee", False)] == [drawn(t) for t in ax.get_yticklabels()]
    assert ("$900 to $PKR", False) == drawn(ax.title)
    assert all(not drawn(t)[1] for t in [*ax.texts, ax.xaxis.label])


def test_withdrawals_title_must_be_text_or_none(comparison):
    """title=5 is refused naming title (None gives the default title)."""
    with pytest.raises(InvalidTypeError) as info:
        plot.withdrawals(comparison, title=5)
    assert "title" == info.value.field
    assert [] == plt.get_fignums()
