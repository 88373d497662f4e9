"""Behaviour a hand-driven mutation pass found unpinned (review r24, mutation pass).

Each test names the finding id of the mutant it kills (T13, D15, H05, ...) and
the rule it pins, with the expected value taken from DOMAIN.md, the docs or
the docstring of the code under test.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

import attrs
import pytest

from upwork_safety import (
    Contract,
    ContractKind,
    Feedback,
    Milestone,
    Money,
    Payment,
    escrow,
    jss,
    rules,
)
from upwork_safety._cli import _args
from upwork_safety.checks._normalise import normalise
from upwork_safety.cli import main
from upwork_safety.errors import InvalidTypeError, InvalidValueError, RulesError
from upwork_safety.models import PaymentKind
from upwork_safety.rules import RuleHistory

UTC = timezone.utc


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def _one_milestone(started: date, amount: str = "400.00") -> Contract:
    return Contract(
        id="c",
        client="acme",
        kind=ContractKind.FIXED_PRICE,
        started=started,
        milestones=[Milestone("m1", "Page", Money(amount, "USD"))],
    )


# --- escrow: what each deadline says (T13, D15, D08, D10, D04, D05) ---------------------------


def _arbitration_opt_in(
    pays: type[escrow.FreelancerPaysArbitration | escrow.ClientPaysArbitration],
):
    contract = _one_milestone(date(2024, 3, 1), "100.00")
    for event in (
        escrow.Fund("m1", at(2024, 3, 1, 9)),
        escrow.RequestRefund("m1", at(2024, 3, 2, 9)),
        escrow.OpenDispute("m1", at(2024, 3, 3, 9)),
        escrow.AnswerDispute("m1", at(2024, 3, 4, 9)),
        pays("m1", at(2024, 3, 9, 9)),
    ):
        contract = escrow.apply(contract, event)
    (due,) = (
        d
        for d in escrow.deadlines(contract, at(2024, 3, 10))
        if d.kind is escrow.DeadlineKind.ARBITRATION_OPT_IN_DUE
    )
    return due


def test_t13_only_the_freelancer_paid_arbitration_so_the_escrow_goes_to_the_freelancer() -> None:
    """T13: DOMAIN.md, arbitration: "if only one pays it goes to the payer" (the freelancer)."""
    due = _arbitration_opt_in(escrow.FreelancerPaysArbitration)
    assert "goes to the freelancer" in due.consequence
    assert "goes to the client" not in due.consequence
    assert "USD 100.00" in due.consequence


def test_t13_only_the_client_paid_arbitration_so_the_escrow_goes_to_the_client() -> None:
    """T13 (the other payer): "if only one pays it goes to the payer" (the client)."""
    due = _arbitration_opt_in(escrow.ClientPaysArbitration)
    assert "goes to the client" in due.consequence
    assert "goes to the freelancer" not in due.consequence


def _approved(bonus: Money | None = None) -> Contract:
    contract = escrow.apply(_one_milestone(date(2026, 2, 2)), escrow.Fund("m1", at(2026, 2, 2, 9)))
    return escrow.apply(contract, escrow.Approve("m1", at(2026, 2, 10, 8), bonus=bonus))


def test_d15_each_deadline_cites_the_source_of_its_own_rule() -> None:
    """D15: ``Deadline.source`` is where *its* rule is published (docs/escrow.md table)."""
    sources = {d.kind: d.source for d in escrow.deadlines(_approved(), at(2026, 2, 11))}
    assert sources == {
        escrow.DeadlineKind.FUNDS_AVAILABLE: "HC 211060918",
        escrow.DeadlineKind.REFUND_WINDOW_CLOSES: "HC section 360002670934",
    }
    submitted = escrow.apply(
        escrow.apply(_one_milestone(date(2026, 2, 2)), escrow.Fund("m1", at(2026, 2, 2, 9))),
        escrow.Submit("m1", at(2026, 2, 3, 9)),
    )
    (review,) = escrow.deadlines(submitted, at(2026, 2, 4))
    assert review.kind is escrow.DeadlineKind.REVIEW_ENDS
    assert review.source == "HC 211068218, HC 360000990348, HC 40525949818387"


def test_d08_d10_a_bonus_becomes_available_by_itself_and_is_called_a_bonus() -> None:
    """D08, D10: a bonus's ``funds_available`` says "bonus", the release's "payment"; nobody acts.

    docs/escrow.md: ``funds_available`` | payment + 5 days | nobody | pending
    money becomes available (HC 211060918).
    """
    found = [
        d
        for d in escrow.deadlines(_approved(Money("50.00", "USD")), at(2026, 2, 11))
        if d.kind is escrow.DeadlineKind.FUNDS_AVAILABLE
    ]
    by_amount = {str(d.amount): d for d in found}
    assert sorted(by_amount) == ["USD 400.00", "USD 50.00"]
    assert "USD 50.00 bonus" in by_amount["USD 50.00"].consequence
    assert "USD 400.00 payment" in by_amount["USD 400.00"].consequence
    assert {d.who for d in found} == {escrow.Party.NOBODY}
    assert {d.due for d in found} == {at(2026, 2, 15, 8)}


def test_d04_deadlines_due_at_the_same_moment_come_in_the_contracts_milestone_order() -> None:
    """D04: the documented tie order (``escrow.deadlines``): milestones in the contract's order."""
    first = at(2026, 2, 10, 8)
    second = first + timedelta(days=175)
    contract = Contract(
        id="c",
        client="acme",
        kind=ContractKind.FIXED_PRICE,
        started=date(2026, 2, 2),
        milestones=[
            Milestone("m1", "A", Money("100.00", "USD")),
            Milestone("m2", "B", Money("200.00", "USD")),
        ],
    )
    for event in (
        escrow.Fund("m1", at(2026, 2, 2, 9)),
        escrow.Approve("m1", first),  # its refund window closes first + 180 days
        escrow.Fund("m2", second - timedelta(days=1)),
        escrow.Approve("m2", second),  # available second + 5 days = first + 180 days
    ):
        contract = escrow.apply(contract, event)
    same = [
        (d.milestone_id, d.kind)
        for d in escrow.deadlines(contract, second + timedelta(hours=1))
        if d.due == first + timedelta(days=180)
    ]
    assert same == [
        ("m1", escrow.DeadlineKind.REFUND_WINDOW_CLOSES),
        ("m2", escrow.DeadlineKind.FUNDS_AVAILABLE),
    ]


