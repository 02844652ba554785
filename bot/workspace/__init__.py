"""Workspace settings: what `/stance settings` reads, changes and audits for one newsroom."""

from typing import TYPE_CHECKING

from bot.public_names import public_names

if TYPE_CHECKING:
    from bot.workspace.changes import (
        Change,
        Stored,
        change_setting,
        refuse_change,
        reset_setting,
        workspace_values,
    )
    from bot.workspace.values import Parsed, parse_value, typed_form
else:
    __getattr__ = public_names(__name__, __file__)

__all__ = [
    "Change",
    "Parsed",
    "Stored",
    "change_setting",
    "parse_value",
    "refuse_change",
    "reset_setting",
    "typed_form",
    "workspace_values",
]
