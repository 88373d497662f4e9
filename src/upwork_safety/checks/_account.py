"""Account sharing: an Upwork account rented, sold, lent or used by someone else.

Upwork does not let anyone share, sell, trade or transfer an account, log
into someone else's or let anyone log into theirs (Help Center, "Represent
yourself authentically").  The schemes that reach freelancers in Pakistan
come in four shapes, and each has its rule here:

* **the account traded**: rented, bought, sold, lent or borrowed ("apna
  Upwork account rent pe de do", "I'll buy your Top Rated profile");
* **the account used by another**: "can I use your Upwork account?", "you
  can work from my account", "I'll deliver this job from my brother's ID",
  "you work logged in as me";
* **the keys to it**: its password or login details, or the code Upwork
  sends (an OTP, a verification or 2FA code), asked for or offered;
* **a person's identity lent to it, or a computer**: another person's CNIC,
  passport or face for an account's verification, or a remote-access tool
  (AnyDesk, TeamViewer) on the freelancer's own computer.

A match is dropped when it is negated, told of the past, given as advice or
a warning ("never share your Upwork password", "is renting accounts against
the policy?"), when the logins are the product's or the site's the work is
on ("the WordPress admin password", "an OTP login screen"), when the remote
tool reaches the client's own machine ("AnyDesk to our server"), and when
the reader is told to use their own account ("log in to your account to
accept the offer").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from upwork_safety.checks import _lexicon as lex
from upwork_safety.checks._codes import Confidence, FindingCode
from upwork_safety.checks._sentences import MONEY, Hit, Message, Sentence, anchor, best_hit

if TYPE_CHECKING:
    from collections.abc import Iterator

_CODE = FindingCode.ACCOUNT_SHARING

# ------------------------------------------------------------------ whose account

#: The reader's ("your", "aap ka", and "apna", said to the reader) and the writer's.
_READERS = (
    r"(?:your|ur|yours|aap ka|aap ki|aap ke|apka|apki|apke|tumhara|tumhari|tumhare|apna|apni|"
    r"apne)"
)
_WRITERS = r"(?:my|mera|meri|mere|hamara|hamari|hamare|humara|humari|humare|our)"
#: Somebody else's: "his", "my brother's", "cousin ka", "kisi aur ka".
_THIRDS = (
    r"(?:his|her|their|someone'?s|someone else'?s|another person'?s|other people'?s|"
    r"(?:my |mera |meri |mere )?(?:brother|sister|cousin|friend|relative|uncle|father|wife|"
    r"husband|bhai|behen|dost|abbu|chacha|mamu)(?:'s| ka| ki| ke)|kisi aur (?:ka|ki|ke)|"
    r"us ka|uska|uski|unka|unki)"
)
_NOUN = r"(?:account|accounts|id|ids|profile|profiles|login)"
#: An account named as an Upwork one, or as someone's.
_ACCOUNT = re.compile(
    r"\b(?:upwork|freelanc\w{0,4}|fiverr)(?: ka| ki| ke| \w+)? " + _NOUN + r"\b|"
    r"\b(?:top[ -]rated(?: plus)?|rising talent|expert[ -]vetted|verified|aged|established|"
    r"purana|purani|approved|old|100% jss) (?:upwork )?" + _NOUN + r"\b|"
    r"\b(?:" + _READERS + "|" + _WRITERS + "|" + _THIRDS + r") (?:(?:new|old|second|main|other|"
    r"verified|naya|purana|dusra) )?(?:(?:upwork|freelancer|own) )?(?:account|id|profile)\b|"
    r"\b(?:" + _READERS + "|" + _WRITERS + "|" + _THIRDS + r") upwork\b"
)
#: An account word alone, read only where the message speaks of Upwork.
_ACCOUNT_WORD = re.compile(r"\b(?:account|accounts|profile|profiles|id|ids)\b")
_UPWORK_HINT = re.compile(
    r"\b(?:upwork|top[ -]rated|rising talent|jss|job success|freelancer accounts?|bid\w{0,3}|"
    r"proposals?|connects|verified (?:account|id|profile)s?|freelancers?'? accounts?)\b"
)
_OWNED_BY_READER = re.compile(r"^" + _READERS + r"\b")
_OWNED_BY_WRITER = re.compile(r"^" + _WRITERS + r"\b")
_OWNED_BY_THIRD = re.compile(r"^" + _THIRDS + r"(?: |$)")
#: "main apne account": the Urdu reflexive points at the writer when the writer is the subject.
_WRITER_SUBJECT = re.compile(r"\b(?:main|mai|hum|i|we)\b(?: \w+){0,2} $")
#: A profile's link or page, shared to be looked at.
_PROFILE_LINK = re.compile(
    r" ?(?:'s )?(?:link|url|page|address|picture|photo|pic|title|overview|summary|description|"
    r"bio|portfolio|ka link|ki link)\b"
)
#: A bank or payment account, not an Upwork one: "transfer it to your account".
_BANKISH = re.compile(
    r"\b(?:bank|iban|account (?:number|details|title|no)|transfer\w{0,3}|deposit\w{0,3}|wire|"
    r"jazzcash|easypaisa|payoneer|paypal|wise|sadapay|nayapay|raast|swift)\b"
)


def _owner(sentence: Sentence, account: re.Match[str]) -> str | None:
    """``"reader"``, ``"writer"`` or ``"third"``: whose *account* is; ``None`` if unsaid."""
    text = account.group()
    if _OWNED_BY_THIRD.match(text):
        return "third"
    if _OWNED_BY_WRITER.match(text):
        return "writer"
    if _OWNED_BY_READER.match(text):
        before = sentence.text[max(0, account.start() - 20) : account.start()]
        if text.startswith("apn") and _WRITER_SUBJECT.search(before):
            return "writer"  # "main apne account ki verification": the writer's own
        return "reader"
    return None


def _accounts(sentence: Sentence, *, hinted: bool) -> Iterator[re.Match[str]]:
    """The accounts *sentence* names; a bare account word too where Upwork is *hinted*."""
    named = sentence.all(_ACCOUNT)
    yield from named
    if hinted or sentence.first(_UPWORK_HINT):
        taken = [m.span() for m in (*named, *sentence.all(_IDENTITY))]
        for word in sentence.all(_ACCOUNT_WORD):
            if not any(start <= word.start() < end for start, end in taken):
                yield word


def _bank(sentence: Sentence, account: re.Match[str]) -> bool:
    """An account without "Upwork" beside money moved into it: a bank account."""
    if "upwork" in account.group():
        return False
    return sentence.near(_BANKISH, account.start(), account.end(), reach=30) or bool(
        _INTO_ACCOUNT.match(sentence.text, account.end())
    )


#: Money put into the account: "bhai ke account mein de dunga", "into your account".
_INTO_ACCOUNT = re.compile(
    r" (?:mein|me|main|into|in) (?:\w+ ){0,2}(?:de|dal|daal|bhej|transfer|send|deposit|jama)\w*"
)


#: The account is on another service: "my profile on Behance", "my account in Google Ads".
_ELSEWHERE = re.compile(r" (?:on|in|at) (?:the )?(?!upwork\b)[a-z]")


def _of_another_service(sentence: Sentence, account: re.Match[str]) -> bool:
    """An account named as another service's: "my profile on Behance" (not "on Upwork")."""
    return "upwork" not in account.group() and bool(
        _ELSEWHERE.match(sentence.text, account.end())
        and not _TIME_AFTER.match(sentence.text, account.end())
    )