def test_d05_a_contract_level_deadline_comes_before_a_milestones_at_the_same_moment() -> None:
    """D05: the documented tie order: deadlines of no milestone (a bonus of its own) first."""
    paid = at(2026, 2, 10, 8)
    contract = escrow.apply(
        escrow.apply(
            _one_milestone(date(2026, 2, 2), "100.00"), escrow.Fund("m1", at(2026, 2, 2, 9))
        ),
        escrow.Approve("m1", paid),
    )
    bonus = Payment(paid.date(), Money("10.00", "USD"), paid, None, PaymentKind.BONUS)
    contract = attrs.evolve(contract, payments=[*contract.payments, bonus])
    found = [(d.due, d.milestone_id, str(d.amount)) for d in escrow.deadlines(contract, paid)]
    assert found[:2] == [
        (at(2026, 2, 15, 8), None, "USD 10.00"),
        (at(2026, 2, 15, 8), "m1", "USD 100.00"),
    ]


# --- rules: RuleHistory and rules= (H05, H12, H13, H15) ---------------------------------------


def test_h05_a_history_given_as_rules_covers_its_own_first_day() -> None:
    """H05: ``in_force`` gives "the newest rule set whose effective date is not after on"."""
    newest = rules.HISTORY[-1]
    mine = RuleHistory("mine", [newest])
    first_moment = datetime.combine(newest.effective, time(0, 0), UTC)
    assert escrow.rules_in_force(first_moment, rules=mine) is newest
    with pytest.raises(RulesError) as info:
        escrow.rules_in_force(first_moment - timedelta(microseconds=1), rules=mine)
    assert info.value.field == "rules"


