"""Crisis-language screen, rule layer: does a message suggest its writer is at risk?

Rules, so a moderator can see why a message was flagged and an engineer can
see why it was not; the learned layer (``crisis_model``) catches what they miss,
and ``risk.screen_crisis`` combines the two. The signals follow the C-SSRS screener and
Crisis Text Line's findings (plans and means predict an emergency better than
the word "suicide"); the guards exist because this audience talks about death
all day: patients, idioms, teaching, memorials, other people, negation.

How it works: the text is normalised (case, curly apostrophes) and other
people's quoted words are blanked. Each rule is a phrase pattern; every match
must then survive clause-level checks: a negation just before it, whose state
it describes, a reported question, a past episode, a joke, or a word being
mentioned rather than used. "Vague" rules (a plan, "do it", writing a will)
count only when something else in the message supports them.

Speed: each rule names gate words that any match must contain. The message's
words pick the rules worth running, and each of those searches only the
sentences holding its gate words, so a long story costs about a millisecond.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum

from bot.core.screening.results import RANK, CrisisLevel, CrisisResult, Signal

_U = CrisisLevel.URGENT
_C = CrisisLevel.CONCERN

# What a moderator reads in the queue: plain words, never method detail.
_SIGNALS: dict[str, Signal] = {
    s.code: s
    for s in (
        Signal("suicidal_thoughts", _U, "talks about killing themselves or feeling suicidal"),
        Signal("wish_dead", _U, "wishes they were dead or would not wake up"),
        Signal("intent", _U, "says they intend or have decided to end their life"),
        Signal("plan", _U, "mentions a plan, a date or how they would do it"),
        Signal("method", _U, "thinks about a specific way of dying"),
        Signal("means_access", _U, "talks about having access to drugs or keeping them for themselves"),
        Signal("lethal_amount", _U, "knows or has looked up how much it would take"),
        Signal("took_overdose", _U, "says they have just taken a large amount of medication"),
        Signal("pill_emoji", _U, "uses the pill emoji about themselves"),
        Signal("self_harm", _U, "talks about hurting themselves"),
        Signal("slang", _U, "uses slang for suicide ('{term}')"),
        Signal("goodbye", _U, "says goodbye or that this is their last post"),
        Signal("preparing", _U, "mentions preparations: giving things away, letters, a will"),
        Signal("not_here", _U, "says they won't be here, or don't want to be here, anymore"),
        Signal("burden", _U, "says others would be better off without them"),
        Signal("hopeless", _C, "sounds hopeless ('what's the point', nothing will get better)"),
        Signal("overwhelmed", _C, "says they can't go on or can't cope"),
        Signal("numb", _C, "feels numb, empty or on autopilot"),
        Signal("drinking", _C, "drinking or using drugs to cope"),
        Signal("intrusive", _C, "can't stop seeing or replaying what happened"),
        Signal("sleep", _C, "hasn't slept properly for weeks"),
        Signal("worthless", _C, "feels worthless, a failure, or hates themselves"),
        Signal("isolated", _C, "feels alone with it"),
        Signal("low_mood", _C, "feels very low or cries every day"),
        Signal("escape", _C, "wants to disappear or escape everything"),
    )
}

_DRUG_NAMES = (
    r"pills? tablets? tabs meds medications? medicines? doses? vials? ampoules? amps patches painkillers para"
    r"cetamol acetaminophen tylenol ibuprofen aspirin co-?codamol codeine tramadol morphine oramorph oxycodon"
    r"e oxycontin oxys? fentanyl diamorphine methadone buprenorphine opioids? opiates? insulin potassium kcl "
    r"digoxin amitriptyline nortriptyline sertraline citalopram fluoxetine mirtazapine venlafaxine quetiapine"
    r" olanzapine lithium diazepam lorazepam midazolam temazepam benzos? zopiclone zolpidem propranolol metop"
    r"rolol bisoprolol warfarin sux\w* propofol ketamine barbiturates? antidepressants? colchicine cds? valium "
    r"ambien seroquel xanax sleepers roxanol antipsychotics? sedatives? capsules? gabapentin pregabalin phenobarb\w* "
    r"endone oxynorm ativan"
)


def _by_first_letter(names: str) -> str:
    """An alternation grouped by first letter: the engine then rejects most positions after one comparison."""
    groups: dict[str, list[str]] = {}
    for name in names.split():
        groups.setdefault(name[0], []).append(name[1:])
    return "(?:" + "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items()) + ")"


# Shared pieces, spliced into patterns as <NAME> so each rule reads as a phrase.
_FRAGMENTS: dict[str, str] = {
    "MYSELF": r"(?:my\s?self|meself|myslef)",
    "DONT": r"(?:don'?t|do\s+not)",
    "CANT": r"(?:can'?t|cannot|can\s+not|unable\s+to)",
    "IM": r"(?:i'?m|i\s+am)",
    "WANT": r"(?:want|wanna|wanted|wanting|wish|wished|wishing)",
    # Thinking about or leaning towards an act: methods count only inside such a frame.
    "THINK": (
        r"(?:think\w*|thought\w*|dream\w*|fantasi[sz]\w*|imagin\w*|picturing|consider\w*|contemplat\w*"
        r"|want\w*|wanna|gonna|going|could|might|tempted|urges?|plan\w*|keep)"
    ),
    "PREP": r"(?:about\s+|of\s+|abt\s+|to\s+|on\s+)?(?:just\s+)?",
    # After "my last post": not the last one in a role the writer is leaving ("my last post as a nurse").
    "NOT_AS_ROLE": (
        r"(?!\s+as\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:nurse|doctor|paramedic|midwife|student|trainee|resident|intern|hca"
        r"|medic|sho|registrar|reg|gp|pharmacist|emt|consultant|member|mod|moderator|traveller|traveler)\b)"
    ),
    # A high or dangerous place, as the end of its noun phrase ("the railway", not "the railway museum").
    "PLACE": (
        r"(?:bridge|footbridge|viaduct|tracks?|railway(?:\s+line)?|train\s+line|platform|ledge|roof|railings?|cliffs?|bend"
        r"|multi-?\s*stor(?:e)?y|multistorey"
        r"|car\s*park|(?:rail|level|railway)\s+crossing|overpass|flyover|parking\s+(?:building|garage))\b(?=\s*(?:$|[^\w\s']"
        r"|(?:again|near|by|at|on|in|over|for|after|before|when|and|the|tonight|today|this|every|at|behind|above|like"
        r"|where|with|until|till|on)\b))"
    ),
    # Signs of going back again and again: "third time this week", "closer each time", "leaned over".
    "REPEATED": (
        r"(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth)\s+(?:time|night|day|evening)|times?\s+(?:this\s+week|today)|closer"
        r"|every\s+night\s+(?:this\s+week|for)"
        r"|lean(?:ed|ing|t)\s+(?:over|right|a\s+bit)|last\s+(?:two|three|few|\d)\s+nights|keep\s+going\s+back"
        r"|when\s+trains\s+come|no\s+barrier|(?:\d|four|five|three)\s+times|didn'?t\s+brake|nights?\s+in\s+a\s+row"
        r"|leg\s+over"
    ),
    # After "end it": not a relationship ending, even told in two sentences ("end it tonight. With him.").
    "NOT_BREAKUP": (
        r"(?![\s.,!]+(?:(?:tonight|today|tomorrow|soon|now|properly|for\s+good)[\s.,!]+)?with\s+(?:my\s+)?(?:him|her"
        r"|them|boyfriend|girlfriend|bf|gf|partner|husband|wife|fianc\w*|ex)\b)"
    ),
    # "If I died / didn't exist / didn't wake up" and a welcoming word around it: passive wish to be dead.
    "IF_GONE": (
        r"if\s+i\s+(?:just\s+)?(?:died|was\s+dead|were\s+dead|was\s+gone|were\s+gone|didn'?t\s+exist"
        r"|did\s+not\s+exist|wasn'?t\s+(?:here|around|alive)|weren'?t\s+(?:here|around|alive)"
        r"|don'?t\s+wake\s+up|didn'?t\s+wake\s+up|never\s+woke\s+up|never\s+wake\s+up)"
    ),
    "WELCOME": (
        r"(?:fine|ok|okay|alright|good\s+thing|relief|better|happier|wouldn'?t\s+(?:mind|care)|nobody"
        r"|no\s+one|not\s+(?:mind|care))"
    ),
    "COPE": (
        r"(?:cope|sleep|forget|switch\s+off|get\s+(?:to\s+sleep|through)|numb|block|stop\s+(?:thinking"
        r"|feeling)|knock\s+<MYSELF>\s+out|feel\s+(?:nothing|normal|better)|take\s+the\s+edge)"
    ),
    "BOTTLES": r"(?:bottles?|glasses|cans|pints)\s+of\s+\w+\s+(?:a|every|each|per)\s+(?:night|day|evening)\b",
    "DRUG": _by_first_letter(_DRUG_NAMES),
    # After "what's the point" and the like: only the bleak readings, not "the point of this form".
    "POINT_TAIL": (
        r"(?=\s*(?:$|[^\w\s']|anymore|any\s+more|any\s+longer|even|of\s+(?:even\s+)?(?:anything|any\s+of"
        r"|it\s+all|trying|going\s+on|living|life|me\b|carrying\s+on)|in\s+(?:even\s+)?(?:anything|any\s+of"
        r"|trying|going\s+on|carrying\s+on|living)|to\s+(?:any|anything|it\s+all)))"
    ),
    # After "can't cope" and the like: the whole of it, not "can't cope with this printer".
    "END_TAIL": (
        r"(?=\s*(?:$|[^\w\s']|anymore|any\s+more|any\s+longer|like\s+this|with\s+(?:it|this|anything"
        r"|any\s+of\s+(?:it|this)|life)\s*(?:$|[^\w\s']|anymore|any\s+more|any\s+longer)))"
    ),
}


def _expand(pattern: str) -> str:
    """Splice the shared fragments into a pattern (fragments may use fragments)."""
    for _ in range(3):
        for name, fragment in _FRAGMENTS.items():
            pattern = pattern.replace(f"<{name}>", fragment)
    return pattern


def _alternatives(pattern: str) -> list[str]:
    r"""Split a pattern at its top-level `|` and drop the \b that opens each alternative.

    Python's regex engine skips quickly to the possible first characters of a
    pattern only when it starts with literals; a leading \b, a top-level `|` or a
    group of groups make a search over a long story 5-20 times slower. So each
    alternative is compiled on its own and `_word_matches` checks the word start.
    """
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    in_class = False
    i = 0
    while i < len(pattern):
        if not current and pattern.startswith(r"\b", i):
            i += 2
            continue
        char = pattern[i]
        if char == "\\":
            current.append(pattern[i : i + 2])
            i += 2
            continue
        i += 1
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


def _rx(pattern: str) -> re.Pattern[str]:
    """Compile a pattern with fragments spliced in; boundary patterns and checks use this."""
    return re.compile(_expand(pattern))


def _rxs(pattern: str) -> tuple[re.Pattern[str], ...]:
    """Compile a rule pattern as fast-scanning alternatives (see `_alternatives`)."""
    return tuple(re.compile(part) for part in _alternatives(_expand(pattern)))


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _at_word_start(text: str, at: int) -> bool:
    return at == 0 or not (_is_word_char(text[at - 1]) and _is_word_char(text[at]))


def _word_matches(
    pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None
) -> Iterator[re.Match[str]]:
    """Matches in text[start:end] that begin at a word boundary (the boundary `_alternatives` took out)."""
    for match in pattern.finditer(text, start, len(text) if end is None else end):
        if _at_word_start(text, match.start()):
            yield match


# Going on leave, changing job, retiring: goodbyes and "I won't be here" that are not crises.
_TRANSITION = _rxs(
    r"\b(?:annual\s+leave|a/l|mat\s+leave|maternity\s+leave|paternity\s+leave|parental\s+leave|study\s+leave"
    r"|sick\s+leave|on\s+leave|holidays?|hols|vacation|honeymoon|moving\s+(?:to|into|house|away|on)|new\s+(?:job"
    r"|role|post|trust|hospital|unit|ward|contract|position|practice|team)|leav(?:e|ing)\s+"
    r"(?:the\s+|this\s+|my\s+)?(?:[\w-]+\s+)?(?:trust|job|ward|hospital|service|team|unit|department|practice"
    r"|station|nursing|medicine|profession|nhs|icu|whatsapp|group|chat|uni|university|programme|program)\b"
    r"|leaving\s+(?:for\s+(?:a|the|my)|to\s+(?:start|take|join|work|go))\b|(?:last|final)\s+(?:shift|day|night)s?"
    r"\s+(?:at|on|with|in|of|here\s+before|before\s+i\s+(?:leave|go|start|move))|retir\w+"
    r"|hand(?:ed|ing)?\s+in\s+(?:my\s+)?notice|hand\w*\s+(?:my\s+)?notice\s+in|notice\s+period|contract\s+(?:ends|is\s+up|finishes|ending"
    r"|finished)|end\s+of\s+my\s+contract|switch\w*\s+to\s+(?:days|nights|part[\s-]time)|(?:staff|permanent"
    r"|full[\s-]time|consultant|teaching)\s+(?:job|position|post|role|contract)|(?:got|get|getting)\s+into\s+(?:med(?:ical)?|law|grad)\s+school"
    r"|start\w*\s+(?:a|my|the)\s+(?:residency|fellowship|training\s+post|course|degree|masters|phd)\b"
    r"|last\s+(?:year|month|week)\s+of\s+(?:clinical\s+)?(?:practice|work|nursing|medicine)\b"
    r"|fellowship|year\s+out|career\s+break|settling\s+down|hang\s+up\s+my\s+(?:boots|scrubs|stethoscope)"
    r"|(?:before|after)\s+my\s+(?:surgery|operation|op|procedure)\b|chang\w*\s+(?:hospitals?|jobs?|units?|wards?|trusts?|practices?)\b|(?:got|landed|starting|accepted)\s+(?:a|the|my)\s+(?:new\s+)?(?:job|position|post|role|place\s+(?:at|on))"
    r"|sabbatical|(?:move|moving)\s+(?:to|house|away|on|back)\b|relocat\w+"
    r"|(?:i'?m|i\s+am|i'?ll\s+be|i'?ve\s+been|i\s+got|getting)\s+transferr\w*\s+to\b|\bmy\s+transfer\s+to\b"
    r"|travelling|day\s+off|days\s+off|week\s+off|i'?m\s+off\b|i\s+am\s+off\b|see\s+you\s+(?:all\s+)?(?:soon"
    r"|in|on|next|when|after)|hello\s+\w+|rotat\w+|placement|for\s+a\s+(?:while|bit)|back\s+(?:in|on|next"
    r"|after|soon)|going\s+away|away\s+(?:for|next|this|until)|off\s+(?:to|for|next)\b|fortnight|trip\b)"
)

# Giving things away because of a new job, a move or retirement (narrower: no "placement", "for a while").
_LEAVING_JOB = _rxs(
    r"\b(?:retir\w+|hand(?:ed|ing)?\s+in\s+(?:my\s+)?notice|new\s+(?:job|role|post|trust|hospital|contract"
    r"|position)|moving\s+(?:to|abroad|house|overseas)|emigrat\w+|relocat\w+|leaving\s+(?:for\s+(?:a|the|my)\s+"
    r"(?:job|post|role|position)|to\s+(?:start|take|join))\b|(?:before|after)\s+my\s+(?:surgery|operation|op|procedure)\b|leav(?:e|ing)\s+(?:the\s+|my\s+)?(?:[\w-]+\s+)?(?:nursing"
    r"|medicine|profession|service|nhs|job)\b|(?:got|get|getting)\s+into\s+(?:med(?:ical)?|law|grad)\s+school"
    r"|start\w*\s+(?:a|my|the)\s+(?:residency|fellowship|training\s+post|course|degree|masters|phd)\b|(?:staff|permanent|full[\s-]time"
    r"|teaching)\s+(?:job|position|post|role))"
)


class _Who(Enum):
    """Whose state a rule's match must describe before it counts."""

    SELF = "self"  # the writer is the subject, or the subject is dropped chat-style ("been drinking ...")
    NOT_OTHER = "not_other"  # anything except a clear third party ("he", "my patient says")
    ANY = "any"  # the pattern already names the writer ("if I ...", "everyone ... without me")


@dataclass(frozen=True, slots=True)
class _Rule:
    """A phrase pattern and the conditions under which a match counts."""

    code: str
    gate: tuple[str, ...]  # every match contains a word starting with one of these (a cheap pre-check)
    patterns: tuple[re.Pattern[str], ...]
    who: _Who
    vague: bool  # counts only if the message has another hit
    after: re.Pattern[str] | None  # must end the sentence text just before the match ("thinking about ")
    needs: tuple[re.Pattern[str], ...]  # must also occur somewhere in the message
    unless: tuple[re.Pattern[str], ...]  # cancels the rule when it occurs anywhere in the message

    @property
    def signal(self) -> Signal:
        return _SIGNALS[self.code]


_SELF, _NOT_OTHER, _ANY = _Who.SELF, _Who.NOT_OTHER, _Who.ANY


def _r(
    code: str,
    gate: str,
    pattern: str,
    who: _Who = _NOT_OTHER,
    *,
    vague: bool = False,
    after: str | None = None,
    needs: tuple[re.Pattern[str], ...] = (),
    unless: tuple[re.Pattern[str], ...] = (),
) -> _Rule:
    """Build a rule. `gate`: space-separated word starts, one of which every match contains."""
    return _Rule(
        code=code,
        gate=tuple(gate.split()),
        patterns=_rxs(pattern),
        who=who,
        vague=vague,
        after=_rx(f"(?:{after})$") if after is not None else None,
        needs=needs,
        unless=unless,
    )


_DRUG = _rxs(r"\b<DRUG>\b")
# Asking about a drug for oneself: "asking for me", "it's for me", "for me not a patient", "I have both".
_FOR_ME = _rxs(
    r"\basking\s+for\s+(?:me|<MYSELF>)\b|\b(?:it'?s|its|it\s+is|this\s+is)\s+for\s+(?:me|<MYSELF>)\b|\bfor\s+me"
    r"[,\s]+not\s+(?:a|the)\s+(?:patient|pt)\b|\bfor\s+me\b(?=[.!]\s+tonight)|\bi\s+have\s+(?:it|them|both)\s+"
    r"(?:right\s+)?(?:here|with\s+me|on\s+me)\b|\bi\s+have\s+both\b|\bc'?est\s+pour\s+moi\b|\bnot\s+(?:asking\s+)?for"
    r"\s+a\s+(?:pt|patient)\b|\bdon'?t\s+ask\s+why\b|\baskin'?\s+for\s+me\b|\bnot\s+a\s+(?:patient|pt)\s+question\b"
    r"|\bi\s+want\s+it\s+to\s+look\s+(?:natural|like\s+an\s+accident)\b|\bi\s+mean\s+for\s+me\b|\bnot\s+for\s+work\b"
)
# The frame that makes a method or an act the writer's own thought: "I keep thinking about ", "want to ".
_THINKING = r"\b<THINK>\s+(?:<MYSELF>\s+)?<PREP>"

