"""Scope creep: more work asked for with the price unchanged or played down."""

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
from upwork_safety.checks._trials import FREE_WORK, TRIAL

_ADDITION = re.compile(
    r"\b(?:also|too|as well|bhi|additionally|another|plus|forgot to mention|on top|"
    r"ke sath|sath mein|saath|oh,? and|and we (?:also )?need|we now need|i forgot)\b"
)
_NEW_WORK = re.compile(
    r"\b(?:add|adding|build|rebuild|revamp|rework|create|design|write|develop|code|implement|"
    r"integrate|include|"
    r"translate|redo|set up|setup|record|migrate|upload|bana\w{0,4}|likh\w{0,4}|daal\w{0,4}|"
    r"laga\w{0,4}|make|do|prepare|handle|shoot|draw|illustrate|animate|proofread|format|"
    r"throw together|put together|knock(?:ing)? out|whip(?:ping)? up|come in|"
    r"install|configure|convert|fix|update|change|edit|optimi[sz]e|need|want|chahiye|"
    # The listing that also needs mockups, fitted into the current budget (review r33).
    r"needs|fit|"
    r"resize|crop|retouch|compress|port|hook(?:ing|ed)? up|wire up|wiring up|"
    r"(?:stretch|expand)(?! (?:the |my |our |this |your )?(?:budget|price|payment|amount|quote))|"
    r"kar dein|kar do|kar dena|(?:i|we)'?d like|would like|"
    # The habitual request, work added for every week to come: "payroll bhi kar diya karo",
    # "stories bhi bana diya karein", "invoices bhi kiya karo" (scanner r40).
    r"(?:kar|bana|bhej|likh|daal|laga) diya (?:karo|karein|kariye|kijiye)|kiya (?:karo|"
    r"karein|kariye|kijiye))\b"
)
_WORK_THING = re.compile(
    r"\b(?:pages?|screens?|features?|sections?|banners?|logos?|icons?|posts?|reels?|videos?|"
    r"languages?|version|versions|revisions?|rounds?|products?|illustrations?|variations?|"
    r"concepts?|articles?|blog|app|website|admin panel|dashboard|shop|store|translation|"
    r"voice-?over|cards?|letterhead|favicon|descriptions?|system|module|report|charts?|"
    r"slides?|templates?|emails?|newsletter|widget|analytics|pixel|tweaks?|changes|"
    r"booking|footer|header|form|panel|kaam|site|designs?|copy|captions?|posters?|flyers?|"
    r"images?|photos?|mockups?|guidelines|covers?|thumbnails?|stickers?|"
    # A slider on the homepage, subtitles, a CSV export (review r36, scanner dev-r36).
    r"sliders?|carousel|homepage|subtitles?|captions|export|"
    # The same work for another platform: "we also need it on Android".
    r"android|ios|iphone|ipad|tablet|desktop|mobile)\b"
)
_NOT_MORE_WORK = re.compile(
    r"\b(?:one more|another|also|ek aur)\s(?:question|thing|time|day|week|minute|note|point|"
    r"reminder|call|meeting|detail|details|quick question|favour?)\b|"
    r"\balso (?:tell|let me know|confirm|share|send|explain|check|ask|mention|suggest|"
    r"recommend|advise|think|like(?! (?:you|u) to\b)|want to say)\b|"
    r"\bmore (?:time|details|info|information|"
    r"work (?:for you|later|next month)|projects?)\b|"
    # Details asked for "as well", not work: "send me your Skype ID as well", "your CV too".
    r"\b(?:send|share|give|tell|drop)(?: me| us)? (?:your|ur|the|apna|apni) (?:[\w-]+ ){0,2}?"
    r"(?:id|number|details|info|email|handle|username|cv|resume|portfolio|availability|"
    r"address|link|profile|rate|timezone)\b(?: [\w']+){0,2}? (?:as well|too|also|bhi)\b"
)
#: A new topic opened ("one more thing, ...", "ek aur baat"): no work in itself, so it does
#: not clear the request that follows it ("one more thing, please also add X, same budget").
_TOPIC_OPENER = re.compile(
    r"(?:one more|another|also|ek aur)\s(?:thing|note|point|reminder|detail|details)"
)
_SAME_PRICE = re.compile(
    r"\bsame (?:(?:fixed|agreed|original|old|total|quoted) )?(?:price|budget|rate|fee|cost|"
    r"milestone|total|amount|payment|money|deal|terms)"
    r"(?: (?:mein|me|main|mai))?\b|"
    r"\bincluded in (?:the |your |our |this )?(?:price|budget|milestone|quote|fee|cost|"
    r"package|contract|total)\b|"
    r"\b(?:isi|usi) (?:budget|price|milestone|amount|rate|payment|paise|paisa)"
    r"(?: (?:mein|me|main|mai))?\b|"
    r"\bno change (?:in|to|of) (?:the )?(?:budget|price|cost|fee|milestone|amount)\b|"
    r"\bextra (?:kuch )?(?:nahi|na) (?:de|dunga|dungi|milega|milenge|denge)\w{0,6}\b|"
    r"\b(?:budget|rate|price|qeemat|keemat) (?:wahi|wohi|same|is the same|is fixed)\b|"
    r"\b(?:wahi|wohi) (?:budget|rate)\b|"
    # The price said not to grow: "budget is tight so cannot increase", "budget nahi badhega".
    r"\b(?:can'?t|cannot|can not|won'?t|will not|unable to|not able to) (?:increase|raise)"
    r"(?: (?:the |my |our )?(?:budget|price|payment|amount|rate)| it)?\b|"
    r"\b(?:budget|price|rate|paise) (?:(?:abhi|filhal|ab|is waqt) )?(?:nahi|na) (?:badh|barh|badha|"
    r"barha)\w{0,5}\b|"
    # ... with the English verb in Roman Urdu: "budget increase nahi ho sakta", "price zyada
    # nahi hogi" (review r39, scanner dev-r39).
    r"\b(?:budget|price|rate|paise|payment|amount) (?:increase|raise|upar|zyada|ziada|extra) "
    r"(?:nahi|na) (?:ho|hoga|hogi|ho ga|ho sakta|ho sakti|ho sakega|kar sak\w{1,4}|mil\w{2,4}|"
    r"de sak\w{1,4}|denge|dunga|dungi)\b|"
    # ... or not to be stretched: "we can't stretch the budget" (review r37, scanner dev-r37).
    r"\b(?:can'?t|cannot|can not|won'?t|will not|unable to|not able to) (?:stretch|extend|expand|"
    r"top up) (?:the |my |our |this |your )?(?:budget|price|payment|amount|quote)\b|"
    # ... said of the budget itself: "budget can't go up" (review r32).
    r"\b(?:budget|price|rate|fee|amount) (?:can'?t|cannot|won'?t|will not|is not going to) "
    r"(?:go up|increase|rise|grow|change|move)\b|"
    r"\bwithin (?:the |this |our )?(?:current |same |original )?(?:budget|price|milestone|scope|"
    r"fee)\b|"
    r"\bno extra (?:charge|cost|pay|money|budget|payment)\b|"
    r"\bextra (?:paise|payment|budget|pay) (?:nahi|na)\b|\bfor free\b|\bfree (?:mein|of charge)\b|"
    # The work asked with no money at all, in Roman Urdu: "bina paise ke bana do", "baghair
    # payment ke" (review r34, scanner dev-r34).
    r"\b(?:bina|baghair|begair) (?:kisi )?(?:extra |alag |additional )?(?:paise|paison|payment|"
    r"charge|charges|pay|fees?) (?:ke|k)\b|"
    r"\bfree(?= (?:bana|kar|likh)\w{0,4}\b)|"
    r"\b(?:assume|assuming|guess|hope|expect) (?:that'?s|it'?s|this is|that is|it to be) "
    r"(?:all )?(?:included|fine within|ok within|part of|within)\b|"
    r"\bpart of (?:the|this|our|your) (?:package|deal|price|milestone|contract|scope|job|budget)\b|"
    r"\b(?:paise|payment|budget|price|amount|rate) (?:utne|utna|utni|wohi|wahi|same) "
    r"(?:hi )?(?:hain|hai|rahenge|rahega|rahe)?\b|\bwohi payment\b|"
    # ... or as much as before: "paise pehle jitne hi", "budget pehle wala" (scanner r41).
    r"\b(?:paise|payment|budget|price|amount|rate|fee) (?:pehle|pahle|pehlay) (?:jitne|jitna|"
    r"jitni|wale|wala|wali|jaise|jaisa|jaisi)\b|"
    r"\bbudget (?:mein|me) (?:hi|he)\b|\bno extra budget\b|"
    r"\b(?:don'?t|do not|doesn'?t) have (?:the |a |any |extra )?budget\b|\bno budget for\b|"
    r"\bcan'?t pay (?:extra|more)\b|\bnot able to pay (?:extra|more)\b|"
    r"\b(?:budget|price|paise) (?:mein|me) adjust\w{0,3}|\badjust (?:it |them )?(?:in|within) "
    r"the (?:budget|price)\b|"
    r"\b(?:in|into) (?:this|the current|the same) milestone\b|"
    # The budget that is: "can you fit those into the current budget?" (review r33).
    r"\b(?:in|into|inside) (?:the |this |our |my )?(?:current|existing|present) (?:budget|price|"
    r"quote|fee|milestone)\b|"
    # ... or kept: "keeping the current quote" (review r34, scanner dev-r34).
    r"\b(?:keep|keeping|stick to|sticking to|stay at|staying at)\b (?:the |our |my |your )?"
    r"(?:current|existing|same|original|agreed) (?:budget|price|quote|fee|rate|milestone)\b|"
    r"\bno need to change the (?:milestone|contract|price)\b|"
    r"\bwithout (?:extra|additional) (?:cost|pay|charge|payment)\b|\bat no (?:extra )?cost\b|"
    r"\bisi milestone (?:mein|me|main)\b|\bwe'?ll give you more work\b|"
    r"\b(?:not|wasn'?t|isn'?t) in the (?:original )?(?:brief|scope|contract|agreement|offer|"
    r"plan)\b|"
    r"\bi know we agreed\b|\bfor the same fee\b|"
    # The scope owned as smaller than what is asked, and no more money: "I know we only talked
    # about the newsletter", "we're tight on budget this month" (scanner r43).
    r"\bi know we (?:only |just )?(?:talked|spoke|discussed|agreed|said)(?: about| on)? "
    r"(?:the |a |one |\d)|"
    r"\b(?:tight|short|low) on (?:budget|money|funds|cash)\b|"
    r"\bbudget (?:is |'s )?(?:tight|limited|stretched)\b|"
    # The price said to stay, the scope owned as exceeded, or the pay waved away: "budget
    # stays the same", "I know we said 1500 words", "not in scope I know", "alag paise ki
    # kya baat" (review r29, scanner dev-r29).
    r"\b(?:budget|price|rate|fee|payment|amount|invoice|bill|quote|total) (?:stays|remains|"
    r"will stay|will remain|"
    r"is staying) (?:(?:the )?same|as agreed|unchanged|as (?:it is|before|quoted)|where it (?:is|"
    r"was)|put)\b|"
    r"\bi know we (?:said|discussed|quoted|decided) (?:on )?\d|"
    r"\b(?:not|isn'?t|wasn'?t) in scope\b|"
    r"\balag (?:se )?(?:paise|payment|budget|pay) ki kya (?:baat|zaroorat|zarurat)\b|"
    # The price not to be talked of or changed: "alag se paise ki baat mat karna", "let's not
    # change the quote for it" (review r32, scanner dev-r32).
    r"\balag (?:se )?(?:paise|payment|budget|pay) ki baat (?:mat|na|nahi)\b|"
    # Nothing to be added to the bill for it: "I'd rather not add anything to the invoice for
    # it", "keep it off the invoice", "iska extra bill mat banana" (review r35).
    r"\b(?:rather not|won'?t|will not|not going to|(?:don'?t|do not) want to|no need to) "
    r"(?:add|put)\w{0,3} (?:anything|it|this|that|them|more|extra)(?: (?:extra|more))? (?:to|on) "
    r"(?:the |your |my |our )?(?:invoice|bill|quote|budget|contract)\b|"
    r"\b(?:keep|leave) (?:it|this|that|them) off (?:the |your |my |our )?(?:invoice|bill)\b|"
    r"\b(?:extra|alag|naya|new) bill (?:mat|na|nahi) (?:bana|bhej|laga)\w{0,4}|"
    r"\b(?:let'?s not|we won'?t|i won'?t|no need to|(?:don'?t|do not) want to) (?:change|"
    r"touch|update|raise|increase|revise) (?:the |our |your )?(?:quote|price|budget|fee|"
    r"milestone|amount)\b|"
    # What was agreed to be paid, kept: "I'd rather not change what we agreed to pay" (review
    # r36, scanner dev-r36).
    r"\b(?:rather not|let'?s not|won'?t|will not|(?:don'?t|do not) want to) change what "
    r"(?:we|i|you) (?:agreed|settled|said) (?:to pay|on)\b"
)
_SMALL = re.compile(
    r"\b(?:quick(?:ly)?|small|tiny|minor|little|simple|easy|basically the same|"
    # The extra said to be done soon or in minutes spelled out (review r36, scanner dev-r36).
    r"jaldi ho ja\w{1,4}|(?:two|five|ten|fifteen) minutes|"
    r"shouldn'?t take (?:long|much)|won'?t take (?:you )?(?:long|much)|not (?:a )?big "
    r"(?:deal|thing)|nothing big|few minutes|\d+ minutes|chhota|chota|thora sa|"
    r"zyada (?:kaam|time) nahi|jaldi se|quick add|"
    # The work's size said in minutes, in Roman Urdu: "5 minute ka kaam hai" (review r32).
    r"(?:\d+|do|paanch|panch|das) minutes? (?:ka|ki) (?:kaam|kam|baat)|"
    # ... or in moments: "do pal ka kaam hai", "pal bhar ka kaam", "chand second ka kaam"
    # (review r34, scanner dev-r34).
    r"(?:\d+|do|ek|chand|kuch) (?:pal|lamhe|seconds?) (?:ka|ki) (?:kaam|kam|baat)|"
    r"pal bhar (?:ka|ki) (?:kaam|kam|baat)|"
    r"it'?s tiny|only \d+|just a|it'?s just|"
    # ... or in an hour at most: "it's an hour of work at most" (review r37, scanner dev-r37).
    r"(?:an|one|1|half an) hour(?:'s)?(?: of (?:work|your time))?,? (?:at most|max(?:imum)?|"
    r"tops)|at most (?:an|one|1|half an) hour|"
    r"only a|bas ek|sirf ek|should be (?:fast|quick|easy)|quick for you|easy for you|"
    r"shouldn'?t be (?:much|hard|difficult|a lot)|not much work|won'?t be much|"
    # The extra played down as adding little: "it shouldn't add much", "won't add much time".
    r"(?:shouldn'?t|should not|won'?t|will not|wouldn'?t|doesn'?t|does not) add (?:much|a lot|"
    r"anything|too much|more than)|(?:barely|hardly) (?:any|adds?) (?:extra )?(?:work|time))\b"
)
_NEW_PAY = re.compile(
    r"\bnew (?:\$\d[\d,]* )?milestone\b|\bseparate (?:milestone|contract|quote|job)\b|"
    r"(?<!\bno )(?<!\bany )(?<!without )\b(?:extra|additional|more) (?:pay|payment|cost|budget)"
    r"\b(?! nahi| unfortunately)|"
    r"\bi'?ll pay (?:extra|more|for (?:it|this|that|them))\b|"
    r"\badd(?:ed)? (?:a |another )?(?:new )?(?:\$\d[\d,]* )?milestone\b|"
    # A quote asked for, not one kept: "let's not change the quote" (review r32).
    r"(?<!change the )(?<!touch the )(?<!raise the )(?<!revise the )(?<!current )(?<!same )"
    r"(?<!existing )(?<!original )(?<!agreed )\bquote\b(?! (?:stays|remains|will stay|will "
    r"remain|is staying)\b)|\bhow much\b|"
    r"\bestimate\b|\bseparate \$\d[\d,]* milestone\b|"
    r"\bna(?:ya|ye|yi) milestone\b|\balag milestone\b|\bextra paise dunga\b|"
    r"\bbudget badha\w{0,4}\b(?! (?:nahi|na|nahin)\b)|"
    r"\bas milestone \d\b|\bbonus for (?:this|it)\b|\bpaid separately\b|"
    # The extra put in a later milestone the client will fund: "split the extra features
    # into Milestone 3, I'll fund it after" (review r29, scanner dev-r29).
    r"\b(?:split|move|put|shift)\w{0,3} (?:\w+ ){0,4}?(?:into|to|in) (?:(?:a |another |a new |"
    r"the next )milestone\b|milestone (?:[2-9]|two|three|four)\b)|"
    r"\b(?:create|set up|make|open)\w{0,3} (?:a |another |new |the )?(?:\$\d[\d,]* )?milestone\b|"
    r"\bproposal\b|"
    r"\bprice works\b|\bto cover the extra\b|"
    # The price raised, not refused: "I'll increase the budget" (not "can't increase the budget").
    r"(?<!n't )(?<!not )(?<!cannot )\bincreased? the (?:milestone|budget|price)\b|"
    r"\bpaid (?:milestone|contract|order)\b|"
    r"\bwithin the revisions\b|\brevisions you offered\b|\bincluded revisions\b|"
    # "as agreed" of the work, not of the price kept: "price stays as agreed" (review r30).
    r"(?<!stays )(?<!remains )(?<!stay )(?<!remain )\bas agreed\b|"
    r"\bwithin (?:the )?(?:agreed )?scope\b|"
    # A price per piece offered for the extra: "$20 per page", "500 rupay fi post".
    r"(?:\$|\brs\.? ?|\busd ?)\d[\d,]*(?:\.\d+)? (?:per|a|each|fi|har) (?:\w+ )?(?:pages?|"
    r"screens?|videos?|articles?|posts?|designs?|hours?|items?|products?|banners?|logos?)\b|"
    r"\b\d[\d,]* (?:dollars?|rupay|rupees) (?:per|fi|har) \w+|"
    # The price of each piece after it, and the extra paid for: "the extra pages at $20
    # each", "we'll pay for the extra pages" (review r30, scanner dev-r30).
    r"(?:\$|\brs\.? ?|\busd ?)\d[\d,]*(?:\.\d+)? (?:each|apiece|a piece|per piece)\b|"
    r"\b(?:i|we)(?:'ll| will) pay for (?:the |those |these |any )?(?:extra|additional|new)\b"
)
_STRONG_CREEP = re.compile(
    r"\bwhile (?:you'?re|we'?re|you are|we are) (?:at it|there|in there|\w+ing|in (?:the|that|"
    r"this|it|your|our))\b|"
    # ... or have the work open: "while you have the code open" (review r36, scanner dev-r36).
    r"\bwhile (?:you|u) (?:have|'ve got|have got|got) (?:the|that|it|your) (?:\w+ )?open\b|"
    r"\b(?:throw|toss|squeeze) in\b|"
    r"\bsqueeze in\b|\bone more (?!question|thing|"
    r"time|day|week|minute|note|point|reminder|call|meeting|detail|quick)\w+|"
    r"\b(?:\d+|two|three|four|five|a few|a couple of|a couple|few|couple) more\b|"
    r"\banother \d+\b|\binstead of (?:\d+|two|three|four|five|six|seven|eight|nine|ten)\b|"
    r"\bek (?:\w+ )?(?:aur|or)\b|\b\d+ (?:aur|or)\b|"
    r"\b(?:teen|char|chaar|paanch|panch|chhe|saat|aath|das) aur\b|"
    r"\b(?:a couple of|a few|couple of|few|some) (?:extra|more|additional)\b|"
    r"\bextra (?:tweaks?|pages?|features?|screens?|sections?|revisions?|languages?)\b|"
    # The deliverable's count raised: "expand the report to 40 pages" (review r29).
    r"\b(?:expand|stretch|increase|grow|take|bump|scale|raise)\w{0,3} (?:up )?(?:it|this|that|"
    r"the \w+|(?:the )?\w+ \w+) (?:up )?(?:from \d[\d,]* )?(?:to|up to) \d[\d,]* (?:\w+ )?"
    r"(?:pages?|words?|screens?|slides?|minutes?|videos?|articles?|posts?|images?|photos?|rows?|"
    r"records?|entries|questions?|"
    r"products?|items?|languages?|sections?|designs?|banners?|logos?|chapters?)\b|"
    # ... in Roman Urdu, the old count then the new: "report ko 20 se 35 pages tak barha dein"
    # (review r34, scanner dev-r34).
    r"\b\d[\d,]* se \d[\d,]* (?:\w+ )?(?:pages?|words?|screens?|slides?|minutes?|videos?|"
    r"articles?|posts?|images?|photos?|products?|items?|sections?|designs?|banners?|logos?|"
    r"chapters?|questions?) (?:tak|kar) (?:barh|badh|kar|le ja)\w{0,5}\b|"
    r"\bsince (?:you'?re|you are) already\b|\b\w+ (?:aur|or) (?:chahiye|bana\w{0,4}|"
    r"kar\w{0,5}|add|upload|likh\w{0,4}|daal\w{0,4})\b|\bjab aap\b(?: \w+){0,4} (?:rahe|kar rahe)\b"
)


