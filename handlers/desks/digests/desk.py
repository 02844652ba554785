"""The digest desk: per-channel schedules, due runs (claimed exactly once), deadline outcomes."""

import logging
import os
import socket
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.digests import (
    claim,
    digest_window_start,
    missed_before,
    next_slot,
    overview,
    plan,
    run_facts,
)
from bot.drafts import DraftText, claim_lines, create_draft
from bot.errors import UserError
from bot.grammar import DigestCommand
from bot.llm import LLM
from bot.settings import Settings
from handlers.blocks import (
    Message,
    digest_quiet_message,
    escape,
    preview_message,
    schedule_message,
    section,
    unreviewed_facts_message,
)
from handlers.desks.digests.build import Tick
from handlers.desks.digests.charts import attach_busiest_chart
from handlers.desks.digests.settings import apply_command, new_schedule
from handlers.desks.draft_limits import scheduler_model
from handlers.desks.drafts import CardPoster, DraftDesk
from handlers.desks.upkeep import WorkspaceDesk
from store import DigestRun, DigestSchedule, Draft, DraftKind, DraftStatus, Topic, unit_of_work

log = logging.getLogger(__name__)


def instance_name() -> str:
    """Who claims runs: host and process, for the run rows and the logs."""
    return f"{socket.gethostname()}:{os.getpid()}"


