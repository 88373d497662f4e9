"""The words of starting before funding: the start, the work, the funding and its delay.

The vocabulary :mod:`._funding`'s rules combine: what asks for the start or
the work, what funds (or puts the funding off), and the wordings that clear
a finding (the funding already done, paperwork, an hourly contract, a
question rather than a request).
Every pattern is a set of alternatives between word boundaries, with bounded
repetition only, so a search is linear in the length of the text.
"""

from __future__ import annotations

import re

START = re.compile(
    r"\b(?:start|starting|staart|strat|begin|beginning|get started|go ahead|proceed|"
    r"kick off|get going|get to work|carry on|keep working|keep going|continue working|"
    r"continue with|continue the work|work on|dive in|jump in|work first|"
    r"shuru|start kar\w{0,6}|kaam (?:abhi |ab |jaldi |pehle )?kar\w{0,6}|kaam jaari|"
    r"jaari rakh\w{0,4}|lag ja\w{0,4}|"
    r"get started|start working|get cracking|crack on|get moving|go for it|"
    r"get (?:the |it |this |things )?(?:\w+ ){0,2}going|karte rah\w{0,4}|"
    r"keep (?:at it|on it)|get on with|"
    # A start ahead of the rest: "get a head start on the schema" (review r33, scanner dev-r33).
    r"(?:get|getting|make|making) (?:a )?head[ -]?start)\b"
)
WORK_ASK = re.compile(
    r"\b(?:make|create|design|write|build|(?<!\bkar )(?<!\bde )do|edit|push|finish|complete|"
    r"transcribe|translate|knock out|whip up|crank out|bang out|churn out|bash out|rattle off|"
    r"dash off|hammer out|nikal(?= (?:do|dein|dijiye|dena)\b)|"
    # The work outlined first: "rough out the data model" (review r34, scanner dev-r34).
    r"rough out|sketch out|map out|block out|mock up|"
    r"code|draft|redesign|fix|prepare|produce|put together|throw together|deliver|"
    r"send (?:over )?(?:me |us )?(?:the|a|your) (?:first |initial )?(?:draft|"
    r"design|logo|work|files?|sample|article|version|mockup|screens?)|"
    r"bana\w{0,4}|likh\w{0,5}|kar ?ke (?:bhej|dikha)\w{0,5}|dikha\w{0,4}|"
    r"(?:mukammal|poora|pura) kar ?ke (?:bhej|dikha)\w{0,5}|(?:mukammal|poora|pura) kar\w{0,5}|"
    r"have (?:\w+ ){0,4}ready|get (?:\w+ ){0,3}ready|"
    # The work's ground laid: "set up the repo and the database schema".
    r"set ?up kar(?:ein|ke|o| lein| dein| do)|"
    r"set ?up (?:the |a |an |our |my )?(?:\w+ )?(?:repo|repository|database|db|schema|server|"
    r"backend|frontend|codebase|project|environment|pipeline|store|shop|theme|app)|"
    r"(?:i|we) (?:need|want) (?:\w+ ){0,5}(?:done|translated|written|designed|built|made|ready|"
    r"delivered|finished|completed|edited|coded)|"
    r"(?:designs?|articles?|samples?|logos?|drafts?|files?|pages?|kaam|screens?) (?:\w+ )?"
    r"(?:bhej\w{0,4}|dikha\w{0,4})|"
    # Any task done "till then", in Roman Urdu: "tab tak 10 products list kar do", "jab tak
    # main fund karun, is dauran thumbnails bana do" (scanner r40).
    # Waiting "till then" is no work: "tab tak intezar karein" (scanner r43).
    r"(?:tab tak|is dauran) (?!(?:[\w$%-]+ ){0,5}?(?:intezar|intizar|wait|aram|araam)\b)"
    r"(?:[\w$%-]+ ){1,5}?(?:kar (?:do|dein|dijiye|dena)|karo|karein|kariye|kijiye)|"
    # ... also a thing made for oneself, further on: "tab tak aap API docs ka outline abhi se
    # bana lo" (scanner r43).
    r"(?:tab tak|is dauran) (?:[\w$%-]+ ){1,10}?(?:bana|likh|tayyar|tayar)\w{0,3} (?:lo|lein|"
    r"lijiye))\b"
)
DIRECTED_BEFORE = re.compile(
    r"(?:\b(?:can|could|would|will) (?:you|u)(?: \w+)?|\bplease|\bkindly|\bjust|\bpls|"
    r"\byou (?:can|should|need to|must|could)(?: \w+){0,2}|\bwould you mind|\bi need you to|"
    r"\bi want you to|\bis it (?:ok|okay|fine|alright|possible) (?:if|for) (?:you|u)(?: to)?|"
    r"\bdo you mind|(?<!never )(?<!nevermind )\bmind|\bare you (?:able|ok|okay|happy|willing) to|"
    r"\bfor now(?: just)?|\b(?:aap|tum|tu|aap log)(?: \w+){0,5}|\bthen|\bfirst|"
    r"\bpehle(?: \w+){0,2})"
    # An adverb between the request and the verb: "please also finish the templates" (scanner
    # r41).
    r"(?:\s+(?:also|just|quickly|now|first|then|still|actually|go ahead and))?\s*$"
)
DIRECTED_AFTER = re.compile(
    r"(?:\w{0,6}\s?(?:ke |kar |\w+ )?)?(?:bhej|dikha|dein|do|dijiye|karein|kar dein|kar do|"
    r"karo|kar lo|kar lein|kariye|rakhein|kijiye)\b"
)
FUND = re.compile(
    r"\b(?:fund|funds|funding|funded|escrow|milestone|milestones|contract|offer|payment|pay|"
    r"deposit|money|hire|hiring|paise|raqam|budget|budgets|formali[sz]e|finance|card|formalities|"
    r"paperwork|upwork side|upwork part|upwork stuff|purchase order|procurement|requisition|"
    r"(?:invoice|vendor|budget) approval|"
    # Our own PO, not the POs a report lists: "our PO hasn't cleared".
    r"(?:(?<=\bour )|(?<=\bmy )|(?<=\bthe ))po)\b"
)
LATER = re.compile(
    r"\b(?:later|afterwards|after|once|when|tomorrow|tonight|next week|next month|"
    r"in a (?:few|couple of) days|soon|by (?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|the weekend|the end)|end of (?:the )?(?:week|month)|will come|"
    r"will follow|can wait|in the morning|this week|weekend|pending|not (?:yet )?(?:approved|"
    r"ready|verified|working|set up|created|funded)|isn't (?:approved|ready|funded)|"
    r"being (?:verified|processed|approved)|slow to approve|declined|giving me issues|"
    r"(?:hasn'?t|has not|haven'?t|not|isn'?t|not yet) (?:\w+ )?(?:cleared|come through|"
    r"gone through)|"
    r"baad mein|baad|kal|raat ko|agle|jab|until|in the meantime|meanwhile|for now|anyway|"
    r"abhi nahi|nahi bana sakta|kaam nahi kar raha|weird|blocked|kuch din|chand din|"
    r"few days|couple of days|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"lands|closes|comes through|goes through|clears|gets approved|approved next|"
    # A later time of day, a count of days, a date or payday: "I'll fund it this evening",
    # "in 2 days", "on 3 March", "on payday".
    r"(?:this|in the) (?:evening|afternoon)|in \d{1,3} (?:days?|hours?|weeks?)|"
    r"in a (?:day|week|month)|payday|on (?:the )?\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|"
    r"apr|may|jun|jul|aug|sep|oct|nov|dec)\w{0,6}|"
    r"nahi bana\w{0,4}|nahi karunga|nahi bhej\w{0,4}|baad mein|jaise hi|hote hi|"
    # The offer or contract still to come, in Roman Urdu or with its day: "offer Monday ko
    # aaye gi", "contract parson aa jayega", "the contract will be sent Monday" (review r30).
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|parson|parso) ko|"
    r"aa(?:ye|ey|e) ?g[aie]|aa jaye ?g[aie]|(?:will be )?(?:sent|out|ready) (?:on )?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"verify ho\w{0,4}|waiting (?:on|for)|right after|comes|approves?|thori der|kuch der|"
    r"tab tak|till then|until then|in a bit|in a while|shortly|in an hour|"
    # The funding still being arranged: "while I sort out the funding", "I'm arranging the
    # funds", "funding ka intezam kar raha hun" (not "I've sorted out the funding").
    r"while (?:i|we) (?:sort|arrange|organi[sz]e|figure|set up|get)\w{0,3}|"
    r"(?:i'?m|i am|we'?re|we are|still|currently) (?:still |currently )?(?:sorting|arranging|"
    r"organi[sz]ing|figuring|setting up)|(?:intezam|bandobast) (?:kar|ho) rah\w{0,2}|"
    # An approval still under way: "still approving the vendor", "stuck with finance",
    # "approval takes two weeks".
    r"still (?:approving|processing|reviewing|pending)|stuck|takes? (?:\w+ ){0,2}(?:days|weeks)|"
    r"(?:card|payment|billing|verification|bank) (?:issues?|problems?)|issues? with (?:my|the) "
    r"(?:card|payment|account|bank)|"
    r"if (?:i|we) like|if it looks|before (?:i|we) (?:know|see|decide|check)|on the 1st|"
    # A day of the month ahead: "I'll fund everything by the 20th", "after the 5th".
    r"(?:by|on|after|from|around) the \d{1,2}(?:st|nd|rd|th)|"
    # Not able to fund now: "I can't fund the milestone yet", "haven't funded it yet".
    r"(?:can'?t|cannot|unable to|not able to|haven'?t|have not) (?:\w+ )?fund\w{0,3}(?: \w+){0,3}? "
    r"yet|"
    r"talk about|dekhte hain|uske baad|us ke baad|pasand aay\w{0,2}|acha lag\w{0,2}|"
    # The money settled at the end, or talked of once the work is liked: "we'll sort the money
    # at the end", "if the boss likes it we'll talk budget", "end mein" (review r29).
    r"at the end|in the end|end mein|aakhir mein|akhir mein|"
    r"talk (?:budget|money|price|pricing|rates?|payment)|"
    r"if (?:\w+ ){1,2}(?:likes?|loves?|approves?) (?:it|them|this|that)|"
    r"agar (?:acha|pasand|theek)|"
    r"if (?:it'?s|its|they'?re) good|if satisfied|"
    r"(?:before|ahead of) (?:i|we) (?:\w+ )?(?:fund|put|deposit|add|create|send|open|set up|"
    r"release|pay)\w{0,3}|ahead of (?:the )?(?:funding|escrow|contract|offer|deposit|payment))\b"
)
FUNDED_ALREADY = re.compile(
    r"\b(?:is|are|has been|have been|was|already|now|i've|i have|we've|just) funded\b|"
    r"\bfunded (?:it|the|milestone|already|now|just now|and)\b|\bfund kar diya\b|\bfund ho gaya\b|"
    r"\bfund ho chuka\b|\bdeposited\b|\b(?:is|are|now|already|it's) in escrow\b|"
    r"\bescrow mein (?:hai|daal)\w{0,4}\b|\balready (?:sent|created)\b|"
    r"\bhas been (?:sent|created)\b|\bfunds? (?:is|are) (?:in|there)\b|\bcurrent milestone\b|"
    # The Roman-Urdu stative: "milestone fund hai", "funded hain", "escrow mein paise hain"
    # (not the question "fund hai ya nahi?").
    r"\bfund(?:ed)? (?:hai|hain|he)\b(?! ya\b| kya\b| ke nahi\b)(?!\s*\?)|"
    r"\bescrow (?:mein|me|main) (?:paise|funds?|payment|raqam|amount) (?:hai|hain|aa gaye|"
    r"aa gayi|pare|para)\b(?! ya\b)(?!\s*\?)|"
    # Funding under way as the writer speaks: "milestone abhi fund kar raha hoon", "I'm
    # funding it right now" (not "I'm funding it next week") (scanner r40).
    # Not when work is asked for "till then" in the same sentence: "abhi fund kar raha hoon,
    # tab tak kaam shuru kar do" asks for work before it shows funded (red team r40, second
    # pass 5).
    r"(?:\b(?:abhi|ab|now|right now) (?:\w+ )?fund kar (?:raha|rahi|rahe) (?:hoon|hun|hu|hain)\b|"
    r"\b(?:i'?m|i am|we'?re|we are) funding (?:[\w']+ ){0,3}?(?:right now|now|as we speak)\b)"
    r"(?![^.!?\n]*\b(?:tab tak|is dauran|meanwhile|in the meantime|until then|till then)\b)"
)
#: What may stand between "I'll fund" and "and you can start" for the start to follow the
#: funding: the thing funded, nothing else ("I'll fund milestone 1 and you can start"); any
#: other word may put the funding off ("on the 15th", "afterwards", "agle hafte").
FUNDED_THING = (
    r"(?: (?:it|them|this|that|the escrow|escrow|(?:the |your |our )?(?:first |next |1st )?"
    r"milestone(?: (?:1|one|\d))?|the (?:first|next) one))?(?: on upwork)?"
)
START_AFTER_FUNDING = re.compile(
    r"\b(?:start|begin|work|kaam|proceed|go ahead|kick off|get started|dive in|jump in)\w{0,4}\b"
    r"(?: \w+){0,6}? (?:once|after|when|until|as soon as|jab|only after|only when)\b"
    r"(?: [\w']+){0,5}? (?:fund\w{0,3}|escrow|milestone|contract|offer|hire|accept\w{0,3})|"
    # The Roman Urdu order: "jab funded dikhe to kaam shuru kar dein".
    r"\bjab\b(?: \w+){0,3}? fund\w{0,4}\b(?: \w+){0,3}? (?:to|tab|phir)\b(?: \w+){0,2}? "
    r"(?:shuru|start)|\b(?:fund\w{0,3}|milestone|contract|offer) (?:hone|"
    r"ho jane|karne|milne|aane) ke baad\b|\b(?:wait|hold off|hold on|don't start|do not start|"
    r"not start|before you start)\b|\bstart(?:ing)? (?:date|on monday|next)\b|"
    r"\bstart (?:whenever|when) you(?:'re| are) ready\b|"
    r"\bfund\w{0,3}\b.{0,40}\b(?:then|phir|uske baad|us ke baad|after that|and then)\b.{0,30}"
    r"\b(?:start|begin|shuru|kaam)\w{0,6}|\bonly when you see the funds\b|"
    # The funding first, the start after it: "I'll fund the milestone now, please start after
    # that" (not "start now and finish after that": no "now" between).
    r"\b(?:fund\w{0,3}|escrow|deposit\w{0,3})\b.{0,60}\b(?:start|begin|proceed|shuru)\w{0,6}"
    r"(?: (?!now\b|today\b|abhi\b|immediately\b|right\b)\w+){0,2}? (?:after that|after this|"
    r"after it|once (?:that|it|this)\b|when (?:that|it|this)\b|uske baad|us ke baad)|"
    # The funding first, the work after it: "I'll fund milestone 2 tomorrow; after that,
    # please build the dashboard", "after I fund the milestone on Monday", "once the contract
    # starts", "you can start then".
    r"\b(?:i|we)(?:'ll| will)? fund\w{0,3}\b[^.?!]{0,40}\b(?:after that|and then|then)\b,? "
    r"(?:please |you can |can you |just )?(?:start|begin|build|make|write|design|do|knock out|"
    r"whip up|crank out|bang out|churn out|create)\b|"
    r"\b(?:after|once|when) (?:i|we)(?:'ve| have)? fund\w{0,3}\b|"
    r"\b(?:once|when|after) the (?:contract|milestone) (?:starts|is (?:live|active|signed|open))\b|"
    r"\byou can (?:start|begin) (?:then|after that|right after|once (?:it'?s|it is|it shows as) "
    r"funded)\b|\b(?:start|begin) once (?:it'?s|it is|that'?s|that is) (?:done|funded|in|there|"
    r"through)\b|"
    # The funding first, the start joined to it: "once you accept, I'll fund milestone 1 and
    # you can start", "I'll fund it today and you can start tomorrow" (not "... and you can
    # start now" after a funding put off; "today" only after a funding done today).
    r"\b(?:i|we)(?:'ll| will| am going to| are going to)? fund\w{0,3}\b"
    + FUNDED_THING
    + r" (?:now|today|right away|immediately),? and (?:then )?(?:you|u) (?:can|may|could) "
    r"(?:start|begin|get started)\b(?! (?:right )?now\b| immediately\b| right away\b| asap\b|"
    r" abhi\b| in the meantime\b| meanwhile\b)|"
    r"\b(?:i|we)(?:'ll| will| am going to| are going to)? fund\w{0,3}\b"
    + FUNDED_THING
    + r"(?: right after(?: (?:i|we) send (?:you )?the offer| you accept(?: it| the offer)?)?)?,? "
    r"and (?:then )?(?:you|u) (?:can|may|could) (?:start|begin|get started)"
    r"\b(?! (?:right )?now\b| immediately\b| right away\b| asap\b| abhi\b| in the meantime\b|"
    r" meanwhile\b| today\b)"
)
#: Work asked for first, funding after: "do a draft and then I'll set up the contract".
WORK_THEN_FUND = re.compile(
    r"(?P<work>\b(?:start|begin|work|do|make|write|design|draft|build|send|deliver|finish|"
    r"complete|wrap up|dikha\w{0,3}|"
    r"bana\w{0,4}|likh\w{0,4}|kar ke|edit|translat\w{0,5}|need|review)\b.{0,60})"
    r"\b(?:then|phir|uske baad|us ke baad|"
    r"after that|and (?:then )?(?:i'?ll|we'?ll|i will|we will)|if (?:it|they) (?:looks?|are) "
    r"(?:good|right|fine))\b.{0,40}\b(?:fund\w{0,3}|contract|offer|milestone|escrow|"
    r"pay\w{0,4}|hire|order|denge|dunga|bhejta|bhejunga)\b"
)
#: Work asked for "first" (funding is then mentioned elsewhere in the message).
WORK_FIRST = re.compile(
    r"\b(?:work|kaam|start|do (?:it|this)|make|write|design)\b(?: \w+){0,4} first\b|"
    r"\bpehle (?:\w+ ){0,2}(?:kaam|design|bana\w{0,4}|likh\w{0,4}|kar (?:do|dein|ke)|sample)\b|"
    # The finished work handed over first: "send the final files first", "deliver the complete
    # files first", "pehle final files bhej do" (not "send me your portfolio first").
    r"\b(?:send|deliver|share|hand over)\w{0,2}(?: over)?(?: (?:me|us))?"
    r"(?: (?:the|all|your|all the|saari|sari))?(?: (?:final|finished|complete|completed|whole|"
    r"full|source|edited|logo|"
    r"design|video|ready))* (?:files?|logo|designs?|work|video|draft|article|code|website|"
    r"site|app|project)\b(?: \w+){0,2}? first\b|"
    r"\bpehle (?:\w+ ){0,2}(?:files?|draft|logo|video|website|code|article)(?: \w+)? bhej\w{0,4}"
)
#: Funding only after the work is seen: "I'll fund escrow after the first draft", "once you
#: finish I'll create the milestone".
FUND_AFTER_WORK = re.compile(
    r"\b(?:fund\w{0,3}|escrow|contract|offer|milestone|hire|money|payment)\b(?: \w+){0,4}? "
    r"(?:after|once|when|only after|only when|as soon as|jab|until)\b(?: [\w']+){0,5}? "
    r"(?:draft|sample|first version|progress|rough cut|results?|see|seen|check\w{0,3}|"
    r"like|approved?|happy|satisf\w{0,4}|done|finish\w{0,3}|complet\w{0,3}|deliver\w{0,3}|"
    r"launch|mvp|up and running|goes live|is live|"
    # Hiring after a thing built to be shown: "I'll hire you after you show me a working
    # prototype" (review r30, scanner dev-r30).
    r"prototype|proof of concept|poc|demo)\b|"
    r"\b(?:see|check|review|like|approve)\b(?: \w+){0,5}? before (?:we|i) (?:put|add|fund|"
    r"deposit|create|send|make|open|lock)\b(?: \w+){0,3}? (?:escrow|milestone|contract|offer|"
    r"funds?|money)\b|"
    r"\b(?:once|when|after|as soon as|jab)\b(?P<done>(?: [\w']+){0,4}? (?:finish\w{0,3}|"
    r"complet\w{0,3}|done|deliver\w{0,3})\b(?: \w+){0,4}?),? (?:i'?ll|i will|we'?ll|we will) "
    r"(?:fund|create|set up|add|open|make|put|deposit|send)\w{0,3}\b(?: \w+){0,3}? "
    r"(?:milestone|escrow|contract|offer|funds?)\b"
)
#: Paperwork, not work: "complete the form, then we'll open the contract".
PAPERWORK = re.compile(
    r"\b(?:onboarding|questionnaire|paperwork|verification|registration|kyc|nda|agreement|"
    r"application|proposal|interview|profile|contract|offer|"
    r"(?:complete|fill\w{0,3}(?: in| out)?) (?:the |this |our |a |an )?(?:\w+ )?forms?)\b"
)
#: The milestone handed in, approved or paid out: only a funded milestone is.
SUBMIT_MILESTONE = re.compile(
    r"\b(?:submit|approve|release)\w{0,3} (?:the |this |your |it |for )?(?:\w+ )?"
    r"(?:milestone|payment|escrow|funds)\b|"
    # The Roman-Urdu order, the verb after: "code review ke baad main milestone approve kar
    # dunga", "payment release karunga" (review r27, scanner).
    r"\b(?:milestone|payment|escrow|funds)\b(?: \w+)? (?:approve|release|submit)\w{0,3} "
    r"(?:kar|karo|karna|karunga|karungi|karenge|karein|ho|hogi|hoga)\b"
)
DELIVERED_BY_YOU = re.compile(r"\b(?:submit|approve|release|finish|complete|deliver)\w{0,3}\b")
NEXT_MILESTONE = re.compile(
    r"\b(?:next|second|another|following|new|doosra|dusra|doosre|dusre|agla|agle|teesra) "
    r"milestone\b|\bmilestone (?:[2-9]|two|three)\b|"
    r"\bthe (?:next|second|following) one\b"
)
NO_ESCROW = re.compile(
    r"\bwithout (?:a |the |any )?(?:milestone|escrow|contract|funding|offer)s?\b|"
    r"\bskip (?:the )?(?:escrow|milestone|contract)s?\b|"
    r"\bno need (?:for|of) (?:a |the |any )?(?:milestone|contract|escrow|offer)s?\b|"
    r"\b(?:milestone|contract|escrow) (?:ki |ka )?zaroorat nahi\b|"
    # Not needed, with "wagera" (and such) or the adjective: "milestone wagera zaroori nahi"
    # (review r33, scanner dev-r33).
    r"\b(?:milestone|contract|escrow)s? (?:(?:wagera|wagaira|waghaira|shagera|vagera) )?"
    r"(?:ki |ka )?(?:zaroori|zaruri|zaroorat|zarurat|lazmi) nahi\b|"
    # The making of it not needed: "milestone banane ki zaroorat nahi" (review r32).
    r"\b(?:milestone|contract|escrow|offer)s? (?:banane|bananay|create karne|set karne|"
    r"fund karne|bhejne) (?:ki |ka )?(?:zaroorat|zarurat|need) nahi\b|"
    r"\bbina (?:milestone|contract|escrow)\b|"
    # Not to be worried about: "escrow wagera ki tension na lo" (review r36, scanner dev-r36).
    r"\b(?:milestone|contract|escrow)s? (?:(?:wagera|wagaira|waghaira|shagera|vagera) )?"
    r"(?:ki|ka) (?:tension|fikar|fikr|chinta) (?:na|mat) (?:lo|lein|karo|karein|kijiye)\b|"
    # The milestone not to be made: "milestone mat banao, kaam shuru karo" (review r29).
    r"\b(?:milestone|contract|escrow|offer)s? (?:abhi )?(?:mat|na) (?:banao|banayen|banaiye|"
    r"bana|banana|karo|bhejo|bhejna|fund karo)\b|\b(?:milestone|contract|escrow) ke baghair\b|"
    r"\b(?:escrow|milestone|contract) can wait\b|\boutside (?:the )?contract\b|"
    r"\bskip (?:the )?(?:formalities|paperwork)\b|"
    r"\bno (?:contract|milestone|escrow|offer)s? (?:needed|required|yet|for now)\b|"
    # Refused for this job: "no milestones on this one please" (review r37, scanner dev-r37).
    r"\bno (?:milestone|escrow)s? (?:on|for) this\b(?!(?: (?:one|job|project|time))?,? yet\b)|"
    r"\bno (?:milestone|escrow)s?,? please\b|"
    r"\b(?:don'?t|do not) need (?:a |the |any )?(?:contract|milestone|escrow|offer)s?\b|"
    r"\b(?:contract|milestone|escrow|offer)(?: is|s are|s)? not (?:needed|required)\b|"
    # The writer's practice: "we don't use milestones", "I never do escrow".
    r"\b(?:we|i) (?:don'?t|do not|never) (?:use|do|work with|bother with) (?:milestones|escrow|"
    r"contracts)\b|"
    # Funding refused ahead of the work: "I don't fund milestones in advance", "we never
    # deposit upfront".
    r"\b(?:we|i) (?:don'?t|do not|never|won'?t|will not) (?:pre-?)?(?:fund|deposit)\w{0,3}"
    r"(?: (?:the |any |a )?(?:milestones?|escrow|funds?|money|payment|anything))? (?:in advance|"
    r"upfront|up front|beforehand|ahead of time)\b"
)
#: An hourly contract has no milestones: "it's hourly, no milestone needed" is no risk.
HOURLY = re.compile(r"\b(?:hourly|per hour|an hour|time tracker|work diary|tracked hours)\b")
#: Told not to wait for the funding itself: "don't wait for the milestone, start today",
#: "milestone ka wait mat karo".  The funding must be the whole object: "don't wait for the
#: milestone approval / the offer email / the contract to end" is about something else,
#: and the sentence (or the next) must ask for the start or the work.
NO_WAIT = re.compile(
    r"\b(?:(?:don'?t|do not|no need to|never mind|why) (?:wait(?:ing)?|hold(?:ing)? off) "
    r"(?:for|on)|forget(?: about)?) (?:the |a |any |your )?(?:milestone|funding|escrow|contract|"
    r"offer|deposit)s?(?=\s*(?:[,.;:!?)\u2013\u2014-]|$|(?:for now|for the moment|yet|first|"
    r"and|just|to (?:be )?(?:funded|created|set up|come|clear|go through))\b))|"
    r"\b(?:milestone|funding|escrow|contract|offer)(?: \w+)? (?:ka|ki|ke) (?:intezar|wait) "
    r"(?:na|mat)\b|"
    # ... or for the writer's own funding: "don't wait until I fund it" (diff review r41, 4).
    r"\b(?:don'?t|do not|no need to) wait (?:until|till|for) (?:i|we) (?:fund|deposit)\w{0,3}\b"
)
RELEASE = re.compile(
    # Not "still approving the budget": an approval still to come is no release.
    # "releases" with the money as its object, as escrow does: "holds the funds and releases
    # them when I approve" (not "our investor releases the next tranche"; review r38).
    r"\b(?:release|releasing|released|approve the (?:milestone|payment)|(?<!still )approving|"
    r"releases (?:them|it|the (?:money|funds|payment)|payment|funds))\b"
)
#: Paperwork as the thing asked for, not the work: "draft the milestone description", "write
#: the scope".
PAPER_OBJECT = re.compile(
    r"(?: (?:the|a|an|your|our|up|me|us|this|that))?(?: \w+)? (?:milestone (?:description|"
    r"descriptions|plan|breakdown|titles?|list)|scope|quote|estimate|proposal|timeline|"
    r"requirements?|questions?)\b"
)
#: The contract ended or closed, not funded: "I'll end the contract once the last one is approved".
CLOSED_BEFORE = re.compile(
    r"\b(?:end|ending|close|closing|cancel\w{0,3}|terminat\w{0,3}|wrap up)(?: (?:the|this|our))? $"
)
#: The same in Roman Urdu, the verb after: "contract close kar do jab approve ho".
CLOSED_AFTER = re.compile(r"(?:contract|offer|milestone) (?:close|end|khatam|band)\b")
#: Feedback on the contract, not its funding: "I'll leave feedback on the contract once you
#: deliver".
FEEDBACK_BEFORE = re.compile(
    r"\b(?:feedback|review|rating|recommendation|testimonial)s? (?:on|for|about) "
    r"(?:the |this |our )?$"
)
#: The work finished is the contract that already exists: "a new offer for phase 2 once you
#: complete this contract" (a follow-on, the current one funded).
THIS_CONTRACT_DONE = re.compile(
    r"\b(?:complet|finish|deliver|done|wrap)\w{0,3} (?:with |up )?(?:this|the current|"
    r"the present|our current) (?:contract|milestone|project|job|one|phase)\b"
)
#: The reader is the one who reviews: "could you review the scope before I fund it".
YOU_BEFORE = re.compile(r"\b(?:you|u)(?: \w+)? $")
#: This milestone handed in first, the next one funded after: "after you submit this one".
THIS_ONE_FIRST = re.compile(
    r"\b(?:submit|deliver|finish|complete|approve)\w{0,3} (?:this|the current|the first|it)\b|"
    r"\bthis one\b"
)


#: A Roman-Urdu command that ends the work asked for: "kaam mukammal kar ke bhejo", "pura
#: design kar ke dikhao" (what comes before it, "pura kaam", is its object, not its subject),
#: or the start itself: "aaj se kaam pe lag jao" (review r32, scanner dev-r32).
URDU_COMMAND_END = re.compile(
    r"\b(?:bhejo|bhejein|bhejiye|bhejen|dikhao|dikhaiye|dikhayen|"
    r"lag ja(?:o|ein|en|aen|aiye|yen|yein))$"
)


#: A question about what the reader does, not a request: "do you also make stickers?".
ABILITY_QUESTION = re.compile(r"(?:do|does|did) (?:you|u)\b")
