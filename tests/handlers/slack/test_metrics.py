"""/metrics in Prometheus format, and JSON logs when asked."""

import json
from pathlib import Path
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.fakes.openai_api import FakeOpenAI, LLMReply
from tests.fakes.slack_api import FakeSlackApi
from tests.handlers.slack.conftest import SIGNING_SECRET, BotServer, llm_settings
from tests.handlers.slack.test_drafts import APPROVALS, EDITOR, request_summary
from tests.handlers.slack.test_security import get
from tests.handlers.slack.test_serve import _free_port, _wait_healthy, serving


@pytest.fixture
def bot_overrides(fake_llm: FakeOpenAI) -> dict[str, Any]:
    return llm_settings(fake_llm, approvers=EDITOR, approval_channel=APPROVALS)


def samples(bot: BotServer) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    status, text = get(bot.url + "/metrics")
    assert status == 200
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def test_metrics_count_acks_llm_calls_drafts_and_digests(
    bot: BotServer, fake_llm: FakeOpenAI
) -> None:
    bot.command("putin on ceasefire")
    fake_llm.script(
        LLMReply.claims(("Putin backs it on terms.", [1])),
        LLMReply.server_error(500),
    )
    request_summary(bot)
    bot.command("summarize ceasefire", channel_id="C0DESK")
    bot.slack.wait_for("response_url", where=lambda c: "Couldn't draft" in c.params.get("text", ""))
    seen = samples(bot)
    assert seen[("standpoint_ack_seconds_count", (("kind", "command"),))] >= 3
    assert seen[("standpoint_ack_seconds_bucket", (("kind", "command"), ("le", "3.0")))] >= 3
    assert seen[("standpoint_llm_seconds_count", ())] == 2
    assert seen[("standpoint_llm_failures_total", (("kind", "server_error"),))] == 1
    assert seen[("standpoint_drafts", (("status", "pending"),))] == 1
    assert seen[("standpoint_drafts", (("status", "failed"),))] == 1


def test_json_logs_when_asked(db_url: str, tmp_path: Path, fake_slack: FakeSlackApi) -> None:
    port = _free_port()
    with serving(
        db_url,
        tmp_path,
        fake_slack,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        PORT=str(port),
        STANDPOINT_LOG_FORMAT="json",
        STANDPOINT_LOG_LEVEL="INFO",
    ) as process:
        _wait_healthy(f"http://127.0.0.1:{port}", process)
    assert process.stderr is not None
    records = [json.loads(line) for line in process.stderr.read().splitlines() if line.strip()]
    listening = [r for r in records if "listening on" in r["message"]]
    assert listening
    assert listening[0]["level"] == "INFO"
    assert listening[0]["name"] == "handlers.slack.runtime"
