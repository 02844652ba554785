"""The Bolt app. This file is the route table: one `register` per kind of request."""

import logging

from slack_bolt import App

from handlers.slack import (
    add_form,
    alerts,
    assign,
    candidates,
    choices,
    commands,
    drafts,
    guard,
    home,
    more,
    prompt_ack,
    share,
    shortcut,
    tenants,
)
from handlers.slack import settings as workspace_settings
from handlers.slack.client import hand_listeners
from handlers.slack.deps import SlackDeps
from handlers.slack.install import modes

# Bolt's own pool runs listeners until they ack; it must never hold slow work (see Worker).
LISTENER_THREADS = 16


def build_app(deps: SlackDeps) -> App:
    """The Bolt app with every listener registered.

    Bolt's own signature check is off: it runs after Bolt has parsed the body, so a malformed
    body was a 500. HTTP requests are verified on their raw bytes by handlers.serving.request_check
    before Bolt sees them (see make_wsgi_app); Socket Mode has no HTTP requests to sign.
    """
    settings = deps.settings
    client = deps.client
    with modes.bolt_environment(settings):
        app = App(
            client=client,
            logger=_bolt_logger(),
            request_verification_enabled=False,
            process_before_response=False,
            # Acks are handed back as soon as given (see prompt_ack), not at Bolt's 10 ms poll.
            listener_executor=prompt_ack.AckWaitingExecutor(
                max_workers=LISTENER_THREADS, thread_name_prefix="bolt-listener"
            ),
            # Multi-workspace mode: Bolt's OAuth flow, and its authorize for every request.
            **modes.bolt_options(deps, logger=_bolt_logger()),
        )
    prompt_ack.install(app)  # first, so every request's ack can signal
    # Before anything reads or writes a newsroom's rows.
    tenants.register(app, engine=deps.engine, multi_workspace=settings.multi_workspace)
    guard.register(app, teams=settings.allowed_teams, apps=settings.allowed_apps)
    hand_listeners(app, client)  # every listener's Web API calls pass the outgoing guard
    commands.register(app, deps)
    share.register(app, deps)
    more.register(app, deps)
    choices.register(app, deps)
    add_form.register(app, deps)
    home.register(app, deps)
    drafts.register(app, deps)
    candidates.register(app, deps)
    assign.register(app, deps)
    shortcut.register(app, deps)
    alerts.register(app, deps)
    workspace_settings.register(app, deps)
    modes.register(app, deps)  # multi-workspace mode: app_uninstalled, tokens_revoked
    return app


def _bolt_logger() -> logging.Logger:
    # Bolt copies the root logger's level into its own loggers, and at DEBUG it logs whole
    # request and response bodies (what reporters typed). It stays at WARNING whatever the
    # app's level.
    logger = logging.getLogger("standpoint.bolt")
    logger.setLevel(logging.WARNING)
    if not any(isinstance(f, _SameTokenNotice) for f in logger.filters):
        logger.addFilter(_SameTokenNotice())
    return logger


class _SameTokenNotice(logging.Filter):
    """Drop Bolt's "token will be unused" warning: it reads SLACK_BOT_TOKEN from the
    environment even when given a client, and our client carries that same token."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("As you gave `client` as well")
