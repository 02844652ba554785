"""Specifics a claim states in its own words: each must be in the evidence it cites.

Numbers (digits and number words), months, weekdays, relative dates ("last week") and names
(capitalised words) outside quotations are compared with the cited positions' actor, aliases,
speaker, topic, summary, conditions, quotes, outlet and date.
"""

import re
from collections.abc import Iterable
from datetime import datetime

from bot.drafts.evidence.lexicon import (
    MONTHS,
    NOT_NAMES,
    NUMBER_WORDS,
    RELATIVE_TIME_WORDS,
    WEEKDAYS,
)
from bot.drafts.evidence.text import any_of, fold, unmarked, whole, words

# A number, with its ordinal or plural ending, or a unit letter right after it ("1.5C").
_NUMBER = re.compile(r"(?<![\w.])(\d+(?:[.,]\d+)*)(?:st|nd|rd|th|s)?(?![\d])(?![.,]\d)|(\d+)(?=-)")
_CAPITALISED = re.compile(r"(?<![\w'’-])([^\W\d_][\w'’-]*)")
_UNITS = ("day", "week", "month", "year", "hour", "minute")


class EvidenceText:
    """What the cited positions say, ready for look-ups."""

    def __init__(self, texts: Iterable[str], dates: Iterable[datetime]) -> None:
        self.dates = list(dates)
        joined = fold(" \n ".join(texts))
        self.text = f" {joined} "
        self.words = set(words(joined))
        for piece in list(self.words):
            self.words.update(piece.split("-"))
            self.words.add(_singular(piece.removesuffix("'s")))
        self.numbers = {_number(n) for n in re.findall(r"\d+(?:[.,]\d+)*", joined)}
        self.numbers |= {v for w, v in NUMBER_WORDS.items() if v and w in self.words}
        for date in self.dates:
            self.numbers |= {date.day, date.year}
            self.words |= {f"{date:%B}".casefold(), f"{date:%b}".casefold()}
            self.words.add(f"{date:%A}".casefold())

    def has_phrase(self, phrase: str) -> bool:
        """`phrase` (folded) stands in the evidence as whole words."""
        return whole(phrase).search(self.text) is not None

    def has_word(self, word: str) -> bool:
        """The word, or a form of it ("Ukrainian" ~ "Ukraine", "talks" ~ "talk")."""
        word = word.removesuffix("'s").removesuffix("'")
        if word in self.words or _singular(word) in self.words:
            return True
        stem = word[: max(5, len(word) - 3)]
        return len(stem) >= 5 and any(w.startswith(stem) for w in self.words)


def unsupported(own_words: str, evidence: EvidenceText) -> list[str]:
    """The specifics in `own_words` (quotations already masked) that the evidence lacks."""
    text = unmarked(own_words)
    missing: list[str] = []
    missing += _numbers(text, evidence)
    missing += _number_words(text, evidence)
    missing += [w for w in _times(text) if not _dated(w, evidence)]
    missing += _names(text, evidence)
    return list(dict.fromkeys(missing))


def _numbers(text: str, evidence: EvidenceText) -> list[str]:
    found = []
    for match in _NUMBER.finditer(text):
        digits = match.group(1) or match.group(2)
        if _number(digits) not in evidence.numbers:
            found.append(_with_unit(text, match.start(), match.end()))
    return found


def _number_words(text: str, evidence: EvidenceText) -> list[str]:
    found = []
    folded = fold(text)
    tokens = words(folded)
    for i, token in enumerate(tokens):
        for piece in token.split("-"):
            if piece not in NUMBER_WORDS or (piece == "one" and not _unit_follows(tokens, i)):
                continue
            value = NUMBER_WORDS[piece]
            supported = evidence.has_word(piece) or (value and value in evidence.numbers)
            if not supported:
                found.append(token)
    return found


def _dated(phrase: str, evidence: EvidenceText) -> bool:
    # "on Thursday" is supported by a statement made on a Thursday, as well as by the words.
    day = phrase.removeprefix("on ")
    return evidence.has_phrase(phrase) or (day in WEEKDAYS and evidence.has_word(day))


def _times(text: str) -> list[str]:
    folded = fold(text)
    return list(dict.fromkeys(m.group() for m in any_of(RELATIVE_TIME_WORDS).finditer(folded)))


def _names(text: str, evidence: EvidenceText) -> list[str]:
    found = []
    for match in _CAPITALISED.finditer(text):
        word = match.group(1)
        if not word[0].isupper() or word == "QUOTE":
            continue
        key = fold(word).strip("'-")
        if key in NOT_NAMES or key in RELATIVE_TIME_WORDS:
            continue
        if key in MONTHS or key in WEEKDAYS:
            if not evidence.has_word(key):
                found.append(word)
            continue
        if not all(evidence.has_word(part) for part in key.split("-") if part):
            found.append(word)
    return found


def _unit_follows(tokens: list[str], i: int) -> bool:
    token = tokens[i]
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    return "-" in token or after.startswith(_UNITS)


def _with_unit(text: str, start: int, end: int) -> str:
    tail = re.match(r"[-\s]?(\w+)", text[end:])
    if tail and tail.group(1).casefold().startswith(_UNITS):
        return text[start : end + tail.end()]
    return text[start:end]


def _number(digits: str) -> float:
    try:
        return float(digits.replace(",", ""))
    except ValueError:
        return -1.0


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word
