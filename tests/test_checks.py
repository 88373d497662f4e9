"""Tests for upwork_safety.checks: findings, message scanning, milestones and contracts."""

import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from upwork_safety import (
    Client,
    Contract,
    ContractKind,
    Milestone,
    MilestoneState,
    Money,
    checks,
    escrow,
    hourly,
    rules,
    serialize,
)
from upwork_safety.checks import CODES, Confidence, Finding, FindingCode, Severity
from upwork_safety.errors import InvalidTypeError, InvalidValueError, UpworkSafetyError
from upwork_safety.models import Escrow, Payment, TimeEntry

UTC = timezone.utc


def at(*args):
    """An aware UTC datetime."""
    return datetime(*args, tzinfo=UTC)


def usd(amount):
    """US dollars."""
    return Money(amount, "USD")


def codes(found):
    """The codes of a list of findings, in order."""
    return [f.code for f in found]


def scan(text, direction="incoming"):
    """The codes scan_message finds in *text*."""
    return codes(checks.scan_message(text, direction=direction))


# ============================================================================ Severity


def test_severity_order():
    """Severities compare INFO < WARNING < DANGER."""
    assert [Severity.INFO, Severity.WARNING, Severity.DANGER] == sorted(
        [Severity.DANGER, Severity.INFO, Severity.WARNING]
    )
    assert Severity.INFO < Severity.WARNING < Severity.DANGER
    assert Severity.DANGER > Severity.WARNING >= Severity.WARNING
    assert Severity.INFO <= Severity.INFO
    assert [0, 1, 2] == [s.rank for s in (Severity.INFO, Severity.WARNING, Severity.DANGER)]


def test_severity_refuses_comparing_with_other_types():
    """Comparing a Severity with a non-Severity (even a Confidence) raises InvalidTypeError."""
    with pytest.raises(InvalidTypeError) as info:
        assert Severity.INFO < 1
    assert "Severity" == info.value.field
    with pytest.raises(InvalidTypeError):
        assert Severity.INFO < Confidence.LOW


def test_confidence_order_and_values():
    """Confidence levels compare LOW < MEDIUM < HIGH and have stable text values."""
    assert [Confidence.LOW, Confidence.MEDIUM, Confidence.HIGH] == sorted(
        [Confidence.HIGH, Confidence.LOW, Confidence.MEDIUM]
    )
    assert ["low", "medium", "high"] == [c.value for c in Confidence]
    assert [0, 1, 2] == [c.rank for c in Confidence]


# ============================================================================ FindingCode


def test_finding_codes_are_str_valued_enum_members():
    """Each FindingCode equals its name as text, so string comparisons keep working."""
    assert "SCOPE_CREEP" == FindingCode.SCOPE_CREEP
    assert FindingCode.SCOPE_CREEP == "SCOPE_CREEP"
    assert "SCOPE_CREEP" == str(FindingCode.SCOPE_CREEP)
    assert "SCOPE_CREEP" == f"{FindingCode.SCOPE_CREEP}"
    assert {code.name for code in FindingCode} == {code.value for code in FindingCode}
    assert list(FindingCode) == list(CODES)


def test_codes_repr_is_one_short_line():
    """CODES shows as one short line (not an 8,000-character dump in help() and the docs)."""
    shown = repr(CODES)
    assert "\n" not in shown
    # The codes' names alone, about 20 characters each: well under the 8,000 of a dump.
    assert len(shown) < 25 * len(CODES)
    assert shown.startswith("<27 finding codes: UNFUNDED_MILESTONE, ")


def test_codes_accept_plain_text_keys():
    """CODES is keyed by FindingCode but a plain string finds the same entry."""
    assert CODES[FindingCode.UPFRONT_FEE] is CODES["UPFRONT_FEE"]
    assert "UPFRONT_FEE" in CODES
    assert 27 == len(CODES)


# ============================================================================ CODES


REQUIRED = {
    "UNFUNDED_MILESTONE",
    "VAGUE_MILESTONE",
    "MILESTONE_BELOW_MINIMUM",
    "START_BEFORE_FUNDING",
    "OFF_PLATFORM_PAYMENT",
    "OFF_PLATFORM_CONTACT",
    "UPFRONT_FEE",
    "SCOPE_CREEP",
    "REVIEW_BEGGING",
    "ACCOUNT_SHARING",
    "UNREAD_SCRIPT",
    "REVIEW_PERIOD_RUNNING",
    "FUNDS_PENDING",
    "REFUND_REQUEST_PENDING",
    "DISPUTE_WINDOW_CLOSING",
    "DISPUTE_STEP_DUE",
    "DISPUTE_ANSWER_DUE",
    "ARBITRATION_UNECONOMIC",
    "UNPROTECTED_HOURS",
    "UNVERIFIED_CLIENT",
    "OVER_WEEKLY_LIMIT",
    "DORMANT_ESCROW",
    "HOURS_IN_REVIEW",
    "HOURS_PENDING",
    "FEE_RATE_NOT_CHARGED",
    "CHANGES_REQUESTED",
    "CURRENCY_NOT_MODELLED",
}


def test_codes_table_lists_every_code_with_trigger_and_source():
    """CODES documents every code with its trigger, rule and source."""
    assert set(CODES) == REQUIRED
    for code, info in CODES.items():
        assert code == info.code
        assert re.fullmatch(r"[A-Z_]+", code)
        assert info.trigger
        assert info.rule
        assert info.source
        assert info.applies_to in {
            "incoming message",
            "outgoing message",
            "any message",
            "milestone",
            "fixed-price contract",
            "hourly contract",
            "any contract",
        }


def test_codes_sources_come_from_the_rules_fields():
    """Contract codes cite the source recorded on the PlatformRules field they use."""
    by_field = {name: source.source for name, _, source in rules.sources()}
    assert by_field["review_period"] == CODES["REVIEW_PERIOD_RUNNING"].source
    assert by_field["refund_response_window"] == CODES["REFUND_REQUEST_PENDING"].source
    assert by_field["dispute_filing_window"] == CODES["DISPUTE_WINDOW_CLOSING"].source
    assert by_field["arbitration_fee"] in CODES["ARBITRATION_UNECONOMIC"].source


def test_codes_table_is_read_only():
    """CODES cannot be changed by a caller."""
    with pytest.raises(TypeError):
        CODES["NEW"] = CODES["SCOPE_CREEP"]  # type: ignore[index]
    with pytest.raises(AttributeError):
        CODES.clear()  # type: ignore[attr-defined]


def test_code_info_records():
    """CodeInfo.to_records gives one flat row with plain values."""
    row = CODES["SCOPE_CREEP"].to_records()[0]
    assert "SCOPE_CREEP" == row["code"]
    assert "warning" == row["severity"]


def test_codes_table_in_docs_matches_CODES():
    """docs/checks.md has one table row per code, word for word the entry of CODES."""
    from pathlib import Path

    page = (Path(__file__).resolve().parent.parent / "docs" / "checks.md").read_text("utf-8")
    for info in CODES.values():
        cells = (info.severity.value, info.applies_to, info.trigger, info.rule, info.source)
        row = f"| `{info.code}` | " + " | ".join(cells) + " |"
        assert row in page, row


# ============================================================================ Finding


def test_finding_defaults_and_info():
    """A Finding needs code, severity, message, advice; the rest defaults to empty."""
    finding = Finding("REVIEW_PERIOD_RUNNING", Severity.INFO, "In review.", "Wait.")
    assert finding.milestone_id is None
    assert "" == finding.evidence
    assert "" == finding.script
    assert finding.due is None
    assert finding.time_left is None
    assert finding.amount is None
    assert finding.unconfirmed is False
    assert finding.span is None
    assert CODES["REVIEW_PERIOD_RUNNING"] == finding.info


#: A valid message finding's fields, which the tests below change one at a time.
MESSAGE_FINDING: dict[str, object] = {
    "code": "SCOPE_CREEP",
    "severity": Severity.WARNING,
    "message": "m",
    "advice": "a",
    "evidence": "ab",
    "span": (0, 2),
}


@pytest.mark.parametrize(
    ("changes", "error", "field"),
    [
        ({"code": "NOT_A_CODE"}, InvalidValueError, "Finding.code"),
        ({"code": 3}, InvalidValueError, "Finding.code"),
        ({"code": "scope_creep"}, InvalidValueError, "Finding.code"),
        ({"severity": "danger"}, InvalidTypeError, "Finding.severity"),
        ({"message": None}, InvalidTypeError, "Finding.message"),
        ({"advice": b"x"}, InvalidTypeError, "Finding.advice"),
        ({"milestone_id": 1}, InvalidTypeError, "Finding.milestone_id"),
        ({"evidence": 1}, InvalidTypeError, "Finding.evidence"),
        ({"script": None}, InvalidTypeError, "Finding.script"),
        ({"due": datetime(2024, 1, 1)}, InvalidValueError, "Finding.due"),
        ({"due": "2024-01-01"}, InvalidTypeError, "Finding.due"),
        ({"time_left": 5}, InvalidTypeError, "Finding.time_left"),
        ({"amount": Decimal(5)}, InvalidTypeError, "Finding.amount"),
        ({"unconfirmed": 1}, InvalidTypeError, "Finding.unconfirmed"),
        ({"span": [0, 3]}, InvalidTypeError, "Finding.span"),
        ({"span": (0, 3, 4)}, InvalidTypeError, "Finding.span"),
        ({"span": (0, "3")}, InvalidTypeError, "Finding.span"),
        ({"span": (True, 3)}, InvalidTypeError, "Finding.span"),
        ({"span": (4, 3)}, InvalidValueError, "Finding.span"),
        ({"span": (-1, 3)}, InvalidValueError, "Finding.span"),
        ({"confidence": "high"}, InvalidTypeError, "Finding.confidence"),
        ({"confidence": Severity.INFO}, InvalidTypeError, "Finding.confidence"),
    ],
)
def test_finding_refuses_bad_fields(changes, error, field):
    """Finding's validators refuse a bad field with the library error naming it."""
    fields: dict[str, object] = {**MESSAGE_FINDING}
    fields.update(changes)
    with pytest.raises(error) as info:
        Finding(**fields)
    assert field == info.value.field


@pytest.mark.parametrize(
    ("changes", "field", "rule"),
    [
        ({"severity": Severity.DANGER}, "Finding.severity", "the severity CODES gives the code"),
        ({"severity": Severity.INFO}, "Finding.severity", "the severity CODES gives the code"),
        (
            {"code": "DISPUTE_WINDOW_CLOSING", "severity": Severity.INFO, "span": None},
            "Finding.severity",
            "the severity CODES gives the code",
        ),
        ({"evidence": "ab", "span": (0, 100)}, "Finding.span", "end - start == len(evidence)"),
        ({"evidence": "ab", "span": (3, 4)}, "Finding.span", "end - start == len(evidence)"),
        ({"evidence": "abc"}, "Finding.span", "end - start == len(evidence)"),
        (
            {"code": "REVIEW_PERIOD_RUNNING", "severity": Severity.INFO},
            "Finding.span",
            "only on a message finding",
        ),
        ({"span": None}, "Finding.span", "a span on every message finding"),
        ({"evidence": "", "span": (0, 0)}, "Finding.span", "0 <= start < end"),
        (
            {"evidence": "   ", "span": (0, 3)},
            "Finding.evidence",
            "the words at the span, not blank",
        ),
        (  # review r8 #1: the one blank rule, not str.strip()
            {"evidence": "\u200b\u2060", "span": (0, 2)},
            "Finding.evidence",
            "the words at the span, not blank",
        ),
        ({"message": ""}, "Finding.message", "not empty"),
        ({"advice": " \n"}, "Finding.advice", "not empty"),
        ({"milestone_id": ""}, "Finding.milestone_id", "not empty"),
        ({"script": "Sure."}, "Finding.advice", "ends with the script"),
        (
            {"advice": 'Quote it. Say: "Sure"', "script": "Sure."},
            "Finding.advice",
            "ends with the script",
        ),
        ({"time_left": timedelta(days=-3)}, "Finding.time_left", "only with a due moment"),
        (
            {
                "code": "REVIEW_PERIOD_RUNNING",
                "severity": Severity.INFO,
                "span": None,
                "confidence": Confidence.LOW,
            },
            "Finding.confidence",
            "HIGH for every fixed-price contract finding",
        ),
        (
            {"code": "UNVERIFIED_CLIENT", "span": None, "confidence": Confidence.MEDIUM},
            "Finding.confidence",
            "HIGH for every hourly contract finding",
        ),
        (
            {"code": "VAGUE_MILESTONE", "span": None, "confidence": Confidence.HIGH},
            "Finding.confidence",
            "MEDIUM for every milestone finding",
        ),
    ],
)
def test_finding_refuses_what_its_documentation_rules_out(changes, field, rule):
    """Regression: a finding breaking a documented rule (its code's severity, text at span) was built."""
    fields: dict[str, object] = {**MESSAGE_FINDING}
    fields.update(changes)
    with pytest.raises(InvalidValueError) as info:
        Finding(**fields)
    assert (field, rule) == (info.value.field, info.value.rule)


