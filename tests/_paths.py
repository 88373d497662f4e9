"""What an error's ``field`` looks like: a path a caller can point at (review r32, embedder 5).

A field names the argument or the value at fault as code would reach it:
identifiers joined by dots, with ``[index]`` and ``['key']`` subscripts
(``contracts[1].payments[0].amount``, ``Contract.service_fee_rate``,
``offered_rates['payoneer']``), never words (``"contract 'b' payments"``).
"""

from __future__ import annotations

import re

#: One subscript: a whole-number index, or a key written as a quoted string.
_SUBSCRIPT = r"""\[(?:-?[0-9]+|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\]"""
#: An identifier, then any number of ``.identifier`` and subscripts.
PATH = re.compile(rf"[A-Za-z_][A-Za-z_0-9]*(?:\.[A-Za-z_][A-Za-z_0-9]*|{_SUBSCRIPT})*")


def is_path(field: object) -> bool:
    """Whether *field* is a path: text that :data:`PATH` matches whole."""
    return type(field) is str and PATH.fullmatch(field) is not None