class _Dated:
    """A rule set whose ``effective`` is whatever it is given."""

    name = "dated"

    def __init__(self, effective: object) -> None:
        self.effective = effective


@pytest.mark.parametrize(
    "effective", [datetime(2024, 1, 1, tzinfo=UTC), datetime(2024, 1, 1)], ids=["aware", "naive"]
)
def test_h12_a_preset_whose_effective_is_a_datetime_is_refused(effective: datetime) -> None:
    """H12: a preset needs an ``effective`` *date*; a datetime (a date subclass) is refused."""
    with pytest.raises(InvalidTypeError) as info:
        RuleHistory("x", [_Dated(effective)])
    assert info.value.field == "RuleHistory.presets[0]"
    assert info.value.rule == "a dated rule set"
    # Since review r35 (hostile 6) a dated object of the caller's is no rule set either.
    with pytest.raises(InvalidTypeError) as duck:
        RuleHistory("x", [_Dated(date(2024, 1, 1))])
    assert ("RuleHistory.presets[0]", "a dated rule set") == (duck.value.field, duck.value.rule)


@pytest.mark.parametrize("presets", ["abc", b"abc"])
def test_h13_a_text_given_as_presets_is_refused_naming_presets(presets: object) -> None:
    """H13: a text is not a sequence of rule sets: the field is ``RuleHistory.presets`` itself."""
    with pytest.raises(InvalidTypeError) as info:
        RuleHistory("x", presets)
    assert info.value.field == "RuleHistory.presets"
    assert info.value.rule == "a sequence of rule sets"


class _Liar:
    """An object whose ``__class__`` claims to be PlatformRules."""

    @property
    def __class__(self) -> type:  # type: ignore[override]
        return rules.PlatformRules


def test_h15_an_object_faking_its_class_is_refused_as_rules() -> None:
    """H15: ``rules=`` is checked by the real type, so a lying ``__class__`` is refused."""
    liar = _Liar()
    assert isinstance(liar, rules.PlatformRules)  # what the check must not trust
    with pytest.raises(InvalidTypeError) as info:
        escrow.rules_in_force(at(2026, 1, 1), rules=liar)  # type: ignore[arg-type]
    assert info.value.field == "rules"


# --- jss: the points rule of a report (P03, P13) and Outcome text (O05) -----------------------


def _net_report() -> jss.JSSReport:
    """Four contracts of weight 1 under the net formula: 25, 25, -25 and 0 points."""

    def job(cid: str, stars: str) -> Contract:
        return Contract(
            cid,
            f"client-{cid}",
            ContractKind.FIXED_PRICE,
            date(2025, 1, 1),
            date(2025, 1, 31),
            payments=[Payment(date(2025, 1, 31), Money("100", "USD"))],
            feedback=Feedback(stars=stars),
        )

    net = attrs.evolve(jss.CURRENT, formula="net")
    jobs = [job("g0", "5.0"), job("g1", "5.0"), job("b0", "1.0"), job("n0", "4.2")]
    return jss.score(jobs, as_of=date(2025, 6, 1), rules=net)


def test_p03_p13_exact_points_may_only_be_shown_as_themselves() -> None:
    """P03, P13: points are 100 x weight / total "rounded down or up to the hundredth".

    An exact 25 is 25.00, never 25.01 (so 24.99 beside it to keep the sum); the
    refusal shows the exact share to four places.
    """
    report = _net_report()
    assert [(i.contract_id, i.points) for i in report.impacts] == [
        ("g0", Decimal("25.00")),
        ("g1", Decimal("25.00")),
        ("b0", Decimal("-25.00")),
        ("n0", Decimal("0.00")),
    ]
    forged = {"g0": Decimal("25.01"), "g1": Decimal("24.99")}
    impacts = [
        attrs.evolve(i, points=forged[i.contract_id]) if i.contract_id in forged else i
        for i in report.impacts
    ]
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(report, impacts=impacts)
    assert info.value.field == "JSSReport.impacts[0].points"
    assert "25.0000" in str(info.value)


