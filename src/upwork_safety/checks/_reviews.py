"""Review begging: asking for a particular rating, or trading one for something.

In your own messages: asking for five stars, 10/10, a good review, or
offering something for one.  In a client's message: a rating offered (or a
bad one threatened) in exchange for something from you -- a refund, money
back, a discount, free or extra work -- a swap of ratings ("leave me five
stars too, I'll do the same"), or money offered for your rating of them
("leave me 5 stars, I'll give you a bonus").  Upwork's feedback rules forbid manipulating
feedback either way; a client who merely mentions stars, or asks for them
without offering anything, is not flagged.
"""

from __future__ import annotations

import re

from upwork_safety.checks import _lexicon as lex
from upwork_safety.checks._codes import Confidence, FindingCode
from upwork_safety.checks._sentences import (
    Hit,
    Message,
    Sentence,
    anchor,
    best_hit,
)

#: How a promised rating will read: "glowing", "five stars".
_PRAISED = (
    r"(?:glowing|great|excellent|positive|perfect|stellar|amazing|outstanding|"
    r"(?:5|five)[\s-]?stars?)\b"
)
_RATING = re.compile(
    r"\b(?:5|five|fiv|10|ten|full|top|highest|max(?:imum)?)[\s-]?(?:stars?|str|\*)|"
    r"\b5\s?\*|\u2b50|\b10\s?/\s?10\b|\b5\s?/\s?5\b|\bstars? full\b|\b10 out of 10\b|"
    r"\ba (?:10|ten)\b(?![\s-]?(?:%|\$|percent|"
    r"per|x\b|k\b|min|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|seconds?|secs?|"
    r"pages?|words?|dollars?|usd|bucks|points?|steps?|items?|people|pm|am|o'?clock))|"
    r"\bfull (?:marks|rating|stars?)\b|\btop marks\b|"
    # ... and in Roman Urdu's word for it: "poore stars" (review r37, scanner dev-r37).
    r"\b(?:poore|pure|poori|puri|saare|sare)\s(?:stars?|rating)\b|"
    r"\b(?:good|positive|great|excellent|nice|best|perfect|"
    r"high|top|awesome|amazing|glowing|achi|acha|achhi|acchi|zabardast|shandar|behtareen|"
    r"5 star|five star)(?: si| sa| se)?\s(?:rating|ratings|review|reviews|feedback|score|"
    r"remarks?)\b|"
    r"\b(?:would|likely to) recommend\b|\bwould (?:hire|work with (?:him|her|them)) again\b|"
    # The words the review will say: "my feedback will say you're the best" (review r29).
    r"\b(?:review|rating|feedback) (?:will|would|'ll) (?:say|read|call|describe)\b|"
    # ... also said as done: "I'll make sure my review says you're the best" (review r35).
    r"\b(?:review|rating|feedback) (?:says|reads|calls you|describes you) (?:that )?(?:you'?re|"
    r"you are|u r|you were) (?:the best|a (?:great|star|top)|excellent|amazing|outstanding|"
    r"brilliant|perfect)\b|"
    # ... and the words wanted of the reader's review of the writer: "if your review of me
    # says I'm a great client" (scanner r43).
    r"\b(?:review|rating|feedback) of (?:me|us) (?:says|reads|calls (?:me|us)|describes "
    r"(?:me|us)|will say|'ll say) (?:that )?(?:i'?m|i am|we'?re|we are|i was|we were) (?:the "
    r"best|a (?:great|star|top|fantastic|wonderful|perfect)|excellent|amazing|great|perfect)\b|"
    # ... or the things it will say: "my review says great things" (review r36, scanner
    # dev-r36).
    r"\b(?:review|rating|feedback) (?:says|will say|'ll say|would say) (?:only )?(?:great|good|"
    r"nice|wonderful|amazing|glowing|lovely) things\b|"
    r"\brate me (?:with )?(?:5|five|full|10|high)\b|"
    r"\b(?:rating|review|feedback) (?:(?:tab|tabhi|to|bhi) )?(?:achi|acha|achhi|positive)\b|"
    # Kept whole: "meri rating poori rakhna" (review r33, scanner dev-r33).
    r"\b(?:rating|review|feedback) (?:poori|puri|full) (?:rakh|de|dena|dein|karna|karo)\w{0,4}|"
    # The rating promised as it will read: "the review will be glowing".
    r"\b(?:rating|review|feedback)(?: (?:i|we) (?:leave|give|write|post))? (?:will|would|"
    r"is going to|'ll) be (?:a |an )?" + _PRAISED + r"|"
    # ... or as the writer will see to it: "I'll make sure your feedback is glowing" (review
    # r39, scanner dev-r39).
    r"\b(?:make sure|ensure|see to it that) (?:your|the|my) (?:rating|review|feedback) "
    r"(?:is|'s|will be) (?:a |an )?" + _PRAISED + r"|"
    r"\b(?:5|five|paanch)[ -]?stars? (?:de|dunga|dungi|denge|doon|dun)\b|"
    # Praise promised in Roman Urdu: "review mein tareef hi tareef likhunga" (review r34,
    # scanner dev-r34).
    r"\b(?:review|rating|feedback) (?:mein|me|main) (?:\w+ )?(?:tareef|tareefein|tareefen|"
    r"tarif|taarif|taareef)\b|"
    # A full rating asked for when rating: "rate karte waqt mujhe full do" (review r34).
    r"\b(?:rat\w{1,4}|review\w{0,2}|feedback)\b[^.?!]{0,30}? (?:mujhe|hamein|humein|hume) full "
    r"(?:hi )?(?:do|de do|dena|dein|de dein|dijiye|dijiyega)\b|"
    # The words the review should hold, asked for: "could you write 'highly recommended' in
    # your review?", also with the verb on the line before (review r34, scanner dev-r34).
    r"(?:\b(?:write|put|say|mention|include|use|add)\w{0,3} (?:the words? |the phrase |something "
    r"like )?'?|(?<![\w'])')(?:highly recommended|(?:highly |strongly )?recommend\w{0,3}|"
    r"the best|excellent|outstanding|amazing|exceptional|perfect|top[ -]notch|flawless)\b"
    r"[^.?!]{0,30}? (?:in|into|on) (?:your|the|my) (?:review|feedback|rating|testimonial)\b|"
    # Every box of the feedback ticked at the top: "mark all the feedback boxes as
    # 'excellent'", "rate everything as outstanding".  The object must be the feedback (or
    # all of it), not a draft, a font or a Jira ticket ("choose the version you like as the
    # best one").
    r"\b(?:mark|rate|score|tick|select|choose|put)\w{0,3}\b(?: [\w']+){0,5}? "
    r"(?:everything|all|each|every \w+|(?:the )?(?:feedback|review|rating|categor\w+|"
    r"boxes|fields|criteria|questions))\b(?: [\w']+){0,4}? (?:as|at|to) '?(?:excellent|"
    r"outstanding|exceptional|perfect|the best|best|the highest|highest|top|max\w*|5|five|"
    r"10|ten)\b|"
    r"\b(?:select|choose|tick|pick|mark)\w{0,3} '?(?:exceptional|excellent|outstanding)'? "
    r"(?:for|on|in) (?:everything|all|each|every)\b|"
    r"\bmax(?:imum)? out (?:every|all|each)\b(?: [\w']+){0,2}? (?:sliders?|ratings?|stars?|"
    r"boxes|categor\w+|scores?)\b"
)
_RATING_ASK = re.compile(
    r"\b(?:please|kindly|could you|can you|would you|would you mind|i'?d appreciate|"
    r"i would appreciate|appreciate|grateful|would mean|don'?t forget|remember to|make sure|"
    r"leave|leaving|give|giving|rate|select|choose|hope you|i hope|dena|de dein|dijiye|"
    r"de dijiye|zaroor|consider|help me|request|mind|de dena|"
    # Kept so: "meri rating poori rakhna" (review r33, scanner dev-r33).
    r"rakhna|rakhiye|rakhiyega|rakhein|"
    # Asked as a kindness: "if it's not too much to ask", "would mean the world" (review r32).
    r"too much to ask|would mean (?:a lot|the world|so much|everything)|"
    r"would (?:really |truly |so |greatly )?help|would be (?:awesome|"
    r"great|amazing|appreciated|nice|lovely|helpful|wonderful|perfect))\b"
)
_THANKS_FOR = re.compile(
    r"\bthanks? (?:you )?(?:so much |a lot )?for\b|\bthank you for\b|"
    r"\bshukriya\b.{0,20}\bke liye\b|"
    r"\b(?:you|u) (?:gave|left|rated)\b|\bi (?:gave|left|rated) you\b|\bi'?ve left\b|"
    r"\bwe rated\b|"
    # Honest feedback asked for, not the idiom "I'll be honest, ..." / "to be honest with you".
    r"\bhonest\b(?<!\bbe honest)|\bbe honest\b(?!,| with (?:you|u)\b| -)"
)
_INCENTIVE = re.compile(
    r"\b(?:discount|free|extra|bonus|refund|revision|off|cheaper)\b.{0,50}\b(?:if|for|in "
    r"exchange for|agar|in return)\b"
)


