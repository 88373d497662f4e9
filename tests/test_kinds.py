"""Tests for upwork_safety.kinds: the enums every layer shares."""

import pytest

from upwork_safety import ContractKind, EndReason, MilestoneState
from upwork_safety.kinds import StrEnum


class Colour(StrEnum):
    """A StrEnum for the tests."""

    DARK_GREEN = "dark_green"


def test_str_enum_members_are_their_values_everywhere():
    """A StrEnum member equals, prints and formats as its value on every Python."""
    assert "dark_green" == Colour.DARK_GREEN
    assert "dark_green" == str(Colour.DARK_GREEN)
    assert "dark_green" == f"{Colour.DARK_GREEN}"
    assert "dark_green  " == f"{Colour.DARK_GREEN:<12}"
    assert Colour.DARK_GREEN is Colour("dark_green")


@pytest.mark.parametrize(
    ("kind", "values"),
    [
        (ContractKind, ["fixed_price", "hourly"]),
        (
            MilestoneState,
            [
                "not_funded",
                "funded",
                "submitted",
                "changes_requested",
                "paid",
                "refund_requested",
                "refunded",
                "disputed",
            ],
        ),
        (
            EndReason,
            [
                "completed",
                "unsuccessful",
                "cancelled_early",
                "freelancer_unresponsive",
                "client_unresponsive",
                "other",
            ],
        ),
    ],
)
def test_kinds_keep_their_serialised_values(kind, values):
    """The values used in serialised data are stable."""
    assert values == [member.value for member in kind]
