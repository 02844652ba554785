"""Blocks for an ingest: candidates to review, each with Confirm / Edit / Discard."""

from bot.stances import LABELS
from handlers.blocks.kit import Block, Message, context, escape, fit, header, section
from store import Position

CONFIRM, EDIT_CANDIDATE, DISCARD = "candidate_confirm", "candidate_edit", "candidate_discard"
MAX_SHOWN = 20  # two blocks each, under Slack's 50


def candidates_message(
    *,
    title: str,
    candidates: list[Position],
    names: dict[int, str],
    unverifiable: int,
    unknown: list[str],
    already: int,
    extractor: str,
    command: str,
) -> Message:
    """The review list for one ingested article."""
    blocks: list[Block] = [
        header(f"Candidates from {title}" if title else "Candidates from the article")
    ]
    for position in candidates[:MAX_SHOWN]:
        actor, topic = names.get(position.actor_id, "?"), names.get(-position.topic_id, "?")
        blocks.append(
            section(
                f"*#{position.id}* *{escape(actor)}* on *{escape(topic)}* — "
                f"{LABELS[position.stance]} (a first guess)\n> “{escape(position.quotes[0])}”"
            )
        )
        value = str(position.id)
        blocks.append(
            {
                "type": "actions",
                "block_id": f"candidate-{position.id}",
                "elements": [
                    {
                        "type": "button",
                        "action_id": CONFIRM,
                        "value": value,
                        "style": "primary",
                        "text": {"type": "plain_text", "text": "Confirm"},
                    },
                    {
                        "type": "button",
                        "action_id": EDIT_CANDIDATE,
                        "value": value,
                        "text": {"type": "plain_text", "text": "Edit"},
                    },
                    {
                        "type": "button",
                        "action_id": DISCARD,
                        "value": value,
                        "style": "danger",
                        "text": {"type": "plain_text", "text": "Discard"},
                    },
                ],
            }
        )
    if not candidates:
        blocks.append(section("No candidate positions found."))
    notes = [f"Extracted by the {escape(extractor)}."]
    if unverifiable:
        notes.append(f"{unverifiable} quote(s) not found verbatim in the article were dropped.")
    if already:
        notes.append(f"{already} statement(s) were already recorded.")
    if unknown:
        notes.append("Unknown names skipped: " + escape(", ".join(sorted(set(unknown))[:10])) + ".")
    if len(candidates) > MAX_SHOWN:
        notes.append(f"{len(candidates) - MAX_SHOWN} more not shown: `{command} confirm <id>`.")
    notes.append(escape(f"Or type: {command} confirm <id> · {command} discard <id>"))
    blocks.append(context(" ".join(notes)))
    text = (
        f"{len(candidates)} candidate position(s) to review; {unverifiable} unverifiable "
        f"quote(s) dropped."
    )
    return Message(text=text, blocks=fit(blocks))


def reviewed_message(position: Position, *, confirmed: bool) -> Message:
    """After Confirm or Discard."""
    text = (
        f"✅ Candidate #{position.id} confirmed: it now counts as a position."
        if confirmed
        else f"🗑️ Candidate #{position.id} discarded."
    )
    return Message(text=text, blocks=[context(text)])
