"""Configuration: Settings from the environment and `.env`, with errors naming the variable,
and each workspace's own values over them (`/stance settings`)."""

from typing import TYPE_CHECKING

from bot.public_names import public_names

if TYPE_CHECKING:
    from bot.settings.keys import WORKSPACE_KEYS, WorkspaceKey, key_of_field, workspace_key
    from bot.settings.load import ConfigurationError, load_settings
    from bot.settings.model import Settings
    from bot.settings.workspace import (
        apply_overrides,
        effective_settings,
        forget_overrides,
        read_overrides,
    )
else:
    __getattr__ = public_names(__name__, __file__)

__all__ = [
    "WORKSPACE_KEYS",
    "ConfigurationError",
    "Settings",
    "WorkspaceKey",
    "apply_overrides",
    "effective_settings",
    "forget_overrides",
    "key_of_field",
    "load_settings",
    "read_overrides",
    "workspace_key",
]
