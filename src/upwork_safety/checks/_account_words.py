"""The words of account sharing: who owns an account, what is done with it, its keys.

The vocabulary :mod:`._account`'s rules combine (each an idea, as in
:mod:`._lexicon`): whose account it is, the verbs that trade or use it, its
keys, a person's identity and remote access; what takes a finding away is in
:mod:`._account_settled`.
Every pattern is a set of alternatives between word boundaries, with bounded
repetition only, so a search is linear in the length of the text.
"""

from __future__ import annotations

import re

#: The reader's ("your", "aap ka", and "apna", said to the reader) and the writer's.
READERS = (
    r"(?:your|ur|yours|aap ka|aap ki|aap ke|apka|apki|apke|tumhara|tumhari|tumhare|apna|apni|"
    r"apne)"
)

WRITERS = r"(?:my|mera|meri|mere|hamara|hamari|hamare|humara|humari|humare|our)"

#: Somebody else's: "his", "my brother's", "cousin ka", "kisi aur ka".
THIRDS = (
    r"(?:his|her|their|someone'?s|someone else'?s|another person'?s|other people'?s|"
    r"(?:my |mera |meri |mere )?(?:brother|sister|cousin|friend|relative|uncle|father|wife|"
    r"husband|bhai|behen|dost|abbu|chacha|mamu)(?:'s| ka| ki| ke)|kisi aur (?:ka|ki|ke)|"
    r"us ka|uska|uski|unka|unki|uske|us ke|unke|un ke)"
)

NOUN = r"(?:account|accounts|id|ids|profile|profiles|login)"

#: An account named as an Upwork one, or as someone's.
ACCOUNT = re.compile(
    r"\b(?:upwork|freelanc\w{0,4}|fiverr)(?: ka| ki| ke| \w+)? " + NOUN + r"\b|"
    r"\b(?:top[ -]rated(?: plus)?|rising talent|expert[ -]vetted|verified|aged|established|"
    r"purana|purani|approved|old|100% jss) (?:upwork )?" + NOUN + r"\b|"
    r"\b(?:" + READERS + "|" + WRITERS + "|" + THIRDS + r") (?:(?:new|old|second|main|other|"
    r"verified|naya|purana|dusra) )?(?:(?:upwork|freelancer|own) )?(?:account|id|profile)\b|"
    r"\b(?:" + READERS + "|" + WRITERS + "|" + THIRDS + r") upwork\b|"
    # Said of by what it has: "aap ke achi rating wale account", "your high-rated profile"
    # (review r33, scanner dev-r33).
    r"\b(?:" + READERS + "|" + WRITERS + "|" + THIRDS + r") (?:[\w%-]+ ){1,3}?(?:wala|wali|wale|"
    r"waala|waali|waale) (?:account|id|profile)\b|"
    r"\b(?:" + READERS + "|" + WRITERS + "|" + THIRDS + r") (?:high|highly|top|well|best|"
    r"5[ -]star|five[ -]star)[ -]rated (?:account|id|profile)\b"
)

#: An account word alone, read only where the message speaks of Upwork.
ACCOUNT_WORD = re.compile(r"\b(?:account|accounts|profile|profiles|id|ids)\b")

UPWORK_HINT = re.compile(
    r"\b(?:upwork|top[ -]rated|rising talent|jss|job success|freelancer accounts?|bid\w{0,3}|"
    r"proposals?|connects|verified (?:account|id|profile)s?|freelancers?'? accounts?)\b"
)

OWNED_BY_READER = re.compile(r"^" + READERS + r"\b")

OWNED_BY_WRITER = re.compile(r"^" + WRITERS + r"\b")

OWNED_BY_THIRD = re.compile(r"^" + THIRDS + r"(?: |$)")

#: "main apne account": the Urdu reflexive points at the writer when the writer is the subject.
WRITER_SUBJECT = re.compile(r"\b(?:main|mai|hum|i|we)\b(?: \w+){0,2} $")

#: A profile's link or page, shared to be looked at.
PROFILE_LINK = re.compile(
    r" ?(?:'s )?(?:link|url|page|address|picture|photo|pic|title|overview|summary|description|"
    r"bio|portfolio|ka link|ki link)\b"
)

#: What a profile shows, named after "your Upwork" to be looked at: "share your Upwork
#: portfolio", "your Upwork reviews page", "apna Upwork work history share karein".
PROFILE_SHOWS = re.compile(
    r" ?(?:'s )?(?:profile|portfolio|portfolios|reviews?|feedbacks?|ratings?|(?:work |job )?"
    r"history|past (?:work|jobs|projects)|jss|job success(?: score)?|stats|badges?|"
    r"certificat\w{0,5}|work samples?|samples)\b"
)

#: A bank or payment account, not an Upwork one: "transfer it to your account".
BANKISH = re.compile(
    r"\b(?:bank|iban|account (?:number|details|title|no)|transfer\w{0,3}|deposit\w{0,3}|wire|"
    r"jazzcash|easypaisa|payoneer|paypal|wise|sadapay|nayapay|raast|swift)\b"
)

#: Money put into the account: "bhai ke account mein de dunga", "into your account".
INTO_ACCOUNT = re.compile(
    r" (?:mein|me|main|into|in) (?:\w+ ){0,2}(?:de|dal|daal|bhej|transfer|send|deposit|jama)\w*"
)

#: The account is on another service: "my profile on Behance", "my account in Google Ads".
ELSEWHERE = re.compile(r" (?:on|in|at) (?:the )?(?!upwork\b)[a-z]")

#: "for 3 months", "for the summer": a time the account is wanted for, not a service.
TIME_AFTER = re.compile(
    r" for (?:\d+|a|an|one|two|three|six|a few|some|the) ?(?:\w+ )?(?:days?|weeks?|months?|"
    r"years?|summer|winter|project)\b"
)

