"""Signed Slack requests: the exact bodies Slack POSTs to an app, and their signatures.

Build a body (``slash_command``, ``block_actions``, ``view_submission``, ``event``), sign it with
the app's signing secret, and POST it to the app's real HTTP endpoint::

    body = slash_command("who said tax", response_url=slack.response_url())
    status, text, headers = post(app_url, body, sign(SECRET, body))

The ``*_payload`` / ``*_fields`` builders return the same content as Python objects: that is
what Socket Mode delivers as an envelope's ``payload``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlencode

__all__ = [
    "app_home_opened",
    "block_actions",
    "block_actions_payload",
    "event",
    "event_payload",
    "post",
    "sign",
    "slash_command",
    "slash_command_fields",
    "static_select",
    "text_input",
    "url_verification",
    "view_submission",
    "view_submission_payload",
]

#: Slack still sends the deprecated verification token; Bolt ignores it.
LEGACY_TOKEN = "legacy-token-unused"  # noqa: S105 - a fixed placeholder, not a credential
DEFAULT_TRIGGER_ID = "13345224609.738474920.8088930838d88f008e0"
TEAM_DOMAIN = "fake-newsroom"


def sign(secret: str, body: str | bytes, timestamp: int | None = None) -> dict[str, str]:
    """Slack's request-signing headers for ``body``, plus its ``Content-Type``.

    ``X-Slack-Signature`` is ``"v0=" + hex(HMAC-SHA256(secret, f"v0:{timestamp}:{body}"))``
    over the body's bytes (a ``str`` is sent as UTF-8; ``bytes`` are signed as they are, so
    malformed bodies can be signed too); ``timestamp`` defaults to now (requests more than
    five minutes off are refused).
    """
    ts = int(time.time()) if timestamp is None else timestamp
    raw = body.encode("utf-8") if isinstance(body, str) else body
    digest = hmac.new(
        secret.encode("utf-8"), f"v0:{ts}:".encode() + raw, hashlib.sha256
    ).hexdigest()
    content_type = (
        "application/json" if raw.lstrip().startswith(b"{") else "application/x-www-form-urlencoded"
    )
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": str(ts),
        "X-Slack-Signature": f"v0={digest}",
    }


def _now_ts() -> str:
    """A Slack-style ``seconds.micros`` timestamp for now."""
    return f"{time.time():.6f}"


# -- slash commands ---------------------------------------------------------------------------


def slash_command_fields(
    text: str,
    *,
    response_url: str,
    user_id: str = "U0REPORTER",
    user_name: str = "reporter",
    channel_id: str = "C0DESK",
    channel_name: str = "desk",
    team_id: str = "T0FAKE",
    team_domain: str = TEAM_DOMAIN,
    api_app_id: str = "A0STANDPOINT",
    command: str = "/stance",
    trigger_id: str = DEFAULT_TRIGGER_ID,
) -> dict[str, str]:
    """A slash command's fields, in Slack's order (the Socket Mode ``slash_commands`` payload)."""
    return {
        "token": LEGACY_TOKEN,
        "team_id": team_id,
        "team_domain": team_domain,
        "channel_id": channel_id,
        "channel_name": channel_name,
        "user_id": user_id,
        "user_name": user_name,
        "command": command,
        "text": text,
        "api_app_id": api_app_id,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": trigger_id,
    }


def slash_command(
    text: str,
    *,
    response_url: str,
    user_id: str = "U0REPORTER",
    user_name: str = "reporter",
    channel_id: str = "C0DESK",
    channel_name: str = "desk",
    team_id: str = "T0FAKE",
    team_domain: str = TEAM_DOMAIN,
    api_app_id: str = "A0STANDPOINT",
    command: str = "/stance",
    trigger_id: str = DEFAULT_TRIGGER_ID,
) -> str:
    """The form-urlencoded body Slack POSTs for a slash command."""
    return urlencode(
        slash_command_fields(
            text,
            response_url=response_url,
            user_id=user_id,
            user_name=user_name,
            channel_id=channel_id,
            channel_name=channel_name,
            team_id=team_id,
            team_domain=team_domain,
            api_app_id=api_app_id,
            command=command,
            trigger_id=trigger_id,
        )
    )


# -- interactivity ----------------------------------------------------------------------------


def _user(user_id: str, user_name: str, team_id: str) -> dict[str, str]:
    return {"id": user_id, "username": user_name, "name": user_name, "team_id": team_id}


def _form_payload(payload: dict[str, Any]) -> str:
    """Interactive requests arrive as a form with one field, ``payload``, holding JSON."""
    return urlencode({"payload": json.dumps(payload, separators=(",", ":"))})


def block_actions_payload(
    *,
    action_id: str,
    value: str,
    response_url: str,
    user_id: str = "U0REPORTER",
    user_name: str = "reporter",
    channel_id: str = "C0DESK",
    channel_name: str = "desk",
    team_id: str = "T0FAKE",
    api_app_id: str = "A0STANDPOINT",
    trigger_id: str = DEFAULT_TRIGGER_ID,
    container: dict[str, Any] | None = None,
    message: dict[str, Any] | None = None,
    block_id: str = "b",
    action_text: str = "Button",
    element: str = "button",
) -> dict[str, Any]:
    """A ``block_actions`` payload for a button click (the Socket Mode ``interactive`` payload).

    The default container is the ephemeral message ``1.2`` in ``channel_id``; when ``message``
    is given it is a regular (non-ephemeral) message at ``message["ts"]``, as Slack only sends
    ``message`` for messages that are not ephemeral.
    """
    if container is None:
        container = {
            "type": "message",
            "message_ts": str(message.get("ts", "1.2")) if message else "1.2",
            "channel_id": channel_id,
            "is_ephemeral": message is None,
        }
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": _user(user_id, user_name, team_id),
        "api_app_id": api_app_id,
        "token": LEGACY_TOKEN,
        "container": container,
        "trigger_id": trigger_id,
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "enterprise": None,
        "is_enterprise_install": False,
        "channel": {"id": channel_id, "name": channel_name},
        "state": {"values": {}},
        "response_url": response_url,
        "actions": [_action(element, action_id, block_id, action_text, value)],
    }
    if message is not None:
        payload["message"] = message
    return payload


def _action(element: str, action_id: str, block_id: str, text: str, value: str) -> dict[str, Any]:
    """A clicked button, or an option chosen in a static_select menu, as Slack sends it."""
    label = {"type": "plain_text", "text": text, "emoji": True}
    if element == "static_select":
        return {
            "type": "static_select",
            "action_id": action_id,
            "block_id": block_id,
            "selected_option": {"text": label, "value": value},
            "action_ts": _now_ts(),
        }
    return {
        "type": "button",
        "action_id": action_id,
        "block_id": block_id,
        "text": label,
        "value": value,
        "action_ts": _now_ts(),
    }


def block_actions(
    *,
    action_id: str,
    value: str,
    response_url: str,
    user_id: str = "U0REPORTER",
    user_name: str = "reporter",
    channel_id: str = "C0DESK",
    channel_name: str = "desk",
    team_id: str = "T0FAKE",
    api_app_id: str = "A0STANDPOINT",
    trigger_id: str = DEFAULT_TRIGGER_ID,
    container: dict[str, Any] | None = None,
    message: dict[str, Any] | None = None,
    block_id: str = "b",
    action_text: str = "Button",
    element: str = "button",
) -> str:
    """The form body (``payload=<json>``) Slack POSTs when a user clicks a button."""
    return _form_payload(
        block_actions_payload(
            action_id=action_id,
            value=value,
            response_url=response_url,
            user_id=user_id,
            user_name=user_name,
            channel_id=channel_id,
            channel_name=channel_name,
            team_id=team_id,
            api_app_id=api_app_id,
            trigger_id=trigger_id,
            container=container,
            message=message,
            block_id=block_id,
            action_text=action_text,
            element=element,
        )
    )


def message_action_payload(
    *,
    callback_id: str,
    text: str,
    response_url: str,
    user_id: str = "U0REPORTER",
    user_name: str = "reporter",
    channel_id: str = "C0DESK",
    channel_name: str = "desk",
    team_id: str = "T0FAKE",
    trigger_id: str = DEFAULT_TRIGGER_ID,
    author_id: str = "U0WIRE",
    message_ts: str = "1700000000.000100",
) -> dict[str, Any]:
    """A ``message_action`` payload: a message shortcut used on a message holding `text`."""
    return {
        "type": "message_action",
        "token": LEGACY_TOKEN,
        "action_ts": _now_ts(),
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "user": _user(user_id, user_name, team_id),
        "channel": {"id": channel_id, "name": channel_name},
        "is_enterprise_install": False,
        "enterprise": None,
        "callback_id": callback_id,
        "trigger_id": trigger_id,
        "response_url": response_url,
        "message_ts": message_ts,
        "message": {"type": "message", "user": author_id, "ts": message_ts, "text": text},
    }


def message_action(*, callback_id: str, text: str, response_url: str, **fields: Any) -> str:
    """The form body Slack POSTs when a user picks a message shortcut."""
    return _form_payload(
        message_action_payload(
            callback_id=callback_id, text=text, response_url=response_url, **fields
        )
    )


def text_input(value: str | None) -> dict[str, Any]:
    """A ``plain_text_input`` element's state, for ``state_values[block_id][action_id]``."""
    return {"type": "plain_text_input", "value": value}


