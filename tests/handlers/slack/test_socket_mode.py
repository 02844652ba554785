"""Socket Mode: the same Bolt app answering over a real WebSocket to a fake Slack."""

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from handlers.serving.server import socket_mode_handler
from handlers.slack.runtime import start_slack
from tests.fakes import signing
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.socket_mode import FakeSocketModeServer
from tests.handlers.slack.conftest import slack_settings

APP_TOKEN = "xapp-1-A0STANDPOINT-1234-abcdef"  # noqa: S105  (test value)


@pytest.fixture
def socket_server(fake_slack: FakeSlackApi) -> Iterator[FakeSocketModeServer]:
    """A fake Socket Mode endpoint that apps.connections.open hands out."""
    with FakeSocketModeServer() as server:
        fake_slack.set_socket_mode_url(server.url)
        yield server


def test_a_slash_command_over_socket_mode_gets_the_same_answer(
    engine: Engine, db_url: str, fake_slack: FakeSlackApi, socket_server: FakeSocketModeServer
) -> None:
    settings = slack_settings(
        db_url, fake_slack, slack_app_token=APP_TOKEN, slack_signing_secret=None
    )
    running = start_slack(settings=settings, engine=engine, socket_mode=True)
    handler = socket_mode_handler(running.app, app_token=APP_TOKEN)
    handler.connect()
    try:
        socket_server.wait_connected()
        payload = signing.slash_command_fields(
            "putin on ceasefire", response_url=fake_slack.response_url()
        )
        envelope = socket_server.send_envelope("slash_commands", payload)
        ack = socket_server.wait_for_ack(envelope)
    finally:
        # Bolt's handler.close() can stall 10 s in websocket-client; the fake closes at once.
        socket_server.close_client(handler.client)
        running.deps.worker.shutdown(wait=True)
    assert ack["payload"]["response_type"] == "ephemeral"
    assert "Conditional support" in json.dumps(ack["payload"]["blocks"])
    assert ack["payload"]["blocks"][-1]["elements"][0]["action_id"] == "share_answer"
    opened = fake_slack.calls_to("apps.connections.open")
    assert opened
    assert opened[0].headers["authorization"] == f"Bearer {APP_TOKEN}"