#: "for 3 months", "for the summer": a time the account is wanted for, not a service.
_TIME_AFTER = re.compile(
    r" for (?:\d+|a|an|one|two|three|six|a few|some|the) ?(?:\w+ )?(?:days?|weeks?|months?|"
    r"years?|summer|winter|project)\b"
)


def _a_link(sentence: Sentence, account: re.Match[str]) -> bool:
    """A profile named to be looked at: "your profile link", "share your Upwork profile"."""
    return account.group().endswith(("profile", "profiles")) and bool(
        _PROFILE_LINK.match(sentence.text, account.end())
    )


# ------------------------------------------------------------------ what is done with it

#: The account traded: rented, bought, sold, lent, borrowed, shared, leased, taken over.
#: The words that trade an account on their own, even in the sentence after the account
#: is named ("Your Upwork ID is verified? Mujhe chahiye monthly rent pe"): rent, lease,
#: buy, sell, take over.
_STRONG_TRADE_WORDS = (
    r"rent|rents|rented|renting|on rent|rent pe|rent par|kiray\w{0,2}|kiraye|lease|leases|"
    r"leasing|buy|buying|purchase|purchasing|sell|selling|sale|bech\w{0,4}|khareed\w{0,5}|"
    r"kharid\w{0,5}|take (?:it |them )?over|taking over"
)
_STRONG_TRADE = re.compile(r"\b(?:" + _STRONG_TRADE_WORDS + r")\b")
#: The account traded: those, and lent, borrowed, shared, handed over.
_TRADED = re.compile(
    r"\b(?:" + _STRONG_TRADE_WORDS + r"|lend|borrow|borrowing|udhaar|udhar|trade|trading|"
    r"share|sharing|hand over|handover|transfer|transferring)\b"
)
#: The reader's account wanted by the writer: "I need your Upwork account for 3 months".
_ACCOUNT_WANTED = re.compile(
    r"\b(?:i|we|mujhe|hume|humein|hamein)\b(?: \w+){0,2} (?:need|want|chahiye|require)\w{0,2} "
    r"(?:your|ur|aap ka|aap ki|apna|apni|tumhara) (?:upwork )?(?:account|id|profile(?! link| url| "
    r"page))\b|"
    r"\b(?:the )?use of (?:a |an |your )?(?:verified |top[ -]rated |old )?(?:upwork )?(?:account|"
    r"id|profile)\b|"
    r"\b(?:need|want|looking for|have|get|take|borrow) (?:to use )?(?:your|ur|aap ka|apna) "
    r"(?:upwork )?(?:account|id|profile) for\b|"
    r"\b(?:aap ka|aap ki|apna|apni|tumhara|tumhari|your) (?:upwork )?(?:account|id)\b"
    r"(?: \w+){0,4} (?:chahiye|chahie|chahye)\b|"
    r"\b(?:need|want|chahiye|require|looking for)\w{0,3} (?:a |an )?(?:verified|top[ -]rated|"
    r"old|aged|purana) (?:upwork )?(?:account|id|profile)s?\b|"
    # Accounts hired as such: "a company that hires Pakistani freelancers' accounts".
    r"\bhir(?:e|es|ing) (?:\w+'? ){0,2}(?:upwork )?(?:accounts|profiles)\b"
)
#: The account named as the means, not the thing traded: "buy the photos on your account".
_MEANS = re.compile(r"\b(?:on|with|from|using|through|via|in|into|to|for)(?: \w+){0,2} $")
#: The account handed over, said whole: "aap bas account de do", "account mujhe de do".
_ACCOUNT_HANDED = re.compile(
    r"\b(?:aap|ap|tum|you)(?: \w+){0,2} (?:apna |apni )?(?:upwork )?(?:account|id|profile) "
    r"(?:\w+ )?(?:de do|de dein|dedo|de dijiye|share kar\w{0,4})\b|"
    r"\b(?:account|id|profile) (?:mujhe|hume|humein|hamein) (?:de do|de dein|dedo|do)\b"
)
#: The account given to the writer: "apna account mujhe de do", "profile hume do".
_GIVEN = re.compile(
    r"\b(?:de do|de dein|dedo|de dijiye|de sakte|de sakti|de rahi|de raha|de rahe|dena|"
    r"de dunga|de dungi|de denge|de deta|de doon)\b|\b(?:give|lend|hand)\w{0,3} (?:you|u)\b|"
    r"\b(?:mujhe|muje|mujhay|hume|humein|hamein|hamen|me|us)(?: \w+)? (?:do|de|dein)\b|"
    r"\b(?:give|lend|hand)(?: it)? (?:me|us)\b"
)
#: The reader as the one an account is given to: "aap ko de dunga", "give you my account".
_TO_READER = re.compile(r"\b(?:aap ko|aapko|ap ko|tumhe|tum ko|to you|you)\b")
#: What an account is handed over for: a share, a monthly sum.
_TRADED_FOR = re.compile(
    r"\d{1,3} ?%|\b(?:percent|per month|monthly|a month|har mahine|mahana|hissa|commission|"
    r"rent|kiraya|\d+k)\b"
)
#: Used, run or logged into: the verb just before the account ("log in to your Upwork",
#: "bid from your profile", "work from my account", "deliver this job from his ID").
_USED_BEFORE = re.compile(
    r"\b(?:use|using|uses|run|running|operate|operating|handle|handling|manage|managing|"
    r"access|accessing|log ?in(?: to| into| on)?|logged in(?: to| on)?|login (?:to|into|on)|"
    r"sign in(?: to| into)?|control|take over|chala\w{0,5}|(?:bid|bidding|bids|apply|applying|"
    r"work|working|deliver|delivering|submit\w{0,3} proposals?|proposals?|jobs?) (?:\w+ ){0,3}?"
    r"(?:from|on|through|via|under|with|using))(?: (?:the|it|with))?(?: \w+)? $"
)
#: ... or just after it, in Roman Urdu: "aap ka account main chalaunga", "mere account se bid
#: karo", "apna account use karne do", "account main handle kar leta hoon".
_USED_AFTER = re.compile(
    r"(?: \w+){0,2}? (?:(?:se|pe|par|per|say|mein|me) (?:\w+ ){0,2}(?:kaam|bid\w{0,3}|apply|"
    r"proposals?|login|log in|chala\w{0,5}|use|istemal)|use (?:kar\w{0,5}|karne)|istemal|"
    r"chala\w{0,5}|login kar\w{0,5}|access|handle|manage|run|operate|sambhal\w{0,4})\b"
)
#: Someone working as another, or many accounts run for their owners.
_AS_ANOTHER = re.compile(
    r"\b(?:log ?in|logged in|signed in|sign in|work|working|bid|bidding|reply|replying|act|"
    r"pose|deliver)\w{0,3}(?: [\w']+){0,5} as (?:me|you|him|her|them)\b(?! (?:a|an|the|my|our) )|"
    r"\b(?:bid|bidding|work|apply|deliver)\w{0,3}(?: \w+){0,3} under (?:my|his|her|your|their|"
    r"someone else'?s) name\b|"
    r"\bkeep (?:your |ur )?(?:upwork|account|profile)(?: \w+)? logged in\b|"
    r"\b(?:operate|run|manage|handle|control)\w{0,3} (?:\d+\+? |many |multiple |several |"
    r"dozens of )(?:\w+ )?(?:upwork |freelancer )?(?:profiles|accounts|ids)\b|"
    r"\bpay (?:the )?(?:account |profile )?owners\b|"
    r"\b(?:account|profile|id) (?:will|would|can|shall) be (?:used|run|operated|managed|"
    r"handled) by\b|"
    r"\b(?:open|create|register|make)\w{0,3} (?:a |an )?(?:new )?(?:upwork )?account (?:in|on|"
    r"under) (?:your|their|his|her|someone'?s) name\b|\baap ke naam (?:pe|par|se) account\b|"
    r"\b(?:log ?in|login|sign in) (?:to|into) yours\b|"
    r"\bsign ?up (?:on|for|to) upwork with (?:your|ur) (?:name|id|cnic|details|documents)\b|"
    r"\b(?:account|id|profile) (?:chala|sambhal|handle|use|run)\w{0,4} (?:do|dein|karo|kar do|"
    r"kar dein|lo|lein) (?:mera|meri|hamara)\b"
)
#: Of those, the ones that need the message to speak of Upwork: "bid under my name".
_NAMED_ONLY = re.compile(r"\bunder\b")
#: The writer or the reader as the one who acts.
_WRITER_ACTS = re.compile(
    r"\b(?:i|i'll|i will|i can|i could|i'd|let me|me|we|we'll|we can|let us|us|main|mai|"
    r"mujhe|mujh|hum|humein|hamein|hume|meri team|my team|our team|\w+unga|\w+ungi|loon|"
    r"doon|lun)\b"
)
_READER_ACTS = re.compile(r"\b(?:you|u|aap|ap|tum|tumhe)\b")

