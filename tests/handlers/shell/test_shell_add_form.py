"""The shell's add form through the console script: the date said, picking a suggested name
by number, creating an unknown actor or topic, and Ctrl-C, which records nothing."""

import re
from datetime import UTC, date
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from store import (
    Actor,
    ActorAlias,
    ActorKind,
    AuditEvent,
    Position,
    Topic,
    TopicAlias,
)
from tests.handlers.shell.test_shell_forms import (
    ORIGINAL_POSITIONS,
    Terminal,
    actions,
    lines,
    positions,
)
from tests.handlers.shell_fixtures import run

pytestmark = pytest.mark.usefixtures("shell_database")


def day_of(position: Position) -> date:
    stated = position.stated_at
    return (stated if stated.tzinfo else stated.replace(tzinfo=UTC)).astimezone(UTC).date()


def said(engine: Engine, quote: str) -> Position:
    (position,) = [p for p in positions(engine) if p.quotes == [quote]]
    return position


def test_the_form_asks_the_date_said_and_asks_again_until_it_can_use_it(
    tmp_path: Path, database: Engine
) -> None:
    script = lines(
        "/stance add",
        "Kaja Kalas",
        "n",  # not created: type the name again
        "Vladimir Putin",
        "ceasefire",
        "opposes",
        '"No truce this spring."',
        "",
        "",
        "not a url",
        "",
        "someday",
        "2099-01-01",
        "12 March 2025",
        "/stance history putin on ceasefire",
    )
    result = run(["shell", "--as", "U_DESK"], tmp_path, script)
    out = " ".join(result.stdout.split())
    assert result.returncode == 0, result.stderr
    assert "No actor called “Kaja Kalas”." in out
    assert "Create it? [y/N] n Actor (who said it)? Vladimir Putin" in out
    assert "“not a url” isn't a web address. Give the source as https://… Source URL" in out
    assert "Date said [today]? someday" in out
    assert "I can't read “someday” as a date. Try a date like" in out
    assert "1 Jan 2099 is in the future." in out
    assert "Recorded as position" in out
    assert "12 Mar 2025" in out.split("history putin on ceasefire")[1]
    position = said(database, "No truce this spring.")
    assert (day_of(position), position.recorded_by, position.source_id) == (
        date(2025, 3, 12),
        "U_DESK",
        None,
    )
    with Session(database) as session:
        kaja = session.exec(select(Actor).where(col(Actor.name).startswith("Kaja"))).first()
    assert kaja is None


def test_an_unknown_actor_and_topic_are_created_from_the_form(
    tmp_path: Path, database: Engine
) -> None:
    script = lines(
        "/stance add",
        "Kaja Kallas",
        "y",
        "minister",
        "person",
        "EU foreign policy chief",
        "Putin, Kallas",
        "Kallas, EU top diplomat",
        "Black Sea grain deal",
        "y",
        "Shipping of Ukrainian grain",
        "grain deal",
        "supports",
        '"We back a Black Sea deal."',
        "",
        "",
        "",
        "",
        "/stance eu top diplomat on grain deal",
    )
    result = run(["shell", "--as", "U_DESK"], tmp_path, script)
    out = " ".join(result.stdout.split())
    assert result.returncode == 0, result.stderr
    assert "No actor called “Kaja Kallas”. Create it? [y/N] y" in out
    assert "Please answer person, government, organisation. Kind [person]? person" in out
    assert "“Putin” already names Vladimir Putin; leave it out." in out
    assert "No topic called “Black Sea grain deal”. Create it? [y/N] y" in out
    assert "Recorded as position" in out
    assert "Kaja Kallas on Black Sea grain deal" in out.split("on grain deal")[-1]
    assert "We back a Black Sea deal." in out.split("on grain deal")[-1]
    with Session(database) as session:
        kallas = session.exec(select(Actor).where(Actor.name == "Kaja Kallas")).one()
        grain = session.exec(select(Topic).where(Topic.name == "Black Sea grain deal")).one()
        actor_aliases = session.exec(
            select(ActorAlias.alias).where(ActorAlias.actor_id == kallas.id)
        ).all()
        topic_aliases = session.exec(
            select(TopicAlias.alias).where(TopicAlias.topic_id == grain.id)
        ).all()
        created = session.exec(
            select(AuditEvent.action, AuditEvent.subject_id, AuditEvent.user).where(
                col(AuditEvent.action).in_(["actor.created", "topic.created"])
            )
        ).all()
    assert (kallas.kind, kallas.description) == (ActorKind.PERSON, "EU foreign policy chief")
    assert sorted(actor_aliases) == ["EU top diplomat", "Kaja Kallas", "Kallas"]
    assert (grain.description, sorted(topic_aliases)) == (
        "Shipping of Ukrainian grain",
        ["Black Sea grain deal", "grain deal"],
    )
    assert sorted(created) == [
        ("actor.created", kallas.id, "U_DESK"),
        ("topic.created", grain.id, "U_DESK"),
    ]
    position = said(database, "We back a Black Sea deal.")
    assert (position.actor_id, position.topic_id) == (kallas.id, grain.id)


