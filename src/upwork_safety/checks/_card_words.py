"""The words of an identity card asked for the pay (ACCOUNT_SHARING's; newcomer r35, 3).

"Send me your CNIC front and back, I need it for the payment": Upwork pays through the
freelancer's own verified account, so a client never needs the card to pay them.
``_account`` reads these.
"""

from __future__ import annotations

import re

#: The reader's own identity card, by name (not a face or "documents"): "your CNIC", "CNIC ki
#: copy", "passport scan" (newcomer r35, 3).
ID_CARD = re.compile(r"\b(?:cnic|nic|id card|identity card|national id|shanakhti card|passport)\b")

#: ... wanted for the pay: "I need it for the payment", "payment release karne ke liye".
FOR_PAY = re.compile(
    r"\b(?:for|before|to (?:release|send|process|clear)) (?:the |your |ur )?(?:payment|"
    r"payments|pay|salary|transfer|money|funds|release)\b|"
    r"\b(?:release|releasing|process|processing|clear|send) (?:the |your |ur )?(?:payment|"
    r"payments|pay|salary|funds|money)\b|"
    r"\b(?:payment|paisay|paise|raqam|salary|transfer)\b(?: \w+){0,2} (?:ke liye|k liye|"
    r"karne ke liye|se pehle|ke baad hi)\b|"
    # ... as the pay's only condition: "hum tab hi pay karte hain jab woh apna passport scan
    # share karein", "we only pay freelancers once they send a passport scan" (review r36,
    # scanner dev-r36).
    r"\b(?:tab hi|tabhi|sirf tab) (?:pay|payment|paise|salary)\b(?: \w+){0,3}? (?:jab|agar)\b|"
    r"\bonly (?:pay|release (?:the )?payment)\b(?: \w+){0,3}? (?:when|if|once|after)\b"
)

#: Upwork (or a bank) itself asks, not the writer: "Upwork will ask for your CNIC".
PLATFORM_ASKS = re.compile(
    r"\b(?:upwork|payoneer|the bank|your bank|bank)(?:'s)? (?:\w+ )?(?:may|will|might|can|"
    r"asks?|asked|needs?|needed|wants?|requires?|required|verif\w{0,6})\b"
)