_RULES: tuple[_Rule, ...] = (
    # --- thoughts of suicide (C-SSRS: thoughts of killing oneself)
    _r("suicidal_thoughts", "kil", r"\b(?:kill|kil|killing|killin)\s+<MYSELF>\b"),
    _r("suicidal_thoughts", "life", r"\b(?:end|ending|tak(?:e|ing))\s+my\s+(?:own\s+)?life\b"),
    _r("suicidal_thoughts", "end", r"\bend(?:ing)?\s+(?:it\s+all|things|everything)\b(?!\s+with\b)"),
    _r(
        "suicidal_thoughts",
        "end",
        r"\b(?:end|ending)\s+it\b(?!\s+(?:all|with|early|there|here|now|on|for|off)\b)<NOT_BREAKUP>",
        vague=True,
    ),
    _r(
        "suicidal_thoughts",
        "suicidal",
        r"\b(?:feel|feeling|felt|am|i'?m|im|been|get|getting|become|becoming)\s+(?:(?!(?:not|never"
        r"|no)\b)[\w']+\s+){0,2}?suicidal\b",
        _SELF,
    ),
    _r(
        "suicidal_thoughts",
        "suicidal",
        r"\b(?:having|had|have|get|getting|got|my|with)\s+(?:\w+\s+)?suicidal\s+(?:thoughts?|feelings?"
        r"|ideation|urges?)",
        _SELF,
    ),
    _r(
        "suicidal_thoughts",
        "suicid",
        r"\bsuicid\w*(?!\s+(?:prevention|rates?|risk|awareness|assessments?|screen\w*|training|statistics"
        r"|stats|research|teaching|polic\w+|bereave\w*|postvention|notes?|watch|helplines?|lines?"
        r"|hotlines?)\b)",
        _SELF,
        after=r"\b(?:think\w*|thought\w*|consider\w*|contemplat\w*)\s+(?:[\w']+\s+){0,2}?",
    ),
    _r(
        "suicidal_thoughts",
        "thought",
        r"\bthoughts?\s+(?:of|about)\s+(?:ending\s+(?:it|things|my\s+life|everything)|dying"
        r"|not\s+being\s+(?:here|alive))\b",
        _SELF,
    ),
    _r(
        "suicidal_thoughts",
        "end",
        r"\bend(?:ing)?\s+it\b(?!\s+(?:with|here|there|now|early|for|on|off)\b)<NOT_BREAKUP>",
        after=r"\b(?:<THINK>|close\s+to|near|nearly|almost|about\s+to|ready\s+to)\s+<PREP>",
    ),
    _r(
        "suicidal_thoughts",
        "suicid",
        r"\bmy\s+suicid\w*(?!\s+(?:prevention|rates?|risk|awareness|assessments?|training|research|teaching"
        r"|polic\w+|bereave\w*|postvention)\b)",
        _SELF,
    ),
    _r(
        "suicidal_thoughts",
        "suicid dying death ending",
        r"\b(?:suicide|dying|death|ending\s+it|ending\s+my\s+life)\s+(?:feels|seems|is"
        r"|looks)\s+like\s+(?:the\s+)?(?:only|best|easiest)\s+(?:way\s+out|option|answer|solution|choice)\b",
    ),
    # --- intent (C-SSRS: intention)
    _r(
        "intent",
        "kil end life",
        r"\b(?:kill\s+<MYSELF>|end\s+(?:it\s+all|my\s+life|things|everything)|take\s+my\s+(?:own\s+)?life"
        r"|end\s+it\b(?!\s+(?:with|here|there|now|early|for|on|off)\b)<NOT_BREAKUP>)",
        after=r"\b(?:going\s+to|gonna|gunna|decided\s+to|planning\s+to|plan\s+to|about\s+to|ready\s+to|i'?ll"
        r"|i\s+will)\s+(?:just\s+)?",
    ),
    _r("intent", "act", r"\bact\s+on\s+(?:these|my|the|those)\s+(?:thoughts|urges|feelings)\b"),
    _r(
        "intent",
        "something",
        r"\b(?:going\s+to|gonna|gunna|might|about\s+to|scared\s+i'?ll|afraid\s+i'?ll|worried\s+i'?ll"
        r"|i'?ll)\s+(?:end\s+up\s+)?do(?:ing)?\s+something\s+(?:stupid|silly|drastic)\b(?!\s+(?:and|like)\b)",
    ),
    _r(
        "intent",
        "tonight today",
        r"\b(?:tonight'?s|tonight\s+is|today'?s|today\s+is)\s+the\s+(?:night|day)\b",
        vague=True,
    ),
    _r(
        "intent",
        "thought",
        r"\bthought\s+about\s+it\s+(?:a\s+lot|loads|every\s+day|constantly|so\s+much)\b",
        _SELF,
        vague=True,
    ),
    _r(
        "intent",
        "do through",
        r"\b(?:do\s+it|go\s+through\s+with\s+it)\b(?!\s+(?:with|for|up|again)\b)",
        _SELF,
        vague=True,
        after=r"\b(?:decided|deciding|going|gonna|planning|plan|ready|about)\s+(?:to\s+)?",
    ),
    # --- wishing to be dead or not to wake up (C-SSRS: wish to be dead)
    _r(
        "wish_dead",
        "die dead exist alive born",
        r"\b<WANT>\s+(?:to|i(?:\s+could|\s+would|\s+was|\s+were|\s+had|'?d)|that\s+i(?:\s+could|\s+would"
        r"|\s+was|\s+were|\s+had|'?d))?\s*(?:just\s+|simply\s+)?(?:die|died|be\s+dead|dead|not\s+exist"
        r"|stop\s+existing|not\s+be\s+alive|never\s+been\s+born)\b(?!\s+(?:laughing|saying|doing|reading|hearing"
        r"|watching|writing|typing|asking|telling|explaining|listening|singing|dancing|(?:my|his|her|your|the"
        r"|their)\s+hair|of\s+(?:embarrassment|shame|laughter|boredom|cringe)|inside)\b)",
    ),
    _r("wish_dead", "wak", r"\b(?:sleep|asleep)\s+and\s+(?:just\s+)?(?:not|never)\s+wak(?:e|ing)\b"),
    _r(
        "wish_dead",
        "wak",
        r"\b(?:want|wanna|wish|hope|hoping|pray|praying|rather)\w*\s+(?:to\s+|i\s+"
        r"|that\s+i\s+)?(?:just\s+)?(?:would\s*n'?t|wouldnt|won'?t|wont|don'?t|dont|didn'?t|didnt|never"
        r"|not)\s+(?:to\s+)?wak(?:e|ing)\b",
    ),
    _r("wish_dead", "wake", r"\b<DONT>\s+(?:really\s+)?(?:want\s+to|wanna)\s+wake\s+up\b"),
    _r(
        "wish_dead",
        "waking",
        r"\b(?:think\w*|thought|dream\w*|fantasi[sz]\w*|imagin\w*|picturing)\s+(?:about|of"
        r"|abt)\s+(?:just\s+)?not\s+waking\s+up\b",
    ),
    _r("wish_dead", "wake", r"\b(?:to\s+not|not\s+to)\s+wake\s+up\b"),
    _r(
        "wish_dead",
        "died dead gone exist wasn weren wake woke",
        r"\b<IF_GONE>[^.!?]{0,50}?\b<WELCOME>\b|\b<WELCOME>\b[^.!?]{0,50}?\b<IF_GONE>",
        _ANY,
    ),
    _r(
        "wish_dead",
        "exist",
        r"\b(?:didn'?t|did\s+not|don'?t|do\s+not|not|stop(?:ped)?)\s+exist(?:ing)?\s+(?:anymore|any\s+more"
        r"|any\s+longer)\b",
    ),
    _r(
        "wish_dead",
        "alive exist liv",
        r"\b(?:don'?t|do\s+not|no\s+longer)\s+(?:really\s+)?(?:want\s+to|wanna|wish\s+to)\s+(?:be\s+alive"
        r"|exist|keep\s+living|go\s+on\s+living|carry\s+on\s+living|live)\b(?!\s+like\s+this)",
    ),
    _r(
        "wish_dead",
        "better happier",
        r"\b(?:better\s+off|happier)\s+(?:dead|gone|not\s+(?:existing|alive|here|being\s+here|around))\b",
    ),
    _r("wish_dead", "rather", r"\brather\s+(?:be\s+dead|die)\b(?!\s+than)"),
    _r(
        "wish_dead",
        "enough",
        r"\b(?:had|have\s+had)\s+enough\s+of\s+(?:this\s+|my\s+)?(?:life|living|being\s+alive)\b",
    ),
    _r("wish_dead", "done", r"\bdone\s+with\s+(?:life|living|being\s+alive)\b"),
    _r(
        "wish_dead",
        "die",
        r"\b(?:care|caring|cared|mind)\s+(?:whether|if)\s+i\s+(?:live\s+or\s+die|die|wake\s+up)\b",
    ),
    _r(
        "wish_dead",
        "death",
        r"\b(?:welcome|long\s+for|longing\s+for|wish\s+for|pray\s+for)\s+death\b"
        r"|\bdeath\s+would\s+be\s+(?:a\s+)?(?:relief|welcome|release|mercy)\b",
    ),
    _r(
        "wish_dead",
        "disappear vanish",
        r"\b<WANT>\w*\s+(?:to\s+|i\s+could\s+)?(?:just\s+)?(?:disappear|vanish)\s+(?:forever|for\s+good"
        r"|permanently|and\s+never\s+come\s+back)\b",
    ),
    _r("wish_dead", "worth", r"\b(?:not|isn'?t|isnt|ain'?t|no\s+longer)\s+worth\s+living\b"),
    _r(
        "wish_dead",
        "why",
        r"\bwhy\s+(?:am|are)\s+i\s+(?:even\s+)?(?:still\s+)?(?:alive|breathing|here)\b(?!\s+(?:at|on|in)\b)",
        _ANY,
    ),
    _r(
        "wish_dead",
        "sleep asleep rest",
        r"\b(?:go\s+to\s+sleep|fall\s+asleep|sleep|rest)\s+(?:forever|for\s+good|permanently"
        r"|and\s+never\s+wake)\b",
    ),
    _r(
        "wish_dead",
        "want wish need",
        r"\b(?:want|wish|need)\w*\s+(?:it\s+all|everything|it|the\s+pain)\s+to\s+(?:stop|end|be\s+over)\b",
        needs=_rxs(r"\b(?:permanently|forever|for\s+good|for\s+ever)\b"),
    ),
    _r(
        "wish_dead",
        "liv exist life alive",
        r"\b(?:tired|sick|exhausted)\s+of\s+(?:being\s+alive|living|existing|life)\b",
    ),
    _r(
        "wish_dead",
        "liv alive",
        r"\b(?:nothing|no\s+reason|no\s+point)\s+(?:left\s+)?(?:to|in|for)\s+(?:live|living"
        r"|stay(?:ing)?\s+alive|being\s+alive)\b",
    ),
    _r(
        "wish_dead",
        "care mind notice miss",
        r"\b(?:nobody|no\s+one|noone|no-one|would\s*n'?t|wouldnt|would\s+not|won'?t|wont)\s+(?:would\s+"
        r"|will\s+)?(?:even\s+|really\s+|actually\s+|honestly\s+|probably\s+|ever\s+)*(?:care|mind|notice"
        r"|miss\s+me)\s+if\s+i\s+(?:just\s+)?(?:died|was\s+dead|were\s+dead|was\s+gone|were\s+gone"
        r"|disappeared|didn'?t\s+wake|never\s+woke|didn'?t\s+come\s+back|never\s+came\s+back)",
        _ANY,
    ),
    _r(
        "wish_dead",
        "bus car lorry truck train van",
        r"\b(?:wish|hope|hoping|wishing|pray)\w*\s+(?:that\s+)?(?:a|the|some)\s+(?:bus|car|lorry|truck|train"
        r"|van)\s+(?:would\s+|will\s+)?(?:hits?|runs?\s+(?:me\s+)?over)\b",
    ),
    _r(
        "wish_dead",
        "wish hope hoping pray",
        r"\b(?:wish|hope|hoping|wishing|pray)\w*\s+(?:that\s+)?i\s+(?:just\s+)?(?:crash|die|get\s+(?:hit"
        r"|killed)|don'?t\s+make\s+it|never\s+come\s+back|get\s+in\s+an?\s+(?:accident|crash))\b",
    ),
    # --- not being here
    _r(
        "not_here",
        "here around alive",
        r"\b<DONT>\s+(?:really\s+)?(?:want\s+to|wanna)\s+be\s+(?:here|around|alive)\s+(?:anymore|any\s+more"
        r"|any\s+longer)\b(?!\s+(?:at|in|on|with)\s+(?:this|the|my)\s+(?:job|ward|trust|hospital|team|unit"
        r"|department|service|station|place|rota|practice)\b)",
    ),
    _r(
        "not_here",
        "here around",
        r"\bnot\s+(?:be|being)\s+(?:here|around)\s+(?:anymore|any\s+more|any\s+longer)\b",
    ),
    _r(
        "not_here",
        "here around alive",
        r"\bi\s*(?:won'?t|wont|will\s+not|'?m\s+not\s+going\s+to|am\s+not\s+going\s+to|don'?t\s+think\s+i'?ll"
        r"|doubt\s+i'?ll|might\s+not)\s+be\s+(?:here|around|alive)\s+(?:much\s+longer|for\s+(?:much\s+)?long"
        r"|for\s+(?:christmas|new\s+year|my\s+birthday|the\s+\w+)|next\s+(?:week|month|year)|by\s+\w+"
        r"|tomorrow|anymore|any\s+more|to\s+see|after|soon|in\s+a\s+(?:week|month|year))",
        _ANY,
        unless=_TRANSITION,
    ),
    _r(
        "not_here",
        "myself",
        r"\b(?:don'?t|do\s+not|can'?t|cannot)\s+see\s+myself\s+(?:being\s+)?(?:alive|here|around"
        r"|getting\s+through|making\s+it\s+(?:through|to))\b",
    ),
    _r("not_here", "gone", r"\b(?:when|once|after)\s+<IM>\s+gone\b", _ANY, unless=_TRANSITION),
    _r(
        "not_here",
        "around alive matter worry make",
        r"\bnot\s+(?:going\s+to|gonna)\s+be\s+(?:around|alive)\s+(?:much\s+longer|for\s+(?:much\s+)?long|soon)\b"
        r"|\b(?:won'?t|will\s+not)\s+matter\s+(?:by\s+then|soon|after\s+\w+)\b|\b(?:nobody|no\s+one|noone)(?:'?s|\s+is"
        r"|\s+will)?\s+(?:(?:gonna|going\s+to)\s+)?(?:have\s+to\s+)?worry\s+about\s+me\s+(?:after|soon|much\s+longer"
        r"|anymore|any\s+more)\b|\b(?:don'?t|do\s+not)\s+think\s+i'?m\s+(?:going\s+to|gonna)\s+make\s+it"
        r"\s+(?:to|through)\b",
        _ANY,
        unless=_TRANSITION,
    ),
    _r("not_here", "or", r"\bor\s+(?:after|again|ever)(?=\s*[.!])", _ANY, vague=True, after=r"^\W*"),
    # --- burdensomeness
    _r(
        "burden",
        "better happier",
        r"\b(?:everyone|everybody|every\s+one|the\s+world|world|(?:my|the|our)\s+(?:family|kids|children|son"
        r"|daughter|wife|husband|partner|parents)|they|people)(?:\s+[\w']+){0,3}?\s+(?:would|will"
        r"|'?d)\s+be\s+(?:better\s+off|happier|better)\s+(?:without\s+me|if\s+i\s+(?:was|were|wasn'?t"
        r"|weren'?t|died|disappeared)|with\s+me\s+gone)",
        _ANY,
    ),
    _r(
        "burden",
        "better",
        r"\bbetter\s+off\s+(?:if\s+i\s+(?:was|were)\s+(?:dead|gone)|if\s+i\s+(?:wasn'?t|weren'?t)\s+(?:here"
        r"|around|alive)|without\s+me\s+(?:around|here|alive))\b",
        _ANY,
    ),
    _r(
        "burden",
        "burden problem bother nuisance",
        r"\b(?:won'?t|wont|will\s+not|not\s+going\s+to|not\s+gonna)\s+be\s+(?:a\s+)?(?:burden|problem|bother"
        r"|nuisance)\b[^.!?]{0,30}?\b(?:much\s+longer|for\s+long|soon)\b",
    ),
    _r(
        "burden",
        "without",
        r"\b(?:everyone|everybody|the\s+world|(?:my|the|our)\s+(?:family|kids|children|son|daughter|wife"
        r"|husband|partner|parents)|they|people)(?:\s+[\w']+){0,3}?\s+(?:would|will|'?d)\s+(?:cope|manage"
        r"|get\s+on|be\s+fine|be\s+ok(?:ay)?|keep\s+going|go\s+on|carry\s+on)\s+(?:just\s+)?(?:fine\s+)?without\s+me\b",
        _ANY,
    ),
    _r("burden", "better happier", r"\b(?:better\s+off|happier)\s+without\s+an?\s+\w+\s+like\s+me\b", _ANY),
    _r(
        "burden",
        "better",
        r"\bbetter\s+off\s+with\s+(?:the|my)\s+(?:life\s+insurance|insurance|death\s+in\s+service|pension)\b",
        _ANY,
    ),
    # --- slang (Crisis Text Line, #chatsafe)
    _r(
        "slang",
        "kms unaliv sewer self delet ctb myself meself myslef",
        r"\b(?:kms|unaliv\w*(?!\s+(?:the|my|this|that|these|those|a|an|his|her|their|your|our)\s+(?!self\b)\w)"
        r"|sewer\s?slid\w*|self[\s-]?delet\w*|ctb)\b|\b(?:off|offing|top|topping|neck"
        r"|necking|end|ending)\s+<MYSELF>\b(?!\s+up)|\bdo(?:ing)?\s+<MYSELF>\s+in\b",
    ),
    # --- self-harm
    _r(
        "self_harm",
        "hurt harm cut burn punish",
        r"\b(?:hurt|harm|cut|burn|punish)\w*\s+<MYSELF>\b",
        after=r"\b(?:<THINK>|start\w*|been|plans?|need|feel\s+like)\s+<PREP>",
    ),
    _r(
        "self_harm",
        "harm selfharm",
        r"\bself[\s-]?harm(?:ing|ed)\b|\b(?:started|been|i'?m|i\s+am|keep|still)\s+self[\s-]?harm\b",
        _SELF,
    ),
    _r(
        "self_harm",
        "sh sh' shing",
        r"\bsh(?:-|')?ing\b|\bsh[-'](?:ed|d)\b|\bsh\s+(?:again|scars|urges?)\b",
        _SELF,
    ),
    # --- added from a fresh batch of unseen phrasings (families, not sentences)
    _r(
        "wish_dead",
        "liv alive",
        r"\b(?:<CANT>\s+(?:keep|go\s+on)\s+living|no\s+(?:reason|point)\s+(?:for\s+me\s+)?(?:to\s+)?(?:stay"
        r"|be|being|staying|keep\s+being)\s+alive|<DONT>\s+want\s+to\s+(?:live|be\s+alive))\b",
    ),
    _r(
        "intent",
        "stop",
        r"\bmake\s+(?:it|everything|this|the\s+pain)\s+(?:all\s+)?stop\s+(?:for\s+good|permanently|forever"
        r"|once\s+and\s+for\s+all)\b",
    ),
    _r("intent", "night", r"\b(?:tonight|today)(?:'s|\s+is)\s+the\s+(?:night|day)\b(?=\s*(?:$|[.!…,;]))", _ANY),
    _r(
        "intent",
        "safe",
        r"\b(?:<CANT>\s+(?:promise|say|guarantee)\s+(?:that\s+)?(?:i'?ll|i\s+will|i'?m\s+going\s+to)\s+"
        r"(?:be|stay|keep\s+<MYSELF>)\s+safe|<DONT>\s+(?:feel|think)\s+(?:i'?m\s+)?safe\s+(?:with|around|from)"
        r"\s+<MYSELF>|not\s+safe\s+(?:with|around|from)\s+<MYSELF>)\b",
    ),
    _r(
        "method",
        "engine garage exhaust",
        r"\b(?:engine|car)\s+running\b(?:\s+[\w']+){0,6}?\s+(?:in\s+the\s+)?garage\b"
        r"|\bin\s+the\s+garage\b(?:\s+[\w']+){0,6}?\s+engine\s+running\b|\bhose\s+(?:to|on)\s+the\s+exhaust\b",
        _SELF,
    ),
    _r(
        "method",
        "crash purpose accident",
        r"\b(?:crash\w*|wrap\w*|driv\w*)\b(?:\s+[\w']+){0,14}?\s+(?:on\s+purpose|deliberately|look\s+like\s+an"
        r"\s+accident)\b|\bdriv\w*\s+(?:off\s+(?:the\s+road|a\s+bridge|a\s+cliff)|into\s+(?:oncoming|a\s+(?:tree"
        r"|wall|lorry|truck|bridge)))\b",
        _SELF,
    ),
    _r(
        "method",
        "bridge cliff tracks railway train",
        r"\b(?:the|that)\s+(?:bridge|cliff|tracks|railway|train\s+line)\b",
        _SELF,
        after=r"\b(?:keep|kept)\s+(?:look\w*|star\w*|think\w*)\s+(?:at\s+|about\s+|over\s+)?",
    ),
    _r(
        "method",
        "bridge cliff edge roof tracks",
        r"\b(?:the|that)\s+(?:bridge|cliff|edge|roof|tracks|railway|train\s+line)\b",
        _SELF,
        vague=True,
        after=r"\b(?:look\w*|star\w*|think\w*|drive\w*\s+past|stand\w*\s+on|stood\s+on)\s+(?:at\s+|about\s+|over\s+)?",
    ),
    _r(
        "lethal_amount",
        "do kill",
        r"\bhow\s+(?:much|many)\b(?:\s+[\w'-]+){0,4}?\s+would\s+(?:do\s+it|kill\s+(?:me|<MYSELF>))\b",
        _SELF,
        needs=_DRUG,
        unless=_rxs(r"\b(?:patients?|pts?|protocol|dka|hyperkalaemia|hyperkalemia|dose\s+for)\b"),
    ),
    _r(
        "burden",
        "disappear gone",
        r"\b(?:happier|better\s+off|easier)\b(?:\s+[\w']+){0,3}?\s+if\s+i\s+(?:just\s+)?(?:disappeared|vanished"
        r"|was\s+gone|were\s+gone)\b|\bdisappear\w*\s+(?:forever|for\s+good|permanently)\b",
        _SELF,
    ),
    _r(
        "self_harm",
        "cut burn",
        r"\b(?:cutting|cut|burning|burnt|burned)\s+(?:<MYSELF>|my\s+(?:arms?|wrists?|legs?|thighs?|skin))\b"
        r"|\b(?:started|been|am|i'?m)\s+(?:cutting|burning)\s+again\b",
        _SELF,
    ),
    _r(
        "preparing",
        "gave given giving clear",
        r"\b(?:gave|given|giving)\s+away\s+my\s+(?:cat|dog|pets?|things|stuff|belongings)\b|\b(?:gave|given"
        r"|giving)\s+my\s+(?:cat|dog|pets?|things|stuff|belongings)\s+away\b|\brehom\w*\s+my\s+(?:cat|dog|pets?)\b"
        r"|\bclear\w*\s+(?:out\s+)?my\s+(?:locker|desk|room|flat|things)\b",
        _SELF,
        vague=True,
        unless=_LEAVING_JOB,
    ),
    _r(
        "means_access",
        "home",
        r"\bhome\b",
        _SELF,
        after=r"\btak(?:e|ing)\s+(?:the\s+|some\s+|my\s+|a\s+few\s+)?(?:[\w'-]+\s+){0,2}?<DRUG>(?:\s+[\w'-]+){0,2}?\s+",
    ),
    # --- means: clinicians can reach drugs (Crisis Text Line: drug names, doses, the pill emoji)
    _r(
        "took_overdose",
        "took taken swallow downed",
        # Ten or more (not a dose like "10 mg"), or a container's worth; "took 2 paracetamol" is a headache.
        r"\b(?:took|taken|swallowed|downed)\s+(?:[1-9]\d+(?!\s*(?:mg|mcg|ml|g|micrograms?|units?)\b)|all"
        r"|a\s+(?:bottle|handful|box|packet|pack|load|strip))\b"
        r"(?:\s+[\w']+){0,4}?\s+(?:<DRUG>|pills?|tablets?|meds|capsules)\b",
        _SELF,
    ),
    _r("means_access", "mean", r"\b(?:have|got)\s+(?:the\s+)?means\b", _SELF, vague=True),
    _r(
        "means_access",
        "stockpil hoard stash squirrel divert pocket nick swip steal stole home sav collect",
        r"\b(?:stockpil\w*|hoard\w*|stash\w*|squirrel\w*|divert\w*|pocket(?:ed|ing)?|nick(?:ed|ing)|swip(?:e"
        r"|ed|ing)|steal(?:ing)?|stole|tak(?:e|ing)\s+home|took\s+home|sav(?:e|ed|ing)\s+up|collect(?:ed"
        r"|ing)?(?:\s+up)?)(?:\s+[\w']+){0,4}?\s+<DRUG>\b",
        _SELF,
    ),
    _r(
        "means_access",
        "stor hid saving",
        r"\b(?:stor(?:e|ed|ing)|hid(?:e|ing|den)?|saving)(?!\s+(?:their|his|her|your|our)\b)\s+(?:the\s+|my\s+|some\s+|all\s+|(?:my\s+)?(?:[\w-]+'s)\s+)?(?:[\w'-]+\s+)"
        r"{0,2}?<DRUG>\b",
        _SELF,
    ),
    _r(
        "means_access",
        "sav collect",
        r"\b(?:sav(?:e|ed|ing)|collect(?:ed|ing))\s+(?:up\s+)?(?:all\s+)?my\s+(?:\w+\s+)?<DRUG>\b",
        _SELF,
    ),
    _r(
        "means_access",
        "saved stashed hoarded stockpiled squirrel aside home",
        r"\b(?:saved|stashed|hoarded|stockpiled|squirrell?ed|put\s+aside|take\s+home)\b",
        _ANY,
        after=r"\b<DRUG>\b(?:\s+[\w']+){0,4}?\s+",
    ),
    _r(
        "means_access",
        "myself meself myslef self",
        r"\bfor\s+<MYSELF>\b",
        after=r"\b(?:keep|keeping|kept|save|saving|saved|take|taking|took|put|putting|set"
        r"|setting)\s+(?:[\w']+\s+){0,2}?(?:back\s+|aside\s+)?",
        needs=_DRUG,
    ),
    _r(
        "means_access",
        "sit sat sitting hold holding held",
        r"\b(?:sit|sat|sitting)\s+with\s+(?:the\s+|my\s+|all\s+the\s+)?(?:\w+\s+)?<DRUG>\b|\b(?:hold|holding"
        r"|held)\s+(?:the\s+|my\s+|all\s+the\s+)?(?:\w+\s+)?<DRUG>\s+in\s+my\s+hands?\b",
        _SELF,
    ),
    _r("means_access", "stash", r"\b(?:my|a)\s+stash\b", _SELF, needs=_DRUG),
    _r(
        "means_access",
        "locker bag car drawer room house flat cupboard wardrobe pocket bedside bathroom",
        r"\b(?:in|at|under)\s+(?:my|the)\s+(?:locker|bag|car|drawer|room|house|flat|cupboard|wardrobe|pocket"
        r"|bedside|bathroom)\b",
        _SELF,
        after=r"\b(?:keep|keeping|kept|have|got|hid|hidden|hide|hiding|stored|storing|stashed"
        r"|saved)\s+(?:[\w'-]+\s+){0,4}?<DRUG>\s+(?:[\w']+\s+){0,2}?",
    ),
    _r(
        "means_access",
        "locker bag car drawer cupboard wardrobe pocket",
        r"\b(?:in|under)\s+(?:my|the)\s+(?:locker|bag|car|drawer|cupboard|wardrobe|pocket)\b",
        _NOT_OTHER,
        vague=True,
        after=r"\b<DRUG>\s+(?:[\w']+\s+){0,2}?",
    ),
    _r(
        "means_access",
        "took take taken taking nicked stole pocketed swiped",
        r"\b(?:took|take|taken|taking|nicked|stole|pocketed|swiped)\s+(?:them|it|some|a\s+few"
        r"|\w+)\s+(?:home\s+)?from\s+(?:resus|work|the\s+ward|the\s+(?:cd\s+)?cupboard|the\s+trolley"
        r"|the\s+unit|icu|itu|theatres?|the\s+ambulance|the\s+truck|pharmacy|the\s+pharmacy"
        r"|the\s+drug\s+(?:room|cupboard))\b",
        _SELF,
        needs=_DRUG,
    ),
    _r(
        "means_access",
        "home",
        r"\bat\s+home\b",
        _SELF,
        vague=True,
        after=r"\b(?:keep|keeping|kept|have|got|hid|hidden|stored|stashed"
        r"|saved)\s+(?:[\w'-]+\s+){0,4}?<DRUG>\s+",
    ),
    _r(
        "means_access",
        "count",
        r"\bcount(?:ing|ed)?\s+(?:out\s+)?(?:the\s+|my\s+"
        r"|how\s+many\s+)?(?:\w+\s+)?<DRUG>\b(?:[\s.,]+[\w']+){0,6}?[\s.,]+(?:i\s+(?:could|can|would|'?d)"
        r"|for\s+<MYSELF>|to\s+take\s+home|enough)\b",
        _SELF,
    ),
    _r(
        "means_access",
        "take taking swallow down downing neck necking",
        r"\b(?:take|taking|swallow\w*|down|downing|neck|necking)\s+(?:them\s+all|it\s+all|the\s+(?:lot"
        r"|whole\s+(?:lot|box|pack|packet|bottle|strip))|all\s+(?:of\s+)?(?:them|my|the|those)\b)",
        after=_THINKING,
        needs=_DRUG,
    ),
    _r(
        "means_access",
        "easy",
        r"\bhow\s+easy\s+it\s+(?:would|'?d|will)\s+be\b",
        needs=(*_DRUG, re.compile("access")),
    ),
    _r(
        "lethal_amount",
        "done did doing worked",
        r"\b(?:done|did|doing)\s+the\s+(?:maths|math|calculations?|sums)\b"
        r"|\bworked\s+(?:it\s+)?out\s+how\s+(?:much|many)\b",
        _SELF,
        vague=True,
        needs=_DRUG,
    ),
    _r(
        "lethal_amount",
        "take",
        r"\bhow\s+(?:much|many)\b(?:\s+[\w'-]+){0,6}?\s+would\s+it\s+take\b(?=\s*(?:$|[^\w\s']|roughly"
        r"|exactly|do\s+you\s+think))",
    ),
    _r("means_access", "access", r"\baccess\s+to\s+(?:[\w']+\s+){0,3}?<DRUG>\b", _SELF, vague=True),
    _r(
        "pill_emoji",
        "💊",
        r"💊+(?!\s*(?:trolley|round|cart|chart|cupboard|fridge|count|room|list|kardex|box)\b)",
        needs=_rxs(r"💊\W*💊|\b(?:i|im|i'?m|me|my|myself|tonight|now|soon|bye|goodbye|forever|pls|please)\b"),
    ),
    _r(
        "lethal_amount",
        "take need enough lethal fatal kill",
        r"\bhow\s+(?:much|many)\b(?:\s+[\w']+){0,8}?\s+(?:it(?:\s+would|\s+will|'?d|\s+might"
        r"|\s+should)\s+(?:take|need)|i'?d\s+need|i\s+(?:would|will|'?ll)\s+need|would\s+(?:be\s+enough"
        r"|kill\s+me|be\s+lethal|be\s+fatal)|would\s+it\s+take\s+to\s+(?:die|kill\s+me|not\s+wake|do\s+it"
        r"|end\s+it))\b",
    ),
    _r(
        "lethal_amount",
        "enough",
        r"\benough\b(?:\s+[\w']+){0,6}?\s+to\s+(?:do\s+it|die|end\s+it|kill\s+(?:me|<MYSELF>)|not\s+wake"
        r"|overdose|be\s+lethal|be\s+fatal)\b",
    ),
    _r(
        "lethal_amount",
        "lethal fatal deadly enough",
        r"\bhow\s+(?:much|many)\b(?:\s+[\w']+){0,6}?\s+(?:is|are|would\s+be|'?d\s+be|it'?s)\s+(?:lethal|fatal"
        r"|deadly|enough\s+to\s+(?:kill|die))\b",
        _SELF,
        after=r"\b(?:read\w*|look\w*\s+up|googl\w*|search\w*|research\w*|know|knew|work\w*\s+out"
        r"|figur\w*\s+out|wonder\w*|think\w*)\s+(?:about\s+|up\s+)?(?:exactly\s+)?",
    ),
    _r(
        "lethal_amount",
        "lethal fatal deadly",
        r"\b(?:looked|googled|googling|searched|searching|researched|researching|worked|figured|read"
        r"|reading)\s+(?:up\s+|out\s+|about\s+|into\s+)?(?:the\s+|a\s+)?(?:lethal|fatal|deadly)\s+(?:dose"
        r"|amount|quantity)",
        _SELF,
    ),
    _r("lethal_amount", "lethal fatal deadly", r"\b(?:lethal|fatal|deadly)\s+(?:dose|amount)\s+of\s+my\b"),
    # --- methods: only when the writer is thinking about them, never in clinical reports
    _r(
        "method",
        "front train bus lorry truck car traffic tube van",
        r"\b(?:step\w*|walk\w*|jump\w*|throw\w*\s+<MYSELF>|ly\w*\s+down"
        r"|lie\s+down)\s+(?:out\s+)?in\s+front\s+of\b|\b(?:step\w*|walk\w*|jump\w*"
        r"|throw\w*\s+<MYSELF>)\s+(?:out\s+)?(?:into|under)\s+(?:a\s+|the\s+|an\s+|some\s+"
        r"|oncoming\s+)*(?:train|bus|lorry|truck|car|traffic|tube|van)s?\b",
        after=_THINKING,
    ),
    _r(
        "method",
        "jump",
        r"\bjump\w*\s+(?:off|from)\s+(?:a\s+|the\s+|that\s+)?(?:bridge|building|roof|rooftop|car\s*park"
        r"|multi\s*-?\s*stor(?:e)?y|cliff|tower|balcony|window|flyover|overpass)",
        after=_THINKING,
    ),
    _r(
        "method",
        "jump",
        r"\bjump\w*\b(?=\s*(?:$|[^\w\s']|off\b|from\b))",
        after=_THINKING,
        needs=_rxs(
            r"\b(?:bridge|building|roof|rooftop|cliff|car\s*park|multi\s*-?\s*stor(?:e)?y|tower|balcony"
            r"|window|flyover|overpass|platform|edge|ledge)\b"
        ),
    ),
    _r(
        "method",
        "platform edge ledge",
        r"\b(?:step\w*|jump\w*|fall\w*|throw\w*\s+<MYSELF>)\s+(?:off|from)\s+(?:the\s+|a\s+)?(?:platform|edge"
        r"|ledge)\b",
        after=_THINKING,
    ),
    _r("method", "wheel", r"\blet\w*\s+go\s+of\s+the\s+(?:steering\s+)?wheel\b"),
    _r(
        "method",
        "die kil end",
        r"\bto\s+(?:die|kill\s+<MYSELF>|end\s+(?:it|my\s+life))\b",
        after=r"\b(?:look\w*\s+up|googl\w*|search\w*|research\w*|read\w*\s+(?:up\s+)?(?:about|on)"
        r"|think\w*\s+about)\s+(?:quick\s+|easy\s+|painless\s+|the\s+)?(?:ways|how|methods?|best\s+way"
        r"|painless\s+ways?)\s+",
    ),
    _r("method", "hang wrist", r"\bhang\w*\s+<MYSELF>\b|\b(?:slit|slash|cut)\w*\s+my\s+wrists\b"),
    _r(
        "method",
        "crash swerv veer drive drove steer accident",
        r"\b(?:if\s+i|i\s+could|i'?d|i\s+might|i\s+should)\s+(?:just\s+)?(?:crash\w*|swerv\w*|veer\w*|drive"
        r"|drove|steer\w*)\b(?:\s+[\w']+){0,12}?\s+(?:into|off|accident)\b",
        _ANY,
    ),
    _r(
        "method",
        "crash swerv veer driv drove steer",
        r"\b(?:crash\w*|swerv\w*|veer\w*|driv\w*|drove|steer\w*)\s+(?:my\s+car\s+|the\s+car\s+)?(?:into"
        r"|off)\s+(?:a\s+|the\s+|an\s+|some\s+|oncoming\s+)?(?:tree|wall|barrier|bridge|river|lorry|truck"
        r"|traffic|motorway|cliff|pillar)",
        after=_THINKING,
    ),
    _r(
        "method",
        "overdos od odi od'",
        r"\btak\w+\s+an?\s+(?:overdos\w*|od)\b|\boverdos\w*(?!\s+on\s+(?:coffee|caffeine|tea|chocolate|sugar|cake"
        r"|biscuits|carbs|sweets|candy|pizza|donuts|doughnuts|energy\s+drinks|red\s+bull|netflix|tv|love|kindness"
        r"|paperwork|admin|work|emails?|memes|cuteness)\b)|\bod'?ing\b",
        after=_THINKING,
    ),
    # --- plans (C-SSRS: a worked-out plan)
    _r(
        "plan",
        "do end kil through",
        r"\b(?:how|when|where)\s+(?:i'?d|i\s+would|i'?ll|i\s+will|<IM>\s+(?:going|gonna)\s+to|<IM>\s+gonna"
        r"|i\s+could|to)\s+(?:do\s+it|end\s+it|kill\s+<MYSELF>|end\s+my\s+life|go\s+through\s+with\s+it)\b",
        after=r"\b(?:think\w*|thought|plan\w*|work\w*\s+out|figur\w*\s+out|decid\w*|know|knew|research\w*"
        r"|imagin\w*|pictur\w*)\s+(?:about\s+|of\s+|out\s+)?(?:exactly\s+)?",
    ),
    _r("plan", "plan prepar research", r"\b(?:plan\w*|prepar\w*|research\w*)\s+my\s+suicide\b", _SELF),
    _r(
        "plan",
        "plan",
        r"\b(?:have|got|made|make|making)\s+a\s+plan\b(?!\s+(?:for|b)\b)(?!\s+to\s+(?:get|improve|study"
        r"|revise|pass|fix|talk|see|ask|speak|tell|book|call|ring)\b)",
        _SELF,
        vague=True,
    ),
    _r(
        "plan",
        "pick choose chose set decided",
        r"\b(?:pick|picked|picking|choose|chosen|chose|set|decided\s+on)\s+(?:a|the)\s+(?:date|day|night|nite|time"
        r"|place|spot)\b",
        _SELF,
        vague=True,
    ),
    _r("plan", "plan", r"\bplann(?:ing|ed)\s+it\b", _SELF, vague=True),
    # Pre-empting help: "don't tell me to call 111", "don't try to stop me".
    _r(
        "intent",
        "tell try call ring phone",
        r"\b(?:don'?t|do\s+not)\s+(?:tell\s+me\s+to\s+(?:call|ring|phone|text)|try\s+(?:to\s+)?(?:stop"
        r"|talk)\s+me|(?:call|ring|phone)\s+(?:anyone|anybody|999|911|111|112|988|an\s+ambulance"
        r"|the\s+police))",
        vague=True,
    ),
    # --- goodbyes and preparatory acts (C-SSRS: preparatory behaviour)
    _r(
        "goodbye",
        "goodbye good bye farewell",
        r"\b(?:goodbye|good\s?bye|farewell|bye)\s+(?:to\s+)?(?:everyone|everybody|all|all\s+of\s+you"
        r"|you\s+all|y'?all|guys|friends|forever|for\s+good|for\s+the\s+last\s+time|world)\b|\b(?:say|said"
        r"|saying)\s+my\s+goodbyes\b",
        unless=_TRANSITION,
    ),
    _r(
        "goodbye",
        "last final post goodbye posting",
        r"\bthis\s+(?:is|will\s+be)\s+(?:my\s+)?(?:last|final)\s+(?:post|message|msg)\b<NOT_AS_ROLE>"
        r"|\bthis\s+is\s+(?:my\s+)?goodbye\b|\bmy\s+(?:last|final)\s+(?:post|message)\b<NOT_AS_ROLE>"
        r"|\blast\s+time\s+i'?ll\s+(?:post|write|be\s+on|talk|speak)\b|\b(?:won'?t|wont"
        r"|will\s+not)\s+(?:be\s+)?post(?:ing)?\s+(?:here\s+|anywhere\s+)?(?:again|after\s+tonight)\b|\blast\s+everything\b",
        unless=_TRANSITION,
    ),
    _r(
        "goodbye",
        "thank each yourselves sorry",
        r"\b(?:thank\s+you|thanks)\s+(?:all\s+|everyone\s+|guys\s+)?for\s+(?:everything"
        r"|being\s+(?:so\s+)?kind|being\s+there)|\btake\s+care\s+of\s+(?:each\s+other|yourselves)"
        r"|\blook\s+after\s+(?:each\s+other|yourselves)|\b<IM>\s+sorry\s+for\s+everything\b"
        r"|\bsorry\s+(?:everyone|everybody|all|guys)\b",
        vague=True,
        unless=_TRANSITION,
    ),
    _r(
        "preparing",
        "away gets affairs rehom home",
        r"\bg(?:ive|iving|iven|ave)\s+away\s+(?:all\s+)?(?:of\s+)?my\s+(?:stuff|things|belongings|possessions"
        r"|everything)\b|\bgiv\w*\s+(?:all\s+)?my\s+(?:stuff|things|belongings|possessions)\s+away\b"
        r"|\bwho\s+gets\s+(?:my|the)\s+(?:things|stuff|belongings|dog|cat|house|money)\b|\b(?:put|putting|get"
        r"|getting|got|sort\w*)\s+my\s+affairs\s+in\s+order\b|\b(?:rehom\w*"
        r"|found\s+a\s+(?:new\s+)?home\s+for)\s+my\s+(?:dog|cat|pets?|rabbits?|animals)\b",
        unless=_LEAVING_JOB,
    ),
    _r(
        "preparing",
        "note letter",
        r"\b(?:wr[io]te|writ\w+|left|leaving)\s+(?:a\s+)?(?:suicide|goodbye)\s+(?:note|letter)",
        _SELF,
    ),
    # A farewell letter to the ward is what people write when they retire or move on.
    _r(
        "preparing",
        "note letter",
        r"\b(?:wr[io]te|writ\w+|left|leaving)\s+(?:a\s+)?farewell\s+(?:note|letter)",
        _SELF,
        unless=_TRANSITION,
    ),
    _r(
        "preparing",
        "will",
        r"\b(?:sort\w*|made|make|making|wr[io]te|writ\w+|updat\w*|finish\w*|done)\s+(?:out\s+"
        r"|up\s+)?my\s+will\b",
        vague=True,
    ),
    _r(
        "preparing",
        "wrote writ left leaving",
        r"\bwrit\w*\s+my\s+letters\b|\b(?:wr[io]te|writ\w+|left|leaving)\s+(?:a\s+|some\s+)?(?:letters?|notes?|cards?)?\s*"
        r"(?:to|for)\s+(?:each\s+of\s+)?(?:my\s+(?:two|three|four|little|eldest|youngest)\s+(?:girls|boys|kids|children)\b|)(?:my\s+|the\s+)?(?:kids|children|son|daughter|family|wife|husband|partner|parents|mum|mom|mam|dad"
        r"|team|brother"
        r"|sister|boyfriend|girlfriend|friends)\b",
        vague=True,
    ),
    _r(
        "preparing",
        "wrote writ left",
        r"\b(?:wr[io]te|writ\w+|left)\s+my\s+(?:kids|children|son|daughter|family|wife|husband|partner"
        r"|parents|mum|mom|dad|brother|sister|boyfriend|girlfriend|friends)\s+(?:a\s+|some\s+)?(?:letters?"
        r"|notes?|cards?)\b",
        vague=True,
    ),
    _r(
        "preparing",
        "gave give giving given",
        r"\bg(?:ave|ive|iving|iven)\s+(?:away\s+)?(?:my|the)\s+(?:dog|cat|pets?|rabbits?|animals)\s+(?:away|to)\b",
        vague=True,
        unless=_LEAVING_JOB,
    ),
    _r(
        "preparing",
        "dog cat car flat house things stuff",
        r"\bcan\s+have\s+(?:the|my)\s+(?:dog|cat|car|flat|house|things|stuff)\b",
        vague=True,
    ),
    _r(
        "preparing",
        "passwords pin bank insurance",
        r"\b(?:where|what)\s+my\s+(?:passwords?|pin|bank\s+details|life\s+insurance(?:\s+\w+)?)\s+(?:are"
        r"|is)\b",
        vague=True,
    ),
    _r(
        "preparing",
        "sorted order arranged taken",
        r"\b(?:it'?s|everything'?s|everything\s+is|it\s+is)\s+(?:all\s+)?(?:sorted|in\s+order|arranged"
        r"|taken\s+care\s+of)\b",
        vague=True,
    ),
    # --- acts already done, intent with a time, means kept, rehearsal (plain statements the rules missed)
    _r(
        "took_overdose",
        "overdos od",
        r"\b(?:took|taken|had|done|did)\s+an?\s+(?:overdose|od)\b|\b(?:just\s+)?overdosed\s+(?:a\s+(?:little|bit)\s+)?on"
        r"\s+(?:my|the|some|all|his|her|mum'?s|mom'?s|dad'?s)\b",
        _SELF,
    ),
    _r(
        "took_overdose",
        "took taken swallow ate downed necked",
        r"\b(?:took|taken|swallowed|ate|downed|necked)\s+(?:the\s+rest|the\s+whole\s+(?:bottle|strip|box|packet|pack|lot)|all"
        r"|a\s+(?:lot|pile|load|heap|bunch|handful|bottle|strip|box|packet|pack|fair\s+few|few|rake|shedload|whole\s+lot)|loads"
        r"|half|some|most"
        r"|the\s+lot)\s+(?:of\s+)?(?:the\s+)?(?:my|(?:my\s+)?(?:mother|father|mum|mom|mam|dad|nan|gran|grandma|grandad"
        r"|husband|wife|partner)'?s)?\s*(?:[\w'-]+\s+){0,3}?<DRUG>\b|\b(?:took|taken|swallowed)\s+(?:my\s+)?(?:[\w'-]+'s\s+)?<DRUG>[.,]?"
        r"\s+all\s+of\s+(?:it|them)\b|\b(?:took|taken|swallowed)\s+(?:my\s+|the\s+)?(?:[\w'-]+'s\s+)?(?:[\w'-]+\s+)?<DRUG>"
        r"[^.!?]{0,30}?[.,]?\s+all\s+of\s+(?:it|them)\b|\btook\s+more\s+of\s+my\s+(?:[\w'-]+\s+)?<DRUG>\s+than\s+i\s+should\b"
        r"|\b(?:took|taken|swallowed)\s+(?:the|my)\s+(?:[\w'-]+\s+)?<DRUG>\s+(?:an?\s+hour|half\s+an\s+hour|\d+\s*(?:mins?|minutes?"
        r"|hours?|hrs?)|a\s+few\s+(?:mins?|minutes|hours))\s+ago\b(?=[^\n]{0,60}?\b(?:not\s+(?:going\s+in|ringing|calling|telling)"
        r"|in\s+the\s+car|woozy|sleepy|feel\s+(?:weird|sick|strange)|don'?t\s+want|whatever|all\s+of\s+them))",
        _SELF,
        unless=_rxs(
            r"\b(?:as\s+prescribed|for\s+(?:my|a|the)\s+(?:headache|migraine|back|period|cold|pain|toothache"
            r"|hangover))\b"
        ),
    ),
    _r(
        "took_overdose",
        "swallowed took taken",
        r"\bswallowed\s+(?:the\s+ones|them\s+all|the\s+lot|all\s+of\s+them|the\s+rest)\b|\b(?:took|taken)\s+(?:them\s+all"
        r"|the\s+lot|all\s+of\s+them)\b(?!\s+(?:to|back|home|out|off|in|with))",
        _SELF,
        needs=_DRUG,
    ),
    _r(
        "took_overdose",
        "took taken swallowed",
        r"\b(?:took|taken|swallowed)\s+(?:the|them|it|my)\b",
        _SELF,
        after=r"\b(?:already|just)\s+",
        needs=_DRUG,
    ),
    _r(
        "self_harm",
        "hurt cut burn burned burnt harm scratch",
        r"\b(?:hurt|cut|burn(?:ed|t)?|harmed|scratched)\s+(?:<MYSELF>\s+)?(?:again|tonight|last\s+night|today"
        r"|badly|quite\s+badly|deep|deeper)\b(?!\s+(?:lifting|moving|at\s+the\s+gym|playing|running|falling|on\s+the"
        r"|in\s+the|at\s+work\s+lifting))|\b(?:cut|burn\w*|scratch\w*|hit|punch\w*)\s+(?:my\s+[\w-]+\s+)?(?:[\w'-]+\s+)"
        r"{0,4}?on\s+purpose\b|\b(?:scratched|cut|picked|bit)\s+(?:at\s+)?(?:my\s+)?(?:arms?|legs?|skin|wrists?|thighs?)\s+"
        r"(?:till|until|so)\s+(?:they|it)\s+bled\b(?!\s+(?:on|in|from)\s+(?:the|some|a)\b)|\b(?:cut|slashed|sliced)\s+my\s+(?:fore)?(?:arms?|wrists?|thighs?"
        r"|legs?|skin)\s+(?:with\s+(?:the|a|my)\s+(?:[\w-]+\s+)?(?:blade|razor|scalpel|knife|glass)|open|again|tonight)\b",
        _SELF,
    ),
    _r(
        "self_harm",
        "did",
        r"\bdid\s+it\s+again\b",
        _SELF,
        needs=_rxs(r"\b(?:cut|cutting|self[\s-]?harm\w*|burn(?:ing|ed|t)|scratch\w*|scalpel|blade|razor)\b"),
    ),
    _r(
        "self_harm",
        "something scratched hit punched banged",
        r"\bdid\s+something\s+to\s+<MYSELF>\b|\bscratched\s+(?:it|them|my\s+\w+)\s+open\b|\b(?:hit|punched|banged)\s+my"
        r"\s+(?:arm|head|hand|fist|leg)s?\s+against\s+[^.!?]{0,40}?\b(?:over\s+and\s+over|until|till)\b",
        _SELF,
    ),
    # Decisions and calm, each its own rule so each searches only near its own words.
    *(
        _r("intent", gate, pattern, _ANY)
        for gate, pattern in (
            (
                "decision",
                r"\b(?:made|come\s+to|reached)\s+(?:a|my|the)\s+decision\b[^.!?]{0,40}?[.!?]?\s*\b(?:(?:feel|felt)\s+(?:so\s+)?(?:much\s+)?"
                r"(?:better|calm\w*|lighter|at\s+peace)|relief)|\bmade\s+my\s+decision\s+about\s+(?:the\s+end|tonight|tomorrow"
                r"|next|when)\b",
            ),
            (
                "walking coming getting",
                r"\bdon'?t\s+think\s+i'?ll\s+be\s+(?:walking|coming|getting)\s+(?:off|back|home)\b",
            ),
            (
                "job jobs rota work ward career shift",
                r"\bnot\s+(?:the|my)\s+(?:job|rota|work|ward|career|shift)s?[.,!]*\s+(?:me|life|everything|my\s+life)\b",
            ),
            ("climb step", r"\b(?:won'?t|not\s+going\s+to)\s+(?:climb|step)\s+back\b"),
            (
                "decided",
                r"\bsince\s+i\s+decided\b|\bi'?ve\s+decided\s+and\s+i\s+feel\s+(?:\w+\s+)?(?:calm|better|lighter|peaceful)\b"
                r"|\bwhat\s+i\s+decided\b",
            ),
            ("forgive", r"\b(?:allah|rabb|god|lord)\W+forgive\s+me\b"),
        )
    ),
    _r(
        "goodbye",
        "goodbye dernier",
        r"\bmy\s+goodbye\s+(?:to\s+[\w\s]{1,20}?)?\s*is\s+(?:written|ready|done|scheduled)\b|\bmon\s+dernier\s+message\b"
        r"|\b(?:doesn'?t|don'?t|didn'?t|won'?t)\s+know\s+it\s+(?:was|is|'s)\s+(?:a\s+)?goodbye\b",
        _ANY,
        unless=_TRANSITION,
    ),
    *(
        _r("goodbye", gate, pattern, _ANY, unless=_TRANSITION)
        for gate, pattern in (
            ("posting post", r"\bnot\s+posting\s+(?:again|anymore|any\s+more)\b|\blast\s+time\s+i\s+post\b"),
            (
                "knowing knowin",
                r"\b(?:it\s+was|it'?s\s+been|been)\s+(?:nice|lovely|good|great)\s+know(?:ing|in'?)\s+(?:you|y'?all|everyone"
                r"|some\s+of\s+you)\b",
            ),
            ("sign signing signed", r"\bsign(?:ing|ed)?\s+off\s+for\s+(?:good|ever|the\s+last\s+time)\b"),
            ("this", r"\bthis\s+is\s+it\s+for\s+me\b"),
            ("side", r"\bsee\s+(?:u|you|y'?all)\s+on\s+the\s+other\s+side\b(?!\s*!)"),
            ("longer", r"\bkept\s+me\s+(?:going|alive|here)\s+longer\s+than\b"),
            (
                "sorry love",
                r"\btell\s+(?:my|the)\s+(?:team|crew|ward|mum|mom|mam|dad|family|kids|wife|husband|partner|parents|sister"
                r"|brother)\s+(?:i'?m\s+sorry|i\s+love\s+(?:her|him|them))\b",
            ),
        )
    ),
    _r(
        "goodbye",
        "goodbye goodbyes",
        r"\bgoodbyes?\b[^.!?]{0,50}?\b(?:(?:don'?t|doesn'?t|didn'?t)\s+know\s+it|without\s+(?:them|him|her|anyone)\s+knowing)\b",
        _ANY,
    ),
    # Thanks and absolution on the way out, each vague: "none of it is on any of you".
    *(
        _r("goodbye", gate, pattern, _ANY, vague=True, unless=_TRANSITION)
        for gate, pattern in (
            ("none", r"\bnone\s+of\s+(?:it|this)\s+(?:is|was|will\s+be)\s+on\s+(?:any\s+of\s+)?you\b"),
            ("meant mean", r"\byou\s+(?:all|guys|lot)\s+(?:meant|mean)\s+(?:a\s+lot|so\s+much|everything)\b"),
            ("blame", r"\b(?:don'?t|do\s+not)\s+blame\s+yourselves\b"),
            ("privilege", r"\b(?:it'?s|it\s+has)\s+been\s+a\s+privilege\b"),
        )
    ),
    _r(
        "preparing",
        "hid hide hidden put left leave",
        r"\b(?:hid|hide|hidden|put|left|leave)\s+(?:them|it|the\s+letters?|the\s+notes?)\s+(?:in|under|inside|with)\b",
        _SELF,
        vague=True,
        needs=_rxs(r"\b(?:letters?|notes?|written\s+something|wrote\s+something|cards?)\b"),
        unless=_LEAVING_JOB,
    ),
    # Small arrangements, each vague: "found a good home for my cats", "if anything happens", "just in case".
    *(
        _r("preparing", gate, pattern, _ANY, vague=True, unless=_LEAVING_JOB)
        for gate, pattern in (
            (
                "found",
                r"\bfound\s+a\s+(?:new\s+|good\s+|loving\s+)?home\s+for\s+my\s+(?:dogs?|cats?|pets?|rabbits?|animals)\b",
            ),
            ("happen", r"\bif\s+(?:something|anything)\s+(?:ever\s+)?(?:happens|happened|were\s+to\s+happen)\b"),
            (
                "dog cat pet parrot rabbit",
                r"\b(?:keep|feed|mind|have|take)\s+my\s+(?:dogs?|cats?|pets?|parrot|rabbits?)\b",
            ),
            (
                "dog cat pet parrot rabbit",
                r"\b(?:my|the)\s+(?:dogs?|cats?|parrot|pets?|rabbits?)(?:'s)?\s+(?:[\w'-]+\s+){0,4}?(?:with|to|at|into)\s+my\s+"
                r"(?:sister|brother|neighbou?r|friend|mum|mom|mam|dad|parents)(?:'s)?\b",
            ),
            (
                "insurance passwords password will savings",
                r"\bchecked\s+my\s+(?:life\s+)?insurance\b|\b(?:life\s+)?insurance\s+(?:goes|pays|papers)\b|\bpasswords?\s+"
                r"(?:are|is)\s+in\b|\b(?:sent|gave|give|told)\s+(?:her|him|them|my\s+\w+)\s+(?:the\s+|my\s+)?passwords?\b"
                r"|\bmy\s+will\s+is\s+(?:signed|done|written|sorted)\b|\b(?:will\s+get|gets)\s+my\s+(?:car|savings|money"
                r"|house|flat)\b|\b(?:sent|send|transferred|gave)\s+my\s+savings\s+to\b",
            ),
            (
                "letter letters note",
                r"\bletters?\s+(?:written|done)\b(?=\s*(?:$|[.!]))|\bleft\s+(?:a|the|my)\s+note\s+in\s+my\b",
            ),
            ("find", r"\b(?:will|'ll)\s+find\s+(?:them|it)\b"),
            (
                "pension insurance passwords password paid sold",
                r"\bpension\s+nomination\b|\b(?:insurance|pension)\b[^.!?]{0,30}?\bso\s+(?:my\s+)?\w+\s+(?:is|are|will\s+be)\s+"
                r"(?:covered|looked\s+after|ok|okay|sorted)\b|\b(?:wrote|written|writing)\s+down\s+(?:all\s+)?(?:the\s+|my\s+)?"
                r"passwords\b|\b(?:given|gave|give|left)\s+(?:my\s+)?passwords?\s+(?:to|for|with)\b|\bpasswords?\s+(?:is|are)\s+"
                r"(?:on|in)\s+(?:a|the)\s+(?:note|envelope|drawer|fridge)\b|\bpaid\s+off\s+(?:all\s+)?(?:my\s+|the\s+)?(?:debts?"
                r"|credit\s+cards?)\b|\bsold\s+my\s+car\b",
            ),
            (
                "know",
                r"(?:^|(?<=[.!?]\s))(?:she|he|they)\s+(?:doesn'?t|doesnae|don'?t|didn'?t)\s+know\s+(?:why|what\s+(?:it'?s|it\s+is"
                r"|i\s+meant))\b",
            ),
            (
                "reply answer respond turn show",
                r"\bif\s+i\s+(?:don'?t|do\s+not)\s+(?:reply|answer|respond|turn\s+up|show\s+up)\b",
            ),
            ("better", r"\b(?:it'?s|it\s+is)\s+better\s+this\s+way\b"),
            (
                "mind decision decided",
                r"\bmade\s+up\s+my\s+mind\b|\bmade\s+my\s+decision\b|\bmy\s+mind\s+is\s+made"
                r"\s+up\b|\bi\s+(?:have\s+|'ve\s+)?already\s+decided\b",
            ),
            ("rota roster", r"\bwon'?t\s+be\s+on\s+the\s+(?:rota|roster|schedule)\s+(?:after|from|next)\b"),
            (
                "name",
                r"\b(?:register\w*|transferr?\w*|put|sign\w*)\s+(?:over\s+)?(?:(?:the|my)\s+(?:car|house|flat)|it)\s+(?:in|into"
                r"|over\s+to)\s+(?:[\w']+\s+)?name\b",
            ),
            ("peace", r"\b(?:made\s+my\s+peace\b|at\s+peace\s+with\s+it\b)"),
            ("feels", r"\bfeels\s+(?:so\s+)?(?:tidy|done|sorted)(?:\s+now)?(?=\s*(?:$|[.!]))"),
            ("wrote", r"\bwr[io]te\s+my\s+note\b"),
            ("letters", r"\bletters?\s+written\b"),
            ("hidden", r"\bhidden\s+in\s+(?:my|the)\b"),
            ("waiting", r"\bwaiting\s+(?:til|till|until)\s+after\b"),
            ("then", r"\band\s+then\s+that'?s\s+it\b"),
            ("wait", r"\bwon'?t\s+have\s+long\s+to\s+wait\b"),
            ("where", r"\bi\s+know\s+where\s+i'?m\s+(?:going|driving|headed|heading)\b"),
            ("why", r"\bdidn'?t\s+tell\s+(?:him|her|them|anyone)\s+why\b"),
            ("forgive pray", r"\bplease\s+forgive\s+me\b|\bpray\s+for\s+me\b(?=\s*(?:$|[.!]))"),
            ("sorry", r"\bsorry\s+(?:i\s+was|for\s+being)\s+(?:not\s+enough|a\s+burden|such\s+a\s+burden)\b"),
            ("understand", r"\byou'?ll\s+(?:all\s+)?understand\s+(?:later|soon|why)\b"),
            ("case", r"\bin\s+case\s+i'?m\s+not\s+(?:around|here)\b"),
            ("way", r"(?:^|(?<=[.!?]\s))the\s+way\s+out(?=\s*[.!])"),
            ("use take need", r"\bi\s+know\s+what\s+i'?d\s+(?:use|take)\b"),
            ("goodbye bye", r"(?:^|(?<=[.!?]\s))(?:goodbye|bye)\W*x*\W*$"),
            (
                "goodbye",
                r"\b(?:draft\w*|rehears\w*|written|wrote|saved|scheduled)\b[^.!?]{0,40}?\bgoodbye\s+(?:email|message|letter|note"
                r"|post)\b|\bgoodbye\s+(?:email|message|letter|note|post)\b[^.!?]{0,30}?\b(?:draft|saved|scheduled|written)\b",
            ),
            ("case", r"\b(?:just\s+)?in\s+case\b(?=\s*(?:$|[.!]))"),
            ("after", r"\bfor\s+after\b(?=\s*(?:$|[.!'\"]))"),
            ("long", r"\bnot\s+long\s+now\b"),
            ("list", r"\blast\s+thing\s+on\s+my\s+list\b"),
            ("mess", r"\bdidn'?t\s+want\s+to\s+leave\s+a\s+mess\b"),
        )
    ),
    _r(
        "means_access",
        "took taken nicked stole pocketed swiped brought",
        r"\b(?:took|taken|nicked|stole|pocketed|swiped|brought)\s+(?:home\s+)?(?:the\s+|some\s+|a\s+few\s+|a\s+couple\s+of\s+)?"
        r"(?:[\w'-]+\s+)?<DRUG>\b(?:\s+[\w']+){0,2}?\s+(?:home\s+)?from\s+(?:the\s+|my\s+)?(?:[\w'-]+\s+){0,2}?(?:work|ward"
        r"|unit|icu|itu|theatres?|or|returns|fridge|cupboard|trolley|pharmacy|clinic|resus|ambulance|truck|station|kit"
        r"|drug\s+room|locker|hospice)\b(?![^.!?]{0,60}?\bto\s+(?:help\s+(?:me\s+)?)?<COPE>)",
        _SELF,
    ),
    _r(
        "means_access",
        "home shouldn",
        r"\btak(?:e|ing)\s+(?:it|them)\s+home\b|\bi\s+shouldn'?t\s+have\b",
        _SELF,
        after=r"\b<DRUG>\b[^.!?]{0,50}?",
    ),
    _r(
        "means_access",
        "bag backpack car locker purse pocket handbag",
        r"\b(?:is|are|'s)\s+in\s+my\s+(?:bag|backpack|car|locker|purse|pocket|handbag)\b",
        _NOT_OTHER,
        vague=True,
        after=r"\b<DRUG>\s+",
    ),
    _r(
        "means_access",
        "keeping kept",
        r"\b(?:keeping|kept(?:\s+back)?|been\s+keeping)\s+(?:back\s+)?(?:a\s+few\s+|a\s+couple\s+of\s+|some\s+|the\s+|my\s+)?"
        r"(?:[\w'-]+\s+)?<DRUG>\s+(?:from|back)\b|\bkeeping\s+them\s+in\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:tin|box|envelope|bag"
        r"|bottle|jar)\b",
        _SELF,
        needs=_DRUG,
    ),
    _r(
        "means_access",
        "box tin bag envelope car glovebox locker handbag purse backpack wardrobe",
        r"\bi\s+have\s+(?:it|them)\s+in\s+a\s+(?:box|tin|bag|envelope)\s+in\s+my\s+(?:wardrobe|room|car|bag|closet|drawer)\b"
        r"|\b(?:it'?s|they'?re|they\s+are)\s+in\s+my\s+(?:work\s+)?(?:bag|car|glovebox|locker|handbag|purse|backpack|wardrobe)\b",
        _ANY,
        vague=True,
        needs=_DRUG,
    ),
    _r(
        "took_overdose",
        "took",
        r"\btook\s+everything\s+in\s+(?:the|my)\s+(?:[\w-]+\s+)?(?:cupboard|cabinet|drawer|bag|box|tin)\b|\btook\s+(?:the\s+lot|them\s+all|all\s+of\s+them|the\s+rest)\s+with\s+(?:a\s+few\s+|some\s+|a\s+bottle\s+of\s+)?"
        r"(?:beers?|wine|vodka|gin|whisky|cans|drinks?)\b",
        _SELF,
    ),
    _r(
        "preparing",
        "everything things stuff",
        r"\b(?:bought|got|have)\s+(?:the\s+|everything\s+|all\s+the\s+)?(?:things|stuff|everything)\s+i\s+need\b(?=\s*(?:$|[.!]))"
        r"|\b(?:got|have)\s+everything\s+ready\b(?=\s*(?:$|[.!]))",
        _SELF,
    ),
    _r(
        "not_here",
        "because everything",
        r"\b(?:isn'?t|not)\s+because\s+i'?m\s+(?:sick|ill|quitting|leaving)\b|\bknow\s+where\s+everything\s+is\b",
        _ANY,
        vague=True,
    ),
    _r(
        "preparing",
        "think thinks thought told",
        r"\b(?:thinks?|thought|told\s+(?:her|him|them|my\s+\w+|the\s+\w+))\s+(?:that\s+)?(?:i'?m|i\s+am|i|it'?s|it\s+is|it\s+was)\s+"
        r"(?:going|go|retiring|leaving|moving|having|off|away|getting|taking|for)\b[^.!?]{0,50}?(?:[.!?]+\s*|\s+but\s+)"
        r"(?:i'?m|i\s+am|im|it'?s|it\s+is|its)\s+not(?:\s+\w+ing(?:\s+\w+){0,3})?(?:\s+for\s+a\s+\w+)?\s*(?:$|[.!])",
        _ANY,
    ),
    _r(
        "not_here",
        "sick roster rota calling ringing",
        r"\b(?:not|isn'?t|it'?s\s+not)\s+(?:because\s+(?:i'?m\s+)?(?:sick|ill)|because\s+of\s+the\s+(?:roster|rota)|in\s+a\s+calling"
        r"[\s-]in[\s-]sick\s+way|a\s+calling[\s-]in[\s-]sick\s+thing|a\s+sick\s+day)\b|\bnot\s+sick[,.]?\s+(?:not|i'?m)\s+"
        r"(?:quitting|leaving|vacation|holiday|finished|done)\b|\bnot\s+a\s+sick\s+call\b|\bwon'?t\s+be\s+(?:ringing|calling)\s+in"
        r"\s+sick\b",
        _ANY,
    ),
    _r(
        "not_here",
        "ever again any",
        r"\bor\s+(?:ever|again|any\s+(?:day|month|week|after|other\s+\w+))\b",
        _ANY,
        after=r"\b(?:won'?t|wont|will\s+not|not\s+going\s+to)\s+be\s+(?:at|on|in|back|there|around|coming|\w+ing)\b[^.!?]{0,40}?"
        r"[.,]?\s+|\bnext\s+shift\s+",
    ),
    _r(
        "not_here",
        "gone around",
        r"\bi'?ll\s+be\s+gone\s+(?:by|before)\s+(?:the\s+)?(?:morning|tomorrow|tonight|weekend|then|friday|monday|sunday"
        r"|saturday)\b|\b(?:won'?t|wont)\s+be"
        r"\s+(?:around|here|alive)\s+for\s+(?:my|christmas|new\s+year|the)\b",
        _ANY,
    ),
    _r(
        "goodbye",
        "reading last night period",
        r"\bif\s+you'?re\s+reading\s+this,?\s+i'?m\s+sorry\b(?!\s+(?:for|about)\s+(?:the|this|my)\s+(?:long|rant|essay|wall"
        r"|ramble|length|post|typos?))|\blast\s+thing\s+i'?ll\s+(?:ever\s+)?(?:post|write|say)\b"
        r"|\bmy\s+last\s+(?:night|day),?\s+period\b",
        _ANY,
        unless=_TRANSITION,
    ),
    _r(
        "plan",
        "waiting long stops",
        r"\bwaiting\s+for\s+the\s+right\s+(?:night|day|time|moment)\b|\bhow\s+long\s+before\s+(?:anyone|someone|anybody)\s+"
        r"(?:comes?\s+looking|notices?|finds?|would\s+(?:notice|find|come))\b|\bit\s+(?:all\s+)?stops[.,]?\s+all\s+of\s+it\b",
        _ANY,
    ),
    _r(
        "wish_dead",
        "make",
        r"\bmake\s+sure\s+i\s+(?:don'?t|do\s+not|never|won'?t)\s+wake\s+up\b",
        _ANY,
    ),
    _r(
        "method",
        "eyes",
        r"\b(?:drove|driving|drive|drivin)\s+(?:home\s+)?with\s+my\s+eyes\s+closed\b(?![^.!?]{0,60}?\b(?:by\s+accident|accidentally"
        r"|nodd\w*\s+off|dozed|fell\s+asleep|so\s+tired|exhausted))",
        _NOT_OTHER,
    ),
    _r(
        "lethal_amount",
        "know",
        r"\b(?:know|knew)\s+(?:exactly\s+)?(?:which|what)\s+(?:[\w']+\s+){0,5}?would\s+do\s+it\b|\bi\s+know\s+it'?s\s+enough\b",
        _NOT_OTHER,
        needs=_DRUG,
        unless=_rxs(r"\b(?:patients?|pts?|protocol|dka|hyperkalaemia|hyperkalemia|dose\s+for)\b"),
    ),
    _r(
        "lethal_amount",
        "saved enough",
        r"\bsav(?:e|ed|ing)\s+up\s+enough\b|\bmore\s+than\s+enough\s+now\b",
        _NOT_OTHER,
    ),
    _r(
        "method",
        "ligature express train",
        r"\bligature\s+points?\s+in\s+my\b|\bknow\s+when\s+the\s+(?:express|train|last\s+train|fast\s+train)s?\s+"
        r"(?:goes|go|comes?|pass\w*)\b",
        _NOT_OTHER,
    ),
    _r(
        "means_access",
        "waste wasted return returned destroy destroyed hand give gave bring brought took",
        r"\b(?:waste|wasted|return|returned|destroy|destroyed|hand(?:ed)?\s+(?:it|them)\s+back|g[ia]ve\s+(?:it|them)\s+back"
        r"|br(?:ing|ought)\s+(?:it|them)\s+back|took\s+(?:it|them)\s+back)\b",
        _NOT_OTHER,
        after=r"\bi\s+(?:didn'?t|never)\s+",
        needs=_DRUG,
    ),
    _r(
        "means_access",
        "should supposed never",
        r"\b(?:should'?ve|should\s+have)\s+been\s+(?:returned|destroyed|disposed\s+of|handed\s+back)\b|\bnever"
        r"\s+(?:counted|handed|gave|given)\s+(?:it\s+|them\s+)?back\b",
        _NOT_OTHER,
        after=r"\b<DRUG>\b[^.!?]{0,40}?",
    ),
    _r(
        "intent",
        "take use swallow",
        r"\b(?:take|use|swallow)\s+(?:it|them|the\s+lot|it\s+all|them\s+all|all\s+of\s+(?:it|them))\b",
        _SELF,
        after=r"\b(?:going\s+to|gonna|gunna|gonnae|will|i'?ll|about\s+to)\s+",
        needs=_DRUG,
    ),
    _r(
        "intent",
        "do dae",
        r"\b(?:do|dae)\s+it\s+(?:tonight|tomorrow|tmrw|after|when|this|on|next|soon|wan\s+o|one\s+of\s+these|before|by"
        r"|at)\b",
        _SELF,
        after=r"\b(?:going\s+to|gonna|gunna|gonnae|will|i'?ll)\s+",
    ),
    _r(
        "intent",
        "through thru",
        r"\b(?:through|thru)\s+wi(?:th|')?\s+it\b(?!\s*!)",
        _SELF,
        after=r"\b(?:i'?m|ah'?m|i\s+am|i'?ll|i\s+will|i\s+think\s+i'?m)\s+(?:actually\s+|really\s+|definitely\s+|finally\s+)?"
        r"(?:gonna\s+|gonnae\s+|going\s+to\s+)?go(?:ing)?\s+",
        unless=(
            *_TRANSITION,
            *_rxs(r"\b(?:signed\s+up|booked|registered\s+for|enrolled|applied\s+for|training\s+plan)"),
        ),
    ),
    _r(
        "plan",
        "day when",
        r"\b(?:tomorrow|tmrw|monday|tuesday|wednesday|thursday|friday|saturday|sunday|the\s+\d+(?:st|nd|rd|th)"
        r"|christmas(?:\s+eve|\s+day)?|new\s+year'?s?(?:\s+eve)?)(?:'s|\s+is|\s+will\s+be)\s+the\s+(?:day|night)\b"
        r"(?=\s*(?:$|[.…,;]))",
        _ANY,
        vague=True,
        unless=_TRANSITION,
    ),
    _r("plan", "when", r"\b(?:is|that'?s|thats)\s+when(?=\s*(?:$|[.…]))", _ANY, after=r"^\W*(?:[\w']+\s+){0,6}"),
    _r(
        "plan",
        "decid decision",
        r"\bdecid\w*\b[\s.,]*(?:(?:it'?s|its)\s+|(?:it'?s|its)?\s*(?:gonna|going\s+to|will)\s+be\s+)(?:tonight|tomorrow|tmrw|after|this|on"
        r"|next|the\s+\w+|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b(?:i\s+)?decided[.!,]+\s+"
        r"(?:end\s+of|after|tomorrow|tonight|on|this|next)\b",
        _SELF,
    ),
    _r(
        "plan",
        "date plan mine",
        r"\b(?:got|have|picked|chosen|chose|set|circled)\s+(?:a|the|my)\s+date\s+(?:picked|circled|chosen|set|sorted"
        r"|in\s+my\s+head)\b(?!\s+for\b)|\b(?:got|have|circled)\s+the\s+date\s+circled\b|\ba\s+plan\s+and\s+a\s+date\b"
        r"|\bmy\s+plan\s+is\s+(?:ready|made|set|done|sorted|in\s+place)\b|\bmine\s+is\s+(?:already\s+)?made\b",
        _NOT_OTHER,
    ),
    _r(
        "intent",
        "done anything",
        r"\b(?:i'?m|im|i\s+am)\s+done[.!,]+\s+(?:properly|totally|completely|really|actually)\s+done\b(?![\s,]+(?:till"
        r"|until|for\s+(?:the|a)|with\s+(?:this|that|the)))|\bno\s+more\s+anything\b|\bnot\s+doing\s+(?:another"
        r"|any\s+more)\s+\w+\s+of\s+anything\b",
        _NOT_OTHER,
        unless=_TRANSITION,
    ),
    _r(
        "intent",
        "forgive safe",
        r"\bforgive\s+me\s+for\s+what\s+i'?m\s+(?:about|going)\s+to\s+do\b|\bnot\s+safe\s+(?:tonight|right\s+now"
        r"|at\s+the\s+moment|today|anymore)\b",
        _ANY,
    ),
    _r(
        "means_access",
        "leftover left spare unused late mum mom mam dad father mother nan gran grandma grandad grandads husband wife",
        r"\b(?<!\bher\s)(?<!\bhis\s)(?<!\btheir\s)(?<!\byour\s)(?:leftover|left-?over|spare|unused"
        r"|late\s+\w+'?s|(?:grand)?(?:dad|mum|mom|mam|father|mother|nan|gran"
        r"|granny|grandma|grandad|grandpa|lola|husband|wife)'?s)\s+(?:[\w'-]+\s+){0,3}?<DRUG>\b",
        _NOT_OTHER,
        after=r"\b(?:keep\w*|kept|have|got|had|saving|saved|sav(?:e|ing)\s+up|hid|hidden|took|take|taking|stole|holding"
        r"|held|carrying|found)\s+(?:[\w']+\s+){0,5}?",
        needs=(
            _rxs(
                r"\b(?:keep\w*\s+(?:touching|looking|checking|going\s+in)|i\s+know\s+what\s+(?:for|they|it)|plans?\s+for"
                r"\s+(?:it|them)|never\s+(?:gave|given|returned|counted|took|handed)|should'?ve\s+been\s+(?:returned"
                r"|destroyed|disposed)|supposed\s+to\s+(?:destroy|return|dispose)|in\s+my\s+(?:car|purse|bag|handbag"
                r"|glovebox|glove\s+box|room|locker|pocket|drawer|wardrobe)|with\s+me|been\s+(?:keeping|carry\w*|saving)"
                r"|hidden|(?:i|i'?ve)\s+(?:kept|hid|saved)|think\s+(?:only\s+)?(?:of|about)\s+(?:it|them|this)"
                r"|i\s+didn'?t\b|still\s+(?:in|have|got)|kept|thinking\s+about\s+the\s+rest)"
            )
        ),
    ),
    _r(
        "means_access",
        "from",
        r"\bfrom\s+(?:the\s+|my\s+|a\s+|when\s+)?(?:[\w']+\s+){0,3}?(?:hospice|palliative|returns|kit|pt|patient"
        r"|passed|died|ward|work|theatres?|drug\s+room|casualty|clinic(?:\s+room)?|fridge|cupboard|stock|resus|a&e"
        r"|treatment|illness|prescription|op|operation|surgery)\b",
        _NOT_OTHER,
        after=r"\b<DRUG>\b(?:\s+[\w']+){0,2}?\s+",
        needs=(
            _rxs(
                r"\b(?:in\s+my\s+(?:car|purse|bag|handbag|glovebox|glove\s+box|room|locker|pocket|drawer|wardrobe"
                r"|station\s+locker|backpack|bathroom\s+cabinet|cabinet)|been\s+carry\w*|never\s+took\s+(?:it|them)\s+back|(?:is|are|it'?s|they'?re)\s+with\s+me|never\s+(?:gave|given|returned|counted|got"
                r"\s+done)|should'?ve\s+been\s+returned|i\s+know\s+what\s+for|keep\s+touching|going\s+to\s+use)\b"
            )
        ),
    ),
    _r(
        "means_access",
        "stockpil sav put set",
        r"\b(?:stockpil\w*|sav(?:e|ing)\s+(?:them|it)\s+up|(?:put|putting|set|setting)\s+aside\s+(?:a\s+few\s+|some\s+"
        r"|a\s+couple\s+of\s+)?(?:[\w'-]+\s+)?<DRUG>)\b",
        _SELF,
        needs=_DRUG,
    ),
    _r(
        "means_access",
        "lined getting counted bought bag box pile handful bottle",
        r"\blined\s+(?:them|the\s+\w+)\s+up\b|\blined\s+up\s+on\s+(?:the|my)\s+(?:bedside|table|counter|bed|desk|kitchen)\b|\bget\w*\s+(?:the|my)\s+<DRUG>\s+out\s+now\b|\bbought\s+(?:a\s+)?(?:heap"
        r"|load|lot|pile|stack|boxes|packets)\s+of\s+<DRUG>\s+from\s+(?:\d+|two|three|four|several|different)\b"
        r"|\b(?:bag|box|pile|handful|bottle)\s+of\s+<DRUG>\s+(?:on|in|next\s+to|beside)\s+(?:the\s+|my\s+)?(?:passenger"
        r"\s+seat|table|bed|lap)\b",
        _NOT_OTHER,
        needs=_DRUG,
    ),
    _r(
        "lethal_amount",
        "fastest quickest faster quicker quietly painless least appear show picked detect toxicolog mortem heart "
        "lethal fatal mimic natural coroner tox take trace",
        r"\b(?:fastest|quickest|faster|quicker|quietly|painless\w*|least\s+likely|not\s+(?:appear|show)|picked\s+up"
        r"|detect\w*|toxicolog\w*|post\s*mortem|stop\s+(?:the|a|my)\s+heart|lethal|fatal|mimic|natural\s+death"
        r"|look\s+natural|coroner|tox|would\s+it\s+take|trace)\b",
        _ANY,
        after=r"\b(?:which|what|how|anything|something|if|whether|qu'?est|quel\w*)\b[^.?!]{0,70}?",
        needs=_FOR_ME,
    ),
    _r(
        "lethal_amount",
        "long",
        r"\bhow\s+long\s+(?:does\s+it|it|would\s+it|will\s+it)\s+takes?\b[^.?!]{0,60}?\b(?:fatal|work|die"
        r"|lose\s+consciousness|death|kill)\b",
        _ANY,
        needs=_FOR_ME,
    ),
    _r(
        "lethal_amount",
        "googl look search research found read work",
        r"\b(?:found\s+out|work\w*\s+out|read\w*\s+(?:up\s+)?(?:on|about)|(?:googl\w*|look\w*\s+up|search\w*|research\w*)"
        r"(?:\s+on)?)\s+"
        r"(?:how\s+long|how\s+quickly|which|what)\b"
        r"[^.?!]{0,50}?\b(?:lose\s+consciousness|to\s+die|fatal|lethal|quickest|fastest|painless|stop\s+the\s+heart"
        r"|look\s+natural|natural\s+death|(?:be\s+)?detected|ways?\s+take|show|come\s+up|be\s+(?:picked\s+up|found)"
        r"|work\s+fastest|act\s+fastest|would\s+work\s+with\s+what\s+i\s+have|most\s+reliable|it\s+takes(?=\s*[.!]))",
        _SELF,
    ),
    # Rehearsal: returning to a high or dangerous place. Standing, sitting or stopping there counts with any
    # sign of repetition ("again", "every night"); passing through (walking, driving) only with a stronger one
    # ("third time this week", "closer each time"), so a commute over a bridge is not a rehearsal.
    *(
        _r(
            "method",
            "bridge footbridge viaduct track railway train platform ledge roof railing cliff bend overpass flyover "
            "parking park carpark crossing multi multistorey",
            r"\b(?:on|at|to|by|near|onto|across|over|off|past|down|along|up)\s+(?:the\s+|that\s+|a\s+)?(?:[\w']+\s+){0,4}?"
            r"<PLACE>(?=[^\n]{0,70}?\b(?:"
            + markers
            + r"))(?![^.!?\n]{0,80}?\b(?:waiting\s+for\s+(?:the|a|my)\s+(?:train|bus"
            r"|tram|lift|ride)|delayed|cancell?ed|because\s+(?:the|of))\b)",
            _NOT_OTHER,
            after=verbs + r"\s+(?:out\s+|down\s+|right\s+|over\s+|across\s+|up\s+)?",
        )
        for verbs, markers in (
            (
                r"\b(?:stand\w*|stood|sat|sit|sittin\w*|lean\w*|been|parked(?:\s+up)?|i'?m|standin|stopp\w*|lay|lie|lying|laid)",
                r"again|every\s+(?:night|shift|evening)|all\s+week|for\s+ages|for\s+an\s+hour|now|tonight|since\s+\d+\s*(?:pm|am)"
                r"|<REPEATED>",
            ),
            (r"\bkeep\s+(?:stand\w*|sitting|going(?:\s+up)?|driving|walking|stopping)", r""),
            (
                r"\b(?:walk\w*|went(?:\s+back)?|go(?:ing|in)?(?:\s+back)?|goin|drove|driv\w*|back|head\w*)",
                r"<REPEATED>|now\b",
            ),
        )
    ),
    _r(
        "method",
        "bridge footbridge viaduct track railway ledge cliff overpass flyover",
        r"\b(?:i'?m|im|i\s+am)\s+(?:on|at)\s+the\s+(?:[\w']+\s+)?(?:bridge|footbridge|viaduct|tracks?|railway(?:\s+line)?|ledge"
        r"|cliffs?|overpass|flyover)\b(?=\s*(?:$|[.!,]|now\b))(?![^.!?\n]{0,60}?\b(?:traffic|stuck|queue|bus|on\s+my\s+way|late))",
        _ANY,
    ),
    _r(
        "method",
        "rope helium noose loaded traffic",
        r"\b(?:bought|buy|buying|ordered|got)\s+(?:a\s+|the\s+|some\s+)?(?:rope|helium(?:\s+tank)?|noose)\b(?!\s+(?:for\s+"
        r"(?:the\s+)?)?(?:balloons?|party|birthday))|\b(?:got|have)\s+(?:it|the\s+gun|my\s+gun|the\s+rifle)\s+loaded\b"
        r"|\bwalk\w*\s+into\s+traffic\s+on\s+purpose\b",
        _SELF,
    ),
    _r(
        "method",
        "ocean sea river lake water road swallow",
        r"\b(?:walk|swim)\w*\s+(?:out\s+)?into\s+the\s+(?:sea|ocean|river|lake|water)\b|\brun\w*\s+(?:my\s+|the\s+)?car"
        r"\s+off\s+the\s+road\b|\bswallow\w*\s+everything\s+in\s+my\b",
        after=_THINKING,
    ),
    _r(
        "preparing",
        "need useless",
        r"\bwhere\s+i(?:'?m|\s+am)?\s+(?:going|headed|heading|goin|go)\b[^.!?]{0,40}?\b(?:won'?t|will\s+not|don'?t|not)"
        r"\s+(?:be\s+)?need|\b(?:won'?t|will\s+not|not\s+gonna)\s+(?:be\s+)?need(?:ing)?\s+(?:it|them|any\s+of\s+(?:it|this"
        r"|them)|either|my\s+\w+)\s+(?:where|after)\b|\bmine\s+will\s+be\s+useless\b",
        _ANY,
        unless=_TRANSITION,
    ),
    _r(
        "preparing",
        "goodbye farewell suicide note",
        r"\b(?:goodbye|farewell|suicide)\s+(?:letters?|notes?)\s+(?:are|is)\s+(?:done|written|finished|ready)\b|\bmy"
        r"\s+note(?:'s|\s+is)\s+in\b",
        _ANY,
    ),
    _r(
        "preparing",
        "need",
        r"\bwon'?t\s+(?:be\s+)?need(?:ing)?\s+(?:it|them|him|her|the\s+\w+|my\s+\w+|any\s+of\s+(?:it|this|them))\s+"
        r"(?:anymore|any\s+more|back|again)\b(?![\s,]*(?:since|because|as|cos|now\s+that)\b)",
        _ANY,
        unless=_TRANSITION,
    ),
    _r(
        "preparing",
        "insurance suicide clause pays",
        r"\bsuicide\s+clause\b|\bpays?\s+out\s+(?:regardless|if\s+it'?s\s+suicide|if\s+its\s+suicide|for\s+suicide)\b",
        _NOT_OTHER,
    ),
    _r(
        "preparing",
        "ones find",
        r"\b(?:aren'?t|isn'?t|won'?t\s+be|not)\s+the\s+ones?\s+(?:to|who)\s+finds?\s+me\b|\bthe\s+ones?\s+(?:to|who)\s+finds?\s+me\b|\bwho\s+(?:will|would|'?ll)\s+find\s+me\b|\bfind\s+me\s+(?:after"
        r"|dead|first|in\s+the\s+morning)\b",
        _ANY,
    ),
    _r(
        "goodbye",
        "last where goodbye time",
        r"\blast\s+post\b(?:\s+(?:from\s+me|here|ever|on\s+here))?(?=\s*(?:$|[.!,🕊]))|\bthis\s+is\s+where\s+i\s+say"
        r"\s+goodbye\b|\b(?:know|knew)\s+it\s+was\s+(?:a\s+)?goodbye\b|\bby\s+the\s+time\s+(?:they|you|anyone|someone)"
        r"\s+(?:all\s+)?(?:read|see|find)s?\s+(?:this|it)\b",
        _ANY,
        unless=_TRANSITION,
    ),
    _r(
        "wish_dead",
        "wak waking hop",
        r"\bnot\s+waking\s+up\b[^.!?]{0,30}?\b(?:would\s+be|sounds)\s+(?:perfect|nice|good|fine|a\s+relief|lovely|ideal"
        r"|ok)\b|\bnot\s+(?:planning|intending|expecting)\s+(?:on|to)\s+wak(?:e|ing)\b|\bhop\w*\s+(?:that'?s\s+it|i"
        r"\s+(?:won'?t|don'?t|never)\s+(?:get\s+up|wake))\b",
        _NOT_OTHER,
    ),
    _r(
        "suicidal_thoughts",
        "pt matar morrer morir mourir tuer vivre finir meu pense quiero",
        r"\bpt\s*=\s*me\b|\bthe\s+(?:pt|patient)\s+is\s+me\b|\b(?:me|vou\s+me)\s+matar\b|\bquero\s+morrer\b|\bquiero"
        r"\s+morir\w*|\bmatarme\b|\bsuicidarme\b|\bme\s+(?:tuer|suicider)\b|\b(?:veux|envie\s+de)\s+mourir\b"
        r"|\bfatigu\w*\s+de\s+vivre\b|\ben\s+finir\b|\bmeu\s+plano\b|\bje\s+pense\s+au\s+suicide\b|\bno\s+quiero\s+vivir\b",
        _ANY,
    ),
    # --- concern: hopelessness
    _r(
        "hopeless",
        "hopeless",
        r"\b(?:feel|feels|feeling|felt|is|it'?s|everything'?s|so|completely|utterly|totally|just)\s+(?:so\s+"
        r"|completely\s+|utterly\s+|totally\s+|pretty\s+|really\s+)?hopeless\b",
    ),
    _r(
        "hopeless",
        "pointless meaningless futile hopeless",
        r"\b(?:everything|life|it\s+all|all\s+of\s+it|my\s+life|my\s+job|this\s+job)\s+(?:feels|is|seems"
        r"|'s)\s+(?:so\s+|completely\s+|just\s+|totally\s+)?(?:pointless|meaningless|futile)\b|\b(?:feel"
        r"|feeling|felt)\s+(?:so\s+|completely\s+|totally\s+)?(?:pointless|meaningless)\b",
    ),
    _r("hopeless", "hopeless", r"\bhopeless\b(?!\s+(?:at|with|case)\b)", _SELF),
    _r("hopeless", "hope will", r"\b(?:lost|losing|no)\s+(?:all\s+)?hope\b|\b(?:no|my)\s+will\s+to\s+live\b"),
    _r(
        "hopeless",
        "better",
        r"\b(?:nothing|it'?s\s+never|things\s+(?:will\s+)?never|won'?t\s+ever|will\s+never"
        r"|never\s+(?:going\s+to|gonna))\s+(?:[\w']+\s+){0,2}?(?:get|gets|be)\s+(?:any\s+)?better\b",
    ),
    _r(
        "hopeless",
        "point",
        r"\b(?:wh?at'?s|what\s+is|whats)\s+(?:even\s+|really\s+|actually\s+)?the\s+point\b<POINT_TAIL>",
    ),
    _r("hopeless", "point", r"\b(?:there'?s|theres|there\s+is|is\s+there)\s+no\s+point\b<POINT_TAIL>"),
    _r(
        "hopeless",
        "see",
        r"\b(?:don'?t|do\s+not|can'?t|cannot|can\s+not|unable\s+to)\s+see\s+(?:the|a"
        r"|any)\s+(?:point\b<POINT_TAIL>|way\s+(?:out|forward|through)|future|light\s+at)",
    ),
    _r(
        "hopeless",
        "matters",
        r"\bnothing\s+(?:really\s+|even\s+)?matters(?=\s*(?:$|[^\w\s']|anymore|any\s+more))",
    ),
    # --- concern: can't go on
    _r(
        "overwhelmed",
        "can unable",
        r"\b<CANT>\s+(?:go\s+on|keep\s+going|carry\s+on|cope|take\s+(?:it|this|much\s+more)|do\s+this"
        r"|handle\s+(?:it|this)|keep\s+doing\s+this)\b<END_TAIL>",
    ),
    _r(
        "overwhelmed",
        "breaking",
        r"\b(?:at|reached|reaching|hit|hitting|near|close\s+to)\s+(?:my\s+|a\s+|the\s+)?breaking\s+point\b",
    ),
    _r("overwhelmed", "tether rope coping", r"\bend\s+of\s+my\s+(?:tether|rope)\b|\bnot\s+coping\b"),
    _r(
        "overwhelmed",
        "apart drowning sinking broken crumbling barely",
        r"\b(?:i'?m|i\s+am|i\s+feel\s+like\s+<IM>|i\s+feel)\s+(?:so\s+|just\s+|completely\s+|totally\s+"
        r"|really\s+)?(?:falling\s+apart|drowning(?!\s+in\b)|sinking|broken(?!\s+down)|crumbling"
        r"|barely\s+(?:holding\s+on|coping|surviving|functioning))\b",
    ),
    _r(
        "overwhelmed",
        "pieces",
        r"\b(?:i'?m|i\s+am|i\s+feel\s+like\s+<IM>|i\s+feel)\s+(?:so\s+|just\s+|completely\s+"
        r"|really\s+)?falling\s+to\s+pieces\b",
    ),
    _r(
        "overwhelmed",
        "ok okay alright doing",
        r"\b(?:i'?m|i\s+am)\s+(?:really\s+|just\s+|honestly\s+|so\s+)?not\s+(?:ok|okay|alright"
        r"|doing\s+(?:well|ok|okay))(?=\s*(?:$|[^\w\s']|at\s+all|anymore|any\s+more))",
    ),
    _r(
        "overwhelmed",
        "face",
        r"\b<CANT>\s+face\s+(?:going\s+(?:back|in|to\s+work)|work|it\s+anymore|anyone|people|the\s+(?:ward"
        r"|unit|job|station))\b",
    ),
    _r("overwhelmed", "done", r"\bdone\s+with\s+(?:everything|it\s+all|all\s+of\s+it)\b"),
    _r(
        "overwhelmed",
        "long",
        r"\bhow\s+(?:much\s+)?long(?:er)?\s+i\s+can\s+(?:keep\s+going|go\s+on|carry\s+on|do\s+this|cope"
        r"|take\s+(?:it|this)|keep\s+doing\s+this)\b",
    ),
    _r("overwhelmed", "live", r"\b<DONT>\s+want\s+to\s+live\s+like\s+this\b"),
    # --- concern: numbness
    _r(
        "numb",
        "numb empty hollow dead nothing detached",
        r"\b(?:numb|empty|hollow|dead\s+inside|nothing(?!\s+but)|detached)\b",
        after=r"\b(?:feel|feeling|felt|i'?m|i\s+am|just|completely|totally)\s+(?:so\s+|completely\s+"
        r"|totally\s+|just\s+|really\s+|kind\s+of\s+|kinda\s+)?",
    ),
    _r(
        "numb",
        "anything thing",
        r"\b(?:don'?t|do\s+not|can'?t|cannot|can\s+not|unable\s+to)\s+feel\s+(?:anything|a\s+thing)\b",
    ),
    _r("numb", "shell", r"\bshell\s+of\s+(?:a\s+person|my\s+(?:former\s+|old\s+)?self|who\s+i\s+was|me)\b"),
    _r(
        "numb",
        "grey gray flat colourless colorless muted",
        r"\b(?:everything|life|the\s+world|it\s+all)\s+(?:is|feels|seems|looks|'s)\s+(?:so\s+|just\s+"
        r"|all\s+)?(?:grey|gray|flat|colou?rless|muted)\b",
    ),
    _r(
        "numb",
        "motions autopilot real",
        r"\bgo(?:ing)?\s+through\s+the\s+motions\b|\bon\s+autopilot\b|\bnothing\s+feels\s+real\b",
    ),
    # --- concern: drinking or drugs to cope
    _r(
        "drinking",
        "drink drunk wasted hammered smashed pissed",
        r"\b(?:drink(?:ing)?|(?:get|getting|got)\s+(?:drunk|wasted|hammered|smashed"
        r"|pissed))\s+(?:[\w']+\s+){0,3}?(?:every|each|most)\s+(?:night|day|evening)s?\b",
        _SELF,
    ),
    _r(
        "drinking",
        "drink vodka wine gin whisk beer booze alcohol weed",
        r"\b(?:drink|drinks|drinking)\b(?:\s+[\w']+){0,8}?\s+to\s+<COPE>|\b(?:vodka|wine|gin|whisky|whiskey"
        r"|beer|booze|alcohol|weed)\b(?:\s+[\w']+){0,5}?\s+to\s+<COPE>",
        _SELF,
    ),
    _r(
        "drinking",
        "bottle glasses cans pints",
        r"\bdrink\w*\s+(?:[\w']+\s+){0,3}?<BOTTLES>|\b<BOTTLES>",
        _SELF,
    ),
    _r(
        "drinking",
        "drinking",
        r"\bdrinking\s+(?:more\s+than\s+i\s+should|too\s+much|heavily|a\s+lot|again|alone"
        r"|<MYSELF>\s+to\s+sleep)\b",
        _SELF,
    ),
    _r(
        "drinking",
        "medicat selfmedicat drunk hammered wasted",
        r"\bself[\s-]?medicat\w*|\b(?:spent|spend|spending)\s+(?:\w+\s+){0,4}?(?:drunk|hammered|wasted)\b",
        _SELF,
    ),
    _r(
        "drinking",
        "drink",
        r"\bdrink\w*\s+(?:in\s+the\s+mornings?|before\s+(?:work|shift|my\s+shift|a\s+shift)|at\s+work"
        r"|on\s+shift|first\s+thing|alone\s+every)\b",
        _SELF,
    ),
    _r(
        "drinking",
        "using taking took popping necking",
        r"\b(?:using|taking|took|popping|necking)\s+(?:[\w']+\s+){0,3}?(?:diazepam|lorazepam|temazepam"
        r"|zopiclone|zolpidem|benzos?|sleeping\s+pills|codeine|tramadol|oxy\w*|morphine|oramorph|painkillers"
        r"|weed|pills)\s+(?:[\w']+\s+){0,3}?to\s+<COPE>",
        _SELF,
    ),
    _r("drinking", "numbing", r"\bnumbing\s+<MYSELF>\s+with\b"),
    # --- concern: intrusive images (second-victim stage two)
    _r(
        "intrusive",
        "stop",
        r"\b<CANT>\s+stop\s+(?:seeing|thinking\s+about|hearing|replaying|picturing|reliving|going\s+over)\b",
    ),
    _r(
        "intrusive",
        "keep",
        r"\bkeeps?\s+(?:on\s+)?(?:seeing|hearing|replaying|picturing|reliving|going\s+over|rerunning"
        r"|running\s+through)\b",
    ),
    _r("intrusive", "eyes", r"\b(?:every\s+time|whenever|when)\s+i\s+(?:close|shut)\s+my\s+eyes\b", _ANY),
    _r("intrusive", "flashback", r"\bflashbacks?\b", _SELF),
    _r(
        "intrusive",
        "nightmares",
        r"\b(?:having|have|had|get|getting)\s+(?:\w+\s+)?nightmares\b|\bnightmares\s+(?:about|of|every"
        r"|since)\b",
        _SELF,
    ),
    _r(
        "intrusive",
        "dream dreaming dreamt dreamed",
        r"\b(?:dream|dreaming|dreamt|dreamed)\s+(?:about|of)\s+(?:it|that|him|her|them|the\s+(?:arrest|code"
        r"|crash|baby|child|patient|family|death|accident|job|shout|call|scene))\b",
        _SELF,
    ),
    _r(
        "intrusive",
        "replaying reliving",
        r"\b(?:replaying|reliving)\s+(?:it|that|the\s+\w+|everything|what\s+happened)\b",
        _SELF,
    ),
    _r(
        "intrusive",
        "replay reliv",
        r"\b(?:replay\w*|reliv\w*)\b(?:\s+[\w']+){0,3}?\s+(?:over\s+and\s+over|again\s+and\s+again"
        r"|in\s+my\s+head)",
    ),
    # --- concern: sleep
    _r(
        "sleep",
        "slept sleep",
        r"\b(?:haven'?t|have\s+not|not|barely|hardly|can'?t|cannot|can\s+not|unable\s+to|couldn'?t"
        r"|struggling\s+to|struggle\s+to|no|never)\s+(?:[\w']+\s+){0,4}?(?:slept|sleeping"
        r"|sleep)\b[^!?]{0,40}?\b(?:weeks|months|a\s+week|a\s+month|ages|a\s+fortnight)\b",
    ),
    _r(
        "sleep",
        "awake",
        r"\b(?:lie|lying|lay)\s+(?:there\s+)?awake\s+(?:every|most|all|each)\s+nights?\b|\b(?:every|most"
        r"|each)\s+night\b[^.!?]{0,30}?\b(?:lie|lying|lay)\s+(?:there\s+)?awake\b",
    ),
    _r(
        "sleep",
        "wake waking woke",
        r"\b(?:wake|waking|woke)\s+(?:up\s+)?(?:at\s+\d+\s*(?:am)?\s+)?(?:every|each|most)\s+night\b",
        _SELF,
    ),
    # --- concern: worthlessness and guilt
    _r(
        "worthless",
        "worthless useless fail fraud burden waste pathetic terrible awful shit crap rubbish bad horrible",
        r"\b(?:i'?m|i\s+am|i\s+feel|feel|feeling|felt)\s+(?:like\s+)?(?:such\s+|so\s+|completely\s+"
        r"|totally\s+|utterly\s+|just\s+)*(?:an?\s+)?(?:complete\s+|total\s+|utter\s+|absolute\s+|massive\s+"
        r"|huge\s+|fucking\s+|bloody\s+)*(?:worthless|useless|failure|fraud|burden|waste\s+of\s+space"
        r"|pathetic|(?:terrible|awful|shit|crap|rubbish|useless|bad|horrible)\s+(?:nurse|doctor|medic"
        r"|paramedic|midwife|person|clinician|mum|mother|dad|human))\b(?!\s+at\s+(?!work\b|home\b|life\b))",
    ),
    _r("worthless", "hate better", r"\bhate\s+<MYSELF>\b|\bbetter\s+off\s+without\s+me\b"),
    _r("worthless", "guilt", r"\bguilt\s+(?:is\s+|'s\s+)?(?:eating|killing|destroying|crushing)\s+me\b"),
    # --- concern: isolation, low mood, escape
    _r(
        "isolated",
        "alone isolated lonely",
        r"\b(?:feel|feeling|felt)\s+(?:so\s+|completely\s+|totally\s+|really\s+|very\s+)?(?:alone|isolated"
        r"|lonely)\b|\b<IM>\s+(?:so|completely|totally|utterly|really)\s+(?:alone|isolated|lonely)\b",
    ),
    _r(
        "isolated",
        "nobody one noone",
        r"\b(?:no\s+one|nobody|noone|no-one)\s+(?:really\s+|even\s+)?(?:understands|gets\s+it|cares|notices"
        r"|knows\s+(?:how|what))\b",
        _ANY,
    ),
    _r(
        "low_mood",
        "cry cried sob",
        r"\b(?:cry|crying|cried|sob\w*)\b(?:\s+[\w']+){0,5}?\s+(?:every|each)\s+(?:day|night|morning|shift)\b"
        r"|\b(?:cry|crying|cried)\b(?:\s+[\w']+){0,5}?\s+before\s+every\b",
    ),
    _r(
        "low_mood",
        "lost interest",
        r"\blost\s+(?:all\s+)?interest\s+in\s+(?:everything|anything|life|things)\b"
        r"|\bno\s+interest\s+in\s+(?:anything|life)\b",
    ),
    _r(
        "low_mood",
        "bed",
        r"\b(?:struggl\w*|can'?t|cannot|barely|hardly)\s+(?:to\s+)?(?:even\s+)?get\s+out\s+of\s+bed\b",
    ),
    _r(
        "low_mood",
        "stop crying",
        r"\b<CANT>\s+stop\s+crying\b|\bcrying\s+(?:all\s+the\s+time|at\s+work|on\s+shift|constantly"
        r"|non-?stop)\b",
        _SELF,
    ),
    _r(
        "low_mood",
        "low down depressed",
        r"\bnever\s+(?:felt|been)\s+(?:this|so)\s+(?:low|down|depressed)\b|\b(?:feel|feeling|felt)\s+(?:so"
        r"|really|very|incredibly|this)\s+(?:low|down|depressed)\b",
    ),
    _r(
        "escape",
        "disappear vanish",
        r"\b<WANT>\w*\s+(?:to\s+|i\s+could\s+)?(?:just\s+)?(?:disappear|vanish)\b",
    ),
)

