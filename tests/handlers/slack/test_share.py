"""The Share in channel button: signed block_actions, posts recorded by the fake Slack API."""

import json

from tests.fakes.slack_api import Scripted
from tests.handlers.slack.blockkit import assert_valid_blocks
from tests.handlers.slack.conftest import BotServer


def test_share_posts_the_same_answer_saying_who_shared_it(bot: BotServer) -> None:
    private = bot.command("putin on ceasefire").json
    url = bot.slack.response_url("share")
    reply = bot.click(
        action_id="share_answer",
        value="putin on ceasefire",
        user_id="U0ALICE",
        channel_id="C0DESK",
        response_url=url,
    )
    assert reply.status == 200
    posted = bot.slack.wait_for("chat.postMessage")[0].params
    assert posted["channel"] == "C0DESK"
    assert posted["blocks"][:-1] == private["blocks"][:-1]  # the answer minus its Share button
    assert "Shared by <@U0ALICE>" in json.dumps(posted["blocks"])
    assert posted["unfurl_links"] is False
    assert posted["unfurl_media"] is False
    assert_valid_blocks(posted["blocks"])
    done = bot.slack.wait_for("response_url")[0].params
    assert done["replace_original"] is True
    assert "Shared in <#C0DESK>" in done["text"]


def test_share_in_a_channel_the_bot_is_not_in_goes_through_the_response_url(bot: BotServer) -> None:
    bot.slack.script("chat.postMessage", Scripted.error("not_in_channel"))
    url = bot.slack.response_url("share")
    bot.click(action_id="share_answer", value="topic ceasefire", response_url=url)
    posts = bot.slack.wait_for("response_url", count=2)
    public, done = posts[0].params, posts[1].params
    assert public["response_type"] == "in_channel"
    assert public["replace_original"] is False
    assert "Donald Trump" in json.dumps(public["blocks"])
    assert "Shared in" in done["text"]


def test_a_failed_share_is_explained_privately(bot: BotServer) -> None:
    bot.slack.script("chat.postMessage", Scripted.error("is_archived"))
    bot.click(action_id="share_answer", value="putin", response_url=bot.slack.response_url("s"))
    failure = bot.slack.wait_for("response_url")[0].params
    assert failure["replace_original"] is False
    assert "Couldn't share that answer" in failure["text"]
    assert "Traceback" not in failure["text"]


def test_share_after_a_rate_limit_honours_retry_after(bot: BotServer) -> None:
    bot.slack.script("chat.postMessage", Scripted.rate_limited(retry_after=1))
    bot.click(action_id="share_answer", value="putin", response_url=bot.slack.response_url("s"))
    first, second = bot.slack.wait_for("chat.postMessage", count=2, timeout=10)
    assert second.at - first.at >= 0.9
    assert "Shared in" in bot.slack.wait_for("response_url")[0].params["text"]


def test_a_dropped_connection_is_not_retried_and_the_user_is_told(bot: BotServer) -> None:
    bot.slack.script("chat.postMessage", Scripted(drop=True))
    bot.click(action_id="share_answer", value="putin", response_url=bot.slack.response_url("s"))
    told = bot.slack.wait_for("response_url")[0].params
    assert "may or may not be in the channel" in told["text"]
    assert told["replace_original"] is False
    assert len(bot.slack.calls_to("chat.postMessage")) == 1  # no blind retry: no double post