_RATING_PRODUCT = re.compile(
    # Not a section of more work: "do this extra section free and ..." (review r39).
    r"\b(?:widget|icons?|(?<!extra )(?<!more )(?<!another )(?<!additional )section|system|"
    r"component|plugin|hotel|restaurant|app store|"
    r"product ratings?|reviews page|review page|star ratings? (?:widget|field|component)|"
    r"sprite|svg|css|ui)\b"
)


#: A scale of stars, not one rating asked for: "1 to 5 stars", "1-5 stars", "between 1 and 5
#: stars", "1 se 5 star" (review r21 M9).
_STAR_SCALE = re.compile(
    r"\b(?:1|one|0|zero)\s?(?:to|-|\u2013|and|se|through|till|tak)\s?(?:5|five|10|ten)"
    r"[\s-]?(?:stars?|star)\b"
)
#: The product's own raters as the subject before the rating: "users can leave a 5 star
#: review", "buyers rate each product".
_THEIR_RATERS = re.compile(
    r"\b(?:users?|customers?|buyers?|shoppers?|guests?|visitors?|patients?|students?|"
    r"reviewers?|members?|readers?|diners?|riders?|tenants?|subscribers?|learners?|parents)\b"
    r"(?: [\w']+){0,8}? $"
)
#: The writer's own request for it: "me", "my", "please", "mujhe".
_FOR_THE_WRITER = re.compile(
    r"\b(?:me|us|my|our profile|please|pls|kindly|mujhe|humein|hamein|mera|meri|mere)\b"
)


