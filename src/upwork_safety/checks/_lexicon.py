"""The scanner's vocabulary: the words for each idea, in English and Roman Urdu.

Each name below is one *idea* the grammar in :mod:`._intent` combines
(a channel, a payment method, a request, a negation, a product being
built...), written as a regular expression over :mod:`._normalise`'d text
(lower case, single spaces, one spelling per Roman-Urdu word).  None of them
is a finding on its own: a finding needs the right ideas together in one
sentence and nothing that suppresses them.

Every pattern is a set of alternatives between word boundaries, with bounded
repetition only, so a search is linear in the length of the text.
"""

from __future__ import annotations

import re


def _words(*alternatives: str) -> str:
    r"""``\b(?:a|b|c)\b`` from alternatives (themselves regular expressions)."""
    return r"\b(?:" + "|".join(alternatives) + r")\b"


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# ------------------------------------------------------------------ who and what

#: Messaging apps and social networks people move a conversation to.
APP = _c(
    _words(
        r"w(?:h|a|ha)t{1,2}s{1,2}\s?a{1,2}pp?",
        r"whtsapp|whatapp|wtsapp|watsapp|whatsapp|whatsaap",
        r"te?le\s?g(?:ra|ar|r)a?mm?",
        r"skype|skipe|skyp",
        r"discord",
        # WeChat the chat, not WeChat Pay (a payment method).
        r"we\s?chat(?! pay)|viber|imo|kik|snapchat",
        r"insta(?:gram)?|fb|facebook|messenger",
        r"linked\s?in",
        r"google chat|hangouts",
        r"(?:the )?green app|(?:on|via|use|over) the green one|paper plane",
        # An app named by its initial, to slip past a filter, only where someone is reached
        # on it: "ping me on the W app", "are you on the T app?" (not "the T app's login
        # screen", which is the client's product).
        r"\b(?:add|message|text|ping|reach|contact|find|dm|call|msg) (?:me|us) on the "
        r"(?:t|w|wa|tg)\b(?![ -]app)(?!-)|"
        r"\b(?:on|via|use|over) (?:the )?(?:t|w|wa|tg)[ -]app(?:lication)?"
        r"(?! (?:screens?|icon|login|logo|build|store|design|ui|code|launch|release|version|"
        r"palette|onboarding|backend|api|team)\b)",
        # ... and in Roman Urdu, the app before its "on": "Signal pe aa jao" (scanner r41).
        r"(?:on|via|at|my|your|the) signal|signal (?:app|number|id|me|pe|par|per)",
        r"(?:move|moving|switch|switching|shift|go|come|continue|talk|chat) (?:over )?to signal",
        r"line (?:app|id)",
        # LINE the app only where someone is to be reached on it ("add me on Line"), not a
        # line of text or code ("the bug on line 12", "ping me on line items").
        r"\b(?:(?:add|message|text|ping|reach|contact|find|dm|call|msg) (?:me|us)|(?:chat|talk|"
        r"continue|connect|move)) (?:on|via|over) line(?![ -](?:\d|items?|spacing|height|"
        r"breaks?|by|wrap\w*|numbers?|art|charts?|graphs?|manager|endings?|of)\b)",
    )
)
#: E-mail as a way to talk.
EMAIL_WORD = _c(_words(r"e-?mail(?:s|ed|ing)?", r"gmail|hotmail|yahoo|outlook|inbox", r"mail"))
#: Phone as a way to talk.
PHONE_WORD = _c(
    _words(
        r"phone|cell|cellphone|mobile|landline|telephone",
        r"(?:phone|cell|mobile|contact|whatsapp|personal|direct) (?:number|no)",
        r"number",
        r"sms|texts?",
    )
)
#: Verbs of getting in touch, in English and Roman Urdu.
CONTACT_VERB = _c(
    _words(
        r"add (?:me|us|you)",
        r"message|messages|messaging|text|texting|call|calls|calling|ring|ping|dm|inbox",
        r"reach(?: out)?|contact|talk|chat|speak|discuss|connect|write|hit (?:me )?up",
        r"drop (?:me )?an?",
        r"get in touch|keep in touch|find me|follow me|join|switch|move|shift|continue|talk there",
        r"video call|voice call",
        r"baat|rabta|milte|aa jao|aa jayein|aa jaiye|aajao|add kar\w*|call kar\w*",
        r"message kar\w*|contact kar\w*|join kar\w*",
        # Brought into a group: "log in to our Telegram group" (newcomer r35, 1).
        r"(?:log ?in|login|sign ?in) (?:to|into)(?= (?:our|my|the|this) (?:\w+ ){1,2}?"
        r"(?:group|channel|server|community)\b)",
    )
)
#: The app named as a verb: "whatsapp me", "email me".
APP_AS_VERB = _c(
    r"\b(?:whatsapp|skype|telegram|email|e-mail|mail|text|call|ping|dm|sms|inbox|signal)"
    r" (?:me|us)\b"
)
#: The person whose contact it is.
POSSESSIVE = _c(
    _words(
        r"your|my|our|his|her",
        r"apna|apni|apne|mera|meri|mere|aap ka|aap ki|aap ke|humara|hamara|humari",
        r"personal|private|direct",
    )
)
#: Contact as a thing one has: "your number", "my id".
CONTACT_THING = _c(
    _words(
        r"number|contact|contact details|contact info|id|handle|username|user name",
        r"email|e-mail|email address|gmail|phone|cell|mobile",
    )
)

