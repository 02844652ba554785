"""The Slack app: Bolt listeners for commands, buttons, modals, shortcuts, Home (`app`)."""

from typing import TYPE_CHECKING

from bot.public_names import public_names

if TYPE_CHECKING:
    from handlers.slack.client import make_web_client
    from handlers.slack.install.clients import WorkspaceClients
    from handlers.slack.install.crypto import TokenCipher, new_token_key
    from handlers.slack.install.keys import TokenKeyError
    from handlers.slack.install.modes import workspace_clients
    from handlers.slack.install.rekey import RekeyFailed, rekey_tokens
    from handlers.slack.poster import SlackPoster, approver_check
    from handlers.slack.runtime import SlackStartError, missing_credentials, start_slack
else:
    __getattr__ = public_names(__name__, __file__)

__all__ = [
    "RekeyFailed",
    "SlackPoster",
    "SlackStartError",
    "TokenCipher",
    "TokenKeyError",
    "WorkspaceClients",
    "approver_check",
    "make_web_client",
    "missing_credentials",
    "new_token_key",
    "rekey_tokens",
    "start_slack",
    "workspace_clients",
]
