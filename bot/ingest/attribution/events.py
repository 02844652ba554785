"""Attributions inside one sentence: a speech verb and its subject, or "according to X"."""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from bot.ingest.attribution import cues, unlisted
from bot.ingest.attribution.marks import MASK, Quote
from bot.ingest.attribution.names import Speakers
from bot.ingest.attribution.roles import lookup

Kind = Literal["speaker", "pronoun", "unknown"]


@dataclass(frozen=True)
class Event:
    kind: Kind
    speaker: str | None
    start: int  # sentence-relative span of subject + verb, for adjacency to a quote
    end: int
    new_speaker: str | None = None  # a named person who is not tracked
    new_role: str | None = None


def _alternation(words: frozenset[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_SPEECH = (
    cues.QUOTED_AS
    + "|"
    + _alternation(
        cues.SPEECH_VERBS | frozenset(p.replace(" ", r"\s+") for p in cues.SPEECH_PHRASES)
    )
)
_VERB_RE = re.compile(rf"(?<![\w’'\-])(?:{_SPEECH})(?![\w’'\-])", re.IGNORECASE)
_PARTICIPLE_RE = re.compile(
    rf",\s*(?:{_alternation(cues.PARTICIPLES)})(?![\w’'\-])(?:\s+(?:that|it|him|her|them))?",
    re.IGNORECASE,
)
ATTRIBUTION_AHEAD = re.compile(
    rf"\s+(?:[\w’'\-]+\s+){{0,4}}?(?:{_SPEECH})(?![\w’'\-])"
    # "“…” A emphasised that …" and "“…” A said: “…”" start a new sentence.
    r"(?!\s+(?:that|the|a|an|to)\b|\s*:)",
    re.IGNORECASE,
)
_TOKEN_TAIL = re.compile(r"([\w’'&]+)\s*$")
_MASK_TAIL = re.compile(MASK + r"\s*[,;:–—-]?\s*$")
_APPOSITIVE_TAIL = re.compile(r",\s*([^," + MASK + r"]{1,80}),\s*$")
_POSSESSIVE_TAIL = re.compile(r"([A-Z][\w\-]*)[’']s\s*$")
_OBJECT_PRONOUN = re.compile(r"(?:him|her|them)(?![\w’'])", re.IGNORECASE)
_INTRO = re.compile(
    r"(?:[^," + MASK + r"]{0,60},\s*){0,2}(?:(?:but|and|yet|so|still|meanwhile|however)\s*,?\s+)?",
    re.IGNORECASE,
)
_INTROS = [
    re.compile(_INTRO.pattern.replace("{0,2}", count), re.IGNORECASE)
    for count in ("{0}", "{1}", "{2}")
]
# "…, said the UN Secretary General A.": after a title run the name must end the clause.
_CLAUSE_END = re.compile(
    r"\s*(?:[,.;:!?)–—]|$|\s(?:who|in|on|at|during|after|before|as|when|while|to|of|from)\b)"
)
_TITLE_TOKEN = re.compile(r"\s+([\w’'\-.]+)")
# "Irene Nattel of RBC Capital Markets said": the name before "of <Organisation>";
# "Jane Roe of the county's fraud unit said": after "the", any words.
_ORGANISATION_TAIL = re.compile(
    r"\s+(?:of|at|from)\s+(?:[A-Z][\w&.’'\-]*(?:\s+[A-Z][\w&.’'\-]*){0,5}"
    r"|the\s+[\w&.’'\-]+(?:\s+[\w&.’'\-]+){0,5})$"
)
ATTRIBUTION_END = re.compile(rf"(?<![\w’'\-])(?:{_SPEECH})\s*$", re.IGNORECASE)
_COLON_QUOTE = re.compile(r"\s*:(?=\s*" + MASK + ")")
_HEADLINE_COLON = re.compile(MASK + r"\s*:\s*")  # ‘…’: Health Minister (a headline)
_ACCORDING_TO = re.compile(r"(?<!\w)according\s+to\s+", re.IGNORECASE)
_ROLE_TAIL = re.compile(
    rf"(?<![\w’'])the\s+(?:([a-z\-]+)\s+)?({_alternation(cues.ROLE_NOUNS)})\s*$", re.IGNORECASE
)
_ROLE_HEAD = re.compile(
    rf"\s*the\s+(?:([a-z\-]+)\s+)?({_alternation(cues.ROLE_NOUNS)})(?![\w’'])", re.IGNORECASE
)


def events(sentence: str, speakers: Speakers, roles: Mapping[str, str | None]) -> list[Event]:
    """The attributions in one (masked) sentence, in order."""
    found: list[Event] = []
    for match in _ACCORDING_TO.finditer(sentence):
        listed = speakers.at(sentence, match.end())
        pronoun = _OBJECT_PRONOUN.match(sentence, match.end())
        if listed:
            found.append(Event("speaker", listed[0], match.start(), listed[1]))
        elif pronoun:
            found.append(Event("pronoun", None, match.start(), pronoun.end()))
        else:
            found.append(_unlisted_after(sentence, match.start(), match.end()))
    if (listed := speakers.at(sentence, 0)) and (colon := _COLON_QUOTE.match(sentence, listed[1])):
        found.append(Event("speaker", listed[0], 0, colon.end()))  # A: “…”
    if (colon := _HEADLINE_COLON.search(sentence)) and not sentence[: colon.start()].strip(MASK):
        listed = speakers.at(sentence, colon.end())
        if listed and not sentence[listed[1] :].strip(" .!?"):
            found.append(Event("speaker", listed[0], colon.start() + 1, listed[1]))
    for verb in _VERB_RE.finditer(sentence):
        event = _verb_event(sentence, verb, speakers, roles)
        if event is not None:
            found.append(event)
    for participle in _PARTICIPLE_RE.finditer(sentence):
        head = sentence[: participle.start()]
        subject = _clause_subject(head, speakers)
        if subject is not None:
            found.append(
                Event(
                    subject.kind,
                    subject.speaker,
                    participle.start(),
                    participle.end(),
                    subject.new_speaker,
                    subject.new_role,
                )
            )
    return sorted(found, key=lambda e: e.start)


def _clause_subject(head: str, speakers: Speakers) -> Event | None:
    """Who the sentence is about when it starts with them: "A dismissed the report, saying"."""
    if MASK in head or len(head) > 200:
        return None
    # Shortest intro first: "Additionally, A downplayed X, which …, saying" is about A.
    listed = speakers.at(head, 0)
    for intro in _INTROS:
        if listed is None and (match := intro.match(head)):
            listed = speakers.at(head, match.end())
    if listed is not None:
        if re.match(r"\s+(?:and|or|&)\s", head[listed[1] :]):
            return Event("unknown", None, 0, 0)
        return Event("speaker", listed[0], 0, 0)
    first = re.match(r"\s*([\w’']+)", head)
    if first and first.group(1).lower() in cues.PRONOUNS:
        return Event("pronoun", None, 0, 0)
    return None


def _verb_event(
    sentence: str, verb: re.Match[str], speakers: Speakers, roles: Mapping[str, str | None]
) -> Event | None:
    """Who a speech verb belongs to, or None when it is no new attribution."""
    prefix = sentence[: verb.start()].rstrip()
    negated = False
    while (token := _TOKEN_TAIL.search(prefix)) and token.group(1).lower() in (
        cues.AUXILIARIES | cues.NEGATIONS
    ):
        negated = negated or token.group(1).lower() in cues.NEGATIONS
        prefix = prefix[: token.start()].rstrip()
    if not prefix:
        return None
    verb_words = " ".join(verb.group().lower().split())
    inverts = verb_words in cues.INVERSION_VERBS | set(cues.SPEECH_PHRASES) and not negated
    if _MASK_TAIL.search(prefix):  # “…,” said Putin
        if not inverts:
            return Event("unknown", None, verb.start(), verb.end())
        return _inverted(sentence, verb, speakers, roles)
    if (
        inverts
        and prefix.endswith(",")
        and (listed := _after_titles(sentence, verb.end(), speakers))
    ):
        return Event("speaker", listed[0], verb.start(), listed[1])  # …, said the coach A.
    subject = _named_subject(prefix, speakers)
    if subject is None and (appositive := _APPOSITIVE_TAIL.search(prefix)):
        subject = _named_subject(prefix[: appositive.start()].rstrip(), speakers)
    if subject is None and prefix.endswith(","):  # "The Prime Minister (PM), A, conveyed"
        subject = _named_after_title(prefix[:-1].rstrip(), speakers)
    if subject is None and (organisation := _ORGANISATION_TAIL.search(prefix)):
        subject = _named_subject(prefix[: organisation.start()], speakers)
    if subject is not None:
        name, start = subject
        if name is None or negated:
            return Event("unknown", None, start, verb.end())
        return Event("speaker", name, start, verb.end())
    if role := _ROLE_TAIL.search(prefix):
        who = lookup(roles, role.group(1), role.group(2))
        kind: Kind = "speaker" if who and not negated else "unknown"
        return Event(kind, who if kind == "speaker" else None, role.start(), verb.end())
    if not negated and (unlisted := _unlisted_subject(prefix, verb.end())):
        return unlisted
    token = _TOKEN_TAIL.search(prefix)
    word = token.group(1).lower() if token else ""
    start = token.start() if token else len(prefix)
    if word in cues.PRONOUNS:
        return Event("unknown" if negated else "pronoun", None, start, verb.end())
    if word in cues.ELIDED_SUBJECT or word in cues.NOT_A_SPEAKER_BEFORE:
        return None
    return Event("unknown", None, start, verb.end())


def _inverted(
    sentence: str, verb: re.Match[str], speakers: Speakers, roles: Mapping[str, str | None]
) -> Event:
    """“…,” said [former minister] Putin / said the minister / said Maria Zakharova, the …"""
    if listed := _after_titles(sentence, verb.end(), speakers):
        return Event("speaker", listed[0], verb.start(), listed[1])
    if role := _ROLE_HEAD.match(sentence, verb.end()):
        who = lookup(roles, role.group(1), role.group(2))
        return Event("speaker" if who else "unknown", who, verb.start(), role.end())
    return _unlisted_after(sentence, verb.start(), verb.end(), surname=True)


def _after_titles(sentence: str, pos: int, speakers: Speakers) -> tuple[str, int] | None:
    """A listed name at `pos`, or after a title run ("former minister", "the UN Secretary")."""
    if listed := speakers.at(sentence, pos):
        return listed
    for _ in range(6):
        token = _TITLE_TOKEN.match(sentence, pos)
        if token is None:
            return None
        word = token.group(1)
        if not (word[:1].isupper() or word.lower() in cues.TITLES or word.lower() == "the"):
            return None
        pos = token.end()
        listed = speakers.at(sentence, pos)
        if listed and _CLAUSE_END.match(sentence, listed[1]):
            return listed
    return None


def _unlisted_after(sentence: str, start: int, pos: int, *, surname: bool = False) -> Event:
    """A named, untracked person right after `pos`; an unknown attribution otherwise."""
    found = unlisted.after(sentence, pos, surname=surname)
    if found is None:
        return Event("unknown", None, start, pos)
    name, role, end = found
    return Event("unknown", None, start, end, name, role)


def _unlisted_subject(prefix: str, verb_end: int) -> Event | None:
    """ "Foreign Ministry spokeswoman Maria Zakharova said": a named, untracked subject."""
    found = unlisted.subject(prefix)
    if found is None:
        return None
    name, role, start = found
    return Event("unknown", None, start, verb_end, name, role)


def _named_after_title(prefix: str, speakers: Speakers) -> tuple[str | None, int] | None:
    """`<Title>, <Name>` opening a sentence: the name, if the title is short and unquoted."""
    found = speakers.ending(prefix)
    if found is None:
        return None
    title = prefix[: found[1]].rstrip()
    if not title.endswith(",") or MASK in title or "," in title[:-1] or len(title.split()) > 8:
        return None
    return found


def _named_subject(prefix: str, speakers: Speakers) -> tuple[str | None, int] | None:
    """A listed name ending `prefix` (None as name if it is not the subject), and its start."""
    found = speakers.ending(prefix)
    if found is None:
        return None
    name, start = found
    words = re.findall(rf"[\w’'&]+|[,{MASK}]", prefix[:start])
    if words and words[-1].lower() == "the":
        words.pop()
    if words and words[-1].lower() in cues.PREPOSITIONS:
        # "Trump and Putin said" is joint; "“yes” and Putin said", ", and Putin said" are not.
        joint = len(words) > 1 and words[-2][:1].isupper()
        if words[-1].lower() not in {"and", "or"} or joint:
            return None, start
    return name, start


def possessive(sentence: str, quote: Quote, offset: int, speakers: Speakers) -> str | None:
    """`Putin’s “special operation”`: the phrase is the possessor's. '' when not possessive."""
    before = sentence[: quote.open - offset]
    match = _POSSESSIVE_TAIL.search(before)
    if match is None or match.group(1).lower() in cues.NOT_POSSESSORS:
        return ""
    return speakers.possessor(before)
