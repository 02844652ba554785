"""The LLM, through the `openai` client: any OpenAI-compatible server, structured outputs.

Every way a call can fail becomes an LLMFailure whose message is fit for the requester.
The client retries 429s, 5xx and timeouts itself (`max_retries`) before we see a failure.
"""

import copy
import json
import logging
import time
from collections.abc import Callable
from typing import Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from bot.errors import UserError

log = logging.getLogger(__name__)
Schema = TypeVar("Schema", bound=BaseModel)

# Passed explicitly: given None, the client reads OPENAI_BASE_URL itself, and an empty value
# there (a copied template) would become an empty base URL.
OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1"
_NEXT_STEP = "Nothing was posted. Press Retry, or try again in a few minutes."


class LLMFailure(UserError):
    """The model gave no usable answer; `kind` says why (timeout, rate_limited, …)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(f"{message} {_NEXT_STEP}")
        self.kind = kind


class SpendRefused(UserError):
    """The workspace's budget, or the person's rate, allows no model call now."""


class Meter(Protocol):
    """What a model call spends: reserved before the call is made, settled after."""

    def reserve(self) -> None:
        """Reserve one call, or raise SpendRefused."""

    def settle(self, *, tokens: int) -> None:
        """The reserved call was made and used `tokens`."""


class LLM:
    """One configured model: `parse()` asks it and returns a validated pydantic object."""

    meter: Meter | None = None

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str | None,
        model: str,
        timeout: float,
        max_retries: int,
        observe: Callable[[float, str | None], None] | None = None,
    ) -> None:
        self.model = model
        self.observe = observe  # (seconds, failure kind or None) per call, for metrics
        # Imported here: `openai` costs about 0.4 s and 16 MB, and only a configured LLM needs it.
        import openai

        self._client = openai.OpenAI(
            api_key=api_key,
            base_url=base_url or OPENAI_DEFAULT_BASE_URL,
            timeout=timeout,
            max_retries=max_retries,
        )

    def metered(self, meter: Meter) -> "LLM":
        """The same model (and connection pool), each call reserved and settled on `meter`."""
        other = copy.copy(self)
        other.meter = meter
        return other

    @property
    def name(self) -> str:
        """How drafts credit it: the model, and the server when it is not OpenAI's."""
        host = self._client.base_url.host
        return self.model if host == "api.openai.com" else f"{self.model} at {host}"

    def parse(self, *, system: str, user: str, schema: type[Schema]) -> Schema:
        """The model's answer as `schema`, or LLMFailure (SpendRefused before any call when
        the meter allows none)."""
        if self.meter is not None:
            self.meter.reserve()
        started = time.monotonic()
        used = [0]
        try:
            answer = self._parse(system=system, user=user, schema=schema, used=used)
        except LLMFailure as failure:
            self._observed(started, failure.kind, used[0])
            raise
        self._observed(started, None, used[0])
        return answer

    def _observed(self, started: float, failure: str | None, tokens: int) -> None:
        if self.meter is not None:
            self.meter.settle(tokens=tokens)
        if self.observe is not None:
            self.observe(time.monotonic() - started, failure)

    def _parse(self, *, system: str, user: str, schema: type[Schema], used: list[int]) -> Schema:
        import openai  # loaded by __init__ already: a dictionary lookup

        try:
            completion = self._client.chat.completions.parse(
                model=self.model,
                messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
                response_format=schema,
                temperature=0,
            )
        except openai.LengthFinishReasonError as error:
            used[0] = _tokens(error.completion)  # a cut-off answer was still paid for
            raise _failure("cut_off", "The language model's answer was cut off.", error) from error
        except openai.APITimeoutError as error:
            raise _failure("timeout", "The language model didn't answer in time.", error) from error
        except openai.RateLimitError as error:
            raise _failure(
                "rate_limited", "The language model is rate-limiting us.", error
            ) from error
        except openai.APIConnectionError as error:
            raise _failure("connection", "Couldn't reach the language model.", error) from error
        except openai.APIStatusError as error:
            kind = "server_error" if error.status_code >= 500 else "rejected"
            raise _failure(kind, "The language model service returned an error.", error) from error
        except (ValidationError, json.JSONDecodeError, openai.APIResponseValidationError) as error:
            raise _failure(
                "invalid_output", "The language model answered in a form we can't use.", error
            ) from error
        except openai.ContentFilterFinishReasonError as error:
            raise _failure("refused", "The language model declined to answer.", error) from error
        used[0] = _tokens(completion)
        message = completion.choices[0].message
        if message.parsed is None:
            raise _failure("refused", "The language model declined to answer.", None)
        return message.parsed


def _tokens(completion: object) -> int:
    """The tokens a completion used, as the server reported them (0 when it did not)."""
    usage = getattr(completion, "usage", None)
    return int(getattr(usage, "total_tokens", 0) or 0)


def _failure(kind: str, message: str, error: Exception | None) -> LLMFailure:
    # Logged without the prompt or the key: the type and status are what an operator needs.
    status = getattr(error, "status_code", None)
    log.warning("LLM call failed: kind=%s error=%s status=%s", kind, type(error).__name__, status)
    return LLMFailure(kind, message)
