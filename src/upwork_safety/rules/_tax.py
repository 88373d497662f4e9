"""Income tax Pakistani banks withhold on IT-export receipts, dated (private).

DOMAIN.md section 5: s.154A of the Income Tax Ordinance 2001, a final tax
since the Finance Act 2022: 0.25% for PSEB-registered freelancers, 1% for
everyone else.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs

from upwork_safety._decimals import flag
from upwork_safety._moments import settle_date
from upwork_safety._pickling import through_init
from upwork_safety._validate import bool_field, id_field
from upwork_safety.rules._common import (
    rate_field,
    source_field,
    to_rate,
)
from upwork_safety.rules._history import RuleHistory, rule_set_kind
from upwork_safety.rules._provenance import RuleSource

# --------------------------------------------------------------------------
# Tax (DOMAIN.md section 5)
# --------------------------------------------------------------------------


@rule_set_kind
@through_init
@attrs.frozen(kw_only=True)
class ExportTaxRules:
    """Income tax a Pakistani bank withholds on IT-export receipts.

    Args:
        effective: First day the rates apply.
        pseb_registered: The rate for freelancers registered with the
            Pakistan Software Export Board.
        not_registered: The rate for everyone else.
        source: Where the rates are published.
        name: A short human name.
        non_filer_unconfirmed: Whether the treatment of non-filers is
            unconfirmed (it is: check with your bank).
    """

    effective: date = attrs.field()
    pseb_registered: Decimal = attrs.field(converter=to_rate, validator=rate_field)
    not_registered: Decimal = attrs.field(converter=to_rate, validator=rate_field)
    source: RuleSource = attrs.field(validator=source_field)
    # No converter: pyright cannot match a converted field to RuleHistory's protocol,
    # so id_field refuses a str subclass instead of storing it plain.
    name: str = attrs.field(default="s.154A withholding", validator=id_field)
    non_filer_unconfirmed: bool = attrs.field(default=True, validator=bool_field)

    def __attrs_post_init__(self) -> None:
        settle_date(self, "effective", "ExportTaxRules.effective")

    def rate(self, *, pseb_registered: bool) -> Decimal:
        """The rate the bank withholds, for a PSEB-registered freelancer or not.

        Raises:
            InvalidTypeError: *pseb_registered* is not a bool.
        """
        flag(pseb_registered, "pseb_registered")
        return self.pseb_registered if pseb_registered else self.not_registered


#: The withholding on IT-export receipts under s.154A of the Income Tax
#: Ordinance 2001, a final tax since the Finance Act 2022: 0.25% for
#: PSEB-registered freelancers, 1% otherwise; unchanged by the Finance Act
#: 2025 (proposals for 2026-27 are proposals, not law).
EXPORT_TAX_2022 = ExportTaxRules(
    effective=date(2022, 7, 1),
    pseb_registered=Decimal("0.0025"),
    not_registered=Decimal("0.01"),
    name="s.154A withholding, final tax (Finance Act 2022)",
    source=RuleSource(
        "Income Tax Ordinance 2001, s.154A; Finance Act 2022; SEC law-firm summaries of "
        "the Finance Act 2025",
        # Non-filers' treatment is the rule set's own field, non_filer_unconfirmed
        # (which the CLI reads), not typed again here (truth audit r21).
        note="final tax withheld by the bank; unchanged by the Finance Act 2025",
    ),
)

#: The s.154A rules, oldest first.  Earlier rates are not in the library's
#: sources: before 2022-07-01, pass ``tax_rate=`` yourself.
EXPORT_TAX_HISTORY: RuleHistory[ExportTaxRules] = RuleHistory(
    "export tax rules", (EXPORT_TAX_2022,)
)

#: The bank's withholding for PSEB-registered freelancers under the s.154A
#: rules in force today, ``EXPORT_TAX_HISTORY.current`` (0.25%); the rules
#: of a past day: ``EXPORT_TAX_HISTORY.in_force(day)``.
TAX_RATE_PSEB: Decimal = EXPORT_TAX_HISTORY.current.pseb_registered

#: The bank's withholding for freelancers not registered with PSEB under the
#: s.154A rules in force today, ``EXPORT_TAX_HISTORY.current`` (1%).
TAX_RATE_NOT_PSEB: Decimal = EXPORT_TAX_HISTORY.current.not_registered
