"""The add-position form (a Slack modal, or prompts): validate every field, then record.

Validation finds every problem at once, so the reporter fixes them in one go, and nothing
is written unless the whole form is valid.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.catalog import create_actor, create_topic
from bot.errors import BadCommand, DuplicateStatement, UnknownName, UserError
from bot.grammar import MAX_QUOTE_CHARS, check_url
from bot.names import Named, resolve_actor, resolve_topic
from bot.recording import record_statement, source_for
from bot.stances import parse_stance, stance_words
from store import Position


@dataclass(frozen=True)
class PositionForm:
    """What the reporter typed, field by field, before any validation."""

    actor: str
    topic: str
    stance: str
    quote: str
    summary: str = ""
    conditions: tuple[str, ...] = ()
    url: str = ""
    stated_on: date | None = None
    create_actor: bool = False
    create_topic: bool = False


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
) -> Position:
    """Validate `form` and record it; raises FormErrors naming each bad field."""
    errors: dict[str, str] = {}
    actor = _named(session, form.actor, form.create_actor, "actor", errors)
    topic = _named(session, form.topic, form.create_topic, "topic", errors)
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
    stated_at = now if stated_on == today else datetime.combine(stated_on, time.min, tzinfo=zone)
    source = source_for(session, url=url)
    try:
        return record_statement(
            session,
            actor_id=actor.id,
            topic_id=topic.id,
            stance=stance,
            quotes=[quote],
            summary=form.summary,
            conditions=form.conditions,
            source_id=source.id if source else None,
            stated_at=stated_at,
            recorded_by=recorded_by,
            request_id=request_id,
        )
    except DuplicateStatement as duplicate:
        raise FormErrors({"quote": duplicate.message}) from duplicate


def _named(
    session: Session, typed: str, create: bool, kind: str, errors: dict[str, str]
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
            maker = create_actor if kind == "actor" else create_topic
            return maker(session, name=typed)
        errors[kind] = _unknown_hint(unknown)
    except BadCommand as error:
        errors[kind] = error.message
    return None


def _unknown_hint(unknown: UnknownName) -> str:
    hint = unknown.message
    if unknown.choices:
        hint += " Did you mean " + ", ".join(unknown.choices) + "?"
    if not unknown.ambiguous:
        hint += f" Or tick “Create the {unknown.kind} if it's new”."
    return hint
