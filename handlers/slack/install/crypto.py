"""Slack tokens encrypted at rest: Fernet keys from STANDPOINT_TOKEN_KEY, the first encrypting.

Several keys make rotation possible: put a new key first, run `standpoint tokens rekey` (every
stored token re-encrypted with it), then drop the old key. Decryption tries every key.
"""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from bot.settings import Settings
from handlers.slack.install.keys import TokenKeyError, key_problem


class UnreadableToken(ValueError):
    """A stored token that none of the configured keys decrypts."""


def new_token_key() -> str:
    """A fresh random key for STANDPOINT_TOKEN_KEY."""
    return Fernet.generate_key().decode("ascii")


class TokenCipher:
    """Encrypts with the first key, decrypts with any of them."""

    def __init__(self, keys: list[str]) -> None:
        self._fernet = MultiFernet([Fernet(key.encode("ascii")) for key in keys])

    @classmethod
    def from_settings(cls, settings: Settings) -> "TokenCipher":
        """The cipher STANDPOINT_TOKEN_KEY describes; TokenKeyError when it can't be used."""
        problem = key_problem(settings)
        if problem:
            raise TokenKeyError(problem)
        return cls(settings.token_keys)

    def seal(self, token: str | None) -> str | None:
        """`token` encrypted with the first key (None stays None)."""
        if token is None:
            return None
        return self._fernet.encrypt(token.encode("utf-8")).decode("ascii")

    def open(self, sealed: str | None) -> str | None:
        """The token `sealed` holds; UnreadableToken when no configured key encrypted it."""
        if sealed is None:
            return None
        try:
            return self._fernet.decrypt(sealed.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError) as error:
            raise UnreadableToken("no key in STANDPOINT_TOKEN_KEY decrypts it") from error

    def reseal(self, sealed: str) -> str:
        """`sealed` re-encrypted with the first key (UnreadableToken as for `open`)."""
        try:
            return self._fernet.rotate(sealed.encode("ascii")).decode("ascii")
        except (InvalidToken, UnicodeError) as error:
            raise UnreadableToken("no key in STANDPOINT_TOKEN_KEY decrypts it") from error