#: "Throw in" asked of you ("throw in the social media kit", "can you toss in..."), not
#: offered by the client ("I'll throw in a bonus").
_THROWN_IN = re.compile(
    r"(?:^|[,;:] |\b(?:can|could|would|will) you (?:just |also )?|"
    r"\b(?:please|pls|just|and|also|maybe|so) )(?P<verb>(?:throw|toss|squeeze) in)\b"
)


#: Extra work asked for "free" with no "for" or "of charge": "do the extra 2 pages free", "the
#: additional two pages should be free" (not "extra free time", "a free trial").
_FREE_EXTRA = re.compile(
    r"\b(?:extra|additional)\b(?: \w+){0,3}? (?:(?:should|will|would|must|can) be |are |is |"
    r"to be )?free\b(?! (?:of|for|to|time|trial|plan|tier|version|account|shipping|delivery|"
    r"consultation|hosting|support|updates?)\b)"
)


#: The extras a product or plan gives its own customers, not work asked of the reader: "our
#: hosting plan gives customers 2 extra pages free".
_GIVEN_TO_OTHERS = re.compile(
    r"\b(?:gives?|offers?|includes?|comes? with|get|gets)(?: (?:our|their|its|the|all|every|each))?"
    r" (?:customers?|users?|clients?|buyers?|members?|subscribers?|students?|visitors?)\b|"
    r"\b(?:plan|package|tier|subscription|bundle) (?:gives|offers|includes|comes with)\b"
)


