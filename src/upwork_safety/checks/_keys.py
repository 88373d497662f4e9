r"""Literal keys derived from a regular expression, so a prefilter can never hide its match.

An :class:`~upwork_safety.checks._sentences.Anchor` first looks for plain substrings
(its keys) and runs its pattern only where one occurs.  Keys written by hand drift from
the pattern they guard: a new alternative such as "within scope" matched the pattern
but none of its keys, so the code's rule never read the message (review r38, scanner 1).
:func:`required_keys` reads the pattern's parse tree instead and returns substrings of
which every match holds at least one, in the manner of a trigram index's query planner:

* a literal, a small character class, an optional or briefly repeated piece of those,
  and an alternation of such pieces have a finite set of exact texts, which join end to
  end while the set stays small;
* an alternation requires one of the keys of its branches; a piece repeated at least
  once requires its body's keys; anything else (``\w+``, ``.*``) requires nothing and
  breaks the run of exact texts;
* of the runs and the pieces a sequence requires, the one whose shortest key is longest
  is kept.

The result is sound by construction (each step only ever claims what every match
must contain), and an empty result means the pattern needs no literal text, so the
prefilter lets everything through.  A piece matched case-insensitively (``(?i)`` for the
whole pattern, or a group's ``(?i:...)``) claims nothing: its literals are not the texts
it matches, and the keys are found case-sensitively (review r38, diff review 9).
"""

from __future__ import annotations

import importlib
import re
import sys
from typing import Any

# ``re._parser`` (3.11+) is ``sre_parse`` before it; neither is in the stubs as a package
# member, so it is loaded by name and read untyped.
_PARSER: Any = importlib.import_module("re._parser" if sys.version_info >= (3, 11) else "sre_parse")

#: The most exact texts a piece may stand for before it is read as a requirement only.
_MOST_TEXTS = 256
#: The widest character class read as a set of exact one-character texts.
_WIDEST_CLASS = 12
#: The shortest word a key is cut to (shorter ones keep their whole key).
_SHORTEST_WORD = 3
#: The most repetitions of a piece expanded into exact texts (``s?``, ``(?:ji ){0,2}``).
_MOST_REPEATS = 2

#: Stands for any ``\\d`` in a key (a digit need not be ASCII); :func:`keys_pattern` reads it back.
DIGIT = "\ue000"

Texts = frozenset[str]


def required_keys(pattern: str) -> Texts:
    r"""Substrings one of which occurs in every match of *pattern* (empty: none is needed).

    >>> sorted(required_keys(r"\b(?:within|in) (?:the )?scope\b"))
    ['in scope', 'in the scope', 'within scope', 'within the scope']
    >>> sorted(required_keys(r"\bextra \w+ (?:page|screen)s?\b"))
    ['extra ']
    >>> required_keys(r"\w+")
    frozenset()
    """
    parsed = _PARSER.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:  # "(?i)" for the whole pattern: no exact text
        return frozenset()
    found = _required(parsed)
    return frozenset() if found is None else found


def _caseless(av: Any) -> bool:
    """Whether a ``SUBPATTERN`` node (group, add-flags, del-flags, body) turns on ``(?i)``."""
    return bool(av[1] & re.IGNORECASE)


def keys_pattern(pattern: str) -> re.Pattern[str]:
    r"""A pattern finding the keys of *pattern*, each cut to its longest word.

    Cutting a key to a part of it keeps the promise (the part is in every text the key
    is in) and keeps the alternation short.  With no key, it matches every text.

    >>> keys_pattern(r"\b(?:within|in) (?:the )?scope\b").pattern
    'scope|within'
    >>> print(keys_pattern(r"\$\d{2}").pattern)
    \$\d\d
    """
    cut = {_longest_word(k) for k in required_keys(pattern)}
    kept = sorted(k for k in cut if not any(o != k and o in k for o in cut))
    return re.compile("|".join(re.escape(k).replace(DIGIT, r"\d") for k in kept))


