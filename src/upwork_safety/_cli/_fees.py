"""``upwork-safety fees`` and ``withdraw``: the service fee, and what reaches the bank (private)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from upwork_safety._cli import _args
from upwork_safety._cli._context import CLIError, options_for
from upwork_safety._cli._rules import check_known_day
from upwork_safety._display import shown, utc_text
from upwork_safety._moments import utc_day
from upwork_safety._render import percent, rate_at_least
from upwork_safety._wallets import WALLET_RULE
from upwork_safety.errors import UpworkSafetyError
from upwork_safety.money import ExchangeRate, Money
from upwork_safety.rules import SERVICE_FEE_HISTORY

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from upwork_safety._cli._context import Context
    from upwork_safety._cli._printer import Printer
    from upwork_safety.fees import Arrival, WithdrawalComparison, WithdrawalMethod
    from upwork_safety.rules import RuleHistory, ServiceFeeSchedule

__all__ = [
    "add_fees_arguments",
    "add_withdraw_arguments",
    "billed_before_help",
    "check_converts",
    "run_fees",
    "run_withdraw",
]

_DAY = timedelta(days=1)

FEES_HELP = "the service fee in force on a date, and what you earn"
WITHDRAW_HELP = "compare ways to get USD to a Pakistani bank"


def _usd(cents: Decimal) -> Money:
    """An AMOUNT read by ``_args.cents`` as Money with two places (``600`` as ``600.00``).

    The reader refused a fraction of a cent, so :meth:`Money.rounded`
    changes no value: it only writes the places the text and every computed
    amount show, so ``--json`` carries the amount as the library writes Money.
    """
    return Money(cents, "USD").rounded()


def add_fees_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``fees``."""
    parser.add_argument(
        "amount",
        nargs="?",
        type=_args.cents,
        help="what the client paid, in USD, whole cents, more than 0",
    )
    parser.add_argument(
        "--on", type=_args.day, metavar="DATE", help="YYYY-MM-DD (default today, UTC)"
    )
    parser.add_argument(
        "--fee-rate",
        type=_args.rate,
        # No number here: the default is whatever the schedule in force on --on charges.
        help="the contract's own fee, e.g. 12%% (default: what the schedule in force on --on "
        "charges; this command lists the schedules and their dates)",
    )
    parser.add_argument("--billed-before", type=_args.dollars, help=billed_before_help())


def billed_before_help(history: RuleHistory[ServiceFeeSchedule] = SERVICE_FEE_HISTORY) -> str:
    """``--billed-before``'s help, its years and rate read from the schedules in *history*.

    The schedules that read lifetime billings are named by their dates (the
    sliding scale, and the flat schedule whose contracts kept a legacy rate),
    as the ``fees`` output names them, so a date or rate in the rules is the
    one the help gives (review r33, review 7).  Escaped for argparse (``%%``).
    """
    schedules = list(history)
    readers = []
    for index, schedule in enumerate(schedules):
        if schedule.tiers:
            years = f"{schedule.effective.year}"
            if index + 1 < len(schedules):  # in force until the day before the next one
                years += f"-{(schedules[index + 1].effective - _DAY).year}"
            readers.append(f"by the {years} sliding scale")
        elif schedule.legacy_rate is not None:
            readers.append(
                f"by the {schedule.effective.year} flat schedule to check a kept "
                f"{percent(schedule.legacy_rate)} --fee-rate, which needs billings past the "
                "sliding scale's top band"
            )
    read = f"; read {', and '.join(readers)}" if readers else ""
    text = f"lifetime billings with this client before, in USD (default 0: a new client{read})"
    return text.replace("%", "%%")


