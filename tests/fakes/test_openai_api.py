"""The fake OpenAI server behaves like the Chat Completions API for the real openai client."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator

import openai
import pydantic
import pytest
from openai.types.chat import ChatCompletionMessageParam
from pydantic import BaseModel

from tests.fakes.openai_api import FakeOpenAI, LLMReply

MESSAGES: list[ChatCompletionMessageParam] = [
    {"role": "system", "content": "Summarise the article."},
    {"role": "user", "content": "The minister said the bridge will open in May."},
]

ClientFactory = Callable[..., openai.OpenAI]


class Summary(BaseModel):
    """A small structured-output model."""

    sentences: list[str]


@pytest.fixture
def llm() -> Iterator[FakeOpenAI]:
    """A running fake OpenAI API."""
    with FakeOpenAI() as fake:
        yield fake


@pytest.fixture
def make_client(llm: FakeOpenAI) -> Iterator[ClientFactory]:
    """Build real openai clients aimed at the fake (no retries unless asked)."""
    clients: list[openai.OpenAI] = []

    def make(timeout: float = 5.0, max_retries: int = 0) -> openai.OpenAI:
        client = openai.OpenAI(
            api_key="test-key", base_url=llm.base_url, timeout=timeout, max_retries=max_retries
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def parse(client: openai.OpenAI) -> Summary | None:
    """A structured-output request for a :class:`Summary`, as the bot would make it."""
    completion = client.chat.completions.parse(
        model="m", messages=MESSAGES, response_format=Summary
    )
    return completion.choices[0].message.parsed


# -- answers ----------------------------------------------------------------------------------


def test_structured_output_is_parsed_and_the_request_recorded(
    llm: FakeOpenAI, make_client: ClientFactory
) -> None:
    llm.script(LLMReply.json({"sentences": ["a", "b"]}))

    completion = make_client().chat.completions.parse(
        model="m", messages=MESSAGES, response_format=Summary
    )

    parsed = completion.choices[0].message.parsed
    assert parsed is not None
    assert parsed.sentences == ["a", "b"]
    assert completion.id == "chatcmpl-fake-1"
    assert completion.model == "m"
    assert completion.choices[0].finish_reason == "stop"
    assert completion.usage is not None
    assert completion.usage.total_tokens == (
        completion.usage.prompt_tokens + completion.usage.completion_tokens
    )
    [call] = llm.calls
    assert call.path == "/v1/chat/completions"
    assert call.headers["authorization"] == "Bearer test-key"
    assert call.body["model"] == "m"
    assert call.body["messages"] == MESSAGES
    response_format = call.body["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["name"] == "Summary"
    assert response_format["json_schema"]["strict"] is True
    assert "sentences" in response_format["json_schema"]["schema"]["properties"]
    assert llm.last_request_json() == call.body


def test_scripted_answers_are_used_in_order_then_the_default(
    llm: FakeOpenAI, make_client: ClientFactory
) -> None:
    client = make_client()
    llm.script(LLMReply(content="first"), LLMReply(content="second"))

    contents = [
        client.chat.completions.create(model="m", messages=MESSAGES).choices[0].message.content
        for _ in range(3)
    ]
    llm.default = LLMReply.json({"sentences": []})
    late_default = parse(client)

    assert contents == ["first", "second", "{}"]
    assert late_default == Summary(sentences=[])


def test_an_unknown_path_is_recorded_and_answered_404_without_using_the_script(
    llm: FakeOpenAI, make_client: ClientFactory
) -> None:
    llm.script(LLMReply.json({"sentences": ["kept"]}))
    client = make_client()

    with pytest.raises(openai.NotFoundError):
        client.models.list()
    parsed = parse(client)

    assert [call.path for call in llm.calls] == ["/v1/models", "/v1/chat/completions"]
    assert parsed == Summary(sentences=["kept"])


# -- failures the client retries --------------------------------------------------------------


def test_rate_limit_then_success_is_retried_by_the_client(
    llm: FakeOpenAI, make_client: ClientFactory
) -> None:
    llm.script(LLMReply.rate_limited(), LLMReply.json({"sentences": ["a"]}))

    parsed = parse(make_client(max_retries=1))

    assert parsed == Summary(sentences=["a"])
    first, second = llm.wait_for(2)
    assert len(llm.calls) == 2
    # retry-after-ms: 1 is honoured; without it the client backs off at least 0.375 s.
    assert second.at - first.at < 0.3


def test_server_error_without_retries_raises_internal_server_error(
    llm: FakeOpenAI, make_client: ClientFactory
) -> None:
    llm.script(LLMReply.server_error())

    with pytest.raises(openai.InternalServerError) as raised:
        parse(make_client(max_retries=0))

    assert raised.value.status_code == 500
    assert len(llm.calls) == 1


def test_rate_limit_without_retries_raises_rate_limit_error(
    llm: FakeOpenAI, make_client: ClientFactory
) -> None:
    llm.script(LLMReply.rate_limited())

    with pytest.raises(openai.RateLimitError) as raised:
        parse(make_client(max_retries=0))

    assert raised.value.code == "rate_limit_exceeded"
    assert raised.value.response.headers["retry-after"] == "0"


def test_a_custom_error_body_reaches_the_client() -> None:
    body = {"error": {"message": "Bad key", "type": "invalid_request_error", "code": "bad_key"}}
    with FakeOpenAI() as llm:
        llm.script(LLMReply(status=401, error_body=body))
        client = openai.OpenAI(api_key="test-key", base_url=llm.base_url, max_retries=0)

        with pytest.raises(openai.AuthenticationError) as raised:
            parse(client)
        client.close()

    assert raised.value.code == "bad_key"
    assert raised.value.body == body["error"]


def test_a_slow_answer_times_the_client_out_and_stopping_does_not_wait_for_it() -> None:
    started = time.monotonic()
    with FakeOpenAI() as llm:
        llm.script(LLMReply.slow(2.0))
        client = openai.OpenAI(
            api_key="test-key", base_url=llm.base_url, timeout=0.5, max_retries=0
        )

        with pytest.raises(openai.APITimeoutError):
            parse(client)
        client.close()

        assert len(llm.calls) == 1
    assert time.monotonic() - started < 1.5


def test_stopping_ends_a_pending_delay_at_once() -> None:
    llm = FakeOpenAI().start()
    llm.script(LLMReply.slow(30.0))
    client = openai.OpenAI(api_key="test-key", base_url=llm.base_url, timeout=30, max_retries=0)
    raised: list[BaseException] = []

    def call() -> None:
        try:
            parse(client)
        except openai.APIConnectionError as exc:
            raised.append(exc)

    caller = threading.Thread(target=call)
    caller.start()
    llm.wait_for(1)
    started = time.monotonic()
    llm.stop()
    caller.join(timeout=5)
    client.close()

    assert time.monotonic() - started < 1.0
    assert not caller.is_alive()
    assert [type(exc) for exc in raised] == [openai.APIConnectionError]


# -- answers the client cannot use ------------------------------------------------------------


def test_cut_off_output_raises_length_finish_reason_error(
    llm: FakeOpenAI, make_client: ClientFactory
) -> None:
    llm.script(LLMReply.cut_off('{"sentences": ["a"'))

    with pytest.raises(openai.LengthFinishReasonError) as raised:
        parse(make_client())

    assert raised.value.completion.choices[0].message.content == '{"sentences": ["a"'


def test_content_that_is_not_json_raises_a_pydantic_validation_error(
    llm: FakeOpenAI, make_client: ClientFactory
) -> None:
    llm.script(LLMReply(content="not json"), LLMReply.json({"sentence": "wrong shape"}))
    client = make_client()

    with pytest.raises(pydantic.ValidationError) as not_json:
        parse(client)
    with pytest.raises(pydantic.ValidationError) as wrong_shape:
        parse(client)

    assert not_json.value.errors()[0]["type"] == "json_invalid"
    assert wrong_shape.value.errors()[0]["type"] == "missing"


def test_a_body_that_is_not_json_raises_json_decode_error(
    llm: FakeOpenAI, make_client: ClientFactory
) -> None:
    llm.script(LLMReply(raw="{not json"))

    with pytest.raises(json.JSONDecodeError):
        parse(make_client())


def test_stream_requests_are_refused_without_using_the_script(
    llm: FakeOpenAI, make_client: ClientFactory
) -> None:
    llm.script(LLMReply(content="kept"))
    client = make_client()

    with pytest.raises(openai.BadRequestError):
        client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
    answer = client.chat.completions.create(model="m", messages=MESSAGES)

    assert answer.choices[0].message.content == "kept"


# -- queries ----------------------------------------------------------------------------------


def test_wait_for_returns_once_another_thread_calls(
    llm: FakeOpenAI, make_client: ClientFactory
) -> None:
    llm.script(LLMReply.json({"sentences": ["a"]}))
    client = make_client()
    caller = threading.Thread(target=parse, args=(client,))
    caller.start()

    [call] = llm.wait_for(1)
    caller.join(timeout=5)

    assert call.body["model"] == "m"


def test_wait_for_times_out_with_the_count_seen(llm: FakeOpenAI) -> None:
    with pytest.raises(AssertionError, match="got 0"):
        llm.wait_for(1, timeout=0.05)


def test_last_request_json_without_a_request_fails(llm: FakeOpenAI) -> None:
    with pytest.raises(AssertionError, match="no request"):
        llm.last_request_json()


def test_reset_forgets_calls_and_scripts_but_keeps_the_default(
    llm: FakeOpenAI, make_client: ClientFactory
) -> None:
    client = make_client()
    llm.default = LLMReply.json({"sentences": ["default"]})
    parse(client)
    llm.script(LLMReply.server_error())

    llm.reset()
    parsed = parse(client)

    assert parsed == Summary(sentences=["default"])
    assert len(llm.calls) == 1
