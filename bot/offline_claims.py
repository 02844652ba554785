"""Claims written from the store alone, each checked before use: the offline drafter's lines.

A claim is tried in its fullest form first (stance, date, summary, a quote) and falls back
to plainer ones until the evidence lock passes it; the plainest ("Putin (supports, 13 Mar
2025).") states only what the position row itself holds.
"""

import re
from collections.abc import Mapping, Sequence

from bot.evidence import MAX_CLAIM_CHARS, Claim, Evidence, check_claims
from bot.evidence.marks import find_quotes
from bot.evidence.text import clean
from bot.stances import LABELS
from bot.views import PositionView

MAX_QUOTE_CHARS = 280
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_MARKS = re.compile(r"[\"“”„‟«»‹›「」『』＂]")


def offline_claim(
    view: PositionView,
    *,
    evidence: Mapping[int, Evidence],
    actor_names: Mapping[str, Sequence[str]],
    lead: str | None = None,
) -> Claim:
    """The fullest claim about `view` that passes the check (`lead` replaces the opening)."""
    opening = lead or f"{view.actor} ({LABELS[view.stance].lower()}, {view.stated_at:%-d %b %Y})"
    summary = first_sentence(_unquoted(view.summary)).rstrip(" .;:")
    quote = quotable(view.quotes)
    candidates = []
    if summary and quote:
        candidates.append(_ended(f"{opening}: {summary}, {quote}"))
    if quote:
        candidates.append(_ended(f"{opening}: {quote}"))
    if summary:
        candidates.append(_ended(f"{opening}: {summary}"))
    candidates.append(_ended(opening))
    for text in (clean(c)[0] for c in candidates):
        claim = Claim(text=text, citations=(view.id,), actor=view.actor, stance=view.stance)
        if len(text) <= MAX_CLAIM_CHARS and not check_claims(
            [claim], evidence=evidence, actor_names=actor_names
        ):
            return claim
    # Even the plainest failed (a name the lock can't see): keep it, flagged, for a person.
    plainest = clean(candidates[-1])[0]
    return Claim(text=plainest, citations=(view.id,), actor=view.actor, stance=view.stance)


def quotable(quotes: Sequence[str]) -> str:
    """ "saying “…”" or "asking “…?”" for the first usable quote, or ""."""
    for quote in quotes:
        sentence = first_sentence(" ".join(quote.split()))
        if not sentence or len(sentence) > MAX_QUOTE_CHARS:
            continue
        inner = _MARKS.sub("'", sentence)  # its own quotation marks would end ours early
        if find_quotes(f"“{inner}”").unbalanced:
            continue
        verb = "asking" if sentence.rstrip().endswith("?") else "saying"
        return f"{verb} “{inner}”"
    return ""


def first_sentence(text: str) -> str:
    """The first sentence of `text` (a stored quote or summary)."""
    return _SENTENCE.split(text.strip(), maxsplit=1)[0].strip() if text.strip() else ""


def _unquoted(summary: str) -> str:
    # A summary's quotation marks are the reporter's paraphrase of words the position's quotes
    # may not hold; outside marks they are the summary's own words, checked as such.
    return " ".join(_MARKS.sub("", summary).replace(";", ",").split())


def _ended(text: str) -> str:
    # A quotation that ends in its own "?" or "!" ends the sentence too.
    return text if text.rstrip("”").endswith(("?", "!")) else f"{text}."
