"""The tracked speakers' names, and spotting people who are not tracked."""

import re
from collections.abc import Sequence

from bot.ingest.attribution.cues import (
    NOT_POSSESSORS,
    NOT_SUBJECTS,
    ORGANISATION_WORDS,
    ROLE_NOUNS,
    TITLES,
)
from bot.text import normalize_name

# Two to four capitalised words, the way a person's name is written: "Maria Zakharova".
PERSON = (
    r"[A-Z][\w’'\-]*\.?"
    r"(?:\s+(?:[A-Z][\w’'\-]*\.?|(?:de|van|von|al|bin|da|der|la|le)(?![\w’'\-]))){1,3}"
)
_PERSON_END = re.compile(rf"(?<![\w’'\-])({PERSON})\s*$")
_PERSON_START = re.compile(rf"\s*({PERSON})(?![\w’'\-])")
_POSSESSIVE = re.compile(r"[’']s?$")


class Speakers:
    """The known names, matched case-insensitively on word boundaries, longest first."""

    def __init__(self, speakers: Sequence[str]) -> None:
        self._by_key: dict[str, str] = {}
        for name in speakers:
            key = normalize_name(name)
            if key and key not in self._by_key:
                self._by_key[key] = name
        names = sorted(
            (name for name in self._by_key.values() if name.split()), key=len, reverse=True
        )
        self.alternation = "|".join(r"\s+".join(map(_word_pattern, n.split())) for n in names)
        if self.alternation:
            self._tail = re.compile(rf"(?<![\w’'])(?:{self.alternation})\s*$", re.IGNORECASE)
            self._head = re.compile(
                rf"\s*(?:the\s+)?(?:{self.alternation})(?![\w’'])", re.IGNORECASE
            )
            self._possessor = re.compile(
                rf"(?<![\w’'])(?:{self.alternation})[’']s\s*$", re.IGNORECASE
            )
            self._anywhere = re.compile(rf"(?<![\w’'])(?:{self.alternation})(?![\w’'])", re.I)

    @property
    def names(self) -> list[str]:
        return list(self._by_key.values())

    def canonical(self, matched: str) -> str | None:
        return self._by_key.get(normalize_name(matched))

    def ending(self, text: str) -> tuple[str, int] | None:
        """The speaker name `text` ends with (longest), and where it starts."""
        if not self.alternation:
            return None
        match = self._tail.search(text, max(0, len(text) - 200))
        if match is None:
            return None
        name = self.canonical(match.group().strip())
        return (name, match.start()) if name else None

    def at(self, text: str, pos: int) -> tuple[str, int] | None:
        """The speaker name (optionally after "the") starting at `pos`, and where it ends."""
        if not self.alternation:
            return None
        match = self._head.match(text, pos)
        if match is None:
            return None
        name = self.canonical(re.sub(r"(?i)^\s*the\s+", "", match.group()))
        return (name, match.end()) if name else None

    def possessor(self, text: str) -> str | None:
        """The speaker whose possessive (`Putin’s`) `text` ends with."""
        if not self.alternation:
            return None
        match = self._possessor.search(text, max(0, len(text) - 200))
        if match is None:
            return None
        return self.canonical(match.group().rstrip()[:-2])

    def mentioned(self, text: str) -> list[tuple[str, int, int]]:
        """Every listed name in `text`: (name as given, start, end)."""
        if not self.alternation:
            return []
        found = []
        for match in self._anywhere.finditer(text):
            name = self.canonical(match.group())
            if name:
                found.append((name, match.start(), match.end()))
        return found


def _word_pattern(word: str) -> str:
    """One word of a name as a regex; straight and curly apostrophes match each other."""
    return re.escape(word.replace("’", "'")).replace("'", "['’]")


def same_person(a: str, b: str) -> bool:
    """Whether two names plausibly name one person: "Putin", "Vladimir Putin", "Minister Putin"."""
    words_a, words_b = _name_words(a), _name_words(b)
    if not (words_a and words_b):
        words_a, words_b = set(normalize_name(a).split()), set(normalize_name(b).split())
    return words_a <= words_b or words_b <= words_a


def is_role(name: str) -> bool:
    """Whether a listed name is a role only ("the Health Minister"), not a person's name."""
    words = normalize_name(name).split()
    return not _name_words(name) or (bool(words) and words[-1] in ROLE_NOUNS)


def _name_words(name: str) -> set[str]:
    return set(normalize_name(name).split()) - TITLES - {"the", "of", "and", "for"}


def person_name(words: str) -> tuple[str, str | None] | None:
    """A person's name in a capitalised run, split from a title before it.

    "Foreign Minister Anna Berg" -> ("Anna Berg", "Foreign Minister"); None for organisations,
    outlets and single words.
    """
    tokens = words.split()
    cut = 0
    for i, token in enumerate(tokens):
        if token.lower().rstrip(".") in TITLES:
            cut = i + 1
    name = tokens[cut:]
    if len(name) < 2 or len(name) > 4:
        return None
    lowered = [t.lower().rstrip(".’'s") for t in name]
    if any(t in ORGANISATION_WORDS or t in NOT_SUBJECTS or t in TITLES for t in lowered):
        return None
    if not all(t[:1].isupper() for t in name if t not in {"de", "van", "von", "al", "bin"}):
        return None
    title = " ".join(tokens[:cut]) or None
    return " ".join(name), title


def without_possessor(name: str) -> str:
    """A name without a possessive before it: "Ukraine's Poroshenko" -> "Poroshenko".

    The possessor (a country, party or firm) is context, never part of a person's name.
    """
    tokens = name.split()
    while len(tokens) > 1 and _POSSESSIVE.search(tokens[0]):
        tokens.pop(0)
    return " ".join(tokens)


def lone_surname(word: str) -> bool:
    """Whether one capitalised word may be a person's surname ("Okafor"), not an
    organisation ("Reuters"), an acronym ("NATO"), a title or a function word. (Whether it
    is a place, "Moscow", is for the article to settle: see `attribution.places`.)"""
    lowered = word.lower()
    if not (word[:1].isupper() and len(word) > 2 and any(c.islower() for c in word)):
        return False
    if _POSSESSIVE.search(word) or any(c.isdigit() for c in word):
        return False
    unwanted = NOT_SUBJECTS | ORGANISATION_WORDS | TITLES | ROLE_NOUNS | NOT_POSSESSORS
    return lowered not in unwanted


def person_ending(text: str) -> tuple[str, int] | None:
    """A capitalised multi-word run ending `text` (a possible name), and where it starts."""
    match = _PERSON_END.search(text, max(0, len(text) - 120))
    return (match.group(1), match.start(1)) if match else None


def person_at(text: str, pos: int) -> tuple[str, int] | None:
    """A capitalised multi-word run starting at `pos`, and where it ends."""
    match = _PERSON_START.match(text, pos)
    return (match.group(1), match.end(1)) if match else None
