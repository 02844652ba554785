"""The Slack app: Bolt listeners for commands, buttons, modals, shortcuts, Home (`app`)."""

from typing import TYPE_CHECKING

from bot.public_names import public_names

if TYPE_CHECKING:
    from handlers.slack.client import make_web_client
    from handlers.slack.poster import SlackPoster, approver_check
    from handlers.slack.runtime import SlackStartError, missing_credentials, start_slack
else:
    __getattr__ = public_names(__name__, __file__)

__all__ = [
    "SlackPoster",
    "SlackStartError",
    "approver_check",
    "make_web_client",
    "missing_credentials",
    "start_slack",
]
