"""The adversarial set's seed cases through Slack: signed `/stance summarize`, the real
`openai` client against the fake server, and the card the approvers get."""

import json
from typing import Any

import pytest

from bench.evidence_lock import load
from tests.fakes.openai_api import FakeOpenAI, LLMReply
from tests.handlers.slack.blockkit import assert_valid_blocks
from tests.handlers.slack.conftest import BotServer, llm_settings
from tests.handlers.slack.test_drafts import APPROVALS, DESK, EDITOR, REPORTER

# The seed's topic boards: what `summarize <topic>` gives the model (seed ids are 1…6).
BOARDS = {(1, 3): "ceasefire", (2,): "kursk", (4,): "attack on US allies"}


@pytest.fixture
def bot_overrides(fake_llm: FakeOpenAI) -> dict[str, Any]:
    # One reporter asks for every case: no per-person rate here (tests/…/test_llm_limits.py).
    return llm_settings(fake_llm, approvers=EDITOR, approval_channel=APPROVALS, drafts_per_person=0)


def seed_board_cases() -> list[dict[str, Any]]:
    """Every faithful case and one case of each of the first adversarial kinds: cards are
    paced at one a second per channel, as Slack asks (test_adversarial_set runs them all)."""
    cases, _ = load()
    chosen, kinds = [], set()
    for case in cases:
        if case["store"] != "seed" or tuple(sorted(case["given"])) not in BOARDS:
            continue
        if case["expect"] == "pass" or (case["kind"] not in kinds and len(kinds) < 14):
            chosen.append(case)
            kinds.add(case["kind"])
    return chosen


def test_every_seed_case_gets_the_card_it_deserves(bot: BotServer, fake_llm: FakeOpenAI) -> None:
    cases = seed_board_cases()
    assert len(cases) >= 20
    wrong = []
    for number, case in enumerate(cases, start=1):
        fake_llm.script(LLMReply.json({"claims": case["claims"]}))
        topic = BOARDS[tuple(sorted(case["given"]))]
        reply = bot.command(f"summarize {topic}", channel_id=DESK, user_id=REPORTER)
        assert reply.status == 200
        card = bot.slack.wait_for(
            "chat.postMessage", where=lambda c: c.params["channel"] == APPROVALS, count=number
        )[-1].params
        assert_valid_blocks(card["blocks"])
        seen = json.dumps(card["blocks"], ensure_ascii=False)
        approvable = '"draft_approve"' in seen
        if approvable != (case["expect"] == "pass"):
            wrong.append(case["id"])
        if not approvable:
            assert "Can't be approved until edited" in seen
            assert "⚠️" in seen  # each problem beside its claim
    assert wrong == []