class DigestDesk(WorkspaceDesk):
    """Digests for one database, drafts desk and poster."""

    def __init__(
        self,
        *,
        engine: Engine,
        settings: Settings,
        drafts: DraftDesk,
        poster: CardPoster,
        llm: LLM | None,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.engine = engine
        self.defaults = settings
        self.drafts = drafts
        self.poster = poster
        self.llm = llm
        self.on_change = on_change  # the scheduler re-reads schedules when one changes
        self.instance = instance_name()
        drafts.approvals.on_outcome = self.draft_outcome

    # -- commands ------------------------------------------------------------------------

    def handle(
        self, command: DigestCommand, *, channel_id: str, user: str, now: datetime
    ) -> Message:
        """One `digest …` command in one channel."""
        if command.action == "preview":
            return self.preview(channel_id=channel_id, now=now)
        if command.action == "now":
            return self.run_now(channel_id=channel_id, now=now)
        note = ""
        with unit_of_work(self.engine) as session:
            schedule = session.exec(
                select(DigestSchedule).where(DigestSchedule.channel_id == channel_id)
            ).first()
            if command.action != "status":
                schedule = schedule or new_schedule(
                    self.settings, channel_id=channel_id, user=user, now=now
                )
                note = apply_command(
                    session, schedule, command, default_time=self.settings.digest_time
                )
                session.add(schedule)
                session.flush()
            names = _topic_names(session, schedule.topics if schedule else [])
            next_at = next_slot(schedule, now=now) if schedule else None
        if command.action != "status" and self.on_change:
            self.on_change()
        return schedule_message(
            schedule, topics=names, next_at=next_at, command=self.settings.command, note=note
        )

    def preview(self, *, channel_id: str, now: datetime) -> Message:
        """Draft the digest now and show it privately; nothing posted, no run recorded."""
        with unit_of_work(self.engine) as session:
            schedule = self._schedule(session, channel_id)
            since = digest_window_start(schedule, now=now)
            built = Tick(llm=None).build(session, topic_ids=schedule.topics, since=since, until=now)
            facts = claim_lines(built.facts)
        narrative = overview(built.views, since=since) if built.views else ""
        return preview_message(
            title=f"Digest for {channel_id}", narrative=narrative, facts=facts, since=since
        )

    def run_now(self, *, channel_id: str, now: datetime) -> Message:
        """A real run now (through approval), as if a slot fired this minute."""
        with unit_of_work(self.engine) as session:
            schedule = self._schedule(session, channel_id)
        slot = now.replace(second=0, microsecond=0)
        with self._model(calls=1) as llm:
            told = self._run(schedule, slot=slot, now=now, tick=Tick(llm=llm))
        return Message(text=told, blocks=[section(escape(told))])

    # -- the scheduler's side ---------------------------------------------------------------

    def run_due(self, *, now: datetime, schedule_id: int | None = None) -> list[str]:
        """Run whatever is due at `now`; one channel's failure does not stop the others."""
        with unit_of_work(self.engine) as session:
            query = select(DigestSchedule).where(DigestSchedule.enabled == True)  # noqa: E712
            if schedule_id is not None:
                query = query.where(DigestSchedule.id == schedule_id)
            schedules = list(session.exec(query).all())
        told: dict[str, list[str]] = {}
        runs: list[tuple[DigestSchedule, datetime]] = []
        tick = Tick(llm=None)  # its model once the runs are known: reserved for each build
        for schedule in schedules:
            try:
                told[schedule.channel_id], slot = self._due(schedule, now=now)
            except Exception:
                log.exception("digest run failed: channel=%s", schedule.channel_id)
                told[schedule.channel_id] = [f"{schedule.channel_id}: failed (see the log)"]
                continue
            if slot is not None:  # what each build will need, read once for all of them
                since = digest_window_start(schedule, now=now)
                tick.expect(schedule.topics, since=since, until=now)
                runs.append((schedule, slot))
        builds = {(frozenset(s.topics), digest_window_start(s, now=now)) for s, _ in runs}
        with self._model(calls=len(builds)) as tick.llm:
            for schedule, slot in runs:
                try:
                    told[schedule.channel_id].append(
                        self._run(schedule, slot=slot, now=now, tick=tick)
                    )
                except Exception:
                    log.exception("digest run failed: channel=%s", schedule.channel_id)
                    told[schedule.channel_id].append(f"{schedule.channel_id}: failed (see the log)")
        return [line for schedule in schedules for line in told[schedule.channel_id]]

    def _due(self, schedule: DigestSchedule, *, now: datetime) -> tuple[list[str], datetime | None]:
        """Record the missed slots; the slot to run now, if any."""
        assert schedule.id is not None
        with unit_of_work(self.engine) as session:
            due = plan(session, schedule, now=now)
            for slot in due.missed:
                claim(
                    session, schedule_id=schedule.id, slot=slot, status="missed", by=self.instance
                )
        told = [f"{schedule.channel_id}: missed {slot:%-d %b %H:%M %Z}" for slot in due.missed]
        return told, due.run

    def _run(self, schedule: DigestSchedule, *, slot: datetime, now: datetime, tick: Tick) -> str:
        assert schedule.id is not None
        channel = schedule.channel_id
        with unit_of_work(self.engine) as session:
            run = claim(
                session, schedule_id=schedule.id, slot=slot, status="claimed", by=self.instance
            )
            if run is None:
                return f"{channel}: {slot:%H:%M} already taken by another scheduler"
            missed = missed_before(session, schedule_id=schedule.id, slot=slot)
            since = digest_window_start(schedule, now=now)
            built = tick.build(session, topic_ids=schedule.topics, since=since, until=now)
            if not built.views:
                run.status, run.note = "quiet", f"no changes since {since:%Y-%m-%d %H:%M}"
                session.add(run)
                draft = None
            else:
                local = slot.astimezone(slot.tzinfo)
                title = f"Digest — {local:%a %-d %b}"
                if missed:
                    title += " (missed: " + ", ".join(f"{m:%-d %b}" for m in missed[-5:]) + ")"
                draft = create_draft(
                    session,
                    kind=DraftKind.DIGEST,
                    text=DraftText(
                        title=title, claims=(*built.narrative, *built.facts), drafter=built.drafter
                    ),
                    evidence_ids=[v.id for v in built.views],
                    requested_by="scheduler",
                    channel_id=channel,
                    now=now,
                    ttl=timedelta(minutes=schedule.deadline_minutes),
                    content=built.content,
                )
                run.status, run.draft_id, run.content_id = "drafted", draft.id, draft.content_id
                session.add(run)
        if draft is not None:
            self.drafts.show(draft)
            return f"{channel}: digest drafted as D{draft.id}, waiting for approval"
        if schedule.when_quiet == "line":
            self.poster.post_note(channel, digest_quiet_message(since=since))
            return f"{channel}: no changes (said so)"
        return f"{channel}: no changes (nothing posted)"

    def draft_outcome(self, draft: Draft) -> None:
        """After a digest draft ends: record posting, or apply the channel's deadline choice."""
        if draft.kind != DraftKind.DIGEST or draft.id is None:
            return
        with unit_of_work(self.engine) as session:
            run = session.exec(select(DigestRun).where(DigestRun.draft_id == draft.id)).first()
            if run is None:
                return
            schedule = session.get(DigestSchedule, run.schedule_id)
            assert schedule is not None
            note = None
            if draft.status == DraftStatus.POSTED:
                run.status, schedule.last_posted_at = "posted", draft.decided_at
            elif draft.status == DraftStatus.EXPIRED and schedule.on_deadline == "facts":
                run.status, schedule.last_posted_at = "deadline_facts", draft.expires_at
                note = unreviewed_facts_message(title=draft.title, facts=run_facts(session, run))
            elif draft.status == DraftStatus.EXPIRED:
                run.status = "deadline_nothing"
            else:
                run.status = draft.status.value
            session.add(run)
            session.add(schedule)
            channel, chart = schedule.channel_id, schedule.chart
        if note is not None:
            self.poster.post_note(channel, note)
        if chart and draft.status == DraftStatus.POSTED and draft.posted_ts:
            attach_busiest_chart(
                engine=self.engine,
                settings=self.settings,
                poster=self.poster,
                channel=channel,
                thread_ts=draft.posted_ts,
                position_ids=draft.evidence_ids or draft.citations,
            )

    def _model(self, *, calls: int) -> AbstractContextManager[LLM | None]:
        """The model for up to `calls` narratives, reserved before any run's unit of work
        (within the workspace's budget; None: the offline drafter)."""
        return scheduler_model(self.llm, engine=self.engine, settings=self.settings, calls=calls)

    def _schedule(self, session: Session, channel_id: str) -> DigestSchedule:
        schedule = session.exec(
            select(DigestSchedule).where(DigestSchedule.channel_id == channel_id)
        ).first()
        if schedule is None:
            raise UserError(
                "This channel has no digest yet.",
                hint=f"Start one: {self.settings.command} digest at 07:00",
            )
        return schedule


def _topic_names(session: Session, ids: list[int]) -> list[str]:
    names = {t.id: t.name for t in session.exec(select(Topic)).all()}
    return [names[i] for i in ids if i in names]
