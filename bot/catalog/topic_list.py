"""A desk's topics from CSV (name, description, aliases): read, check, load.

Like the watch list of actors: every row is checked before anything is written, the load is
one unit of work, and loading the same file again changes nothing. A row whose name already
names a topic (as its name or an alias) adds to that topic; an alias that already names
another topic is refused with its row, as `alias` refuses it.
"""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from bot.catalog.creation import add_aliases, create_topic
from bot.catalog.name_csv import (
    ImportReport,
    Record,
    cell_values,
    checked_name,
    read_rows,
    refuse_rows,
)
from bot.text import normalize_name
from store import AuditEvent, Topic, TopicAlias

COLUMNS = ("name", "description", "aliases")


@dataclass(frozen=True)
class TopicRow:
    """One checked row; `row` is its line number in the file (the header is row 1)."""

    row: int
    name: str
    description: str
    aliases: tuple[str, ...]


def read_topic_list(text: str) -> list[TopicRow]:
    """The checked rows of a topics CSV, or a UserError naming every bad row."""
    return read_rows(text, columns=COLUMNS, check=_checked)


def _checked(number: int, record: Record) -> TopicRow | None:
    named = checked_name(cell_values(record))
    if named is None:
        return None  # a blank line
    name, description, aliases = named
    return TopicRow(row=number, name=name, description=description, aliases=aliases)


def import_topic_list(session: Session, *, rows: list[TopicRow], user: str) -> ImportReport:
    """Add the topics not yet tracked and the aliases they lack; the caller commits once."""
    holders = _holders(session)
    owners = [holders.get(normalize_name(row.name)) for row in rows]
    _refuse_clashes(session, rows, owners, holders)
    report = ImportReport()
    for row, owner in zip(rows, owners, strict=True):
        if owner is None:
            named = create_topic(
                session, name=row.name, description=row.description, aliases=row.aliases
            )
            _audit(session, user=user, topic_id=named.id, action="topic.imported")
            report.added += 1
            continue
        topic = session.get(Topic, owner)
        assert topic is not None
        assert topic.id is not None
        added = add_aliases(
            session,
            alias_table=TopicAlias,
            owner="topic_id",
            owner_id=topic.id,
            aliases=[row.name, *row.aliases],
        )
        described = bool(row.description and not topic.description)
        if described:
            topic.description = row.description
            session.add(topic)
        if added or described:
            _audit(session, user=user, topic_id=topic.id, action="topic.updated")
            report.updated += 1
            report.aliases += added
        else:
            report.unchanged += 1
    session.flush()
    return report


def _holders(session: Session) -> dict[str, int]:
    """Each name or alias of a topic (not merged) -> that topic's id."""
    rows = session.exec(
        select(TopicAlias.normalized, TopicAlias.topic_id)
        .join(Topic, col(Topic.id) == TopicAlias.topic_id)
        .where(col(Topic.merged_into_id).is_(None))
    ).all()
    found = dict(rows)
    for topic in session.exec(select(Topic).where(col(Topic.merged_into_id).is_(None))):
        assert topic.id is not None
        found.setdefault(normalize_name(topic.name), topic.id)
    return found


def _refuse_clashes(
    session: Session, rows: list[TopicRow], owners: list[int | None], holders: dict[str, int]
) -> None:
    """A UserError naming every alias that already names another topic, in the store or in
    an earlier row of the file; nothing is written then."""
    problems: list[str] = []
    claimed = {normalize_name(row.name): row.row for row in rows}  # name -> its file row
    for row, owner in zip(rows, owners, strict=True):
        for alias in row.aliases:
            key = normalize_name(alias)
            held = holders.get(key)
            if held is not None and held != owner:
                other = session.get(Topic, held)
                problems.append(
                    f"row {row.row}: “{alias}” already names {other.name if other else 'a topic'}."
                )
            elif key in claimed and claimed[key] != row.row:
                problems.append(f"row {row.row}: “{alias}” is already on row {claimed[key]}.")
            claimed.setdefault(key, row.row)
    refuse_rows(
        problems, hint="An alias names one topic: choose another for those rows, or leave it out."
    )


def _audit(session: Session, *, user: str, topic_id: int, action: str) -> None:
    session.add(AuditEvent(user=user, action=action, subject="topic", subject_id=topic_id))
