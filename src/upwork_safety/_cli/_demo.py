"""``upwork-safety demo``: one contract from a vague milestone to rupees in the bank (private).

The story reads top to bottom; it writes only through the CLI's printer and
uses a fixed, stated timeline (never the clock), so its output is the same on
every run.
"""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from upwork_safety import checks, escrow, fees, jss
from upwork_safety._cli import _args
from upwork_safety._cli._fees import check_converts, tax_note
from upwork_safety._cli._printer import Printer
from upwork_safety._render import rate_at_least
from upwork_safety.models import (
    Client,
    Contract,
    ContractKind,
    EndReason,
    Feedback,
    Milestone,
    Payment,
)
from upwork_safety.money import ExchangeRate, Money

if TYPE_CHECKING:
    import argparse

    from upwork_safety._cli._context import Context

HELP = "walk one contract from a vague milestone to rupees in the bank"

UTC = timezone.utc
VAGUE_TITLE = "Build the website"
SPECIFIC_TITLE = "Landing page: Home, Pricing and Contact pages"
SPECIFIC_DESCRIPTION = (
    "3 responsive pages in HTML/CSS matching the approved Figma file, delivered as a "
    "GitHub repository and a ZIP. Accepted when all 3 pages pass the checklist in the "
    "brief on Chrome and Safari. Includes 2 rounds of revisions."
)
CLIENT_MESSAGE = "Hi! Please start today, I'll fund the milestone once I see some progress."
#: The milestone's price in the story.
AMOUNT = Money("900.00", "USD")


def _history() -> list[Contract]:
    """Four earlier contracts with three clients: the freelancer's track record."""
    usd = "USD"

    def past(cid: str, client: str, start: date, days: int, amount: str, stars: str) -> Contract:  # noqa: PLR0917
        end = start + timedelta(days=days)
        return Contract(
            id=cid,
            client=client,
            kind=ContractKind.FIXED_PRICE,
            started=start,
            ended=end,
            payments=(Payment(end, Money(amount, usd)),),
            feedback=Feedback(
                stars=Decimal(stars), private_score=9, end_reason=EndReason.COMPLETED
            ),
            service_fee_rate=Decimal("0.10"),
        )

    return [
        past("past-1", "brightlabs", date(2025, 6, 2), 20, "300", "5.0"),
        past("past-2", "northwind", date(2025, 8, 4), 30, "650", "4.9"),
        past("past-3", "brightlabs", date(2025, 10, 6), 25, "400", "5.0"),
        past("past-4", "kestrel", date(2025, 12, 1), 40, "1200", "4.6"),
    ]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``demo``."""
    parser.add_argument(
        "--rate",
        type=_args.positive,
        default=Decimal("280.00"),
        help="PKR per USD (default 280.00)",
    )
    parser.add_argument(
        "--offered-rate",
        type=_args.positive,
        help="the PKR per USD Upwork shows for Direct to Local Bank before you confirm",
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Tell the story (or, with ``--json``, give its key figures)."""
    # The story converts what is left of AMOUNT after fees at these rates or below them.
    check_converts(AMOUNT, args.rate, f"--rate {args.rate}")
    if args.offered_rate is not None:
        check_converts(AMOUNT, args.offered_rate, f"--offered-rate {args.offered_rate}")
    # With --json the story is told to a throwaway printer and only the figures are shown.
    story = io.StringIO()
    data = run_demo(Printer(story, ctx.locale), reference=args.rate, offered=args.offered_rate)
    if ctx.json:
        ctx.dump(data)
    else:
        ctx.out.write(story.getvalue())
    return 0