def test_finding_accepts_what_its_documentation_allows():
    """The documented shapes build: message evidence at its span, a script closing the advice."""
    said = Finding(
        "OFF_PLATFORM_CONTACT",
        Severity.WARNING,
        "m",
        'Keep it on Upwork. Say: "Let\'s talk here."',
        evidence="Add me on WhatsApp",
        script="Let's talk here.",
        span=(4, 22),
        confidence=Confidence.LOW,
    )
    assert (4, 22) == said.span
    clock = Finding(
        "REVIEW_PERIOD_RUNNING",
        Severity.INFO,
        "m",
        "a",
        milestone_id="m1",
        due=at(2024, 3, 18),
        time_left=timedelta(0),
    )
    assert timedelta(0) == clock.time_left
    vague = Finding("VAGUE_MILESTONE", Severity.WARNING, "m", "a", confidence=Confidence.MEDIUM)
    assert vague.span is None


def test_every_code_path_builds_findings_with_their_codes_severity():
    """Each finding the checks return carries CODES' severity for its code."""
    ended = escrow.apply(funded_and_submitted("150.00"), escrow.EndContract(at(2024, 3, 8)))
    dormant = escrow.apply(fixed([milestone("m1", "300.00")]), escrow.Fund("m1", at(2024, 3, 1)))
    unverified = hourly_contract(
        [tracked(at(2024, 1, 2, 6), 12, manual=True)], verified=False, limit=10
    )
    in_dispute = escrow.apply(ended, escrow.OpenDispute("m1", at(2024, 3, 9)))
    in_dispute = escrow.apply(in_dispute, escrow.AnswerDispute("m1", at(2024, 3, 10)))
    found = [
        *checks.review_contract(in_dispute, now=at(2024, 3, 11)),
        *checks.review_contract(
            escrow.apply(ended, escrow.OpenDispute("m1", at(2024, 3, 9))), now=at(2024, 3, 9, 12)
        ),
        *checks.review_contract(fixed([milestone("m1", "150.00")]), now=at(2024, 3, 1, 10)),
        *checks.review_contract(
            fixed([milestone("m1", "150.00"), milestone("m2", "4.00")]), now=at(2024, 3, 1, 10)
        ),
        *checks.review_contract(funded_and_submitted("150.00"), now=at(2024, 3, 5)),
        *checks.review_contract(ended, now=at(2024, 3, 9)),
        *checks.review_contract(dormant, now=at(2024, 5, 20)),
        *checks.review_contract(
            escrow.apply(funded_and_submitted("150.00"), escrow.Approve("m1", at(2024, 3, 5))),
            now=at(2024, 3, 6),
        ),
        *checks.review_contract(unverified, now=at(2024, 1, 3)),
        *checks.review_contract(unverified, now=at(2024, 1, 9)),
        *checks.review_contract(unverified, now=at(2024, 1, 14)),
        *checks.review_contract(
            Contract(
                "c-rate",
                Client("cl", payment_verified=True),
                ContractKind.FIXED_PRICE,
                started=date(2025, 3, 1),
                service_fee_rate="0.15",
            ),
            now=at(2025, 6, 4),
        ),
        *checks.review_contract(
            escrow.apply(
                funded_and_submitted("150.00"), escrow.RequestChanges("m1", at(2024, 3, 5))
            ),
            now=at(2024, 3, 6),
        ),
        *checks.review_contract(
            fixed([Milestone("m1", "Logo: 3 concepts", Money("150.00", "EUR"))]),
            now=at(2024, 3, 1, 10),
        ),
        *checks.review_milestone("Build the website"),
        *checks.scan_message("Start today, I will fund the milestone tomorrow."),
        *checks.scan_message("Add me on WhatsApp and I will pay you via PayPal."),
        *checks.scan_message("Pay a $50 registration fee. Also one more page, same price."),
        *checks.scan_message("Please leave me 5 stars!", direction="outgoing"),
        *checks.scan_message("Can I use your Upwork account? 30% of every payment is yours."),
        *checks.scan_message("پہلے کام شروع کریں، پیسے بعد میں دوں گا"),
    ]
    assert set(CODES) == {f.code for f in found}
    assert [CODES[f.code].severity for f in found] == [f.severity for f in found]


def test_finding_code_text_becomes_the_enum_member():
    """A documented code given as text is stored as its FindingCode member."""
    finding = Finding("SCOPE_CREEP", Severity.WARNING, "m", "a", evidence="ab", span=(0, 2))
    assert FindingCode.SCOPE_CREEP is finding.code
    same = Finding(FindingCode.SCOPE_CREEP, Severity.WARNING, "m", "a", evidence="ab", span=(0, 2))
    assert finding == same


def test_finding_repr_is_short():
    """A Finding's repr names its code, severity and evidence, not the long advice."""
    finding = Finding(
        "OFF_PLATFORM_CONTACT",
        Severity.WARNING,
        "A long message. " * 20,
        "Long advice. " * 40,
        evidence="Add me on WhatsApp",
        span=(0, 18),
        confidence=Confidence.MEDIUM,
    )
    assert (
        "Finding(OFF_PLATFORM_CONTACT, WARNING, evidence='Add me on WhatsApp', span=(0, 18), "
        "confidence=MEDIUM)"
    ) == repr(finding)
    long = Finding("ARBITRATION_UNECONOMIC", Severity.INFO, "m", "a", evidence="x" * 200)
    assert len(repr(long)) < 120


def test_finding_repr_shows_milestone_and_due():
    """Contract findings show their milestone and due moment in the repr."""
    finding = Finding(
        "REVIEW_PERIOD_RUNNING", Severity.INFO, "m", "a", milestone_id="m1", due=at(2024, 3, 18, 17)
    )
    assert (
        "Finding(REVIEW_PERIOD_RUNNING, INFO, milestone_id='m1', due=2024-03-18T17:00:00+00:00)"
        == repr(finding)
    )


def test_finding_records_and_html():
    """Findings render as flat records and as an HTML table."""
    finding = Finding(
        "REVIEW_PERIOD_RUNNING",
        Severity.INFO,
        "In review.",
        "Wait.",
        milestone_id="m1",
        due=at(2024, 3, 18, 17),
        time_left=timedelta(days=1),
        amount=usd("15.00"),
    )
    row = finding.to_records()[0]
    assert "info" == row["severity"]
    assert Decimal("15.00") == row["amount"]
    assert Decimal(86400) == row["time_left"]
    assert [row] == checks.to_records([finding])
    html = finding._repr_html_()
    assert html.startswith("<table><caption>Findings</caption>")
    assert "REVIEW_PERIOD_RUNNING" in html
    assert "2024-03-18 17:00:00+00:00" in html
    assert "<caption>Mine</caption>" in checks.to_html([finding], caption="Mine")


def test_finding_time_left_is_a_plain_timedelta():
    """Review 8: a timedelta subclass was kept in time_left (every other duration is plain)."""

    class Lying(timedelta):
        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = timedelta.__hash__

    def make(left: timedelta) -> Finding:
        return Finding(
            "REVIEW_PERIOD_RUNNING",
            Severity.INFO,
            "In review.",
            "Wait.",
            milestone_id="m1",
            due=at(2024, 3, 18, 17),
            time_left=left,
        )

    finding = make(Lying(days=1))
    assert (timedelta, timedelta(days=1)) == (type(finding.time_left), finding.time_left)

    class Finer(timedelta):  # holds more than a timedelta can, like pandas' nanoseconds
        def __eq__(self, other: object) -> bool:
            return False

        __hash__ = timedelta.__hash__

    # Refused for what it holds, as every other duration and moment is (red team r22 L2).
    with pytest.raises(InvalidValueError) as info:
        make(Finer(days=1))
    assert ("Finding.time_left", "at most microseconds") == (info.value.field, info.value.rule)
    assert "nanoseconds" in str(info.value)


def test_findings_round_trip_through_serialize():
    """Every finding survives serialize.to_dict/from_dict unchanged."""
    contract = fixed([milestone("m1", "150.00")])
    contract = escrow.apply(contract, escrow.Fund("m1", at(2024, 3, 1, 9)))
    contract = escrow.apply(contract, escrow.Submit("m1", at(2024, 3, 4, 17)))
    found = checks.review_contract(contract, now=at(2024, 3, 5))
    found += checks.scan_message("add me on whatsapp")
    found += checks.scan_message("bhai paise bahar bhej dunga, start kar do", direction="incoming")
    assert any(f.span is not None for f in found)
    for finding in found:
        assert finding == serialize.from_dict(Finding, serialize.to_dict(finding))


# ============================================================================ review_milestone


@pytest.mark.parametrize(
    ("title", "description"),
    [
        ("Build the website", ""),
        ("Milestone 1: design", ""),
        ("Phase 2", "Continue the work"),
        ("Landing page", "A landing page that converts."),
        ("Logo", ""),
        ("Week 3", "40 hours of development"),
        ("", ""),
    ],
)
def test_vague_milestones(title, description):
    """Milestones that name nothing checkable are VAGUE_MILESTONE."""
    (finding,) = checks.review_milestone(title, description)
    assert "VAGUE_MILESTONE" == finding.code
    assert Severity.WARNING == finding.severity


@pytest.mark.parametrize(
    ("title", "description"),
    [
        ("Homepage and 4 inner pages", "WordPress theme on the staging URL, 2 revision rounds"),
        ("Logo: 3 concepts", "PNG and SVG"),
        ("Pages: home, about, contact", "accepted when it loads under 2 seconds"),
        ("Translate 10 pages", "delivered as DOCX"),
        ("Login and signup screens", "Figma file"),
        ("Blog posts (keto, paleo)", "1,000 words each"),
        ("API", "Endpoints for users, orders and products; unit tests pass in CI"),
        ("Site", "Home, About, Gallery, Contact, all responsive on staging"),
        ("Website. Pages: home, about, contact", "PDF mockups"),
    ],
)
def test_specific_milestones(title, description):
    """Milestones with countable or named deliverables and a check are fine."""
    assert [] == checks.review_milestone(title, description)


