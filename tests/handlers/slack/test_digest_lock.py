"""A digest's LLM narrative passes the same evidence lock as any draft."""

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from store import Position
from tests.fakes.openai_api import FakeOpenAI, LLMReply
from tests.handlers.slack.conftest import BotServer, llm_settings
from tests.handlers.slack.test_digests import SLOT, TICK, record, set_up_desk
from tests.handlers.slack.test_drafts import APPROVALS, EDITOR


@pytest.fixture
def bot_overrides(fake_llm: FakeOpenAI) -> dict[str, Any]:
    return llm_settings(fake_llm, approvers=EDITOR, approval_channel=APPROVALS)


@pytest.mark.parametrize(
    ("narrative", "approvable", "shown"),
    [
        ("Vladimir Putin now opposes the US ceasefire proposal.", True, "✅"),
        ("Vladimir Putin now opposes a 90-day truce.", False, "unsupported: 90-day"),
        ("Vladimir Putin now backs the US ceasefire proposal.", False, "“backs”, but the position"),
    ],
)
def test_the_narrative_is_held_to_the_lock(
    bot: BotServer,
    engine: Engine,
    fake_llm: FakeOpenAI,
    narrative: str,
    approvable: bool,
    shown: str,
) -> None:
    set_up_desk(bot, engine)
    record(
        bot,
        'putin on ceasefire: opposes "There will be no truce."',
        engine,
        at=SLOT - timedelta(hours=3),
    )
    with Session(engine) as session:
        newest = session.exec(select(Position.id).order_by(col(Position.id).desc())).first()
    fake_llm.script(LLMReply.claims((narrative, [newest], "Vladimir Putin", "opposes")))
    bot.running.deps.digests.run_due(now=TICK)
    card = bot.slack.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == APPROVALS)
    seen = json.dumps(card[0].params["blocks"], ensure_ascii=False)
    assert narrative.rstrip(".") in seen
    assert shown in seen
    assert ('"draft_approve"' in seen) is approvable
    assert "There will be no truce." in seen  # the fact line from the store, checked too
