"""Pakistani wallet apps named as a withdrawal method: not one Upwork withdraws to (private).

Shared by the fees engine, which refuses them, and the command line, which
recognises that refusal by its rule (:data:`WALLET_RULE`).

A freelancer who moves money Upwork → bank (or Payoneer) → JazzCash may ask
for ``"jazzcash"`` as a method.  Upwork does not withdraw to it, so the
refusal says so and how to model the route: withdraw to the bank or to
Payoneer here; the move on to the wallet happens outside Upwork and is not
modelled (no figure for it in the sources).  :data:`NOT_UPWORK_METHODS` is the
one table of such names (docs/fees.md, "Withdrawal methods", lists it;
a test checks the page against it).
"""

from __future__ import annotations

from upwork_safety.errors import InvalidValueError

__all__ = ["NOT_UPWORK_METHODS", "WALLET_RULE", "refuse_wallet", "wallet_named"]

#: Pakistani wallet and payment apps that Upwork does not withdraw to, as they write
#: their names.  Text naming one (any case; spaces, hyphens and underscores ignored:
#: ``"jazz cash"``, ``"easy-paisa"``) is refused with the route to model instead.
NOT_UPWORK_METHODS = ("JazzCash", "Easypaisa", "SadaPay", "NayaPay")

#: The refusal's ``rule``.
WALLET_RULE = "a method Upwork withdraws to"


def _squeezed(text: str) -> str:
    """*text* in lower case, letters and digits only: ``"Jazz-Cash "`` → ``"jazzcash"``."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


_SQUEEZED = {_squeezed(name): name for name in NOT_UPWORK_METHODS}


def wallet_named(text: str) -> str | None:
    """The entry of :data:`NOT_UPWORK_METHODS` *text* names, or ``None``."""
    if len(text) > 64:  # far longer than any name, spaces and all: names none
        return None
    return _SQUEEZED.get(_squeezed(text))


def refuse_wallet(text: object, what: str) -> None:
    """Refuse *text* naming one of :data:`NOT_UPWORK_METHODS`, saying how to model the route."""
    if not isinstance(text, str):
        return
    wallet = wallet_named(text)
    if wallet is None:
        return
    raise InvalidValueError(
        f"{wallet} is a Pakistani wallet app, not a method Upwork withdraws to: "
        "to model that route, withdraw to your bank account (direct_to_local_bank) or to "
        f"Payoneer (payoneer) and quote that; moving the money on to {wallet} happens "
        "outside Upwork and is not modelled",
        field=what,
        rule=WALLET_RULE,
    )
