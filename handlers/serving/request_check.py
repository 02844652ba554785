"""Check a request to /slack/events before Bolt sees it: signature first, then one parse.

Bolt parses the body before it checks the signature, so without this anyone could make it
answer 500 (a non-UTF-8 body, cut-off JSON, `payload=` that is not a JSON object). Here the
signature is verified on the raw bytes first (401 when it fails), and only then is the body
parsed, once, into the BoltRequest that Bolt dispatches (400 when it cannot be).
Each refusal is logged as one WARNING line naming the problem, never the body.
"""

import hashlib
import hmac
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from json import JSONDecodeError
from typing import Any

from slack_bolt import BoltRequest
from slack_sdk.signature import SignatureVerifier

log = logging.getLogger(__name__)

# 12 digits is the year 33658. Anything else would make the verifier's int() raise (a 500).
_TIMESTAMP = re.compile(r"^[0-9]{1,12}$")


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused: an HTTP status line and a short reason."""

    status: str
    reason: str


class RawBodyVerifier(SignatureVerifier):
    """slack_sdk's verifier (5-minute window, constant-time compare) over the exact bytes.

    Its own `generate_signature` decodes a bytes body as UTF-8 before hashing and raises on
    anything else; Slack signs the bytes it sends, so bytes are hashed as they are.
    """

    def generate_signature(self, *, timestamp: str, body: str | bytes) -> str | None:
        """`v0=` + HMAC-SHA256 of `v0:{timestamp}:{body}`, with a bytes body taken as is."""
        if isinstance(body, str):
            return super().generate_signature(timestamp=timestamp, body=body)
        message = b"v0:" + timestamp.encode() + b":" + body
        return "v0=" + hmac.new(self.signing_secret.encode(), message, hashlib.sha256).hexdigest()


def check_request(
    *,
    verifier: SignatureVerifier,
    body: bytes,
    headers: Mapping[str, str],
    query: str,
) -> BoltRequest | Refusal:
    """The parsed request if it is signed and well formed, otherwise why not (logged)."""
    stamp = headers.get("x-slack-request-timestamp")
    signature = headers.get("x-slack-signature", "")
    if stamp is not None and not _TIMESTAMP.match(stamp):
        return _refuse("401 Unauthorized", "malformed timestamp header")
    try:
        text: str | None = body.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    # compare_digest raises on non-ASCII str; such a header cannot be a signature anyway.
    if not signature.isascii() or not verifier.is_valid_request(
        body if text is None else text, headers
    ):
        return _refuse("401 Unauthorized", "missing, invalid or expired signature")
    if text is None:
        return _refuse("400 Bad Request", "malformed request: body is not UTF-8")
    if not text.strip():
        return _refuse("400 Bad Request", "malformed request: empty body")
    try:
        # Bolt parses here (JSON, form, or a form's `payload` JSON), and reads ids from what
        # it parsed; a payload that is not a JSON object breaks the second step.
        request = BoltRequest(body=text, query=query, headers=dict(headers))
    except JSONDecodeError:
        return _refuse("400 Bad Request", "malformed request: invalid JSON")
    except (AttributeError, TypeError, LookupError, ValueError):
        return _refuse("400 Bad Request", "malformed request: not a Slack payload")
    problem = _shape_problem(request.body)
    if problem is not None:
        return _refuse("400 Bad Request", f"malformed request: {problem}")
    return request


def _shape_problem(body: Any) -> str | None:
    if not isinstance(body, dict):
        return "not a Slack payload"
    if body.get("type") == "url_verification" and not isinstance(body.get("challenge"), str):
        return "url_verification without a challenge"
    return None


def _refuse(status: str, reason: str) -> Refusal:
    log.warning("refused a Slack request (%s): %s", status, reason)
    return Refusal(status=status, reason=reason)
