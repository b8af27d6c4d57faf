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
from enum import Enum, StrEnum


class CrisisLevel(StrEnum):
    """How worried a moderator should be about the writer."""

    NONE = "none"
    CONCERN = "concern"
    URGENT = "urgent"


_RANK: dict[CrisisLevel, int] = {CrisisLevel.NONE: 0, CrisisLevel.CONCERN: 1, CrisisLevel.URGENT: 2}


@dataclass(frozen=True, slots=True)
class Signal:
    """One reason a message was flagged, worded for a volunteer moderator."""

    code: str
    level: CrisisLevel
    explanation: str
    # Where the words behind it are (the learned layer quotes that sentence to moderators, redacted).
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class CrisisResult:
    """The overall level and the signals behind it, most severe first."""

    level: CrisisLevel
    signals: tuple[Signal, ...]


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
    r"rolol bisoprolol warfarin sux\w* propofol ketamine barbiturates? antidepressants? colchicine cds?"
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
    r"|sick\s+leave|on\s+leave|holidays?|hols|vacation|honeymoon|moving\s+(?:to|house|away|on)|new\s+(?:job"
    r"|role|post|trust|hospital)|leaving\s+(?:the|this|my)\s+(?:trust|job|ward|hospital|service|team|unit"
    r"|department|practice|station)|last\s+(?:shift|day|night)\s+(?:at|on|with|in|of|here\s+before)|retir\w+"
    r"|sabbatical|(?:move|moving)\s+(?:to|house|away|on|back)\b|relocat\w+"
    r"|travelling|day\s+off|days\s+off|week\s+off|i'?m\s+off\b|i\s+am\s+off\b|see\s+you\s+(?:all\s+)?(?:soon"
    r"|in|on|next|when|after)|hello\s+\w+|rotat\w+|placement|for\s+a\s+(?:while|bit)|back\s+(?:in|on|next"
    r"|after|soon)|going\s+away|away\s+(?:for|next|this|until)|off\s+(?:to|for|next)\b|fortnight|trip\b)"
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
# The frame that makes a method or an act the writer's own thought: "I keep thinking about ", "want to ".
_THINKING = r"\b<THINK>\s+<PREP>"