@pytest.mark.parametrize(
    ("title", "description", "lacks"),
    [
        # A length in words checks the work; it does not say what the work is.
        ("Content writing - 3,000 words", "", "what is delivered"),
        ("Proofreading", "8000 words, US English", "what is delivered"),
        # Dates, Roman Urdu time and a phase number are not counts of deliverables.
        ("Product copy", "Write product copy by 12 March, Google Docs", "what is delivered"),
        ("Data entry", "Roz 3 ghante, Excel file", "what is delivered"),
        ("App - phase 3 as agreed", "PNG screens", "what is delivered"),
        # The size of the input is not a deliverable either.
        ("Sales data", "About 40,000 rows, CSV", "what is delivered"),
        # "Work on" is not "works on"; "high accuracy" names no figure.
        ("Backend", "Start work on the backend, 2 pages of notes", "how it will be checked"),
        ("Classifier", "Train 1 model with high accuracy", "how it will be checked"),
        # "Round 2 revisions" names a round, not a limit.
        ("3 banners - round 2 revisions", "", "how it will be checked"),
        # A domain is not a file format (review r16 L3).
        ("3 site pages", "Move them to example .com on the new host", "how it will be checked"),
        # A screen or tab named only by a size or a place is not a named deliverable.
        ("Full screen layout", "PNG", "what is delivered"),
        ("Open links in a new browser tab", "PNG", "what is delivered"),
    ],
)
def test_vague_milestone_signals_that_do_not_count(title, description, lacks):
    """Numbers and words that look like a signal but are not one (the sixteenth session's tuning)."""
    (finding,) = checks.review_milestone(title, description)
    assert "VAGUE_MILESTONE" == finding.code
    assert finding.message.endswith(f"it does not say {lacks}.")


@pytest.mark.parametrize(
    ("title", "description"),
    [
        ("Podcast subtitles - Episode 7", "English SRT for episode 7, synced to the audio"),
        ("Quarterly statements", "Balance sheet and P&L for Q3, exported as PDF"),
        (
            "Fix the Settings screen",
            "Crash when the avatar is empty; fixed when QA cannot reproduce",
        ),
        ("One 30s 2D promo", "MP4, 1 revision round"),
        ("One Q4 tax summary", "in Excel, totals matching the bank report"),
        ("Product import", "Add 20 products; live on the store with prices"),
        ("Lead list", "300 leads, delivered to the shared Drive folder"),
        ("Churn model", "2 models; deliver the .pkl files"),
        ("Cleanup", "Fix 45 references to APA 7, Word file with track changes"),
        ("Scraper fix", "3 spiders; tested on 50 pages, error rate under 2%"),
        ("About Us page copy", "friendly tone, Google Docs"),
    ],
)
def test_specific_milestone_signals(title, description):
    """Formats, places, criteria and named items the sixteenth session's tuning added."""
    assert [] == checks.review_milestone(title, description)


def test_vague_milestone_says_what_to_add():
    """The finding names what is missing, including a revision limit, with examples."""
    (finding,) = checks.review_milestone("Build the website")
    assert finding.code is FindingCode.VAGUE_MILESTONE
    assert "is vague" in finding.message
    assert "5 pages: Home, About, Services, Blog, Contact" in finding.advice
    assert "acceptance criterion" in finding.advice
    assert "2 revision rounds" in finding.advice
    assert finding.evidence.startswith("found nothing checkable; missing what is delivered")
    assert "two rounds of revisions" in finding.script


def test_vague_milestone_with_deliverables_but_no_check():
    """Counted deliverables without a format, criterion or limit still need how to check them."""
    (finding,) = checks.review_milestone("5 blog posts", "about fitness")
    assert "it does not say how it will be checked." in finding.message
    assert "count: '5 blog'" in finding.evidence
    assert "5 pages" not in finding.advice


def test_vague_milestone_with_check_but_no_deliverables():
    """A revision limit alone is not a deliverable; the advice does not repeat the limit."""
    (finding,) = checks.review_milestone("Design work", "2 revision rounds")
    assert "it does not say what is delivered." in finding.message
    assert "2 revision rounds'" not in finding.advice.split("add ")[1]


def test_long_titles_are_shortened_in_the_message():
    """A long title is cut to 60 characters in the message."""
    title = "Design " * 30
    (finding,) = checks.review_milestone(title)
    assert "Milestone 'Design Design Design Design Design Design Design Design Des…' is vague" in (
        finding.message
    )


def test_review_milestone_refuses_non_strings():
    """Non-str title or description is refused, naming the argument."""
    with pytest.raises(InvalidTypeError) as info:
        checks.review_milestone(None)  # type: ignore[arg-type]
    assert "title" == info.value.field
    with pytest.raises(InvalidTypeError) as info:
        checks.review_milestone("Logo", 5)  # type: ignore[arg-type]
    assert "description" == info.value.field


def test_vague_milestone_confidence_is_medium():
    """A vague milestone is a judgement on wording: MEDIUM confidence, no span."""
    (finding,) = checks.review_milestone("Build the website")
    assert Confidence.MEDIUM is finding.confidence
    assert finding.span is None


@pytest.mark.parametrize(
    ("title", "description", "field"),
    [
        ("Build\ud800 the website", "", "title"),
        ("\udfffLogo: 3 concepts", "PNG and SVG, 2 revisions", "title"),
        ("Logo: 3 concepts", "PNG and SVG, 2 revisions\ud800", "description"),
        ("Logo: 3 concepts", "PNG\udc80 and SVG", "description"),
    ],
)
def test_review_milestone_refuses_a_lone_surrogate(title, description, field):
    """A lone surrogate, which a Milestone's title refuses, is refused here too, naming the argument."""
    with pytest.raises(InvalidValueError) as info:
        checks.review_milestone(title, description)
    assert (field, "valid Unicode text") == (info.value.field, info.value.rule)


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=())), st.text())
def test_review_milestone_never_raises(title, description):
    """Any Unicode title and description (no lone surrogate) give zero or one VAGUE_MILESTONE."""
    found = checks.review_milestone(title, description)
    assert codes(found) in ([], ["VAGUE_MILESTONE"])


# ============================================================================ review_contract


def milestone(mid, amount, title="Logo: 3 concepts", description="PNG and SVG, 2 revisions"):
    """A milestone with a specific title."""
    return Milestone(mid, title, usd(amount), description=description)


def fixed(milestones, *, started=date(2024, 3, 1), **kwargs):
    """An open fixed-price contract with a verified client."""
    client = Client("acme", "Acme", payment_verified=True)
    return Contract(
        "c1", client, ContractKind.FIXED_PRICE, started, milestones=milestones, **kwargs
    )


def funded_and_submitted(amount="150.00"):
    """m1 funded 2024-03-01 09:00 and submitted 2024-03-04 17:00 UTC; m2 waits unfunded."""
    contract = fixed([milestone("m1", amount), milestone("m2", "200.00")])
    contract = escrow.apply(contract, escrow.Fund("m1", at(2024, 3, 1, 9)))
    return escrow.apply(contract, escrow.Submit("m1", at(2024, 3, 4, 17)))


def test_unfunded_next_milestone_is_danger():
    """Work expected on an unfunded milestone: UNFUNDED_MILESTONE, 'don't open your editor yet'."""
    contract = fixed([milestone("m1", "150.00"), milestone("m2", "200.00")])
    (finding,) = checks.review_contract(contract, now=at(2024, 3, 1, 10))
    assert "UNFUNDED_MILESTONE" == finding.code
    assert Severity.DANGER == finding.severity
    assert "m1" == finding.milestone_id
    assert usd("150.00") == finding.amount
    assert finding.advice.startswith("Don't open your editor yet")


def test_unfunded_later_milestone_is_normal_while_one_is_active():
    """Later milestones wait unfunded while one is active: no UNFUNDED_MILESTONE."""
    contract = escrow.apply(
        fixed([milestone("m1", "400.00"), milestone("m2", "400.00")]),
        escrow.Fund("m1", at(2024, 3, 1, 9)),
    )
    assert [] == checks.review_contract(contract, now=at(2024, 3, 2))


def test_unfunded_after_the_previous_milestone_is_paid():
    """When the active milestone is paid, the next unfunded one is flagged."""
    contract = fixed([milestone("m1", "400.00"), milestone("m2", "400.00")])
    contract = escrow.apply(contract, escrow.Fund("m1", at(2024, 3, 1, 9)))
    contract = escrow.apply(contract, escrow.Approve("m1", at(2024, 3, 2, 9)))
    found = checks.review_contract(contract, now=at(2024, 3, 3))
    assert [("UNFUNDED_MILESTONE", "m2"), ("FUNDS_PENDING", "m1")] == [
        (f.code, f.milestone_id) for f in found
    ]


def partly_approved(approved):
    """m1 (USD 200) funded, submitted and approved for *approved*; m2 and m3 (USD 100) wait."""
    contract = fixed(
        [milestone("m1", "200.00"), milestone("m2", "100.00"), milestone("m3", "100.00")]
    )
    contract = escrow.apply(contract, escrow.Fund("m1", at(2024, 3, 1, 9)))
    contract = escrow.apply(contract, escrow.Submit("m1", at(2024, 3, 2, 9)))
    return escrow.apply(contract, escrow.Approve("m1", at(2024, 3, 3, 9), amount=usd(approved)))


def test_next_milestone_covered_by_a_carried_remainder_is_not_unfunded():
    """Regression: m2, NOT_FUNDED but holding its whole USD 100 carried from m1, was UNFUNDED."""
    contract = partly_approved("100.00")
    m2 = contract.milestone("m2")
    assert (MilestoneState.NOT_FUNDED, usd("100.00")) == (m2.state, m2.held)
    # Only the carried escrow's own INFO finding (red team r10 #12) and m1's pending
    # release, no UNFUNDED.
    assert [("FUNDS_PENDING", "m1"), ("ARBITRATION_UNECONOMIC", "m2")] == [
        (f.code, f.milestone_id) for f in checks.review_contract(contract, now=at(2024, 3, 4))
    ]


def test_next_milestone_partly_covered_is_unfunded_for_the_rest():
    """m2 holds USD 40 of its USD 100 from a partial approval: UNFUNDED for the USD 60 it lacks."""
    contract = partly_approved("160.00")
    finding, pending, small = checks.review_contract(contract, now=at(2024, 3, 4))
    assert ("FUNDS_PENDING", "m1") == (pending.code, pending.milestone_id)
    assert ("ARBITRATION_UNECONOMIC", "m2") == (small.code, small.milestone_id)
    assert ("UNFUNDED_MILESTONE", Severity.DANGER) == (finding.code, finding.severity)
    assert "m2" == finding.milestone_id
    assert usd("60.00") == finding.amount
    assert "holds only the USD 40.00 carried from a partial approval" in finding.message
    assert "USD 40.00 of USD 100.00 in escrow" in finding.evidence
    # Once the client funds it (USD 60 more), m2 is active and no longer unfunded.
    funded = escrow.apply(contract, escrow.Fund("m2", at(2024, 3, 4, 9)))
    assert usd("100.00") == funded.milestone("m2").held
    assert ["FUNDS_PENDING", "ARBITRATION_UNECONOMIC"] == codes(
        checks.review_contract(funded, now=at(2024, 3, 5))
    )


def test_next_milestone_blocked_by_a_remainder_left_on_a_paid_one():
    """Regression (outside docs audit): m1 approved for USD 50 keeps its USD 150 (more than
    m2's USD 100, so not carried); the advice was to fund m2, which the engine refuses
    while m1 holds escrow. The finding now asks for the remainder to be settled first.
    """
    contract = partly_approved("50.00")
    assert "Fund" not in escrow.allowed(contract, "m2").allowed
    finding, pending, small = checks.review_contract(contract, now=at(2024, 3, 4))
    assert ("FUNDS_PENDING", "m1") == (pending.code, pending.milestone_id)
    assert ("ARBITRATION_UNECONOMIC", "m1") == (small.code, small.milestone_id)
    assert ("UNFUNDED_MILESTONE", Severity.DANGER) == (finding.code, finding.severity)
    assert ("m2", usd("100.00")) == (finding.milestone_id, finding.amount)
    assert "release or refund what is left in escrow on m1 first" in finding.advice
    assert "m1 (PAID) holds USD 150.00" in finding.evidence
    assert ("m1" not in finding.script, "m2" not in finding.script) == (True, True)
    assert 'USD 150.00 is still in escrow on "' in finding.script
    # Once the client releases the rest, m2 can be funded and the advice is the usual one.
    settled = escrow.apply(contract, escrow.Approve("m1", at(2024, 3, 4, 9)))
    after, *pending_too = checks.review_contract(settled, now=at(2024, 3, 5))
    # The USD 50 approved on 2024-03-03 and the USD 150 released now: two moments.
    assert ["FUNDS_PENDING", "FUNDS_PENDING"] == codes(pending_too)
    assert [at(2024, 3, 8, 9), at(2024, 3, 9, 9)] == [f.due for f in pending_too]
    assert "Fund" in escrow.allowed(settled, "m2").allowed
    assert ("m2", "no other milestone active") == (after.milestone_id, after.evidence[-25:])


