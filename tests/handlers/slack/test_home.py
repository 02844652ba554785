"""App Home: app_home_opened events publish the Home tab."""

import json

from tests.fakes.signing import app_home_opened
from tests.handlers.slack.blockkit import assert_valid_view
from tests.handlers.slack.conftest import BotServer


def test_opening_home_publishes_latest_statements_drafts_and_help(bot: BotServer) -> None:
    bot.command('add putin on ceasefire: opposes "No truce."', user_id="U0ALICE")
    reply = bot.event(app_home_opened(user_id="U0BOB"))
    assert reply.status == 200
    published = bot.slack.wait_for("views.publish")[0].params
    assert published["user_id"] == "U0BOB"
    view = published["view"]
    seen = json.dumps(view, ensure_ascii=False)
    assert "Latest statements and shifts" in seen
    assert seen.index("Shift") < seen.index("Kursk truce")  # newest first
    assert "Drafts waiting for approval" in seen
    assert "None waiting." in seen
    assert "history &lt;actor&gt; on &lt;topic&gt;" in seen
    assert_valid_view(view)


def test_the_messages_tab_does_not_publish_home(bot: BotServer) -> None:
    event = {**app_home_opened(), "tab": "messages"}
    assert bot.event(event).status == 200
    bot.event(app_home_opened(user_id="U0LAST"))
    published = bot.slack.wait_for("views.publish")
    assert [call.params["user_id"] for call in published] == ["U0LAST"]