# ---- context checks -------------------------------------------------------------------------------

# Phone keyboards type curly apostrophes and quotes; the patterns use straight ones.
# (A chain of replace() is several times faster than str.translate on a long story.)
_FOLD = (
    ("’", "'"), ("‘", "'"), ("‛", "'"), ("ʼ", "'"), ("`", "'"), ("´", "'"), ("′", "'"),
    ("“", '"'), ("”", '"'), ("„", '"'), ("‟", '"'), ("″", '"'), ("\u00a0", " "),
)  # fmt: skip


def _fold(text: str) -> str:
    for curly, straight in _FOLD:
        if curly in text:
            text = text.replace(curly, straight)
    return text


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_TOKEN = re.compile(r"[a-z0-9']+")
# Punctuation and conjunctions are separate patterns (mixed in one alternation they search several times
# slower); `_word_matches` checks that a conjunction starts a word.
_CLAUSE_BREAKS = (
    re.compile(r"[,;:()\u2014\u2013\"]| - "),
    re.compile(r"(?:but|and|because|cos|cuz|though|although|yet|while|whereas|then|plus|until|unless)\b"),
)
# How far back from a quote to look for who is speaking (bounded, so a story full of quotes stays linear).
_QUOTE_LOOKBACK = 120
_QUOTED = re.compile(r"\"[^\"\n]{1,300}\"|'(?<![\w']')(?:[^'\n]|'(?=[a-z])){1,300}?'(?![a-z0-9])")
# The writer quoting their own thoughts ("I keep thinking 'just end it'") is kept; anyone else's words go.
_OWN_QUOTE = re.compile(
    r"\b(?:i|i'?m|im|i'?ve|ive|my\s+(?:brain|head|mind|thoughts?))\b[^\"',;]{0,40}?\b(?:think\w*|thought"
    r"|keeps?\s+\w+ing|tell\w*\s+myself|told\s+myself|said|say|told\s+\w+|texted|typed|wrote|goes|going)\W*$"
)
# '"...," she said': a quote opening a sentence is someone else's when the attribution follows it.
_SAID_AFTER = re.compile(
    r"[\s,]*(?:[\w']+\s+){0,2}?(?!i\s)[\w']+\s+(?:said|says|told|tells|asked|asks|wrote|texted|screamed"
    r"|shouted|whispered|kept\s+saying|keeps\s+saying)\b"
)
_REPORTED_QUESTION = re.compile(
    r"(?<!\bi\s)\b(?:asked|asks|ask|asking|wondered|wonders|wondering|questioned)\b(?:\s+[\w']+){0,2}?\s+(?:if"
    r"|whether)\b"
)
_PAST = re.compile(
    r"\b(?:(?:\d+|a\s+few|few|two|three|four|five|six|seven|eight|nine|ten|many|several|some|a\s+couple\s+of"
    r"|couple\s+of)\s+years?\s+ago|years\s+ago|when\s+i\s+was\s+(?:a|an|at|in|younger|little)\b|from\s+(?:the\s+)?age"
    r"\s+(?:of\s+)?\w+\s+(?:to|until|till)\b|in\s+my\s+teens\b"
    r"|back\s+in\s+(?:(?:19|20)\d\d|med\s+school|uni|training|the\s+day)\b|back\s+when\b|as\s+an?\s+(?:f1|f2"
    r"|fy1|fy2|student|sho|intern|teenager|teen|kid)\b)"
    r"|(?<!'m\s)(?<!\bim\s)(?<!\bam\s)(?<!\bget\s)(?<!\bgot\s)\bused\s+to\b"
)
_JOKE = re.compile(r"\b(?:lol|lmao|lmfao|rofl|jk|haha\w*)\b|😂|🤣|💀|😅|😆")