#: A relative or friend, not their thing ("my father's card", "your friend's agency" are not
#: the person), except their account.
_RELATIVE = (
    r"(?:your|my|his|her|our) (?:brother|cousin|friend|uncle|relative|father|dad|sister|"
    r"family)(?:-in-law)?(?:'s (?:bank )?(?:account|wallet))?\b(?!'s)"
)
#: Money, not a paper about it ("the payment receipt").
_MONEY = (
    r"(?:money|payment|paise|cash|amount|balance|funds|rest)(?! (?:receipt|screenshot|slip|"
    r"proof|details|invoice|confirmation|status|page|form|button|link|discount)\b)"
)
#: Money handed to a relative or friend to pass on.  English needs a verb of handing over
#: with the money and "to / through" the person: "give the money to your brother", "send the
#: payment through your cousin" (not "the payment with my father's card").  Roman Urdu
#: needs a money word beside the relative's account, hand or means: "paise apne bhai ke
#: account se", "bhai ke haath paise" (not "cousin ke zariye reference mila").
_VIA_RELATIVE = (
    r"(?:give|gave|giving|send|sent|sending|transfer\w{0,3}|pay|paid|paying|hand|handed|"
    r"handing|pass|passing|route|routing|wire|wiring|deposit\w{0,3})(?: \w+){0,2}? "
    + _MONEY
    + r"(?: \w+){0,3}? (?:to|through|thru|via) "
    + _RELATIVE
    + r"|(?:paise|paisa|payment|raqam|amount|cash)(?: \w+){0,3}? "
    r"(?:bhai|cousin|dost|brother|friend|chacha|mamu|relative)\w{0,2} (?:ke|ki|k) "
    r"(?:account|zariye|haath)"
    r"|(?:bhai|cousin|dost|brother|friend|chacha|mamu|relative)\w{0,2} (?:ke|ki|k) "
    r"(?:account|zariye|haath)(?: (?:se|mein|me|main|pe))?(?: \w+){0,1}? "
    r"(?:paise|paisa|payment|raqam|amount|cash)"
    # The money handed to the relative: "paise aap ke cousin ko de deta hun", "payment abbu ko
    # pakra dunga" (review r33, scanner dev-r33).
    r"|(?:paise|paisa|payment|raqam|amount|cash)(?: \w+){0,3}? (?:bhai|cousin|dost|brother|"
    r"friend|chacha|mamu|relative|abbu|walid)\w{0,2}(?: sahab| sahib)? ko "
    r"(?:de|dunga|denge|bhej|pakra|thama|hand)\w{0,4}"
    # The money handed to someone, the reader to collect it from them: "unhein cash de aata
    # hun, aap un se le lena" (review r34, scanner dev-r34).
    r"|(?:paise|paisa|payment|raqam|amount|cash)\b[^.?!]{0,30}? (?:aap|ap|tum) (?:un|us|in|is) "
    r"se (?:le|collect|wasool|wasul)\w{0,4}"
    # ... or a relative bringing the money to the reader: "paise mera bhai aap ke ghar de
    # jayega" (review r36, scanner dev-r36).
    r"|(?:paise|paisa|payment|raqam|amount|cash)(?: \w+)?? (?:bhai|cousin|dost|brother|friend|"
    r"chacha|mamu|relative|abbu|walid)\w{0,2}(?: \w+){0,4}? (?:de|pohncha|pahuncha|chhor|chor)"
    r"\w{0,2} (?:jayega|jayegi|jaye|dega|degi|aayega|aayegi|aaega|jaega)\b"
)

