"""The suite's own checks catch what they are there to catch: a row planted in the wrong
newsroom, a word or id of Bravo in an answer, an answer that depends on Bravo, a desk reading
without its newsroom's scope. Each plants the fault and expects the check to fail."""

import pytest
from sqlalchemy import text
from sqlmodel import select

from bot.catalog import create_actor
from handlers.blocks import Message
from store import Actor, ActorKind, Alert, tenant_scope, unit_of_work
from tests.isolation.conftest import Pair
from tests.isolation.newsrooms import (
    BRAVO_ONLY,
    A,
    B,
    World,
    changed_tables,
    everything,
    ids_of,
    leaks,
    snapshot,
)
from tests.isolation.test_commands import run_in_both, step
from tests.isolation.test_sequences import _play


def test_a_row_planted_in_bravo_shows_in_bravos_snapshot(world: World) -> None:
    before = snapshot(world.engine, B.tenant)
    with tenant_scope(A.tenant), unit_of_work(world.engine, every_tenant=True) as session:
        session.add(Actor(tenant_id=B.tenant, name="Planted", kind=ActorKind.PERSON))
    assert changed_tables(before, snapshot(world.engine, B.tenant)) == {"actor": (8, 9)}


@pytest.mark.parametrize(
    ("table", "change"),
    [
        ("actor", "description = 'edited'"),  # a value of Bravo's row
        ("alert", f"tenant_id = '{A.tenant}'"),  # Bravo's row handed to Alpha
    ],
)
def test_a_changed_row_of_bravos_shows_in_bravos_snapshot(
    world: World, table: str, change: str
) -> None:
    before = snapshot(world.engine, B.tenant)
    with world.engine.begin() as conn:  # past every guard, as a hand edit would be
        conn.execute(text(f"UPDATE {table} SET {change} WHERE tenant_id = '{B.tenant}'"))
    assert table in changed_tables(before, snapshot(world.engine, B.tenant))


def test_the_leak_check_finds_bravos_words_and_ids_but_not_what_was_typed(world: World) -> None:
    bravo = ids_of(world.engine, B)
    said = Message(text="Valentina Petrova said it", blocks=[{"text": f"see #{bravo.live}"}])
    assert leaks(everything(said), others=BRAVO_ONLY, other_ids=bravo) == [
        "Valentina Petrova",
        "Petrova",
        f"#{bravo.live}",
    ]
    typed = "valentina petrova"
    said = Message(text="I don't know an actor called “Valentina Petrova”.")
    assert leaks(everything(said), others=BRAVO_ONLY, other_ids=bravo, typed=typed) == []
    assert leaks(f"D{bravo.draft}", others=(), other_ids=bravo) == [f"D{bravo.draft}"]


def test_a_desk_reading_without_its_scope_would_be_caught(world: World) -> None:
    with tenant_scope(A.tenant), unit_of_work(world.engine, every_tenant=True) as session:
        names = " ".join(session.exec(select(Actor.name)).all())
    assert "Valentina Petrova" in leaks(names, others=BRAVO_ONLY, other_ids=ids_of(world.engine, B))


def _mis_stamp(pair: Pair) -> None:
    """Bravo's actor written into Alpha's store, as a broken scope would write it."""
    with tenant_scope(A.tenant), unit_of_work(pair.engine) as session:
        create_actor(session, name="Valentina Petrova", kind=ActorKind.PERSON)


def test_the_command_check_fails_when_alphas_answer_depends_on_bravo(pair: Pair) -> None:
    _mis_stamp(pair)
    with pytest.raises(AssertionError, match="Petrova"):
        run_in_both(pair, [step("actors")])


def test_the_command_check_fails_when_a_command_changes_bravos_rows(pair: Pair) -> None:
    # As if Alpha's command had run Bravo's waiting alerts (a job without its own scope).
    def send_bravos() -> None:
        with tenant_scope(B.tenant), unit_of_work(pair.engine) as session:
            for alert in session.exec(select(Alert).where(Alert.status == "pending")).all():
                alert.status = "sent"
                session.add(alert)

    with pytest.raises(AssertionError, match="alert"):
        run_in_both(pair, [step("putin")], after_each=send_bravos)


def test_the_sequence_check_fails_when_alphas_answer_depends_on_bravo(pair: Pair) -> None:
    _mis_stamp(pair)
    with pytest.raises(AssertionError, match="depends on Bravo"):
        _play(pair, [(A, ("actors", False))])


def test_the_sequence_check_fails_when_a_step_changes_the_other_newsrooms_rows(
    pair: Pair,
) -> None:
    def plant() -> None:
        with tenant_scope(B.tenant), unit_of_work(pair.engine) as session:
            create_actor(session, name="Planted by Alpha's step", kind=ActorKind.PERSON)

    with pytest.raises(AssertionError, match="changed"):
        _play(pair, [(A, ("actors", False))], after_each=plant)