# A crisis told as a story of recovery: a time expression placing the episode in the past, and the
# writer's present-tense recovery ("two years ago I ..., I'm well now"). In such a message a crisis
# signal counts only when its own sentence speaks of now ("again", "tonight", "right now").
_EPISODE_TIME = _rxs(
    r"\b(?:(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|a\s+few"
    r"|few|several|many|some|a\s+couple\s+of|couple\s+of)\s+(?:years?|months?)\s+(?:ago|since|sober|later"
    r"|on)|years\s+ago|(?:it'?s|it\s+is|it\s+has|it\s+had)\s+(?:been\s+)?(?:[\w']+\s+){1,4}?since|(?:that|this)\s+was"
    r"\s+(?:[\w']+\s+){1,3}?ago|in\s+(?:19\d\d|200\d|201\d|202[0-3])|back\s+then|at\s+the\s+time|since\s+then"
    r"|last\s+(?:year|january|february|march|april|may|june|july|august|september|october|november|december)"
    r"|in\s+my\s+(?:first|second|third|fourth|final|last|early)\s+\w+|in\s+my\s+(?:twenties|thirties|forties"
    r"|fifties|teens)|when\s+i\s+was\s+(?:a|an|at|in|younger|new|working|still)\b|il\s+y\s+a"
    r"|anniversary|(?:my|the)\s+(?:crisis|attempt|lowest|worst)\b|as\s+an?\s+(?:f1|f2|fy1|fy2|student|intern"
    r"|new\s+grad))"
)
_RECOVERED = _rxs(
    r"\b(?:i'?m|i\s+am|im)\s+(?:now\s+)?(?:(?:really|genuinely|honestly|truly|doing|so|much|very|mostly"
    r"|okay|ok|and)\s+)*(?:well|okay|ok|alright|good|better|happy|happier|safe|sober|glad|alive|still\s+here"
    r"|back\s+(?:at|on|in|to)|now\s+(?:a|an|the|two|\d+|back|working|in|on))\b(?!\s+(?:at|with|to|for|about|on)\b)"
    r"|\b(?:today|now),?\s+(?:i'?m|i\s+am|im)\b|\b(?:i'?m|i\s+am|im)\s+[\w-]+\s+now\b"
    r"|\b(?:doing|feel|feeling)\s+(?:really\s+|so\s+|much\s+)?(?:well|better)\b|\bgot\s+(?:help|better)\b"
    r"|\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+years?\s+sober\b|\brecovery\b|\bliving\s+proof"
    r"|\bstill\s+here\b|\bget(?:s)?\s+better\b|\bsaved\s+my\s+life\b|\bcame\s+back\s+(?:to|from)\b"
)
# The thoughts coming back: a story of recovery no longer settles anything.
_RELAPSE = _rxs(
    r"\b(?:thoughts?|feelings?|urges?|it|they)\s+(?:are|is|have|has|'s|'re|'ve)\s+(?:\w+\s+)?(?:back|returned"
    r"|coming\s+back|creeping\s+back)\b|\bback\s+(?:there|in\s+that\s+place|to\s+(?:that|where\s+i\s+was))\b"
    r"|\b(?:like\s+that|that\s+way|the\s+same)\s+again\b|\bagain\s+(?:now|lately|tonight|this\s+\w+)\b"
    r"|\b(?:i'?ve|i\s+have|i)\s+relapsed\b|\brelapsing\b"
)
# A sentence about now, or a past tense of the writer's own: how a story's sentences are told apart.
_NOW = _rx(
    r"\b(?:now|tonight|right\s+now|currently|again|anymore|any\s+more|lately|these\s+days|this\s+(?:week"
    r"|morning|evening|afternoon)|at\s+the\s+moment|keep|keeps|still|yesterday|last\s+night|recently|(?:an?|\d+|few"
    r"|couple\s+of)\s+(?:hours?|mins?|minutes|days)\s+ago)\b"
)
# The writer's present tense: "I have a plan", "I've started", "I'm going to".
_PRESENT_SELF = _rx(
    r"\b(?:i\s+(?:have|am|keep|want|feel|need|know|can'?t|will)|i'?m|i'?ll|i'?ve\s+(?:got|been|started|decided|made"
    r"|written|bought|picked))\b"
)
_PAST_TENSE = _rx(
    r"\b(?:i|we|there)\s+(?:had|was|were|tried|planned|started|took|thought|spent|attempted|wrote|posted|came"
    r"|went|got|felt|even|nearly|almost|stopped|drove|did|used|said|told|kept|made|lost|found|sat|began|hit)\b"
    r"|\bi'd\b|\b(?:since|after|before|when)\s+(?:i|my)\b|\bthat\s+i\s+(?:was|had|would)\b"
)
# Advice in the second person or the impersonal: "it's not normal to want to not wake up".
_GENERIC = _rx(
    r"\b(?:it'?s|it\s+is|its)\s+(?:not\s+|also\s+|really\s+|perfectly\s+|very\s+)*(?:normal|ok|okay|common"
    r"|natural|human|understandable|possible)\s+(?:for\s+\w+\s+)?to\b|\bif\s+you(?:'re|\s+are|\s+feel|\s+ever)\b"
)
_GENERIC_HINTS = ("it", "if you")
# "I'm not suicidal", "(kidding, I'm fine)": a denial that settles a quoted line or a joke.
_DENIAL = _rxs(
    r"\b(?:i'?m|i\s+am|im)\s+not\s+(?:actually\s+|really\s+|at\s+all\s+)?suicidal\b|\b(?:kidding|joking|jk)\b"
    r"[\s,.!(]*(?:i'?m|i\s+am|im)\s+(?:fine|ok|okay|alright|good)\b"
)
# Exasperation: "if I have to see one more drunk, I'm going to ...", "if the PACS crashes one more time ...".
_ONE_MORE = _rx(r"\bif\s+(?:[\w']+\s+){0,8}?one\s+more\b")
# A condition with a laugh in the same sentence is a joke about the condition: "if I fail pharm again I'll
# kill myself lol". A laugh alone is not (people minimise: "took the lot lol").
_IF = _rx(r"\bif\s")
# ... unless the writer says it is not one: "im gonna kms. not a joke anymore".
_NOT_JOKING = _rx(r"\bnot\s+(?:a\s+|even\s+)?(?:jok\w*|kidding)\b|\bi\s+mean\s+it\b")
# "I laughed so much I want to die": a laugh that kills.
_LAUGHED = _rx(r"\blaugh\w*\s+(?:so\s+(?:much|hard)|until|till)\b")
_STILL_NOW = _rx(r"\b(?:again|right\s+now|tonight)\b")
# Someone else's account passed on: "customers tell me their husband ...".
_TOLD_ME = _rx(r"\b(?:tell|tells|told|telling)\s+(?:me|us)\s+(?:that\s+)?(?:their|his|her|they|he|she)\b")
# A list item with no first person in it ("- Stockpiling medication"): teaching, a checklist.
_LIST_ITEM = re.compile(r"\s*(?:[-*•·–—]|\d{1,2}[.)])\s")
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|i'd|i'll|me|my|myself|mine)\b")
# Substrings without which the check above cannot match: a cheap test before the regex.
_PAST_HINTS = ("ago", "back", "when i was", "as a", "used", "age ", "teens")
_QUESTION_HINTS = ("ask", "wonder", "question")
_JOKE_HINTS = ("lol", "lm", "rofl", "jk", "haha", "😂", "🤣", "💀", "😅", "😆")
_MENTION_HINTS = ("what does", "word", "term", "phrase", "slang", "hashtag")
_MENTION_AFTER = re.compile(
    r"\s*(?:means?\b|meant\b|stands\s+for\b|is\s+short\s+for\b|is\s+slang\b|=|(?:jokes?|memes?|humou?r|references?"
    r"|banter)\b)"
)
_MENTION_BEFORE = re.compile(r"\b(?:what\s+does|the\s+(?:word|term|phrase|slang)|hashtag)\s*$")

