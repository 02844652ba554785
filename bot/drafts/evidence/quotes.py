"""Is a quotation verbatim in the quotes of the positions a claim cites?

Verbatim means: the same words in the same order, after folding case, quotation marks,
dashes, ellipses and spacing (bot.drafts.evidence.text.fold), starting and ending on whole words.
An ellipsis or a bracketed insertion in the quotation marks an elision: each part must then
appear, in order, in one stored quote. A quotation of fewer than three words passes only
when it is a whole stored quote ("very good" lifted from a longer sentence proves nothing).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.drafts.evidence.text import fold, whole, words

MIN_WORDS = 3
_ELISION = re.compile(r"…|\[[^\]]*\]")
_EDGE = " ,.;:!?'-"
_STOP = re.compile(r"[.!?]")


@dataclass(frozen=True)
class QuoteMatch:
    """Where a quotation was found: which stored quote, and whether inside a question."""

    quote_index: int
    in_question: bool


def locate(phrase: str, stored: Sequence[str]) -> QuoteMatch | None:
    """The stored quote holding `phrase` verbatim on whole words, or None."""
    folded = fold(phrase).strip(_EDGE)
    if not folded:
        return None
    parts = [p.strip(_EDGE) for p in _ELISION.split(folded)]
    parts = [p for p in parts if words(p)]
    if not parts:
        return None
    total = sum(len(words(p)) for p in parts)
    for index, quote in enumerate(stored):
        candidate = fold(quote)
        whole = candidate.strip(_EDGE)
        if total < MIN_WORDS and folded != whole:
            continue
        end = _in_order(parts, candidate)
        if end is not None:
            return QuoteMatch(index, _ends_in_question(candidate, end, phrase))
    return None


def too_short(phrase: str) -> bool:
    """Fewer words than a checkable quotation needs (unless it is a whole stored quote)."""
    return len(words(fold(phrase))) < MIN_WORDS


def _in_order(parts: list[str], quote: str) -> tuple[int, int] | None:
    """(start, end) of the parts found in order in `quote`, each on whole words."""
    position, first = 0, None
    for part in parts:
        match = whole(part).search(quote, position)
        if match is None:
            return None
        first = match.start() if first is None else first
        position = match.end()
    assert first is not None
    return first, position


def _ends_in_question(quote: str, span: tuple[int, int], phrase: str) -> bool:
    """Does the stored sentence around the match end with "?" (and the phrase not show it)?"""
    if "?" in phrase:
        return False
    stop = _STOP.search(quote, span[1])
    return stop is not None and stop.group() == "?"