# ------------------------------------------------------------------ its keys

#: The keys to an account: its password or login details, or the code Upwork sends.
_KEYS = re.compile(
    r"\b(?:(?:login|id|email|username)(?: aur| and| &|,)? pass|pass (?:aur|and|&) (?:login|code|"
    r"otp)|passwords?|passcode|pwd|credentials?|login (?:details|info|information|id|"
    r"credentials)|log ?in (?:details|info)|username and password|email and password|"
    r"email (?:aur|or|&) password|otp|one[ -]time (?:pass)?code|verification codes?|"
    r"security codes?|2fa(?: code)?|two[ -]factor(?: code)?|authenticator(?: code)?|"
    r"sms code|recovery (?:email|phone|number|code)|(?:\d|six|four)[ -]digit code|"
    r"security questions?|security answers?)\b|"
    r"\bcode (?:jo|that|which|you|aap|aapko|aap ko|ap ko|aapke|aap ke)\b(?: \w+){0,3}? "
    r"(?:aaya|aya|ayega|aayega|got|get|receive|received|came|comes|mila|milega)\b|"
    r"\b(?:jo )?code (?:aaya|aya|aayega|ayega|aaye|mila|milega|gaya)\b|"
    r"\bcode (?:from|of) upwork\b|"
    r"\bupwork (?:ne |aap ko |aapko |tumhe )?(?:jo )?code (?:bheja|bhejega|bhejta|bhejay\w{0,2}|"
    r"aaya|aayega)\b|"
    r"\bcode (?:that |which |jo )?upwork (?:ne |just )?(?:sends|sent|texts|texted|emails|emailed|"
    r"bheja|bhejta|bhejega|bhejay\w{0,2})\b|"
    r"\bupwork (?:will )?(?:send|sends|sent|text|texts|email|emails)\w{0,2} (?:you|u|aap ko|"
    r"aapko) (?:a |the |an )?(?:\d[ -]digit |six[ -]digit )?(?:code|otp)\b|"
    r"\blogin (?:details |info )?(?:of|for|to) (?:my|your|ur|the) (?:upwork )?account\b|"
    r"\b(?:upwork|your|ur|apna|apni|aap ka|aap ki|my|mera|meri)(?: ka| ki)? (?:login|log in)\b"
    r"(?! (?:page|screen|form|button|flow|feature|system))"
)
#: The code Upwork sends: asking for it is the account asked for.
#: Source code, not a code sent: "the code you got doesn't compile".
_SOURCE_CODE = re.compile(
    r"\b(?:compil\w{0,4}|error|errors|bugs?|function|script|repo|github|stack ?trace|logs|"
    r"log file|error log|zip|theme|template|plugin|version|outdated|files?|folder|"
    r"snippet|syntax|python|javascript|php|java|html|css|deploy\w{0,3}|commit|branch|crash\w{0,2})\b"
)
_SENT_CODE = re.compile(
    r"^(?:otp|one|verification|security|2fa|two|authenticator|sms|recovery|\d|six|four|code|"
    r"jo code|upwork)"
)
#: The keys of the work's own systems: a site, a server, a product feature.
_KEYS_OF_THE_WORK = re.compile(
    r"\b(?:wordpress|wp|cpanel|admin|administrator|server|servers|hosting|host|ftp|sftp|ssh|"
    r"staging|shopify|woocommerce|database|db|site|website|store|dashboard|panel|vps|domain|"
    r"github|gitlab|bitbucket|figma|canva|analytics|console|cms|wifi|wi-fi|router|repo|"
    r"repository|backend|portal|test account|demo account|sandbox|app store|play store|"
    r"firebase|aws|azure|cloudflare|godaddy|namecheap|hostinger|mailchimp|zoho|smtp|env|"
    r"ads|adwords|merchant|seller|amazon|etsy|ebay|daraz|hubspot|salesforce|quickbooks|xero|"
    r"jira|slack|trello|notion|asana|"
    r"instagram|facebook|tiktok|youtube|twitter|linkedin|google|gmail|envato|client's|"
    r"the company's|feature|screen|page|flow|form|field|module|system|api|twilio|"
    r"implement\w{0,3}|integrat\w{0,6}|build|building|add|adding|design|designing|reset|"
    r"forgot password|hash\w{0,4}|encrypt\w{0,4}|users?|customers?|students?|numbers? "
    r"starting|pakistani numbers)\b"
)
#: The keys handed over, or asked for: sent, shared, given, told, "chahiye".
_HANDED = re.compile(
    r"\b(?:send|sending|sent|share|sharing|give|giving|tell|provide|forward|dm|hand over|"
    r"handover|bhej\w{0,5}|bata\w{0,5}|de do|de dein|dedo|de dijiye|dein|dena|de deta|"
    r"de dunga|de doon|dunga|chahiye|need|needs|want|what'?s|what is|answer|here is|here's|"
    r"heres|ye hai|yeh hai|read|read out|read me|(?:whatsapp|email|sms|message|text) kar\w{0,4})\b"
)