@pytest.mark.parametrize("text", ["POSITIVE", "Positive", " positive", "positive "])
def test_o05_an_outcome_is_read_by_its_exact_text(text: str) -> None:
    """O05: an outcome's text is taken as written, never case-folded or stripped."""
    with pytest.raises(InvalidValueError) as info:
        jss.Impact("c", "x", text, Decimal(1), ("r",), codes=("weight",))  # type: ignore[arg-type]
    assert info.value.field == "Impact.outcome"
    assert (
        jss.Impact("c", "x", "positive", Decimal(1), ("r",), codes=("weight",)).outcome
        is jss.Outcome.POSITIVE
    )  # type: ignore[arg-type]


# --- the command line's readers (A03, A05, A06, A11, A12, A15) --------------------------------


def _refused(*argv: str) -> tuple[object, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), pytest.raises(SystemExit) as info:
        main(list(argv), out=out)
    return info.value.code, out.getvalue(), err.getvalue()


def test_a03_whole_takes_both_ends_of_its_range() -> None:
    """A03: "from 1 to 36500 days" includes 1 and 36500 (``jss --days/--step``)."""
    assert _args.whole("1", 1, 36_500, "days") == 1
    assert _args.whole("36500", 1, 36_500, "days") == 36_500
    for outside in ("0", "36501"):
        with pytest.raises(argparse.ArgumentTypeError, match="from 1 to 36500 days"):
            _args.whole(outside, 1, 36_500, "days")


def test_a05_a_rate_of_zero_is_refused_at_the_terminal_naming_the_option() -> None:
    """A05: ``positive`` is "a number more than 0": ``--rate 0`` is refused by the reader."""
    with pytest.raises(argparse.ArgumentTypeError, match="must be more than 0"):
        _args.positive("0")
    code, out, err = _refused("withdraw", "100", "--rate", "0", "--on", "2026-01-01")
    assert (code, out) == (2, "")
    assert "argument --rate: '0' must be more than 0" in err


def test_a06_an_amount_of_zero_is_refused_not_read_as_no_amount() -> None:
    """A06: ``cents`` is "a positive amount": ``fees 0`` exits 2, printing no overview."""
    with pytest.raises(argparse.ArgumentTypeError, match="must be more than 0"):
        _args.cents("0")
    code, out, err = _refused("fees", "0", "--on", "2026-01-01")
    assert (code, out) == (2, "")
    assert "argument amount: '0' must be more than 0" in err


def test_a11_a_method_key_is_read_as_written_and_spaces_around_it_are_refused() -> None:
    """A11: ``METHOD=VALUE`` gives the method's key, which ``fees.get_method`` then reads.

    Review r26: spaces around the name were trimmed while a space in the value was
    refused; nothing typed is changed silently, so both are refused, naming the option.
    """
    assert _args.per_method(_args.positive)("payoneer=3") == ("payoneer", Decimal(3))
    assert _args.per_method(_args.positive)("3") == ("", Decimal(3))
    for spaced in (" payoneer =3", "payoneer =3", " payoneer=3"):
        with pytest.raises(argparse.ArgumentTypeError, match="has spaces around it"):
            _args.per_method(_args.positive)(spaced)
    code, out, err = _refused(
        "withdraw", "900", "--rate", "280", "--offered-rate", " payoneer =274.50"
    )
    assert (code, out) == (2, "")
    assert "argument --offered-rate: ' payoneer =274.50': the method ' payoneer '" in err
    assert "'payoneer=274.50'" in err
    code, _, err = _refused("statement", "x.csv", "--audit", "--contract-rate", "Logo =15%")
    assert code == 2
    assert "argument --contract-rate: 'Logo =15%': the title 'Logo '" in err


