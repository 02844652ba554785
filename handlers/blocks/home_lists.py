"""The Home tab's personal lists: your follows, the alerts sent to you, drafts waiting on you."""

from bot.alerts import HomeFollow, QuietWindow, SentAlert, describe
from bot.stances import LABELS, MARKS
from bot.text import counted
from handlers.blocks.kit import Block, channel_mention, context, day, escape, header, sections
from store import Draft

FOLLOWS_SHOWN = 30
DRAFTS_SHOWN = 15


def follows_blocks(
    follows: list[HomeFollow], *, quiet: QuietWindow | None, command: str
) -> list[Block]:
    """'Your follows': each labelled yours (your DM) or a channel's, how to stop, quiet hours."""
    blocks: list[Block] = [header("Your follows")]
    if not follows:
        blocks += sections(
            [
                escape(f"Nothing yet. `{command} follow putin` in your DM with me alerts you; ")
                + escape("in a channel, it alerts the channel.")
            ]
        )
    else:
        lines = [_follow_line(f) for f in follows[:FOLLOWS_SHOWN]]
        left = len(follows) - FOLLOWS_SHOWN
        if left > 0:
            lines.append(escape(f"…and {left} more: `{command} following` where you set them."))
        blocks += sections(lines)
    stop = f"Stop one with `{command} unfollow <name>` where you followed it."
    when = (
        f"Your quiet hours: {describe(quiet)} (alerts held, then sent as one message)."
        if quiet
        else f"No quiet hours: `{command} quiet 22:00-07:00` in your DM sets some."
    )
    blocks.append(context(escape(f"{stop} {when}")))
    return blocks


def alerts_blocks(alerts: list[SentAlert]) -> list[Block]:
    """'Latest alerts': newest first, who moved on what, from what to what, when."""
    blocks: list[Block] = [header("Latest alerts")]
    if not alerts:
        return [*blocks, *sections(["No alerts sent to you yet."])]
    return [*blocks, *sections([_alert_line(a) for a in alerts])]


def drafts_blocks(drafts: list[Draft], *, approver: bool, command: str) -> list[Block]:
    """'Drafts waiting for you': all pending ones for an approver, else the ones you asked for."""
    title = "Drafts waiting for your approval" if approver else "Your drafts waiting for approval"
    blocks: list[Block] = [header(title)]
    if not drafts:
        return [*blocks, *sections(["None waiting."])]
    lines = [_draft_line(d, approver=approver, command=command) for d in drafts[:DRAFTS_SHOWN]]
    left = len(drafts) - DRAFTS_SHOWN
    if left > 0:
        lines.append(escape(f"…and {left} more: `{command} pending` lists them all."))
    return [*blocks, *sections(lines)]


def _follow_line(follow: HomeFollow) -> str:
    where = f"in {channel_mention(follow.channel)}" if follow.channel else "you, in your DM"
    return f"• *{escape(follow.label)}* — {where}"


def _alert_line(alert: SentAlert) -> str:
    view = alert.view
    who = f"*{escape(view.actor)}* on *{escape(view.topic)}*"
    change = view.change
    if alert.kind == "withdrawal":
        move = f"⚠️ the statement of an earlier alert (#{view.id}) was withdrawn"
    elif alert.kind == "shift" and change.previous_stance is not None:
        before = change.previous_stance
        move = f"{MARKS[before]} {LABELS[before]} → {MARKS[view.stance]} *{LABELS[view.stance]}*"
    else:
        parts = [
            *(f"added {escape(c)}" for c in change.added),
            *(f"dropped {escape(c)}" for c in change.dropped),
        ]
        move = f"conditions changed ({'; '.join(parts) or LABELS[view.stance]})"
    if view.withdrawn is not None and alert.kind != "withdrawal":
        move += " — ⚠️ withdrawn since"
    where = f"in {channel_mention(alert.channel)}" if alert.channel else "to you"
    return (
        f"🔔 {who}: {move}\n      _said {day(view.stated_at)} · "
        f"alerted {where} {alert.sent_at:%-d %b %H:%M} UTC_"
    )


def _draft_line(draft: Draft, *, approver: bool, command: str) -> str:
    expires = f"expires {draft.expires_at:%-d %b %H:%M} UTC"
    problems = f" · ⚠️ {counted(len(draft.problems), 'problem')}" if draft.problems else ""
    if approver:
        hint = f"`{command} approve D{draft.id}` · `{command} edit D{draft.id}`"
    else:
        hint = f"waiting for an approver · `{command} audit D{draft.id}`"
    return f"• *D{draft.id}* {escape(draft.title)} — {expires}{problems} · {escape(hint)}"