def test_open_contract_without_milestones_is_unfunded():
    """An open fixed-price contract with no milestone at all has nothing in escrow."""
    (finding,) = checks.review_contract(fixed([]), now=at(2024, 3, 2))
    assert "UNFUNDED_MILESTONE" == finding.code
    assert finding.milestone_id is None
    assert "no milestone" in finding.message


def test_no_unfunded_finding_when_everything_is_paid_or_the_contract_ended():
    """A contract whose milestones are all paid, or that has ended, expects no work."""
    contract = escrow.apply(fixed([milestone("m1", "300.00")]), escrow.Fund("m1", at(2024, 3, 1)))
    contract = escrow.apply(contract, escrow.Approve("m1", at(2024, 3, 2)))
    # Only the release's security period, no work expected.
    assert ["FUNDS_PENDING"] == codes(checks.review_contract(contract, now=at(2024, 3, 3)))
    assert [] == checks.review_contract(contract, now=at(2024, 3, 7))
    ended = fixed([milestone("m1", "300.00")], ended=date(2024, 3, 5))
    assert [] == checks.review_contract(ended, now=at(2024, 3, 6))


def test_review_period_running_gives_the_exact_auto_release_time():
    """Submitted 2024-03-04 17:00 UTC: auto-release at 2024-03-18 17:00:00 UTC (14 days)."""
    contract = funded_and_submitted("400.00")
    (finding,) = checks.review_contract(contract, now=at(2024, 3, 5))
    assert "REVIEW_PERIOD_RUNNING" == finding.code
    assert Severity.INFO == finding.severity
    assert at(2024, 3, 18, 17) == finding.due
    assert timedelta(days=13, hours=17) == finding.time_left
    assert usd("400.00") == finding.amount
    assert "released to you automatically at 2024-03-18 17:00:00 UTC" in finding.message
    assert "(13 days 17 hours from now)" in finding.message


def test_review_period_boundary_second():
    """One second before the release the clock still runs; at the release it is paid."""
    contract = funded_and_submitted("400.00")
    (finding,) = checks.review_contract(contract, now=at(2024, 3, 18, 16, 59, 59))
    assert timedelta(seconds=1) == finding.time_left
    assert "(less than a minute from now)" in finding.message
    found = checks.review_contract(contract, now=at(2024, 3, 18, 17))
    assert "REVIEW_PERIOD_RUNNING" not in codes(found)


def test_review_period_follows_overridden_rules():
    """A what-if review period of 21 days moves the auto-release by a week."""
    slow = attrs.evolve(rules.CURRENT, review_period=timedelta(days=21))
    contract = funded_and_submitted("400.00")
    (finding,) = checks.review_contract(contract, now=at(2024, 3, 5), rules=slow)
    assert at(2024, 3, 25, 17) == finding.due


def test_refund_request_pending_with_time_left():
    """Refund requested 2024-03-06 00:00 UTC: answer by 2024-03-13 00:00:00 UTC (7 days)."""
    contract = escrow.apply(
        funded_and_submitted("400.00"), escrow.RequestRefund("m1", at(2024, 3, 6))
    )
    (finding,) = checks.review_contract(contract, now=at(2024, 3, 7, 12))
    assert "REFUND_REQUEST_PENDING" == finding.code
    assert Severity.DANGER == finding.severity
    assert at(2024, 3, 13) == finding.due
    assert timedelta(days=5, hours=12) == finding.time_left
    assert "You have 5 days 12 hours (until 2024-03-13 00:00:00 UTC)" in finding.message
    # At the deadline the escrow goes back; the contract is open, so m2 is next.
    assert ["UNFUNDED_MILESTONE"] == codes(checks.review_contract(contract, now=at(2024, 3, 13)))


def test_a_refund_script_claims_a_delivery_only_when_one_is_recorded():
    """Regression (newcomer trial r13): on a milestone funded but never submitted, the
    script had the freelancer write "I've delivered the work" going into a dispute."""
    funded = escrow.apply(fixed([milestone("m1", "400.00")]), escrow.Fund("m1", at(2024, 3, 1)))
    unsent = escrow.apply(funded, escrow.RequestRefund("m1", at(2024, 3, 6)))
    (finding,) = checks.review_contract(unsent, now=at(2024, 3, 7))
    assert ("REFUND_REQUEST_PENDING", usd("400.00")) == (finding.code, finding.amount)
    # No claim of work either way (the second review found "I've already started" there),
    # and an offer to accept that agrees with the advice.
    for claim in ("delivered", "started", "show you"):
        assert claim not in finding.script
    assert "I'll accept the refund" in finding.script
    assert "No submission of this milestone is recorded" in finding.advice
    sent = escrow.apply(funded_and_submitted("400.00"), escrow.RequestRefund("m1", at(2024, 3, 6)))
    (finding,) = checks.review_contract(sent, now=at(2024, 3, 7))
    assert "I've delivered the work" in finding.script
    assert "No submission" not in finding.advice
    # Upwork's dormancy closure of a milestone never submitted claims no delivery either.
    found = checks.review_contract(funded, now=at(2024, 6, 6, 10))
    closed = next(f for f in found if f.code == "REFUND_REQUEST_PENDING")
    for claim in ("delivered", "I've done work", "show you"):
        assert claim not in closed.script
    assert "the refund can go ahead" in closed.script


def test_dispute_window_after_the_contract_ended():
    """Contract ended 2024-03-08 00:00 UTC: disputes can be filed until 2024-03-15 00:00:00 UTC."""
    contract = funded_and_submitted("400.00")
    contract = escrow.apply(contract, escrow.EndContract(at(2024, 3, 8)))
    found = checks.review_contract(contract, now=at(2024, 3, 14, 23, 30))
    assert ["REFUND_REQUEST_PENDING", "DISPUTE_WINDOW_CLOSING"] == codes(found)
    window = found[1]
    assert Severity.WARNING == window.severity
    assert at(2024, 3, 15) == window.due
    assert timedelta(minutes=30) == window.time_left
    assert "(30 minutes from now)" in window.message
    assert ("m1", usd("400.00")) == (window.milestone_id, window.amount)
    assert [] == checks.review_contract(contract, now=at(2024, 3, 15))


def test_dispute_window_not_reported_while_the_contract_is_open():
    """No DISPUTE_WINDOW_CLOSING before the contract ends."""
    found = checks.review_contract(funded_and_submitted("300.00"), now=at(2024, 3, 5))
    assert "DISPUTE_WINDOW_CLOSING" not in codes(found)


def test_arbitration_uneconomic_carries_the_fee_and_its_unconfirmed_flag():
    """$150 in escrow < the $291 arbitration fee (unconfirmed): ARBITRATION_UNECONOMIC."""
    contract = funded_and_submitted("150.00")
    found = checks.review_contract(contract, now=at(2024, 3, 5))
    assert ["REVIEW_PERIOD_RUNNING", "ARBITRATION_UNECONOMIC"] == codes(found)
    finding = found[1]
    flag = {name: source.unconfirmed for name, _, source in rules.sources()}["arbitration_fee"]
    assert usd("291.00") == finding.amount
    assert flag is finding.unconfirmed is True
    assert "m1" == finding.milestone_id
    assert "about USD 135.00 after Upwork's 10% service fee" in finding.message
    assert "(a historic figure, unconfirmed today)" in finding.message


def test_arbitration_fee_follows_the_rules():
    """A confirmed, lower what-if fee changes the finding: no flag, or no finding at all."""
    confirmed_low = attrs.evolve(rules.CURRENT, arbitration_fee=usd("100.00"))
    assert "ARBITRATION_UNECONOMIC" not in codes(
        checks.review_contract(
            funded_and_submitted("150.00"), now=at(2024, 3, 5), rules=confirmed_low
        )
    )


def test_a_fee_of_the_callers_own_is_not_flagged_unconfirmed():
    """Regression (r10 left alone): the unconfirmed flag is about the published $291; a
    what-if fee of $400 is the caller's own figure, so neither finding flags it."""
    own = attrs.evolve(rules.CURRENT, arbitration_fee=usd("400.00"))
    found = checks.review_contract(funded_and_submitted("150.00"), now=at(2024, 3, 5), rules=own)
    (finding,) = [f for f in found if f.code == "ARBITRATION_UNECONOMIC"]
    assert (usd("400.00"), False) == (finding.amount, finding.unconfirmed)
    assert "unconfirmed" not in finding.message
    answered = escrow.apply(
        _disputed_and_answered(), escrow.AnswerDispute("m1", at(2024, 3, 8, 9)), rules=own
    )
    (mediation,) = checks.review_contract(answered, now=at(2024, 3, 9, 9), rules=own)
    assert ("DISPUTE_STEP_DUE", False) == (mediation.code, mediation.unconfirmed)
    assert "USD 400.00" in mediation.message
    # The published figure given back as the caller's rules is still the published one.
    (same,) = checks.review_contract(answered, now=at(2024, 3, 9, 9), rules=rules.CURRENT)
    assert same.unconfirmed is True


@pytest.mark.parametrize("amount", ["323.33", "400.00"])
def test_arbitration_not_reported_at_or_above_the_fee(amount):
    """Escrow leaving at least the arbitration fee after the 10% service fee: no finding.

    Review r40 2: the net is compared ($323.33 leaves $291.00), not the held amount.
    """
    found = checks.review_contract(funded_and_submitted(amount), now=at(2024, 3, 5))
    assert "ARBITRATION_UNECONOMIC" not in codes(found)


def test_arbitration_net_uses_the_published_10_percent_without_a_contract_rate():
    """From 2025-05-01 the fee is the published 10% unless the contract's own rate is given."""
    contract = fixed([milestone("m1", "150.00")], started=date(2025, 6, 1))
    contract = escrow.apply(contract, escrow.Fund("m1", at(2025, 6, 1, 9)))
    (finding,) = checks.review_contract(contract, now=at(2025, 6, 2))
    assert "ARBITRATION_UNECONOMIC" == finding.code
    assert "about USD 135.00 after Upwork's 10% service fee" in finding.message
    with_rate = attrs.evolve(contract, service_fee_rate=Decimal("0.05"))
    (finding,) = checks.review_contract(with_rate, now=at(2025, 6, 2))
    assert "about USD 142.50 after Upwork's 5% service fee" in finding.message


def test_arbitration_skips_other_currencies():
    """Escrow in another currency than the fee is not compared: the review says so (r38)."""
    eur = Milestone("m1", "Logo: 3 concepts", Money("50.00", "EUR"), description="PNG, 2 rounds")
    contract = escrow.apply(fixed([eur]), escrow.Fund("m1", at(2024, 3, 1, 9)))
    found = checks.review_contract(contract, now=at(2024, 3, 2))
    assert [FindingCode.CURRENCY_NOT_MODELLED] == [f.code for f in found]
    assert "ARBITRATION_UNECONOMIC" in found[0].message


def test_dormant_escrow_within_the_notice_period():
    """Funded 2024-03-01 09:00 UTC and untouched: the first notice is due 76 days later."""
    contract = escrow.apply(
        fixed([milestone("m1", "400.00")]), escrow.Fund("m1", at(2024, 3, 1, 9))
    )
    notice = at(2024, 3, 1, 9) + timedelta(days=76)
    assert [] == checks.review_contract(contract, now=notice - timedelta(days=14, seconds=1))
    (finding,) = checks.review_contract(contract, now=notice - timedelta(days=14))
    assert "DORMANT_ESCROW" == finding.code
    assert notice == finding.due
    assert "sends its first dormancy notice at 2024-05-16 09:00:00 UTC" in finding.message


