"""Where installations live: slack_sdk's SQLAlchemy stores on Standpoint's own database, with
every token encrypted before it is written and decrypted after it is read.

The tables are created by migration 0015 (never create_all). Bolt's OAuth flow, its
`authorize` (token rotation included) and WorkspaceClients all read through this one store.
"""

import logging
from datetime import UTC, datetime
from typing import Any, TypeVar

from slack_sdk.oauth.installation_store import Bot, Installation, InstallationStore
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.sqlalchemy_utils import normalize_datetime_for_db
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine

from handlers.slack.install.crypto import TokenCipher, UnreadableToken

log = logging.getLogger(__name__)

# The token fields of an Installation; a Bot has the first two.
INSTALLATION_TOKENS = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token")
BOT_TOKENS = ("bot_token", "bot_refresh_token")
STATE_SECONDS = 600  # an install link works for ten minutes, as Bolt's default

Record = TypeVar("Record", Installation, Bot)


class EncryptedInstallationStore(InstallationStore):
    """slack_sdk's SQLAlchemyInstallationStore, with tokens sealed on save, opened on find."""

    def __init__(self, *, engine: Engine, client_id: str, cipher: TokenCipher) -> None:
        self.inner = SQLAlchemyInstallationStore(client_id=client_id, engine=engine, logger=log)
        self.cipher = cipher

    @property
    def logger(self) -> logging.Logger:
        """The store's logger (slack_sdk's interface)."""
        return log

    def save(self, installation: Installation) -> None:
        """Store an installation (and its bot), every token encrypted."""
        self.inner.save(self._sealed(installation, INSTALLATION_TOKENS))

    def save_bot(self, bot: Bot) -> None:
        """Store a bot (token rotation saves one), its tokens encrypted."""
        self.inner.save_bot(self._sealed(bot, BOT_TOKENS))

    def find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        """The latest installation for a workspace (or organization), tokens decrypted."""
        found = self.inner.find_installation(
            enterprise_id=enterprise_id,
            team_id=team_id,
            user_id=user_id,
            is_enterprise_install=is_enterprise_install,
        )
        return None if found is None else self._opened(found, INSTALLATION_TOKENS)

    def find_bot(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:
        """The latest bot for a workspace (or organization), tokens decrypted."""
        found = self.inner.find_bot(
            enterprise_id=enterprise_id,
            team_id=team_id,
            is_enterprise_install=is_enterprise_install,
        )
        return None if found is None else self._opened(found, BOT_TOKENS)

    def delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        """Forget a workspace's (or organization's) bots and their tokens."""
        self.inner.delete_bot(enterprise_id=enterprise_id, team_id=team_id)

    def delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        """Forget a workspace's installations (one installer's, with `user_id`)."""
        self.inner.delete_installation(
            enterprise_id=enterprise_id, team_id=team_id, user_id=user_id
        )

    def _sealed(self, record: Record, fields: tuple[str, ...]) -> Record:
        copy = type(record)(**record.to_dict_for_copying())
        for field in fields:
            setattr(copy, field, self.cipher.seal(getattr(record, field)))
        return copy

    def _opened(self, record: Record, fields: tuple[str, ...]) -> Record:
        for field in fields:
            try:
                setattr(record, field, self.cipher.open(getattr(record, field)))
            except UnreadableToken:
                # Treated as no token (Slack then asks for a reinstall), never sent as it is.
                log.error(
                    "a stored Slack %s can't be decrypted: is the key that encrypted it still "
                    "in STANDPOINT_TOKEN_KEY? team=%s enterprise=%s",
                    field,
                    record.team_id,
                    record.enterprise_id,
                )
                setattr(record, field, None)
        return record


def installation_store(
    engine: Engine, *, client_id: str, cipher: TokenCipher
) -> EncryptedInstallationStore:
    """The installation store on Standpoint's database."""
    return EncryptedInstallationStore(engine=engine, client_id=client_id, cipher=cipher)


class StateStore(SQLAlchemyOAuthStateStore):
    """slack_sdk's state store, which also forgets expired states when it issues one: it only
    deletes the states it consumes, so anyone loading /slack/install would grow the table."""

    def issue(self, *args: Any, **kwargs: Any) -> str:
        """A new state, after deleting the expired ones."""
        now = normalize_datetime_for_db(datetime.now(tz=UTC))
        with self.engine.begin() as conn:
            conn.execute(self.oauth_states.delete().where(self.oauth_states.c.expire_at <= now))
        state: str = super().issue(*args, **kwargs)
        return state


def state_store(engine: Engine) -> StateStore:
    """The OAuth state store on Standpoint's database: each state used once, within ten minutes."""
    return StateStore(expiration_seconds=STATE_SECONDS, engine=engine, logger=log)