_NEGATIONS = _word_set(
    "not never no nope nah neither nor don't dont doesn't doesnt didn't didnt won't wont wouldn't wouldnt "
    "isn't isnt aren't arent wasn't wasnt haven't havent hasn't hasnt hadn't hadnt ain't aint shouldn't "
    "shouldnt"
)
# Words that may stand between a negation and what it negates: "not really thinking of", "no plans to".
# "can't" is deliberately not a negation: "I can't stop thinking about killing myself".
_NEG_BRIDGE = _word_set(
    "i i'm im i've ive i'd am is are was were be been being have has had having do does did will would "
    "could should might may must going gonna to want wanna really actually ever even seriously honestly "
    "literally currently at all any anything the a an of about abt on in way kind sort like thinking think "
    "thought thoughts plan plans planning intention intentions intend feel feeling felt that this just "
    "ok okay get getting actively remotely so or got go trying try suicidal single one my"
)
_SELF_SUBJECTS = _word_set("i i'm im i've ive i'd i'll ah'm")
_OTHER_SUBJECTS = _word_set(
    "he she they we you u he's hes she's shes they're theyre we're you're youre he'd she'd they'd we'd "
    "you'd he'll she'll they'll we've they've you've who who've who'd who's who're whose someone somebody "
    "everyone pt pts patient "
    "patients"
)
# Nouns that are a third-party subject when a verb follows: "my mate keeps saying", "one of the HCAs has".
_OTHER_NOUNS = _word_set(
    "colleague colleagues friend friends mate mates wife husband partner mum mom dad son daughter brother "
    "sister family relative relatives lad girl boy man woman guy bloke lady kid child student students "
    "nurse nurses doctor doctors medic medics hca hcas reg registrar consultant crewmate gp resident "
    "intern boss manager people paramedic paramedics customer customers client clients resident residents"
)
_VERBISH = _word_set(
    "said says told tells asked asks wants wanted was is has had have are were feels felt keeps kept "
    "thinks thought would will could should did does tried took seems seemed admitted disclosed "
    "mentioned wrote texted denied denies reported"
)
# Words that may open a sentence whose subject is dropped, chat style: "been thinking about ...".
_DROP_OK = _word_set(
    "been keep keeps still just honestly ngl tbh lowkey highkey kinda really so lately always constantly "
    "again lol and but now today tonight literally actually seriously idk like um well ok okay yeah yes "
    "sometimes often feeling feel having started start starting think thinking thought about abt of to "
    "also tho though rn fr legit genuinely currently ugh oh god man hey guys might could would gonna "
    "going wanna want got getting get have had do did am one two three four five six seven eight nine ten "
    "few couple several half need needs reading read looking looked googling googled searching searched "
    "wondering wondered working worked figuring figured planning planned trying tried sitting sat lying lay "
    "took drank went walked stood drove left wrote gave bought kept cut hurt burned told found put made "
    "booked rang checked cancelled deleted messaged transferred asked counted lined standing walking "
    "driving saving keeping giving writing myself already ate slept anyway anyways oh swallowed hid"
)


