"""The note under one page of a long answer: what it shows, and how to get the next page.

"Show more" re-asks the same question for the next page; its text twin is the same
command with `page N`, which the shell shows and anyone can type.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.paging import Page
from handlers.blocks.kit import Block, context, escape

MORE_ACTION = "show_more"
MAX_BUTTON_VALUE = 2000


@dataclass(frozen=True)
class Pager:
    """How to ask for another page: the slash command and the question without its page."""

    command: str  # "/stance"
    question: str  # "history putin on ceasefire as of 2025-03-01"

    def text(self, number: int) -> str:
        """The command text (after the slash command) for page `number`."""
        return f"{self.question} page {number}"


def as_of_question(question: str, as_of: datetime | None) -> str:
    """`question` pinned to the day it was asked about, so "yesterday" means the same later."""
    return f"{question} as of {as_of.date().isoformat()}" if as_of is not None else question


def page_blocks(page: Page[Any], *, noun: str, pager: Pager) -> list[Block]:
    """'Showing 21–40 of 60 statements', the next page's text twin and a Show more button.

    Nothing when everything fits on one page.
    """
    if page.pages == 1:
        return []
    shown = f"{page.first}–{page.last}" if page.last > page.first else f"{page.first}"
    note = f"Showing {shown} of {page.total} {noun}"
    if not page.has_more:
        return [context(escape(f"{note} (the last page)."))]
    following = pager.text(page.number + 1)
    blocks = [context(escape(f"{note}. Next: ") + f"`{escape(f'{pager.command} {following}')}`")]
    if len(following) <= MAX_BUTTON_VALUE:
        blocks.append(
            {
                "type": "actions",
                "block_id": "more",
                "elements": [
                    {
                        "type": "button",
                        "action_id": MORE_ACTION,
                        "text": {"type": "plain_text", "text": "Show more"},
                        "value": following,
                    }
                ],
            }
        )
    return blocks