def run_fees(args: argparse.Namespace, ctx: Context) -> int:
    """The fee schedules, the one in force on ``--on``, and a worked fee for an amount."""
    from upwork_safety import fees

    on: date = args.on or ctx.today()
    # The library's arguments these options fill: a refusal names the option.
    options = {
        "on": None if args.on is None else f"--on {on}",
        "rate": None if args.fee_rate is None else f"--fee-rate {percent(args.fee_rate)}",
        "billed_before": (
            None if args.billed_before is None else f"--billed-before {args.billed_before}"
        ),
    }
    with options_for(options):
        schedule = fees.schedule_as_of(on)
    result: dict[str, object] = {"on": on, "schedule": schedule}
    explained = None
    billed = None
    for option, given in (("--billed-before", args.billed_before), ("--fee-rate", args.fee_rate)):
        if args.amount is None and given is not None:
            raise CLIError(f"{option} needs an AMOUNT to charge the fee on")
    if args.amount is not None:
        amount = _usd(args.amount)
        billed = None if args.billed_before is None else Money(args.billed_before, "USD")
        with options_for(options):
            explained = fees.explain_service_fee(
                amount, on=on, rate=args.fee_rate, billed_before=billed
            )
        result.update(
            amount=amount,
            fee=explained.fee,
            net=explained.net,
            rate=explained.rate,
            basis=explained.basis,
            explanation=explained.explanation,
            # The scale's bands, or the kept 5% it allowed (review r16 L4: "had no effect").
            billed_before_used=billed is not None
            and explained.basis in {fees.FeeBasis.SLIDING, fees.FeeBasis.LEGACY},
        )
    if ctx.json:
        result["history"] = fees.SERVICE_FEE_HISTORY
        ctx.dump(result)
        return 0
    p = ctx.printer()
    p.heading("Upwork's freelancer service fee over time")
    p.table(
        ["from", "schedule"],
        [
            (
                "(always)" if s.effective == date.min else s.effective,
                s.name + (" *" if s.unconfirmed else ""),
            )
            for s in fees.SERVICE_FEE_HISTORY
        ],
    )
    p.line("  * partly unconfirmed; sources: 'upwork-safety rules', or the Rules page")
    p.heading(f"In force on {on}: {schedule.label}")
    if explained is not None:
        p.pairs(
            [
                ("client paid", explained.amount),
                ("service fee", explained.fee),
                ("you earn", explained.net),
            ]
        )
        p.wrapped(explained.explanation, indent="    ")
        if billed is not None and not result["billed_before_used"]:
            p.wrapped(
                f"(--billed-before had no effect: the {schedule.label} does not depend on what "
                "the client paid before)",
                indent="     ",
                first="    ",
            )
    return 0


