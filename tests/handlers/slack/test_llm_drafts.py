"""LLM-written drafts through Slack: verification flags, failures with Retry, posting safety."""

import json
from typing import Any

import pytest
from sqlalchemy import Engine

from store import DraftStatus
from tests.fakes.openai_api import FakeOpenAI, LLMReply
from tests.handlers.slack.conftest import BotServer, llm_settings
from tests.handlers.slack.test_drafts import (
    APPROVALS,
    DESK,
    EDITOR,
    button,
    click,
    draft_row,
    final_card,
    posts_to_desk,
    request_summary,
    told,
)


@pytest.fixture
def bot_overrides(fake_llm: FakeOpenAI) -> dict[str, Any]:
    return llm_settings(fake_llm, approvers=EDITOR, approval_channel=APPROVALS)


def sentences(*items: tuple[str, list[int]]) -> LLMReply:
    return LLMReply.claims(*items)


def test_an_llm_draft_names_its_drafter_and_can_be_approved(
    bot: BotServer, fake_llm: FakeOpenAI
) -> None:
    fake_llm.script(
        sentences(
            ("Putin backs the proposal but says “we certainly support it” only on terms.", [1]),
            ("Donald Trump hopes Russia will accept.", [3]),
        )
    )
    card = request_summary(bot)
    seen = json.dumps(card.params["blocks"], ensure_ascii=False)
    assert "Written by the LLM (fake-model at 127.0.0.1" in seen
    assert "[#1]" in seen
    assert "[#3]" in seen
    url = click(bot, "draft_approve", button(card.params["blocks"], "draft_approve"), EDITOR)
    assert "approved and posted" in told(bot, url)
    assert len(posts_to_desk(bot)) == 1


def test_a_hallucinated_quote_is_flagged_and_blocks_approval(
    bot: BotServer, fake_llm: FakeOpenAI, engine: Engine
) -> None:
    fake_llm.script(sentences(("Putin said “we will never accept any ceasefire”.", [1])))
    card = request_summary(bot)
    seen = json.dumps(card.params["blocks"], ensure_ascii=False)
    assert "Can't be approved until edited" in seen
    assert "is not in the quotes of the positions it cites" in seen
    assert "we will never accept any ceasefire" in seen
    with pytest.raises(AssertionError):
        button(card.params["blocks"], "draft_approve")  # no Approve button while flagged
    draft_id = draft_row(engine).id
    bot.command(f"approve {draft_id}", user_id=EDITOR)
    refusal = bot.slack.wait_for(
        "response_url",
        where=lambda c: "can't be approved until it is edited" in c.params.get("text", ""),
    )
    assert refusal
    assert posts_to_desk(bot) == []
    assert draft_row(engine).status == DraftStatus.PENDING


def test_an_uncited_claim_is_flagged(bot: BotServer, fake_llm: FakeOpenAI) -> None:
    fake_llm.script(
        sentences(("Putin backs it on his terms.", [1]), ("Russia will sign within a week.", []))
    )
    card = request_summary(bot)
    seen = json.dumps(card.params["blocks"], ensure_ascii=False)
    assert "cites no position" in seen
    assert "Russia will sign within a week." in seen


@pytest.mark.parametrize(
    ("reply", "words"),
    [
        (LLMReply.server_error(500), "returned an error"),
        (LLMReply.rate_limited(), "rate-limiting"),
        (LLMReply(content="not json at all"), "form we can't use"),
        (LLMReply.cut_off('{"claims": [{"text": "Pu'), "cut off"),
        (LLMReply.slow(5.0), "didn't answer in time"),
    ],
)
def test_a_failing_llm_is_explained_and_offers_retry(
    bot: BotServer, fake_llm: FakeOpenAI, engine: Engine, reply: LLMReply, words: str
) -> None:
    fake_llm.script(reply)
    bot.command("summarize ceasefire", channel_id=DESK)
    explained = bot.slack.wait_for(
        "response_url", where=lambda c: "Couldn't draft" in c.params.get("text", ""), timeout=10
    )
    text = explained[0].params["text"]
    assert words in text
    assert "Nothing was posted" in text
    assert "Traceback" not in text
    card = bot.slack.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == APPROVALS)[
        0
    ]
    retry = button(card.params["blocks"], "draft_retry")
    assert draft_row(engine).status == DraftStatus.FAILED
    assert posts_to_desk(bot) == []
    fake_llm.script(sentences(("Putin backs it on his terms.", [1])))
    click(bot, "draft_retry", retry, EDITOR)
    bot.slack.wait_for(
        "chat.postMessage", count=2, where=lambda c: c.params["channel"] == APPROVALS
    )
    assert draft_row(engine).status == DraftStatus.PENDING


def test_model_markup_never_reaches_slack_live(bot: BotServer, fake_llm: FakeOpenAI) -> None:
    fake_llm.script(
        sentences(
            (
                "Vladimir Putin backs the ceasefire on his terms <!channel> <!here> "
                "<https://evil.example|this>.",
                [1],
            )
        )
    )
    card = request_summary(bot)
    url = click(bot, "draft_approve", button(card.params["blocks"], "draft_approve"), EDITOR)
    assert "approved and posted" in told(bot, url)
    for payload in (card.params, posts_to_desk(bot)[0].params, final_card(bot, "and posted")):
        seen = json.dumps(payload["blocks"])
        for live in (
            "<!channel>",
            "<!here>",
            "<https://evil.example|this>",
        ):
            assert live not in seen
        assert "&lt;!channel&gt;" in seen
    assert posts_to_desk(bot)[0].params["unfurl_links"] is False
    assert posts_to_desk(bot)[0].params["unfurl_media"] is False


def test_retry_typed_drafts_a_failed_summary_again_on_the_worker_pool(
    bot: BotServer, fake_llm: FakeOpenAI, engine: Engine
) -> None:
    fake_llm.script(LLMReply.server_error(500))
    bot.command("summarize ceasefire", channel_id=DESK)
    card = bot.slack.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == APPROVALS)[
        0
    ]
    failed = draft_row(engine)
    assert failed.status == DraftStatus.FAILED
    assert f"/stance retry D{failed.id}" in json.dumps(card.params["blocks"])
    fake_llm.script(sentences(("Putin backs it on his terms.", [1])))
    url = bot.slack.response_url("retry")
    reply = bot.command(f"retry {failed.id}", channel_id=APPROVALS, response_url=url)
    assert "Drafting" in reply.json["text"]
    answer = bot.slack.wait_for("response_url", where=lambda c: url.endswith(c.params["_path"]))
    assert "is waiting for approval" in answer[0].params["text"]
    again = draft_row(engine)
    assert again.id != failed.id
    assert (again.status, again.channel_id) == (DraftStatus.PENDING, DESK)
    assert "Putin backs it on his terms" in again.body
