"""Words as the meaning check reads them: their lemmas and the parts of speech they can be.

lemminflect (its authors' release, with its own English lexicon) is loaded on first use: the
check runs on drafts, never on the query path, and loading costs about half a second.
"""

from functools import lru_cache
from typing import Any

_ADVERB_ENDINGS = ("ly",)


@lru_cache(maxsize=1)
def _lemmas() -> Any:
    from lemminflect import getAllLemmas

    return getAllLemmas


@lru_cache(maxsize=50_000)
def lemmas(word: str) -> frozenset[str]:
    """The word and every lemma it can have ("pledged" -> pledged, pledge)."""
    found = {word}
    for forms in _lemmas()(word).values():
        found.update(forms)
    return frozenset(found)


@lru_cache(maxsize=50_000)
def parts_of_speech(word: str) -> frozenset[str]:
    """What the word can be: "VERB", "NOUN", "ADJ", "ADV" … (empty when unknown)."""
    found = set(_lemmas()(word))
    if not found and word.endswith(_ADVERB_ENDINGS) and len(word) > 5:
        found.add("ADV")
    return frozenset(found)


def can_be(word: str, part: str) -> bool:
    """Whether `word` can be this part of speech."""
    return part in parts_of_speech(word)


def only(word: str, part: str) -> bool:
    """Whether `part` is the only part of speech the word can be."""
    return parts_of_speech(word) == frozenset({part})
