"""Start the Slack bot: build its parts, then serve HTTP or Socket Mode until stopped."""

import logging
import signal
import threading
from dataclasses import dataclass
from types import FrameType

from slack_bolt import App
from slack_bolt.error import BoltError
from slack_sdk.errors import SlackApiError
from sqlalchemy import Engine

from bot.settings import Settings, effective_settings
from handlers.desks import AlertDesk, assemble, instance_name
from handlers.serving import (
    DigestScheduler,
    Metrics,
    Worker,
    create_http_server,
    make_wsgi_app,
    socket_mode_handler,
)
from handlers.slack.admins import admin_check
from handlers.slack.alerts import SlackAlertPoster
from handlers.slack.app import build_app
from handlers.slack.client import make_web_client, unreachable
from handlers.slack.deps import SlackDeps
from handlers.slack.install.keys import TokenKeyError
from handlers.slack.install.modes import multi_workspace_problem, serving_mode, workspace_clients
from handlers.slack.poster import SlackPoster, approver_check
from store import LOCAL_TENANT, set_default_tenant, tenant_scope, tenants_to_serve, utcnow

log = logging.getLogger(__name__)


class SlackStartError(RuntimeError):
    """Slack refused the configuration (a revoked token) or could not be reached at all."""


def missing_credentials(settings: Settings, *, socket_mode: bool) -> str | None:
    """What is missing (or unusable, like a malformed STANDPOINT_TOKEN_KEY) to run in the
    chosen mode, or None."""
    if settings.multi_workspace:
        return multi_workspace_problem(settings, socket_mode=socket_mode)
    needed = ["SLACK_BOT_TOKEN"] if settings.slack_bot_token is None else []
    if socket_mode and settings.slack_app_token is None:
        needed.append("SLACK_APP_TOKEN")
    if not socket_mode and settings.slack_signing_secret is None:
        needed.append("SLACK_SIGNING_SECRET")
    mode = "Socket Mode" if socket_mode else "HTTP mode"
    return f"{mode} needs {' and '.join(needed)}." if needed else None


@dataclass
class RunningSlack:
    """A built Bolt app and its worker pool, ready to serve."""

    app: App
    deps: SlackDeps
    socket_mode: bool
    metrics: Metrics
    alerts: AlertDesk
    scheduler: DigestScheduler | None = None

    def serve_forever(self, *, host: str, port: int) -> None:
        """Serve until SIGINT/SIGTERM; queued background work finishes before exit."""
        signal.signal(signal.SIGTERM, _interrupt)
        stop_sweeping = start_expiry_sweeper(self.deps)
        if self.scheduler is not None:
            self.scheduler.start()
        try:
            if self.socket_mode:
                token = self.deps.settings.slack_app_token
                assert token is not None
                log.info("Standpoint connecting to Slack over Socket Mode")
                handler = socket_mode_handler(self.app, app_token=token.get_secret_value())
                try:
                    handler.start()  # connects (apps.connections.open), then waits
                except OSError as error:
                    problem = unreachable(error, settings=self.deps.settings)
                    raise SlackStartError(problem) from error
            else:
                secret = self.deps.settings.slack_signing_secret
                assert secret is not None  # missing_credentials() refused to start without it
                wsgi = make_wsgi_app(
                    bolt_app=self.app,
                    engine=self.deps.engine,
                    signing_secret=secret.get_secret_value(),
                    metrics=self.metrics,
                )
                server = create_http_server(
                    wsgi, host=host, port=port, threads=self.deps.settings.http_threads
                )
                log.info("Standpoint listening on http://%s:%s/slack/events", host, port)
                server.run()
        except KeyboardInterrupt:
            log.info("Standpoint stopping")
        finally:
            stop_sweeping.set()
            if self.scheduler is not None:
                self.scheduler.shutdown()
            self.deps.worker.shutdown(wait=True)


