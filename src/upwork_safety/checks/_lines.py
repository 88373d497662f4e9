"""Where a line break falls in a message: inside a sentence, at its end, or either.

Read by :mod:`._normalise` when it turns white space into one space or one
newline (a sentence end).  Chat apps wrap lines as people type, so a break
is not always a sentence end.  Three cases:

* **inside a sentence** (:func:`mid_sentence`): after a comma, or where the
  line cannot end or the next cannot start ("pay you" / "via PayPal");
  always a space;
* **either** (:func:`wrapped` and :func:`cased_as_wrapped`): one break between
  two words, no punctuation at it, the next line starting with a small
  letter ("Send me your bank" / "account details"); a sentence end in the
  scanner's first reading, a space in its second (``_messages._wrapped_hits``);
* every other break (after a full stop, "!", "?" or colon, before a list's
  dash or number, a blank line, a capital after a small letter) ends a
  sentence.
"""

from __future__ import annotations

import re

from upwork_safety.checks._lexicon import RUNS_ON_AFTER, RUNS_ON_BEFORE

#: A line break of any kind (Unicode's mandatory breaks).
LINE_BREAK = re.compile(r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def mid_sentence(text: str, start: int, end: int) -> bool:
    """Whether the line break in ``text[start:end]`` falls inside a sentence.

    It does when the line before ends in a comma and the next starts with a
    letter or a digit, or when a word ends the line and a word starts the
    next and either cannot sit there in a sentence: the line ends with a word
    no sentence ends with (``_lexicon.RUNS_ON_AFTER``: "to", "on", "my", "pe"...) or
    the next starts with one no sentence starts with (``_lexicon.RUNS_ON_BEFORE``:
    "via", "through", "bahar"...).  So "I'll pay you" then "via PayPal" runs
    on, but not "Forget the Upwork fee" then "I will pay you ..." (review r23
    H1), an unpunctuated list (M1), "Thanks!" then "Start today", "Tasks:" then
    a list, a list's "- item", nor a line after a blank one.  Case is not read,
    so upper-casing a message never changes how it is cut (only whether a
    second reading joins a line that may be wrapped, :func:`cased_as_wrapped`).
    """
    if len(LINE_BREAK.findall(text[start:end].replace("\r\n", "\n"))) > 1:
        return False  # a blank line: a new paragraph
    before, after = text[start - 1], text[end]
    if before == ",":
        return after.isalnum()
    if not (before.isalnum() and after.isalnum()):
        return False
    # Between two words, only a line that cannot end there or one that cannot start
    # there runs on (review r23 H1, M1): "pay you" / "via PayPal", "talk on" /
    # "WhatsApp"; not "Forget the Upwork fee" / "I will pay you ...", nor a brief's
    # unpunctuated list ("Team" / "our accountant pays ..." / "we need ...").
    last = _WORD_BEFORE.search(text, max(0, start - _LONGEST_WORD), start)
    first = _WORD_AFTER.match(text, end)
    return bool(
        (last and last.group().casefold() in RUNS_ON_AFTER)
        or (first and first.group().casefold() in RUNS_ON_BEFORE)
    )


#: How far back the last word of a line is looked for (bounded: one look per line break).
_LONGEST_WORD = 24
#: The last word of a line, and the first of the next.
_WORD_BEFORE = re.compile(r"\w+(?=\W*$)")
_WORD_AFTER = re.compile(r"\w+")


def wrapped(text: str, start: int, end: int) -> bool:
    """Whether the line break in ``text[start:end]`` may wrap a sentence as well as end it.

    It may when it is one break (no blank line), a letter or a digit ends the
    line and a letter starts the next: no full stop, "!", "?", colon or comma
    before it, no list's dash, bullet or number after it.
    """
    if len(LINE_BREAK.findall(text[start:end].replace("\r\n", "\n"))) > 1:
        return False
    return text[start - 1].isalnum() and text[end].isalpha()


def cased_as_wrapped(original: str, start: int, end: int) -> bool:
    """Whether the words around the break ``original[start:end]`` are cased as in one sentence.

    The next line starts with a small letter ("bank" / "account details"), or
    both words are in capitals ("BANK" / "ACCOUNT"), a message that does not
    use case; not a capital after a small letter ("fee" / "I will", "Thanks" /
    "John"), which starts a new line of its own.
    """
    last = _WORD_BEFORE.search(original, max(0, start - _LONGEST_WORD), start)
    first = _WORD_AFTER.match(original, end)
    if first is None:
        return False
    return first.group()[0].islower() or (
        last is not None and last.group().isupper() and first.group().isupper()
    )