#: Ways to pay that leave Upwork.
METHOD = _c(
    _words(
        r"pay\s?pal|payoneer|transfer\s?wise|western union|money\s?gram|remitly|skrill|neteller",
        r"zelle|venmo|cash\s?app|revolut|xoom|world\s?remit|wire",
        r"alipay|zhifubao|we\s?chat pay|google pay|gpay|apple (?:cash|pay)|samsung pay",
        r"jazz\s?cash|easy\s?paisa|sada\s?pay|naya\s?pay|raast|upaisa|hawala",
        r"(?:by|via|through|thru|to|into|in|on) (?:your |my |the |a |his |her )?banks?",
        r"banks? (?:mein|me|pe|par|main|se|account mein)",
        r"iban|swift|routing number|bank transfer|wire transfer|direct deposit",
        r"crypto\w{0,8}|bitcoin|btc|usdt|tether|eth|ethereum|binance|trc\s?20|erc\s?20",
        r"trust wallet|metamask|wallet address",
        r"gift\s?cards?|cheque|money order",
        r"(?:send|mail|post|give)\w{0,3} (?:you )?(?:a |the )?check|by check|check payment",
        r"(?:in|by|with) cash|cash (?:mein|me|payment|in hand)|pay (?:you |u )?(?:in )?cash",
        r"cash (?:de|dunga|dun|bhej|doon|dedunga)\w{0,4}",
        r"(?:on|via|by|through|with|using|to|over) wise|wise (?:accounts?|transfers?)",
        # Wise taken up as the way: "let's use Wise instead" (not "use wise judgement").
        r"(?:use|switch to|go with|accept) wise(?! (?:judge?ment|words|choices?|decisions?))",
        # Money put straight into the reader's account by the writer: "can I just transfer it
        # to your account?" (not "transfer the domain to your account": money or "it" only).
        r"(?:i|we)(?:'ll| will| can| could| would|'d| shall)?(?: just| directly)? (?:transfer|"
        r"wire|send|deposit)\w{0,3}(?: (?:it|the (?:money|payment|amount|rest|balance|funds)|"
        r"\$?\d[\d,.]*k?))?(?: directly| straight)? (?:to|into|in) (?:your|ur) (?:own |personal |"
        r"private |bank )?account(?! (?:email|settings|page|dashboard|manager|name))"
        r"(?![^.?!]{0,30}\b(?:through|thru|via|on|using|in) (?:the )?upwork\b)",
        _VIA_RELATIVE,
    )
)
#: The relative or friend alone (one of :data:`METHOD`'s alternatives), to tell it apart.
VIA_RELATIVE = _c(_words(_VIA_RELATIVE))
#: Paying, sending money, and the money itself.
PAY = _c(
    _words(
        r"pay|paid|paying|pays|payment|payments|payout",
        r"send|sent|sending|transfer\w{0,3}|wire|remit|deposit\w{0,3}|receive|settle",
        r"bonus|tip|salary|invoice|advance|balance|remaining|rest|amount|money|funds?",
        r"paise|paisa|raqam|rupay|rupees|dollars?|bhej\w{0,4}|de dunga|de doon|de deta",
        r"compensat\w{0,5}|reimburs\w{0,5}",
    )
)
#: Leaving the platform.
OFF_PLATFORM = _c(
    r"\b(?:outside|off|away from|leave|skip|bypass|avoid|without|instead of|not through|"
    r"not on|other than|cut out|beyond)\s(?:of\s)?(?:the\s)?(?:upwork|platform|site|"
    r"upwork'?s? (?:system|chat|messages?|messenger|fees?))\b|"
    r"\bupwork (?:se|ke) (?:bahar|baghair|ilawa)\b|\bbahar\b|\bbaghair upwork\b|"
    r"\bdirect(?:ly)?\b|\bpersonally\b|\bprivately\b|\bbetween us\b|\bon the side\b|"
    r"\bseparately\b|\boutside\b|\belsewhere\b|\bsomewhere else\b|\bseedha\b|\bseedhe\b|"
    r"\bupwork ki zaroorat nahi\b|\bno need (?:for|of) upwork\b|\b(?:don'?t|do not) need upwork\b|"
    r"\bnot involve upwork\b|"
    # Upwork's payment refused or waved off: "Upwork pe payment nahi karte", "Upwork ka chakkar
    # chhodo", "forget Upwork".
    r"\bupwork (?:pe|par|per|mein|se) (?:\w+ )?(?:payment|pay|paise) (?:nahi|na|mat)\b|"
    r"\bupwork (?:ka|ke|ki) (?:chakkar|jhanjhat|jhanjat|jhanjhat)\b|"
    r"\b(?:forget|ditch|forget about) upwork\b|"
    # Upwork's payment refused in English: "I don't want to go through Upwork's payment system".
    r"\b(?:don'?t|do not|not|rather not|never) (?:want to |wanna |like to |need to )?(?:go |pay |"
    r"do (?:it|this) )?(?:through|via|thru) (?:the )?upwork'?s? (?:payment system|payments?|"
    r"escrow|billing|system)\b"
)
#: Keeping it on the platform: "only on Upwork", "through Upwork".
ON_PLATFORM = _c(
    r"\b(?:on|via|through|thru|in|using|inside|within|here on|from|by|with) (?:the )?"
    r"upwork(?:'s)?\b|\bupwork (?:pe|par|per|ke zariye|ke through|se hi|pe hi|mein|me)\b|"
    r"\bhere on upwork\b|\bupwork (?:messages|chat|call|video call|meeting|app|"
    r"messenger|direct contracts?)\b|\b(?:on|in) the (?:platform|upwork app)\b"
)
#: Avoiding the fee Upwork keeps: "save the fee", "upwork ki commission bach jayegi".
FEE_AVOIDANCE = _c(
    r"\b(?:avoid|save|saving|saves|skip|bypass|dodge|escape|without|bach\w{0,5}|"
    r"cut)\s(?:\w+\s){0,3}?(?:fees?|commission|commision|cut|charges|%)(?!\w)|"
    r"\b(?:fees?|commission|commision)\s(?:bach\w{0,5}|nahi (?:lag|kat)\w{0,5})|"
    # Roman Urdu puts the fee first: "fees se bachne ke liye", "charges se bach jayenge".
    r"\b(?:fees?|commission|commision|charges|cut|katauti|kattoti)\sse\s(?:\w+\s)?bach\w{0,5}|"
    r"\b(?:no|zero) (?:upwork |platform )?(?:fees?|commission|commision)\b|"
    r"\b(?:commission|commision|fees?) (?:nahi|na) (?:lag|kat|de)\w{0,5}"
)
#: The fee Upwork keeps given as a reason for leaving: "Upwork takes 20%".
PLATFORM_FEE = _c(
    r"\b(?:upwork|platform|site|upwork's|they)(?: ki| ka)?\s(?:takes?|charges?|keeps?|cuts?|"
    r"eats?|deducts?|kaat\w{0,4}|le leta|leti)\b|"
    r"\b(?:upwork|platform)(?: ki| ka| ke)?(?: \w+)? (?:fees?|commission|commision|cut) "
    r"(?:(?:are|is) )?(?:too|so|very|bohat|bahut|zyada|high)\b|" + FEE_AVOIDANCE.pattern
)
#: Upwork's fee given as a complaint, a reason to leave it: "as Upwork charges too much",
#: "since Upwork fees are high" (not "Upwork charges a 10% service fee", a feature).
FEE_COMPLAINT = _c(
    r"\b(?:upwork|platform|site|upwork's|they)(?: ki| ka)?\s(?:takes?|charges?|keeps?|cuts?|"
    r"eats?|deducts?)\s(?:too much|so much|a lot|way too much|bohat|bahut|zyada)\b|"
    r"\b(?:upwork|platform)(?: ki| ka| ke)?(?: \w+)? (?:fees?|commission|commision|cut) "
    r"(?:(?:are|is) )?(?:too|so|very|bohat|bahut|zyada|high)\b"
)
#: Upwork's own chat complained of as the reason to talk elsewhere: "as Upwork chat is
#: laggy", "since Upwork messages are slow to load", "Upwork chat slow hai", "yahan Upwork pe
#: messages late aate hain" (the chat is named, so its name is no Upwork feature in use).
CHAT_COMPLAINT = _c(
    r"\b(?:upwork(?:'s)?|this|the|yahan|yahan upwork)(?: pe| par| ki| ka| ke)? (?:chat|messages?|"
    r"messenger|messaging|inbox|notifications?|app|site)\b(?: [\w']+){0,3}? (?:laggy|lagging|"
    r"lags|slow|too slow|so slow|buggy|glitchy|blocked|down|not working|doesn'?t work|"
    r"don'?t work|take forever|takes forever|late|der se|kaam nahi kar\w{0,4}|band)\b|"
    r"\bupwork is (?:blocked|banned|slow|down|laggy)\b"
)
#: Upwork's fee stated: "Upwork charges 20%", "the platform's fee", "upwork ki fees".
_FEE_STATED = (
    r"(?:upwork|the platform|the site)(?:'s)?(?: ki| ka| ke)?(?: service)? (?:takes?|charges?|"
    r"keeps?|cuts?|deducts?|fees?|commission|cut|percentage)\b"
)
#: Upwork's fee given as the reason for what the sentence asks: "since Upwork charges 20%",
#: "as upwork takes 10 percent", "because of Upwork's fee", "Upwork ki fee ki wajah se",
#: "Upwork takes 10%, let's ...", "Upwork 10% kaat leta hai, is liye ...".  Neutral on its
#: own ("since Upwork takes 10%, I raised the price"): a way off Upwork must go with it.
FEE_AS_REASON = _c(
    r"\b(?:since|as|because|coz|cuz|cause|bcz|bcoz) (?:of )?" + _FEE_STATED + r"|"
    r"\bbecause of (?:the )?(?:service |platform )?(?:fees?|commission)\b|"
    r"\b(?:upwork|platform)(?: ki| ka| ke)? (?:fees?|commission|cut) (?:ki|ke) waja?h? se\b|"
    r"^" + _FEE_STATED + r"[^,.?!]{0,30}, (?:let'?s|let us|can|could|why|pay|just|so let'?s)\b|"
    r"\b(?:upwork|platform) \d+ ?% (?:kaat|kat|le)\w{0,6}(?: \w+){0,2}?,? (?:is liye|isliye)\b"
)
#: Someone's bank or payment account, asked for or given.
ACCOUNT_DETAILS = _c(
    _words(
        r"bank (?:account|details|info|information|name)",
        r"account (?:number|details|title|info|information|name)",
        r"iban|swift(?: code)?|routing number|sort code",
        r"(?:paypal|payoneer|wise|skrill|zelle) (?:email|id|address|account|details|username)",
        r"(?:jazzcash|easypaisa|sadapay|nayapay) (?:number|account|details)",
        r"wallet address|(?:crypto|usdt|btc|bitcoin) (?:wallet|address)",
        r"full name and bank",
    )
)

