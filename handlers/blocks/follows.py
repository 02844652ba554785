"""Replies to follow, unfollow, following and quiet: what this place now gets alerts about."""

from bot.alerts import Follower, FollowView, QuietWindow, describe
from handlers.blocks.kit import Block, Message, context, escape, fit, header, section, sections
from store import LOCAL_TEAM

ALERT_KINDS = "a shift (the stance changed) or a condition change"


def place_words(follower: Follower) -> str:
    """'This channel' or 'You' (a person's own follows, alerted in their DM with the bot)."""
    return "This channel" if follower.kind == "channel" else "You"


def followed_message(*, follower: Follower, label: str, created: bool, command: str) -> Message:
    """After `follow …`: what it follows now and what an alert will say."""
    who = place_words(follower)
    verb = "follows" if follower.kind == "channel" else "follow"
    if created:
        text = f"🔔 {who} now {verb} {label}."
    else:
        text = f"{who} already {verb} {label}; nothing changed."
    where = (
        "here"
        if follower.kind == "channel" or follower.team_id == LOCAL_TEAM
        else "in your DM with Standpoint"
    )
    detail = f"Alerts come {where} within a minute of {ALERT_KINDS} being recorded."
    blocks = [
        section(escape(text)),
        context(escape(f"{detail} See all: {command} following · Stop: {command} unfollow …")),
    ]
    return Message(text=text, blocks=blocks)


def unfollowed_message(*, follower: Follower, labels: list[str], what: str) -> Message:
    """After `unfollow …`: what was dropped (or that nothing matched)."""
    who = place_words(follower)
    if not labels:
        verb = "doesn't follow" if follower.kind == "channel" else "don't follow"
        text = f"{who} {verb} {what}; nothing changed."
    elif len(labels) == 1:
        verb = "follows" if follower.kind == "channel" else "follow"
        text = f"🔕 {who} no longer {verb} {labels[0]}."
    else:
        text = f"🔕 Unfollowed {len(labels)}: " + "; ".join(labels) + "."
    return Message(text=text, blocks=sections([escape(text)]))


def following_message(
    *, follower: Follower, follows: list[FollowView], quiet: QuietWindow | None, command: str
) -> Message:
    """`following`: every follow of this place, and its quiet hours."""
    who = place_words(follower)
    title = f"{who} follow{'s' if follower.kind == 'channel' else ''}"
    blocks: list[Block] = [header(title)]
    if follows:
        blocks += sections([f"• *{escape(f.label)}*" for f in follows])
    else:
        blocks.append(section(escape(f"Nothing yet. Try: {command} follow putin")))
    quiet_line = (
        f"Quiet hours: {describe(quiet)} (alerts held, then sent as one message)."
        if quiet
        else f"No quiet hours. Set some: {command} quiet 22:00-07:00"
    )
    footer = [context(escape(quiet_line))]
    text = f"{title}: " + ("; ".join(f.label for f in follows) or "nothing yet.")
    return Message(text=text, blocks=fit(blocks, keep=footer))


def quiet_message(*, follower: Follower, window: QuietWindow | None, changed: bool) -> Message:
    """`quiet …`: the quiet hours now in force (or none)."""
    whose = "This channel's" if follower.kind == "channel" else "Your"
    if window is None:
        text = f"🔔 {whose} alerts arrive at any hour" + (" now." if changed else ".")
    else:
        text = (
            f"🌙 {whose} quiet hours: {describe(window)}. Alerts in those hours are held "
            "and sent as one message when they end."
        )
    lines = [escape(text)]
    if window is not None and window.note:
        lines.append(escape(window.note))
    return Message(text=text, blocks=sections(lines))
