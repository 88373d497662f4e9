"""The library's decimal context, and the rule that every computation runs in it (private).

The lowest layer of the library: it imports nothing of the library, so
every module can put the context back after running caller code
(:func:`restore_context`), the converters of :mod:`upwork_safety._plain`
included.  :mod:`upwork_safety._decimals` re-exports the names, and
:mod:`upwork_safety.money` documents the context's settings.

:data:`CONTEXT` is never handed out: every module of the library imports it
from here (or through ``_decimals``), and :data:`upwork_safety.money.CONTEXT`
is a copy of its settings (:func:`settings_copy`), so a caller who changes
that copy, or installs it with ``decimal.setcontext`` and changes it there,
changes no result.
"""

from __future__ import annotations

import decimal
import functools
import threading
from decimal import ROUND_HALF_UP
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["CONTEXT", "in_context", "restore_context", "settings_copy"]

#: The library's decimal context: every computation runs in it, and it is never
#: handed out (red team r18 H1: a caller who changed the published context
#: changed every sum).  Its settings are documented, and published as a
#: copy, as :data:`upwork_safety.money.CONTEXT`.
CONTEXT = decimal.Context(
    prec=60,
    rounding=ROUND_HALF_UP,
    Emin=-999_999,
    Emax=999_999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)

_P = ParamSpec("_P")


def settings_copy() -> decimal.Context:
    """A new context with :data:`CONTEXT`'s settings and no flag raised (private).

    What :data:`upwork_safety.money.CONTEXT` publishes: a change to the copy
    changes nothing the library computes.
    """
    copy = CONTEXT.copy()
    copy.clear_flags()
    return copy


_T = TypeVar("_T")


def in_context(
    func: Callable[_P, _T], prepare: Callable[..., Any] | None = None
) -> Callable[_P, _T]:
    """Run *func* in :data:`CONTEXT`, whatever the caller's decimal context (private).

    Every public value's ``__attrs_post_init__`` wears it (put on by
    :func:`~upwork_safety._pickling.through_init`), and every public engine
    function that does Decimal arithmetic wears it through
    :func:`upwork_safety._arguments.exact`, which also gives *prepare*: a
    function that makes the call's arguments the plain values they hold,
    applied by every call, nested ones too.  So a caller's ``getcontext().prec =
    6`` (or a trap) changes no result and no check.  Only the outermost call
    of a thread installs the context (measured on 300 lifecycles of
    ``benchmarks/test_bench_escrow.py``: 3% more; on loading 300 contracts
    of ``test_bench_serialize.py``: under 1%).
    """

    @functools.wraps(func)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        if decimal.getcontext() is getattr(_INSIDE, "context", None):
            # Called from inside another: already there.  The arguments are made plain
            # all the same, since the call may come from caller code the outer call runs
            # (a generator that calls the library; diff review r34, 3).
            if prepare is not None:
                args, kwargs = prepare(args, kwargs)
            return func(*args, **kwargs)
        outer = getattr(_INSIDE, "context", None)
        with decimal.localcontext(CONTEXT) as context:
            _INSIDE.context = context
            try:
                if prepare is not None:
                    args, kwargs = prepare(args, kwargs)
                return func(*args, **kwargs)
            finally:
                _INSIDE.context = outer

    return run


#: The context the outermost :func:`in_context` call of each thread installed, while it
#: runs: a call nested in it (a value built inside an engine function or a loader,
#: whose checks run in it too) runs straight on, for the cost of one look-up
#: rather than of a new context (measured: a fifth of building a ``Payment``).
_INSIDE = threading.local()


def restore_context() -> None:
    """Put the library's context back after caller code ran inside a call (private).

    :func:`in_context` installs a copy of :data:`CONTEXT` for the outermost call
    and calls nested in it trust that copy by identity.  Caller code the
    library runs during a call can change that copy (``getcontext().prec =
    1``, a trap on ``Inexact``) or install another (``decimal.setcontext``),
    and what the call computes next would run in it (red team r33 1).  So
    each place where the library has just run the caller's code calls this
    helper, which installs a fresh copy of :data:`CONTEXT` (and makes it the
    one nested calls trust).  Outside any :func:`in_context` call it does
    nothing: the caller's context is the caller's.  It re-installs without
    first checking the current context (checking every setting and trap
    costs about as much as the copy), and it is called only where caller
    code ran, never on a plain ``list``, ``tuple`` or ``dict`` or a standard
    library ``tzinfo``, so the common case never pays for it.

    The places (the boundaries where caller code runs):

    * after an iterable of the caller's that is not exactly a ``list`` or a
      ``tuple`` is read, by the shared readers of ``_validate``
      (``as_tuple``, ``bounded``, through it ``sequence_of`` and
      ``as_sequence``), which read every argument and list field of several
      items (``jss``'s contracts and ``exclude_clients``,
      ``compare_withdrawals``' methods, ``escrow.replay``'s events, a
      model's list fields, ...), after ``jss.forecast``'s jobs, and after
      ``score_frame``'s table; ``score_many`` reads each history before it
      scores it in a context of its own;
    * after a ``datetime`` subclass, or a ``tzinfo`` that is not the
      standard library's (``timezone``, ``ZoneInfo``), was asked for its UTC
      offset, by the one UTC-normalising helper of ``_moments``
      (``in_utc``), which every moment and day argument goes through;
    * after a mapping of the caller's that is not exactly a ``dict`` is read:
      the mapping arguments (``fees``' ``offered_rates=``/``spreads=``,
      ``jss.forecast``'s ``outcome_odds=``, ``statements``' ``rates=``), and
      each object ``serialize.from_dict`` reads (a ``dict`` subclass is first
      read into a plain ``dict`` through its own keys and ``[]``, and so is
      a ``dict`` holding a key that is a ``str`` subclass);
    * after a ``timedelta`` subclass was asked whether it equals the plain
      ``timedelta`` it holds (``_plain.plain_duration``).

    Values are not a boundary: a subclass of a library value, or of ``str``,
    ``int`` or ``date`` (not ``datetime``), is made the plain value it holds
    before the library reads it (:mod:`upwork_safety._arguments`, the shared
    argument checks, the day checks of ``_moments``, which judge by
    ``type()``), so its code never runs.

    What it does not cover: a call of the library made *by* the caller's
    code while it meddles (a generator that sets ``prec = 1`` and then
    builds a ``Money``) runs in the changed context until the call it is
    nested in reaches its next boundary.
    """
    if getattr(_INSIDE, "context", None) is None:
        return  # not inside a call of the library: the context is the caller's
    fresh = CONTEXT.copy()
    decimal.setcontext(fresh)
    _INSIDE.context = fresh