#: The account traded: rented, bought, sold, lent, borrowed, shared, leased, taken over.
#: The words that trade an account on their own, even in the sentence after the account
#: is named ("Your Upwork ID is verified? Mujhe chahiye monthly rent pe"): rent, lease,
#: buy, sell, take over.
STRONG_TRADE_WORDS = (
    r"rent|rents|rented|renting|on rent|rent pe|rent par|kiray\w{0,2}|kiraye|lease|leases|"
    r"leasing|buy|buying|purchase|purchasing|sell|selling|sale|bech\w{0,4}|khareed\w{0,5}|"
    r"kharid\w{0,5}|take (?:it |them )?over|taking over"
)

STRONG_TRADE = re.compile(r"\b(?:" + STRONG_TRADE_WORDS + r")\b")

#: A part of a product, which a trade word can name: "the checkout page", "a rent system".
PRODUCT_PART = (
    r"pages?|flows?|options?|features?|systems?|buttons?|modules?|ui|ux|screens?|apps?|forms?|"
    r"sections?|functionality|process|portal|platform|dashboard|api|workflow|website|site|"
    r"template|logic|mockups?|wireframes?"
)

#: A bare account word opening its clause as the object of a sale, rent or purchase:
#: "Account bechna hai?", "ID rent pe de do" (review r38, scanner 2); another service's
#: account is named before the word ("Gmail account bechna hai"). Not the trade naming a
#: part of a product to build ("account buy karne ka flow", "profile sale page", "ID rent
#: system": review r38, hostile2 3): that is the work, not a trade.
BARE_ACCOUNT_SOLD = re.compile(
    r"(?:^|[,;:] )(?:(?:ye|yeh|is|wo|woh|the|an?|ek|aik) )?(?:account|id|profile)s? "
    r"(?:" + STRONG_TRADE_WORDS + r")\b(?!(?: (?:karne|karnay|karni|ka|ki|ke|wala|wali|wale|"
    r"and|or|sell|sale|rent|buy))* (?:" + PRODUCT_PART + r")\b)"
)

#: The account traded: those, and lent, borrowed, shared, handed over.
TRADED = re.compile(
    r"\b(?:" + STRONG_TRADE_WORDS + r"|lend|borrow|borrowing|udhaar|udhar|trade|trading|"
    r"share|sharing|hand over|handover|transfer|transferring)\b"
)

#: The reader's account wanted by the writer: "I need your Upwork account for 3 months".
ACCOUNT_WANTED = re.compile(
    r"\b(?:i|we|mujhe|hume|humein|hamein)\b(?: \w+){0,2} (?:need|want|chahiye|require)\w{0,2} "
    r"(?:your|ur|aap ka|aap ki|apna|apni|tumhara) (?:upwork )?(?:account|id|profile(?! link| url| "
    r"page))\b|"
    r"\b(?:the )?use of (?:a |an |your )?(?:verified |top[ -]rated |old )?(?:upwork )?(?:account|"
    r"id|profile)\b|"
    r"\b(?:need|want|looking for|have|get|take|borrow) (?:to use )?(?:your|ur|aap ka|apna) "
    r"(?:upwork )?(?:account|id|profile) for\b|"
    r"\b(?:aap ka|aap ki|apna|apni|tumhara|tumhari|your) (?:upwork )?(?:account|id)\b"
    r"(?: \w+){0,4} (?:chahiye|chahie|chahye)\b|"
    # The reader's account taken by the writer, for a time: "aapka Upwork profile teen mahine
    # ke liye le sakta hun?" (review r32, scanner dev-r32).
    r"\b(?:aap ka|aap ki|tumhara|tumhari|your|ur) (?:upwork )?(?:account|id|profile)\b"
    r"(?! link| url| page| pic| picture| photo)(?: \w+){0,4}? (?:ke liye|k liye|tak) "
    r"(?:le|lay) (?:sakta|sakti|sakte|lun|loon|lunga|lungi|lenge|len)\b|"
    r"\b(?:need|want|chahiye|require|looking for)\w{0,3} (?:a |an )?(?:verified|top[ -]rated|"
    r"old|aged|purana) (?:upwork )?(?:account|id|profile)s?\b|"
    # Accounts paid for as such: "we pay $200/month for verified Pakistani accounts".
    r"\b(?:pay|paying|pays)\b[^.?!]{0,30}? for (?:a |an |your |ur )?(?:verified|top[ -]rated|old|"
    r"aged|purana)(?: (?:pakistani|indian|local|us|uk|american|freelancer|upwork))? "
    r"(?:accounts?|ids|profiles?)\b|"
    # Accounts hired as such: "a company that hires Pakistani freelancers' accounts".
    r"\bhir(?:e|es|ing) (?:\w+'? ){0,2}(?:upwork )?(?:accounts|profiles)\b|"
    # People sought for the old account they hold: "looking for freelancers with old Upwork
    # accounts to partner with" (review r29, scanner dev-r29).
    # ... also worked with, or said to own it: "an agency working with freelancers who own old
    # Upwork accounts" (review r37, scanner dev-r37).
    r"\b(?:looking for|need|want|seeking|hiring|searching for|work(?:ing|s)? with|partner(?:ing|s)?"
    r" with|recruit\w{0,3})\b[^.?!]{0,40}? (?:with|who (?:own|have|hold)|that (?:own|have|hold)) "
    r"(?:an? )?"
    r"(?:verified|top[ -]rated|old|aged|established|purana|purane|active|approved) "
    r"(?:upwork )?(?:accounts?|ids|profiles?)\b|"
    # The account paired with the writer's skills: "your account, my skills".
    r"\b(?:your|ur|aap ka|aapka|tumhara) (?:upwork )?(?:account|profile|id),? (?:and |\+ )?"
    r"(?:my|mera|meri|mere|our|hamari|humari) (?:skills?|work|kaam|team|hunar)\b"
)

#: An account worked from for a cut of the pay: "mera account use kar lein, 30% share",
#: "mere account se kaam kar lo, 25% mera" (review r29, scanner dev-r29).
ACCOUNT_FOR_A_CUT = re.compile(
    r"\b(?:my|mera|meri|mere|your|ur|aap ka|aap ke|aapke|tumhara|tumhare)(?: upwork)? "
    r"(?:account|profile|id)\b(?: (?:se|pe|par|per))? (?:\w+ ){0,2}?(?:use|kaam|bid\w{0,3}|"
    r"work|chala\w{0,5})\b[^.?!]{0,50}?\b\d{1,3} ?(?:%|percent)"
)