def add_withdraw_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``withdraw``."""
    parser.add_argument(
        "amount", type=_args.cents, help="the Upwork balance to withdraw, in USD, more than 0"
    )
    parser.add_argument(
        "--rate", type=_args.positive, required=True, help="reference rate, PKR per USD (e.g. SBP)"
    )
    parser.add_argument(
        "--on",
        type=_args.day,
        metavar="DATE",
        help="date of the reference rate, YYYY-MM-DD (default --now's UTC day, else today)",
    )
    parser.add_argument(
        "--offered-rate",
        type=_args.per_method(_args.positive),
        action="append",
        default=[],
        metavar="[METHOD=]RATE",
        help="the PKR per USD a method shows before you confirm (bare: Direct to Local Bank)",
    )
    parser.add_argument(
        "--spread",
        type=_args.per_method(_args.rate),
        action="append",
        default=[],
        metavar="[METHOD=]RATE",
        help="FX markup you measured, e.g. wire_usd=1%% (bare: every method)",
    )
    parser.add_argument(
        "--tax",
        choices=["standard", "pseb", "none"],
        default="standard",
        help=_tax_help(),
    )
    parser.add_argument(
        "--now",
        type=_args.moment,
        metavar="DATETIME",
        help="when you request the withdrawal, e.g. 2026-12-03T14:00:00+05:00, for when the "
        "money arrives (default now, UTC)",
    )


def _tax_help() -> str:
    """The --tax help, with the newest s.154A rates (argparse help escapes %)."""
    from upwork_safety.rules import EXPORT_TAX_HISTORY

    tax = EXPORT_TAX_HISTORY.current
    standard = percent(tax.not_registered).replace("%", "%%")
    pseb = percent(tax.pseb_registered).replace("%", "%%")
    return (
        f"s.154A tax the bank withholds: standard {standard} (default), pseb {pseb}, none "
        "(the rates in force on --on)"
    )


def _keyed_rates(
    given: Sequence[tuple[str, Decimal]], bare: str | None, option: str
) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """``METHOD=VALUE`` pairs by method key: ``(named, bare)``.

    A bare value goes to the method *bare*, or to every method when *bare*
    is ``None`` (where a named method wins over it, in either order).  The
    same method named twice, two bare values, a bare value that is one
    method's when that method is also named, or a method that is not
    available in Pakistan (so its rate could not be used) is refused.
    """
    from upwork_safety import fees

    everyone: dict[str, Decimal] = {}
    named: dict[str, Decimal] = {}
    for method, value in given:
        if not method:
            if everyone:
                raise CLIError(
                    f"{option} given twice without a method; name the method: METHOD=RATE"
                )
            everyone = dict.fromkeys(
                [bare] if bare else [m.key for m in fees.PAKISTAN_METHODS], value
            )
            continue
        try:
            chosen = fees.get_method(method)
        except UpworkSafetyError as error:
            if error.rule == WALLET_RULE:  # JazzCash: the library says why, and the route
                raise CLIError(f"{option} {shown(method)}=...: {error}") from None
            known = ", ".join(m.key for m in fees.PAKISTAN_METHODS)
            # The name cut short: a megabyte argument never makes a megabyte message (r25 H5).
            raise CLIError(
                f"{option} {shown(method)}=...: unknown method; known: {known}"
            ) from None
        if not chosen.available_in_pakistan:
            raise CLIError(
                f"{option} {method}=...: {chosen.name} is not available in Pakistan, "
                "so its rate would not be used"
            )
        if chosen.key in named:
            raise CLIError(f"{option} gives {chosen.key} twice; give each method once")
        named[chosen.key] = value
    if bare is not None and bare in everyone and bare in named:
        # A bare rate here is exactly one method's: naming that method too gives it twice.
        raise CLIError(f"{option} gives {bare} twice (bare and by name); give it once")
    return named, {key: value for key, value in everyone.items() if key not in named}


def _tax_day(args: argparse.Namespace) -> date | None:
    """The day whose s.154A rules apply: ``--on``, else ``--now``'s UTC day; ``None``: today.

    Review r25 hostile H8: ``--now 0001-01-01`` was taxed at today's rules.
    A day before the first rules is refused by the library's one check
    (:func:`check_known_day`), naming the option and asking for ``--tax none``.
    """
    day: date | None = args.on
    option = None if day is None else f"--on {day}"
    if day is None and args.now is not None:
        day, option = utc_day(args.now, "--now"), f"--now {args.now.isoformat()}"
    if day is not None and option is not None and args.tax != "none":
        from upwork_safety import rules

        check_known_day(
            rules.EXPORT_TAX_HISTORY,
            day,
            option,
            "for an earlier day give --tax none (or check the rate with your bank)",
        )
    return day


def check_converts(
    amount: Money, rate: Decimal, option: str, amount_option: str | None = None
) -> None:
    """Refuse a rate at which *amount* is more rupees than money holds, naming the option.

    *option* is the option as given, e.g. ``--offered-rate wire_usd=300``;
    *amount_option* the amount argument as given (``None`` when the command
    chose the amount).  The one with more digits before the point is blamed,
    the amount on a tie: ``withdraw 999999999999999999.99 --rate 280.45``
    names the amount, ``withdraw 1000 --rate 999999999999999999`` the rate
    (red team r33 2).

    The comparison converts what is left after fees (never more than
    *amount*) at the rate or below it (a spread only lowers it), so if
    *amount* converts at *rate*, every conversion it makes does.
    """
    blamed = option
    if amount_option is not None and amount.amount.adjusted() >= rate.adjusted():
        blamed = amount_option
    with options_for({"converted amount": blamed}):
        ExchangeRate("USD", "PKR", rate).convert(amount)


def _check_rates_convert(
    amount: Money, reference: Decimal, bare: dict[str, Decimal], named: dict[str, Decimal]
) -> None:
    """:func:`check_converts` for ``--rate`` and each ``--offered-rate`` (*bare* or *named*)."""
    given = f"amount {amount.amount}"
    check_converts(amount, reference, f"--rate {reference}", given)
    for rate in bare.values():
        check_converts(amount, rate, f"--offered-rate {rate}", given)
    for key, rate in named.items():
        check_converts(amount, rate, f"--offered-rate {key}={rate}", given)


def run_withdraw(args: argparse.Namespace, ctx: Context) -> int:
    """Compare the ways to withdraw an amount to Pakistan against a reference rate."""
    from upwork_safety import fees

    amount = _usd(args.amount)
    tax_day = _tax_day(args)
    # A reference rate comes with its day (the library refuses one without): --on,
    # else --now's UTC day, else today's; the heading says which day it is.
    rate_day = tax_day if tax_day is not None else ctx.today()
    # The library's arguments --on fills: a refusal names the option.
    on_option = None if args.on is None else f"--on {args.on}"
    options = {"on": on_option, "as_of": on_option}
    with options_for(options):
        reference = ExchangeRate(
            "USD", "PKR", args.rate, as_of=rate_day, source="given on the command line"
        )
    named_offers, bare_offer = _keyed_rates(
        args.offered_rate, "direct_to_local_bank", "--offered-rate"
    )
    offered = bare_offer | named_offers
    named_spreads, bare_spreads = _keyed_rates(args.spread, None, "--spread")
    both = sorted(set(offered) & set(named_spreads))
    if both:
        raise CLIError(f"give {both[0]} an --offered-rate or a --spread, not both")
    # A bare spread is every other method's: one with an offered rate needs none.
    spreads = {k: v for k, v in bare_spreads.items() if k not in offered} | named_spreads
    _check_rates_convert(amount, args.rate, bare_offer, named_offers)
    with options_for(options):
        comparison = fees.compare_withdrawals(
            amount,
            reference_rate=reference,
            offered_rates={
                key: ExchangeRate("USD", "PKR", rate, as_of=rate_day, source="offered")
                for key, rate in offered.items()
            },
            spreads=dict(spreads),
            on=tax_day,
            tax_rate=Decimal(0) if args.tax == "none" else None,
            pseb_registered=args.tax == "pseb",
        )
    requested_at: datetime = args.now or ctx.now()
    arrivals = _arrivals(comparison, requested_at, given=args.now is not None)
    if ctx.json:
        ctx.dump(
            {
                "amount": amount,
                "reference_rate": reference.rate,
                "on": rate_day,
                "tax_rate": comparison.tax_rate,
                "requested_at": requested_at,
                "methods": _rows(comparison, arrivals),
            }
        )
        return 0
    p = ctx.printer()
    p.heading(
        f"Withdrawing {p.money(amount)} to Pakistan at {args.rate:f} PKR per USD, "
        f"the rate of {rate_day}"
    )
    if comparison.quotes:
        p.table(
            ["method", "fees", "tax", "you receive", "eff. rate", "cost vs ref.", "cost %"],
            [
                (
                    q.method.name,
                    q.total_fees,
                    q.tax,
                    q.received,
                    q.effective_rate,
                    q.cost_vs_reference,
                    f"{q.cost_percent}%",
                )
                for q in comparison.quotes
            ],
        )
    elif not comparison.unpriced:
        p.line("  No method can deliver this amount:")
    _print_unpriced(p, comparison)
    for skipped in comparison.skipped:
        p.wrapped(
            f"not compared: {skipped.method.name}: {skipped.reason}", indent="    ", first="  "
        )
    # A bare --spread replaces a method's own published (or reported) markup:
    # say so, since it can change which method is best.
    for quote in comparison.quotes:
        own = quote.method.spread
        given = spreads.get(quote.method.key)
        if quote.method.key in bare_spreads and given is not None and own not in (None, given):
            p.wrapped(
                f"{quote.method.name} is priced at your {percent(given)} "
                f"spread, not the {percent(own)} it is reported to take; to keep that, give "
                "your spread per method instead (--spread METHOD=RATE).",
                indent="    ",
                first="  ",
            )
    p.wrapped(tax_note(rate_day, args.tax), indent="   ", first="  ")
    if comparison.best is not None:
        best = comparison.best
        among = " among the methods whose cost is known" if comparison.unpriced else ""
        p.line()
        p.wrapped(f"Best here{among}: {best.method.name}, {p.money(best.received)} received.")
    _print_arrivals(p, arrivals, requested_at)
    return 0


def _rows(
    comparison: WithdrawalComparison, arrivals: dict[str, Arrival]
) -> list[dict[str, object]]:
    """The table's rows for --json, each with when its method arrives (``None``: it cannot).

    Money stays money, so it is written as every JSON document writes it
    (``{"amount", "currency"}``), not bare text (newcomer r18 F11: the arrival).
    """
    rows = comparison.rows()
    for row in rows:
        found = arrivals.get(str(row["method"]))
        row["arrival"] = None if found is None else _arrival_data(found)
    return rows


def _print_arrivals(p: Printer, arrivals: dict[str, Arrival], requested_at: datetime) -> None:
    """The day each method processes the request and the days the money arrives."""
    if not arrivals:
        return
    p.heading(f"When it arrives, requested {utc_text(requested_at, timespec='minutes')}")
    p.table(
        ["method", "processed", "arrives", "at"],
        [
            (name, found.processed_on, _window(found.earliest, found.latest), found.arrives_at)
            for name, found in arrivals.items()
        ],
    )
    for name, found in arrivals.items():
        p.wrapped(f"{name}: {_said(found)}", indent="    ", first="  ")
    # Review r18 #9: not "the ranges the sources give", under notes that a bound is not in them.
    p.wrapped(
        "Business days, Monday to Friday in UTC (public holidays are not skipped); ranges read "
        "from the sources, with what they leave unconfirmed said above: not a promise."
    )


def _said(found: Arrival) -> str:
    """What the method's source counts its days to (Payoneer: reaching Payoneer)."""
    return found.method.source_of("business_days").note


