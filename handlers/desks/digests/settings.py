"""A channel's digest settings: what each `digest …` command changes in its schedule."""

from sqlmodel import Session

from bot.catalog import resolve_topic
from bot.digests import parse_days, parse_time
from bot.errors import BadCommand
from bot.grammar import DigestCommand
from store import DigestSchedule


def apply_command(session: Session, schedule: DigestSchedule, command: DigestCommand) -> str:
    """Change the schedule as `command` asks; a note when a zone abbreviation was read."""
    argument = command.argument
    match command.action:
        case "at":
            when = parse_time(argument or "07:00", default_tz=schedule.tz)
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
