"""The App Home tab: your follows and alerts, latest shifts, drafts waiting on you, usage."""

from typing import Any

from bot.alerts import HomeFollow, QuietWindow, SentAlert
from bot.positions import PositionView
from bot.stances import LABELS, MARKS
from handlers.blocks.home_lists import alerts_blocks, drafts_blocks, follows_blocks
from handlers.blocks.kit import Block, context, day, divider, escape, fit, header, sections
from handlers.blocks.positions import change_line
from handlers.blocks.replies import USAGE
from store import Draft

MAX_HOME_BLOCKS = 100


def home_view(
    *,
    recent: list[PositionView],
    follows: list[HomeFollow],
    quiet: QuietWindow | None,
    alerts: list[SentAlert],
    drafts: list[Draft],
    approver: bool,
    command: str,
    settings: list[Block] | None = None,
) -> dict[str, Any]:
    """The Home tab view for views.publish: one person's follows, alerts and drafts first;
    `settings`, the workspace's (for its approvers and admins), after them."""
    blocks: list[Block] = [header("Standpoint — where newsmakers stand"), divider()]
    blocks += follows_blocks(follows, quiet=quiet, command=command)
    blocks += [divider(), *alerts_blocks(alerts)]
    blocks += [divider(), *drafts_blocks(drafts, approver=approver, command=command)]
    if settings:
        blocks += [divider(), *settings]
    blocks += [divider(), header("Latest statements and shifts")]
    if recent:
        blocks += sections([_recent_line(v) for v in recent])
    else:
        blocks += sections([f"No statements recorded yet. Try `{command} add`."])
    blocks += [divider(), header("How to use it")]
    blocks += sections([escape(f"`{command} {usage}` — {what}") for usage, what, _ in USAGE])
    tail = [context("Every answer is private until you press Share in channel.")]
    return {"type": "home", "blocks": fit(blocks, keep=tail, most=MAX_HOME_BLOCKS)}


def _recent_line(view: PositionView) -> str:
    return (
        f"{MARKS[view.stance]} *{escape(view.actor)}* on *{escape(view.topic)}* — "
        f"{LABELS[view.stance]} · {day(view.stated_at)}\n      _{change_line(view.change)}_"
    )
