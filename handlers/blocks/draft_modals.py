"""Modals for a draft: Edit (the citation check runs again on save) and Reject (a reason)."""

from typing import Any

from bot.drafts import problems_text
from handlers.blocks.kit import escape

EDIT_CALLBACK, REJECT_CALLBACK = "draft_edit", "draft_reject"
MAX_BODY_CHARS = 3000


def edit_modal(*, draft_id: int, version: int, title: str, body: str) -> dict[str, Any]:
    """Edit a draft's text; saved only when every sentence cites and every quote verifies."""
    return {
        "type": "modal",
        "callback_id": EDIT_CALLBACK,
        "private_metadata": f"{draft_id}:{version}",
        "title": {"type": "plain_text", "text": f"Edit draft D{draft_id}"},
        "submit": {"type": "plain_text", "text": "Save"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            {
                "type": "context",
                "elements": [
                    {
                        "type": "mrkdwn",
                        "text": f"*{escape(title[:150])}*  ·  cite "
                        "positions as [#12]; quote only stored words",
                    }
                ],
            },
            {
                "type": "input",
                "block_id": "body",
                "label": {"type": "plain_text", "text": "Text"},
                "element": {
                    "type": "plain_text_input",
                    "action_id": "value",
                    "multiline": True,
                    "initial_value": body[:MAX_BODY_CHARS],
                    "max_length": MAX_BODY_CHARS,
                },
            },
        ],
    }


def reject_modal(*, draft_id: int, version: int) -> dict[str, Any]:
    """Ask for the reason a draft is rejected."""
    return {
        "type": "modal",
        "callback_id": REJECT_CALLBACK,
        "private_metadata": f"{draft_id}:{version}",
        "title": {"type": "plain_text", "text": f"Reject draft D{draft_id}"},
        "submit": {"type": "plain_text", "text": "Reject"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            {
                "type": "input",
                "block_id": "reason",
                "label": {"type": "plain_text", "text": "Why?"},
                "element": {
                    "type": "plain_text_input",
                    "action_id": "value",
                    "multiline": True,
                    "max_length": 500,
                },
            },
        ],
    }


def still_to_fix(problems: list[dict[str, str]]) -> str:
    """Why an edit was not saved: each claim the evidence lock refused, and why."""
    return "Still to fix: " + "; ".join(line[:100] for line in problems_text(problems))


def draft_ref(value: str) -> tuple[int, int | None]:
    """'7:3' → (7, 3); '7' → (7, None)."""
    number, _, version = value.partition(":")
    return int(number), int(version) if version.isdigit() else None