# ------------------------------------------------------------------ asking and offering

#: A request, suggestion or offer: "please", "can you", "let's", "I'll", Roman-Urdu verb endings.
REQUEST = _c(
    _words(
        r"please|kindly|can you|could you|would you|will you|can we|could we|shall we|should we",
        r"let's|lets|let us|let me|how about|what about|why don't|why not",
        r"is it (?:ok|okay|possible|fine|alright)|would it be|would you mind|do you mind",
        r"i want you to|i need you to|we need you to|you need to|you have to|you must",
        r"you should|you can|you could|you may|feel free to",
        r"i'd like|i would like|we'd like|i prefer|i'd prefer|we prefer|prefer",
        r"better|easier|faster|quicker|simpler|cheaper|i'd rather|we'd rather|rather|instead",
        r"do you have|are you on|do you use|have you got",
        r"is there (?:a|an|any|some|another)(?: other)? way",
        r"can i|could i|may i|shall i|should i",
        r"i'll|i will|i can|i could|we'll|we will|we can|we could|i'd|i would|we would",
        r"i'm going to|i am going to|we're going to|gonna|happy to",
        r"here's|here is|you'll|you will",
        # Roman Urdu: requests and offers end with the verb.
        r"\w+ (?:dein|dijiye|do|karein|karo|kijiye|lein|lo|dena|jayein|jao|jaiye|dijiyega)",
        r"karein|karo|kijiye|kariye|dein|dijiye|bhejein|bhejo|batayein|batao|chahiye",
        r"sakte|sakti|sakta|saktay|karte hain|kar lete|karenge|karunga|karungi|dunga|dungi",
        r"denge|deta|deti|bhejunga|bhejta|kar doon|de doon|bhej doon|ho jayega|ho jaye",
        r"aa jayein|aa jao|milte hain|rakhte hain|chalte hain|kya hai|hoga|hogi|karwayen",
        r"chalega|chalegi|chalenge",
        r"zaroor|zaroori|lazmi|dete hain|lete hain|kar dete|kar lete|rakhein|rakho|rakhiye",
        r"\w{2,}(?:ein|ijiye|iyega)",
    )
)
#: A question asked of the reader (with "you" / "aap" in the same sentence, or a Roman-Urdu
#: verb said to the reader: "payment Bitcoin mein le loge?", "kar doge?", review r34).
YOU = _c(
    _words(
        r"you|your|yours|aap|aap ka|aap ki|aap ke|aap ko|tum|tumhara|apna|apni",
        r"(?:l|d|kar|bhej|bana|likh|ja|aa|rakh|sun|bhar)(?:oge|ogi)",
        # The reader's habit asked: "Bitcoin mein payment accept karte ho?" (review r37).
        r"(?:kar|le|de|bhej|rakh)(?:te|ti) ho",
    )
)
#: Words that open a command: "send me...", "add me...".
IMPERATIVE_START = _c(
    r"^(?:(?:so|ok|okay|and|then|also|just|please|kindly|now|oh|hey|hi|sir|bhai|yaar|"
    r"brother|bro|dear)[ ,]{1,2}){0,3}"
    r"(?:add|send|share|give|drop|message|text|call|contact|reach|ping|email|mail|write|"
    r"pay|transfer|start|begin|proceed|continue|keep|do|make|build|create|design|fix|"
    r"finish|accept|use|buy|purchase|order|deposit|invest|recharge|top up|connect|join|move|"
    r"switch|come|get|take|provide|tell|dm|whatsapp|skype|telegram|hit|find|follow|complete|"
    r"submit|push|go ahead|kick off|work|write|prepare|record|transcribe|translate|edit|"
    r"cover|register|sign up|install|download|pick up|grab|refund|return|let's|lets)\b"
)