def _their_rating(sentence: Sentence, match: re.Match[str]) -> bool:
    """A rating the product's users give (a scale, or "users can leave 5 stars"), not asked for.

    "Users can leave 1 to 5 star reviews", "Buyers can leave a 5 star review on
    each product page": the freelancer reports on the review feature.
    """
    if sentence.first(_STAR_SCALE) is not None:
        return True
    low, _ = sentence.clause(match.start())
    return (
        _THEIR_RATERS.search(sentence.text, low, match.start()) is not None
        and sentence.first(_FOR_THE_WRITER) is None
    )


#: The writer's own rating in the promise: "the review I leave will be a perfect one".
_WRITERS_OWN = re.compile(r" (?:i|we) (?:leave|give|write|post) ")


#: Something offered free, whose "no" negates nothing: "at no charge", "no extra cost".
_FREE_OFFER = re.compile(r"\b(?:at )?no (?:extra |additional )?(?:charge|cost)\b")


def _offer_negated_only(sentence: Sentence, match: re.Match[str]) -> bool:
    """Whether every negation in the clause of *match* is an offer's "no charge".

    "I'll throw in the source files at no charge if you leave me a five star
    review": the "no" is the price of the offer, not a rating refused (review r31,
    scanner dev-r31).
    """
    low, high = sentence.clause(match.start())
    offers = [m.span() for m in sentence.all(_FREE_OFFER)]
    negations = [n.start() for n in sentence.all(lex.NEGATION) if low <= n.start() < high]
    return bool(offers) and all(any(a <= n < b for a, b in offers) for n in negations)


def _begging_in(sentence: Sentence) -> Hit | None:
    code = FindingCode.REVIEW_BEGGING
    for match in sentence.all(_RATING):
        if sentence.first(_THANKS_FOR) or sentence.first(_RATING_PRODUCT):
            continue
        if _their_rating(sentence, match) or _WRITERS_OWN.search(match.group()):
            continue  # "the review I leave will be perfect": your own rating, not one asked for
        if sentence.negated(*match.span()) and not _offer_negated_only(sentence, match):
            continue
        if sentence.first(_INCENTIVE) or sentence.first(_RATING_ASK) or sentence.asks():
            return Hit(code, *sentence.span(match), Confidence.HIGH)
    return None


_RATING_ANCHOR = anchor(
    (_RATING,),
)


def ratings_of_the_product(text: str, *, outgoing: bool) -> bool:
    """Whether every rating in your normalised *text* is one the product's users give.

    "Buyers can leave a 5 star review on each product page", "users rate
    products from 1 to 5 stars": a status update on the review feature (review
    r21 M9).  The rules find nothing there, and the model, which reads "leave a
    5 star review" and not who leaves it, may not add ``REVIEW_BEGGING`` either.
    """
    if not outgoing or _RATING.search(text) is None:
        return False
    message = Message(text, outgoing=outgoing)
    ratings = [(s, m) for s in message.holding(_RATING_ANCHOR) for m in s.all(_RATING)]
    return bool(ratings) and all(_their_rating(s, m) for s, m in ratings)


def review_begging(message: Message) -> Hit | None:
    """REVIEW_BEGGING: your own message asks for a particular rating, or swaps ratings."""
    return best_hit(_begging_in(s) for s in message.holding(_RATING_ANCHOR)) or swap_idiom(message)


def swap_idiom(message: Message) -> Hit | None:
    """Ratings swapped by an idiom ("five for five on the feedback"), said of rating.

    The rating is named in the idiom's sentence or the next one, not of the product's users
    ("drivers and riders swap ratings").
    """
    for sentence in message.holding(_SWAP_IDIOM_ANCHOR):
        if sentence.past() or sentence.first(_THEIR_PEOPLE) or sentence.first(_RATING_PRODUCT):
            continue
        following = message.following(sentence)
        for match in sentence.all(SWAP_IDIOM):
            if sentence.negated(*match.span()):
                continue
            if any(s is not None and _RATING_WORD.search(s.text) for s in (sentence, following)):
                return Hit(FindingCode.REVIEW_BEGGING, *sentence.span(match), Confidence.HIGH)
    return None


# ------------------------------------------------------------------ a client's trade