#: An Upwork account with its price: "your Upwork account for $250", "my Top Rated Upwork
#: profile, $900" (not an hourly rate: "my Upwork profile, $25/hr").
ACCOUNT_PRICED = re.compile(
    r"\b(?:your|ur|my|aap ka|apna|mera)\b(?: [\w-]+){0,2} upwork (?:account|id|profile)s?,? "
    r"(?:for |at )?(?:only )?(?:\$|rs\.? ?|pkr ?|usd ?)\d[\d,.]*k?\b"
    r"(?!(?: ?(?:/|per|an|a) ?(?:hour|hr|h)\b))"
)
#: An Upwork account traded: priced, or bought, sold, rented or taken over.
ACCOUNT_DEAL = re.compile(
    ACCOUNT_PRICED.pattern
    + r"|\b(?:"
    + STRONG_TRADE_WORDS
    + r")\b(?: (?:me|us|your|ur|my|a|an|the|verified|top|rated|old|aged)){0,4} upwork "
    r"(?:account|id|profile)s?\b"
)

#: The account named as the means, not the thing traded: "buy the photos on your account".
MEANS = re.compile(r"\b(?:on|with|from|using|through|via|in|into|to|for)(?: \w+){0,2} $")

#: The account handed over, said whole: "aap bas account de do", "account mujhe de do".
ACCOUNT_HANDED = re.compile(
    r"\b(?:aap|ap|tum|you)(?: \w+){0,2} (?:apna |apni )?(?:upwork )?(?:account|id|profile) "
    r"(?:\w+ )?(?:de do|de dein|dedo|de dijiye|share kar\w{0,4})\b|"
    r"\b(?:account|id|profile) (?:mujhe|hume|humein|hamein) (?:de do|de dein|dedo|do)\b"
)

#: The account given to the writer: "apna account mujhe de do", "profile hume do".
GIVEN = re.compile(
    r"\b(?:de do|de dein|dedo|de dijiye|de sakte|de sakti|de rahi|de raha|de rahe|dena|"
    r"de dunga|de dungi|de denge|de deta|de doon)\b|\b(?:give|lend|hand)\w{0,3} (?:you|u)\b|"
    r"\b(?:mujhe|muje|mujhay|hume|humein|hamein|hamen|me|us)(?: \w+)? (?:do|de|dein)\b|"
    r"\b(?:give|lend|hand)(?: it)? (?:me|us)\b"
)

#: The reader as the one an account is given to: "aap ko de dunga", "give you my account".
TO_READER = re.compile(r"\b(?:aap ko|aapko|ap ko|tumhe|tum ko|to you|you)\b")

#: What an account is handed over for: a share, a monthly sum.
TRADED_FOR = re.compile(
    r"\d{1,3} ?%|\b(?:percent|per month|monthly|a month|har mahine|mahana|hissa|commission|"
    r"rent|kiraya|\d+k)\b|"
    # A sum per month or week written with a slash: "$200/month" (scanner r43).
    r"\d ?/ ?(?:month|mo|week|wk)\b"
)

#: Used, run or logged into: the verb just before the account ("log in to your Upwork",
#: "bid from your profile", "work from my account", "deliver this job from his ID").
USED_BEFORE = re.compile(
    r"\b(?:use|using|uses|run|running|operate|operating|handle|handling|manage|managing|"
    r"access|accessing|log ?in(?:to)?(?: to| into| on)?|logged in(?:to)?(?: to| on)?|"
    r"login (?:to|into|on)|sign in(?:to)?(?: to| into)?|control|take over|chala\w{0,5}|"
    r"(?:bid|bidding|bids|apply|applying|"
    r"work|working|deliver|delivering|submit\w{0,3} proposals?|proposals?|jobs?|run|running|"
    # Contracts taken on it: "I'll take the contract on my friend's account" (scanner r40).
    r"take|taking|took|accept|accepting|land|landing) "
    r"(?:\w+ ){0,3}?"
    r"(?:from|on|through|via|under|with|using))(?: (?:the|it|with))?(?: \w+)? $"
)

#: ... or just after it, in Roman Urdu: "aap ka account main chalaunga", "mere account se bid
#: karo", "apna account use karne do", "account main handle kar leta hoon".
USED_AFTER = re.compile(
    r"(?: \w+){0,2}? (?:(?:se|pe|par|per|say|mein|me) (?:\w+ ){0,2}(?:kaam|bid\w{0,3}|apply|"
    r"proposals?|login|log in|chala\w{0,5}|use|istemal|"
    # A contract or order taken through it: "dost ke account se contract le leta hoon"
    # (scanner r40).
    r"(?:contracts?|offers?|orders?|projects?|jobs?) (?:le|lo|lena|leta|leti|lete|lunga|lungi|"
    r"loon|lein|accept))|use (?:kar\w{0,5}|karne)|istemal|"
    r"chala\w{0,5}|login kar\w{0,5}|access|handle|manage|run|operate|sambhal\w{0,4})\b"
)

#: The account used in a later clause that points back at it: "my uncle has an Upwork
#: account, you'll do the jobs on it", "dost ka account hai, tum us se bid karo".
USED_ON_IT = re.compile(
    r"\b(?:you|u|aap|ap|tum)(?:'ll|'d| will| can| could)?(?: \w+){0,3}? (?:work|do|bid|apply|"
    r"take|get|run|pick up|send proposals)\w{0,3}\b(?: [\w']+){0,3}? "
    r"(?:on|from|through|with|via|under) it\b|"
    r"\b(?:you|u|aap|ap|tum)\b(?: \w+){0,2}? (?:us|is|usi) (?:pe|par|per|se|mein)\b(?: \w+){0,3}? "
    r"(?:kaam|bid\w{0,3}|projects?|jobs?|proposals?|apply|orders?|chala\w{0,5})\b"
)