def _longest_word(key: str) -> str:
    word = max(re.findall(r"\w+", key), key=len, default="")
    return word if len(word) >= _SHORTEST_WORD else key


def _name(op: Any) -> str:
    return str(op.name) if hasattr(op, "name") else str(op)


def _join(left: Texts, right: Texts) -> Texts | None:
    """Every text of *left* followed by every text of *right*, or None if too many."""
    if len(left) * len(right) > _MOST_TEXTS:
        return None
    return frozenset(a + b for a in left for b in right)


def _exact(items: Any) -> Texts | None:
    """All the texts a sequence can match, if they are few and known."""
    texts: Texts | None = frozenset({""})
    for op, av in items:
        piece = _exact_piece(op, av)
        if piece is None or texts is None:
            return None
        texts = _join(texts, piece)
    return texts


def _exact_piece(op: Any, av: Any) -> Texts | None:  # noqa: PLR0911 - one branch per node kind
    """All the texts one parse-tree node can match, if they are few and known."""
    name = _name(op)
    if name == "LITERAL":
        return frozenset({chr(av)})
    if name in {"AT", "ASSERT", "ASSERT_NOT"}:
        return frozenset({""})  # zero-width: adds no text to the match
    if name == "IN":
        return _class(av)
    if name == "SUBPATTERN":
        return None if _caseless(av) else _exact(av[-1])
    if name == "ATOMIC_GROUP":
        return _exact(av)
    if name == "BRANCH":
        branches = [_exact(b) for b in av[1]]
        if any(b is None for b in branches):
            return None
        union = frozenset().union(*(b for b in branches if b is not None))
        return union if len(union) <= _MOST_TEXTS else None
    if name in {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}:
        low, high, body = av
        if high > _MOST_REPEATS:
            return None
        return _repeated(_exact(body), low, high)
    return None


def _repeated(body: Texts | None, low: int, high: int) -> Texts | None:
    if body is None:
        return None
    texts: Texts = frozenset({""})
    every: set[str] = set(texts) if low == 0 else set()
    for count in range(1, high + 1):
        joined = _join(texts, body)
        if joined is None:
            return None
        texts = joined
        if count >= low:
            every |= texts
    return frozenset(every) if len(every) <= _MOST_TEXTS else None


def _class(items: Any) -> Texts | None:
    """The characters of a small, plain character class (no category, no negation)."""
    chars: set[str] = set()
    for op, av in items:
        name = _name(op)
        if name == "LITERAL":
            chars.add(chr(av))
        elif name == "CATEGORY" and _name(av) == "CATEGORY_DIGIT":
            chars.add(DIGIT)
        elif name == "RANGE" and av[1] - av[0] < _WIDEST_CLASS:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
    return frozenset(chars) if len(chars) <= _WIDEST_CLASS else None


def _required(items: Any) -> Texts | None:
    """Texts one of which every match of a sequence holds (None: nothing is required)."""
    candidates: list[Texts] = []
    run: Texts = frozenset({""})
    for op, av in items:
        piece = _exact_piece(op, av)
        if piece is not None:
            joined = _join(run, piece)
            if joined is not None:
                run = joined
                continue
            candidates.append(run)
            run = piece
            continue
        candidates.append(run)
        run = frozenset({""})
        needed = _required_piece(op, av)
        if needed is not None:
            candidates.append(needed)
    candidates.append(run)
    useful = [c for c in candidates if c and "" not in c]
    if not useful:
        return None
    return max(useful, key=lambda c: (min(len(t) for t in c), -len(c)))


def _required_piece(op: Any, av: Any) -> Texts | None:
    """Texts one of which every match of one parse-tree node holds."""
    name = _name(op)
    if name == "SUBPATTERN":
        return None if _caseless(av) else _required(av[-1])
    if name == "ATOMIC_GROUP":
        return _required(av)
    if name == "BRANCH":
        branches = [_required(b) for b in av[1]]
        if any(b is None for b in branches):
            return None
        return frozenset().union(*(b for b in branches if b is not None))
    if name in {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"} and av[0] >= 1:
        return _required(av[2])
    return None