#: What a threatened review would call the reader: a scam, a fraud, a cheat.
_CHEAT = (
    r"(?:scam|scams|scammer|scammers|fraud|fraudster|fake|cheat|cheater|thief|chor|dhoka|"
    r"dhokebaaz|dhoke ?baaz|dhokay ?baaz)\b"
)
#: A bad rating, threatened: "I'll leave you 1 star", "a negative review".
_BAD_RATING = re.compile(
    r"\b(?:1|one|2|two|low|bad|negative|poor|terrible)[\s-]?(?:stars?|star (?:review|rating|"
    r"feedback)|rating|ratings|review|reviews|feedback)\b|"
    # Roman Urdu: "review kharab dunga", "bura feedback".
    r"\b(?:review|rating|feedback) (?:kharab|bura|buri|ganda|gandi|bekaar|bekar)\b|"
    r"\b(?:kharab|bura|buri|ganda|gandi|bekaar|bekar) (?:review|rating|feedback)\b|"
    # The review as a warning to other clients: "my review will warn every other client about
    # you" (review r31, scanner dev-r31).
    r"\b(?:review|rating|feedback) (?:will|would|'ll|is going to|is gonna) (?:warn|expose|"
    r"tell (?:every |all )?other (?:clients|buyers|people))\b|"
    # A review so bad that nobody hires the reader: "aisa review likhunga ke koi client aapko
    # hire nahi karega", "such a review that no client will hire you" (review r32).
    r"\b(?:aisa|aisi|aise|such a) (?:review|rating|feedback)\b(?: \w+){0,2}? (?:ke|ki|k|that) "
    r"(?:(?:aap ko|tumhe|tum ko|tujhe) )?(?:koi|no|nobody|no one|kisi)\b(?: [\w']+){0,4}? "
    r"(?:hire|trust|kaam)\w{0,3}\b|"
    # ... or that no other client comes: "aisa review dunga ke koi aur client nahi milega"
    # (scanner r43).
    r"\b(?:aisa|aisi|aise) (?:review|rating|feedback)\b(?: \w+){0,2}? (?:ke|ki|k) "
    r"(?:(?:aap ko|aapko|tumhe|tum ko|tujhe) )?koi\b(?: \w+){0,3}? nahi (?:mil|aa|aay)\w{0,4}\b|"
    # The review written to call the reader a cheat: "review mein likh dunga ke scam hai",
    # "I'll write in my review that you're a fraud" (review r39, scanner dev-r39).
    r"\b(?:review|rating|feedback) (?:mein|me|main|in|on) (?:\w+ )?(?:likh|likhunga|likhungi|"
    r"likhenge|likh dunga|write|say|call|tell|put)\w{0,3}\b(?: [\w']+){0,5}? " + _CHEAT + r"|"
    r"\b(?:write|say|call|tell|put|mention)\w{0,3} (?:in|on) (?:the|my|your) (?:review|"
    r"feedback|rating)\b(?: [\w']+){0,5}? " + _CHEAT
)
#: Free work as the price of a rating ("a free logo or I'll leave 1 star"); after "for" it
#: is thanks for work done ("5 stars for the free revisions you did"), not a trade.
_FREE_THING = re.compile(
    r"\bfree (?:(?:extra|additional|new|small|quick) )?(?:pages?|revisions?|work|changes|"
    r"features?|variations?|concepts?|designs?|sections?|screens?|logos?|edits?|videos?|"
    r"articles?|banners?|versions?|illustrations?)\b"
)
#: What the freelancer would give for the rating: money back, a discount, free or extra work.
_TRADE = re.compile(
    r"\brefund\w{0,3}\b|\bdiscount\w{0,3}\b|\bcashback\b|\bwapas\b|\blauta\w{0,4}\b|"
    r"\bwaiv\w{1,3}\b|"
    # A sum let go: "drop the final $25" (review r35).
    r"\b(?:drop|forget|skip|write off|let go of)\w{0,3} (?:the )?(?:last|final|remaining|extra|"
    r"outstanding) (?:\$\d[\d,]{0,9}|\d[\d,]{0,9} ?(?:usd|dollars?|rs|rupees|pkr)\b)|"
    # A share of the money returned: "return a third of the fee", "send back a portion".
    r"\b(?:return|refund|send back|give back|pay back)\w{0,3} (?:me |us )?(?:a |an |the )?"
    r"(?:(?:third|quarter|half|portion|part|share|chunk|cut|slice|\d{1,3} percent)\b|"
    r"\d{1,3} ?%)|"
    r"\bpay\w{0,3} (?:me |us )?back\b|"
    # The money to be back where it was: "the money isn't back in my escrow", and a sum taken
    # off in Roman Urdu: "payment mein se 5000 kam kar lo" (review r31, scanner dev-r31).
    r"\bback (?:in|into|to) (?:my|our|the) (?:escrow|account|wallet|card)\b|"
    r"\b\d[\d,]{0,9} (?:rupay |rupees |rs |pkr |dollars? |usd )?(?:kam|minus)\b|"
    r"\b(?:send|give|transfer|return|wire)\w{0,3} (?:(?:me|us|the|my|of|\$?\d[\d,]{0,9}|money|"
    r"amount|difference|extra|half|part|payment|rest|dollars?) ){0,3}?(?:\$?\d[\d,]{0,9} ?%?|"
    r"money|amount|difference|extra|half|part|payment|rest|dollars?) back\b|"
    r"\b(?:send|give|transfer|return|wire)\w{0,3} (?:(?:me|us) )?back (?:(?:me|us|the|my|half|"
    r"part|of|last|final|remaining|extra) ){0,3}(?:\$?\d[\d,]{0,9}|money|amount|difference|"
    r"extra|half|part|payment|rest|dollars?)\b|"
    r"\bknock\w{0,3}\b|\bkick\w{0,3} back\b|(?:\$\d[\d,]{0,9}|\b\d{1,3} ?%) off\b|"
    # A sum returned: "return $100 to my PayPal".
    r"\b(?:return|refund)\w{0,3} (?:me |us )?(?:the )?(?:(?:last|final|remaining|extra) )?"
    r"(?:\$\d[\d,]{0,9}|\d[\d,]{0,9} ?(?:usd|dollars?|rs|rupees|pkr)\b)|"
    # Roman Urdu puts the thing before "free" and the price before "kam": "2 page free bana
    # do", "price kam karo".
    r"\b(?:pages?|revisions?|changes|features?|designs?|sections?|screens?|logos?|edits?|"
    r"videos?|articles?|banners?|posts?|kaam) free\b|"
    r"\b(?:price|rate|fee|paise|budget|qeemat|keemat) (?:thora |thori |kuch )?kam\b|"
    # A share of the price, the work done at it: "agla order aadhe price pe karo", "do the
    # next one at half price", "half the rate" (scanner r41).
    r"\b(?:aadhe|adhe|aadhi|adhi|half|half the|a third of the) (?:price|rate|fee|daam|"
    r"qeemat|keemat|budget|cost)\b|"
    r"\b(?:for free|free of (?:cost|charge)|free mein|muft mein|no extra (?:cost|charge|pay)|"
    r"at no (?:extra )?cost|without (?:extra |any )?(?:pay|charge|cost))\b|"
    # The work not billed: "do them without billing me" (review r33, scanner dev-r33).
    r"\bwithout (?:billing|charging|invoicing) (?:me|us)\b|"
    # ... or made with no money, in Roman Urdu: "bina paise ke bana do" (review r34).
    r"\b(?:bina|baghair|begair) (?:kisi )?(?:extra |alag )?(?:paise|paison|payment|charge|"
    r"charges) (?:ke|k)\b|"
    r"\b(?:lower|reduce|cut)\w{0,3} (?:the |your )?(?:price|rate|fee)\b|"
    r"\b(?:extra|additional) (?:pages?|revisions?|work|changes|features?|variations?|concepts?|"
    r"designs?|sections?|screens?|logos?|edits?|banners?|posts?|videos?|articles?|"
    r"illustrations?|versions?)\b|" + _FREE_THING.pattern
)
#: A condition that holds the trade: "if you refund", "as long as you send $40 back".
_CONDITION = re.compile(
    r"\b(?:if|agar|jab|unless|as long as|provided(?: that)?|in exchange for|in return for)\b"
)
#: The trade asked for first, the rating promised after: "refund $25 and I'll change my review".
_THEN_RATING = re.compile(
    r"\b(?:and (?:i'?ll|i will|we'?ll|we will|you'?ll|you will|i'?d|i won'?t|we won'?t|i will "
    r"not|we will not)|or (?:i'?ll|i will|we'?ll|"
    r"we will|else)|otherwise|warna|to main|to hum|and (?:you|u) (?:get|will get|'ll get)|"
    r"(?:nahi|na)(?: \w+)? to|ya (?:phir|fir))\b|"
    # Roman Urdu's order, the trade then the rating: "30 percent wapas karo, 5 star de dunga",
    # "wapas bhej dein, phir ...", "lauta do to ..." (the "to" of a condition met), and the
    # share after the verb: "paise wapas kar do aadhe, main 5 star dunga".
    r"\b(?:karo|bhejo|lautao|do|dein|dijiye|doge|karoge)(?: (?:aadhe|adhe|aadha|adha|saare|sare|"
    r"poore|pure|ge|gay|gey|gi|\d{1,3} ?%|\d{1,3} percent|\$\d[\d,]{0,6}))?(?:,| to\b)|"
    # The rating named as what is given in return: "5000 kam kar lo, badle mein best
    # feedback dunga", "... and in return 5 stars" (review r31, scanner dev-r31).
    r"\b(?:badle mein|badle me|ke badle|iske badle|is ke badle|in return|in exchange)\b|"
    # ... or as what the reader will then see: "bina charge ke de do, phir dekhna kitni achi
    # rating deta hun" (review r36, scanner dev-r36).
    r"\b(?:phir|fir) (?:dekhna|dekho|dekhiye|dekhein)\b|"
    # English names the rating as the outcome: "..., and the review will be glowing".
    r"\band (?:the|my)(?: (?:review|rating|feedback|stars?)\b| ?$)"
)
#: The rating wanted, then what it costs, in Roman Urdu: "5 star chahiye to discount do".
_WANTED_THEN = re.compile(r"\b(?:chahiye|chahiyen|chahte ho|chahti ho|chahte hain|chahein) to\b")
#: The trade right after "for": "5 stars for a $50 refund" (not "for the quick turnaround").
_FOR_TRADE = re.compile(
    r"\bfor (?:a |an |the |your |my )?(?:\$?\d[\d,]{0,9} |\d{1,3} ?% |full |partial |small )?$"
)
#: A new clause between the rating and the condition: "a great review, and if you need...".
_NEW_CLAUSE = re.compile(r"[,;]\s*(?:and|but|so|also|plus)\b|;")
#: The rating as the price: "in exchange for a 5 star review, give me a discount".
_FOR_RATING = re.compile(r"\b(?:in exchange for|in return for)\b")
#: Refusing the trade when it is not done: "if you don't refund me", "agar refund nahi".
_IF_NOT = re.compile(
    r"\b(?:if|agar|unless) (?:\w+ ){0,5}?(?:don'?t|do not|won'?t|will not|doesn'?t|can'?t|"
    r"isn'?t|is not|aren'?t|are not|refuse\w{0,2}|nahi|na)\b"
)
#: Roman Urdu refuses after the thing: "agar refund nahi kiya" (if you don't refund).
_NOT_AFTER = re.compile(r"(?: \w+)? (?:nahi|na)\b")
#: "Or else": "refund do, nahi to ...", "discount nahi diya to 1 star", "wapas karo warna ..."
#: (review r32).
_OR_ELSE = re.compile(r"\b(?:nahi|na)(?: \w+)? to\b|\b(?:warna|otherwise|or else)\b")
#: Ratings swapped: "I'll do the same", "each other", "main bhi 5 star dunga".
_SWAP = re.compile(
    r"\bmutual (?:(?:5|five)[ -]?stars?|feedback|reviews?|ratings?)\b|"
    r"\b(?:five|5) for (?:five|5)\b|"
    r"\b(?:i'?ll|i will|we'?ll|we will) (?:do the same|return the favou?r|leave you one|"
    r"give you one)\b|"
    # Asked, then given back: "leave me 5 stars as a client and I'll leave you 5" (r33).
    r"\b(?:rate|give|leave)\w{0,3} me\b[^.?!]{0,40}?(?:\band|,) ?(?:i'?ll|i will|we'?ll|we will) "
    r"(?:rate|give|leave) (?:you|u)\b|"
    r"\bdo the same for you\b|\beach other\b|\bone another\b|"
    # ... and in Roman Urdu: "dono aik doosre ko top rating de dete hain" (review r36, scanner
    # dev-r36).
    r"\b(?:aik|ek) (?:doosre|dusre|dosre|doosray|dusray) (?:ko|ki|ka|ke)\b|"
    # The writer's rating promised back in Roman Urdu: "meri taraf se bhi aapko perfect score
    # milega" (review r35).
    r"\b(?:meri|hamari|humari|apni) (?:taraf|side) se bhi\b|"
    r"\breturn the favou?r\b|\bscratch (?:my|your) back\b|\bfor me and (?:\w+ ){1,3}?for you\b|"
    r"\b(?:main|mai|hum) bhi (?:\w+ ){0,6}?(?:de|dunga|dungi|denge|doon|dun|de raha|de rahi|"
    r"de rahe|karunga|karungi|karenge|rakhunga|rakhungi|rakhenge|rakhoon|rakhun)\b|"
    r"\b(?:main|mai|hum) (?:\w+ ){0,4}?(?:dunga|dungi|denge)\b,? (?:aur|or|and) (?:aap|tum) bhi "
    r"(?:\w+ ){0,4}?(?:dena|de dena|dein|de dein|do|de do|dijiye)\b|"
    r"\byou (?:rate|give|leave) me\b[^.?!]{0,30}?(?:,|\band\b) ?(?:i'?ll|i will|i) "
    r"(?:rate|give|leave) you\b|"
    # The writer's rating first, the reader's as its condition: "I'll rate you 5 stars if you
    # rate me 5 stars" (review r30, scanner dev-r30).
    r"\b(?:i'?ll|i will|we'?ll|we will) (?:rate|give|leave) (?:you|u)\b[^.?!]{0,30}?\b(?:if|as "
    r"long as|once|when) (?:you|u) (?:rate|give|leave|do the same)\b|"
    # "Give me five stars and you'll get five stars from me".
    r"\b(?:give|leave|rate)\w{0,3} me\b[^.?!]{0,30}?\band (?:you'?ll|you will) (?:get|have|"
    r"receive)\b|"
    # "Aap mujhe 5 star do, main aap ko 5 star dunga".
    r"\b(?:aap|tum) mujhe (?:\w+ ){0,3}?(?:do|de do|dein|de dein|dena)\b,? (?:aur |or |to )?"
    r"(?:main|mai|hum) (?:aap|tum)(?: ko)? (?:\w+ ){0,3}?(?:dunga|dungi|denge|de dunga)\b|"
    # ... the writer named in the role rated, and "then" before the rating given back:
    # "pehle aap mujhe client ke taur pe 5 star do, phir main aap ko dunga" (scanner r43).
    r"\b(?:aap|tum) mujhe (?:\w+ ){0,6}?(?:do|de do|dein|de dein|dena)\b,? (?:phir|fir|then|"
    r"uske baad|us ke baad) (?:main|mai|hum) (?:bhi )?(?:aap|tum)(?: ko)? (?:\w+ ){0,3}?"
    r"(?:dunga|dungi|denge|de dunga)\b"
)
#: The product's own people rating each other: "drivers and riders rate each other".
#: A swap of ratings said as an idiom, with no rating of its own named: "five for five on the
#: feedback", "let's swap 5-star reviews", "stars ke badle stars" (review r30, scanner dev-r30).
SWAP_IDIOM = re.compile(
    r"\b(?:five|5)[\s-]?(?:stars?[\s-])?for[\s-](?:five|5)\b|"
    r"\b(?:swap|exchange|trade)\w{0,3} (?:(?:good|positive|great|5-star|five-star|5 star|five "
    r"star|our|some) ){0,2}(?:reviews|ratings|stars|(?:5|five)[\s-]?stars)\b|"
    r"\b(?:review|rating|star)s? (?:swap|exchange|trade)\b|"
    # Roman Urdu: "feedback ka exchange kar lete hain", "dono taraf full rating" (review r31,
    # scanner dev-r31).
    r"\b(?:reviews?|ratings?|stars?|feedback) (?:ka|ki|ke) (?:swap|exchange|trade|len ?den)\b|"
    r"\bdono (?:taraf|side|sides|taraf se)\b|"
    r"\b(?:stars?|rating|review|feedback) ke badle (?:\w+ )?(?:stars?|rating|review|feedback)\b|"
    # Numbers swapped in Roman Urdu: "aap 5 do main 5 dunga".
    r"\b(?:aap|tum) (?:\w+ ){0,2}?(?:5|five|paanch) (?:do|dein|de do|de dein|dena)\b,? "
    r"(?:aur |or |to )?(?:main|mai|hum) (?:bhi )?(?:\w+ ){0,2}?(?:5|five|paanch) "
    r"(?:dunga|dungi|denge)\b"
)
#: What the idiom swaps, named in it or beside it: ratings, not money or goods.
_RATING_WORD = re.compile(r"\b(?:rat(?:e|es|ing|ings)|reviews?|feedback|stars?)\b")
_THEIR_PEOPLE = re.compile(
    r"\b(?:users|customers|buyers|sellers|drivers|riders|players|students|members|guests|"
    r"hosts|passengers|shoppers)\b"
)
#: "Each other" said of rating, not of working ("great working with each other").
_SWAP_ABOUT = re.compile(
    r"\b(?:rate|rates|rating|ratings|review|reviews|feedback|stars?|leave|give|de|dena|dunga|"
    r"dungi|denge)\b"
)
_TRADE_ANCHOR = anchor(
    (_RATING, _BAD_RATING),
)
_SWAP_ANCHOR = anchor(
    (_SWAP,),
)