# ------------------------------------------------------------------ context that suppresses

#: Negation.  Roman-Urdu negation sits after the object, so it counts anywhere in the clause.
NEGATION = _c(
    _words(
        r"don't|do not|never|not|no|can't|cannot|won't|wont|would not|wouldn't|shouldn't",
        r"should not|mustn't|must not|isn't|is not|aren't|doesn't|does not|didn't|did not",
        r"prefer not|rather not|refuse|against|nahi|mat|na|nope|neither|nor",
        # Roman Urdu refusal or prohibition, after its object like "nahi": "WhatsApp number
        # maange to mana kar dena", "Upwork pe mana hai".
        r"mana (?:kar dena|kar dein|kar do|karo|karna|karein|kar diya|hai|karta hai)",
    )
)
#: Negations that do not negate ("don't hesitate", "why not", "no problem").
NOT_NEGATION = _c(
    _words(
        r"don't (?:hesitate|forget|mind|worry|be shy)|do not (?:hesitate|forget)",
        r"why don't|why not|no problem|no worries|not sure|no rush|not only|no issue",
        r"no doubt|no matter|can't wait|won't you|don't you|can't we|couldn't we",
        r"shouldn't we|isn't it|wouldn't it|no need to wait|not a problem|nahi to|warna",
        r"no one will|nobody will|not much|not a big|not big|nothing big",
        r"(?:shouldn't|should not|won't|will not|wouldn't|doesn't|does not|not) take"
        r" (?:you |me |us |them )?(?:long|much|more|a lot|ages|forever|a while|a bit|a cut|"
        r"a fee|a minute|a second|an hour|a day|a few|a couple|time|\d+)",
        r"(?:shouldn't|should not|won't|wouldn't) be (?:much|hard|difficult|a big|a lot|long)",
    )
)
#: A refusal told after what it refuses (English negations otherwise come first): "payment
#: via Binance is not something I use", "PayPal isn't an option for me" (review r31).  Matched
#: right after the word refused, up to three words on.
REFUSED_AFTER = _c(
    r"(?: [\w']+){0,3}? (?:is|are)(?: not|n't| never) (?:(?:something|anything|a thing|a method|"
    r"a way) (?:i|we)(?: (?:ever|really|usually|normally|can|will))? (?:use|accept|take|do|work "
    r"with|support|offer)\b|(?:an option|one of (?:my|our) options)(?: for (?:me|us))?\b)"
)
#: Past events: "used to", "last time", "my previous freelancer", "tha".
PAST = _c(
    _words(
        r"used to|previously|last (?:time|year|month|week|project|job|contract|client)",
        r"earlier|in the past|ago|before upwork",
        r"(?:my|our|the) (?:previous|old|last|former|ex) (?:freelancer|designer|developer|"
        r"client|va|writer|team|agency|contractor|coder|editor|employer|boss|company)s?",
        # What the writer did with a cheque or a payment: "I deposited the vendor's cheque".
        r"(?:i|we) (?:deposited|cashed|forwarded|reported)",
        # Why a message was held back: "Upwork flagged my message because I mentioned Skype"
        # (scanner r41).
        r"(?:flagged|removed|hid|hidden|blocked|deleted) (?:my|our) (?:message|msg|messages)",
        r"(?:my|our) (?:message|msg|messages) (?:was|were|got) (?:flagged|removed|hidden|"
        r"blocked|deleted)",
        r"(?:i|we) mentioned",
        r"had (?:paid|asked|used|sent|moved|done)|was paid|were paid|i paid|we paid|paid my",
        r"(?:client|customer|they|he|she|someone|somebody)(?: once)? (?:paid|asked|sent|used|"
        r"offered)",
        r"asked me|asked us|told me|wanted me|asking me to|a scam|scam message|scammers?|"
        r"fraudsters?",
        # Scams named by their examples, the subject of the work: "a module on freelance scams
        # like fake staff moving chats to WhatsApp" (scanner r43).
        r"(?:modules?|lessons?|posts?|articles?|courses?|videos?|guides?|checklists?|sections?|"
        r"chapters?|scripts?|episodes?|training|pages?|quiz|slides?) (?:on|about|of|covering) "
        r"(?:[\w-]+ ){0,2}?(?:scams?|frauds?|red flags|tricks) (?:like|such as)",
        r"pichli (?:dafa|baar)|pehle maine|pehle humne|maine pehle|humne pehle",
        # Money lost, a story of a scam: "a friend of mine lost 600 dollars to a fake agency".
        r"lost (?:(?:\$|rs\.? ?|usd ?|pkr ?)?\d[\d,.]*k? |some |a lot of |"
        r"(?:all )?(?:my|his|her|their|our) )?(?:dollars|rupees|usd|pkr|money|savings|bucks)",
        r"(?:mere|mera|meri|humare|hamare|humara) (?:pichle|pichla|pichli|purane|purana|"
        r"purani) \w+",
        r"diye the|diya tha|kiya tha|karta tha|karte the|ki thi|thi|tha|thay",
        # A Roman-Urdu past participle with "the" (were): "paise mangay the".
        r"(?:mang|maang|bhej|kiy|diy|liy|kah|bol)(?:e|ay|i) the",
    )
)
#: A present or future directive that overrides the past ("so let's do the same").
STILL_ASKING = _c(
    _words(
        r"let's|lets|let us|please|can you|could you|would you|can we|shall we|kindly",
        r"i'll|i will|we'll|we will|i can|we can|you can|again|this time|too|as well",
        r"karein|kar dein|kar lein|karte hain|dein|bhej dein|karunga|dunga|kar doon",
        # A request in Roman Urdu after a past detail: "number job post mein diya tha, wahan
        # voice note bhej dena" (review r34, scanner dev-r34).
        r"bhej dena|kar dena|de dena|bata dena|bhej do|kar do|de do|bata do|bhejo|batao",
    )
)
#: The channel or payment method is part of what is being built.
PRODUCT = _c(
    _words(
        r"button|buttons|bot|bots|chatbot|api|apis|sdk|webhooks?|plugin|plug-in|widget|icon|"
        r"icons|logos?|integrat\w{0,6}|gateway|gateways|checkout|check-out|cart|ipn|callback|"
        r"endpoint|orders?|order status|status|errors?|bugs?|failing|fails|logs?|link|links|"
        r"footer|header|navbar|menu|tab|url|section|support line|support|hotline|helpline|"
        r"the app|our app|app lets|app moves|app that|startup|wallets|"
        # Roman Urdu "our app": "hamari app mein refund JazzCash pe jata hai" (review r23 M3).
        r"hamari app|hamara app|hamare app|hamari website|hamari site",
        r"share on|share to|share via|click-to-chat|notifications?|alerts?|reminders?|"
        r"channel|channels|stories|story|reels?|profile|bio|highlights|thumbnails?|carousel|"
        r"shorts|versions?|hashtags|"
        # A network's cover image, not a cover letter: "Facebook cover ke size ka" (review r34).
        r"covers? (?:photos?|images?|pics?|banners?|art|ke|ki|size|sizes|dimensions?)|"
        r"feed|template|templates|sequence|signature|campaigns?|newsletter|auto-?reply",
        r"customers?|users?|visitors?|subscribers?|members?|attendees?|tenants?|students?|"
        r"buyers?|shoppers?|patients?|drivers?|riders?|leads|audience|followers",
        # The books kept for a business that sells through it: "our client sells through
        # JazzCash, you'll see it in the bank feed" (scanner r40); not the people who keep them
        # and pay: "our transactions team will pay you there" (red team r40, second pass 1).
        r"(?:bank feeds?|bank statements?|transactions|reconcil\w{0,8}|ledgers?)"
        r"(?! (?:team|teams|desk|person|people|department|dept|staff|wala|wale|walay|walon|"
        r"manager|managers|officer|guy|guys|head|lead))|sells|sales",
        r"store|shop|website|site|landing page|page|form|field|fields|screen|module|feature|"
        r"features|dashboard|admin|app's|mockup|wireframe|sandbox|test mode|payment options?|"
        r"payment methods?|option|options|refunds?|pricing|product page|invoice pdf|invoice page",
        r"business api|business account|business number|login|log in|sign in|oauth",
        r"scrap\w{0,4}|automat\w{0,6}|sync\w{0,4}|track\w{0,4}|verification code|otp|"
        r"encrypt\w{0,4}|database|crm|wordpress|shopify|woocommerce|stripe",
        # "posts", not the verb of a thing sent: "we'll post a cheque to your address".
        r"marketing|ads|ads manager|ad account|pixels?|analytics|tag manager|catalogu?es?|"
        r"posts|post(?! (?:you|u|a|an|our)\b)|captions?|"
        r"content|followers|handle the|manage (?:our|the)",
        r"ka button|ka option|ka payment option|ka field|wala feature|wala form|"
        r"banana|banwaya|lagana|lagaya|integration",
    )
)
#: A product verb directly before the channel: "integrate PayPal", "add a WhatsApp button".
BUILD_VERB = _c(
    _words(
        r"integrate|integrating|connect|connected|support|supports|accept|accepts|enable",
        r"embed|set up|setup|implement|build|building|develop|create|design|add|added|adding",
        r"show|display|post to|posts to|send to|sends to|link|scrape|automate|sync|configure",
    )
)
#: Upwork's own features and withdrawals, which mention channels and methods innocently.
UPWORK_FEATURE = _c(
    _words(
        r"withdraw\w{0,4}|withdrew|nikal\w{0,6}|payout method",
        r"get paid (?:by|through|from|via) upwork",
        r"upwork (?:pays?|sends?|transfers?|releases?|deducts?|charges?|takes?)",
        r"(?:linked|connected|attached) (?:to|with) (?:my )?upwork|upwork se linked",
        r"service fee|marketplace fee|connects|upwork fee|upwork fees|upwork's fee",
        r"upwork ki fees|upwork ka fee|upwork's fees|direct contracts?",
        r"upwork (?:messages|chat|call|video call|app|meeting|zoom|invoice|invoices|tax form)",
        r"upwork se (?:payoneer|bank|jazzcash|easypaisa)|from upwork to (?:payoneer|bank|"
        r"jazzcash|easypaisa|my bank)|paise kaise aate|kaise milte|how (?:do|does) (?:the )?"
        r"(?:money|payment|withdrawal)",
    )
)
#: Calls and chats Upwork allows or integrates: not off-platform contact.
ALLOWED_TOOL = _c(_words(r"zoom|teams|microsoft teams|slack|google meet|meet|loom|jira|asana"))

