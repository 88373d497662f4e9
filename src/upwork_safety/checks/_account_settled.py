"""What takes an account-sharing match away: a warning, a story, a product being built.

Split from :mod:`._account_words` (which names the accounts, their trades and keys):
these are the words :mod:`._account` reads to *drop* a match, and the one reading of a
warning, :func:`warned`, that its rules and the model's guard share.  Every pattern is a
set of alternatives between word boundaries, with bounded repetition only.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from upwork_safety.checks._sentences import Sentence

#: Advice, a warning or a report, anywhere in the sentence: "never share", "beware",
#: "that sounds like a scam", "policy ke khilaf", "heads up", "mat bhejna".
WARNING = re.compile(
    r"\b(?:never (?:share|give|tell|send|rent|sell|lend|let|hand|type|enter)|don'?t ever|"
    r"do not ever|kabhi(?: bhi)? (?:\w+ ){0,4}(?:na|mat|nahi)|kisi ko(?: bhi)? (?:\w+ ){0,3}"
    r"(?:mat|na|nahi)|(?:mat|na) (?:dena|dein|do|batana|bataein|bhejna|bhejein|share karna)|"
    # The verb before its "mat": "number ya email share mat karna" (review r38, scanner 3).
    r"share (?:mat|na) kar(?:na|ein|o|iye|en)|(?:dena|batana|bhejna) mat|"
    r"(?:turned on|enabled|enable|set up|activated|turn on)\w{0,3} (?:2fa|two[ -]factor|otp|"
    r"authenticator)|(?<!not a )(?<!no )(?<!koi )scam|(?<!not a )(?<!no )scams|scammer\w{0,2}|"
    r"fraud\w{0,3}|against (?:the )?(?:tos|terms|rules|policy)|policy ke khilaf|khilaf|"
    r"not allowed|allowed nahi|is it allowed|beware|be careful|warning|warn|warns|warned|heads up|"
    r"reported|report kiya|i heard|maine suna|suna hai|got a message|offering to|"
    # A question whether what happened is normal: "Upwork sent me a 2FA code when I logged
    # in, is that normal?" (review r29, scanner dev-r29).
    r"is (?:that|this|it) (?:normal|usual|expected|legit|safe)|(?:yeh|ye) normal hai)\b"
)

#: A story of what happened, in the match's own clause: "got banned", "account band ho gaya".
#: It takes a finding away only from a sentence that asks or offers nothing: a scheme's own
#: back-story ("my account got suspended, can I use yours?") is no story.
STORY = re.compile(r"\b(?:banned|suspended|ban ho|band ho|hacked|hack|careful)\b")

#: A product being built, which has accounts and remote support of its own: "build a
#: feature where users share their account", "integrate TeamViewer for our customers".
PRODUCT_WORK = re.compile(
    r"\b(?:integrat\w{0,6}|features?|plugin|module|help ?desk|"
    r"(?:users|customers|members) (?:can|to|will|should)|build (?:a|an|the|our) (?:feature|app|"
    r"page|screen|system|portal|flow)|implement\w{0,3} (?:a|an|the) (?:feature|flow|screen))\b"
)


#: A request to the writer: "mujhe bhej do", "password mujhe de do", "send it to me". No
#: "mat" or "nahi" between ("mujhe bhi mat dena" forbids it too).
TO_THE_WRITER = re.compile(
    r"\b(?:mujhe|mujhay|muje|mujh ko|mujhko|hamein|humein|hume|hamen|hamain)\b"
    r"(?: (?!mat\b|na\b|nahi\b)\w+){0,3}? (?:(?:bhej|de|send|share kar) (?:do|dein|dain|"
    r"dijiye|dijie|dena|dein)|bhejo|bhejein|share karo)\b|"
    r"\b(?:just |only |please |bas |sirf )?send (?:it|them|that|this|the code|the password) "
    r"(?:to me|over to me)\b|\bsend me (?:the|your) (?:code|otp|password|login)\b"
)


def warned(sentence: Sentence) -> bool:
    """Whether a warning in *sentence* settles it (review r15; r38, hostile2 1, diff review 1).

    A warning anywhere in the sentence settles it ("beware, they ask you to rent
    your account"), except a warning followed by a request to the writer: "Email
    share mat karna, apna Upwork login aur password mujhe bhej do" forbids sharing
    the e-mail and then asks for the password, and "Heads up, Upwork will send you a
    verification code, send me the code" opens with a warning and then asks for the
    code, so the request stands.  One rule for every warning, a prohibition or not.
    """
    return any(
        TO_THE_WRITER.search(sentence.text, warning.end()) is None
        for warning in sentence.all(WARNING)
    )


#: Others, to whom a key is forbidden: "kisi aur ko", "with anyone", "to anybody else".
_OTHERS = re.compile(
    r"\b(?:kisi aur|kisi|kisi or|kisi dusre|kisi doosre)(?: ko| ke saath| se)\b|"
    r"\b(?:with|to) (?:anyone|anybody|someone else|others|other people|nobody)\b"
)


def forbidden_to_others(sentence: Sentence, start: int) -> bool:
    """Whether the negation at *start*'s clause forbids the key to others, then asks for it.

    "Password kisi aur ko share mat karna, bas mujhe bhej do": the "mat" keeps the key
    from others and a later clause asks the writer for it, so the negation settles
    nothing (review r39, scanner r38 open list).  "Kisi ko mat dena, mujhe bhi mat
    dena" asks for nothing (:data:`TO_THE_WRITER` reads no "mat" in its request).
    """
    low, high = sentence.clause(start)
    return (
        _OTHERS.search(sentence.text, low, high) is not None
        and TO_THE_WRITER.search(sentence.text, high) is not None
    )
