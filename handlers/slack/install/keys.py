"""STANDPOINT_TOKEN_KEY checked before anything starts (no cryptography loaded to do it)."""

import base64
import binascii

from bot.settings import Settings

KEY_BYTES = 32  # a Fernet key is 32 bytes, url-safe base64 encoded (44 characters)


class TokenKeyError(ValueError):
    """STANDPOINT_TOKEN_KEY is missing or holds something that is not a Fernet key."""


def key_problem(settings: Settings) -> str | None:
    """Why STANDPOINT_TOKEN_KEY can't be used, in one line, or None."""
    keys = settings.token_keys
    if not keys:
        return (
            "STANDPOINT_TOKEN_KEY is not set: multi-workspace mode needs it to encrypt the "
            "workspaces' Slack tokens (make one with: standpoint tokens new-key)."
        )
    for number, key in enumerate(keys, start=1):
        if not _is_fernet_key(key):
            which = "" if len(keys) == 1 else f" (key {number} of {len(keys)})"
            return (
                f"STANDPOINT_TOKEN_KEY{which} is not a Fernet key: 32 bytes, url-safe "
                "base64-encoded (make one with: standpoint tokens new-key)."
            )
    return None


def _is_fernet_key(key: str) -> bool:
    try:
        return len(base64.urlsafe_b64decode(key.encode("ascii"))) == KEY_BYTES
    except (binascii.Error, UnicodeError, ValueError):
        return False
