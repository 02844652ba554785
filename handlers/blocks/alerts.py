"""Shift alerts: one move in full, or a burst as one grouped message (facts from the store)."""

from collections.abc import Sequence

from bot.alerts import QuietWindow, describe
from bot.positions import ChangeKind, PositionView
from bot.stances import LABELS, MARKS
from bot.text import counted
from handlers.blocks.kit import (
    Block,
    Message,
    clip,
    context,
    day,
    escape,
    fit,
    header,
    link,
    section,
    sections,
)
from handlers.blocks.positions import withdrawn_line

HISTORY_ACTION = "alert_history"
SHOWN_IN_FULL = 5  # a burst shows its first moves whole and the rest a line each
MAX_QUOTE_CHARS = 400


def alert_message(
    views: list[PositionView],
    *,
    held: QuietWindow | None,
    command: str,
    withdrawn: Sequence[PositionView] = (),
) -> Message:
    """The message one follower gets for these moves (oldest said first), after a notice for
    each statement an earlier alert showed them that has been withdrawn since."""
    if not withdrawn:
        return _moves_message(views, held=held, command=command)
    notices = [section(_notice(view)) for view in withdrawn]
    text = "⚠️ Withdrawn since an earlier alert: " + "; ".join(
        f"{v.actor} on {v.topic} (#{v.id})" for v in withdrawn
    )
    if views:
        moves = _moves_message(views, held=held, command=command)
        return Message(text=f"{text}. {moves.text}"[:3000], blocks=fit([*notices, *moves.blocks]))
    footer = context(escape("Boards, histories and digests no longer count it."))
    return Message(text=text[:3000], blocks=fit(notices, keep=[footer]))


def _notice(view: PositionView) -> str:
    said = f"{LABELS[view.stance]}, said {day(view.stated_at)}"
    quote = clip(escape(view.quotes[0]), limit=200) if view.quotes else ""
    lead = (
        f"⚠️ *{escape(view.actor)}* on *{escape(view.topic)}*: the statement in an earlier "
        f"alert (#{view.id}, {said}) — “{quote}”"
    )
    why = withdrawn_line(view.withdrawn, as_of=None) if view.withdrawn else "⚠️ *Withdrawn*."
    return f"{lead}\n{why}"


def _moves_message(views: list[PositionView], *, held: QuietWindow | None, command: str) -> Message:
    if len(views) == 1 and held is None:
        view = views[0]
        return Message(text=f"🔔 {_plain_move(view)}", blocks=_in_full(view, 0, command=command))
    title = f"🔔 {counted(len(views), 'move')} by people you follow"
    blocks: list[Block] = [header(title)]
    if held is not None:
        blocks.append(context(escape(f"Held during quiet hours ({describe(held)}).")))
    for index, view in enumerate(views[:SHOWN_IN_FULL]):
        blocks += _in_full(view, index, command=command)
    rest = views[SHOWN_IN_FULL:]
    if rest:
        blocks += sections([_line(view) for view in rest])
    hint = f"See every move with `{command} history <actor> on <topic>`."
    # The text is the notification: say why it comes late, not only in the blocks.
    held_note = " (held during quiet hours)" if held is not None else ""
    text = title + held_note + ": " + "; ".join(_plain_move(v) for v in views[:10])
    if len(views) > 10:
        text += f"; and {len(views) - 10} more"
    return Message(text=text[:3000], blocks=fit(blocks, more_hint=escape(hint)))


def _in_full(view: PositionView, index: int, *, command: str) -> list[Block]:
    said = f"said {day(view.stated_at)}"
    outlet = escape(view.outlet) if view.outlet else "no outlet recorded"
    source = link(view.url, view.outlet or view.url) if view.url else outlet
    where = " · ".join(part for part in (source, said, f"#{view.id}") if part)
    blocks = [section(_move(view))]
    if view.quotes:
        quote = clip(escape(view.quotes[0]), limit=MAX_QUOTE_CHARS)
        blocks.append(section(f"> “{quote}”"))
    blocks.append(context(where))
    question = f"history {view.actor} on {view.topic}"
    # The button's typed twin: the shell (and a keyboard) has no click.
    blocks.append(context(escape(f"Full history: {command} {question}")))
    blocks.append(
        {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "action_id": f"{HISTORY_ACTION}:{index}",
                    "text": {"type": "plain_text", "text": "Full history"},
                    # The position, not the question: a name holding " on " would not parse back.
                    "value": str(view.id),
                    "accessibility_label": clip(
                        f"Full history of {view.actor} on {view.topic}", limit=75
                    ),
                }
            ],
        }
    )
    return blocks


def _move(view: PositionView) -> str:
    who = f"*{escape(view.actor)}* on *{escape(view.topic)}*"
    change = view.change
    if change.kind is ChangeKind.SHIFT and change.previous_stance is not None:
        before, after = change.previous_stance, view.stance
        return (
            f"↔️ {who} shifted: {MARKS[before]} {LABELS[before]} → {MARKS[after]} *{LABELS[after]}*"
        )
    parts = []
    if change.added:
        parts.append("added " + "; ".join(escape(c) for c in change.added))
    if change.dropped:
        parts.append("dropped " + "; ".join(escape(c) for c in change.dropped))
    detail = " — ".join(parts) or "conditions changed"
    return f"➕ {who} changed conditions ({MARKS[view.stance]} {LABELS[view.stance]}): {detail}"


def _plain_move(view: PositionView) -> str:
    change = view.change
    if change.kind is ChangeKind.SHIFT and change.previous_stance is not None:
        return (
            f"{view.actor} on {view.topic} shifted from {LABELS[change.previous_stance]} "
            f"to {LABELS[view.stance]}"
        )
    return f"{view.actor} on {view.topic} changed conditions"


def _line(view: PositionView) -> str:
    return f"• {_move(view)} (said {day(view.stated_at)}, #{view.id})"