#: Ratings and refunds of the product being built: "if a customer asks for a refund...".
_SWAP_IDIOM_ANCHOR = anchor((SWAP_IDIOM,))


_TRADE_PRODUCT = re.compile(
    r"\b(?:customers?|users?|buyers?|shoppers?|visitors?|guests?|patients?|students?|"
    r"the app|our app|the site|our site|website|store|shop|feature|popup|pop-up|flow|"
    r"email template|dashboard|they|their|google|yelp|trustpilot|amazon|play store|"
    r"e-?mail|caption|ads?|copy|landing)\b"
)


def rated(sentence: Sentence) -> bool:
    """Whether *sentence* names a rating, good or bad ("5 stars", "a 1 star review")."""
    return bool(sentence.first(_RATING) or sentence.first(_BAD_RATING))


def _traded(sentence: Sentence, rating: re.Match[str]) -> re.Match[str] | None:
    """The trade the rating is the price of, linked to it by a condition or an order."""
    bad = bool(_BAD_RATING.fullmatch(rating.group()))
    for trade in sentence.all(_TRADE):
        low, _ = sentence.clause(trade.start())
        before = sentence.text[max(low, trade.start() - 60) : trade.start()]
        conditional = _CONDITION.search(before)
        refused = bad and (
            (
                conditional is not None
                and (_IF_NOT.search(before) or _NOT_AFTER.match(sentence.text, trade.end()))
            )
            or _OR_ELSE.search(sentence.text, trade.end()) is not None
        )
        if sentence.negated(*trade.span()) and not refused:
            continue  # "no refund needed": a trade turned down, not asked for
        if conditional is not None and not (
            rating.end() <= trade.start()
            and _NEW_CLAUSE.search(sentence.text, rating.end(), trade.start())
        ):
            return trade  # "if you refund me", "agar aap wapas kar dein"
        if (
            rating.end() <= trade.start()
            and sentence.clause(rating.start()) == sentence.clause(trade.start())
            and _FOR_TRADE.search(
                sentence.text, max(rating.end(), trade.start() - 24), trade.start()
            )
            and not _FREE_THING.fullmatch(trade.group())
        ):
            return trade  # "5 stars for a $50 refund"
        if trade.end() <= rating.start() and _THEN_RATING.search(
            sentence.text, trade.end(), rating.start()
        ):
            return trade  # "refund $25 and I'll change my review"
        if rating.end() <= trade.start() and _WANTED_THEN.search(
            sentence.text, rating.end(), trade.start()
        ):
            return trade  # "5 star chahiye to 2 page free bana do"
        if rating.end() <= trade.start() and _FOR_RATING.search(
            sentence.text, max(0, rating.start() - 24), rating.start()
        ):
            return trade  # "in exchange for a 5 star review, give me a discount"
    return None