def start_slack(
    *, settings: Settings, engine: Engine, socket_mode: bool, run_scheduler: bool = False
) -> RunningSlack:
    """Build the bot (checks the token with Slack's auth.test)."""
    if not settings.approver_ids:
        log.warning(
            "STANDPOINT_APPROVERS is not set: nobody can approve drafts or digests, so nothing "
            "drafted will be posted until a workspace admin names them with `settings "
            "approvers`. Set it to Slack user ids or a user group id (S…)."
        )
    log.info("Standpoint mode: %s", serving_mode(settings, socket_mode=socket_mode))
    # Many newsrooms: no tenant outside a request's or a job's scope (store.tenancy), so
    # anything that forgot to open one fails instead of reading the single workspace's rows.
    set_default_tenant(None if settings.multi_workspace else LOCAL_TENANT)
    if settings.slack_bot_token and (settings.slack_client_id or settings.slack_client_secret):
        log.warning(
            "SLACK_CLIENT_ID/SLACK_CLIENT_SECRET are ignored: SLACK_BOT_TOKEN is set, so this "
            "is single-workspace mode (unset SLACK_BOT_TOKEN to install by OAuth)."
        )
    client = make_web_client(settings)
    try:
        clients = workspace_clients(settings, engine=engine, client=client)
    except TokenKeyError as error:
        raise SlackStartError(str(error)) from error
    metrics = Metrics(engine=engine)
    scheduler_ref: list[DigestScheduler] = []

    def resync() -> None:  # a schedule changed: the scheduler (if this process runs one) re-reads
        for scheduler in scheduler_ref:
            scheduler.sync()

    def current() -> Settings:  # the workspace in scope: its approvers, approval channel…
        return effective_settings(engine=engine, defaults=settings)

    poster = SlackPoster(clients=clients, settings=settings, current=current)
    alerts = AlertDesk(
        engine=engine,
        settings=settings,
        poster=SlackAlertPoster(clients=clients, pacer=poster.pacer),
        instance=instance_name(),
        parallel=settings.workers,
    )
    desks = assemble(
        engine=engine,
        settings=settings,
        poster=poster,
        is_approver=approver_check(clients=clients, ids=lambda: current().approver_ids),
        is_admin=admin_check(clients=clients),
        on_schedule_change=resync,
        observe_llm=metrics.observe_llm,
    )
    deps = SlackDeps(
        settings=settings,
        engine=engine,
        dispatcher=desks.dispatcher,
        worker=Worker(max_workers=settings.workers),
        desk=desks.drafts,
        client=client,
        digests=desks.digests,
        clients=clients,
    )
    if run_scheduler:
        scheduler_ref.append(DigestScheduler(digests=desks.digests, engine=engine, alerts=alerts))
    try:
        app = build_app(deps)
    except (BoltError, SlackApiError) as error:
        deps.worker.shutdown(wait=False)
        raise SlackStartError(f"Slack did not accept the configuration: {error}") from error
    except OSError as error:  # auth.test got no answer: a name that doesn't resolve, a refusal…
        deps.worker.shutdown(wait=False)
        raise SlackStartError(unreachable(error, settings=settings)) from error
    return RunningSlack(
        metrics=metrics,
        app=app,
        deps=deps,
        alerts=alerts,
        socket_mode=socket_mode,
        scheduler=scheduler_ref[0] if scheduler_ref else None,
    )


EXPIRY_SWEEP_SECONDS = 60.0


def start_expiry_sweeper(
    deps: SlackDeps, *, every: float = EXPIRY_SWEEP_SECONDS
) -> threading.Event:
    """Expire overdue drafts (and update their cards) every minute; set the event to stop."""
    stop = threading.Event()

    def sweep() -> None:
        while not stop.wait(every):
            for tenant in tenants_to_serve(deps.engine):
                try:
                    with tenant_scope(tenant):
                        deps.desk.expire_overdue(now=utcnow())
                except Exception:
                    log.exception("expiry sweep failed: tenant=%s", tenant)

    threading.Thread(target=sweep, name="standpoint-expiry", daemon=True).start()
    return stop


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt
