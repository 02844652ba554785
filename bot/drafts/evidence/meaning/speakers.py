"""Who said it, and about what: words said for someone stay theirs, and a position stays on
its own topic."""

from bot.drafts.evidence.meaning.reading import TOKENS, Reading
from bot.drafts.evidence.meaning.vocabulary import REPORTING_WORDS
from bot.drafts.evidence.model import Evidence
from bot.drafts.evidence.text import fold, whole, words

# Verbs of saying: what stands before one is who said it ("Ukraine's president said").
_SAYING = frozenset(
    [
        "say",
        "says",
        "said",
        "saying",
        "tell",
        "tells",
        "told",
        "add",
        "adds",
        "added",
        "state",
        "states",
        "stated",
        "note",
        "notes",
        "noted",
        "remark",
        "remarked",
        "write",
        "wrote",
        "announce",
        "announced",
        "argue",
        "argued",
        "explain",
        "explained",
        "reply",
        "replied",
        "respond",
        "responded",
        "declare",
        "declared",
        "insist",
        "insisted",
    ]
)
# Words for one who speaks for another.
_SPOKES = frozenset(
    [
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "spokespeople",
        "aide",
        "aides",
        "official",
        "officials",
        "envoy",
        "representative",
        "representatives",
        "press",
        "secretary",
        "office",
    ]
)
# Words for one who leads: never a spokesperson.
_LEADERS = frozenset(
    [
        "president",
        "presidential",
        "prime",
        "minister",
        "premier",
        "chancellor",
        "king",
        "queen",
        "leader",
        "head",
        "chief",
        "monarch",
        "emir",
        "sheikh",
        "foreign",
    ]
)
_BOUNDARIES = frozenset({",", ";", ":", "and", "but", "while", "that", "quote"})


def speaker_problems(folded: str, reading: Reading) -> list[str]:
    """Words given to someone other than who said them."""
    problems = []
    for sayer in _sayers(folded):
        for e in reading.theirs:
            problem = _wrong_sayer([w.removesuffix("'s") for w in sayer], e)
            if problem:
                problems.append(problem)
    for e in reading.theirs:
        if not e.speaker or fold(e.speaker) == fold(e.actor):
            continue
        if any(w in _SAYING or w in REPORTING_WORDS for w in words(folded)):
            continue  # "Kerry said …": the speaker as the one who said it is the fact
        names_speaker = any(whole(fold(n)).search(folded) for n in e.speaker_names)
        names_actor = any(whole(fold(n)).search(folded) for n in (*e.actor_names, *e.places))
        if names_speaker and not names_actor:
            problems.append(f"gives what {e.speaker} said for {e.actor} as {e.speaker}'s own")
    return problems


def topic_problems(folded: str, reading: Reading) -> list[str]:
    """The position presented as being about another of the store's topics."""
    own = {fold(n) for e in reading.cited for n in e.topic_names}
    problems = []
    for e in reading.cited:
        for other in e.other_topics:
            name = fold(other)
            if name in own or reading.licenses(name) or not whole(name).search(folded):
                continue
            # A one-word alias ("ceasefire") is a common noun too; only a name says "about".
            if " " not in name and not other[:1].isupper():
                continue
            topic = e.topic_names[0] if e.topic_names else "its own topic"
            problems.append(f"presents it as about {other}, but the position is on {topic}")
    return problems


def _sayers(folded: str) -> list[list[str]]:
    """The words naming who said something, before each verb of saying (or after it, in
    "“…,” said Yermak")."""
    tokens = TOKENS.findall(folded)
    sayers = []
    for index, token in enumerate(tokens):
        if token not in _SAYING or token.endswith("ing"):
            continue  # "…, saying": the sayer is the sentence's subject, already read
        start = index
        while start > 0 and tokens[start - 1] not in _BOUNDARIES:
            start -= 1
        span = tokens[start:index]
        if not span:
            end = index + 1
            while end < len(tokens) and tokens[end] not in _BOUNDARIES:
                end += 1
            span = tokens[index + 1 : end]
        if len(span) <= _MAX_SAYER:  # longer is a clause, not a name
            sayers.append(span)
    return sayers


_MAX_SAYER = 6


def _wrong_sayer(span: list[str], e: Evidence) -> str:
    said = " " + " ".join(span) + " "
    speaker = e.speaker if e.speaker and fold(e.speaker) != fold(e.actor) else None
    if speaker:
        speaker_words = _name_words(e.speaker_names)
        actor_words = _name_words((*e.actor_names, *e.places))
        full = any(f" {' '.join(words(fold(n)))} " in said for n in e.speaker_names)
        spoke_for = bool(_SPOKES & set(span))
        # "the prime minister's spokesman": a leader named as whose spokesman it was.
        leader = set() if spoke_for else (_LEADERS & set(span)) - speaker_words
        # Titles are checked here; whoever else a claim names, the names check judges.
        if leader and not full:
            return f"gives what {speaker} said for {e.actor} to someone else (“{' '.join(span)}”)"
        principal = (speaker_words - actor_words) & set(span)
        if _SPOKES & speaker_words and not (full or spoke_for) and principal:
            return f"gives what {speaker} said for {e.actor} as another's own words"
        return ""
    actor_words = _name_words(e.actor_names)
    if (_SPOKES & set(span)) - actor_words:
        return f"says a spokesperson spoke for {e.actor}, but {e.actor} said it"
    stranger = _LEADERS & set(span) - actor_words
    if stranger and not actor_words & set(span) - {"the"}:
        return f"gives {e.actor}'s own words to someone else (“{' '.join(span)}”)"
    return ""


def _name_words(names: tuple[str, ...]) -> set[str]:
    return {w.removesuffix("'s") for n in names for w in words(fold(n))}
