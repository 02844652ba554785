"""A generated benchmark store is searchable like one the app filled itself.

bench/dataset.py indexes bulk-loaded positions in one pass instead of through the insert
trigger; the search must still find them, and the trigger must be back for later inserts.
"""

import sqlite3
from contextlib import closing
from pathlib import Path

from bench.dataset import build_database
from bot.settings.model import Settings
from handlers.desks.commands import Dispatcher
from store import make_engine

SIZE = 300


def test_search_finds_bulk_loaded_positions_and_the_trigger_is_back(tmp_path: Path) -> None:
    path = tmp_path / "generated.db"
    build_database(path, SIZE, analyze=False)
    with closing(sqlite3.connect(path)) as conn:
        last_id, quote = conn.execute(
            "SELECT id, json_extract(quotes, '$[0]') FROM position ORDER BY id DESC LIMIT 1"
        ).fetchone()
        stemmed, exact = (
            conn.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH 'generated'").fetchone()
            for table in ("position_search", "position_search_exact")
        )
        triggers = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'position'"
        ).fetchall()
    assert stemmed == exact == (SIZE,)
    assert ("position_search_insert",) in triggers
    url = f"sqlite:///{path}"
    dispatcher = Dispatcher(engine=make_engine(url), settings=Settings(database_url=url))
    phrase = quote.rstrip(".")
    message = dispatcher.handle(f'search "{phrase}"', user="U_DESK")
    assert message.text.startswith(f"Search “{phrase.lower()}”")
    assert ": 1 statement." in message.text
    assert f"#{last_id})" in message.text