class _Subject(Enum):
    SELF = "self"
    DROPPED = "dropped"
    OTHER = "other"
    UNKNOWN = "unknown"


def _subject(prefix: str) -> _Subject:
    """The nearest subject before a match in its sentence: the writer, someone else, or unclear."""
    tokens = _TOKEN.findall(prefix)
    for i in range(len(tokens) - 1, -1, -1):
        token = tokens[i]
        if token in _SELF_SUBJECTS:
            return _Subject.SELF
        if token in _OTHER_SUBJECTS:
            return _Subject.OTHER
        if token in _OTHER_NOUNS and (i + 1 == len(tokens) or tokens[i + 1] in _VERBISH):
            return _Subject.OTHER
    if all(token in _DROP_OK or token.isdigit() for token in tokens):
        return _Subject.DROPPED
    return _Subject.UNKNOWN


_NAMES_WRITER = re.compile(r"\bi(?:'d|'m|'ll|'ve)?\s")


def _opens_dropped(prefix: str) -> bool:
    """Does the sentence open chat style, with its subject dropped ("drank half a bottle and ...")?"""
    first = _TOKEN.search(prefix)
    return first is not None and first.group() in _DROP_OK


def _negated(clause_prefix: str) -> bool:
    """True when a negation governs the match: "not", "never", "don't" with only bridge words between."""
    for token in reversed(_TOKEN.findall(clause_prefix)):
        if token in _NEGATIONS:
            return True
        if token not in _NEG_BRIDGE:
            return False
    return False