# ------------------------------------------------------------------ how big, and the ask's end

#: The request itself called small, as a sentence of its own before the work ("Small request.
#: Please also add a FAQ page.", "Quick favour: ...", "Choti si request hai."): it plays down
#: the work that follows, as "quick" in the same sentence does (review r25, open list).
SMALL_ASK = _c(
    _words(
        r"(?:small|quick|tiny|little|minor|chhoti|choti|chhota|chota)(?: si| sa)? "
        r"(?:request|ask|favou?r|addition|guzarish|gujarish|darkhwast)",
        # The request itself, said as "a tiny one" before it is made (review r32).
        r"(?:a|just a) (?:small|quick|tiny|little|minor) one",
    )
)
#: "Small" said of the writer's business, not of the work ("we are a small team and also
#: need someone for testing later", "I'm a small shop owner", "hum chhoti company hain"):
#: an introduction, which plays nothing down (review r25, open list).
SMALL_BUSINESS = _c(
    _words(
        r"(?:small|tiny|little|chhoti|choti|chhota|chota)(?: si| sa)? (?:[\w-]+ )?"
        r"(?:team|teams|business|businesses|company|agency|startup|start-up|studio|firm|"
        r"organi[sz]ation|ngo|outfit|shop owner|store owner|business owner|karobar)",
    )
)
#: What ends a Roman-Urdu ask after its verb, or an English one after "send", "forward": the
#: light verbs and the object ("bhej *dein*", "send *kar do*", "bata *dijiye*", "forward
#: *it to me*"), so a finding's evidence is the whole asking phrase (review r25, open list).
ASK_ENDING = _c(
    r"(?: (?:kar|kr|karke|karein|karo|de|do|dein|den|dena|dijiye|dijiyega|dein ge|deta|deti|"
    r"dunga|dungi|doon|lo|lein|len|it|them|to me|to us|over|here|mujhe|me)\b){1,4}"
)


