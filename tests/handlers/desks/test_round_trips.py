"""Round trips per answer, counted where they leave for the database: a budget, so they can't
creep back. The suite runs on PostgreSQL in CI too, where each one is a network round trip."""

import pytest
from sqlalchemy import Engine
from sqlalchemy.dialects import postgresql

from bot.positions.board_page import _views
from bot.positions.queries import _pair_statement, _per_pair_statement
from handlers.desks.commands import Dispatcher
from tests.sql_sent import statements_sent

# One statement for everything a pair answer shows (it returns the catalogue token too, which
# confirms the names resolved from memory); a board: its stances, then the page shown.
BUDGET = {
    "putin on ceasefire": 1,
    "putin ceasefire": 1,
    "topic ceasefire": 2,
    "yermak on frozen conflict": 1,
    "putin on ceasefire as of 14 March 2025": 1,
}
# psycopg parses a statement once and caches it only up to this length (psycopg._queries).
PSYCOPG_CACHED_LENGTH = 4096


@pytest.mark.parametrize(("command", "budget"), sorted(BUDGET.items()))
def test_an_answer_stays_within_its_round_trips(
    dispatcher: Dispatcher, engine: Engine, command: str, budget: int
) -> None:
    dispatcher.handle(command, user="U1")  # warm: the catalogue is read once per process
    with statements_sent(engine) as seen:
        answer = dispatcher.handle(command, user="U1")
    assert "Vladimir Putin" in answer.text or "Andriy Yermak" in answer.text, answer.text
    assert len(seen) <= budget, seen


def test_the_common_answers_stay_short_enough_for_psycopg_to_cache() -> None:
    # Measured as psycopg receives them: placeholders for lists expanded (render_postcompile).
    dialect = postgresql.psycopg.dialect()  # type: ignore[attr-defined]
    for statement in (
        _pair_statement(dated=False, spoken=True),
        _pair_statement(dated=False, spoken=False),
        _per_pair_statement("topic_id", dated=False),
        _per_pair_statement("actor_id", dated=False),
        _views(dated=False),
    ):
        values = statement.params(actor_id=1, topic_id=1, owner_id=1, ids=list(range(1, 21)))
        sql = str(values.compile(dialect=dialect, compile_kwargs={"render_postcompile": True}))
        assert len(sql) < PSYCOPG_CACHED_LENGTH