#: What a client's own account sends the reader, named in that later clause: the offer,
#: the contract, the pay ("you'll get the offer from it", "you'll get paid through it"),
#: its job post or invite: the account used by its owner, hiring (red team r20 M2).
FROM_THE_CLIENT = re.compile(
    r"\b(?:offers?|contracts?|invites?|invitations?|paid|pay|payments?|money|bonus\w{0,2}|"
    r"milestones?|funds?|funded|notifications?|messages?|feedback|job posts?|posting|"
    r"interviews?|hired|hire)\b"
)

#: The reader's own account, said without "your": "you have an Upwork account, so ...".
READER_HAS = re.compile(r"\b(?:you|u|aap|tum)(?: \w+)? (?:have|has|own|ke paas)\b[^,;]{0,24}$")

#: The writer or the reader as the one who acts.
WRITER_ACTS = re.compile(
    r"\b(?:i|i'll|i will|i can|i could|i'd|let me|me|we|we'll|we can|let us|us|main|mai|"
    r"mujhe|mujh|hum|humein|hamein|hume|meri team|my team|our team|\w+unga|\w+ungi|loon|"
    r"doon|lun)\b"
)

READER_ACTS = re.compile(r"\b(?:you|u|aap|ap|tum|tumhe)\b")

#: A verb of paying just before the reader, who is then paid, not acting: "pay you".
PAYS = re.compile(r"\b(?:pay|paying|give|giving|offer|offering)\w{0,2} $")

#: The reader's phone or number a code went to: "aapke phone pe", "your number par".
_TO_READER = (
    r"(?:(?:aap ke|aapke|tumhare|tere|your|ur|apne) (?:phone|mobile|number|cell|sim|email)"
    r"(?: (?:pe|par|per|mein|me))? )"
)
#: A code arriving, in Roman Urdu: "aaya", "aa gaya hoga", "jayega", "gaya hai".
_CAME = (
    r"(?:aaya|aya|aayi|ayi|aai|aayega|ayega|aaye|aa (?:gaya|gya|gayi|gai|chuka|chuki|jayega|"
    r"jaega|raha|rahi)|mila|mili|milega|gaya|gayi|gai|jayega|jaega|jaye ga)"
)
#: Where a message reaches the reader: the phone, the number, the e-mail or its inbox.
_INBOX = r"(?:phone|mobile|number|cell|sim|e-?mail|gmail|inbox|sms|text|message)s?"

_READERS_OWN = r"(?:aap ke|aap ki|tumhare|tumhari|tere|teri|your|ur|apne|apni) "
_CODE_WORD = r"(?:code|otp|\d[ -]?digits?|six digits?)"
#: The code placed in the reader's phone, e-mail or SMS, in either order: "aapki email ID pe
#: Upwork ne code send kiya", "email pe jo 6 digit aaye", "code aapke inbox mein hoga",
#: "code kya aaya hai aapke phone pe", "aapko SMS mila hoga, code bata do" (review r26,
#: closing24).  Only an ask to the writer makes it a request (:data:`TO_WRITER`).
CODE_PLACED = re.compile(
    # The code sent to the reader's e-mail or phone: "code aapki email pe bheja hai Upwork ne",
    # "code bhej do jo abhi phone pe aaya", "the code from your inbox" (review r26, closing24).
    r"\bcode (?:aap ?ki|aap ?ke|tumhari|tumhare|your|ur) " + _INBOX + r" (?:pe|par|per|mein|me) "
    r"(?:bheja|bheji|bhej diya|send hua|send kiya|sent)\b|"
    r"\bcode\b(?: \w+){0,3}? jo (?:\w+ ){0,2}?(?:aap ?ke |aap ?ki |tumhare |tumhari )?"
    + _INBOX
    + r" (?:pe|par|per|mein|me) "
    + _CAME
    + r"\b|"
    r"\bcode (?:from|in|on) (?:your|ur) (?:inbox|e-?mail|gmail|phone|mobile|sms|texts?|"
    r"messages)\b|"
    # The message it came in, named with it: "code wali email aayi hogi", "SMS aaya hoga code
    # wala", "jo SMS aapko aaya hai us mein code hai", "the digits in the SMS you just got".
    r"\bcode wal[aie] (?:sms|message|text|e-?mail|mail)\b|"
    r"\b(?:sms|message|text|e-?mail|mail) (?:\w+ ){0,3}?code wal[aie]\b|"
    r"\b(?:sms|message|text|e-?mail|mail) (?:jo )?(?:aapko|aap ko|tumhe|tumko) (?:\w+ ){0,2}?"
    r"(?:aaya|aya|aayi|ayi|aai|mila|mili) (?:hai |hoga |hogi )?(?:us|is) (?:mein|me) "
    r"(?:jo )?code\b|"
    # ... with no one named it came to: "verification wala mail aya hoga, us mein jo code hai"
    # (review r32, scanner dev-r32).
    r"\b(?:sms|message|text|e-?mail|mail) (?:\w+ ){0,2}?(?:aaya|aya|aayi|ayi|aai|mila|mili)"
    r"(?: hai| hoga| hogi| ho ga)?,? (?:us|is) (?:mein|me) (?:jo )?code\b|"
    r"\b(?:digits|numbers|code) (?:in|from) (?:the |that )?(?:sms|text|message|e-?mail)s? "
    r"(?:you|u) (?:just )?(?:got|received|get)\b|"
    # The mail named by its sender or purpose, the code in it: "Upwork ka security mail pada
    # hoga, usme jo digits hain" (review r35, scanner dev-r35).
    r"\b(?:upwork|security|verification|login)(?: ka| ki| wala| wali| ke)? (?:sms|message|text|"
    r"e-?mail|mail)\b[^.?!]{0,40}?\b(?:us ?me|us ?mein|is ?me|is ?mein) (?:jo )?(?:code|"
    r"digits|numbers|number|otp)\b|"
    # Not the writer's ("mere email pe code bhej do": where it is to go).
    r"\b(?<!mere )(?<!meri )(?<!mera )(?<!my )(?<!hamare )(?<!hamari )(?:"
    + _READERS_OWN
    + r")?(?:phone|mobile|number|cell|e-?mail|gmail|inbox|sms)"
    r"(?: id| address)? (?:pe|par|per|mein|me) (?:\w+ ){0,5}?" + _CODE_WORD + r"\b|"
    r"\b"
    + _CODE_WORD
    + r"(?: (?!(?:mere|meri|mera|my|hamare|hamari|our)\b)\w+){0,4}? (?:"
    + _READERS_OWN
    + r")?(?:phone|mobile|number|"
    r"e-?mail|gmail|inbox)(?: id)? (?:pe|par|per|mein|me)\b|"
    r"\bcode (?:that|which) (?:just )?(?:arrived|came) (?:on|to|in) (?:your|ur) (?:phone|"
    r"number|e-?mail|inbox)\b|"
    r"\bcode\b (?:\w+ ){0,2}?jo upwork ne (?:aap ko |tumhe )?(?:e-?mail|sms|text|send|bhej)\w*|"
    r"\b(?:sms|text|message|e-?mail)s? (?:\w+ ){0,2}?(?:aaya|aayi|aayega|mila|mili|gaya|gayi|"
    r"aa gaya|aa gayi)(?: \w+){0,2}?,?(?: \w+){0,2}? " + _CODE_WORD + r"\b"
)
#: A key that starts with the reader's phone or e-mail, and the code named in it.
PLACE_FIRST = re.compile(
    r"(?:" + _READERS_OWN + r")?(?:phone|mobile|number|cell|e-?mail|gmail|inbox|sms)\b"
)
CODE_IN_KEY = re.compile(
    r"\b(?:jo )?(?:(?:verification|security|login|sms) (?:ka |wala )?)?" + _CODE_WORD + r"\b"
)
#: A verb of handing over said as done, not asked: "bheja", "sent", and what follows "send"
#: in "code send kiya hai", "send hua" (:data:`DONE_AFTER`).
HANDED_DONE = re.compile(r"sent|bheja|bheji|bheje")
DONE_AFTER = re.compile(r" (?:kiya|kia|hua|hui|gaya|gayi|gai|diya|diye)\b")
#: The code asked for by the writer: "mujhe", "yahan", "bata do", "send kar dein".
TO_WRITER = re.compile(
    r"\b(?:mujhe|muje|mujh|hume|humein|hamein|me|us|yahan|here|idhar|i need|we need)\b|"
    r"\b(?:bata|bhej|send|forward|share|likh|paste|copy|de)\w{0,4} (?:do|dein|dijiye|kijiye|"
    r"karo|kar do|kar dein|dena|dijiyega)\b|\b(?:batao|bhejo|bhejein|batayein|bataein|bataiye|"
    r"bhejiye|bhejen)\b|"
    # Read out to the writer: "code parh ke sunao", "suna do" (review r34, scanner dev-r34).
    r"\b(?:sunao|sunaiye|sunayein|sunaein|suna do|suna dein|suna dena|suna dijiye)\b"
)