# ------------------------------------------------------------------ where a line runs on
# Read by ``_normalise._mid_sentence``: a line break between two words joins the two
# lines into one sentence only when the line cannot end there or the next cannot start
# there (review r23 H1, M1).  Plain words, compared case-folded, not patterns.

#: Words a sentence does not end with: the line after them goes on with it.
RUNS_ON_AFTER = frozenset(
    [
        "a",
        "an",
        "the",
        "my",
        "your",
        "our",
        "their",
        "his",
        "her",
        "its",
        "this",
        "that",
        "to",
        "on",
        "via",
        "through",
        "thru",
        "by",
        "with",
        "into",
        "onto",
        "in",
        "at",
        "from",
        "for",
        "of",
        "and",
        "or",
        "but",
        "using",
        "ko",
        "ka",
        "ki",
        "ke",
        "se",
        "pe",
        "par",
        "mein",
        "aur",
        "ya",
    ]
)
#: Words a sentence does not start with: the line they start goes on from the one before.
RUNS_ON_BEFORE = frozenset(
    [
        "via",
        "through",
        "thru",
        "on",
        "onto",
        "by",
        "with",
        "using",
        "to",
        "into",
        "and",
        "or",
        "but",
        "instead",
        "directly",
        "outside",
        "bahar",
        "baahir",
        "pe",
        "par",
        "se",
        "ke",
        "ki",
        "ka",
        "ko",
        "mein",
        "aur",
        "ya",
    ]
)
