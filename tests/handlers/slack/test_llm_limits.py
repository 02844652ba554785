"""What the model may spend, through Slack: the workspace's daily budget (counted at the fake
OpenAI server, across two app instances on one database), each person's rate, and one
summary per topic and channel however many ask (Retry included)."""

import json
import threading
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from store import Draft, DraftStatus, LLMCall, LLMUsage
from tests.fakes.openai_api import FakeOpenAI, LLMReply
from tests.fakes.slack_api import Call, FakeSlackApi
from tests.handlers.slack.conftest import BotServer, llm_settings, running_bot
from tests.handlers.slack.test_drafts import CHIEF, DESK, EDITOR, REPORTER, button

USED_UP = "The desk's drafting budget for today is used up; the offline drafter is still available."
GOOD = LLMReply.claims(("Putin backs the proposal only on his terms.", [1]))


@pytest.fixture
def bot_overrides(fake_llm: FakeOpenAI) -> dict[str, Any]:
    fake_llm.default = GOOD
    return llm_settings(
        fake_llm, approvers=EDITOR, llm_calls_per_day=5, drafts_per_person=0, llm_timeout=15
    )


def answers(slack: FakeSlackApi, count: int, timeout: float = 30) -> list[str]:
    """The first `count` private answers sent to response URLs (after the acks): each one's
    text, and its blocks as they are shown."""
    calls = slack.wait_for("response_url", count=count, timeout=timeout)
    return [
        f"{call.params.get('text', '')}\n{json.dumps(call.params.get('blocks'), ensure_ascii=False)}"
        for call in calls
    ]


def summarize_from_many(bots: list[BotServer], requests: int) -> None:
    """`requests` summaries asked at once, each by another reporter in another channel (so
    none is the same request as another), spread over `bots`."""
    start = threading.Barrier(requests)

    def ask(number: int) -> None:
        start.wait()
        reply = bots[number % len(bots)].command(
            "summarize ceasefire", channel_id=f"C0DESK{number}", user_id=f"U0R{number}"
        )
        assert reply.status == 200

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)


def usage(engine: Engine) -> tuple[int, int]:
    with Session(engine) as session:
        row = session.exec(select(LLMUsage)).one()
        return row.calls, row.tokens


def test_thirty_summaries_in_a_minute_make_only_the_budgeted_model_calls(
    bot: BotServer, fake_llm: FakeOpenAI, engine: Engine
) -> None:
    summarize_from_many([bot], 30)
    told = answers(bot.slack, 30)
    assert len(fake_llm.calls) == 5
    assert sum(USED_UP in text for text in told) == 25
    assert sum("is waiting for approval" in text for text in told) == 5
    calls, tokens = usage(engine)
    assert calls == 5
    assert tokens > 0  # settled from what the server reported
    with Session(engine) as session:
        assert len(session.exec(select(Draft)).all()) == 5
        logged = session.exec(select(LLMCall)).all()
    assert len(logged) == 5
    assert sum(call.tokens for call in logged) == tokens
    # The offline drafter is still there, and asks the model nothing.
    bot.command("summarize ceasefire offline", channel_id=DESK, user_id=REPORTER)
    assert "is waiting for approval" in answers(bot.slack, 31)[-1]
    assert len(fake_llm.calls) == 5


def test_two_app_instances_on_one_database_count_together(
    db_url: str, fake_slack: FakeSlackApi, fake_llm: FakeOpenAI, engine: Engine
) -> None:
    fake_llm.default = GOOD
    settings = llm_settings(fake_llm, approvers=EDITOR, llm_calls_per_day=5, drafts_per_person=0)
    with (
        running_bot(db_url, fake_slack, **settings) as one,
        running_bot(db_url, fake_slack, **settings) as two,
    ):
        summarize_from_many([one, two], 30)
        told = answers(fake_slack, 30)
    assert len(fake_llm.calls) == 5
    assert sum(USED_UP in text for text in told) == 25
    assert usage(engine)[0] == 5


def test_ingest_counts_too_and_says_the_offline_extractor_remains(
    bot: BotServer, fake_llm: FakeOpenAI
) -> None:
    fake_llm.default = LLMReply.json({"candidates": []})
    text = 'Putin said: "We will see." The Kremlin added nothing.'
    for _ in range(5):
        bot.command(f"ingest {text}", user_id=REPORTER)
    told = answers(bot.slack, 5)
    assert all("budget" not in t for t in told)
    bot.command(f"ingest {text}", user_id=EDITOR)
    refused = answers(bot.slack, 6)[-1]
    assert "drafting budget for today is used up; the offline extractor is still available" in (
        refused
    )
    assert len(fake_llm.calls) == 5
    bot.command(f"ingest offline {text}", user_id=EDITOR)
    assert "offline extractor" in answers(bot.slack, 7)[-1]
    assert len(fake_llm.calls) == 5