#: A bad rating spared once the trade is done: "... and I won't leave you a bad review"
#: (review r37, scanner dev-r37).
_SPARED = re.compile(
    r"\band (?:i|we) (?:won'?t|will not|wouldn'?t|would not|will never) (?:leave|give|write|"
    r"post)\w{0,3} (?:you |u )?(?:a |an |any |that )?$"
)


def _rating_kept(sentence: Sentence, match: re.Match[str]) -> bool:
    """A rating not negated, or negated only inside "if you don't refund me".

    The condition may follow the threat, as Roman Urdu has it: "rating kharab
    kar dunga agar refund nahi kiya".
    """
    if not sentence.negated(*match.span()) or _offer_negated_only(sentence, match):
        return True  # "... at no extra cost and I'll ensure your review is excellent" (r39)
    if (
        _BAD_RATING.fullmatch(match.group())
        and _SPARED.search(sentence.text, max(0, match.start() - 50), match.start())
        and _TRADE.search(sentence.text, 0, match.start())
    ):
        return True  # "give me back the last $30 and I won't leave you a bad review"
    low, high = sentence.clause(match.start())
    around = sentence.text[max(low, match.start() - 60) : min(high, match.end() + 60)]
    return bool(
        _BAD_RATING.fullmatch(match.group())
        # "Or else" may open the rating's own clause: "wapas karo warna aisi rating dunga".
        and (
            _IF_NOT.search(around)
            or _OR_ELSE.search(sentence.text, max(0, low - 10), match.start())
        )
    )