def _price_kept(sentence: Sentence) -> re.Match[str] | None:
    """The first words of *sentence* that keep the price unchanged ("same budget mein")."""
    return next(
        (
            m
            for m in sentence.all(_SAME_PRICE)
            if not sentence.negated(*m.span()) or "not in the" in m.group()
        ),
        None,
    )


_CREATE = re.compile(
    r"\b(?:add|build|create|design|write|develop|include|integrate|translate|record|handle|"
    r"set up|setup|bana\w{0,4}|likh\w{0,4}|daal\w{0,4}|migrate|upload)\b"
)


def _extra_named(
    sentence: Sentence,
    *,
    work: re.Match[str] | None,
    thing: re.Match[str] | None,
    wants: bool,
) -> Hit | None:
    """More work named outright ("one more page", "2 aur", "the extra 2 pages free")."""
    code = FindingCode.SCOPE_CREEP
    offered = sentence.first(_GIVEN_TO_OTHERS)
    for match in sentence.all(_STRONG_CREEP):
        if offered and match.group().startswith("extra"):
            continue  # "our plan gives customers 2 extra pages free": a product's offer
        if not sentence.negated(*match.span()) and (wants or thing) and (work or thing):
            # The evidence reaches the price kept in the same sentence: "2 aur pages add
            # kar do same budget mein" shows "2 aur ... same budget mein", not "2 aur".
            price = _price_kept(sentence)
            return Hit(code, *sentence.span(match, price or match), Confidence.HIGH)
    for match in sentence.all(_FREE_EXTRA):
        if thing and not (sentence.negated(*match.span()) or offered):
            return Hit(code, *sentence.span(match), Confidence.HIGH)
    return None


