"""The pages a person sees at the end of an install: short, plain, every value escaped."""

import html
import logging
from urllib.parse import quote

from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.response import BoltResponse
from slack_sdk.oauth import OAuthStateUtils

log = logging.getLogger(__name__)

# What went wrong, as the installer can act on it (Bolt's reasons; Slack's `error` values).
_START_AGAIN = "Start again from the install page."
REASONS = {
    "invalid_browser": (
        "This install link was not started in this browser, or it was already used. " + _START_AGAIN
    ),
    "invalid_state": "This install link has expired or was already used. " + _START_AGAIN,
    "missing_code": "Slack did not send the installation code. " + _START_AGAIN,
    "invalid_code": (
        "Slack did not confirm the installation (the code was refused, or Slack could not be "
        "reached). " + _START_AGAIN
    ),
    "access_denied": "The installation was cancelled in Slack; nothing was installed.",
    "storage_error": "Standpoint could not save the installation. Please try again shortly.",
}
# A refused or replayed link is the installer's to retry (4xx); a failed save is ours (503).
STATUS = {"access_denied": 200, "storage_error": 503}


def callback_options(*, install_path: str, state_utils: OAuthStateUtils) -> CallbackOptions:
    """Bolt's success and failure handlers, rendering these pages (and ending the state
    cookie either way: a link is used once)."""

    def success(args: SuccessArgs) -> BoltResponse:
        installation = args.installation
        where = installation.enterprise_name if installation.is_enterprise_install else None
        where = where or installation.team_name or installation.team_id or "your workspace"
        team = installation.team_id or installation.enterprise_id or ""
        app_link = f"slack://app?team={quote(team)}&id={quote(installation.app_id or '')}"
        body = (
            f"<p>Standpoint is installed in <strong>{html.escape(where)}</strong>.</p>"
            "<p>In any channel, try <code>/stance help</code>.</p>"
            f'<p><a href="{html.escape(app_link)}">Open Slack</a></p>'
        )
        return _page(state_utils, 200, "Standpoint is installed", body)

    def failure(args: FailureArgs) -> BoltResponse:
        reason = args.reason
        said = REASONS.get(reason)
        if said is None:  # Slack's own `error` value: shown, escaped, never trusted
            said = f"Slack reported “{reason[:100]}”. " + _START_AGAIN
        log.warning("install failed: reason=%r", reason[:100])
        body = (
            f"<p>{html.escape(said)}</p>"
            f'<p><a href="{html.escape(install_path)}">Install Standpoint</a></p>'
        )
        return _page(state_utils, STATUS.get(reason, 400), "Standpoint was not installed", body)

    return CallbackOptions(success=success, failure=failure)


def _page(state_utils: OAuthStateUtils, status: int, title: str, body: str) -> BoltResponse:
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head>"
        f"<body><h1>{html.escape(title)}</h1>{body}</body></html>"
    )
    return BoltResponse(
        status=status,
        body=page,
        headers={
            "Content-Type": "text/html; charset=utf-8",
            "Set-Cookie": state_utils.build_set_cookie_for_deletion(),
            "Cache-Control": "no-store",
            "Content-Security-Policy": "default-src 'none'",
        },
    )