#: The code the writer's own login sets off: "a code when I log in from Dubai", "jab main
#: login karunga to code aayega" (review r39, scanner r38 open list).  Like
#: :data:`CODE_PLACED`, only an ask to the writer makes it a request.
LOGIN_CODE = re.compile(
    r"\bcode (?:when|once|as soon as|after|jab) (?:i|we|main|mai|hum) (?:log ?in|login|sign in)|"
    r"\b(?:when|once|as soon as|jab) (?:i|we|main|mai|hum) (?:log ?in|login|sign in)\w{0,5}"
    r"(?: \w+){0,5}? code\b"
)
#: The keys to an account: its password or login details, or the code Upwork sends.
KEYS = re.compile(
    r"\b(?:(?:login|id|email|username)(?: aur| and| &|,)? pass|pass (?:aur|and|&) (?:login|code|"
    r"otp)|passwords?|passcode|pwd|credentials?|login (?:details|info|information|id|"
    r"credentials)|log ?in (?:details|info)|username and password|email and password|"
    r"email (?:aur|or|&) password|otp|one[ -]time (?:pass)?code|verification codes?|"
    r"security codes?|2fa(?: code)?|two[ -]factor(?: code)?|authenticator(?: code)?|"
    r"sms code|recovery (?:email|phone|number|code)|(?:\d|six|four)[ -]digit code|"
    r"security questions?|security answers?)\b|"
    r"\bcode (?:jo|that|which|you|aap|aapko|aap ko|ap ko|aapke|aap ke)\b(?: \w+){0,4}? "
    r"(?:aaya|aya|ayega|aayega|got|get|receive|received|came|comes|mila|milega)\b|"
    # "code aa gaya hoga", "code kya aaya hai", "ek code jayega" (review r26, closing24).
    r"\b(?:jo )?code (?:kya |abhi |to |bhi )?" + _CAME + r"\b|"
    r"\bcode (?:from|of) upwork\b|" + CODE_PLACED.pattern + r"|"
    # The code or pin named by what it opens or who sent it: "security pin", "login ka code",
    # "Upwork ka code", "authenticator wala code"; the code still to come: "code aane pe
    # bata dena", "the code when it arrives"; the one texted: "the code they texted you";
    # the digits in the SMS: "jo number SMS mein aya hai" (review r27, scanner).
    r"\b(?:verification|security|login|upwork|2fa|authenticator|sms|otp)(?: ka| ki| wala| wali)? "
    r"(?:pin|code)s?\b(?! (?:for|of|in|on|mein|me|ka|ki|ke|file|files)\b)|"
    r"\bcode (?:aane|aate|aa jaye|aaye|aye|milne) (?:pe|par|per|hi|to|ke baad)\b|"
    r"\bcode (?:when|once|as soon as) (?:it )?(?:arrives|comes|lands|shows up)\b|"
    + LOGIN_CODE.pattern
    + r"|"
    r"\bcode (?:they|upwork|it) (?:just )?(?:texted|sent|emailed|messaged) (?:you|u)\b|"
    r"\b(?:number|numbers|digits) (?:jo )?(?:sms|text|message)s? (?:mein|me|pe|par) "
    + _CAME
    + r"\b|"
    # The code named by the message it came in: "a text from Upwork with a code" (r25).
    r"\b(?:text|sms|message|email|mail)s? (?:from upwork )?with (?:a|the|an|your) "
    r"(?:\d[ -]digit |six[ -]digit |login |verification )?code\b|"
    # ... also with the phone or number it went to: "upwork ne jo code aapke phone pe bheja".
    r"\bupwork (?:ne |aap ko |aapko |tumhe )?(?:jo )?"
    + _TO_READER
    + r"?code "
    + _TO_READER
    + r"?(?:bheja|bhejega|bhejta|bhejay\w{0,2}|aaya|aayega)\b|"
    r"\bcode (?:that |which |jo )?upwork (?:ne |just )?(?:sends|sent|texts|texted|emails|emailed|"
    r"bheja|bhejta|bhejega|bhejay\w{0,2})\b|"
    r"\bupwork (?:will )?(?:send|sends|sent|text|texts|email|emails)\w{0,2} (?:you|u|aap ko|"
    r"aapko) (?:a |the |an )?(?:\d[ -]digit |six[ -]digit )?(?:code|otp)\b|"
    r"\blogin (?:details |info )?(?:of|for|to) (?:my|your|ur|the) (?:upwork )?account\b|"
    r"\b(?:upwork|your|ur|apna|apni|aap ka|aap ki|my|mera|meri)(?: ka| ki)? (?:login|log in)\b"
    r"(?! (?:page|screen|form|button|flow|feature|system))"
)

