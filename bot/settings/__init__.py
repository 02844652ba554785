"""Configuration: Settings from the environment and `.env`, with errors naming the variable."""

from typing import TYPE_CHECKING

from bot.public_names import public_names

if TYPE_CHECKING:
    from bot.settings.load import ConfigurationError, load_settings
    from bot.settings.model import Settings
else:
    __getattr__ = public_names(__name__, __file__)

__all__ = [
    "ConfigurationError",
    "Settings",
    "load_settings",
]