def test_each_person_has_a_rate_and_is_told_when_it_frees_up(
    db_url: str, fake_slack: FakeSlackApi, fake_llm: FakeOpenAI, engine: Engine
) -> None:
    fake_llm.default = GOOD
    settings = llm_settings(fake_llm, approvers=EDITOR, drafts_per_person=2, draft_rate_minutes=10)
    with running_bot(db_url, fake_slack, **settings) as bot:
        for number in range(3):
            bot.command("summarize ceasefire", channel_id=f"C0D{number}", user_id=REPORTER)
            answers(fake_slack, number + 1)
        refused = answers(fake_slack, 3)[-1]
        assert "You've started 2 language-model drafts in the last 10 minutes" in refused
        with Session(engine) as session:
            first = min(call.at for call in session.exec(select(LLMCall)).all())
        assert f"the next frees up at {first + timedelta(minutes=10):%H:%M} (UTC)" in refused
        assert "in 10 minutes" in refused
        assert "offline drafter is still available" in refused
        bot.command("summarize ceasefire", channel_id="C0D9", user_id=EDITOR)
        assert "is waiting for approval" in answers(fake_slack, 4)[-1]
    assert len(fake_llm.calls) == 3


def test_a_summary_already_being_written_here_is_pointed_to_not_started_again(
    bot: BotServer, fake_llm: FakeOpenAI, engine: Engine
) -> None:
    fake_llm.script(replace(GOOD, delay=3.0))
    bot.command("summarize ceasefire", channel_id=DESK, user_id=REPORTER)
    fake_llm.wait_for(1)  # the first is with the model
    bot.command("summarize ceasefire", channel_id=DESK, user_id=EDITOR)
    pointed = answers(bot.slack, 1)[0]
    assert "already being written, asked by <@U0REPORTER>" in pointed
    assert "nothing new was started" in pointed
    done = answers(bot.slack, 2)[-1]
    assert "is waiting for approval" in done
    assert len(fake_llm.calls) == 1
    with Session(engine) as session:
        assert len(session.exec(select(Draft)).all()) == 1
    # Elsewhere, or once written, another is started.
    bot.command("summarize ceasefire", channel_id="C0ELSEWHERE", user_id=EDITOR)
    assert "is waiting for approval" in answers(bot.slack, 3)[-1]
    assert len(fake_llm.calls) == 2


def test_a_second_retry_of_the_same_draft_points_to_the_first(
    bot: BotServer, fake_llm: FakeOpenAI, engine: Engine
) -> None:
    fake_llm.script(LLMReply.server_error(500), replace(GOOD, delay=3.0))
    bot.command("summarize ceasefire", channel_id=DESK, user_id=REPORTER)
    card = bot.slack.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == REPORTER)
    retry = button(card[0].params["blocks"], "draft_retry")
    first, second = bot.slack.response_url("retry-1"), bot.slack.response_url("retry-2")
    bot.click(action_id="draft_retry", value=retry, user_id=EDITOR, response_url=first)
    fake_llm.wait_for(2)  # the retry is with the model
    bot.click(action_id="draft_retry", value=retry, user_id=CHIEF, response_url=second)

    def to(url: str) -> Any:
        return lambda c: url.endswith(c.params["_path"])

    pointed = bot.slack.wait_for("response_url", where=to(second))[0].params["text"]
    assert "already being written, asked by <@U0EDITOR>" in pointed
    drafted = bot.slack.wait_for("response_url", where=to(first), timeout=10)[0].params["text"]
    assert "is waiting for approval" in drafted
    assert len(fake_llm.calls) == 2
    with Session(engine) as session:
        statuses = sorted(d.status for d in session.exec(select(Draft)).all())
    assert statuses == sorted([DraftStatus.FAILED, DraftStatus.PENDING])


def test_a_digest_past_the_budget_is_written_by_the_offline_drafter(
    bot: BotServer, fake_llm: FakeOpenAI
) -> None:
    bot.command("settings llm-calls 1", user_id=EDITOR)
    bot.command("summarize ceasefire", channel_id=DESK, user_id=REPORTER)
    answers(bot.slack, 1)
    bot.command("digest at 07:00", channel_id=DESK)
    bot.command("digest now", channel_id=DESK)

    def digest_card(call: Call) -> bool:
        return "Digest" in str(call.params.get("text", ""))

    card = bot.slack.wait_for("chat.postMessage", where=digest_card, timeout=15)[0]
    assert "offline drafter" in str(card.params["blocks"])
    assert len(fake_llm.calls) == 1
