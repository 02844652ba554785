"""Did you mean: each closest name on its own line, and in Slack a button that asks again.

A list reads as choices even when a name holds a comma ("Andriy Yermak, Ukraine" is two
people, not one); each button's text twin is the same question typed with that name.
"""

from bot.errors import UnknownName
from handlers.blocks.kit import Block, escape

CHOOSE_ACTION = "choose_name"
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000


def choice_lines(error: UnknownName, *, command: str) -> list[str]:
    """ "Did you mean one of these?" and one bullet per name, with its typed question."""
    lines = ["Did you mean one of these?" if len(error.choices) > 1 else "Did you mean this?"]
    questions = error.questions if len(error.questions) == len(error.choices) else []
    for index, name in enumerate(error.choices):
        twin = f" — `{escape(f'{command} {questions[index]}')}`" if questions else ""
        lines.append(f"• *{escape(name)}*{twin}")
    return ["\n".join(lines)]


def choice_buttons(error: UnknownName) -> list[Block]:
    """One button per choice that re-asks the question with it (none without questions)."""
    if len(error.questions) != len(error.choices):
        return []
    elements = [
        {
            "type": "button",
            "action_id": f"{CHOOSE_ACTION}:{index}",
            "text": {"type": "plain_text", "text": _label(name)},
            "value": question,
        }
        for index, (name, question) in enumerate(zip(error.choices, error.questions, strict=True))
        if len(question) <= MAX_BUTTON_VALUE
    ]
    if not elements:
        return []
    return [{"type": "actions", "block_id": "choices", "elements": elements}]


def _label(name: str) -> str:
    return name if len(name) <= MAX_BUTTON_TEXT else name[: MAX_BUTTON_TEXT - 1] + "…"