def test_dormant_escrow_after_the_first_notice_shows_the_closing():
    """Once the first notice has passed, the finding gives when the contract closes (97 days)."""
    contract = escrow.apply(
        fixed([milestone("m1", "400.00")]), escrow.Fund("m1", at(2024, 3, 1, 9))
    )
    (finding,) = checks.review_contract(contract, now=at(2024, 5, 20))
    assert "DORMANT_ESCROW" == finding.code
    assert at(2024, 3, 1, 9) + timedelta(days=97) == finding.due
    assert "closes the contract" in finding.message


def test_vague_milestones_in_a_contract():
    """Undelivered vague milestones are reported with their id; paid ones are not."""
    vague = milestone("m2", "200.00", title="Build the website", description="")
    contract = escrow.apply(
        fixed([milestone("m1", "400.00"), vague]), escrow.Fund("m1", at(2024, 3, 1))
    )
    found = checks.review_contract(contract, now=at(2024, 3, 2))
    assert [("VAGUE_MILESTONE", "m2")] == [(f.code, f.milestone_id) for f in found]
    paid = Escrow(MilestoneState.PAID, vague.amount, released=vague.amount)
    release = Payment(
        date(2024, 3, 4), vague.amount, at=at(2024, 3, 4), milestone_id="m2", kind="release"
    )
    done = fixed([attrs.evolve(vague, escrow=paid)], ended=date(2024, 3, 5), payments=(release,))
    assert ["FUNDS_PENDING"] == codes(checks.review_contract(done, now=at(2024, 3, 6)))


def vague_contract():
    """A contract whose only milestone, m1 (USD 300), says nothing checkable."""
    return fixed([milestone("m1", "300.00", title="Build the website", description="")])


def test_vague_unfunded_milestone_advises_editing_it_before_funding():
    """An unfunded milestone can still be edited: the advice and script are review_milestone's."""
    (alone,) = checks.review_milestone("Build the website")
    found = checks.review_contract(vague_contract(), now=at(2024, 3, 1, 10))
    (finding,) = [f for f in found if f.code == "VAGUE_MILESTONE"]
    assert "m1" == finding.milestone_id
    assert (alone.advice, alone.script) == (finding.advice, finding.script)
    assert finding.advice.startswith("Agree the details before the milestone is funded")


@pytest.mark.parametrize(
    ("events", "state"),
    [
        ([escrow.Fund("m1", at(2024, 3, 1, 9))], MilestoneState.FUNDED),
        (
            [
                escrow.Fund("m1", at(2024, 3, 1, 9)),
                escrow.Submit("m1", at(2024, 3, 2, 9)),
                escrow.RequestChanges("m1", at(2024, 3, 3, 9)),
            ],
            MilestoneState.CHANGES_REQUESTED,
        ),
    ],
    ids=["funded", "changes requested"],
)
def test_vague_funded_milestone_advises_agreeing_in_writing(events, state):
    """Regression: a funded vague milestone was told to agree before funding (it cannot be edited)."""
    contract = vague_contract()
    for event in events:
        contract = escrow.apply(contract, event)
    assert state == contract.milestone("m1").state
    found = checks.review_contract(contract, now=at(2024, 3, 4))
    (finding,) = [f for f in found if f.code == "VAGUE_MILESTONE"]
    (unfunded,) = checks.review_milestone("Build the website")
    assert ("m1", Severity.WARNING, Confidence.MEDIUM) == (
        finding.milestone_id,
        finding.severity,
        finding.confidence,
    )
    assert finding.advice.startswith(
        "The milestone is funded, so it can no longer be edited: agree the details in "
        "writing in the contract's messages before you submit the work"
    )
    assert "before the milestone is funded" not in finding.advice
    assert finding.script.startswith("This milestone can't be edited now that it's funded")
    assert finding.advice.endswith(f'"{finding.script}"')
    # The same list of what to add, from the same source as the unfunded advice.
    listed = unfunded.advice.split(": add ", 1)[1].split(" Say: ", 1)[0]
    assert listed.startswith("the deliverables, counted or named")
    assert f"before you submit the work, naming {listed} Say: " in finding.advice
    assert unfunded.evidence == finding.evidence


def test_findings_sorted_by_severity_then_urgency():
    """Danger first, then warnings with the soonest deadline, then the rest."""
    vague = milestone("m2", "200.00", title="Build the website", description="")
    contract = fixed([milestone("m1", "150.00"), vague])
    contract = escrow.apply(contract, escrow.Fund("m1", at(2024, 3, 1, 9)))
    contract = escrow.apply(contract, escrow.EndContract(at(2024, 3, 8)))
    found = checks.review_contract(contract, now=at(2024, 3, 9))
    assert [
        "REFUND_REQUEST_PENDING",
        "DISPUTE_WINDOW_CLOSING",
        "ARBITRATION_UNECONOMIC",
    ] == codes(found)
    assert found == sorted(found, key=lambda f: -f.severity.rank)


def test_no_vague_milestone_on_an_ended_contract():
    """Regression (red team r10 #13): an ended contract's unfunded milestone can never be
    funded or edited, so "agree the details before it is funded" was noise."""
    vague = milestone("m2", "200.00", title="Build the website", description="")
    contract = fixed([milestone("m1", "150.00"), vague])
    assert ["VAGUE_MILESTONE"] == codes(
        f for f in checks.review_contract(contract, now=at(2024, 3, 1)) if f.milestone_id == "m2"
    )
    ended = escrow.apply(contract, escrow.EndContract(at(2024, 3, 8)))
    assert [] == codes(checks.review_contract(ended, now=at(2024, 3, 9)))


# ---------------------------------------------------------------------------- hourly


def hourly_contract(entries, *, verified=True, limit=None, ended=None):
    """An hourly contract at $20/h starting Monday 2024-01-01."""
    return Contract(
        "h1",
        Client("bob", "Bob", payment_verified=verified),
        ContractKind.HOURLY,
        date(2024, 1, 1),
        ended=ended,
        hourly_rate=usd("20.00"),
        weekly_limit=limit,
        time_entries=entries,
    )


def tracked(start, hours, **kwargs):
    """A desktop-app entry with a memo and activity."""
    values = {"memo": "API work", "activity": 6} | kwargs
    return TimeEntry(start, start + timedelta(hours=hours), **values)


def test_findings_of_one_severity_and_no_deadline_come_in_codes_order():
    """Ties after severity and deadline follow ``CODES``, as review_contract promises.

    docs/checks.md prints OVER_WEEKLY_LIMIT before UNVERIFIED_CLIENT (both WARNING,
    neither with a ``due``); only the documented third key makes that order one to rely on.
    """
    entries = [
        tracked(at(2024, 1, 2, 9), 12),
        TimeEntry(at(2024, 1, 3, 9), at(2024, 1, 3, 10), manual=True),
    ]
    found = checks.review_contract(
        hourly_contract(entries, verified=False, limit=10), now=at(2024, 1, 9)
    )
    far = datetime.max.replace(tzinfo=UTC)
    order = list(CODES)
    assert found == sorted(
        found, key=lambda f: (-f.severity.rank, f.due or far, order.index(f.code))
    )
    tied = [f.code for f in found if f.severity is Severity.WARNING and f.due is None]
    assert ["OVER_WEEKLY_LIMIT", "UNVERIFIED_CLIENT"] == tied
    assert order.index("OVER_WEEKLY_LIMIT") < order.index("UNVERIFIED_CLIENT")


def unprotected_of(found):
    """The UNPROTECTED_HOURS findings of *found* (the week's pay findings aside)."""
    return [f for f in found if f.code is FindingCode.UNPROTECTED_HOURS]


def test_protected_hours_give_no_finding():
    """Tracked time with memos and activity, verified client, within the limit: nothing."""
    contract = hourly_contract([tracked(at(2024, 1, 2, 9), 4)], limit=10)
    assert [] == checks.review_contract(contract, now=at(2024, 1, 3))


def test_unprotected_hours_this_week():
    """Manual time this week is UNPROTECTED_HOURS, due at the week's dispute window end."""
    contract = hourly_contract(
        [tracked(at(2024, 1, 2, 9), 4), tracked(at(2024, 1, 3, 9), 2, manual=True, activity=None)]
    )
    (finding,) = checks.review_contract(contract, now=at(2024, 1, 4))
    assert "UNPROTECTED_HOURS" == finding.code
    assert usd("40.00") == finding.amount
    assert at(2024, 1, 12, 23, 59, 59) == finding.due
    assert "2:00 h logged this week" in finding.message
    assert "2:00 h manual time" in finding.evidence


def test_unprotected_hours_last_week_until_its_dispute_window_closes():
    """Last week's unprotected time is reported until Friday 23:59:59 UTC, then dropped."""
    contract = hourly_contract([tracked(at(2024, 1, 2, 9), 3, memo="")])
    (finding,) = unprotected_of(checks.review_contract(contract, now=at(2024, 1, 12, 23, 59, 59)))
    assert "3:00 h billed last week" in finding.message
    assert timedelta(0) == finding.time_left
    assert [] == unprotected_of(checks.review_contract(contract, now=at(2024, 1, 13)))


def test_over_weekly_limit():
    """Time after the weekly limit is OVER_WEEKLY_LIMIT (not invoiced)."""
    contract = hourly_contract([tracked(at(2024, 1, 2, 6), 12)], limit=10)
    (finding,) = checks.review_contract(contract, now=at(2024, 1, 3))
    assert "OVER_WEEKLY_LIMIT" == finding.code
    assert "2:00 h logged this week" in finding.message
    assert "weekly limit of 10 hours" in finding.message


def test_unverified_client_on_an_open_hourly_contract():
    """An unverified client leaves every hour unprotected: both findings, most urgent first."""
    contract = hourly_contract([tracked(at(2024, 1, 2, 9), 1)], verified=False)
    found = checks.review_contract(contract, now=at(2024, 1, 3))
    assert ["UNPROTECTED_HOURS", "UNVERIFIED_CLIENT"] == codes(found)
    assert "Client 'Bob' has no verified billing method" in found[1].message
    assert [] == checks.review_contract(
        hourly_contract([], verified=False, ended=date(2024, 1, 2)), now=at(2024, 1, 3)
    )


def test_hourly_last_week_is_more_urgent_than_this_week():
    """Two weeks of unprotected time: last week's (closing sooner) comes first."""
    contract = hourly_contract(
        [tracked(at(2024, 1, 5, 9), 1, memo=""), tracked(at(2024, 1, 9, 9), 1, memo="")]
    )
    found = unprotected_of(checks.review_contract(contract, now=at(2024, 1, 10)))
    assert [at(2024, 1, 12, 23, 59, 59), at(2024, 1, 19, 23, 59, 59)] == [f.due for f in found]


def test_entry_crossing_into_the_week_counts():
    """An entry started on Sunday and running into Monday is invoiced in both weeks."""
    contract = hourly_contract([tracked(at(2024, 1, 7, 23), 2, memo="")])
    found = unprotected_of(checks.review_contract(contract, now=at(2024, 1, 8, 12)))
    assert ["1:00 h billed last week", "1:00 h logged this week"] == [f.message[:23] for f in found]


def _over_and_unprotected():
    """12 h on Tuesday 2024-01-02, no memo, against a 10-hour limit."""
    return hourly_contract([tracked(at(2024, 1, 2, 6), 12, memo="")], limit=10)


def test_hourly_findings_before_the_monday_lock_say_logged_and_name_the_lock():
    """Fidelity r18 L7: at Monday 11:00 UTC nothing is billed yet and the Work Diary can still
    be edited until 12:00; the findings said 'billed last week', and OVER_WEEKLY_LIMIT was due
    at the client's dispute deadline, which never applies to time that is not invoiced."""
    now = at(2024, 1, 8, 11)
    lock = at(2024, 1, 8, 12)
    unprotected, over = (
        next(f for f in checks.review_contract(_over_and_unprotected(), now=now) if f.code == c)
        for c in ("UNPROTECTED_HOURS", "OVER_WEEKLY_LIMIT")
    )
    assert "10:00 h logged last week" in unprotected.message
    assert "billed" not in unprotected.message
    assert "2024-01-08 12:00:00 UTC" in unprotected.message
    assert "2024-01-08 12:00:00 UTC" in unprotected.advice
    assert (at(2024, 1, 12, 23, 59, 59), usd("200.00")) == (unprotected.due, unprotected.amount)
    assert "will not be invoiced when the Work Diary locks at 2024-01-08 12:00:00 UTC" in (
        over.message
    )
    assert (lock, timedelta(hours=1)) == (over.due, over.time_left)