def _arrivals(
    comparison: WithdrawalComparison, requested_at: datetime, *, given: bool
) -> dict[str, Arrival]:
    """When each method that can deliver the amount (ranked or unpriced) would arrive.

    *given* says whether ``--now`` was given, for a refusal to name it.
    """
    from upwork_safety import fees

    methods = [quote.method for quote in comparison.quotes] + list(comparison.unpriced)
    option = f"--now {requested_at.isoformat()}" if given else None
    with options_for({"requested_at": option}):
        return {method.name: fees.arrival(method, requested_at) for method in methods}


def _window(earliest: date, latest: date) -> str:
    """``2026-12-04 to 2026-12-14``, or the one day."""
    return str(earliest) if earliest == latest else f"{earliest} to {latest}"


def _arrival_data(found: Arrival) -> dict[str, object]:
    """An arrival's days, for --json."""
    return {
        "processed_on": found.processed_on,
        "earliest": found.earliest,
        "latest": found.latest,
        "at": found.arrives_at,
        "note": _said(found),
        "unconfirmed": found.unconfirmed,
    }


#: Under a comparison that left methods unpriced: how to see every method priced
#: (newcomer r19 L5: the first run priced Payoneer alone, and the way on was a guess).
PRICE_EVERY_METHOD = (
    "To price every method, rerun with the rate each one shows you (--offered-rate "
    "METHOD=RATE; a bare RATE is Direct to Local Bank's) or a markup you assume "
    "(--spread METHOD=1%, or a bare --spread 1% for every method given no rate)."
)


