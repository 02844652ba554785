"""Offline quote extraction: verbatim quotes in an article and who said them.

One job per module: `marks` (quotation marks), `sentences` (paragraphs and sentences),
`cues` (the words attribution reads, as data), `names`, `mentions`, `roles` and `unlisted`
(people), `events` (attributions in one sentence), `pronouns` (what "he" refers to),
`finder` (putting it together), and `stance` with its word lists in `stance_words`.
"""

from bot.ingest.attribution.finder import QuoteFinding, find_quotes
from bot.ingest.attribution.stance import guess_stance

__all__ = ["QuoteFinding", "find_quotes", "guess_stance"]