def test_hourly_findings_after_the_monday_lock_say_billed_and_over_limit_has_no_clock():
    """Fidelity r18 L7: from Monday 12:00 UTC the week is invoiced: its unprotected time is
    billed and disputable until Friday; the over-limit time is unpaid, with no deadline."""
    now = at(2024, 1, 8, 12)
    unprotected, over = (
        next(f for f in checks.review_contract(_over_and_unprotected(), now=now) if f.code == c)
        for c in ("UNPROTECTED_HOURS", "OVER_WEEKLY_LIMIT")
    )
    assert "10:00 h billed last week" in unprotected.message
    assert "Work Diary" not in unprotected.advice
    assert at(2024, 1, 12, 23, 59, 59) == unprotected.due
    assert "2:00 h logged last week" in over.message
    assert "is not invoiced: that time is unpaid" in over.message
    assert (None, None) == (over.due, over.time_left)


def test_hourly_checks_use_the_hourly_engine():
    """The unprotected amount equals hourly.invoice_for's for the same week."""
    contract = hourly_contract([tracked(at(2024, 1, 2, 9), 5, manual=True)])
    (finding,) = checks.review_contract(contract, now=at(2024, 1, 3))
    week = hourly.billing_week(at(2024, 1, 3))
    assert hourly.invoice_for(contract, week=week).unprotected_amount == finding.amount


def test_hourly_time_without_a_rate_is_refused():
    """An hourly contract with time but no rate cannot be invoiced: a clear error."""
    contract = attrs.evolve(hourly_contract([tracked(at(2024, 1, 2, 9), 1)]), hourly_rate=None)
    with pytest.raises(InvalidValueError, match="has no hourly_rate"):
        checks.review_contract(contract, now=at(2024, 1, 3))


@pytest.mark.parametrize(
    "now",
    [at(2024, 1, 2, 10), at(2024, 1, 1, 10), at(2023, 12, 31, 10), at(2024, 1, 2, 20, 59, 59)],
    ids=["inside the entry", "before it starts", "before the contract", "a second before its end"],
)
def test_hourly_time_after_now_is_refused(now):
    """Regression: an entry Tue 09:00-21:00 reviewed earlier was billed (UNPROTECTED_HOURS)."""
    contract = hourly_contract([tracked(at(2024, 1, 2, 9), 12, memo="")], limit=10)
    with pytest.raises(InvalidValueError) as info:
        checks.review_contract(contract, now=now)
    assert ("now", "not before the end of the last time entry") == (
        info.value.field,
        info.value.rule,
    )


def test_hourly_time_ending_at_now_is_reviewed():
    """An entry that ends exactly at *now* is recorded time: it is invoiced as usual."""
    contract = hourly_contract([tracked(at(2024, 1, 2, 9), 12, memo="")], limit=10)
    found = checks.review_contract(contract, now=at(2024, 1, 2, 21))
    # The over-limit time's clock is the Work Diary lock (Monday 12:00), sooner than the
    # dispute window of the unprotected time (fidelity r18 L7).
    assert ["OVER_WEEKLY_LIMIT", "UNPROTECTED_HOURS"] == codes(found)
    assert usd("200.00") == found[1].amount


# ---------------------------------------------------------------------------- arguments


def test_review_contract_refuses_naive_now():
    """A naive *now* is refused, naming the argument."""
    with pytest.raises(InvalidValueError) as info:
        checks.review_contract(fixed([]), now=datetime(2024, 3, 2))
    assert "now" == info.value.field


def test_review_contract_refuses_bad_types():
    """A non-Contract or non-rules argument is refused, naming the argument."""
    with pytest.raises(InvalidTypeError) as info:
        checks.review_contract("c1", now=at(2024, 3, 2))  # type: ignore[arg-type]
    assert "contract" == info.value.field
    with pytest.raises(InvalidTypeError) as info:
        checks.review_contract(fixed([]), now=at(2024, 3, 2), rules={})  # type: ignore[arg-type]
    assert "rules" == info.value.field


def test_review_contract_refuses_now_before_the_history():
    """*now* earlier than the contract's last event is refused by the escrow engine."""
    with pytest.raises(InvalidValueError, match="earlier than the last event"):
        checks.review_contract(funded_and_submitted(), now=at(2024, 3, 2))


def test_review_contract_accepts_other_time_zones():
    """*now* in another zone names the same instant; dues come back in UTC."""
    karachi = timezone(timedelta(hours=5))
    (finding, *_) = checks.review_contract(
        funded_and_submitted("300.00"), now=datetime(2024, 3, 5, 5, tzinfo=karachi)
    )
    assert at(2024, 3, 18, 17) == finding.due
    assert timedelta(days=13, hours=17) == finding.time_left


def test_dispute_window_with_nothing_at_stake_gives_no_finding():
    """Regression: an ended, fully paid contract gave DISPUTE_WINDOW_CLOSING at INFO, not its WARNING.

    Nothing is left in escrow, so no dispute could win anything: no finding.
    """
    paid = fixed([milestone("m1", "500.00")])
    paid = escrow.apply(paid, escrow.Fund("m1", at(2024, 3, 1, 9)))
    paid = escrow.apply(paid, escrow.Submit("m1", at(2024, 3, 2, 9)))
    paid = escrow.apply(paid, escrow.Approve("m1", at(2024, 3, 3, 9)))
    ended = escrow.apply(paid, escrow.EndContract(at(2024, 3, 4, 9)))
    assert [] == [
        d.kind for d in escrow.deadlines(ended, at(2024, 3, 5)) if d.kind == "dispute_window_closes"
    ]
    # The paid release's security period only: nothing to dispute.
    assert ["FUNDS_PENDING"] == codes(checks.review_contract(ended, now=at(2024, 3, 5)))


# ============================================================================ wrong-typed arguments

NOW = at(2024, 3, 5)
WRONG = {
    "None": None,
    "int": 5,
    "float": 1.5,
    "bytes": b"text",
    "str": "text",
    "list of str": ["text"],
    "list of int": [1],
    "dict": {"a": 1},
    "object": object(),
    "Money": Money("1", "USD"),
    "naive datetime": datetime(2024, 3, 5),
    "Severity": Severity.INFO,
}


def _calls():
    """Every public function of checks, one argument at a time, with what it accepts."""
    contract = fixed([milestone("m1", "150.00")])
    return {
        "scan_message(text)": (checks.scan_message, {"str"}),
        "scan_message(direction)": (
            lambda v: checks.scan_message("hi", direction=v),
            set(),
        ),
        "review_milestone(title)": (checks.review_milestone, {"str"}),
        "review_milestone(description)": (
            lambda v: checks.review_milestone("Logo", v),
            {"str"},
        ),
        "review_contract(contract)": (lambda v: checks.review_contract(v, now=NOW), set()),
        "review_contract(now)": (lambda v: checks.review_contract(contract, now=v), set()),
        "review_contract(rules)": (
            lambda v: checks.review_contract(contract, now=NOW, rules=v),
            {"None"},
        ),
        "to_records(findings)": (checks.to_records, set()),
        "to_html(findings)": (checks.to_html, set()),
        "to_html(caption)": (lambda v: checks.to_html([], caption=v), {"str"}),
        "Finding(code)": (lambda v: Finding(v, Severity.INFO, "m", "a"), set()),
        "CodeInfo(severity)": (
            lambda v: checks.CodeInfo("SCOPE_CREEP", v, "x", "x", "x", "x"),
            {"Severity"},
        ),
    }


@pytest.mark.parametrize("call", sorted(_calls()))
@pytest.mark.parametrize("kind", sorted(WRONG))
def test_every_public_function_refuses_wrong_types_with_a_library_error(call, kind):
    """A wrong-typed argument to any checks function gives a library error, never a raw one."""
    function, accepted = _calls()[call]
    if kind in accepted:
        function(WRONG[kind])
        return
    with pytest.raises(UpworkSafetyError) as info:
        function(WRONG[kind])
    assert info.value.field is not None


@pytest.mark.parametrize(
    ("findings", "field"),
    [(None, "findings"), ([1], "findings[0]"), ("text", "findings"), (5, "findings")],
)
def test_to_html_and_to_records_name_the_bad_argument(findings, field):
    """to_html(None), to_html([1]) and to_records(None) are library errors naming the argument."""
    for render in (checks.to_html, checks.to_records):
        with pytest.raises(InvalidTypeError) as info:
            render(findings)
        assert field == info.value.field


def test_to_records_and_to_html_accept_any_iterable_of_findings():
    """A tuple or a generator of findings renders like a list."""
    found = checks.review_milestone("Build the website")
    assert checks.to_records(found) == checks.to_records(tuple(found))
    assert checks.to_html(found) == checks.to_html(f for f in found)


def test_review_milestone_given_a_milestone_says_what_to_pass():
    """A Milestone where the title belongs is refused with the fields to pass instead."""
    with pytest.raises(InvalidTypeError) as info:
        checks.review_milestone(milestone("m1", "400.00"))  # type: ignore[arg-type]
    assert ("title", "a str") == (info.value.field, info.value.rule)
    assert "milestone.title, milestone.description" in str(info.value)


# ============================================================================ red team r10


def test_dispute_window_after_an_earlier_refund_request_is_the_engines():
    """Regression (red team r10 #1): a request made before the end keeps its own window.

    Asked 2 Mar 09:00, ended 6 Mar: the engine refunds on 9 Mar 09:00 and refuses
    OpenDispute from then; the finding said "until 13 March".
    """
    contract = fixed([milestone("m1", "500.00")])
    contract = escrow.apply(contract, escrow.Fund("m1", at(2024, 3, 1, 9)))
    contract = escrow.apply(contract, escrow.RequestRefund("m1", at(2024, 3, 2, 9)))
    contract = escrow.apply(contract, escrow.EndContract(at(2024, 3, 6, 9)))
    found = checks.review_contract(contract, now=at(2024, 3, 6, 10))
    assert [
        ("REFUND_REQUEST_PENDING", at(2024, 3, 9, 9), "m1"),
        ("DISPUTE_WINDOW_CLOSING", at(2024, 3, 9, 9), "m1"),
    ] == [(f.code, f.due, f.milestone_id) for f in found]
    last = at(2024, 3, 9, 9) - timedelta(microseconds=1)
    assert "OpenDispute" in escrow.allowed(contract, "m1", now=last)
    assert "OpenDispute" not in escrow.allowed(contract, "m1", now=at(2024, 3, 9, 9))


def _disputed_and_answered():
    contract = fixed([milestone("m1", "500.00")])
    for event in (
        escrow.Fund("m1", at(2024, 3, 1, 9)),
        escrow.Submit("m1", at(2024, 3, 5, 9)),
        escrow.EndContract(at(2024, 3, 6, 9)),
        escrow.OpenDispute("m1", at(2024, 3, 7, 9)),
    ):
        contract = escrow.apply(contract, event)
    return contract


def test_no_advice_to_file_a_dispute_already_filed():
    """Regression (red team r10 #2a): right after filing, the only finding said "file it"."""
    filed = _disputed_and_answered()
    # Only the client's answer deadline, as information (newcomer r35 6), no "file it".
    (waiting,) = checks.review_contract(filed, now=at(2024, 3, 8, 9))
    assert ("DISPUTE_ANSWER_DUE", Severity.INFO, at(2024, 3, 14, 9)) == (
        waiting.code,
        waiting.severity,
        waiting.due,
    )
    assert "file a dispute" not in waiting.advice
    assert "Nothing to do but wait" in waiting.advice