# ------------------------------------------------------------------ identity and computers

#: Somebody's identity document or face, for an account's verification.
_IDENTITY = re.compile(
    r"\b(?:cnic|nic|id card|identity card|national id|shanakhti card|passport|driving "
    r"licen[cs]e|selfie|face|chehra|camera|documents?)\b"
)
_VERIFY = re.compile(
    r"\b(?:verif\w{0,8}|kyc|video call (?:verification|check)|identity check|id check)\b|"
    # An account opened with the identity: "open a new Upwork account with your ID card".
    r"\b(?:open|create|register|make|bana\w{0,3})\w{0,3} (?:a |an )?(?:new |naya |nayi )?"
    r"(?:upwork )?(?:account|id|profile)\b"
)
#: The account verified is not the owner's of the identity: new, the writer's, paid for.
_FOR_ANOTHER = re.compile(
    r"\b(?:new|naya|nayi|another|second|dusra|doosra|extra) (?:upwork )?(?:account|one|id|"
    r"profile)\b|\b(?:on|in) (?:your|ur|aap ke|aap ka) name\b|\baap ke naam\b|"
    r"\b(?:pay|paid|pay you|dunga|denge|de dunga|milenge|mil jayenge|mil jayega)\b|"
    r"\bfor (?:me|us)\b|\bmere liye\b"
)