def _mask_quotes(text: str) -> str:
    """Blank out other people's quoted words (same length, so offsets stay valid)."""

    def blank(match: re.Match[str]) -> str:
        start = match.start()
        earliest = max(0, start - _QUOTE_LOOKBACK)
        sentence_start = max(earliest, *(text.rfind(c, earliest, start) + 1 for c in ".!?\n"))
        prefix = text[sentence_start:start]
        quoted = match.group()
        opens_sentence = not prefix.strip() and len(_TOKEN.findall(quoted)) >= 3
        said_by_other = _SAID_AFTER.match(text, match.end(), match.end() + _QUOTE_LOOKBACK) is not None
        if _OWN_QUOTE.search(prefix) or (opens_sentence and not said_by_other):
            return quoted
        return " " * len(quoted)

    return _QUOTED.sub(blank, text)


def _clause_span(text: str, start: int, sentence_start: int, sentence_end: int) -> tuple[int, int]:
    """The clause around a position: from the last break before it to the next break after it."""
    clause_start, clause_end = sentence_start, sentence_end
    for pattern in _CLAUSE_BREAKS:
        for found in _word_matches(pattern, text, sentence_start, start):
            clause_start = max(clause_start, found.end())
        after = next(_word_matches(pattern, text, start, sentence_end), None)
        if after is not None:
            clause_end = min(clause_end, after.start())
    return clause_start, clause_end


