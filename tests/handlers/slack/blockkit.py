"""Validate Block Kit payloads with slack_sdk's own block models (limits included)."""

from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View


def assert_valid_blocks(blocks: list[dict[str, Any]], *, limit: int = 50) -> None:
    """Every block parses and passes slack_sdk's validation; at most `limit` blocks."""
    assert len(blocks) <= limit, f"{len(blocks)} blocks"
    for raw in blocks:
        block = Block.parse(raw)
        assert block is not None, raw
        block.validate_json()
        if raw["type"] == "section":
            assert len(raw["text"]["text"]) <= 3000


def assert_valid_view(view: dict[str, Any]) -> None:
    """A modal or Home view that slack_sdk accepts (100 blocks at most)."""
    View(**view).validate_json()
    assert_valid_blocks(view["blocks"], limit=100)
