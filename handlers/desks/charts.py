"""Charts of stances over time: `chart <actor> on <topic>`, `chart topic <topic>`.

`run` is the shell's way: the PNG is written under STANDPOINT_CHART_DIR (default a
`charts/` folder in the current directory) under a name not yet taken, and the answer gives
its path and alt text. Slack uploads the same picture instead (handlers/slack/charts.py),
and a digest may attach one (handlers/desks/digests/charts.py); all three come through `draw_chart`.
"""

import re
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.catalog import reading_notes, resolve_actor, resolve_topic
from bot.charts import Timeline, alt_text, build_timeline
from bot.grammar import ChartRequest
from handlers.blocks import Message, context, escape, section
from handlers.desks.exports import write_new
from handlers.desks.upkeep import UpkeepDesk
from store import unit_of_work

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class ChartFile:
    """One chart, ready to write or upload."""

    name: str  # standpoint-chart-vladimir-putin-on-us-ceasefire-proposal-2026-11-25.png
    title: str
    alt: str
    data: bytes
    reading: tuple[str, ...] = ()  # how typed names were read, when part of one was typed


class ChartDesk(UpkeepDesk):
    """Timelines of one database."""

    def timeline(self, command: ChartRequest) -> Timeline:
        """The chart's data (UserError with did-you-mean for unknown names); a name typed as
        part of one ("europe's role") is read as it, and `reading` says so."""
        with unit_of_work(self.engine) as session:
            topic = resolve_topic(session, query=command.topic, partial=True)
            actor = (
                resolve_actor(session, query=command.actor, partial=True) if command.actor else None
            )
            timeline = build_timeline(
                session, topic_id=topic.id, actor_id=actor.id if actor else None
            )
        read = [named for named in (actor, topic) if named is not None]
        return replace(timeline, reading=tuple(reading_notes(read)))

    def draw(self, timeline: Timeline, *, now: datetime) -> ChartFile:
        """The PNG of a timeline that has statements, in the desk's zone."""
        return draw_chart(
            timeline, zone=self.settings.zone, now=now, credit=self.settings.chart_credit
        )

    def run(
        self, command: ChartRequest, *, user: str, now: datetime, request_id: str | None = None
    ) -> Message:
        """Write the chart's PNG to a file and say where, with its alt text."""
        timeline = self.timeline(command)
        if timeline.empty:
            return nothing_to_chart(timeline)
        chart = self.draw(timeline, now=now)
        folder = self.settings.chart_dir or Path.cwd() / "charts"
        folder.mkdir(parents=True, exist_ok=True)
        path = write_new(folder, chart)
        text = f"📈 {chart.title} written to {path}"
        notes = [context(escape(note)) for note in timeline.reading]
        return Message(
            text="\n".join([*timeline.reading, text, chart.alt]),
            blocks=[*notes, section(escape(text)), context(escape(chart.alt))],
        )


def draw_chart(timeline: Timeline, *, zone: ZoneInfo, now: datetime, credit: str = "") -> ChartFile:
    """The PNG of a timeline that has statements, with its name and alt text; its source
    line says it is as of `now` and credits `credit` (STANDPOINT_CHART_CREDIT)."""
    from bot.charts import render_png  # the plotting library loads only here

    return ChartFile(
        name=f"standpoint-chart-{_slug(timeline.title)}-{now.astimezone(zone).date()}.png",
        title=f"Stance timeline: {timeline.title}",
        alt=alt_text(timeline, zone=zone),
        data=render_png(timeline, zone=zone, as_of=now, credit=credit),
        reading=timeline.reading,
    )


def nothing_to_chart(timeline: Timeline) -> Message:
    """The answer when there is nothing to draw (no empty picture is made)."""
    text = f"Nothing to chart: no statement is recorded for {timeline.title}."
    return Message(
        text=text,
        blocks=[section(escape(text)), context("Record one with `add`, or `ingest` an article.")],
    )


def _slug(title: str) -> str:
    return _NOT_SLUG.sub("-", title.casefold()).strip("-")[:80].strip("-") or "chart"
