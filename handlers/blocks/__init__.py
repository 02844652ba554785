"""Block Kit builders: pure functions returning dicts. Slack sends them; the shell renders them."""

from handlers.blocks.kit import Message

__all__ = ["Message"]
