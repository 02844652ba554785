"""Blocks for a workspace's settings (`settings`, what a change did, the Home section) and for
a summary already being written."""

from dataclasses import dataclass

from bot.settings import WorkspaceKey
from bot.workspace import Change, Stored
from handlers.blocks.kit import (
    Block,
    Message,
    Mrkdwn,
    channel_mention,
    context,
    day,
    escape,
    header,
    mention,
    section,
    sections,
)

SETTINGS_OPEN = "settings_open"
_MINUTES = {"correction_window_minutes", "digest_deadline_minutes", "draft_rate_minutes"}
_LIMITS = {"llm_calls_per_day", "llm_tokens_per_day", "drafts_per_person"}
_CHOICES = {
    "line": "post a line saying so",
    "nothing": "post nothing",
    "facts": "post the facts alone, marked not reviewed",
}


@dataclass(frozen=True)
class SettingLine:
    """One setting as `settings` shows it: its value now and where that comes from."""

    key: WorkspaceKey
    value: str  # stored form, in force
    default: str  # stored form of the environment's (or built-in) default
    stored: Stored | None  # the workspace's own value, None when the default is in force
    from_environment: bool  # the default was set in the environment (else built in)


def settings_message(
    lines: list[SettingLine],
    *,
    usage: tuple[int, int],
    only: WorkspaceKey | None,
    command: str,
) -> Message:
    """`settings` (every setting) or `settings <key>` (one), each with where it comes from."""
    shown = [line for line in lines if only is None or line.key == only]
    zone = _value(lines, "tz")
    rows = [_line(line, zone=zone) for line in shown]
    example = only.name if only else "tz"
    howto = (
        f"Change one: `{command} settings {example} <value>` · back to the default: "
        f"`{command} settings reset {example}`. This workspace's approvers and Slack admins "
        "may change them; every change is audited."
    )
    calls, tokens = usage
    budget = int(_value(lines, "llm_calls_per_day") or 0)
    spent = f"Today: {calls:,} model calls" + (f" of {budget:,}" if budget else "")
    blocks: list[Block] = [header("Workspace settings"), *sections(rows)]
    blocks += [context(escape(f"{spent}, {tokens:,} tokens.")), context(escape(howto))]
    plain = [f"{line.key.label}: {_plain(line)}" for line in shown]
    return Message(text="Workspace settings — " + "; ".join(plain), blocks=blocks)


def settings_changed_message(changes: list[Change], *, command: str) -> Message:
    """What each change did: the value now, and before."""
    lines, plain = [], []
    for change in changes:
        label, new, old = (
            change.key.label,
            _shown(change.key, change.new),
            _shown(change.key, change.old),
        )
        was = f"{old}, the default" if change.was_default else old
        if change.now_default:
            line = f"⚙️ {escape(label)}: back to the default, {new} (was {was})."
        else:
            line = f"⚙️ {escape(label)}: now {new} for this workspace (was {was})."
        lines.append(line + (f" {escape(change.note)}" if change.note else ""))
        plain.append(f"{label}: {change.new or 'none'} (was {change.old or 'none'})")
        if change.key.field == "approvers" and not change.new:
            lines.append(
                "⚠️ Nobody can approve drafts or digests now; an approver or a workspace admin "
                "can name approvers again."
            )
    note = f"Recorded in the audit log. All settings: {command} settings"
    blocks = [*sections(lines), context(escape(note))]
    return Message(text="Settings changed — " + "; ".join(plain), blocks=blocks)


def already_writing_message(
    *, topic: str, by: str, seconds_ago: int, in_channel: bool, approval_channel: str | None
) -> Message:
    """A second request for a summary being written: where the first one's card will go."""
    place = "this channel" if in_channel else "this conversation"
    ago = "just now" if seconds_ago < 5 else f"{_ago(seconds_ago)} ago"
    where = (
        f"the approvers in {channel_mention(approval_channel)}"
        if approval_channel
        else f"{mention(by)} for approval"
    )
    text = (
        f"✍️ A summary of {escape(topic)} for {place} is already being written, asked by "
        f"{mention(by)} {ago}: nothing new was started. Its card goes to {where} when it is "
        "ready."
    )
    # The notification names the asker too: mrkdwn, escaped above, with a live mention.
    return Message(text=Mrkdwn(text), blocks=[section(Mrkdwn(text))])


def settings_home_blocks(lines: list[SettingLine], *, command: str) -> list[Block]:
    """The Home tab's section for approvers and admins: the settings, and a button to change."""
    zone = _value(lines, "tz")
    rows = [
        f"*{escape(line.key.label)}*: {_shown(line.key, line.value, zone=zone)}" for line in lines
    ]
    button = {
        "type": "button",
        "action_id": SETTINGS_OPEN,
        "value": "open",
        "text": {"type": "plain_text", "text": "Change settings"},
    }
    return [
        header("Workspace settings"),
        *sections(rows),
        {"type": "actions", "elements": [button]},
        context(escape(f"Or type: {command} settings. You see this as an approver or admin.")),
    ]


def _line(line: SettingLine, *, zone: str) -> str:
    value = _shown(line.key, line.value, zone=zone)
    if line.stored is not None:
        default = _shown(line.key, line.default, zone=zone)
        source = (
            f"this workspace's, set by {mention(line.stored.updated_by)} on "
            f"{day(line.stored.updated_at)} (default: {default})"
        )
    else:
        source = "default" + (" (from the environment)" if line.from_environment else "")
    return f"*{escape(line.key.label)}* (`{line.key.name}`): {value} — _{source}_"


def _plain(line: SettingLine) -> str:
    source = "this workspace" if line.stored is not None else "default"
    return f"{line.value or 'none'} ({source})"


def _shown(key: WorkspaceKey, value: str, *, zone: str = "") -> str:
    """A stored value as mrkdwn: people and channels as mentions, minutes in words."""
    field = key.field
    if field == "approvers":
        ids = [part for part in value.split(",") if part]
        people = [f"user group {escape(i)}" if i.startswith("S") else mention(i) for i in ids]
        return ", ".join(people) or "nobody"
    if field == "approval_channel":
        return channel_mention(value) if value else "the requester's direct messages"
    if field in _MINUTES:
        return _duration(int(value)) if value.isdigit() else escape(value)
    if field in _LIMITS:
        return f"{int(value):,}" if value.isdigit() and int(value) else "no limit"
    if field == "quiet_hours":
        if not value:
            return "none"
        return escape(value if " " in value or not zone else f"{value} {zone}")
    return escape(_CHOICES.get(value, value)) if field.startswith("digest_") else escape(value)


def _value(lines: list[SettingLine], field: str) -> str:
    return next((line.value for line in lines if line.key.field == field), "")


def _duration(minutes: int) -> str:
    """1440 → '1 day (1,440 minutes)', 90 → '90 minutes', 120 → '2 hours (120 minutes)'."""
    for unit, size in (("day", 1440), ("hour", 60)):
        if minutes >= size and minutes % size == 0:
            count = minutes // size
            return f"{count} {unit}{'s' if count != 1 else ''} ({minutes:,} minutes)"
    return f"{minutes:,} minute{'s' if minutes != 1 else ''}"


def _ago(seconds: int) -> str:
    """'40 seconds', '12 minutes', '2 hours'."""
    if seconds < 60:
        return f"{seconds} seconds"
    if seconds < 3600:
        return f"{seconds // 60} minute{'s' if seconds // 60 != 1 else ''}"
    return f"{seconds // 3600} hour{'s' if seconds // 3600 != 1 else ''}"
