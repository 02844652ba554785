"""A channel's digest settings: what each `digest …` command changes in its schedule."""

from datetime import datetime

from sqlmodel import Session

from bot.catalog import resolve_topic
from bot.digests import parse_days, parse_time
from bot.errors import BadCommand
from bot.grammar import DigestCommand
from bot.settings import Settings
from store import DigestSchedule


def new_schedule(
    settings: Settings, *, channel_id: str, user: str, now: datetime
) -> DigestSchedule:
    """A channel's first schedule, on the workspace's digest defaults (`settings digest-…`)."""
    hour, minute = (int(part) for part in settings.digest_time.split(":"))
    return DigestSchedule(
        channel_id=channel_id,
        hour=hour,
        minute=minute,
        tz=settings.tz,
        days=settings.digest_days,
        when_quiet=settings.digest_quiet,
        on_deadline=settings.digest_on_deadline,
        deadline_minutes=settings.digest_deadline_minutes,
        created_by=user,
        created_at=now,
    )


def apply_command(
    session: Session, schedule: DigestSchedule, command: DigestCommand, *, default_time: str
) -> str:
    """Change the schedule as `command` asks; a note when a zone abbreviation was read.
    `default_time` is the workspace's (`settings digest-time`): `digest at` alone."""
    argument = command.argument
    match command.action:
        case "at":
            when = parse_time(argument or default_time, default_tz=schedule.tz)
            schedule.hour, schedule.minute, schedule.tz = when.hour, when.minute, when.tz
            schedule.enabled = True
            return when.note
        case "days":
            schedule.days = parse_days(argument)
        case "follow" | "unfollow":
            topic = resolve_topic(session, query=argument)
            ids = [t for t in schedule.topics if t != topic.id]
            schedule.topics = [*ids, topic.id] if command.action == "follow" else ids
        case "off" | "on":
            schedule.enabled = command.action == "on"
        case "quiet":
            if argument not in {"line", "nothing"}:
                raise BadCommand(
                    "On quiet days, post a line or nothing?",
                    hint="digest quiet line | digest quiet nothing",
                )
            schedule.when_quiet = argument
        case "deadline":
            minutes, _, choice = argument.partition(" ")
            if (
                not minutes.isdigit()
                or not 5 <= int(minutes) <= 24 * 60
                or choice not in {"facts", "nothing"}
            ):
                raise BadCommand(
                    "Deadline in minutes, then facts or nothing.",
                    hint="digest deadline 120 facts",
                )
            schedule.deadline_minutes, schedule.on_deadline = int(minutes), choice
        case "chart":
            if argument.casefold() not in {"on", "off"}:
                raise BadCommand(
                    "Attach the busiest topic's chart to each digest: on or off?",
                    hint="digest chart on | digest chart off",
                )
            schedule.chart = argument.casefold() == "on"
    return ""
