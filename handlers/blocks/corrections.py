"""Blocks for corrections: a withdrawn position, a saved correction, a position's audit."""

from typing import Any

from bot.positions import PositionView
from bot.stances import LABELS
from bot.text import counted
from handlers.blocks.kit import (
    Block,
    Message,
    context,
    day,
    escape,
    fit,
    header,
    mention,
    section,
    sections,
)
from handlers.blocks.positions import position_message, stance_line, withdrawn_line
from store import AuditEvent, Position


def retracted_message(
    *, withdrawn: PositionView, now: PositionView | None, command: str
) -> Message:
    """What was withdrawn, then where the actor stands on the topic now."""
    what = (
        f"{withdrawn.actor} on {withdrawn.topic}: {LABELS[withdrawn.stance]}, "
        f"stated {day(withdrawn.stated_at)}"
    )
    note = f"🗑️ Withdrew #{withdrawn.id} ({escape(what)})."
    lines = [note]
    if withdrawn.withdrawn is not None:
        lines.append(withdrawn_line(withdrawn.withdrawn, as_of=None))
    blocks: list[Block] = sections(lines)
    if now is None:
        stands = f"No statement recorded for {withdrawn.actor} on {withdrawn.topic} now."
        blocks.append(section(escape(stands)))
        text = f"Withdrew #{withdrawn.id} ({what}). {stands}"
        return Message(text=text, blocks=fit(blocks))
    stands = f"Where {withdrawn.actor} stands on {withdrawn.topic} now:"
    blocks.append(
        section(f"*{escape(stands)}* {stance_line(now)} · {day(now.stated_at)} · #{now.id}")
    )
    blocks.append(context(escape(f"Full history: {command} history {_pair(withdrawn)}")))
    text = f"Withdrew #{withdrawn.id} ({what}). {stands} {LABELS[now.stance]} (#{now.id})."
    return Message(text=text, blocks=fit(blocks))


def corrected_message(*, original_id: int, corrected: PositionView) -> Message:
    """The correction is recorded and the original withdrawn; how the position reads now."""
    note = (
        f"✏️ Recorded the correction of #{original_id} as #{corrected.id}; "
        f"#{original_id} is withdrawn."
    )
    answer = position_message(corrected, as_of=None)
    return Message(text=f"{note} {answer.text}", blocks=fit([section(note), *answer.blocks]))


def correct_form_hint(*, position_id: int, command: str) -> Message:
    """Where a transport has no form: how to correct in two steps."""
    text = (
        f"Correct #{position_id} with the form (in Slack or the shell: {command} correct "
        f"{position_id}), or withdraw it with {command} retract {position_id} <reason> "
        "and record the right statement with add."
    )
    return Message(text=text, blocks=[section(escape(text))])


def position_audit_message(
    *, position: Position, view: PositionView, events: list[AuditEvent], corrects: list[int]
) -> Message:
    """`audit #7`: every step of one position, in newsroom words, oldest first."""
    state = {"proposed": "a candidate", "confirmed": "live"}.get(position.status.value)
    if state is None:
        gone = view.withdrawn
        state = gone.kind.replace("retracted", "withdrawn") if gone else "no longer counted"
    summary = (
        f"{view.actor} on {view.topic}: {LABELS[view.stance]}, stated {day(view.stated_at)} "
        f"({state})"
    )
    lines = [_step(e) for e in events]
    lines += [f"Records the correction of #{number}." for number in corrects]
    blocks = [
        header(f"Audit of position #{position.id}"),
        section(escape(summary)),
        *sections(lines or ["No recorded steps."]),
    ]
    text = f"Position #{position.id} ({summary}): {counted(len(events), 'step')}."
    return Message(text=text, blocks=fit(blocks))


def _step(event: AuditEvent) -> str:
    detail: dict[str, Any] = event.detail or {}
    when = f"{event.at:%-d %b %Y %H:%M} UTC"
    who = mention(event.user)
    reason = str(detail.get("reason") or "")
    action = event.action.removeprefix("position.")
    if action == "recorded":
        proposed = detail.get("status") == "proposed"
        line = (
            f"Proposed from an article by {who} on {when}"
            if proposed
            else f"Recorded by {who} on {when}"
        )
        if detail.get("supersedes"):
            line += f", after #{detail['supersedes']}"
    elif action == "confirmed":
        line = f"Confirmed by {who} on {when}"
        if detail.get("candidate"):
            line += f" (from candidate #{detail['candidate']})"
    elif action == "discarded":
        line = f"Discarded by {who} on {when}"
    elif action == "retracted":
        line = f"Withdrawn by {who} on {when}"
    elif action == "corrected":
        line = f"Corrected by {who} on {when}"
        if detail.get("replaced_by"):
            line += f" (now #{detail['replaced_by']})"
    elif action == "merged":
        line = f"Moved by a merge, by {who} on {when}"
        if detail.get("replaced_by"):
            line += f" (now #{detail['replaced_by']})"
    else:
        line = f"{escape(action.replace('_', ' ').capitalize())} by {who} on {when}"
    line += f": {escape(reason)}" if reason else "."
    if event.request_id:
        line += f" _request {escape(event.request_id)}_"
    return line


def _pair(view: PositionView) -> str:
    return f"{view.actor} on {view.topic}"
