"""Looking ahead: :func:`forecast` plays future jobs many times (seeded Monte Carlo).

The real history is judged once; each future job is judged once per
possible outcome.  A trial then only draws the outcomes and adds up what
they contribute.  The weights are exact decimals; to add them quickly they
are scaled to whole numbers by one power of ten (exact, undone before the
score is computed), and the score of each distinct set of totals is
computed once and remembered, so most trials cost a draw and a sum.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import islice
from typing import cast

import attrs

from upwork_safety._amount_fields import decimal_value
from upwork_safety._decimals import CONTEXT, count, restore_context
from upwork_safety._display import shown, type_name
from upwork_safety._last_day import LATEST
from upwork_safety._moments import utc_day
from upwork_safety._validate import sequence_of
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.jss._facts import _build, _Facts, paid_at
from upwork_safety.jss._forecast_values import (
    MAX_TRIALS,
    Forecast,
    ForecastBin,
    FutureJob,
    _bin_order,
    _check_seed,
)
from upwork_safety.jss._model import _client_ids, _contracts, _rules, _score_only
from upwork_safety.jss._reports import Outcome
from upwork_safety.jss._tally import _contribute, _Contribution, _cuts, _outcome, _Tally, _Totals
from upwork_safety.models import Contract, ContractKind, EndReason, Feedback, Payment
from upwork_safety.money import exact
from upwork_safety.rules import JSSRules, RuleHistory

__all__ = ["MAX_JOBS", "MAX_TRIALS", "Forecast", "ForecastBin", "FutureJob", "forecast"]

# Documented where upwork_safety.jss re-binds it.
MAX_JOBS = 120
#: How many outcomes a forecast draws at a time: the draws are made in
#: chunks of whole trials from one generator, so memory stays bounded
#: whatever the trials and the result is that of drawing them all at once.
_CHUNK_PICKS = 1 << 16
#: How many distinct trial totals a forecast remembers the score of; the
#: memo is emptied when full (scores are recomputed, never different).
_MEMO_LIMIT = 1 << 16


_SIMULATED = (Outcome.POSITIVE, Outcome.NEUTRAL, Outcome.NEGATIVE)


def _odds(value: object) -> tuple[Decimal, ...]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError(
            "outcome_odds must map Outcome.POSITIVE/NEUTRAL/NEGATIVE to chances, "
            f"not {type(value).__name__}",
            field="outcome_odds",
            rule="a mapping of Outcome to chance",
        )
    odds = dict.fromkeys(_SIMULATED, Decimal(0))
    rule = "keys POSITIVE, NEUTRAL, NEGATIVE"
    seen: set[Outcome] = set()
    # Each outcome once: a mapping whose items repeat a key (or never end) is refused
    # by the fourth item at the latest, never read on (red team r30 M1).
    for key, chance in _items(cast("Mapping[object, object]", value)):
        outcome = key
        if not isinstance(outcome, Outcome):
            raise InvalidTypeError(
                "outcome_odds keys must be Outcome.POSITIVE, NEUTRAL or NEGATIVE, not "
                f"{type(key).__name__} {shown(key)}",
                field="outcome_odds",
                rule=rule,
            )
        if outcome not in odds:
            raise InvalidValueError(
                "outcome_odds keys must be Outcome.POSITIVE, NEUTRAL or NEGATIVE, got "
                f"{shown(key)}",
                field="outcome_odds",
                rule=rule,
            )
        what = f"outcome_odds[Outcome.{outcome.name}]"
        if outcome in seen:
            raise InvalidValueError(
                f"{what} is given twice: a mapping holds each key once",
                field="outcome_odds",
                rule="each outcome once",
            )
        seen.add(outcome)
        amount = decimal_value(chance, what)
        if not Decimal(0) <= amount <= Decimal(1):
            raise InvalidValueError(
                f"{what} must be from 0 to 1, got {amount}", field=what, rule="from 0 to 1"
            )
        odds[outcome] = amount
    if type(value) is not dict:
        restore_context()  # the caller's mapping ran: the library's context back
    total = sum(odds.values(), Decimal(0))
    if total != 1:
        raise InvalidValueError(
            f"outcome_odds must sum to exactly 1, got {total}",
            field="outcome_odds",
            rule="chances summing to 1",
        )
    return tuple(odds[outcome] for outcome in _SIMULATED)


def _items(value: Mapping[object, object]) -> Iterator[tuple[object, object]]:
    """The items of the caller's *value*, each refused unless it is a (key, chance) pair.

    The caller's own code raising (its ``items()``, ``__iter__`` or
    ``__getitem__``) propagates unchanged, as everywhere in the library
    (docs/api/errors.md, "When your own code raises").
    """
    for pair in value.items():
        if type(pair) is not tuple or len(pair) != 2:
            raise InvalidValueError(
                "outcome_odds must be a mapping: its items() gave "
                f"{type_name(pair)} {shown(pair)}, not a (key, chance) pair",
                field="outcome_odds",
                rule="a mapping of Outcome to chance",
            )
        yield pair


def _simulated_feedback(outcome: Outcome, rules: JSSRules) -> Feedback:
    if outcome is Outcome.POSITIVE:
        return Feedback(stars=Decimal(5), private_score=10, end_reason=EndReason.COMPLETED)
    if outcome is Outcome.NEUTRAL:
        return Feedback(stars=rules.negative_stars_below)
    return Feedback(stars=Decimal(1), private_score=0, end_reason=EndReason.UNSUCCESSFUL)


def _new_client_ids(jobs: Sequence[FutureJob], taken: frozenset[str]) -> list[str]:
    """The id of each job's client: its own, or a new one that no other client has.

    A job without a client gets ``future-client-N`` (N its position).  When
    any of those ids is in *taken* (the clients of the history and of
    *exclude_clients*) or is a client a job names, every new id gets one
    more ``'`` than any of those ids ends with, so none can equal them: a
    new client is never judged a rehire of someone in the history nor left
    out by *exclude_clients*.  The work is linear in the ids, whatever they are.
    """
    named = {job.client_id for job in jobs if job.client_id is not None}
    plain = [f"future-client-{number}" for number in range(1, len(jobs) + 1)]
    suffix = ""
    if any(client in taken or client in named for client in plain):
        quotes = max(len(client) - len(client.rstrip("'")) for client in (*taken, *named))
        suffix = "'" * (quotes + 1)
    return [
        job.client_id if job.client_id is not None else client + suffix
        for job, client in zip(jobs, plain, strict=True)
    ]


def _finished(planned: Sequence[FutureJob], items: Sequence[Contract]) -> dict[int, int]:
    """For each job that finishes an open contract, the place of that contract in *items*.

    Refused, naming ``jobs[i].finishes``: an id no contract has, a contract
    that has ended (it has an ``ended`` day), or one a job before finishes.
    """
    position = {contract.id: index for index, contract in enumerate(items)}
    first: dict[str, int] = {}
    found: dict[int, int] = {}
    for index, job in enumerate(planned):
        if job.finishes is None:
            continue
        field = f"jobs[{index}].finishes"
        where = position.get(job.finishes)
        if where is None:
            raise InvalidValueError(
                f"{field} is {shown(job.finishes)}, which no contract in contracts has: "
                "finishes takes the id of an open contract you have",
                field=field,
                rule="the id of a contract in contracts",
            )
        ended = items[where].ended
        if ended is not None:
            raise InvalidValueError(
                f"{field} names contract {shown(job.finishes)}, which ended on {ended}: only "
                "an open contract (no ended day) can be finished; ask what_if(replace=...) "
                "about a change to an ended one",
                field=field,
                rule="an open contract",
            )
        if job.finishes in first:
            raise InvalidValueError(
                f"{field} names contract {shown(job.finishes)}, which jobs"
                f"[{first[job.finishes]}] already finishes: a contract ends once",
                field=field,
                rule="each open contract finished by one job",
            )
        first[job.finishes] = index
        found[index] = where
    return found


def _future_contracts(
    jobs: Sequence[FutureJob],
    start: date,
    taken: frozenset[str],
    finishing: Mapping[int, Contract] | None = None,
) -> tuple[list[Contract], date]:
    """One contract per job (without feedback), and the day the last one ends.

    New jobs run back to back from *start*; a job that finishes an open
    contract (*finishing*: job index to that contract) runs from *start*
    beside them, and is that contract ended on its last day with the job's
    payment added (none by default).  *taken* are the client ids a new client must not have
    (see :func:`_new_client_ids`).
    """
    finishing = finishing or {}
    contracts: list[Contract] = []
    clients = _new_client_ids(jobs, taken)
    chain = horizon = start
    for index, (job, client) in enumerate(zip(jobs, clients, strict=True)):
        begins = start if index in finishing else chain
        if job.days > (LATEST - begins).days:
            raise InvalidValueError(
                f"the future jobs would run past {LATEST.isoformat()}, the last supported day",
                field="jobs",
                rule=f"ending on or before {LATEST.isoformat()}",
            )
        end = begins + timedelta(days=job.days)
        paid = (Payment(end, job.amount),) if job.amount.amount > 0 else ()
        open_one = finishing.get(index)
        if open_one is None:
            contracts.append(
                Contract(
                    id=f"future-{index + 1}",
                    client=client,
                    kind=ContractKind.FIXED_PRICE,
                    started=begins,
                    ended=end,
                    payments=paid,
                )
            )
            chain = end
        else:
            contracts.append(_ended_version(open_one, end, paid, index))
        horizon = max(horizon, end)
    return contracts, horizon


def _ended_version(
    contract: Contract, end: date, paid: tuple[Payment, ...], index: int
) -> Contract:
    """*contract* ended on *end* with *paid* added, as job *index* finishes it; else refused.

    The contract's own rules decide (an end before its start or its last
    payment, a payment in another currency); the refusal names ``jobs[i]``
    and keeps the contract's error type and words.
    """
    try:
        return attrs.evolve(
            contract, ended=end, payments=(*contract.payments, *paid), feedback=None
        )
    except InvalidValueError as error:
        raise type(error)(
            f"jobs[{index}] cannot finish contract {shown(contract.id)} on {end}: {error}",
            field=f"jobs[{index}]",
            rule="an end the open contract can take: on or after its start and payments, "
            "paid in its currency",
        ) from error


def _jobs(value: object) -> tuple[FutureJob, ...]:
    """The planned jobs: one to ``jss.MAX_JOBS`` :class:`FutureJob` values.

    An iterable is read no further than one job past the limit, so an
    endless generator is refused without being exhausted.
    """
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes, Mapping)):
        value = tuple(islice(cast("Iterable[object]", value), MAX_JOBS + 1))
        restore_context()  # the caller's iterator ran: the library's context back
    planned = sequence_of(value, FutureJob, "jobs")
    if not planned:
        raise InvalidValueError(
            "jobs must hold at least one FutureJob", field="jobs", rule="at least one job"
        )
    if len(planned) > MAX_JOBS:
        raise InvalidValueError(
            f"jobs must hold at most {MAX_JOBS:,} FutureJob values (jss.MAX_JOBS)",
            field="jobs",
            rule=f"at most {MAX_JOBS:,} jobs",
        )
    return planned


def _check_trials(trials: object, seed: object) -> tuple[int, int]:
    """*trials* and *seed* as the plain ints they hold, each within its rule; else refused."""
    return count(trials, "trials", low=1, high=MAX_TRIALS), _check_seed(seed, "seed")


def _places(values: Iterable[Decimal]) -> int:
    """The decimal places needed to write every value as a whole number of units."""
    return max((-v.as_tuple().exponent for v in values if v.as_tuple().exponent < 0), default=0)  # type: ignore[operator]


class _Simulation:
    """The per-trial arithmetic of a forecast, in whole numbers (private).

    Each future job's contribution to each slot (successes, neutrals,
    negatives and total weight, scaled to whole units by one power of ten;
    the number of contracts; whether its client is new) is written as one
    non-negative whole number per column.  The columns of a contribution
    are packed side by side into one Python int, each in a field wide
    enough that the sum of every job's value cannot overflow it, so a
    trial's totals are the exact sum of one int per job; they are unpacked
    (and the score computed) once per distinct sum.
    """

    _COLUMNS = 6  # successes, neutrals, negatives, total, count, new client

    def __init__(
        self,
        base: _Tally,
        variants: Sequence[tuple[_Contribution | None, ...]],
        rules: JSSRules,
    ) -> None:
        self.base = base
        self.rules = rules
        self.slots = range(len(base.total))
        weights = [c[1] for row in variants for c in row if c is not None]
        self.places = _places(weights)
        clients = [next((c[2] for c in row if c is not None), None) for row in variants]
        named = [c for c in clients if c is not None]
        #: Whether every future job has its own client (then "new client" flags add up).
        self.unique = len(set(named)) == len(named)
        self.clients = clients
        vectors = [[self._vector(c) for c in row] for row in variants]
        largest = max((v for row in vectors for vector in row for v in vector), default=0)
        #: Bits per column: room for the sum of every job's largest value.
        self.bits = (largest * max(len(variants), 1)).bit_length() + 1
        self.rows = [tuple(self._pack(vector) for vector in row) for row in vectors]
        self.flags = [tuple(self._new_clients(vector) for vector in row) for row in vectors]
        self.memo: dict[int | tuple[int, ...], int | None] = {}

    def _vector(self, contribution: _Contribution | None) -> tuple[int, ...]:
        width = self._COLUMNS * len(self.slots)
        if contribution is None:
            return (0,) * width
        outcome, weight, client, inside = contribution
        units = int(weight.scaleb(self.places, context=CONTEXT))
        out: list[int] = []
        for index in self.slots:
            if not inside[index]:
                out += (0,) * self._COLUMNS
                continue
            out += (
                units if outcome is Outcome.POSITIVE else 0,
                units if outcome is Outcome.NEUTRAL else 0,
                units if outcome is Outcome.NEGATIVE else 0,
                units,
                1,
                int(client not in self.base.clients[index]),
            )
        return tuple(out)

    def _pack(self, vector: Sequence[int]) -> int:
        packed = 0
        for position, value in enumerate(vector):
            packed |= value << (position * self.bits)
        return packed

    def _unpack(self, packed: int) -> list[int]:
        mask = (1 << self.bits) - 1
        return [
            (packed >> (position * self.bits)) & mask
            for position in range(self._COLUMNS * len(self.slots))
        ]

    def _new_clients(self, vector: Sequence[int]) -> tuple[bool, ...]:
        return tuple(bool(vector[self._COLUMNS * i + 5]) for i in self.slots)

    def score(self, picks: Sequence[int]) -> int | None:
        """The score of one trial whose outcomes are *picks* (indices into _SIMULATED)."""
        rows = self.rows
        packed = sum([rows[j][p] for j, p in enumerate(picks)])
        key: int | tuple[int, ...] = packed if self.unique else (packed, *self._fresh(picks))
        found = self.memo.get(key, self.memo)
        if found is self.memo:
            found = _outcome(self._totals(key), self.rules)[0]
            if len(self.memo) >= _MEMO_LIMIT:
                self.memo.clear()
            self.memo[key] = found
        return cast("int | None", found)

    def _fresh(self, picks: Sequence[int]) -> tuple[int, ...]:
        """Distinct new clients per slot, when some future jobs share a client."""
        return tuple(
            len({self.clients[j] for j, p in enumerate(picks) if self.flags[j][p][index]})
            for index in self.slots
        )

    def _totals(self, key: int | tuple[int, ...]) -> _Totals:
        packed = key if isinstance(key, int) else key[0]
        sums = self._unpack(packed)
        base, places = self.base, -self.places
        totals = _Totals(len(self.slots))
        for index in self.slots:
            s, nu, ng, t, count, fresh = sums[self._COLUMNS * index : self._COLUMNS * (index + 1)]
            if isinstance(key, tuple):
                fresh = key[1 + index]
            totals.successes[index] = base.successes[index] + Decimal(s).scaleb(places)
            totals.neutrals[index] = base.neutrals[index] + Decimal(nu).scaleb(places)
            totals.negatives[index] = base.negatives[index] + Decimal(ng).scaleb(places)
            totals.total[index] = base.total[index] + Decimal(t).scaleb(places)
            totals.count[index] = base.count[index] + count
            totals.distinct[index] = base.distinct[index] + fresh
        return totals


def _simulate(
    simulation: _Simulation,
    jobs: int,
    *,
    odds: tuple[Decimal, ...],
    trials: int,
    seed: int,
) -> Counter[int | None]:
    """Run the trials and count the scores they end at.

    The outcomes of many trials are drawn in one ``choices`` call, at most
    ``_CHUNK_PICKS`` picks (whole trials) at a time so that memory stays
    bounded: ``random.Random.choices`` draws each pick from the same stream
    in turn (one ``random()`` per pick), so the chunks make the same
    sequence as one call of ``jobs`` picks per trial, or of ``jobs * trials``
    picks at once (the same seed gives the same trials).
    """
    rng = random.Random(seed)  # noqa: S311  (a simulation, not cryptography)
    cumulative = [float(sum(odds[: i + 1], Decimal(0))) for i in range(len(odds))]
    population = range(len(_SIMULATED))
    score = simulation.score
    counts: Counter[int | None] = Counter()
    per_chunk = max(1, _CHUNK_PICKS // jobs)
    for first in range(0, trials, per_chunk):
        size = jobs * min(per_chunk, trials - first)
        picks = rng.choices(population, cum_weights=cumulative, k=size)
        counts.update(score(picks[start : start + jobs]) for start in range(0, size, jobs))
    return counts


@exact
def forecast(
    contracts: Iterable[Contract],
    *,
    as_of: date | datetime,
    jobs: Iterable[FutureJob],
    outcome_odds: Mapping[Outcome, Decimal | str | int],
    trials: int,
    seed: int,
    rules: JSSRules | RuleHistory[JSSRules] | None = None,
    exclude_clients: Iterable[str] = (),
) -> Forecast:
    """Simulate the score after some future jobs, many times (seeded Monte Carlo).

    New jobs run back to back from *as_of*, each paid in full on its last
    day, each for a new client unless it names one (a new client is one
    that is neither in the history nor in *exclude_clients*, whatever their
    ids are; jobs never share a new client; a job naming an existing
    client is a rehire).  A job that ``finishes`` an open contract runs
    from *as_of* beside them: the trial replaces that contract by its ended
    version, with the job's payment on its last day and the drawn feedback,
    as ``what_if(replace=...)`` would.  Each trial draws every
    job's outcome in order with ``random.Random(seed).choices`` over
    POSITIVE, NEUTRAL, NEGATIVE and turns it into feedback (5 stars and
    10/10; middling stars; 1 star, 0/10 and "unsuccessful").  The model then
    judges the jobs like any contract, so a neutral job that lasts three
    months or is a rehire counts as positive.  The score is read on the day
    the last job ends, as :func:`score` reads it on that day (under biweekly
    rules, the snapshot on or before it, so a job that ends after that
    snapshot does not count yet).  No global random state is used: the same seed
    gives the same answer.

    Args:
        contracts: The real history.
        as_of: The day the first job starts (and every job that
            finishes an open contract).
        jobs: The future jobs, a sequence of 1 to ``jss.MAX_JOBS`` (120)
            :class:`FutureJob` values.
        outcome_odds: Chances of ``Outcome.POSITIVE``, ``NEUTRAL`` and
            ``NEGATIVE`` (``Decimal``, ``str`` or ``int``), summing to 1;
            a mapping whose items give an outcome twice, or raise, is
            refused (``InvalidValueError``, field ``outcome_odds``).
        trials: How many trials, from 1 to ``jss.MAX_TRIALS`` (1,000,000).
            The outcomes are drawn a bounded chunk at a time, so memory
            does not grow with *trials*; time grows with ``trials × jobs``.
        seed: The seed for ``random.Random``: an int from 0, of at most
            256 bits (``random.Random`` reads ``-7`` as ``7``, so negative
            seeds are refused).
        rules: The rule set; default the one in force when the last job ends.
        exclude_clients: Client ids to leave out (a job that names one of
            them is left out too; a job for a new client never is), each
            the client of a contract or named by a job (else refused:
            ``InvalidValueError``, field ``exclude_clients[i]``).

    Returns:
        A :class:`Forecast`.

    Raises:
        InvalidTypeError: *jobs* is not a sequence of :class:`FutureJob`
            (one job must be wrapped in a list), or a wrong-typed argument.
        InvalidValueError: Odds that do not sum to 1, no jobs or more than
            ``jss.MAX_JOBS``, fewer than one trial or more than
            ``jss.MAX_TRIALS``, a naive datetime; a job that finishes an
            id no contract has, a contract that has ended, or one an
            earlier job finishes (field ``jobs[i].finishes``), or that ends
            it as it cannot end (field ``jobs[i]``; the contract's own
            error type, e.g. ``CurrencyMismatchError``).
        RulesError: *as_of* before 2015-03-01 without explicit *rules*
            (the error names ``as_of``).
    """
    day = utc_day(as_of, "as_of")
    items = _contracts(contracts)
    planned = _jobs(jobs)
    odds = _odds(outcome_odds)
    trials, seed = _check_trials(trials, seed)
    named = [job.client_id for job in planned if job.client_id is not None]
    excluded = _client_ids(exclude_clients, items, "contracts or jobs", also=named)
    taken = excluded | {contract.client.id for contract in items}
    finished = _finished(planned, items)
    future, horizon = _future_contracts(
        planned, day, taken, {job: items[where] for job, where in finished.items()}
    )
    # A finished contract is played as a job: the history keeps the others.
    played = set(finished.values())
    kept = [index for index in range(len(items)) if index not in played]
    # Today's rules first: a day before the first rule set is *as_of*'s fault,
    # not the jobs' (red team r23: the error named "jobs").
    today = _rules(rules, day)
    chosen = _rules(rules, horizon, "jobs")
    # A job's amount is its contract's one payment: a job in another currency is named
    # there; a finished contract's first payment is its own, named where it was passed.
    jobs_paid = (
        paid_at(f"contracts[{finished[index]}]")
        if index in finished and items[finished[index]].payments
        else f"jobs[{index}].amount"
        for index in range(len(future))
    )
    where = [*(paid_at(f"contracts[{index}]") for index in kept), *jobs_paid]
    facts = _build(
        [*(items[index] for index in kept), *future],
        chosen,
        excluded,
        words=False,
        paid_fields=where,
    )
    # Today's score from the real contracts alone: a planned job for a past
    # client would otherwise make an old contract a rehire before it exists.
    current = _score_only(_build(items, today, excluded, words=False), day, today)[0]
    on = chosen.snapshot(horizon)
    cuts = _cuts(on, chosen)
    tally = _Tally(len(cuts))
    for item in facts[: len(kept)]:
        contribution = _contribute(item, on, chosen, cuts)
        if contribution is not None:
            tally.add(contribution, 1)
    variants: list[tuple[_Contribution | None, ...]] = []
    for base, contract in zip(facts[len(kept) :], future, strict=True):
        row: list[_Contribution | None] = []
        for outcome in _SIMULATED:
            judged = attrs.evolve(contract, feedback=_simulated_feedback(outcome, chosen))
            # Its payments are the job's, already checked as jobs[i] (its currency).
            item = _Facts(
                judged, chosen, excluded=base.excluded, rehire_from=base.rehire_from, words=False
            )
            row.append(_contribute(item, on, chosen, cuts))
        variants.append(tuple(row))
    simulation = _Simulation(tally, variants, chosen)
    counts = _simulate(simulation, len(variants), odds=odds, trials=trials, seed=seed)
    bins = tuple(ForecastBin(result, counts[result]) for result in sorted(counts, key=_bin_order))
    return Forecast(as_of=day, on=horizon, current=current, trials=trials, seed=seed, bins=bins)
