"""A newsroom's watch list from CSV (name, kind, description, aliases): read, check, load.

Every row is checked before anything is written, and the load is one unit of work, so a
bad file changes nothing. Loading the same file again changes nothing either.
"""

from dataclasses import dataclass

from sqlmodel import Session, select

from bot.catalog.creation import add_aliases, create_actor
from bot.catalog.name_csv import ImportReport, Record, cell_values, checked_name, read_rows
from bot.text import normalize_name
from store import Actor, ActorAlias, ActorKind, AuditEvent

COLUMNS = ("name", "kind", "description", "aliases")
_KINDS = {kind.value: kind for kind in ActorKind} | {"organization": ActorKind.ORGANISATION}


@dataclass(frozen=True)
class WatchRow:
    """One checked row; `row` is its line number in the file (the header is row 1)."""

    row: int
    name: str
    kind: ActorKind
    description: str
    aliases: tuple[str, ...]


def read_watch_list(text: str) -> list[WatchRow]:
    """The checked rows of a watch-list CSV, or a UserError naming every bad row."""
    return read_rows(text, columns=COLUMNS, check=_checked)


def _checked(number: int, record: Record) -> WatchRow | None:
    values = cell_values(record)
    named = checked_name(values)
    if named is None:
        return None  # a blank line
    name, description, aliases = named
    kind_text = values.get("kind", "").casefold() or ActorKind.PERSON.value
    kind = _KINDS.get(kind_text)
    if kind is None:
        raise ValueError(
            f"kind “{kind_text[:30]}” isn't one of {', '.join(k.value for k in ActorKind)}."
        )
    return WatchRow(row=number, name=name, kind=kind, description=description, aliases=aliases)


def import_watch_list(session: Session, *, rows: list[WatchRow], user: str) -> ImportReport:
    """Add the actors not yet tracked and the aliases they lack; the caller commits once."""
    report = ImportReport()
    actors = {normalize_name(actor.name): actor for actor in session.exec(select(Actor)).all()}
    for row in rows:
        actor = actors.get(normalize_name(row.name))
        if actor is None:
            named = create_actor(
                session,
                name=row.name,
                kind=row.kind,
                description=row.description,
                aliases=row.aliases,
            )
            _audit(session, user=user, actor_id=named.id, action="actor.imported")
            report.added += 1
            continue
        assert actor.id is not None
        added = add_aliases(
            session,
            alias_table=ActorAlias,
            owner="actor_id",
            owner_id=actor.id,
            aliases=[actor.name, *row.aliases],
        )
        changed = bool(added)
        if actor.proposed:  # met by an ingest; the newsroom now tracks them
            actor.proposed = False
            changed = True
        if row.description and not actor.description:
            actor.description = row.description
            changed = True
        if changed:
            session.add(actor)
            _audit(session, user=user, actor_id=actor.id, action="actor.updated")
            report.updated += 1
            report.aliases += added
        else:
            report.unchanged += 1
    session.flush()
    return report


def _audit(session: Session, *, user: str, actor_id: int, action: str) -> None:
    session.add(AuditEvent(user=user, action=action, subject="actor", subject_id=actor_id))
