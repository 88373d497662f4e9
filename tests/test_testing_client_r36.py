"""``us.contract_histories(client=...)`` and a freelancer's book of them (newcomer r36, 7).

Every drawn contract had one of three unverified clients, and nothing said
how to draw several in-flight contracts for one freelancer (ids collide).
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upwork_safety import Client, jss
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.testing import factories
from upwork_safety.testing import strategies as us


class OwnClient(Client):
    """A caller's subclass: stored as the plain Client it holds."""


@settings(max_examples=25, deadline=None, database=None)
@given(us.contract_histories(max_events=6, client=factories.VERIFIED_CLIENT))
def test_every_contract_gets_the_client_given(history):
    """The original and the final contract both have the client passed."""
    original, _events, final = history
    assert factories.VERIFIED_CLIENT == original.client == final.client
    assert original.client.payment_verified


@settings(max_examples=10, deadline=None, database=None)
@given(us.contract_histories(max_events=3, client="studio-noor"))
def test_a_client_id_is_a_plain_client(history):
    """A client id gives ``Client(id)``, not payment-verified."""
    assert Client("studio-noor") == history[0].client


@settings(max_examples=10, deadline=None, database=None)
@given(us.contract_histories(max_events=3, client=OwnClient("own", payment_verified=True)))
def test_a_client_subclass_is_stored_plain(history):
    """A ``Client`` subclass is kept as the plain ``Client`` it holds."""
    assert Client is type(history[0].client)
    assert Client("own", payment_verified=True) == history[0].client


@pytest.mark.parametrize("bad", [5, Client, b"acme"])
def test_a_client_of_the_wrong_type_is_refused(bad):
    """Neither a Client, a str nor None: ``InvalidTypeError`` at ``client``, when built."""
    with pytest.raises(InvalidTypeError) as caught:
        us.contract_histories(client=bad)
    assert ("client", "a Client or a client id") == (caught.value.field, caught.value.rule)


def test_an_empty_client_id_is_refused():
    """An id a Client refuses is refused when the strategy is built, naming ``client``.

    Named as passed, not as the Client's field ``Client.id`` (review r37, review 3).
    """
    with pytest.raises(InvalidValueError) as caught:
        us.contract_histories(client="")
    assert ("client", "not empty") == (caught.value.field, caught.value.rule)


@settings(max_examples=25, deadline=None, database=None)
@given(
    st.lists(
        us.contract_histories(max_events=6, client=factories.VERIFIED_CLIENT),
        min_size=2,
        max_size=4,
        unique_by=lambda history: history[0].id,
    )
)
def test_a_book_drawn_as_testing_md_says_is_scored(histories):
    """Unique ids and a day the JSS rules cover: ``jss.score`` takes the book."""
    book = [final for _, _, final in histories]
    day = max(date(2015, 3, 1), *(c.recorded_until.date() for c in book))
    report = jss.score(book, as_of=day)
    assert day == report.as_of