def test_dispute_in_mediation_and_arbitration_is_reported():
    """Regression (red team r10 #2b): silence in the opt-in window gives the escrow to the
    client, and review_contract said nothing."""
    answered = escrow.apply(_disputed_and_answered(), escrow.AnswerDispute("m1", at(2024, 3, 8, 9)))
    (mediation,) = checks.review_contract(answered, now=at(2024, 3, 9, 9))
    assert ("DISPUTE_STEP_DUE", Severity.DANGER, "m1", at(2024, 3, 12, 9)) == (
        mediation.code,
        mediation.severity,
        mediation.milestone_id,
        mediation.due,
    )
    assert "mediation_acceptance_due" in mediation.evidence
    paid = escrow.apply(answered, escrow.ClientPaysArbitration("m1", at(2024, 3, 13, 9)))
    (opt_in,) = checks.review_contract(paid, now=at(2024, 3, 14, 9))
    assert ("DISPUTE_STEP_DUE", at(2024, 3, 19, 9), timedelta(days=5), usd("500.00")) == (
        opt_in.code,
        opt_in.due,
        opt_in.time_left,
        opt_in.amount,
    )
    assert opt_in.unconfirmed is True
    assert "USD 291.00" in opt_in.message
    both = escrow.apply(paid, escrow.FreelancerPaysArbitration("m1", at(2024, 3, 14, 10)))
    assert [] == checks.review_contract(both, now=at(2024, 3, 14, 11))


def test_refund_request_gives_the_dispute_deadline_of_what_if_rules():
    """Regression (red team r10 #4): with a 10-day refund window and a 7-day filing window,
    the finding said "accept or dispute" until day 10, after the engine closed disputes."""
    what_if = attrs.evolve(rules.CURRENT, refund_response_window=timedelta(days=10))
    contract = fixed([milestone("m1", "500.00")])
    contract = escrow.apply(contract, escrow.Fund("m1", at(2024, 3, 1, 9)), rules=what_if)
    contract = escrow.apply(contract, escrow.RequestRefund("m1", at(2024, 3, 2, 9)), rules=what_if)
    (early,) = checks.review_contract(contract, now=at(2024, 3, 5, 9), rules=what_if)
    assert ("REFUND_REQUEST_PENDING", at(2024, 3, 9, 9), timedelta(days=4)) == (
        early.code,
        early.due,
        early.time_left,
    )
    assert "until 2024-03-12 09:00:00 UTC to accept" in early.message
    (late,) = checks.review_contract(contract, now=at(2024, 3, 10, 9), rules=what_if)
    assert (at(2024, 3, 12, 9), "") == (late.due, late.script)
    assert "dispute" not in late.advice.replace("A dispute is no longer possible", "")
    assert "OpenDispute" not in escrow.allowed(
        contract, "m1", now=at(2024, 3, 10, 9), rules=what_if
    )


def test_unfunded_milestone_below_the_minimum_asks_to_raise_it():
    """Regression (red team r10 #7): "fund it" for a $3 milestone the engine refuses to fund."""
    contract = fixed([milestone("m1", "3.00")])
    (finding,) = checks.review_contract(contract, now=at(2024, 3, 1, 10))
    assert ("UNFUNDED_MILESTONE", usd("3.00")) == (finding.code, finding.amount)
    assert "at least USD 5.00" in finding.advice
    assert "Fund: its amount USD 3.00 is below" in finding.evidence
    assert escrow.allowed(contract, "m1", now=at(2024, 3, 1, 10)).reason("Fund")
    # The script is pasted to the client, who sees the title, never the caller's id
    # (newcomer r14 #7: "I'm ready to start m1!").
    assert "m1" not in finding.script
    assert finding.script.startswith('I\'m ready to start "Logo: 3 concepts"!')


@pytest.mark.slow
def test_a_measure_before_one_thing_is_read_in_linear_time():
    """Review r16 H1: "one " + "1-" * 49,998 took six minutes in review_milestone (the
    measures before one counted thing were split every way). Time is measured in
    benchmarks/, never here; the pattern's measure must end only at a space."""
    from upwork_safety.checks import _milestones

    assert "(?![\\w°-]) ){1,2}" in _milestones.COUNTED.pattern
    (vague,) = checks.review_milestone("one " + "1-" * 49_998)
    assert "VAGUE_MILESTONE" == vague.code
    assert [] == checks.review_milestone("One 30s 2D promo", "MP4, 1 revision round")


def test_milestone_signals_bound_their_digit_runs():
    """Regression (red team r10 #6): "1,1,1,..." in a description took seconds per 20 kB.

    ACCEPTANCE's word count (``\\d[\\d,]*``) and COUNTED's thousands (``(?:,\\d{3})*``) were
    unbounded, so each was rescanned from every digit of a digit-comma run: quadratic.
    Time is measured in benchmarks/, never here; the patterns must bound the runs.
    """
    from upwork_safety.checks import _milestones

    for pattern in (_milestones.ACCEPTANCE, _milestones.COUNTED):
        assert not re.search(r"\[\\d,\][*+]|\(\?:,\\d\{3\}\)[*+]", pattern.pattern)
    # The word counts they exist for still count.
    # (a length in words is how the work is checked; the articles are counted in the title).
    for description in ("1,000 words", "of 1,500-2,000 words"):
        assert [] == checks.review_milestone("3 articles", description)
    (vague,) = checks.review_milestone("Data entry", "1," * 10_000)
    assert "VAGUE_MILESTONE" == vague.code