_RULES: tuple[_Rule, ...] = (
    # --- thoughts of suicide (C-SSRS: thoughts of killing oneself)
    _r("suicidal_thoughts", "kil", r"\b(?:kill|kil|killing|killin)\s+<MYSELF>\b"),
    _r("suicidal_thoughts", "life", r"\b(?:end|ending|tak(?:e|ing))\s+my\s+(?:own\s+)?life\b"),
    _r("suicidal_thoughts", "end", r"\bend(?:ing)?\s+(?:it\s+all|things|everything)\b(?!\s+with\b)"),
    _r(
        "suicidal_thoughts",
        "end",
        r"\b(?:end|ending)\s+it\b(?!\s+(?:all|with|early|there|here|now|on|for|off)\b)",
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
        r"\bend(?:ing)?\s+it\b(?!\s+(?:with|here|there|now|early|for|on|off)\b)",
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
        r"|end\s+it\b(?!\s+(?:with|here|there|now|early|for|on|off)\b))",
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
        r"|stop\s+existing|not\s+be\s+alive|never\s+been\s+born)\b(?!\s+(?:laughing|(?:my|his|her|your|the"
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
        r"|disappeared|didn'?t\s+wake|never\s+woke)",
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
        "cope manage get fine ok okay",
        r"\b(?:everyone|everybody|the\s+world|(?:my|the|our)\s+(?:family|kids|children|son|daughter|wife"
        r"|husband|partner|parents)|they|people)(?:\s+[\w']+){0,3}?\s+(?:would|will|'?d)\s+(?:cope|manage"
        r"|get\s+on|be\s+fine|be\s+ok(?:ay)?)\s+(?:just\s+)?(?:fine\s+)?without\s+me\b",
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
        r"\b(?:kms|unaliv\w*|sewer\s?slid\w*|self[\s-]?delet\w*|ctb)\b|\b(?:off|offing|top|topping|neck"
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
        r"|\bclear\w*\s+out\s+my\s+(?:locker|desk|room|flat|things)\b",
        _SELF,
        vague=True,
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
        r"|ing)\s+up)(?:\s+[\w']+){0,4}?\s+<DRUG>\b",
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
        r"|how\s+many\s+)?(?:\w+\s+)?<DRUG>\b(?:\s+[\w']+){0,6}?\s+(?:i\s+(?:could|can|would|'?d)"
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
        needs=_rxs(r"💊\W*💊|\b(?:i|im|i'?m|me|my|myself|tonight|now|soon|bye|goodbye)\b"),
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
        r"\btak\w+\s+an?\s+(?:overdos\w*|od)\b|\boverdos\w*|\bod'?ing\b",
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
        r"\b(?:pick|picked|picking|choose|chosen|chose|set|decided\s+on)\s+(?:a|the)\s+(?:date|day|night|time"
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
        "last final post goodbye",
        r"\bthis\s+(?:is|will\s+be)\s+(?:my\s+)?(?:last|final)\s+(?:post|message|msg)\b"
        r"|\bthis\s+is\s+(?:my\s+)?goodbye\b|\bmy\s+(?:last|final)\s+(?:post|message)\b"
        r"|\blast\s+time\s+i'?ll\s+(?:post|write|be\s+on|talk|speak)\b|\b(?:won'?t|wont"
        r"|will\s+not)\s+(?:be\s+)?post(?:ing)?\s+(?:here\s+)?again\b",
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
    ),
    _r(
        "preparing",
        "note letter",
        r"\b(?:wr[io]te|writ\w+|left|leaving)\s+(?:a\s+)?(?:suicide|goodbye|farewell)\s+(?:note|letter)",
        _SELF,
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
        r"\b(?:wr[io]te|writ\w+|left|leaving)\s+(?:a\s+|some\s+)?(?:letters?|notes?|cards?)?\s*(?:to"
        r"|for)\s+my\s+(?:kids|children|son|daughter|family|wife|husband|partner|parents|mum|mom|dad|brother"
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
        r"\bg(?:ave|ive|iving|iven)\s+(?:away\s+)?my\s+(?:dog|cat|pets?|rabbits?|animals)\s+(?:away|to)\b",
        vague=True,
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
    r"\b(?:i|i'?m|im|i'?ve|ive|my\s+(?:brain|head|mind|thoughts?))\b[^\"']{0,40}?\b(?:think\w*|thought"
    r"|keeps?\s+\w+ing|tell\w*\s+myself|told\s+myself|said|say|told\s+\w+|texted|typed|wrote|goes|going)\W*$"
)
# '"...," she said': a quote opening a sentence is someone else's when the attribution follows it.
_SAID_AFTER = re.compile(
    r"[\s,]*(?:[\w']+\s+){0,2}?(?!i\s)[\w']+\s+(?:said|says|told|tells|asked|asks|wrote|texted|screamed"
    r"|shouted|whispered|kept\s+saying|keeps\s+saying)\b"
)
_REPORTED_QUESTION = re.compile(
    r"(?<!\bi\s)\b(?:asked|asks|ask|asking|wondered|wonders|wondering|questioned)\b(?:\s+[\w']+)?\s+(?:if"
    r"|whether)\b"
)
_PAST = re.compile(
    r"\b(?:(?:\d+|a\s+few|few|two|three|four|five|six|seven|eight|nine|ten|many|several|some|a\s+couple\s+of"
    r"|couple\s+of)\s+years?\s+ago|years\s+ago|when\s+i\s+was\s+(?:a|an|at|in|younger|little)\b"
    r"|back\s+in\s+(?:(?:19|20)\d\d|med\s+school|uni|training|the\s+day)\b|back\s+when\b|as\s+an?\s+(?:f1|f2"
    r"|fy1|fy2|student|sho|intern|teenager|teen|kid)\b)"
    r"|(?<!'m\s)(?<!\bim\s)(?<!\bam\s)(?<!\bget\s)(?<!\bgot\s)\bused\s+to\b"
)
_JOKE = re.compile(r"\b(?:lol|lmao|lmfao|rofl|jk|haha\w*)\b|😂|🤣|💀|😅|😆")
# Substrings without which the check above cannot match: a cheap test before the regex.
_PAST_HINTS = ("ago", "back", "when i was", "as a", "used")
_QUESTION_HINTS = ("ask", "wonder", "question")
_JOKE_HINTS = ("lol", "lm", "rofl", "jk", "haha", "😂", "🤣", "💀", "😅", "😆")
_MENTION_HINTS = ("what does", "word", "term", "phrase", "slang", "hashtag")
_MENTION_AFTER = re.compile(r"\s*(?:means?\b|meant\b|stands\s+for\b|is\s+short\s+for\b|is\s+slang\b|=)")
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
    "ok okay get getting actively remotely so or got go trying try suicidal"
)
_SELF_SUBJECTS = _word_set("i i'm im i've ive i'd i'll")
_OTHER_SUBJECTS = _word_set(
    "he she they we you u he's hes she's shes they're theyre we're you're youre he'd she'd they'd we'd "
    "you'd he'll she'll they'll we've they've you've who someone somebody everyone pt pts patient "
    "patients"
)
# Nouns that are a third-party subject when a verb follows: "my mate keeps saying", "one of the HCAs has".
_OTHER_NOUNS = _word_set(
    "colleague colleagues friend friends mate mates wife husband partner mum mom dad son daughter brother "
    "sister family relative relatives lad girl boy man woman guy bloke lady kid child student students "
    "nurse nurses doctor doctors medic medics hca hcas reg registrar consultant crewmate gp resident "
    "intern boss manager people paramedic paramedics"
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
    "wondering wondered working worked figuring figured planning planned trying tried sitting sat lying lay"
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
        if token in _OTHER_NOUNS and i + 1 < len(tokens) and tokens[i + 1] in _VERBISH:
            return _Subject.OTHER
    if all(token in _DROP_OK or token.isdigit() for token in tokens):
        return _Subject.DROPPED
    return _Subject.UNKNOWN


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


def _accepts(rule: _Rule, match: re.Match[str], message: _Message) -> bool:
    """Do the words around this match make it the writer's own, current, sincere state?"""
    text = message.text
    start = match.start()
    sentence_start, sentence_end = message.sentence_span(start)
    before = text[sentence_start:start]
    if rule.after is not None and not rule.after.search(before):
        return False
    if rule.who is not _Who.ANY:
        subject = _subject(before)
        if subject is _Subject.OTHER or (rule.who is _Who.SELF and subject is _Subject.UNKNOWN):
            return False
    clause_start, clause_end = _clause_span(text, start, sentence_start, sentence_end)
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

    __slots__ = ("_occurs", "_sentence_starts", "_windows", "gates", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.gates = _gates_present(text)
        self._windows: dict[str, list[tuple[int, int]]] = {}
        self._occurs: dict[re.Pattern[str], bool] = {}
        self._sentence_starts: list[int] | None = None

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


def screen_rules(text: str) -> CrisisResult:
    """The rule layer alone: signs that the writer is at risk, each with its explanation."""
    if not text or text.isspace():
        return _NO_CRISIS
    if not text.isascii():
        text = _fold(text)
    message = _Message(_mask_quotes(text.lower()))
    normalised = message.text
    found: list[tuple[_Rule, int, str]] = []
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
        if not rule.vague:
            settled.add(rule.code)
    # A vague hit ("I've got a plan", "sorted my will") counts only alongside another hit, clear or
    # vague (letters to the kids and a thank-you to the group; a plan and a chosen night).
    if len(found) < 2:
        found = [hit for hit in found if not hit[0].vague]
    found.sort(key=lambda hit: (-_RANK[hit[0].signal.level], hit[1]))
    signals: dict[str, Signal] = {}
    for rule, _, term in found:
        if rule.code not in signals:
            base = rule.signal
            signals[rule.code] = Signal(base.code, base.level, base.explanation.format(term=term))
    if not signals:
        return _NO_CRISIS
    ordered = tuple(signals.values())
    return CrisisResult(ordered[0].level, ordered)