def _has(text: str, hints: tuple[str, ...]) -> bool:
    return any(hint in text for hint in hints)


def _in_quote(text: str, at: int, sentence_start: int, sentence_end: int) -> bool:
    return any(q.start() < at < q.end() for q in _QUOTED.finditer(text, sentence_start, sentence_end))


def _told_as_past(message: _Message, sentence_start: int, sentence_end: int) -> bool:
    """In a story of recovery: is this sentence part of the past episode rather than about now?"""
    text = message.text
    sentence = text[sentence_start:sentence_end]
    if any(p.search(sentence) for p in _EPISODE_TIME):
        return not _STILL_NOW.search(sentence)
    if _NOW.search(sentence):
        return False
    paragraph_start = text.rfind("\n", 0, max(0, sentence_start - 1)) + 1
    if not _PRESENT_SELF.search(sentence) and any(
        p.search(text, paragraph_start, sentence_start) for p in _EPISODE_TIME
    ):
        return True
    return _PAST_TENSE.search(sentence) is not None


def _urgent_in_context(message: _Message, start: int, before: str, sentence_start: int, sentence_end: int) -> bool:
    """The checks a crisis signal must also pass: a list of signs, advice, a denied joke, a past episode."""
    text = message.text
    line_start = text.rfind("\n", 0, start) + 1
    if _LIST_ITEM.match(text, line_start) and not _FIRST_PERSON.search(text, line_start, sentence_end):
        return False
    if _TOLD_ME.search(before) or ("laugh" in before and _LAUGHED.search(before)):
        return False
    exasperated = ("one more" in before and _ONE_MORE.search(before)) or (
        "if" in before and _IF.search(before) and _JOKE.search(text, sentence_start, sentence_end)
    )
    if exasperated and not message.occurs((_NOT_JOKING,)):
        return False
    if message.denies and (
        _in_quote(text, start, sentence_start, sentence_end) or _JOKE.search(text, sentence_start, sentence_end)
    ):
        return False
    return not (message.recovered and _told_as_past(message, sentence_start, sentence_end))


def _accepts(rule: _Rule, match: re.Match[str], message: _Message) -> bool:
    """Do the words around this match make it the writer's own, current, sincere state?"""
    text = message.text
    start = match.start()
    sentence_start, sentence_end = message.sentence_span(start)
    before = text[sentence_start:start]
    if rule.after is not None and not rule.after.search(before):
        return False
    clause_start, clause_end = _clause_span(text, start, sentence_start, sentence_end)
    if rule.who is not _Who.ANY:
        subject = _subject(before)
        if subject is _Subject.UNKNOWN and rule.who is _Who.SELF and _opens_dropped(before):
            # Chat style drops the subject clause by clause too: "ate nothing, slept nothing, burned my hand ...".
            subject = _subject(text[clause_start:start])
        if subject is _Subject.OTHER and rule.who is _Who.NOT_OTHER and _NAMES_WRITER.search(match.group()):
            subject = _Subject.SELF  # "we keep it in the fridge and I know how much I'd need"
        if subject is _Subject.OTHER or (rule.who is _Who.SELF and subject is _Subject.UNKNOWN):
            return False
    if _negated(text[clause_start:start]):
        return False
    clause = text[clause_start : max(clause_end, match.end())]
    if _has(clause, _PAST_HINTS) and _PAST.search(clause):
        return False
    if _has(before, _QUESTION_HINTS) and _REPORTED_QUESTION.search(before):
        return False
    if _MENTION_AFTER.match(text, match.end()):
        return False
    if _has(before, _MENTION_HINTS) and _MENTION_BEFORE.search(before):
        return False
    if _has(before, _GENERIC_HINTS) and _GENERIC.search(before):
        return False
    if rule.signal.level is CrisisLevel.URGENT:
        return _urgent_in_context(message, start, before, sentence_start, sentence_end)
    if rule.signal.level is not CrisisLevel.CONCERN:
        return True
    sentence = text[sentence_start:sentence_end]  # a joke excuses distress talk, never a crisis signal
    return not (_has(sentence, _JOKE_HINTS) and _JOKE.search(sentence))


# ---- choosing rules and where they search ---------------------------------------------------------

# Rules search only the sentences holding their gate words (a long story then costs little more than a
# short one). A match never crosses a sentence end, except "haven't slept. three weeks now": so a window
# also takes in the next sentence when the gate word is this close to the end of its own.
_SPILL = 60
# A sentence ends at a newline, or at marks followed by a space ("0.1 units" and "a.m." go on).
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")


def _index_gates(rules: tuple[_Rule, ...]) -> tuple[dict[str, set[str]], dict[str, list[int]]]:
    """Gate words by their first three letters, and rule positions by gate word."""
    gates_by_key: dict[str, set[str]] = {}
    rules_by_gate: dict[str, list[int]] = {}
    for index, rule in enumerate(rules):
        for gate in rule.gate:
            gates_by_key.setdefault(gate[:3], set()).add(gate)
            rules_by_gate.setdefault(gate, []).append(index)
    return gates_by_key, rules_by_gate


# A message's distinct words find the gate words present (looked up by their first three letters),
# and those pick the rules worth running.
_GATES_BY_KEY, _RULES_BY_GATE = _index_gates(_RULES)


def _gate_pattern(gate: str) -> re.Pattern[str]:
    """Finds the gate word at word starts: the literal comes first (fast to search), the boundary after."""
    literal = re.escape(gate)
    return re.compile(f"{literal}(?<=\\b{literal})" if _is_word_char(gate[0]) else literal)


_GATE_PATTERNS = {gate: _gate_pattern(gate) for gate in _RULES_BY_GATE}
# Replaced by spaces before splitting a message into words, so gate words are found at word starts.
_WORD_SEPARATORS = ("-", "/", ".", ",", ";", ":", "!", "?", "(", ")", '"', " '", "…", "*")


def _gates_present(text: str) -> set[str]:
    """The gate words that start some word of the message."""
    for separator in _WORD_SEPARATORS:
        text = text.replace(separator, " ")
    present: set[str] = set()
    for word in set(text.replace("💊", " 💊 ").split()):
        for gate in _GATES_BY_KEY.get(word[:3], ()):
            if word.startswith(gate):
                present.add(gate)
    return present


def _candidate_rules(gates: Iterable[str]) -> list[_Rule]:
    """The rules with a gate word present, in rule order."""
    return [_RULES[i] for i in sorted({i for gate in gates for i in _RULES_BY_GATE[gate]})]


class _Message:
    """A normalised message with per-message caches shared by the rules."""

    __slots__ = ("_denies", "_occurs", "_recovered", "_sentence_starts", "_windows", "gates", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.gates = _gates_present(text)
        self._windows: dict[str, list[tuple[int, int]]] = {}
        self._occurs: dict[re.Pattern[str], bool] = {}
        self._sentence_starts: list[int] | None = None
        self._recovered: bool | None = None
        self._denies: bool | None = None

    @property
    def recovered(self) -> bool:
        """A story of a past crisis and the writer's recovery since, with no sign of it coming back."""
        if self._recovered is None:
            self._recovered = self.occurs(_EPISODE_TIME) and self.occurs(_RECOVERED) and not self.occurs(_RELAPSE)
        return self._recovered

    @property
    def denies(self) -> bool:
        """The writer says plainly they are not suicidal, or that it was a joke."""
        if self._denies is None:
            self._denies = self.occurs(_DENIAL)
        return self._denies

    @property
    def _starts(self) -> list[int]:
        if self._sentence_starts is None:
            self._sentence_starts = [0, *(m.end() for m in _SENTENCE_END.finditer(self.text))]
        return self._sentence_starts

    def sentence_span(self, pos: int) -> tuple[int, int]:
        """The sentence around a position."""
        starts = self._starts
        i = bisect_right(starts, pos) - 1
        return starts[i], starts[i + 1] if i + 1 < len(starts) else len(self.text)

    def _gate_windows(self, part: str) -> list[tuple[int, int]]:
        """The sentences holding words that start with the gate word (plus spill), merged."""
        if part not in self._windows:
            text, starts = self.text, self._starts
            windows: list[tuple[int, int]] = []
            for hit in _GATE_PATTERNS[part].finditer(text):
                at = hit.start()
                if windows and at + _SPILL < windows[-1][1]:
                    continue  # inside the last window, and too far from its end to extend it
                start = starts[bisect_right(starts, at) - 1]
                after = bisect_right(starts, at + _SPILL)
                end = starts[after] if after < len(starts) else len(text)
                if windows and start <= windows[-1][1]:
                    windows[-1] = (windows[-1][0], max(windows[-1][1], end))
                else:
                    windows.append((start, end))
            self._windows[part] = windows
        return self._windows[part]

    def windows(self, gate: tuple[str, ...]) -> list[tuple[int, int]]:
        """Where a rule with this gate needs searching: merged windows of its gate words present."""
        spans = [window for part in gate if part in self.gates for window in self._gate_windows(part)]
        if len(spans) < 2:
            return spans
        spans.sort()
        merged = [spans[0]]
        for start, end in spans[1:]:
            if start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged

    def occurs(self, patterns: tuple[re.Pattern[str], ...]) -> bool:
        """Whether any of the patterns occurs anywhere (several rules share `needs` and `unless`)."""
        for pattern in patterns:
            if pattern not in self._occurs:
                self._occurs[pattern] = next(_word_matches(pattern, self.text), None) is not None
            if self._occurs[pattern]:
                return True
        return False


_NO_CRISIS = CrisisResult(CrisisLevel.NONE, ())


def _distinct_spans(spans: list[tuple[int, int]]) -> int:
    """How many separate places in the text the hits come from (overlapping matches count once)."""
    count, reach = 0, -1
    for start, end in sorted(spans):
        if start >= reach:
            count += 1
        reach = max(reach, end)
    return count


def screen_rules(text: str) -> CrisisResult:
    """The rule layer alone: signs that the writer is at risk, each with its explanation."""
    if not text or text.isspace():
        return _NO_CRISIS
    if not text.isascii():
        text = _fold(text)
    message = _Message(_mask_quotes(text.lower()))
    normalised = message.text
    found: list[tuple[_Rule, int, str]] = []
    ends: list[int] = []
    settled: set[str] = set()  # codes already found by a rule that is not vague: nothing left to learn
    for rule in _candidate_rules(message.gates):
        if rule.code in settled:
            continue
        windows = message.windows(rule.gate)
        if not windows:
            continue
        candidates = sorted(
            (
                match
                for pattern in rule.patterns
                for start, end in windows
                for match in pattern.finditer(normalised, start, end)
                if _at_word_start(normalised, match.start())
            ),
            key=lambda match: match.start(),
        )
        first = next((match for match in candidates if _accepts(rule, match, message)), None)
        # Message-wide conditions come last: they scan the whole text, and most rules never get this far.
        if (
            first is None
            or (rule.unless and message.occurs(rule.unless))
            or (rule.needs and not message.occurs(rule.needs))
        ):
            continue
        found.append((rule, first.start(), first.group().strip()))
        ends.append(first.end())
        if not rule.vague:
            settled.add(rule.code)
    # A vague hit ("I've got a plan", "sorted my will") counts only alongside another hit, clear or
    # vague (letters to the kids and a thank-you to the group; a plan and a chosen night). Two rules
    # matching the same words are one piece of evidence.
    if len(found) < 2 or _distinct_spans([(hit[1], end) for hit, end in zip(found, ends, strict=True)]) < 2:
        found = [hit for hit in found if not hit[0].vague]
    found.sort(key=lambda hit: (-RANK[hit[0].signal.level], hit[1]))
    signals: dict[str, Signal] = {}
    for rule, _, term in found:
        if rule.code not in signals:
            base = rule.signal
            signals[rule.code] = Signal(base.code, base.level, base.explanation.format(term=term))
    if not signals:
        return _NO_CRISIS
    ordered = tuple(signals.values())
    return CrisisResult(ordered[0].level, ordered)
