"""PositionViews from rows: names, sources, the change vs the statements before, withdrawals
and a newer unclear remark, in a bounded number of queries whatever the number of rows."""

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from bot.catalog import catalogue_names
from bot.positions.changes import Before, classify_change, previous_of
from bot.positions.live import withdrawals
from bot.positions.views import PositionView, Remark, Withdrawal
from store import Position, PositionStatus, Source


def build_views(
    session: Session, positions: Sequence[Any], *, as_of: datetime | None = None
) -> list[PositionView]:
    """Views of Position objects, or of rows of their columns (with `newest_id` for a
    current-position row)."""
    previous = previous_of(session, positions, as_of=as_of)
    marks = withdrawals(
        session, [p.id for p in positions if p.id and p.status == PositionStatus.RETRACTED]
    )
    actors, topics = catalogue_names(session)
    sources = _sources(session, {p.source_id for p in positions if p.source_id})
    remarks = _remarks(session, positions)
    views = []
    for p in positions:
        views.append(
            view_of(
                p,
                actors=actors,
                topics=topics,
                source=sources.get(p.source_id, (None, None, None)),
                before=previous.get(p.id, Before()),
                withdrawn=marks.get(p.id),
                later_remark=remarks.get(p.id),
            )
        )
    return views


def view_of(
    p: Any,
    *,
    actors: Mapping[int, str],
    topics: Mapping[int, str],
    source: tuple[str | None, str | None, str | None],
    before: Before,
    withdrawn: Withdrawal | None,
    later_remark: Remark | None,
) -> PositionView:
    """The view of one position (a Position, or a row of its columns) and what it is shown with."""
    outlet, url, title = source
    return PositionView(
        id=p.id,
        actor=actors[p.actor_id],
        topic=topics[p.topic_id],
        stance=p.stance,
        summary=p.summary,
        conditions=tuple(p.conditions),
        quotes=tuple(p.quotes),
        stated_at=p.stated_at,
        recorded_by=p.recorded_by,
        recorded_at=p.recorded_at,
        outlet=outlet,
        url=url,
        title=title,
        speaker=actors[p.speaker_id] if p.speaker_id else None,
        change=classify_change(p, before),
        withdrawn=withdrawn,
        conditions_stated=p.conditions_stated,
        later_remark=later_remark,
    )


_REMARKS = select(Position.id, Position.stated_at, Position.summary, Position.quotes).where(
    col(Position.id).in_(bindparam("ids", expanding=True))
)


def _remarks(session: Session, positions: Sequence[Any]) -> dict[int, Remark]:
    """For current-position rows, the newer unclear remark the pair has (one query)."""
    newer = {
        p.id: newest
        for p in positions
        if (newest := getattr(p, "newest_id", None)) is not None and newest != p.id
    }
    if not newer:
        return {}
    rows = session.exec(_REMARKS, params={"ids": list(set(newer.values()))}).all()
    found = {
        row_id: Remark(id=row_id, stated_at=at, summary=summary, quote=(quotes or [""])[0])
        for row_id, at, summary, quotes in rows
        if row_id is not None
    }
    return {pid: found[rid] for pid, rid in newer.items() if rid in found}


_SOURCES = select(Source.id, Source.outlet, Source.url, Source.title).where(
    col(Source.id).in_(bindparam("ids", expanding=True))
)


def _sources(
    session: Session, ids: set[int | None]
) -> dict[int | None, tuple[str | None, str | None, str | None]]:
    if not ids:
        return {}
    rows = session.exec(_SOURCES, params={"ids": list(ids)}).all()
    return {source_id: (outlet, url, title) for source_id, outlet, url, title in rows}