def run_demo(  # noqa: PLR0915  (one story, told in order)
    p: Printer, *, reference: Decimal, offered: Decimal | None = None
) -> dict[str, object]:
    """Tell the story on *p* and return its key figures (for ``--json``).

    Args:
        p: Where to tell it.
        reference: The reference rate, PKR per USD.
        offered: The rate Upwork shows for Direct to Local Bank, if known.
    """
    data: dict[str, object] = {}

    p.heading("1. The offer: a milestone the client can stretch forever")
    vague = checks.review_milestone(VAGUE_TITLE)
    p.line(f'  Milestone: "{VAGUE_TITLE}", {p.money(AMOUNT)}')
    for finding in vague:
        p.wrapped(
            f"{finding.severity.name} {finding.code}: {finding.message}", indent="    ", first="  "
        )
        p.wrapped(f"Add: {finding.advice}", indent="      ", first="    ")
    specific = checks.review_milestone(SPECIFIC_TITLE, SPECIFIC_DESCRIPTION)
    p.line(f'  Rewritten: "{SPECIFIC_TITLE}"')
    p.wrapped(SPECIFIC_DESCRIPTION, indent="    ")
    p.line(f"  Findings after the rewrite: {len(specific)}")
    data["milestone_findings"] = {
        "vague": [f.code for f in vague],
        "specific": [f.code for f in specific],
    }

    p.heading("2. The client's first message")
    p.line(f'  "{CLIENT_MESSAGE}"')
    scanned = checks.scan_message(CLIENT_MESSAGE)
    for finding in scanned:
        p.wrapped(
            f"{finding.severity.name} {finding.code}: {finding.message}", indent="    ", first="  "
        )
        p.wrapped(f"Reply: {finding.advice}", indent="      ", first="    ")
    data["message_findings"] = [f.code for f in scanned]

    p.heading("3. Funded, submitted, and the client goes silent")
    contract = Contract(
        id="demo-landing-page",
        client=Client("acme-studio", "Acme Studio", payment_verified=True, country="United States"),
        kind=ContractKind.FIXED_PRICE,
        started=date(2026, 3, 2),
        milestones=(Milestone("m1", SPECIFIC_TITLE, AMOUNT, SPECIFIC_DESCRIPTION),),
        title="Landing page",
    )
    funded_at = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    submitted_at = datetime(2026, 3, 9, 15, 30, tzinfo=UTC)
    contract = escrow.apply(contract, escrow.Fund("m1", funded_at))
    p.line(f"  {p.cell(funded_at)}  client funds {p.money(AMOUNT)} into escrow: now you may start")
    contract = escrow.apply(contract, escrow.Submit("m1", submitted_at))
    p.line(f"  {p.cell(submitted_at)}  you submit the work with 'Submit work'")
    upcoming = escrow.deadlines(contract, submitted_at)
    for deadline in upcoming[:1]:
        p.wrapped(
            f"Next deadline: {p.cell(deadline.due)} ({deadline.kind}): {deadline.consequence}",
            indent="    ",
            first="  ",
        )
    release = upcoming[0].due
    review_days = (release - submitted_at).days
    contract = escrow.advance(contract, release)
    p.line(
        f"  {p.cell(release)}  {review_days} days of silence: the escrow is released automatically"
    )
    book = escrow.ledger(contract, release)
    # The ledger counts what was paid; the balance holds it less Upwork's service fee,
    # charged on the release itself (newcomer r21 H1: "available" said the gross).
    (released,) = (pay for pay in contract.payments if pay.milestone_id == "m1")
    fee = fees.explain_service_fee(released, contract=contract)
    p.line(
        f"  Pending (security period): {p.money(book.pending)} paid "
        f"({p.money(fee.net)} after Upwork's service fee)"
    )
    available_at = next(
        d.due
        for d in escrow.deadlines(contract, release)
        if d.kind is escrow.DeadlineKind.FUNDS_AVAILABLE
    )
    p.line(
        f"  {p.cell(available_at)}  available to withdraw: {p.money(fee.net)}, "
        "after the service fee"
    )
    data["auto_release_at"] = release
    data["available_at"] = available_at

    p.heading("4. Upwork's service fee")
    paid = fee.amount
    p.pairs([("client paid", paid), ("service fee", fee.fee), ("your balance", fee.net)])
    p.wrapped(fee.explanation, indent="    ")
    data["service_fee"] = fee.fee
    data["net"] = fee.net

    p.heading(f"5. Getting it to Pakistan at {reference:f} PKR per USD")
    day = available_at.date()
    rate = ExchangeRate("USD", "PKR", reference, as_of=day, source="demo reference")
    offered_rates = {}
    if offered is not None:
        shown = ExchangeRate("USD", "PKR", offered, as_of=day, source="shown by Upwork")
        offered_rates[fees.DIRECT_TO_LOCAL_BANK.key] = shown
    comparison = fees.compare_withdrawals(fee.net, reference_rate=rate, offered_rates=offered_rates)
    p.table(
        ["method", "you receive", "cost vs reference", "cost %"],
        [
            (q.method.name, q.received, q.cost_vs_reference, f"{q.cost_percent}%")
            for q in comparison.quotes
        ],
    )
    bank = fees.DIRECT_TO_LOCAL_BANK
    if bank in comparison.unpriced:
        least = comparison.break_even_rate(bank)
        if least is not None:
            p.wrapped(
                f"{bank.name}: Upwork does not publish its exchange rate, but shows it "
                "before you confirm. It beats the methods above if it is at least "
                f"{rate_at_least(least)} PKR per USD (try --offered-rate).",
                indent="    ",
                first="  ",
            )
    others = [m.name for m in comparison.unpriced if m != bank]
    if others:
        p.wrapped(
            f"Rate not published, set by your bank: {', '.join(others)}.",
            indent="    ",
            first="  ",
        )
    for skipped in comparison.skipped:
        p.line(f"  not compared: {skipped.method.name}: {skipped.reason}")
    p.wrapped(
        tax_note(day, "standard", option="upwork-safety withdraw --tax pseb"),
        indent="   ",
        first="  ",
    )
    data["withdrawals"] = [
        {"method": q.method.name, "received": q.received} for q in comparison.quotes
    ]
    data["break_even_rate"] = (
        None if bank not in comparison.unpriced else comparison.break_even_rate(bank)
    )

    p.heading("6. What the client's feedback does to your Job Success Score")
    history = _history()
    ended = available_at.date()
    finished = attrs.evolve(contract, ended=ended)
    outcomes = {
        "5 stars, would recommend (10)": Feedback(Decimal(5), 10, EndReason.COMPLETED),
        "3 stars, unlikely to recommend (4)": Feedback(Decimal(3), 4, EndReason.COMPLETED),
    }
    rows: list[tuple[str, int | None, int | None, int | None]] = []
    for label, feedback in outcomes.items():
        change = jss.what_if(history, attrs.evolve(finished, feedback=feedback), as_of=ended)
        rows.append((label, change.before, change.after, change.delta))
    p.table(["if the client leaves", "JSS before", "JSS after", "change"], rows)
    data["jss"] = [
        {"feedback": label, "before": b, "after": a, "delta": d} for label, b, a, d in rows
    ]
    p.line()
    p.line("  Every number above comes from a dated rules object with its source:")
    p.line("  run 'upwork-safety rules' to see them.")
    return data
