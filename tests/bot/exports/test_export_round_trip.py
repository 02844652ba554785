"""Export → import into an empty store gives back the same statements (a property test)."""

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from bot.catalog.creation import create_actor, create_topic
from bot.catalog.names import resolve_actor, resolve_topic
from bot.errors import DuplicateStatement
from bot.exports.contents import positions_rows
from bot.exports.formats import from_spreadsheet, render, spreadsheet_safe
from bot.exports.import_positions import plan_import, record_import
from bot.positions.recording import record_statement, source_for
from store import Stance, make_engine, unit_of_work, upgrade
from tests.conftest import NOW

ZONE = ZoneInfo("Europe/London")
ACTORS = ("Vladimir Putin", "Donald Trump", "Ukraine")
TOPICS = ("US ceasefire proposal", "Kursk truce")
# What the exporting store's own ids and bookkeeping are; everything else must come back.
BOOKKEEPING = ("position_id", "recorded_by", "recorded_at", "supersedes_id")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated store that tracks the actors and topics, and holds no positions."""
    path = tmp_path_factory.mktemp("round_trip") / "names.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with unit_of_work(engine) as session:
        for name in ACTORS:
            create_actor(session, name=name)
        for name in TOPICS:
            create_topic(session, name=name)
    engine.dispose()
    return path


@contextmanager
def _store(template: Path, folder: Path, name: str) -> Iterator[Session]:
    """A private copy of the template, in one unit of work."""
    path = folder / name
    shutil.copyfile(template, path)
    engine = make_engine(f"sqlite:///{path}")
    try:
        with unit_of_work(engine) as session:
            yield session
    finally:
        engine.dispose()


@dataclass(frozen=True)
class Said:
    actor: str
    topic: str
    stance: Stance
    summary: str
    conditions: list[str]
    quotes: list[str]
    day: date
    url: str | None
    outlet: str | None
    speaker: str | None


# Any printable text (curly quotes, accents, other scripts, line breaks) with the formula
# starts and apostrophes a spreadsheet cares about; "|" separates list items in CSV.
_CHARS = st.characters(
    blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp"),
    blacklist_characters="|\u0085",
    whitelist_characters="\n",
)
_TEXT = st.builds(
    lambda start, body: (start + body).strip(),
    st.sampled_from(["", "=", "+", "-", "@", "'", "'=", "''", " "]),
    st.text(_CHARS, max_size=30),
)
_ITEM = _TEXT.filter(bool)
_SOURCES = st.sampled_from(
    [
        (None, None),
        (None, "Wire"),
        ("https://example.com/a", "Example"),
        ("http://x.test/b?c=1", "X"),
    ]
)


@st.composite
def said(draw: st.DrawFn) -> Said:
    url, outlet = draw(_SOURCES)
    return Said(
        actor=draw(st.sampled_from(ACTORS)),
        topic=draw(st.sampled_from(TOPICS)),
        stance=draw(st.sampled_from(list(Stance))),
        summary=draw(_TEXT),
        conditions=draw(st.lists(_ITEM, max_size=3)),
        quotes=draw(st.lists(_ITEM, min_size=1, max_size=3)),
        day=draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2026, 11, 24))),
        url=url,
        outlet=outlet,
        speaker=draw(st.none() | st.sampled_from(ACTORS)),
    )


def _record(session: Session, statement: Said) -> None:
    source = None
    if statement.url:
        source = source_for(session, url=statement.url, outlet=statement.outlet)
    elif statement.outlet:
        source = source_for(session, url=None, text="wire copy", outlet=statement.outlet)
    speaker = resolve_actor(session, query=statement.speaker) if statement.speaker else None
    # The same statement twice is recorded once, on both sides.
    with suppress(DuplicateStatement):
        record_statement(
            session,
            actor_id=resolve_actor(session, query=statement.actor).id,
            topic_id=resolve_topic(session, query=statement.topic).id,
            stance=statement.stance,
            quotes=statement.quotes,
            summary=statement.summary,
            conditions=statement.conditions,
            source_id=source.id if source else None,
            speaker_id=speaker.id if speaker else None,
            stated_at=datetime.combine(statement.day, time(12), tzinfo=UTC),
            recorded_by="reporter",
        )


def _statements(session: Session) -> list[dict[str, object]]:
    return [
        {k: v for k, v in row.items() if k not in BOOKKEEPING} for row in positions_rows(session)
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(statements=st.lists(said(), min_size=1, max_size=8))
def test_export_then_import_into_an_empty_store_gives_the_same_statements(
    template: Path, statements: list[Said]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        with _store(template, Path(folder), "a.db") as session:
            for statement in statements:
                _record(session, statement)
            session.flush()
            exported = render(positions_rows(session), format="csv")
            expected = _statements(session)
        with _store(template, Path(folder), "b.db") as target:
            plan = plan_import(target, text=exported.decode("utf-8-sig"), zone=ZONE, now=NOW)
            assert plan.skipped == []
            record_import(target, plan=plan, user="archivist", file_name="a.csv", request_id="r")
            target.flush()
            assert _statements(target) == expected


@given(text=st.text(_CHARS | st.sampled_from("=+-@'\t\r")))
def test_a_cell_made_spreadsheet_safe_reads_back_as_it_was(text: str) -> None:
    safe = spreadsheet_safe(text)
    assert safe[:1] not in {"=", "+", "-", "@", "\t", "\r"}
    assert from_spreadsheet(safe) == text
