"""The add-position modal and the parsing of what it submits."""

import json
from datetime import date
from typing import Any

from bot.grammar import MAX_QUOTE_CHARS, conditions_field, parse_conditions
from bot.positions import PositionForm
from bot.stances import LABELS
from handlers.blocks.kit import Block, context, escape

ADD_CALLBACK = "add_position"
# Field names in bot.positions.forms map one to one onto block ids here, so errors land inline.
FIELDS = (
    "actor",
    "create",
    "topic",
    "stance",
    "summary",
    "conditions",
    "quote",
    "url",
    "date",
    "reason",
)


def add_position_modal(
    *,
    channel_id: str,
    today: date,
    initial: PositionForm | None = None,
    replaces: int | None = None,
    corrects: int | None = None,
    assigns: int | None = None,
    note: str = "",
) -> dict[str, Any]:
    """The modal `/stance add` opens; prefilled (and replacing a candidate) from an ingest,
    or giving a speaker to an uncredited quote (`assigns`); `note` says what it is about."""
    start = initial or PositionForm(actor="", topic="", stance="", quote="")
    stances = [
        {"text": {"type": "plain_text", "text": label}, "value": stance.value}
        for stance, label in LABELS.items()
    ]
    blocks: list[Block] = [
        _text_input(
            "actor",
            "Who said it",
            "Putin, Ukraine, the Kremlin…",
            max_length=200,
            initial=start.actor,
        ),
        {
            "type": "input",
            "block_id": "create",
            "optional": True,
            "label": {"type": "plain_text", "text": "New names"},
            "element": {
                "type": "checkboxes",
                "action_id": "value",
                "options": [
                    {
                        "text": {"type": "plain_text", "text": "Create the actor if it's new"},
                        "value": "actor",
                    },
                    {
                        "text": {"type": "plain_text", "text": "Create the topic if it's new"},
                        "value": "topic",
                    },
                ],
            },
        },
        _text_input(
            "topic",
            "On which topic",
            "ceasefire, Kursk truce…",
            max_length=200,
            initial=start.topic,
        ),
        {
            "type": "input",
            "block_id": "stance",
            "label": {"type": "plain_text", "text": "Stance"},
            "element": {
                "type": "static_select",
                "action_id": "value",
                "options": stances,
                **(
                    {"initial_option": chosen[0]}
                    if (chosen := [o for o in stances if o["value"] == start.stance])
                    else {}
                ),
            },
        },
        _text_input(
            "summary", "One-line summary", "", optional=True, max_length=500, initial=start.summary
        ),
        _text_input(
            "conditions",
            "Conditions (one per line)",
            "One per line; “none” if it says there are none; empty if it says nothing of them",
            optional=True,
            multiline=True,
            max_length=2000,
            initial=conditions_field(start.conditions, separator="\n"),
        ),
        _text_input(
            "quote",
            "Verbatim quote",
            "Exactly as said",
            multiline=True,
            max_length=MAX_QUOTE_CHARS,
            initial=start.quote,
        ),
        _text_input(
            "url", "Source URL", "https://…", optional=True, max_length=2000, initial=start.url
        ),
        {
            "type": "input",
            "block_id": "date",
            "optional": True,
            "label": {"type": "plain_text", "text": "Date said"},
            "element": {
                "type": "datepicker",
                "action_id": "value",
                "initial_date": (start.stated_on or today).isoformat(),
            },
        },
    ]
    title, submit = "Add a position", "Record"
    if corrects is not None:  # `correct <id>`: the same form, saved as a correction
        blocks.append(
            _text_input("reason", "Reason for the correction", "What was wrong", max_length=500)
        )
        title, submit = f"Correct #{corrects}", "Save correction"
    if assigns is not None:  # `assign <id>`: an uncredited quote gets its speaker
        title = f"Assign quote {assigns}"
    if note:
        blocks.insert(0, context(escape(note)))
    return {
        "type": "modal",
        "callback_id": ADD_CALLBACK,
        "private_metadata": json.dumps(
            {
                "channel_id": channel_id,
                **({"replaces": replaces} if replaces else {}),
                **({"corrects": corrects} if corrects is not None else {}),
                **({"assigns": assigns} if assigns is not None else {}),
            }
        ),
        "title": {"type": "plain_text", "text": title[:24]},
        "submit": {"type": "plain_text", "text": submit},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": blocks,
    }


def form_from_state(values: dict[str, Any]) -> PositionForm:
    """Read a submitted modal's `view.state.values` into a PositionForm."""

    def value(block: str) -> Any:
        return values.get(block, {}).get("value", {})

    selected = value("stance").get("selected_option") or {}
    picked = {option["value"] for option in value("create").get("selected_options") or []}
    stated = value("date").get("selected_date")
    return PositionForm(
        actor=value("actor").get("value") or "",
        topic=value("topic").get("value") or "",
        stance=selected.get("value", ""),
        quote=value("quote").get("value") or "",
        summary=value("summary").get("value") or "",
        conditions=parse_conditions(value("conditions").get("value")),
        url=value("url").get("value") or "",
        stated_on=date.fromisoformat(stated) if stated else None,
        create_actor="actor" in picked,
        create_topic="topic" in picked,
    )


def channel_of(private_metadata: str) -> str | None:
    """The channel the modal was opened from, for the private confirmation."""
    channel = _metadata(private_metadata).get("channel_id")
    return channel if isinstance(channel, str) else None


def replaced_candidate(private_metadata: str) -> int | None:
    """The ingest candidate this form corrects (it is retracted once the form is saved)."""
    replaces = _metadata(private_metadata).get("replaces")
    return replaces if isinstance(replaces, int) else None


def corrected_position(private_metadata: str) -> int | None:
    """The position this form corrects (`correct <id>`), if any."""
    corrects = _metadata(private_metadata).get("corrects")
    return corrects if isinstance(corrects, int) else None


def assigned_quote(private_metadata: str) -> int | None:
    """The uncredited quote this form gives a speaker to (`assign <id>`), if any."""
    assigns = _metadata(private_metadata).get("assigns")
    return assigns if isinstance(assigns, int) else None


def reason_of(values: dict[str, Any]) -> str:
    """The correction's reason from a submitted modal's state."""
    return str(values.get("reason", {}).get("value", {}).get("value") or "").strip()


def _metadata(private_metadata: str) -> dict[str, Any]:
    try:
        data = json.loads(private_metadata or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _text_input(
    block_id: str,
    label: str,
    placeholder: str,
    *,
    optional: bool = False,
    multiline: bool = False,
    max_length: int = 3000,
    initial: str = "",
) -> Block:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": "value",
        "multiline": multiline,
        "max_length": max_length,
    }
    if placeholder:
        element["placeholder"] = {"type": "plain_text", "text": placeholder}
    if initial:
        element["initial_value"] = initial[:max_length]
    return {
        "type": "input",
        "block_id": block_id,
        "optional": optional,
        "label": {"type": "plain_text", "text": label},
        "element": element,
    }
