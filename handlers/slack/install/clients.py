"""Which Web API client speaks for a workspace: the one place a bot token is chosen.

One workspace: the client built from SLACK_BOT_TOKEN, whatever the tenant. Many: a client with
the bot token of the tenant's installation (decrypted, rotated when due), kept for a minute so
a post does not read the database each time, and so a rotation or a departure shows within it.
"""

import logging
import threading
import time
from typing import TYPE_CHECKING

from slack_sdk import WebClient
from slack_sdk.errors import SlackTokenRotationError
from slack_sdk.oauth.installation_store import Bot, Installation

from handlers.slack.client import with_token
from store import current_tenant

if TYPE_CHECKING:  # multi-workspace mode only: one workspace never loads the stores
    from slack_sdk.oauth.token_rotation import TokenRotator

    from handlers.slack.install.installations import EncryptedInstallationStore

log = logging.getLogger(__name__)

CACHE_SECONDS = 60.0
# Refresh a rotating token this long before it expires (Bolt's own default).
ROTATION_MINUTES = 120


class WorkspaceClients:
    """The Web API client for a tenant (store.tenancy), in either mode."""

    def __init__(
        self,
        *,
        base: WebClient,
        installations: "EncryptedInstallationStore | None" = None,
        rotator: "TokenRotator | None" = None,
        cache_seconds: float = CACHE_SECONDS,
    ) -> None:
        self.base = base
        self.installations = installations
        self.rotator = rotator
        self.cache_seconds = cache_seconds
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[float, WebClient]] = {}

    @property
    def multi_workspace(self) -> bool:
        """True when each workspace has its own installation (and token)."""
        return self.installations is not None

    def current(self) -> WebClient:
        """The client for the tenant in scope (store.tenancy.current_tenant)."""
        return self.for_tenant(current_tenant()) if self.multi_workspace else self.base

    def for_tenant(self, tenant: str) -> WebClient:
        """The client for `tenant`; without an installation, one with no token (Slack then
        refuses each call with not_authed, which the posters report like any refusal)."""
        if self.installations is None:
            return self.base
        now = time.monotonic()
        with self._lock:
            cached = self._cache.get(tenant)
        if cached and cached[0] > now:
            return cached[1]
        client = with_token(self.base, self._bot_token(tenant))
        with self._lock:
            self._cache[tenant] = (now + self.cache_seconds, client)
        return client

    def forget(self, tenant: str) -> None:
        """Drop cached clients of `tenant` (an organization's: of its workspaces too)."""
        with self._lock:
            for key in [k for k in self._cache if k == tenant or k.startswith(f"{tenant}:")]:
                del self._cache[key]

    def _bot_token(self, tenant: str) -> str | None:
        # Bolt's authorize order: the latest installation, else the latest bot (an installer's
        # revoked user token deletes their installation row, not the bot).
        for kind in ("installation", "bot"):
            found = self._find(tenant, kind)
            if found is not None and found.bot_token:
                return self._rotated(found).bot_token
        log.warning("no Slack installation with a bot token for tenant=%s", tenant)
        return None

    def _find(self, tenant: str, kind: str) -> Installation | Bot | None:
        """A workspace's own installation (or bot), else its organization's org-wide one."""
        assert self.installations is not None
        store = self.installations
        find = store.find_installation if kind == "installation" else store.find_bot
        enterprise, _, team = tenant.partition(":") if ":" in tenant else ("", "", tenant)
        if team.startswith("E") and not enterprise:
            enterprise, team = team, ""  # an organization's shared store (tenant "E…")
        found = find(enterprise_id=enterprise or None, team_id=team) if team else None
        if found is None and enterprise:
            found = find(enterprise_id=enterprise, team_id=None, is_enterprise_install=True)
        return found

    def _rotated(self, found: Installation | Bot) -> Installation | Bot:
        """`found` with fresh tokens (saved) when its token expires within ROTATION_MINUTES."""
        if self.rotator is None or found.bot_refresh_token is None:
            return found
        refreshed: Installation | Bot | None
        try:
            if isinstance(found, Bot):
                refreshed = self.rotator.perform_bot_token_rotation(
                    bot=found, minutes_before_expiration=ROTATION_MINUTES
                )
            else:
                refreshed = self.rotator.perform_token_rotation(
                    installation=found, minutes_before_expiration=ROTATION_MINUTES
                )
        except (SlackTokenRotationError, OSError) as error:
            # The old token is used: if it has expired, Slack's refusal says so where it's used.
            reason = (
                error.api_error.response.get("error")
                if isinstance(error, SlackTokenRotationError)
                else type(error).__name__
            )
            log.error(
                "token rotation failed: team=%s enterprise=%s error=%s",
                found.team_id,
                found.enterprise_id,
                reason,
            )
            return found
        assert self.installations is not None
        if isinstance(refreshed, Bot):
            self.installations.save_bot(refreshed)
        elif refreshed is not None:
            self.installations.save(refreshed)
        return refreshed or found
