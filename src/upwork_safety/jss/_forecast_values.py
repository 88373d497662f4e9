"""What a forecast plays and returns: :class:`FutureJob`, :class:`ForecastBin`, :class:`Forecast`.

Each is frozen and checked by its constructor (and so when unpickled, copied
or read by :func:`upwork_safety.serialize.from_dict`); :mod:`._forecast`
plays the jobs and builds the result, and re-exports these, so pickles that
name them there still load.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from upwork_safety import _render
from upwork_safety._amount_fields import cents_field
from upwork_safety._decimals import CONTEXT, count
from upwork_safety._display import shown, shown_int, type_name
from upwork_safety._moments import date_field, to_date
from upwork_safety._pickling import through_init
from upwork_safety._plain import optional_plain_int, optional_plain_text, plain_int, whole_number
from upwork_safety._validate import (
    as_tuple,
    count_field,
    field_name,
    items_field,
    optional_id_field,
)
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.jss._invariants import disagree, score_field
from upwork_safety.money import Money, plain_money

__all__ = ["MAX_TRIALS", "Forecast", "ForecastBin", "FutureJob"]

# Documented where upwork_safety.jss re-binds it.
MAX_TRIALS = 1_000_000


#: The longest a future job may run: ten years, in days.
_MAX_JOB_DAYS = 3660


@through_init
@attrs.frozen
class FutureJob:
    """A hypothetical job for :func:`forecast`.

    Args:
        amount: What it will pay, in full, on its last day.
        days: How long it runs, 1 to 3,660 days (ten years); new jobs run
            one after another from the forecast's ``as_of``, a job that
            *finishes* an open contract from ``as_of`` beside them.
        client_id: An existing client's id for a rehire (the model counts
            a rehired client's contract as a success whatever its
            feedback), or ``None`` for a new client.
        finishes: The id of an open contract in the history that this job
            finishes, or ``None`` for a new contract. The trial replaces
            that contract by its ended version, as ``what_if(replace=...)``
            would: its own client (not a rehire), its own start and
            payments, plus *amount* on its last day and the drawn
            feedback. Not with a *client_id*.

    Raises:
        InvalidValueError: Fewer than 1 day or more than 3,660, a negative
            amount or one below the cent, an empty client id or contract
            id, or both *client_id* and *finishes* (field
            ``FutureJob.finishes``).
        InvalidTypeError: An amount that is not :class:`~upwork_safety.Money`,
            days that are not a whole number (an ``int``, not a ``bool``), or
            a client or contract id that is neither a ``str`` nor ``None``.
    """

    amount: Money = attrs.field(converter=plain_money, validator=cents_field)
    days: int = attrs.field(
        converter=plain_int, default=30, validator=count_field(1, _MAX_JOB_DAYS)
    )
    client_id: str | None = attrs.field(
        converter=optional_plain_text, default=None, validator=optional_id_field
    )
    finishes: str | None = attrs.field(
        converter=optional_plain_text,
        default=None,
        validator=[optional_id_field, lambda job, _, value: _not_with_a_client(job, value)],
    )


def _not_with_a_client(job: FutureJob, finishes: str | None) -> None:
    """Refuse a job that both finishes an open contract and names a client."""
    if finishes is not None and job.client_id is not None:
        raise InvalidValueError(
            f"a FutureJob that finishes contract {shown(finishes)} is for that contract's own "
            f"client; leave client_id ({shown(job.client_id)}) as None",
            field="FutureJob.finishes",
            rule="not with a client_id",
        )


@through_init
@attrs.frozen
class ForecastBin:
    """How many trials of a :func:`forecast` ended at one score.

    Attributes:
        score: The whole-percent score (0 to 100), or ``None`` for "not eligible".
        trials: How many trials ended there: 1 to ``jss.MAX_TRIALS`` (a
            score no trial reached has no bin).

    Raises:
        InvalidTypeError: A field of the wrong type.
        InvalidValueError: A score or a number of trials out of range.
    """

    score: int | None = attrs.field(converter=optional_plain_int, validator=score_field)
    trials: int = attrs.field(converter=plain_int, validator=count_field(1, MAX_TRIALS))


#: The most bits a seed may have (a 128- or 256-bit random seed fits): an int of
#: thousands of digits seeds ``random.Random`` but cannot be shown or saved.
_MAX_SEED_BITS = 256
#: The highest score, and so the highest threshold a chance can be asked for.
_HUNDRED_PERCENT = 100
_SEED_RULE = f"0 or more, at most {_MAX_SEED_BITS} bits"


def _check_seed(value: object, name: str) -> int:
    """*value* as a plain int, a seed from 0 of at most 256 bits; else refused (a bool is).

    ``random.Random`` seeds with the absolute value, so ``-7`` would draw what
    ``7`` draws while the forecast said another seed: negative seeds are refused.
    """
    seed = whole_number(value)  # the int it holds: a subclass's < may lie (red team r18 M1)
    if seed is None:
        raise InvalidTypeError(
            f"{name} must be an int, not {type_name(value)}", field=name, rule="an int"
        )
    if seed < 0 or seed.bit_length() > _MAX_SEED_BITS:
        raise InvalidValueError(
            f"{name} must be an int of {_SEED_RULE}, got {shown_int(seed)}",
            field=name,
            rule=_SEED_RULE,
        )
    return seed


def _seed_field(instance: object, attribute: Any, value: Any) -> None:
    if type(value) is int and value >= 0 and value.bit_length() <= _MAX_SEED_BITS:
        return
    _check_seed(value, field_name(instance, attribute))


def _bin_order(score: int | None) -> int:
    """Where a score's bin goes: "not eligible" first, then by score."""
    return -1 if score is None else score