def test_a_suggested_name_is_picked_by_its_number(tmp_path: Path, database: Engine) -> None:
    terminal = Terminal(["shell", "--as", "U_DESK"], tmp_path)
    terminal.expect("standpoint> ")
    terminal.type("/stance add\r")
    terminal.expect("Actor (who said it)? ")
    terminal.type("the president\r")
    terminal.expect("“the president” could mean more than one actor:")
    terminal.expect("Which one [1-")
    number = re.search(r"(\d)\. Donald Trump", terminal.seen)
    assert number is not None, terminal.seen
    terminal.type(number[1] + "\r")
    for question, answer in [
        ("Topic? ", "ceasefire"),
        ("Stance (", "supports"),
        ("Verbatim quote? ", "They'll do the right thing, I hope."),
        ("One-line summary (optional)? ", ""),
        ("Conditions, separated by ; (optional, or none)? ", ""),
        ("Source URL (optional)? ", ""),
        ("Date said [today]? ", "yesterday"),
    ]:
        terminal.expect(question)
        terminal.type(answer + "\r")
    terminal.expect("Recorded as position")
    terminal.expect("standpoint> ")
    assert terminal.exit_code() == 0
    with Session(database) as session:
        trump = session.exec(select(Actor).where(Actor.name == "Donald Trump")).one()
    assert said(database, "They'll do the right thing, I hope.").actor_id == trump.id


def test_ctrl_c_while_creating_a_name_or_at_the_date_records_nothing(
    tmp_path: Path, database: Engine
) -> None:
    terminal = Terminal(["shell", "--as", "U_DESK"], tmp_path)
    terminal.expect("standpoint> ")
    terminal.type("/stance add\r")
    for question, answer in [
        ("Actor (who said it)? ", "Kaja Kallas"),
        ("Create it? [y/N] ", "y"),
        ("Kind (person, government, organisation) [person]? ", ""),
    ]:
        terminal.expect(question)
        terminal.type(answer + "\r")
    terminal.expect("Description (optional)? ")
    terminal.ctrl_c()
    terminal.expect("Cancelled; nothing recorded.")
    terminal.expect("standpoint> ")
    terminal.type("/stance add\r")
    for question, answer in [
        ("Actor (who said it)? ", "Vladimir Putin"),
        ("Topic? ", "ceasefire"),
        ("Stance (", "opposes"),
        ("Verbatim quote? ", "Never on these terms."),
        ("One-line summary (optional)? ", ""),
        ("Conditions, separated by ; (optional, or none)? ", ""),
        ("Source URL (optional)? ", ""),
    ]:
        terminal.expect(question)
        terminal.type(answer + "\r")
    terminal.expect("Date said [today]? ")
    terminal.ctrl_c()
    terminal.expect("Cancelled; nothing recorded.")
    terminal.expect("standpoint> ")
    assert terminal.exit_code() == 0
    assert len(positions(database)) == ORIGINAL_POSITIONS
    with Session(database) as session:
        assert session.exec(select(Actor).where(Actor.name == "Kaja Kallas")).first() is None
    assert not [action for action, _ in actions(database) if action.endswith(".created")]
