"""PostgreSQL full-text search: `to_tsvector('english', …)` for words (stemmed, English stop
words ignored) and `to_tsvector('simple', …)` for quoted phrases (exact words, so "no
ceasefire" keeps its "no"). Both match the GIN indexes of migration 0007 expression for
expression, so the planner can use them."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, Select, bindparam, func, literal_column, select
from sqlmodel import Session, col

from bot.errors import BadCommand
from bot.search.marks import START, STOP, MarkedFields, merged
from bot.search.terms import Terms
from store import Position

_HEADLINE = f"HighlightAll=true, StartSel={START}, StopSel={STOP}"
_LINES = (
    "(SELECT string_agg(x.value, E'\\n' ORDER BY x.n) "
    "FROM json_array_elements_text(position.{column}) WITH ORDINALITY AS x(value, n))"
)


def _config(name: str) -> ColumnElement[Any]:
    return literal_column(f"'{name}'::regconfig")


def _vector_expression(config: str) -> ColumnElement[Any]:
    document = func.position_search_text(
        col(Position.summary), col(Position.quotes), col(Position.conditions)
    )
    return func.to_tsvector(_config(config), document)


def _query_expression(config: str, terms: Terms) -> ColumnElement[Any]:
    """Every term ANDed into one tsquery; user text only ever as a bound value."""
    parts: list[ColumnElement[Any]] = []
    if config == "english" and terms.words:
        words: BindParameter[str] = bindparam("search_words", " ".join(terms.words), unique=True)
        parts.append(func.plainto_tsquery(_config("english"), words))
    for number, phrase in enumerate(terms.phrases):
        value: BindParameter[str] = bindparam(
            f"search_{config}_{number}", " ".join(phrase), unique=True
        )
        parts.append(func.phraseto_tsquery(_config(config), value))
    combined = parts[0]
    for part in parts[1:]:
        combined = combined.op("&&")(part)
    return combined


class PostgresSearch:
    """tsvector @@ tsquery, ranked by ts_rank, highlighted by ts_headline."""

    def _config_for(self, session: Session, terms: Terms) -> str:
        """The configuration that ranks and highlights: English, unless every word is an
        English stop word; then the exact phrases alone ("simple")."""
        english = _query_expression("english", terms)
        if session.execute(select(func.numnode(english))).scalar_one() > 0:
            return "english"
        if not terms.phrases:
            raise BadCommand(
                f"“{terms.shown()}” is only words too common to search for.",
                hint=f'Put them in quotes to search for them exactly: search "{terms.shown()}"',
            )
        return "simple"

    def restrict(
        self, session: Session, query: Select[Any], *, terms: Terms
    ) -> tuple[Select[Any], ColumnElement[Any]]:
        """Stemmed words (and phrases) in English; quoted phrases also exactly."""
        config = self._config_for(session, terms)
        vector, tsquery = _vector_expression(config), _query_expression(config, terms)
        query = query.where(vector.op("@@")(tsquery))
        if config == "english" and terms.phrases:
            exact = _query_expression("simple", terms)
            query = query.where(_vector_expression("simple").op("@@")(exact))
        return query, func.ts_rank(vector, tsquery)

    def marked(
        self, session: Session, *, ids: Sequence[int], terms: Terms
    ) -> dict[int, MarkedFields]:
        """ts_headline of each field, whole (HighlightAll): the caller cuts the snippet."""
        if not ids:
            return {}
        config = self._config_for(session, terms)
        marked = self._headlines(session, ids=ids, config=config, terms=terms)
        if config == "english" and terms.phrases:
            # English highlighting skips stop words: "no" of "no ceasefire" is marked exactly.
            exact = self._headlines(session, ids=ids, config="simple", terms=terms)
            marked = {
                key: MarkedFields(
                    summary=merged(fields.summary, exact[key].summary),
                    quotes=merged(fields.quotes, exact[key].quotes),
                    conditions=merged(fields.conditions, exact[key].conditions),
                )
                for key, fields in marked.items()
            }
        return marked

    def _headlines(
        self, session: Session, *, ids: Sequence[int], config: str, terms: Terms
    ) -> dict[int, MarkedFields]:
        tsquery = _query_expression(config, terms)
        options: BindParameter[str] = bindparam("headline", _HEADLINE, unique=True)
        fields = [
            col(Position.summary),
            literal_column(_LINES.format(column="quotes")),
            literal_column(_LINES.format(column="conditions")),
        ]
        heads = [func.ts_headline(_config(config), field, tsquery, options) for field in fields]
        rows = session.execute(
            select(col(Position.id), *heads).where(col(Position.id).in_(list(ids)))
        ).all()
        return {
            int(row[0]): MarkedFields(summary=row[1], quotes=row[2], conditions=row[3])
            for row in rows
        }
