"""search: full-text indexes over what positions say (summary, quotes, conditions)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 19:20:00

SQLite: two FTS5 tables, kept in step by a trigger on position insert (positions are
append-only, and a status change needs no reindex because searches join position for it):
- `position_search` (Porter stemming) holds its own copy of the text, so `highlight()` works;
  an external-content table would need a view over position, and a view on position breaks
  Alembic's SQLite batch rebuilds of that table ("error in view … no such table").
- `position_search_exact` (no stemming, contentless) only answers "is this exact phrase there".
A later batch migration that rebuilds `position` drops the trigger: it must recreate it.

PostgreSQL: GIN indexes on `to_tsvector('english', …)` (stemmed) and `to_tsvector('simple', …)`
(exact phrases) over one immutable function that joins the searchable text.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TRIGGER = """
CREATE TRIGGER position_search_insert AFTER INSERT ON position BEGIN
  INSERT INTO position_search (rowid, summary, quotes, conditions) VALUES (new.id, new.summary,
    (SELECT group_concat(value, char(10)) FROM json_each(new.quotes)),
    (SELECT group_concat(value, char(10)) FROM json_each(new.conditions)));
  INSERT INTO position_search_exact (rowid, summary, quotes, conditions) VALUES (new.id,
    new.summary,
    (SELECT group_concat(value, char(10)) FROM json_each(new.quotes)),
    (SELECT group_concat(value, char(10)) FROM json_each(new.conditions)));
END
"""
_BACKFILL = """
INSERT INTO {table} (rowid, summary, quotes, conditions)
SELECT id, summary,
  (SELECT group_concat(value, char(10)) FROM json_each(position.quotes)),
  (SELECT group_concat(value, char(10)) FROM json_each(position.conditions))
FROM position
"""

_POSTGRES_FUNCTION = r"""
CREATE FUNCTION position_search_text(summary text, quotes json, conditions json) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT concat_ws(E'\n', summary,
    (SELECT string_agg(q.value, E'\n' ORDER BY q.n)
       FROM json_array_elements_text(quotes) WITH ORDINALITY AS q(value, n)),
    (SELECT string_agg(c.value, E'\n' ORDER BY c.n)
       FROM json_array_elements_text(conditions) WITH ORDINALITY AS c(value, n)))
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_POSTGRES_FUNCTION)
        for name, config in (
            ("ix_position_search", "english"),
            ("ix_position_search_exact", "simple"),
        ):
            op.execute(
                f"CREATE INDEX {name} ON position USING gin "
                f"(to_tsvector('{config}'::regconfig, "
                "position_search_text(summary, quotes, conditions)))"
            )
        return
    op.execute(
        "CREATE VIRTUAL TABLE position_search USING fts5("
        "summary, quotes, conditions, tokenize = 'porter unicode61')"
    )
    op.execute(
        "CREATE VIRTUAL TABLE position_search_exact USING fts5("
        "summary, quotes, conditions, content = '', tokenize = 'unicode61')"
    )
    op.execute(_TRIGGER)
    for table in ("position_search", "position_search_exact"):
        op.execute(_BACKFILL.replace("{table}", table))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_position_search_exact")
        op.execute("DROP INDEX IF EXISTS ix_position_search")
        op.execute("DROP FUNCTION IF EXISTS position_search_text(text, json, json)")
        return
    op.execute("DROP TRIGGER IF EXISTS position_search_insert")
    op.execute("DROP TABLE IF EXISTS position_search_exact")
    op.execute("DROP TABLE IF EXISTS position_search")