#: A remote-access tool: "AnyDesk", "TeamViewer", "remote desktop".
_REMOTE = re.compile(
    r"\b(?:anydesk|any desk|teamviewer|team viewer|rustdesk|ultraviewer|ultra viewer|"
    r"chrome remote desktop|remote desktop|remote access|remote control)\b"
)
_DEVICE = (
    r"(?:own )?(?:pc|laptop|computer|system|machine|device|desktop|mobile|phone|screen|"
    r"browser|setup)"
)
_READER_DEVICE = re.compile(r"\b" + _READERS + r" (?:\w+ )?" + _DEVICE + r"\b")
_WRITER_DEVICE = re.compile(
    r"\b(?:" + _WRITERS + r"|the company's|the client's|the office|office) (?:own )?"
    r"(?:server|servers|pc|laptop|computer|system|machine|vps|desktop|workstation)\b"
)
#: Let in by its id: "send me the AnyDesk id", "so I can access it".
_LET_IN = re.compile(
    r"\b(?:send|share|give|tell|bata\w{0,4}|bhej\w{0,4})(?: me| mujhe| us)? (?:the |your |ur |"
    r"apna |apni )?(?:(?:anydesk|teamviewer|rustdesk|ultraviewer) )?(?:id|address|code|"
    r"password)\b|"
    r"\b(?:so (?:that )?|taake |ta ke )?(?:i|we|main|hum) (?:can |could |will )?(?:access|"
    r"connect to|control|log ?in to|login to|use|work on|work from|check)\b|"
    r"\b(?:upwork|account|profile|bid\w{0,3}|proposals?)\b"
)

# ------------------------------------------------------------------ what takes it away

#: A request, an offer or a wish: "I want to buy", "chahiye", "interested", money offered.
_WANTS = re.compile(
    r"\b(?:i|we)(?:'m| am| are|'d| would)? (?:want|wanna|looking|interested|ready|willing|"
    r"need|offer|pay|paying|give|giving)\b|\b(?:chahiye|chahta|chahti|chahte|milega|"
    r"mil sakta|available|offer|deal|interested|dunga|denge|mil jayenge|karna hai|need|needed|"
    r"wanted|required|looking for)\b|\?"
)
#: Advice, a warning or a report, anywhere in the sentence: "never share", "beware",
#: "that sounds like a scam", "policy ke khilaf", "heads up", "mat bhejna".
_WARNING = re.compile(
    r"\b(?:never (?:share|give|tell|send|rent|sell|lend|let|hand|type|enter)|don'?t ever|"
    r"do not ever|kabhi(?: bhi)? (?:\w+ ){0,4}(?:na|mat|nahi)|kisi ko(?: bhi)? (?:\w+ ){0,3}"
    r"(?:mat|na|nahi)|(?:mat|na) (?:dena|dein|do|batana|bataein|bhejna|bhejein|share karna)|"
    r"(?:turned on|enabled|enable|set up|activated|turn on)\w{0,3} (?:2fa|two[ -]factor|otp|"
    r"authenticator)|(?<!not a )(?<!no )(?<!koi )scam|(?<!not a )(?<!no )scams|scammer\w{0,2}|"
    r"fraud\w{0,3}|against (?:the )?(?:tos|terms|rules|policy)|policy ke khilaf|khilaf|"
    r"not allowed|allowed nahi|is it allowed|beware|be careful|warning|warn|warns|warned|heads up|"
    r"reported|report kiya|i heard|maine suna|suna hai|got a message|offering to)\b"
)
#: A story of what happened, in the match's own clause: "got banned", "account band ho gaya".
#: It takes a finding away only from a sentence that asks or offers nothing: a scheme's own
#: back-story ("my account got suspended, can I use yours?") is no story.
_STORY = re.compile(r"\b(?:banned|suspended|ban ho|band ho|hacked|hack|careful)\b")