#: The code Upwork sends: asking for it is the account asked for.
#: Source code, not a code sent: "the code you got doesn't compile"; also a code of the
#: work's (a coupon, a QR code) or one sent to test what is built ("app test kar ke batao
#: code aaya ya nahi", "main OTP flow test kar raha hoon") (review r26).
SOURCE_CODE = re.compile(
    r"\b(?:compil\w{0,4}|error|errors|bugs?|function|script|repo|github|stack ?trace|logs|"
    r"log file|error log|zip|theme|template|plugin|version|outdated|files?|folder|"
    r"snippet|syntax|python|javascript|php|java|html|css|deploy\w{0,3}|commit|branch|crash\w{0,2}|"
    # Code that runs: "code aa gaya hoga, check karke batayein chal raha hai ya nahi" (r26).
    r"chal (?:raha|rahi|gaya|gayi)|chalta|chalti|run|runs|running|source|coupon|discount|promo|"
    r"voucher|qr|barcode|referral|kaam kar (?:raha|rahi)|testing|test kar\w{0,4}|test ke liye|"
    r"flow|"
    # The code worked on: "login ka code refactor kar dein", "code review" (review r27, scanner).
    r"refactor\w{0,3}|optimi[sz]\w{0,4}|rewrite|code review|review (?:the |my |your )?code|"
    # The code somebody wrote: "send me the login code you wrote yesterday", "jo code aap ne
    # likha tha" (review r28, review 8).
    r"code (?:that |which |jo )?(?:you|u|i|we|he|she|they|aap ?ne|tum ?ne|main ?ne|maine|"
    r"hum ?ne)(?: have| had| just| already)? (?:wrote|written|write|coded|likha|likhi|likhe)|"
    r"(?:aap ?ne|tum ?ne|main ?ne|maine|hum ?ne) (?:jo )?code likh\w{0,3})\b"
)

#: Of the keys, the code Upwork sends (read with ``search``): "OTP", "jo code aaya", "the
#: digits in the SMS you got", "email pe jo 6 digit aaye", "jo number SMS mein aya", the
#: code or pin named by what it opens ("login ka code", "login pin"); not a password or
#: login details ("login details bhej do jab ho jaye" asks for the delivered site's,
#: review r28, review 8).
SENT_CODE = re.compile(
    r"^(?:otp|one|verification|security|2fa|two|authenticator|sms|recovery|\d|six|four|code|"
    r"jo code|upwork|digits|numbers|number)|\b" + _CODE_WORD + r"\b|\bpins?\b"
)

#: The reader's own inbox or phone, where the code Upwork sends arrives: "aapke Gmail mein
#: verification code aaya hoga" is no Gmail of the work's (review r26, closing24).
READER_INBOX = re.compile(
    r"\b(?:aap ?ke|aap ?ki|tumhare|tumhari|your|ur|apne|apni) (?:gmail|inbox|e-?mail|phone|"
    r"mobile|number)\b"
)

