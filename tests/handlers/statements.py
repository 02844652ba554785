"""Long answers for tests: many statements on one pair, and reading back what a page shows."""

import re
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlmodel import col, select

from bot.catalog.names import resolve_actor, resolve_topic
from bot.positions.recording import record_statement
from store import Position, PositionStatus, Stance, unit_of_work

_POSITION_ID = re.compile(r"· #(\d+)$")
_STANCES = [Stance.OPPOSES, Stance.CONDITIONAL, Stance.UNDECIDED]


def record_many(engine: Engine, *, actor: str, topic: str, count: int, newest: datetime) -> None:
    """`count` statements of `actor` on `topic`, one a day back from `newest`."""
    with unit_of_work(engine) as session:
        actor_id = resolve_actor(session, query=actor).id
        topic_id = resolve_topic(session, query=topic).id
        for i in range(count):
            record_statement(
                session,
                actor_id=actor_id,
                topic_id=topic_id,
                stance=_STANCES[i % len(_STANCES)],
                quotes=[f"Statement number {i:03d}."],
                stated_at=newest - timedelta(days=i),
                recorded_by="U_TEST",
            )


def stored_newest_first(engine: Engine, *, actor: str, topic: str) -> list[int]:
    """Ids of the pair's confirmed positions, newest first, as the store holds them."""
    with unit_of_work(engine) as session:
        actor_id = resolve_actor(session, query=actor).id
        topic_id = resolve_topic(session, query=topic).id
        return list(
            session.exec(
                select(Position.id)
                .where(
                    Position.actor_id == actor_id,
                    Position.topic_id == topic_id,
                    Position.status == PositionStatus.CONFIRMED,
                )
                .order_by(col(Position.stated_at).desc(), col(Position.id).desc())
            ).all()
        )


def shown_ids(blocks: list[dict[str, Any]]) -> list[int]:
    """The position ids a history page shows, in order (each source line ends in `#id`)."""
    found = []
    for block in blocks:
        for element in block.get("elements", []) if block["type"] == "context" else []:
            match = _POSITION_ID.search(element.get("text", ""))
            if match:
                found.append(int(match[1]))
    return found


def contexts(blocks: list[dict[str, Any]]) -> list[str]:
    """Every small grey line of a message."""
    return [
        element.get("text", "")
        for block in blocks
        if block["type"] == "context"
        for element in block["elements"]
    ]


def more_button(blocks: list[dict[str, Any]]) -> str | None:
    """The Show more button's value (the next page's command text), if there is one."""
    for block in blocks:
        for element in block.get("elements", []) if block["type"] == "actions" else []:
            if element.get("action_id") == "show_more":
                return str(element["value"])
    return None
