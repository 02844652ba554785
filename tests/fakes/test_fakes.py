"""The fakes behave like Slack for the real slack_sdk (and Bolt) clients, over real sockets."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import parse_qs

import pytest
import websockets.sync.client
from slack_bolt import Ack, App, Say
from slack_bolt.adapter.socket_mode.websocket_client import (
    SocketModeHandler,
)
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.signature import SignatureVerifier
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse
from slack_sdk.socket_mode.websocket_client import SocketModeClient

from tests.fakes import signing
from tests.fakes.slack_api import FakeSlackApi, Scripted
from tests.fakes.socket_mode import FakeSocketModeServer

BLOCKS = [{"type": "section", "text": {"type": "mrkdwn", "text": "*Hi*"}}]
SECRET = "8f742231b10e8888abcd99yyyzzz85a5"  # noqa: S105 - Slack's documented example secret
BOT_TOKEN = "xoxb-test"  # noqa: S105 - fake tokens for the fake server
APP_TOKEN = "xapp-test"  # noqa: S105


@pytest.fixture
def slack() -> Iterator[FakeSlackApi]:
    """A running fake Web API."""
    with FakeSlackApi() as fake:
        yield fake


@pytest.fixture
def client(slack: FakeSlackApi) -> WebClient:
    """A real WebClient aimed at the fake, without retries."""
    return WebClient(token=BOT_TOKEN, base_url=slack.api_url, retry_handlers=[])


# -- Web API ----------------------------------------------------------------------------------


def test_post_message_sent_as_json_is_recorded_with_its_blocks(
    slack: FakeSlackApi, client: WebClient
) -> None:
    response = client.chat_postMessage(channel="C1", text="hi", blocks=BLOCKS)

    [call] = slack.calls_to("chat.postMessage")
    assert call.params == {"channel": "C1", "text": "hi", "blocks": BLOCKS}
    assert call.headers["content-type"].startswith("application/json")
    assert call.headers["authorization"] == "Bearer xoxb-test"
    assert response["channel"] == "C1"
    assert response["message"] == {
        "type": "message",
        "user": "U0BOT",
        "bot_id": "B0BOT",
        "text": "hi",
        "blocks": BLOCKS,
        "ts": response["ts"],
    }


def test_blocks_sent_as_a_json_string_in_form_data_are_decoded(
    slack: FakeSlackApi, client: WebClient
) -> None:
    client.api_call(
        "chat.postMessage",
        params={"channel": "C1", "blocks": json.dumps(BLOCKS), "text": "[1]"},
    )

    [call] = slack.calls_to("chat.postMessage")
    assert call.headers["content-type"] == "application/x-www-form-urlencoded"
    assert call.params == {"channel": "C1", "blocks": BLOCKS, "text": "[1]"}


def test_message_timestamps_are_unique_and_increasing(client: WebClient) -> None:
    stamps = [client.chat_postMessage(channel="C1", text=str(n))["ts"] for n in range(3)]

    assert stamps == sorted(stamps, key=float)
    assert len(set(stamps)) == 3
    assert stamps[0] == "1700000000.000100"


def test_views_open_records_the_view_and_answers_with_an_id(
    slack: FakeSlackApi, client: WebClient
) -> None:
    view = {"type": "modal", "callback_id": "add", "title": {"type": "plain_text", "text": "Add"}}

    response = client.views_open(trigger_id="123.456", view=view)

    [call] = slack.calls_to("views.open")
    assert call.params == {"trigger_id": "123.456", "view": view}
    assert response["view"]["id"].startswith("V")
    assert response["view"]["callback_id"] == "add"


def test_default_answers(slack: FakeSlackApi, client: WebClient) -> None:
    assert client.auth_test()["user_id"] == "U0BOT"
    assert client.conversations_info(channel="C9")["channel"]["id"] == "C9"
    assert client.usergroups_users_list(usergroup="S1")["users"] == []
    assert client.chat_postEphemeral(channel="C1", user="U1", text="x")["message_ts"]
    updated = client.chat_update(channel="C1", ts="1.2", text="new")
    assert (updated["channel"], updated["ts"], updated["text"]) == ("C1", "1.2", "new")
    assert client.views_update(view_id="V7", view={"type": "modal"})["view"]["id"] == "V7"
    assert client.reactions_add(channel="C1", timestamp="1.2", name="eyes")["ok"] is True
    # slack_sdk labels these two GET, but WebClient POSTs them as form data.
    assert slack.calls_to("conversations.info")[0].params == {"channel": "C9"}
    assert slack.calls_to("usergroups.users.list")[0].params == {"usergroup": "S1"}


def test_files_upload_v2_into_a_dm_keeps_the_bytes(slack: FakeSlackApi, client: WebClient) -> None:
    dm = client.conversations_open(users="U0REPORTER")["channel"]["id"]
    data = "a,b\r\n=1,“é”\r\n".encode()
    done = client.files_upload_v2(channel=dm, content=data, filename="x.csv", title="X")
    [asked] = slack.calls_to("files.getUploadURLExternal")
    [upload] = slack.calls_to("file_upload")
    [complete] = slack.calls_to("files.completeUploadExternal")
    assert dm == "D0REPORTER"
    assert (asked.params["filename"], asked.params["length"]) == ("x.csv", str(len(data)))
    assert upload.params["_bytes"] == data == slack.uploaded(upload.params["file_id"])
    assert complete.params["channel_id"] == dm
    assert complete.params["files"] == [{"id": upload.params["file_id"], "title": "X"}]
    assert done["file"] == {"id": upload.params["file_id"], "title": "X", "size": len(data)}


def test_apps_connections_open_without_a_socket_mode_url_is_an_error(client: WebClient) -> None:
    with pytest.raises(SlackApiError) as raised:
        client.apps_connections_open(app_token=APP_TOKEN)

    assert raised.value.response["error"] == "fake_socket_mode_url_not_set"


def test_scripted_error_then_default(slack: FakeSlackApi, client: WebClient) -> None:
    slack.script("chat.postMessage", Scripted.error("not_in_channel"))

    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="C1", text="x")
    assert raised.value.response["error"] == "not_in_channel"
    assert client.chat_postMessage(channel="C1", text="x")["ok"] is True
    assert len(slack.calls_to("chat.postMessage")) == 2


def test_rate_limit_is_retried_after_retry_after(slack: FakeSlackApi) -> None:
    client = WebClient(
        token=BOT_TOKEN,
        base_url=slack.api_url,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)],
    )
    slack.script("chat.postMessage", Scripted.rate_limited(retry_after=1))

    response = client.chat_postMessage(channel="C1", text="x")

    assert response["ok"] is True
    first, second = slack.calls_to("chat.postMessage")
    assert second.at - first.at >= 0.95


def test_a_dropped_connection_raises_but_the_post_was_received(
    slack: FakeSlackApi, client: WebClient
) -> None:
    slack.script("chat.postMessage", Scripted(drop=True))

    with pytest.raises(ConnectionError):
        client.chat_postMessage(channel="C1", text="did it land?")

    [call] = slack.calls_to("chat.postMessage")
    assert call.params["text"] == "did it land?"


def test_a_slow_answer_is_late_and_times_a_client_out(slack: FakeSlackApi) -> None:
    slack.script("response_url", Scripted.slow(0.1), Scripted.slow(30))
    url = slack.response_url()
    started = time.monotonic()

    status, _, _ = signing.post(url, "{}", {"Content-Type": "application/json"})

    assert status == 200
    assert time.monotonic() - started >= 0.1
    with pytest.raises(TimeoutError):
        signing.post(url, "{}", {"Content-Type": "application/json"}, timeout=0.1)
    # The client gave up after 0.1 s; on a loaded machine the fake may record the request later.
    assert len(slack.wait_for("response_url", count=2)) == 2


def test_many_concurrent_calls_while_one_is_slow(slack: FakeSlackApi, client: WebClient) -> None:
    slack.script("views.open", Scripted.slow(30))
    slow = threading.Thread(target=client.views_open, kwargs={"trigger_id": "t", "view": {}})
    slow.start()
    slack.wait_for("views.open")

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(
            pool.map(lambda n: client.chat_postMessage(channel="C1", text=str(n)), range(40))
        )

    assert all(result["ok"] for result in results)
    assert len({result["ts"] for result in results}) == 40
    assert slow.is_alive()  # still waiting for its answer while the others were served
    slack.stop()  # ends scripted delays at once
    slow.join(timeout=5)
    assert not slow.is_alive()


def test_response_url_posts_are_recorded(slack: FakeSlackApi) -> None:
    url = slack.response_url()
    body = json.dumps({"response_type": "ephemeral", "text": "done", "replace_original": True})

    status, text, _ = signing.post(url, body, {"Content-Type": "application/json"})

    assert (status, json.loads(text)) == (200, {"ok": True})
    [call] = slack.calls_to("response_url")
    assert call.params == {
        "response_type": "ephemeral",
        "text": "done",
        "replace_original": True,
        "_path": url.removeprefix(slack.base_url),
    }
    assert slack.response_url() != url


def test_response_url_can_be_scripted_and_post_does_not_raise(slack: FakeSlackApi) -> None:
    slack.script("response_url", Scripted(status=404, body={"ok": False, "error": "expired"}))

    status, text, _ = signing.post(slack.response_url("late"), "{}", {})

    assert (status, json.loads(text)) == (404, {"ok": False, "error": "expired"})


def test_wait_for_returns_once_another_thread_calls(slack: FakeSlackApi, client: WebClient) -> None:
    later = threading.Timer(0.05, client.chat_postMessage, kwargs={"channel": "C1", "text": "x"})
    later.start()

    [call] = slack.wait_for("chat.postMessage", timeout=5)

    later.join()
    assert call.params["text"] == "x"


def test_wait_for_times_out_with_the_methods_seen(slack: FakeSlackApi, client: WebClient) -> None:
    client.auth_test()

    with pytest.raises(AssertionError, match=r"'chat\.update'.*\['auth\.test'\]"):
        slack.wait_for("chat.update", timeout=0.05)


def test_wait_for_with_a_predicate(slack: FakeSlackApi, client: WebClient) -> None:
    client.chat_postMessage(channel="C1", text="a")
    client.chat_postMessage(channel="C2", text="b")

    [call] = slack.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == "C2")

    assert call.params["text"] == "b"


def test_reset_forgets_calls_and_scripts(slack: FakeSlackApi, client: WebClient) -> None:
    slack.script("auth.test", Scripted.error("invalid_auth"))
    client.chat_postMessage(channel="C1", text="x")

    slack.reset()

    assert slack.calls == []
    assert client.auth_test()["ok"] is True


# -- Socket Mode ------------------------------------------------------------------------------


@pytest.fixture
def socket_mode(slack: FakeSlackApi) -> Iterator[FakeSocketModeServer]:
    """A running fake Socket Mode endpoint that ``apps.connections.open`` hands out."""
    with FakeSocketModeServer() as server:
        slack.set_socket_mode_url(server.url)
        yield server


def test_socket_mode_client_receives_an_envelope_and_acks_with_a_payload(
    slack: FakeSlackApi, socket_mode: FakeSocketModeServer
) -> None:
    seen: list[SocketModeRequest] = []

    def on_request(client: SocketModeClient, request: SocketModeRequest) -> None:
        seen.append(request)
        answer = {"text": f"echo {request.payload['text']}"}
        client.send_socket_mode_response(SocketModeResponse(request.envelope_id, answer))

    client = SocketModeClient(
        app_token=APP_TOKEN,
        web_client=WebClient(token=BOT_TOKEN, base_url=slack.api_url, retry_handlers=[]),
    )
    client.socket_mode_request_listeners.append(on_request)  # type: ignore[arg-type]
    try:
        client.connect()
        socket_mode.wait_connected()
        fields = signing.slash_command_fields("tax", response_url=slack.response_url())

        envelope_id = socket_mode.send_envelope("slash_commands", fields)
        ack = socket_mode.wait_for_ack(envelope_id)

        socket_mode.close_connections()  # Slack goes away; the client reconnects by itself
        again = socket_mode.send_envelope("slash_commands", {**fields, "text": "again"})
        ack_again = socket_mode.wait_for_ack(again)
    finally:
        socket_mode.close_client(client)

    assert ack == {"envelope_id": envelope_id, "payload": {"text": "echo tax"}}
    assert ack_again == {"envelope_id": again, "payload": {"text": "echo again"}}
    assert [(r.type, r.accepts_response_payload) for r in seen] == [("slash_commands", True)] * 2
    assert socket_mode.connection_count == 2
    # connect() and then its monitor thread each call apps.connections.open; so does reconnecting.
    open_calls = slack.calls_to("apps.connections.open")
    assert len(open_calls) >= 2
    assert {call.headers["authorization"] for call in open_calls} == {"Bearer xapp-test"}


def test_bolt_socket_mode_handler_acks_and_calls_the_web_api(
    slack: FakeSlackApi, socket_mode: FakeSocketModeServer
) -> None:
    app = App(
        client=WebClient(token=BOT_TOKEN, base_url=slack.api_url),
        signing_secret=SECRET,
    )

    @app.command("/stance")
    def stance(ack: Ack, command: dict[str, Any], say: Say) -> None:
        ack(f"looking up {command['text']}")
        say("posted")

    handler = SocketModeHandler(app, app_token=APP_TOKEN)
    try:
        handler.connect()
        fields = signing.slash_command_fields("tax", response_url=slack.response_url())
        envelope_id = socket_mode.send_envelope("slash_commands", fields)

        ack = socket_mode.wait_for_ack(envelope_id)
        [post] = slack.wait_for("chat.postMessage")
    finally:
        socket_mode.close_client(handler.client)

    assert ack == {"envelope_id": envelope_id, "payload": {"text": "looking up tax"}}
    assert (post.params["channel"], post.params["text"]) == ("C0DESK", "posted")
    assert [call.method for call in slack.calls][:2] == ["auth.test", "apps.connections.open"]


def test_an_envelope_unacked_when_its_connection_closes_is_resent_on_the_next(
    socket_mode: FakeSocketModeServer,
) -> None:
    with websockets.sync.client.connect(socket_mode.url) as first:
        hello = json.loads(first.recv(timeout=5))
        envelope_id = socket_mode.send_envelope("events_api", {"type": "event_callback"})
        assert json.loads(first.recv(timeout=5))["envelope_id"] == envelope_id

    with websockets.sync.client.connect(socket_mode.url) as second:
        assert json.loads(second.recv(timeout=5)) == hello
        resent = json.loads(second.recv(timeout=5))
        second.send(json.dumps({"envelope_id": envelope_id}))
        ack = socket_mode.wait_for_ack(envelope_id)

    assert hello["type"] == "hello"
    assert hello["connection_info"] == {"app_id": "A0STANDPOINT"}
    assert resent == {
        "envelope_id": envelope_id,
        "type": "events_api",
        "payload": {"type": "event_callback"},
        "accepts_response_payload": True,
    }
    assert ack == {"envelope_id": envelope_id}
    assert (socket_mode.redelivered, socket_mode.connection_count) == (1, 2)


def test_send_envelope_without_a_client_fails_fast(socket_mode: FakeSocketModeServer) -> None:
    with pytest.raises(AssertionError, match="no Socket Mode client connected"):
        socket_mode.send_envelope("events_api", {}, timeout=0.05)


# -- signing ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        signing.slash_command("who said “tax” & why?", response_url="http://x/r"),
        signing.block_actions(action_id="pick", value="7", response_url="http://x/r"),
        signing.view_submission(callback_id="add", state_values={}),
        signing.event(signing.app_home_opened()),
    ],
    ids=["slash_command", "block_actions", "view_submission", "event"],
)
def test_signatures_verify_with_slack_sdk(body: str) -> None:
    headers = signing.sign(SECRET, body)

    verifier = SignatureVerifier(SECRET)
    assert verifier.is_valid(
        body, headers["X-Slack-Request-Timestamp"], headers["X-Slack-Signature"]
    )
    assert not SignatureVerifier("other").is_valid_request(body, headers)
    expected = "application/json" if body.startswith("{") else "application/x-www-form-urlencoded"
    assert headers["Content-Type"] == expected


def test_sign_matches_slacks_documented_example() -> None:
    # https://docs.slack.dev/authentication/verifying-requests-from-slack
    body = (
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
        "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
        "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com"
        "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
        "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
    )

    headers = signing.sign(SECRET, body, timestamp=1531420618)

    assert headers["X-Slack-Signature"] == (
        "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
    )


def test_slash_command_body_has_slacks_fields() -> None:
    body = signing.slash_command("who said “tax”", response_url="http://x/r/1")

    fields = {key: values[0] for key, values in parse_qs(body, keep_blank_values=True).items()}
    assert fields["command"] == "/stance"
    assert fields["text"] == "who said “tax”"
    assert fields["response_url"] == "http://x/r/1"
    assert (fields["user_id"], fields["channel_id"], fields["team_id"]) == (
        "U0REPORTER",
        "C0DESK",
        "T0FAKE",
    )
    assert fields["trigger_id"] == "13345224609.738474920.8088930838d88f008e0"


def _form_payload(body: str) -> dict[str, Any]:
    [payload] = parse_qs(body)["payload"]
    decoded: dict[str, Any] = json.loads(payload)
    return decoded


def test_block_actions_body_has_slacks_shape() -> None:
    payload = _form_payload(
        signing.block_actions(action_id="pick", value="7", response_url="http://x/r")
    )

    assert payload["type"] == "block_actions"
    assert payload["user"]["id"] == "U0REPORTER"
    assert payload["channel"]["id"] == payload["container"]["channel_id"] == "C0DESK"
    assert payload["container"]["is_ephemeral"] is True
    assert "message" not in payload
    [action] = payload["actions"]
    assert (action["type"], action["action_id"], action["value"]) == ("button", "pick", "7")

    with_message = _form_payload(
        signing.block_actions(
            action_id="pick", value="7", response_url="http://x/r", message={"ts": "5.6"}
        )
    )
    assert with_message["message"] == {"ts": "5.6"}
    assert with_message["container"]["message_ts"] == "5.6"
    assert with_message["container"]["is_ephemeral"] is False


def test_view_submission_body_has_slacks_shape() -> None:
    values = {
        "who": {"name": signing.text_input("Ada")},
        "stance": {"pick": signing.static_select("for")},
    }

    payload = _form_payload(
        signing.view_submission(callback_id="add", state_values=values, private_metadata="C0DESK")
    )

    assert payload["type"] == "view_submission"
    view = payload["view"]
    assert (view["type"], view["callback_id"], view["private_metadata"]) == (
        "modal",
        "add",
        "C0DESK",
    )
    assert view["state"]["values"]["who"]["name"] == {"type": "plain_text_input", "value": "Ada"}
    assert view["state"]["values"]["stance"]["pick"]["selected_option"]["value"] == "for"


def test_event_body_is_an_event_callback() -> None:
    payload = json.loads(signing.event(signing.app_home_opened("U1"), event_id="Ev9"))

    assert payload["type"] == "event_callback"
    assert payload["event_id"] == "Ev9"
    assert payload["event"]["type"] == "app_home_opened"
    assert payload["event"]["user"] == "U1"
    assert payload["authorizations"][0]["user_id"] == "U0BOT"


def test_post_returns_errors_instead_of_raising(slack: FakeSlackApi) -> None:
    status, text, headers = signing.post(f"{slack.base_url}/nowhere", "x=1", {})

    assert status == 404
    assert json.loads(text)["error"] == "unknown_path"
    assert headers["Content-Type"].startswith("application/json")