#: The work's own systems: a site, a server, a store's checkout, another service's account.
_SYSTEMS_OF_THE_WORK = (
    r"wordpress|wp|cpanel|admins?|administrators?|server|servers|hosting|host|ftp|sftp|ssh|"
    r"staging|shopify|woocommerce|database|db|site|website|store|dashboard|panel|vps|domain|"
    r"github|gitlab|bitbucket|figma|canva|analytics|console|cms|wifi|wi-fi|router|repo|"
    r"repository|backend|portal|test account|demo account|sandbox|app store|play store|"
    r"firebase|aws|azure|cloudflare|godaddy|namecheap|hostinger|mailchimp|zoho|smtp|env|"
    r"ads|adwords|merchant|seller|amazon|etsy|ebay|daraz|hubspot|salesforce|quickbooks|xero|"
    r"jira|slack|trello|notion|asana|(?<!sim )card|checkout|cvv|"
    r"instagram|facebook|tiktok|youtube|twitter|linkedin|google(?! authenticator)|gmail|"
    r"envato|client's|the company's"
)
#: The product being built: its feature, screen or form, and the users who log in to it.
_PRODUCT_BUILT = (
    # ... an option of the product: "a 2FA option for admins" (review r33, scanner dev-r33)
    r"feature|screen|page|flow|form|field|module|system|api|twilio|option|options|toggle|"
    r"implement\w{0,3}|integrat\w{0,6}|build|building|add|adding|design|designing|reset|"
    r"forgot password|hash\w{0,4}|encrypt\w{0,4}|users?|customers?|students?|numbers? "
    r"starting|pakistani numbers|"
    # ... and the product's own people: "hamare riders ko OTP SMS pe milta hai" (review r36).
    r"riders?|passengers?|patients?"
)
#: The keys of the work's own systems: a site, a server, a product feature.
KEYS_OF_THE_WORK = re.compile(r"\b(?:" + _SYSTEMS_OF_THE_WORK + "|" + _PRODUCT_BUILT + r")\b")
#: The product being built or tested, of :data:`KEYS_OF_THE_WORK`: a code told to the
#: writer near it is still the product's ("send me a screenshot of the OTP screen").
PRODUCT_BUILT = re.compile(r"\b(?:" + _PRODUCT_BUILT + r")\b")
#: The code told, sent or read out to the writer by name: "woh mujhe bata do", "read it
#: out to me", "send us the OTP".  Asked so, the code Upwork or a bank sends is the
#: account's or the card's, whatever system it is for (review r28, review 7).
TOLD_TO_WRITER = re.compile(
    r"\b(?:mujhe|muje|mujhko|mjhe|hume|humein|hamein|hamen|humko)\b|"
    r"\b(?:to|with|tell|send|give|forward|text|email|message|whatsapp|read|dm)"
    r"(?: it| that| them| this)?(?: out)? (?:me|us)\b|\bread (?:it |that |them |this )?out\b"
)

#: A login by a code, the product's feature being built: "OTP based login in the app",
#: "users log in with the OTP we send them", "2FA login for the dashboard", "OTP wala
#: login", "login OTP se" (red team r23 M5).  The code asked for that the reader got is
#: no feature (:data:`GOT_CODE`).
LOGIN_FEATURE = re.compile(
    r"\b(?:otp|one[ -]time (?:pass)?code|verification code|2fa|two[ -]factor|sms|code)"
    r"(?:[ -](?:based|wala|wali|waala|se|via sms|by sms))?[ -](?:login|log ?in|sign[ -]?in|"
    r"sign[ -]?up|authentication|auth)\b|"
    r"\b(?:login|log ?in|sign[ -]?in)\w{0,3} (?:flow |screen |page |system )?(?:with|via|using|"
    r"through|by) (?:an? |the )?(?:otp|one[ -]time|sms|verification code|2fa|code)\b|"
    r"\b(?:login|log ?in)\b (?:\w+ ){0,2}?(?:otp|2fa|code) (?:wala|wali|waala|se)\b"
)
#: A second factor as the product's option, or its users': "a 2FA option for admins only",
#: "2FA for our staff" (review r33, scanner dev-r33).  A feature only where no code is told
#: to the writer ("turn off the 2FA setting and send me the code" asks for one).
FACTOR_FEATURE = re.compile(
    r"\b(?:otp|2fa|two[ -]factor)(?: authentication| auth)? (?:options?|toggles?|settings?|"
    r"support|for (?:the |our |all )?(?:admins?|administrators?|users|customers|staff|members))\b"
)
#: The code the reader got: "the OTP you just got", "jo code aapko aaya".
GOT_CODE = re.compile(
    r"\b(?:you|u|aap|aapko|aap ko|tum|tumhe|aapke|aap ke)\b (?:\w+ ){0,3}?(?:got|get|received|"
    r"receive|aaya|aya|mila|aayega)\b"
)

#: Upwork named only as the channel the keys go through: "Upwork chat mein bhej diya",
#: "in the Upwork messages", "Upwork pe share kar di".  That is no Upwork account: the
#: site's login sent in the Upwork chat is the work's (review r21 M8).
UPWORK_CHANNEL = re.compile(
    r"\bupwork(?:'s| ki| ke| ka)? (?:chat|chats|messages?|messaging|inbox|messenger|thread|"
    r"conversation)\b|\b(?:on|in|via|through|thru|over) (?:the )?upwork\b(?! (?:account|"
    r"profile|id|login|password))|\bupwork (?:pe|par|per)\b(?= (?:\w+ ){0,2}?(?:bhej|share|"
    r"daal|dal|send|de|di|diya|dein|kar)\w{0,5}\b)"
)

#: An e-mail and a password named together: the login's e-mail, a key and not a way to talk
#: ("apna password aur email bhej do", "your email & password") (review r21 L1).
LOGIN_PAIR = re.compile(
    r"\b(?:pass(?:word)?s?|pwd|passcode)(?: (?:aur|and|or|&|\+|/)|,|/| ) ?(?:\w+ )?"
    r"(?:e-?mail|gmail)\b|\b(?:e-?mail|gmail)(?: id| address)?(?: (?:aur|and|or|&|\+|/)|,|/) ?"
    r"(?:\w+ )?(?:pass(?:word)?s?|pwd|passcode)\b"
)

#: The keys handed over, or asked for: sent, shared, given, told, "chahiye".
HANDED = re.compile(
    r"\b(?:send|sending|sent|share|sharing|give|giving|tell|provide|forward|dm|hand over|"
    r"handover|bhej\w{0,5}|bata\w{0,5}|de do|de dein|dedo|de dijiye|dein|dena|de deta|"
    r"de dunga|de doon|dunga|chahiye|need|needs|want|what'?s|what is|answer|here is|here's|"
    r"heres|ye hai|yeh hai|read|read out|read me|paste|(?:whatsapp|email|sms|message|text) "
    r"kar\w{0,4}|type|type in|reply with|likh (?:do|dein|dijiye|dena)|likho|likhein|likhen|"
    # Read out aloud: "code parh ke sunao" (review r34, scanner dev-r34).
    r"sunao|sunaiye|sunayein|sunaein|suna do|suna dein|suna dena|suna dijiye)\b"
)

