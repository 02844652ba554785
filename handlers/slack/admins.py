"""Who is a Slack admin or owner of their workspace (users.info): they may change its settings
(`/stance settings`) even when they are not among its approvers."""

import logging
import threading
import time
from collections.abc import Callable

from slack_sdk.errors import SlackApiError

from handlers.slack.install.clients import WorkspaceClients
from store import current_tenant

log = logging.getLogger(__name__)
ADMIN_CACHE_SECONDS = 300  # as the approver groups: a promotion shows within five minutes


def admin_check(*, clients: WorkspaceClients) -> Callable[[str], bool]:
    """Is a user an admin or owner of the workspace in scope? Asked of Slack with the
    workspace's own client, remembered per workspace and user; no answer counts as no."""
    lock = threading.Lock()
    cache: dict[tuple[str, str], tuple[float, bool]] = {}

    def is_admin(user: str) -> bool:
        key = (current_tenant(), user)
        with lock:
            cached = cache.get(key)
        if cached and time.monotonic() - cached[0] < ADMIN_CACHE_SECONDS:
            return cached[1]
        try:
            info = clients.current().users_info(user=user).get("user") or {}
        except (SlackApiError, OSError) as error:
            log.warning("admin lookup failed: user=%s error=%s", user, type(error).__name__)
            return False  # not remembered: the next change asks again
        admin = any(bool(info.get(flag)) for flag in ("is_admin", "is_owner", "is_primary_owner"))
        with lock:
            cache[key] = (time.monotonic(), admin)
        return admin

    return is_admin