def _suggestion(text: str) -> str:
    with pytest.raises(argparse.ArgumentTypeError) as info:
        _args.moment(text)
    message = str(info.value)
    assert "no UTC offset" in message
    found = re.search(r"e\.g\. (\S+)", message)
    assert found is not None, message
    return found.group(1)


@pytest.mark.parametrize(
    ("text", "suggested"),
    [
        ("2026-11-26T09:00:00", "2026-11-26T09:00:00+00:00"),
        ("2026-11-26", "2026-11-26T00:00:00+00:00"),
        ("2026-11-26 09:00", "2026-11-26T09:00:00+00:00"),
    ],
)
def test_a12_a_moment_without_offset_is_given_one_the_reader_accepts(
    text: str, suggested: str
) -> None:
    """A12: the suggestion is "a complete moment the reader accepts as it is"."""
    assert _suggestion(text) == suggested
    assert _args.moment(suggested) == datetime.fromisoformat(suggested)


def test_a12_no_suggestion_the_reader_would_itself_refuse() -> None:
    """A12: a naive moment past the library's last day is not "fixed" to one still refused."""
    with pytest.raises(argparse.ArgumentTypeError) as info:
        _args.moment("9999-12-31T23:00:00")
    message = str(info.value)
    assert "no UTC offset" in message
    assert "e.g." not in message
    assert "9990-12-31" in message  # the bound it breaks even in UTC


@pytest.mark.parametrize("text", ["2026-11-26 09:00:00+00:00", "2026-11-26T09:00:00+05:00x"])
def test_a15_a_text_with_an_offset_is_not_said_to_lack_one(text: str) -> None:
    """A15: "has no UTC offset" only for a text that really has none."""
    with pytest.raises(argparse.ArgumentTypeError) as info:
        _args.moment(text)
    assert "no UTC offset" not in str(info.value)
    assert "expected an ISO datetime like" in str(info.value)


def test_a_moment_offset_of_minus_zero_is_refused_in_the_readers_words() -> None:
    """--now with -00:00 (RFC 3339: offset unknown) says why, as the file reader does."""
    with pytest.raises(argparse.ArgumentTypeError) as info:
        _args.moment("2026-11-26T09:00:00-00:00")
    assert "-00:00" in str(info.value)
    assert "unknown" in str(info.value)


# --- checks: where ``_mid_sentence`` cuts a message (N01-N13) --------------------------------


@pytest.mark.parametrize(
    ("finding", "text"),
    [
        ("N01", "I will pay you to\n\nvia PayPal"),  # "nor a line after a blank one"
        ("N02", "Tasks,\n- logo"),  # after a comma only a letter or digit runs on
        ("N04", "Thanks!\nvia PayPal is fine"),  # "Thanks!" then ...: a sentence ended
    ],
)
def test_n01_n02_n04_a_break_that_ends_a_sentence_stays(finding: str, text: str) -> None:
    """N01, N02, N04 (``_mid_sentence`` docstring): these breaks are not inside a sentence."""
    assert "\n" in normalise(text).text, finding


@pytest.mark.parametrize(
    ("finding", "text", "joined"),
    [
        # the last word of a long line is still read ("through": no sentence ends with it)
        ("N05, N06", "please send the payment through\nmy account", "through my account"),
        ("N10", "I will pay you\ninstead of Upwork", "you instead of"),  # no sentence starts so
        ("N13", "paise Payoneer pe\nbhej do", "pe bhej"),  # "pe": no sentence ends with it
    ],
)
def test_n05_n06_n10_n13_a_break_inside_a_sentence_is_a_space(
    finding: str, text: str, joined: str
) -> None:
    """N05, N06, N10, N13 (``_mid_sentence`` docstring): these lines run on as one sentence."""
    cut = normalise(text).text
    assert "\n" not in cut, finding
    assert joined in cut.casefold(), finding
