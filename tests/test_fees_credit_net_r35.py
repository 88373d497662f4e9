"""fees.Credit and auto_withdrawals say what a credit is: net, and no manual withdrawal (r35, newcomer 4)."""

from upwork_safety import fees


def test_credit_says_its_amount_is_net_of_the_service_fee():
    """Newcomer r35 4: help(fees.Credit) says gross or net (net), and how to start from a balance."""
    doc = " ".join(fees.Credit.__doc__.split())
    assert "**net** of Upwork's service fee" in doc
    assert "one credit on today's date" in doc
    assert 'a manual withdrawal ("Get paid now") is not replayed' in doc


def test_auto_withdrawals_says_what_manual_withdrawals_mean_for_the_history():
    """Its docstring says a history of every income replays money already withdrawn."""
    doc = " ".join(fees.auto_withdrawals.__doc__.split())
    assert "replays money you have already withdrawn" in doc
    assert "amount (net of the service fee)" in doc
