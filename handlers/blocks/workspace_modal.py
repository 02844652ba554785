"""The settings modal (from the Home tab): one field per setting, typed as the `settings`
command takes it, so both read values the same way (bot.workspace.parse_value)."""

import json
from typing import Any

from bot.workspace import typed_form
from handlers.blocks.workspace import SettingLine

SETTINGS_CALLBACK = "settings_save"
VALUE = "value"


def settings_modal(lines: list[SettingLine], *, command: str) -> dict[str, Any]:
    """The modal: each setting as now in force; emptied, it goes back to the default."""
    shown = {line.key.name: typed_form(line.key, line.value) for line in lines}
    blocks: list[dict[str, Any]] = [
        {
            "type": "context",
            "elements": [
                {
                    "type": "mrkdwn",
                    "text": f"Values as `{command} settings` takes them. Empty a field to go "
                    "back to the default. Every change is audited.",
                }
            ],
        }
    ]
    for line in lines:
        element: dict[str, Any] = {"type": "plain_text_input", "action_id": VALUE}
        if shown[line.key.name]:
            element["initial_value"] = shown[line.key.name]
        default = typed_form(line.key, line.default) or "none"
        blocks.append(
            {
                "type": "input",
                "block_id": line.key.name,
                "optional": True,
                "label": {"type": "plain_text", "text": line.key.label},
                "hint": {
                    "type": "plain_text",
                    "text": f"Default: {default[:900]}. For example: {line.key.example}",
                },
                "element": element,
            }
        )
    return {
        "type": "modal",
        "callback_id": SETTINGS_CALLBACK,
        "title": {"type": "plain_text", "text": "Workspace settings"},
        "submit": {"type": "plain_text", "text": "Save"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "private_metadata": json.dumps(shown),
        "blocks": blocks,
    }


def settings_form_changes(view: dict[str, Any]) -> dict[str, str | None]:
    """What a submitted modal changes: setting name → the text typed (None: emptied, back to
    the default). Fields left as they were are not changed (nor audited)."""
    try:
        shown = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        shown = {}
    values = view.get("state", {}).get("values", {})
    changes: dict[str, str | None] = {}
    for name, state in values.items():
        typed = " ".join(str((state.get(VALUE) or {}).get("value") or "").split())
        if typed == " ".join(str(shown.get(name, "")).split()):
            continue
        changes[name] = typed or None
    return changes
