"""SQLite FTS5: `position_search` (Porter stemming, ranked by matches in the row, highlighted) and
`position_search_exact` (no stemming) for quoted phrases. See migration 0007."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, column, func, literal_column, select, table, text
from sqlmodel import Session, col

from bot.search.marks import START, STOP, MarkedFields
from bot.search.terms import Terms
from store import Position

_STEMMED = table("position_search", column("rowid"))
_EXACT = table("position_search_exact", column("rowid"))


def _phrase(words: Sequence[str]) -> str:
    # Terms hold only letters and digits, so a double-quoted FTS5 string is always literal.
    return '"' + " ".join(words) + '"'


def _stemmed_query(terms: Terms) -> str:
    return " ".join([*(_phrase([w]) for w in terms.words), *(_phrase(p) for p in terms.phrases)])


_OPEN = "\x01"  # marks each matched term in highlight(); never in stored text (it is cleaned)


def _matches_in_row() -> ColumnElement[Any]:
    """How many times the query's terms occur in the row (its summary, quotes and conditions).

    Not FTS5's bm25: bm25 weighs a word by how many rows of the whole index hold it, and the
    index holds every newsroom's positions, so another newsroom's statements would reorder
    this one's hits. A count within the row depends on the row alone (as PostgreSQL's ts_rank).
    """
    counts = []
    for number in range(3):
        marked = func.highlight(literal_column("position_search"), number, _OPEN, "")
        counts.append(func.length(marked) - func.length(func.replace(marked, _OPEN, "")))
    total: ColumnElement[Any] = counts[0] + counts[1] + counts[2]
    return total


class SqliteSearch:
    """FTS5 matching, ranked by how often the terms occur in each row."""

    def restrict(
        self, session: Session, query: Select[Any], *, terms: Terms
    ) -> tuple[Select[Any], ColumnElement[Any]]:
        """Join the stemmed index; quoted phrases must also be in the exact one."""
        query = query.join(_STEMMED, _STEMMED.c.rowid == col(Position.id)).where(
            text("position_search MATCH :search_stemmed").bindparams(
                search_stemmed=_stemmed_query(terms)
            )
        )
        if terms.phrases:
            exact = (
                select(_EXACT.c.rowid)
                .select_from(_EXACT)
                .where(
                    text("position_search_exact MATCH :search_exact").bindparams(
                        search_exact=" ".join(_phrase(p) for p in terms.phrases)
                    )
                )
            )
            query = query.where(col(Position.id).in_(exact))
        return query, _matches_in_row()

    def marked(
        self, session: Session, *, ids: Sequence[int], terms: Terms
    ) -> dict[int, MarkedFields]:
        """FTS5 `highlight()` of each column."""
        if not ids:
            return {}
        marks = [
            func.highlight(literal_column("position_search"), number, START, STOP)
            for number in range(3)
        ]
        rows = session.execute(
            select(_STEMMED.c.rowid, *marks)
            .select_from(_STEMMED)
            .where(
                text("position_search MATCH :search_stemmed").bindparams(
                    search_stemmed=_stemmed_query(terms)
                ),
                _STEMMED.c.rowid.in_(ids),
            )
        ).all()
        return {
            int(row[0]): MarkedFields(summary=row[1], quotes=row[2], conditions=row[3])
            for row in rows
        }
