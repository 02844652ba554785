"""A first stance guess from explicit wording around a quote, or no guess at all."""

import re
from collections.abc import Iterable

from bot.ingest.attribution import stance_words as words
from bot.ingest.attribution.finder import QuoteFinding
from store import Stance


def _any(patterns: Iterable[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


_OPPOSES = re.compile(rf"\b(?:{_any(words.OPPOSES)})\b")
_SUPPORTS = re.compile(rf"\b(?:{_any(words.SUPPORTS)})\b")
_NEGATED = re.compile(rf"\b(?:{_any(words.NEGATIONS)})\s+(?:\w+\s+)?$")
_CONDITION = re.compile(rf"\b(?:{_any(words.CONDITIONS)})\b")
_UNDECIDED = re.compile(rf"\b(?:{_any(words.UNDECIDED)})\b")
_UNCLEAR = re.compile(rf"\b(?:{_any(words.UNCLEAR)})\b")
_PASSIVE = re.compile(words.PASSIVE_AGENT)
_NEXT_WORD = re.compile(r"\s+([\w’']+)")
_PREVIOUS_WORD = re.compile(r"([\w’']+)\s+$")


def guess_stance(finding: QuoteFinding) -> Stance | None:
    """The stance the quote's own wording states, or None ("no guess").

    Opposition (reject, oppose, against, won't accept, a negated support word) → opposes;
    support (support, back, welcome, endorse, agree, accept) → supports, or conditional with
    "only if", "on condition", "provided", "but only", "as long as"; explicit indecision →
    undecided; "not clear" or a quote that is mostly questions → unclear.
    """
    text = finding.sentence if finding.quote in finding.sentence else finding.quote
    text = " ".join(text.lower().split())
    opposed = any(not _negated(text, m.start()) for m in _OPPOSES.finditer(text))
    supports = [m for m in _SUPPORTS.finditer(text) if _supportive(text, m)]
    if opposed or any(_negated(text, m.start()) for m in supports):
        return Stance.OPPOSES
    if supports:
        return Stance.CONDITIONAL if _CONDITION.search(text) else Stance.SUPPORTS
    if _UNDECIDED.search(text):
        return Stance.UNDECIDED
    if _UNCLEAR.search(text) or _mostly_questions(finding.quote):
        return Stance.UNCLEAR
    return None


def _negated(text: str, at: int) -> bool:
    return bool(_NEGATED.search(text[max(0, at - 40) : at]))


def _supportive(text: str, match: re.Match[str]) -> bool:
    """Whether a support word is the speaker's own support, not "backed by" or "flew back"."""
    if _PASSIVE.match(text, match.end()):
        return False
    if not match.group().startswith("back"):
        return True
    following = _NEXT_WORD.match(text, match.end())
    before = _PREVIOUS_WORD.search(text[max(0, match.start() - 30) : match.start()])
    if before and before.group(1) in words.BACK_NOT_AFTER:
        return False
    return following is not None and following.group(1) in words.BACK_OBJECTS


def _mostly_questions(quote: str) -> bool:
    parts = [p for p in re.split(r"(?<=[.!?…])\s+", quote.strip()) if p]
    asked = sum(1 for p in parts if p.rstrip("”’\"')").endswith("?"))
    return asked * 2 > len(parts)
