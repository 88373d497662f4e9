"""The pay promised only once the work is delivered, checked or live (START_BEFORE_FUNDING's).

"We pay once the app is on the Play Store", "paisa kaam complete hone ke baad hi milega":
the money comes after the work, so nothing is in escrow while it is done. ``_funding``
reads these phrases and judges each (a release on approval is Upwork's own).
"""

from __future__ import annotations

import re

PAY_AFTER = re.compile(
    r"\b(?:pay|paid|payment|paise|paisa|paisay|money|amount|full amount)\b(?: \w+){0,5}? "
    r"(?:after|once|"
    r"when|on|upon|only after|as soon as|jab|ke baad)\b(?: [\w'%]+){0,4}? (?:deliver\w{0,4}|"
    r"complet\w{0,6}|done|finish\w{0,3}|see|check(?:ed|ing|s)?|review\w{0,3}|like|happy|"
    r"satisf\w{0,6}|approve\w{0,1}|the client pays|our client pays|mukammal|ready|results?|"
    r"live|tested|launched|working|up and running|test|verify|verified|"
    # ... or selling: "payment happens when the app is on the Play Store" (review r34).
    r"on (?:the )?(?:play|app) store)\b|"
    r"\b(?:paise|payment|pay) (?:\w+ ){0,3}(?:dekh|check) (?:ke|kar)\b|"
    r"\b(?:pay|payment) on (?:delivery|completion)\b|\bcash on delivery\b|"
    r"\b(?:dekh|check|test|review) ?(?:kar ?ke|karne ke baad|kar) (?:hi )?(?:payment|paise|pay)\b|"
    # The check first, then the pay: "after I check the files I'll pay", "after reviewing it
    # I'll pay you".
    r"\b(?:after|once|when) (?:i |we )?(?:check|review|test|see|look)\w{0,3}"
    r"(?: (?:at|over|through))?(?: (?:it|them|this|that|everything|(?:the|your) \w+))?,? "
    r"(?:i|we)(?:'ll| will| can)? "
    r"(?:pay|send (?:the |your )?(?:payment|money))\b(?! for\b| (?:a |an |the |you )?(?:bonus|tip|"
    r"extra|more)\b)|"
    r"\b(?:kaam|work) (?:mukammal|complete|khatam) hone ke baad (?:payment|paise)\b|"
    r"\b(?:paise|payment|pay) (?:\w+ )?(?:kaam|work|delivery) (?:ke|k) baad\b|"
    # ... or the launch: "payment launch ke baad hi clear hogi" (review r39, scanner dev-r39).
    r"\b(?:paise|paisa|payment|pay|raqam) (?:launch|live|completion|submission|handover) "
    r"(?:ke|k) baad\b|"
    # The money only once the work is done: "paisa kaam complete hone ke baad hi milega".
    r"\b(?:paise|paisa|paisay|payment|pay|raqam)\b (?:\w+ )?(?:kaam|work|project|delivery)"
    r"(?: \w+)? (?:hone|ho jane) (?:ke|k) baad\b|"
    r"\b(?:mukammal|complete|khatam|poora|pura|finish) hone (?:ke|k) baad (?:hi )?(?:payment|"
    r"paise|pay)\b|"
    # ... or once live, said first: "website live hone ke baad hi poori payment" (review r35).
    r"\b(?:(?:website|site|app|store|shop|game) )?(?:live|launch) (?:hone|ho jane) (?:ke|k) baad "
    r"(?:hi )?(?:\w+ )?(?:payment|paise|paisa|raqam|pay)\b|"
    # ... or "as soon as" it is live: "jaise hi live hui poori payment mil jayegi" (review r36,
    # scanner dev-r36).
    r"\bjaise hi (?:\w+ ){0,3}?(?:live|launch)\w{0,3} (?:hui|hua|ho|hogi|hoga|ho jaye|ho gayi|"
    r"ho gaya)\b,? (?:\w+ ){0,2}?(?:payment|paise|paisa|raqam|pay) (?:\w+ )?(?:mil|bhej|release|"
    r"transfer|de)\w{0,6}|"
    r"\b(?:result|kaam|work|demo)\w{0,2} dikhao\b.{0,20}\bphir\b.{0,30}\b(?:payment|paise|pay)\b|"
    r"\bpehle kaam\b.{0,20}\bphir (?:payment|paise)\b|"
    # The work finished first, then the money: "kaam mukammal karo phir payment milegi".
    r"\b(?:kaam|work) (?:\w+ )?(?:mukammal|complete|khatam|poora|pura|finish) (?:karo|kar do|"
    r"kar dein|karein|kar ke|karke|kar lo|ho jaye|ho jayega|hone par)\b.{0,20}\b(?:phir|tab|"
    r"uske baad|us ke baad) (?:\w+ )?(?:payment|paise|pay)\b|"
    # The condition first: "send it over, and if it's good, we pay" (not "if it's good, we'll
    # pay a bonus": something on top).
    r"\b(?:if|once|when|as soon as)\b(?: [\w']+){0,4}? (?:good|done|finished|complete|ready|"
    r"works?|working|like it|love it|live|launched|deployed|up and running)\b,? (?:then )?"
    r"(?:i|we)(?:'ll| will)? (?:pay|send (?:the |"
    r"your )?(?:payment|money))\b(?! for\b| (?:a |an |the |you )?(?:bonus|tip|extra|more)\b)"
)
#: The product's payment part, not the reader's pay: "the payment flow", "the pay screen".
PAY_FEATURE = re.compile(
    r"\w+ (?:flow|screens?|pages?|form|gateway|button|methods?|options?|system|feature|module|"
    r"integration|api|section|step)\b"
)
#: The work in use, not just delivered: "live", "launched", "on the Play Store", or said
#: first in Roman Urdu ("website live hone ke baad").
LAUNCHED = re.compile(
    r"\b(?:live|launched|up and running|on (?:the )?(?:play|app) store)$|"
    r"^(?:\w+ )?(?:live|launch) ho"
)
