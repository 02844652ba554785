"""`/stance export …`: acked at once, the file uploaded into the requester's DM (files.uploadV2)."""

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.catalog.creation import create_topic
from bot.positions.recording import record_statement
from store import Stance, unit_of_work
from tests.conftest import NOW
from tests.fakes.slack_api import Scripted
from tests.handlers.shell_fixtures import run
from tests.handlers.slack.conftest import BotServer

UPLOAD_CALLS = ("files.getUploadURLExternal", "file_upload", "files.completeUploadExternal")


def _cli_export(args: list[str], db_url: str, tmp_path: Path) -> bytes:
    """What `standpoint export …` writes for the same database."""
    result = run(["export", *args, "--output", "cli.out"], tmp_path, DATABASE_URL=db_url)
    assert result.returncode == 0, result.stderr
    return (tmp_path / "cli.out").read_bytes()


@pytest.fixture(autouse=True)
def _cli_database(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHELL_TEST_DATABASE_URL", db_url)


@pytest.mark.parametrize(
    ("text", "cli_args", "name"),
    [
        ("export board ceasefire", ["board", "ceasefire"], "standpoint-board-us-ceasefire"),
        (
            "export history putin on ceasefire json",
            ["history", "putin", "on", "ceasefire", "--format", "json"],
            "standpoint-history-vladimir-putin-on-us-ceasefire",
        ),
    ],
)
def test_export_sends_the_cli_file_privately_into_a_direct_message(
    bot: BotServer, db_url: str, tmp_path: Path, text: str, cli_args: list[str], name: str
) -> None:
    reply = bot.command(text, user_id="U0REPORTER")
    assert reply.status == 200
    assert reply.json["response_type"] == "ephemeral"
    assert "I'll send the file to you in a direct message." in reply.json["text"]

    [done] = bot.slack.wait_for("files.completeUploadExternal", timeout=20)
    [opened] = bot.slack.calls_to("conversations.open")
    assert opened.params["users"] == "U0REPORTER"
    assert done.params["channel_id"] == "D0REPORTER"  # the DM conversations.open gave
    [asked] = bot.slack.calls_to("files.getUploadURLExternal")
    extension = "json" if "json" in text else "csv"
    assert asked.params["filename"].startswith(name)
    assert asked.params["filename"].endswith(f".{extension}")
    [file] = done.params["files"]
    uploaded = bot.slack.uploaded(file["id"])
    assert uploaded == _cli_export(cli_args, db_url, tmp_path)
    assert int(asked.params["length"]) == len(uploaded)
    assert file["title"].startswith(("Board: US ceasefire proposal", "History: Vladimir Putin"))
    assert re.search(r": (1 position|\d+ positions)\. Columns", done.params["initial_comment"])
    assert bot.slack.calls_to("chat.postMessage") == []  # nothing in the channel


def test_an_unknown_name_is_answered_privately_and_nothing_is_uploaded(bot: BotServer) -> None:
    reply = bot.command("export board weather")
    assert "Exporting the board of “weather” as CSV" in reply.json["text"]
    answer = bot.slack.wait_for("response_url")[0].params
    assert answer["response_type"] == "ephemeral"
    assert "I don't know a topic called “weather”." in answer["text"]
    assert not [call for call in bot.slack.calls if call.method in UPLOAD_CALLS]
    assert bot.slack.calls_to("conversations.open") == []


def test_a_refused_upload_says_so_without_a_stack_trace(bot: BotServer) -> None:
    bot.slack.script("files.getUploadURLExternal", Scripted.error("missing_scope"))
    bot.command("export positions since 1 March 2025")
    answer = bot.slack.wait_for("response_url")[0].params
    assert "I couldn't send the file (missing_scope)." in answer["text"]
    assert "Traceback" not in json.dumps(answer)
    assert bot.slack.calls_to("files.completeUploadExternal") == []


def test_the_file_name_title_and_comment_pass_the_outgoing_guard(
    bot: BotServer, engine: Engine
) -> None:
    with unit_of_work(engine) as session:
        topic = create_topic(session, name="<!here> truce <@U0ALL>")
        record_statement(
            session,
            actor_id=1,
            topic_id=topic.id,
            stance=Stance.OPPOSES,
            quotes=["<!channel> never"],
            stated_at=NOW,
            recorded_by="reporter",
        )
    bot.command("export board here truce u0all")
    [done] = bot.slack.wait_for("files.completeUploadExternal", timeout=20)
    [asked] = bot.slack.calls_to("files.getUploadURLExternal")
    sent = json.dumps([done.params, asked.params])
    assert "<!here>" not in sent
    assert "<@U0ALL>" not in sent
    assert asked.params["filename"].startswith("standpoint-board-here-truce-u0all-")
    assert done.params["files"][0]["title"] == "Board: ‹!here> truce ‹@U0ALL>"
    # The file itself is data: the quote arrives exactly as recorded.
    assert "<!channel> never" in bot.slack.uploaded(done.params["files"][0]["id"]).decode()