def _settled(sentence: Sentence, start: int, end: int) -> bool:
    """Negated, past, a warning or a report, or a story with no request: none stands.

    A warning anywhere in the sentence ("beware, ...", "..., that sounds like a
    scam"); a story ("got banned") or the past only in the match's own clause, and a
    story only where nothing is asked or offered: a scheme's own back-story ("my
    account got suspended, can I use yours?") takes nothing away (review r15).
    """
    asking = sentence.asks() or bool(sentence.first(_WANTS))
    return (
        sentence.negated(start, end)
        or bool(sentence.first(_WARNING))
        or (not asking and bool(sentence.in_clause(_STORY, start)))
        or (bool(sentence.in_clause(lex.PAST, start)) and not sentence.all(lex.STILL_ASKING))
    )


def _hit(sentence: Sentence, *spans: re.Match[str] | tuple[int, int] | None) -> Hit:
    """HIGH for a request, an offer or a wish; MEDIUM for the idea alone."""
    sure = sentence.asks() or sentence.first(_WANTS) or sentence.first(MONEY)
    return Hit(_CODE, *sentence.span(*spans), Confidence.HIGH if sure else Confidence.MEDIUM)


# ------------------------------------------------------------------ the rules


#: A product being built, which has accounts and remote support of its own: "build a
#: feature where users share their account", "integrate TeamViewer for our customers".
_PRODUCT_WORK = re.compile(
    r"\b(?:integrat\w{0,6}|features?|plugin|module|help ?desk|"
    r"(?:users|customers|members) (?:can|to|will|should)|build (?:a|an|the|our) (?:feature|app|"
    r"page|screen|system|portal|flow)|implement\w{0,3} (?:a|an|the) (?:feature|flow|screen))\b"
)


def _traded(sentence: Sentence, *, hinted: bool) -> Hit | None:
    """The account rented, bought, sold, lent, shared, or given to the writer."""
    if sentence.first(_PRODUCT_WORK) and not sentence.first(_UPWORK_HINT):
        return None
    named = sentence.all(_ACCOUNT)
    for account in _accounts(sentence, hinted=hinted):
        if _a_link(sentence, account) or _bank(sentence, account):
            continue
        if _of_another_service(sentence, account):
            continue
        trade = _trade_of(sentence, account, named=account in named)
        if trade is not None and not _settled(sentence, *sentence.span(account, trade)):
            return _hit(sentence, account, trade)
    for whole in (sentence.first(_ACCOUNT_HANDED), sentence.first(_ACCOUNT_WANTED)):
        if whole is not None and not _settled(sentence, *whole.span()):
            return _hit(sentence, whole)
    return None


def _trade_of(sentence: Sentence, account: re.Match[str], *, named: bool) -> re.Match[str] | None:
    """The word that trades or hands over *account*, within 60 characters, or ``None``.

    Not the account named as the means ("buy the photos on your account"), nor a
    profile shared (its link); only an account *named* as one (not a bare "id")
    is handed over.  Handed over, the reader's (or another's) account goes to
    the writer or for a share ("apna account mujhe de do", "aap bas account de do, 30%
    aap ka"), the writer's to the reader ("main apna account aap ko de dunga").
    """
    low, high = account.start() - 60, account.end() + 60
    for trade in sentence.all(_TRADED):
        if not low < trade.start() < high:
            continue
        if trade.start() < account.start() and _MEANS.search(
            sentence.text, trade.end(), account.start()
        ):
            continue
        if trade.group() in {"share", "sharing"} and account.group().endswith("profile"):
            continue
        return trade
    given = next((g for g in sentence.all(_GIVEN) if low < g.start() < high), None)
    if given is None or not named:
        return None  # a bare "id" handed over is anyone's ("give you my Skype ID")
    if _owner(sentence, account) == "writer":
        if account.group().endswith(" id") and not sentence.first(_UPWORK_HINT):
            return None  # "I'll give you my ID so you can add me to Slack"
        return given if sentence.first(_TO_READER) else None
    return given if sentence.first(_WRITER_ACTS) or sentence.first(_TRADED_FOR) else None


def _used(sentence: Sentence, *, hinted: bool) -> Hit | None:
    """The account used by someone other than its owner, or someone working as another."""
    found = sentence.first(_AS_ANOTHER)
    if (
        found is not None
        and (hinted or sentence.first(_UPWORK_HINT) or not _NAMED_ONLY.search(found[0]))
        and not _settled(sentence, *found.span())
    ):
        return _hit(sentence, found)
    for account in sentence.all(_ACCOUNT):
        if _a_link(sentence, account) or _bank(sentence, account):
            continue
        if _of_another_service(sentence, account):
            continue
        subject = _user(sentence, account)
        if subject is None:
            continue
        if (
            "upwork" not in account.group()
            and not sentence.first(_UPWORK_HINT)
            and sentence.first(_KEYS_OF_THE_WORK)
        ):
            continue  # "log in to my account on the hosting panel": the work's own account
        owner = _owner(sentence, account)
        # The one who uses it is not its owner: the writer on the reader's account ("let
        # me log in to your account"; not "log in to your account and accept the offer I
        # sent", which the reader does), the reader (or an order to the reader) on the
        # writer's ("you can work from my account", "mere account se bid karo"), anyone
        # on a third person's.
        # An order with no subject on the reader's account, for a share: "tumhare account
        # se kaam karna hai, 40% tumhara".
        shared = owner == "reader" and subject == "order" and sentence.first(_TRADED_FOR)
        if (
            (owner == "reader" and subject == "writer")
            or shared
            or (owner == "writer" and subject != "writer")
            or owner == "third"
        ) and not _settled(sentence, account.start(), account.end()):
            return _hit(sentence, account)
    return None


