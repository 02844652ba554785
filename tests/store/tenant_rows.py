"""A newsroom with rows in every table, and counts of what each tenant holds per table.

`fill_newsroom` loads the reference seed in a tenant's scope, then writes at least one row of
every other kind: a statement with a word of its own (to search for), a withdrawal, an ingest
candidate with its problem, an uncredited quote, a draft and its content, a digest schedule
and run, a follow and an alert, quiet hours, settings and LLM usage.

`held` counts rows per table from the database's own schema (every table with a `tenant_id`
column), not from the code under test, so a table the purge forgot shows up here.
"""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, inspect, text
from sqlmodel import col, select

from bot.positions.recording import record_statement
from seeds import load_reference_seed
from store import (
    Actor,
    Alert,
    CandidateProblem,
    DigestRun,
    DigestSchedule,
    Draft,
    DraftContent,
    DraftKind,
    DraftStatus,
    DraftWriting,
    Follow,
    LLMCall,
    LLMUsage,
    PositionRetraction,
    PositionStatus,
    QuietHours,
    Source,
    Stance,
    Topic,
    UncreditedQuote,
    WorkspaceSetting,
    register_tenant,
    tenant_scope,
    unit_of_work,
)

STATED = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def fill_newsroom(engine: Engine, tenant: str, *, word: str, name: str = "") -> None:
    """Every table gets rows of `tenant`; `word` appears in its statements and nowhere else."""
    register_tenant(engine, tenant=tenant, team_id=tenant, enterprise_id="", name=name or tenant)
    with tenant_scope(tenant), unit_of_work(engine) as session:
        load_reference_seed(session)
        putin = session.exec(select(Actor).where(col(Actor.name) == "Vladimir Putin")).one()
        topic = session.exec(select(Topic).order_by(col(Topic.id))).first()
        assert putin.id is not None
        assert topic is not None
        assert topic.id is not None
        session.add(
            Follow(
                team_id=tenant,
                target="C0DESK",
                target_kind="channel",
                subject=f"actor:{putin.id}",
                actor_id=putin.id,
                created_by="U1",
            )
        )
        session.flush()
        said = record_statement(
            session,
            actor_id=putin.id,
            topic_id=topic.id,
            stance=Stance.OPPOSES,
            quotes=[f"There will be no {word} on these terms."],
            summary=f"Rejects the {word} plan.",
            recorded_by="U1",
            stated_at=STATED,
        )
        withdrawn = record_statement(
            session,
            actor_id=putin.id,
            topic_id=topic.id,
            stance=Stance.SUPPORTS,
            quotes=[f"A {word} mistake, recorded and withdrawn."],
            recorded_by="U1",
            stated_at=STATED - timedelta(days=1),
        )
        withdrawn.status = PositionStatus.RETRACTED
        session.add(PositionRetraction(position_id=withdrawn.id, by="U1", kind="retracted"))
        source = Source(outlet="Wire", url=f"https://example.com/{word}", text=f"{word} text")
        session.add(source)
        session.flush()
        assert source.id is not None
        assert said.id is not None
        candidate = record_statement(
            session,
            actor_id=putin.id,
            topic_id=topic.id,
            stance=Stance.UNCLEAR,
            quotes=[f"Perhaps a {word}."],
            recorded_by="ingest",
            stated_at=STATED,
            source_id=source.id,
            status=PositionStatus.PROPOSED,
        )
        session.add(CandidateProblem(position_id=candidate.id, kind="other_speaker", message=word))
        session.add(
            Alert(
                team_id=tenant,
                target="C0DESK",
                target_kind="channel",
                position_id=said.id,
                kind="shift",
            )
        )
        session.add(UncreditedQuote(source_id=source.id, quote=f"“{word}”", start=0))
        content = DraftContent(sha256=word.ljust(64, "0")[:64], body=f"Draft about {word}.")
        session.add(content)
        session.flush()
        draft = Draft(
            kind=DraftKind.DIGEST,
            topic_id=topic.id,
            title=f"Digest {word}",
            drafter="template",
            status=DraftStatus.PENDING,
            requested_by="U1",
            expires_at=STATED + timedelta(days=1),
            content_id=content.id,
        )
        schedule = DigestSchedule(channel_id="C0DESK", tz="UTC", created_by="U1")
        session.add_all([draft, schedule])
        session.flush()
        assert schedule.id is not None
        session.add(
            DigestRun(
                schedule_id=schedule.id,
                slot=STATED,
                status="drafted",
                claimed_by="test",
                draft_id=draft.id,
                content_id=content.id,
            )
        )
        session.add(
            QuietHours(
                team_id=tenant,
                target="C0DESK",
                start_minute=22 * 60,
                end_minute=7 * 60,
                tz="UTC",
                set_by="U1",
            )
        )
        # The workspace tables name their tenant themselves.
        session.add_all(
            [
                WorkspaceSetting(tenant_id=tenant, key="tz", value="UTC", updated_by="U1"),
                LLMUsage(tenant_id=tenant, day=date(2026, 11, 20), calls=1, tokens=10),
                LLMCall(tenant_id=tenant, user_id="U1", purpose="summary", tokens=10),
                DraftWriting(
                    tenant_id=tenant,
                    topic_id=topic.id,
                    place="C0DESK",
                    requested_by="U1",
                    expires_at=STATED + timedelta(minutes=5),
                ),
            ]
        )


def newsroom_tables(engine: Engine) -> list[str]:
    """Every table of the database with a `tenant_id` column, by name."""
    inspector = inspect(engine)
    return sorted(
        name
        for name in inspector.get_table_names()
        if not name.startswith("position_search")
        and any(column["name"] == "tenant_id" for column in inspector.get_columns(name))
    )


def held(engine: Engine, tenant: str) -> dict[str, int]:
    """Rows per newsroom table that `tenant` holds, read with plain SQL."""
    with engine.connect() as conn:
        return {
            name: conn.execute(
                text(f'SELECT count(*) FROM "{name}" WHERE tenant_id = :t'),
                {"t": tenant},
            ).scalar_one()
            for name in newsroom_tables(engine)
        }
