"""The small trained model that backs up the rules: one logistic regression per message code.

Trained by ``benchmarks/scanner_model.py`` on the development corpus only;
its weights ship as data in :mod:`._weights` (pure Python at run time, no
dependency).  It reads the words and word pairs of the normalised message
and the message's direction.

It is used in one way only: where the rules found nothing for a code (and
did not clear it: :func:`._intent.cleared`, as in "I'll pay you through
Upwork"), the model adds that code when its probability is above the code's
*limit*, the highest probability it gave, out of fold, to any development
message without that code.  Such a finding has ``Confidence.LOW`` and its
evidence is the word (or word pair) that weighed most for it, with the
neighbouring words of its sentence that weigh for it too.  The model was
kept because, in the one comparison on the held-out set, rules plus model
beat the rules alone (docs/checks.md has both figures).
"""

from __future__ import annotations

import math
import re
from itertools import pairwise
from types import MappingProxyType
from typing import TYPE_CHECKING

from upwork_safety.checks import _weights
from upwork_safety.checks._codes import Confidence, FindingCode
from upwork_safety.checks._sentences import Hit
from upwork_safety.errors import InvalidDataError

if TYPE_CHECKING:
    from collections.abc import Mapping

_TOKEN = re.compile(r"[a-z0-9$@']+|[\u0600-\u06ff]+")


def features(normal: str, direction: str) -> set[str]:
    """The model's features of a normalised message: words, word pairs and the direction."""
    words = _TOKEN.findall(normal)
    found = {f"w:{w}" for w in words}
    found.update(f"b:{a} {b}" for a, b in pairwise(words))
    found.add(f"d:{direction}")
    return found


def _load() -> tuple[Mapping[str, int], Mapping[FindingCode, tuple[float, tuple[float, ...]]]]:
    index = {name: i for i, name in enumerate(_weights.FEATURES.split("\n"))}
    models = {
        FindingCode(code): (bias, tuple(float(w) for w in weights.split()))
        for code, (bias, weights) in _weights.WEIGHTS.items()
    }
    if any(len(w) != len(index) for _, w in models.values()):  # pragma: no cover
        problem = "checks._weights: one weight per feature; rerun benchmarks/scanner_model.py"
        raise InvalidDataError([problem])
    return MappingProxyType(index), MappingProxyType(models)


_INDEX, _MODELS = _load()
#: Per code, the probability above which the model adds a finding.
LIMITS: Mapping[FindingCode, float] = MappingProxyType(
    {FindingCode(code): limit for code, limit in _weights.LIMITS.items()}
)


def probability(code: FindingCode, found: set[str]) -> float:
    """The model's probability that a message with features *found* carries *code*."""
    bias, weights = _MODELS[code]
    z = bias + sum(weights[i] for f in found if (i := _INDEX.get(f)) is not None)
    return 1 / (1 + math.exp(-max(min(z, 30.0), -30.0)))


def _evidence(code: FindingCode, normal: str, found: set[str]) -> tuple[int, int]:
    """The words that weighed most for *code*: the strongest word or pair, with its neighbours.

    The strongest feature alone is often one bare word ("me", "5", "number");
    the evidence runs on over the neighbouring words, in the same sentence, that
    also weigh for the code (a word and its pair with the evidence together),
    to at most :data:`EVIDENCE_WORDS` words: "contact me on whatsapp", not "me".
    """
    _, weights = _MODELS[code]
    scored = [
        (weights[i], f)
        for f in found
        if f[0] in "wb" and (i := _INDEX.get(f)) is not None and weights[i] > 0
    ]
    if not scored:
        return (0, len(normal))
    _, best = max(scored)
    wanted = best[2:].split(" ")
    tokens = list(_TOKEN.finditer(normal))
    words = [t.group() for t in tokens]
    for start in range(len(tokens) - len(wanted) + 1):
        if words[start : start + len(wanted)] == wanted:
            first, last = _widen(code, normal, tokens, start, start + len(wanted) - 1)
            return (tokens[first].start(), tokens[last].end())
    return (0, len(normal))  # pragma: no cover  (every feature comes from a token)


#: The most words the model's evidence runs over.
EVIDENCE_WORDS = 6
_SENTENCE_BREAK = re.compile(r"[.!?\n]")


def _weight(code: FindingCode, feature: str) -> float:
    i = _INDEX.get(feature)
    return 0.0 if i is None else _MODELS[code][1][i]


def _widen(
    code: FindingCode, normal: str, tokens: list[re.Match[str]], first: int, last: int
) -> tuple[int, int]:
    """Grow ``[first, last]`` over neighbouring tokens that weigh for *code*, one at a time."""
    while last - first + 1 < EVIDENCE_WORDS:
        options = []
        if first > 0 and not _SENTENCE_BREAK.search(
            normal, tokens[first - 1].end(), tokens[first].start()
        ):
            word, edge = tokens[first - 1].group(), tokens[first].group()
            options.append((_weight(code, f"w:{word}") + _weight(code, f"b:{word} {edge}"), -1))
        if last + 1 < len(tokens) and not _SENTENCE_BREAK.search(
            normal, tokens[last].end(), tokens[last + 1].start()
        ):
            edge, word = tokens[last].group(), tokens[last + 1].group()
            options.append((_weight(code, f"w:{word}") + _weight(code, f"b:{edge} {word}"), 1))
        gain, side = max(options, default=(0.0, 0))
        if gain <= 0:
            break
        if side < 0:
            first -= 1
        else:
            last += 1
    return first, last


def model_hits(
    normal: str, direction: str, *, codes: tuple[FindingCode, ...], found: set[FindingCode]
) -> list[Hit]:
    """The codes among *codes*, not already *found* (or cleared) by the rules, that it adds."""
    present = features(normal, direction)
    hits: list[Hit] = []
    for code in codes:
        if code in found or probability(code, present) <= LIMITS[code]:
            continue
        hits.append(Hit(code, *_evidence(code, normal, present), Confidence.LOW))
    return hits
