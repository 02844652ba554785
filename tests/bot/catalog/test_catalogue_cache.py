"""The name cache: names are read once per process and trusted while the database's catalogue
token is unchanged; a write from anywhere (another process, raw SQL) changes it at once."""

import subprocess
import sys

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.catalog.names import resolve_actor, resolve_topic
from bot.catalog.snapshot import catalogue_names
from bot.errors import UnknownName
from handlers.desks.commands import Dispatcher
from store import Actor, ActorAlias, catalogue_token, unit_of_work
from tests.sql_sent import statements_sent

# Another process writing, as another replica or an operator with psql would.
WRITER = """
import sys
from sqlalchemy import create_engine, text
engine = create_engine(sys.argv[1])
with engine.begin() as connection:
    connection.execute(text(sys.argv[2]))
engine.dispose()
"""


def _write_elsewhere(url: str, sql: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", WRITER, url, sql], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]


def _putin_id(engine: Engine) -> int:
    with unit_of_work(engine) as session:
        return resolve_actor(session, query="putin").id


def test_an_alias_added_by_another_process_resolves_at_once(engine: Engine, db_url: str) -> None:
    putin = _putin_id(engine)  # the names are now cached in this process
    with unit_of_work(engine) as session, pytest.raises(UnknownName):
        resolve_actor(session, query="xq seven")
    _write_elsewhere(
        db_url,
        "INSERT INTO actor_alias (tenant_id, actor_id, alias, normalized) "
        f"VALUES ('local', {putin}, 'Xq Seven', 'xq seven')",
    )
    with unit_of_work(engine) as session:
        assert resolve_actor(session, query="Xq Seven").name == "Vladimir Putin"


def test_a_rename_by_hand_shows_in_the_next_answer(engine: Engine, db_url: str) -> None:
    putin = _putin_id(engine)
    _write_elsewhere(db_url, f"UPDATE actor SET name = 'Vladimir V. Putin' WHERE id = {putin}")
    with unit_of_work(engine) as session:
        assert resolve_actor(session, query="putin").name == "Vladimir V. Putin"


def test_unchanged_names_cost_one_token_read_and_no_name_query(engine: Engine) -> None:
    _putin_id(engine)
    with statements_sent(engine) as seen, unit_of_work(engine) as session:
        resolve_actor(session, query="putin", partial=True)
        resolve_topic(session, query="ceasefire", partial=True)
        resolve_actor(session, query="Vladimir Putin")
    assert len(seen) == 1, seen
    assert "catalogue_version" in seen[0]


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO topic (tenant_id, name, description, created_at) "
        "VALUES ('local', 'Grain deal', '', CURRENT_TIMESTAMP)",
        "UPDATE topic SET description = 'changed' WHERE id = 1",
        "DELETE FROM actor_alias WHERE id = (SELECT MAX(id) FROM actor_alias)",
        "UPDATE actor SET proposed = proposed WHERE id = 1",
    ],
)
def test_every_kind_of_catalogue_write_changes_the_token(
    engine: Engine, db_url: str, sql: str
) -> None:
    with unit_of_work(engine) as session:
        before = catalogue_token(session)
    _write_elsewhere(db_url, sql)
    with unit_of_work(engine) as session:
        assert catalogue_token(session) != before


def test_an_alias_written_then_rolled_back_is_never_resolved(engine: Engine) -> None:
    putin = _putin_id(engine)

    class Undo(Exception):
        pass

    with pytest.raises(Undo), unit_of_work(engine) as session:
        session.add(ActorAlias(actor_id=putin, alias="Xq Eight", normalized="xq eight"))
        # Its own unit of work sees its write (pending writes are flushed first)...
        assert resolve_actor(session, query="xq eight").id == putin
        raise Undo
    # ...and no later one does: the token it cached under is never the database's again.
    with unit_of_work(engine) as session, pytest.raises(UnknownName):
        resolve_actor(session, query="xq eight")


def test_a_merged_actor_is_no_longer_a_name_but_keeps_its_name_in_history(
    engine: Engine,
) -> None:
    with unit_of_work(engine) as session:
        yermak = session.exec(select(Actor).where(Actor.name == "Andriy Yermak")).one()
        yermak.merged_into_id = resolve_actor(session, query="trump").id
    with unit_of_work(engine) as session, pytest.raises(UnknownName):
        resolve_actor(session, query="Andriy Yermak")
    with unit_of_work(engine) as session:
        actors, _ = catalogue_names(session)
        assert actors[yermak.id] == "Andriy Yermak"


def test_an_answer_given_from_remembered_names_is_asked_again_when_they_changed(
    dispatcher: Dispatcher, engine: Engine, db_url: str
) -> None:
    # Answers trust the names in memory and check the token their statement returns with them.
    assert "Vladimir Putin" in dispatcher.handle("putin on ceasefire", user="U1").text
    putin = _putin_id(engine)
    _write_elsewhere(db_url, f"UPDATE actor SET name = 'Vladimir V. Putin' WHERE id = {putin}")
    answer = dispatcher.handle("putin on ceasefire", user="U1").text
    assert "Vladimir V. Putin" in answer
    _write_elsewhere(
        db_url,
        "INSERT INTO actor_alias (tenant_id, actor_id, alias, normalized) "
        f"VALUES ('local', {putin}, 'Xq Nine', 'xq nine')",
    )
    assert "Vladimir V. Putin" in dispatcher.handle("xq nine on ceasefire", user="U1").text
