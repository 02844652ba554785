"""The add-position form (a Slack modal, or prompts): validate every field, then record.

Validation finds every problem at once, so the reporter fixes them in one go, and nothing
is written unless the whole form is valid.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from bot.alerts import queue_alerts
from bot.catalog import Named, create_actor, create_topic, resolve_actor, resolve_topic
from bot.errors import BadCommand, DuplicateStatement, UnknownName, UserError
from bot.grammar import MAX_QUOTE_CHARS, check_url
from bot.positions.recording import record_statement, source_for
from bot.stances import parse_stance, stance_words
from bot.text import normalize_name
from store import Actor, ActorAlias, ActorKind, AuditEvent, Position, Topic, TopicAlias


@dataclass(frozen=True)
class NewName:
    """How to create an actor or topic the form names but the desk doesn't track yet."""

    kind: ActorKind = ActorKind.PERSON  # ignored for topics
    description: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class PositionForm:
    """What the reporter typed, field by field, before any validation."""

    actor: str
    topic: str
    stance: str
    quote: str
    summary: str = ""
    # None: the statement did not say its conditions; (): it said there are none.
    conditions: tuple[str, ...] | None = None
    url: str = ""
    stated_on: date | None = None
    create_actor: bool = False
    create_topic: bool = False
    new_actor: NewName | None = None  # what to create it with (the shell asks; Slack doesn't)
    new_topic: NewName | None = None


@dataclass(frozen=True)
class Kept:
    """What a correction keeps from the position it corrects (see `record_form`)."""

    actor_id: int
    stated_at: datetime
    stated_on: date
    url: str
    source_id: int | None
    speaker_id: int | None
    quote: str  # the quotes as the form showed them, one per line
    quotes: tuple[str, ...]


class FormErrors(UserError):
    """One message per field that needs fixing, keyed by field name."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("Please fix: " + "; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def record_form(
    session: Session,
    *,
    form: PositionForm,
    recorded_by: str,
    zone: ZoneInfo,
    now: datetime,
    request_id: str | None = None,
    keep: Kept | None = None,
) -> Position:
    """Validate `form` and record it; raises FormErrors naming each bad field.

    `keep` (a correction) keeps the corrected position's moment, source and speaker where
    the form leaves them as they were.
    """
    errors: dict[str, str] = {}
    by = (recorded_by, request_id)  # who creates a new name, and from which request
    actor = _named(session, form.actor, form.create_actor, "actor", errors, form.new_actor, by)
    topic = _named(session, form.topic, form.create_topic, "topic", errors, form.new_topic, by)
    stance = parse_stance(form.stance)
    if stance is None:
        errors["stance"] = f"Choose a stance: {stance_words()}."
    quote = form.quote.strip()
    if not quote:
        errors["quote"] = "Paste the words exactly as they were said."
    elif len(quote) > MAX_QUOTE_CHARS:
        errors["quote"] = f"At most {MAX_QUOTE_CHARS:,} characters."
    url = form.url.strip() or None
    if url is not None:
        try:
            check_url(url)
        except BadCommand as error:
            errors["url"] = f"{error.message} {error.hint}".strip()
    today = now.astimezone(zone).date()
    if form.stated_on is not None and form.stated_on > today:
        errors["date"] = "That date is in the future."
    if errors or actor is None or topic is None or stance is None:
        raise FormErrors(errors)
    stated_on = form.stated_on or today
    # A past day is stored at noon UTC, as quick add and ingest store it: that day in any zone.
    stated_at = now if stated_on == today else datetime.combine(stated_on, time(12), tzinfo=UTC)
    source = source_for(session, url=url)
    source_id = source.id if source else None
    speaker_id = None
    quotes = [quote]
    if keep is not None:
        stated_at = keep.stated_at if stated_on == keep.stated_on else stated_at
        source_id = keep.source_id if (url or "") == keep.url else source_id
        speaker_id = keep.speaker_id if actor.id == keep.actor_id else None
        quotes = list(keep.quotes) if quote == keep.quote.strip() else quotes
    try:
        position = record_statement(
            session,
            actor_id=actor.id,
            topic_id=topic.id,
            stance=stance,
            quotes=quotes,
            summary=form.summary,
            conditions=form.conditions,
            source_id=source_id,
            speaker_id=speaker_id,
            stated_at=stated_at,
            recorded_by=recorded_by,
            request_id=request_id,
        )
    except DuplicateStatement as duplicate:
        raise FormErrors({"quote": duplicate.message}) from duplicate
    if keep is None:  # a correction fixes the record; it is not the person moving
        queue_alerts(session, [position], now=now)
    return position


def name_holder(session: Session, *, kind: str, name: str) -> str | None:
    """Who already answers to exactly `name` (so a new alias would clash), or None."""
    wanted = normalize_name(name)
    if kind == "actor":
        return session.exec(
            select(Actor.name)
            .join(ActorAlias, col(ActorAlias.actor_id) == col(Actor.id))
            .where(ActorAlias.normalized == wanted)
        ).first()
    return session.exec(
        select(Topic.name)
        .join(TopicAlias, col(TopicAlias.topic_id) == col(Topic.id))
        .where(TopicAlias.normalized == wanted)
    ).first()


def _named(
    session: Session,
    typed: str,
    create: bool,
    kind: str,
    errors: dict[str, str],
    details: NewName | None,
    by: tuple[str, str | None],
) -> Named | None:
    if not typed.strip():
        errors[kind] = f"Which {kind}?"
        return None
    try:
        return (
            resolve_actor(session, query=typed)
            if kind == "actor"
            else resolve_topic(session, query=typed)
        )
    except UnknownName as unknown:
        if create and not unknown.ambiguous:
            return _create(session, kind, typed, details or NewName(), by=by)
        errors[kind] = _unknown_hint(unknown)
    except BadCommand as error:
        errors[kind] = error.message
    return None


def _create(
    session: Session, kind: str, name: str, details: NewName, *, by: tuple[str, str | None]
) -> Named:
    """Create the actor or topic the form names, audited as the reporter's doing."""
    about, aliases = details.description.strip(), details.aliases
    made = (
        create_actor(session, name=name, kind=details.kind, description=about, aliases=aliases)
        if kind == "actor"
        else create_topic(session, name=name, description=about, aliases=aliases)
    )
    session.add(
        AuditEvent(
            user=by[0],
            action=f"{kind}.created",
            subject=kind,
            subject_id=made.id,
            request_id=by[1],
            detail={"name": made.name, "aliases": list(details.aliases)},
        )
    )
    return made


def _unknown_hint(unknown: UnknownName) -> str:
    hint = unknown.message
    if unknown.choices:
        hint += " Did you mean " + ", ".join(unknown.choices) + "?"
    if not unknown.ambiguous:
        hint += f" Or tick “Create the {unknown.kind} if it's new”."
    return hint
