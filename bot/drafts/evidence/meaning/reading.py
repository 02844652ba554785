"""What a claim is checked against: its cited positions, read once, and its own words."""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.drafts.evidence.meaning.vocabulary import FUNCTION_WORDS
from bot.drafts.evidence.meaning.words import lemmas
from bot.drafts.evidence.model import Evidence
from bot.drafts.evidence.text import any_of, fold, whole, words
from store import Stance

# A negative prefix: an evidence word "immature" licenses "not … mature", and the reverse.
_NEGATIVE_PREFIXES = ("un", "im", "in", "ir", "il", "non", "dis")
TOKENS = re.compile(r"[^\W_]+(?:['-][^\W_]+)*|[,;:]")
NEGATIONS = frozenset({"not", "n't", "no", "never", "cannot", "neither", "nor", "without"})


@dataclass(frozen=True)
class Reading:
    """The cited positions as the meaning check reads them."""

    cited: tuple[Evidence, ...]
    theirs: tuple[Evidence, ...]  # the cited positions of the claim's own actor
    licensed: frozenset[str]  # every word, lemma and base form the evidence uses
    evidence: str  # the evidence's text, folded, space-padded
    tokens: tuple[str, ...]  # the evidence's words, in order
    texts: tuple[str, ...]  # each piece of evidence text, folded, apart

    @property
    def stances(self) -> frozenset[Stance]:
        return frozenset(e.stance for e in self.theirs)

    def has_phrase(self, phrase: str) -> bool:
        """The phrase stands in the evidence, on whole words."""
        return whole(phrase).search(self.evidence) is not None

    def has_word(self, word: str) -> bool:
        """The word, a form of it, or its base with a negative prefix off, is in evidence."""
        return bool(lemmas(word.removesuffix("'s")) & self.licensed)

    def licenses(self, phrase: str) -> bool:
        """A phrase is licensed when the evidence has it, or has each of its content words."""
        if self.has_phrase(phrase):
            return True
        content = [w for w in phrase.split() if w not in FUNCTION_WORDS]
        return bool(content) and all(self.has_word(w) for w in content)


def read_evidence(cited: Sequence[Evidence], *, actor: str | None) -> Reading:
    """The evidence a claim by `actor` may draw on."""
    theirs = [e for e in cited if actor is None or fold(e.actor) == fold(actor)] or list(cited)
    texts = [t for e in cited for t in (*e.texts(), *e.places)]
    folded = fold(" \n ".join(texts))
    tokens = tuple(words(folded))
    licensed: set[str] = set()
    for word in tokens:
        for piece in (word, *word.split("-")):
            found = lemmas(piece.removesuffix("'s"))
            licensed |= found
            for prefix in _NEGATIVE_PREFIXES:
                if piece.startswith(prefix) and len(piece) > len(prefix) + 3:
                    licensed |= lemmas(piece[len(prefix) :])
    return Reading(
        tuple(cited),
        tuple(theirs),
        frozenset(licensed),
        f" {folded} ",
        tokens,
        tuple(fold(t) for t in texts if t),
    )


def negating(words_before: Sequence[str]) -> bool:
    """Whether any of these words (the few before a word) negates it."""
    return any(w in NEGATIONS or w.endswith("n't") for w in words_before)


def found(folded: str, phrases: frozenset[str]) -> list[tuple[str, int]]:
    """Each phrase of `phrases` in the text, with where it starts."""
    return [(m.group(), m.start()) for m in any_of(phrases).finditer(folded)]


def content_words(text: str, *, also_free: frozenset[str] = frozenset()) -> list[str]:
    """The words of folded text that carry meaning (not the grammar's small words)."""
    return [
        w
        for w in words(text)
        if w not in FUNCTION_WORDS and w not in also_free and not w.isdigit() and len(w) > 2
    ]