def _user(sentence: Sentence, account: re.Match[str]) -> str | None:
    """Who the sentence has using *account*, or ``None`` when no use of it is said.

    The ``"writer"``, the ``"reader"`` or, in an order with no subject,
    ``"order"``.  The subject is read just before the verb ("can I use your account", "you can work
    from my account") or, in Roman Urdu, between the account and its verb ("aap ka
    account main chalaunga"), or from the verb's own first-person ending.
    """
    before = sentence.text[max(0, account.start() - 40) : account.start()]
    verb = _USED_BEFORE.search(before)
    if verb is not None:
        lead = before[max(0, verb.start() - 24) : verb.start()]
        lead = lead[max(lead.rfind(c) for c in ",;:") + 1 :]  # the verb's own clause
    else:
        after = _USED_AFTER.match(sentence.text, account.end(), account.end() + 40)
        if after is None:
            return None
        # The verb's own ending too ("use kar loon"), not the next clause's subject.
        lead = sentence.text[account.end() : after.end() + 12]
        lead = lead[: min((lead.find(c) for c in ",.;?!" if c in lead), default=len(lead))]
    # The nearest subject to the verb: "I want you to log in" is the reader's doing.
    writer = max((m.start() for m in _WRITER_ACTS.finditer(lead)), default=-1)
    reader = max((m.start() for m in _READER_ACTS.finditer(lead)), default=-1)
    if writer < 0 and reader < 0:
        return "order"
    return "writer" if writer > reader else "reader"


def _keys(sentence: Sentence, *, hinted: bool) -> Hit | None:
    """The account's password, login details or the code Upwork sends, asked for or offered."""
    account = sentence.first(_ACCOUNT)
    for key in sentence.all(_KEYS):
        if account is None and sentence.near(_KEYS_OF_THE_WORK, key.start(), key.end(), 15):
            continue  # the keys of the work's own systems: "the staging server password"
        handed = sentence.first(_HANDED)
        if handed is None:
            continue
        upwork = sentence.first(_UPWORK_HINT) or account or sentence.first(_TRADED)
        around = sentence.text[max(0, key.start() - 25) : key.end()]
        owned = re.search(r"\b(?:" + _READERS + "|" + _WRITERS + r")\b", around)
        sent_code = (
            bool(_SENT_CODE.match(key.group())) and not sentence.first(_SOURCE_CODE)
        ) or "question" in key.group()
        if not (upwork or hinted or (owned and sentence.asks()) or sent_code):
            continue
        if not _settled(sentence, *sentence.span(key)):
            return _hit(sentence, key)
    return None


#: The verification done by the reader: "do the video verification for my account".
_DONE_BY_READER = re.compile(
    r"\b(?:you|u|aap|ap|tum)\b(?: [\w']+){0,4}? (?:do|complete|pass|kar|karo|kar do|kar dein|"
    r"de do|de dein)\b|^(?:please |kindly |bhai |just |sirf )?(?:do|complete|pass)\b|"
    r"\bverif\w* (?:\w+ ){0,2}(?:kar do|kar dein|karo|kar dena|karwa do)\b"
)
#: ... or by the writer: "I can do the face verification for your account".
_DONE_BY_WRITER = re.compile(
    r"\b(?:i|i'll|i can|we|we can|main|mai|hum)\b(?: [\w']+){0,3}? (?:do|complete|pass|"
    r"handle)\b(?: \w+){0,3} verif|\bverif\w* (?:\w+ ){0,3}(?:kar sakta|kar sakti|kar dunga|"
    r"kar doon|kar deta|kar deti|kar denge)\b"
)
_WRITERS_DOCUMENT = re.compile(r"\b" + _WRITERS + r" (?:own )?(?:\w+ )?$")