def _no_more_work(sentence: Sentence) -> bool:
    """Whether the sentence asks no more work ("one more question", "also tell me ...").

    More work named outright still counts, and a topic opened ("one more thing, ...")
    clears nothing: what follows it is read.
    """
    return not sentence.first(_STRONG_CREEP) and any(
        not _TOPIC_OPENER.fullmatch(m.group()) for m in sentence.all(_NOT_MORE_WORK)
    )


#: What was agreed told in the past, then the change asked for now: "Video 2 minute ki thi
#: lekin ab 5 minute ki bana do", "it was for 500 products, but now we need 5000", "800 words
#: ka tha, ab 1500 ka likh do".
_BUT_NOW = re.compile(
    r"(?:\b(?:lekin|magar|but|par)|,) (?:ab|now|actually)\b|"
    # ... or the request itself after "lekin": "milestone mein nahi tha, lekin subtitles bhi
    # daal do" (review r36, scanner dev-r36).
    r"\b(?:lekin|magar|phir bhi)\b(?: \w+){0,4} (?:daal|bana|kar|likh|laga|add kar)\w{0,3} "
    r"(?:do|dein|dena|de)\b"
)


#: A Roman Urdu perfect after the verb: the writer has done it ("review likh diya hai", "logo
#: bana liya"), nothing is asked (review r31, scanner dev-r31).
_DONE = re.compile(r"\w{0,4} (?:diya|diye|di|dia|liya|liye|li|lia|chuka|chuki|chuke)\b")