def _print_unpriced(p: Printer, comparison: WithdrawalComparison) -> None:
    """A line per method left unpriced, then how to price every one."""
    for method in comparison.unpriced:
        p.wrapped(unpriced_line(comparison, method), indent="    ", first="  ")
    if comparison.unpriced:
        p.wrapped(PRICE_EVERY_METHOD, indent="    ", first="  ")


def unpriced_line(comparison: WithdrawalComparison, method: WithdrawalMethod) -> str:
    """What a comparison can say about a method whose markup is not published."""
    option = f"--offered-rate {method.key}=RATE"
    if not comparison.quotes:
        return f"{method.name}: its exchange rate is not published; give it with {option}."
    spread = comparison.break_even_spread(method)
    if spread is None:
        return (
            f"{method.name}: its exchange rate is not published, and it cannot be the best "
            "here even at the reference rate."
        )
    least = rate_at_least(comparison.reference_rate.with_spread(spread))
    return (
        f"{method.name}: its exchange rate is not published; it is the best choice if it "
        f"offers at least {least} PKR per USD (a spread up to {percent(spread)}). "
        f"Give the rate it shows with {option}."
    )


def tax_note(on: date | None, choice: str, *, option: str = "--tax pseb") -> str:
    """The line saying which s.154A rate the bank withholds, from the rules in force *on*."""
    from upwork_safety.rules import EXPORT_TAX_HISTORY

    if choice == "none":
        return "(no income tax withheld: --tax none)"
    tax = EXPORT_TAX_HISTORY.current if on is None else EXPORT_TAX_HISTORY.in_force(on)
    # Red team r21 L3: the rules say whether a non-filer's rate is known.
    filer = (
        "; a non-filer's rate is unconfirmed: ask your bank" if tax.non_filer_unconfirmed else ""
    )
    if choice == "pseb":
        return (
            f"({percent(tax.pseb_registered)} income tax withheld by the bank under s.154A: "
            f"PSEB-registered{filer})"
        )
    return (
        f"({percent(tax.not_registered)} income tax withheld by the bank under s.154A; "
        f"{percent(tax.pseb_registered)} if you are PSEB-registered: {option}{filer})"
    )