#: Somebody's identity document or face, for an account's verification.
IDENTITY = re.compile(
    r"\b(?:cnic|nic|id card|identity card|national id|shanakhti card|passport|driving "
    r"licen[cs]e|selfie|face|chehra|camera|documents?)\b|"
    # A bare "ID" is anyone's handle ("my Skype ID") unless it verifies: "using your ID".
    r"\b(?:using|with|by) (?:your|ur|his|her|their) (?:own )?id\b"
)

VERIFY = re.compile(
    r"\b(?:verif\w{0,8}|kyc|video call (?:verification|check)|identity check|id check)\b|"
    # An account opened with the identity: "open a new Upwork account with your ID card".
    r"\b(?:open|create|register|make|bana\w{0,3})\w{0,3} (?:a |an )?(?:new |naya |nayi )?"
    r"(?:upwork )?(?:account|id|profile)\b|"
    # A document put on an account, in Roman Urdu: "card ki pic uske account pe laga do"
    # (review r36, scanner dev-r36).
    r"\b(?:account|id|profile) (?:pe|par|per|mein|me) (?:laga|lagwa|upload kar|use kar)\w{0,4}"
)

#: Verification asked for in the imperative, at a clause's start: "verify my account with
#: your CNIC", "please verify my profile using your passport" (review r31, 5).
VERIFY_ASKED = re.compile(
    r"^(?:(?:so|ok|okay|and|then|just|please|kindly|now|sir|bhai|yaar|bro|dear)[ ,]{1,2}){0,3}"
    r"verify\b"
)

#: The account verified is not the owner's of the identity: new, the writer's, paid for.
FOR_ANOTHER = re.compile(
    r"\b(?:new|naya|nayi|another|second|dusra|doosra|extra) (?:upwork )?(?:account|one|id|"
    r"profile)\b|\b(?:on|in) (?:your|ur|aap ke|aap ka) name\b|\baap ke naam\b|"
    r"\b(?:pay|paid|pay you|dunga|denge|de dunga|milenge|mil jayenge|mil jayega)\b|"
    r"\bfor (?:me|us)\b|\bmere liye\b"
)

#: A remote-access tool: "AnyDesk", "TeamViewer", "remote desktop".
REMOTE = re.compile(
    r"\b(?:anydesk|any desk|teamviewer|team viewer|rustdesk|ultraviewer|ultra viewer|"
    r"chrome remote desktop|remote desktop|remote access|remote control)\b"
)

#: The tool installed at the reader's end, asked in the imperative at a clause's start:
#: "please install AnyDesk so I can show you the project", "download TeamViewer first",
#: "AnyDesk install kar lein" (newcomer r35, 1). Installing is done on one's own computer.
INSTALL_ASKED = re.compile(
    r"^(?:(?:so|ok|okay|and|then|just|please|pls|plz|kindly|first|now|sir|bhai|yaar|bro|"
    r"dear)[ ,]{1,2}){0,3}(?:install|download|set ?up)\b|"
    r"^(?:(?:please|kindly|pls|plz|sir|bhai)[ ,]{1,2}){0,2}(?:\w+ ){1,3}(?:install|download)"
    r" (?:kar|kr)(?: ?lein| ?lo| ?dein| ?do| ?len| ?lijiye| ?lena| ?dena|o|ein|en)\b"
)

DEVICE = (
    r"(?:own )?(?:pc|laptop|computer|system|machine|device|desktop|mobile|phone|screen|"
    r"browser|setup|environment|workstation)"
)

READER_DEVICE = re.compile(r"\b" + READERS + r" (?:\w+ )?" + DEVICE + r"\b")

WRITER_DEVICE = re.compile(
    r"\b(?:" + WRITERS + r"|the company's|the client's|the office|office) (?:own )?"
    r"(?:server|servers|pc|laptop|computer|system|machine|vps|desktop|workstation)\b"
)

#: Let in by its id: "send me the AnyDesk id", "so I can access it".
LET_IN = re.compile(
    r"\b(?:send|share|give|tell|bata\w{0,4}|bhej\w{0,4})(?: me| mujhe| us)? (?:the |your |ur |"
    r"apna |apni )?(?:(?:anydesk|teamviewer|rustdesk|ultraviewer) )?(?:access |connection |"
    r"session )?(?:id|address|code|password)\b|"
    r"\b(?:so (?:that )?|taake |ta ke )?(?:i|we|main|hum) (?:can |could |will )?(?:access|"
    r"connect to|control|log ?in to|login to|use|work on|work from|check)\b|"
    r"\b(?:upwork|account|profile|bid\w{0,3}|proposals?)\b"
)

#: A request, an offer or a wish: "I want to buy", "chahiye", "interested", money offered.
WANTS = re.compile(
    r"\b(?:i|we)(?:'m| am| are|'d| would)? (?:want|wanna|looking|interested|ready|willing|"
    r"need|offer|pay|paying|give|giving)\b|\b(?:chahiye|chahta|chahti|chahte|milega|"
    r"mil sakta|available|offer|deal|interested|dunga|denge|mil jayenge|karna hai|need|needed|"
    r"wanted|required|looking for)\b|\?"
)

#: The verification done by the reader: "do the video verification for my account".
DONE_BY_READER = re.compile(
    r"\b(?:you|u|aap|ap|tum)\b(?: [\w']+){0,4}? (?:do|complete|pass|kar|karo|kar do|kar dein|"
    r"de do|de dein)\b|^(?:please |kindly |bhai |just |sirf )?(?:do|complete|pass)\b|"
    r"\bverif\w* (?:\w+ ){0,2}(?:kar do|kar dein|karo|kar dena|karwa do)\b"
)

#: ... or by the writer: "I can do the face verification for your account".
DONE_BY_WRITER = re.compile(
    r"\b(?:i|i'll|i can|we|we can|main|mai|hum)\b(?: [\w']+){0,3}? (?:do|complete|pass|"
    r"handle)\b(?: \w+){0,3} verif|\bverif\w* (?:\w+ ){0,3}(?:kar sakta|kar sakti|kar dunga|"
    r"kar doon|kar deta|kar deti|kar denge)\b"
)

WRITERS_DOCUMENT = re.compile(r"\b" + WRITERS + r" (?:own )?(?:\w+ )?$")
