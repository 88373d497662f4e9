"""What the scanner's test files share: the codes by short name, and a message's codes.

Each round's file (``test_checks_messages_rNN.py`` and its neighbours) pins
wordings with these helpers, so the names and the way a message is read are
written once here rather than in every round's prologue.
"""

from __future__ import annotations

from upwork_safety import checks
from upwork_safety.checks import FindingCode
from upwork_safety.checks._messages import scan_rules_only

FUNDING = FindingCode.START_BEFORE_FUNDING
PAYMENT = FindingCode.OFF_PLATFORM_PAYMENT
OPP = PAYMENT
CONTACT = FindingCode.OFF_PLATFORM_CONTACT
FEE = FindingCode.UPFRONT_FEE
SCOPE = FindingCode.SCOPE_CREEP
REVIEW = FindingCode.REVIEW_BEGGING
ACCOUNT = FindingCode.ACCOUNT_SHARING


def rule_codes(text: str, direction: str = "incoming") -> set[FindingCode]:
    """The codes the rules alone give *text* (the model not consulted)."""
    return {f.code for f in scan_rules_only(text, direction=direction)}


def scanned_codes(text: str, direction: str = "incoming") -> set[FindingCode]:
    """The codes :func:`upwork_safety.checks.scan_message` gives *text* (rules and model)."""
    return {f.code for f in checks.scan_message(text, direction=direction)}
