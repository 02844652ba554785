"""Claims written from the store alone, each checked before use: the offline drafter's lines.

A claim is tried in its fullest form first (stance, date, summary, a quote) and falls back
to plainer ones until the evidence lock passes it; the plainest ("Putin (supports, 13 Mar
2025).") states only what the position row itself holds. Quotes follow the summary as
"…, saying “…”", or stand after the opening's colon: "Trump (supports, 7 Dec 2026): “We are
optimistic.”"
"""

import re
from collections.abc import Mapping, Sequence

from bot.drafts.evidence import MAX_CLAIM_CHARS, Claim, Evidence, check_claims
from bot.drafts.evidence.marks import find_quotes
from bot.drafts.evidence.text import clean
from bot.positions import PositionView
from bot.stances import LABELS

MAX_QUOTE_CHARS = 280
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_MARKS = re.compile(r"[\"“”„‟«»‹›「」『』＂]")
_WORD = re.compile(r"\w")


def offline_claim(
    view: PositionView,
    *,
    evidence: Mapping[int, Evidence],
    actor_names: Mapping[str, Sequence[str]],
    lead: str | None = None,
) -> Claim:
    """The fullest claim about `view` that passes the check.

    `lead` replaces the opening with a clause of its own ("Putin on the ceasefire shifted
    from … (Reuters, 13 Mar 2025)"): a quote then follows it as "…, saying “…”".
    """
    opening = lead or f"{view.actor} ({LABELS[view.stance].lower()}, {view.stated_at:%-d %b %Y})"
    summary = first_sentence(_unquoted(view.summary)).rstrip(" .;:")
    quote = quotable(view.quotes)
    candidates = []
    if summary and quote:
        candidates.append(_ended(f"{opening}: {summary}, {_verb(quote)} {quote}"))
    if quote and lead:
        candidates.append(_ended(f"{opening}, {_verb(quote)} {quote}"))
    elif quote:  # "Trump (supports, 7 Dec 2026): “We are optimistic”."
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
    """The first usable quote's first sentence in quotation marks, or "".

    A quote cut short, after its first sentence or at the length limit, ends in an ellipsis;
    a whole sentence keeps its full stop, which then ends the claim too (no `.”.`).
    """
    for quote in quotes:
        whole = " ".join(quote.split())
        sentence = first_sentence(whole)
        if not sentence:
            continue
        cut = sentence != whole
        if len(sentence) > MAX_QUOTE_CHARS:
            sentence, cut = sentence[:MAX_QUOTE_CHARS].rsplit(" ", 1)[0], True
        inner = _MARKS.sub("'", sentence)  # its own quotation marks would end ours early
        inner = inner.rstrip(" ,;:")
        if cut and not inner.endswith(("?", "!", "…")):
            inner = inner.removesuffix(".") + "…"
        if not _WORD.search(inner) or find_quotes(f"“{inner}”").unbalanced:
            continue
        return f"“{inner}”"
    return ""


def _verb(quote: str) -> str:
    """How a quote is introduced: a question is asked."""
    return "asking" if quote.removesuffix("”").endswith("?") else "saying"


def first_sentence(text: str) -> str:
    """The first sentence of `text` (a stored quote or summary)."""
    return _SENTENCE.split(text.strip(), maxsplit=1)[0].strip() if text.strip() else ""


def _unquoted(summary: str) -> str:
    # A summary's quotation marks are the reporter's paraphrase of words the position's quotes
    # may not hold; outside marks they are the summary's own words, checked as such.
    return " ".join(_MARKS.sub("", summary).replace(";", ",").split())


def _ended(text: str) -> str:
    # A quotation that ends in its own ".", "?" or "!" ends the sentence too.
    return text if text.rstrip("”").endswith(("?", "!", ".")) else f"{text}."