def _identity(sentence: Sentence, *, hinted: bool) -> Hit | None:
    """Another person's identity document or face for an account's verification."""
    verify = sentence.first(_VERIFY)
    if verify is None:
        return None
    document = sentence.first(_IDENTITY)
    if sentence.first(_KEYS_OF_THE_WORK) and not sentence.first(_ACCOUNT):
        return None  # "a KYC flow: upload the ID card, then a selfie": a feature being built
    accounts = list(_accounts(sentence, hinted=hinted or document is not None))
    owners = {_owner(sentence, account) for account in accounts}
    if document is not None:
        before = sentence.text[max(0, document.start() - 16) : document.start()]
        if _WRITERS_DOCUMENT.search(before):
            # The writer's own identity for the reader's account: "mera CNIC use kar lo
            # apna account verify karne ke liye".
            lent = "reader" in owners or bool(sentence.first(_DONE_BY_WRITER))
        else:
            # The reader's (or anyone's) identity for the writer's account, a new one, or
            # for money: "verify my account with your CNIC", "need a face for our account".
            lent = bool(
                "writer" in owners
                or "third" in owners
                or sentence.first(_FOR_ANOTHER)
                or (accounts and sentence.first(_WRITER_ACTS) and "reader" not in owners)
            ) and bool(
                sentence.first(_READER_ACTS)
                or sentence.asks()
                or sentence.first(_WANTS)
                # Money for it, where an account is named: "... on my account, $40"
                or (accounts and sentence.first(MONEY))
            )
        if lent and not _settled(sentence, *sentence.span(document, verify)):
            return _hit(sentence, document, verify)
    for account in accounts:
        owner = _owner(sentence, account)
        done = (owner == "reader" and sentence.first(_DONE_BY_WRITER)) or (
            owner == "writer" and sentence.first(_DONE_BY_READER)
        )
        if done and not _settled(sentence, *sentence.span(account, verify)):
            return _hit(sentence, account, verify)
    return None


def _remote(sentence: Sentence, *, hinted: bool) -> Hit | None:
    """A remote-access tool on the freelancer's own computer, or into their account."""
    # The freelancer's computer is "your PC" in a client's message and "my PC" in their own.
    theirs, freelancers = (
        (_READER_DEVICE, _WRITER_DEVICE) if sentence.outgoing else (_WRITER_DEVICE, _READER_DEVICE)
    )
    if sentence.first(_PRODUCT_WORK) and not sentence.first(_UPWORK_HINT):
        return None  # remote support as part of a product
    for tool in sentence.all(_REMOTE):
        if sentence.first(theirs) and not sentence.first(_ACCOUNT):
            continue  # the client's own machine, reached for the job
        # Outgoing, the freelancer offers their own computer, or the message is about Upwork.
        let_in = bool(sentence.first(freelancers)) or (
            hinted if sentence.outgoing else bool(sentence.first(_LET_IN))
        )
        if let_in and not _settled(sentence, *sentence.span(tool)):
            return _hit(sentence, tool)
    return None


_RULES = (_traded, _used, _keys, _identity, _remote)

ACCOUNT_ANCHOR = anchor(
    (
        _ACCOUNT,
        _ACCOUNT_WORD,
        _ACCOUNT_HANDED,
        _ACCOUNT_WANTED,
        _KEYS,
        _REMOTE,
        _IDENTITY,
        _TRADED,
        _AS_ANOTHER,
    ),
    "account id profile login log in upwork password pass pwd credential otp code 2fa "
    "two-factor two factor authenticator security recovery cnic nic card passport licen "
    "selfie face chehra camera document anydesk any desk teamviewer team viewer rustdesk "
    "ultraviewer ultra viewer remote rent kiray lease buy purchas sell sale bech khareed "
    "kharid lend borrow udha trad transfer share sharing take taking hand as me as you as him "
    "as her "
    "as them under owners logged in profiles accounts ids yours sign",
)


def account_sharing(message: Message) -> Hit | None:
    """ACCOUNT_SHARING in any sentence of *message* (either direction)."""
    hinted = message.has(_HINT_ANCHOR)
    found = best_hit(
        best_hit(rule(sentence, hinted=hinted) for rule in _RULES)
        for sentence in message.holding(ACCOUNT_ANCHOR)
    )
    return found or _asked_after(message)


_HINT_ANCHOR = anchor(
    (_UPWORK_HINT,),
    "upwork top rated top-rated rising jss job success freelancer bid proposal connects verified",
)


def _asked_after(message: Message) -> Hit | None:
    """A trade, or the code asked for, in the sentence after the one naming it.

    "Your Upwork ID is verified? Mujhe chahiye monthly rent pe": the account
    named, then traded; "OTP aaya hai? wo bata do please": the code Upwork
    sent named, then asked for.
    """
    earlier: Sentence | None = None
    for sentence in message.sentences:
        if earlier is not None:
            trade = sentence.first(_STRONG_TRADE)
            if (
                trade is not None
                and earlier.first(_ACCOUNT)
                and not sentence.first(_ACCOUNT_WORD)
                and not _settled(sentence, *trade.span())
            ):
                return _hit(sentence, trade)
            key = earlier.first(_KEYS)
            handed = sentence.first(_HANDED)
            if (
                key is not None
                and handed is not None
                and not earlier.past()
                and not earlier.first(_SOURCE_CODE)
                and not sentence.first(_SOURCE_CODE)
                and _SENT_CODE.match(key.group())
                and not earlier.first(_HANDED)
                and not _settled(sentence, *handed.span())
            ):
                return _hit(sentence, handed)
        earlier = sentence
    return None


def account_warned(text: str, *, outgoing: bool) -> bool:
    """Whether every sentence of normalised *text* that names an account or its keys warns.

    "Be careful, they ask you to install AnyDesk and log in to your Upwork",
    "apna account rent pe de do, ye fraud hai na?": a warning or a report of the
    scheme, which the model, reading words and not what they are said for, may
    not flag either (review r15).
    """
    if _WARNING.search(text) is None:
        return False  # most messages warn of nothing and are not cut into sentences again
    message = Message(text, outgoing=outgoing)
    named = list(message.holding(ACCOUNT_ANCHOR))
    return bool(named) and all(sentence.first(_WARNING) for sentence in named)