def _not_done(sentence: Sentence, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """The first match of *pattern* that is not a Roman Urdu perfect ("likh diya hai")."""
    return next((m for m in sentence.all(pattern) if not _DONE.match(sentence.text, m.end())), None)


#: The count agreed told in the past, then a larger one needed now: "we agreed on 30 leads
#: but the sales team now needs 100", "20 designs ki baat hui thi lekin ab 50 chahiye"
#: (review r32, scanner dev-r32).
_COUNT_RAISED = re.compile(
    r"\b(?:agreed|said|settled|quoted|discussed|decided|planned|hui|tha|thi)(?: on| for| to)? "
    r"(?P<old>\d[\d,]*) (?:[\w-]+ ){0,3}?(?:but|lekin|magar|par),? (?:[\w-]+ ){0,4}?"
    r"(?:now |ab |actually )?(?:needs?|wants?|requires?|chahiye|chahte|chahta)(?: \w+)? "
    r"(?P<new>\d[\d,]*)\b"
)


def _count_raised(sentence: Sentence) -> Hit | None:
    """A count agreed in the past and a larger one needed now (the price kept elsewhere)."""
    for match in sentence.all(_COUNT_RAISED):
        old, new = (int(match.group(g).replace(",", "")) for g in ("old", "new"))
        if new > old and not sentence.negated(*match.span()):
            return Hit(FindingCode.SCOPE_CREEP, *sentence.span(match), Confidence.HIGH)
    return None


def _creep_in(sentence: Sentence, *, priced: bool, small: bool) -> Hit | None:
    code = FindingCode.SCOPE_CREEP
    if (sentence.past() and not sentence.first(_BUT_NOW)) or _no_more_work(sentence):
        return None
    for match in sentence.all(_THROWN_IN):
        if not sentence.negated(*match.span()):
            return Hit(code, *sentence.span(match.span("verb")), Confidence.HIGH)
    work = _not_done(sentence, _NEW_WORK)
    thing = sentence.first(_WORK_THING)
    wants = sentence.asks() or bool(work)
    extra = _extra_named(sentence, work=work, thing=thing, wants=wants)
    if extra is not None:
        return extra
    for match in sentence.all(_SAME_PRICE):
        if sentence.negated(*match.span()) and "not in the" not in match.group():
            continue
        if work:
            return Hit(code, *sentence.span(match), Confidence.HIGH)
    addition = sentence.first(_ADDITION)
    creating = _not_done(sentence, _CREATE)
    if (
        addition
        and work
        # What is added need not be named when the message both plays it down and keeps
        # the price ("the same analysis for 2023 as well, shouldn't take long ... within
        # the current milestone").
        and (thing or creating or (priced and small))
        and (priced or small)
        and wants
        and not sentence.negated(*work.span())
    ):
        return Hit(code, *sentence.span(addition, work), Confidence.HIGH)
    return _played_down(sentence, creating=creating, thing=thing, priced=priced and small and wants)


def _played_down(
    sentence: Sentence,
    *,
    creating: re.Match[str] | None,
    thing: re.Match[str] | None,
    priced: bool,
) -> Hit | None:
    """A thing to create, with no "also", asked for as small and with the price kept.

    For example a tiny favour to add a dark mode toggle to the dashboard, with the budget
    said to stay where it is (review r31, scanner dev-r31).
    """
    if creating and thing and priced and not sentence.negated(*creating.span()):
        return Hit(FindingCode.SCOPE_CREEP, *sentence.span(creating, thing), Confidence.HIGH)
    return None


_CREEP_ANCHOR = anchor(
    (_STRONG_CREEP, _SAME_PRICE, _ADDITION, _FREE_EXTRA, lex.SMALL_ASK, _COUNT_RAISED),
)
_NEW_PAY_ANCHOR = anchor(
    (_NEW_PAY,),
)
_TRIAL_ANCHOR = anchor((TRIAL,))
_FREE_WORK_ANCHOR = anchor(
    (FREE_WORK,),
)
_EXTRA_ANCHOR = anchor((re.compile(r"\b(?:extra|additional)\b"),))
_SAME_PRICE_ANCHOR = anchor(
    (_SAME_PRICE,),
)
_SMALL_ASK_ANCHOR = anchor((lex.SMALL_ASK,))
_SMALL_ANCHOR = anchor(
    (_SMALL,),
)


def scope_creep(message: Message) -> Hit | None:
    """SCOPE_CREEP: more work at the same price, over the whole message."""
    candidates = message.holding(_CREEP_ANCHOR)
    first = next(candidates, None)
    if first is None:
        return None
    if any(message.has(a) for a in (_NEW_PAY_ANCHOR, _TRIAL_ANCHOR)):
        return None
    if message.has(_FREE_WORK_ANCHOR) and not message.has(_EXTRA_ANCHOR):
        return None  # free work as a trial is START_BEFORE_FUNDING's; "extra ... for free" is ours
    priced = message.has(_SAME_PRICE_ANCHOR)
    # The extra is played down in its own sentence or after it ("Please also add a FAQ page.
    # It's a quick one."), not by a word about something else before it ("Thanks for the
    # quick reply. We also need a reports page."), nor by the writer's business called
    # small ("we are a small team and also need a tester later").
    small_at = [s.offset for s in message.holding(_SMALL_ANCHOR) if _plays_down(s)]
    # ... or by the request itself called small, in the sentence before ("Small request.
    # Please also add a FAQ page.") or in its own ("ek choti si guzarish hai, saath mein 3
    # banners bhi bana dein", review r26).
    small_asks = list(message.holding(_SMALL_ASK_ANCHOR))
    asked_small = {s.offset for s in small_asks}
    # The request after one called small need hold no word of the anchor: "Small favour.
    # Please add a language switch to the app." (review r35).
    read = {s.offset: s for s in (first, *candidates)}
    for asked in small_asks:
        after = message.following(asked)
        if after is not None:
            read.setdefault(after.offset, after)
    return best_hit(
        (_count_raised(s) if priced else None)
        or _creep_in(
            s,
            priced=priced,
            small=any(at >= s.offset for at in small_at)
            or s.offset in asked_small
            or _after_small_ask(message, s, asked_small),
        )
        for s in sorted(read.values(), key=lambda s: s.offset)
    )


def _plays_down(sentence: Sentence) -> bool:
    """Whether a word of :data:`_SMALL` in *sentence* plays work down.

    "Small" said of the writer's business ("we are a small team", "a small shop
    owner") introduces the writer; it says nothing of the work (review r25).
    """
    business = {m.start() for m in sentence.all(lex.SMALL_BUSINESS)}
    return any(m.start() not in business for m in sentence.all(_SMALL))


def _after_small_ask(message: Message, sentence: Sentence, asked_small: set[int]) -> bool:
    """Whether the sentence before *sentence* calls the request small ("Small request.")."""
    before = message.preceding(sentence)
    return before is not None and before.offset in asked_small


#: The work said to be in what was agreed: "it's part of the brief we agreed", "as in the
#: brief" (not "it wasn't part of the brief").
_IN_SCOPE = re.compile(
    r"(?<!n't )(?<!not )(?<!never )\b(?:part of|in|within) the (?:original |agreed )?(?:brief|"
    r"scope|spec|quote)(?: (?:we|you) (?:agreed|quoted|signed))?\b(?! but\b)|\bas in the brief\b"
)


def scope_paid_for(text: str) -> bool:
    """Whether normalised *text* prices the extra work or places it in the agreed scope.

    "I'll make a new milestone for the extra page", "it's part of the brief we
    agreed": the rules find no scope creep there, and the model, which reads
    "too" and "extra" but not what pays for them, may not add it either.
    """
    if _NEW_PAY_ANCHOR.keys.search(text) and _NEW_PAY_ANCHOR.pattern.search(text):
        return True
    if _IN_SCOPE.search(text) is None:
        return False  # most messages place nothing in the brief and are not cut again
    message = Message(text, outgoing=False)
    return not any(s.negated(*m.span()) for s in message.sentences for m in s.all(_IN_SCOPE))


def small_said_of_the_writer(text: str) -> bool:
    """Whether the only "small" of normalised *text* is the writer's business.

    "We are a small team and also need someone for testing later", "We're a
    small agency in Lahore. We also need a careers page.": an introduction. The
    model, which reads "small" and "also" but not what "small" is said of, may
    not add ``SCOPE_CREEP`` there.  With the price kept, more work named
    outright, another word that plays the work down, or the request called
    small, it may (review r25).
    """
    if lex.SMALL_BUSINESS.search(text) is None:
        return False  # most messages introduce no small business and are not read again
    business = {m.start() for m in lex.SMALL_BUSINESS.finditer(text)}
    return not (
        any(m.start() not in business for m in _SMALL.finditer(text))
        or _SAME_PRICE.search(text)
        or _STRONG_CREEP.search(text)
        or _FREE_EXTRA.search(text)
        or lex.SMALL_ASK.search(text)
    )
