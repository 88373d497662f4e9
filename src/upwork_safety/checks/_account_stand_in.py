"""Someone working as another: an Upwork account run, verified or fronted by someone else.

Split from :mod:`._account_words` (at 700 lines) in round 39: the wordings of a person who
uses, verifies or stands in for an account that is not theirs ("log in as me", "bid under
my name", "sit the ID check in his place", "create an Upwork account on your name and I
will bid from it").  :mod:`._account` reads them in its rule for an account used by
another.  Every pattern is a set of alternatives between word boundaries, with bounded
repetition only.
"""

from __future__ import annotations

import re

#: The writer's partner, relative or friend: "my wife", "mera partner", "meri behen".
_RELATION = (
    r"(?:my|mera|meri|mere|our|hamara|humara) (?:partner|brother|sister|cousin|friend|wife|"
    r"husband|son|daughter|colleague|relative|bhai|behen|dost|beta|beti|biwi|shohar)"
)
#: The account the chat is on: "this account", "isi account", "the same profile".
_THIS_ACCOUNT = r"(?:this|the same|same|isi|is|yehi|issi) (?:upwork )?(?:account|profile|id)"

#: Someone working as another, or many accounts run for their owners.
AS_ANOTHER = re.compile(
    r"\b(?:log ?in|logged in|signed in|sign in|work|working|bid|bidding|reply|replying|act|"
    r"pose|deliver)\w{0,3}(?: [\w']+){0,5} as (?:me|you|him|her|them)\b(?! (?:a|an|the|my|our) )|"
    r"\b(?:bid|bidding|work|apply|deliver)\w{0,3}(?: \w+){0,3} under (?:my|his|her|your|their|"
    r"someone else'?s) name\b|"
    r"\bkeep (?:your |ur )?(?:upwork|account|profile)(?: \w+)? logged in\b|"
    r"\b(?:operate|run|manage|handle|control)\w{0,3} (?:\d+\+? |many |multiple |several |"
    r"dozens of )(?:\w+ )?(?:upwork |freelancer )?(?:profiles|accounts|ids)\b|"
    r"\bpay (?:the )?(?:account |profile )?owners\b|"
    # A stand-in at another's verification: "video call verification mein uski jagah baith
    # jao", "sit the ID check in his place" (review r35, scanner dev-r35).
    # ... also the writer's own: "sit the identity check call for my Upwork profile in my
    # place" (review r37, scanner dev-r37).
    r"\b(?:verif\w{0,8}|identity (?:check|call|verification)|id check|kyc)\b[^.?!;]{0,40}?\b"
    r"(?:(?:uski|uske|unki|unke|iski|iske|kisi aur ki|meri) jagah|in (?:his|her|their|my|my "
    r"brother'?s|my sister'?s|someone else'?s) (?:place|stead)|instead of (?:him|her|them|me))\b|"
    r"\b(?:(?:uski|uske|unki|unke|iski|iske|kisi aur ki|(?:meri|mere|mera) \w+ (?:ki|ke|ka)) "
    r"jagah|in (?:his|her|their) (?:place|stead))\b[^.?!;]{0,40}?\bverif\w{0,8}\b|"
    # The owners of accounts sought as such: "recruiting profile owners whose Upwork accounts
    # are 3+ years old" (review r34, scanner dev-r34).
    r"\b(?:recruit|hir|seek|look|search|want|need)\w{0,4}(?: for)? (?:(?:upwork|freelancer) "
    r"(?:account|profile|id) (?:owners|holders)\b|(?:account|profile|id) (?:owners|holders)\b"
    r"(?=[^.?!]{0,60}\b(?:upwork|freelancer|top[ -]rated|jss|job success)\b))|"
    r"\b(?:account|profile|id) (?:will|would|can|shall) be (?:used|run|operated|managed|"
    r"handled) by\b|"
    r"\b(?:open|create|register|make)\w{0,3} (?:a |an )?(?:new )?(?:upwork )?account (?:in|on|"
    r"under) (?:your|their|his|her|someone'?s) name\b|\baap ke naam (?:pe|par|se) account\b|"
    # An Upwork account opened on another person's name or identity: "create Upwork profile
    # on his name", "open an Upwork account with his own details" (not a Figma or Slack
    # account made with your details: Upwork is named).
    r"\b(?:open|create|register|make)\w{0,3} (?:a |an )?(?:new )?upwork (?:account|profile|id) "
    r"(?:in|on|under|with|using) (?:their|his|her|someone(?: else)?'?s|(?:your|ur) \w+'s) "
    r"(?:own )?(?:name|id|cnic|details|documents|identity|info\w{0,7})\b|"
    # ... on the reader's own name, for the writer to use or for a share: "create an Upwork
    # profile under your name and I will bid from it, 30% is yours" (not "open an Upwork
    # account with your own name and apply to my job post").
    r"\b(?:open|create|register|make)\w{0,3} (?:a |an )?(?:new )?(?:upwork )?(?:account|profile|id)"
    r"(?: on upwork)? (?:in|on|under|with|using) (?:your|ur) (?:own )?(?:name|id|cnic|details|"
    r"documents|identity|info\w{0,7})\b(?=[^.?!]{0,60}(?:\d{1,2} ?%|\b(?:i|we)(?:'ll| will)? "
    r"(?:bid|work|run|use|handle|apply)\b))|"
    r"\b(?:apne|aap ke|tumhare) naam (?:pe|par|se) (?:upwork )?(?:account|profile|id) bana\w{0,4}"
    r"(?=[^.?!]{0,60}(?:\d{1,2} ?%|\b(?:main|mai|hum) (?:karunga|karungi|karenge|chala\w{0,5})\b))|"
    r"\b(?:log ?in|login|sign in) (?:to|into) yours\b|"
    # An account holder sought to stand in front of the writer's work, for a cut: "someone
    # with a US Upwork account to front for me", "koi banda jiske paas Upwork account ho,
    # 20% uska" (review r39, scanner dev-r39).
    r"\b(?:someone|somebody|anyone|a person|people|freelancers?|koi|banda|bande)\b (?:with|who "
    r"has|who have|having|jis ke paas|jiske paas|jis ka|jiska) (?:a |an )?(?:[\w-]+ ){0,2}?"
    r"(?:upwork|freelancer) (?:account|profile|id)s?\b[^.?!]{0,40}?(?:\b(?:front|fronts|"
    r"fronting|front man|commission|cut)\b|\b\d{1,3} ?(?:%|percent) (?:is )?(?:uska|unka|"
    r"yours|tumhara|aapka|for you|to you)\b)|"
    # The writer's partner or relative on the very account the chat is on: "mera partner
    # isi account pe login karke kaam karega", "my wife will log in to this account at night"
    # (review r39, scanner dev-r39).  The writer's own "my account" is read by the rules of
    # :mod:`._account`; "this" account is the one the message is sent from.
    r"\b" + _RELATION + r"\b(?: \w+){0,3}? " + _THIS_ACCOUNT + r" (?:pe|par|per|se|mein|me) "
    r"(?:\w+ ){0,2}?(?:login|log in|kaam|bid\w{0,3}|chala\w{0,5}|apply)\b|"
    r"\b" + _RELATION + r"\b(?: \w+){0,3}? (?:log ?in|logs in|login|sign in|work|bid|apply|"
    r"deliver)\w{0,3} (?:to|into|on|from|through|via) " + _THIS_ACCOUNT + r"\b|"
    r"\bsign ?up (?:on|for|to) upwork with (?:your|ur) (?:name|id|cnic|details|documents)\b|"
    r"\b(?:account|id|profile) (?:chala|sambhal|handle|use|run)\w{0,4} (?:do|dein|karo|kar do|"
    r"kar dein|lo|lein) (?:mera|meri|hamara)\b"
)

#: Of those, the ones that need the message to speak of Upwork: "bid under my name".
NAMED_ONLY = re.compile(r"\bunder\b")
