"""``upwork-safety rules``: the rules in force on a day, with their sources (private)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from upwork_safety._cli import _args
from upwork_safety._cli._context import options_for

if TYPE_CHECKING:
    import argparse
    from datetime import date

    from upwork_safety._cli._context import Context
    from upwork_safety.rules import RuleHistory

__all__ = ["add_arguments", "check_known_day", "run", "source_text"]

HELP = "the rules in force on a date, with sources"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``rules``."""
    parser.add_argument(
        "--on", type=_args.day, metavar="DATE", help="YYYY-MM-DD (default today, UTC)"
    )


def source_text(source: object) -> str:
    """One line for a rule's source: the citation, flagged when unconfirmed."""
    text = str(getattr(source, "source", source))
    return text + (" (unconfirmed)" if getattr(source, "unconfirmed", False) else "")


def check_known_day(history: RuleHistory[Any], day: date, option: str, remedy: str) -> None:
    """Refuse *day* before *history*'s first rules, naming *option*, with the CLI's *remedy*.

    The check, its first day and its error are the library's one
    (``_refuse_before``, review r25 hostile H8); only the remedy is the
    CLI's: at the terminal there are options, not ``rules=`` or ``tax_rate=``.
    """
    from upwork_safety.rules import _refuse_before

    with options_for({"day": option}):
        _refuse_before(
            history.first_day,
            day,
            known=history.name,
            what=option.split(maxsplit=1)[0],
            field="day",
            remedy=remedy,
        )


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print or dump the platform, fee, retention and JSS rules in force on ``--on``."""
    from upwork_safety import fees, jss, rules

    on: date = args.on or ctx.today()
    with options_for({"on": None if args.on is None else f"--on {on}"}):
        platform = rules.as_of(on)
        schedule = fees.schedule_as_of(on)
    jss_rules = jss.rules_as_of(on) if on >= jss.HISTORY.first_day else None
    kept = fees.RETENTION_HISTORY
    retention = kept.in_force(on) if on >= kept.first_day else None
    listed = rules.sources(platform)
    if ctx.json:
        ctx.dump(
            {
                "on": on,
                "platform": {
                    "name": platform.name,
                    "effective": platform.effective,
                    "rules": [
                        {
                            "name": n,
                            "value": v,
                            "source": s.source,
                            "unconfirmed": s.unconfirmed,
                            "note": s.note,
                        }
                        for n, v, s in listed
                    ],
                },
                "service_fee": schedule,
                "retention": retention,
                "jss": jss_rules,
            }
        )
        return 0
    p = ctx.printer()
    p.heading(f"Platform rules in force on {on}: {platform.name}")
    p.table(
        ["rule", "value", "source", "note"],
        [(n, v, source_text(s), s.note) for n, v, s in listed],
    )
    p.heading(f"Service fee on {on}: {schedule.name}")
    fee_pairs: list[tuple[str, object]] = [
        ("effective", schedule.effective),
        ("source", source_text(schedule.source)),
    ]
    if schedule.range_source is not None:
        fee_pairs.append(("range", source_text(schedule.range_source)))
    p.pairs(fee_pairs)
    if retention is None:
        p.heading(f"Dollars kept in Pakistan on {on}: no rule known before {kept.first_day}")
    else:
        p.heading(f"Dollars kept in Pakistan on {on}: {retention.name}")
        p.pairs(
            [
                ("effective", retention.effective),
                ("share", f"{retention.share:%} of a month's proceeds"),
                ("or, if higher", f"{retention.monthly_amount}, up to all of the proceeds"),
                ("source", source_text(retention.source)),
            ]
        )
    if jss_rules is None:
        p.heading(f"Job Success Score on {on}: not launched yet ({jss.HISTORY.first_day})")
    else:
        p.heading(f"Job Success Score model on {on}: {jss_rules.name}")
        p.pairs([("effective", jss_rules.effective)])
        # Without the notes (docs/rules.md has them): four columns of these do not fit.
        p.table(
            ["rule", "value", "source"],
            [(n, v, source_text(s)) for n, v, s in jss.rule_sources(jss_rules)],
        )
    return 0
