"""The App Home tab: latest shifts, drafts waiting, how to use the bot."""

from typing import Any

from bot.stances import LABELS, MARKS
from bot.views import PositionView
from handlers.blocks.kit import Block, context, day, divider, escape, header, sections
from handlers.blocks.positions import change_line
from handlers.blocks.replies import USAGE

MAX_HOME_BLOCKS = 100


def home_view(*, recent: list[PositionView], pending_drafts: int, command: str) -> dict[str, Any]:
    """The Home tab view for views.publish."""
    blocks: list[Block] = [header("Standpoint — where newsmakers stand"), divider()]
    blocks.append(header("Latest statements and shifts"))
    if recent:
        blocks += sections([_recent_line(v) for v in recent])
    else:
        blocks += sections([f"No statements recorded yet. Try `{command} add`."])
    blocks += [divider(), header("Drafts waiting for approval")]
    waiting = "None waiting." if pending_drafts == 0 else f"{pending_drafts} waiting."
    blocks += sections([waiting])
    blocks += [divider(), header("How to use it")]
    blocks += sections([escape(f"`{command} {usage}` — {what}") for usage, what, _ in USAGE])
    blocks.append(context("Every answer is private until you press Share in channel."))
    return {"type": "home", "blocks": blocks[:MAX_HOME_BLOCKS]}


def _recent_line(view: PositionView) -> str:
    return (
        f"{MARKS[view.stance]} *{escape(view.actor)}* on *{escape(view.topic)}* — "
        f"{LABELS[view.stance]} · {day(view.stated_at)}\n      _{change_line(view.change)}_"
    )
