"""The labelled corpora: precision and recall of every message and milestone code.

``tests/data/messages.json`` holds realistic client and freelancer messages
(most of them ordinary, including the tricky ones: a WhatsApp chat *button*,
a PayPal *checkout*, "I'll fund the next milestone once you submit") and
``tests/data/milestones.json`` vague and specific milestones.  Both were
written for this project; the second batch of each was written after the
rules and scored before being added.
"""

import json
from pathlib import Path

import pytest

from upwork_safety import _checks_phrases as phrases
from upwork_safety import checks

DATA = Path(__file__).resolve().parent / "data"
MESSAGES = json.loads((DATA / "messages.json").read_text("utf-8"))
MILESTONES = json.loads((DATA / "milestones.json").read_text("utf-8"))
MESSAGE_CODES = (
    "START_BEFORE_FUNDING",
    "OFF_PLATFORM_PAYMENT",
    "OFF_PLATFORM_CONTACT",
    "UPFRONT_FEE",
    "SCOPE_CREEP",
    "REVIEW_BEGGING",
)
MINIMUM = 0.9


def score_table(rows: list[tuple[set[str], set[str]]], codes: tuple[str, ...]):
    """Return ``{code: (tp, fp, fn, precision, recall)}`` and the table as text."""
    scores = {}
    lines = [f"{'code':<22} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}"]
    for code in codes:
        tp = sum(1 for want, got in rows if code in want and code in got)
        fp = sum(1 for want, got in rows if code not in want and code in got)
        fn = sum(1 for want, got in rows if code in want and code not in got)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        scores[code] = (tp, fp, fn, precision, recall)
        lines.append(f"{code:<22} {tp:>4} {fp:>4} {fn:>4} {precision:>9.3f} {recall:>7.3f}")
    return scores, "\n".join(lines)


def test_corpus_sizes():
    """The corpora have at least 150 messages (most ordinary) and 60 milestones."""
    ordinary = [m for m in MESSAGES if not m["codes"]]
    assert len(MESSAGES) >= 150
    assert len(ordinary) > len(MESSAGES) / 2
    assert len(MILESTONES) >= 60
    assert {c for m in MESSAGES for c in m["codes"]} == set(MESSAGE_CODES)
    assert {True, False} == {m["vague"] for m in MILESTONES}


def test_message_precision_and_recall():
    """Every message code reaches 0.9 precision and recall on the corpus."""
    rows = [
        (
            set(m["codes"]),
            {f.code for f in checks.scan_message(m["text"], direction=m["direction"])},
        )
        for m in MESSAGES
    ]
    scores, table = score_table(rows, MESSAGE_CODES)
    misses = "\n".join(
        f"  want {sorted(want)} got {sorted(got)}: {m['text']}"
        for m, (want, got) in zip(MESSAGES, rows, strict=True)
        if want != got
    )
    worst = min(min(p, r) for _, _, _, p, r in scores.values())
    assert worst >= MINIMUM, f"\n{table}\nmisclassified:\n{misses}"


def test_ordinary_messages_give_no_findings():
    """At most one ordinary message in a hundred gets any finding (false positives are worst)."""
    ordinary = [m for m in MESSAGES if not m["codes"]]
    flagged = [
        (m["text"], [f.code for f in checks.scan_message(m["text"], direction=m["direction"])])
        for m in ordinary
    ]
    flagged = [(text, codes) for text, codes in flagged if codes]
    assert len(flagged) <= len(ordinary) // 100, flagged


def test_milestone_precision_and_recall():
    """VAGUE_MILESTONE reaches 0.9 precision and recall on the milestone corpus."""
    rows = [
        (
            {"VAGUE_MILESTONE"} if m["vague"] else set(),
            {f.code for f in checks.review_milestone(m["title"], m["description"])},
        )
        for m in MILESTONES
    ]
    scores, table = score_table(rows, ("VAGUE_MILESTONE",))
    _, _, _, precision, recall = scores["VAGUE_MILESTONE"]
    assert min(precision, recall) >= MINIMUM, f"\n{table}"


def test_scan_is_case_insensitive_on_the_corpus():
    """Upper-casing a corpus message never changes its findings."""
    for m in MESSAGES:
        lower = [f.code for f in checks.scan_message(m["text"], direction=m["direction"])]
        upper = [f.code for f in checks.scan_message(m["text"].upper(), direction=m["direction"])]
        assert lower == upper, m["text"]


RULES = [
    rule
    for table in (
        phrases.START_BEFORE_FUNDING,
        phrases.OFF_PLATFORM_PAYMENT,
        phrases.OFF_PLATFORM_CONTACT,
        phrases.UPFRONT_FEE,
        phrases.SCOPE_CREEP,
        phrases.REVIEW_BEGGING,
    )
    for rule in table
]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_keyword_gates_never_hide_a_match(rule):
    """Each rule's keyword gate lets through every corpus message the rule matches."""
    texts = [phrases.normalise(m["text"]) for m in MESSAGES]
    assert [rule.find_ungated(t) for t in texts] == [rule.find(t) for t in texts]
    assert any(rule.find(t) for t in texts), f"rule {rule.name!r} never fires on the corpus"
