"""In Slack, a candidate keeps its article's link and date; an undated one asks for the date."""

from collections.abc import Iterator
from typing import Any

import pytest
from sqlmodel import Session, select

from store import Position, PositionStatus, make_engine
from tests.fakes.article_page import article_html, serving_page
from tests.handlers.slack.conftest import BotServer
from tests.handlers.slack.test_ingest_slack import candidate_buttons

PUTIN = "“We are studying the ceasefire idea carefully,” Putin said."


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {"fetch_allow_private": True}


FILLER = "Negotiators met again in Riyadh on Saturday, officials said."


@pytest.fixture
def article_url() -> Iterator[str]:
    with serving_page(
        article_html(
            "Kremlin studies truce",
            [FILLER] * 3 + [PUTIN],
            head='<meta property="article:published_time" content="2025-03-02T08:00:00Z">',
        )
    ) as url:
        yield url


def _ingest(bot: BotServer, source: str) -> dict[str, Any]:
    url = bot.slack.response_url("ingest")
    bot.command(f"ingest {source}", response_url=url)
    calls = bot.slack.wait_for("response_url", where=lambda c: url.endswith(c.params["_path"]))
    return calls[0].params  # type: ignore[no-any-return]


def test_edit_keeps_the_articles_link_and_date(bot: BotServer, article_url: str) -> None:
    message = _ingest(bot, article_url)
    candidate = candidate_buttons(message)["candidate_edit"][0]
    bot.click(action_id="candidate_edit", value=candidate, response_url=bot.slack.response_url("e"))
    modal = bot.slack.wait_for("views.open")[0].params["view"]
    elements = {b["block_id"]: b["element"] for b in modal["blocks"]}
    assert elements["url"]["initial_value"] == article_url
    assert elements["date"]["initial_date"] == "2025-03-02"


def test_an_undated_candidate_asks_for_its_date(bot: BotServer, db_url: str) -> None:
    message = _ingest(bot, f"Russian President Vladimir Putin spoke on the ceasefire.\n\n{PUTIN}")
    notes = " ".join(
        e["text"] for b in message["blocks"] if b["type"] == "context" for e in b["elements"]
    )
    assert "No date found in the article: confirm with `/stance confirm &lt;id&gt; stated" in notes
    candidate = candidate_buttons(message)["candidate_confirm"][0]
    url = bot.slack.response_url("confirm")
    bot.click(action_id="candidate_confirm", value=candidate, response_url=url)
    reply = bot.slack.wait_for("response_url", where=lambda c: url.endswith(c.params["_path"]))
    assert f"confirm {candidate} stated 13 March 2025" in str(reply[0].params)
    with Session(make_engine(db_url)) as session:
        position = session.exec(select(Position).where(Position.id == int(candidate))).one()
    assert position.status is PositionStatus.PROPOSED
