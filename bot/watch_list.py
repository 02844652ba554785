"""A newsroom's watch list from CSV (name, kind, description, aliases): read, check, load.

Every row is checked before anything is written, and the load is one unit of work, so a
bad file changes nothing. Loading the same file again changes nothing either.
"""

import csv
import io
import re
from dataclasses import dataclass

from sqlmodel import Session, select

from bot.catalog import MAX_NAME_CHARS, add_aliases, create_actor
from bot.errors import UserError
from bot.text import normalize_name
from store import Actor, ActorAlias, ActorKind, AuditEvent

COLUMNS = ("name", "kind", "description", "aliases")
MAX_DESCRIPTION_CHARS = 500
MAX_ROWS = 5000
MAX_PROBLEMS_SHOWN = 10
_ALIAS_SPLIT = re.compile(r"[;|]")
_KINDS = {kind.value: kind for kind in ActorKind} | {"organization": ActorKind.ORGANISATION}


@dataclass(frozen=True)
class WatchRow:
    """One checked row; `row` is its line number in the file (the header is row 1)."""

    row: int
    name: str
    kind: ActorKind
    description: str
    aliases: tuple[str, ...]


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    aliases: int = 0  # aliases added to actors already tracked

    @property
    def changed(self) -> bool:
        """False when the load found everything already there."""
        return bool(self.added or self.updated)


def read_watch_list(text: str) -> list[WatchRow]:
    """The checked rows of a watch-list CSV, or a UserError naming every bad row."""
    reader = csv.DictReader(io.StringIO(text))
    header = [(column or "").strip().casefold() for column in reader.fieldnames or []]
    unknown = [column for column in header if column not in COLUMNS]
    if "name" not in header or unknown:
        found = ", ".join(unknown) if unknown else "no name column"
        raise UserError(
            f"The header must name the columns {', '.join(COLUMNS)} (found: {found[:80]}).",
            hint="First line, for example: name,kind,description,aliases",
        )
    reader.fieldnames = header
    rows: list[WatchRow] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for record in reader:
        number = reader.line_num
        if len(rows) + len(problems) >= MAX_ROWS:
            raise UserError(f"The file has more than {MAX_ROWS} rows; split it.")
        try:
            row = _checked(number, record)
        except ValueError as problem:
            problems.append(f"row {number}: {problem}")
            continue
        if row is None:
            continue
        key = normalize_name(row.name)
        if key in seen:
            problems.append(f"row {number}: “{row.name}” is already on row {seen[key]}.")
            continue
        seen[key] = number
        rows.append(row)
    if problems:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        more = len(problems) - len(shown)
        raise UserError(
            "Nothing imported. " + " ".join(shown) + (f" …and {more} more." if more else ""),
            hint="Fix those rows and run the import again.",
        )
    return rows


def _checked(number: int, record: dict[str | None, str | list[str] | None]) -> WatchRow | None:
    if None in record:
        raise ValueError("more fields than the header has columns.")
    values = {key: " ".join(str(value or "").split()) for key, value in record.items() if key}
    name = values.get("name", "")
    if not any(values.values()):
        return None  # a blank line
    if not normalize_name(name):
        raise ValueError("the name is empty.")
    if len(name) > MAX_NAME_CHARS:
        raise ValueError(f"the name is over {MAX_NAME_CHARS} characters.")
    kind_text = values.get("kind", "").casefold() or ActorKind.PERSON.value
    kind = _KINDS.get(kind_text)
    if kind is None:
        raise ValueError(
            f"kind “{kind_text[:30]}” isn't one of {', '.join(k.value for k in ActorKind)}."
        )
    description = values.get("description", "")
    if len(description) > MAX_DESCRIPTION_CHARS:
        raise ValueError(f"the description is over {MAX_DESCRIPTION_CHARS} characters.")
    aliases = tuple(a.strip() for a in _ALIAS_SPLIT.split(values.get("aliases", "")) if a.strip())
    if any(len(alias) > MAX_NAME_CHARS for alias in aliases):
        raise ValueError(f"an alias is over {MAX_NAME_CHARS} characters.")
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
