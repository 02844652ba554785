"""What a sentence says about who speaks: its sole subject, its one speaker, an organisation
named as subject, and the phrases (a him or her, a relative clause) that make a quote not the
attributed speaker's."""

import re
from collections.abc import Sequence

from bot.ingest.attribution.cues import ORGANISATION_WORDS, SPEECH_VERBS
from bot.ingest.attribution.events import Event
from bot.ingest.attribution.marks import Quote
from bot.ingest.attribution.mentions import people
from bot.ingest.attribution.names import Speakers, is_role, same_person
from bot.ingest.attribution.pronouns import History

_SUBJECT_LEAD = re.compile(r"\s*(?:[^,\ue000]{0,60},\s*)?(?:[A-Z][\w’'\-.()]*\s+){0,6}")
_OBJECT_PRONOUN = re.compile(r"(?<![\w’'])(?:him|her)(?![\w’'])", re.IGNORECASE)
_RELATIVE = re.compile(r",\s*(?:who|which|whose|whom)\b", re.IGNORECASE)


def is_organisation(name: str) -> bool:
    """ "The central bank", "Apple Inc": not a he or a she."""
    return any(word.lower().strip(".,") in ORGANISATION_WORDS for word in name.split())


def sole_subject(sentence: str, timeline: Sequence[History], index: Speakers) -> str | None:
    """The name of the one person a sentence names, when it is the sentence's subject: named
    first, after nothing but an opening phrase and titles ("Despite the odds, Ward Councilman
    A made the motion"). An object or agent ("proposed by A") is not who "he" is next."""
    people_named = {h.person for h in timeline}
    if len(people_named) != 1 or None in people_named:
        return None
    first = people(sentence, index, [])
    if not first or first[0][1] is None or not _SUBJECT_LEAD.fullmatch(sentence[: first[0][0]]):
        return None
    name = first[0][1]
    at = index.at(sentence, first[0][0])
    if at is None or re.match(r"\s*(?:and|or|&)\s", sentence[at[1] :]):
        return None  # "A and B disagreed": a joint subject
    # "The mayor toured the site. ¶ He said": the story may have two mayors; rules that know
    # the roles decide (see `roles`), not the sentence order.
    return None if is_role(name) else name


def sole_speaker(timeline: Sequence[History]) -> str | None:
    """The one speaker a sentence attributes words to, if nobody else is named after them."""
    speech = [i for i, h in enumerate(timeline) if h.kind == "speech"]
    if not speech or len({timeline[i].speaker for i in speech}) != 1:
        return None
    said = timeline[speech[0]]
    after = timeline[speech[0] + 1 :]
    if said.person is None or any(
        h.person is None or not same_person(h.person, said.person) for h in after
    ):
        return None
    return said.speaker


def someone_between(sentence: str, offset: int, quote: Quote, found: Sequence[Event]) -> bool:
    """“A said that the company quoted him saying “…”": a him or her between the nearest
    attribution and a quote it does not touch is someone else whose words these may be
    ("told him that “…”" is still A speaking)."""
    open_at, end_at = quote.open - offset, quote.end - offset
    nearest = min(found, key=lambda e: min(abs(e.end - open_at), abs(e.start - end_at)))
    low, high = (nearest.end, open_at) if nearest.end <= open_at else (end_at, nearest.start)
    for pronoun in _OBJECT_PRONOUN.finditer(sentence, low, high):
        before = sentence[: pronoun.start()].split()
        if not before or before[-1].lower() not in SPEECH_VERBS:
            return True
    return False


def in_relative(sentence: str, offset: int, quote: Quote, found: Sequence[Event]) -> bool:
    """“…,” said A, who wants an “excellent response”: the reporter's words, not A's."""
    ends = [e.end for e in found if e.end <= quote.open - offset]
    return bool(ends) and bool(_RELATIVE.search(sentence, max(ends), quote.open - offset))
