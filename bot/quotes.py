"""The offline quote extractor; it lives in `bot.attribution`."""

from bot.attribution import QuoteFinding, find_quotes, guess_stance

__all__ = ["QuoteFinding", "find_quotes", "guess_stance"]
