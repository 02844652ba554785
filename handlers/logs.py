"""Logging set-up: one format, Slack libraries kept quiet, secrets never written."""

import logging
import re
from collections.abc import Iterable

from pythonjsonlogger.json import JsonFormatter

# Token shapes Slack and OpenAI issue; redacted even when nobody configured them here.
_TOKEN = re.compile(r"\b(xox[abeprs]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|sk-[A-Za-z0-9_-]{16,})")


class RedactSecrets(logging.Filter):
    """Replace configured secrets and anything token-shaped with [redacted]."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if len(s) >= 8]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = _TOKEN.sub("[redacted]", message)
        for secret in self._secrets:
            clean = clean.replace(secret, "[redacted]")
        if clean != message:
            record.msg, record.args = clean, None
        return True


def configure_logging(*, level: str, secrets: Iterable[str], json: bool = False) -> None:
    """Root logging to stderr (JSON lines when asked); Slack libraries at WARNING."""
    handler = logging.StreamHandler()
    if json:
        handler.setFormatter(
            JsonFormatter(
                "%(asctime)s %(levelname)s %(name)s %(message)s",
                rename_fields={"levelname": "level", "asctime": "time"},
            )
        )
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    handler.addFilter(RedactSecrets(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # APScheduler's executor logs two lines per job run: every schedule re-read, twice a minute.
    for noisy in ("slack_sdk", "slack_bolt", "waitress.queue", "apscheduler.executors"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
