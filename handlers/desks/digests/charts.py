"""`digest chart on`: the chart of a posted digest's busiest topic, in the digest's thread.

The busiest topic is the one with the most statements among the positions the digest was
drafted from (its evidence; its citations when it has none). The chart is drawn after the
digest is posted and recorded, and any failure is logged and dropped: the digest stands.
Only a poster that can upload files (Slack's) attaches charts; the shell's does not.
"""

import logging
from collections import Counter
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.charts import build_timeline
from bot.settings import Settings
from handlers.desks.charts import ChartFile, draw_chart
from store import Position, unit_of_work, utcnow

log = logging.getLogger(__name__)


@runtime_checkable
class ChartAttacher(Protocol):
    """A poster that can put a chart into the thread of a message it posted."""

    def attach_chart(self, *, channel: str, thread_ts: str, chart: ChartFile) -> None:
        """Upload `chart` as a reply in the thread `thread_ts` of `channel`."""


def busiest_topic(session: Session, *, position_ids: Sequence[int]) -> int | None:
    """The topic most of these positions are on (ties: the lowest topic id); None if none."""
    if not position_ids:
        return None
    topics = session.exec(
        select(Position.topic_id).where(col(Position.id).in_(list(position_ids)))
    ).all()
    counts = Counter(topics)
    return min(counts, key=lambda topic: (-counts[topic], topic)) if counts else None


def attach_busiest_chart(
    *,
    engine: Engine,
    settings: Settings,
    poster: object,
    channel: str,
    thread_ts: str,
    position_ids: Sequence[int],
) -> None:
    """Draw and attach the busiest topic's chart; never raises (the digest is already out)."""
    if not isinstance(poster, ChartAttacher):
        return
    try:
        with unit_of_work(engine) as session:
            topic_id = busiest_topic(session, position_ids=position_ids)
            timeline = build_timeline(session, topic_id=topic_id) if topic_id else None
        if timeline is None or timeline.empty:
            return
        chart = draw_chart(timeline, zone=settings.zone, now=utcnow(), credit=settings.chart_credit)
        poster.attach_chart(channel=channel, thread_ts=thread_ts, chart=chart)
    except Exception:
        log.exception("digest chart failed: channel=%s", channel)