def _ratings(sentence: Sentence) -> list[re.Match[str]]:
    """The ratings (good or bad) of a sentence that does not thank for one or build one."""
    if sentence.first(_THANKS_FOR) or sentence.first(_TRADE_PRODUCT) or sentence.past():
        return []
    return [
        match
        for pattern in (_RATING, _BAD_RATING)
        for match in sentence.all(pattern)
        if _rating_kept(sentence, match) and not _built(sentence, match)
    ]


#: The orders rated, beside the rating: "5 star ratings on orders"; not the next order the
#: rating is traded for: "agla order aadhe price pe karo to 5 star dunga" (scanner r41).
_ORDERS = re.compile(r"\borders?\b")
#: How far from a rating a part of the product makes it the product's rating.
_BUILT_REACH = 20


def _built(sentence: Sentence, rating: re.Match[str]) -> bool:
    """Whether the rating is a part of the product: "a 5 star rating widget", "star icons".

    The part must be beside the rating, in its clause: "five stars if you throw in the
    icon set for free" trades the rating for the icons (scanner r41).
    """
    low, high = sentence.clause(rating.start())
    low, high = max(low, rating.start() - _BUILT_REACH), min(high, rating.end() + _BUILT_REACH)
    return any(part.search(sentence.text, low, high) for part in (_RATING_PRODUCT, _ORDERS))