@pytest.mark.slow
@pytest.mark.parametrize("unit", ["1,", "12,", ",000", "1,1 -1,", "1,000 "])
def test_longest_digit_comma_runs_in_a_milestone(unit):
    """The longest digit-comma runs the checks read are reviewed (red team r10 #6)."""
    text = unit * (checks.MAX_TEXT_CHARS // len(unit))
    assert ["VAGUE_MILESTONE"] == codes(checks.review_milestone("Data entry", text))


@pytest.mark.parametrize(
    ("title", "description"),
    [
        ("Milestone 1", "Figma design"),
        ("Milestone 2", "Website development, Github"),
        ("Phase 1", "Everything for the app, source code on GitHub"),
        ("Q3 2024 marketing campaign", "Final report as PDF"),
    ],
)
def test_a_title_number_or_a_year_is_not_a_count(title, description):
    """Regression (red team r10 #5): "Milestone 1" + "Figma design" read as the count
    "1 figma", and "2024 marketing" as a count of deliverables: both passed as specific."""
    (finding,) = checks.review_milestone(title, description)
    assert "VAGUE_MILESTONE" == finding.code
    assert "count:" not in finding.evidence


def test_a_count_in_the_title_or_the_description_still_counts():
    """The boundary between title and description keeps the counts on either side."""
    assert [] == checks.review_milestone("Logo: 3 concepts", "PNG and SVG")
    assert [] == checks.review_milestone("Milestone 1", "3 logo concepts as PNG and SVG")
    assert [] == checks.review_milestone("Blog", "2,000 product descriptions in a CSV")


def test_over_weekly_limit_counts_the_time_logged_not_the_segments():
    """Regression (red team r10 #8): 600 five-minute entries (50 h logged, 40 h limit) were
    reported as "60:00 h logged after the limit", more than all the time logged."""
    start = at(2024, 1, 1)
    entries = [
        TimeEntry(
            start + timedelta(minutes=10 * i),
            start + timedelta(minutes=10 * i + 5),
            memo="w",
            activity=5,
        )
        for i in range(600)
    ]
    contract = hourly_contract(entries, limit=40)
    (finding,) = checks.review_contract(contract, now=entries[-1].end)
    assert "OVER_WEEKLY_LIMIT" == finding.code
    assert finding.message.startswith("30:00 h logged this week")
    assert "30:00 h logged, in 360 billing segments (60.00 h)" in finding.evidence


def test_an_ended_contract_with_funded_escrow_is_refused_not_reviewed_silently():
    """Regression (red team r10 #3): it was accepted and review_contract returned []."""
    held = Escrow(MilestoneState.FUNDED, usd("500.00"), held=usd("500.00"))
    funded = Milestone("m1", "Logo: 3 concepts", usd("500.00"), escrow=held)
    with pytest.raises(InvalidValueError) as info:
        fixed([funded], ended=date(2024, 3, 10))
    assert "Contract.milestones[0].escrow" == info.value.field
    asked = attrs.evolve(
        held, state=MilestoneState.REFUND_REQUESTED, refund_requested_at=at(2024, 3, 10)
    )
    ended = fixed([attrs.evolve(funded, escrow=asked)], ended=date(2024, 3, 10))
    found = checks.review_contract(ended, now=at(2024, 3, 11))
    assert [
        ("REFUND_REQUEST_PENDING", at(2024, 3, 17)),
        ("DISPUTE_WINDOW_CLOSING", at(2024, 3, 17)),
    ] == [(f.code, f.due) for f in found]


def test_unprotected_hours_script_follows_the_reasons_and_the_week():
    """Regression (red team r10 #9): zero activity last week got "I added some manual time
    this week ... the details are in the memos", a false statement to the client."""
    idle = hourly_contract([tracked(at(2024, 1, 2, 9), 3, activity=0)])
    (finding,) = unprotected_of(checks.review_contract(idle, now=at(2024, 1, 9)))
    assert ("UNPROTECTED_HOURS", "") == (finding.code, finding.script)
    manual = hourly_contract([tracked(at(2024, 1, 2, 9), 1, manual=True, memo="Calls")])
    (finding,) = unprotected_of(checks.review_contract(manual, now=at(2024, 1, 9)))
    assert finding.script.startswith("Quick note: I added 1:00 h of manual time last week")
    assert "the details are in the memos" in finding.script
    bare = hourly_contract([tracked(at(2024, 1, 2, 9), 1, manual=True, memo="")])
    (finding,) = checks.review_contract(bare, now=at(2024, 1, 3))
    assert "manual time this week" in finding.script
    assert "memos" not in finding.script


@pytest.mark.parametrize(
    ("state", "moment"),
    [
        (MilestoneState.SUBMITTED, "submitted_at"),
        (MilestoneState.REFUND_REQUESTED, "refund_requested_at"),
    ],
)
def test_an_escrow_clock_started_after_now_is_refused(state, moment):
    """Regression (red team r10 #10): a hand-built milestone submitted 10 days after *now*
    was reviewed, "24 days" left on a 14-day clock."""
    books = Escrow(state, usd("500.00"), held=usd("500.00"), **{moment: at(2024, 3, 20)})
    contract = fixed([Milestone("m1", "Logo: 3 concepts", usd("500.00"), escrow=books)])
    with pytest.raises(InvalidValueError) as info:
        checks.review_contract(contract, now=at(2024, 3, 10))
    assert ("now", "not before any recorded escrow moment") == (info.value.field, info.value.rule)
    assert f"escrow.{moment}" in str(info.value)
    assert checks.review_contract(contract, now=at(2024, 3, 20))[0].time_left <= timedelta(days=14)


def test_a_dormancy_closure_is_not_reported_as_the_clients_request():
    """Regression (red team r10 #11): after Upwork's dormancy closure the finding said "The
    client asked for the ... back" and its script refused a refund nobody asked for."""
    contract = fixed([milestone("m1", "500.00")])
    contract = escrow.apply(contract, escrow.Fund("m1", at(2024, 3, 1, 9)))
    found = checks.review_contract(contract, now=at(2024, 6, 6, 10))
    pending = next(f for f in found if f.code == "REFUND_REQUEST_PENDING")
    assert pending.message.startswith("Upwork closed the contract")
    assert "client asked" not in pending.message
    assert "can't agree to a full refund" not in pending.script
    asked = escrow.apply(contract, escrow.RequestRefund("m1", at(2024, 3, 5, 9)))
    (by_client,) = checks.review_contract(asked, now=at(2024, 3, 6))
    assert by_client.message.startswith("The client asked for the USD 500.00")


def test_a_dormancy_closure_stays_upworks_after_a_what_if_filing_window_closes():
    """Regression (review of r10): under rules whose filing window closes before the
    refund, the finding after the window blamed the client again."""
    short = attrs.evolve(rules.CURRENT, dispute_filing_window=timedelta(days=3))
    contract = escrow.apply(
        fixed([milestone("m1", "500.00")]), escrow.Fund("m1", at(2024, 3, 1, 9))
    )
    now = at(2024, 6, 10, 9)
    found = checks.review_contract(escrow.advance(contract, now, rules=short), now=now, rules=short)
    pending = next(f for f in found if f.code == "REFUND_REQUEST_PENDING")
    assert pending.message.startswith("Upwork closed the contract")
    assert "time to dispute the request has closed" in pending.message


def test_no_advice_against_arbitration_once_the_freelancer_paid_the_fee():
    """Regression (review of r10): ARBITRATION_UNECONOMIC still said arbitration "would cost
    more than it could win" after the freelancer had paid the fee."""
    contract = fixed([milestone("m1", "200.00")])
    for event in (
        escrow.Fund("m1", at(2024, 3, 1, 9)),
        escrow.Submit("m1", at(2024, 3, 2, 9)),
        escrow.EndContract(at(2024, 3, 3, 9)),
        escrow.OpenDispute("m1", at(2024, 3, 4, 9)),
        escrow.AnswerDispute("m1", at(2024, 3, 5, 9)),
    ):
        contract = escrow.apply(contract, event)
    now = at(2024, 3, 12, 9)
    before = [f.code for f in checks.review_contract(contract, now=now)]
    paid = escrow.apply(contract, escrow.FreelancerPaysArbitration("m1", now))
    after = [f.code for f in checks.review_contract(paid, now=now)]
    assert "ARBITRATION_UNECONOMIC" in before
    assert "ARBITRATION_UNECONOMIC" not in after


def test_arbitration_uneconomic_for_a_partial_approvals_remainder():
    """Regression (red team r10 #12): USD 90 left on a PAID milestone after a partial approval
    (recoverable only by a dispute) got no finding, though CODES' trigger covers it."""
    contract = fixed([milestone("m1", "100.00")])
    for event in (
        escrow.Fund("m1", at(2024, 3, 1, 9)),
        escrow.Submit("m1", at(2024, 3, 2, 9)),
        escrow.Approve("m1", at(2024, 3, 3, 9), amount=usd("10.00")),
    ):
        contract = escrow.apply(contract, event)
    findings = {f.code: f for f in checks.review_contract(contract, now=at(2024, 3, 4))}
    finding = findings["ARBITRATION_UNECONOMIC"]
    assert "m1" == finding.milestone_id
    assert "held USD 90.00, net USD 81.00 < arbitration fee USD 291.00" == finding.evidence
    assert {"ARBITRATION_UNECONOMIC", "DORMANT_ESCROW", "FUNDS_PENDING"} == set(findings)


def test_a_partial_approvals_remainder_on_the_last_milestone_is_said_at_once():
    """Newcomer r16 #3: USD 100.00 kept by a partial approval of the last milestone got no
    finding until near the dormancy notice, 11 weeks later, when dormancy returns it to the
    client unless the client releases it or the freelancer disputes (HC 211068528)."""
    contract = fixed([milestone("m1", "400.00")])
    for event in (
        escrow.Fund("m1", at(2024, 3, 1, 9)),
        escrow.Submit("m1", at(2024, 3, 2, 9)),
        escrow.Approve("m1", at(2024, 3, 3, 9), amount=usd("300.00")),
    ):
        contract = escrow.apply(contract, event)
    findings = {f.code: f for f in checks.review_contract(contract, now=at(2024, 3, 4))}
    held = findings["DORMANT_ESCROW"]
    notice = next(
        d for d in escrow.deadlines(contract, at(2024, 3, 4)) if d.kind == "dormancy_notice"
    )
    assert (Severity.WARNING, "m1", usd("100.00"), notice.due) == (
        held.severity,
        held.milestone_id,
        held.amount,
        held.due,
    )
    assert "HC 211068528" in held.advice
    assert "USD 100.00 of it is still in escrow" in held.script
    # With another milestone waiting to be funded, UNFUNDED_MILESTONE speaks of it instead.
    two = fixed([milestone("m1", "400.00"), milestone("m2", "50.00")])
    for event in (
        escrow.Fund("m1", at(2024, 3, 1, 9)),
        escrow.Submit("m1", at(2024, 3, 2, 9)),
        escrow.Approve("m1", at(2024, 3, 3, 9), amount=usd("300.00")),
    ):
        two = escrow.apply(two, event)
    assert "DORMANT_ESCROW" not in {f.code for f in checks.review_contract(two, now=at(2024, 3, 4))}


def test_hourly_time_left_in_the_last_second_is_nil_not_negative():
    """Regression (red team r10 #14a): at Friday 23:59:59.5 time_left was -0.5 s."""
    contract = hourly_contract([tracked(at(2024, 1, 2, 9), 1, manual=True)])
    moment = datetime(2024, 1, 12, 23, 59, 59, 500000, tzinfo=UTC)
    finding, review = checks.review_contract(contract, now=moment)
    # The week's pay is in review to the same last second, with the same nil time left.
    assert ("HOURS_IN_REVIEW", finding.due, timedelta()) == (
        review.code,
        review.due,
        review.time_left,
    )
    assert ("UNPROTECTED_HOURS", at(2024, 1, 12, 23, 59, 59), timedelta()) == (
        finding.code,
        finding.due,
        finding.time_left,
    )


def test_hourly_contract_in_the_calendars_first_week_is_reviewed():
    """Regression (red team r10 #14b): the week of 0001-01-01 raised about
    BillingWeek.start, a field the caller never passed; it has no last week to check."""
    entry = TimeEntry(at(1, 1, 1, 1), at(1, 1, 1, 2), memo="", activity=6, manual=True)
    contract = Contract(
        "h1",
        Client("bob", "Bob", payment_verified=True),
        ContractKind.HOURLY,
        date(1, 1, 1),
        hourly_rate=usd("20.00"),
        time_entries=[entry],
    )
    (finding,) = checks.review_contract(contract, now=at(1, 1, 1, 23))
    assert ("UNPROTECTED_HOURS", at(1, 1, 12, 23, 59, 59), usd("20.00")) == (
        finding.code,
        finding.due,
        finding.amount,
    )


def test_unprotected_hours_are_reported_while_a_long_what_if_window_is_open():
    """Red team r12 #2: only this week and last week were read, so under rules with a
    20-day dispute window $120 of manual time two weeks back, still disputable, was
    reported a week earlier and then no more."""
    long_window = attrs.evolve(
        rules.CURRENT,
        hourly_review_window=timedelta(days=20),
        hourly_available_delay=timedelta(days=25),
    )
    job = Contract(
        "h1",
        Client("acme", payment_verified=True),
        ContractKind.HOURLY,
        date(2025, 6, 2),
        hourly_rate=Money("30", "USD"),
        time_entries=[TimeEntry(at(2025, 6, 3, 9), at(2025, 6, 3, 13), manual=True, memo="API")],
    )
    bill = hourly.invoice_for(job, week=hourly.billing_week(at(2025, 6, 3)), rules=long_window)
    closes = bill.calendar.dispute_window_closes
    assert at(2025, 6, 29) + timedelta(seconds=1) == closes
    for now in (
        at(2025, 6, 10, 9),
        at(2025, 6, 17, 9),
        at(2025, 6, 24, 9),
        closes - timedelta(seconds=1),
    ):
        (found,) = unprotected_of(checks.review_contract(job, now=now, rules=long_window))
        assert (FindingCode.UNPROTECTED_HOURS, Money("120.00", "USD")) == (found.code, found.amount)
        assert bill.dispute_window_ends == found.due
    assert [] == unprotected_of(checks.review_contract(job, now=closes, rules=long_window))
    # Under the published rules the week's window closed on the Saturday after it.
    assert [] == unprotected_of(checks.review_contract(job, now=at(2025, 6, 17, 9)))


def _partly_approved(rules_=None):
    """m1 ($100) funded and half approved, its $50 left in escrow; m2 ($30) not funded."""
    c = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2025, 6, 2),
        milestones=[
            Milestone("m1", "Logo: 3 concepts in SVG", Money("100.00", "USD")),
            Milestone("m2", "Brand guide: 6 pages PDF", Money("30.00", "USD")),
        ],
    )
    c = escrow.apply(c, escrow.Fund("m1", at(2025, 6, 2, 9)), rules=rules_)
    return escrow.apply(
        c, escrow.Approve("m1", at(2025, 6, 3, 9), amount=Money("50.00", "USD")), rules=rules_
    )


def test_unfunded_advice_follows_the_one_active_milestone_rule_of_the_rules_given():
    """Red team r12 #3: under rules that let any number of milestones be funded, the
    finding said m2 "cannot be" funded while m1 held its remainder, and advised asking
    the client to release or refund the $50 first; the engine funds m2 at once."""
    now = at(2025, 6, 3, 10)
    several = attrs.evolve(rules.CURRENT, one_active_milestone=False)
    c = _partly_approved(several)
    (found,) = [
        f
        for f in checks.review_contract(c, now=now, rules=several)
        if f.code is FindingCode.UNFUNDED_MILESTONE
    ]
    assert "Fund" in escrow.allowed(c, "m2", now=now, rules=several).allowed
    assert "cannot be" not in found.message
    assert "refund" not in found.advice
    assert ("m2", Money("30.00", "USD")) == (found.milestone_id, found.amount)
    # Under the published rules the remainder does block it, and the finding says so.
    (published,) = [
        f
        for f in checks.review_contract(_partly_approved(), now=now)
        if f.code is FindingCode.UNFUNDED_MILESTONE
    ]
    assert "cannot be while" in published.message


def test_dormant_escrow_advice_is_a_step_the_engine_allows():
    """Red team r12 #4: on a partial approval's remainder, DORMANT_ESCROW advised
    "Submit the work", which the engine refuses on a PAID milestone."""
    c = _partly_approved()
    now = at(2025, 8, 10, 9)
    (found,) = [
        f for f in checks.review_contract(c, now=now) if f.code is FindingCode.DORMANT_ESCROW
    ]
    assert "Submit" not in escrow.allowed(c, "m1", now=now).allowed
    assert "Submit" not in found.advice
    assert "release" in found.advice
    assert Money("50.00", "USD") == found.amount


def test_dormant_escrow_carried_to_an_unfunded_milestone_asks_for_the_rest():
    """Review r12 #4: a remainder carried onto a NOT_FUNDED milestone got "ask the client
    to release", but the engine allows no Approve there: only Fund (the rest) moves it."""
    c = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2025, 6, 2),
        milestones=[
            Milestone("m1", "Logo, 3 concepts", Money("15.00", "USD")),
            Milestone("m2", "Brand guide, 10 pages", Money("20.00", "USD")),
        ],
    )
    c = escrow.replay(
        c,
        [
            escrow.Fund("m1", at(2025, 6, 2, 10)),
            escrow.Submit("m1", at(2025, 6, 3, 10)),
            escrow.Approve("m1", at(2025, 6, 4, 10), amount=Money("9.00", "USD")),
        ],
    )
    m2 = c.milestone("m2")
    assert (MilestoneState.NOT_FUNDED, Money("6.00", "USD")) == (m2.state, m2.held)
    now = at(2025, 6, 4, 10) + timedelta(days=70)
    (found,) = [
        f
        for f in checks.review_contract(c, now=now)
        if f.code is FindingCode.DORMANT_ESCROW and f.milestone_id == "m2"
    ]
    allowed = escrow.allowed(c, "m2", now=now).allowed
    assert "Approve" not in allowed
    assert "Fund" in allowed
    assert "fund the rest" in found.advice
    assert "USD 14.00" in found.advice  # the rest: 20.00 less the 6.00 carried
    assert Money("6.00", "USD") == found.amount
