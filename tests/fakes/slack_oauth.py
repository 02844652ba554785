"""The OAuth side of the fake Slack: the authorize page, oauth.v2.access, and the tokens issued.

:class:`FakeOAuth` belongs to a :class:`tests.fakes.slack_api.FakeSlackApi` (``fake.oauth``).
It behaves as Slack does for an app distributed to several workspaces:

* ``GET /oauth/v2/authorize?client_id=…&scope=…&state=…[&redirect_uri=…]`` — the page where a
  person approves the install. The fake approves at once as :attr:`FakeOAuth.installer` (a
  :class:`Workspace`; ``None`` means the person clicks Cancel) and answers ``302`` to the
  redirect URL with ``code`` and ``state`` (or ``error=access_denied``), as Slack does.
* ``oauth.v2.access`` — exchanges a code once (client id and secret in HTTP Basic auth, the same
  ``redirect_uri`` as the authorize request) for a bot token, with ``team``, ``enterprise``,
  ``is_enterprise_install``, ``bot_user_id``, ``scope``, ``authed_user``; with
  :attr:`FakeOAuth.rotation` on, a rotating ``xoxe.xoxb-1-…`` token, ``refresh_token`` and
  ``expires_in``. With ``grant_type=refresh_token`` it issues a fresh token pair.
* ``auth.test`` answers for each issued token with its own workspace; a revoked token gets
  ``token_revoked`` and an expired one ``token_expired``, and a call with no token at all
  ``not_authed``, from every Web API method.
"""

from __future__ import annotations

import base64
import itertools
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

#: The pseudo method under which ``GET /oauth/v2/authorize`` is recorded.
AUTHORIZE_METHOD = "oauth.v2.authorize"
AUTHORIZE_PATH = "/oauth/v2/authorize"
CLIENT_ID = "1234567890123.9876543210987"
CLIENT_SECRET = "3f1c0a2b4d5e6f708192a3b4c5d6e7f8"  # noqa: S105  (a test value)
APP_ID = "A0STANDPOINT"
ROTATING_LIFETIME = 43_200  # Slack's: twelve hours


@dataclass(frozen=True)
class Workspace:
    """Who installs: a workspace, or (``org_wide``) an Enterprise Grid organization."""

    team_id: str | None = "T0NEWSROOM"
    team_name: str | None = "Newsroom"
    enterprise_id: str | None = None
    enterprise_name: str | None = None
    org_wide: bool = False
    installer: str = "U0INSTALLER"
    bot_user_id: str = "U0BOTNEWS"
    bot_id: str = "B0BOTNEWS"
    domain: str = "newsroom"


@dataclass
class _Grant:
    workspace: Workspace
    expires_at: float | None
    revoked: bool = False


