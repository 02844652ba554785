"""Seed data: verbatim quotes from the reference article, loaded idempotently."""

from importlib import resources

from sqlalchemy import Engine

from bot.text import normalize_quote
from seeds import load_reference_seed
from seeds.loader import reference_data
from store import (
    Actor,
    ActorAlias,
    AuditEvent,
    Position,
    Source,
    Stance,
    Topic,
    TopicAlias,
    unit_of_work,
)
from tests.conftest import count_rows

TABLES = (Actor, ActorAlias, Topic, TopicAlias, Source, Position, AuditEvent)


def test_every_seed_quote_appears_verbatim_in_the_article() -> None:
    article = resources.files("seeds").joinpath("seed-article.txt").read_text("utf-8")
    for position in reference_data()["positions"]:
        for quote in position["quotes"]:
            assert quote in article, quote
            assert normalize_quote(quote) in normalize_quote(article)


def test_the_issue_positions_are_all_seeded() -> None:
    seeded = {(p["actor"], p["topic"]): p for p in reference_data()["positions"]}
    assert seeded["Vladimir Putin", "US ceasefire proposal"]["stance"] == Stance.CONDITIONAL
    assert len(seeded["Vladimir Putin", "US ceasefire proposal"]["conditions"]) >= 3
    assert ("Vladimir Putin", "Kursk truce") in seeded
    assert ("Donald Trump", "Russian attack on US allies") in seeded
    frozen = seeded["Ukraine", "Frozen conflict"]
    assert (frozen["stance"], frozen["speaker"]) == ("opposes", "Andriy Yermak")
    assert seeded["Ukraine", "Europe's role in the peace process"]["stance"] == "supports"
    for position in seeded.values():
        assert position["stated_at"].startswith("2025-03-13")


def test_seeding_twice_changes_nothing(engine: Engine) -> None:
    before = {table.__name__: count_rows(engine, table) for table in TABLES}
    assert before["Position"] == 6
    with unit_of_work(engine) as session:
        report = load_reference_seed(session)
    assert not report.changed
    assert {table.__name__: count_rows(engine, table) for table in TABLES} == before