def _swapped(sentence: Sentence) -> bool:
    """A swap of ratings in *sentence*, said of rating ("leave each other 5 stars")."""
    for match in sentence.all(_SWAP):
        if match.group() not in {"each other", "one another"} and not match.group().startswith(
            ("aik ", "ek ")
        ):
            return True  # "I'll do the same", "main bhi de raha hoon"
        low, high = sentence.clause(match.start())
        if _SWAP_ABOUT.search(sentence.text, low, high) and not _THEIR_PEOPLE.search(
            sentence.text, low, high
        ):
            return True
    return False


#: The rating asked of the reader for the writer: "leave me 5 stars", "rate me", "mujhe ... de do".
_RATING_FOR_ME = re.compile(
    r"\b(?:leave|give|rate|mark|review)\w{0,3} (?:me|us)\b|\b(?:mujhe|humein|hamein)\b|"
    r"\b(?:review|rating|feedback) of (?:me|us)\b|"
    # The rating asked for with no "me": "leave a positive review now and I'll send a tip"
    # (not the writer's own "I'll leave a good review", see _WRITER_RATES).
    r"\b(?:leave|give|post|write)\w{0,3} (?:a|an)\b|"
    # The writer named as the one rated: "rate our company 5 stars", "give the client rating
    # 5/5"; or the rating as the contract's closing: "close the contract with 5 stars first
    # and I'll send the final payment" (review r29, scanner dev-r29).
    r"\b(?:leave|give|rate|mark|review)\w{0,3} (?:our|my|the|your) (?:company|business|agency|"
    r"team|brand|store|shop|client|buyer|employer)\b|"
    r"\b(?:close|end)\w{0,3} (?:the |this |our )?contract with\b"
)
#: The writer as the one who rates: "I'll leave a 5-star review", "we will give a good rating".
_WRITER_RATES = re.compile(r"\b(?:i|we)(?:'ll| will| would|'d| can| shall)?(?: \w+)? $")
#: Money the writer offers for it: "I'll give you a bonus", "I'll tip you $10", "bonus de dunga".
_REWARD = re.compile(
    r"\b(?:bonus|bonuses|tip|tips|reward|cash|gift card)\b|\btip (?:you|u)\b|"
    r"\b(?:final|remaining|last|full) payment\b|"
    r"\b(?:pay|send|give)\w{0,3} (?:you |u )?(?:an? )?(?:extra )?\$\d[\d,]{0,9}"
)
#: The writer offering it: "I'll", "I will", "if you", "de dunga".
_OFFERED = re.compile(
    r"\b(?:i'?ll|i will|we'?ll|we will|i'?d|if|agar|dunga|dungi|denge|de doon|bhej dunga)\b|"
    # The money waiting on the rating: "and there's a little bonus waiting for you".
    r"\bthere'?s (?:a |an )?(?:\w+ )?(?:bonus|tip|reward)\b|\bwaiting for (?:you|u)\b"
)


def _paid_for(sentence: Sentence, rating: re.Match[str]) -> tuple[int, int] | None:
    """Money offered for a rating asked of the reader: "leave me 5 stars, I'll give you a bonus".

    Returns the span of the request and the money (in the sentence), or ``None``.
    """
    if _BAD_RATING.fullmatch(rating.group()) or not sentence.first(_OFFERED):
        return None
    low = max(0, rating.start() - 24)
    asked = _RATING_FOR_ME.search(sentence.text, low, min(len(sentence.text), rating.end() + 24))
    if asked is not None and _WRITER_RATES.search(sentence.text, 0, asked.start()):
        return None  # "I'll leave a good review and a bonus": the writer rates, and pays
    rewards = [r for r in sentence.all(_REWARD) if not sentence.negated(*r.span())]
    if asked is None or not rewards:
        return None
    return min(asked.start(), rewards[0].start()), max(asked.end(), rewards[-1].end())


def review_trade(message: Message) -> Hit | None:
    """REVIEW_BEGGING in a client's message: a rating traded for something, or swapped."""
    code = FindingCode.REVIEW_BEGGING
    swaps: set[int] | None = None  # the sentences (by offset) that swap ratings
    for sentence in message.holding(_TRADE_ANCHOR):
        for rating in _ratings(sentence):
            trade = _traded(sentence, rating) or _paid_for(sentence, rating)
            if trade is not None:
                return Hit(code, *sentence.span(rating, trade), Confidence.HIGH)
            if swaps is None:
                swaps = {s.offset for s in message.holding(_SWAP_ANCHOR) if _swapped(s)}
            if swaps and _swap_near(message, sentence, swaps):
                return Hit(code, *sentence.span(rating), Confidence.HIGH)
    return swap_idiom(message)


def _swap_near(message: Message, sentence: Sentence, swaps: set[int]) -> bool:
    """Whether the swap is in the rating's sentence or the next one."""
    following = message.following(sentence)
    return sentence.offset in swaps or (following is not None and following.offset in swaps)
