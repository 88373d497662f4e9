"""What a timeline assumes past the history's end: the open contracts that go unpaid.

A :func:`~upwork_safety.jss.timeline` point after the last day the history
records anything reads the history as it is, so an open contract gets no
payment after its last one: a long-term one stops counting after
``long_term_payment_interval`` and every open one goes idle (not successful)
after ``open_idle_after``.  A :class:`Lapse` names such a contract and the day
its standing turned, on each :class:`~upwork_safety.jss.JSSPoint` it moves.
"""

from __future__ import annotations

from datetime import date
from typing import cast

import attrs

from upwork_safety._moments import date_field, to_date
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_text
from upwork_safety._validate import id_field, member_field, member_text
from upwork_safety.kinds import StrEnum

__all__ = ["Lapse", "LapseKind"]


class LapseKind(StrEnum):
    """How an open contract's standing turns when no payment comes (:attr:`Lapse.kind`).

    Members equal their text, so ``lapse.kind == "idle"`` keeps working.
    """

    #: A long-term contract stops counting: no payment for more than
    #: ``long_term_payment_interval`` (90 days).
    STOPPED = "stopped"
    #: Idle: no payment for ``open_idle_after`` (180 days), so it counts as not
    #: successful (negative, with a negative signal on record), in the score only.
    IDLE = "idle"


def _lapse_kind(value: LapseKind | str) -> LapseKind:
    # A value that is not a member is left for member_field to refuse.
    return cast("LapseKind", member_text(LapseKind, value))


@through_init
@attrs.frozen
class Lapse:
    """An open contract whose standing on a projected day comes from it getting no more payments.

    Attributes:
        contract_id: The open contract.
        kind: A :class:`LapseKind`: it stopped counting as long-term, or it
            is idle.  Text such as ``"idle"`` is read as its member.
        since: The first day of that standing, after the history's last
            recorded day (so the data alone does not show it).

    Raises:
        InvalidTypeError: A field of the wrong type.
        InvalidValueError: An empty id or a *kind* that is no
            :class:`LapseKind`.
    """

    contract_id: str = attrs.field(converter=plain_text, validator=id_field)
    kind: LapseKind = attrs.field(converter=_lapse_kind, validator=member_field(LapseKind))
    since: date = attrs.field(converter=to_date, validator=date_field)

    def __str__(self) -> str:
        return f"{self.contract_id} {self.kind} since {self.since}"
