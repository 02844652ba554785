"""A multi-workspace `standpoint serve` (install by OAuth) over real HTTP, on the fake Slack.

The server's port is known before the bot is built, so STANDPOINT_PUBLIC_URL is the server's
own address and Bolt sends a redirect_uri, as a deployment with a public URL does.
"""

import html
import http.client
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlalchemy import Engine, text

from bot.settings.model import Settings
from handlers.serving.server import create_http_server, make_wsgi_app, stop_http_server
from handlers.slack.install.crypto import TokenCipher
from handlers.slack.runtime import RunningSlack, start_slack
from store import make_engine
from tests.fakes import signing
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.slack_oauth import CLIENT_ID, CLIENT_SECRET, Workspace
from tests.handlers.slack.conftest import EVENTS, SIGNING_SECRET, Reply

# Test values: two Fernet keys (the second stands for "the new key" in rotation tests).
TOKEN_KEY = "PVaOaje1ejJ3yUBT2cKd0YG3EVD_3gpHLsNMW7O_Log="  # noqa: S105
NEW_TOKEN_KEY = "4ncm-xiF40KLhwu8SSHVeiz865BFx-191H98vG-Jnls="  # noqa: S105
STATE_COOKIE = "slack-app-oauth-state"
NEWSROOM = Workspace()
OTHER = Workspace(
    team_id="T0OTHERDESK",
    team_name="Other Desk",
    installer="U0OTHERADMIN",
    bot_user_id="U0BOTOTHER",
    bot_id="B0BOTOTHER",
    domain="otherdesk",
)
GRID = Workspace(
    team_id=None,
    team_name=None,
    enterprise_id="E0MEDIAGROUP",
    enterprise_name="Media Group",
    org_wide=True,
    installer="U0ORGADMIN",
    bot_user_id="U0BOTGRID",
    bot_id="B0BOTGRID",
    domain="mediagroup",
)


@dataclass
class Page:
    """A browser's view of one response (redirects are not followed)."""

    status: int
    text: str
    headers: list[tuple[str, str]]

    def header(self, name: str) -> str | None:
        """The first header called `name` (any case)."""
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


def get(url: str, *, cookie: str | None = None) -> Page:
    """GET `url` as a browser would, with `cookie` if given."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.netloc, timeout=15)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        return Page(response.status, response.read().decode("utf-8"), response.getheaders())
    finally:
        conn.close()


@dataclass
class InstallServer:
    """The running multi-workspace bot; `slack` is the fake Slack it installs through."""

    url: str
    slack: FakeSlackApi
    running: RunningSlack
    engine: Engine

    def start_install(self, path: str = "/slack/install") -> tuple[str, str]:
        """Open the install page: (the state cookie it set, the Add to Slack link)."""
        page = get(self.url + path)
        assert page.status == 200, page.text
        cookie = (page.header("Set-Cookie") or "").split(";")[0]
        assert cookie.startswith(f"{STATE_COOKIE}="), page.headers
        found = re.search(r'<a href="([^"]+)"><img alt="Add to Slack"', page.text)
        assert found, page.text
        return cookie, html.unescape(found.group(1))

    def approve(self, link: str, as_workspace: Workspace | None = NEWSROOM) -> str:
        """Slack's authorize page: approved as `as_workspace` (None: cancelled); the URL
        Slack redirects the browser to."""
        self.slack.oauth.installer = as_workspace
        answer = get(link)
        assert answer.status == 302, answer.text
        location = answer.header("Location")
        assert location is not None
        return location

    def install(self, workspace: Workspace | None = NEWSROOM) -> Page:
        """The whole flow, as one browser: install page, Slack, back to the redirect URL."""
        cookie, link = self.start_install()
        return get(self.approve(link, workspace), cookie=cookie)

    def send(self, body: str) -> Reply:
        """POST a signed body to /slack/events."""
        status, reply, _ = signing.post(self.url + EVENTS, body, signing.sign(SIGNING_SECRET, body))
        return Reply(status, reply)

    def cipher(self, key: str = TOKEN_KEY) -> TokenCipher:
        """A cipher with one key, to read what the database holds."""
        return TokenCipher([key])


def multi_settings(db_url: str, fake: FakeSlackApi, url: str, **overrides: Any) -> Settings:
    """Settings for multi-workspace mode, on the fake Slack."""
    fields: dict[str, Any] = {
        "database_url": db_url,
        "slack_client_id": CLIENT_ID,
        "slack_client_secret": CLIENT_SECRET,
        "slack_signing_secret": SIGNING_SECRET,
        "slack_api_url": fake.api_url,
        "token_key": TOKEN_KEY,
        "public_url": url,
        **overrides,
    }
    return Settings(_env_file=None, **fields)  # type: ignore[call-arg]


@contextmanager
def multi_workspace_bot(
    db_url: str, fake: FakeSlackApi, **overrides: Any
) -> Iterator[InstallServer]:
    """`standpoint serve` in multi-workspace mode on a free port."""
    wsgi_app: list[Any] = []
    server = create_http_server(
        lambda environ, start: wsgi_app[0](environ, start), host="127.0.0.1", port=0, threads=8
    )
    url = f"http://127.0.0.1:{server.effective_port}"
    settings = multi_settings(db_url, fake, url, **overrides)
    engine = make_engine(settings.database_url)
    running = start_slack(settings=settings, engine=engine, socket_mode=False)
    wsgi_app.append(
        make_wsgi_app(bolt_app=running.app, engine=engine, signing_secret=SIGNING_SECRET)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield InstallServer(url=url, slack=fake, running=running, engine=engine)
    finally:
        stop_http_server(server, thread)
        running.deps.worker.shutdown(wait=True)
        engine.dispose()


@pytest.fixture
def multi_bot(db_url: str, fake_slack: FakeSlackApi) -> Iterator[InstallServer]:
    """The multi-workspace bot on the seeded test database."""
    with multi_workspace_bot(db_url, fake_slack) as server:
        yield server


def rows(engine: Engine, table: str) -> list[dict[str, Any]]:
    """Every row of `table`, as the database holds it (no decryption)."""
    with engine.connect() as conn:
        result = conn.execute(text(f"SELECT * FROM {table} ORDER BY id"))
        return [dict(row) for row in result.mappings()]
