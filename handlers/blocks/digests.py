"""Blocks for digests: a channel's schedule, a private preview, unreviewed facts, quiet days."""

from datetime import UTC, datetime

from handlers.blocks.kit import (
    Block,
    Message,
    Mrkdwn,
    context,
    escape,
    fit,
    header,
    section,
    sections,
)
from store import DigestSchedule

DAY_NAMES = {"mon-fri": "Monday to Friday", "mon-sun": "every day", "sat,sun": "weekends"}
_DAY = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}


def days_text(days: str) -> str:
    """A cron day_of_week in words: 'tue,thu' → 'Tuesday and Thursday'."""
    if days in DAY_NAMES:
        return DAY_NAMES[days]
    parts = [" to ".join(_DAY.get(d, d) for d in part.split("-")) for part in days.split(",")]
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]


def schedule_message(
    schedule: DigestSchedule | None,
    *,
    topics: list[str],
    next_at: datetime | None,
    command: str,
    note: str = "",
) -> Message:
    """`digest status`, after any change; `note` says how a zone abbreviation was read."""
    if schedule is None:
        text = f"This channel has no digest yet. Start one with `{command} digest at 07:00`."
        return Message(text=text, blocks=[section(escape(text))])
    state = "on" if schedule.enabled else "off"
    followed = ", ".join(topics) if topics else "every topic"
    lines = [
        f"*Digest:* {state} · {schedule.hour:02d}:{schedule.minute:02d} {escape(schedule.tz)}, "
        f"{escape(days_text(schedule.days))}",
        f"*Follows:* {escape(followed)}",
        "*Quiet days:* "
        + ("a one-line “no changes”" if schedule.when_quiet == "line" else "nothing"),
        f"*If nobody approves within {schedule.deadline_minutes} min:* "
        + (
            "post the factual list alone, marked not reviewed"
            if schedule.on_deadline == "facts"
            else "post nothing"
        ),
        "*Chart:* " + ("the busiest topic's timeline in the thread" if schedule.chart else "none"),
    ]
    if next_at is not None and schedule.enabled:
        lines.append(f"*Next:* {next_at:%a %-d %b %H:%M %Z}")
    if note:
        lines.insert(0, escape(note))
    text = Mrkdwn("; ".join(line.replace("*", "") for line in lines))  # escaped above
    return Message(text=text, blocks=sections(lines))


def preview_message(*, title: str, narrative: str, facts: list[str], since: datetime) -> Message:
    """`digest preview`: drafted now, shown privately; nothing posted or recorded."""
    blocks: list[Block] = [header(f"Preview — {title}")]
    if facts:
        blocks += sections([escape(narrative), *(f"• {escape(line)}" for line in facts)])
    else:
        utc = since.astimezone(UTC)
        blocks.append(section(f"No changes on the followed topics since {utc:%-d %b %H:%M} UTC."))
    blocks.append(context("Preview only: nothing was posted and no run was recorded."))
    return Message(text=f"Preview: {title}", blocks=fit(blocks))


def unreviewed_facts_message(*, title: str, facts: str) -> Message:
    """At the deadline, if the channel chose it: the factual list alone, never the narrative."""
    lines = [line for line in facts.splitlines() if line.strip()]
    blocks: list[Block] = [
        header(title),
        context(
            "⚠️ Not reviewed by an editor: the factual list only, built from "
            "recorded statements. No summary was approved in time."
        ),
        *sections([f"• {escape(line)}" for line in lines]),
    ]
    return Message(text=f"{title} (not reviewed): " + " ".join(lines)[:2500], blocks=fit(blocks))


def quiet_message(*, since: datetime) -> Message:
    """A quiet day, when the channel wants to hear it."""
    text = f"No changes on the followed topics since {since:%-d %b %H:%M} UTC."
    return Message(text=text, blocks=[context(escape(text))])
