"""The alert desk: send what followers are waiting for, once, grouped, outside quiet hours.

Every process may run it (each replica's scheduler, the shell after each command): alerts are
claimed before they are sent (see bot.alerts.delivery), so each goes out once.
"""

import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import Engine

from bot.alerts import (
    Follower,
    Waiting,
    claim,
    default_window,
    expire_stale,
    finish,
    held_during,
    is_quiet,
    live_views,
    notice_views,
    quiet_window,
    release,
    waiting,
)
from bot.settings import Settings, effective_settings
from handlers.blocks import Message, alert_message
from store import tenant_scope, tenants_to_serve, unit_of_work, utcnow

log = logging.getLogger(__name__)
# However long a burst keeps coming, its first alert waits no longer than this.
MAX_GROUPING_WAIT = timedelta(seconds=40)


class AlertRateLimited(Exception):
    """Slack refused the message unread (rate limited even after retries): send it later."""


class AlertRefused(Exception):
    """Slack refused the message for good (channel gone, bot not in it): recorded as failed."""


class AlertUnconfirmed(Exception):
    """The connection dropped: the message may have arrived, so it is never sent again."""


class AlertPoster(Protocol):
    """Where alerts go: Slack (a channel or a person's DM), or the terminal."""

    def post_alert(self, follower: Follower, message: Message) -> str:
        """Send one alert message; returns a receipt (Slack's ts)."""


class AlertDesk:
    """Sends waiting alerts for one database through one poster."""

    def __init__(
        self,
        *,
        engine: Engine,
        settings: Settings,
        poster: AlertPoster,
        instance: str,
        local_user: str | None = None,
        settle_seconds: float | None = None,
        parallel: int = 1,
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.poster = poster
        self.instance = instance
        self.local_user = local_user  # the shell sends only its own user's alerts
        settle = settings.alert_settle_seconds if settle_seconds is None else settle_seconds
        self.settle = timedelta(seconds=settle)
        # Followers are independent (pacing is per channel): a pass for 500 channels would
        # otherwise wait on 500 Slack round trips one after another.
        self.parallel = max(1, parallel)

    def send_due(self, *, now: datetime | None = None) -> list[str]:
        """Send every follower's waiting alerts that are due, newsroom by newsroom; one line
        per follower handled."""
        now = now or utcnow()
        lines: list[str] = []
        for tenant in tenants_to_serve(self.engine):
            with tenant_scope(tenant):
                lines += self._send_due_here(tenant, now=now)
        return lines

    def _send_due_here(self, tenant: str, *, now: datetime) -> list[str]:
        with unit_of_work(self.engine) as session:
            stale = expire_stale(session, now=now, local_user=self.local_user)
            followers = waiting(session, local_user=self.local_user)
        if stale:
            log.warning("alerts: %d left unconfirmed by a sender that stopped mid-send", stale)
        if self.parallel == 1 or len(followers) < 2:
            lines = [self._send_logged(entry, now=now) for entry in followers]
        else:
            workers = min(self.parallel, len(followers))
            with ThreadPoolExecutor(workers, thread_name_prefix="standpoint-alerts") as pool:
                lines = list(pool.map(lambda entry: self._send_as(tenant, entry, now), followers))
        return [line for line in lines if line]

    def _send_as(self, tenant: str, entry: Waiting, now: datetime) -> str:
        with tenant_scope(tenant):  # a pool thread starts outside the pass's scope
            return self._send_logged(entry, now=now)

    def _send_logged(self, entry: Waiting, *, now: datetime) -> str:
        """One follower's alerts; a failure is logged and never stops the others."""
        try:
            return self._send(entry, now=now)
        except Exception:
            log.exception("alerts: sending failed: target=%s", entry.follower.target)
            return f"{entry.follower.target}: failed (see the log)"

    def _send(self, entry: Waiting, *, now: datetime) -> str:
        follower = entry.follower
        if now - entry.newest < self.settle and now - entry.oldest < MAX_GROUPING_WAIT:
            return ""  # a burst may still be arriving: wait for it, then send it as one
        current = effective_settings(engine=self.engine, defaults=self.settings)
        default = default_window(current.quiet_hours, tz=current.tz)  # the workspace's own
        with unit_of_work(self.engine) as session:
            window = quiet_window(session, follower, default=default)
            if window is not None and is_quiet(window, at=now):
                # Every pass of a quiet night would say it again: not worth a line each time.
                log.debug("alerts: %d held (quiet hours) for %s", entry.count, follower.target)
                return ""
            claimed = claim(session, follower=follower, by=self.instance, now=now)
            if claimed is None:
                return ""  # another process took them
            views = live_views(session, claimed)
            notices = notice_views(session, claimed)
            held = window if held_during(window, claimed.queued) else None
            # Built before the claim commits: if building fails, the claim is undone and the
            # alerts stay pending, instead of ending unconfirmed without ever being sent.
            message = alert_message(
                views, held=held, command=self.settings.command, withdrawn=notices
            )
        sending = len(views) + len(notices)
        if not sending:
            return f"{follower.target}: nothing left to send (withdrawn or unfollowed)"
        outcome, ts, error = "sent", None, ""
        try:
            ts = self.poster.post_alert(follower, message)
        except AlertRateLimited:
            with unit_of_work(self.engine) as session:
                release(session, batch=claimed.batch)
            return f"{follower.target}: rate limited, {sending} kept for the next pass"
        except AlertRefused as refused:
            outcome, error = "failed", str(refused)
        except AlertUnconfirmed as dropped:
            outcome, error = "unconfirmed", str(dropped)
        with unit_of_work(self.engine) as session:
            finish(session, batch=claimed.batch, status=outcome, now=utcnow(), ts=ts, error=error)
        if outcome != "sent":
            log.warning(
                "alerts: %s for target=%s (%d alerts): %s",
                outcome,
                follower.target,
                sending,
                error,
            )
        return f"{follower.target}: {sending} {outcome}"
