"""The LLM client, through the real openai package against a local OpenAI-compatible server."""

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from bot.drafts.drafting import SummaryOut, llm_summary
from bot.llm import LLM, LLMFailure
from bot.positions.views import Change, ChangeKind, PositionView
from store import Stance
from tests.fakes.openai_api import FakeOpenAI, LLMReply


@pytest.fixture
def fake_llm() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as fake:
        yield fake


def make(fake: FakeOpenAI, *, timeout: float = 5.0, retries: int = 0) -> LLM:
    return LLM(
        api_key="sk-test-key-not-real-000000",
        base_url=fake.base_url,
        model="fake-model",
        timeout=timeout,
        max_retries=retries,
    )


def test_structured_output_is_parsed_into_the_schema(fake_llm: FakeOpenAI) -> None:
    fake_llm.script(LLMReply.claims(("Putin backs it.", [1], "Vladimir Putin", "conditional")))
    answer = make(fake_llm).parse(system="s", user="u", schema=SummaryOut)
    assert answer.claims[0].citations == [1]
    assert answer.claims[0].stance == "conditional"
    request = fake_llm.last_request_json()
    assert request["model"] == "fake-model"
    assert request["response_format"]["type"] == "json_schema"


@pytest.mark.parametrize(
    ("reply", "kind", "words"),
    [
        (LLMReply.rate_limited(), "rate_limited", "rate-limiting"),
        (LLMReply.server_error(500), "server_error", "returned an error"),
        (LLMReply(content="this is not json"), "invalid_output", "form we can't use"),
        (LLMReply(raw="{not json"), "invalid_output", "form we can't use"),
        (LLMReply.cut_off('{"claims": [{"text": "Putin'), "cut_off", "cut off"),
    ],
)
def test_each_failure_is_a_plain_words_llm_failure(
    fake_llm: FakeOpenAI, reply: LLMReply, kind: str, words: str
) -> None:
    fake_llm.script(reply)
    with pytest.raises(LLMFailure) as caught:
        make(fake_llm).parse(system="s", user="u", schema=SummaryOut)
    assert caught.value.kind == kind
    assert words in caught.value.message
    assert "Nothing was posted" in caught.value.message


def test_a_timeout_is_reported_after_the_configured_wait(fake_llm: FakeOpenAI) -> None:
    fake_llm.script(LLMReply.slow(3.0))
    with pytest.raises(LLMFailure) as caught:
        make(fake_llm, timeout=0.3).parse(system="s", user="u", schema=SummaryOut)
    assert caught.value.kind == "timeout"


def test_the_client_retries_a_429_itself(fake_llm: FakeOpenAI) -> None:
    fake_llm.script(LLMReply.rate_limited(), LLMReply.claims())
    assert make(fake_llm, retries=2).parse(system="s", user="u", schema=SummaryOut).claims == []
    assert len(fake_llm.calls) == 2


def test_positions_go_to_the_model_as_data_and_citations_come_back(fake_llm: FakeOpenAI) -> None:
    when = datetime(2025, 3, 13, tzinfo=UTC)
    view = PositionView(
        id=1,
        actor="Vladimir Putin",
        topic="US ceasefire proposal",
        stance=Stance.CONDITIONAL,
        summary="Backs it on his terms",
        conditions=("Long-term peace",),
        quotes=("we certainly support it",),
        stated_at=when,
        recorded_by="seed",
        recorded_at=when,
        outlet="Reference article",
        url=None,
        title=None,
        speaker=None,
        change=Change(kind=ChangeKind.FIRST),
    )
    fake_llm.script(
        LLMReply.claims(
            (
                "Putin says “we certainly support it”, on conditions.",
                [1, "#2", "one"],
                "Vladimir Putin",
                "conditional support",
            )
        )
    )
    text = llm_summary(make(fake_llm), topic="US ceasefire proposal", views=[view])
    (claim,) = text.claims
    assert claim.text == "Putin says “we certainly support it”, on conditions."
    assert claim.citations == (1, 2, -1)  # a mangled id stays cited, as one it wasn't given
    assert claim.actor == "Vladimir Putin"
    assert claim.stance == Stance.CONDITIONAL
    assert text.drafter.startswith("LLM (fake-model at 127.0.0.1")
    sent = fake_llm.last_request_json()["messages"][1]["content"]
    assert '"id": 1' in sent
    assert "we certainly support it" in sent
