"""Full-text search over what positions say: quotes, summaries and conditions.

One interface (`bot.search.backend.Backend`), two backends: SQLite FTS5 and PostgreSQL
full-text search. Words are all required and stemmed; "quoted phrases" match exactly.
"""

from typing import TYPE_CHECKING

from bot.public_names import public_names

if TYPE_CHECKING:
    from bot.search.marks import Piece
    from bot.search.query import SearchHit, search
    from bot.search.terms import MAX_SEARCH_CHARS, Terms, read_terms
else:
    __getattr__ = public_names(__name__, __file__)

__all__ = [
    "MAX_SEARCH_CHARS",
    "Piece",
    "SearchHit",
    "Terms",
    "read_terms",
    "search",
]
