"""The real Bolt app behind the real HTTP server, talking to a fake Slack Web API."""

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest

from bot.settings.model import Settings
from handlers.serving.server import create_http_server, make_wsgi_app, stop_http_server
from handlers.slack.runtime import RunningSlack, start_slack
from store import make_engine
from tests.fakes import signing
from tests.fakes.openai_api import FakeOpenAI
from tests.fakes.slack_api import FakeSlackApi

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"  # noqa: S105  (test value)
BOT_TOKEN = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy"  # noqa: S105
EVENTS = "/slack/events"


@dataclass
class Reply:
    status: int
    text: str

    @property
    def json(self) -> Any:
        return json.loads(self.text) if self.text else None


@dataclass
class BotServer:
    """The running bot: send it signed Slack requests, see what it did in `slack`."""

    url: str
    slack: FakeSlackApi
    running: RunningSlack
    secret: str = SIGNING_SECRET

    def send(self, body: str | bytes, headers: dict[str, str] | None = None) -> Reply:
        """POST `body` to /slack/events, signed unless `headers` are given."""
        status, text, _ = signing.post(
            self.url + EVENTS,
            body,
            headers if headers is not None else signing.sign(self.secret, body),
        )
        return Reply(status, text)

    def command(self, text: str, **fields: Any) -> Reply:
        """A signed `/stance <text>` from the desk channel."""
        fields.setdefault("response_url", self.slack.response_url("cmd"))
        return self.send(signing.slash_command(text, **fields))

    def click(self, *, action_id: str, value: str, **fields: Any) -> Reply:
        """A signed block_actions click."""
        fields.setdefault("response_url", self.slack.response_url("action"))
        return self.send(signing.block_actions(action_id=action_id, value=value, **fields))

    def submit(self, *, callback_id: str, values: dict[str, Any], **fields: Any) -> Reply:
        """A signed view_submission."""
        return self.send(
            signing.view_submission(callback_id=callback_id, state_values=values, **fields)
        )

    def event(self, event: dict[str, Any], **fields: Any) -> Reply:
        """A signed Events API delivery."""
        return self.send(signing.event(event, **fields))


@pytest.fixture
def fake_slack() -> Iterator[FakeSlackApi]:
    """A fake Slack Web API on 127.0.0.1, recording every call."""
    with FakeSlackApi() as fake:
        yield fake


def slack_settings(db_url: str, fake: FakeSlackApi, **overrides: Any) -> Settings:
    """Settings for the bot under test, pointed at the fake Web API."""
    fields: dict[str, Any] = {
        "database_url": db_url,
        "slack_bot_token": BOT_TOKEN,
        "slack_signing_secret": SIGNING_SECRET,
        "slack_api_url": fake.api_url,
        **overrides,
    }
    return Settings(_env_file=None, **fields)  # type: ignore[call-arg]


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    """Extra settings for the bot; override the fixture in a test module to change them."""
    return {}


@contextmanager
def running_bot(db_url: str, fake: FakeSlackApi, **overrides: Any) -> Iterator[BotServer]:
    """One `standpoint serve` HTTP stack on a free port (start two for two replicas)."""
    settings = slack_settings(db_url, fake, **overrides)
    engine = make_engine(settings.database_url)
    running = start_slack(settings=settings, engine=engine, socket_mode=False)
    wsgi = make_wsgi_app(
        bolt_app=running.app, engine=engine, signing_secret=SIGNING_SECRET, metrics=running.metrics
    )
    server = create_http_server(wsgi, host="127.0.0.1", port=0, threads=settings.http_threads)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield BotServer(
            url=f"http://127.0.0.1:{server.effective_port}", slack=fake, running=running
        )
    finally:
        stop_http_server(server, thread)
        running.deps.worker.shutdown(wait=True)
        engine.dispose()
        assert not thread.is_alive()


@pytest.fixture
def bot(
    db_url: str, fake_slack: FakeSlackApi, bot_overrides: dict[str, Any]
) -> Iterator[BotServer]:
    """`standpoint serve`'s HTTP stack on a free port, on the seeded test database."""
    with running_bot(db_url, fake_slack, **bot_overrides) as server:
        yield server


@pytest.fixture
def fake_llm() -> Iterator[FakeOpenAI]:
    """A local OpenAI-compatible server the test scripts."""
    with FakeOpenAI() as fake:
        yield fake


def llm_settings(fake: FakeOpenAI, **more: Any) -> dict[str, Any]:
    """Bot settings that send LLM calls to `fake`, failing fast (no retries)."""
    return {
        "openai_api_key": "sk-test-000000000000000000",
        "openai_base_url": fake.base_url,
        "model": "fake-model",
        "llm_retries": 0,
        "llm_timeout": 2,
        **more,
    }