def static_select(value: str | None, text: str | None = None) -> dict[str, Any]:
    """A ``static_select`` element's state (``selected_option`` is null when nothing chosen)."""
    option = (
        None
        if value is None
        else {
            "text": {"type": "plain_text", "text": text or value, "emoji": True},
            "value": value,
        }
    )
    return {"type": "static_select", "selected_option": option}


def view_submission_payload(
    *,
    callback_id: str,
    state_values: dict[str, dict[str, dict[str, Any]]],
    private_metadata: str = "",
    user_id: str = "U0REPORTER",
    user_name: str = "reporter",
    team_id: str = "T0FAKE",
    api_app_id: str = "A0STANDPOINT",
    view_id: str = "V0MODAL",
    trigger_id: str = DEFAULT_TRIGGER_ID,
    blocks: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A ``view_submission`` payload (the Socket Mode ``interactive`` payload).

    ``state_values[block_id][action_id]`` is an element state such as :func:`text_input`.
    """
    return {
        "type": "view_submission",
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "user": _user(user_id, user_name, team_id),
        "api_app_id": api_app_id,
        "token": LEGACY_TOKEN,
        "trigger_id": trigger_id,
        "view": {
            "id": view_id,
            "team_id": team_id,
            "type": "modal",
            "blocks": blocks or [],
            "private_metadata": private_metadata,
            "callback_id": callback_id,
            "state": {"values": state_values},
            "hash": "1700000000.fakehash",
            "title": {"type": "plain_text", "text": "Standpoint", "emoji": True},
            "clear_on_close": False,
            "notify_on_close": False,
            "close": None,
            "submit": {"type": "plain_text", "text": "Submit", "emoji": True},
            "previous_view_id": None,
            "root_view_id": view_id,
            "app_id": api_app_id,
            "external_id": "",
            "app_installed_team_id": team_id,
            "bot_id": "B0BOT",
        },
        "response_urls": [],
        "is_enterprise_install": False,
        "enterprise": None,
    }


def view_submission(
    *,
    callback_id: str,
    state_values: dict[str, dict[str, dict[str, Any]]],
    private_metadata: str = "",
    user_id: str = "U0REPORTER",
    user_name: str = "reporter",
    team_id: str = "T0FAKE",
    api_app_id: str = "A0STANDPOINT",
    view_id: str = "V0MODAL",
    trigger_id: str = DEFAULT_TRIGGER_ID,
    blocks: list[dict[str, Any]] | None = None,
) -> str:
    """The form body (``payload=<json>``) Slack POSTs when a user submits a modal."""
    return _form_payload(
        view_submission_payload(
            callback_id=callback_id,
            state_values=state_values,
            private_metadata=private_metadata,
            user_id=user_id,
            user_name=user_name,
            team_id=team_id,
            api_app_id=api_app_id,
            view_id=view_id,
            trigger_id=trigger_id,
            blocks=blocks,
        )
    )


# -- Events API -------------------------------------------------------------------------------


def event_payload(
    event: dict[str, Any],
    *,
    team_id: str = "T0FAKE",
    api_app_id: str = "A0STANDPOINT",
    event_id: str = "Ev0001",
    bot_user_id: str = "U0BOT",
) -> dict[str, Any]:
    """An ``event_callback`` envelope (the Socket Mode ``events_api`` payload)."""
    return {
        "token": LEGACY_TOKEN,
        "team_id": team_id,
        "api_app_id": api_app_id,
        "event": event,
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": team_id,
                "user_id": bot_user_id,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": f"4-fake-{event_id}",
    }


def event(
    event: dict[str, Any],
    *,
    team_id: str = "T0FAKE",
    api_app_id: str = "A0STANDPOINT",
    event_id: str = "Ev0001",
    bot_user_id: str = "U0BOT",
) -> str:
    """The JSON body Slack POSTs to the Events API request URL."""
    return json.dumps(
        event_payload(
            event,
            team_id=team_id,
            api_app_id=api_app_id,
            event_id=event_id,
            bot_user_id=bot_user_id,
        )
    )


def app_home_opened(user_id: str = "U0REPORTER") -> dict[str, Any]:
    """An ``app_home_opened`` event for the Home tab, to wrap with :func:`event`."""
    return {
        "type": "app_home_opened",
        "user": user_id,
        "channel": "D0HOME",
        "tab": "home",
        "event_ts": _now_ts(),
    }


def url_verification(challenge: str = "fake-challenge") -> str:
    """The JSON body Slack POSTs once to verify an Events API request URL."""
    return json.dumps({"token": LEGACY_TOKEN, "challenge": challenge, "type": "url_verification"})


# -- HTTP -------------------------------------------------------------------------------------


def post(
    url: str, body: str | bytes, headers: dict[str, str], timeout: float = 10.0
) -> tuple[int, str, dict[str, str]]:
    """POST ``body`` (a ``str`` as UTF-8, ``bytes`` as they are) to ``url``.

    Returns ``(status, body text, headers)``, even for 4xx/5xx.
    """
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"not an HTTP URL: {url!r}")
    data = body.encode("utf-8") if isinstance(body, str) else body
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        url, data=data, headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read().decode("utf-8"), dict(response.headers)
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read().decode("utf-8"), dict(error.headers)
