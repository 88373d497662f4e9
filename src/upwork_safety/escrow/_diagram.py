"""The escrow state diagram (private): :func:`to_mermaid`, drawn from the transition table."""

from __future__ import annotations

from upwork_safety._validate import optional_instance
from upwork_safety.escrow._table import ROWS
from upwork_safety.kinds import MilestoneState
from upwork_safety.rules import CURRENT, PlatformRules

__all__ = ["to_mermaid"]


def _label(event: str, condition: str, timer: str) -> str:
    text = event
    if condition:
        text += f" ({condition})"
    if timer:
        text += f", {timer}"
    return text


def to_mermaid(*, rules: PlatformRules | None = None) -> str:
    """A Mermaid ``stateDiagram-v2`` of a milestone, drawn from the rows of :data:`TRANSITIONS`.

    One line per state change a row of the table can make (steps that keep
    the state, such as a partial refund or answering a dispute, are in the
    table but not drawn), with the row's condition in brackets and, on
    automatic edges, how long their timer runs.  A row *rules* switch off
    (a dispute on an active contract, with ``dispute_on_active_contract``
    off) is left out, as the engine never takes it under them.

    Args:
        rules: Whose timings to write (default: the rules in force now,
            :data:`upwork_safety.rules.CURRENT`).

    Returns:
        The diagram source, one edge per line.

    >>> print(to_mermaid().splitlines()[2])
        NOT_FUNDED --> FUNDED: Fund
    """
    chosen = optional_instance(rules, PlatformRules, "rules") or CURRENT
    lines = ["stateDiagram-v2", f"    [*] --> {MilestoneState.NOT_FUNDED.name}"]
    seen: set[str] = set()
    for row in ROWS:
        if row.switched_off(chosen):
            continue  # these rules never take it
        timer = row.timer or row.window
        period = "" if timer is None else timer.period(chosen)
        text = _label(row.event.__name__, row.condition, period)
        for source, target in row.edges:
            line = f"    {source.name} --> {target.name}: {text}"
            if source is not target and line not in seen:
                seen.add(line)
                lines.append(line)
    lines.extend(
        f"    {state.name} --> [*]" for state in (MilestoneState.PAID, MilestoneState.REFUNDED)
    )
    return "\n".join(lines)