@through_init
@attrs.frozen
class Forecast:
    """The simulated distribution of the score once the future jobs are done.

    Attributes:
        as_of: The day the simulation starts.
        on: The day the score is read (the last future job's end, so after
            *as_of*); under rules with biweekly snapshots the score is the
            one :func:`~upwork_safety.jss.score` gives on that day, the last
            snapshot's, so a job that ends after it does not count yet.
        current: Today's score (0 to 100, or ``None``).
        trials: The number of trials, 1 to ``jss.MAX_TRIALS``.
        seed: The seed given to ``random.Random``: an int from 0, of at
            most 256 bits.
        bins: The distribution, "not eligible" first, then by score, one bin
            per score; their trials add up to *trials*.

    Raises:
        InvalidTypeError: A field of the wrong type.
        InvalidValueError: A value out of range, *on* not after *as_of*, or
            bins out of order or not adding up to *trials*.
    """

    as_of: date = attrs.field(converter=to_date, validator=date_field)
    on: date = attrs.field(converter=to_date, validator=date_field)
    current: int | None = attrs.field(converter=optional_plain_int, validator=score_field)
    trials: int = attrs.field(converter=plain_int, validator=count_field(1, MAX_TRIALS))
    seed: int = attrs.field(converter=plain_int, validator=_seed_field)
    bins: tuple[ForecastBin, ...] = attrs.field(
        converter=as_tuple, validator=items_field(ForecastBin)
    )

    def __attrs_post_init__(self) -> None:
        if self.on <= self.as_of:
            raise InvalidValueError(
                f"Forecast.on ({self.on}) must be after as_of ({self.as_of}): every future "
                "job runs at least a day",
                field="Forecast.on",
                rule="after as_of",
            )
        for index in range(1, len(self.bins)):
            if _bin_order(self.bins[index].score) <= _bin_order(self.bins[index - 1].score):
                raise InvalidValueError(
                    'Forecast.bins must hold one bin per score, "not eligible" (None) first, '
                    f"then by score; bins[{index}] is {self.bins[index].score} after "
                    f"{self.bins[index - 1].score}",
                    field=f"Forecast.bins[{index}].score",
                    rule="one bin per score, in order",
                )
        counted = sum(b.trials for b in self.bins)
        if counted != self.trials:
            raise disagree("Forecast.trials", self.trials, "the sum of the bins' trials", counted)

    def trials_at_least(self, threshold: int) -> int:
        """Return how many trials ended with a score of at least *threshold*.

        With :attr:`trials` it gives the chance exactly:
        ``fractions.Fraction(f.trials_at_least(90), f.trials)``.

        Args:
            threshold: A whole percent, e.g. ``90``.

        Returns:
            An ``int`` from 0 to :attr:`trials`; "not eligible" never counts.

        Raises:
            InvalidTypeError: *threshold* is not a whole number.
            InvalidValueError: *threshold* is not from 0 to 100.
        """
        given = count(threshold, "threshold", high=_HUNDRED_PERCENT)
        return sum(b.trials for b in self.bins if b.score is not None and b.score >= given)

    def chance_at_least(self, threshold: int) -> Decimal:
        """Return the share of trials whose score is at least *threshold*.

        The share is :meth:`trials_at_least` divided by :attr:`trials` in the
        library's decimal context (:data:`upwork_safety.money.CONTEXT`: 60
        significant digits, half up).  It is exact whenever the quotient
        ends within 60 digits, as it always does when *trials* has no prime
        factor but 2 and 5 (2,000 trials: ``0.327``); otherwise it is
        rounded half up at the 60th significant digit (1 in 3 trials:
        ``0.333…333``, 60 threes).  For the exact value, use
        ``fractions.Fraction(f.trials_at_least(threshold), f.trials)``.

        Args:
            threshold: A whole percent, e.g. ``90``.

        Returns:
            A ``Decimal`` from 0 to 1; "not eligible" never counts.

        Raises:
            InvalidTypeError: *threshold* is not a whole number.
            InvalidValueError: *threshold* is not from 0 to 100.
        """
        return self._share(self.trials_at_least(threshold))

    def _share(self, trials: int) -> Decimal:
        """*trials* as a share of all :attr:`trials`, divided as the docstrings above say."""
        return CONTEXT.divide(Decimal(trials), Decimal(self.trials))

    @property
    def most_likely(self) -> int | None:
        """The score reached by the most trials (the lowest on a tie)."""
        return max(self.bins, key=lambda b: b.trials).score

    def to_records(self) -> list[dict[str, object]]:
        """One row per score: the score, the trials and their share.

        ``"trials"`` is the bin's exact count; ``"share"`` is it divided by
        :attr:`trials` as :meth:`chance_at_least` divides (exact when the
        quotient ends within 60 significant digits, else rounded half up at
        the 60th), so the exact share is ``Fraction(row["trials"], f.trials)``.
        """
        return [
            {
                "score": b.score,
                "trials": b.trials,
                "share": self._share(b.trials),
            }
            for b in self.bins
        ]

    def _repr_html_(self) -> str:
        caption = (
            f"JSS forecast for {self.on.isoformat()} ({self.trials} trials, seed {self.seed}); "
            f"today {self.current}"
        )
        return _render.html_table(self.to_records(), caption=caption)
