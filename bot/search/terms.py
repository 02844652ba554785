"""What a reader typed after `search`, as terms no search engine can misread.

Only letters and digits reach a backend: punctuation and operators (`*`, `-`, `NEAR`, `:`,
a stray quote) are either dropped or searched as plain words, so no input can be a syntax
error. Text in double quotes (straight or curly) is a phrase: those words, in that order.
"""

import re
from dataclasses import dataclass

from bot.errors import BadCommand, InputTooLong

MAX_SEARCH_CHARS = 300
MAX_TERMS = 20

_QUOTES = '"“”„«»'
_PHRASE = re.compile(f"[{_QUOTES}]([^{_QUOTES}]*)[{_QUOTES}]")
_WORD = re.compile(r"[^\W_]+")
_HINT = 'Try: search frozen conflict, or search "no ceasefire"'


@dataclass(frozen=True)
class Terms:
    """Words that must all appear (stemmed where the backend stems) and exact phrases."""

    words: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]

    @property
    def everything(self) -> tuple[str, ...]:
        """Every word, phrases included, once each."""
        return tuple(dict.fromkeys([*self.words, *(w for p in self.phrases for w in p)]))

    def shown(self) -> str:
        """The search as it was understood: `ceasefire "no deal"`."""
        phrases = [f"“{' '.join(p)}”" for p in self.phrases]
        return " ".join([*self.words, *phrases])


def read_terms(text: str) -> Terms:
    """The terms of `text`; BadCommand when nothing searchable is left, or too much is."""
    if len(text) > MAX_SEARCH_CHARS:
        raise InputTooLong(
            f"That search is {len(text):,} characters long; the limit is {MAX_SEARCH_CHARS}.",
            hint="Search for a few distinctive words or a short quoted phrase.",
        )
    phrases: list[tuple[str, ...]] = []
    for match in _PHRASE.finditer(text):
        words = tuple(w.lower() for w in _WORD.findall(match[1]))
        if words and words not in phrases:
            phrases.append(words)
    # A quote left open is not a phrase: its words are searched like the others.
    loose = _PHRASE.sub(" ", text)
    words = tuple(dict.fromkeys(w.lower() for w in _WORD.findall(loose)))
    if not words and not phrases:
        raise BadCommand("Search for which words? Letters or numbers, please.", hint=_HINT)
    terms = Terms(words=words, phrases=tuple(phrases))
    if len(terms.everything) > MAX_TERMS:
        raise BadCommand(
            f"That search has {len(terms.everything)} words; the limit is {MAX_TERMS}.",
            hint="Search for a few distinctive words or a short quoted phrase.",
        )
    return terms
