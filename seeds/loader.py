"""Load seed actors, topics and positions idempotently: a second run changes nothing."""

import json
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from typing import Any

from sqlmodel import Session, select

from bot.catalog import add_aliases, create_actor, create_topic
from bot.errors import DuplicateStatement
from bot.positions import record_statement, source_for
from store import Actor, ActorAlias, ActorKind, Stance, Topic, TopicAlias

SEED_USER = "seed"


@dataclass(frozen=True)
class SeedReport:
    """What a seed run added (all zero on a re-run)."""

    actors: int = 0
    topics: int = 0
    aliases: int = 0
    positions: int = 0

    @property
    def changed(self) -> bool:
        """True if anything was written."""
        return any((self.actors, self.topics, self.aliases, self.positions))


def reference_data() -> dict[str, Any]:
    """The bundled reference seed (seeds/reference.json) with its article text."""
    folder = resources.files("seeds")
    data: dict[str, Any] = json.loads(folder.joinpath("reference.json").read_text("utf-8"))
    data["source"]["text"] = folder.joinpath(data["source"]["text_file"]).read_text("utf-8")
    return data


def load_reference_seed(session: Session, *, data: dict[str, Any] | None = None) -> SeedReport:
    """Insert whatever of the seed is missing; never duplicates, never overwrites."""
    data = data or reference_data()
    actors, actor_aliases = _ensure_named(session, Actor, ActorAlias, "actor_id", data["actors"])
    topics, topic_aliases = _ensure_named(session, Topic, TopicAlias, "topic_id", data["topics"])
    spec = data["source"]
    source = source_for(
        session,
        url=spec.get("url"),
        outlet=spec["outlet"],
        title=spec.get("title", ""),
        published_at=datetime.fromisoformat(spec["published_at"]),
        text=spec["text"],
    )
    positions = 0
    for item in data["positions"]:
        speaker_name = item.get("speaker")
        try:
            record_statement(
                session,
                actor_id=_id_of(session, Actor, item["actor"]),
                topic_id=_id_of(session, Topic, item["topic"]),
                stance=Stance(item["stance"]),
                summary=item["summary"],
                # A statement that names no conditions leaves them unknown, unless the seed
                # says it stated there were none.
                conditions=item["conditions"] or (() if item.get("conditions_stated") else None),
                quotes=item["quotes"],
                source_id=source.id if source else None,
                speaker_id=_id_of(session, Actor, speaker_name) if speaker_name else None,
                stated_at=datetime.fromisoformat(item["stated_at"]),
                recorded_by=SEED_USER,
            )
        except DuplicateStatement:
            continue
        positions += 1
    return SeedReport(
        actors=actors, topics=topics, aliases=actor_aliases + topic_aliases, positions=positions
    )


def _ensure_named(
    session: Session, table: Any, alias_table: Any, owner: str, items: list[dict[str, Any]]
) -> tuple[int, int]:
    created = aliases = 0
    for item in items:
        row_id = session.exec(select(table.id).where(table.name == item["name"])).first()
        if row_id is None:
            if table is Actor:
                named = create_actor(
                    session,
                    name=item["name"],
                    kind=ActorKind(item["kind"]),
                    description=item.get("description", ""),
                )
            else:
                named = create_topic(
                    session, name=item["name"], description=item.get("description", "")
                )
            row_id = named.id
            created += 1
        aliases += add_aliases(
            session,
            alias_table=alias_table,
            owner=owner,
            owner_id=row_id,
            aliases=item.get("aliases", []),
        )
    session.flush()
    return created, aliases


def _id_of(session: Session, table: Any, name: str) -> int:
    row_id: int | None = session.exec(select(table.id).where(table.name == name)).first()
    if row_id is None:
        raise ValueError(f"seed refers to unknown {table.__name__} {name!r}")
    return row_id