class FakeOAuth:
    """The app's OAuth configuration and everything issued under it (thread-safe)."""

    def __init__(self) -> None:
        self.client_id = CLIENT_ID
        self.client_secret = CLIENT_SECRET
        self.app_id = APP_ID
        #: Token rotation (the manifest's ``token_rotation_enabled``).
        self.rotation = False
        self.expires_in = ROTATING_LIFETIME
        #: The app's configured redirect URL: used when a request names none, and the only
        #: one accepted when set.
        self.redirect_url: str | None = None
        #: Who approves the next install (None: the person clicks Cancel).
        self.installer: Workspace | None = Workspace()
        self._lock = threading.Lock()
        self._codes: dict[str, tuple[Workspace, str | None, str]] = {}
        self._tokens: dict[str, _Grant] = {}
        self._refresh: dict[str, tuple[Workspace, str]] = {}
        self._serial = itertools.count(1)

    # -- the authorize page ---------------------------------------------------------------

    def authorize(self, params: dict[str, Any]) -> tuple[int, dict[str, str], str]:
        """(status, headers, HTML body) for a browser's GET of the authorize page."""
        if params.get("client_id") != self.client_id:
            return 400, {}, "<p>Invalid client_id parameter</p>"
        asked = params.get("redirect_uri") or None
        redirect = asked or self.redirect_url
        if not redirect or (self.redirect_url and asked and asked != self.redirect_url):
            return 400, {}, "<p>redirect_uri did not match any configured URIs</p>"
        state = str(params.get("state", ""))
        with self._lock:
            installer = self.installer
            if installer is None:
                answer = {"error": "access_denied", "state": state}
            else:
                code = f"{int(time.time())}.{next(self._serial)}.{secrets.token_hex(16)}"
                self._codes[code] = (installer, asked, str(params.get("scope", "")))
                answer = {"code": code, "state": state}
        separator = "&" if "?" in redirect else "?"
        return 302, {"Location": f"{redirect}{separator}{urlencode(answer)}"}, ""

    # -- oauth.v2.access ------------------------------------------------------------------

    def access(self, params: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
        """oauth.v2.access: a code exchanged once, or a refresh token for a new token pair."""
        client = _basic_auth(headers.get("authorization", ""))
        if client is None or client[0] != self.client_id:
            return {"ok": False, "error": "invalid_client_id"}
        if client[1] != self.client_secret:
            return {"ok": False, "error": "bad_client_secret"}
        if params.get("grant_type") == "refresh_token":
            return self._refreshed(str(params.get("refresh_token", "")))
        with self._lock:
            found = self._codes.pop(str(params.get("code", "")), None)
        if found is None:
            return {"ok": False, "error": "invalid_code"}
        workspace, asked, scope = found
        if (params.get("redirect_uri") or None) != asked:
            return {"ok": False, "error": "bad_redirect_uri"}
        return {
            "ok": True,
            "app_id": self.app_id,
            "authed_user": {"id": workspace.installer},
            "scope": scope,
            "token_type": "bot",
            "bot_user_id": workspace.bot_user_id,
            "team": _team(workspace),
            "enterprise": _enterprise(workspace),
            "is_enterprise_install": workspace.org_wide,
            **self._issue(workspace, scope=scope),
        }

    def _refreshed(self, refresh_token: str) -> dict[str, Any]:
        with self._lock:
            found = self._refresh.pop(refresh_token, None)
        if found is None:
            return {"ok": False, "error": "invalid_refresh_token"}
        workspace, scope = found
        return {
            "ok": True,
            "app_id": self.app_id,
            "token_type": "bot",
            "scope": scope,
            "bot_user_id": workspace.bot_user_id,
            "team": _team(workspace),
            "enterprise": _enterprise(workspace),
            "is_enterprise_install": workspace.org_wide,
            **self._issue(workspace, scope=scope, rotating=True),
        }

    def _issue(
        self, workspace: Workspace, *, scope: str, rotating: bool | None = None
    ) -> dict[str, Any]:
        rotating = self.rotation if rotating is None else rotating
        serial = next(self._serial)
        if rotating:
            token = "xoxe.xoxb-1-" + _random(96)  # a rotating token is ~140 characters
            refresh = "xoxe-1-" + _random(108)
            fields: dict[str, Any] = {"access_token": token, "refresh_token": refresh}
            fields["expires_in"] = self.expires_in
        else:
            token = f"xoxb-{serial:011d}-{serial * 7919:013d}-{secrets.token_hex(12)}"
            fields = {"access_token": token}
        with self._lock:
            expires = time.time() + self.expires_in if rotating else None
            self._tokens[token] = _Grant(workspace, expires)
            if rotating:
                self._refresh[fields["refresh_token"]] = (workspace, scope)
        return fields

    # -- tokens in use --------------------------------------------------------------------

    def refusal(self, method: str, headers: dict[str, str]) -> dict[str, Any] | None:
        """Slack's error for a Web API call made with no token, or a revoked or expired one."""
        if method == "oauth.v2.access":
            return None  # the one method that takes the app's credentials, not a token
        if not headers.get("authorization"):
            return {"ok": False, "error": "not_authed"}
        grant = self._grant(headers)
        if grant is None:
            return None
        if grant.revoked:
            return {"ok": False, "error": "token_revoked"}
        if grant.expires_at is not None and grant.expires_at <= time.time():
            return {"ok": False, "error": "token_expired"}
        return None

    def auth_test(self, headers: dict[str, str]) -> dict[str, Any] | None:
        """auth.test for a token this fake issued (None: not one of ours)."""
        grant = self._grant(headers)
        if grant is None:
            return None
        w = grant.workspace
        host = f"{w.domain}.enterprise" if w.org_wide else w.domain
        answer: dict[str, Any] = {
            "ok": True,
            "url": f"https://{host}.slack.com/",
            "team": w.enterprise_name if w.org_wide else w.team_name,
            "user": "standpoint",
            "team_id": w.enterprise_id if w.org_wide else w.team_id,
            "user_id": w.bot_user_id,
            "bot_id": w.bot_id,
            "is_enterprise_install": w.org_wide,
        }
        if w.enterprise_id:
            answer["enterprise_id"] = w.enterprise_id
        return answer

    def revoke(self, *, team_id: str | None = None, enterprise_id: str | None = None) -> None:
        """Revoke every token issued to a workspace or organization (an uninstall)."""
        with self._lock:
            for grant in self._tokens.values():
                w = grant.workspace
                if (team_id and w.team_id == team_id) or (
                    enterprise_id and w.enterprise_id == enterprise_id
                ):
                    grant.revoked = True

    def tokens_for(self, team_id: str | None = None, enterprise_id: str | None = None) -> list[str]:
        """Every token issued to a workspace (or organization), oldest first."""
        with self._lock:
            return [
                token
                for token, grant in self._tokens.items()
                if (team_id and grant.workspace.team_id == team_id)
                or (enterprise_id and grant.workspace.enterprise_id == enterprise_id)
            ]

    def _grant(self, headers: dict[str, str]) -> _Grant | None:
        token = headers.get("authorization", "").removeprefix("Bearer ").strip()
        with self._lock:
            return self._tokens.get(token)


def _team(workspace: Workspace) -> dict[str, Any] | None:
    if workspace.org_wide or not workspace.team_id:
        return None  # an org-wide install has no team, only the enterprise
    return {"id": workspace.team_id, "name": workspace.team_name}


def _enterprise(workspace: Workspace) -> dict[str, Any] | None:
    if not workspace.enterprise_id:
        return None
    return {"id": workspace.enterprise_id, "name": workspace.enterprise_name}


def _basic_auth(header: str) -> tuple[str, str] | None:
    if not header.startswith("Basic "):
        return None
    try:
        decoded = base64.b64decode(header.removeprefix("Basic ")).decode("utf-8")
    except ValueError:
        return None
    client_id, _, secret = decoded.partition(":")
    return client_id, secret


def _random(length: int) -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(length)).decode("ascii").rstrip("=")
